/**
 * Bytes → string for text and HTML: byte-order mark first, then a declared
 * charset (HTML meta, HTTP header) when the bytes bear it out, then UTF-16
 * without a mark, then UTF-8, and otherwise the 8-bit Vietnamese encodings,
 * chosen by which reading looks most like Vietnamese.
 */
import iconv from "iconv-lite";
import { decodeLegacy, LEGACY_ENCODINGS } from "./legacy.js";
import { plausibility, scoreVietnamese } from "./vietnamese.js";

export interface DecodedText {
  text: string;
  /** "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni", or a declared charset. */
  encoding: string;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function tryUtf8(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function byteOrderMark(bytes: Buffer): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    return { text: text ?? bytes.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  return null;
}

/** UTF-16 without a mark: Vietnamese and ASCII text puts a zero in every other byte of most units. */
function unmarkedUtf16(bytes: Buffer): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  if (oddZeros > 0.3 * units && evenZeros < 0.05 * units) return "utf-16le";
  if (evenZeros > 0.3 * units && oddZeros < 0.05 * units) return "utf-16be";
  return null;
}

/** iconv-lite's canonical name for a charset label, or null if it has none. */
export function normaliseCharset(label: string): string | null {
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (!name || !iconv.encodingExists(name)) return null;
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(name)) return "utf-8";
  if (/^(windows|cp|x-cp)-?1258$/.test(name)) return "windows-1258";
  return name;
}

export function decodeText(bytes: Buffer, declaredCharset?: string): DecodedText {
  const marked = byteOrderMark(bytes);
  if (marked) return marked;

  const declared = declaredCharset ? normaliseCharset(declaredCharset) : null;
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return { text: iconv.decode(bytes, utf16), encoding: utf16 };

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };

  const candidates: DecodedText[] = [
    { text: iconv.decode(bytes, "windows-1258"), encoding: "windows-1258" },
    ...LEGACY_ENCODINGS.map((encoding) => ({ text: decodeLegacy(bytes, encoding), encoding })),
  ];
  if (declared && declared !== "utf-8" && declared !== "windows-1258" && !/^utf-?16/.test(declared)) {
    candidates.unshift({ text: iconv.decode(bytes, declared), encoding: declared });
  }
  let best = candidates[0];
  let bestScore = plausibility(scoreVietnamese(best.text));
  for (const candidate of candidates.slice(1)) {
    const score = plausibility(scoreVietnamese(candidate.text));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
