/**
 * Tables of figures on a PDF page, found from where its text stands (rules
 * drawn around cells are not read). A line splits into cells at gaps wider
 * than a word space. Lines with three or more cells, figures among them, that
 * follow one another closely make a table's body; its columns are the
 * x-ranges their cells keep to. Each line with figures opens a row, and so
 * does a numbered line or a section's title; other lines hold text wrapped
 * inside its cell, which goes with its row column by column: below the row's
 * line when cells are set at the top, as many lines above it as below when
 * they are set in the middle. The lines just above the body that keep within
 * the table are its header: a cell's wrapped lines are stacked by their common
 * centre or edge, a stack is the header of the column below it, and one
 * standing above the headers of several columns spans them. A table that
 * opens a page without a header, in the columns of the table that ended the
 * page before, goes on with that table's header; one without a header stays
 * text. The grid then goes through the same emission as HTML tables
 * (table.ts), and is kept only if most of the cells it gives are figures.
 */
import { median, PAGE_NUMBER, type Glyphs } from "./pdf-text.js";
import { captionUnit, isDateLabel, isTableTitle, labelledUnit, isFigure, mostlyFigures, ROW_NUMBER, tableCellBlocks, type CellBlock, type TableCell, type TableRow } from "./table.js";

export interface PdfCell extends TableCell {
  page: number;
  /** Where the cell's text starts, as other PDF blocks' positions: its first line's left edge and top (points, origin top-left). */
  x: number;
  y: number;
}

export interface PdfTable {
  page: number;
  x0: number;
  x1: number;
  /** Top of the first line and bottom of the last, from the top of the page. */
  top: number;
  bottom: number;
  /** Baseline of the first line. */
  y: number;
  size: number;
  blocks: CellBlock<PdfCell>[];
  /** The text the table takes from the page. */
  glyphs: Set<Glyphs>;
  columns: Interval[];
  /** The grid's header rows, for the rest of the table on the next page when it comes without one. */
  header: TableRow<PdfCell>[];
  /** The unit a line right above the table names for its bare figures ("Đơn vị tính: triệu đồng"). */
  captionUnit?: string;
  /** Nothing but the page's foot comes after it. */
  endsPage: boolean;
}

/**
 * The page being read: its number and height, a table that ended the page before (it may go on here), and the
 * unit the last line of the page before named ("Đơn vị tính: triệu đồng" over a table the page break put here).
 */
export interface PageOfTables {
  number: number;
  height: number;
  carried?: PdfTable;
  unitAtFootBefore?: string;
}

/** Text on one line between gaps wider than a word space: a cell's text on that line. */
interface Chunk {
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
}

interface Line {
  y: number;
  size: number;
  chunks: Chunk[];
  glyphs: Glyphs[];
}

interface Interval {
  x0: number;
  x1: number;
}

/** Lines of header text stacked into one cell (a header wrapped inside its cell). */
interface Stack extends Interval {
  chunks: Chunk[];
  top: number;
  bottom: number;
}

/** × the text size: a gap wider than this between two runs on a line separates cells (word spaces are narrower). */
const CELL_GAP = 0.6;
/** × the text size: the most space between the baselines of two lines of a table's body. */
const ROW_GAP = 2.5;
/** × the text size: the most space between the baselines of two lines of one cell's text. */
const WRAPPED_GAP = 1.6;
/** × the text size: the space between the baselines of two lines of a cell set close (single spacing, no padding). */
const CLOSE_GAP = 1.3;
/** × the text size: the most space between the baselines of two header lines, or of the header and the body. */
const HEADER_GAP = 2.2;
const MAX_HEADER_LINES = 8;
/** × the text size: the most space between the baselines of a line naming the table's unit and the table's first line. */
const CAPTION_GAP = 3.5;
/** Lines without figures between two with figures: more than this and the table has ended. */
const MAX_WRAPPED_LINES = 4;

