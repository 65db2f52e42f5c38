/**
 * A faithful port of /work/shared/eval/score.py (the reference scorer): the
 * same functions, the same evaluation order and short-circuits, over JSON
 * values held as Python holds them (see pyvalue.ts). Where score.py would stop
 * with a Python exception, this throws RecordError naming the record.
 */
import {
  PY_SPACE_CLASS,
  PyException,
  pyEq,
  pyFloat,
  pyHashable,
  pyStr,
  pyStrip,
  pyTruthy,
  pyTypeName,
  pyRepr,
  type PyDict,
  type PyValue,
} from "./pyvalue.js";

export const KINDS = ["target", "actual", "attainment", "comparison"] as const;
export type Kind = (typeof KINDS)[number];

/** A gold or predicted record is unusable where score.py would fail on it. */
export class RecordError extends Error {
  constructor(
    readonly record: PyDict,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "RecordError";
  }
}

/** record[key] */
export function item(record: PyDict, key: string): PyValue {
  const value = record.get(key);
  if (value === undefined) throw new RecordError(record, `no "${key}" field`);
  return value;
}

/** record.get(key, fallback) */
export function get(record: PyDict, key: string, fallback: PyValue = null): PyValue {
  const value = record.get(key);
  return value === undefined ? fallback : value;
}

/** Runs `compute` on a field of `record`, blaming the record for what Python would raise. */
function onField<T>(record: PyDict, key: string, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof PyException) throw new RecordError(record, `"${key}": ${err.message}`);
    throw err;
  }
}

const SPACE_RUN = new RegExp(`[${PY_SPACE_CLASS}]+`, "gu");
const SYLLABLE_BREAK = new RegExp(`[${PY_SPACE_CLASS},.;:()"'“”‘’/\\-–—]+`, "u");
const SPACE = `[${PY_SPACE_CLASS}]`;
const BILLION = new RegExp(`(^|${SPACE})tỷ(?!${SPACE}*(lệ|trọng))(${SPACE}|$)`, "u");
const MILLION = new RegExp(`(^|${SPACE})triệu(${SPACE}|$)`, "u");
const THOUSAND = new RegExp(`(^|${SPACE})(nghìn|ngàn)(${SPACE}|$)`, "u");
const PERCENT_WORDS = ["percent", "pct", "phần trăm", "percentage"];
const YEAR_SPAN = /^(\p{Nd}{4})[-–—](\p{Nd}{4})$/u;
const YEAR = /^\p{Nd}{4}$/u;
const PARTIAL_YEAR = /^(\p{Nd}{1,2}M|YTD)$/u;

/** NFC, zero-width spaces dropped, white-space runs as one space, trimmed; `s or ""` first. */
export function normText(s: PyValue): string {
  const text = pyTruthy(s) ? s : "";
  if (typeof text !== "string") {
    throw new PyException("TypeError", `expected text, got ${pyTypeName(s)} ${pyRepr(s)}`);
  }
  return pyStrip(text.normalize("NFC").replaceAll("\u200b", "").replace(SPACE_RUN, " "));
}

export function syllables(s: PyValue): Set<string> {
  return new Set(
    normText(s)
      .toLowerCase()
      .split(SYLLABLE_BREAK)
      .filter((w) => w !== ""),
  );
}

export function multiplier(unit: PyValue): number {
  const u = normText(unit).toLowerCase();
  if (BILLION.test(u) || u.includes("billion")) return 1e9;
  if (MILLION.test(u) || u.includes("million")) return 1e6;
  if (THOUSAND.test(u) || u.includes("thousand")) return 1e3;
  return 1.0;
}

export function isPercent(unit: PyValue): boolean {
  const u = normText(unit).toLowerCase();
  return u.includes("%") || PERCENT_WORDS.includes(u);
}

/** float(x), or null for None, "" and what float() rejects. */
export function num(x: PyValue): number | null {
  if (x === null || x === "") return null;
  return pyFloat(x) ?? null;
}

function close(x: number, y: number): boolean {
  // Python's max() and Math.max differ only for NaN, where the comparison is false either way.
  return Math.abs(x - y) <= 1e-6 * Math.max(1.0, Math.abs(x), Math.abs(y));
}

