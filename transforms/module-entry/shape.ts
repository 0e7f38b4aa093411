// module-entry: main's signature (what init can return) and the small syntax
// helpers the rewrite shares.
import type { SyntaxNode } from '../../src/engine/types.ts';

/** Nodes that start a new function body: `return` inside them is not main's. */
const FN_LIKE = new Set(['closure_expression', 'function_item', 'async_block', 'const_block', 'impl_item', 'trait_item', 'mod_item']);
/** Expressions that end with a block: as a statement they need no `;`. */
export const BLOCK_LIKE = new Set(['if_expression', 'match_expression', 'loop_expression', 'while_expression', 'for_expression', 'block', 'unsafe_block']);

export function ownFn(n: SyntaxNode, main: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === main.id) return true;
    if (FN_LIKE.has(p.type)) return false;
  }
  return false;
}

export type Shape = { kind: 'unit' } | { kind: 'result'; errorType?: string } | { kind: 'other'; text: string };

export function shapeOf(fn: SyntaxNode): Shape {
  const rt = fn.childForFieldName('return_type');
  if (!rt || rt.type === 'unit_type') return { kind: 'unit' };
  // The kernel's own alias: `Result` is `Result<(), Error>` (rust/kernel/error.rs).
  if (/^((::)?kernel::(error::)?|crate::)?Result$/.test(rt.text) && (rt.type === 'type_identifier' || rt.type === 'scoped_type_identifier')) return { kind: 'result' };
  if (rt.type === 'generic_type') {
    const name = rt.childForFieldName('type')!;
    const args = rt.childForFieldName('type_arguments');
    const types = args ? args.namedChildren.filter((c) => !c.type.endsWith('comment')) : [];
    if (/^((::)?std::(result|io)::|io::|(::)?core::result::|anyhow::)?Result$/.test(name.text) && types[0]?.type === 'unit_type') {
      return { kind: 'result', errorType: types[1]?.text ?? (name.text.includes('io') ? 'std::io::Error' : name.text.startsWith('anyhow') ? 'anyhow::Error' : undefined) };
    }
  }
  return { kind: 'other', text: rt.text };
}

export function isCall(n: SyntaxNode, name: string): boolean {
  return n.type === 'call_expression' && n.childForFieldName('function')?.text === name;
}

export function isOkUnit(n: SyntaxNode): boolean {
  if (!isCall(n, 'Ok')) return false;
  const args = n.childForFieldName('arguments')!.namedChildren;
  return args.length === 1 && args[0].type === 'unit_expression';
}

/** A `loop` statement without a `break`: init never gets past it. */
export function endless(n: SyntaxNode | undefined): boolean {
  const e = n?.type === 'expression_statement' ? n.namedChildren[0] : n;
  return e?.type === 'loop_expression' && e.descendantsOfType('break_expression').length === 0;
}
