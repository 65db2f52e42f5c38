/**
 * Names the regexes of a CPU profile by the rule they come from. V8 shows a
 * regex only by its source (cut after 1,024 characters), and the scanner runs
 * parts of a rule's pattern on their own (an alternative, the part after its
 * look-behinds), so a profile's regex is named by the rule whose pattern
 * contains it. A rule that costs much then shows by its id, not by a regex no
 * one recognises.
 */
import { z } from "zod";
import { loadExtractionRules } from "../extract/rules.js";
import { loadPatternRules, PATTERN_FILES } from "../extract/numbers.js";

export interface RuleSource {
  id: string;
  source: string;
}

/** Shorter sources ("\\S+", "\\d") occur in too many patterns to name one. */
const MIN_NAMED_SOURCE = 12;

/** The compiled pattern of every rule of the rulebook this build reads. */
export function ruleSources(): RuleSource[] {
  const extraction = loadExtractionRules();
  return [
    ...[...extraction.masks, ...extraction.quantities, ...extraction.anecdotes, ...extraction.roles].map((r) => ({ id: r.id, source: r.regex.source })),
    ...PATTERN_FILES.flatMap((file) => loadPatternRules(file, z.unknown().optional()).map((r) => ({ id: r.id, source: r.regex.source }))),
  ];
}

/**
 * The rule a regex source comes from: the rule of that very pattern, else the
 * rules whose patterns hold it ("quantity.figure or quantity.words" when a
 * shared fragment, or a source V8 cut short, leaves it open); null when none.
 */
export function ruleNamer(rules: readonly RuleSource[]): (regexSource: string) => string | null {
  const exact = new Map(rules.map((r) => [r.source, r.id]));
  return (regexSource) => {
    const same = exact.get(regexSource);
    if (same) return same;
    if (regexSource.length < MIN_NAMED_SOURCE) return null;
    const holders = rules.filter((r) => r.source.includes(regexSource)).map((r) => r.id);
    return holders.length ? holders.join(" or ") : null;
  };
}
