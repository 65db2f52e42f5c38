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
