/**
 * HTML → the article's blocks and metadata.
 *
 * The article is found, not guessed from a site template: the content root is
 * the deepest element that still holds most of the page's non-link text,
 * widened to take in the title heading. Inside it, furniture goes by tag,
 * by class/id token (rules/ingest/html.yaml) and by Vietnamese phrase
 * (rules/lexicon/page-furniture.tsv): a "Tin liên quan" heading takes its
 * list with it, link lists go, counters, credits, dates and file names go.
 * Data tables become one block per cell, the cell's row and column headers
 * written before its figure and its row after it (table.ts, shared with PDF
 * and text tables).
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { parse as parseYaml } from "yaml";
import { TextBuilder, collapseSpace } from "./builder.js";
import { blockFingerprint } from "./fingerprint.js";
import { findVietnameseDate, isDateLine, normaliseIsoDate } from "./dates.js";
import { furnitureRules, type FurnitureRules, type HintKind } from "./furniture.js";
import { foldPhrase } from "../text/fold.js";
import { captionUnit, cellBlockText, tableCellBlocks, type TableCell } from "./table.js";
import type { BlockType, DocumentMeta } from "./types.js";
import { LIST_ITEM_MARKER } from "../text/list-marker.js";

export interface HtmlOptions {
  /** Look for the article and drop page furniture (web pages); off for converted documents (DOCX). */
  findArticle: boolean;
  /** Record each block's range in the source string (off when the HTML is itself converted). */
  sourceRanges: boolean;
  /** CSS selector of the element holding the article on this site, used instead of finding it when it matches. */
  articleSelector?: string;
  /** Blocks to leave out, by blockFingerprint() of their text: boilerplate a crawler learnt for the site. */
  dropBlocks?: ReadonlySet<string>;
}

export interface HtmlContent {
  builder: TextBuilder;
  meta: DocumentMeta;
  warnings: string[];
}

const DROPPED_TAGS = new Set([
  "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "audio", "video",
  "button", "input", "select", "textarea", "option", "head", "link", "meta", "map", "dialog",
]);
/** Furniture by tag unless the element holds most of the article (ASP.NET pages wrap everything in a form). */
const FURNITURE_TAGS = new Set(["nav", "aside", "footer", "form", "menu"]);
/** Text a box headed by furniture may hold besides its heading and still be the furniture's section. */
const HEADED_BOX_REST_MAX = 160;
const FORM_CONTROLS = new Set(["input", "select", "textarea", "button"]);
/** A block holding a form control and at most this much text is one of the form's options or fields. */
const FORM_OPTION_MAX = 120;
const BLOCK_TAGS = new Set([
  "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol",
  "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
/** A list item that writes its own marker. */
const LIST_MARKER = new RegExp(`^${LIST_ITEM_MARKER.source}`, "u");

interface TextWeight {
  /** Characters of text outside links. */
  plain: number;
  /** Characters of link text. */
  link: number;
}

function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** A leading `---` block of JSON or YAML (static-site sources): read it, then blank it out, keeping offsets. */
function takeFrontMatter(source: string): { html: string; data: Record<string, unknown> } {
  const m = /^\ufeff?\s*---[a-z]*\r?\n([\s\S]*?)\r?\n---[^\S\n]*(?:\r?\n|$)/.exec(source);
  if (!m) return { html: source, data: {} };
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch {
    return { html: source, data: {} };
  }
  const blank = m[0].replace(/[^\n]/g, " ");
  return { html: blank + source.slice(m[0].length), data: data && typeof data === "object" ? (data as Record<string, unknown>) : {} };
}

function stringField(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = data[key];
    if (typeof v === "string" && v.trim()) return v.trim();
    if (v instanceof Date) return v.toISOString();
  }
  return undefined;
}

/** All objects in the page's JSON-LD scripts, @graph flattened. */
function jsonLdObjects($: cheerio.CheerioAPI): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      out.push(v as Record<string, unknown>);
      const graph = (v as Record<string, unknown>)["@graph"];
      if (graph) visit(graph);
    }
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      // A broken JSON-LD block is the page's problem; the other sources still count.
    }
  });
  return out;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(", ") || undefined;
  if (v && typeof v === "object") return nameOf((v as Record<string, unknown>).name);
  return undefined;
}

