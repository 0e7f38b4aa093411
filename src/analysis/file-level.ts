// "Is this item at the top of its file?" for transforms that look for a
// file-level `use` or `mod`. tree-sitter wraps a file with a syntax error in
// ERROR nodes (sometimes the root itself is one), so a query anchored on
// `(source_file ...)` misses the items of a broken file, and a transform that
// adds the item when it is missing adds it again on every run. Found by the
// fuzz suite (test/robustness.fuzz.test.ts).
import type { SyntaxNode } from '../engine/types.ts';

/** True when every ancestor of `n` is the file or an ERROR node. */
export function atFileLevel(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'source_file') return true;
    if (p.type !== 'ERROR') return false;
  }
  return n.parent !== null; // the root itself is an ERROR node
}
