/** The current record: fields, grounding, source paragraph, neighbours, actions, edit form, history. */
import { ApiError } from "./api.js";
import { fill, formatNumber, h, safeHref } from "./dom.js";

/**
 * @typedef {Record<string, any>} MentionRecord
 * @typedef {{ level: "exact" | "approximate" | "none"; checks: Array<{ part: string; level: string; note: string }> }} Grounding
 * @typedef {{ id: number; reviewer: string; decidedAt: string; action: string; reason: string | null; before: MentionRecord | null; after: MentionRecord | null; undoes: number | null; undone: boolean }} Decision
 * @typedef {{
 *   record: MentionRecord;
 *   document: { id: number; source: string; title: string | null; published_at: string | null; site_name: string | null; canonical_url: string | null; author: string | null; format: string; place: string | null; link: string | null };
 *   paragraph: { start: number; text: string };
 *   siblings: MentionRecord[];
 *   indicatorCandidates: string[];
 *   grounding: Grounding;
 *   history: Decision[];
 *   earlier: Array<{ id: number; reviewer: string; decided_at: string; action: string; reason: string | null; before: MentionRecord | null; grounding: Grounding | null }>;
 * }} RecordDetail
 * @typedef {{ id: string; label_vi: string; label_en: string; unit_class: string }} TaxonomyEntry
 * @typedef {{
 *   decide: (action: "accept" | "reject", reason?: string) => Promise<void>;
 *   edit: (correction: Record<string, unknown>, reason: string, mapIndicator: boolean) => Promise<void>;
 *   undo: (decisionId: number) => Promise<void>;
 *   open: (mentionId: number) => void;
 *   setMode: (mode: "view" | "reject" | "edit") => void;
 * }} RecordHandlers
 */

const KINDS = ["target", "actual", "attainment", "comparison"];
const QUALIFIERS = ["", ">=", ">", "<=", "<", "~"];
/** The fields a history entry compares before and after. */
const COMPARED = ["kind", "value", "value_max", "unit", "qualifier", "period", "resolved_period", "indicator", "indicator_id", "place", "review_status"];

/** @param {string} status */
export function statusBadge(status) {
  return h("span", { class: `status ${status}` }, status);
}

/** @param {MentionRecord} r */
export function valueLabel(r) {
  const range = r.value_max === null || r.value_max === undefined ? formatNumber(r.value) : `${formatNumber(r.value)}–${formatNumber(r.value_max)}`;
  const unit = r.unit ?? "";
  return `${r.qualifier ?? ""}${range}${unit.startsWith("%") ? "" : " "}${unit}`.trim();
}

/**
 * The paragraph with the sentence shaded, the evidence marked and the value in bold, built from text nodes.
 * @param {RecordDetail} detail
 */
function paragraphView(detail) {
  const { record, paragraph } = detail;
  const base = paragraph.start;
  const length = paragraph.text.length;
  const at = (/** @type {number} */ offset) => Math.max(0, Math.min(length, offset - base));
  const sentence = [at(record.sentence_start), at(record.sentence_end)];
  const evidence = [at(record.span_start), at(record.span_end)];
  const value = [at(record.value_start), at(record.value_end)];
  const cuts = [...new Set([0, length, ...sentence, ...evidence, ...value])].sort((a, b) => a - b);
  const inside = (/** @type {number[]} */ [s, e], /** @type {number} */ i) => i >= s && i < e;
  const parts = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const text = paragraph.text.slice(cuts[i], cuts[i + 1]);
    if (!text) continue;
    const start = cuts[i];
    if (inside(value, start)) parts.push(h("mark", { class: "evidence value" }, text));
    else if (inside(evidence, start)) parts.push(h("mark", { class: "evidence" }, text));
    else if (inside(sentence, start)) parts.push(h("span", { class: "sentence" }, text));
    else parts.push(text);
  }
  return h("div", { class: "paragraph", "data-testid": "paragraph" }, ...parts);
}

/**
 * @param {RecordDetail} detail
 * @param {Map<string, TaxonomyEntry>} taxonomy
 */
