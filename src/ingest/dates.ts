/**
 * Publication dates as Vietnamese pages show them: "29/11/2023 - 10:26",
 * "Thứ Hai, 30/12/2024", "Thứ năm, 2/11/2023, 19:20 (GMT+7)",
 * "17:23 | 07/08/2018", "ngày 29 tháng 11 năm 2023". Times are Vietnam time.
 */

const WEEKDAY = String.raw`(?:th[ứu]\s+[\p{L}\d]+|ch[ủu]\s+nh[ậa]t|CN)`;
const SEP = String.raw`\s*[,|\-–—]?\s*`;
const DMY = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const WORDY_DMY = String.raw`ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})`;
const TIME = String.raw`(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*[:]\s*\d{2})?`;
const ZONE = String.raw`(?:\s*\(?\s*GMT\s*\+\s*7\s*\)?)?`;

const DATE_FORMS: { pattern: RegExp; day: number; month: number; year: number; hour?: number; minute?: number }[] = [
  { pattern: new RegExp(`(?:${WEEKDAY}${SEP})?${DMY}(?:${SEP}(?:lúc\\s+)?${TIME})?${ZONE}`, "iu"), day: 1, month: 2, year: 3, hour: 4, minute: 5 },
  { pattern: new RegExp(`${TIME}${SEP}(?:${WEEKDAY}${SEP})?${DMY}${ZONE}`, "iu"), hour: 1, minute: 2, day: 3, month: 4, year: 5 },
  { pattern: new RegExp(WORDY_DMY, "iu"), day: 1, month: 2, year: 3 },
];

const pad = (n: number) => String(n).padStart(2, "0");

export interface FoundDate {
  iso: string;
  /** [start, end) of the date expression in the text searched. */
  start: number;
  end: number;
}

/** The first date written in one of the Vietnamese forms, as ISO 8601. */
export function findVietnameseDate(text: string): FoundDate | null {
  let best: FoundDate | null = null;
  for (const form of DATE_FORMS) {
    const m = form.pattern.exec(text);
    if (!m) continue;
    const day = Number(m[form.day]);
    const month = Number(m[form.month]);
    const year = Number(m[form.year]);
    if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1945 || year > 2100) continue;
    let iso = `${year}-${pad(month)}-${pad(day)}`;
    if (form.hour !== undefined && m[form.hour] !== undefined) {
      const hour = Number(m[form.hour]);
      const minute = Number(m[form.minute!]);
      if (hour < 24 && minute < 60) iso += `T${pad(hour)}:${pad(minute)}:00+07:00`;
    }
    if (!best || m.index < best.start) best = { iso, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** A block that says nothing but when it was published ("Thứ Hai, 30/12/2024 | 10:26"). */
export function isDateLine(text: string): boolean {
  const found = findVietnameseDate(text);
  if (!found) return false;
  const rest = text.slice(0, found.start) + text.slice(found.end);
  return /^[\s,|\-–—:()]*(?:(?:cập nhật|đăng|ngày đăng|ngày|lúc|gmt\+7)[\s,|\-–—:()]*)*$/iu.test(rest);
}

/** ISO 8601 dates and date-times from meta tags and JSON-LD, tidied; null if not one. */
export function normaliseIsoDate(value: string): string | null {
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return findVietnameseDate(v)?.iso ?? null;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h === undefined) return `${y}-${mo}-${d}`;
  const tz = zone === undefined ? "+07:00" : zone === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${tz}`;
}
