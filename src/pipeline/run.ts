/**
 * The extract job over files, and re-extraction of a store: documents
 * prepared on worker threads (or this one), bounded in memory, committed in
 * batches by this thread, one line per bad input.
 */
import fs from "node:fs";
import path from "node:path";
import PQueue from "p-queue";
import { IngestError, inspectInput, listInputs, readInputBytes, DEFAULT_MAX_BYTES, type FileStamp, type IngestOptions, type InputEntry } from "../ingest/index.js";
import { prepareText } from "../text/index.js";
import { extractMentions, loadExtractionRules, rulesVersion, type Mention } from "../extract/index.js";
import { openStore } from "../store/index.js";
import { applyIndicatorMappings, type NormalisedDocument } from "../normalise/index.js";
import { ExtractionSession, normaliserFor, type DocumentEvent, type SessionCounts } from "./session.js";
import { InThreadPreparer, LazyPreparer } from "./prepare.js";
import { WorkerPreparer, defaultWorkerCount } from "./workers.js";

export type { DocumentEvent } from "./session.js";

export interface RunOptions {
  /** Files, folders, or "-" for a list of paths on standard input. */
  paths: string[];
  /** SQLite store; created when missing. */
  db: string;
  /** Also write every mention of these inputs as JSON Lines. */
  jsonl?: string;
  include?: string[];
  exclude?: string[];
  /** Documents being prepared at once (default: 4, or 2 per worker thread). */
  concurrency?: number;
  /** Documents committed in one transaction (default EXTRACT_BATCH_SIZE). */
  batchSize?: number;
  /** Worker threads preparing documents; 0 prepares them on this thread (default: one per core, none for a few documents). */
  workers?: number;
  /** Largest input file, in bytes. */
  maxBytes?: number;
  stdin?: NodeJS.ReadableStream;
  /** The command line, recorded with the run. */
  argv?: string[];
  /** Told about every document as it is done. */
  onDocument?: (event: DocumentEvent) => void;
  /** Told how many inputs there are, before the first is processed. */
  onTotal?: (total: number) => void;
}

export interface RunSummary extends SessionCounts {
  runId: number;
  /** Worker threads used. */
  workers: number;
  rulesVersion: string;
  seconds: number;
}

function openJsonl(file: string | undefined): { write: (mentions: Mention[]) => void; close: () => void } {
  if (!file) return { write: () => undefined, close: () => undefined };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, "w");
  return {
    write: (mentions) => {
      if (mentions.length) fs.writeSync(fd, mentions.map((m) => JSON.stringify(m)).join("\n") + "\n");
    },
    close: () => fs.closeSync(fd),
  };
}

function countsOf(c: SessionCounts) {
  return { documents: c.documents, unchanged: c.unchanged, mentions: c.mentions, errors: c.failed };
}

/** Best effort after a failure: record and close what can be, never hiding the failure itself. */
function closeRun(finish: () => void, store: { close(): void }, ...more: Array<() => void>): void {
  for (const step of [finish, () => store.close(), ...more]) {
    try {
      step();
    } catch {
      // The failure being reported already says what went wrong.
    }
  }
}

/**
 * Documents committed in one transaction by `extract`: a commit and a search-index merge per
 * batch instead of per document. A crash loses at most one batch, which the next run redoes.
 */
export const EXTRACT_BATCH_SIZE = 64;

