/**
 * Rejections and corrections exported as rule examples: lines in the examples format, under the
 * rule that made the record, marked as a gap exactly when the current rules still get them wrong.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { loadExtractionRules } from "../../src/extract/rules.js";
import { runExtraction } from "../../src/pipeline/run.js";
import { exampleLines, reviewExamples, type RuleExample } from "../../src/review/examples.js";
import { RuleExample as Example } from "../../src/extract/examples.js";
import { openStore, recordDecision } from "../../src/store/index.js";
import { rejectedAndCorrected, type DecidedRecord } from "../../src/store/review-queries.js";
import { tempDir } from "./helpers.js";

/** Whether the examples test would pass the example (as a role rule's example, gap aside). */
function passes(example: RuleExample): boolean {
  const text = example.text.normalize("NFC");
  const mentions = extract(text, { documentDate: example.date ?? null });
  if (example.expect.length === 0) return mentions.filter((m) => m.rule === example.rule).length === 0;
  return example.expect.every(({ span, ...fields }) => {
    const found = mentions.find((m) => text.slice(...m.value_span) === span);
    return found !== undefined && found.rule === example.rule && Object.entries(fields).every(([k, v]) => (found as unknown as Record<string, unknown>)[k] === v);
  });
}

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("examples from a real extraction", () => {
  it("are valid lines for the rule's examples file, gaps marked as the rules stand", async () => {
    const source = path.join(dir, "bao-cao.txt");
    fs.writeFileSync(source, "Báo cáo\n\nNăm 2024, toàn tỉnh đã giải quyết việc làm cho 14.200 lao động.\n\nNăm 2025, tỉnh phấn đấu tạo việc làm mới cho 16.000 lao động.\n");
    const db = path.join(dir, "examples.sqlite");
    await runExtraction({ paths: [source], db });
    const store = openStore(db);
    try {
      const mentions = store.db.prepare("SELECT id, value_text, kind, value FROM mentions ORDER BY value_start").all() as Array<{ id: number; value_text: string; kind: string; value: number }>;
      const [done, planned] = ["14.200 lao động", "16.000 lao động"].map((v) => mentions.find((m) => m.value_text === v)!);
      expect(done && planned).toBeTruthy();
      recordDecision(store, { mentionId: planned.id, reviewer: "lan", action: "reject", reason: "a plan, not news" });
      recordDecision(store, { mentionId: done.id, reviewer: "lan", action: "edit", correction: { value: 14300, kind: done.kind === "actual" ? "target" : "actual" } });
      const files = reviewExamples(rejectedAndCorrected(store), loadExtractionRules().roles);
      const roles = loadExtractionRules().roles;
      const examples = files.flatMap((f) => f.examples.map((e) => ({ file: f.file, e })));
      expect(examples).toHaveLength(2);
      for (const { file, e } of examples) {
        expect(Example.safeParse(e).success).toBe(true);
        expect(`patterns/${file}.yaml`).toBe(roles.find((r) => r.id === e.rule)!.file);
        expect(e.gap ?? false).toBe(!passes(e));
        expect(e.date).toBe(undefined);
      }
      const rejection = examples.find(({ e }) => e.note?.includes("rejected"))!.e;
      expect(rejection).toMatchObject({ text: "Năm 2025, tỉnh phấn đấu tạo việc làm mới cho 16.000 lao động.", expect: [], note: expect.stringContaining("a plan, not news") });
      // The rules made this record, so they still get its rejection wrong.
      expect(rejection.gap).toBe(true);
      const correction = examples.find(({ e }) => e.note?.includes("corrected"))!.e;
      expect(correction.expect).toEqual([{ span: "14.200 lao động", kind: done.kind === "actual" ? "target" : "actual", value: 14300 }]);
      expect(correction.gap).toBe(true);
      const lines = exampleLines(files[0].examples).split("\n").filter(Boolean);
      expect(lines.map((l) => JSON.parse(l))).toEqual(files[0].examples);
    } finally {
      store.close();
    }
  });
});

const record = (fields: Record<string, string | number | null>) => ({
  mention_id: 1, rule: "value.reaches", sentence: "Năm 2025, tỷ lệ hộ nghèo giảm còn 1,5% và tỷ lệ cận nghèo còn 2%.", value_text: "1,5%", kind: "target",
  value: 1.5, value_max: null, unit: "%", qualifier: null, per: null, period: "2025", indicator: "tỷ lệ hộ nghèo", basis: null, estimated: 0,
  published_at: "2025-01-08T10:00:00+07:00", review_status: "rejected", ...fields,
});

function decided(fields: Record<string, string | number | null>, siblings: ReturnType<typeof record>[] = [], original = {}): DecidedRecord {
  const r = record(fields);
  return { record: r, original: { ...r, ...original }, reason: null, reviewer: "minh", decided_at: "2025-02-01T00:00:00Z", siblings };
}

describe("examples from decisions", () => {
  const roles = [{ id: "value.reaches", file: "patterns/outcome.yaml" }];

  it("expect nothing from a rejected record's rule, or exactly the records of it that stand", () => {
    const [alone] = reviewExamples([decided({})], roles)[0].examples;
    expect(alone).toMatchObject({ rule: "value.reaches", date: "2025-01-08", expect: [] });
    const sibling = record({ mention_id: 2, value_text: "2%", kind: "target", review_status: "accepted" });
    const otherRule = record({ mention_id: 3, value_text: "3%", rule: "value.figure", review_status: "unreviewed" });
    const [withOthers] = reviewExamples([decided({}, [sibling, otherRule])], roles)[0].examples;
    expect(withOthers.expect).toEqual([{ span: "2%", kind: "target" }]);
  });

  it("expect a corrected record with its kind and the fields the reviewer changed", () => {
    const edit = decided({ review_status: "corrected", kind: "actual", period: "2024", indicator: "hộ nghèo" }, [], { kind: "target", period: "2025", indicator: "tỷ lệ hộ nghèo" });
    const [example] = reviewExamples([edit], roles)[0].examples;
    expect(example.expect).toEqual([{ span: "1,5%", kind: "actual", period: "2024", indicator: "hộ nghèo" }]);
    expect(example.note).toContain('was kind "target", period "2025", indicator "tỷ lệ hộ nghèo"');
  });

  it("group by examples file, with rules no longer in the rules apart", () => {
    const files = reviewExamples([decided({}), decided({ rule: "gone.rule" })], roles);
    expect(files.map((f) => [f.file, f.examples.length])).toEqual([["outcome", 1], [null, 1]]);
  });
});
