import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { RULES_DIR } from "../../src/paths.js";

/** Loads the extraction rules from a copy of rules/ with one line of `file` edited; returns the error and the line. */
async function brokenRules(file: string, edit: (lines: string[]) => number): Promise<{ error: unknown; line: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-rules-"));
  fs.cpSync(RULES_DIR, dir, { recursive: true });
  const full = path.join(dir, file);
  const lines = fs.readFileSync(full, "utf8").split("\n");
  const line = edit(lines) + 1;
  fs.writeFileSync(full, lines.join("\n"));
  vi.stubEnv("CHITIEU_RULES", dir);
  vi.resetModules();
  try {
    const fresh = await import("../../src/extract/rules.js");
    fresh.loadExtractionRules();
    return { error: null, line };
  } catch (error) {
    return { error, line };
  } finally {
    vi.unstubAllEnvs();
    vi.resetModules();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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
});
