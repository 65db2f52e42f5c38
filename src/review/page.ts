/**
 * The page shell and its stylesheet. Neither holds any data: the client
 * script (served as a file, never inline) fetches everything as JSON and
 * writes it into the page as text.
 */

export const INDEX_HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chitieu review</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/client/app.js"></script>
</head>
<body>
<noscript>The review page needs JavaScript.</noscript>
<div id="app"></div>
</body>
</html>
`;

export const STYLESHEET = `
:root { --ink: #1d232a; --muted: #5b6672; --line: #d6dbe0; --bg: #f6f7f9; --accent: #1f5fa8; --ok: #1b7a3a; --bad: #b3261e; --warn: #9a6700; --mark: #ffe58a; --sentence: #e8f0fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Segoe UI", "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 16px; padding: 8px 16px; background: #fff; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; }
header .counts { color: var(--muted); }
header .counts b { color: var(--ink); }
nav.tabs { display: flex; gap: 4px; }
nav.tabs button { border: 1px solid var(--line); background: #fff; padding: 4px 10px; border-radius: 4px; cursor: pointer; }
nav.tabs button[aria-selected="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
label { color: var(--muted); font-size: 12px; display: flex; flex-direction: column; gap: 2px; }
label.checkbox { flex-direction: row; align-items: center; color: var(--ink); }
input, select, button, textarea { font: inherit; }
input, select, textarea { border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; background: #fff; color: var(--ink); }
button { border: 1px solid var(--line); border-radius: 4px; padding: 3px 10px; background: #fff; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
button.accept { border-color: var(--ok); color: var(--ok); }
button.reject { border-color: var(--bad); color: var(--bad); }
kbd { font: 11px ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; background: #fff; color: var(--muted); }
main { padding: 12px 16px; }
.message { padding: 6px 10px; border-radius: 4px; margin: 0 0 8px; }
.message.error { background: #fdecea; color: var(--bad); }
.message.info { background: #e8f4ea; color: var(--ok); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; align-items: start; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; }
.panel h2 { font-size: 14px; margin: 0 0 8px; }
.panel h3 { font-size: 13px; margin: 10px 0 6px; color: var(--muted); }
form.filters { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 6px 8px; align-items: end; }
form.filters .wide { grid-column: span 2; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 5px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
table.queue { font-size: 13px; }
table.queue tbody tr { cursor: pointer; }
table.queue td.value { white-space: nowrap; }
table.queue td.indicator { max-width: 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.scroll { overflow-x: auto; }
table.queue tbody tr:hover { background: #f0f4fa; }
table.queue tbody tr[aria-current="true"] { background: var(--sentence); outline: 2px solid var(--accent); outline-offset: -2px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pager { display: flex; gap: 8px; align-items: center; margin-top: 6px; color: var(--muted); }
.status { font-size: 12px; padding: 0 6px; border-radius: 8px; border: 1px solid var(--line); white-space: nowrap; }
.status.accepted { color: var(--ok); border-color: var(--ok); }
.status.rejected { color: var(--bad); border-color: var(--bad); }
.status.corrected { color: var(--warn); border-color: var(--warn); }
.grounding { font-weight: 600; }
.grounding.exact { color: var(--ok); }
.grounding.approximate { color: var(--warn); }
.grounding.none { color: var(--bad); }
dl.fields { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 10px; margin: 0; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.paragraph { white-space: pre-wrap; line-height: 1.6; background: #fbfbfc; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-wrap: anywhere; }
.paragraph .sentence { background: var(--sentence); }
.paragraph mark { background: var(--mark); color: inherit; padding: 1px 0; }
.paragraph mark.value { font-weight: 700; text-decoration: underline; }
.actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.doc-meta { color: var(--muted); display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 6px; }
.doc-meta .title { color: var(--ink); font-weight: 600; }
form.edit { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px 10px; margin-top: 8px; }
form.edit .wide { grid-column: span 3; }
form.edit .error { color: var(--bad); font-size: 12px; min-height: 1em; }
.history li { margin-bottom: 4px; }
.history .undone { text-decoration: line-through; color: var(--muted); }
.diff { font: 12px ui-monospace, monospace; color: var(--muted); }
.cards { display: flex; gap: 10px; overflow-x: auto; padding-bottom: 4px; }
.card { flex: 0 0 280px; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
.card .value { font-size: 18px; font-weight: 700; }
.card .sentence { font-size: 13px; margin: 6px 0; overflow-wrap: anywhere; }
svg.chart { background: #fff; border: 1px solid var(--line); border-radius: 4px; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart .target { fill: #fff; stroke: var(--accent); stroke-width: 2; }
svg.chart .actual { fill: var(--ok); stroke: var(--ok); }
svg.chart .line-target { stroke: var(--accent); stroke-dasharray: 4 3; fill: none; }
svg.chart .line-actual { stroke: var(--ok); fill: none; }
svg.chart g[role="link"] { cursor: pointer; }
svg.chart g:focus .point, svg.chart .point:hover { stroke: var(--ink); stroke-width: 3; }
.legend { display: flex; gap: 14px; color: var(--muted); margin: 6px 0; }
.muted { color: var(--muted); }
.kbd-help { color: var(--muted); font-size: 12px; }
`;
