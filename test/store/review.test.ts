import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  decisionHistory,
  exportRows,
  openStore,
  recordDecision,
  undoDecision,
  type IndicatorStore,
} from "../../src/store/index.js";
import { RULES, buildDocument, loadArticles, tempDir } from "./helpers.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const [hauGiang, traVinh] = loadArticles();

function storeWith(...articles: ReturnType<typeof loadArticles>): IndicatorStore {
  const store = openStore(path.join(dir, `r${++n}.sqlite`));
  const runId = store.beginRun("extract", [], RULES);
  for (const article of articles) {
    const { doc, mentions } = buildDocument(article);
    store.saveDocument(runId, doc, mentions);
  }
  return store;
}

const record = (store: IndicatorStore, value: number) => {
  const found = [...exportRows(store, { view: "mentions", where: [`value=${value}`] })];
  expect(found).toHaveLength(1);
  return found[0];
};

describe("decisions", () => {
  it("accepts and rejects, keeping who, when, why and the record before and after", () => {
    const store = storeWith(hauGiang);
    const target = record(store, 15000);
    const accepted = recordDecision(store, { mentionId: target.mention_id as number, reviewer: "lan", action: "accept" });
    expect(record(store, 15000)).toMatchObject({ review_status: "accepted", reviewer: "lan" });
    const rejected = recordDecision(store, { mentionId: record(store, 71).mention_id as number, reviewer: "minh", action: "reject", reason: "list item, period unclear" });
    expect(record(store, 71)).toMatchObject({ review_status: "rejected", reviewer: "minh" });
    expect(record(store, 0.74).review_status).toBe("unreviewed");

    const [decision] = decisionHistory(store, target.mention_id as number);
    expect(decision).toMatchObject({ id: accepted, reviewer: "lan", action: "accept", reason: null, undoes: null, undone: false });
    expect(decision.before).toMatchObject({ value: 15000, review_status: "unreviewed", reviewer: null });
    expect(decision.after).toMatchObject({ value: 15000, review_status: "accepted", reviewer: "lan", reviewed_at: decision.decidedAt });
    expect(decisionHistory(store, record(store, 71).mention_id as number)[0]).toMatchObject({ id: rejected, reason: "list item, period unclear" });
    store.close();
  });

  it("keeps a corrected record beside the original", () => {
    const store = storeWith(hauGiang);
    const original = record(store, 26054);
    recordDecision(store, {
      mentionId: original.mention_id as number,
      reviewer: "lan",
      action: "edit",
      reason: "the figure covers jobs created, not jobs found",
      correction: { indicator: "tạo việc làm mới", indicator_id: "jobs.new", period: "2024" },
    });
    const corrected = record(store, 26054);
    expect(corrected).toMatchObject({ review_status: "corrected", indicator: "tạo việc làm mới", indicator_id: "jobs.new", kind: "actual", unit: "lao động" });
    expect(store.db.prepare("SELECT indicator, indicator_id FROM mentions WHERE id = ?").get(original.mention_id)).toEqual({ indicator: "giải quyết việc làm", indicator_id: null });
    const [edit] = decisionHistory(store, original.mention_id as number);
    expect(edit.before).toMatchObject({ indicator: "giải quyết việc làm", review_status: "unreviewed" });
    expect(edit.after).toMatchObject({ indicator: "tạo việc làm mới", review_status: "corrected" });
    expect(() => recordDecision(store, { mentionId: original.mention_id as number, reviewer: "lan", action: "edit", correction: { kind: "forecast" as never } })).toThrow(/CHECK constraint failed/);
    expect(() => recordDecision(store, { mentionId: original.mention_id as number, reviewer: " ", action: "accept" })).toThrow("needs the reviewer's name");
    store.close();
  });

  it("undoes the last decisions, bringing back the one before", () => {
    const store = storeWith(hauGiang);
    const mentionId = record(store, 70.43).mention_id as number;
    const accept = recordDecision(store, { mentionId, reviewer: "lan", action: "accept" });
    const edit = recordDecision(store, { mentionId, reviewer: "lan", action: "edit", correction: { value: 70.34 } });
    expect(record(store, 70.34).review_status).toBe("corrected");
    const undo = undoDecision(store, { decisionId: edit, reviewer: "lan", reason: "typo in my correction" });
    expect(record(store, 70.43)).toMatchObject({ review_status: "accepted" });
    undoDecision(store, { decisionId: accept, reviewer: "lan" });
    expect(record(store, 70.43)).toMatchObject({ review_status: "unreviewed", reviewer: null });
    expect(() => undoDecision(store, { decisionId: edit, reviewer: "lan" })).toThrow("only a decision that is not yet undone can be undone");
    expect(() => undoDecision(store, { decisionId: undo, reviewer: "lan" })).toThrow("only a decision that is not yet undone can be undone");

    const history = decisionHistory(store, mentionId);
    expect(history.map((d) => [d.action, d.undone, d.undoes])).toEqual([
      ["accept", true, null],
      ["edit", true, null],
      ["undo", false, edit],
      ["undo", false, accept],
    ]);
    expect(history[2].before).toMatchObject({ value: 70.34, review_status: "corrected" });
    expect(history[2].after).toMatchObject({ value: 70.43, review_status: "accepted" });
    store.close();
  });

  it("keeps the trail append-only", () => {
    const store = storeWith(hauGiang);
    const mentionId = record(store, 1.47).mention_id as number;
    recordDecision(store, { mentionId, reviewer: "lan", action: "edit", correction: { value: 1.5 } });
    expect(() => store.db.prepare("UPDATE review_decisions SET reviewer = 'someone else'").run()).toThrow("review_decisions is append-only");
    expect(() => store.db.prepare("DELETE FROM review_decisions").run()).toThrow("review_decisions is append-only");
    expect(() => store.db.prepare("UPDATE review_corrections SET value = 2").run()).toThrow("review_corrections is append-only");
    expect(() => store.db.prepare("DELETE FROM review_corrections").run()).toThrow("review_corrections is append-only");
    // Re-extraction replaces mentions; the trail stays.
    store.saveDocument(store.beginRun("extract", [], RULES), buildDocument(hauGiang).doc, []);
    expect(store.db.prepare("SELECT count(*) FROM review_decisions").pluck().get()).toBe(1);
    store.close();
  });
});

