// A declared query comes back as its matches on the file's root
// (`ctx.matches(name)`). These helpers give from them what a query run
// directly used to: `query(source).captures(root)` (the captures in tree-sitter's
// order) and `query(source).matches(node)` on a node inside the file.
import type { QueryMatch, SyntaxNode } from '../engine/types.ts';

export type QueryCapture = QueryMatch['captures'][number];

/**
 * The captures of `matches` in the order `query.captures(root)` returns them:
 * by start, then by pattern, each match's own captures in their order (one
 * node captured by two patterns comes twice, as there).
 */
export function capturesOf(matches: readonly QueryMatch[]): QueryCapture[] {
  const all: { c: QueryCapture; pattern: number; seq: number }[] = [];
  for (const m of matches) for (const c of m.captures) all.push({ c, pattern: m.pattern, seq: all.length });
  all.sort((a, b) => a.c.node.startIndex - b.c.node.startIndex || a.pattern - b.pattern || a.seq - b.seq);
  return all.map((x) => x.c);
}

/** Whether `n` is `outer` or one of its descendants. */
export function within(n: SyntaxNode, outer: SyntaxNode): boolean {
  if (n.startIndex < outer.startIndex || n.endIndex > outer.endIndex) return false;
  // Strictly inside the range (and not empty): a descendant.
  if (n.startIndex < n.endIndex && (n.startIndex > outer.startIndex || n.endIndex < outer.endIndex)) return true;
  for (let p: SyntaxNode | null = n; p && p.startIndex >= outer.startIndex && p.endIndex <= outer.endIndex; p = p.parent) if (p.id === outer.id) return true;
  return false;
}

/**
 * The matches `query.matches(node)` returns, from the query's matches on the
 * root: those whose pattern's root node, the capture `root`, is `node` or
 * inside it.
 */
export function matchesUnder(matches: readonly QueryMatch[], node: SyntaxNode, root: string): QueryMatch[] {
  return matches.filter((m) => {
    const r = m.captures.find((c) => c.name === root);
    if (!r) throw new Error(`matchesUnder: a match without the root capture @${root}`);
    return within(r.node, node);
  });
}

/** The captures `query.captures(node)` returns: those of the matches under `node` (see matchesUnder), in capture order. */
export function capturesUnder(matches: readonly QueryMatch[], node: SyntaxNode, root: string): QueryCapture[] {
  return capturesOf(matchesUnder(matches, node, root));
}
