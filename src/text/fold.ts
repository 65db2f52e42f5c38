/**
 * Folding for matching: lower case and one tone-mark placement, so that
 * "Hoà"/"hòa", "uỷ"/"ủy" and "thuý"/"thúy" match the same rules.
 * The result always has the same length as the input (NFC in, NFC out),
 * so an offset in the folded string is an offset in the original.
 */

// Tone-marked second vowel of oa/oe/uy → the same tone on the first vowel.
const MOVE_TONE: Record<string, string> = {
  "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
  "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
  "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
};

// Only open syllables move their tone ("hoàn" keeps it on a); after q, u is
// part of the consonant ("quý" keeps it on y). A lookbehind rather than a
// captured onset keeps the scan linear.
const OPEN_SYLLABLE_PAIR = /(?<!q)(?:oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)(?!\p{L})/gu;

export function foldVietnamese(text: string): string {
  return lowerSameLength(text).replace(OPEN_SYLLABLE_PAIR, (pair) => MOVE_TONE[pair]);
}

/** Lower-cases, keeping any character whose lower case would change the length. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** A phrase as titles, headers and lexicon surfaces are compared: NFC, folded (foldVietnamese), single spaces. */
export function foldPhrase(text: string): string {
  return foldVietnamese(text.normalize("NFC")).replace(/\s+/g, " ").trim();
}
