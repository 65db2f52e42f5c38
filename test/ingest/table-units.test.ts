/** A table's unit column and bracketed header units reach the figures that stand without one. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { extract } from "../../src/index.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/ingest/table-units.html");

describe("table units", () => {
  it("writes each row's unit after its figures and keeps the unit column out", async () => {
    const doc = await ingestBytes("table-units.html", fs.readFileSync(FIXTURE));
    expect(doc.text).toContain("Giải quyết việc làm – Kế hoạch 2024: 32.000 người");
    expect(doc.text).toContain("Tỷ lệ hộ nghèo – Thực hiện 2024: 1,32 %");
    expect(doc.text).not.toContain("Đơn vị: người");
  });

  it("prefers the unit in a column header to the row's", async () => {
    const doc = await ingestBytes("table-units.html", fs.readFileSync(FIXTURE));
    expect(doc.text).toContain("Giải quyết việc làm – Tỷ lệ (%): 103,6 %");
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
