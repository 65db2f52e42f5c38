/**
 * Plain text: paragraphs are runs of non-blank lines. Line breaks inside a
 * paragraph are kept (the text stage decides what they mean); each block
 * records where it sits in the decoded source.
 *
 * A paragraph whose every line is a row of the same number of cells (three or
 * more) is a table when most of the cells it gives are figures: cells are
 * split at tabs, at "|" (Markdown tables, their "---" rule dropped, and boxes
 * drawn with "+---+" borders), or at
 * runs of two or more spaces when every column keeps its cells aligned (left,
 * right or centred) over the rows with figures. Leading rows without figures
 * are the header (there must be one). A table set out in fixed columns under
 * a rule of dashes ("---  --------  -----", as pdftotext -layout and hand-made
 * tables write them) takes its columns from the rule: the lines above it are
 * the header, joined column by column ("Dự toán" over "HĐND giao"), and a row
 * may leave a column empty (a total row without a number). The table goes through the same emission as HTML and PDF
 * tables (table.ts), each cell's block keeping the cell's range in the source.
 */
import { TextBuilder } from "./builder.js";
import { captionUnit, cellBlockText, isDateLabel, isFigure, mostlyFigures, tableCellBlocks, type CellBlock, type TableCell } from "./table.js";

export function plainTextBlocks(source: string): TextBuilder {
  const builder = new TextBuilder();
  const paragraph = /[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*/g;
  const normalised = source.replace(/\r\n?/g, (m) => (m.length === 2 ? " \n" : "\n"));
  let caption = "";
  const addParagraph = (text: string, start: number) => {
    const body = text.split("\n").map((line) => line.trimEnd()).join("\n");
    builder.add("paragraph", body, { sourceRange: [start, start + text.length] });
  };
  const addTable = (table: CellBlock<TextCell>[]) => {
    for (const block of table) builder.add("table-cell", cellBlockText(block), { headers: block.headers, sourceRange: [block.cell.start, block.cell.end] });
  };
  for (const match of normalised.matchAll(paragraph)) {
    const start = match.index;
    // "Kết quả thực hiện một số chỉ tiêu (đơn vị tính: %):" before a table gives its bare figures their unit.
    const table = textTable(match[0], start, captionUnit(caption));
    if (table) {
      addTable(table);
      caption = match[0];
      continue;
    }
    const inner = tableWithin(match[0], start, caption);
    caption = match[0];
    if (!inner) {
      addParagraph(match[0], start);
      continue;
    }
    if (inner.before) addParagraph(inner.before, start);
    addTable(inner.table);
    if (inner.after) addParagraph(inner.after, start + match[0].length - inner.after.length);
  }
  return builder;
}

/** A line that splits into cells: a tab, two spaces or more between words, or a "|" between cells. */
const CELL_LINE = /\t|\S {2,}\S|\S[^\S\n]*\|[^\S\n]*\S/;

/**
 * A table set in a paragraph between lines of prose, as text copied from a report runs them together: "Bảng 1.
 * Kết quả ..." or "Đơn vị tính: tỷ đồng" above the rows, "(Nguồn: ...)" below. The one run of three lines or more
 * that split into cells is the table; the lines before it are its caption (they may give its unit), or else the
 * paragraph before.
 */
function tableWithin(paragraph: string, offset: number, previous: string): { before: string; table: CellBlock<TextCell>[]; after: string } | null {
  const lines = paragraph.split("\n");
  let first = lines.findIndex((l) => CELL_LINE.test(l));
  if (first < 0) return null;
  // A box's top border ("+------+-----+") is the table's.
  if (first > 0 && BOX_BORDER.test(lines[first - 1])) first--;
  // A solid rule under the header goes on with the table, and so does a label wrapped onto a line of its own
  // between rows; a second rule, after the rows, closes it.
  let end = first;
  const rowsFollow = (k: number) => lines.slice(k + 1).some((l) => CELL_LINE.test(l) || SOLID_RULE.test(l));
  for (let rules = 0; end < lines.length; ) {
    const line = lines[end];
    if (!CELL_LINE.test(line) && !SOLID_RULE.test(line) && !BOX_BORDER.test(line) && !(rules === 1 && rowsFollow(end))) break;
    end++;
    if (SOLID_RULE.test(line) && ++rules === 2) break;
  }
  if (end - first < 3 || (first === 0 && end === lines.length)) return null;
  const before = lines.slice(0, first).join("\n");
  const runStart = first === 0 ? 0 : before.length + 1;
  const run = lines.slice(first, end).join("\n");
  const table = textTable(run, offset + runStart, captionUnit(before) ?? captionUnit(previous));
  if (!table) return null;
  return { before, table, after: lines.slice(end).join("\n") };
}

interface TextCell extends TableCell {
  /** [start, end) of the cell's text in the source. */
  start: number;
  end: number;
}

interface Line {
  text: string;
  /** Where the line starts in the source. */
  offset: number;
}

const MARKDOWN_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The text between `from` and `to` on a line, trimmed, as a cell. */
function cellOf(line: Line, from: number, to: number): TextCell {
  const raw = line.text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, header: false, start: line.offset + from + lead, end: line.offset + from + lead + text.length };
}

