/** Shared by the store tests: fixture articles as store input, temp dirs, and a canonical dump of a store. */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Mention } from "../../src/extract/types.js";
import type { DocumentFormat, DocumentMeta } from "../../src/ingest/types.js";
import { openStore } from "../../src/store/index.js";
import type { DocumentRecord } from "../../src/store/types.js";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/store");
export const RULES = "rules-test-1";

interface FixtureMention {
  sentence: string;
  evidence: string;
  value_text: string;
  indicator: string;
  kind: Mention["kind"];
  value: number;
  value_max?: number;
  unit: string;
  qualifier?: Mention["qualifier"];
  per?: "year";
  period: string;
  basis?: string;
  estimated?: boolean;
  rule: string;
  confidence?: number;
}

interface FixtureArticle {
  source: string;
  name: string;
  format: DocumentFormat;
  encoding: string;
  meta: DocumentMeta;
  text: string;
  mentions: FixtureMention[];
}

export function loadArticles(): FixtureArticle[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "articles.json"), "utf8")) as FixtureArticle[];
}

/** A fixture article as the pipeline hands it to the store: spans are found from the quoted pieces. */
export function buildDocument(article: FixtureArticle, rulesVersion = RULES): { doc: DocumentRecord; mentions: Mention[] } {
  const raw = Buffer.from(article.text, "utf8");
  const doc: DocumentRecord = {
    source: article.source,
    name: article.name,
    sha256: crypto.createHash("sha256").update(raw).digest("hex"),
    byteSize: raw.length,
    format: article.format,
    encoding: article.encoding,
    meta: article.meta,
    text: article.text,
    raw,
    structure: { paragraphs: article.text.split("\n\n").length },
  };
  const mentions = article.mentions.map((m): Mention => {
    const sentenceStart = find(article.text, m.sentence, 0);
    const spanStart = find(article.text, m.evidence, sentenceStart);
    const valueStart = find(article.text, m.value_text, spanStart);
    const indicatorStart = article.text.indexOf(m.indicator, sentenceStart);
    return {
      doc: article.source,
      sentence: m.sentence,
      sentence_span: [sentenceStart, sentenceStart + m.sentence.length],
      span: [spanStart, spanStart + m.evidence.length],
      value_span: [valueStart, valueStart + m.value_text.length],
      indicator: m.indicator,
      indicator_span: indicatorStart < 0 ? null : [indicatorStart, indicatorStart + m.indicator.length],
      kind: m.kind,
      value: m.value,
      value_max: m.value_max ?? null,
      unit: m.unit,
      qualifier: m.qualifier ?? null,
      per: m.per ?? null,
      period: m.period,
      basis: m.basis ?? null,
      estimated: m.estimated ?? false,
      rule: m.rule,
      rules_version: rulesVersion,
      confidence: m.confidence ?? 1,
    };
  });
  return { doc, mentions };
}

function find(text: string, piece: string, from: number): number {
  const at = text.indexOf(piece, from);
  if (at < 0) throw new Error(`fixture: "${piece}" not found`);
  return at;
}

export function tempDir(prefix = "chitieu-store-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface StoreDump {
  documents: unknown[];
  blocks: unknown[];
  mentions: unknown[];
  ingestErrors: unknown[];
}

/**
 * What a store holds, without what differs between equal runs (row ids, run ids, times), in a
 * stable order: two stores with equal dumps hold the same documents, mentions and errors.
 */
export function dumpStore(file: string): StoreDump {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      documents: db
        .prepare(
          `SELECT source, name, sha256, byte_size, format, encoding, title, published_at, site_name, canonical_url, author,
                  text, hex(raw) AS raw, structure, rules_version, place FROM documents ORDER BY source`,
        )
        .all(),
      blocks: db.prepare(`SELECT d.source, b.* FROM blocks b JOIN documents d ON d.id = b.document_id ORDER BY d.source, b.ord`).all()
        .map(({ document_id: _, ...rest }: any) => rest),
      mentions: db
        .prepare(`SELECT d.source, m.* FROM mentions m JOIN documents d ON d.id = m.document_id ORDER BY d.source, m.value_start, m.span_start, m.kind, m.span_end`)
        .all()
        .map(({ id: _, document_id: __, run_id: ___, ...rest }: any) => rest),
      ingestErrors: db.prepare("SELECT DISTINCT source, reason FROM ingest_errors ORDER BY source, reason").all(),
    };
  } finally {
    db.close();
  }
}

const INDICATOR_ID: Record<string, string> = { "tạo việc làm mới": "jobs.new", "hộ nghèo hộ": "poverty.households", "hộ nghèo %": "poverty.rate" };
const indicatorId = (m: Mention) => INDICATOR_ID[m.indicator] ?? INDICATOR_ID[`${m.indicator} ${m.unit}`] ?? null;

/**
 * A store for the query tests: the fixture articles, normalised (jobs and poverty mapped, places
 * from the file name), plus two more reports of the Hậu Giang article: one repeating its
 * 15.000 jobs target, one saying 16.000.
 */
export function buildResearchStore(file: string): void {
  const store = openStore(file);
  const runId = store.beginRun("extract", ["corpus"], RULES);
  const [hauGiang, traVinh, budget] = loadArticles();
  const repeat = { ...hauGiang, source: "corpus/text/000b_hau_giang_repeat.txt", name: "000b_hau_giang_repeat.txt", mentions: hauGiang.mentions.slice(0, 1) };
  const differ = {
    ...repeat,
    source: "corpus/text/000c_hau_giang_differs.txt",
    name: "000c_hau_giang_differs.txt",
    meta: { ...hauGiang.meta, publishedAt: "2025-01-09" },
    text: hauGiang.text.replace("15.000", "16.000"),
    mentions: [{ ...hauGiang.mentions[0], sentence: hauGiang.mentions[0].sentence.replace("15.000", "16.000"), evidence: hauGiang.mentions[0].evidence.replace("15.000", "16.000"), value_text: "16.000 lao động", value: 16000 }],
  };
  const placed = [[hauGiang, "hau-giang"], [repeat, "hau-giang"], [differ, "hau-giang"], [traVinh, "tra-vinh"], [budget, null]] as const;
  for (const [article, place] of placed) {
    const { doc, mentions } = buildDocument(article);
    store.saveDocument(
      runId,
      { ...doc, place },
      mentions.map((m) => ({
        ...m,
        indicator_id: indicatorId(m),
        indicator_candidates: indicatorId(m) ? [] : ["budget.revenue"],
        place,
        resolved_period: m.period || null,
        value_base: m.unit === "tỷ đồng" ? m.value * 1e9 : m.value,
        value_max_base: null,
        base_unit: m.unit === "tỷ đồng" ? "VND" : m.unit === "lao động" ? "persons" : m.unit,
      })),
    );
  }
  store.db.prepare("INSERT INTO indicators VALUES ('jobs.new', 'Tạo việc làm mới', 'New jobs created', 'persons')").run();
  store.finishRun(runId, { documents: 5, unchanged: 0, mentions: 16, errors: 0 });
  store.close();
}