function readMeta($: cheerio.CheerioAPI, front: Record<string, unknown>): DocumentMeta & { titles: string[]; authorFromLd: boolean } {
  const metaContent = (...selectors: string[]) => {
    for (const s of selectors) {
      const v = $(s).first().attr("content")?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const ld = jsonLdObjects($);
  const ldField = (field: string) => ld.map((o) => o[field]).find((v) => v !== undefined);

  const titles = [
    metaContent('meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[itemprop="headline"]'),
    nameOf(ldField("headline")),
    stringField(front, "title"),
    collapseSpace($("title").first().text()) || undefined,
  ].filter((t): t is string => !!t);

  const dateCandidates = [
    metaContent(
      'meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]',
      'meta[name="publishdate"]', 'meta[name="publish-date"]', 'meta[property="og:published_time"]',
      'meta[name="dc.date.issued"]', 'meta[name="DC.date.issued"]', 'meta[name="date"]', 'meta[name="dcterms.created"]',
    ),
    nameOf(ldField("datePublished")),
    stringField(front, "date", "published", "publishedAt", "pubDate"),
    $("[itemprop=datePublished]").first().attr("datetime") ?? $("[itemprop=datePublished]").first().attr("content"),
    $("time[datetime]").first().attr("datetime"),
  ];
  let publishedAt: string | undefined;
  for (const c of dateCandidates) {
    const iso = c ? normaliseIsoDate(c) : null;
    if (iso) {
      publishedAt = iso;
      break;
    }
  }

  const canonicalUrl =
    $('link[rel="canonical"]').first().attr("href")?.trim() ||
    metaContent('meta[property="og:url"]') ||
    stringField(front, "canonical", "url", "permalink");
  const publisher = ldField("publisher");
  const siteName = metaContent('meta[property="og:site_name"]', 'meta[name="application-name"]') ?? nameOf(publisher);
  const ldAuthor = nameOf(ldField("author"));
  const author = ldAuthor ?? metaContent('meta[name="author"]', 'meta[property="article:author"]') ?? stringField(front, "author");

  const meta: DocumentMeta & { titles: string[]; authorFromLd: boolean } = { titles, authorFromLd: ldAuthor !== undefined };
  if (titles[0]) meta.title = titles[0];
  if (publishedAt) meta.publishedAt = publishedAt;
  if (canonicalUrl) meta.canonicalUrl = canonicalUrl;
  if (siteName) meta.siteName = siteName;
  if (author && !/^https?:/.test(author)) meta.author = author;
  return meta;
}

class Page {
  private readonly weights = new Map<AnyNode, TextWeight>();

  constructor(readonly $: cheerio.CheerioAPI, readonly rules: FurnitureRules) {}

  weight(node: AnyNode): TextWeight {
    const known = this.weights.get(node);
    if (known) return known;
    let w: TextWeight;
    if (node.type === "text") {
      const n = node.data.replace(/\s+/g, "").length;
      w = { plain: n, link: 0 };
    } else if (isElement(node)) {
      w = { plain: 0, link: 0 };
      for (const child of node.children) {
        const c = this.weight(child);
        w.plain += c.plain;
        w.link += c.link;
      }
      if (node.name === "a") w = { plain: 0, link: w.plain + w.link };
    } else {
      w = { plain: 0, link: 0 };
    }
    this.weights.set(node, w);
    return w;
  }

  linkDensity(el: Element): number {
    const w = this.weight(el);
    const total = w.plain + w.link;
    return total ? w.link / total : 0;
  }

  hints(el: Element): Set<HintKind> {
    return this.rules.hints(`${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`);
  }

  text(el: AnyNode): string {
    return collapseSpace(this.$(el).text());
  }

  /** An element's text with its blocks and line breaks apart ("<p>Số hộ nghèo</p><p>đầu năm 2024</p>" in one cell). */
  blocksText(el: AnyNode): string {
    const parts: string[] = [];
    const walk = (node: AnyNode): void => {
      if (node.type === "text") parts.push((node as { data: string }).data);
      if (!isElement(node)) return;
      const apart = node.name === "br" || BLOCK_TAGS.has(node.name);
      if (apart) parts.push(" ");
      node.children.forEach(walk);
      if (apart) parts.push(" ");
    };
    this.$(el).contents().toArray().forEach(walk);
    return collapseSpace(parts.join(""));
  }
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p = el.parent; p && isElement(p); p = p.parent) out.push(p);
  return out;
}

function lowestCommonAncestor(a: Element, b: Element): Element {
  const chain = new Set<AnyNode>([a, ...ancestors(a)]);
  for (const p of [b, ...ancestors(b)]) if (chain.has(p)) return p;
  return ancestors(a).at(-1) ?? a;
}

/** The heading that carries the article's title: the one that agrees with the page's title metadata. */
function findTitleHeading(page: Page, titles: string[]): Element | null {
  const foldedTitles = titles.map(foldPhrase).filter((t) => t.length >= 8);
  let best: Element | null = null;
  let bestRank = Infinity;
  page.$("h1, h2, h3, [class*=title], [itemprop=headline]").each((_, el) => {
    const text = foldPhrase(page.text(el));
    if (text.length < 8 || text.length > 300) return;
    const matches = foldedTitles.some((t) => t.includes(text) || text.includes(t));
    if (!matches) return;
    const rank = HEADINGS.has(el.name) ? Number(el.name[1]) : 7;
    if (rank < bestRank) {
      best = el;
      bestRank = rank;
    }
  });
  if (best) return best;
  const h1s = page.$("h1").toArray().filter((el) => page.text(el).length >= 15);
  return h1s.length === 1 ? h1s[0] : null;
}

/** The deepest element holding at least 80% of the page's text outside links. */
function findContentRoot(page: Page, top: Element): Element {
  const total = page.weight(top).plain;
  let root = top;
  for (;;) {
    const next = root.children.filter(isElement).find((c) => page.weight(c).plain >= 0.8 * total);
    if (!next) return root;
    root = next;
  }
}

/**
 * The page's own <article> under a root that holds much else (comments, most-read lists, a market ticker, which
 * outweigh a short article): the one that holds the title heading, or the only one there is, when it holds a
 * fair part of the root's text.
 */
function articleElementWithin(page: Page, root: Element, titleHeading: Element | null): Element | null {
  const articles = page.$(root).find("article").toArray();
  const holding = titleHeading ? articles.filter((a) => ancestors(titleHeading).includes(a)) : articles.length === 1 ? articles : [];
  const article = holding.at(-1);
  return article && article !== root && page.weight(article).plain >= ARTICLE_SHARE * page.weight(root).plain ? article : null;
}

/** The least part of the root's text the page's <article> must hold to be taken for the content. */
const ARTICLE_SHARE = 0.3;

interface HtmlCell extends TableCell {
  el: Element;
}

/** The table as a grid, spans expanded; null if it has nested tables. */
function tableGrid(page: Page, table: Element): HtmlCell[][] | null {
  const $ = page.$;
  if ($(table).find("table").length) return null;
  const rows = $(table).find("tr").toArray().filter((tr) => $(tr).closest("table")[0] === table);
  const grid: HtmlCell[][] = [];
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of $(tr).children("td, th").toArray()) {
      while (grid[r][c]) c++;
      const colspan = Math.min(Number(cell.attribs.colspan) || 1, 50);
      const rowspan = Math.min(Number(cell.attribs.rowspan) || 1, rows.length - r);
      const entry: HtmlCell = { el: cell, text: page.blocksText(cell), header: cell.name === "th" };
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = entry;
      }
      c += colspan;
    }
  });
  return grid;
}

