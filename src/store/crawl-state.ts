/**
 * The crawler's memory in the store (schema version 4): the frontier, the
 * last response of each URL, the boilerplate learnt per host, the crawl lock
 * and the report of each run. Every change that must survive a kill together
 * is one transaction.
 */
import { guarded } from "./errors.js";
import type { IndicatorStore } from "./types.js";

export type UrlKind = "feed" | "sitemap" | "listing" | "page" | "article";
export type UrlState = "queued" | "fetched" | "done";

export interface FrontierEntry {
  /** Canonical URL. */
  url: string;
  site: string;
  host: string;
  kind: UrlKind;
  depth: number;
  /** Page number within a listing. */
  pageNo: number;
  foundOn: string | null;
  /** Date its feed or sitemap gives (ISO 8601). */
  dated: string | null;
  state: UrlState;
  round: number | null;
  fetchedAt: string | null;
  fetches: number;
  /**
   * What became of it last: "new", "changed", "unchanged", "duplicate" (another URL's article),
   * "read" (a feed, sitemap or listing whose links were taken), "skipped", "failed" (no usable
   * response), "unreadable" (a response that could not be extracted: what a replay retries).
   */
  outcome: string | null;
  /** Why it failed or was skipped. */
  reason: string | null;
  /** The last failure may pass: a later round tries again. */
  retry: boolean;
  /** documents.source it is stored as. */
  document: string | null;
  duplicateOf: string | null;
  /** The version of its host's boilerplate its document was extracted with. */
  boilerplateVersion: number;
  /** Fingerprints of its blocks, counted for boilerplate learning. */
  blocks: string[];
}

export type NewEntry = Pick<FrontierEntry, "url" | "site" | "host" | "kind" | "depth" | "pageNo" | "foundOn" | "dated" | "round">;

export interface SavedResponse {
  url: string;
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
  mediaType: string | null;
  charset: string | null;
  sha256: string;
  fetchedAt: string;
}

export interface ResponseToSave extends Omit<SavedResponse, "fetchedAt"> {
  body: Buffer;
}

export interface Finished {
  outcome: string;
  reason?: string | null;
  retry?: boolean;
  document?: string | null;
  duplicateOf?: string | null;
  boilerplateVersion?: number;
  blocks?: string[];
}

export interface LockHolder {
  runId: number;
  pid: number;
  hostname: string;
  startedAt: string;
  heartbeatAt: string;
}

export interface LearntBlock {
  fingerprint: string;
  sample: string;
}

interface EntryRow {
  url: string;
  site: string;
  host: string;
  kind: UrlKind;
  depth: number;
  page_no: number;
  found_on: string | null;
  found_at: string;
  dated: string | null;
  state: UrlState;
  round: number | null;
  fetched_at: string | null;
  fetches: number;
  outcome: string | null;
  reason: string | null;
  retry: number;
  document: string | null;
  duplicate_of: string | null;
  boilerplate_version: number;
  blocks: string | null;
}

interface ResponseRow {
  url: string;
  status: number;
  final_url: string;
  headers: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  charset: string | null;
  sha256: string;
  fetched_at: string;
}

const now = () => new Date().toISOString();

function entryOf(r: EntryRow): FrontierEntry {
  return {
    url: r.url,
    site: r.site,
    host: r.host,
    kind: r.kind,
    depth: r.depth,
    pageNo: r.page_no,
    foundOn: r.found_on,
    dated: r.dated,
    state: r.state,
    round: r.round,
    fetchedAt: r.fetched_at,
    fetches: r.fetches,
    outcome: r.outcome,
    reason: r.reason,
    retry: r.retry === 1,
    document: r.document,
    duplicateOf: r.duplicate_of,
    boilerplateVersion: r.boilerplate_version,
    blocks: r.blocks ? (JSON.parse(r.blocks) as string[]) : [],
  };
}

export class CrawlState {
  constructor(private readonly store: IndicatorStore) {}

  private get db() {
    return this.store.db;
  }

