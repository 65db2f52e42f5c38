import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH = path.join(ROOT, "dist/bench/main.js");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-bench-harness-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("npm run bench", () => {
  it("measures a tiny corpus end to end, records a row and summarises the profile", () => {
    const report = path.join(scratch, "BENCHMARKS.md");
    const profiles = path.join(scratch, "profiles");
    const work = path.join(scratch, "work");
    fs.mkdirSync(work);
    fs.writeFileSync(report, "# Benchmarks\n\nProse.\n\n<!-- bench:machine:start -->\n<!-- bench:machine:end -->\n\n<!-- bench:results:start -->\n<!-- bench:results:end -->\n");
    const out = execFileSync(process.execPath, [BENCH, "--docs", "4", "--mix", "text", "--seed", "3", "--report", report, "--label", "test", "--work", work, "--profile", profiles], {
      encoding: "utf8",
    });
    expect(out).toMatch(/^corpus +4 documents \(text 4\)/m);
    expect(out).toMatch(/^floor +[\d.]+ s wall/m);
    expect(out).toMatch(/^chitieu +[\d.]+ s wall, [\d.]+ s CPU, peak RSS \d+ MiB$/m);
    expect(out).toMatch(/\d+ documents\/s \(\d+ per CPU second\), [\d.]+ MB\/s, \d+ mentions\/s \(4 documents, [1-9]\d* mentions stored\)/);
    expect(out).toMatch(/^re-run .*\(4 unchanged\)$/m);
    expect(out).toMatch(/^\| extract \| \d+ \| [\d.]+% \|$/m);
    expect(out).toMatch(/\| src\/extract\/[\w-]+\.ts:\d+ \|/);
    expect(fs.readdirSync(work)).toEqual([]);
    expect(fs.readdirSync(profiles).sort()).toEqual([expect.stringMatching(/\.cpuprofile$/), expect.stringMatching(/\.md$/)]);

    const text = fs.readFileSync(report, "utf8");
    expect(text).toMatch(/^Prose\.$/m);
    expect(text).toMatch(/^- CPU: .+, \d+ cores/m);
    expect(text.split("\n").filter((l) => l.includes("| test | text | 4 | 3 |"))).toHaveLength(1);
  });

  it("summarises the profile of every thread when chitieu extracts on workers", () => {
    const profiles = path.join(scratch, "worker-profiles");
    const out = execFileSync(
      process.execPath,
      [BENCH, "--docs", "4", "--mix", "text", "--seed", "3", "--no-report", "--profile", profiles, "--extract-arg=--workers", "--extract-arg=2"],
      { encoding: "utf8" },
    );
    const files = fs.readdirSync(profiles);
    expect(files.filter((f) => f.endsWith(".cpuprofile"))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith(".md"))).toHaveLength(3);
    expect(out.match(/^profile +(main thread|worker \d):/gm)?.map((l) => l.replace(/^profile +/, ""))).toEqual(["main thread:", "worker 1:", "worker 2:"]);
    // The workers extract; the main thread writes the store.
    expect(out.split(/^profile +worker 1:/m)[1]).toMatch(/^\| extract \| \d+ \| [\d.]+% \|$/m);
  });

  it("summarises several profiles again, one section each", () => {
    const profiles = path.join(scratch, "worker-profiles");
    const files = fs.readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(profiles, f));
    const out = execFileSync(process.execPath, [BENCH, "profile", ...files, "--top", "5"], { encoding: "utf8" });
    expect(out.match(/^## .*\.cpuprofile$/gm)).toEqual(files.map((f) => `## ${f}`));
    expect(out.match(/^Profile: [\d.]+ s$/gm)).toHaveLength(3);
  });

  it("says what is wrong with its arguments", () => {
    let stderr = "";
    try {
      execFileSync(process.execPath, [BENCH, "--mix", "docx", "--no-report"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
    }
    expect(stderr).toMatch(/--mix.*docx.*(text, html, pdf, all|choices)/s);
  });
});
