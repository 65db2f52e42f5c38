/**
 * What a prepared document carries to the store: of its structure only what
 * segmentation cannot recompute from the text.
 */
import { describe, expect, it } from "vitest";
import { Normaliser, loadNormaliseRules } from "../../src/normalise/index.js";
import { InThreadPreparer } from "../../src/pipeline/prepare.js";

const preparer = new InThreadPreparer({ ingest: {}, normaliser: new Normaliser(loadNormaliseRules(), []) });

describe("prepareDocument", () => {
  it("keeps the ingest warnings as the document's structure, and nothing when there are none", async () => {
    const plain = await preparer.prepare("plain.txt", Buffer.from("Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động."));
    expect(plain.ok && plain.document.record.structure).toBeUndefined();
    const page = Buffer.from("<html><body><article><p>Năm 2024, tỉnh giải quyết việc làm cho 15.000 lao động.</p></article></body></html>");
    const warned = await preparer.prepare("page.html", page, { articleSelector: "main.story" });
    expect(warned.ok && warned.document.record.structure).toEqual({ warnings: [expect.stringMatching(/matched nothing/)] });
  });
});
