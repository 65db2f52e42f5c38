/** A grid of cells → one block per figure cell, whatever the table was read from. */
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { isRowNumbering, labelledUnit, tableCellBlocks, type TableCell } from "../../src/ingest/table.js";
import { cellReadings } from "../fixtures/ingest/cells.js";

const header = (...texts: string[]): TableCell[] => texts.map((text) => ({ text, header: true }));
const row = (...texts: string[]): (TableCell | undefined)[] => texts.map((text) => (text ? { text, header: false } : undefined));
const texts = (grid: (TableCell | undefined)[][]) => tableCellBlocks(grid)?.map((b) => b.text) ?? null;
/** Titles spanning a table's columns, one cell set in each. */
const TITLE: TableCell = { text: "MỘT SỐ CHỈ TIÊU CHỦ YẾU", header: true };
const EXPORTS: TableCell = { text: "Mặt hàng xuất khẩu chủ lực năm 2023 (ước)", header: false };

describe("tableCellBlocks", () => {
  it("writes row and column headers before each figure, and the unit column's unit or the header's after it", () => {
    const grid = [
      header("TT", "Chỉ tiêu", "ĐVT", "KH 2024", "TH 2024", "So với KH (%)"),
      row("1", "Thu ngân sách nhà nước", "Tỷ đồng", "3.500", "3.720", "106,3"),
      row("1.1", "Thu nội địa", "Tỷ đồng", "3.100", "3.250", "104,8"),
      row("II", "Tỷ lệ hộ nghèo", "%", "2,5", "2,3", ""),
    ];
    expect(texts(grid)).toEqual([
      "Thu ngân sách nhà nước – KH 2024: 3.500 Tỷ đồng",
      "Thu ngân sách nhà nước – TH 2024: 3.720 Tỷ đồng",
      "Thu ngân sách nhà nước – So với KH (%): 106,3 %",
      "Thu nội địa – KH 2024: 3.100 Tỷ đồng",
      "Thu nội địa – TH 2024: 3.250 Tỷ đồng",
      "Thu nội địa – So với KH (%): 104,8 %",
      "Tỷ lệ hộ nghèo – KH 2024: 2,5 %",
      "Tỷ lệ hộ nghèo – TH 2024: 2,3 %",
    ]);
    expect(tableCellBlocks(grid)![1].headers).toEqual(["Thu ngân sách nhà nước", "TH 2024"]);
  });

  it("takes a column of row numbers and bullets ('A', '1', '-', 'B') for numbering, not for the rows' labels", () => {
    const grid = [
      header("STT", "Nội dung", "Dự toán năm 2023"),
      row("A", "TỔNG THU NSNN", "12.860.000"),
      row("1", "Thu nội địa", "11.250.000"),
      row("-", "Thu tiền sử dụng đất", "4.000.000"),
      row("B", "TỔNG CHI NSĐP", "18.149.300"),
    ];
    expect(texts(grid)).toEqual([
      "TỔNG THU NSNN – Dự toán năm 2023: 12.860.000",
      "Thu nội địa – Dự toán năm 2023: 11.250.000",
      "Thu tiền sử dụng đất – Dự toán năm 2023: 4.000.000",
      "TỔNG CHI NSĐP – Dự toán năm 2023: 18.149.300",
    ]);
    // Bullets alone number nothing, nor do labels among numbers.
    expect(isRowNumbering(["-", "+", "-"])).toBe(false);
    expect(isRowNumbering(["1", "-", "Tổng cộng"])).toBe(false);
    expect(isRowNumbering(["I", "1", "+", "a)", ""])).toBe(true);
  });

  it("reads a first column of years as the rows' labels, a total row among them too", () => {
    const grid = [header("Năm", "Số người chết", "Thiệt hại (tỷ đồng)"), row("2014", "9", "612"), row("2015", "11", "845"), row("Trung bình 2014-2015", "10", "728,5")];
    expect(texts(grid)).toEqual([
      "2014 – Số người chết: 9 người",
      "2014 – Thiệt hại (tỷ đồng): 612 tỷ đồng",
      "2015 – Số người chết: 11 người",
      "2015 – Thiệt hại (tỷ đồng): 845 tỷ đồng",
      "Trung bình 2014-2015 – Số người chết: 10 người",
      "Trung bình 2014-2015 – Thiệt hại (tỷ đồng): 728,5 tỷ đồng",
    ]);
    // A year with a note on its figures ("2024(*)", "2025 (ước)") labels its row too.
    const noted = [header("Năm", "Đoàn viên (người)"), row("2023", "81.047"), row("2024(*)", "82.365"), row("2025 (ước)", "83.100")];
    expect(texts(noted)).toEqual(["2023 – Đoàn viên (người): 81.047 người", "2024(*) – Đoàn viên (người): 82.365 người", "2025 (ước) – Đoàn viên (người): 83.100 người"]);
    // A column of figures is no label, though a year may stand among them.
    const counts = [header("Chỉ tiêu", "Số hồ sơ", "Đã giải quyết"), row("Đất đai", "2019", "1.845"), row("Xây dựng", "612", "598")];
    expect(texts(counts)?.[0]).toBe("Đất đai – Số hồ sơ: 2019 hồ sơ");
  });

  it("reads a bare ratio after a plan column and an outcome column as the outcome's share of the plan", () => {
    const budget = [header("TT", "Nội dung", "Dự toán", "Quyết toán", "So sánh (%)"), row("1", "Thu nội địa", "2.980.000", "3.498.106", "117,4"), row("2", "Chi thường xuyên", "8.912.400", "8.785.330", "98,6")];
    expect(texts(budget)?.filter((t) => t.includes("So sánh"))).toEqual(["Thu nội địa – So sánh (%) (TH/KH): 117,4 %", "Chi thường xuyên – So sánh (%) (TH/KH): 98,6 %"]);
    // The headers kept for the cell are the table's own.
    expect(tableCellBlocks(budget)![2].headers).toEqual(["Thu nội địa", "So sánh (%)"]);
    // Between two years, or against the same period, it says nothing of a plan.
    const years = [header("Chỉ tiêu", "Năm 2022", "Năm 2023", "So sánh (%)"), row("Thu nội địa", "2.980", "3.498", "117,4")];
    expect(texts(years)?.at(-1)).toBe("Thu nội địa – So sánh (%): 117,4 %");
    const sameTime = [header("Chỉ tiêu", "Kế hoạch", "Thực hiện", "So với cùng kỳ (%)"), row("Thu nội địa", "2.980", "3.498", "108,2")];
    expect(texts(sameTime)?.at(-1)).toBe("Thu nội địa – So với cùng kỳ (%): 108,2 %");
  });

  it("gives a column headed by '%' percentages, whatever the row's unit column says", () => {
    const grid = [
      header("Chỉ tiêu", "ĐVT", "Kế hoạch", "% so với KH"),
      row("Cấp giấy chứng nhận lần đầu", "Giấy", "1.200", "113,0"),
      row("Diện tích đất thu hồi", "ha", "85", "85,2"),
    ];
    expect(texts(grid)?.filter((t) => t.includes("% so với KH"))).toEqual(["Cấp giấy chứng nhận lần đầu – % so với KH: 113,0 %", "Diện tích đất thu hồi – % so với KH: 85,2 %"]);
  });

  it("gives a figure its unit before a note on how it was got ('2.716,5 (ước)'), not before other words in brackets", () => {
    const grid = [header("Năm", "Dư nợ ủy thác (tỷ đồng)", "Hội viên (nghìn người)"), row("2024", "2.716,5 (ước)", "334,8 (xem ghi chú)")];
    expect(texts(grid)).toEqual(["2024 – Dư nợ ủy thác (tỷ đồng): 2.716,5 tỷ đồng (ước)", "2024 – Hội viên (nghìn người): 334,8 (xem ghi chú)"]);
  });

  it("reads an average growth after two years' columns as over the years between them", () => {
    const plan = [header("Chỉ tiêu", "ĐVT", "Thực hiện 2010", "Kế hoạch 2015", "Tăng bình quân (%)"), row("Thu ngân sách", "tỷ đồng", "735", "1.500", "15,3")];
    expect(texts(plan)?.at(-1)).toBe("Thu ngân sách – Tăng bình quân (%) (2011 - 2015): 15,3 %");
    // Over three years' columns, or none, the span is not said.
    const yearly = [header("Chỉ tiêu", "2021", "2022", "2023", "Tăng bình quân (%)"), row("Thu ngân sách", "735", "810", "900", "10,7")];
    expect(texts(yearly)?.at(-1)).toBe("Thu ngân sách – Tăng bình quân (%): 10,7 %");
  });

  it("gives a row's unit column before a header's brackets that hold no unit of the lexicon", () => {
    const grid = [header("Chỉ tiêu", "ĐVT", "Năm 2021 (ước thực hiện)", "Số hộ (lượt)"), row("Nhà ở xã hội hoàn thành", "căn", "3.200", "")];
    expect(texts(grid)).toEqual(["Nhà ở xã hội hoàn thành – Năm 2021 (ước thực hiện): 3.200 căn"]);
    const noUnitColumn = [header("Chỉ tiêu", "Số hộ (lượt)"), row("Hỗ trợ vay vốn", "1.250")];
    expect(texts(noUnitColumn)).toEqual(["Hỗ trợ vay vốn – Số hộ (lượt): 1.250 lượt"]);
    // A column's brackets that mark its figures as estimates name no unit: the row's label does.
    const estimated = [header("Chỉ tiêu", "2023", "2024 (ước)"), row("Dân số trung bình (nghìn người)", "1.194,2", "1.199,8")];
    expect(texts(estimated)).toEqual([
      "Dân số trung bình (nghìn người) – 2023: 1.194,2 nghìn người",
      "Dân số trung bình (nghìn người) – 2024 (ước): 1.199,8 nghìn người",
    ]);
    // Nor do brackets that mark them as running totals.
    expect(texts([header("Năm", "Xã đạt chuẩn NTM (lũy kế)"), row("2021", "268")])).toEqual(["2021 – Xã đạt chuẩn NTM (lũy kế): 268"]);
    // A row's unit may be per a month or a year.
    expect(texts([header("Chỉ tiêu", "Năm 2019"), row("Tiền lương bình quân (triệu đồng/tháng)", "7,04")])).toEqual([
      "Tiền lương bình quân (triệu đồng/tháng) – Năm 2019: 7,04 triệu đồng/tháng",
    ]);
  });

  it("reads a unit column of per-units ('đ/kWh'), but an 'Đơn vị' column of the bodies a row is for as row labels", () => {
    const units = [header("Chỉ tiêu", "ĐVT", "Kế hoạch 2022"), row("Giá bán điện bình quân", "đ/kWh", "1.830"), row("Chỉ số SAIDI", "Phút", "960")];
    expect(texts(units)).toEqual(["Giá bán điện bình quân – Kế hoạch 2022: 1.830 đ/kWh", "Chỉ số SAIDI – Kế hoạch 2022: 960 Phút"]);
    const districts = [
      header("STT", "Đơn vị", "Dự toán năm 2021", "So với dự toán (%)"),
      row("1", "Thành phố Bắc Ninh", "3.250,0", "114,2"),
      row("2", "Huyện Quế Võ", "1.035,0", "106,6"),
    ];
    expect(tableCellBlocks(districts, "tỷ đồng")?.map((b) => b.text)).toEqual([
      "Thành phố Bắc Ninh – Dự toán năm 2021: 3.250,0 tỷ đồng",
      "Thành phố Bắc Ninh – So với dự toán (%): 114,2 %",
      "Huyện Quế Võ – Dự toán năm 2021: 1.035,0 tỷ đồng",
      "Huyện Quế Võ – So với dự toán (%): 106,6 %",
    ]);
  });

  it("gives a column of counts the unit its header names after 'Số' or before what the column is, and a signed change the unit of a header spanning it", () => {
    const change: TableCell = { text: "Tăng (+), giảm (-) so với cùng kỳ năm 2018 (%)", header: true };
    const grid = [
      [...header("Lĩnh vực", "Số vụ", "Số người chết"), change, change],
      [...header("", "", ""), ...header("Số vụ", "Người chết")],
      row("Đường bộ", "12.296", "5.360", "-8,6", "+7,4"),
    ];
    expect(texts(grid)).toEqual([
      "Đường bộ – Số vụ: 12.296 vụ",
      "Đường bộ – Số người chết: 5.360 người",
      "Đường bộ – Tăng (+), giảm (-) so với cùng kỳ năm 2018 (%) – Số vụ: -8,6 %",
      "Đường bộ – Tăng (+), giảm (-) so với cùng kỳ năm 2018 (%) – Người chết: +7,4 %",
    ]);
    expect(tableCellBlocks(grid)![0].rowText).toBe("Đường bộ 12.296 5.360 -8,6 +7,4");
    expect(texts([header("Đơn vị", "Giường kế hoạch năm 2018", "Giường bệnh"), row("Bệnh viện Đa khoa tỉnh", "900", "850")])).toEqual([
      "Bệnh viện Đa khoa tỉnh – Giường kế hoạch năm 2018: 900 giường",
      "Bệnh viện Đa khoa tỉnh – Giường bệnh: 850",
    ]);
    // People, households or dwellings counted by what befell them.
    expect(texts([header("Huyện", "Người chết", "Nhà bị hư hỏng", "Hộ thiếu nước", "Lúa ngập (ha)"), row("Văn Chấn", "12", "1.248", "860", "1.315,5")])).toEqual([
      "Văn Chấn – Người chết: 12 người",
      "Văn Chấn – Nhà bị hư hỏng: 1.248 nhà",
      "Văn Chấn – Hộ thiếu nước: 860 hộ",
      "Văn Chấn – Lúa ngập (ha): 1.315,5 ha",
    ]);
    // A change written with its verb takes the header's unit too.
    expect(texts([header("Ngành", "Số doanh nghiệp", "So với năm 2021 (%)"), row("Xây dựng", "203", "tăng 10,3")])?.at(-1)).toBe("Xây dựng – So với năm 2021 (%): tăng 10,3 %");
  });

  it("reads the unit a label names, the first of several: the figures' ('Đơn vị tính: triệu đồng, hộ')", () => {
    expect(labelledUnit("Đơn vị tính: triệu đồng, hộ")).toBe("triệu đồng");
    expect(labelledUnit("(Đơn vị: tỷ đồng)")).toBe("tỷ đồng");
    expect(labelledUnit("Đơn vị tính: %")).toBe("%");
  });

  it("gives bare figures the unit a title row names with a unit label, unless their column names its own", () => {
    const title: TableCell = { text: "Kết quả thu 9 tháng năm 2024 (Đơn vị: tỷ đồng)", header: true };
    const grid = [
      [title, title, title],
      header("Khoản thu", "Dự toán năm 2024", "So với dự toán (%)"),
      row("Thu tiền sử dụng đất", "9.000", "98,5"),
      row("Thu từ doanh nghiệp nhà nước", "1.350", "77,9"),
    ];
    expect(texts(grid)).toEqual([
      "Thu tiền sử dụng đất – Kết quả thu 9 tháng năm 2024 (Đơn vị: tỷ đồng) – Dự toán năm 2024: 9.000 tỷ đồng",
      "Thu tiền sử dụng đất – Kết quả thu 9 tháng năm 2024 (Đơn vị: tỷ đồng) – So với dự toán (%): 98,5 %",
      "Thu từ doanh nghiệp nhà nước – Kết quả thu 9 tháng năm 2024 (Đơn vị: tỷ đồng) – Dự toán năm 2024: 1.350 tỷ đồng",
      "Thu từ doanh nghiệp nhà nước – Kết quả thu 9 tháng năm 2024 (Đơn vị: tỷ đồng) – So với dự toán (%): 77,9 %",
    ]);
  });

  it("names a cell spanning positions once, and gives each block the cell it came from", () => {
    const year: TableCell = { text: "Năm 2024", header: true };
    const label: TableCell = { text: "Chỉ tiêu", header: true };
    const figure: TableCell = { text: "850", header: false };
    const grid = [[label, year, year], [label, ...header("Kế hoạch", "Ước TH")], [{ text: "Xuất khẩu (triệu USD)", header: false }, ...row("1.200"), figure]];
    const blocks = tableCellBlocks(grid)!;
    expect(blocks.map((b) => b.text)).toEqual(["Xuất khẩu (triệu USD) – Năm 2024 – Kế hoạch: 1.200 triệu USD", "Xuất khẩu (triệu USD) – Năm 2024 – Ước TH: 850 triệu USD"]);
    expect(blocks[1].cell).toBe(figure);
  });

  const headerRowCases: { what: string; grid: (TableCell | undefined)[][]; readings: string[] }[] = [
    {
      what: "takes a row of months and years alone under the header as more of it, a PDF's header wrapped in its cells",
      grid: [
        header("TT", "Chỉ tiêu", "ĐVT", "Thực hiện tháng", "Lũy kế 3 tháng năm", "So sánh (%)"),
        row("", "", "", "3/2022", "2022", ""),
        row("1", "Tổng hàng thông qua", "Tấn", "1.086.420", "3.052.318", "109,63"),
      ],
      readings: [
        "Tổng hàng thông qua – Thực hiện tháng 3/2022: 1.086.420 Tấn",
        "Tổng hàng thông qua – Lũy kế 3 tháng năm 2022: 3.052.318 Tấn",
        "Tổng hàng thông qua – So sánh (%) (TH/CK): 109,63 %",
      ],
    },
    {
      what: "finds the unit column under a title spanning the columns, a percent sign standing as a word in a header, and the unit first in a label's brackets",
      grid: [
        [TITLE, TITLE, { text: "2021", header: true }, { text: "Đạt % chỉ tiêu", header: true }],
        header("Chỉ tiêu", "Đơn vị tính", "2021", "Đạt % chỉ tiêu"),
        row("Dân số trung bình", "Nghìn người", "639,4", "100,2"),
        row("Quy mô GRDP (nghìn tỷ đồng, giá hiện hành)", "", "107,3", "98,5"),
      ],
      readings: [
        "Dân số trung bình – 2021: 639,4 Nghìn người",
        "Dân số trung bình – Đạt % chỉ tiêu: 100,2 %",
        "Quy mô GRDP (nghìn tỷ đồng, giá hiện hành) – 2021: 107,3 nghìn tỷ đồng",
        "Quy mô GRDP (nghìn tỷ đồng, giá hiện hành) – Đạt % chỉ tiêu: 98,5 %",
      ],
    },
    {
      what: "takes a row of labels under a title spanning the table for more of the header, and a unit in brackets over other brackets",
      grid: [[EXPORTS, EXPORTS, EXPORTS], row("Mặt hàng", "Khối lượng (nghìn tấn)", "So với năm 2022 (%)"), row("Gạo", "8.305", "+35,3")],
      readings: [
        "Gạo – Mặt hàng xuất khẩu chủ lực năm 2023 (ước) – Khối lượng (nghìn tấn): 8.305 nghìn tấn",
        "Gạo – Mặt hàng xuất khẩu chủ lực năm 2023 (ước) – So với năm 2022 (%): +35,3 %",
      ],
    },
    {
      what: "takes a header row of years alone for the header",
      grid: [header("Chỉ tiêu", "2023", "2024"), row("Giải quyết việc làm (người)", "31.200", "33.150")],
      readings: ["Giải quyết việc làm (người) – 2023: 31.200 người", "Giải quyết việc làm (người) – 2024: 33.150 người"],
    },
  ];
  for (const { what, grid, readings } of headerRowCases) it(what, () => expect(texts(grid)).toEqual(readings));

  it("leaves a table without figures (a layout table) alone", () => {
    expect(tableCellBlocks([row("Trang chủ", "Tin tức"), row("Liên hệ", "Giới thiệu")])).toBeNull();
  });
});

