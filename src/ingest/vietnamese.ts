/**
 * How Vietnamese a string looks: the yardstick for choosing between candidate
 * decodings (UTF-8, Windows-1258, TCVN3, VNI) and for telling a document with
 * no Vietnamese text from one with some. It is a grammar of the written
 * syllable (onset, vowel nucleus, coda, at most one tone), not a word list:
 * text decoded with the wrong table breaks it ("Vieọt", "ủửụù", "Céng").
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

const ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?";
const NUCLEUS =
  "(?:iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|" +
  "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|" +
  "[aăâeêioôơuưy])";
const CODA = "(?:ch|ng|nh|[cmnpt])?";
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, "u");

const LETTER = /[\p{L}\p{M}]/u;
/** Non-ASCII characters that ordinary Vietnamese text uses besides letters. */
const USUAL_SYMBOLS = /[\u00a0\u2000-\u206f\u00ab\u00bb\u00b0\u2116\u20ab]/u;
/** Non-ASCII characters that are not letters: punctuation, symbols, controls, private or unassigned. */
const NON_ASCII_SYMBOL = /(?![\x00-\x7f])[\p{P}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u;

/** What a code point is to the score: part of a word, a stray symbol, or neither. */
const WORD_CHAR = 1;
const STRAY = 2;
const NEITHER = 3;

function classify(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  if (LETTER.test(ch)) return WORD_CHAR;
  return NON_ASCII_SYMBOL.test(ch) && !USUAL_SYMBOLS.test(ch) ? STRAY : NEITHER;
}

/** Classes of BMP code points, filled as they are met (0: not yet classified); a text is scored a character at a time. */
const bmpClasses = new Uint8Array(0x10000);

function classOf(codePoint: number): number {
  if (codePoint > 0xffff) return classify(codePoint);
  const known = bmpClasses[codePoint];
  return known !== 0 ? known : (bmpClasses[codePoint] = classify(codePoint));
}

export interface VietnameseScore {
  /** Words with Vietnamese letters that are well-formed syllables. */
  syllables: number;
  /** Words with non-ASCII letters that are not. */
  malformed: number;
  /** Non-ASCII symbols that Vietnamese text does not use (mojibake residue). */
  strays: number;
  words: number;
}

/** Verdicts by word: a language has a few thousand syllables, a corpus repeats them endlessly. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 50_000;

export function isVietnameseSyllable(word: string): boolean {
  const known = verdicts.get(word);
  if (known !== undefined) return known;
  const decomposed = word.toLowerCase().normalize("NFD");
  const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
  const verdict = tones <= 1 && SYLLABLE.test(decomposed.replace(TONE_MARKS, "").normalize("NFC"));
  // Mojibake makes endless new "words": keep the memory bounded.
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(word, verdict);
  return verdict;
}

/**
 * Words are runs of letters and marks; only words with a non-ASCII letter are
 * judged. One pass over the code points: this runs on every document.
 */
export function scoreVietnamese(text: string): VietnameseScore {
  const score: VietnameseScore = { syllables: 0, malformed: 0, strays: 0, words: 0 };
  let wordStart = -1;
  let nonAscii = false;
  const endWord = (end: number): void => {
    score.words++;
    if (!nonAscii) return;
    if (isVietnameseSyllable(text.slice(wordStart, end))) score.syllables++;
    else score.malformed++;
  };
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const kind = classOf(codePoint);
    if (kind === WORD_CHAR) {
      if (wordStart < 0) {
        wordStart = i;
        nonAscii = false;
      }
      if (codePoint > 0x7f) nonAscii = true;
    } else {
      if (wordStart >= 0) endWord(i);
      wordStart = -1;
      if (kind === STRAY) score.strays++;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (wordStart >= 0) endWord(text.length);
  return score;
}

/** One number to rank decodings of the same bytes: higher is more plausible. */
export function plausibility(score: VietnameseScore): number {
  return score.syllables - 2 * score.malformed - 2 * score.strays;
}

/** Enough well-formed Vietnamese syllables to call it Vietnamese text. */
export function hasVietnamese(score: VietnameseScore): boolean {
  return score.syllables >= 3 && score.syllables >= 0.1 * score.words && score.syllables > score.malformed;
}
