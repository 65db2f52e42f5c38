/**
 * The review server: a small HTTP server over one store, serving the page
 * shell, the client script files and a JSON API. Safety, in order of the
 * request's path through `handle`:
 * - it listens on 127.0.0.1 unless told otherwise, and another address needs a
 *   token (sent once as ?token=, then kept in an HttpOnly cookie);
 * - without a token only loopback Host headers are served (no DNS rebinding);
 * - every response carries a Content-Security-Policy that allows scripts from
 *   this origin's files only (no inline script) and no framing;
 * - state-changing requests are POSTs of JSON with the session's CSRF token
 *   in a header, from this origin;
 * - every parameter and body is parsed with zod (schemas.ts) before use.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { loadExtractionRules, type CompiledRole } from "../extract/rules.js";
import { QueryError, StoreError } from "../store/errors.js";
import { exportLines } from "../store/export.js";
import { recordIndicatorMapping } from "../store/mappings.js";
import { decisionHistory, recordDecision, undoDecision, type Correction } from "../store/review.js";
import {
  chartData,
  chartSubjects,
  dataVersion,
  decisionsByReviewer,
  earlierDecisions,
  lastUndoableDecision,
  orphanedDecisionCount,
  recentDecisions,
  recordContext,
  recordsByIds,
  rejectedAndCorrected,
  reviewers,
  reviewFacets,
  reviewQueue,
  isKnownIndicator,
  isKnownPlace,
  type MentionRecord,
} from "../store/review-queries.js";
import type { IndicatorStore } from "../store/types.js";
import { compareReviewers } from "./agreement.js";
import { BackgroundChecks } from "./background.js";
import { exampleLines, reviewExamples, type ExampleFile } from "./examples.js";
import { groundRecord, type GroundedRecord } from "./grounding.js";
import { INDEX_HTML, STYLESHEET } from "./page.js";
import {
  AgreementParams,
  ChartParams,
  ConflictParams,
  DecisionBody,
  ExamplesFile,
  ExportParams,
  MentionId,
  QueueParams,
  RecentParams,
  UndoBody,
  type CorrectionForm,
} from "./schemas.js";

/** The client's script files: next to this module (src/ when run from source, dist/ once built). */
const CLIENT_DIR = fileURLToPath(new URL("./client/", import.meta.url));

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TOKEN_COOKIE = "chitieu_review_token";
/** Records shown side by side per conflict or check (the rest open in the queue). */
const RECORDS_PER_GROUP = 12;
const FAILED_CHECKS_SHOWN = 50;
const MAX_BODY_BYTES = 64 * 1024;
const MIN_TOKEN_LENGTH = 16;

export interface ReviewServerOptions {
  /** The store, opened for writing (decisions are written to it). */
  store: IndicatorStore;
  /** Address to listen on; 127.0.0.1 by default. Any other than loopback needs `token`. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Required to listen on an address other than loopback; every request must then carry it. */
  token?: string;
}

export interface RunningReviewServer {
  /** The server's address ("http://127.0.0.1:8080"). */
  url: string;
  /** The address to open in a browser: with the token when one is required. */
  openUrl: string;
  close(): Promise<void>;
}

/** A problem with how the server was asked to start (address, token, missing client files). */
export class ReviewSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewSetupError";
  }
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly issues?: Array<{ path: string; message: string }>) {
    super(message);
  }
}

function invalid(path: string, message: string): never {
  throw new HttpError(400, `invalid input: ${path}: ${message}`, [{ path, message }]);
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function clientFiles(): Map<string, string> {
  let names: string[];
  try {
    names = fs.readdirSync(CLIENT_DIR).filter((n) => /^[a-z][a-z-]*\.js$/.test(n));
  } catch {
    throw new ReviewSetupError(`${CLIENT_DIR}: the review page's script files are missing (run npm run build)`);
  }
  if (!names.includes("app.js")) throw new ReviewSetupError(`${CLIENT_DIR}: app.js is missing (run npm run build)`);
  return new Map(names.map((n) => [n, fs.readFileSync(new URL(`./client/${n}`, import.meta.url), "utf8")]));
}

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
const sameSecret = (given: string, secret: string) => crypto.timingSafeEqual(digest(given), digest(secret));

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Query parameters as an object; a parameter given twice is refused rather than silently picked. */
function params(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in out) throw new HttpError(400, `parameter ${key} is given more than once`);
    out[key] = value;
  }
  return out;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new HttpError(400, `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`, issues);
  }
  return result.data;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  if (!/^application\/json(;|$)/i.test(req.headers["content-type"] ?? "")) throw new HttpError(415, "send JSON (Content-Type: application/json)");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "the request body is not valid JSON");
  }
}

