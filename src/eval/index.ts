/** Scoring extracted records against gold records, with the semantics of the reference scorer score.py. */
export {
  KINDS,
  RecordError,
  docKey,
  figureMatch,
  groupByDoc,
  isPercent,
  match,
  matchByDoc,
  multiplier,
  normPeriod,
  normText,
  num,
  prf,
  sameIndicator,
  samePeriod,
  sameValue,
  score,
  strictMatch,
  syllables,
  valueMatch,
  type DocMatch,
  type Kind,
  type KindScores,
  type Matcher,
  type Prf,
  type ScoreErrors,
  type ScoreResult,
} from "./score.js";
export {
  DIAGNOSED_FIELDS,
  fieldDiagnostics,
  type Counts,
  type DiagnosedField,
  type DocCounts,
  type FieldDiagnostics,
} from "./fields.js";
export {
  formatErrorLines,
  formatFieldDiagnostics,
  formatReport,
  formatScoreJson,
  formatScoreTable,
  type ReportOptions,
} from "./report.js";
export {
  EvalInputError,
  parseJsonLines,
  readJsonLines,
  recordSetFromJs,
  toRecordSet,
  type JsonLine,
  type RecordSet,
} from "./load.js";
export { fromJs, parsePyJson, PyJsonError } from "./pyjson.js";
export { PyException, floatRepr, formatFixed, pyEq, pyFloat, pyStr, type PyDict, type PyValue } from "./pyvalue.js";
