import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it, vi } from "vitest";
import { compilePattern, findNumbers, inVietnameseNotation, loadPatternRules, parseNumberWords, parseVietnameseNumber } from "../../src/extract/numbers.js";
import { extract } from "../../src/index.js";
import { findDates } from "../../src/extract/dates.js";
import { findPeriods } from "../../src/extract/periods.js";
import { foldVietnamese } from "../../src/text/fold.js";
import { RULES_DIR } from "../../src/paths.js";
import { exampleTitle, loadExamples, project } from "./span-examples.js";

describe("rules/examples/numbers.jsonl", () => {
  for (const ex of loadExamples("numbers")) {
    (ex.gap ? it.fails : it)(exampleTitle("numbers", ex), () => {
      const folded = foldVietnamese(ex.text);
      // A numeral inside a date or a period is not a number of the text, as the engine masks them.
      const got = findNumbers(folded, [...findDates(folded), ...findPeriods(folded)]).map((n) => ({
        match: ex.text.slice(n.start, n.end),
        span: [n.start, n.end],
        value: n.value,
        rule: n.rule,
      }));
      expect(got.map((g, i) => project(g, { rule: 1, ...ex.expect[i] }))).toEqual(ex.expect.map((e) => ({ rule: ex.rule, ...e })));
    });
  }
});

describe("examples of every rule", () => {
  it("hold a positive and a negative for each rule of numbers.yaml", () => {
    const examples = loadExamples("numbers");
    for (const rule of loadPatternRules("patterns/numbers.yaml", z.unknown().optional())) {
      const positive = examples.some((e) => e.expect.some((x) => (x.rule ?? e.rule) === rule.id));
      const negative = examples.some((e) => e.rule === rule.id && !e.gap && e.expect.every((x) => (x.rule ?? e.rule) !== rule.id));
      expect({ rule: rule.id, positive, negative }).toEqual({ rule: rule.id, positive: true, negative: true });
    }
  });
});

describe("parseVietnameseNumber", () => {
  it.each([
    ["15.000", 15000],
    ["103,5", 103.5],
    ["0,74", 0.74],
    ["1.234,5", 1234.5],
    ["1.234.567,89", 1234567.89],
    ["1.140", 1140],
    ["10.820", 10820],
    ["2.5", 2.5],
    ["12.50", 12.5],
    ["1.1234", 1.1234],
    ["06", 6],
    ["2025", 2025],
    ["1,234,567", 1234567],
    ["1,2 triệu", 1200000],
    ["15 nghìn", 15000],
    ["15 ngàn", 15000],
    ["3 tỷ", 3e9],
    ["3 tỉ", 3e9],
    ["4,6 Triệu", 4600000],
    ["1,7 triệu tỷ", 1.7e15],
    ["207.000 tỷ", 2.07e14],
    ["2,5 nghìn tỷ", 2.5e12],
    ["15tỷ", 15e9],
    ["ba triệu rưỡi", 3500000],
    ["hai mươi lăm", 25],
  ])("%s → %d", (input, value) => {
    expect(parseVietnameseNumber(input)).toBe(value);
  });

  it.each(["", "abc", "15.000 người", "71%", "1.234.5", "12,5,3", "triệu", "15 triệu nghìn", "1.2.3"])("%j is not one number", (input) => {
    expect(parseVietnameseNumber(input)).toBeNull();
  });

  it("reads decomposed and differently toned input like its NFC form", () => {
    expect(parseVietnameseNumber("1,2 triệu".normalize("NFD"))).toBe(1200000);
    expect(parseVietnameseNumber("  3 TỶ ")).toBe(3e9);
  });
});

