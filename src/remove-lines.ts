import type { FileContext, SyntaxNode } from './types.ts';

/**
 * Remove [first.start, last.end) and, when that text stands alone on its
 * lines, the indentation and line break too, so no blank line is left behind.
 */
export function removeLines(ctx: FileContext, first: SyntaxNode, last: SyntaxNode = first): void {
  const text = ctx.text;
  let start = first.startIndex;
  let end = last.endIndex;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\n?$/.test(text.slice(end, lineEnd))) {
    start = lineStart;
    end = lineEnd;
  }
  ctx.edits.replace({ start, end }, '');
}
