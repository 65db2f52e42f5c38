/**
 * Figures in a document: numbers with their qualifier, range, unit and rate,
 * found by the quantity patterns on the masked, folded text.
 */
import type { Qualifier } from "./types.js";
import { lexiconMap, type CompiledMask } from "./rules.js";
import { scanAll } from "../rulebook/scan.js";
import { parseVietnameseNumber, parseNumberWords, withEnglishThousandsAsVietnamese } from "./numbers.js";
import { foldVietnamese } from "../text/fold.js";

export interface Quantity {
  /** [start, end) of the whole figure, qualifiers included. */
  start: number;
  end: number;
  /** [start, end) of the number and its unit alone. */
  valueStart: number;
  valueEnd: number;
  /** Where the unit starts (valueEnd when there is none). */
  unitStart: number;
  /** Where the unit's noun starts, after any magnitude ("triệu lượt khách" → "lượt khách"). */
  nounStart: number;
  value: number;
  valueMax: number | null;
  /** As written ("lao động", "tỷ đồng", "%"), "" when there is none. */
  unit: string;
  /** Class of the unit noun (rules/lexicon/units.tsv), null for a bare magnitude. */
  unitClass: string | null;
  percent: boolean;
  qualifier: Qualifier | null;
  per: "year" | null;
  /** "126.622/126.989": the denominator of a fraction. */
  denominator: number | null;
  rule: string;
  /** Its context names what it measures, so it stands without a unit ("điểm trung bình ... đạt 6,86"). */
  unitless: boolean;
}

let qualifierOf: Map<string, string> | undefined;
let unitClassOf: Map<string, string> | undefined;

function lookupQualifier(word: string | undefined): Qualifier | null {
  if (!word) return null;
  qualifierOf ??= lexiconMap("qualifiers", "qualifier");
  return (qualifierOf.get(word.trim().replace(/\s+/g, " ")) as Qualifier | undefined) ?? null;
}

function classOfUnit(foldedUnit: string): string | null {
  unitClassOf ??= lexiconMap("units", "class");
  // "tạ/ha" is a measure of tạ.
  const words = foldedUnit.trim().split("/")[0].trim().replace(/\s+/g, " ");
  // Longest known unit at the end of the unit text: "tỷ đồng" → "đồng".
  const parts = words.split(" ");
  for (let i = 0; i < parts.length; i++) {
    const cls = unitClassOf.get(parts.slice(i).join(" "));
    if (cls) return cls;
  }
  return null;
}

export type UnitRole = "measure" | "population" | "thing";

let roleOfClass: Map<string, string> | undefined;

/** What a unit class counts (rules/lexicon/unit-classes.tsv); a bare magnitude ("15,4 triệu") is a measure. */
export function unitRole(unitClass: string | null): UnitRole {
  roleOfClass ??= lexiconMap("unit-classes", "role");
  return (unitClass ? (roleOfClass.get(unitClass) as UnitRole | undefined) : undefined) ?? "measure";
}

/** A unit noun of one word ("xã", "hộ"): lists of them share a figure ("100% xã, phường"). */
export function isUnitWord(folded: string): boolean {
  unitClassOf ??= lexiconMap("units", "class");
  return folded !== "" && unitClassOf.has(folded);
}

let magnitudeMultipliers: Map<string, number> | undefined;

/** What each magnitude word multiplies by (rules/lexicon/magnitudes.tsv): "nghìn" → 1000. */
function magnitudeMultiplier(word: string): number | undefined {
  magnitudeMultipliers ??= new Map([...lexiconMap("magnitudes", "multiplier")].map(([w, m]) => [w, Number(m)]));
  return magnitudeMultipliers.get(word);
}

function hasMagnitude(unitText: string): boolean {
  return unitText.trim().split(/\s+/).some((w) => magnitudeMultiplier(w) !== undefined);
}

/** How many characters of `unitText` are magnitude words and the spaces after them. */
function magnitudePrefixLength(unitText: string): number {
  const prefix = /^(\p{L}+)(\s+)/u;
  let length = 0;
  for (let m = prefix.exec(unitText); m && magnitudeMultiplier(m[1]) !== undefined; m = prefix.exec(unitText.slice(length))) length += m[0].length;
  return length;
}

let multipleValues: Map<string, string> | undefined;

/** "gấp đôi": a multiple in words (rules/lexicon/multiple-words.tsv), in times. */
function multipleInWords(word: string, [start, end]: [number, number], rule: string): Quantity | null {
  multipleValues ??= lexiconMap("multiple-words", "value");
  const value = multipleValues.get(word);
  if (value === undefined) return null;
  return { start, end, valueStart: start, valueEnd: end, unitStart: end, nounStart: end, value: Number(value), valueMax: null, unit: "lần", unitClass: classOfUnit("lần"), percent: false, qualifier: null, per: null, denominator: null, rule, unitless: false };
}

