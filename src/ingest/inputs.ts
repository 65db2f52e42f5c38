/**
 * What to ingest: files as named, folders walked recursively (filtered by
 * include/exclude globs), and "-" for a list of paths on standard input.
 * A path that cannot be listed comes out as an entry with an error, so the
 * run can report it and go on.
 */
import fs from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import picomatch from "picomatch";

export type InputEntry = { path: string; error?: undefined } | { path: string; error: string };

export interface ListOptions {
  /** Globs a file found in a folder must match (relative to that folder); default: document extensions. */
  include?: string[];
  /** Globs that rule a file found in a folder out. */
  exclude?: string[];
  /** Where "-" reads its list of paths from (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/** Documents chitieu reads, and the look-alikes it explains why it cannot (.doc, .rtf). */
export const DEFAULT_INCLUDE = ["**/*.{txt,text,md,htm,html,xhtml,shtml,php,asp,aspx,jsp,pdf,docx,doc,rtf}"];

function reason(err: NodeJS.ErrnoException): string {
  if (err.code === "ENOENT") return "no such file or directory";
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  return err.message;
}

function matcher(globs: string[]): (relative: string) => boolean {
  const options = { dot: false, nocase: true, basename: false };
  const tests = globs.map((g) => (g.includes("/") ? picomatch(g, options) : picomatch(g, { ...options, basename: true })));
  return (relative) => tests.some((t) => t(relative));
}

async function* walk(root: string, dir: string, keep: (relative: string) => boolean, seen: Set<string>): AsyncGenerator<InputEntry> {
  let real: string;
  let entries: import("node:fs").Dirent[];
  try {
    real = await fs.realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: reason(err as NodeJS.ErrnoException) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = await fs.stat(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch (err) {
        yield { path: full, error: reason(err as NodeJS.ErrnoException) };
        continue;
      }
    }
    if (isDir) yield* walk(root, full, keep, seen);
    else if (isFile && keep(path.relative(root, full).split(path.sep).join("/"))) yield { path: full };
  }
}

async function* pathsFromStream(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    const p = line.trim();
    if (p) yield p;
  }
}

async function* expand(given: string, include: (r: string) => boolean, exclude: (r: string) => boolean, seen: Set<string>): AsyncGenerator<InputEntry> {
  let stat;
  try {
    stat = await fs.stat(given);
  } catch (err) {
    yield { path: given, error: reason(err as NodeJS.ErrnoException) };
    return;
  }
  if (stat.isDirectory()) yield* walk(given, given, (r) => include(r) && !exclude(r), seen);
  else yield { path: given };
}

/** Every input to process, each path once, in a stable order within each folder. */
export async function* listInputs(paths: string[], options: ListOptions = {}): AsyncGenerator<InputEntry> {
  const include = matcher(options.include?.length ? options.include : DEFAULT_INCLUDE);
  const exclude = options.exclude?.length ? matcher(options.exclude) : () => false;
  const seenDirs = new Set<string>();
  const yielded = new Set<string>();
  const once = async function* (entries: AsyncGenerator<InputEntry>): AsyncGenerator<InputEntry> {
    for await (const entry of entries) {
      if (yielded.has(entry.path)) continue;
      yielded.add(entry.path);
      yield entry;
    }
  };
  for (const given of paths) {
    if (given === "-") {
      for await (const listed of pathsFromStream(options.stdin ?? process.stdin)) {
        yield* once(expand(listed, include, exclude, seenDirs));
      }
    } else {
      yield* once(expand(given, include, exclude, seenDirs));
    }
  }
}
