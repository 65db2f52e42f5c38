import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError, openStore } from "../../src/store/index.js";
import { BULK_LOAD_INDEXES } from "../../src/store/schema.js";
import { RULES, buildDocument, dumpStore, loadArticles, tempDir } from "./helpers.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => path.join(dir, `store-${++n}`, "indicators.sqlite");
const [hauGiang, traVinh, budget] = loadArticles();

describe("openStore", () => {
  it("creates the store (and its directory) in WAL mode with foreign keys on", () => {
    const file = freshPath();
    const store = openStore(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.db.pragma("user_version", { simple: true })).toBe(store.schemaVersion);
    expect(store.db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
    store.close();
  });

  it("reopens an existing store without changing it", () => {
    const file = freshPath();
    const store = openStore(file);
    const runId = store.beginRun("extract", ["corpus"], RULES);
    const { doc, mentions } = buildDocument(hauGiang);
    store.saveDocument(runId, doc, mentions);
    store.close();
    const before = dumpStore(file);
    openStore(file).close();
    expect(dumpStore(file)).toEqual(before);
  });

  it("refuses to open a missing store for reading", () => {
    const file = freshPath();
    expect(() => openStore(file, { readonly: true })).toThrow(new StoreError(file, "cannot read the store: no such file"));
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("saving documents", () => {
  it("keeps every field of the document and of its mentions", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    const { doc, mentions } = buildDocument(budget);
    doc.blocks = [
      { type: "title", start: 0, end: 47, page: 1 },
      { type: "paragraph", start: 49, end: 140, page: 1, position: { x: 56, y: 120.5 } },
      { type: "list-item", start: 142, end: doc.text.length, page: 2, headers: ["Công trình"], sourceRange: [300, 420] },
    ];
    store.saveDocument(runId, doc, mentions);

    const [stored] = [...store.documents()];
    const { id, rulesVersion, ingestedAt, ...record } = stored;
    expect(record).toEqual(doc);
    expect(rulesVersion).toBe(RULES);
    expect(Number.isNaN(Date.parse(ingestedAt))).toBe(false);
    expect(store.mentionsOf(doc.source)).toEqual(mentions);

    const rows = store.db.prepare("SELECT evidence, value_text, page FROM mentions ORDER BY id").all();
    expect(rows).toEqual([
      { evidence: "thu ngân sách nhà nước trên địa bàn huyện ước đạt 460 tỷ đồng", value_text: "460 tỷ đồng", page: 1 },
      { evidence: "bằng 112% dự toán", value_text: "112%", page: 1 },
      { evidence: "Xây dựng 12,5 km đường giao thông nông thôn", value_text: "12,5 km", page: 2 },
    ]);
    store.close();
  });

  it("replaces a changed document's mentions and nothing else", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    for (const article of [hauGiang, traVinh]) {
      const { doc, mentions } = buildDocument(article);
      store.saveDocument(runId, doc, mentions);
    }
    const otherBefore = store.db.prepare("SELECT * FROM mentions WHERE document_id = (SELECT id FROM documents WHERE source = ?)").all(traVinh.source);
    const idBefore = store.db.prepare("SELECT id FROM documents WHERE source = ?").pluck().get(hauGiang.source);

    const edited = { ...hauGiang, text: hauGiang.text.replace("15.000 lao động", "16.000 lao động"), mentions: hauGiang.mentions.slice(0, 2) };
    edited.mentions[0] = { ...edited.mentions[0], sentence: edited.mentions[0].sentence.replace("15.000", "16.000"), evidence: edited.mentions[0].evidence.replace("15.000", "16.000"), value_text: "16.000 lao động", value: 16000 };
    const { doc, mentions } = buildDocument(edited);
    expect(store.isUnchanged(doc.source, doc.sha256, runId)).toBe(false);
    store.saveDocument(runId, doc, mentions);

    expect(store.mentionsOf(hauGiang.source)).toEqual(mentions);
    expect(store.db.prepare("SELECT id FROM documents WHERE source = ?").pluck().get(hauGiang.source)).toBe(idBefore);
    expect(store.db.prepare("SELECT * FROM mentions WHERE document_id = (SELECT id FROM documents WHERE source = ?)").all(traVinh.source)).toEqual(otherBefore);
    expect(store.db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(2);
    store.close();
  });

  it("tells unchanged documents by source, content hash and the rules that extracted them", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    const { doc, mentions } = buildDocument(traVinh);
    expect(store.isUnchanged(doc.source, doc.sha256, runId)).toBe(false);
    store.saveDocument(runId, doc, mentions);
    expect(store.isUnchanged(doc.source, doc.sha256, runId)).toBe(true);
    expect(store.isUnchanged(doc.source, "0".repeat(64), runId)).toBe(false);
    expect(store.isUnchanged("elsewhere/" + doc.name, doc.sha256, runId)).toBe(false);
    const newerRules = store.beginRun("extract", ["corpus"], `${RULES}-newer`);
    expect(store.isUnchanged(doc.source, doc.sha256, newerRules)).toBe(false);
    store.close();
  });

  it("refuses mentions that do not point into their document, storing nothing of it", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    const { doc, mentions } = buildDocument(traVinh);
    const bad = [
      [{ ...mentions[0], doc: "other.txt" }, "belongs to other.txt"],
      [{ ...mentions[0], sentence_span: [0, 10] as [number, number] }, "sentence differs from the text at sentence_span"],
      [{ ...mentions[0], value_span: [5, doc.text.length + 1] as [number, number] }, "value_span"],
      [{ ...mentions[0], span: [9, 3] as [number, number] }, "span [9,3] is outside the text"],
      [{ ...mentions[0], rules_version: "rules-old" }, "rules version rules-old differs from the run's rules-test-1"],
    ] as const;
    for (const [mention, message] of bad) {
      expect(() => store.saveDocument(runId, doc, [...mentions.slice(1), mention])).toThrow(message);
    }
    expect(store.db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(0);
    store.close();
  });

  it("leaves the previous version whole when saving a document fails half way", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    const first = buildDocument(hauGiang);
    store.saveDocument(runId, first.doc, first.mentions);
    const before = dumpStore(store.path);

    const changed = buildDocument({ ...hauGiang, text: hauGiang.text + "\nThêm một dòng.\n" });
    // The last mention breaks a CHECK constraint after the others were inserted.
    const broken = [...changed.mentions, { ...changed.mentions[0], kind: "forecast" as never }];
    expect(() => store.saveDocument(runId, changed.doc, broken)).toThrow(/CHECK constraint failed/);
    expect(dumpStore(store.path)).toEqual(before);
    store.close();
  });
});

describe("runs and ingest errors", () => {
  it("records each run's command, rules version, counts and errors", () => {
    const store = openStore(freshPath());
    const runId = store.beginRun("extract", ["corpus", "--db", "x.sqlite"], RULES);
    store.recordIngestError(runId, "corpus/broken.pdf", "not a PDF (starts with <html>)");
    store.finishRun(runId, { documents: 3, unchanged: 1, mentions: 14, errors: 1 });
    const run = store.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as Record<string, unknown>;
    expect(run).toMatchObject({ command: "extract", args: '["corpus","--db","x.sqlite"]', rules_version: RULES, documents: 3, unchanged: 1, mentions: 14, errors: 1 });
    expect(Date.parse(run.finished_at as string)).toBeGreaterThanOrEqual(Date.parse(run.started_at as string));
    expect(store.db.prepare("SELECT run_id, source, reason FROM ingest_errors").all()).toEqual([
      { run_id: runId, source: "corpus/broken.pdf", reason: "not a PDF (starts with <html>)" },
    ]);
    expect(() => store.finishRun(runId + 1, { documents: 0, unchanged: 0, mentions: 0, errors: 0 })).toThrow(`${store.path}: no run ${runId + 1}`);
    expect(() => store.saveDocument(runId + 1, buildDocument(budget).doc, [])).toThrow(`no run ${runId + 1}`);
    store.close();
  });
});

describe("re-extraction", () => {
  it("reads stored documents back and replaces their mentions with a new rules version", () => {
    const store = openStore(freshPath());
    const first = store.beginRun("extract", ["corpus"], RULES);
    for (const article of [hauGiang, traVinh, budget]) {
      const { doc, mentions } = buildDocument(article);
      store.saveDocument(first, doc, mentions);
    }
    const rerun = store.beginRun("reextract", [], "rules-test-2");
    let replaced = 0;
    // Writing while iterating: each document is read only when reached.
    for (const stored of store.documents({ notExtractedWith: "rules-test-2" })) {
      const article = loadArticles().find((a) => a.source === stored.source)!;
      expect(stored.text).toBe(article.text);
      expect(stored.raw.toString("utf8")).toBe(article.text);
      const { mentions } = buildDocument(article, "rules-test-2");
      store.replaceMentions(rerun, stored.source, mentions.slice(1));
      replaced++;
      if (replaced === 2) break;
    }
    // An interrupted re-extraction resumes with the documents it has not done.
    expect([...store.documents({ notExtractedWith: "rules-test-2" })].map((d) => d.source)).toEqual([budget.source]);
    expect(store.db.prepare("SELECT rules_version, count(*) AS n FROM mentions GROUP BY rules_version ORDER BY rules_version").all()).toEqual([
      { rules_version: RULES, n: budget.mentions.length },
      { rules_version: "rules-test-2", n: hauGiang.mentions.length - 1 + traVinh.mentions.length - 1 },
    ]);
    expect(() => store.replaceMentions(rerun, "nowhere.txt", [])).toThrow(`${store.path}: no stored document nowhere.txt`);
    expect(() => store.replaceMentions(rerun, budget.source, buildDocument(budget).mentions)).toThrow("differs from the run's rules-test-2");
    store.close();
  });
});

describe("a store opened for reading", () => {
  it("reads but refuses to write", () => {
    const file = freshPath();
    const writer = openStore(file);
    const runId = writer.beginRun("extract", [], RULES);
    const { doc, mentions } = buildDocument(budget);
    writer.saveDocument(runId, doc, mentions);
    writer.close();
    const reader = openStore(file, { readonly: true });
    expect(reader.mentionsOf(doc.source)).toEqual(mentions);
    expect(() => reader.beginRun("extract", [], RULES)).toThrow(`${file}: the store is read-only`);
    reader.close();
  });
});

describe("deferred indexes", () => {
  const indexSql = (db: { prepare: (sql: string) => { all: () => unknown[] } }) =>
    Object.fromEntries((db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]));

  it("names the bulk-load indexes as the migrations create them", () => {
    const store = openStore(freshPath());
    const created = indexSql(store.db);
    for (const [name, sql] of Object.entries(BULK_LOAD_INDEXES)) expect(created[name]).toBe(sql);
    store.close();
  });

  it("are dropped for a load into a store without mentions and built again after it", () => {
    const file = freshPath();
    const store = openStore(file);
    const all = indexSql(store.db);
    expect(store.deferIndexes()).toBe(true);
    expect(Object.keys(indexSql(store.db)).sort()).toEqual(Object.keys(all).filter((name) => !(name in BULK_LOAD_INDEXES)).sort());
    const runId = store.beginRun("extract", ["corpus"], RULES);
    for (const article of [hauGiang, traVinh]) {
      const { doc, mentions } = buildDocument(article);
      store.saveDocument(runId, doc, mentions);
    }
    store.buildIndexes();
    expect(indexSql(store.db)).toEqual(all);
    // Mentions are stored now: a second load keeps the indexes.
    expect(store.deferIndexes()).toBe(false);
    expect(indexSql(store.db)).toEqual(all);
    store.close();
  });

  it("are built when the store is closed, or opened again after a load that died", () => {
    const closed = freshPath();
    const store = openStore(closed);
    const all = indexSql(store.db);
    store.deferIndexes();
    store.close();
    const reopened = openStore(closed, { readonly: true });
    expect(indexSql(reopened.db)).toEqual(all);
    reopened.close();

    const died = freshPath();
    const dying = openStore(died);
    dying.deferIndexes();
    dying.db.close();
    const next = openStore(died);
    expect(indexSql(next.db)).toEqual(all);
    next.close();
  });
});
