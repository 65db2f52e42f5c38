/**
 * Periods named in a text ("năm 2025", "6 tháng đầu năm 2023", "quý I/2025",
 * "giai đoạn 2021 - 2025", "năm nay", "cùng kỳ"), found by the rules of
 * rules/patterns/periods.yaml, and their canonical form ("2023-H1").
 */
import { z } from "zod";
import { loadLexicon, RuleError, rulesPath } from "../rulebook/index.js";
import { scanAll } from "../rulebook/scan.js";
import { foldVietnamese } from "../text/fold.js";
import type { Span } from "../text/types.js";
import { findDates } from "./dates.js";
import { loadPatternRules, parseVietnameseNumber, type PatternRule } from "./numbers.js";

export const PERIOD_GRAINS = ["year", "half", "quarter", "month", "months", "ytd", "span", "school-year", "season", "term", "same-period", "vague"] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];
const YEAR_PARTS = ["start", "end"] as const;
export type YearPart = (typeof YEAR_PARTS)[number];
const YEAR_BOUNDS = ["until", "from", "in"] as const;
export type YearBound = (typeof YEAR_BOUNDS)[number];

/**
 * The year a period falls in: `year` as written, or `yearOffset` years from
 * the time of writing ("năm nay" 0, "năm tới" 1, "năm ngoái" -1), or the year
 * mostly behind it (`justPast`: "năm qua"); with none, the year in hand ("6
 * tháng đầu năm").
 */
export interface YearRef {
  year?: number;
  yearOffset?: number;
  /** "Năm qua": the year of writing from July on, the year before until June (year-end reports come out in December and January). */
  justPast?: true;
}

export type PeriodValue =
  | ({ grain: "year"; bound?: YearBound; part?: YearPart } & YearRef)
  | ({ grain: "half"; half: 1 | 2 } & YearRef)
  /** `offset` instead of a number: "quý trước" (-1); `inHand`: the one a report speaks of ("Trong quý, ..."). */
  | ({ grain: "quarter"; quarter?: number; offset?: number; inHand?: true } & YearRef)
  /** `untilNow`: from that month until the time of writing ("từ đầu tháng 10 đến nay"). */
  | ({ grain: "month"; month?: number; offset?: number; inHand?: true; untilNow?: true } & YearRef)
  /** The first (or last) `months` months of a year where no half, quarter or month says the same. */
  | ({ grain: "months"; months: number; from: YearPart } & YearRef)
  /** `untilNow`: up to the time of writing ("đến nay"), which names the year of writing. */
  | ({ grain: "ytd"; untilNow?: true; month?: number } & YearRef)
  /** From `year` to `endYear`, or until the time of writing. */
  | { grain: "span"; year: number; endYear?: number; untilNow?: true }
  /** `justPast`: the last school year over at the time of writing ("năm học vừa qua"). */
  | { grain: "school-year"; year: number; endYear: number }
  | { grain: "school-year"; justPast: true }
  /** The same period a year earlier ("cùng kỳ"), of the grain in hand or of `of`; `year` when written. */
  | { grain: "same-period"; of?: "month" | "quarter"; year?: number }
  /** A crop season named without its year ("lúa Đông Xuân", "vụ này"): the one last named with its year. */
  | { grain: "season" }
  /**
   * A span of years named without its years ("cả giai đoạn", "trong nhiệm kỳ"): the one last named with them; with
   * `years`, counted ("trong 5 năm"): the one last named that is as many years long.
   */
  | { grain: "term"; years?: number }
  /** Some recent years, without saying which ("mấy năm nay", "những năm gần đây"): no period can be told. */
  | { grain: "vague" };

export interface PeriodMention extends Span {
  value: PeriodValue;
  /** Id of the rule that found it. */
  rule: string;
  /**
   * A part of a year a report singles out: always (a dry season: "Mùa khô 2020 - 2021 độ mặn ..."), or beyond its
   * paragraph (a crop season: "Vụ Đông Xuân 2016 - 2017, toàn huyện gieo trồng ..." is not what the next one is of;
   * "từ đầu tháng 2 đến nay" is not what the next paragraph's Tết preparations are of), or in a report on one of
   * its years (a span an average is taken over: "Bình quân giai đoạn 2011 - 2013, ..." in a report on 2013).
   */
  narrows?: "always" | "paragraph" | "year-in-hand";
  /** A crop season: what a season named without its year ("vụ này") is, until another is named. */
  season?: true;
}

