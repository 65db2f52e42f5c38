/** Runs a Node program as a child process and measures it: wall time, CPU time, peak RSS. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const USAGE_HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-hook.js")).href;

export interface Measured {
  wallSeconds: number;
  /** User and system time of all the child's threads. */
  cpuSeconds: number;
  peakRssMiB: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  /** Flags for node itself (--cpu-prof...). */
  nodeFlags?: string[];
  cwd?: string;
}

export async function measureNode(script: string, args: string[], options: MeasureOptions = {}): Promise<Measured> {
  const usageDir = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-usage-"));
  const usageFile = path.join(usageDir, "usage.json");
  try {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), "--import", USAGE_HOOK, script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CHITIEU_BENCH_USAGE: usageFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!fs.existsSync(usageFile)) throw new Error(`${script}: exited (${exitCode}) without reporting its resource usage\n${stderr.trim()}`);
    const usage = JSON.parse(fs.readFileSync(usageFile, "utf8")) as NodeJS.ResourceUsage;
    return {
      wallSeconds,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMiB: usage.maxRSS / 1024,
      exitCode,
      stdout,
      stderr,
    };
  } finally {
    fs.rmSync(usageDir, { recursive: true, force: true });
  }
}
