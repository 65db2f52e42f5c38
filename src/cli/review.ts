/**
 * `chitieu review`: serve the review page over a store until interrupted.
 * The store is opened for writing (decisions go to its audit trail).
 */
import fs from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_STORE_PATH, openStore } from "../store/index.js";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number from 0 (any free port) to 65535");
  return n;
}

const HELP_AFTER = `
The page listens on 127.0.0.1 unless --host says otherwise. Any other address
(such as 0.0.0.0, to review from another machine) needs a token of at least 16
characters, from --token or better the CHITIEU_REVIEW_TOKEN environment variable
(a command line is visible to other users); the printed address carries it once,
and the browser keeps it in a cookie.

Keys on the page: a accept, r reject (with an optional reason), e edit,
j/↓ next, k/↑ previous, u undo your last decision.`;

export function registerReviewCommand(program: Command): void {
  program
    .command("review")
    .description("Serve the review page: audit every record against its source sentence, in the browser.")
    .option("--db <file>", "SQLite store to review", DEFAULT_STORE_PATH)
    .option("--port <n>", "port to listen on (0: any free port)", port, 8765)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--token <token>", "access token, required for an address other than loopback (or CHITIEU_REVIEW_TOKEN)")
    .addHelpText("after", HELP_AFTER)
    .action(async (opts: { db: string; port: number; host: string; token?: string }) => {
      if (!fs.existsSync(opts.db)) throw new Error(`${opts.db}: no such store (run chitieu extract first)`);
      // The server and its page are loaded by this command only, not by every start of the CLI.
      const { startReviewServer } = await import("../review/server.js");
      const store = openStore(opts.db);
      let server;
      try {
        server = await startReviewServer({ store, host: opts.host, port: opts.port, token: opts.token ?? (process.env.CHITIEU_REVIEW_TOKEN || undefined) });
      } catch (err) {
        store.close();
        throw err;
      }
      console.log(`Reviewing ${opts.db} at ${server.openUrl} (Ctrl+C stops)`);
      const stop = () => {
        void server.close().finally(() => {
          store.close();
          process.exit(0);
        });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