export function sameValue(a: number | null, ua: PyValue, b: number | null, ub: PyValue): boolean {
  if (a === null || b === null) return a === null && b === null;
  return close(a * multiplier(ua), b * multiplier(ub));
}

export function normPeriod(p: PyValue): string {
  const text = normText(pyStr(pyTruthy(p) ? p : "")).toUpperCase().replaceAll(" ", "");
  return text.replace(YEAR_SPAN, "$1/$2");
}

/** Equal canonical periods; a bare gold year also accepts a cumulative partial year of the same year ("2022-9M", "2022-YTD"). */
export function samePeriod(gold: PyValue, pred: PyValue): boolean {
  const g = normPeriod(gold);
  const p = normPeriod(pred);
  if (g === p) return true;
  return YEAR.test(g) && p.startsWith(`${g}-`) && PARTIAL_YEAR.test(p.slice(g.length + 1));
}

export function docKey(d: PyValue): string {
  return pyStr(pyTruthy(d) ? d : "")
    .split(/[\\/]/)
    .pop() as string;
}

function valueOf(record: PyDict, key: string): number | null {
  return onField(record, key, () => num(get(record, key)));
}

/** same_value() on one field of both records, blaming the record whose unit Python would fail on. */
function sameValueField(g: PyDict, p: PyDict, key: string): boolean {
  const a = valueOf(g, key);
  const b = valueOf(p, key);
  if (a === null || b === null) return a === null && b === null;
  const x = a * onField(g, "unit", () => multiplier(get(g, "unit", "")));
  const y = b * onField(p, "unit", () => multiplier(get(p, "unit", "")));
  return close(x, y);
}

/** value_match without its first test (equal kinds): the same figure from the same passage. */
export function figureMatch(g: PyDict, p: PyDict): boolean {
  const quote = onField(g, "quote", () => normText(item(g, "quote")));
  return (
    onField(p, "sentence", () => normText(get(p, "sentence", ""))).includes(quote) &&
    sameValueField(g, p, "value") &&
    sameValueField(g, p, "value_max") &&
    onField(g, "unit", () => isPercent(get(g, "unit", ""))) === onField(p, "unit", () => isPercent(get(p, "unit", "")))
  );
}

export function valueMatch(g: PyDict, p: PyDict): boolean {
  return pyEq(item(p, "kind"), item(g, "kind")) && figureMatch(g, p);
}

/** The indicator phrases share at least half the syllables of the shorter one. */
export function sameIndicator(g: PyDict, p: PyDict): boolean {
  const gs = onField(g, "indicator", () => syllables(get(g, "indicator", "")));
  const ps = onField(p, "indicator", () => syllables(get(p, "indicator", "")));
  if (gs.size === 0 || ps.size === 0) return false;
  let shared = 0;
  for (const w of gs) if (ps.has(w)) shared++;
  return shared >= 0.5 * Math.min(gs.size, ps.size);
}

export function strictMatch(g: PyDict, p: PyDict): boolean {
  if (!valueMatch(g, p)) return false;
  if (!sameIndicator(g, p)) return false;
  return samePeriod(get(g, "period"), get(p, "period"));
}

export type Matcher = (g: PyDict, p: PyDict) => boolean;

/** Greedy one-to-one matching; required gold first, then optional. Maps gold index → pred index. */
export function match(gold: PyDict[], pred: PyDict[], ok: Matcher): { hits: Map<number, number>; used: Set<number> } {
  const used = new Set<number>();
  const hits = new Map<number, number>();
  for (const optional of [false, true]) {
    gold.forEach((g, gi) => {
      if (pyTruthy(get(g, "optional")) !== optional) return;
      for (let pi = 0; pi < pred.length; pi++) {
        if (!used.has(pi) && ok(g, pred[pi])) {
          used.add(pi);
          hits.set(gi, pi);
          return;
        }
      }
    });
  }
  return { hits, used };
}

