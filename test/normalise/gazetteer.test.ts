import { describe, expect, it } from "vitest";
import { loadBrokenRules } from "../fixtures/rules/broken.js";
import { loadGazetteer, type Place } from "../../src/normalise/gazetteer.js";

const gazetteer = loadGazetteer();
const provincesAt = (date: string) =>
  [...gazetteer.places.values()].filter(
    (p) => p.level === "province" && (p.validFrom === null || p.validFrom <= date) && (p.mergedOn === null || date < p.mergedOn),
  );
const ids = (text: string) => gazetteer.findNames(text).map((n) => n.places.map((p) => p.id));

describe("the gazetteer", () => {
  it("has the 63 provinces and cities before 1 July 2025 and the 34 after", () => {
    expect(provincesAt("2025-06-30")).toHaveLength(63);
    expect(provincesAt("2025-07-01")).toHaveLength(34);
  });

  it("maps each merged province to the new one, with the date", () => {
    const merged = (id: string) => {
      const p = gazetteer.places.get(id)!;
      return [p.mergedInto, p.mergedOn];
    };
    expect(merged("hau-giang")).toEqual(["can-tho-2025", "2025-07-01"]);
    expect(merged("soc-trang")).toEqual(["can-tho-2025", "2025-07-01"]);
    expect(merged("ha-giang")).toEqual(["tuyen-quang-2025", "2025-07-01"]);
    expect(merged("ba-ria-vung-tau")).toEqual(["ho-chi-minh-2025", "2025-07-01"]);
    expect(merged("ha-tay")).toEqual(["ha-noi", "2008-08-01"]);
    expect(merged("ha-noi")).toEqual([null, null]);
    expect(gazetteer.places.get("can-tho-2025")).toMatchObject({ name: "Cần Thơ", validFrom: "2025-07-01", mergedInto: null });
    // Every province that lost its own government went into a place that exists.
    for (const p of gazetteer.places.values()) if (p.mergedInto) expect(gazetteer.places.has(p.mergedInto)).toBe(true);
  });

  it("finds names, old names and abbreviations", () => {
    for (const text of ["TP.HCM", "tại TPHCM", "Tp. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP HCM", "Sài Gòn"]) {
      expect(ids(text)).toEqual([["ho-chi-minh", "ho-chi-minh-2025"]]);
    }
    expect(ids("tỉnh Thừa Thiên Huế")).toEqual([["hue"]]);
    expect(ids("Đắc Lắc")).toEqual([["dak-lak", "dak-lak-2025"]]);
    expect(ids("tỉnh Hà Tây cũ")).toEqual([["ha-tay"]]);
    expect(ids("Hậu Giang")).toEqual([["hau-giang"]]);
  });

  it("finds district-level places after a level word, or on their own when they name nothing else", () => {
    expect(ids("huyện Mộc Châu")).toEqual([["son-la/moc-chau"]]);
    expect(ids("Mộc Châu")).toEqual([]);
    expect(ids("du lịch Sa Pa")).toEqual([["lao-cai/sa-pa"]]);
    expect(ids("thành phố Hội An")).toEqual([["quang-nam/hoi-an"]]);
    expect(ids("thành phố Cần Thơ")).toEqual([["can-tho", "can-tho-2025"]]);
  });

  it("skips what only looks like a place", () => {
    expect(ids("vì hòa bình và hữu nghị")).toEqual([]);
    expect(ids("tỉnh Hòa Bình")).toEqual([["hoa-binh"]]);
    expect(ids("bờ Thái Bình Dương")).toEqual([]);
    expect(ids("Đoàn TNCS Hồ Chí Minh tỉnh")).toEqual([]);
    expect(ids("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")).toEqual([]);
    expect(ids("ông Hồ Chí Minh")).toEqual([]);
    expect(ids("số 12 đường Điện Biên Phủ")).toEqual([]);
    expect(ids("mức sống bằng hoặc cao bằng")).toEqual([]);
    // A level word does not reach across a comma: "tỉnh, hà nam" is no province named.
    expect(ids("của tỉnh, hà nam")).toEqual([]);
    expect(gazetteer.findNames("của tỉnh Hà Nam")[0]).toMatchObject({ levelled: true, start: 4 });
  });

  it("tells the places a merger gave one name apart by date", () => {
    const [name] = gazetteer.findNames("Cần Thơ");
    const at = (date: string | null) => gazetteer.atDate(name.places, date).map((p: Place) => p.id);
    expect(at("2024-12-31")).toEqual(["can-tho"]);
    expect(at("2025-07-01")).toEqual(["can-tho-2025"]);
    expect(at(null)).toEqual(["can-tho"]);
  });

  it("knows the province of a site from its host", () => {
    expect(gazetteer.siteProvinces("baohaugiang.com.vn").map((p) => p.id)).toEqual(["hau-giang"]);
    expect(gazetteer.siteProvinces("sldtbxh.laocai.gov.vn").map((p) => p.id)).toEqual(["lao-cai", "lao-cai-2025"]);
    expect(gazetteer.siteProvinces("www.baodongkhoi.vn").map((p) => p.id)).toEqual(["ben-tre"]);
    expect(gazetteer.siteProvinces("vnexpress.net")).toEqual([]);
  });

  /** Loads the gazetteer from a copy of rules/ with one line of `file` edited; returns the error and the line. */
  const brokenGazetteer = (file: string, edit: (lines: string[]) => number) =>
    loadBrokenRules(`places/${file}`, edit, async () => (await import("../../src/normalise/gazetteer.js")).loadGazetteer());

  it("reports a merger of an unknown province as file:line", async () => {
    const { error, line } = await brokenGazetteer("provinces.yaml", (lines) => {
      const at = lines.findIndex((l) => l.includes("into: can-tho-2025"));
      lines[at] = lines[at].replace("hau-giang]", "hau-giangg]");
      return at;
    });
    expect(String(error)).toMatch(new RegExp(`provinces\\.yaml:${line}: mergers\\.\\d+\\.places\\.\\d+\\.from\\.2: unknown place hau-giangg`));
  });

  it("reports a district of an unknown province as file:line", async () => {
    const { error, line } = await brokenGazetteer("districts.yaml", (lines) => {
      const at = lines.findIndex((l) => l.includes("province: lao-cai"));
      lines[at] = lines[at].replace("lao-cai", "lao-kai");
      return at;
    });
    expect(String(error)).toMatch(new RegExp(`districts\\.yaml:${line}: districts\\.\\d+\\.province: unknown place lao-kai`));
  });
});
