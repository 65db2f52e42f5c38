/**
 * Vietnamese numbers: digits in vi-VN notation ("15.000", "103,5",
 * "1.234.567,89"), number words ("hai mươi lăm", "một trăm lẻ ba", "ba triệu
 * rưỡi"), and the numerals of a text. The regex fragments every pattern file
 * builds on are in rules/patterns/numbers.yaml, the words in
 * rules/lexicon/number-words.tsv and magnitudes.tsv.
 *
 * Also here: the loader of the number, period and date pattern files, whose
 * fragments are one namespace.
 */
import { z } from "zod";
import { compilePattern as compileWithFragments, loadFragments, loadLexicon, loadYaml, RuleError, rulesPath } from "../rulebook/index.js";
import { foldVietnamese } from "../text/fold.js";
import type { Span } from "../text/types.js";

/** The pattern files of numbers, periods and dates. */
export const PATTERN_FILES = ["patterns/numbers.yaml", "patterns/periods.yaml", "patterns/dates.yaml"];

export interface PatternRule<Y> {
  id: string;
  version: number;
  /** Compiled with flags "gu". */
  regex: RegExp;
  yields: Y;
}

let fragmentsCache: Record<string, string> | undefined;

/** The fragments of the number, period and date pattern files. */
export function patternFragments(): Record<string, string> {
  fragmentsCache ??= loadFragments(PATTERN_FILES);
  return fragmentsCache;
}

/** Expands a template against the number, period and date fragments and compiles it. */
export function compilePattern(template: string, flags = "dgu"): RegExp {
  return compileWithFragments(template, patternFragments(), flags);
}

const RuleId = z.string().regex(/^[a-z]+(?:\.[a-z0-9-]+)+$/, "ids look like concept.name");

// Without "d": every reader of these rules takes their groups, none their indices, which cost a call into V8's runtime per match.
const CompiledTemplate = z.string().transform((template, ctx) => {
  try {
    return compilePattern(template, "gu");
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
    return z.NEVER;
  }
});

/**
 * The rules of a number, period or date pattern file, validated and compiled
 * once; `yields` validates what each rule yields (without it a rule yields
 * nothing beyond its match). Errors name the file and line.
 */
export function loadPatternRules(file: string): PatternRule<undefined>[];
export function loadPatternRules<Y extends z.ZodType>(file: string, yields: Y): PatternRule<z.output<Y>>[];
export function loadPatternRules(file: string, yields: z.ZodType = z.undefined().optional()): PatternRule<unknown>[] {
  const Rule = z
    .object({
      id: RuleId,
      version: z.number().int().positive(),
      description: z.string().min(1),
      pattern: CompiledTemplate,
      yields,
    })
    .strict();
  const PatternFile = z
    .object({
      version: z.number().int().positive(),
      fragments: z.record(z.string(), CompiledTemplate).optional(),
      rules: z
        .array(Rule)
        .min(1)
        .superRefine((rules, ctx) => {
          const seen = new Set<string>();
          rules.forEach((r, i) => {
            if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `rule id ${r.id} is used twice` });
            seen.add(r.id);
          });
        }),
    })
    .strict();
  return loadYaml(file, PatternFile).rules.map((r) => ({ id: r.id, version: r.version, regex: r.pattern, yields: r.yields }));
}

// ---------------------------------------------------------------- lexicons

const ROLES = ["digit", "ten", "tens", "hundred", "zero", "half", "half_of"] as const;
type Role = (typeof ROLES)[number];
/** What a word can follow: a role, the start of the number, or a magnitude. */
type Before = Role | "start" | "magnitude";
const BEFORE = [...ROLES, "start", "magnitude"] as const;

const BeforeList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()))
  .pipe(z.array(z.enum(BEFORE)))
  .transform((list) => new Set<Before>(list));

const OneWord = z.string().regex(/^\S+$/u, "a surface here is one word");

