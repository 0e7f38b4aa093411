// A call that never returns (`process::exit(1);`) as the last statement of a
// block lets the block stand for any type: `unwrap_or_else(|e| { ..; exit(1); })`
// yields the unwrapped value. Once the call no longer resolves (the kernel has no
// `std::process`), rustc types that block as `()` and rejects it (E0308) at its
// `{` (a closure's body, a `match` arm), or at the return type of a function
// whose body it is, often lines above the call. A report about such a call
// starts there.
import type { SyntaxNode } from '../engine/types.ts';

/** Where rustc rejects the value that relied on `call` diverging, when `call;` ends a block whose value is used. */
export function relyingOn(call: SyntaxNode): SyntaxNode | undefined {
  const stmt = call.parent;
  if (stmt?.type !== 'expression_statement' || stmt.firstNamedChild?.id !== call.id) return undefined;
  const block = stmt.parent;
  if (block?.type !== 'block' || lastItem(block)?.id !== stmt.id) return undefined;
  const up = block.parent;
  if (up?.type === 'function_item') {
    const ret = up.childForFieldName('return_type');
    return ret && returnsValue(ret) ? ret : undefined;
  }
  // An `if`/`else` branch: where rustc points depends on the order it types the
  // branches in (often the call itself), so the report stays at the call.
  if (up?.type === 'if_expression' || up?.type === 'else_clause') return undefined;
  return blockValueUsed(block) ? block : undefined;
}

function lastItem(block: SyntaxNode): SyntaxNode | undefined {
  const items = block.namedChildren.filter((c) => !c.type.endsWith('comment'));
  return items[items.length - 1];
}

function returnsValue(ret: SyntaxNode): boolean {
  return ret.type !== 'unit_type' && ret.type !== 'never_type' && ret.text !== '!';
}

/** Whether the value of a block is used: what it is the body or branch of says. */
function blockValueUsed(block: SyntaxNode): boolean {
  const up = block.parent;
  if (!up) return false;
  switch (up.type) {
    case 'function_item': {
      const ret = up.childForFieldName('return_type');
      return !!ret && returnsValue(ret);
    }
    case 'closure_expression':
      return true;
    case 'match_arm': {
      const m = up.parent?.parent;
      return !!m && valueUsed(m);
    }
    case 'if_expression':
    case 'else_clause': {
      let e: SyntaxNode = up;
      while (e.parent && (e.type === 'else_clause' || (e.type === 'if_expression' && e.parent.type === 'else_clause'))) e = e.parent;
      return e.type === 'if_expression' && !!e.childForFieldName('alternative') && valueUsed(e);
    }
    case 'loop_expression':
    case 'while_expression':
    case 'for_expression':
      return false;
    case 'unsafe_block':
    case 'async_block':
    case 'const_block':
      return valueUsed(up);
    case 'expression_statement':
      return valueUsed(block);
    default:
      return true;
  }
}

/**
 * Whether an expression's value is used. tree-sitter-rust wraps a block-like
 * expression (`match`, `if`, `{..}`) in an expression_statement even when it is
 * a block's tail: without a `;`, the last one gives the block its value.
 */
function valueUsed(e: SyntaxNode): boolean {
  const p = e.parent;
  if (!p) return false;
  if (p.type !== 'expression_statement') return true;
  if (p.children.some((c) => c.type === ';')) return false;
  const block = p.parent;
  return block?.type === 'block' && lastItem(block)?.id === p.id && blockValueUsed(block);
}
