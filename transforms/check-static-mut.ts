import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform } from '../src/engine/types.ts';

/**
 * check-static-mut: report `static mut`. Every access is a data race waiting
 * for a second CPU; kernel code uses atomics or a lock.
 *
 *   static mut COUNT: u32 = 0;   → K0650
 */

const STATIC_MUT = '(static_item (mutable_specifier) name: (identifier) @name) @item';

function run(ctx: FileContext): void {
  for (const m of ctx.matches('staticMut')) {
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node;
    if (isTestCode(ctx.tree, item)) continue;
    const mutKw = item.children.find((c) => c.type === 'mutable_specifier')!;
    ctx.report({
      code: 'K0650',
      message: `\`static mut ${name.text}\` is shared by every CPU without synchronisation`,
      range: { start: item.startIndex, end: name.endIndex > mutKw.endIndex ? name.endIndex : mutKw.endIndex },
      help: 'use an atomic (`core::sync::atomic::AtomicU32`, ...) for a counter or flag, or keep the state in the module struct behind a `kernel::sync` lock',
    });
  }
}

export const checkStaticMut: FileTransform = {
  id: 'check-static-mut',
  scope: 'file',
  summary: 'Report `static mut` items, which are unsynchronised shared state in the kernel.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  words: ['static'],
  applies: (text) => /\bstatic\s+mut\b/.test(text),
  queries: { staticMut: STATIC_MUT },
  run,
  codes: [
    {
      code: 'K0650',
      severity: 'warning',
      title: '`static mut` is unsynchronised shared state',
      explanation: `A \`static mut\` is shared by every CPU and context without synchronisation; any
access is a potential data race (and Rust 2024 rejects references to it). Use
an atomic for a counter or flag (\`core::sync::atomic\`), or keep the state in the
module struct behind a lock from \`kernel::sync\` (rust/kernel/sync.rs).

Before:
    static mut OPENS: u32 = 0;
    unsafe { OPENS += 1 };
After:
    static OPENS: AtomicU32 = AtomicU32::new(0);
    OPENS.fetch_add(1, Ordering::Relaxed);`,
    },
  ],
};
