/**
 * The queries behind the review page: the filtered, sorted, paginated queue with
 * its counts, one record with its document, paragraph and neighbours, recent
 * decisions, each reviewer's decisions (for agreement), normalisation's conflicts
 * and failed consistency checks, and chart points. Every value reaches SQLite as a
 * parameter.
 */
import { foldVietnamese } from "../text/fold.js";
import { guarded } from "./errors.js";
import type { MentionKind } from "../extract/types.js";
import type { IndicatorStore } from "./types.js";

export const REVIEW_STATUSES = ["unreviewed", "accepted", "rejected", "corrected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const QUEUE_SORTS = [
  "document", "confidence", "value", "indicator", "period", "kind", "place", "rule", "status", "reviewed_at", "sample",
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueFilters {
  /** Contained in the indicator as written (ignoring case and diacritics) or in its taxonomy id. */
  indicator?: string;
  kind?: MentionKind;
  /** A gazetteer id. */
  place?: string;
  /** The period as resolved (or as extracted when not resolved). */
  period?: string;
  /** Contained in the document's source or title, ignoring case and diacritics. */
  document?: string;
  rule?: string;
  confidenceMin?: number;
  confidenceMax?: number;
  /** A review status, or "reviewed" for any decision. */
  status?: ReviewStatus | "reviewed";
  /** Only records this reviewer has no decision in force on (for a second review of a sample). */
  notDecidedBy?: string;
  /** Only these mentions (a chart point, a conflict). */
  ids?: number[];
}

export interface QueueQuery extends QueueFilters {
  sort: QueueSort;
  descending: boolean;
  /** 0-based. */
  page: number;
  pageSize: number;
}

export interface QueueRow {
  mention_id: number;
  doc: string;
  title: string | null;
  indicator: string;
  indicator_id: string | null;
  kind: MentionKind;
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: string | null;
  period: string;
  resolved_period: string | null;
  place: string | null;
  value_text: string;
  rule: string;
  confidence: number;
  review_status: ReviewStatus;
  reviewer: string | null;
  reviewed_at: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Records matching every filter. */
  total: number;
  page: number;
  pageSize: number;
  /** Records matching the filters other than status, by status: what is done and what is left. */
  byStatus: Record<ReviewStatus, number>;
  done: number;
  left: number;
}

const QUEUE_COLUMNS = [
  "mention_id", "doc", "title", "indicator", "indicator_id", "kind", "value", "value_max", "unit", "qualifier", "period",
  "resolved_period", "place", "value_text", "rule", "confidence", "review_status", "reviewer", "reviewed_at",
];

// The sample order is a fixed pseudo-random shuffle of the records' anchors, so two reviewers walking
// it see the same records in the same order, and it does not change with re-extraction.
const SORT_SQL: Record<QueueSort, string[]> = {
  document: ["r.doc", "r.value_start", "r.span_start"],
  confidence: ["r.confidence"],
  value: ["coalesce(r.value_base, r.value)"],
  indicator: ["r.indicator"],
  period: ["coalesce(r.resolved_period, r.period)"],
  kind: ["r.kind"],
  place: ["r.place"],
  rule: ["r.rule"],
  status: ["r.review_status"],
  reviewed_at: ["r.reviewed_at"],
  sample: ["(r.document_id * 2654435761 + r.value_start * 40503 + r.span_start * 977) % 1000003"],
};

// Whether the reviewer has a decision in force (the latest not undone of theirs) on the record's anchor.
const DECIDED_BY = `EXISTS (
  SELECT 1 FROM review_decisions x
  WHERE x.document_id = r.document_id AND x.span_start = r.span_start AND x.span_end = r.span_end
    AND x.value_start = r.value_start AND x.value_end = r.value_end
    AND x.sentence_start = r.sentence_start AND x.sentence_end = r.sentence_end AND x.sentence = r.sentence
    AND x.reviewer = ? AND x.action <> 'undo'
    AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = x.id)
)`;

interface Where {
  sql: string;
  params: unknown[];
}

// Reviewers type filters with or without diacritics: both sides are compared without them (đ as d).
const loose = (text: string) =>
  foldVietnamese(text.normalize("NFC")).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gu, "d");

