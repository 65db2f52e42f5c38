/**
 * Agreement between two reviewers on the records both decided: Cohen's kappa
 * over their actions (accept, reject, edit), and the list of records where
 * they differ, an edit counting as different when the corrections differ.
 */
import type { ReviewerDecision } from "../store/review-queries.js";

export type ReviewLabel = ReviewerDecision["action"];

export interface Kappa {
  /** Records both reviewers decided. */
  items: number;
  /** Share of them with the same action. */
  observed: number | null;
  /** Share expected to agree by chance, from each reviewer's own mix of actions. */
  expected: number | null;
  /** (observed − expected) / (1 − expected); null when undefined (no records, or both used one and the same action throughout). */
  kappa: number | null;
}

/** Cohen's kappa of paired labels. */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): Kappa {
  const items = pairs.length;
  if (items === 0) return { items, observed: null, expected: null, kappa: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agreed / items;
  let expected = 0;
  for (const [label, n] of first) expected += (n / items) * ((second.get(label) ?? 0) / items);
  return { items, observed, expected, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

// The fields of a record a correction can change: two edits agree when these agree.
const CORRECTED_FIELDS = ["indicator", "indicator_id", "kind", "value", "value_max", "unit", "qualifier", "per", "period", "place", "basis", "estimated"];

export interface Disagreement {
  mention_id: number | null;
  sentence: string;
  value_text: string;
  /** "action" when the actions differ, "correction" when both edited but corrected differently. */
  difference: "action" | "correction";
  first: { action: ReviewLabel; reason: string | null; corrected: Record<string, unknown> | null };
  second: { action: ReviewLabel; reason: string | null; corrected: Record<string, unknown> | null };
}

export interface Agreement extends Kappa {
  reviewers: [string, string];
  /** Rows: the first reviewer's action; columns: the second's. */
  matrix: Record<ReviewLabel, Record<ReviewLabel, number>>;
  disagreements: Disagreement[];
}

const LABELS: ReviewLabel[] = ["accept", "reject", "edit"];

function corrected(d: ReviewerDecision): Record<string, unknown> | null {
  if (d.action !== "edit" || d.after === null) return null;
  return Object.fromEntries(CORRECTED_FIELDS.map((f) => [f, d.after![f] ?? null]));
}

export function compareReviewers(names: [string, string], first: readonly ReviewerDecision[], second: readonly ReviewerDecision[]): Agreement {
  const theirs = new Map(second.map((d) => [d.anchor, d]));
  const pairs: Array<[ReviewerDecision, ReviewerDecision]> = first.flatMap((d) => {
    const other = theirs.get(d.anchor);
    return other ? [[d, other] as [ReviewerDecision, ReviewerDecision]] : [];
  });
  const matrix = Object.fromEntries(LABELS.map((a) => [a, Object.fromEntries(LABELS.map((b) => [b, 0]))])) as Agreement["matrix"];
  const disagreements: Disagreement[] = [];
  for (const [a, b] of pairs) {
    matrix[a.action][b.action]++;
    const ca = corrected(a);
    const cb = corrected(b);
    const difference = a.action !== b.action ? "action" : JSON.stringify(ca) !== JSON.stringify(cb) ? "correction" : null;
    if (difference) {
      disagreements.push({
        mention_id: a.mention_id ?? b.mention_id,
        sentence: a.sentence,
        value_text: a.value_text,
        difference,
        first: { action: a.action, reason: a.reason, corrected: ca },
        second: { action: b.action, reason: b.reason, corrected: cb },
      });
    }
  }
  return { reviewers: names, ...cohensKappa(pairs.map(([a, b]) => [a.action, b.action] as const)), matrix, disagreements };
}
