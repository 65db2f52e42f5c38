import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IngestError, ingestBytes, ingestFile } from "../../src/ingest/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-ingest-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const VIETNAMESE = "Năm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người, đạt 103,5% kế hoạch.";

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).message).toBe(`${(err as IngestError).source}: ${(err as IngestError).reason}`);
    expect((err as IngestError).reason).not.toContain("\n");
    return (err as IngestError).reason;
  }
  throw new Error("expected an IngestError");
}

describe("bad input is an IngestError with a one-line reason", () => {
  it("empty file", async () => {
    expect(await reason(ingestBytes("empty.txt", Buffer.alloc(0)))).toBe("empty file");
  });

  it("binary junk named .html", async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect(await reason(ingestBytes("page.html", junk))).toBe("binary data, not text");
  });

  it("an image or a legacy Word file named .html", async () => {
    expect(await reason(ingestBytes("a.html", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])))).toBe("PNG image");
    expect(await reason(ingestBytes("a.doc", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toMatch(/legacy Office file/);
  });

  it("a zip archive that is not a DOCX, and a broken DOCX", async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("notes/readme.txt")]);
    expect(await reason(ingestBytes("a.docx", zip))).toBe("zip archive that is not a DOCX document");
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("word/document.xml garbage")]);
    expect(await reason(ingestBytes("b.docx", broken))).toMatch(/^unreadable DOCX/);
  });

  it("a file that is not a PDF past its header", async () => {
    expect(await reason(ingestBytes("a.pdf", Buffer.from("%PDF-1.7\nthis is not a PDF body\n")))).toMatch(/PDF/);
  });

  it("documents with no Vietnamese text", async () => {
    expect(await reason(ingestBytes("english.txt", Buffer.from("The quick brown fox jumps over the lazy dog. ".repeat(20))))).toBe("no Vietnamese text");
    expect(await reason(ingestBytes("menu.html", Buffer.from("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")))).toMatch(/no article text found|no Vietnamese text/);
  });

  it("files over the size limit, refused before reading", async () => {
    const file = path.join(dir, "big.txt");
    fs.writeFileSync(file, VIETNAMESE.repeat(100));
    expect(await reason(ingestFile(file, { maxBytes: 1024 }))).toMatch(/^too large: \d+ KiB \(limit 1 KiB\)$/);
    expect(await reason(ingestBytes("big.txt", Buffer.from(VIETNAMESE.repeat(100)), { maxBytes: 1024 }))).toMatch(/^too large/);
  });

  it("unreadable files: missing, dangling link, folder", async () => {
    expect(await reason(ingestFile(path.join(dir, "missing.txt")))).toBe("no such file");
    const link = path.join(dir, "dangling.txt");
    fs.symlinkSync(path.join(dir, "nowhere.txt"), link);
    expect(await reason(ingestFile(link))).toBe("no such file");
    expect(await reason(ingestFile(dir))).toBe("is a directory");
  });

  it("a good file still reads", async () => {
    const file = path.join(dir, "ok.txt");
    fs.writeFileSync(file, VIETNAMESE);
    const doc = await ingestFile(file);
    expect(doc).toMatchObject({ name: "ok.txt", format: "text", encoding: "utf-8", byteSize: Buffer.byteLength(VIETNAMESE), text: VIETNAMESE });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.blocks).toEqual([{ type: "paragraph", start: 0, end: VIETNAMESE.length, sourceRange: [0, VIETNAMESE.length] }]);
  });
});
