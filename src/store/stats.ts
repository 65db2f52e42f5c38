import { guarded } from "./errors.js";
import type { IndicatorStore } from "./types.js";

export interface RunSummary {
  id: number;
  startedAt: string;
  /** null while running, or when the run was interrupted. */
  finishedAt: string | null;
  command: string;
  args: string[];
  rulesVersion: string;
  documents: number | null;
  unchanged: number | null;
  mentions: number | null;
  errors: number | null;
}

export interface StoreStats {
  path: string;
  schemaVersion: number;
  documents: { count: number; bytes: number; byFormat: Record<string, number> };
  mentions: { count: number; byKind: Record<string, number>; byReviewStatus: Record<string, number> };
  /** Most mentioned indicators (by taxonomy id when mapped, else as written), rejected mentions left out. */
  topIndicators: Array<{ indicator: string; indicatorId: string | null; mentions: number; documents: number }>;
  ingestErrors: {
    count: number;
    /** Sources that failed and are not in the store since. */
    unresolvedSources: number;
    recent: Array<{ runId: number; source: string; reason: string; at: string }>;
  };
  lastRuns: RunSummary[];
}

export interface StatsOptions {
  top?: number;
  runs?: number;
  errors?: number;
}

export function storeStats(store: IndicatorStore, options: StatsOptions = {}): StoreStats {
  const { top = 10, runs = 5, errors = 10 } = options;
  return guarded(store.path, () => {
    const db = store.db;
    const counts = (sql: string) =>
      Object.fromEntries((db.prepare(sql).raw().all() as Array<[string, number]>).map(([key, n]) => [key, n]));
    const documents = db.prepare("SELECT count(*) AS count, coalesce(sum(byte_size), 0) AS bytes FROM documents").get() as { count: number; bytes: number };
    const byKind = counts("SELECT kind, count(*) FROM mentions GROUP BY kind ORDER BY kind");
    return {
      path: store.path,
      schemaVersion: store.schemaVersion,
      documents: { ...documents, byFormat: counts("SELECT format, count(*) FROM documents GROUP BY format ORDER BY format") },
      mentions: {
        count: Object.values(byKind).reduce((a, b) => a + b, 0),
        byKind,
        byReviewStatus: counts("SELECT review_status, count(*) FROM mention_records GROUP BY review_status ORDER BY review_status"),
      },
      topIndicators: db
        .prepare(
          `SELECT coalesce(max(i.label_vi), r.indicator) AS indicator, r.indicator_id AS indicatorId,
                  count(*) AS mentions, count(DISTINCT r.document_id) AS documents
           FROM mention_records r LEFT JOIN indicators i ON i.id = r.indicator_id
           WHERE r.review_status <> 'rejected'
           GROUP BY r.indicator_id, CASE WHEN r.indicator_id IS NULL THEN r.indicator END
           ORDER BY mentions DESC, documents DESC, indicator LIMIT ?`,
        )
        .all(top) as StoreStats["topIndicators"],
      ingestErrors: {
        count: db.prepare("SELECT count(*) FROM ingest_errors").pluck().get() as number,
        unresolvedSources: db
          .prepare("SELECT count(DISTINCT source) FROM ingest_errors WHERE source NOT IN (SELECT source FROM documents)")
          .pluck()
          .get() as number,
        recent: db
          .prepare("SELECT run_id AS runId, source, reason, at FROM ingest_errors ORDER BY id DESC LIMIT ?")
          .all(errors) as StoreStats["ingestErrors"]["recent"],
      },
      lastRuns: (
        db
          .prepare(
            `SELECT id, started_at AS startedAt, finished_at AS finishedAt, command, args, rules_version AS rulesVersion,
                    documents, unchanged, mentions, errors
             FROM runs ORDER BY id DESC LIMIT ?`,
          )
          .all(runs) as Array<RunSummary & { args: string }>
      ).map((run) => ({ ...run, args: JSON.parse(run.args) as string[] })),
    };
  });
}

/** The stats as a short plain-text report. */
export function formatStats(stats: StoreStats): string {
  const lines: string[] = [];
  const tally = (record: Record<string, number>) =>
    Object.entries(record).map(([key, n]) => `${key} ${n}`).join(", ") || "none";
  lines.push(`store ${stats.path} (schema v${stats.schemaVersion})`);
  lines.push(`documents: ${stats.documents.count} (${stats.documents.bytes} bytes; ${tally(stats.documents.byFormat)})`);
  lines.push(`mentions: ${stats.mentions.count} (${tally(stats.mentions.byKind)})`);
  lines.push(`review: ${tally(stats.mentions.byReviewStatus)}`);
  lines.push("top indicators:");
  for (const t of stats.topIndicators) {
    lines.push(`  ${t.mentions}\t${t.documents} docs\t${t.indicator}${t.indicatorId ? ` [${t.indicatorId}]` : ""}`);
  }
  lines.push(`ingest errors: ${stats.ingestErrors.count} (${stats.ingestErrors.unresolvedSources} sources still not stored)`);
  for (const e of stats.ingestErrors.recent) lines.push(`  run ${e.runId}\t${e.source}: ${e.reason}`);
  lines.push("last runs:");
  for (const r of stats.lastRuns) {
    const outcome =
      r.finishedAt === null
        ? "unfinished (running or interrupted)"
        : `${r.documents} documents, ${r.unchanged} unchanged, ${r.mentions} mentions, ${r.errors} errors`;
    lines.push(`  #${r.id} ${r.startedAt} ${r.command} ${r.args.join(" ")} [rules ${r.rulesVersion}]: ${outcome}`);
  }
  return lines.join("\n") + "\n";
}
