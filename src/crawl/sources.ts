/**
 * What to crawl and how: the sources file (YAML or JSON, checked with zod,
 * every problem reported as "file:line: message"), or one site named by its
 * URL on the command line, resolved into settings for the crawl as a whole
 * and for each site. A value on the command line wins over the site's own,
 * which wins over the file's `defaults`, which win over the built-in ones.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import type { LineCounter } from "yaml";
import { z } from "zod";
import { PACKAGE_ROOT } from "../paths.js";
import { DEFAULT_NEXT_SELECTOR } from "./discover.js";
import { compilePattern, siteHost } from "./urls.js";
import { parseValidatedYaml, yamlNodeAt, YamlSchemaError } from "../rulebook/index.js";
import { parseDuration, parseSize } from "./units.js";

export interface CrawlSettings {
  /** chitieu/VERSION, with the operator's contact when given. */
  userAgent: string;
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  timeoutMs: number;
  /** Further attempts after a timeout, a network error, a 5xx or a 429. */
  retries: number;
  /** First wait before a retry; it doubles with each attempt (with jitter). */
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for: the page fails this time. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** Largest response body, in bytes. */
  maxBytes: number;
  /** A block found on this many pages of a host is that host's boilerplate. */
  boilerplatePages: number;
}

export interface SiteConfig {
  name: string;
  /** Pages to discover from (a home page, a section page). */
  start: string[];
  feeds: string[];
  sitemaps: string[];
  /** Listing pages; a URL with "{n}" stands for its pages 1 to `listingPages`. */
  listings: string[];
  /** CSS selector of a listing's next-page link. */
  next: string;
  /** Pages of each listing followed. */
  listingPages: number;
  allow: string[];
  deny: string[];
  /** CSS selector of the article body on this site's pages. */
  selector?: string;
  /** Also follow the sitemaps in robots.txt and the feeds the start pages announce. */
  discover: boolean;
  /** Pages (articles, listings, other pages) fetched per run. */
  pages: number;
  /** How many links away from a start or listing page a non-article page may be followed. */
  depth: number;
  /** Articles dated (by their feed or sitemap) before now minus this are not fetched. */
  maxAgeMs: number | null;
  /** A known article found again is fetched again (conditionally) once its copy is this old; null: never. */
  recheckMs: number | null;
  delayMs: number;
  /** Requests in flight at once to one host. */
  concurrency: number;
}

export interface Sources {
  settings: CrawlSettings;
  sites: SiteConfig[];
}

/** A sources file that cannot be used; the message is "file:line: what is wrong". */
export class SourcesError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = "SourcesError";
  }
}

const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `expected a duration such as "500ms", "2s", "1h" or "30d", not ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});

const size = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const bytes = parseSize(v);
  if (bytes === null) {
    ctx.addIssue({ code: "custom", message: `expected a size such as "800k" or "20MB", not ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return bytes;
});

const count = z.number().int().positive();

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v.replace(/\{n\}/g, "1")).protocol);
  } catch {
    return false;
  }
}, "expected an http:// or https:// URL");

const selector = z.string().refine((v) => {
  try {
    cheerio.load("")(v);
    return true;
  } catch {
    return false;
  }
}, "not a valid CSS selector");

const pattern = z.string().refine((v) => {
  try {
    compilePattern(v);
    return true;
  } catch {
    return false;
  }
}, 'not a valid pattern (a path glob, or "re:" and a regular expression)');

const urls = z.array(httpUrl);

const SiteOptions = z.strictObject({
  delay: duration.optional(),
  concurrency: count.optional(),
  limits: z
    .strictObject({
      pages: count.optional(),
      depth: z.number().int().nonnegative().optional(),
      maxAge: duration.optional(),
      listingPages: count.optional(),
    })
    .optional(),
  recheck: duration.optional(),
  discover: z.boolean().optional(),
});

const Site = SiteOptions.extend({
  name: z.string().min(1).optional(),
  start: urls.optional(),
  feeds: urls.optional(),
  sitemaps: urls.optional(),
  listings: urls.optional(),
  next: selector.optional(),
  articles: z.strictObject({ allow: z.array(pattern).optional(), deny: z.array(pattern).optional() }).optional(),
  selector: selector.optional(),
});

const SourcesFile = z.strictObject({
  contact: z.string().min(1).optional(),
  concurrency: count.optional(),
  timeout: duration.optional(),
  retries: z.number().int().nonnegative().optional(),
  backoff: duration.optional(),
  maxRetryAfter: duration.optional(),
  maxRedirects: z.number().int().nonnegative().optional(),
  maxSize: size.optional(),
  boilerplateAfter: z.number().int().min(2).optional(),
  defaults: SiteOptions.optional(),
  sites: z.array(Site).min(1, "list at least one site"),
});

type SiteInput = z.output<typeof Site>;
export type SiteOverrides = z.output<typeof SiteOptions>;
export type SettingsOverrides = Partial<Omit<z.output<typeof SourcesFile>, "defaults" | "sites">>;

export function chitieuVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

