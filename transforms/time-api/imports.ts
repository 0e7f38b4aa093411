// time-api: which std imports the conversion empties, and the kernel names
// it writes (bare under one new `use`, or qualified).
import { fileRange } from '../../src/analysis/macroargs.ts';
import { codeUses, key } from '../../src/analysis/instant-flow.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { inRawTokens } from './plan.ts';

export function byName(a: string, b: string): number {
  const k = (s: string) => s.toLowerCase();
  return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
}

export function qualify(text: string, names: Set<string>): string {
  let out = text;
  for (const full of names) {
    const short = full.replace(/^.*::/, '');
    out = out.replace(new RegExp(`(?<![\\w:])${short}\\b`, 'g'), `kernel::time::${full}`);
  }
  return out;
}

export function insideModule(ctx: FileContext, at: number): boolean {
  for (let n: SyntaxNode | null = ctx.tree.rootNode.descendantForIndex(at); n; n = n.parent) if (n.type === 'mod_item') return true;
  return false;
}

/**
 * Whether every use of an imported name in code (outside tests) is one kport
 * rewrote: the name itself (`sleep(..)`, `Instant::now()`) or a path through it
 * (`thread::sleep`, `time::Instant`). Then its std import can go.
 */
export function usesConverted(ctx: FileContext, name: string, converted: Set<string>): { all: boolean; any: boolean } {
  let any = false;
  for (const { node: n, r } of codeUses(ctx, [name])) {
    const p = n.parent;
    const scoped = p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier');
    // `a::name` is another item's path, not this import.
    if (scoped && p.childForFieldName('name')?.id === n.id) continue;
    if (inRawTokens(n)) return { all: false, any };
    const hit = converted.has(key(fileRange(n, r))) || (scoped && converted.has(key(fileRange(p, r))));
    if (!hit) return { all: false, any };
    any = true;
  }
  return { all: true, any };
}
