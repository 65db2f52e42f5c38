/**
 * The floor: what any tool must pay to get text out of the benchmark corpus,
 * with no extraction and no store. Text files are read and decoded; HTML is
 * parsed with cheerio and its body text taken (scripts and styles dropped);
 * PDFs go through pdf-parse's getText. One document at a time, in one
 * thread. Run as a child of the bench (`node floor.js DIR`); prints JSON.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { PDFParse } from "pdf-parse";

interface FloorResult {
  docs: number;
  /** UTF-16 code units of text obtained. */
  chars: number;
}

function* files(dir: string): Generator<string> {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

async function textOf(file: string): Promise<string> {
  const bytes = fs.readFileSync(file);
  const extension = path.extname(file).toLowerCase();
  if (extension === ".html") {
    const $ = cheerio.load(bytes.toString("utf8"));
    $("script, style, noscript").remove();
    return $("body").text();
  }
  if (extension === ".pdf") {
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  return bytes.toString("utf8");
}

async function runFloor(dir: string): Promise<FloorResult> {
  const result: FloorResult = { docs: 0, chars: 0 };
  for (const file of files(dir)) {
    result.chars += (await textOf(file)).length;
    result.docs++;
  }
  return result;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node floor.js DIR");
  process.exitCode = 2;
} else {
  console.log(JSON.stringify(await runFloor(dir)));
}
