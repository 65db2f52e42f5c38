/**
 * `chitieu crawl`: the nightly job. Exit status: 0 every page was dealt with;
 * 1 done, but some pages failed (or the crawl was stopped: the next run
 * resumes it); 2 could not run; 3 another crawl holds the store's lock.
 */
import { Command } from "commander";
import type { CrawlSummary } from "../crawl/crawler.js";
import type { SettingsOverrides, SiteOverrides, Sources } from "../crawl/sources.js";
import { DEFAULT_STORE_PATH } from "../store/index.js";
import { createProgress } from "./progress.js";
import { duration, positiveInteger, size, wholeNumber } from "./options.js";

/** Exit status when another crawl of the same store is running. */
export const EXIT_LOCKED = 3;

interface CrawlFlags {
  sources?: string;
  db: string;
  replay?: boolean;
  contact?: string;
  concurrency?: number;
  hostConcurrency?: number;
  delay?: number;
  timeout?: number;
  retries?: number;
  backoff?: number;
  maxPages?: number;
  maxDepth?: number;
  maxAge?: number;
  recheck?: number;
  maxSize?: number;
  boilerplateAfter?: number;
  json?: boolean;
  quiet?: boolean;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function overrides(flags: CrawlFlags): { settings: SettingsOverrides; site: SiteOverrides } {
  // Durations and sizes from the command line are already in milliseconds and bytes, as the file's are once read.
  const settings = defined({
    contact: flags.contact,
    concurrency: flags.concurrency,
    timeout: flags.timeout,
    retries: flags.retries,
    backoff: flags.backoff,
    maxSize: flags.maxSize,
    boilerplateAfter: flags.boilerplateAfter,
  });
  const limits = defined({ pages: flags.maxPages, depth: flags.maxDepth, maxAge: flags.maxAge });
  const site = defined({
    delay: flags.delay,
    concurrency: flags.hostConcurrency,
    recheck: flags.recheck,
    ...(Object.keys(limits).length ? { limits } : {}),
  });
  return { settings, site };
}

export function registerCrawlCommand(program: Command): void {
  program
    .command("crawl")
    .description("Find new articles on the sites you follow, fetch them politely, extract and store them; resumable, incremental.")
    .argument("[urls...]", "sites to crawl without a sources file: robots.txt, sitemaps, feeds and article links are found from each URL")
    .option("--sources <file>", "sources file (YAML or JSON): sites with their feeds, sitemaps, listings, URL patterns and limits")
    .option("--db <file>", "SQLite store to write", DEFAULT_STORE_PATH)
    .option("--replay", "extract again, from the responses kept in the store, the pages that could not be read (no network)")
    .option("--contact <address>", "an e-mail or URL where site owners can reach you, sent in the User-Agent")
    .option("--concurrency <n>", "requests in flight at once, over all hosts (default 8)", positiveInteger)
    .option("--host-concurrency <n>", "requests in flight at once to one host (default 1)", positiveInteger)
    .option("--delay <duration>", "between the starts of two requests to one host; a longer Crawl-delay wins (default 1s)", duration)
    .option("--timeout <duration>", "for one request, body included (default 30s)", duration)
    .option("--retries <n>", "further attempts after a timeout, a network error, a 5xx or a 429 (default 3)", wholeNumber)
    .option("--backoff <duration>", "first wait before a retry, doubling each time, with jitter (default 1s)", duration)
    .option("--max-pages <n>", "pages fetched per site and run (default 1000)", positiveInteger)
    .option("--max-depth <n>", "links followed away from start and listing pages to non-article pages", wholeNumber)
    .option("--max-age <duration>", "skip articles their feed or sitemap dates before this long ago", duration)
    .option("--recheck <duration>", "fetch a known article again (conditionally) when found and its copy is this old", duration)
    .option("--max-size <size>", 'largest response accepted (default "20MB")', size)
    .option("--boilerplate-after <n>", "a block on this many pages of a host is its boilerplate (default 5)", positiveInteger)
    .option("--json", "print the report as JSON")
    .option("--quiet", "print only failures and the report")
    .action(async (urls: string[], flags: CrawlFlags) => {
      const cli = overrides(flags);
      if (!flags.replay && !flags.sources && urls.length === 0) {
        throw new Error("crawl: give a --sources file or the URL of a site to crawl");
      }
      // The crawler (and cheerio with it) is loaded by this command only, not by every start of the CLI.
      const [{ CrawlLockedError, replayCrawl, runCrawl }, { formatReport }, { loadSources, urlSources }] = await Promise.all([
        import("../crawl/crawler.js"),
        import("../crawl/report.js"),
        import("../crawl/sources.js"),
      ]);
      let sources: Sources | undefined;
      if (flags.sources) sources = loadSources(flags.sources, { ...cli, urls });
      else if (urls.length) sources = urlSources(urls, cli);
      const progress = createProgress({ quiet: Boolean(flags.quiet) });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      let summary: CrawlSummary;
      try {
        const common = { db: flags.db, argv: process.argv.slice(3), onDocument: progress.document.bind(progress) };
        summary = flags.replay || !sources ? await replayCrawl({ ...common, sources }) : await runCrawl({ ...common, sources, signal: stop.signal });
      } catch (err) {
        if (!(err instanceof CrawlLockedError)) throw err;
        progress.done();
        console.error(`chitieu: ${err.message}`);
        process.exitCode = EXIT_LOCKED;
        return;
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      progress.done();
      console.log(flags.json ? JSON.stringify({ run: summary.runId, ...summary.report }) : formatReport(summary.report));
      if (summary.failed > 0 || !summary.report.complete) process.exitCode = 1;
    });
}
