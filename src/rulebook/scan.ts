/**
 * Whole-text scans with a rule's regex: `scanAll(regex, text)` gives exactly
 * the matches of `text.matchAll(regex)`, faster. Every document is scanned by
 * some fifty patterns, and V8 is slow with two shapes common among them:
 *
 * - a pattern of alternatives (`(?:phone|e-mail|file name)`) is tried at every
 *   position even when the text lacks a literal an alternative needs ("@"):
 *   such alternatives are dropped for that text before it is scanned;
 * - a pattern that begins with a look-behind (a word start,
 *   `(?<![\p{L}\p{N}])`) is tried at every position, when without it V8 skips
 *   to the characters the rest can begin with: the rest is scanned, and the
 *   look-behind checked in code where it matches.
 *
 * - a pattern (or alternative) that can begin with too many characters for
 *   V8 to skip ahead (a number word, `\p{L}+`) and rarely matches is tried at
 *   every position of every text: it is first gated by a part of it that V8
 *   finds fast ("tháng\s+năm" of "<count>\s+tháng\s+năm"), and dropped
 *   for a text where that part is nowhere.
 *
 * - an alternative that begins with a repeated class (`\p{L}+-\d+`,
 *   `[\p{L}\p{N}_-]+\.(?:jpe?g|pdf)`) is tried at every position of every
 *   run of that class, to its end: it is looked for where a run ends with
 *   what must follow it, the run's start found in code; the other
 *   alternatives are then scanned on their own and their matches merged.
 *
 * All rest on an analysis of the pattern's source (what literals a match
 * needs, what characters it can begin with); a pattern it does not understand
 * is scanned as it is.
 */

type Node =
  | { type: "alt"; branches: Seq[]; start: number; end: number }
  | Seq
  /** One code point of `chars`; null when the class is large (\w, \p{L}, negated...). */
  | { type: "char"; chars: string[] | null; start: number; end: number }
  | { type: "group"; kind: GroupKind; capturing: boolean; body: Alt; start: number; end: number }
  | { type: "repeat"; node: Node; min: number; max: number; start: number; end: number }
  /** ^ $ \b \B */
  | { type: "assert"; start: number; end: number }
  | { type: "backref"; start: number; end: number };
type Seq = { type: "seq"; items: Node[]; start: number; end: number };
type Alt = Extract<Node, { type: "alt" }>;
type GroupKind = "plain" | "lookahead" | "negative-lookahead" | "lookbehind" | "negative-lookbehind";

/** Classes with more characters than this are not enumerated. */
const MAX_CLASS = 16;
/** Sets of literals grow by cross products ("https?" → http, https) up to this size. */
const MAX_EXACT = 64;
/** A requirement of more literals than this costs more to check than it saves. */
const MAX_REQUIRED = 16;
/** A gate begins with an item that can begin with at most this many characters, which V8 skips to. */
const MAX_GATE_START = 4;

