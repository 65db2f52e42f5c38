/**
 * Where a document and each of its figures are about. A document's place
 * comes from its site, title and body (names with a level word such as "tỉnh
 * Hậu Giang" weigh more than bare ones; "cả nước" speaks for the country); a
 * figure takes its document's place unless its sentence names another place
 * or scope ("toàn tỉnh", "cả nước", "huyện Mộc Châu"): the one in the figure's
 * evidence, else the nearest before it, else one right after it in its clause.
 */
import { lexiconRows } from "../rulebook/index.js";
import type { Gazetteer, Place, PlaceName } from "./gazetteer.js";
import { SequenceSet, syllables, tokenize, type Token } from "./keys.js";

export type Scope = "country" | "province" | "district";

/** What is known of a document before its figures are placed. */
export interface DocumentFacts {
  text: string;
  title?: string | null;
  siteName?: string | null;
  canonicalUrl?: string | null;
  /** Path or URL the document came from. */
  source: string;
  /** ISO date it was written, which decides between the places a merger gave one name. */
  documentDate?: string | null;
}

/**
 * A document's place, the district it names most (what "toàn huyện" refers to), and the places
 * and scopes its text names (found once, for all of its figures).
 */
export interface DocumentPlace {
  place: Place | null;
  district: Place | null;
  text: string;
  /** In order of their start. */
  names: PlaceName[];
  scopes: ScopeHit[];
}

export interface ScopeHit {
  start: number;
  end: number;
  scope: Scope;
}

interface Hit {
  start: number;
  end: number;
  place: Place | null;
}

// "cả nước" weighs as much as a levelled name: provincial articles seldom speak for the country.
const WEIGHT = { site: 6, title: 5, levelled: 3, bare: 1, countryScope: 3 };
const HEADLINE_MAX = 200;
// A site signs its articles near their start ("BDK.VN - Thực hiện...").
const SIGNATURE_WITHIN = 1000;
// A figure's place may follow it only this closely ("56.000 DN ... trên cả nước"), within its clause.
const AFTER_WINDOW = 40;

export class PlaceResolver {
  private readonly scopes = new SequenceSet<Scope>();

  constructor(private readonly gazetteer: Gazetteer) {
    for (const r of lexiconRows("place-scopes")) this.scopes.add(syllables(r.surface), r.scope as Scope);
  }

