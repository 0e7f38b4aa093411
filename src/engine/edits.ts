// The edit recorder: transforms record replacements against the text their
// pass was given; the pipeline checks them for overlap and applies them with
// magic-string. Overlap is a bug in a transform, reported, never applied.
// A rewrite made of several edits records them as a group (`group`), which
// lands whole or not at all; code that moves (a loop body that becomes a
// method) is rewritten on the way with `EditGroup.render`.
import MagicString from 'magic-string';
import { query } from './queries.ts';
import type { SyntaxNode } from './types.ts';

export interface Edit {
  start: number;
  end: number;
  text: string;
  /** Transform id, for overlap reports. */
  by: string;
  /** Recording order, so insertions at one point keep their order. */
  seq: number;
}

export class OverlapError extends Error {
  constructor(
    readonly a: Edit,
    readonly b: Edit,
  ) {
    super(`overlapping edits from ${a.by} at ${a.start}..${a.end} and ${b.by} at ${b.start}..${b.end}`);
  }
}

export type Range = { start: number; end: number };
type Target = SyntaxNode | Range;

function rangeOf(t: Target): Range {
  return 'startIndex' in t ? { start: t.startIndex, end: t.endIndex } : t;
}

/** Where edits can be recorded: the recorder itself, or one of its groups. */
abstract class EditSink {
  replace(target: Target, text: string): void {
    const { start, end } = rangeOf(target);
    this.add(start, end, text);
  }

  insert(at: number, text: string): void {
    this.add(at, at, text);
  }

  insertBefore(node: SyntaxNode, text: string): void {
    this.add(node.startIndex, node.startIndex, text);
  }

  insertAfter(node: SyntaxNode, text: string): void {
    this.add(node.endIndex, node.endIndex, text);
  }

  remove(target: Target): void {
    const { start, end } = rangeOf(target);
    this.add(start, end, '');
  }

  protected abstract add(start: number, end: number, text: string): void;
}

export class EditRecorder extends EditSink {
  readonly edits: Edit[] = [];
  /** Edits refused because they touch a syntax-error region (a group counts all of its edits). */
  dropped = 0;
  /** Their ranges: a file with a refused edit is refused whole (src/engine/pipeline.ts). */
  readonly refused: Range[] = [];
  private seq = 0;

  constructor(
    /** The text this pass was given: the edits' offsets are into it. */
    readonly text: string,
    private readonly by: string,
    /** Ranges that must not be edited (ERROR/MISSING nodes), sorted. */
    private readonly forbidden: readonly Range[] = [],
  ) {
    super();
  }

  get size(): number {
    return this.edits.length;
  }

  /**
   * Record the edits `build` makes on its group as one change that lands whole
   * or not at all: when any of them (or of those `render` moved into a text)
   * touches a syntax error, none is kept, and when `build` throws, none is
   * recorded. The group's edits are overlap-checked with all the others when
   * the pass ends, like single edits (an overlap abandons the file, K0001).
   * Returns whether the group landed.
   */
  group(build: (g: EditGroup) => void): boolean {
    const g = new EditGroup(this.text, (start, end) => this.checkRange(start, end));
    build(g);
    const touched = g.touched(this.forbidden);
    if (touched.length) {
      this.dropped += g.size;
      this.refused.push(...touched);
      return false;
    }
    for (const e of g.pending) this.edits.push({ ...e, by: this.by, seq: this.seq++ });
    return true;
  }

  protected add(start: number, end: number, text: string): void {
    this.checkRange(start, end);
    if (touchesForbidden(this.forbidden, start, end)) {
      this.dropped++;
      this.refused.push({ start, end });
      return;
    }
    this.edits.push({ start, end, text, by: this.by, seq: this.seq++ });
  }

  private checkRange(start: number, end: number): void {
    if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end < start || end > this.text.length) {
      throw new RangeError(`edit range ${start}..${end} outside the text (length ${this.text.length}) from ${this.by}`);
    }
  }
}