class Unsupported extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Alt {
    const alt = this.alt();
    if (this.i !== this.src.length) throw new Unsupported(`unexpected ")" at ${this.i}`);
    return alt;
  }

  private alt(): Alt {
    const start = this.i;
    const branches = [this.seq()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.seq());
    }
    return { type: "alt", branches, start, end: this.i };
  }

  private seq(): Seq {
    const start = this.i;
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantified(this.atom()));
    return { type: "seq", items, start, end: this.i };
  }

  private quantified(node: Node): Node {
    const src = this.src;
    let min: number;
    let max: number;
    const c = src[this.i];
    if (c === "*" || c === "+" || c === "?") {
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.i));
      if (!m) throw new Unsupported(`"{" at ${this.i}`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length;
    } else {
      return node;
    }
    if (src[this.i] === "?") this.i++;
    return { type: "repeat", node, min, max, start: node.start, end: this.i };
  }

  private atom(): Node {
    const src = this.src;
    const start = this.i;
    const c = src[this.i];
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === "^" || c === "$") {
      this.i++;
      return { type: "assert", start, end: this.i };
    }
    if (c === ".") {
      this.i++;
      return { type: "char", chars: null, start, end: this.i };
    }
    if (c === "*" || c === "+" || c === "?" || c === "{" || c === "]" || c === "}") throw new Unsupported(`"${c}" at ${start}`);
    const ch = String.fromCodePoint(src.codePointAt(this.i)!);
    this.i += ch.length;
    return { type: "char", chars: [ch], start, end: this.i };
  }

  private group(): Node {
    const src = this.src;
    const start = this.i;
    let kind: GroupKind = "plain";
    let capturing = false;
    if (src.startsWith("(?:", start)) this.i += 3;
    else if (src.startsWith("(?=", start)) [kind, this.i] = ["lookahead", start + 3];
    else if (src.startsWith("(?!", start)) [kind, this.i] = ["negative-lookahead", start + 3];
    else if (src.startsWith("(?<=", start)) [kind, this.i] = ["lookbehind", start + 4];
    else if (src.startsWith("(?<!", start)) [kind, this.i] = ["negative-lookbehind", start + 4];
    else if (src.startsWith("(?<", start)) {
      const close = src.indexOf(">", start);
      if (close < 0) throw new Unsupported(`group name at ${start}`);
      capturing = true;
      this.i = close + 1;
    } else if (src.startsWith("(?", start)) {
      throw new Unsupported(`group modifier at ${start}`);
    } else {
      capturing = true;
      this.i++;
    }
    const body = this.alt();
    if (src[this.i] !== ")") throw new Unsupported(`unclosed group at ${start}`);
    this.i++;
    return { type: "group", kind, capturing, body, start, end: this.i };
  }

  /** An escape outside a class. */
  private escape(): Node {
    const src = this.src;
    const start = this.i;
    const c = src[this.i + 1];
    if (c === "b" || c === "B") {
      this.i += 2;
      return { type: "assert", start, end: this.i };
    }
    if (c === "k" || (c >= "1" && c <= "9")) {
      const m = /^\\(?:k<[^>]+>|\d+)/.exec(src.slice(start));
      if (!m) throw new Unsupported(`backreference at ${start}`);
      this.i += m[0].length;
      return { type: "backref", start, end: this.i };
    }
    return { type: "char", chars: this.escapedChars(), start, end: this.i };
  }

  /** The characters of an escape (inside or outside a class), null for a large class. */
  private escapedChars(): string[] | null {
    const src = this.src;
    const start = this.i;
    const c = src[start + 1];
    if (c === undefined) throw new Unsupported("trailing backslash");
    this.i += 2;
    if (c === "d") return [..."0123456789"];
    if ("DwWsS".includes(c)) return null;
    if (c === "p" || c === "P") {
      const close = src.indexOf("}", start);
      if (src[start + 2] !== "{" || close < 0) throw new Unsupported(`property escape at ${start}`);
      this.i = close + 1;
      return null;
    }
    const single = (code: number): string[] => [String.fromCodePoint(code)];
    if (c === "u") {
      const braced = /^\\u\{([0-9a-fA-F]+)\}/.exec(src.slice(start));
      if (braced) {
        this.i = start + braced[0].length;
        return single(parseInt(braced[1], 16));
      }
      const pair = /^\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/i.exec(src.slice(start));
      if (pair) {
        this.i = start + pair[0].length;
        return [String.fromCharCode(parseInt(pair[1], 16), parseInt(pair[2], 16))];
      }
      const hex = /^\\u([0-9a-fA-F]{4})/.exec(src.slice(start));
      if (!hex) throw new Unsupported(`\\u at ${start}`);
      this.i = start + hex[0].length;
      return single(parseInt(hex[1], 16));
    }
    if (c === "x") {
      const hex = /^\\x([0-9a-fA-F]{2})/.exec(src.slice(start));
      if (!hex) throw new Unsupported(`\\x at ${start}`);
      this.i = start + hex[0].length;
      return single(parseInt(hex[1], 16));
    }
    if (c === "c") {
      this.i++;
      return single(src.charCodeAt(start + 2) % 32);
    }
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, "0": 0 };
    if (c in controls) return single(controls[c]);
    const ch = String.fromCodePoint(src.codePointAt(start + 1)!);
    this.i = start + 1 + ch.length;
    return [ch];
  }

  private charClass(): Node {
    const src = this.src;
    const start = this.i;
    this.i++;
    const negated = src[this.i] === "^";
    if (negated) this.i++;
    let chars: string[] | null = [];
    while (src[this.i] !== "]") {
      if (this.i >= src.length) throw new Unsupported(`unclosed class at ${start}`);
      const from = this.classAtom();
      if (src[this.i] === "-" && src[this.i + 1] !== "]") {
        this.i++;
        const to = this.classAtom();
        if (from === null || to === null || from.length !== 1 || to.length !== 1) throw new Unsupported(`class range at ${start}`);
        const [a, b] = [from[0].codePointAt(0)!, to[0].codePointAt(0)!];
        if (chars !== null && b - a < MAX_CLASS) for (let code = a; code <= b; code++) chars.push(String.fromCodePoint(code));
        else chars = null;
      } else if (from === null) {
        chars = null;
      } else if (chars !== null) {
        chars.push(...from);
      }
    }
    this.i++;
    const unique = chars && [...new Set(chars)];
    return { type: "char", chars: negated || !unique || unique.length > MAX_CLASS ? null : unique, start, end: this.i };
  }

  private classAtom(): string[] | null {
    const src = this.src;
    if (src[this.i] !== "\\") {
      const ch = String.fromCodePoint(src.codePointAt(this.i)!);
      this.i += ch.length;
      return [ch];
    }
    if (src[this.i + 1] === "b") {
      this.i += 2;
      return ["\b"];
    }
    if (src[this.i + 1] === "-") {
      this.i += 2;
      return ["-"];
    }
    return this.escapedChars();
  }
}

