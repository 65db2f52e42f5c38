import { describe, expect, it } from "vitest";
import { seeded } from "../fixtures/random/seeded.js";
import { alternation, compilePattern } from "../../src/rulebook/index.js";
import { foldVietnamese } from "../../src/text/fold.js";

/** The alternation as a plain list of the surfaces, longest first, as it was before it was factored. */
function plain(surfaces: string[]): string {
  const unique = [...new Set(surfaces.map((s) => foldVietnamese(s.normalize("NFC")).trim()))].filter(Boolean);
  unique.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return unique.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ +/g, "\\s+")).join("|");
}

describe("alternation", () => {
  it("shares the first tokens of surfaces, longest surface first", () => {
    expect(alternation(["không thấp hơn", "không vượt quá", "không", "khoảng", "ab", "a", "a b", "x"])).toBe(
      "kh(?:ông(?:\\s+(?:thấp\\s+hơn|vượt\\s+quá)|)|oảng)|a(?:\\s+b|b|)|x",
    );
    expect(alternation(["t.p", "1%"])).toBe("t\\.p|1%");
  });

  it("lists surfaces holding white space other than spaces as they are", () => {
    expect(alternation(["a\u00a0b", "a c"])).toBe("a\u00a0b|a\\s+c");
  });

  it("matches what the plain alternation matches, where it matches, with the same groups", () => {
    const { random, pick } = seeded(7);
    const syllables = ["a", "ab", "b", "ă", "tỷ", "tỷ đồng", "c", "."];
    const texts = ["a", "b", "ab", "ă", "tỷ", "đồng", " ", "  ", "\n", "x", "."];
    for (let round = 0; round < 300; round++) {
      const surfaces = Array.from({ length: 1 + random(8) }, () => Array.from({ length: 1 + random(3) }, () => pick(syllables)).join(pick([" ", "", "  "])));
      const tail = pick(["", "(?![\\p{L}])", "\\s*x", "(?<rest>\\s+\\p{L}+)?"]);
      const factored = new RegExp(`(?<w>${alternation(surfaces)})${tail}`, "dgu");
      const listed = new RegExp(`(?<w>${plain(surfaces)})${tail}`, "dgu");
      for (let t = 0; t < 8; t++) {
        const text = Array.from({ length: 1 + random(12) }, () => pick(texts)).join("");
        const shape = (r: RegExp) => [...text.matchAll(r)].map((m) => [m.index, m[0], m.indices?.groups]);
        expect(shape(factored), `${factored.source} on ${JSON.stringify(text)}`).toEqual(shape(listed));
      }
    }
  });
});

describe("compilePattern", () => {
  it("compiles a template against its fragments", () => {
    expect(compilePattern("{cue}\\s+\\d+", { cue: "đạt|tăng" }).source).toBe("(?:đạt|tăng)\\s+\\d+");
  });

  it.each([
    ["a letter not written folded", "Đạt\\s+\\d+", /"Đạt" is not written folded/],
    ["a look-around over letters where every attempt begins", "(?<=tỷ\\s+lệ[^;]*)\\d+", /begins with a look-around that reads over letters, \(\?<=tỷ\\s\+lệ\[\^;\]\*\): V8 would run it at every position/],
  ])("refuses %s, saying why", (_, template, reason) => {
    expect(() => compilePattern(template, {})).toThrow(reason);
  });
});
