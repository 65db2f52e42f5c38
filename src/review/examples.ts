/**
 * Reviewers' rejections and corrections as rule examples, in the format of
 * rules/examples/<pattern file>.jsonl (see rules/README.md), so that the next
 * rule change is tested against them. Each example is the sentence of a
 * decided record under the rule that made it:
 * - a rejection expects nothing from that rule, or, when the rule also made
 *   other records of the sentence that stand, exactly those;
 * - a correction expects its figure with the corrected kind and the fields the
 *   reviewer changed.
 * An example the current rules still get wrong is marked `"gap": true`, so the
 * suite stays green and says when a rule change starts passing it.
 */
import path from "node:path";
import { extract } from "../index.js";
import type { CompiledRole } from "../extract/rules.js";
import type { DecidedRecord, MentionRecord } from "../store/review-queries.js";
import type { RuleExample as SharedRuleExample } from "../extract/examples.js";

/** The fields an example may expect (the examples test's schema). */
const EXPECTABLE = ["kind", "value", "value_max", "unit", "qualifier", "per", "period", "indicator", "basis", "estimated"] as const;
type Expectable = (typeof EXPECTABLE)[number];

export type ExpectedFigure = { span: string } & Partial<Record<Expectable, string | number | boolean | null>>;

/** A line of rules/examples/*.jsonl, with the figures a reviewer decided on. */
export type RuleExample = Omit<SharedRuleExample, "expect"> & { expect: ExpectedFigure[] };

export interface ExampleFile {
  /** The examples file the lines belong in ("outcome" for rules/examples/outcome.jsonl), or null when the rule is not in the current rules. */
  file: string | null;
  examples: RuleExample[];
}

/** A record field as an example states it: estimated as a boolean, the rest as stored. */
function field(record: MentionRecord, name: Expectable): string | number | boolean | null {
  const value = record[name];
  return name === "estimated" ? value === 1 : value;
}

function changedFields(decided: DecidedRecord): Expectable[] {
  return EXPECTABLE.filter((f) => f !== "kind" && field(decided.record, f) !== field(decided.original, f));
}

function asExample(decided: DecidedRecord): RuleExample {
  const { record } = decided;
  const rule = record.rule as string;
  const date = typeof record.published_at === "string" ? record.published_at.slice(0, 10) : undefined;
  const when = decided.decided_at.slice(0, 10);
  const why = decided.reason ? `: ${decided.reason}` : "";
  if (record.review_status === "rejected") {
    const standing = decided.siblings.filter((s) => s.rule === rule && s.review_status !== "rejected");
    return {
      rule,
      text: record.sentence as string,
      ...(date ? { date } : {}),
      expect: standing.map((s) => ({ span: s.value_text as string, kind: s.kind as string })),
      note: `review: "${record.value_text}" rejected by ${decided.reviewer} on ${when}${why}`,
    };
  }
  const changed = changedFields(decided);
  const differs: Expectable[] = [...(record.kind !== decided.original.kind ? ["kind" as const] : []), ...changed];
  const was = differs.length > 0 ? ` (was ${differs.map((f) => `${f} ${JSON.stringify(field(decided.original, f))}`).join(", ")})` : "";
  return {
    rule,
    text: record.sentence as string,
    ...(date ? { date } : {}),
    expect: [{ span: record.value_text as string, kind: record.kind as string, ...Object.fromEntries(changed.map((f) => [f, field(record, f)])) }],
    note: `review: "${record.value_text}" corrected by ${decided.reviewer} on ${when}${why}${was}`,
  };
}

/** Whether the current rules get an example right, checked as the examples test checks a role rule's example. */
export function exampleHolds(example: RuleExample): boolean {
  const text = example.text.normalize("NFC");
  const mentions = extract(text, { documentDate: example.date ?? null });
  if (example.expect.length === 0) return !mentions.some((m) => m.rule === example.rule);
  return example.expect.every(({ span, ...fields }) => {
    const found = mentions.find((m) => text.slice(...m.value_span) === span);
    if (!found || found.rule !== example.rule) return false;
    return Object.entries(fields).every(([name, value]) => found[name as Expectable] === value);
  });
}

/** The examples of the decided records, grouped by the examples file of their rule. */
export function reviewExamples(decided: readonly DecidedRecord[], roles: readonly Pick<CompiledRole, "id" | "file">[]): ExampleFile[] {
  const fileOf = new Map(roles.map((r) => [r.id, path.basename(r.file, path.extname(r.file))]));
  const files = new Map<string | null, RuleExample[]>();
  for (const d of decided) {
    const example = asExample(d);
    const file = fileOf.get(example.rule) ?? null;
    const withGap = exampleHolds(example) ? example : { ...example, gap: true };
    files.set(file, [...(files.get(file) ?? []), withGap]);
  }
  // Files by name; the rules no longer in rules/ last.
  return [...files]
    .map(([file, examples]) => ({ file, examples }))
    .sort((a, b) => (a.file === null ? 1 : b.file === null ? -1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** An examples file's lines, as rules/examples/*.jsonl holds them. */
export function exampleLines(examples: readonly RuleExample[]): string {
  return examples.map((e) => JSON.stringify(e) + "\n").join("");
}
