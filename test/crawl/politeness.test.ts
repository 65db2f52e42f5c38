import { describe, expect, it } from "vitest";
import { HostGate, StoppedError, backoffMs, retryAfterMs, sleep } from "../../src/crawl/politeness.js";

const TIMER_SLACK_MS = 2;

describe("retryAfterMs", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("Wed, 08 Jan 2025 10:00:00 GMT");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 08 Jan 2025 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 08 Jan 2025 09:00:00 GMT", now)).toBe(0);
    expect([retryAfterMs("soon", now), retryAfterMs(null, now), retryAfterMs("-5", now)]).toEqual([undefined, undefined, undefined]);
  });
});

describe("backoffMs", () => {
  it("doubles with each attempt, between half and all of the step, up to the cap", () => {
    expect([1, 2, 3].map((a) => backoffMs(a, 1000, 60_000, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((a) => backoffMs(a, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe("HostGate", () => {
  // Each lower bound is measured from before the call that sets it: the gate's own clock reading is later.
  it("spaces the starts of requests by the delay, and from the end of each", async () => {
    const gate = new HostGate(40);
    const started = performance.now();
    await Promise.all([gate.turn(), gate.turn(), gate.turn()]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(80 - TIMER_SLACK_MS);
    const finished = performance.now();
    gate.finished();
    await gate.turn();
    expect(performance.now() - finished).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
  });

  it("lengthens the delay from the last start and end (Crawl-delay), and holds the host for a Retry-After", async () => {
    const gate = new HostGate(0);
    const first = performance.now();
    await gate.turn();
    gate.lengthen(60);
    await gate.turn();
    // Timers may fire up to a millisecond before performance.now() says the time is up.
    expect(performance.now() - first).toBeGreaterThanOrEqual(60 - TIMER_SLACK_MS);
    const ended = performance.now();
    gate.finished();
    gate.lengthen(90);
    await gate.turn();
    expect(performance.now() - ended).toBeGreaterThanOrEqual(90 - TIMER_SLACK_MS);
    gate.lengthen(10);
    expect(gate.delayMs).toBe(90);
    const held = performance.now();
    gate.holdFor(150);
    await gate.ready();
    expect(performance.now() - held).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it("stops waiting when the crawl is stopped", async () => {
    const stop = new AbortController();
    const gate = new HostGate(10_000);
    await gate.turn();
    const waiting = gate.turn(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(StoppedError);
    await expect(sleep(10, stop.signal)).rejects.toBeInstanceOf(StoppedError);
  });
});
