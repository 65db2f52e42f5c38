/**
 * The commands that read the store: export, stats, search. Each opens the
 * store read-only; errors reach the caller as one-line messages.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Command, Option } from "commander";
import {
  DEFAULT_STORE_PATH,
  exportColumns,
  exportLines,
  formatSearchHits,
  formatStats,
  openStore,
  searchSentences,
  storeStats,
  type ExportFormat,
  type ExportView,
  type IndicatorStore,
} from "../store/index.js";
import { collect, positiveInteger } from "./options.js";

function withStore<T>(db: string, fn: (store: IndicatorStore) => T): T {
  const store = openStore(db, { readonly: true });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Writes lines to `out` (a file, replaced only once complete) or to standard output. */
async function writeLines(lines: Iterable<string>, out: string | undefined): Promise<void> {
  if (out === undefined) {
    try {
      await pipeline(Readable.from(lines, { objectMode: false }), process.stdout as Writable, { end: false });
    } catch (err) {
      // A reader that stops early (| head) is not a failure.
      if ((err as NodeJS.ErrnoException).code !== "EPIPE") throw err;
    }
    return;
  }
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
  try {
    await pipeline(Readable.from(lines, { objectMode: false }), fs.createWriteStream(partial));
    fs.renameSync(partial, out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Names separated by commas, in indented lines of at most 80 characters. */
function wrapList(names: string[]): string {
  const lines = [""];
  for (const name of names) {
    const last = lines.length - 1;
    if (lines[last] && `  ${lines[last]}, ${name},`.length > 80) lines.push("");
    lines[lines.length - 1] += (lines[lines.length - 1] ? ", " : "") + name;
  }
  return lines.map((line, i) => `  ${line}${i < lines.length - 1 ? "," : ""}`).join("\n");
}

const FILTER_HELP = `
Filters (--where, repeatable): FIELD OP VALUE, OP one of = != < <= > >= ~
  ~ means "contains", ignoring case and tone-mark placement. Filters on different
  fields must all hold; several = filters on one field are alternatives. Numbers
  take a dot for decimals; dates are ISO (published_at>=2024-01-01); FIELD= alone
  matches an empty field. Quote each filter for the shell: --where 'indicator~hộ nghèo'.

Fields of --view mentions:
${wrapList(exportColumns("mentions"))}
Fields of --view observations:
${wrapList(exportColumns("observations"))}

Examples:
  chitieu export --format csv --where kind=target --where period=2025 --out targets.csv
  chitieu export --format jsonl --view observations --where conflict=true
  chitieu export --excel --accepted-only --out reviewed.csv`;

export function registerStoreCommands(program: Command): void {
  program
    .command("export")
    .description("Write the mentions or the observations of the store as CSV or JSON Lines.")
    .option("--db <file>", "SQLite store to read", DEFAULT_STORE_PATH)
    .addOption(new Option("--format <format>", "output format").choices(["csv", "jsonl"]).default("csv"))
    .addOption(new Option("--view <view>", "one row per mention, or per observation").choices(["mentions", "observations"]).default("mentions"))
    .addOption(new Option("--where <filter>", "keep rows matching FIELD OP VALUE (repeatable; see below)").argParser(collect).default([], "none"))
    .option("--accepted-only", "only records a reviewer accepted or corrected")
    .option("--excel", "CSV with the byte-order mark Excel needs to show Vietnamese")
    .option("--out <file>", "write to this file instead of standard output")
    .addHelpText("after", FILTER_HELP)
    .action(async function (
      this: Command,
      opts: { db: string; format: ExportFormat; view: ExportView; where: string[]; acceptedOnly?: boolean; excel?: boolean; out?: string },
    ) {
      if (opts.excel && opts.format !== "csv") this.error("error: --excel applies to --format csv only");
      const store = openStore(opts.db, { readonly: true });
      try {
        const lines = exportLines(store, {
          view: opts.view,
          format: opts.format,
          where: opts.where,
          acceptedOnly: Boolean(opts.acceptedOnly),
          excel: Boolean(opts.excel),
        });
        await writeLines(lines, opts.out);
      } finally {
        store.close();
      }
    });

  program
    .command("stats")
    .description("Summarise the store: documents, mentions by kind, top indicators, ingest errors, last runs.")
    .option("--db <file>", "SQLite store to read", DEFAULT_STORE_PATH)
    .option("--top <n>", "how many indicators, errors and runs to list", positiveInteger, 10)
    .option("--json", "print the summary as JSON")
    .action((opts: { db: string; top: number; json?: boolean }) => {
      const stats = withStore(opts.db, (store) => storeStats(store, { top: opts.top, errors: opts.top, runs: opts.top }));
      process.stdout.write(opts.json ? JSON.stringify(stats, null, 2) + "\n" : formatStats(stats));
    });

  program
    .command("search")
    .description('Full-text search over the stored sentences, ignoring case and diacritics ("ho ngheo" finds "hộ nghèo"), showing their records.')
    .argument("<text...>", "words to find, in order; several arguments must all appear")
    .option("--db <file>", "SQLite store to read", DEFAULT_STORE_PATH)
    .option("--limit <n>", "most sentences to show", positiveInteger, 20)
    .option("--json", "print the sentences and records as JSON Lines")
    .action((texts: string[], opts: { db: string; limit: number; json?: boolean }) => {
      const hits = withStore(opts.db, (store) => searchSentences(store, texts, { limit: opts.limit }));
      process.stdout.write(opts.json ? hits.map((h) => JSON.stringify(h) + "\n").join("") : formatSearchHits(hits));
    });
}
