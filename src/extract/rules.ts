/**
 * The extraction rules of rules/manifest.yaml, validated and compiled once:
 * non-figure masks, the quantity patterns and the role rules in phase order.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { compilePattern, loadFragments, loadYaml, RuleError, rulesPath, lexiconRows } from "../rulebook/index.js";
import { requiredLiterals } from "../rulebook/scan.js";
import { RULES_DIR } from "../paths.js";
import { foldVietnamese } from "../text/fold.js";

/** Marks the figure a role rule is about, and any other figure, in a clause skeleton. */
export const SUBJECT_FIRST = "\uE000";
export const SUBJECT_REST = "\uE001";
export const OTHER_FIRST = "\uE002";
export const OTHER_REST = "\uE003";

const Manifest = z.object({
  version: z.string().min(1),
  fragment_files: z.array(z.string()).min(1),
  nonfigure: z.string(),
  quantity: z.string(),
  anecdote: z.string(),
  roles: z.array(z.string()).min(1),
});

const RuleId = z.string().regex(/^[a-z]+(?:\.[a-z0-9-]+)+$/, "ids look like concept.name");

const MaskRule = z.object({
  id: RuleId,
  version: z.number().int().positive(),
  description: z.string().min(1),
  pattern: z.string().min(1),
  /** A quantity rule whose context names what its figure measures ("điểm trung bình ... đạt 6,86"): kept with no unit. */
  unitless: z.literal(true).optional(),
  /** The class (unit-classes.tsv) of a unit the lexicon cannot list: a quoted name counts things ("300 “Mái ấm Công đoàn”"). */
  unit_class: z.string().min(1).optional(),
}).strict();

const MaskFile = z.object({
  version: z.number().int(),
  fragments: z.record(z.string(), z.string()).optional(),
  rules: z.array(MaskRule).min(1),
}).strict();

export const ROLE_KINDS = ["target", "actual", "attainment", "comparison", "mood", "change", "exclude"] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

const RoleRule = z.object({
  id: RuleId,
  version: z.number().int().positive(),
  kind: z.enum(ROLE_KINDS),
  description: z.string().min(1),
  pattern: z.string().refine((p) => p.includes("{Q}"), "a role pattern must contain {Q}, the figure it is about"),
  unit: z.enum(["percent", "count", "any"]).default("any"),
  when_mood: z.enum(["target", "actual"]).optional(),
  indicator_is: z.enum(["activity", "rate"]).optional(),
  indicator: z.enum(["auto", "inherit", "right"]).default("auto"),
  /** "phấn đấu thu ngân sách tăng 10% so với năm 2024": in a plan, the kind a comparison becomes. */
  in_plan: z.enum(["target"]).optional(),
  /** A move to a level ("giảm tỷ lệ hộ nghèo xuống 2%"): the verb says the move, the rest names the indicator. */
  strip_change_verb: z.boolean().default(false),
  /**
   * A level at one end of a move ("giảm từ 27,6% xuống còn 9,8%", "còn 1.240 hộ"): reported over a span of years, the
   * start stood in its first year, what was reached in its last.
   */
  span_year: z.enum(["first", "last"]).optional(),
  /** Applies only to a figure whose value and unit the document already reported: a restatement. */
  restated: z.boolean().default(false),
  /** The indicator may be a list of activities ("tư vấn về chính sách, giới thiệu việc làm cho 5.000 lượt người"). */
  indicator_list: z.boolean().default(false),
  /** Applies only to a figure of one of these unit classes (units.tsv): "dài 14 km" is a length. */
  unit_classes: z.array(z.string().min(1)).min(1).optional(),
  /** Applies only right after a figure of one of these unit classes (units.tsv): "giải ngân 312 tỷ đồng, đạt 31,5%". */
  after_unit_classes: z.array(z.string().min(1)).min(1).optional(),
  /** Applies only to a figure with a bound ("trên 50%", "dưới 3%", "từ 100 tỷ đồng trở lên"). */
  bounded: z.boolean().default(false),
  /** An excluded figure that is part of the name of the next one ("tỷ lệ lấp đầy của 18 khu công nghiệp đạt 74,2%"). */
  in_name: z.boolean().default(false),
  confidence: z.number().min(0).max(1).default(0.8),
}).strict();

const RoleFile = z.object({
  version: z.number().int(),
  fragments: z.record(z.string(), z.string()).optional(),
  rules: z.array(RoleRule).min(1),
}).strict();

export interface CompiledMask {
  id: string;
  regex: RegExp;
  unitless?: true;
  unitClass?: string;
}

export interface CompiledRole extends Omit<z.output<typeof RoleRule>, "pattern"> {
  file: string;
  regex: RegExp;
  /** Literals of which a clause the rule matches holds one (null: none known), looked for before the regex is run. */
  literals: string[] | null;
}

export interface ExtractionRules {
  version: string;
  masks: CompiledMask[];
  quantities: CompiledMask[];
  /** Paragraphs that tell one person's story: none of their figures is an indicator. */
  anecdotes: CompiledMask[];
  roles: CompiledRole[];
}

