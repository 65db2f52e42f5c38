import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes, ingestFile } from "../../src/ingest/index.js";
import { findVietnameseDate } from "../../src/ingest/dates.js";
import { extract } from "../../src/index.js";
import { makeHtmlPage, paragraphsOf } from "../fixtures/ingest/variants.js";
import { cellReadings, cellRows, recordsOf } from "../fixtures/ingest/cells.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus");
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

interface Gold {
  doc: string;
  quote: string;
}

const gold: Gold[] = fs
  .readFileSync(path.join(CORPUS, "gold.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Gold)
  .filter((g) => g.doc.endsWith(".html"));

describe("real news pages (corpus/html)", () => {
  const pages = [...new Set(gold.map((g) => g.doc))];

  it("has the five html-dev pages with gold", () => {
    expect(pages.sort()).toEqual(["048.html", "049.html", "050.html", "051.html", "052.html"]);
  });

  for (const page of pages) {
    it(`${page}: every gold quote is in the extracted text`, async () => {
      const doc = await ingestFile(path.join(CORPUS, "html", page));
      expect(doc.format).toBe("html");
      const text = norm(doc.text);
      const missing = gold.filter((g) => g.doc === page && !text.includes(norm(g.quote))).map((g) => g.quote);
      expect(missing).toEqual([]);
    });
  }

  it("048 (VnExpress): article only, with its metadata", async () => {
    const doc = await ingestFile(path.join(CORPUS, "html", "048.html"));
    expect(doc.meta).toMatchObject({
      title: "Ông Hồ Đức Phớc: Sẽ nâng mức giảm trừ gia cảnh tính thuế cá nhân khi sửa luật",
      publishedAt: "2023-11-02T19:20:45+07:00",
      canonicalUrl: "https://vnexpress.net/ong-ho-duc-phoc-se-nang-muc-giam-tru-gia-canh-tinh-thue-ca-nhan-khi-sua-luat-4672302.html",
      siteName: "vnexpress.net",
      author: "Anh Minh",
    });
    expect(doc.blocks[0].type).toBe("title");
    expect(doc.blocks[1].type).toBe("lead");
    for (const furniture of ["Trở lại Kinh doanh", "Chia sẻ", "Copy link", "Ảnh: Hoàng Phong", "Anh Minh", "Mới nhất", "Vĩ mô"]) {
      expect(doc.text).not.toContain(furniture);
    }
    expect(doc.text).toContain("Ông Hồ Đức Phớc, Bộ trưởng Tài chính.");
    for (const block of doc.blocks) {
      const [start, end] = block.sourceRange!;
      expect(start).toBeLessThan(end);
    }
  });

  it("049: the 'Tin liên quan' list and the rating widget are not content", async () => {
    const doc = await ingestFile(path.join(CORPUS, "html", "049.html"));
    expect(doc.meta.publishedAt).toBe("2018-08-07T17:23:45+07:00");
    expect(doc.meta.title).toBe("Hoạt động sản xuất công nghiệp tháng 2/2018");
    for (const furniture of ["Tin liên quan", "tháng 3/2018", "6 tháng đầu năm 2017", "Tổng số điểm", "Đọc bài", "Trang chủ"]) {
      expect(doc.text).not.toContain(furniture);
    }
  });

  it("050: front matter gives title and date; byline and source link are not content", async () => {
    const doc = await ingestFile(path.join(CORPUS, "html", "050.html"));
    expect(doc.meta.title).toBe("Quan tâm, nâng cao hơn nữa công tác đào tạo nghề và giải quyết việc làm cho lao động");
    expect(doc.meta.publishedAt).toBe("2020-01-01T07:01:00Z");
    expect(doc.blocks[0]).toMatchObject({ type: "title" });
    expect(doc.text).not.toContain("Thanh Nga");
    expect(doc.text).not.toContain("baodaknong");
    expect(doc.text).not.toContain('"slug"');
  });

  it("052: the comment box is not content", async () => {
    const doc = await ingestFile(path.join(CORPUS, "html", "052.html"));
    expect(doc.text).not.toMatch(/Bình Luận|Comment/i);
    expect(doc.text).toContain("VẬT LIỆU XÂY DỰNG ĐIÊU ĐỨNG");
  });
});

/** The headers of each figure of the plan tables below, row by row. */
const PLAN_TABLE_HEADERS = [
  ["Giải quyết việc làm (người)", "Kế hoạch"],
  ["Giải quyết việc làm (người)", "Thực hiện"],
  ["Tỷ lệ hộ nghèo (%)", "Kế hoạch"],
  ["Tỷ lệ hộ nghèo (%)", "Thực hiện"],
];

describe("page furniture with figures", () => {
  // The article's title and first paragraphs, without its date line (which the page shows above the title).
  const [headline, , ...paragraphs] = paragraphsOf(fs.readFileSync(path.join(CORPUS, "text", "002_293deabf6c84edbd.txt"), "utf8"));
  const article = [headline, ...paragraphs.slice(0, 5)];
  const related = [
    "Năm 2024 giải quyết việc làm cho 98.765 lao động",
    "Tỷ lệ hộ nghèo giảm còn 1,23% trong năm 2023",
    "Thu ngân sách đạt 54.321 tỷ đồng",
    "Kim ngạch xuất khẩu tăng 87,6% so với cùng kỳ",
    "Đào tạo nghề cho 4.567 lao động nông thôn",
    "Tạo việc làm mới cho 13.579 người",
    "Giảm 2.468 hộ nghèo trong 6 tháng đầu năm",
  ];
  const html = makeHtmlPage(article, { related, published: "Thứ Hai, 30/12/2024 - 10:26", site: "baomau.vn" });

  it("keeps the article and drops menus, related lists, counters, credits and footer", async () => {
    const doc = await ingestBytes("page.html", Buffer.from(html));
    const [title, ...body] = article;
    // The page puts a photo (file name, caption, credit) after the first half of the body: the caption stays.
    const half = Math.floor(body.length / 2);
    const expected = [title, ...body.slice(0, half), ["Quang cảnh hội nghị."], ...body.slice(half)];
    expect(norm(doc.text)).toBe(norm(expected.map((p) => p.join(" ")).join(" ")));
    expect(doc.blocks.find((b) => b.type === "caption")).toBeDefined();
    for (const figure of ["98.765", "1,23%", "54.321", "87,6%", "4.567", "13.579", "2.468", "128", "4.520", "1.321.952", "123/GP"]) {
      expect(doc.text).not.toContain(figure);
    }
    expect(doc.meta).toMatchObject({ title: title.join(" "), publishedAt: "2024-12-30T10:26:00+07:00", siteName: "baomau.vn", author: "Thanh Nga" });
    expect(doc.blocks[0].type).toBe("title");
  });

  it("drops the weather box, a poll's options, a gold price box, a stock ticker and a table of market prices beside the article", async () => {
    const page = `<html><body><div class="main">
      <div class="ticker container"><span>VN-Index: 1.136,92 ▼ 8,24 (-0,72%)</span><span>USD: 24.230 / 24.600</span></div><article>
      <h1>Giải quyết việc làm năm 2024</h1>
      <p>Năm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người, đạt 103,5% kế hoạch.</p>
      <p>Tỷ lệ lao động qua đào tạo ước đạt 68,8%.</p></article>
      <div class="box"><div class="box-title">Thời tiết</div><div>Có mưa rào và dông, 24°C, nhiều nơi trong tỉnh có mưa to</div><div>Độ ẩm: 86% - Gió: 2 m/s</div></div>
      <div class="mt-box"><div class="mt-box-title">THĂM DÒ Ý KIẾN</div><p>Bạn đánh giá thế nào về chất lượng dịch vụ công trực tuyến mức độ 4 của tỉnh?</p>
      <p><input type="radio" name="poll"> Tốt (62%)</p><p><input type="radio" name="poll"> Chưa tốt (9%)</p></div>
      <div class="side-gold"><div>Giá vàng</div><p>SJC Hà Nội: 88.500 - 90.500 nghìn đồng/lượng</p></div>
      <div class="box"><h4>Giá nông sản ngày 28/12/2020</h4><table class="price"><tr><th>Mặt hàng</th><th>Đơn vị</th><th>Giá</th></tr>
      <tr><td>Cà phê nhân (Đắk Lắk)</td><td>đ/kg</td><td>32.800</td></tr><tr><td>Lợn hơi (Hà Nội)</td><td>đ/kg</td><td>73.000</td></tr></table></div></div></body></html>`;
    const doc = await ingestBytes("widgets.html", Buffer.from(page));
    for (const figure of ["24°C", "86%", "2 m/s", "62%", "9%", "88.500", "32.800", "73.000", "1.136,92", "0,72%", "24.230"]) expect(doc.text).not.toContain(figure);
    expect(doc.text).toContain("đạt 103,5% kế hoạch");
    // A table of prices the article sets between its paragraphs is part of it, whatever its class.
    const inArticle = `<html><body><article><h1>Giá xăng giảm từ 15h chiều nay</h1><div class="content-detail">
      <p>Từ 15h cùng ngày, giá xăng E5 RON92 giảm 960 đồng/lít, còn không cao hơn 22.210 đồng/lít.</p>
      <table class="price-table"><tr><th>Mặt hàng</th><th>Vùng 1 (đồng/lít)</th></tr><tr><td>Xăng RON95-V</td><td>24.370</td></tr><tr><td>Dầu hỏa</td><td>22.130</td></tr></table>
      <p>Như vậy, giá xăng RON95-III đã giảm tổng cộng 2.040 đồng/lít.</p></div></article></body></html>`;
    expect(cellReadings(await ingestBytes("prices.html", Buffer.from(inArticle)))).toEqual([
      "Xăng RON95-V – Vùng 1 (đồng/lít): 24.370 đồng/lít",
      "Dầu hỏa – Vùng 1 (đồng/lít): 22.130 đồng/lít",
    ]);
  });

  it("takes the page's own <article> when comments and lists beside it outweigh a short article", async () => {
    const comments = Array.from({ length: 4 }, (_, i) => `<div class="cmt"><b>Bạn đọc ${i}</b><p>Đường về huyện giờ kẹt xe quá, mong tỉnh sớm mở rộng tỉnh lộ 8${i}3 và xây thêm nhà ở cho công nhân khu công nghiệp.</p></div>`).join("");
    const page = `<html><head><title>Long An thu hút gần 1,1 tỷ USD vốn FDI</title></head><body><div class="topbar"><span>Thứ Năm, 05/10/2023</span></div>
      <div class="quotes"><span>VN-Index: 1.136,92 (-0,72%)</span></div>
      <main><div class="col-main"><article class="article-detail"><h1>Long An thu hút gần 1,1 tỷ USD vốn FDI</h1>
      <p>Vốn FDI vào Long An 9 tháng đầu năm 2023 đạt khoảng 1,086 tỷ USD, tăng 18,5% so với cùng kỳ năm trước.</p>
      <p>Từ đầu năm đến ngày 25/9, tỉnh cấp mới 62 dự án FDI với tổng vốn đăng ký 684 triệu USD.</p>
      <p>Tỷ lệ lấp đầy bình quân của các khu công nghiệp đang hoạt động đạt 74,2%.</p></article>
      <section class="comments">${comments}</section></div></main></body></html>`;
    const doc = await ingestBytes("fdi.html", Buffer.from(page));
    expect(doc.text.split("\n\n")).toEqual([
      "Long An thu hút gần 1,1 tỷ USD vốn FDI",
      "Vốn FDI vào Long An 9 tháng đầu năm 2023 đạt khoảng 1,086 tỷ USD, tăng 18,5% so với cùng kỳ năm trước.",
      "Từ đầu năm đến ngày 25/9, tỉnh cấp mới 62 dự án FDI với tổng vốn đăng ký 684 triệu USD.",
      "Tỷ lệ lấp đầy bình quân của các khu công nghiệp đang hoạt động đạt 74,2%.",
    ]);
  });

  it("drops a comment box its class names in Vietnamese ('binhluan', 'ykien')", async () => {
    const page = `<html><body><div class="noidung"><h1>Tháng 3/2018: Phát hiện 14 vụ vi phạm lâm luật</h1>
      <p>Trong tháng 3/2018, Hạt Kiểm lâm huyện phát hiện 14 vụ vi phạm, tịch thu 8,6 m3 gỗ các loại.</p>
      <p>Lũy kế quý I/2018, Hạt đã phát hiện 37 vụ vi phạm, giảm 9 vụ so với cùng kỳ năm 2017.</p></div>
      <div class="binhluan"><h3>Ý kiến bạn đọc</h3>
      <div class="ykien"><b>Trần Văn Quý</b> (06/04/2018): Đề nghị huyện tăng thêm 2-3 chốt chặn trên tỉnh lộ 12.</div></div>
      <div class="ykien-item"><b>Y Bhơm</b> (05/04/2018): Mỗi tháng cả chục vụ mà phạt chẳng được bao nhiêu.</div></body></html>`;
    const doc = await ingestBytes("comments.html", Buffer.from(page));
    expect(doc.text.split("\n\n")).toEqual([
      "Tháng 3/2018: Phát hiện 14 vụ vi phạm lâm luật",
      "Trong tháng 3/2018, Hạt Kiểm lâm huyện phát hiện 14 vụ vi phạm, tịch thu 8,6 m3 gỗ các loại.",
      "Lũy kế quý I/2018, Hạt đã phát hiện 37 vụ vi phạm, giảm 9 vụ so với cùng kỳ năm 2017.",
    ]);
  });

  it("drops inline 'Xem thêm' links and counters inside the article body", async () => {
    const page = `<html><body><article>
      <h1>Giải quyết việc làm năm 2024</h1>
      <p>Năm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người, đạt 103,5% kế hoạch.</p>
      <p><strong>Xem thêm:</strong> <a href="/x.html">Năm 2023 tạo việc làm cho 11.111 người</a></p>
      <p>Tỷ lệ lao động qua đào tạo ước đạt 68,8%.</p>
      <p>Ảnh: Hồng Thái - TTXVN</p>
      <p>img-4483.jpg</p>
      <div>Đang online: 4</div>
    </article></body></html>`;
    const doc = await ingestBytes("inline.html", Buffer.from(page));
    expect(doc.text).toBe(
      "Giải quyết việc làm năm 2024\n\nNăm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người, đạt 103,5% kế hoạch.\n\nTỷ lệ lao động qua đào tạo ước đạt 68,8%.",
    );
  });

  it("gives each table cell its row and column headers", async () => {
    const page = `<html><head><meta charset="utf-8"></head><body><h1>Kết quả thực hiện chỉ tiêu năm 2024 của tỉnh</h1>
      <p>Kết quả thực hiện các chỉ tiêu chủ yếu như sau:</p>
      <table><tr><th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th></tr>
      <tr><td>Giải quyết việc làm (người)</td><td>14.500</td><td>15.000</td></tr>
      <tr><td>Tỷ lệ hộ nghèo (%)</td><td>1,5</td><td>1,2</td></tr></table></body></html>`;
    const doc = await ingestBytes("table.html", Buffer.from(page));
    const cells = doc.blocks.filter((b) => b.type === "table-cell");
    expect(cells.map((b) => b.headers)).toEqual(PLAN_TABLE_HEADERS);
    // The row as a reader sees it follows the reading, so that a record's sentence holds what a reader quotes.
    expect(doc.text.slice(cells[1].start, cells[1].end)).toBe("Giải quyết việc làm (người) – Thực hiện: 15.000 người (dòng: Giải quyết việc làm (người) 14.500 15.000)");
  });

  it("reads a table built of divs and marked by ARIA roles as a table", async () => {
    const row = (...cells: string[]) => `<div class="row" role="row">${cells.map((c) => `<div role="cell">${c}</div>`).join(" ")}</div>`;
    const page = `<html><body><h1>Xuất khẩu 6 tháng đầu năm 2025</h1><h3>Nhóm hàng xuất khẩu chủ lực 6 tháng</h3>
      <div class="grid" role="table">${row("Mặt hàng", "Kim ngạch", "So với cùng kỳ")}${row("Điện thoại và linh kiện", "27,3 tỷ USD", "giảm 1,3%")}
      ${row("Hàng dệt, may", "17,4 tỷ USD", "tăng 8,9%")}</div></body></html>`;
    const doc = await ingestBytes("grid.html", Buffer.from(page));
    expect(cellReadings(doc)).toEqual([
      "Điện thoại và linh kiện – Kim ngạch: 27,3 tỷ USD",
      "Điện thoại và linh kiện – So với cùng kỳ: giảm 1,3%",
      "Hàng dệt, may – Kim ngạch: 17,4 tỷ USD",
      "Hàng dệt, may – So với cùng kỳ: tăng 8,9%",
    ]);
    // The same divs without the roles are paragraphs.
    expect(cellReadings(await ingestBytes("divs.html", Buffer.from(page.replace(/ role="[a-z]+"/g, ""))))).toEqual([]);
  });

  it("reads cards of figures, each a title and the same keyed lines, as the table they stand for", async () => {
    const card = (title: string, plan: string, done: string, change: string) =>
      `<div class="card"><div class="t">${title}</div><div><span>Kế hoạch năm 2019:</span> <span>${plan}</span></div>` +
      `<div><span>Ước thực hiện 9 tháng:</span> <span>${done}</span></div><div><span>So với cùng kỳ:</span> <span>${change}</span></div></div>`;
    const page = `<html><body><h1>Số liệu kinh tế - xã hội 9 tháng năm 2019</h1><div class="cards">
      ${card("Thu ngân sách nhà nước", "3.450 tỷ đồng", "2.796,4 tỷ đồng", "tăng 14,2%")}
      ${card("Kim ngạch xuất khẩu", "1.050 triệu USD", "812,6 triệu USD", "tăng 9,81%")}</div></body></html>`;
    const doc = await ingestBytes("cards.html", Buffer.from(page));
    expect(cellReadings(doc).slice(0, 3)).toEqual([
      "Thu ngân sách nhà nước – Kế hoạch năm 2019: 3.450 tỷ đồng",
      "Thu ngân sách nhà nước – Ước thực hiện 9 tháng: 2.796,4 tỷ đồng",
      "Thu ngân sách nhà nước – So với cùng kỳ: tăng 14,2%",
    ]);
    expect(recordsOf(doc, "2019-10-05").slice(0, 3)).toEqual([
      [3450, "tỷ đồng", "target", "2019"],
      [2796.4, "tỷ đồng", "actual", "2019-9M"],
      [14.2, "%", "comparison", "2019-9M"],
    ]);
    // Cards whose lines differ are read as they stand.
    const uneven = page.replace("Kế hoạch năm 2019:</span> <span>1.050", "Dự toán:</span> <span>1.050");
    expect(cellReadings(await ingestBytes("uneven.html", Buffer.from(uneven)))).toEqual([]);
  });

  it("reads a page with no <html> or <body> as a browser would: every paragraph, the head's elements left out", async () => {
    const page = `<title>Việc làm năm 2024</title><meta name="description" content="Tóm tắt 99.999 người">
      <p>Năm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người.</p>
      <p>Tỷ lệ lao động qua đào tạo ước đạt 68,8%.</p>`;
    const doc = await ingestBytes("fragment.html", Buffer.from(page));
    expect(doc.text).toContain("giải quyết việc làm cho 15.000 người");
    expect(doc.text).toContain("ước đạt 68,8%");
    expect(doc.text).not.toContain("99.999");
    const block = doc.blocks.find((b) => doc.text.slice(b.start, b.end).includes("68,8%"))!;
    expect(page.slice(...block.sourceRange!)).toBe("Tỷ lệ lao động qua đào tạo ước đạt 68,8%.");
  });

  it("writes a bullet before each list item that has no marker of its own, so a list's introduction governs it", async () => {
    const page = `<html><body><h1>HĐND tỉnh thông qua chỉ tiêu năm 2024</h1>
      <p>Nghị quyết đề ra 18 chỉ tiêu chủ yếu năm 2024, trong đó:</p>
      <ul><li>Kim ngạch xuất khẩu hàng hóa đạt 1,45 tỷ USD.</li><li>2. Tỷ lệ che phủ rừng đạt 58%.</li></ul></body></html>`;
    const doc = await ingestBytes("list.html", Buffer.from(page));
    const items = doc.blocks.filter((b) => b.type === "list-item").map((b) => doc.text.slice(b.start, b.end));
    expect(items).toEqual(["- Kim ngạch xuất khẩu hàng hóa đạt 1,45 tỷ USD.", "2. Tỷ lệ che phủ rừng đạt 58%."]);
    const mentions = extract(doc.text, { documentDate: "2023-12-08" });
    expect(mentions.map((m) => [m.value, m.kind, m.period])).toEqual([
      [1.45, "target", "2024"],
      [58, "target", "2024"],
    ]);
  });

  it("leaves a column of row numbers out of a cell's headers", async () => {
    const page = `<html><body><h1>Kết quả thực hiện các chỉ tiêu năm 2024 của tỉnh</h1>
      <table><tr><th>TT</th><th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th></tr>
      <tr><td>1</td><td>Giải quyết việc làm (người)</td><td>14.500</td><td>15.000</td></tr>
      <tr><td>II</td><td>Tỷ lệ hộ nghèo (%)</td><td>1,5</td><td>1,2</td></tr></table></body></html>`;
    const doc = await ingestBytes("numbered.html", Buffer.from(page));
    expect(doc.blocks.filter((b) => b.type === "table-cell").map((b) => b.headers)).toEqual(PLAN_TABLE_HEADERS);
  });

  // Each figure comes out once, from its own cell (the row's figures are the other cells'), its sentence showing the row.
  it.each([
    {
      what: "a header row whose labels hold years ('KH 2024') for headers, and its unit column for units",
      page: `<html><body><h1>Kết quả thực hiện năm 2024</h1>
      <table><tr><th>TT</th><th>Chỉ tiêu</th><th>ĐVT</th><th>KH 2024</th><th>TH 2024</th><th>So với KH (%)</th></tr>
      <tr><td>1</td><td>Thu ngân sách nhà nước</td><td>Tỷ đồng</td><td>3.500</td><td>3.720</td><td>106,3</td></tr>
      <tr><td>2</td><td>Tỷ lệ hộ nghèo</td><td>%</td><td>2,5</td><td>2,3</td><td></td></tr></table></body></html>`,
      date: "2024-12-20",
      readings: [
        "Thu ngân sách nhà nước – KH 2024: 3.500 Tỷ đồng",
        "Thu ngân sách nhà nước – TH 2024: 3.720 Tỷ đồng",
        "Thu ngân sách nhà nước – So với KH (%): 106,3 %",
        "Tỷ lệ hộ nghèo – KH 2024: 2,5 %",
        "Tỷ lệ hộ nghèo – TH 2024: 2,3 %",
      ],
      records: [
        [3500, "Tỷ đồng", "target", "2024"],
        [3720, "Tỷ đồng", "actual", "2024"],
        [106.3, "%", "attainment", "2024"],
        [2.5, "%", "target", "2024"],
        [2.3, "%", "actual", "2024"],
      ],
    },
    {
      what: "the unit a row's label ends with, for bare figures and figures after a qualifier; not brackets that name no unit, which leave the figure without one",
      page: `<html><body><h1>Kết quả thực hiện chỉ tiêu 6 tháng đầu năm 2019</h1>
      <table border="1"><tr><td><b>STT</b></td><td><b>Chỉ tiêu</b></td><td><b>Chỉ tiêu giao năm 2019</b></td><td><b>Kết quả 6 tháng</b></td></tr>
      <tr><td>1</td><td>Tỷ lệ điều tra, khám phá án hình sự (%)</td><td>Trên 75</td><td>84,6</td></tr>
      <tr><td>2</td><td>Số xã được công nhận không có ma túy (xã)</td><td>15</td><td>9</td></tr>
      <tr><td>3</td><td>Số vụ phạm tội về ma túy (cũ)</td><td>120</td><td>64</td></tr></table></body></html>`,
      date: "2019-07-05",
      readings: [
        "Tỷ lệ điều tra, khám phá án hình sự (%) – Chỉ tiêu giao năm 2019: Trên 75 %",
        "Tỷ lệ điều tra, khám phá án hình sự (%) – Kết quả 6 tháng: 84,6 %",
        "Số xã được công nhận không có ma túy (xã) – Chỉ tiêu giao năm 2019: 15 xã",
        "Số xã được công nhận không có ma túy (xã) – Kết quả 6 tháng: 9 xã",
        "Số vụ phạm tội về ma túy (cũ) – Chỉ tiêu giao năm 2019: 120",
        "Số vụ phạm tội về ma túy (cũ) – Kết quả 6 tháng: 64",
      ],
      records: [
        [75, "%", "target", "2019"],
        [84.6, "%", "actual", "2019-H1"],
        [15, "xã", "target", "2019"],
        [9, "xã", "actual", "2019-H1"],
        [120, "", "target", "2019"],
        [64, "", "actual", "2019-H1"],
      ],
    },
    {
      what: "a header set in bold <td>s over two rows, a unit from a header spanning columns, and the unit the line before the table names",
      page: `<html><body><h1>Kết quả thu ngân sách năm 2017</h1>
      <p align="right"><em>ĐVT: triệu đồng</em></p>
      <table border="1"><tr><td rowspan="2"><b>TT</b></td><td rowspan="2"><b>Chỉ tiêu</b></td><td rowspan="2"><b>Dự toán năm 2017</b></td><td rowspan="2"><b>Thực hiện năm 2017</b></td><td colspan="2"><b>So sánh (%)</b></td></tr>
      <tr><td><b>Với dự toán</b></td><td><b>Với cùng kỳ</b></td></tr>
      <tr><td>1</td><td>Thu từ DNNN trung ương</td><td>520.000</td><td>566.210</td><td>108,9</td><td>113,5</td></tr></table></body></html>`,
      date: "2018-01-10",
      readings: [
        "Thu từ DNNN trung ương – Dự toán năm 2017: 520.000 triệu đồng",
        "Thu từ DNNN trung ương – Thực hiện năm 2017: 566.210 triệu đồng",
        "Thu từ DNNN trung ương – So sánh (%) – Với dự toán: 108,9 %",
        "Thu từ DNNN trung ương – So sánh (%) – Với cùng kỳ: 113,5 %",
      ],
      records: [
        [520000, "triệu đồng", "target", "2017"],
        [566210, "triệu đồng", "actual", "2017"],
        [108.9, "%", "attainment", "2017"],
        [113.5, "%", "comparison", "2017"],
      ],
    },
  ])("reads $what", async ({ page, date, readings, records }) => {
    const doc = await ingestBytes("table.html", Buffer.from(page));
    expect(cellReadings(doc)).toEqual(readings);
    expect(recordsOf(doc, date)).toEqual(records);
    expect(extract(doc.text, { documentDate: date }).every((m) => m.sentence.includes(" (dòng: "))).toBe(true);
  });

  it("names a header spanning two header rows once, so that a unit column under it is found", async () => {
    const page = `<html><body><h1>Tình hình kinh tế 9 tháng năm 2024</h1><table>
      <tr><th rowspan="2">Chỉ tiêu</th><th rowspan="2">Đơn vị tính</th><th colspan="2">Năm 2024</th></tr>
      <tr><th>Kế hoạch</th><th>Ước TH 9 tháng</th></tr>
      <tr><td>Kim ngạch xuất khẩu</td><td>Triệu USD</td><td>1.200</td><td>850</td></tr></table></body></html>`;
    const doc = await ingestBytes("spans.html", Buffer.from(page));
    const cells = cellReadings(doc);
    expect(cells).toEqual(["Kim ngạch xuất khẩu – Năm 2024 – Kế hoạch: 1.200 Triệu USD", "Kim ngạch xuất khẩu – Năm 2024 – Ước TH 9 tháng: 850 Triệu USD"]);
    expect(cellRows(doc)).toEqual(["Kim ngạch xuất khẩu Triệu USD 1.200 850", "Kim ngạch xuất khẩu Triệu USD 1.200 850"]);
  });

  it("keeps the paragraphs and lines of a cell apart, as a word processor's table sets a header on two lines", async () => {
    const page = `<html><body><h1>Kế hoạch giảm nghèo năm 2024</h1><table>
      <tr><th>Huyện</th><th><p>Số hộ nghèo</p><p>đầu năm 2024 (hộ)</p></th><th>Chỉ tiêu giảm<br>(hộ)</th></tr>
      <tr><td>Thành phố Kon Tum</td><td>2.280</td><td>620</td></tr></table></body></html>`;
    const doc = await ingestBytes("cells.html", Buffer.from(page));
    expect(cellReadings(doc)).toEqual(["Thành phố Kon Tum – Số hộ nghèo đầu năm 2024 (hộ): 2.280 hộ", "Thành phố Kon Tum – Chỉ tiêu giảm (hộ): 620 hộ"]);
  });

  it("emits a table's <caption> before its cells and takes the unit it names", async () => {
    const page = `<html><body><h1>Kết quả năm 2024</h1><table><caption>Kết quả thực hiện (Đơn vị tính: người)</caption>
      <tr><th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th></tr><tr><td>Giải quyết việc làm</td><td>14.500</td><td>15.000</td></tr></table></body></html>`;
    const doc = await ingestBytes("caption.html", Buffer.from(page));
    expect(doc.blocks.map((b) => b.type)).toEqual(["title", "caption", "table-cell", "table-cell"]);
    expect(cellReadings(doc)).toEqual(["Giải quyết việc làm – Kế hoạch: 14.500 người", "Giải quyết việc làm – Thực hiện: 15.000 người"]);
  });

  it("reads the charset a page declares", async () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>Tỷ lệ hộ nghèo giảm còn 2,94% theo chuẩn nghèo giai đoạn 2016 - 2020.</p></body></html>`;
    const bytes = Buffer.from(page.normalize("NFD").replace(/(\p{L})(\p{M}+)/gu, (_, b: string, m: string) => (b + m.replace(/[^\u0302\u0306\u031b]/g, "")).normalize("NFC") + m.replace(/[\u0302\u0306\u031b]/g, "")), "utf8");
    const { default: iconv } = await import("iconv-lite");
    const doc = await ingestBytes("cp1258.html", iconv.encode(bytes.toString("utf8"), "windows-1258"));
    expect(doc.encoding).toBe("windows-1258");
    expect(doc.text.normalize("NFC")).toBe("Tỷ lệ hộ nghèo giảm còn 2,94% theo chuẩn nghèo giai đoạn 2016 - 2020.");
  });
});

describe("visible Vietnamese dates", () => {
  const cases: [string, string][] = [
    ["29/11/2023 - 10:26", "2023-11-29T10:26:00+07:00"],
    ["Thứ Hai, 30/12/2024", "2024-12-30"],
    ["Thứ năm, 2/11/2023, 19:20 (GMT+7)", "2023-11-02T19:20:00+07:00"],
    ["17:23 | 07/08/2018", "2018-08-07T17:23:00+07:00"],
    ["Sóc Trăng, ngày 30 tháng 6 năm 2023", "2023-06-30"],
  ];
  for (const [text, iso] of cases) it(text, () => expect(findVietnameseDate(text)?.iso).toBe(iso));
});
