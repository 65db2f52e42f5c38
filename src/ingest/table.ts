/**
 * A table of figures as blocks, whatever it was read from (HTML, DOCX, PDF):
 * one block per figure cell, its row and column headers written before it
 * ("Giải quyết việc làm – KH 2024: 32.000 Người"). The reader builds the grid
 * (spans expanded: one cell object in every position it covers); this decides
 * which rows and columns are headers, which column gives units and which only
 * numbers rows, and writes each cell's text.
 */
import { foldPhrase } from "../text/fold.js";
import { alternation, escapeRegExp, lexiconRows, lexiconSurfaces } from "../rulebook/index.js";
import { columnRole, TABLE_HEADER_SEPARATOR, TABLE_ROW_OPEN } from "../text/table-row.js";

export interface TableCell {
  text: string;
  /** Marked as a header by the source (<th>, or set above a PDF table's body). */
  header: boolean;
}

/** A row of a grid: undefined where no cell covers a position. */
export type TableRow<C extends TableCell> = (C | undefined)[];

/** What one figure cell becomes: its block text and the headers that give it its meaning. */
export interface CellBlock<C extends TableCell> {
  cell: C;
  /** The grid row it stands in. */
  row: number;
  /** The cell's reading: its headers, then its figure ("Giải quyết việc làm – KH 2024: 32.000 người"). */
  text: string;
  headers: string[];
  /** Its row as a reader sees it ("1 Giải quyết việc làm người 32.000 33.150"). */
  rowText: string;
}

/**
 * A cell's block as the reader writes it: the reading, then the row as written ("… – KH 2024: 32.000 người
 * (dòng: 1 Giải quyết việc làm người 32.000 33.150)"), so that a record's sentence shows the row a reader
 * quotes. rules/patterns/nonfigure.yaml masks what follows "(dòng: " (its figures are the other cells').
 */
export const cellBlockText = (block: CellBlock<TableCell>) => `${block.text} ${TABLE_ROW_OPEN}${block.rowText})`;

/** The row's cells as a reader sees them, left to right, a cell spanning several columns once. */
function rowOfCells<C extends TableCell>(row: TableRow<C>): string {
  return [...new Set(row.filter((c): c is C => !!c && c.text !== ""))].map((c) => c.text).join(" ");
}

const HAS_DIGIT = /\d/;

// "KH 2024", "Ước TH 2024", "Năm 2023": a column's label with its year, not a figure.
const YEAR_LABEL = /^\p{L}[\p{L}\s./]*\s(?:19|20)\d{2}$/u;
/** A year alone ("2024") or a span of years ("2026-2030"): in a header cell, the column's label. */
export const YEAR = /^(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?$/u;

const DAY = /^(\d{1,2})\/(\d{1,2})(?:\/(?:19|20)\d{2})?$/;
const MONTH = /^(\d{1,2})\/(?:19|20)\d{2}$/;
const DATE_NOTE = /\s*(?:\(\s*(?:\*+|[^()\d]{1,12})\s*\)|\*+)$/u;

/**
 * A year, a span of years, a month or a day alone ("2024", "2028-2030", "3/2022", "31/3/2022", "30/6"): a column's
 * label in a header ("Giá ngày / 31/3/2022", "Thực hiện tháng / 3/2022"), not a figure.
 */
export function isDateLabel(label: string): boolean {
  // "2024(*)", "2025 (ước)": a note on how the row's figures were got leaves it a date.
  const s = label.replace(DATE_NOTE, "");
  const day = DAY.exec(s);
  const month = MONTH.exec(s);
  return (
    YEAR.test(s) ||
    (day !== null && Number(day[1]) >= 1 && Number(day[1]) <= 31 && Number(day[2]) >= 1 && Number(day[2]) <= 12) ||
    (month !== null && Number(month[1]) >= 1 && Number(month[1]) <= 12)
  );
}

/** A cell that holds a figure ("32.000", "106,3", "1,5%", "> 50 ha"), not a label. */
export const isFigure = (s: string) =>
  !YEAR_LABEL.test(s.trim()) && (/^[^\p{L}]*\d[\d\s.,%]*[^\p{L}]*$/u.test(s) || /^[^\p{L}\d]{0,3}\d[\d.,]*\s*\S{0,4}$/u.test(s));

/** A row number or a section's numeral ("1", "2.", "3.1", "II", "a)"). */
export const ROW_NUMBER = /^(?:\d{1,3}(?:\.\d{1,3})*|[ivxlc]{1,6}|[a-zđ])[.)]?$/iu;

