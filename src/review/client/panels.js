/** The other views: conflicts (shown first), the chart, agreement between reviewers, exports. */
import { apiUrl, getJson } from "./api.js";
import { fill, formatNumber, h, svg } from "./dom.js";
import { statusBadge, valueLabel } from "./record.js";

/**
 * @typedef {{
 *   decideOn: (mentionId: number, action: "accept" | "reject") => Promise<void>;
 *   openRecords: (ids: number[]) => void;
 *   counted: (conflictsAndChecks: number) => void;
 *   report: (error: unknown) => void;
 * }} PanelHandlers
 */

/**
 * A record's sentence with its value in bold, from text nodes.
 * @param {Record<string, any>} r
 */
function sentenceWithValue(r) {
  const from = r.value_start - r.sentence_start;
  const to = r.value_end - r.sentence_start;
  return h("div", { class: "sentence" }, r.sentence.slice(0, from), h("mark", {}, r.sentence.slice(from, to)), r.sentence.slice(to));
}

/**
 * @param {Record<string, any>} r
 * @param {PanelHandlers} handlers
 * @param {() => void} refresh
 */
function recordCard(r, handlers, refresh) {
  const act = (/** @type {"accept" | "reject"} */ action) => handlers.decideOn(r.mention_id, action).then(refresh, handlers.report);
  return h(
    "div",
    { class: "card", "data-testid": "conflict-record", "data-mention-id": r.mention_id },
    h("div", { class: "value" }, valueLabel(r)),
    h("div", { class: "muted" }, `${r.kind} · ${r.resolved_period ?? r.period} · `, statusBadge(r.review_status)),
    h("div", {}, r.title || r.doc),
    h("div", { class: "muted" }, r.published_at ?? ""),
    sentenceWithValue(r),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "accept", onclick: () => act("accept") }, "Accept"),
      h("button", { type: "button", class: "reject", onclick: () => act("reject") }, "Reject"),
      h("button", { type: "button", onclick: () => handlers.openRecords([r.mention_id]) }, "Open"),
    ),
  );
}

/**
 * @param {string} caption
 * @param {Array<Record<string, any>>} records
 * @param {PanelHandlers} handlers
 * @param {() => void} refresh
 */
function column(caption, records, handlers, refresh) {
  return h("div", {}, h("h3", {}, caption), records.length ? h("div", { class: "cards" }, ...records.map((r) => recordCard(r, handlers, refresh))) : h("p", { class: "muted" }, "none stated"));
}

/** @param {number | null} n */
const figure = (n) => (n === null ? "—" : formatNumber(Math.round(n * 100) / 100));

/**
 * Failed consistency checks and conflicts from normalisation, with the records involved side by side.
 * While the server is still computing them (a large store), this polls until they are ready.
 * @param {HTMLElement} root
 * @param {PanelHandlers} handlers
 * @param {number} [page]
 * @returns {Promise<{ total: number } | null>} how many there are, once known
 */