function fieldsView(detail, taxonomy) {
  const r = detail.record;
  const label = r.indicator_id ? taxonomy.get(r.indicator_id)?.label_vi : null;
  /** @type {Array<[string, string]>} */
  const rows = [
    ["kind", r.kind],
    ["value", valueLabel(r)],
    ["indicator", r.indicator],
    ["taxonomy", r.indicator_id ? `${r.indicator_id}${label ? ` (${label})` : ""}` : "—"],
    ["period", r.period || "—"],
    ["resolved period", r.resolved_period ?? "—"],
    ["place", r.place ?? "—"],
    ["base value", r.value_base === null ? "—" : `${formatNumber(r.value_base)} ${r.base_unit ?? ""}`],
    ["basis", r.basis ?? "—"],
    ["per", r.per ?? "—"],
    ["estimated", r.estimated ? "yes" : "no"],
    ["rule", r.rule],
    ["confidence", Number(r.confidence).toFixed(2)],
    ["rules version", r.rules_version],
  ];
  return h("dl", { class: "fields", "data-testid": "fields" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { "data-field": k }, v)]));
}

/** @param {Grounding} g */
function groundingView(g) {
  return h(
    "div",
    { "data-testid": "grounding" },
    h("span", { class: `grounding ${g.level}` }, `grounding: ${g.level}`),
    h("ul", { class: "muted" }, ...g.checks.map((c) => h("li", {}, `${c.part}: ${c.level}, ${c.note}`))),
  );
}

/** @param {RecordDetail["document"]} d @param {MentionRecord} r */
function documentView(d, r) {
  const href = safeHref(d.link);
  return h(
    "div",
    { class: "doc-meta", "data-testid": "document" },
    h("span", { class: "title" }, d.title || "(no title)"),
    d.published_at ? h("span", {}, d.published_at) : null,
    d.site_name ? h("span", {}, d.site_name) : null,
    href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, d.source) : h("span", {}, d.source),
    r.page ? h("span", {}, `page ${r.page}`) : null,
  );
}

/** @param {MentionRecord[]} siblings @param {RecordHandlers} handlers */
function siblingsView(siblings, handlers) {
  if (siblings.length === 0) return h("p", { class: "muted" }, "No other records in this sentence.");
  return h(
    "table",
    { "data-testid": "siblings" },
    h("thead", {}, h("tr", {}, h("th", {}, "kind"), h("th", {}, "value"), h("th", {}, "indicator"), h("th", {}, "period"), h("th", {}, "status"))),
    h(
      "tbody",
      {},
      ...siblings.map((s) =>
        h(
          "tr",
          {},
          h("td", {}, s.kind),
          h("td", {}, h("button", { type: "button", title: "open this record", onclick: () => handlers.open(s.mention_id) }, s.value_text)),
          h("td", {}, s.indicator),
          h("td", {}, s.period || "—"),
          h("td", {}, statusBadge(s.review_status)),
        ),
      ),
    ),
  );
}

/** @param {MentionRecord | null} before @param {MentionRecord | null} after */
function changes(before, after) {
  if (!before || !after) return "";
  return COMPARED.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => `${f}: ${before[f] ?? "—"} → ${after[f] ?? "—"}`)
    .join("; ");
}

const VERB = /** @type {Record<string, string>} */ ({ accept: "accepted", reject: "rejected", edit: "corrected", undo: "undid" });

/** @param {Decision[]} history @param {RecordHandlers} handlers */
function historyView(history, handlers) {
  if (history.length === 0) return h("p", { class: "muted", "data-testid": "history" }, "No decisions yet.");
  return h(
    "ol",
    { class: "history", "data-testid": "history" },
    ...history.map((d) =>
      h(
        "li",
        {},
        h(
          "span",
          { class: d.undone ? "undone" : "" },
          `${d.decidedAt.replace("T", " ").slice(0, 19)} · ${d.reviewer} ${VERB[d.action] ?? d.action}${d.undoes ? ` decision ${d.undoes}` : ""}`,
          d.reason ? ` — “${d.reason}”` : "",
        ),
        " ",
        d.action !== "undo" && !d.undone ? h("button", { type: "button", onclick: () => handlers.undo(d.id) }, "undo") : null,
        h("div", { class: "diff" }, changes(d.before, d.after)),
      ),
    ),
  );
}