/**
 * The indicators as written (or as corrected) that contain the text. They are far fewer than the
 * records, so matching them here and the records by equality is much faster than matching each record.
 */
function indicatorsContaining(store: IndicatorStore, text: string): string[] {
  const wanted = loose(text);
  const all = store.db.prepare("SELECT indicator FROM mentions UNION SELECT indicator FROM review_corrections").pluck().all() as string[];
  return all.filter((indicator) => loose(indicator).includes(wanted));
}

/** The documents whose source or title contains the text. */
function documentsContaining(store: IndicatorStore, text: string): number[] {
  const wanted = loose(text);
  const all = store.db.prepare("SELECT id, source, coalesce(title, '') AS title FROM documents").all() as Array<{ id: number; source: string; title: string }>;
  return all.filter((d) => loose(d.source).includes(wanted) || loose(d.title).includes(wanted)).map((d) => d.id);
}

/** The filters other than status, as a WHERE clause over mention_records r. */
function queueWhere(store: IndicatorStore, filters: QueueFilters): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filters.indicator) {
    add(
      "(r.indicator IN (SELECT value FROM json_each(?)) OR instr(coalesce(r.indicator_id, ''), ?) > 0)",
      JSON.stringify(indicatorsContaining(store, filters.indicator)),
      filters.indicator,
    );
  }
  if (filters.kind) add("r.kind = ?", filters.kind);
  if (filters.place) add("r.place = ?", filters.place);
  if (filters.period) add("coalesce(r.resolved_period, r.period) = ?", filters.period);
  if (filters.document) add("r.document_id IN (SELECT value FROM json_each(?))", JSON.stringify(documentsContaining(store, filters.document)));
  if (filters.rule) add("r.rule = ?", filters.rule);
  if (filters.confidenceMin !== undefined) add("r.confidence >= ?", filters.confidenceMin);
  if (filters.confidenceMax !== undefined) add("r.confidence <= ?", filters.confidenceMax);
  if (filters.notDecidedBy) add(`NOT ${DECIDED_BY}`, filters.notDecidedBy);
  if (filters.ids) add(`r.mention_id IN (SELECT value FROM json_each(?))`, JSON.stringify(filters.ids));
  return { sql: clauses.join(" AND ") || "1", params };
}

/** One page of the queue, with the counts of what is done and left under the same filters. */
export function reviewQueue(store: IndicatorStore, query: QueueQuery): QueuePage {
  return guarded(store.path, () => {
    const filtered = queueWhere(store, query);
    const status: Where =
      query.status === undefined ? { sql: "1", params: [] }
      : query.status === "reviewed" ? { sql: "r.review_status <> 'unreviewed'", params: [] }
      : { sql: "r.review_status = ?", params: [query.status] };
    const where = { sql: `${filtered.sql} AND ${status.sql}`, params: [...filtered.params, ...status.params] };
    const direction = query.descending ? "DESC" : "ASC";
    // The page's ids first, then their rows: sorting narrow rows is much cheaper than whole records.
    const ids = store.db
      .prepare(
        `SELECT r.mention_id FROM mention_records r WHERE ${where.sql}
         ORDER BY ${[...SORT_SQL[query.sort], "r.mention_id"].map((s) => `${s} ${direction}`).join(", ")}
         LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(...where.params, query.pageSize, query.page * query.pageSize) as number[];
    const byId = new Map(
      (store.db
        .prepare(`SELECT ${QUEUE_COLUMNS.map((c) => `r.${c}`).join(", ")} FROM mention_records r WHERE r.mention_id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids)) as QueueRow[]).map((r) => [r.mention_id, r]),
    );
    const rows = ids.map((id) => byId.get(id)!);
    const counts = store.db
      .prepare(`SELECT r.review_status AS status, count(*) AS n FROM mention_records r WHERE ${filtered.sql} GROUP BY r.review_status`)
      .all(...filtered.params) as Array<{ status: ReviewStatus; n: number }>;
    const byStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
    for (const { status, n } of counts) byStatus[status] = n;
    const left = byStatus.unreviewed;
    const done = byStatus.accepted + byStatus.rejected + byStatus.corrected;
    const total = query.status === undefined ? done + left : query.status === "reviewed" ? done : byStatus[query.status];
    return { rows, total, page: query.page, pageSize: query.pageSize, byStatus, done, left };
  });
}