const Yields = z
  .object({
    grain: z.enum(PERIOD_GRAINS),
    of: z.enum(["month", "quarter"]).optional(),
    bound: z.enum(YEAR_BOUNDS).optional(),
    until_now: z.literal(true).optional(),
    just_past: z.literal(true).optional(),
    in_hand: z.literal(true).optional(),
    narrows: z.enum(["always", "paragraph", "year-in-hand"]).optional(),
    season: z.literal(true).optional(),
    /** The year before the one written: a budget year runs on to 31 January of the next. */
    year_before: z.literal(true).optional(),
  })
  .strict();
type Yields = z.output<typeof Yields>;

interface Vocabulary {
  rules: PatternRule<Yields>[];
  offsets: Map<string, number>;
  parts: Map<string, YearPart>;
  bounds: Map<string, YearBound>;
  romans: Map<string, number>;
}

let vocabularyCache: Vocabulary | undefined;

/** A lexicon as a map from folded surface (spaces collapsed) to one of its columns. */
function lexiconMap<T>(name: string, column: string, value: z.ZodType<T>): Map<string, T> {
  const file = rulesPath(`lexicon/${name}.tsv`);
  const map = new Map<string, T>();
  for (const row of loadLexicon(name, z.object({ surface: z.string() }).catchall(z.string()))) {
    const cell = value.safeParse(row[column]);
    if (!cell.success) throw new RuleError(file, row.line, `${column}: ${cell.error.issues[0].message}`);
    const key = surfaceKey(row.surface.normalize("NFC"));
    if (map.has(key)) throw new RuleError(file, row.line, `"${row.surface}" is listed twice`);
    map.set(key, cell.data);
  }
  return map;
}

function surfaceKey(s: string): string {
  return foldVietnamese(s).trim().replace(/\s+/g, " ");
}

function vocabulary(): Vocabulary {
  vocabularyCache ??= {
    rules: loadPatternRules("patterns/periods.yaml", Yields),
    offsets: lexiconMap("period-words", "offset", z.coerce.number().int()),
    parts: lexiconMap("year-parts", "part", z.enum(YEAR_PARTS)),
    bounds: lexiconMap("year-bounds", "bound", z.enum(YEAR_BOUNDS)),
    romans: lexiconMap("roman-numerals", "value", z.coerce.number().int().positive()),
  };
  return vocabularyCache;
}

/**
 * The periods named in a folded text, in order. Where rules overlap the
 * longest match wins, then the earlier rule; nothing inside a calendar date
 * ("ngày 30 tháng 6 năm 2023") is a period, but a period may hold one ("từ
 * đầu năm đến ngày 31/8").
 */
