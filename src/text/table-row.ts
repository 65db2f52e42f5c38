import { alternation, lexiconRows } from "../rulebook/index.js";
import { foldPhrase } from "./fold.js";

/**
 * What opens the row written after a table cell's reading ("Thu nội địa – Thực hiện 6 tháng: 1.520.208 triệu đồng
 * (dòng: Thu nội địa 3.400.000 1.520.208 44,7)"): the readers write it, and it tells the text stage that a
 * paragraph is one cell of a table.
 */
export const TABLE_ROW_OPEN = "(dòng: ";

/** What joins a cell's row label and column headers in its reading ("Thu nội địa – Thực hiện 6 tháng: ..."). */
export const TABLE_HEADER_SEPARATOR = " – ";

/** A paragraph written as one table cell: its reading, then its row in brackets, on one line. */
export function isTableCellText(paragraph: string): boolean {
  const at = paragraph.indexOf(TABLE_ROW_OPEN);
  return at > 0 && paragraph.endsWith(")") && !paragraph.includes("\n");
}

/** How long a table cell's row label is ("Tổng cộng" in "Tổng cộng – Số vụ: 12.634 vụ (dòng: ...)"); -1 if it has none. */
export function rowLabelLength(cell: string): number {
  const ends = [cell.indexOf(TABLE_HEADER_SEPARATOR), cell.indexOf(":")].filter((at) => at > 0);
  return ends.length ? Math.min(...ends) : -1;
}

let columnRoles: { regex: RegExp; roles: Map<string, string> } | undefined;

/**
 * What a column holds, from its lowest header (rules/lexicon/table-column-roles.tsv): "plan", "outcome", "average"
 * (an average growth, "Tăng bình quân (%)"), or "ratio" for a ratio that says nothing more than the outcome it
 * measures ("So sánh (%)", "Tỷ lệ %", "Tỷ lệ giải ngân (%)"; not "So với cùng kỳ (%)").
 */
export function columnRole(header: string): string | undefined {
  if (!columnRoles) {
    const rows = lexiconRows("table-column-roles");
    columnRoles = {
      regex: new RegExp(`^(${alternation(rows.map((r) => r.surface))})(?![\\p{L}])(.*)$`, "u"),
      roles: new Map(rows.map((r) => [foldPhrase(r.surface), r.role])),
    };
  }
  const m = columnRoles.regex.exec(foldPhrase(header));
  if (!m) return undefined;
  const role = columnRoles.roles.get(m[1]);
  if (role !== "ratio") return role;
  // "Tỷ lệ giải ngân (%)": a ratio named by the outcome it measures says nothing more either.
  const rest = m[2].replace(/\s*(?:\(\s*%\s*\)|%)\s*$/u, "").trim();
  return rest === "" || columnRoles.roles.get(rest) === "outcome" ? role : undefined;
}
