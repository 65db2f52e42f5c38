/**
 * One benchmark: generate a synthetic corpus, time the floor (read + parse,
 * no extraction, no store), an extract on no input (start-up), and `chitieu
 * extract` (the built CLI, as a child: peak RSS and CPU time are its own)
 * into a fresh store, then a second run on the unchanged inputs; print the
 * figures and record them in BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { generateCorpus, type CorpusInfo, type Mix } from "./corpus.js";
import { measureNode, type Measured } from "./measure.js";
import { formatProfile, summariseProfile } from "./profile.js";
import { recordResult, type BenchRow } from "./report.js";
import { ruleNamer, ruleSources } from "./rule-names.js";

const FLOOR_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "floor.js");

export interface BenchOptions {
  docs: number;
  mix: Mix;
  seed: number;
  /** Folder of template documents (text/, html/, pdf/). */
  templates: string;
  /** The chitieu CLI to measure (its dist/cli/main.js). */
  cli: string;
  /** Where the folder for the corpus and the store is made (default: the system's temporary folder). */
  work?: string;
  keep: boolean;
  /** Write a CPU profile of the first run into this folder. */
  profile?: string;
  /** BENCHMARKS.md to record the row in; none when null. */
  report: string | null;
  label?: string;
  /** More arguments for `chitieu extract` (--concurrency 8...). */
  extractArgs: string[];
  log: (line: string) => void;
}

export interface BenchResult {
  corpus: CorpusInfo;
  floor: Measured;
  first: Measured;
  rerun: Measured;
  startup: Measured;
  documents: number;
  mentions: number;
  unchangedOnRerun: number;
  row: BenchRow;
  profileSummary?: string;
}

