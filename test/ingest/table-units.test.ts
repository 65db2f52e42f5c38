/** A table's unit column and bracketed header units reach the figures that stand without one. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { extract } from "../../src/index.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/ingest/table-units.html");

/** An HTML page of one table: its header row, then its body rows, cell by cell. */
async function htmlTable(name: string, header: string[], ...rows: string[][]) {
  const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
  return ingestBytes(name, Buffer.from(`<table>${row(header, "th")}${rows.map((r) => row(r, "td")).join("")}</table>`));
}

describe("table units", () => {
  it("writes each row's unit after its figures and keeps the unit column out", async () => {
    const doc = await ingestBytes("table-units.html", fs.readFileSync(FIXTURE));
    expect(doc.text).toContain("Giải quyết việc làm – Kế hoạch 2024: 32.000 người");
    expect(doc.text).toContain("Tỷ lệ hộ nghèo – Thực hiện 2024: 1,32 %");
    expect(doc.text).not.toContain("Đơn vị: người");
  });

  it("prefers the unit in a column header to the row's", async () => {
    const doc = await ingestBytes("table-units.html", fs.readFileSync(FIXTURE));
    expect(doc.text).toContain("Giải quyết việc làm – Tỷ lệ (%) (TH/KH): 103,6 %");
  });

  // Capital allotted and disbursed, then a ratio: bare ("Tỷ lệ (%)") or named by the outcome it measures.
  it.each([
    [["Kế hoạch vốn năm 2023 (tỷ đồng)", "Giải ngân đến 31/10 (tỷ đồng)", "Tỷ lệ (%)"], "Tỷ lệ (%)"],
    [["Vốn bố trí năm 2023", "Giải ngân đến 31/10", "Tỷ lệ giải ngân (%)"], "Tỷ lệ giải ngân (%)"],
  ])("reads a ratio after plan and disbursed columns as the share of the plan: %j", async (columns, ratio) => {
    const doc = await htmlTable("disbursement.html", ["TT", "Chủ đầu tư", ...columns], ["1", "Sở Y tế", "186,4", "33,9", "18,2"]);
    expect(doc.text).toContain(`Sở Y tế – ${ratio} (TH/KH): 18,2 %`);
    expect(extract(doc.text, { documentDate: "2023-11-05" }).find((m) => m.value === 18.2)?.kind).toBe("attainment");
  });

  it("reads a ratio after two outcome columns as the later against the earlier, whatever the labels' header says", async () => {
    const doc = await htmlTable(
      "six-months.html",
      ["Chỉ tiêu", "ĐVT", "Thực hiện 6 tháng năm 2016", "Ước 6 tháng năm 2017", "So sánh (%)"],
      ["Diện tích gieo trồng vụ đông xuân", "ha", "12.846", "13.105", "102,02"],
    );
    expect(doc.text).toContain("Diện tích gieo trồng vụ đông xuân – So sánh (%) (TH/CK): 102,02 %");
    expect(extract(doc.text, { documentDate: "2017-06-25" }).find((m) => m.value === 102.02)?.kind).toBe("comparison");
  });

  it("takes the unit in brackets closing a table's caption, a unit with a digit too", async () => {
    const page = `<table><caption>Nồng độ PM2.5 trung bình năm tại một số trạm quan trắc (µg/m3)</caption>
      <tr><th>Trạm quan trắc</th><th>Năm 2023</th><th>Năm 2024</th></tr><tr><td>Hoàn Kiếm</td><td>42,5</td><td>39,8</td></tr>
      <tr><td>Cầu Giấy</td><td>46,2</td><td>44,1</td></tr></table>`;
    const doc = await ingestBytes("air.html", Buffer.from(page));
    expect(doc.text).toContain("Hoàn Kiếm – Năm 2024: 39,8 µg/m3");
  });

  it("takes no unit from a header's brackets that hold a number", async () => {
    const doc = await htmlTable("quarter.html", ["Chỉ tiêu (Quý 1)", "Số dự án"], ["Năm 2016", "61"], ["Năm 2017", "64"]);
    expect(doc.text).toContain("Năm 2016 – Số dự án: 61 dự án");
  });

  it("takes a row labelled in percent for percentages, whatever its columns count", async () => {
    const doc = await htmlTable("percent-row.html", ["Chỉ tiêu", "Số dự án", "Vốn đầu tư (triệu USD)"], ["Năm 2016", "61", "352,6"], ["So với năm 2015 (%)", "135,6", "142,5"]);
    expect(doc.text).toContain("Năm 2016 – Số dự án: 61 dự án");
    expect(doc.text).toContain("So với năm 2015 (%) – Số dự án: 135,6 %");
    expect(doc.text).toContain("So với năm 2015 (%) – Vốn đầu tư (triệu USD): 142,5 %");
  });

  it("writes the row's unit after a range as after a single figure", async () => {
    const doc = await htmlTable(
      "range-cells.html",
      ["Chỉ tiêu", "ĐVT", "Nghị quyết", "Thực hiện"],
      ["Tốc độ tăng giá trị sản xuất bình quân/năm", "%", "12-13", "12,6"],
      ["Thu nhập bình quân đầu người", "triệu đồng", "60 – 65", "56,8"],
    );
    expect(doc.text).toContain("Tốc độ tăng giá trị sản xuất bình quân/năm – Nghị quyết: 12-13 %");
    expect(doc.text).toContain("Thu nhập bình quân đầu người – Nghị quyết: 60 – 65 triệu đồng");
    const records = extract(doc.text, { documentDate: "2015-06-12" }).map((m) => [m.kind, m.value, m.value_max, m.unit]);
    expect(records).toContainEqual(["target", 12, 13, "%"]);
    expect(records).toContainEqual(["target", 60, 65, "triệu đồng"]);
  });

  it("reads no unit in the signs a change column's header explains", async () => {
    const doc = await htmlTable("signs.html", ["Chỉ tiêu", "6 tháng 2020", "6 tháng 2021", "Tăng (+), giảm (-)"], ["Số vụ cháy (vụ)", "52", "43", "-9"]);
    expect(doc.text).toContain("Số vụ cháy (vụ) – Tăng (+), giảm (-): -9 vụ");
  });

  it("gives a row labelled by its year, a note in brackets after it or not, the year as period and the column as indicator", async () => {
    const doc = await htmlTable("years.html", ["Năm", "Vốn giao (tỷ đồng)", "Hộ thoát nghèo (hộ)"], ["2024", "1.128,3", "9.646"], ["2025 (ước)", "1.087,9", "8.917"]);
    const records = extract(doc.text, { documentDate: "2025-11-05" }).map((m) => [m.value, m.period, m.indicator]);
    expect(records).toContainEqual([1128.3, "2024", "Vốn giao (tỷ đồng)"]);
    expect(records).toContainEqual([1087.9, "2025", "Vốn giao (tỷ đồng)"]);
    expect(records).toContainEqual([8917, "2025", "Hộ thoát nghèo (hộ)"]);
  });

  it("gives the table's figures as targets and actuals of the row's indicator", async () => {
    const doc = await ingestBytes("table-units.html", fs.readFileSync(FIXTURE));
    const records = extract(doc.text).map((m) => [m.kind, m.value, m.unit, m.period, m.indicator]);
    expect(records).toContainEqual(["target", 32000, "người", "2024", "Giải quyết việc làm"]);
    expect(records).toContainEqual(["actual", 33150, "người", "2024", "Giải quyết việc làm"]);
    expect(records).toContainEqual(["target", 1.5, "%", "2024", "Tỷ lệ hộ nghèo"]);
    expect(records).toContainEqual(["actual", 1.32, "%", "2024", "Tỷ lệ hộ nghèo"]);
  });
});
