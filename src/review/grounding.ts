/**
 * Grounding: does a record still say what its source says? Each quoted piece
 * (sentence, evidence, value as written) is looked up at its offsets in the
 * document's current text, and the record's value is compared with the number
 * written there. A re-extraction, a re-ingested document or a correction can
 * each make a record drift from its source; the reviewer sees how far.
 */
import { parseVietnameseNumber } from "../extract/numbers.js";
import { writtenFigureValues } from "../extract/quantities.js";
import { loadExtractionRules } from "../extract/rules.js";
import { foldVietnamese } from "../text/fold.js";

export type GroundingLevel = "exact" | "approximate" | "none";

export interface GroundingCheck {
  part: "sentence" | "evidence" | "value text" | "value";
  level: GroundingLevel;
  note: string;
}

export interface Grounding {
  /** The worst of the checks. */
  level: GroundingLevel;
  checks: GroundingCheck[];
}

/** What grounding reads from a record: the quoted pieces with their offsets, and the values. */
export interface GroundedRecord {
  sentence: string;
  sentence_start: number;
  sentence_end: number;
  evidence: string;
  span_start: number;
  span_end: number;
  value_text: string;
  value_start: number;
  value_end: number;
  value: number;
  value_max: number | null;
  unit: string;
}

const RANK: Record<GroundingLevel, number> = { exact: 0, approximate: 1, none: 2 };

const loose = (s: string) => foldVietnamese(s.normalize("NFC")).replace(/\s+/gu, " ").trim();

function checkPiece(text: string, part: GroundingCheck["part"], piece: string, start: number, end: number): GroundingCheck {
  const there = text.slice(start, end);
  if (there === piece) return { part, level: "exact", note: `as written at [${start}, ${end})` };
  if (loose(there) === loose(piece)) return { part, level: "approximate", note: `at [${start}, ${end}) only up to case, tone marks or spacing` };
  const elsewhere = text.indexOf(piece);
  if (elsewhere >= 0) return { part, level: "approximate", note: `as written, but at [${elsewhere}, ${elsewhere + piece.length}) instead of [${start}, ${end})` };
  if (piece.trim() !== "" && loose(text).includes(loose(piece))) return { part, level: "approximate", note: "only up to case, tone marks or spacing, elsewhere in the text" };
  return { part, level: "none", note: "not in the document's text" };
}

const DIGITS = /\d[\d.,]*/gu;

/**
 * The numbers the value text may write: the whole number phrase, the figures extraction reads in it ("3 nghìn
 * 500 ha", "15,000 tấn" on a page in English notation), and each run of digits.
 */
function writtenNumbers(valueText: string, unit: string): number[] {
  const phrase = unit && valueText.endsWith(unit) ? valueText.slice(0, -unit.length).trim() : valueText;
  const whole = parseVietnameseNumber(phrase);
  const digitRuns = [...valueText.matchAll(DIGITS)].flatMap((m) => {
    const n = parseVietnameseNumber(m[0].replace(/[.,]$/u, ""));
    return n === null ? [] : [n];
  });
  return [...(whole === null ? [] : [whole]), ...writtenFigureValues(valueText, loadExtractionRules().quantities), ...digitRuns];
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function checkValue(record: GroundedRecord): GroundingCheck | null {
  const written = writtenNumbers(record.value_text, record.unit);
  if (written.length === 0) return null;
  const values = record.value_max === null ? [record.value] : [record.value, record.value_max];
  const missing = values.filter((v) => !written.some((w) => same(v, w)));
  if (missing.length === 0) return { part: "value", level: "exact", note: `${values.join("–")} is the number written` };
  return { part: "value", level: "approximate", note: `the record says ${missing.join(" and ")}; the text writes "${record.value_text}"` };
}

export function groundRecord(text: string, record: GroundedRecord): Grounding {
  const checks = [
    checkPiece(text, "sentence", record.sentence, record.sentence_start, record.sentence_end),
    checkPiece(text, "evidence", record.evidence, record.span_start, record.span_end),
    checkPiece(text, "value text", record.value_text, record.value_start, record.value_end),
  ];
  const value = checkValue(record);
  if (value) checks.push(value);
  const level = checks.reduce<GroundingLevel>((worst, c) => (RANK[c.level] > RANK[worst] ? c.level : worst), "exact");
  return { level, checks };
}
