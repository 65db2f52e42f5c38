import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { Normaliser } from "../../src/normalise/index.js";
import { PeriodResolver } from "../../src/normalise/periods.js";

const normaliser = new Normaliser();
const resolved = (text: string, documentDate: string | null) =>
  normaliser.normalise({ text, source: "t.txt", documentDate }, extract(text, { documentDate })).mentions.map((m) => m.resolved_period);

describe("resolved periods", () => {
  it("resolve relative periods against the document's date", () => {
    expect(resolved("Năm nay, tỉnh phấn đấu giải quyết việc làm cho 20.000 lao động.", "2024-03-01")).toEqual(["2024"]);
    expect(resolved("Năm ngoái, kim ngạch xuất khẩu đạt 1,5 tỷ USD.", "2024-03-01")).toEqual(["2023"]);
    expect(resolved("6 tháng đầu năm, thu ngân sách đạt 5.000 tỷ đồng.", "2024-07-05")).toEqual(["2024-H1"]);
    expect(resolved("Tháng trước, lượng khách du lịch đạt 300.000 lượt.", "2024-03-01")).toEqual(["2024-M02"]);
    expect(resolved("Quý III/2024, chỉ số sản xuất công nghiệp tăng 9,2% so với cùng kỳ.", "2024-10-05")).toEqual(["2024-Q3"]);
    expect(resolved("Giai đoạn 2021 - 2025, phấn đấu giảm tỷ lệ hộ nghèo 1,5%/năm.", "2022-01-05")).toEqual(["2021/2025"]);
  });

  it("fill what extraction left empty when the sentence speaks of the time of writing", () => {
    const periods = new PeriodResolver();
    expect(periods.resolve("", "Hiện nay, toàn tỉnh có 120 xã đạt chuẩn nông thôn mới", "2024-10-05")).toBe("2024");
    expect(periods.resolve("", "Tỉnh có 120 xã đạt chuẩn nông thôn mới", "2024-10-05")).toBeNull();
    expect(periods.resolve("", "Hiện nay, toàn tỉnh có 120 xã đạt chuẩn nông thôn mới", null)).toBeNull();
    expect(periods.resolve("2024-H1", "6 tháng đầu năm 2024", null)).toBe("2024-H1");
  });

  it("stay empty without a date to resolve against", () => {
    expect(resolved("Năm nay, tỉnh phấn đấu giải quyết việc làm cho 20.000 lao động.", null)).toEqual([null]);
  });
});
