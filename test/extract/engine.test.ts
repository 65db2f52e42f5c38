/** The engine's reading across sentences and lines: where one person's story ends. */
import { describe, expect, it } from "vitest";
import { extract, type Mention } from "../../src/index.js";

/** The given fields of each record, for paragraphs written on `date`. */
const fieldsOf = (date: string, paragraphs: string[], fields: Array<keyof Mention>) =>
  extract(paragraphs.join("\n\n"), { documentDate: date }).map((m) => fields.map((f) => m[f]));

const values = (text: string) => fieldsOf("2021-06-18", [text], ["value", "unit"]);

/** Each record's value and indicator, for a text written on `date`. */
const indicatorsOn = (date: string) => (text: string) => fieldsOf(date, [text], ["value", "indicator"]);

describe("one person's story", () => {
  const story = "Xảy ra 02 vụ cháy lớn. Vụ cháy nhà ở tại phường Cầu Đất làm 01 cháu bé 4 tuổi tử vong, gia đình thiệt hại 300 triệu đồng.";
  const report = "Về nguyên nhân, có 29 vụ do sự cố hệ thống, thiết bị điện, chiếm 67,4%.";

  it("runs to the end of its paragraph", () => {
    expect(values(`${story} ${report}`)).toEqual([[2, "vụ"]]);
  });

  it("runs to the end of its line where a text's lines are its paragraphs", () => {
    expect(values(`${story}\n${report}`)).toEqual([
      [2, "vụ"],
      [29, "vụ"],
      [67.4, "%"],
    ]);
  });

  it("ends at a sentence that turns back to an authority's figures", () => {
    const quote = "“Bờ sông trước nhà tôi đã sạt lở khoảng 300 m”, ông Lê Văn Dũng (62 tuổi, trú thôn Hà Nha) bức xúc.";
    expect(values(`${quote} Theo UBND huyện Đại Lộc, năm 2018 trên địa bàn huyện có 6 điểm sạt lở bờ sông.`)).toEqual([[6, "điểm"]]);
    expect(values(`${quote} Ông cho biết cả xóm có 6 điểm sạt lở.`)).toEqual([]);
  });
});

describe("a table cell's indicator", () => {
  const cells = (rows: string[]) => fieldsOf("2025-06-18", rows, ["value", "indicator"]);

  it("is its column's measure at the place its row names, over the whole for a row of the whole", () => {
    expect(
      cells([
        "Huyện Lâm Bình – Thu ngân sách (triệu đồng): 18.300 triệu đồng (dòng: 2 Huyện Lâm Bình 18.300 820)",
        "Krông Pắc – Lao động được đào tạo (người): 820 người (dòng: 2 Huyện Lâm Bình 18.300 820)",
        "Tổng cộng – Lúa ngập (ha): 3.879,0 ha (dòng: Tổng cộng 27 3.879,0)",
      ]),
    ).toEqual([
      [18300, "Thu ngân sách Huyện Lâm Bình"],
      [820, "Lao động được đào tạo Krông Pắc"],
      [3879, "Lúa ngập"],
    ]);
  });

  it("is not made so where the row names the measure, or the column only a plan or an outcome", () => {
    const [measureRow, planColumn, outcomeColumn] = cells([
      "Thu ngân sách nhà nước – KH 2024: 3.500 Tỷ đồng (dòng: 1 Thu ngân sách nhà nước Tỷ đồng 3.500 3.720)",
      "Vụ Mùa – Kế hoạch giao (ha): 51.870 ha (dòng: 2 Vụ Mùa 51.870 51.902,6)",
      "Hải Phòng – Thực hiện (ha): 1.870 ha (dòng: 2 Hải Phòng 1.870)",
    ]).map(([, indicator]) => indicator);
    expect(measureRow).toBe("Thu ngân sách nhà nước");
    expect(planColumn).not.toMatch(/^Kế hoạch giao Vụ Mùa$/u);
    expect(outcomeColumn).not.toMatch(/^Thực hiện Hải Phòng$/u);
  });
});

