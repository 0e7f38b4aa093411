// The ancestors of a node that bind or scope names (blocks, closures,
// functions, `for`, match arms, `if`/`while`, impls, traits, modules and the
// file), found by ranges instead of a walk up. tree-sitter finds a node's
// parent by walking down from the root, past every sibling before it: on a
// 1 MB file each first step up from a function costs a scan of the file's
// thousands of items, and the resolver (src/analysis/vec-resolver.ts) walks
// up from every name it types. On a large frozen tree (src/engine/parse.ts)
// these nodes are listed once, from one query, sorted by range, each with the
// innermost one around it (only the nodes are kept, not the query's matches).
import { isFrozen } from '../engine/parse.ts';
import { query } from '../engine/queries.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';

/** The node kinds `scopesAround` lists: every kind the resolver's walks up act on. */
export const SCOPE_KINDS = ['source_file', 'block', 'closure_expression', 'function_item', 'for_expression', 'match_arm', 'if_expression', 'while_expression', 'impl_item', 'trait_item', 'mod_item'] as const;

/**
 * The query the scopes of a large tree are listed with: a plain one (a walk
 * of its own, asked only there), so that its matches are not kept with the
 * tree besides the list made of them.
 */
const SCOPES = `[${SCOPE_KINDS.map((k) => `(${k})`).join(' ')}] @scope`;

interface Scopes {
  starts: number[];
  ends: number[];
  nodes: SyntaxNode[];
  /** Index of the innermost scope around each, -1 for none. */
  up: number[];
}

// null: a small tree, or one with a scope of no width or two scopes of one range, which ranges cannot order (callers then walk up).
const byTree = new WeakMap<Tree, Scopes | null>();

/**
 * Below this many characters a walk up is cheap (the siblings a step up
 * passes are few): no list, no query. Above, the list's query (a walk of its
 * own, about a third of a parse) is repaid by the first few hundred names typed.
 */
const SMALL = 128 * 1024;

function scopesOf(tree: Tree): Scopes | null {
  let s = byTree.get(tree);
  if (s !== undefined) return s;
  if (tree.rootNode.endIndex < SMALL) {
    byTree.set(tree, null);
    return null;
  }
  const list = query(SCOPES).matches(tree.rootNode).map((m) => {
    const node = m.captures[0].node;
    return { node, start: node.startIndex, end: node.endIndex };
  });
  // Outer first at one start: tree nodes nest or are apart.
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  s = { starts: [], ends: [], nodes: [], up: [] };
  const open: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x.end <= x.start || (i > 0 && x.start === list[i - 1].start && x.end === list[i - 1].end)) {
      s = null;
      break;
    }
    while (open.length && s.ends[open[open.length - 1]] < x.end) open.pop();
    s.starts.push(x.start);
    s.ends.push(x.end);
    s.nodes.push(x.node);
    s.up.push(open.length ? open[open.length - 1] : -1);
    open.push(i);
  }
  byTree.set(tree, s);
  return s;
}

/**
 * The ancestors of `node` whose kind is one of SCOPE_KINDS, innermost first
 * (the file last): what a walk up through `parent` meets of those kinds.
 * Undefined when ranges cannot tell or need not: a tree that may still be
 * edited, a small one (a walk up is cheap there), a node of no width, or one
 * with the very range of such a scope (itself or a wrapper of it); the
 * caller then walks up.
 */
export function scopesAround(node: SyntaxNode): SyntaxNode[] | undefined {
  const tree = node.tree;
  if (!isFrozen(tree)) return undefined;
  const a = node.startIndex;
  const b = node.endIndex;
  if (b <= a) return undefined;
  const s = scopesOf(tree);
  if (!s) return undefined;
  // The last scope that starts at or before the node: the innermost around it, or inside one that is (or inside the node).
  let lo = 0;
  let hi = s.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.starts[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  let i = lo - 1;
  while (i >= 0 && s.ends[i] < b) i = s.up[i];
  if (i >= 0 && s.starts[i] === a && s.ends[i] === b) return undefined;
  const out: SyntaxNode[] = [];
  for (; i >= 0; i = s.up[i]) out.push(s.nodes[i]);
  return out;
}

// Per large frozen tree: by start, the item that holds each function item
// declared in a declaration list (an impl, trait, module or extern block,
// itself at the top of the file or in such a list), null for one at the top
// of the file. A function found nowhere else (in a block) is not listed.
const ownersByTree = new WeakMap<Tree, Map<number, SyntaxNode | null> | null>();

const HOLDERS = new Set(['impl_item', 'trait_item', 'mod_item', 'foreign_mod_item']);

function ownersOf(tree: Tree): Map<number, SyntaxNode | null> | null {
  let owners = ownersByTree.get(tree);
  if (owners !== undefined) return owners;
  owners = isFrozen(tree) && tree.rootNode.endIndex >= SMALL ? new Map() : null;
  if (owners) {
    // Each list of items with the item that holds it; one cursor per list, no recursion (`mod m {` nests 10,000 deep).
    const lists: { list: SyntaxNode; owner: SyntaxNode | null }[] = [{ list: tree.rootNode, owner: null }];
    while (lists.length) {
      const { list, owner } = lists.pop()!;
      const c = list.walk();
      if (!c.gotoFirstChild()) continue;
      do {
        const type = c.nodeType;
        if (type === 'function_item') owners.set(c.startIndex, owner);
        else if (HOLDERS.has(type)) {
          const item = c.currentNode;
          for (const k of item.namedChildren) if (k.type === 'declaration_list') lists.push({ list: k, owner: item });
        }
      } while (c.gotoNextSibling());
    }
  }
  ownersByTree.set(tree, owners);
  return owners;
}

/**
 * The item whose declaration list holds function item `fn` (an impl, trait,
 * module or extern block), null when its parent is not a declaration list:
 * `fn.parent.parent` when `fn.parent` is a declaration list, without the
 * step up on a large tree (it would scan the file's items before it).
 */
export function declaringItem(fn: SyntaxNode): SyntaxNode | null {
  const known = ownersOf(fn.tree)?.get(fn.startIndex);
  if (known !== undefined) return known;
  const list = fn.parent;
  return list?.type === 'declaration_list' ? list.parent : null;
}
