/**
 * DOCX → blocks with mammoth (maintained, keeps paragraphs, headings, lists
 * and tables): its HTML goes through the same block builder as web pages,
 * without the furniture filter, so table cells get their headers the same way.
 */
import mammoth from "mammoth";
import { htmlContent, type HtmlContent } from "./html.js";

export class DocxProblem extends Error {}

export async function docxContent(bytes: Buffer): Promise<HtmlContent> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), externalFileAccess: false },
    );
    html = result.value;
  } catch (err) {
    throw new DocxProblem(`unreadable DOCX: ${(err as Error).message.split("\n")[0]}`);
  }
  return htmlContent(`<body>${html}</body>`, { findArticle: false, sourceRanges: false });
}
