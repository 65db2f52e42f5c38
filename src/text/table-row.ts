/**
 * What opens the row written after a table cell's reading ("Thu nội địa – Thực hiện 6 tháng: 1.520.208 triệu đồng
 * (dòng: Thu nội địa 3.400.000 1.520.208 44,7)"): the readers write it, and it tells the text stage that a
 * paragraph is one cell of a table.
 */
export const TABLE_ROW_OPEN = "(dòng: ";

/** A paragraph written as one table cell: its reading, then its row in brackets, on one line. */
export function isTableCellText(paragraph: string): boolean {
  const at = paragraph.indexOf(TABLE_ROW_OPEN);
  return at > 0 && paragraph.endsWith(")") && !paragraph.includes("\n");
}
