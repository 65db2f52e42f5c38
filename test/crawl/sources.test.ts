import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SourcesError, loadSources, urlSources } from "../../src/crawl/sources.js";
import { parseDuration, parseSize } from "../../src/crawl/units.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-sources-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(text: string, ext = "yaml"): string {
  const file = path.join(dir, `sources-${++n}.${ext}`);
  fs.writeFileSync(file, text);
  return file;
}

function problem(file: string): string {
  try {
    loadSources(file);
  } catch (err) {
    expect(err).toBeInstanceOf(SourcesError);
    return (err as Error).message;
  }
  throw new Error("no error");
}

describe("loadSources", () => {
  it("resolves each site: its own values, then the file's defaults, then the built-in ones; the command line over all", () => {
    const file = write(`contact: ops@example.vn
concurrency: 4
timeout: 10s
maxSize: 5MB
defaults:
  delay: 2s
  limits: { pages: 50, maxAge: 30d }
sites:
  - name: baohaugiang
    feeds: [https://baohaugiang.example.vn/rss/kinh-te.rss]
    listings: ["https://baohaugiang.example.vn/kinh-te/trang-{n}.html"]
    next: "a.next"
    articles: { allow: ["/tin-tuc/**"], deny: ["re:/video/"] }
    selector: "div.detail-content"
    delay: 500ms
    limits: { depth: 1, listingPages: 3 }
    recheck: 1d
  - sitemaps: [https://www.portal.example.vn/sitemap.xml.gz]
`);
    const { settings, sites } = loadSources(file, { settings: { timeout: 3000 }, site: { limits: { pages: 7 } } });
    expect(settings).toMatchObject({ userAgent: expect.stringMatching(/^chitieu\/\S+ \(\+ops@example\.vn\)$/), concurrency: 4, timeoutMs: 3000, maxBytes: 5 * 1024 * 1024, retries: 3 });
    expect(sites[0]).toEqual({
      name: "baohaugiang",
      start: [],
      feeds: ["https://baohaugiang.example.vn/rss/kinh-te.rss"],
      sitemaps: [],
      listings: ["https://baohaugiang.example.vn/kinh-te/trang-{n}.html"],
      next: "a.next",
      listingPages: 3,
      allow: ["/tin-tuc/**"],
      deny: ["re:/video/"],
      selector: "div.detail-content",
      discover: false,
      pages: 7,
      depth: 1,
      maxAgeMs: 30 * 86_400_000,
      recheckMs: 86_400_000,
      delayMs: 500,
      concurrency: 1,
    });
    expect(sites[1]).toMatchObject({ name: "portal.example.vn", delayMs: 2000, pages: 7, depth: 0, maxAgeMs: 30 * 86_400_000, recheckMs: null });
  });

  it("names the line of a value that is wrong", () => {
    const file = write(`sites:
  - name: a
    feeds:
      - https://a.example.vn/rss
      - a.example.vn/rss
`);
    expect(problem(file)).toBe(`${file}:5: sites[0].feeds[1]: expected an http:// or https:// URL`);
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n    delay: soon\n`))).toMatch(/:3: sites\[0\]\.delay: expected a duration such as "500ms", "2s", "1h" or "30d", not "soon"$/);
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n    articles:\n      allow: ["re:(unclosed"]\n`))).toMatch(/:4: sites\[0\]\.articles\.allow\[0\]: not a valid pattern/);
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n    selector: "div[[" \n`))).toMatch(/:3: sites\[0\]\.selector: not a valid CSS selector$/);
  });

  it("names the line of an unknown key, a site with nothing to crawl, and a name used twice", () => {
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n    feed: [https://a.example.vn/rss2]\n`))).toMatch(/:2: sites\[0\]: Unrecognized key: "feed"$/);
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n  - name: b\n    delay: 1s\n`))).toMatch(/:3: sites\[1\]: give at least one of start, feeds, sitemaps, listings$/);
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss]\n  - feeds: [https://a.example.vn/rss2]\n`))).toMatch(/:3: sites\[1\]: the name "a\.example\.vn" is also the name of sites\[0\]$/);
    expect(problem(write(`defaults: {}\n`))).toMatch(/:1: sites: /);
  });

  it("reads JSON with line numbers too", () => {
    const file = write(`{
  "sites": [
    { "feeds": ["https://a.example.vn/rss"], "limits": { "pages": 0 } }
  ]
}`, "json");
    expect(problem(file)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: sites\\[0\\]\\.limits\\.pages: `));
    const ok = write(`{"sites": [{"start": ["https://a.example.vn/"], "discover": true}]}`, "json");
    expect(loadSources(ok).sites[0]).toMatchObject({ name: "a.example.vn", discover: true, depth: 2 });
  });

  it("reports a syntax error and a missing file in one line", () => {
    expect(problem(write(`sites:\n  - feeds: [https://a.example.vn/rss\n  - x: 1\n`))).toMatch(/^\S+:\d+: .+$/);
    expect(problem(path.join(dir, "none.yaml"))).toBe(`${path.join(dir, "none.yaml")}: no such file`);
  });
});

describe("urlSources", () => {
  it("makes one discovering site per host", () => {
    const { sites } = urlSources(["https://bao.example.vn/", "https://www.bao.example.vn/kinh-te/", "http://portal.example.vn/"]);
    expect(sites.map((s) => [s.name, s.start, s.discover, s.depth])).toEqual([
      ["bao.example.vn", ["https://bao.example.vn/", "https://www.bao.example.vn/kinh-te/"], true, 2],
      ["portal.example.vn", ["http://portal.example.vn/"], true, 2],
    ]);
    expect(() => urlSources(["bao.example.vn"])).toThrow("bao.example.vn: expected an http:// or https:// URL");
  });
});

describe("durations and sizes", () => {
  it("reads units, and a bare number as seconds or bytes", () => {
    expect([parseDuration("500ms"), parseDuration("2s"), parseDuration("1.5m"), parseDuration("2h"), parseDuration("30d"), parseDuration(3), parseDuration("2 w")]).toEqual([
      500, 2000, 90_000, 7_200_000, 2_592_000_000, 3000, 1_209_600_000,
    ]);
    expect([parseDuration("soon"), parseDuration(-1)]).toEqual([null, null]);
    expect([parseSize("800k"), parseSize("20MB"), parseSize("1.5 GiB"), parseSize(100), parseSize("lots")]).toEqual([819_200, 20_971_520, 1_610_612_736, 100, null]);
  });
});
