import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { findDocumentDate } from "../../src/extract/index.js";
import { Normaliser } from "../../src/normalise/index.js";
import { prepareText } from "../../src/text/index.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/normalise");
const normaliser = new Normaliser();

/** A fixture (or a text) normalised as the pipeline does, its first line as title; `date` overrides the one it states. */
function normalise(text: string, options: { date?: string | null; title?: string; canonicalUrl?: string; siteName?: string } = {}) {
  const prepared = prepareText(text).text;
  const documentDate = options.date === undefined ? findDocumentDate(prepared) : options.date;
  const mentions = extract(text, { documentDate });
  return normaliser.normalise(
    { text: prepared, source: "t.txt", documentDate, title: options.title ?? prepared.split("\n")[0], canonicalUrl: options.canonicalUrl, siteName: options.siteName },
    mentions,
  );
}
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const placesOf = (doc: ReturnType<typeof normalise>) => doc.mentions.map((m) => [m.indicator, m.value, m.place]);

describe("a document's place", () => {
  it("comes from its title and body", () => {
    expect(normalise(fixture("quang-nam-du-lich.txt")).place).toBe("quang-nam");
    expect(normalise(fixture("dak-lak-nong-nghiep.txt")).place).toBe("dak-lak");
    expect(normalise(fixture("tp-hcm-ngan-sach.txt")).place).toBe("ho-chi-minh");
  });

  it("comes from its site when the text names no place", () => {
    const text = "Năm 2024, tỷ lệ hộ nghèo của tỉnh còn 2,1%.";
    expect(normalise(text, { title: "" }).place).toBeNull();
    expect(normalise(text, { title: "", canonicalUrl: "https://baohaugiang.com.vn/xa-hoi/ho-ngheo-123.html" }).place).toBe("hau-giang");
    expect(normalise(text, { title: "", siteName: "sldtbxh.travinh.gov.vn" }).place).toBe("tra-vinh");
    expect(normalise(`BDK.VN - ${text}`, { title: "" }).place).toBe("ben-tre");
  });

  it("is the country when the text speaks for it", () => {
    const doc = normalise("Năm 2013, tổng sản lượng xi măng tồn kho cả nước tăng hơn 25% so với cùng kỳ năm 2012. Tại TPHCM, nơi có xấp xỉ 20.000 DN xây dựng.", { title: "" });
    expect(doc.place).toBe("viet-nam");
    expect(placesOf(doc)).toEqual([
      ["sản lượng xi măng tồn kho", 25, "viet-nam"],
      [expect.any(String), 20000, "ho-chi-minh"],
    ]);
  });

  it("of a name two places have had is the one that existed at the document's date", () => {
    expect(normalise(fixture("can-tho-2026.txt")).place).toBe("can-tho-2025");
    expect(normalise(fixture("can-tho-2026.txt"), { date: "2025-03-01" }).place).toBe("can-tho");
    // Undated: the latest period the figures are for says when.
    expect(normalise(fixture("lao-cai-b.txt").replace("Ngày 02/01/2025, ", ""), { date: null }).place).toBe("lao-cai");
  });
});

describe("a figure's place", () => {
  it("is its document's unless its sentence names another place or scope", () => {
    expect(placesOf(normalise(fixture("dak-lak-nong-nghiep.txt")))).toEqual([
      ["sản lượng lúa", 15, "dak-lak"],
      ["tỷ lệ che phủ rừng", 38.5, "dak-lak"],
      ["xã đạt chuẩn nông thôn mới", 95, "dak-lak"],
      ["xã đạt chuẩn nông thôn mới", 8, "dak-lak"],
      ["tỷ lệ che phủ rừng", 42, "viet-nam"],
      ["xã đạt chuẩn nông thôn mới", 12, "son-la"],
    ]);
    expect(placesOf(normalise(fixture("tp-hcm-ngan-sach.txt"))).map(([, v, p]) => [v, p])).toEqual([
      [500000, "ho-chi-minh"],
      [45.2, "ho-chi-minh"],
      [8, "ho-chi-minh"],
      [120, "ho-chi-minh"],
      [0.5, "ho-chi-minh/cu-chi"],
    ]);
    expect(placesOf(normalise(fixture("quang-nam-du-lich.txt"))).filter(([, v]) => v === 850000)).toEqual([
      [expect.stringContaining("Hội An"), 850000, "quang-nam/hoi-an"],
    ]);
  });

  it("is the province for \"toàn tỉnh\" in an article about one of its districts", () => {
    const doc = normalise(
      "Huyện Mộc Châu phát triển nông thôn mới\n\nNgày 10/12/2024, huyện Mộc Châu tổng kết năm 2024. Năm 2024, huyện Mộc Châu có thêm 5 xã đạt chuẩn nông thôn mới; toàn tỉnh Sơn La có 60 xã đạt chuẩn nông thôn mới. Toàn huyện có 1.200 hộ nghèo.",
    );
    expect(doc.place).toBe("son-la");
    expect(placesOf(doc).map(([, v, p]) => [v, p])).toEqual([
      [5, "son-la/moc-chau"],
      [60, "son-la"],
      [1200, "son-la/moc-chau"],
    ]);
  });
});
