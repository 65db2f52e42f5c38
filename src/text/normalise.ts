/**
 * Normalisation of a source string into the text every later stage indexes:
 * one kind of space, no invisible characters, LF line ends, Unicode NFC;
 * with a map from each offset back to the source.
 *
 * Dashes and tone marks are left as written: records quote the text.
 */
import { foldVietnamese } from "./fold.js";

export interface NormalisedText {
  text: string;
  /** Maps an offset (or an exclusive end) in `text` to the corresponding offset in the source string. */
  toSource(offset: number): number;
}

// No-break, Ogham, en/em/figure/thin/hair, narrow no-break, medium
// mathematical and ideographic spaces become " ".
const SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/;
// Soft hyphen, Mongolian vowel separator, zero-width space/non-joiner/joiner,
// word joiner and byte-order mark are removed.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/;
// Everything the cleaning pass touches, one character at a time (a single
// character class scans fastest); CR (with the LF after it), VT, FF, NEL and
// the Unicode line and paragraph separators become "\n".
const CLEAN = /[\r\t\v\f\u0085\u2028\u2029\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;
// A run of non-ASCII characters with the ASCII character before it: the
// smallest piece NFC can be applied to alone, as no ASCII character ever
// composes with what precedes it.
const RUN = /[\x00-\x7F]?[^\x00-\x7F]+/g;
// A character with the combining marks and conjoining jamo that follow it.
const CLUSTER = /[\s\S][\p{M}\u1160-\u11FF]*/gu;

type OffsetMap = (offset: number) => number;

export function normaliseText(source: string): NormalisedText {
  const cleaned = clean(source);
  const composed = compose(cleaned.text);
  const text = composed.text;
  const inner = composed.map;
  const outer = cleaned.map;
  return {
    text,
    toSource(offset: number): number {
      if (!(offset >= 0 && offset <= text.length)) {
        throw new RangeError(`offset ${offset} is outside the text (length ${text.length})`);
      }
      const cleanedOffset = inner ? inner(offset) : offset;
      return outer ? outer(cleanedOffset) : cleanedOffset;
    },
  };
}

interface Pass {
  text: string;
  /** Offset in this pass's output → offset in its input; null when lengths never part. */
  map: OffsetMap | null;
}

/** Spaces, invisible characters and line ends. */
function clean(source: string): Pass {
  CLEAN.lastIndex = 0;
  if (!CLEAN.test(source)) return { text: source, map: null };
  const out = new MappedBuilder(source);
  CLEAN.lastIndex = 0;
  for (let m = CLEAN.exec(source); m; m = CLEAN.exec(source)) {
    const found = m[0];
    const crlf = found === "\r" && source.charCodeAt(m.index + 1) === 0x0a;
    if (crlf) CLEAN.lastIndex++;
    out.emit(m.index, m.index + (crlf ? 2 : 1), SPACE.test(found) ? " " : INVISIBLE.test(found) ? "" : "\n");
  }
  return out.finish();
}

/** Unicode NFC, applied run by run between the first and last place it changes anything. */
function compose(text: string): Pass {
  const nfc = text.normalize("NFC");
  if (nfc === text) return { text, map: null };
  let first = 0;
  while (text.charCodeAt(first) === nfc.charCodeAt(first)) first++;
  let tail = 0;
  const room = Math.min(text.length, nfc.length) - first;
  while (tail < room && text.charCodeAt(text.length - 1 - tail) === nfc.charCodeAt(nfc.length - 1 - tail)) tail++;
  let from = first;
  while (from > 0 && text.charCodeAt(from) >= 0x80) from--;
  let to = text.length - tail;
  while (to < text.length && text.charCodeAt(to) >= 0x80) to++;

  const out = new MappedBuilder(text);
  RUN.lastIndex = from;
  for (let m = RUN.exec(text); m && m.index < to; m = RUN.exec(text)) {
    const run = m[0];
    const start = m.index;
    const result = run.normalize("NFC");
    if (result === run) continue;
    if (result.length === 1) out.emit(start, start + run.length, result);
    else emitByCluster(out, run, start, result);
  }
  return out.finish();
}

/**
 * Maps a run cluster by cluster, so that an offset between two composed
 * characters maps between their sources; when composing each cluster alone
 * differs from composing the run (marks reordered across clusters), maps
 * the run whole.
 */
function emitByCluster(out: MappedBuilder, run: string, start: number, result: string): void {
  const clusters = run.match(CLUSTER) ?? [];
  const composed = clusters.map((c) => c.normalize("NFC"));
  if (composed.join("") !== result) {
    out.emit(start, start + run.length, result);
    return;
  }
  let at = start;
  clusters.forEach((cluster, k) => {
    if (composed[k] !== cluster) out.emit(at, at + cluster.length, composed[k]);
    at += cluster.length;
  });
}

/**
 * Builds an output string from an input with some ranges replaced, and the
 * map back: breakpoints where input and output lengths part, between which
 * both advance together. A later breakpoint at the same output offset wins,
 * so an offset at a removed character maps after it.
 */
class MappedBuilder {
  private readonly pieces: string[] = [];
  private readonly outAt: number[] = [];
  private readonly inAt: number[] = [];
  private consumed = 0;
  private produced = 0;

  constructor(private readonly input: string) {}

  /** Replaces input[from, to) by `replacement`; `from` is never before the end of the previous replacement. */
  emit(from: number, to: number, replacement: string): void {
    if (from > this.consumed) {
      this.pieces.push(this.input.slice(this.consumed, from));
      this.produced += from - this.consumed;
      this.consumed = from;
    }
    this.pieces.push(replacement);
    const lengthsPart = to - from !== replacement.length;
    if (lengthsPart) this.mark();
    this.consumed = to;
    this.produced += replacement.length;
    if (lengthsPart) this.mark();
  }

  finish(): Pass {
    this.pieces.push(this.input.slice(this.consumed));
    const text = this.pieces.join("");
    const { outAt, inAt } = this;
    if (outAt.length === 0) return { text, map: null };
    const last = outAt.length - 1;
    const map = (offset: number): number => {
      if (offset < outAt[0]) return offset;
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (outAt[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      const mapped = inAt[lo] + (offset - outAt[lo]);
      // Inside a replacement that grew, stay within its source.
      return lo < last ? Math.min(mapped, inAt[lo + 1]) : mapped;
    };
    return { text, map };
  }

  private mark(): void {
    const k = this.outAt.length - 1;
    if (k >= 0 && this.outAt[k] === this.produced) this.inAt[k] = this.consumed;
    else {
      this.outAt.push(this.produced);
      this.inAt.push(this.consumed);
    }
  }
}

// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
// minus, small and full-width hyphen-minus: one "-" for matching.
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

// Leader dots between a label and its figure ("Phí, lệ phí: ........ 95 triệu đồng"): a gap, as a tab would be.
const LEADER = /\.{4,}|…{2,}/g;

/** The folded form rules match against: foldVietnamese plus one dash, leader dots as spaces; same length as `text`. */
export function foldForMatching(text: string): string {
  return foldVietnamese(text).replace(DASH, "-").replace(LEADER, (dots) => " ".repeat(dots.length));
}
