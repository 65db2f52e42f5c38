/** The taxonomy and gazetteer as the rows of the store's `indicators` and `places` tables. */
import type { IndicatorRecord, PlaceRecord } from "../store/types.js";
import type { NormaliseRules } from "./normaliser.js";

export function referenceRecords(rules: NormaliseRules): { indicators: IndicatorRecord[]; places: PlaceRecord[] } {
  return {
    indicators: [...rules.taxonomy.indicators.values()].map((i) => ({ id: i.id, label_vi: i.vi, label_en: i.en, unit_class: i.unitClass })),
    places: [...rules.gazetteer.places.values()].map((p) => ({
      id: p.id,
      name: p.name,
      level: p.level,
      parent_id: p.parent,
      valid_from: p.validFrom,
      merged_into: p.mergedInto,
      merged_on: p.mergedOn,
    })),
  };
}