/** A document's link, only when it is an http(s) URL: anything else (javascript:, file paths) is shown as text. */
function safeLink(...candidates: Array<string | null>): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {
      // not a URL: a file path, shown as text
    }
  }
  return null;
}

/** A record as the mentions view (or a decision's copy of it) holds it: it has every field grounding reads. */
const grounded = (record: Record<string, unknown>): GroundedRecord => record as unknown as GroundedRecord;

/** The corrected record from the edit form, on top of the record as it reads now. */
function correctionFrom(form: CorrectionForm, before: MentionRecord): Partial<Correction> {
  // Base-unit values are normalisation's to compute: they stay only while the quantity is unchanged.
  const sameQuantity = form.value === before.value && form.value_max === before.value_max && form.unit === before.unit;
  return {
    ...form,
    resolved_period: form.period === before.period ? (before.resolved_period as string | null) : form.period || null,
    value_base: sameQuantity ? (before.value_base as number | null) : null,
    value_max_base: sameQuantity ? (before.value_max_base as number | null) : null,
    base_unit: sameQuantity ? (before.base_unit as string | null) : null,
  };
}

type Handler = (req: http.IncomingMessage, url: URL, match: RegExpExecArray) => Promise<Reply> | Reply;
type Reply =
  | { json: unknown; status?: number }
  | { body: string | Iterable<string>; type: string; download?: string };

