/**
 * Cue words found once per document: what puts figures in a plan's mood,
 * what ends it, what marks an estimate or a yearly rate.
 */
import { alternation, lexiconSurfaces, WORD_END, WORD_START } from "../rulebook/index.js";
import { scanAll } from "../rulebook/scan.js";
import { foldVietnamese } from "../text/fold.js";
import type { Span } from "../text/types.js";

/**
 * `weak`: a verb of a planned move ("nâng ... lên"), a plan's cue only where no report is under way; a bare verb
 * of completion ("hoàn thành"), a report only where no plan's list is under way.
 */
export type MoodEvent = { position: number; end: number; mood: "target" | "actual"; weak?: true };

interface CueMatchers {
  targetCue: RegExp;
  targetBlocker: RegExp;
  /** The same, anchored where its lastIndex is set. */
  targetBlockerAt: RegExp;
  planOpener: RegExp;
  planListOpener: RegExp;
  assignedBy: RegExp;
  countedPlanItems: RegExp;
  subsetClause: RegExp;
  reportedPlan: RegExp;
  metPlan: RegExp;
  quotedPlanTitle: RegExp;
  quotedName: RegExp;
  numberedGoal: RegExp;
  rateHeadAtEnd: RegExp;
  weakTargetCues: Set<string>;
  nounTargetCues: Set<string>;
  actualMarker: RegExp;
  weakActualMarkers: Set<string>;
  reportAdverb: RegExp;
  actualBlocker: RegExp;
  estimate: RegExp;
  perYear: RegExp;
  averaging: RegExp;
  planTitle: RegExp;
  actTitle: RegExp;
  planSubject: RegExp;
  reportHeading: RegExp;
  planHeading: RegExp;
  /** A heading over requests ("IV. KIẾN NGHỊ, ĐỀ XUẤT"), by its first words; on folded text. */
  requestHeading: RegExp;
  termPlanHeading: RegExp;
  headingOpener: RegExp;
}

let matchers: CueMatchers | undefined;

/** What a clause opens after: the text's start or a stop, and white space. */
const CLAUSE_OPENING_BEHIND = "(?:^|[.!?:;\\n])\\s*";
/** Where a sentence or a clause after a colon or semicolon opens. */
const CLAUSE_OPENING = `(?<=${CLAUSE_OPENING_BEHIND})`;

/** The surfaces of a lexicon's rows whose COLUMN is VALUE, as the text they are looked up in is folded. */
function foldedSurfaces(lexicon: string, column: string, value: string): Set<string> {
  return new Set(lexiconSurfaces(lexicon, column, value).map((s) => foldVietnamese(s.normalize("NFC"))));
}

