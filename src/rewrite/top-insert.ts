import type { FileContext, SyntaxNode } from '../engine/types.ts';

function isInnerDoc(n: SyntaxNode): boolean {
  return (n.type === 'line_comment' || n.type === 'block_comment') && /^(\/\/!|\/\*!)/.test(n.text);
}

/**
 * Where a new item line goes at the top of a file: after inner attributes and
 * inner docs, before the first item and the attributes/comments attached to it.
 * Returns the offset of that line's start, and whether the first item is a `use`;
 * undefined when the file has no item or starts with a syntax error.
 */
export function topInsertPoint(ctx: { text: string; tree: FileContext['tree'] }): { at: number; first: SyntaxNode; beforeUse: boolean } | undefined {
  const kids = ctx.tree.rootNode.children;
  let i = 0;
  while (i < kids.length && (kids[i].type === 'inner_attribute_item' || isInnerDoc(kids[i]) || kids[i].type === 'shebang')) i++;
  let first = i;
  while (first < kids.length && (kids[first].type === 'line_comment' || kids[first].type === 'block_comment')) first++;
  if (first >= kids.length) return undefined;
  // A file that starts with a syntax error: a line added above it may be swallowed by it
  // (an unterminated string) or parse differently on the next run. Leave the top alone.
  if (kids[first].type === 'ERROR' || kids[first].hasError) return undefined;
  let at = first;
  while (at > i) {
    const prev = kids[at - 1];
    // An inner doc below plain comments (a license header) still comes before every item.
    if (isInnerDoc(prev)) break;
    const gap = ctx.text.slice(prev.endIndex, kids[at].startIndex);
    const attached = (prev.type === 'attribute_item' || prev.type === 'line_comment' || prev.type === 'block_comment') && !/\n[ \t]*\n/.test(gap);
    if (!attached) break;
    at--;
  }
  return { at: ctx.text.lastIndexOf('\n', kids[at].startIndex - 1) + 1, first: kids[first], beforeUse: kids[first].type === 'use_declaration' || kids[first].type === 'mod_item' };
}
