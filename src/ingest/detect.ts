/**
 * The format of a document from its bytes; the file name only breaks ties
 * between text and HTML. Formats chitieu cannot read get a reason instead.
 */
import type { DocumentFormat } from "./types.js";

export type Sniffed = { format: "pdf" | "docx" } | { format: "markup" } | { unsupported: string };

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "legacy Office file (.doc/.xls): save it as DOCX" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "GIF image" },
  { bytes: [0x1f, 0x8b], what: "gzip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "7-Zip archive" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "RTF document: save it as DOCX" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: "executable (ELF)" },
  { bytes: [0x4d, 0x5a], what: "executable (MZ)" },
];

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

export function sniffFormat(bytes: Buffer): Sniffed {
  const head = bytes.subarray(0, 1024);
  if (head.includes("%PDF-")) return { format: "pdf" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (bytes.includes("word/document.xml") || bytes.includes("[Content_Types].xml") && bytes.includes("word/")) {
      return { format: "docx" };
    }
    return { unsupported: "zip archive that is not a DOCX document" };
  }
  for (const s of SIGNATURES) if (startsWith(bytes, s.bytes)) return { unsupported: s.what };
  return { format: "markup" };
}

const TAG = /<\/?(?:html|head|body|div|p|span|a|article|section|table|tr|td|ul|ol|li|h[1-6]|br|meta|title|header|footer|nav|main|img|strong|em|b|i)\b[^<>]*>/gi;

/** Text or HTML, from the decoded content; a name ending in .htm(l) lowers the bar. */
export function textOrHtml(text: string, name: string): Extract<DocumentFormat, "text" | "html"> {
  const head = text.slice(0, 4096).trimStart();
  if (/^(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)/i.test(head)) return "html";
  const sample = text.slice(0, 65536);
  const tags = sample.match(TAG)?.length ?? 0;
  const named = /\.(?:x?html?|php|aspx?|jsp)$/i.test(name);
  return tags >= (named ? 1 : 5) ? "html" : "text";
}

/** Share of characters that no text file contains (controls other than tab, newlines, form feed). */
export function controlCharacterShare(text: string): number {
  const sample = text.slice(0, 65536);
  if (!sample.length) return 0;
  const controls = sample.match(/[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]/g)?.length ?? 0;
  return controls / sample.length;
}
