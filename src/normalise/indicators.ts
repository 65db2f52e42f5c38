/**
 * Maps an indicator phrase to the taxonomy: a reviewer's mapping of the same
 * phrase first, then a variant with the same key, then the most similar
 * variant (Dice coefficient of character bigrams, as natural's DiceCoefficient
 * computes it) above a threshold. The unit of the figure decides between
 * indicators named alike ("hộ nghèo" with "%" or with "hộ"). Keys, bigrams, the
 * syllable index and the results are computed once, so a phrase seen before
 * costs one lookup.
 */
import type { MentionKind } from "../extract/types.js";
import type { Indicator, Taxonomy } from "./taxonomy.js";

/** Below this similarity a phrase is left unmapped (with its best candidates). */
export const SIMILARITY_THRESHOLD = 0.8;
/** Candidates offered to reviewers must be at least this similar. */
const CANDIDATE_FLOOR = 0.5;
const MAX_CANDIDATES = 3;
/** Variants scored by similarity: those sharing the most syllables with the phrase. */
const SCORED_VARIANTS = 24;
const CACHE_LIMIT = 100_000;
/** A variant ending a phrase maps it only when this long: "hộ nghèo" ends "vay vốn cho hộ nghèo" too. */
const MIN_PART_WORDS = 3;
/** How sure a mapping by the end of a phrase is, beside an exact one (1). */
const PART_SCORE = 0.9;

/** What a figure tells about the indicator it measures. */
export interface MappingContext {
  kind: MentionKind;
  /** Class of the figure's unit (units.tsv), null when it has none or a bare magnitude. */
  unitClass: string | null;
  per: "year" | null;
}

export interface IndicatorMatch {
  id: string | null;
  /** Best ids when `id` is null (or the runners-up when set), best first. */
  candidates: string[];
  /**
   * learned: a reviewer's mapping; exact: a variant's key; similar: above the threshold;
   * part: the phrase ends with a variant ("... tỉnh đang thực hiện chi trả trợ cấp hàng tháng").
   */
  how: "learned" | "exact" | "similar" | "part" | "none";
  score: number;
}

interface Variant {
  key: string;
  indicator: Indicator;
  bigrams: Set<string>;
}

/**
 * The character bigrams natural's DiceCoefficient compares (lower case, white space
 * collapsed and trimmed, a lone character padded), so each variant's are taken once
 * rather than on every comparison: the comparisons were a tenth of extraction's time.
 */
export function bigramsOf(text: string): Set<string> {
  const clean = text.toLowerCase().replace(/\s+/g, " ").trim();
  const padded = clean.length === 1 ? `${clean} ` : clean;
  const bigrams = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) bigrams.add(padded.slice(i, i + 2));
  return bigrams;
}

/** Dice's coefficient of two sets of bigrams. */
export function diceOfBigrams(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const bigram of small) if (large.has(bigram)) shared++;
  return (2 * shared) / (a.size + b.size);
}


export class IndicatorMatcher {
  private readonly variants: Variant[] = [];
  private readonly byKey = new Map<string, Indicator[]>();
  private readonly postings = new Map<string, number[]>();
  private readonly learned = new Map<string, string>();
  private readonly cache = new Map<string, IndicatorMatch>();

  /**
   * `keyOf` reduces a phrase to its key; `mappings` are reviewers' mappings of
   * phrases as written (those to ids the taxonomy no longer has are ignored).
   */
  constructor(
    private readonly taxonomy: Taxonomy,
    keyOf: (phrase: string) => string,
    mappings: Iterable<{ surface: string; indicator_id: string }> = [],
  ) {
    for (const indicator of taxonomy.indicators.values()) {
      for (const surface of [indicator.vi, ...indicator.variants]) {
        const key = keyOf(surface);
        const owners = this.byKey.get(key) ?? [];
        if (owners.includes(indicator)) continue;
        // The label may repeat a variant of another indicator of the same class: the variant wins.
        if (surface === indicator.vi && owners.some((o) => o.unitClass === indicator.unitClass)) continue;
        this.byKey.set(key, [...owners, indicator]);
        const index = this.variants.push({ key, indicator, bigrams: bigramsOf(key) }) - 1;
        for (const s of new Set(key.split(" "))) this.postings.set(s, [...(this.postings.get(s) ?? []), index]);
      }
    }
    for (const m of mappings) {
      if (taxonomy.indicators.has(m.indicator_id)) this.learned.set(keyOf(m.surface), m.indicator_id);
    }
  }

