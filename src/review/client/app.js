/**
 * The review page: a keyboard-driven queue of records, the current record against its source,
 * and the views for conflicts, charts, agreement and exports. All data comes from the JSON API
 * and is written into the page as text.
 */
import { getJson, postJson, startSession } from "./api.js";
import { fill, h } from "./dom.js";
import { showAgreement, showChart, showConflicts, showExports } from "./panels.js";
import { EMPTY_FILTERS, filterForm, queueTable } from "./queue.js";
import { recordPanel } from "./record.js";

const REVIEWER_KEY = "chitieu-review-reviewer";
const TABS = /** @type {const} */ (["conflicts", "queue", "chart", "agreement", "exports"]);
/** @typedef {(typeof TABS)[number]} Tab */

const state = {
  reviewer: localStorage.getItem(REVIEWER_KEY) ?? "",
  /** @type {Tab} */
  tab: "queue",
  filters: { ...EMPTY_FILTERS },
  sort: "document",
  dir: "asc",
  page: 0,
  pageSize: 25,
  /** @type {import("./queue.js").QueuePage | null} */
  queue: null,
  index: 0,
  /** @type {import("./record.js").RecordDetail | null} */
  detail: null,
  /** @type {"view" | "reject" | "edit"} */
  mode: "view",
  /** @type {import("./queue.js").Facets} */
  facets: { kinds: [], places: [], gazetteer: [], periods: [], rules: [], indicators: [], taxonomy: [] },
  /** Conflicts and failed checks; null until the server has found them. */
  /** @type {number | null} */
  conflicts: null,
};

const reviewerInput = h("input", { type: "text", name: "reviewer", value: state.reviewer, placeholder: "your name", "aria-label": "reviewer name", maxlength: 80, size: 14 });
const counts = h("span", { class: "counts", "data-testid": "counts" });
const tabs = h("nav", { class: "tabs", role: "tablist" });
const message = h("div", { role: "status", "aria-live": "polite" });
const views = /** @type {Record<Tab, HTMLElement>} */ (/** @type {unknown} */ (Object.fromEntries(TABS.map((t) => [t, h("div", { "data-view": t, hidden: true })]))));
const filtersBox = h("section", { class: "panel" });
const queueBox = h("section", { class: "panel", "data-testid": "queue-panel", "aria-busy": "false" });
const recentBox = h("section", { class: "panel", "data-testid": "recent" });
const recordBox = h("div", {});
views.queue.append(h("div", { class: "layout" }, h("div", {}, filtersBox, queueBox, recentBox), recordBox));

/**
 * @param {string} text
 * @param {"info" | "error"} [kind]
 */
function say(text, kind = "info") {
  fill(message, text ? h("p", { class: `message ${kind}` }, text) : null);
}

/** @param {unknown} err */
function report(err) {
  say(err instanceof Error ? err.message : String(err), "error");
}

function requireReviewer() {
  if (state.reviewer) return true;
  say("Type your name first: every decision is recorded with it.", "error");
  reviewerInput.focus();
  return false;
}

function renderTabs() {
  const captions = /** @type {Record<Tab, string>} */ ({
    conflicts: `Conflicts & checks (${state.conflicts ?? "…"})`, queue: "Queue", chart: "Chart", agreement: "Agreement", exports: "Exports",
  });
  fill(tabs, ...TABS.map((t) => h("button", { type: "button", role: "tab", "aria-selected": String(t === state.tab), onclick: () => void showTab(t) }, captions[t])));
  for (const t of TABS) views[t].hidden = t !== state.tab;
}

function renderCounts() {
  const q = state.queue;
  if (!q) return fill(counts);
  fill(
    counts,
    "done ", h("b", {}, q.done), " · left ", h("b", {}, q.left),
    ` (accepted ${q.byStatus.accepted}, rejected ${q.byStatus.rejected}, corrected ${q.byStatus.corrected})`,
    q.orphaned > 0 ? ` · ${q.orphaned} decision${q.orphaned === 1 ? "" : "s"} no longer match a record after a re-extraction` : "",
  );
}

/** @type {import("./panels.js").PanelHandlers} */
const panelHandlers = {
  decideOn: async (mentionId, action) => {
    if (!requireReviewer()) return;
    await postJson("/api/decisions", { mentionId, action, reviewer: state.reviewer });
    say(`Record ${mentionId} ${action === "accept" ? "accepted" : "rejected"}.`);
  },
  openRecords: (ids) => {
    state.filters = { ...EMPTY_FILTERS, status: "", ids: ids.join(",") };
    state.page = 0;
    state.index = 0;
    void showTab("queue").then(() => openIndex(0)).catch(report);
  },
  counted: (total) => {
    state.conflicts = total;
    renderTabs();
  },
  report,
};

