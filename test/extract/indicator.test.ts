import { describe, expect, it } from "vitest";
import { lastBoundary, syllableCount } from "../../src/extract/indicator.js";

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

describe("lastBoundary", () => {
  const boundaryIn = (text: string) => {
    const b = lastBoundary({ text, folded: text.toLowerCase() }, 0, text.length);
    return text.slice(b.start, b.end);
  };

  it("ends a phrase at a comma or a colon, but not at one between digits", () => {
    expect(boundaryIn("Tỷ lệ hộ nghèo, tỷ lệ hộ cận nghèo ")).toBe(",");
    expect(boundaryIn("Các chỉ tiêu: tỷ lệ hộ nghèo ")).toBe(":");
    expect(boundaryIn("Môn Lịch sử có điểm trung bình 7,21 ")).toBe("");
    expect(boundaryIn("tỷ lệ hộ sử dụng nước sạch đạt quy chuẩn QCVN 02:2009/BYT là ")).toBe("");
  });
});
