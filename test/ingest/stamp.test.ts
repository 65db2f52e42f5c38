/** A file's stamp, which lets a re-run skip it unread: its size, and its time once it is old enough to trust. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IngestError, RACY_MS, inspectInput } from "../../src/ingest/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-stamp-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("inspectInput", () => {
  const file = path.join(dir, "a.txt");
  fs.writeFileSync(file, "Năm 2024 đạt 15.000 lao động.");

  it("gives the size and the time, to the nanosecond, of a file written long enough ago", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(file, hourAgo, hourAgo);
    const stat = fs.statSync(file, { bigint: true });
    expect(await inspectInput(file)).toEqual({ size: Number(stat.size), mtimeNs: stat.mtimeNs });
  });

  it.each([
    ["within the last moments", -RACY_MS / 4],
    ["later than now", 60_000],
  ])("gives no time for a file written %s: a write in the same tick would not show", async (_, offset) => {
    const time = new Date(Date.now() + offset);
    fs.utimesSync(file, time, time);
    expect(await inspectInput(file)).toEqual({ size: fs.statSync(file).size, mtimeNs: null });
  });

  it("refuses what it cannot read, with the reason, before reading it", async () => {
    await expect(inspectInput(dir)).rejects.toThrow(IngestError);
    await expect(inspectInput(path.join(dir, "missing.txt"))).rejects.toThrow(/no such file/);
    await expect(inspectInput(file, { maxBytes: 4 })).rejects.toThrow(/too large/);
  });
});
