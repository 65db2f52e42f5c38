import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Mention } from "../extract/types.js";
import type { Block, DocumentMeta } from "../ingest/types.js";
import { StoreError, guarded } from "./errors.js";
import { APPLICATION_ID, BULK_LOAD_INDEXES, MIGRATIONS, SCHEMA_VERSION, SEARCH_FORM } from "./schema.js";
import type {
  DocumentQuery,
  DocumentRecord,
  IndicatorMappingRecord,
  IndicatorRecord,
  IndicatorStore,
  PlaceRecord,
  OpenOptions,
  RejectedDocument,
  RunCounts,
  StoredDocument,
  StoredMention,
} from "./types.js";

/** Where the commands keep the store unless told otherwise (--db). */
export const DEFAULT_STORE_PATH = "out/indicators.sqlite";

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 30_000;
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Opens (creating if needed) the store at `file` and brings its schema up to date.
 * Anything that is not a chitieu store is refused before a byte of it is written.
 */
export function openStore(file: string, options: OpenOptions = {}): IndicatorStore {
  if (options.readonly) return openForReading(file);
  prepareForWriting(file);
  const db = connect(file, { readonly: false, fileMustExist: false });
  try {
    guarded(file, () => {
      // One read transaction: read one by one, the id and the tables could straddle another process's creation of the store.
      db.transaction(() => checkIdentity(file, db))();
      useWriteAheadLog(db);
      db.pragma("synchronous = NORMAL");
      migrate(file, db);
      // A load that deferred them may have died before building them.
      buildMissingIndexes(db);
    });
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(file, db, false);
}

/**
 * Switches the store to write-ahead logging. While another process creates the store, SQLite answers
 * SQLITE_BUSY to this at once, without its busy timeout, so the wait is done here.
 */
function useWriteAheadLog(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if (!(err instanceof Database.SqliteError && err.code.startsWith("SQLITE_BUSY")) || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function openForReading(file: string): IndicatorStore {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw new StoreError(file, describeFsError("cannot read the store", err));
  }
  checkHeader(file, stat);
  let db = connectForReading(file);
  let version: number;
  try {
    version = guarded(file, () => checkIdentity(file, db));
  } catch (err) {
    db.close();
    throw err;
  }
  if (version === 0) {
    db.close();
    throw new StoreError(file, "an empty database, not yet a chitieu store");
  }
  if (version < SCHEMA_VERSION) {
    // An older store is upgraded in place (one atomic transaction) so that reading commands keep working.
    db.close();
    openStore(file).close();
    db = connectForReading(file);
  }
  return new SqliteStore(file, db, true);
}

function connect(file: string, options: { readonly: boolean; fileMustExist: boolean }): Database.Database {
  return guarded(file, () => {
    const db = new Database(file, { ...options, timeout: BUSY_TIMEOUT_MS });
    db.pragma("foreign_keys = ON");
    return db;
  });
}

/**
 * A connection that cannot write. Where the store could be written, it is a query-only
 * read-write connection: SQLite's read-only connections leave the -wal and -shm files behind.
 */
function connectForReading(file: string): Database.Database {
  if (!isWritable(file) || !isWritable(path.dirname(path.resolve(file)))) return connect(file, { readonly: true, fileMustExist: true });
  const db = connect(file, { readonly: false, fileMustExist: true });
  db.pragma("query_only = ON");
  return db;
}

function prepareForWriting(file: string): void {
  const dir = path.dirname(path.resolve(file));
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new StoreError(file, describeFsError("cannot read the store", err));
  }
  if (!stat) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new StoreError(file, describeFsError(`cannot create directory ${dir}`, err));
    }
    if (!isWritable(dir)) throw new StoreError(file, `cannot create the store: directory ${dir} is not writable`);
    return;
  }
  checkHeader(file, stat);
  if (!isWritable(dir)) {
    throw new StoreError(file, `cannot write the store: directory ${dir} is not writable (SQLite keeps ${path.basename(file)}-wal and -shm beside it)`);
  }
  if (!isWritable(file)) throw new StoreError(file, "cannot write the store: the file is read-only");
}

function checkHeader(file: string, stat: fs.Stats): void {
  if (!stat.isFile()) throw new StoreError(file, "not a file");
  if (stat.size === 0) return;
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_MAGIC)) throw new StoreError(file, "not a SQLite database (a foreign or corrupt file); it was left untouched");
}

