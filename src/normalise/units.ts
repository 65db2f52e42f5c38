/**
 * Values in base units: the unit as written ("1,2 triệu người", "460 tỷ đồng",
 * "60,5 tạ/ha") becomes a base unit and a factor from rules/lexicon/units.tsv
 * (base, factor) and magnitudes.tsv (multiplier).
 */
import { lexiconRows, RuleError, rulesPath } from "../rulebook/index.js";
import { foldVietnamese } from "../text/fold.js";

export interface UnitConversion {
  /** The base unit ("persons", "VND", "t", "t/ha"); "" for a bare number. */
  base: string;
  /** What one of the unit as written is in the base unit. */
  factor: number;
  /** Class of the unit (units.tsv), null for a bare magnitude or number. */
  unitClass: string | null;
}

export interface BaseValue {
  value_base: number;
  value_max_base: number | null;
  base_unit: string;
  /** The rounding step of the value as written, in the base unit ("1,2 triệu" → 100000). */
  value_step_base: number;
}

interface UnitRow {
  base: string;
  factor: number;
  unitClass: string;
}

const key = (s: string) => foldVietnamese(s.normalize("NFC")).trim().replace(/\s+/g, " ");

export class UnitTable {
  private readonly units = new Map<string, UnitRow>();
  private readonly magnitudes = new Map<string, number>();
  private readonly conversions = new Map<string, UnitConversion | null>();
  readonly classes: ReadonlySet<string>;

  constructor() {
    const file = rulesPath("lexicon/units.tsv");
    for (const row of lexiconRows("units")) {
      const factor = row.factor === undefined ? 1 : Number(row.factor);
      if (!Number.isFinite(factor) || factor <= 0) throw new RuleError(file, row.line, `factor: "${row.factor}" is not a positive number`);
      if (row.class === undefined) throw new RuleError(file, row.line, "missing class");
      this.units.set(key(row.surface), { base: row.base ?? row.class, factor, unitClass: row.class });
    }
    this.classes = new Set([...this.units.values()].map((u) => u.unitClass));
    for (const row of lexiconRows("magnitudes")) this.magnitudes.set(key(row.surface), Number(row.multiplier));
  }

  /**
   * The base unit and factor of a unit as written; `implied` is the unit a bare
   * magnitude stands for ("15,4 triệu" of a money indicator: "đồng"). Null when
   * a word of the unit is unknown.
   */
  convert(unit: string, implied: string | null = null): UnitConversion | null {
    const cacheKey = `${unit}\u0000${implied ?? ""}`;
    let conversion = this.conversions.get(cacheKey);
    if (conversion === undefined) {
      conversion = this.compute(unit, implied);
      this.conversions.set(cacheKey, conversion);
    }
    return conversion;
  }

  private compute(unit: string, implied: string | null): UnitConversion | null {
    const parts = key(unit).split("/").map((p) => p.trim());
    const head = this.part(parts[0], implied);
    if (!head) return null;
    let { base, factor } = head;
    for (const per of parts.slice(1)) {
      const p = this.part(per, null);
      if (!p || p.base === "") return null;
      base = `${base}/${p.base}`;
      factor /= p.factor;
    }
    return { base, factor, unitClass: head.unitClass };
  }

  /** The class of a unit as written ("tỷ đồng" → money), null when unknown or none. */
  classOf(unit: string): string | null {
    return this.convert(unit)?.unitClass ?? null;
  }

  /** A value and its range in the base unit, with the rounding step of the digits written. */
  toBase(value: number, valueMax: number | null, unit: string, implied: string | null = null): BaseValue | null {
    const c = this.convert(unit, implied);
    if (!c) return null;
    const scale = (v: number) => Number((v * c.factor).toPrecision(15));
    return {
      value_base: scale(value),
      value_max_base: valueMax === null ? null : scale(valueMax),
      base_unit: c.base,
      value_step_base: scale(10 ** -Math.max(decimals(value), valueMax === null ? 0 : decimals(valueMax))),
    };
  }

  private part(text: string, implied: string | null): UnitConversion | null {
    const words = text === "" ? [] : text.split(" ");
    // The longest known unit at the end ("triệu kWh" is a unit of its own; "tỷ đồng" is "tỷ" × "đồng").
    for (let i = 0; i < words.length; i++) {
      const row = this.units.get(words.slice(i).join(" "));
      if (!row) continue;
      const scale = this.scale(words.slice(0, i));
      return scale === null ? null : { base: row.base, factor: scale * row.factor, unitClass: row.unitClass };
    }
    const scale = this.scale(words);
    if (scale === null) return null;
    // A bare magnitude ("15,4 triệu") stands for the indicator's usual unit; a bare number for none.
    if (implied !== null && words.length > 0) {
      const row = this.units.get(key(implied));
      if (row) return { base: row.base, factor: scale * row.factor, unitClass: row.unitClass };
    }
    return { base: "", factor: scale, unitClass: null };
  }

  /** The product of magnitude words ("nghìn tỷ" = 1e12), null when a word is not one. */
  private scale(words: string[]): number | null {
    let scale = 1;
    for (const w of words) {
      const m = this.magnitudes.get(w);
      if (m === undefined) return null;
      scale *= m;
    }
    return scale;
  }
}

const MAX_DECIMALS = 12;

/** Digits after the decimal point of a value as parsed (103.5 → 1, 15000 → 0). */
function decimals(value: number): number {
  let scaled = Math.abs(value);
  for (let d = 0; d < MAX_DECIMALS; d++, scaled *= 10) {
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return MAX_DECIMALS;
}

let cached: UnitTable | undefined;

export function loadUnitTable(): UnitTable {
  cached ??= new UnitTable();
  return cached;
}
