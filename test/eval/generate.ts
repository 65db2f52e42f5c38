/**
 * Seeded random gold/prediction files for comparing the TS scorer with
 * score.py. Records are written by hand (not JSON.stringify) so they can hold
 * what only Python reads: NaN, 15000.0 beside 15000, repeated keys, escapes.
 */

/** mulberry32: tiny, fast, and the same sequence everywhere for a seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

/** A JSON token written as is. */
export class Raw {
  constructor(readonly text: string) {}
}
export type GenValue = null | boolean | number | string | Raw | GenValue[];

/** A record as key/value pairs in writing order (a key may repeat). */
export class GenRecord {
  constructor(public pairs: Array<[string, GenValue]> = []) {}
  get(key: string): GenValue | undefined {
    return this.pairs.find(([k]) => k === key)?.[1];
  }
  set(key: string, value: GenValue): this {
    const at = this.pairs.findIndex(([k]) => k === key);
    if (at >= 0) this.pairs[at] = [key, value];
    else this.pairs.push([key, value]);
    return this;
  }
  delete(key: string): this {
    this.pairs = this.pairs.filter(([k]) => k !== key);
    return this;
  }
  clone(): GenRecord {
    return new GenRecord(this.pairs.map(([k, v]) => [k, v]));
  }
}

const KINDS = ["target", "actual", "attainment", "comparison"];
const INDICATORS = [
  "tạo việc làm mới",
  "lao động qua đào tạo",
  "giảm hộ nghèo",
  "tỷ lệ hộ nghèo",
  "tổng thu ngân sách",
  "kim ngạch xuất khẩu",
  "tốc độ tăng trưởng kinh tế",
  "giải quyết việc làm",
  "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
  "thu nhập bình quân đầu người/năm",
  "trẻ em (dưới 6 tuổi)",
];
const CUES = ["đề ra chỉ tiêu", "phấn đấu", "đạt", "ước đạt", "còn", "giảm", "tăng", "bằng", "hoàn thành"];
const UNITS = [
  "%",
  "%",
  "phần trăm",
  "Phần  trăm",
  "percent",
  "PCT",
  "%/năm",
  "lao động",
  "người",
  "hộ",
  "ha",
  "",
  "tỷ đồng",
  "tỉ đồng",
  "Tỷ USD",
  "triệu đồng",
  "TRIỆU",
  "nghìn tỷ đồng",
  "ngàn người",
  "nghìn",
  "tỷ lệ",
  "tỷ trọng",
  "tỷ  lệ %",
  "tỷ\u00a0đồng",
  "billion USD",
  "million",
  "thousand tons",
];
const PERIODS: GenValue[] = [
  "2025",
  "2024",
  "2021-2025",
  "2021/2025",
  "2021–2025",
  "2022-9M",
  "2022",
  "2022-YTD",
  "2023-H1",
  "2024-Q1",
  "2024-M03",
  "2017/2018",
  "٢٠٢١-٢٠٢٥",
  "２０２２",
  "",
  null,
];
const FILLER = ["Năm 2025, ngành Lao động tỉnh", "Theo báo cáo,", "Trong đó", "(so với cùng kỳ)", "; toàn tỉnh", "."];
/** Characters Python and JS disagree on as white space, and others that look like it. */
const ODD_SPACES = ["\u00a0", "\u0085", "\u001c", "\u001f", "\u2003", "\u3000", "\t", "\n", "\r\n", "  ", "\u2028", "\u000b"];
const NOT_PY_SPACES = ["\ufeff", "\u180e", "\u200c"];

function vietnameseNumber(x: number): string {
  const [whole, fraction] = String(x).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction ? `${grouped},${fraction}` : grouped;
}

function randomValue(rng: Rng): number {
  const shape = rng.int(4);
  if (shape === 0) return rng.pick([15000, 71, 0.74, 103.5, 26054, 460, 1.5, 2955, 7.18, 100, 1, 0, 12.5, 0.001]);
  if (shape === 1) return rng.int(100000);
  if (shape === 2) return Math.round(rng.next() * 10000) / 100;
  return rng.int(20) / 4;
}

/** Writes a JS number so Python reads the same number, sometimes as a float where JS would write an int. */
function numberToken(rng: Rng, x: number): GenValue {
  if (Number.isInteger(x) && rng.chance(0.15)) return new Raw(`${x}.0`);
  if (rng.chance(0.05)) return new Raw(x.toExponential().replace("e+", "E"));
  return x;
}

