/**
 * Loads the data in rules/: TSV lexicons and YAML pattern files, validated
 * with zod. Every problem is reported as "file:line: message".
 */
import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { RULES_DIR } from "../paths.js";
import { foldVietnamese } from "../text/fold.js";
import { leadingLetterScan } from "./scan.js";

export class RuleError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${path.relative(process.cwd(), file) || file}:${line}: ${message}`);
    this.name = "RuleError";
  }
}

export type Located<T> = T & { line: number };

export function rulesPath(relative: string): string {
  return path.join(RULES_DIR, relative);
}

function readRulesFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new RuleError(file, 0, `cannot read: ${(err as Error).message}`);
  }
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return where + issue.message;
}

/**
 * Reads rules/lexicon/NAME.tsv: a header row naming the columns, then one
 * entry per line; blank lines and lines starting with # are skipped; an empty
 * cell is absent. Each row is checked against `row`.
 */
export function loadLexicon<S extends z.ZodType>(name: string, row: S): Located<z.output<S>>[] {
  const file = rulesPath(path.join("lexicon", `${name}.tsv`));
  const lines = readRulesFile(file).split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "" && !l.startsWith("#"));
  if (headerIndex < 0) throw new RuleError(file, 1, "no header row");
  const columns = lines[headerIndex].split("\t").map((c) => c.trim());
  const out: Located<z.output<S>>[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === "" || text.startsWith("#")) continue;
    const cells = text.split("\t");
    if (cells.length > columns.length) {
      throw new RuleError(file, i + 1, `${cells.length} cells but the header names ${columns.length} columns`);
    }
    const record: Record<string, string> = {};
    columns.forEach((c, k) => {
      const cell = (cells[k] ?? "").trim();
      if (cell !== "") record[c] = cell;
    });
    const parsed = row.safeParse(record);
    if (!parsed.success) throw new RuleError(file, i + 1, parsed.error.issues.map(describeZodIssue).join("; "));
    out.push({ ...(parsed.data as object), line: i + 1 } as Located<z.output<S>>);
  }
  return out;
}

/** A YAML text that does not parse or does not fit its schema, at `line`. */
export class YamlSchemaError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = "YamlSchemaError";
  }
}

/**
 * Parses YAML and validates it; a syntax or schema error is thrown as a
 * YamlSchemaError naming the line of the offending node. The document and
 * its line counter come back for checks of the caller's own.
 */
export function parseValidatedYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  describe: (issue: z.core.$ZodIssue) => string = describeZodIssue,
): { data: z.output<S>; doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new YamlSchemaError(lineCounter.linePos(e.pos[0]).line, e.message.split("\n")[0]);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const node = yamlNodeAt(doc.contents, issue.path);
    throw new YamlSchemaError(node?.range ? lineCounter.linePos(node.range[0]).line : 1, describe(issue));
  }
  return { data: parsed.data, doc, lineCounter };
}

/**
 * Reads a YAML file under rules/ and validates it; a schema error names the
 * line of the offending node.
 */
export function loadYaml<S extends z.ZodType>(relative: string, schema: S): z.output<S> {
  const file = rulesPath(relative);
  try {
    return parseValidatedYaml(readRulesFile(file), schema).data;
  } catch (err) {
    if (err instanceof YamlSchemaError) throw new RuleError(file, err.line, err.message);
    throw err;
  }
}

/** The YAML node at `keys`, or the deepest one on the way there (for the line of a missing key). */
export function yamlNodeAt(root: unknown, keys: PropertyKey[]): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  let deepest = node;
  for (const key of keys) {
    if (isMap(node)) node = node.get(String(key), true) as YamlNode | undefined;
    else if (isSeq(node)) node = node.get(Number(key), true) as YamlNode | undefined;
    else break;
    if (!node) break;
    deepest = node;
  }
  return deepest;
}

/** A string matched literally inside a regex. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * A regex alternation over surface forms, folded like the text they are
 * matched against, longest first so that "tỷ đồng" wins over "tỷ"; a space
 * in a surface form matches any run of white space.
 */
export function alternation(surfaces: Iterable<string>): string {
  const unique = [...new Set([...surfaces].map((s) => foldVietnamese(s.normalize("NFC")).trim()))].filter(Boolean);
  unique.sort((a, b) => b.length - a.length || a.localeCompare(b));
  // Factored only when no character of a surface is white space, which a "\s+" beside it would match too.
  if (unique.some((s) => /[^\S ]/u.test(s))) return unique.map((s) => escapeRegExp(s).replace(/ +/g, "\\s+")).join("|");
  return factored(unique.map(tokensOf)).join("|");
}

/** A surface as regex tokens: each character escaped, each run of spaces "\s+". */
function tokensOf(surface: string): string[] {
  return surface.match(/ +|./gsu)!.map((t) => (t[0] === " " ? "\\s+" : escapeRegExp(t)));
}

/**
 * The branches of an alternation in which alternatives with a common first token share it ("a\s+b|a\s+c" →
 * "a\s+(?:b|c)"): V8 tries each alternative in turn at every position, and a shared token once. It matches as
 * the plain list does: alternatives with different first tokens cannot match at one position, so only the
 * order of those with the same one counts, and it is kept; an empty alternative (a surface that is a prefix
 * of those before it) stays after them. A shared "\s+" takes all the white space there is, as each
 * alternative's own would, since what follows it in each is a character that is not white space.
 */
function factored(alternatives: string[][]): string[] {
  const branches: string[] = [];
  let groups = new Map<string, string[][]>();
  const flush = () => {
    for (const [first, rests] of groups) {
      const inner = factored(rests);
      branches.push(inner.length === 1 ? first + inner[0] : `${first}(?:${inner.join("|")})`);
    }
    groups = new Map();
  };
  for (const tokens of alternatives) {
    if (tokens.length === 0) {
      flush();
      branches.push("");
      continue;
    }
    const rests = groups.get(tokens[0]);
    if (rests) rests.push(tokens.slice(1));
    else groups.set(tokens[0], [tokens.slice(1)]);
  }
  flush();
  return branches;
}

/** Word boundaries that know Vietnamese letters (\b in JS regexes is ASCII-only). */
export const WORD_START = "(?<![\\p{L}\\p{N}])";
export const WORD_END = "(?![\\p{L}\\p{N}])";

// `\p{L}`-style Unicode property escapes are regex syntax, not references.
const REFERENCE = /(?<!\\[pP])\{(lex:)?([A-Za-z][\w-]*)(?::([\w-]+)=([^}]+))?\}/g;

/**
 * Expands a pattern template: `{lex:NAME}` becomes the alternation of the
 * `surface` column of rules/lexicon/NAME.tsv (`{lex:NAME:COLUMN=VALUE}` only of
 * the rows with that value), `{NAME}` the fragment of that name (itself
 * expanded). Regex quantifiers such as `{2,4}` are left alone. Patterns are
 * free-spacing: white space in a template or fragment is ignored (write `\s`).
 */
export function expandTemplate(template: string, fragments: Record<string, string>, seen: string[] = []): string {
  return stripPatternSpace(template).replace(REFERENCE, (_whole, lex: string | undefined, name: string, column?: string, value?: string) => {
    if (lex) return `(?:${alternation(lexiconSurfaces(name, column, value))})`;
    if (column) throw new Error(`only lexicon references take a filter: {${name}:${column}=${value}}`);
    if (seen.includes(name)) throw new Error(`fragment cycle: ${[...seen, name].join(" → ")}`);
    const body = fragments[name];
    if (body === undefined) throw new Error(`unknown fragment {${name}}`);
    return `(?:${expandTemplate(body, fragments, [...seen, name])})`;
  });
}

/** Removes unescaped white space ("\\ " stays a literal space). */
function stripPatternSpace(template: string): string {
  return template.replace(/(\\\\)|\\ |\s+/g, (m, escapedBackslash?: string) => (escapedBackslash ? m : m === "\\ " ? " " : ""));
}

const lexiconCache = new Map<string, Located<Record<string, string>>[]>();

/** A lexicon's rows as strings, cached: every lexicon has a `surface` column. */
export function lexiconRows(name: string): Located<Record<string, string>>[] {
  let rows = lexiconCache.get(name);
  if (!rows) {
    rows = loadLexicon(name, z.record(z.string(), z.string()).refine((r) => "surface" in r, "missing surface"));
    lexiconCache.set(name, rows);
  }
  return rows;
}

/** The surfaces of a lexicon, optionally only of the rows whose COLUMN is VALUE. */
export function lexiconSurfaces(name: string, column?: string, value?: string): string[] {
  const rows = lexiconRows(name);
  if (column && rows.length && !rows.some((r) => column in r)) throw new Error(`lexicon ${name} has no column "${column}"`);
  return rows.filter((r) => !column || r[column] === value).map((r) => r.surface);
}

const FragmentFile = z.object({ fragments: z.record(z.string(), z.string()).default({}) }).loose();

/**
 * The named regex fragments declared under `fragments:` in the given pattern
 * files, in one namespace; a name declared twice is an error.
 */
export function loadFragments(files: string[]): Record<string, string> {
  const merged: Record<string, string> = {};
  const origin: Record<string, string> = {};
  for (const file of files) {
    const { fragments } = loadYaml(file, FragmentFile);
    for (const [name, body] of Object.entries(fragments)) {
      if (name in merged) throw new RuleError(rulesPath(file), 1, `fragment "${name}" is also declared in ${origin[name]}`);
      merged[name] = body;
      origin[name] = file;
    }
  }
  return merged;
}

/** Runs of letters in a regex source that are text, not escapes, property names or group names. */
const PATTERN_WORDS = /(?<![\\{<])\p{L}+/gu;

/**
 * Expands a template against `fragments` and compiles it. Text is matched
 * folded, so a pattern must be written folded too: a letter written otherwise
 * could never match, and is an error.
 */
export function compilePattern(template: string, fragments: Record<string, string>, flags = "dgu"): RegExp {
  const source = expandTemplate(template.normalize("NFC"), fragments);
  const unfolded = source.match(PATTERN_WORDS)?.find((w) => foldVietnamese(w) !== w);
  if (unfolded) throw new Error(`"${unfolded}" is not written folded (lower case, tone as foldVietnamese places it)`);
  const regex = new RegExp(source, flags);
  const scan = leadingLetterScan(regex);
  if (scan) {
    const shown = scan.length > 80 ? `${scan.slice(0, 79)}…` : scan;
    throw new Error(`begins with a look-around that reads over letters, ${shown}: V8 would run it at every position of a text; begin with what the pattern matches (a word, a digit, {Q}) and look around from there`);
  }
  return regex;
}
