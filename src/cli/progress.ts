/**
 * Progress of a run. On a terminal: one bar line redrawn in place (done/total,
 * rate, ETA, failures), with each failure printed above it as "path: reason".
 * Elsewhere (logs, CI, pipes): plain lines only — each failure, and a count
 * now and then — so a log stays readable. Everything goes to stderr.
 */

export type ProgressEvent =
  | { status: "stored" | "unchanged"; source: string; mentions: number }
  | { status: "failed"; source: string; reason: string };

export interface Progress {
  /** How many inputs there are, once known (enables the percentage and ETA). */
  setTotal(total: number): void;
  document(event: ProgressEvent): void;
  /** Clears the bar; call once at the end, before printing the summary. */
  done(): void;
}

export interface ProgressOptions {
  /** Only failures, no bar and no counts. */
  quiet?: boolean;
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Milliseconds clock (tests pass their own). */
  now?: () => number;
  /** Between two count lines when not on a terminal. */
  logEveryMs?: number;
}

const REDRAW_MS = 100;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = Boolean((stream as { isTTY?: boolean }).isTTY) && !options.quiet;
  const logEvery = options.logEveryMs ?? 10_000;
  const started = now();
  let total: number | null = null;
  let processed = 0;
  let failed = 0;
  let mentions = 0;
  let lastDraw = 0;
  let lastLog = started;
  let barShown = false;

  const rate = () => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? processed / seconds : 0;
  };

  const status = (): string => {
    const r = rate();
    const parts = [total !== null ? `${processed}/${total}` : `${processed} documents`, `${r.toFixed(1)} doc/s`];
    if (total !== null && processed < total && r > 0) parts.push(`ETA ${duration((total - processed) / r)}`);
    parts.push(`${mentions} figures`);
    if (failed) parts.push(`${failed} failed`);
    return parts.join(" · ");
  };

  const bar = (): string => {
    const text = status();
    if (total === null || total === 0) return text;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 10));
    const filled = Math.round((Math.min(processed, total) / total) * width);
    const percent = Math.floor((Math.min(processed, total) / total) * 100);
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${text}`;
  };

  const clear = () => {
    if (barShown) stream.write("\r\x1b[2K");
    barShown = false;
  };

  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    const columns = stream.columns ?? 80;
    stream.write(`\r\x1b[2K${bar().slice(0, columns - 1)}`);
    barShown = true;
  };

  return {
    setTotal(n) {
      total = n;
      if (tty) draw(true);
    },
    document(event) {
      processed++;
      if (event.status === "failed") {
        failed++;
        if (tty) clear();
        stream.write(`${event.source}: ${event.reason}\n`);
        if (tty) draw(true);
        return;
      }
      mentions += event.mentions;
      if (tty) draw(false);
      else if (!options.quiet && now() - lastLog >= logEvery) {
        lastLog = now();
        stream.write(`progress: ${status()}\n`);
      }
    },
    done() {
      if (tty) clear();
    },
  };
}
