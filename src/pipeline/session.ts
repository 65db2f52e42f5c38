/**
 * One run's work on one document: bytes → ingest → text → extract → store,
 * committed in its own transaction. Shared by `extract` (files) and `crawl`
 * (fetched pages) so both store documents the same way.
 */
import crypto from "node:crypto";
import { IngestError, ingestBytes, type Block, type IngestOptions } from "../ingest/index.js";
import { prepareText } from "../text/index.js";
import type { TextDocument } from "../text/types.js";
import { extractMentions, findDocumentDate, type Mention } from "../extract/index.js";
import { Normaliser, loadNormaliseRules, referenceRecords } from "../normalise/index.js";
import type { DocumentRecord, Store, StoredMention } from "../store/types.js";

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
  /** The normalise stage to use; by default one with the store's reviewers' mappings (see normaliserFor). */
  normaliser?: Normaliser;
  /** Called with each document's mentions (stored or, when unchanged, as stored before). */
  onMentions?: (mentions: Mention[]) => void;
  onDocument?: (event: DocumentEvent) => void;
}

/** What a caller may know of a document beyond its bytes (a crawler: the charset of the response, the site's template). */
export interface DocumentHints {
  charset?: string;
  /** CSS selector of the element holding the article on the document's site. */
  articleSelector?: string;
  /** Blocks to leave out, by blockFingerprint() of their text: boilerplate learnt for the site. */
  dropBlocks?: ReadonlySet<string>;
  /** Extract again even when the source is stored with these very bytes (because the other hints changed). */
  reprocess?: boolean;
}

/** The first offset of `text` that maps to `sourceOffset` or beyond (toSource is monotonic). */
function fromSource(text: TextDocument, sourceOffset: number): number {
  let low = 0;
  let high = text.text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (text.toSource(mid) < sourceOffset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Blocks re-anchored on the normalised text, so a mention's page is the page of the block holding it. */
function blocksOnText(blocks: Block[], text: TextDocument): Block[] {
  return blocks.map((b) => ({ ...b, start: fromSource(text, b.start), end: fromSource(text, b.end) }));
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
  readonly normaliser: Normaliser;

  constructor(private readonly store: Store, readonly runId: number, private readonly options: SessionOptions = {}) {
    this.normaliser = options.normaliser ?? normaliserFor(store);
  }

  /** Records a document that could not be read at all. */
  fail(source: string, reason: string): void {
    this.counts.failed++;
    this.store.recordIngestError(this.runId, source, reason);
    this.options.onDocument?.({ status: "failed", source, reason });
  }

  /**
   * Extracts and stores one document. Bad input is that document's error; a
   * store failure (disk full, read-only) is thrown: it would fail every document.
   */
  async process(source: string, bytes: Buffer, hints: DocumentHints = {}): Promise<DocumentEvent> {
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    if (!hints.reprocess && this.store.isUnchanged(source, sha256)) {
      const stored = this.store.mentionsOf(source);
      this.counts.unchanged++;
      this.counts.kept += stored.length;
      this.options.onMentions?.(stored);
      const event: DocumentEvent = { status: "unchanged", source, mentions: stored.length };
      this.options.onDocument?.(event);
      return event;
    }
    let prepared: { record: DocumentRecord; mentions: Mention[]; normalised: StoredMention[] };
    try {
      prepared = await this.prepare(source, bytes, hints);
    } catch (err) {
      const reason = err instanceof IngestError ? err.reason : `could not extract: ${(err as Error).message}`;
      this.fail(source, reason);
      return { status: "failed", source, reason };
    }
    const { record, mentions, normalised } = prepared;
    this.store.saveDocument(this.runId, record, normalised);
    this.counts.documents++;
    this.counts.mentions += mentions.length;
    for (const m of mentions) this.counts.byKind[m.kind] = (this.counts.byKind[m.kind] ?? 0) + 1;
    this.options.onMentions?.(mentions);
    const event: DocumentEvent = { status: "stored", source, mentions: mentions.length };
    this.options.onDocument?.(event);
    return event;
  }

  /** The document, its mentions as extracted (the JSON Lines record) and as normalised (the store's). */
  private async prepare(source: string, bytes: Buffer, hints: DocumentHints): Promise<{ record: DocumentRecord; mentions: Mention[]; normalised: StoredMention[] }> {
    const ingested = await ingestBytes(source, bytes, {
      ...this.options.ingest,
      charset: hints.charset ?? this.options.ingest?.charset,
      articleSelector: hints.articleSelector ?? this.options.ingest?.articleSelector,
      dropBlocks: hints.dropBlocks ?? this.options.ingest?.dropBlocks,
    });
    const text = prepareText(ingested.text);
    const documentDate = ingested.meta.publishedAt ?? findDocumentDate(text.text);
    const mentions = extractMentions(text, { doc: source, documentDate });
    const record: DocumentRecord = {
      source,
      name: ingested.name,
      sha256: ingested.sha256,
      byteSize: ingested.byteSize,
      format: ingested.format,
      encoding: ingested.encoding,
      meta: { ...ingested.meta, publishedAt: documentDate ?? undefined },
      text: text.text,
      raw: bytes,
      structure: { paragraphs: text.paragraphs, warnings: ingested.warnings },
      blocks: blocksOnText(ingested.blocks, text),
    };
    const normalised = this.normaliser.normalise(
      { text: text.text, title: ingested.meta.title, siteName: ingested.meta.siteName, canonicalUrl: ingested.meta.canonicalUrl, source, documentDate },
      mentions,
    );
    record.place = normalised.place;
    return { record, mentions, normalised: normalised.mentions };
  }
}