/** `dates`: the text's dates when the caller has them already (periods inside a date are dropped). */
export function findPeriods(folded: string, dates: readonly Span[] = findDates(folded)): PeriodMention[] {
  const { rules } = vocabulary();
  const found: Array<{ mention: PeriodMention; order: number }> = [];
  rules.forEach((rule, order) => {
    for (const m of scanAll(rule.regex, folded)) {
      const value = periodValue(m.groups ?? {}, rule.yields);
      if (value) found.push({ mention: { start: m.index, end: m.index + m[0].length, value, rule: rule.id, ...(rule.yields.narrows && { narrows: rule.yields.narrows }), ...(rule.yields.season && { season: true as const }) }, order });
    }
  });
  const length = (p: PeriodMention) => p.end - p.start;
  found.sort((a, b) => length(b.mention) - length(a.mention) || a.order - b.order || a.mention.start - b.mention.start);
  const kept: PeriodMention[] = [];
  for (const { mention: p } of found) {
    const overlaps = (s: Span) => s.start < p.end && p.start < s.end;
    // "từ đầu năm đến ngày 31/8" holds a date and is a period; "năm 2023" of "ngày 30 tháng 6 năm 2023" is not.
    const cutsDate = (d: Span) => overlaps(d) && !(p.start <= d.start && d.end <= p.end);
    if (!kept.some(overlaps) && !dates.some(cutsDate)) kept.push(p);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const DIGITS = /^\d+$/;

function periodValue(g: Record<string, string | undefined>, yields: Yields): PeriodValue | null {
  const v = vocabulary();
  const lookup = <T>(map: Map<string, T>, word: string | undefined): T | undefined => (word === undefined ? undefined : map.get(surfaceKey(word)));
  const year = g.year === undefined ? undefined : Number(g.year) - (yields.year_before ? 1 : 0);
  const endYear = g.year_end === undefined ? undefined : Number(g.year_end);
  const relative = lookup(v.offsets, g.relative);
  const part = lookup(v.parts, g.part);
  const ref: YearRef = year !== undefined ? { year } : relative !== undefined ? { yearOffset: relative } : yields.just_past ? { justPast: true } : {};
  switch (yields.grain) {
    case "year": {
      const bound = yields.bound ?? lookup(v.bounds, g.bound);
      return { grain: "year", ...ref, ...(bound && { bound }), ...(part && { part }) };
    }
    case "half":
      return { grain: "half", half: part === "end" ? 2 : 1, ...ref };
    case "quarter": {
      if (g.quarter === undefined) return yields.in_hand ? { grain: "quarter", inHand: true } : relative === undefined ? null : { grain: "quarter", offset: relative };
      const quarter = DIGITS.test(g.quarter) ? Number(g.quarter) : lookup(v.romans, g.quarter);
      return quarter !== undefined && quarter >= 1 && quarter <= 4 ? { grain: "quarter", quarter, ...ref } : null;
    }
    case "month":
      if (g.week !== undefined) return { grain: "month", month: monthOfWeek(Number(g.week)), ...ref };
      if (g.month === undefined) return yields.in_hand ? { grain: "month", inHand: true } : relative === undefined ? null : { grain: "month", offset: relative };
      // "Từ ngày 16/9 đến 15/10", "Tuần từ 10/4 đến 15/4/2017": a month when the days run from one month into the
      // next, a month at most, or lie within one.
      if (g.from_day !== undefined && !isMonthOfDays(Number(g.from_day), Number(g.from_month ?? g.month), Number(g.day), Number(g.month))) return null;
      return { grain: "month", month: Number(g.month), ...ref, ...(yields.until_now && { untilNow: true }) };
    case "months": {
      const months = g.count === undefined ? null : parseVietnameseNumber(g.count);
      if (months === null || !Number.isInteger(months) || months < 1 || months > 12) return null;
      return monthsOfYear(months, part ?? "start", ref);
    }
    case "ytd": {
      // Up to the last day of a month: the months to its end ("đến 30/6/2024" is the first half of 2024).
      const [day, month] = [Number(g.day), Number(g.month)];
      if (month >= 1 && month <= 12 && isLastDayOfMonth(day, month, year)) return monthsOfYear(month, "start", ref);
      // Up to another day: the year so far, and the month it closes in ("đến ngày 15/6/2024").
      return yields.until_now ? { grain: "ytd", yearOffset: 0, untilNow: true } : { grain: "ytd", ...ref, ...(month >= 1 && month <= 12 && { month }) };
    }
    case "span":
      if (year === undefined) return null;
      if (yields.until_now) return { grain: "span", year, untilNow: true };
      return endYear !== undefined && isSpan(year, endYear) ? { grain: "span", year, endYear } : null;
    case "school-year":
      if (yields.just_past) return { grain: "school-year", justPast: true };
      if (year === undefined || endYear === undefined || !isSpan(year, endYear)) return null;
      return endYear === year + 1 ? { grain: "school-year", year, endYear } : { grain: "span", year, endYear };
    case "same-period":
      return { grain: "same-period", ...(yields.of && { of: yields.of }), ...(year !== undefined && { year }) };
    case "season":
      return { grain: "season" };
    case "term":
      return g.count === undefined ? { grain: "term" } : { grain: "term", years: Number(g.count) };
    case "vague":
      return { grain: "vague" };
  }
}

/**
 * Whether the days from `fromDay`/`fromMonth` to `day`/`month` lie within one month, or run into the next and
 * make about a month, as offices count theirs (16/9 to 15/10); a few days across the turn of a month (a
 * holiday's 27/4 to 1/5) are of neither month.
 */
function isMonthOfDays(fromDay: number, fromMonth: number, day: number, month: number): boolean {
  return (month === (fromMonth % 12) + 1 && day < fromDay && 31 - fromDay + day >= 21) || (month === fromMonth && day > fromDay);
}

/**
 * The month a week of the year ends in. A week's Sunday falls within three days of the 7×week-th day of the year
 * whatever the year, and a period is read before its year is known; near a month's turn this may be a month off.
 */
function monthOfWeek(week: number): number {
  return new Date(Date.UTC(2001, 0, Math.min(7 * week, 365))).getUTCMonth() + 1;
}

/** Whether `day` ends `month`; without a year, February ends on the 28th or the 29th. */
function isLastDayOfMonth(day: number, month: number, year: number | undefined): boolean {
  const lastDay = (y: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();
  return year !== undefined ? day === lastDay(year) : day === lastDay(2001) || day === lastDay(2004);
}

function isSpan(year: number, endYear: number): boolean {
  return endYear > year && endYear - year <= 50;
}

/** "6 tháng đầu năm" is the first half, "3 tháng cuối năm" the fourth quarter, "9 tháng đầu năm" stays 9 months. */
function monthsOfYear(months: number, from: YearPart, ref: YearRef): PeriodValue {
  const fromStart = from === "start";
  if (months === 12) return { grain: "year", ...ref };
  if (months === 6) return { grain: "half", half: fromStart ? 1 : 2, ...ref };
  if (months === 3) return { grain: "quarter", quarter: fromStart ? 1 : 4, ...ref };
  if (months === 1) return { grain: "month", month: fromStart ? 1 : 12, ...ref };
  return { grain: "months", months, from, ...ref };
}

export interface ResolveOptions {
  /** ISO date the document was written: what "năm nay", "năm tới", "từ đầu năm đến nay" are relative to. */
  documentDate?: string;
  /** The year under discussion: the year of "6 tháng đầu năm" when no year is written. */
  contextYear?: number;
  /** The canonical period under discussion ("2018-M02"): what "cùng kỳ", "tháng trước", "quý trước" are relative to. */
  contextPeriod?: string;
  /** The month or quarter a report speaks of ("2024-M10", "2024-Q3", or "2024-10M" for its last month): what "trong tháng", "trong quý" name; else the document date's. */
  periodInHand?: string;
  /** The crop season last named with its year ("2023/2024"): what "lúa Đông Xuân", "vụ này" name. */
  seasonInHand?: string;
  /** The span of years last named ("2020/2024"), for one named without its years. */
  termInHand?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})/;
/** A canonical period of one year or part of one ("2024", "2024-H1", "2024-Q3", "2024-M06", "2022-9M", "2022-YTD"). */
export const CANONICAL_PERIOD = /^(\d{4})(?:-(?:H([12])|Q([1-4])|M(0[1-9]|1[0-2])|(\d{1,2})M|YTD))?$/;

interface Calendar {
  year: number;
  month?: number;
  quarter?: number;
  /** What follows the year in the canonical form ("-H1", "-M02", ""). */
  suffix: string;
}

/**
 * Whether a resolved period ended before the month a document was written in: "2022-H1" in July 2022 is over,
 * "2021/2025" runs to December 2025, "từ đầu năm đến nay" (YTD) runs to the day of writing. A document dated by
 * its year alone was written, for this, in its January.
 */
export function isPeriodOver(period: string, documentDate: string | undefined): boolean {
  const span = /^\d{4}\/(\d{4})$/.exec(period);
  const m = span ? null : CANONICAL_PERIOD.exec(period);
  const written = /^(\d{4})(?:-(\d{2}))?/.exec(documentDate ?? "");
  if (!written || (!span && (!m || period.endsWith("YTD")))) return false;
  const lastMonth = span
    ? Number(span[1]) * 12 + 12
    : Number(m![1]) * 12 + (m![2] ? 6 * Number(m![2]) : m![3] ? 3 * Number(m![3]) : m![4] ? Number(m![4]) : m![5] ? Number(m![5]) : 12);
  return lastMonth < Number(written[1]) * 12 + Number(written[2] ?? 1);
}

function parseCanonical(period: string | undefined): Calendar | null {
  const m = period === undefined ? null : CANONICAL_PERIOD.exec(period);
  if (!m) return null;
  const month = m[4] === undefined ? undefined : Number(m[4]);
  const quarter = m[3] !== undefined ? Number(m[3]) : month !== undefined ? Math.ceil(month / 3) : undefined;
  return { year: Number(m[1]), month, quarter, suffix: period!.slice(4) };
}

export function parseDocumentDate(date: string | undefined): Calendar | null {
  const m = date === undefined ? null : ISO_DATE.exec(date);
  if (!m) return null;
  const month = Number(m[2]);
  return { year: Number(m[1]), month, quarter: Math.ceil(month / 3), suffix: "" };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The i-th unit (month or quarter) of a year shifted by `offset` units, as [year, index]. */
function shift(year: number, index: number, offset: number, perYear: number): [number, number] {
  const at = year * perYear + (index - 1) + offset;
  return [Math.floor(at / perYear), (at % perYear) + 1];
}

/**
 * The canonical form of a period: "2024", "2024-H1", "2024-Q3", "2024-M06",
 * "2022-9M", "2022-YTD", "2021/2025", "2017/2018"; "" when it cannot be
 * resolved. Periods named from the time of writing resolve against the
 * document date when known, else the context year; a period with no year
 * written takes the context year, else the document's.
 */
export function resolvePeriod(mention: Pick<PeriodMention, "value">, options: ResolveOptions = {}): string {
  const v = mention.value;
  const written = parseDocumentDate(options.documentDate);
  const context = parseCanonical(options.contextPeriod);
  const inHand = parseCanonical(options.periodInHand?.replace(/-(\d{1,2})M$/, (_, n: string) => `-M${pad(Number(n))}`));
  const nowYear = written?.year ?? options.contextYear;
  const yearInHand = options.contextYear ?? written?.year;
  const justPast = written ? (written.month !== undefined && written.month <= 6 ? written.year - 1 : written.year) : yearInHand;
  const yearOf = (r: YearRef): number | undefined =>
    r.year ?? (r.justPast ? justPast : r.yearOffset === undefined ? yearInHand : nowYear === undefined ? undefined : nowYear + r.yearOffset);
  // "5 tháng ước đạt ..." written in June 2024 after a paragraph on 2023: part of a year already behind the
  // document date, or ending in its month (statistics offices give a period's estimates in its last days),
  // is of the document's year, not of an earlier year under discussion.
  const partOfYear = (r: YearRef, months: number): number | undefined =>
    r.year === undefined && r.yearOffset === undefined && !r.justPast && written?.month !== undefined && yearInHand !== undefined && yearInHand < written.year && months <= written.month
      ? written.year
      : yearOf(r);
  switch (v.grain) {
    case "year":
    case "half":
    case "months":
    case "ytd": {
      const months = v.grain === "half" ? 6 * v.half : v.grain === "months" ? v.months : 12;
      const year = v.grain === "ytd" ? v.year ?? (nowYear === undefined ? undefined : nowYear + (v.yearOffset ?? 0)) : partOfYear(v, months);
      if (year === undefined) return "";
      if (v.grain === "year") return String(year);
      if (v.grain === "half") return `${year}-H${v.half}`;
      if (v.grain === "ytd") return `${year}-YTD`;
      return v.from === "start" ? `${year}-${v.months}M` : "";
    }
    case "quarter": {
      if (v.quarter !== undefined) {
        const year = partOfYear(v, 3 * v.quarter);
        return year === undefined ? "" : `${year}-Q${v.quarter}`;
      }
      const base = v.inHand ? (inHand?.quarter !== undefined ? inHand : written) : context?.quarter !== undefined ? context : written;
      if (!base?.quarter) return "";
      const [year, quarter] = shift(base.year, base.quarter, v.offset ?? 0, 4);
      return `${year}-Q${quarter}`;
    }
    case "month": {
      if (v.month !== undefined) {
        const year = yearOf(v);
        if (year === undefined) return "";
        if (v.untilNow && written?.month !== undefined && (year < written.year || (year === written.year && v.month < written.month))) {
          return year < written.year ? `${year}/${written.year}` : `${year}-YTD`;
        }
        return `${year}-M${pad(v.month)}`;
      }
      const base = v.inHand ? (inHand?.month !== undefined ? inHand : written) : context?.month !== undefined ? context : written;
      if (!base?.month) return "";
      const [year, month] = shift(base.year, base.month, v.offset ?? 0, 12);
      return `${year}-M${pad(month)}`;
    }
    case "span":
      if (v.endYear !== undefined) return `${v.year}/${v.endYear}`;
      return nowYear !== undefined && nowYear > v.year ? `${v.year}/${nowYear}` : "";
    case "school-year": {
      if (!("justPast" in v)) return `${v.year}/${v.endYear}`;
      // A school year runs from September to May: written in the summer or after, the one just over ends that year.
      const end = written ? (written.month !== undefined && written.month < 6 ? written.year - 1 : written.year) : yearInHand;
      return end === undefined ? "" : `${end - 1}/${end}`;
    }
    case "same-period": {
      const fits = context && (v.of === undefined || (v.of === "month" ? context.month : context.quarter) !== undefined);
      if (context && fits) {
        const suffix = v.of === "month" ? `-M${pad(context.month!)}` : v.of === "quarter" ? `-Q${context.quarter}` : context.suffix;
        return `${v.year ?? context.year - 1}${suffix}`;
      }
      if (v.of !== undefined) return "";
      if (v.year !== undefined) return String(v.year);
      return yearInHand === undefined ? "" : String(yearInHand - 1);
    }
    case "season":
      return options.seasonInHand ?? "";
    case "term":
      return options.termInHand ?? "";
    case "vague":
      return "";
  }
}