  private run<T>(fn: () => T): T {
    return guarded(this.store.path, fn);
  }

  /** Runs `fn` in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.run(() => this.db.transaction(fn).immediate());
  }

  /**
   * Takes the crawl lock for `runId`, or returns who holds it. A holder whose
   * process is gone (same machine) or whose heartbeat is older than
   * `staleAfterMs` left it behind when it died, and loses it.
   */
  acquireLock(runId: number, hostname: string, staleAfterMs: number, isAlive: (pid: number) => boolean): LockHolder | null {
    return this.transaction(() => {
      const row = this.db.prepare("SELECT run_id, pid, hostname, started_at, heartbeat_at FROM crawl_lock WHERE id = 1").get() as
        | { run_id: number; pid: number; hostname: string; started_at: string; heartbeat_at: string }
        | undefined;
      if (row) {
        const holder = { runId: row.run_id, pid: row.pid, hostname: row.hostname, startedAt: row.started_at, heartbeatAt: row.heartbeat_at };
        const dead = row.hostname === hostname && !isAlive(row.pid);
        const silent = Date.now() - Date.parse(row.heartbeat_at) > staleAfterMs;
        if (!dead && !silent) return holder;
      }
      const at = now();
      this.db
        .prepare("INSERT OR REPLACE INTO crawl_lock (id, run_id, pid, hostname, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)")
        .run(runId, process.pid, hostname, at, at);
      return null;
    });
  }

  heartbeat(runId: number): void {
    this.run(() => this.db.prepare("UPDATE crawl_lock SET heartbeat_at = ? WHERE id = 1 AND run_id = ?").run(now(), runId));
  }

  releaseLock(runId: number): void {
    this.run(() => this.db.prepare("DELETE FROM crawl_lock WHERE id = 1 AND run_id = ?").run(runId));
  }

  /** The round a killed run left open, or a new one. */
  openRound(): { id: number; resumed: boolean } {
    return this.transaction(() => {
      const open = this.db.prepare("SELECT id FROM crawl_rounds WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1").pluck().get() as number | undefined;
      if (open !== undefined) return { id: open, resumed: true };
      const id = this.db.prepare("INSERT INTO crawl_rounds (started_at) VALUES (?) RETURNING id").pluck().get(now()) as number;
      return { id, resumed: false };
    });
  }

  finishRound(id: number): void {
    this.run(() => this.db.prepare("UPDATE crawl_rounds SET finished_at = ? WHERE id = ?").run(now(), id));
  }

  entry(url: string): FrontierEntry | undefined {
    const row = this.run(() => this.db.prepare("SELECT * FROM crawl_urls WHERE url = ?").get(url)) as EntryRow | undefined;
    return row && entryOf(row);
  }

  /** A URL met for the first time, queued. */
  insert(entry: NewEntry): void {
    this.run(() =>
      this.db
        .prepare(
          `INSERT INTO crawl_urls (url, site, host, kind, depth, page_no, found_on, found_at, dated, state, round)
           VALUES (@url, @site, @host, @kind, @depth, @pageNo, @foundOn, @foundAt, @dated, 'queued', @round)`,
        )
        .run({ ...entry, foundAt: now() }),
    );
  }

  /** Queues a known URL again (a new round's seed, an article to check again); a newer kind, depth or date replaces the old. */
  requeue(url: string, round: number, update: Partial<Pick<FrontierEntry, "kind" | "depth" | "pageNo" | "dated" | "site">> = {}): void {
    const current = this.entry(url);
    if (!current) return;
    this.run(() =>
      this.db
        .prepare("UPDATE crawl_urls SET state = 'queued', round = ?, kind = ?, depth = ?, page_no = ?, dated = ?, site = ? WHERE url = ?")
        .run(round, update.kind ?? current.kind, update.depth ?? current.depth, update.pageNo ?? current.pageNo, update.dated ?? current.dated, update.site ?? current.site, url),
    );
  }

