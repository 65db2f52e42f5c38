/**
 * PDF → blocks, with pdf.js (the engine inside pdf-parse v2). pdf.js gives
 * text items in content-stream order with their positions; from these we
 * rebuild lines, split them at column gutters, order the pieces by recursive
 * XY-cut (columns left to right, bands top to bottom), drop running headers,
 * footers and page numbers, and join lines into paragraphs, rejoining lines
 * broken mid-sentence. Tables of figures (pdf-table.ts) are taken out first
 * and put back in reading order as one block per figure cell, as HTML tables
 * are. Text in legacy TCVN3/VNI fonts is converted per font.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import { TextBuilder } from "./builder.js";
import { convertLegacyMojibake, repairLegacyText, type LegacyEncoding } from "./legacy.js";
import { findTables, unitAtFoot, type PdfTable } from "./pdf-table.js";
import { baselineLines, median, PAGE_NUMBER, type Glyphs } from "./pdf-text.js";
import { cellBlockText } from "./table.js";
import type { DocumentMeta } from "./types.js";

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Why pdf.js could not open a document, in one line. */
export class PdfProblem extends Error {}

/** A piece of a line: items on one baseline with no gutter between them; or a whole table, placed as one piece. */
interface Segment {
  page: number;
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
  table?: PdfTable;
}

interface PageLayout {
  number: number;
  width: number;
  height: number;
  segments: Segment[];
}

export interface PdfContent {
  builder: TextBuilder;
  meta: DocumentMeta;
  /** Legacy encoding found in some font, if any. */
  legacy: LegacyEncoding | null;
  warnings: string[];
}

async function readGlyphs(bytes: Buffer): Promise<{ pages: { number: number; width: number; height: number; glyphs: Glyphs[] }[]; meta: DocumentMeta }> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: path.join(PDFJS_DIR, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_DIR, "standard_fonts") + path.sep,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as Error)?.name ?? "";
    if (name === "PasswordException") throw new PdfProblem("encrypted PDF (needs a password)");
    if (name === "InvalidPDFException") throw new PdfProblem("not a readable PDF (damaged or truncated)");
    throw new PdfProblem(`unreadable PDF: ${(err as Error)?.message ?? String(err)}`);
  }
  try {
    const meta: DocumentMeta = {};
    const info = (await doc.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
    if (typeof info?.Title === "string" && info.Title.trim()) meta.title = info.Title.trim();
    if (typeof info?.Author === "string" && info.Author.trim()) meta.author = info.Author.trim();
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch (err) {
        throw new PdfProblem(`not a readable PDF (page ${n}: ${(err as Error).message})`);
      }
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const glyphs: Glyphs[] = [];
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const t = item as TextItem;
        if (!t.str.trim()) continue;
        const [a, b, c, d, e, f] = t.transform as number[];
        const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
        const [x, y] = viewport.convertToViewportPoint(e, f);
        glyphs.push({ page: n, x, y, width: t.width, size, text: t.str, font: t.fontName });
      }
      pages.push({ number: n, width: viewport.width, height: viewport.height, glyphs });
      page.cleanup();
    }
    return { pages, meta };
  } finally {
    await doc.destroy();
  }
}

/** Fonts whose text reads better as TCVN3 or VNI: convert their items, and say which encoding. */
function convertLegacyFonts(glyphs: Glyphs[]): LegacyEncoding | null {
  const byFont = new Map<string, Glyphs[]>();
  for (const g of glyphs) byFont.set(g.font, [...(byFont.get(g.font) ?? []), g]);
  let found: LegacyEncoding | null = null;
  for (const items of byFont.values()) {
    const repaired = repairLegacyText(items.map((g) => g.text).join(" "));
    if (!repaired) continue;
    for (const g of items) g.text = convertLegacyMojibake(g.text, repaired.encoding) ?? g.text;
    found ??= repaired.encoding;
  }
  return found;
}

/** Lines of items → line segments, split where the horizontal gap is a gutter. */
function segmentsOf(lines: Glyphs[][]): Segment[] {
  const segments: Segment[] = [];
  for (const line of lines) {
    let seg: Segment | null = null;
    for (const g of line) {
      const gap = seg ? g.x - seg.x1 : 0;
      if (!seg || gap > 1.5 * Math.max(seg.size, g.size)) {
        seg = { page: g.page, x0: g.x, x1: g.x + g.width, y: g.y, size: g.size, text: g.text };
        segments.push(seg);
        continue;
      }
      const joiner = gap > 0.15 * g.size && !/\s$/.test(seg.text) && !/^\s/.test(g.text) ? " " : "";
      seg.text += joiner + g.text;
      seg.x1 = Math.max(seg.x1, g.x + g.width);
      seg.size = Math.max(seg.size, g.size);
    }
  }
  for (const s of segments) s.text = s.text.replace(/\s+/g, " ").trim();
  return segments.filter((s) => s.text);
}

