import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION, StoreError, exportRows, openStore, searchSentences } from "../../src/store/index.js";
import { FIXTURES, RULES, buildDocument, loadArticles, tempDir } from "./helpers.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A database made by schema version 1, from the frozen dump in the fixtures. */
function v1Store(extraSql = ""): string {
  const file = path.join(dir, `v1-${++n}.sqlite`);
  const db = new Database(file);
  db.exec(fs.readFileSync(path.join(FIXTURES, "v1.sql"), "utf8") + extraSql);
  db.close();
  return file;
}

/** Every table's rows and the schema, to tell that nothing changed. */
function contents(file: string): unknown {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const result = { schema: schemaOf(db), rows: tables.map((t) => db.prepare(`SELECT * FROM "${t}"`).all()) };
  db.close();
  return result;
}

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

describe("migrations", () => {
  it("migration 1 still makes exactly the schema of the version-1 fixture", () => {
    const fresh = new Database(":memory:");
    fresh.exec(MIGRATIONS[0].sql);
    const fixture = new Database(v1Store(), { readonly: true });
    expect(schemaOf(fresh)).toEqual(schemaOf(fixture));
    fresh.close();
    fixture.close();
  });

  it("upgrades a version-1 store in place, keeping its data", () => {
    const file = v1Store();
    const before = new Database(file, { readonly: true });
    const v1Documents = before.prepare("SELECT id, source, sha256, text, raw FROM documents ORDER BY id").all();
    const v1Mentions = before.prepare("SELECT * FROM mentions ORDER BY id").all();
    before.close();

    const store = openStore(file);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.prepare("SELECT id, source, sha256, text, raw FROM documents ORDER BY id").all()).toEqual(v1Documents);
    const upgraded = store.db.prepare("SELECT * FROM mentions ORDER BY id").all() as Array<Record<string, unknown>>;
    expect(upgraded.map((m) => Object.fromEntries(Object.keys(v1Mentions[0] as object).map((k) => [k, m[k]])))).toEqual(v1Mentions);
    expect(upgraded.every((m) => m.indicator_id === null && m.value_base === null)).toBe(true);
    expect(store.db.pragma("foreign_key_check")).toEqual([]);
    expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");

    // The search index covers the mentions that were there before it existed.
    const hits = searchSentences(store, ["ho ngheo trong tinh"]);
    expect(hits.map((h) => h.sentence)).toEqual(["Nhờ thực hiện đồng bộ, quyết liệt các giải pháp, hộ nghèo trong tỉnh năm 2024 còn 1,47%"]);
    // The views work on the old rows, and the store takes new ones.
    expect([...exportRows(store, { view: "mentions", where: ["kind=actual"] })].map((r) => [r.value, r.review_status])).toEqual([
      [26054, "unreviewed"], [10820, "unreviewed"], [70.43, "unreviewed"], [1.47, "unreviewed"], [460, "unreviewed"], [12.5, "unreviewed"],
    ]);
    const runId = store.beginRun("extract", [], RULES);
    const { doc, mentions } = buildDocument(loadArticles()[1]);
    store.saveDocument(runId, doc, mentions);
    expect(store.db.prepare("SELECT count(*) FROM mentions").pluck().get()).toBe(v1Mentions.length + mentions.length);
    store.close();
  });

  it("upgrades an old store opened for reading, so reading commands keep working", () => {
    const file = v1Store();
    const store = openStore(file, { readonly: true });
    expect(store.readonly).toBe(true);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    store.close();
  });

  it("leaves the store at its old version when an upgrade fails part way", () => {
    // A table in the way of migration 2, which first adds columns and then creates "indicators".
    const file = v1Store("CREATE TABLE indicators (x);");
    const before = contents(file);
    expect(() => openStore(file)).toThrow(
      new StoreError(file, "upgrading to schema version 2 failed (table indicators already exists); the store was left at version 1"),
    );
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect((db.pragma("table_info(mentions)") as Array<{ name: string }>).some((c) => c.name === "indicator_id")).toBe(false);
    db.close();
    expect(contents(file)).toEqual(before);
  });

  it("refuses a store made by a newer version and leaves it untouched", () => {
    const file = v1Store("PRAGMA user_version = 99;");
    const bytes = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(
      new StoreError(file, `made by a newer chitieu (schema version 99; this one knows up to ${SCHEMA_VERSION}); it was left untouched`),
    );
    expect(() => openStore(file, { readonly: true })).toThrow(/made by a newer chitieu/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe("other SQLite clients", () => {
  const cli = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  it.skipIf(cli.status !== 0)(`can query, search and change the store (system sqlite3 ${cli.stdout?.split(" ")[0]})`, () => {
    const file = path.join(dir, `cli-${++n}.sqlite`);
    const store = openStore(file);
    const runId = store.beginRun("extract", [], RULES);
    for (const article of loadArticles()) {
      const { doc, mentions } = buildDocument(article);
      store.saveDocument(runId, doc, mentions);
    }
    store.close();
    const sql = (query: string) => execFileSync("sqlite3", [file, query], { encoding: "utf8" }).trim();
    expect(sql("SELECT count(*) FROM observations")).toBe("14");
    expect(sql("SELECT value FROM mention_records r JOIN sentence_search s ON s.rowid = r.mention_id WHERE sentence_search MATCH '\"ho ngheo trong tinh\"'")).toBe("1.47");
    sql("DELETE FROM mentions WHERE value = 1.47");
    expect(sql("SELECT count(*) FROM sentence_search WHERE sentence_search MATCH '\"ho ngheo trong tinh\"'")).toBe("0");
  });
});