/** A replacement of [start, end) (an insertion when they are equal), before it is recorded. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The edits of one rewrite: recorded together (EditRecorder.group), or rendered into a text that moves. */
export class EditGroup extends EditSink {
  /** Edits still to be recorded, in recording order. */
  readonly pending: TextEdit[] = [];
  /** Edits `render` moved into a text: they land with the group (a syntax error in one refuses it). */
  private readonly moved: TextEdit[] = [];

  constructor(
    readonly text: string,
    private readonly check: (start: number, end: number) => void = () => {},
  ) {
    super();
  }

  get size(): number {
    return this.pending.length + this.moved.length;
  }

  /**
   * The text of `range` with the group's edits inside it applied and its lines
   * re-indented (`opts.indent`); those edits leave the group (their change is
   * in the returned text, which the caller records somewhere). Edits that
   * straddle the range's edges stay, and will overlap whatever replaces it.
   */
  render(range: Range, opts: RenderOptions = {}): string {
    this.check(range.start, range.end);
    const inside: TextEdit[] = [];
    const rest: TextEdit[] = [];
    for (const e of this.pending) (e.start >= range.start && e.end <= range.end ? inside : rest).push(e);
    this.pending.splice(0, this.pending.length, ...rest);
    this.moved.push(...inside);
    return renderRange(this.text, range, inside, opts);
  }

  /** The ranges of this group's edits that touch one of `forbidden` (sorted). */
  touched(forbidden: readonly Range[]): Range[] {
    return [...this.moved, ...this.pending].filter((e) => touchesForbidden(forbidden, e.start, e.end)).map((e) => ({ start: e.start, end: e.end }));
  }

  protected add(start: number, end: number, text: string): void {
    this.check(start, end);
    this.pending.push({ start, end, text });
  }
}

function touchesForbidden(forbidden: readonly Range[], start: number, end: number): boolean {
  for (const f of forbidden) {
    if (f.start > end) break;
    // An insertion exactly at an error's edge is still next to broken code: refuse it too.
    if (start <= f.end && end >= f.start) return true;
  }
  return false;
}

/** How `renderRange` re-indents the lines of the range after its first. */
export interface RenderOptions {
  /**
   * `{ add }`: put `add` before each line's indentation (one level deeper).
   * `{ to }`: the first line after the range's first line break gets the
   * indentation `to`, the others keep theirs relative to it (a line indented
   * less than that first line gets `to` exactly). Default: keep indentation.
   */
  indent?: { add: string } | { to: string };
  /**
   * Multi-line string literals and block comments under this node (or these
   * ranges): the lines inside them keep their text, indentation included.
   */
  keep?: SyntaxNode | readonly Range[];
}

/**
 * The text of [range.start, range.end) with `edits` (all inside it, none
 * overlapping: OverlapError otherwise) applied, each line re-indented as
 * `opts.indent` says. Line breaks inside an edit's text get the same
 * re-indentation as the source lines (edits are written at the indentation of
 * the code they replace). A line is left as it is when it is blank, inside a
 * kept literal or comment, inside an edit's replaced range, or when a
 * replacement starts at its first column and takes its indentation (or the
 * whole line, when it is a removal).
 */