  documentPlace(doc: DocumentFacts): DocumentPlace {
    const date = day(doc.documentDate);
    const tokens = tokenize(doc.text);
    const names = this.gazetteer.findNames(doc.text, tokens);
    const scopes = this.findScopes(tokens);
    const score = new Map<Place, { score: number; first: number }>();
    const districts = new Map<Place, number>();
    let order = 0;
    const add = (place: Place, weight: number) => {
      const s = score.get(place) ?? { score: 0, first: order++ };
      s.score += weight;
      score.set(place, s);
    };
    const host = hostOf(doc.canonicalUrl, false) ?? hostOf(doc.source, false) ?? hostOf(doc.siteName, true);
    if (host) for (const p of this.gazetteer.atDate(this.gazetteer.siteProvinces(host), date)) add(p, WEIGHT.site);
    for (const s of this.gazetteer.findSiteNames(doc.text, tokens.filter((t) => t.start < SIGNATURE_WITHIN))) add(s.place, WEIGHT.site);
    const title = doc.title || headline(doc.text);
    let country = 0;
    for (const [found, foundScopes, inTitle] of [[this.gazetteer.findNames(title), this.findScopes(tokenize(title)), true], [names, scopes, false]] as const) {
      for (const name of found) {
        const place = this.choose(name.places, date, null);
        if (!place) continue;
        if (place.level === "district") districts.set(place, (districts.get(place) ?? 0) + 1);
        add(this.gazetteer.provinceOf(place), inTitle ? WEIGHT.title : name.levelled ? WEIGHT.levelled : WEIGHT.bare);
      }
      for (const s of foundScopes) if (s.scope === "country") country += inTitle ? WEIGHT.title : WEIGHT.countryScope;
    }
    const best = [...score].sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first)[0];
    const place = best && best[1].score > country ? best[0] : country > 0 ? this.gazetteer.country : best?.[0] ?? null;
    const district = [...districts].filter(([d]) => place !== null && d.parent === place.id).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    return { place, district, text: doc.text, names, scopes };
  }

  /**
   * The place of a figure of the document: its sentence spans `sentence` of the document text,
   * its evidence `evidence` and its value `value`.
   */
  mentionPlace(doc: DocumentPlace, sentence: readonly [number, number], evidence: readonly [number, number], value: readonly [number, number], documentDate: string | null): Place | null {
    const date = day(documentDate);
    const hits: Hit[] = [];
    for (const name of within(doc.names, sentence)) hits.push({ start: name.start, end: name.end, place: this.choose(name.places, date, doc.place) });
    for (const s of within(doc.scopes, sentence)) {
      const place = s.scope === "country" ? this.gazetteer.country : s.scope === "province" ? (doc.place && doc.place.level !== "country" ? this.gazetteer.provinceOf(doc.place) : null) : doc.district;
      hits.push({ start: s.start, end: s.end, place });
    }
    if (!hits.length) return doc.place;
    hits.sort((a, b) => a.start - b.start);
    const inside = hits.filter((h) => h.start >= evidence[0] && h.end <= evidence[1]);
    if (inside.length) return (inside.filter((h) => h.start < value[0]).pop() ?? inside[0]).place;
    const before = hits.filter((h) => h.end <= evidence[0]).pop();
    if (before) return before.place;
    const after = hits.find((h) => h.start >= evidence[1] && h.start - evidence[1] <= AFTER_WINDOW && !/[,;:()]/.test(doc.text.slice(evidence[1], h.start)));
    return after ? after.place : doc.place;
  }

  /** Scope words among a text's tokens, with offsets. */
  findScopes(tokens: readonly Token[]): ScopeHit[] {
    const words = tokens.map((t) => t.word);
    const out: ScopeHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.scopes.longestAt(words, i);
      if (!hit) continue;
      out.push({ start: tokens[i].start, end: tokens[i + hit.length - 1].end, scope: hit.value });
      i += hit.length - 1;
    }
    return out;
  }

  /** One place for a name: the one existing at the date, then the one in the document's province. */
  private choose(candidates: readonly Place[], date: string | null, documentPlace: Place | null): Place | null {
    const alive = this.gazetteer.atDate(candidates, date);
    if (alive.length === 1) return alive[0];
    const home = documentPlace && documentPlace.level !== "country" ? this.gazetteer.provinceOf(documentPlace) : null;
    const local = home ? alive.filter((p) => this.gazetteer.provinceOf(p) === home) : [];
    return local.length === 1 ? local[0] : null;
  }
}

/** A text's first line when it is short enough to be its headline (plain text has no title of its own). */
function headline(text: string): string {
  const first = text.trimStart().split("\n", 1)[0];
  return first.length <= HEADLINE_MAX ? first : "";
}

function day(date: string | null | undefined): string | null {
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
}

/** The host of a URL, or (when `bare`) of a host name alone ("baodongkhoi.vn"); null for anything else. */
function hostOf(s: string | null | undefined, bare: boolean): string | null {
  if (!s) return null;
  if (/^https?:\/\//i.test(s)) {
    try {
      return new URL(s).hostname;
    } catch {
      return null;
    }
  }
  return bare && /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(s.trim()) ? s.trim() : null;
}

/** The spans (sorted by start) that lie inside [from, to). */
function within<T extends { start: number; end: number }>(spans: readonly T[], [from, to]: readonly [number, number]): T[] {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < from) low = mid + 1;
    else high = mid;
  }
  const out: T[] = [];
  for (let i = low; i < spans.length && spans[i].start < to; i++) if (spans[i].end <= to) out.push(spans[i]);
  return out;
}
