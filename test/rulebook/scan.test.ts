import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { seeded } from "../fixtures/random/seeded.js";
import { leadingLetterScan, requiredLiterals, scanAll, scanBranches } from "../../src/rulebook/scan.js";
import { loadExtractionRules } from "../../src/extract/rules.js";
import { loadPatternRules } from "../../src/extract/numbers.js";
import { cueMatchers } from "../../src/extract/cues.js";
import { foldVietnamese } from "../../src/text/fold.js";
import { PACKAGE_ROOT } from "../../src/paths.js";

/** Everything matchAll tells about a match. */
function described(matches: Iterable<RegExpMatchArray>): unknown[] {
  return [...matches].map((m) => ({ index: m.index, groups: [...m], named: m.groups, indices: m.indices && [...m.indices], namedIndices: m.indices?.groups }));
}

function expectSameAsMatchAll(regex: RegExp, text: string): void {
  regex.lastIndex = 0;
  expect(described(scanAll(regex, text))).toEqual(described(text.matchAll(regex)));
}

function ruleRegexes(): Array<[string, RegExp]> {
  const rules = loadExtractionRules();
  return [
    ...rules.masks.map((r): [string, RegExp] => [r.id, r.regex]),
    ...rules.quantities.map((r): [string, RegExp] => [r.id, r.regex]),
    ...loadPatternRules("patterns/periods.yaml", z.unknown()).map((r): [string, RegExp] => [r.id, r.regex]),
    ...loadPatternRules("patterns/dates.yaml").map((r): [string, RegExp] => [r.id, r.regex]),
    ...Object.entries(cueMatchers()).filter(([, r]) => r.global),
  ];
}

