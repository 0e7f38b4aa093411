import type { FileContext, SyntaxNode } from '../engine/types.ts';

/**
 * The range to delete for [start, end): when that text stands alone on its
 * lines, the indentation and line break too, so no blank line is left behind.
 */
export function lineRemovalRange(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\n?$/.test(text.slice(end, lineEnd))) return { start: lineStart, end: lineEnd };
  return { start, end };
}

/** Remove [first.start, last.end), with its lines when it stands alone on them. */
export function removeLines(ctx: FileContext, first: SyntaxNode, last: SyntaxNode = first): void {
  ctx.edits.replace(lineRemovalRange(ctx.text, first.startIndex, last.endIndex), '');
}

/** The indentation (spaces and tabs) at the start of the line that `at` is on. */
export function lineIndent(text: string, at: number): string {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}
