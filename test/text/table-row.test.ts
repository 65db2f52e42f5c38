import { describe, expect, it } from "vitest";
import { prepareText } from "../../src/text/index.js";
import { isTableCellText, rowLabelLength, TABLE_ROW_OPEN } from "../../src/text/table-row.js";

describe("table cells in text", () => {
  it("knows a cell's block by the row written after its reading, on one line", () => {
    expect(isTableCellText(`Thu nội địa – Thực hiện 6 tháng: 1.520.208 triệu đồng ${TABLE_ROW_OPEN}Thu nội địa 3.400.000 1.520.208 44,7)`)).toBe(true);
    expect(isTableCellText("Thu nội địa đạt 1.520.208 triệu đồng (bằng 44,7% dự toán).")).toBe(false);
    expect(isTableCellText(`${TABLE_ROW_OPEN}1 2 3)\nvà dòng khác)`)).toBe(false);
  });

  it("marks the paragraphs that are table cells", () => {
    const doc = prepareText(`Kết quả thu ngân sách như sau:\n\nThu nội địa – Dự toán năm 2020: 3.400.000 triệu đồng ${TABLE_ROW_OPEN}Thu nội địa 3.400.000 1.520.208)`);
    expect(doc.paragraphs.map((p) => p.tableCell)).toEqual([false, true]);
  });

  it("finds a cell's row label before its first header, or before the colon of a cell without headers", () => {
    expect(rowLabelLength(`Tổng cộng – Số vụ: 12.634 vụ ${TABLE_ROW_OPEN}Tổng cộng 12.634)`)).toBe("Tổng cộng".length);
    expect(rowLabelLength(`Công nghiệp - xây dựng: 5.902 tỷ đồng ${TABLE_ROW_OPEN}Công nghiệp - xây dựng 5.902)`)).toBe("Công nghiệp - xây dựng".length);
    expect(rowLabelLength("5.902 tỷ đồng")).toBe(-1);
  });
});
