// The kernel's allocation API, one table per profile. Transforms read these
// entries; they never test a profile's id. Every entry names the kernel file
// it was checked against (torvalds/linux; the version range is the profile's).
//
// Sources, by profile:
//   mainline, v6.13  rust/kernel/alloc/kvec.rs (KVec, kvec!), rust/kernel/alloc/kbox.rs (KBox),
//                    rust/kernel/sync/arc.rs (Arc::new(contents, flags)); the 6.13 alloc rework.
//                    `Vec::resize(new_len, value, flags)` landed in 6.15 (commit 1679b7159379
//                    "rust: alloc: add Vec::resize method"), so only mainline has it.
//   v6.10            upstream `alloc::vec::Vec` / `alloc::boxed::Box` (built with
//                    no_global_oom_handling) plus rust/kernel/alloc/vec_ext.rs (VecExt:
//                    with_capacity, push, extend_from_slice, reserve — no resize, no insert) and
//                    rust/kernel/alloc/box_ext.rs (BoxExt::new(x, flags)); sync/arc.rs
//                    Arc::new(contents, flags).
//   v6.1             the kernel's fork of `alloc` (rust/alloc/vec/mod.rs: try_with_capacity,
//                    try_push, try_extend_from_slice, try_resize, try_reserve;
//                    rust/alloc/slice.rs: try_to_vec); `Box::try_new` is behind the unstable
//                    `allocator_api`, which modules may not enable (scripts/Makefile.build);
//                    `vec!` is compiled out; sync/arc.rs Arc::try_new(contents) -> Result<Self>
//                    (kernel::sync::Arc landed in 6.3, commit 9dc043655003: 6.1 and 6.2 have none).
// No profile has an infallible `insert`, `extend`, `append`, `Vec::from`, `Clone for Vec`,
// a stable `sort`, or `FromIterator` (hence no `collect`): see kvec.rs "Implementation details".

/** How one userspace call becomes the kernel's fallible call, or why it cannot. */
export interface FallibleCall {
  /** The kernel method or associated function name. */
  name: string;
  /** Whether the kernel form takes a trailing `flags` argument (`GFP_KERNEL`). */
  flags: boolean;
  /** Kernel source file checked. */
  source: string;
}

export type VecMethod = 'push' | 'extend_from_slice' | 'reserve' | 'resize';

/** Vec methods that do not allocate but whose kernel form differs by version. */
export type OtherVecMethod = 'remove' | 'drain' | 'truncate' | 'pop' | 'clear' | 'retain';

/** `'same'`: as in userspace; a FallibleCall: returns a Result in the kernel (gets `?`); null: absent (reported). */
export type OtherForm = FallibleCall | 'same' | null;

export interface AllocApi {
  /** Name of the vector type in ported code (`KVec` from the prelude, or alloc's `Vec`). */
  vecType: string;
  /** Name of the box type in ported code. */
  boxType: string;
  /** The flags expression passed where a form takes flags. */
  flags: string;
  /** `Vec::with_capacity(n)`. */
  withCapacity: FallibleCall;
  /** `Box::new(x)`; `null` where a module cannot call a fallible form (reported). */
  boxNew: FallibleCall | null;
  /** `Arc::new(x)` for `kernel::sync::Arc`. */
  arcNew: FallibleCall;
  /** Growing methods; `null` where the profile has no fallible form (reported). */
  methods: Record<VecMethod, FallibleCall | null>;
  /** Non-allocating methods that differ (kvec.rs grew clear/pop/drain_all/retain/remove in 6.16, truncate in 6.15). */
  others: Record<OtherVecMethod, OtherForm>;
  /** `vec![...]`: how each form is written; `null` = not available (reported). */
  vecMacro: {
    /** `vec![]`: a plain, infallible expression. */
    empty: string;
    /** `vec![a, b]` → `<path>![a, b]?`, or `push` = a block of with_capacity + push. */
    list: { macro: string; source: string } | 'push';
    /** `vec![x; n]` → `<path>![x; n]?`; `null` when there is no fallible repeat form. */
    repeat: { macro: string; source: string } | null;
  };
  /** `collect()` into a Vec becomes `try_collect(...)` from the compat module. */
  tryCollect: { flags: boolean };
  /** `v.clone()` / `s.to_vec()`: `try_to_vec` from the kernel (native) or from the compat module. */
  tryToVec: { native: boolean; flags: boolean; source: string };
  /**
   * `v.swap_remove(i)`: native (`'same'`); `'swap-pop'` where the kernel vector has `pop`
   * but no `swap_remove` (the slice's `swap` with the last element, then `pop`); null
   * where it has neither (reported).
   */
  swapRemove: 'same' | 'swap-pop' | null;
  /** The compat module (src/kport_compat.rs) for this profile, trait by trait (see compatModule). */
  compat: CompatModule;
}

