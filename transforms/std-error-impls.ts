import { query } from '../src/engine/queries.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { lineRemovalRange } from '../src/rewrite/remove-lines.ts';
import { inRanges, testRanges } from '../src/analysis/testcode.ts';
import { pathSegs, renderUse, useLeaves, type UseLeaf } from '../src/rewrite/use-tree.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * std-error-impls: `impl std::error::Error for T {}` goes; the kernel has no
 * error trait to implement.
 *
 *   use std::error::Error;               →  (removed, when nothing else uses it)
 *   impl Error for ParseError {}         →  (removed, K0331)
 *   impl std::error::Error for E { fn source(..) .. }  →  reported (K0332)
 */

const IMPLS = '(impl_item trait: (_) @trait body: (declaration_list) @body) @impl';
const USES = '(use_declaration argument: (_) @arg) @use';
const COMMENTS = new Set(['line_comment', 'block_comment']);

interface Import {
  decl: SyntaxNode;
  leaf: UseLeaf;
  /** The name it binds (its alias, or the last segment). */
  local: string;
}

/** The module or block a `use` names things in. */
function scopeOf(decl: SyntaxNode): SyntaxNode | null {
  return decl.parent;
}

/** Whether a `use` in `scope` reaches `at` (no `mod` between them). */
function reaches(scope: SyntaxNode, at: SyntaxNode): boolean {
  for (let p = at.parent; p; p = p.parent) {
    if (p.id === scope.id) return true;
    if (p.type === 'mod_item') return false;
  }
  return false;
}

function isStd(segs: readonly string[]): boolean {
  return segs[0] === 'std' || segs[0] === 'alloc';
}

/**
 * The import that makes the trait path mean `std::error::Error`, `'path'` when
 * the path says so itself, or undefined when it means something else.
 */
function stdErrorTrait(trait: SyntaxNode, imports: Import[]): Import | 'path' | undefined {
  if (trait.type !== 'type_identifier' && trait.type !== 'scoped_type_identifier') return undefined;
  const { segs } = pathSegs(trait);
  if (segs.length === 3 && isStd(segs) && segs[1] === 'error' && segs[2] === 'Error') return 'path';
  const visible = imports.filter((i) => i.leaf.kind !== 'glob' && reaches(scopeOf(i.decl)!, trait));
  if (segs.length === 2 && segs[1] === 'Error') {
    // `error::Error` after `use std::error;` (or `use std::{self, error}`).
    const mod = visible.find((i) => i.local === segs[0]);
    return mod && isStd(mod.leaf.segs) && mod.leaf.segs.slice(1).join('::') === 'error' ? mod : undefined;
  }
  if (segs.length === 1) {
    const hit = visible.find((i) => i.local === segs[0]);
    if (hit) return isStd(hit.leaf.segs) && hit.leaf.segs.slice(1).join('::') === 'error::Error' ? hit : undefined;
    // `use std::error::*;`
    const glob = imports.find((i) => i.leaf.kind === 'glob' && reaches(scopeOf(i.decl)!, trait) && isStd(i.leaf.segs) && i.leaf.segs.slice(1).join('::') === 'error');
    return glob && segs[0] === 'Error' ? glob : undefined;
  }
  return undefined;
}