/** Running headers and footers (the same text in the page margins of several pages) and page numbers. */
function dropRunningFurniture(pages: PageLayout[]): void {
  const zone = (p: PageLayout, s: Segment) => s.y < 0.12 * p.height || s.y > 0.88 * p.height;
  const key = (s: Segment) => s.text.replace(/\d+/g, "#").toLowerCase();
  const seen = new Map<string, number>();
  for (const p of pages) {
    const keys = new Set(p.segments.filter((s) => zone(p, s)).map(key));
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const repeated = (k: string) => pages.length >= 2 && (seen.get(k) ?? 0) >= Math.max(2, 0.5 * pages.length);
  // A table's rows may run into a margin: a figure with others on its line ("1 | Trồng trọt ... | 2.450 | 25,8") is no
  // page number, and figures alone are no running header, whatever other pages hold there.
  const alone = (p: PageLayout, s: Segment) => !p.segments.some((o) => o !== s && Math.abs(o.y - s.y) < 0.5 * s.size);
  for (const p of pages) {
    p.segments = p.segments.filter((s) => !(zone(p, s) && ((PAGE_NUMBER.test(s.text) && alone(p, s)) || (/\p{L}/u.test(s.text) && repeated(key(s))))));
  }
}

/** Reading order by recursive XY-cut: column gutters first, then the widest gap between bands. */
function readingOrder(segments: Segment[], pageWidth: number): Segment[] {
  if (segments.length <= 1) return segments;
  const vertical = gutterCut(segments, pageWidth);
  if (vertical) return [...readingOrder(vertical[0], pageWidth), ...readingOrder(vertical[1], pageWidth)];
  const horizontal = bandCut(segments);
  if (horizontal) return [...readingOrder(horizontal[0], pageWidth), ...readingOrder(horizontal[1], pageWidth)];
  return [...segments].sort((p, q) => p.y - q.y || p.x0 - q.x0);
}

/** A vertical gutter with text columns on both sides (not the narrow columns of a table of figures). */
function gutterCut(segments: Segment[], pageWidth: number): [Segment[], Segment[]] | null {
  const byX = [...segments].sort((p, q) => p.x0 - q.x0);
  const size = median(segments.map((s) => s.size));
  let reach = byX[0].x1;
  let best: { at: number; width: number } | null = null;
  for (const s of byX.slice(1)) {
    const gap = s.x0 - reach;
    if (gap > size && (!best || gap > best.width)) best = { at: reach + gap / 2, width: gap };
    reach = Math.max(reach, s.x1);
  }
  if (!best) return null;
  const left = segments.filter((s) => s.x1 <= best.at);
  const right = segments.filter((s) => s.x0 >= best.at);
  const columnLike = (side: Segment[]) =>
    side.length >= 3 && median(side.map((s) => s.x1 - s.x0)) >= 0.2 * pageWidth;
  return columnLike(left) && columnLike(right) ? [left, right] : null;
}

function bandCut(segments: Segment[]): [Segment[], Segment[]] | null {
  const top = (s: Segment) => s.table?.top ?? s.y - 0.8 * s.size;
  const bottom = (s: Segment) => s.table?.bottom ?? s.y + 0.25 * s.size;
  const byY = [...segments].sort((p, q) => top(p) - top(q));
  let reach = bottom(byY[0]);
  let best: { at: number; width: number } | null = null;
  for (const s of byY.slice(1)) {
    const gap = top(s) - reach;
    if (gap > 0 && (!best || gap > best.width)) best = { at: reach + gap / 2, width: gap };
    reach = Math.max(reach, bottom(s));
  }
  if (!best) return null;
  return [segments.filter((s) => s.y < best.at), segments.filter((s) => s.y >= best.at)];
}

const SENTENCE_END = /[.!?:;…)"”»]$/u;

interface Paragraph {
  lines: Segment[];
  text: string;
}

/** The right edge of a line's column: the furthest its neighbours in reading order (same page, left edge and size) reach. */
function columnRight(index: number, ordered: Segment[]): number {
  const line = ordered[index];
  let right = line.x1;
  for (let i = Math.max(0, index - 6); i < Math.min(ordered.length, index + 7); i++) {
    const other = ordered[i];
    const sameColumn = !other.table && other.page === line.page && Math.abs(other.x0 - line.x0) < 3 * line.size;
    if (sameColumn && Math.abs(other.size - line.size) < 0.15 * line.size) right = Math.max(right, other.x1);
  }
  return right;
}

/**
 * A line that ends because the next line's first word would not fit after it
 * was wrapped there (join with a space); one that ends short was broken on
 * purpose (keep the line break).
 */
function wrappedAt(prev: Segment, next: Segment, right: number): boolean {
  if (next.page !== prev.page || next.y < prev.y) return true;
  const charWidth = (next.x1 - next.x0) / Math.max(1, next.text.length);
  const firstWord = next.text.split(" ")[0];
  return prev.x1 + charWidth * (firstWord.length + 1) > right - 0.5 * charWidth;
}

/** Lines → paragraphs: a new one after extra space, a size change, or an indent after a sentence end. */
function paragraphs(ordered: Segment[], bodySize: number): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const [index, line] of ordered.entries()) {
    const prev = current?.lines.at(-1);
    if (!current || !prev || startsParagraph(prev, line, current, bodySize)) {
      current = { lines: [line], text: line.text };
      out.push(current);
      continue;
    }
    current.text += (wrappedAt(prev, line, columnRight(index - 1, ordered)) ? " " : "\n") + line.text;
    current.lines.push(line);
  }
  return out;
}

