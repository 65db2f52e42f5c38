/** Conflicts and failed checks computed on a worker thread: results, staleness, failure. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BackgroundChecks, type ChecksState } from "../../src/review/background.js";
import { buildReviewStore } from "../fixtures/review/stores.js";
import { tempDir } from "./helpers.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function until(checks: BackgroundChecks, done: (state: ChecksState) => boolean): Promise<ChecksState> {
  for (let i = 0; i < 400; i++) {
    const state = checks.state();
    if (done(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the background checks never settled");
}

describe("background checks", () => {
  it("compute once per state of the store, serving the last result while the next is made", async () => {
    const file = path.join(dir, "checks.sqlite");
    buildReviewStore(file);
    let version = "1";
    const checks = new BackgroundChecks(file, () => version);
    try {
      expect(checks.state()).toEqual({ checks: null, stale: true, error: null });
      const first = await until(checks, (s) => !s.stale);
      expect(first.checks!.conflicts.map((c) => [c.indicator_id, c.period, c.kind])).toEqual([["jobs.new", "2025", "target"]]);
      expect(first.checks!.failedChecks.map((c) => [c.indicator_id, c.period, c.implied_target])).toEqual([["jobs.new", "2024", (14200 * 100) / 120]]);
      version = "2";
      const next = checks.state();
      expect(next.stale).toBe(true);
      expect(next.checks).toBe(first.checks);
      expect((await until(checks, (s) => !s.stale)).checks).not.toBe(first.checks);
    } finally {
      await checks.close();
    }
  });

  it("report a store they cannot read instead of waiting for ever", async () => {
    const checks = new BackgroundChecks(path.join(dir, "missing.sqlite"), () => "1");
    try {
      const state = await until(checks, (s) => s.error !== null);
      expect(state.error).toMatch(/finding conflicts and failed checks failed: .*(does not exist|unable to open|SQLITE_CANTOPEN)/i);
      expect(state.checks).toBeNull();
    } finally {
      await checks.close();
    }
  });
});
