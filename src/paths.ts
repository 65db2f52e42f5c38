import { fileURLToPath } from "node:url";
import path from "node:path";

/** The package root: src/ and dist/ both sit one level below it. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where the rules live; CHITIEU_RULES points elsewhere for experiments. */
export const RULES_DIR = process.env.CHITIEU_RULES ? path.resolve(process.env.CHITIEU_RULES) : path.join(PACKAGE_ROOT, "rules");