describe("a table cell under a title", () => {
  const cells = (rows: string[]) => fieldsOf("2023-12-18", rows, ["value", "kind", "indicator"]);

  it("is the title's measure at the place its row names, where its column names only a plan or an outcome", () => {
    expect(
      cells([
        "Kết quả trồng rừng tập trung năm 2023 theo địa phương (đơn vị: ha):",
        "Trấn Yên – Thực hiện: 2.841 ha (dòng: Trấn Yên 2.600 2.841 109,3)",
        "Toàn tỉnh – Thực hiện: 15.236 ha (dòng: Toàn tỉnh 14.500 15.236 105,1)",
      ]),
    ).toEqual([
      [2841, "actual", "trồng rừng tập trung Trấn Yên"],
      [15236, "actual", "trồng rừng tập trung"],
    ]);
  });

  it("is not so for rows of kinds, which name what they measure themselves", () => {
    expect(
      cells([
        "Bảng 1. Kết quả gieo trồng một số cây trồng chính vụ Đông Xuân 2022-2023",
        "Lúa – Thực hiện (ha): 8.652,3 ha (dòng: Lúa 8.600 8.652,3 100,6)",
      ]).map(([, , indicator]) => indicator),
    ).toEqual(["Lúa"]);
  });
});

describe("a table cell's row", () => {
  it("keeps its headers whole: a ';' in a row label does not cut the cell's sentence", () => {
    const reading = "Bán buôn, bán lẻ; sửa chữa ô tô, mô tô, xe máy – Vốn đăng ký (tỷ đồng): 38.215 tỷ đồng";
    const [cell] = extract(`${reading} (dòng: Bán buôn, bán lẻ; sửa chữa ô tô, mô tô, xe máy 38.215)`, { documentDate: "2025-06-18" });
    expect(cell.indicator).toBe("Vốn đăng ký Bán buôn, bán lẻ; sửa chữa ô tô, mô tô, xe máy");
    expect(cell.sentence.startsWith(reading)).toBe(true);
  });
});

describe("a figure after a place alone", () => {
  const cases: Array<[string, Array<[string, Array<[number, string]>]>]> = [
    [
      "is of what the figure before measures, at that place",
      [
        [
          "Năm 2024, tỷ lệ hộ dân dùng nước sạch đạt 92%, trong đó huyện Diên Khánh đạt 95%, huyện Cam Lâm 90%.",
          [
            [92, "tỷ lệ hộ dân dùng nước sạch"],
            [95, "tỷ lệ hộ dân dùng nước sạch huyện Diên Khánh"],
            [90, "tỷ lệ hộ dân dùng nước sạch huyện Cam Lâm"],
          ],
        ],
      ],
    ],
    [
      "takes the place of the one the figure before names",
      [
        [
          "Trong đó, TP Nha Trang tiết kiệm nhiều nhất với 9.120 kWh; thị xã Cam Ranh 2.350 kWh; huyện Diên Khánh 1.630 kWh.",
          [
            [9120, "TP Nha Trang"],
            [2350, "thị xã Cam Ranh"],
            [1630, "huyện Diên Khánh"],
          ],
        ],
        [
          "Chi cục Thi hành án dân sự huyện Cao Lộc đạt 35,2%, huyện Lộc Bình 29,8%.",
          [
            [35.2, "Chi cục Thi hành án dân sự huyện Cao Lộc"],
            [29.8, "Chi cục Thi hành án dân sự huyện Lộc Bình"],
          ],
        ],
      ],
    ],
    [
      "is not so after a figure whose indicator goes on past its place, nor after a figure of other things",
      [
        [
          "Năm 2022, Chi cục Thi hành án dân sự huyện Cao Lộc thi hành xong 35,2% số việc, huyện Lộc Bình 29,8%.",
          [
            [35.2, "Chi cục Thi hành án dân sự huyện Cao Lộc thi hành xong việc"],
            [29.8, "Chi cục Thi hành án dân sự huyện Cao Lộc thi hành xong việc"],
          ],
        ],
        [
          "Toàn tỉnh có 15 khu công nghiệp, huyện Duy Tiên 5.200 lao động.",
          [
            [15, "khu công nghiệp"],
            [5200, "lao động"],
          ],
        ],
      ],
    ],
  ];
  for (const [name, texts] of cases) {
    it(name, () => {
      for (const [text, expected] of texts) expect(indicatorsOn("2024-12-09")(text)).toEqual(expected);
    });
  }
});

