// `Map`, `Set` and `Deque`: the std collections ported code uses, on kernel types.
//
// The kernel has no hash map, no `BTreeMap` and no `VecDeque`: it has a
// red-black tree (rust/kernel/rbtree.rs, `RBTree<K, V>` with `K: Ord`, read at
// 2ad6c5cdc89a) and a vector (rust/kernel/alloc/kvec.rs). `Map<K, V>` is an
// `RBTree<K, V>` and its length (the tree keeps none: it has `is_empty` only
// since 6.17); `Set<T>` an `RBTree<T, ()>`; `Deque<T>` a ring of
// `KVec<Option<T>>` slots. Each new tree node is allocated by
// `RBTreeNodeReservation::new(flags)` (the kernel's own way to allocate before
// linking, `KBox::new_uninit` inside) and each ring growth by `KVec::push`, so
// every method that allocates takes the GFP flags and returns a `Result`, and on
// failure the collection is unchanged. Lookups take the key type itself (`&K`),
// as `RBTree::get`, `get_mut` and `remove` do. Iteration is in key order: a
// `HashMap`'s order is unspecified, so this is one of its orders, and a
// `BTreeMap`'s is exactly this one. The kernel's `Iter` is not double-ended, so
// a map or set has no `.rev()`.
//
// Profiles: every profile from v6.13 on has both types (rbtree.rs came in
// 6.12); the only difference here is the name of the mutable front cursor
// (`cursor_front_mut` since 6.19, `cursor_front` returning a `CursorMut`
// before), read from `profile.rbtree`. v6.10 and v6.1 have no form: kport
// reports the std collections there, as before.
import type { Profile } from '../kernel-api/profiles.ts';
import type { CompatItem, CompatPiece, CompatScan, MethodUse } from './piece.ts';

/** The compat types' names in ported code, by the std types they replace. */
export const COLLECTION_OF: Readonly<Record<string, 'Map' | 'Set' | 'Deque'>> = {
  HashMap: 'Map',
  BTreeMap: 'Map',
  HashSet: 'Set',
  BTreeSet: 'Set',
  VecDeque: 'Deque',
};

/** Whether ported code on this profile may use the compat collections. */
export function collectionsOn(p: Profile): boolean {
  return p.rbtree !== null && p.alloc.vecType === 'KVec';
}

const PRELUDE = ['kernel::prelude::*'];
const TREE = ['kernel::rbtree::{self, RBTree}'];
const FLAGS = 'kernel::alloc::Flags';
const ALLOC_ERROR = 'kernel::alloc::AllocError';

type Owner = 'Map' | 'Set' | 'Deque' | 'MapEntry';

/**
 * Whether a call is one of `owner`'s: its receiver's declared type is the compat
 * type (as the port wrote it), or, for a method name no core or kernel type
 * has (`contains_key`, `or_insert`), kport cannot type it (then the method is kept:
 * one missing would not build). A common name (`len`, `get`, `insert`) on an
 * unknown receiver is not counted, or it would put unused code in the module.
 */
function on(owner: Owner, s: CompatScan, m: MethodUse, distinctive: boolean): boolean {
  if (owner === 'MapEntry') return true;
  const t = s.typeOf(m.recv);
  if (t.k === 'unknown') return distinctive;
  return t.k === 'named' && t.name === owner && !s.own(owner);
}

interface MethodSpec {
  name: string;
  args: number;
  /** Only the compat type has a method of this name (see `on`). */
  distinctive?: boolean;
  /** An associated function (`Map::new()`): used when the path is written. */
  assoc?: boolean;
  requires?: readonly string[];
  /** Paths its text needs beyond its type's (the prelude for `GFP_KERNEL`). */
  uses?: readonly string[];
  example: string;
  text(p: Profile): string;
}

function method(owner: Owner, spec: MethodSpec): CompatPiece {
  const id = `${owner}::${spec.name}`;
  return {
    id,
    owner,
    requires: [owner, ...(spec.requires ?? [])],
    watch: spec.assoc ? { names: [owner] } : { names: [owner], methods: [spec.name] },
    usedIn: spec.assoc
      ? (s) => s.paths.has(id) && !s.own(owner)
      : (s) => s.methods.some((m) => m.name === spec.name && m.args === spec.args && on(owner, s, m, spec.distinctive ?? false)),
    text: (p) => (collectionsOn(p) ? { uses: spec.uses ?? [], text: spec.text(p) } : null),
    example: spec.example,
  };
}

/** A private helper method: in the module only when a method that calls it is. */
function helper(owner: Owner, name: string, example: string, text: string): CompatPiece {
  return {
    id: `${owner}::${name}`,
    owner,
    requires: [owner],
    watch: {},
    usedIn: () => false,
    text: (p) => (collectionsOn(p) ? { uses: [], text } : null),
    example,
  };
}

