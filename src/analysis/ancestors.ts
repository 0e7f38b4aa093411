// The ancestors of a node that bind or scope names (blocks, closures,
// functions, `for`, match arms, `if`/`while`, impls, traits, modules and the
// file), found by a walk down instead of a walk up. tree-sitter finds a
// node's parent by walking down from the root, past every sibling before it:
// on a 1 MB file each first step up from a function costs a scan of the
// file's thousands of items, and the resolver (src/analysis/vec-resolver.ts)
// walks up from every name it types. On a large frozen tree
// (src/engine/parse.ts) the file's items are listed once with their ranges
// (a cursor over the root's children), and a node's ancestors are those a
// cursor meets going down from the item around it to the node (a query
// listing every scope of the tree cost as much CPU, and more memory).
import { lastAtOrBefore } from '../engine/positions.ts';
import { isFrozen, nodeKey } from '../engine/parse.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** The node kinds `scopesAround` lists: every kind the resolver's walks up act on. */
export const SCOPE_KINDS = ['source_file', 'block', 'closure_expression', 'function_item', 'for_expression', 'match_arm', 'if_expression', 'while_expression', 'impl_item', 'trait_item', 'mod_item'] as const;
const KINDS = new Set<string>(SCOPE_KINDS);

/** A large tree's items (the root's children) by range. */
interface Items {
  root: SyntaxNode;
  starts: number[];
  ends: number[];
  nodes: SyntaxNode[];
}

// null: a small tree, or one that may be edited (callers then walk up).
const itemsByTree = treeCache<Items | null>();

/**
 * Below this many characters a walk up is cheap (the siblings a step up
 * passes are few): no list.
 */
const SMALL = 128 * 1024;

function itemsOf(tree: Tree): Items | null {
  let s = itemsByTree.get(tree);
  if (s !== undefined) return s;
  s = null;
  const root = tree.rootNode;
  if (isFrozen(tree) && root.endIndex >= SMALL) {
    const c = root.walk();
    s = { root, starts: [], ends: [], nodes: [] };
    if (c.gotoFirstChild()) {
      do {
        s.starts.push(c.startIndex);
        s.ends.push(c.endIndex);
        s.nodes.push(c.currentNode);
      } while (c.gotoNextSibling());
    }
  }
  itemsByTree.set(tree, s);
  return s;
}

/**
 * The ancestors of `node` whose kind is one of SCOPE_KINDS, innermost first
 * (the file last): what a walk up through `parent` meets of those kinds.
 * Undefined when not told this way: a tree that may still be edited, a small
 * one (a walk up is cheap there), a node of no width, or one the walk down
 * does not reach; the caller then walks up.
 */
export function scopesAround(node: SyntaxNode): SyntaxNode[] | undefined {
  if (!isFrozen(node.tree)) return undefined;
  const a = node.startIndex;
  const b = node.endIndex;
  if (b <= a) return undefined;
  const s = itemsOf(node.tree);
  if (!s) return undefined;
  // The item around it: the last that starts at or before it, if it also ends at or after it.
  const i = lastAtOrBefore(s.starts, a);
  if (i < 0 || s.ends[i] < b) return undefined;
  const item = s.nodes[i];
  // The file last, when it is one (a tree whose root is an ERROR has none).
  const tail = KINDS.has(s.root.type) ? [s.root] : [];
  if (s.starts[i] === a && s.ends[i] === b && nodeKey(item) === nodeKey(node)) return tail;
  // Down from the item through the child that holds the node's start, to the node.
  const c = item.walk();
  const path: SyntaxNode[] = [];
  const type = node.type;
  const key = nodeKey(node);
  for (;;) {
    const t = c.nodeType;
    if (c.startIndex === a && c.endIndex === b && t === type && nodeKey(c.currentNode) === key) break;
    if (KINDS.has(t)) path.push(c.currentNode);
    if (c.gotoFirstChildForIndex(a) === null) return undefined;
  }
  path.reverse();
  return tail.length ? [...path, ...tail] : path;
}

// Per large frozen tree: by start, the item that holds each function item
// declared in a declaration list (an impl, trait, module or extern block,
// itself at the top of the file or in such a list), null for one at the top
// of the file. A function found nowhere else (in a block) is not listed.
const ownersByTree = treeCache<Map<number, SyntaxNode | null> | null>();

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
