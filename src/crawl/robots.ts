/**
 * robots.txt as RFC 9309 reads it: a file that is not there (4xx) allows
 * everything; one that cannot be had (5xx, timeout, network) forbids
 * everything for now, since we cannot know what it says. Crawl-delay and
 * Sitemap lines are read too.
 */
import robotsParserModule from "robots-parser";
import { decodeText } from "../ingest/index.js";
import { FetchFailure, type HttpResponse } from "./fetcher.js";

// The package is CommonJS exporting the function itself, while its types declare it as the default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  allowed(url: string): boolean;
  /** Crawl-delay for our user agent, in milliseconds. */
  crawlDelayMs?: number;
  sitemaps: string[];
  /** Why everything is forbidden, when robots.txt could not be had. */
  unreachable?: string;
}

/** Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export function robotsUrl(pageUrl: string): string {
  return new URL("/robots.txt", pageUrl).toString();
}

/** The rules from a fetch of robots.txt, or from how it failed. */
export function robotsRules(url: string, userAgent: string, outcome: HttpResponse | FetchFailure): RobotsRules {
  if (outcome instanceof FetchFailure) {
    const status = /^HTTP (\d{3})$/.exec(outcome.reason)?.[1];
    // 429 is the server asking us to wait, not saying there is no file.
    if (status && Number(status) >= 400 && Number(status) < 500 && status !== "429") return { allowed: () => true, sitemaps: [] };
    const unreachable = `robots.txt unreachable: ${outcome.reason}`;
    return { allowed: () => false, sitemaps: [], unreachable };
  }
  const robots = robotsParser(url, decodeText(outcome.body, outcome.charset ?? undefined).text);
  const delay = robots.getCrawlDelay(userAgent);
  return {
    // A URL the file cannot speak for (another host) is not forbidden by it.
    allowed: (page) => robots.isAllowed(page, userAgent) ?? true,
    ...(delay !== undefined && delay > 0 ? { crawlDelayMs: delay * 1000 } : {}),
    sitemaps: robots.getSitemaps(),
  };
}
