/**
 * Everything a document goes through before the store: ingest → text →
 * extract → normalise. No I/O and no store, so it runs on the calling thread
 * or on worker threads alike (see workers.ts).
 */
import { IngestError, ingestBytes, type Block, type IngestOptions } from "../ingest/index.js";
import { prepareText } from "../text/index.js";
import type { Span, TextDocument } from "../text/types.js";
import { extractMentions, findDocumentDate, type Mention } from "../extract/index.js";
import type { Normaliser } from "../normalise/index.js";
import type { DocumentRecord, StoredMention } from "../store/types.js";

/** What a caller may know of a document beyond its bytes (a crawler: the charset of the response, the site's template). */
export interface PreparationHints {
  charset?: string;
  /** CSS selector of the element holding the article on the document's site. */
  articleSelector?: string;
  /** Blocks to leave out, by blockFingerprint() of their text: boilerplate learnt for the site. */
  dropBlocks?: ReadonlySet<string>;
}

/**
 * A document ready for the store: its record and its mentions as normalised
 * (the store's). Their extraction records (JSON Lines) are not sent along, as
 * each is its normalised mention less what normalisation added (extractionRecord).
 */
export interface PreparedDocument {
  record: DocumentRecord;
  normalised: StoredMention[];
}

/** A normalised mention as extracted: the same fields in the same order, without normalisation's. */
export function extractionRecord(mention: StoredMention): Mention {
  const { indicator_id, indicator_candidates, place, resolved_period, value_base, value_max_base, base_unit, value_step_base, ...record } = mention;
  return record;
}

/** A prepared document, or the one-line reason it could not be. */
export type Preparation = { ok: true; document: PreparedDocument } | { ok: false; reason: string };

/** Prepares documents, on this thread or elsewhere. */
export interface DocumentPreparer {
  prepare(source: string, bytes: Buffer, hints?: PreparationHints): Promise<Preparation>;
  close(): Promise<void>;
}

export interface PreparationContext {
  ingest: IngestOptions;
  normaliser: Normaliser;
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

/** Captions of photos, not of tables: a table's caption names what its cells, emitted next, are of. */
function photoCaptions(blocks: Block[]): Span[] {
  return blocks.filter((b, i) => b.type === "caption" && blocks[i + 1]?.type !== "table-cell");
}

/** Bad input is the document's own failure, with its reason; anything else is an extraction failure. */
function reasonOf(err: unknown): string {
  return err instanceof IngestError ? err.reason : `could not extract: ${(err as Error).message}`;
}

export async function prepareDocument(source: string, bytes: Buffer, hints: PreparationHints, context: PreparationContext): Promise<Preparation> {
  try {
    return { ok: true, document: await prepareOrThrow(source, bytes, hints, context) };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

async function prepareOrThrow(source: string, bytes: Buffer, hints: PreparationHints, context: PreparationContext): Promise<PreparedDocument> {
  const ingested = await ingestBytes(source, bytes, {
    ...context.ingest,
    charset: hints.charset ?? context.ingest.charset,
    articleSelector: hints.articleSelector ?? context.ingest.articleSelector,
    dropBlocks: hints.dropBlocks ?? context.ingest.dropBlocks,
  });
  const text = prepareText(ingested.text);
  const documentDate = ingested.meta.publishedAt ?? findDocumentDate(text.text);
  const blocks = blocksOnText(ingested.blocks, text);
  const mentions = extractMentions(text, { doc: source, documentDate, asides: photoCaptions(blocks) });
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
    // Paragraphs and sentences are not kept: no reader uses them, segmentText recomputes them from the text.
    ...(ingested.warnings.length > 0 && { structure: { warnings: ingested.warnings } }),
    blocks,
  };
  const normalised = context.normaliser.normalise(
    { text: text.text, title: ingested.meta.title, siteName: ingested.meta.siteName, canonicalUrl: ingested.meta.canonicalUrl, source, documentDate },
    mentions,
  );
  record.place = normalised.place;
  return { record, normalised: normalised.mentions };
}

/**
 * Makes its preparer when a first document needs preparing: a run over unchanged documents loads
 * no rules and starts no workers. A failure to make one (a rule error) fails that call, not a document.
 */
export class LazyPreparer implements DocumentPreparer {
  private inner: DocumentPreparer | null = null;

  constructor(private readonly make: () => DocumentPreparer) {}

  async prepare(source: string, bytes: Buffer, hints: PreparationHints = {}): Promise<Preparation> {
    this.inner ??= this.make();
    return this.inner.prepare(source, bytes, hints);
  }

  async close(): Promise<void> {
    await this.inner?.close();
  }
}

/** Prepares each document on the calling thread. */
export class InThreadPreparer implements DocumentPreparer {
  constructor(private readonly context: PreparationContext) {}

  prepare(source: string, bytes: Buffer, hints: PreparationHints = {}): Promise<Preparation> {
    return prepareDocument(source, bytes, hints, this.context);
  }

  async close(): Promise<void> {}
}