function startsParagraph(prev: Segment, line: Segment, current: Paragraph, bodySize: number): boolean {
  if (prev.table || line.table) return true;
  const ended = SENTENCE_END.test(prev.text);
  const sizeChange = Math.abs(line.size - prev.size) > 0.15 * bodySize;
  // "Huỳnh Văn Lợi" signing above "PHỤ LỤC": a heading in capitals neither goes on from a line of prose nor runs into one.
  // A short line without lower case ("NĂM 2030") goes on with a heading in capitals it ends.
  const inCapitals = isCapitalsLine(current.text);
  const caseChange = inCapitals !== (isCapitalsLine(line.text) || (inCapitals && !/\p{Ll}/u.test(line.text) && /\p{Lu}{2,}/u.test(line.text)));
  // Onto the next page or column: a paragraph goes on unless the last line closed a sentence.
  if (line.page !== prev.page || line.y < prev.y) return ended || sizeChange || caseChange;
  const left = Math.min(...current.lines.map((l) => l.x0));
  const indented = line.x0 > left + 1.5 * line.size;
  return line.y - prev.y > 1.65 * Math.max(line.size, prev.size) || sizeChange || (ended && indented) || caseChange;
}

/** A line of two words or more in capitals, with no lower-case letter. */
function isCapitalsLine(text: string): boolean {
  return !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}{2,}/gu)?.length ?? 0) >= 2;
}

export async function pdfContent(bytes: Buffer): Promise<PdfContent> {
  const { pages: raw, meta } = await readGlyphs(bytes);
  const all = raw.flatMap((p) => p.glyphs);
  if (all.reduce((n, g) => n + g.text.replace(/\s/g, "").length, 0) < 10) {
    throw new PdfProblem("no text layer (scanned; needs OCR)");
  }
  const legacy = convertLegacyFonts(all);
  const tables: PdfTable[][] = [];
  let unitAtFootBefore: string | undefined;
  const pages: PageLayout[] = raw.map((p) => {
    const lines = baselineLines(p.glyphs);
    const found = findTables({ number: p.number, height: p.height, carried: tables.at(-1)?.at(-1), unitAtFootBefore }, lines);
    unitAtFootBefore = unitAtFoot(lines);
    tables.push(found);
    const rest = found.length ? baselineLines(p.glyphs.filter((g) => !found.some((t) => t.glyphs.has(g)))) : lines;
    return { number: p.number, width: p.width, height: p.height, segments: segmentsOf(rest) };
  });
  dropRunningFurniture(pages);
  const bodySize = median(pages.flatMap((p) => p.segments.map((s) => s.size)));
  pages.forEach((p, i) => {
    for (const t of tables[i]) p.segments.push({ page: t.page, x0: t.x0, x1: t.x1, y: t.y, size: t.size, text: "", table: t });
  });
  const ordered = pages.flatMap((p) => readingOrder(p.segments, p.width));
  const builder = new TextBuilder();
  const at = (x: number, y: number) => ({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
  for (const para of paragraphs(ordered, bodySize)) {
    const first = para.lines[0];
    if (first.table) {
      for (const block of first.table.blocks) builder.add("table-cell", cellBlockText(block), { headers: block.headers, page: block.cell.page, position: at(block.cell.x, block.cell.y) });
      continue;
    }
    const heading = first.size > 1.15 * bodySize && para.text.length < 200;
    builder.add(heading ? "heading" : "paragraph", para.text, {
      page: first.page,
      position: at(first.x0, first.y - first.size),
    });
  }
  const warnings = legacy ? [`text in a legacy ${legacy.toUpperCase()} font was converted to Unicode`] : [];
  return { builder, meta, legacy, warnings };
}
