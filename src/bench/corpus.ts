/**
 * The synthetic benchmark corpus: N documents varied from the templates in a
 * corpus folder (text/*.txt, html/*.html, pdf/*.pdf), written one at a time
 * into numbered sub-folders, so memory holds the templates and one document,
 * never the corpus. Document i depends only on (seed, i): the same options
 * give the same bytes.
 *
 * PDFs are not typeset per document (that costs more than extracting them):
 * each is a copy of a template PDF with a comment after its end naming the
 * document, so every file has its own SHA-256 and is extracted afresh, with
 * the template's text.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRandom, mixSeed, type Random } from "./prng.js";
import { drawVariation, findPlaceNames, proseMatcher, varyHtml, varyProse } from "./vary.js";

export const FORMATS = ["text", "html", "pdf"] as const;
export type Format = (typeof FORMATS)[number];
export const MIXES = ["text", "html", "pdf", "all"] as const;
export type Mix = (typeof MIXES)[number];

/** Shares of each format in the "all" mix. */
export const ALL_MIX: Record<Format, number> = { text: 0.6, html: 0.3, pdf: 0.1 };

const EXTENSION: Record<Format, string> = { text: "txt", html: "html", pdf: "pdf" };
const DOCS_PER_FOLDER = 1000;

export interface CorpusOptions {
  /** Folder of templates: text/, html/ and pdf/ inside it. */
  templates: string;
  /** Folder to write into; created, and it must be empty. */
  target: string;
  docs: number;
  mix: Mix;
  seed: number;
}

export interface FormatCount {
  docs: number;
  bytes: number;
}

export interface CorpusInfo {
  docs: number;
  bytes: number;
  byFormat: Record<Format, FormatCount>;
  /** SHA-256 over every file's relative path and bytes, in order: the corpus's identity. */
  digest: string;
}

interface Templates {
  text: string[];
  html: string[];
  pdf: Buffer[];
  matcher: RegExp;
  placeNames: string[];
}

function readFolder(dir: string, extension: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(`.${extension}`))
    .sort()
    .map((f) => path.join(dir, f));
}

export function loadTemplates(dir: string): Templates {
  const text = readFolder(path.join(dir, "text"), "txt").map((f) => fs.readFileSync(f, "utf8"));
  const html = readFolder(path.join(dir, "html"), "html").map((f) => fs.readFileSync(f, "utf8"));
  const pdf = readFolder(path.join(dir, "pdf"), "pdf").map((f) => fs.readFileSync(f));
  const placeNames = findPlaceNames([...text, ...html]);
  return { text, html, pdf, matcher: proseMatcher(placeNames), placeNames };
}

function formatOf(mix: Mix, random: Random): Format {
  if (mix !== "all") return mix;
  let r = random.next();
  for (const format of FORMATS) {
    r -= ALL_MIX[format];
    if (r < 0) return format;
  }
  return "text";
}

/** Document `index` of the corpus: its format and bytes. */
export function makeDocument(templates: Templates, options: Pick<CorpusOptions, "mix" | "seed">, index: number): { format: Format; bytes: Buffer } {
  const random = createRandom(mixSeed(options.seed, index));
  const format = formatOf(options.mix, random);
  const pool = templates[format];
  if (!pool.length) throw new Error(`no ${format} templates (${format}/*.${EXTENSION[format]}) in the corpus folder`);
  const template = random.pick<string | Buffer>(pool);
  if (format === "pdf") return { format, bytes: Buffer.concat([template as Buffer, Buffer.from(`\n%chitieu-bench ${options.seed} ${index}\n`)]) };
  const variation = drawVariation(random, templates.placeNames);
  const vary = format === "html" ? varyHtml : varyProse;
  return { format, bytes: Buffer.from(vary(template as string, templates.matcher, variation), "utf8") };
}

export function documentPath(index: number, format: Format): string {
  const folder = String(Math.floor(index / DOCS_PER_FOLDER)).padStart(3, "0");
  return path.join(folder, `${String(index).padStart(6, "0")}.${EXTENSION[format]}`);
}

export function generateCorpus(options: CorpusOptions): CorpusInfo {
  if (!Number.isInteger(options.docs) || options.docs < 0) throw new Error(`--docs ${options.docs}: expected a whole number`);
  fs.mkdirSync(options.target, { recursive: true });
  if (fs.readdirSync(options.target).length) throw new Error(`${options.target}: not empty; the corpus needs a folder of its own`);
  const templates = loadTemplates(options.templates);
  const info: CorpusInfo = { docs: 0, bytes: 0, byFormat: { text: { docs: 0, bytes: 0 }, html: { docs: 0, bytes: 0 }, pdf: { docs: 0, bytes: 0 } }, digest: "" };
  const digest = crypto.createHash("sha256");
  for (let i = 0; i < options.docs; i++) {
    const { format, bytes } = makeDocument(templates, options, i);
    const relative = documentPath(i, format);
    const file = path.join(options.target, relative);
    if (i % DOCS_PER_FOLDER === 0) fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    digest.update(relative.split(path.sep).join("/")).update("\0").update(bytes);
    info.docs++;
    info.bytes += bytes.length;
    info.byFormat[format].docs++;
    info.byFormat[format].bytes += bytes.length;
  }
  info.digest = digest.digest("hex");
  return info;
}