// A year or a day standing alone on a line is a header's ("Kế hoạch / 2024" wrapped, "Giai đoạn 2021 / - 2023",
// "Giá ngày / 31/3/2022"), not a figure of the body.
const figure = (c: Chunk) => isFigure(c.text) && !isDateLabel(c.text.replace(/^[-–]\s*/u, ""));
/** A cell saying there is no figure: "-", "x", "…". */
const NO_FIGURE = /^(?:[-–—x×…]|\.{2,})$/iu;
// "(1) (2) (3)" or "A B 1 2 3" under a header numbers the columns; "3=2/1" numbers one computed from others.
const COLUMN_NUMBER = /^(?:\(?\d{1,2}\)?(?:\s*=\s*[\d()+\-*/x:\s]+)?|\(?[A-Z]\)?)$/;

const top = (c: { y: number; size: number }) => c.y - 0.8 * c.size;
const bottom = (c: { y: number; size: number }) => c.y + 0.25 * c.size;
const centre = (i: Interval) => (i.x0 + i.x1) / 2;

/** A line's words, its chunks joined by spaces. */
function lineText(line: Line): string {
  return line.chunks.map((c) => c.text).join(" ");
}

/** The part of a run that is ink: pdf.js counts leading and trailing spaces in its width. */
function inked(g: Glyphs): Interval {
  const perChar = g.width / Math.max(1, g.text.length);
  const lead = g.text.length - g.text.trimStart().length;
  const trail = g.text.length - g.text.trimEnd().length;
  return { x0: g.x + lead * perChar, x1: g.x + g.width - trail * perChar };
}

function lineOf(glyphs: Glyphs[]): Line {
  const y = glyphs[0].y;
  const chunks: Chunk[] = [];
  for (const g of glyphs) {
    const { x0, x1 } = inked(g);
    const last = chunks.at(-1);
    const gap = last ? x0 - last.x1 : 0;
    if (!last || gap > CELL_GAP * Math.max(last.size, g.size)) {
      chunks.push({ x0, x1, y, size: g.size, text: g.text.trim() });
      continue;
    }
    last.text += (gap > 0.15 * g.size ? " " : "") + g.text.trim();
    last.x1 = Math.max(last.x1, x1);
    last.size = Math.max(last.size, g.size);
  }
  return { y, size: Math.max(...glyphs.map((g) => g.size)), chunks, glyphs };
}

/** A row numbering the columns under a header. */
const columnNumbers = (line: Line) => line.chunks.length >= 3 && line.chunks.every((c) => COLUMN_NUMBER.test(c.text));

/** A line that may be a row of a table's body: three or more cells, a figure after the first. */
const bodyLike = (line: Line) => line.chunks.length >= 3 && line.chunks.slice(1).some(figure) && !columnNumbers(line);

/** Overlapping intervals merged, left to right. */
function union(intervals: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.x0 - b.x0)) {
    const last = out.at(-1);
    if (last && i.x0 <= last.x1) last.x1 = Math.max(last.x1, i.x1);
    else out.push({ x0: i.x0, x1: i.x1 });
  }
  return out;
}

/** The columns of a body and where one column's space ends and the next one's begins. */
class Columns {
  readonly bounds: number[];

  constructor(readonly spans: Interval[]) {
    this.bounds = spans.slice(1).map((s, k) => (spans[k].x1 + s.x0) / 2);
  }

  get count(): number {
    return this.spans.length;
  }

  at(x: number): number {
    return this.bounds.filter((b) => b < x).length;
  }

  /** The first and last column a chunk reaches into, beyond a little overhang. */
  reach(c: Interval & { size: number }): [number, number] {
    const slack = Math.min(0.5 * c.size, (c.x1 - c.x0) / 4);
    return [this.at(c.x0 + slack), this.at(c.x1 - slack)];
  }

  within(c: Interval & { size: number }): boolean {
    const [first, last] = this.reach(c);
    return first === last;
  }
}