function isWritable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function describeFsError(what: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code === "ENOENT" ? `${what}: no such file` : `${what}: ${e.code ?? e.message}`;
}

/** The schema version of a chitieu store (0 for an empty database); throws for anything else. */
function checkIdentity(file: string, db: Database.Database): number {
  const applicationId = db.pragma("application_id", { simple: true }) as number;
  const version = db.pragma("user_version", { simple: true }) as number;
  // Reading the schema now finds a damaged one before anything is written.
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  if (applicationId === APPLICATION_ID) {
    if (version > SCHEMA_VERSION) {
      throw new StoreError(file, `made by a newer chitieu (schema version ${version}; this one knows up to ${SCHEMA_VERSION}); it was left untouched`);
    }
    return version;
  }
  if (applicationId !== 0) throw new StoreError(file, `not a chitieu store (SQLite application id ${applicationId}); it was left untouched`);
  if (tables.length > 0) {
    throw new StoreError(file, `not a chitieu store (it holds other tables: ${tables.slice(0, 5).join(", ")}); it was left untouched`);
  }
  return 0;
}

function buildMissingIndexes(db: Database.Database): void {
  const missing = () => {
    const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[]);
    return Object.entries(BULK_LOAD_INDEXES).filter(([name]) => !present.has(name));
  };
  if (missing().length === 0) return;
  // Read again under the write lock: another run on the same store may have built them meanwhile.
  db.transaction(() => {
    for (const [, sql] of missing()) db.exec(sql);
  }).immediate();
}

