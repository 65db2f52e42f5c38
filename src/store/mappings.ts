/**
 * Reviewers' mappings of indicator phrases to the taxonomy: normalisation
 * reuses them on the next run (and applies them to the stored mentions at the
 * end of every run), so a phrase is mapped once.
 */
import { StoreError, guarded } from "./errors.js";
import type { IndicatorStore } from "./types.js";

export interface MappingInput {
  /** The indicator phrase as written (it is matched by its normalised form). */
  surface: string;
  indicatorId: string;
  reviewer: string;
}

/** Records (or replaces) a reviewer's mapping; the id must be in the taxonomy the store holds. */
export function recordIndicatorMapping(store: IndicatorStore, input: MappingInput): void {
  guarded(store.path, () => {
    const surface = input.surface.trim();
    if (surface === "") throw new StoreError(store.path, "an indicator mapping needs the phrase it maps");
    if (input.reviewer.trim() === "") throw new StoreError(store.path, "an indicator mapping needs a reviewer");
    if (!store.db.prepare("SELECT 1 FROM indicators WHERE id = ?").get(input.indicatorId)) {
      throw new StoreError(store.path, `unknown indicator id ${input.indicatorId}`);
    }
    store.db
      .prepare(
        `INSERT INTO indicator_mappings (surface, indicator_id, reviewer, decided_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (surface) DO UPDATE SET indicator_id = excluded.indicator_id, reviewer = excluded.reviewer, decided_at = excluded.decided_at`,
      )
      .run(surface, input.indicatorId, input.reviewer.trim(), new Date().toISOString());
  });
}