  /** Maps a phrase already reduced to its key. */
  matchKey(key: string, context: MappingContext): IndicatorMatch {
    const relative = context.kind === "attainment" || (context.kind === "comparison" && this.taxonomy.relativeClasses.has(context.unitClass ?? ""));
    const cacheKey = `${key}\u0000${relative ? "*" : context.unitClass ?? ""}\u0000${context.per ?? ""}`;
    let match = this.cache.get(cacheKey);
    if (!match) {
      match = this.compute(key, relative ? "*" : context.unitClass, context.per);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(cacheKey, match);
    }
    return match;
  }

  private compute(key: string, unitClass: string | null, per: "year" | null): IndicatorMatch {
    const result = (indicator: Indicator, how: IndicatorMatch["how"], score: number, others: string[]): IndicatorMatch => {
      const id = per === "year" && indicator.perYear ? indicator.perYear : indicator.id;
      return { id, candidates: others.filter((o) => o !== id), how, score };
    };
    if (key === "") return { id: null, candidates: [], how: "none", score: 0 };
    // A reviewer's mapping holds for the figures its indicator can measure ("hộ" is no rate).
    const learned = this.taxonomy.indicators.get(this.learned.get(key) ?? "");
    if (learned && this.pick([learned], unitClass).length === 1) return { id: learned.id, candidates: [], how: "learned", score: 1 };

    const exact = this.pick(this.byKey.get(key) ?? [], unitClass);
    if (exact.length === 1) return result(exact[0], "exact", 1, []);

    const scored = this.similar(key);
    const fitting = scored.filter((s) => this.pick([s.indicator], unitClass).length === 1);
    const best = fitting[0];
    const ambiguous = exact.length > 1 || (best !== undefined && fitting.some((s) => s.indicator !== best.indicator && s.score === best.score));
    const candidates = [...new Set([...exact.map((i) => i.id), ...fitting.concat(scored).filter((s) => s.score >= CANDIDATE_FLOOR).map((s) => s.indicator.id)])];
    if (best && best.score >= SIMILARITY_THRESHOLD && !ambiguous) return result(best.indicator, "similar", best.score, candidates.slice(0, MAX_CANDIDATES + 1));
    const part = this.exactEnding(key, unitClass);
    if (part) return result(part, "part", PART_SCORE, candidates.slice(0, MAX_CANDIDATES + 1));
    return { id: null, candidates: candidates.slice(0, MAX_CANDIDATES), how: "none", score: best?.score ?? 0 };
  }

  /** The indicator of the longest variant the key ends with (of MIN_PART_WORDS words or more), if one fits. */
  private exactEnding(key: string, unitClass: string | null | "*"): Indicator | null {
    const words = key.split(" ");
    for (let i = 1; words.length - i >= MIN_PART_WORDS; i++) {
      const fits = this.pick(this.byKey.get(words.slice(i).join(" ")) ?? [], unitClass);
      if (fits.length === 1) return fits[0];
    }
    return null;
  }

  /**
   * The indicators of a key that fit a figure's unit class. A relative figure
   * ("*": a percentage of plan or a change) fits any, counts and amounts before
   * rates and ratios; a figure without a class fits any, but only one may be left.
   */
  private pick(indicators: Indicator[], unitClass: string | null | "*"): Indicator[] {
    if (unitClass === "*") {
      const absolute = indicators.filter((i) => !this.taxonomy.relativeClasses.has(i.unitClass));
      return absolute.length ? absolute : indicators;
    }
    if (unitClass === null) return indicators;
    return indicators.filter((i) => this.taxonomy.measures(unitClass, i.unitClass));
  }

  /** Indicators by their best variant's similarity to the key, best first. */
  private similar(key: string): Array<{ indicator: Indicator; score: number }> {
    const shared = new Map<number, number>();
    for (const s of new Set(key.split(" "))) for (const v of this.postings.get(s) ?? []) shared.set(v, (shared.get(v) ?? 0) + 1);
    const top = [...shared].sort((a, b) => b[1] - a[1] || Math.abs(this.variants[a[0]].key.length - key.length) - Math.abs(this.variants[b[0]].key.length - key.length)).slice(0, SCORED_VARIANTS);
    const best = new Map<Indicator, number>();
    const bigrams = bigramsOf(key);
    for (const [v] of top) {
      const variant = this.variants[v];
      const score = diceOfBigrams(bigrams, variant.bigrams);
      if (score > (best.get(variant.indicator) ?? -1)) best.set(variant.indicator, score);
    }
    return [...best].map(([indicator, score]) => ({ indicator, score })).sort((a, b) => b.score - a.score || a.indicator.id.localeCompare(b.indicator.id));
  }
}
