/**
 * Reviewers' decisions, written to the append-only audit trail. A decision
 * is anchored by its mention's document, sentence text and spans, so after
 * a re-extraction it applies only to a mention with exactly that anchor.
 */
import { StoreError, guarded } from "./errors.js";
import type { IndicatorStore } from "./types.js";

export type ReviewAction = "accept" | "reject" | "edit";

/** The fields a correction can set; those left out keep the record's current values. */
export interface Correction {
  indicator: string;
  indicator_id: string | null;
  kind: "target" | "actual" | "attainment" | "comparison";
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: ">=" | ">" | "<=" | "<" | "~" | null;
  per: "year" | null;
  period: string;
  resolved_period: string | null;
  place: string | null;
  basis: string | null;
  estimated: boolean;
  value_base: number | null;
  value_max_base: number | null;
  base_unit: string | null;
}

const CORRECTION_FIELDS = [
  "indicator", "indicator_id", "kind", "value", "value_max", "unit", "qualifier", "per", "period",
  "resolved_period", "place", "basis", "estimated", "value_base", "value_max_base", "base_unit",
] as const satisfies ReadonlyArray<keyof Correction>;

export interface DecisionInput {
  mentionId: number;
  reviewer: string;
  action: ReviewAction;
  reason?: string;
  /** For "edit": the corrected fields. */
  correction?: Partial<Correction>;
}

export interface Decision {
  id: number;
  reviewer: string;
  decidedAt: string;
  action: ReviewAction | "undo";
  reason: string | null;
  /** The record before and after the decision, as the mentions export shows it. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  undoes: number | null;
  /** Whether a later "undo" took this decision back. */
  undone: boolean;
}

interface Anchor {
  document_id: number;
  sentence: string;
  sentence_start: number;
  sentence_end: number;
  span_start: number;
  span_end: number;
  value_start: number;
  value_end: number;
}

const ANCHOR_COLUMNS = ["document_id", "sentence", "sentence_start", "sentence_end", "span_start", "span_end", "value_start", "value_end"];
const ANCHOR_MATCH = ANCHOR_COLUMNS.map((c) => `${c} = @${c}`).join(" AND ");

/** Records a decision on a mention; returns the decision id. */
export function recordDecision(store: IndicatorStore, input: DecisionInput): number {
  if (input.reviewer.trim() === "") throw new StoreError(store.path, "a decision needs the reviewer's name");
  if (input.action === "edit" && !input.correction) throw new StoreError(store.path, "an edit needs the corrected fields");
  return guarded(store.path, () =>
    store.db.transaction(() => {
      const anchor = mentionAnchor(store, input.mentionId);
      const before = currentRecord(store, input.mentionId);
      const decidedAt = new Date().toISOString();
      return decide(store, input.mentionId, (after) => {
        const id = insertDecision(store, anchor, input.mentionId, { ...input, decidedAt }, before, after, null);
        if (input.action === "edit") {
          const corrected: Record<string, unknown> = { ...before, ...input.correction };
          const row = Object.fromEntries(CORRECTION_FIELDS.map((f) => [f, f === "estimated" ? (corrected[f] ? 1 : 0) : (corrected[f] ?? null)]));
          store.db
            .prepare(`INSERT INTO review_corrections (decision_id, ${CORRECTION_FIELDS.join(", ")}) VALUES (@decision_id, ${CORRECTION_FIELDS.map((f) => `@${f}`).join(", ")})`)
            .run({ decision_id: id, ...row });
        }
        return id;
      });
    }).immediate(),
  );
}

