/**
 * URLs as the crawler remembers them. One article reached through several
 * links must be one URL: fragments, credentials, default ports and tracking
 * parameters (rules/crawl/urls.yaml) go, the remaining query parameters are
 * sorted. Article URLs are told from navigation by the site's allow/deny
 * patterns or, without them, by the shape of the URL.
 */
import picomatch from "picomatch";
import { z } from "zod";
import { loadYaml } from "../rulebook/index.js";

const UrlRules = z.object({ tracking: z.array(z.string().min(1)) });

let trackingTest: ((name: string) => boolean) | null = null;

function isTracking(name: string): boolean {
  if (!trackingTest) {
    const { tracking } = loadYaml("crawl/urls.yaml", UrlRules);
    const exact = new Set(tracking.filter((t) => !t.endsWith("*")).map((t) => t.toLowerCase()));
    const prefixes = tracking.filter((t) => t.endsWith("*")).map((t) => t.slice(0, -1).toLowerCase());
    trackingTest = (n) => exact.has(n) || prefixes.some((p) => n.startsWith(p));
  }
  return trackingTest(name.toLowerCase());
}

/** The canonical form of `href` (resolved against `base`), or null when it is not an http(s) URL. */
export function canonicalUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : "";
  return url.toString();
}

/** host[:port] of a URL: the unit of politeness (robots.txt, delay, concurrency). */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/** The host without a leading "www.": a site's pages may be linked with or without it. */
export function siteHost(url: string): string {
  return new URL(url).host.replace(/^www\./, "");
}

/**
 * Whether a URL's path looks like an article's rather than a section's: a
 * long slug ("giam-ngheo-ben-vung-ca-nuoc") or a long number (an article id).
 */
export function looksLikeArticle(url: string): boolean {
  const { pathname, search } = new URL(url);
  const last = decoded(pathname.split("/").filter(Boolean).at(-1) ?? "").replace(/\.(s?html?|aspx?|php|jsp)$/i, "");
  if (last.split(/[-_]/).filter(Boolean).length >= 4) return true;
  return /\d{5,}/.test(last) || /[?&](id|newsid|articleid|itemid)=\d+/i.test(search);
}

/**
 * URL patterns of a site: a glob matched against the URL's path
 * ("/tin-tuc/**\/*.html"), or a regular expression after "re:" matched
 * against the whole URL ("re:-\d{6,}\.htm$").
 */
export class UrlPatterns {
  private readonly allowTests: Array<(url: URL) => boolean>;
  private readonly denyTests: Array<(url: URL) => boolean>;

  constructor(allow: readonly string[], deny: readonly string[]) {
    this.allowTests = allow.map(compilePattern);
    this.denyTests = deny.map(compilePattern);
  }

  /** True when some allow pattern is given: only URLs matching one are articles. */
  get restricted(): boolean {
    return this.allowTests.length > 0;
  }

  denied(url: string): boolean {
    const u = new URL(url);
    return this.denyTests.some((t) => t(u));
  }

  /** Allowed by the patterns: not denied, and matching an allow pattern when there are any. */
  allowed(url: string): boolean {
    const u = new URL(url);
    if (this.denyTests.some((t) => t(u))) return false;
    return this.allowTests.length === 0 || this.allowTests.some((t) => t(u));
  }
}

/** Compiles one pattern; throws with the reason when a "re:" pattern is not a valid expression. */
export function compilePattern(pattern: string): (url: URL) => boolean {
  if (pattern.startsWith("re:")) {
    const re = new RegExp(pattern.slice(3), "u");
    return (url) => re.test(url.toString());
  }
  const match = picomatch(pattern, { dot: true });
  return (url) => match(decoded(url.pathname));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
