/**
 * The rule engine: from a prepared text to mentions. Non-figures are masked,
 * figures found, and each figure takes its kind from the first role rule that
 * matches it in its clause; scope (plan cues, report markers, periods named
 * earlier in the clause, sentence, paragraph or document) decides the rest.
 */
import { foldVietnamese } from "../text/fold.js";
import type { Paragraph, Sentence, Span, TextDocument } from "../text/types.js";
import { sectionNumberLength } from "../text/index.js";
import type { Mention, MentionKind } from "./types.js";
import {
  loadExtractionRules,
  matchRole,
  OTHER_FIRST,
  OTHER_REST,
  SUBJECT_FIRST,
  SUBJECT_REST,
  type CompiledRole,
  type ExtractionRules,
} from "./rules.js";
import { findQuantities, isUnitWord, unitRole, type Quantity } from "./quantities.js";
import { cueMatchers, findMoodEvents, type MoodEvent } from "./cues.js";
import { lastBoundary, leadingSurfaceLength, onlyPointsAtPlan, rightPhrase, syllableCount, trimPhrase, type PhraseContext } from "./indicator.js";
import { CANONICAL_PERIOD, findPeriods, isPeriodOver, parseDocumentDate, resolvePeriod, type PeriodMention } from "./periods.js";
import { findDates, type DateMention } from "./dates.js";
import { inVietnameseNotation } from "./numbers.js";
import { z } from "zod";
import { alternation, lexiconSurfaces, loadLexicon, WORD_END, WORD_START } from "../rulebook/index.js";
import { scanAll } from "../rulebook/scan.js";
import { BULLET_ITEM, FIRST_LIST_ITEM, LIST_ITEM_MARKER } from "../text/list-marker.js";
import { columnRole, rowLabelLength, TABLE_HEADER_SEPARATOR, TABLE_ROW_OPEN } from "../text/table-row.js";

export interface DocumentContext {
  /** Path or URL of the document, copied to every mention. */
  doc: string;
  /** ISO date the document was published, when known: resolves "năm nay", "cùng kỳ"... */
  documentDate?: string | null;
  /**
   * Spans of the text that stand beside the article, as photo captions do ("Tàu nhận hàng tại khu bến Hòn La,
   * tháng 8/2025."): their figures count, but a period they name is not what the paragraphs after them speak of.
   */
  asides?: readonly Span[];
}

type Mood = "target" | "actual";

/** The mood and period a heading or a list's introduction gives what follows it. */
interface Governing {
  mood: Mood;
  period: string | null;
}

/** The longest line that may group the items of a list (UTF-16 units). */
const GROUP_LABEL_MAX = 80;

/** "so với ...", "so sánh với ..." (not "giá so sánh 2010", a price base), or a comparative, up to a period. */
const comparisonOpener = (opener: string) => new RegExp(`(?<![\\p{L}])(?:${opener})[^,;:.!?()\\n]{0,60}$`, "iu");
const SO_VOI = "(?<!giá\\s+)so\\s+(?:sánh\\s+)?(?:với\\s+)?";
const COMPARISON_OPENER = comparisonOpener(SO_VOI);
// "bằng tổng số ca tử vong của cả năm 2025": what a figure equals is a basis too.
const COMPARISON_OPENER_OR_COMPARATIVE = comparisonOpener(`${SO_VOI}|(?:cao|thấp|lớn|nhỏ|nhiều|ít|nhanh|chậm)\\s+hơn\\s+|bằng\\s+`);
/** A line numbered in Arabic numerals ("3. Các chỉ tiêu chủ yếu ..."), not a part in Roman ones (PART_NUMERAL). */
const NUMBERED_HEADING = /^\s*\d{1,2}[.)]\s+\p{Lu}/u;

/** "Theo Quyết định số 1620 ...,", "Theo Phòng Giáo dục và Đào tạo huyện, ...": a clause saying on whose word or authority. */
const ATTRIBUTION = /^\s*(?:theo|căn\s+cứ)(?![\p{L}])/u;

/** "I. Tán thành ... đánh giá kết quả thực hiện ...": a part of a notice, opened by a Roman numeral, however long its first paragraph. */
const PART_NUMERAL = /^\s*[IVX]{1,5}[.)]\s/;
/** What follows a plan cue that labels its figure, and the label's word: "Giường bệnh kế hoạch: 900 giường", "được giao là 98,6 tỷ đồng". */
const LABELLED_FIGURE = /^[^\S\n]*(:|là)[^\S\n]*\d/u;
/** Units that count people at large, not people of a kind ("người", "lượt người"). */
const GENERIC_PERSONS = /^(?:lượt\s+)?người$/u;
/** The end of "... của (các) <a short noun>" before a comma that lists whose a figure is. */
const OWNER_BEFORE_COMMA = /(?<![\p{L}])của\s+(?:các\s+|những\s+)?\p{L}+(?:\s+\p{L}+){0,2}\s*$/u;
/** "có", "còn", "gồm" after adverbs of time ("hiện đã có", "chỉ còn"), and words of degree ("có tới"); a qualifier is the figure's own. */
const POSSESSION_BEFORE_COUNT = /^\s*(?:(?:hiện|nay|đã|vẫn|chỉ|mới|đang|cũng|sẽ)\s+){0,3}(?:có|còn|gồm)(?:\s+(?:lại|tới|đến|thêm|chừng))*\s*$/u;
/** "có" or "gồm" right before a count, after a label's colon ("Chất lượng tân binh ...: có"); not "còn", what is left of the label's measure. */
const POSSESSION_AFTER_LABEL = /:\s*(?:(?:hiện|nay|đã|vẫn|chỉ)\s+){0,2}(?:có|gồm)(?:\s+(?:tới|đến|thêm))?\s*$/u;

/** An item of a list, its group's label before it or not ("Về kinh tế: (1) Tốc độ tăng trưởng ..."), or a group alone ("Về xã hội: ..."). */
const LIST_ITEM = new RegExp(`^\\s*(?:[Vv]ề\\s[^:.;]{1,40}:\\s|(?:[Vv]ề\\s[^:.;]{1,40}:\\s*)?${LIST_ITEM_MARKER.source})`, "u");

/** A count of the items a plan has ("với 20 chỉ tiêu chủ yếu", "25 mục tiêu cụ thể"), not of those met ("có 20 chỉ tiêu đạt và vượt"). */
const ANNOUNCED_ITEMS = /(?<![\p{L}\p{N}])\d{1,3}\s+(?:nhóm\s+)?(?:chỉ\s+tiêu|mục\s+tiêu)(?![\p{L}])(?![^.;]*(?<![\p{L}])(?:đạt|vượt|hoàn\s+thành)(?![\p{L}]))/u;

interface PeriodScope {
  clausePeriods: PeriodRef[];
  sentencePeriods: PeriodRef[];
  /** The terms of programmes the figure's sentence names. */
  sentenceProgrammes: PeriodRef[];
  paragraphPeriods: PeriodRef[];
  governingPeriod: string | null;
  /** The figure's sentence is an item of a list ("3. Tổng vốn đầu tư ..."): the items before it do not lend it their periods. */
  listItem: boolean;
  sentenceStart: number;
  sentenceEnd: number;
}

/** A figure's period, and whether the text states it near the figure (not carried from afar). */
interface AssignedPeriod {
  value: string;
  explicit: boolean;
  /** Neither named nor carried: the document's own year, or the year it speaks of most. */
  undated?: boolean;
}

interface PeriodRef extends Span {
  mention: PeriodMention;
  /** Compared against ("so với năm 2021") or naming a standard ("chuẩn nghèo giai đoạn 2016-2020"). */
  excluded: boolean;
  /** Naming the term of a programme ("Đề án phát triển cà phê bền vững đến năm 2030"). */
  programme: boolean;
  relative: boolean;
  /** "đầu quý II/2013": the start of a quarter or month, a point in its year. */
  startPoint: boolean;
  /** "Riêng tháng 7, ...": a part singled out, not what the report goes on about. */
  narrowing: boolean;
}

/** Qualifiers that make a figure a bound ("trên 50%", "dưới 3%", "từ 100 tỷ đồng trở lên"), not an estimate. */
const BOUNDS = new Set([">", ">=", "<", "<="]);

/** The phrase naming what a figure measures, and how it was found. */
interface IndicatorChoice {
  indicator: Span | null;
  tail: Span | null;
  strategy: "left" | "right" | "inherit" | "none";
  /** The figure the indicator is inherited from. */
  from?: Decided;
}

interface Decided {
  quantity: Quantity;
  rule: CompiledRole;
  kind: MentionKind;
  indicator: Span | null;
  /** Second part of an indicator split by its figure ("đưa [900] lao động đi làm việc"), or what a sum is of ("tiền" of "chi trả"). */
  indicatorTail: Span | null;
  basis: Span | null;
  cueStart: number;
  period: string;
  estimated: boolean;
  perYear: boolean;
  confidence: number;
}

const MASK = "\uE004";

function fill(mask: Uint8Array, s: Span): void {
  mask.fill(1, Math.max(0, s.start), Math.min(mask.length, s.end));
}

function applyMask(folded: string, mask: Uint8Array): string {
  let out = "";
  let runStart = 0;
  for (let i = 0; i <= folded.length; i++) {
    const masked = i < folded.length && mask[i] === 1;
    const prevMasked = i > 0 && mask[i - 1] === 1;
    if (i === folded.length || masked !== prevMasked) {
      const piece = folded.slice(runStart, i);
      out += prevMasked ? MASK.repeat(piece.length) : piece;
      runStart = i;
    }
  }
  return out;
}

function within(s: Span, outer: Span): boolean {
  return outer.start <= s.start && s.end <= outer.end;
}

/** The items of a list sorted by start that lie within `outer`, found by binary search. */
function spansWithin<T extends Span>(sorted: readonly T[], outer: Span): T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].start < outer.start) low = mid + 1;
    else high = mid;
  }
  const out: T[] = [];
  for (let i = low; i < sorted.length && sorted[i].start < outer.end; i++) if (sorted[i].end <= outer.end) out.push(sorted[i]);
  return out;
}

interface PeriodCues {
  basis: RegExp;
  standard: RegExp;
  programme: RegExp;
  comparative: RegExp;
  point: RegExp;
  narrowing: RegExp;
  event: RegExp;
  apposition: RegExp;
  cause: RegExp;
  origin: RegExp;
  destination: RegExp;
  quotedName: RegExp;
  citation: RegExp;
  citedName: RegExp;
  implementedPlan: RegExp;
  election: RegExp;
}

let periodCueRegexes: PeriodCues | undefined;

const TABLE_ROW_OPEN_FOLDED = foldVietnamese(TABLE_ROW_OPEN);

/** The rest of a name running up to the period: words and figures, no punctuation that would end it. */
const NAME_UP_TO_HERE = "[^,;:()\\n]*$";