export async function startReviewServer(options: ReviewServerOptions): Promise<RunningReviewServer> {
  const { store } = options;
  const host = options.host ?? "127.0.0.1";
  const token = options.token;
  if (!isLoopback(host) && token === undefined) {
    throw new ReviewSetupError(`listening on ${host} (not loopback) needs a token (--token, or CHITIEU_REVIEW_TOKEN), so only people given it can review`);
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) throw new ReviewSetupError(`the token must have at least ${MIN_TOKEN_LENGTH} characters`);
  const scripts = clientFiles();
  const csrf = crypto.randomBytes(32).toString("hex");
  let port = options.port ?? 0;

  // Writes through this connection do not move SQLite's data_version, so they are counted here.
  let ownWrites = 0;
  const storeVersion = () => `${dataVersion(store)}:${ownWrites}`;
  const cache = new Map<string, { version: string; value: unknown }>();
  function cached<T>(key: string, compute: () => T): T {
    const version = storeVersion();
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit.value as T;
    const value = compute();
    cache.set(key, { version, value });
    return value;
  }
  const background = new BackgroundChecks(store.path, storeVersion);
  background.state();
  let roles: CompiledRole[] | null = null;
  const examples = (): ExampleFile[] => cached("examples", () => reviewExamples(rejectedAndCorrected(store), (roles ??= loadExtractionRules().roles)));

  const routes: Array<[string, RegExp, Handler]> = [
    ["GET", /^\/api\/session$/, () => ({ json: { csrf, store: store.path } })],
    ["GET", /^\/api\/facets$/, () => ({ json: cached("facets", () => reviewFacets(store)) })],
    [
      "GET",
      /^\/api\/queue$/,
      (_req, url) => {
        const { sort, dir, page, pageSize, ...filters } = parse(QueueParams, params(url));
        return { json: { ...reviewQueue(store, { ...filters, sort, descending: dir === "desc", page, pageSize }), orphaned: orphanedDecisionCount(store) } };
      },
    ],
    [
      "GET",
      /^\/api\/records\/([^/]+)$/,
      (_req, url, match) => {
        parse(z.object({}).strict(), params(url));
        const mentionId = parse(MentionId, match[1]);
        const context = recordContext(store, mentionId);
        if (!context) throw new HttpError(404, `no record ${mentionId} (a re-extraction may have replaced it)`);
        const { record, document, text, paragraph, siblings, indicatorCandidates } = context;
        return {
          json: {
            record,
            document: { ...document, link: safeLink(document.canonical_url, document.source) },
            paragraph: { start: paragraph[0], text: text.slice(paragraph[0], paragraph[1]) },
            siblings,
            indicatorCandidates,
            grounding: groundRecord(text, grounded(record)),
            history: decisionHistory(store, mentionId),
            earlier: earlierDecisions(store, document.id, record.sentence as string).map((d) => ({
              ...d,
              grounding: d.before ? groundRecord(text, grounded(d.before)) : null,
            })),
          },
        };
      },
    ],
    [
      "POST",
      /^\/api\/decisions$/,
      async (req) => {
        const body = parse(DecisionBody, await readJson(req));
        const before = recordsByIds(store, [body.mentionId])[0];
        if (!before) throw new HttpError(404, `no record ${body.mentionId} (a re-extraction may have replaced it)`);
        if (body.action === "edit") {
          const { indicator_id: indicatorId, place } = body.correction;
          if (indicatorId !== null && !isKnownIndicator(store, indicatorId)) invalid("correction.indicator_id", `${indicatorId} is not in the taxonomy`);
          if (place !== null && !isKnownPlace(store, place)) invalid("correction.place", `${place} is not in the gazetteer`);
        }
        const decisionId = store.db.transaction(() => {
          if (body.action === "edit" && body.mapIndicator && body.correction.indicator_id !== null) {
            recordIndicatorMapping(store, { surface: body.correction.indicator, indicatorId: body.correction.indicator_id, reviewer: body.reviewer });
          }
          return recordDecision(store, {
            mentionId: body.mentionId,
            reviewer: body.reviewer,
            action: body.action,
            reason: body.reason || undefined,
            correction: body.action === "edit" ? correctionFrom(body.correction, before) : undefined,
          });
        }).immediate();
        ownWrites++;
        return { json: { decisionId, record: recordsByIds(store, [body.mentionId])[0] }, status: 201 };
      },
    ],
    [
      "POST",
      /^\/api\/undo$/,
      async (req) => {
        const body = parse(UndoBody, await readJson(req));
        const decisionId = body.decisionId ?? lastUndoableDecision(store, body.reviewer);
        if (decisionId === null) throw new HttpError(409, `${body.reviewer} has no decision left to undo`);
        const undoId = undoDecision(store, { decisionId, reviewer: body.reviewer });
        ownWrites++;
        return { json: { undoId, undid: decisionId }, status: 201 };
      },
    ],
    ["GET", /^\/api\/decisions$/, (_req, url) => ({ json: recentDecisions(store, parse(RecentParams, params(url))) })],
    ["GET", /^\/api\/reviewers$/, () => ({ json: reviewers(store) })],
    [
      "GET",
      /^\/api\/agreement$/,
      (_req, url) => {
        const { a, b } = parse(AgreementParams, params(url));
        return { json: compareReviewers([a, b], decisionsByReviewer(store, a), decisionsByReviewer(store, b)) };
      },
    ],
    [
      "GET",
      /^\/api\/conflicts$/,
      (_req, url) => {
        const { page, pageSize } = parse(ConflictParams, params(url));
        const { checks, stale, error } = background.state();
        if (!checks) return { json: { ready: false, stale, error } };
        const records = (ids: number[]) => recordsByIds(store, ids.slice(0, RECORDS_PER_GROUP));
        return {
          json: {
            ready: true,
            stale,
            error,
            milliseconds: checks.milliseconds,
            conflicts: {
              total: checks.conflicts.length,
              page,
              pageSize,
              groups: checks.conflicts.slice(page * pageSize, (page + 1) * pageSize).map((g) => ({ ...g, records: records(g.mention_ids) })),
            },
            failedChecks: {
              total: checks.failedChecks.length,
              items: checks.failedChecks.slice(0, FAILED_CHECKS_SHOWN).map((c) => ({
                ...c,
                targets: records(c.target_mention_ids),
                actuals: records(c.actual_mention_ids),
                attainments: records(c.attainment_mention_ids),
              })),
            },
          },
        };
      },
    ],
    ["GET", /^\/api\/chart\/subjects$/, () => ({ json: cached("chart-subjects", () => chartSubjects(store, 300)) })],
    [
      "GET",
      /^\/api\/chart$/,
      (_req, url) => {
        const { indicator, mapped, place } = parse(ChartParams, params(url));
        return { json: chartData(store, { indicator, mapped, place: place ?? null }) };
      },
    ],
    [
      "GET",
      /^\/api\/export\/accepted$/,
      (_req, url) => {
        const { format } = parse(ExportParams, params(url));
        return {
          body: exportLines(store, { view: "mentions", format, acceptedOnly: true }),
          type: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
          download: `accepted.${format}`,
        };
      },
    ],
    [
      "GET",
      /^\/api\/export\/examples$/,
      (_req, url) => {
        parse(z.object({}).strict(), params(url));
        return {
          json: examples().map((f) => ({ file: f.file, examples: f.examples.length, gaps: f.examples.filter((e) => e.gap).length })),
        };
      },
    ],
    [
      "GET",
      /^\/api\/export\/examples\/([^/]+)\.jsonl$/,
      (_req, url, match) => {
        parse(z.object({}).strict(), params(url));
        // "-" stands for the records whose rule is not in the current rules.
        const name = match[1] === "-" ? null : parse(ExamplesFile, match[1]);
        const file = examples().find((f) => f.file === name);
        if (!file) throw new HttpError(404, `no rejected or corrected records for examples file ${match[1]}`);
        return { body: exampleLines(file.examples), type: "application/x-ndjson; charset=utf-8", download: `${name ?? "no-rule-file"}.jsonl` };
      },
    ],
  ];

  function allowedHost(req: http.IncomingMessage): boolean {
    const given = req.headers.host ?? "";
    if (token !== undefined) return true;
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`].includes(given);
  }

  function sameOrigin(req: http.IncomingMessage): boolean {
    const fetchSite = req.headers["sec-fetch-site"];
    if (fetchSite !== undefined && fetchSite !== "same-origin") return false;
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host}`;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Cache-Control", "no-store");
    const url = new URL(req.url ?? "/", "http://review.invalid");
    if (!allowedHost(req)) throw new HttpError(421, "this server answers only to its own loopback address");
    if (token !== undefined) {
      const given = url.pathname === "/" ? url.searchParams.get("token") : null;
      if (given !== null && sameSecret(given, token)) {
        res.setHeader("Set-Cookie", `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
        res.writeHead(303, { Location: "/" }).end();
        return;
      }
      const held = cookie(req, TOKEN_COOKIE);
      if (held === null || !sameSecret(held, token)) throw new HttpError(401, "open the address with ?token= as printed when the server started");
    }
    if (req.method === "GET" && url.pathname === "/") return void res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(INDEX_HTML);
    if (req.method === "GET" && url.pathname === "/app.css") return void res.writeHead(200, { "Content-Type": "text/css; charset=utf-8" }).end(STYLESHEET);
    const script = /^\/client\/([a-z][a-z-]*\.js)$/.exec(url.pathname);
    if (req.method === "GET" && script && scripts.has(script[1])) {
      return void res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" }).end(scripts.get(script[1]));
    }
    if (req.method === "GET" && url.pathname === "/favicon.ico") return void res.writeHead(204).end();
    const matching = routes.flatMap(([method, pattern, handler]) => {
      const match = pattern.exec(url.pathname);
      return match ? [{ method, handler, match }] : [];
    });
    if (matching.length > 0) {
      const route = matching.find((r) => r.method === req.method);
      if (!route) throw new HttpError(405, `${url.pathname} takes ${matching.map((r) => r.method).join(" or ")}`);
      const { method, handler, match } = route;
      if (method === "POST") {
        if (!sameOrigin(req)) throw new HttpError(403, "cross-origin requests are refused");
        const sent = req.headers["x-csrf-token"];
        if (typeof sent !== "string" || !sameSecret(sent, csrf)) throw new HttpError(403, "missing or wrong CSRF token: reload the page");
      }
      const reply = await handler(req, url, match);
      if ("json" in reply) {
        res.writeHead(reply.status ?? 200, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(reply.json));
      } else {
        res.writeHead(200, {
          "Content-Type": reply.type,
          ...(reply.download ? { "Content-Disposition": `attachment; filename="${reply.download}"` } : {}),
        });
        for (const chunk of typeof reply.body === "string" ? [reply.body] : reply.body) res.write(chunk);
        res.end();
      }
      return;
    }
    throw new HttpError(404, `nothing at ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const known = err instanceof HttpError
        ? err
        : err instanceof StoreError || err instanceof QueryError
          ? new HttpError(409, err.message)
          : null;
      if (!known) console.error(`chitieu review: ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (res.headersSent) return void res.destroy();
      const failure = known ?? new HttpError(500, "internal error (see the server's output)");
      res.writeHead(failure.status, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: failure.message, issues: failure.issues }));
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) =>
        reject(err.code === "EADDRINUSE" || err.code === "EADDRNOTAVAIL" || err.code === "EACCES" ? new ReviewSetupError(`cannot listen on ${host}:${port}: ${err.code}`) : err),
      );
      server.listen(port, host, resolve);
    });
  } catch (err) {
    await background.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    openUrl: token === undefined ? `${url}/` : `${url}/?token=${encodeURIComponent(token)}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await background.close();
    },
  };
}
