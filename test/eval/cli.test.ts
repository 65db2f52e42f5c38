/** `chitieu eval`: options, the injected extractor, and bad input, beside score.py where it has an answer. */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { askPython, runCli, tempDir, type PyRun } from "./oracle.js";

const dir = tempDir();
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const GOLD = [
  { doc: "000_a.txt", quote: "tạo việc làm mới cho 15.000 lao động", indicator: "tạo việc làm mới", kind: "target", value: 15000, unit: "lao động", period: "2025" },
  { doc: "000_a.txt", quote: "đạt 103,5% kế hoạch", indicator: "giải quyết việc làm", kind: "attainment", value: 103.5, unit: "%", period: "2024" },
  { doc: "001_b.txt", quote: "còn 2,1%", indicator: "tỷ lệ hộ nghèo", kind: "actual", value: 2.1, unit: "%", period: "2024", optional: true },
];
/** What an extractor returns: Mention-like records with fields score.py ignores. */
const EXTRACTED = [
  { doc: "corpus/text/000_a.txt", sentence: "Năm 2025, đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động;", indicator: "tạo việc làm mới", kind: "target", value: 15000, value_max: null, unit: "lao động", period: "2025", qualifier: null, per: null, span: [10, 40], confidence: 0.9 },
  { doc: "corpus/text/000_a.txt", sentence: "giải quyết việc làm đạt 103,5% kế hoạch", indicator: "giải quyết việc làm", kind: "actual", value: 103.5, value_max: null, unit: "%", period: "2024", qualifier: null, per: null, span: [0, 5], confidence: 0.5 },
  { doc: "corpus/text/001_b.txt", sentence: "Tỷ lệ hộ nghèo còn 2,1%.", indicator: "tỷ lệ hộ nghèo", kind: "actual", value: 2.1, value_max: null, unit: "%", period: "2024", qualifier: null, per: null, span: [0, 5], confidence: 0.8 },
];
const jsonl = (rows: object[]): string => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

const goldFile = file("gold.jsonl", jsonl(GOLD));
const predFile = file("pred.jsonl", jsonl(EXTRACTED));
const BAD: Record<string, string | Buffer> = {
  notJson: '{"doc": "a.txt"}\n\n{"doc": "a.txt", "kind": target}\n',
  bom: "\ufeff" + jsonl(GOLD),
  notUtf8: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d, 0x0a]),
  notObject: jsonl(GOLD) + "[1, 2]\n",
  noDoc: jsonl([{ quote: "x", kind: "target" }]),
  predNoKind: jsonl([EXTRACTED[0], { doc: "000_a.txt", sentence: "s", value: 1 }]),
  predUnitNumber: jsonl([{ ...EXTRACTED[0], unit: 5 }]),
};
const badFiles = Object.fromEntries(Object.entries(BAD).map(([name, content]) => [name, file(`${name}.jsonl`, content)]));
const missing = path.join(dir, "missing.jsonl");

