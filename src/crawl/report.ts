/**
 * The report of a crawl run, kept as JSON in runs.report and printed at the
 * end: per site, what was new, changed, unchanged, duplicated, cleaned of
 * boilerplate, failed (by reason) and skipped (by reason).
 */

export interface SiteReport {
  /** HTTP requests made for the site, robots.txt, retries and redirect hops included. */
  requests: number;
  /** Documents stored for the first time. */
  new: number;
  /** Documents stored again because their content changed. */
  changed: number;
  /** Pages found as they were (304, or the same bytes): not extracted again. */
  unchanged: number;
  /** Pages that are another URL's article (same bytes, or rel=canonical elsewhere): not stored twice. */
  duplicate: number;
  /** Stored documents extracted again without boilerplate learnt since. */
  cleaned: number;
  /** Mentions written. */
  mentions: number;
  /** Boilerplate blocks learnt in this run. */
  boilerplate: number;
  failed: Record<string, number>;
  skipped: Record<string, number>;
  /** URLs still queued when the run ended (page limit, or stopped): the next run takes them. */
  left: number;
}

export interface CrawlReport {
  round: number;
  /** The run took over a round a killed or stopped run had left open. */
  resumed: boolean;
  /** Every queued URL of the round was dealt with (none left but by the page limit). */
  complete: boolean;
  /** Replay of kept responses, without the network. */
  replay?: boolean;
  sites: Record<string, SiteReport>;
}

export function emptySiteReport(): SiteReport {
  return { requests: 0, new: 0, changed: 0, unchanged: 0, duplicate: 0, cleaned: 0, mentions: 0, boilerplate: 0, failed: {}, skipped: {}, left: 0 };
}

export function tally(counts: Record<string, number>, reason: string): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

export function failures(report: CrawlReport): number {
  return Object.values(report.sites).reduce((n, s) => n + Object.values(s.failed).reduce((a, b) => a + b, 0), 0);
}

function byReason(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${n} ${reason}`)
    .join(", ");
}

/** One line per site, then the verdict. */
export function formatReport(report: CrawlReport): string {
  const lines = Object.entries(report.sites).map(([name, s]) => {
    const parts = [`${s.new} new`, `${s.changed} changed`, `${s.unchanged} unchanged`];
    if (s.duplicate) parts.push(`${s.duplicate} duplicate`);
    if (s.cleaned) parts.push(`${s.cleaned} cleaned of boilerplate`);
    const failed = Object.values(s.failed).reduce((a, b) => a + b, 0);
    parts.push(failed ? `${failed} failed (${byReason(s.failed)})` : "0 failed");
    if (Object.keys(s.skipped).length) parts.push(`skipped: ${byReason(s.skipped)}`);
    if (s.left) parts.push(`${s.left} left for the next run`);
    const learnt = s.boilerplate ? `, ${s.boilerplate} boilerplate blocks learnt` : "";
    return `${name}: ${parts.join(", ")}; ${s.mentions} mentions, ${s.requests} requests${learnt}`;
  });
  const start = report.replay ? "replay" : report.resumed ? `round ${report.round} (resumed)` : `round ${report.round}`;
  lines.push(`${start}: ${report.complete ? "complete" : "stopped before the end; the next run resumes it"}`);
  return lines.join("\n");
}