/** Literals of which a match needs one (in the text, if not in the match itself); null: none known. */
type Required = Set<string> | null;

interface Info {
  /** Every string the node can match, when there are few; null otherwise. */
  exact: Set<string> | null;
  required: Required;
}

const EMPTY: Info = { exact: new Set([""]), required: null };
const UNKNOWN: Info = { exact: null, required: null };

function cross(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** A set of literals any one of which will do, without those that contain another (they add nothing). */
function anyOf(literals: Iterable<string>): Required {
  const list = [...new Set(literals)].sort((a, b) => a.length - b.length);
  if (list.length === 0 || list[0] === "") return null;
  const kept: string[] = [];
  for (const s of list) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return new Set(kept);
}

function requiredOf(info: Info): Required {
  return info.exact ? anyOf(info.exact) : info.required;
}

function checkable(required: Required): Required {
  return required && required.size <= MAX_REQUIRED ? required : null;
}

/** The more selective of two requirements: longer literals first, then fewer. */
function better(a: Required, b: Required): Required {
  if (!a) return b;
  if (!b) return a;
  const shortest = (r: Set<string>) => Math.min(...[...r].map((s) => s.length));
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.size < a.size) ? b : a;
}

function analyse(node: Node): Info {
  switch (node.type) {
    case "char":
      return node.chars ? { exact: new Set(node.chars), required: null } : UNKNOWN;
    case "assert":
      return EMPTY;
    case "backref":
      return UNKNOWN;
    case "group": {
      const inner = analyse(node.body);
      if (node.kind === "plain") return inner;
      // A look-around consumes nothing; what a positive one needs is still in the text.
      return { exact: EMPTY.exact, required: node.kind === "lookahead" || node.kind === "lookbehind" ? requiredOf(inner) : null };
    }
    case "repeat":
      return analyseSequence(parts(node));
    case "seq":
      return analyseSequence(node.items.flatMap(parts));
    case "alt": {
      const infos = node.branches.map(analyse);
      const exact = infos.every((i) => i.exact) ? new Set(infos.flatMap((i) => [...i.exact!])) : null;
      if (exact && exact.size <= MAX_EXACT) return { exact, required: null };
      const required = infos.map(requiredOf);
      return { exact: null, required: required.every((r) => r) ? anyOf(required.flatMap((r) => [...r!])) : null };
    }
  }
}