describe("scanAll", () => {
  const corpus = fs
    .readdirSync(path.join(PACKAGE_ROOT, "corpus/text"))
    .map((f) => foldVietnamese(fs.readFileSync(path.join(PACKAGE_ROOT, "corpus/text", f), "utf8").normalize("NFC")));
  const crafted = [
    "Liên hệ: điện thoại 0912 345 678, email abc.d@so-tn.gov.vn, www.tn.gov.vn, ảnh bao-cao_2024.jpg, x.pdfa.png",
    "a@b.cd-x@y.z và covid-19, sars-cov-2, f0, 5g, công nghiệp 4.0, iso 9001:2015, tcvn 5945",
    "xđến năm 2020 rồi đến năm 2025; cuối năm nay, trong năm 2024; 6 tháng đầu năm 2023, chín tháng năm nay",
    "Quyết định số 244/QĐ-UBND ngày 30/6/2023; Chiều 7/1, 29/11/2023 - 10:26, quý I/2025, tháng 02/2018",
    "𝐀 năm 2020 😀 quý 2 \ud800 tháng 3 lũy kế từ đầu năm, tầm nhìn đến năm 2045",
  ];

  it("gives what matchAll gives, for every whole-text rule, on the corpus and on crafted text", () => {
    for (const [id, regex] of ruleRegexes()) {
      for (const text of [...corpus, ...crafted.map(foldVietnamese)]) {
        try {
          expectSameAsMatchAll(regex, text);
        } catch (err) {
          throw new Error(`${id} on "${text.slice(0, 40)}...": ${(err as Error).message}`);
        }
      }
    }
  });

  it("checks a leading look-behind where the rest matches, not only where the scan first stops", () => {
    const regex = /(?<![\p{L}\p{N}])(?:đến\s+)?năm\s+(?<year>\d{4})/dgu;
    expectSameAsMatchAll(regex, "xđến năm 2020 và đến năm 2025, năm 2030");
    expect(scanAll(regex, "xđến năm 2020").map((m) => m[0])).toEqual(["năm 2020"]);
  });

  it("steps over empty matches by code point, as matchAll does", () => {
    for (const regex of [/(?<![a-z])x?/gu, /(?<!b)(?:a|)/gu, /(?:q|z?)/g]) {
      expectSameAsMatchAll(regex, "ax😀xb\ud800x qz 😀");
    }
  });

  it("scans patterns it does not analyse as they are", () => {
    for (const regex of [/(?<![a-z])ab|cd/giu, /[\p{L}--[a-z]]+/gv, /(?<=a)b(?=c)|\bx\b|u{2}/g, /(?<![a-z])(?:ab|cd)/gyu]) {
      expectSameAsMatchAll(regex, "abc ABcd x Ấy uu");
      expectSameAsMatchAll(regex, "ab xcd");
    }
  });

  it("gates a pattern V8 must try everywhere by a part of it, and drops it only where that part is nowhere", () => {
    const texts = ["6 tháng năm 2024", "sáu tháng năm nay", "6 tháng đầu năm", "tháng năm", "x-1 ab-12 ă-3 -4", "a.b ab.c x.jpg", "ab ab-ab 12-12"];
    for (const regex of [
      /(?<count>\d{1,2}|(?<![\p{L}])(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín))\s+tháng\s+năm(?:\s+(?<year>\d{4})|\s+nay)?/dgu,
      /(?<![\p{L}\p{N}])(?:\p{L}+-\d+|[a-z]\d+)/dgu,
      /[\p{L}_-]+\.(?:jpe?g|png)|\p{L}+@\p{L}+/gu,
      /(?<w>\p{L}+)-\k<w>|\p{N}+-\d+/gu,
    ]) {
      for (const text of texts) expectSameAsMatchAll(regex, text);
    }
  });

  it("finds an alternative that begins with a repeated class where its run ends, alone or merged with the others", () => {
    const { random, pick } = seeded(11);
    const runs = ["\\d+x", "\\p{L}+-\\d+", "[ab]+\\.c", "[\\p{L}\\p{N}_-]+\\.(?:jpe?g|png)", "\\p{L}+?\\d", "[\\w.-]+@\\w+"];
    const others = ["ab", "\\d+", "c?", "b", "a\\d", "-\\d", "(?:x|y)+"];
    const heads = ["", "(?<![\\p{L}\\p{N}])", "(?<=\\s)", "(?<!a)"];
    const tokens = ["a", "ab", "b", "x", "1", "12", "-", "-1", ".", ".jpg", ".c", "@", " ", "😀", "𝐀", "ă", "c", "y", "_"];
    for (let i = 0; i < 300; i++) {
      const branches = Array.from({ length: 1 + random(4) }, () => (random(2) ? pick(runs) : pick(others)));
      if (!branches.some((b) => runs.includes(b))) branches.push(pick(runs));
      const source = `${pick(heads)}(?:${branches.join("|")})`;
      const regex = new RegExp(source, pick(["gu", "dgu"]));
      expect(scanBranches(regex).some((b) => b.classRun)).toBe(true);
      for (let t = 0; t < 6; t++) {
        const text = Array.from({ length: 2 + random(16) }, () => pick(tokens)).join("");
        try {
          expectSameAsMatchAll(regex, text);
        } catch (err) {
          throw new Error(`/${source}/ on "${text}": ${(err as Error).message}`);
        }
      }
    }
  });

  it("refuses a regex that is not global, as matchAll does", () => {
    expect(() => scanAll(/a/u, "a")).toThrow(TypeError);
  });

  it("agrees with matchAll on generated patterns and texts", () => {
    const { random, pick } = seeded(7);
    const words = ["a", "ab", "b", "ba", "ca", "-", "1", "12", "ă", "ắc", "@", "."];
    const heads = ["", "(?<![\\p{L}\\p{N}])", "(?<=\\s)", "(?<![a-z])(?<!-)"];
    const atom = (): string => {
      const w = pick(words).replace(/[.-]/g, "\\$&");
      return pick([w, `${w}+`, `(?:${w})?`, `[ab]${w}`, `\\d+${w}`, `\\p{L}+${w}`, `(?<g${random(1000)}>${w})`]);
    };
    for (let i = 0; i < 400; i++) {
      const branches = Array.from({ length: 1 + random(4) }, () => Array.from({ length: 1 + random(3) }, atom).join(""));
      const source = `${pick(heads)}${random(2) ? `(?:${branches.join("|")})` : branches.join("|")}${pick(["", "(?![\\p{L}])", "\\s?"])}`;
      let regex: RegExp;
      try {
        regex = new RegExp(source, pick(["gu", "dgu"]));
      } catch {
        continue;
      }
      for (let t = 0; t < 5; t++) {
        const text = Array.from({ length: 3 + random(12) }, () => pick([...words, " ", "  ", "x", "1a"])).join("");
        expectSameAsMatchAll(regex, text);
      }
    }
  });
});

