/**
 * The review server's API and its safety: headers, CSRF, Host and Origin checks, the token,
 * zod validation of every input, and what decisions do to the store.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReviewServer } from "../../src/review/server.js";
import { openStore } from "../../src/store/index.js";
import { fixtureMentions, reviewFixture } from "../fixtures/review/stores.js";
import { startFixtureServer, type FixtureServer } from "./helpers.js";

let s: FixtureServer;
beforeAll(async () => {
  s = await startFixtureServer();
});
afterAll(() => s.close());

const queue = (query: string) => s.json<{ rows: Array<Record<string, any>>; total: number; done: number; left: number; byStatus: Record<string, number> }>(`/api/queue?${query}`);
const values = (rows: Array<Record<string, any>>) => rows.map((r) => r.value_text);
const decide = (body: Record<string, unknown>) => s.post("/api/decisions", { reviewer: "lan", ...body });
const record = (id: number) => s.json(`/api/records/${id}`);

describe("the page", () => {
  it("is a shell without data or inline script, under a strict Content-Security-Policy", async () => {
    const page = await s.get("/");
    const html = await page.text();
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html).toMatch(/<script type="module" src="\/client\/app.js"><\/script>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    const script = await s.get("/client/app.js");
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("startSession");
    expect((await s.get("/client/../server.js")).status).toBe(404);
    expect((await s.get("/client/nothing.js")).status).toBe(404);
  });

  it("answers only to its loopback Host, so another site cannot reach it by DNS rebinding", async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${s.url}/api/session`);
        http.get({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        }).on("error", reject);
      });
    expect(await status("attacker.example")).toBe(421);
    expect(await status(`attacker.example:${new URL(s.url).port}`)).toBe(421);
    expect(await status(`localhost:${new URL(s.url).port}`)).toBe(200);
  });
});

describe("state-changing requests", () => {
  it("need the CSRF token, JSON, and this origin", async () => {
    const id = s.mentionId("71%");
    expect((await s.post("/api/decisions", { mentionId: id, action: "accept", reviewer: "lan" }, { "X-CSRF-Token": "" })).status).toBe(403);
    expect((await s.post("/api/decisions", { mentionId: id, action: "accept", reviewer: "lan" }, { "X-CSRF-Token": "0".repeat(64) })).status).toBe(403);
    expect((await s.post("/api/decisions", { mentionId: id, action: "accept", reviewer: "lan" }, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await s.post("/api/decisions", { mentionId: id, action: "accept", reviewer: "lan" }, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    const form = await s.get("/api/decisions", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": s.csrf }, body: "mentionId=1" });
    expect(form.status).toBe(415);
    expect((await s.post("/api/decisions", { reason: "x".repeat(70_000) })).status).toBe(413);
    expect((await s.get(`/api/queue?status=unreviewed`)).status).toBe(200);
    expect((await record(id)).record.review_status).toBe("unreviewed");
  });

  it("are validated: each problem is named with its field", async () => {
    const id = s.mentionId("15.000 lao động");
    const base = { kind: "target", value: 15000, value_max: null, unit: "lao động", qualifier: null, period: "2025", indicator: "tạo việc làm mới", indicator_id: "jobs.new", place: "hau-giang" };
    const problems = async (correction: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const response = await decide({ mentionId: id, action: "edit", correction: { ...base, ...correction }, ...extra });
      expect(response.status).toBe(400);
      return ((await response.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
    };
    expect(await problems({ value: "abc" })).toEqual(["correction.value"]);
    expect(await problems({ period: "20x5", kind: "guess" })).toEqual(expect.arrayContaining(["correction.period", "correction.kind"]));
    expect(await problems({ value_max: 100 })).toEqual(["correction.value_max"]);
    expect(await problems({ indicator_id: "no.such" })).toEqual(["correction.indicator_id"]);
    expect(await problems({ place: "atlantis" })).toEqual(["correction.place"]);
    expect(await problems({ place: "<b>x</b>" })).toEqual(["correction.place"]);
    expect(await problems({}, { surprise: 1 })).toEqual([""]);
    expect((await decide({ mentionId: id, action: "accept", reviewer: " " })).status).toBe(400);
    expect((await decide({ mentionId: id, action: "approve" })).status).toBe(400);
    expect((await decide({ mentionId: 999_999, action: "accept" })).status).toBe(404);
    for (const query of ["kind=guess", "pageSize=5000", "surprise=1", "kind=target&kind=actual", "ids=1,x", "confidenceMin=2", "sort=mention_id"]) {
      expect((await s.get(`/api/queue?${query}`)).status, query).toBe(400);
    }
    expect((await s.get("/api/records/abc")).status).toBe(400);
    expect((await s.get("/api/records/999999")).status).toBe(404);
    expect((await record(id)).history).toEqual([]);
  });
});

describe("the queue", () => {
  it("filters on the server by every field", async () => {
    expect(values((await queue("kind=target&sort=value")).rows)).toEqual(["0,74%", "71%", "13.000 lao động", "15.000 lao động", "16.000 lao động"]);
    expect(values((await queue("place=tra-vinh")).rows)).toEqual(["8.500 lao động"]);
    expect(values((await queue("period=2023")).rows)).toEqual(["13.500 lao động"]);
    expect(values((await queue(`indicator=${encodeURIComponent("VIEC LAM")}&period=2025`)).rows)).toEqual(["16.000 lao động", "15.000 lao động"]);
    expect(values((await queue("indicator=poverty.rate")).rows)).toEqual(["1,47%"]);
    expect(values((await queue("document=hoi-nghi&sort=value&dir=desc")).rows)).toEqual(["16.000 lao động", "13.500 lao động"]);
    expect(values((await queue("rule=level.remaining")).rows)).toEqual(["1,47%"]);
    expect(values((await queue("confidenceMin=0.9&confidenceMax=0.92&sort=confidence")).rows)).toEqual(["15.000 lao động", "16.000 lao động", "120%", "13.500 lao động"]);
    expect(values((await queue(`ids=${s.mentionId("71%")},${s.mentionId("120%")}`)).rows).sort()).toEqual(["120%", "71%"]);
  });

  it("pages on the server, and the sample order is the same for everyone", async () => {
    const all = await queue("pageSize=200&sort=sample");
    expect(all.total).toBe(10);
    const pages = [];
    for (let page = 0; page < 4; page++) pages.push(...values((await queue(`pageSize=3&page=${page}&sort=sample`)).rows));
    expect(pages).toEqual(values(all.rows));
    expect(values(all.rows)).not.toEqual(values((await queue("pageSize=200")).rows));
  });
});

describe("decisions", () => {
  it("accept, reject and edit, counting what is done and left, keeping the original of a correction", async () => {
    const before = await queue("period=2024");
    const [accepted, rejected, edited] = ["14.200 lao động", "1,47%", "120%"].map((v) => s.mentionId(v));
    expect((await decide({ mentionId: accepted, action: "accept" })).status).toBe(201);
    expect((await decide({ mentionId: rejected, action: "reject", reason: "a remainder, not a rate" })).status).toBe(201);
    const edit = await decide({
      mentionId: edited,
      action: "edit",
      reason: "the plan was 12.000",
      correction: { kind: "attainment", value: 118.3, value_max: null, unit: "%", qualifier: null, period: "2024", indicator: "tạo việc làm mới", indicator_id: "jobs.new", place: "hau-giang" },
    });
    expect(edit.status).toBe(201);
    expect(((await edit.json()) as { record: Record<string, unknown> }).record).toMatchObject({ value: 118.3, review_status: "corrected", reviewer: "lan" });
    const after = await queue("period=2024");
    expect([before.done, before.left]).toEqual([0, 5]);
    expect([after.done, after.left]).toEqual([3, 2]);
    expect(after.byStatus).toMatchObject({ accepted: 1, rejected: 1, corrected: 1, unreviewed: 2 });
    expect(values((await queue("period=2024&status=unreviewed")).rows)).toEqual(["8.500 lao động", "13.000 lao động"]);
    expect(values((await queue("period=2024&status=reviewed&sort=value")).rows)).toEqual(["1,47%", "120%", "14.200 lao động"]);
    expect(s.store.db.prepare("SELECT value FROM mentions WHERE id = ?").pluck().get(edited)).toBe(120);
    const history = (await record(edited)).history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ reviewer: "lan", action: "edit", reason: "the plan was 12.000", before: { value: 120 }, after: { value: 118.3 } });
  });

  it("are undone, the reviewer's last first, keeping both in the trail", async () => {
    const id = s.mentionId("0,74%");
    await decide({ mentionId: id, action: "accept", reviewer: "minh" });
    await decide({ mentionId: id, action: "reject", reviewer: "minh", reason: "not a target" });
    const undo = await s.post("/api/undo", { reviewer: "minh" });
    expect(undo.status).toBe(201);
    expect((await record(id)).record.review_status).toBe("accepted");
    const trail = (await record(id)).history.map((d: { action: string; undone: boolean }) => [d.action, d.undone]);
    expect(trail).toEqual([["accept", false], ["reject", true], ["undo", false]]);
    await s.post("/api/undo", { reviewer: "minh" });
    expect((await record(id)).record.review_status).toBe("unreviewed");
    expect((await s.post("/api/undo", { reviewer: "minh" })).status).toBe(409);
    const recent = await s.json<Array<{ action: string; reviewer: string; value_text: string }>>("/api/decisions?reviewer=minh");
    expect(recent.map((d) => d.action)).toEqual(["undo", "undo", "reject", "accept"]);
    expect(recent.every((d) => d.value_text === "0,74%")).toBe(true);
  });

  it("teach normalisation a mapping when asked", async () => {
    const id = s.mentionId("0,74%");
    const response = await decide({
      mentionId: id,
      action: "edit",
      mapIndicator: true,
      correction: { kind: "target", value: 0.74, value_max: null, unit: "%", qualifier: null, period: "2025", indicator: "hộ nghèo", indicator_id: "poverty.rate", place: "hau-giang" },
    });
    expect(response.status).toBe(201);
    expect(s.store.db.prepare("SELECT indicator_id, reviewer FROM indicator_mappings WHERE surface = ?").get("hộ nghèo")).toEqual({ indicator_id: "poverty.rate", reviewer: "lan" });
    await s.post("/api/undo", { reviewer: "lan" });
  });
});

describe("re-extraction", () => {
  it("keeps a decision only on the same sentence text and span, never on a look-alike", async () => {
    const server = await startFixtureServer();
    try {
      const fixture = reviewFixture();
      const doc = fixture.documents[1];
      const id = server.mentionId("16.000 lao động");
      await server.post("/api/decisions", { mentionId: id, action: "reject", reviewer: "lan", reason: "a plan, already counted" });
      const text = doc.text.join("\n\n");
      const runId = server.store.beginRun("reextract", [], "rules-review-2");
      // Same text and spans: the decision follows the new mention.
      server.store.replaceMentions(runId, doc.source, fixtureMentions(doc, text, "rules-review-2"));
      const same = server.mentionId("16.000 lao động");
      expect(same).not.toBe(id);
      expect((await server.json(`/api/records/${same}`)).record.review_status).toBe("rejected");
      // The evidence span changes: back to the queue, the old decision shown but not applied.
      const wider = fixtureMentions({ ...doc, mentions: doc.mentions.map((m) => ({ ...m, evidence: m.sentence.slice(0, -1) })) }, text, "rules-review-2");
      server.store.replaceMentions(runId, doc.source, wider);
      const moved = server.mentionId("16.000 lao động");
      const detail = await server.json(`/api/records/${moved}`);
      expect(detail.record.review_status).toBe("unreviewed");
      expect(detail.earlier).toMatchObject([{ action: "reject", reviewer: "lan", grounding: { level: "exact" } }]);
      const back = await server.json<{ rows: Array<Record<string, any>>; orphaned: number }>("/api/queue?status=unreviewed&pageSize=200");
      expect(values(back.rows)).toContain("16.000 lao động");
      expect(back.orphaned).toBe(1);
      // The same sentence in another document is a look-alike: it gets no decision.
      const lookAlike = { ...doc, source: "corpus/text/copy.txt" };
      const record = { source: lookAlike.source, name: "copy.txt", sha256: "0", byteSize: text.length, format: "text" as const, encoding: "utf-8", meta: {}, text, raw: Buffer.from(text) };
      server.store.saveDocument(runId, record, fixtureMentions(lookAlike, text, "rules-review-2"));
      const copy = server.store.db.prepare("SELECT m.id FROM mentions m JOIN documents d ON d.id = m.document_id WHERE d.source = ? AND m.value = 16000").pluck().get(lookAlike.source) as number;
      expect((await server.json(`/api/records/${copy}`)).record.review_status).toBe("unreviewed");
    } finally {
      await server.close();
    }
  });
});

describe("the other views", () => {
  it("compare two reviewers: Cohen's kappa and the disagreements", async () => {
    const server = await startFixtureServer();
    try {
      const ids = ["15.000 lao động", "71%", "0,74%", "14.200 lao động", "1,47%", "13.000 lao động"].map((v) => server.mentionId(v));
      const lan = ["accept", "accept", "reject", "accept", "reject", "accept"];
      const minh = ["accept", "accept", "reject", "reject", "reject", "accept"];
      for (const [i, id] of ids.entries()) {
        await server.post("/api/decisions", { mentionId: id, action: lan[i], reviewer: "lan" });
        await server.post("/api/decisions", { mentionId: id, action: minh[i], reviewer: "minh" });
      }
      const agreement = await server.json("/api/agreement?a=lan&b=minh");
      // po = 5/6; pe = (4/6)(3/6) + (2/6)(3/6) = 1/2; kappa = (5/6 - 1/2) / (1/2) = 2/3.
      expect(agreement.items).toBe(6);
      expect(agreement.kappa).toBeCloseTo(2 / 3, 10);
      expect(agreement.disagreements).toMatchObject([{ value_text: "14.200 lao động", difference: "action", first: { action: "accept" }, second: { action: "reject" } }]);
      expect((await server.get("/api/agreement?a=lan&b=lan")).status).toBe(400);
      expect((await server.json<Array<{ reviewer: string }>>("/api/reviewers")).map((r) => r.reviewer)).toEqual(["lan", "minh"]);
    } finally {
      await server.close();
    }
  });

  it("export the accepted records only, with corrected values", async () => {
    const server = await startFixtureServer();
    try {
      await server.post("/api/decisions", { mentionId: server.mentionId("71%"), action: "accept", reviewer: "lan" });
      await server.post("/api/decisions", { mentionId: server.mentionId("0,74%"), action: "reject", reviewer: "lan" });
      await server.post("/api/decisions", {
        mentionId: server.mentionId("13.500 lao động"),
        action: "edit",
        reviewer: "lan",
        correction: { kind: "actual", value: 13600, value_max: null, unit: "lao động", qualifier: null, period: "2023", indicator: "tạo việc làm mới", indicator_id: "jobs.new", place: "hau-giang" },
      });
      const csv = await server.get("/api/export/accepted?format=csv");
      expect(csv.headers.get("content-disposition")).toBe('attachment; filename="accepted.csv"');
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).map((l) => /,(accepted|corrected),/.exec(l)?.[1])).toEqual(["corrected", "accepted"]);
      const jsonl = (await (await server.get("/api/export/accepted?format=jsonl")).text()).trim().split("\n").map((l) => JSON.parse(l));
      expect(jsonl.map((r) => [r.value, r.review_status])).toEqual([[13600, "corrected"], [71, "accepted"]]);
    } finally {
      await server.close();
    }
  });

  it("show normalisation's conflicts and failed consistency checks with their records", async () => {
    const server = await startFixtureServer();
    try {
      let data = await server.json("/api/conflicts");
      for (let i = 0; !data.ready || data.stale; i++) {
        expect(i).toBeLessThan(200);
        await new Promise((r) => setTimeout(r, 25));
        data = await server.json("/api/conflicts");
      }
      expect(data.conflicts.groups.map((g: any) => [g.indicator_id, g.place, g.period, g.kind, values(g.records).sort()])).toContainEqual([
        "jobs.new", "hau-giang", "2025", "target", ["15.000 lao động", "16.000 lao động"],
      ]);
      expect(data.failedChecks.items).toMatchObject([
        { indicator_id: "jobs.new", place: "hau-giang", period: "2024", target: 13000, actual: 14200, attainment: 120 },
      ]);
      const [check] = data.failedChecks.items;
      expect([values(check.targets), values(check.actuals), values(check.attainments)]).toEqual([["13.000 lao động"], ["14.200 lao động"], ["120%"]]);
      // Rejecting one side of the conflict settles it, once the background pass has run again.
      await server.post("/api/decisions", { mentionId: server.mentionId("16.000 lao động"), action: "reject", reviewer: "lan" });
      data = await server.json("/api/conflicts");
      for (let i = 0; !data.ready || data.stale; i++) {
        expect(i).toBeLessThan(200);
        await new Promise((r) => setTimeout(r, 25));
        data = await server.json("/api/conflicts");
      }
      expect(data.conflicts.groups.map((g: any) => g.period)).not.toContain("2025");
    } finally {
      await server.close();
    }
  });

  it("chart targets and actuals by year, each point with its records", async () => {
    const subjects = await s.json<Array<{ indicator: string; mapped: boolean; place: string | null; label: string }>>("/api/chart/subjects");
    const jobs = subjects.find((x) => x.indicator === "jobs.new" && x.place === "hau-giang")!;
    expect(jobs).toMatchObject({ mapped: true, label: "Tạo việc làm mới" });
    const chart = await s.json<{ points: Array<{ kind: string; year: number; value: number; mention_ids: number[] }> }>(`/api/chart?indicator=jobs.new&mapped=true&place=hau-giang`);
    const points = chart.points.map((p) => [p.kind, p.year, p.value]);
    expect(points).toEqual(expect.arrayContaining([["target", 2025, 15000], ["target", 2025, 16000], ["actual", 2024, 14200], ["actual", 2023, 13500]]));
    const target = chart.points.find((p) => p.value === 15000)!;
    expect(target.mention_ids).toEqual([s.mentionId("15.000 lao động")]);
  });
});

describe("the address", () => {
  it("is loopback unless a token is given, and the token is then required", async () => {
    const store = openStore(s.file);
    try {
      await expect(startReviewServer({ store, host: "0.0.0.0", port: 0 })).rejects.toThrow(/needs a token/);
      await expect(startReviewServer({ store, host: "127.0.0.1", port: 0, token: "short" })).rejects.toThrow(/at least 16 characters/);
    } finally {
      store.close();
    }
    const token = "a-long-enough-token-for-tests";
    const guarded = await startFixtureServer({ token });
    try {
      expect((await guarded.get("/")).status).toBe(401);
      expect((await guarded.get("/api/session")).status).toBe(401);
      expect((await guarded.get("/?token=wrong-token-of-some-length")).status).toBe(401);
      const entry = await guarded.get(`/?token=${token}`, { redirect: "manual" });
      expect(entry.status).toBe(303);
      const cookie = entry.headers.get("set-cookie")!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const session = await guarded.get("/api/session", { headers: { Cookie: cookie.split(";")[0] } });
      expect(session.status).toBe(200);
      expect(guarded.openUrl).toBe(`${guarded.url}/?token=${token}`);
    } finally {
      await guarded.close();
    }
  });
});
