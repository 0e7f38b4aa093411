// What the std-collection rewrites (transforms/compat-collection-*.ts) share:
// whether they run, which std name becomes which compat type, and the notes
// they leave, each naming the kernel's own alternative for upstream code.
import { compatTypesOn } from '../crate/compat-mode.ts';
import type { CodeInfo, CrateInfo } from '../engine/types.ts';
import type { Profile } from '../kernel-api/profiles.ts';
import { collectionsOn } from './collections.ts';
import { ownsName } from './own.ts';
import type { Tree } from '../engine/types.ts';

/** Whether `HashMap`, `BTreeMap`, `HashSet`, `BTreeSet` and `VecDeque` are ported (not only reported) for this crate and profile. */
export function collectionsPorted(ctx: { crate: Pick<CrateInfo, 'options'>; profile: Profile }): boolean {
  return compatTypesOn(ctx.crate) && collectionsOn(ctx.profile);
}

export type Compat = 'Map' | 'Set' | 'Deque';

/** The std collection types kport ports, and the compat type of each. */
export const PORTED: Readonly<Record<string, Compat>> = {
  HashMap: 'Map',
  BTreeMap: 'Map',
  HashSet: 'Set',
  BTreeSet: 'Set',
  VecDeque: 'Deque',
};

/** The compat types a file may use: those whose name it does not give a meaning of its own (a `struct Map` of the crate). */
export function usable(tree: Tree): Set<Compat> {
  return new Set((['Map', 'Set', 'Deque'] as const).filter((c) => !ownsName(tree, c)));
}

/** The kernel's own forms, for upstream code, per compat type. */
export const UPSTREAM: Readonly<Record<Compat, string>> = {
  Map: 'in upstream code prefer an `RBTree` keyed by an integer id (it avoids owned keys; rust/kernel/rbtree.rs), or an `XArray` for a map from indices (rust/kernel/xarray.rs)',
  Set: 'in upstream code prefer a bitmap for small integers (rust/kernel/bitmap.rs), or an `RBTree` keyed by an integer id (rust/kernel/rbtree.rs)',
  Deque: 'in upstream code prefer a `KVec` used as a stack, a fixed-size ring buffer, or `kernel::list::List` (rust/kernel/list.rs)',
};

/** What each compat type is, for messages. */
export const WHAT: Readonly<Record<Compat, string>> = {
  Map: 'a sorted map on the kernel\'s `RBTree`',
  Set: 'a sorted set on the kernel\'s `RBTree`',
  Deque: 'a ring buffer in a `KVec`',
};

