/**
 * Exports of the two researcher views with stable column names (listed here,
 * documented in the README): CSV that R and pandas read as is (UTF-8, dot
 * decimals, ISO dates, TRUE/FALSE, RFC 4180 quoting, CRLF line ends) and JSON Lines.
 */
import { foldVietnamese } from "../text/fold.js";
import { guarded } from "./errors.js";
import { type ColumnType, FOLD_FUNCTION, filterSql, parseFilter } from "./filter.js";
import type { IndicatorStore } from "./types.js";

export type ExportView = "mentions" | "observations";
export type ExportFormat = "csv" | "jsonl";
export type ExportValue = string | number | boolean | null;
export type ExportRow = Record<string, ExportValue>;

interface ViewSpec {
  table: string;
  columns: ReadonlyMap<string, ColumnType>;
  orderBy: string;
  accepted: string;
}

const MENTION_COLUMNS: Array<[string, ColumnType]> = [
  ["mention_id", "integer"],
  ["doc", "text"], ["doc_name", "text"], ["title", "text"], ["site_name", "text"], ["published_at", "text"],
  ["canonical_url", "text"], ["author", "text"], ["page", "integer"],
  ["indicator", "text"], ["indicator_id", "text"], ["kind", "text"], ["value", "number"], ["value_max", "number"],
  ["unit", "text"], ["qualifier", "text"], ["per", "text"], ["estimated", "boolean"], ["basis", "text"],
  ["period", "text"], ["resolved_period", "text"], ["place", "text"],
  ["value_base", "number"], ["value_max_base", "number"], ["base_unit", "text"],
  ["sentence", "text"], ["evidence", "text"], ["value_text", "text"],
  ["sentence_start", "integer"], ["sentence_end", "integer"], ["span_start", "integer"], ["span_end", "integer"],
  ["value_start", "integer"], ["value_end", "integer"], ["indicator_start", "integer"], ["indicator_end", "integer"],
  ["rule", "text"], ["rules_version", "text"], ["confidence", "number"],
  ["review_status", "text"], ["reviewer", "text"], ["reviewed_at", "text"],
];

const OBSERVATION_COLUMNS: Array<[string, ColumnType]> = [
  ["indicator_id", "text"], ["indicator", "text"], ["indicator_en", "text"], ["place", "text"], ["period", "text"],
  ["kind", "text"], ["value", "number"], ["value_max", "number"], ["unit", "text"],
  ["value_base", "number"], ["value_max_base", "number"], ["base_unit", "text"], ["qualifier", "text"], ["per", "text"],
  ["n_mentions", "integer"], ["n_documents", "integer"], ["n_values", "integer"], ["conflict", "boolean"],
  ["review_status", "text"], ["first_published", "text"], ["last_published", "text"], ["mention_ids", "text"],
  ["place_name", "text"], ["basis", "text"], ["values_base", "text"], ["link_check", "text"], ["implied_target", "number"],
];

const VIEWS: Record<ExportView, ViewSpec> = {
  mentions: {
    table: "mention_records",
    columns: new Map(MENTION_COLUMNS),
    orderBy: "doc, value_start, span_start, kind, mention_id",
    accepted: "review_status IN ('accepted', 'corrected')",
  },
  observations: {
    table: "observations",
    columns: new Map(OBSERVATION_COLUMNS),
    orderBy: "indicator, place, period, kind",
    accepted: "review_status = 'accepted'",
  },
};

export interface ExportQuery {
  view: ExportView;
  /** Filters in the --where language (see filter.ts). */
  where?: readonly string[];
  /** Mentions a reviewer accepted or corrected; observations all of whose mentions are. */
  acceptedOnly?: boolean;
}

export function exportColumns(view: ExportView): string[] {
  return [...VIEWS[view].columns.keys()];
}

/** The rows of a view, filtered, in a stable order, with booleans as booleans. Bad filters throw here, before any row. */
export function exportRows(store: IndicatorStore, query: ExportQuery): IterableIterator<ExportRow> {
  const spec = VIEWS[query.view];
  const filters = (query.where ?? []).map((w) => parseFilter(w, spec.columns));
  const { sql: where, params } = filterSql(filters, spec.columns);
  const columns = [...spec.columns];
  const sql =
    `SELECT ${columns.map(([name]) => `"${name}"`).join(", ")} FROM ${spec.table} ` +
    `WHERE ${where}${query.acceptedOnly ? ` AND ${spec.accepted}` : ""} ORDER BY ${spec.orderBy}`;
  const rows = guarded(store.path, () => {
    store.db.function(FOLD_FUNCTION, { deterministic: true }, (s: unknown) => (typeof s === "string" ? foldVietnamese(s) : s));
    return store.db.prepare(sql).iterate(...params) as IterableIterator<Record<string, string | number | null>>;
  });
  const booleans = columns.filter(([, type]) => type === "boolean").map(([name]) => name);
  return (function* () {
    try {
      for (;;) {
        const next = guarded(store.path, () => rows.next());
        if (next.done) return;
        const row: ExportRow = next.value;
        for (const name of booleans) if (row[name] !== null) row[name] = row[name] === 1;
        yield row;
      }
    } finally {
      // A reader that stops early must not leave the connection busy with an unfinished query.
      rows.return?.();
    }
  })();
}

/** CSV lines (each ending in CRLF), the header first; `bom` prefixes the byte-order mark Excel needs to read UTF-8. */
export function* csvLines(columns: readonly string[], rows: Iterable<ExportRow>, options: { bom?: boolean } = {}): Generator<string> {
  yield (options.bom ? "\uFEFF" : "") + columns.map(csvField).join(",") + "\r\n";
  for (const row of rows) yield columns.map((c) => csvField(row[c])).join(",") + "\r\n";
}

/** JSON Lines: one object per row with the columns in order. */
export function* jsonlLines(columns: readonly string[], rows: Iterable<ExportRow>): Generator<string> {
  for (const row of rows) yield JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c]]))) + "\n";
}

export function exportLines(store: IndicatorStore, query: ExportQuery & { format: ExportFormat; excel?: boolean }): Iterable<string> {
  const columns = exportColumns(query.view);
  const rows = exportRows(store, query);
  return query.format === "csv" ? csvLines(columns, rows, { bom: query.excel }) : jsonlLines(columns, rows);
}

function csvField(value: ExportValue | undefined): string {
  if (value === null || value === undefined) return "";
  // TRUE/FALSE is what R reads as logical (and pandas as bool); numbers print in JavaScript's
  // shortest round-trip form: dot decimals, no grouping.
  const text = typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
