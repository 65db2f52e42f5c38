/**
 * Page furniture: counters, share widgets, credits, image names and
 * related-news sections that are not the article. The phrases live in
 * rules/lexicon/furniture.tsv; this file turns them into one line matcher.
 */
import { z } from "zod";
import { alternation, loadLexicon } from "../rulebook/index.js";
import { foldForMatching } from "./normalise.js";

/** How much a furniture line takes with it: itself, the list items after it, or the rest of the document. */
export type FurnitureScope = "line" | "list" | "rest";

const MATCHES = ["alone", "label", "prefix", "numbered", "tokens", "extension", "slug"] as const;
type Match = (typeof MATCHES)[number];
type Value = "number" | "text";

const FurnitureRow = z
  .object({
    surface: z.string(),
    match: z.enum(MATCHES),
    scope: z.enum(["line", "list", "rest"]),
    value: z.enum(["number", "text"]).optional(),
    note: z.string().optional(),
  })
  .refine((row) => (row.match === "label") === (row.value !== undefined), {
    message: "value (number or text) is given for match=label, and only for it",
  });

// Horizontal white space: the matcher runs on the whole document with the m
// flag, and must not run past the end of the line.
const SP = "[^\\S\\n]";
// Bullets and emphasis marks before the phrase.
const LEAD = `(?:${SP}|[*#>•●▪◦‣⁃○■□►➢✓✔❖+\\-])*`;
// Trailing white space and emphasis marks, then the end of the line.
const TAIL = `(?:${SP}|\\*)*$`;
// A file name: it starts with a letter or digit, so that it cannot take
// over what LEAD matched.
const NAME_REST = "[\\p{L}\\p{N}_.\\-]*";
const NAME = `[\\p{L}\\p{N}_]${NAME_REST}`;
const VALUE: Record<Value, string> = {
  number: `\\d(?:[\\d.,]|${SP}(?=\\d))*${TAIL}`,
  text: "\\S.{0,150}$",
};
const CHAIN = `${SP}*(?:,|và|-|/|&|\\+)${SP}*`;

// Each pattern runs to the end of the line, with no two adjacent loops
// over the same characters, so that a failing line costs linear time.
function pattern(match: Match, alt: string, value: Value | undefined): string {
  switch (match) {
    case "alone":
      return `(${alt})(?:${SP}|[:.…»>*\\-])*(?:\\(\\d+\\)${TAIL}|$)`;
    case "label":
      return `((?:${alt})(?:${CHAIN}(?:${alt}))*)${SP}*:${SP}*${VALUE[value ?? "text"]}`;
    case "prefix":
      return `(${alt})(?!\\p{L}).*$`;
    case "numbered":
      return `(${alt})(?!\\p{L})(?=.*?(?<!\\p{L})số${SP}*:?${SP}*\\d).*$`;
    case "tokens":
      return `((?:${alt})(?:(?:${SP}|[|·,/])+(?:${alt}))*)${TAIL}`;
    case "extension":
      return `(${NAME}(?:${alt}))${TAIL}`;
    case "slug":
      return `((?:${alt})${NAME_REST})${TAIL}`;
  }
}

const SCOPE_ORDER: FurnitureScope[] = ["rest", "list", "line"];

interface Matcher {
  regex: RegExp;
  /** The scope of each capture group, in order. */
  scopes: FurnitureScope[];
}

let matcher: Matcher | undefined;

function compile(): Matcher {
  const rows = loadLexicon("furniture", FurnitureRow);
  const groups = new Map<string, { match: Match; scope: FurnitureScope; value?: Value; surfaces: string[] }>();
  for (const row of rows) {
    const key = `${row.scope}/${row.match}/${row.value ?? ""}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { match: row.match, scope: row.scope, value: row.value, surfaces: [] }));
    group.surfaces.push(row.surface);
  }
  // The widest scope wins when a line could be read two ways.
  const ordered = [...groups.values()].sort((a, b) => SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope));
  const bodies = ordered.map((g) => pattern(g.match, alternation(g.surfaces), g.value));
  return {
    regex: new RegExp(`^${LEAD}(?:${bodies.join("|")})`, "muy"),
    scopes: ordered.map((g) => g.scope),
  };
}

/**
 * The furniture scope of the line starting at `lineStart` in `folded` (the
 * document folded by foldForMatching), or null when the line is content.
 */
export function furnitureAt(folded: string, lineStart: number): FurnitureScope | null {
  matcher ??= compile();
  const { regex, scopes } = matcher;
  regex.lastIndex = lineStart;
  const m = regex.exec(folded);
  if (!m) return null;
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return scopes[g - 1];
  return null;
}

/** The furniture scope of one line of text, or null when it is content. */
export function furnitureOfLine(line: string): FurnitureScope | null {
  return furnitureAt(foldForMatching(line.normalize("NFC")), 0);
}