/** A line split at every match of a separator. */
function splitAt(line: Line, separator: RegExp): TextCell[] {
  const cells: TextCell[] = [];
  let from = 0;
  for (const m of line.text.matchAll(separator)) {
    cells.push(cellOf(line, from, m.index));
    from = m.index + m[0].length;
  }
  cells.push(cellOf(line, from, line.text.length));
  return cells;
}

const tabCells = (line: Line) => splitAt(line, /\t/g);

/** "| a | b |": the cells between the pipes, the outer pipes opening and closing the row. */
function pipeCells(line: Line): TextCell[] {
  const cells = splitAt(line, /\|/g);
  if (/^\s*\|/.test(line.text)) cells.shift();
  if (/\|\s*$/.test(line.text)) cells.pop();
  return cells;
}

/** Runs of text with single spaces inside, as cells. */
const spacedCells = (line: Line): TextCell[] => [...line.text.matchAll(/\S+(?: \S+)*/g)].map((m) => cellOf(line, m.index, m.index + m[0].length));

/** Rows of three cells or more, as many in each, or (ragged) some leaving out empty cells at their end or labelling a group. */
function evenRows(lines: Line[], split: (line: Line) => TextCell[], ragged = false): TextCell[][] | null {
  const rows = lines.map(split);
  const width = Math.max(...rows.map((r) => r.length));
  // Ragged: a row may stop short, and a label row without figures ("\tTrong đó:") may be shorter still.
  const even = rows.every((r) => r.length === width || (ragged && (r.length >= 3 || !r.some((c) => isFigure(c.text)))));
  if (width < 3 || !even) return null;
  for (const row of rows) while (row.length < width) row.push({ text: "", header: false, start: row.at(-1)!.end, end: row.at(-1)!.end });
  return rows;
}

const hasFigures = (row: TextCell[]) => row.slice(1).some((c) => isFigure(c.text) && !isDateLabel(c.text));

/** A rule of dashes under a fixed-column header, one run of dashes a column: "---  ----------  -------". */
const COLUMN_RULE = /^[^\S\n]*-{2,}(?:[^\S\n]+-{2,}){2,}[^\S\n]*$/;

/** A border of a box drawn in characters, between any of its rows ("+------+-----+", "+====+"). */
const BOX_BORDER = /^[^\S\n]*\+(?:[-=]{3,}\+)+[^\S\n]*$/;

/** One rule of dashes (or "=") across the table, under its header and after its rows. */
const SOLID_RULE = /^[^\S\n]*(?:-{10,}|={10,})[^\S\n]*$/;

/**
 * A table under one solid rule, its columns set with spaces: the rule each column's dashes would make, from where
 * the text of the rows with figures stands, put in the solid rule's place (the closing rule and after left out).
 * Null unless a header stands above the rule and nothing but rows, up to a closing rule, below it.
 */
function columnRuleOf(lines: Line[]): { lines: Line[]; ruleAt: number } | null {
  const rules = lines.flatMap((l, i) => (SOLID_RULE.test(l.text) ? [i] : []));
  const [open, close = lines.length] = rules;
  if (open === undefined || open < 1 || rules.length > 2 || close < lines.length - 1) return null;
  const rows = lines.slice(open + 1, close).filter((l) => hasFigures(spacedCells(l)));
  if (rows.length < 2) return null;
  const width = Math.max(...rows.map((l) => l.text.length));
  const inked = Array.from({ length: width }, (_, at) => rows.some((l) => spacedCells(l).some((c) => c.start - l.offset <= at && at < c.end - l.offset)));
  const rule = inked.map((ink) => (ink ? "-" : " ")).join("");
  if ((rule.match(/-+/g)?.length ?? 0) < 3) return null;
  return { lines: [...lines.slice(0, open), { text: rule, offset: lines[open].offset }, ...lines.slice(open + 1, close)], ruleAt: open };
}

/**
 * A table in fixed columns under a rule of dashes: each run of text (words one space apart) goes to the
 * column it overlaps most, or the nearest; the lines above the rule are one header row, joined by column.
 */
