/**
 * Observations and links end to end: the fixture articles (several provinces, two reports of
 * Lào Cai's year) through `runExtraction` into a store, then the store's views.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExtraction } from "../../src/pipeline/run.js";
import { runReextraction } from "../../src/pipeline/run.js";
import { exportRows, openStore, recordIndicatorMapping, type IndicatorStore } from "../../src/store/index.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/normalise");
let dir: string;
let db: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-normalise-"));
  db = path.join(dir, "indicators.sqlite");
  await runExtraction({ paths: [FIXTURES], db });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function withStore<T>(fn: (store: IndicatorStore) => T): T {
  const store = openStore(db);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
const observations = (where: string[]) => withStore((s) => [...exportRows(s, { view: "observations", where })]);
const links = (indicator: string, place: string) =>
  withStore((s) => s.db.prepare("SELECT * FROM observation_links WHERE indicator_id = ? AND place = ?").all(indicator, place)) as Array<Record<string, unknown>>;

describe("the store after normalisation", () => {
  it("holds each document's place, and the taxonomy and gazetteer for labels", () => {
    withStore((s) => {
      const places = s.db.prepare("SELECT name, place FROM documents ORDER BY name").all();
      expect(places).toEqual([
        { name: "bac-kan-viec-lam.txt", place: "bac-kan" },
        { name: "can-tho-2026.txt", place: "can-tho-2025" },
        { name: "dak-lak-nong-nghiep.txt", place: "dak-lak" },
        { name: "ha-giang-b.txt", place: "ha-giang" },
        { name: "lao-cai-a.txt", place: "lao-cai" },
        { name: "lao-cai-b.txt", place: "lao-cai" },
        { name: "quang-nam-du-lich.txt", place: "quang-nam" },
        { name: "tp-hcm-ngan-sach.txt", place: "ho-chi-minh" },
      ]);
      expect(s.db.prepare("SELECT label_vi, unit_class FROM indicators WHERE id = 'poverty.rate'").get()).toEqual({ label_vi: "Tỷ lệ hộ nghèo", unit_class: "percent" });
      expect(s.db.prepare("SELECT name, merged_into, merged_on FROM places WHERE id = 'hau-giang'").get()).toEqual({ name: "Hậu Giang", merged_into: "can-tho-2025", merged_on: "2025-07-01" });
    });
  });

  it("merges mentions of one thing from several documents into one observation", () => {
    const [jobs] = observations(["indicator_id=jobs.created", "place=lao-cai", "kind=actual"]);
    expect(jobs).toMatchObject({
      indicator: "Lao động được giải quyết việc làm", indicator_en: "Workers provided with jobs", place_name: "Lào Cai", period: "2024",
      value: 15000, unit: "người", value_base: 15000, base_unit: "persons", n_mentions: 3, n_documents: 2, n_values: 1, conflict: false,
      review_status: "unreviewed",
    });
  });

  it("keeps disagreeing values as a conflict, but not values that agree within their rounding", () => {
    const [trained] = observations(["indicator_id=training.trained_rate", "place=lao-cai"]);
    expect(trained).toMatchObject({ n_documents: 2, n_values: 2, conflict: true, values_base: "[68.8,69.5]" });
    // "1,2 nghìn tỷ đồng" and "1.203 tỷ đồng" are one figure written to different precision.
    const [revenue] = observations(["indicator_id=budget.revenue", "place=lao-cai"]);
    expect(revenue).toMatchObject({ n_values: 2, conflict: false, base_unit: "VND" });
    expect(observations(["conflict=true"]).map((o) => [o.indicator_id, o.place])).toEqual([["training.trained_rate", "lao-cai"]]);
  });

  it("links a target, its actual and its attainment, and checks them within rounding", () => {
    // 15.000 người at 103,5% imply a target of about 14.493: the stated 14.500 agrees.
    expect(links("jobs.created", "lao-cai")).toEqual([
      expect.objectContaining({ period: "2024", target: 14500, actual: 15000, attainment: 103.5, check: "consistent", conflict: 0 }),
    ]);
    expect(links("jobs.created", "lao-cai")[0].implied_target).toBeCloseTo(14492.75, 2);
    // 12.600 at 103,5% imply about 12.174, not the 12.000 stated.
    expect(links("jobs.created", "ha-giang")).toEqual([expect.objectContaining({ target: 12000, actual: 12600, attainment: 103.5, check: "inconsistent" })]);
    // Without a target there is nothing to check, but the implied target is given.
    const [tourism] = links("tourism.revenue", "quang-nam");
    expect(tourism).toMatchObject({ target: null, actual: 460_000_000_000, attainment: 104.5, check: null });
    expect(tourism.implied_target as number).toBeCloseTo(440_191_387_559.8, 0);
    const flagged = observations(["link_check=inconsistent"]);
    expect(flagged.map((o) => [o.place, o.kind])).toEqual([["ha-giang", "actual"], ["ha-giang", "attainment"], ["ha-giang", "target"]]);
  });

  it("learns a reviewer's mapping: stored mentions take it at the end of the next run, new documents on the way", async () => {
    const mentionOf = (indicator: string) =>
      withStore((s) => s.db.prepare("SELECT indicator_id, indicator_candidates FROM mentions WHERE indicator = ?").all(indicator)) as Array<{ indicator_id: string | null; indicator_candidates: string }>;
    expect(mentionOf("giúp lao động có thêm việc làm")).toEqual([{ indicator_id: null, indicator_candidates: expect.stringContaining("jobs.created") }]);
    withStore((s) => recordIndicatorMapping(s, { surface: "giúp lao động có thêm việc làm", indicatorId: "jobs.created", reviewer: "lan" }));
    withStore((s) => expect(() => recordIndicatorMapping(s, { surface: "x", indicatorId: "jobs.nothing", reviewer: "lan" })).toThrow("unknown indicator id jobs.nothing"));

    const again = await runExtraction({ paths: [FIXTURES], db });
    expect(again.unchanged).toBe(8);
    expect(mentionOf("giúp lao động có thêm việc làm")).toEqual([{ indicator_id: "jobs.created", indicator_candidates: "[]" }]);

    const extra = path.join(dir, "bac-kan-2.txt");
    fs.writeFileSync(extra, "Bắc Kạn tổng kết năm 2024\n\nNgày 25/12/2024, tỉnh Bắc Kạn cho biết: năm 2024, tỉnh đã giúp 2.100 lao động có thêm việc làm.\n");
    await runExtraction({ paths: [extra], db });
    expect(mentionOf("giúp lao động có thêm việc làm").map((m) => m.indicator_id)).toEqual(["jobs.created", "jobs.created"]);
    const [jobs] = observations(["indicator_id=jobs.created", "place=bac-kan"]);
    expect(jobs).toMatchObject({ value: 2100, n_documents: 2, conflict: false });
  });

  it("normalises again on re-extraction, the document's place included", async () => {
    withStore((s) => s.db.prepare("UPDATE documents SET rules_version = 'old', place = NULL").run());
    withStore((s) => s.db.prepare("UPDATE mentions SET place = NULL, indicator_id = NULL").run());
    await runReextraction({ db });
    withStore((s) => {
      expect(s.db.prepare("SELECT count(*) FROM documents WHERE place IS NULL").pluck().get()).toBe(0);
      expect(s.db.prepare("SELECT place, indicator_id FROM mentions WHERE indicator = 'giúp lao động có thêm việc làm'").all()).toEqual([
        { place: "bac-kan", indicator_id: "jobs.created" },
        { place: "bac-kan", indicator_id: "jobs.created" },
      ]);
    });
  });
});
