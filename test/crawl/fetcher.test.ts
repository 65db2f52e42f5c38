/** One fetch against a server on 127.0.0.1: redirects, validators, limits, and what a failure says. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchFailure, fetchUrl, type FetchHooks, type FetchRequest } from "../../src/crawl/fetcher.js";

let server: http.Server;
let origin: string;
const seen: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ path: url.pathname, headers: req.headers });
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (hop) return void res.writeHead(302, { location: Number(hop[1]) > 0 ? `/hop/${Number(hop[1]) - 1}` : "/page" }).end();
    switch (url.pathname) {
      case "/page":
        if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res.writeHead(200, { "content-type": "text/html; charset=windows-1258", etag: '"v1"' }).end("<p>Trang</p>");
      case "/away":
        return void res.writeHead(301, { location: "https://example.invalid/elsewhere" }).end();
      case "/gone":
        return void res.writeHead(404, { "content-type": "text/plain" }).end("không có");
      case "/busy":
        return void res.writeHead(503, { "retry-after": "7" }).end();
      default:
        return void res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.alloc(10));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = { userAgent: "chitieu/test", timeoutMs: 2000, maxBytes: 1000, maxRedirects: 3 };
const before: string[] = [];
const hooks: FetchHooks = {
  beforeRequest: async (url) => void before.push(new URL(url).pathname),
  afterRequest: () => undefined,
  refuseRedirect: async (url) => (new URL(url).hostname === "127.0.0.1" ? null : "redirect off site"),
};
const request = (p: string, extra: Partial<FetchRequest> = {}): FetchRequest => ({ url: origin + p, accept: "text/html", wants: (t) => t === "text/html", ...extra });

async function failure(p: string, extra: Partial<FetchRequest> = {}): Promise<FetchFailure> {
  try {
    await fetchUrl(request(p, extra), settings, hooks);
  } catch (err) {
    return err as FetchFailure;
  }
  throw new Error("no failure");
}

describe("fetchUrl", () => {
  it("follows redirects hop by hop, each through the host's turn, and reads the charset", async () => {
    before.length = 0;
    const response = await fetchUrl(request("/hop/2"), settings, hooks);
    expect(before).toEqual(["/hop/2", "/hop/1", "/hop/0", "/page"]);
    expect(response).toMatchObject({ status: 200, url: `${origin}/page`, redirects: [`${origin}/hop/1`, `${origin}/hop/0`, `${origin}/page`], mediaType: "text/html", charset: "windows-1258" });
    expect(response.body.toString()).toBe("<p>Trang</p>");
    expect(seen.at(-1)?.headers["user-agent"]).toBe("chitieu/test");
  });

  it("stops after the redirect limit, and where the caller refuses to go", async () => {
    expect(await failure("/hop/5")).toMatchObject({ reason: "too many redirects", retry: false });
    expect(await failure("/away")).toMatchObject({ reason: "redirect off site", skip: true, retry: false });
  });

  it("asks conditionally and passes a 304 on", async () => {
    const response = await fetchUrl(request("/page", { etag: '"v1"', lastModified: "Mon, 06 Jan 2025 08:00:00 GMT" }), settings, hooks);
    expect(response.status).toBe(304);
    expect(response.body.length).toBe(0);
    expect(seen.at(-1)?.headers["if-modified-since"]).toBe("Mon, 06 Jan 2025 08:00:00 GMT");
  });

  it("says whether a failure may pass: not a 404, but a 503 (with its Retry-After)", async () => {
    expect(await failure("/gone")).toMatchObject({ reason: "HTTP 404", retry: false });
    expect(await failure("/busy")).toMatchObject({ reason: "HTTP 503", retry: true, retryAfterMs: 7000 });
  });

  it("does not read a body it does not want", async () => {
    expect(await failure("/photo.jpg")).toMatchObject({ reason: "not a document", detail: "image/jpeg", skip: true });
  });

  it("names a network failure", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await fetchUrl({ url: `http://127.0.0.1:${port}/`, accept: "*/*", wants: () => true }, settings, hooks).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "network error", detail: "ECONNREFUSED", retry: true });
  });
});
