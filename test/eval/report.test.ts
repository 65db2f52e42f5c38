/**
 * The whole output of `chitieu eval --pred` against score.py's, on the seeds
 * gold file and on seeded random gold/prediction pairs, in the three modes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { CaseGenerator, fromPlain, Rng } from "./generate.js";
import { askPython, canonicalErrors, FIXTURES, runCli, SCORE_PY, tempDir, type CliRun, type PyRun } from "./oracle.js";

const MODES: string[][] = [[], ["--errors"], ["--json"]];
const RANDOM_CASES = 300;
const FIRST_SEED = 1;
const SEEDS_PRED_FILES = 10;
const SEEDS_GOLD = path.join(FIXTURES, "seeds-gold.jsonl");
const SHARED_EVAL = path.join(PACKAGE_ROOT, "..", "shared", "eval");

interface Tally {
  identical: number;
  sameBlocks: number;
  notJson: number;
  crashed: number;
  withHits: number;
}

/** Compares one run; returns a description of the difference, or null. */
function compare(py: PyRun, ts: CliRun, flags: string[], tally: Tally): string | null {
  if (py.exit !== undefined) {
    tally.notJson++;
    return ts.exitCode === 2 && ts.message === py.exit ? null : `score.py exits "${py.exit}", eval gives ${JSON.stringify(ts)}`;
  }
  if (py.crash !== undefined) {
    tally.crashed++;
    return ts.exitCode === 2 && ts.message ? null : `score.py stops with ${py.crash}, eval gives ${JSON.stringify(ts)}`;
  }
  if (ts.exitCode !== 0) return `score.py succeeds, eval fails: ${ts.message}`;
  if (/^value +all +\S+ +\S+ +\S+ +[1-9]/m.test(py.stdout)) tally.withHits++;
  if (ts.stdout === py.stdout) {
    tally.identical++;
    return null;
  }
  if (flags.includes("--errors") && !flags.includes("--json")) {
    const mine = canonicalErrors(ts.stdout);
    const theirs = canonicalErrors(py.stdout);
    if (theirs.contiguous && mine.contiguous && mine.text === theirs.text) {
      tally.sameBlocks++;
      return null;
    }
  }
  return `outputs differ\n--- score.py\n${py.stdout}\n--- eval\n${ts.stdout}`;
}

function newTally(): Tally {
  return { identical: 0, sameBlocks: 0, notJson: 0, crashed: 0, withHits: 0 };
}

describe("the vendored reference files", () => {
  it.runIf(fs.existsSync(SHARED_EVAL))("are byte-identical to ../shared/eval", () => {
    expect(fs.readFileSync(SCORE_PY).equals(fs.readFileSync(path.join(SHARED_EVAL, "score.py")))).toBe(true);
    const sharedGold = fs.readFileSync(path.join(SHARED_EVAL, "seeds", "gold.jsonl"));
    expect(fs.readFileSync(SEEDS_GOLD).equals(sharedGold)).toBe(true);
  });
});

