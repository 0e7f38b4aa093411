// Whether `?` on a kernel error can leave a function through its declared
// error type without a `From` impl kport would have to add or ask for.
// `?` converts with `From`: the kernel's `Error` has `From<AllocError>`
// (rust/kernel/error.rs), `AllocError` converts only into itself
// (rust/kernel/alloc.rs), and a generic `E: From<AllocError>` accepts what its
// bound says. Code that already builds in the kernel must not be reported.
import { declareQueries } from '../engine/queries.ts';
import { usePaths } from './localnames.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';

/** What the `?` produces: an allocation's `AllocError`, or a crate function's kernel `Error`. */
export type KernelErr = 'AllocError' | 'Error';

/**
 * - `yes`: the error converts (kernel `Error`, `AllocError` into itself, a bounded generic);
 * - `crate`: a type the crate defines: its `From` impls decide;
 * - `unseen`: imported from a crate module kport was not given, so it cannot tell;
 * - `no`: anything else (a std, core or other crate's type, a reference, `Box<..>`).
 */
export type Conversion = 'yes' | 'crate' | 'unseen' | 'no';

const KERNEL_ERROR = /^kernel::(error::|prelude::)?Error$/;
const KERNEL_ALLOC_ERROR = /^kernel::alloc::AllocError$/;
const QUERIES = declareQueries('error-from', { uses: '(use_declaration argument: (_) @arg)' });

export function converts(fn: SyntaxNode, tree: Tree, err: string, need: KernelErr, crateTypes: ReadonlySet<string>): Conversion {
  const text = err.replace(/\s+/g, '');
  if (!/^(::)?[A-Za-z_]\w*(::[A-Za-z_]\w*)*$/.test(text)) {
    // `MyError<T>` is still the crate's; `&str`, `Box<..>`, tuples are not.
    const head = /^(?:[A-Za-z_]\w*::)*([A-Za-z_]\w*)</.exec(text)?.[1];
    return head && crateTypes.has(head) ? 'crate' : 'no';
  }
  const segs = text.replace(/^::/, '').split('::');
  if (segs.length === 1) {
    const bounds = genericBounds(fn, segs[0]);
    if (bounds !== undefined) return new RegExp(`\\bFrom\\s*<\\s*(::)?([A-Za-z_]\\w*::)*${need}\\s*>`).test(bounds) ? 'yes' : 'no';
  }
  const full = resolve(tree, fn, segs);
  const path = full.join('::');
  if (KERNEL_ERROR.test(path)) return 'yes';
  if (KERNEL_ALLOC_ERROR.test(path)) return need === 'AllocError' ? 'yes' : 'no';
  const name = full[full.length - 1];
  const root = full[0];
  if (/^(std|core|alloc|kernel)$/.test(root) && full.length > 1) return 'no';
  if (crateTypes.has(name)) return 'crate';
  if (full.length > 1 && /^(crate|self|super)$/.test(root)) return 'unseen';
  return 'no';
}

/** The bounds written on a generic parameter of the function or its impl/trait (inline and `where`), or undefined when `name` is none. */
function genericBounds(fn: SyntaxNode, name: string): string | undefined {
  let found = false;
  const bounds: string[] = [];
  for (let p: SyntaxNode | null = fn; p; p = p.parent) {
    if (p.type !== 'function_item' && p.type !== 'impl_item' && p.type !== 'trait_item') continue;
    for (const tp of p.childForFieldName('type_parameters')?.namedChildren ?? []) {
      const id = tp.childForFieldName('name') ?? tp.namedChildren[0];
      if (id?.text !== name) continue;
      found = true;
      bounds.push(tp.text);
    }
    const where = p.namedChildren.find((c) => c.type === 'where_clause');
    for (const pred of where?.namedChildren ?? []) {
      if (pred.childForFieldName('left')?.text === name) bounds.push(pred.text);
    }
    if (found) return bounds.join(' ');
  }
  return undefined;
}

/** A path written in the function's file, with its first segment expanded through the file's `use` declarations. */
function resolve(tree: Tree, at: SyntaxNode, segs: string[]): string[] {
  if (/^(crate|self|super|std|core|alloc|kernel)$/.test(segs[0]) && segs.length > 1) return segs;
  for (const m of QUERIES.matches('uses', tree.rootNode)) {
    const arg = m.captures[0].node;
    if (!arg.parent || !visibleFrom(arg.parent, at)) continue;
    for (const { path, alias } of usePaths(arg.text)) {
      const last = alias ?? path[path.length - 1];
      if (last === 'self' && path.length > 1 && path[path.length - 2] === segs[0] && !alias) return [...path.slice(0, -1), ...segs.slice(1)];
      if (last === segs[0]) return [...(path[path.length - 1] === 'self' ? path.slice(0, -1) : path), ...segs.slice(1)];
    }
  }
  return segs;
}

/** A `use` reaches `at` when it sits in the same module (or block) or one around it, with no `mod` between. */
function visibleFrom(use: SyntaxNode, at: SyntaxNode): boolean {
  const scope = use.parent;
  if (!scope) return false;
  for (let p: SyntaxNode | null = at.parent; p; p = p.parent) {
    if (p.id === scope.id) return true;
    if (p.type === 'mod_item') return false;
  }
  return false;
}
