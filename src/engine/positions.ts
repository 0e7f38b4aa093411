// Offsets into a text as 1-based lines and columns, the way diagnostics show them.
import type { Position } from './types.ts';

/** 1-based line and column (in Unicode scalar values) of a UTF-16 offset. */
export function positionAt(text: string, offset: number, lineStarts = lineStartsOf(text)): Position {
  const lo = lineIndexAt(lineStarts, offset);
  const lineText = text.slice(lineStarts[lo], offset);
  let column = 1;
  for (const _ of lineText) column++;
  return { line: lo + 1, column };
}

/** 0-based index of the line holding `offset`, given the lines' start offsets. */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the last of the sorted `starts` at or before `offset`, or -1 when none is. */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
