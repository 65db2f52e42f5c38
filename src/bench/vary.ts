/**
 * Varies a template document into a new one of the same shape: figures get
 * new digits (same length, same separators), years move by a few years
 * together, and place names are swapped for other place names of the
 * templates. Days, months and other one- or two-digit numbers stay, so dates
 * remain dates. HTML markup, scripts, styles and entities are left as they are.
 */
import type { Random } from "./prng.js";

/**
 * Words after which the templates name a place ("tỉnh Hậu Giang"): they locate the names to swap.
 * Two syllables exactly, and no third capitalised one after them: "UBND tỉnh Lê Văn Phước" is a person.
 */
const PLACE_LEAD = /(?<![\p{L}])(?:[Tt]ỉnh|[Tt]hành phố|TP\.|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)(?![\p{L}&]| \p{Lu})/gu;
const NUMBER = String.raw`(?<![\p{L}\p{N}_])\d+(?:[.,]\d+)*(?![\p{L}\p{N}_])`;
const ENTITY = String.raw`&#?[0-9A-Za-z]+;`;
const YEAR = /^(?:19|20)\d\d$/;
/** What in HTML is not prose: comments, scripts and styles with their content, and tags. */
const MARKUP = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<[^>]*>/gi;

/** The place names named in these texts, in a stable order. */
export function findPlaceNames(texts: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACE_LEAD)) names.add(m[1]);
  return [...names].sort();
}

export interface Variation {
  /** Added to every year. */
  yearShift: number;
  /** Each place name of the templates → the one it becomes in this document. */
  places: Map<string, string>;
  random: Random;
}

/** A document's variation: a year shift in [-5, 5] and a rotation of the place names. */
export function drawVariation(random: Random, placeNames: readonly string[]): Variation {
  const yearShift = random.int(-5, 5);
  const turn = placeNames.length > 1 ? random.int(1, placeNames.length - 1) : 0;
  const places = new Map(placeNames.map((name, i) => [name, placeNames[(i + turn) % placeNames.length]]));
  return { yearShift, places, random };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One pass over prose: entities kept, numbers and place names varied. */
export function proseMatcher(placeNames: readonly string[]): RegExp {
  const names = [...placeNames].sort((a, b) => b.length - a.length).map(escapeRegex);
  const place = names.length ? `|(?<![\\p{L}])(?:${names.join("|")})(?![\\p{L}])` : "";
  return new RegExp(`${ENTITY}|${NUMBER}${place}`, "gu");
}

function newDigits(number: string, random: Random): string {
  let first = true;
  return number.replace(/\d/g, (digit) => {
    const keepZero = first && digit === "0";
    const out = first && !keepZero ? random.int(1, 9) : keepZero ? 0 : random.int(0, 9);
    first = false;
    return String(out);
  });
}

function varyToken(token: string, variation: Variation): string {
  if (token.startsWith("&")) return token;
  if (!/^\d/.test(token)) return variation.places.get(token) ?? token;
  if (YEAR.test(token)) return String(Number(token) + variation.yearShift);
  if (token.length <= 2) return token;
  return newDigits(token, variation.random);
}

export function varyProse(text: string, matcher: RegExp, variation: Variation): string {
  return text.replace(matcher, (token) => varyToken(token, variation));
}

export function varyHtml(html: string, matcher: RegExp, variation: Variation): string {
  let out = "";
  let at = 0;
  for (const m of html.matchAll(MARKUP)) {
    out += varyProse(html.slice(at, m.index), matcher, variation) + m[0];
    at = m.index + m[0].length;
  }
  return out + varyProse(html.slice(at), matcher, variation);
}
