/**
 * The period a figure is for, resolved. Extraction already writes periods in
 * canonical form, resolving "năm nay", "6 tháng đầu năm", "cùng kỳ" against
 * the document's date; what it leaves empty is resolved here where the figure's
 * sentence speaks of the time of writing ("hiện nay", lexicon/now-words.tsv):
 * the year of the document's date.
 */
import { lexiconRows } from "../rulebook/index.js";
import { SequenceSet, syllables, tokenize } from "./keys.js";

export class PeriodResolver {
  private readonly nowWords = new SequenceSet<true>();

  constructor() {
    for (const r of lexiconRows("now-words")) this.nowWords.add(syllables(r.surface), true);
  }

  /** The canonical period of a figure, or null when neither the text nor the date says. */
  resolve(period: string, sentence: string, documentDate: string | null): string | null {
    if (period !== "") return period;
    const year = documentDate && /^\d{4}-\d{2}/.test(documentDate) ? documentDate.slice(0, 4) : null;
    if (year === null) return null;
    const words = tokenize(sentence).map((t) => t.word);
    return words.some((_, i) => this.nowWords.longestAt(words, i) !== null) ? year : null;
  }
}