/** The commit of the chitieu measured, "+wip" when its src/ or rules/ differ from it; "" outside git. */
function versionOf(cli: string): string {
  const root = path.resolve(path.dirname(cli), "..", "..");
  try {
    const commit = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    // --no-optional-locks: a status must not refresh the index of a checkout others are working in.
    const changes = execFileSync("git", ["--no-optional-locks", "-C", root, "status", "--porcelain", "--", "src", "rules"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return changes ? `${commit}+wip` : commit;
  } catch {
    return "";
  }
}

function storeCounts(db: string): { documents: number; mentions: number; lastRunUnchanged: number } {
  const store = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => store.prepare(sql).pluck().get() as number;
    return {
      documents: count("SELECT COUNT(*) FROM documents"),
      mentions: count("SELECT COUNT(*) FROM mentions"),
      lastRunUnchanged: count("SELECT unchanged FROM runs ORDER BY id DESC LIMIT 1"),
    };
  } finally {
    store.close();
  }
}

function checked(what: string, m: Measured): Measured {
  if (m.exitCode !== 0) throw new Error(`${what} exited with status ${m.exitCode}\n${m.stderr.trim() || m.stdout.trim()}`);
  return m;
}

function seconds(m: Measured): string {
  return `${m.wallSeconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU, peak RSS ${m.peakRssMiB.toFixed(0)} MiB`;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log;
  const parent = options.work ? path.resolve(options.work) : os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const work = fs.mkdtempSync(path.join(parent, "chitieu-bench-"));
  const corpusDir = path.join(work, "corpus");
  const emptyDir = path.join(work, "empty");
  const db = path.join(work, "store.sqlite");
  try {
    const generated = Date.now();
    const corpus = generateCorpus({ templates: options.templates, target: corpusDir, docs: options.docs, mix: options.mix, seed: options.seed });
    const formats = Object.entries(corpus.byFormat).filter(([, c]) => c.docs).map(([f, c]) => `${f} ${c.docs}`).join(", ");
    log(`corpus   ${corpus.docs} documents (${formats}), ${(corpus.bytes / 1e6).toFixed(1)} MB, seed ${options.seed}, digest ${corpus.digest.slice(0, 12)}, made in ${((Date.now() - generated) / 1000).toFixed(1)} s → ${corpusDir}`);

    const loadBefore = os.loadavg()[0];
    const floor = checked("the floor", await measureNode(FLOOR_SCRIPT, [corpusDir]));
    log(`floor    ${seconds(floor)}`);

    fs.mkdirSync(emptyDir);
    const startup = checked("chitieu extract (no input)", await measureNode(options.cli, ["extract", emptyDir, "--db", path.join(work, "startup.sqlite"), "--quiet"]));
    log(`startup  ${seconds(startup)} (extract on an empty folder)`);

    const extractArgs = ["extract", corpusDir, "--db", db, "--quiet", ...options.extractArgs];
    const profileFlags = options.profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(options.profile)] : [];
    const profilesBefore = options.profile && fs.existsSync(options.profile) ? new Set(fs.readdirSync(options.profile)) : new Set<string>();
    const first = checked("chitieu extract", await measureNode(options.cli, extractArgs, { nodeFlags: profileFlags }));
    const counts = storeCounts(db);
    const rerun = checked("chitieu extract (re-run)", await measureNode(options.cli, extractArgs));
    const unchangedOnRerun = storeCounts(db).lastRunUnchanged;
    const loadAfter = os.loadavg()[0];

    const mb = corpus.bytes / 1e6;
    log(`chitieu  ${seconds(first)}`);
    log(`         ${(corpus.docs / first.wallSeconds).toFixed(0)} documents/s (${(corpus.docs / first.cpuSeconds).toFixed(0)} per CPU second), ${(mb / first.wallSeconds).toFixed(2)} MB/s, ${(counts.mentions / first.wallSeconds).toFixed(0)} mentions/s (${counts.documents} documents, ${counts.mentions} mentions stored)`);
    log(`         ${(first.wallSeconds / floor.wallSeconds).toFixed(1)}× the floor's wall time, ${(first.cpuSeconds / floor.cpuSeconds).toFixed(1)}× its CPU time`);
    log(`re-run   ${seconds(rerun)}: ${(first.wallSeconds / rerun.wallSeconds).toFixed(1)}× faster (${unchangedOnRerun} unchanged)`);
    log(`load     ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} (1-minute load average, ${os.cpus().length} cores)`);
    if (counts.documents !== corpus.docs) log(`warning  ${corpus.docs - counts.documents} documents were not stored: ${first.stdout.trim()}`);

    const row: BenchRow = {
      when: new Date().toISOString().slice(0, 16).replace("T", " "),
      version: options.label ?? versionOf(options.cli),
      mix: options.mix,
      docs: corpus.docs,
      seed: options.seed,
      megabytes: mb,
      load: [loadBefore, loadAfter],
      seconds: first.wallSeconds,
      cpuSeconds: first.cpuSeconds,
      docsPerSecond: corpus.docs / first.wallSeconds,
      megabytesPerSecond: mb / first.wallSeconds,
      mentionsPerSecond: counts.mentions / first.wallSeconds,
      peakRssMiB: first.peakRssMiB,
      floorSeconds: floor.wallSeconds,
      floorCpuSeconds: floor.cpuSeconds,
      rerunSeconds: rerun.wallSeconds,
      startupSeconds: startup.wallSeconds,
    };
    if (options.report) {
      recordResult(options.report, row);
      log(`recorded in ${options.report}`);
    }

    let profileSummary: string | undefined;
    if (options.profile) {
      // One profile per thread, named CPU.<date>.<time>.<pid>.<thread id>.<sequence>: the main thread's (id 0) first.
      const threadOf = (name: string) => Number(/\.(\d+)\.\d+\.cpuprofile$/.exec(name)?.[1] ?? 0);
      const made = fs.readdirSync(options.profile).filter((f) => f.endsWith(".cpuprofile") && !profilesBefore.has(f)).sort((a, b) => threadOf(a) - threadOf(b));
      if (made.length === 0) throw new Error(`${options.profile}: no new .cpuprofile was written`);
      const nameRegex = ruleNamer(ruleSources());
      const summaries = made.map((name, i) => {
        const file = path.join(options.profile!, name);
        const summary = formatProfile(summariseProfile(file, path.resolve(path.dirname(options.cli), "..", ".."), nameRegex));
        const summaryFile = file.replace(/\.cpuprofile$/, ".md");
        fs.writeFileSync(summaryFile, summary + "\n");
        const thread = i === 0 ? "main thread" : `worker ${i}`;
        log(`profile  ${thread}: ${file} (summary: ${summaryFile})\n\n${summary}`);
        return `${thread}\n\n${summary}`;
      });
      profileSummary = summaries.join("\n\n");
    }
    return { corpus, floor, first, rerun, startup, documents: counts.documents, mentions: counts.mentions, unchangedOnRerun, row, profileSummary };
  } finally {
    if (options.keep) log(`kept     ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}
