/** `chitieu review` as a user starts it: the built command, its address, its refusals, its stop. */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReviewStore } from "../fixtures/review/stores.js";
import { tempDir } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/cli/main.js");
const dir = tempDir();
const db = path.join(dir, "review.sqlite");

beforeAll(() => {
  buildReviewStore(db);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, "review", ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, ...env } });
}

/** Starts the server and resolves with its first line of output and the process. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, "review", ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  const line = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve(out.split("\n")[0]);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before printing its address`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, line, exited };
}

describe("chitieu review", () => {
  it("refuses a missing store and a non-loopback address without a token, in one line", () => {
    const missing = run(["--db", path.join(dir, "none.sqlite")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/none\.sqlite: no such store/);
    const open = run(["--db", db, "--host", "0.0.0.0", "--port", "0"], { CHITIEU_REVIEW_TOKEN: "" });
    expect(open.status).toBe(2);
    expect(open.stderr.trim().split("\n")).toHaveLength(1);
    expect(open.stderr).toMatch(/needs a token/);
    expect(run(["--db", db, "--port", "70000"]).status).toBe(2);
  });

  it("serves the page on 127.0.0.1 until stopped", async () => {
    const server = start(["--db", db, "--port", "0"]);
    const line = await server.line;
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/) /.exec(line)?.[1];
    expect(url, line).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect((await fetch(`${url}client/app.js`)).status).toBe(200);
    const queue = (await (await fetch(`${url}api/queue?pageSize=1`)).json()) as { total: number };
    expect(queue.total).toBe(10);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("prints the address with the token when one is set", async () => {
    const server = start(["--db", db, "--port", "0"], { CHITIEU_REVIEW_TOKEN: "a-token-long-enough-to-use" });
    const line = await server.line;
    expect(line).toMatch(/\/\?token=a-token-long-enough-to-use /);
    const url = /at (http:\/\/[^/]+)\//.exec(line)![1];
    expect((await fetch(`${url}/api/session`)).status).toBe(401);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