describe("a table under a list's introduction", () => {
  const cases: Array<[string, string, string[], unknown[][]]> = [
    [
      "is for the year ahead the introduction plans for",
      "2025-02-20",
      [
        "II. PHÂN BỔ CHỈ TIÊU",
        "Chỉ tiêu phát triển thủy sản đến năm 2030 giao cho các địa phương như sau:",
        "TP Móng Cái – Diện tích nuôi (ha): 3.200 ha (dòng: 1 TP Móng Cái 3.200 14.500)",
        "TP Móng Cái – Sản lượng nuôi (tấn): 14.500 tấn (dòng: 1 TP Móng Cái 3.200 14.500)",
        "Năm 2024, sản lượng thủy sản đạt 168.500 tấn.",
      ],
      [
        [3200, "target", "2030"],
        [14500, "target", "2030"],
        [168500, "actual", "2024"],
      ],
    ],
    [
      "is for a term that starts in the year of writing, and ends with the table",
      "2022-09-22",
      [
        "Trong nhiệm kỳ 2017 - 2022, các cấp bộ Đoàn đã kết nạp 41.250 đoàn viên mới.",
        "Đại hội thống nhất giao chỉ tiêu chủ yếu nhiệm kỳ 2022 - 2027 cho các Huyện đoàn như sau:",
        "Thành Đoàn Tây Ninh – Kết nạp đoàn viên (người/năm): 850 người/năm (dòng: 1 Thành Đoàn Tây Ninh 850 85)",
        "Thành Đoàn Tây Ninh – Tỷ lệ tập hợp thanh niên (%): 85 % (dòng: 1 Thành Đoàn Tây Ninh 850 85)",
        "2. Ý kiến của các đại biểu",
        "- Bí thư Thành Đoàn: năm nay có 2.150 thanh niên đăng ký tình nguyện.",
      ],
      [
        [41250, "actual", "2017/2022"],
        [850, "target", "2022/2027"],
        [85, "target", "2022/2027"],
        [2150, "actual", "2022"],
      ],
    ],
    [
      "reports in an outcome's column under a title or heading that plans",
      "2025-06-20",
      [
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025",
        "BIỂU SỐ 01: MỘT SỐ CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2025",
        "Tổng kim ngạch XNK – Kế hoạch năm 2025: 3.800 Triệu USD (dòng: Tổng kim ngạch XNK Triệu USD 3.800 1.742,6)",
        "Tổng kim ngạch XNK – Thực hiện 6 tháng: 1.742,6 Triệu USD (dòng: Tổng kim ngạch XNK Triệu USD 3.800 1.742,6)",
      ],
      [
        [3800, "target", "2025"],
        [1742.6, "actual", "2025-H1"],
      ],
    ],
    [
      "keeps its columns' plans and outcomes under an introduction for the year in hand",
      "2018-12-20",
      [
        "Một số chỉ tiêu chủ yếu về du lịch năm 2018:",
        "Tổng lượt khách – Kế hoạch 2018: 6.400 nghìn lượt (dòng: Tổng lượt khách | nghìn lượt | 6.400 | 6.500)",
        "Tổng lượt khách – Ước TH 2018: 6.500 nghìn lượt (dòng: Tổng lượt khách | nghìn lượt | 6.400 | 6.500)",
      ],
      [
        [6400, "target", "2018"],
        [6500, "actual", "2018"],
      ],
    ],
  ];
  for (const [name, date, paragraphs, expected] of cases) {
    it(name, () => expect(fieldsOf(date, paragraphs, ["value", "kind", "period"])).toEqual(expected));
  }
});

