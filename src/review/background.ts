/**
 * Normalisation's conflicts and consistency checks, computed off the server's
 * main thread. Both group every observation of the store, which takes seconds
 * on a large one; run on the main thread they would stall every request
 * (SQLite calls are synchronous). A worker thread with its own read-only
 * connection runs them whenever the store has changed, and the server serves
 * the latest result meanwhile, marked stale.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import {
  CONFLICT_GROUPS_SQL,
  FAILED_CHECKS_SQL,
  conflictGroupsFrom,
  failedChecksFrom,
  type ConflictGroup,
  type FailedCheck,
} from "../store/review-queries.js";

// The worker is a few lines of plain JavaScript given as source, so that it runs the same from
// src/ (under the test runner) and from dist/: it only opens the store and runs queries it is sent.
// Errors cross back as messages: an error object thrown across threads loses its message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.sqliteModule);
const reason = (err) => String((err && err.message) || err);
let db = null;
let openError = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
} catch (err) {
  openError = workerData.file + ": " + reason(err);
}
parentPort.on("message", ({ id, sql }) => {
  if (openError) return parentPort.postMessage({ id, error: openError });
  try {
    parentPort.postMessage({ id, rows: db.prepare(sql).all() });
  } catch (err) {
    parentPort.postMessage({ id, error: reason(err) });
  }
});
`;

const BUSY_TIMEOUT_MS = 30_000;

export interface NormalisationChecks {
  conflicts: ConflictGroup[];
  failedChecks: FailedCheck[];
  /** How long computing them took. */
  milliseconds: number;
}

export interface ChecksState {
  /** The latest result; null until the first one is ready. */
  checks: NormalisationChecks | null;
  /** True while the store has changed since the result was computed (a new one is on its way). */
  stale: boolean;
  /** The last computation's failure, if it failed. */
  error: string | null;
}

export class BackgroundChecks {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
  private latest: NormalisationChecks | null = null;
  private latestVersion: string | null = null;
  private running: string | null = null;
  private error: string | null = null;
  /** Why the worker stopped, once it has: every later query fails with it rather than wait. */
  private stopped: Error | null = null;

  /** `version` names the store's current state: a different value means it changed. */
  constructor(file: string, private readonly version: () => string) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, sqliteModule: createRequire(import.meta.url).resolve("better-sqlite3"), busyTimeoutMs: BUSY_TIMEOUT_MS },
    });
    this.worker.on("message", (m: { id: number; rows?: unknown[]; error?: string }) => {
      const call = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) call?.reject(new Error(m.error));
      else call?.resolve(m.rows ?? []);
    });
    const stop = (err: Error) => {
      this.stopped ??= new Error(err.message ?? String((err as { code?: string }).code ?? err));
      for (const call of this.pending.values()) call.reject(this.stopped);
      this.pending.clear();
    };
    this.worker.on("error", stop);
    this.worker.on("exit", (code) => stop(new Error(`the worker stopped (exit code ${code})`)));
    this.worker.unref();
  }

  /** The latest result, starting a new computation when the store changed since. */
  state(): ChecksState {
    const now = this.version();
    if (now !== this.latestVersion && this.running === null) void this.refresh(now);
    return { checks: this.latest, stale: now !== this.latestVersion, error: this.error };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private query(sql: string): Promise<unknown[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql });
    });
  }

  private async refresh(version: string): Promise<void> {
    this.running = version;
    const started = Date.now();
    try {
      const [conflicts, failed] = await Promise.all([this.query(CONFLICT_GROUPS_SQL), this.query(FAILED_CHECKS_SQL)]);
      this.latest = { conflicts: conflictGroupsFrom(conflicts), failedChecks: failedChecksFrom(failed), milliseconds: Date.now() - started };
      this.error = null;
    } catch (err) {
      this.error = `finding conflicts and failed checks failed: ${(err as Error).message}`;
    } finally {
      this.latestVersion = version;
      this.running = null;
    }
  }
}
