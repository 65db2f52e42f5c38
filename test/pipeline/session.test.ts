/**
 * ExtractionSession commits in batches: when a batch is full, after a short
 * delay, or on flush(); a document whose mentions do not fit its text fails
 * alone; a store failure reaches every document of its batch.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadExtractionRules } from "../../src/extract/index.js";
import { Normaliser, loadNormaliseRules } from "../../src/normalise/index.js";
import { InThreadPreparer, type DocumentPreparer, type Preparation, type PreparationHints } from "../../src/pipeline/prepare.js";
import { ExtractionSession, FLUSH_DELAY_MS, type DocumentEvent } from "../../src/pipeline/session.js";
import { StoreError, openStore } from "../../src/store/index.js";
import type { IndicatorStore } from "../../src/store/types.js";

const normaliser = new Normaliser(loadNormaliseRules(), []);
const article = (n: number) => Buffer.from(`Năm 2024, tỉnh giải quyết việc làm cho ${n}.000 lao động, đạt 103,5% kế hoạch.`);
const stores: IndicatorStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function newStore(): IndicatorStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-session-"));
  const store = openStore(path.join(dir, "s.sqlite"));
  stores.push(store);
  return store;
}

const storedCount = (store: IndicatorStore) => store.db.prepare("SELECT count(*) FROM documents").pluck().get() as number;

function session(store: IndicatorStore, batchSize: number, preparer?: DocumentPreparer, rulesVersion = loadExtractionRules().version) {
  const events: DocumentEvent[] = [];
  const runId = store.beginRun("extract", [], rulesVersion);
  const s = new ExtractionSession(store, runId, {
    preparer: preparer ?? new InThreadPreparer({ ingest: {}, normaliser }),
    batchSize,
    onDocument: (e) => events.push(e),
  });
  return { session: s, events };
}

/** Prepares as usual, then breaks the mentions of one source so they no longer fit its text. */
class BreakingPreparer implements DocumentPreparer {
  private readonly inner = new InThreadPreparer({ ingest: {}, normaliser });
  constructor(private readonly broken: string) {}
  async prepare(source: string, bytes: Buffer, hints?: PreparationHints): Promise<Preparation> {
    const preparation = await this.inner.prepare(source, bytes, hints);
    if (preparation.ok && source === this.broken) for (const m of preparation.document.normalised) m.span = [0, 10_000];
    return preparation;
  }
  async close(): Promise<void> {}
}

describe("ExtractionSession batches", () => {
  it("commits a full batch at once, and tells of each document only once it is committed", async () => {
    const store = newStore();
    const { session: s, events } = session(store, 3);
    const first = await s.submit("a.txt", article(1));
    await s.submit("b.txt", article(2));
    expect(storedCount(store)).toBe(0);
    expect(events).toEqual([]);
    await s.submit("c.txt", article(3));
    expect(storedCount(store)).toBe(3);
    expect(await first.committed).toEqual({ status: "stored", source: "a.txt", mentions: 2 });
    expect(events.map((e) => e.source)).toEqual(["a.txt", "b.txt", "c.txt"]);
  });

  it("commits a partly filled batch after a short delay, or on flush()", async () => {
    const store = newStore();
    const { session: s } = session(store, 100);
    const { committed } = await s.submit("a.txt", article(1));
    expect(storedCount(store)).toBe(0);
    await committed;
    expect(storedCount(store)).toBe(1);
    await s.submit("b.txt", article(2));
    s.flush();
    expect(storedCount(store)).toBe(2);
    expect(FLUSH_DELAY_MS).toBeLessThan(1000);
  });

  it("fails a document whose mentions do not fit its text, alone, and stores the rest of its batch", async () => {
    const store = newStore();
    const { session: s, events } = session(store, 3, new BreakingPreparer("b.txt"));
    await s.submit("a.txt", article(1));
    await s.submit("b.txt", article(2));
    await s.submit("c.txt", article(3));
    expect(storedCount(store)).toBe(2);
    const failed = events.find((e) => e.source === "b.txt");
    expect(failed?.status).toBe("failed");
    expect(failed?.status === "failed" && failed.reason).toMatch(/outside the text/);
    expect(s.counts).toMatchObject({ documents: 2, failed: 1 });
  });

  it("skips an unchanged document, counting its stored mentions without reading them", async () => {
    const store = newStore();
    await session(store, 1).session.process("a.txt", article(1));
    const { session: again } = session(store, 1);
    expect(await again.process("a.txt", article(1))).toEqual({ status: "unchanged", source: "a.txt", mentions: 2 });
    expect(again.counts).toMatchObject({ unchanged: 1, kept: 2 });
  });

  it("extracts an unchanged document again when the rules have changed since", async () => {
    const store = newStore();
    await session(store, 1, undefined, "0.9.0+older").session.process("a.txt", article(1));
    const { session: again } = session(store, 1);
    expect(await again.process("a.txt", article(1))).toMatchObject({ status: "stored", source: "a.txt" });
    expect(again.counts).toMatchObject({ documents: 1, unchanged: 0 });
    expect(store.db.prepare("SELECT rules_version FROM documents").pluck().get()).toBe(loadExtractionRules().version);
  });

  it("rejects the commit of every document of a batch the store cannot write", async () => {
    const store = newStore();
    const failing = Object.create(store) as IndicatorStore;
    failing.saveDocuments = () => {
      throw new StoreError(store.path, "disk or database full");
    };
    const { session: s } = session(failing, 2);
    const first = await s.submit("a.txt", article(1));
    const second = await s.submit("b.txt", article(2));
    await expect(first.committed).rejects.toThrow(/disk or database full/);
    await expect(second.committed).rejects.toThrow(/disk or database full/);
    expect(storedCount(store)).toBe(0);
  });
});