function periodCues(): PeriodCues {
  // A cue, then at most a few words with no punctuation, then the period.
  const tail = "(?:\\s+[^\\s,;:()]+){0,8}?\\s*$";
  periodCueRegexes ??= {
    // "gấp 2,3 lần cùng kỳ", "từ ngày 15/12/2025 đến 14/3/2026": a figure and its unit, or a date, may stand
    // between the cue and the period; words may not ("thu từ du lịch năm 2025" is the year of the revenue), nor a
    // comma ("triển khai từ ngày 3/3/2025, đến nay đã tiêm ...").
    // After "so với", a few words may name the earlier event too ("tăng gần 20% so với kỳ Festival năm 2017", "So với
    // cùng kỳ Tết Nhâm Dần năm 2022, ...", "So với 9 ngày nghỉ Tết Ất Tỵ 2025, ...", "So với kỳ nghỉ lễ 2/9 năm 2022"), but not a plan.
    basis: new RegExp(
      `${WORD_START}(?:(?:${alternation(lexiconSurfaces("period-basis-cues"))})(?:\\s+(?:ngày\\s+|tháng\\s+)?\\d(?:[^\\s;:()]*[^\\s,;:()])?(?:\\s+[^\\s;:()]*[^\\s,;:()])?)?` +
        `|so\\s+với(?!\\s+(?:${alternation(lexiconSurfaces("plan-nouns"))})${WORD_END})(?:\\s+\\d{1,2})?(?:\\s+(?:[^\\s\\d,;:()]+|\\d{1,2}\\/\\d{1,2})){1,5})\\s*$`,
      "u",
    ),
    standard: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-standard-cues"))})${WORD_END}${tail}`, "u"),
    programme: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-standard-cues", "names", "programme"))})${WORD_END}${tail}`, "u"),
    // "Đề án “Đầu tư xây dựng ít nhất 1 triệu căn hộ ..., công nhân khu công nghiệp giai đoạn 2021-2030”": inside
    // the quotes that name a programme or a standard, however long.
    quotedName: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-standard-cues"))})\\s*["“][^"”\\n]*$`, "u"),
    // "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của UBND tỉnh về ... năm 2026, Sở ... báo cáo kết quả quý I":
    // in a document cited by its number, up to the first comma.
    citation: new RegExp(
      `${WORD_START}(?:${alternation(lexiconSurfaces("citation-openers"))})\\s+(?:${alternation(lexiconSurfaces("cited-documents"))})${WORD_END}${NAME_UP_TO_HERE}`,
      "u",
    ),
    // "Thực hiện Kế hoạch rà soát năm 2024, các sở, ngành đã rà soát 42 TTHC": the year ending the name of a plan
    // carried out, before a comma.
    implementedPlan: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("implemented-plans"))})${WORD_END}${NAME_UP_TO_HERE}`, "u"),
    citedName: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("cited-documents"))})${WORD_END}${NAME_UP_TO_HERE}`, "u"),
    comparative: new RegExp(`^\\s*(?:${alternation(lexiconSurfaces("period-comparatives"))})${WORD_END}`, "u"),
    // Not the "do" of "tự do" (free), nor of "lý do" (reason), nor one naming who did it ("do địa phương quản lý").
    cause: new RegExp(
      `${WORD_START}(?<!(?:tự|lý)\\s)(?:${alternation(lexiconSurfaces("period-cause-cues"))})${WORD_END}` +
        `(?!(?:\\s+[^\\s,;:()]+){0,4}?\\s+(?:${alternation(lexiconSurfaces("agent-verbs"))})${WORD_END})(?:\\s+[^\\s,;:()]+){0,10}?\\s*$`,
      "u",
    ),
    // "Hồ ..., được xây dựng từ năm 1978": no figure in the clause before the cue, so it is a named thing's origin.
    origin: new RegExp(`(?:^|,)[^\\d,]*${WORD_START}(?:${alternation(lexiconSurfaces("period-origin-cues"))})(?:\\s+(?:từ|vào|trong|đầu|cuối|năm))*\\s*$`, "u"),
    point: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-point-words"))})\\s*$`, "u"),
    destination: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-destination-cues"))})\\s*$`, "u"),
    narrowing: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("narrowing-words"))})\\s*$`, "u"),
    event: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("event-nouns"))})${WORD_END}${tail}`, "u"),
    // A plan's name runs long ("năm cuối thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2016-2020").
    apposition: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-apposition-cues"))})${WORD_END}(?:\\s+[^\\s,;:()]+){0,16}?\\s*$`, "u"),
    // The words of an election earlier in the sentence ("bầu cử đại biểu ... các cấp" before "nhiệm kỳ 2021-2026").
    election: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("period-election-cues"))})${WORD_END}[^.;:\\n]*$`, "u"),
  };
  return periodCueRegexes;
}

/** "Đến nay": up to the time of writing (period.up-to-now). */
function isUpToNow(p: PeriodRef): boolean {
  const v = p.mention.value;
  return v.grain === "ytd" && v.untilNow === true;
}

/** Periods named from the time of writing ("năm trước", "cùng kỳ", "mấy năm nay"): they speak for their own clause only. */
function isRelative(mention: PeriodMention): boolean {
  const v = mention.value;
  return v.grain === "same-period" || v.grain === "vague" || ("yearOffset" in v && v.yearOffset !== undefined) || ("justPast" in v && v.justPast === true) || ("offset" in v && v.offset !== undefined);
}

function classifyPeriods(folded: string, mentions: PeriodMention[]): PeriodRef[] {
  const cues = periodCues();
  return [...mentions].sort((a, b) => a.start - b.start).map((mention) => {
    const before = folded.slice(Math.max(0, mention.start - 80), mention.start);
    // In a table cell's reading ("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều – Năm 2025 – Kế hoạch: 2,5 % (dòng: ...)"),
    // a period in a column's header is the column's, whatever the row's label says before it.
    const lineEnd = folded.indexOf("\n", mention.end);
    const inTableCell = folded.slice(mention.end, lineEnd < 0 ? undefined : lineEnd).includes(TABLE_ROW_OPEN_FOLDED);
    const clauseBefore = before.slice(Math.max(before.lastIndexOf(";"), before.lastIndexOf("."), before.lastIndexOf("\n"), inTableCell ? before.lastIndexOf(" - ") : -1) + 1);
    const after = folded.slice(mention.end, mention.end + 20);
    const farBefore = folded.slice(Math.max(0, mention.start - 300), mention.start);
    const quotedName = cues.quotedName.test(farBefore);
    return {
      start: mention.start,
      end: mention.end,
      mention,
      relative: isRelative(mention),
      startPoint: (mention.value.grain === "quarter" || mention.value.grain === "month") && cues.point.test(before),
      narrowing: mention.narrows === "always" || cues.narrowing.test(before) || cues.event.test(clauseBefore),
      // "giảm từ 12,5% năm 2015 xuống 4,2%": the start of a move is a figure with its own year, not a basis.
      excluded:
        (cues.basis.test(clauseBefore) && !startsMove(after)) ||
        cues.standard.test(clauseBefore) ||
        cues.apposition.test(clauseBefore) ||
        cues.comparative.test(after) ||
        cues.cause.test(clauseBefore) ||
        (cues.origin.test(clauseBefore) && !/^\s*với(?!\p{L})/u.test(after)) ||
        cues.destination.test(before) ||
        cues.citation.test(farBefore) ||
        (mention.value.grain === "year" && /^\s*,/u.test(after) && cues.implementedPlan.test(clauseBefore)) ||
        (/^nhiệm\s+kỳ(?![\p{L}])/u.test(folded.slice(mention.start, mention.end)) && cues.election.test(farBefore)) ||
        quotedName,
      programme: cues.programme.test(clauseBefore) || quotedName,
    };
  });
}

/** Text after a period that goes on to where a move ends ("xuống", "lên", "giảm xuống"). */
function startsMove(after: string): boolean {
  return headRegex("move-targets").test(after.replace(/^[\s,]+/u, ""));
}

const lexiconRegexes = new Map<string, RegExp>();

/** `before`, a word of the lexicon, `after`: compiled once for each lexicon and context. */
function lexiconRegex(lexicon: string, before: string, after: string): RegExp {
  const key = `${lexicon}\0${before}\0${after}`;
  let regex = lexiconRegexes.get(key);
  if (!regex) {
    regex = new RegExp(`${before}(?:${alternation(lexiconSurfaces(lexicon))})${after}`, "u");
    lexiconRegexes.set(key, regex);
  }
  return regex;
}

let lastRespectivelyRegex: RegExp | undefined;

/** A word of respectively-words.tsv that no other one follows in its clause. */
function lastRespectivelyWord(): RegExp {
  if (lastRespectivelyRegex) return lastRespectivelyRegex;
  const words = alternation(lexiconSurfaces("respectively-words"));
  lastRespectivelyRegex = new RegExp(`${WORD_START}(?:${words})${WORD_END}(?![^;]*?${WORD_START}(?:${words})${WORD_END})`, "u");
  return lastRespectivelyRegex;
}

let presentStockRegex: RegExp | undefined;

/**
 * A word of present-stock-words.tsv, not the end of a term of indicator-terms.tsv ("hiện" of "thực hiện", "hiện có"
 * of "thực hiện có hiệu quả") nor the start of a word of present-stock-compounds.tsv ("hiện đại hóa").
 */
function presentStock(): RegExp {
  if (presentStockRegex) return presentStockRegex;
  const words = lexiconSurfaces("present-stock-words");
  const firsts = new Set(words.map((w) => foldVietnamese(w.normalize("NFC")).split(" ")[0]));
  const termHeads = lexiconSurfaces("indicator-terms").map((t) => foldVietnamese(t.normalize("NFC")).split(" ")).filter((w) => w.length === 2 && firsts.has(w[1])).map((w) => w[0]);
  const notInTerm = termHeads.length ? `(?<!(?:${alternation(termHeads)})\\s)` : "";
  const compounds = `(?!(?:${alternation(lexiconSurfaces("present-stock-compounds"))})${WORD_END})`;
  presentStockRegex = new RegExp(`${WORD_START}${notInTerm}${compounds}(?:${alternation(words)})${WORD_END}`, "u");
  return presentStockRegex;
}

/** A figure's qualifiers (rules/lexicon/qualifiers.tsv) and the verbs that give it ("với hơn 4,39 tỷ USD"). */
let qualifierWords: RegExp | undefined;

let noteMoods: Map<string, Mood> | undefined;

/** rules/lexicon/period-notes.tsv: the mood a note in brackets after a period gives its figures, by its folded, single-spaced surface. */
function periodNoteMoods(): Map<string, Mood> {
  noteMoods ??= new Map(
    loadLexicon("period-notes", z.object({ surface: z.string(), mood: z.enum(["actual", "target"]) })).map((r) => [foldVietnamese(r.surface.normalize("NFC")).replace(/\s+/g, " "), r.mood]),
  );
  return noteMoods;
}

let aspects: Map<string, "quantity" | "value"> | undefined;

/** rules/lexicon/measure-aspects.tsv: what of a thing a word names alone, by its folded surface. */
function measureAspects(): Map<string, "quantity" | "value"> {
  aspects ??= new Map(loadLexicon("measure-aspects", z.object({ surface: z.string(), aspect: z.enum(["quantity", "value"]) })).map((r) => [foldVietnamese(r.surface.normalize("NFC")), r.aspect]));
  return aspects;
}

/** Words of the lexicon, then only capitalised words (at least one when `nameRequired`): "huyện Tân Phú", "bản Sín Suối Hồ". */
function isTitledWords(words: readonly string[], lexicon: string, nameRequired: boolean): boolean {
  const title = leadingSurfaceLength(lexicon, words.map((w) => foldVietnamese(w)));
  const name = words.slice(title);
  return title > 0 && (name.length > 0 || !nameRequired) && name.every((w) => /^\p{Lu}/u.test(w));
}

/** A word of one syllable, as Vietnamese words are: one run of vowels ("Nhóm", "Mỹ"; not "Indonesia"). */
function isOneSyllable(word: string): boolean {
  const bare = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return /^[^aeiouy]*[aeiouy]+[^aeiouy]*$/u.test(bare);
}

/** Matches a phrase that begins with a word of the lexicon. */
function headRegex(lexicon: string): RegExp {
  return lexiconRegex(lexicon, "^", WORD_END);
}

function yearOf(period: string): number | null {
  const m = /^(\d{4})/.exec(period);
  return m ? Number(m[1]) : null;
}

/**
 * "Tỷ lệ hộ nghèo giảm từ 27,6% xuống còn 9,8%" in a review of 2021-2025: the first or the last year of a span of
 * years, where a move over it started or ended; null for any other period (a school or crop year "2024/2025" is one).
 */
function yearOfSpan(period: string, which: "first" | "last"): string | null {
  const span = /^(\d{4})\/(\d{4})$/.exec(period);
  if (!span || Number(span[2]) - Number(span[1]) < 2) return null;
  return which === "first" ? span[1] : span[2];
}

/** What says a day is the end of a count ("tính đến 17h ngày", "đến hết ngày", "đến"). */
const UP_TO_DAY = /(?<![\p{L}])(?:đến|tới)(?:\s+(?:hết|trước))?(?:\s+(?:\d{1,2}\s*(?:h|giờ)\s*\d{0,2}|sáng|chiều|tối|trưa|đêm|ngày|buổi\s+\p{L}+))*\s*$/u;

/** A clause about a part of the figure before it ("; trong đó có 380 ha ..."). */
const PART_OF_BEFORE = /^\s*trong\s+đó(?![\p{L}])/u;

/** The last year a period names ("2026/2030" → 2030), 0 for none. */
function lastYearOf(period: string): number {
  return Number(/(\d{4})(?!.*\d{4})/.exec(period)?.[1] ?? 0);
}

/**
 * The folded text with the line breaks inside sentences as spaces ("tăng 31,3% so\nvới cùng kỳ", "(kịch\nbản đề ra
 * tăng 5,5%)", as text copied from a PDF wraps them): a line break left is one between sentences or lines.
 */
function withinSentenceBreaksAsSpaces(document: TextDocument): string {
  const { folded } = document;
  const breaks: number[] = [];
  for (const paragraph of document.paragraphs) {
    for (const sentence of paragraph.sentences) {
      for (let i = folded.indexOf("\n", sentence.start); i >= 0 && i < sentence.end; i = folded.indexOf("\n", i + 1)) breaks.push(i);
    }
  }
  if (!breaks.length) return folded;
  const chars = folded.split("");
  for (const i of breaks) chars[i] = " ";
  return chars.join("");
}

/** Brackets opened and closed within a line, each as the span from "(" to after ")". */
function bracketPairs(text: string): Span[] {
  const pairs: Span[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") open.push(i);
    else if (c === ")" && open.length) pairs.push({ start: open.pop()!, end: i + 1 });
    else if (c === "\n") open.length = 0;
  }
  return pairs;
}

let tableTitleOpenerRegex: RegExp | undefined;

/** A table's title up to the measure it names: its number, if any ("Bảng 2."), then words of table-title-openers.tsv ("Kết quả"). */
function tableTitleOpener(): RegExp {
  tableTitleOpenerRegex ??= new RegExp(
    `^\\s*(?:(?:${alternation(lexiconSurfaces("table-title-words"))})\\s+(?:số\\s+)?[\\divx]+[.:]?\\s*)?(?:${alternation(lexiconSurfaces("table-title-openers"))})\\s+`,
    "u",
  );
  return tableTitleOpenerRegex;
}

/** A school or crop year as a canonical period: two years in a row ("2019/2020"). */
function isSchoolYear(period: string | null): boolean {
  const years = period ? /^(\d{4})\/(\d{4})$/.exec(period) : null;
  return years !== null && Number(years[2]) === Number(years[1]) + 1;
}

/** A period that is a part of its year ("2024-H1", "2024-Q3", "2024-M06", "2024-9M", "2024-YTD"), and the year. */
const PART_OF_YEAR = /^(\d{4})-(?:H\d|Q\d|M\d\d|\d{1,2}M|YTD)$/;
/** A year standing alone in a title's line, not part of a number, a date or a code ("Năm An toàn giao thông 2020"). */
const TITLE_BARE_YEAR = /(?<![\p{L}\p{N}.,/-])((?:19|20)\d{2})(?![\p{L}\p{N}.,/-])/u;
/** An official report's title comes after at most this many lines of issuer, number, motto and date. */
const TITLE_LINES_MAX = 12;
/** A paragraph this long is the body, not the title's lines. */
const BODY_PARAGRAPH_LENGTH = 200;
/** How many comma-separated pieces a rate's list may hold before its figure. */
const RATE_LIST_PIECES = 3;
/** Short pieces ("thép, gang") a phrase before a figure may take in, comma by comma. */
const SHORT_LIST_PIECES = 4;

/** A rate's head with the first item of its list ("tỷ lệ thu gom", "tỷ lệ hộ dân được"), not a clause. */
const RATE_HEAD_PIECE_SYLLABLES = 5;

/** How many comma-separated activities a list before a figure may hold ("tư vấn, giới thiệu việc làm cho ..."). */
const ACTIVITY_LIST_PIECES = 5;
/** A piece of such a list without a verb of its own ("pháp luật lao động"), not a clause. */
const ACTIVITY_LIST_VERBLESS_SYLLABLES = 4;

/** A verb naming a countable activity, anywhere in a text. */
function activityVerb(): RegExp {
  return lexiconRegex("activity-verbs", WORD_START, WORD_END);
}

/** A verb of change ending a phrase ("thu nhập bình quân tăng"). */
function trailingChangeVerb(): RegExp {
  return lexiconRegex("change-verbs", WORD_START, "\\s*$");
}

/**
 * "Năm 2024, toàn tỉnh đã giải quyết việc làm ...; nâng tỷ lệ lao động qua đào tạo lên 68,5%": a verb of a planned
 * move, in a report under way (the mood carried in, or set earlier in the sentence, is actual), says what was reached.
 * "Kế hoạch năm 2025: khởi công 5 dự án; hoàn thành 7.200 căn": a bare verb of completion in a later item of a plan's
 * list (past a colon or a semicolon since the plan's cue, or since the sentence opened in a plan carried in) is a
 * task; in the cue's own clause ("kế hoạch 100 căn, hoàn thành 98 căn") it reports.
 */
function withoutWeakMoodEvents<T extends MoodEvent>(events: T[], carried: Mood | null, folded: string, sentenceStart: number): T[] {
  let mood = carried;
  let moodFrom = sentenceStart;
  return events.filter((e) => {
    if (e.weak && e.mood === "target" && mood === "actual") return false;
    if (e.weak && e.mood === "actual" && mood === "target" && /[:;]/.test(folded.slice(moodFrom, e.position))) return false;
    if (e.mood !== mood) moodFrom = e.end;
    mood = e.mood;
    return true;
  });
}

/** Whether a phrase is only a verb of change ("giảm", "tăng lên"). */
function isChangeVerbAlone(phrase: string): boolean {
  return lexiconRegex("change-verbs", "^", "\\s*$").test(phrase);
}

/** Whether a boundary is punctuation, not a cue word. */
function punctuationAt(folded: string, boundary: Span): boolean {
  return /^[\s\p{P}-]*$/u.test(folded.slice(boundary.start, boundary.end));
}

/** A verb of change anywhere in a text: a piece holding one says what changed, so it is a clause. */
function changeVerb(): RegExp {
  return lexiconRegex("change-verbs", WORD_START, WORD_END);
}

function isUpperCaseLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length > 3 && letters === letters.toUpperCase();
}

export class DocumentExtractor {
  private readonly rules: ExtractionRules;
  private readonly text: string;
  private readonly folded: string;
  private readonly scan: string;
  private readonly quantities: Quantity[];
  private readonly periods: PeriodRef[];
  private readonly dates: DateMention[];
  /** Brackets opened and closed within a line: what is in one is an aside. */
  private readonly brackets: Span[];
  /** `until`: the end of the brackets an event stands in ("(kế hoạch 7%)"): it speaks for them only. */
  private readonly events: Array<MoodEvent & Span & { until?: number }>;
  private readonly phrase: PhraseContext;
  private readonly documentYear: number | null;
  /** The month of writing, 1-12; 0 when not known. */
  private readonly documentMonth: number;
  private readonly mentions: Mention[] = [];
  /** The last paragraph read that is not a table cell: the title of the cells after it, if they are a table's. */
  private aboveCells: Paragraph | null = null;
  /** Whether the paragraph before was a table cell. */
  private afterCells = false;
  /** The last period named, carried from paragraph to paragraph. */
  private carriedPeriod: string | null = null;
  /** The period a part's numbered heading named ("I. TÌNH HÌNH THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024"): what its sections speak of. */
  private partPeriod: string | null = null;
  /** The crop season last named with its year: what "lúa Đông Xuân" and "vụ này" name. */
  private seasonInHand: string | undefined;
  /**
   * The year of the last period the paragraph in hand named, singled out or not ("Riêng quý IV/2023, ... Trong đó,
   * tháng 12 đạt 1,12 tỷ USD"): the year a month or quarter named without one is of.
   */
  private paragraphYear: number | null = null;
  /** The last period a plan named, carried on for later figures in a plan's mood. */
  private carriedPlanPeriod: string | null = null;
  /** Every period named so far, resolved, in reading order. */
  private readonly periodHistory: string[] = [];
  /** The figure emitted last, which "con số này" in a later sentence points at. */
  private lastEmitted: Decided | null = null;
  /** The figure emitted last of each class of unit, which a sentence naming nothing goes on with. */
  private readonly lastOfClass = new Map<string | null, Decided>();
  /** A heading that announces targets ("CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2020-2025") governs until the next heading. */
  private headingMood: Governing | null;
  /** A notice headed "KẾ HOẠCH": its sections are planned unless their heading reports, for the title's period. */
  private readonly planNotice: Governing | null;
  /** A sentence ending in ":" in a plan governs the list items that follow it. */
  private listIntro: Governing | null = null;
  /** The paragraph that set `listIntro` as a plan. */
  private listIntroParagraph: Paragraph | null = null;
  /** Excluded figures that are part of the name of the figure after them. */
  private readonly inNames = new Set<Quantity>();

  constructor(private readonly document: TextDocument, private readonly context: DocumentContext) {
    this.rules = loadExtractionRules();
    this.text = document.text;
    this.folded = inVietnameseNotation(withinSentenceBreaksAsSpaces(document));
    const mask = new Uint8Array(this.text.length);
    const dates = findDates(this.folded);
    this.dates = dates;
    const periodMentions = findPeriods(this.folded, dates);
    for (const d of dates) fill(mask, d);
    for (const p of periodMentions) fill(mask, p);
    for (const rule of this.rules.masks) {
      for (const m of scanAll(rule.regex, this.folded)) fill(mask, { start: m.index, end: m.index + m[0].length });
    }
    for (const p of document.paragraphs) if (p.furniture) fill(mask, p);
    this.scan = applyMask(this.folded, mask);
    this.quantities = findQuantities(this.scan, this.text, this.rules.quantities).filter((q) => q.percent || q.unit !== "" || q.unitless);
    this.periods = classifyPeriods(this.folded, periodMentions);
    this.brackets = bracketPairs(this.folded);
    this.events = [
      ...findMoodEvents(this.folded)
        .filter((e) => !this.sumsUpAhead(e))
        .map((e) => {
          const inside = this.brackets.find((b) => b.start < e.position && e.end <= b.end);
          return { ...e, start: e.position, ...(inside && { until: inside.end }) };
        }),
      ...this.periodNotes(periodMentions),
    ].sort((a, b) => a.position - b.position || a.end - b.end);
    this.phrase = { text: this.text, folded: this.folded, removable: [...periodMentions, ...dates], isUnitWord };
    this.documentYear = context.documentDate ? yearOf(context.documentDate) : null;
    this.documentMonth = Number(/^\d{4}-(\d{2})/.exec(context.documentDate ?? "")?.[1] ?? 0);
    this.planNotice = this.opensPlanNotice();
    this.headingMood = this.planNotice;
  }

  /** A running total up to a period not yet over when the document was written (running-total-markers.tsv) reports nothing. */
  private sumsUpAhead(e: MoodEvent): boolean {
    if (e.mood !== "actual" || !this.context.documentDate || !lexiconRegex("running-total-markers", "^", "$").test(this.folded.slice(e.position, e.end))) return false;
    // The period may take the marker in ("lũy kế 6 tháng").
    const next = this.periods.find((p) => p.end > e.end && (p.start <= e.end ? p.start >= e.position : /^\s*$/.test(this.folded.slice(e.end, p.start))));
    return next !== undefined && !next.relative && !this.isOver(this.resolve(next));
  }

  /**
   * "KẾ HOẠCH" in capitals heading the document before any figure, as official plan notices open; the plan is for
   * the period its title names ("KẾ HOẠCH / Chuyển đổi số tỉnh Bình Định năm 2022"), on the title's line or the next.
   */
  private opensPlanNotice(): Governing | null {
    const paragraphs = this.document.paragraphs.filter((p) => !p.furniture);
    for (const [i, paragraph] of paragraphs.entries()) {
      if (spansWithin(this.quantities, paragraph).length > 0) return null;
      const folded = this.folded.slice(paragraph.start, paragraph.end);
      const next = paragraphs[i + 1];
      const subject = next ? this.folded.slice(next.start, next.end) : "";
      const { planTitle, actTitle, planSubject, reportHeading } = cueMatchers();
      // "NGHỊ QUYẾT / Về kế hoạch phát triển kinh tế - xã hội năm 2022": an act whose subject is a plan.
      const actOnPlan = actTitle.test(folded) && planSubject.test(subject) && !reportHeading.test(subject);
      const written = actOnPlan ? this.text.slice(paragraph.start, paragraph.end) : this.text.slice(paragraph.start, paragraph.start + (planTitle.exec(folded)?.[0].length ?? 0));
      if (!written.trim() || written !== written.toUpperCase()) continue;
      const nameLines = next && (actOnPlan || next.heading) && spansWithin(this.quantities, next).length === 0 ? [paragraph, next] : [paragraph];
      // "KẾ HOẠCH / Cải cách hành chính tỉnh Lạng Sơn năm 2025 Căn cứ ...": a name a PDF runs into the grounds
      // after it still opens its paragraph.
      const runOn = next && nameLines.length === 1 ? /^((?:(?!căn\s+cứ)[^.;:\n]){1,120}?)\s*căn\s+cứ(?![\p{L}])/u.exec(subject) : null;
      if (runOn) nameLines.push({ ...next, end: next.start + runOn[1].length });
      const period = nameLines.flatMap((p) => spansWithin(this.periods, p)).find((p) => !p.excluded);
      // "KẾ HOẠCH / Triển khai thực hiện Năm An toàn giao thông 2020": a plan's name may end in its year alone.
      const bareYear = period ? null : nameLines.map((p) => TITLE_BARE_YEAR.exec(this.folded.slice(p.start, p.end))).find((m) => m !== null);
      return { mood: "target", period: period ? this.resolve(period) || null : (bareYear?.[1] ?? null) };
    }
    return null;
  }

  run(): Mention[] {
    for (const paragraph of this.document.paragraphs) {
      if (!paragraph.furniture) this.paragraph(paragraph);
      this.afterCells = paragraph.tableCell === true;
      if (!paragraph.tableCell) this.aboveCells = paragraph;
    }
    this.echoHeadlinePeriods();
    return this.mentions;
  }

  private paragraph(paragraph: Paragraph): void {
    this.paragraphYear = null;
    const anecdotes = this.anecdotes(paragraph);
    const text = this.text.slice(paragraph.start, paragraph.end);
    const paragraphItem = LIST_ITEM.test(text);
    const reportHeading = (paragraph.heading || PART_NUMERAL.test(text)) && this.updateHeadingMood(paragraph) === "report";
    this.enterSection(paragraph, text);
    // "3. Các chỉ tiêu chủ yếu nhiệm kỳ 2025 - 2030": a numbered line over a section heads it when it says what the
    // section does; one that names a field only ("1. Lĩnh vực kinh tế") leaves the heading above in force.
    if (!paragraph.heading && NUMBERED_HEADING.test(text) && this.isGroupLabel(paragraph)) this.updateHeadingMood(paragraph, true);
    // "Năm 2025, tỉnh phấn đấu đạt các chỉ tiêu sau:" governs the list items after it. One that plans for a year ahead
    // also governs the cells of a table right under it ("Chỉ tiêu phát triển thủy sản đến năm 2030 giao cho các địa
    // phương như sau:" in 2025), as does one for a term that starts in the year of writing ("giao chỉ tiêu chủ yếu nhiệm
    // kỳ 2022 - 2027 cho các Huyện đoàn ... như sau:" in 2022); one for the year in hand may head a table of plans and
    // outcomes, whose columns say which.
    const introPeriod = this.listIntro?.period ?? "";
    const plansAhead = this.documentYear !== null && (yearOf(introPeriod) ?? 0) >= this.documentYear && lastYearOf(introPeriod) > this.documentYear;
    const headsTable = paragraph.tableCell && this.listIntroParagraph === this.aboveCells && this.listIntro?.mood === "target" && plansAhead;
    // The first paragraph after the table an introduction headed is not one of its items, nor a label over more ("2. Ý
    // kiến của các đại biểu" after the table of "Chỉ tiêu cụ thể theo loại hình như sau:").
    const leavesItsTable = !paragraph.tableCell && this.afterCells && this.listIntroParagraph === this.aboveCells;
    if (this.listIntro && ((!LIST_ITEM.test(text) && !headsTable && !this.isGroupLabel(paragraph)) || leavesItsTable)) this.listIntro = null;
    // "2. Mục tiêu cụ thể đến năm 2025" under "... đến năm 2025, định hướng đến năm 2030 với các nội dung sau:": a
    // label naming a period of its own gives it to the items under it.
    const labelPeriod = this.listIntro && this.isGroupLabel(paragraph) ? spansWithin(this.periods, paragraph).find((p) => !p.excluded && !p.relative) : undefined;
    if (this.listIntro && labelPeriod) this.listIntro = this.forLabel(this.listIntro, labelPeriod);
    let governing = this.listIntro ?? this.headingMood;
    // "BIỂU SỐ 01: MỘT SỐ CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2025" under "II. PHƯƠNG HƯỚNG ...": a cell under an outcome's
    // column ("Thực hiện 6 tháng") reports, whatever plans the heading or the title speak of.
    if (governing?.mood === "target" && paragraph.tableCell && this.cellColumnRole(paragraph) === "outcome") governing = { ...governing, mood: "actual" };
    let carriedMood: Mood | null = governing?.mood ?? null;
    /** The period of the sentence that set the carried mood. */
    let carriedFrom: string | null = null;
    const paragraphPeriods: PeriodRef[] = [];
    /** Periods named by items of a list that had records: "+ Sản xuất vụ Đông Xuân 2025 - 2026: ..." is not "+ Chăn nuôi: ..."'s. */
    const itemPeriods = new Set<PeriodRef>();
    // "Vụ Đông Xuân 2016 - 2017, toàn huyện gieo trồng ...", "từ đầu tháng 2 đến nay, sức mua ...": a period that
    // narrows to its paragraph is what that paragraph speaks of, not the next.
    const carriedBefore = this.carriedPeriod;
    let paragraphTopic = false;
    /** A year this paragraph reported figures for, as its topic. */
    let reportedYear: string | null = null;
    for (const [index, sentence] of paragraph.sentences.entries()) {
      // The story of one person is not the report's.
      if (anecdotes.some((story) => within(sentence, story))) continue;
      const sentenceQuantities = spansWithin(this.quantities, sentence);
      const sentencePeriods = spansWithin(this.periods, sentence).filter((p) => !p.excluded);
      const sentenceProgrammes = spansWithin(this.periods, sentence).filter((p) => p.programme);
      // "Năm 2020, tỷ lệ hộ nghèo là 3,58%" after a plan for another year opens a report, not a plan item.
      const opening = sentencePeriods[0];
      const opensWithPeriod = opening !== undefined && opening.start < (sentenceQuantities[0]?.start ?? sentence.end);
      // So does a year already over when the document was written ("Để đạt mục tiêu này, ... Năm 2024, cả nước xuất khẩu ...").
      if (carriedMood === "target" && opensWithPeriod && ((carriedFrom && this.resolve(opening) !== carriedFrom) || this.isOver(this.resolve(opening)))) {
        carriedMood = null;
      }
      // "II. NHIỆM VỤ TRỌNG TÂM ...\n3. Hoàn thành 100% kế hoạch thanh tra": under a plan, an item opening with a verb of
      // completion is a task, not a report.
      const item = LIST_ITEM.exec(this.text.slice(sentence.start, sentence.end));
      const opensAt = sentence.start + (item?.[0].length ?? /^\s*/u.exec(this.text.slice(sentence.start, sentence.end))![0].length);
      const task = (e: MoodEvent) => governing?.mood === "target" && e.mood === "actual" && e.position === opensAt;
      const sentenceEvents = withoutWeakMoodEvents(spansWithin(this.events, sentence).filter((e) => !task(e)), opensWithPeriod ? null : carriedMood, this.folded, sentence.start);
      const decided: Decided[] = [];
      // "- Năm 2030: 100% xã ... được diễn tập trong giai đoạn; dân quân tự vệ đạt 1,41% dân số": a period after a
      // figure of an earlier clause is that clause's. Not for a part of that figure ("2.150 ha lúa vụ Đông Xuân
      // 2023-2024 bị ảnh hưởng; trong đó có 380 ha ...").
      const closesEarlierClause = (p: PeriodRef, clause: Span) =>
        p.end <= clause.start &&
        !PART_OF_BEFORE.test(this.folded.slice(clause.start, clause.start + 20)) &&
        sentence.clauses.some((c) => within(p, c) && sentenceQuantities.some((q) => within(q, c) && q.end <= p.start));
      for (const clause of sentence.clauses) {
        const clauseQuantities = sentenceQuantities.filter((q) => within(q, clause));
        const clausePeriods = sentencePeriods.filter((p) => within(p, clause));
        const periodsBefore = clauseQuantities.length > 0 ? sentencePeriods.filter((p) => !closesEarlierClause(p, clause)) : [];
        for (const quantity of clauseQuantities) {
          const result = this.decide(quantity, clause, clauseQuantities, sentenceEvents, carriedMood, decided, {
            clausePeriods,
            sentencePeriods: periodsBefore,
            sentenceProgrammes,
            paragraphPeriods: item ? paragraphPeriods.filter((p) => !itemPeriods.has(p)) : paragraphPeriods,
            governingPeriod: governing?.period ?? null,
            listItem: item !== null,
            sentenceStart: sentence.start,
            sentenceEnd: sentence.end,
          });
          if (result) decided.push(result);
        }
      }
      // "Tổng cộng – Tỷ lệ so dự toán (%): 58,6 %": a table cell whose row names nothing the rules keep is still of its row;
      // one whose row is a period ("Tháng 1 – Số vụ: 2.011 vụ", "2014 – Số người chết: 9 người") is of its column.
      const cell = paragraph.tableCell ? this.cellHeaders(paragraph) : null;
      const rowLabel = cell && (cell.periodRow ? cell.column : cell.row);
      // So is one whose column names nothing but a unit ("Hải Phòng – So cùng kỳ (%): 106 %").
      const namesNothing = (d: Decided) => !d.indicator || this.onlyUnit(d.indicator);
      // "Quảng Ninh – Thay đổi so với 2019: +1,42 điểm": a comparison whose column is all it names is of its row too.
      const column = cell && !cell.periodRow ? cell.column : null;
      const namesItsColumn = (d: Decided) => d.kind === "comparison" && column !== null && d.indicator !== null && d.indicator.start >= column.start && d.indicator.start < column.end;
      // "Huyện Lâm Bình – Thu ngân sách (triệu đồng): 18.300", "Tổng cộng – Lúa ngập (ha): 3.879,0": a figure under a column
      // naming a measure is that measure's, for what its row names; under a column of plans or outcomes, the measure
      // its table's title names.
      const measured = cell && !cell.periodRow && cell.column ? this.measureAtRow(cell.row, cell.column) : null;
      for (const d of decided) {
        if (measured && (d.kind === "actual" || d.kind === "target")) this.emit({ ...d, ...measured }, sentence);
        else this.emit(rowLabel && (namesNothing(d) || namesItsColumn(d)) ? { ...d, indicator: rowLabel, indicatorTail: null } : d, sentence);
      }
      // "..., vượt chỉ tiêu Nghị quyết Đại hội đề ra.": a cue that ends its sentence names a plan already set and
      // opens none for the sentences after it.
      // So does one followed only by who set it and the plan's figure in brackets ("vượt chỉ tiêu kế hoạch giao (95%).").
      const closing = (e: MoodEvent) =>
        e.mood === "target" && lexiconRegex("plan-reference-words", "^(?:\\s+", `${WORD_END})*\\s*(?:\\([^()]*\\))?[\\s.!?…)"”]*$`).test(this.folded.slice(e.end, sentence.end));
      const lasting = sentenceEvents.filter((e) => (e.until === undefined || e.until >= sentence.end) && !closing(e));
      const last = lasting[lasting.length - 1];
      const endMood = last ? last.mood : carriedMood;
      // "Các chỉ tiêu chủ yếu đến năm 2030:", or without the colon over lines of "- " items.
      const next = paragraph.sentences[index + 1];
      const overBullets = (s: Span) => BULLET_ITEM.test(this.text.slice(s.start, s.end));
      // So does a plan that counts the items it has just named ("Nghị quyết ... năm 2026 với 20 chỉ tiêu chủ yếu."), over
      // the sentences and groups ("Về kinh tế: ...") that give them.
      const countsItsItems = sentenceQuantities.length === 0 && endMood === "target" && ANNOUNCED_ITEMS.test(this.folded.slice(sentence.start, sentence.end));
      // So does a numbered heading over the first item of a list numbered afresh on the next line ("3. Các chỉ tiêu chủ
      // yếu nhiệm kỳ 2022 - 2027" / "1. Hằng năm, 100% cơ sở Đoàn ...").
      const headsItems = (s: Span, item: Span) =>
        (overBullets(item) && !overBullets(s)) || (NUMBERED_HEADING.test(this.text.slice(s.start, s.end)) && FIRST_LIST_ITEM.test(this.text.slice(item.start, item.end)));
      const opensList = /:\s*$/.test(this.text.slice(sentence.start, sentence.end)) || countsItsItems ||
        (sentenceQuantities.length === 0 && next !== undefined && headsItems(sentence, next) && this.text.slice(sentence.end, next.start).includes("\n"));
      // "Giải ngân đạt 68,7% kế hoạch, phấn đấu đến 31/01/2024 giải ngân trên 95%.": a report that ends on a plan
      // goes back to reporting after it.
      const reportEndingOnPlan = decided.length > 0 && decided[0].kind !== "target" && carriedMood !== "target";
      // A plan that labels its figure ("Giường bệnh kế hoạch: 900 giường.", "Kinh phí được giao là 98,6 tỷ đồng.") lists nothing after it.
      const labelsFigure = last?.mood === "target" && LABELLED_FIGURE.test(this.folded.slice(last.end, sentence.end));
      const listsTargets = (sentenceQuantities.length > 0 && !reportEndingOnPlan && !labelsFigure) || opensList || carriedMood === "target";
      const previousMood = carriedMood;
      carriedMood = endMood === "target" && !listsTargets ? governing?.mood ?? null : endMood;
      if (carriedMood === "target" && (previousMood !== "target" || last)) {
        const period = sentencePeriods[sentencePeriods.length - 1];
        carriedFrom = period ? this.resolve(period) : carriedFrom;
      }
      // "giảm từ 27,2% năm 2022 xuống còn 26,4%", "mức tăng 7,1% của cùng kỳ năm 2024": a figure's own period
      // speaks for that figure only, not for the sentences after it.
      // Nor does a period figures are set against ("So với SEA Games 32 năm 2023, ..."), nor a year something began
      // in ("Tôi vào nghề từ năm 1993, khi mới 25 tuổi").
      const shared = sentencePeriods.filter((p) => !this.isFiguresOwn(p) && !this.inComparisonBasis(p, true) && !this.namesBeginning(p));
      // "Vụ Đông Xuân 2023-2024, rét đậm kéo dài vào tháng 1. Song, ... đạt 15.236 ha": a sentence without records
      // passes on the period it opens with, not those it names in passing, nor one it singles out ("Tôi còn nhớ năm
      // 1996, ...").
      const passedOn = decided.length > 0 ? shared : shared.filter((p) => opensWithPeriod && p === opening && !p.narrowing);
      paragraphPeriods.push(...passedOn);
      // "2.1. Trồng trọt: ... Diện tích mía niên vụ 2012-2013 đạt 24.300 ha": every sentence of an item is the item's.
      const itemWithRecords = (item !== null || paragraphItem) && decided.length > 0;
      if (itemWithRecords) for (const p of passedOn) itemPeriods.add(p);
      const absolute = sentencePeriods.filter((p) => !p.relative);
      const lastNamed = shared.filter((p) => !p.relative).at(-1);
      if (lastNamed) this.paragraphYear = this.yearInHand(this.resolve(lastNamed)) ?? this.paragraphYear;
      // What a report speaks of carries on to the next paragraphs; a plan's year does not, nor "năm nay".
      // A sentence names its topic first ("Năm 2023, doanh thu ... gấp đôi năm 2022"), unless it singles out a part ("Riêng tháng 7, ...").
      // "Tết Nguyên đán Bính Ngọ 2026 (từ ngày 14/2 đến hết ngày 22/2)": the days in brackets say which part of it.
      const named = shared.find((p) => !p.relative);
      const first = (named && shared.find((p) => p.mention.rule === "period.month-of-days" && p.start > named.end && /^\s*\(\s*$/u.test(this.folded.slice(named.end, p.start)))) ?? named;
      // "Bảng 1. Kết quả sản xuất lúa vụ Đông Xuân 2022 - 2023 phân theo địa phương": a season a heading or caption
      // names is what follows it, as a year is; one a paragraph of figures names is that paragraph's.
      const seasonHeading = first?.mention.season === true && spansWithin(this.quantities, paragraph).length === 0;
      // "trong đó có Kế hoạch số 58/KH-UBND ngày 25/01/2024 về kiểm soát TTHC năm 2024": nor is a period in the name of
      // a document cited by its number.
      const topic =
        first?.narrowing || (first && (this.inCitedName(first) || (!seasonHeading && (this.restatesYearInHand(first) || this.namesPlanOfYearInHand(first) || this.restatesMonthsInHand(first) || this.isSeasonOfFigure(first, sentence) || this.isMonthOfSpanInHand(first, sentence) || this.isMonthOfSeasonInHand(first) || this.isSpanAroundYearInHand(first) || this.namesInPassing(first, sentence, decided.length > 0 || paragraph.heading)))))
          ? undefined
          : first;
      const topicPeriod = topic ? this.resolve(topic) : "";
      // A year after the document's can only be planned ("Năm 2025, kinh tế số chiếm 20% GRDP" in 2024).
      const ahead = this.documentYear !== null && (yearOf(topicPeriod) ?? 0) > this.documentYear;
      // "tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024": a plan that names its own period after the
      // topic leaves the topic to the report.
      const planCue = topic && previousMood !== "target" ? sentenceEvents.find((e) => e.mood === "target" && e.start >= topic.end) : undefined;
      const ownPlanPeriod = planCue && shared.find((p) => !p.relative && p.end > planCue.end);
      // "Thu nội địa – Dự toán năm 2020: 3.400.000 triệu đồng (dòng: ...)": a table cell's column names its own
      // period, not the one the cells after it speak of.
      // Nor does an item's with records ("+ Sản xuất vụ Đông Xuân 2025 - 2026: ..." before "+ Chăn nuôi: ..."): its siblings are the list's.
      // Nor does a note wholly in brackets under a school year in hand ("SỐ LIỆU THỐNG KÊ ... ĐẦU NĂM HỌC 2019-2020" /
      // "(Số liệu tính đến ngày 30/9/2019)"): it says when the year's data were taken.
      const schoolYearNote = isSchoolYear(this.carriedPeriod) && /^\s*\([^()]*\)\s*$/u.test(this.text.slice(paragraph.start, paragraph.end));
      const carries = !paragraph.tableCell && !itemWithRecords && !schoolYearNote && !this.context.asides?.some((aside) => aside.start <= paragraph.start && paragraph.end <= aside.end);
      if (carries && ((topic?.mention.narrows === "paragraph" && !seasonHeading) || (topic && this.isMonthBeforeYearInHand(topicPeriod)))) paragraphTopic = true;
      if (carries && ownPlanPeriod && !ahead) {
        this.carriedPeriod = topicPeriod;
        this.carriedPlanPeriod = this.resolve(ownPlanPeriod);
      } else if (carries && topicPeriod && ((endMood === "target" && !reportHeading) || ahead)) this.carriedPlanPeriod = topicPeriod;
      else if (carries && topicPeriod && !(reportedYear && topicPeriod.startsWith(`${reportedYear}-`))) {
        // "Năm 2022, kim ngạch ... Nhưng 6 tháng cuối năm chỉ đạt 398 triệu USD": after figures for the year, a part of
        // it is a part, as "Riêng 6 tháng đầu năm" is; the paragraphs after speak of the year.
        if (decided.length > 0 && /^\d{4}$/.test(topicPeriod)) reportedYear = topicPeriod;
        this.carriedPeriod = topicPeriod;
        // "Kết quả tiếp nhận máu tại một số địa phương năm 2018:" after "phương hướng năm 2019": a report's own year
        // dates the plans it sets its outcomes against ("Kế hoạch | Thực hiện" under it), not the plan named before.
        if (!first?.relative && first === opening) this.carriedPlanPeriod = null;
      }
      for (const p of absolute) {
        const resolved = this.resolve(p);
        if (resolved) this.periodHistory.push(resolved);
        if (resolved && p.mention.season) this.seasonInHand = resolved;
      }
      // "c) Về hạ tầng đô thị đến năm 2025:" written in 2020: a horizon ahead heads a plan's items.
      const horizon = sentenceQuantities.length === 0 ? sentencePeriods[sentencePeriods.length - 1] : undefined;
      const aimsAhead = horizon !== undefined && this.isHorizonAhead(horizon);
      // "Điều 1. Thông qua ... kết quả sản xuất kinh doanh năm 2018 với các chỉ tiêu chủ yếu như sau:" under "ĐẠI HỘI ĐỒNG
      // CỔ ĐÔNG QUYẾT NGHỊ:": a list whose introduction says it reports, with no cue of its own, lists outcomes.
      const reportsList = opensList && sentenceQuantities.length === 0 && cueMatchers().reportHeading.test(this.folded.slice(sentence.start, sentence.end)) &&
        !sentenceEvents.some((e) => e.mood === "target");
      if (reportsList) {
        // One period named is the list's ("năm 2018"); of two ("trong tháng 3 và quý I/2026"), each item says which.
        const only = sentencePeriods.length === 1 ? this.resolve(sentencePeriods[0]) || null : null;
        this.listIntro = { mood: "actual", period: only };
        governing = this.listIntro;
      } else if (opensList && (endMood === "target" || aimsAhead)) {
        const period = sentencePeriods[sentencePeriods.length - 1] ?? paragraphPeriods[paragraphPeriods.length - 1];
        this.listIntro = { mood: "target", period: period ? this.resolve(period) || null : governing?.period ?? null };
        this.listIntroParagraph = paragraph;
        // "1. Các chỉ tiêu chủ yếu đến năm 2030" under "PHƯƠNG HƯỚNG GIAI ĐOẠN 2026 - 2030": the items on the
        // next lines are the list's, for its period.
        governing = this.listIntro;
      } else if (this.listIntro && horizon && NUMBERED_HEADING.test(this.text.slice(sentence.start, sentence.end))) {
        // "3. Mục tiêu cụ thể đến năm 2030" run into the items under it, after a list for 2021 - 2025: a numbered label
        // naming a period of its own gives it to the items after it, as a label on a line of its own does.
        this.listIntro = this.forLabel(this.listIntro, horizon);
        governing = this.listIntro;
      }
    }
    if (paragraphTopic) this.carriedPeriod = carriedBefore;
  }

  /** A phrase that is only a unit, in brackets or not ("%", "(nghìn TEU)"). */
  private onlyUnit(span: Span): boolean {
    const words = this.folded.slice(span.start, span.end).replace(/[()[\]]/gu, " ").trim().replace(/\s+/gu, " ");
    return words === "%" || isUnitWord(words);
  }

  /**
   * A table cell's headers, as its reading writes them: its row label up to the first header ("Tổng cộng"), its
   * column's headers up to the colon (null when the reading has none), and whether the row is a period ("Tháng 1").
   */
  private cellHeaders(paragraph: Paragraph): { row: Span; column: Span | null; periodRow: boolean } | null {
    const reading = this.text.slice(paragraph.start, paragraph.end);
    const end = rowLabelLength(reading);
    if (end <= 0) return null;
    const row = { start: paragraph.start, end: paragraph.start + end };
    const columnStart = end + TABLE_HEADER_SEPARATOR.length;
    const columnEnd = reading.indexOf(":", columnStart);
    const column = reading.startsWith(TABLE_HEADER_SEPARATOR, end) && columnEnd >= 0 ? { start: paragraph.start + columnStart, end: paragraph.start + columnEnd } : null;
    // "2025 (ước)": a period row may say in brackets how its figures were got.
    const periodRow = column !== null && this.periods.some((p) => p.start <= row.start && /^\s*(?:\([^()]{1,20}\)\s*)?$/u.test(this.folded.slice(p.end, row.end)));
    return { row, column, periodRow };
  }

  /** What a table cell's column holds, as its header opens (columnRole): "outcome", "plan", ... */
  private cellColumnRole(paragraph: Paragraph): string | undefined {
    const column = this.cellHeaders(paragraph)?.column;
    return column ? columnRole(this.text.slice(column.start, column.end)) : undefined;
  }

  /**
   * The measure a table cell's column names, and its row: the place or kind it is measured for ("Huyện Lâm Bình",
   * "Bán buôn, bán lẻ; sửa chữa ô tô, mô tô, xe máy"), none for a row of the whole ("Tổng cộng",
   * rules/lexicon/table-whole-rows.tsv). A column that names only a period, a plan, an outcome or a ratio ("KH 2024",
   * "Kế hoạch giao (ha)", "Tỷ lệ (%)", rules/lexicon/table-column-roles.tsv) leaves the measure to the table's title
   * ("Kết quả trồng rừng tập trung năm 2023 theo địa phương (đơn vị: ha):" over "Trấn Yên – Thực hiện: 2.841 ha"), for a
   * row naming a place or the whole; rows of kinds ("Lúa" under "Kết quả gieo trồng một số cây trồng chính") name what
   * they measure themselves. Null then, and for a comparison's column.
   */
  private measureAtRow(row: Span, column: Span): { indicator: Span; indicatorTail: Span | null } | null {
    const bracket = this.text.slice(column.start, column.end).indexOf("(");
    const header = trimPhrase(this.phrase, { start: column.start, end: bracket >= 0 ? column.start + bracket : column.end });
    if (!header) return null;
    const words = this.folded.slice(header.start, header.end).split(/\s+/u);
    const role = leadingSurfaceLength("table-column-roles", words);
    const namesRole = role > 0 && /^(?:giao|được|năm|cả|\s)*$/u.test(words.slice(role).join(" "));
    const wholeRow = this.isWholeRow(row);
    const byPlace = wholeRow || this.isPlace(row) || this.isProperName(row);
    const measure = namesRole ? (byPlace ? this.titleMeasure() : null) : /^(?:so|tăng|giảm)$/u.test(words[0]) ? null : header;
    return measure && { indicator: measure, indicatorTail: wholeRow ? null : row };
  }

  /** A row of the whole ("Tổng cộng", "Toàn tỉnh", "Cả giai đoạn 2021-2025", rules/lexicon/table-whole-rows.tsv). */
  private isWholeRow(row: Span): boolean {
    const folded = this.text.slice(row.start, row.end).replace(/\([^()]*\)/gu, " ").trim().split(/\s+/u).map((w) => foldVietnamese(w));
    const whole = leadingSurfaceLength("table-whole-rows", folded);
    return whole > 0 && folded.slice(whole).every((w) => /^\d+$|^(?:năm|tháng)$/u.test(w));
  }

  /**
   * The measure a table's title names: the title is the paragraph right above the table's cells, opening with words of
   * table-title-openers.tsv (after its number), and the measure runs from them to the title's period, or to what it is
   * broken down by (table-title-scopes.tsv), or to its brackets or colon.
   */
  private titleMeasure(): Span | null {
    const title = this.aboveCells;
    if (!title || title.furniture) return null;
    const opener = tableTitleOpener().exec(this.folded.slice(title.start, title.end));
    if (!opener) return null;
    const start = title.start + opener[0].length;
    const period = spansWithin(this.periods, title).find((p) => p.start >= start);
    const scope = lexiconRegex("table-title-scopes", "\\s(?:", `)${WORD_END}|[(:]`).exec(this.folded.slice(start, title.end));
    const end = Math.min(period?.start ?? title.end, scope ? start + scope.index : title.end);
    const measure = trimPhrase(this.phrase, { start, end });
    return measure && syllableCount(this.folded, measure) <= 10 ? measure : null;
  }

  /**
   * Where a paragraph tells one person's story (rules/patterns/anecdote.yaml): from the sentence that introduces
   * them to the end of the paragraph, or of its line in a text whose lines are paragraphs ("... làm 01 cháu bé 4
   * tuổi tử vong.\nVề nguyên nhân, có 29 vụ ..." goes back to the report).
   */
  private anecdotes(paragraph: Paragraph): Span[] {
    const stories: Span[] = [];
    for (let from = paragraph.start; from < paragraph.end; ) {
      const folded = this.folded.slice(from, paragraph.end);
      const at = Math.min(...this.rules.anecdotes.map((rule) => rule.regex.exec(folded)?.index ?? Infinity));
      const first = at === Infinity ? undefined : paragraph.sentences.find((s) => s.end > from + at);
      if (!first) break;
      // The story ends with its line, or at a sentence that turns back to an authority's figures ("Theo UBND huyện
      // Đại Lộc, năm 2018 ...").
      const next = paragraph.sentences.find((s) => s.start > first.start && (this.text.slice(first.start, s.start).includes("\n") || this.citesAuthority(s)));
      stories.push({ start: first.start, end: next?.start ?? paragraph.end });
      from = next?.start ?? paragraph.end;
    }
    return stories;
  }

  /**
   * Notes in brackets right after a period that say how its figures were got ("Năm 2019 (ước): 1.263 doanh nghiệp";
   * rules/lexicon/period-notes.tsv): mood events that speak past the brackets, for what the period labels.
   */
  private periodNotes(periodMentions: PeriodMention[]): Array<MoodEvent & Span> {
    const notes = periodNoteMoods();
    return this.brackets.flatMap((b) => {
      const mood = notes.get(this.folded.slice(b.start + 1, b.end - 1).trim().replace(/\s+/g, " "));
      const labels = periodMentions.some((p) => p.end <= b.start && /^\s*$/.test(this.folded.slice(p.end, b.start)));
      return mood && labels ? [{ position: b.start, end: b.end, start: b.start, mood }] : [];
    });
  }

  /** A sentence opening with whom its figures come from: "Theo UBND huyện ...", "Theo số liệu của ...". */
  private citesAuthority(sentence: Span): boolean {
    return lexiconRegex("organisation-heads", "^\\s*theo\\s+(?:", `|số\\s+liệu|báo\\s+cáo|thống\\s+kê)${WORD_END}`).test(this.folded.slice(sentence.start, sentence.end));
  }

  /**
   * "A. Các chỉ tiêu kinh tế", "Về xã hội": a short line without figures that groups the items of a list, which
   * goes on after it, unless it opens a report ("II. KẾT QUẢ THỰC HIỆN").
   */
  private isGroupLabel(paragraph: Paragraph): boolean {
    if (paragraph.sentences.length !== 1 || paragraph.end - paragraph.start > GROUP_LABEL_MAX) return false;
    if (spansWithin(this.quantities, paragraph).length > 0 || /[.;,]\s*$/.test(this.text.slice(paragraph.start, paragraph.end))) return false;
    return !this.headsReport(paragraph);
  }

  /** "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024", "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH" head a report whatever plan words they hold. */
  private headsReport(paragraph: Paragraph): boolean {
    const reports = spansWithin(this.events, paragraph).some((e) => e.mood === "actual");
    return reports || cueMatchers().reportHeading.test(this.folded.slice(paragraph.start, paragraph.end));
  }

  /** What a heading announces, if it announces anything: what follows it is planned, or reported. */
  private updateHeadingMood(paragraph: Paragraph, onlyWhenAnnouncing = false): "plan" | "report" | null {
    const text = this.text.slice(paragraph.start, paragraph.end);
    const hasFigures = spansWithin(this.quantities, paragraph).length > 0;
    const announces =
      isUpperCaseLine(text) ||
      /:\s*$/.test(text) ||
      /^\s*(?:[IVX]+|\d+|[A-Z])[.)]\s/.test(text) ||
      sectionNumberLength(this.folded, paragraph.start) > 0 ||
      (paragraph.heading && cueMatchers().headingOpener.test(this.folded.slice(paragraph.start, paragraph.end)));
    if (hasFigures || !announces) return null;
    const period = spansWithin(this.periods, paragraph).find((p) => !p.excluded);
    // "MỘT SỐ CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2022" in July 2022 heads what was done, not a plan.
    const folded = this.folded.slice(paragraph.start, paragraph.end);
    // A term, or a year, that ends after the year of writing ("Các chỉ tiêu cụ thể đến năm 2020" in 2016).
    const lastYear = period ? lastYearOf(this.resolve(period)) : 0;
    const termAhead = this.documentYear !== null && lastYear > this.documentYear;
    // "II. ĐẾN NĂM 2025" written in 2020: a horizon ahead is what a plan aims at.
    const headingPlans =
      cueMatchers().planHeading.test(folded) ||
      cueMatchers().requestHeading.test(folded) ||
      (termAhead && cueMatchers().termPlanHeading.test(folded)) || (period !== undefined && this.isHorizonAhead(period));
    // A numbered line plans by the words of a heading only: "1. Các chỉ tiêu tổng hợp" under "I. KẾT QUẢ ..." reports.
    // "MỘT SỐ CHỈ TIÊU KINH TẾ CHỦ YẾU": a word naming indicators, without a period, says neither; the heading above
    // holds ("KẾ HOẠCH NĂM 2013" over "II. CÁC CHỈ TIÊU CHỦ YẾU", a report over its table).
    const targetCues = spansWithin(this.events, paragraph).filter((e) => e.mood === "target");
    const namesIndicators = period === undefined && targetCues.length > 0 && targetCues.every((e) => cueMatchers().nounTargetCues.has(this.folded.slice(e.position, e.end)));
    const plans = headingPlans || (!onlyWhenAnnouncing && (this.planNotice !== null || (targetCues.length > 0 && !namesIndicators)));
    const reports = this.headsReport(paragraph);
    const planned = !reports && plans && !(period && this.isOver(this.resolve(period)));
    if ((onlyWhenAnnouncing || namesIndicators) && !planned && !reports) return null;
    this.headingMood = planned ? { mood: "target", period: period ? this.resolve(period) : this.planNotice?.period ?? null } : null;
    return planned ? "plan" : "report";
  }

  /**
   * "7. Tỷ lệ đô thị hóa đến năm 2030 đạt 40% (năm 2025 đạt 32,5%)" in a plan for 2026 - 2030 written in 2025: a figure
   * its clause dates to a year before the year of writing, or to that year in an aside, under a plan for later years,
   * is where things stand.
   */
  private reportsWithinPlan(quantity: Quantity, clause: Span, scope: PeriodScope): boolean {
    const planYear = scope.governingPeriod ? lastYearOf(scope.governingPeriod) : 0;
    if (this.documentYear === null || planYear <= this.documentYear) return false;
    const own = scope.clausePeriods.filter((p) => p.end <= quantity.start && p.start >= clause.start && !p.relative).pop();
    const value = own?.mention.value;
    if (!own || !value || value.grain !== "year" || value.bound === "until") return false;
    const year = yearOf(this.resolve(own));
    // The year of writing only in an aside ("(năm 2025 đạt 32,5%)"): "Năm 2025: ..." in a plan written in 2025 plans it.
    const aside = this.brackets.some((b) => b.start < own.start && quantity.end <= b.end);
    return year !== null && (year < this.documentYear || (year === this.documentYear && aside));
  }

  /** A list whose items a label naming its own period now heads: for that period. */
  private forLabel(list: Governing, label: PeriodRef): Governing {
    return { ...list, period: this.resolve(label) || list.period };
  }

  /** "đến năm 2025" written before 2025: a year to be reached. */
  private isHorizonAhead(period: PeriodRef): boolean {
    const value = period.mention.value;
    return value.grain === "year" && value.bound === "until" && this.documentYear !== null && (yearOf(this.resolve(period)) ?? 0) > this.documentYear;
  }

  /** A period that ended before the month the document was written in ("6 tháng đầu năm 2022" in July 2022). */
  private isOver(period: string): boolean {
    return isPeriodOver(period, this.context.documentDate ?? undefined);
  }

  /** A period right after a figure, in brackets or "của" ("27,2% năm 2022", "7,1% của cùng kỳ năm 2024"): that figure's. */
  private isFiguresOwn(p: PeriodRef): boolean {
    const near = spansWithin(this.quantities, { start: Math.max(0, p.start - 40), end: p.start });
    if (near.some((q) => p.start - q.end < 8 && /^\s*(?:\(\s*|của\s+)?$/.test(this.folded.slice(q.end, p.start)))) return true;
    // "tăng 7,12% so với cùng kỳ (cùng kỳ năm 2015 tăng 7,65%)": a period in brackets with a figure is that aside's.
    return this.inAsideWithFigures(p);
  }

  /** Whether a span stands in brackets that hold a figure, other than `outside` when it stands in them too. */
  private inAsideWithFigures(span: Span, outside?: Quantity): boolean {
    return this.brackets.some((b) => b.start < span.start && span.end <= b.end && !(outside && within(outside, b)) && spansWithin(this.quantities, b).length > 0);
  }

  /**
   * The calendar year a period carried in stands for: its year, or for a school or crop year ("2016/2017") the
   * year of writing when it is one of its two, else its second ("6 tháng" after "Vụ Đông Xuân 2016 - 2017").
   */
  private yearInHand(period: string): number | null {
    if (!isSchoolYear(period)) return yearOf(period);
    const [first, second] = period.split("/").map(Number);
    return this.documentYear === first || this.documentYear === second ? this.documentYear : second;
  }

  /** The span of years last named; of `years` years when they are counted ("trong 5 năm" after "giai đoạn 2016 - 2020"). */
  private termInHand(years: number | undefined): string | undefined {
    return this.periodHistory.findLast((period) => {
      const length = lastYearOf(period) - (yearOf(period) ?? 0);
      return years === undefined ? length > 1 : length === years - 1;
    });
  }

  private resolve(p: PeriodRef, yearInSentence: number | null = null): string {
    const resolved = resolvePeriod(p.mention, {
      documentDate: this.context.documentDate ?? undefined,
      contextYear: yearInSentence ?? this.paragraphYear ?? (this.carriedPeriod ? this.yearInHand(this.carriedPeriod) : null) ?? this.documentYear ?? undefined,
      ...("inHand" in p.mention.value && { periodInHand: this.periodHistory.findLast((period) => /-(?:M\d\d|\d{1,2}M|Q\d)$/.test(period)) }),
      seasonInHand: this.seasonInHand,
      ...(p.mention.value.grain === "term" && { termInHand: this.termInHand(p.mention.value.years) }),
    });
    return p.startPoint ? resolved.replace(/-(?:Q\d|M\d\d)$/, "") : resolved;
  }

  /** A clause seen by role rules: this figure as {Q}, every other figure as {QX}. */
  private skeleton(clause: Span, subject: Quantity, others: Quantity[]): string {
    let out = "";
    let at = clause.start;
    for (const q of others) {
      out += this.folded.slice(at, q.start);
      out += q === subject ? SUBJECT_FIRST + SUBJECT_REST.repeat(q.end - q.start - 1) : OTHER_FIRST + OTHER_REST.repeat(q.end - q.start - 1);
      at = q.end;
    }
    return out + this.folded.slice(at, clause.end);
  }

  private moodAt(position: number, sentenceStart: number, sentenceEvents: Array<MoodEvent & { until?: number }>, carried: Mood | null): { mood: Mood | null; explicit: boolean } {
    let mood: Mood | null = null;
    // "tăng trưởng chưa đạt mục tiêu; thu hút đầu tư ... mới có 11 dự án": a plan cue closing its clause names a plan
    // already set, and plans nothing after it.
    // Nor does one that labels its own figure ("Tổng kinh phí năm 2021 được giao là 98,6 tỷ đồng; ước giải ngân ...")
    // past that figure's clause.
    const closesClause = (e: MoodEvent) => {
      const after = this.folded.slice(e.end, position);
      return e.mood === "target" && (/^\s*;/.test(after) || (LABELLED_FIGURE.exec(after)?.[1] === "là" && after.includes(";")));
    };
    // "năm 2019 phải đạt các chỉ tiêu: thêm 2 huyện hoàn thành nhiệm vụ ...; thu nhập ... 36 triệu đồng": each item of a
    // list after its colon is what the words before the colon say, if they say; an item's own words then speak for
    // that item only. Without them ("Nhiệm vụ quý IV: ..., phấn đấu ...; tiêm phòng đạt 90%"), the first item's do.
    const colon = this.folded.lastIndexOf(":", position);
    const itemStart = this.folded.lastIndexOf(";", position);
    const introduced = colon >= sentenceStart && itemStart > colon && sentenceEvents.some((e) => e.end <= colon && e.end <= position);
    const inEarlierItem = (e: MoodEvent) => introduced && e.position > colon && e.end <= itemStart;
    for (const e of sentenceEvents) {
      if (e.end <= position && (e.until === undefined || position < e.until) && !closesClause(e) && !inEarlierItem(e)) mood = e.mood;
    }
    return mood ? { mood, explicit: true } : { mood: carried, explicit: false };
  }

  private decide(
    quantity: Quantity,
    clause: Span,
    clauseQuantities: Quantity[],
    sentenceEvents: MoodEvent[],
    carriedMood: Mood | null,
    earlier: Decided[],
    scope: PeriodScope,
  ): Decided | null {
    const skeleton = this.skeleton(clause, quantity, clauseQuantities);
    const previousInClause = clauseQuantities.filter((q) => q.end <= quantity.start && !this.inNames.has(q)).pop();
    const moodHere = this.moodAt(quantity.valueStart, scope.sentenceStart, sentenceEvents, carriedMood);
    const explicit = moodHere.explicit;
    const mood = !explicit && moodHere.mood === "target" && this.reportsWithinPlan(quantity, clause, scope) ? "actual" : moodHere.mood;
    for (const rule of this.rules.roles) {
      if (rule.unit === "percent" && !quantity.percent) continue;
      if (rule.unit === "count" && (quantity.percent || !quantity.unitClass || quantity.unitClass === "money")) continue;
      if (rule.when_mood && (mood ?? "actual") !== rule.when_mood) continue;
      if (rule.restated && !this.restates(quantity, scope)) continue;
      if (rule.bounded && !BOUNDS.has(quantity.qualifier ?? "")) continue;
      if (rule.unit_classes && !rule.unit_classes.includes(quantity.unitClass ?? "")) continue;
      if (rule.after_unit_classes && !rule.after_unit_classes.includes(previousInClause?.unitClass ?? "")) continue;
      const m = matchRole(rule, skeleton);
      if (!m) continue;
      // An exclusion that asks nothing of the indicator needs none looked for.
      if (rule.kind === "exclude" && !rule.indicator_is) {
        if (rule.in_name) this.inNames.add(quantity);
        return null;
      }
      // A `cue` group says where the cue starts when the pattern opens earlier ("So với cùng kỳ, lượng khách tăng").
      const cueStart = clause.start + Math.min(m.indices?.groups?.cue?.[0] ?? m.index!, quantity.start - clause.start);
      const basisRange = m.indices?.groups?.basis;
      const basis = basisRange ? { start: clause.start + basisRange[0], end: clause.start + basisRange[1] } : null;
      const found = this.ofMeasuredThing(this.indicatorFor(rule, quantity, clause, cueStart, basis, previousInClause, earlier), earlier);
      const { tail, strategy } = found;
      const indicator = rule.strip_change_verb && strategy === "left" && found.indicator ? this.withoutChangeVerb(found.indicator) : found.indicator;
      // A percentage after another figure ("2.515 người, đạt 89%") is a share of it, not a plan reached.
      if (rule.indicator_is && (strategy !== "left" || !this.indicatorIs(rule.indicator_is, indicator))) continue;
      if (rule.kind === "exclude") return null;
      const periodBasis = rule.kind === "comparison" ? basis : null;
      const sharesBasis = (rule.kind === "comparison" || rule.kind === "change") && scope.clausePeriods.length === 0;
      const changeBasis = periodBasis ?? (sharesBasis ? this.sharedMonthBasis(scope.sentenceStart, quantity) : null);
      const assigned = this.periodFor(quantity, clause.start, scope, changeBasis, mood, rule.kind === "comparison" || rule.kind === "change");
      // The words just before the figure, after its indicator and any figure before it.
      const windowStart = Math.max(clause.start, previousInClause?.end ?? 0, indicator && indicator.end <= quantity.start ? indicator.end : cueStart);
      const window = this.folded.slice(Math.min(windowStart, cueStart), quantity.start);
      const perYear = quantity.per === "year" || cueMatchers().perYear.test(this.folded.slice(clause.start, quantity.start));
      const kind = rule.in_plan && mood === "target" ? rule.in_plan : this.kindOf(rule.kind, mood, assigned, perYear);
      // "sẽ tính tăng lương mỗi năm (7-8% một năm)": a yearly rate planned with no term named or carried
      // is for no year a reader could tell, not for the year the document was written.
      // "ước đạt 8,12% (kế hoạch 8,5-9%)": the plan an outcome is set against is for the outcome's period.
      const planOfOutcome = !assigned.explicit
        ? (rule.kind === "target" && rule.indicator === "inherit" && found.from?.kind === "actual" ? found.from.period : null) ??
          (kind === "target" ? this.outcomeOfPlanAside(quantity, earlier)?.period ?? null : null)
        : null;
      const period =
        planOfOutcome ??
        (kind === "target" && perYear ? this.termOfCitedPlan(quantity, assigned.value, earlier) ?? (assigned.undated ? "" : null) : null) ??
        // "Diện tích gieo trồng hằng năm đạt bình quân 1.150 ha" after a term's review named its term: a yearly
        // average the text does not date is over the term up to the year in hand.
        (kind === "actual" && perYear && (rule.kind === "change" || !assigned.explicit) ? this.averagingWindow(quantity, clause, assigned.value, scope.sentencePeriods) : null) ??
        this.termOfYears(quantity, clause, assigned.value, kind === "target" && perYear && (quantity.percent || rule.kind === "change")) ??
        (rule.span_year && kind === "actual" ? yearOfSpan(assigned.value, rule.span_year) : null) ??
        assigned.value;
      const confidence = rule.confidence * (strategy === "left" ? 1 : strategy === "none" ? 0.6 : 0.9) * (explicit || kind === "attainment" || kind === "comparison" ? 1 : 0.9);
      return {
        quantity,
        rule,
        kind,
        indicator,
        indicatorTail: tail,
        basis,
        cueStart,
        period,
        estimated: cueMatchers().estimate.test(window),
        perYear,
        confidence: Math.round(confidence * 100) / 100,
      };
    }
    return null;
  }

  /**
   * "tăng 11,2% so với năm 2011 (kế hoạch tăng 12,5-13%)", "tăng 2,9 triệu đồng so với năm 2011 (kế hoạch 22 triệu
   * đồng)": the outcome before brackets that open on a plan, the plan being the one that outcome is set against.
   */
  private outcomeOfPlanAside(quantity: Quantity, earlier: Decided[]): Decided | undefined {
    const aside = this.brackets.find((b) => b.start < quantity.start && quantity.end <= b.end && headRegex("plan-nouns").test(this.folded.slice(b.start + 1, quantity.start).trimStart()));
    return aside && [...earlier].reverse().find((d) => d.kind !== "target" && d.quantity.end <= aside.start);
  }

  /**
   * "hộ nghèo năm 2024 còn 1,47%; bình quân mỗi năm giảm 1,65% (theo chuẩn nghèo giai đoạn 2022 - 2025)": an
   * average yearly change reported for a year is over the years from the start of a span that holds it, named
   * in its clause or before it, to that year.
   */
  private averagingWindow(quantity: Quantity, clause: Span, period: string, sentencePeriods: PeriodRef[]): string | null {
    if (!/^\d{4}$/.test(period) || !cueMatchers().averaging.test(this.folded.slice(clause.start, quantity.start))) return null;
    // "giảm từ 4,52% đầu năm 2022 xuống còn 2,8% vào cuối năm 2023, bình quân mỗi năm giảm 0,86%": the move's years.
    const moveYears = sentencePeriods.filter((p) => p.end <= quantity.start).map((p) => this.resolve(p)).filter((y) => /^\d{4}$/.test(y)).map(Number);
    if (moveYears.length >= 2 && Math.min(...moveYears) < Math.max(...moveYears)) return `${Math.min(...moveYears)}/${Math.max(...moveYears)}`;
    const year = Number(period);
    const candidates = [...spansWithin(this.periods, clause), ...this.periodsBefore(clause.start)];
    const span = this.firstSpanOfYears(candidates, (from, to) => from < year && year <= to);
    return span && `${span[0]}/${year}`;
  }

  /**
   * "Đến năm 2022, tỷ lệ hộ nghèo giảm còn 3,5%, vẫn chưa đạt chỉ tiêu Nghị quyết đề ra giảm từ 1%-1,5%/năm":
   * a yearly rate a plan set, cited after an outcome whose year it would borrow, is the plan's for its
   * term: the last span of years named before ("giai đoạn 2021 - 2025") that holds that year.
   */
  private termOfCitedPlan(quantity: Quantity, period: string, earlier: Decided[]): string | null {
    const year = yearOf(period);
    if (year === null || !earlier.some((d) => d.kind !== "target" && d.period === period)) return null;
    // A programme's name ("Chương trình giảm nghèo giai đoạn 2021 - 2025") names the term too.
    const span = this.firstSpanOfYears(this.periodsBefore(quantity.start), (from, to) => from <= year && year <= to);
    return span && `${span[0]}/${span[1]}`;
  }

  /**
   * "Tổng thu ngân sách trên địa bàn 5 năm đạt 92.000 tỷ đồng" in a term's review, "Tổng vốn đầu tư 3 năm ước đạt ..."
   * in a mid-term one: a total over a count of years ending at the year in hand is over the span named before that
   * ends there ("nhiệm kỳ 2020 - 2025"), or the count's years from the start of one that runs on. A yearly rate
   * planned to a year ("đến năm 2030, ... giảm bình quân 1%/năm") is over the span named before that ends then.
   */
  private termOfYears(quantity: Quantity, clause: Span, period: string, plannedRate: boolean): string | null {
    const year = /^\d{4}$/.test(period) ? Number(period) : null;
    if (year === null) return null;
    const counted = /(?<![\p{L}\p{N}])(\d{1,2})\s+năm\s+(?:(?:ước\s+)?đạt|ước|khoảng|kết\s+nạp|có|là)?[^,;]*$/u.exec(this.folded.slice(clause.start, quantity.start));
    const count = counted && !/(?:trong|sau|hơn|gần|trước|mất|kéo\s+dài|mỗi|hằng|hàng)\s+$/u.test(this.folded.slice(Math.max(clause.start, clause.start + counted.index - 10), clause.start + counted.index)) ? Number(counted[1]) : 0;
    if (count < 2 && !plannedRate) return null;
    const fits = (from: number, to: number) =>
      count < 2 ? to === year : (to === year && (to - from === count || to - from + 1 === count)) || (from + count - 1 === year && to > year);
    const span = this.firstSpanOfYears(this.periodsBefore(quantity.start), fits);
    return span && `${span[0]}/${Math.min(span[1], year)}`;
  }

  /** The periods named before a position, the nearest first. */
  private periodsBefore(position: number): PeriodRef[] {
    return this.periods.filter((p) => p.end <= position).reverse();
  }

  /** The first and last year of the first of these periods that spans years the way `fits` asks, or null. */
  private firstSpanOfYears(periods: PeriodRef[], fits: (from: number, to: number) => boolean): [number, number] | null {
    for (const p of periods) {
      const years = this.spanOfYears(p);
      if (years && fits(years[0], years[1])) return years;
    }
    return null;
  }

  /** The first and last year of a period that spans years ("giai đoạn 2021 - 2025"), or null. */
  private spanOfYears(p: PeriodRef): [number, number] | null {
    const span = /^(\d{4})\/(\d{4})$/.exec(this.resolve(p));
    return span ? [Number(span[1]), Number(span[2])] : null;
  }

  /**
   * Whether a figure takes up one of the same value and unit from an earlier sentence; not when its
   * sentence names a period first ("Năm 2024, 12 dự án được cấp phép"): that is a new fact.
   */
  private restates(quantity: Quantity, scope: PeriodScope): boolean {
    if (scope.sentencePeriods.some((p) => p.end <= quantity.start)) return false;
    return this.mentions.some((m) => m.value === quantity.value && m.value_max === quantity.valueMax && m.unit === quantity.unit);
  }

  private kindOf(role: CompiledRole["kind"], mood: Mood | null, period: AssignedPeriod, perYear: boolean): MentionKind {
    // A figure stated for a year after the document was written can only be planned.
    const future = period.explicit && this.documentYear !== null && (yearOf(period.value) ?? 0) > this.documentYear;
    switch (role) {
      case "mood":
        return mood === "target" || future ? "target" : "actual";
      case "change":
        if (mood === "target" || future) return "target";
        return perYear ? "actual" : "comparison";
      case "exclude":
        throw new Error("an excluded figure has no kind");
      default:
        return role;
    }
  }

  /** "giảm tỷ lệ hộ nghèo" → "tỷ lệ hộ nghèo"; "thu nhập bình quân tăng" → "thu nhập bình quân". */
  private withoutChangeVerb(phrase: Span): Span {
    const text = this.folded.slice(phrase.start, phrase.end);
    const verb = headRegex("move-verbs").exec(text);
    if (verb) return trimPhrase(this.phrase, { start: phrase.start + verb[0].length, end: phrase.end }) ?? phrase;
    const trailing = trailingChangeVerb().exec(text);
    return trailing ? trimPhrase(this.phrase, { start: phrase.start, end: phrase.start + trailing.index }) ?? phrase : phrase;
  }

  /**
   * "lợi nhuận trước thuế 641,2 tỷ đồng và lợi nhuận sau thuế 512,7 tỷ đồng, lần lượt tăng 86,1% và 84,6%": the figures
   * after "lần lượt" ("respectively") are, in order, of as many figures before it, or else of as many names listed
   * before it ("Doanh thu và lợi nhuận lần lượt đạt ...").
   */
  private respectiveOf(quantity: Quantity, clause: Span, earlier: Decided[]): IndicatorChoice | null {
    // The last such word before the figure: what it refers back to stands before it.
    const marker = lastRespectivelyWord().exec(this.folded.slice(clause.start, quantity.start));
    if (!marker) return null;
    const at = clause.start + marker.index;
    const run = spansWithin(this.quantities, { start: at + marker[0].length, end: clause.end }).filter((q) => q.percent === quantity.percent);
    const index = run.indexOf(quantity);
    if (run.length < 2 || index < 0) return null;
    const referents = earlier.filter((d) => d.quantity.end <= at && d.indicator);
    if (referents.length >= run.length) {
      const from = referents[referents.length - run.length + index];
      return { indicator: from.indicator, tail: from.indicatorTail, strategy: "inherit", from };
    }
    const listed = spansWithin(this.quantities, { start: clause.start, end: at }).length ? null : this.listedBefore(clause, at, run.length)?.[index];
    return listed ? { indicator: listed, tail: null, strategy: "left" } : null;
  }

  /**
   * "xuất khẩu gạo đạt 9,18 triệu tấn, trị giá 5,75 tỷ USD, tăng 12,1% về lượng": an indicator that names only an
   * aspect of a thing (rules/lexicon/measure-aspects.tsv) is of the thing the sentence named before; its amount is
   * the thing's own, what it is worth is "trị giá" of the thing.
   */
  private ofMeasuredThing(choice: IndicatorChoice, earlier: Decided[]): IndicatorChoice {
    if (!choice.indicator || choice.tail) return choice;
    const aspectOf = (span: Span) => measureAspects().get(this.folded.slice(span.start, span.end).replace(/^về\s+/u, "").trim());
    const aspect = aspectOf(choice.indicator);
    const thing = aspect && [...earlier].reverse().find((d) => d.indicator && !aspectOf(d.indicator));
    if (!thing?.indicator) return choice;
    // "đóng điện 127 công trình với tổng giá trị 312 tỷ đồng": the worth of the things counted.
    return aspect === "quantity" ? { indicator: thing.indicator, tail: thing.indicatorTail, strategy: "inherit", from: thing } : { ...choice, tail: thing.indicatorTail ?? thing.indicator };
  }

  /**
   * "Hàn Quốc đứng thứ hai với hơn 4,39 tỷ USD", "Đứng thứ hai là Indonesia với 1,27 triệu tấn": a ranking
   * (rules/lexicon/rank-phrases.tsv) names who holds the figure, the last name before it; the figure measures
   * what the figure of its kind before it in the paragraph measured.
   */
  private rankedHolder(clause: Span, quantity: Quantity, earlier: Decided[]): IndicatorChoice | null {
    // The ranking names the clause's first figure; the figures after it go on with that one.
    if (spansWithin(this.quantities, { start: clause.start, end: quantity.start }).length) return null;
    const before = this.folded.slice(clause.start, quantity.start);
    // "Hoa Kỳ, Trung Quốc và Nhật Bản là 3 thị trường ... lớn nhất, chiếm thị phần lần lượt 28,5%, 19,6% và 7,9%": figures
    // given respectively are each of its own name, not all of the last one's.
    if (lastRespectivelyWord().test(before)) return null;
    // "phấn đấu hoàn thành ở mức cao nhất các mục tiêu": a degree ("mức cao nhất") ranks no one.
    const rank = lexiconRegex("rank-phrases", `(?<!(?<![\\p{L}])mức\\s+)${WORD_START}`, WORD_END).exec(before);
    if (!rank) return null;
    // "TP Hồ Chí Minh dẫn đầu với tổng vốn đầu tư đăng ký hơn 3,55 tỷ USD": what follows "với" names the figure itself.
    const withWhat = /(?<![\p{L}])với\s+([^]*)$/u.exec(before)?.[1] ?? "";
    qualifierWords ??= new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("qualifiers"))}|đạt|là)${WORD_END}`, "gu");
    if (/\p{L}/u.test(withWhat.replace(qualifierWords, ""))) return null;
    const names = [...this.text.slice(clause.start, quantity.start).matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*(?:\s+\p{Lu}[\p{L}\p{N}]*)*/gu)]
      // "Đứng thứ hai là Indonesia", "Nhóm giáo dục tăng cao nhất": a sentence's capital on one Vietnamese word is no
      // name ("Philippines tiếp tục là thị trường lớn nhất" is: a word of several syllables).
      .filter((m) => /\s/u.test(m[0]) || this.text.slice(clause.start, clause.start + m.index!).trim() !== "" || !isOneSyllable(m[0]))
      .filter((m) => !lexiconRegex("rank-phrases", "^(?:", ")").test(before.slice(m.index!)));
    // Who is ranked: the name right before the ranking ("Hàn Quốc đứng thứ hai"), else the first after it ("Đứng thứ hai
    // là Indonesia"); not a name the ranking goes on to ("... lớn nhất của Việt Nam").
    // A name before the ranking is its subject only within its comma's reach ("Theo Chi cục Thủy lợi, ..., độ mặn lớn
    // nhất ..." ranks no "Thủy"); a name after it only where the ranking opens its clause, not where it qualifies a
    // measure ("độ mặn lớn nhất đo được tại trạm Sơn Đốc là 9,8‰").
    const opensClause = /^[\s,;:]*(?:(?:trong\s+đó|riêng|còn)[\s,]*)?$/u.test(before.slice(0, rank.index));
    const name =
      names.filter((m) => m.index! < rank.index && !/[,;:]/u.test(before.slice(m.index! + m[0].length, rank.index))).at(-1) ??
      (opensClause ? names.find((m) => m.index! > rank.index) : undefined);
    if (!name) return null;
    const holder = { start: clause.start + name.index!, end: clause.start + name.index! + name[0].length };
    const last = [...earlier].reverse().find((d) => d.quantity.unitClass === quantity.unitClass && d.indicator) ?? this.lastOfClass.get(quantity.unitClass);
    const measured = last?.indicator && !this.text.slice(last.quantity.end, quantity.start).includes("\n\n") ? last.indicator : null;
    return measured ? { indicator: measured, tail: holder, strategy: "inherit", from: last } : { indicator: holder, tail: null, strategy: "left" };
  }

  /**
   * The COUNT names listed between a clause's start and END ("giá xăng dầu, gas bình quân giảm" before "lần lượt"),
   * or null if they are not that many names.
   */
  private listedBefore(clause: Span, end: number, count: number): (Span | null)[] | null {
    // The names end before the verb of their figures; a list ended by "với" ("Quảng Ninh, Hải Phòng với tổng vốn ...") names holders, not measures.
    const before = this.folded.slice(clause.start, end);
    const verb = /(?:\s+(?:đạt|là|giảm|tăng|còn|chiếm|bình\s+quân|ước|ước\s+đạt|ở\s+mức))*\s*$/u.exec(before)!;
    const names = before.slice(0, verb.index);
    if (/(?<![\p{L}])với(?![\p{L}])/u.test(names)) return null;
    const cuts = [...names.matchAll(/,\s*|\s+và\s+/gu)];
    if (cuts.length < count - 1) return null;
    const bounds = [clause.start, ...cuts.slice(-(count - 1)).flatMap((c) => [clause.start + c.index!, clause.start + c.index! + c[0].length]), clause.start + names.length];
    const parts = Array.from({ length: count }, (_, k) => trimPhrase(this.phrase, { start: bounds[2 * k], end: bounds[2 * k + 1] }));
    // The first name starts after the clause's last connective ("..., trong khi giá xăng dầu").
    const opener = /^(?:[^]*(?<![\p{L}])(?:trong\s+khi|trong\s+đó|còn|riêng|nhưng|song)\s+)/u.exec(this.folded.slice(bounds[0], bounds[1]));
    if (opener && parts[0]) parts[0] = trimPhrase(this.phrase, { start: bounds[0] + opener[0].length, end: bounds[1] });
    return parts.some((p) => !p || /\d/u.test(this.folded.slice(p.start, p.end)) || syllableCount(this.folded, p) > 8) ? null : parts;
  }

  private indicatorIs(kind: "activity" | "rate", indicator: Span | null): boolean {
    if (!indicator) return false;
    const phrase = this.folded.slice(indicator.start, indicator.end);
    if (kind === "rate") return headRegex("rate-heads").test(phrase);
    // "giải quyết việc làm", or what an activity is done to, before it ("vốn ngân sách địa phương giải ngân"); not who
    // went through it ("lao động qua đào tạo", "người được hỗ trợ"), a share of people.
    return headRegex("activity-verbs").test(phrase) || lexiconRegex("activity-verbs", "(?<![\\p{L}])(?<!(?:qua|được)\\s)", "$").test(phrase);
  }

  /**
   * "giành 125 huy chương, gồm 38 HCV, 36 HCB, 51 HCĐ, đạt 107,3% kế hoạch": the figure the items just before a
   * rate or a change are listed as the parts of ("gồm", rules/lexicon/enumeration-cues.tsv), when the items are all there is
   * between; the rate is the whole's, not the last part's.
   */
  private enumeratedWhole(earlier: Decided[], quantity: Quantity): Decided | null {
    for (let i = earlier.length - 3; i >= 0; i--) {
      const whole = earlier[i];
      const parts = earlier.slice(i + 1);
      const cue = this.folded.slice(whole.quantity.end, parts[0].quantity.start);
      if (!whole.indicator || !lexiconRegex("enumeration-cues", WORD_START, "\\s*:?\\s*$").test(cue)) continue;
      const sameKind = parts.every((p) => p.quantity.unitClass === whole.quantity.unitClass && p.quantity.end <= quantity.start);
      // Nothing but the items and their separators runs from the first to the rate ("38 HCV, 36 HCB và 51 HCĐ, ").
      const between = parts.slice(1).map((p, k) => this.folded.slice(parts[k].quantity.end, p.quantity.start)).concat(this.folded.slice(parts.at(-1)!.quantity.end, quantity.start));
      return sameKind && between.every((gap) => gap.length <= 40 && !/[;:()]/u.test(gap)) ? whole : null;
    }
    return null;
  }

  private indicatorFor(
    rule: CompiledRole,
    quantity: Quantity,
    clause: Span,
    cueStart: number,
    basis: Span | null,
    previousInClause: Quantity | undefined,
    earlier: Decided[],
  ): IndicatorChoice {
    const respective = this.respectiveOf(quantity, clause, earlier);
    if (respective) return respective;
    // "thụ lý 1.728 vụ/3.106 bị cáo": the second count of a pair a slash joins is of what the first is, in its own unit.
    const paired = earlier.at(-1);
    if (paired && paired.quantity === previousInClause && paired.indicator && this.folded.slice(paired.quantity.end, quantity.start) === "/") {
      return { indicator: paired.indicator, tail: null, strategy: "inherit", from: paired };
    }
    // "còn 4.215 hộ nghèo, chiếm 1,45%; giảm 1.102 hộ": a figure continues the last one of its kind of unit.
    const sameClass = [...earlier].reverse().find((d) => d.quantity.unitClass === quantity.unitClass && d.indicator);
    const before =
      ((rule.kind === "attainment" || rule.kind === "comparison" || rule.kind === "change") && this.enumeratedWhole(earlier, quantity)) ||
      (quantity.percent ? earlier[earlier.length - 1] : sameClass ?? earlier[earlier.length - 1]);
    const inherited = before?.indicator ?? null;
    // "cho vay 2.862 dự án với khoảng 143 tỷ đồng": the money is the lending's, not the projects';
    // a percentage after a figure is of the same thing ("trồng mới 18.500 ha rừng, đạt 102,8%").
    // "3.200 hợp tác xã, 15.000 tổ hợp tác": things of another unit are other things; so are people counted as other
    // people ("2.134 chức sắc, 3.215 chức việc"), but not as people at large ("15.000 lao động, ... 2.000 người").
    const role = unitRole(quantity.unitClass);
    const sameUnit = before !== undefined && (role === "measure" || before.quantity.unit === quantity.unit ||
      (role === "population" && [before.quantity.unit, quantity.unit].some((u) => GENERIC_PERSONS.test(foldVietnamese(u ?? "")))));
    const sameThing = before !== undefined && ((before.quantity.unitClass === quantity.unitClass && sameUnit) || quantity.percent);
    const inheritedTail = sameThing ? before.indicatorTail : null;
    const inherit = { indicator: inherited, tail: inheritedTail, strategy: "inherit" as const, from: before };
    const nextInClause = spansWithin(this.quantities, { start: quantity.end, end: clause.end })[0];
    // "500 ha rừng" measures "rừng"; "3.453 hộ nghèo" counts "hộ nghèo".
    const rightStart = role === "measure" ? quantity.end : quantity.nounStart;
    const after = rightPhrase(this.phrase, rightStart, nextInClause?.start ?? clause.end, nextInClause !== undefined);
    // "bằng 105,6% dự toán": what follows is the basis, not what is measured.
    const right = after && !(basis && basis.start < after.end && after.start < basis.end) ? after : null;
    // The unit alone ("23.000 lao động,", "25 triệu khách/năm") names nothing more than the figure.
    const rightObject = right && (role === "measure" || (right.end > quantity.valueEnd && !/^\/[\p{L} ]+$/u.test(this.folded.slice(quantity.valueEnd, right.end)))) ? right : null;
    // "tỷ lệ che phủ rừng (bao gồm cả cây cao su) đạt 63,8%", "... (GRDP, giá so sánh 2010) ước đạt 8,12%": an aside
    // in brackets before the cue is not what is measured.
    const beforeCue = this.folded.slice(clause.start, Math.min(cueStart, quantity.start));
    const aside = /\([^()]*\)\s*(?:\p{L}+\s+)?$/u.exec(beforeCue);
    const end = clause.start + (aside && /\p{L}/u.test(beforeCue.slice(0, aside.index)) ? aside.index : beforeCue.length);
    const leftWords = this.leftPhrase(clause, end, previousInClause, false, rule.indicator_list);
    const ownLeft = this.naming(leftWords);
    // "chia cổ tức năm 2023 bằng tiền mặt với tỷ lệ 12%": a bare rate after "với" is the rate of what comes before it.
    const withRate = ownLeft && !previousInClause ? /(?<![\p{L}])với\s+$/u.exec(this.folded.slice(clause.start, ownLeft.start)) : null;
    const bareRate = withRate !== null && lexiconRegex("rate-heads", "^(?:", ")$").test(this.folded.slice(ownLeft!.start, ownLeft!.end));
    const left = (bareRate && this.naming(this.leftPhrase(clause, clause.start + withRate!.index, undefined, false))) || ownLeft;
    // "gieo trồng được 3.120 ha cây vụ đông": a particle between the verb and its figure (verb-particles.tsv) keeps them together.
    const abutsFigure = left !== null && lexiconRegex("verb-particles", "^\\s*(?:", ")?\\s*$").test(this.folded.slice(left.end, quantity.start));
    if (rule.indicator === "right" && rightObject) {
      // "đưa 1.250 lao động đi làm việc ở nước ngoài": a short verb before the figure belongs to it.
      if (left && abutsFigure && syllableCount(this.folded, left) <= 3) return { indicator: left, tail: rightObject, strategy: "left" };
      return { indicator: rightObject, tail: null, strategy: "right" };
    }
    // "... và theo chuẩn nghèo đa chiều là 4,26%", "... so với tháng trước và tăng 12,63%":
    // a phrase of manner or comparison, not of what is measured.
    const ofManner = (phrase: Span) => /^(?:theo|so)(?![\p{L}])/u.test(this.folded.slice(phrase.start, phrase.end)) && inherited !== null;
    const pointsAtPlan = (phrase: Span | null) => phrase !== null && onlyPointsAtPlan(this.folded, phrase);
    // "dư nợ đạt 8.500 tỷ đồng, ..., nợ xấu chiếm 0,8%": a subject of its own before the cue outweighs the figure before.
    const ownSubject = left !== null && !ofManner(left) && !pointsAtPlan(left);
    // "Trong đó, TP Nha Trang tiết kiệm 9.120 kWh; huyện Diên Khánh 1.630 kWh": a place alone before the figure says
    // where the same thing is measured this time; it takes the place of the one before, if that named one.
    const placeAlone = !ownLeft && leftWords !== null && this.isPlace(leftWords) && inherited !== null && sameThing && (inheritedTail === null || this.isPlace(inheritedTail));
    if (placeAlone) {
      return this.isPlace(inherited) ? { indicator: leftWords, tail: null, strategy: "left" } : { indicator: this.withoutPlace(inherited), tail: leftWords, strategy: "inherit", from: before };
    }
    if (rule.indicator === "inherit" && inherited && !ownSubject) return inherit;
    if (left && ofManner(left)) return inherit;
    // "... được thu gom, xử lý đạt 100%, ở khu vực nông thôn đạt 95%": a place alone says where the same thing
    // is measured this time.
    const locative = left && inherited && sameThing ? /(?<![\p{L}])(?:ở|tại)\s+$/u.exec(this.folded.slice(Math.max(clause.start, left.start - 6), left.start)) : null;
    if (left && locative) {
      // "... ở thành thị đạt 98%, tại nông thôn đạt 85%": the place of the figure before is replaced, not added to.
      const own = /\s(?:ở|tại)\s(?!.*\s(?:ở|tại)\s)/u.exec(this.folded.slice(inherited!.start, inherited!.end));
      const indicator = own ? { start: inherited!.start, end: inherited!.start + own.index } : inherited;
      return { indicator, tail: { start: left.start - locative[0].length, end: left.end }, strategy: "inherit" };
    }
    // "5.386 cán bộ, viên chức, trong đó có 962 bác sĩ": a part counted in a unit of its own is named by that unit.
    const partOfOwn = !left && right && before !== undefined && before.quantity.unit !== quantity.unit && !quantity.percent &&
      /(?<![\p{L}])trong\s+đó(?:\s+có)?\s*$/u.test(this.folded.slice(clause.start, quantity.start));
    if (partOfOwn) return { indicator: right, tail: null, strategy: "right" };
    // "Chất lượng tân binh năm nay được nâng lên rõ rệt: có 121 đảng viên": after a label's colon, "có" opens the things
    // counted, which name the figure.
    if (right && POSSESSION_AFTER_LABEL.test(this.folded.slice(clause.start, quantity.start))) return { indicator: right, tail: null, strategy: "right" };
    // "Việt Nam có khoảng 1,5 triệu thanh niên ...": a name alone before the figure is who has it, not what it counts.
    if (left && rightObject && this.isProperName(left)) return { indicator: rightObject, tail: null, strategy: "right" };
    // "Hà Nam có 15 KCN", "thôn chỉ còn 9 hộ nghèo": a place or body that has the things counted says where they are;
    // the things name the figure, even by their unit alone.
    if (left && right && this.holdsCount(left, quantity)) return { indicator: right, tail: null, strategy: "right" };
    // "Hải Phòng hoàn thành 5.620 căn, ...": a name alone before the verb of its figure is who did it; the verb, and the
    // things it counts, name the figure.
    const verbAfterName = (name: Span | null): IndicatorChoice | null => {
      const verb = name && !rightObject && this.isProperName(name) ? trimPhrase(this.phrase, { start: name.end, end: quantity.start }) : null;
      return verb && { indicator: verb, tail: role === "measure" ? null : right, strategy: "left" };
    };
    const ranked = this.rankedHolder(clause, quantity, earlier);
    if (ranked) return ranked;
    const verbOfLeft = verbAfterName(left);
    if (verbOfLeft) return verbOfLeft;
    // "Long An đã hoàn thành 90,5% kế hoạch thu hút FDI cả năm", "công ty đã thực hiện 75,4% kế hoạch doanh thu":
    // or what the plan after it is of.
    const planOfName = (phrase: Span | null): IndicatorChoice | null => {
      const holder = phrase && (this.isProperName(phrase) || lexiconRegex("plan-holders", "^", "$").test(this.folded.slice(phrase.start, phrase.end)));
      const planOf = holder && basis ? this.withoutPlanNoun(basis) : null;
      return planOf && { indicator: planOf, tail: null, strategy: "right" };
    };
    const planOfLeft = planOfName(left);
    if (planOfLeft) return planOfLeft;
    // "... 75,4% kế hoạch doanh thu và 81,9% kế hoạch lợi nhuận": a figure joined by "và" is of its own plan's object.
    const joinedPlan = !left && basis && /(?<![\p{L}])và\s*$/u.test(this.folded.slice(clause.start, quantity.start)) ? this.withoutPlanNoun(basis) : null;
    const joinedPlanOf = joinedPlan && this.withoutAssigner(joinedPlan);
    if (joinedPlanOf) return { indicator: joinedPlanOf, tail: null, strategy: "right" };
    // "giáo dục mũi nhọn có bước tiến với 41 giải học sinh giỏi quốc gia": what comes with a statement is named after the figure.
    const accompanies = /(?<![\p{L}])với\s+$/u.test(this.folded.slice(Math.max(clause.start, quantity.start - 8), quantity.start));
    if (accompanies && rightObject && rightObject.end > quantity.end) return { indicator: rightObject, tail: null, strategy: "right" };
    // "Tuy nhiên, con số này quá ít, hiện chỉ khoảng 5% trong tổng số 56.000 DN ... thật sự mạnh": a share of a
    // whole whose subject is only pointed at is of the whole's noun; "Con số này tăng 15%": of the figure pointed at.
    const pointedAt = (phrase: Span | null): IndicatorChoice | null => {
      if (!phrase || !headRegex("anaphors").test(this.folded.slice(phrase.start, phrase.end))) return null;
      const ofWhole = nextInClause && /^\s*(?:trong\s+)?tổng\s+số\s*$/u.test(this.folded.slice(quantity.end, nextInClause.start));
      const whole = ofWhole ? rightPhrase(this.phrase, nextInClause.nounStart, clause.end, false) : null;
      if (whole) return { indicator: whole, tail: null, strategy: "right" };
      if (inherited) return inherit;
      const last = this.lastEmitted;
      return last?.indicator ? { indicator: last.indicator, tail: last.indicatorTail, strategy: "inherit" } : null;
    };
    // "chi trả cho 127.400 người với số tiền 5.230 tỷ đồng": the sum ("tiền") is of what the figure before measures
    // ("tiền chi trả").
    const justBefore = earlier[earlier.length - 1];
    const sumOfPrevious = left && justBefore?.indicator && justBefore.quantity === previousInClause &&
      lexiconRegex("amount-nouns", "(?<![\\p{L}])với\\s+(?:", ")\\s*$").test(this.folded.slice(previousInClause.end, quantity.start));
    // A sum of money is of the doing ("tiền chi trả"), and so is what was done for those counted ("giao đất cho 186 tổ
    // chức với tổng diện tích 1.245,6 ha"); an area or a length of things made, of the things ("xây dựng 186 công trình
    // đường giao thông nông thôn với tổng chiều dài 274 km": "chiều dài công trình đường giao thông nông thôn").
    const forWhomBefore = justBefore !== undefined && /(?<![\p{L}])cho\s*$/u.test(this.folded.slice(Math.max(0, justBefore.quantity.start - 6), justBefore.quantity.start));
    // "ban hành 43 quyết định xử phạt vi phạm hành chính với tổng số tiền ...": a sum after instruments counted is of
    // what they do ("tiền xử phạt vi phạm hành chính"), not of issuing them.
    const instrumentsDo = quantity.unitClass === "money" && justBefore?.indicatorTail ? this.afterInstrument(justBefore.indicatorTail) : null;
    const amountOf = instrumentsDo ?? (quantity.unitClass === "money" || forWhomBefore ? justBefore?.indicator : justBefore?.indicatorTail ?? justBefore?.indicator);
    if (sumOfPrevious) return { indicator: left, tail: amountOf ?? null, strategy: "left" };
    const anaphorOfLeft = pointedAt(left);
    if (anaphorOfLeft) return anaphorOfLeft;
    // "bằng 108% dự toán Trung ương giao và tăng 12% so với năm 2023": the basis of the figure before is not
    // what this one measures.
    const isEarlierBasis = (phrase: Span | null) => phrase !== null && earlier.some((d) => d.basis !== null && d.basis.start < phrase.end && phrase.start < d.basis.end);
    if (inherited && sameThing && isEarlierBasis(left)) return inherit;
    // "(giảm 0,76% so với năm 2021), vẫn chưa đạt chỉ tiêu Nghị quyết đề ra giảm từ 1%-1,5%/năm": words that
    // only point at a plan leave the figure to what the sentence measures.
    if (pointsAtPlan(left)) {
      if (inherited && sameThing) return inherit;
      if (rightObject) return { indicator: rightObject, tail: null, strategy: "right" };
    }
    if (left) {
      // "đưa 900 lao động đi làm việc ở nước ngoài", "thu hút 120 dự án": a verb right before the
      // figure takes the object after it.
      // "SJC tăng 10.000 tỷ đồng doanh thu": what a change is of may follow its figure.
      const changeOf = (rule.kind === "change" || rule.kind === "comparison") && rightObject !== null && rightObject.start - quantity.end <= 1;
      // "đón 1,25 triệu lượt khách", "tuyển sinh 1.200 học viên": a bare verb counts the noun after it.
      // ("BHTN 90.000 người": an acronym before people is what they are counted in, not a verb.)
      // So does one after who did it ("toàn tỉnh đón 120.500 lượt khách", "thành phố đón 1,1 triệu lượt khách").
      // So does a verb of counting-verbs.tsv after its doer ("Cảng phục vụ 6,52 triệu lượt khách").
      const countsNoun =
        role === "thing" ||
        (role === "population" &&
          ((syllableCount(this.folded, this.afterHolder(left)) <= 2 && !this.isAcronym(left)) ||
            lexiconRegex("counting-verbs", "(?<![\\p{L}])(?:", ")$").test(this.folded.slice(left.start, left.end))));
      // "hộ nghèo 6.400 hộ": a unit the phrase already names is not said twice.
      const named = right !== null && ` ${this.folded.slice(left.start, left.end)} `.includes(` ${this.folded.slice(right.start, right.end)} `);
      // "giải quyết cho 21.540 lượt người hưởng trợ cấp một lần": who the figure is for, named after a bare verb
      // ("chi trả trợ cấp hàng tháng cho 3.010 người có công" names what it counts before "cho").
      const forWhom = role === "population" && syllableCount(this.folded, left) <= 2 && /^\s*cho\s*$/u.test(this.folded.slice(left.end, quantity.start));
      // "cấp mới Giấy chứng nhận đăng ký đầu tư cho 20 dự án FDI": the things something is done for are what it counts.
      const forThings = role === "thing" && !named && /^\s*cho\s*$/u.test(this.folded.slice(left.end, quantity.start));
      const tail = changeOf || forWhom ? rightObject : forThings ? right : !abutsFigure ? null : rightObject ?? (countsNoun && !named ? right : null);
      return { indicator: left, tail, strategy: "left" };
    }
    // "Sản lượng cà phê ước đạt 550 nghìn tấn nhân": what a measure is of stands before the words of mood, not after its unit.
    const subject = role === "measure" && !quantity.percent && rightObject ? this.naming(this.subjectBeforeMood(clause, end, previousInClause)) : null;
    if (subject) return { indicator: subject, tail: null, strategy: "left" };
    if (rightObject) return { indicator: rightObject, tail: null, strategy: "right" };
    // "tỷ lệ hộ nghèo của tỉnh sẽ giảm xuống còn 2,5%": the subject stands before an auxiliary or a comma.
    const further = this.naming(this.leftPhrase(clause, end, previousInClause, true));
    if (further && ofManner(further)) return inherit;
    const anaphorOfFurther = pointedAt(further);
    if (anaphorOfFurther) return anaphorOfFurther;
    const planOfFurther = planOfName(further);
    if (planOfFurther) return planOfFurther;
    const verbOfFurther = verbAfterName(further);
    if (verbOfFurther) return verbOfFurther;
    if (further && (pointsAtPlan(further) || isEarlierBasis(further)) && inherited && sameThing) return inherit;
    // "1.250 cơ sở lưu trú với hơn 18.000 phòng": the words right after the figure before are its noun, not this one's.
    const nounOfPrevious = further !== null && previousInClause !== undefined && this.folded.slice(previousInClause.end, further.start).trim() === "";
    // "Nhờ các chương trình đào tạo, năm 2025 tỉnh đạt 11,5 bác sĩ/vạn dân": a clause of cause or means opening the
    // sentence says why, not what is measured.
    // (Not a name in quotes: Quỹ "Vì người nghèo".)
    const saysWhy =
      further !== null && lexiconRegex("clause-openers", "^", WORD_END).test(this.folded.slice(further.start, further.end)) && !/["“]\s*$/u.test(this.folded.slice(Math.max(0, further.start - 2), further.start));
    // "Hà Nam hiện có 15 KCN": the holder, found past the adverb before "có".
    if (further && right && this.holdsCount(further, quantity)) return { indicator: right, tail: null, strategy: "right" };
    if (further && !saysWhy && !(nounOfPrevious && right && !sameThing)) return { indicator: further, tail: null, strategy: "left" };
    // "15 cơ sở y tế, 3.200 giường bệnh": a figure of another unit counts its own unit; not a level after a change in
    // percent ("dân số trung bình của tỉnh tăng bình quân 0,55%/năm, năm 2025 ước đạt 1.352,6 nghìn người").
    const afterChange = before !== undefined && before.quantity === previousInClause && before.quantity.percent && !quantity.percent && (before.rule.kind === "change" || before.rule.kind === "comparison");
    if (inherited && (sameThing || !right || (afterChange && !rightObject))) return inherit;
    // "đạt 68,5 điểm, tăng 5 bậc": a change named by its unit alone is of what the figure before measures.
    if (inherited && (rule.kind === "change" || rule.kind === "comparison") && !rightObject) return inherit;
    // "phấn đấu vượt 10% kế hoạch thu ngân sách": what the plan is of names what the figure measures.
    const planOf = !right && basis ? this.withoutPlanNoun(basis) : null;
    if (planOf) return { indicator: planOf, tail: null, strategy: "right" };
    // "... đạt 285.000 tỷ đồng. Sáu tháng đã thực hiện được 138.500 tỷ đồng", "xảy ra 58 vụ tai nạn. So với cùng kỳ,
    // giảm 17 vụ": a sentence naming nothing but the unit goes on with the figure of the same kind just before it
    // in its paragraph; a change in percent ("Doanh thu đạt 500 tỷ đồng. So với cùng kỳ, tăng 12%"), with the last.
    const changeInPercent = quantity.percent && (rule.kind === "change" || rule.kind === "comparison");
    const last = this.lastOfClass.get(quantity.unitClass) ?? (changeInPercent ? this.lastEmitted ?? undefined : undefined);
    const sameParagraph = last !== undefined && !this.text.slice(last.quantity.end, quantity.start).includes("\n\n");
    // Not a count of other things of the kind ("Vật ... 4 HCĐ. Karate đóng góp 2 HCV, 1 HCB"): its unit names those.
    // ("căn" after "căn hộ" counts the same things.)
    const [unit, lastUnit] = [quantity.unit ?? "", last?.quantity.unit ?? ""].map((u) => foldVietnamese(u));
    const otherThings = role === "thing" && right !== null && !`${unit} `.startsWith(`${lastUnit} `) && !`${lastUnit} `.startsWith(`${unit} `);
    if (last?.indicator && sameParagraph && !otherThings) return { indicator: last.indicator, tail: last.indicatorTail, strategy: "inherit" };
    if (right) return { indicator: right, tail: null, strategy: "right" };
    return { indicator: null, tail: null, strategy: "none" };
  }

  /**
   * The phrase before words of mood that run into a figure's cue ("Sản lượng lương thực ước đạt", "Diện tích phấn đấu
   * đạt"), which leave nothing between themselves and the figure.
   */
  private subjectBeforeMood(clause: Span, end: number, previous: Quantity | undefined): Span | null {
    // Not a bare "đã" ("Quỹ ... đã cho 45 lượt HTX vay"): a tense before a verb of its own, whose doer stands before it.
    const runIn = this.events.find((e) => e.position >= clause.start && e.position < end && /^\s*$/u.test(this.folded.slice(Math.min(e.end, end), end)) &&
      !/^đã$/u.test(this.folded.slice(e.position, e.end)));
    return runIn ? this.leftPhrase(clause, runIn.position, previous, false) : null;
  }

  /** "kế hoạch thu ngân sách" → "thu ngân sách"; null when the basis is a plan noun alone or none. */
  private withoutPlanNoun(basis: Span): Span | null {
    const plan = headRegex("plan-nouns").exec(this.folded.slice(basis.start, basis.end));
    if (!plan) return null;
    // "75,4% kế hoạch doanh thu và 81,9% kế hoạch lợi nhuận": up to the next figure and the "và" before it.
    const next = this.quantities.find((q) => q.start > basis.start + plan[0].length && q.start < basis.end);
    const end = next ? basis.start + plan[0].length + this.folded.slice(basis.start + plan[0].length, next.start).replace(/(?:\s+và)?\s*$/u, "").length : basis.end;
    return trimPhrase(this.phrase, { start: basis.start + plan[0].length, end });
  }

  /** The phrase from a rate's head at most RATE_LIST_PIECES commas back, when no piece between holds a period, a date or a change. */
  private extendToRateHead(phrase: Span, boundary: Span, boundaryBefore: (to: number) => Span): Span | null {
    // "tỷ lệ hộ nghèo giảm, thu nhập bình quân đạt 60 triệu đồng": a phrase with its own head, or a
    // piece that says what changed, is a clause of its own.
    if (headRegex("rate-heads").test(this.folded.slice(phrase.start, phrase.end))) return null;
    // "giảm 1% tỷ lệ hộ nghèo, riêng hộ nghèo dân tộc Khmer giảm 1,5%": a part singled out is not an item of a list.
    if (lexiconRegex("narrowing-words", WORD_START, WORD_END).test(this.folded.slice(boundary.end, phrase.start))) return null;
    // "Tỷ lệ lấp đầy bình quân của các KCN đã đi vào hoạt động đạt 68,4%": "đã" in what a rate is of opens no clause.
    if (/^đã$/u.test(this.folded.slice(boundary.start, boundary.end))) {
      const head = trimPhrase(this.phrase, { start: boundaryBefore(boundary.start).end, end: boundary.start });
      if (head && headRegex("rate-heads").test(this.folded.slice(head.start, head.end)) && !changeVerb().test(this.folded.slice(head.start, head.end))) {
        return trimPhrase(this.phrase, { start: head.start, end: phrase.end });
      }
    }
    let at = boundary;
    for (let pieces = 0; pieces < RATE_LIST_PIECES && this.folded.slice(at.start, at.end) === ","; pieces++) {
      const before = boundaryBefore(at.start);
      const piece = { start: before.end, end: at.start };
      if (this.phrase.removable.some((r) => piece.start <= r.start && r.end <= piece.end)) return null;
      if (changeVerb().test(this.folded.slice(piece.start, piece.end))) return null;
      const head = trimPhrase(this.phrase, piece);
      // A total's head is read before trimming: "tổng số" would go ("Tổng số thu BHXH, BHYT, BHTN").
      const listHead = headRegex("list-heads").test(this.folded.slice(piece.start, piece.end).trimStart());
      const isRateHead = head !== null && syllableCount(this.folded, head) <= RATE_HEAD_PIECE_SYLLABLES && (listHead || headRegex("rate-heads").test(this.folded.slice(head.start, head.end)));
      if (isRateHead) return trimPhrase(this.phrase, { start: head.start, end: phrase.end });
      at = before;
    }
    return null;
  }

  /**
   * "tư vấn về chính sách, pháp luật lao động, giới thiệu việc làm cho 5.000 lượt người": the activities listed
   * before the figure, back to the first one's verb; short pieces without a verb ("pháp luật lao động") are
   * taken only on the way to a piece with one.
   */
  private extendToActivityList(phrase: Span, boundary: Span, boundaryBefore: (to: number) => Span): Span | null {
    let start: number | null = null;
    let at = boundary;
    for (let pieces = 0; pieces < ACTIVITY_LIST_PIECES && this.folded.slice(at.start, at.end) === ","; pieces++) {
      const before = boundaryBefore(at.start);
      const piece = trimPhrase(this.phrase, { start: before.end, end: at.start });
      if (!piece || /\d/.test(this.folded.slice(piece.start, piece.end))) break;
      const verb = activityVerb().exec(this.folded.slice(piece.start, piece.end));
      if (verb) {
        start = piece.start + verb.index;
        if (verb.index > 0) break;
      } else if (syllableCount(this.folded, piece) > ACTIVITY_LIST_VERBLESS_SYLLABLES) break;
      at = before;
    }
    return start === null ? null : { start, end: phrase.end };
  }

  /** Whether the span holds only unit nouns between commas ("huyện, thị xã, thành phố với"), function words aside. */
  private listsUnitsOnly(span: Span): boolean {
    const pieces = this.folded.slice(span.start, span.end).split(",");
    let offset = span.start;
    const units = pieces.map((piece) => {
      const trimmed = trimPhrase(this.phrase, { start: offset, end: offset + piece.length });
      offset += piece.length + 1;
      return trimmed === null || isUnitWord(this.folded.slice(trimmed.start, trimmed.end));
    });
    // Not "..., nâng tổng số hội viên lên 352.180 người": a verb of moving a level to the figure says what it is.
    const moves = lexiconRegex("move-verbs", WORD_START, WORD_END).test(this.folded.slice(span.start, span.end));
    return pieces.length > 1 && units.every(Boolean) && !moves;
  }

  /** One word of capitals and digits ("GRDP", "BHTN"). */
  private isAcronym(span: Span): boolean {
    return /^\p{Lu}[\p{Lu}\d]+$/u.test(this.text.slice(span.start, span.end));
  }

  /**
   * What of a phrase before a figure can name it: not a place alone ("huyện có 14/14 xã đạt chuẩn", "xếp thứ 12/63
   * tỉnh, thành phố, tăng 5 bậc": who has it or where it ranks), and after words about a plan's items, what "là"
   * names ("Còn 2 chỉ tiêu chưa đạt là tỷ lệ hộ nghèo").
   */
  private naming(named: Span | null): Span | null {
    const phrase = named && this.withoutAssigner(named);
    if (!phrase || this.isPlace(phrase) || this.isPerson(phrase) || this.isWholeScope(phrase)) return null;
    // "Chúng tôi có 1.150 ha vùng nuôi liên kết": a pronoun says who, not what; "đến chiều 27/9 đã có 12.500 tàu
    // thuyền": a part of the day says when.
    if (lexiconRegex("personal-pronouns", "^(?:", ")$").test(this.folded.slice(phrase.start, phrase.end))) return null;
    if (lexiconRegex("day-parts", "^(?:", ")$").test(this.folded.slice(phrase.start, phrase.end))) return null;
    // "Trong kỳ, Công ty thực hiện 1.186 đấu nối mới": a body named only by its kind is who did it, not what is counted.
    if (lexiconRegex("organisation-heads", "^(?:", ")$").test(this.folded.slice(phrase.start, phrase.end))) return null;
    const copula = /\slà\s/u.exec(this.folded.slice(phrase.start, phrase.end));
    if (!copula || !lexiconRegex("plan-nouns", WORD_START, WORD_END).test(this.folded.slice(phrase.start, phrase.start + copula.index))) return phrase;
    return trimPhrase(this.phrase, { start: phrase.start + copula.index + copula[0].length, end: phrase.end }) ?? phrase;
  }

  /**
   * "Dự toán thu ngân sách nội địa Bộ Tài chính giao 7.268 tỷ đồng, Hội đồng nhân dân tỉnh giao 7.700 tỷ đồng": who
   * assigned a plan, named by capitals before "giao", is not what it measures; null when that is all the phrase says.
   */
  private withoutAssigner(phrase: Span): Span | null {
    const words = [...this.text.slice(phrase.start, phrase.end).matchAll(/\S+/gu)];
    if (words.length < 2 || foldVietnamese(words[words.length - 1][0]) !== "giao") return phrase;
    const assigner = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^\p{Lu}/u.test(w[0]));
    if (assigner > 0) return trimPhrase(this.phrase, { start: phrase.start, end: phrase.start + words[assigner].index! }) ?? phrase;
    const organisation = leadingSurfaceLength("organisation-heads", words.map((w) => foldVietnamese(w[0]))) > 0;
    return organisation || /^\p{Lu}{2,}$/u.test(words[0][0]) ? null : phrase;
  }

  /** What follows a phrase's opening word of instrument-nouns.tsv ("quyết định xử phạt" → "xử phạt"), null if none opens it. */
  private afterInstrument(phrase: Span): Span | null {
    const words = [...this.folded.slice(phrase.start, phrase.end).matchAll(/\S+/gu)];
    const instrument = leadingSurfaceLength("instrument-nouns", words.map((w) => w[0]));
    return instrument > 0 && instrument < words.length ? { start: phrase.start + words[instrument].index!, end: phrase.end } : null;
  }

  /**
   * What of a phrase's last clause follows the place or scope that opens it ("dịp nghỉ lễ, toàn tỉnh đón" → "đón"); the
   * phrase if none does.
   */
  private afterHolder(phrase: Span): Span {
    const text = this.folded.slice(phrase.start, phrase.end);
    const from = phrase.start + text.lastIndexOf(",") + 1;
    const words = [...this.folded.slice(from, phrase.end).matchAll(/\S+/gu)];
    const folded = words.map((w) => w[0]);
    const scope = leadingSurfaceLength("place-scopes", folded);
    const held = scope > 0 ? scope : leadingSurfaceLength("place-levels", folded);
    return held > 0 && held < words.length ? { start: from + words[held].index!, end: phrase.end } : phrase;
  }

  /**
   * "Toàn dự án có 2.364 hộ dân bị ảnh hưởng", "toàn ngành có", "Toàn xã còn 101 hộ nghèo": the whole of something, as a
   * place scope is, says what the count is over, not what it counts.
   */
  private isWholeScope(span: Span): boolean {
    return syllableCount(this.folded, span) <= 2 && /(?<![\p{L}])toàn\s+$/u.test(this.folded.slice(Math.max(0, span.start - 6), span.start)) && /^\s+(?:hiện\s+)?(?:có|còn)(?![\p{L}])/u.test(this.folded.slice(span.end, span.end + 10));
  }

  /**
   * "I. TÌNH HÌNH THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024" ... "Tháng 4/2024, ... đạt 512.000 m3." "3. Phát triển khách hàng": a
   * section under a part's heading speaks of the part's period again, not of one a section before singled out.
   */
  private enterSection(paragraph: Paragraph, text: string): void {
    const part = PART_NUMERAL.test(text);
    if (!(part || NUMBERED_HEADING.test(text)) || paragraph.sentences.length > 1 || spansWithin(this.quantities, paragraph).length > 0) return;
    const period = spansWithin(this.periods, paragraph).find((p) => !p.excluded && !p.relative);
    if (period && part) this.partPeriod = this.resolve(period) || null;
    else if (!period && this.partPeriod) this.carriedPeriod = this.partPeriod;
    // "II. KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN" in "BÁO CÁO / Tổng kết ... giai đoạn 2021-2025": a part naming no period speaks
    // of what the title names, not of the year the part before ended on.
    // Not a plan's horizon still ahead ("KẾ HOẠCH thực hiện Nghị quyết ... giai đoạn 2021 - 2025" in 2021).
    else if (!period && part && this.titlePeriod && (this.documentYear === null || lastYearOf(this.titlePeriod) <= this.documentYear)) {
      this.carriedPeriod = this.titlePeriod;
    }
  }

  /**
   * Whether a phrase right before "có" or "còn" and a count is who has the things counted: a name ("Hà Nam"), or a
   * place or body by its kind, with its name or alone ("bản Sín Suối Hồ", "các KCN", "cả thôn", "Xã tôi";
   * rules/lexicon/holder-nouns.tsv).
   */
  private holdsCount(phrase: Span, quantity: Quantity): boolean {
    if (!POSSESSION_BEFORE_COUNT.test(this.folded.slice(phrase.end, quantity.start))) return false;
    if (this.isProperName(phrase)) return true;
    const words = this.text.slice(phrase.start, phrase.end).split(/\s+/);
    const folded = words.map((w) => foldVietnamese(w));
    // "Giám đốc Công ty, hiện đơn vị có 68 công nhân": who holds them may follow the last comma.
    const afterComma = folded.findLastIndex((w) => w.endsWith(",")) + 1;
    return this.holdsFrom(words, folded, 0, quantity) || (afterComma > 0 && this.holdsFrom(words, folded, afterComma, quantity));
  }

  /** Whether the words from `from` on, past those of holder-openers.tsv ("hiện", "toàn", "qua", "mỗi"), are a holder (holdsCount). */
  private holdsFrom(words: readonly string[], folded: readonly string[], from: number, quantity: Quantity): boolean {
    let each = false;
    for (let opener = leadingSurfaceLength("holder-openers", folded.slice(from)); opener > 0; opener = leadingSurfaceLength("holder-openers", folded.slice(from))) {
      each ||= folded[from] === "mỗi";
      from += opener;
    }
    const to = words.length > from + 1 && /^(?:này|đó|ấy|tôi|mình)$/u.test(folded[words.length - 1]) ? words.length - 1 : words.length;
    const holder = words.slice(from, to);
    const holderFolded = folded.slice(from, to);
    const holderNoun = leadingSurfaceLength("holder-nouns", holderFolded);
    // "mỗi ngày đêm có khoảng 8.500 lượt xe": how often, not who ("Ngày hội có ..." is an event).
    if (holder.length === 0 || (holderNoun === 0 && leadingSurfaceLength("time-nouns", holderFolded) > 0)) return false;
    // "Hệ thống thư viện cơ sở có 1.126 tủ sách": a holder with a short complement of its own holds them too; not one
    // of the things counted ("HTX nông nghiệp có 742 HTX" names a kind of them).
    const ofCounted = quantity.unit !== "" && `${holderFolded.join(" ")} `.startsWith(`${foldVietnamese(quantity.unit)} `);
    // "Mỗi cơ sở Đoàn có ít nhất 01 công trình, phần việc thanh niên": what each of them has is what is counted
    // (not what each measures: "mỗi suất quà gồm 5 mét vải lụa").
    const eachHolds = each && unitRole(quantity.unitClass) !== "measure";
    return isTitledWords(holder, "holder-nouns", false) || (holder.length <= 6 && !ofCounted && (eachHolds || holderNoun > 0));
  }

  /** How many of a phrase's last words, after a name, say what of it is measured ("hàng trị giá": 2; rules/lexicon/measure-aspects.tsv). */
  private aspectWordsAtEnd(phrase: Span): number {
    const words = this.folded.slice(phrase.start, phrase.end).split(/\s+/u);
    return [2, 1].find((n) => words.length > n && measureAspects().has(words.slice(-n).join(" "))) ?? 0;
  }

  /** A person named with a title ("Ông Trần Văn B" before an interview's answer): who speaks, not what is measured. */
  private isPerson(span: Span): boolean {
    return this.isTitledName(span, "person-titles", true);
  }

  /** A place named by its level, alone or before its name: "huyện", "Thành phố", "huyện Tân Phú". */
  private isPlace(span: Span): boolean {
    return this.isTitledName(span, "place-levels", false);
  }

  /**
   * A phrase without the place that opens or ends it ("TP Nha Trang tiết kiệm" → "tiết kiệm", "Chi cục Thi hành án dân
   * sự huyện Cao Lộc" → "Chi cục Thi hành án dân sự"); the phrase if none does, or if the place is all it says.
   */
  private withoutPlace(span: Span): Span {
    const words = [...this.text.slice(span.start, span.end).matchAll(/\S+/gu)];
    const folded = words.map((w) => foldVietnamese(w[0]));
    const namedFrom = (i: number) => {
      let end = i;
      while (end < words.length && /^\p{Lu}/u.test(words[end][0])) end++;
      return end;
    };
    const title = leadingSurfaceLength("place-levels", folded);
    const opening = title > 0 ? namedFrom(title) : 0;
    if (opening > title && opening < words.length) return { start: span.start + words[opening].index!, end: span.end };
    for (let i = 1; i < words.length; i++) {
      const level = leadingSurfaceLength("place-levels", folded.slice(i));
      if (level > 0 && i + level < words.length && namedFrom(i + level) === words.length) {
        return { start: span.start, end: span.start + words[i - 1].index! + words[i - 1][0].length };
      }
    }
    return span;
  }

  /** A phrase that is a title of the lexicon and a name (isTitledWords). */
  private isTitledName(span: Span, lexicon: string, nameRequired: boolean): boolean {
    return isTitledWords(this.text.slice(span.start, span.end).split(/\s+/), lexicon, nameRequired);
  }

  /** Two or more capitalised words and nothing else ("Việt Nam", "Khánh Hòa"); acronyms ("GDP", "CPI") are not names. */
  private isProperName(span: Span): boolean {
    const words = this.text.slice(span.start, span.end).split(/\s+/);
    return words.length >= 2 && words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w));
  }

  /**
   * The phrase before a figure's cue, from the last boundary (punctuation, a
   * plan cue or report word, the figure before). With `stepBack`, an empty
   * piece gives way to the piece before its boundary.
   */
  private leftPhrase(clause: Span, end: number, previous: Quantity | undefined, stepBack: boolean, listsActivities = false): Span | null {
    const floor = Math.max(clause.start, previous ? previous.end : clause.start);
    /** The last boundary before `to`: [start, end) of the punctuation or cue word. */
    const boundaryBefore = (to: number): Span => {
      let at: Span = lastBoundary(this.phrase, floor, to);
      // A cue running into the figure's own ("phấn đấu đạt" before "đạt 35 giường bệnh") bounds the phrase too.
      for (const e of spansWithin(this.events, { start: floor, end: clause.end })) {
        if (e.position < to && Math.min(e.end, to) > at.end) at = { start: e.position, end: Math.min(e.end, to) };
      }
      return at;
    };
    let boundary = boundaryBefore(end);
    // What follows the figure before ("2.515 người có công, đạt 89%") is that figure's own noun, and so is what
    // "đối với" right after it says the figure is of ("đạt 60% đối với cấp huyện và 50% đối với cấp xã").
    // But "xây mới 45 căn nhà và sửa chữa 12 căn": after "và", a verb of its own.
    const coordinated = previous !== undefined && /^\s*và\s+\p{L}/u.test(this.folded.slice(floor, end));
    if (coordinated && boundary.end === floor) boundary = { start: floor, end: floor + this.folded.slice(floor, end).indexOf("và") + 2 };
    if (previous && boundary.end === floor && !stepBack) return null;
    if (previous && /^\s*đối\s+với$/u.test(this.folded.slice(floor, boundary.end))) return null;
    let phrase = trimPhrase(this.phrase, { start: boundary.end, end });
    // "tỷ lệ hộ nghèo của tỉnh đã giảm từ 4,52% ...": a change verb alone after a report word is what its
    // subject did; the subject names the figure.
    if (phrase && !punctuationAt(this.folded, boundary) && boundary.start > floor && isChangeVerbAlone(this.folded.slice(phrase.start, phrase.end))) {
      const subject = boundaryBefore(boundary.start);
      const widened = trimPhrase(this.phrase, { start: subject.end, end });
      if (widened && widened.start < phrase.start) {
        boundary = subject;
        phrase = widened;
      }
    }
    // "12 huyện, thị xã, thành phố với 125 xã": unit nouns listed after the figure before are its own.
    if (previous && this.listsUnitsOnly({ start: floor, end })) return null;
    // "tỷ lệ lao động có bằng cấp, chứng chỉ là 31%", "tồn kho trong sản xuất sắt, thép, gang tăng 10,9%":
    // short pieces after commas continue the phrase before them.
    // An acronym ("..., GRDP tăng 8%") names a whole indicator.
    let first = phrase && this.isAcronym(phrase) ? null : phrase;
    // "vận động tiền, hàng trị giá 86,4 tỷ đồng": the worth of what is named is no word of its name.
    const nameLength = (piece: Span) => syllableCount(this.folded, piece) - this.aspectWordsAtEnd(piece);
    // "Vốn đối ứng của các tổ chức, doanh nghiệp chủ trì đạt 58,4 tỷ đồng": after "của" and a short noun, the comma lists
    // whose it is, however long the piece after it, when a word of reaching follows (not "..., giải quyết việc làm cho").
    const subjectOfCue = /^\s*(?:ước\s+)?(?:đạt|là)(?![\p{L}])/u.test(this.folded.slice(end, end + 12));
    const listsOwners = (comma: Span) => subjectOfCue && OWNER_BEFORE_COMMA.test(this.folded.slice(Math.max(floor, comma.start - 40), comma.start));
    for (let pieces = 0; first && pieces < SHORT_LIST_PIECES && (nameLength(first) <= 2 || listsOwners(boundary)) && this.folded.slice(boundary.start, boundary.end) === ","; pieces++) {
      // "Trước dịch, năm 2019 Hòa Bình đón 3,2 triệu lượt khách": a piece opening with a time opens a clause of its own.
      const afterComma = boundary.end;
      if (this.periods.some((p) => p.start >= afterComma && p.start < first!.start && /^\s*$/.test(this.folded.slice(afterComma, p.start)))) break;
      const before = boundaryBefore(boundary.start);
      // "xuất khẩu 250.000 tấn gạo, thu về 150 triệu USD": the piece right after a figure is its noun.
      if (previous && before.end === floor) break;
      const piece = { start: before.end, end: boundary.start };
      const extended = trimPhrase(this.phrase, { start: piece.start, end: phrase!.end });
      // Not across a reference ("Theo Quyết định số 1620 ngày 15/6/2023, tỉnh phân bổ 12 tỷ đồng").
      const reference = this.phrase.removable.some((r) => piece.start <= r.start && r.end <= piece.end) || ATTRIBUTION.test(this.folded.slice(piece.start, piece.end));
      // Nor past the comma that closes an opening clause of cause or means ("Nhờ thực hiện đồng bộ, quyết liệt các
      // giải pháp, hộ nghèo còn 3,96%"), though short nouns listed after it are one subject ("Do dịch, doanh thu, lợi nhuận giảm").
      const closesOpener = syllableCount(this.folded, piece) > 2 && lexiconRegex("clause-openers", "^\\s*", WORD_END).test(this.folded.slice(clause.start, boundary.start));
      if (!extended || reference || closesOpener) break;
      phrase = extended;
      first = trimPhrase(this.phrase, piece);
      boundary = before;
    }
    // "Tỷ lệ thu gom, vận chuyển, xử lý chất thải rắn đạt 95%": a rate's head a few commas back names
    // what the list after it is a rate of.
    if (phrase && !stepBack) phrase = this.extendToRateHead(phrase, boundary, boundaryBefore) ?? phrase;
    if (phrase && listsActivities) phrase = this.extendToActivityList(phrase, boundary, boundaryBefore) ?? phrase;
    for (let steps = 0; stepBack && !phrase && boundary.start > floor && steps < 2; steps++) {
      // "(còn 1,85%, ...) và tỷ lệ trường đạt chuẩn (đạt 68%)": after the bracket a figure closed, a new subject.
      if (previous && boundaryBefore(boundary.start).end === floor && !/^\s*\)/.test(this.folded.slice(floor, boundary.start))) break;
      // "còn 1,12% so với số phải thu, giảm 0,35%", "đạt 80% đối với cấp tỉnh, 60% ...": what the figure before
      // was set against, or what it was of, names nothing for this one.
      if (previous && /^\s*(?:so|đối\s+với)\s/u.test(this.folded.slice(floor, boundary.start))) break;
      // "đạt 214 triệu USD (gồm cả vốn cấp mới và điều chỉnh tăng), mới bằng 42,8% kế hoạch": an aside on the
      // figure before names nothing for this one.
      if (previous && /^\s*\([^()]*\)\s*$/u.test(this.folded.slice(floor, boundary.start))) break;
      const to = boundary.start;
      // "Ngành sản xuất và phân phối điện, khí đốt, nước nóng: giảm 3,21%": a label before a colon is
      // whole, but for the headers of a table cell ("Giải quyết việc làm – Kế hoạch 2024: 32.000"), the row's.
      // A table cell's row header before its column headers ("Tỷ lệ lao động có bằng cấp, chứng chỉ – KH 2024: 35%")
      // is whole too, commas and all.
      const label = this.folded[to] === ":" || /^\s-\s$/.test(this.folded.slice(boundary.start, boundary.end));
      boundary = label ? { start: floor, end: floor } : boundaryBefore(to);
      // "Theo Phòng Giáo dục và Đào tạo huyện, toàn huyện có 62 trường học": who says it is no subject.
      if (!label && ATTRIBUTION.test(this.folded.slice(boundary.end, to))) break;
      const dash = label ? this.folded.slice(floor, to).search(/\s-\s/) : -1;
      phrase = trimPhrase(this.phrase, { start: boundary.end, end: dash >= 0 ? floor + dash : to });
    }
    return phrase;
  }

  private periodFor(quantity: Quantity, clauseStart: number, scope: PeriodScope, basis: Span | null, mood: Mood | null, comparing: boolean): AssignedPeriod {
    // "Vườn quốc gia Xuân Thủy (được công nhận năm 1989) đón 312.000 lượt khách": a period in an aside closed before the figure is the aside's.
    // But "Trong tháng (từ ngày 15/9 đến 14/10/2024), ... xảy ra 14 vụ": a bracket that says which month is meant is the figure's.
    // So is one that gives the days of the time named before it ("trong 9 ngày nghỉ Tết (từ ngày 14/2 đến hết ngày 22/2)"),
    // or closes the label of the figure ("Nghị quyết (mục tiêu đến 2025): 75 triệu đồng").
    const explains = (b: Span) =>
      /(?<![\p{L}])(?:tháng|quý|kỳ)\s*$/u.test(this.folded.slice(Math.max(0, b.start - 12), b.start)) ||
      /^\s*:/u.test(this.folded.slice(b.end, b.end + 3)) ||
      this.periods.some((p) => p.mention.rule === "period.month-of-days" && /^\(\s*$/.test(this.folded.slice(b.start, p.start)) && /^\s*\)$/.test(this.folded.slice(p.end, b.end)));
    const inAside = (p: PeriodRef) => this.brackets.some((b) => b.start < p.start && p.end <= b.end && b.end <= quantity.start && !explains(b));
    // "tăng 1,86% (cùng kỳ tăng 3,02%)": nor one in brackets about a figure of their own.
    const inOtherFiguresAside = (p: PeriodRef) => this.inAsideWithFigures(p, quantity);
    // "So với SEA Games 32 năm 2023, ... số HCV lần này giảm 40 chiếc": a change is not of the period it is set against.
    const usable = (p: PeriodRef) => !(basis && within(p, basis)) && !inAside(p) && !inOtherFiguresAside(p) && !(comparing && this.inComparisonBasis(p));
    // "Năm 2023, tổng thu ... cả năm đạt 2.486 tỷ đồng": a period without its year is of the year the sentence named before it.
    // Under "Các chỉ tiêu chủ yếu năm 2023 như sau:", "tỷ lệ hộ nghèo cuối năm" is of the list's year.
    const listYear = mood === "target" && scope.governingPeriod && /^\d{4}$/.test(scope.governingPeriod) ? Number(scope.governingPeriod) : undefined;
    const namedYear =
      scope.sentencePeriods
        .filter((p) => p.end <= quantity.start && !p.relative)
        .flatMap((p) => ("year" in p.mention.value && p.mention.value.year !== undefined ? [p.mention.value.year] : []))
        .pop() ?? listYear;
    const stated = (p: PeriodRef | undefined): AssignedPeriod | null => {
      const value = p ? this.resolve(p, namedYear ?? null) : "";
      return value ? { value, explicit: true } : null;
    };
    // "So với Đại hội lần thứ VIII năm 2018 (5 HCV, 7 HCB, 11 HCĐ)", "so với năm 2020 (41,8 triệu đồng)": brackets opened
    // right after a period on its figures are that period's, a basis's too; not on a plan or a change ("(kế hoạch tăng
    // 9-10%)", "(giảm 115 vụ)").
    const opening = this.brackets.find((b) => b.start < quantity.start && quantity.end <= b.end && /^\(\s*\d/u.test(this.folded.slice(b.start, b.end)));
    const labelled = opening && this.periods.find((p) => p.end <= opening.start && /^\s*$/u.test(this.folded.slice(p.end, opening.start)) && !p.relative);
    const labelledValue = labelled && stated(labelled);
    if (labelledValue) return labelledValue;
    // "từ 1,36% (năm 2024)": a bracketed period right after a figure is its own.
    const bracketed = spansWithin(this.periods, { start: quantity.end, end: quantity.end + 60 }).find((p) => /^\s*\(\s*$/.test(this.folded.slice(quantity.end, p.start)) && !inOtherFiguresAside(p));
    if (bracketed) return stated(bracketed) ?? { value: "", explicit: false };
    // "mức tăng 6,5% của cùng kỳ năm 2023": a period a figure is "of" is its own, even one named as a basis.
    const ofPeriod = this.periods.find((p) => p.start >= quantity.end && /^\s*của\s+$/.test(this.folded.slice(quantity.end, p.start)));
    const ofPeriodValue = ofPeriod && stated(ofPeriod);
    if (ofPeriodValue) return ofPeriodValue;
    // "xuống còn 4,2% năm 2019": a period right after a figure is its own.
    const adjacent = scope.clausePeriods.find((p) => p.start >= quantity.end && /^\s*$/.test(this.folded.slice(quantity.end, p.start)) && usable(p));
    const adjacentValue = adjacent && stated(adjacent);
    if (adjacentValue) return adjacentValue;
    // "từ 1,36% (năm 2024)", "từ 12,5% năm 2015 xuống 4,2%": a period right after another figure is that figure's.
    const isOtherFiguresOwn = (p: PeriodRef) =>
      p.end <= quantity.start &&
      ((/\(\s*$/.test(this.folded.slice(Math.max(0, p.start - 3), p.start)) && !this.brackets.some((b) => b.start < p.start && p.end <= b.end && (explains(b) || within(quantity, b)))) ||
        this.quantities.some((q) => q !== quantity && q.end <= p.start && /^\s*$/.test(this.folded.slice(q.end, p.start))));
    const before = scope.clausePeriods.filter((p) => p.end <= quantity.start && usable(p) && !isOtherFiguresOwn(p));
    // "tổng mức đầu tư 1.200 tỷ đồng, dự kiến hoàn thành vào năm 2026": a period after a comma is another verb's.
    const after = scope.clausePeriods.filter((p) => p.start >= quantity.end && usable(p) && !this.folded.slice(quantity.end, p.start).includes(","));
    const sentenceBefore = scope.sentencePeriods.filter((p) => p.end <= quantity.start && usable(p) && !isOtherFiguresOwn(p));
    // "4-5 năm nay" leaves its own sentence without a period, not the rest of its paragraph; an item
    // of a list under a heading takes the heading's period, not the items' before it.
    const paragraphBefore = scope.listItem && scope.governingPeriod ? [] : scope.paragraphPeriods.filter((p) => p.mention.value.grain !== "vague");
    // "Theo Đề án phát triển cà phê bền vững đến năm 2030, tỉnh phấn đấu ổn định diện tích 190.000 ha": a plan
    // whose sentence names no other period is for the term of the programme it follows.
    const programme = mood === "target" ? scope.sentenceProgrammes.filter((p) => p.end <= quantity.start).pop() : undefined;
    const fromParagraph = paragraphBefore[paragraphBefore.length - 1];
    const candidates = [before[before.length - 1], after[0], sentenceBefore[sentenceBefore.length - 1], programme, fromParagraph];
    // "giảm 3,21% so với tháng trước": a change on the month before is a month's figure.
    const grain = basis ? this.basisGrain(basis) : null;
    // "Toàn tỉnh hiện có 1.146 cơ sở lưu trú" after "6 tháng đầu năm 2025, ...": a stock now is of the year; after
    // "Giai đoạn 2021 - 2025, ..." written in 2025, of the year of writing within the term.
    const now = presentStock().test(this.folded.slice(clauseStart, quantity.start));
    const nowIn = (value: string): string => {
      // "Hiện toàn tỉnh có 37/47 xã" after figures of 2021, in September 2022: now is the year of writing, once its
      // first quarter is past (a year's report in its first months speaks of the year before as its present).
      if (/^\d{4}$/.test(value) && this.documentYear !== null && Number(value) < this.documentYear && this.documentMonth > 3 && value !== this.titlePeriod) {
        return String(this.documentYear);
      }
      const term = /^(\d{4})\/(\d{4})$/.exec(value);
      if (term && Number(term[2]) > Number(term[1]) + 1) return String(Math.min(Number(term[2]), Math.max(Number(term[1]), this.documentYear ?? Number(term[2]))));
      return value === this.reportPeriod ? value : (PART_OF_YEAR.exec(value)?.[1] ?? value);
    };
    const ofYear = (period: AssignedPeriod): AssignedPeriod => (now ? { ...period, value: nowIn(period.value) } : period);
    for (const candidate of candidates) {
      // "2-3 năm nay, công ty đã phải giảm 50% sản lượng": the text names no period, and none is carried in.
      if (candidate?.mention.value.grain === "vague") return { value: "", explicit: true };
      const found = stated(candidate);
      // "6 tháng đầu năm 2023, ... Diện tích cây ăn trái tiếp tục mở rộng, đến nay toàn huyện có 9.860 ha": now is
      // still the period the report has in hand.
      // But "Chiến dịch ... triển khai từ ngày 3/3/2025, đến nay đã tiêm cho 38.540 trẻ": a date of the year of writing
      // before it in its sentence says "now" is of that year.
      // "Đến ngày 15/6/2024, toàn huyện có 296 cơ sở lưu trú" in a report on the first half of 2024: a day in the last
      // month of the months in hand closes those months.
      const closed = found ? this.closedInHand(candidate!, found.value) : null;
      if (closed) return { value: closed, explicit: true };
      const upToNow = found !== null && isUpToNow(candidate!);
      const datedNow = upToNow && this.dates.some((d) => d.year === this.documentYear && d.start >= scope.sentenceStart && d.end <= candidate!.start);
      const reported = upToNow && !datedNow ? this.reportedNow(fromParagraph) : null;
      if (reported) return { value: reported, explicit: true };
      // "Đến năm 2030 Hòa Bình phấn đấu đón 6 triệu lượt khách. Hiện nay, toàn tỉnh có 52 dự án": what is reported
      // is not of a year the paragraph plans for.
      const plannedAhead = found && mood === "actual" && candidate === fromParagraph && this.documentYear !== null && (yearOf(found.value) ?? 0) > this.documentYear;
      if (found && !plannedAhead && (!grain || grain.test(found.value))) return candidate === fromParagraph ? ofYear(found) : found;
    }
    if (grain) {
      const sameGrain = this.periodHistory.filter((p) => grain.test(p) && !/^\d{4}$/.test(p)).pop();
      if (sameGrain) return { value: sameGrain, explicit: false };
    }
    if (scope.governingPeriod) return { value: scope.governingPeriod, explicit: true };
    // "để đạt mục tiêu trên, tỉnh cần huy động 35.000 tỷ đồng": a plan speaks of the plan's year.
    const carried = mood === "target" ? this.carriedPlanPeriod ?? this.carriedPeriod : this.carriedPeriod;
    const eventMonth = carried ? null : this.eventMonth(scope);
    if (eventMonth) return { value: eventMonth, explicit: false };
    const fallback = carried ?? (this.documentYear ? String(this.documentYear) : this.dominantYear);
    return ofYear({ value: fallback, explicit: false, undated: !carried });
  }

  /**
   * "Tính đến 17h ngày 28/10, bão số 7 đã làm 6 người chết" in news of 28 October with no period named or carried:
   * a day of the month of writing, or of the month before, in a figure's sentence dates what happened on it by
   * its month.
   */
  private eventMonth(scope: PeriodScope): string | null {
    const written = parseDocumentDate(this.context.documentDate ?? undefined);
    if (!written?.month) return null;
    // "Tính đến ngày 20/7/2024, dự án đã hoàn thành đúc móng 1.173/1.177 vị trí": a day a count runs up to is not when it happened.
    const upTo = (d: DateMention) => UP_TO_DAY.test(this.folded.slice(Math.max(scope.sentenceStart, d.start - 30), d.start));
    const dayOfEvent = (d: DateMention) =>
      d.day !== undefined && d.month !== undefined && (d.year === undefined || d.year === written.year) && !upTo(d) && !(d.year !== undefined && d.iso?.slice(0, 10) === this.context.documentDate?.slice(0, 10));
    const day = spansWithin(this.dates, { start: scope.sentenceStart, end: scope.sentenceEnd }).find(dayOfEvent);
    if (!day) return null;
    const monthsBefore = written.month - day.month!;
    return monthsBefore === 0 || monthsBefore === 1 ? `${written.year}-M${String(day.month).padStart(2, "0")}` : null;
  }

  /**
   * "So với SEA Games 32 năm 2023, ..." or "tăng 5% so với cùng kỳ năm 2023": a period figures are set against, not one
   * they are for; with `comparatives`, also one a comparative names ("cao hơn mức tăng của năm 2024 (tăng 7,94%)"),
   * whose own figure may follow it.
   */
  private inComparisonBasis(p: PeriodRef, comparatives = false): boolean {
    const from = Math.max(0, p.start - 80);
    const opener = comparatives ? COMPARISON_OPENER_OR_COMPARATIVE : COMPARISON_OPENER;
    const basis = opener.exec(this.folded.slice(from, p.start));
    return basis !== null && spansWithin(this.quantities, { start: from + basis.index, end: p.start }).length === 0;
  }

  /** How many words of its sentence stand before a period. */
  private wordsBefore(sentence: Sentence, p: PeriodRef): number {
    return this.folded.slice(sentence.start, p.start).split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
  }

  /** "từ năm 1993": the year something began in, not what the text goes on about. */
  private namesBeginning(p: PeriodRef): boolean {
    const v = p.mention.value;
    return v.grain === "year" && "bound" in v && v.bound === "from";
  }

  /**
   * Whether a sentence without records names a period deep into it in passing: a programme's term, a span still
   * running ("Các công trình chủ yếu được đầu tư từ Chương trình mục tiêu quốc gia ... giai đoạn 2021 - 2030" in
   * 2024), or a year before the one the report has in hand ("Bộ đã hoàn thành kiểm kê đất đai, lập bản đồ hiện
   * trạng sử dụng đất năm 2019" in a report on 2021). What the report speaks of stays. A term reviewed ("đánh giá
   * kết quả thực hiện Nghị quyết ..., nhiệm kỳ 2015 - 2020") is what it goes on to speak of, and so is what a
   * heading names.
   */
  private namesInPassing(p: PeriodRef, sentence: Sentence, recordedOrHeading: boolean): boolean {
    if (recordedOrHeading) return false;
    const wordsBefore = this.wordsBefore(sentence, p);
    if (wordsBefore <= 4) return false;
    const v = p.mention.value;
    if (p.programme || (v.grain === "span" && this.documentYear !== null && (v.endYear ?? 0) > this.documentYear)) return true;
    const year = yearOf(this.resolve(p));
    const inHand = this.carriedPeriod ? yearOf(this.carriedPeriod) : null;
    return v.grain === "year" && year !== null && inHand !== null && year < inHand;
  }

  /**
   * Whether a point of the year in hand named without its year ("Theo kết quả rà soát đầu năm, ...") only names
   * the year of the part of it the report has in hand ("6 tháng đầu năm 2022"), which stays what the report speaks
   * of. "Cả năm" and "trong năm" do name the whole year.
   */
  private restatesYearInHand(p: PeriodRef): boolean {
    const v = p.mention.value;
    if (v.grain !== "year" || !v.part || v.year !== undefined || v.yearOffset !== undefined || v.justPast) return false;
    const carried = this.carriedPeriod;
    return carried !== null && /-(?:H\d|Q\d|M\d\d|\d{1,2}M)$/.test(carried) && yearOf(carried) === yearOf(this.resolve(p));
  }

  /** In the name of a document cited by its number ("Kế hoạch số 58/KH-UBND ngày 25/01/2024 về kiểm soát TTHC năm 2024"). */
  private inCitedName(p: PeriodRef): boolean {
    return periodCues().citedName.test(this.folded.slice(Math.max(0, p.start - 300), p.start));
  }

  /**
   * "Theo Kế hoạch phát triển kinh tế - xã hội năm 2022, thành phố phấn đấu ..." in a report on ten months of 2022:
   * the year of the part of it in hand, named as what a plan is for, names the plan; the report goes on about its part.
   */
  private namesPlanOfYearInHand(p: PeriodRef): boolean {
    const v = p.mention.value;
    const carried = this.carriedPeriod;
    if (v.grain !== "year" || v.year === undefined || v.part || carried === null || !PART_OF_YEAR.test(carried) || yearOf(carried) !== v.year) return false;
    return lexiconRegex("plan-nouns", WORD_START, `${WORD_END}(?:\\s+[^\\s\\d,;:()]+){0,8}?\\s+(?:năm\\s+)?$`).test(this.folded.slice(Math.max(0, p.start - 80), p.start));
  }

  /**
   * "Sáu tháng đầu năm 2018, ... Sản lượng cà phê niên vụ 2017-2018 đạt 498.000 tấn": a crop or school year named
   * inside what a figure measures, across the year in hand, is that figure's; the report goes on about its own period.
   */
  private isSeasonOfFigure(p: PeriodRef, sentence: Sentence): boolean {
    const years = this.spanOfYears(p);
    const inHand = this.carriedPeriod ? yearOf(this.carriedPeriod) : null;
    if (!years || years[1] !== years[0] + 1 || inHand === null || !years.includes(inHand)) return false;
    return this.wordsBefore(sentence, p) > 2;
  }

  /**
   * Whether a month or quarter falls in a year before the one a report has in hand ("Tháng 4/2014, huyện đã tổ chức
   * đăng ký ... cho 1.524 công dân" in a report on 2015): a past step named for its paragraph, not what the
   * paragraphs after it speak of.
   */
  private isMonthBeforeYearInHand(period: string): boolean {
    const inHand = this.wholeYearCarried();
    const year = yearOf(period);
    return inHand !== null && year !== null && year < inHand && /^\d{4}-(?:M\d\d|Q\d)$/.test(period);
  }

  /**
   * "(Số liệu ước tính đến ngày 20/9/2014)" under "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2014": the year so far, in
   * the year of the first months the report has in hand, is those months; the report goes on about them. After a
   * later quarter ("quý II/2013"), "Kể từ đầu năm 2013 đến nay" does turn to the year so far. So is the year so far
   * within a crop season in hand ("Đến ngày 20/3/2023, các địa phương đã thu hoạch dứt điểm" in a report on
   * "vụ Đông Xuân 2022 - 2023") that season.
   */
  private restatesMonthsInHand(p: PeriodRef): boolean {
    const resolved = this.resolve(p);
    if (!/^\d{4}-YTD$/.test(resolved)) return false;
    const inHand = this.firstMonthsInHand();
    return (inHand !== null && yearOf(resolved) === inHand.year) || this.withinSeasonInHand(resolved);
  }

  /**
   * The period a year so far up to a day (`resolved`) closes: the first months in hand ("2024-H1", "2024-9M") when
   * the day is in their last month, or the crop season in hand that the day falls within; null if none.
   */
  private closedInHand(p: PeriodRef, resolved: string): string | null {
    const v = p.mention.value;
    if (v.grain !== "ytd" || v.month === undefined) return null;
    const inHand = this.firstMonthsInHand();
    if (inHand !== null && yearOf(resolved) === inHand.year && v.month === inHand.lastMonth) return this.carriedPeriod;
    return this.withinSeasonInHand(resolved) ? this.seasonYearsInHand() : null;
  }

  /**
   * "Từ đầu tháng 2/2016, mặn xâm nhập sâu vào nội đồng" in a report on "vụ Đông Xuân 2015 - 2016": a month within
   * the crop season in hand dates its own sentence; the report goes on about the season.
   */
  private isMonthOfSeasonInHand(p: PeriodRef): boolean {
    return p.mention.value.grain === "month" && this.withinSeasonInHand(this.resolve(p));
  }

  /**
   * "Bình quân giai đoạn 2011 - 2013, thu ngân sách trên địa bàn tăng 11,2%/năm" in a report on 2013: a span an
   * average is taken over, around the year in hand, is what its sentence says in passing; the report goes on about its
   * year. (A span review's own span, and a table's total row over its years, do carry on.)
   */
  private isSpanAroundYearInHand(p: PeriodRef): boolean {
    const years = p.mention.narrows === "year-in-hand" ? this.spanOfYears(p) : null;
    const year = this.wholeYearCarried();
    return years !== null && year !== null && years[1] > years[0] + 1 && years[0] <= year && year <= years[1];
  }

  /** Whether `resolved`'s year is in the crop season in hand. */
  private withinSeasonInHand(resolved: string): boolean {
    const first = yearOf(this.seasonYearsInHand() ?? "");
    const year = yearOf(resolved);
    return first !== null && (year === first || year === first + 1);
  }

  /**
   * The crop season across two years ("vụ Đông Xuân 2022 - 2023") the report has in hand: the last one named with its
   * years, while the report carries it or nothing else. Not a school year: "Đến tháng 8/2025" precedes 2025/2026.
   */
  private seasonYearsInHand(): string | null {
    const season = this.seasonInHand ?? null;
    const carried = this.carriedPeriod === null || this.carriedPeriod === season;
    return carried && isSchoolYear(season) ? season : null;
  }

  /** The year the report carries, when it carries one whole year ("2013"); null otherwise. */
  private wholeYearCarried(): number | null {
    return this.carriedPeriod && /^\d{4}$/.test(this.carriedPeriod) ? Number(this.carriedPeriod) : null;
  }

  /** The first months of a year the report has in hand ("2024-H1", "2024-Q1", "2024-9M"): their year and last month. */
  private firstMonthsInHand(): { year: number; lastMonth: number } | null {
    const carried = this.carriedPeriod ? /^(\d{4})-(?:(H1)|(Q1)|(\d{1,2})M)$/.exec(this.carriedPeriod) : null;
    return carried && { year: Number(carried[1]), lastMonth: carried[2] ? 6 : carried[3] ? 3 : Number(carried[4]) };
  }

  /**
   * "Chỉ số giá tiêu dùng (CPI) tháng 9 tăng 0,42%" in a report on 9 months, "tốc độ ... trong tháng 12/2024 đạt 58,4
   * Mbps" in one on 2024: a month of the months or year in hand, named after what it dates, is that figure's; the
   * report goes on about the months or the year. "Tháng 9, ..." opening its sentence does turn to the month, and so
   * does "trong tháng".
   */
  private isMonthOfSpanInHand(p: PeriodRef, sentence: Sentence): boolean {
    if (p.mention.value.grain !== "month" || p.mention.value.month === undefined) return false;
    const carried = this.carriedPeriod ? /^(\d{4})(?:-(?:(\d{1,2})M|YTD))?$/.exec(this.carriedPeriod) : null;
    const month = /^(\d{4})-M(\d\d)$/.exec(this.resolve(p));
    if (!carried || !month || carried[1] !== month[1] || (carried[2] !== undefined && Number(month[2]) > Number(carried[2]))) return false;
    // Right after what it dates, not after a comma ("Tàu nhận hàng tại khu bến Hòn La, tháng 8/2025" turns to the month).
    return /[\p{L})]\s+$/u.test(this.folded.slice(sentence.start, p.start));
  }

  /**
   * The period the paragraph or the report has in hand when it is what "đến nay" means: a year (or a part of
   * it) that is the year of writing, or the year before in a document of the first half ("Năm 2017, ..." in a
   * report of January 2018); null otherwise ("Theo quy hoạch, đến năm 2030 ... Đến nay, dự án đã hoàn thành").
   */
  private reportedNow(fromParagraph: PeriodRef | undefined): string | null {
    const inHand = (fromParagraph && this.resolve(fromParagraph)) || this.carriedPeriod;
    const written = parseDocumentDate(this.context.documentDate ?? undefined);
    // A crop or school year in hand ("vụ Đông Xuân 2022 - 2023. Đến nay, nông dân đã thu hoạch ...") counts by its second year.
    const twoYears = inHand ? /^(\d{4})\/(\d{4})$/.exec(inHand) : null;
    const cropOrSchoolYear = twoYears !== null && Number(twoYears[2]) === Number(twoYears[1]) + 1;
    if (!inHand || !written || !(CANONICAL_PERIOD.test(inHand) || cropOrSchoolYear)) return null;
    const inHandYear = cropOrSchoolYear ? Number(twoYears![2]) : yearOf(inHand);
    return inHandYear === written.year || ((written.month ?? 12) <= 6 && inHandYear === written.year - 1) ? inHand : null;
  }

  private titlePeriodCache: string | null | undefined;

  /**
   * The period a document's title names ("BÁO CÁO / Tổng kết ... giai đoạn 2021-2025"), read in its first lines;
   * null when the title names none.
   */
  private get titlePeriod(): string | null {
    if (this.titlePeriodCache === undefined) {
      const opening = this.document.paragraphs.filter((p) => !p.furniture).slice(0, TITLE_LINES_MAX);
      const body = opening.findIndex((p) => p.end - p.start >= BODY_PARAGRAPH_LENGTH);
      // A headline that states a figure ("6 tháng đầu năm 2023: Doanh thu ... giảm 16,5%") names that figure's period, not the report's.
      const titleLines = (body < 0 ? opening : opening.slice(0, body)).filter((p) => spansWithin(this.quantities, p).length === 0);
      // "Tổng kết thực hiện Chương trình ... giai đoạn 2021-2025": a programme's term is what such a title reports on.
      const named = titleLines.flatMap((p) => spansWithin(this.periods, p)).find((p) => (!p.excluded || p.programme) && !p.relative);
      this.titlePeriodCache = named ? this.resolve(named) || null : null;
    }
    return this.titlePeriodCache;
  }

  /** The part of a year a document's title says it reports on ("BÁO CÁO / Kết quả ... 6 tháng đầu năm 2024"). */
  private get reportPeriod(): string | null {
    const value = this.titlePeriod;
    return value && PART_OF_YEAR.test(value) ? value : null;
  }

  private dominantYearCache: string | undefined;

  /** The year a document speaks of most, for figures before any period is named; "" when none is. */
  private get dominantYear(): string {
    this.dominantYearCache ??= this.countDominantYear();
    return this.dominantYearCache;
  }

  private countDominantYear(): string {
    const counts = new Map<string, number>();
    for (const p of this.periods) {
      if (p.excluded || p.relative) continue;
      const year = yearOf(this.resolve(p));
      if (year !== null) counts.set(String(year), (counts.get(String(year)) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  }

  /**
   * "có 8 nhóm tăng giá so với tháng trước; nhóm hàng ăn và dịch vụ ăn uống tăng 0,42%, nhóm giao thông giảm 1,06%":
   * the month or quarter an earlier change of the sentence was set against, for the changes after it with no basis
   * nor period of their own.
   */
  private sharedMonthBasis(sentenceStart: number, quantity: Quantity): Span | null {
    const before = this.folded.slice(sentenceStart, quantity.start);
    const found = [...before.matchAll(/(?<![\p{L}])so\s+với\s+((?:cùng\s+)?(?:tháng|quý)(?:\s+trước)?)(?![\p{L}])/gu)].pop();
    if (!found) return null;
    const start = sentenceStart + found.index! + found[0].length - found[1].length;
    return { start, end: start + found[1].length };
  }

  /** The grain a comparison's basis implies: "tháng trước" a month, "quý trước" a quarter. */
  private basisGrain(basis: Span): RegExp | null {
    const text = this.folded.slice(basis.start, basis.end);
    // December of the year before is what months and whole years alike are set against ("Cả năm 2008, CPI tăng 19,6%
    // so với tháng 12/2007").
    if (/^tháng\s+12(?!\d)/u.test(text)) return /-M\d\d$|^\d{4}$/;
    if (/^(?:tháng|cùng\s+tháng)(?![\p{L}])/u.test(text)) return /-M\d\d$/;
    if (/^(?:quý|cùng\s+quý)(?![\p{L}])/u.test(text)) return /-Q\d$/;
    return null;
  }

  private emit(d: Decided, sentence: Sentence): void {
    this.lastEmitted = d;
    this.lastOfClass.set(d.quantity.unitClass, d);
    const q = d.quantity;
    const clause = sentence.clauses.find((c) => within(q, c)) ?? sentence;
    const pieces = [d.indicator, d.indicatorTail].filter((s): s is Span => s !== null);
    const indicatorText = pieces.map((s) => this.text.slice(s.start, s.end)).join(" ").replace(/\s+/g, " ");
    const localIndicator = pieces.filter((s) => within(s, clause));
    const spanStart = Math.min(q.start, d.cueStart, ...localIndicator.map((s) => s.start));
    const spanEnd = Math.max(q.end, d.basis?.end ?? 0, ...localIndicator.map((s) => s.end));
    this.mentions.push({
      doc: this.context.doc,
      sentence: this.text.slice(clause.start, clause.end),
      sentence_span: [clause.start, clause.end],
      span: [spanStart, spanEnd],
      value_span: [q.valueStart, q.valueEnd],
      indicator: indicatorText,
      indicator_span: pieces.length ? [Math.min(...pieces.map((p) => p.start)), Math.max(...pieces.map((p) => p.end))] : null,
      kind: d.kind,
      value: q.value,
      value_max: q.valueMax,
      unit: q.unit,
      qualifier: q.qualifier,
      per: d.perYear ? "year" : null,
      period: d.period,
      basis: d.basis ? this.text.slice(d.basis.start, d.basis.end).replace(/[\s.!?…:"“”]+$/u, "").trim() : null,
      estimated: d.estimated,
      rule: d.rule.id,
      rules_version: this.rules.version,
      confidence: d.confidence,
    });
  }

  /**
   * A headline figure with no period of its own takes the period of the same figure in the body. The headline is
   * among the headings the document opens with ("Thời sự" above it, the date line below).
   */
  private echoHeadlinePeriods(): void {
    const content = this.document.paragraphs.filter((p) => !p.furniture);
    const bodyAt = content.findIndex((p) => !p.heading);
    const headings = bodyAt < 0 ? [] : content.slice(0, bodyAt);
    const body = content[bodyAt];
    for (const m of this.mentions) {
      if (!body || m.span[0] >= body.start) break;
      const headline = headings.find((h) => h.start <= m.span[0] && m.span[0] < h.end);
      if (!headline || spansWithin(this.periods, headline).some((p) => !p.excluded)) continue;
      const echo = this.mentions.find((o) => o.span[0] >= body.start && o.value === m.value && o.unit === m.unit && o.period);
      if (echo) m.period = echo.period;
    }
  }
}

export function extractMentions(document: TextDocument, context: DocumentContext): Mention[] {
  return new DocumentExtractor(document, context).run();
}
