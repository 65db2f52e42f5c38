/**
 * The key an indicator phrase is mapped by: its folded syllables with
 * abbreviations expanded (lexicon/indicator-abbreviations.tsv), words of place
 * scope dropped ("toàn tỉnh", lexicon/place-scopes.tsv), leading words that
 * are not what is measured dropped ("tổ chức", "số", lexicon/indicator-key-lead-drops.tsv),
 * and a trailing qualifier cut ("theo chuẩn nghèo đa chiều", lexicon/indicator-key-tail-drops.tsv).
 */
import { lexiconRows } from "../rulebook/index.js";
import { SequenceSet, syllables } from "./keys.js";

/** A trailing qualifier is cut only after this many words: "theo chuẩn" alone is what there is. */
const MIN_WORDS_BEFORE_TAIL = 2;

export class PhraseKeyer {
  private readonly abbreviations = new SequenceSet<string[]>();
  private readonly scopes = new SequenceSet<true>();
  private readonly leadDrops = new SequenceSet<true>();
  private readonly tailDrops = new SequenceSet<true>();

  constructor() {
    for (const r of lexiconRows("indicator-abbreviations")) this.abbreviations.add(syllables(r.surface), syllables(r.expansion));
    for (const r of lexiconRows("place-scopes")) this.scopes.add(syllables(r.surface), true);
    for (const r of lexiconRows("indicator-key-lead-drops")) this.leadDrops.add(syllables(r.surface), true);
    for (const r of lexiconRows("indicator-key-tail-drops")) this.tailDrops.add(syllables(r.surface), true);
  }

  /** The key of a phrase ("" when nothing is left). */
  key(phrase: string): string {
    return this.words(phrase).join(" ");
  }

  /** The key's syllables. */
  words(phrase: string): string[] {
    const written = syllables(phrase);
    const out: string[] = [];
    for (let i = 0; i < written.length; ) {
      const scope = this.scopes.longestAt(written, i);
      if (scope) {
        i += scope.length;
        continue;
      }
      const abbreviation = this.abbreviations.longestAt(written, i);
      if (abbreviation) {
        out.push(...abbreviation.value);
        i += abbreviation.length;
        continue;
      }
      out.push(written[i++]);
    }
    const tail = out.findIndex((_, i) => i >= MIN_WORDS_BEFORE_TAIL && this.tailDrops.longestAt(out, i) !== null);
    if (tail >= 0) out.length = tail;
    let start = 0;
    // Keep at least one word: "số" alone is what it is.
    for (let drop = this.leadDrops.longestAt(out, start); drop && start + drop.length < out.length; drop = this.leadDrops.longestAt(out, start)) {
      start += drop.length;
    }
    return out.slice(start);
  }
}

let cached: PhraseKeyer | undefined;

export function loadPhraseKeyer(): PhraseKeyer {
  cached ??= new PhraseKeyer();
  return cached;
}
