import { describe, expect, it } from "vitest";
import { QueryError } from "../../src/store/errors.js";
import { type ColumnType, filterSql, parseFilter } from "../../src/store/filter.js";

const columns = new Map<string, ColumnType>([
  ["kind", "text"],
  ["period", "text"],
  ["indicator", "text"],
  ["value", "number"],
  ["page", "integer"],
  ["estimated", "boolean"],
]);
const where = (...filters: string[]) => filterSql(filters.map((f) => parseFilter(f, columns)), columns);

describe("parseFilter", () => {
  it("reads FIELD OP VALUE, the value taken literally", () => {
    expect(parseFilter("kind=target", columns)).toEqual({ field: "kind", op: "=", value: "target" });
    expect(parseFilter("value>=1.5", columns)).toEqual({ field: "value", op: ">=", value: "1.5" });
    expect(parseFilter(" indicator ~ hộ nghèo ", columns)).toEqual({ field: "indicator", op: "~", value: "hộ nghèo" });
    expect(parseFilter("indicator=a=b; DROP TABLE mentions", columns)).toEqual({ field: "indicator", op: "=", value: "a=b; DROP TABLE mentions" });
    expect(parseFilter("period!=", columns)).toEqual({ field: "period", op: "!=", value: "" });
  });

  it("says what is wrong with a bad filter", () => {
    const cases: Array<[string, string]> = [
      ["kind", 'expected FIELD OP VALUE with OP one of = != < <= > >= ~'],
      ["mentions.kind=target", "expected FIELD OP VALUE"],
      ["colour=red", "no field colour; fields: kind, period, indicator, value, page, estimated"],
      ["value=1,5", "value takes a number written with a dot for decimals"],
      ["value~15", "~ applies to text fields only"],
      ["estimated=yes", "estimated takes true or false"],
      ["estimated>false", "estimated takes = or !="],
    ];
    for (const [text, message] of cases) {
      expect(() => parseFilter(text, columns)).toThrow(QueryError);
      expect(() => parseFilter(text, columns)).toThrow(message);
    }
  });
});

describe("filterSql", () => {
  it("binds every value as a parameter", () => {
    expect(where("kind=target", "value>=1000", "page<3")).toEqual({
      sql: '"kind" IS ? AND "value" >= ? AND "page" < ?',
      params: ["target", 1000, 3],
    });
    expect(where("indicator=x' OR 1=1 --")).toEqual({ sql: '"indicator" IS ?', params: ["x' OR 1=1 --"] });
  });

  it("makes equality filters on one field alternatives, everything else conjunctions", () => {
    expect(where("kind=target", "period=2024", "kind=actual", "value!=0")).toEqual({
      sql: '("kind" IS ? OR "kind" IS ?) AND "period" IS ? AND "value" IS NOT ?',
      params: ["target", "actual", "2024", 0],
    });
  });

  it("matches empty fields, booleans, and folded text", () => {
    expect(where("period=", "estimated=true")).toEqual({
      sql: `("period" IS NULL OR "period" = '') AND "estimated" IS ?`,
      params: [1],
    });
    expect(where("indicator~Hộ Nghèo", "period!=")).toEqual({
      sql: `instr(chitieu_fold("indicator"), ?) > 0 AND ("period" IS NOT NULL AND "period" <> '')`,
      params: ["hộ nghèo"],
    });
    // Decomposed input is composed first, as stored text is.
    expect(where("kind=ta\u0300i").params).toEqual(["tài"]);
  });

  it("is always true without filters", () => {
    expect(where()).toEqual({ sql: "1", params: [] });
  });
});
