import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { convertLegacyMojibake, decodeLegacy, encodeLegacy, repairLegacyText } from "../../src/ingest/legacy.js";
import { isVietnameseSyllable, scoreVietnamese, type VietnameseScore } from "../../src/ingest/vietnamese.js";

const SAMPLE =
  "Năm 2025, ngành Lao động - Thương binh và Xã hội tỉnh Hậu Giang đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động; " +
  "nâng lao động qua đào tạo đạt 71%; giảm hộ nghèo 0,74%/năm trở lên.\n\n" +
  "ĐỘC LẬP - TỰ DO - HẠNH PHÚC. Ủy ban nhân dân huyện Phước Sơn, quý Ông Nguyễn Thị Thuỷ, người được giao nhiệm vụ ước đạt 103,5% kế hoạch.\n";

const nfc = (s: string) => s.normalize("NFC");

/** Windows-1258 keeps vowels with ă â ê ô ơ ư as letters and writes tones as combining marks. */
function toWindows1258(text: string): Buffer {
  const decomposed = text.normalize("NFD").replace(/(\p{L})(\p{M}+)/gu, (_, base: string, marks: string) => {
    const modifiers = marks.replace(/[^\u0302\u0306\u031b]/g, "");
    return (base + modifiers).normalize("NFC") + marks.replace(/[\u0302\u0306\u031b]/g, "");
  });
  return iconv.encode(decomposed, "windows-1258");
}

describe("text encodings are detected from content and named", () => {
  const cases: [string, Buffer][] = [
    ["utf-8", Buffer.from(SAMPLE, "utf8")],
    ["utf-8-bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, "utf8")])],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, "utf-16le")])],
    ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, "utf-16be")])],
    ["windows-1258", toWindows1258(SAMPLE)],
    ["tcvn3", encodeLegacy(SAMPLE.toLowerCase(), "tcvn3")],
    ["vni", encodeLegacy(SAMPLE, "vni")],
  ];
  for (const [encoding, bytes] of cases) {
    it(encoding, async () => {
      const doc = await ingestBytes(`sample-${encoding}.txt`, bytes);
      expect(doc.encoding).toBe(encoding);
      expect(doc.format).toBe("text");
      const expected = encoding === "tcvn3" ? SAMPLE.toLowerCase() : SAMPLE;
      expect(nfc(doc.text)).toBe(nfc(expected).trim());
    });
  }

  it("UTF-16 without a byte-order mark", async () => {
    const le = await ingestBytes("a.txt", iconv.encode(SAMPLE, "utf-16le"));
    const be = await ingestBytes("b.txt", iconv.encode(SAMPLE, "utf-16be"));
    expect([le.encoding, be.encoding]).toEqual(["utf-16le", "utf-16be"]);
    expect(le.text).toBe(be.text);
  });

  it("windows-1258 text comes out with combining tone marks (the text stage composes them)", async () => {
    const doc = await ingestBytes("a.txt", toWindows1258(SAMPLE));
    expect(doc.text).not.toBe(nfc(doc.text));
  });

  it("legacy tables round-trip every Vietnamese letter", () => {
    const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    expect(decodeLegacy(encodeLegacy(letters, "tcvn3"), "tcvn3")).toBe(letters);
    expect(decodeLegacy(encodeLegacy(letters, "vni"), "vni")).toBe(letters);
    expect(decodeLegacy(encodeLegacy(letters.toUpperCase(), "vni"), "vni")).toBe(letters.toUpperCase());
  });

  it("decodes the classic legacy forms", () => {
    expect(decodeLegacy(Buffer.from("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "latin1"), "tcvn3")).toBe("Cộng hoà xã hội chủ nghĩa Việt Nam");
    expect(decodeLegacy(Buffer.from("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "latin1"), "vni")).toBe("Cộng hòa xã hội chủ nghĩa Việt Nam");
  });

  it("repairs legacy-font text that was saved as UTF-8", async () => {
    const mojibake = encodeLegacy(SAMPLE.toLowerCase(), "tcvn3").toString("latin1");
    const doc = await ingestBytes("copied.txt", Buffer.from(mojibake, "utf8"));
    expect(doc.encoding).toBe("utf-8+tcvn3");
    expect(nfc(doc.text)).toBe(nfc(SAMPLE.toLowerCase()).trim());
  });

  it("reads Vietnamese syllables and rejects mis-decoded ones", () => {
    for (const w of ["người", "nghĩa", "khuya", "huyện", "quốc", "giữa", "Thuỷ", "ĐỘC"]) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ["Vieọt", "ủửụù", "héi", "hoµ"]) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});

describe("scoring and legacy repair", () => {
  /** The score as the definitions say it: words are runs of letters and marks, strays non-ASCII symbols Vietnamese text does not use. */
  function referenceScore(text: string): VietnameseScore {
    const score = { syllables: 0, malformed: 0, strays: 0, words: 0 };
    for (const [word] of text.matchAll(/[\p{L}\p{M}]+/gu)) {
      score.words++;
      if (!/[^\x00-\x7f]/.test(word)) continue;
      if (isVietnameseSyllable(word)) score.syllables++;
      else score.malformed++;
    }
    for (const [ch] of text.matchAll(/(?![\x00-\x7f])[\p{P}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu)) {
      if (!/[\u00a0\u2000-\u206f\u00ab\u00bb\u00b0\u2116\u20ab]/u.test(ch)) score.strays++;
    }
    return score;
  }

  it("scores text one code point at a time as the definitions say", () => {
    const texts = [
      SAMPLE,
      encodeLegacy(SAMPLE.toLowerCase(), "tcvn3").toString("latin1"),
      encodeLegacy(SAMPLE, "vni").toString("latin1"),
      "Vie\u0302\u0323t Nam « 25 °C » — ok… \u{1d400}bc 😀 x\ud800y \udc00 ¤ ¶ \u0085 \ue000 café",
      "",
      "ệ",
    ];
    for (const text of texts) expect(scoreVietnamese(text), text.slice(0, 20)).toEqual(referenceScore(text));
  });

  it("does not try the legacy tables on text with a character no legacy byte reads as", () => {
    expect(convertLegacyMojibake(SAMPLE, "tcvn3")).toBeNull();
    expect(convertLegacyMojibake("Céng hoµ x· héi 😀", "tcvn3")).toBeNull();
    expect(repairLegacyText(SAMPLE)).toBeNull();
    expect(convertLegacyMojibake("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3")).toBe("Cộng hoà xã hội chủ nghĩa Việt Nam");
    // pdf.js writes the µ of TCVN3 "à" as Greek μ.
    expect(convertLegacyMojibake("Céng ho\u03bc x· héi", "tcvn3")).toBe("Cộng hoà xã hội");
  });
});
