// std-paths: what becomes of one std path, from the profile's table
// (src/kernel-api/std-paths.ts).
import { STD_CODES, lookup, type StdPathTable, type StdTarget } from '../../src/kernel-api/std-paths.ts';

/** What becomes of one std path. */
export type Fate =
  | { kind: 'rewrite'; prefix: string; depth: number; note?: { code: string; message: string; help: string } } // replace the first `depth` segments after the root (and the root) with `prefix`
  | { kind: 'prelude'; name: string; depth: number }
  | { kind: 'report'; code: string; message: string; help: string; from?: string }
  | { kind: 'keep' };

export function fateOf(table: StdPathTable, root: string, segs: readonly string[]): Fate {
  const hit = lookup(table, segs);
  if (!hit) {
    return {
      kind: 'report',
      code: STD_CODES.other,
      message: '`{path}` has no known kernel equivalent',
      help: 'kernel code has only `core` and the `kernel` crate (rust/kernel/lib.rs); find the kernel API that does this job',
    };
  }
  return targetFate(hit.entry.target, hit.depth, segs);
}

export function targetFate(t: StdTarget, depth: number, segs: readonly string[]): Fate {
  if (t.kind === 'path') {
    // Substitute as little as possible: `std::mem` → `core::mem` is `std` → `core`, so
    // `use std::{mem, ptr}` keeps its braces, comments and layout.
    const to = t.to.split('::');
    while (depth > 0 && to.length > 1 && to[to.length - 1] === segs[depth - 1]) {
      to.pop();
      depth--;
    }
    return { kind: 'rewrite', prefix: to.join('::'), depth, ...(t.note ? { note: t.note } : {}) };
  }
  if (t.kind === 'prelude') return { kind: 'prelude', name: t.name, depth };
  if (t.kind === 'owned') return { kind: 'keep' };
  return { kind: 'report', code: t.code, message: t.message, help: t.help, from: segs.slice(0, depth).join('::') };
}
