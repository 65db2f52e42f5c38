/**
 * Runs the examples of every extraction rule (rules/examples/<pattern file>.jsonl)
 * and checks that every rule has at least one positive and one negative example.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";
import { RuleExample as Example } from "../../src/extract/examples.js";
import { loadExtractionRules } from "../../src/extract/rules.js";
import { foldForMatching } from "../../src/text/normalise.js";
import { RULES_DIR } from "../../src/paths.js";


const ROLE_FILES = ["exclusion", "attainment", "comparison", "share", "level", "outcome"];
const MASK_FILES = ["nonfigure", "quantity", "anecdote"];

function loadExamples(file: string): Array<Example & { line: number }> {
  const full = path.join(RULES_DIR, "examples", `${file}.jsonl`);
  return fs.readFileSync(full, "utf8").split("\n").flatMap((line, i) => {
    if (!line.trim() || line.startsWith("//")) return [];
    const parsed = Example.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${full}:${i + 1}: ${parsed.error.issues[0].message}`);
    return [{ ...parsed.data, line: i + 1 }];
  });
}

const rules = loadExtractionRules();

/** Role rules are checked by the rule that decided each mention; quantity rules by the figures found. */
function checkRoleExample(ex: Example, byRule: boolean): void {
  const text = ex.text.normalize("NFC");
  const mentions = extract(text, { documentDate: ex.date ?? null });
  const fromRule = byRule ? mentions.filter((m) => m.rule === ex.rule) : mentions;
  if (ex.expect.length === 0) {
    expect(fromRule.map((m) => text.slice(...m.value_span))).toEqual([]);
    return;
  }
  for (const want of ex.expect) {
    const found = mentions.find((m) => text.slice(...m.value_span) === want.span);
    expect(found, `no mention of "${want.span}" in: ${JSON.stringify(mentions.map((m) => [text.slice(...m.value_span), m.rule, m.kind]))}`).toBeDefined();
    const { span, indicator, ...fields } = want;
    expect({ rule: byRule ? found!.rule : ex.rule, ...pick(found!, Object.keys(fields)) }).toEqual({ rule: ex.rule, ...fields });
    if (indicator !== undefined) expect(found!.indicator).toBe(indicator);
    expect(span).toBe(text.slice(...found!.value_span));
  }
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}

/**
 * An exclusion's positives are figures that must not come out: a span listed k times is its last k
 * occurrences in the text (a restatement follows what it restates). Its negatives must still yield figures.
 */
function checkExclusionExample(ex: Example): void {
  const text = ex.text.normalize("NFC");
  const starts = new Set(extract(text, { documentDate: ex.date ?? null }).map((m) => m.value_span[0]));
  if (ex.expect.length === 0) expect(starts.size).toBeGreaterThan(0);
  for (const span of new Set(ex.expect.map((w) => w.span))) {
    const listed = ex.expect.filter((w) => w.span === span).length;
    const occurrences = [...text.matchAll(new RegExp(span.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"))].map((m) => m.index);
    expect(occurrences.length, `"${span}" occurs in the text`).toBeGreaterThanOrEqual(listed);
    for (const at of occurrences.slice(-listed)) expect(starts.has(at), `"${span}" at ${at} is excluded`).toBe(false);
  }
}

function checkMaskExample(ex: Example, regex: RegExp): void {
  // Rules match the text folded as the engine folds it, dashes made one.
  const folded = foldForMatching(ex.text.normalize("NFC"));
  regex.lastIndex = 0;
  const matched = [...folded.matchAll(regex)].map((m) => ex.text.normalize("NFC").slice(m.index!, m.index! + m[0].length));
  expect(matched.map((s) => s.trim())).toEqual(ex.expect.map((e) => e.span));
}

for (const file of [...MASK_FILES, ...ROLE_FILES]) {
  describe(`rules/examples/${file}.jsonl`, () => {
    const examples = loadExamples(file);
    const masksOf: Record<string, typeof rules.masks> = { nonfigure: rules.masks, quantity: rules.quantities, anecdote: rules.anecdotes };
    const fileRules = masksOf[file] ?? rules.roles.filter((r) => r.file === `patterns/${file}.yaml`);
    it("has a positive and a negative example for every rule", () => {
      for (const rule of fileRules) {
        const mine = examples.filter((e) => e.rule === rule.id);
        expect(mine.some((e) => e.expect.length > 0), `${rule.id} has no positive example`).toBe(true);
        expect(mine.some((e) => e.expect.length === 0), `${rule.id} has no negative example`).toBe(true);
      }
    });
    for (const ex of examples) {
      const name = `${ex.rule} (line ${ex.line}): ${ex.text.slice(0, 70)}`;
      const run = () => {
        const rule = fileRules.find((r) => r.id === ex.rule);
        expect(rule, `unknown rule ${ex.rule}`).toBeDefined();
        if (file === "nonfigure") checkMaskExample(ex, rule!.regex);
        else if (file === "anecdote" || ("kind" in rule! && rule.kind === "exclude")) checkExclusionExample(ex);
        else checkRoleExample(ex, file !== "quantity");
      };
      if (ex.gap) it.fails(`known gap: ${name}`, run);
      else it(name, run);
    }
  });
}