describe("eval prints what score.py prints", () => {
  const dir = tempDir();
  const seedsPreds: string[] = [];
  const randomCases: Array<{ seed: number; gold: string; pred: string }> = [];
  let answers: PyRun[] = [];
  let runs: string[][] = [];

  beforeAll(() => {
    const seedsGold = fs
      .readFileSync(SEEDS_GOLD, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => fromPlain(JSON.parse(l)));
    for (let seed = 1; seed <= SEEDS_PRED_FILES; seed++) {
      const gen = new CaseGenerator(new Rng(seed), { crashRate: 0, badLineRate: 0 });
      const rng = new Rng(seed * 7919);
      const pred = seedsGold.flatMap((g) => (rng.chance(0.85) ? [gen.predFor(g)] : []));
      pred.push(...seedsGold.slice(0, 5).map((g) => gen.spurious(String(g.get("doc")), [g])));
      const file = path.join(dir, `seeds-pred-${seed}.jsonl`);
      fs.writeFileSync(file, gen.fileText(rng.shuffle(pred)));
      seedsPreds.push(file);
    }
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RANDOM_CASES; seed++) {
      const gen = new CaseGenerator(new Rng(seed), { crashRate: 0.005, badLineRate: 0.02 });
      const { gold, pred } = gen.records();
      const goldFile = path.join(dir, `gold-${seed}.jsonl`);
      const predFile = path.join(dir, `pred-${seed}.jsonl`);
      fs.writeFileSync(goldFile, gen.fileText(gold));
      fs.writeFileSync(predFile, gen.fileText(pred));
      randomCases.push({ seed, gold: goldFile, pred: predFile });
    }
    const pairs = [
      [SEEDS_GOLD, SEEDS_GOLD],
      ...seedsPreds.map((p) => [SEEDS_GOLD, p]),
      ...randomCases.map((c) => [c.gold, c.pred]),
    ];
    runs = pairs.flatMap((pair) => MODES.map((flags) => [...pair, ...flags]));
    answers = askPython({ runs }).runs;
  });

  it("python3 score.py and eval write the same bytes on the seeds gold", async () => {
    const runs: Array<[string, string[]]> = [
      [SEEDS_GOLD, ["--errors"]],
      [seedsPreds[0], []],
      [seedsPreds[1], ["--json"]],
    ];
    for (const [pred, flags] of runs) {
      const py = spawnSync("python3", [SCORE_PY, SEEDS_GOLD, pred, ...flags]);
      expect(py.status).toBe(0);
      const ts = await runCli(["-", SEEDS_GOLD, "--pred", pred, ...flags]);
      expect(ts.exitCode).toBe(0);
      if (flags.includes("--errors")) {
        // The same lines; score.py orders the documents differently on every run.
        expect(canonicalErrors(ts.stdout).text).toBe(canonicalErrors(py.stdout.toString("utf8")).text);
        expect(Buffer.byteLength(ts.stdout)).toBe(py.stdout.length);
      } else {
        expect(Buffer.from(ts.stdout, "utf8").equals(py.stdout)).toBe(true);
      }
    }
  });

  it(`on the seeds gold against itself and against ${SEEDS_PRED_FILES} generated prediction files`, async () => {
    const tally = newTally();
    const failures: string[] = [];
    for (let k = 0; k < 3 * (1 + seedsPreds.length); k++) {
      const [gold, pred, ...flags] = runs[k];
      const ts = await runCli(["-", gold, "--pred", pred, ...flags]);
      const diff = compare(answers[k], ts, flags, tally);
      if (diff) failures.push(`${path.basename(pred)} ${flags.join(" ")}: ${diff}`);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(tally.notJson + tally.crashed).toBe(0);
    expect(tally.withHits).toBe(2 * seedsPreds.length);
  });

  it(`on ${RANDOM_CASES} seeded random gold/prediction pairs`, async () => {
    const tally = newTally();
    const failures: string[] = [];
    const offset = 3 * (1 + seedsPreds.length);
    for (let k = offset; k < runs.length; k++) {
      const [gold, pred, ...flags] = runs[k];
      const ts = await runCli(["-", gold, "--pred", pred, ...flags]);
      const diff = compare(answers[k], ts, flags, tally);
      const seed = randomCases[Math.floor((k - offset) / MODES.length)].seed;
      if (diff) failures.push(`seed ${seed} ${flags.join(" ")}: ${diff}`);
    }
    console.log(`eval vs score.py on ${RANDOM_CASES} random cases × ${MODES.length} modes:`, tally, `${failures.length} differ`);
    expect(failures.slice(0, 3)).toEqual([]);
    // The generator must reach the interesting paths, or the comparison proves little.
    expect(tally.withHits).toBeGreaterThan(RANDOM_CASES);
    expect(tally.notJson).toBeGreaterThan(5);
    expect(tally.crashed).toBeGreaterThan(5);
    expect(tally.sameBlocks).toBeGreaterThan(5);
  });
});
