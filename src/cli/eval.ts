/**
 * `chitieu eval DIR GOLD`: extract DIR and score the records against GOLD,
 * printing what the reference scorer score.py prints for the same records.
 */
import { Command, Option } from "commander";
import {
  EvalInputError,
  RecordError,
  fieldDiagnostics,
  formatFieldDiagnostics,
  formatReport,
  readJsonLines,
  recordSetFromJs,
  score,
  toRecordSet,
  type RecordSet,
} from "../eval/index.js";

export type ExtractRecords = (paths: string[]) => Promise<Array<Record<string, unknown>>>;

interface EvalOptions {
  errors?: boolean;
  json?: boolean;
  fields?: boolean;
  pred?: string;
}

const EXIT_BAD_INPUT = 2;

const HELP_AFTER = `
Scores exactly as score.py does (GOLD-FORMAT.md): value F1 asks for the same
document, the gold quote within the predicted sentence, the same kind, equal
values after unit scaling, and percent on both sides or neither; strict F1 also
asks for shared indicator syllables and the same period. The text, --errors
and --json output are score.py's, except that --errors lists documents in
order of first appearance (score.py's order changes from run to run).
Exit status 2: a file cannot be read or parsed, or a record lacks what
score.py needs (the message names the file and line).`;

export function registerEvalCommand(program: Command, extractRecords: ExtractRecords): void {
  program
    .command("eval")
    .description("score extracted records against a gold file (the semantics of score.py)")
    .argument("<dir>", "folder of documents to extract and score (not read with --pred)")
    .argument("<gold>", "gold records, JSON Lines")
    .option("--errors", "list missed gold records and spurious predictions (strict matching) before the table")
    .option("--json", "print the scores as JSON, as score.py --json does")
    .addOption(
      new Option(
        "--fields",
        "after the table, how often kind, unit, indicator, period, qualifier and per agree " +
          "on pairs matched by the figure alone, and counts per document",
      ).conflicts("json"),
    )
    .option("--pred <file>", "score this prediction file (JSON Lines) instead of extracting DIR")
    .addHelpText("after", HELP_AFTER)
    .action(async (dir: string, goldFile: string, options: EvalOptions, command: Command) => {
      const write = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      let gold: RecordSet | undefined;
      let pred: RecordSet | undefined;
      try {
        // score.py reads both files before it looks at any record.
        const goldLines = readJsonLines(goldFile);
        const predLines = options.pred ? readJsonLines(options.pred) : undefined;
        gold = toRecordSet(goldLines, goldFile, "gold");
        pred =
          predLines && options.pred
            ? toRecordSet(predLines, options.pred, "pred")
            : recordSetFromJs(await extractRecords([dir]));
        let text = formatReport(score(gold.records, pred.records), options);
        if (options.fields) text += "\n" + formatFieldDiagnostics(fieldDiagnostics(gold.records, pred.records));
        write(text);
      } catch (err) {
        if (err instanceof EvalInputError) {
          command.error(err.message, { exitCode: EXIT_BAD_INPUT, code: "chitieu.eval.input" });
        }
        if (err instanceof RecordError) {
          const where = gold?.where.get(err.record) ?? pred?.where.get(err.record) ?? "a record";
          command.error(`${where}: ${err.reason}`, { exitCode: EXIT_BAD_INPUT, code: "chitieu.eval.record" });
        }
        throw err;
      }
    });
}
