/**
 * The review page in a real headless Chromium (Debian's chromium, driven by playwright-core):
 * conflicts first, accept, reject, edit, filters, the audit trail with undo, keyboard
 * navigation, the chart, and a document whose text is markup. Saves a screenshot to a temporary
 * file, or where CHITIEU_REVIEW_SCREENSHOT says (out/review.png to refresh the README's).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer, tempDir, type FixtureServer } from "./helpers.js";

const SCREENSHOT = path.resolve(process.env.CHITIEU_REVIEW_SCREENSHOT ?? path.join(os.tmpdir(), `chitieu-review-${process.pid}.png`));

let server: FixtureServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  profile = tempDir();
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1400, height: 950 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.on("dialog", (dialog) => {
    pageErrors.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(server.url + "/");
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

const current = () => page.getByTestId("record");
const field = (name: string) => current().locator(`dd[data-field="${name}"]`);
const status = () => current().locator("h2 .status").textContent();
const tab = (name: string) => page.getByRole("tab", { name });

/** Waits until the record panel shows the record with this value text. */
async function showing(valueText: string): Promise<void> {
  await page.waitForFunction((v) => document.querySelector('[data-testid="record"] dd[data-field="value"]')?.textContent?.includes(v), valueText);
}

async function queueValues(): Promise<string[]> {
  return page.locator('[data-testid="queue"] tbody td.value').allTextContents();
}

/** Waits until the queue the page asked for is shown. */
async function queueShown(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="queue-panel"]')?.getAttribute("aria-busy") === "false");
}

/** Picks an option of a filter and waits for the queue it asks for. */
async function choose(select: Locator, value: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().includes("/api/queue")), select.selectOption(value)]);
  await queueShown();
}

/** Types into a filter field and waits for the queue it asks for. */
async function type(input: Locator, text: string, request: (url: string) => boolean): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().includes("/api/queue") && request(r.url())), input.fill(text)]);
  await queueShown();
}

async function pressOnPage(key: string): Promise<void> {
  await page.locator("main").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press(key);
}

