import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractMentions, findDocumentDate } from "../../src/extract/index.js";
import { ingestBytes, ingestFile, type IngestedDocument } from "../../src/ingest/index.js";
import { prepareText } from "../../src/text/index.js";
import { furnitureOfLine } from "../../src/text/furniture.js";
import { articleText, makeDocx, makeHtmlPage, makePdf, paragraphsOf } from "../fixtures/ingest/variants.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus");

/** What a record says, without where it sits (offsets differ between formats). */
function records(doc: IngestedDocument, documentDate: string | null) {
  const text = prepareText(doc.text);
  return extractMentions(text, { doc: "article", documentDate })
    .map((m) => ({ kind: m.kind, value: m.value, value_max: m.value_max, unit: m.unit, period: m.period, indicator: m.indicator, qualifier: m.qualifier }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("every format of the same article yields the same records", () => {
  const names = fs.readdirSync(path.join(CORPUS, "text")).filter((f) => f.endsWith(".txt"));
  for (const name of names) {
    it(`corpus ${name}: .txt, .pdf, .docx`, async () => {
      const base = name.replace(/\.txt$/, "");
      const txt = await ingestFile(path.join(CORPUS, "text", name));
      const date = txt.meta.publishedAt ?? findDocumentDate(prepareText(txt.text).text);
      const expected = records(txt, date);
      expect(expected.length).toBeGreaterThan(0);
      expect(records(await ingestFile(path.join(CORPUS, "pdf", `${base}.pdf`)), date)).toEqual(expected);
      expect(records(await ingestFile(path.join(CORPUS, "docx", `${base}.docx`)), date)).toEqual(expected);
    });
  }

  it("a web page with furniture full of figures, as .txt, .html, .pdf and .docx", async () => {
    const article = paragraphsOf(fs.readFileSync(path.join(CORPUS, "text", "004_3b0dc88aab711b97.txt"), "utf8"))
      .map((p) => p.filter((line) => furnitureOfLine(line) === null))
      .filter((p) => p.length)
      .slice(0, 12);
    const related = ["Giải quyết việc làm cho 98.765 lao động", "Tỷ lệ hộ nghèo giảm còn 1,23%", "Thu ngân sách đạt 54.321 tỷ đồng", "Xuất khẩu tăng 87,6%", "Đào tạo nghề cho 4.567 người"];
    const txt = await ingestBytes("article.txt", Buffer.from(articleText(article)));
    const date = findDocumentDate(prepareText(txt.text).text);
    const expected = records(txt, date);
    expect(expected.length).toBeGreaterThan(3);
    const html = await ingestBytes("article.html", Buffer.from(makeHtmlPage(article, { related, published: "30/12/2024", site: "baomau.vn" })));
    expect(records(html, date)).toEqual(expected);
    expect(records(await ingestBytes("article.pdf", await makePdf(article, { runningHeader: "Báo mẫu", pageNumbers: true, twoColumns: true })), date)).toEqual(expected);
    expect(records(await ingestBytes("article.docx", await makeDocx(article)), date)).toEqual(expected);
  });
});