function wordsRegex(lexicon: string, flags = "gu"): RegExp {
  return new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces(lexicon))})${WORD_END}`, flags);
}

export function cueMatchers(): CueMatchers {
  if (matchers) return matchers;
  const blockers = `(?:${alternation(lexiconSurfaces("target-cue-blockers"))})${WORD_END}`;
  const planOpeners = alternation(lexiconSurfaces("plan-openers"));
  matchers = {
    targetCue: wordsRegex("target-cues"),
    targetBlocker: new RegExp(blockers, "gu"),
    targetBlockerAt: new RegExp(blockers, "uy"),
    weakTargetCues: foldedSurfaces("target-cues", "strength", "weak"),
    nounTargetCues: foldedSurfaces("target-cues", "strength", "noun"),
    // "đạt 15/17 chỉ tiêu", "năm 2022 có 12/14 chỉ tiêu chủ yếu đạt và vượt kế hoạch": plan items a report counts.
    countedPlanItems: new RegExp(
      `(?:${WORD_START}(?:${alternation(lexiconSurfaces("completion-verbs"))})\\s+\\d+(?:[.,/]\\d+)*|(?<![\\p{L}\\p{N}.,/])\\d+\\s*/\\s*\\d+(?![\\d/])(?=[^\\S\\n]))\\s+(?:${alternation(lexiconSurfaces("plan-nouns"))})${WORD_END}`,
      "gu",
    ),
    // "Kết quả sản xuất kinh doanh năm 2018 với các chỉ tiêu chủ yếu như sau:", "tình hình thực hiện kế hoạch năm 2024":
    // plans a report is about, in the clause that says so.
    reportedPlan: new RegExp(
      `${WORD_START}(?:${alternation(lexiconSurfaces("report-headings"))})${WORD_END}[^.;:,!?\\n]*?${WORD_START}(?:${alternation(lexiconSurfaces("plan-nouns"))})${WORD_END}`,
      "gu",
    ),
    // "hoàn thành kế hoạch thu được giao, trong đó ...", "vượt dự toán HĐND tỉnh giao": a plan met, with who set it, is
    // what a report measures against, and announces no plan; unless the plan's own figure follows ("vượt chỉ tiêu Nghị
    // quyết HĐND tỉnh đề ra là giảm 2%", "vượt kế hoạch giao (95%)").
    metPlan: new RegExp(
      `${WORD_START}(?:${alternation(lexiconSurfaces("completion-verbs"))})\\s+(?:mức\\s+)?(?:${alternation(lexiconSurfaces("plan-nouns"))})(?:\\s+[^\\s\\d,;.:()]+){0,3}?\\s+(?:được\\s+giao|giao|đề\\s+ra|đặt\\s+ra)${WORD_END}(?!\\s*(?:là(?![\\p{L}])|[:(]|\\d))`,
      "gu",
    ),
    subsetClause: new RegExp(`${CLAUSE_OPENING}(?:${alternation(lexiconSurfaces("subset-openers"))})${WORD_END}[^,.!?:;\\n]*,`, "gu"),
    // "được EVNNPC giao điện thương phẩm 1.365 triệu kWh", "được HĐND tỉnh giao là 2.100 tỷ đồng": a plan assigned by
    // someone named between "được" and "giao" (not "được bàn giao", "được Nhà nước giao đất").
    assignedBy: new RegExp(
      `(?<![\\p{L}])được(?:\\s+(?!bàn\\s+giao)[^\\s,;.:()]+){1,5}?\\s+giao(?![\\p{L}])(?!\\s+(?:${alternation(lexiconSurfaces("giao-compounds"))})${WORD_END})`,
      "gu",
    ),
    rateHeadAtEnd: new RegExp(`\\s(?:${alternation(lexiconSurfaces("rate-heads"))})$`, "u"),
    // "MỤC TIÊU 1: XÓA BỎ TÌNH TRẠNG NGHÈO": a goal's number and its label, not "Mục tiêu 5 tỷ USD năm 2026".
    numberedGoal: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("numbered-goal-nouns"))})\\s+(?:số\\s+)?\\d{1,2}(?=[^\\S\\n]*(?:[:.)\\-–](?!\\d)|\\n|$))`, "gu"),
    // "Đề án \"Đầu tư xây dựng ít nhất 1 triệu căn hộ nhà ở xã hội ...\"": a plan's quoted title names it, and plans nothing.
    quotedPlanTitle: new RegExp(`${WORD_START}(?:${alternation(lexiconSurfaces("plan-titles"))})\\s*["“][^"”\\n]*["”]`, "gu"),
    // "Phong trào “Kế hoạch nhỏ” thu gom 286 tấn giấy vụn": a short name in quotes, without a figure, names a campaign
    // or a prize, and the cue words in it plan nothing.
    quotedName: /["“][^"“”\d\n.;:!?]{1,60}["”]/gu,
    // So does one naming the plan's year, opening a clause after a comma too ("Theo Ban Chỉ đạo, theo kế hoạch năm 2025
    // toàn tỉnh hỗ trợ xóa 16.042 căn"). The phrase comes first and what opens it is looked behind for, so that a scan
    // starts at the phrase's words.
    planOpener: new RegExp(
      `(?:${planOpeners})(?:(?<=${CLAUSE_OPENING_BEHIND}(?:${planOpeners}))(?=\\s*,)|(?<=(?:^|[.!?:;,\\n])\\s*(?:${planOpeners}))(?=\\s+năm\\s+(?:19|20)\\d{2}\\s+\\p{L}))`,
      "gu",
    ),
    // "Lượng dự trữ một số mặt hàng chủ yếu theo kế hoạch như sau:": closing a list's introduction, it announces the plan's
    // figures; not after what was done ("hoàn thành theo kế hoạch:").
    planListOpener: new RegExp(
      `${WORD_START}(?<!(?:${alternation(lexiconSurfaces("completion-verbs"))})\\s+)(?:${planOpeners})(?=(?:\\s+như\\s+sau)?\\s*:)`,
      "gu",
    ),
    actualMarker: wordsRegex("actual-markers"),
    weakActualMarkers: foldedSurfaces("actual-markers", "strength", "weak"),
    reportAdverb: new RegExp(
      `${WORD_START}(?:${alternation(lexiconSurfaces("report-adverbs"))})(?=\\s+(?:${alternation(lexiconSurfaces("activity-verbs"))})${WORD_END})`,
      "gu",
    ),
    actualBlocker: wordsRegex("actual-marker-blockers"),
    estimate: wordsRegex("estimate-cues", "u"),
    perYear: wordsRegex("per-year-cues", "u"),
    averaging: wordsRegex("averaging-cues", "u"),
    planTitle: new RegExp(`^\\s*(?:${alternation(lexiconSurfaces("plan-titles"))})${WORD_END}`, "u"),
    actTitle: new RegExp(`^\\s*(?:${alternation(lexiconSurfaces("act-titles"))})\\s*$`, "u"),
    // "Về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2023": an act's subject line that names a plan.
    planSubject: new RegExp(`^\\s*về${WORD_END}.*${WORD_START}(?:${alternation(lexiconSurfaces("plan-titles"))})${WORD_END}`, "su"),
    reportHeading: wordsRegex("report-headings", "u"),
    planHeading: wordsRegex("plan-headings", "u"),
    requestHeading: new RegExp(
      `^\\s*(?:(?:[ivxlc]{1,6}|\\d{1,2}(?:\\.\\d{1,2})*|[a-zđ])[.)]\\s*)?(?:(?:một\\s+số|các|về)\\s+)?(?:${alternation(lexiconSurfaces("request-headings"))})${WORD_END}`,
      "u",
    ),
    termPlanHeading: wordsRegex("term-plan-headings", "u"),
    headingOpener: new RegExp(`^\\s*(?:${alternation(lexiconSurfaces("heading-openers"))})${WORD_END}`, "u"),
  };
  return matchers;
}