/** The same number as text that float() reads, or text it does not. */
function numberAsText(rng: Rng, x: number): string {
  const s = String(x);
  return rng.pick([
    s,
    ` ${s} `,
    `\u00a0${s}\u2003`,
    `\u0085${s}`,
    `\u001c${s}`,
    s.replace(/(\d)(\d)/, "$1_$2"),
    s.replace(/(\d)(\d)/, "$1__$2"),
    x.toExponential(),
    vietnameseNumber(x),
    s.replace(/\d/g, (d) => String.fromCodePoint(0x660 + Number(d))),
    s.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d))),
    `+${s}`,
    `${s}.`,
    "nan",
    "-Infinity",
    "inf ",
    "",
    "abc",
  ]);
}

function perturbText(rng: Rng, s: string): string {
  switch (rng.int(9)) {
    case 0:
      return s.normalize("NFD");
    case 1:
      return s.replaceAll(" ", () => rng.pick(ODD_SPACES));
    case 2: {
      const at = rng.int(s.length + 1);
      return s.slice(0, at) + "\u200b" + s.slice(at);
    }
    case 3: {
      const at = s.indexOf(" ");
      return at < 0 ? s : s.slice(0, at) + rng.pick(NOT_PY_SPACES) + s.slice(at + 1);
    }
    case 4:
      return `${rng.pick(ODD_SPACES)}${s}${rng.pick(ODD_SPACES)}`;
    case 5:
      return s.toUpperCase();
    default:
      return s;
  }
}

function scaledUnit(rng: Rng, value: number, unit: string): [number, string] {
  if (/tỷ đồng/.test(unit)) return [value * 1000, "triệu đồng"];
  if (unit === "triệu đồng") return [value / 1000, rng.pick(["tỷ đồng", "tỉ đồng"])];
  if (unit === "người") return [value / 1000, "nghìn người"];
  return [value * 1e-9, "billion"];
}

export interface CaseOptions {
  /** Chance that a record gets a fault score.py cannot survive. */
  crashRate: number;
  /** Chance that a file gets a line json.loads rejects. */
  badLineRate: number;
}

export class CaseGenerator {
  constructor(
    private readonly rng: Rng,
    private readonly options: CaseOptions,
  ) {}

  goldRecord(doc: string): GenRecord {
    const rng = this.rng;
    const value = randomValue(rng);
    const unit = rng.pick(UNITS);
    const indicator = rng.pick(INDICATORS);
    const written = vietnameseNumber(value) + (unit === "%" ? "%" : ` ${unit}`);
    let quote = `${rng.pick(CUES)} ${indicator} ${written}`.trim();
    if (rng.chance(0.2)) quote = perturbText(rng, quote);
    const r = new GenRecord([
      ["doc", doc],
      ["quote", quote],
      ["indicator", indicator],
      ["kind", rng.pick(KINDS)],
      ["value", rng.chance(0.05) ? numberAsText(rng, value) : numberToken(rng, value)],
      ["unit", unit],
      ["period", rng.pick(PERIODS)],
    ]);
    if (rng.chance(0.15)) r.set("value_max", numberToken(rng, value + rng.int(5) + 0.5));
    if (rng.chance(0.2)) r.set("qualifier", rng.pick([">=", ">", "<=", "<", "~"]));
    if (rng.chance(0.15)) r.set("per", "year");
    if (rng.chance(0.2)) r.set("optional", rng.pick<GenValue>([true, false, 1, 0, "", "yes", null, new Raw("0.0"), []]));
    if (rng.chance(0.03)) r.set("value", rng.pick<GenValue>([null, new Raw("NaN"), new Raw("Infinity"), true]));
    if (rng.chance(0.03)) r.pairs.push(["kind", rng.pick(KINDS)]);
    return r;
  }

