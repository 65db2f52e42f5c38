import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { findDates, findDocumentDate } from "../../src/extract/dates.js";
import { foldVietnamese } from "../../src/text/fold.js";
import { loadPatternRules } from "../../src/extract/numbers.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { exampleTitle, loadExamples, project } from "./span-examples.js";

describe("rules/examples/dates.jsonl", () => {
  for (const ex of loadExamples("dates")) {
    (ex.gap ? it.fails : it)(exampleTitle("dates", ex), () => {
      const got = findDates(foldVietnamese(ex.text)).map((d) => ({ ...d, match: ex.text.slice(d.start, d.end), span: [d.start, d.end] }));
      expect(got.map((g, i) => project(g, { rule: 1, iso: 1, ...ex.expect[i] }))).toEqual(ex.expect.map((e) => ({ rule: ex.rule, ...e })));
    });
  }
});

describe("examples of every rule", () => {
  it("hold a positive and a negative for each rule of dates.yaml", () => {
    const examples = loadExamples("dates");
    for (const rule of loadPatternRules("patterns/dates.yaml", z.unknown().optional())) {
      const positive = examples.some((e) => e.expect.some((x) => (x.rule ?? e.rule) === rule.id));
      const negative = examples.some((e) => e.rule === rule.id && !e.gap && e.expect.every((x) => (x.rule ?? e.rule) !== rule.id));
      expect({ rule: rule.id, positive, negative }).toEqual({ rule: rule.id, positive: true, negative: true });
    }
  });
});

describe("findDates", () => {
  const dates = (text: string) => findDates(foldVietnamese(text)).map((d) => [text.slice(d.start, d.end), d.iso]);

  it("finds the dates and times of a news page in order", () => {
    const text =
      "Cập nhật lúc 08:15, Chủ nhật, 14/7/2024\nSáng 13/7, UBND tỉnh Bình Định tổ chức hội nghị; " +
      "theo Kế hoạch số 120/KH-UBND ngày 25/6/2024, đến ngày 31 tháng 12 năm 2024 hoàn thành 2.000 căn nhà.";
    expect(dates(text)).toEqual([
      ["08:15, Chủ nhật, 14/7/2024", "2024-07-14T08:15"],
      ["13/7", null],
      ["ngày 25/6/2024", "2024-06-25"],
      ["ngày 31 tháng 12 năm 2024", "2024-12-31"],
    ]);
  });

  it("leaves fractions, ratios and periods alone", () => {
    expect(dates("đạt 19/19 tiêu chí, 5/8 huyện, 126.622/126.989 hồ sơ, tháng 02/2018, quý I/2025, 3/4 số xã")).toEqual([]);
  });

  it("knows the length of each month", () => {
    expect(dates("ngày 29/2/2024, ngày 29/2/2023, ngày 30/2, ngày 31/6/2024, ngày 31/12/2024")).toEqual([
      ["ngày 29/2/2024", "2024-02-29"],
      ["ngày 31/12/2024", "2024-12-31"],
    ]);
  });
});

describe("findDocumentDate", () => {
  it("reads the dateline of a news page", () => {
    expect(findDocumentDate("Tập trung thực hiện các giải pháp giảm nghèo\n\n29/11/2023 - 10:26\n\nBDK.VN - Thực hiện Chương trình")).toBe("2023-11-29");
    expect(findDocumentDate("Kinh doanh\nThứ Hai, 30/12/2024\nTin mới")).toBe("2024-12-30");
    expect(findDocumentDate("Trang chủ Thứ 3, 07/08/2018 | 17:23 A - A A +\nHoạt động sản xuất công nghiệp")).toBe("2018-08-07");
  });

  it("reads the date that opens a notice or its place line", () => {
    expect(findDocumentDate("THÔNG BÁO\n\nÝ kiến của Phó Chủ tịch\n\nNgày 30 tháng 6 năm 2023, Sở Lao động tổ chức Hội nghị")).toBe("2023-06-30");
    expect(findDocumentDate("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 15/BC-UBND\nĐà Lạt, ngày 05 tháng 01 năm 2024\nBÁO CÁO")).toBe("2024-01-05");
    expect(findDocumentDate("Hội nghị tổng kết\nChiều ngày 05/01/2024, Sở Lao động tổ chức hội nghị")).toBe("2024-01-05");
  });

  it("reads the place line in the right column of a header laid out in two", () => {
    expect(findDocumentDate("UBND TỈNH QUẢNG NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 64/BC-PCLB          Tam Kỳ, ngày 18 tháng 10 năm 2013\nBÁO CÁO")).toBe("2013-10-18");
    expect(findDocumentDate("Số: 1247/BC-VP\tHà Tĩnh, ngày 22 tháng 3 năm 2024")).toBe("2024-03-22");
    expect(findDocumentDate("Kế hoạch số 58/KH-UBND ngày 25/01/2024 về kiểm soát TTHC")).toBeNull();
  });

  it("does not take a date cited in the body, a date without its year, or one past the header", () => {
    expect(findDocumentDate("Chiều 7/1, Sở tổ chức hội nghị triển khai nhiệm vụ năm 2025")).toBeNull();
    expect(findDocumentDate("Thực hiện Quyết định số 244-QĐ/TU ngày 4/3/2025 của Ban Thường vụ Tỉnh ủy")).toBeNull();
    expect(findDocumentDate(`${"Dòng tiêu đề\n".repeat(20)}29/11/2023 - 10:26`)).toBeNull();
  });

  it("finds the stated dates of the seed corpus, and none where the header gives no year", () => {
    const dir = path.join(PACKAGE_ROOT, "corpus", "text");
    const read = (file: string) => findDocumentDate(fs.readFileSync(path.join(dir, file), "utf8"));
    expect(read("000_121b9cfc0a5a8ef3.txt")).toBeNull();
    expect(read("001_37f8c59d193ec24d.txt")).toBe("2024-01-05");
    expect(read("002_293deabf6c84edbd.txt")).toBe("2023-11-29");
    expect(read("003_9158f8540373f5fe.txt")).toBe("2023-06-30");
    expect(read("004_3b0dc88aab711b97.txt")).toBeNull();
  });
});
