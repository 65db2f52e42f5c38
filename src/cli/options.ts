/** Parsers for command-line option values, shared by every command: a bad value is a usage error. */
import { InvalidArgumentError } from "commander";
import { parseDuration, parseSize } from "../crawl/units.js";

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

export function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError('expected a duration such as "500ms", "2s", "1h" or "30d"');
  return ms;
}

export function size(value: string): number {
  const bytes = parseSize(value);
  if (bytes === null) throw new InvalidArgumentError('expected a size such as "800k" or "50MB"');
  return bytes;
}

/** For repeatable options: each use adds a value. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
