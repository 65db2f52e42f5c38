/**
 * Reads rules/examples/NAME.jsonl (numbers, periods, dates): one example a line, {"rule", "text",
 * "expect": [{"match", "span", ...}], "gap"?: true, ...options}. Each expected
 * span must cover its match, so a hand edit that shifts a span is caught here.
 */
import fs from "node:fs";
import { z } from "zod";
import { rulesPath } from "../../src/rulebook/index.js";

const Expected = z
  .object({ match: z.string().min(1), span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]) })
  .loose();

const Example = z
  .object({ rule: z.string().min(1), text: z.string().min(1), expect: z.array(Expected), gap: z.literal(true).optional() })
  .loose();

export type RuleExample = z.output<typeof Example> & { line: number };

export function loadExamples(name: string): RuleExample[] {
  const file = rulesPath(`examples/${name}.jsonl`);
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== "")
    .map(({ text, line }) => {
      const parsed = Example.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${file}:${line}: ${parsed.error.issues[0].message}`);
      for (const e of parsed.data.expect) {
        const covered = parsed.data.text.slice(e.span[0], e.span[1]);
        if (covered !== e.match) throw new Error(`${file}:${line}: span ${e.span} covers "${covered}", not "${e.match}"`);
      }
      return { ...parsed.data, line };
    });
}

/** The fields of `got` that `expected` names, so that an example states only what it is about. */
export function project(got: Record<string, unknown>, expected: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expected).map((k) => [k, got[k]]));
}

/** A test title for an example: its rule, its text and where it is. */
export function exampleTitle(name: string, e: RuleExample): string {
  return `${name}.jsonl:${e.line} ${e.rule}: ${e.text}`;
}