/** A bullet standing for a sub-item's number ("-", "+", "*"). */
const ROW_BULLET = /^[-–+*•·]$/u;

/** A column of row numbers ("A", "1", "-", "2", "B"): numbers and bullets, at least one of them a number. */
export function isRowNumbering(texts: string[]): boolean {
  const cells = texts.map((t) => t.trim()).filter((t) => t !== "");
  return cells.some((t) => ROW_NUMBER.test(t)) && cells.every((t) => ROW_NUMBER.test(t) || ROW_BULLET.test(t));
}

/**
 * A cell holding only a figure ("32.000", "103,6", a change "-8,6", a range "12-13", thousands grouped by spaces
 * "1 205,6"), to which a table's unit can be added.
 */
const BARE_FIGURE = /^[<>~≈+\-−≥≤]?\s*(?:\d{1,3}(?:\s\d{3})+(?:,\d+)?|\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?)$/;

/** A table of figures (not a layout table): two or more rows and columns, figures in the body. */
function dataTable<C extends TableCell>(grid: TableRow<C>[]): { headerRows: number; headerCols: number } | null {
  const width = Math.max(0, ...grid.map((r) => r.length));
  if (grid.length < 2 || width < 2) return null;
  let headerRows = 0;
  const holdsFigures = (row: TableRow<C>) => row.some((c) => c && isFigure(c.text) && !isDateLabel(c.text.trim()));
  const headerLike = (row: TableRow<C>) => row.every((c) => !c || c.header) && !holdsFigures(row);
  while (headerRows < grid.length - 1 && headerLike(grid[headerRows])) headerRows++;
  if (headerRows === 0 && grid[0].every((c) => !c || !isFigure(c.text))) headerRows = 1;
  // A row without figures under the header, sharing cells that span down from it, is more of the header
  // (labels set in bold <td>s rather than <th>s: "So sánh (%)" over "Với KH năm | Với cùng kỳ").
  // So is one under a title spanning the whole table ("Một số mặt hàng xuất khẩu chủ lực năm 2023" over "Mặt hàng | Khối lượng ...").
  const spansFromAbove = (r: number) => grid[r].some((c, i) => c && c === grid[r - 1][i]);
  const underTitle = (r: number) => grid[r - 1].length === width && grid[r - 1].every((c) => c && c === grid[r - 1][0]);
  // So is a row of dates alone under the columns' names, a PDF's header wrapped in its cells ("Thực hiện tháng / 3/2022").
  const datesAlone = (r: number) => grid[r].some((c) => c?.text) && grid[r].every((c) => !c?.text || isDateLabel(c.text.trim()));
  while (
    headerRows > 0 &&
    headerRows < grid.length - 1 &&
    (spansFromAbove(headerRows) || underTitle(headerRows) || datesAlone(headerRows)) &&
    !holdsFigures(grid[headerRows])
  )
    headerRows++;
  const body = grid.slice(headerRows);
  if (!body.some((r) => r.some((c) => c && HAS_DIGIT.test(c.text)))) return null;
  let headerCols = 0;
  for (let col = 0; col < Math.min(2, width - 1); col++) {
    const cells = body.map((r) => r[col]).filter((c): c is C => !!c && c.text !== "");
    const wordy = cells.filter((c) => c.header || !isFigure(c.text)).length;
    // "Năm | Số người chết | Thiệt hại": a column of years or days labels its rows ("Trung bình 2014-2018" under them too),
    // as one of names does.
    const dates = cells.some((c) => isDateLabel(c.text.trim())) && cells.every((c) => isDateLabel(c.text.trim()) || c.header || !isFigure(c.text));
    if (cells.length && (wordy >= 0.6 * cells.length || dates)) {
      headerCols = col + 1;
      // "STT | Nội dung | ...": a column of row numbers ("A", "I", "1", "a)") labels nothing; the names are after it.
      if (!isRowNumbering(cells.map((c) => c.text))) break;
    }
  }
  return { headerRows, headerCols };
}

