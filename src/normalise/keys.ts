/**
 * Matching keys: a phrase reduced to its folded syllables, so that spelling
 * variants that mean the same compare equal ("Tỉ lệ hộ nghèo" = "tỷ lệ hộ
 * nghèo", "trẻ em dưới 06 tuổi" = "trẻ em dưới 6 tuổi").
 */
import { foldVietnamese } from "../text/fold.js";

// "tỉ"/"tỷ", "lí"/"lý", "kĩ"/"kỹ", "sĩ"/"sỹ": after a consonant, a syllable-final y is written i
// just as often. A lone "y" ("y tế") and y after another vowel ("tuy", "quy") stay.
const Y_AS_I: Record<string, string> = { y: "i", "ỳ": "ì", "ý": "í", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị" };
const CONSONANT_Y = /^((?:ngh|ng|nh|ch|gh|kh|ph|th|tr|gi|[bcdđghklmnprstvx]))([yỳýỷỹỵ])$/u;
/** The code units of Y_AS_I's keys: a whole document's words are keyed, most of them not ending in y. */
const Y_FINALS = new Set(Object.keys(Y_AS_I).map((y) => y.charCodeAt(0)));

/** One folded syllable in its key form. */
export function keySyllable(syllable: string): string {
  const first = syllable.charCodeAt(0);
  if (first === 48 && /^\d+$/.test(syllable)) return String(Number(syllable));
  if (!Y_FINALS.has(syllable.charCodeAt(syllable.length - 1))) return syllable;
  const m = CONSONANT_Y.exec(syllable);
  return m ? m[1] + Y_AS_I[m[2]] : syllable;
}

/** The folded syllables of a phrase, in order; punctuation separates and is dropped. */
export function syllables(phrase: string): string[] {
  return foldVietnamese(phrase.normalize("NFC"))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(keySyllable);
}

/** ASCII form of a name: no marks, đ as d, letters and digits only ("Đắk Nông" → "daknong"). */
export function asciiName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** A slug for ids: ASCII words joined by "-" ("Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau"). */
export function slug(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiName)
    .filter(Boolean)
    .join("-");
}

/** A word of a text in key form, with its place in the text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Whether a UTF-16 code unit belongs to a word: ASCII letters and digits, and everything from
 * Latin-1 letters up except the blocks of punctuation and symbols. A character loop rather than
 * a Unicode-property regex, since whole documents are tokenized.
 */
function isWordUnit(c: number): boolean {
  if (c < 0xc0) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xfe10 && c <= 0xfe6f) && !(c >= 0xff00 && c <= 0xff0f);
}

/** The words of a text in key form with their offsets (a folded text has the text's offsets). */
export function tokenize(text: string): Token[] {
  const folded = foldVietnamese(text);
  const out: Token[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const word = i < folded.length && isWordUnit(folded.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.push({ word: keySyllable(folded.slice(start, i)), start, end: i });
      start = -1;
    }
  }
  return out;
}

/** Sequences of key words, found by their first word: the longest one at a position wins. */
export class SequenceSet<T> {
  private readonly byFirst = new Map<string, Array<{ words: string[]; value: T }>>();

  add(words: string[], value: T): void {
    if (!words.length) return;
    const list = this.byFirst.get(words[0]) ?? [];
    list.push({ words, value });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0], list);
  }

  /**
   * The longest sequence starting at word `at`, with its length; `joined(k)`
   * says whether words k-1 and k may belong to one sequence (no comma between...).
   */
  longestAt(words: readonly string[], at: number, joined: (k: number) => boolean = () => true): { length: number; value: T } | null {
    const entries = this.byFirst.get(words[at]);
    if (entries === undefined) return null;
    next: for (const entry of entries) {
      for (let k = 1; k < entry.words.length; k++) if (words[at + k] !== entry.words[k] || !joined(at + k)) continue next;
      return { length: entry.words.length, value: entry.value };
    }
    return null;
  }
}
