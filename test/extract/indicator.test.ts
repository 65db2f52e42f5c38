import { describe, expect, it } from "vitest";
import { syllableCount } from "../../src/extract/indicator.js";

const WORD = /[\p{L}\p{N}%][\p{L}\p{N}%.,/-]*[\p{L}\p{N}%]|[\p{L}\p{N}%]/gu;

describe("syllableCount", () => {
  it("counts the words of a span as matched in the span alone, wherever the span cuts the text", () => {
    const text = "năm 2024, đạt 10.000 tỷ đồng/năm -- 5,5%... 𝐀𝐁c d-e x.";
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        const expected = [...text.slice(start, end).matchAll(WORD)].length;
        expect(syllableCount(text, { start, end }), `[${start}, ${end})`).toBe(expected);
      }
    }
  });
});
