/**
 * The gazetteer of rules/places/: provinces with their old names and the
 * mergers of 2008 and 2025, district-level places, and the sites that write
 * about one province. Finds place names in a text.
 */
import { z } from "zod";
import { lexiconRows, loadYaml } from "../rulebook/index.js";
import { asciiName, SequenceSet, slug, syllables, tokenize, type Token } from "./keys.js";

export type PlaceLevel = "country" | "province" | "district";

/** A place as the store's `places` table holds it. */
export interface Place {
  id: string;
  name: string;
  level: PlaceLevel;
  /** The province of a district-level place. */
  parent: string | null;
  /** The day a place made by a merger began ("2025-07-01"); null for older places. */
  validFrom: string | null;
  /** The place this one was merged into, and the day it took effect. */
  mergedInto: string | null;
  mergedOn: string | null;
}

/** A place name found in a text. */
export interface PlaceName {
  start: number;
  end: number;
  /** The places the name can be, before a date or the document's province decides. */
  places: Place[];
  /** Whether a level word ("tỉnh", "huyện", "TP.") stands before the name. */
  levelled: boolean;
}

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case slugs (ha-noi)");
const Name = z.string().min(1);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");

const ProvinceRow = z
  .object({
    id: Id,
    name: Name,
    level: z.enum(["province", "city"]),
    aliases: z.array(Name).default([]),
    prefixed: z.array(Name).default([]),
  })
  .strict();

const MergerPlace = z.object({ into: Id, named_after: Id.optional(), from: z.array(Id).min(1) }).strict();

const ProvincesFile = z
  .object({
    country: z.object({ id: Id, name: Name }).strict(),
    provinces: z.array(ProvinceRow).min(1),
    mergers: z.array(z.object({ on: IsoDay, act: z.string().min(1), places: z.array(MergerPlace).min(1) }).strict()),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.provinces.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: "custom", path: ["provinces", i, "id"], message: `place id ${p.id} is used twice` });
      ids.add(p.id);
    });
    const merged = new Set<string>();
    file.mergers.forEach((merger, m) =>
      merger.places.forEach((mp, k) => {
        const at = ["mergers", m, "places", k];
        if (mp.named_after === undefined && !ids.has(mp.into)) ctx.addIssue({ code: "custom", path: [...at, "into"], message: `unknown place ${mp.into} (a new place needs named_after)` });
        if (mp.named_after !== undefined) {
          if (ids.has(mp.into)) ctx.addIssue({ code: "custom", path: [...at, "into"], message: `place id ${mp.into} is used twice` });
          if (!ids.has(mp.named_after)) ctx.addIssue({ code: "custom", path: [...at, "named_after"], message: `unknown place ${mp.named_after}` });
          ids.add(mp.into);
        }
        mp.from.forEach((id, f) => {
          if (!ids.has(id)) ctx.addIssue({ code: "custom", path: [...at, "from", f], message: `unknown place ${id}` });
          if (merged.has(id)) ctx.addIssue({ code: "custom", path: [...at, "from", f], message: `${id} is merged twice` });
          merged.add(id);
        });
      }),
    );
  });

/** An id of a place the provinces file defines. */
const KnownPlace = (places: ReadonlyMap<string, Place>) =>
  Id.superRefine((id, ctx) => {
    if (!places.has(id)) ctx.addIssue({ code: "custom", message: `unknown place ${id}` });
  });

const districtsFile = (places: ReadonlyMap<string, Place>) =>
  z
    .object({
      districts: z.array(z.object({ province: KnownPlace(places), bare: z.boolean().default(false), names: z.array(Name).min(1) }).strict()),
    })
    .strict();

const sitesFile = (places: ReadonlyMap<string, Place>) =>
  z
    .object({
      sites: z.array(z.object({ hosts: z.array(z.string().min(1)).min(1), names: z.array(Name).default([]), place: KnownPlace(places) }).strict()),
    })
    .strict();

interface NameEntry {
  place: Place;
  /** Only after a level word. */
  needsLevel: boolean;
}