/**
 * A table set between two paragraphs, as an article sets its own ("<p>...</p><table class="price-table">...</table><p>...</p>"):
 * part of the text whatever its class says, unlike a box of prices beside the article.
 */
function isTableAmidParagraphs(el: Element): boolean {
  if (el.name !== "table") return false;
  const siblings = el.parent ? el.parent.children.filter(isElement) : [];
  const at = siblings.indexOf(el);
  return siblings[at - 1]?.name === "p" && siblings[at + 1]?.name === "p";
}

const ARIA_TABLE_ROLES = new Set(["table", "grid", "treegrid"]);
const ARIA_TABLE = [...ARIA_TABLE_ROLES].map((role) => `[role=${role}]`).join(", ");
const ARIA_CELL = "[role=cell], [role=gridcell], [role=columnheader], [role=rowheader]";

/** A table built of other elements and marked as one by its ARIA roles (<div role="table"> of <div role="row">s); null for anything else. */
function ariaGrid(page: Page, el: Element): HtmlCell[][] | null {
  if (!ARIA_TABLE_ROLES.has(el.attribs.role ?? "")) return null;
  const $ = page.$;
  const rows = $(el).find("[role=row]").toArray().filter((row) => $(row).parent().closest(ARIA_TABLE)[0] === el);
  const grid = rows.map((row) => {
    const marked = $(row).children(ARIA_CELL).toArray();
    const cells = marked.length ? marked : row.children.filter(isElement);
    return cells.map((cell) => ({ el: cell, text: page.text(cell).trim(), header: /header$/.test(cell.attribs.role ?? "") }));
  });
  return grid.length >= 2 ? grid : null;
}