describe("a span from a month until now", () => {
  it("is its paragraph's period, not the next paragraph's", () => {
    expect(
      fieldsOf("2026-02-12", ["Theo Sở Công Thương, từ đầu tháng 2 đến nay, sức mua tại hệ thống phân phối hiện đại tăng khoảng 12%.", "Để phục vụ Tết, 86 doanh nghiệp đã chuẩn bị lượng hàng hóa trị giá khoảng 28.500 tỷ đồng."], ["value", "period"]),
    ).toEqual([
      [12, "2026-M02"],
      [86, "2026"],
      [28500, "2026"],
    ]);
  });
});

describe("a numbered heading over a list numbered afresh", () => {
  it("heads the items on the lines after it", () => {
    expect(
      fieldsOf("2022-09-22", ["Trong nhiệm kỳ 2017 - 2022, các cấp bộ Đoàn đã kết nạp 41.250 đoàn viên mới.", "3. Các chỉ tiêu chủ yếu nhiệm kỳ 2022 - 2027\n1. Hằng năm, 100% cơ sở Đoàn tổ chức học tập.", "2. Kết nạp bình quân 8.000 đoàn viên mới/năm."], ["value", "kind", "period"]),
    ).toEqual([
      [41250, "actual", "2017/2022"],
      [100, "target", "2022/2027"],
      [8000, "target", "2022/2027"],
    ]);
  });
});

describe("figures given respectively after a ranking", () => {
  it("are not all of the name the ranking follows", () => {
    const text = "Về thị trường, Hoa Kỳ, Trung Quốc và Nhật Bản là 3 thị trường xuất khẩu lớn nhất của Việt Nam, chiếm thị phần lần lượt 28,5%, 19,6% và 7,9%.";
    expect(indicatorsOn("2022-08-01")(text)).toEqual([
      [28.5, "chiếm thị phần"],
      [19.6, "chiếm thị phần"],
      [7.9, "chiếm thị phần"],
    ]);
  });

  it("leave a ranked holder of a figure that is not given respectively", () => {
    const text = "Năm 2023, Hàn Quốc đứng thứ hai với hơn 4,39 tỷ USD.";
    expect(indicatorsOn("2024-01-10")(text)).toEqual([[4.39, "Hàn Quốc"]]);
  });
});

describe("a plan met, named with who set it", () => {
  it("announces no plan for the figures after it", () => {
    expect(
      fieldsOf("2025-01-10", ["Có 15/18 huyện hoàn thành kế hoạch thu được giao, trong đó thị xã Điện Bàn thu đạt 106,3% kế hoạch, huyện Núi Thành đạt 104,8%."], ["value", "kind"]),
    ).toEqual([
      [15, "actual"],
      [106.3, "attainment"],
      [104.8, "attainment"],
    ]);
  });

  it("still gives the plan's own figure after it", () => {
    expect(
      fieldsOf("2016-01-10", ["Đến cuối năm 2015 toàn tỉnh còn 11.247 hộ nghèo, giảm 2,05% so với năm 2014 (vượt chỉ tiêu Nghị quyết HĐND tỉnh đề ra là giảm 2%)."], ["value", "kind"]),
    ).toEqual([
      [11247, "actual"],
      [2.05, "comparison"],
      [2, "target"],
    ]);
  });
});

describe("a plan cue that labels its own figure", () => {
  it("plans that figure only, not the next clause or sentence", () => {
    expect(
      fieldsOf(
        "2021-12-20",
        ["Tổng kinh phí năm 2021 được giao là 98,6 tỷ đồng; đến 31/12/2021 giải ngân đạt 91,2 tỷ đồng, bằng 92,5% dự toán. Trong năm, Sở triển khai 112 nhiệm vụ khoa học."],
        ["value", "kind"],
      ),
    ).toEqual([
      [98.6, "target"],
      [91.2, "actual"],
      [92.5, "attainment"],
      [112, "actual"],
    ]);
  });

  it("still plans the items of a list after its colon", () => {
    expect(fieldsOf("2024-12-20", ["Năm 2025, tỉnh phấn đấu: 750 doanh nghiệp có website; 550 sản phẩm được đưa lên sàn."], ["value", "kind"])).toEqual([
      [750, "target"],
      [550, "target"],
    ]);
  });
});

