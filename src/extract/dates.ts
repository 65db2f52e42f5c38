/**
 * Calendar dates and clock times ("29/11/2023 - 10:26", "Thứ Hai, 30/12/2024",
 * "ngày 30 tháng 6 năm 2023", "Chiều 7/1"): never figures, and where a
 * document states when it was written. The rules are in
 * rules/patterns/dates.yaml.
 */
import { z } from "zod";
import { loadLexicon } from "../rulebook/index.js";
import { scanAll } from "../rulebook/scan.js";
import { foldVietnamese } from "../text/fold.js";
import type { Span } from "../text/types.js";
import { compilePattern, loadPatternRules, type PatternRule } from "./numbers.js";

export interface DateMention extends Span {
  /** Id of the rule that found the date (or the time, for a lone time). */
  rule: string;
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  /** 1 = Monday … 7 = Sunday, when the weekday is written. */
  weekday?: number;
  /** "2023-11-29", "2023-11-29T10:26", or "10:26" for a lone time; null when the year is missing. */
  iso: string | null;
}

interface Calendar {
  rules: PatternRule<undefined>[];
  weekdays: Map<string, number>;
  join: RegExp;
  headerLead: RegExp;
}

let calendarCache: Calendar | undefined;

function calendar(): Calendar {
  if (!calendarCache) {
    const weekdays = new Map<string, number>();
    for (const row of loadLexicon("weekdays", z.object({ surface: z.string(), day: z.coerce.number().int().min(1).max(7) }))) {
      weekdays.set(surfaceKey(row.surface.normalize("NFC")), row.day);
    }
    calendarCache = {
      rules: loadPatternRules("patterns/dates.yaml"),
      weekdays,
      join: compilePattern("^(?:{date_time_join})$", "u"),
      headerLead: compilePattern("^(?:{date_header_lead})$", "u"),
    };
  }
  return calendarCache;
}

function surfaceKey(s: string): string {
  return foldVietnamese(s).trim().replace(/\s+/g, " ");
}

const pad = (n: number) => String(n).padStart(2, "0");

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoOf(d: Omit<DateMention, "iso">): string | null {
  const time = d.hour !== undefined && d.minute !== undefined ? `${pad(d.hour)}:${pad(d.minute)}` : null;
  if (d.day === undefined) return time;
  if (d.year === undefined) return null;
  const date = `${d.year}-${pad(d.month!)}-${pad(d.day)}`;
  return time ? `${date}T${time}` : date;
}

function toMention(m: RegExpMatchArray, rule: string): DateMention | null {
  const g = m.groups ?? {};
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const d: Omit<DateMention, "iso"> = { start: m.index!, end: m.index! + m[0].length, rule };
  if (g.day !== undefined) {
    d.day = num(g.day);
    d.month = num(g.month);
    d.year = num(g.year);
    if (d.day! > daysInMonth(d.month!, d.year)) return null;
  }
  if (g.hour !== undefined) {
    d.hour = num(g.hour);
    d.minute = num(g.minute);
  }
  if (g.weekday !== undefined) d.weekday = calendar().weekdays.get(surfaceKey(g.weekday));
  return { ...d, iso: isoOf(d) };
}

/**
 * The dates and times of a folded text, in order, a date and the time beside
 * it ("29/11/2023 - 10:26") as one. Where rules overlap the longest match wins.
 */
export function findDates(folded: string): DateMention[] {
  const { rules, join } = calendar();
  const found: DateMention[] = [];
  for (const rule of rules) {
    for (const m of scanAll(rule.regex, folded)) {
      const mention = toMention(m, rule.id);
      if (mention) found.push(mention);
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateMention[] = [];
  for (const d of found) if (!kept.some((k) => k.start < d.end && d.start < k.end)) kept.push(d);
  kept.sort((a, b) => a.start - b.start);
  const merged: DateMention[] = [];
  for (const d of kept) {
    const prev = merged[merged.length - 1];
    const oneHasTime = prev && (prev.hour === undefined) !== (d.hour === undefined);
    const oneHasDay = prev && (prev.day === undefined) !== (d.day === undefined);
    if (prev && oneHasTime && oneHasDay && join.test(folded.slice(prev.end, d.start))) {
      const [date, time] = prev.day !== undefined ? [prev, d] : [d, prev];
      const both = { ...date, hour: time.hour, minute: time.minute, start: prev.start, end: d.end };
      merged[merged.length - 1] = { ...both, iso: isoOf(both) };
    } else {
      merged.push(d);
    }
  }
  return merged;
}

/** How far into a document its header may reach. */
const HEADER_LINES = 15;
const DIGIT = /\d/;
/** The last gap between columns of a line laid out in two: a tab, or three spaces or more. */
const COLUMN_GAP = /(?:\t|[^\S\n]{3,})(?!.*(?:\t|[^\S\n]{3,}))/u;

/**
 * The date a document states in its header, as "YYYY-MM-DD": a full date
 * among its first lines, standing at the start of its line ("29/11/2023 -
 * 10:26", "Ngày 30 tháng 6 năm 2023, ...", "Hà Nội, ngày ...", "Chiều ngày
 * 05/01/2024, ..."), or a dateline with a weekday or time after a short label
 * ("Trang chủ Thứ 3, 07/08/2018 | 17:23"). Null if there is none.
 */
export function findDocumentDate(text: string): string | null {
  const folded = foldVietnamese(text.normalize("NFC"));
  let headerEnd = 0;
  let lines = 0;
  while (headerEnd < folded.length && lines < HEADER_LINES) {
    const next = folded.indexOf("\n", headerEnd);
    const lineEnd = next < 0 ? folded.length : next;
    if (folded.slice(headerEnd, lineEnd).trim() !== "") lines++;
    headerEnd = lineEnd + 1;
  }
  const { headerLead } = calendar();
  for (const d of findDates(folded.slice(0, headerEnd))) {
    if (d.year === undefined || d.day === undefined) continue;
    const lead = folded.slice(folded.lastIndexOf("\n", d.start - 1) + 1, d.start);
    const dateline = d.weekday !== undefined || d.hour !== undefined;
    // "Số: 64/BC-PCLB          Tam Kỳ, ngày 18 tháng 10 năm 2013": a two-column header puts the date in its right column.
    const column = COLUMN_GAP.exec(lead);
    if (headerLead.test(lead) || (column !== null && headerLead.test(lead.slice(column.index + column[0].length))) || (dateline && lead.length <= 60 && !DIGIT.test(lead))) return d.iso!.slice(0, 10);
  }
  return null;
}
