// The `let` statements of a block, listed once per block of a frozen tree
// (src/engine/parse.ts): the resolver and the bounds analysis look a name up
// from each use by scanning the blocks around it backwards, and each scan
// used to ask the binding for all the block's statements again.
import { isFrozen, nodeKey } from '../engine/parse.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** A `let` of a block and where it starts. Readers may keep what they derive from it on the object. */
export interface BlockLet {
  start: number;
  end: number;
  s: SyntaxNode;
}

// By tree, then by the block's nodeKey (nodes are never keys by identity: src/engine/parse.ts).
const memo = treeCache<Map<number, BlockLet[]>>();

/** The `let_declaration`s among a block's (or the source file's) statements, in order. */
export function letsOf(block: SyntaxNode): BlockLet[] {
  const frozen = isFrozen(block.tree);
  let byBlock = frozen ? memo.get(block.tree) : undefined;
  if (frozen && !byBlock) memo.set(block.tree, (byBlock = new Map()));
  const key = nodeKey(block);
  let lets = byBlock?.get(key);
  if (lets) return lets;
  lets = [];
  for (const s of block.namedChildren) if (s.type === 'let_declaration') lets.push({ start: s.startIndex, end: s.endIndex, s });
  byBlock?.set(key, lets);
  return lets;
}
