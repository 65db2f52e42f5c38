/**
 * The legacy 8-bit Vietnamese encodings TCVN3 (ABC) and VNI. Their tables are
 * data (rules/lexicon/legacy-*.tsv): they are fixed by the standards, not code,
 * and ship with the rules so the CLI and the tests read the same ones. Bytes a
 * table does not list read as Windows-1252, as the fonts of both families do.
 */
import iconv from "iconv-lite";
import { z } from "zod";
import { loadLexicon } from "../rulebook/index.js";
import { plausibility, scoreVietnamese } from "./vietnamese.js";

export type LegacyEncoding = "tcvn3" | "vni";
export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ["tcvn3", "vni"];

interface LegacyTable {
  /** Byte sequence (as a latin-1 string of 1 or 2 chars) → Unicode. */
  decode: Map<string, string>;
  /** Unicode letter (NFC) → bytes. */
  encode: Map<string, Buffer>;
  longest: number;
}

const Row = z.object({
  bytes: z.string().regex(/^[0-9A-F]{2}( [0-9A-F]{2})?$/, "bytes: one or two hex bytes"),
  char: z.string().min(1),
});

const tables = new Map<LegacyEncoding, LegacyTable>();

/** Windows-1252 reading of every byte value, indexed by byte. */
const WINDOWS_1252 = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, b) => b)), "windows-1252");

function table(encoding: LegacyEncoding): LegacyTable {
  let t = tables.get(encoding);
  if (!t) {
    t = { decode: new Map(), encode: new Map(), longest: 1 };
    for (const row of loadLexicon(`legacy-${encoding}`, Row)) {
      const bytes = Buffer.from(row.bytes.replace(/ /g, ""), "hex");
      t.decode.set(bytes.toString("latin1"), row.char);
      if (!t.encode.has(row.char)) t.encode.set(row.char.normalize("NFC"), bytes);
      t.longest = Math.max(t.longest, bytes.length);
    }
    tables.set(encoding, t);
  }
  return t;
}

/** Decodes legacy-encoded bytes to Unicode (NFC letters; bare tone marks stay combining). */
export function decodeLegacy(bytes: Buffer, encoding: LegacyEncoding): string {
  return convertLegacyString(bytes.toString("latin1"), encoding);
}

/**
 * Converts a string whose characters stand for legacy bytes, one char per
 * byte (bytes read as latin-1), to Unicode.
 */
function convertLegacyString(byteString: string, encoding: LegacyEncoding): string {
  const t = table(encoding);
  let out = "";
  let i = 0;
  while (i < byteString.length) {
    let matched = false;
    for (let len = t.longest; len >= 1; len--) {
      const mapped = t.decode.get(byteString.slice(i, i + len));
      if (mapped !== undefined) {
        out += mapped;
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out += WINDOWS_1252[byteString.charCodeAt(i)];
      i++;
    }
  }
  return out;
}

/**
 * Text that a PDF or web page shows in a legacy font comes out as Windows-1252
 * look-alikes ("Céng hoµ x· héi"): turn each back into its byte, then decode.
 * Two marks of the way there are undone first: pdf.js turns µ (TCVN3 "à")
 * into Greek μ, and WinAnsi reads byte 0xAD (TCVN3 "ư") as a hyphen, which
 * then sits inside a word ("th-¬ng", between letters or legacy bytes). Returns null when a character has no
 * Windows-1252 byte (so it is not such text).
 */
export function convertLegacyMojibake(text: string, encoding: LegacyEncoding): string | null {
  if (!readsAsBytes(text)) return null;
  const undone = (encoding === "tcvn3" ? text.replace(/(?<=[\p{L}\u00a1-\u00ff])-(?=[\p{L}\u00a1-\u00ff])/gu, "\u00ad") : text).replace(/\u03bc/g, "\u00b5");
  let bytes = "";
  for (const ch of undone) bytes += String.fromCharCode(windows1252Byte(ch.codePointAt(0)!)!);
  return convertLegacyString(bytes, encoding);
}

/** Byte of each code point met so far that Windows-1252 has one for (null: none). */
const windows1252Bytes = new Map<number, number | null>();

function windows1252Byte(code: number): number | null {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  let byte = windows1252Bytes.get(code);
  if (byte === undefined) {
    const b = iconv.encode(String.fromCodePoint(code), "windows-1252");
    byte = b.length !== 1 || b[0] === 0x3f ? null : b[0];
    windows1252Bytes.set(code, byte);
  }
  return byte;
}

/**
 * Whether every character of the text has a Windows-1252 byte (μ counts as µ,
 * which it is undone to), as text shown in a legacy font has. Unicode
 * Vietnamese fails at its first "ư", "ơ", "đ" or "ạ", so most text stops here.
 */
function readsAsBytes(text: string): boolean {
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    if (code !== 0x3bc && windows1252Byte(code) === null) return false;
    i += code > 0xffff ? 2 : 1;
  }
  return true;
}

/** Encodes Unicode text in a legacy encoding (used to build test fixtures and round trips). */
export function encodeLegacy(text: string, encoding: LegacyEncoding): Buffer {
  const t = table(encoding);
  const parts: Buffer[] = [];
  for (const ch of text.normalize("NFC")) {
    const mapped = t.encode.get(ch);
    if (mapped) parts.push(mapped);
    else if (ch <= "\x7f") parts.push(Buffer.from(ch, "latin1"));
    else parts.push(iconv.encode(ch, "windows-1252"));
  }
  return Buffer.concat(parts);
}

/**
 * Text shown in a legacy font, converted, when converting makes it read
 * clearly more like Vietnamese; null when it reads best as it is.
 */
export function repairLegacyText(text: string): { text: string; encoding: LegacyEncoding } | null {
  let base: number | undefined;
  let best: { text: string; encoding: LegacyEncoding; score: number } | null = null;
  for (const encoding of LEGACY_ENCODINGS) {
    const converted = convertLegacyMojibake(text, encoding);
    if (converted === null) continue;
    base ??= plausibility(scoreVietnamese(text));
    const score = plausibility(scoreVietnamese(converted));
    if (score > base + 2 && (!best || score > best.score)) best = { text: converted, encoding, score };
  }
  return best && { text: best.text, encoding: best.encoding };
}
