import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryError, formatSearchHits, openStore, searchQuery, searchSentences, type IndicatorStore } from "../../src/store/index.js";
import { RULES, buildDocument, buildResearchStore, loadArticles, tempDir } from "./helpers.js";

const dir = tempDir();
const file = path.join(dir, "indicators.sqlite");
let store: IndicatorStore;
beforeAll(() => {
  buildResearchStore(file);
  store = openStore(file, { readonly: true });
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sentences = (...texts: string[]) => searchSentences(store, texts).map((h) => h.sentence);

describe("searchQuery", () => {
  it("makes each text one quoted phrase, so nothing in it is query syntax", () => {
    expect(searchQuery(["ho ngheo"])).toBe('"ho ngheo"');
    expect(searchQuery(['hộ "nghèo" OR NOT', "Đường*"])).toBe('"hộ ""nghèo"" OR NOT" AND "Dường*"');
    expect(() => searchQuery(["%;-"])).toThrow(QueryError);
    expect(() => searchQuery([])).toThrow("give the text to look for");
  });
});

describe("searchSentences", () => {
  it('finds "hộ nghèo" from "ho ngheo", ignoring case and diacritics', () => {
    expect(sentences("ho ngheo")).toEqual(
      expect.arrayContaining([
        "Nhờ thực hiện đồng bộ, quyết liệt các giải pháp, hộ nghèo trong tỉnh năm 2024 còn 1,47%",
        "giảm hộ nghèo 0,74%/năm trở lên.",
        "hiện nay toàn tỉnh còn 3.453 hộ nghèo, chiếm tỷ lệ 1,20% so với tổng số hộ dân cư toàn tỉnh",
      ]),
    );
    expect(sentences("ho ngheo")).toHaveLength(3);
    expect(sentences("HỘ NGHÈO")).toEqual(sentences("ho ngheo"));
  });

  it("finds đ from d", () => {
    expect(sentences("duong giao thong")).toEqual(["Các công trình đã hoàn thành:\n- Xây dựng 12,5 km đường giao thông nông thôn"]);
    expect(sentences("dao tao nghe")).toHaveLength(2);
  });

  it("matches phrases in order, and all of several", () => {
    expect(sentences("ngheo ho")).toEqual([]);
    expect(sentences("ho ngheo", "2024")).toEqual(["Nhờ thực hiện đồng bộ, quyết liệt các giải pháp, hộ nghèo trong tỉnh năm 2024 còn 1,47%"]);
  });

  it("shows each sentence once with all its records", () => {
    const [hit] = searchSentences(store, ["chiem ty le 1,20"]);
    expect(hit).toMatchObject({ doc: "corpus/text/001_tra_vinh.txt", published_at: "2024-01-05" });
    expect(hit.records.map((r) => [r.kind, r.value, r.unit])).toEqual([
      ["actual", 3453, "hộ"],
      ["actual", 1.2, "%"],
    ]);
    expect(formatSearchHits([hit])).toBe(
      [
        "corpus/text/001_tra_vinh.txt · Sở Lao động – Thương binh và Xã hội tỉnh Trà Vinh tổ chức hội nghị triển khai công tác lao động, người có công và xã hội năm 2024 · 2024-01-05",
        "  hiện nay toàn tỉnh còn 3.453 hộ nghèo, chiếm tỷ lệ 1,20% so với tổng số hộ dân cư toàn tỉnh",
        "    - actual | hộ nghèo [poverty.households] | 3453 hộ | period 2023 | unreviewed",
        "    - actual | hộ nghèo [poverty.rate] | 1.2 % | period 2023 | unreviewed",
        "",
      ].join("\n"),
    );
    expect(searchSentences(store, ["lao dong"], { limit: 2 })).toHaveLength(2);
  });

  it("follows the mentions as they are replaced", () => {
    const writer = openStore(path.join(dir, "search-updates.sqlite"));
    const runId = writer.beginRun("extract", [], RULES);
    const { doc, mentions } = buildDocument(loadArticles()[1]);
    writer.saveDocument(runId, doc, mentions);
    expect(searchSentences(writer, ["so ho dan cu"])).toHaveLength(1);
    writer.replaceMentions(runId, doc.source, mentions.filter((m) => m.unit !== "hộ" && m.unit !== "%"));
    expect(searchSentences(writer, ["so ho dan cu"])).toEqual([]);
    expect(searchSentences(writer, ["phan dau tao viec lam"])).toHaveLength(1);
    writer.close();
  });
});