/** × the page height: the margins where only running headers, footers and page numbers stand. */
const MARGIN = 0.12;

/** The tables on a page, given its lines top to bottom. */
export function findTables(page: PageOfTables, glyphLines: Glyphs[][]): PdfTable[] {
  const lines = glyphLines.map(lineOf);
  const tables: PdfTable[] = [];
  // A table's header is looked for above its body, down to the end of the table before.
  let floor = 0;
  let i = 0;
  while (i < lines.length) {
    const found = bodyLike(lines[i]) ? tableAt(tables.length ? { ...page, carried: undefined } : page, lines, i, floor) : null;
    if (!found) {
      i++;
      continue;
    }
    found.table.endsPage = lines.slice(found.end).every((l) => l.y > (1 - MARGIN) * page.height);
    tables.push(found.table);
    floor = i = found.end;
  }
  return tables;
}

/** The unit the page's last line names ("Đơn vị tính: triệu đồng"), below it at most a page number. */
export function unitAtFoot(glyphLines: Glyphs[][]): string | undefined {
  for (let i = glyphLines.length - 1; i >= 0; i--) {
    const text = lineText(lineOf(glyphLines[i]));
    if (!PAGE_NUMBER.test(text)) return labelledUnit(text.trim());
  }
  return undefined;
}

/** The same columns, as the rest of a table on the next page has them. */
function sameColumns(a: Interval[], b: Interval[], size: number): boolean {
  return a.length === b.length && a.every((x, k) => Math.abs(centre(x) - centre(b[k])) < 2 * size || (x.x0 < b[k].x1 && b[k].x0 < x.x1));
}