/** A card's line of a key and its value ("Kế hoạch năm 2019: 3.450 tỷ đồng"). */
const CARD_LINE = /^([^:\d][^:]{0,59}?)\s*:\s*(\S.*)$/su;

/**
 * Cards of figures set side by side, as data pages lay out their indicators: each a title, then lines of a key and
 * its value, the same keys in every card (<div class="card"><div>Thu ngân sách</div><div>Kế hoạch năm 2019: 3.450
 * tỷ đồng</div><div>Ước thực hiện 9 tháng: 2.796,4 tỷ đồng</div></div>). Read as the table they stand for: the
 * titles label its rows and the keys head its columns. Null for anything else.
 */
function cardGrid(page: Page, el: Element): HtmlCell[][] | null {
  const cards = el.children.filter(isElement);
  if (cards.length < 2) return null;
  let keys: string[] | null = null;
  const rows: HtmlCell[][] = [];
  for (const card of cards) {
    const parts = card.children.filter(isElement);
    if (parts.length < 3) return null;
    const title = page.text(parts[0]).trim();
    if (!title || title.includes(":") || /\d/.test(title)) return null;
    const lines = parts.slice(1).map((part) => CARD_LINE.exec(page.text(part).trim()));
    if (lines.some((line) => !line)) return null;
    const cardKeys = lines.map((line) => line![1].trim());
    if (keys && cardKeys.join("\n") !== keys.join("\n")) return null;
    keys = cardKeys;
    rows.push([{ el: parts[0], text: title, header: false }, ...lines.map((line, i) => ({ el: parts[i + 1], text: line![2].trim(), header: false }))]);
  }
  return [[{ el, text: "", header: true }, ...keys!.map((key) => ({ el, text: key, header: true }))], ...rows];
}