/** A repeat as its copies, so that the first can join what stands before it ("-\\d+" needs "-0"... "-9"). */
function parts(node: Node): Info[] {
  if (node.type !== "repeat") return [analyse(node)];
  const inner = analyse(node.node);
  if (node.min === 0) return [node.max === 1 && inner.exact ? { exact: new Set([...inner.exact, ""]), required: null } : UNKNOWN];
  const copies: Info[] = Array.from({ length: Math.min(node.min, 4) }, () => inner);
  if (node.max > copies.length) copies.push(UNKNOWN);
  return copies;
}

/** Adjacent exact parts join into longer literals; the best of the parts' requirements is the sequence's. */
function analyseSequence(parts: Info[]): Info {
  let run: Set<string> = new Set([""]);
  let broken = false;
  let required: Required = null;
  for (const part of parts) {
    if (part.exact && run.size * part.exact.size <= MAX_EXACT) {
      run = cross(run, part.exact);
    } else {
      required = better(required, anyOf(run));
      run = part.exact ?? new Set([""]);
      broken = true;
    }
    required = better(required, part.required);
  }
  if (!broken) return { exact: run, required };
  return { exact: null, required: better(required, anyOf(run)) };
}

/** The characters a match can begin with (null: too many to say), and whether it can be empty. */
function firstChars(node: Node): { chars: Set<string> | null; nullable: boolean } {
  switch (node.type) {
    case "char":
      return { chars: node.chars && new Set(node.chars), nullable: false };
    case "assert":
      return { chars: new Set(), nullable: true };
    case "backref":
      return { chars: null, nullable: true };
    case "group":
      return node.kind === "plain" ? firstChars(node.body) : { chars: new Set(), nullable: true };
    case "repeat": {
      const inner = firstChars(node.node);
      return { chars: inner.chars, nullable: inner.nullable || node.min === 0 };
    }
    case "alt": {
      const all = node.branches.map(firstChars);
      const chars = all.every((f) => f.chars) ? new Set(all.flatMap((f) => [...f.chars!])) : null;
      return { chars, nullable: all.some((f) => f.nullable) };
    }
    case "seq": {
      const chars = new Set<string>();
      for (const item of node.items) {
        const f = firstChars(item);
        if (!f.chars) return { chars: null, nullable: false };
        for (const c of f.chars) chars.add(c);
        if (!f.nullable) return { chars, nullable: false };
      }
      return { chars, nullable: true };
    }
  }
}

/** Whether the node, or any node inside it, passes the test. */
function anyNode(node: Node | Seq, test: (n: Node | Seq) => boolean): boolean {
  if (test(node)) return true;
  switch (node.type) {
    case "group":
      return anyNode(node.body, test);
    case "repeat":
      return anyNode(node.node, test);
    case "seq":
      return node.items.some((n) => anyNode(n, test));
    case "alt":
      return node.branches.some((n) => anyNode(n, test));
    default:
      return false;
  }
}

function hasCaptures(node: Node | Seq): boolean {
  return anyNode(node, (n) => n.type === "backref" || (n.type === "group" && n.capturing));
}

const isLookbehind = (n: Node) => n.type === "group" && (n.kind === "lookbehind" || n.kind === "negative-lookbehind");
const isZeroWidth = (n: Node) => n.type === "assert" || (n.type === "group" && n.kind !== "plain");

/** The first match of a compiled set of alternatives at or after an index, as a global exec from there finds it. */
interface Finder {
  next(text: string, from: number): RegExpExecArray | null;
}

/** A branch as a repeated class and what follows it, when nothing that follows can begin with that class. */
interface ClassRun {
  /** The class (one code point of it, sticky). */
  member: RegExp;
  /** One code point of the class and what follows: global; matches where a run of the class ends. */
  end: RegExp;
}

