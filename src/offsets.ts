// Maps an offset in the text a later pass saw back to the text kport read,
// so every diagnostic points at the file as the person has it.
import type { Edit } from './edits.ts';

export class OffsetMap {
  /** One sorted edit list per applied pass, oldest first. */
  private readonly passes: Edit[][] = [];

  push(sorted: Edit[]): void {
    if (sorted.length) this.passes.push(sorted);
  }

  /** Offset in the current text → offset in the original text. */
  toOriginal(offset: number): number {
    let o = offset;
    for (let p = this.passes.length - 1; p >= 0; p--) o = back(this.passes[p], o);
    return o;
  }
}

function back(edits: Edit[], offset: number): number {
  // Walk the edits in order, tracking how far the new text has shifted.
  let delta = 0;
  for (const e of edits) {
    const newStart = e.start + delta;
    const newEnd = newStart + e.text.length;
    if (offset < newStart) break;
    if (offset < newEnd || (offset === newEnd && e.text.length > 0 && offset === newStart)) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}
