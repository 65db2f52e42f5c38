/**
 * The format of a rule's examples (rules/examples/*.jsonl): a text, the rule,
 * and the figures it must yield (`expect: []` for a negative); `gap` marks a
 * known gap. The rule tests read it; the review page writes it.
 */
import { z } from "zod";

export const ExpectedFigure = z
  .object({
    /** The figure with its unit, as written (a mention's value span). */
    span: z.string(),
    kind: z.enum(["target", "actual", "attainment", "comparison"]).optional(),
    value: z.number().optional(),
    value_max: z.number().nullable().optional(),
    unit: z.string().optional(),
    qualifier: z.string().nullable().optional(),
    per: z.literal("year").nullable().optional(),
    period: z.string().optional(),
    indicator: z.string().optional(),
    basis: z.string().nullable().optional(),
    estimated: z.boolean().optional(),
  })
  .strict();

export const RuleExample = z
  .object({
    rule: z.string(),
    text: z.string(),
    /** The document's date, for periods relative to it. */
    date: z.string().optional(),
    expect: z.array(ExpectedFigure),
    gap: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

export type ExpectedFigure = z.output<typeof ExpectedFigure>;
export type RuleExample = z.output<typeof RuleExample>;