interface Branch {
  source: string;
  required: Required;
  /** Non-global; matches somewhere in every text where the branch does. */
  gate: RegExp | null;
  captures: boolean;
  run: ClassRun | null;
}

/** A pattern as `prefix(?:branch|branch...)`, or as its top-level alternatives (prefix ""), each with what it needs. */
interface Split {
  prefix: string;
  branches: Branch[];
}

/**
 * The parse of a pattern, if it is one the analysis is written for: Unicode
 * mode (whose syntax the parser follows), case-sensitive, not sticky.
 */
function parsed(source: string, flags: string): Alt | null {
  if (!flags.includes("u") || /[ivy]/.test(flags)) return null;
  try {
    return new Parser(source).parse();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

function hasBackref(node: Node | Seq): boolean {
  return anyNode(node, (n) => n.type === "backref");
}

/** Items of a sequence with its groups of one alternative opened: each of their items matches once, in turn, as the group does. */
function flattened(items: Node[]): Node[] {
  return items.flatMap((n) => (n.type === "group" && n.kind === "plain" && n.body.branches.length === 1 ? flattened(n.body.branches[0].items) : [n]));
}

/** Whether V8 can skip to where the items can match: they begin with one of a few known characters, look-behinds aside (see compileVariant). */
function startsKnown(items: Node[]): boolean {
  const rest = items.slice(Math.max(0, items.findIndex((n) => !isLookbehind(n))));
  const first = firstChars({ type: "seq", items: rest, start: 0, end: 0 });
  return first.chars !== null && !first.nullable && first.chars.size <= MAX_CLASS;
}

/**
 * For a branch V8 must try at every position, a pattern that matches
 * somewhere in every text where the branch does, and that V8 finds fast: the
 * branch's items from the first that can begin with only a few characters
 * (after one copy of a repeated class just before it: "\p{L}+-\d+" needs
 * "\p{L}-\d+") up to the first back-reference. Any match of the branch holds
 * a match of these items (what they look around at is in the text too).
 */
function gateOf(branch: Seq, source: string, flags: string): RegExp | null {
  const all = flattened(branch.items);
  if (startsKnown(all)) return null;
  const backref = all.findIndex(hasBackref);
  const items = backref < 0 ? all : all.slice(0, backref);
  for (let i = 0; i < items.length; i++) {
    if (isZeroWidth(items[i])) continue;
    const first = firstChars(items[i]);
    if (!first.chars || first.nullable || first.chars.size > MAX_GATE_START) continue;
    const before = items[i - 1];
    const copy = before?.type === "repeat" && before.min >= 1 && before.node.type === "char" ? source.slice(before.node.start, before.node.end) : "";
    const rest = items.slice(i).map((n) => source.slice(n.start, n.end));
    return new RegExp(copy + rest.join(""), flags.replace(/[gdy]/g, ""));
  }
  return null;
}

/**
 * A branch `C+X`, after look-behinds, where X cannot be empty and cannot
 * begin with a character of C: C+ then runs to the end of a run of C, where X
 * must match. null for any other branch.
 */
function classRun(branch: Seq, source: string, flags: string): ClassRun | null {
  let items = branch.items.slice(Math.max(0, branch.items.findIndex((n) => !isLookbehind(n))));
  const only = items.length === 1 ? items[0] : null;
  if (only?.type === "group" && only.kind === "plain" && !only.capturing && only.body.branches.length === 1) items = only.body.branches[0].items;
  const [head, ...rest] = items;
  if (head?.type !== "repeat" || head.node.type !== "char" || head.min !== 1 || head.max !== Infinity || rest.length === 0) return null;
  if (rest.some(hasBackref)) return null;
  const first = firstChars({ type: "seq", items: rest, start: 0, end: 0 });
  if (!first.chars || first.nullable) return null;
  const plain = flags.replace(/[gdy]/g, "");
  const cls = source.slice(head.node.start, head.node.end);
  const member = new RegExp(cls, plain + "y");
  for (const c of first.chars) {
    member.lastIndex = 0;
    if (member.test(c)) return null;
  }
  return { member, end: new RegExp(cls + source.slice(rest[0].start, rest[rest.length - 1].end), plain + "g") };
}

function split(regex: RegExp): Split | null {
  const tree = parsed(regex.source, regex.flags);
  if (!tree) return null;
  const only = tree.branches.length === 1 ? tree.branches[0] : null;
  const last = only?.items.at(-1);
  const grouped = only && last?.type === "group" && last.kind === "plain" && last.body.branches.length > 1 && only.items.slice(0, -1).every(isZeroWidth);
  const alternatives = grouped ? (last as Extract<Node, { type: "group" }>).body.branches : tree.branches;
  // Dropping one of several branches with groups would renumber the groups after it.
  const droppable = (b: Seq) => alternatives.length === 1 || !hasCaptures(b);
  return {
    prefix: grouped ? regex.source.slice(0, last!.start) : "",
    branches: alternatives.map((b) => ({
      source: regex.source.slice(b.start, b.end),
      required: droppable(b) ? checkable(requiredOf(analyse(b))) : null,
      gate: droppable(b) ? gateOf(b, regex.source, regex.flags) : null,
      captures: hasCaptures(b),
      run: classRun(b, regex.source, regex.flags),
    })),
  };
}

/** The index after the code point (unicode) or code unit at `index`, as matchAll steps past an empty match. */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? index + 2 : index + 1;
}

/** The index of the code point (unicode) or code unit before `index`. */
function retreat(text: string, index: number, unicode: boolean): number {
  if (!unicode || index < 2) return index - 1;
  const code = text.charCodeAt(index - 1);
  return (code & 0xfc00) === 0xdc00 && (text.charCodeAt(index - 2) & 0xfc00) === 0xd800 ? index - 2 : index - 1;
}

/** A regex, and the look-behinds it begins with checked where it matches (see compileVariant). */
class RegexFinder implements Finder {
  constructor(
    private readonly regex: RegExp,
    /** Sticky; checked at the start of every match of `regex`. */
    private readonly guard: RegExp | null,
    private readonly unicode: boolean,
  ) {}

  next(text: string, from: number): RegExpExecArray | null {
    const { regex, guard } = this;
    regex.lastIndex = from;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (!guard) return m;
      guard.lastIndex = m.index;
      if (guard.test(text)) return m;
      regex.lastIndex = advance(text, m.index, this.unicode);
    }
    return null;
  }
}

