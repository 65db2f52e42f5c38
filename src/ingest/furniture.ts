/**
 * What page furniture looks like to the HTML ingester: class/id tokens
 * (rules/ingest/html.yaml) and, for text, the same phrase matcher the text
 * stage uses (rules/lexicon/furniture.tsv), so the word list exists once.
 */
import { z } from "zod";
import { loadYaml } from "../rulebook/index.js";
import { furnitureOfLine, type FurnitureScope } from "../text/furniture.js";

const HtmlHints = z.object({
  furniture: z.array(z.string().min(1)),
  lead: z.array(z.string().min(1)),
  caption: z.array(z.string().min(1)),
  author: z.array(z.string().min(1)),
});

export type HintKind = keyof z.output<typeof HtmlHints>;
export type { FurnitureScope };


export interface FurnitureRules {
  /** How much a block of furniture takes with it, or null for content. */
  blockScope(text: string): FurnitureScope | null;
  /** Where a trailing credit ("... Bộ trưởng Tài chính. Ảnh: Hoàng Phong") starts in `text`, or -1. */
  trailingCredit(text: string): number;
  /** Which hint lists an element's class and id tokens match. */
  hints(classAndId: string): Set<HintKind>;
}

let cached: FurnitureRules | null = null;

export function furnitureRules(): FurnitureRules {
  if (cached) return cached;
  const hints = loadYaml("ingest/html.yaml", HtmlHints);
  const tokenTests = (Object.keys(hints) as HintKind[]).map((kind) => {
    const exact = new Set(hints[kind].filter((t) => !t.endsWith("*")));
    const prefixes = hints[kind].filter((t) => t.endsWith("*")).map((t) => t.slice(0, -1));
    return { kind, test: (token: string) => exact.has(token) || prefixes.some((p) => token.startsWith(p)) };
  });
  cached = {
    blockScope: (text) => furnitureOfLine(text.replace(/\s+/g, " ").trim()),
    trailingCredit(text) {
      // The last sentence of a caption, if it is a credit line on its own.
      for (const m of text.matchAll(/[.!?)]\s+|\s[-–]\s/g)) {
        const start = m.index + m[0].length;
        const tail = text.slice(start);
        if (tail.length <= 80 && furnitureOfLine(tail) === "line") return /^\s[-–]/.test(m[0]) ? m.index : start;
      }
      return -1;
    },
    hints(classAndId) {
      const tokens = classAndId.toLowerCase().split(/[\s_\-]+/).filter(Boolean);
      const found = new Set<HintKind>();
      for (const { kind, test } of tokenTests) if (tokens.some(test)) found.add(kind);
      return found;
    },
  };
  return cached;
}
