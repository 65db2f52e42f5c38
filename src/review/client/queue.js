/** The queue: its filters, its sort, and one page of records. */
import { h } from "./dom.js";
import { statusBadge } from "./record.js";

/**
 * @typedef {{ id: string; name: string | null }} PlaceName
 * @typedef {{ kinds: string[]; places: PlaceName[]; gazetteer: PlaceName[]; periods: string[]; rules: string[]; indicators: string[]; taxonomy: import("./record.js").TaxonomyEntry[] }} Facets
 * @typedef {{ indicator: string; kind: string; place: string; period: string; document: string; rule: string; confidenceMin: string; confidenceMax: string; status: string; notDecidedBy: string; ids: string }} Filters
 * @typedef {{ rows: Array<Record<string, any>>; total: number; page: number; pageSize: number; byStatus: Record<string, number>; done: number; left: number; orphaned: number }} QueuePage
 */

export const EMPTY_FILTERS = /** @type {Filters} */ ({
  indicator: "", kind: "", place: "", period: "", document: "", rule: "", confidenceMin: "", confidenceMax: "", status: "unreviewed", notDecidedBy: "", ids: "",
});

const SORTS = [
  ["document", "document order"], ["confidence", "confidence"], ["value", "value"], ["indicator", "indicator"], ["period", "period"],
  ["kind", "kind"], ["place", "place"], ["rule", "rule"], ["status", "status"], ["reviewed_at", "time of decision"], ["sample", "sample (same order for every reviewer)"],
];
const STATUSES = [["", "any status"], ["unreviewed", "unreviewed"], ["reviewed", "reviewed"], ["accepted", "accepted"], ["rejected", "rejected"], ["corrected", "corrected"]];

/**
 * @param {string} name
 * @param {string} caption
 * @param {string} current
 * @param {Array<[string, string]>} options
 */
function select(name, caption, current, options) {
  return h("label", {}, caption, h("select", { name }, ...options.map(([value, text]) => h("option", { value, selected: value === current }, text))));
}

/**
 * The filter form; `onChange` gets the new filters and sort whenever one changes.
 * @param {Facets} facets
 * @param {{ filters: Filters; sort: string; dir: string; reviewer: string }} state
 * @param {(filters: Filters, sort: string, dir: string) => void} onChange
 */
export function filterForm(facets, state, onChange) {
  const f = state.filters;
  /** @param {string} name @param {string} caption @param {string} value @param {Record<string, string | number>} [extra] */
  const text = (name, caption, value, extra = {}) => h("label", { class: extra.class ? String(extra.class) : "" }, caption, h("input", { type: "text", name, value, ...extra, class: null }));
  const form = h(
    "form",
    { class: "filters", "data-testid": "filters", onsubmit: (/** @type {SubmitEvent} */ e) => e.preventDefault() },
    text("indicator", "indicator contains", f.indicator, { list: "indicator-options", class: "wide", autocomplete: "off" }),
    select("kind", "kind", f.kind, [["", "any kind"], ...facets.kinds.map((k) => /** @type {[string, string]} */ ([k, k]))]),
    select("status", "status", f.status, /** @type {Array<[string, string]>} */ (STATUSES)),
    select("place", "place", f.place, [["", "any place"], ...facets.places.map((p) => /** @type {[string, string]} */ ([p.id, p.name ? `${p.name} (${p.id})` : p.id]))]),
    select("period", "period", f.period, [["", "any period"], ...facets.periods.map((p) => /** @type {[string, string]} */ ([p, p]))]),
    select("rule", "rule", f.rule, [["", "any rule"], ...facets.rules.map((r) => /** @type {[string, string]} */ ([r, r]))]),
    text("document", "document contains", f.document),
    text("confidenceMin", "confidence ≥", f.confidenceMin, { inputmode: "decimal", size: 4 }),
    text("confidenceMax", "confidence ≤", f.confidenceMax, { inputmode: "decimal", size: 4 }),
    h(
      "label",
      { class: "wide" },
      "not yet decided by",
      h("select", { name: "notDecidedBy" }, h("option", { value: "" }, "(anyone)"), h("option", { value: state.reviewer, selected: f.notDecidedBy !== "" }, state.reviewer ? `me (${state.reviewer})` : "me")),
    ),
    select("sort", "sort by", state.sort, /** @type {Array<[string, string]>} */ (SORTS)),
    select("dir", "order", state.dir, [["asc", "ascending"], ["desc", "descending"]]),
    f.ids ? h("label", {}, "only records", h("span", {}, `${f.ids.split(",").length} chosen `), h("button", { type: "button", name: "clear-ids" }, "show all")) : null,
    h("datalist", { id: "indicator-options" }, ...facets.indicators.map((i) => h("option", { value: i }))),
  );
  let timer = 0;
  const read = () => {
    const data = new FormData(form);
    const value = (/** @type {string} */ key) => String(data.get(key) ?? "");
    const filters = /** @type {Filters} */ ({ ...EMPTY_FILTERS, ids: state.filters.ids });
    for (const key of /** @type {Array<keyof Filters>} */ (Object.keys(EMPTY_FILTERS))) if (key !== "ids") filters[key] = value(key).trim();
    onChange(filters, value("sort"), value("dir"));
  };
  form.addEventListener("change", read);
  form.addEventListener("input", (e) => {
    if (!(e.target instanceof HTMLInputElement)) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(read, 350);
  });
  form.addEventListener("click", (e) => {
    if (e.target instanceof HTMLButtonElement && e.target.name === "clear-ids") {
      state.filters.ids = "";
      read();
    }
  });
  return form;
}

/**
 * One page of the queue as a table; a row click picks that record.
 * @param {QueuePage} page
 * @param {number} currentIndex
 * @param {(index: number) => void} onPick
 * @param {(page: number) => void} onPage
 */
export function queueTable(page, currentIndex, onPick, onPage) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = page.page * page.pageSize;
  return h(
    "div",
    { "data-testid": "queue" },
    page.rows.length === 0
      ? h("p", { class: "muted" }, "No records match these filters.")
      : h(
          "div",
          { class: "scroll" },
          h(
            "table",
            { class: "queue" },
            h(
              "thead",
              {},
              h("tr", {}, h("th", {}, "#"), h("th", {}, "status"), h("th", {}, "kind"), h("th", {}, "value"), h("th", {}, "indicator"), h("th", {}, "period"), h("th", {}, "place"), h("th", {}, "conf.")),
            ),
            h(
              "tbody",
              {},
              ...page.rows.map((r, i) =>
                h(
                  "tr",
                  { "aria-current": i === currentIndex ? "true" : null, "data-mention-id": r.mention_id, onclick: () => onPick(i) },
                  h("td", { class: "num" }, first + i + 1),
                  h("td", {}, statusBadge(r.review_status)),
                  h("td", {}, r.kind),
                  h("td", { class: "num value" }, r.value_text),
                  h("td", { class: "indicator", title: r.indicator }, r.indicator),
                  h("td", {}, r.resolved_period ?? r.period),
                  h("td", {}, r.place ?? ""),
                  h("td", { class: "num" }, Number(r.confidence).toFixed(2)),
                ),
              ),
            ),
          ),
        ),
    h(
      "div",
      { class: "pager" },
      h("button", { type: "button", disabled: page.page === 0, onclick: () => onPage(page.page - 1) }, "← previous page"),
      h("span", { "data-testid": "page-info" }, `page ${page.page + 1} of ${pages} · ${page.total} records`),
      h("button", { type: "button", disabled: page.page + 1 >= pages, onclick: () => onPage(page.page + 1) }, "next page →"),
    ),
  );
}
