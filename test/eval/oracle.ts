/** Runs the vendored score.py through oracle.py, and the TS eval command in-process, for side-by-side comparison. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { GenRecord, Raw } from "./generate.js";
import { registerEvalCommand, type ExtractRecords } from "../../src/cli/eval.js";
import { parsePyJson, PyJsonError } from "../../src/eval/pyjson.js";
import { floatRepr, formatFixed, PyException, pyEq, pyRepr, pyStr, strRepr, type PyDict, type PyValue } from "../../src/eval/pyvalue.js";
import {
  docKey,
  isPercent,
  multiplier,
  normPeriod,
  normText,
  num,
  prf,
  RecordError,
  samePeriod,
  sameValue,
  strictMatch,
  syllables,
  valueMatch,
} from "../../src/eval/score.js";

export const FIXTURES = path.join(PACKAGE_ROOT, "test", "fixtures", "eval");
export const SCORE_PY = path.join(FIXTURES, "score.py");

export interface PyRun {
  stdout: string;
  /** sys.exit's message (score.py's "FILE:LINE: not JSON: …"). */
  exit?: string;
  /** The type of the exception score.py stopped with. */
  crash?: string;
}
export interface PyCall {
  repr?: string;
  error?: string;
  crash?: string;
}
export interface OracleRequest {
  runs?: string[][];
  calls?: Array<{ fn: string; args: string }>;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-eval-test-"));
}

/** One python3 process for the whole batch. */
export function askPython(request: OracleRequest): { runs: PyRun[]; calls: PyCall[] } {
  const file = path.join(tempDir(), "request.json");
  fs.writeFileSync(file, JSON.stringify(request));
  const proc = spawnSync("python3", [path.join(FIXTURES, "oracle.py"), file], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (proc.error || proc.status !== 0) {
    throw new Error(`python3 oracle.py failed (the eval tests need python3): ${proc.error?.message ?? proc.stderr}`);
  }
  return JSON.parse(proc.stdout);
}

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The error message, where the command failed. */
  message?: string;
}

const noExtraction: ExtractRecords = async () => {
  throw new Error("extraction is not expected with --pred");
};

/** `chitieu eval ARGS...` in-process. */
export async function runCli(args: string[], extract: ExtractRecords = noExtraction): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const program = new Command("chitieu").exitOverride();
  program.configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerEvalCommand(program, extract);
  try {
    await program.parseAsync(["eval", ...args], { from: "user" });
    return { stdout, stderr, exitCode: 0 };
  } catch (err) {
    if (err instanceof CommanderError) return { stdout, stderr, exitCode: err.exitCode, message: err.message };
    throw err;
  }
}

/**
 * score.py lists the --errors lines of one document together, but documents
 * in the order of a Python set of str, which changes from run to run. This
 * puts the MISSED and SPURIOUS entries in document order (stable within a
 * document), and reports whether each document's entries were contiguous.
 */
export function canonicalErrors(output: string): { text: string; contiguous: boolean } {
  const entries = output.split(/(?<=\n)(?=MISSED {3}|SPURIOUS |\s{9}kind )/);
  const table = entries.pop() ?? "";
  let contiguous = true;
  const sections = ["MISSED", "SPURIOUS"].map((label) => {
    const mine = entries.filter((e) => e.startsWith(label));
    const docs = mine.map((e) => e.slice(9).split(" ")[0]);
    const runs = docs.filter((d, i) => i === 0 || d !== docs[i - 1]);
    if (new Set(runs).size !== runs.length) contiguous = false;
    const order = [...new Set(docs)].sort();
    return mine
      .map((e, i) => ({ e, doc: docs[i], i }))
      .sort((a, b) => order.indexOf(a.doc) - order.indexOf(b.doc) || a.i - b.i)
      .map((x) => x.e)
      .join("");
  });
  return { text: sections.join("") + table, contiguous };
}

function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function asFloat(v: PyValue): number | null {
  if (v === null) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  throw new Error(`test input is not a number: ${pyRepr(v)}`);
}

function asDict(v: PyValue): PyDict {
  if (!(v instanceof Map)) throw new Error(`test input is not a dict: ${pyRepr(v)}`);
  return v;
}

