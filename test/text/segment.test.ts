import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { prepareText, segmentText, type Paragraph, type TextDocument } from "../../src/text/index.js";

const CORPUS = path.join(PACKAGE_ROOT, "corpus/text");
const corpusNames = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();

function corpus(prefix: string): TextDocument {
  const name = corpusNames.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no corpus document ${prefix}`);
  return prepareText(fs.readFileSync(path.join(CORPUS, name), "utf8"));
}

function sentences(text: string): string[] {
  return segmentText(text).flatMap((p) => p.sentences.map((s) => text.slice(s.start, s.end)));
}

function clauses(text: string): string[][] {
  return segmentText(text).flatMap((p) => p.sentences.map((s) => s.clauses.map((c) => text.slice(c.start, c.end))));
}

function paragraphs(text: string): string[] {
  return segmentText(text).map((p) => text.slice(p.start, p.end));
}

/** The sentence of a document that contains `needle`. */
function sentenceWith(doc: TextDocument, needle: string) {
  for (const paragraph of doc.paragraphs) {
    for (const sentence of paragraph.sentences) {
      if (doc.text.slice(sentence.start, sentence.end).includes(needle)) return { paragraph, sentence };
    }
  }
  throw new Error(`no sentence contains ${JSON.stringify(needle)}`);
}

/** Every structural promise of the segmentation, checked on a document. */
function expectWellFormed(text: string, paras: Paragraph[]): void {
  let previousEnd = 0;
  const white = /\s/;
  for (const p of paras) {
    expect(p.start).toBeGreaterThanOrEqual(previousEnd);
    expect(p.end).toBeGreaterThan(p.start);
    expect(p.sentences.length).toBeGreaterThan(0);
    previousEnd = p.end;
    let sentenceEnd = p.start;
    for (const s of p.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(sentenceEnd);
      expect(s.end).toBeLessThanOrEqual(p.end);
      expect(white.test(text[s.start])).toBe(false);
      expect(white.test(text[s.end - 1])).toBe(false);
      expect(s.clauses.length).toBeGreaterThan(0);
      sentenceEnd = s.end;
      let clauseEnd = s.start;
      for (const c of s.clauses) {
        expect(c.start).toBeGreaterThanOrEqual(clauseEnd);
        expect(c.end).toBeLessThanOrEqual(s.end);
        expect(c.end).toBeGreaterThan(c.start);
        expect(white.test(text[c.start])).toBe(false);
        expect(white.test(text[c.end - 1])).toBe(false);
        clauseEnd = c.end;
      }
    }
  }
}

describe("sentence ends", () => {
  it("ends sentences at . ! ? … followed by a capital, a digit, a quote or a bracket", () => {
    expect(sentences("Tỷ lệ hộ nghèo giảm. Năm 2025 phấn đấu giảm tiếp? Có! Đó là mục tiêu… “Quyết tâm” là lời hứa. (Tin) 5 xã đạt chuẩn."))
      .toEqual(["Tỷ lệ hộ nghèo giảm.", "Năm 2025 phấn đấu giảm tiếp?", "Có!", "Đó là mục tiêu…", "“Quyết tâm” là lời hứa.", "(Tin) 5 xã đạt chuẩn."]);
  });

  it("records how each sentence ended", () => {
    const text = "Đạt kế hoạch. Vì sao? Tuyệt! Còn nữa… Kết thúc\n- Dòng mới không dấu\n\nĐoạn cuối";
    const endings = segmentText(text).flatMap((p) => p.sentences.map((s) => s.ending));
    expect(endings).toEqual(["period", "question", "exclamation", "ellipsis", "line", "paragraph", "paragraph"]);
  });

  it("does not end a sentence inside numbers, dates or after a lower-case word", () => {
    expect(sentences("Giải quyết việc làm cho 15.000 lao động, đạt 1.234,5 tỷ đồng. Chiều 7/1, ngày 29/11/2023 Sở họp. ông nói tiếp. vẫn một câu."))
      .toEqual(["Giải quyết việc làm cho 15.000 lao động, đạt 1.234,5 tỷ đồng.", "Chiều 7/1, ngày 29/11/2023 Sở họp. ông nói tiếp. vẫn một câu."]);
  });

  it.each([
    ["TP. Hồ Chí Minh giải quyết việc làm cho 300.000 lao động."],
    ["Tp. Cần Thơ đạt 95% kế hoạch."],
    ["GS.TS. Nguyễn Văn Minh cho biết tỷ lệ đạt 70%."],
    ["PGS.TS. Trần Thị Lan trình bày báo cáo."],
    ["TS. Lê Văn Cường và ThS. Phạm Thu Hà tham dự."],
    ["BS. Hoàng Minh khám cho 500 người."],
    ["Các ngành thương binh, xã hội, v.v. Đều hoàn thành chỉ tiêu."],
    ["Dự án cầu qua St. Sài Gòn hoàn thành."],
    ["Trụ sở tại Q. Bình Thạnh và P. Bến Nghé đã khánh thành."],
    ["Ông Nguyễn V. A. Trưởng phòng cho biết đạt 90%."],
    ["Đ/c Nguyễn Văn Út, Tỉnh ủy viên, chủ trì hội nghị."],
    ["Đ/c. Lê Thành phát biểu."],
    ["KT. CHÁNH VĂN PHÒNG ký ban hành."],
    ["Gửi TT. UBND tỉnh để báo cáo."],
  ])("keeps one sentence: %s", (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it("takes the official end mark ./. whole, and ends the sentence after it", () => {
    expect(sentences("Văn phòng thông báo đến các đơn vị biết và thực hiện./. Nơi nhận như trên."))
      .toEqual(["Văn phòng thông báo đến các đơn vị biết và thực hiện./.", "Nơi nhận như trên."]);
    expect(sentences("thực hiện./.\nHồng Thái")).toEqual(["thực hiện./.", "Hồng Thái"]);
  });

  it("ends at ... before a capital but not before a lower-case word", () => {
    expect(sentences("chính sách cho người có công với cách mạng... Năm 2025, ngành đề ra chỉ tiêu mới."))
      .toEqual(["chính sách cho người có công với cách mạng...", "Năm 2025, ngành đề ra chỉ tiêu mới."]);
    expect(sentences("giám sát chương trình, dự án... để qua đó tháo gỡ khó khăn.")).toHaveLength(1);
  });

  it("does not end a sentence at leader dots between a label and its figure", () => {
    expect(sentences("Phí, lệ phí: ........................ 95 triệu đồng")).toHaveLength(1);
    expect(sentences("Tổng thu ngân sách xã quý I: …… 14.862 triệu đồng. Chi thường xuyên đạt 24%.")).toHaveLength(2);
  });

  it("does not take a list number for a sentence end", () => {
    expect(sentences("1. Tiếp tục đẩy mạnh tuyên truyền.")).toEqual(["1. Tiếp tục đẩy mạnh tuyên truyền."]);
    expect(sentences("Gồm: 1. Tạo việc làm; 2. Giảm nghèo.")).toHaveLength(1);
    expect(sentences("II. NHIỆM VỤ NĂM 2025")).toEqual(["II. NHIỆM VỤ NĂM 2025"]);
    expect(sentences("2.1. Giáo dục: Năm học 2018-2019, huy động trẻ ra lớp đạt 99,6%.")).toEqual(["2.1. Giáo dục: Năm học 2018-2019, huy động trẻ ra lớp đạt 99,6%."]);
    expect(sentences("1.2.3. Chăn nuôi: Tổng đàn bò 208.500 con.")).toHaveLength(1);
    expect(sentences("Năm nay tăng 1.2. Năm sau giảm.")).toHaveLength(2);
  });

  it("does not take the number of a section for a sentence end, and makes its line a heading", () => {
    const text = "Điều 1. Mục tiêu, chỉ tiêu chủ yếu giai đoạn 2021-2025\n1. Tốc độ tăng trưởng đạt 7%.\n2. Thu ngân sách 4.000 tỷ đồng.";
    expect(sentences(text)[0]).toBe("Điều 1. Mục tiêu, chỉ tiêu chủ yếu giai đoạn 2021-2025");
    const [heading] = segmentText(text);
    expect(heading.heading).toBe(true);
    expect(clauses("Điều 2. Giao Sở Tài chính bố trí 90 tỷ đồng.")).toEqual([["Giao Sở Tài chính bố trí 90 tỷ đồng."]]);
    expect(sentences("Năm nay tăng 1. Điều này cho thấy")).toHaveLength(2);
  });

  it("ends a sentence after a number or an unknown abbreviation-looking word", () => {
    expect(sentences("Số hộ nghèo còn 1.879. Năm sau giảm tiếp.")).toHaveLength(2);
    expect(sentences("Trụ sở đặt tại TP.HCM. Năm 2024 mở rộng.")).toHaveLength(2);
  });
});

describe("lines and paragraphs", () => {
  it("makes paragraphs at blank lines", () => {
    expect(paragraphs("Đoạn một.\n\nĐoạn hai.\n \n\nĐoạn ba.")).toEqual(["Đoạn một.", "Đoạn hai.", "Đoạn ba."]);
  });

  it("rejoins a paragraph a page break cut mid-sentence", () => {
    const text = "đảm bảo các phong trào Đền ơn đáp nghĩa đã được duy\n\ntrì thường xuyên; triển khai tốt các giải pháp.";
    expect(paragraphs(text)).toEqual([text]);
    expect(sentences(text)).toEqual([text]);
    expect(clauses(text)).toEqual([["đảm bảo các phong trào Đền ơn đáp nghĩa đã được duy\n\ntrì thường xuyên", "triển khai tốt các giải pháp."]]);
  });

  it("does not rejoin after final punctuation, before a capital or a list item", () => {
    expect(paragraphs("Kết thúc câu.\n\nmở đầu thường.")).toHaveLength(2);
    expect(paragraphs("Không có dấu\n\nNăm 2025 phấn đấu.")).toHaveLength(2);
    expect(paragraphs("Các nhiệm vụ gồm\n\na) tạo việc làm.")).toHaveLength(2);
  });

  it("breaks at a single newline after final punctuation or a colon", () => {
    expect(sentences("Hoàn thành kế hoạch.\nnăm sau tiếp tục\nNơi nhận:\ncác sở, ngành")).toEqual([
      "Hoàn thành kế hoạch.",
      "năm sau tiếp tục",
      "Nơi nhận:",
      "các sở, ngành",
    ]);
  });

  it.each([["- "], ["• "], ["+ "], ["1. "], ["a) "], ["*"], ["– "]])("breaks before a line starting with %j", (marker) => {
    const text = `Các chỉ tiêu chủ yếu gồm\n${marker}tạo việc làm cho 15.000 lao động`;
    expect(sentences(text)).toEqual(["Các chỉ tiêu chủ yếu gồm", `${marker}tạo việc làm cho 15.000 lao động`]);
    expect(clauses(text)[1]).toEqual(["tạo việc làm cho 15.000 lao động"]);
  });

  it("treats a single newline before a lower-case word as a soft wrap", () => {
    expect(sentences("Tỷ lệ lao động qua đào tạo\nđạt 69,3%.")).toEqual(["Tỷ lệ lao động qua đào tạo\nđạt 69,3%."]);
  });

  it("keeps a hard-wrapped title together even where a wrapped line starts with a capital", () => {
    const title =
      "**Ý kiến của Phó Chủ tịch UBND tỉnh Lê Văn Phước tại Hội nghị\n" +
      "Sơ kết công tác Lao động, Người có công và Xã hội 6 tháng đầu năm 2023,\n" +
      "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025\n" +
      "và phương hướng nhiệm vụ 6 tháng cuối năm 2023**";
    const [paragraph] = segmentText(title);
    expect(paragraph.sentences).toHaveLength(1);
    expect(paragraph.heading).toBe(true);
  });

  it("splits a title line from the body that follows it on the next line", () => {
    const text =
      "Sở Lao động – Thương binh và Xã hội tỉnh Trà Vinh tổ chức hội nghị triển khai công tác năm 2024\n" +
      "Chiều ngày 05/01/2024, Sở Lao động – Thương binh và Xã hội tỉnh Trà Vinh tổ chức hội nghị tổng kết hoạt động năm 2023 và triển khai kế hoạch công tác lao động, người có công và xã hội năm 2024. Năm 2023, tỉnh đạt nhiều kết quả tích cực.";
    const paras = segmentText(text);
    expect(paras.map((p) => p.heading)).toEqual([true, false]);
    expect(paras[1].sentences).toHaveLength(2);
  });

  it("marks headings: short lines without final punctuation and lines in capitals", () => {
    const text = "THÔNG BÁO\n\nAn sinh\n\nQuang cảnh hội nghị.\n\nCÁC CHỈ TIÊU CHỦ YẾU NĂM 2025:\n\nNăm 2024, ngành đạt 100% kế hoạch, trong đó tỷ lệ lao động qua đào tạo đạt 69,3% và tỷ lệ hộ nghèo giảm còn 1,2% theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025 do Chính phủ ban hành kèm theo nghị định";
    expect(segmentText(text).map((p) => p.heading)).toEqual([true, true, false, true, false]);
  });

  it("gives lines in capitals their own paragraph", () => {
    expect(paragraphs("Kết quả đạt được.\nI. MỤC TIÊU\nTạo việc làm cho 15.000 lao động.")).toEqual([
      "Kết quả đạt được.",
      "I. MỤC TIÊU",
      "Tạo việc làm cho 15.000 lao động.",
    ]);
  });
});

describe("clauses", () => {
  it("splits at ; and leaves the separator out", () => {
    expect(clauses("Tạo việc làm cho 15.000 lao động; nâng tỷ lệ qua đào tạo lên 71% ; giảm hộ nghèo 1%.")).toEqual([
      ["Tạo việc làm cho 15.000 lao động", "nâng tỷ lệ qua đào tạo lên 71%", "giảm hộ nghèo 1%."],
    ]);
  });

  it("does not split at ; inside brackets", () => {
    expect(clauses("Hộ nghèo giảm 0,3%/năm (trong đó; hộ Khmer giảm 0,5%/năm); hộ cận nghèo giảm 1%.")).toEqual([
      ["Hộ nghèo giảm 0,3%/năm (trong đó; hộ Khmer giảm 0,5%/năm)", "hộ cận nghèo giảm 1%."],
    ]);
  });

  it("splits at inline bullets and list items after a colon, leaving markers out", () => {
    expect(clauses("Chỉ tiêu gồm: a) tạo việc làm cho 10.000 người, b) giảm 3% hộ nghèo.")).toEqual([
      ["Chỉ tiêu gồm:", "tạo việc làm cho 10.000 người,", "giảm 3% hộ nghèo."],
    ]);
    expect(clauses("Kết quả • Đang online: 4 • Hôm nay: 29")).toEqual([["Kết quả", "Đang online: 4", "Hôm nay: 29"]]);
    expect(clauses("Hộ nghèo còn 3,5% (năm 2022) và 2,9% (năm 2023).")).toEqual([["Hộ nghèo còn 3,5% (năm 2022) và 2,9% (năm 2023)."]]);
    expect(clauses("Giảm (từ 3,12) xuống 2,9%; đạt.")).toEqual([["Giảm (từ 3,12) xuống 2,9%", "đạt."]]);
  });

  it("gives every sentence at least one clause", () => {
    const text = ";\n\n•\n\nMột câu.";
    for (const p of segmentText(text)) for (const s of p.sentences) expect(s.clauses.length).toBeGreaterThan(0);
  });
});

describe("sentences of our own", () => {
  it("segments a notice with abbreviations, numbers, a list and the end mark", () => {
    const text =
      "UBND TP. Hà Nội thông báo kết quả năm 2024 như sau:\n" +
      "- Tạo việc làm mới cho 155.000 lao động, đạt 103,3% kế hoạch;\n" +
      "- Tỷ lệ hộ nghèo còn 0,03%.\n" +
      "Theo GS.TS. Nguyễn Văn A., tỷ lệ lao động qua đào tạo đạt 72,5%. Năm 2025, Thành phố phấn đấu đạt 75%./.";
    expect(sentences(text)).toEqual([
      "UBND TP. Hà Nội thông báo kết quả năm 2024 như sau:",
      "- Tạo việc làm mới cho 155.000 lao động, đạt 103,3% kế hoạch;",
      "- Tỷ lệ hộ nghèo còn 0,03%.",
      "Theo GS.TS. Nguyễn Văn A., tỷ lệ lao động qua đào tạo đạt 72,5%.",
      "Năm 2025, Thành phố phấn đấu đạt 75%./.",
    ]);
  });

  it("keeps quoted speech with a question inside one sentence when the quote goes on in lower case", () => {
    expect(sentences("Ông hỏi: “Vì sao chưa đạt?” và đề nghị làm rõ. Sở sẽ báo cáo.")).toEqual([
      "Ông hỏi: “Vì sao chưa đạt?” và đề nghị làm rõ.",
      "Sở sẽ báo cáo.",
    ]);
  });
});

describe("the corpus documents", () => {
  it.each(corpusNames)("%s is well formed", (name) => {
    const doc = prepareText(fs.readFileSync(path.join(CORPUS, name), "utf8"));
    expectWellFormed(doc.text, doc.paragraphs);
  });

  it("000: the target sentence is one sentence of three clauses", () => {
    const doc = corpus("000");
    const { sentence } = sentenceWith(doc, "Năm 2025, ngành đề ra chỉ tiêu");
    expect(doc.text.slice(sentence.start, sentence.end)).toBe(
      "Năm 2025, ngành đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động; nâng lao động qua đào tạo đạt 71%; giảm hộ nghèo 0,74%/năm trở lên.",
    );
    expect(sentence.clauses.map((c) => doc.text.slice(c.start, c.end))).toEqual([
      "Năm 2025, ngành đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động",
      "nâng lao động qua đào tạo đạt 71%",
      "giảm hộ nghèo 0,74%/năm trở lên.",
    ]);
  });

  it("000: the ellipsis before 'Năm 2025' ends the sentence before it, and ./. ends the last", () => {
    const doc = corpus("000");
    const { sentence } = sentenceWith(doc, "người có công với cách mạng...");
    expect(doc.text.slice(sentence.end - 30, sentence.end)).toBe("người có công với cách mạng...");
    expect(sentence.ending).toBe("ellipsis");
    const last = sentenceWith(doc, "giai đoạn 2022 - 2025)./.").sentence;
    expect(doc.text.slice(last.end - 3, last.end)).toBe("./.");
  });

  it("000: the headline, section and place lines are headings", () => {
    const doc = corpus("000");
    const headings = doc.paragraphs.filter((p) => p.heading).map((p) => doc.text.slice(p.start, p.end));
    expect(headings).toEqual(expect.arrayContaining(["An sinh", "Huy động các nguồn lực giảm nghèo bền vững", "Hậu Giang"]));
  });

  it("001: 'Đ/c' does not break and the caption line is a heading of its own", () => {
    const doc = corpus("001");
    const { paragraph, sentence } = sentenceWith(doc, "Đ/c");
    expect(doc.text.slice(sentence.start, sentence.end)).toBe(
      "Đ/c  Nguyễn Văn Út, Tỉnh ủy viên, Giám đốc Sở Lao động – Thương binh và Xã hội chủ trì hội nghị",
    );
    expect(paragraph.heading).toBe(true);
  });

  it("001: the title line is its own heading paragraph, apart from the first body sentence", () => {
    const doc = corpus("001");
    const first = doc.paragraphs[0];
    expect(first.heading).toBe(true);
    expect(doc.text.slice(first.start, first.end)).toMatch(/năm 2024$/);
    const { sentence } = sentenceWith(doc, "Chiều ngày 05/01/2024");
    expect(doc.text.slice(sentence.start, sentence.start + 21)).toBe("Chiều ngày 05/01/2024");
  });

  it("001: the attainment list splits into clauses at ;", () => {
    const doc = corpus("001");
    const { sentence } = sentenceWith(doc, "tạo việc làm mới đạt 108,44%");
    expect(sentence.clauses.map((c) => doc.text.slice(c.start, c.end))).toEqual([
      "Cụ thể tỉnh đã tạo việc làm mới đạt 108,44%",
      "đưa lao động đi làm việc ở nước ngoài đạt 132,44% so với chỉ tiêu Nghị quyết Tỉnh uỷ giao",
      "các cơ sở giáo dục nghề nghiệp đã tổ chức tuyển sinh đào tạo nghề, đạt 103,36% so với kế hoạch",
      "tỷ lệ lao động qua đào tạo đạt 69,3%, trong đó tỷ lệ lao động có văn bằng, chứng chỉ đạt 36,4%.",
    ]);
  });

  it("002: the date line and headline are headings; the quoted phrase stays in its sentence", () => {
    const doc = corpus("002");
    expect(doc.paragraphs.slice(0, 2).map((p) => p.heading)).toEqual([true, true]);
    const { sentence } = sentenceWith(doc, "“tương thân, tương ái”");
    expect(doc.text.slice(sentence.start, sentence.start + 22)).toBe("Để hoàn thành Chương t");
  });

  it("003: rejoins 'đã được duy' / 'trì thường xuyên' and 'dự báo số' / 'lượng lao động'", () => {
    const doc = corpus("003");
    const duy = sentenceWith(doc, "đã được duy");
    expect(doc.text.slice(duy.sentence.start, duy.sentence.end)).toContain("đã được duy\n\ntrì thường xuyên");
    expect(duy.sentence.clauses.map((c) => doc.text.slice(c.start, c.end))).toContain(
      "đảm bảo các phong trào Đền ơn đáp nghĩa đã được duy\n\ntrì thường xuyên",
    );
    expect(doc.text.slice(duy.sentence.start, duy.sentence.start + 10)).toBe("1. Tiếp tụ");
    expect(doc.text.slice(duy.sentence.clauses[0].start, duy.sentence.clauses[0].start + 9)).toBe("Tiếp tục ");
    const so = sentenceWith(doc, "dự báo số");
    expect(doc.text.slice(so.sentence.start, so.sentence.end)).toContain("dự báo số\n\nlượng lao động mất việc");
  });

  it("003: the numbered items are separate paragraphs, each one sentence or more, none a heading", () => {
    const doc = corpus("003");
    const items = doc.paragraphs.filter((p) => /^\d\. /.test(doc.text.slice(p.start, p.start + 3)));
    expect(items).toHaveLength(6);
    for (const item of items) expect(item.heading).toBe(false);
  });

  it("004: the caption after an image name is its own paragraph and not a heading", () => {
    const doc = corpus("004");
    const { paragraph } = sentenceWith(doc, "Quang cảnh hội nghị.");
    expect(doc.text.slice(paragraph.start, paragraph.end)).toBe("Quang cảnh hội nghị.");
    expect(paragraph.heading).toBe(false);
    expect(paragraph.furniture).toBe(false);
  });
});

describe("cost", () => {
  // Each of these made one of the regexes backtrack quadratically at some
  // point; at this size a quadratic pass takes many seconds, a linear one a few milliseconds.
  const n = 60_000;
  it.each([
    ["leader dots", "Mục lục " + ".".repeat(n) + " x"],
    ["spaces after a phrase", "Xem thêm" + " ".repeat(n) + "x"],
    ["spaces after a label", "Hôm nay:" + " ".repeat(n) + "x"],
    ["spaces after a token", "fb" + " ".repeat(n) + "y"],
    ["emphasis after a phrase", "Xem thêm" + " *".repeat(n / 2) + "x"],
    ["dashes", "-".repeat(n) + " x"],
    ["a file-name-like run", "img" + "-".repeat(n) + " x"],
    ["brackets", "(".repeat(n / 2) + "a;" + ")".repeat(n / 2)],
    ["dotted token", "a.".repeat(n / 2) + " Năm"],
    ["combining marks", "a" + "\u0301".repeat(n)],
  ])("stays linear on %s", (_name, source) => {
    const started = performance.now();
    const doc = prepareText(source);
    expect(doc.paragraphs.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
