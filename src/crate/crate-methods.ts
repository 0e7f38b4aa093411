// Method names the crate defines itself (in an impl or a trait). A report that
// takes a method's name as evidence of a std API (`push_str`, `repeat`) skips
// names the crate gives its own meaning: `text.push_str(s)` on a user type
// with a `push_str` method is that method.
import { declareQueries } from '../engine/queries.ts';
import type { Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

export const METHODS_QUERY = declareQueries('crate-methods', {
  methods: `
  (impl_item body: (declaration_list (function_item name: (identifier) @n)))
  (trait_item body: (declaration_list (function_item name: (identifier) @n)))
  (trait_item body: (declaration_list (function_signature_item name: (identifier) @n)))
`,
});

const cache = treeCache<Set<string>>();

function fileMethods(tree: Tree): Set<string> {
  let s = cache.get(tree);
  if (!s) {
    s = new Set(METHODS_QUERY.matches('methods', tree.rootNode).map((m) => m.captures[0].node.text));
    cache.set(tree, s);
  }
  return s;
}

/** Names of the methods defined in any of these files. */
export function crateMethods(files: readonly { tree: Tree }[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const n of fileMethods(f.tree)) out.add(n);
  return out;
}
