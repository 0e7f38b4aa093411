// Line-level hunks between a file's old and new text, as replacements of an
// exact range of the old text. Review tools (rdjson suggestions) apply these;
// applied in any order they turn the old text into the new one.
import { diffArrays } from 'diff';
import { lineIndexAt } from './diagnostics.ts';
import type { LineRegion } from '../engine/line-regions.ts';

export interface BytePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column counted in UTF-8 bytes (what reviewdog's rdjson expects). */
  column: number;
}

export interface Hunk {
  /** UTF-16 offsets into the old text. */
  start: number;
  end: number;
  text: string;
  /** The same range as lines and UTF-8 byte columns. */
  from: BytePosition;
  to: BytePosition;
}

/**
 * The line diff as common/added/removed runs. With the windows kport's edits
 * touched (FileChange.regions) only those are searched, as the patcher does;
 * if the lines between them are not the same in both texts, the whole file.
 */
function lineParts(a: string[], b: string[], regions?: readonly LineRegion[]): { count: number; added?: boolean; removed?: boolean }[] {
  const whole = () => diffArrays(a, b).map((p) => ({ count: p.count ?? p.value.length, added: p.added, removed: p.removed }));
  if (!regions) return whole();
  const parts: { count: number; added?: boolean; removed?: boolean }[] = [];
  let i = 0;
  let j = 0;
  for (const [o1, o2, n1, n2] of [...regions, [a.length, a.length, b.length, b.length] as LineRegion]) {
    if (o1 < i || o1 - i !== n1 - j || o2 < o1 || n2 < n1 || o2 > a.length || n2 > b.length) return whole();
    for (let k = 0; k < o1 - i; k++) if (a[i + k] !== b[j + k]) return whole();
    if (o1 > i) parts.push({ count: o1 - i });
    for (const p of diffArrays(a.slice(o1, o2), b.slice(n1, n2))) parts.push({ count: p.count ?? p.value.length, added: p.added, removed: p.removed });
    i = o2;
    j = n2;
  }
  return parts;
}

export function lineHunks(oldText: string, newText: string, regions?: readonly LineRegion[]): Hunk[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const starts: number[] = [0];
  for (let i = 0; i < a.length - 1; i++) starts.push(starts[i] + a[i].length + 1);
  const bytePos = (offset: number): BytePosition => {
    const lo = lineIndexAt(starts, offset);
    return { line: lo + 1, column: Buffer.byteLength(oldText.slice(starts[lo], offset), 'utf8') + 1 };
  };
  const hunks: Hunk[] = [];
  let oi = 0;
  let ni = 0;
  let open: { oi: number; ni: number } | undefined;
  const close = () => {
    if (!open) return;
    let start: number;
    let oldSeg: string;
    let newSeg: string;
    if (oi < a.length) {
      // A hunk followed by a common line: whole lines with their line breaks.
      start = starts[open.oi];
      oldSeg = a.slice(open.oi, oi).map((l) => l + '\n').join('');
      newSeg = b.slice(open.ni, ni).map((l) => l + '\n').join('');
    } else if (open.oi === a.length) {
      // Lines added after the last one: they start with the break that ends it.
      start = oldText.length;
      oldSeg = '';
      newSeg = b.slice(open.ni, ni).map((l) => '\n' + l).join('');
    } else {
      // The hunk runs to the end of the file: take the break before it instead of after.
      const lead = open.oi > 0 ? '\n' : '';
      start = open.oi > 0 ? starts[open.oi] - 1 : 0;
      oldSeg = lead + a.slice(open.oi).join('\n');
      newSeg = ni > open.ni ? lead + b.slice(open.ni, ni).join('\n') : '';
    }
    const end = start + oldSeg.length;
    const prev = hunks[hunks.length - 1];
    if (prev && start <= prev.end) {
      // Touching hunks (possible around the last line) become one, so no two share a position.
      prev.text += oldText.slice(prev.end, start) + newSeg;
      prev.end = Math.max(prev.end, end);
      prev.to = bytePos(prev.end);
    } else {
      hunks.push({ start, end, text: newSeg, from: bytePos(start), to: bytePos(end) });
    }
    open = undefined;
  };
  for (const part of lineParts(a, b, regions)) {
    const n = part.count;
    if (!part.added && !part.removed) {
      close();
      oi += n;
      ni += n;
      continue;
    }
    open ??= { oi, ni };
    if (part.removed) oi += n;
    else ni += n;
  }
  close();
  return hunks;
}

/** Apply hunks (from lineHunks) to the old text. */
export function applyHunks(oldText: string, hunks: readonly Hunk[]): string {
  let out = oldText;
  for (const h of [...hunks].sort((x, y) => y.start - x.start)) out = out.slice(0, h.start) + h.text + out.slice(h.end);
  return out;
}
