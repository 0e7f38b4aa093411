// Whether a file gives a compat type's name its own meaning, so that the name in
// it is not the compat module's: a `struct Map` of the crate, or a `Map` imported
// from a crate module or another crate. Imports from std (`use std::collections::
// HashMap as Map`) and from the compat module itself do not count.
import { localNames, usePaths } from '../analysis/localnames.ts';
import { declareQueries } from '../engine/queries.ts';
import type { Tree } from '../engine/types.ts';
import { COMPAT_MODULE } from '../kernel-api/alloc.ts';
import { treeCache } from '../engine/tree-caches.ts';

const QUERIES = declareQueries('compat-own', { uses: '(use_declaration argument: (_) @arg)' });
const cache = treeCache<Set<string>>();

/** Names the file imports from a crate module or crate other than std and the compat module. */
function importedElsewhere(tree: Tree): Set<string> {
  const hit = cache.get(tree);
  if (hit) return hit;
  const out = new Set<string>();
  for (const m of QUERIES.matches('uses', tree.rootNode)) {
    for (const { path, alias } of usePaths(m.captures[0].node.text)) {
      if (['std', 'core', 'alloc'].includes(path[0])) continue;
      if (path.includes(COMPAT_MODULE)) continue;
      const last = alias ?? path[path.length - 1];
      if (last && last !== '*' && last !== 'self') out.add(last);
    }
  }
  cache.set(tree, out);
  return out;
}

const stdCache = treeCache<Set<string>>();

/** Names the file imports from std, core or alloc (`use std::rc::{Rc, Weak};`: `Rc`, `Weak`; a glob: `rc::*`). */
function importedFromStd(tree: Tree): Set<string> {
  const hit = stdCache.get(tree);
  if (hit) return hit;
  const out = new Set<string>();
  for (const m of QUERIES.matches('uses', tree.rootNode)) {
    for (const { path, alias } of usePaths(m.captures[0].node.text)) {
      if (!['std', 'core', 'alloc'].includes(path[0])) continue;
      const last = alias ?? path[path.length - 1];
      if (last === '*') out.add(`${path[path.length - 2]}::*`);
      else if (last && last !== 'self') out.add(last);
    }
  }
  stdCache.set(tree, out);
  return out;
}

/** The std modules a glob import of which brings the name in (others: any std glob counts). */
const STD_HOMES: Record<string, readonly string[]> = { Rc: ['rc'], Weak: ['rc', 'sync'] };

/**
 * Whether `name` in the file can be std's: imported from std/core/alloc (by name
 * or a glob), or written under a std path (`std::rc::Rc`). A compat type that
 * shares a std name (`Rc`) is not the one the file means then.
 */
export function stdName(tree: Tree, text: string, name: string): boolean {
  const imported = importedFromStd(tree);
  const homes = STD_HOMES[name];
  const glob = [...imported].some((n) => n.endsWith('::*') && (!homes || homes.includes(n.slice(0, -3))));
  return imported.has(name) || glob || new RegExp(`\\b(?:std|core|alloc)\\s*::(?:\\s*\\w+\\s*::)*\\s*${name}\\b`).test(text);
}

export function ownsName(tree: Tree, name: string): boolean {
  return localNames(tree).defined.has(name) || importedElsewhere(tree).has(name);
}
