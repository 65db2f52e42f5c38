/**
 * Preparing documents on worker threads, so that ingest, text, extract and
 * normalise use every core while the calling thread reads files and writes
 * the store (SQLite has one writer).
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { IngestOptions } from "../ingest/index.js";
import type { IndicatorMapping } from "../normalise/index.js";
import { PACKAGE_ROOT } from "../paths.js";
import type { DocumentPreparer, Preparation, PreparationHints } from "./prepare.js";

/** What every worker is started with. */
export interface WorkerSetup {
  ingest: Omit<IngestOptions, "dropBlocks">;
  mappings: IndicatorMapping[];
}

export interface WorkerTask {
  id: number;
  source: string;
  /** A copy of the document's bytes, transferred to the worker and back. */
  bytes: Uint8Array;
  charset?: string;
  articleSelector?: string;
  dropBlocks?: string[];
}

/** A worker's first message says its setup (loading the rules) is done; then one reply per task. */
export type WorkerMessage = { ready: true } | WorkerReply;

export interface WorkerReply {
  id: number;
  preparation: Preparation;
}

/** Below this many documents, starting workers (each loads the rules) costs more than it saves. */
export const MIN_DOCUMENTS_PER_WORKER = 25;

/** Workers for `documents` documents when the user did not say: one per core, none for a handful of documents. */
export function defaultWorkerCount(documents: number): number {
  return Math.min(os.availableParallelism(), Math.floor(documents / MIN_DOCUMENTS_PER_WORKER));
}

/** A task in flight has this many tries: one worker crash is survived; a second means the document itself is the cause. */
const TRIES = 2;

/**
 * How far, in MiB, a worker's old generation may grow. Any explicit limit also keeps V8 from growing the heap
 * well past what it uses, as it does under the process's default (peak RSS of 2,000 bench HTML pages:
 * 448 → 321 MiB, the same with 128 or 1,024); this one is far above what a document of the 50 MB input limit needs.
 */
export const WORKER_HEAP_MB = 512;

export interface WorkerPoolOptions {
  /** The old-generation limit of each worker, in MiB (default WORKER_HEAP_MB). */
  heapMb?: number;
  /** Prepares a document that ran its worker out of memory twice; the calling thread, whose heap is the process's. */
  fallback?: DocumentPreparer;
}

/**
 * The worker's script. Under a TypeScript runner (the tests) this module is the .ts source, and a
 * worker thread cannot load .ts: it runs the compiled worker the build puts in dist/.
 */
function workerScript(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./prepare-worker.js", import.meta.url);
  const relative = path.relative(path.join(PACKAGE_ROOT, "src"), path.dirname(fileURLToPath(import.meta.url)));
  return pathToFileURL(path.join(PACKAGE_ROOT, "dist", relative, "prepare-worker.js"));
}

interface Task {
  /** The message but for the bytes, which each try sends a copy of (a retry after a crash sends them again). */
  message: Omit<WorkerTask, "bytes">;
  bytes: Buffer;
  hints: PreparationHints;
  tries: number;
  resolve: (preparation: Preparation) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** Set up: a worker that fails before would fail the same way again. */
  ready: boolean;
  inFlight: Map<number, Task>;
}

export class WorkerPreparer implements DocumentPreparer {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private broken: Error | null = null;
  private closing = false;

  constructor(
    count: number,
    private readonly setup: WorkerSetup,
    private readonly options: WorkerPoolOptions = {},
  ) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`workers: expected a whole number ≥ 1, got ${count}`);
    for (let i = 0; i < count; i++) this.slots.push(this.start());
  }

  prepare(source: string, bytes: Buffer, hints: PreparationHints = {}): Promise<Preparation> {
    if (this.broken) return Promise.reject(this.broken);
    const message: Omit<WorkerTask, "bytes"> = {
      id: this.nextId++,
      source,
      charset: hints.charset,
      articleSelector: hints.articleSelector,
      dropBlocks: hints.dropBlocks && [...hints.dropBlocks],
    };
    return new Promise((resolve, reject) => this.send({ message, bytes, hints, tries: 0, resolve, reject }));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    await this.options.fallback?.close();
  }

  private send(task: Task): void {
    const slot = this.slots.reduce((best, s) => (s.inFlight.size < best.inFlight.size ? s : best));
    task.tries++;
    const message: WorkerTask = { ...task.message, bytes: new Uint8Array(task.bytes) };
    slot.inFlight.set(task.message.id, task);
    slot.worker.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
  }

  private start(): Slot {
    const worker = new Worker(workerScript(), { workerData: this.setup, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB } });
    const slot: Slot = { worker, ready: false, inFlight: new Map() };
    worker.on("message", (message: WorkerMessage) => {
      if ("ready" in message) slot.ready = true;
      else this.receive(slot, message);
    });
    worker.on("error", (err) => this.crashed(slot, err));
    worker.on("exit", (code) => {
      if (!this.closing) this.crashed(slot, new Error(`exited with code ${code}`));
    });
    return slot;
  }

  private receive(slot: Slot, { id, preparation }: WorkerReply): void {
    const task = slot.inFlight.get(id);
    if (!task) return;
    slot.inFlight.delete(id);
    if (preparation.ok) {
      const raw = preparation.document.record.raw as Uint8Array;
      preparation.document.record.raw = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    }
    task.resolve(preparation);
  }

  /**
   * A worker died. Before its setup was done, no worker can work: every task fails with the reason.
   * After, its tasks go to a new worker once; a task in flight in two crashes fails on its own, unless
   * the worker ran out of memory: then the fallback prepares it.
   */
  private crashed(slot: Slot, err: Error & { code?: string }): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    const tasks = [...slot.inFlight.values()];
    slot.inFlight.clear();
    if (!slot.ready) {
      this.broken = new Error(`worker threads cannot start (${err.message})`);
      this.slots.splice(index, 1);
      for (const s of this.slots) {
        tasks.push(...s.inFlight.values());
        s.inFlight.clear();
      }
      for (const task of tasks) task.reject(this.broken);
      return;
    }
    this.slots[index] = this.start();
    const fallback = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? this.options.fallback : undefined;
    for (const task of tasks) {
      if (task.tries < TRIES) this.send(task);
      else if (fallback) fallback.prepare(task.message.source, task.bytes, task.hints).then(task.resolve, task.reject);
      else task.resolve({ ok: false, reason: `could not extract: its worker thread stopped (${err.message})` });
    }
  }
}
