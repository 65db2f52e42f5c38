import { describe, expect, it } from "vitest";
import { UrlPatterns, canonicalUrl, looksLikeArticle, siteHost } from "../../src/crawl/urls.js";

describe("canonicalUrl", () => {
  it("drops the fragment, credentials, default port and tracking parameters, and sorts the rest", () => {
    expect(canonicalUrl("HTTPS://User:pw@Bao.Example.VN:443/tin/a.html?utm_source=zalo&b=2&fbclid=x&a=1&vn_campaign=c#binh-luan")).toBe(
      "https://bao.example.vn/tin/a.html?a=1&b=2",
    );
    expect(canonicalUrl("http://bao.example.vn/tin/a.html?UTM_Medium=rss&gidzl=abc")).toBe("http://bao.example.vn/tin/a.html");
  });

  it("resolves a relative link and refuses what is not http(s)", () => {
    expect(canonicalUrl("../b.html#x", "http://bao.example.vn/tin/a/c.html")).toBe("http://bao.example.vn/tin/b.html");
    expect(canonicalUrl("mailto:toasoan@example.vn")).toBeNull();
    expect(canonicalUrl("javascript:void(0)", "http://bao.example.vn/")).toBeNull();
    expect(canonicalUrl("http://")).toBeNull();
  });

  it("keeps parameters that choose the page", () => {
    expect(canonicalUrl("http://portal.example.vn/news.aspx?id=123&page=2")).toBe("http://portal.example.vn/news.aspx?id=123&page=2");
  });
});

describe("siteHost", () => {
  it("takes www. off and keeps the port", () => {
    expect(siteHost("https://www.baohaugiang.com.vn/a")).toBe("baohaugiang.com.vn");
    expect(siteHost("http://127.0.0.1:8080/a")).toBe("127.0.0.1:8080");
  });
});

describe("looksLikeArticle", () => {
  it.each([
    ["https://bao.example.vn/huy-dong-cac-nguon-luc-giam-ngheo-ben-vung-20250108.htm", true],
    ["https://bao.example.vn/kinh-te/giam-ngheo-ben-vung-ca-nuoc.html", true],
    ["https://portal.example.vn/tin-tuc/chi-tiet?id=48213", true],
    ["https://bao.example.vn/p/1234567", true],
    ["https://bao.example.vn/kinh-te/", false],
    ["https://bao.example.vn/thoi-su.htm", false],
    ["https://bao.example.vn/", false],
    ["https://bao.example.vn/lien-he.html", false],
  ])("%s → %s", (url, expected) => {
    expect(looksLikeArticle(url)).toBe(expected);
  });
});

describe("UrlPatterns", () => {
  const patterns = new UrlPatterns(["/tin-tuc/**/*.html", "re:-\\d{6,}\\.htm$"], ["/tin-tuc/video/**"]);

  it("allows what an allow pattern matches, unless a deny pattern does", () => {
    expect(patterns.allowed("https://bao.example.vn/tin-tuc/kinh-te/a-b.html")).toBe(true);
    expect(patterns.allowed("https://bao.example.vn/tin-tuc/video/a-b.html")).toBe(false);
    expect(patterns.allowed("https://bao.example.vn/giam-ngheo-20250108.htm")).toBe(true);
    expect(patterns.allowed("https://bao.example.vn/gioi-thieu.html")).toBe(false);
    expect(patterns.restricted).toBe(true);
  });

  it("matches globs against the decoded path", () => {
    expect(new UrlPatterns(["/tin tức/*.html"], []).allowed("https://bao.example.vn/tin%20t%E1%BB%A9c/a.html")).toBe(true);
  });

  it("allows everything not denied when there is no allow pattern", () => {
    const open = new UrlPatterns([], ["/video/**"]);
    expect(open.restricted).toBe(false);
    expect(open.allowed("https://bao.example.vn/x.html")).toBe(true);
    expect(open.denied("https://bao.example.vn/video/x.html")).toBe(true);
  });
});
