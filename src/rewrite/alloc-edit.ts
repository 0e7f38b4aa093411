// Shared by the allocation transforms: turn a call into the profile's
// fallible form (rename, add the flags argument, add `?`) and find the
// names a file defines for itself (its own `Vec`, `Box` or `Arc`).
import { declareQueries } from '../engine/queries.ts';
import type { FallibleCall } from '../kernel-api/alloc.ts';
import type { FileContext, SyntaxNode } from '../engine/types.ts';

/**
 * `recv.push(x)` → `recv.push(x, GFP_KERNEL)?` (or `recv.try_push(x)?`).
 * `name` is the node holding the method or function name (renamed when the form's differs).
 */
export function makeFallible(ctx: FileContext, call: SyntaxNode, name: SyntaxNode | null, form: FallibleCall, flags: string): void {
  const args = call.childForFieldName('arguments');
  if (!args) return;
  if (name && name.text !== form.name) ctx.edits.replace(name, form.name);
  if (form.flags) {
    const close = args.lastChild;
    if (!close || close.type !== ')') return;
    let prev = close.previousSibling;
    while (prev && (prev.type === 'line_comment' || prev.type === 'block_comment')) prev = prev.previousSibling;
    const hasArgs = args.namedChildren.some((c) => c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item');
    if (prev && prev.type === ',') ctx.edits.insert(prev.endIndex, ` ${flags},`);
    else if (prev && prev.endIndex !== close.startIndex && prev.type !== '(') ctx.edits.insert(prev.endIndex, `, ${flags}`); // a comment sits before `)`
    else ctx.edits.replace({ start: close.startIndex, end: close.endIndex }, hasArgs ? `, ${flags})` : `${flags})`);
  }
  ctx.edits.insert(call.endIndex, '?');
}

/** Number of real arguments of a call (comments excluded). */
export function argCount(call: SyntaxNode): number {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item').length : 0;
}

export function args(call: SyntaxNode): SyntaxNode[] {
  const a = call.childForFieldName('arguments');
  return a ? a.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item') : [];
}

/** The queries `ownNames` and `importsStdArc` run on a file. */
export const OWN_NAMES_QUERIES = declareQueries('alloc-edit', {
  ownTypes: `
  (struct_item name: (type_identifier) @n)
  (enum_item name: (type_identifier) @n)
  (type_item name: (type_identifier) @n)
  (trait_item name: (type_identifier) @n)
  (union_item name: (type_identifier) @n)
`,
  uses: '(use_declaration argument: (_) @arg)',
});

/**
 * Names the file binds to something of its own: defined types, and `use` imports
 * from anywhere but std/alloc/core/kernel. `Vec` in such a file is not the std Vec.
 */
export function ownNames(ctx: { tree: FileContext['tree'] }): Set<string> {
  const out = new Set<string>();
  for (const m of OWN_NAMES_QUERIES.matches('ownTypes', ctx.tree.rootNode)) out.add(m.captures[0].node.text);
  for (const m of OWN_NAMES_QUERIES.matches('uses', ctx.tree.rootNode)) {
    const arg = m.captures[0].node.text.replace(/\s+/g, '');
    if (/^(::)?(std|alloc|core|kernel)::/.test(arg)) continue;
    for (const n of arg.match(/\b[A-Z]\w*\b/g) ?? []) {
      // `use foo::Vec;`, `use foo::{Vec, X}`, `use foo::Bar as Vec;` all bind it.
      out.add(n);
    }
  }
  return out;
}

/** Whether the file imports `Arc` from std/alloc/kernel (so `Arc::new` is the one the kernel replaces). */
export function importsStdArc(ctx: { tree: FileContext['tree'] }): boolean {
  return OWN_NAMES_QUERIES.matches('uses', ctx.tree.rootNode).some((m) => /^(::)?(std|alloc|kernel)::sync::(Arc|\{[^}]*\bArc\b[^}]*\})$/.test(m.captures[0].node.text.replace(/\s+/g, '')));
}
