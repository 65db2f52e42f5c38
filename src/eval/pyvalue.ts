/**
 * The part of Python's data model that score.py's results depend on, so the
 * port can reproduce them exactly: JSON values as Python's json module builds
 * them (int and float kept apart), truthiness, ==, str(), float(), the white
 * space of str.isspace() and `re`'s \s, and float formatting.
 *
 * Unicode properties (case mapping, digits, printability) come from the JS
 * engine's Unicode tables; Python 3.11 uses Unicode 14, so the two differ
 * only for characters assigned since then.
 */

/** A JSON value as Python holds it: bigint is an int, number a float, Map a dict (insertion order kept). */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | Map<string, PyValue>;
export type PyDict = Map<string, PyValue>;

/** What Python would raise at this point (score.py does not catch it, so it would stop with a traceback). */
export class PyException extends Error {
  constructor(
    readonly pyType: "TypeError" | "ValueError" | "OverflowError",
    message: string,
  ) {
    super(message);
    this.name = "PyException";
  }
}

/**
 * The characters for which str.isspace() is true; `re` uses the same set for
 * \s in str patterns. JS \s differs: it lacks U+001C..U+001F and U+0085 and
 * has U+FEFF.
 */
export const PY_SPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const ONE_SPACE = new RegExp(`^[${PY_SPACE_CLASS}]$`, "u");
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

export function pyIsSpace(ch: string): boolean {
  return ONE_SPACE.test(ch);
}

/** str.strip() with no argument. (Every Python space is one UTF-16 unit.) */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && pyIsSpace(s[start])) start++;
  while (end > start && pyIsSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

export function pyTypeName(v: PyValue): string {
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "str";
  return Array.isArray(v) ? "list" : "dict";
}

export function pyTruthy(v: PyValue): boolean {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "number") return v !== 0; // NaN is truthy in Python too
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  return v.size > 0;
}

export function pyHashable(v: PyValue): boolean {
  return !(Array.isArray(v) || v instanceof Map);
}

function numericEq(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === typeof b) return a === b;
  const [int, float] = typeof a === "bigint" ? [a, b as number] : [b as bigint, a];
  // Python compares int with float exactly, never by rounding the int.
  return Number.isInteger(float) && BigInt(float) === int;
}

/**
 * Python's `a == b`. Inside lists and dicts Python compares items with an
 * identity shortcut first; every NaN from JSON is the same object (json's
 * NaN constant), so there NaN equals NaN.
 */
export function pyEq(a: PyValue, b: PyValue, inContainer = false): boolean {
  if (inContainer && typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b)) return true;
  const an = typeof a === "boolean" ? BigInt(a) : a;
  const bn = typeof b === "boolean" ? BigInt(b) : b;
  if ((typeof an === "bigint" || typeof an === "number") && (typeof bn === "bigint" || typeof bn === "number")) {
    return numericEq(an, bn);
  }
  if (a === null || b === null || typeof a === "string" || typeof b === "string") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEq(x, b[i], true));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !pyEq(v, b.get(k) as PyValue, true)) return false;
    }
    return true;
  }
  return false;
}

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, "0");
}

/** repr() of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + hex(c, 2);
    else if (c < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (c <= 0xff) out += "\\x" + hex(c, 2);
    else if (c <= 0xffff) out += "\\u" + hex(c, 4);
    else out += "\\U" + hex(c, 8);
  }
  return out + quote;
}

/** Shortest round-tripping digits of a finite non-zero |x|, and the decimal point position: |x| = 0.DIGITS × 10^point. */
function shortestDigits(x: number): { digits: string; point: number } {
  const [mantissa, exponent] = String(Math.abs(x)).split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  let digits = whole + fraction;
  let point = whole.length + Number(exponent ?? 0);
  const leadingZeros = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(leadingZeros).replace(/0+$/, "");
  point -= leadingZeros;
  return { digits, point };
}

/** repr() of a float: "1.0", "0.1", "1e-05", "1e+16", "inf", "nan". */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const { digits, point } = shortestDigits(x);
  if (point <= -4 || point > 16) {
    const exponent = point - 1;
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * format(x, ".Nf"): the exact binary value rounded half to even, as Python
 * does (JS toFixed rounds exact ties away from zero: 0.0625 → "0.063", Python "0.062").
 */
export function formatFixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const scaled = mantissa * 10n ** BigInt(decimals);
  let units: bigint;
  if (exponent >= 0) {
    units = scaled << BigInt(exponent);
  } else {
    const divisor = 1n << BigInt(-exponent);
    units = scaled / divisor;
    const twice = 2n * (scaled % divisor);
    if (twice > divisor || (twice === divisor && units % 2n === 1n)) units += 1n;
  }
  const text = units.toString().padStart(decimals + 1, "0");
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  return decimals === 0 ? sign + text : `${sign}${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** repr() of any JSON value as Python holds it. */
export function pyRepr(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatRepr(v);
  if (typeof v === "string") return strRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  return `{${[...v].map(([k, item]) => `${strRepr(k)}: ${pyRepr(item)}`).join(", ")}}`;
}

/** str() of any JSON value as Python holds it (what print() shows). */
export function pyStr(v: PyValue): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/**
 * float() prepares a str like this: non-ASCII white space becomes " ",
 * non-ASCII decimal digits become ASCII digits, and anything else non-ASCII
 * ends the text with a character that cannot parse.
 */
function asciiForFloat(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 127) out += ch;
    else if (pyIsSpace(ch)) out += " ";
    else if (DECIMAL_DIGIT.test(ch)) out += String(decimalValue(c));
    else return out + "?";
  }
  return out;
}

/** Unicode puts each set of decimal digits 0..9 in a contiguous run. */
function decimalValue(c: number): number {
  let start = c;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (c - start) % 10;
}

const FLOAT_SYNTAX = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;

/** float(s) for a str; undefined where Python raises ValueError. */
export function floatFromString(s: string): number | undefined {
  let text = asciiForFloat(s).replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
  if (text.includes("_")) {
    // Underscores only between digits, as in Python literals.
    if (/(^|[^0-9])_|_($|[^0-9])/.test(text)) return undefined;
    text = text.replaceAll("_", "");
  }
  if (!FLOAT_SYNTAX.test(text)) return undefined;
  const unsigned = text.replace(/^[+-]/, "").toLowerCase();
  const negative = text.startsWith("-");
  if (unsigned === "nan") return NaN;
  if (unsigned.startsWith("inf")) return negative ? -Infinity : Infinity;
  return Number(text);
}

/**
 * float(x) for a JSON value: bool and int convert, str parses as above;
 * undefined where Python raises TypeError or ValueError (None, list, dict,
 * unparsable text). An int beyond the float range raises OverflowError.
 */
export function pyFloat(v: PyValue): number | undefined {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (typeof v === "string") return floatFromString(v);
  if (typeof v === "bigint") {
    const x = Number(v);
    if (!Number.isFinite(x)) throw new PyException("OverflowError", "int too large to convert to float");
    return x;
  }
  return undefined;
}