function ruledTable(
  lines: Line[],
  ruleAt = lines.findIndex((l) => COLUMN_RULE.test(l.text)),
): { grid: Array<Array<TextCell | undefined>>; rowsAsWritten: string[] } | null {
  if (ruleAt < 1 || ruleAt >= lines.length - 1) return null;
  const columns = [...lines[ruleAt].text.matchAll(/-+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const distance = (run: TextCell, line: Line, c: number) => {
    const [from, to] = [run.start - line.offset, run.end - line.offset];
    const overlap = Math.min(to, columns[c].end) - Math.max(from, columns[c].start);
    return overlap > 0 ? -overlap : Math.max(columns[c].start - to, from - columns[c].end);
  };
  const byColumn = (line: Line): TextCell[][] => {
    const cells: TextCell[][] = columns.map(() => []);
    for (const run of spacedCells(line)) {
      const nearest = columns.reduce((best, _, c) => (distance(run, line, c) < distance(run, line, best) ? c : best), 0);
      cells[nearest].push(run);
    }
    return cells;
  };
  const joined = (parts: TextCell[]): TextCell | undefined =>
    parts.length ? { text: parts.map((p) => p.text).join(" "), header: false, start: parts[0].start, end: parts.at(-1)!.end } : undefined;
  const headerParts = columns.map((): TextCell[] => []);
  for (const line of lines.slice(0, ruleAt)) byColumn(line).forEach((parts, c) => headerParts[c].push(...parts));
  const header = headerParts.map((parts) => {
    const cell = joined(parts);
    return cell && { ...cell, header: true };
  });
  // A label wrapped onto a line of its own, nothing else on it, goes on with the row above; it goes on in lower
  // case ("phụ tùng khác"), where a group's title ("Trong đó:", "II. CHI") opens a row of its own.
  const rows: { parts: TextCell[][]; written: string }[] = [];
  for (const line of lines.slice(ruleAt + 1)) {
    const parts = byColumn(line);
    const filled = parts.filter((p) => p.length);
    const above = rows.at(-1);
    if (above && filled.length === 1 && /^\p{Ll}/u.test(filled[0][0].text) && !filled[0].some((c) => isFigure(c.text))) {
      parts.forEach((p, c) => above.parts[c].push(...p));
      above.written += ` ${line.text.trim()}`;
    } else rows.push({ parts, written: line.text });
  }
  return {
    grid: [header, ...rows.map((row) => row.parts.map(joined))],
    rowsAsWritten: [lines.slice(0, ruleAt).map((l) => l.text).join(" "), ...rows.map((row) => row.written)],
  };
}

/** Every column's cells start, end or centre at one place in the rows with figures. */
function aligned(rows: TextCell[][], lines: Line[]): boolean {
  const body = rows.map((row, i) => ({ row, offset: lines[i].offset })).filter(({ row }) => hasFigures(row));
  return rows[0].every((_, k) => {
    const at = body.map(({ row, offset }) => [row[k].start - offset, row[k].end - offset]);
    const same = (values: number[], slack: number) => Math.max(...values) - Math.min(...values) <= slack;
    return same(at.map(([s]) => s), 1) || same(at.map(([, e]) => e), 1) || same(at.map(([s, e]) => s + e), 2);
  });
}

/** The table's blocks, if the paragraph is a table of figures. */
function textTable(paragraph: string, offset: number, titleUnit: string | undefined): CellBlock<TextCell>[] | null {
  const written: Line[] = [];
  let at = offset;
  for (const text of paragraph.split("\n")) {
    // Trailing tabs are empty cells; trailing spaces are nothing (a CR became one).
    written.push({ text: text.replace(/[^\S\t]+$/, ""), offset: at });
    at += text.length + 1;
  }
  const ruledBySpaces = columnRuleOf(written);
  const lines = ruledBySpaces?.lines ?? written.filter((l) => !MARKDOWN_RULE.test(l.text) && !BOX_BORDER.test(l.text));
  if (lines.length < 3) return null;
  const ruled = ruledTable(lines, ruledBySpaces?.ruleAt);
  if (ruled) {
    const blocks = tableCellBlocks(ruled.grid, titleUnit, ruled.rowsAsWritten);
    return blocks && mostlyFigures(blocks) ? blocks : null;
  }
  const tabbed = lines.every((l) => l.text.includes("\t"));
  const piped = !tabbed && lines.every((l) => l.text.includes("|"));
  const rows = tabbed
    ? (evenRows(lines, tabCells) ?? evenRows(lines, (l) => splitAt(l, /\t+/g)) ?? evenRows(lines, tabCells, true))
    : piped
      ? (evenRows(lines, pipeCells) ?? evenRows(lines, pipeCells, true))
      : evenRows(lines, spacedCells);
  if (!rows || (!tabbed && !piped && !aligned(rows, lines))) return null;
  // Without a header the figures say nothing of what they are.
  const headerRows = rows.findIndex(hasFigures);
  if (headerRows < 1) return null;
  for (const row of rows.slice(0, headerRows)) for (const cell of row) cell.header = true;
  const grid = rows.map((row) => row.map((c) => (c.text ? c : undefined)));
  const blocks = tableCellBlocks(grid, titleUnit, lines.map((l) => l.text));
  return blocks && mostlyFigures(blocks) ? blocks : null;
}
