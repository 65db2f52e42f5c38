/** A PDF page's text as pdf.js gives it: positioned runs of glyphs, and the lines they form. */

export interface Glyphs {
  page: number;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  size: number;
  text: string;
  font: string;
}

/** A page's number, as its foot or head writes it ("3", "- 3 -", "Trang 3/12"). */
export const PAGE_NUMBER = /^[-–—\s]*(?:trang|page)?\s*\d{1,4}\s*(?:(?:\/|of|trên)\s*\d{1,4})?[-–—\s]*$/iu;

export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs sharing a baseline, top to bottom; each line left to right. */
export function baselineLines(glyphs: Glyphs[]): Glyphs[][] {
  const sorted = [...glyphs].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: Glyphs[][] = [];
  for (const g of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0].y - g.y) < 0.4 * Math.min(line[0].size, g.size)) line.push(g);
    else lines.push([g]);
  }
  for (const line of lines) line.sort((p, q) => p.x - q.x);
  return lines;
}
