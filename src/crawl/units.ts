/** Durations and sizes as people write them in a sources file or on the command line. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "500ms", "2s", "5m", "1h", "30d", "2w", or a number of seconds. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d|w)?\s*$/i.exec(value);
  return m ? Math.round(Number(m[1]) * UNITS[(m[2] ?? "s").toLowerCase()]) : null;
}

/** "800k", "20MB", "1.5 GiB", or a number of bytes. */
export function parseSize(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? value : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) return null;
  const scale = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Math.round(Number(m[1]) * scale);
}