/** @param {Tab} tab */
async function showTab(tab) {
  state.tab = tab;
  renderTabs();
  say("");
  if (tab === "queue") {
    renderFilters();
    await loadQueue();
    await renderRecent();
  } else if (tab === "conflicts") await showConflicts(views.conflicts, panelHandlers);
  else if (tab === "chart") await showChart(views.chart, panelHandlers);
  else if (tab === "agreement") await showAgreement(views.agreement, panelHandlers);
  else await showExports(views.exports);
}

function renderFilters() {
  fill(
    filtersBox,
    h("h2", {}, "Filters"),
    filterForm(state.facets, state, (filters, sort, dir) => {
      state.filters = filters;
      state.sort = sort;
      state.dir = dir;
      state.page = 0;
      state.index = 0;
      void loadQueue().then(() => openIndex(0)).catch(report);
    }),
  );
}

function queueParams() {
  const f = state.filters;
  return { ...f, notDecidedBy: f.notDecidedBy ? state.reviewer : "", sort: state.sort, dir: state.dir, page: state.page, pageSize: state.pageSize };
}

async function loadQueue() {
  queueBox.setAttribute("aria-busy", "true");
  try {
    state.queue = await getJson("/api/queue", queueParams());
    renderQueue();
    renderCounts();
  } finally {
    queueBox.setAttribute("aria-busy", "false");
  }
}

function renderQueue() {
  if (!state.queue) return;
  fill(
    queueBox,
    h("h2", {}, "Queue"),
    queueTable(state.queue, state.index, (i) => void openIndex(i).catch(report), (page) => {
      state.page = page;
      state.index = 0;
      void loadQueue().then(() => openIndex(0)).catch(report);
    }),
  );
}

async function renderRecent() {
  if (!state.reviewer) return fill(recentBox, h("h2", {}, "Your recent decisions"), h("p", { class: "muted" }, "Type your name to review."));
  const recent = await getJson("/api/decisions", { reviewer: state.reviewer, limit: 8 });
  fill(
    recentBox,
    h("h2", {}, "Your recent decisions"),
    recent.length === 0
      ? h("p", { class: "muted" }, "None yet.")
      : h(
          "ul",
          { class: "history" },
          ...recent.map((/** @type {any} */ d) =>
            h(
              "li",
              {},
              h("span", { class: d.undone ? "undone" : "" }, `${d.action} “${d.value_text}”${d.undoes ? ` (decision ${d.undoes})` : ""} · ${d.decided_at.slice(11, 19)}`),
              " ",
              d.action !== "undo" && !d.undone ? h("button", { type: "button", onclick: () => void undo(d.id).catch(report) }, "undo") : null,
            ),
          ),
        ),
  );
}

// Keys can be pressed faster than records load: only the last record asked for is shown.
let recordRequests = 0;

/** @param {number} index */
async function openIndex(index) {
  const rows = state.queue?.rows ?? [];
  const request = ++recordRequests;
  state.mode = "view";
  if (rows.length === 0) {
    state.detail = null;
    fill(recordBox, h("section", { class: "panel" }, h("p", { class: "muted" }, "Nothing to review here. Change the filters, or see the other pages.")));
    renderQueue();
    return;
  }
  state.index = Math.max(0, Math.min(index, rows.length - 1));
  renderQueue();
  const detail = await getJson(`/api/records/${rows[state.index].mention_id}`);
  if (request !== recordRequests) return;
  state.detail = detail;
  renderRecord();
}

function renderRecord() {
  if (!state.detail) return;
  fill(recordBox, recordPanel(state.detail, state.mode, { taxonomy: state.facets.taxonomy, places: state.facets.gazetteer.length ? state.facets.gazetteer : state.facets.places }, recordHandlers));
}

/** @param {number} step */
async function move(step) {
  const q = state.queue;
  if (!q) return;
  const target = state.index + step;
  if (target >= 0 && target < q.rows.length) return openIndex(target);
  const page = state.page + (step > 0 ? 1 : -1);
  if (page < 0 || page * q.pageSize >= q.total) return;
  state.page = page;
  await loadQueue();
  await openIndex(step > 0 ? 0 : q.pageSize - 1);
}

/**
 * After a decision: the next record, wherever the decided one went (it leaves a queue of unreviewed records).
 * @param {number} mentionId
 */