describe("'theo kế hoạch' with the plan's year, opening a clause", () => {
  it("announces the plan, after a comma too; after a verb it says 'as planned'", () => {
    expect(
      fieldsOf("2025-06-12", ["Theo Ban Chỉ đạo tỉnh, theo kế hoạch năm 2025 toàn tỉnh hỗ trợ xóa 16.042 căn nhà tạm."], ["value", "kind"]),
    ).toEqual([[16042, "target"]]);
    expect(fieldsOf("2025-06-12", ["Các xã đã hoàn thành theo kế hoạch năm 2024 với 500 căn."], ["value", "kind"])).toEqual([[500, "actual"]]);
  });
});

describe("an estimate for the whole year after a plan", () => {
  it("reports", () => {
    expect(
      fieldsOf("2025-12-20", ["Năm 2025, ngân sách Thành phố bố trí dự toán 1.965 tỷ đồng trợ giá cho xe buýt; ước cả năm giải ngân 1.902 tỷ đồng, bằng 96,8% dự toán."], ["value", "kind"]),
    ).toEqual([
      [1965, "target"],
      [1902, "actual"],
      [96.8, "attainment"],
    ]);
  });
});

describe("a campaign's name in quotes", () => {
  it("plans nothing with the cue words in it", () => {
    expect(fieldsOf("2016-06-01", ["Phong trào “Kế hoạch nhỏ” năm học 2015-2016 thu gom được 6,3 tấn giấy vụn, gây quỹ trên 18 triệu đồng."], ["value", "kind"])).toEqual([
      [6.3, "actual"],
      [18, "actual"],
    ]);
  });
});

describe("a name in quotes after a count", () => {
  const indicators = indicatorsOn("2024-12-01");

  it("is part of what is counted, as the unit or after it", () => {
    expect(indicators('Năm 2024, Hội vận động xây dựng 200 "Mái ấm tình thương" cho hội viên nghèo.')).toEqual([[200, 'Hội vận động xây dựng "Mái ấm tình thương"']]);
    expect(indicators("Năm 2024, tổ chức bàn giao 3 căn “Mái ấm tình thương”.")).toEqual([[3, "tổ chức bàn giao căn “Mái ấm tình thương”"]]);
    expect(indicators("Toàn huyện có 28.640 hộ gia đình đạt tiêu chí “5 không, 3 sạch”.")).toEqual([[28640, "hộ gia đình đạt tiêu chí “5 không, 3 sạch”"]]);
  });

  it("is not a quote that opens another sentence's words", () => {
    expect(indicators("Năm 2024, tỉnh xây dựng 250 nhà ở cho hộ nghèo, “vượt kế hoạch”.")).toEqual([[250, "xây dựng nhà ở cho hộ nghèo"]]);
  });
});

describe("a level moved to after a count", () => {
  const indicators = indicatorsOn("2025-01-10");

  it("is named by the noun the verb moves, though it is a unit too", () => {
    expect(indicators("Năm 2024, Hội kết nạp 6.240 hội viên, nâng tổng số hội viên lên 352.180 người.")).toEqual([
      [6240, "Hội kết nạp"],
      [352180, "hội viên"],
    ]);
  });

  it("leaves unit nouns listed after a count to that count", () => {
    expect(indicators("Năm 2024, toàn tỉnh có 12 huyện, thị xã, thành phố với 125 xã.")).toEqual([
      [12, "huyện, thị xã"],
      [125, "xã"],
    ]);
  });
});

