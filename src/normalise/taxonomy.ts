/**
 * The indicator taxonomy of rules/indicators.yaml, validated: ids unique,
 * unit classes known to units.tsv, and no phrase naming two indicators of one
 * unit class (which mapping could not tell apart).
 */
import { z } from "zod";
import { loadYaml } from "../rulebook/index.js";
import { PhraseKeyer, loadPhraseKeyer } from "./phrase-key.js";
import { loadUnitTable } from "./units.js";

export interface Indicator {
  id: string;
  vi: string;
  en: string;
  unitClass: string;
  variants: string[];
  /** The indicator a yearly rate of this one is. */
  perYear: string | null;
}

export interface Taxonomy {
  indicators: ReadonlyMap<string, Indicator>;
  /** The unit a bare magnitude stands for, by unit class ("money" → "đồng"). */
  impliedUnits: ReadonlyMap<string, string>;
  /** Whether a figure of unit class `figure` can measure an indicator of class `indicator`. */
  measures(figure: string, indicator: string): boolean;
  /** Classes of figures that relate to their indicator ("tăng 8%") rather than count it. */
  relativeClasses: ReadonlySet<string>;
}

const IndicatorId = z.string().regex(/^[a-z]+(?:\.[a-z0-9_]+)+$/, "ids look like area.name (poverty.rate)");

function taxonomySchema(classes: ReadonlySet<string>, keyer: PhraseKeyer) {
  const UnitClass = z.string().superRefine((c, ctx) => {
    if (!classes.has(c)) ctx.addIssue({ code: "custom", message: `unknown unit class "${c}" (classes of lexicon/units.tsv: ${[...classes].join(", ")})` });
  });
  return z
    .object({
      implied_units: z.record(UnitClass, z.string().min(1)).default({}),
      also_measured_in: z.record(UnitClass, z.array(UnitClass)).default({}),
      relative_classes: z.array(UnitClass).default([]),
      indicators: z
        .array(
          z
            .object({
              id: IndicatorId,
              vi: z.string().min(1),
              en: z.string().min(1),
              unit_class: UnitClass,
              per_year: IndicatorId.optional(),
              variants: z.array(z.string().min(1)).min(1),
            })
            .strict(),
        )
        .min(1),
    })
    .strict()
    .superRefine((file, ctx) => {
      const ids = new Set(file.indicators.map((i) => i.id));
      const seen = new Set<string>();
      // The indicator (and its class) each phrase key already names.
      const owner = new Map<string, { id: string; unitClass: string }[]>();
      file.indicators.forEach((ind, i) => {
        if (seen.has(ind.id)) ctx.addIssue({ code: "custom", path: ["indicators", i, "id"], message: `indicator id ${ind.id} is used twice` });
        seen.add(ind.id);
        if (ind.per_year !== undefined && !ids.has(ind.per_year)) {
          ctx.addIssue({ code: "custom", path: ["indicators", i, "per_year"], message: `unknown indicator ${ind.per_year}` });
        }
        const own = new Set<string>();
        ind.variants.forEach((v, k) => {
          const phrase = keyer.key(v);
          const at = ["indicators", i, "variants", k];
          if (phrase === "") return ctx.addIssue({ code: "custom", path: at, message: `"${v}" has no words left to match once normalised` });
          if (own.has(phrase)) return ctx.addIssue({ code: "custom", path: at, message: `"${v}" repeats another variant of ${ind.id} (both are "${phrase}")` });
          own.add(phrase);
          const clash = (owner.get(phrase) ?? []).find((o) => o.unitClass === ind.unit_class);
          if (clash) ctx.addIssue({ code: "custom", path: at, message: `"${v}" also names ${clash.id}, of the same unit class ${ind.unit_class}` });
          owner.set(phrase, [...(owner.get(phrase) ?? []), { id: ind.id, unitClass: ind.unit_class }]);
        });
      });
    });
}

let cached: Taxonomy | undefined;

export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  const file = loadYaml("indicators.yaml", taxonomySchema(loadUnitTable().classes, loadPhraseKeyer()));
  const alsoMeasuredIn = new Map(Object.entries(file.also_measured_in).map(([cls, others]) => [cls, new Set(others)]));
  cached = {
    indicators: new Map(
      file.indicators.map((i) => [i.id, { id: i.id, vi: i.vi, en: i.en, unitClass: i.unit_class, variants: i.variants, perYear: i.per_year ?? null }]),
    ),
    impliedUnits: new Map(Object.entries(file.implied_units)),
    measures: (figure, indicator) => figure === indicator || (alsoMeasuredIn.get(indicator)?.has(figure) ?? false),
    relativeClasses: new Set(file.relative_classes),
  };
  return cached;
}