  /** URLs still to fetch (queued) or to handle from their saved response (fetched), of these sites, oldest first. */
  pending(sites: readonly string[]): FrontierEntry[] {
    if (sites.length === 0) return [];
    const rows = this.run(() =>
      this.db
        .prepare(`SELECT * FROM crawl_urls WHERE state IN ('queued', 'fetched') AND site IN (${sites.map(() => "?").join(", ")}) ORDER BY rowid`)
        .all(...sites),
    ) as EntryRow[];
    return rows.map(entryOf);
  }

  /** The last response kept for a URL (without its body). */
  response(url: string): SavedResponse | undefined {
    const row = this.run(() =>
      this.db
        .prepare("SELECT url, status, final_url, headers, etag, last_modified, content_type, charset, sha256, fetched_at FROM crawl_responses WHERE url = ?")
        .get(url),
    ) as ResponseRow | undefined;
    if (!row) return undefined;
    return {
      url: row.url,
      status: row.status,
      finalUrl: row.final_url,
      headers: JSON.parse(row.headers) as Record<string, string>,
      etag: row.etag,
      lastModified: row.last_modified,
      mediaType: row.content_type,
      charset: row.charset,
      sha256: row.sha256,
      fetchedAt: row.fetched_at,
    };
  }

  responseBody(url: string): Buffer | undefined {
    return this.run(() => this.db.prepare("SELECT body FROM crawl_responses WHERE url = ?").pluck().get(url)) as Buffer | undefined;
  }

  /** Counts one fetch of a URL (whatever came of it). */
  countFetch(url: string): void {
    this.run(() => this.db.prepare("UPDATE crawl_urls SET fetches = fetches + 1, fetched_at = ? WHERE url = ?").run(now(), url));
  }