describe("the review page", () => {
  it("opens on conflicts and failed checks, with the records side by side", async () => {
    await page.waitForFunction(() => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.startsWith("Conflicts"));
    const conflict = page.getByTestId("conflict").first();
    expect(await conflict.getByTestId("conflict-record").locator(".value").allTextContents()).toEqual(["15.000 lao động", "16.000 lao động"]);
    const check = page.getByTestId("failed-check");
    expect(await check.locator("h3").first().textContent()).toMatch(/target 13\.000, actual 14\.200, attainment 120%/);
    expect(await check.getByTestId("conflict-record").locator(".value").allTextContents()).toEqual(["13.000 lao động", "14.200 lao động", "120%"]);
  });

  it("shows a document's markup as text and runs none of it", async () => {
    await tab("Queue").click();
    await choose(page.locator('select[name="place"]'), "tra-vinh");
    await showing("8.500");
    const doc = current().getByTestId("document");
    expect(await doc.locator(".title").textContent()).toBe("<script>window.__xss = 'title'</script> Báo cáo <b>đậm</b>");
    expect(await current().getByTestId("paragraph").textContent()).toContain(`<img src=x onerror="window.__xss='img'"> tỉnh giải quyết việc làm cho 8.500 lao động <script>window.__xss='text'</script>.`);
    expect(await field("indicator").textContent()).toBe(`<img src=x onerror="window.__xss='img'"> giải quyết việc làm`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await current().locator("b, script").count()).toBe(0);
    // A javascript: link is never made a link; the source is shown as text.
    expect(await doc.locator("a").count()).toBe(0);
    expect(await doc.textContent()).toContain("corpus/html/<script>alert(1)</script>.html");
    expect(await page.locator("select[name=place] option").allTextContents()).toContain("Trà Vinh (tra-vinh)");
  });

  it("asks for the reviewer's name before a decision, then accepts with a key", async () => {
    await choose(page.locator('select[name="place"]'), "hau-giang");
    await showing("16.000");
    await pressOnPage("a");
    await page.getByText("Type your name first").waitFor();
    expect(await status()).toBe("unreviewed");
    await page.locator('input[name="reviewer"]').fill("lan");
    await page.locator('input[name="reviewer"]').press("Tab");
    const before = await page.getByTestId("counts").textContent();
    expect(before).toMatch(/done 0 · left 9/);
    await pressOnPage("a");
    await page.getByText("Record " + server.mentionId("16.000 lao động") + " accepted.").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent?.includes("done 1 · left 8"));
    // The accepted record left the queue of unreviewed records; the next one is shown.
    expect(await queueValues()).not.toContain("16.000 lao động");
    await showing("13.500");
  });

  it("moves with j/k and the arrow keys", async () => {
    const values = await queueValues();
    await showing(values[0]);
    await pressOnPage("j");
    await showing(values[1]);
    await page.keyboard.press("ArrowDown");
    await showing(values[2]);
    await page.keyboard.press("k");
    await showing(values[1]);
    await page.keyboard.press("ArrowUp");
    await showing(values[0]);
    expect(await page.locator('[data-testid="queue"] tr[aria-current="true"] td.value').textContent()).toBe(values[0]);
  });

  it("rejects with a reason", async () => {
    await page.locator(`[data-testid="queue"] tr[data-mention-id="${server.mentionId("0,74%")}"]`).click();
    await showing("0,74");
    await pressOnPage("r");
    const reason = page.getByTestId("reject-form").locator('input[name="reason"]');
    await reason.waitFor();
    await reason.fill("a yearly reduction, not a level");
    await reason.press("Enter");
    await page.getByText(`Record ${server.mentionId("0,74%")} rejected.`).waitFor();
    await choose(page.locator('select[name="status"]'), "rejected");
    await showing("0,74");
    expect(await status()).toBe("rejected");
    expect(await current().getByTestId("history").textContent()).toContain("lan rejected — “a yearly reduction, not a level”");
  });

  it("edits with a validated form, keeping the original record", async () => {
    await choose(page.locator('select[name="status"]'), "unreviewed");
    await page.locator(`[data-testid="queue"] tr[data-mention-id="${server.mentionId("15.000 lao động")}"]`).click();
    await showing("15.000");
    await pressOnPage("e");
    const form = page.getByTestId("edit-form");
    await form.waitFor();
    await form.locator('input[name="value"]').fill("15500");
    await form.locator('input[name="value_max"]').fill("100");
    await form.locator('input[name="period"]').fill("20x5");
    await form.locator('input[name="place"]').fill("atlantis");
    await form.locator('input[name="period"]').press("Enter");
    await form.locator('[data-error-for="period"]').getByText("a period such as").waitFor();
    expect(await form.locator('[data-error-for="value_max"]').textContent()).toContain("upper end of a range");
    await form.locator('input[name="value_max"]').fill("");
    await form.locator('input[name="period"]').fill("2025");
    await form.locator('input[name="period"]').press("Enter");
    await form.locator('[data-error-for="place"]').getByText("atlantis is not in the gazetteer").waitFor();
    expect(await form.locator('[data-error-for="period"]').textContent()).toBe("");
    // The taxonomy is offered, the normalisation's candidates first.
    expect(await form.locator("#taxonomy-options option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["jobs.new", "poverty.rate", "training.rate"]);
    await form.locator('input[name="place"]').fill("hau-giang");
    await form.locator('input[name="period"]').press("Enter");
    await page.getByText(`Record ${server.mentionId("15.000 lao động")} corrected.`).waitFor();
    expect(server.store.db.prepare("SELECT value FROM mentions WHERE id = ?").pluck().get(server.mentionId("15.000 lao động"))).toBe(15000);
    await choose(page.locator('select[name="status"]'), "corrected");
    await showing("15.500");
    expect(await current().getByTestId("history").textContent()).toMatch(/lan corrected.*value: 15000 → 15500/s);
    expect(await current().getByTestId("grounding").textContent()).toMatch(/grounding: approximate.*the record says 15500/s);
  });

  it("filters by kind, indicator, period and confidence", async () => {
    await choose(page.locator('select[name="status"]'), "");
    await choose(page.locator('select[name="place"]'), "");
    await choose(page.locator('select[name="kind"]'), "attainment");
    expect(await queueValues()).toEqual(["120%"]);
    await choose(page.locator('select[name="kind"]'), "");
    await type(page.locator('input[name="indicator"]'), "ho ngheo", (url) => url.includes("indicator=ho+ngheo"));
    expect((await queueValues()).sort()).toEqual(["0,74%", "1,47%"]);
    await type(page.locator('input[name="indicator"]'), "", (url) => !url.includes("indicator="));
    await choose(page.locator('select[name="period"]'), "2023");
    expect(await queueValues()).toEqual(["13.500 lao động"]);
    await choose(page.locator('select[name="period"]'), "");
    await type(page.locator('input[name="confidenceMax"]'), "0.5", (url) => url.includes("confidenceMax=0.5"));
    expect(await queueValues()).toEqual(["8.500 lao động"]);
    await type(page.locator('input[name="confidenceMax"]'), "", (url) => !url.includes("confidenceMax"));
    expect(await page.getByTestId("page-info").textContent()).toMatch(/· 10 records/);
  });

  it("keeps an audit trail, and undoes the last decisions", async () => {
    const recent = page.getByTestId("recent");
    expect(await recent.locator("li").allTextContents()).toEqual([
      expect.stringMatching(/^edit “15.000 lao động”/),
      expect.stringMatching(/^reject “0,74%”/),
      expect.stringMatching(/^accept “16.000 lao động”/),
    ]);
    await page.locator(`[data-testid="queue"] tr[data-mention-id="${server.mentionId("15.000 lao động")}"]`).click();
    await showing("15.500");
    await pressOnPage("u");
    await page.getByText(/Decision \d+ undone\./).waitFor();
    await showing("15.000");
    expect(await status()).toBe("unreviewed");
    const history = current().getByTestId("history");
    expect(await history.locator("li").count()).toBe(2);
    expect(await history.locator(".undone").textContent()).toMatch(/lan corrected/);
    expect(await history.locator("li").last().textContent()).toMatch(/lan undid decision \d+/);
    const trail = server.store.db.prepare("SELECT action, reviewer FROM review_decisions ORDER BY id").all();
    expect(trail).toEqual([
      { action: "accept", reviewer: "lan" },
      { action: "reject", reviewer: "lan" },
      { action: "edit", reviewer: "lan" },
      { action: "undo", reviewer: "lan" },
    ]);
    await page.locator(`[data-testid="queue"] tr[data-mention-id="${server.mentionId("71%")}"]`).click();
    await showing("71%");
    await pressOnPage("a");
    await page.getByText(`Record ${server.mentionId("71%")} accepted.`).waitFor();
    await page.locator(`[data-testid="queue"] tr[data-mention-id="${server.mentionId("15.000 lao động")}"]`).click();
    await showing("15.000");
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    if (!process.env.CHITIEU_REVIEW_SCREENSHOT) fs.rmSync(SCREENSHOT);
  });

  it("charts targets and actuals, each point opening its records", async () => {
    await tab("Chart").click();
    const point = page.locator('[data-testid="chart-point"][data-kind="actual"][data-year="2023"]');
    await point.waitFor();
    expect(await page.getByTestId("chart-subject").locator("option").first().textContent()).toMatch(/^Tạo việc làm mới · Hậu Giang/);
    await point.click();
    await showing("13.500");
    expect(await queueValues()).toEqual(["13.500 lao động"]);
    expect(await tab("Queue").getAttribute("aria-selected")).toBe("true");
  });

  it("reports two reviewers' agreement and offers the exports", async () => {
    for (const [value, action] of [["16.000 lao động", "reject"], ["0,74%", "reject"], ["71%", "accept"]] as const) {
      expect((await server.post("/api/decisions", { mentionId: server.mentionId(value), action, reviewer: "minh" })).status).toBe(201);
    }
    await tab("Agreement").click();
    await page.getByTestId("kappa").waitFor();
    // lan: accept, reject, accept; minh: reject, reject, accept → po = 2/3, pe = 4/9, kappa = 0.4.
    expect(await page.getByTestId("kappa").textContent()).toMatch(/^3 records decided by both .* Cohen's kappa 0\.400$/);
    expect(await page.getByTestId("disagreements").locator("tbody tr").count()).toBe(1);
    expect(await page.getByTestId("disagreements").locator("tbody td").first().textContent()).toBe("16.000 lao động");
    await tab("Exports").click();
    const exports = page.getByTestId("exports");
    await exports.locator("li").first().waitFor();
    expect(await exports.locator('a[href="/api/export/accepted?format=csv"]').count()).toBe(1);
    expect(await exports.locator("li a").allTextContents()).toEqual(["level.jsonl", "outcome.jsonl"]);
    expect(await exports.locator("li").last().textContent()).toMatch(/^outcome\.jsonl — 1 example, . still wrong .* append to rules\/examples\/outcome\.jsonl$/);
  });

  it("raised no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
