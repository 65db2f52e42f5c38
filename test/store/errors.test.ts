import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError, exportRows, openStore } from "../../src/store/index.js";
import type { IndicatorStore } from "../../src/store/types.js";
import { RULES, buildDocument, dumpStore, loadArticles, tempDir } from "./helpers.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => path.join(dir, `s${++n}.sqlite`);
const articles = loadArticles();

/** A closed store holding the fixture articles. */
function filledStore(file = freshPath()): string {
  const store = openStore(file);
  const runId = store.beginRun("extract", ["corpus"], RULES);
  for (const article of articles) {
    const { doc, mentions } = buildDocument(article);
    store.saveDocument(runId, doc, mentions);
  }
  store.finishRun(runId, { documents: articles.length, unchanged: 0, mentions: 14, errors: 0 });
  store.close();
  return file;
}

/** A document of `size` incompressible bytes, each one new. */
function bigDocument(i: number, size: number) {
  const { doc, mentions } = buildDocument(articles[2]);
  const raw = crypto.randomBytes(size);
  return {
    doc: { ...doc, source: `big/${i}.html`, raw, sha256: crypto.createHash("sha256").update(raw).digest("hex"), byteSize: size },
    mentions: mentions.map((m) => ({ ...m, doc: `big/${i}.html` })),
  };
}

function expectOneLine(fn: () => unknown, file: string, reason: RegExp): StoreError {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(StoreError);
  const message = (error as StoreError).message;
  expect(message.startsWith(`${file}: `)).toBe(true);
  expect(message).not.toContain("\n");
  expect((error as StoreError).reason).toMatch(reason);
  return error as StoreError;
}

const untouched = (file: string, bytes: Buffer) => {
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-journal`)).toBe(false);
};

describe("foreign files", () => {
  it("refuses a file that is not a SQLite database and leaves it untouched", () => {
    const file = path.join(dir, "indicators.csv");
    fs.writeFileSync(file, "doc,value\r\na.txt,15000\r\n");
    const bytes = fs.readFileSync(file);
    expectOneLine(() => openStore(file), file, /^not a SQLite database \(a foreign or corrupt file\); it was left untouched$/);
    expectOneLine(() => openStore(file, { readonly: true }), file, /^not a SQLite database/);
    untouched(file, bytes);
  });

  it("refuses another program's SQLite database and leaves it untouched", () => {
    const file = freshPath();
    const other = new Database(file);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id, customer); INSERT INTO customers VALUES (1, 'An');");
    other.close();
    const bytes = fs.readFileSync(file);
    expectOneLine(() => openStore(file), file, /^not a chitieu store \(it holds other tables: customers, orders\); it was left untouched$/);
    expectOneLine(() => openStore(file, { readonly: true }), file, /^not a chitieu store/);
    untouched(file, bytes);
  });

  it("refuses a SQLite file stamped by another application", () => {
    const file = freshPath();
    const other = new Database(file);
    other.pragma("application_id = 42");
    other.exec("CREATE TABLE t (x)");
    other.close();
    const bytes = fs.readFileSync(file);
    expectOneLine(() => openStore(file), file, /^not a chitieu store \(SQLite application id 42\)/);
    untouched(file, bytes);
  });

  it("takes an empty file for a new store", () => {
    const file = freshPath();
    fs.writeFileSync(file, "");
    openStore(file).close();
    expect(dumpStore(file).documents).toEqual([]);
  });
});

describe("corrupt stores", () => {
  it("reports a damaged schema page without writing to the file", () => {
    const file = filledStore();
    const bytes = fs.readFileSync(file);
    // Page 1 after the 100-byte header holds the schema's b-tree.
    crypto.randomBytes(900).copy(bytes, 100);
    fs.writeFileSync(file, bytes);
    expectOneLine(() => openStore(file), file, /^the database is corrupt \(.+\); nothing was written, restore it from a backup$/);
    expectOneLine(() => openStore(file, { readonly: true }), file, /^the database is corrupt/);
    untouched(file, bytes);
  });

  it("reports damaged data pages when they are read", () => {
    const file = filledStore();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let page = 2; page * pageSize < bytes.length; page++) crypto.randomBytes(pageSize).copy(bytes, page * pageSize);
    fs.writeFileSync(file, bytes);
    expectOneLine(
      () => {
        const store = openStore(file, { readonly: true });
        try {
          return [...exportRows(store, { view: "mentions" })];
        } finally {
          store.close();
        }
      },
      file,
      /^the database is corrupt/,
    );
    untouched(file, bytes);
  });
});

describe("a full disk", () => {
  it("rolls back the document being saved and keeps the store whole (database page limit)", () => {
    const file = filledStore();
    const before = dumpStore(file);
    const store = openStore(file);
    const runId = store.beginRun("extract", ["more"], RULES);
    const pages = store.db.pragma("page_count", { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 4}`);
    const { doc, mentions } = bigDocument(1, 64 * 1024);
    expectOneLine(() => store.saveDocument(runId, doc, mentions), file, /^disk or database full: the change was rolled back/);
    // The connection is still usable once there is room again.
    store.db.pragma(`max_page_count = ${pages + 1000}`);
    store.saveDocument(runId, doc, mentions);
    store.close();
    const after = dumpStore(file);
    const isBig = (row: unknown) => (row as { source: string }).source === doc.source;
    expect(after.documents.filter(isBig)).toHaveLength(1);
    expect(after.documents.filter((d) => !isBig(d))).toEqual(before.documents);
    expect(after.mentions.filter((m) => !isBig(m))).toEqual(before.mentions);
  });

  const mountPoint = path.join(dir, "tiny-disk");
  const canMount = (() => {
    if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
    try {
      fs.mkdirSync(mountPoint);
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=640k", "tmpfs", mountPoint], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  afterAll(() => {
    if (canMount) execFileSync("umount", [mountPoint]);
  });

  it.skipIf(!canMount)("stops with a clear error on a really full file system, every saved document whole", () => {
    const file = path.join(mountPoint, "indicators.sqlite");
    const store: IndicatorStore = openStore(file);
    const runId = store.beginRun("extract", ["big"], RULES);
    let saved = 0;
    expectOneLine(
      () => {
        for (;;) {
          const { doc, mentions } = bigDocument(saved, 48 * 1024);
          store.saveDocument(runId, doc, mentions);
          saved++;
        }
      },
      file,
      /^disk or database full: the change was rolled back/,
    );
    expect(saved).toBeGreaterThan(2);
    store.close();
    // Reopened (from a copy: the full disk has no room for the WAL index), the store holds exactly the saved documents.
    const copy = path.join(dir, "from-full-disk.sqlite");
    for (const suffix of ["", "-wal"]) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
    const check = new Database(copy);
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(saved);
    expect(check.prepare("SELECT count(DISTINCT document_id) FROM mentions").pluck().get()).toBe(saved);
    check.close();
  });
});