function resolveSettings(file: SettingsOverrides, cli: SettingsOverrides): CrawlSettings {
  const pick = <K extends keyof SettingsOverrides>(key: K) => cli[key] ?? file[key];
  const contact = pick("contact");
  return {
    userAgent: `chitieu/${chitieuVersion()}${contact ? ` (+${contact})` : ""}`,
    concurrency: pick("concurrency") ?? 8,
    timeoutMs: pick("timeout") ?? 30_000,
    retries: pick("retries") ?? 3,
    backoffMs: pick("backoff") ?? 1_000,
    maxBackoffMs: 60_000,
    maxRetryAfterMs: pick("maxRetryAfter") ?? 600_000,
    maxRedirects: pick("maxRedirects") ?? 5,
    maxBytes: pick("maxSize") ?? 20 * 1024 * 1024,
    boilerplatePages: pick("boilerplateAfter") ?? 5,
  };
}

function resolveSite(site: SiteInput, defaults: SiteOverrides, cli: SiteOverrides, index: number): SiteConfig {
  const layers = [cli, site, defaults];
  const pick = <K extends keyof SiteOverrides>(key: K): SiteOverrides[K] => layers.map((l) => l[key]).find((v) => v !== undefined);
  const limit = <K extends keyof NonNullable<SiteOverrides["limits"]>>(key: K) => layers.map((l) => l.limits?.[key]).find((v) => v !== undefined);
  const all = [...(site.start ?? []), ...(site.feeds ?? []), ...(site.sitemaps ?? []), ...(site.listings ?? [])];
  const discover = pick("discover") ?? false;
  return {
    name: site.name ?? (all[0] ? siteHost(all[0].replace(/\{n\}/g, "1")) : `site ${index + 1}`),
    start: site.start ?? [],
    feeds: site.feeds ?? [],
    sitemaps: site.sitemaps ?? [],
    listings: site.listings ?? [],
    next: site.next ?? DEFAULT_NEXT_SELECTOR,
    listingPages: limit("listingPages") ?? 5,
    allow: site.articles?.allow ?? [],
    deny: site.articles?.deny ?? [],
    ...(site.selector ? { selector: site.selector } : {}),
    discover,
    pages: limit("pages") ?? 1000,
    depth: limit("depth") ?? (discover ? 2 : 0),
    maxAgeMs: limit("maxAge") ?? null,
    recheckMs: pick("recheck") ?? null,
    delayMs: pick("delay") ?? 1_000,
    concurrency: pick("concurrency") ?? 1,
  };
}

function describePath(keys: PropertyKey[]): string {
  return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("");
}

/** Reads and checks a sources file; JSON is read as the YAML it also is, so both get line numbers. */
export function loadSources(file: string, cli: { settings?: SettingsOverrides; site?: SiteOverrides; urls?: string[] } = {}): Sources {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SourcesError(file, 0, code === "ENOENT" ? "no such file" : `cannot read: ${code ?? (err as Error).message}`);
  }
  let validated: ReturnType<typeof parseValidatedYaml<typeof SourcesFile>>;
  try {
    validated = parseValidatedYaml(text, SourcesFile, (issue) => (issue.path.length ? `${describePath(issue.path)}: ` : "") + issue.message);
  } catch (err) {
    if (err instanceof YamlSchemaError) throw new SourcesError(file, err.line, err.message);
    throw err;
  }
  const { data, doc, lineCounter } = validated;
  const { defaults = {}, sites, ...settings } = data;
  const resolved = sites.map((s, i) => resolveSite(s, defaults, cli.site ?? {}, i));
  sites.forEach((s, i) => {
    const empty = !s.start?.length && !s.feeds?.length && !s.sitemaps?.length && !s.listings?.length;
    if (empty) throw new SourcesError(file, nodeLine(doc.contents, ["sites", i], lineCounter), `sites[${i}]: give at least one of start, feeds, sitemaps, listings`);
  });
  const sources = { settings: resolveSettings(settings, cli.settings ?? {}), sites: [...resolved, ...discoverySites(cli.urls ?? [], cli.site ?? {})] };
  const seen = new Map<string, number>();
  resolved.forEach((site, i) => {
    if (seen.has(site.name)) {
      throw new SourcesError(file, nodeLine(doc.contents, ["sites", i], lineCounter), `sites[${i}]: the name "${site.name}" is also the name of sites[${seen.get(site.name)}]`);
    }
    seen.set(site.name, i);
  });
  return sources;
}

function nodeLine(root: unknown, keys: PropertyKey[], lineCounter: LineCounter): number {
  const node = yamlNodeAt(root, keys);
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}

/** One site per host of the URLs given on the command line, found out from robots.txt, sitemaps, feeds and links. */
export function discoverySites(urls: string[], cli: SiteOverrides): SiteConfig[] {
  const byHost = new Map<string, string[]>();
  for (const url of urls) {
    const host = siteHost(url);
    byHost.set(host, [...(byHost.get(host) ?? []), url]);
  }
  return [...byHost].map(([host, start], i) => resolveSite({ name: host, start, discover: true }, {}, cli, i));
}

/** The crawl settings when nothing is said about them. */
export function defaultSettings(): CrawlSettings {
  return resolveSettings({}, {});
}

/** Sources for URLs given on the command line alone. */
export function urlSources(urls: string[], cli: { settings?: SettingsOverrides; site?: SiteOverrides } = {}): Sources {
  for (const url of urls) {
    if (!httpUrl.safeParse(url).success) throw new Error(`${url}: expected an http:// or https:// URL`);
  }
  return { settings: resolveSettings({}, cli.settings ?? {}), sites: discoverySites(urls, cli.site ?? {}) };
}
