import type { Block, BlockType } from "./types.js";

export const BLOCK_SEPARATOR = "\n\n";

/** Collects content blocks into one text, a blank line between blocks, recording each block's range. */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly blocks: Block[] = [];

  /** Adds a block unless its text is blank; trims it. Returns the block added, if any. */
  add(type: BlockType, text: string, extra: Omit<Block, "type" | "start" | "end"> = {}): Block | null {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (this.parts.length) {
      this.parts.push(BLOCK_SEPARATOR);
      this.length += BLOCK_SEPARATOR.length;
    }
    const block: Block = { type, start: this.length, end: this.length + trimmed.length, ...extra };
    this.parts.push(trimmed);
    this.length += trimmed.length;
    this.blocks.push(block);
    return block;
  }

  get text(): string {
    return this.parts.join("");
  }
}

/** Collapses runs of white space (any kind, including no-break spaces) to one space. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}
