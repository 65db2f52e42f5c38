/**
 * json.loads as CPython 3.11's C scanner does it: ints stay ints (bigint),
 * NaN/Infinity/-Infinity are accepted, duplicate keys keep the last value,
 * and every error carries Python's message and position (in code points),
 * so "FILE:LINE: not JSON: …" reads exactly as score.py prints it.
 */
import { PyException, type PyDict, type PyValue } from "./pyvalue.js";

/** Python's int() refuses longer decimal strings (sys.get_int_max_str_digits()). */
const INT_MAX_STR_DIGITS = 4300;

export class PyJsonError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    doc: readonly number[],
  ) {
    const before = doc.slice(0, pos);
    const lineno = before.filter((c) => c === 0x0a).length + 1;
    const colno = pos - before.lastIndexOf(0x0a);
    super(`${reason}: line ${lineno} column ${colno} (char ${pos})`);
    this.name = "PyJsonError";
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES = new Map<number, number>([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

function isJsonSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function fromCodePoints(cps: readonly number[]): string {
  let out = "";
  for (let i = 0; i < cps.length; i += 4096) out += String.fromCodePoint(...cps.slice(i, i + 4096));
  return out;
}

class Scanner {
  constructor(private readonly s: readonly number[]) {}

  fail(reason: string, pos: number): never {
    throw new PyJsonError(reason, pos, this.s);
  }

  skipSpace(idx: number): number {
    while (idx < this.s.length && isJsonSpace(this.s[idx])) idx++;
    return idx;
  }

  matches(idx: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.s[idx + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  scanOnce(idx: number): [PyValue, number] {
    const s = this.s;
    const length = s.length;
    if (idx >= length) this.fail("Expecting value", idx);
    switch (String.fromCodePoint(s[idx])) {
      case '"':
        return this.scanString(idx + 1);
      case "{":
        return this.parseObject(idx + 1);
      case "[":
        return this.parseArray(idx + 1);
      case "n":
        if (idx + 3 < length && this.matches(idx + 1, "ull")) return [null, idx + 4];
        break;
      case "t":
        if (idx + 3 < length && this.matches(idx + 1, "rue")) return [true, idx + 4];
        break;
      case "f":
        if (idx + 4 < length && this.matches(idx + 1, "alse")) return [false, idx + 5];
        break;
      case "N":
        if (idx + 2 < length && this.matches(idx + 1, "aN")) return [NaN, idx + 3];
        break;
      case "I":
        if (idx + 7 < length && this.matches(idx + 1, "nfinity")) return [Infinity, idx + 8];
        break;
      case "-":
        if (idx + 8 < length && this.matches(idx + 1, "Infinity")) return [-Infinity, idx + 9];
        break;
    }
    return this.matchNumber(idx);
  }

  matchNumber(start: number): [PyValue, number] {
    const s = this.s;
    const endIdx = s.length - 1;
    let idx = start;
    if (s[idx] === 0x2d) {
      idx++;
      if (idx > endIdx) this.fail("Expecting value", start);
    }
    if (s[idx] >= 0x31 && s[idx] <= 0x39) {
      idx++;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
    } else if (s[idx] === 0x30) {
      idx++;
    } else {
      this.fail("Expecting value", start);
    }
    let isFloat = false;
    if (idx < endIdx && s[idx] === 0x2e && isDigit(s[idx + 1])) {
      isFloat = true;
      idx += 2;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
    }
    if (idx < endIdx && (s[idx] === 0x65 || s[idx] === 0x45)) {
      const exponentStart = idx;
      idx++;
      if (idx < endIdx && (s[idx] === 0x2d || s[idx] === 0x2b)) idx++;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
      if (isDigit(s[idx - 1])) isFloat = true;
      else idx = exponentStart;
    }
    const lexeme = fromCodePoints(s.slice(start, idx));
    if (isFloat) return [Number(lexeme), idx];
    if (lexeme.replace("-", "").length > INT_MAX_STR_DIGITS) {
      throw new PyException("ValueError", `an integer with more than ${INT_MAX_STR_DIGITS} digits`);
    }
    return [BigInt(lexeme), idx];
  }

  readHex4(from: number, errorPos: number): number {
    let c = 0;
    for (let k = from; k < from + 4; k++) {
      const digit = hexValue(this.s[k]);
      if (digit < 0) this.fail("Invalid \\uXXXX escape", errorPos);
      c = (c << 4) | digit;
    }
    return c;
  }

  scanString(end: number): [string, number] {
    const s = this.s;
    const len = s.length;
    const begin = end - 1;
    const chars: number[] = [];
    for (;;) {
      let next = end;
      let c = 0;
      for (; next < len; next++) {
        c = s[next];
        if (c === QUOTE || c === BACKSLASH) break;
        if (c <= 0x1f) this.fail("Invalid control character at", next);
      }
      if (c !== QUOTE && c !== BACKSLASH) this.fail("Unterminated string starting at", begin);
      for (let k = end; k < next; k++) chars.push(s[k]);
      next++;
      if (c === QUOTE) {
        end = next;
        break;
      }
      if (next === len) this.fail("Unterminated string starting at", begin);
      c = s[next];
      if (c !== 0x75) {
        end = next + 1;
        const unescaped = SIMPLE_ESCAPES.get(c);
        if (unescaped === undefined) this.fail("Invalid \\escape", end - 2);
        chars.push(unescaped);
        continue;
      }
      next++;
      end = next + 4;
      if (end >= len) this.fail("Invalid \\uXXXX escape", next - 1);
      c = this.readHex4(next, end - 5);
      next = end;
      if (c >= 0xd800 && c <= 0xdbff && end + 6 < len && s[next] === BACKSLASH && s[next + 1] === 0x75) {
        const low = this.readHex4(next + 2, end + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      chars.push(c);
    }
    return [fromCodePoints(chars), end];
  }

  parseObject(idx: number): [PyDict, number] {
    const s = this.s;
    const endIdx = s.length - 1;
    const out: PyDict = new Map();
    idx = this.skipSpace(idx);
    if (idx > endIdx || s[idx] !== 0x7d) {
      for (;;) {
        if (idx > endIdx || s[idx] !== QUOTE) this.fail("Expecting property name enclosed in double quotes", idx);
        const [key, afterKey] = this.scanString(idx + 1);
        idx = this.skipSpace(afterKey);
        if (idx > endIdx || s[idx] !== 0x3a) this.fail("Expecting ':' delimiter", idx);
        idx = this.skipSpace(idx + 1);
        const [value, afterValue] = this.scanOnce(idx);
        out.set(key, value);
        idx = this.skipSpace(afterValue);
        if (idx <= endIdx && s[idx] === 0x7d) break;
        if (idx > endIdx || s[idx] !== 0x2c) this.fail("Expecting ',' delimiter", idx);
        idx = this.skipSpace(idx + 1);
      }
    }
    return [out, idx + 1];
  }

  parseArray(idx: number): [PyValue[], number] {
    const s = this.s;
    const endIdx = s.length - 1;
    const out: PyValue[] = [];
    idx = this.skipSpace(idx);
    if (idx > endIdx || s[idx] !== 0x5d) {
      for (;;) {
        const [value, afterValue] = this.scanOnce(idx);
        out.push(value);
        idx = this.skipSpace(afterValue);
        if (idx <= endIdx && s[idx] === 0x5d) break;
        if (idx > endIdx || s[idx] !== 0x2c) this.fail("Expecting ',' delimiter", idx);
        idx = this.skipSpace(idx + 1);
      }
    }
    return [out, idx + 1];
  }
}

/**
 * Parses one JSON text as Python's json.loads does. Throws PyJsonError
 * (json.JSONDecodeError) for bad syntax, PyException where Python raises
 * something else (an int of more than 4300 digits).
 */
export function parsePyJson(text: string): PyValue {
  const s = Array.from(text, (ch) => ch.codePointAt(0) as number);
  const scanner = new Scanner(s);
  if (s[0] === 0xfeff) scanner.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  const [value, afterValue] = scanner.scanOnce(scanner.skipSpace(0));
  const end = scanner.skipSpace(afterValue);
  if (end !== s.length) scanner.fail("Extra data", end);
  return value;
}

/** A JS value as score.py would see it after JSON.stringify wrote it to a JSON Lines file. */
export function fromJs(value: unknown): PyValue {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot be written as JSON: ${String(value)}`);
  return parsePyJson(text);
}
