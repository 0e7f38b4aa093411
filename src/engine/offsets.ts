// Maps an offset in the text a later pass saw back to the text kport read,
// so every diagnostic points at the file as the person has it; and gives the
// regions of the original text that any pass changed (the patcher's hunks
// come from them). Each pass's edits are sorted and do not overlap, so both
// directions are binary searches: linear-time work per file, not quadratic.
import type { Edit } from './edits.ts';

/** One pass's sorted edits with the running shift of the text after each. */
interface Pass {
  edits: Edit[];
  /** newStart[k]: where edit k's text starts in the text after the pass. */
  newStart: Int32Array;
  /** shift[k]: (text after the pass) − (text before) up to and including edit k. */
  shift: Int32Array;
}

function indexPass(edits: Edit[]): Pass {
  const newStart = new Int32Array(edits.length);
  const shift = new Int32Array(edits.length);
  let delta = 0;
  edits.forEach((e, k) => {
    newStart[k] = e.start + delta;
    delta += e.text.length - (e.end - e.start);
    shift[k] = delta;
  });
  return { edits, newStart, shift };
}

/** The last k with key(k) <= x, or -1. */
function lastAtMost(n: number, key: (k: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** An offset in the text after `p` → the text before it. Inside an edit's new text: that edit's start. */
function back(p: Pass, offset: number): number {
  const k = lastAtMost(p.edits.length, (i) => p.newStart[i], offset);
  if (k < 0) return offset;
  // Edits are sorted and disjoint, so only the last one starting at or before the offset can hold it.
  if (offset < p.newStart[k] + p.edits[k].text.length) return p.edits[k].start;
  return offset - p.shift[k];
}

/** A position of the text before `p` that no edit of `p` covers → the text after it, before any insertion there. */
function forward(p: Pass, offset: number): number {
  // Edits that end at or before the offset, except insertions exactly at it, have shifted it.
  const k = lastAtMost(p.edits.length, (i) => (p.edits[i].start === p.edits[i].end && p.edits[i].end === offset ? offset + 1 : p.edits[i].end), offset);
  return k < 0 ? offset : offset + p.shift[k];
}

export class OffsetMap {
  /** One sorted edit list per applied pass, oldest first. */
  private readonly passes: Pass[] = [];

  push(sorted: Edit[]): void {
    if (sorted.length) this.passes.push(indexPass(sorted));
  }

  /** Offset in the current text → offset in the original text. */
  toOriginal(offset: number): number {
    let o = offset;
    for (let p = this.passes.length - 1; p >= 0; p--) o = back(this.passes[p], o);
    return o;
  }

  /**
   * The original text's changed regions, sorted (not merged: an insertion
   * stays a point of its own): every edit of every pass, mapped back to the
   * original (an edit inside text an earlier pass wrote lands on that pass's
   * region, which is changed anyway).
   */
  changedRegions(): { start: number; end: number }[] {
    const rs: { start: number; end: number }[] = [];
    this.passes.forEach((p, i) => {
      for (const e of p.edits) {
        let s = e.start;
        let t = e.end;
        for (let q = i - 1; q >= 0; q--) {
          s = back(this.passes[q], s);
          t = back(this.passes[q], t);
        }
        rs.push({ start: Math.min(s, t), end: Math.max(s, t) });
      }
    });
    return rs.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** An original position that no pass changed → the current text. */
  toCurrent(offset: number): number {
    let o = offset;
    for (const p of this.passes) o = forward(p, o);
    return o;
  }
}