/** repr() of what the TS port returns for oracle.py's FUNCTIONS[fn](*args). */
function reprOf(fn: string, args: PyValue[]): string {
  const [a, b, c, d] = args;
  switch (fn) {
    case "norm_text":
      return strRepr(normText(a));
    case "syllables":
      return pyRepr([...syllables(a)].sort(byCodePoint));
    case "multiplier":
      return floatRepr(multiplier(a));
    case "is_percent":
      return pyRepr(isPercent(a));
    case "num":
      return pyRepr(num(a));
    case "same_value":
      return pyRepr(sameValue(asFloat(a), b, asFloat(c), d));
    case "norm_period":
      return strRepr(normPeriod(a));
    case "same_period":
      return pyRepr(samePeriod(a, b));
    case "doc_key":
      return strRepr(docKey(a));
    case "value_match":
      return pyRepr(valueMatch(asDict(a), asDict(b)));
    case "strict_match":
      return pyRepr(strictMatch(asDict(a), asDict(b)));
    case "prf":
      return `(${prf(Number(a), Number(b), Number(c)).map(floatRepr).join(", ")})`;
    case "loads":
      return pyRepr(parsePyJson(a as string));
    case "str":
      return strRepr(pyStr(a));
    case "eq":
      return pyRepr(pyEq(a, b));
    case "fixed3":
      return strRepr(formatFixed(asFloat(a) as number, 3));
  }
  throw new Error(`no such function: ${fn}`);
}

/** The TS port's answer to one of oracle.py's calls. */
export function tsCall(fn: string, args: string): PyCall {
  try {
    return { repr: reprOf(fn, parsePyJson(args) as PyValue[]) };
  } catch (err) {
    if (err instanceof PyJsonError) return { error: err.message };
    if (err instanceof PyException || err instanceof RecordError) return { crash: err.name };
    throw err;
  }
}

export type Call = { fn: string; args: string };

/** Test values: a JS number is a Python float, a bigint an int, a plain object a dict. */
export type Arg = null | boolean | number | bigint | string | Raw | GenRecord | Arg[] | { [key: string]: Arg };

export function pyJson(v: Arg): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof GenRecord) return `{${v.pairs.map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x as Arg)}`).join(", ")}}`;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (Object.is(v, -0)) return "-0.0";
    if (!Number.isInteger(v)) return JSON.stringify(v);
    return Math.abs(v) < 1e16 ? `${v}.0` : v.toExponential();
  }
  if (Array.isArray(v)) return `[${v.map(pyJson).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

export function calls(fn: string, argLists: Arg[][]): Array<{ fn: string; args: string }> {
  return argLists.map((args) => ({ fn, args: pyJson(args) }));
}


function differences(calls: Call[], answers: PyCall[]): string[] {
  return calls.flatMap((call, i) => {
    const py = answers[i];
    const ts = tsCall(call.fn, call.args);
    const same = py.crash !== undefined ? ts.crash !== undefined : py.repr === ts.repr && py.error === ts.error;
    return same ? [] : [`${call.fn}(${call.args}): score.py ${JSON.stringify(py)}, port ${JSON.stringify(ts)}`];
  });
}

/** Named groups of calls, answered by Python in one process; then each group's calls whose answers differ (crash types aside). */
export class CallBatch {
  private readonly groups = new Map<string, Call[]>();
  private answers = new Map<string, PyCall[]>();

  add(name: string, calls: Call[]): void {
    this.groups.set(name, calls);
  }

  run(): void {
    const all = [...this.groups.values()].flat();
    const answers = askPython({ calls: all }).calls;
    let at = 0;
    for (const [name, calls] of this.groups) {
      this.answers.set(name, answers.slice(at, at + calls.length));
      at += calls.length;
    }
  }

  differing(name: string): string[] {
    const calls = this.groups.get(name) ?? [];
    if (calls.length === 0) throw new Error(`no calls named ${name}`);
    return differences(calls, this.answers.get(name) ?? []);
  }

  size(name: string): number {
    return this.groups.get(name)?.length ?? 0;
  }
}