function tableAt(page: PageOfTables, lines: Line[], start: number, floor: number): { table: PdfTable; end: number } | null {
  // The body's extent: lines like table rows, close together, with few lines between.
  const candidates = [start];
  for (let k = start + 1; k < lines.length; k++) {
    if (lines[k].y - lines[k - 1].y > ROW_GAP * lines[k].size) break;
    // "Bảng 2. ..." a few lines below: the next table's title.
    if (isTableTitle(lineText(lines[k]))) break;
    if (bodyLike(lines[k])) candidates.push(k);
    else if (k - candidates.at(-1)! > MAX_WRAPPED_LINES) break;
  }
  // One row is enough at the foot of a page, where the table goes on on the next.
  const endsPage = lines.slice(start + 1).every((l) => l.y > (1 - MARGIN) * page.height);
  if (candidates.length < 2 && !(endsPage && lines[start].chunks.length >= 4)) return null;
  const last = candidates.at(-1)!;
  const size = median(candidates.flatMap((k) => lines[k].chunks.map((c) => c.size)));

  // Columns: where the cells of the fullest rows stand (others may have a label spanning columns), with
  // the cells of lines between the rows that keep to one column or stand between columns (a label column
  // whose every row wraps, its figures set in the middle of the row, shows only there).
  const widest = Math.max(...candidates.map((k) => lines[k].chunks.length));
  const fullest = candidates.filter((k) => lines[k].chunks.length === widest);
  const rowChunks = (fullest.length >= 2 ? fullest : candidates).flatMap((k) => lines[k].chunks);
  // A dash saying there is no figure is set centred, apart from the column's figures set to the right: it marks no column of its own.
  const placing = rowChunks.filter((c) => !NO_FIGURE.test(c.text));
  const firstGuess = new Columns(union(placing));
  const between = lines.slice(start, last + 1).filter((l) => !bodyLike(l)).flatMap((l) => l.chunks);
  const overlaps = (c: Chunk) => firstGuess.spans.filter((s) => c.x0 < s.x1 && s.x0 < c.x1).length;
  const columns = new Columns(union([...placing, ...between.filter((c) => overlaps(c) <= 1)]));
  if (columns.count < 3 || rowChunks.some((c) => !columns.within(c))) return null;

  const inColumn = (k: number) => rowChunks.filter((c) => columns.at(centre(c)) === k);
  const numbering = inColumn(0).every((c) => ROW_NUMBER.test(c.text));
  const figureColumn = columns.spans.map((_, k) => (k > 0 || !numbering) && inColumn(k).length > 0 && inColumn(k).filter(figure).length >= 0.5 * inColumn(k).length);
  // The rows' labels: the first column of words after the row numbers.
  const labelColumn = figureColumn.findIndex((isFigures, k) => !isFigures && !(k === 0 && numbering));
  // A chunk's column; one spanning columns without figures ("Tổng số" over "TT" and "Chỉ tiêu") is in the
  // label column if it reaches it, else in the first; null if it reaches figures.
  const columnOf = (c: Chunk): number | null => {
    const [from, to] = columns.reach(c);
    if (from === to) return from;
    if (figureColumn.slice(from, to + 1).some(Boolean)) return null;
    return from <= labelColumn && labelColumn <= to ? labelColumn : from;
  };
  const hasFigures = (line: Line) => line.chunks.some((c) => figure(c) && figureColumn[columnOf(c) ?? -1]);
  // A line without figures that opens a row: a row number ("II"), or text starting left of the labels ("I. THU NỘI ĐỊA").
  const opensRow = (line: Line) => {
    const [from] = columns.reach(line.chunks[0]);
    return (from === 0 && ROW_NUMBER.test(line.chunks[0].text)) || from < labelColumn;
  };
  const inside = (c: Chunk) => c.x0 > columns.spans[0].x0 - 1.5 * size && c.x1 < columns.spans.at(-1)!.x1 + 1.5 * size;
  const fits = (line: Line) => line.chunks.every((c) => columnOf(c) !== null && inside(c));
  const clash = candidates.some((k) => new Set(lines[k].chunks.map(columnOf)).size < lines[k].chunks.length || !fits(lines[k]));
  if (clash || labelColumn < 0) return null;
  // A section's title inside the body ("I. CHỈ TIÊU KINH TẾ") set across the row, over figure columns: a row of its own, in the label column.
  const sectionTitle = (line: Line, k: number) =>
    k < last && line.chunks.length === 1 && inside(line.chunks[0]) && !figureColumn[columns.at(line.chunks[0].x0)];

  // A row numbering the columns just above marks where the body begins; without one, rows of fewer cells
  // with figures just above the first of three or more are the body's too.
  const close = (k: number) => lines[k + 1].y - lines[k].y <= ROW_GAP * size;
  let numbers = start - 1;
  while (numbers > floor && start - numbers <= MAX_WRAPPED_LINES && close(numbers) && !columnNumbers(lines[numbers]) && fits(lines[numbers])) numbers--;
  const numbered = numbers >= floor && numbers < start && close(numbers) && columnNumbers(lines[numbers]);
  let first = numbered ? numbers + 1 : start;
  while (!numbered && first > floor && close(first - 1) && fits(lines[first - 1]) && hasFigures(lines[first - 1])) first--;
  // Rows: each line with figures opens one, and so does a line without figures that opens a row
  // (numbered, a section's title); the other lines hold text wrapped inside its cell.
  const rows: { line: Line; chunks: Chunk[] }[] = [];
  const wrapped: Chunk[] = [];
  let end = first;
  for (let k = first; k < lines.length; k++) {
    const line = lines[k];
    const above = k > first ? line.y - lines[k - 1].y : 0;
    const section = !fits(line) && sectionTitle(line, k);
    if (above > ROW_GAP * size || !(fits(line) || section)) break;
    if (hasFigures(line) || (k < last && (opensRow(line) || section))) rows.push({ line, chunks: [...line.chunks] });
    // After the last row with figures, only text wrapped in its cells.
    else if (k > last && (!rows.length || opensRow(line) || above > WRAPPED_GAP * size)) break;
    else wrapped.push(...line.chunks);
    end = k + 1;
  }
  if (!rows.length) return null;

  // The first row's text may begin above its figures (set in the middle of the row): lines above, close to the
  // body, set as the column's text is (from its left edge, or centred like "Đạt / tiến độ" in an assessment column).
  let headerEnd = numbered ? numbers : first;
  const label = (line: Line) =>
    line.chunks.every((c) => {
      const k = columns.at(centre(c));
      const aligned = Math.abs(c.x0 - columns.spans[k].x0) < 0.5 * size || Math.abs(centre(c) - centre(columns.spans[k])) < 0.5 * size;
      return columns.within(c) && !figureColumn[k] && aligned;
    });
  const topmost = () => Math.min(rows[0].line.y, ...wrapped.map((c) => c.y));
  while (!numbered && headerEnd > floor && topmost() - lines[headerEnd - 1].y < CLOSE_GAP * size && label(lines[headerEnd - 1])) {
    wrapped.push(...lines[--headerEnd].chunks);
  }

  // Wrapped text goes with its row, column by column: below the row's line when rows are set at the top
  // of their cells; as many lines above the row's line as below it when they are set in the middle (the
  // first row's text begins above its line, a row's label is not on its line, or a cell's lines stand
  // closer together read as centred than read from the top, as padded cells set them).
  const rowLines = rows.map((r) => r.line.y);
  const wrappedLevels = columns.spans.map((_, k) => [...new Set(wrapped.filter((c) => (columnOf(c) ?? labelColumn) === k).map((c) => c.y))].sort((a, b) => a - b));
  const topOwners = (levels: number[]) => levels.map((y) => Math.max(0, rowLines.findLastIndex((r) => r < y)));
  const widestGapInCells = (ownersOf: (levels: number[]) => number[] | null) => {
    let widest = 0;
    for (const [k, levels] of wrappedLevels.entries()) {
      if (!levels.length) continue;
      const owners = ownersOf(levels);
      if (!owners) return Infinity;
      rows.forEach((row, r) => {
        const own = levels.filter((_, i) => owners[i] === r);
        if (row.line.chunks.some((c) => columnOf(c) === k)) own.push(row.line.y);
        own.sort((a, b) => a - b).forEach((y, i) => (widest = i ? Math.max(widest, y - own[i - 1]) : widest));
      });
    }
    return widest;
  };
  const middle =
    wrapped.some((c) => c.y < rowLines[0]) ||
    rows.some((r) => hasFigures(r.line) && !r.line.chunks.some((c) => columnOf(c) === labelColumn)) ||
    widestGapInCells((levels) => centredOwners(levels, rowLines)) < widestGapInCells(topOwners) - 0.2 * size;
  for (const [k, levels] of wrappedLevels.entries()) {
    if (!levels.length) continue;
    const owners = (middle && centredOwners(levels, rowLines)) || (middle ? levels.map((y) => nearest(rowLines, y)) : topOwners(levels));
    for (const c of wrapped.filter((c) => (columnOf(c) ?? labelColumn) === k)) rows[owners[levels.indexOf(c.y)]].chunks.push(c);
  }

  // The header: lines right above the body that keep within the table and read as labels.
  const tableWidth = columns.spans.at(-1)!.x1 - columns.spans[0].x0;
  const unitNote = (line: Line) => line.chunks.length === 1 && labelledUnit(line.chunks[0].text) !== undefined;
  const headerLine = (line: Line) =>
    !bodyLike(line) &&
    !unitNote(line) &&
    // Nor the end of the sentence before the table ("... mưa lũ tháng 11/2020."), nor its title ("Bảng 2. ...").
    !/[:.;]$/.test(line.chunks.at(-1)!.text) &&
    !isTableTitle(lineText(line)) &&
    Math.abs(line.size - size) < 0.15 * size &&
    line.chunks.every((c) => {
      const [first, lastColumn] = columns.reach(c);
      // A header centred over the last column's narrow figures may reach well past them ("Thiệt hại (tỷ / đồng)").
      const inside = c.x0 > columns.spans[0].x0 - 1.5 * size && Math.min(c.x1, centre(c) + size) < columns.spans.at(-1)!.x1 + 1.5 * size;
      return inside && !(first === 0 && lastColumn >= 2) && c.x1 - c.x0 < 0.6 * tableWidth;
    });
  let headerStart = headerEnd;
  while (
    headerStart > floor &&
    headerEnd - headerStart < MAX_HEADER_LINES &&
    lines[headerStart].y - lines[headerStart - 1].y <= HEADER_GAP * size &&
    headerLine(lines[headerStart - 1])
  ) {
    headerStart--;
  }
  let header: TableRow<PdfCell>[] = [];
  for (; headerStart < headerEnd; headerStart++) {
    const chains = headerColumns(lines.slice(headerStart, headerEnd), columns, size);
    if (chains) {
      header = headerGrid(page.number, chains);
      break;
    }
  }
  // "Đơn vị tính: triệu đồng" on the line right above the table.
  const above = headerStart > floor ? lines[headerStart - 1] : undefined;
  let titleUnit = above && lines[headerStart].y - above.y <= CAPTION_GAP * size ? captionUnit(lineText(above)) : undefined;
  // The rest of a table from the page before, its header not set again.
  const opensPage = floor === 0 && lines.slice(0, headerStart).every((l) => l.y < MARGIN * page.height);
  if (!header.length && opensPage && page.carried?.endsPage && sameColumns(page.carried.columns, columns.spans, size)) {
    header = page.carried.header;
    titleUnit = page.carried.captionUnit;
  } else if (!titleUnit && opensPage) titleUnit = page.unitAtFootBefore;
  // Without column headers the figures say nothing of what they are: the rows stay text.
  if (!header.length) return null;

  const grid: TableRow<PdfCell>[] = [
    ...header,
    ...rows.map(({ chunks }) => columns.spans.map((_, k) => cellOf(page.number, chunks.filter((c) => (columnOf(c) ?? labelColumn) === k), false))),
  ];
  const blocks = tableCellBlocks(grid, titleUnit);
  if (!blocks || !mostlyFigures(blocks, candidates.length < 2 ? 1 : 2)) return null;

  const taken = lines.slice(headerStart, end);
  const chunks = taken.flatMap((l) => l.chunks);
  const table: PdfTable = {
    page: page.number,
    x0: Math.min(...chunks.map((c) => c.x0)),
    x1: Math.max(...chunks.map((c) => c.x1)),
    top: Math.min(...chunks.map(top)),
    bottom: Math.max(...chunks.map(bottom)),
    y: taken[0].y,
    size,
    blocks,
    glyphs: new Set(taken.flatMap((l) => l.glyphs)),
    columns: columns.spans,
    header,
    captionUnit: titleUnit,
    endsPage: false,
  };
  return { table, end };
}