export interface Gazetteer {
  readonly places: ReadonlyMap<string, Place>;
  readonly country: Place;
  /**
   * Every place name in a text, in order; a name inside a blocked phrase ("Thái Bình Dương") is
   * none. `tokens` are the text's (tokenize), when the caller has them already.
   */
  findNames(text: string, tokens?: readonly Token[]): PlaceName[];
  /** The province a site writes about, from its host (two when a merger reused the name: see atDate). */
  siteProvinces(host: string): Place[];
  /** Site signatures ("BDK.VN") in a text. */
  findSiteNames(text: string, tokens?: readonly Token[]): Array<{ start: number; place: Place }>;
  /** The place a name is at a date: of two places with one name, the one that existed then. */
  atDate(places: readonly Place[], date: string | null): Place[];
  /** The province a place belongs to (itself for a province). */
  provinceOf(place: Place): Place;
}

const key = (s: string) => syllables(s).join(" ");

let cached: Gazetteer | undefined;

export function loadGazetteer(): Gazetteer {
  cached ??= buildGazetteer();
  return cached;
}

function buildGazetteer(): Gazetteer {
  const file = loadYaml("places/provinces.yaml", ProvincesFile);
  const country: Place = { id: file.country.id, name: file.country.name, level: "country", parent: null, validFrom: null, mergedInto: null, mergedOn: null };
  const places = new Map<string, Place>([[country.id, country]]);
  const names = new Map<string, NameEntry[]>();
  const addName = (name: string, entry: NameEntry) => {
    const k = key(name);
    const list = names.get(k) ?? [];
    if (!list.some((e) => e.place === entry.place)) list.push(entry);
    names.set(k, list);
  };
  const namesOf = new Map<string, z.output<typeof ProvinceRow>>();
  for (const p of file.provinces) {
    const place: Place = { id: p.id, name: p.name, level: "province", parent: null, validFrom: null, mergedInto: null, mergedOn: null };
    places.set(p.id, place);
    namesOf.set(p.id, p);
  }
  for (const merger of file.mergers) {
    for (const mp of merger.places) {
      if (mp.named_after !== undefined) {
        const origin = namesOf.get(mp.named_after)!;
        places.set(mp.into, { id: mp.into, name: origin.name, level: "province", parent: null, validFrom: merger.on, mergedInto: null, mergedOn: null });
        namesOf.set(mp.into, origin);
      }
      for (const id of mp.from) Object.assign(places.get(id)!, { mergedInto: mp.into, mergedOn: merger.on });
    }
  }
  for (const [id, row] of namesOf) {
    const place = places.get(id)!;
    for (const n of [row.name, ...row.aliases]) addName(n, { place, needsLevel: false });
    for (const n of row.prefixed) addName(n, { place, needsLevel: true });
  }

  for (const group of loadYaml("places/districts.yaml", districtsFile(places)).districts) {
    const province = places.get(group.province)!;
    for (const n of group.names) {
      const id = `${province.id}/${slug(n)}`;
      const place = places.get(id) ?? { id, name: n, level: "district" as const, parent: province.id, validFrom: null, mergedInto: null, mergedOn: null };
      places.set(id, place);
      addName(n, { place, needsLevel: !group.bare });
    }
  }

  const siteHosts = new Map<string, Place>();
  const siteNames = new Map<string, Place>();
  for (const site of loadYaml("places/sites.yaml", sitesFile(places)).sites) {
    const place = places.get(site.place)!;
    for (const h of site.hosts) siteHosts.set(h.toLowerCase(), place);
    for (const n of site.names) siteNames.set(key(n), place);
  }
  // A host label spelling a province's name ("laocai", "baolaocai") names that province.
  const provinceLabels = new Map<string, Place[]>();
  for (const [id, row] of namesOf) {
    for (const n of [row.name, ...row.aliases, ...row.prefixed]) {
      const label = asciiName(n);
      const list = provinceLabels.get(label) ?? [];
      if (label.length >= 4 && !list.includes(places.get(id)!)) provinceLabels.set(label, [...list, places.get(id)!]);
    }
  }

  const sequences = new SequenceSet<NameEntry[] | "blocked">();
  for (const [k, entries] of names) sequences.add(k.split(" "), entries);
  for (const r of lexiconRows("place-blockers")) sequences.add(syllables(r.surface), "blocked");
  const levels = new SequenceSet<"province" | "district" | "any">();
  for (const r of lexiconRows("place-levels")) levels.add(syllables(r.surface), r.level as "province" | "district" | "any");
  const signatures = new SequenceSet<Place>();
  for (const [k, place] of siteNames) signatures.add(k.split(" "), place);

  const findNames = (text: string, tokens: readonly Token[] = tokenize(text)): PlaceName[] => {
    const words = tokens.map((t) => t.word);
    const joined = joiner(text, tokens);
    const found: PlaceName[] = [];
    for (let i = 0; i < tokens.length; ) {
      const level = levels.longestAt(words, i, joined);
      const afterLevel = level && i + level.length < tokens.length && joined(i + level.length) ? sequences.longestAt(words, i + level.length, joined) : null;
      const levelled = afterLevel !== null;
      const at = levelled ? i + level!.length : i;
      const name = afterLevel ?? sequences.longestAt(words, i, joined);
      if (!name) {
        i++;
        continue;
      }
      const end = at + name.length;
      if (name.value === "blocked" || (!levelled && !capitalised(text, tokens.slice(at, end)))) {
        i = end;
        continue;
      }
      let entries = name.value.filter((e) => levelled || !e.needsLevel);
      const kind = levelled ? level!.value : null;
      if (kind === "province") entries = entries.filter((e) => e.place.level === "province");
      else if (kind === "district") entries = entries.filter((e) => e.place.level === "district");
      else if (kind === "any" && entries.some((e) => e.place.level === "district")) entries = entries.filter((e) => e.place.level === "district");
      if (entries.length) found.push({ start: tokens[i].start, end: tokens[end - 1].end, places: entries.map((e) => e.place), levelled });
      i = end;
    }
    return found;
  };

  return {
    places,
    country,
    findNames,
    siteProvinces(host) {
      const h = host.toLowerCase().replace(/^www\./, "");
      const direct = siteHosts.get(h);
      if (direct) return [direct];
      for (const label of h.split(".")) {
        const found = provinceLabels.get(label) ?? (label.startsWith("bao") ? provinceLabels.get(label.slice(3)) : undefined);
        if (found) return found;
      }
      return [];
    },
    findSiteNames(text, tokens = tokenize(text)) {
      const words = tokens.map((t) => t.word);
      const joined = joiner(text, tokens);
      const out: Array<{ start: number; place: Place }> = [];
      for (let i = 0; i < tokens.length; i++) {
        const hit = signatures.longestAt(words, i, joined);
        if (hit) out.push({ start: tokens[i].start, place: hit.value });
      }
      return out;
    },
    atDate(candidates, date) {
      const named = candidates.filter((p) => p.level !== "district");
      if (named.length < 2) return [...candidates];
      // Without a date a name means what it meant for most of the texts there are: before the merger.
      const alive = candidates.filter((p) => (date === null ? p.validFrom === null : (p.validFrom === null || p.validFrom <= date) && (p.mergedOn === null || date < p.mergedOn)));
      return alive.length ? alive : [...candidates];
    },
    provinceOf(place) {
      return place.level === "district" && place.parent ? places.get(place.parent)! : place;
    },
  };
}

/** Words k-1 and k of a text belong to one name when only spaces, dashes or dots separate them. */
function joiner(text: string, tokens: readonly Token[]): (k: number) => boolean {
  return (k) => /^[\s\-–.]*$/.test(text.slice(tokens[k - 1].end, tokens[k].start));
}

/** Every word of a name as written starts with a capital or a digit ("Hòa Bình", not "hòa bình"). */
function capitalised(text: string, words: readonly Token[]): boolean {
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(text.slice(w.start, w.end)));
}
