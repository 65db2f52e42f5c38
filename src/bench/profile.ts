/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went:
 * self time per function (mapped back to src/ through the source maps), and
 * time per pipeline stage. A sample belongs to the innermost chitieu frame on
 * its stack, so cheerio parsing called from src/ingest counts as ingest and a
 * regex run from src/extract as extract; samples with no chitieu frame are
 * named by what they are (gc, a library, node internals). A regex is named by
 * the rule it comes from when `nameRegex` knows it.
 */
import fs from "node:fs";
import path from "node:path";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /** Function name, "(anonymous)" when it has none. */
  name: string;
  /** src/extract/engine.ts:123 for chitieu code, the package or file otherwise; "← src/…" for a regex or builtin: where chitieu ran it. */
  location: string;
  stage: string;
  selfMs: number;
  /** Time with this function anywhere on the stack. */
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  stages: { stage: string; ms: number }[];
  functions: FunctionTime[];
}

const NAMED_ROOTS: Record<string, string> = { "(garbage collector)": "gc", "(program)": "program", "(idle)": "idle", "(root)": "program" };

class Locator {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly packageRoot: string) {}

  /** The chitieu stage of a frame (the folder under dist/), or null. */
  stageOf(frame: CallFrame): string | null {
    const file = this.fileOf(frame.url);
    if (!file) return null;
    const relative = path.relative(path.join(this.packageRoot, "dist"), file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
    const parts = relative.split(path.sep);
    return parts.length > 1 ? parts[0] : "main";
  }

  /** What a frame outside chitieu is: a library by package name, node internals, gc... */
  otherOf(frame: CallFrame): string {
    if (NAMED_ROOTS[frame.functionName] && !frame.url) return NAMED_ROOTS[frame.functionName];
    if (frame.url.startsWith("node:")) return "node";
    const lib = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
    if (lib) return lib[1];
    return frame.url ? "other" : "native";
  }

  locationOf(frame: CallFrame): string {
    const file = this.fileOf(frame.url);
    if (file && this.stageOf(frame)) {
      const map = this.mapOf(file);
      const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
      if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
        const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
        return `${path.relative(this.packageRoot, source)}:${entry.originalLine + 1}`;
      }
      return `${path.relative(this.packageRoot, file)}:${frame.lineNumber + 1}`;
    }
    if (!frame.url) return "";
    const lib = /\/node_modules\/(.+)$/.exec(frame.url);
    return `${lib ? lib[1] : frame.url}:${frame.lineNumber + 1}`;
  }

  private fileOf(url: string): string | null {
    if (url.startsWith("file:")) return fileURLToPath(url);
    return url.startsWith("/") ? url : null;
  }

  private mapOf(file: string): SourceMap | null {
    if (!this.maps.has(file)) {
      const mapFile = `${file}.map`;
      this.maps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : null);
    }
    return this.maps.get(file)!;
  }
}

const REGEX_FRAME = "RegExp: ";