export function renderRange(text: string, range: Range, edits: readonly TextEdit[], opts: RenderOptions = {}): string {
  const { start: from, end: to } = range;
  const keep = opts.keep === undefined ? [] : 'startIndex' in opts.keep ? multilineLiterals(opts.keep, range) : opts.keep;
  const reindent = indenter(text, from, to, opts.indent);
  const lineEdits: TextEdit[] = [];
  if (reindent) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      const ls = i + 1;
      if (ls >= to) break;
      const eol = text.indexOf('\n', ls);
      if (text.slice(ls, eol === -1 ? to : Math.min(eol, to)).trim() === '') continue;
      if (keep.some((r) => ls > r.start && ls < r.end)) continue;
      const cur = /^[ \t]*/.exec(text.slice(ls, to))![0];
      if (edits.some((e) => (ls > e.start && ls < e.end) || (ls === e.start && e.end > e.start && (cur !== '' || e.text === '')))) continue;
      lineEdits.push({ start: ls, end: ls + cur.length, text: reindent(cur) });
    }
  }
  // Re-indentation first at a shared point: a line's indentation comes before what is inserted at its start.
  const all: Edit[] = [
    ...lineEdits.map((e, i) => ({ ...e, start: e.start - from, end: e.end - from, by: 'indent', seq: i })),
    ...edits.map((e, i) => ({ start: e.start - from, end: e.end - from, text: reindent ? reindentText(e.text, reindent) : e.text, by: 'render', seq: lineEdits.length + i })),
  ];
  return applyEdits(text.slice(from, to), sortAndCheck(all));
}

/** The new indentation for a line's current one, or undefined when lines keep theirs. */
function indenter(text: string, from: number, to: number, how: RenderOptions['indent']): ((cur: string) => string) | undefined {
  if (!how) return undefined;
  if ('add' in how) return (cur) => how.add + cur;
  // The first line with text after the range's first line break sets the old indentation.
  let old = '';
  for (let i = text.indexOf('\n', from); i !== -1 && i + 1 < to; i = text.indexOf('\n', i + 1)) {
    const eol = text.indexOf('\n', i + 1);
    if (text.slice(i + 1, eol === -1 ? to : Math.min(eol, to)).trim() === '') continue;
    old = /^[ \t]*/.exec(text.slice(i + 1))![0];
    break;
  }
  return (cur) => (cur.startsWith(old) ? how.to + cur.slice(old.length) : how.to);
}

function reindentText(s: string, reindent: (cur: string) => string): string {
  return s.includes('\n') ? s.replace(/\n([ \t]*)/g, (_, cur: string) => `\n${reindent(cur)}`) : s;
}

/** Asked of the node whose text is kept (a function's body), never of a whole file: a walk of that node alone. */
const LITERALS = query('(string_literal) @s (raw_string_literal) @s (block_comment) @s');

/** Multi-line string literals and block comments under `root` that overlap `range`. */
function multilineLiterals(root: SyntaxNode, range: Range): Range[] {
  return LITERALS.captures(root)
    .map((c) => c.node)
    .filter((n) => n.text.includes('\n') && n.endIndex > range.start && n.startIndex < range.end)
    .map((n) => ({ start: n.startIndex, end: n.endIndex }));
}

/** Edits in application order; throws OverlapError when two of them conflict. */
export function sortAndCheck(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end || x.seq - y.seq);
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1];
    const c = sorted[i];
    if (p.start === c.start && p.end === c.end && p.start === p.end) continue; // two insertions at one point
    // c starts inside p's replaced range, or both replace the same range.
    if (c.start < p.end || (c.start === p.start && p.end > p.start && c.end > c.start)) throw new OverlapError(p, c);
    if (c.start === p.start && p.start === p.end && c.end > c.start) continue; // insertion then replacement
  }
  // An insertion strictly inside some earlier replacement.
  let maxEnd = -1;
  let owner: Edit | undefined;
  for (const e of sorted) {
    if (owner && e.start < maxEnd && e.start > owner.start) throw new OverlapError(owner, e);
    if (e.end > maxEnd) {
      maxEnd = e.end;
      owner = e;
    }
  }
  return sorted;
}

/** Apply checked edits to `text` with magic-string. */
export function applyEdits(text: string, sorted: readonly Edit[]): string {
  if (sorted.length === 0) return text;
  const s = new MagicString(text);
  // Replacements first so that later insertions at their edges are kept.
  for (const e of sorted) {
    if (e.end > e.start) {
      if (e.text === '') s.remove(e.start, e.end);
      else s.overwrite(e.start, e.end, e.text);
    }
  }
  for (const e of sorted) if (e.end === e.start && e.text !== '') s.appendLeft(e.start, e.text);
  return s.toString();
}