describe("decisions after re-extraction", () => {
  it("stay with a record whose sentence text and spans are unchanged, and only there", () => {
    const store = storeWith(hauGiang, traVinh);
    for (const value of [15000, 71, 3453]) recordDecision(store, { mentionId: record(store, value).mention_id as number, reviewer: "lan", action: "accept" });
    recordDecision(store, { mentionId: record(store, 1.2).mention_id as number, reviewer: "lan", action: "edit", correction: { value: 1.21 } });

    const runId = store.beginRun("reextract", [], "rules-test-2");
    const hau = buildDocument(hauGiang, "rules-test-2").mentions;
    // New rules: the same first record; a longer evidence span for the second.
    const changed = [hau[0], { ...hau[1], span: [hau[1].span[0] - 5, hau[1].span[1]] as [number, number] }, ...hau.slice(2)];
    store.replaceMentions(runId, hauGiang.source, changed);
    store.replaceMentions(runId, traVinh.source, buildDocument(traVinh, "rules-test-2").mentions);

    expect(record(store, 15000)).toMatchObject({ review_status: "accepted", rules_version: "rules-test-2" });
    expect(record(store, 71).review_status).toBe("unreviewed");
    expect(record(store, 3453).review_status).toBe("accepted");
    expect(record(store, 1.21)).toMatchObject({ review_status: "corrected" });
    store.close();
  });

  it("go back to the queue when the text moved, never onto a look-alike sentence", () => {
    const store = storeWith(traVinh);
    const accepted = record(store, 3453);
    recordDecision(store, { mentionId: accepted.mention_id as number, reviewer: "lan", action: "accept" });

    // The article is republished with a new first paragraph: every offset moves.
    const moved = { ...traVinh, text: "Cập nhật: bài viết đã được bổ sung.\n\n" + traVinh.text };
    const runId = store.beginRun("extract", [], RULES);
    const movedDocument = buildDocument(moved);
    store.saveDocument(runId, movedDocument.doc, movedDocument.mentions);
    expect(record(store, 3453).review_status).toBe("unreviewed");

    // The same sentence twice: the decision made on the first never lands on the second.
    const sentence = accepted.sentence as string;
    const twice = { ...traVinh, text: `${traVinh.text}\n${sentence}\n` };
    const twiceDocument = buildDocument(twice);
    store.saveDocument(runId, twiceDocument.doc, twiceDocument.mentions);
    const first = record(store, 3453);
    recordDecision(store, { mentionId: first.mention_id as number, reviewer: "lan", action: "reject" });
    const secondStart = twice.text.lastIndexOf(sentence);
    const onlySecond = twiceDocument.mentions
      .filter((m) => m.value === 3453)
      .map((m) => ({ ...m, sentence_span: [secondStart, secondStart + sentence.length] as [number, number], span: [m.span[0] - m.sentence_span[0] + secondStart, m.span[1] - m.sentence_span[0] + secondStart] as [number, number], value_span: [m.value_span[0] - m.sentence_span[0] + secondStart, m.value_span[1] - m.sentence_span[0] + secondStart] as [number, number], indicator_span: null }));
    store.replaceMentions(runId, traVinh.source, onlySecond);
    expect(record(store, 3453)).toMatchObject({ sentence, sentence_start: secondStart, review_status: "unreviewed" });
    store.close();
  });
});
