import { describe, expect, it } from "vitest";
import { loadBrokenRules } from "../fixtures/rules/broken.js";
import { loadTaxonomy } from "../../src/normalise/taxonomy.js";
import { loadUnitTable } from "../../src/normalise/units.js";

describe("the indicator taxonomy", () => {
  const taxonomy = loadTaxonomy();

  it("covers the areas the issue names, with labels and a known unit class", () => {
    const ids = [...taxonomy.indicators.keys()];
    for (const id of [
      "jobs.created", "labour.overseas", "training.trained_rate", "training.enrolment", "poverty.rate", "poverty.households",
      "poverty.near_rate", "poverty.near_households", "social.assistance_coverage", "health.insurance_coverage",
      "education.upper_secondary_graduation_rate", "budget.revenue", "budget.spending", "investment.public_disbursed",
      "investment.public_disbursement_rate", "trade.exports", "industry.production_index", "agriculture.rice_output",
      "tourism.visitors", "rural.communes_standard",
    ]) {
      expect(ids).toContain(id);
    }
    const classes = loadUnitTable().classes;
    for (const i of taxonomy.indicators.values()) {
      expect(i.vi && i.en && i.variants.length).toBeTruthy();
      expect(classes.has(i.unitClass)).toBe(true);
    }
  });

  const brokenTaxonomy = (edit: (lines: string[]) => number) =>
    loadBrokenRules("indicators.yaml", edit, async () => (await import("../../src/normalise/taxonomy.js")).loadTaxonomy());

  it("refuses a phrase naming two indicators of one unit class, at its line", async () => {
    const { error, line } = await brokenTaxonomy((lines) => {
      const at = lines.indexOf("      - tỷ lệ hộ nghèo chung");
      lines[at] = "      - tỷ lệ thất nghiệp";
      return at;
    });
    expect(String(error)).toMatch(new RegExp(`indicators\\.yaml:${line}: .*"tỷ lệ thất nghiệp" also names labour\\.unemployment_rate, of the same unit class percent`));
  });

  it("refuses an unknown unit class and an unknown yearly-rate indicator, at their lines", async () => {
    const unit = await brokenTaxonomy((lines) => {
      const at = lines.findIndex((l) => l.trim() === "unit_class: households");
      lines[at] = lines[at].replace("households", "household");
      return at;
    });
    expect(String(unit.error)).toMatch(new RegExp(`indicators\\.yaml:${unit.line}: .*unknown unit class "household"`));
    const perYear = await brokenTaxonomy((lines) => {
      const at = lines.findIndex((l) => l.includes("per_year: poverty.rate_reduction"));
      lines[at] = lines[at].replace("poverty.rate_reduction", "poverty.rate_reductions");
      return at;
    });
    expect(String(perYear.error)).toMatch(new RegExp(`indicators\\.yaml:${perYear.line}: .*unknown indicator poverty\\.rate_reductions`));
  });
});
