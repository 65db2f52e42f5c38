/**
 * What a fetched page tells the crawler about other pages: the items of an
 * RSS, RSS 1.0 (RDF) or Atom feed; the pages or child sitemaps of a sitemap
 * (gzipped or not, Google News dates included); the links, next page, feeds
 * and canonical URL of an HTML page, and whether it presents itself as an
 * article.
 */
import zlib from "node:zlib";
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeText } from "../ingest/index.js";

/** A link with the date its feed or sitemap gives, if any (ISO 8601). */
export interface FoundLink {
  url: string;
  dated?: string;
}

/** A feed or sitemap that cannot be read; `reason` is one short line. */
export class DiscoveryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "DiscoveryError";
  }
}

const REPEATED = new Set(["item", "entry", "url", "sitemap", "link"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

type XmlNode = Record<string, unknown>;

const GZIP_MAGIC = [0x1f, 0x8b];

/** The XML text of a feed or sitemap body, gunzipped when it is gzip (a .xml.gz served as is). */
export function xmlText(body: Buffer, charset: string | null, maxBytes: number): string {
  let bytes = body;
  if (body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1]) {
    try {
      bytes = zlib.gunzipSync(body, { maxOutputLength: maxBytes });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DiscoveryError(code === "ERR_BUFFER_TOO_LARGE" ? `too large once uncompressed (limit ${maxBytes} bytes)` : "broken gzip data");
    }
  }
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString("latin1"))?.[1];
  return decodeText(bytes, charset ?? declared).text;
}

function parseXml(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new DiscoveryError(`not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`);
  return parser.parse(text) as XmlNode;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === "object") return textOf((value as XmlNode)["#text"]);
  return undefined;
}

function isoDate(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function nodes(value: unknown): XmlNode[] {
  if (Array.isArray(value)) return value.filter((v): v is XmlNode => !!v && typeof v === "object");
  return value && typeof value === "object" ? [value as XmlNode] : [];
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** The article links of an RSS 2.0, RSS 1.0 or Atom feed, in feed order. */
export function parseFeed(text: string, base: string): FoundLink[] {
  const doc = parseXml(text);
  const rss = doc.rss as XmlNode | undefined;
  const rdf = doc.RDF as XmlNode | undefined;
  const atom = doc.feed as XmlNode | undefined;
  if (atom) {
    return nodes(atom.entry).flatMap((entry) => {
      const links = (entry.link as unknown[] | undefined) ?? [];
      const alternate = nodes(links).find((l) => (l["@rel"] ?? "alternate") === "alternate") ?? nodes(links)[0];
      const url = absolute((alternate?.["@href"] as string | undefined) ?? textOf(links), base);
      return url ? [{ url, dated: isoDate(entry.published) ?? isoDate(entry.updated) }] : [];
    });
  }
  const items = rss ? nodes(nodes(rss.channel)[0]?.item) : rdf ? nodes(rdf.item) : null;
  if (!items) throw new DiscoveryError("not an RSS or Atom feed");
  return items.flatMap((item) => {
    const guid = item.guid as XmlNode | string | undefined;
    const permalink = typeof guid === "object" && guid?.["@isPermaLink"] === "false" ? undefined : textOf(guid);
    const url = absolute(textOf(item.link) ?? (permalink && /^https?:/i.test(permalink) ? permalink : undefined), base);
    return url ? [{ url, dated: isoDate(item.pubDate) ?? isoDate(item.date) ?? isoDate(item.published) }] : [];
  });
}

/** A sitemap's pages (urlset) or child sitemaps (sitemapindex). */
export function parseSitemap(text: string, base: string): { pages: FoundLink[]; sitemaps: FoundLink[] } {
  const doc = parseXml(text);
  const entries = (list: unknown, date: (n: XmlNode) => string | undefined): FoundLink[] =>
    nodes(list).flatMap((n) => {
      const url = absolute(textOf(n.loc), base);
      return url ? [{ url, dated: date(n) }] : [];
    });
  const index = doc.sitemapindex as XmlNode | undefined;
  if (index) return { pages: [], sitemaps: entries(index.sitemap, (n) => isoDate(n.lastmod)) };
  const urlset = doc.urlset as XmlNode | undefined;
  if (urlset) {
    const published = (n: XmlNode) => isoDate((nodes(n.news)[0] ?? {}).publication_date) ?? isoDate(n.lastmod);
    return { pages: entries(urlset.url, published), sitemaps: [] };
  }
  throw new DiscoveryError("not a sitemap (no urlset or sitemapindex)");
}

export interface PageLinks {
  /** Every link of the page, absolute, in document order. */
  links: string[];
  /** The next page of a listing. */
  next: string[];
  /** Feeds the page announces (link rel=alternate). */
  feeds: string[];
  /** The URL the page names as its own (link rel=canonical). */
  canonical?: string;
  /** The page presents itself as an article (og:type, article:published_time, JSON-LD). */
  isArticle: boolean;
}

export const DEFAULT_NEXT_SELECTOR = 'link[rel~="next"], a[rel~="next"]';
const ARTICLE_TYPES = /^(?:News|Reportage|Analysis|Opinion|Report|Scholarly|Tech)?Article$|^BlogPosting$/;

function announcesArticle($: cheerio.CheerioAPI): boolean {
  if (/^article$/i.test($('meta[property="og:type"]').attr("content")?.trim() ?? "")) return true;
  if ($('meta[property="article:published_time"]').length) return true;
  let found = false;
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const visit = (v: unknown): void => {
        if (found || !v || typeof v !== "object") return;
        if (Array.isArray(v)) return v.forEach(visit);
        const o = v as Record<string, unknown>;
        const types = Array.isArray(o["@type"]) ? o["@type"] : [o["@type"]];
        if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) found = true;
        visit(o["@graph"]);
      };
      visit(JSON.parse($(el).text()));
    } catch {
      // A broken JSON-LD block says nothing.
    }
  });
  return found;
}

/** Links, pagination, feeds and identity of an HTML page; `nextSelector` is the site's own next-page link, if it has one. */
export function parsePage(html: string, url: string, nextSelector = DEFAULT_NEXT_SELECTOR): PageLinks {
  const $ = cheerio.load(html);
  const base = absolute($("base[href]").first().attr("href"), url) ?? url;
  const hrefs = (selector: string) =>
    $(selector)
      .toArray()
      .map((el) => absolute($(el).attr("href"), base))
      .filter((u): u is string => u !== undefined && /^https?:/i.test(u));
  return {
    links: hrefs("a[href]"),
    next: hrefs(nextSelector),
    feeds: hrefs('link[rel~="alternate"][type="application/rss+xml"], link[rel~="alternate"][type="application/atom+xml"]'),
    canonical: hrefs('link[rel~="canonical"]')[0],
    isArticle: announcesArticle($),
  };
}
