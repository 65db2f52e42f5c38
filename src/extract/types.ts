export type MentionKind = "target" | "actual" | "attainment" | "comparison";
export type Qualifier = ">=" | ">" | "<=" | "<" | "~";

/** One figure found in a document: the output contract of chitieu extract. */
export interface Mention {
  /** Document path (or URL) as given. */
  doc: string;
  /** The clause or sentence holding the figure, exactly as in the document text. */
  sentence: string;
  /** [start, end) of `sentence` in the document text. */
  sentence_span: [number, number];
  /** [start, end) of the evidence (cue through number and unit) in the document text. */
  span: [number, number];
  /** [start, end) of the number and its unit alone. */
  value_span: [number, number];
  /** What is measured, as the text names it. */
  indicator: string;
  indicator_span: [number, number] | null;
  kind: MentionKind;
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Qualifier | null;
  per: "year" | null;
  /** Canonical period: "2024", "2024-H1", "2024-Q3", "2024-M06", "2021/2025", "2022-9M", "2022-YTD" or "". */
  period: string;
  /** What an attainment or comparison is set against, as written. */
  basis: string | null;
  estimated: boolean;
  /** Id of the rule that decided the kind. */
  rule: string;
  rules_version: string;
  confidence: number;
}