export async function showConflicts(root, handlers, page = 0) {
  const data = await getJson("/api/conflicts", { page });
  if (!data.ready) {
    fill(root, h("section", { class: "panel", "data-testid": "conflicts" }, h("h2", {}, "Conflicts and failed checks"), h("p", { class: "muted" }, data.error ?? "Finding them: on a large store this takes a few seconds…")));
    if (!data.error) window.setTimeout(() => void showConflicts(root, handlers, page).catch(handlers.report), 1500);
    return null;
  }
  const refresh = () => void showConflicts(root, handlers, page).catch(handlers.report);
  const { conflicts, failedChecks } = data;
  const pages = Math.max(1, Math.ceil(conflicts.total / conflicts.pageSize));
  fill(
    root,
    h(
      "section",
      { class: "panel", "data-testid": "conflicts" },
      data.stale ? h("p", { class: "muted" }, "The store has changed: an update of this list is on its way.") : null,
      data.error ? h("p", { class: "message error" }, data.error) : null,
      h("h2", {}, `Failed consistency checks: ${failedChecks.total}`),
      failedChecks.total === 0 ? h("p", { class: "muted" }, "Every target, actual and attainment that can be checked against the others agrees within rounding.") : null,
      ...failedChecks.items.map((/** @type {any} */ c) =>
        h(
          "div",
          { class: "panel", "data-testid": "failed-check" },
          h("h3", {}, `${c.indicator} · ${c.place_name ?? c.place ?? "no place"} · ${c.period || "no period"}: target ${figure(c.target)}, actual ${figure(c.actual)}, attainment ${figure(c.attainment)}% — implies a target of ${figure(c.implied_target)} ${c.base_unit ?? ""}`),
          h("div", { class: "cards" }, column("target", c.targets, handlers, refresh), column("actual", c.actuals, handlers, refresh), column("attainment", c.attainments, handlers, refresh)),
        ),
      ),
      h("h2", {}, `Conflicts: ${conflicts.total} observation${conflicts.total === 1 ? "" : "s"} whose sources disagree`),
      conflicts.total === 0 ? h("p", { class: "muted" }, "No conflicts: every observation's sources state one value.") : null,
      ...conflicts.groups.map((/** @type {any} */ g) =>
        h(
          "div",
          { class: "panel", "data-testid": "conflict" },
          h("h3", {}, `${g.indicator} · ${g.place_name ?? g.place ?? "no place"} · ${g.period || "no period"} · ${g.kind}: ${g.n_values} values from ${g.n_documents} documents`),
          h("div", { class: "cards" }, ...g.records.map((/** @type {any} */ r) => recordCard(r, handlers, refresh))),
          g.mention_ids.length > g.records.length
            ? h("button", { type: "button", onclick: () => handlers.openRecords(g.mention_ids) }, `all ${g.mention_ids.length} records in the queue`)
            : null,
        ),
      ),
      conflicts.total > conflicts.pageSize
        ? h(
            "div",
            { class: "pager" },
            h("button", { type: "button", disabled: page === 0, onclick: () => showConflicts(root, handlers, page - 1).catch(handlers.report) }, "← previous"),
            h("span", {}, `page ${page + 1} of ${pages}`),
            h("button", { type: "button", disabled: page + 1 >= pages, onclick: () => showConflicts(root, handlers, page + 1).catch(handlers.report) }, "next →"),
          )
        : null,
    ),
  );
  handlers.counted(conflicts.total + failedChecks.total);
  return { total: conflicts.total + failedChecks.total };
}

const WIDTH = 680;
const HEIGHT = 320;
const PAD = { left: 70, right: 20, top: 16, bottom: 36 };

/**
 * Targets against actuals over the years; each point opens its records.
 * @param {{ points: Array<{ kind: "target" | "actual"; year: number; period: string; value: number; unit: string; mention_ids: number[]; documents: number }>; skipped: number }} data
 * @param {PanelHandlers} handlers
 */