/**
 * The blocks of a data table's figure cells, row by row; null for a layout table (to be read as ordinary content).
 * `captionUnit`: the unit a caption outside the table names for all its bare figures ("(đơn vị tính: %)").
 * `rowsAsWritten`: each grid row's source text, where the reader has it (a text table's lines, "|" and all);
 * otherwise a row is shown as its cells.
 */
export function tableCellBlocks<C extends TableCell>(grid: TableRow<C>[], captionUnit?: string, rowsAsWritten?: string[]): CellBlock<C>[] | null {
  const shape = dataTable(grid);
  if (!shape) return null;
  const done = new Set<C>();
  const blocks: CellBlock<C>[] = [];
  // A header cell spanning several header rows is named once; a date alone under a header is of it ("Thực hiện tháng 3/2022").
  const columnHeaders = (c: number) =>
    [...new Set(grid.slice(0, shape.headerRows).map((row) => row[c]?.text ?? ""))]
      .filter((h) => h)
      .reduce<string[]>((named, h) => (named.length && isDateLabel(h.trim()) ? [...named.slice(0, -1), `${named.at(-1)} ${h}`] : [...named, h]), []);
  // "TT | Chỉ tiêu | ...": the row numbers name no indicator.
  const body = grid.slice(shape.headerRows);
  // "Đơn vị" heads a column of units ("Tỷ đồng", "%", "đ/kWh"), or of the bodies a row is for ("Huyện Quế Võ").
  const unitColumn = grid[0].findIndex((_, c) => {
    const cells = body.map((row) => row[c]?.text).filter((text): text is string => !!text);
    // Its own header, under a title spanning the columns or not ("MỘT SỐ CHỈ TIÊU CHỦ YẾU" over "Đơn vị tính").
    return columnHeaders(c).some(isUnitHeader) && 2 * cells.filter(isUnitPhrase).length >= cells.length && cells.length > 0;
  });
  // "Dự toán | Quyết toán | So sánh (%)": a bare ratio after the plan and the outcome is the outcome's share of the plan;
  // "Thực hiện 6 tháng năm 2016 | Ước 6 tháng năm 2017 | So sánh (%)", after two outcomes, the later against the earlier.
  // Only the columns of figures count: the labels' "Chỉ tiêu" plans nothing.
  const roles = grid[0].map((_, c) => (c < shape.headerCols ? undefined : columnRole(columnHeaders(c).at(-1) ?? "")));
  const ratioAfter = (c: number): string | null => {
    if (roles[c] !== "ratio") return null;
    const before = roles.slice(0, c);
    if (before.includes("plan") && before.includes("outcome")) return "TH/KH";
    return before.filter((role) => role === "outcome").length >= 2 ? "TH/CK" : null;
  };
  // "Thực hiện 2010 | Kế hoạch 2015 | Tăng bình quân (%)": an average growth after two years' columns is over the years
  // from the first to the second.
  const averagedSpan = (c: number): string | null => {
    if (roles[c] !== "average") return null;
    const years = new Set<number>();
    for (let before = shape.headerCols; before < c; before++) {
      for (const year of columnHeaders(before).join(" ").match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []) years.add(Number(year));
    }
    const [first, last] = [...years].sort((a, b) => a - b);
    return years.size === 2 ? `${first + 1} - ${last}` : null;
  };
  // "Chỉ tiêu (%) | 2026 | 2027": the labels' header may name the unit of every row.
  const labelsUnit = shape.headerCols > 0 ? bracketedUnit(columnHeaders(shape.headerCols - 1).at(-1)) : undefined;
  const numbering = new Set(
    Array.from({ length: shape.headerCols }, (_, c) => c).filter((c) => isRowNumbering(body.map((row) => row[c]?.text ?? ""))),
  );
  grid.forEach((row, r) => {
    if (r < shape.headerRows) return;
    row.forEach((cell, c) => {
      if (!cell || c < shape.headerCols || c === unitColumn || done.has(cell) || !cell.text) return;
      done.add(cell);
      const headers: string[] = [];
      for (let hc = 0; hc < shape.headerCols; hc++) {
        if (numbering.has(hc)) continue;
        const h = row[hc]?.text;
        if (h && !headers.includes(h)) headers.push(h);
      }
      for (const h of columnHeaders(c)) if (!headers.includes(h)) headers.push(h);
      // A figure whose unit stands in a unit column, in its header ("Tỷ lệ (%)") or at the end of its row's label carries it;
      // a row of percentages ("So với năm 2015 (%)") holds them under columns of counts ("Số dự án") too.
      const rowLabelUnit = bracketedUnit(headers.at(0));
      const unit =
        (rowLabelUnit === "%" ? rowLabelUnit : undefined) ||
        headerUnit(columnHeaders(c)) ||
        (unitColumn >= 0 ? row[unitColumn]?.text : undefined) ||
        looseHeaderUnit(columnHeaders(c)) ||
        rowLabelUnit ||
        labelsUnit ||
        captionUnit;
      const value = unit ? withUnit(cell.text, unit) : cell.text;
      const note = ratioAfter(c) ?? averagedSpan(c);
      const named = note && headers.length ? [...headers.slice(0, -1), `${headers.at(-1)} (${note})`] : headers;
      const reading = named.length ? `${named.join(TABLE_HEADER_SEPARATOR)}: ${value}` : value;
      const rowText = (rowsAsWritten?.[r] ?? rowOfCells(row)).replace(/\s+/g, " ").trim();
      blocks.push({ cell, row: r, text: reading, headers, rowText });
    });
  });
  return blocks;
}

