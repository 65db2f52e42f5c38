import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { foldForMatching, foldVietnamese, normaliseText, prepareText } from "../../src/text/index.js";

const ROUNDS = Number(process.env.TEXT_PROPERTY_ROUNDS ?? 1500);

/** A small seeded generator, so that a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The normalisation written the slow, obvious way: one character at a time, then NFC. */
function reference(source: string): string {
  return source
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, "\n")
    .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g, "")
    .normalize("NFC");
}

// Pieces that exercise every path: plain ASCII, composed and decomposed
// Vietnamese, marks that do not compose, spaces, invisible characters, line
// ends, singletons that change under NFC (Ω, Å, K), one that grows (क़),
// conjoining jamo, and an astral character.
const PIECES = [
  "a", "e", "o", "u", "N", " ", ".", "5", "-", "\n",
  "ệ", "ư", "Đ", "hoà", "–",
  "e\u0323\u0302", "u\u031B", "o\u031B\u0300", "A\u0301", "x\u0301", "a\u0301\u0302", "\u0301",
  "\u00A0", "\u2009", "\u202F", "\u2007", "\u3000", "\t",
  "\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD",
  "\r\n", "\r", "\f", "\u2028",
  "\u2126", "\u212B", "\u212A", "\u0958", "\u1100\u1161", "\u1100\u1161\u11A8", "😀",
];

function generate(next: () => number): string {
  let s = "";
  const n = 1 + Math.floor(next() * 24);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** Offsets a segmenter can produce: not before a combining mark or a conjoining jamo, not inside a surrogate pair. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const ch = text.codePointAt(i);
    if (i < text.length && /[\p{M}\u1160-\u11FF]/u.test(String.fromCodePoint(ch!))) continue;
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    out.push(i);
  }
  return out;
}

describe("normaliseText", () => {
  it("returns text that is already normal unchanged, mapping offsets to themselves", () => {
    const source = "Năm 2025, ngành đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động.";
    const { text, toSource } = normaliseText(source);
    expect(text).toBe(source);
    expect(toSource(0)).toBe(0);
    expect(toSource(10)).toBe(10);
    expect(toSource(source.length)).toBe(source.length);
  });

  it("composes decomposed Vietnamese and maps offsets back across the length change", () => {
    const source = "Vie\u0323\u0302t Nam"; // 10 UTF-16 units decomposed
    expect(source.length).toBe(10);
    const { text, toSource } = normaliseText(source);
    expect(text).toBe("Việt Nam");
    expect(text.length).toBe(8);
    expect(toSource(0)).toBe(0);
    expect(toSource(2)).toBe(2); // start of "ệ"
    expect(toSource(3)).toBe(5); // after "ệ" = after e + two marks
    expect(toSource(4)).toBe(6); // start of " "
    expect(toSource(5)).toBe(7); // "N"
    expect(toSource(8)).toBe(10);
    expect(source.slice(toSource(5), toSource(8))).toBe("Nam");
    expect(source.slice(toSource(0), toSource(4)).normalize("NFC")).toBe("Việt");
  });

  it("maps each composed character to its own source when a run holds several", () => {
    // ơ + acute and ư + grave: a run of non-ASCII characters holding two clusters.
    const source = "m\u01A1\u0301\u01B0\u0300a";
    const { text, toSource } = normaliseText(source);
    expect(text).toBe("mớừa");
    expect(toSource(1)).toBe(1);
    expect(toSource(2)).toBe(3);
    expect(toSource(3)).toBe(5);
    expect(toSource(4)).toBe(6);
  });

  it("turns no-break, thin, narrow, figure and ideographic spaces and tabs into plain spaces", () => {
    const source = "a\u00A0b\u2009c\u202Fd\u2007e\u3000f\tg";
    const { text, toSource } = normaliseText(source);
    expect(text).toBe("a b c d e f g");
    for (let i = 0; i <= text.length; i++) expect(toSource(i)).toBe(i);
  });

  it("removes zero-width characters, soft hyphens and the byte-order mark", () => {
    const source = "\uFEFFgiảm\u200B nghèo\u00AD bền\u200C\u200D vững";
    const { text, toSource } = normaliseText(source);
    expect(text).toBe("giảm nghèo bền vững");
    expect(toSource(0)).toBe(1); // after the byte-order mark
    const start = text.indexOf("nghèo");
    const end = start + "nghèo".length;
    expect(source.slice(toSource(start), toSource(end))).toBe("nghèo\u00AD");
    expect(toSource(text.length)).toBe(source.length);
  });

  it("composes a mark that a removed zero-width character kept from its base", () => {
    expect(normaliseText("ca\u200B\u0301ch").text).toBe("cách");
  });

  it("turns CRLF, CR and form feeds into LF", () => {
    const source = "dòng một\r\ndòng hai\rdòng ba\fdòng bốn";
    const { text, toSource } = normaliseText(source);
    expect(text).toBe("dòng một\ndòng hai\ndòng ba\ndòng bốn");
    const hai = text.indexOf("dòng hai");
    expect(toSource(hai)).toBe(source.indexOf("dòng hai"));
    expect(toSource(text.length)).toBe(source.length);
  });

  it("keeps dashes and tone placement as written", () => {
    const source = "Sở Lao động – Thương binh và Xã hội; hoà nhập — thuỷ lợi";
    expect(normaliseText(source).text).toBe(source);
  });

  it("rejects offsets outside the text", () => {
    const { toSource } = normaliseText("abc\r\n");
    expect(() => toSource(-1)).toThrow(RangeError);
    expect(() => toSource(5)).toThrow(/outside the text \(length 4\)/);
    expect(() => normaliseText("abc").toSource(4)).toThrow(RangeError);
  });

  it("matches the slow reference and round-trips every span (generated strings)", () => {
    const next = random(20250101);
    for (let round = 0; round < ROUNDS; round++) {
      const source = generate(next);
      const { text, toSource } = normaliseText(source);
      expect(text, JSON.stringify(source)).toBe(reference(source));
      const offsets = boundaries(text);
      let previous = -1;
      for (const o of offsets) {
        const mapped = toSource(o);
        expect(mapped).toBeGreaterThanOrEqual(previous);
        previous = mapped;
      }
      for (let k = 0; k < 6; k++) {
        const a = offsets[Math.floor(next() * offsets.length)];
        const b = offsets[Math.floor(next() * offsets.length)];
        const [s, e] = a <= b ? [a, b] : [b, a];
        const back = normaliseText(source.slice(toSource(s), toSource(e))).text;
        expect(back, `${JSON.stringify(source)} [${s},${e})`).toBe(text.slice(s, e));
      }
    }
  });

  it("gives a decomposed CRLF copy of a corpus document the same text, with spans mapping back", () => {
    const original = fs.readFileSync(path.join(PACKAGE_ROOT, "corpus/text/000_121b9cfc0a5a8ef3.txt"), "utf8");
    const source = original.normalize("NFD").replace(/\n/g, "\r\n");
    const composed = prepareText(original);
    const decomposed = prepareText(source);
    expect(decomposed.text).toBe(composed.text);
    expect(decomposed.paragraphs).toEqual(composed.paragraphs);
    for (const paragraph of decomposed.paragraphs) {
      for (const sentence of paragraph.sentences) {
        const back = source.slice(decomposed.toSource(sentence.start), decomposed.toSource(sentence.end));
        expect(normaliseText(back).text).toBe(decomposed.text.slice(sentence.start, sentence.end));
      }
    }
  });
});