describe("an HTML table whose header row holds years alone", () => {
  it("reads the years as the columns' headers", async () => {
    const page = `<html><body><h1>Một số chỉ tiêu chủ yếu qua các năm</h1><table>
      <tr><th>Chỉ tiêu</th><th>ĐVT</th><th>2023</th><th>2024</th></tr>
      <tr><td>Giải quyết việc làm</td><td>Người</td><td>31.200</td><td>33.150</td></tr></table></body></html>`;
    const doc = await ingestBytes("years.html", Buffer.from(page));
    const cells = cellReadings(doc);
    expect(cells).toEqual(["Giải quyết việc làm – 2023: 31.200 Người", "Giải quyết việc làm – 2024: 33.150 Người"]);
  });

  it("gives the row's unit to figures whose thousands are grouped by spaces", async () => {
    const page = `<html><body><table>
      <tr><th>Chỉ tiêu</th><th>ĐVT</th><th>2021</th><th>2022</th></tr>
      <tr><td>Vốn đầu tư</td><td>Triệu USD</td><td>803,4</td><td>1 205,6</td></tr></table></body></html>`;
    const doc = await ingestBytes("spaced.html", Buffer.from(page));
    expect(cellReadings(doc)).toEqual(["Vốn đầu tư – 2021: 803,4 Triệu USD", "Vốn đầu tư – 2022: 1 205,6 Triệu USD"]);
  });
});
