import { QueryError, guarded } from "./errors.js";
import { type ExportRow, exportColumns } from "./export.js";
import type { IndicatorStore } from "./types.js";

export interface SearchHit {
  doc: string;
  title: string | null;
  published_at: string | null;
  page: number | null;
  sentence: string;
  sentence_start: number;
  sentence_end: number;
  /** The records drawn from this sentence, as the mentions export shows them. */
  records: ExportRow[];
}

/**
 * The FTS5 query for search texts: each text is one phrase (its words in
 * order), all phrases must appear. Written as FTS5 strings, so no character
 * of the input acts as query syntax; đ/Đ are written d/D as in the index.
 */
export function searchQuery(texts: readonly string[]): string {
  if (texts.length === 0) throw new QueryError("search: give the text to look for");
  return texts
    .map((text) => {
      if (!/[\p{L}\p{N}]/u.test(text)) throw new QueryError(`search "${text}": no letters or digits to look for`);
      const form = text.normalize("NFC").replaceAll("đ", "d").replaceAll("Đ", "D");
      return `"${form.replaceAll('"', '""')}"`;
    })
    .join(" AND ");
}

/** Sentences matching all the texts, ignoring case and diacritics ("ho ngheo" finds "hộ nghèo"), best first. */
export function searchSentences(store: IndicatorStore, texts: readonly string[], options: { limit?: number } = {}): SearchHit[] {
  const limit = options.limit ?? 20;
  const columns = exportColumns("mentions");
  const query = searchQuery(texts);
  return guarded(store.path, () => {
    const rows = store.db
      .prepare(
        `SELECT ${columns.map((c) => `r."${c}"`).join(", ")}, r.document_id
         FROM sentence_search s JOIN mention_records r ON r.mention_id = s.rowid
         WHERE sentence_search MATCH ? ORDER BY s.rank, r.doc, r.sentence_start, r.value_start`,
      )
      .iterate(query) as IterableIterator<ExportRow & { document_id: number }>;
    const hits = new Map<string, SearchHit>();
    try {
      for (const { document_id, ...row } of rows) {
        const key = `${document_id}:${row.sentence_start}:${row.sentence_end}`;
        let hit = hits.get(key);
        if (!hit) {
          if (hits.size === limit) break;
          hit = {
            doc: row.doc as string,
            title: row.title as string | null,
            published_at: row.published_at as string | null,
            page: row.page as number | null,
            sentence: row.sentence as string,
            sentence_start: row.sentence_start as number,
            sentence_end: row.sentence_end as number,
            records: [],
          };
          hits.set(key, hit);
        }
        hit.records.push({ ...row, estimated: row.estimated === 1 });
      }
    } finally {
      rows.return?.();
    }
    return [...hits.values()];
  });
}

/** Search hits as plain text: each sentence under its document, then one line per record. */
export function formatSearchHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return "no matching sentences\n";
  const lines: string[] = [];
  for (const hit of hits) {
    const where = [hit.doc, hit.title, hit.published_at, hit.page === null ? null : `p. ${hit.page}`].filter((x) => x !== null && x !== "");
    lines.push(where.join(" · "));
    lines.push(`  ${hit.sentence.replace(/\s+/g, " ")}`);
    for (const r of hit.records) {
      const value = r.value_max === null ? `${r.value}` : `${r.value}–${r.value_max}`;
      const fields = [
        r.kind,
        `${r.indicator}${r.indicator_id ? ` [${r.indicator_id}]` : ""}`,
        `${r.qualifier ?? ""}${value}${r.unit ? ` ${r.unit}` : ""}${r.per ? `/${r.per}` : ""}`,
        r.period ? `period ${r.period}` : "period ?",
        r.review_status,
      ];
      lines.push(`    - ${fields.join(" | ")}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