/**
 * A branch `C+X` (ClassRun): it can match only from inside a run of C that X
 * follows, and there first where the run (from `from` on) meets what stands
 * before the branch. Those runs are found by where they end.
 */
class ClassRunFinder implements Finder {
  constructor(
    private readonly run: ClassRun,
    /** The whole branch, look-behinds before it included; sticky. */
    private readonly branch: RegExp,
    private readonly unicode: boolean,
  ) {}

  next(text: string, from: number): RegExpExecArray | null {
    const { member, end } = this.run;
    end.lastIndex = from;
    for (let m = end.exec(text); m; m = end.exec(text)) {
      const last = m.index;
      let start = last;
      while (start > from) {
        const before = retreat(text, start, this.unicode);
        member.lastIndex = before;
        if (!member.test(text)) break;
        start = before;
      }
      for (let at = start; at <= last; at = advance(text, at, this.unicode)) {
        this.branch.lastIndex = at;
        const found = this.branch.exec(text);
        if (found) return found;
      }
      end.lastIndex = advance(text, last, this.unicode);
    }
    return null;
  }
}

/**
 * Alternatives without groups, each found on its own: the earliest match
 * wins, and of two at one index the earlier alternative, as in one regex.
 */
class MergedFinder implements Finder {
  /** Each alternative's next match in the text being scanned (null: none left; undefined: not looked for yet). */
  private ahead: Array<RegExpExecArray | null | undefined> = [];
  private text = "";
  private from = -1;

