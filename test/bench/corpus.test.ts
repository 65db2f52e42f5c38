import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCorpus, type CorpusOptions } from "../../src/bench/corpus.js";
import { createRandom } from "../../src/bench/prng.js";
import { findPlaceNames, proseMatcher, varyHtml, varyProse, type Variation } from "../../src/bench/vary.js";

const TEMPLATES = path.resolve(import.meta.dirname, "../../corpus");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chitieu-bench-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let made = 0;
function generate(options: Partial<CorpusOptions>) {
  const target = path.join(scratch, `corpus-${made++}`);
  const info = generateCorpus({ templates: TEMPLATES, target, docs: 30, mix: "all", seed: 7, ...options });
  return { info, target };
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex"));
  }
  return out;
}

describe("generateCorpus", () => {
  it("writes the same bytes for the same seed, and other bytes for another", () => {
    const a = generate({});
    const b = generate({});
    const c = generate({ seed: 8 });
    expect(a.info.digest).toBe(b.info.digest);
    expect(filesOf(a.target)).toEqual(filesOf(b.target));
    expect(c.info.digest).not.toBe(a.info.digest);
  });

  it("counts what it wrote, by format, and gives every document its own content", () => {
    const { info, target } = generate({ docs: 40 });
    const files = filesOf(target);
    expect(files.size).toBe(40);
    expect(new Set(files.values()).size).toBe(40);
    const { text, html, pdf } = info.byFormat;
    expect(text.docs + html.docs + pdf.docs).toBe(40);
    expect(text.docs).toBeGreaterThan(0);
    expect(html.docs).toBeGreaterThan(0);
    expect(pdf.docs).toBeGreaterThan(0);
    const sizes = [...fs.readdirSync(target, { recursive: true, withFileTypes: true })].filter((e) => e.isFile()).map((e) => fs.statSync(path.join(e.parentPath, e.name)).size);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(info.bytes);
  });

  it("makes only the format asked for", () => {
    const { info, target } = generate({ mix: "html", docs: 5 });
    expect(info.byFormat.html.docs).toBe(5);
    expect([...filesOf(target).keys()].every((f) => f.endsWith(".html"))).toBe(true);
  });

  it("refuses a folder that is not empty, and templates that are missing", () => {
    const { target } = generate({ docs: 1 });
    expect(() => generateCorpus({ templates: TEMPLATES, target, docs: 1, mix: "text", seed: 1 })).toThrow(/not empty/);
    expect(() => generateCorpus({ templates: scratch, target: path.join(scratch, "none"), docs: 1, mix: "pdf", seed: 1 })).toThrow(/no pdf templates/);
  });
});

describe("variation", () => {
  const places = findPlaceNames(["Sở LĐ-TB&XH tỉnh Hậu Giang; UBND tỉnh Lê Văn Phước", "thành phố Cần Thơ và tỉnh Đắk N&ocirc;ng"]);
  const variation = (): Variation => ({ yearShift: 2, places: new Map([["Hậu Giang", "Cần Thơ"], ["Cần Thơ", "Hậu Giang"]]), random: createRandom(1) });

  it("finds two-syllable place names after an administrative word, not people or names cut by an entity", () => {
    expect(places).toEqual(["Cần Thơ", "Hậu Giang"]);
  });

  it("moves years together, keeps days, months and the shape of every figure, swaps places", () => {
    const out = varyProse("Ngày 7/1/2024, tỉnh Hậu Giang tạo việc làm cho 15.000 lao động (đạt 103,5%) năm 2025.", proseMatcher(places), variation());
    const m = /^Ngày 7\/1\/2026, tỉnh Cần Thơ tạo việc làm cho ([1-9]\d\.\d{3}) lao động \(đạt ([1-9]\d\d,\d)%\) năm 2027\.$/.exec(out);
    expect(m, out).not.toBeNull();
    expect(m![1]).not.toBe("15.000");
  });

  it("leaves markup, scripts and entities of HTML alone", () => {
    const html = '<p class="c2024" data-n="15000">Hậu Giang &#7879; 15.000 người</p><script>var x = 12345;</script>';
    const out = varyHtml(html, proseMatcher(places), variation());
    expect(out).toMatch(/^<p class="c2024" data-n="15000">Cần Thơ &#7879; [1-9]\d\.\d{3} người<\/p><script>var x = 12345;<\/script>$/);
  });
});