function chartSvg(data, handlers) {
  const years = data.points.map((p) => p.year);
  const values = data.points.map((p) => p.value);
  const [y0, y1] = [Math.min(...years), Math.max(...years)];
  const top = Math.max(...values, 0) * 1.1 || 1;
  const bottom = Math.min(0, ...values);
  const x = (/** @type {number} */ year) => PAD.left + (y1 === y0 ? 0.5 : (year - y0) / (y1 - y0)) * (WIDTH - PAD.left - PAD.right);
  const y = (/** @type {number} */ v) => HEIGHT - PAD.bottom - ((v - bottom) / (top - bottom)) * (HEIGHT - PAD.top - PAD.bottom);
  const children = [
    svg("line", { class: "axis", x1: PAD.left, y1: HEIGHT - PAD.bottom, x2: WIDTH - PAD.right, y2: HEIGHT - PAD.bottom }),
    svg("line", { class: "axis", x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: HEIGHT - PAD.bottom }),
  ];
  for (let year = y0; year <= y1; year++) children.push(svg("text", { x: x(year), y: HEIGHT - PAD.bottom + 16, "text-anchor": "middle" }, String(year)));
  for (const tick of [bottom, (bottom + top) / 2, top]) children.push(svg("text", { x: PAD.left - 6, y: y(tick) + 4, "text-anchor": "end" }, formatNumber(Math.round(tick * 100) / 100)));
  for (const kind of /** @type {const} */ (["target", "actual"])) {
    // The line runs through the value most documents state each year.
    const best = new Map();
    for (const p of data.points.filter((q) => q.kind === kind)) if (!best.has(p.year) || best.get(p.year).documents < p.documents) best.set(p.year, p);
    const line = [...best.values()].sort((a, b) => a.year - b.year).map((p) => `${x(p.year)},${y(p.value)}`).join(" ");
    if (best.size > 1) children.push(svg("polyline", { class: `line-${kind}`, points: line }));
  }
  for (const p of data.points) {
    const label = `${p.kind} ${p.period}: ${formatNumber(p.value)} ${p.unit} (${p.documents} document${p.documents === 1 ? "" : "s"}, ${p.mention_ids.length} record${p.mention_ids.length === 1 ? "" : "s"})`;
    const open = () => handlers.openRecords(p.mention_ids);
    const shape = p.kind === "target"
      ? svg("rect", { class: "point target", x: x(p.year) - 6, y: y(p.value) - 6, width: 12, height: 12 })
      : svg("circle", { class: "point actual", cx: x(p.year), cy: y(p.value), r: 6 });
    children.push(
      svg(
        "g",
        {
          role: "link",
          tabindex: 0,
          "aria-label": label,
          "data-testid": "chart-point",
          "data-kind": p.kind,
          "data-year": p.year,
          onclick: open,
          onkeydown: (/** @type {KeyboardEvent} */ e) => {
            if (e.key === "Enter") open();
          },
        },
        svg("title", {}, label),
        shape,
      ),
    );
  }
  return svg("svg", { class: "chart", width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "targets and actuals by year" }, ...children);
}

/**
 * @param {HTMLElement} root
 * @param {PanelHandlers} handlers
 */
export async function showChart(root, handlers) {
  const subjects = await getJson("/api/chart/subjects");
  const area = h("div", {});
  const choose = h(
    "select",
    { "aria-label": "indicator and place", "data-testid": "chart-subject" },
    ...subjects.map((/** @type {any} */ s, /** @type {number} */ i) => h("option", { value: i }, `${s.label} · ${s.place_name ?? s.place ?? "no place"} (${s.mentions})`)),
  );
  const draw = async () => {
    const s = subjects[Number(choose.value)];
    if (!s) return fill(area, h("p", { class: "muted" }, "No targets or actuals to chart."));
    const data = await getJson("/api/chart", { indicator: s.indicator, mapped: s.mapped, place: s.place });
    fill(
      area,
      h("div", { class: "legend" }, h("span", {}, "□ target"), h("span", {}, "● actual"), h("span", {}, "click a point for its records")),
      data.points.length ? chartSvg(data, handlers) : h("p", { class: "muted" }, "No yearly figures."),
      data.skipped ? h("p", { class: "muted" }, `${data.skipped} records with a half-year, quarter or month period are not drawn.`) : null,
    );
  };
  choose.addEventListener("change", () => void draw().catch(handlers.report));
  fill(root, h("section", { class: "panel", "data-testid": "chart" }, h("h2", {}, "Targets and actuals over the years"), choose, area));
  await draw();
}

/**
 * @param {HTMLElement} root
 * @param {PanelHandlers} handlers
 */
