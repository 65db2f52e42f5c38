import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  QueryError,
  exportColumns,
  exportLines,
  exportRows,
  openStore,
  recordDecision,
  type ExportQuery,
  type IndicatorStore,
} from "../../src/store/index.js";
import { buildResearchStore, tempDir } from "./helpers.js";

const dir = tempDir();
const file = path.join(dir, "indicators.sqlite");
let store: IndicatorStore;
beforeAll(() => {
  buildResearchStore(file);
  store = openStore(file, { readonly: true });
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const text = (query: ExportQuery & { format: "csv" | "jsonl"; excel?: boolean }) => [...exportLines(store, query)].join("");
const rows = (query: ExportQuery) => [...exportRows(store, query)];

describe("CSV", () => {
  const csv = () => text({ view: "mentions", format: "csv" });

  it("has the documented header and one CRLF-ended line per record", () => {
    const lines = csv().split("\r\n");
    expect(lines[0]).toBe(exportColumns("mentions").join(","));
    expect(lines[0].startsWith("mention_id,doc,doc_name,title,site_name,published_at")).toBe(true);
    expect(lines.at(-1)).toBe("");
    // The header and 16 records; the line break inside one record's sentence is a bare LF, inside quotes.
    expect(csv().match(/\r\n/g)).toHaveLength(1 + 16);
  });

  it("quotes per RFC 4180 and writes numbers, booleans and dates locale-neutrally", () => {
    const out = csv();
    expect(out).toContain(',"Thu ngân sách ""vượt"" dự toán, đạt 460 tỷ đồng",Báo Ví Dụ,2024-12-30T08:15:00+07:00,');
    expect(out).toContain(',"Các công trình đã hoàn thành:\n- Xây dựng 12,5 km đường giao thông nông thôn",');
    expect(out).toContain(",giảm hộ nghèo,,target,0.74,,%,>=,year,FALSE,,2025,2025,hau-giang,0.74,,%,");
    expect(out).toContain(",thu ngân sách nhà nước,,actual,460,,tỷ đồng,,,TRUE,,2024,2024,,460000000000,,VND,");
    expect(out.startsWith("\uFEFF")).toBe(false);
  });

  it("adds the byte-order mark for Excel when asked", () => {
    const excel = text({ view: "mentions", format: "csv", excel: true });
    expect(excel.startsWith("\uFEFFmention_id,doc,")).toBe(true);
    expect(Buffer.from(excel, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(excel.slice(1)).toBe(csv());
  });

  const cellText = (v: unknown) => (v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("reads back with Python's csv module exactly as the JSON Lines export says", () => {
    const csvFile = path.join(dir, "mentions.csv");
    fs.writeFileSync(csvFile, text({ view: "mentions", format: "csv", excel: true }));
    const parsed = JSON.parse(
      execFileSync("python3", ["-c", "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", csvFile], { encoding: "utf8" }),
    ) as Array<Record<string, string>>;
    const expected = text({ view: "mentions", format: "jsonl" })
      .trim()
      .split("\n")
      .map((line) => Object.fromEntries(Object.entries(JSON.parse(line) as Record<string, unknown>).map(([k, v]) => [k, cellText(v)])));
    expect(parsed).toEqual(expected);
  });
});

describe("JSON Lines", () => {
  it("writes one typed object per record with the columns in order", () => {
    const lines = text({ view: "mentions", format: "jsonl", where: ["doc=https://example.vn/tin/thu-ngan-sach-123.html"] }).split("\n");
    expect(lines).toHaveLength(4);
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(exportColumns("mentions"));
    expect(first).toMatchObject({
      doc: "https://example.vn/tin/thu-ngan-sach-123.html",
      kind: "actual",
      value: 460,
      value_max: null,
      estimated: true,
      value_base: 460000000000,
      base_unit: "VND",
      value_text: "460 tỷ đồng",
      review_status: "unreviewed",
    });
  });
});

describe("filters", () => {
  const count = (...where: string[]) => rows({ view: "mentions", where }).length;

  it("keeps the rows matching every field, any of one field's values", () => {
    expect(count("kind=target", "period=2025")).toBe(5);
    expect(count("kind=target", "kind=attainment")).toBe(8);
    expect(count("value>=15000", "unit=lao động")).toBe(5);
    expect(count("published_at>=2025-01-01")).toBe(9);
    expect(count("place=")).toBe(3);
    expect(count("estimated=true")).toBe(1);
    expect(count("indicator~HỘ NGHÈO")).toBe(4);
  });

  it("never lets a value act as SQL", () => {
    expect(count("indicator=x' OR 1=1 --")).toBe(0);
    expect(count('indicator=tạo việc làm mới" OR "1"="1')).toBe(0);
    expect(store.db.prepare("SELECT count(*) FROM mentions").pluck().get()).toBe(16);
  });

  it("refuses a bad filter before writing anything", () => {
    expect(() => exportLines(store, { view: "mentions", format: "csv", where: ["value=15.000,5"] })).toThrow(QueryError);
    expect(() => exportRows(store, { view: "observations", where: ["sentence~x"] })).toThrow("no field sentence");
  });
});

describe("observations", () => {
  it("gives one row per indicator, place, period and kind, with its support and conflicts", () => {
    const jobs = rows({ view: "observations", where: ["indicator_id=jobs.new"] });
    expect(jobs).toEqual([
      {
        indicator_id: "jobs.new", indicator: "Tạo việc làm mới", indicator_en: "New jobs created", place: "hau-giang", period: "2025",
        kind: "target", value: 15000, value_max: null, unit: "lao động", value_base: 15000, value_max_base: null, base_unit: "persons",
        qualifier: null, per: null, n_mentions: 3, n_documents: 3, n_values: 2, conflict: true, review_status: "unreviewed",
        first_published: "2025-01-08", last_published: "2025-01-09", mention_ids: expect.stringMatching(/^\d+ \d+ \d+$/),
        place_name: null, basis: null, values_base: "[15000,16000]", link_check: null, implied_target: null,
      },
      expect.objectContaining({ place: "tra-vinh", period: "2023", kind: "attainment", value: 108.44, n_mentions: 1, conflict: false }),
      expect.objectContaining({ place: "tra-vinh", period: "2024", kind: "target", value: 23000, n_mentions: 1, conflict: false }),
    ]);
    // Unmapped indicators are grouped as written.
    expect(rows({ view: "observations", where: ["indicator=lao động qua đào tạo"] }).map((o) => [o.indicator_id, o.period, o.kind, o.value])).toEqual([
      [null, "2024", "actual", 70.43],
      [null, "2025", "target", 71],
    ]);
    // 16 mentions: the three reports of one target make one observation; the poverty count and rate of Trà Vinh two.
    expect(rows({ view: "observations" })).toHaveLength(14);
  });
});

describe("reviewed records", () => {
  it("leaves rejected mentions out of observations and limits exports to accepted records", () => {
    const writer = openStore(file);
    const jobs = [...exportRows(writer, { view: "mentions", where: ["indicator_id=jobs.new", "place=hau-giang"] })];
    for (const m of jobs) {
      recordDecision(writer, { mentionId: m.mention_id as number, reviewer: "lan", action: m.value === 16000 ? "reject" : "accept", reason: m.value === 16000 ? "misread figure" : undefined });
    }
    const poverty = [...exportRows(writer, { view: "mentions", where: ["indicator_id=poverty.households", "unit=hộ"] })][0];
    recordDecision(writer, { mentionId: poverty.mention_id as number, reviewer: "lan", action: "edit", correction: { value: 3454, value_base: 3454 } });
    writer.close();

    expect(rows({ view: "mentions", acceptedOnly: true }).map((m) => [m.doc, m.value, m.review_status, m.reviewer])).toEqual([
      ["corpus/text/000_hau_giang.txt", 15000, "accepted", "lan"],
      ["corpus/text/000b_hau_giang_repeat.txt", 15000, "accepted", "lan"],
      ["corpus/text/001_tra_vinh.txt", 3454, "corrected", "lan"],
    ]);
    const observations = rows({ view: "observations", acceptedOnly: true });
    expect(observations.map((o) => [o.indicator_id, o.place, o.kind, o.value, o.n_mentions, o.conflict, o.review_status])).toEqual([
      ["jobs.new", "hau-giang", "target", 15000, 2, false, "accepted"],
      ["poverty.households", "tra-vinh", "actual", 3454, 1, false, "accepted"],
    ]);
  });
});
