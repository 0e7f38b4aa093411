// Turning a function body into one that returns `Result`: where its value
// comes out (the tail, through `if`/`match`/block tails, and each `return`),
// as insertions only, so they compose with the `?` a crate pass adds at the
// same places. Each insertion has a rank: at one offset, lower ranks go first
// (`f()` + `?` + `)` must read `f()?)`, never `f())?`).
import { declareQueries } from '../engine/queries.ts';
import type { SyntaxNode } from '../engine/types.ts';

export interface Insertion {
  at: number;
  text: string;
  rank: number;
}

/** Ranks of the insertions at one offset, in output order. */
export const RANK = { open: 0, ok: 1, try: 2, semi: 3, close: 4, tail: 5 } as const;

const STATEMENTS = new Set(['let_declaration', 'expression_statement', 'empty_statement', 'macro_definition', 'attribute_item', 'inner_attribute_item']);
const DIVERGING_MACROS = /^(core::|std::)?(panic|unreachable|todo|unimplemented)$/;

function isStatement(n: SyntaxNode): boolean {
  return STATEMENTS.has(n.type) || n.type.endsWith('_item') || n.type.endsWith('_declaration');
}

function isComment(n: SyntaxNode): boolean {
  return n.type === 'line_comment' || n.type === 'block_comment';
}

function diverges(e: SyntaxNode): boolean {
  if (e.type === 'return_expression' || e.type === 'break_expression' || e.type === 'continue_expression') return true;
  if (e.type === 'macro_invocation') return DIVERGING_MACROS.test(e.childForFieldName('macro')?.text ?? '');
  return false;
}

/** Leading whitespace of the line that holds `pos`. */
export function indentAt(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** `Ok(..)` around the value an expression produces: through `if`, `match` and block tails. */
export function wrapValue(e: SyntaxNode, out: Insertion[]): void {
  if (diverges(e)) return;
  switch (e.type) {
    case 'if_expression': {
      const cons = e.childForFieldName('consequence');
      const alt = e.childForFieldName('alternative');
      if (!cons || !alt) break;
      wrapBlockTail(cons, out);
      const next = alt.namedChildren.find((c) => !isComment(c));
      if (next?.type === 'block') wrapBlockTail(next, out);
      else if (next) wrapValue(next, out);
      return;
    }
    case 'match_expression': {
      const body = e.childForFieldName('body');
      for (const arm of body?.namedChildren ?? []) {
        if (arm.type !== 'match_arm') continue;
        const v = arm.childForFieldName('value');
        if (!v) continue;
        if (v.type === 'block') wrapBlockTail(v, out);
        else wrapValue(v, out);
      }
      return;
    }
    case 'block':
      wrapBlockTail(e, out);
      return;
  }
  out.push({ at: e.startIndex, text: 'Ok(', rank: RANK.open }, { at: e.endIndex, text: ')', rank: RANK.close });
}

/** The tail of a block: its last expression when nothing follows it (an `if`/`match` statement without `;` counts). */
export function blockTail(block: SyntaxNode): SyntaxNode | undefined {
  const kids = block.namedChildren.filter((c) => !isComment(c));
  const last = kids[kids.length - 1];
  if (!last) return undefined;
  if (last.type === 'expression_statement') {
    if (last.text.trimEnd().endsWith(';')) return undefined;
    return last.namedChildren.find((c) => !isComment(c));
  }
  return isStatement(last) ? undefined : last;
}

export function wrapBlockTail(block: SyntaxNode, out: Insertion[]): void {
  const tail = blockTail(block);
  if (tail) wrapValue(tail, out);
}

/**
 * A body that returned `()` now returns `Result`: `Ok(())` goes after its last
 * statement (a unit tail expression gets its `;` first), unless the body ends
 * by diverging.
 */
export function unitTail(block: SyntaxNode, text: string, out: Insertion[]): void {
  const all = block.namedChildren;
  const kids = all.filter((c) => !isComment(c));
  const last = kids[kids.length - 1];
  const oneLine = block.startPosition.row === block.endPosition.row;
  if (!last) {
    // `{}` or a body of comments only.
    const open = block.startIndex + 1;
    const inner = text.slice(open, block.endIndex - 1);
    if (oneLine || !inner.includes('\n')) out.push({ at: open, text: inner.trim() ? ' Ok(())' : ' Ok(()) ', rank: RANK.tail });
    else {
      const anchor = all.length ? all[all.length - 1].endIndex : open;
      out.push({ at: anchor, text: `\n${indentAt(text, block.startIndex)}    Ok(())`, rank: RANK.tail });
    }
    return;
  }
  const tail = blockTail(block);
  if (last.type === 'expression_statement') {
    const inner = last.namedChildren.find((c) => !isComment(c));
    if (inner && diverges(inner)) return;
  } else if (tail && diverges(tail)) return;
  if (tail && last.type !== 'expression_statement') out.push({ at: last.endIndex, text: ';', rank: RANK.semi });
  // After a comment that ends the last statement's line, not between the two.
  let anchor = last;
  const after = all.slice(all.findIndex((c) => c.id === last.id) + 1);
  if (after.length && isComment(after[0]) && after[0].startPosition.row === last.endPosition.row) anchor = after[0];
  const at = anchor.type === 'line_comment' && text[anchor.endIndex - 1] === '\n' ? anchor.endIndex - 1 : anchor.endIndex;
  out.push({ at, text: oneLine ? ' Ok(())' : `\n${indentAt(text, last.startIndex)}Ok(())`, rank: RANK.tail });
}

/** The query `wrapReturns` asks under a function's body. */
export const RESULT_WRAP_QUERIES = declareQueries('result-wrap', { returns: '(return_expression) @r' }, { returns: 'r' });
const BOUNDARIES = new Set(['function_item', 'closure_expression', 'async_block', 'const_item', 'static_item']);

/** `return;` → `return Ok(());`, `return e` → `return Ok(e)`, for the returns of `fn` itself (not of nested closures or items). */
export function wrapReturns(fn: SyntaxNode, body: SyntaxNode, out: Insertion[]): void {
  for (const m of RESULT_WRAP_QUERIES.matches('returns', body)) {
    const r = m.captures[0].node;
    let owner: SyntaxNode | null = r.parent;
    while (owner && !BOUNDARIES.has(owner.type)) owner = owner.parent;
    if (!owner || owner.startIndex !== fn.startIndex || owner.endIndex !== fn.endIndex) continue;
    const value = r.namedChildren.find((c) => !isComment(c));
    if (!value) out.push({ at: r.endIndex, text: ' Ok(())', rank: RANK.tail });
    else if (!diverges(value)) out.push({ at: value.startIndex, text: 'Ok(', rank: RANK.open }, { at: value.endIndex, text: ')', rank: RANK.close });
  }
}
