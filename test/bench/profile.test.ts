import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { summariseProfile } from "../../src/bench/profile.js";
import { ruleNamer, ruleSources } from "../../src/bench/rule-names.js";

const rules = [
  { id: "exclude.one-household", source: "(?<q>\\uE000)(?:(?<=(?:gia\\s+đình|hộ)\\s+(?:ông|bà)[^;]*)|(?=[^;]*?của\\s+gia\\s+đình))" },
  { id: "quantity.figure", source: "(?<qb>(?:khoảng|gần)\\s+)?\\d[\\d.,]*\\s*(?:tấn|ha)" },
  { id: "quantity.words", source: "(?<qb>(?:khoảng|gần)\\s+)?(?:một|hai)\\s+(?:triệu|tỷ)" },
];

describe("ruleNamer", () => {
  const name = ruleNamer(rules);

  it.each([
    ["a rule's own pattern", rules[0].source, "exclude.one-household"],
    ["a part of one rule's pattern, as the scanner runs it", "(?=[^;]*?của\\s+gia\\s+đình)", "exclude.one-household"],
    ["a fragment several rules share", "(?<qb>(?:khoảng|gần)\\s+)?", "quantity.figure or quantity.words"],
    ["a regex of no rule", "<meta[^>]+charset\\s*=", null],
    ["a source too short to tell", "\\s+", null],
  ])("names %s", (_, source, expected) => {
    expect(name(source)).toBe(expected);
  });

  it("knows every rule of the rulebook by its own pattern", () => {
    const sources = ruleSources();
    const named = ruleNamer(sources);
    expect(sources.length).toBeGreaterThan(100);
    for (const rule of sources.filter((r) => sources.filter((o) => o.source === r.source).length === 1)) expect(named(rule.source)).toBe(rule.id);
  });
});

describe("summariseProfile", () => {
  it("names a regex by its rule and counts it where chitieu ran it", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-profile-"));
    const engine = path.join(root, "dist", "extract", "engine.js");
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2] },
        { id: 2, callFrame: frame("decide", `file://${engine}`), children: [3, 4] },
        { id: 3, callFrame: frame(`RegExp: ${rules[0].source}`, ""), children: [] },
        { id: 4, callFrame: frame("RegExp: <meta[^>]+charset", ""), children: [] },
      ],
      startTime: 0,
      endTime: 4000,
      samples: [2, 3, 3, 4],
      timeDeltas: [0, 1000, 1000, 1000, 1000],
    };
    const file = path.join(root, "CPU.cpuprofile");
    fs.writeFileSync(file, JSON.stringify(profile));
    const summary = summariseProfile(file, root, ruleNamer(rules));
    const household = summary.functions.find((f) => f.name.startsWith("RegExp exclude.one-household: "));
    expect(household).toMatchObject({ selfMs: 2, location: "← dist/extract/engine.js:1", stage: "extract" });
    expect(summary.functions.some((f) => f.name === "RegExp: <meta[^>]+charset")).toBe(true);
    fs.rmSync(root, { recursive: true });
  });
});