class Walker {
  readonly builder = new TextBuilder();
  readonly warnings: string[] = [];
  author?: string;
  datelineIso?: string;
  private readonly skipped = new Set<Element>();
  /** The text of the block emitted last, which may be a table's caption. */
  private lastEmitted = "";
  private readonly rootWeight: number;

  constructor(
    private readonly page: Page,
    private readonly root: Element,
    private readonly titleHeading: Element | null,
    private readonly options: HtmlOptions,
  ) {
    this.rootWeight = page.weight(root).plain;
  }

  private holdsMostOfArticle(el: Element): boolean {
    return this.page.weight(el).plain >= 0.5 * this.rootWeight;
  }

  /** Headings of related-news lists and counter boxes: they go with the lists they head. */
  markHeadedSections(): void {
    const { $, rules } = this.page;
    $(this.root).find("*").each((_, el) => {
      if (this.skipped.has(el) || el === this.titleHeading) return;
      const text = this.page.text(el);
      if (!text || text.length > 80) return;
      const scope = rules.blockScope(text);
      if (!scope) return;
      const onlyChild = el.children.filter(isElement);
      if (onlyChild.length === 1 && this.page.text(onlyChild[0]) === text) return;
      let head: Element = el;
      while (head.parent && isElement(head.parent) && head.parent !== this.root && this.page.text(head.parent) === text) head = head.parent;
      this.skip(head);
      if (scope === "line") return;
      for (let sib = head.next; sib; sib = sib.next) {
        if (!isElement(sib)) continue;
        const isList = ["ul", "ol", "table", "dl"].includes(sib.name);
        const linky = this.page.linkDensity(sib) > 0.3;
        const w = this.page.weight(sib);
        if (!isList && !linky && w.plain + w.link > 0) break;
        if (this.holdsMostOfArticle(sib)) break;
        this.skip(sib);
      }
      // A heading in a small box with its list or widget ("Thời tiết", a poll): the box is the section.
      const box = head.parent;
      if (box && isElement(box) && box !== this.root && !this.holdsMostOfArticle(box)) {
        const rest = box.children.filter((c) => isElement(c) && !this.skipped.has(c)).reduce((n, c) => n + this.page.weight(c).plain, 0);
        if (rest < HEADED_BOX_REST_MAX) this.skip(box);
      }
    });
  }

  private skip(el: Element): void {
    this.skipped.add(el);
  }

  private isFurniture(el: Element): boolean {
    if (this.skipped.has(el)) return true;
    if (el === this.root || el === this.titleHeading) return false;
    if (DROPPED_TAGS.has(el.name)) return true;
    if (!this.options.findArticle) return false;
    if (FURNITURE_TAGS.has(el.name) && !this.holdsMostOfArticle(el)) return true;
    const hints = this.page.hints(el);
    if (hints.has("author") && this.page.weight(el).plain < 80) {
      const name = this.page.text(el);
      if (name && !this.author) this.author = name;
      return true;
    }
    if (hints.has("furniture") && !this.holdsMostOfArticle(el) && !isTableAmidParagraphs(el)) return true;
    // "<p><input type="radio"> Tốt (62%)</p>": a poll's or a form's option, not content.
    if (BLOCK_TAGS.has(el.name) && el.children.some((c) => isElement(c) && FORM_CONTROLS.has(c.name)) && this.page.weight(el).plain < FORM_OPTION_MAX) return true;
    if (BLOCK_TAGS.has(el.name) && !HEADINGS.has(el.name) && this.page.linkDensity(el) > 0.5 && !this.holdsMostOfArticle(el)) return true;
    return false;
  }

  private blockType(el: Element, context: BlockType): BlockType {
    if (el === this.titleHeading) return "title";
    if (HEADINGS.has(el.name)) return "heading";
    if (el.name === "li" || el.name === "dd" || el.name === "dt") return "list-item";
    if (el.name === "figcaption" || el.name === "caption") return "caption";
    const hints = this.page.hints(el);
    if (hints.has("lead")) return "lead";
    if (hints.has("caption") && context !== "lead") return "caption";
    return context;
  }

