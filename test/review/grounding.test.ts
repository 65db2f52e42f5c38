import { describe, expect, it } from "vitest";
import { groundRecord, type GroundedRecord } from "../../src/review/grounding.js";

const TEXT = "Tiêu đề\n\nNăm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.";
const sentence = "Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.";

function recordAt(text: string, value = 15000): GroundedRecord {
  const start = text.indexOf(sentence);
  const evidence = "giải quyết việc làm cho 15.000 lao động";
  const valueText = "15.000 lao động";
  const spanStart = start + sentence.indexOf(evidence);
  const valueStart = start + sentence.indexOf(valueText);
  return {
    sentence, sentence_start: start, sentence_end: start + sentence.length,
    evidence, span_start: spanStart, span_end: spanStart + evidence.length,
    value_text: valueText, value_start: valueStart, value_end: valueStart + valueText.length,
    value, value_max: null, unit: "lao động",
  };
}

describe("grounding", () => {
  it("is exact when every quoted piece is at its offsets and the value is the number written", () => {
    const g = groundRecord(TEXT, recordAt(TEXT));
    expect(g.level).toBe("exact");
    expect(g.checks.map((c) => c.part)).toEqual(["sentence", "evidence", "value text", "value"]);
  });

  it("is approximate when the text moved, changed only in spelling, or the value was corrected", () => {
    const moved = "Một tiêu đề dài hơn\n\n" + sentence;
    const shifted = groundRecord(moved, recordAt(TEXT));
    expect(shifted.level).toBe("approximate");
    expect(shifted.checks[0].note).toMatch(/instead of/);
    const respelled = TEXT.replace("Năm", "NĂM").replace("  ", " ");
    expect(groundRecord(respelled, recordAt(TEXT)).checks[0]).toMatchObject({ level: "approximate", note: expect.stringMatching(/only up to case/) });
    const corrected = groundRecord(TEXT, recordAt(TEXT, 16000));
    expect(corrected.level).toBe("approximate");
    expect(corrected.checks.at(-1)).toMatchObject({ part: "value", level: "approximate", note: expect.stringContaining("16000") });
  });

  it("is none when the sentence is no longer in the text", () => {
    const rewritten = TEXT.replace("15.000", "16.000");
    const g = groundRecord(rewritten, recordAt(TEXT));
    expect(g.level).toBe("none");
    expect(g.checks.find((c) => c.part === "sentence")).toMatchObject({ level: "none" });
  });

  it("reads ranges, decimals and figures in words", () => {
    const range = "Tăng 20-30% so với cùng kỳ.";
    const r = (valueText: string, value: number, valueMax: number | null, unit: string) => {
      const at = range.indexOf(valueText);
      return groundRecord(range, {
        sentence: range, sentence_start: 0, sentence_end: range.length, evidence: valueText, span_start: at, span_end: at + valueText.length,
        value_text: valueText, value_start: at, value_end: at + valueText.length, value, value_max: valueMax, unit,
      });
    };
    expect(r("20-30%", 20, 30, "%").level).toBe("exact");
    expect(r("20-30%", 20, 35, "%").level).toBe("approximate");
    const words = "Đạt ba triệu rưỡi lượt khách.";
    const at = words.indexOf("ba triệu rưỡi");
    const record = { sentence: words, sentence_start: 0, sentence_end: words.length, evidence: "ba triệu rưỡi", span_start: at, span_end: at + 13, value_text: "ba triệu rưỡi", value_start: at, value_end: at + 13, value_max: null, unit: "" };
    expect(groundRecord(words, { ...record, value: 3_500_000 }).level).toBe("exact");
    expect(groundRecord(words, { ...record, value: 3_000_000 }).level).toBe("approximate");
  });

  it.each([
    ["3 nghìn 500 ha", 3500, "ha"],
    ["15 000 tỷ đồng", 15000, "tỷ đồng"],
    ["USD 812 million", 812, "million USD"],
    ["15,000 tấn", 15000, "tấn"],
  ])("reads %s as extraction does", (valueText, value, unit) => {
    const sentence = `Năm 2024 đạt ${valueText}.`;
    const at = sentence.indexOf(valueText);
    const record = { sentence, sentence_start: 0, sentence_end: sentence.length, evidence: valueText, span_start: at, span_end: at + valueText.length, value_text: valueText, value_start: at, value_end: at + valueText.length, value_max: null, unit };
    expect(groundRecord(sentence, { ...record, value }).level).toBe("exact");
    expect(groundRecord(sentence, { ...record, value: value + 1 }).level).toBe("approximate");
  });
});