/** The record as the mentions export shows it (corrected values where corrected), keyed by column. */
export type MentionRecord = Record<string, string | number | null>;

export interface RecordContext {
  record: MentionRecord;
  /** Taxonomy ids normalisation found closest, for an unmapped indicator. */
  indicatorCandidates: string[];
  document: {
    id: number;
    source: string;
    title: string | null;
    published_at: string | null;
    site_name: string | null;
    canonical_url: string | null;
    author: string | null;
    format: string;
    place: string | null;
  };
  /** The whole document text (all offsets index into it). */
  text: string;
  /** [start, end) of the paragraph (the blocks, or blank-line paragraph) holding the sentence. */
  paragraph: [number, number];
  /** The other records of the same sentence. */
  siblings: MentionRecord[];
}

/** A record with its document and neighbours; null when there is no such mention. */
export function recordContext(store: IndicatorStore, mentionId: number): RecordContext | null {
  return guarded(store.path, () => {
    const record = store.db.prepare("SELECT * FROM mention_records WHERE mention_id = ?").get(mentionId) as MentionRecord | undefined;
    if (!record) return null;
    const documentId = record.document_id as number;
    const document = store.db
      .prepare("SELECT id, source, title, published_at, site_name, canonical_url, author, format, place, text FROM documents WHERE id = ?")
      .get(documentId) as RecordContext["document"] & { text: string };
    const candidates = store.db.prepare("SELECT indicator_candidates FROM mentions WHERE id = ?").pluck().get(mentionId) as string | null;
    const sentence: [number, number] = [record.sentence_start as number, record.sentence_end as number];
    const blocks = store.db
      .prepare(`SELECT min(start) AS start, max("end") AS "end" FROM blocks WHERE document_id = ? AND start < ? AND "end" > ?`)
      .get(documentId, sentence[1], sentence[0]) as { start: number | null; end: number | null };
    const siblings = store.db
      .prepare(
        `SELECT * FROM mention_records WHERE document_id = ? AND sentence_start = ? AND sentence_end = ? AND mention_id <> ?
         ORDER BY value_start, mention_id`,
      )
      .all(documentId, sentence[0], sentence[1], mentionId) as MentionRecord[];
    const { text, ...meta } = document;
    return {
      record,
      indicatorCandidates: candidates ? (JSON.parse(candidates) as string[]) : [],
      document: meta,
      text,
      paragraph: blocks.start === null || blocks.end === null ? blankLineParagraph(text, sentence) : [Math.min(blocks.start, sentence[0]), Math.max(blocks.end, sentence[1])],
      siblings,
    };
  });
}

/** The stretch of text between the blank lines (or the text's ends) around a span. */
function blankLineParagraph(text: string, [start, end]: [number, number]): [number, number] {
  const before = text.lastIndexOf("\n\n", start);
  const after = text.indexOf("\n\n", end);
  return [before < 0 ? 0 : before + 2, after < 0 ? text.length : after];
}

export interface RecentDecision {
  id: number;
  reviewer: string;
  decided_at: string;
  action: "accept" | "reject" | "edit" | "undo";
  reason: string | null;
  undoes: number | null;
  undone: boolean;
  /** The mention that has the decision's anchor now (null when re-extraction changed it). */
  mention_id: number | null;
  value_text: string;
  sentence: string;
}

interface AnchorOffsets {
  sentence_start: number;
  value_start: number;
  value_end: number;
}

/** The value as written, cut from the anchor's sentence (offsets are UTF-16, as in JavaScript). */
function valueText(sentence: string, a: AnchorOffsets): string {
  return sentence.slice(a.value_start - a.sentence_start, a.value_end - a.sentence_start);
}

const ANCHOR_JOIN = `m.document_id = d.document_id AND m.span_start = d.span_start AND m.span_end = d.span_end
  AND m.value_start = d.value_start AND m.value_end = d.value_end
  AND m.sentence_start = d.sentence_start AND m.sentence_end = d.sentence_end AND m.sentence = d.sentence`;

