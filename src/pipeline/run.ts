/**
 * The extract job: inputs → ingest → text → extract → store, one document per
 * transaction, bounded concurrency, and one line per bad input.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import PQueue from "p-queue";
import { IngestError, ingestBytes, listInputs, readInput, type IngestOptions } from "../ingest/index.js";
import { prepareText } from "../text/index.js";
import { extractMentions, findDocumentDate, loadExtractionRules, type Mention } from "../extract/index.js";
import { openStore } from "../store/index.js";
import type { DocumentRecord, Store } from "../store/types.js";

export interface RunOptions {
  /** Files, folders, or "-" for a list of paths on standard input. */
  paths: string[];
  /** SQLite store; created when missing. */
  db: string;
  /** Also write every mention of these inputs as JSON Lines. */
  jsonl?: string;
  include?: string[];
  exclude?: string[];
  /** Documents in flight at once. */
  concurrency?: number;
  /** Largest input file, in bytes. */
  maxBytes?: number;
  stdin?: NodeJS.ReadableStream;
  /** The command line, recorded with the run. */
  argv?: string[];
  /** Told about every document as it is done. */
  onDocument?: (event: DocumentEvent) => void;
}

export type DocumentEvent =
  | { status: "stored"; source: string; mentions: number }
  | { status: "unchanged"; source: string; mentions: number }
  | { status: "failed"; source: string; reason: string };

export interface RunSummary {
  runId: number;
  rulesVersion: string;
  documents: number;
  unchanged: number;
  failed: number;
  mentions: number;
  byKind: Record<string, number>;
  seconds: number;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Ingest, text and extract stages for one document's bytes. */
async function prepare(source: string, bytes: Buffer, ingestOptions: IngestOptions): Promise<{ record: DocumentRecord; mentions: Mention[] }> {
  const ingested = await ingestBytes(source, bytes, ingestOptions);
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
    structure: { blocks: ingested.blocks, paragraphs: text.paragraphs, warnings: ingested.warnings },
  };
  return { record, mentions };
}

export async function runExtraction(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const rules = loadExtractionRules();
  fs.mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
  const store: Store = openStore(options.db);
  const runId = store.beginRun("extract", options.argv ?? options.paths, rules.version);
  const jsonl = options.jsonl ? fs.openSync(options.jsonl, "w") : null;
  const summary: RunSummary = { runId, rulesVersion: rules.version, documents: 0, unchanged: 0, failed: 0, mentions: 0, byKind: {}, seconds: 0 };
  const ingestOptions: IngestOptions = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  const concurrency = options.concurrency ?? 4;
  const queue = new PQueue({ concurrency });

  const fail = (source: string, reason: string): void => {
    summary.failed++;
    store.recordIngestError(runId, source, reason);
    options.onDocument?.({ status: "failed", source, reason });
  };

  const writeMentions = (mentions: Mention[]): void => {
    if (jsonl === null || mentions.length === 0) return;
    fs.writeSync(jsonl, mentions.map((m) => JSON.stringify(m)).join("\n") + "\n");
  };

  const handle = async (source: string): Promise<void> => {
    let bytes: Buffer;
    try {
      bytes = await readInput(source, ingestOptions);
    } catch (err) {
      fail(source, err instanceof IngestError ? err.reason : (err as Error).message);
      return;
    }
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    if (store.isUnchanged(source, sha256)) {
      const stored = store.mentionsOf(source);
      summary.unchanged++;
      writeMentions(stored);
      options.onDocument?.({ status: "unchanged", source, mentions: stored.length });
      return;
    }
    let prepared: { record: DocumentRecord; mentions: Mention[] };
    try {
      prepared = await prepare(source, bytes, ingestOptions);
    } catch (err) {
      // One bad document never stops the run: anything but a store failure is that document's error.
      fail(source, err instanceof IngestError ? err.reason : `could not extract: ${(err as Error).message}`);
      return;
    }
    const { record, mentions } = prepared;
    store.saveDocument(runId, record, mentions);
    summary.documents++;
    summary.mentions += mentions.length;
    for (const m of mentions) summary.byKind[m.kind] = (summary.byKind[m.kind] ?? 0) + 1;
    writeMentions(mentions);
    options.onDocument?.({ status: "stored", source, mentions: mentions.length });
  };

  let fatal: unknown = null;
  try {
    for await (const input of listInputs(options.paths, { include: options.include, exclude: options.exclude, stdin: options.stdin })) {
      if (fatal) break;
      if (input.error !== undefined) {
        fail(input.path, input.error);
        continue;
      }
      // Bounded memory: never more than a few documents waiting beyond those in flight.
      await queue.onSizeLessThan(concurrency);
      queue.add(() => handle(input.path)).catch((err: unknown) => {
        // The store failed (disk full, read-only...): stop taking documents; those committed stay.
        fatal ??= err;
        queue.clear();
      });
    }
    await queue.onIdle();
    if (fatal) throw fatal;
  } finally {
    summary.seconds = (Date.now() - started) / 1000;
    store.finishRun(runId, { documents: summary.documents, unchanged: summary.unchanged, mentions: summary.mentions, errors: summary.failed });
    store.close();
    if (jsonl !== null) fs.closeSync(jsonl);
  }
  return summary;
}
