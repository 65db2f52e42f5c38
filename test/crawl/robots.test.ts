import { describe, expect, it } from "vitest";
import { FetchFailure, type HttpResponse } from "../../src/crawl/fetcher.js";
import { robotsRules, robotsUrl } from "../../src/crawl/robots.js";

const URL = "https://bao.example.vn/robots.txt";
const UA = "chitieu/0.1.0 (+ops@example.vn)";

function response(text: string): HttpResponse {
  return { status: 200, url: URL, redirects: [], headers: {}, body: Buffer.from(text), mediaType: "text/plain", charset: null };
}

describe("robotsRules", () => {
  it("obeys the group for our product token, its Crawl-delay and Sitemap lines", () => {
    const rules = robotsRules(URL, UA, response(`User-agent: *\nDisallow: /\n\nUser-agent: chitieu\nDisallow: /quan-tri/\nAllow: /quan-tri/cong-khai/\nCrawl-delay: 2.5\n\nSitemap: https://bao.example.vn/sitemap.xml\n`));
    expect(rules.allowed("https://bao.example.vn/tin/a.html")).toBe(true);
    expect(rules.allowed("https://bao.example.vn/quan-tri/a.html")).toBe(false);
    expect(rules.allowed("https://bao.example.vn/quan-tri/cong-khai/a.html")).toBe(true);
    expect(rules.crawlDelayMs).toBe(2500);
    expect(rules.sitemaps).toEqual(["https://bao.example.vn/sitemap.xml"]);
  });

  it("allows everything when there is no robots.txt (4xx)", () => {
    const rules = robotsRules(URL, UA, new FetchFailure(URL, "HTTP 404", "Not Found", false));
    expect(rules.allowed("https://bao.example.vn/any")).toBe(true);
    expect(rules.unreachable).toBeUndefined();
  });

  it("forbids everything while robots.txt cannot be had (5xx, 429, timeout)", () => {
    for (const failure of [new FetchFailure(URL, "HTTP 503", "", true), new FetchFailure(URL, "HTTP 429", "", true), new FetchFailure(URL, "timeout", "", true)]) {
      const rules = robotsRules(URL, UA, failure);
      expect(rules.allowed("https://bao.example.vn/any")).toBe(false);
      expect(rules.unreachable).toBe(`robots.txt unreachable: ${failure.reason}`);
    }
  });

  it("is at the root of the page's origin", () => {
    expect(robotsUrl("https://bao.example.vn:8443/tin/a.html?x=1")).toBe("https://bao.example.vn:8443/robots.txt");
  });
});
