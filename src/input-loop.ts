// The line reads of an input loop that `--io miscdev` removes: `let line = line.unwrap();`
// first in `for line in stdin.lock().lines()` (or `while let Some(line) = lines.next()`),
// and `stdin.read_line(&mut buf).unwrap() == 0` (or the read alone as a statement). Report-only checks that run before
// io-miscdev use this to say nothing about code the port no longer has.
import type { SyntaxNode } from './types.ts';

function inMain(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_item') return p.childForFieldName('name')?.text === 'main';
  return false;
}

/** Whether `call` (an `.unwrap()`/`.expect(..)` call) is a line read of main's stdin loop. */
export function isLineUnwrap(call: SyntaxNode): boolean {
  const f = call.childForFieldName('function');
  const recv = f?.type === 'field_expression' ? f.childForFieldName('value') : null;
  if (!recv || !inMain(call)) return false;
  // `if stdin.read_line(&mut buf).unwrap() == 0 { break; }`
  if (recv.type === 'call_expression' && /\.\s*read_line$/.test(recv.childForFieldName('function')?.text ?? '')) {
    // ... or the read alone as a statement: `stdin.read_line(&mut buf).expect("..");`
    return (call.parent?.type === 'binary_expression' && call.parent.parent?.type === 'if_expression') || call.parent?.type === 'expression_statement';
  }
  if (recv.type !== 'identifier') return false;
  const decl = call.parent;
  if (decl?.type !== 'let_declaration' || decl.childForFieldName('value')?.id !== call.id) return false;
  const body = decl.parent;
  if (body?.type !== 'block' || body.namedChildren.find((c) => !c.type.endsWith('comment'))?.id !== decl.id) return false;
  const loop = body.parent;
  if (loop?.type === 'for_expression') {
    return loop.childForFieldName('pattern')?.text === recv.text && /(\.lines\(\)|^[A-Za-z_][A-Za-z0-9_]*)$/.test(loop.childForFieldName('value')?.text ?? '');
  }
  if (loop?.type === 'while_expression') {
    const cond = loop.childForFieldName('condition');
    return cond?.type === 'let_condition' && cond.childForFieldName('pattern')?.text.replace(/\s+/g, '') === `Some(${recv.text})` && /\.next\(\)$/.test(cond.childForFieldName('value')?.text ?? '');
  }
  return false;
}