function typePiece(name: Owner, generics: string, text: (p: Profile) => string, example: string, requires: readonly string[] = []): CompatPiece {
  return {
    id: name,
    generics,
    import: name === 'MapEntry' ? undefined : name,
    requires,
    watch: { names: [name] },
    usedIn: (s) => s.names.has(name) && !s.own(name),
    text: (p) => (collectionsOn(p) ? { uses: name === 'Deque' ? PRELUDE : TREE, text: text(p) } : null),
    example,
  };
}

const MAP_EXAMPLE = (use: string) => `    let mut m: Map<u32, u32> = Map::new();\n    m.insert(1, 10, GFP_KERNEL)?;\n${use}`;

// ----------------------------------------------------------------------- Map

const MAP = typePiece(
  'Map',
  '<K, V>',
  (p) => `/// A sorted map, in place of \`HashMap\`/\`BTreeMap\`: the kernel's red-black tree
/// (rust/kernel/rbtree.rs, \`RBTree<K, V>\`, \`K: Ord\`) and its length, which the tree
/// does not keep. Each new key allocates its node, with the caller's flags, so
/// insertions return a \`Result\`; lookups take the key type itself (\`&K\`), as
/// \`RBTree::get\` does. It iterates in key order. In upstream code prefer an \`RBTree\`
/// keyed by an integer id (it avoids owned keys), or an \`XArray\` (rust/kernel/xarray.rs)
/// for a map from indices.
pub(crate) struct Map<K, V> {
    tree: RBTree<K, V>,
    len: usize,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Self { tree: RBTree::new(), len: 0 }
    }
}

impl<'a, K, V> IntoIterator for &'a Map<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = rbtree::Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.tree.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut Map<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = rbtree::IterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.tree.iter_mut()
    }
}

impl<K, V> IntoIterator for Map<K, V> {
    type Item = (K, V);
    type IntoIter = MapIntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        MapIntoIter { tree: self.tree }
    }
}

/// The entries of a \`Map\` by value, in key order: each step unlinks the first node
/// (\`CursorMut::remove_current\`) and frees it.
pub(crate) struct MapIntoIter<K, V> {
    tree: RBTree<K, V>,
}

impl<K, V> Iterator for MapIntoIter<K, V> {
    type Item = (K, V);

    fn next(&mut self) -> Option<(K, V)> {
        let (_, node) = self.tree.${p.rbtree?.cursorFrontMut}()?.remove_current();
        Some(node.to_key_value())
    }
}

/// Equal when they hold the same entries (in key order, as \`HashMap\`'s \`==\` compares them).
impl<K: PartialEq, V: PartialEq> PartialEq for Map<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && Iterator::eq(self.tree.iter(), other.tree.iter())
    }
}

impl<K: Eq, V: Eq> Eq for Map<K, V> {}

impl<K: core::fmt::Debug, V: core::fmt::Debug> core::fmt::Debug for Map<K, V> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_map().entries(self.tree.iter()).finish()
    }
}
`,
  MAP_EXAMPLE('    for (k, v) in &m {\n        let _ = (k, v);\n    }'),
);

const NODE = `// Its only failure is \`KBox::new_uninit\`'s \`AllocError\` (rbtree.rs).
                let node = kernel::rbtree::RBTreeNodeReservation::new(flags).map_err(|_| ${ALLOC_ERROR})?;`;

