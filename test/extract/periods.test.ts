import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { findPeriods, isPeriodOver, resolvePeriod, type PeriodValue } from "../../src/extract/periods.js";
import { foldVietnamese } from "../../src/text/fold.js";
import { loadPatternRules } from "../../src/extract/numbers.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { exampleTitle, loadExamples, project } from "./span-examples.js";

describe("rules/examples/periods.jsonl", () => {
  for (const ex of loadExamples("periods")) {
    (ex.gap ? it.fails : it)(exampleTitle("periods", ex), () => {
      const options = {
        documentDate: ex.documentDate as string | undefined,
        contextYear: ex.contextYear as number | undefined,
        contextPeriod: ex.contextPeriod as string | undefined,
        periodInHand: ex.periodInHand as string | undefined,
      };
      const got = findPeriods(foldVietnamese(ex.text)).map((p) => ({
        match: ex.text.slice(p.start, p.end),
        span: [p.start, p.end],
        rule: p.rule,
        period: resolvePeriod(p, options),
        value: p.value,
      }));
      expect(got.map((g, i) => project(g, { rule: 1, period: 1, ...ex.expect[i] }))).toEqual(ex.expect.map((e) => ({ rule: ex.rule, ...e })));
    });
  }
});

describe("examples of every rule", () => {
  it("hold a positive and a negative for each rule of periods.yaml", () => {
    const examples = loadExamples("periods");
    for (const rule of loadPatternRules("patterns/periods.yaml", z.unknown().optional())) {
      const positive = examples.some((e) => e.expect.some((x) => (x.rule ?? e.rule) === rule.id));
      const negative = examples.some((e) => e.rule === rule.id && !e.gap && e.expect.every((x) => (x.rule ?? e.rule) !== rule.id));
      expect({ rule: rule.id, positive, negative }).toEqual({ rule: rule.id, positive: true, negative: true });
    }
  });
});

/** The periods of a sentence, resolved. */
function periods(text: string, options: Parameters<typeof resolvePeriod>[1] = {}): Array<[string, string]> {
  return findPeriods(foldVietnamese(text)).map((p) => [text.slice(p.start, p.end), resolvePeriod(p, options)]);
}

