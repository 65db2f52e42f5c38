export { Normaliser, loadNormaliseRules, type NormaliseRules, type NormalisedDocument, type IndicatorMapping } from "./normaliser.js";
export { applyIndicatorMappings } from "./learn.js";
export { referenceRecords } from "./reference.js";
export { SIMILARITY_THRESHOLD, type IndicatorMatch, type MappingContext } from "./indicators.js";
export { loadTaxonomy, type Indicator, type Taxonomy } from "./taxonomy.js";
export { loadGazetteer, type Gazetteer, type Place, type PlaceLevel, type PlaceName } from "./gazetteer.js";
export { loadUnitTable, type UnitTable, type BaseValue, type UnitConversion } from "./units.js";
export type { DocumentFacts } from "./places.js";
