#!/usr/bin/env node
/**
 * The chitieu command line: a thin layer over the library. Exit status:
 * 0 done, 1 done but some inputs failed, 2 could not run (usage, rules, store).
 */
import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { PACKAGE_ROOT } from "../paths.js";
import { EXTRACT_BATCH_SIZE, runExtraction, runReextraction, type DocumentEvent, type RunSummary } from "../pipeline/run.js";
import { registerEvalCommand } from "./eval.js";
import { registerStoreCommands } from "./store-commands.js";
import { registerReviewCommand } from "./review.js";
import { registerCrawlCommand } from "./crawl.js";
import { createProgress } from "./progress.js";
import { DEFAULT_STORE_PATH as DEFAULT_DB } from "../store/index.js";
import { collect, positiveInteger, size, wholeNumber } from "./options.js";

const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };

function describeRun(summary: RunSummary, db: string): string {
  const kinds = ["target", "actual", "attainment", "comparison"].map((k) => `${summary.byKind[k] ?? 0} ${k}`).join(", ");
  const docs = `${summary.documents} document${summary.documents === 1 ? "" : "s"} extracted, ${summary.unchanged} unchanged, ${summary.failed} failed`;
  const kept = summary.kept > 0 ? `, ${summary.kept} kept from unchanged documents` : "";
  const workers = summary.workers > 0 ? `, ${summary.workers} worker thread${summary.workers === 1 ? "" : "s"}` : "";
  return `${docs}; ${summary.mentions} mentions (${kinds})${kept} → ${db} in ${summary.seconds.toFixed(1)} s (rules ${summary.rulesVersion}${workers})`;
}

export function buildProgram(): Command {
  const program = new Command("chitieu")
    .description("Extract numeric targets and outcomes from Vietnamese articles and notices into a SQLite indicator store.")
    .version(version)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("extract")
    .description("Ingest files and folders, extract indicator mentions, and store them.")
    .argument("<paths...>", 'files, folders (searched recursively), or "-" to read paths from standard input')
    .option("--db <file>", "SQLite store to write", DEFAULT_DB)
    .option("--jsonl <file>", "also write every mention as JSON Lines")
    .option("--include <glob>", "only files matching this glob (repeatable)", collect, [])
    .option("--exclude <glob>", "skip files matching this glob (repeatable)", collect, [])
    .option("--concurrency <n>", "documents being prepared at once (default: 4, or 2 per worker thread)", positiveInteger)
    .option("--batch-size <n>", "documents committed in one transaction; a crash loses at most one batch, which the next run redoes", positiveInteger, EXTRACT_BATCH_SIZE)
    .option("--workers <n>", "worker threads extracting documents; 0 extracts on the main thread (default: one per core, none for fewer than 25 documents)", wholeNumber)
    .option("--max-size <bytes>", 'largest input accepted, e.g. "50MB"', size, 50 * 1024 * 1024)
    .option("--quiet", "print only errors and the summary")
    .action(async (paths: string[], opts: { db: string; jsonl?: string; include: string[]; exclude: string[]; concurrency?: number; batchSize: number; workers?: number; maxSize: number; quiet?: boolean }) => {
      const progress = createProgress({ quiet: Boolean(opts.quiet) });
      const summary = await runExtraction({
        paths,
        db: opts.db,
        jsonl: opts.jsonl,
        include: opts.include,
        exclude: opts.exclude,
        concurrency: opts.concurrency,
        workers: opts.workers,
        batchSize: opts.batchSize,
        maxBytes: opts.maxSize,
        stdin: process.stdin,
        argv: process.argv.slice(3),
        onDocument: (event: DocumentEvent) => progress.document(event),
        onTotal: (total) => progress.setTotal(total),
      });
      progress.done();
      console.log(describeRun(summary, opts.db));
      if (summary.failed > 0) process.exitCode = 1;
    });

  program
    .command("reextract")
    .description("Run the current rules over the text kept in the store, without the source files.")
    .option("--db <file>", "SQLite store to re-extract", DEFAULT_DB)
    .option("--quiet", "print only errors and the summary")
    .action(async (opts: { db: string; quiet?: boolean }) => {
      if (!fs.existsSync(opts.db)) throw new Error(`${opts.db}: no such store`);
      const progress = createProgress({ quiet: Boolean(opts.quiet) });
      const summary = await runReextraction({ db: opts.db, argv: process.argv.slice(3), onDocument: (event) => progress.document(event) });
      progress.done();
      console.log(describeRun(summary, opts.db));
      if (summary.failed > 0) process.exitCode = 1;
    });

  registerEvalCommand(program, async (paths) => {
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-eval-"));
    try {
      const jsonl = path.join(dir, "pred.jsonl");
      await runExtraction({ paths, db: path.join(dir, "eval.sqlite"), jsonl });
      return fs.readFileSync(jsonl, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  registerStoreCommands(program);
  registerReviewCommand(program);
  registerCrawlCommand(program);
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    console.error(`chitieu: ${(err as Error).message}`);
    process.exitCode = 2;
  }
}

await main();
