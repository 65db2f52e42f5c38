/**
 * `chitieu extract` end to end, as separate processes on one store: killed with SIGKILL at
 * several points of a run and started again, and two runs at once, each compared with one
 * uninterrupted run. Runs the built CLI (dist/), building it first when a source is newer.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BULK_LOAD_INDEXES } from "../../src/store/schema.js";
import { dumpStore, tempDir } from "./helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(ROOT, "dist/cli/main.js");
const dir = tempDir("chitieu-e2e-");
const corpus = path.join(dir, "corpus");
const DOCUMENTS = 10;

/** True when some source has no compiled output at least as new as itself. */
function buildIsStale(): boolean {
  const sources = (fs.readdirSync(path.join(ROOT, "src"), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  return sources.some((f) => {
    const output = path.join(ROOT, "dist", f.replace(/\.ts$/, ".js"));
    return !fs.existsSync(output) || fs.statSync(output).mtimeMs < fs.statSync(path.join(ROOT, "src", f)).mtimeMs;
  });
}

beforeAll(() => {
  if (buildIsStale()) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
  // Ten documents: the plain-text corpus twice, under other names.
  fs.mkdirSync(corpus);
  for (let copy = 1; copy <= 2; copy++) {
    for (const name of fs.readdirSync(path.join(ROOT, "corpus/text"))) {
      fs.copyFileSync(path.join(ROOT, "corpus/text", name), path.join(corpus, `${copy}_${name}`));
    }
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function extract(db: string, options: string[] = []) {
  const child = spawn(process.execPath, [CLI, "extract", corpus, "--db", db, "--quiet", ...options], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exit };
}

/** How far a run has got: its run row and the documents it has committed (0 when nothing is readable yet). */
function progress(db: string): { runs: number; documents: number } {
  if (!fs.existsSync(db)) return { runs: 0, documents: 0 };
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare("SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM documents) AS documents").get() as { runs: number; documents: number };
    } finally {
      conn.close();
    }
  } catch {
    // The schema is still being created.
    return { runs: 0, documents: 0 };
  }
}

/** The bulk-load indexes a store lacks (a run into a new store builds them only at its end). */
function missingIndexes(db: string): string[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const present = new Set(conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[]);
    return Object.keys(BULK_LOAD_INDEXES).filter((name) => !present.has(name));
  } finally {
    conn.close();
  }
}

let reference: ReturnType<typeof dumpStore>;

describe("chitieu extract", () => {
  beforeAll(async () => {
    const db = path.join(dir, "uninterrupted.sqlite");
    const { code, output } = await extract(db).exit;
    expect(code, output).toBe(0);
    reference = dumpStore(db);
    expect(missingIndexes(db)).toEqual([]);
    expect(reference.documents).toHaveLength(DOCUMENTS);
    expect(reference.mentions.length).toBeGreaterThan(50);
  });

  // One document per transaction makes every document a point to be killed at; then batches of several.
  const killPoints: Array<[string, string[], (p: { runs: number; documents: number }) => boolean]> = [
    ["as soon as its run has begun", ["--batch-size", "1"], (p) => p.runs > 0],
    ["after its first document", ["--batch-size", "1"], (p) => p.documents >= 1],
    ["half way", ["--batch-size", "1"], (p) => p.documents >= DOCUMENTS / 2],
    ["after its first batch of 4 documents", ["--batch-size", "4"], (p) => p.documents >= 4],
  ];

  it.each(killPoints)("killed with SIGKILL %s, then run again, makes the store of an uninterrupted run", async (label, options, reached) => {
    const db = path.join(dir, `killed-${label.replace(/\W+/g, "-")}.sqlite`);
    const run = extract(db, options);
    while (!reached(progress(db))) {
      if (run.child.exitCode !== null) throw new Error(`the run ended before it could be killed ${label}`);
      await sleep(5);
    }
    run.child.kill("SIGKILL");
    expect((await run.exit).signal).toBe("SIGKILL");
    const killed = new Database(db, { readonly: true });
    expect(killed.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(killed.prepare("SELECT count(*) FROM runs WHERE finished_at IS NULL").pluck().get()).toBe(1);
    const stored = killed.prepare("SELECT count(*) FROM documents").pluck().get() as number;
    killed.close();
    expect(stored).toBeLessThan(DOCUMENTS);

    const again = await extract(db).exit;
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`${DOCUMENTS - stored} documents extracted, ${stored} unchanged, 0 failed`);
    expect(dumpStore(db)).toEqual(reference);
    expect(missingIndexes(db)).toEqual([]);
  });

  it("on worker threads, makes the store of a run on the main thread", async () => {
    const db = path.join(dir, "workers.sqlite");
    const { code, output } = await extract(db, ["--workers", "2"]).exit;
    expect(code, output).toBe(0);
    expect(output).toContain("2 worker threads");
    expect(dumpStore(db)).toEqual(reference);
  });

  it("run twice at once on one store, both finish with nothing lost or doubled", async () => {
    const db = path.join(dir, "concurrent.sqlite");
    const [first, second] = await Promise.all([extract(db).exit, extract(db).exit]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(dumpStore(db)).toEqual(reference);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").pluck().get()).toBe(2);
    conn.close();
  });
});