const NumberWordRow = z.object({
  surface: OneWord,
  value: z.coerce.number(),
  role: z.enum(ROLES),
  only_after: BeforeList.optional(),
  never_after: BeforeList.optional(),
  alone: z.enum(["yes", "no"]),
});
type NumberWord = z.output<typeof NumberWordRow>;

const MagnitudeRow = z.object({ surface: OneWord, multiplier: z.coerce.number().positive() });

interface Lexicons {
  words: Map<string, NumberWord>;
  magnitudes: Map<string, number>;
  leadingDigits: RegExp;
}

let lexiconsCache: Lexicons | undefined;

function lexicons(): Lexicons {
  if (lexiconsCache) return lexiconsCache;
  const words = new Map<string, NumberWord>();
  for (const row of loadLexicon("number-words", NumberWordRow)) words.set(foldVietnamese(row.surface.normalize("NFC")), row);
  const magnitudes = new Map<string, number>();
  for (const row of loadLexicon("magnitudes", MagnitudeRow)) {
    const surface = foldVietnamese(row.surface.normalize("NFC"));
    if (words.has(surface)) {
      throw new RuleError(rulesPath("lexicon/magnitudes.tsv"), row.line, `"${row.surface}" is also a number word`);
    }
    magnitudes.set(surface, row.multiplier);
  }
  lexiconsCache = { words, magnitudes, leadingDigits: compilePattern("^(?:{number_digits})", "u") };
  return lexiconsCache;
}

// ---------------------------------------------------------------- parsing

type Token =
  | { kind: "digits"; value: number; end: number }
  | { kind: "word"; word: NumberWord; end: number }
  | { kind: "magnitude"; multiplier: number; end: number };

const ENGLISH_GROUPS = /,\d{3},/;
const DOTTED_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const NEXT_WORD = /\s*(\S+)/y;

interface NotationPatterns {
  english: RegExp;
  vietnamese: RegExp;
  ambiguous: RegExp;
}

let notationCache: NotationPatterns | undefined;

function notationPatterns(): NotationPatterns {
  notationCache ??= {
    english: compilePattern("{english_notation_sign}", "gu"),
    vietnamese: compilePattern("{vietnamese_notation_sign}", "gu"),
    ambiguous: compilePattern("{english_notation_number}", "gu"),
  };
  return notationCache;
}

/**
 * The folded text with the commas that group thousands ("15,000 tấn",
 * "1,234.5 triệu USD") written as vi-VN writes them ("15.000", "1.234,5")
 * when the text writes numbers in English notation, character for character
 * so that every offset stands; unchanged when it does not. English-style signs
 * must outnumber the vi-VN ones, and be two at least: a page that writes
 * "6.5%" once among "15.000 tấn" and "103,5%" is written in vi-VN notation.
 */
export function inVietnameseNotation(folded: string): string {
  const { english, vietnamese } = notationPatterns();
  const englishSigns = folded.match(english)?.length ?? 0;
  if (englishSigns < 2 || englishSigns <= (folded.match(vietnamese)?.length ?? 0)) return folded;
  return withEnglishThousandsAsVietnamese(folded);
}

/** The text with every number whose commas group thousands ("15,000", "1,234.5") in vi-VN notation ("15.000", "1.234,5"). */
export function withEnglishThousandsAsVietnamese(folded: string): string {
  return folded.replace(notationPatterns().ambiguous, (n) => n.replace(/[.,]/gu, (mark) => (mark === "." ? "," : ".")));
}

/** The value of digits in vi-VN notation ("1.234,5"), already known to match `number_digits`. */
function digitsValue(digits: string): number {
  if (ENGLISH_GROUPS.test(digits)) return Number(digits.replaceAll(",", ""));
  if (DOTTED_GROUPS.test(digits)) return Number(digits.replaceAll(".", "").replace(",", "."));
  return Number(digits.replace(",", "."));
}

/**
 * Splits a folded string into number tokens; `end` is each token's end in
 * the string. Stops at the first word that is neither a number word nor a
 * magnitude; digits may only come first.
 */