/**
 * Blocks of a table of figures rather than of words set out in columns: most
 * are figures, in `minRows` rows or more (one where a table starts at the foot
 * of a page). For tables found from layout alone (PDF, plain text), where the
 * writer did not say "this is a table".
 */
export function mostlyFigures<C extends TableCell>(blocks: CellBlock<C>[], minRows = 2): boolean {
  const figures = blocks.filter((b) => isFigure(b.cell.text));
  return new Set(figures.map((b) => b.row)).size >= minRows && 2 * figures.length > blocks.length;
}

let unitHeaders: Set<string> | undefined;

/** A column header that gives each row's unit ("Đơn vị", "ĐVT"; rules/lexicon/table-unit-headers.tsv). */
function isUnitHeader(header: string): boolean {
  unitHeaders ??= new Set(lexiconSurfaces("table-unit-headers").map((s) => foldPhrase(s)));
  return unitHeaders.has(foldPhrase(header));
}

let tableTitle: RegExp | undefined;

/** A table's title with its number ("Bảng 2. Tỷ lệ ...", "Biểu 1", "Phụ lục 03"; rules/lexicon/table-title-words.tsv). */
export function isTableTitle(text: string): boolean {
  tableTitle ??= new RegExp(`^(?:${alternation(lexiconSurfaces("table-title-words"))})\\s+(?:số\\s+)?(?:\\d{1,3}|[IVX]{1,5})(?![\\p{L}\\p{N}])`, "iu");
  return tableTitle.test(text.normalize("NFC").trim());
}

let unitLabel: RegExp | undefined;

/**
 * The unit a column's headers name, the nearest first: in brackets ("Tỷ lệ (%)" → "%", "So sánh (%)" over
 * "Cùng kỳ" → "%"), or after a unit label, as a table's title names it ("Kết quả thu 9 tháng năm 2024
 * (Đơn vị: tỷ đồng)" → "tỷ đồng").
 */
function headerUnit(headers: string[]): string | undefined {
  const nearestFirst = [...headers].reverse();
  for (const header of nearestFirst) {
    // "% so với KH", "Tỷ lệ % so cùng kỳ", "Tăng (+), giảm (-) %", "Đạt % chỉ tiêu": a column of percentages,
    // whatever the row's unit.
    if (/^\s*(?:tỷ\s+lệ\s*)?%|\s%\s*$|\s%\s+\p{L}/iu.test(header)) return "%";
    const labelled = labelledUnit(header);
    if (labelled) return labelled;
    // "Khối lượng (nghìn tấn)" under "Mặt hàng xuất khẩu năm 2023 (ước)": a unit in brackets before other brackets.
    const own = bracketedUnit(header);
    if (own) return own;
  }
  return undefined;
}

