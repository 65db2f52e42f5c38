/** The bundled corpus, which the rules were written against: every gold record found, in every format. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scoreFolder } from "../fixtures/eval/score-folder.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus");

describe("the bundled corpus", () => {
  it("scores 1.000 value and strict F1 against its gold", async () => {
    expect(await scoreFolder(CORPUS, path.join(CORPUS, "gold.jsonl"))).toEqual({ value: 1, strict: 1 });
  }, 120_000);
});
