import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { listInputs, type InputEntry } from "../../src/ingest/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-inputs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
for (const f of ["a.txt", "b.html", "sub/c.pdf", "sub/deep/d.docx", "sub/skip.html", "logo.png", ".hidden.txt", "page_files/app.js"]) {
  fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
  fs.writeFileSync(path.join(dir, f), "x");
}

async function all(entries: AsyncIterable<InputEntry>): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for await (const e of entries) out.push(e);
  return out;
}
const rel = (entries: InputEntry[]) => entries.map((e) => ({ ...e, path: path.relative(dir, e.path) }));

describe("listInputs", () => {
  it("walks folders recursively, documents only, in a stable order", async () => {
    expect(rel(await all(listInputs([dir])))).toEqual([
      { path: "a.txt" },
      { path: "b.html" },
      { path: "sub/c.pdf" },
      { path: "sub/deep/d.docx" },
      { path: "sub/skip.html" },
    ]);
  });

  it("applies include and exclude globs", async () => {
    const entries = await all(listInputs([dir], { include: ["**/*.html", "*.pdf"], exclude: ["sub/skip.*"] }));
    expect(rel(entries)).toEqual([{ path: "b.html" }, { path: "sub/c.pdf" }]);
  });

  it("takes named files as they are, once, and reports missing paths without stopping", async () => {
    const entries = await all(listInputs([path.join(dir, "logo.png"), path.join(dir, "missing.txt"), path.join(dir, "a.txt"), path.join(dir, "a.txt")]));
    expect(rel(entries)).toEqual([{ path: "logo.png" }, { path: "missing.txt", error: "no such file or directory" }, { path: "a.txt" }]);
  });

  it('reads a list of paths from stdin for "-"', async () => {
    const stdin = Readable.from([`${path.join(dir, "a.txt")}\n\n${path.join(dir, "sub")}\r\n${path.join(dir, "nope")}\n`]);
    const entries = await all(listInputs(["-"], { stdin }));
    expect(rel(entries)).toEqual([
      { path: "a.txt" },
      { path: "sub/c.pdf" },
      { path: "sub/deep/d.docx" },
      { path: "sub/skip.html" },
      { path: "nope", error: "no such file or directory" },
    ]);
  });
});
