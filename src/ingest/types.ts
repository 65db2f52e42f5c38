export type DocumentFormat = "text" | "html" | "pdf" | "docx";

export type BlockType = "title" | "lead" | "heading" | "paragraph" | "list-item" | "table-cell" | "caption";

/** A piece of content in IngestedDocument.text, with where it came from. */
export interface Block {
  type: BlockType;
  /** [start, end) in IngestedDocument.text. */
  start: number;
  end: number;
  /** PDF: 1-based page number. */
  page?: number;
  /** PDF: position of the block's first line on its page (points, origin top-left). */
  position?: { x: number; y: number };
  /** Table cells: the row and column headers that give the figure its meaning. */
  headers?: string[];
  /** HTML: [start, end) of the element in the decoded source string, when known. */
  sourceRange?: [number, number];
}

export interface DocumentMeta {
  title?: string;
  /** ISO 8601: "2023-11-29" or "2023-11-29T10:26:00+07:00". */
  publishedAt?: string;
  canonicalUrl?: string;
  siteName?: string;
  author?: string;
}

/** What the ingest stage hands on: the real content of one document as text. */
export interface IngestedDocument {
  /** Path or URL as given. */
  source: string;
  /** File name (last path segment). */
  name: string;
  /** The raw bytes, kept in the store so later rule versions can re-extract. */
  bytes: Buffer;
  sha256: string;
  byteSize: number;
  format: DocumentFormat;
  /** How the bytes were decoded: "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni", or for PDF/DOCX the container ("pdf", "docx", plus any legacy font conversion, e.g. "pdf+tcvn3"). */
  encoding: string;
  /** Content text; blocks are separated by a blank line ("\n\n"). Not yet NFC: the text stage does that. */
  text: string;
  blocks: Block[];
  meta: DocumentMeta;
  /** Non-fatal problems worth a reviewer's attention. */
  warnings: string[];
}

/** A document that cannot be ingested; `reason` is one short line. */
export class IngestError extends Error {
  constructor(readonly source: string, readonly reason: string) {
    super(`${source}: ${reason}`);
    this.name = "IngestError";
  }
}