describe("parseNumberWords", () => {
  it.each([
    ["một", 1],
    ["mười", 10],
    ["mười một", 11],
    ["mười lăm", 15],
    ["mười tư", 14],
    ["hai mươi", 20],
    ["hai mươi mốt", 21],
    ["hai mươi một", 21],
    ["hai mươi tư", 24],
    ["hai mươi bốn", 24],
    ["hai mươi lăm", 25],
    ["chín mươi chín", 99],
    ["một trăm", 100],
    ["một trăm lẻ ba", 103],
    ["một trăm linh năm", 105],
    ["một trăm tư", 140],
    ["hai trăm năm mươi", 250],
    ["hai trăm rưỡi", 250],
    ["chín trăm chín mươi chín", 999],
    ["một nghìn", 1000],
    ["một nghìn không trăm linh năm", 1005],
    ["một nghìn hai", 1200],
    ["hai nghìn năm trăm", 2500],
    ["mười một nghìn", 11000],
    ["hai mươi lăm nghìn", 25000],
    ["một trăm nghìn", 100000],
    ["nửa triệu", 500000],
    ["ba triệu rưỡi", 3500000],
    ["ba triệu tư", 3400000],
    ["một triệu năm nghìn", 1005000],
    ["một tỷ hai trăm triệu", 1200000000],
    ["một nghìn tỷ", 1e12],
    ["bảy trăm nghìn tỷ", 7e14],
    ["hai chục", 20],
    ["năm", 5],
    ["bẩy", 7],
    ["Hai Mươi Lăm", 25],
  ])("%s → %d", (input, value) => {
    expect(parseNumberWords(input)).toBe(value);
  });

  it.each([
    "mươi", "lăm", "mốt", "tư", "linh", "rưỡi", "trăm", "nghìn",
    "mười năm", "hai mươi năm", "một trăm năm", "hai nghìn năm",
    "hai ba", "ba lăm", "một mốt", "hai triệu ba triệu", "hai rưỡi ba",
    "15", "15 nghìn", "hai người",
  ])("%j is not a number in words", (input) => {
    expect(parseNumberWords(input)).toBeNull();
  });
});

describe("findNumbers", () => {
  const numbers = (s: string) => findNumbers(foldVietnamese(s)).map((n) => [s.slice(n.start, n.end), n.value]);

  it("finds digits and words with their magnitudes, in order", () => {
    expect(numbers("Kon Tum hỗ trợ 2,5 triệu đồng cho mỗi hộ, tổng cộng hai mươi lăm hộ và 1.140 người")).toEqual([
      ["2,5 triệu", 2500000],
      ["hai mươi lăm", 25],
      ["1.140", 1140],
    ]);
  });

  it("cuts a run of words to the longest prefix that reads as a number", () => {
    expect(numbers("sau mười năm, hai trăm năm mươi hộ và một trăm năm lịch sử")).toEqual([
      ["mười", 10],
      ["hai trăm năm mươi", 250],
      ["một trăm", 100],
    ]);
  });

  it("leaves out a lone word that is rarely a number by itself", () => {
    expect(numbers("một số hộ không còn nghèo, năm nay chính sách tư nhân")).toEqual([]);
  });

  it("drops numerals inside excluded spans", () => {
    const s = "Ngày 30/6/2023, tỉnh có 3.453 hộ nghèo";
    const folded = foldVietnamese(s);
    expect(findNumbers(folded, findDates(folded)).map((n) => n.value)).toEqual([3453]);
  });

  it("does not read digits that follow letters, but reads a number before a glued unit", () => {
    expect(numbers("khí CO2 và virus H5N1")).toEqual([]);
    expect(numbers("trồng mới 100ha rừng")).toEqual([["100", 100]]);
  });
});

