import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { registerStoreCommands } from "../../src/cli/store-commands.js";
import { SCHEMA_VERSION, exportColumns, exportLines, openStore } from "../../src/store/index.js";
import { buildResearchStore, tempDir } from "./helpers.js";

const dir = tempDir();
const db = path.join(dir, "indicators.sqlite");
beforeAll(() => buildResearchStore(db));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `chitieu ARGS` with the store commands; returns what went to standard output and error. */
async function chitieu(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write);
  const program = new Command("chitieu").exitOverride().configureOutput({
    writeOut: (s) => (stdout += s),
    writeErr: (s) => (stderr += s),
  });
  registerStoreCommands(program);
  await program.parseAsync(args, { from: "user" });
  return { stdout, stderr };
}

const expected = (query: Parameters<typeof exportLines>[1]) => {
  const store = openStore(db, { readonly: true });
  try {
    return [...exportLines(store, query)].join("");
  } finally {
    store.close();
  }
};

describe("chitieu export", () => {
  it("writes CSV to a file, complete or not at all", async () => {
    const out = path.join(dir, "targets.csv");
    await chitieu("export", "--db", db, "--where", "kind=target", "--where", "period=2025", "--out", out);
    expect(fs.readFileSync(out, "utf8")).toBe(expected({ view: "mentions", format: "csv", where: ["kind=target", "period=2025"] }));
    expect(fs.readFileSync(out, "utf8").split("\r\n")).toHaveLength(1 + 5 + 1);
    expect(fs.readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("writes JSON Lines of observations to standard output", async () => {
    const { stdout } = await chitieu("export", "--db", db, "--format", "jsonl", "--view", "observations", "--where", "conflict=true");
    expect(stdout).toBe(expected({ view: "observations", format: "jsonl", where: ["conflict=true"] }));
    expect(stdout.trim().split("\n").map((l) => (JSON.parse(l) as { indicator_id: string }).indicator_id)).toEqual(["jobs.new"]);
  });

  it("adds the BOM for Excel and limits to accepted records on request", async () => {
    const { stdout } = await chitieu("export", "--db", db, "--excel", "--accepted-only");
    expect(stdout).toBe(expected({ view: "mentions", format: "csv", excel: true, acceptedOnly: true }));
    expect(stdout.startsWith("\uFEFFmention_id,")).toBe(true);
  });

  it("stops with one line on bad options, leaving no file behind", async () => {
    const out = path.join(dir, "never.csv");
    await expect(chitieu("export", "--db", db, "--format", "jsonl", "--excel")).rejects.toThrow("--excel applies to --format csv only");
    await expect(chitieu("export", "--db", db, "--format", "xlsx")).rejects.toBeInstanceOf(CommanderError);
    await expect(chitieu("export", "--db", db, "--where", "value>lots", "--out", out)).rejects.toThrow(
      '--where "value>lots": value takes a number written with a dot for decimals',
    );
    await expect(chitieu("export", "--db", path.join(dir, "none.sqlite"))).rejects.toThrow(`${path.join(dir, "none.sqlite")}: cannot read the store: no such file`);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(dir, "none.sqlite"))).toBe(false);
  });
});

describe("chitieu stats", () => {
  it("prints the summary as text or JSON", async () => {
    const text = (await chitieu("stats", "--db", db)).stdout;
    expect(text.split("\n")[0]).toBe(`store ${db} (schema v${SCHEMA_VERSION})`);
    expect(text).toContain("mentions: 16 (actual 8, attainment 2, target 6)\n");
    const json = JSON.parse((await chitieu("stats", "--db", db, "--json", "--top", "1")).stdout) as { topIndicators: unknown[]; documents: { count: number } };
    expect(json.documents.count).toBe(5);
    expect(json.topIndicators).toHaveLength(1);
  });
});

describe("chitieu search", () => {
  it("shows the matching sentences and their records", async () => {
    const { stdout } = await chitieu("search", "--db", db, "ho ngheo", "2024");
    expect(stdout).toBe(
      [
        "corpus/text/000_hau_giang.txt · Huy động các nguồn lực giảm nghèo bền vững · 2025-01-08",
        "  Nhờ thực hiện đồng bộ, quyết liệt các giải pháp, hộ nghèo trong tỉnh năm 2024 còn 1,47%",
        "    - actual | hộ nghèo [poverty.rate] | 1.47 % | period 2024 | unreviewed",
        "",
      ].join("\n"),
    );
    const lines = (await chitieu("search", "--db", db, "--json", "--limit", "2", "lao dong")).stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toHaveProperty("records");
    expect((await chitieu("search", "--db", db, "khong co dau")).stdout).toBe("no matching sentences\n");
  });
});

describe("--help", () => {
  it.each(["export", "stats", "search"])("%s documents --db and its default", (command) => {
    expect(helpOf(command)).toMatch(/--db <file>\s+SQLite store to read \(default: "out\/indicators.sqlite"\)/);
  });

  it("explains the filter language and lists the export columns", () => {
    const help = helpOf("export").replace(/\s+/g, " ");
    expect(help).toContain("FIELD OP VALUE");
    expect(help).toContain(`Fields of --view mentions: ${exportColumns("mentions").join(", ")} Fields of --view observations: ${exportColumns("observations").join(", ")} Examples:`);
  });
});

function helpOf(command: string): string {
  const program = new Command("chitieu");
  registerStoreCommands(program);
  let help = "";
  const sub = program.commands.find((c) => c.name() === command)!;
  sub.configureOutput({ writeOut: (s) => (help += s) });
  sub.outputHelp();
  return help;
}
