import { describe, expect, it } from "vitest";
import { asciiName, slug, syllables, tokenize } from "../../src/normalise/keys.js";

/** A phrase as its key syllables, joined. */
const phraseKey = (phrase: string) => syllables(phrase).join(" ");

describe("syllables", () => {
  it("fold case, tone-mark placement and i/y spellings", () => {
    expect(phraseKey("Tỉ lệ hộ nghèo")).toBe(phraseKey("tỷ lệ hộ nghèo"));
    expect(phraseKey("Khánh Hoà")).toBe(phraseKey("khánh hòa"));
    expect(phraseKey("liệt sỹ")).toBe(phraseKey("liệt sĩ"));
    // y after no consonant, or after a vowel, is no i
    expect(syllables("y tế, quý, tuy")).toEqual(["y", "tế", "quý", "tuy"]);
  });

  it("drop punctuation and leading zeros", () => {
    expect(phraseKey("trẻ em dưới 06 tuổi")).toBe("trẻ em dưới 6 tuổi");
    expect(phraseKey("tỷ lệ lao động có văn bằng, chứng chỉ")).toBe(phraseKey("tỷ lệ lao động có văn bằng chứng chỉ"));
  });

  it("tokenize keeps offsets into the text", () => {
    const text = "Tỉnh Lào Cai, năm 2024.";
    expect(tokenize(text).map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ["tỉnh", "Tỉnh"], ["lào", "Lào"], ["cai", "Cai"], ["năm", "năm"], ["2024", "2024"],
    ]);
  });

  it("make ASCII names and slugs", () => {
    expect(asciiName("Đắk Nông")).toBe("daknong");
    expect(slug("Bà Rịa - Vũng Tàu")).toBe("ba-ria-vung-tau");
  });
});
