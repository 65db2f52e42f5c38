/**
 * How hard the crawler may press a host: a gate that spaces the starts of its
 * requests (the site's delay, or robots.txt's Crawl-delay when longer, or a
 * Retry-After the host asked for), and the waits between retries.
 *
 * The spacing is a gate rather than p-queue's interval: every request passes
 * it, retries and redirect hops included, and a Retry-After must hold back
 * the host's other requests too. The delay runs from the start of the last
 * request and from the end of each, so with one request at a time per host
 * (the default) even a request whose sending was held up (the event loop
 * busy extracting a page) leaves the host its delay; with more, it spaces
 * their starts.
 */

export class StoppedError extends Error {
  constructor() {
    super("stopped");
    this.name = "StoppedError";
  }
}

/** Resolves after `ms`, or rejects with StoppedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class HostGate {
  /** Earliest time (ms, performance clock) the next request may start. */
  private next = 0;
  /** When the last request started, and when the last one ended. */
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastEnd = Number.NEGATIVE_INFINITY;

  constructor(private delay: number) {}

  get delayMs(): number {
    return this.delay;
  }

  /** A longer delay (robots.txt's Crawl-delay), counted from the requests already made too; never shortens the delay. */
  lengthen(ms: number): void {
    this.delay = Math.max(this.delay, ms);
    this.next = Math.max(this.next, this.lastStart + this.delay, this.lastEnd + this.delay);
  }

  /** Waits until the host's next slot is due, without taking it (before queueing for a global slot). */
  async ready(signal?: AbortSignal): Promise<void> {
    // Timers round to whole milliseconds and may wake a little early: look again.
    for (let wait = this.next - performance.now(); wait > 0; wait = this.next - performance.now()) await sleep(wait, signal);
  }

  /** Waits for this host's next slot and takes it. */
  async turn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (now >= this.next) {
        this.lastStart = now;
        this.next = now + this.delay;
        return;
      }
      await sleep(this.next - now, signal);
    }
  }

  /** A request to the host is over: the next one waits the delay from now. */
  finished(): void {
    this.lastEnd = performance.now();
    this.next = Math.max(this.next, this.lastEnd + this.delay);
  }

  /** Holds every request to the host until `ms` from now (the host said Retry-After). */
  holdFor(ms: number): void {
    this.next = Math.max(this.next, performance.now() + ms);
  }
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse would take a bare "-5" for a year.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter ("equal jitter"): a random wait in [base·2^(n-1) / 2, base·2^(n-1)], capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
