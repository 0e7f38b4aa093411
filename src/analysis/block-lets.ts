// The `let` statements of a block, listed once per block of a frozen tree
// (src/engine/parse.ts): the resolver and the bounds analysis look a name up
// from each use by scanning the blocks around it backwards, and each scan
// used to ask the binding for all the block's statements again.
import { isFrozen } from '../engine/parse.ts';
import type { SyntaxNode } from '../engine/types.ts';

/** A `let` of a block and where it starts. Readers may keep what they derive from it on the object. */
export interface BlockLet {
  start: number;
  s: SyntaxNode;
}

const memo = new WeakMap<SyntaxNode, BlockLet[]>();

/** The `let_declaration`s among a block's (or the source file's) statements, in order. */
export function letsOf(block: SyntaxNode): BlockLet[] {
  let lets = memo.get(block);
  if (lets) return lets;
  lets = [];
  for (const s of block.namedChildren) if (s.type === 'let_declaration') lets.push({ start: s.startIndex, s });
  if (isFrozen(block.tree)) memo.set(block, lets);
  return lets;
}
