/**
 * One run's work on documents: bytes → prepare (ingest, text, extract,
 * normalise; on this thread or on workers) → store, committed in batches (or
 * one document per transaction). Shared by `extract` (files) and `crawl`
 * (fetched pages) so both store documents the same way.
 */
import crypto from "node:crypto";
import type { FileStamp, IngestOptions } from "../ingest/index.js";
import type { Mention } from "../extract/index.js";
import { Normaliser, loadNormaliseRules, referenceRecords } from "../normalise/index.js";
import type { Store } from "../store/types.js";
import { InThreadPreparer, extractionRecord, type DocumentPreparer, type PreparationHints, type PreparedDocument } from "./prepare.js";

export type DocumentEvent =
  | { status: "stored"; source: string; mentions: number }
  | { status: "unchanged"; source: string; mentions: number }
  | { status: "failed"; source: string; reason: string };

export interface SessionCounts {
  documents: number;
  unchanged: number;
  failed: number;
  /** Mentions written in this run. */
  mentions: number;
  /** Mentions of unchanged documents, kept as they were. */
  kept: number;
  byKind: Record<string, number>;
}

export interface SessionOptions {
  ingest?: IngestOptions;
  /** Where documents are prepared; by default on this thread, with normaliserFor(store). */
  preparer?: DocumentPreparer;
  /**
   * Documents committed in one transaction (fewer commits, and the search index merges once per
   * batch). 1, the default, commits each document as soon as it is prepared; a larger batch is
   * committed when full, or FLUSH_DELAY_MS after its first document, or by flush().
   */
  batchSize?: number;
  /** Called with each document's mentions (stored or, when unchanged, as stored before). */
  onMentions?: (mentions: Mention[]) => void;
  onDocument?: (event: DocumentEvent) => void;
}

/** What a caller may know of a document beyond its bytes. */
export interface DocumentHints extends PreparationHints {
  /** Extract again even when the source is stored with these very bytes (because the other hints changed). */
  reprocess?: boolean;
  /** The stamp of the file the bytes were read from, stored so that a re-run can skip the file unread. */
  fileStamp?: FileStamp;
}

/** How long a partly filled batch waits for more documents: bounds how late progress and a crash's losses can be. */
export const FLUSH_DELAY_MS = 50;

interface PendingDocument {
  document: PreparedDocument;
  resolve: (event: DocumentEvent) => void;
  reject: (err: unknown) => void;
}

/**
 * The normalise stage for a run on `store`: the rules' taxonomy and gazetteer are written to the
 * store (for labels and review), and reviewers' mappings of indicator phrases are reused.
 */
export function normaliserFor(store: Store): Normaliser {
  const rules = loadNormaliseRules();
  const { indicators, places } = referenceRecords(rules);
  store.saveReferenceData(indicators, places);
  return new Normaliser(rules, store.indicatorMappings());
}

