/**
 * Worker threads prepare exactly what the calling thread prepares, bad input
 * included; a document too big for a worker's heap is prepared on the calling
 * thread; and a pool whose workers cannot start says so instead of hanging.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockFingerprint } from "../../src/ingest/index.js";
import { Normaliser, loadNormaliseRules } from "../../src/normalise/index.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { InThreadPreparer, type Preparation } from "../../src/pipeline/prepare.js";
import { WorkerPreparer, defaultWorkerCount, MIN_DOCUMENTS_PER_WORKER } from "../../src/pipeline/workers.js";

const CORPUS = path.join(PACKAGE_ROOT, "corpus");
const documents = ["text", "html", "pdf", "docx"].flatMap((folder) =>
  fs
    .readdirSync(path.join(CORPUS, folder))
    .sort()
    .slice(0, 2)
    .map((name) => path.join(CORPUS, folder, name)),
);
const badInput: Array<[string, Buffer]> = [
  ["empty.txt", Buffer.alloc(0)],
  ["junk.html", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ["truncated.pdf", fs.readFileSync(documents.find((f) => f.endsWith(".pdf"))!).subarray(0, 900)],
];

const inThread = new InThreadPreparer({ ingest: {}, normaliser: new Normaliser(loadNormaliseRules(), []) });
const pool = new WorkerPreparer(2, { ingest: {}, mappings: [] });
afterAll(() => pool.close());

/** A preparation as plain data: worker threads hand back copies, not the same objects. */
function plain(preparation: Preparation): unknown {
  return JSON.parse(JSON.stringify(preparation, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("base64") : value)));
}

describe("WorkerPreparer", () => {
  it("prepares every format as the calling thread does, raw bytes included", async () => {
    const inputs = documents.map((file) => [file, fs.readFileSync(file)] as const);
    const fromWorkers = await Promise.all(inputs.map(([file, bytes]) => pool.prepare(file, bytes)));
    for (const [i, [file, bytes]] of inputs.entries()) {
      const expected = await inThread.prepare(file, bytes);
      expect(expected.ok, file).toBe(true);
      expect(plain(fromWorkers[i]), file).toEqual(plain(expected));
      if (fromWorkers[i].ok) expect(Buffer.isBuffer(fromWorkers[i].ok && fromWorkers[i].document.record.raw)).toBe(true);
    }
  });

  it("gives bad input the same one-line reason as the calling thread", async () => {
    for (const [name, bytes] of badInput) {
      const expected = await inThread.prepare(name, bytes);
      expect(expected.ok, name).toBe(false);
      expect(await pool.prepare(name, bytes)).toEqual(expected);
    }
  });

  it("passes hints on: a learnt boilerplate block is left out", async () => {
    const page = Buffer.from("<html><body><article><p>Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.</p><p>Chương trình khuyến mãi tặng 500 phần quà cho bạn đọc.</p></article></body></html>");
    const plainRun = await pool.prepare("hint.html", page);
    expect(plainRun.ok && plainRun.document.record.text).toContain("khuyến mãi");
    const dropped = await pool.prepare("hint.html", page, { dropBlocks: new Set([blockFingerprint("Chương trình khuyến mãi tặng 500 phần quà cho bạn đọc.")]) });
    expect(dropped.ok && dropped.document.record.text).not.toContain("khuyến mãi");
  });

  it("prepares on the calling thread a document that runs its worker out of memory twice, and the others in workers", async () => {
    const [file] = documents;
    const small = fs.readFileSync(file);
    const big = Buffer.concat(Array.from({ length: 200 }, () => small));
    let fellBack: string[] = [];
    const fallback = { prepare: (source: string, bytes: Buffer) => ((fellBack = [...fellBack, source]), inThread.prepare(source, bytes)), close: async () => {} };
    const tight = new WorkerPreparer(2, { ingest: {}, mappings: [] }, { heapMb: 32, fallback });
    try {
      const [bigDone, smallDone] = await Promise.all([tight.prepare("big.txt", big), tight.prepare(file, small)]);
      expect(fellBack).toEqual(["big.txt"]);
      expect(plain(bigDone)).toEqual(plain(await inThread.prepare("big.txt", big)));
      expect(plain(smallDone)).toEqual(plain(await inThread.prepare(file, small)));
      expect(plain(await tight.prepare(file, small))).toEqual(plain(smallDone));
    } finally {
      await tight.close();
    }
  }, 60_000);

  it("rejects every document, with the reason, when its workers cannot even start", async () => {
    const broken = new WorkerPreparer(1, { ingest: {}, mappings: null as never });
    try {
      await expect(broken.prepare("a.txt", Buffer.from("Năm 2024 đạt 15.000 lao động."))).rejects.toThrow(/worker threads cannot start/);
      await expect(broken.prepare("b.txt", Buffer.from("x"))).rejects.toThrow(/worker threads cannot start/);
    } finally {
      await broken.close();
    }
  });
});

describe("defaultWorkerCount", () => {
  it("starts no workers for a handful of documents, and at most one per core", () => {
    expect(defaultWorkerCount(MIN_DOCUMENTS_PER_WORKER - 1)).toBe(0);
    expect(defaultWorkerCount(MIN_DOCUMENTS_PER_WORKER)).toBe(1);
    expect(defaultWorkerCount(1_000_000)).toBeGreaterThanOrEqual(1);
  });
});
