// check-std-api: one file's run (what it knows, what it reported) and the
// helpers every kind of check uses.
import type { Region } from '../../src/analysis/macroargs.ts';
import type { Resolver } from '../../src/analysis/vec-resolver.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';

export interface FileRun {
  ctx: FileContext;
  resolver: Resolver;
  /** Names the crate defines as methods: not evidence of a std method. */
  methods: Set<string>;
  /** Types of the file's own (or imported from elsewhere) that share a std name. */
  own: (name: string) => boolean;
  done: Set<string>;
  lineStarts: number[];
}

export function report(run: FileRun, r: Region, from: SyntaxNode, to: SyntaxNode, code: string, message: string, help: string): void {
  const start = from.startIndex + r.shift;
  const end = to.endIndex + r.shift;
  const key = `${start}:${end}`;
  if (run.done.has(key)) return;
  run.done.add(key);
  run.ctx.report({ code, message, range: { start, end }, help });
}

export function lineOf(run: FileRun, offset: number): number {
  const ls = run.lineStarts;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function insideUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type.endsWith('_item') || p.type === 'block') return false;
  }
  return false;
}