describe("chitieu eval", () => {
  let py: Record<string, PyRun>;
  beforeAll(() => {
    const runs: Record<string, string[]> = {
      extracted: [goldFile, predFile],
      extractedErrors: [goldFile, predFile, "--errors"],
      extractedJson: [goldFile, predFile, "--json"],
      goldNotJson: [badFiles.notJson, predFile],
      predNotJson: [goldFile, badFiles.notJson],
      bom: [badFiles.bom, predFile],
      notUtf8: [badFiles.notUtf8, predFile],
      notObject: [badFiles.notObject, predFile],
      noDoc: [badFiles.noDoc, predFile],
      predNoKind: [goldFile, badFiles.predNoKind],
      predUnitNumber: [goldFile, badFiles.predUnitNumber],
      missing: [missing, predFile],
    };
    const answers = askPython({ runs: Object.values(runs) }).runs;
    py = Object.fromEntries(Object.keys(runs).map((name, i) => [name, answers[i]]));
  });

  it("has --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Usage: chitieu eval [options] <dir> <gold>");
    for (const option of ["--errors", "--json", "--fields", "--pred <file>"]) expect(run.stdout).toContain(option);
  });

  it("extracts DIR with the injected extractor and prints what score.py prints for those records", async () => {
    const seen: string[][] = [];
    const extract = async (paths: string[]) => {
      seen.push(paths);
      return EXTRACTED;
    };
    for (const [flags, name] of [[[], "extracted"], [["--errors"], "extractedErrors"], [["--json"], "extractedJson"]] as const) {
      const run = await runCli(["corpus/text", goldFile, ...flags], extract);
      expect(run.exitCode).toBe(0);
      expect(py[name].exit ?? py[name].crash).toBeUndefined();
      expect(run.stdout).toBe(py[name].stdout);
    }
    expect(seen).toEqual([["corpus/text"], ["corpus/text"], ["corpus/text"]]);
    expect(py.extracted.stdout).toContain("value F1 0.500, strict F1 0.500");
  });

  it("appends the field diagnostics with --fields, and refuses --fields with --json", async () => {
    const plain = await runCli(["-", goldFile, "--pred", predFile]);
    const withFields = await runCli(["-", goldFile, "--pred", predFile, "--fields"]);
    expect(withFields.stdout.startsWith(plain.stdout + "\nfields on figure-matched pairs")).toBe(true);
    expect(withFields.stdout).toContain("kind            1  0.500");
    const both = await runCli(["-", goldFile, "--pred", predFile, "--fields", "--json"]);
    expect(both.exitCode).toBe(1);
    expect(both.stderr).toContain("cannot be used with option '--json'");
  });

  it("reports a line json.loads rejects as score.py does, with exit status 2", async () => {
    for (const [name, args] of [
      ["goldNotJson", [badFiles.notJson, "--pred", predFile]],
      ["predNotJson", [goldFile, "--pred", badFiles.notJson]],
      ["bom", [badFiles.bom, "--pred", predFile]],
    ] as const) {
      const run = await runCli(["-", ...args]);
      expect(py[name].exit).toMatch(/:\d+: not JSON: /);
      expect(run.message).toBe(py[name].exit);
      expect(run.stderr).toBe(`${py[name].exit}\n`);
      expect(run.exitCode).toBe(2);
    }
    expect(py.goldNotJson.exit).toBe(`${badFiles.notJson}:3: not JSON: Expecting value: line 1 column 26 (char 25)`);
  });

  it("gives a one-line reason with exit status 2 where score.py stops with a traceback", async () => {
    const expected: Record<string, [string[], string]> = {
      notUtf8: [[badFiles.notUtf8, "--pred", predFile], `${badFiles.notUtf8}: not UTF-8 text`],
      notObject: [[badFiles.notObject, "--pred", predFile], `${badFiles.notObject}:4: not a JSON object`],
      noDoc: [[badFiles.noDoc, "--pred", predFile], `${badFiles.noDoc}:1: gold record has no "doc"`],
      predNoKind: [[goldFile, "--pred", badFiles.predNoKind], `${badFiles.predNoKind}:2: no "kind" field`],
      predUnitNumber: [[goldFile, "--pred", badFiles.predUnitNumber], `${badFiles.predUnitNumber}:1: "unit": expected text, got int 5`],
      missing: [[missing, "--pred", predFile], `${missing}: cannot read: ENOENT: no such file or directory, open '${missing}'`],
    };
    for (const [name, [args, message]] of Object.entries(expected)) {
      expect(py[name].crash, name).toBeDefined();
      const run = await runCli(["-", ...args]);
      expect(run.exitCode, name).toBe(2);
      expect(run.message, name).toBe(message);
    }
  });

  it("names an extracted record that score.py could not score", async () => {
    const run = await runCli(["docs", goldFile], async () => [{ doc: "000_a.txt", sentence: "x", value: 1, unit: "%" }]);
    expect(run.exitCode).toBe(2);
    expect(run.message).toBe('extracted record 1 (000_a.txt): no "kind" field');
  });
});
