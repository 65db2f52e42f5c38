import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordResult, type BenchRow } from "../../src/bench/report.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-bench-report-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function row(over: Partial<BenchRow>): BenchRow {
  return {
    when: "2025-01-01 00:00", version: "abc1234", mix: "text", docs: 1000, seed: 1, megabytes: 6.7, load: [1, 2],
    seconds: 10, cpuSeconds: 9, docsPerSecond: 100, megabytesPerSecond: 0.67, mentionsPerSecond: 1500, peakRssMiB: 200,
    floorSeconds: 0.5, floorCpuSeconds: 0.4, rerunSeconds: 2, startupSeconds: 1, ...over,
  };
}

function resultRows(file: string): string[] {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => /^\| \d{4}-/.test(l));
}

describe("recordResult", () => {
  it("keeps the prose, replaces the row of the same version, mix, size and seed, keeps the others in order", () => {
    const file = path.join(scratch, "a.md");
    recordResult(file, row({}));
    fs.writeFileSync(file, fs.readFileSync(file, "utf8") + "\nNotes written by hand.\n");
    recordResult(file, row({ docs: 10000, seconds: 100 }));
    recordResult(file, row({ version: "def5678", seconds: 5 }));
    recordResult(file, row({ seconds: 20, when: "2025-01-02 00:00" }));
    const rows = resultRows(file);
    expect(rows.map((r) => r.split("|").slice(2, 5).map((c) => c.trim()).join(" "))).toEqual(["abc1234 text 1000", "abc1234 text 10000", "def5678 text 1000"]);
    expect(rows[0]).toContain("| 1.00→2.00 | 20.00 (9.00) | 100 | 111 | 0.67 | 1500 | 200 | 0.50 (0.40) |");
    expect(rows[0]).toContain("| 40.0 | 22.5 | 2.00 | 10.0 | 1.00 |");
    expect(fs.readFileSync(file, "utf8")).toContain("Notes written by hand.");
  });

  it("refuses a report whose markers are gone", () => {
    const file = path.join(scratch, "b.md");
    fs.writeFileSync(file, "# Benchmarks\n");
    expect(() => recordResult(file, row({}))).toThrow(/b\.md: the markers/);
  });
});
