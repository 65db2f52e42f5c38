/**
 * The crawl: from the sources to stored documents, politely and
 * incrementally, resumable at any point.
 *
 * Every URL lives in the store's frontier (crawl_urls). A run works through
 * one round: it queues the sources' feeds, sitemaps, listings and start
 * pages, and whatever they lead to; each host has its own queue (p-queue,
 * the site's concurrency) and gate (the delay), and all requests share a
 * global limit. A response is kept (bytes and headers) before it is handled,
 * so a run killed after a fetch handles it from the store instead of
 * fetching it again; a URL is marked done in the same transaction that
 * records the links found on it. Documents go through the same
 * ExtractionSession as `chitieu extract`.
 */
import crypto from "node:crypto";
import os from "node:os";
import PQueue from "p-queue";
import { blockFingerprint, decodeText, DEFAULT_MAX_BYTES } from "../ingest/index.js";
import { loadExtractionRules } from "../extract/index.js";
import { ExtractionSession, type DocumentEvent } from "../pipeline/session.js";
import { applyIndicatorMappings } from "../normalise/index.js";
import { openStore, type IndicatorStore } from "../store/index.js";
import { CrawlState, type Finished, type FrontierEntry, type LearntBlock, type UrlKind } from "../store/crawl-state.js";
import { DiscoveryError, parseFeed, parsePage, parseSitemap, xmlText, type PageLinks } from "./discover.js";
import { FetchFailure, fetchUrl, type FetchRequest, type HttpResponse } from "./fetcher.js";
import { backoffMs, HostGate, sleep, StoppedError } from "./politeness.js";
import { emptySiteReport, failures, tally, type CrawlReport, type SiteReport } from "./report.js";
import { ROBOTS_MAX_BYTES, robotsRules, robotsUrl, type RobotsRules } from "./robots.js";
import { defaultSettings, type CrawlSettings, type SiteConfig, type Sources } from "./sources.js";
import { canonicalUrl, hostOf, looksLikeArticle, siteHost, UrlPatterns } from "./urls.js";

export interface CrawlOptions {
  db: string;
  sources: Sources;
  /** The command line, recorded with the run. */
  argv?: string[];
  /** Stops the crawl: requests in flight are dropped, the round stays open for the next run. */
  signal?: AbortSignal;
  /** Told about every page that became a document, stayed one, or failed. */
  onDocument?: (event: DocumentEvent) => void;
  /** A lock whose holder has not shown a sign of life for this long is taken over (default 10 minutes). */
  lockStaleMs?: number;
}

export interface CrawlSummary {
  runId: number;
  report: CrawlReport;
  /** Pages that failed, over all sites. */
  failed: number;
}

/** Another crawl holds the store's crawl lock. */
export class CrawlLockedError extends Error {
  constructor(readonly db: string, readonly holder: { pid: number; hostname: string; startedAt: string }) {
    super(`${db}: another crawl is running (pid ${holder.pid} on ${holder.hostname}, since ${holder.startedAt})`);
    this.name = "CrawlLockedError";
  }
}

const HEARTBEAT_MS = 30_000;
const DEFAULT_LOCK_STALE_MS = 10 * 60_000;
/** Blocks shorter than this are too common to call boilerplate by their repetition alone. */
const MIN_BOILERPLATE_LENGTH = 20;

/** Discovery first (it finds the work), then listings, then articles. */
const PRIORITY: Record<UrlKind, number> = { sitemap: 3, feed: 3, listing: 2, page: 2, article: 1 };
const PAGE_KINDS = new Set<UrlKind>(["listing", "page", "article"]);

const ACCEPT: Record<UrlKind, string> = {
  feed: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
  sitemap: "application/xml, text/xml, application/gzip;q=0.9, */*;q=0.1",
  listing: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
  page: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
  article: "text/html, application/xhtml+xml, application/pdf;q=0.9, application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9, text/plain;q=0.8, */*;q=0.1",
};

const HTML_TYPES = new Set(["", "text/html", "application/xhtml+xml"]);
const DOCUMENT_TYPES = new Set([
  ...HTML_TYPES, "text/plain", "application/pdf", "application/x-pdf", "application/octet-stream",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
]);
const NOT_XML = /^(image|audio|video|font)\//;

