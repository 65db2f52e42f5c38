/**
 * Segmentation of normalised text into paragraphs, sentences and clauses.
 *
 * Lines are classified once (furniture, capitals, list marker, how they end
 * and start); paragraphs are runs of lines between blank lines, rejoined
 * where a PDF page break cut a sentence and split where furniture or a
 * heading shares a run with content; sentences end at hard line breaks and
 * at final punctuation that is not an abbreviation; clauses split sentences
 * at ";" and list items. Every pass is a regex scan or a walk over lines.
 */
import { z } from "zod";
import { loadLexicon } from "../rulebook/index.js";
import { furnitureAt, type FurnitureScope } from "./furniture.js";
import { foldForMatching } from "./normalise.js";
import type { Paragraph, Sentence, SentenceEnd, Span } from "./types.js";
import { isTableCellText } from "./table-row.js";

/** A heading line is at most this long (UTF-16 units). */
const HEADING_LINE_MAX = 160;
/** A heading paragraph is at most this long. */
const HEADING_MAX = 300;
/** Lines of a hard-wrapped paragraph (PDF text) are at most this long... */
const WRAP_MAX = 150;
/** ...and a line that was wrapped fills at least this share of the longest line. */
const WRAP_FILL = 0.6;

const AbbreviationRow = z.object({
  surface: z.string().regex(/\.$/, { message: 'an abbreviation ends with "."' }),
  expansion: z.string(),
  note: z.string().optional(),
});

const SectionWordRow = z.object({ surface: z.string().min(1) });

let abbreviations: Set<string> | undefined;

function abbreviationSet(): Set<string> {
  abbreviations ??= new Set(loadLexicon("abbreviations", AbbreviationRow).map((r) => foldForMatching(r.surface.normalize("NFC"))));
  return abbreviations;
}

let sectionWords: Set<string> | undefined;

/** Words that number a section of an official document ("Điều 1.", "Chương II."). */
function sectionWordSet(): Set<string> {
  sectionWords ??= new Set(loadLexicon("section-words", SectionWordRow).map((r) => foldForMatching(r.surface.normalize("NFC"))));
  return sectionWords;
}

// A list marker at the start of a line or clause, matched on folded text
// (dashes are "-"): a bullet, or a number, letter or roman numeral with "." or ")".
const ROMAN = "(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xix|xx)";
// A section's number after its word ("điều 2. ", "chương ii "), checked against section-words.tsv.
const SECTION_NUMBER = new RegExp(`^(\\p{L}+)\\s+(?:\\d{1,3}|${ROMAN})[.:]?[^\\S\\n]+`, "u");
const MARKER = new RegExp(
  `(?:[-+](?=\\s)|[•●▪◦‣⁃○■□►➢✓✔❖→]|\\*(?!\\*))[^\\S\\n]*|\\(?(?:\\d{1,2}(?:\\.\\d{1,2})*|[a-zđ]|${ROMAN})[.)][^\\S\\n]+`,
  "uy",
);
// The dot of a list marker: "1.", "2.1.", "b.", "IV.".
const MARKER_DOT_TOKEN = new RegExp(`^(?:\\d{1,2}(?:\\.\\d{1,2})*|[a-zđ]|${ROMAN})\\.$`, "u");

