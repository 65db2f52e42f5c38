/**
 * One HTTP fetch as a polite crawler makes it: Node's fetch with redirects
 * followed by hand (so each hop waits its host's turn, is checked against
 * robots.txt, counted, and a loop is caught), a timeout over the whole
 * exchange, a size limit enforced while reading, conditional headers, and a
 * failure that says whether trying again could help.
 */
import { StoppedError, retryAfterMs } from "./politeness.js";

export interface HttpSettings {
  userAgent: string;
  /** For the whole exchange of one request: connection, headers and body. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  maxRedirects: number;
}

export interface FetchRequest {
  url: string;
  accept: string;
  /** Validators of the copy we have, for a conditional request. */
  etag?: string | null;
  lastModified?: string | null;
  /** Whether a body of this media type (lower case, no parameters; "" when none is given) is wanted at all. */
  wants(mediaType: string): boolean;
}

export interface FetchHooks {
  /** Waits for the turn of the URL's host; called before every request, redirect hops included. */
  beforeRequest(url: string): Promise<void>;
  /** Called when a request is over, whatever came of it. */
  afterRequest(url: string): void;
  /** Why a redirect to `url` must not be followed (another site, robots.txt), or null to follow it. */
  refuseRedirect(url: string): Promise<string | null>;
  /** Aborts the request in flight when the crawl is stopped. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** 2xx, or 304 when the copy we have is still current. */
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: string[];
  headers: Record<string, string>;
  /** Empty for a 304. */
  body: Buffer;
  mediaType: string;
  charset: string | null;
}

/**
 * A fetch that gave nothing usable. `reason` is short and shared by like
 * failures (it is what reports count); `detail` is about this URL. `skip`
 * marks what is not a failure of the site (a link to an image).
 */
export class FetchFailure extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly detail: string,
    readonly retry: boolean,
    readonly retryAfterMs?: number,
    readonly skip = false,
  ) {
    super(`${url}: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "FetchFailure";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function charsetOf(contentType: string | null): string | null {
  return /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? null;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

export async function fetchUrl(request: FetchRequest, settings: HttpSettings, hooks: FetchHooks): Promise<HttpResponse> {
  const redirects: string[] = [];
  const seen = new Set<string>([withoutFragment(request.url)]);
  let current = request.url;
  for (;;) {
    await hooks.beforeRequest(current);
    let answer: Answer;
    try {
      answer = await exchange(current, request, settings, hooks.signal);
    } finally {
      hooks.afterRequest(current);
    }
    if (answer.kind === "response") return { ...answer.response, redirects };
    const target = withoutFragment(new URL(answer.location, current).toString());
    if (seen.has(target)) throw new FetchFailure(request.url, "redirect loop", `back to ${target}`, false);
    if (redirects.length >= settings.maxRedirects) {
      throw new FetchFailure(request.url, "too many redirects", `more than ${settings.maxRedirects}`, false);
    }
    const refused = await hooks.refuseRedirect(target);
    if (refused) throw new FetchFailure(request.url, refused, `redirected to ${target}`, false, undefined, true);
    seen.add(target);
    redirects.push(target);
    current = target;
  }
}

function withoutFragment(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return u.toString();
}

type Answer = { kind: "response"; response: Omit<HttpResponse, "redirects"> } | { kind: "redirect"; location: string };

/** One request and its body, within the timeout. */
async function exchange(url: string, request: FetchRequest, settings: HttpSettings, stop?: AbortSignal): Promise<Answer> {
  if (stop?.aborted) throw new StoppedError();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
  const signal = stop ? AbortSignal.any([timeout.signal, stop]) : timeout.signal;
  const headers: Record<string, string> = { "user-agent": settings.userAgent, accept: request.accept };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  try {
    const res = await fetch(url, { headers, redirect: "manual", signal });
    const location = res.headers.get("location");
    if (REDIRECTS.has(res.status) && location) {
      await res.body?.cancel();
      return { kind: "redirect", location };
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { kind: "response", response: described(res, url, Buffer.alloc(0)) };
    }
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel();
      throw new FetchFailure(url, `HTTP ${res.status}`, res.statusText, true, retryAfterMs(res.headers.get("retry-after")));
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel();
      throw new FetchFailure(url, `HTTP ${res.status}`, res.statusText, false);
    }
    const mediaType = mediaTypeOf(res.headers.get("content-type"));
    if (!request.wants(mediaType)) {
      await res.body?.cancel();
      throw new FetchFailure(url, "not a document", mediaType, false, undefined, true);
    }
    const declared = Number(res.headers.get("content-length"));
    if (declared > settings.maxBytes) {
      await res.body?.cancel();
      throw new FetchFailure(url, "too large", `${formatBytes(declared)}, limit ${formatBytes(settings.maxBytes)}`, false);
    }
    const body = await readBody(url, res, settings.maxBytes, timeout);
    return { kind: "response", response: described(res, url, body) };
  } catch (err) {
    if (err instanceof FetchFailure) throw err;
    if (stop?.aborted) throw new StoppedError();
    if (timeout.signal.aborted) {
      throw new FetchFailure(url, "timeout", `no complete answer in ${(settings.timeoutMs / 1000).toFixed(1)} s`, true);
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchFailure(url, "network error", cause?.code ?? cause?.message ?? (err as Error).message, true);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the body, stopping (and dropping the connection) as soon as it passes the limit. */
async function readBody(url: string, res: Response, maxBytes: number, abort: AbortController): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      abort.abort();
      throw new FetchFailure(url, "too large", `over ${formatBytes(maxBytes)}`, false);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, total);
}

function described(res: Response, url: string, body: Buffer): Omit<HttpResponse, "redirects"> {
  const contentType = res.headers.get("content-type");
  return {
    status: res.status,
    url,
    headers: Object.fromEntries(res.headers),
    body,
    mediaType: mediaTypeOf(contentType),
    charset: charsetOf(contentType),
  };
}
