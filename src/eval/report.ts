/**
 * score.py's output, character for character: the score table, the --errors
 * listing and the --json document; and, separately, the text of the field
 * diagnostics (fields.ts), which score.py does not have.
 */
import { DIAGNOSED_FIELDS, type Counts, type FieldDiagnostics } from "./fields.js";
import { floatRepr, formatFixed, pyStr, type PyValue } from "./pyvalue.js";
import { docKey, get, item, KINDS, normText, RecordError, type Prf, type ScoreErrors, type ScoreResult } from "./score.js";

const ROWS = ["all", ...KINDS] as const;
const PRF_FLOATS = ["precision", "recall", "f1"] as const;
const PRF_INTS = ["tp", "fp", "fn"] as const;

/** print(*values): str() of each, space-separated, newline-terminated. */
function printLine(...values: PyValue[]): string {
  return values.map(pyStr).join(" ") + "\n";
}

function codePointPrefix(s: string, length: number): string {
  return Array.from(s).slice(0, length).join("");
}

export function formatScoreTable(result: ScoreResult): string {
  const header = ["".padEnd(8), "kind".padEnd(11), "P".padStart(6), "R".padStart(6), "F1".padStart(6)];
  let out = [...header, "tp".padStart(5), "fp".padStart(5), "fn".padStart(5)].join(" ") + "\n";
  for (const name of ["value", "strict"] as const) {
    for (const k of ROWS) {
      const r: Prf = result[name][k];
      const cells = [name.padEnd(8), k.padEnd(11), ...PRF_FLOATS.map((f) => formatFixed(r[f], 3).padStart(6))];
      out += [...cells, ...PRF_INTS.map((c) => String(r[c]).padStart(5))].join(" ") + "\n";
    }
  }
  const valueF1 = formatFixed(result.value.all.f1, 3);
  return out + `value F1 ${valueF1}, strict F1 ${formatFixed(result.strict.all.f1, 3)}\n`;
}

/** The lines --errors prints before the table: MISSED gold records, then SPURIOUS predictions. */
export function formatErrorLines(errors: ScoreErrors): string {
  let out = "";
  for (const g of errors.missed) {
    const head = ["MISSED  ", docKey(item(g, "doc")), item(g, "kind")];
    out += printLine(...head, get(g, "value"), get(g, "unit"), get(g, "period"), "|", item(g, "quote"));
  }
  for (const p of errors.spurious) {
    let sentence: string;
    try {
      sentence = normText(get(p, "sentence", ""));
    } catch (err) {
      throw new RecordError(p, `"sentence": ${(err as Error).message}`);
    }
    const head = ["SPURIOUS", docKey(get(p, "doc")), get(p, "kind")];
    const fields = [get(p, "value"), get(p, "unit"), get(p, "period")];
    out += printLine(...head, ...fields, "|", get(p, "indicator"), "|", codePointPrefix(sentence, 120));
  }
  return out;
}

/** json.dumps(result, ensure_ascii=False, indent=1). */
export function formatScoreJson(result: ScoreResult): string {
  const block = (name: "value" | "strict"): string => {
    const rows = ROWS.map((k) => {
      const r = result[name][k];
      const floats = PRF_FLOATS.map((f) => `   "${f}": ${floatRepr(r[f])}`);
      const ints = PRF_INTS.map((c) => `   "${c}": ${r[c]}`);
      return `  "${k}": {\n${[...floats, ...ints].join(",\n")}\n  }`;
    });
    return ` "${name}": {\n${rows.join(",\n")}\n }`;
  };
  return `{\n${block("value")},\n${block("strict")}\n}`;
}

export interface ReportOptions {
  /** List missed and spurious records before the table (score.py --errors). */
  errors?: boolean;
  /** The scores as JSON instead of the table (score.py --json); --errors is then ignored, as in score.py. */
  json?: boolean;
}

/** Everything score.py prints on stdout for these options. */
export function formatReport(outcome: { result: ScoreResult; errors: ScoreErrors }, options: ReportOptions = {}): string {
  if (options.json) return formatScoreJson(outcome.result) + "\n";
  const errorLines = options.errors ? formatErrorLines(outcome.errors) : "";
  return errorLines + formatScoreTable(outcome.result);
}

function countCells(c: Counts): string[] {
  return [c.tp, c.fp, c.fn].map((n) => String(n).padStart(5));
}

/** The --fields section: agreement of each field on figure-matched pairs, then counts per document. */
export function formatFieldDiagnostics(diag: FieldDiagnostics): string {
  let out =
    "fields on figure-matched pairs (same doc, quote in sentence, value and value_max, % or not;" +
    ` required gold only): ${diag.pairs} pairs\n`;
  out += `${"field".padEnd(10)} ${"agree".padStart(6)} ${"rate".padStart(6)}\n`;
  for (const field of DIAGNOSED_FIELDS) {
    const n = diag.agree[field];
    const rate = diag.pairs ? formatFixed(n / diag.pairs, 3) : "-";
    out += `${field.padEnd(10)} ${String(n).padStart(6)} ${rate.padStart(6)}\n`;
  }
  const width = Math.max(3, ...diag.docs.map((d) => d.doc.length));
  const heads = ["gold", "opt", "pred", "v.tp", "v.fp", "v.fn", "s.tp", "s.fp", "s.fn"];
  out += `\n${"doc".padEnd(width)} ${heads.map((h) => h.padStart(5)).join(" ")}\n`;
  for (const d of diag.docs) {
    const sizes = [d.gold, d.optional, d.pred].map((n) => String(n).padStart(5));
    out += `${d.doc.padEnd(width)} ${[...sizes, ...countCells(d.value), ...countCells(d.strict)].join(" ")}\n`;
  }
  return out;
}
