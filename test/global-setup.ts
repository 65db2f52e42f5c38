/** Builds dist/ (server and review client) once before the suite: the CLI tests run the built command as a user would. */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: path.resolve(import.meta.dirname, ".."), stdio: "inherit" });
}