export const COLLECTION_CODES: Record<string, CodeInfo> = {
  K0700: {
    code: 'K0700',
    severity: 'note',
    title: 'a std collection became a compat type (`Map`, `Set`, `Deque`)',
    explanation: `The kernel has no \`HashMap\`, \`BTreeMap\`, \`HashSet\`, \`BTreeSet\` or \`VecDeque\`.
kport ports them to the generated compat module (\`kport_compat.rs\`): \`Map<K, V>\`
and \`Set<T>\` on the kernel's red-black tree (rust/kernel/rbtree.rs, \`K: Ord\`),
\`Deque<T>\` on a \`KVec\` ring; whatever allocates returns a \`Result\`. A \`HashMap\`
iterates in an unspecified order, so the sorted order of \`Map\` is one of its
orders; a \`BTreeMap\`'s is exactly the same. Constructors allocate nothing:
\`HashMap::new()\` and \`with_capacity(n)\` become \`Map::new()\` (the capacity is a
hint), \`VecDeque::with_capacity(n)\` becomes \`Deque::with_capacity(n, GFP_KERNEL)?\`.
For upstream code, look at the kernel's own forms: an \`RBTree\` keyed by an
integer id avoids owned keys, an \`XArray\` maps indices, a bitmap holds a set of
small integers. \`--compat none\` keeps the report-only behaviour (K0201).

Before:
    use std::collections::HashMap;
    let mut counts: HashMap<String, u32> = HashMap::new();
After:
    let mut counts: Map<KString, u32> = Map::new();`,
  },
  K0701: {
    code: 'K0701',
    severity: 'note',
    title: 'inserting into a compat collection can fail',
    explanation: `A new key of a \`Map\`, a new element of a \`Set\` and a push that grows a \`Deque\`
allocate: \`insert\`, the entry forms \`or_insert\`, \`or_insert_with\`, \`or_default\`,
\`push_back\` and \`push_front\` take the GFP flags and return a \`Result\`, as the
kernel's \`RBTree::try_create_and_insert\` and \`KVec::push\` do, and the call gets
\`?\` (the fallibility propagation makes the function pass it on). On failure the
collection is unchanged. \`insert\` still returns the old value (\`Map\`) or
whether the element was new (\`Set\`).

Before:
    *counts.entry(word).or_insert(0) += 1;
    queue.push_back(job);
After:
    *counts.entry(word).or_insert(0, GFP_KERNEL)? += 1;
    queue.push_back(job, GFP_KERNEL)?;`,
  },
  K0702: {
    code: 'K0702',
    severity: 'note',
    title: "a compat collection's clone became `try_clone()?`",
    explanation: `Copying a collection allocates, and the kernel's tree and vector have no
\`Clone\`: \`m.clone()\` on a \`Map\`, \`Set\` or \`Deque\` becomes \`m.try_clone()?\`
(keys and values must be \`Clone\`). For upstream code, borrow the collection
where the copy is only read.

Before:
    let snapshot = inventory.clone();
After:
    let snapshot = inventory.try_clone()?;`,
  },
  K0703: {
    code: 'K0703',
    severity: 'error',
    title: 'a map key or set element type has no `Ord`',
    explanation: `\`Map\` and \`Set\` are the kernel's red-black tree, which orders its keys: the
key type needs \`Ord\` (a \`HashMap\` needs \`Hash\` and \`Eq\` instead). A type of the
crate used as a key without an \`Ord\` impl does not build: add \`PartialOrd, Ord\`
to its derive (every field must be \`Ord\` too), or write the impls. Deriving
orders by the fields in declaration order (an enum by its variants), which only
decides the order of iteration.

Before:
    #[derive(Hash, PartialEq, Eq)]
    struct Pos { x: i32, y: i32 }
    let seen: HashSet<Pos> = HashSet::new();
Decision:
    #[derive(Hash, PartialEq, Eq, PartialOrd, Ord)]
    struct Pos { x: i32, y: i32 }`,
  },
  K0704: {
    code: 'K0704',
    severity: 'error',
    title: 'a std collection method the compat type does not have',
    explanation: `The compat \`Map\`, \`Set\` and \`Deque\` have the common methods of the std types
(\`new\`, \`insert\`, \`get\`, \`get_mut\`, \`remove\`, \`contains_key\`/\`contains\`, \`len\`,
\`is_empty\`, \`iter\`, \`keys\`, \`values\`, the entry forms, \`push_*\`/\`pop_*\`,
\`front\`/\`back\`, \`clear\`, \`try_clone\`), but not all: \`retain\`, \`extend\`,
\`drain\`, \`range\`, set algebra (\`union\`, \`intersection\`), \`iter().rev()\` on a tree,
and others are reported here, where the call does not build. Rewrite the call
with the methods there are (a loop of fallible \`insert\`s for \`extend\`; collect the
keys to remove, then remove them, for \`retain\`).

Before:
    scores.retain(|_, s| *s > 0);
Decision:
    let mut gone = KVec::new();
    for (k, s) in scores.iter() { if *s == 0 { gone.push(*k, GFP_KERNEL)?; } }
    for k in gone.iter() { scores.remove(k); }`,
  },
  K0706: {
    code: 'K0706',
    severity: 'error',
    title: 'a type derives a trait that a compat collection it holds does not have',
    explanation: `\`Map\`, \`Set\` and \`Deque\` have \`Debug\`, \`Default\`, \`PartialEq\` and \`Eq\`, but
not \`Clone\` (copying allocates, and the kernel's tree and vector have no
\`Clone\`), \`Hash\`, \`PartialOrd\` or \`Ord\`. A struct or enum that holds one and
derives those does not build. Remove them from the derive; copy with a method
that can fail (the collection's \`try_clone()?\`, field by field).

Before:
    #[derive(Clone)]
    struct Inventory { stock: HashMap<u32, u32> }
Decision:
    struct Inventory { stock: Map<u32, u32> }
    impl Inventory {
        fn try_clone(&self) -> Result<Self> { Ok(Self { stock: self.stock.try_clone()? }) }
    }`,
  },
  K0705: {
    code: 'K0705',
    severity: 'note',
    title: 'a lookup by a borrowed form of the key',
    explanation: `The kernel's \`RBTree::get\`, \`get_mut\` and \`remove\` take \`&K\`, the key type
itself; a std map also accepts any borrowed form of it (\`&str\` for a \`String\`
key). A lookup in a \`Map<KString, V>\` by a \`&str\` would not build: kport ports it
as a lookup by a temporary key, \`m.get(&KString::try_from(name)?)\`, which
allocates (and can fail). For upstream code, key the map by something that
needs no allocation (an integer id, a \`&'static str\`).

Before:
    let item = self.items.get_mut(name);
After:
    let item = self.items.get_mut(&KString::try_from(name)?);`,
  },
};