const MAP_METHODS: CompatPiece[] = [
  method('Map', {
    name: 'new', args: 0, assoc: true,
    example: '    let m: Map<u32, u32> = Map::new();\n    let _ = m.len();',
    text: () => `    /// An empty map; does not allocate (\`RBTree::new\`).
    pub(crate) fn new() -> Self {
        Self { tree: RBTree::new(), len: 0 }
    }
`,
  }),
  method('Map', {
    name: 'len', args: 0,
    example: MAP_EXAMPLE('    let _ = m.len();'),
    text: () => `    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
`,
  }),
  method('Map', {
    name: 'is_empty', args: 0,
    example: MAP_EXAMPLE('    let _ = m.is_empty();'),
    text: () => `    /// Whether the map has no entries.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
`,
  }),
  method('Map', {
    name: 'iter', args: 0,
    example: MAP_EXAMPLE('    let _ = m.iter().count();'),
    text: () => `    /// The entries in key order (\`RBTree::iter\`).
    pub(crate) fn iter(&self) -> rbtree::Iter<'_, K, V> {
        self.tree.iter()
    }
`,
  }),
  method('Map', {
    name: 'iter_mut', args: 0,
    example: MAP_EXAMPLE('    for (_, v) in m.iter_mut() {\n        *v += 1;\n    }'),
    text: () => `    /// The entries in key order, values mutable (\`RBTree::iter_mut\`).
    pub(crate) fn iter_mut(&mut self) -> rbtree::IterMut<'_, K, V> {
        self.tree.iter_mut()
    }
`,
  }),
  method('Map', {
    name: 'keys', args: 0, distinctive: true,
    example: MAP_EXAMPLE('    let _ = m.keys().count();'),
    text: () => `    /// The keys in order (\`RBTree::keys\`).
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'_ K> {
        self.tree.keys()
    }
`,
  }),
  method('Map', {
    name: 'values', args: 0, distinctive: true,
    example: MAP_EXAMPLE('    let _ = m.values().count();'),
    text: () => `    /// The values in key order (\`RBTree::values\`).
    pub(crate) fn values(&self) -> impl Iterator<Item = &'_ V> {
        self.tree.values()
    }
`,
  }),
  method('Map', {
    name: 'values_mut', args: 0, distinctive: true,
    example: MAP_EXAMPLE('    for v in m.values_mut() {\n        *v += 1;\n    }'),
    text: () => `    /// The values in key order, mutable (\`RBTree::values_mut\`).
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &'_ mut V> {
        self.tree.values_mut()
    }
`,
  }),
  method('Map', {
    name: 'clear', args: 0,
    example: MAP_EXAMPLE('    m.clear();'),
    text: () => `    /// Removes every entry, freeing the nodes.
    pub(crate) fn clear(&mut self) {
        self.tree = RBTree::new();
        self.len = 0;
    }
`,
  }),
  method('Map', {
    name: 'insert', args: 3,
    example: MAP_EXAMPLE('    let _ = m.insert(1, 11, GFP_KERNEL)?;'),
    text: () => `    /// Puts \`value\` at \`key\`, returning the value that was there. A new key allocates its
    /// node (\`RBTreeNodeReservation::new\`), and on failure the map is unchanged; a key
    /// already there keeps its node and allocates nothing.
    pub(crate) fn insert(&mut self, key: K, value: V, flags: ${FLAGS}) -> Result<Option<V>, ${ALLOC_ERROR}>
    where
        K: Ord,
    {
        match self.tree.entry(key) {
            rbtree::Entry::Occupied(mut slot) => Ok(Some(core::mem::replace(slot.get_mut(), value))),
            rbtree::Entry::Vacant(slot) => {
                ${NODE}
                slot.insert(value, node);
                self.len += 1;
                Ok(None)
            }
        }
    }
`,
  }),
  method('Map', {
    name: 'get', args: 1,
    example: MAP_EXAMPLE('    let _ = m.get(&1);'),
    text: () => `    /// The value at \`key\` (\`RBTree::get\`).
    pub(crate) fn get(&self, key: &K) -> Option<&V>
    where
        K: Ord,
    {
        self.tree.get(key)
    }
`,
  }),
  method('Map', {
    name: 'get_mut', args: 1,
    example: MAP_EXAMPLE('    if let Some(v) = m.get_mut(&1) {\n        *v += 1;\n    }'),
    text: () => `    /// The value at \`key\`, mutable (\`RBTree::get_mut\`).
    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V>
    where
        K: Ord,
    {
        self.tree.get_mut(key)
    }
`,
  }),
  method('Map', {
    name: 'contains_key', args: 1, distinctive: true,
    example: MAP_EXAMPLE('    let _ = m.contains_key(&1);'),
    text: () => `    /// Whether \`key\` has a value.
    pub(crate) fn contains_key(&self, key: &K) -> bool
    where
        K: Ord,
    {
        self.tree.get(key).is_some()
    }
`,
  }),
  method('Map', {
    name: 'remove', args: 1,
    example: MAP_EXAMPLE('    let _ = m.remove(&1);'),
    text: () => `    /// Removes \`key\`, returning its value (\`RBTree::remove\`); the node is freed.
    pub(crate) fn remove(&mut self, key: &K) -> Option<V>
    where
        K: Ord,
    {
        let value = self.tree.remove(key)?;
        self.len -= 1;
        Some(value)
    }
`,
  }),
  method('Map', {
    name: 'entry', args: 1, distinctive: true, requires: ['MapEntry'],
    example: MAP_EXAMPLE('    *m.entry(2).or_insert(0, GFP_KERNEL)? += 1;'),
    text: () => `    /// The entry for \`key\`, to read or fill in place (\`RBTree::entry\`).
    pub(crate) fn entry(&mut self, key: K) -> MapEntry<'_, K, V>
    where
        K: Ord,
    {
        MapEntry { entry: self.tree.entry(key), len: &mut self.len }
    }
`,
  }),
  method('Map', {
    name: 'try_clone', args: 0, distinctive: true, requires: ['Map::new', 'Map::insert'], uses: PRELUDE,
    example: MAP_EXAMPLE('    let copy = m.try_clone()?;\n    let _ = copy.len();'),
    text: () => `    /// A copy, allocated with \`GFP_KERNEL\` (the kernel's tree has no \`Clone\`); on
    /// failure what was copied so far is freed.
    pub(crate) fn try_clone(&self) -> Result<Self, ${ALLOC_ERROR}>
    where
        K: Ord + Clone,
        V: Clone,
    {
        let mut copy = Self::new();
        for (key, value) in self.tree.iter() {
            copy.insert(key.clone(), value.clone(), GFP_KERNEL)?;
        }
        Ok(copy)
    }
`,
  }),
];