function tokenize(folded: string): { tokens: Token[]; rest: boolean } {
  const { words, magnitudes, leadingDigits } = lexicons();
  const tokens: Token[] = [];
  let at = 0;
  const digits = leadingDigits.exec(folded);
  if (digits) {
    tokens.push({ kind: "digits", value: digitsValue(digits[0]), end: digits[0].length });
    at = digits[0].length;
  }
  NEXT_WORD.lastIndex = at;
  for (let m = NEXT_WORD.exec(folded); m; m = NEXT_WORD.exec(folded)) {
    const end = m.index + m[0].length;
    const word = words.get(m[1]);
    const multiplier = magnitudes.get(m[1]);
    if (word) tokens.push({ kind: "word", word, end });
    else if (multiplier !== undefined) tokens.push({ kind: "magnitude", multiplier, end });
    else return { tokens, rest: true };
    at = end;
  }
  return { tokens, rest: folded.slice(at).trim() !== "" };
}

function allowedAfter(word: NumberWord, before: Before, next?: Token): boolean {
  if (word.only_after && !word.only_after.has(before)) return false;
  if (!word.never_after?.has(before)) return true;
  // A digit barred from a place may still count what follows it: "hai trăm năm mươi", "hai nghìn năm trăm".
  return word.role === "digit" && next !== undefined && (next.kind === "magnitude" || (next.kind === "word" && (next.word.role === "tens" || next.word.role === "hundred")));
}

interface Group {
  value: number;
  /** Place value of the last word, which "rưỡi" halves ("hai trăm rưỡi" = 250). */
  unit: number;
  next: number;
  /** One digit and nothing else ("hai" in "một nghìn hai"). */
  loneDigit: boolean;
  /** Role of the last word read. */
  last: Role;
}

/**
 * A number below a thousand, from tokens[i]: "[D trăm] [mười U | D mươi U |
 * linh U | D]", with "D trăm D" read as D·100 + D·10 ("một trăm tư" = 140).
 */
function readGroup(tokens: Token[], i: number, before: Before): Group | null {
  let hundreds: number | null = null;
  let tens: number | null = null;
  let units: number | null = null;
  let pending: number | null = null;
  let last: Before = before;
  let j = i;
  for (; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.kind !== "word" || t.word.role === "half" || !allowedAfter(t.word, last, tokens[j + 1])) break;
    const { role, value } = t.word;
    if (role === "digit") {
      if (pending !== null || units !== null) break;
      if (last === "ten" || last === "tens" || last === "zero") units = value;
      else pending = value;
    } else if (role === "half_of") {
      if (j !== i) break;
      pending = value;
    } else if (role === "ten") {
      if (pending !== null || tens !== null) break;
      tens = 1;
    } else if (role === "tens") {
      if (pending === null || tens !== null) break;
      tens = pending;
      pending = null;
    } else if (role === "hundred") {
      if (pending === null || hundreds !== null || tens !== null) break;
      hundreds = pending;
      pending = null;
    } else {
      if (hundreds === null || tens !== null || pending !== null) break;
      tens = 0;
    }
    last = role;
  }
  if (j === i) return null;
  let unit = units !== null ? 1 : tens !== null && tens > 0 ? 10 : hundreds !== null ? 100 : 1;
  if (pending !== null) {
    if (hundreds !== null && tens === null) {
      tens = pending;
      unit = 10;
    } else {
      units = pending;
      unit = 1;
    }
  }
  const value = (hundreds ?? 0) * 100 + (tens ?? 0) * 10 + (units ?? 0);
  const first = tokens[i];
  const loneDigit = j === i + 1 && first.kind === "word" && first.word.role === "digit";
  return { value, unit, next: j, loneDigit, last: last as Role };
}