/** The latest decisions, newest first: all of them, or one reviewer's. */
export function recentDecisions(store: IndicatorStore, options: { reviewer?: string; limit: number }): RecentDecision[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT d.id, d.reviewer, d.decided_at, d.action, d.reason, d.undoes, d.sentence,
                d.sentence_start, d.value_start, d.value_end,
                EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id) AS undone,
                (SELECT m.id FROM mentions m WHERE ${ANCHOR_JOIN} ORDER BY m.id LIMIT 1) AS mention_id
         FROM review_decisions d WHERE (? IS NULL OR d.reviewer = ?) ORDER BY d.id DESC LIMIT ?`,
      )
      .all(options.reviewer ?? null, options.reviewer ?? null, options.limit) as Array<Omit<RecentDecision, "undone" | "value_text"> & AnchorOffsets & { undone: number }>;
    return rows.map(({ sentence_start, value_start, value_end, ...r }) => ({
      ...r,
      value_text: valueText(r.sentence, { sentence_start, value_start, value_end }),
      undone: r.undone === 1,
    }));
  });
}

/** The reviewer's latest decision that can still be undone (not an undo, not undone), or null. */
export function lastUndoableDecision(store: IndicatorStore, reviewer: string): number | null {
  return guarded(store.path, () =>
    (store.db
      .prepare(
        `SELECT d.id FROM review_decisions d WHERE d.reviewer = ? AND d.action <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id)
         ORDER BY d.id DESC LIMIT 1`,
      )
      .pluck()
      .get(reviewer) as number | undefined) ?? null,
  );
}

export interface EarlierDecision {
  id: number;
  reviewer: string;
  decided_at: string;
  action: "accept" | "reject" | "edit";
  reason: string | null;
  /** The record the decision was made on, as it read then. */
  before: Record<string, unknown> | null;
}

/**
 * Decisions in force on this document's sentence text whose anchor no mention has any more (a
 * re-extraction moved or changed the span): shown to the reviewer, never applied.
 */
export function earlierDecisions(store: IndicatorStore, documentId: number, sentence: string): EarlierDecision[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT d.id, d.reviewer, d.decided_at, d.action, d.reason, d.before FROM review_decisions d
         WHERE d.document_id = ? AND d.sentence = ? AND d.action <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id)
           AND NOT EXISTS (SELECT 1 FROM mentions m WHERE ${ANCHOR_JOIN})
         ORDER BY d.id`,
      )
      .all(documentId, sentence) as Array<Omit<EarlierDecision, "before"> & { before: string }>;
    return rows.map((r) => ({ ...r, before: JSON.parse(r.before) as Record<string, unknown> | null }));
  });
}

/** Decisions whose anchor no mention has any more, after a re-extraction; they wait, never applied elsewhere. */
export function orphanedDecisionCount(store: IndicatorStore): number {
  return guarded(store.path, () =>
    store.db
      .prepare(
        `SELECT count(*) FROM review_decisions d WHERE d.action <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id)
           AND NOT EXISTS (SELECT 1 FROM mentions m WHERE ${ANCHOR_JOIN})`,
      )
      .pluck()
      .get() as number,
  );
}

export interface ReviewerDecision {
  /** The anchor, as one string: the same text and spans give the same key. */
  anchor: string;
  action: "accept" | "reject" | "edit";
  reason: string | null;
  after: Record<string, unknown> | null;
  decided_at: string;
  mention_id: number | null;
  sentence: string;
  value_text: string;
}