/**
 * What a column's headers may name as a unit without a unit of the lexicon: short brackets ("Số hộ (lượt)"), or the
 * thing its lowest header counts ("Số vụ" → "vụ"). A row's own unit column comes first: "Năm 2021 (ước thực hiện)".
 * Brackets that mark the column's figures as estimates ("2024 (ước)", estimate-cues.tsv) or as running totals ("Xã đạt
 * chuẩn NTM (lũy kế)", running-total-markers.tsv) name no unit.
 */
function looseHeaderUnit(headers: string[]): string | undefined {
  const notes = (columnNotes ??= new Set([...lexiconSurfaces("estimate-cues"), ...lexiconSurfaces("running-total-markers")].map((s) => foldPhrase(s))));
  const own = [...headers].reverse().map(endingBrackets).find((inside) => inside && !notes.has(foldPhrase(inside)));
  return own ?? countedUnit(headers.at(-1) ?? "");
}

let columnNotes: Set<string> | undefined;
let figureNotes: Set<string> | undefined;

/**
 * A cell's text with its table's unit after the figure: "32.000" → "32.000 tỷ đồng", and before a note on how the
 * figure was got ("2.716,5 (ước)" → "2.716,5 tỷ đồng (ước)"; rules/lexicon/period-notes.tsv); else as it is.
 */
function withUnit(text: string, unit: string): string {
  if (isBareFigure(text)) return `${text} ${unit}`;
  figureNotes ??= new Set(lexiconSurfaces("period-notes").map((s) => foldPhrase(s)));
  const noted = /^(.*?\d)\s*\(([^()]{1,20})\)$/u.exec(text.trim());
  return noted && isBareFigure(noted[1]) && figureNotes.has(foldPhrase(noted[2]).trim()) ? `${noted[1]} ${unit} (${noted[2]})` : text;
}

/** A figure with nothing after it: "84,6", "≥ 95", or after a qualifier or a verb of change, "Trên 75", "tăng 21,4" (qualifiers.tsv, change-verbs.tsv). */
function isBareFigure(text: string): boolean {
  wordsBefore ??= new Set([...lexiconSurfaces("qualifiers", "position", "before"), ...lexiconSurfaces("change-verbs")].map((s) => foldPhrase(s)));
  const figure = /\d[\d.,]*$/.exec(text)?.index;
  if (figure === undefined) return false;
  const before = foldPhrase(text.slice(0, figure).trim());
  return BARE_FIGURE.test(text) || wordsBefore.has(before);
}

let wordsBefore: Set<string> | undefined;

/**
 * The unit a row's label or a column's header ends with, in brackets ("Tỷ lệ khám phá án hình sự (%)", "Số xã đạt
 * chuẩn (xã)", "Thu ngân sách (tỷ đồng)"), when it is a unit of rules/lexicon/units.tsv after any magnitudes
 * (magnitudes.tsv): a label's brackets say other things too ("Thu nội địa (trừ dầu thô)", "(ước)").
 */
function bracketedUnit(label: string | undefined): string | undefined {
  const inBrackets = label && endingBrackets(label);
  return inBrackets && isUnitPhrase(inBrackets) ? inBrackets : undefined;
}

/**
 * A unit of rules/lexicon/units.tsv after any magnitudes (magnitudes.tsv), or per another, or per a month or a year:
 * "tỷ đồng", "nghìn tấn", "đ/kWh", "triệu đồng/tháng".
 */
function isUnitPhrase(text: string): boolean {
  if (!unitPhrase) {
    const unit = alternation(lexiconSurfaces("units"));
    unitPhrase = new RegExp(`^(?:(?:${alternation(lexiconSurfaces("magnitudes"))})\\s+)*(?:${unit})(?:\\s*/\\s*(?:${unit}))?(?:\\s*/\\s*(?:tháng|năm))?$`, "u");
  }
  return unitPhrase.test(foldPhrase(text));
}

