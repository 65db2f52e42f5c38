/**
 * BENCHMARKS.md keeps the prose written by hand and two generated parts
 * between markers: the machine, and one row per measurement. A new
 * measurement replaces the row of the same version, mix, size and seed and
 * keeps the others, so before/after rows of a change sit side by side.
 */
import fs from "node:fs";
import os from "node:os";

export interface BenchRow {
  /** ISO time of the measurement (UTC, to the minute). */
  when: string;
  /** The chitieu measured: a commit, or what --label said. */
  version: string;
  mix: string;
  docs: number;
  seed: number;
  megabytes: number;
  load: [number, number];
  seconds: number;
  cpuSeconds: number;
  docsPerSecond: number;
  megabytesPerSecond: number;
  mentionsPerSecond: number;
  peakRssMiB: number;
  floorSeconds: number;
  floorCpuSeconds: number;
  rerunSeconds: number;
  startupSeconds: number;
}

const ROWS_START = "<!-- bench:results:start -->";
const ROWS_END = "<!-- bench:results:end -->";
const MACHINE_START = "<!-- bench:machine:start -->";
const MACHINE_END = "<!-- bench:machine:end -->";

const HEADER = [
  "| when (UTC) | version | mix | docs | seed | MB | load 1m before→after | chitieu s (CPU s) | docs/s | docs/CPU s | MB/s | mentions/s | peak RSS MiB | floor s (CPU s) | × floor wall | × floor CPU | re-run s | re-run speed-up | startup s |",
  "|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
];

function fixed(n: number, digits: number): string {
  return n.toFixed(digits);
}

export function formatRow(r: BenchRow): string {
  const cells = [
    r.when,
    r.version,
    r.mix,
    String(r.docs),
    String(r.seed),
    fixed(r.megabytes, 1),
    `${fixed(r.load[0], 2)}→${fixed(r.load[1], 2)}`,
    `${fixed(r.seconds, 2)} (${fixed(r.cpuSeconds, 2)})`,
    fixed(r.docsPerSecond, 0),
    fixed(r.docs / r.cpuSeconds, 0),
    fixed(r.megabytesPerSecond, 2),
    fixed(r.mentionsPerSecond, 0),
    fixed(r.peakRssMiB, 0),
    `${fixed(r.floorSeconds, 2)} (${fixed(r.floorCpuSeconds, 2)})`,
    fixed(r.seconds / r.floorSeconds, 1),
    fixed(r.cpuSeconds / r.floorCpuSeconds, 1),
    fixed(r.rerunSeconds, 2),
    fixed(r.seconds / r.rerunSeconds, 1),
    fixed(r.startupSeconds, 2),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** The identity of a row: version, mix, docs, seed. */
function rowKey(line: string): string {
  const cells = line.split("|").map((c) => c.trim());
  return [cells[2], cells[3], cells[4], cells[5]].join("\0");
}

export function describeMachine(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? "unknown"}, ${cpus.length} cores (os.cpus)`,
    `- memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}`,
  ].join("\n");
}

function between(text: string, start: string, end: string): { before: string; inside: string; after: string } | null {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return null;
  return { before: text.slice(0, a + start.length), inside: text.slice(a + start.length, b), after: text.slice(b) };
}

const SKELETON = `# Benchmarks\n\n## Machine\n\n${MACHINE_START}\n${MACHINE_END}\n\n## Results\n\n${ROWS_START}\n${ROWS_END}\n`;

/** Writes the row (and the machine) into the report, creating it when missing. */
export function recordResult(file: string, row: BenchRow): void {
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : SKELETON;
  const rows = between(text, ROWS_START, ROWS_END);
  const machine = between(text, MACHINE_START, MACHINE_END);
  if (!rows || !machine) throw new Error(`${file}: the markers ${ROWS_START} … ${ROWS_END} and ${MACHINE_START} … ${MACHINE_END} are missing`);
  const line = formatRow(row);
  const kept = rows.inside
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| when") && rowKey(l) !== rowKey(line));
  const all = [...kept, line].sort((x, y) => rowKey(x).localeCompare(rowKey(y), "en", { numeric: true }));
  text = rows.before + "\n" + [...HEADER, ...all].join("\n") + "\n" + rows.after;
  const m = between(text, MACHINE_START, MACHINE_END)!;
  text = m.before + "\n" + describeMachine() + "\n" + m.after;
  fs.writeFileSync(file, text);
}
