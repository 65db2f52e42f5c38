/**
 * The phrase that names what a figure measures: before the figure ("tỷ lệ lao
 * động qua đào tạo đạt 69,3%"), after it ("26.054 lao động được giải quyết việc
 * làm"), around it ("đưa 900 lao động đi làm việc ở nước ngoài"), or the one of
 * the figure before it ("3.453 hộ nghèo, chiếm tỷ lệ 1,20%").
 */
import { alternation, lexiconRows, WORD_END } from "../rulebook/index.js";
import { foldPhrase } from "../text/fold.js";
import type { Span } from "../text/types.js";

interface Trimmers {
  start: Set<string>;
  end: Set<string>;
  /** Terms that stay whole at either edge ("tổng sản phẩm", not "sản phẩm"; "thực hiện", not "thực"). */
  terms: Set<string>;
  cut: RegExp;
  longest: number;
}

let trimmers: Trimmers | undefined;

function loadTrimmers(): Trimmers {
  if (trimmers) return trimmers;
  const start = new Set<string>();
  const end = new Set<string>();
  let longest = 1;
  for (const row of lexiconRows("function-words")) {
    const surface = foldPhrase(row.surface);
    longest = Math.max(longest, surface.split(" ").length);
    if (row.position !== "end") start.add(surface);
    if (row.position !== "start") end.add(surface);
  }
  const terms = new Set<string>();
  for (const row of lexiconRows("indicator-terms")) {
    const surface = foldPhrase(row.surface);
    longest = Math.max(longest, surface.split(" ").length);
    terms.add(surface);
  }
  const cutWords = lexiconRows("indicator-cut-words").map((r) => r.surface);
  trimmers = { start, end, terms, longest, cut: new RegExp(`\\s(?:${alternation(cutWords)})${WORD_END}`, "u") };
  return trimmers;
}

let heads: Set<string> | undefined;

/** First words of organisation names (rules/lexicon/organisation-heads.tsv), folded, one word each. */
function organisationHeads(): Set<string> {
  heads ??= new Set(lexiconRows("organisation-heads").map((r) => foldPhrase(r.surface).split(" ")[0]));
  return heads;
}

interface SurfaceSet {
  surfaces: Set<string>;
  /** Words in the longest surface. */
  longest: number;
}

const surfaceSets = new Map<string, SurfaceSet>();

/** The folded surfaces of some lexicons, as one set. */
function surfaceSet(...lexicons: string[]): SurfaceSet {
  const key = lexicons.join("\0");
  let set = surfaceSets.get(key);
  if (!set) {
    const surfaces = new Set(lexicons.flatMap((name) => lexiconRows(name).map((r) => foldPhrase(r.surface))));
    set = { surfaces, longest: Math.max(...[...surfaces].map((s) => s.split(" ").length)) };
    surfaceSets.set(key, set);
  }
  return set;
}

/** How many of the first (folded) words are a surface of the lexicon ("thị xã" of place-levels), 0 if none. */
export function leadingSurfaceLength(lexicon: string, words: readonly string[]): number {
  const { surfaces, longest } = surfaceSet(lexicon);
  for (let n = Math.min(longest, words.length); n >= 1; n--) {
    if (surfaces.has(words.slice(0, n).join(" "))) return n;
  }
  return 0;
}

interface Word extends Span {
  text: string;
}

const WORD = /[\p{L}\p{N}%][\p{L}\p{N}%.,/-]*[\p{L}\p{N}%]|[\p{L}\p{N}%]/gu;

