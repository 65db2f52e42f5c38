import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IngestError, ingestBytes, ingestFile, type IngestedDocument } from "../../src/ingest/index.js";
import { encodeLegacy } from "../../src/ingest/legacy.js";
import { furnitureOfLine } from "../../src/text/furniture.js";
import { articleText, makeDocx, makeHtmlPage, makePdf, paragraphsOf, type Article } from "../fixtures/ingest/variants.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus");
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const corpusText = (name: string) => fs.readFileSync(path.join(CORPUS, "text", name), "utf8");

/** A corpus article without the lines a web page would show as furniture (photo names, credits, counters). */
function cleanArticle(name: string, count: number): Article {
  return paragraphsOf(corpusText(name))
    .map((p) => p.filter((line) => furnitureOfLine(line) === null))
    .filter((p) => p.length)
    .slice(0, count);
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return (err as IngestError).reason;
  }
  throw new Error("expected an IngestError");
}

describe("the same article as .txt, .html, .pdf and .docx", () => {
  const article = cleanArticle("004_3b0dc88aab711b97.txt", 12);
  const variants: Promise<IngestedDocument[]> = (async () => [
    await ingestBytes("article.txt", Buffer.from(articleText(article))),
    await ingestBytes("article.html", Buffer.from(makeHtmlPage(article, { related: ["Giải quyết việc làm cho 11.111 lao động"], published: "29/11/2023 - 10:26", site: "baomau.vn" }))),
    await ingestBytes("article.pdf", await makePdf(article, { runningHeader: "Báo mẫu - Xã hội", pageNumbers: true })),
    await ingestBytes("article-2col.pdf", await makePdf(article, { runningHeader: "Báo mẫu - Xã hội", pageNumbers: true, twoColumns: true })),
    await ingestBytes("article.docx", await makeDocx(article)),
  ])();

  it("yields the same content text", async () => {
    const [txt, ...others] = await variants;
    expect(others.map((d) => d.format)).toEqual(["html", "pdf", "pdf", "docx"]);
    // The web page shows a captioned photo in the middle of the body; the others do not.
    const html = others[0];
    const caption = html.blocks.find((b) => b.type === "caption")!;
    const htmlText = html.text.slice(0, caption.start) + html.text.slice(caption.end);
    expect(norm(htmlText)).toBe(norm(txt.text));
    for (const doc of others.slice(1)) expect(norm(doc.text), doc.source).toBe(norm(txt.text));
  });

  it("keeps PDF page numbers and positions, and drops running headers and page numbers", async () => {
    const [, , pdf, twoColumns] = await variants;
    expect(pdf.text).not.toContain("Báo mẫu - Xã hội");
    expect(pdf.text).not.toMatch(/Trang \d+\/\d+/);
    const pages = new Set(pdf.blocks.map((b) => b.page));
    expect(pages.size).toBeGreaterThan(1);
    for (const b of pdf.blocks) expect(b.position!.x).toBeGreaterThan(60);
    expect(twoColumns.blocks.some((b) => b.position!.x > 250)).toBe(true);
    expect(pdf.meta.title).toBe(article[0].join(" "));
  });

  it("rejoins lines the PDF broke mid-sentence", async () => {
    const [, , pdf] = await variants;
    const longest = [...article].sort((a, b) => b.join(" ").length - a.join(" ").length)[0].join(" ");
    expect(pdf.text).toContain(longest);
  });
});

describe("corpus PDF and DOCX documents", () => {
  const names = fs.readdirSync(path.join(CORPUS, "text")).filter((f) => f.endsWith(".txt"));
  for (const name of names) {
    it(`${name}: .pdf and .docx read as the .txt`, async () => {
      const base = name.replace(/\.txt$/, "");
      const txt = await ingestFile(path.join(CORPUS, "text", name));
      const pdf = await ingestFile(path.join(CORPUS, "pdf", `${base}.pdf`));
      const docx = await ingestFile(path.join(CORPUS, "docx", `${base}.docx`));
      expect(norm(pdf.text)).toBe(norm(txt.text));
      expect(norm(docx.text)).toBe(norm(txt.text));
    });
  }
});

