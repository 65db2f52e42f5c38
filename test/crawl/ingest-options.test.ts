/** The ingest options the crawler relies on: a site's article selector, and learnt boilerplate left out by fingerprint. */
import { describe, expect, it } from "vitest";
import { blockFingerprint, ingestBytes } from "../../src/ingest/index.js";
import { prepareText } from "../../src/text/index.js";

const LEAD = "Năm 2025, tỉnh phấn đấu giải quyết việc làm cho 15.000 lao động, giảm tỷ lệ hộ nghèo 1,5% so với năm trước.";
const OTHER = "Trong khi đó, bảng tin của chuyên mục liệt kê các bài viết được đọc nhiều nhất trong tuần qua tại địa phương.";
const MAIL = "Quý độc giả có thể gửi ý kiến phản ánh về các vấn đề dân sinh qua hộp thư điện tử của chuyên mục.";

const page = (mail: string) =>
  Buffer.from(`<html><head><title>Giải quyết việc làm cho 15.000 lao động</title></head><body>
<h1>Giải quyết việc làm cho 15.000 lao động</h1>
<div class="noi-dung"><p>${LEAD}</p><p>${mail}</p></div>
<div class="tin-khac"><p>${OTHER}</p><p>${OTHER.replace("tuần qua", "tháng qua")}</p><p>${OTHER.replace("tuần qua", "năm qua")}</p></div>
</body></html>`);

const texts = async (bytes: Buffer, options = {}) => {
  const doc = await ingestBytes("https://bao.example.vn/a.html", bytes, options);
  return { blocks: doc.blocks.map((b) => doc.text.slice(b.start, b.end)), warnings: doc.warnings };
};

describe("articleSelector", () => {
  it("takes the article from the element the site's selector names, its title heading first", async () => {
    const { blocks } = await texts(page(MAIL), { articleSelector: "div.noi-dung" });
    expect(blocks).toEqual(["Giải quyết việc làm cho 15.000 lao động", LEAD, MAIL]);
  });

  it("falls back to finding the article, with a warning, when the selector matches nothing", async () => {
    const { blocks, warnings } = await texts(page(MAIL), { articleSelector: "article.detail" });
    expect(blocks).toContain(OTHER);
    expect(warnings).toEqual(['article selector "article.detail" matched nothing; the article was found from the page instead']);
  });
});

describe("dropBlocks", () => {
  it("leaves out the blocks whose fingerprint is given, whatever their spacing", async () => {
    const spaced = MAIL.replace("độc giả", "độc\u00a0 giả").replace("hộp thư", "hộp\u200b thư");
    const { blocks } = await texts(page(spaced), { articleSelector: "div.noi-dung", dropBlocks: new Set([blockFingerprint(MAIL)]) });
    expect(blocks).toEqual(["Giải quyết việc làm cho 15.000 lao động", LEAD]);
  });

  it("fingerprints a block's text in the normalised document as the ingester does", async () => {
    const doc = await ingestBytes("https://bao.example.vn/a.html", page(MAIL.replace("ý kiến", "y\u0301 kiê\u0301n")), { articleSelector: "div.noi-dung" });
    const normalised = prepareText(doc.text).text;
    const last = doc.blocks.at(-1)!;
    expect(normalised).toContain(MAIL);
    expect(blockFingerprint(MAIL)).toBe(blockFingerprint(doc.text.slice(last.start, last.end)));
    expect(blockFingerprint(MAIL)).not.toBe(blockFingerprint(LEAD));
  });
});
