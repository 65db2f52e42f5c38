import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatStats, openStore, recordDecision, storeStats } from "../../src/store/index.js";
import { RULES, buildResearchStore, tempDir } from "./helpers.js";

const dir = tempDir();
const file = path.join(dir, "indicators.sqlite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  buildResearchStore(file);
  const store = openStore(file);
  const failed = store.beginRun("extract", ["corpus", "more"], RULES);
  store.recordIngestError(failed, "more/scan.pdf", "PDF has no text layer (a scanned image)");
  store.recordIngestError(failed, "corpus/text/001_tra_vinh.txt", "cannot read: EACCES");
  store.finishRun(failed, { documents: 0, unchanged: 5, mentions: 0, errors: 2 });
  store.beginRun("extract", ["corpus"], RULES);
  const rejected = store.db.prepare("SELECT id FROM mentions WHERE value = 16000").pluck().get() as number;
  recordDecision(store, { mentionId: rejected, reviewer: "lan", action: "reject" });
  store.close();
});

describe("storeStats", () => {
  it("counts documents, mentions by kind and review status", () => {
    const store = openStore(file, { readonly: true });
    const stats = storeStats(store, { top: 3, runs: 2, errors: 5 });
    store.close();
    expect(stats.documents).toEqual({ count: 5, bytes: expect.any(Number), byFormat: { html: 1, text: 4 } });
    expect(stats.mentions).toEqual({
      count: 16,
      byKind: { actual: 8, attainment: 2, target: 6 },
      byReviewStatus: { rejected: 1, unreviewed: 15 },
    });
    expect(stats.topIndicators).toEqual([
      { indicator: "Tạo việc làm mới", indicatorId: "jobs.new", mentions: 4, documents: 3 },
      { indicator: "hộ nghèo", indicatorId: "poverty.rate", mentions: 2, documents: 2 },
      { indicator: "lao động qua đào tạo", indicatorId: null, mentions: 2, documents: 1 },
    ]);
    expect(stats.ingestErrors).toEqual({
      count: 2,
      unresolvedSources: 1,
      recent: [
        { runId: 2, source: "corpus/text/001_tra_vinh.txt", reason: "cannot read: EACCES", at: expect.any(String) },
        { runId: 2, source: "more/scan.pdf", reason: "PDF has no text layer (a scanned image)", at: expect.any(String) },
      ],
    });
    expect(stats.lastRuns).toEqual([
      expect.objectContaining({ id: 3, finishedAt: null, command: "extract", args: ["corpus"], documents: null }),
      expect.objectContaining({ id: 2, command: "extract", args: ["corpus", "more"], rulesVersion: RULES, documents: 0, unchanged: 5, mentions: 0, errors: 2 }),
    ]);
  });

  it("reads as a short report", () => {
    const store = openStore(file, { readonly: true });
    const report = formatStats(storeStats(store, { top: 2, runs: 2, errors: 1 }));
    store.close();
    const lines = report.split("\n");
    expect(lines.slice(1, 6)).toEqual([
      expect.stringMatching(/^documents: 5 \(\d+ bytes; html 1, text 4\)$/),
      "mentions: 16 (actual 8, attainment 2, target 6)",
      "review: rejected 1, unreviewed 15",
      "top indicators:",
      "  4\t3 docs\tTạo việc làm mới [jobs.new]",
    ]);
    expect(report).toContain("ingest errors: 2 (1 sources still not stored)\n  run 2\tcorpus/text/001_tra_vinh.txt: cannot read: EACCES\n");
    expect(report).toMatch(/  #3 \S+ extract corpus \[rules rules-test-1\]: unfinished \(running or interrupted\)\n/);
    expect(report).toMatch(/  #2 \S+ extract corpus more \[rules rules-test-1\]: 0 documents, 5 unchanged, 0 mentions, 2 errors\n$/);
  });
});
