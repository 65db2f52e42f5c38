/** Crawls of the fixture sites on 127.0.0.1: what is fetched, in what order, how often, at what pace, and what is stored. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayCrawl, runCrawl, type CrawlSummary } from "../../src/crawl/crawler.js";
import { loadSources, urlSources, type SiteOverrides } from "../../src/crawl/sources.js";
import { BOILERPLATE, NEWS_ARTICLES, NEWS_PROBLEMS, PORTAL_ARTICLES, startFixtureSite, type FixtureSite, type Served } from "../fixtures/crawl/site.js";

const CRAWL_DELAY_MS = 50;
/** Timers and the loopback add a little jitter between the crawler's clock and the server's. */
const JITTER_MS = 5;

let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startFixtureSite({ crawlDelay: CRAWL_DELAY_MS / 1000, slowMs: 10_000, hugeBytes: 2 * 1024 * 1024 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-crawl-"));
});

afterAll(async () => {
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function newsSourcesFile(): string {
  const file = path.join(dir, "sources.yaml");
  fs.writeFileSync(
    file,
    `# The fixture news site, crawled fast.
contact: crawl-tests@example.org
# Long enough that a loaded machine does not time out an ordinary page; the slow page never answers in time.
timeout: 1s
retries: 2
backoff: 20ms
maxSize: 1MB
boilerplateAfter: 3
defaults:
  delay: 20ms
sites:
  - name: news
    feeds: [${site.news}/rss.xml]
    sitemaps: [${site.news}/sitemap_index.xml]
    listings: [${site.news}/tin-tuc/]
    next: a.trang-sau
    articles:
      allow: ["/bai/**", "/in/**", "/private/**"]
    limits: { maxAge: 30d, listingPages: 3 }
`,
  );
  return file;
}

const db = () => path.join(dir, "news.sqlite");

function since(mark: number, name: "news" | "portal"): Served[] {
  return site.requests.slice(mark).filter((r) => r.site === name);
}

/** The most requests a server had in flight at once (one ending as another starts does not count as overlapping). */
function maxInFlight(requests: Served[]): number {
  return Math.max(...requests.map((r) => requests.filter((o) => o === r || (o.at <= r.at && o.end > r.at + JITTER_MS)).length));
}

function count(requests: Served[], pagePath: string): number {
  return requests.filter((r) => r.path === pagePath).length;
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(file, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

function crawlNews(siteOverrides: SiteOverrides = {}): Promise<CrawlSummary> {
  return runCrawl({ db: db(), sources: loadSources(newsSourcesFile(), { site: siteOverrides }), argv: ["--sources", "sources.yaml"] });
}

describe("a crawl from a sources file", () => {
  let first: CrawlSummary;
  let requests: Served[];

  beforeAll(async () => {
    const mark = site.requests.length;
    first = await crawlNews();
    requests = since(mark, "news");
  });

  it("asks robots.txt first and once, and fetches nothing it disallows", () => {
    expect(requests[0].path).toBe("/robots.txt");
    expect(count(requests, "/robots.txt")).toBe(1);
    expect(count(requests, NEWS_PROBLEMS.private)).toBe(0);
    expect(first.report.sites.news.skipped["disallowed by robots.txt"]).toBe(1);
  });

  it("keeps the Crawl-delay between the starts of any two requests to the host", () => {
    const gaps = requests.slice(1).map((r, i) => ({ gap: r.at - requests[i].at, from: requests[i].path, to: r.path, status: requests[i].status }));
    const closest = gaps.reduce((a, b) => (b.gap < a.gap ? b : a));
    expect(closest.gap, JSON.stringify(closest)).toBeGreaterThanOrEqual(CRAWL_DELAY_MS - JITTER_MS);
  });

  it("has one request in flight at a time to the host, its concurrency", () => {
    expect(maxInFlight(requests)).toBe(1);
  });

  it("fetches feeds, sitemaps and listings before the articles they list", () => {
    const first = (p: string) => requests.findIndex((r) => r.path === p);
    for (const article of [NEWS_ARTICLES.feed2, NEWS_ARTICLES.feed3]) expect(first("/rss.xml")).toBeLessThan(first(article));
    expect(first("/sitemap-bai.xml.gz")).toBeLessThan(first(NEWS_ARTICLES.sitemapGz));
    expect(first("/sitemap_index.xml")).toBeLessThan(first("/sitemap-bai.xml.gz"));
    expect(first("/tin-tuc/")).toBeLessThan(first("/tin-tuc/trang-2.html"));
    expect(first("/tin-tuc/trang-2.html")).toBeLessThan(first(NEWS_PROBLEMS.image));
  });

  it("follows pagination up to the listing limit", () => {
    expect(count(requests, "/tin-tuc/trang-3.html")).toBe(1);
    expect(count(requests, "/tin-tuc/trang-4.html")).toBe(0);
    expect(count(requests, "/lien-he.html")).toBe(0);
  });

  it("fetches each article once, under its canonical URL", () => {
    for (const article of Object.values(NEWS_ARTICLES)) {
      const expected = article === NEWS_ARTICLES.serverErrors ? 3 : article === NEWS_ARTICLES.rateLimited ? 2 : 1;
      expect([article, count(requests, article)]).toEqual([article, expected]);
    }
    expect(requests.some((r) => r.path.includes("utm_"))).toBe(false);
    expect(count(requests, NEWS_PROBLEMS.old)).toBe(0);
    expect(first.report.sites.news.skipped["older than max age"]).toBe(1);
  });

  it("retries a 500 with backoff until it succeeds", () => {
    const attempts = requests.filter((r) => r.path === NEWS_ARTICLES.serverErrors);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("honours Retry-After on a 429, holding back the whole host", () => {
    const limited = requests.find((r) => r.status === 429)!;
    const retry = requests.find((r) => r.path === limited.path && r.at > limited.at)!;
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(1000 - JITTER_MS);
    expect(requests.filter((r) => r.at > limited.at + JITTER_MS && r.at < limited.at + 1000 - JITTER_MS)).toEqual([]);
  });

  it("gives up on a slow page after its retries, a redirect loop, and responses over the size limit", () => {
    expect(count(requests, NEWS_PROBLEMS.slow)).toBe(3);
    expect(count(requests, NEWS_PROBLEMS.loop)).toBe(1);
    expect(count(requests, NEWS_PROBLEMS.loopOther)).toBe(1);
    expect(count(requests, NEWS_PROBLEMS.huge)).toBe(1);
    expect(count(requests, NEWS_PROBLEMS.hugeStream)).toBe(1);
    expect(first.report.sites.news.failed).toEqual({ timeout: 1, "redirect loop": 1, "too large": 2, "no Vietnamese text": 1 });
    expect(first.failed).toBe(5);
    expect(first.report.sites.news.skipped["not a document (image/png)"]).toBe(1);
  });

  it("sends an honest User-Agent with the contact", () => {
    const agents = new Set(requests.map((r) => r.headers["user-agent"]));
    expect([...agents]).toHaveLength(1);
    expect([...agents][0]).toMatch(/^chitieu\/\d+\.\d+\.\d+ \(\+crawl-tests@example\.org\)$/);
  });

  it("stores every article once, the print copy and the tracking-tagged link included", () => {
    const sources = query<{ source: string }>(db(), "SELECT source FROM documents ORDER BY source").map((r) => r.source);
    expect(sources).toEqual(Object.values(NEWS_ARTICLES).map((p) => site.news + p).sort());
    expect(first.report.sites.news).toMatchObject({ new: 8, changed: 0, duplicate: 1 });
    const [print] = query<{ outcome: string; duplicate_of: string }>(db(), "SELECT outcome, duplicate_of FROM crawl_urls WHERE url = ?", site.news + NEWS_PROBLEMS.print);
    expect(print).toEqual({ outcome: "duplicate", duplicate_of: site.news + NEWS_ARTICLES.feed1 });
  });

  it("reads a page in the charset its meta tag names", () => {
    const [doc] = query<{ encoding: string; text: string }>(db(), "SELECT encoding, text FROM documents WHERE source = ?", site.news + NEWS_ARTICLES.windows1258);
    expect(doc.encoding).toBe("windows-1258");
    expect(doc.text).toContain("Về công tác lao động, việc làm");
  });

  it("learns the host's boilerplate and drops it from every article, those stored before included", () => {
    const learnt = query<{ sample: string }>(db(), "SELECT sample FROM crawl_boilerplate WHERE learnt_version IS NOT NULL");
    expect(learnt.map((b) => b.sample)).toEqual([BOILERPLATE]);
    expect(query(db(), "SELECT source FROM documents WHERE instr(text, ?) > 0", BOILERPLATE.slice(0, 40))).toEqual([]);
    expect(first.report.sites.news.cleaned).toBeGreaterThan(0);
    const [figures] = query<{ n: number }>(db(), "SELECT count(*) AS n FROM mentions m JOIN documents d ON d.id = m.document_id WHERE d.source = ?", site.news + NEWS_ARTICLES.feed1);
    expect(figures.n).toBeGreaterThan(0);
  });

  it("keeps the report and the raw responses in the store", () => {
    const [run] = query<{ command: string; report: string; finished_at: string | null }>(db(), "SELECT command, report, finished_at FROM runs WHERE id = ?", first.runId);
    expect(run.command).toBe("crawl");
    expect(run.finished_at).not.toBeNull();
    expect(JSON.parse(run.report)).toEqual(first.report);
    const [kept] = query<{ body: Buffer; etag: string }>(db(), "SELECT body, etag FROM crawl_responses WHERE url = ?", site.news + NEWS_ARTICLES.feed2);
    expect(kept.body.toString("utf8")).toContain("<h1>");
    expect(kept.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(query(db(), "SELECT * FROM crawl_lock")).toEqual([]);
  });

  it("replays pages that could not be read from the kept bytes, without a request", async () => {
    const mark = site.requests.length;
    const replay = await replayCrawl({ db: db() });
    expect(site.requests.length).toBe(mark);
    expect(replay.report.replay).toBe(true);
    expect(replay.report.sites.news.failed).toEqual({ "no Vietnamese text": 1 });
    const errors = query<{ source: string }>(db(), "SELECT source FROM ingest_errors WHERE run_id = ?", replay.runId);
    expect(errors.map((e) => e.source)).toEqual([site.news + NEWS_PROBLEMS.english]);
  });

  describe("run again", () => {
    let second: CrawlSummary;
    let again: Served[];
    const documentsBefore = () =>
      query<{ source: string; run_id: number; extracted_at: string }>(db(), "SELECT source, run_id, extracted_at FROM documents ORDER BY source");
    const mentionIds = () => query<{ id: number }>(db(), "SELECT id FROM mentions ORDER BY id").map((m) => m.id);
    let before: ReturnType<typeof documentsBefore>;
    let idsBefore: number[];

    beforeAll(async () => {
      before = documentsBefore();
      idsBefore = mentionIds();
      const mark = site.requests.length;
      second = await crawlNews({ recheck: 0 });
      again = since(mark, "news");
    });

    it("asks for every page it has a copy of conditionally, and gets 304s", () => {
      const kept = again.filter((r) => r.path !== "/robots.txt" && ![NEWS_PROBLEMS.slow, NEWS_PROBLEMS.huge, NEWS_PROBLEMS.hugeStream, NEWS_PROBLEMS.loop, NEWS_PROBLEMS.loopOther, NEWS_PROBLEMS.image, NEWS_ARTICLES.rateLimited, NEWS_ARTICLES.serverErrors].includes(r.path as never));
      expect(kept.length).toBeGreaterThan(10);
      for (const r of kept) {
        expect([r.path, Boolean(r.headers["if-none-match"] ?? r.headers["if-modified-since"]), r.status]).toEqual([r.path, true, 304]);
      }
      expect(again.find((r) => r.path === NEWS_ARTICLES.feed3)?.headers["if-modified-since"]).toBe("Mon, 06 Jan 2025 08:00:00 GMT");
    });

    it("extracts nothing again", () => {
      expect(second.report.sites.news).toMatchObject({ new: 0, changed: 0, cleaned: 0, mentions: 0 });
      expect(second.report.sites.news.unchanged).toBeGreaterThanOrEqual(8);
      expect(documentsBefore()).toEqual(before);
      expect(mentionIds()).toEqual(idsBefore);
    });

    it("extracts a page that changed, and only it", async () => {
      site.change("news", NEWS_ARTICLES.feed2);
      const third = await crawlNews({ recheck: 0 });
      expect(third.report.sites.news).toMatchObject({ new: 0, changed: 1 });
      const changed = documentsBefore().filter((d) => !before.some((b) => b.source === d.source && b.extracted_at === d.extracted_at));
      expect(changed.map((d) => d.source)).toEqual([site.news + NEWS_ARTICLES.feed2]);
      const [doc] = query<{ text: string }>(db(), "SELECT text FROM documents WHERE source = ?", site.news + NEWS_ARTICLES.feed2);
      expect(doc.text).toContain("Đính chính");
      expect(doc.text).not.toContain(BOILERPLATE.slice(0, 40));
    });
  });
});

describe("a crawl from a site's URL alone", () => {
  let summary: CrawlSummary;
  let requests: Served[];
  const file = () => path.join(dir, "portal.sqlite");

  beforeAll(async () => {
    const mark = site.requests.length;
    summary = await runCrawl({ db: file(), sources: urlSources([`${site.portal}/`], { site: { delay: 10 } }) });
    requests = since(mark, "portal");
  });

  it("finds the sitemap in robots.txt, the feed on the home page and the articles behind links", () => {
    expect(requests[0].path).toBe("/robots.txt");
    for (const p of ["/sitemap.xml", "/feed.atom", "/", "/chuyen-muc/kinh-te", "/gioi-thieu"]) expect([p, count(requests, p)]).toEqual([p, 1]);
    const sources = query<{ source: string }>(file(), "SELECT source FROM documents ORDER BY source").map((r) => r.source);
    expect(sources).toEqual(Object.values(PORTAL_ARTICLES).map((p) => site.portal + p).sort());
    expect(summary.report.sites["127.0.0.1:" + new URL(site.portal).port]).toMatchObject({ new: 3, failed: {} });
  });

  it("fetches each article once and nothing robots.txt disallows", () => {
    for (const article of Object.values(PORTAL_ARTICLES)) expect([article, count(requests, article)]).toEqual([article, 1]);
    expect(requests.filter((r) => r.path.startsWith("/quan-tri/"))).toEqual([]);
  });

  it("handles a response a killed run kept but did not handle, without fetching it again", async () => {
    const url = site.portal + PORTAL_ARTICLES.section;
    const conn = new Database(file());
    conn.prepare("UPDATE crawl_rounds SET finished_at = NULL").run();
    conn.prepare("UPDATE crawl_urls SET state = 'fetched' WHERE url = ?").run(url);
    conn.prepare("DELETE FROM documents WHERE source = ?").run(url);
    conn.close();
    const mark = site.requests.length;
    const resumed = await runCrawl({ db: file(), sources: urlSources([`${site.portal}/`], { site: { delay: 10 } }) });
    expect(resumed.report).toMatchObject({ resumed: true, complete: true });
    expect(site.requests.slice(mark).map((r) => r.path)).toEqual([]);
    expect(query(file(), "SELECT source FROM documents WHERE source = ?", url)).toHaveLength(1);
  });

  it("reads a page in the charset its Content-Type header names", () => {
    const [doc] = query<{ encoding: string; text: string }>(file(), "SELECT encoding, text FROM documents WHERE source = ?", site.portal + PORTAL_ARTICLES.home);
    expect(doc.encoding).toBe("windows-1258");
    expect(doc.text).toContain("Phấn đấu giải quyết việc làm cho 10.000 lao động");
  });
});

describe("a crawl of two sites", () => {
  it("keeps each host's pace and the global limit on requests in flight", async () => {
    const file = path.join(dir, "two.yaml");
    fs.writeFileSync(
      file,
      JSON.stringify({
        concurrency: 1,
        defaults: { delay: "30ms", concurrency: 2 },
        sites: [
          { name: "news", feeds: [`${site.news}/rss.xml`], articles: { deny: ["/private/**"] } },
          { name: "portal", sitemaps: [`${site.portal}/sitemap.xml`] },
        ],
      }),
    );
    const mark = site.requests.length;
    const summary = await runCrawl({ db: path.join(dir, "two.sqlite"), sources: loadSources(file) });
    const requests = site.requests.slice(mark);
    expect(summary.report.sites.news.new + summary.report.sites.portal.new).toBe(3 + 3);
    expect(maxInFlight(requests)).toBe(1);
    for (const name of ["news", "portal"] as const) {
      const starts = requests.filter((r) => r.site === name).map((r) => r.at);
      expect(Math.min(...starts.slice(1).map((t, i) => t - starts[i]))).toBeGreaterThanOrEqual(30 - JITTER_MS);
    }
    expect(new Set(requests.map((r) => r.site))).toEqual(new Set(["news", "portal"]));
  });
});

describe("the page limit", () => {
  it("stops a site at its pages per run, and the next run takes what is left", async () => {
    const file = path.join(dir, "limited.yaml");
    fs.writeFileSync(file, `defaults: { delay: 10ms }\nsites:\n  - name: portal\n    sitemaps: [${site.portal}/sitemap.xml]\n    limits: { pages: 2 }\n`);
    const store = path.join(dir, "limited.sqlite");
    const mark = site.requests.length;
    const first = await runCrawl({ db: store, sources: loadSources(file) });
    expect(first.report.sites.portal).toMatchObject({ new: 2, left: 1 });
    expect(first.report.complete).toBe(true);
    const articles = Object.values(PORTAL_ARTICLES) as string[];
    expect(site.requests.slice(mark).filter((r) => articles.includes(r.path))).toHaveLength(2);
    const second = await runCrawl({ db: store, sources: loadSources(file) });
    expect(second.report).toMatchObject({ resumed: false, sites: { portal: { new: 1, left: 0 } } });
    expect(query(store, "SELECT source FROM documents")).toHaveLength(3);
    expect(site.requests.slice(mark).filter((r) => articles.includes(r.path))).toHaveLength(3);
  });
});

describe("per-host concurrency", () => {
  it("keeps up to the host's concurrency of requests in flight, while one is slow", async () => {
    const file = path.join(dir, "concurrent.yaml");
    fs.writeFileSync(
      file,
      `timeout: 1s\nretries: 0\ndefaults: { delay: 10ms, concurrency: 2 }\nsites:\n  - name: news\n    listings: [${site.news}/tin-tuc/]\n    articles: { allow: ["/bai/**"] }\n    limits: { listingPages: 1 }\n`,
    );
    const mark = site.requests.length;
    await runCrawl({ db: path.join(dir, "concurrent.sqlite"), sources: loadSources(file) });
    const requests = since(mark, "news");
    expect(count(requests, NEWS_PROBLEMS.slow)).toBe(1);
    // Never more than the host's concurrency; whether a second request overlaps the slow one
    // depends on how busy the machine is, so that is not asserted.
    expect(maxInFlight(requests)).toBeLessThanOrEqual(2);
  });
});
