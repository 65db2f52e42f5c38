/** Python's str(), repr(), ==, and float formatting, against python3 itself. */
import { beforeAll, describe, expect, it } from "vitest";
import { floatRepr, formatFixed, pyStrip } from "../../src/eval/pyvalue.js";
import { Raw, Rng } from "./generate.js";
import { CallBatch, calls, type Arg } from "./oracle.js";

function randomDouble(rng: Rng): number {
  const view = new DataView(new ArrayBuffer(8));
  for (;;) {
    view.setUint32(0, Math.floor(rng.next() * 2 ** 32));
    view.setUint32(4, Math.floor(rng.next() * 2 ** 32));
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) return x;
  }
}

function doubles(): Arg[] {
  const rng = new Rng(3);
  const out: Arg[] = [0, -0, 1, 0.1, 1e16, 1e15, 1234567890123456, 12345678901234567, 1e-4, 1e-5, 1.5e300, 5e-324, 2 ** 53, 1 / 3];
  for (let k = 0; k < 600; k++) out.push(randomDouble(rng));
  for (let k = 0; k < 300; k++) out.push(rng.int(1000) / (1 + rng.int(1000)));
  for (let k = 0; k < 200; k++) out.push(Math.round(rng.next() * 10 ** (rng.int(30) - 10)) / 10 ** rng.int(20));
  return out;
}

function fractions(): Arg[] {
  const out: Arg[] = [];
  for (let k = 0; k <= 32; k++) out.push(k / 16, k / 32, k / 2000, -k / 16);
  for (let tp = 0; tp < 30; tp++) for (let n = 1; n < 30; n++) out.push(tp / n, (2 * (tp / n) * 0.5) / (tp / n + 0.5));
  out.push(1e22, 123456.0005, 2.5e-4, 5e-4, 0.0005, 0.9995, 1.0005, NaN, Infinity, -Infinity);
  return out;
}

const STRINGS: Arg[] = [
  "plain",
  "it's",
  'say "hi"',
  `both ' and "`,
  "back\\slash",
  "tab\tnl\ncr\r",
  "\u0000\u0007\u001b\u007f",
  "\u0085\u00a0\u00ad\u00e9",
  "\u2028\u2029\u200b\u200e\ufeff",
  "\u1680\u3000",
  "tỷ lệ hộ nghèo",
  "😀 \u{e0001} \u{10ffff}",
  "\ue000",
  "e\u0301",
];

const VALUES: Arg[] = [
  ...STRINGS,
  ...STRINGS.map((s) => [s]),
  { [String(STRINGS[1])]: STRINGS[2], k: [null, true, false, 1n, 1.5, -0] },
  [],
  {},
  [[[]]],
  null,
  true,
  12345678901234567890123n,
  -0n,
  new Raw("NaN"),
  new Raw("-Infinity"),
  [new Raw("NaN"), new Raw("Infinity")],
];

const EQUAL_PAIRS: Arg[][] = [
  [1n, 1.0],
  [1n, true],
  [1.0, true],
  [0n, false],
  [2n, true],
  [new Raw("9007199254740993"), 9007199254740992],
  [new Raw("9007199254740992"), 9007199254740992],
  [new Raw("NaN"), new Raw("NaN")],
  [[new Raw("NaN")], [new Raw("NaN")]],
  [{ a: new Raw("NaN") }, { a: new Raw("NaN") }],
  [[1n, [2n]], [1.0, [2.0]]],
  [{ a: 1n, b: 2n }, { b: 2.0, a: true }],
  [{ a: 1n }, { a: 1n, b: 1n }],
  [[], {}],
  [null, null],
  [null, false],
  ["a", "a"],
  ["1", 1n],
  ["target", ["target"]],
  [Infinity, Infinity],
  [new Raw("1" + "0".repeat(400)), Infinity],
  [-0, 0n],
];

describe("Python values", () => {
  const batch = new CallBatch();
  batch.add("float repr", calls("str", doubles().map((x) => [x])));
  batch.add("format .3f", calls("fixed3", fractions().map((x) => [x])));
  batch.add("str", calls("str", VALUES.map((v) => [v])));
  batch.add("==", calls("eq", EQUAL_PAIRS));
  beforeAll(() => batch.run());

  it.each(["float repr", "format .3f", "str", "=="])("%s agrees with python3", (name) => {
    expect(batch.differing(name)).toEqual([]);
  });

  it("rounds exact ties to even, as Python's format does", () => {
    expect(formatFixed(0.0625, 3)).toBe("0.062");
    expect(formatFixed(0.1875, 3)).toBe("0.188");
    expect((0.0625).toFixed(3)).toBe("0.063");
    expect(formatFixed(-0, 3)).toBe("-0.000");
  });

  it("writes floats as Python's repr does", () => {
    expect([1, 0.5, 1e16, 1e-5, 1e22, -0].map(floatRepr)).toEqual(["1.0", "0.5", "1e+16", "1e-05", "1e+22", "-0.0"]);
  });

  it("strips what str.strip() strips", () => {
    expect(pyStrip("\u001c\u0085\u00a0x y\u2028\u3000")).toBe("x y");
    expect(pyStrip("\ufeffx\u200b")).toBe("\ufeffx\u200b");
  });
});