/** What a header or label ends with in brackets, short, without numbers, a word or a percent sign ("Tỷ lệ (%)" → "%"; not "Tăng (+), giảm (-)"). */
function endingBrackets(text: string): string | undefined {
  // "(nghìn tỷ đồng, giá hiện hành)": the unit before what else the brackets say.
  const inside = /\(([^(),]{1,20})(?:,[^()]{1,30})?\)\s*$/.exec(text.trim())?.[1].trim();
  // A digit only as part of a unit ("m3", "km2"), not a number ("Quý 1", "2021").
  return inside && /[\p{L}%‰]/u.test(inside) && !/(?<!\p{L})\d/u.test(inside) ? inside : undefined;
}

let unitPhrase: RegExp | undefined;

let countUnits: RegExp | undefined;

/**
 * The unit a column of counts names after "Số" ("Số vụ" → "vụ", "Số người chết" → "người") or before what the column
 * holds ("Giường kế hoạch năm 2017" → "giường"; rules/lexicon/units.tsv).
 */
function countedUnit(header: string): string | undefined {
  if (!countUnits) {
    const byLength = (a: string, b: string) => b.length - a.length;
    const units = lexiconSurfaces("units").sort(byLength).map(escapeRegExp);
    // Classes of units a column may count by what befell them (unit-classes.tsv): people, households, dwellings, cases, animals.
    const befallen = new Set(lexiconSurfaces("unit-classes", "befallen", "yes"));
    const counted = lexiconRows("units").filter((row) => befallen.has(row.class)).map((row) => row.surface).sort(byLength).map(escapeRegExp);
    // "Số vụ", a unit before what the column is ("Giường kế hoạch năm 2017", "Lao động thực hiện 2024"), or people or
    // things counted by what befell them ("Người chết", "Nhà bị hư hỏng", "Hộ thiếu nước").
    countUnits = new RegExp(
      `^(?:số\\s+(${units.join("|")})(?![\\p{L}])|(${units.join("|")})\\s+(?:kế\\s+hoạch|thực\\s+hiện|ước|dự\\s+kiến|năm|kh|th)(?![\\p{L}])` +
        `|(${counted.join("|")})\\s+(?:bị\\s+)?\\p{L}+(?:\\s+\\p{L}+){0,3}$)`,
      "iu",
    );
  }
  const m = countUnits.exec(header.normalize("NFC").trim());
  if (!m) return undefined;
  const named = m[2] ?? m[3];
  // A heading's capital is not the unit's ("Giường" → "giường").
  return m[1] ?? lexiconSurfaces("units").find((u) => u.toLowerCase() === named.toLowerCase()) ?? named;
}

/**
 * The unit a table's caption or title line names for its bare figures: after a label ("ĐVT: triệu đồng"), or in
 * brackets closing a short title ("Nồng độ PM2.5 trung bình năm tại một số trạm quan trắc (µg/m3)"), not a sentence's.
 */
export function captionUnit(caption: string): string | undefined {
  const title = caption.trim().replace(/:$/u, "");
  return labelledUnit(title) ?? (title.length <= 160 && !/[.;!?](?:\s|$)/u.test(title) ? bracketedUnit(title) : undefined);
}

/** The unit after a label of table-unit-headers.tsv and a colon ("Đơn vị: tỷ đồng", "ĐVT: %"). */
export function labelledUnit(header: string): string | undefined {
  if (!unitLabel) {
    const labels = lexiconSurfaces("table-unit-headers").map(escapeRegExp);
    unitLabel = new RegExp(`(?:^|[\\s(])(?:${labels.join("|")})\\s*:\\s*([^()]{1,20}?)\\s*(?:\\)|$)`, "iu");
  }
  const named = unitLabel.exec(header.normalize("NFC"))?.[1];
  // "Đơn vị tính: triệu đồng, hộ": the units of the table's columns, the first of the figures; a column of counts
  // names its own ("Số hộ còn dư nợ").
  const first = named?.split(/\s*[,;]\s*/u)[0];
  return first && first !== named && isUnitPhrase(first) ? first : named;
}
