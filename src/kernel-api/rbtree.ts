// The kernel's red-black tree (rust/kernel/rbtree.rs) as the compat collections
// use it (src/compat/collections.ts), per profile. It came in 6.12 (a0d13aac7022
// "rust: rbtree: add red-black tree implementation backed by the C version"), so
// the v6.10 profile (6.10-6.12) and v6.1 have none on every release. The mutable
// cursor at the first node is `cursor_front_mut` since "rust: rbtree: add
// immutable cursor" (6.19), which gave `cursor_front` to the new `Cursor`; before
// it (6.12-6.18) `cursor_front(&mut self)` returned the `CursorMut`. The rest of
// what the compat types call (`new`, `entry`, `get`, `get_mut`, `remove`, `iter`,
// `iter_mut`, `keys`, `values`, `values_mut`, `RBTreeNodeReservation::new`,
// `VacantEntry::insert`, `OccupiedEntry::{get_mut, into_mut}`,
// `CursorMut::remove_current`, `RBTreeNode::to_key_value`) has one form on 6.13
// and mainline (read at 2ad6c5cdc89a; stub/kernel/lib.rs models both).
// Profiles: mainline and v6.19 have the new name; v6.17, v6.15 and v6.13 the old one.

export interface RbtreeApi {
  /** The `RBTree` method that returns a `CursorMut` at the smallest key. */
  cursorFrontMut: 'cursor_front_mut' | 'cursor_front';
}

/** 6.19 on (stub feature `rbtree_cursor`, src/kernel-api/stub-features.ts). */
export const RBTREE_6_19: RbtreeApi = { cursorFrontMut: 'cursor_front_mut' };
/** 6.12 to 6.18. */
export const RBTREE_6_12: RbtreeApi = { cursorFrontMut: 'cursor_front' };
