import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { DiscoveryError, parseFeed, parsePage, parseSitemap, xmlText } from "../../src/crawl/discover.js";

const BASE = "https://bao.example.vn/rss/kinh-te.rss";

describe("parseFeed", () => {
  it("reads RSS 2.0 items: link, or a permalink guid, with the publication date", () => {
    const links = parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Kinh tế</title>
      <item><title>Một</title><link>https://bao.example.vn/mot-hai-ba-bon.html?a=1&amp;b=2</link><pubDate>Wed, 08 Jan 2025 10:26:00 +0700</pubDate></item>
      <item><title>Hai</title><guid>https://bao.example.vn/hai.html</guid></item>
      <item><title>Ba</title><guid isPermaLink="false">id-3</guid></item>
      <item><title>Bốn</title><link><![CDATA[/bon-nam-sau-bay.html]]></link></item>
      </channel></rss>`,
      BASE,
    );
    expect(links).toEqual([
      { url: "https://bao.example.vn/mot-hai-ba-bon.html?a=1&b=2", dated: "2025-01-08T03:26:00.000Z" },
      { url: "https://bao.example.vn/hai.html", dated: undefined },
      { url: "https://bao.example.vn/bon-nam-sau-bay.html", dated: undefined },
    ]);
  });

  it("reads Atom entries by their alternate link, and RSS 1.0 (RDF) items", () => {
    const atom = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="/self"/><link rel="alternate" href="/a.html"/><published>2025-01-02T00:00:00Z</published></entry>
       <entry><link href="https://bao.example.vn/b.html"/><updated>2025-01-03T00:00:00+07:00</updated></entry></feed>`,
      BASE,
    );
    expect(atom).toEqual([
      { url: "https://bao.example.vn/a.html", dated: "2025-01-02T00:00:00.000Z" },
      { url: "https://bao.example.vn/b.html", dated: "2025-01-02T17:00:00.000Z" },
    ]);
    const rdf = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
       <channel><title>x</title></channel><item><link>https://bao.example.vn/c.html</link><dc:date>2025-01-04</dc:date></item></rdf:RDF>`,
      BASE,
    );
    expect(rdf).toEqual([{ url: "https://bao.example.vn/c.html", dated: "2025-01-04T00:00:00.000Z" }]);
  });

  it("says what is wrong with something that is not a feed", () => {
    expect(() => parseFeed("<html><body>Trang lỗi</body></html>", BASE)).toThrow(new DiscoveryError("not an RSS or Atom feed"));
    expect(() => parseFeed("<rss><channel><item></channel></rss>", BASE)).toThrow(/^not well-formed XML: line 1: /);
  });
});

describe("parseSitemap", () => {
  it("reads a sitemap index and a urlset with Google News dates", () => {
    const index = parseSitemap(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://bao.example.vn/s1.xml.gz</loc><lastmod>2025-01-05</lastmod></sitemap></sitemapindex>`,
      BASE,
    );
    expect(index).toEqual({ pages: [], sitemaps: [{ url: "https://bao.example.vn/s1.xml.gz", dated: "2025-01-05T00:00:00.000Z" }] });
    const urlset = parseSitemap(
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
       <url><loc> https://bao.example.vn/a.html </loc><lastmod>2025-01-06</lastmod><news:news><news:publication_date>2025-01-01T08:00:00+07:00</news:publication_date></news:news></url>
       <url><loc>https://bao.example.vn/b.html</loc></url></urlset>`,
      BASE,
    );
    expect(urlset.pages).toEqual([
      { url: "https://bao.example.vn/a.html", dated: "2025-01-01T01:00:00.000Z" },
      { url: "https://bao.example.vn/b.html", dated: undefined },
    ]);
  });

  it("refuses XML that is neither", () => {
    expect(() => parseSitemap("<rss/>", BASE)).toThrow("not a sitemap (no urlset or sitemapindex)");
  });
});

describe("xmlText", () => {
  it("gunzips a gzipped body, within the size limit", () => {
    const xml = `<urlset><url><loc>https://bao.example.vn/ă.html</loc></url></urlset>`;
    expect(xmlText(zlib.gzipSync(xml), null, 10_000)).toBe(xml);
    expect(() => xmlText(zlib.gzipSync("x".repeat(20_000)), null, 10_000)).toThrow("too large once uncompressed (limit 10000 bytes)");
    expect(() => xmlText(Buffer.from([0x1f, 0x8b, 1, 2, 3]), null, 10_000)).toThrow("broken gzip data");
  });
});

describe("parsePage", () => {
  const html = `<html><head><base href="https://bao.example.vn/tin/">
    <link rel="canonical" href="/tin/bai-goc.html"><link rel="alternate" type="application/rss+xml" href="/rss.xml">
    <meta property="og:type" content="article"></head>
    <body><a href="a.html">A</a><a href="mailto:x@y.vn">thư</a><a href="/b.html#c">B</a><a class="sau" href="?trang=2">Sau</a></body></html>`;

  it("finds links against the base, the canonical URL, feeds and whether it is an article", () => {
    const page = parsePage(html, "https://bao.example.vn/tin/trang.html");
    expect(page.links).toEqual(["https://bao.example.vn/tin/a.html", "https://bao.example.vn/b.html#c", "https://bao.example.vn/tin/?trang=2"]);
    expect(page.canonical).toBe("https://bao.example.vn/tin/bai-goc.html");
    expect(page.feeds).toEqual(["https://bao.example.vn/rss.xml"]);
    expect(page.isArticle).toBe(true);
    expect(page.next).toEqual([]);
  });

  it("finds the next page by rel=next or by the site's own selector", () => {
    expect(parsePage(html, "https://bao.example.vn/tin/", "a.sau").next).toEqual(["https://bao.example.vn/tin/?trang=2"]);
    expect(parsePage(`<link rel="next" href="/p2">`, "https://bao.example.vn/").next).toEqual(["https://bao.example.vn/p2"]);
  });

  it("tells an article by its JSON-LD type", () => {
    const ld = (type: string) => `<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":${JSON.stringify(type)}}]}</script>`;
    expect(parsePage(ld("NewsArticle"), BASE).isArticle).toBe(true);
    expect(parsePage(ld("CollectionPage"), BASE).isArticle).toBe(false);
    expect(parsePage(`<script type="application/ld+json">{broken</script>`, BASE).isArticle).toBe(false);
  });
});
