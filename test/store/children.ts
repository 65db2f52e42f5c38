/** Child processes for the store tests: a .ts script and the sources it imports, compiled once per test file. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Compiles `entry` (a path from the package root) and every module it imports by relative path
 * into a temporary tree beside a link to node_modules; returns the .js path to run with node.
 * Types are erased, not checked (the typecheck does that).
 */
export function compileChild(entry: string): { script: string; cleanup: () => void } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-child-"));
  fs.chmodSync(out, 0o755);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(out, "node_modules"), "dir");
  const pending = [path.join(ROOT, entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(path.resolve(path.dirname(file), fileName.replace(/\.js$/, ".ts")));
    }
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = path.join(out, path.relative(ROOT, file).replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, outputText);
  }
  // An ESM package scope for the compiled tree, as package.json gives the sources.
  fs.writeFileSync(path.join(out, "package.json"), '{"type":"module"}\n');
  return {
    script: path.join(out, entry.replace(/\.ts$/, ".js")),
    cleanup: () => fs.rmSync(out, { recursive: true, force: true }),
  };
}