describe("a period a report names for part of what it says", () => {
  const cases: Array<{ title: string; date: string; paragraphs: string[]; expected: Array<[number, string]> }> = [
    {
      title: "a day that closes the months in hand dates a figure by those months, any other day by the year so far",
      date: "2024-06-18",
      paragraphs: [
        "BÁO CÁO kết quả phát triển du lịch 6 tháng đầu năm 2024",
        "Đến ngày 15/6/2024, toàn huyện có 296 cơ sở lưu trú. Đến ngày 15/5/2024, đã có 280 cơ sở được cấp phép.",
      ],
      expected: [
        [296, "2024-H1"],
        [280, "2024-YTD"],
      ],
    },
    {
      title: "a month of a year before the one in hand dates its own paragraph only",
      date: "2015-03-12",
      paragraphs: [
        "BÁO CÁO kết quả tuyển quân năm 2015",
        "Toàn huyện có 11.842 công dân trong độ tuổi. Tháng 4/2014, huyện đã đăng ký nghĩa vụ quân sự cho 1.524 công dân.",
        "Các xã tổ chức sơ tuyển sức khỏe cho 2.980 công dân.",
      ],
      expected: [
        [11842, "2015"],
        [1524, "2014-M04"],
        [2980, "2015"],
      ],
    },
    {
      title: "where the work started does not carry on as what the report speaks of",
      date: "2025-02-13",
      paragraphs: ["Lễ giao nhận quân năm 2025 được tổ chức sáng 13/2.", "Ngay từ những tháng cuối năm 2024, Hội đồng đã chỉ đạo chặt chẽ.", "Toàn tỉnh đã khám sức khỏe cho 14.203 công dân."],
      expected: [[14203, "2025"]],
    },
    {
      title: "a crop season a caption names dates the table under it; a day or month within the season is a moment of it",
      date: "2023-03-28",
      paragraphs: [
        "BÁO CÁO Tổng kết sản xuất lúa vụ Đông Xuân 2022 - 2023",
        "1. Diện tích, năng suất, sản lượng\nVụ Đông Xuân 2022 - 2023, toàn tỉnh xuống giống 77.545 ha lúa.",
        "Từ đầu tháng 2/2023, mặn xâm nhập sâu vào nội đồng. Đến ngày 20/3/2023, các địa phương đã thu hoạch dứt điểm. Năng suất bình quân đạt 70,2 tạ/ha.",
        "Bảng 1. Kết quả sản xuất lúa vụ Đông Xuân 2022 - 2023 phân theo địa phương",
        "TP. Vị Thanh – Sản lượng (tấn): 21.817 tấn (dòng: 1 TP. Vị Thanh 3.200 3.185 99,5 68,5 21.817)",
      ],
      expected: [
        [77545, "2022/2023"],
        [70.2, "2022/2023"],
        [21817, "2022/2023"],
      ],
    },
    {
      title: "a span an average is taken over, around the year in hand, is its sentence's; the report goes on about its year",
      date: "2014-01-10",
      paragraphs: [
        "BÁO CÁO TỔNG KẾT CÔNG TÁC THUẾ NĂM 2013",
        "Năm 2013, kết quả thu ngân sách đạt 112.586 triệu đồng. Bình quân giai đoạn 2011 - 2013, thu ngân sách trên địa bàn tăng 11,2%/năm.",
        "Nếu loại trừ thu tiền sử dụng đất thì số thu đạt 41.275 triệu đồng.",
      ],
      expected: [
        [112586, "2013"],
        [11.2, "2011/2013"],
        [41275, "2013"],
      ],
    },
    {
      title: "a season a paragraph of figures names is that paragraph's, and a school year is no season a day falls within",
      date: "2025-09-10",
      paragraphs: [
        "BÁO CÁO tổng kết năm học 2024 - 2025",
        "Vụ Hè Thu 2025, toàn xã gieo cấy 1.200 ha lúa.",
        "Đến tháng 8/2025, tỷ lệ giáo viên đạt chuẩn đạt 94,8%.",
      ],
      expected: [
        [1200, "2025"],
        [94.8, "2025-YTD"],
      ],
    },
    {
      title: "a period after a figure of an earlier clause is that clause's, unless the clause after is a part of that figure",
      date: "2024-12-26",
      paragraphs: [
        "KẾ HOẠCH xây dựng lực lượng dân quân tự vệ giai đoạn 2026 - 2030",
        "Giai đoạn 2021 - 2025, tổng kinh phí ước đạt 241,6 tỷ đồng.",
        "- Năm 2030: 100% xã được diễn tập chiến đấu phòng thủ trong giai đoạn; dân quân tự vệ đạt 1,41% dân số.",
        "Toàn tỉnh có 2.150 ha lúa vụ Đông Xuân 2023-2024 bị ảnh hưởng do hạn mặn; trong đó có 380 ha bị thiệt hại.",
      ],
      expected: [
        [241.6, "2021/2025"],
        [100, "2030"],
        [1.41, "2030"],
        [2150, "2023/2024"],
        [380, "2023/2024"],
      ],
    },
    {
      title: "a day of the month of writing in a figure's sentence, with nothing carried, dates it by that month; a day a count runs up to does not",
      date: "2021-10-28",
      paragraphs: ["Theo báo cáo nhanh, tính đến 17h ngày 28/10, bão số 7 đã làm 6 người chết. Đêm 27/10, mưa lớn làm 1.200 nhà bị ngập."],
      expected: [
        [6, "2021"],
        [1200, "2021-M10"],
      ],
    },
    {
      title: "the year of a quarter in hand named in a plan cited or carried out does not replace the quarter",
      date: "2024-03-22",
      paragraphs: [
        "BÁO CÁO kết quả kiểm soát thủ tục hành chính Quý I năm 2024",
        "Trong kỳ, UBND tỉnh đã ban hành 14 văn bản chỉ đạo, trong đó có Kế hoạch số 58/KH-UBND ngày 25/01/2024 về kiểm soát TTHC năm 2024.",
        "Thực hiện Kế hoạch rà soát năm 2024, các sở, ngành đã rà soát 42 TTHC.",
        "Tổng số hồ sơ tiếp nhận: 38.742 hồ sơ.",
        "Theo kế hoạch năm 2024, tỉnh phấn đấu trồng 500 ha rừng.",
      ],
      expected: [
        [14, "2024-Q1"],
        [42, "2024-Q1"],
        [38742, "2024-Q1"],
        [500, "2024"],
      ],
    },
    {
      title: "years counted are the span last named that is as many years long",
      date: "2021-04-15",
      paragraphs: [
        "II. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016 - 2020",
        "Giai đoạn 2016 - 2020, khối lượng hàng hóa đạt 21,6 triệu tấn.",
        "Đến hết năm 2020, toàn tỉnh có 312 bến khách ngang sông. Trong 5 năm, đã nạo vét, duy tu 186 km luồng tuyến.",
      ],
      expected: [
        [21.6, "2016/2020"],
        [312, "2020"],
        [186, "2016/2020"],
      ],
    },
    {
      title: "a plan named for the year of the months in hand leaves those months in hand",
      date: "2022-11-05",
      paragraphs: [
        "Tình hình đăng ký doanh nghiệp 10 tháng năm 2022",
        "Trong 10 tháng, có 1.102 doanh nghiệp đăng ký tạm ngừng kinh doanh.",
        "Theo Kế hoạch phát triển kinh tế - xã hội năm 2022, thành phố phấn đấu có 3.500 doanh nghiệp thành lập mới trong năm.",
        "Tỷ lệ hồ sơ đăng ký doanh nghiệp qua mạng đạt 98,6%.",
      ],
      expected: [
        [1102, "2022-10M"],
        [3500, "2022"],
        [98.6, "2022-10M"],
      ],
    },
  ];

  for (const { title, date, paragraphs, expected } of cases) {
    it(title, () => {
      expect(fieldsOf(date, paragraphs, ["value", "period"])).toEqual(expected);
    });
  }
});