/** Each reviewer's decision in force per anchor (their latest not undone), for agreement between reviewers. */
export function decisionsByReviewer(store: IndicatorStore, reviewer: string): ReviewerDecision[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT json_array(d.document_id, d.sentence, d.sentence_start, d.sentence_end, d.span_start, d.span_end, d.value_start, d.value_end) AS anchor,
                d.action, d.reason, d.after, d.decided_at, d.sentence, d.sentence_start, d.value_start, d.value_end,
                (SELECT m.id FROM mentions m WHERE ${ANCHOR_JOIN} ORDER BY m.id LIMIT 1) AS mention_id
         FROM review_decisions d
         WHERE d.reviewer = ? AND d.action <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id)
         ORDER BY d.id`,
      )
      .all(reviewer) as Array<Omit<ReviewerDecision, "after" | "value_text"> & AnchorOffsets & { after: string }>;
    // Later decisions by the same reviewer on the same anchor replace earlier ones.
    const byAnchor = new Map<string, ReviewerDecision>();
    for (const { sentence_start, value_start, value_end, ...r } of rows) {
      byAnchor.set(r.anchor, {
        ...r,
        value_text: valueText(r.sentence, { sentence_start, value_start, value_end }),
        after: JSON.parse(r.after) as Record<string, unknown> | null,
      });
    }
    return [...byAnchor.values()];
  });
}

/** Everyone who has made a decision, with how many. */
export function reviewers(store: IndicatorStore): Array<{ reviewer: string; decisions: number }> {
  return guarded(store.path, () =>
    store.db.prepare("SELECT reviewer, count(*) AS decisions FROM review_decisions GROUP BY reviewer ORDER BY reviewer").all() as Array<{ reviewer: string; decisions: number }>,
  );
}

export interface PlaceName {
  id: string;
  /** The gazetteer's name; null when the store has no gazetteer entry for it. */
  name: string | null;
}

export interface Facets {
  kinds: string[];
  /** The places the records are about. */
  places: PlaceName[];
  /** Every place of the gazetteer, for corrections. */
  gazetteer: PlaceName[];
  periods: string[];
  rules: string[];
  /** The most frequent indicators as written. */
  indicators: string[];
  /** The taxonomy: what an indicator can be mapped to. */
  taxonomy: Array<{ id: string; label_vi: string; label_en: string; unit_class: string }>;
}

/** The values the filters offer. */
export function reviewFacets(store: IndicatorStore): Facets {
  return guarded(store.path, () => {
    const column = (sql: string) => store.db.prepare(sql).pluck().all() as string[];
    return {
      kinds: column("SELECT DISTINCT kind FROM mentions ORDER BY kind"),
      places: store.db
        .prepare("SELECT m.place AS id, p.name FROM (SELECT DISTINCT place FROM mentions WHERE place IS NOT NULL) m LEFT JOIN places p ON p.id = m.place ORDER BY coalesce(p.name, m.place)")
        .all() as PlaceName[],
      gazetteer: store.db.prepare("SELECT id, name FROM places ORDER BY level <> 'province', name").all() as PlaceName[],
      periods: column("SELECT DISTINCT coalesce(resolved_period, period) AS p FROM mentions WHERE p <> '' ORDER BY p"),
      rules: column("SELECT DISTINCT rule FROM mentions ORDER BY rule"),
      indicators: column("SELECT indicator FROM mentions GROUP BY indicator ORDER BY count(*) DESC, indicator LIMIT 200"),
      taxonomy: store.db.prepare("SELECT id, label_vi, label_en, unit_class FROM indicators ORDER BY id").all() as Facets["taxonomy"],
    };
  });
}

export interface ConflictGroup {
  indicator_id: string | null;
  indicator: string;
  place: string | null;
  place_name: string | null;
  period: string;
  kind: string;
  n_values: number;
  n_documents: number;
  mention_ids: number[];
}

/**
 * Observations whose mentions disagree on the value (normalisation's conflict flag), the most
 * documents first. Slow on a large store (every observation is grouped): the review server runs
 * it off its main thread.
 */
export const CONFLICT_GROUPS_SQL = `
SELECT indicator_id, indicator, place, place_name, period, kind, n_values, n_documents, mention_ids FROM observation_groups
WHERE conflict ORDER BY n_documents DESC, n_values DESC, indicator, place, period, kind`;

export function conflictGroupsFrom(rows: unknown[]): ConflictGroup[] {
  return (rows as Array<Omit<ConflictGroup, "mention_ids"> & { mention_ids: string }>).map((r) => ({ ...r, mention_ids: mentionIds(r.mention_ids) }));
}

export interface FailedCheck {
  indicator_id: string;
  indicator: string;
  place: string | null;
  place_name: string | null;
  period: string;
  base_unit: string | null;
  target: number | null;
  actual: number | null;
  attainment: number | null;
  /** The target the actual and the attainment imply (15.000 at 103,5% → about 14.493). */
  implied_target: number | null;
  target_mention_ids: number[];
  actual_mention_ids: number[];
  attainment_mention_ids: number[];
}

/** Targets, actuals and attainments whose figures do not agree within rounding (normalisation's consistency check). */
export const FAILED_CHECKS_SQL = `
SELECT indicator_id, indicator, place, place_name, period, base_unit, target, actual, attainment, implied_target,
       target_mention_ids, actual_mention_ids, attainment_mention_ids
