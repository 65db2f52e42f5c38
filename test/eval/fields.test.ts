/** The --fields diagnostic: agreement per field on figure-matched pairs, and per-document counts. */
import { describe, expect, it } from "vitest";
import { fieldDiagnostics } from "../../src/eval/fields.js";
import { parseJsonLines, toRecordSet } from "../../src/eval/load.js";
import { formatFieldDiagnostics } from "../../src/eval/report.js";
import { score } from "../../src/eval/score.js";
import { CaseGenerator, Rng } from "./generate.js";

function records(lines: object[]) {
  const text = lines.map((l) => JSON.stringify(l)).join("\n");
  return toRecordSet(parseJsonLines(text, "test.jsonl"), "test.jsonl", "pred").records;
}

const base = { doc: "a.txt", indicator: "tạo việc làm mới", kind: "target", value: 15000, unit: "lao động", period: "2025" };

describe("fieldDiagnostics", () => {
  it("pairs records on the figure alone and counts the fields that agree", () => {
    const gold = records([
      { ...base, quote: "chỉ tiêu tạo việc làm mới cho 15.000 lao động", qualifier: ">=" },
      { ...base, quote: "giảm hộ nghèo 0,74%/năm", indicator: "giảm hộ nghèo", value: 0.74, unit: "%", per: "year" },
      { ...base, quote: "có 3 phiên giao dịch", value: 3, unit: "phiên", optional: true },
      { ...base, doc: "b.txt", quote: "đạt 71%", value: 71, unit: "%" },
    ]);
    const pred = records([
      { ...base, doc: "x/a.txt", sentence: "Năm 2025, chỉ tiêu tạo việc làm mới cho 15.000 lao động.", kind: "actual", unit: "Lao Động" },
      { ...base, sentence: "giảm hộ nghèo 0,74%/năm trở lên", indicator: "hộ nghèo", value: 0.74, unit: "phần trăm", period: "2025-9M", per: "year" },
      { ...base, sentence: "có 3 phiên giao dịch", value: 3, unit: "phiên" },
      { ...base, doc: "c.txt", sentence: "x", value: 1 },
    ]);
    const diag = fieldDiagnostics(gold, pred);
    expect(diag.pairs).toBe(2);
    expect(diag.agree).toEqual({ kind: 1, unit: 1, indicator: 2, period: 2, qualifier: 1, per: 2 });
    expect(diag.docs).toEqual([
      { doc: "a.txt", gold: 2, optional: 1, pred: 3, value: { tp: 1, fp: 1, fn: 1 }, strict: { tp: 1, fp: 1, fn: 1 } },
      { doc: "b.txt", gold: 1, optional: 0, pred: 0, value: { tp: 0, fp: 0, fn: 1 }, strict: { tp: 0, fp: 0, fn: 1 } },
      { doc: "c.txt", gold: 0, optional: 0, pred: 1, value: { tp: 0, fp: 1, fn: 0 }, strict: { tp: 0, fp: 1, fn: 0 } },
    ]);
    expect(formatFieldDiagnostics(diag)).toBe(
      [
        "fields on figure-matched pairs (same doc, quote in sentence, value and value_max, % or not; required gold only): 2 pairs",
        "field       agree   rate",
        "kind            1  0.500",
        "unit            1  0.500",
        "indicator       2  1.000",
        "period          2  1.000",
        "qualifier       1  0.500",
        "per             2  1.000",
        "",
        "doc    gold   opt  pred  v.tp  v.fp  v.fn  s.tp  s.fp  s.fn",
        "a.txt     2     1     3     1     1     1     1     1     1",
        "b.txt     1     0     0     0     0     1     0     0     1",
        "c.txt     0     0     1     0     1     0     0     1     0",
        "",
      ].join("\n"),
    );
  });

  it("adds up, document by document, to score()'s totals on random cases", () => {
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const gen = new CaseGenerator(new Rng(seed), { crashRate: 0, badLineRate: 0 });
      const { gold, pred } = gen.records();
      const g = toRecordSet(parseJsonLines(gen.fileText(gold), "g"), "g", "gold").records;
      const p = toRecordSet(parseJsonLines(gen.fileText(pred), "p"), "p", "pred").records;
      const { result } = score(g, p);
      const diag = fieldDiagnostics(g, p);
      for (const pass of ["value", "strict"] as const) {
        const sum = (k: "tp" | "fp" | "fn") => diag.docs.reduce((n, d) => n + d[pass][k], 0);
        expect([sum("tp"), sum("fp"), sum("fn")]).toEqual([result[pass].all.tp, result[pass].all.fp, result[pass].all.fn]);
      }
      // A value match is a figure match with equal kinds, so figure pairs cover value hits.
      expect(diag.pairs).toBeGreaterThanOrEqual(result.value.all.tp);
      expect(diag.agree.kind).toBeLessThanOrEqual(diag.pairs);
      checked += diag.pairs;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
