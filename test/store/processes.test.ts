/** The store under several processes: concurrent writers, SIGKILL at any moment, other users' permissions. */
import { type SpawnOptions, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { SYNTHETIC_RULES, syntheticDocument } from "../fixtures/store/synthetic.js";
import { compileChild } from "./children.js";
import { dumpStore, tempDir } from "./helpers.js";

const dir = tempDir();
fs.chmodSync(dir, 0o755);
let writer: ReturnType<typeof compileChild>;
beforeAll(() => {
  writer = compileChild("test/fixtures/store/writer.ts");
});
afterAll(() => {
  writer.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Event = { started?: number; saved?: number; skipped?: number; done?: boolean; error?: string };

interface Child {
  /** Resolves once the child printed an event matching `test`. */
  waitFor(test: (event: Event) => boolean): Promise<void>;
  kill(): void;
  exit: Promise<Exit>;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  events: Event[];
  stderr: string;
}

function start(args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(process.execPath, [writer.script, ...args], { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const events: Event[] = [];
  const waiters: Array<{ test: (e: Event) => boolean; resolve: () => void }> = [];
  let buffer = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const event = JSON.parse(buffer.slice(0, nl)) as Event;
      buffer = buffer.slice(nl + 1);
      events.push(event);
      for (const w of waiters.filter((w) => w.test(event))) w.resolve();
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exit = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, events, stderr })));
  return {
    waitFor: (test) =>
      new Promise<void>((resolve, reject) => {
        if (events.some(test)) return resolve();
        waiters.push({ test, resolve });
        exit.then(({ stderr }) => reject(new Error(`writer exited before the awaited event: ${JSON.stringify(events.slice(-3))} ${stderr}`)));
      }),
    kill: () => child.kill("SIGKILL"),
    exit,
  };
}

const run = (args: string[], options: SpawnOptions = {}) => start(args, options).exit;

const DOCS = 12;
const MENTIONS = 100;

describe("two writers at once", () => {
  it("both finish, with nothing lost or doubled", async () => {
    const file = path.join(dir, "concurrent.sqlite");
    // Both create the store at once, then save overlapping ranges: 0-8 and 3-11.
    const [a, b] = await Promise.all([run([file, "save", "0", "9", String(MENTIONS)]), run([file, "save", "3", "9", String(MENTIONS)])]);
    for (const result of [a, b]) {
      expect(result.code, `${JSON.stringify(result.events.slice(-2))} ${result.stderr}`).toBe(0);
      expect(result.events.at(-1)).toEqual({ done: true });
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(DOCS);
    expect(db.prepare("SELECT count(*) AS n, count(DISTINCT document_id) AS docs FROM mentions").get()).toEqual({ n: DOCS * MENTIONS, docs: DOCS });
    expect(db.prepare("SELECT count(*) FROM (SELECT 1 FROM mentions GROUP BY document_id, span_start HAVING count(*) > 1)").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").pluck().get()).toBe(2);
    db.close();
  });
});

describe("a store another process is creating", () => {
  it("is opened once that process lets go of its lock: switching to WAL waits as SQLite's busy timeout would", async () => {
    const file = path.join(dir, "being-created.sqlite");
    // The other process holds the write lock of the new store for 300 ms, as a run creating its tables does.
    const holder = spawn(
      process.execPath,
      ["-e", `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.exec("BEGIN IMMEDIATE"); console.log("locked"); setTimeout(() => { db.exec("COMMIT"); db.close(); }, 300);`],
      { cwd: path.resolve(import.meta.dirname, "../.."), stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
    const store = openStore(file);
    store.close();
    await new Promise((resolve) => holder.once("exit", resolve));
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });
});

describe("a writer killed with SIGKILL", () => {
  let reference: ReturnType<typeof dumpStore>;
  beforeAll(() => {
    const file = path.join(dir, "uninterrupted.sqlite");
    const store = openStore(file);
    const runId = store.beginRun("extract", [], SYNTHETIC_RULES);
    for (let i = 0; i < DOCS; i++) {
      const { doc, mentions } = syntheticDocument(i, MENTIONS);
      store.saveDocument(runId, doc, mentions);
    }
    store.close();
    reference = dumpStore(file);
    expect(reference.documents).toHaveLength(DOCS);
  });

  const killPoints: Array<[string, (e: Event) => boolean]> = [
    ["before its first document was saved", (e) => e.started !== undefined],
    ["after a third of the documents", (e) => (e.saved ?? -1) >= DOCS / 3],
    ["near the end", (e) => (e.saved ?? -1) >= DOCS - 3],
  ];

  it.each(killPoints)("then started again ends with the store of an uninterrupted run (killed %s)", async (_, when) => {
    const file = path.join(dir, `killed-${killPoints.findIndex(([, w]) => w === when)}.sqlite`);
    const child = start([file, "save", "0", String(DOCS), String(MENTIONS)]);
    await child.waitFor(when);
    child.kill();
    const killed = await child.exit;
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.events.some((e) => e.done)).toBe(false);

    const afterKill = new Database(file, { readonly: true });
    expect(afterKill.pragma("integrity_check", { simple: true })).toBe("ok");
    const savedBeforeKill = afterKill.prepare("SELECT count(*) FROM documents").pluck().get() as number;
    // A document is there with all its mentions or not at all.
    expect(afterKill.prepare("SELECT count(*) FROM mentions").pluck().get()).toBe(savedBeforeKill * MENTIONS);
    afterKill.close();

    const restarted = await run([file, "save", "0", String(DOCS), String(MENTIONS)]);
    expect(restarted.code).toBe(0);
    expect(restarted.events.filter((e) => e.skipped !== undefined)).toHaveLength(savedBeforeKill);
    expect(dumpStore(file)).toEqual(reference);
  });
});

describe("permissions of another user", () => {
  // As root, the child runs as nobody (root may write anywhere); otherwise the directory is made read-only.
  const root = process.getuid?.() === 0;
  const asOther: SpawnOptions = root ? { uid: 65534, gid: 65534 } : {};
  const lockedDir = path.join(dir, "locked");

  beforeAll(async () => {
    fs.mkdirSync(lockedDir, { mode: 0o755 });
    expect((await run([path.join(lockedDir, "existing.sqlite"), "save", "0", "2", "3"])).code).toBe(0);
    fs.chmodSync(path.join(lockedDir, "existing.sqlite"), 0o644);
    if (!root) fs.chmodSync(lockedDir, 0o555);
  });
  afterAll(() => fs.chmodSync(lockedDir, 0o755));

  const errorOf = async (args: string[]) => {
    const result = await run(args, asOther);
    expect(result.code).toBe(1);
    return result.events.at(-1)?.error;
  };

  it("cannot create a store in a read-only directory: a clear error, nothing created", async () => {
    const file = path.join(lockedDir, "new.sqlite");
    expect(await errorOf([file, "open"])).toBe(`${file}: cannot create the store: directory ${lockedDir} is not writable`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("cannot write or read a store in a read-only directory: a clear error, the store untouched", async () => {
    const file = path.join(lockedDir, "existing.sqlite");
    const bytes = fs.readFileSync(file);
    expect(await errorOf([file, "save", "5", "1", "3"])).toBe(
      `${file}: cannot write the store: directory ${lockedDir} is not writable (SQLite keeps existing.sqlite-wal and -shm beside it)`,
    );
    expect(await errorOf([file, "open", "readonly"])).toBe(
      `${file}: directory ${lockedDir} is not writable, and SQLite must create existing.sqlite-wal and existing.sqlite-shm there even to read the store (copy it to a writable directory)`,
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(lockedDir).sort()).toEqual(["existing.sqlite"]);
  });

  it("reads but does not write a read-only store file in a writable directory", async () => {
    const openDir = path.join(dir, "open");
    fs.mkdirSync(openDir, { mode: 0o777 });
    fs.chmodSync(openDir, 0o777);
    const file = path.join(openDir, "indicators.sqlite");
    fs.copyFileSync(path.join(lockedDir, "existing.sqlite"), file);
    fs.chmodSync(file, 0o444);
    const bytes = fs.readFileSync(file);
    expect(await errorOf([file, "save", "5", "1", "3"])).toBe(`${file}: cannot write the store: the file is read-only`);
    expect((await run([file, "open", "readonly"], asOther)).events).toEqual([{ done: true }]);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
