// The tokens of a macro's arguments. tree-sitter leaves a macro invocation's
// arguments as a token tree: tokens and nested token trees, nesting as deep as
// the input does.
import type { SyntaxNode } from '../engine/types.ts';

/**
 * Calls `visit(tree, kids, i)` for every token under `tt` that is not itself a
 * token tree, in text order: `kids[i]` is the token, `tree` the token tree it
 * is a child of and `kids` that tree's children. One walk down on a stack of
 * its own (`vec![` 10,000 deep overflowed the call stack), so a visitor reads
 * a token's tree and neighbours from the walk instead of walking back up
 * (tree-sitter finds a parent by walking down from the root: quadratic in the nesting).
 */
export function eachToken(tt: SyntaxNode, visit: (tree: SyntaxNode, kids: SyntaxNode[], i: number) => void): void {
  const stack: { tt: SyntaxNode; kids: SyntaxNode[]; i: number }[] = [{ tt, kids: tt.children, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.kids.length) {
      stack.pop();
      continue;
    }
    const i = top.i++;
    const k = top.kids[i];
    if (k.type === 'token_tree') stack.push({ tt: k, kids: k.children, i: 0 });
    else visit(top.tt, top.kids, i);
  }
}