describe("PDF", () => {
  const article = cleanArticle("000_121b9cfc0a5a8ef3.txt", 6);
  const latin1 = (b: Buffer) => b.toString("latin1");

  it("converts text set in legacy TCVN3 and VNI fonts", async () => {
    const lower = article.map((p) => p.map((l) => l.toLowerCase()));
    const tcvn3 = await ingestBytes("tcvn3.pdf", await makePdf(lower, { mapText: (l) => latin1(encodeLegacy(l, "tcvn3")) }));
    expect(tcvn3.encoding).toBe("pdf+tcvn3");
    expect(norm(tcvn3.text)).toBe(norm(articleText(lower)));
    const vni = await ingestBytes("vni.pdf", await makePdf(article, { mapText: (l) => latin1(encodeLegacy(l, "vni")) }));
    expect(vni.encoding).toBe("pdf+vni");
    expect(norm(vni.text)).toBe(norm(articleText(article)));
  });

  it("a scan without a text layer is an error, not an empty document", async () => {
    expect(await reason(ingestBytes("scan.pdf", await makePdf(article, { noText: true })))).toBe("no text layer (scanned; needs OCR)");
  });

  it("a line in capitals starts a paragraph after a line of prose, and one of prose after it", async () => {
    const signed: Article = [
      ["Quyết định giao chỉ tiêu"],
      ["Quyết định này có hiệu lực kể từ ngày ký."],
      ["Huỳnh Văn Lợi", "PHỤ LỤC", "CHỈ TIÊU KẾ HOẠCH NĂM 2023 GIAO CHO CÁC XÃ", "(Kèm theo Quyết định số 3817/QĐ-UBND)"],
    ];
    const doc = await ingestBytes("signed.pdf", await makePdf(signed));
    const paragraphs = doc.text.split(/\n\s*\n/).map((p) => p.trim());
    expect(paragraphs.slice(-3)).toEqual(["Huỳnh Văn Lợi", "PHỤ LỤC\nCHỈ TIÊU KẾ HOẠCH NĂM 2023 GIAO CHO CÁC XÃ", "(Kèm theo Quyết định số 3817/QĐ-UBND)"]);
  });

  it("a short line without lower case ('NĂM 2030') goes on with the heading in capitals it ends", async () => {
    const signed: Article = [
      ["Kế hoạch phòng, chống dịch bệnh động vật"],
      ["Kế hoạch này có hiệu lực kể từ ngày ký."],
      ["Trần Đức Lâm", "PHỤ LỤC", "TỶ LỆ TIÊM PHÒNG GIAO CHO CÁC HUYỆN ĐẾN", "NĂM 2030", "(Kèm theo Kế hoạch số 512/KH-UBND)"],
    ];
    const doc = await ingestBytes("signed.pdf", await makePdf(signed));
    const paragraphs = doc.text.split(/\n\s*\n/).map((p) => p.trim().replace(/\s+/g, " "));
    expect(paragraphs.slice(-3)).toEqual(["Trần Đức Lâm", "PHỤ LỤC TỶ LỆ TIÊM PHÒNG GIAO CHO CÁC HUYỆN ĐẾN NĂM 2030", "(Kèm theo Kế hoạch số 512/KH-UBND)"]);
  });

  it("an encrypted PDF is an error", async () => {
    expect(await reason(ingestBytes("locked.pdf", await makePdf(article, { userPassword: "secret" })))).toBe("encrypted PDF (needs a password)");
  });

  it("a truncated PDF is an error", async () => {
    const whole = await makePdf(article);
    expect(await reason(ingestBytes("cut.pdf", whole.subarray(0, 900)))).toMatch(/PDF/);
  });
});

describe("DOCX", () => {
  it("keeps paragraphs and gives table cells their headers", async () => {
    const article: Article = [["Báo cáo kết quả năm 2024"], ["Năm 2024, toàn tỉnh giải quyết việc làm cho 15.000 người."]];
    const table = [
      ["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
      ["Giải quyết việc làm (người)", "14.500", "15.000"],
      ["Tỷ lệ hộ nghèo (%)", "1,5", "1,2"],
    ];
    const doc = await ingestBytes("report.docx", await makeDocx(article, { table }));
    expect(doc.format).toBe("docx");
    expect(doc.blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "table-cell", "table-cell", "table-cell", "table-cell"]);
    const last = doc.blocks.at(-1)!;
    expect(last.headers).toEqual(["Tỷ lệ hộ nghèo (%)", "Thực hiện"]);
    expect(doc.text.slice(last.start, last.end)).toBe("Tỷ lệ hộ nghèo (%) – Thực hiện: 1,2 % (dòng: Tỷ lệ hộ nghèo (%) 1,5 1,2)");
  });
});