  constructor(private readonly finders: Finder[]) {}

  next(text: string, from: number): RegExpExecArray | null {
    // A scan asks from ever later indices; anything else is a new scan.
    if (text !== this.text || from <= this.from) this.ahead = this.finders.map(() => undefined);
    this.text = text;
    this.from = from;
    let best: RegExpExecArray | null = null;
    this.finders.forEach((finder, i) => {
      let m = this.ahead[i];
      if (m === undefined || (m !== null && m.index < from)) this.ahead[i] = m = finder.next(text, from);
      if (m && (!best || m.index < best.index)) best = m;
    });
    return best;
  }
}

class Scanner {
  private readonly prefix: string = "";
  /** Alternatives that may be dropped for a text; one (never dropped) when none can be. */
  private readonly branches: Branch[];
  private readonly variants = new Map<string, Finder | null>();
  private readonly unicode: boolean;

  constructor(private readonly regex: RegExp) {
    if (!regex.global) throw new TypeError("scanAll needs a global regex, as matchAll does");
    this.unicode = /[uv]/.test(regex.flags);
    const parts = split(regex);
    // Checking for literals costs more than it saves unless it can drop part of a pattern; a gate can drop a whole one.
    const useful = (b: Branch) => b.gate !== null || b.run !== null || (parts!.branches.length > 1 && b.required !== null);
    if (parts && parts.branches.some(useful)) {
      this.prefix = parts.prefix;
      this.branches = parts.branches;
    } else {
      this.branches = [{ source: regex.source, required: null, gate: null, captures: true, run: null }];
    }
  }

  matches(text: string): RegExpExecArray[] {
    const finder = this.variantFor(text);
    const found: RegExpExecArray[] = [];
    if (!finder) return found;
    for (let m = finder.next(text, 0); m; ) {
      found.push(m);
      const end = m.index + m[0].length;
      m = finder.next(text, m[0] === "" ? advance(text, end, this.unicode) : end);
    }
    return found;
  }

  private variantFor(text: string): Finder | null {
    const kept = this.branches.map((b) => (b.required === null || [...b.required].some((literal) => text.includes(literal))) && (b.gate === null || b.gate.test(text)));
    const key = kept.map((k) => (k ? "1" : "0")).join("");
    let variant = this.variants.get(key);
    if (variant === undefined) {
      variant = this.compile(this.branches.filter((_, i) => kept[i]));
      this.variants.set(key, variant);
    }
    return variant;
  }

  private compile(branches: Branch[]): Finder | null {
    if (branches.length === 0) return null;
    const { flags } = this.regex;
    const alone = (b: Branch) => (this.prefix ? `${this.prefix}(?:${b.source})` : b.source);
    const own = (b: Branch): Finder => (b.run ? new ClassRunFinder(b.run, new RegExp(alone(b), flags + "y"), this.unicode) : this.finderOf(alone(b)));
    if (branches.length === 1 && branches[0].run) return own(branches[0]);
    // Found apart, alternatives with groups would number them otherwise than in one regex.
    if (branches.some((b) => b.run) && !branches.some((b) => b.captures)) return new MergedFinder(branches.map(own));
    const all = branches.length === this.branches.length;
    const sources = branches.map((b) => b.source).join("|");
    return this.finderOf(all ? this.regex.source : this.prefix ? `${this.prefix}(?:${sources})` : sources);
  }

  private finderOf(source: string): Finder {
    const { regex, guard } = compileVariant(source, this.regex.flags);
    return new RegexFinder(regex, guard, this.unicode);
  }
}

/**
 * The pattern as a regex, or, when it begins with look-behinds (without
 * groups) and the rest can only begin with one of a known set of characters,
 * the rest as a regex and the look-behinds as a sticky guard.
 */
