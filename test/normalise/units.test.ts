import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { loadUnitTable } from "../../src/normalise/units.js";
import { lexiconSurfaces } from "../../src/rulebook/index.js";

const units = loadUnitTable();

describe("values in base units", () => {
  it("convert the issue's examples from real sentences", () => {
    const cases: Array<[string, number, string]> = [
      ["Năm 2024, tỉnh đón 1,2 triệu người đến tham quan.", 1_200_000, "persons"],
      ["Năm 2024, thu ngân sách trên địa bàn đạt 460 tỷ đồng.", 460_000_000_000, "VND"],
      ["Năm 2023, sản lượng lúa đạt 15 nghìn tấn.", 15_000, "t"],
    ];
    for (const [sentence, base, unit] of cases) {
      const [m] = extract(sentence, { documentDate: "2024-12-30" });
      expect(units.toBase(m.value, m.value_max, m.unit)).toMatchObject({ value_base: base, base_unit: unit });
    }
  });

  it("know every unit that may be written right after the digits ('12.000ha')", () => {
    for (const unit of lexiconSurfaces("joined-units")) expect(units.toBase(1, null, unit), unit).not.toBeNull();
    const [m] = extract("Năm 2024, tỉnh trồng mới 1.500ha rừng.", { documentDate: "2024-12-30" });
    expect(units.toBase(m.value, m.value_max, m.unit)).toMatchObject({ value_base: 1500, base_unit: "ha" });
  });

  it("scale by magnitudes and unit factors", () => {
    expect(units.toBase(1.5, null, "nghìn tỷ đồng")).toMatchObject({ value_base: 1.5e12, base_unit: "VND", value_step_base: 1e11 });
    expect(units.toBase(2.4, null, "tỷ USD")).toMatchObject({ value_base: 2.4e9, base_unit: "USD" });
    expect(units.toBase(850, null, "kg")).toMatchObject({ value_base: 0.85, base_unit: "t" });
    expect(units.toBase(60.5, null, "tạ/ha")).toMatchObject({ value_base: 6.05, base_unit: "t/ha" });
    expect(units.toBase(3, null, "triệu kWh")).toMatchObject({ value_base: 3e6, base_unit: "kWh" });
    expect(units.toBase(1, 1.5, "%")).toMatchObject({ value_base: 1, value_max_base: 1.5, base_unit: "%", value_step_base: 0.1 });
  });

  it("give the rounding step of the digits written", () => {
    expect(units.toBase(103.5, null, "%")!.value_step_base).toBe(0.1);
    expect(units.toBase(15000, null, "người")!.value_step_base).toBe(1);
    expect(units.toBase(1.2, null, "triệu người")!.value_step_base).toBe(100_000);
  });

  it("read a bare magnitude in the unit implied by the indicator, a bare number in none", () => {
    expect(units.toBase(15.4, null, "triệu", "đồng")).toMatchObject({ value_base: 15_400_000, base_unit: "VND" });
    expect(units.toBase(15.4, null, "triệu")).toMatchObject({ value_base: 15_400_000, base_unit: "" });
    expect(units.toBase(500, null, "", "đồng")).toMatchObject({ value_base: 500, base_unit: "" });
  });

  it("give up on words that are no unit", () => {
    expect(units.toBase(3, null, "cánh cửa")).toBeNull();
    expect(units.classOf("tỷ đồng")).toBe("money");
    expect(units.classOf("lượt khách")).toBe("persons");
  });
});