export async function showAgreement(root, handlers) {
  const people = await getJson("/api/reviewers");
  const out = h("div", {});
  const pick = (/** @type {string} */ name, /** @type {number} */ preset) =>
    h("select", { name, "aria-label": name === "a" ? "first reviewer" : "second reviewer" }, ...people.map((/** @type {any} */ p, /** @type {number} */ i) => h("option", { value: p.reviewer, selected: i === preset }, `${p.reviewer} (${p.decisions})`)));
  const a = pick("a", 0);
  const b = pick("b", 1);
  const compare = async () => {
    const r = await getJson("/api/agreement", { a: a.value, b: b.value });
    const pct = (/** @type {number | null} */ v) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
    const labels = ["accept", "reject", "edit"];
    fill(
      out,
      h(
        "p",
        { "data-testid": "kappa" },
        `${r.items} records decided by both · observed agreement ${pct(r.observed)} · chance ${pct(r.expected)} · Cohen's kappa `,
        h("b", {}, r.kappa === null ? "undefined" : r.kappa.toFixed(3)),
      ),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", {}, `${r.reviewers[0]} ↓ / ${r.reviewers[1]} →`), ...labels.map((l) => h("th", {}, l)))),
        h("tbody", {}, ...labels.map((row) => h("tr", {}, h("th", {}, row), ...labels.map((col) => h("td", { class: "num" }, r.matrix[row][col]))))),
      ),
      h("h3", {}, `Disagreements (${r.disagreements.length})`),
      h(
        "table",
        { "data-testid": "disagreements" },
        h("thead", {}, h("tr", {}, h("th", {}, "value"), h("th", {}, "sentence"), h("th", {}, r.reviewers[0]), h("th", {}, r.reviewers[1]), h("th", {}, ""))),
        h(
          "tbody",
          {},
          ...r.disagreements.map((/** @type {any} */ d) =>
            h(
              "tr",
              {},
              h("td", {}, d.value_text),
              h("td", {}, d.sentence),
              h("td", {}, d.first.action, d.first.reason ? ` — ${d.first.reason}` : "", d.first.corrected ? ` (${valueLabel(d.first.corrected)})` : ""),
              h("td", {}, d.second.action, d.second.reason ? ` — ${d.second.reason}` : "", d.second.corrected ? ` (${valueLabel(d.second.corrected)})` : ""),
              h("td", {}, d.mention_id ? h("button", { type: "button", onclick: () => handlers.openRecords([d.mention_id]) }, "open") : "gone"),
            ),
          ),
        ),
      ),
    );
  };
  fill(
    root,
    h(
      "section",
      { class: "panel", "data-testid": "agreement" },
      h("h2", {}, "Agreement between two reviewers"),
      h("p", { class: "muted" }, "Both review the same sample: sort the queue by “sample” and filter “not yet decided by me”."),
      people.length < 2
        ? h("p", {}, "Agreement needs decisions from two reviewers.")
        : h("div", { class: "actions" }, a, b, h("button", { type: "button", class: "primary", onclick: () => void compare().catch(handlers.report) }, "Compare")),
      out,
    ),
  );
  if (people.length >= 2) await compare();
}

/**
 * @param {HTMLElement} root
 */
export async function showExports(root) {
  const files = await getJson("/api/export/examples");
  fill(
    root,
    h(
      "section",
      { class: "panel", "data-testid": "exports" },
      h("h2", {}, "Exports"),
      h(
        "p",
        {},
        "Accepted and corrected records (corrected values): ",
        h("a", { href: apiUrl("/api/export/accepted", { format: "csv" }), download: "accepted.csv" }, "CSV"),
        " · ",
        h("a", { href: apiUrl("/api/export/accepted", { format: "jsonl" }), download: "accepted.jsonl" }, "JSON Lines"),
      ),
      h("h3", {}, "Rejections and corrections as rule examples"),
      files.length === 0
        ? h("p", { class: "muted" }, "No rejected or corrected records yet.")
        : h(
            "ul",
            {},
            ...files.map((/** @type {any} */ f) =>
              h(
                "li",
                {},
                h("a", { href: `/api/export/examples/${f.file ?? "-"}.jsonl`, download: `${f.file ?? "no-rule-file"}.jsonl` }, f.file ? `${f.file}.jsonl` : "rules no longer in rules/"),
                ` — ${f.examples} example${f.examples === 1 ? "" : "s"}, ${f.gaps} still wrong (marked "gap")`,
                f.file ? h("span", { class: "muted" }, ` · append to rules/examples/${f.file}.jsonl`) : null,
              ),
            ),
          ),
    ),
  );
}
