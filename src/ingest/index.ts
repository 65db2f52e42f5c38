/**
 * The ingest stage: bytes of any supported document → its content as text
 * blocks with metadata. Anything wrong with the input comes out as an
 * IngestError with a one-line reason, never as another exception.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { TextBuilder } from "./builder.js";
import { findVietnameseDate, isDateLine } from "./dates.js";
import { decodeText } from "./decode.js";
import { controlCharacterShare, sniffFormat, textOrHtml } from "./detect.js";
import { convertLegacyMojibake, repairLegacyText, type LegacyEncoding } from "./legacy.js";
import { plainTextBlocks } from "./plain.js";
import { IngestError, type DocumentFormat, type DocumentMeta, type IngestedDocument } from "./types.js";
import { hasVietnamese, plausibility, scoreVietnamese } from "./vietnamese.js";

export { IngestError } from "./types.js";
export type { Block, BlockType, DocumentFormat, DocumentMeta, IngestedDocument } from "./types.js";
export { listInputs, type InputEntry, type ListOptions } from "./inputs.js";
export { blockFingerprint } from "./fingerprint.js";
export { decodeText, normaliseCharset } from "./decode.js";

export interface IngestOptions {
  /** Largest document accepted, in bytes (default 50 MiB). */
  maxBytes?: number;
  /** Charset from an HTTP Content-Type header; used when the bytes bear it out. */
  charset?: string;
  /** HTML: CSS selector of the element holding the article on this site (used when it matches). */
  articleSelector?: string;
  /** HTML: blocks to leave out, by blockFingerprint() of their text (boilerplate learnt for a site). */
  dropBlocks?: ReadonlySet<string>;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function tooLarge(source: string, size: number, limit: number): IngestError {
  return new IngestError(source, `too large: ${formatSize(size)} (limit ${formatSize(limit)})`);
}

function fileProblem(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return `unreadable: ${err.message}`;
  }
}

/** What a file's metadata says of it before it is read: enough for a re-run to tell it is unchanged. */
export interface FileStamp {
  size: number;
  /** Modification time, in ns since the epoch; null while it is too recent to tell a later write by it (see RACY_MS). */
  mtimeNs: bigint | null;
}

/**
 * A file modified less than this long ago may be written again within the same tick of the file
 * system's clock, with the same size, and its time would not show it (git's "racy clean" files).
 */
export const RACY_MS = 2000;

/** Checks a file before reading it (a regular file, within the size limit) and says its stamp. */
export async function inspectInput(file: string, options: IngestOptions = {}): Promise<FileStamp> {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const stat = await fileOperation(file, () => fs.stat(file, { bigint: true }));
  if (stat.isDirectory()) throw new IngestError(file, "is a directory");
  if (!stat.isFile()) throw new IngestError(file, "not a regular file");
  const size = Number(stat.size);
  if (size > limit) throw tooLarge(file, size, limit);
  return { size, mtimeNs: Number(stat.mtimeMs) > Date.now() - RACY_MS ? null : stat.mtimeNs };
}

/** A file's bytes, once inspectInput has let it through. */
export function readInputBytes(file: string): Promise<Buffer> {
  return fileOperation(file, () => fs.readFile(file));
}

/** Reads a file's bytes, refusing it before reading if it is over the size limit. */
export async function readInput(file: string, options: IngestOptions = {}): Promise<Buffer> {
  await inspectInput(file, options);
  return readInputBytes(file);
}

async function fileOperation<T>(file: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw new IngestError(file, fileProblem(err as NodeJS.ErrnoException));
  }
}

export async function ingestFile(file: string, options: IngestOptions = {}): Promise<IngestedDocument> {
  return ingestBytes(file, await readInput(file, options), options);
}

function lastSegment(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      const segments = new URL(source).pathname.split("/").filter(Boolean);
      return decodeURIComponent(segments.at(-1) ?? new URL(source).hostname);
    } catch {
      return source;
    }
  }
  return path.basename(source);
}

/** The charset an HTML page declares in its first bytes (meta charset or http-equiv). */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

interface Content {
  format: DocumentFormat;
  encoding: string;
  builder: TextBuilder;
  meta: DocumentMeta;
  warnings: string[];
}