const ENTRY = typePiece(
  'MapEntry',
  "<'a, K, V>",
  () => `/// A map's entry for one key (\`Map::entry\`), over the kernel's \`rbtree::Entry\`.
pub(crate) struct MapEntry<'a, K, V> {
    entry: rbtree::Entry<'a, K, V>,
    len: &'a mut usize,
}
`,
  MAP_EXAMPLE('    *m.entry(2).or_insert(0, GFP_KERNEL)? += 1;'),
  ['Map::entry', 'MapEntry::or_insert_with'],
);
ENTRY.usedIn = () => false;

const ENTRY_METHODS: CompatPiece[] = [
  method('MapEntry', {
    name: 'or_insert', args: 2, distinctive: true, requires: ['MapEntry::or_insert_with'],
    example: MAP_EXAMPLE('    *m.entry(2).or_insert(0, GFP_KERNEL)? += 1;'),
    text: () => `    /// The value, after putting \`default\` there if the key had none; that allocates the
    /// node, and on failure the map is unchanged.
    pub(crate) fn or_insert(self, default: V, flags: ${FLAGS}) -> Result<&'a mut V, ${ALLOC_ERROR}> {
        self.or_insert_with(|| default, flags)
    }
`,
  }),
  method('MapEntry', {
    name: 'or_insert_with', args: 2, distinctive: true,
    example: MAP_EXAMPLE('    *m.entry(2).or_insert_with(|| 5, GFP_KERNEL)? += 1;'),
    text: () => `    /// The value, after putting \`default()\` there if the key had none (\`default\` runs
    /// only then, once the node is allocated).
    pub(crate) fn or_insert_with<F: FnOnce() -> V>(self, default: F, flags: ${FLAGS}) -> Result<&'a mut V, ${ALLOC_ERROR}> {
        match self.entry {
            rbtree::Entry::Occupied(slot) => Ok(slot.into_mut()),
            rbtree::Entry::Vacant(slot) => {
                ${NODE}
                *self.len += 1;
                Ok(slot.insert(default(), node))
            }
        }
    }
`,
  }),
  method('MapEntry', {
    name: 'or_default', args: 1, distinctive: true, requires: ['MapEntry::or_insert_with'],
    example: MAP_EXAMPLE('    *m.entry(2).or_default(GFP_KERNEL)? += 1;'),
    text: () => `    /// The value, after putting \`V::default()\` there if the key had none.
    pub(crate) fn or_default(self, flags: ${FLAGS}) -> Result<&'a mut V, ${ALLOC_ERROR}>
    where
        V: Default,
    {
        self.or_insert_with(V::default, flags)
    }
`,
  }),
  method('MapEntry', {
    name: 'and_modify', args: 1, distinctive: true,
    example: MAP_EXAMPLE('    *m.entry(1).and_modify(|v| *v += 1).or_insert(0, GFP_KERNEL)? += 1;'),
    text: () => `    /// Runs \`f\` on the value if the key has one; allocates nothing.
    pub(crate) fn and_modify<F: FnOnce(&mut V)>(mut self, f: F) -> Self {
        if let rbtree::Entry::Occupied(slot) = &mut self.entry {
            f(slot.get_mut());
        }
        self
    }
`,
  }),
];

// ----------------------------------------------------------------------- Set

const SET_EXAMPLE = (use: string) => `    let mut s: Set<u32> = Set::new();\n    s.insert(1, GFP_KERNEL)?;\n${use}`;