/** Summarises a .cpuprofile; `packageRoot` is the chitieu whose dist/ ran; `nameRegex` gives a regex's rule from its source. */
export function summariseProfile(profileFile: string, packageRoot: string, nameRegex: (source: string) => string | null = () => null): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(profileFile, "utf8")) as CpuProfile;
  const locator = new Locator(packageRoot);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  /** The innermost chitieu frame at or above a node. */
  const chitieuFrame = (id: number): CallFrame | null => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (locator.stageOf(frame)) return frame;
    }
    return null;
  };

  // Frames with no script (a regex, a builtin) are told apart by the chitieu code that ran them.
  const keyOf = new Map<number, string>();
  const functions = new Map<string, FunctionTime>();
  const stageOfNode = new Map<number, string>();
  for (const n of profile.nodes) {
    const frame = n.callFrame;
    const caller = frame.url ? null : chitieuFrame(n.id);
    const location = caller ? `← ${locator.locationOf(caller)}` : locator.locationOf(frame);
    const key = `${frame.functionName}\0${frame.url}\0${frame.lineNumber}\0${frame.columnNumber}\0${location}`;
    keyOf.set(n.id, key);
    if (!functions.has(key)) functions.set(key, { name: nameOf(frame, nameRegex), location, stage: "", selfMs: 0, totalMs: 0 });
  }
  const owningStage = (id: number): string => {
    const known = stageOfNode.get(id);
    if (known) return known;
    let stage: string | null = null;
    for (let at: number | undefined = id; at !== undefined && !stage; at = parent.get(at)) stage = locator.stageOf(byId.get(at)!.callFrame);
    const result = stage ?? locator.otherOf(byId.get(id)!.callFrame);
    stageOfNode.set(id, result);
    return result;
  };

  const stages = new Map<string, number>();
  /** Self time of each function by stage: a function's stage is the one it spends most time for. */
  const selfByStage = new Map<FunctionTime, Map<string, number>>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = functions.get(keyOf.get(id)!)!;
    leaf.selfMs += ms;
    const stage = owningStage(id);
    stages.set(stage, (stages.get(stage) ?? 0) + ms);
    const byStage = selfByStage.get(leaf) ?? new Map<string, number>();
    byStage.set(stage, (byStage.get(stage) ?? 0) + ms);
    selfByStage.set(leaf, byStage);
    const onStack = new Set<FunctionTime>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(functions.get(keyOf.get(at)!)!);
    for (const f of onStack) f.totalMs += ms;
  }
  for (const [f, byStage] of selfByStage) f.stage = [...byStage].sort((a, b) => b[1] - a[1])[0][0];
  for (const n of profile.nodes) {
    const f = functions.get(keyOf.get(n.id)!)!;
    f.stage ||= owningStage(n.id);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    stages: [...stages].map(([stage, ms]) => ({ stage, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** A frame's function name; a regex's prefixed by its rule ("RegExp exclude.one-household: (?:…"). */
function nameOf(frame: CallFrame, nameRegex: (source: string) => string | null): string {
  if (!frame.functionName.startsWith(REGEX_FRAME) || frame.url) return frame.functionName || "(anonymous)";
  const source = frame.functionName.slice(REGEX_FRAME.length);
  const rule = nameRegex(source);
  return rule ? `RegExp ${rule}: ${source}` : frame.functionName;
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** A table cell: pipes escaped, long names (a regex's source) cut. */
function cell(text: string, max = 90): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/**
 * The summary as Markdown tables: stages (those under 0.5% together as
 * "rest"), the top functions by self time, and chitieu's heaviest functions
 * by total time.
 */
export function formatProfile(summary: ProfileSummary, top = 25): string {
  const lines = [`Profile: ${(summary.totalMs / 1000).toFixed(2)} s`, "", "| stage | ms | share |", "|---|---:|---:|"];
  const minor = summary.stages.filter((s) => s.ms < summary.totalMs * 0.005);
  for (const s of summary.stages) if (!minor.includes(s)) lines.push(`| ${s.stage} | ${s.ms.toFixed(0)} | ${pct(s.ms, summary.totalMs)} |`);
  if (minor.length) {
    const ms = minor.reduce((sum, s) => sum + s.ms, 0);
    const names = minor.slice(0, 4).map((s) => s.stage).join(", ") + (minor.length > 4 ? ", …" : "");
    lines.push(`| rest (${names}) | ${ms.toFixed(0)} | ${pct(ms, summary.totalMs)} |`);
  }
  lines.push("", "| self ms | share | function | where | stage |", "|---:|---:|---|---|---|");
  for (const f of summary.functions.slice(0, top)) {
    lines.push(`| ${f.selfMs.toFixed(0)} | ${pct(f.selfMs, summary.totalMs)} | ${cell(f.name)} | ${cell(f.location)} | ${f.stage} |`);
  }
  const own = summary.functions.filter((f) => f.location.startsWith("src/")).sort((a, b) => b.totalMs - a.totalMs);
  lines.push("", "| total ms | share | chitieu function | where |", "|---:|---:|---|---|");
  for (const f of own.slice(0, top)) lines.push(`| ${f.totalMs.toFixed(0)} | ${pct(f.totalMs, summary.totalMs)} | ${cell(f.name)} | ${cell(f.location)} |`);
  return lines.join("\n");
}
