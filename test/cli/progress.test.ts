import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";

function sink(tty: boolean) {
  let written = "";
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        written += chunk.toString();
        done();
      },
    }),
    { isTTY: tty, columns: 100 },
  );
  return { stream, output: () => written };
}

describe("progress", () => {
  it("draws a bar with counts, rate and ETA on a terminal, failures above it", () => {
    const { stream, output } = sink(true);
    let now = 0;
    const progress = createProgress({ stream, now: () => now });
    progress.setTotal(4);
    now = 1000;
    progress.document({ status: "stored", source: "a.txt", mentions: 3 });
    now = 2000;
    progress.document({ status: "failed", source: "b.html", reason: "binary data, not text" });
    progress.done();
    const text = output();
    expect(text).toContain("b.html: binary data, not text\n");
    expect(text).toMatch(/\[#+-+\]\s+50% 2\/4 · 1\.0 doc\/s · ETA 0:02 · 3 figures · 1 failed/);
    expect(text.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("writes plain lines when not on a terminal", () => {
    const { stream, output } = sink(false);
    let now = 0;
    const progress = createProgress({ stream, now: () => now, logEveryMs: 5000 });
    progress.document({ status: "stored", source: "a.txt", mentions: 1 });
    progress.document({ status: "failed", source: "b.pdf", reason: "encrypted PDF (needs a password)" });
    now = 6000;
    progress.document({ status: "unchanged", source: "c.txt", mentions: 2 });
    progress.done();
    expect(output()).toBe("b.pdf: encrypted PDF (needs a password)\nprogress: 3 documents · 0.5 doc/s · 3 figures · 1 failed\n");
  });

  it("prints only failures when quiet", () => {
    const { stream, output } = sink(true);
    const progress = createProgress({ stream, quiet: true, now: () => 10_000 });
    progress.document({ status: "stored", source: "a.txt", mentions: 1 });
    progress.document({ status: "failed", source: "b.txt", reason: "empty file" });
    progress.done();
    expect(output()).toBe("b.txt: empty file\n");
  });
});
