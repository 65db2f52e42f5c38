import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { furnitureOfLine, prepareText, type TextDocument } from "../../src/text/index.js";

const CORPUS = path.join(PACKAGE_ROOT, "corpus/text");

function corpus(prefix: string): TextDocument {
  const name = fs.readdirSync(CORPUS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no corpus document ${prefix}`);
  return prepareText(fs.readFileSync(path.join(CORPUS, name), "utf8"));
}

function furnitureParagraphs(doc: TextDocument): string[] {
  return doc.paragraphs.filter((p) => p.furniture).map((p) => doc.text.slice(p.start, p.end));
}

function contentText(doc: TextDocument): string {
  return doc.paragraphs
    .filter((p) => !p.furniture)
    .map((p) => doc.text.slice(p.start, p.end))
    .join("\n\n");
}

describe("furnitureOfLine", () => {
  it.each([
    "Đang online: 4",
    "  • Hôm nay: 29",
    "Trong tuần: 631",
    "Tất cả: 1321952",
    "Lượt truy cập: 1.234.567",
    "Đang truy cập: 12",
    "Lượt xem: 2 345",
    "Hôm qua: 310",
  ])("a visitor counter is line furniture: %s", (line) => {
    expect(furnitureOfLine(line)).toBe("line");
  });

  it.each([
    "Ảnh: Hồng Thái - TTXVN",
    "Tin, ảnh: Nguyễn Văn Bé",
    "Tin và ảnh: Minh Châu",
    "Bài, ảnh: Thanh Nga",
    "Bài/ảnh: Lê Hà",
    "Tin - ảnh: Quốc Việt",
    "Ảnh minh họa",
    "Nguồn: Báo Chính phủ",
    "Thực hiện: Nhóm phóng viên",
  ])("a photo credit or byline is line furniture: %s", (line) => {
    expect(furnitureOfLine(line)).toBe("line");
  });

  it.each(["Chia sẻ bài viết", "BÌNH LUẬN", "Bình luận (0)", "fb yt zl tw", "Facebook Zalo Email", "In bài viết", "Gửi bình luận", "Copy link"])(
    "a share or comment widget is line furniture: %s",
    (line) => {
      expect(furnitureOfLine(line)).toBe("line");
    },
  );

  it.each(["img-4483.jpg", "Anh-tin-bai", "IMG_20240105_0912.JPG", "anh-hoi-nghi-2024.png", "DSC01234"])("an image name is line furniture: %s", (line) => {
    expect(furnitureOfLine(line)).toBe("line");
  });

  it.each([
    "Tin cùng chuyên mục",
    "Có thể bạn quan tâm",
    "Tin liên quan:",
    "TIN LIÊN QUAN",
    "Xem thêm",
    "Xem thêm »",
    "Bài viết liên quan",
    "Tin khác",
    "Các tin khác",
    "Các tin đã đưa",
    "Đọc thêm",
    "Tin bài liên quan",
    "**Tin cùng chuyên mục**",
    "Bản quyền thuộc về Báo Đồng Khởi",
    "Giấy phép số 12/GP-BTTTT ngày 5/1/2020",
    "Giấy phép xuất bản số 35/GP-BTTTT ngày 05/02/2020. Tổng Biên tập: Trần Văn A.",
    "Giấy phép thiết lập trang TTĐT số 05/GP-TTĐT ngày 20/3/2015.",
    "Giấy phép hoạt động báo điện tử số: 95/GP-BTTTT ngày 02/3/2023",
    "© 2024 Báo điện tử Tỉnh",
    "Copyright 2023 by Sở Lao động",
    "Cơ quan chủ quản: UBND tỉnh Bến Tre",
    "Tổng biên tập: Nguyễn Văn A",
  ])("a section start takes the rest of the document: %s", (line) => {
    expect(furnitureOfLine(line)).toBe("rest");
  });

  it.each(["Thống kê truy cập", "Nơi nhận:"])("a list heading takes its list: %s", (line) => {
    expect(furnitureOfLine(line)).toBe("list");
  });

  it.each(["Xem thêm: Hà Nội giải quyết việc làm cho 150.000 lao động", "Tin liên quan: Tỷ lệ hộ nghèo giảm còn 1,2%", "Từ khóa: giảm nghèo, việc làm"])(
    "an inline related link or tag line is only a line: %s",
    (line) => {
      expect(furnitureOfLine(line)).toBe("line");
    },
  );

  it.each([
    "Tin cùng chuyên mục được cập nhật hằng ngày.",
    "Xem thêm thông tin tại Cổng thông tin điện tử tỉnh.",
    "Tin liên quan đến dự án được công bố.",
    "Ảnh hưởng của thiên tai làm giảm 5% sản lượng.",
    "Hôm nay: ngành tổ chức hội nghị tổng kết",
    "Năm 2025, ngành đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động.",
    "Tổng: 15.000 lao động",
    "Bản quyền tác giả được bảo hộ theo luật.",
    "Chia sẻ kinh nghiệm giảm nghèo bền vững",
    "In ấn tài liệu tuyên truyền",
    "Quang cảnh hội nghị.",
    "Anh Nguyễn Văn A cho biết",
    "Nơi nhận hồ sơ là bộ phận một cửa.",
    "Giấy phép xuất bản tài liệu không kinh doanh – Kế hoạch 2022: 170 giấy phép",
    "Giấy phép hoạt động được cấp cho 58 bến, đạt 90,6%.",
  ])("content is not furniture: %s", (line) => {
    expect(furnitureOfLine(line)).toBeNull();
  });
});

describe("furniture in documents", () => {
  it("gives a furniture line inside a paragraph its own paragraph", () => {
    const doc = prepareText("Ông Hòa phát biểu tại hội nghị.\nẢnh: Hồng Thái - TTXVN\nNăm 2025, ngành phấn đấu tạo việc làm cho 15.000 lao động.");
    expect(doc.paragraphs.map((p) => [doc.text.slice(p.start, p.end), p.furniture])).toEqual([
      ["Ông Hòa phát biểu tại hội nghị.", false],
      ["Ảnh: Hồng Thái - TTXVN", true],
      ["Năm 2025, ngành phấn đấu tạo việc làm cho 15.000 lao động.", false],
    ]);
  });

  it("takes everything after a section start standing alone on a line", () => {
    const doc = prepareText("Tỷ lệ hộ nghèo còn 1,2%.\n\nTin liên quan\n\nHà Nội tạo việc làm cho 150.000 lao động\n\nTP.HCM giảm 2% hộ nghèo.");
    expect(doc.paragraphs.map((p) => p.furniture)).toEqual([false, true, true, true]);
  });

  it("takes the list items after a list heading, and stops at the first line that is not one", () => {
    const doc = prepareText("Nơi nhận:\n- TT. UBND tỉnh;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\n\nNguyễn Văn A");
    expect(doc.paragraphs.map((p) => [doc.text.slice(p.start, p.end), p.furniture])).toEqual([
      ["Nơi nhận:\n- TT. UBND tỉnh;\n- Lưu: VT.", true],
      ["KT. GIÁM ĐỐC", false],
      ["Nguyễn Văn A", false],
    ]);
  });

  it("000: photo credits and the trailing 'Xem thêm' are furniture; the article is not", () => {
    const doc = corpus("000");
    expect(furnitureParagraphs(doc)).toEqual(["Ảnh: Hồng Thái - TTXVN", "Ảnh: Hồng Thái - TTXVN", "Xem thêm"]);
    expect(contentText(doc)).toContain("giảm hộ nghèo 0,74%/năm trở lên.");
  });

  it("001: image slug, byline and the visitor counter block are furniture", () => {
    const doc = corpus("001");
    expect(furnitureParagraphs(doc)).toEqual([
      "Anh-tin-bai",
      "Tin, ảnh: Nguyễn Văn Bé",
      "Thống kê truy cập\n  • Đang online: 4\n  • Hôm nay: 29\n  • Trong tuần: 631\n  • Tất cả: 1321952",
    ]);
    const content = contentText(doc);
    expect(content).not.toMatch(/1321952|Đang online/);
    expect(content).toContain("đạt 108,44%");
  });

  it("002: the byline, the share widget and the comment heading are furniture", () => {
    const doc = corpus("002");
    expect(furnitureParagraphs(doc)).toEqual(["Tin, ảnh: Thanh Ngân", "Chia sẻ bài viết", "BÌNH LUẬN"]);
  });

  it("003: the distribution list of the notice is furniture, its text and signature are not", () => {
    const doc = corpus("003");
    expect(furnitureParagraphs(doc)).toEqual([
      "Nơi nhận:",
      "- TT. UBND tỉnh;\n- Sở, ngành tham dự Hội nghị;\n- Lãnh đạo VPUBND tỉnh;\n- Phòng: KGVX, KTTH;\n- Lưu: VT.",
    ]);
    expect(contentText(doc)).toContain("phấn đấu giải ngân 100% số vốn được giao trong năm 2023");
  });

  it("004: 'Có thể bạn quan tâm' and everything after it is furniture, as are the image names", () => {
    const doc = corpus("004");
    const start = doc.text.indexOf("Có thể bạn quan tâm");
    expect(start).toBeGreaterThan(0);
    for (const p of doc.paragraphs) {
      if (p.start >= start) expect(p.furniture, doc.text.slice(p.start, p.end)).toBe(true);
    }
    const before = doc.paragraphs.filter((p) => p.start < start && p.furniture).map((p) => doc.text.slice(p.start, p.end));
    expect(before).toEqual(["img-4483.jpg", "img-4495.jpg", "img-4491.jpg", "img-4498.jpg"]);
    const content = contentText(doc);
    expect(content).toContain("tặng danh hiệu “Tập thể lao động xuất sắc” cho 1 tập thể.");
    expect(content).not.toContain("đường sắt");
  });
});

describe("the furniture lexicon", () => {
  const original = process.env.CHITIEU_RULES;
  afterEach(() => {
    if (original === undefined) delete process.env.CHITIEU_RULES;
    else process.env.CHITIEU_RULES = original;
    vi.resetModules();
  });

  it("reports a bad row with its file and line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-rules-"));
    fs.mkdirSync(path.join(dir, "lexicon"));
    fs.writeFileSync(path.join(dir, "lexicon", "furniture.tsv"), "surface\tmatch\tscope\tvalue\tnote\nXem thêm\talone\trest\t\t\nHôm nay\tlabel\tline\t\t\n");
    process.env.CHITIEU_RULES = dir;
    vi.resetModules();
    const fresh = await import("../../src/text/furniture.js");
    expect(() => fresh.furnitureOfLine("Xem thêm")).toThrow(/furniture\.tsv:3: .*value/);
  });
});
