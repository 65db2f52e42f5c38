/**
 * A diagnostic beside the score, to guide rule work: pair gold and predicted
 * records on the figure alone (same document, quote within the sentence,
 * value and value_max after unit scaling, percent or not; not the kind), then
 * count how often each other field agrees. Also per-document counts.
 */
import {
  figureMatch,
  get,
  matchByDoc,
  normText,
  sameIndicator,
  samePeriod,
  strictMatch,
  valueMatch,
  type DocMatch,
} from "./score.js";
import { pyEq, pyTruthy, type PyDict } from "./pyvalue.js";

export const DIAGNOSED_FIELDS = ["kind", "unit", "indicator", "period", "qualifier", "per"] as const;
export type DiagnosedField = (typeof DIAGNOSED_FIELDS)[number];

const AGREES: Record<DiagnosedField, (g: PyDict, p: PyDict) => boolean> = {
  kind: (g, p) => pyEq(get(g, "kind"), get(p, "kind")),
  // The unit as written, case aside; scaling and percent-ness are already equal.
  unit: (g, p) => normText(get(g, "unit", "")).toLowerCase() === normText(get(p, "unit", "")).toLowerCase(),
  indicator: sameIndicator,
  period: (g, p) => samePeriod(get(g, "period"), get(p, "period")),
  qualifier: (g, p) => pyEq(get(g, "qualifier"), get(p, "qualifier")),
  per: (g, p) => pyEq(get(g, "per"), get(p, "per")),
};

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface DocCounts {
  doc: string;
  /** Required gold records. */
  gold: number;
  optional: number;
  pred: number;
  value: Counts;
  strict: Counts;
}

export interface FieldDiagnostics {
  /** Figure-matched pairs with a required gold record. */
  pairs: number;
  agree: Record<DiagnosedField, number>;
  docs: DocCounts[];
}

function required(gold: PyDict[]): number[] {
  return gold.flatMap((g, gi) => (pyTruthy(get(g, "optional")) ? [] : [gi]));
}

function counts(d: DocMatch): Counts {
  const tp = required(d.gold).filter((gi) => d.hits.has(gi)).length;
  return { tp, fp: d.pred.length - d.used.size, fn: required(d.gold).length - tp };
}

export function fieldDiagnostics(gold: PyDict[], pred: PyDict[]): FieldDiagnostics {
  const agree = Object.fromEntries(DIAGNOSED_FIELDS.map((f) => [f, 0])) as Record<DiagnosedField, number>;
  let pairs = 0;
  for (const d of matchByDoc(gold, pred, figureMatch)) {
    for (const gi of required(d.gold)) {
      const pi = d.hits.get(gi);
      if (pi === undefined) continue;
      pairs++;
      for (const field of DIAGNOSED_FIELDS) if (AGREES[field](d.gold[gi], d.pred[pi])) agree[field]++;
    }
  }
  const strictByDoc = new Map(matchByDoc(gold, pred, strictMatch).map((d) => [d.doc, d]));
  const docs = matchByDoc(gold, pred, valueMatch).map((d) => ({
    doc: d.doc,
    gold: required(d.gold).length,
    optional: d.gold.length - required(d.gold).length,
    pred: d.pred.length,
    value: counts(d),
    strict: counts(strictByDoc.get(d.doc) as DocMatch),
  }));
  return { pairs, agree, docs };
}
