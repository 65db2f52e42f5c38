/**
 * Every input the review server accepts, as zod schemas: query strings, path
 * parameters and JSON bodies. Anything else is refused with 400 and the issues.
 */
import { z } from "zod";
import { QUEUE_SORTS, REVIEW_STATUSES } from "../store/review-queries.js";
import { CANONICAL_PERIOD } from "../extract/periods.js";

const KINDS = ["target", "actual", "attainment", "comparison"] as const;
const QUALIFIERS = [">=", ">", "<=", "<", "~"] as const;
/** What the extractor writes: a canonical period, a span of years ("2021/2025"), or nothing. */
const PERIOD = new RegExp(`^(?:${CANONICAL_PERIOD.source.slice(1, -1)}|\\d{4}\\/\\d{4})?$`);
// Gazetteer ids and taxonomy ids are short slugs ("hau-giang", "poverty.rate").
const ID = /^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]*$/u;

const text = (max: number) => z.string().trim().max(max);
const nonEmpty = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().trim().max(80).regex(ID, "a lower-case id such as hau-giang or poverty.rate");

export const Reviewer = nonEmpty(80);

export const QueueParams = z
  .object({
    indicator: nonEmpty(200).optional(),
    kind: z.enum(KINDS).optional(),
    place: id.optional(),
    period: z.string().regex(PERIOD, "a period such as 2024, 2024-H1, 2024-Q3, 2024-M06 or 2021/2025").min(1).optional(),
    document: nonEmpty(300).optional(),
    rule: nonEmpty(120).optional(),
    confidenceMin: z.coerce.number().min(0).max(1).optional(),
    confidenceMax: z.coerce.number().min(0).max(1).optional(),
    status: z.enum([...REVIEW_STATUSES, "reviewed"]).optional(),
    notDecidedBy: Reviewer.optional(),
    ids: z
      .string()
      .regex(/^\d+(,\d+)*$/, "mention ids separated by commas")
      .transform((s) => s.split(",").map(Number))
      .pipe(z.array(z.number().int().positive()).max(1000))
      .optional(),
    sort: z.enum(QUEUE_SORTS).default("document"),
    dir: z.enum(["asc", "desc"]).default("asc"),
    page: z.coerce.number().int().min(0).max(1_000_000).default(0),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const MentionId = z.coerce.number().int().positive();

/** The edit form: the corrected record's fields. */
export const CorrectionForm = z
  .object({
    kind: z.enum(KINDS),
    value: z.number().finite(),
    value_max: z.number().finite().nullable(),
    unit: text(40),
    qualifier: z.enum(QUALIFIERS).nullable(),
    period: z.string().regex(PERIOD, "a period such as 2024, 2024-H1, 2024-Q3, 2024-M06 or 2021/2025, or nothing"),
    indicator: nonEmpty(200),
    indicator_id: id.nullable(),
    place: id.nullable(),
  })
  .strict()
  .refine((f) => f.value_max === null || f.value_max > f.value, { path: ["value_max"], message: "the upper end of a range must be above the value" });
export type CorrectionForm = z.output<typeof CorrectionForm>;

export const DecisionBody = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["accept", "reject"]), mentionId: z.number().int().positive(), reviewer: Reviewer, reason: text(500).optional() }).strict(),
  z
    .object({
      action: z.literal("edit"),
      mentionId: z.number().int().positive(),
      reviewer: Reviewer,
      reason: text(500).optional(),
      correction: CorrectionForm,
      /** Also map the indicator phrase to the corrected taxonomy id, for normalisation to reuse. */
      mapIndicator: z.boolean().optional(),
    })
    .strict()
    .refine((d) => !d.mapIndicator || d.correction.indicator_id !== null, { path: ["correction", "indicator_id"], message: "choose a taxonomy id to map the indicator to" }),
]);

export const UndoBody = z
  .object({
    reviewer: Reviewer,
    /** The decision to take back; the reviewer's last one when left out. */
    decisionId: z.number().int().positive().optional(),
  })
  .strict();

export const RecentParams = z.object({ reviewer: Reviewer.optional(), limit: z.coerce.number().int().min(1).max(200).default(20) }).strict();
export const AgreementParams = z.object({ a: Reviewer, b: Reviewer }).strict().refine((p) => p.a !== p.b, { path: ["b"], message: "pick two different reviewers" });
export const ConflictParams = z.object({ page: z.coerce.number().int().min(0).default(0), pageSize: z.coerce.number().int().min(1).max(50).default(10) }).strict();
export const ChartParams = z
  .object({ indicator: nonEmpty(200), mapped: z.enum(["true", "false"]).transform((s) => s === "true"), place: id.optional() })
  .strict();
export const ExportParams = z.object({ format: z.enum(["csv", "jsonl"]).default("csv") }).strict();
export const ExamplesFile = z.string().regex(/^[a-z][a-z0-9-]*$/, "an examples file name such as outcome");