async function afterDecision(mentionId) {
  await loadQueue();
  const rows = state.queue?.rows ?? [];
  const still = rows.findIndex((r) => r.mention_id === mentionId);
  if (still >= 0 && still + 1 < rows.length) return openIndex(still + 1);
  if (still >= 0 || rows.length === 0) {
    if (state.queue && (state.page + 1) * state.queue.pageSize < state.queue.total) return move(1);
    if (rows.length === 0 && state.page > 0) {
      state.page--;
      await loadQueue();
    }
  }
  await openIndex(still >= 0 ? still : state.index);
}

/**
 * @param {"accept" | "reject" | "edit"} action
 * @param {Record<string, unknown>} extra
 */
async function submitDecision(action, extra) {
  if (!state.detail || !requireReviewer()) return;
  const mentionId = state.detail.record.mention_id;
  await postJson("/api/decisions", { mentionId, action, reviewer: state.reviewer, ...extra });
  say(`Record ${mentionId} ${{ accept: "accepted", reject: "rejected", edit: "corrected" }[action]}.`);
  await afterDecision(mentionId);
  await renderRecent();
}

/** @param {number} [decisionId] the reviewer's last decision when left out */
async function undo(decisionId) {
  if (!requireReviewer()) return;
  const result = await postJson("/api/undo", { reviewer: state.reviewer, ...(decisionId ? { decisionId } : {}) });
  say(`Decision ${result.undid} undone.`);
  await loadQueue();
  if (state.detail) {
    state.detail = await getJson(`/api/records/${state.detail.record.mention_id}`);
    renderRecord();
  }
  await renderRecent();
}

/** @type {import("./record.js").RecordHandlers} */
const recordHandlers = {
  decide: (action, reason) => submitDecision(action, reason ? { reason } : {}).catch(report),
  edit: async (correction, reason, mapIndicator) => {
    if (!requireReviewer()) return;
    await submitDecision("edit", { correction, ...(reason.trim() ? { reason } : {}), ...(mapIndicator ? { mapIndicator } : {}) });
  },
  undo: (decisionId) => undo(decisionId).catch(report),
  open: (mentionId) => {
    const at = state.queue?.rows.findIndex((r) => r.mention_id === mentionId) ?? -1;
    if (at >= 0) return void openIndex(at).catch(report);
    panelHandlers.openRecords([mentionId]);
  },
  setMode: (mode) => {
    if (mode !== "view" && !requireReviewer()) return;
    state.mode = mode;
    renderRecord();
  },
};

/** @param {KeyboardEvent} e */
function onKey(e) {
  if (state.tab !== "queue" || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = /** @type {HTMLElement} */ (e.target);
  if (target.closest("input, select, textarea, [contenteditable]")) return;
  const actions = /** @type {Record<string, () => unknown>} */ ({
    j: () => move(1), ArrowDown: () => move(1), ArrowRight: () => move(1),
    k: () => move(-1), ArrowUp: () => move(-1), ArrowLeft: () => move(-1),
    a: () => recordHandlers.decide("accept"),
    r: () => recordHandlers.setMode("reject"),
    e: () => recordHandlers.setMode("edit"),
    u: () => undo(),
    Escape: () => recordHandlers.setMode("view"),
  });
  const action = actions[e.key];
  if (!action) return;
  e.preventDefault();
  Promise.resolve(action()).catch(report);
}

async function start() {
  const app = /** @type {HTMLElement} */ (document.getElementById("app"));
  reviewerInput.addEventListener("change", () => {
    state.reviewer = reviewerInput.value.trim();
    localStorage.setItem(REVIEWER_KEY, state.reviewer);
    renderFilters();
    void renderRecent().catch(report);
  });
  fill(
    app,
    h(
      "header",
      {},
      h("h1", {}, "chitieu review"),
      h("label", {}, "reviewer", reviewerInput),
      counts,
      tabs,
      h("button", { type: "button", title: "undo your last decision (u)", onclick: () => void undo().catch(report) }, "Undo last ", h("kbd", {}, "u")),
    ),
    h("main", {}, message, ...Object.values(views)),
  );
  document.addEventListener("keydown", onKey);
  await startSession();
  state.facets = await getJson("/api/facets");
  renderTabs();
  renderFilters();
  await loadQueue();
  await openIndex(0);
  await renderRecent();
  // Conflicts and failed checks come first when there are any: they are the records most likely wrong.
  const found = await showConflicts(views.conflicts, panelHandlers);
  if (found && found.total > 0) {
    state.tab = "conflicts";
    renderTabs();
  }
}

start().catch(report);
