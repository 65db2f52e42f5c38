/**
 * Re-runs over files: a file whose size and modification time are those
 * stored is skipped unread, as make and rsync judge files; a new time sends it
 * through its bytes again; a time too recent to tell a later write never
 * skips a file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runExtraction } from "../../src/pipeline/run.js";

const FIRST = "Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.";
/** The same number of bytes as FIRST, with another figure. */
const SECOND = "Năm 2024, tỉnh giải quyết việc làm cho 16.000 lao động.";
const HOUR_AGO = new Date(Date.now() - 3_600_000);
const HALF_HOUR_AGO = new Date(Date.now() - 1_800_000);

function scratch(): { file: string; db: string; extract: () => ReturnType<typeof runExtraction> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-rerun-"));
  const file = path.join(dir, "docs", "a.txt");
  fs.mkdirSync(path.dirname(file));
  const db = path.join(dir, "store.sqlite");
  return { file, db, extract: () => runExtraction({ paths: [path.dirname(file)], db, workers: 0 }) };
}

function storedValues(db: string): number[] {
  const store = new Database(db, { readonly: true });
  try {
    return store.prepare("SELECT value FROM mentions ORDER BY id").pluck().all() as number[];
  } finally {
    store.close();
  }
}

describe("runExtraction over files already stored", () => {
  it("skips unread a file whose size and time are as stored, and reads it again once its time changes", async () => {
    const { file, db, extract } = scratch();
    fs.writeFileSync(file, FIRST);
    fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
    expect(await extract()).toMatchObject({ documents: 1, unchanged: 0 });
    // Other bytes of the same size at the same time: the time is trusted, the file not read.
    fs.writeFileSync(file, SECOND);
    fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
    expect(await extract()).toMatchObject({ documents: 0, unchanged: 1, kept: 1 });
    expect(storedValues(db)).toEqual([15000]);
    fs.utimesSync(file, HALF_HOUR_AGO, HALF_HOUR_AGO);
    expect(await extract()).toMatchObject({ documents: 1, unchanged: 0 });
    expect(storedValues(db)).toEqual([16000]);
  });

  it("never trusts the time of a file written too recently for its time to show a later write", async () => {
    const { file, extract } = scratch();
    // Later than now, as a clock set wrong may leave it: as recent as a time can be, whenever the run looks.
    const recent = new Date(Date.now() + 60_000);
    fs.writeFileSync(file, FIRST);
    fs.utimesSync(file, recent, recent);
    expect(await extract()).toMatchObject({ documents: 1 });
    fs.writeFileSync(file, SECOND);
    fs.utimesSync(file, recent, recent);
    expect(await extract()).toMatchObject({ documents: 1, unchanged: 0 });
  });

  it("records the new time of a file found unchanged by its bytes, so that the next re-run skips it unread", async () => {
    const { file, db, extract } = scratch();
    fs.writeFileSync(file, FIRST);
    fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
    await extract();
    fs.utimesSync(file, HALF_HOUR_AGO, HALF_HOUR_AGO);
    expect(await extract()).toMatchObject({ documents: 0, unchanged: 1 });
    fs.writeFileSync(file, SECOND);
    fs.utimesSync(file, HALF_HOUR_AGO, HALF_HOUR_AGO);
    expect(await extract()).toMatchObject({ documents: 0, unchanged: 1 });
    expect(storedValues(db)).toEqual([15000]);
  });
});