/**
 * The pieces of the compat module: the file is `header`, then the `uses` of the
 * traits it holds, then each trait's text, for only the traits the port calls,
 * so the module never defines an item nothing uses (rustc's `dead_code`).
 */
export interface CompatModule {
  header: string;
  traits: Partial<Record<CompatTrait, { uses: readonly string[]; text: string }>>;
}

export type CompatTrait = 'TryCollect' | 'TryToVec';

/** The compat module's text holding exactly `used` (in a fixed order). */
export function compatModule(m: CompatModule, used: readonly CompatTrait[]): string {
  const pieces = (['TryCollect', 'TryToVec'] as const).filter((t) => used.includes(t) && m.traits[t]).map((t) => m.traits[t]!);
  const uses = [...new Set(pieces.flatMap((p) => p.uses))].sort();
  return `${m.header}\n${uses.map((u) => `use ${u};\n`).join('')}${pieces.map((p) => `\n${p.text}`).join('')}`;
}

const KVEC = 'rust/kernel/alloc/kvec.rs';
const KBOX = 'rust/kernel/alloc/kbox.rs';
const ARC = 'rust/kernel/sync/arc.rs';
const VEC_EXT = 'rust/kernel/alloc/vec_ext.rs';
const BOX_EXT = 'rust/kernel/alloc/box_ext.rs';
const FORK_VEC = 'rust/alloc/vec/mod.rs';
const FORK_SLICE = 'rust/alloc/slice.rs';

const COMPAT_HEADER = `// SPDX-License-Identifier: GPL-2.0

//! Compatibility helpers added by kport.
//!
//! The kernel's vector has no \`FromIterator\` (so no \`collect\`) and no \`Clone\`:
//! every allocation must be able to fail. These extension traits give ported code
//! the fallible equivalents; each returns \`Err(ENOMEM)\` when an allocation fails.
`;

function flaggedCompat(vec: string): CompatModule {
  return {
    header: COMPAT_HEADER,
    traits: {
      TryCollect: {
        uses: ['kernel::alloc::Flags', 'kernel::prelude::*'],
        text: `/// \`iter.try_collect(GFP_KERNEL)?\` instead of \`iter.collect::<Vec<_>>()\`.
pub(crate) trait TryCollect: Iterator + Sized {
    /// Collects the items into a new vector, allocating with \`flags\`.
    fn try_collect(self, flags: Flags) -> Result<${vec}<Self::Item>> {
        let (lower, _) = self.size_hint();
        let mut v = ${vec}::with_capacity(lower, flags)?;
        for item in self {
            v.push(item, flags)?;
        }
        Ok(v)
    }
}

impl<I: Iterator> TryCollect for I {}
`,
      },
      TryToVec: {
        uses: ['kernel::alloc::Flags', 'kernel::prelude::*'],
        text: `/// \`s.try_to_vec(GFP_KERNEL)?\` instead of \`s.to_vec()\` or \`v.clone()\`.
pub(crate) trait TryToVec<T: Clone> {
    /// Copies the elements into a new vector, allocating with \`flags\`.
    fn try_to_vec(&self, flags: Flags) -> Result<${vec}<T>>;
}

impl<T: Clone> TryToVec<T> for [T] {
    fn try_to_vec(&self, flags: Flags) -> Result<${vec}<T>> {
        let mut v = ${vec}::with_capacity(self.len(), flags)?;
        v.extend_from_slice(self, flags)?;
        Ok(v)
    }
}
`,
      },
    },
  };
}

const V61_COMPAT: CompatModule = {
  header: COMPAT_HEADER,
  traits: {
    TryCollect: {
      uses: ['kernel::prelude::*'],
      text: `/// \`iter.try_collect()?\` instead of \`iter.collect::<Vec<_>>()\`.
pub(crate) trait TryCollect: Iterator + Sized {
    /// Collects the items into a new vector.
    fn try_collect(self) -> Result<Vec<Self::Item>> {
        let (lower, _) = self.size_hint();
        let mut v = Vec::try_with_capacity(lower)?;
        for item in self {
            v.try_push(item)?;
        }
        Ok(v)
    }
}

impl<I: Iterator> TryCollect for I {}
`,
    },
  },
};

