import { describe, expect, it } from "vitest";
import { cohensKappa, compareReviewers } from "../../src/review/agreement.js";
import type { ReviewerDecision } from "../../src/store/review-queries.js";

describe("Cohen's kappa", () => {
  it("matches a worked example", () => {
    // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15 → po = 0.7, pe = 0.5, kappa = 0.4.
    const pairs: Array<[string, string]> = [
      ...Array<[string, string]>(20).fill(["yes", "yes"]),
      ...Array<[string, string]>(5).fill(["yes", "no"]),
      ...Array<[string, string]>(10).fill(["no", "yes"]),
      ...Array<[string, string]>(15).fill(["no", "no"]),
    ];
    const k = cohensKappa(pairs);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 for perfect agreement, negative below chance, undefined without variety", () => {
    expect(cohensKappa([["a", "a"], ["b", "b"]]).kappa).toBe(1);
    expect(cohensKappa([["a", "b"], ["b", "a"]]).kappa).toBe(-1);
    expect(cohensKappa([["a", "a"], ["a", "a"]])).toMatchObject({ observed: 1, expected: 1, kappa: null });
    expect(cohensKappa([])).toEqual({ items: 0, observed: null, expected: null, kappa: null });
  });
});

const decision = (anchor: string, action: ReviewerDecision["action"], after: Record<string, unknown> | null = null): ReviewerDecision => ({
  anchor, action, reason: null, after, decided_at: "2025-01-01T00:00:00Z", mention_id: Number(anchor), sentence: `sentence ${anchor}`, value_text: `value ${anchor}`,
});

describe("two reviewers", () => {
  it("are compared on the records both decided; different corrections disagree", () => {
    const a = [decision("1", "accept"), decision("2", "reject"), decision("3", "edit", { value: 10, kind: "actual" }), decision("4", "accept")];
    const b = [decision("1", "accept"), decision("2", "accept"), decision("3", "edit", { value: 11, kind: "actual" }), decision("5", "reject")];
    const result = compareReviewers(["lan", "minh"], a, b);
    expect(result.items).toBe(3);
    expect(result.matrix.reject.accept).toBe(1);
    expect(result.matrix.edit.edit).toBe(1);
    expect(result.disagreements.map((d) => [d.mention_id, d.difference])).toEqual([[2, "action"], [3, "correction"]]);
    expect(result.disagreements[1].first.corrected).toMatchObject({ value: 10 });
  });
});