describe("a span of years named without its years", () => {
  it("is the span last named", () => {
    const text = "Giai đoạn 2020 - 2024, Công ty đã đầu tư 1.200 tỷ đồng. Năm 2024, Công ty nộp ngân sách 200 tỷ đồng. Tổng sản lượng than nguyên khai cả giai đoạn đạt 5,14 triệu tấn.";
    expect(fieldsOf("2025-02-10", [text], ["value", "period"])).toEqual([
      [1200, "2020/2024"],
      [200, "2024"],
      [5.14, "2020/2024"],
    ]);
  });
});

describe("a figure whose unit is all that follows it", () => {
  const indicators = indicatorsOn("2024-06-30");

  it("is named before it, its unit per year naming nothing more", () => {
    expect(indicators("Theo quy hoạch, đến năm 2030 công suất Cảng hàng không quốc tế Cam Ranh sẽ đạt 25 triệu khách/năm.")).toEqual([
      [25, "công suất Cảng hàng không quốc tế Cam Ranh"],
    ]);
  });

  it("is of what changed in percent just before it, in its clause", () => {
    expect(indicators("Giai đoạn 2021-2025, dân số trung bình của tỉnh tăng bình quân 0,55%/năm, năm 2025 ước đạt 1.352,6 nghìn người.")).toEqual([
      [0.55, "dân số trung bình"],
      [1352.6, "dân số trung bình"],
    ]);
    expect(indicators("Năm 2020, huyện phấn đấu: tỷ lệ hộ nghèo giảm 5% trở lên; có thêm 01 xã đạt chuẩn.")).not.toContainEqual([1, "tỷ lệ hộ nghèo"]);
  });
});