  /** A prediction for gold record `g`, right or wrong in random ways. */
  predFor(g: GenRecord): GenRecord {
    const rng = this.rng;
    const doc = String(g.get("doc"));
    const quote = String(g.get("quote") ?? "");
    const p = new GenRecord();
    const docChoice = rng.int(10);
    if (docChoice < 5) p.set("doc", doc);
    else if (docChoice === 5) p.set("doc", `corpus/text/${doc}`);
    else if (docChoice === 6) p.set("doc", `C:\\data\\${doc}`);
    else if (docChoice === 7) p.set("doc", `./a/b/${doc}`);
    else if (docChoice === 8) p.set("doc", rng.pick<GenValue>(["other.txt", null, ""]));
    const kind = g.get("kind");
    p.set("kind", rng.chance(0.75) ? (kind ?? null) : rng.pick<GenValue>([...KINDS, "Target", "?", null, 1]));
    const sentenceChoice = rng.int(12);
    if (sentenceChoice < 9) {
      const around = `${rng.chance(0.5) ? rng.pick(FILLER) + " " : ""}${quote}${rng.chance(0.5) ? " " + rng.pick(FILLER) : ""}`;
      p.set("sentence", rng.chance(0.5) ? perturbText(rng, around) : around);
    } else if (sentenceChoice === 9) {
      p.set("sentence", quote.slice(0, Math.max(0, quote.length - 3)));
    } else if (sentenceChoice === 10) {
      p.set("sentence", rng.pick<GenValue>([null, "", 0, false]));
    }
    const gv = g.get("value");
    const value = typeof gv === "number" ? gv : gv instanceof Raw ? Number(gv.text) : NaN;
    const unit = typeof g.get("unit") === "string" ? String(g.get("unit")) : "";
    const valueChoice = rng.int(12);
    if (valueChoice < 5 || !Number.isFinite(value)) {
      p.set("value", gv ?? null).set("unit", unit);
    } else if (valueChoice === 5) {
      p.set("value", numberAsText(rng, value)).set("unit", unit);
    } else if (valueChoice === 6) {
      const [v, u] = scaledUnit(rng, value, unit);
      p.set("value", numberToken(rng, v)).set("unit", u);
    } else if (valueChoice === 7) {
      p.set("value", value * (1 + rng.pick([4e-7, -9e-7, 2e-6, 1e-5]))).set("unit", unit);
    } else if (valueChoice === 8) {
      p.set("value", value).set("unit", rng.pick(UNITS));
    } else if (valueChoice === 9) {
      p.set("value", rng.pick<GenValue>([null, true, false, 1, 0, [value], new Raw("NaN")])).set("unit", unit);
    } else if (valueChoice === 10) {
      p.set("value", randomValue(rng)).set("unit", unit);
    } else {
      p.set("value", value);
      if (rng.chance(0.5)) p.set("unit", rng.pick<GenValue>([null, unit.toUpperCase(), ` ${unit}\u00a0`]));
    }
    const gmax = g.get("value_max");
    if (gmax !== undefined && rng.chance(0.8)) p.set("value_max", gmax);
    else if (rng.chance(0.1)) p.set("value_max", rng.pick<GenValue>([null, "", value + 1, numberAsText(rng, value)]));
    const indicator = String(g.get("indicator") ?? "");
    const words = indicator.split(" ");
    p.set(
      "indicator",
      rng.pick<GenValue>([
        indicator,
        indicator,
        indicator.toUpperCase(),
        words.slice(0, 2).join(" "),
        words.slice(-1).join(" "),
        `${indicator} bình quân`,
        rng.pick(INDICATORS),
        indicator.replaceAll(" ", " (") + ")",
        "",
        null,
      ]),
    );
    const period = g.get("period");
    const periodText = typeof period === "string" ? period : "";
    p.set(
      "period",
      rng.pick<GenValue>([
        period ?? null,
        period ?? null,
        periodText.replace("/", "-"),
        periodText.replace(/[-–]/, "/"),
        `${periodText}-9M`,
        `${periodText}-YTD`,
        `${periodText.toLowerCase()}-9m`,
        ` ${periodText.replace("-", " - ")} `,
        rng.pick(PERIODS),
        2024,
      ]),
    );
    for (const extra of ["qualifier", "per"]) {
      const v = g.get(extra);
      if (v !== undefined && rng.chance(0.7)) p.set(extra, v);
      else if (rng.chance(0.1)) p.set(extra, extra === "per" ? "year" : "~");
    }
    return p;
  }

  spurious(doc: string, others: GenRecord[]): GenRecord {
    const rng = this.rng;
    if (others.length && rng.chance(0.5)) {
      const p = this.predFor(rng.pick(others));
      return p.set("kind", rng.pick(KINDS));
    }
    return this.goldRecord(doc).delete("quote").set("sentence", `${rng.pick(FILLER)} ${rng.pick(INDICATORS)} 12,5%`);
  }