function spans(regex: RegExp, folded: string): Span[] {
  return scanAll(regex, folded).map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Every match, overlapping ones too: "vượt kế hoạch" must not hide "kế hoạch đề ra" in "vượt kế hoạch đề ra".
 * The scan finds the matches that do not overlap; each word start inside one is then tried with `sticky`.
 */
function overlappingSpans(regex: RegExp, sticky: RegExp, folded: string): Span[] {
  const found = spans(regex, folded);
  for (let i = 0; i < found.length; i++) {
    const { start, end } = found[i];
    for (let at = start + 1; at < end; at++) {
      if (folded[at - 1] !== " ") continue;
      sticky.lastIndex = at;
      const m = sticky.exec(folded);
      if (m && !found.some((s) => s.start === at)) found.push({ start: at, end: at + m[0].length });
    }
  }
  return found;
}

/**
 * Mood events of a document in order. A target cue inside a blocker phrase
 * ("hoàn thành kế hoạch", "Chương trình mục tiêu quốc gia") is not a cue,
 * nor is a report word inside a plan ("phấn đấu hoàn thành").
 */
export function findMoodEvents(folded: string): MoodEvent[] {
  const m = cueMatchers();
  const blocked = [
    ...overlappingSpans(m.targetBlocker, m.targetBlockerAt, folded),
    ...spans(m.countedPlanItems, folded),
    ...spans(m.subsetClause, folded),
    ...spans(m.reportedPlan, folded),
    ...spans(m.metPlan, folded),
    ...spans(m.quotedPlanTitle, folded),
    ...spans(m.quotedName, folded),
    ...spans(m.numberedGoal, folded),
  ];
  const overlapsAny = (s: Span, among: Span[]) => among.some((b) => b.start < s.end && s.start < b.end);
  const events: MoodEvent[] = [];
  // A cue that opens before a blocker is not inside it: "để hoàn thành" in "Để hoàn thành mục tiêu đón 10 triệu lượt khách".
  const blocks = (s: Span) => blocked.some((b) => b.start <= s.start && s.start < b.end);
  for (const s of spans(m.targetCue, folded)) {
    if (blocks(s)) continue;
    const weak = m.weakTargetCues.has(folded.slice(s.start, s.end));
    // "bảo đảm tỷ lệ tiêm đạt 95%": the rate a cue names is what the figure measures, not part of the cue.
    const rate = m.rateHeadAtEnd.exec(folded.slice(s.start, s.end));
    events.push({ position: s.start, end: rate ? s.start + rate.index : s.end, mood: "target", ...(weak && { weak: true as const }) });
  }
  // "Theo kế hoạch, năm 2024 ...": opening a sentence, what a blocker would call "as planned" announces the plan.
  for (const s of [...spans(m.planOpener, folded), ...spans(m.planListOpener, folded), ...spans(m.assignedBy, folded)]) events.push({ position: s.start, end: s.end, mood: "target" });
  const notReports = spans(m.actualBlocker, folded);
  for (const s of [...spans(m.actualMarker, folded), ...spans(m.reportAdverb, folded)]) {
    const weak = m.weakActualMarkers.has(folded.slice(s.start, s.end));
    if (!overlapsAny(s, notReports)) events.push({ position: s.start, end: s.end, mood: "actual", ...(weak && { weak: true as const }) });
  }
  // A report marker and a cue at one place ("đã đề ra"): the later word decides.
  return events.sort((a, b) => a.position - b.position || a.end - b.end);
}