async function readContent(source: string, bytes: Buffer, options: IngestOptions): Promise<Content> {
  const sniffed = sniffFormat(bytes);
  if ("unsupported" in sniffed) throw new IngestError(source, sniffed.unsupported);
  // pdf.js, mammoth and cheerio take most of a start-up to load: only a run that meets a PDF, DOCX or page pays for them.
  if (sniffed.format === "pdf") {
    const { pdfContent, PdfProblem } = await import("./pdf.js");
    try {
      const pdf = await pdfContent(bytes);
      return { format: "pdf", encoding: pdf.legacy ? `pdf+${pdf.legacy}` : "pdf", builder: pdf.builder, meta: pdf.meta, warnings: pdf.warnings };
    } catch (err) {
      throw err instanceof PdfProblem ? new IngestError(source, err.message) : err;
    }
  }
  if (sniffed.format === "docx") {
    const { docxContent, DocxProblem } = await import("./docx.js");
    try {
      const docx = await docxContent(bytes);
      return { format: "docx", encoding: "docx", ...docx };
    } catch (err) {
      throw err instanceof DocxProblem ? new IngestError(source, err.message) : err;
    }
  }
  const decoded = decodeText(bytes, options.charset ?? declaredCharset(bytes));
  if (controlCharacterShare(decoded.text) > 0.01) throw new IngestError(source, "binary data, not text");
  const format = textOrHtml(decoded.text, lastSegment(source));
  if (format === "html") {
    const { htmlContent } = await import("./html.js");
    const html = htmlContent(decoded.text, {
      findArticle: true,
      sourceRanges: true,
      articleSelector: options.articleSelector,
      dropBlocks: options.dropBlocks,
    });
    return { format, encoding: decoded.encoding, ...html };
  }
  return { format, encoding: decoded.encoding, builder: plainTextBlocks(decoded.text), meta: {}, warnings: [] };
}

/**
 * Unicode text that was typed in a legacy font (TCVN3/VNI look-alikes such as
 * "Céng hoµ x· héi"): convert the blocks that read better converted.
 */
function repairLegacyBlocks(builder: TextBuilder): { builder: TextBuilder; legacy: LegacyEncoding } | null {
  const repaired = repairLegacyText(builder.text);
  if (!repaired) return null;
  const rebuilt = new TextBuilder();
  const text = builder.text;
  for (const { type, start, end, ...extra } of builder.blocks) {
    const original = text.slice(start, end);
    const converted = convertLegacyMojibake(original, repaired.encoding);
    const better = converted !== null && plausibility(scoreVietnamese(converted)) > plausibility(scoreVietnamese(original));
    rebuilt.add(type, better ? converted : original, extra);
  }
  return { builder: rebuilt, legacy: repaired.encoding };
}

/** A publication date near the top of the content when the metadata gives none. */
function dateFromContent(text: string, builder: TextBuilder): string | undefined {
  for (const block of builder.blocks.slice(0, 8)) {
    const blockText = text.slice(block.start, block.end);
    if (isDateLine(blockText) || /ng[àa]y\s+\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+\d{4}/iu.test(blockText)) {
      const found = findVietnameseDate(blockText);
      if (found) return found.iso;
    }
  }
  return undefined;
}

export async function ingestBytes(source: string, bytes: Buffer, options: IngestOptions = {}): Promise<IngestedDocument> {
  if (bytes.length === 0) throw new IngestError(source, "empty file");
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > limit) throw tooLarge(source, bytes.length, limit);

  let content: Content;
  try {
    content = await readContent(source, bytes, options);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(source, `unreadable: ${(err as Error)?.message?.split("\n")[0] ?? String(err)}`);
  }

  const repaired = repairLegacyBlocks(content.builder);
  const builder = repaired?.builder ?? content.builder;
  const encoding = repaired ? `${content.encoding}+${repaired.legacy}` : content.encoding;
  const text = builder.text;
  if (!text.trim()) {
    throw new IngestError(source, content.format === "html" ? "no article text found" : "no text found");
  }
  if (!hasVietnamese(scoreVietnamese(text.normalize("NFC")))) throw new IngestError(source, "no Vietnamese text");

  const meta = { ...content.meta };
  meta.publishedAt ??= dateFromContent(text, builder);
  if (meta.publishedAt === undefined) delete meta.publishedAt;

  return {
    source,
    name: lastSegment(source),
    bytes,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    byteSize: bytes.length,
    format: content.format,
    encoding,
    text,
    blocks: builder.blocks,
    meta,
    warnings: repaired ? [...content.warnings, `text typed in a legacy ${repaired.legacy.toUpperCase()} font was converted to Unicode`] : content.warnings,
  };
}
