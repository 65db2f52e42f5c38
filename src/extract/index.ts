export { extractMentions, type DocumentContext } from "./engine.js";
export { loadExtractionRules, rulesVersion, type ExtractionRules } from "./rules.js";
export { parseVietnameseNumber, parseNumberWords } from "./numbers.js";
export { findPeriods, resolvePeriod } from "./periods.js";
export { findDates, findDocumentDate } from "./dates.js";
export type { Mention, MentionKind, Qualifier } from "./types.js";