export class ExtractionSession {
  readonly counts: SessionCounts = { documents: 0, unchanged: 0, failed: 0, mentions: 0, kept: 0, byKind: {} };
  private readonly preparer: DocumentPreparer;
  private readonly batchSize: number;
  private pending: PendingDocument[] = [];
  /** Times of files found unchanged by their bytes, recorded with the next batch. */
  private pendingStamps: Array<{ source: string; mtimeNs: bigint }> = [];
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store, readonly runId: number, private readonly options: SessionOptions = {}) {
    this.preparer = options.preparer ?? new InThreadPreparer({ ingest: options.ingest ?? {}, normaliser: normaliserFor(store) });
    this.batchSize = options.batchSize ?? 1;
  }

  /** Records a document that could not be read at all. */
  fail(source: string, reason: string): void {
    this.counts.failed++;
    this.store.recordIngestError(this.runId, source, reason);
    this.options.onDocument?.({ status: "failed", source, reason });
  }

  /**
   * Counts as unchanged, without reading it, a file whose size and modification time are those stored
   * with this run's rules; false when they are not (or its time is too recent to tell).
   */
  skipUnchangedFile(source: string, stamp: FileStamp): boolean {
    if (stamp.mtimeNs === null || !this.store.isUnchangedFile(source, stamp.size, stamp.mtimeNs, this.runId)) return false;
    this.unchanged(source);
    return true;
  }

  /** Extracts and stores one document; resolves once it is committed. */
  async process(source: string, bytes: Buffer, hints: DocumentHints = {}): Promise<DocumentEvent> {
    return (await this.submit(source, bytes, hints)).committed;
  }

  /**
   * Prepares one document and queues it for the store. Resolves once it is prepared, with the
   * promise of its commit. Bad input is that document's error; a store failure (disk full,
   * read-only) rejects the commit: it would fail every document.
   */
  async submit(source: string, bytes: Buffer, hints: DocumentHints = {}): Promise<{ committed: Promise<DocumentEvent> }> {
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const mtimeNs = hints.fileStamp?.mtimeNs ?? null;
    if (!hints.reprocess && this.store.isUnchanged(source, sha256, this.runId)) {
      if (mtimeNs !== null) this.pendingStamps.push({ source, mtimeNs });
      return { committed: Promise.resolve(this.unchanged(source)) };
    }
    const preparation = await this.preparer.prepare(source, bytes, hints);
    if (!preparation.ok) {
      this.fail(source, preparation.reason);
      return { committed: Promise.resolve({ status: "failed", source, reason: preparation.reason }) };
    }
    preparation.document.record.fileMtimeNs = mtimeNs;
    const committed = new Promise<DocumentEvent>((resolve, reject) => this.pending.push({ document: preparation.document, resolve, reject }));
    if (this.pending.length >= this.batchSize) this.flushQuietly();
    else this.flushTimer ??= setTimeout(() => this.flushQuietly(), FLUSH_DELAY_MS);
    return { committed };
  }

  /** Commits the documents waiting for their batch, in one transaction. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingStamps.length) {
      this.store.stampFiles(this.pendingStamps);
      this.pendingStamps = [];
    }
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    let rejected: Map<string, string>;
    try {
      const left = this.store.saveDocuments(this.runId, batch.map((p) => ({ doc: p.document.record, mentions: p.document.normalised })));
      rejected = new Map(left.map((r) => [r.source, r.reason]));
    } catch (err) {
      for (const p of batch) p.reject(err);
      throw err;
    }
    for (const { document, resolve } of batch) {
      const source = document.record.source;
      const reason = rejected.get(source);
      if (reason !== undefined) {
        this.fail(source, `could not store: ${reason}`);
        resolve({ status: "failed", source, reason });
        continue;
      }
      resolve(this.stored(document));
    }
  }

  /** Stops preparing documents (worker threads end); what is not yet committed is left out. */
  async close(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.preparer.close();
  }

  /** For flushes with no caller to throw to: the failure reaches each document's commit promise. */
  private flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // Already delivered to the batch's commit promises.
    }
  }

  private stored({ record, normalised }: PreparedDocument): DocumentEvent {
    this.counts.documents++;
    this.counts.mentions += normalised.length;
    for (const m of normalised) this.counts.byKind[m.kind] = (this.counts.byKind[m.kind] ?? 0) + 1;
    this.options.onMentions?.(normalised.map(extractionRecord));
    const event: DocumentEvent = { status: "stored", source: record.source, mentions: normalised.length };
    this.options.onDocument?.(event);
    return event;
  }

  private unchanged(source: string): DocumentEvent {
    // The stored mentions are read back only for a listener (JSON Lines): counting them is much cheaper.
    let count: number;
    if (this.options.onMentions) {
      const stored = this.store.mentionsOf(source);
      this.options.onMentions(stored);
      count = stored.length;
    } else {
      count = this.store.mentionCountOf(source);
    }
    this.counts.unchanged++;
    this.counts.kept += count;
    const event: DocumentEvent = { status: "unchanged", source, mentions: count };
    this.options.onDocument?.(event);
    return event;
  }
}
