/** Tables of figures in PDF notices become table cells with their headers, as HTML tables do; other layouts stay text. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes, ingestFile, type IngestedDocument } from "../../src/ingest/index.js";
import { makeNoticePdf, type NoticePart, type NoticeTable } from "../fixtures/ingest/notices.js";
import { cellReadings, cellRows } from "../fixtures/ingest/cells.js";

const blockText = (doc: IngestedDocument, type?: string) =>
  doc.blocks.filter((b) => !type || b.type === type).map((b) => doc.text.slice(b.start, b.end));

const LETTERHEAD: NoticePart = {
  sideBySide: [
    ["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU", "Số: 15/BC-UBND"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Cà Mau, ngày 10 tháng 01 năm 2025"],
  ],
};
const SIGNATURE: NoticePart = {
  sideBySide: [
    ["Nơi nhận:", "- Thường trực Tỉnh ủy;", "- Các sở, ban, ngành;", "- Lưu: VT, 02 bản."],
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"],
  ],
};

/** Headers wrapped over two and three lines in their cells, a label wrapped inside its column, numbers right-aligned. */
const PLAN_TABLE: NoticeTable = {
  widths: [28, 150, 55, 65, 65, 88],
  header: [[{ text: "TT" }, { text: "Chỉ tiêu" }, { text: "Đơn vị" }, { text: "Kế hoạch 2024" }, { text: "Thực hiện 2024" }, { text: "So với KH (%)" }]],
  body: [
    ["1", "Thu ngân sách nhà nước", "Tỷ đồng", "3.500", "3.720", "106,3"],
    ["2", "Giải quyết việc làm", "Người", "32.000", "33.150", "103,6"],
    ["3", "Số lao động được đào tạo nghề cho lao động nông thôn", "Người", "4.500", "4.730", "105,1"],
  ],
  align: ["center", "left", "center", "right", "right", "right"],
};

const PLAN_NOTICE: NoticePart[] = [
  LETTERHEAD,
  { heading: "BÁO CÁO Kết quả thực hiện các chỉ tiêu kinh tế - xã hội năm 2024" },
  { paragraph: "Năm 2024, trong bối cảnh còn nhiều khó khăn, tỉnh đã tập trung chỉ đạo quyết liệt các nhiệm vụ, giải pháp; kết quả thực hiện các chỉ tiêu chủ yếu như sau:" },
  { table: PLAN_TABLE },
  { paragraph: "Nhìn chung, các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra." },
  SIGNATURE,
];

const PLAN_CELLS = [
  "Thu ngân sách nhà nước – Kế hoạch 2024: 3.500 Tỷ đồng",
  "Thu ngân sách nhà nước – Thực hiện 2024: 3.720 Tỷ đồng",
  "Thu ngân sách nhà nước – So với KH (%): 106,3 %",
  "Giải quyết việc làm – Kế hoạch 2024: 32.000 Người",
  "Giải quyết việc làm – Thực hiện 2024: 33.150 Người",
  "Giải quyết việc làm – So với KH (%): 103,6 %",
  "Số lao động được đào tạo nghề cho lao động nông thôn – Kế hoạch 2024: 4.500 Người",
  "Số lao động được đào tạo nghề cho lao động nông thôn – Thực hiện 2024: 4.730 Người",
  "Số lao động được đào tạo nghề cho lao động nông thôn – So với KH (%): 105,1 %",
];

