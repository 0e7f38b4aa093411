// Names a file gives its own meaning: items it defines (`struct HashMap`,
// `fn sqrt`, `macro_rules! panic`) and names it imports from somewhere other
// than std/core/alloc. Report-only checks consult this so a user type that
// merely shares a std name is never reported.
import { declareQueries } from '../engine/queries.ts';
import type { Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** The queries `localNames` runs on a tree. */
export const LOCAL_NAMES_QUERIES = declareQueries('localnames', {
  items: `[
  (struct_item name: (type_identifier) @n)
  (enum_item name: (type_identifier) @n)
  (union_item name: (type_identifier) @n)
  (trait_item name: (type_identifier) @n)
  (type_item name: (type_identifier) @n)
  (function_item name: (identifier) @n)
  (function_signature_item name: (identifier) @n)
  (macro_definition name: (identifier) @n)
  (mod_item name: (identifier) @n)
  (const_item name: (identifier) @n)
  (static_item name: (identifier) @n)
  (enum_variant name: (identifier) @n)
]`,
  uses: '(use_declaration argument: (_) @arg)',
});

export interface LocalNames {
  /** Items defined anywhere in the file. */
  defined: Set<string>;
  /** Names brought in by `use` from a root other than std/core/alloc (`use crate::x::String`). */
  imported: Set<string>;
  /** Either of the two: the file's own meaning for a name. */
  has(name: string): boolean;
}

const cache = treeCache<LocalNames>();
const STD_ROOTS = new Set(['std', 'core', 'alloc']);

export function localNames(tree: Tree): LocalNames {
  const hit = cache.get(tree);
  if (hit) return hit;
  const defined = new Set<string>();
  for (const m of LOCAL_NAMES_QUERIES.matches('items', tree.rootNode)) defined.add(m.captures[0].node.text);
  const imported = new Set<string>();
  for (const m of LOCAL_NAMES_QUERIES.matches('uses', tree.rootNode)) {
    for (const { path, alias } of usePaths(m.captures[0].node.text)) {
      const root = path[0];
      if (STD_ROOTS.has(root)) {
        // `use std::collections::HashMap as Map;` makes `Map` a std name, not a local one.
        continue;
      }
      const last = alias ?? path[path.length - 1];
      if (last && last !== '*' && last !== 'self') imported.add(last);
    }
  }
  const names: LocalNames = { defined, imported, has: (n) => defined.has(n) || imported.has(n) };
  cache.set(tree, names);
  return names;
}

/** Flatten the text of a `use` argument (`a::{b, c::d as e}`) into its paths. */
export function usePaths(text: string): { path: string[]; alias?: string }[] {
  const src = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();
  const out: { path: string[]; alias?: string }[] = [];
  let i = 0;
  const walk = (prefix: string[]): void => {
    let cur = '';
    const flush = () => {
      const t = cur.trim();
      cur = '';
      if (!t) return;
      const m = /^(.*?)(?:\s+as\s+([A-Za-z_]\w*))?$/.exec(t)!;
      const segs = m[1].replace(/^::/, '').split('::').map((s) => s.trim()).filter(Boolean);
      out.push({ path: [...prefix, ...segs], ...(m[2] ? { alias: m[2] } : {}) });
    };
    while (i < src.length) {
      const ch = src[i];
      if (ch === '{') {
        i++;
        const segs = cur.trim().replace(/^::/, '').replace(/::$/, '').split('::').map((s) => s.trim()).filter(Boolean);
        cur = '';
        walk([...prefix, ...segs]);
      } else if (ch === '}') {
        i++;
        flush();
        return;
      } else if (ch === ',') {
        i++;
        flush();
      } else {
        cur += ch;
        i++;
      }
    }
    flush();
  };
  walk([]);
  return out;
}