describe("findPeriods", () => {
  it("reads the periods of a report from another province and sector", () => {
    const text =
      "Trong quý III/2024, kim ngạch xuất khẩu thủy sản của Cà Mau đạt 320 triệu USD, tăng 12% so với cùng kỳ; " +
      "lũy kế 9 tháng năm 2024 đạt 850 triệu USD. Năm 2025, tỉnh phấn đấu đạt 1,3 tỷ USD, " +
      "góp phần thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025.";
    expect(periods(text, { contextPeriod: "2024-Q3" })).toEqual([
      ["quý III/2024", "2024-Q3"],
      ["cùng kỳ", "2023-Q3"],
      ["9 tháng năm 2024", "2024-9M"],
      ["Năm 2025", "2025"],
      ["nhiệm kỳ 2020 - 2025", "2020/2025"],
    ]);
  });

  it("reads school years, spans and horizons in an education plan", () => {
    const text = "Năm học 2024-2025, Nghệ An có 98% trẻ 5 tuổi đến trường; mục tiêu giai đoạn 2026-2030 là 100%, tầm nhìn đến năm 2045.";
    expect(periods(text)).toEqual([
      ["Năm học 2024-2025", "2024/2025"],
      ["giai đoạn 2026-2030", "2026/2030"],
      ["tầm nhìn đến năm 2045", "2045"],
    ]);
  });

  it("resolves periods named from the time of writing against the document date", () => {
    const text = "Năm nay tỉnh giải ngân 80% vốn, cao hơn năm ngoái; từ đầu năm đến nay đã thu 5.000 tỷ đồng, quý trước đạt 1.200 tỷ đồng.";
    expect(periods(text, { documentDate: "2023-11-15", contextYear: 2020 })).toEqual([
      ["Năm nay", "2023"],
      ["năm ngoái", "2022"],
      ["từ đầu năm đến nay", "2023-YTD"],
      ["quý trước", "2023-Q3"],
    ]);
  });

  it("ignores numbers that only look like periods", () => {
    for (const text of [
      "Quyết định số 244-QĐ/TU của Ban Thường vụ",
      "Đoàn Kinh tế - Quốc phòng 345, Quân khu 2",
      "lương mỗi tháng 5 triệu đồng",
      "năm năm trước, hai năm sau, các năm trước",
      "hàng năm tổ chức 2 đợt, hằng tháng 1 lần",
      "khoảng 2.025 người, 2025 hộ",
      "Thứ Năm tới sẽ họp",
      "trẻ em dưới 6 tuổi, trẻ dưới 3 tháng tuổi",
    ]) {
      expect(periods(text), text).toEqual([]);
    }
  });

  it("never reads a period inside a calendar date", () => {
    expect(periods("Hà Nội, ngày 30 tháng 6 năm 2023: báo cáo 6 tháng đầu năm 2023")).toEqual([["6 tháng đầu năm 2023", "2023-H1"]]);
  });

  it("finds the periods of the seed corpus that its gold records are for", () => {
    const dir = path.join(PACKAGE_ROOT, "corpus", "text");
    const found = (file: string) => {
      const text = fs.readFileSync(path.join(dir, file), "utf8").normalize("NFC");
      return new Set(findPeriods(foldVietnamese(text)).map((p) => resolvePeriod(p, { contextYear: 2023 })));
    };
    expect([...found("000_121b9cfc0a5a8ef3.txt")]).toEqual(expect.arrayContaining(["2025", "2024", "2022/2025"]));
    expect([...found("002_293deabf6c84edbd.txt")]).toEqual(expect.arrayContaining(["2020", "2021", "2022", "2025", "2021/2025", "2016/2020"]));
    expect([...found("003_9158f8540373f5fe.txt")]).toEqual(expect.arrayContaining(["2023-H1", "2023-H2", "2021/2025", "2023", "2022"]));
  });

  it("is fast on a long document", () => {
    const text = foldVietnamese("Trong 6 tháng đầu năm 2024, so với cùng kỳ, quý II/2024 và tháng 5 năm nay, giai đoạn 2021-2025. ".repeat(1500));
    const started = performance.now();
    expect(findPeriods(text)).toHaveLength(7500);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("resolvePeriod", () => {
  const resolve = (value: PeriodValue, options: Parameters<typeof resolvePeriod>[1] = {}) => resolvePeriod({ value }, options);

  it("gives every grain its canonical form", () => {
    expect(resolve({ grain: "year", year: 2024 })).toBe("2024");
    expect(resolve({ grain: "half", half: 1, year: 2024 })).toBe("2024-H1");
    expect(resolve({ grain: "half", half: 2, year: 2024 })).toBe("2024-H2");
    expect(resolve({ grain: "quarter", quarter: 3, year: 2024 })).toBe("2024-Q3");
    expect(resolve({ grain: "month", month: 6, year: 2024 })).toBe("2024-M06");
    expect(resolve({ grain: "months", months: 9, from: "start", year: 2022 })).toBe("2022-9M");
    expect(resolve({ grain: "ytd", year: 2022 })).toBe("2022-YTD");
    expect(resolve({ grain: "span", year: 2021, endYear: 2025 })).toBe("2021/2025");
    expect(resolve({ grain: "school-year", year: 2017, endYear: 2018 })).toBe("2017/2018");
  });

  it("takes the context year for a period whose year is not written, else the document's", () => {
    const h1 = { grain: "half", half: 1 } as const;
    expect(resolve(h1, { contextYear: 2023, documentDate: "2024-01-05" })).toBe("2023-H1");
    expect(resolve(h1, { documentDate: "2024-01-05" })).toBe("2024-H1");
    expect(resolve(h1)).toBe("");
  });

  it("takes the document date for a period named from the time of writing, else the context year", () => {
    const lastYear = { grain: "year", yearOffset: -1 } as const;
    expect(resolve(lastYear, { contextYear: 2020, documentDate: "2024-01-05" })).toBe("2023");
    expect(resolve(lastYear, { contextYear: 2020 })).toBe("2019");
    expect(resolve({ grain: "ytd" }, { documentDate: "2022-10-05T08:00:00+07:00" })).toBe("2022-YTD");
    expect(resolve({ grain: "span", year: 2012, untilNow: true })).toBe("");
  });

  it("shifts months and quarters across the turn of a year", () => {
    expect(resolve({ grain: "month", offset: -1 }, { documentDate: "2024-01-10" })).toBe("2023-M12");
    expect(resolve({ grain: "month", offset: 1 }, { documentDate: "2024-12-10" })).toBe("2025-M01");
    expect(resolve({ grain: "quarter", offset: -1 }, { contextPeriod: "2024-Q1" })).toBe("2023-Q4");
    expect(resolve({ grain: "quarter", offset: -1 }, { contextPeriod: "2024-M05" })).toBe("2024-Q1");
    expect(resolve({ grain: "month", offset: -1 })).toBe("");
  });

  it("puts the same period a year back", () => {
    expect(resolve({ grain: "same-period" }, { contextPeriod: "2023-9M" })).toBe("2022-9M");
    expect(resolve({ grain: "same-period" }, { contextPeriod: "2023-YTD" })).toBe("2022-YTD");
    expect(resolve({ grain: "same-period" }, { contextPeriod: "2021/2025", contextYear: 2024 })).toBe("2023");
    expect(resolve({ grain: "same-period", year: 2012 }, { contextPeriod: "2013-H1" })).toBe("2012-H1");
    expect(resolve({ grain: "same-period", of: "quarter" }, { contextPeriod: "2018-M02" })).toBe("2017-Q1");
    expect(resolve({ grain: "same-period" }, { documentDate: "2019-12-30" })).toBe("2018");
    expect(resolve({ grain: "same-period" })).toBe("");
  });
});

describe("isPeriodOver", () => {
  it("tells a period that ended before the month of writing from one that runs on", () => {
    expect(isPeriodOver("2022-H1", "2022-07-12")).toBe(true);
    expect(isPeriodOver("2022-H1", "2022-06-28")).toBe(false);
    expect(isPeriodOver("2024-9M", "2024-10-05")).toBe(true);
    expect(isPeriodOver("2021", "2022-01-10")).toBe(true);
    expect(isPeriodOver("2021/2025", "2024-12-20")).toBe(false);
    expect(isPeriodOver("2015/2020", "2020-10-16")).toBe(false);
    expect(isPeriodOver("2024-YTD", "2025-03-01")).toBe(false);
    // A document dated by its year alone: the years before it are over, its own is not.
    expect(isPeriodOver("2021", "2022")).toBe(true);
    expect(isPeriodOver("2022", "2022")).toBe(false);
    expect(isPeriodOver("2022", undefined)).toBe(false);
  });
});