/** The value of a whole run of number tokens, or null if they do not read as one number. */
function evaluate(tokens: Token[]): number | null {
  if (tokens.length === 0) return null;
  let total = 0;
  let largest = 0;
  let group: number | null = null;
  let unit = 1;
  let before: Before = "start";
  let i = 0;
  if (tokens[0].kind === "digits") {
    group = tokens[0].value;
    before = "digit";
    i = 1;
  }
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === "magnitude") {
      const m = t.multiplier;
      // "nghìn tỷ": a larger magnitude scales all before it; a smaller one only its group.
      if (group === null && before !== "magnitude") return null;
      if (m > largest) total = (total + (group ?? 0)) * m;
      else if (m < largest && group !== null) total += group * m;
      else return null;
      largest = Math.max(largest, m);
      group = null;
      unit = m;
      before = "magnitude";
      i++;
    } else if (t.kind === "digits") {
      return null;
    } else if (t.word.role === "half") {
      if (i !== tokens.length - 1 || !allowedAfter(t.word, before)) return null;
      if (group !== null) group += t.word.value * unit;
      else total += t.word.value * unit;
      i++;
    } else {
      if (group !== null) return null;
      const g = readGroup(tokens, i, before);
      if (!g) return null;
      // "một nghìn hai": a lone last digit after a magnitude counts the next place down.
      if (before === "magnitude" && g.loneDigit && g.next === tokens.length) total += (g.value * unit) / 10;
      else group = g.value;
      unit = g.unit;
      before = g.last;
      i = g.next;
    }
  }
  const value = total + (group ?? 0);
  return Number(value.toPrecision(15));
}

function prepare(s: string): string {
  return foldVietnamese(s.normalize("NFC")).trim();
}

/**
 * The value of a number written in digits (vi-VN notation) or in words, with
 * any magnitudes after it: "15.000" → 15000, "1.140" → 1140, "2.5" → 2.5,
 * "103,5" → 103.5, "1,2 triệu" → 1200000, "ba triệu rưỡi" → 3500000.
 * Null if the whole string is not one number.
 */
export function parseVietnameseNumber(s: string): number | null {
  const { tokens, rest } = tokenize(prepare(s));
  return rest ? null : evaluate(tokens);
}

/** The value of a number in words ("hai mươi lăm" → 25, "một nghìn không trăm linh năm" → 1005); null otherwise. */
export function parseNumberWords(s: string): number | null {
  const { tokens, rest } = tokenize(prepare(s));
  if (rest || tokens.some((t) => t.kind === "digits")) return null;
  return evaluate(tokens);
}

// ---------------------------------------------------------------- finding

export interface NumberMention extends Span {
  value: number;
  /** Id of the rule that found it. */
  rule: string;
}

let rulesCache: PatternRule<undefined>[] | undefined;

/**
 * The numerals of a folded text, longest first where rules overlap. Words are
 * cut to the longest prefix that reads as a number ("mười năm" is 10), and a
 * single word that by itself is rarely a number ("năm", "một", "không") is
 * left out. Numerals overlapping `exclude` (dates, periods) are dropped.
 */
export function findNumbers(folded: string, exclude: readonly Span[] = []): NumberMention[] {
  rulesCache ??= loadPatternRules("patterns/numbers.yaml");
  const found: NumberMention[] = [];
  for (const rule of rulesCache) {
    for (const m of folded.matchAll(rule.regex)) {
      const mention = numeral(m[0], m.index, rule.id);
      if (mention) found.push(mention);
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: NumberMention[] = [];
  for (const n of found) {
    const overlaps = (s: Span) => s.start < n.end && n.start < s.end;
    if (!kept.some(overlaps) && !exclude.some(overlaps)) kept.push(n);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function numeral(text: string, start: number, rule: string): NumberMention | null {
  const { tokens } = tokenize(text);
  for (let n = tokens.length; n > 0; n--) {
    const head = tokens.slice(0, n);
    const value = evaluate(head);
    if (value === null) continue;
    const only = head[0];
    if (n === 1 && only.kind === "word" && only.word.alone === "no") return null;
    return { start, end: start + head[n - 1].end, value, rule };
  }
  return null;
}