function run(ctx: FileContext): void {
  const imports: Import[] = [];
  for (const m of ctx.matches('uses')) {
    const decl = m.captures.find((c) => c.name === 'use')!.node;
    for (const leaf of useLeaves(m.captures.find((c) => c.name === 'arg')!.node)) {
      const local = leaf.kind === 'glob' ? '*' : (leaf.alias ?? (leaf.kind === 'self' ? leaf.segs[leaf.segs.length - 1] : leaf.segs[leaf.segs.length - 1]));
      imports.push({ decl, leaf, local });
    }
  }
  const tests = testRanges(ctx.tree);
  const removed: SyntaxNode[] = [];
  const cuts: { start: number; end: number }[] = [];
  const via = new Set<Import>();
  for (const m of ctx.matches('impls')) {
    const impl = m.captures.find((c) => c.name === 'impl')!.node;
    const trait = m.captures.find((c) => c.name === 'trait')!.node;
    const body = m.captures.find((c) => c.name === 'body')!.node;
    if (impl.hasError) continue;
    const how = stdErrorTrait(trait, imports);
    if (!how) continue;
    const type = impl.childForFieldName('type')?.text.replace(/\s+/g, ' ') ?? 'the type';
    const items = body.namedChildren.filter((c) => !COMMENTS.has(c.type));
    if (items.length) {
      // `source`/`description`/`cause` have callers kport cannot see: a person decides.
      if (!inRanges(tests, impl.startIndex, impl.endIndex)) {
        ctx.report({
          code: 'K0332',
          message: `\`impl ${trait.text} for ${type}\` has methods, and the kernel has no error trait to implement`,
          node: impl,
          help: `remove the impl and give its methods to \`${type}\` itself (an inherent \`impl ${type} { .. }\`), then map the error to a kernel \`Error\` (\`impl From<${type}> for kernel::error::Error\`) where it leaves a kernel function`,
        });
      }
      continue;
    }
    removed.push(impl);
    if (how !== 'path') via.add(how);
    if (!inRanges(tests, impl.startIndex, impl.endIndex)) {
      ctx.report({
        code: 'K0331',
        message: `removed \`impl ${trait.text} for ${type} {}\`: the kernel has no error trait (its \`Error\` is the errno type of rust/kernel/error.rs)`,
        node: impl,
        help: `\`${type}\` keeps its other impls; where it must leave a kernel function as an error, add \`impl From<${type}> for kernel::error::Error\``,
      });
    }
    cuts.push(itemRange(ctx, attributesOf(ctx, impl)[0] ?? impl, impl));
  }
  if (via.size) dropImports(ctx, [...via], removed, cuts);
  removeAll(ctx, cuts);
}

/** The range of an item's lines (with its attributes), or of the item alone when it shares a line. */
function itemRange(ctx: FileContext, first: SyntaxNode, last: SyntaxNode): { start: number; end: number } {
  return lineRemovalRange(ctx.text, first.startIndex, last.endIndex);
}

/**
 * Apply removals. Ranges with only blank lines between them merge, and a merged
 * run of whole lines takes one blank line around it along, so no doubled or
 * dangling blank line is left (before `}`, after `{`, at either end of the file).
 */
function removeAll(ctx: FileContext, ranges: { start: number; end: number }[]): void {
  const text = ctx.text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const top = merged[merged.length - 1];
    if (top && (r.start <= top.end || /^\s*$/.test(text.slice(top.end, r.start)))) top.end = Math.max(top.end, r.end);
    else merged.push({ ...r });
  }
  const blank = (s: string) => /^[ \t]*$/.test(s);
  for (const r of merged) {
    const whole = (r.start === 0 || text[r.start - 1] === '\n') && (r.end === text.length || text[r.end - 1] === '\n');
    if (whole) {
      const prevStart = r.start === 0 ? -1 : text.lastIndexOf('\n', r.start - 2) + 1;
      const prev = prevStart === -1 ? undefined : text.slice(prevStart, r.start - 1);
      const nl = text.indexOf('\n', r.end);
      const next = r.end === text.length ? undefined : text.slice(r.end, nl === -1 ? text.length : nl);
      if (next !== undefined && nl !== -1 && blank(next) && (prev === undefined || blank(prev) || /\{[ \t]*$/.test(prev))) r.end = nl + 1;
      else if (prev !== undefined && blank(prev) && (next === undefined || /^[ \t]*\}/.test(next))) r.start = prevStart;
    }
    ctx.edits.replace(r, '');
  }
}

/** Outer attributes (and doc comments) directly above an item. */
function attributesOf(ctx: FileContext, item: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur = item.previousSibling;
  let next = item;
  while (cur && (cur.type === 'attribute_item' || (cur.type === 'line_comment' && /^\/\/\/(?!\/)/.test(cur.text))) && !/\n[ \t]*\n/.test(ctx.text.slice(cur.endIndex, next.startIndex))) {
    out.unshift(cur);
    next = cur;
    cur = cur.previousSibling;
  }
  return out;
}

/** `Error` in `a::Error`: a segment of another path, not a use of an import. */
function pathTail(n: SyntaxNode): boolean {
  const p = n.parent;
  return !!p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('name')?.id === n.id;
}