const SET = typePiece(
  'Set',
  '<T>',
  (p) => `/// A sorted set, in place of \`HashSet\`/\`BTreeSet\`: the kernel's red-black tree with no
/// values (\`RBTree<T, ()>\`, rust/kernel/rbtree.rs) and its length. Each new element
/// allocates its node, so \`insert\` returns a \`Result\`. It iterates in order. In
/// upstream code prefer a bitmap (rust/kernel/bitmap.rs) for small integers, or an
/// \`RBTree\` keyed by an integer id.
pub(crate) struct Set<T> {
    tree: RBTree<T, ()>,
    len: usize,
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Self { tree: RBTree::new(), len: 0 }
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = core::iter::Map<rbtree::Iter<'a, T, ()>, fn((&'a T, &'a ())) -> &'a T>;

    fn into_iter(self) -> Self::IntoIter {
        self.tree.iter().map(|(value, _)| value)
    }
}

impl<T> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = SetIntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        SetIntoIter { tree: self.tree }
    }
}

/// The elements of a \`Set\` by value, in order: each step unlinks the first node
/// (\`CursorMut::remove_current\`) and frees it.
pub(crate) struct SetIntoIter<T> {
    tree: RBTree<T, ()>,
}

impl<T> Iterator for SetIntoIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let (_, node) = self.tree.${p.rbtree?.cursorFrontMut}()?.remove_current();
        Some(node.to_key_value().0)
    }
}

/// Equal when they hold the same elements.
impl<T: PartialEq> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && Iterator::eq(self.tree.keys(), other.tree.keys())
    }
}

impl<T: Eq> Eq for Set<T> {}

impl<T: core::fmt::Debug> core::fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_set().entries(self.tree.keys()).finish()
    }
}
`,
  SET_EXAMPLE('    for x in &s {\n        let _ = x;\n    }'),
);

const SET_METHODS: CompatPiece[] = [
  method('Set', {
    name: 'new', args: 0, assoc: true,
    example: '    let s: Set<u32> = Set::new();\n    let _ = s.len();',
    text: () => `    /// An empty set; does not allocate.
    pub(crate) fn new() -> Self {
        Self { tree: RBTree::new(), len: 0 }
    }
`,
  }),
  method('Set', {
    name: 'len', args: 0,
    example: SET_EXAMPLE('    let _ = s.len();'),
    text: () => `    /// The number of elements.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
`,
  }),
  method('Set', {
    name: 'is_empty', args: 0,
    example: SET_EXAMPLE('    let _ = s.is_empty();'),
    text: () => `    /// Whether the set has no elements.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
`,
  }),
  method('Set', {
    name: 'iter', args: 0,
    example: SET_EXAMPLE('    let _ = s.iter().count();'),
    text: () => `    /// The elements in order (\`RBTree::keys\`).
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'_ T> {
        self.tree.keys()
    }
`,
  }),
  method('Set', {
    name: 'clear', args: 0,
    example: SET_EXAMPLE('    s.clear();'),
    text: () => `    /// Removes every element, freeing the nodes.
    pub(crate) fn clear(&mut self) {
        self.tree = RBTree::new();
        self.len = 0;
    }
`,
  }),
  method('Set', {
    name: 'insert', args: 2,
    example: SET_EXAMPLE('    let _ = s.insert(2, GFP_KERNEL)?;'),
    text: () => `    /// Adds \`value\`: \`true\` if it was not there. A new element allocates its node, and on
    /// failure the set is unchanged; an element already there is kept (\`value\` is dropped).
    pub(crate) fn insert(&mut self, value: T, flags: ${FLAGS}) -> Result<bool, ${ALLOC_ERROR}>
    where
        T: Ord,
    {
        match self.tree.entry(value) {
            rbtree::Entry::Occupied(_) => Ok(false),
            rbtree::Entry::Vacant(slot) => {
                ${NODE}
                slot.insert((), node);
                self.len += 1;
                Ok(true)
            }
        }
    }
`,
  }),
  method('Set', {
    name: 'contains', args: 1,
    example: SET_EXAMPLE('    let _ = s.contains(&1);'),
    text: () => `    /// Whether \`value\` is in the set (\`RBTree::get\`).
    pub(crate) fn contains(&self, value: &T) -> bool
    where
        T: Ord,
    {
        self.tree.get(value).is_some()
    }
`,
  }),
  method('Set', {
    name: 'remove', args: 1,
    example: SET_EXAMPLE('    let _ = s.remove(&1);'),
    text: () => `    /// Removes \`value\`: \`true\` if it was there.
    pub(crate) fn remove(&mut self, value: &T) -> bool
    where
        T: Ord,
    {
        let removed = self.tree.remove(value).is_some();
        if removed {
            self.len -= 1;
        }
        removed
    }
`,
  }),
  method('Set', {
    name: 'try_clone', args: 0, distinctive: true, requires: ['Set::new', 'Set::insert'], uses: PRELUDE,
    example: SET_EXAMPLE('    let copy = s.try_clone()?;\n    let _ = copy.len();'),
    text: () => `    /// A copy, allocated with \`GFP_KERNEL\`; on failure what was copied so far is freed.
    pub(crate) fn try_clone(&self) -> Result<Self, ${ALLOC_ERROR}>
    where
        T: Ord + Clone,
    {
        let mut copy = Self::new();
        for value in self.tree.keys() {
            copy.insert(value.clone(), GFP_KERNEL)?;
        }
        Ok(copy)
    }
`,
  }),
];