function compileVariant(source: string, flags: string): { regex: RegExp; guard: RegExp | null } {
  const tree = parsed(source, flags);
  const only = tree?.branches.length === 1 ? tree.branches[0] : null;
  const leading = only ? only.items.findIndex((n) => !isLookbehind(n)) : -1;
  if (only && leading > 0 && !only.items.slice(0, leading).some(hasCaptures)) {
    const rest: Seq = { type: "seq", items: only.items.slice(leading), start: only.items[leading].start, end: only.end };
    const first = firstChars(rest);
    if (first.chars && !first.nullable) {
      return {
        regex: new RegExp(source.slice(rest.start), flags),
        guard: new RegExp(source.slice(0, rest.start), flags.replace(/[gdy]/g, "") + "y"),
      };
    }
  }
  return { regex: new RegExp(source, flags), guard: null };
}

const scanners = new WeakMap<RegExp, Scanner>();

/** Every match of a global regex in the text, as `[...text.matchAll(regex)]` gives them from its start (whatever `lastIndex`). */
export function scanAll(regex: RegExp, text: string): RegExpExecArray[] {
  let scanner = scanners.get(regex);
  if (!scanner) scanners.set(regex, (scanner = new Scanner(regex)));
  return scanner.matches(text);
}

/**
 * A look-around that attempts of the regex begin with and that reads over any number of letters
 * (`(?<=gia\s+đình[^;]*)`, `(?=[^;]*?của)`), as its source; null when there is none. A pattern
 * that begins with a look-around gives V8 no character to skip to, so it is tried at every
 * position of a text, and such a look-around reads on from each: quadratic in the text's length.
 */
export function leadingLetterScan(regex: RegExp): string | null {
  const tree = parsed(regex.source, regex.flags);
  if (!tree) return null;
  const readsLetters = (node: Node): boolean => {
    if (node.type !== "char") return false;
    if (node.chars) return node.chars.some((c) => /\p{L}/u.test(c));
    const cls = new RegExp(regex.source.slice(node.start, node.end), "u");
    return cls.test("a") || cls.test("đ");
  };
  const scans = (node: Node | Seq) => anyNode(node, (n) => n.type === "repeat" && n.max === Infinity && readsLetters(n.node));
  /** The first such look-around among the items an attempt begins with; `open` says whether items after them may lead too. */
  const leading = (items: Node[]): { found: string | null; open: boolean } => {
    for (const item of items) {
      if (item.type === "group" && item.kind !== "plain") {
        if (scans(item.body)) return { found: regex.source.slice(item.start, item.end), open: false };
        continue;
      }
      const inner = item.type === "group" ? item.body : item.type === "repeat" && item.min === 0 && item.node.type === "group" ? item.node.body : null;
      if (!inner) return { found: null, open: false };
      const branches = inner.branches.map((b) => leading(b.items));
      const found = branches.find((b) => b.found)?.found ?? null;
      if (found) return { found, open: false };
      if (item.type === "group" && branches.some((b) => !b.open)) return { found: null, open: false };
    }
    return { found: null, open: true };
  };
  for (const branch of tree.branches) {
    const { found } = leading(branch.items);
    if (found) return found;
  }
  return null;
}

/**
 * Literals of which every text the regex matches in holds one; null when none are known, or too many to be
 * worth looking for.
 */
export function requiredLiterals(regex: RegExp): string[] | null {
  const tree = parsed(regex.source, regex.flags);
  const required = tree && checkable(requiredOf(analyse(tree)));
  return required && [...required];
}

/**
 * The alternatives of a pattern, the literals each needs and the source of its
 * gate (null: none known, or it may not be dropped), and whether it is found
 * by where its run of a class ends.
 */
export function scanBranches(regex: RegExp): Array<{ source: string; required: string[] | null; gate: string | null; classRun: boolean }> {
  const parts = split(regex);
  return (parts?.branches ?? [{ source: regex.source, required: null, gate: null, run: null }]).map((b) => ({
    source: b.source,
    required: b.required && [...b.required],
    gate: b.gate?.source ?? null,
    classRun: b.run !== null,
  }));
}
