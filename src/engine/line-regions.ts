// The lines a port changed, from the edits themselves: the patcher diffs only
// these windows (src/outputs/patcher.ts), so a diff costs time in proportion to what
// changed, not to the file's size times the number of changes.
import { lastAtOrBefore, lineStartsOf } from './positions.ts';
import type { OffsetMap } from './offsets.ts';

/** [old first line, old end line, new first line, new end line): 0-based, end exclusive. */
export type LineRegion = [number, number, number, number];

/** Number of lines as a diff counts them (a last line without a newline counts). */
function lineCount(text: string, starts: number[]): number {
  return text.endsWith('\n') || text.length === 0 ? starts.length - 1 : starts.length;
}

/** The line (0-based) holding `offset`. */
const lineOf = lastAtOrBefore;


/**
 * Whole-line windows around every changed region of the original text, with
 * the lines they became; windows that touch are merged, so each window's
 * edges lie in text no pass changed. (An unchanged line between two windows
 * stays unchanged in the diff, where one Myers run over the whole file may
 * instead pair an equal blank line or brace a few lines away: the hunks can
 * differ in such choices, and apply the same.)
 */
export function lineRegions(offsets: OffsetMap, oldText: string, newText: string): LineRegion[] {
  const oldStarts = lineStartsOf(oldText);
  const newStarts = lineStartsOf(newText);
  const oldLines = lineCount(oldText, oldStarts);
  const newLines = lineCount(newText, newStarts);
  const windows: [number, number][] = [];
  for (const r of offsets.changedRegions()) {
    const first = lineOf(oldStarts, r.start);
    // An insertion is the line it lands in; a replacement, the lines it covers.
    const last = lineOf(oldStarts, Math.max(r.start, r.end - 1));
    const w = windows[windows.length - 1];
    if (w && first <= w[1] + 1) w[1] = Math.max(w[1], last);
    else windows.push([first, last]);
  }
  return windows.map(([first, last]) => {
    const oldEnd = Math.min(last + 1, oldLines);
    const os = first < oldStarts.length ? oldStarts[first] : oldText.length;
    const oe = oldEnd < oldStarts.length ? oldStarts[oldEnd] : oldText.length;
    const ns = offsets.toCurrent(os);
    const ne = offsets.toCurrent(oe);
    const nFirst = ns >= newText.length ? newLines : lineOf(newStarts, ns);
    const nEnd = ne >= newText.length ? newLines : lineOf(newStarts, ne);
    return [Math.min(first, oldLines), oldEnd, nFirst, nEnd];
  });
}
