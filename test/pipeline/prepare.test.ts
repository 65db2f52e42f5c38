/**
 * What a prepared document carries to the store: its normalised mentions, from
 * which the extraction records are recovered exactly, and of its structure only
 * what segmentation cannot recompute from the text.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractMentions, findDocumentDate } from "../../src/extract/index.js";
import { ingestBytes } from "../../src/ingest/index.js";
import { Normaliser, loadNormaliseRules } from "../../src/normalise/index.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { InThreadPreparer, extractionRecord } from "../../src/pipeline/prepare.js";
import { prepareText } from "../../src/text/index.js";
import { makeNoticePdf } from "../fixtures/ingest/notices.js";

const preparer = new InThreadPreparer({ ingest: {}, normaliser: new Normaliser(loadNormaliseRules(), []) });
const article = path.join(PACKAGE_ROOT, "corpus/text", fs.readdirSync(path.join(PACKAGE_ROOT, "corpus/text")).sort()[0]);

describe("prepareDocument", () => {
  it("gives mentions whose extraction records are what extraction found, field for field and in order", async () => {
    const bytes = fs.readFileSync(article);
    const prepared = await preparer.prepare(article, bytes);
    if (!prepared.ok) throw new Error(prepared.reason);
    const ingested = await ingestBytes(article, bytes, {});
    const text = prepareText(ingested.text);
    const extracted = extractMentions(text, { doc: article, documentDate: ingested.meta.publishedAt ?? findDocumentDate(text.text) });
    expect(extracted.length).toBeGreaterThan(0);
    expect(prepared.document.normalised.map((m) => JSON.stringify(extractionRecord(m)))).toEqual(extracted.map((m) => JSON.stringify(m)));
  });

  it("reads a table of plan, outcome and attainment columns as targets, actuals and attainments of the columns' year", async () => {
    const page = Buffer.from(`<html><head><meta property="article:published_time" content="2025-01-10"></head><body><article>
      <h1>Kết quả thực hiện các chỉ tiêu năm 2024</h1><p>Kết quả thực hiện các chỉ tiêu chủ yếu như sau:</p>
      <table><tr><th>TT</th><th>Chỉ tiêu</th><th>ĐVT</th><th>KH 2024</th><th>TH 2024</th><th>So với KH (%)</th></tr>
      <tr><td>1</td><td>Thu ngân sách nhà nước</td><td>Tỷ đồng</td><td>3.500</td><td>3.720</td><td>106,3</td></tr></table></article></body></html>`);
    const prepared = await preparer.prepare("table.html", page);
    if (!prepared.ok) throw new Error(prepared.reason);
    const found = prepared.document.normalised.map((m) => [m.kind, m.value, m.period, m.indicator]);
    expect(found).toEqual([
      ["target", 3500, "2024", "Thu ngân sách nhà nước"],
      ["actual", 3720, "2024", "Thu ngân sách nhà nước"],
      ["attainment", 106.3, "2024", "Thu ngân sách nhà nước"],
    ]);
  });

  it("reads the same table in a PDF notice, its header wrapped in its cells and a row label wrapped in its column", async () => {
    const pdf = await makeNoticePdf([
      { heading: "BÁO CÁO Kết quả thực hiện các chỉ tiêu năm 2024" },
      { paragraph: "Kết quả thực hiện các chỉ tiêu chủ yếu như sau:" },
      {
        table: {
          widths: [28, 150, 55, 65, 65, 88],
          header: [[{ text: "TT" }, { text: "Chỉ tiêu" }, { text: "ĐVT" }, { text: "KH 2024" }, { text: "TH 2024" }, { text: "So với KH (%)" }]],
          body: [
            ["1", "Thu ngân sách nhà nước", "Tỷ đồng", "3.500", "3.720", "106,3"],
            ["2", "Giải quyết việc làm cho lao động", "Người", "32.000", "33.150", "103,6"],
          ],
          align: ["center", "left", "center", "right", "right", "right"],
        },
      },
      { paragraph: "Nhìn chung, các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch." },
    ]);
    const prepared = await preparer.prepare("table.pdf", pdf);
    if (!prepared.ok) throw new Error(prepared.reason);
    const found = prepared.document.normalised.map((m) => [m.kind, m.value, m.unit, m.period, m.indicator]);
    expect(found).toEqual([
      ["target", 3500, "Tỷ đồng", "2024", "Thu ngân sách nhà nước"],
      ["actual", 3720, "Tỷ đồng", "2024", "Thu ngân sách nhà nước"],
      ["attainment", 106.3, "%", "2024", "Thu ngân sách nhà nước"],
      ["target", 32000, "Người", "2024", "Giải quyết việc làm cho lao động"],
      ["actual", 33150, "Người", "2024", "Giải quyết việc làm cho lao động"],
      ["attainment", 103.6, "%", "2024", "Giải quyết việc làm cho lao động"],
    ]);
  });

  it("does not carry the period a photo caption names to the paragraphs after it", async () => {
    const page = (caption: string) =>
      Buffer.from(`<html><head><meta property="article:published_time" content="2025-10-06"></head><body><article>
      <h1>Hàng qua cảng biển tăng mạnh</h1>
      <p>9 tháng năm 2025, sản lượng hàng hóa qua cảng đạt 6,23 triệu tấn, bằng 77,9% kế hoạch năm.</p>
      ${caption}
      <p>Lượng container qua cảng đạt 12.450 TEU, gấp 2,3 lần cùng kỳ năm ngoái.</p></article></body></html>`);
    const periodsOf = async (caption: string) => {
      const prepared = await preparer.prepare("port.html", page(caption));
      if (!prepared.ok) throw new Error(prepared.reason);
      return prepared.document.normalised.map((m) => [m.value, m.period]);
    };
    const figure = `<figure><img src="a.jpg"><figcaption>Tàu nhận hàng tại khu bến Hòn La, tháng 8/2025. Ảnh: <em>Hoàng Táo</em></figcaption></figure>`;
    expect(await periodsOf(figure)).toEqual([
      [6.23, "2025-9M"],
      [77.9, "2025-9M"],
      [12450, "2025-9M"],
      [2.3, "2025-9M"],
    ]);
    // The same sentence as a paragraph of the article does speak for what follows.
    expect((await periodsOf(`<p>Tàu nhận hàng tại khu bến Hòn La, tháng 8/2025.</p>`)).slice(2)).toEqual([
      [12450, "2025-M08"],
      [2.3, "2025-M08"],
    ]);
  });

  it("keeps the ingest warnings as the document's structure, and nothing when there are none", async () => {
    const plain = await preparer.prepare("plain.txt", Buffer.from("Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động."));
    expect(plain.ok && plain.document.record.structure).toBeUndefined();
    const page = Buffer.from("<html><body><article><p>Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.</p></article></body></html>");
    const warned = await preparer.prepare("page.html", page, { articleSelector: "main.story" });
    expect(warned.ok && warned.document.record.structure).toEqual({ warnings: [expect.stringMatching(/matched nothing/)] });
  });
});