function migrate(file: string, db: Database.Database): void {
  db.transaction(() => {
    // Read again under the write lock: another process may have created or upgraded the store meanwhile.
    const version = checkIdentity(file, db);
    if (version === SCHEMA_VERSION) return;
    if (version > 0) {
      const problems = db.pragma("quick_check", { simple: false }) as Array<{ quick_check: string }>;
      if (problems[0]?.quick_check !== "ok") {
        throw new StoreError(file, `the database is corrupt (${problems[0]?.quick_check}); it was not upgraded, restore it from a backup`);
      }
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= version) continue;
      try {
        db.exec(migration.sql);
      } catch (err) {
        const reason = err instanceof Database.SqliteError ? err.message : String(err);
        throw new StoreError(file, `upgrading to schema version ${migration.version} failed (${reason}); the store was left at version ${version}`);
      }
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

const now = () => new Date().toISOString();

interface DocumentRow {
  id: number;
  source: string;
  name: string;
  sha256: string;
  byte_size: number;
  format: StoredDocument["format"];
  encoding: string;
  title: string | null;
  published_at: string | null;
  site_name: string | null;
  canonical_url: string | null;
  author: string | null;
  text: string;
  raw: Buffer;
  structure: string | null;
  ingested_at: string;
  rules_version: string;
  place: string | null;
}

interface BlockRow {
  type: Block["type"];
  start: number;
  end: number;
  page: number | null;
  x: number | null;
  y: number | null;
  headers: string | null;
  source_start: number | null;
  source_end: number | null;
}

const MENTION_COLUMNS = [
  "document_id", "run_id", "sentence", "sentence_start", "sentence_end", "evidence", "span_start", "span_end",
  "value_text", "value_start", "value_end", "indicator", "indicator_start", "indicator_end", "kind", "value",
  "value_max", "unit", "qualifier", "per", "period", "basis", "estimated", "rule", "rules_version", "confidence",
  "page", "indicator_id", "indicator_candidates", "place", "resolved_period", "value_base", "value_max_base", "base_unit",
  "value_step_base",
];

/** The columns of a MentionRow, in the order INSERT_MENTION takes them after document_id and run_id. */
const MENTION_ROW_COLUMNS = MENTION_COLUMNS.slice(2);
const INSERT_MENTION = `INSERT INTO mentions (${MENTION_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${MENTION_COLUMNS.map(() => "?").join(", ")})`;

const BLOCK_COLUMNS = ["document_id", "ord", "type", "start", "end", "page", "x", "y", "headers", "source_start", "source_end"];

const insertSql = (table: string, columns: string[]) =>
  `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;

class SqliteStore implements IndicatorStore {
  readonly schemaVersion = SCHEMA_VERSION;
  private readonly statements = new Map<string, Database.Statement>();
  /** Whether this connection dropped the bulk-load indexes (deferIndexes) and has not built them yet. */
  private indexesDeferred = false;

  constructor(
    readonly path: string,
    readonly db: Database.Database,
    readonly readonly: boolean,
  ) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  beginRun(command: string, args: string[], rulesVersion: string): number {
    return guarded(this.path, () => {
      const row = this.statement(
        "INSERT INTO runs (started_at, command, args, rules_version) VALUES (?, ?, ?, ?) RETURNING id",
      ).get(now(), command, JSON.stringify(args), rulesVersion) as { id: number };
      return row.id;
    });
  }

  isUnchanged(source: string, sha256: string, runId: number): boolean {
    return guarded(
      this.path,
      () =>
        this.statement("SELECT 1 FROM documents WHERE source = ? AND sha256 = ? AND rules_version = (SELECT rules_version FROM runs WHERE id = ?)").get(source, sha256, runId) !==
        undefined,
    );
  }

  isUnchangedFile(source: string, size: number, mtimeNs: bigint, runId: number): boolean {
    return guarded(
      this.path,
      () =>
        this.statement(
          "SELECT 1 FROM documents WHERE source = ? AND byte_size = ? AND file_mtime_ns = ? AND rules_version = (SELECT rules_version FROM runs WHERE id = ?)",
        ).get(source, size, mtimeNs, runId) !== undefined,
    );
  }

  stampFiles(stamps: ReadonlyArray<{ source: string; mtimeNs: bigint }>): void {
    guarded(this.path, () => {
      const stamp = this.statement("UPDATE documents SET file_mtime_ns = ? WHERE source = ?");
      this.db.transaction(() => {
        for (const s of stamps) stamp.run(s.mtimeNs, s.source);
      }).immediate();
    });
  }

  saveDocument(runId: number, doc: DocumentRecord, mentions: readonly StoredMention[]): void {
    const [rejected] = this.saveDocuments(runId, [{ doc, mentions }]);
    if (rejected) throw new Error(rejected.reason);
  }

  saveDocuments(runId: number, batch: ReadonlyArray<{ doc: DocumentRecord; mentions: readonly StoredMention[] }>): RejectedDocument[] {
    return guarded(this.path, () => {
      const rulesVersion = this.runRulesVersion(runId);
      const rejected: RejectedDocument[] = [];
      const accepted: Array<{ doc: DocumentRecord; rows: MentionRow[] }> = [];
      for (const { doc, mentions } of batch) {
        try {
          accepted.push({ doc, rows: mentions.map((m) => mentionRow(doc.source, doc.text, doc.blocks ?? [], rulesVersion, m)) });
        } catch (err) {
          rejected.push({ source: doc.source, reason: (err as Error).message });
        }
      }
      const at = now();
      this.db.transaction(() => {
        let first: number | null = null;
        for (const { doc, rows } of accepted) {
          const written = this.writeDocument(runId, rulesVersion, at, doc, rows);
          first ??= written;
        }
        this.indexNewMentions(first);
      }).immediate();
      return rejected;
    });
  }

  /** Upserts a document with its blocks and mentions; returns the id of its first mention (null when none). */
  private writeDocument(runId: number, rulesVersion: string, at: string, doc: DocumentRecord, rows: MentionRow[]): number | null {
    const { id } = this.statement(UPSERT_DOCUMENT).get({
      source: doc.source,
      name: doc.name,
      sha256: doc.sha256,
      byte_size: doc.byteSize,
      format: doc.format,
      encoding: doc.encoding,
      title: doc.meta.title ?? null,
      published_at: doc.meta.publishedAt ?? null,
      site_name: doc.meta.siteName ?? null,
      canonical_url: doc.meta.canonicalUrl ?? null,
      author: doc.meta.author ?? null,
      text: doc.text,
      raw: doc.raw,
      structure: doc.structure === undefined ? null : JSON.stringify(doc.structure),
      ingested_at: at,
      run_id: runId,
      rules_version: rulesVersion,
      extracted_at: at,
      place: doc.place ?? null,
      file_mtime_ns: doc.fileMtimeNs ?? null,
    }) as { id: number };
    this.statement("DELETE FROM blocks WHERE document_id = ?").run(id);
    const insertBlock = this.statement(insertSql("blocks", BLOCK_COLUMNS));
    (doc.blocks ?? []).forEach((block, ord) => insertBlock.run(blockRow(id, ord, block)));
    return this.writeMentions(id, runId, rows);
  }

  replaceMentions(runId: number, source: string, mentions: readonly StoredMention[], place?: string | null): void {
    guarded(this.path, () => {
      const rulesVersion = this.runRulesVersion(runId);
      this.db.transaction(() => {
        const doc = this.statement("SELECT id, text FROM documents WHERE source = ?").get(source) as { id: number; text: string } | undefined;
        if (!doc) throw new StoreError(this.path, `no stored document ${source}`);
        const blocks = this.readBlocks(doc.id);
        const rows = mentions.map((m) => mentionRow(source, doc.text, blocks, rulesVersion, m));
        this.indexNewMentions(this.writeMentions(doc.id, runId, rows));
        this.statement("UPDATE documents SET rules_version = ?, extracted_at = ? WHERE id = ?").run(rulesVersion, now(), doc.id);
        if (place !== undefined) this.statement("UPDATE documents SET place = ? WHERE id = ?").run(place, doc.id);
      }).immediate();
    });
  }

  mentionsOf(source: string): Mention[] {
    return guarded(this.path, () => {
      const rows = this.statement(
        `SELECT m.* FROM mentions m JOIN documents d ON d.id = m.document_id WHERE d.source = ? ORDER BY m.id`,
      ).all(source) as StoredMentionRow[];
      return rows.map((r) => mentionFromRow(source, r));
    });
  }

  mentionCountOf(source: string): number {
    return guarded(this.path, () =>
      this.statement("SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.document_id WHERE d.source = ?").pluck().get(source) as number,
    );
  }

  /** Replaces a document's mentions; returns the id of the first new one (null when none). */
  private writeMentions(documentId: number, runId: number, rows: MentionRow[]): number | null {
    this.statement("DELETE FROM mentions WHERE document_id = ?").run(documentId);
    // Positional parameters: binding 35 named ones per row cost more than the insert itself.
    const insert = this.statement(INSERT_MENTION);
    let first: number | null = null;
    for (const row of rows) {
      const id = Number(insert.run(documentId, runId, ...MENTION_ROW_COLUMNS.map((c) => row[c])).lastInsertRowid);
      first ??= id;
    }
    return first;
  }

  /**
   * Adds the sentences of the mentions from id `first` on to the search index, in one statement:
   * ids only grow within a write transaction, so they are exactly this transaction's new mentions.
   */
  private indexNewMentions(first: number | null): void {
    if (first === null) return;
    this.statement(`INSERT INTO sentence_search(rowid, sentence) SELECT id, ${SEARCH_FORM("sentence")} FROM mentions WHERE id >= ?`).run(first);
  }

  private runRulesVersion(runId: number): string {
    const run = this.statement("SELECT rules_version FROM runs WHERE id = ?").get(runId) as { rules_version: string } | undefined;
    if (!run) throw new StoreError(this.path, `no run ${runId}`);
    return run.rules_version;
  }

  recordIngestError(runId: number, source: string, reason: string): void {
    guarded(this.path, () => {
      this.statement("INSERT INTO ingest_errors (run_id, source, reason, at) VALUES (?, ?, ?, ?)").run(runId, source, reason, now());
    });
  }

  saveReferenceData(indicators: readonly IndicatorRecord[], places: readonly PlaceRecord[]): void {
    guarded(this.path, () => {
      this.db.transaction(() => {
        this.statement("DELETE FROM indicators").run();
        const insertIndicator = this.statement(insertSql("indicators", ["id", "label_vi", "label_en", "unit_class"]));
        for (const i of indicators) insertIndicator.run(i);
        this.statement("DELETE FROM places").run();
        const insertPlace = this.statement(insertSql("places", ["id", "name", "level", "parent_id", "valid_from", "merged_into", "merged_on"]));
        for (const p of places) insertPlace.run(p);
      }).immediate();
    });
  }

  indicatorMappings(): IndicatorMappingRecord[] {
    return guarded(this.path, () =>
      this.statement("SELECT surface, indicator_id, reviewer, decided_at FROM indicator_mappings ORDER BY decided_at, surface").all() as IndicatorMappingRecord[],
    );
  }

  finishRun(runId: number, counts: RunCounts): void {
    guarded(this.path, () => {
      const { changes } = this.statement(
        "UPDATE runs SET finished_at = ?, documents = ?, unchanged = ?, mentions = ?, errors = ? WHERE id = ?",
      ).run(now(), counts.documents, counts.unchanged, counts.mentions, counts.errors, runId);
      if (changes === 0) throw new StoreError(this.path, `no run ${runId}`);
    });
  }

  *documents(query: DocumentQuery = {}): IterableIterator<StoredDocument> {
    // Ids first, then one document at a time: the connection stays free for writes between them.
    const ids = guarded(this.path, () =>
      query.notExtractedWith === undefined
        ? (this.statement("SELECT id FROM documents ORDER BY id").pluck().all() as number[])
        : (this.statement("SELECT id FROM documents WHERE rules_version <> ? ORDER BY id").pluck().all(query.notExtractedWith) as number[]),
    );
    for (const id of ids) {
      const doc = guarded(this.path, () => this.readDocument(id));
      if (doc) yield doc;
    }
  }

  private readDocument(id: number): StoredDocument | undefined {
    const row = this.statement("SELECT * FROM documents WHERE id = ?").get(id) as DocumentRow | undefined;
    if (!row) return undefined;
    const blocks = this.readBlocks(id);
    return {
      id: row.id,
      source: row.source,
      name: row.name,
      sha256: row.sha256,
      byteSize: row.byte_size,
      format: row.format,
      encoding: row.encoding,
      meta: documentMeta(row),
      text: row.text,
      raw: row.raw,
      ...(row.structure === null ? {} : { structure: JSON.parse(row.structure) as unknown }),
      ...(blocks.length > 0 ? { blocks } : {}),
      ...(row.place === null ? {} : { place: row.place }),
      rulesVersion: row.rules_version,
      ingestedAt: row.ingested_at,
    };
  }

  private readBlocks(documentId: number): Block[] {
    const rows = this.statement('SELECT type, start, "end", page, x, y, headers, source_start, source_end FROM blocks WHERE document_id = ? ORDER BY ord').all(documentId) as BlockRow[];
    return rows.map((r) => ({
      type: r.type,
      start: r.start,
      end: r.end,
      ...(r.page === null ? {} : { page: r.page }),
      ...(r.x === null || r.y === null ? {} : { position: { x: r.x, y: r.y } }),
      ...(r.headers === null ? {} : { headers: JSON.parse(r.headers) as string[] }),
      ...(r.source_start === null || r.source_end === null ? {} : { sourceRange: [r.source_start, r.source_end] as [number, number] }),
    }));
  }

  deferIndexes(): boolean {
    return guarded(this.path, () =>
      this.db.transaction(() => {
        if (this.statement("SELECT 1 FROM mentions LIMIT 1").get() !== undefined) return false;
        for (const name of Object.keys(BULK_LOAD_INDEXES)) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
        this.indexesDeferred = true;
        return true;
      }).immediate(),
    );
  }

  buildIndexes(): void {
    guarded(this.path, () => buildMissingIndexes(this.db));
    this.indexesDeferred = false;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      if (this.indexesDeferred) this.buildIndexes();
    } finally {
      this.db.close();
    }
  }
}

const UPSERT_DOCUMENT = `
INSERT INTO documents (source, name, sha256, byte_size, format, encoding, title, published_at, site_name,
  canonical_url, author, text, raw, structure, ingested_at, run_id, rules_version, extracted_at, place, file_mtime_ns)
VALUES (@source, @name, @sha256, @byte_size, @format, @encoding, @title, @published_at, @site_name,
  @canonical_url, @author, @text, @raw, @structure, @ingested_at, @run_id, @rules_version, @extracted_at, @place, @file_mtime_ns)
ON CONFLICT (source) DO UPDATE SET
  name = excluded.name, sha256 = excluded.sha256, byte_size = excluded.byte_size, format = excluded.format,
  encoding = excluded.encoding, title = excluded.title, published_at = excluded.published_at,
  site_name = excluded.site_name, canonical_url = excluded.canonical_url, author = excluded.author,
  text = excluded.text, raw = excluded.raw, structure = excluded.structure, ingested_at = excluded.ingested_at,
  run_id = excluded.run_id, rules_version = excluded.rules_version, extracted_at = excluded.extracted_at,
  place = excluded.place, file_mtime_ns = excluded.file_mtime_ns
RETURNING id`;

function documentMeta(row: DocumentRow): DocumentMeta {
  const meta: DocumentMeta = {};
  if (row.title !== null) meta.title = row.title;
  if (row.published_at !== null) meta.publishedAt = row.published_at;
  if (row.canonical_url !== null) meta.canonicalUrl = row.canonical_url;
  if (row.site_name !== null) meta.siteName = row.site_name;
  if (row.author !== null) meta.author = row.author;
  return meta;
}

function blockRow(documentId: number, ord: number, block: Block): Record<string, unknown> {
  return {
    document_id: documentId,
    ord,
    type: block.type,
    start: block.start,
    end: block.end,
    page: block.page ?? null,
    x: block.position?.x ?? null,
    y: block.position?.y ?? null,
    headers: block.headers === undefined ? null : JSON.stringify(block.headers),
    source_start: block.sourceRange?.[0] ?? null,
    source_end: block.sourceRange?.[1] ?? null,
  };
}

type MentionRow = Record<string, string | number | null>;

/** The mentions-table row of one mention, after checking that it points into its document's text. */
function mentionRow(source: string, text: string, blocks: readonly Block[], rulesVersion: string, m: StoredMention): MentionRow {
  const where = `${source}: mention at ${JSON.stringify(m.span)}`;
  if (m.doc !== source) throw new Error(`${where}: belongs to ${m.doc}`);
  if (m.rules_version !== rulesVersion) throw new Error(`${where}: rules version ${m.rules_version} differs from the run's ${rulesVersion}`);
  for (const [name, span] of [["sentence_span", m.sentence_span], ["span", m.span], ["value_span", m.value_span], ["indicator_span", m.indicator_span]] as const) {
    if (span === null) continue;
    const [start, end] = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
      throw new Error(`${where}: ${name} ${JSON.stringify(span)} is outside the text (length ${text.length})`);
    }
  }
  if (text.slice(m.sentence_span[0], m.sentence_span[1]) !== m.sentence) throw new Error(`${where}: sentence differs from the text at sentence_span`);
  if (!Number.isFinite(m.value)) throw new Error(`${where}: value ${m.value} is not a finite number`);
  const page = blocks.find((b) => b.start <= m.value_span[0] && m.value_span[0] < b.end)?.page ?? null;
  return {
    sentence: m.sentence,
    sentence_start: m.sentence_span[0],
    sentence_end: m.sentence_span[1],
    evidence: text.slice(m.span[0], m.span[1]),
    span_start: m.span[0],
    span_end: m.span[1],
    value_text: text.slice(m.value_span[0], m.value_span[1]),
    value_start: m.value_span[0],
    value_end: m.value_span[1],
    indicator: m.indicator,
    indicator_start: m.indicator_span?.[0] ?? null,
    indicator_end: m.indicator_span?.[1] ?? null,
    kind: m.kind,
    value: m.value,
    value_max: m.value_max,
    unit: m.unit,
    qualifier: m.qualifier,
    per: m.per,
    period: m.period,
    basis: m.basis,
    estimated: m.estimated ? 1 : 0,
    rule: m.rule,
    rules_version: m.rules_version,
    confidence: m.confidence,
    page,
    indicator_id: m.indicator_id ?? null,
    indicator_candidates: m.indicator_candidates === undefined ? null : JSON.stringify(m.indicator_candidates),
    place: m.place ?? null,
    resolved_period: m.resolved_period ?? null,
    value_base: m.value_base ?? null,
    value_max_base: m.value_max_base ?? null,
    base_unit: m.base_unit ?? null,
    value_step_base: m.value_step_base ?? null,
  };
}

interface StoredMentionRow {
  sentence: string;
  sentence_start: number;
  sentence_end: number;
  span_start: number;
  span_end: number;
  value_start: number;
  value_end: number;
  indicator: string;
  indicator_start: number | null;
  indicator_end: number | null;
  kind: Mention["kind"];
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Mention["qualifier"];
  per: Mention["per"];
  period: string;
  basis: string | null;
  estimated: number;
  rule: string;
  rules_version: string;
  confidence: number;
}

function mentionFromRow(source: string, r: StoredMentionRow): Mention {
  return {
    doc: source,
    sentence: r.sentence,
    sentence_span: [r.sentence_start, r.sentence_end],
    span: [r.span_start, r.span_end],
    value_span: [r.value_start, r.value_end],
    indicator: r.indicator,
    indicator_span: r.indicator_start === null || r.indicator_end === null ? null : [r.indicator_start, r.indicator_end],
    kind: r.kind,
    value: r.value,
    value_max: r.value_max,
    unit: r.unit,
    qualifier: r.qualifier,
    per: r.per,
    period: r.period,
    basis: r.basis,
    estimated: r.estimated === 1,
    rule: r.rule,
    rules_version: r.rules_version,
    confidence: r.confidence,
  };
}
