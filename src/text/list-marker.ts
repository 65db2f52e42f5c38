/**
 * The marker a list item is written with ("- ", "•", "1.", "2.1.", "(2)", "a)"), followed by white space: what the
 * HTML reader writes before an item that has none, and what tells the extractor that a paragraph is an item.
 */
export const LIST_ITEM_MARKER = /(?:[-+•*–]|\(?\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s/u;

/** An item written with a bullet ("- ", "+ ", "• "), not a number or a letter. */
export const BULLET_ITEM = /^\s*[-+•*–]\s/u;

/** The first item of a list: a bullet, or "1.", "(1)", "a)" ("3. Các chỉ tiêu chủ yếu ..." over "1. Hằng năm, ..."). */
export const FIRST_LIST_ITEM = /^\s*(?:[-+•*–]|\(?(?:0?1|a)[.)])\s/u;
