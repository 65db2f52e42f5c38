/** json.loads: values and error messages against python3's. */
import { beforeAll, describe, expect, it } from "vitest";
import { fromJs, parsePyJson } from "../../src/eval/pyjson.js";
import { pyRepr } from "../../src/eval/pyvalue.js";
import { CaseGenerator, Rng } from "./generate.js";
import { CallBatch, type Call } from "./oracle.js";

const CRAFTED = [
  "",
  " ",
  "null",
  "nul",
  "n",
  "nulll",
  "true",
  "tru",
  "false",
  "fals",
  "NaN",
  "Na",
  "Infinity",
  "Infinit",
  "-Infinity",
  "-Infinit",
  "-",
  "-0",
  "-01",
  "01",
  "1.",
  "1.5",
  ".5",
  "1e5",
  "1E+5",
  "1e",
  "1e+",
  "1.5e-3x",
  "1" + "0".repeat(4300),
  "1" + "0".repeat(4301),
  "-" + "9".repeat(4300),
  "12345678901234567890",
  "1e400",
  "-0.0",
  '"abc"',
  '"abc',
  '"a\\',
  '"a\\q"',
  '"\\u00e9"',
  '"\\u00e"',
  '"\\u00"',
  '"\\u00e9',
  '"\\ud83d\\ude00"',
  '"\\ud83d\\u0041"',
  '"\\ud83d\\uzz00"',
  '"\\ud83d\\ude0"',
  '"\\ud83d\\ude00',
  '"\\ud83d\\"',
  '"\\ud83dx"',
  '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
  '"tab\there"',
  '"\u007f\u0085"',
  "[",
  "[]",
  "[ ]",
  "[1",
  "[1 2]",
  "[1,2]",
  "[,]",
  "{",
  "{}",
  "{ }",
  '{"a"',
  '{"a" 1}',
  '{"a":}',
  '{"a":1',
  '{"a":1 "b":2}',
  '{"a":1,"a":2}',
  '{"b":1,"a":2,"b":3}',
  "{a:1}",
  "{'a':1}",
  '{"a":1}x',
  '{"a":1} {"b":2}',
  "\ufeff{}",
  "{}\ufeff",
  '\u00a0{"a":1}',
  ' \t\r\n{"a" : [ 1 , 2 ] }\n',
  '{"😀": "x", "k": "😀"}',
  '{"a": 😀}',
  "[[[[[]]]]]",
];

function fuzzed(): string[] {
  const rng = new Rng(5);
  const gen = new CaseGenerator(rng, { crashRate: 0, badLineRate: 0 });
  const out: string[] = [];
  const noise = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "e", "-", "0", "u", "\t", "N", "é"];
  while (out.length < 600) {
    let line = gen.recordLine(gen.goldRecord("a.txt"));
    for (let k = 1 + rng.int(3); k > 0; k--) {
      const at = rng.int(line.length);
      const op = rng.int(3);
      if (op === 0) line = line.slice(0, at) + line.slice(at + 1);
      else if (op === 1) line = line.slice(0, at) + rng.pick(noise) + line.slice(at);
      else line = line.slice(0, at);
    }
    // Python 3.13 words trailing commas differently; keep to what all versions say alike.
    if (!/,[ \t\n\r]*[}\]]/.test(line)) out.push(line);
  }
  return out;
}

const loads = (texts: string[]): Call[] => texts.map((t) => ({ fn: "loads", args: JSON.stringify([t]) }));

describe("parsePyJson reads as json.loads does", () => {
  const batch = new CallBatch();
  batch.add("crafted", loads(CRAFTED));
  batch.add("fuzzed", loads(fuzzed()));
  beforeAll(() => batch.run());

  it.each(["crafted", "fuzzed"])("%s lines: the same values, or the same error messages", (name) => {
    expect(batch.differing(name)).toEqual([]);
  });

  it("keeps ints and floats apart, and the last of repeated keys", () => {
    expect(pyRepr(parsePyJson('{"a": 1, "b": 1.0, "a": [NaN, -Infinity, 1e400]}'))).toBe(
      "{'a': [nan, -inf, inf], 'b': 1.0}",
    );
  });

  it("gives positions in code points, as Python does", () => {
    expect(() => parsePyJson('{"😀": x}')).toThrow("Expecting value: line 1 column 7 (char 6)");
  });

  it("reads JS records as score.py would read them from JSON.stringify's output", () => {
    expect(pyRepr(fromJs({ value: 15000, value_max: null, ratio: 1.5, gone: undefined, bad: NaN }))).toBe(
      "{'value': 15000, 'value_max': None, 'ratio': 1.5, 'bad': None}",
    );
  });
});
