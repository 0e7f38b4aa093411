// Every compat type kport can emit, in the order the module holds them. A new
// one is a file beside this one (its pieces, src/compat/piece.ts) and a line
// here, plus the transform that rewrites code to it.
import type { CompatItem, CompatPiece } from './piece.ts';
import { VEC_ITEM } from './vec.ts';
import { KSTRING_ITEM } from './kstring.ts';
import { DEQUE_ITEM, MAP_ITEM, SET_ITEM } from './collections.ts';
import { COLLECT_OK_ITEM, TEXT_ITEM } from './text.ts';
import { SORT_ITEM } from './sort.ts';
import { RC_ITEM } from './rc.ts';

export const COMPAT_ITEMS: readonly CompatItem[] = [VEC_ITEM, KSTRING_ITEM, TEXT_ITEM, COLLECT_OK_ITEM, MAP_ITEM, SET_ITEM, DEQUE_ITEM, SORT_ITEM, RC_ITEM];

export const COMPAT_PIECES: readonly CompatPiece[] = COMPAT_ITEMS.flatMap((i) => i.pieces);

const byId = new Map(COMPAT_PIECES.map((p) => [p.id, p]));

export function pieceById(id: string): CompatPiece | undefined {
  return byId.get(id);
}