function wants(kind: UrlKind): (mediaType: string) => boolean {
  if (kind === "feed" || kind === "sitemap") return (t) => !NOT_XML.test(t);
  if (kind === "article") return (t) => DOCUMENT_TYPES.has(t);
  return (t) => HTML_TYPES.has(t);
}

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Counts work in flight across queues; resolves `drained` when none is left. The first real error stops the rest. */
class Tasks {
  private count = 0;
  private waiters: Array<() => void> = [];
  fatal: unknown = null;

  constructor(private readonly onFatal: () => void) {}

  add(work: () => Promise<void>): void {
    this.count++;
    work()
      .catch((err: unknown) => {
        if (err instanceof StoppedError) return;
        this.fatal ??= err;
        this.onFatal();
      })
      .finally(() => {
        if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
      });
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

interface Host {
  queue: PQueue;
  gate: HostGate;
  robots: Map<string, Promise<RobotsRules>>;
}

class Site {
  readonly patterns: UrlPatterns;
  readonly hosts: Set<string>;
  readonly report: SiteReport = emptySiteReport();
  pagesFetched = 0;

  constructor(readonly config: SiteConfig) {
    this.patterns = new UrlPatterns(config.allow, config.deny);
    const urls = [...config.start, ...config.feeds, ...config.sitemaps, ...config.listings.map((u) => u.replace(/\{n\}/g, "1"))];
    this.hosts = new Set(urls.map(siteHost));
  }

  owns(url: string): boolean {
    return this.hosts.has(siteHost(url));
  }

  tooOld(dated: string | null | undefined): boolean {
    if (!dated || this.config.maxAgeMs === null) return false;
    return Date.parse(dated) < Date.now() - this.config.maxAgeMs;
  }
}

/** What a handled page leads to: links to queue, in one transaction with the page's own outcome. */
interface Found {
  url: string;
  kind: UrlKind;
  depth: number;
  pageNo?: number;
  dated?: string;
}

class Crawler {
  private readonly hosts = new Map<string, Host>();
  private readonly sites = new Map<string, Site>();
  private readonly global: PQueue;
  /** Documents are extracted one at a time: the work is CPU-bound and each is one transaction. */
  private readonly processing = new PQueue({ concurrency: 1 });
  private readonly tasks = new Tasks(() => this.stop.abort());
  private readonly scheduled = new Set<string>();
  private readonly boilerplateCache = new Map<string, { version: number; fingerprints: Set<string> }>();
  private readonly stop = new AbortController();

  constructor(
    private readonly state: CrawlState,
    private readonly session: ExtractionSession,
    private readonly settings: CrawlSettings,
    sites: readonly SiteConfig[],
    /** The round worked through; null for a replay, which leaves each URL in its round. */
    private readonly round: number | null,
    private readonly runId: number,
    private readonly notify: (event: DocumentEvent) => void,
    signal?: AbortSignal,
  ) {
    for (const config of sites) this.sites.set(config.name, new Site(config));
    this.global = new PQueue({ concurrency: settings.concurrency });
    if (signal) {
      if (signal.aborted) this.stop.abort();
      else signal.addEventListener("abort", () => this.stop.abort(), { once: true });
    }
  }

  get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  report(resumed: boolean, replay = false): CrawlReport {
    const sites: Record<string, SiteReport> = {};
    for (const [name, site] of this.sites) sites[name] = site.report;
    return { round: this.round ?? 0, resumed, complete: !this.stopped && this.tasks.fatal === null, ...(replay ? { replay } : {}), sites };
  }

  async crawl(): Promise<void> {
    this.state.transaction(() => {
      for (const site of this.sites.values()) this.seedSite(site);
    });
    for (const entry of this.state.pending([...this.sites.keys()])) this.schedule(entry);
    await this.finishWork();
    if (!this.stopped) await this.cleanBoilerplate();
    for (const [name, site] of this.sites) site.report.left = this.state.pending([name]).length;
  }

  /** Extracts again the kept responses of pages that could not be read, without the network. */
  async replay(): Promise<void> {
    for (const entry of this.state.unreadable()) {
      const site = this.siteOf(entry);
      const saved = this.state.response(entry.url);
      const body = this.state.responseBody(entry.url);
      if (!saved || !body) continue;
      await this.extract(entry, site, { ...saved, body }, undefined, true);
    }
    await this.cleanBoilerplate();
  }

  /** The site of an entry; a site no longer in the sources (a replay) gets the defaults. */
  private siteOf(entry: FrontierEntry): Site {
    let site = this.sites.get(entry.site);
    if (!site) {
      site = new Site({
        name: entry.site, start: [entry.url], feeds: [], sitemaps: [], listings: [], next: "", listingPages: 1, allow: [], deny: [],
        discover: false, pages: 0, depth: 0, maxAgeMs: null, recheckMs: null, delayMs: 0, concurrency: 1,
      });
      this.sites.set(entry.site, site);
    }
    return site;
  }

  private async finishWork(): Promise<void> {
    await this.tasks.drained();
    if (this.tasks.fatal) throw this.tasks.fatal;
  }

  private seedSite(site: Site): void {
    const { config } = site;
    const seeds: Array<[string, UrlKind, number]> = [
      ...config.sitemaps.map((u): [string, UrlKind, number] => [u, "sitemap", 1]),
      ...config.feeds.map((u): [string, UrlKind, number] => [u, "feed", 1]),
      ...config.listings.flatMap((u): Array<[string, UrlKind, number]> =>
        u.includes("{n}") ? Array.from({ length: config.listingPages }, (_, i) => [u.replace(/\{n\}/g, String(i + 1)), "listing", i + 1]) : [[u, "listing", 1]],
      ),
      ...config.start.map((u): [string, UrlKind, number] => [u, "page", 1]),
    ];
    for (const [url, kind, pageNo] of seeds) this.seed(site, url, kind, pageNo);
  }

  /** Queues a source URL for this round, unless this (resumed) round already has it: done, queued, or fetched and to be handled. */
  private seed(site: Site, href: string, kind: UrlKind, pageNo: number): void {
    const url = canonicalUrl(href);
    if (!url || this.round === null) return;
    const known = this.state.entry(url);
    if (!known) {
      this.state.insert({ url, site: site.config.name, host: hostOf(url), kind, depth: 0, pageNo, foundOn: null, dated: null, round: this.round });
    } else if (known.round !== this.round) {
      this.state.requeue(url, this.round, { kind, depth: 0, pageNo, site: site.config.name });
    }
  }

  private host(host: string, site: Site): Host {
    let h = this.hosts.get(host);
    if (!h) {
      h = { queue: new PQueue({ concurrency: site.config.concurrency }), gate: new HostGate(site.config.delayMs), robots: new Map() };
      this.hosts.set(host, h);
    }
    return h;
  }

  private schedule(entry: FrontierEntry): void {
    if (this.scheduled.has(entry.url) || this.stopped) return;
    this.scheduled.add(entry.url);
    const site = this.sites.get(entry.site);
    if (!site) return;
    if (entry.state === "fetched") {
      this.tasks.add(() => this.processing.add(() => this.handleKept(entry, site)));
      return;
    }
    const host = this.host(entry.host, site);
    this.tasks.add(() => host.queue.add(() => this.visit(entry, site), { priority: PRIORITY[entry.kind] }));
  }

  /** robots.txt of the URL's origin, fetched once per run. */
  private robots(url: string, site: Site): Promise<RobotsRules> {
    const host = this.host(hostOf(url), site);
    const origin = new URL(url).origin;
    let rules = host.robots.get(origin);
    if (!rules) {
      rules = this.loadRobots(robotsUrl(url), host, site);
      host.robots.set(origin, rules);
    }
    return rules;
  }

  private async loadRobots(url: string, host: Host, site: Site): Promise<RobotsRules> {
    let outcome: HttpResponse | FetchFailure;
    try {
      outcome = await this.fetch(site, { url, accept: "text/plain", wants: () => true }, ROBOTS_MAX_BYTES, () => Promise.resolve(null));
    } catch (err) {
      if (!(err instanceof FetchFailure)) throw err;
      outcome = err;
    }
    const rules = robotsRules(url, this.settings.userAgent, outcome);
    if (rules.crawlDelayMs !== undefined) host.gate.lengthen(rules.crawlDelayMs);
    if (site.config.discover && rules.sitemaps.length) {
      const found: FrontierEntry[] = [];
      this.state.transaction(() => {
        for (const sitemap of rules.sitemaps) {
          const entry = this.enqueue(site, { url: sitemap, kind: "sitemap", depth: 0 }, url);
          if (entry) found.push(entry);
        }
      });
      found.forEach((e) => this.schedule(e));
    }
    return rules;
  }

  /** One URL through the network, with retries for what may pass; every request waits its host's turn and a global slot. */
  private async fetch(site: Site, request: FetchRequest, maxBytes: number, refuseRedirect: (url: string) => Promise<string | null>): Promise<HttpResponse> {
    const settings = { ...this.settings, maxBytes };
    const signal = this.stop.signal;
    const hooks = {
      signal,
      beforeRequest: async (url: string) => {
        await this.host(hostOf(url), site).gate.turn(signal);
        site.report.requests++;
      },
      afterRequest: (url: string) => this.host(hostOf(url), site).gate.finished(),
      refuseRedirect,
    };
    for (let attempt = 1; ; attempt++) {
      await this.host(hostOf(request.url), site).gate.ready(signal);
      try {
        return await this.global.add(() => fetchUrl(request, settings, hooks));
      } catch (err) {
        if (!(err instanceof FetchFailure) || !err.retry || attempt > this.settings.retries) throw err;
        let wait = backoffMs(attempt, this.settings.backoffMs, this.settings.maxBackoffMs);
        if (err.retryAfterMs !== undefined) {
          if (err.retryAfterMs > this.settings.maxRetryAfterMs) {
            throw new FetchFailure(err.url, err.reason, `asked to wait ${Math.round(err.retryAfterMs / 1000)} s, more than ${Math.round(this.settings.maxRetryAfterMs / 1000)} s`, true);
          }
          wait = err.retryAfterMs;
          this.host(hostOf(err.url), site).gate.holdFor(wait);
        }
        await sleep(wait, signal);
      }
    }
  }

  /** A redirect is followed within the site and where robots.txt allows. */
  private refuseRedirect(site: Site): (url: string) => Promise<string | null> {
    return async (url) => {
      if (!site.owns(url)) return "redirect off site";
      const robots = await this.robots(url, site);
      return robots.allowed(url) ? null : "disallowed by robots.txt";
    };
  }

  private async visit(entry: FrontierEntry, site: Site): Promise<void> {
    if (this.stopped) return;
    if (PAGE_KINDS.has(entry.kind) && site.pagesFetched >= site.config.pages) return;
    const robots = await this.robots(entry.url, site);
    if (robots.unreachable) return this.fail(entry, site, "robots.txt unreachable", robots.unreachable, true);
    if (!robots.allowed(entry.url)) return this.skip(entry, site, "disallowed by robots.txt");
    if (entry.kind === "article" && site.tooOld(entry.dated)) return this.skip(entry, site, "older than max age");
    if (PAGE_KINDS.has(entry.kind)) site.pagesFetched++;
    const previous = this.state.response(entry.url);
    this.state.countFetch(entry.url);
    let response: HttpResponse;
    try {
      const request = { url: entry.url, accept: ACCEPT[entry.kind], etag: previous?.etag, lastModified: previous?.lastModified, wants: wants(entry.kind) };
      response = await this.fetch(site, request, this.settings.maxBytes, this.refuseRedirect(site));
    } catch (err) {
      if (!(err instanceof FetchFailure)) throw err;
      if (err.skip) return this.skip(entry, site, err.detail && err.reason === "not a document" ? `not a document (${err.detail})` : err.reason);
      return this.fail(entry, site, err.reason, err.detail, err.retry);
    }
    if (response.status === 304) {
      this.state.refreshValidators(entry.url, response.headers.etag ?? null, response.headers["last-modified"] ?? null);
      const body = this.state.responseBody(entry.url);
      if (entry.kind !== "article" && previous && body) {
        // Unchanged, but its links still count: articles found on it may be due for a check.
        this.tasks.add(() => this.processing.add(() => this.handle(entry, site, { ...previous, body }, previous.sha256, true)));
        return;
      }
      this.state.finish(entry.url, this.round, { outcome: "unchanged" });
      site.report.unchanged++;
      this.notify({ status: "unchanged", source: entry.url, mentions: 0 });
      return;
    }
    const kept = {
      url: entry.url,
      status: response.status,
      finalUrl: response.url,
      headers: response.headers,
      etag: response.headers.etag ?? null,
      lastModified: response.headers["last-modified"] ?? null,
      mediaType: response.mediaType,
      charset: response.charset,
      sha256: sha256(response.body),
      body: response.body,
    };
    this.state.saveResponse(entry.url, this.runId, kept);
    this.tasks.add(() => this.processing.add(() => this.handle(entry, site, kept, previous?.sha256)));
  }

  /** A URL whose response a killed run kept but did not handle. */
  private async handleKept(entry: FrontierEntry, site: Site): Promise<void> {
    const saved = this.state.response(entry.url);
    const body = this.state.responseBody(entry.url);
    // saveResponse keeps the response in the transaction that marks the URL fetched.
    if (!saved || !body) throw new Error(`${entry.url}: marked fetched, but no response is kept`);
    await this.handle(entry, site, { ...saved, body }, undefined);
  }

  private async handle(entry: FrontierEntry, site: Site, response: Kept, previousSha: string | undefined, notModified = false): Promise<void> {
    if (this.stopped) return;
    try {
      if (entry.kind === "feed" || entry.kind === "sitemap") return this.handleXml(entry, site, response, notModified);
      if (entry.kind === "article") return await this.extract(entry, site, response, previousSha);
      return await this.handlePage(entry, site, response, previousSha, notModified);
    } catch (err) {
      if (err instanceof DiscoveryError) return this.fail(entry, site, `unreadable ${entry.kind}`, err.reason, false);
      throw err;
    }
  }

  private handleXml(entry: FrontierEntry, site: Site, response: Kept, notModified: boolean): void {
    const text = xmlText(response.body, response.charset, this.settings.maxBytes);
    const found: Found[] = [];
    if (entry.kind === "feed") {
      for (const link of parseFeed(text, response.finalUrl)) found.push({ url: link.url, kind: "article", depth: entry.depth + 1, dated: link.dated });
    } else {
      const { pages, sitemaps } = parseSitemap(text, response.finalUrl);
      for (const link of sitemaps) found.push({ url: link.url, kind: "sitemap", depth: entry.depth, dated: link.dated });
      for (const link of pages) found.push({ url: link.url, kind: "article", depth: entry.depth + 1, dated: link.dated });
    }
    this.conclude(entry, site, found, { outcome: notModified ? "unchanged" : "read" });
  }

  private async handlePage(entry: FrontierEntry, site: Site, response: Kept, previousSha: string | undefined, notModified: boolean): Promise<void> {
    const html = decodeText(response.body, response.charset ?? undefined).text;
    const page = parsePage(html, response.finalUrl, site.config.next);
    const found: Found[] = [];
    if (entry.kind === "listing" && entry.pageNo < site.config.listingPages) {
      for (const next of page.next) found.push({ url: next, kind: "listing", depth: entry.depth, pageNo: entry.pageNo + 1 });
    }
    if (site.config.discover && entry.depth === 0) for (const feed of page.feeds) found.push({ url: feed, kind: "feed", depth: 0 });
    for (const link of page.links) {
      const url = canonicalUrl(link);
      if (!url || !site.owns(url)) continue;
      if (this.isArticle(site, url)) found.push({ url, kind: "article", depth: entry.depth + 1 });
      else if (entry.depth < site.config.depth) found.push({ url, kind: "page", depth: entry.depth + 1 });
    }
    const ownArticle = entry.kind === "page" && page.isArticle && site.patterns.allowed(entry.url);
    if (ownArticle && !notModified) {
      this.conclude(entry, site, found, null);
      await this.extract(entry, site, response, previousSha, false, page);
      return;
    }
    if (ownArticle) site.report.unchanged++;
    this.conclude(entry, site, found, { outcome: notModified ? "unchanged" : "read" });
  }

  /** A link is an article by the site's allow patterns, or, without any, by its look. */
  private isArticle(site: Site, url: string): boolean {
    if (site.patterns.restricted) return site.patterns.allowed(url);
    return !site.patterns.denied(url) && looksLikeArticle(url);
  }

  /** Records the links found on a page and (unless null) its outcome, in one transaction; then queues the new work. */
  private conclude(entry: FrontierEntry, site: Site, found: Found[], outcome: Finished | null): void {
    const queued: FrontierEntry[] = [];
    this.state.transaction(() => {
      for (const f of found) {
        const e = this.enqueue(site, f, entry.url);
        if (e) queued.push(e);
      }
      if (outcome) this.state.finish(entry.url, this.round, outcome);
    });
    queued.forEach((e) => this.schedule(e));
  }

  /** Adds a found URL to the frontier, or queues a known one again when it is due; returns it when it is to be fetched in this run. */
  private enqueue(site: Site, found: Found, foundOn: string): FrontierEntry | null {
    const url = canonicalUrl(found.url);
    if (!url || !site.owns(url)) return null;
    if ((found.kind === "article" || found.kind === "page") && site.patterns.denied(url)) return null;
    if (found.kind === "article" && site.tooOld(found.dated)) {
      if (!this.state.entry(url)) tally(site.report.skipped, "older than max age");
      return null;
    }
    const known = this.state.entry(url);
    const round = this.round;
    if (round === null) return null;
    if (!known) {
      const entry = { url, site: site.config.name, host: hostOf(url), kind: found.kind, depth: found.depth, pageNo: found.pageNo ?? 1, foundOn, dated: found.dated ?? null, round };
      this.state.insert(entry);
      return this.state.entry(url) ?? null;
    }
    if (known.state !== "done") return this.scheduled.has(url) ? null : known;
    if (known.round === round || !this.due(known, found, site)) return null;
    this.state.requeue(url, round, { dated: found.dated ?? known.dated });
    return this.state.entry(url) ?? null;
  }

  /** A URL dealt with in an earlier round is fetched again when it may have changed. */
  private due(known: FrontierEntry, found: Found, site: Site): boolean {
    if (known.kind !== "article") return true;
    if (known.retry) return true;
    if (found.dated && known.fetchedAt && found.dated > known.fetchedAt) return true;
    return site.config.recheckMs !== null && known.fetchedAt !== null && Date.parse(known.fetchedAt) < Date.now() - site.config.recheckMs;
  }

  /**
   * An article's response into the store: unless it is unchanged, or another
   * URL's article (rel=canonical elsewhere, or the same bytes stored already).
   */
  private async extract(entry: FrontierEntry, site: Site, response: Kept, previousSha: string | undefined, reprocess = false, page?: PageLinks): Promise<void> {
    const source = canonicalUrl(response.finalUrl) ?? entry.url;
    if (previousSha === response.sha256 && entry.document) {
      this.state.finish(entry.url, this.round, { outcome: "unchanged" });
      site.report.unchanged++;
      this.notify({ status: "unchanged", source, mentions: 0 });
      return;
    }
    if (HTML_TYPES.has(response.mediaType ?? "")) {
      const links = page ?? parsePage(decodeText(response.body, response.charset ?? undefined).text, response.finalUrl, site.config.next);
      const canonical = links.canonical ? canonicalUrl(links.canonical) : null;
      if (canonical && canonical !== source && site.owns(canonical) && !site.patterns.denied(canonical) && this.state.entry(canonical)?.duplicateOf !== source) {
        site.report.duplicate++;
        const original: Found = { url: canonical, kind: "article", depth: entry.depth, dated: entry.dated ?? undefined };
        this.conclude(entry, site, [original], { outcome: "duplicate", duplicateOf: canonical, document: null });
        return;
      }
    }
    const copy = this.state.documentWithContent(response.sha256, source);
    if (copy) {
      site.report.duplicate++;
      this.state.finish(entry.url, this.round, { outcome: "duplicate", duplicateOf: copy, document: null });
      return;
    }
    const existed = this.state.hasDocument(source);
    const boilerplate = this.boilerplate(entry.host);
    const event = await this.session.process(source, response.body, {
      ...(response.charset ? { charset: response.charset } : {}),
      ...(site.config.selector ? { articleSelector: site.config.selector } : {}),
      dropBlocks: boilerplate.fingerprints,
      reprocess,
    });
    if (event.status === "failed") {
      tally(site.report.failed, event.reason);
      this.state.finish(entry.url, this.round, { outcome: "unreadable", reason: event.reason, document: null });
      return;
    }
    if (event.status === "unchanged") {
      site.report.unchanged++;
      this.state.finish(entry.url, this.round, { outcome: "unchanged", document: source });
      return;
    }
    site.report[existed ? "changed" : "new"]++;
    site.report.mentions += event.mentions;
    const blocks = source === entry.url ? this.learn(entry, site, source) : entry.blocks;
    this.state.finish(entry.url, this.round, {
      outcome: existed ? "changed" : "new",
      document: source,
      boilerplateVersion: boilerplate.version,
      blocks,
    });
  }

  private boilerplate(host: string): { version: number; fingerprints: Set<string> } {
    let known = this.boilerplateCache.get(host);
    if (!known) {
      known = this.state.boilerplate(host);
      this.boilerplateCache.set(host, known);
    }
    return known;
  }

  /** Counts the blocks of a newly stored page toward its host's boilerplate; returns every fingerprint counted for the page. */
  private learn(entry: FrontierEntry, site: Site, source: string): string[] {
    const counted = new Set(entry.blocks);
    const fresh = new Map<string, LearntBlock>();
    for (const block of this.state.documentBlocks(source)) {
      if (block.type === "title" || block.type === "table-cell" || block.text.length < MIN_BOILERPLATE_LENGTH) continue;
      const fingerprint = blockFingerprint(block.text);
      if (!counted.has(fingerprint)) fresh.set(fingerprint, { fingerprint, sample: block.text.slice(0, 200) });
    }
    const learnt = this.state.countBlocks(entry.host, [...fresh.values()], this.settings.boilerplatePages);
    if (learnt > 0) {
      site.report.boilerplate += learnt;
      this.boilerplateCache.delete(entry.host);
    }
    return [...counted, ...fresh.keys()];
  }

  /** Documents stored before some of their blocks were learnt as boilerplate are extracted again without them. */
  private async cleanBoilerplate(): Promise<void> {
    const hosts = new Set([...this.hosts.keys(), ...this.boilerplateCache.keys()]);
    for (const host of hosts) {
      for (const entry of this.state.staleBoilerplate(host)) {
        const saved = this.state.response(entry.url);
        const body = this.state.responseBody(entry.url);
        if (!saved || !body || !entry.document) continue;
        const site = this.siteOf(entry);
        const boilerplate = this.boilerplate(host);
        const event = await this.session.process(entry.document, body, {
          ...(saved.charset ? { charset: saved.charset } : {}),
          ...(site.config.selector ? { articleSelector: site.config.selector } : {}),
          dropBlocks: boilerplate.fingerprints,
          reprocess: true,
        });
        if (event.status !== "stored") continue;
        site.report.cleaned++;
        site.report.mentions += event.mentions;
        this.state.cleaned(entry.url, boilerplate.version);
      }
    }
  }

  private skip(entry: FrontierEntry, site: Site, reason: string): void {
    tally(site.report.skipped, reason);
    this.state.finish(entry.url, this.round, { outcome: "skipped", reason });
  }

  private fail(entry: FrontierEntry, site: Site, reason: string, detail: string, retry: boolean): void {
    tally(site.report.failed, reason);
    this.state.finish(entry.url, this.round, { outcome: "failed", reason, retry });
    this.session.fail(entry.url, detail ? `${reason} (${detail})` : reason);
  }
}

type Kept = { finalUrl: string; mediaType: string | null; charset: string | null; sha256: string; body: Buffer };

interface Opened {
  store: IndicatorStore;
  state: CrawlState;
  runId: number;
  session: ExtractionSession;
  heartbeat: NodeJS.Timeout;
}

/** Opens the store, records the run and takes the crawl lock (or records the refusal and throws CrawlLockedError). */
function open(options: { db: string; argv?: string[]; lockStaleMs?: number; onDocument?: (e: DocumentEvent) => void }): Opened {
  const rules = loadExtractionRules();
  const store = openStore(options.db);
  const state = new CrawlState(store);
  let runId: number;
  try {
    runId = store.beginRun("crawl", options.argv ?? [], rules.version);
    const holder = state.acquireLock(runId, os.hostname(), options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS, isAlive);
    if (holder) {
      store.finishRun(runId, { documents: 0, unchanged: 0, mentions: 0, errors: 0 });
      state.saveReport(runId, { refused: `another crawl is running (run ${holder.runId}, pid ${holder.pid} on ${holder.hostname})` });
      throw new CrawlLockedError(options.db, holder);
    }
  } catch (err) {
    store.close();
    throw err;
  }
  const heartbeat = setInterval(() => {
    try {
      state.heartbeat(runId);
    } catch {
      // A store busy for a moment misses one beat; the lock goes stale only after many.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const session = new ExtractionSession(store, runId, { ingest: { maxBytes: DEFAULT_MAX_BYTES }, onDocument: options.onDocument });
  return { store, state, runId, session, heartbeat };
}

/** Records the run's end and report, frees the lock and closes the store; a failure here never hides the one being reported. */
function close(opened: Opened, report: CrawlReport, failing: boolean): void {
  clearInterval(opened.heartbeat);
  const { store, state, runId, session } = opened;
  const c = session.counts;
  const steps = [
    // Reviewers' mappings also reach the mentions of pages this crawl left as they were, as after extract.
    () => (failing ? undefined : applyIndicatorMappings(store)),
    () => store.finishRun(runId, { documents: c.documents, unchanged: c.unchanged, mentions: c.mentions, errors: c.failed }),
    () => state.saveReport(runId, report),
    () => state.releaseLock(runId),
  ];
  for (const step of steps) {
    try {
      step();
    } catch (err) {
      if (!failing) {
        store.close();
        throw err;
      }
    }
  }
  store.close();
}

/** Crawls the sources into the store at `db`. */
export async function runCrawl(options: CrawlOptions): Promise<CrawlSummary> {
  const opened = open(options);
  const { state, runId, session } = opened;
  let crawler: Crawler | undefined;
  let round = { id: 0, resumed: false };
  try {
    round = state.openRound();
    crawler = new Crawler(state, session, options.sources.settings, options.sources.sites, round.id, runId, options.onDocument ?? (() => undefined), options.signal);
    await crawler.crawl();
  } catch (err) {
    close(opened, crawler?.report(round.resumed) ?? { round: round.id, resumed: round.resumed, complete: false, sites: {} }, true);
    throw err;
  }
  const report = crawler.report(round.resumed);
  if (report.complete) state.finishRound(round.id);
  close(opened, report, false);
  return { runId, report, failed: failures(report) };
}

export interface ReplayOptions {
  db: string;
  /** For the sites' article selectors; without it, pages are read as any page. */
  sources?: Sources;
  argv?: string[];
  onDocument?: (event: DocumentEvent) => void;
  lockStaleMs?: number;
}

/** Extracts again, from the responses kept in the store, the pages that could not be read: no request is made. */
export async function replayCrawl(options: ReplayOptions): Promise<CrawlSummary> {
  const opened = open(options);
  const { state, runId, session } = opened;
  const settings = options.sources?.settings ?? defaultSettings();
  const crawler = new Crawler(state, session, settings, options.sources?.sites ?? [], null, runId, options.onDocument ?? (() => undefined));
  try {
    await crawler.replay();
  } catch (err) {
    close(opened, crawler.report(false, true), true);
    throw err;
  }
  const report = crawler.report(false, true);
  close(opened, report, false);
  return { runId, report, failed: failures(report) };
}