FROM observation_links WHERE "check" = 'inconsistent' ORDER BY indicator, place, period`;

export function failedChecksFrom(rows: unknown[]): FailedCheck[] {
  type Row = Omit<FailedCheck, "target_mention_ids" | "actual_mention_ids" | "attainment_mention_ids"> &
    Record<"target_mention_ids" | "actual_mention_ids" | "attainment_mention_ids", string | null>;
  return (rows as Row[]).map((r) => ({
    ...r,
    target_mention_ids: mentionIds(r.target_mention_ids),
    actual_mention_ids: mentionIds(r.actual_mention_ids),
    attainment_mention_ids: mentionIds(r.attainment_mention_ids),
  }));
}

/** Mention ids as the observation views list them: separated by spaces. */
function mentionIds(list: string | null): number[] {
  return list ? list.split(" ").map(Number) : [];
}

/** The records of these mentions, in the order given (missing ones left out). */
export function recordsByIds(store: IndicatorStore, ids: readonly number[]): MentionRecord[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare("SELECT * FROM mention_records WHERE mention_id IN (SELECT value FROM json_each(?))")
      .all(JSON.stringify(ids)) as MentionRecord[];
    const byId = new Map(rows.map((r) => [r.mention_id as number, r]));
    return ids.flatMap((id): MentionRecord[] => {
      const row = byId.get(id);
      return row ? [row] : [];
    });
  });
}

export interface ChartSubject {
  /** Taxonomy id, or the indicator as written when unmapped. */
  indicator: string;
  mapped: boolean;
  label: string;
  place: string | null;
  place_name: string | null;
  mentions: number;
}

const CHART_KINDS = "('target', 'actual')";
const SUBJECT_KEY = "coalesce(r.indicator_id, r.indicator)";

/** Indicator × place pairs with targets or actuals, the most mentioned first. */
export function chartSubjects(store: IndicatorStore, limit: number): ChartSubject[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT ${SUBJECT_KEY} AS indicator, r.indicator_id IS NOT NULL AS mapped, coalesce(i.label_vi, ${SUBJECT_KEY}) AS label,
                r.place, p.name AS place_name, count(*) AS mentions
         FROM mention_records r LEFT JOIN indicators i ON i.id = r.indicator_id LEFT JOIN places p ON p.id = r.place
         WHERE r.kind IN ${CHART_KINDS} AND r.review_status <> 'rejected'
         GROUP BY 1, 2, r.place ORDER BY mentions DESC, label, r.place LIMIT ?`,
      )
      .all(limit) as Array<Omit<ChartSubject, "mapped"> & { mapped: number }>;
    return rows.map((r) => ({ ...r, mapped: r.mapped === 1 }));
  });
}

export interface ChartPoint {
  kind: "target" | "actual";
  /** The year the point is drawn at: the year itself, or the last year of a span ("2021/2025"). */
  year: number;
  period: string;
  value: number;
  unit: string;
  mention_ids: number[];
  documents: number;
}

export interface ChartData {
  points: ChartPoint[];
  /** Records of this indicator and place whose period is not a year or a span of years (halves, quarters, months). */
  skipped: number;
}

const YEAR = /^(\d{4})$/;
const YEAR_SPAN = /^\d{4}\/(\d{4})$/;

