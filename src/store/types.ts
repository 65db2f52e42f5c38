import type Database from "better-sqlite3";
import type { Mention } from "../extract/types.js";
import type { Block, DocumentFormat, DocumentMeta } from "../ingest/types.js";

/** A document as the store keeps it. */
export interface DocumentRecord {
  /** Path or URL as given: the document's identity in the store. */
  source: string;
  name: string;
  sha256: string;
  byteSize: number;
  format: DocumentFormat;
  encoding: string;
  meta: DocumentMeta;
  /** The normalised (NFC) text every mention span indexes into. */
  text: string;
  /** The raw bytes, for re-extraction without the source files. */
  raw: Buffer;
  /** Optional JSON-able structure of the text (blocks, paragraphs) for provenance and review. */
  structure?: unknown;
  /** The document's blocks with offsets into `text` (not the ingest text); each mention's page comes from the block holding its span. */
  blocks?: Block[];
  /** Where the document is about, as normalisation decides (a gazetteer id). */
  place?: string | null;
  /** The source file's modification time when it was read (FileStamp.mtimeNs), for re-runs to skip it unread. */
  fileMtimeNs?: bigint | null;
}

/** What normalisation adds to a mention; absent (or null) until it has run. */
export interface MentionNormalisation {
  /** Taxonomy id, or null when no indicator matched well enough. */
  indicator_id: string | null;
  /** Best taxonomy ids when indicator_id is null, best first, for reviewers to pick from. */
  indicator_candidates: string[];
  /** Gazetteer id of the place the figure is about. */
  place: string | null;
  /** The period resolved against the document's date and context ("năm nay" in a 2024 article → "2024"). */
  resolved_period: string | null;
  /** value and value_max in the base unit ("1,2 triệu người" → 1200000 persons). */
  value_base: number | null;
  value_max_base: number | null;
  base_unit: string | null;
  /** The rounding step of the value as written, in the base unit ("1,2 triệu" → 100000; "103,5" → 0.1). */
  value_step_base: number | null;
}

/** A taxonomy entry as the store's `indicators` table keeps it (labels for exports and review). */
export interface IndicatorRecord {
  id: string;
  label_vi: string;
  label_en: string;
  unit_class: string;
}

/** A gazetteer place as the store's `places` table keeps it. */
export interface PlaceRecord {
  id: string;
  name: string;
  level: "country" | "province" | "district";
  parent_id: string | null;
  valid_from: string | null;
  merged_into: string | null;
  merged_on: string | null;
}

/** A reviewer's mapping of an indicator phrase as written to a taxonomy id. */
export interface IndicatorMappingRecord {
  surface: string;
  indicator_id: string;
  reviewer: string;
  decided_at: string;
}

/** A mention as saved: the extraction record plus whatever normalisation has filled in. */
export type StoredMention = Mention & Partial<MentionNormalisation>;

/** A document a batch left out: its mentions do not fit its text (an extraction bug, reported for that document alone). */
export interface RejectedDocument {
  source: string;
  reason: string;
}

export interface RunCounts {
  documents: number;
  unchanged: number;
  mentions: number;
  errors: number;
}

export interface Store {
  readonly path: string;
  beginRun(command: string, args: string[], rulesVersion: string): number;
  /** True when this source is stored with this content hash, extracted by the rules of this run (and so can be skipped). */
  isUnchanged(source: string, sha256: string, runId: number): boolean;
  /** True when this source is stored from a file of this size and modification time, extracted by the rules of this run. */
  isUnchangedFile(source: string, size: number, mtimeNs: bigint, runId: number): boolean;
  /** One transaction: records the modification times of stored files found unchanged by their content. */
  stampFiles(stamps: ReadonlyArray<{ source: string; mtimeNs: bigint }>): void;
  /** One transaction: upsert the document and replace its mentions (and only its own). */
  saveDocument(runId: number, doc: DocumentRecord, mentions: readonly StoredMention[]): void;
  /**
   * One transaction for the whole batch: saveDocument for each document whose mentions point into
   * its text; the others are left out and returned with the reason.
   */
  saveDocuments(runId: number, batch: ReadonlyArray<{ doc: DocumentRecord; mentions: readonly StoredMention[] }>): RejectedDocument[];
  /** The stored mentions of a document as extraction made them, in the order they were saved ([] when not stored). */
  mentionsOf(source: string): Mention[];
  /** How many mentions of the document are stored (0 when not stored). */
  mentionCountOf(source: string): number;
  recordIngestError(runId: number, source: string, reason: string): void;
  /** One transaction: replace the taxonomy and gazetteer tables with the rules' current ones. */
  saveReferenceData(indicators: readonly IndicatorRecord[], places: readonly PlaceRecord[]): void;
  /** Reviewers' mappings of indicator phrases, for normalisation to reuse. */
  indicatorMappings(): IndicatorMappingRecord[];
  finishRun(runId: number, counts: RunCounts): void;
  /**
   * For a load into a store that holds no mentions: drops the indexes it is cheaper to build at the end
   * (BULK_LOAD_INDEXES), to be built by buildIndexes(), or by close(), or by the next opening for writing
   * should this process die first. False (nothing dropped) when the store holds mentions.
   */
  deferIndexes(): boolean;
  /** Builds any index of BULK_LOAD_INDEXES the store lacks. */
  buildIndexes(): void;
  /** Builds the indexes this connection deferred, then closes it. */
  close(): void;
}

/** A stored document as re-extraction reads it back. */
export interface StoredDocument extends DocumentRecord {
  id: number;
  /** The rules version its current mentions were extracted with. */
  rulesVersion: string;
  ingestedAt: string;
}

export interface DocumentQuery {
  /** Only documents whose mentions were not extracted with this rules version (so an interrupted re-extraction resumes). */
  notExtractedWith?: string;
}

/** The SQLite store: what the pipeline needs, plus re-extraction and the connection for queries. */
export interface IndicatorStore extends Store {
  readonly readonly: boolean;
  readonly schemaVersion: number;
  /** The open connection, for queries (exports, stats, search, review). */
  readonly db: Database.Database;
  /** Stored documents, each read when reached, so the store can be written while iterating. */
  documents(query?: DocumentQuery): IterableIterator<StoredDocument>;
  /**
   * One transaction: replace the mentions of a stored document with those of a new extraction
   * (re-extraction), and its place when `place` is given.
   */
  replaceMentions(runId: number, source: string, mentions: readonly StoredMention[], place?: string | null): void;
}

export interface OpenOptions {
  /** Open for reading only: nothing is created or written (an older schema is still upgraded first). */
  readonly?: boolean;
}
