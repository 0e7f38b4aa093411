// The edit recorder: transforms record replacements against the text their
// pass was given; the pipeline checks them for overlap and applies them with
// magic-string. Overlap is a bug in a transform, reported, never applied.
import MagicString from 'magic-string';
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

type Range = { start: number; end: number };
type Target = SyntaxNode | Range;

function rangeOf(t: Target): Range {
  return 'startIndex' in t ? { start: t.startIndex, end: t.endIndex } : t;
}

export class EditRecorder {
  readonly edits: Edit[] = [];
  /** Edits refused because they touch a syntax-error region. */
  dropped = 0;
  /** Their ranges: the pipeline drops the other edits of the same statement or item with them. */
  readonly refused: Range[] = [];
  private seq = 0;

  constructor(
    readonly textLength: number,
    private readonly by: string,
    /** Ranges that must not be edited (ERROR/MISSING nodes), sorted. */
    private readonly forbidden: readonly Range[] = [],
  ) {}

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

  get size(): number {
    return this.edits.length;
  }

  private add(start: number, end: number, text: string): void {
    if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end < start || end > this.textLength) {
      throw new RangeError(`edit range ${start}..${end} outside the text (length ${this.textLength}) from ${this.by}`);
    }
    if (this.touchesForbidden(start, end)) {
      this.dropped++;
      this.refused.push({ start, end });
      return;
    }
    this.edits.push({ start, end, text, by: this.by, seq: this.seq++ });
  }

  private touchesForbidden(start: number, end: number): boolean {
    for (const f of this.forbidden) {
      if (f.start > end) break;
      // An insertion exactly at an error's edge is still next to broken code: refuse it too.
      if (start <= f.end && end >= f.start) return true;
    }
    return false;
  }
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
