import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { Normaliser } from "../../src/normalise/index.js";
import { bigramsOf, diceOfBigrams } from "../../src/normalise/indicators.js";
import { DiceCoefficient } from "natural/lib/natural/distance/index.js";

const normaliser = new Normaliser();

/** Each figure of a text as [indicator as written, unit, taxonomy id]. */
function mapped(text: string, n: Normaliser = normaliser): Array<[string, string, string | null]> {
  const mentions = extract(text, { documentDate: "2024-12-30" });
  return n.normalise({ text, source: "t.txt", documentDate: "2024-12-30" }, mentions).mentions.map((m) => [m.indicator, m.unit, m.indicator_id ?? null]);
}
const ids = (text: string, n?: Normaliser) => mapped(text, n).map(([, , id]) => id);

describe("indicator mapping", () => {
  it("maps the corpus's phrasings of one indicator to one id", () => {
    expect(ids("Năm 2025, ngành Lao động - Thương binh và Xã hội tỉnh Hậu Giang đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động; nâng lao động qua đào tạo đạt 71%; giảm hộ nghèo 0,74%/năm trở lên.")).toEqual([
      "jobs.created", "training.trained_rate", "poverty.rate_reduction",
    ]);
    expect(ids("Năm 2024, 26.054 lao động được giải quyết việc làm; tỷ lệ lao động qua đào tạo đạt 70,43%.")).toEqual(["jobs.created", "training.trained_rate"]);
    expect(ids("Năm 2024, giải quyết việc làm cho 15.000 người (đạt 103,5% kế hoạch).")).toEqual(["jobs.created", "jobs.created"]);
  });

  it("tells a count from a rate of the same words by the unit", () => {
    expect(mapped("Cuối năm 2023, toàn tỉnh còn 3.453 hộ nghèo, chiếm tỷ lệ 1,20% so với tổng số hộ dân cư toàn tỉnh.")).toEqual([
      ["hộ nghèo", "hộ", "poverty.households"],
      ["hộ nghèo", "%", "poverty.rate"],
    ]);
    expect(ids("Năm 2023, toàn tỉnh có 3.000 hộ thoát nghèo; tỷ lệ hộ cận nghèo còn 4,2%.")).toEqual(["poverty.households_escaped", "poverty.near_rate"]);
  });

  it("maps a yearly rate of an indicator to its yearly change", () => {
    expect(ids("Năm 2024, phấn đấu tỷ lệ hộ nghèo giảm 1,5%/năm.")).toEqual(["poverty.rate_reduction"]);
    // with a typo ("hội nghèo") as in the corpus
    expect(ids("Năm 2024, phấn đấu tỷ lệ hội nghèo giảm 0,3%/năm.")).toEqual(["poverty.rate_reduction"]);
  });

  it("maps sentences of other provinces and sectors", () => {
    expect(ids("Năm 2024, tỷ lệ bao phủ BHYT đạt 93,5%; tỷ lệ học sinh tốt nghiệp THPT đạt 98,6%.")).toEqual([
      "health.insurance_coverage", "education.upper_secondary_graduation_rate",
    ]);
    expect(ids("Năm 2024, tổng chi ngân sách địa phương đạt 12.500 tỷ đồng; kim ngạch xuất khẩu đạt 1,5 tỷ USD.")).toEqual(["budget.spending", "trade.exports"]);
    expect(ids("Năm 2024, giải ngân vốn đầu tư công đạt 3.250 tỷ đồng, bằng 65,3% kế hoạch vốn được giao.")).toEqual([
      "investment.public_disbursed", "investment.public_disbursed",
    ]);
    expect(ids("Năm 2023, toàn tỉnh có 95 xã đạt chuẩn nông thôn mới; sản lượng lúa cả năm đạt 15 nghìn tấn.")).toEqual([
      "rural.communes_standard", "agriculture.rice_output",
    ]);
    expect(ids("Quý III/2024, chỉ số sản xuất công nghiệp tăng 9,2% so với cùng kỳ.")).toEqual(["industry.production_index"]);
    expect(ids("Năm 2024, Quảng Nam đón 650.000 lượt khách quốc tế.")).toEqual(["tourism.international_visitors"]);
  });

  it("maps a phrase by the variant it ends with, or by its last clause", () => {
    expect(ids("Năm 2024, Sở Lao động - Thương binh và Xã hội tỉnh đang thực hiện chi trả trợ cấp hàng tháng cho 3.010 người có công.")).toEqual(["social.merit_allowance"]);
    expect(ids("Năm 2024, nhờ thực hiện quyết liệt các giải pháp, hộ nghèo trong tỉnh còn 1,47%.")).toEqual(["poverty.rate"]);
  });

  it("leaves an unknown indicator unmapped, with its best candidates", () => {
    const text = "Năm 2023, hộ nghèo dân tộc Khmer còn 1.879 hộ, chiếm tỷ lệ 2,08%.";
    const [households, rate] = normaliser.normalise({ text, source: "t.txt" }, extract(text, { documentDate: "2024-01-05" })).mentions;
    expect(households).toMatchObject({ indicator: "hộ nghèo dân tộc Khmer", indicator_id: null });
    expect(rate).toMatchObject({ indicator_id: null });
    expect(rate.indicator_candidates).toContain("poverty.ethnic_minority_rate");
    expect(ids("Năm 2024, giá vàng miếng giúp SJC ghi nhận doanh thu đạt hơn 27.150 tỷ đồng.")).toEqual([null]);
  });

  it("reuses reviewers' mappings, for the figures their indicator can measure", () => {
    const text = "Năm 2024, tỉnh đã giúp 2.100 lao động có thêm việc làm.";
    expect(ids(text)).toEqual([null]);
    const learned = new Normaliser(normaliser.rules, [{ surface: "Giúp lao động có thêm việc làm", indicator_id: "jobs.created" }]);
    expect(ids(text, learned)).toEqual(["jobs.created"]);
    expect(learned.mapIndicator("giúp lao động có thêm việc làm", { kind: "actual", unitClass: "persons", per: null }).how).toBe("learned");
    // A count of persons is no percentage: the mapping does not apply to a rate.
    expect(learned.mapIndicator("giúp lao động có thêm việc làm", { kind: "actual", unitClass: "money", per: null }).how).not.toBe("learned");
    // A mapping to an id the taxonomy no longer has is ignored.
    const stale = new Normaliser(normaliser.rules, [{ surface: "giúp lao động có thêm việc làm", indicator_id: "jobs.gone" }]);
    expect(ids(text, stale)).toEqual([null]);
  });

  it("leaves two indicators named alike unmapped when the unit does not tell", () => {
    const match = normaliser.mapIndicator("hộ nghèo", { kind: "actual", unitClass: null, per: null });
    expect(match.id).toBeNull();
    expect(match.candidates.slice(0, 2).sort()).toEqual(["poverty.households", "poverty.rate"]);
  });

  it("scores similarity exactly as natural's DiceCoefficient, from bigrams taken once", () => {
    const phrases = ["tỷ lệ hộ nghèo", "Tỷ lệ  hộ nghèo ", "hộ nghèo", "a", "ab", "aa", "lao động qua đào tạo", "tạo việc làm mới", "giải quyết việc làm", "x", "TỶ LỆ BAO PHỦ BHYT"];
    for (const a of phrases) {
      for (const b of phrases) expect(diceOfBigrams(bigramsOf(a), bigramsOf(b))).toBeCloseTo(DiceCoefficient(a, b), 12);
    }
  });
});
