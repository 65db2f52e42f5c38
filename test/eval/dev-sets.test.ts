/**
 * The development sets (test/fixtures/dev-sets): documents written blind to the rules by annotators who
 * never saw them, with gold records by GOLD-FORMAT.md. The rules were then tuned on them, so their scores
 * guard against regressions; the README gives the blind scores, the honest figure for new documents.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scoreFolder } from "../fixtures/eval/score-folder.js";

const DEV_SETS = path.resolve(import.meta.dirname, "../fixtures/dev-sets");

/** Value and strict F1 at rules 1.25.0, less a margin for an honest trade of one record for another. */
const FLOORS: Record<string, { value: number; strict: number }> = {
  set15: { value: 0.98, strict: 0.85 },
  set16: { value: 0.94, strict: 0.77 },
  set17: { value: 0.975, strict: 0.885 },
  set18: { value: 0.975, strict: 0.935 },
  set19: { value: 0.975, strict: 0.885 },
  set20: { value: 0.975, strict: 0.845 },
  set21: { value: 0.975, strict: 0.87 },
  set22: { value: 0.95, strict: 0.805 },
  set23: { value: 0.97, strict: 0.875 },
  set24: { value: 0.96, strict: 0.89 },
  set25: { value: 0.94, strict: 0.865 },
  set26: { value: 0.94, strict: 0.76 },
  set27: { value: 0.97, strict: 0.895 },
  set28: { value: 0.95, strict: 0.85 },
  set29: { value: 0.965, strict: 0.72 },
  set30: { value: 0.98, strict: 0.83 },
  set31: { value: 0.91, strict: 0.78 },
  set32: { value: 0.905, strict: 0.845 },
  set33: { value: 0.955, strict: 0.845 },
  set34: { value: 0.925, strict: 0.82 },
  set35: { value: 0.95, strict: 0.86 },
  set36: { value: 0.97, strict: 0.92 },
  set37: { value: 0.98, strict: 0.905 },
  set38: { value: 0.895, strict: 0.78 },
  set39: { value: 0.965, strict: 0.865 },
  set40: { value: 0.965, strict: 0.83 },
  set41: { value: 0.955, strict: 0.855 },
  set42: { value: 0.87, strict: 0.73 },
  set43: { value: 0.975, strict: 0.745 },
  set44: { value: 0.93, strict: 0.775 },
  set45: { value: 0.91, strict: 0.815 },
  set46: { value: 0.925, strict: 0.745 },
  set47: { value: 0.9, strict: 0.595 },
  set48: { value: 0.92, strict: 0.53 },
  set49: { value: 0.94, strict: 0.755 },
  set50: { value: 0.97, strict: 0.785 },
  set51: { value: 0.94, strict: 0.805 },
  set52: { value: 0.97, strict: 0.92 },
  set53: { value: 0.91, strict: 0.845 },
  set54: { value: 0.945, strict: 0.89 },
  set55: { value: 0.94, strict: 0.86 },
  set56: { value: 0.94, strict: 0.81 },
  set57: { value: 0.93, strict: 0.85 },
  set58: { value: 0.92, strict: 0.625 },
  set59: { value: 0.91, strict: 0.79 },
  set60: { value: 0.935, strict: 0.875 },
  set61: { value: 0.955, strict: 0.85 },
  set62: { value: 0.93, strict: 0.765 },
  set63: { value: 0.95, strict: 0.82 },
  set64: { value: 0.935, strict: 0.84 },
  set65: { value: 0.985, strict: 0.92 },
  set66: { value: 0.945, strict: 0.86 },
  set67: { value: 0.955, strict: 0.835 },
  set68: { value: 0.965, strict: 0.825 },
  set69: { value: 0.97, strict: 0.8 },
  set70: { value: 0.955, strict: 0.835 },
  set71: { value: 0.965, strict: 0.85 },
  set72: { value: 0.975, strict: 0.805 },
  set73: { value: 0.98, strict: 0.875 },
  set74: { value: 0.97, strict: 0.87 },
  set75: { value: 0.96, strict: 0.795 },
  set76: { value: 0.975, strict: 0.88 },
  set77: { value: 0.93, strict: 0.815 },
  set78: { value: 0.96, strict: 0.865 },
  set79: { value: 0.96, strict: 0.855 },
  set80: { value: 0.955, strict: 0.835 },
  set81: { value: 0.875, strict: 0.745 },
  set82: { value: 0.815, strict: 0.655 },
  set83: { value: 0.935, strict: 0.805 },
  set84: { value: 0.945, strict: 0.805 },
  set85: { value: 0.95, strict: 0.795 },
  set86: { value: 0.97, strict: 0.89 },
  set87: { value: 0.935, strict: 0.805 },
  set88: { value: 0.97, strict: 0.89 },
  set89: { value: 0.95, strict: 0.83 },
  set90: { value: 0.955, strict: 0.775 },
  set91: { value: 0.91, strict: 0.77 },
  set92: { value: 0.885, strict: 0.445 },
  set93: { value: 0.935, strict: 0.835 },
  set94: { value: 0.925, strict: 0.76 },
};

describe("the development sets", () => {
  it("has a floor for every set", () => {
    expect(fs.readdirSync(DEV_SETS).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  for (const [set, floor] of Object.entries(FLOORS)) {
    it(`${set} scores at least ${floor.value} value / ${floor.strict} strict F1`, async () => {
      const scored = await scoreFolder(path.join(DEV_SETS, set, "docs"), path.join(DEV_SETS, set, "gold.jsonl"));
      expect(scored.value).toBeGreaterThanOrEqual(floor.value);
      expect(scored.strict).toBeGreaterThanOrEqual(floor.strict);
    }, 120_000);
  }
});
