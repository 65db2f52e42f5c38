/** Half-open range [start, end) of UTF-16 code units in TextDocument.text. */
export interface Span {
  start: number;
  end: number;
}

export type SentenceEnd = "period" | "question" | "exclamation" | "ellipsis" | "line" | "paragraph";

/** A clause: trimmed, without the separator before it or a list marker ("-", "1.", "a)") at its start. */
export interface Clause extends Span {}

export interface Sentence extends Span {
  /** Pieces of the sentence split at ";" and at bullet/list-item starts; at least one. */
  clauses: Clause[];
  /** What ended the sentence: its final punctuation, else a hard line break or the end of the paragraph. */
  ending: SentenceEnd;
}

export interface Paragraph extends Span {
  sentences: Sentence[];
  /** A heading: a short line with no final punctuation, or a line in capitals. */
  heading: boolean;
  /** Page furniture (counters, "Tin liên quan" lists, photo credits...): not article content. */
  furniture: boolean;
  /** One cell of a table, as the readers write it (table-row.ts): its period is its own, not carried on. */
  tableCell: boolean;
}

export interface TextDocument {
  /** NFC text with unified spaces and line ends (dashes as written); every span indexes into it. */
  text: string;
  /** Same length as `text`: lower-cased, one tone-mark placement, dashes as "-". For matching only. */
  folded: string;
  /** Maps an offset (or an exclusive end) in `text` to the corresponding offset in the source string. */
  toSource(offset: number): number;
  paragraphs: Paragraph[];
}