  walk(): void {
    this.visit(this.root, this.root === this.titleHeading ? "title" : "paragraph");
  }

  private visit(el: Element, context: BlockType): void {
    if (this.isFurniture(el)) return;
    if (el.name === "table" ? this.table(el) : this.tableOfBlocks(el)) return;
    const type = this.blockType(el, context);
    let inline = "";
    let inlineStart = -1;
    let inlineEnd = -1;
    const flush = () => {
      if (inline.trim()) this.emit(type, inline, inlineStart, inlineEnd);
      inline = "";
      inlineStart = inlineEnd = -1;
    };
    const gather = (node: AnyNode) => {
      if (node.type === "text") {
        inline += node.data;
        if (node.startIndex !== null && node.endIndex !== null) {
          if (inlineStart < 0) inlineStart = node.startIndex;
          inlineEnd = node.endIndex + 1;
        }
        return;
      }
      if (!isElement(node)) return;
      if (node.name === "br") {
        flush();
        return;
      }
      if (node.name === "img") return;
      if (BLOCK_TAGS.has(node.name)) {
        flush();
        this.visit(node, type === "title" ? "paragraph" : type);
        return;
      }
      if (this.isFurniture(node)) return;
      node.children.forEach(gather);
    };
    el.children.forEach(gather);
    flush();
  }

  private emit(type: BlockType, raw: string, start: number, end: number): void {
    let text = collapseSpace(raw);
    if (!text) return;
    if (this.options.findArticle) {
      if (this.page.rules.blockScope(text) || URL_ONLY.test(text)) return;
      if (type !== "title" && isDateLine(text)) {
        this.datelineIso ??= findVietnameseDate(text)?.iso;
        return;
      }
      const credit = this.page.rules.trailingCredit(text);
      if (credit > 0) text = text.slice(0, credit).trim();
      if (!text) return;
    }
    if (type !== "title" && this.options.dropBlocks?.has(blockFingerprint(text))) return;
    const extra = this.options.sourceRanges && start >= 0 ? { sourceRange: [start, end] as [number, number] } : {};
    // A reader sees a bullet or a number before a list item, which tells later stages that it is one.
    if (type === "list-item" && !LIST_MARKER.test(text)) text = `- ${text}`;
    if (this.builder.add(type, text, extra)) this.lastEmitted = text;
  }

  /** Emits a table built of other elements (ARIA roles, cards of figures) as a table; false for anything else. */
  private tableOfBlocks(el: Element): boolean {
    const grid = ariaGrid(this.page, el) ?? cardGrid(this.page, el);
    return grid !== null && this.emitTable(grid);
  }

  /** Emits a data table cell by cell, after its caption; false for a layout table (walked as ordinary content). */
  private table(table: Element): boolean {
    const grid = tableGrid(this.page, table);
    return grid !== null && this.emitTable(grid, this.page.$(table).children("caption").toArray()[0]);
  }

  private emitTable(grid: HtmlCell[][], caption?: Element): boolean {
    // The caption, or the line before the table ("ĐVT: triệu đồng"), names the unit of its bare figures.
    const cells = tableCellBlocks(grid, captionUnit(caption ? this.page.text(caption) : this.lastEmitted));
    if (!cells) return false;
    if (caption) this.visit(caption, "caption");
    for (const block of cells) {
      const { startIndex, endIndex } = block.cell.el;
      const extra: { headers: string[]; sourceRange?: [number, number] } = { headers: block.headers };
      if (this.options.sourceRanges && startIndex !== null && endIndex !== null) extra.sourceRange = [startIndex, endIndex + 1];
      this.builder.add("table-cell", cellBlockText(block), extra);
    }
    return true;
  }
}

/** What a browser would put in <body> for a page that has none: everything but the head's elements. */
const HEAD_ELEMENTS = new Set(["head", "title", "meta", "link", "base"]);