export function prf(tp: number, fp: number, fn: number): [number, number, number] {
  const p = tp + fp ? tp / (tp + fp) : 0.0;
  const r = tp + fn ? tp / (tp + fn) : 0.0;
  const f = p + r ? (2 * p * r) / (p + r) : 0.0;
  return [p, r, f];
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}
export type KindScores = Record<"all" | Kind, Prf>;
export interface ScoreResult {
  value: KindScores;
  strict: KindScores;
}
/** Required gold records the strict matching missed, and predictions it left unmatched. */
export interface ScoreErrors {
  missed: PyDict[];
  spurious: PyDict[];
}

export interface DocMatch {
  doc: string;
  gold: PyDict[];
  pred: PyDict[];
  hits: Map<number, number>;
  used: Set<number>;
}

/** Records grouped by doc_key, documents in order of first appearance (gold, then prediction-only). */
export function groupByDoc(gold: PyDict[], pred: PyDict[]): Array<{ doc: string; gold: PyDict[]; pred: PyDict[] }> {
  const byDocGold = new Map<string, PyDict[]>();
  const byDocPred = new Map<string, PyDict[]>();
  const add = (byDoc: Map<string, PyDict[]>, key: string, record: PyDict): void => {
    const records = byDoc.get(key);
    if (records) records.push(record);
    else byDoc.set(key, [record]);
  };
  for (const g of gold) add(byDocGold, docKey(item(g, "doc")), g);
  for (const p of pred) add(byDocPred, docKey(get(p, "doc")), p);
  const docs = [...byDocGold.keys(), ...[...byDocPred.keys()].filter((d) => !byDocGold.has(d))];
  return docs.map((doc) => ({ doc, gold: byDocGold.get(doc) ?? [], pred: byDocPred.get(doc) ?? [] }));
}

/** match() within each document. */
export function matchByDoc(gold: PyDict[], pred: PyDict[], ok: Matcher): DocMatch[] {
  return groupByDoc(gold, pred).map((d) => ({ ...d, ...match(d.gold, d.pred, ok) }));
}

function countedKind(record: PyDict, kind: PyValue): Kind | null {
  if (!pyHashable(kind)) throw new RecordError(record, `"kind" is a ${pyTypeName(kind)}, which score.py cannot count`);
  return typeof kind === "string" && (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : null;
}

function scores(tp: number, fp: number, fn: number): Prf {
  const [precision, recall, f1] = prf(tp, fp, fn);
  return { precision, recall, f1, tp, fp, fn };
}

/**
 * score.py's score(). Only the order of documents differs: score.py walks a
 * set of document names, whose order Python randomises per run; here it is
 * the order of first appearance, which fixes the order of `errors`.
 */
export function score(gold: PyDict[], pred: PyDict[]): { result: ScoreResult; errors: ScoreErrors } {
  const errors: ScoreErrors = { missed: [], spurious: [] };
  const passes = [
    ["value", valueMatch],
    ["strict", strictMatch],
  ] as const;
  const result = {} as ScoreResult;
  for (const [name, ok] of passes) {
    const total = [0, 0, 0];
    const byKind = new Map<Kind, number[]>(KINDS.map((k) => [k, [0, 0, 0]]));
    const count = (record: PyDict, kind: PyValue, slot: number): void => {
      const k = countedKind(record, kind);
      total[slot]++;
      if (k) (byKind.get(k) as number[])[slot]++;
    };
    for (const d of matchByDoc(gold, pred, ok)) {
      d.gold.forEach((g, gi) => {
        if (pyTruthy(get(g, "optional"))) return;
        if (d.hits.has(gi)) {
          count(g, item(g, "kind"), 0);
        } else {
          count(g, item(g, "kind"), 2);
          if (name === "strict") errors.missed.push(g);
        }
      });
      d.pred.forEach((p, pi) => {
        if (d.used.has(pi)) return;
        count(p, get(p, "kind", "?"), 1);
        if (name === "strict") errors.spurious.push(p);
      });
    }
    const kinds = Object.fromEntries(KINDS.map((k) => [k, scores(...(byKind.get(k) as [number, number, number]))]));
    result[name] = { all: scores(total[0], total[1], total[2]), ...kinds } as KindScores;
  }
  return { result, errors };
}