// --------------------------------------------------------------------- Deque

const DEQUE_EXAMPLE = (use: string) => `    let mut d: Deque<u32> = Deque::new();\n    d.push_back(1, GFP_KERNEL)?;\n${use}`;

const DEQUE = typePiece(
  'Deque',
  '<T>',
  () => `/// A double-ended queue, in place of \`VecDeque\`: a ring buffer in a \`KVec\`
/// (rust/kernel/alloc/kvec.rs) whose free slots are \`None\`. It grows by \`KVec::push\`,
/// with the caller's flags, so \`push_back\`/\`push_front\` return a \`Result\`; on failure
/// the queue is unchanged. In upstream code prefer a \`KVec\` used as a stack, a
/// fixed-size ring, or \`kernel::list::List\` (rust/kernel/list.rs).
pub(crate) struct Deque<T> {
    /// \`slots.len()\` is the ring's capacity; the elements are the \`len\` slots from \`head\` on, wrapping.
    slots: KVec<Option<T>>,
    head: usize,
    len: usize,
}

impl<T> Default for Deque<T> {
    fn default() -> Self {
        Self { slots: KVec::new(), head: 0, len: 0 }
    }
}

impl<'a, T> IntoIterator for &'a Deque<T> {
    type Item = &'a T;
    type IntoIter = DequeIter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> IntoIterator for Deque<T> {
    type Item = T;
    type IntoIter = DequeIntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        DequeIntoIter { deque: self }
    }
}

/// The elements of a \`Deque\` by value, front to back.
pub(crate) struct DequeIntoIter<T> {
    deque: Deque<T>,
}

impl<T> Iterator for DequeIntoIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.deque.pop_front()
    }
}

/// Equal when they hold equal elements in the same order, front to back.
impl<T: PartialEq> PartialEq for Deque<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && Iterator::eq(self.iter(), other.iter())
    }
}

impl<T: Eq> Eq for Deque<T> {}

impl<T: core::fmt::Debug> core::fmt::Debug for Deque<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The elements of a \`Deque\`, front to back: the part from \`head\` to the end of the
/// slots, then the part that wrapped to the start.
pub(crate) type DequeIter<'a, T> =
    core::iter::FilterMap<core::iter::Chain<core::slice::Iter<'a, Option<T>>, core::slice::Iter<'a, Option<T>>>, fn(&'a Option<T>) -> Option<&'a T>>;
`,
  DEQUE_EXAMPLE('    for x in &d {\n        let _ = x;\n    }'),
  ['Deque::iter', 'Deque::pop_front'],
);