describe("inVietnameseNotation", () => {
  const english = "Xuất khẩu đạt 15,000 tấn, tăng 6.5% so với cùng kỳ; kim ngạch 1,234.5 triệu USD, chiếm 12.25%, diện tích 1.200 ha, ngày 15.6.2024.";

  it("writes the thousands of a text in English notation as vi-VN does, offset for offset", () => {
    const folded = foldVietnamese(english);
    const turned = inVietnameseNotation(folded);
    expect(turned).toHaveLength(folded.length);
    expect(turned).toContain("15.000 tấn");
    expect(turned).toContain("1.234,5 triệu");
    // Decimals with a point and dotted thousands read the same in both notations; dates are not numbers.
    expect(turned).toContain("6.5%");
    expect(turned).toContain("1.200 ha");
    expect(turned).toContain("15.6.2024");
  });

  it("leaves a text in vi-VN notation as it is, though it writes a decimal point once or a round thousand", () => {
    for (const text of [
      "Xuất khẩu đạt 15.000 tấn, tăng 6.5% so với cùng kỳ; kim ngạch 1,250 triệu USD, chiếm 12,25%.",
      "Doanh thu 1,250 triệu đồng, tăng 6.5%; mục 2.3. Về giáo dục, 2.4. Về y tế.",
      "Vốn đạt 15,000 tỷ đồng, tăng 6.5%, bằng 103,5% và 98,2% kế hoạch.",
    ]) {
      const folded = foldVietnamese(text);
      expect(inVietnameseNotation(folded)).toBe(folded);
    }
  });

  it("lets extraction read a page in English notation", () => {
    const values = extract(english, { documentDate: "2024-06-20" }).map((m) => [m.value, m.unit]);
    expect(values).toContainEqual([15000, "tấn"]);
    expect(values).toContainEqual([1234.5, "triệu USD"]);
    expect(values).toContainEqual([1200, "ha"]);
  });
});

describe("numbers.yaml fragments", () => {
  const whole = (fragment: string) => compilePattern(`^(?:{${fragment}})$`, "u");

  it("number_digits takes vi-VN notation whole and nothing half", () => {
    const digits = whole("number_digits");
    for (const ok of ["15.000", "103,5", "1.234.567,89", "1.140", "2.5", "0,74", "1,234,567"]) expect(digits.test(ok)).toBe(true);
    for (const bad of ["1.234.5", "15.000.", ",5", "1..2", "a1"]) expect(digits.test(bad)).toBe(false);
  });

  it("number composes digits or words with magnitudes", () => {
    const number = whole("number");
    for (const ok of ["1,2 triệu", "15 nghìn", "1,7 triệu tỷ", "hai mươi lăm", "ba triệu rưỡi"]) expect(number.test(ok)).toBe(true);
    expect(number.test("triệu")).toBe(false);
  });

  it("magnitude is one word of magnitudes.tsv", () => {
    const magnitude = whole("magnitude");
    for (const ok of ["nghìn", "ngàn", "triệu", "tỷ", "tỉ"]) expect(magnitude.test(ok)).toBe(true);
    expect(magnitude.test("nghìn tỷ")).toBe(false);
  });

  it("are fast enough to scan a long document", () => {
    const text = foldVietnamese("Năm 2024, toàn tỉnh giải quyết việc làm cho 26.054 lao động, hai mươi lăm xã đạt chuẩn. ".repeat(2000));
    const started = performance.now();
    expect(findNumbers(text)).toHaveLength(6000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("pattern file errors", () => {
  it("name the file and line of a pattern that does not compile", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-rules-"));
    fs.cpSync(RULES_DIR, dir, { recursive: true });
    const file = path.join(dir, "patterns", "numbers.yaml");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => l.includes("{number_words}") && lines[lines.indexOf(l) - 1]?.includes("pattern:"));
    lines[at] = "      (?<broken";
    fs.writeFileSync(file, lines.join("\n"));
    vi.stubEnv("CHITIEU_RULES", dir);
    vi.resetModules();
    try {
      const fresh = await import("../../src/extract/numbers.js");
      expect(() => fresh.findNumbers("15")).toThrow(new RegExp(`numbers\\.yaml:${at}: .*(?:group|Invalid)`, "i"));
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse a pattern that is not written folded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-rules-"));
    fs.cpSync(RULES_DIR, dir, { recursive: true });
    const file = path.join(dir, "patterns", "dates.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("ngày\\s+(?<day>{date_day})\\s+tháng", "Ngày\\s+(?<day>{date_day})\\s+tháng"));
    vi.stubEnv("CHITIEU_RULES", dir);
    vi.resetModules();
    try {
      const fresh = await import("../../src/extract/dates.js");
      expect(() => fresh.findDates("x")).toThrow(/dates\.yaml:\d+: .*"Ngày" is not written folded/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
