/**
 * Reading gold and prediction files as score.py's load() does: UTF-8, lines
 * split at \n, \r\n or \r (Python's universal newlines), each line stripped of
 * Python white space, blank lines skipped, the rest parsed by json.loads.
 */
import fs from "node:fs";
import { fromJs, parsePyJson, PyJsonError } from "./pyjson.js";
import { PyException, pyStrip, type PyDict, type PyValue } from "./pyvalue.js";

/** Input that cannot be scored; the message names the file (and line) and the reason. */
export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalInputError";
  }
}

export interface JsonLine {
  value: PyValue;
  line: number;
}

/** The records of one file, and where each came from ("gold.jsonl:12"), for error messages. */
export interface RecordSet {
  records: PyDict[];
  where: Map<PyDict, string>;
}

export function parseJsonLines(text: string, file: string): JsonLine[] {
  const out: JsonLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = pyStrip(raw);
    if (line === "") return;
    try {
      out.push({ value: parsePyJson(line), line: i + 1 });
    } catch (err) {
      if (err instanceof PyJsonError) throw new EvalInputError(`${file}:${i + 1}: not JSON: ${err.message}`);
      if (err instanceof PyException) throw new EvalInputError(`${file}:${i + 1}: ${err.message}`);
      throw err;
    }
  });
  return out;
}

export function readJsonLines(file: string): JsonLine[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new EvalInputError(`${file}: cannot read: ${(err as Error).message}`);
  }
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text, where json.loads refuses it as score.py's does.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new EvalInputError(`${file}: not UTF-8 text`);
  }
  return parseJsonLines(text, file);
}

/**
 * Checks what score.py needs of every record before it can group them (it
 * would stop with a Python exception otherwise): each is a JSON object, and
 * a gold record names its document.
 */
export function toRecordSet(lines: JsonLine[], file: string, role: "gold" | "pred"): RecordSet {
  const records: PyDict[] = [];
  const where = new Map<PyDict, string>();
  for (const { value, line } of lines) {
    if (!(value instanceof Map)) throw new EvalInputError(`${file}:${line}: not a JSON object`);
    if (role === "gold" && !value.has("doc")) throw new EvalInputError(`${file}:${line}: gold record has no "doc"`);
    records.push(value);
    where.set(value, `${file}:${line}`);
  }
  return { records, where };
}

/** Records from the extractor, as score.py would read them had they been written with JSON.stringify. */
export function recordSetFromJs(rows: ReadonlyArray<Record<string, unknown>>): RecordSet {
  const records: PyDict[] = [];
  const where = new Map<PyDict, string>();
  rows.forEach((row, i) => {
    const value = fromJs(row);
    const label = `extracted record ${i + 1}${typeof row.doc === "string" ? ` (${row.doc})` : ""}`;
    if (!(value instanceof Map)) throw new EvalInputError(`${label}: not an object`);
    records.push(value);
    where.set(value, label);
  });
  return { records, where };
}
