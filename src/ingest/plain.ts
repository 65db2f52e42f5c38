/**
 * Plain text: paragraphs are runs of non-blank lines. Line breaks inside a
 * paragraph are kept (the text stage decides what they mean); each block
 * records where it sits in the decoded source.
 */
import { TextBuilder } from "./builder.js";

export function plainTextBlocks(source: string): TextBuilder {
  const builder = new TextBuilder();
  const paragraph = /[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*/g;
  const normalised = source.replace(/\r\n?/g, (m) => (m.length === 2 ? " \n" : "\n"));
  for (const match of normalised.matchAll(paragraph)) {
    const start = match.index;
    const body = match[0].split("\n").map((line) => line.trimEnd()).join("\n");
    builder.add("paragraph", body, { sourceRange: [start, start + match[0].length] });
  }
  return builder;
}