export async function runExtraction(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const version = rulesVersion();
  const store = openStore(options.db);
  const runId = store.beginRun("extract", options.argv ?? options.paths, version);
  // Into a new store, the secondary indexes of mentions are built once at the end, not row by row.
  store.deferIndexes();
  const jsonl = openJsonl(options.jsonl);
  const ingest: IngestOptions = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  let workers = 0;
  let workersStarted = 0;
  const preparer = new LazyPreparer(() => {
    // A rule error stops the run here, before any document could be blamed for it.
    loadExtractionRules();
    const normaliser = normaliserFor(store);
    if (workers === 0) return new InThreadPreparer({ ingest, normaliser });
    workersStarted = workers;
    return new WorkerPreparer(workers, { ingest, mappings: store.indicatorMappings() }, { fallback: new InThreadPreparer({ ingest, normaliser }) });
  });
  let session: ExtractionSession | null = null;
  let fatal: unknown = null;
  try {
    // Paths are small: listing them first gives a progress bar its total (and ETA), and the number of workers worth starting.
    const inputs: InputEntry[] = [];
    for await (const input of listInputs(options.paths, { include: options.include, exclude: options.exclude, stdin: options.stdin })) inputs.push(input);
    workers = options.workers ?? defaultWorkerCount(inputs.length);
    const active = new ExtractionSession(store, runId, {
      ingest,
      preparer,
      batchSize: options.batchSize ?? EXTRACT_BATCH_SIZE,
      onMentions: options.jsonl ? jsonl.write : undefined,
      onDocument: options.onDocument,
    });
    session = active;
    const concurrency = options.concurrency ?? (workers > 0 ? 2 * workers : 4);
    const queue = new PQueue({ concurrency });
    const stop = (err: unknown): void => {
      // The store failed (disk full, read-only...): stop taking documents; those committed stay.
      fatal ??= err;
      queue.clear();
    };
    const handle = async (source: string): Promise<void> => {
      const unreadable = (err: unknown) => active.fail(source, err instanceof IngestError ? err.reason : (err as Error).message);
      let fileStamp: FileStamp;
      try {
        fileStamp = await inspectInput(source, ingest);
      } catch (err) {
        return unreadable(err);
      }
      if (active.skipUnchangedFile(source, fileStamp)) return;
      let bytes: Buffer;
      try {
        bytes = await readInputBytes(source);
      } catch (err) {
        return unreadable(err);
      }
      const { committed } = await active.submit(source, bytes, { fileStamp });
      committed.catch(stop);
    };
    options.onTotal?.(inputs.length);
    for (const input of inputs) {
      if (fatal) break;
      if (input.error !== undefined) {
        active.fail(input.path, input.error);
        continue;
      }
      // Bounded memory: never more than a few documents waiting beyond those in flight (and one batch).
      await queue.onSizeLessThan(concurrency);
      queue.add(() => handle(input.path)).catch(stop);
    }
    await queue.onIdle();
    if (!fatal) active.flush();
    if (fatal) throw fatal;
    await active.close();
    // Reviewers' mappings also reach the mentions of documents this run left as they were.
    applyIndicatorMappings(store);
  } catch (err) {
    // The run's own record may fail the same way (a full disk): the first error is the one to tell.
    await preparer.close().catch(() => undefined);
    closeRun(() => store.finishRun(runId, countsOf(session?.counts ?? emptyCounts())), store, jsonl.close);
    throw err;
  }
  const counts = session.counts;
  store.buildIndexes();
  store.finishRun(runId, countsOf(counts));
  store.close();
  jsonl.close();
  return { ...counts, runId, workers: workersStarted, rulesVersion: version, seconds: (Date.now() - started) / 1000 };
}

function emptyCounts(): SessionCounts {
  return { documents: 0, unchanged: 0, failed: 0, mentions: 0, kept: 0, byKind: {} };
}

export interface ReextractOptions {
  db: string;
  argv?: string[];
  onDocument?: (event: DocumentEvent) => void;
}

/**
 * Runs the current rules over the text kept in the store, without the source
 * files; every mention records the rules version. Documents already extracted
 * with this version are skipped, so an interrupted re-extraction resumes.
 */
export async function runReextraction(options: ReextractOptions): Promise<RunSummary> {
  const started = Date.now();
  const rules = loadExtractionRules();
  const store = openStore(options.db);
  const runId = store.beginRun("reextract", options.argv ?? [], rules.version);
  const counts = emptyCounts();
  try {
    const normaliser = normaliserFor(store);
    for (const doc of store.documents({ notExtractedWith: rules.version })) {
      let mentions: Mention[];
      let normalised: NormalisedDocument;
      try {
        const documentDate = doc.meta.publishedAt ?? null;
        mentions = extractMentions(prepareText(doc.text), { doc: doc.source, documentDate });
        normalised = normaliser.normalise(
          { text: doc.text, title: doc.meta.title, siteName: doc.meta.siteName, canonicalUrl: doc.meta.canonicalUrl, source: doc.source, documentDate },
          mentions,
        );
      } catch (err) {
        counts.failed++;
        const reason = `could not extract: ${(err as Error).message}`;
        store.recordIngestError(runId, doc.source, reason);
        options.onDocument?.({ status: "failed", source: doc.source, reason });
        continue;
      }
      store.replaceMentions(runId, doc.source, normalised.mentions, normalised.place);
      counts.documents++;
      counts.mentions += mentions.length;
      for (const m of mentions) counts.byKind[m.kind] = (counts.byKind[m.kind] ?? 0) + 1;
      options.onDocument?.({ status: "stored", source: doc.source, mentions: mentions.length });
    }
    applyIndicatorMappings(store, normaliser.rules);
  } catch (err) {
    closeRun(() => store.finishRun(runId, countsOf(counts)), store);
    throw err;
  }
  store.finishRun(runId, countsOf(counts));
  store.close();
  return { ...counts, runId, workers: 0, rulesVersion: rules.version, seconds: (Date.now() - started) / 1000 };
}
