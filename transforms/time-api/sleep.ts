// time-api: `thread::sleep` calls and the `let d = Duration::from_*(..)`
// bindings they sleep on.
import { anchor, codeRegions, fileRange, regionMatches, type Region } from '../../src/analysis/macroargs.ts';
import { isTestCode } from '../../src/analysis/testcode.ts';
import { argsOf } from '../../src/analysis/instant-flow.ts';
import { TIME_CODES } from '../../src/kernel-api/time.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { stdItem, type Bindings } from './bindings.ts';
import { newPlan, occurrences, type Plan } from './plan.ts';
import { QUERIES } from './queries.ts';
import { durationCtor } from './span.ts';

export interface SleepSite {
  call: SyntaxNode;
  fn: SyntaxNode;
  r: Region;
}

export function sleepSites(ctx: FileContext, b: Bindings): SleepSite[] {
  const out: SleepSite[] = [];
  const names = [...new Set(['sleep', ...b.sleep])].join('|');
  const named = new RegExp(`(^|::)(${names})$`);
  for (const r of codeRegions(ctx.tree)) {
    if (!r.text.includes('sleep') && ![...b.sleep].some((n) => r.text.includes(n))) continue;
    for (const m of regionMatches(ctx, r, QUERIES, 'calls')) {
      const f = m.captures.find((c) => c.name === 'f')!.node;
      if (!named.test(f.text)) continue;
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (isTestCode(ctx.tree, anchor(call, r))) continue;
      if (f.type === 'identifier' ? !b.sleep.has(f.text) : stdItem(f, b, 'thread') !== 'sleep') continue;
      out.push({ call, fn: f, r });
    }
  }
  return out;
}

/**
 * The `let NAME = Duration::from_*(..);` a sleep's argument comes from, planned
 * once per binding: null when there is none (a parameter, a field, a typed or
 * reassigned binding) or when NAME is used for anything but sleeping.
 */
export function sleepBinding(ctx: FileContext, base: Plan, s: SleepSite, name: string, sleeps: SleepSite[], plans: Map<number, Plan & { applied?: boolean }>): (Plan & { applied?: boolean }) | null {
  let decl: SyntaxNode | null = null;
  for (let blk = s.call.parent; blk && !decl; blk = blk.parent) {
    if (blk.type === 'function_item') break;
    if (blk.type !== 'block') continue;
    for (const c of blk.namedChildren) {
      if (c.startIndex >= s.call.startIndex) break;
      const pat = c.type === 'let_declaration' ? c.childForFieldName('pattern') : null;
      if (pat?.type === 'identifier' && pat.text === name) decl = c;
    }
  }
  if (!decl || decl.childForFieldName('type') || decl.childForFieldName('alternative')) return null;
  const hit = plans.get(decl.id);
  if (hit) return hit;
  const value = decl.childForFieldName('value');
  const plan: Plan & { applied?: boolean } = { ...base, ...newPlan(ctx, base.api, base.b) };
  if (!value || !durationCtor(plan, { node: value, r: s.r })) return null;
  const args = new Set(sleeps.map((x) => (x.r.shift === 0 ? argsOf(x.call)[0]?.id : undefined)).filter((x) => x !== undefined));
  for (const o of occurrences(ctx, name, decl.endIndex, decl.parent!.endIndex)) {
    if (o.r.shift !== 0 || !args.has(o.node.id)) {
      plans.set(decl.id, { ...plan, blockers: [{ range: fileRange(s.call, s.r), code: TIME_CODES.sleepArg, message: `\`${name}\` is a \`Duration\` used for more than sleeping (line ${o.node.startPosition.row + 1} too), so it keeps its type and this sleep is not converted`, help: `sleep on a kernel span built where you sleep: \`fsleep(Delta::from_millis(ms))\` (rust/kernel/time/delay.rs), or make \`${name}\` a \`kernel::time::Delta\` by hand` }] });
      return plans.get(decl.id)!;
    }
  }
  plans.set(decl.id, plan);
  return plan;
}
