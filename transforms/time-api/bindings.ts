// time-api: what the file's `use` declarations bring in from std::time and
// std::thread, and what a path names through them.
import { localNames } from '../../src/analysis/localnames.ts';
import { pathSegs, useLeaves, type UseLeaf } from '../../src/rewrite/use-tree.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';

export interface Bindings {
  /** Bare names that stand for std's Instant / Duration / SystemTime, UNIX_EPOCH / thread::sleep. */
  instant: Set<string>;
  duration: Set<string>;
  wall: Set<string>;
  sleep: Set<string>;
  /** Names of the std `time` / `thread` modules. */
  timeMod: Set<string>;
  threadMod: Set<string>;
  /** Use leaves, by what they import. */
  leaves: { decl: SyntaxNode; leaf: UseLeaf; what: 'instant' | 'duration' | 'wall' | 'sleep' | 'timeMod' | 'threadMod' }[];
}

function isStd(l: UseLeaf): boolean {
  return l.segs[0] === 'std' || l.segs[0] === 'core';
}

export function bindings(ctx: FileContext): Bindings {
  const b: Bindings = { instant: new Set(), duration: new Set(), wall: new Set(), sleep: new Set(), timeMod: new Set(), threadMod: new Set(), leaves: [] };
  const defined = localNames(ctx.tree).defined;
  for (const m of ctx.matches('uses')) {
    const decl = m.captures.find((c) => c.name === 'use')!.node;
    for (const leaf of useLeaves(m.captures.find((c) => c.name === 'arg')!.node)) {
      if (!isStd(leaf)) continue;
      const s = leaf.segs;
      const core = s[0] === 'core';
      const name = leaf.alias ?? s[s.length - 1];
      const add = (what: Bindings['leaves'][number]['what'], set: Set<string>, n: string) => {
        if (defined.has(n)) return;
        set.add(n);
        b.leaves.push({ decl, leaf, what });
      };
      if (s[1] === 'time' && s.length === 3 && leaf.kind === 'name') {
        if (s[2] === 'Instant' && !core) add('instant', b.instant, name);
        else if (s[2] === 'Duration') add('duration', b.duration, name);
        else if ((s[2] === 'SystemTime' || s[2] === 'UNIX_EPOCH') && !core) add('wall', b.wall, name);
      } else if (s[1] === 'time' && s.length === 2 && !core) {
        if (leaf.kind === 'glob') {
          for (const n of ['Instant', 'SystemTime', 'UNIX_EPOCH', 'Duration']) if (!defined.has(n)) (n === 'Instant' ? b.instant : n === 'Duration' ? b.duration : b.wall).add(n);
        } else add('timeMod', b.timeMod, leaf.kind === 'self' ? (leaf.alias ?? 'time') : name);
      } else if (s[1] === 'thread' && !core) {
        if (s.length === 3 && s[2] === 'sleep' && leaf.kind === 'name') add('sleep', b.sleep, name);
        else if (s.length === 2 && leaf.kind === 'glob') {
          if (!defined.has('sleep')) b.sleep.add('sleep');
        } else if (s.length === 2) add('threadMod', b.threadMod, leaf.kind === 'self' ? (leaf.alias ?? 'thread') : name);
      }
    }
  }
  return b;
}

/** What a path node names: `std::time::X`, `time::X` (module import), or a bare imported name. */
export function stdItem(n: SyntaxNode, b: Bindings, mod: 'time' | 'thread'): string | undefined {
  if (n.type === 'identifier' || n.type === 'type_identifier') return n.text;
  if (n.type !== 'scoped_identifier' && n.type !== 'scoped_type_identifier') return undefined;
  const p = n.childForFieldName('path');
  if (!p) return undefined;
  const segs = pathSegs(p).segs;
  const name = n.childForFieldName('name')?.text;
  const mods = mod === 'time' ? b.timeMod : b.threadMod;
  if ((segs.length === 2 && segs[0] === 'std' && segs[1] === mod) || (segs.length === 1 && mods.has(segs[0]))) return name;
  if (mod === 'time' && segs.length === 2 && segs[0] === 'core' && segs[1] === 'time') return name === 'Duration' ? name : undefined;
  return undefined;
}
