/** Plain text: paragraphs, and tables of figures set out with tabs, pipes or aligned spaces. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes, type IngestedDocument } from "../../src/ingest/index.js";
import { extract } from "../../src/index.js";
import { cellTexts } from "../fixtures/ingest/cells.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus/text");

async function read(source: string): Promise<IngestedDocument> {
  return ingestBytes("notice.txt", Buffer.from(source));
}

/** The source text of the table cell whose reading holds `needle`: what its offsets point back at. */
function sourceOfCell(doc: IngestedDocument, source: string, needle: string): string {
  const cell = doc.blocks.find((b) => b.type === "table-cell" && doc.text.slice(b.start, b.end).includes(needle))!;
  return source.slice(...cell.sourceRange!);
}

describe("plain-text tables", () => {
  it("reads a table in fixed columns under a rule of dashes: headers on two lines, a row with an empty column", async () => {
    const table = [
      "Biểu 01. KẾT QUẢ THU NSNN NĂM 2017",
      "                                      Đơn vị tính: tỷ đồng",
      "",
      "STT  Chỉ tiêu                      Dự toán     Ước TH      So dự",
      "                                   HĐND giao   năm 2017    toán (%)",
      "---  ----------------------------  ----------  ----------  --------",
      "     TỔNG THU                         2.305,0     2.626,4     113,9",
      "1    Thu tiền sử dụng đất               350,0       487,5     139,3",
    ].join("\n");
    const doc = await read(table);
    expect(cellTexts(doc)).toEqual([
      "TỔNG THU – Dự toán HĐND giao: 2.305,0 tỷ đồng (dòng: TỔNG THU 2.305,0 2.626,4 113,9)",
      "TỔNG THU – Ước TH năm 2017: 2.626,4 tỷ đồng (dòng: TỔNG THU 2.305,0 2.626,4 113,9)",
      "TỔNG THU – So dự toán (%): 113,9 % (dòng: TỔNG THU 2.305,0 2.626,4 113,9)",
      "Thu tiền sử dụng đất – Dự toán HĐND giao: 350,0 tỷ đồng (dòng: 1 Thu tiền sử dụng đất 350,0 487,5 139,3)",
      "Thu tiền sử dụng đất – Ước TH năm 2017: 487,5 tỷ đồng (dòng: 1 Thu tiền sử dụng đất 350,0 487,5 139,3)",
      "Thu tiền sử dụng đất – So dự toán (%): 139,3 % (dòng: 1 Thu tiền sử dụng đất 350,0 487,5 139,3)",
    ]);
    expect(sourceOfCell(doc, table, "487,5 tỷ")).toBe("487,5");
    const mentions = extract(doc.text, { documentDate: "2018-01-10" });
    expect(mentions.filter((m) => m.value === 139.3).map((m) => m.kind)).toEqual(["attainment"]);
  });

  it("reads a table set with spaces between two solid rules: its columns from its rows, a wrapped label, the source after it kept", async () => {
    const table = [
      " TT   Mặt hàng                      Đơn vị        Ước thực hiện   So với cùng kỳ",
      "                                    tính            quý I/2026     năm 2025 (%)",
      " ------------------------------------------------------------------------------",
      "  1   Hàng dệt may                  triệu USD            612,4            108,3",
      "  2   Máy móc, thiết bị, dụng cụ,   triệu USD            842,5            106,1",
      "      phụ tùng khác",
      "  3   Cà phê                        nghìn tấn             42,6            121,8",
      " ------------------------------------------------------------------------------",
      "                                           Nguồn: Sở Công Thương",
    ].join("\n");
    const doc = await read(table);
    expect(cellTexts(doc).map((t) => t.replace(/ \(dòng: .*$/, ""))).toEqual([
      "Hàng dệt may – Ước thực hiện quý I/2026: 612,4 triệu USD",
      "Hàng dệt may – So với cùng kỳ năm 2025 (%): 108,3 %",
      "Máy móc, thiết bị, dụng cụ, phụ tùng khác – Ước thực hiện quý I/2026: 842,5 triệu USD",
      "Máy móc, thiết bị, dụng cụ, phụ tùng khác – So với cùng kỳ năm 2025 (%): 106,1 %",
      "Cà phê – Ước thực hiện quý I/2026: 42,6 nghìn tấn",
      "Cà phê – So với cùng kỳ năm 2025 (%): 121,8 %",
    ]);
    expect(doc.blocks.filter((b) => b.type === "paragraph").map((b) => doc.text.slice(b.start, b.end))).toEqual(["Nguồn: Sở Công Thương"]);
    expect(sourceOfCell(doc, table, "42,6")).toBe("42,6");
  });

  it("leaves lines of dashes that set out no columns as text", async () => {
    const doc = await read(["Kết quả năm 2024:", "----------", "Thu ngân sách đạt 3.720 tỷ đồng", "Giải quyết việc làm cho 15.000 người"].join("\n"));
    expect(doc.blocks.every((b) => b.type === "paragraph")).toBe(true);
  });

  it("reads a tab-separated table as cells with their headers, each keeping its figure's place in the source", async () => {
    const source = [
      "Kết quả thực hiện năm 2024 như sau:",
      "",
      "TT\tChỉ tiêu\tĐVT\tKH 2024\tTH 2024\tSo với KH (%)",
      "1\tThu ngân sách nhà nước\tTỷ đồng\t3.500\t3.720\t106,3",
      "2\tGiải quyết việc làm\tNgười\t32.000\t33.150\t",
      "",
      "Nhìn chung các chỉ tiêu đều đạt.",
    ].join("\r\n");
    const doc = await read(source);
    expect(cellTexts(doc)).toEqual([
      "Thu ngân sách nhà nước – KH 2024: 3.500 Tỷ đồng (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720 106,3)",
      "Thu ngân sách nhà nước – TH 2024: 3.720 Tỷ đồng (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720 106,3)",
      "Thu ngân sách nhà nước – So với KH (%): 106,3 % (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720 106,3)",
      "Giải quyết việc làm – KH 2024: 32.000 Người (dòng: 2 Giải quyết việc làm Người 32.000 33.150)",
      "Giải quyết việc làm – TH 2024: 33.150 Người (dòng: 2 Giải quyết việc làm Người 32.000 33.150)",
    ]);
    const table = doc.blocks.filter((b) => b.type === "table-cell");
    expect(table.map((b) => source.slice(...b.sourceRange!))).toEqual(["3.500", "3.720", "106,3", "32.000", "33.150"]);
    expect(table[0].headers).toEqual(["Thu ngân sách nhà nước", "KH 2024"]);
    expect(doc.blocks.map((b) => b.type)).toEqual(["paragraph", ...table.map(() => "table-cell"), "paragraph"]);
  });

  it("takes a run of tabs that lines up a column for one separator, and lets a row leave out its empty last cells or label a group of rows", async () => {
    const tables: Array<[string, string[]]> = [
      [
        "Chỉ tiêu\t\t\tKH 2024\tTH 2024\nGiải quyết việc làm (người)\t32.000\t33.150\nThu ngân sách (tỷ đồng)\t\t3.500\t3.720",
        [
          "Giải quyết việc làm (người) – KH 2024: 32.000 người (dòng: Giải quyết việc làm (người) 32.000 33.150)",
          "Giải quyết việc làm (người) – TH 2024: 33.150 người (dòng: Giải quyết việc làm (người) 32.000 33.150)",
          "Thu ngân sách (tỷ đồng) – KH 2024: 3.500 tỷ đồng (dòng: Thu ngân sách (tỷ đồng) 3.500 3.720)",
          "Thu ngân sách (tỷ đồng) – TH 2024: 3.720 tỷ đồng (dòng: Thu ngân sách (tỷ đồng) 3.500 3.720)",
        ],
      ],
      [
        "Chỉ tiêu\tĐVT\tKH 2024\tTH 2024\tGhi chú\nGiải quyết việc làm\tNgười\t32.000\t33.150\nThu ngân sách\tTỷ đồng\t3.500\t3.720\tVượt",
        [
          "Giải quyết việc làm – KH 2024: 32.000 Người (dòng: Giải quyết việc làm Người 32.000 33.150)",
          "Giải quyết việc làm – TH 2024: 33.150 Người (dòng: Giải quyết việc làm Người 32.000 33.150)",
          "Thu ngân sách – KH 2024: 3.500 Tỷ đồng (dòng: Thu ngân sách Tỷ đồng 3.500 3.720 Vượt)",
          "Thu ngân sách – TH 2024: 3.720 Tỷ đồng (dòng: Thu ngân sách Tỷ đồng 3.500 3.720 Vượt)",
          "Thu ngân sách – Ghi chú: Vượt (dòng: Thu ngân sách Tỷ đồng 3.500 3.720 Vượt)",
        ],
      ],
      [
        "STT\tNội dung\tƯớc thực hiện 2015\tDự toán 2016\nII\tChi thường xuyên\t329.840\t360.380\n\tTrong đó:\n1\tSự nghiệp y tế\t8.960\t9.850",
        [
          "Chi thường xuyên – Ước thực hiện 2015: 329.840 (dòng: II Chi thường xuyên 329.840 360.380)",
          "Chi thường xuyên – Dự toán 2016: 360.380 (dòng: II Chi thường xuyên 329.840 360.380)",
          "Sự nghiệp y tế – Ước thực hiện 2015: 8.960 (dòng: 1 Sự nghiệp y tế 8.960 9.850)",
          "Sự nghiệp y tế – Dự toán 2016: 9.850 (dòng: 1 Sự nghiệp y tế 8.960 9.850)",
        ],
      ],
    ];
    for (const [source, cells] of tables) expect(cellTexts(await read(source))).toEqual(cells);
  });

  it("gives bare figures the unit their caption names, and shows each cell's row as written, which yields no figure of its own", async () => {
    const doc = await read(
      [
        "Kết quả thực hiện một số chỉ tiêu chủ yếu năm học 2022 - 2023 (đơn vị tính: %):",
        "",
        "Chỉ tiêu | Kế hoạch | Thực hiện",
        "Huy động trẻ mẫu giáo ra lớp | 92,0 | 93,4",
        "Học sinh bỏ học | dưới 1,0 | 0,52",
      ].join("\n"),
    );
    expect(cellTexts(doc)).toEqual([
      "Huy động trẻ mẫu giáo ra lớp – Kế hoạch: 92,0 % (dòng: Huy động trẻ mẫu giáo ra lớp | 92,0 | 93,4)",
      "Huy động trẻ mẫu giáo ra lớp – Thực hiện: 93,4 % (dòng: Huy động trẻ mẫu giáo ra lớp | 92,0 | 93,4)",
      "Học sinh bỏ học – Kế hoạch: dưới 1,0 % (dòng: Học sinh bỏ học | dưới 1,0 | 0,52)",
      "Học sinh bỏ học – Thực hiện: 0,52 % (dòng: Học sinh bỏ học | dưới 1,0 | 0,52)",
    ]);
    const mentions = extract(doc.text, { documentDate: "2023-08-18" });
    expect(mentions.map((m) => [m.value, m.unit, m.qualifier])).toEqual([[92, "%", null], [93.4, "%", null], [1, "%", "<"], [0.52, "%", null]]);
    expect(mentions.every((m) => m.sentence.includes("(dòng: "))).toBe(true);
  });

  it("reads a table of cells between '|' under its caption, in one paragraph", async () => {
    const captioned = await read("Bảng 1. Một số chỉ tiêu môi trường\nSTT | Chỉ tiêu | ĐVT | Kế hoạch năm 2026 | Thực hiện quý I/2026\n1 | Tỷ lệ chất thải rắn được thu gom | % | 98 | 97,2\n2 | Tỷ lệ nước thải được xử lý | % | 26 | 23,5");
    expect(cellTexts(captioned)).toEqual([
      "Tỷ lệ chất thải rắn được thu gom – Kế hoạch năm 2026: 98 % (dòng: 1 | Tỷ lệ chất thải rắn được thu gom | % | 98 | 97,2)",
      "Tỷ lệ chất thải rắn được thu gom – Thực hiện quý I/2026: 97,2 % (dòng: 1 | Tỷ lệ chất thải rắn được thu gom | % | 98 | 97,2)",
      "Tỷ lệ nước thải được xử lý – Kế hoạch năm 2026: 26 % (dòng: 2 | Tỷ lệ nước thải được xử lý | % | 26 | 23,5)",
      "Tỷ lệ nước thải được xử lý – Thực hiện quý I/2026: 23,5 % (dòng: 2 | Tỷ lệ nước thải được xử lý | % | 26 | 23,5)",
    ]);
  });

  it("reads a Markdown table and a table aligned with spaces", async () => {
    const markdown = await read(
      "| Chỉ tiêu | Đơn vị | Kế hoạch 2024 | Thực hiện 2024 |\n|---|---|---:|---:|\n| Giải quyết việc làm | người | 32.000 | 33.150 |\n| Tỷ lệ hộ nghèo | % | 1,5 | 1,32 |\n",
    );
    expect(cellTexts(markdown)).toEqual([
      "Giải quyết việc làm – Kế hoạch 2024: 32.000 người (dòng: | Giải quyết việc làm | người | 32.000 | 33.150 |)",
      "Giải quyết việc làm – Thực hiện 2024: 33.150 người (dòng: | Giải quyết việc làm | người | 32.000 | 33.150 |)",
      "Tỷ lệ hộ nghèo – Kế hoạch 2024: 1,5 % (dòng: | Tỷ lệ hộ nghèo | % | 1,5 | 1,32 |)",
      "Tỷ lệ hộ nghèo – Thực hiện 2024: 1,32 % (dòng: | Tỷ lệ hộ nghèo | % | 1,5 | 1,32 |)",
    ]);
    const spaced = await read(
      [
        "TT  Chỉ tiêu                   ĐVT       KH 2024   TH 2024",
        "1   Thu ngân sách nhà nước     Tỷ đồng     3.500     3.720",
        "2   Giải quyết việc làm        Người      32.000    33.150",
      ].join("\n"),
    );
    expect(cellTexts(spaced)).toEqual([
      "Thu ngân sách nhà nước – KH 2024: 3.500 Tỷ đồng (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720)",
      "Thu ngân sách nhà nước – TH 2024: 3.720 Tỷ đồng (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720)",
      "Giải quyết việc làm – KH 2024: 32.000 Người (dòng: 2 Giải quyết việc làm Người 32.000 33.150)",
      "Giải quyết việc làm – TH 2024: 33.150 Người (dòng: 2 Giải quyết việc làm Người 32.000 33.150)",
    ]);
  });

  it("reads a table drawn as a box, under its caption, its borders dropped", async () => {
    const boxed = [
      "Bảng 1. Sản lượng hàng hóa thông qua theo khu vực cảng (9 tháng năm 2014)",
      "+-------------------+----------------+----------------+",
      "| Khu vực           | Hàng hóa (tấn) | So cùng kỳ (%) |",
      "+===================+================+================+",
      "| Cái Mép - Thị Vải |     24.318.500 |          121,3 |",
      "| Côn Đảo           |        112.600 |           96,5 |",
      "+-------------------+----------------+----------------+",
    ].join("\n");
    const doc = await read(boxed);
    expect(doc.blocks.map((b) => b.type)).toEqual(["paragraph", ...Array<string>(4).fill("table-cell")]);
    expect(cellTexts(doc)[0]).toBe("Cái Mép - Thị Vải – Hàng hóa (tấn): 24.318.500 tấn (dòng: | Cái Mép - Thị Vải | 24.318.500 | 121,3 |)");
    expect(sourceOfCell(doc, boxed, "112.600")).toBe("112.600");
  });

  it("finds a table run into the prose around it, its caption's unit and its school-year headers kept", async () => {
    const spaced = [
      "Kết quả thu một số khoản thu, sắc thuế chủ yếu:",
      "                                                Đơn vị tính: tỷ đồng",
      "STT   Khoản thu                   Dự toán giao   Ước TH 9 tháng   So DT (%)",
      "1     Thu từ DNNN trung ương               612              468        76,5",
      "2     Thu từ khu vực có vốn ĐTNN         2.050            1.685        82,2",
    ].join("\n");
    const doc = await read(spaced);
    expect(doc.blocks.map((b) => b.type)).toEqual(["paragraph", ...Array<string>(6).fill("table-cell")]);
    expect(cellTexts(doc)[1]).toBe("Thu từ DNNN trung ương – Ước TH 9 tháng: 468 tỷ đồng (dòng: 1 Thu từ DNNN trung ương 612 468 76,5)");
    expect(sourceOfCell(doc, spaced, "1.685 tỷ")).toBe("1.685");
    const tabbed = [
      "Bảng 1. Kết quả một số chỉ tiêu chủ yếu qua các năm học",
      "Chỉ tiêu\tNH 2020-2021\tNH 2021-2022\tChỉ tiêu NQ đến năm 2025",
      "Tỷ lệ trường đạt chuẩn quốc gia (%)\t58,3\t61,7\t70",
      "Tỷ lệ phòng học kiên cố (%)\t82,5\t84,1\t90",
      "(Nguồn: Báo cáo tổng kết năm học các năm 2021 - 2025)",
    ].join("\n");
    const school = await read(tabbed);
    expect(school.blocks.map((b) => b.type)).toEqual(["paragraph", ...Array<string>(6).fill("table-cell"), "paragraph"]);
    const mentions = extract(school.text, { documentDate: "2025-06-16" });
    expect(mentions.filter((m) => m.unit === "%").map((m) => [m.value, m.kind, m.period])).toEqual([
      [58.3, "actual", "2020/2021"],
      [61.7, "actual", "2021/2022"],
      [70, "target", "2025"],
      [82.5, "actual", "2020/2021"],
      [84.1, "actual", "2021/2022"],
      [90, "target", "2025"],
    ]);
  });

  it("leaves lists, link bars, indented paragraphs, unaligned columns and tables without a header as paragraphs", async () => {
    const sources = [
      "1.  Thu ngân sách  3.720 tỷ đồng\n2.  Giải quyết việc làm cho  33.150 người\n3.  Xã đạt chuẩn nông thôn mới  58 xã",
      "Trang chủ | Kinh tế | Xã hội\nTin mới | 24h | Video\nLiên hệ | Quảng cáo | RSS",
      "\tNăm 2024, tỉnh giải quyết việc làm cho 15.000 người.\n\tTỷ lệ hộ nghèo giảm còn 1,32%.\n\tThu ngân sách đạt 3.720 tỷ đồng.",
      "Thu ngân sách  3.500  3.720\nGiải quyết việc làm cho lao động  32.000  33.150\nXã nông thôn mới  60  58",
      "Thu ngân sách\tTỷ đồng\t3.500\t3.720\nGiải quyết việc làm\tNgười\t32.000\t33.150\nXã nông thôn mới\tXã\t60\t58",
    ];
    for (const source of sources) {
      const doc = await read(source);
      expect(doc.blocks.map((b) => b.type), source).toEqual(["paragraph"]);
    }
  });

  it("finds no table in the corpus articles", async () => {
    for (const name of fs.readdirSync(CORPUS)) {
      const doc = await ingestBytes(name, fs.readFileSync(path.join(CORPUS, name)));
      expect(doc.blocks.every((b) => b.type === "paragraph"), name).toBe(true);
    }
  });
});
