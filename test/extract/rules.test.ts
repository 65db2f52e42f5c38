import { describe, expect, it } from "vitest";
import { loadBrokenRules } from "../fixtures/rules/broken.js";

const brokenRules = (file: string, edit: (lines: string[]) => number) =>
  loadBrokenRules(file, edit, async () => (await import("../../src/extract/rules.js")).loadExtractionRules());

describe("loading the extraction rules", () => {
  it("loads the rules as shipped", async () => {
    const { error } = await brokenRules("manifest.yaml", () => 0);
    expect(error).toBeNull();
  });

  it("reports a unit class that units.tsv does not know, at the rule's line", async () => {
    let id = "";
    const { error } = await brokenRules("patterns/attainment.yaml", (lines) => {
      const at = lines.findIndex((l) => l.includes("after_unit_classes:"));
      lines[at] = lines[at].replace("money", "monie");
      id = lines.slice(0, at).reverse().find((l) => l.includes("- id:"))!.split("id:")[1].trim();
      return at;
    });
    const text = String(error);
    expect(text).toMatch(/attainment\.yaml:\d+: rule [\w.-]+: unit class "monie" is not in lexicon\/unit-classes\.tsv/);
    expect(text).toContain(`rule ${id}:`);
  });

  it("reports a quantity rule's unit class that units.tsv does not know", async () => {
    const { error } = await brokenRules("patterns/quantity.yaml", (lines) => {
      const at = lines.findIndex((l) => l.includes("unit_class: count"));
      lines[at] = lines[at].replace("count", "countz");
      return at;
    });
    expect(String(error)).toMatch(/quantity\.yaml:\d+: rule quantity\.quoted-count: unit class "countz" is not in lexicon\/unit-classes\.tsv/);
  });

  it("compiles no pattern past the 20 KB of source over which V8 stops optimising a regular expression", async () => {
    // Past it the figure scan ran seven times as long (BENCHMARKS.md, session 26): the unit list is named in
    // several places of one pattern, so a few more units can cross it.
    const { loadExtractionRules } = await import("../../src/extract/rules.js");
    const sizes: Array<[string, number]> = [];
    const walk = (value: unknown, path: string, seen: Set<unknown>): void => {
      if (value instanceof RegExp) sizes.push([path, value.source.length]);
      else if (value && typeof value === "object" && !seen.has(value)) {
        seen.add(value);
        const id = (value as { id?: unknown }).id;
        for (const [key, inner] of Object.entries(value)) walk(inner, `${typeof id === "string" ? id : path}.${key}`, seen);
      }
    };
    walk(loadExtractionRules(), "rules", new Set());
    expect(sizes.length).toBeGreaterThan(100);
    expect(sizes.filter(([, size]) => size >= 20 * 1024)).toEqual([]);
  });
});
