#!/usr/bin/env node
/**
 * `npm run bench [-- --docs N --mix text|html|pdf|all]` runs one benchmark
 * (harness.ts); `npm run bench -- profile FILE.cpuprofile` summarises a
 * CPU profile of chitieu.
 */
import path from "node:path";
import { Command, Option } from "commander";
import { PACKAGE_ROOT } from "../paths.js";
import { MIXES, type Mix } from "./corpus.js";
import { runBench } from "./harness.js";
import { formatProfile, summariseProfile } from "./profile.js";
import { ruleNamer, ruleSources } from "./rule-names.js";
import { collect, positiveInteger } from "../cli/options.js";

function buildProgram(): Command {
  const program = new Command("bench").description("Benchmark chitieu extract on a synthetic corpus against a parse-only floor.").showHelpAfterError();
  program
    .command("run", { isDefault: true })
    .description("generate a corpus, time the floor, chitieu extract and a re-run; record the results")
    .option("--docs <n>", "documents in the corpus", positiveInteger, 1000)
    .addOption(new Option("--mix <mix>", "formats of the corpus (all: 60% text, 30% HTML, 10% PDF)").choices(MIXES).default("text"))
    .option("--seed <n>", "seed of the corpus", positiveInteger, 1)
    .option("--templates <dir>", "template documents: text/, html/ and pdf/ inside", path.join(PACKAGE_ROOT, "corpus"))
    .option("--cli <file>", "the chitieu CLI to measure", path.join(PACKAGE_ROOT, "dist", "cli", "main.js"))
    .option("--work <dir>", "where to make the folder for the corpus and the store (default: the system temporary folder)")
    .option("--keep", "keep the corpus and the store")
    .option("--profile <dir>", "write a CPU profile of the first run here and summarise it")
    .option("--report <file>", "Markdown report to record the results in", path.join(PACKAGE_ROOT, "BENCHMARKS.md"))
    .option("--no-report", "record nothing")
    .option("--label <text>", "name of the version measured (default: its git commit)")
    .option("--extract-arg <arg>", "pass an argument to chitieu extract (repeatable)", collect, [])
    .action(async (opts: { docs: number; mix: Mix; seed: number; templates: string; cli: string; work?: string; keep?: boolean; profile?: string; report: string | false; label?: string; extractArg: string[] }) => {
      await runBench({
        docs: opts.docs,
        mix: opts.mix,
        seed: opts.seed,
        templates: opts.templates,
        cli: path.resolve(opts.cli),
        work: opts.work,
        keep: Boolean(opts.keep),
        profile: opts.profile,
        report: opts.report === false ? null : opts.report,
        label: opts.label,
        extractArgs: opts.extractArg,
        log: (line) => console.log(line),
      });
    });
  program
    .command("profile")
    .description("summarise .cpuprofile files of chitieu: time per stage, top functions, regexes named by their rule")
    .argument("<files...>", ".cpuprofile files written by node --cpu-prof (one per thread)")
    .option("--root <dir>", "the chitieu package whose dist/ ran", PACKAGE_ROOT)
    .option("--top <n>", "functions to list", positiveInteger, 25)
    .action((files: string[], opts: { root: string; top: number }) => {
      const nameRegex = ruleNamer(ruleSources());
      const summaries = files.map((file) => formatProfile(summariseProfile(file, path.resolve(opts.root), nameRegex), opts.top));
      console.log(files.length === 1 ? summaries[0] : files.map((file, i) => `## ${file}\n\n${summaries[i]}`).join("\n\n"));
    });
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 1;
}
