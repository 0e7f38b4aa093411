// The vector helpers of the compat module: `TryCollect` (the kernel vector has
// no `FromIterator`) and `TryToVec` (no `Clone`), written per profile in
// src/kernel-api/alloc.ts (rust/kernel/alloc/kvec.rs and the older forms).
import type { CompatItem, CompatPiece } from './piece.ts';

function vecTrait(id: 'TryCollect' | 'TryToVec', method: string, example: string): CompatPiece {
  return {
    id,
    example,
    import: id,
    watch: { methods: [method] },
    usedIn: (s) => s.methods.some((m) => m.name === method),
    text: (p) => (id === 'TryToVec' && p.alloc.tryToVec.native ? null : (p.alloc.compat.traits[id] ?? null)),
  };
}

export const VEC_ITEM: CompatItem = {
  name: 'TryCollect, TryToVec',
  doc: `The kernel's vector has no \`FromIterator\` (so no \`collect\`) and no \`Clone\`:
every allocation must be able to fail. These extension traits give ported code
the fallible equivalents; each returns \`Err(ENOMEM)\` when an allocation fails.`,
  pieces: [
    vecTrait('TryCollect', 'try_collect', '    let v: KVec<u32> = (0..4u32).try_collect(GFP_KERNEL)?;\n    let _ = v.len();'),
    vecTrait('TryToVec', 'try_to_vec', '    let v = [1u8, 2].try_to_vec(GFP_KERNEL)?;\n    let _ = v.len();'),
  ],
};