/** The row whose line is nearest. */
function nearest(rowLines: number[], y: number): number {
  return rowLines.reduce((best, r, i) => (Math.abs(r - y) < Math.abs(rowLines[best] - y) ? i : best), 0);
}

/**
 * The rows of a column's wrapped lines (their baselines, top to bottom) when each cell's text is centred
 * on its row's line: as many lines above it as below. The first row's lines above it fix the rest;
 * null if the counts do not come out even.
 */
function centredOwners(levels: number[], rowLines: number[]): number[] | null {
  const owners: number[] = [];
  let above = levels.filter((y) => y < rowLines[0]).length;
  for (let r = 0; r < rowLines.length; r++) {
    const next = rowLines[r + 1] ?? Infinity;
    const gap = levels.filter((y) => y > rowLines[r] && y < next).length;
    if (gap < above) return null;
    owners.push(...Array<number>(2 * above).fill(r));
    above = gap - above;
  }
  return above === 0 && owners.length === levels.length ? owners : null;
}

/** Header lines → for each column, the stacks over it from the top (a spanning one over several columns); null if a stack stands over no column. */
function headerColumns(headerLines: Line[], columns: Columns, size: number): Stack[][] | null {
  const stacks: Stack[] = [];
  for (const chunk of headerLines.flatMap((l) => l.chunks)) {
    const aligned = (s: Stack) => {
      const under = s.chunks.at(-1)!;
      const near = (a: number, b: number) => Math.abs(a - b) < 0.5 * size;
      const lineBelow = chunk.y > under.y && chunk.y - under.y < WRAPPED_GAP * size;
      const overlap = chunk.x0 < under.x1 && under.x0 < chunk.x1;
      return lineBelow && overlap && (near(centre(chunk), centre(under)) || near(chunk.x0, under.x0) || near(chunk.x1, under.x1));
    };
    const stack = stacks.find(aligned);
    if (stack) {
      stack.chunks.push(chunk);
      stack.x0 = Math.min(stack.x0, chunk.x0);
      stack.x1 = Math.max(stack.x1, chunk.x1);
      stack.bottom = bottom(chunk);
    } else {
      stacks.push({ chunks: [chunk], x0: chunk.x0, x1: chunk.x1, top: top(chunk), bottom: bottom(chunk) });
    }
  }
  // Each column's own header: the lowest stack centred over its space.
  const lowest: (Stack | undefined)[] = columns.spans.map(() => undefined);
  for (const s of stacks) {
    const k = columns.at(centre(s));
    if (!lowest[k] || s.bottom > lowest[k].bottom) lowest[k] = s;
  }
  const upper = stacks.filter((s) => !lowest.includes(s));
  // Over it, the nearest stack standing above it that does not reach past its neighbours' headers.
  const chains = lowest.map((leaf, k) => {
    const chain: Stack[] = leaf ? [leaf] : [];
    if (!leaf) return chain;
    const at = centre(leaf);
    const neighbours = [lowest[k - 1], lowest[k + 1]].map((n) => (n ? Math.abs(centre(n) - at) : Infinity));
    for (let current = leaf; ; ) {
      const distance = (s: Stack) => (at < s.x0 ? s.x0 - at : at > s.x1 ? at - s.x1 : 0);
      const over = upper
        .filter((s) => s.bottom < current.top && distance(s) < 0.75 * neighbours[centre(s) < at ? 0 : 1])
        .sort((a, b) => distance(a) - distance(b) || b.bottom - a.bottom)[0];
      if (!over) break;
      chain.unshift(over);
      current = over;
    }
    return chain;
  });
  return upper.every((s) => chains.some((c) => c.includes(s))) ? chains : null;
}

function cellOf(page: number, chunks: Chunk[], isHeader: boolean): PdfCell | undefined {
  if (!chunks.length) return undefined;
  const ordered = [...chunks].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  return { text: ordered.map((c) => c.text).join(" "), header: isHeader, page, x: ordered[0].x0, y: ordered[0].y - ordered[0].size };
}

/** Each column's chain of header stacks → header rows, a stack spanning every position it covers. */
function headerGrid(page: number, chains: Stack[][]): TableRow<PdfCell>[] {
  const rows = Math.max(0, ...chains.map((chain) => chain.length));
  const cells = new Map<Stack, PdfCell | undefined>();
  const cell = (s: Stack) => {
    if (!cells.has(s)) cells.set(s, cellOf(page, s.chunks, true));
    return cells.get(s);
  };
  // Chains are set from the bottom; a short one's top stack spans the rows above it.
  return Array.from({ length: rows }, (_, r) => chains.map((chain) => (chain.length ? cell(chain[Math.max(0, r - (rows - chain.length))]) : undefined)));
}