function compile(file: string, id: string, template: string, fragments: Record<string, string>, flags: string): RegExp {
  const withFigures = template
    // A figure is one token: the lookahead keeps a pattern from matching part of it.
    .replaceAll("{Q}", `(?<q>${SUBJECT_FIRST}${SUBJECT_REST}*(?!${SUBJECT_REST}))`)
    .replaceAll("{QX}", `(?:${OTHER_FIRST}${OTHER_REST}*(?!${OTHER_REST}))`);
  try {
    return compilePattern(withFigures, fragments, flags);
  } catch (err) {
    throw new RuleError(rulesPath(file), lineOf(file, id), `rule ${id}: ${(err as Error).message}`);
  }
}

function lineOf(file: string, id: string): number {
  const lines = fs.readFileSync(rulesPath(file), "utf8").split("\n");
  const index = lines.findIndex((l) => l.includes(`id: ${id}`));
  return index + 1;
}

/** A hash of everything under rules/, so that a mention records exactly which rules made it. */
function hashRules(): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|tsv|json)$/.test(entry.name)) hash.update(path.relative(RULES_DIR, full)).update(fs.readFileSync(full));
    }
  };
  walk(RULES_DIR);
  return hash.digest("hex").slice(0, 8);
}

function checkUniqueIds(ids: Array<{ id: string; file: string }>): void {
  const seen = new Map<string, string>();
  for (const { id, file } of ids) {
    const other = seen.get(id);
    if (other) throw new RuleError(rulesPath(file), lineOf(file, id), `rule id ${id} is also used in ${other}`);
    seen.set(id, file);
  }
}

let cached: ExtractionRules | undefined;
let cachedVersion: string | undefined;

/** The version the rules would have once loaded (the manifest's, plus a hash of the rule files), without compiling them. */
export function rulesVersion(): string {
  cachedVersion ??= cached?.version ?? `${loadYaml("manifest.yaml", Manifest).version}+${hashRules()}`;
  return cachedVersion;
}

export function loadExtractionRules(): ExtractionRules {
  if (cached) return cached;
  const manifest = loadYaml("manifest.yaml", Manifest);
  const fragments = loadFragments(manifest.fragment_files);
  // Masks are read by their spans alone, figures by their groups' indices too ("d"), which cost a call into V8's runtime per match.
  const knownClass = (file: string, id: string, unitClass: string | undefined) => {
    if (unitClass !== undefined && !lexiconMap("unit-classes", "role").has(unitClass)) {
      throw new RuleError(rulesPath(file), lineOf(file, id), `rule ${id}: unit class "${unitClass}" is not in lexicon/unit-classes.tsv`);
    }
  };
  const compileMasks = (file: string, flags: string): CompiledMask[] =>
    loadYaml(file, MaskFile).rules.map((r) => {
      knownClass(file, r.id, r.unit_class);
      return { id: r.id, regex: compile(file, r.id, r.pattern, fragments, flags), ...(r.unitless && { unitless: r.unitless }), ...(r.unit_class && { unitClass: r.unit_class }) };
    });
  const masks = compileMasks(manifest.nonfigure, "gu");
  const quantities = compileMasks(manifest.quantity, "dgu");
  const anecdotes = compileMasks(manifest.anecdote, "u");
  const roles: CompiledRole[] = [];
  for (const file of manifest.roles) {
    const roleFile = loadYaml(file, RoleFile);
    const local = { ...fragments };
    for (const [name, body] of Object.entries(roleFile.fragments ?? {})) {
      if (name in fragments) throw new RuleError(rulesPath(file), 1, `fragment "${name}" is already declared`);
      local[name] = body;
    }
    for (const { pattern, ...rule } of roleFile.rules) {
      for (const unitClass of [...(rule.unit_classes ?? []), ...(rule.after_unit_classes ?? [])]) knownClass(file, rule.id, unitClass);
      const regex = compile(file, rule.id, pattern, local, "dgu");
      roles.push({ ...rule, file, regex, literals: requiredLiterals(regex) });
    }
  }
  checkUniqueIds([
    ...[manifest.nonfigure, manifest.quantity, manifest.anecdote].flatMap((file) => loadYaml(file, MaskFile).rules.map((r) => ({ id: r.id, file }))),
    ...roles.map((r) => ({ id: r.id, file: r.file })),
  ]);
  cached = { version: cachedVersion ?? `${manifest.version}+${hashRules()}`, masks, quantities, anecdotes, roles };
  return cached;
}

const INSIDE_WORD = /[\p{L}\p{M}]{2}/u;

/**
 * The first match of a role rule that does not start inside a word: "ước" is not a cue in "nhà nước 320 tỷ
 * đồng". (Checked here rather than by a look-around in each pattern, which would cost V8 its fast scan.)
 */
export function matchRole(rule: CompiledRole, text: string): RegExpExecArray | null {
  if (rule.literals && !rule.literals.some((literal) => text.includes(literal))) return null;
  rule.regex.lastIndex = 0;
  let m = rule.regex.exec(text);
  while (m && m.index > 0 && INSIDE_WORD.test(text.slice(m.index - 1, m.index + 1))) {
    rule.regex.lastIndex = m.index + 1;
    m = rule.regex.exec(text);
  }
  return m;
}

/** Maps each folded surface of a lexicon to the value of one of its columns. */
export function lexiconMap(name: string, column: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of lexiconRows(name)) {
    const value = row[column];
    if (value === undefined) throw new RuleError(rulesPath(`lexicon/${name}.tsv`), row.line, `missing column ${column}`);
    map.set(foldVietnamese(row.surface.normalize("NFC")).replace(/\s+/g, " "), value);
  }
  return map;
}