const DEQUE_METHODS: CompatPiece[] = [
  helper('Deque', 'slot', DEQUE_EXAMPLE('    let _ = d.pop_back();'), `    /// The slot of the \`i\`-th element (\`i <= len\`, and \`i < capacity\` unless both are 0).
    fn slot(&self, i: usize) -> usize {
        let at = self.head + i;
        if at >= self.slots.len() {
            at - self.slots.len()
        } else {
            at
        }
    }
`),
  helper('Deque', 'grow', DEQUE_EXAMPLE('    d.push_front(0, GFP_KERNEL)?;'), `    /// Room for one more element. The elements are first rotated to start at slot 0
    /// (no allocation), so that after every step below the ring is valid.
    fn grow(&mut self, flags: ${FLAGS}) -> Result<(), ${ALLOC_ERROR}> {
        if self.len < self.slots.len() {
            return Ok(());
        }
        self.slots.rotate_left(self.head);
        self.head = 0;
        self.slots.push(None, flags)?;
        // Within the capacity that \`push\` just made: these never allocate.
        while self.slots.len() < self.slots.capacity() {
            self.slots.push(None, flags)?;
        }
        Ok(())
    }
`),
  method('Deque', {
    name: 'new', args: 0, assoc: true,
    example: DEQUE_EXAMPLE('    let _ = d.len();'),
    text: () => `    /// An empty queue; does not allocate.
    pub(crate) const fn new() -> Self {
        Self { slots: KVec::new(), head: 0, len: 0 }
    }
`,
  }),
  method('Deque', {
    name: 'with_capacity', args: 2, assoc: true,
    example: '    let mut d: Deque<u32> = Deque::with_capacity(4, GFP_KERNEL)?;\n    d.push_back(1, GFP_KERNEL)?;',
    text: () => `    /// An empty queue with room for \`capacity\` elements (\`KVec::with_capacity\`).
    pub(crate) fn with_capacity(capacity: usize, flags: ${FLAGS}) -> Result<Self, ${ALLOC_ERROR}> {
        let mut slots = KVec::with_capacity(capacity, flags)?;
        // Within that capacity: these never allocate.
        while slots.len() < slots.capacity() {
            slots.push(None, flags)?;
        }
        Ok(Self { slots, head: 0, len: 0 })
    }
`,
  }),
  method('Deque', {
    name: 'len', args: 0,
    example: DEQUE_EXAMPLE('    let _ = d.len();'),
    text: () => `    /// The number of elements.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
`,
  }),
  method('Deque', {
    name: 'is_empty', args: 0,
    example: DEQUE_EXAMPLE('    let _ = d.is_empty();'),
    text: () => `    /// Whether the queue has no elements.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
`,
  }),
  method('Deque', {
    name: 'push_back', args: 2, distinctive: true, requires: ['Deque::grow', 'Deque::slot'],
    example: DEQUE_EXAMPLE('    d.push_back(2, GFP_KERNEL)?;'),
    text: () => `    /// Appends \`value\` at the back; on failure the queue is unchanged.
    pub(crate) fn push_back(&mut self, value: T, flags: ${FLAGS}) -> Result<(), ${ALLOC_ERROR}> {
        self.grow(flags)?;
        let at = self.slot(self.len);
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Some(value);
            self.len += 1;
        }
        Ok(())
    }
`,
  }),
  method('Deque', {
    name: 'push_front', args: 2, distinctive: true, requires: ['Deque::grow'],
    example: DEQUE_EXAMPLE('    d.push_front(0, GFP_KERNEL)?;'),
    text: () => `    /// Prepends \`value\` at the front; on failure the queue is unchanged.
    pub(crate) fn push_front(&mut self, value: T, flags: ${FLAGS}) -> Result<(), ${ALLOC_ERROR}> {
        self.grow(flags)?;
        let at = if self.head == 0 { self.slots.len() - 1 } else { self.head - 1 };
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Some(value);
            self.head = at;
            self.len += 1;
        }
        Ok(())
    }
`,
  }),
  method('Deque', {
    name: 'pop_front', args: 0, distinctive: true, requires: ['Deque::slot'],
    example: DEQUE_EXAMPLE('    let _ = d.pop_front();'),
    text: () => `    /// Removes and returns the front element.
    pub(crate) fn pop_front(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        let value = self.slots.get_mut(self.head)?.take();
        self.head = self.slot(1);
        self.len -= 1;
        value
    }
`,
  }),
  method('Deque', {
    name: 'pop_back', args: 0, distinctive: true, requires: ['Deque::slot'],
    example: DEQUE_EXAMPLE('    let _ = d.pop_back();'),
    text: () => `    /// Removes and returns the back element.
    pub(crate) fn pop_back(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        let at = self.slot(self.len - 1);
        let value = self.slots.get_mut(at)?.take();
        self.len -= 1;
        value
    }
`,
  }),
  method('Deque', {
    name: 'get', args: 1, requires: ['Deque::slot'],
    example: DEQUE_EXAMPLE('    let _ = d.get(0);'),
    text: () => `    /// The \`i\`-th element from the front.
    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        self.slots.get(self.slot(i))?.as_ref()
    }
`,
  }),
  method('Deque', {
    name: 'get_mut', args: 1, requires: ['Deque::slot'],
    example: DEQUE_EXAMPLE('    if let Some(x) = d.get_mut(0) {\n        *x += 1;\n    }'),
    text: () => `    /// The \`i\`-th element from the front, mutable.
    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        let at = self.slot(i);
        self.slots.get_mut(at)?.as_mut()
    }
`,
  }),
  method('Deque', {
    name: 'front', args: 0, distinctive: true, requires: ['Deque::get'],
    example: DEQUE_EXAMPLE('    let _ = d.front();'),
    text: () => `    /// The front element.
    pub(crate) fn front(&self) -> Option<&T> {
        self.get(0)
    }
`,
  }),
  method('Deque', {
    name: 'back', args: 0, distinctive: true, requires: ['Deque::get'],
    example: DEQUE_EXAMPLE('    let _ = d.back();'),
    text: () => `    /// The back element.
    pub(crate) fn back(&self) -> Option<&T> {
        self.get(self.len.checked_sub(1)?)
    }
`,
  }),
  method('Deque', {
    name: 'front_mut', args: 0, distinctive: true, requires: ['Deque::get_mut'],
    example: DEQUE_EXAMPLE('    if let Some(x) = d.front_mut() {\n        *x += 1;\n    }'),
    text: () => `    /// The front element, mutable.
    pub(crate) fn front_mut(&mut self) -> Option<&mut T> {
        self.get_mut(0)
    }
`,
  }),
  method('Deque', {
    name: 'back_mut', args: 0, distinctive: true, requires: ['Deque::get_mut'],
    example: DEQUE_EXAMPLE('    if let Some(x) = d.back_mut() {\n        *x += 1;\n    }'),
    text: () => `    /// The back element, mutable.
    pub(crate) fn back_mut(&mut self) -> Option<&mut T> {
        self.get_mut(self.len.checked_sub(1)?)
    }
`,
  }),
  method('Deque', {
    name: 'iter', args: 0,
    example: DEQUE_EXAMPLE('    let _ = d.iter().count();'),
    text: () => `    /// The elements, front to back.
    pub(crate) fn iter(&self) -> DequeIter<'_, T> {
        let end = self.slots.len().min(self.head + self.len);
        let wrapped = self.head + self.len - end;
        let (start, from_head) = self.slots.split_at(self.head);
        // \`Iterator::\` by name: the prelude's \`Init\` (pin-init) has a \`chain\` method too.
        Iterator::chain(from_head[..end - self.head].iter(), start[..wrapped].iter()).filter_map(Option::as_ref)
    }
`,
  }),
  method('Deque', {
    name: 'iter_mut', args: 0,
    example: DEQUE_EXAMPLE('    for x in d.iter_mut() {\n        *x += 1;\n    }'),
    text: () => `    /// The elements, front to back, mutable.
    pub(crate) fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &'_ mut T> {
        let end = self.slots.len().min(self.head + self.len);
        let wrapped = self.head + self.len - end;
        let (start, from_head) = self.slots.split_at_mut(self.head);
        Iterator::chain(from_head[..end - self.head].iter_mut(), start[..wrapped].iter_mut()).filter_map(Option::as_mut)
    }
`,
  }),
  method('Deque', {
    name: 'contains', args: 1,
    example: DEQUE_EXAMPLE('    let _ = d.contains(&1);'),
    text: () => `    /// Whether some element equals \`value\`.
    pub(crate) fn contains(&self, value: &T) -> bool
    where
        T: PartialEq,
    {
        self.iter().any(|x| x == value)
    }
`,
  }),
  method('Deque', {
    name: 'clear', args: 0,
    example: DEQUE_EXAMPLE('    d.clear();'),
    text: () => `    /// Removes every element; the slots are kept.
    pub(crate) fn clear(&mut self) {
        for slot in self.slots.iter_mut() {
            *slot = None;
        }
        self.head = 0;
        self.len = 0;
    }
`,
  }),
  method('Deque', {
    name: 'try_clone', args: 0, distinctive: true, requires: ['Deque::push_back'], uses: PRELUDE,
    example: DEQUE_EXAMPLE('    let copy = d.try_clone()?;\n    let _ = copy.len();'),
    text: () => `    /// A copy, allocated with \`GFP_KERNEL\`; on failure what was copied so far is freed.
    pub(crate) fn try_clone(&self) -> Result<Self, ${ALLOC_ERROR}>
    where
        T: Clone,
    {
        let mut copy = Self::default();
        for value in self.iter() {
            copy.push_back(value.clone(), GFP_KERNEL)?;
        }
        Ok(copy)
    }
`,
  }),
];

export const MAP_ITEM: CompatItem = {
  name: 'Map',
  doc: `\`Map\` is a sorted map on the kernel's \`RBTree\` (rust/kernel/rbtree.rs), in place of
\`HashMap\` and \`BTreeMap\`: each new key allocates its node and can fail; it
iterates in key order.`,
  pieces: [MAP, ...MAP_METHODS, ENTRY, ...ENTRY_METHODS],
};

export const SET_ITEM: CompatItem = {
  name: 'Set',
  doc: `\`Set\` is a sorted set on the kernel's \`RBTree\` (rust/kernel/rbtree.rs), in place of
\`HashSet\` and \`BTreeSet\`: each new element allocates its node and can fail.`,
  pieces: [SET, ...SET_METHODS],
};

export const DEQUE_ITEM: CompatItem = {
  name: 'Deque',
  doc: `\`Deque\` is a ring buffer in a \`KVec\` (rust/kernel/alloc/kvec.rs), in place of
\`VecDeque\`: pushing can grow it, and a growth that fails leaves it unchanged.`,
  pieces: [DEQUE, ...DEQUE_METHODS],
};