// Final punctuation with any closing quotes or brackets, followed on the same
// line by the start of a sentence. "./." (the end mark of official documents)
// is taken whole; "15.000" and "29/11/2023" never match (no space after the dot).
// The cluster is matched once from its first mark, without backtracking
// ((?=(…))\1 is an atomic group), so a long run of leader dots stays linear;
// leader dots ("Thu ngân sách: ........ 3.245 triệu đồng") end no sentence.
const TERMINATOR = /(?<![.!?…])(?!\.{4}|…{2})(?=((?:\.\/\.|[.!?…])+[”’"'»)\]*]*))\1(?=[^\S\n]+[\p{Lu}\p{N}“"‘'«(\[•●▪◦‣►➢\-+*–—])/gu;
// What splits a sentence into clauses: ";" outside brackets, bullets, and a
// list item "a)" / "2)" (a ")" told from a closing bracket by what precedes it).
const CLAUSE_MARK = /[;()[\]•●▪◦‣►➢❖]/g;
const ITEM_LABEL = /^(?:\d{1,2}|[a-zđ])$/;

const LOWER_LETTER = /\p{Ll}/u;
const TWO_CAPITALS = /\p{Lu}[^\p{Lu}]*\p{Lu}/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
const LOWER_START = /^[*"“‘'«([]*\p{Ll}/u;
const SINGLE_LETTER = /^\p{L}$/u;
const CAPITAL_LETTER = /^\p{Lu}$/u;

interface Line {
  /** Content of the line without surrounding white space; start === end for a blank line. */
  start: number;
  end: number;
  blank: boolean;
  furniture: boolean;
  caps: boolean;
  marker: boolean;
  /** Ends with . ! ? … : (a dot that ends an abbreviation does not count). */
  endsSentence: boolean;
  /** Ends with any closing punctuation, "," and ";" included: not a heading. */
  endsPunctuated: boolean;
  /** Ends with "," or ";": the sentence goes on. */
  continues: boolean;
  /** A sentence ends inside the line: it is not a heading. */
  endsSentenceInside: boolean;
  startsLower: boolean;
}

export function segmentText(text: string, folded: string = foldForMatching(text)): Paragraph[] {
  if (folded.length !== text.length) throw new Error("segmentText: folded text must have the same length as the text");
  const terminators = findTerminators(text, folded);
  const lines = classifyLines(text, folded, terminators);
  const clauseMarks = findClauseMarks(text);
  const paragraphs: Paragraph[] = [];
  let terminatorAt = 0;
  let clauseMarkAt = 0;
  for (const run of rejoinedRuns(lines)) {
    const hard = hardBreaks(lines, run);
    for (const [first, last] of splitRun(lines, run, hard)) {
      const { paragraph, nextTerminator } = buildParagraph(text, lines, first, last, hard, terminators, terminatorAt);
      terminatorAt = nextTerminator;
      for (const sentence of paragraph.sentences) clauseMarkAt = addClauses(text, folded, sentence, clauseMarks, clauseMarkAt);
      paragraphs.push(paragraph);
    }
  }
  return paragraphs;
}

// ---------------------------------------------------------------- lines

function classifyLines(text: string, folded: string, terminators: Terminators): Line[] {
  const lines: Line[] = [];
  let scopeRest = false;
  let inList = false;
  let t = 0;
  for (let pos = 0; pos <= text.length; ) {
    let newline = text.indexOf("\n", pos);
    if (newline < 0) newline = text.length;
    let start = pos;
    let end = newline;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    const content = text.slice(start, end);
    const blank = !HAS_WORD.test(content);
    const line: Line = {
      start,
      end,
      blank,
      furniture: false,
      caps: !blank && !LOWER_LETTER.test(content) && TWO_CAPITALS.test(content),
      marker: !blank && markerLength(folded, start) > 0,
      endsSentence: false,
      endsPunctuated: false,
      continues: false,
      endsSentenceInside: false,
      startsLower: LOWER_START.test(content),
    };
    while (t < terminators.ends.length && terminators.ends[t] <= start) t++;
    line.endsSentenceInside = t < terminators.ends.length && terminators.ends[t] < end;
    if (!blank) {
      const last = lastSignificant(text, start, end);
      const ch = text[last];
      line.continues = ch === "," || ch === ";";
      line.endsPunctuated = line.continues || ".!?…:".includes(ch);
      line.endsSentence = "!?…:".includes(ch) || (ch === "." && !isAbbreviationDot(text, folded, last));
      const scope: FurnitureScope | null = scopeRest ? "rest" : furnitureAt(folded, pos);
      if (scope === "rest") scopeRest = true;
      if (scope === "list") inList = true;
      else if (!(inList && line.marker)) inList = false;
      line.furniture = scope !== null || inList;
    }
    lines.push(line);
    pos = newline + 1;
  }
  return lines;
}

/** White space inside a line (the text is normalised: no other spaces remain). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

function isWhite(code: number): boolean {
  return code === 0x0a || isSpace(code);
}

/**
 * Length of a section's number at `at` ("Điều 2. ", "Chương II "), 0 if none: a clause leaves it
 * out like a list marker, and a line that starts with one heads a section.
 */
export function sectionNumberLength(folded: string, at: number): number {
  const m = SECTION_NUMBER.exec(folded.slice(at, at + 24));
  return m && sectionWordSet().has(m[1]) ? m[0].length : 0;
}

function markerLength(folded: string, at: number): number {
  MARKER.lastIndex = at;
  return MARKER.test(folded) ? MARKER.lastIndex - at : 0;
}

/** Index of the last character of [start, end) that is not a closing quote, bracket or "*". */
function lastSignificant(text: string, start: number, end: number): number {
  let i = end - 1;
  while (i > start && `”’"'»)]*`.includes(text[i])) i--;
  return i;
}

/**
 * Whether the dot at `dot` ends an abbreviation ("TP.", "GS.TS.", "v.v."),
 * an initial ("V.") or a list marker at the start of a line or after ":"/";"
 * ("1.", "b."), rather than a sentence.
 */
function isAbbreviationDot(text: string, folded: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && !isWhite(text.charCodeAt(start - 1))) start--;
  while (start < dot && `(["“‘'«[*`.includes(text[start])) start++;
  if (start === dot) return false;
  const token = folded.slice(start, dot + 1);
  const known = abbreviationSet();
  if (known.has(token)) return true;
  if (dot - start <= 2 && CAPITAL_LETTER.test(text.slice(start, dot))) return true;
  if (token.indexOf(".") < token.length - 1) {
    const parts = token.slice(0, -1).split(".");
    if (parts.every((p) => known.has(`${p}.`) || SINGLE_LETTER.test(p))) return true;
  }
  if (MARKER_DOT_TOKEN.test(token)) {
    let before = start - 1;
    while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
    if (before < 0 || ":;\n".includes(text[before])) return true;
    // "Điều 1. Mục tiêu": the number of a section at the start of its line.
    let word = before;
    while (word > 0 && !isWhite(text.charCodeAt(word - 1))) word--;
    const lineStart = word === 0 || text[word - 1] === "\n";
    return lineStart && sectionWordSet().has(folded.slice(word, before + 1));
  }
  return false;
}

// ---------------------------------------------------------------- paragraphs

/** Line index ranges [first, last] of non-blank lines, with blank-line gaps inside a sentence closed. */
function rejoinedRuns(lines: Line[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].blank) continue;
    let j = i;
    while (j + 1 < lines.length && !lines[j + 1].blank) j++;
    const previous = runs[runs.length - 1];
    if (previous && continuesAcrossBlank(lines[previous[1]], lines[i])) previous[1] = j;
    else runs.push([i, j]);
    i = j;
  }
  return runs;
}

/** A PDF page or column break left a sentence cut in two paragraphs ("đã được duy" / "trì thường xuyên"). */
function continuesAcrossBlank(before: Line, after: Line): boolean {
  return (
    !before.furniture && !after.furniture && !before.endsSentence && !before.caps && after.startsLower && !after.marker
  );
}

/** hard[i] tells whether the line break after line i (inside the run) ends a sentence. */
function hardBreaks(lines: Line[], [first, last]: [number, number]): Map<number, boolean> {
  const hard = new Map<number, boolean>();
  let longest = 0;
  let wrapped = last > first;
  for (let i = first; i <= last; i++) {
    if (lines[i].blank) continue;
    const length = lines[i].end - lines[i].start;
    longest = Math.max(longest, length);
    if (length > WRAP_MAX) wrapped = false;
  }
  let previous = first;
  for (let i = first + 1; i <= last; i++) {
    if (lines[i].blank) continue;
    const before = lines[previous];
    const after = lines[i];
    const acrossBlank = i > previous + 1;
    hard.set(previous, !acrossBlank && breaksSentence(before, after, wrapped, longest));
    previous = i;
  }
  return hard;
}

function breaksSentence(before: Line, after: Line, wrapped: boolean, longest: number): boolean {
  if (before.furniture !== after.furniture || before.caps !== after.caps) return true;
  if (before.endsSentence || after.marker) return true;
  if (before.continues || after.startsLower) return false;
  // The next line starts with a capital or a digit: a new sentence, unless
  // the paragraph is hard-wrapped and this line was filled to the margin.
  return !(wrapped && before.end - before.start >= WRAP_FILL * longest);
}

/**
 * Splits a run where furniture meets content, where lines in capitals meet
 * other lines, and around heading lines (short, unpunctuated, with hard
 * breaks on both sides, like a title or a photo caption).
 */
function splitRun(lines: Line[], [first, last]: [number, number], hard: Map<number, boolean>): Array<[number, number]> {
  const kept: number[] = [];
  for (let i = first; i <= last; i++) if (!lines[i].blank) kept.push(i);
  const hardAfter = (k: number): boolean => k === kept.length - 1 || hard.get(kept[k]) === true;
  const heading = (k: number): boolean => (k === 0 || hardAfter(k - 1)) && hardAfter(k) && isHeadingLine(lines[kept[k]]);
  const pieces: Array<[number, number]> = [];
  let start = kept[0];
  for (let k = 0; k + 1 < kept.length; k++) {
    const a = lines[kept[k]];
    const b = lines[kept[k + 1]];
    if (a.furniture !== b.furniture || a.caps !== b.caps || (hardAfter(k) && (heading(k) || heading(k + 1)))) {
      pieces.push([start, kept[k]]);
      start = kept[k + 1];
    }
  }
  pieces.push([start, kept[kept.length - 1]]);
  return pieces;
}

/** A short line that is one unpunctuated sentence and not a list item. */
function isHeadingLine(line: Line): boolean {
  return !line.furniture && !line.marker && !line.endsPunctuated && !line.endsSentenceInside && line.end - line.start <= HEADING_LINE_MAX;
}

interface BuiltParagraph {
  paragraph: Paragraph;
  /** Index of the first terminator after the paragraph. */
  nextTerminator: number;
}

function buildParagraph(
  text: string,
  lines: Line[],
  first: number,
  last: number,
  hard: Map<number, boolean>,
  terminators: Terminators,
  terminatorFrom: number,
): BuiltParagraph {
  const start = lines[first].start;
  const end = lines[last].end;
  const sentences: Sentence[] = [];
  let cursor = start;
  const close = (at: number, ending: SentenceEnd): void => {
    const span = trimmed(text, cursor, at);
    if (span) sentences.push({ start: span.start, end: span.end, ending, clauses: [] });
    cursor = at;
  };
  let t = terminatorFrom;
  while (t < terminators.ends.length && terminators.ends[t] <= start) t++;
  for (let i = first; i <= last; i++) {
    const lineEnd = lines[i].end;
    for (; t < terminators.ends.length && terminators.ends[t] <= Math.min(lineEnd, end); t++) {
      close(terminators.ends[t], terminators.kinds[t]);
    }
    if (i < last && hard.get(i) === true) close(lineEnd, endingAt(text, cursor, lineEnd) ?? "line");
  }
  if (cursor < end) close(end, endingAt(text, cursor, end) ?? "paragraph");
  let allCaps = true;
  let longestLine = 0;
  for (let i = first; i <= last; i++) {
    if (lines[i].blank) continue;
    allCaps &&= lines[i].caps;
    longestLine = Math.max(longestLine, lines[i].end - lines[i].start);
  }
  const furniture = lines[first].furniture;
  const heading = !furniture && (allCaps || (isHeadingLine(lines[last]) && longestLine <= HEADING_LINE_MAX && end - start <= HEADING_MAX));
  const tableCell = isTableCellText(text.slice(start, end));
  return { paragraph: { start, end, sentences, heading, furniture, tableCell }, nextTerminator: t };
}

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && isWhite(text.charCodeAt(start))) start++;
  while (end > start && isWhite(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

/** How the text before `end` ends, by its final punctuation, or null without one. */
function endingAt(text: string, start: number, end: number): SentenceEnd | null {
  const last = lastSignificant(text, start, end);
  const ch = text[last];
  if (ch === "?") return "question";
  if (ch === "!") return "exclamation";
  if (ch === "…" || (ch === "." && text[last - 1] === "." && text[last - 2] !== "/")) return "ellipsis";
  if (ch === ".") return "period";
  return null;
}

// ---------------------------------------------------------------- sentences

interface Terminators {
  /** Offset just after each sentence-ending punctuation cluster, ascending. */
  ends: number[];
  kinds: SentenceEnd[];
}

function findTerminators(text: string, folded: string): Terminators {
  const ends: number[] = [];
  const kinds: SentenceEnd[] = [];
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(text); m; m = TERMINATOR.exec(text)) {
    const mark = m[0];
    if (mark[0] === "." && (mark.length === 1 || !".?!…/".includes(mark[1])) && isAbbreviationDot(text, folded, m.index)) continue;
    ends.push(m.index + mark.length);
    kinds.push(
      mark.includes("?") ? "question" : mark.includes("!") ? "exclamation" : mark.includes("…") || mark.includes("..") ? "ellipsis" : "period",
    );
  }
  return { ends, kinds };
}

// ---------------------------------------------------------------- clauses

interface ClauseMarks {
  at: number[];
  length: number[];
  /** "(" opens, ")" closes, ";" separates, "item" starts a list item, "bullet" is a bullet. */
  kind: Array<"open" | "close" | "separator" | "item" | "bullet">;
}

function findClauseMarks(text: string): ClauseMarks {
  const marks: ClauseMarks = { at: [], length: [], kind: [] };
  CLAUSE_MARK.lastIndex = 0;
  for (let m = CLAUSE_MARK.exec(text); m; m = CLAUSE_MARK.exec(text)) {
    const ch = m[0];
    const item = ch === ")" ? listItemStart(text, m.index) : -1;
    marks.at.push(item >= 0 ? item : m.index);
    marks.length.push(item >= 0 ? m.index + 1 - item : 1);
    marks.kind.push(
      item >= 0 ? "item" : ch === "(" || ch === "[" ? "open" : ch === ")" || ch === "]" ? "close" : ch === ";" ? "separator" : "bullet",
    );
  }
  return marks;
}

/**
 * Where the list item ending in the ")" at `close` starts ("a)", "2)"
 * standing as a word after ":", ";" or ","), or -1 for a closing bracket.
 */
function listItemStart(text: string, close: number): number {
  if (!isWhite(text.charCodeAt(close + 1))) return -1;
  let start = close;
  while (start > 0 && close - start < 2 && !isWhite(text.charCodeAt(start - 1))) start--;
  if (start === 0 || !isWhite(text.charCodeAt(start - 1)) || !ITEM_LABEL.test(text.slice(start, close))) return -1;
  let before = start - 1;
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
  return before >= 0 && ":;,".includes(text[before]) ? start : -1;
}

/** Fills sentence.clauses; returns the index of the first clause mark after the sentence. */
function addClauses(text: string, folded: string, sentence: Sentence, marks: ClauseMarks, from: number): number {
  let k = from;
  while (k < marks.at.length && marks.at[k] < sentence.start) k++;
  let depth = 0;
  let cursor = sentence.start;
  // "Bán buôn, bán lẻ; sửa chữa ô tô, mô tô, xe máy – Số doanh nghiệp: 7.412 ...": a table cell's headers name one thing.
  const reading = text.slice(sentence.start, sentence.end);
  const headersEnd = isTableCellText(reading) ? sentence.start + reading.indexOf(":") : -1;
  const push = (end: number): void => {
    const span = trimmed(text, cursor, end);
    if (!span) return;
    span.start += markerLength(folded, span.start) || sectionNumberLength(folded, span.start);
    const clause = trimmed(text, span.start, span.end);
    if (clause) sentence.clauses.push(clause);
  };
  for (; k < marks.at.length && marks.at[k] < sentence.end; k++) {
    const kind = marks.kind[k];
    if (kind === "open") depth++;
    else if (kind === "close") depth = Math.max(0, depth - 1);
    else if (depth === 0 && marks.at[k] > headersEnd) {
      push(marks.at[k]);
      cursor = kind === "item" ? marks.at[k] : marks.at[k] + marks.length[k];
    }
  }
  push(sentence.end);
  if (sentence.clauses.length === 0) sentence.clauses.push({ start: sentence.start, end: sentence.end });
  return k;
}
