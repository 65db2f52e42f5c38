/** A review server over a fresh copy of the fixture store, with a small client for its API. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, type IndicatorStore } from "../../src/store/index.js";
import { startReviewServer, type ReviewServerOptions } from "../../src/review/server.js";
import { buildReviewStore } from "../fixtures/review/stores.js";

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-review-"));
}

export interface FixtureServer {
  dir: string;
  file: string;
  store: IndicatorStore;
  url: string;
  openUrl: string;
  csrf: string;
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  json<T = any>(pathAndQuery: string): Promise<T>;
  post(pathAndQuery: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The mention id of the record whose value text is `valueText` (unique in the fixture). */
  mentionId(valueText: string): number;
  close(): Promise<void>;
}

export async function startFixtureServer(options: Omit<ReviewServerOptions, "store"> = {}): Promise<FixtureServer> {
  const dir = tempDir();
  const file = path.join(dir, "review.sqlite");
  buildReviewStore(file);
  const store = openStore(file);
  const server = await startReviewServer({ store, port: 0, ...options });
  const get = (p: string, init?: RequestInit) => fetch(server.url + p, init);
  const csrf = options.token ? "" : ((await (await get("/api/session")).json()) as { csrf: string }).csrf;
  return {
    dir,
    file,
    store,
    url: server.url,
    openUrl: server.openUrl,
    csrf,
    get,
    json: async (p) => {
      const response = await get(p);
      if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    post: (p, body, headers = {}) =>
      get(p, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, ...headers }, body: JSON.stringify(body) }),
    mentionId: (valueText) => store.db.prepare("SELECT id FROM mentions WHERE value_text = ?").pluck().get(valueText) as number,
    close: async () => {
      await server.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