/** Targets and actuals of one indicator in one place over the years, one point per value stated. */
export function chartData(store: IndicatorStore, subject: { indicator: string; mapped: boolean; place: string | null }): ChartData {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT r.mention_id, r.document_id, r.kind, coalesce(r.resolved_period, r.period) AS period,
                coalesce(r.value_base, r.value) AS value, coalesce(r.base_unit, r.unit) AS unit
         FROM mention_records r
         WHERE r.kind IN ${CHART_KINDS} AND r.review_status <> 'rejected'
           AND ${subject.mapped ? "r.indicator_id = ?" : "r.indicator_id IS NULL AND r.indicator = ?"}
           AND r.place IS ?
         ORDER BY period, r.kind, value, r.mention_id`,
      )
      .all(subject.indicator, subject.place) as Array<{ mention_id: number; document_id: number; kind: "target" | "actual"; period: string; value: number; unit: string }>;
    const points = new Map<string, ChartPoint & { docs: Set<number> }>();
    let skipped = 0;
    for (const row of rows) {
      const year = YEAR.exec(row.period)?.[1] ?? YEAR_SPAN.exec(row.period)?.[1];
      if (year === undefined) {
        skipped++;
        continue;
      }
      const key = JSON.stringify([row.kind, row.period, row.value, row.unit]);
      const point = points.get(key) ?? { kind: row.kind, year: Number(year), period: row.period, value: row.value, unit: row.unit, mention_ids: [], documents: 0, docs: new Set<number>() };
      point.mention_ids.push(row.mention_id);
      point.docs.add(row.document_id);
      points.set(key, point);
    }
    return {
      points: [...points.values()].map(({ docs, ...p }) => ({ ...p, documents: docs.size })),
      skipped,
    };
  });
}

/** The examples' raw material: rejected and corrected records in force, with their sentence's other records. */
export interface DecidedRecord {
  record: MentionRecord;
  /** The record as extracted, before the correction (equal to `record` for a rejection). */
  original: MentionRecord;
  reason: string | null;
  reviewer: string;
  decided_at: string;
  siblings: MentionRecord[];
}

export function rejectedAndCorrected(store: IndicatorStore): DecidedRecord[] {
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT r.*, cd.reason AS decision_reason FROM mention_records r
         JOIN current_decisions cd ON cd.mention_id = r.mention_id
         WHERE r.review_status IN ('rejected', 'corrected') ORDER BY r.doc, r.value_start, r.mention_id`,
      )
      .all() as Array<MentionRecord & { decision_reason: string | null }>;
    const original = store.db.prepare(
      `SELECT m.indicator, m.indicator_id, m.kind, m.value, m.value_max, m.unit, m.qualifier, m.per, m.period, m.basis, m.estimated
       FROM mentions m WHERE m.id = ?`,
    );
    const siblings = store.db.prepare(
      "SELECT * FROM mention_records WHERE document_id = ? AND sentence_start = ? AND sentence_end = ? AND mention_id <> ? ORDER BY value_start",
    );
    return rows.map(({ decision_reason, ...record }) => ({
      record,
      original: { ...record, ...(original.get(record.mention_id) as MentionRecord) },
      reason: decision_reason,
      reviewer: record.reviewer as string,
      decided_at: record.reviewed_at as string,
      siblings: siblings.all(record.document_id, record.sentence_start, record.sentence_end, record.mention_id) as MentionRecord[],
    }));
  });
}

/** Whether the id names a taxonomy entry (an empty taxonomy knows none). */
export function isKnownIndicator(store: IndicatorStore, id: string): boolean {
  return guarded(store.path, () => store.db.prepare("SELECT 1 FROM indicators WHERE id = ?").get(id) !== undefined);
}

/** Whether the id names a gazetteer place; any id passes in a store without a gazetteer (normalisation never ran). */
export function isKnownPlace(store: IndicatorStore, id: string): boolean {
  return guarded(store.path, () => {
    const empty = store.db.prepare("SELECT NOT EXISTS (SELECT 1 FROM places)").pluck().get() === 1;
    return empty || store.db.prepare("SELECT 1 FROM places WHERE id = ?").get(id) !== undefined;
  });
}

/** SQLite's data version: it moves whenever another connection commits a change to the store. */
export function dataVersion(store: IndicatorStore): number {
  return guarded(store.path, () => store.db.pragma("data_version", { simple: true }) as number);
}
