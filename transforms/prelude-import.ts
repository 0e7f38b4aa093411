import { useLeaves } from '../src/rewrite/use-tree.ts';
import { topInsertPoint } from '../src/rewrite/top-insert.ts';
import { atFileLevel } from '../src/analysis/file-level.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';

/**
 * prelude-import: every module file that uses a name the kernel prelude
 * provides gets `use kernel::prelude::*;` once.
 *
 *   //! Doc.                     //! Doc.
 *   use core::mem;          →    use kernel::prelude::*;
 *   fn f() { pr_info!(..) }      use core::mem;
 */

// Names from rust/kernel/prelude.rs (mainline) that ported code uses unqualified.
const PRELUDE_MACROS = ['pr_info', 'pr_err', 'pr_warn', 'pr_debug', 'pr_notice', 'pr_alert', 'pr_crit', 'pr_emerg', 'module', 'fmt', 'pin_init', 'try_pin_init', 'try_init'];
const PRELUDE_TYPES = ['Vec', 'Box', 'KVec', 'KBox', 'KVVec', 'KVBox', 'VVec', 'VBox', 'ThisModule', 'CStr', 'PinInit', 'InPlaceInit'];
const PRELUDE_VALUES = ['GFP_KERNEL', 'GFP_ATOMIC', 'GFP_NOWAIT', '__GFP_ZERO', 'ENOMEM', 'EINVAL'];

// Separate patterns: the binding ignores predicates inside an alternation.
const NEEDS = `
  (macro_invocation macro: (identifier) @n (#match? @n "^(${PRELUDE_MACROS.join('|')})$"))
  ((type_identifier) @n (#match? @n "^(${PRELUDE_TYPES.join('|')})$"))
  ((identifier) @n (#match? @n "^(${PRELUDE_VALUES.join('|')})$"))
`;
const ANY_NAME = new RegExp(`\\b(${[...PRELUDE_MACROS, ...PRELUDE_TYPES, ...PRELUDE_VALUES].join('|')})\\b`);
const EXISTING = '(use_declaration argument: (_) @arg)';

function hasPreludeImport(ctx: FileContext): boolean {
  return ctx
    .matches('existing')
    // `use kernel::prelude::*;` or a group that holds it: `use kernel::{prelude::*, ..};`.
    .some((m) => atFileLevel(m.captures[0].node.parent!) && useLeaves(m.captures[0].node).some((l) => l.kind === 'glob' && l.segs.join('::') === 'kernel::prelude'));
}

function run(ctx: FileContext): void {
  if (hasPreludeImport(ctx)) return;
  // Each pattern has one capture: its matches hold the same nodes as its captures.
  const needed = ctx.matches('needs').some((m) => !isQualified(m.captures[0].node));
  if (!needed) return;

  const top = topInsertPoint(ctx);
  if (!top) return;
  const blank = top.first.type === 'use_declaration' ? '' : '\n';
  ctx.edits.insert(top.at, `use kernel::prelude::*;\n${blank}`);
}

/** `kernel::pr_cont!` or `foo::KVec` name their own path: no import needed. */
function isQualified(n: SyntaxNode): boolean {
  const p = n.parent;
  return !!p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('name')?.id === n.id;
}

export const preludeImport: FileTransform = {
  id: 'prelude-import',
  scope: 'file',
  summary: 'Add `use kernel::prelude::*;` once to each module file that uses a prelude name.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: [...PRELUDE_MACROS, ...PRELUDE_TYPES, ...PRELUDE_VALUES],
  applies: (text) => ANY_NAME.test(text),
  queries: { existing: EXISTING, needs: NEEDS },
  run,
};