describe("a phrase whose owners a comma lists", () => {
  const indicators = indicatorsOn("2021-12-20");

  it("is whole before a word of reaching, not before a verb of its own", () => {
    expect(indicators("Vốn đối ứng của các tổ chức, doanh nghiệp chủ trì đạt 58,4 tỷ đồng.")).toEqual([[58.4, "Vốn đối ứng"]]);
    expect(indicators("Hội có 146 trang trại, gia trại của CCB, giải quyết việc làm cho 14.380 lao động.")).toContainEqual([14380, "giải quyết việc làm"]);
  });
});

describe("a count after who holds it", () => {
  const indicators = indicatorsOn("2025-06-01");
  const namedByTheThings: Array<[string, string, Array<[number, string]>]> = [
    ["after a holder with a complement of its own", "Hệ thống thư viện cơ sở có 1.126 tủ sách.", [[1126, "tủ sách"]]],
    ["after a holder of what it includes", "Mạng lưới bưu chính gồm 57 bưu cục.", [[57, "bưu cục"]]],
    ["an event had", "Ngày hội có 1.540 lượt người đăng ký hiến máu.", [[1540, "lượt người đăng ký hiến máu"]]],
    ["a market had", "Chợ có 164 hộ thuộc diện nộp thuế khoán.", [[164, "hộ thuộc diện nộp thuế khoán"]]],
    ["each of the holders has", "Phấn đấu mỗi cơ sở Đoàn có ít nhất 01 công trình thanh niên.", [[1, "công trình thanh niên"]]],
    ["after a holder behind a comma and a time", "Theo ông Nguyễn Văn A, Giám đốc Công ty, hiện đơn vị có 68 công nhân là người khuyết tật.", [[68, "công nhân là người khuyết tật"]]],
    ["after a holder behind a time and 'toàn'", "Đáng chú ý, hiện toàn mạng lưới có 1.105 xe buýt sử dụng năng lượng xanh.", [[1105, "xe buýt sử dụng năng lượng xanh"]]],
    ["measured, after a holder behind a preposition", "Trong tuần, qua Cửa khẩu quốc tế Cầu Treo có 4.126 lượt phương tiện xuất nhập cảnh.", [[4126, "phương tiện xuất nhập cảnh"]]],
    [
      "after a label's colon",
      "Chất lượng tân binh năm nay được nâng lên rõ rệt: có 121 đảng viên, chiếm 3,06%.",
      [
        [121, "đảng viên"],
        [3.06, "đảng viên"],
      ],
    ],
    [
      "of a kind named, not by them alone",
      "Toàn tỉnh có 1.128 HTX, trong đó HTX nông nghiệp có 742 HTX.",
      [
        [1128, "HTX"],
        [742, "HTX nông nghiệp"],
      ],
    ],
  ];

  for (const [when, text, expected] of namedByTheThings) {
    it(`is named by the things ${when}`, () => {
      expect(indicators(text)).toEqual(expected);
    });
  }

  it("is not named by the things after how often, or by what each measures", () => {
    expect(indicators("Lưu lượng qua cầu tăng mạnh, mỗi ngày đêm có khoảng 8.500 lượt xe qua lại.")).not.toContainEqual([8500, "xe qua lại"]);
    expect(indicators("Mỗi suất quà gồm 5 mét vải lụa.")).toEqual([[5, "Mỗi suất quà"]]);
  });
});
