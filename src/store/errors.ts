import path from "node:path";
import Database from "better-sqlite3";

/** A store problem a user can act on; the message is one line naming the file and the reason. */
export class StoreError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = "StoreError";
  }
}

/** A bad filter or search text; the message says what is wrong and what is allowed. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryError";
  }
}

/** Turns SQLite's error codes into reasons a user can act on; anything else passes through unchanged. */
export function explainSqliteError(file: string, err: unknown): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  const code = err.code;
  const dir = path.dirname(path.resolve(file));
  if (code === "SQLITE_NOTADB") return new StoreError(file, "not a SQLite database (a foreign or corrupt file); it was left untouched");
  if (code.startsWith("SQLITE_CORRUPT")) {
    return new StoreError(file, `the database is corrupt (${err.message}); nothing was written, restore it from a backup`);
  }
  if (code === "SQLITE_FULL") {
    return new StoreError(file, "disk or database full: the change was rolled back and the store is as it was before it");
  }
  if (code === "SQLITE_READONLY_DIRECTORY") {
    const base = path.basename(file);
    return new StoreError(file, `directory ${dir} is not writable, and SQLite must create ${base}-wal and ${base}-shm there even to read the store (copy it to a writable directory)`);
  }
  if (code === "SQLITE_CANTOPEN") return new StoreError(file, `cannot open the file (${err.message}); check that directory ${dir} exists and is writable`);
  if (code.startsWith("SQLITE_READONLY")) return new StoreError(file, `the store is read-only (${err.message})`);
  if (code.startsWith("SQLITE_BUSY")) return new StoreError(file, `the store stayed locked by another process (${err.message})`);
  if (code.startsWith("SQLITE_IOERR")) return new StoreError(file, `input/output error (${err.message})`);
  return err;
}

/** Runs `fn`, re-throwing SQLite errors as StoreErrors that name the file. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw explainSqliteError(file, err);
  }
}