describe("PDF tables", () => {
  it("gives each figure its row label and wrapped column header, in place among the paragraphs", async () => {
    const doc = await ingestBytes("plan.pdf", await makeNoticePdf(PLAN_NOTICE));
    expect(cellReadings(doc)).toEqual(PLAN_CELLS);
    const types = doc.blocks.map((b) => b.type);
    const first = types.indexOf("table-cell");
    expect(types.slice(first, first + PLAN_CELLS.length).every((t) => t === "table-cell")).toBe(true);
    expect(blockText(doc)[first - 1]).toMatch(/như sau:$/);
    expect(blockText(doc)[first + PLAN_CELLS.length]).toBe("Nhìn chung, các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra.");
    // No piece of the table is left over as text.
    for (const piece of ["TT", "Chỉ tiêu", "Đơn vị", "nông thôn Người"]) expect(blockText(doc, "paragraph").join("\n")).not.toContain(piece);
  });

  it("keeps each cell's headers, page and position", async () => {
    const doc = await ingestBytes("plan.pdf", await makeNoticePdf([{ paragraph: "Kết quả thực hiện như sau:" }, { table: PLAN_TABLE }]));
    const cells = doc.blocks.filter((b) => b.type === "table-cell");
    expect(cells[4].headers).toEqual(["Giải quyết việc làm", "Thực hiện 2024"]);
    expect(cells.every((b) => b.page === 1)).toBe(true);
    // Columns left to right, rows top to bottom; a cell starts where its figure does (right-aligned in its column).
    const [plan, done, share] = cells.slice(0, 3).map((b) => b.position!);
    expect(plan.x).toBeGreaterThan(72 + 28 + 150 + 55);
    expect(plan.x).toBeLessThan(done.x);
    expect(done.x).toBeLessThan(share.x);
    expect(cells[3].position!.y).toBeGreaterThan(plan.y);
    expect(cells[3].position!.x).toBeLessThan(plan.x);
  });

  it("reads a header spanning columns above others, header cells spanning rows, a unit column, '(%)' in a header, section rows and a row of column numbers", async () => {
    const table: NoticeTable = {
      widths: [30, 140, 60, 70, 70, 81],
      header: [
        [{ text: "STT", rows: 2 }, { text: "Chỉ tiêu", rows: 2 }, { text: "ĐVT", rows: 2 }, { text: "Năm 2024", span: 2 }, { text: "Tỷ lệ (%)", rows: 2 }],
        [{ text: "Kế hoạch" }, { text: "Ước TH 9 tháng" }],
      ],
      body: [
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I", "Kinh tế", "", "", "", ""],
        ["1", "Kim ngạch xuất khẩu hàng hóa trên địa bàn tỉnh", "Triệu USD", "1.200", "850", "70,8"],
        ["2", "Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", "24.000", "17.500", "72,9"],
        ["II", "Xã hội", "", "", "", ""],
        ["3", "Tạo việc làm mới", "Người", "20.000", "16.200", "81"],
      ],
      align: ["center", "left", "center", "right", "right", "center"],
      valign: "middle",
    };
    const parts: NoticePart[] = [
      { heading: "Tình hình kinh tế 9 tháng năm 2024" },
      { paragraph: "Tình hình thực hiện một số chỉ tiêu chủ yếu 9 tháng năm 2024:" },
      { table },
      { paragraph: "Các chỉ tiêu còn lại đang được các ngành tập trung thực hiện." },
    ];
    const doc = await ingestBytes("spans.pdf", await makeNoticePdf(parts));
    expect(cellReadings(doc)).toEqual([
      "Kim ngạch xuất khẩu hàng hóa trên địa bàn tỉnh – Năm 2024 – Kế hoạch: 1.200 Triệu USD",
      "Kim ngạch xuất khẩu hàng hóa trên địa bàn tỉnh – Năm 2024 – Ước TH 9 tháng: 850 Triệu USD",
      "Kim ngạch xuất khẩu hàng hóa trên địa bàn tỉnh – Tỷ lệ (%) (TH/KH): 70,8 %",
      "Tổng vốn đầu tư toàn xã hội – Năm 2024 – Kế hoạch: 24.000 Tỷ đồng",
      "Tổng vốn đầu tư toàn xã hội – Năm 2024 – Ước TH 9 tháng: 17.500 Tỷ đồng",
      "Tổng vốn đầu tư toàn xã hội – Tỷ lệ (%) (TH/KH): 72,9 %",
      "Tạo việc làm mới – Năm 2024 – Kế hoạch: 20.000 Người",
      "Tạo việc làm mới – Năm 2024 – Ước TH 9 tháng: 16.200 Người",
      "Tạo việc làm mới – Tỷ lệ (%) (TH/KH): 81 %",
    ]);
    expect(doc.text).not.toMatch(/\(1\)|Kinh tế|Xã hội/);
  });

  it("gives each row its label when labels wrap over different numbers of lines in cells set in the middle, without padding", async () => {
    const table: NoticeTable = {
      widths: [40, 75, 70, 85, 85, 96],
      header: [[{ text: "TT" }, { text: "Chỉ tiêu" }, { text: "Đơn vị tính" }, { text: "Kế hoạch năm 2024" }, { text: "Thực hiện năm 2024" }, { text: "So với KH (%)" }]],
      body: [
        ["1", "Tổng sản phẩm trên địa bàn (GRDP) tăng", "%", "7,5", "7,82", "104,3"],
        ["2", "Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "3.500", "3.720", "106,3"],
        ["3", "Giải quyết việc làm", "Người", "32.000", "33.150", "103,6"],
        ["4", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", "1,5", "1,32", ""],
      ],
      align: ["center", "left", "center", "right", "right", "right"],
      valign: "middle",
      padding: 0,
    };
    const doc = await ingestBytes("middle.pdf", await makeNoticePdf([{ paragraph: "Kết quả thực hiện như sau:" }, { table }, { paragraph: "Nhìn chung, các chỉ tiêu đều đạt." }]));
    expect(cellReadings(doc).filter((_, i) => i % 3 === 0)).toEqual([
      "Tổng sản phẩm trên địa bàn (GRDP) tăng – Kế hoạch năm 2024: 7,5 %",
      "Thu ngân sách nhà nước trên địa bàn – Kế hoạch năm 2024: 3.500 Tỷ đồng",
      "Giải quyết việc làm – Kế hoạch năm 2024: 32.000 Người",
      "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều – Kế hoạch năm 2024: 1,5 %",
    ]);
    // The row shown after each reading holds the label once, its wrapped lines joined.
    expect(cellRows(doc)[9]).toBe("4 Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều % 1,5 1,32");
    expect(blockText(doc).at(-1)).toBe("Nhìn chung, các chỉ tiêu đều đạt.");
  });

  it("reads a total row whose label spans the number and label columns, and section titles set across the table", async () => {
    const table: NoticeTable = {
      ...PLAN_TABLE,
      body: [
        [{ text: "Tổng thu ngân sách", span: 2 }, "Tỷ đồng", "5.000", "5.300", "106"],
        [{ text: "I. THU NỘI ĐỊA", span: 6 }],
        ["1", "Thu từ doanh nghiệp nhà nước", "Tỷ đồng", "1.200", "1.250", "104,2"],
        ["2", "Thu từ khu vực ngoài quốc doanh", "Tỷ đồng", "2.300", "2.480", "107,8"],
        [{ text: "II. CÁC KHOẢN THU KHÁC TRÊN ĐỊA BÀN TỈNH THEO QUY ĐỊNH", span: 6 }],
        ["3", "Thu xổ số kiến thiết", "Tỷ đồng", "1.500", "1.570", "104,7"],
      ],
    };
    const doc = await ingestBytes("totals.pdf", await makeNoticePdf([{ paragraph: "Kết quả thu ngân sách như sau:" }, { table }, { paragraph: "Hết." }]));
    expect(cellReadings(doc).filter((_, i) => i % 3 === 1)).toEqual([
      "Tổng thu ngân sách – Thực hiện 2024: 5.300 Tỷ đồng",
      "Thu từ doanh nghiệp nhà nước – Thực hiện 2024: 1.250 Tỷ đồng",
      "Thu từ khu vực ngoài quốc doanh – Thực hiện 2024: 2.480 Tỷ đồng",
      "Thu xổ số kiến thiết – Thực hiện 2024: 1.570 Tỷ đồng",
    ]);
    expect(doc.text).not.toMatch(/THU NỘI ĐỊA|THU KHÁC/);
  });

  it("skips a column of row numbers in letters, numerals and bullets for the names after it, and a row numbering computed columns ('3=2/1')", async () => {
    const table: NoticeTable = {
      widths: [40, 190, 80, 80, 70],
      header: [[{ text: "STT" }, { text: "Nội dung" }, { text: "Dự toán" }, { text: "Quyết toán" }, { text: "So sánh (%)" }]],
      body: [
        ["A", "B", "1", "2", "3=2/1"],
        ["A", "TỔNG THU NSNN TRÊN ĐỊA BÀN", "2.150.000", "2.468.915", "114,8"],
        ["I", "Thu nội địa", "1.900.000", "2.185.372", "115,0"],
        ["1", "Thuế thu nhập cá nhân", "75.000", "81.266", "108,4"],
        ["2", "Lệ phí trước bạ", "110.000", "127.530", "115,9"],
        ["-", "Thu tiền sử dụng đất", "320.000", "402.118", "125,7"],
        ["II", "Thu từ hoạt động xuất nhập khẩu", "250.000", "283.543", "113,4"],
      ],
      align: ["center", "left", "right", "right", "right"],
    };
    const doc = await ingestBytes("settlement.pdf", await makeNoticePdf([{ paragraph: "Đơn vị tính: triệu đồng" }, { table }]));
    expect(cellReadings(doc).filter((r) => r.includes("Dự toán"))).toEqual([
      "TỔNG THU NSNN TRÊN ĐỊA BÀN – Dự toán: 2.150.000 triệu đồng",
      "Thu nội địa – Dự toán: 1.900.000 triệu đồng",
      "Thuế thu nhập cá nhân – Dự toán: 75.000 triệu đồng",
      "Lệ phí trước bạ – Dự toán: 110.000 triệu đồng",
      "Thu tiền sử dụng đất – Dự toán: 320.000 triệu đồng",
      "Thu từ hoạt động xuất nhập khẩu – Dự toán: 250.000 triệu đồng",
    ]);
    // Row numbers, most of them figures, with a bullet among them: still no column of figures.
    const numbered: NoticeTable = {
      ...table,
      body: [
        ["1", "Thu nội địa", "1.900.000", "2.185.372", "115,0"],
        ["-", "Thu tiền sử dụng đất", "320.000", "402.118", "125,7"],
        ["2", "Thu từ hoạt động xuất nhập khẩu", "250.000", "283.543", "113,4"],
        ["3", "Thu viện trợ", "5.000", "6.120", "122,4"],
      ],
    };
    const numberedDoc = await ingestBytes("numbered.pdf", await makeNoticePdf([{ paragraph: "Đơn vị tính: triệu đồng" }, { table: numbered }]));
    expect(cellReadings(numberedDoc).filter((r) => r.includes("Dự toán"))).toEqual([
      "Thu nội địa – Dự toán: 1.900.000 triệu đồng",
      "Thu tiền sử dụng đất – Dự toán: 320.000 triệu đồng",
      "Thu từ hoạt động xuất nhập khẩu – Dự toán: 250.000 triệu đồng",
      "Thu viện trợ – Dự toán: 5.000 triệu đồng",
    ]);
  });

  it("takes a last column's header centred well past its figures, not the sentence ending above the table", async () => {
    const table: NoticeTable = {
      widths: [150, 90, 90, 130],
      header: [[{ text: "Địa phương" }, { text: "Nhà sập đổ (căn)" }, { text: "Nhà hư hỏng (căn)" }, { text: "Thiệt hại (tỷ đồng)" }]],
      body: [
        ["TP Tuy Hòa", "3", "41", "96,4"],
        ["Huyện Tây Hòa", "12", "72", "162,5"],
      ],
      align: ["left", "center", "center", "center"],
    };
    const parts: NoticePart[] = [{ paragraph: "Thiệt hại do mưa lũ tháng 11/2020 như sau." }, { note: "Số liệu tính đến ngày 30/11/2020." }, { table }];
    const doc = await ingestBytes("damage.pdf", await makeNoticePdf(parts));
    expect(cellReadings(doc).filter((r) => r.startsWith("TP Tuy Hòa"))).toEqual([
      "TP Tuy Hòa – Nhà sập đổ (căn): 3 căn",
      "TP Tuy Hòa – Nhà hư hỏng (căn): 41 căn",
      "TP Tuy Hòa – Thiệt hại (tỷ đồng): 96,4 tỷ đồng",
    ]);
  });

  it("reads a header of years alone over columns without a row-number column", async () => {
    const table: NoticeTable = {
      widths: [170, 70, 70, 70, 71],
      header: [[{ text: "Chỉ tiêu" }, { text: "Đơn vị tính" }, { text: "2023" }, { text: "2024" }, { text: "Tăng, giảm (%)" }]],
      body: [
        ["Giải quyết việc làm", "Người", "31.200", "33.150", "6,3"],
        ["Thu ngân sách nhà nước", "Tỷ đồng", "3.410", "3.720", "9,1"],
      ],
      align: ["left", "center", "right", "right", "right"],
    };
    const doc = await ingestBytes("years.pdf", await makeNoticePdf([{ paragraph: "Một số chỉ tiêu chủ yếu qua các năm." }, { table }]));
    expect(cellReadings(doc)).toEqual([
      "Giải quyết việc làm – 2023: 31.200 Người",
      "Giải quyết việc làm – 2024: 33.150 Người",
      "Giải quyết việc làm – Tăng, giảm (%): 6,3 %",
      "Thu ngân sách nhà nước – 2023: 3.410 Tỷ đồng",
      "Thu ngân sách nhà nước – 2024: 3.720 Tỷ đồng",
      "Thu ngân sách nhà nước – Tăng, giảm (%): 9,1 %",
    ]);
  });

  it("ends a table at the next one's title ('Bảng 2. ...'), and gives every row the unit its labels' header names ('Chỉ tiêu (%)')", async () => {
    const roadmap: NoticeTable = {
      widths: [190, 55, 55, 55, 56],
      header: [[{ text: "Chỉ tiêu (%)" }, { text: "2026" }, { text: "2027" }, { text: "2028" }, { text: "2030" }]],
      body: [
        ["Dân cư nông thôn dùng nước sạch", "53", "58", "63", "72"],
        ["Hộ có nhà tiêu hợp vệ sinh", "85", "88", "90", "95"],
      ],
      align: ["left", "right", "right", "right", "right"],
    };
    const districts: NoticeTable = {
      widths: [30, 160, 110, 111],
      header: [[{ text: "TT" }, { text: "Huyện" }, { text: "Hiện trạng (%)" }, { text: "Mục tiêu 2030 (%)" }]],
      body: [
        ["1", "Lâm Bình", "28,4", "60"],
        ["2", "Na Hang", "31,7", "62"],
      ],
      align: ["center", "left", "right", "right"],
    };
    const doc = await ingestBytes(
      "roadmap.pdf",
      await makeNoticePdf([{ caption: "Bảng 1. Lộ trình thực hiện" }, { table: roadmap }, { caption: "Bảng 2. Tỷ lệ theo huyện" }, { table: districts }]),
    );
    expect(cellReadings(doc)).toEqual([
      "Dân cư nông thôn dùng nước sạch – 2026: 53 %",
      "Dân cư nông thôn dùng nước sạch – 2027: 58 %",
      "Dân cư nông thôn dùng nước sạch – 2028: 63 %",
      "Dân cư nông thôn dùng nước sạch – 2030: 72 %",
      "Hộ có nhà tiêu hợp vệ sinh – 2026: 85 %",
      "Hộ có nhà tiêu hợp vệ sinh – 2027: 88 %",
      "Hộ có nhà tiêu hợp vệ sinh – 2028: 90 %",
      "Hộ có nhà tiêu hợp vệ sinh – 2030: 95 %",
      "Lâm Bình – Hiện trạng (%): 28,4 %",
      "Lâm Bình – Mục tiêu 2030 (%): 60 %",
      "Na Hang – Hiện trạng (%): 31,7 %",
      "Na Hang – Mục tiêu 2030 (%): 62 %",
    ]);
  });

  it("reads days alone in a wrapped header as the columns' labels, and a header ending in '%' as a column of percentages", async () => {
    const table: NoticeTable = {
      widths: [28, 100, 55, 80, 80, 105],
      header: [[{ text: "STT" }, { text: "Mặt hàng" }, { text: "ĐVT" }, { text: "Giá ngày 31/3/2022" }, { text: "Giá ngày 30/6/2022" }, { text: "Tăng (+), giảm (-) %" }]],
      body: [
        ["1", "Lúa khô", "đồng/kg", "6.600", "6.950", "+5,3"],
        ["2", "Thịt lợn hơi", "đồng/kg", "54.000", "53.000", "-1,9"],
      ],
      align: ["center", "left", "center", "right", "right", "right"],
    };
    const doc = await ingestBytes("prices.pdf", await makeNoticePdf([{ paragraph: "Giá một số mặt hàng thiết yếu." }, { table }]));
    expect(cellReadings(doc)).toEqual([
      "Lúa khô – Giá ngày 31/3/2022: 6.600 đồng/kg",
      "Lúa khô – Giá ngày 30/6/2022: 6.950 đồng/kg",
      "Lúa khô – Tăng (+), giảm (-) %: +5,3 %",
      "Thịt lợn hơi – Giá ngày 31/3/2022: 54.000 đồng/kg",
      "Thịt lợn hơi – Giá ngày 30/6/2022: 53.000 đồng/kg",
      "Thịt lợn hơi – Tăng (+), giảm (-) %: -1,9 %",
    ]);
  });

  it("gives the unit of a flush-right note above the table to every bare figure, and a label wrapping past the other labels to its row", async () => {
    // A label column narrow beside its wrapped label: each line of the label set in the middle of its row, the
    // first reaching closer to the figures than to the other labels (two lines), or holding the row's line (three).
    const budget = (widths: number[], labels: string[]): NoticeTable => ({
      widths,
      header: [[{ text: "TT" }, { text: "Nguồn vốn" }, { text: "Năm 2026" }, { text: "Năm 2027" }, { text: "Giai đoạn 2028-2030" }, { text: "Tổng" }]],
      body: [
        ["1", labels[0], "120,5", "135,0", "410,0", "665,5"],
        ["2", labels[1], "85,0", "90,0", "285,0", "460,0"],
        ["3", labels[2], "30,0", "32,5", "102,5", "165,0"],
      ],
      align: ["center", "left", "right", "right", "right", "right"],
      valign: "middle",
    });
    const readingsOf = async (table: NoticeTable) =>
      cellReadings(await ingestBytes("budget.pdf", await makeNoticePdf([{ paragraph: "Tổng kinh phí dự kiến là 1.290,5 tỷ đồng, phân kỳ như sau:" }, { note: "Đơn vị tính: tỷ đồng" }, { table }])));
    const other = "Quỹ bảo hiểm y tế và các nguồn hợp pháp khác";
    const twoLines = await readingsOf(budget([26, 150, 45, 60, 110, 60], ["Ngân sách TW", "Ngân sách tỉnh", other]));
    expect(twoLines.slice(0, 4)).toEqual([
      "Ngân sách TW – Năm 2026: 120,5 tỷ đồng",
      "Ngân sách TW – Năm 2027: 135,0 tỷ đồng",
      "Ngân sách TW – Giai đoạn 2028-2030: 410,0 tỷ đồng",
      "Ngân sách TW – Tổng: 665,5 tỷ đồng",
    ]);
    const otherReadings = [
      `${other} – Năm 2026: 30,0 tỷ đồng`,
      `${other} – Năm 2027: 32,5 tỷ đồng`,
      `${other} – Giai đoạn 2028-2030: 102,5 tỷ đồng`,
      `${other} – Tổng: 165,0 tỷ đồng`,
    ];
    expect(twoLines.slice(8)).toEqual(otherReadings);
    const threeLines = await readingsOf(budget([26, 140, 60, 60, 110, 55], ["Ngân sách trung ương", "Ngân sách tỉnh", other]));
    expect(threeLines.slice(4, 5)).toEqual(["Ngân sách tỉnh – Năm 2026: 85,0 tỷ đồng"]);
    expect(threeLines.slice(8)).toEqual(otherReadings);
  });

  it("reads a header word before a number ('TH 9 / tháng') as a label, not a figure", async () => {
    const table: NoticeTable = {
      widths: [170, 60, 50, 45, 55, 71],
      header: [[{ text: "Chỉ tiêu" }, { text: "ĐVT" }, { text: "KH 2025" }, { text: "TH 9 tháng" }, { text: "So KH (%)" }, { text: "So CK (%)" }]],
      body: [
        ["Vốn đăng ký mới, tăng thêm", "triệu USD", "2.500", "2.180", "87,2", "135,4"],
        ["Dự án cấp mới", "dự án", "25", "21", "84,0", "116,7"],
      ],
      align: ["left", "center", "right", "right", "right", "right"],
    };
    const doc = await ingestBytes("zones.pdf", await makeNoticePdf([{ paragraph: "Một số chỉ tiêu chủ yếu 9 tháng đầu năm 2025:" }, { table }]));
    expect(cellReadings(doc).slice(0, 2)).toEqual(["Vốn đăng ký mới, tăng thêm – KH 2025: 2.500 triệu USD", "Vốn đăng ký mới, tăng thêm – TH 9 tháng: 2.180 triệu USD"]);
  });

  it("gives the same cells as the same table in HTML", async () => {
    const html = `<html><body><h1>Kết quả thực hiện các chỉ tiêu năm 2024</h1><table>
      <tr>${PLAN_TABLE.header[0].map((h) => `<th>${h.text}</th>`).join("")}</tr>
      ${PLAN_TABLE.body.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}</table></body></html>`;
    const fromHtml = await ingestBytes("plan.html", Buffer.from(html));
    const fromPdf = await ingestBytes("plan.pdf", await makeNoticePdf([{ paragraph: "Kết quả:" }, { table: PLAN_TABLE }]));
    expect(cellReadings(fromPdf)).toEqual(cellReadings(fromHtml));
    expect(fromPdf.blocks.filter((b) => b.type === "table-cell").map((b) => b.headers)).toEqual(
      fromHtml.blocks.filter((b) => b.type === "table-cell").map((b) => b.headers),
    );
  });

  it("gives the rows of a table that goes on to the next page the header of its first page, whether or not it is set again", async () => {
    const rows = Array.from({ length: 14 }, (_, i) => [`${i + 1}`, `Chỉ tiêu thứ ${i + 1}`, "Tỷ đồng", `${i + 1}.500`, `${i + 1}.720`, "106,3"]);
    const intro = "Năm 2024, trong bối cảnh còn nhiều khó khăn, thách thức, tỉnh đã tập trung lãnh đạo, chỉ đạo quyết liệt, đồng bộ các nhiệm vụ, giải pháp phát triển kinh tế - xã hội.";
    for (const repeatHeader of [false, true]) {
      const parts: NoticePart[] = [...Array<NoticePart>(9).fill({ paragraph: intro }), { table: { ...PLAN_TABLE, body: rows, repeatHeader } }, { paragraph: "Hết." }];
      const doc = await ingestBytes("long.pdf", await makeNoticePdf(parts));
      const cells = doc.blocks.filter((b) => b.type === "table-cell");
      expect(cells).toHaveLength(3 * rows.length);
      expect(new Set(cells.map((b) => b.page))).toEqual(new Set([1, 2]));
      const last = cells.at(-3)!;
      expect(last.page).toBe(2);
      expect(doc.text.slice(last.start, last.end)).toBe("Chỉ tiêu thứ 14 – Kế hoạch 2024: 14.500 Tỷ đồng (dòng: 14 Chỉ tiêu thứ 14 Tỷ đồng 14.500 14.720 106,3)");
    }
  });

  it("goes on to the next page when the first row there begins above its figures, its assessment words centred over two lines", async () => {
    const assessments = ["Đạt tiến độ", "Chưa đạt", "Vượt"];
    const rows = Array.from({ length: 14 }, (_, i) => [`${i + 1}`, `Chỉ tiêu số ${i + 1} của nghị quyết đại hội nhiệm kỳ`, "%", `${i + 10}`, `${i + 8},5`, assessments[i % 3]]);
    const table: NoticeTable = {
      widths: [28, 120, 45, 80, 80, 50],
      header: [[{ text: "TT" }, { text: "Chỉ tiêu" }, { text: "ĐVT" }, { text: "Mục tiêu Nghị quyết" }, { text: "Ước thực hiện" }, { text: "Đánh giá" }]],
      body: rows,
      align: ["center", "left", "center", "right", "right", "center"],
      valign: "middle",
    };
    const intro = "Nghị quyết Đại hội đại biểu Đảng bộ huyện nhiệm kỳ 2020 - 2025 đã xác định các chỉ tiêu chủ yếu; kết quả thực hiện giữa nhiệm kỳ như sau.";
    const doc = await ingestBytes("midterm.pdf", await makeNoticePdf([...Array<NoticePart>(12).fill({ paragraph: intro }), { table }, { paragraph: "Hết." }]));
    const cells = doc.blocks.filter((b) => b.type === "table-cell");
    expect(new Set(cells.map((b) => b.page))).toEqual(new Set([1, 2]));
    expect(cells).toHaveLength(3 * rows.length);
    const readings = cellReadings(doc);
    expect(readings.at(-3)).toBe("Chỉ tiêu số 14 của nghị quyết đại hội nhiệm kỳ – Mục tiêu Nghị quyết: 23 %");
    expect(readings.at(-1)).toBe("Chỉ tiêu số 14 của nghị quyết đại hội nhiệm kỳ – Đánh giá: Chưa đạt");
    expect(readings).toContain("Chỉ tiêu số 13 của nghị quyết đại hội nhiệm kỳ – Đánh giá: Đạt tiến độ");
  });

  it("keeps a column's header over its figures when a dash set in the middle of a cell stands apart from them", async () => {
    const dash = { text: "-", align: "center" as const };
    const table: NoticeTable = {
      ...PLAN_TABLE,
      header: [[{ text: "TT" }, { text: "Chỉ tiêu" }, { text: "Đơn vị" }, { text: "Kế hoạch 2024" }, { text: "Thực hiện 2024" }, { text: "So với cùng kỳ (%)" }]],
      body: [["1", "Tốc độ tăng trưởng GRDP", "%", "7-7,5", "6,8", dash], ...PLAN_TABLE.body.slice(0, 2)],
    };
    const doc = await ingestBytes("dash.pdf", await makeNoticePdf([{ paragraph: "Kết quả thực hiện như sau:" }, { table }]));
    expect(cellReadings(doc)).toEqual([
      "Tốc độ tăng trưởng GRDP – Kế hoạch 2024: 7-7,5 %",
      "Tốc độ tăng trưởng GRDP – Thực hiện 2024: 6,8 %",
      "Tốc độ tăng trưởng GRDP – So với cùng kỳ (%): -",
      "Thu ngân sách nhà nước – Kế hoạch 2024: 3.500 Tỷ đồng",
      "Thu ngân sách nhà nước – Thực hiện 2024: 3.720 Tỷ đồng",
      "Thu ngân sách nhà nước – So với cùng kỳ (%): 106,3 %",
      "Giải quyết việc làm – Kế hoạch 2024: 32.000 Người",
      "Giải quyết việc làm – Thực hiện 2024: 33.150 Người",
      "Giải quyết việc làm – So với cùng kỳ (%): 103,6 %",
    ]);
  });

  it("keeps the end of a span of years wrapped in a header (\"Giai đoạn 2021 / - 2023\") in the header, and takes the unit a line above names, over a page break too", async () => {
    const table: NoticeTable = {
      widths: [28, 170, 100, 50],
      header: [[{ text: "TT" }, { text: "Nguồn vốn" }, { text: "Giai đoạn 2021 - 2023" }, { text: "Tỷ lệ (%)" }]],
      body: [
        ["1", "Ngân sách trung ương", "98.540", "12,6"],
        ["2", "Ngân sách tỉnh", "64.215", "8,2"],
        ["3", "Vốn tín dụng", "258.300", "33,0"],
      ],
      align: ["center", "left", "right", "right"],
    };
    const doc = await ingestBytes("span.pdf", await makeNoticePdf([{ paragraph: "Cơ cấu nguồn vốn như sau:" }, { table }]));
    expect(cellReadings(doc).slice(0, 2)).toEqual(["Ngân sách trung ương – Giai đoạn 2021 - 2023: 98.540", "Ngân sách trung ương – Tỷ lệ (%): 12,6 %"]);
    // The unit a line right above the table names is its bare figures' unit.
    const withUnit = await ingestBytes("unit.pdf", await makeNoticePdf([{ paragraph: "Cơ cấu nguồn vốn như sau:" }, { paragraph: "Đơn vị tính: triệu đồng" }, { table }]));
    expect(cellReadings(withUnit)[0]).toBe("Ngân sách trung ương – Giai đoạn 2021 - 2023: 98.540 triệu đồng");
    // So is the unit the last line of the page before names, when the table opens a page.
    const overBreak = await ingestBytes("break.pdf", await makeNoticePdf([{ paragraph: "Cơ cấu nguồn vốn như sau:" }, { note: "Đơn vị tính: triệu đồng" }, { pageBreak: true }, { table }]));
    expect(cellReadings(overBreak)[0]).toBe("Ngân sách trung ương – Giai đoạn 2021 - 2023: 98.540 triệu đồng");
  });

  it("leaves two text columns, numbered items, the letterhead and the signature block as text", async () => {
    const parts: NoticePart[] = [
      LETTERHEAD,
      { heading: "Bản tin kinh tế - xã hội năm 2024" },
      {
        columns: [
          [
            "Năm 2024, toàn tỉnh giải quyết việc làm cho 33.150 lao động, đạt 103,6% kế hoạch; tỷ lệ lao động qua đào tạo đạt 68,8%.",
            "Thu ngân sách nhà nước đạt 3.720 tỷ đồng, bằng 106,3% dự toán; kim ngạch xuất khẩu đạt 1.250 triệu USD.",
          ],
          [
            "Tổng vốn đầu tư toàn xã hội ước đạt 24.500 tỷ đồng, tăng 8,5% so với năm 2023; có 60 xã đạt chuẩn nông thôn mới.",
            "Tỷ lệ hộ nghèo giảm còn 1,32%; 98% dân số tham gia bảo hiểm y tế; 2.468 hộ thoát nghèo trong năm.",
          ],
        ],
      },
      { item: ["1.", "Thu ngân sách nhà nước năm 2024 đạt 3.720 tỷ đồng, bằng 106,3% dự toán."] },
      { item: ["2.", "Giải quyết việc làm cho 33.150 lao động, đạt 103,6% kế hoạch năm."] },
      { item: ["3.", "Có 58 xã đạt chuẩn nông thôn mới, đạt 96,7% kế hoạch; 12 xã đạt chuẩn nâng cao."] },
      SIGNATURE,
    ];
    const doc = await ingestBytes("prose.pdf", await makeNoticePdf(parts));
    expect(doc.blocks.filter((b) => b.type === "table-cell")).toEqual([]);
    for (const figure of ["33.150", "68,8%", "1.250", "24.500", "2.468", "1. Thu ngân sách", "3. Có 58 xã", "Nơi nhận:", "KT. CHỦ TỊCH", "Số: 15/BC-UBND"]) {
      expect(doc.text).toContain(figure);
    }
  });

  it("keeps a table without a header as text: its figures say nothing of what they are", async () => {
    const doc = await ingestBytes("bare.pdf", await makeNoticePdf([{ paragraph: "Số liệu như sau:" }, { table: { ...PLAN_TABLE, header: [] } }]));
    expect(doc.blocks.filter((b) => b.type === "table-cell")).toEqual([]);
    expect(doc.text).toContain("33.150");
  });

  it("keeps a table whose cells are mostly words as text", async () => {
    const schedule: NoticeTable = {
      widths: [30, 170, 110, 70, 71],
      header: [[{ text: "TT" }, { text: "Nội dung" }, { text: "Cơ quan chủ trì" }, { text: "Thời gian" }, { text: "Số đại biểu" }]],
      body: [
        ["1", "Tổng kết công tác năm", "Sở Nội vụ", "Tháng 1", "120"],
        ["2", "Kiểm tra việc thực hiện kế hoạch", "Sở Tài chính", "Quý II", "45"],
        ["3", "Sơ kết 6 tháng", "Văn phòng UBND tỉnh", "Tháng 7", "150"],
      ],
      align: ["center", "left", "left", "center", "right"],
    };
    const doc = await ingestBytes("schedule.pdf", await makeNoticePdf([{ paragraph: "Kế hoạch công tác năm 2025 như sau:" }, { table: schedule }]));
    expect(doc.blocks.filter((b) => b.type === "table-cell")).toEqual([]);
    expect(doc.text).toContain("Sơ kết 6 tháng");
  });

  it("reads a table whose header and first row stand at the foot of a page, and goes on with it on the next", async () => {
    const doc = await ingestFile(path.resolve(import.meta.dirname, "../fixtures/dev-sets/set25/docs/02.pdf"));
    const cells = cellReadings(doc);
    expect(cells).toContain("Vận chuyển hàng hóa – Kế hoạch: 37,5 Triệu tấn");
    expect(cells).toContain("Luân chuyển hàng hóa – Thực hiện: 4.512,6 Triệu tấn.km");
    expect(cells).toContain("Giải ngân vốn đầu tư – % so KH: 92,4 %");
  });

  it("keeps the figures of rows that run into a page's bottom margin, though other pages hold figures there too", async () => {
    // A plan whose table of trades starts at the foot of page 1 ("1 | Trồng trọt, bảo vệ thực vật | 2.450 | 25,8").
    const doc = await ingestFile(path.resolve(import.meta.dirname, "../fixtures/dev-sets/set27/docs/06.pdf"));
    for (const figure of ["2.450", "25,8", "1.800", "18,9", "1.150", "12,1"]) expect(doc.text).toContain(figure);
  });
});