describe("scanBranches", () => {
  it("finds the literals each alternative of a pattern needs", () => {
    const contact = loadExtractionRules().masks.find((r) => r.id === "nonfigure.contact")!;
    const required = scanBranches(contact.regex).map((b) => b.required);
    expect(required).toContainEqual(["@"]);
    expect(required).toContainEqual(["www."]);
    expect(required).toContainEqual(expect.arrayContaining(["http://", "https://"]));
    expect(required).toContainEqual(expect.arrayContaining([".jpg", ".jpeg", ".pdf", ".doc"]));
  });

  it("joins adjacent literals, optional ones included, and keeps a shorter literal rather than one containing it", () => {
    expect(scanBranches(/https?:\/\/\S+/gu)[0].required).toEqual(["http://", "https://"]);
    expect(scanBranches(/(?:đt|đtdđ|sđt)\s*:/gu)[0].required).toEqual(["đt"]);
    expect(scanBranches(/\p{L}+-\d+/gu)[0].required).toEqual(["-0", "-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9"]);
  });

  it("needs nothing of a branch that can match without a literal", () => {
    for (const regex of [/\p{L}+/gu, /(?:ab)?\d*/gu, /(?!ab)\w+/gu, /[^ab]/gu, /(?:ab|\s)\w/gu]) {
      expect(scanBranches(regex).every((b) => b.required === null)).toBe(true);
    }
  });

  it("never drops one of several branches that holds a group (the groups after it would be renumbered)", () => {
    expect(scanBranches(/(?:(?<x>a)b|c)/gu).map((b) => b.required)).toEqual([null, ["c"]]);
    expect(scanBranches(/(a)b|(c)/gu).map((b) => b.required)).toEqual([null, null]);
    expect(scanBranches(/(?<x>ab)c/gu).map((b) => b.required)).toEqual([["abc"]]);
  });

  it("gates a branch that begins with too many characters by its items from the first that begins with a few", () => {
    expect(scanBranches(/(?:\p{L}+-\d+|x)/gu).map((b) => b.gate)).toEqual(["\\p{L}-\\d+", null]);
    expect(scanBranches(/(?<n>\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+tháng\s+năm/gu)[0].gate).toBe("\\stháng\\s+năm");
    expect(scanBranches(/(?<![\p{L}])(?:số\s+)?\p{L}+\s*(?<d>\d+)/gu)[0].gate).toBeNull();
  });

  it("gives no gate to a branch V8 can skip to, and ends a gate before a back-reference", () => {
    expect(scanBranches(/(?<![\p{L}])năm\s+\d{4}/gu)[0].gate).toBeNull();
    expect(scanBranches(/(?<s>[\p{L}-]+)-(?<d>\d+)\k<s>x/gu)[0].gate).toBe("[\\p{L}-]-\\d+");
  });

  it("tells an alternative that begins with a repeated class nothing after it can continue", () => {
    expect(scanBranches(/(?:\p{L}+-\d+|[a-z]\d+|\d+g)/gu).map((b) => b.classRun)).toEqual([true, false, true]);
    expect(scanBranches(/\p{L}+\p{L}\d/gu)[0].classRun).toBe(false);
    expect(scanBranches(/\d{2,}x/gu)[0].classRun).toBe(false);
    expect(scanBranches(/\d+x?/gu)[0].classRun).toBe(false);
  });

  it("counts what a positive look-around needs, as the text must hold it", () => {
    expect(scanBranches(/(?<=trẻ\s+)\d+/gu)[0].required).toEqual(["trẻ"]);
    expect(scanBranches(/(?<!trẻ\s+)\d+/gu)[0].required).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });
});

describe("requiredLiterals", () => {
  it("finds literals of which every matched text holds one, looked-at ones included", () => {
    expect(requiredLiterals(/(?:tăng|giảm)\s+\d+%/u)?.sort()).toEqual(["giảm", "tăng"]);
    expect(requiredLiterals(/(?<=so\s+với\s+)\d+/u)).toEqual(["với"]);
    expect(requiredLiterals(/\p{L}+|tăng/u)).toBeNull();
  });

  it("has every role rule that matches a clause find one of its literals there", () => {
    const clauses = ["tỷ lệ hộ nghèo giảm còn \uE000\uE001\uE001, so với năm trước", "thu ngân sách đạt \uE000\uE001 kế hoạch", "chiếm \uE000\uE001\uE001 tổng số"];
    for (const rule of loadExtractionRules().roles) {
      for (const clause of clauses) {
        rule.regex.lastIndex = 0;
        if (rule.regex.exec(clause)) expect(rule.literals === null || rule.literals.some((l) => clause.includes(l))).toBe(true);
      }
    }
  });
});

describe("leadingLetterScan", () => {
  it.each([
    ["a look-behind over a clause before the figure", String.raw`(?<=gia\s+đình[^;]*)\d+`, String.raw`(?<=gia\s+đình[^;]*)`],
    ["a look-ahead over a clause, in a group of look-arounds", String.raw`(?:(?<=hộ\s+ông)|(?=[^;]*?của\s+gia\s+đình))\d+`, String.raw`(?=[^;]*?của\s+gia\s+đình)`],
    ["one over words, under a bounded repeat", String.raw`(?<=một\s+(?:[\p{L}\p{M}]+\s+){1,3})\d+`, String.raw`(?<=một\s+(?:[\p{L}\p{M}]+\s+){1,3})`],
    ["one after an optional group", String.raw`(?:khoảng\s+)?(?<![\p{L}]+\s)\d+`, String.raw`(?<![\p{L}]+\s)`],
    ["one of a later alternative", String.raw`\d+%|(?<!tỷ\s+lệ[^;]*)\d+`, String.raw`(?<!tỷ\s+lệ[^;]*)`],
  ])("finds %s", (_, source, found) => {
    expect(leadingLetterScan(new RegExp(source, "gu"))).toBe(found);
  });

  it.each([
    ["a pattern that begins with a word", String.raw`đạt(?<![^;]*tỷ\s+lệ[^;]*đạt)\s+\d+`],
    ["look-arounds of a bounded length", String.raw`(?<![\p{L}])(?<=[,(]\s*)\d+\s+tuổi`],
    ["a look-around over spaces only", String.raw`(?<=\s*)\d+`],
    ["a look-around over letters after a word", String.raw`tỷ\s+lệ(?=[^;]*đạt)`],
    ["a look-around after a group that cannot be empty", String.raw`(?:khoảng|gần)(?<=[^;]*)\s+\d+`],
  ])("passes %s", (_, source) => {
    expect(leadingLetterScan(new RegExp(source, "gu"))).toBeNull();
  });

  it("passes every rule of the rulebook (compilePattern refuses one it finds)", () => {
    const rules = loadExtractionRules();
    for (const rule of [...rules.masks, ...rules.quantities, ...rules.anecdotes, ...rules.roles]) expect(leadingLetterScan(rule.regex), rule.id).toBeNull();
  });
});