/** @param {RecordDetail["earlier"]} earlier */
function earlierView(earlier) {
  if (earlier.length === 0) return null;
  return h(
    "div",
    { "data-testid": "earlier" },
    h("h3", {}, "Earlier decisions on this sentence that no longer apply"),
    h(
      "ul",
      {},
      ...earlier.map((d) =>
        h(
          "li",
          {},
          `${d.reviewer} ${VERB[d.action] ?? d.action} “${d.before?.value_text ?? ""}” on ${d.decided_at.slice(0, 10)}`,
          d.grounding ? ` — its record is now ${d.grounding.level === "none" ? "not in the text" : d.grounding.level === "exact" ? "still exact" : "only approximately in the text"}` : "",
        ),
      ),
    ),
  );
}

/**
 * @param {(reason: string) => void} submit
 * @param {() => void} cancel
 */
function rejectForm(submit, cancel) {
  const reason = h("input", { type: "text", name: "reason", maxlength: 500, placeholder: "reason (optional)", "aria-label": "reason for rejecting", size: 40 });
  const form = h(
    "form",
    {
      class: "actions",
      "data-testid": "reject-form",
      onsubmit: (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        submit(reason.value);
      },
      onkeydown: (/** @type {KeyboardEvent} */ e) => {
        if (e.key === "Escape") cancel();
      },
    },
    reason,
    h("button", { type: "submit", class: "reject" }, "Reject"),
    h("button", { type: "button", onclick: cancel }, "Cancel"),
    h("span", { class: "kbd-help" }, "Enter rejects, Esc cancels"),
  );
  queueMicrotask(() => reason.focus());
  return form;
}

/**
 * @param {RecordDetail} detail
 * @param {{ taxonomy: TaxonomyEntry[]; places: Array<{ id: string; name: string | null }> }} lookups
 * @param {RecordHandlers} handlers
 */
function editForm(detail, lookups, handlers) {
  const r = detail.record;
  /** @type {Record<string, HTMLElement>} */
  const errors = {};
  /**
   * @param {string} name
   * @param {string} caption
   * @param {HTMLInputElement | HTMLSelectElement} input
   * @param {string} [extraClass]
   */
  const field = (name, caption, input, extraClass = "") => {
    input.name = name;
    errors[name] = h("span", { class: "error", "data-error-for": name });
    return h("label", { class: extraClass }, caption, input, errors[name]);
  };
  const candidates = new Set(detail.indicatorCandidates);
  const ordered = [...lookups.taxonomy].sort((a, b) => Number(candidates.has(b.id)) - Number(candidates.has(a.id)));
  const kind = h("select", {}, ...KINDS.map((k) => h("option", { value: k, selected: k === r.kind }, k)));
  const value = h("input", { type: "number", step: "any", value: r.value, required: true });
  const valueMax = h("input", { type: "number", step: "any", value: r.value_max ?? "" });
  const unit = h("input", { type: "text", value: r.unit, maxlength: 40 });
  const qualifier = h("select", {}, ...QUALIFIERS.map((q) => h("option", { value: q, selected: q === (r.qualifier ?? "") }, q || "(none)")));
  const period = h("input", { type: "text", value: r.period, placeholder: "2024, 2024-H1, 2024-Q3, 2024-M06, 2021/2025" });
  const indicator = h("input", { type: "text", value: r.indicator, maxlength: 200, required: true });
  const indicatorId = h("input", { type: "text", value: r.indicator_id ?? "", list: "taxonomy-options", placeholder: "taxonomy id", autocomplete: "off" });
  const place = h("input", { type: "text", value: r.place ?? "", list: "place-options", placeholder: "gazetteer id", autocomplete: "off" });
  const reason = h("input", { type: "text", maxlength: 500, placeholder: "why (optional)" });
  const mapIndicator = h("input", { type: "checkbox", name: "mapIndicator", checked: !r.indicator_id });
  const numberOrText = (/** @type {HTMLInputElement} */ input) => (input.value.trim() === "" ? null : Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : input.value);
  const form = h(
    "form",
    {
      class: "edit",
      "data-testid": "edit-form",
      novalidate: true,
      onkeydown: (/** @type {KeyboardEvent} */ e) => {
        if (e.key === "Escape") handlers.setMode("view");
      },
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        for (const el of Object.values(errors)) fill(el);
        const correction = {
          kind: kind.value,
          value: numberOrText(value) ?? value.value,
          value_max: numberOrText(valueMax),
          unit: unit.value,
          qualifier: qualifier.value || null,
          period: period.value.trim(),
          indicator: indicator.value,
          indicator_id: indicatorId.value.trim() || null,
          place: place.value.trim() || null,
        };
        try {
          await handlers.edit(correction, reason.value, mapIndicator.checked && correction.indicator_id !== null);
        } catch (err) {
          if (!(err instanceof ApiError) || err.issues.length === 0) throw err;
          for (const issue of err.issues) {
            const target = errors[issue.path.replace(/^correction\./, "")] ?? errors.reason;
            target.append(issue.message, " ");
          }
        }
      },
    },
    field("kind", "kind", kind),
    field("value", "value", value),
    field("value_max", "up to (range)", valueMax),
    field("unit", "unit", unit),
    field("qualifier", "qualifier", qualifier),
    field("period", "period", period),
    field("indicator", "indicator (as written)", indicator, "wide"),
    field("indicator_id", "taxonomy id (suggestions)", indicatorId),
    field("place", "place", place),
    field("reason", "reason", reason),
    h("label", { class: "wide checkbox" }, h("span", {}, mapIndicator, " map this indicator phrase to the taxonomy id from now on (normalisation reuses it)")),
    h(
      "datalist",
      { id: "taxonomy-options" },
      ...ordered.map((t) => h("option", { value: t.id }, `${candidates.has(t.id) ? "★ " : ""}${t.label_vi} — ${t.label_en}`)),
    ),
    h("datalist", { id: "place-options" }, ...lookups.places.map((p) => h("option", { value: p.id }, p.name ?? p.id))),
    h(
      "div",
      { class: "actions wide" },
      h("button", { type: "submit", class: "primary" }, "Save correction"),
      h("button", { type: "button", onclick: () => handlers.setMode("view") }, "Cancel"),
      h("span", { class: "kbd-help" }, "Enter saves, Esc cancels; the original record is kept"),
    ),
  );
  queueMicrotask(() => value.focus());
  return form;
}