/** Takes back a decision (the trail keeps both); the decision before it, if any, is in force again. */
export function undoDecision(store: IndicatorStore, input: { decisionId: number; reviewer: string; reason?: string }): number {
  if (input.reviewer.trim() === "") throw new StoreError(store.path, "an undo needs the reviewer's name");
  return guarded(store.path, () =>
    store.db.transaction(() => {
      const undone = store.db.prepare(`SELECT ${ANCHOR_COLUMNS.join(", ")} FROM review_decisions WHERE id = ?`).get(input.decisionId) as Anchor | undefined;
      if (!undone) throw new StoreError(store.path, `no decision ${input.decisionId}`);
      const mentionId = (store.db.prepare(`SELECT id FROM mentions WHERE ${ANCHOR_MATCH} ORDER BY id LIMIT 1`).pluck().get(undone) as number | undefined) ?? null;
      const before = mentionId === null ? null : currentRecord(store, mentionId);
      const decidedAt = new Date().toISOString();
      return decide(store, mentionId, (after) =>
        insertDecision(store, undone, mentionId, { ...input, action: "undo", decidedAt }, before, after, input.decisionId),
      );
    }).immediate(),
  );
}

const PROBE = Symbol("probe");

/**
 * Writes a decision with the record as it reads once the decision is in force. The trail is
 * append-only, so that record is found first by writing the decision in a savepoint that is
 * rolled back, then the decision is written for good.
 */
function decide(store: IndicatorStore, mentionId: number | null, write: (after: string) => number): number {
  let after: Record<string, unknown> | null = null;
  try {
    store.db.transaction(() => {
      write("null");
      after = mentionId === null ? null : currentRecord(store, mentionId);
      throw PROBE;
    })();
  } catch (err) {
    if (err !== PROBE) throw err;
  }
  return write(JSON.stringify(after));
}

/** Every decision ever made on the mention's anchor, oldest first. */
export function decisionHistory(store: IndicatorStore, mentionId: number): Decision[] {
  return guarded(store.path, () => {
    const anchor = mentionAnchor(store, mentionId);
    const rows = store.db
      .prepare(
        `SELECT d.id, d.reviewer, d.decided_at AS decidedAt, d.action, d.reason, d.before, d.after, d.undoes,
                EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id) AS undone
         FROM review_decisions d WHERE ${ANCHOR_COLUMNS.map((c) => `d.${c} = @${c}`).join(" AND ")} ORDER BY d.id`,
      )
      .all(anchor) as Array<Omit<Decision, "before" | "after" | "undone"> & { before: string; after: string; undone: number }>;
    return rows.map((r) => ({ ...r, before: JSON.parse(r.before), after: JSON.parse(r.after), undone: r.undone === 1 }));
  });
}

function mentionAnchor(store: IndicatorStore, mentionId: number): Anchor {
  const anchor = store.db.prepare(`SELECT ${ANCHOR_COLUMNS.join(", ")} FROM mentions WHERE id = ?`).get(mentionId) as Anchor | undefined;
  if (!anchor) throw new StoreError(store.path, `no mention ${mentionId}`);
  return anchor;
}

function currentRecord(store: IndicatorStore, mentionId: number): Record<string, unknown> {
  const record = store.db.prepare("SELECT * FROM mention_records WHERE mention_id = ?").get(mentionId) as Record<string, unknown>;
  const { document_id: _, ...fields } = record;
  return { ...fields, estimated: fields.estimated === 1 };
}

function insertDecision(
  store: IndicatorStore,
  anchor: Anchor,
  mentionId: number | null,
  decision: { reviewer: string; action: ReviewAction | "undo"; reason?: string; decidedAt: string },
  before: Record<string, unknown> | null,
  after: string,
  undoes: number | null,
): number {
  return store.db
    .prepare(
      `INSERT INTO review_decisions (${ANCHOR_COLUMNS.join(", ")}, mention_id, reviewer, decided_at, action, reason, before, after, undoes)
       VALUES (${ANCHOR_COLUMNS.map((c) => `@${c}`).join(", ")}, @mention_id, @reviewer, @decided_at, @action, @reason, @before, @after, @undoes)
       RETURNING id`,
    )
    .pluck()
    .get({
      ...anchor,
      mention_id: mentionId,
      reviewer: decision.reviewer,
      decided_at: decision.decidedAt,
      action: decision.action,
      reason: decision.reason ?? null,
      before: JSON.stringify(before),
      after,
      undoes,
    }) as number;
}