const KVEC_API: AllocApi = {
  vecType: 'KVec',
  boxType: 'KBox',
  flags: 'GFP_KERNEL',
  withCapacity: { name: 'with_capacity', flags: true, source: KVEC },
  boxNew: { name: 'new', flags: true, source: KBOX },
  arcNew: { name: 'new', flags: true, source: ARC },
  methods: {
    push: { name: 'push', flags: true, source: KVEC },
    extend_from_slice: { name: 'extend_from_slice', flags: true, source: KVEC },
    reserve: { name: 'reserve', flags: true, source: KVEC },
    resize: { name: 'resize', flags: true, source: KVEC },
  },
  // rust/kernel/alloc/kvec.rs (mainline): `remove(i) -> Result<T, RemoveError>` (kvec/errors.rs:
  // `From<RemoveError> for Error`), `drain_all()` but no `drain(range)`.
  others: {
    remove: { name: 'remove', flags: false, source: KVEC },
    drain: null,
    truncate: 'same',
    pop: 'same',
    clear: 'same',
    retain: 'same',
  },
  vecMacro: {
    empty: 'KVec::new()',
    list: { macro: 'kernel::kvec', source: KVEC },
    repeat: { macro: 'kernel::kvec', source: KVEC },
  },
  tryCollect: { flags: true },
  tryToVec: { native: false, flags: true, source: KVEC },
  // rust/kernel/alloc/kvec.rs (mainline): `pop`, `remove`, `truncate`, no `swap_remove`;
  // `swap` is core's slice method, reached through `DerefMut<Target = [T]>`.
  swapRemove: 'swap-pop',
  compat: flaggedCompat('KVec'),
};

export const ALLOC_MAINLINE: AllocApi = KVEC_API;

/**
 * 6.13 as released: KVec without `resize`/`truncate` (6.15, commits 1679b7159379, 81e1c4dab5d0)
 * and without `clear`/`pop`/`drain_all`/`retain`/`remove` (6.16, the "vec-methods" series,
 * e.g. 294a7ecbdf0a "rust: alloc: add Vec::remove"). Later kernels in the range have some of
 * them; the profile targets what every kernel in it has.
 */
export const ALLOC_V6_13: AllocApi = {
  ...KVEC_API,
  methods: { ...KVEC_API.methods, resize: null },
  others: { remove: null, drain: null, truncate: null, pop: null, clear: null, retain: null },
  swapRemove: null,
};

/** 6.15-6.16: as 6.13 plus `truncate` (6.15); the 6.16 methods (`remove`, `pop`, `clear`, `retain`, `drain_all`, `resize`) are not on 6.15. */
export const ALLOC_V6_15: AllocApi = {
  ...ALLOC_V6_13,
  others: { ...ALLOC_V6_13.others, truncate: 'same' },
};

export const ALLOC_V6_10: AllocApi = {
  vecType: 'Vec',
  boxType: 'Box',
  flags: 'GFP_KERNEL',
  withCapacity: { name: 'with_capacity', flags: true, source: VEC_EXT },
  boxNew: { name: 'new', flags: true, source: BOX_EXT },
  arcNew: { name: 'new', flags: true, source: ARC },
  methods: {
    push: { name: 'push', flags: true, source: VEC_EXT },
    extend_from_slice: { name: 'extend_from_slice', flags: true, source: VEC_EXT },
    reserve: { name: 'reserve', flags: true, source: VEC_EXT },
    resize: null,
  },
  others: { remove: 'same', drain: 'same', truncate: 'same', pop: 'same', clear: 'same', retain: 'same' },
  vecMacro: { empty: 'Vec::new()', list: 'push', repeat: null },
  tryCollect: { flags: true },
  tryToVec: { native: false, flags: true, source: VEC_EXT },
  // alloc's `Vec::swap_remove` does not allocate, so the kernel's alloc build keeps it.
  swapRemove: 'same',
  compat: flaggedCompat('Vec'),
};

export const ALLOC_V6_1: AllocApi = {
  vecType: 'Vec',
  boxType: 'Box',
  flags: '',
  withCapacity: { name: 'try_with_capacity', flags: false, source: FORK_VEC },
  // `Box::try_new` exists (rust/alloc/boxed.rs) but is gated by the unstable `allocator_api`
  // feature, which scripts/Makefile.build does not allow for modules before 6.10
  // (`rust_allowed_features := core_ffi_c` in 6.1, `new_uninit` later).
  boxNew: null,
  arcNew: { name: 'try_new', flags: false, source: `${ARC} (6.3+)` },
  methods: {
    push: { name: 'try_push', flags: false, source: FORK_VEC },
    extend_from_slice: { name: 'try_extend_from_slice', flags: false, source: FORK_VEC },
    reserve: { name: 'try_reserve', flags: false, source: FORK_VEC },
    resize: { name: 'try_resize', flags: false, source: FORK_VEC },
  },
  others: { remove: 'same', drain: 'same', truncate: 'same', pop: 'same', clear: 'same', retain: 'same' },
  vecMacro: { empty: 'Vec::new()', list: 'push', repeat: null },
  tryCollect: { flags: false },
  tryToVec: { native: true, flags: false, source: FORK_SLICE },
  swapRemove: 'same',
  compat: V61_COMPAT,
};

/** File name of the compat module, beside the crate root file. */
export const COMPAT_MODULE = 'kport_compat';