/** What the first, first two... magnitude words opening a unit multiply by ("nghìn tỷ đồng" → [1e3, 1e12]). */
function magnitudePrefixes(unitText: string): number[] {
  const products: number[] = [];
  for (const word of unitText.trim().split(/\s+/)) {
    const multiplier = magnitudeMultiplier(word);
    if (multiplier === undefined) break;
    products.push((products.at(-1) ?? 1) * multiplier);
  }
  return products;
}

/** What the magnitude words opening a unit multiply by ("nghìn tỷ đồng" → 1e12); 1 when there are none. */
function leadingMagnitude(unitText: string): number {
  return magnitudePrefixes(unitText).at(-1) ?? 1;
}

/** A figure with a lesser magnitude after the first: its value, and where its unit now starts (null: as it was). */
interface Rest {
  value: number;
  unitFrom: number | null;
}

/**
 * "3 tỷ 200 triệu USD" is 3200 triệu USD, in the lesser magnitude, as "1 tỉ 200 triệu đồng" is 1200 triệu đồng;
 * null when the second is not the lesser. Three digits with no magnitude word count in the next lesser
 * magnitude: "3 nghìn 500 ha" is 3500 ha, "1 tỷ 200" is 1,2 tỷ (no "triệu" being written).
 */
function restOf(g: Record<string, string | undefined>, idx: Record<string, [number, number]>, value: number): Rest | null {
  const first = leadingMagnitude((g.unit ?? "").slice(0, (g.unit ?? "").indexOf(g.rest ?? "\u0000")));
  const restValue = parseVietnameseNumber(g.n_rest ?? "");
  if (first <= 1 || restValue === null) return null;
  const exact = (n: number) => Math.round(n * 1e9) / 1e9;
  if (g.mag_rest !== undefined && idx.mag_rest) {
    const second = leadingMagnitude(g.mag_rest);
    return second > 1 && second < first ? { value: exact((value * first) / second + restValue), unitFrom: idx.mag_rest[0] } : null;
  }
  if (first < 1000) return null;
  return first === 1000 ? { value: value * 1000 + restValue, unitFrom: idx.rest[1] } : { value: exact(value + restValue / 1000), unitFrom: null };
}

function removeRange(s: string, start: number, end: number): string {
  return s.slice(0, start) + s.slice(end);
}

/** "15 000", "1 205,6": thousands grouped by spaces (rule quantity.space-grouped). */
const SPACE_GROUPED = /^\d{1,3}(?:\s\d{3})+(?:,\d+)?$/u;

function parseNumber(text: string): number | null {
  if (SPACE_GROUPED.test(text)) return parseVietnameseNumber(text.replace(/\s/gu, ""));
  return /\d/.test(text) ? parseVietnameseNumber(text) : parseNumberWords(text);
}

/**
 * All figures in `scan` (the folded text with non-figures masked). Where
 * patterns overlap, the longest match wins, then the earliest.
 */