  /** Faults on which score.py stops with a Python exception when it gets to them. */
  maybeBreak(r: GenRecord, role: "gold" | "pred"): void {
    const rng = this.rng;
    if (!rng.chance(this.options.crashRate)) return;
    const fault = rng.int(role === "gold" ? 7 : 6);
    if (fault === 0) r.delete("kind");
    else if (fault === 1) r.set("unit", rng.pick<GenValue>([5, ["%"], true]));
    else if (fault === 2) r.set(role === "gold" ? "quote" : "sentence", rng.pick<GenValue>([7, ["x"]]));
    else if (fault === 3) r.set("kind", [rng.pick(KINDS)]);
    else if (fault === 4) r.set("value", new Raw("1" + "0".repeat(400)));
    else if (fault === 5) r.set("indicator", 3.5);
    else r.delete("doc");
  }

  /** gold and prediction records for 1-4 documents. */
  records(): { gold: GenRecord[]; pred: GenRecord[] } {
    const rng = this.rng;
    const docs = rng.shuffle(["a.txt", "b.txt", "000_x.txt", "dir/c.txt", "tin_tức.txt"]).slice(0, 1 + rng.int(4));
    const gold: GenRecord[] = [];
    const pred: GenRecord[] = [];
    for (const doc of docs) {
      const docGold = Array.from({ length: rng.int(7) }, () => this.goldRecord(doc));
      gold.push(...docGold);
      for (const g of docGold) {
        if (rng.chance(0.8)) pred.push(this.predFor(g));
        if (rng.chance(0.1)) pred.push(this.predFor(g));
      }
      for (let k = rng.int(3); k > 0; k--) pred.push(this.spurious(doc, docGold));
    }
    if (rng.chance(0.7)) rng.shuffle(pred);
    for (const g of gold) this.maybeBreak(g, "gold");
    for (const p of pred) this.maybeBreak(p, "pred");
    return { gold, pred };
  }

  jsonText(v: GenValue): string {
    if (v instanceof Raw) return v.text;
    if (Array.isArray(v)) return `[${v.map((x) => this.jsonText(x)).join(", ")}]`;
    if (typeof v === "string" && this.rng.chance(0.1)) {
      // ensure_ascii style: every non-ASCII character as \uXXXX (astral ones as a surrogate pair).
      return JSON.stringify(v).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    }
    return JSON.stringify(v);
  }

  recordLine(r: GenRecord): string {
    const sep = this.rng.chance(0.3) ? ", " : ",";
    return `{${r.pairs.map(([k, v]) => `${JSON.stringify(k)}:${this.jsonText(v)}`).join(sep)}}`;
  }

  /** Lines that json.loads rejects, or that are JSON but not a record. */
  badLine(): string {
    return this.rng.pick([
      '{"doc": }',
      "{'doc': 'a.txt'}",
      '{"doc": "a.txt" "kind": "target"}',
      '{"doc": "a.txt", "quote": "x}',
      '{"doc": "a\tb"}',
      '{"doc": "a.txt"} {"doc": "b.txt"}',
      '{"doc": "\\q"}',
      '{"doc": "\\u12G4"}',
      '{"value": -}',
      '{"value": 01}',
      "\ufeff{}",
      "[1, 2]",
      "42",
      '"text"',
      "{}",
      "nul",
      "{\"doc\"",
    ]);
  }

  fileText(records: GenRecord[]): string {
    const rng = this.rng;
    const lines = records.map((r) => {
      const line = this.recordLine(r);
      return rng.chance(0.05) ? `${rng.pick(ODD_SPACES.filter((s) => !s.includes("\n")))}${line}\u00a0` : line;
    });
    if (rng.chance(0.2)) lines.splice(rng.int(lines.length + 1), 0, rng.pick(["", " ", "\u00a0\u0085", "\t"]));
    if (rng.chance(this.options.badLineRate)) lines.splice(rng.int(lines.length + 1), 0, this.badLine());
    const newline = rng.pick(["\n", "\n", "\n", "\r\n", "\r"]);
    return lines.join(newline) + (rng.chance(0.8) ? newline : "");
  }
}

/** A seeds gold record (JSON.parse'd) as a GenRecord, keeping its key order. */
export function fromPlain(o: Record<string, unknown>): GenRecord {
  return new GenRecord(Object.entries(o).map(([k, v]) => [k, v as GenValue]));
}
