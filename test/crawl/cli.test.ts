/** `chitieu crawl` as a scheduler runs it: exit statuses, the lock, a crawl killed mid-way and resumed, a crawl stopped. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { PORTAL_ARTICLES, startFixtureSite, type FixtureSite } from "../fixtures/crawl/site.js";

const CLI = path.join(PACKAGE_ROOT, "dist/cli/main.js");

let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startFixtureSite({ crawlDelay: 0.01 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-crawl-cli-"));
});

afterAll(async () => {
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function crawl(...args: string[]): { pid: number; kill: (signal: NodeJS.Signals) => void; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [CLI, "crawl", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const exit = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { pid: child.pid!, kill: (signal) => child.kill(signal), exit };
}

/** Child processes start slowly on a busy machine: the waits are generous, and end as soon as the thing happens. */
const SLOW_MACHINE_MS = 100_000;

async function until(test: () => boolean, what: string, timeoutMs = SLOW_MACHINE_MS / 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function sources(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

/** The portal's feed and sitemap: three articles. */
function feedAndSitemap(): string {
  return sources(
    "portal.yaml",
    `timeout: 20s
defaults:
  delay: 20ms
sites:
  - name: portal
    feeds: [${site.portal}/feed.atom]
    sitemaps: [${site.portal}/sitemap.xml]
`,
  );
}

const ARTICLES: string[] = Object.values(PORTAL_ARTICLES);

/** Holds every article request once `served` articles have been answered: the crawl is then stuck in the middle. */
function stickAfter(mark: number, served: number): void {
  site.hold((name, p) => name === "portal" && ARTICLES.includes(p) && site.requests.slice(mark).filter((r) => ARTICLES.includes(r.path) && r.status === 200).length >= served);
}

function query<T>(file: string, sql: string): T[] {
  const conn = new Database(file, { readonly: true });
  try {
    return conn.prepare(sql).all() as T[];
  } finally {
    conn.close();
  }
}

describe("chitieu crawl", () => {
  it("resumes a crawl killed mid-way without fetching again what was done, and refuses to overlap a running one", async () => {
    const db = path.join(dir, "killed.sqlite");
    const file = feedAndSitemap();
    const mark = site.requests.length;
    stickAfter(mark, 2);
    const first = crawl("--sources", file, "--db", db, "--json");
    await until(() => site.held().length === 1, "the crawl to be stuck on its third article");

    const second = await crawl("--sources", file, "--db", db).exit;
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(new RegExp(`another crawl is running \\(pid ${first.pid} on `));

    const inFlight = site.held()[0].path;
    first.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    site.release();
    const killedAt = site.requests.length;
    const [killedRun] = query<{ finished_at: string | null }>(db, "SELECT finished_at FROM runs WHERE command = 'crawl' ORDER BY id LIMIT 1");
    expect(killedRun.finished_at).toBeNull();

    const resumed = await crawl("--sources", file, "--db", db, "--json").exit;
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { resumed: boolean; complete: boolean; sites: { portal: { new: number; changed: number } } };
    expect(report).toMatchObject({ resumed: true, complete: true });

    const again = site.requests.slice(killedAt).map((r) => r.path);
    for (const seed of ["/feed.atom", "/sitemap.xml"]) expect(again).not.toContain(seed);
    // Only the request left unanswered when the crawl was killed is made again.
    const perArticle = ARTICLES.map((a) => [a, site.requests.slice(mark).filter((r) => r.path === a).length]);
    expect(perArticle).toEqual(ARTICLES.map((a) => [a, a === inFlight ? 2 : 1]));

    const stored = query<{ source: string }>(db, "SELECT source FROM documents ORDER BY source").map((d) => d.source);
    expect(stored).toEqual(ARTICLES.map((a) => site.portal + a).sort());
    expect(report.sites.portal).toMatchObject({ new: ARTICLES.length - 2, changed: 0 });
  }, SLOW_MACHINE_MS);

  it("stops on SIGTERM, records the run, frees the lock, and the next run finishes the round", async () => {
    const db = path.join(dir, "stopped.sqlite");
    const file = feedAndSitemap();
    const mark = site.requests.length;
    stickAfter(mark, 1);
    const run = crawl("--sources", file, "--db", db, "--json");
    await until(() => site.held().length === 1, "the crawl to be stuck on its second article");
    run.kill("SIGTERM");
    const stopped = await run.exit;
    site.release();
    expect(stopped.code).toBe(1);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ complete: false, resumed: false });
    expect(query(db, "SELECT * FROM crawl_lock")).toEqual([]);
    expect(query<{ finished_at: string | null }>(db, "SELECT finished_at FROM runs")[0].finished_at).not.toBeNull();

    const next = await crawl("--sources", file, "--db", db, "--json").exit;
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ complete: true, resumed: true, sites: { portal: { new: ARTICLES.length - 1 } } });
    expect(query(db, "SELECT source FROM documents")).toHaveLength(ARTICLES.length);
  }, SLOW_MACHINE_MS);

  it("exits 1 when a page failed, naming it and the reason, with the report on standard output", async () => {
    const file = sources("missing.yaml", `defaults: { delay: 10ms }\nsites:\n  - feeds: [${site.news}/khong-co-trang-nay.xml]\n`);
    const result = await crawl("--sources", file, "--db", path.join(dir, "missing.sqlite"), "--quiet").exit;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${site.news}/khong-co-trang-nay.xml: HTTP 404 (Not Found)`);
    expect(result.stdout).toContain(`${new URL(site.news).host}: 0 new, 0 changed, 0 unchanged, 1 failed (1 HTTP 404)`);
    expect(result.stdout).toContain("round 1: complete");
  });

  it("exits 2 with the file and line of a mistake in the sources file", async () => {
    const file = sources("bad.yaml", `sites:\n  - name: news\n    feeds:\n      - ${site.news}/rss.xml\n      - ftp://example.org/feed\n`);
    const result = await crawl("--sources", file, "--db", path.join(dir, "bad.sqlite")).exit;
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`chitieu: ${file}:5: sites[0].feeds[1]: expected an http:// or https:// URL`);
    expect(fs.existsSync(path.join(dir, "bad.sqlite"))).toBe(false);
  });
});