/**
 * @param {RecordDetail} detail
 * @param {"view" | "reject" | "edit"} mode
 * @param {{ taxonomy: TaxonomyEntry[]; places: Array<{ id: string; name: string | null }> }} lookups
 * @param {RecordHandlers} handlers
 */
export function recordPanel(detail, mode, lookups, handlers) {
  const r = detail.record;
  const taxonomy = new Map(lookups.taxonomy.map((t) => [t.id, t]));
  return h(
    "section",
    { class: "panel", "data-testid": "record", "data-mention-id": r.mention_id },
    h("h2", {}, `Record ${r.mention_id} `, statusBadge(r.review_status), r.reviewer ? h("span", { class: "muted" }, ` by ${r.reviewer}`) : null),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "accept", onclick: () => handlers.decide("accept") }, "Accept ", h("kbd", {}, "a")),
      h("button", { type: "button", class: "reject", onclick: () => handlers.setMode("reject") }, "Reject ", h("kbd", {}, "r")),
      h("button", { type: "button", onclick: () => handlers.setMode("edit") }, "Edit ", h("kbd", {}, "e")),
      h("span", { class: "kbd-help" }, "next ", h("kbd", {}, "j"), "/", h("kbd", {}, "↓"), " previous ", h("kbd", {}, "k"), "/", h("kbd", {}, "↑"), " undo ", h("kbd", {}, "u")),
    ),
    mode === "reject" ? rejectForm((reason) => handlers.decide("reject", reason), () => handlers.setMode("view")) : null,
    mode === "edit" ? editForm(detail, lookups, handlers) : null,
    h("h3", {}, "Source"),
    documentView(detail.document, r),
    paragraphView(detail),
    groundingView(detail.grounding),
    h("h3", {}, "Fields"),
    fieldsView(detail, taxonomy),
    h("h3", {}, "Other records of this sentence"),
    siblingsView(detail.siblings, handlers),
    h("h3", {}, "History"),
    historyView(detail.history, handlers),
    earlierView(detail.earlier),
  );
}
