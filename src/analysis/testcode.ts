// Test-only code: `#[test]` functions, `#[cfg(test)]` items and modules, and
// files that open with `#![cfg(test)]`. Such code never reaches the kernel
// build, so transforms that report portability problems skip it.
import { declareQueries } from '../engine/queries.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

export interface Range {
  start: number;
  end: number;
}

const QUERIES = declareQueries('testcode', {
  attrs: '(attribute_item (attribute) @attr) @item',
  inner: '(inner_attribute_item (attribute) @attr) @item',
});
// `#[test]`, `#[cfg(test)]`, `#[bench]`, and runner attributes such as `#[tokio::test]`.
const TEST_ATTR = /^(test|bench|cfg\s*\(\s*test\s*\)|[A-Za-z_][\w]*(::[A-Za-z_]\w*)*::test(\s*\(.*\))?)$/s;

const cache = treeCache<Range[]>();

/** Whether an attribute's inside (`test`, `cfg(test)`, ...) marks test-only code. */
export function isTestAttribute(inside: string): boolean {
  return TEST_ATTR.test(inside.trim());
}

/** The item an outer attribute belongs to: the next sibling that is not an attribute or a comment. */
export function attributeTarget(attrItem: SyntaxNode): SyntaxNode | null {
  let n = attrItem.nextNamedSibling;
  while (n && (n.type === 'attribute_item' || n.type === 'line_comment' || n.type === 'block_comment')) n = n.nextNamedSibling;
  return n;
}

/** Ranges of test-only code in a tree, sorted, outermost only. */
export function testRanges(tree: Tree): Range[] {
  const hit = cache.get(tree);
  if (hit) return hit;
  const out: Range[] = [];
  const root = tree.rootNode;
  // Every test attribute names `test` or `bench`: most files need no query at all.
  if (!/\b(test|bench)\b/.test(root.text)) {
    cache.set(tree, out);
    return out;
  }
  for (const m of QUERIES.matches('inner', root)) {
    const attr = m.captures.find((c) => c.name === 'attr')!.node;
    const item = m.captures.find((c) => c.name === 'item')!.node;
    if (!isTestAttribute(attr.text)) continue;
    // `#![cfg(test)]` at the top of a file or inside a module body covers that whole scope.
    const scope = item.parent;
    if (scope) out.push({ start: scope.startIndex, end: scope.endIndex });
  }
  for (const m of QUERIES.matches('attrs', root)) {
    const attr = m.captures.find((c) => c.name === 'attr')!.node;
    if (!isTestAttribute(attr.text)) continue;
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const target = attributeTarget(item);
    out.push({ start: item.startIndex, end: target ? target.endIndex : item.endIndex });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  cache.set(tree, merged);
  return merged;
}

/** Whether [start, end) lies inside one of the (sorted) ranges. */
export function inRanges(ranges: readonly Range[], start: number, end = start): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r.end <= start) lo = mid + 1;
    else if (r.start > start) hi = mid - 1;
    else return end <= r.end;
  }
  return false;
}

/** Whether a node is test-only code. */
export function isTestCode(tree: Tree, node: SyntaxNode): boolean {
  const ranges = testRanges(tree);
  return ranges.length > 0 && inRanges(ranges, node.startIndex, node.endIndex);
}
