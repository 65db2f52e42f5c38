/** Builds dist/ (server and review client) once before the suite: the CLI tests run the built command as a user would. */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  for (const project of ["tsconfig.json", "src/review/client/tsconfig.json"]) {
    execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, stdio: "inherit" });
  }
}
