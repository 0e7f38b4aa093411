// What analyses remember about a tree (query results, item lists, resolved
// types, macro-argument trees) lives in caches keyed by the tree. A phase that
// changed a file is over once its edits are merged: the file's tree then only
// waits to be re-parsed incrementally, and nothing asks about it again. The
// engine retires it (`retireTree`), so what was remembered about it goes at
// the next collection instead of living as long as the tree (on a large file,
// the phase's query results and the crate model between phases were most of
// the JavaScript heap).
import type { Tree } from './types.ts';

const caches: WeakMap<Tree, unknown>[] = [];

/** A cache keyed by tree that `retireTree` empties of a tree; create it once, at module level. */
export function treeCache<V>(): WeakMap<Tree, V> {
  const cache = new WeakMap<Tree, V>();
  caches.push(cache);
  return cache;
}

/** Forget everything remembered about a tree nobody will ask about again. */
export function retireTree(tree: Tree): void {
  for (const cache of caches) cache.delete(tree);
}
