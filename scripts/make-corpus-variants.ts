/**
 * Builds corpus/pdf/ and corpus/docx/ from corpus/text/ (same article, new
 * container), copies the real HTML pages of ../shared/eval/html-dev into
 * corpus/html/, and appends their gold records to corpus/gold.jsonl (the text
 * documents' records with the doc renamed; the html-dev gold as it is).
 * A document that already has gold lines gets none added (running twice is harmless).
 *
 *   npx tsx scripts/make-corpus-variants.ts [path/to/shared/eval/html-dev]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeDocx, makePdf, paragraphsOf } from "../test/fixtures/ingest/variants.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.join(root, "corpus");
const htmlDev = path.resolve(process.argv[2] ?? path.join(root, "..", "shared", "eval", "html-dev"));
const goldFile = path.join(corpus, "gold.jsonl");

interface GoldRecord {
  doc: string;
  [field: string]: unknown;
}

const goldLines = fs.readFileSync(goldFile, "utf8").split("\n").filter((l) => l.trim());
const gold: GoldRecord[] = goldLines.map((l) => JSON.parse(l) as GoldRecord);
const annotated = new Set(gold.map((g) => g.doc));
const added: GoldRecord[] = [];
/** The records of one document; repeated records stay (a figure stated twice is two records). */
const addGold = (doc: string, records: GoldRecord[]) => {
  if (annotated.has(doc)) return;
  added.push(...records.map((r) => ({ ...r, doc })));
};

fs.mkdirSync(path.join(corpus, "pdf"), { recursive: true });
fs.mkdirSync(path.join(corpus, "docx"), { recursive: true });
const texts = fs.readdirSync(path.join(corpus, "text")).filter((f) => f.endsWith(".txt")).sort();
for (const [index, file] of texts.entries()) {
  const article = paragraphsOf(fs.readFileSync(path.join(corpus, "text", file), "utf8"));
  const base = file.replace(/\.txt$/, "");
  const variants: [string, Buffer][] = [
    [
      `pdf/${base}.pdf`,
      await makePdf(article, { runningHeader: "Sở Lao động - Thương binh và Xã hội", pageNumbers: true, twoColumns: index % 2 === 1 }),
    ],
    [`docx/${base}.docx`, await makeDocx(article)],
  ];
  for (const [relative, bytes] of variants) {
    fs.writeFileSync(path.join(corpus, relative), bytes);
    addGold(path.basename(relative), gold.filter((r) => r.doc === file));
  }
}

if (fs.existsSync(htmlDev)) {
  fs.mkdirSync(path.join(corpus, "html"), { recursive: true });
  for (const file of fs.readdirSync(path.join(htmlDev, "docs")).filter((f) => f.endsWith(".html")).sort()) {
    fs.writeFileSync(path.join(corpus, "html", file), fs.readFileSync(path.join(htmlDev, "docs", file)));
  }
  const devGold = fs.readFileSync(path.join(htmlDev, "gold.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldRecord);
  for (const doc of new Set(devGold.map((g) => g.doc))) addGold(doc, devGold.filter((g) => g.doc === doc));
} else {
  console.error(`${htmlDev}: not found; HTML pages not copied`);
}

if (added.length) {
  const endsClean = fs.readFileSync(goldFile, "utf8").endsWith("\n");
  fs.appendFileSync(goldFile, (endsClean ? "" : "\n") + added.map((g) => JSON.stringify(g)).join("\n") + "\n");
}
console.log(`${texts.length * 2} PDF/DOCX documents written; ${added.length} gold records added`);
