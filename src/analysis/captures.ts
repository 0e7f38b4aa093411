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

/**
 * A query's matches on a file's root, ready to answer `query.matches(node)`
 * for many nodes (as matchesUnder, without a scan of every match each time):
 * the root captures' ranges are read once and kept sorted by start.
 */
export class MatchIndex {
  private readonly order: number[];
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly roots: SyntaxNode[];

  constructor(
    readonly matches: readonly QueryMatch[],
    root: string,
  ) {
    this.roots = matches.map((m) => {
      const r = m.captures.find((c) => c.name === root);
      if (!r) throw new Error(`MatchIndex: a match without the root capture @${root}`);
      return r.node;
    });
    const starts = this.roots.map((n) => n.startIndex);
    const ends = this.roots.map((n) => n.endIndex);
    this.order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
    this.starts = this.order.map((i) => starts[i]);
    this.ends = this.order.map((i) => ends[i]);
  }

  /** The matches whose root capture is `node` or inside it, in their order. */
  under(node: SyntaxNode): QueryMatch[] {
    const s = node.startIndex;
    const e = node.endIndex;
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let k = lo; k < this.starts.length && this.starts[k] <= e; k++) {
      if (this.ends[k] > e) continue;
      const strict = this.starts[k] < this.ends[k] && (this.starts[k] > s || this.ends[k] < e);
      if (strict || within(this.roots[this.order[k]], node)) hits.push(this.order[k]);
    }
    hits.sort((a, b) => a - b);
    return hits.map((i) => this.matches[i]);
  }
}

/** The captures `query.captures(node)` returns: those of the matches under `node` (see matchesUnder), in capture order. */
export function capturesUnder(matches: readonly QueryMatch[], node: SyntaxNode, root: string): QueryCapture[] {
  return capturesOf(matchesUnder(matches, node, root));
}
