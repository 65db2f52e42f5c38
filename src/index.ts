/**
 * chitieu as a library: `extract(text)` runs the text and extract stages on a
 * string; `runExtraction` is the whole job behind `chitieu extract`.
 */
import { prepareText } from "./text/index.js";
import { extractMentions, findDocumentDate, type Mention } from "./extract/index.js";

export interface ExtractOptions {
  /** Name or path of the document, copied to every record. */
  doc?: string;
  /** ISO publication date; otherwise read from the text's header when it states one. */
  documentDate?: string | null;
}

/** Every indicator record in a Vietnamese text, with spans into its normalised (NFC) form. */
export function extract(text: string, options: ExtractOptions = {}): Mention[] {
  const document = prepareText(text);
  const documentDate = options.documentDate ?? findDocumentDate(document.text);
  return extractMentions(document, { doc: options.doc ?? "", documentDate });
}

export { prepareText } from "./text/index.js";
export { extractMentions, parseVietnameseNumber, parseNumberWords, findPeriods, resolvePeriod, loadExtractionRules } from "./extract/index.js";
export type { Mention, MentionKind, Qualifier, DocumentContext } from "./extract/index.js";
export type { TextDocument, Paragraph, Sentence, Span } from "./text/types.js";
export { runExtraction, type RunOptions, type RunSummary } from "./pipeline/run.js";
