/**
 * The command line as a user meets it: help on every command, honest exit
 * codes, one line per bad input, and a run that goes on past them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/cli/main.js");

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-cli-"));
}

describe("chitieu", () => {
  it("has --help on every command", () => {
    const top = run(["--help"]);
    expect(top.status).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(commands).toEqual(expect.arrayContaining(["extract", "eval", "export", "stats", "search"]));
    for (const command of commands) {
      const help = run([command, "--help"]);
      expect(help.status, command).toBe(0);
      expect(help.stdout).toContain(`Usage: chitieu ${command}`);
    }
  });

  it("exits 2 on a usage error, naming it", () => {
    const r = run(["extract"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/);
    expect(run(["no-such-command"]).status).toBe(2);
  });

  it("extracts a folder into the store and JSON Lines, with the record contract", () => {
    const dir = tmpdir();
    const text = "Năm 2025, ngành đề ra chỉ tiêu tạo việc làm mới cho 15.000 lao động; nâng lao động qua đào tạo đạt 71%.";
    fs.writeFileSync(path.join(dir, "a.txt"), text);
    const r = run(["extract", dir, "--db", path.join(dir, "s.sqlite"), "--jsonl", path.join(dir, "p.jsonl")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 document extracted, 0 unchanged, 0 failed; 2 mentions \(2 target/);
    const records = fs.readFileSync(path.join(dir, "p.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(records).toHaveLength(2);
    for (const key of ["doc", "sentence", "span", "indicator", "kind", "value", "value_max", "unit", "qualifier", "per", "period", "basis", "estimated", "rule", "confidence"]) {
      expect(records[0]).toHaveProperty(key);
    }
    expect(records[0]).toMatchObject({ kind: "target", value: 15000, unit: "lao động", period: "2025", indicator: "tạo việc làm mới" });
    expect(text.slice(records[0].span[0], records[0].span[1])).toContain("15.000 lao động");
  });

  it("reports each bad input on one line, goes on with the rest, and exits 1", () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, "good.txt"), "Năm 2024, tỉnh giải quyết việc làm cho 3.200 lao động.");
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    fs.writeFileSync(path.join(dir, "junk.html"), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0]));
    const missing = path.join(dir, "missing.txt");
    const r = run(["extract", dir, missing, "--db", path.join(dir, "s.sqlite")]);
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split("\n").filter((l) => !/^\d+ documents? /.test(l));
    expect(errors.find((l) => l.startsWith(path.join(dir, "empty.txt") + ": "))).toBeDefined();
    expect(errors.find((l) => l.startsWith(path.join(dir, "junk.html") + ": "))).toBeDefined();
    expect(errors.find((l) => l.startsWith(missing + ": "))).toBeDefined();
    expect(r.stdout).toMatch(/1 document extracted, 0 unchanged, 3 failed; 1 mention/);
  });

  it("reads the list of paths from standard input with -", () => {
    const dir = tmpdir();
    const file = path.join(dir, "a.txt");
    fs.writeFileSync(file, "Năm 2024, tỉnh giải quyết việc làm cho 3.200 lao động.");
    const r = run(["extract", "-", "--db", path.join(dir, "s.sqlite")], `${file}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1 document extracted/m);
  });

  it("exits 2 with one line when the store cannot be opened", () => {
    const dir = tmpdir();
    const foreign = path.join(dir, "foreign.sqlite");
    fs.writeFileSync(foreign, "this is not a database, just text that someone named .sqlite\n".repeat(100));
    fs.writeFileSync(path.join(dir, "a.txt"), "Năm 2024, tỉnh giải quyết việc làm cho 3.200 lao động.");
    const r = run(["extract", path.join(dir, "a.txt"), "--db", foreign]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(foreign);
    expect(fs.readFileSync(foreign, "utf8")).toMatch(/^this is not a database/);
  });
});
