/**
 * Reviewers' mappings applied to what the store holds: a phrase a reviewer
 * mapped takes that taxonomy id in every stored mention it fits (by unit
 * class), including those of documents no run extracts again (unchanged ones
 * are skipped by their hash).
 */
import type { IndicatorStore } from "../store/types.js";
import { Normaliser, loadNormaliseRules, type NormaliseRules } from "./normaliser.js";

interface StoredRow {
  id: number;
  indicator: string;
  indicator_id: string | null;
  kind: "target" | "actual" | "attainment" | "comparison";
  unit: string;
  per: "year" | null;
}

/**
 * Maps again, with the reviewers' mappings now in the store, every stored mention whose phrase
 * a reviewer mapped; returns how many mentions changed.
 */
export function applyIndicatorMappings(store: IndicatorStore, rules?: NormaliseRules): number {
  const mappings = store.indicatorMappings();
  if (mappings.length === 0) return 0;
  const current = new Normaliser(rules ?? loadNormaliseRules(), mappings);
  const mapped = new Set(mappings.map((m) => current.keyOf(m.surface)));
  const rows = store.db.prepare("SELECT id, indicator, indicator_id, kind, unit, per FROM mentions").all() as StoredRow[];
  const update = store.db.prepare("UPDATE mentions SET indicator_id = ?, indicator_candidates = ? WHERE id = ?");
  let changed = 0;
  store.db.transaction(() => {
    for (const row of rows) {
      if (!mapped.has(current.keyOf(row.indicator))) continue;
      const match = current.mapIndicator(row.indicator, { kind: row.kind, unitClass: current.unitClass(row.unit), per: row.per });
      if (match.how !== "learned" || match.id === row.indicator_id) continue;
      update.run(match.id, "[]", row.id);
      changed++;
    }
  }).immediate();
  return changed;
}