/** Remove the imports that only served the removed impls. */
function dropImports(ctx: FileContext, imports: Import[], removed: SyntaxNode[], cuts: { start: number; end: number }[]): void {
  const gone = removed.map((n) => ({ start: n.startIndex, end: n.endIndex }));
  const byDecl = new Map<number, { decl: SyntaxNode; drop: Set<number> }>();
  for (const imp of imports) {
    if (imp.leaf.kind === 'glob') continue;
    const scope = scopeOf(imp.decl)!;
    const name = imp.local;
    if (!/^[A-Za-z_]\w*$/.test(name)) continue;
    // Any other use of the name where this import reaches keeps it. (A query of its own: it names
    // the import, and it runs only for the imports of removed impls.)
    const q = `((identifier) @n (#eq? @n "${name}")) ((type_identifier) @n (#eq? @n "${name}"))`;
    const used = query(q)
      .captures(scope)
      .some((c) => !inRanges(gone, c.node.startIndex, c.node.endIndex) && !(c.node.startIndex >= imp.decl.startIndex && c.node.endIndex <= imp.decl.endIndex) && !pathTail(c.node) && reaches(scope, c.node));
    // A macro may use it through tokens the tree does not show as names.
    const inMacros = query('(token_tree) @t').captures(scope).some((c) => !inRanges(gone, c.node.startIndex, c.node.endIndex) && new RegExp(`\\b${name}\\b`).test(c.node.text));
    if (used || inMacros) continue;
    const entry = byDecl.get(imp.decl.id) ?? { decl: imp.decl, drop: new Set<number>() };
    entry.drop.add(imp.leaf.node.id);
    byDecl.set(imp.decl.id, entry);
  }
  for (const { decl, drop } of byDecl.values()) {
    if (decl.hasError) continue;
    const arg = decl.childForFieldName('argument')!;
    const keep = new Set(useLeaves(arg).filter((l) => !drop.has(l.node.id)).map((l) => l.node.id));
    const text = renderUse(ctx.text, decl, keep);
    if (text === null) {
      cuts.push(itemRange(ctx, attributesOf(ctx, decl)[0] ?? decl, decl));
    } else if (text !== decl.text) ctx.edits.replace(decl, text);
  }
}

export const stdErrorImpls: FileTransform = {
  id: 'std-error-impls',
  scope: 'file',
  summary: 'Remove empty `impl std::error::Error for T {}` blocks, and report those with methods.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['error'],
  applies: (text) => /\bimpl\b/.test(text) && /\berror\b/.test(text) && /\b(std|alloc)\b/.test(text),
  queries: { uses: USES, impls: IMPLS },
  run,
  codes: [
    {
      code: 'K0331',
      severity: 'note',
      title: 'an empty `impl std::error::Error` was removed',
      explanation: `The kernel has no error trait: \`kernel::error::Error\` is a struct holding an
errno (rust/kernel/error.rs), and the kernel prelude brings it in under the name
\`Error\`. An empty \`impl std::error::Error for T {}\` only marked \`T\` for
\`Box<dyn Error>\` and \`?\` conversions, which kernel code does not use, so kport
removes it (and the \`use std::error::Error;\` that served only it). Where \`T\` must
leave a kernel function as an error, convert it to an errno.

Before:
    impl std::error::Error for ParseError {}
After:
    impl From<ParseError> for kernel::error::Error {
        fn from(_: ParseError) -> Self {
            EINVAL
        }
    }`,
    },
    {
      code: 'K0332',
      severity: 'error',
      title: 'an `impl std::error::Error` with methods has no kernel form',
      explanation: `The impl gives \`std::error::Error\` methods (\`source\`, \`description\`, \`cause\`),
but the kernel has no error trait, so it does not build. kport does not remove it:
code elsewhere may call those methods. Move them into an inherent impl of the type
and convert the type into a kernel error where it leaves a kernel function.

Before:
    impl std::error::Error for LoadError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> { Some(&self.inner) }
    }
After (by hand):
    impl LoadError {
        fn inner(&self) -> &ParseError { &self.inner }
    }`,
    },
  ],
};
