/**
 * The text stage: a source string becomes a TextDocument, normalised text
 * with a map back to the source, a folded copy for matching, and paragraphs,
 * sentences and clauses as spans.
 */
import { foldForMatching, normaliseText } from "./normalise.js";
import { segmentText } from "./segment.js";
import type { TextDocument } from "./types.js";

export function prepareText(source: string): TextDocument {
  const { text, toSource } = normaliseText(source);
  const folded = foldForMatching(text);
  return { text, folded, toSource, paragraphs: segmentText(text, folded) };
}

export { normaliseText, foldForMatching, type NormalisedText } from "./normalise.js";
export { segmentText, sectionNumberLength } from "./segment.js";
export { furnitureOfLine, type FurnitureScope } from "./furniture.js";
export { foldVietnamese } from "./fold.js";
export type * from "./types.js";
