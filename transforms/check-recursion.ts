import { isTestCode } from '../src/analysis/testcode.ts';
import { declaringItem, scopesAround } from '../src/analysis/ancestors.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * check-recursion: report functions that call themselves. Kernel stacks are
 * small (8–16 KiB, no guard page on some configurations): recursion whose
 * depth depends on the input can overflow them.
 *
 *   fn depth(n: &Node) -> u32 { 1 + n.kids.iter().map(depth).max()... }
 *   fn fact(n: u64) -> u64 { if n == 0 { 1 } else { n * fact(n - 1) } }   → K0630
 */

const CALLS = '(call_expression function: (_) @f) @call';

/** The function item a node belongs to (not crossing into another fn). */
function enclosingFn(n: SyntaxNode): SyntaxNode | null {
  // By ranges when they tell (src/analysis/ancestors.ts), else a walk up.
  const around = scopesAround(n);
  if (around) return around.find((p) => p.type === 'function_item') ?? null;
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_item') return p;
  return null;
}

/** The impl/trait a function item is directly declared in, if any. */
function owner(fn: SyntaxNode): SyntaxNode | null {
  const o = declaringItem(fn);
  return o && (o.type === 'impl_item' || o.type === 'trait_item') ? o : null;
}

function isSelfCall(f: SyntaxNode, fn: SyntaxNode, name: string): boolean {
  const own = owner(fn);
  if (!own) return f.type === 'identifier' && f.text === name;
  // In an impl, a bare `name(..)` is a free function, not this method.
  if (f.type === 'field_expression') return f.childForFieldName('value')?.type === 'self' && f.childForFieldName('field')?.text === name;
  if (f.type === 'scoped_identifier') {
    if (f.childForFieldName('name')?.text !== name) return false;
    const path = f.childForFieldName('path')?.text ?? '';
    const selfType = own.type === 'impl_item' ? own.childForFieldName('type')?.text.replace(/<.*$/s, '') : undefined;
    return path === 'Self' || (!!selfType && path === selfType);
  }
  return false;
}

function run(ctx: FileContext): void {
  const reported = new Set<number>();
  for (const m of ctx.matches('calls')) {
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const f = m.captures.find((c) => c.name === 'f')!.node;
    // Only a name, a path or a method call can name the function itself (isSelfCall).
    if (f.type !== 'identifier' && f.type !== 'field_expression' && f.type !== 'scoped_identifier') continue;
    const fn = enclosingFn(call);
    if (!fn || reported.has(fn.id)) continue;
    const name = fn.childForFieldName('name')?.text;
    if (!name || !isSelfCall(f, fn, name)) continue;
    if (isTestCode(ctx.tree, call)) continue;
    reported.add(fn.id);
    ctx.report({
      code: 'K0630',
      message: `\`${name}\` calls itself; recursion can overflow the small kernel stack`,
      node: call,
      help: 'rewrite it as a loop with an explicit, bounded work list (a fixed array or a `KVec` grown with `push(.., GFP_KERNEL)?`), or prove a small depth bound and say so in a comment',
    });
  }
}

export const checkRecursion: FileTransform = {
  id: 'check-recursion',
  scope: 'file',
  summary: 'Report functions that call themselves directly.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  queries: { calls: CALLS },
  run,
  codes: [
    {
      code: 'K0630',
      severity: 'warning',
      title: 'a function calls itself',
      explanation: `Kernel stacks are small (8–16 KiB) and an overflow is fatal. A function that calls
itself with a depth that depends on its input can overflow it. Rewrite the
recursion as a loop over an explicit, bounded work list, or prove that the
depth is small and document the bound.

Before:
    fn fact(n: u64) -> u64 {
        if n == 0 { 1 } else { n * fact(n - 1) }
    }
After:
    fn fact(n: u64) -> u64 {
        (1..=n).product()
    }`,
    },
  ],
};
