/**
 * Normalisation of the bundled corpus (its text and web-page documents) against the expected
 * indicator ids of corpus/gold.jsonl, and the places of its documents.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { runExtraction } from "../../src/pipeline/run.js";
import { openStore } from "../../src/store/index.js";

interface GoldRecord {
  doc: string;
  quote: string;
  indicator: string;
  indicator_id: string | null;
  value: number;
  unit: string;
}
interface Row {
  name: string;
  evidence: string;
  sentence: string;
  value: number;
  unit: string;
  indicator_id: string | null;
}

let dir: string;
let rows: Row[];
let places: Record<string, string | null>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-normalise-corpus-"));
  const db = path.join(dir, "corpus.sqlite");
  await runExtraction({ paths: [path.join(PACKAGE_ROOT, "corpus/text"), path.join(PACKAGE_ROOT, "corpus/html")], db });
  const store = openStore(db, { readonly: true });
  rows = store.db.prepare("SELECT d.name, m.evidence, m.sentence, m.value, m.unit, m.indicator_id FROM mentions m JOIN documents d ON d.id = m.document_id").all() as Row[];
  places = Object.fromEntries((store.db.prepare("SELECT name, place FROM documents").all() as Array<{ name: string; place: string | null }>).map((d) => [d.name, d.place]));
  store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const gold = fs
  .readFileSync(path.join(PACKAGE_ROOT, "corpus/gold.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as GoldRecord)
  .filter((g) => /\.(txt|html)$/.test(g.doc));

/** The stored mention of a gold record: same document, value and unit, and a quote that overlaps its evidence. */
function mentionOf(g: GoldRecord): Row | undefined {
  return rows.find((r) => r.name === g.doc && r.value === g.value && r.unit === g.unit && (g.quote.includes(r.evidence) || r.evidence.includes(g.quote) || r.sentence.includes(g.quote)));
}

describe("the corpus, normalised", () => {
  it("gives the gold records their expected indicator ids", () => {
    const found = gold.map((g) => [g, mentionOf(g)] as const).filter(([, m]) => m !== undefined);
    expect(found.length / gold.length).toBeGreaterThan(0.95);
    const agree = found.filter(([g, m]) => g.indicator_id === m!.indicator_id);
    expect(agree.length / found.length).toBeGreaterThanOrEqual(0.9);
    // Of the records gold gives an id, as many get it.
    const mapped = found.filter(([g]) => g.indicator_id !== null);
    expect(mapped.filter(([g, m]) => g.indicator_id === m!.indicator_id).length / mapped.length).toBeGreaterThanOrEqual(0.9);
  });

  it("places each document", () => {
    expect(places).toEqual({
      "000_121b9cfc0a5a8ef3.txt": "hau-giang",
      "001_37f8c59d193ec24d.txt": "tra-vinh",
      "002_293deabf6c84edbd.txt": "ben-tre",
      "003_9158f8540373f5fe.txt": "an-giang",
      "004_3b0dc88aab711b97.txt": "lao-cai",
      "048.html": null,
      "049.html": "phu-tho",
      "050.html": "dak-nong",
      "051.html": null,
      "052.html": "viet-nam",
    });
  });
});
