/**
 * The --where filter language: FIELD OP VALUE, where FIELD is an export
 * column, OP one of = != < <= > >= ~ (contains, ignoring case and tone-mark
 * placement), and VALUE the rest of the text, taken literally. Filters on
 * different fields must all hold; several `=` filters on one field are
 * alternatives (kind=target with kind=actual keeps both). Values are always
 * bound as SQL parameters, never spliced into the query.
 */
import { foldVietnamese } from "../text/fold.js";
import { QueryError } from "./errors.js";

export type ColumnType = "text" | "integer" | "number" | "boolean";
export type FilterOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~";

export interface Filter {
  field: string;
  op: FilterOp;
  value: string;
}

/** The SQL function the `~` operator folds both sides with; register it on the connection that runs the query. */
export const FOLD_FUNCTION = "chitieu_fold";

const FILTER = /^\s*([a-z_]+)\s*(!=|<=|>=|=|<|>|~)(.*)$/s;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function parseFilter(text: string, columns: ReadonlyMap<string, ColumnType>): Filter {
  const match = FILTER.exec(text);
  if (!match) throw new QueryError(`--where "${text}": expected FIELD OP VALUE with OP one of = != < <= > >= ~`);
  const [, field, op, raw] = match;
  const type = columns.get(field);
  if (!type) throw new QueryError(`--where "${text}": no field ${field}; fields: ${[...columns.keys()].join(", ")}`);
  const value = raw.trim();
  if (type !== "text" && op === "~") throw new QueryError(`--where "${text}": ~ applies to text fields only`);
  if ((type === "integer" || type === "number") && value !== "" && !NUMBER.test(value)) {
    throw new QueryError(`--where "${text}": ${field} takes a number written with a dot for decimals`);
  }
  if (type === "boolean" && !["true", "false"].includes(value)) throw new QueryError(`--where "${text}": ${field} takes true or false`);
  if (type === "boolean" && op !== "=" && op !== "!=") throw new QueryError(`--where "${text}": ${field} takes = or !=`);
  return { field, op: op as FilterOp, value };
}

/** The WHERE clause (without the keyword, "1" when there is no filter) and its parameters. */
export function filterSql(filters: readonly Filter[], columns: ReadonlyMap<string, ColumnType>): { sql: string; params: unknown[] } {
  // Equality filters on one field share a group (their alternatives); any other filter is a group of its own.
  const groups = new Map<string, Array<{ sql: string; params: unknown[] }>>();
  filters.forEach((f, i) => {
    const key = f.op === "=" ? `=${f.field}` : `#${i}`;
    groups.set(key, [...(groups.get(key) ?? []), clause(f, columns.get(f.field)!)]);
  });
  const parts = [...groups.values()];
  return {
    sql: parts.map((alts) => (alts.length === 1 ? alts[0].sql : `(${alts.map((a) => a.sql).join(" OR ")})`)).join(" AND ") || "1",
    params: parts.flatMap((alts) => alts.flatMap((a) => a.params)),
  };
}

function clause(f: Filter, type: ColumnType): { sql: string; params: unknown[] } {
  const column = `"${f.field}"`;
  if (f.value === "" && f.op === "=") return { sql: `(${column} IS NULL OR ${column} = '')`, params: [] };
  if (f.value === "" && f.op === "!=") return { sql: `(${column} IS NOT NULL AND ${column} <> '')`, params: [] };
  if (f.op === "~") return { sql: `instr(${FOLD_FUNCTION}(${column}), ?) > 0`, params: [foldVietnamese(f.value.normalize("NFC"))] };
  const op = f.op === "=" ? "IS" : f.op === "!=" ? "IS NOT" : f.op;
  return { sql: `${column} ${op} ?`, params: [sqlValue(type, f.value)] };
}

function sqlValue(type: ColumnType, value: string): string | number {
  if (type === "boolean") return value === "true" ? 1 : 0;
  if (type === "integer" || type === "number") return Number(value);
  return value.normalize("NFC");
}
