/** The crawler's tables in the store: the lock, rounds, and boilerplate counting. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CrawlState } from "../../src/store/crawl-state.js";
import { openStore, type IndicatorStore } from "../../src/store/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-crawl-state-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function fresh(): { store: IndicatorStore; state: CrawlState; run: () => number } {
  const store = openStore(path.join(dir, `state-${++n}.sqlite`));
  return { store, state: new CrawlState(store), run: () => store.beginRun("crawl", [], "rules-test") };
}

describe("the crawl lock", () => {
  it("is held by one run; a holder whose process is gone or who went silent loses it", () => {
    const { store, state, run } = fresh();
    const alive = () => true;
    const first = run();
    expect(state.acquireLock(first, "host-a", 60_000, alive)).toBeNull();
    const second = run();
    expect(state.acquireLock(second, "host-a", 60_000, alive)).toMatchObject({ runId: first, pid: process.pid, hostname: "host-a" });
    expect(state.acquireLock(second, "host-b", 60_000, () => false)).toMatchObject({ runId: first });
    expect(state.acquireLock(second, "host-a", 60_000, () => false)).toBeNull();
    const third = run();
    store.db.prepare("UPDATE crawl_lock SET heartbeat_at = '2000-01-01T00:00:00.000Z'").run();
    expect(state.acquireLock(third, "host-b", 60_000, alive)).toBeNull();
    state.releaseLock(second);
    expect(store.db.prepare("SELECT run_id FROM crawl_lock").pluck().get()).toBe(third);
    state.releaseLock(third);
    expect(store.db.prepare("SELECT count(*) FROM crawl_lock").pluck().get()).toBe(0);
    store.close();
  });
});

describe("rounds", () => {
  it("resumes an open round and starts a new one once it is finished", () => {
    const { store, state } = fresh();
    const first = state.openRound();
    expect(first.resumed).toBe(false);
    expect(state.openRound()).toEqual({ id: first.id, resumed: true });
    state.finishRound(first.id);
    expect(state.openRound()).toEqual({ id: first.id + 1, resumed: false });
    store.close();
  });
});

describe("boilerplate", () => {
  it("learns a block once it is on enough pages, and finds the pages stored before it was learnt", () => {
    const { store, state } = fresh();
    const round = state.openRound().id;
    const host = "bao.example.vn";
    const pages = ["a", "b", "c"].map((p) => `https://${host}/${p}.html`);
    pages.forEach((url) => state.insert({ url, site: "bao", host, kind: "article", depth: 1, pageNo: 1, foundOn: null, dated: null, round }));
    const mail = { fingerprint: "f-mail", sample: "Quý độc giả có thể gửi ý kiến" };
    const own = (p: string) => ({ fingerprint: `f-${p}`, sample: p });
    expect(state.countBlocks(host, [mail, own("a")], 3)).toBe(0);
    state.finish(pages[0], round, { outcome: "new", document: pages[0], blocks: ["f-mail", "f-a"], boilerplateVersion: 0 });
    expect(state.countBlocks(host, [mail, own("b")], 3)).toBe(0);
    state.finish(pages[1], round, { outcome: "new", document: pages[1], blocks: ["f-mail", "f-b"], boilerplateVersion: 0 });
    expect(state.countBlocks(host, [mail, own("c")], 3)).toBe(1);
    state.finish(pages[2], round, { outcome: "new", document: pages[2], blocks: ["f-c"], boilerplateVersion: 1 });
    expect(state.boilerplate(host)).toEqual({ version: 1, fingerprints: new Set(["f-mail"]) });
    expect(state.boilerplate("other.example.vn")).toEqual({ version: 0, fingerprints: new Set() });
    expect(state.staleBoilerplate(host).map((e) => e.url)).toEqual(pages.slice(0, 2));
    state.cleaned(pages[0], 1);
    expect(state.staleBoilerplate(host).map((e) => e.url)).toEqual([pages[1]]);
    store.close();
  });
});