  /** Keeps a response with its bytes and marks the URL fetched, together: a kill after this replays it rather than fetching it again. */
  saveResponse(url: string, runId: number, response: ResponseToSave): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO crawl_responses (url, run_id, fetched_at, status, final_url, headers, etag, last_modified, content_type, charset, sha256, body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(url, runId, now(), response.status, response.finalUrl, JSON.stringify(response.headers), response.etag, response.lastModified,
          response.mediaType, response.charset, response.sha256, response.body);
      this.db.prepare("UPDATE crawl_urls SET state = 'fetched' WHERE url = ?").run(url);
    });
  }

  /** Refreshes the validators of a kept response after a 304 (the server may send new ones). */
  refreshValidators(url: string, etag: string | null, lastModified: string | null): void {
    this.run(() =>
      this.db
        .prepare("UPDATE crawl_responses SET etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?")
        .run(etag, lastModified, url),
    );
  }

  /** What became of a URL in this round (null: a replay, which leaves the URL in its round). */
  finish(url: string, round: number | null, done: Finished): void {
    const current = this.entry(url);
    this.run(() =>
      this.db
        .prepare(
          `UPDATE crawl_urls SET state = 'done', round = coalesce(?, round), outcome = ?, reason = ?, retry = ?, document = ?, duplicate_of = ?,
             boilerplate_version = ?, blocks = ? WHERE url = ?`,
        )
        .run(
          round,
          done.outcome,
          done.reason ?? null,
          done.retry ? 1 : 0,
          done.document === undefined ? (current?.document ?? null) : done.document,
          done.duplicateOf ?? null,
          done.boilerplateVersion ?? current?.boilerplateVersion ?? 0,
          JSON.stringify(done.blocks ?? current?.blocks ?? []),
          url,
        ),
    );
  }

  /** A stored document with these very bytes under another source. */
  documentWithContent(sha256: string, exceptSource: string): string | undefined {
    return this.run(() =>
      this.db.prepare("SELECT source FROM documents WHERE sha256 = ? AND source <> ? LIMIT 1").pluck().get(sha256, exceptSource),
    ) as string | undefined;
  }

  hasDocument(source: string): boolean {
    return this.run(() => this.db.prepare("SELECT 1 FROM documents WHERE source = ?").get(source)) !== undefined;
  }

  /** The blocks of a stored document, as text. */
  documentBlocks(source: string): Array<{ type: string; text: string }> {
    return this.run(() =>
      this.db
        .prepare(
          `SELECT b.type, substr(d.text, b.start + 1, b."end" - b.start) AS text
           FROM blocks b JOIN documents d ON d.id = b.document_id WHERE d.source = ? ORDER BY b.ord`,
        )
        .all(source),
    ) as Array<{ type: string; text: string }>;
  }

  /** A host's learnt boilerplate: its fingerprints and version (the number of times it grew). */
  boilerplate(host: string): { version: number; fingerprints: Set<string> } {
    const rows = this.run(() =>
      this.db.prepare("SELECT fingerprint, learnt_version FROM crawl_boilerplate WHERE host = ? AND learnt_version IS NOT NULL").all(host),
    ) as Array<{ fingerprint: string; learnt_version: number }>;
    return { version: Math.max(0, ...rows.map((r) => r.learnt_version)), fingerprints: new Set(rows.map((r) => r.fingerprint)) };
  }

  /**
   * Counts one more page of `host` holding each block; those now on
   * `threshold` pages become boilerplate, in a new version of the host's set.
   * Returns how many were learnt.
   */
  countBlocks(host: string, blocks: readonly LearntBlock[], threshold: number): number {
    if (blocks.length === 0) return 0;
    return this.transaction(() => {
      const at = now();
      const upsert = this.db.prepare(
        `INSERT INTO crawl_boilerplate (host, fingerprint, pages, sample, first_seen, last_seen) VALUES (?, ?, 1, ?, ?, ?)
         ON CONFLICT (host, fingerprint) DO UPDATE SET pages = pages + 1, last_seen = excluded.last_seen`,
      );
      for (const b of blocks) upsert.run(host, b.fingerprint, b.sample, at, at);
      const version = this.boilerplate(host).version + 1;
      const fingerprints = blocks.map((b) => b.fingerprint);
      const { changes } = this.db
        .prepare(
          `UPDATE crawl_boilerplate SET learnt_version = ? WHERE host = ? AND learnt_version IS NULL AND pages >= ?
           AND fingerprint IN (${fingerprints.map(() => "?").join(", ")})`,
        )
        .run(version, host, threshold, ...fingerprints);
      return changes;
    });
  }

  /** Stored pages of `host` holding a block that became boilerplate after they were extracted. */
  staleBoilerplate(host: string): FrontierEntry[] {
    const rows = this.run(() =>
      this.db
        .prepare(
          `SELECT u.* FROM crawl_urls u
           WHERE u.host = ? AND u.document = u.url AND u.blocks IS NOT NULL
             AND EXISTS (SELECT 1 FROM crawl_boilerplate b, json_each(u.blocks) f
                         WHERE b.host = u.host AND b.fingerprint = f.value AND b.learnt_version > u.boilerplate_version)
           ORDER BY u.rowid`,
        )
        .all(host),
    ) as EntryRow[];
    return rows.map(entryOf);
  }

  /** Pages that were fetched but could not be read or extracted (outcome "unreadable"): what a replay runs again. */
  unreadable(): FrontierEntry[] {
    const rows = this.run(() =>
      this.db.prepare("SELECT u.* FROM crawl_urls u JOIN crawl_responses r ON r.url = u.url WHERE u.outcome = 'unreadable' ORDER BY u.rowid").all(),
    ) as EntryRow[];
    return rows.map(entryOf);
  }

  /** Records that a page's document was extracted again with its host's boilerplate at `version`. */
  cleaned(url: string, version: number): void {
    this.run(() => this.db.prepare("UPDATE crawl_urls SET boilerplate_version = ? WHERE url = ?").run(version, url));
  }

  saveReport(runId: number, report: unknown): void {
    this.run(() => this.db.prepare("UPDATE runs SET report = ? WHERE id = ?").run(JSON.stringify(report), runId));
  }
}
