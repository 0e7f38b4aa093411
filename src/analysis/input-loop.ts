// The line reads of an input loop that `--io miscdev` removes: `let line = line.unwrap();`
// first in `for line in stdin.lock().lines()` (or `while let Some(line) = lines.next()`),
// and `stdin.read_line(&mut buf).unwrap() == 0` (or the read alone as a statement). Report-only checks that run before
// io-miscdev use this to say nothing about code the port no longer has. Only reads of
// standard input count: the same loop over a file's lines keeps its report. (When
// io-miscdev then refuses to restructure the loop, its K10xx error is at the loop.)
import type { SyntaxNode } from '../engine/types.ts';

function mainOf(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_item') return p.childForFieldName('name')?.text === 'main' ? p : undefined;
  return undefined;
}

/**
 * Whether `expr` reads standard input: it names `stdin` itself, or it is a variable
 * that main binds (before `expr`) to something that does (`let lines = stdin.lock().lines();`).
 */
function fromStdin(expr: SyntaxNode | null | undefined, main: SyntaxNode): boolean {
  if (!expr) return false;
  if (/\bstdin\b/.test(expr.text)) return true;
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.text)?.[0];
  if (!name) return false;
  return main
    .descendantsOfType('let_declaration')
    .some((d) => d.startIndex < expr.startIndex && d.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') === name && /\bstdin\b/.test(d.childForFieldName('value')?.text ?? ''));
}

/** Whether `call` (an `.unwrap()`/`.expect(..)` call) is a line read of main's stdin loop. */
export function isLineUnwrap(call: SyntaxNode): boolean {
  const f = call.childForFieldName('function');
  const recv = f?.type === 'field_expression' ? f.childForFieldName('value') : null;
  const main = recv ? mainOf(call) : undefined;
  if (!recv || !main) return false;
  // `if stdin.read_line(&mut buf).unwrap() == 0 { break; }`
  if (recv.type === 'call_expression' && /\.\s*read_line$/.test(recv.childForFieldName('function')?.text ?? '')) {
    if (!fromStdin(recv.childForFieldName('function'), main)) return false;
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
    const value = loop.childForFieldName('value');
    return loop.childForFieldName('pattern')?.text === recv.text && /(\.lines\(\)|^[A-Za-z_][A-Za-z0-9_]*)$/.test(value?.text ?? '') && fromStdin(value, main);
  }
  if (loop?.type === 'while_expression') {
    const cond = loop.childForFieldName('condition');
    const value = cond?.childForFieldName('value');
    return cond?.type === 'let_condition' && cond.childForFieldName('pattern')?.text.replace(/\s+/g, '') === `Some(${recv.text})` && /\.next\(\)$/.test(value?.text ?? '') && fromStdin(value, main);
  }
  return false;
}