/** The words of `folded` from `start` to `end`, as matched in that piece alone. */
function wordsOfPiece(folded: string, start: number, end: number, out: Word[]): Word[] {
  // matchAll starts where the regex's lastIndex stands.
  WORD.lastIndex = 0;
  for (const m of folded.slice(start, end).matchAll(WORD)) {
    out.push({ start: start + m.index!, end: start + m.index! + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * The words within a span, as matched in the span alone. Found in the whole text (no copy of the span), which
 * gives the same words (WORD looks at nothing before it) except one running past the span's end: from there on
 * the span's piece is matched, as are spans starting inside a surrogate pair.
 */
function wordsIn(folded: string, span: Span): Word[] {
  const out: Word[] = [];
  if ((folded.charCodeAt(span.start) & 0xfc00) === 0xdc00) return wordsOfPiece(folded, span.start, span.end, out);
  WORD.lastIndex = span.start;
  for (let m = WORD.exec(folded); m && m.index < span.end; m = WORD.exec(folded)) {
    const end = m.index + m[0].length;
    if (end > span.end) return wordsOfPiece(folded, m.index, span.end, out);
    out.push({ start: m.index, end, text: m[0] });
  }
  return out;
}

export interface PhraseContext {
  /** The text as written, for capitals; `folded` for everything else. */
  text: string;
  folded: string;
  /** Spans that may be trimmed from a phrase's edges wherever they stand (periods, dates). */
  removable: Span[];
  /** A one-word unit noun ("xã", "phường", "hộ"). */
  isUnitWord: (folded: string) => boolean;
}

function insideAny(w: Span, spans: Span[]): boolean {
  return spans.some((s) => s.start <= w.start && w.end <= s.end);
}

/** "đến", "tới" a few words before a date or period, as a deadline or the end of a count is written. */
const UNTIL_BEFORE = /(?<![\p{L}])(?:đến|tới)(?:\s+[\p{L}\p{M}]+){0,5}\s*\(?\s*$/u;

/** Strips function words, periods and places from both edges; null if nothing is left. */
export function trimPhrase(ctx: PhraseContext, span: Span): Span | null {
  const t = loadTrimmers();
  const all = wordsIn(ctx.folded, span);
  // The words left are all[first, last).
  let first = 0;
  let last = all.length;
  /** heads[n], tails[n]: the first and the last n words left, joined by spaces. */
  const heads: string[] = [];
  const tails: string[] = [];
  let changed = true;
  while (changed && first < last) {
    changed = false;
    // "(1) Tốc độ tăng trưởng ...": an item's number opens no name.
    if (insideAny(all[first], ctx.removable) || /^\d{1,2}\)/.test(ctx.folded.slice(all[first].start, all[first].end + 1))) {
      first++;
      changed = true;
      continue;
    }
    if (insideAny(all[last - 1], ctx.removable)) {
      last--;
      changed = true;
      continue;
    }
    const longest = Math.min(t.longest, last - first);
    let opensTerm = false;
    let closesTerm = false;
    for (let n = 1; n <= longest; n++) {
      heads[n] = n === 1 ? all[first].text : `${heads[n - 1]} ${all[first + n - 1].text}`;
      tails[n] = n === 1 ? all[last - 1].text : `${all[last - n].text} ${tails[n - 1]}`;
      opensTerm ||= t.terms.has(heads[n]);
      closesTerm ||= t.terms.has(tails[n]);
    }
    for (let n = longest; n >= 1; n--) {
      if (!opensTerm && t.start.has(heads[n])) {
        first += n;
        changed = true;
        break;
      }
      if (!closesTerm && t.end.has(tails[n])) {
        last -= n;
        changed = true;
        break;
      }
    }
  }
  let words = all.slice(first, last);
  // "Bạc Liêu đón ...", "Thị xã Sa Pa đón ...": a name (two or more capitalised words, or a place's level and its
  // name) opening the phrase is its subject, not what is measured.
  const level = leadingSurfaceLength("place-levels", words.map((w) => w.text));
  let names = level;
  while (names < words.length && /^\p{Lu}/u.test(ctx.text.slice(words[names].start, words[names].end))) names++;
  const organisation = words.slice(0, names).some((w) => organisationHeads().has(w.text));
  if (names >= 2 && names > level && names < words.length && !organisation) words = words.slice(names);
  if (!words.length || surfaceSet("empty-phrases").surfaces.has(words.map((w) => w.text).join(" "))) return null;
  let result: Span = { start: words[0].start, end: words[words.length - 1].end };
  // "Tốc độ tăng trưởng kinh tế (GRDP)": keep the bracket the phrase opened.
  const inside = ctx.folded.slice(result.start, result.end);
  if (ctx.folded[result.end] === ")" && inside.split("(").length > inside.split(")").length) result.end++;
  // "bảo đảm đến ngày 30/6/2022 giải ngân", "đến hết niên độ ngân sách (31/01/2024) giải ngân": a deadline inside
  // the phrase bounds it; what is measured follows it.
  const deadline = ctx.removable.filter((r) => result.start < r.start && r.end < result.end && UNTIL_BEFORE.test(ctx.folded.slice(span.start, r.start))).at(-1);
  if (deadline) {
    const after = ctx.folded.slice(deadline.end, result.end).match(/^[\s)]*/u)![0].length;
    const rest = trimPhrase(ctx, { start: deadline.end + after, end: result.end });
    if (rest) return rest;
  }
  const cut = t.cut.exec(ctx.folded.slice(result.start, result.end));
  // "Tổng sản phẩm trên địa bàn tỉnh (GRDP) năm 2023 theo giá so sánh 2010": a name its acronym closes stays whole.
  const acronym = cut ? /\(\s*\p{Lu}[\p{Lu}\d]+\s*\)/u.exec(ctx.text.slice(result.start + cut.index, result.end)) : null;
  if (cut && acronym) return { start: result.start, end: result.start + cut.index + acronym.index + acronym[0].length };
  if (cut && wordsIn(ctx.folded, { start: result.start, end: result.start + cut.index }).length >= 2) {
    result = trimPhrase(ctx, { start: result.start, end: result.start + cut.index }) ?? result;
  }
  return result;
}

/**
 * Whether the phrase is made only of words that point at a plan ("chưa đạt chỉ tiêu Nghị quyết đề ra"): plan
 * nouns, plan cues, plan-reference words and function words.
 */
export function onlyPointsAtPlan(folded: string, span: Span): boolean {
  const { surfaces, longest } = surfaceSet("plan-nouns", "target-cues", "plan-reference-words", "function-words");
  const words = wordsIn(folded, span).map((w) => w.text);
  let at = 0;
  while (at < words.length) {
    let n = Math.min(longest, words.length - at);
    while (n > 0 && !surfaces.has(words.slice(at, at + n).join(" "))) n--;
    if (n === 0) return false;
    at += n;
  }
  return words.length > 0;
}

export function syllableCount(folded: string, span: Span): number {
  return wordsIn(folded, span).length;
}

// A dash before a capital ("Sở Lao động - Thương binh", "BDK.VN - Tỉnh") bounds a phrase; between lower-case
// words ("công nghiệp - xây dựng", "kinh tế - xã hội") it joins a compound, and between figures ("2021 - 2025") too.
// Not the colon of a code or a time, nor the comma of a number, between digits ("QCVN 02:2009/BYT", "10:30", "7,21").
const LEFT_BOUNDARY = /[(;"“”]|(?<!\p{N})[,:]|[,:](?!\p{N})|(?<!\p{N})\s-\s(?!\p{N})/gu;

let boundaryRegex: RegExp | undefined;

/** Punctuation, and the words of indicator-boundaries.tsv, that end a phrase before a figure. */
function leftBoundary(): RegExp {
  boundaryRegex ??= new RegExp(
    `${LEFT_BOUNDARY.source}|(?<![\\p{L}\\p{N}])(?:${alternation(lexiconRows("indicator-boundaries").map((r) => r.surface))})${WORD_END}`,
    "gu",
  );
  return boundaryRegex;
}

let elidedWords: Set<string> | undefined;

/** "nông, lâm nghiệp": a comma at `comma` between two first syllables of compounds sharing their second. */
function joinsElidedCompound(folded: string, comma: number): boolean {
  elidedWords ??= new Set(lexiconRows("elided-compound-words").map((r) => foldPhrase(r.surface)));
  const before = /(\p{L}+)\s*$/u.exec(folded.slice(Math.max(0, comma - 12), comma));
  const after = /^\s*(\p{L}+)/u.exec(folded.slice(comma + 1, comma + 14));
  return before !== null && after !== null && elidedWords.has(before[1]) && elidedWords.has(after[1]);
}

/** Whether `at` stands on or after a "(" and before the ")" that closes it, both in `piece`. */
function insideClosedBracket(piece: string, at: number): boolean {
  const open = piece.lastIndexOf("(", at);
  return open >= 0 && piece.lastIndexOf(")", at) < open && piece.indexOf(")", at) >= 0;
}

/** The last boundary in [from, to), as [start, end), or an empty span at `from`. */
export function lastBoundary(ctx: Pick<PhraseContext, "text" | "folded">, from: number, to: number): Span {
  let found: Span = { start: from, end: from };
  const piece = ctx.folded.slice(from, to);
  const regex = leftBoundary();
  regex.lastIndex = 0;
  for (const m of piece.matchAll(regex)) {
    // "Tốc độ tăng trưởng kinh tế (GRDP) ...": a closed bracket is part of the phrase, and so is what it holds
    // ("tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010) 9 tháng năm 2016 ước tăng 7,12%").
    if (insideClosedBracket(piece, m.index!)) continue;
    const after = from + m.index! + m[0].length;
    if (m[0].trim() === "-" && /\p{Ll}/u.test(ctx.text[after] ?? "")) continue;
    if (m[0] === "," && joinsElidedCompound(ctx.folded, from + m.index!)) continue;
    found = { start: from + m.index!, end: from + m.index! + m[0].length };
  }
  return found;
}

// "tăng 20-30% từ sau dịch Covid-19": "từ" before a time says since when, not what is counted
// (but "bố trí 90 tỷ đồng từ ngân sách tỉnh" says where the money comes from).
// "15 khu công nghiệp đã đi vào hoạt động": "vào" after "đi", "đưa" goes on with the phrase.
// A dot or comma between digits ("trên 10.000 dân") is part of a number, not a stop.
// "bằng 95%" compares, while "mặt bằng", "đồng bằng", "văn bằng" are nouns.
// "tăng 2,87% do học phí tăng": "do" opens a cause (or who did it), but "tự do", "lý do" are nouns; "nhờ" opens a cause.
const RIGHT_STOP = /[;:()"“”]|[,.](?!\p{N})|(?<!\s(?:đi|đưa))\svào(?![\p{L}])|(?<!\s(?:mặt|đồng|văn|công))\sbằng(?![\p{L}])|(?<!\s(?:tự|lý))\sdo(?![\p{L}])|\snhờ(?![\p{L}])|\s(?:so\s+với|so|chiếm|tăng|giảm|trong\s+năm|trong\s+đó|(?:bao\s+)?gồm|và|đối\s+với|với|nhằm|để|từ\s+(?:sau|khi|trước|đầu|cuối|ngày|tháng|năm|quý)|năm\s+\d)(?![\p{L}])/u;

/** A short name in quotes, opening the text: "“Mái ấm Công đoàn”". */
const QUOTED_NAME = /^["“][^"“”\n;:.]{2,60}["”]/u;

/**
 * The noun phrase after a figure ("3.453 hộ nghèo" → "hộ nghèo"), starting at
 * `from` and stopping at punctuation, a verb of comparison, or `limit`.
 */
export function rightPhrase(ctx: PhraseContext, from: number, limit: number, limitIsFigure: boolean, maxWords = 20): Span | null {
  // "mục tiêu đến năm 2020 là 42% theo Nghị quyết Đại hội": what a figure is according to names no indicator.
  if (/^\s*theo(?![\p{L}])/u.test(ctx.folded.slice(from, limit))) return null;
  const kept: Word[] = [];
  let at = from;
  while (at < limit && kept.length < maxWords) {
    const tail = ctx.folded.slice(at, limit);
    const stop = RIGHT_STOP.exec(tail);
    const end = at + (stop ? stop.index : tail.length);
    for (const w of wordsIn(ctx.folded, { start: at, end })) {
      if (insideAny(w, ctx.removable) || kept.length >= maxWords) return finish(ctx, kept);
      kept.push(w);
    }
    // "356 nhà “Nghĩa tình đồng đội”", "200 "Mái ấm tình thương"": a name in quotes right after the noun, or as the
    // noun, is part of what is counted.
    const quoted = stop && /["“]/u.test(stop[0]) ? QUOTED_NAME.exec(ctx.folded.slice(end, limit)) : null;
    if (quoted) {
      const head = kept.length ? finish(ctx, kept) : null;
      return { start: head?.start ?? end, end: end + quoted[0].length };
    }
    // "100% xã, phường làm tốt công tác ...": a unit noun before a comma and after it opens a list,
    // unless what follows the comma leads to the next figure ("đàn heo 210.000 con, đàn bò 12.500 con").
    const after = ctx.folded.slice(end + 1, limit);
    const leadsToFigure = limitIsFigure && !RIGHT_STOP.test(after);
    if (!stop || stop[0] !== "," || kept.length > 2 || kept.length === 0 || leadsToFigure || !opensWithUnitWord(ctx, after)) break;
    at = end + 1;
  }
  return finish(ctx, kept);
}

/** Whether the text opens with a unit noun of one or two words ("phường, ...", "thị trấn."). */
function opensWithUnitWord(ctx: PhraseContext, text: string): boolean {
  const words = /^\s*(\p{L}+)(?:\s+(\p{L}+))?/u.exec(text);
  return words !== null && (ctx.isUnitWord(words[1]) || (words[2] !== undefined && ctx.isUnitWord(`${words[1]} ${words[2]}`)));
}

function finish(ctx: PhraseContext, kept: Word[]): Span | null {
  if (!kept.length) return null;
  return trimPhrase(ctx, { start: kept[0].start, end: kept[kept.length - 1].end });
}
