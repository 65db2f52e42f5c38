/** Each function of the port against the same function of score.py, on the same JSON inputs. */
import { beforeAll, describe, expect, it } from "vitest";
import { CaseGenerator, Raw, Rng } from "./generate.js";
import { CallBatch, calls, type Arg, type Call } from "./oracle.js";
import { score, valueMatch } from "../../src/eval/score.js";
import { parsePyJson } from "../../src/eval/pyjson.js";
import type { PyDict } from "../../src/eval/pyvalue.js";

const ODD = ["\u00a0", "\u0085", "\u001c", "\u001d", "\u001e", "\u001f", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u1680", "\u2000", "\u200a", "\u000b", "\f", "\r\n"];
const NOT_PY_SPACE = ["\ufeff", "\u180e", "\u200c", "\u200d", "\u2060", "\u200b"];
const NOT_TEXT: Arg[] = [null, 0n, 0, false, true, [], {}, 5n, 2.5, [1n], { a: 1n }, ""];

const TEXTS: Arg[] = [
  "  giảm hộ nghèo  ",
  "Hòa Bình".normalize("NFD"),
  "hoà bình",
  "tỷ lệ\u200b hộ nghèo",
  "a\u200b \u200bb",
  "e\u200b\u0301",
  ...ODD.map((s) => `lao${s}động${s}`),
  ...NOT_PY_SPACE.map((s) => `lao${s}động ${s}`),
  "ΑΣ ΒΑΣ. Σ",
  "İstanbul Đà Nẵng ĐIỆN",
  "Ǆ ǅ ß ﬁ",
  "\t\n",
  ...NOT_TEXT,
];

const UNITS: Arg[] = [
  "tỷ",
  "tỷ đồng",
  "Tỷ Đồng",
  "TỶ",
  "tỷ lệ",
  "tỷ lệ %",
  "tỷ  lệ",
  "tỷ\u00a0lệ",
  "tỷ\u0085trọng",
  "tỷlệ",
  "tỷ trọng",
  "tỷ trọngx",
  "tỷ-đồng",
  "tỷ,",
  "nghìn tỷ",
  "tỉ đồng",
  "tỷ".normalize("NFD") + " đồng",
  "triệu",
  "triệu\u001c",
  "TRIỆU USD",
  "triệuđồng",
  "ngàn\u2028người",
  "nghìn",
  "ngàn",
  "billion",
  "Million VND",
  "thousands",
  "%",
  "％",
  "% /năm",
  "phần trăm",
  " Phần\u00a0Trăm ",
  "phần trăm năm",
  "PERCENT",
  "percentage",
  "per cent",
  "pct",
  "lao động",
  ...NOT_TEXT,
];

const NUMBER_TEXTS: Arg[] = [
  "15000",
  " 15000 ",
  "\u00a015000\u2003",
  "\u008515000\u0085",
  "\u001c15",
  "15\u001c",
  "\u000b1\f",
  "1_000",
  "1__000",
  "_1",
  "1_",
  "1_.5",
  "1._5",
  "1e1_0",
  "1.5e3",
  "1.5E+3",
  "1e",
  "1.",
  ".5",
  ".",
  "-.5e-3",
  "+1.5",
  "1.e5",
  "0x10",
  "15.000",
  "103,5",
  "١٥٠٠٠",
  "１２３",
  "１_２",
  "𝟏𝟐",
  "12a",
  "nan",
  "-nan",
  "NaN",
  "inf",
  "-Infinity",
  "+iNfInItY",
  "infinit",
  "in_f",
  "1\u0000",
  "",
  " ",
  "123456789012345678901234567890",
  "1e400",
  "4.9e-325",
];

const NUMBERS: Arg[] = [
  ...NUMBER_TEXTS,
  null,
  true,
  false,
  0n,
  15000n,
  -0,
  103.5,
  NaN,
  Infinity,
  [1n],
  {},
  { a: 1n },
  new Raw("1" + "0".repeat(308)),
  new Raw("1" + "0".repeat(309)),
  new Raw("1" + "7".repeat(308)),
  new Raw("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791"),
  new Raw("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"),
  new Raw("9007199254740993"),
  new Raw("-0"),
  new Raw("-0.0"),
  new Raw("1E5"),
];

const PERIODS: Arg[] = [
  "2021-2025",
  "2021–2025",
  "2021—2025",
  "2021/2025",
  " 2021 - 2025 ",
  "2021-2025\n",
  "٢٠٢١-٢٠٢٥",
  "２０２１-２０２５",
  "2022-9M",
  "2022-9m",
  "2022-12M",
  "2022-123M",
  "2022-YTD",
  "2022-ytd",
  "2022",
  "２０２２",
  "2022-H1",
  "2022\u00a0-\u00a09M",
  "20222-9M",
  "ß",
  "",
  null,
  0n,
  2022n,
  2022,
  true,
  ["2022"],
  { y: "2022" },
];

const DOCS: Arg[] = ["a.txt", "dir/a.txt", "C:\\x\\a.txt", "a/b\\c.txt", "dir/", "", null, 0n, 5n, true, ["a/b"], { a: "x/y" }];

function matchPairs(): Call[] {
  const out: Call[] = [];
  for (let seed = 1; seed <= 60; seed++) {
    const gen = new CaseGenerator(new Rng(seed), { crashRate: 0.02, badLineRate: 0 });
    const { gold, pred } = gen.records();
    for (const g of gold) {
      for (const p of pred) {
        const args = `[${gen.recordLine(g)}, ${gen.recordLine(p)}]`;
        out.push({ fn: "value_match", args }, { fn: "strict_match", args });
      }
    }
  }
  return out;
}

function sameValueArgs(): Arg[][] {
  const values: Arg[] = [null, 1.5, 1500, 1500.0009, 1500.002, 0, 1e-7, 2e-7, NaN, Infinity, -Infinity, 1.5e-9];
  const units: Arg[] = ["tỷ đồng", "triệu đồng", "billion", "%", "", null, "nghìn"];
  const rng = new Rng(7);
  const out = Array.from({ length: 400 }, () => [rng.pick(values), rng.pick(units), rng.pick(values), rng.pick(units)]);
  out.push([1.5, 5n, 1500, "triệu"], [null, 5n, null, 5n], [1.0, 5n, null, ""]);
  return out;
}

function prfArgs(): Arg[][] {
  const rng = new Rng(11);
  const out: Arg[][] = [[0n, 0n, 0n], [1n, 15n, 0n], [3n, 13n, 0n], [0n, 5n, 5n]];
  for (let k = 0; k < 200; k++) out.push([BigInt(rng.int(40)), BigInt(rng.int(40)), BigInt(rng.int(40))]);
  return out;
}

const PUNCTUATED = ["giảm (hộ) nghèo", "“tỷ lệ” ‘hộ’", "a–b—c/d-e", "x,y.z;w:v", "'quoted' \"double\"", "lao-động", "TỶ LỆ Hộ Nghèo"];

describe("the port's functions agree with score.py's", () => {
  const batch = new CallBatch();
  batch.add("norm_text", calls("norm_text", TEXTS.map((t) => [t])));
  batch.add("syllables", calls("syllables", [...TEXTS, ...PUNCTUATED].map((t) => [t])));
  batch.add("multiplier", calls("multiplier", UNITS.map((u) => [u])));
  batch.add("is_percent", calls("is_percent", UNITS.map((u) => [u])));
  batch.add("num", calls("num", NUMBERS.map((n) => [n])));
  batch.add("same_value", calls("same_value", sameValueArgs()));
  batch.add("norm_period", calls("norm_period", PERIODS.map((p) => [p])));
  batch.add("same_period", calls("same_period", PERIODS.flatMap((g) => PERIODS.map((p) => [g, p]))));
  batch.add("doc_key", calls("doc_key", DOCS.map((d) => [d])));
  batch.add("prf", calls("prf", prfArgs()));
  batch.add("matches", matchPairs());
  beforeAll(() => batch.run());

  it.each(["norm_text", "syllables", "multiplier", "is_percent", "num", "same_value", "norm_period", "same_period", "doc_key", "prf"])(
    "%s",
    (name) => {
      expect(batch.differing(name)).toEqual([]);
    },
  );

  it("value_match and strict_match on generated record pairs", () => {
    expect(batch.size("matches")).toBeGreaterThan(2000);
    expect(batch.differing("matches")).toEqual([]);
  });
});

describe("score", () => {
  const records = (lines: string[]): PyDict[] => lines.map((l) => parsePyJson(l) as PyDict);

  it("matches each gold record once, required gold first", () => {
    const gold = records([
      '{"doc":"d.txt","quote":"đạt 71%","indicator":"lao động qua đào tạo","kind":"actual","value":71,"unit":"%","period":"2024","optional":true}',
      '{"doc":"d.txt","quote":"đạt 71%","indicator":"lao động qua đào tạo","kind":"actual","value":71,"unit":"%","period":"2024"}',
    ]);
    const pred = records([
      '{"doc":"x/d.txt","sentence":"tỷ lệ lao động qua đào tạo đạt 71%.","indicator":"lao động qua đào tạo","kind":"actual","value":71.0,"unit":"%","period":"2024"}',
    ]);
    expect(valueMatch(gold[0], pred[0])).toBe(true);
    const { result, errors } = score(gold, pred);
    expect(result.strict.all).toEqual({ precision: 1, recall: 1, f1: 1, tp: 1, fp: 0, fn: 0 });
    expect(result.value.actual.tp).toBe(1);
    expect(errors).toEqual({ missed: [], spurious: [] });
  });

  it("counts an unknown kind in the totals only", () => {
    const pred = records(['{"doc":"d.txt","kind":"estimate","value":1}']);
    const { result, errors } = score([], pred);
    expect(result.value.all.fp).toBe(1);
    expect(Object.values(result.value).reduce((n, r) => n + r.fp, 0)).toBe(1);
    expect(errors.spurious).toEqual(pred);
  });
});