export function findQuantities(scan: string, text: string, patterns: CompiledMask[]): Quantity[] {
  const found: Quantity[] = [];
  for (const pattern of patterns) {
    for (const m of scanAll(pattern.regex, scan)) {
      const q = toQuantity(m, text, pattern);
      if (q) found.push(q);
    }
  }
  // Of two as long, the one its context names: a bare "6,86" is no figure, "điểm trung bình ... đạt 6,86" is, and
  // so is "Lịch sử 58" after "196 điểm 10,", in the unit it carries.
  const named = (q: Quantity) => Number(q.unitless || q.unit !== "");
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || named(b) - named(a));
  const kept: Quantity[] = [];
  for (const q of found) {
    if (!kept.some((k) => k.start < q.end && q.start < k.end)) kept.push(q);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The values and range ends a piece of text writes as figures, read as extraction reads them ("3 nghìn 500 ha"
 * → 3,5; "15 000 tỷ đồng" → 15000), and in English notation too ("15,000 tấn" → 15000), which only a whole
 * document can decide.
 */
export function writtenFigureValues(text: string, patterns: CompiledMask[]): number[] {
  const folded = foldVietnamese(text);
  return [folded, withEnglishThousandsAsVietnamese(folded)].flatMap((scan) =>
    findQuantities(scan, text, patterns).flatMap((q) => (q.valueMax === null ? [q.value] : [q.value, q.valueMax])),
  );
}

function toQuantity(m: RegExpMatchArray, text: string, pattern: CompiledMask): Quantity | null {
  const rule = pattern.id;
  const g = m.groups ?? {};
  const idx = m.indices?.groups ?? {};
  if (g.multiple !== undefined && idx.multiple) return multipleInWords(g.multiple, idx.multiple, rule);
  if (!g.n1 || !idx.n1) return null;
  const value = parseNumber(g.n1);
  if (value === null) return null;
  // "của một người", "năm xã": a lone number word is a determiner, not a statistic.
  if (!/\d/.test(g.n1) && !/\s/.test(g.n1.trim()) && !hasMagnitude(g.unit ?? "")) return null;
  const valueMax = g.n2 ? parseNumber(g.n2) : null;
  // "từ 800.000 đến 1 triệu đồng", "từ 900 đến 1,2 nghìn tỷ đồng": a start written without the end's first
  // magnitudes is in a smaller unit; it is read in the end's.
  const divisor = valueMax !== null && valueMax <= value && !g.pct1 ? magnitudePrefixes(g.unit ?? "").find((m) => value / m < valueMax && value / m >= valueMax / 100) : undefined;
  const low = divisor ? value / divisor : value;
  if (g.n2 && (valueMax === null || valueMax <= low)) return null;
  // "3 tỷ 200 triệu USD": a lesser magnitude after the first adds to the figure.
  const rest = g.n_rest !== undefined && idx.rest && !g.n2 ? restOf(g, idx, value) : null;
  if (g.n_rest !== undefined && !rest) return null;
  // The unit's text from `from` on, without the lesser magnitude's figure: from the lesser magnitude on when the
  // figure is read in it, else with the figure cut out.
  const withoutRest = (unit: string, from: number) =>
    !rest ? unit : rest.unitFrom !== null ? unit.slice(rest.unitFrom - from) : removeRange(unit, idx.rest![0] - from, idx.rest![1] - from);
  // "Lịch sử 58" after "196 điểm 10,": a unit carried from the list's first figure, not written after this one.
  const unitText = g.carried_unit ?? withoutRest(g.unit ?? "", idx.unit?.[0] ?? 0);
  // "giảm 0,3 điểm phần trăm": percentage points are a unit of their own, not a percentage.
  const points = unitText.trim() !== "" && classOfUnit(unitText) === "percent-point";
  const percent = !points && (/%|phần\s+trăm/.test(unitText) || Boolean(g.pct1));
  const unitRange = idx.unit;
  const unitAfter = g.carried_unit ?? (unitRange ? withoutRest(text.slice(unitRange[0], unitRange[1]), unitRange[0]).trim() : "");
  // "USD 812 million": a currency written before the figure closes its unit, after the magnitudes.
  const unitWritten = idx.lead_unit ? `${unitAfter} ${text.slice(idx.lead_unit[0], idx.lead_unit[1])}`.trim() : unitAfter;
  const unitNamed = g.lead_unit ? `${unitText} ${g.lead_unit}` : unitText;
  const start = m.index!;
  const valueStart = idx.lead_unit ? idx.lead_unit[0] : idx.from ? idx.from[1] : idx.n1[0];
  const valueEnd = unitRange && unitText.trim() ? unitRange[1] : (idx.den ?? idx.n2 ?? idx.n1)[1];
  const unitStart = unitRange && unitText.trim() ? unitRange[0] + (unitText.length - unitText.trimStart().length) : valueEnd;
  // "1,25 triệu lượt khách": the noun counted starts after the magnitudes (and "3 tỷ 200 triệu USD" after the second).
  const afterRest = rest ? idx.rest![1] + (text.slice(idx.rest![1]).length - text.slice(idx.rest![1]).trimStart().length) : 0;
  const nounStart = !unitRange ? valueEnd : rest ? Math.min(afterRest, valueEnd) : unitStart + magnitudePrefixLength(unitText.trimStart());
  return {
    start,
    end: start + m[0].length,
    valueStart,
    valueEnd,
    unitStart,
    nounStart,
    value: rest ? rest.value : low,
    valueMax,
    unit: percent ? "%" : unitWritten.replace(/\s+/g, " "),
    unitClass: percent ? "percent" : (pattern.unitClass ?? (unitNamed.trim() ? classOfUnit(unitNamed) : null)),
    percent,
    qualifier: lookupQualifier(g.qb) ?? lookupQualifier(g.qa),
    per: g.per && /năm/.test(g.per) ? "year" : null,
    denominator: g.den ? parseNumber(g.den) : null,
    rule,
    unitless: pattern.unitless === true,
  };
}
