// time-api: wall-clock time and floating-point Durations, reported only.
import { localNames } from '../../src/analysis/localnames.ts';
import { anchor, codeRegions, fileRange, regionMatches, shadowed, type Region } from '../../src/analysis/macroargs.ts';
import { isTestCode } from '../../src/analysis/testcode.ts';
import { TIME_CODES, type TimeApi } from '../../src/kernel-api/time.ts';
import type { FileContext } from '../../src/engine/types.ts';
import { stdItem, type Bindings } from './bindings.ts';
import type { Range } from './plan.ts';
import { QUERIES } from './queries.ts';
import { capturesOf } from '../../src/engine/queries.ts';

/** SystemTime / UNIX_EPOCH and float Duration methods: reported, never rewritten. */
export function floatsAndWallClock(ctx: FileContext, b: Bindings, api: TimeApi, report: (r: Range, code: string, m: string, h: string) => void): void {
  const root: Region = { root: ctx.tree.rootNode, shift: 0, text: ctx.text };
  for (const l of b.leaves) if (l.what === 'wall' && !isTestCode(ctx.tree, l.decl)) report(fileRange(l.leaf.node, root), TIME_CODES.wallClock, `\`${l.leaf.segs.join('::')}\`: wall-clock time has no kernel equivalent`, api.wallHelp);
  const defined = localNames(ctx.tree).defined;
  for (const r of codeRegions(ctx.tree)) {
    if (/SystemTime|UNIX_EPOCH/.test(r.text)) {
      for (const c of capturesOf(regionMatches(ctx, r, QUERIES, 'wall'))) {
        const p = c.node.parent;
        if (!p || (p.type !== 'scoped_identifier' && p.type !== 'scoped_type_identifier') || p.childForFieldName('name')?.id !== c.node.id) continue;
        if (stdItem(p, b, 'time') !== c.node.text || shadowed(ctx.tree, c.node, r) || isTestCode(ctx.tree, anchor(p, r))) continue;
        let inUse = false;
        for (let a = p.parent; a; a = a.parent) if (a.type === 'use_declaration') inUse = true;
        if (!inUse) report(fileRange(p, r), TIME_CODES.wallClock, `\`${p.text}\`: wall-clock time has no kernel equivalent`, api.wallHelp);
      }
    }
    if (!/_f(32|64)/.test(r.text)) continue;
    for (const m of regionMatches(ctx, r, QUERIES, 'floats')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node;
      const ty = m.captures.find((c) => c.name === 'ty')?.node;
      if (defined.has(name.text) || isTestCode(ctx.tree, anchor(call, r)) || shadowed(ctx.tree, name, r)) continue;
      if (ty && stdItem(ty, b, 'time') !== 'Duration' && !(ty.type === 'identifier' && b.duration.has(ty.text))) continue;
      report(fileRange(call, r), TIME_CODES.float, `\`${ty ? `${ty.text}::${name.text}(..)` : `.${name.text}()`}\` is floating point: kernel code has no floats`, 'count in integer units: `Duration::from_millis`, `.as_millis()`, `.as_nanos()` (the kernel saves no FPU state for kernel code)');
    }
  }
}