describe("foldForMatching", () => {
  it("has the length of the text, unifies dashes and tone placement, lower-cases", () => {
    const text = "Sở Lao động – Thương binh — Xã hội ‐ Hoà ‑ THUỶ − 5 ‒ ―";
    const folded = foldForMatching(text);
    expect(folded.length).toBe(text.length);
    expect(folded).toBe("sở lao động - thương binh - xã hội - hòa - thủy - 5 - -");
    expect(foldForMatching("hoà")).toBe(foldForMatching("Hòa"));
  });

  it("reads leader dots as spaces, and leaves an ellipsis and figures alone", () => {
    expect(foldForMatching("Phí, lệ phí: ...... 95 triệu đồng")).toBe("phí, lệ phí:        95 triệu đồng");
    expect(foldForMatching("dự án... 1.234.567 đồng")).toBe("dự án... 1.234.567 đồng");
  });

  it("moves the tone of open oa/oe/uy syllables only, and never after q", () => {
    expect(foldVietnamese("Hoà Thuỷ khoẻ")).toBe("hòa thủy khỏe");
    expect(foldVietnamese("hoàn thuyền quý Quỳnh")).toBe("hoàn thuyền quý quỳnh");
    expect(foldVietnamese("QUÝ HOÀ")).toBe("quý hòa");
  });

  it("folds a long word with no open syllable at its end in linear time", () => {
    const word = "Ngh" + "oà".repeat(100_000) + "n";
    const started = performance.now();
    expect(foldVietnamese(word)).toBe(word.toLowerCase());
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("keeps the length on generated text and in prepared documents", () => {
    const next = random(7);
    for (let round = 0; round < 500; round++) {
      const source = generate(next);
      const doc = prepareText(source);
      expect(doc.folded.length).toBe(doc.text.length);
    }
  });
});