function bodyOfFragment($: cheerio.CheerioAPI): Element | undefined {
  const content = $.root()
    .contents()
    .filter((_, node) => !(isElement(node) && HEAD_ELEMENTS.has(node.name)));
  if (!content.length) return undefined;
  const body = $("<body></body>").append(content);
  $.root().append(body);
  return body[0] as Element;
}

export function htmlContent(source: string, options: HtmlOptions): HtmlContent {
  const { html, data: front } = takeFrontMatter(source);
  // htmlparser2 builds the tree several times faster than parse5 (cheerio's default) and gives
  // each node its source offsets (endIndex inclusive); unlike parse5 it adds no <body> of its own.
  const $ = cheerio.load(html, {
    xml: { xmlMode: false, decodeEntities: true, withStartIndices: options.sourceRanges, withEndIndices: options.sourceRanges },
  });
  const { titles, authorFromLd, ...meta } = readMeta($, front);
  const page = new Page($, furnitureRules());
  $("script, style, noscript, template").remove();

  const body = $("body")[0] ?? bodyOfFragment($);
  if (!body) return { builder: new TextBuilder(), meta, warnings: [] };
  let root = body;
  let titleHeading: Element | null = null;
  const warnings: string[] = [];
  const selected = options.findArticle && options.articleSelector ? selectArticle($, options.articleSelector, warnings) : undefined;
  if (options.findArticle) {
    titleHeading = findTitleHeading(page, titles);
    root = selected ?? findContentRoot(page, body);
    if (!selected && titleHeading && titleHeading !== root && !ancestors(titleHeading).includes(root)) {
      root = lowestCommonAncestor(root, titleHeading);
    }
    if (!selected) root = articleElementWithin(page, root, titleHeading) ?? root;
  }
  // The site's article element may leave the title heading out: the title still opens the text.
  const titleOutside = selected !== undefined && titleHeading !== null && titleHeading !== root && !ancestors(titleHeading).includes(root);
  const walker = new Walker(page, root, titleOutside ? null : titleHeading, options);
  walker.warnings.push(...warnings);
  if (titleOutside && titleHeading) walker.builder.add("title", page.text(titleHeading));
  // A static-site source keeps its title in the front matter, not in the body.
  const frontTitle = stringField(front, "title");
  if (options.findArticle && !titleHeading && frontTitle) walker.builder.add("title", frontTitle);
  if (options.findArticle) walker.markHeadedSections();
  walker.walk();

  if (titleHeading) meta.title = page.text(titleHeading);
  if (!meta.publishedAt) {
    const visible = walker.datelineIso ?? findDateNear($, page);
    if (visible) meta.publishedAt = visible;
  }
  // A byline on the page names the writer; a meta author tag often names only the site.
  if (walker.author && !authorFromLd) meta.author = walker.author;
  return { builder: walker.builder, meta, warnings: walker.warnings };
}

/** The first element the site's article selector matches; undefined (with a warning) when it matches none or is not valid. */
function selectArticle($: cheerio.CheerioAPI, selector: string, warnings: string[]): Element | undefined {
  let found: Element | undefined;
  try {
    found = $(selector).toArray().find(isElement);
  } catch (err) {
    warnings.push(`article selector "${selector}" is not valid (${(err as Error).message.split("\n")[0]}); the article was found from the page instead`);
    return undefined;
  }
  if (!found) warnings.push(`article selector "${selector}" matched nothing; the article was found from the page instead`);
  return found;
}

/** A date shown in an element whose class or id says it is one. */
function findDateNear($: cheerio.CheerioAPI, page: Page): string | undefined {
  for (const el of $("[class*=date], [class*=time], [id*=date], [class*=ngay]").toArray()) {
    const found = findVietnameseDate(page.text(el));
    if (found) return found.iso;
  }
  return undefined;
}
