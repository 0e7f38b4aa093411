// The `alloc`/`std`-only APIs kernel code cannot call, as data. One row per
// API: what it is, on which receivers it allocates or is std-only, why, and
// the kernel way (with the kernel file checked, torvalds/linux mainline).
//
// The check-std-api transform reports the rows that are its own; rows with
// `by` are reported by another pass (named, with its code) and are listed so
// that the table is the whole list. test/std-only-table.test.ts runs every
// row's example through the whole pipeline and checks that its marked line
// gets exactly one report, with the row's code: coverage is this data.
//
// Where a receiver's type is unknown (kport infers no types), a method is
// reported only when its name (and argument count) is evidence on its own:
// no core or kernel type has such a method (`push_str`, `entry(..).or_insert(..)`).
// A name kernel types share (`clone`, `push`, `insert`, `to_ascii_lowercase`
// on `CStr`, `push_back` on `kernel::list::List`) is reported only where the
// receiver is known to be the std type (src/analysis/vec-resolver.ts: declared types,
// constructors, struct fields).

/** Diagnostic codes of check-std-api (range K0680-K0689). */
export const STD_ONLY_CODES = {
  /** A str/String method or operator that builds or grows a `String`. */
  string: 'K0680',
  /** A std map, set or deque API (the entry API, insert/push_back on a std collection). */
  collection: 'K0681',
  /** A std item with no kernel home reached through a `use` (`HashMap::new`, `process::exit`). */
  imported: 'K0682',
  /** A slice or vector method that allocates and has no kernel form. */
  slice: 'K0683',
} as const;

/** What a receiver is known to be: the std types a row applies to. */
export type StdKind = 'str' | 'String' | 'slice' | 'map' | 'set' | 'deque' | 'heap';

interface RowBase {
  code: string;
  /** Why the kernel cannot have it: a predicate that completes the message after the code as written (\`.push_str(..)\` grows a \`String\`; ...). */
  why: string;
  /** The kernel way, naming the kernel API (and its file). */
  kernel: string;
  /** Kernel file(s) checked for `kernel`. */
  source: string;
  /**
   * A small program in which the line marked `// <-` must be reported with
   * `code`, once, by the whole pipeline (test/std-only-table.test.ts).
   */
  example: string;
  /**
   * With the compat types on (the default; `--compat none` turns them off), the
   * transform that ports this API to the compat module (src/compat/) instead of a
   * report, and the note it leaves there (`''`: none, the call is as the compat type
   * has it); test/std-only-table.test.ts checks both modes.
   */
  compat?: { by: string; code: string };
}

/** `recv.name(args)`. */
export interface MethodRow extends RowBase {
  kind: 'method';
  name: string;
  /** Argument count of the std method: a call with another count is some other method. */
  args: number;
  /**
   * `name`: no core or kernel type has this method with this argument count, so the call
   * is evidence enough (unless the crate defines a method of the name). `receiver`: only
   * where the receiver is known to be one of `on`.
   */
  evidence: 'name' | 'receiver';
  on: readonly StdKind[];
  /** Receivers on which the name is a core method that does not allocate (`char::to_lowercase`). */
  fineOn?: readonly string[];
}

/** `recv.first(..).then(..)`: the link `then` only exists on what `first` returns. */
export interface ChainRow extends RowBase {
  kind: 'chain';
  first: string;
  then: readonly string[];
}

/** `a + b` / `a += b` whose left side is known to be a `String`. */
export interface OperatorRow extends RowBase {
  kind: 'operator';
  op: '+' | '+=';
  on: readonly StdKind[];
}

/** A path to a std method used as a value: `.map(str::to_owned)`. */
export interface PathRow extends RowBase {
  kind: 'path';
  /** `Type::method`, as written (whitespace removed). */
  path: string;
}

/**
 * A std item with no kernel home (src/kernel-api/std-paths.ts says which: entries with
 * target `none`) used in code through a `use`: `HashMap::new()`, `HashMap<K, V>`,
 * `process::exit(1)` after `use std::process;`, `exit(1)` after `use std::process::exit;`.
 * The std-paths table drives these; the rows name the cases the tests walk.
 */
export interface ImportRow extends RowBase {
  kind: 'import';
  /** The std item, for the docs. */
  item: string;
}

/** Reported by another pass: listed so the table is complete, and tested the same way. */
export interface OwnedRow extends RowBase {
  kind: 'owned';
  /** What is reported, for the docs. */
  what: string;
  /** The transform that reports it. */
  by: string;
}

export type StdOnlyRow = MethodRow | ChainRow | OperatorRow | PathRow | ImportRow | OwnedRow;

const STR = 'rust/kernel/str.rs';
const KVEC = 'rust/kernel/alloc/kvec.rs';
const RBTREE = 'rust/kernel/rbtree.rs';

const NO_STRING = 'the kernel has no `String`';
const OWNED_TEXT = 'keep `&str` where the text is borrowed; own text as a `KVec<u8>` grown with `extend_from_slice(s.as_bytes(), GFP_KERNEL)?`, or format it once with `CString::try_from_fmt(fmt!(..))?`';
const CASE = 'lower/upper-case ASCII in place, without allocating: `make_ascii_lowercase()`/`make_ascii_uppercase()` on a `[u8]` buffer (a `KVec<u8>`, an array, or a `CString`); compare with `eq_ignore_ascii_case` instead of building a lower-case copy';
/** A std collection type or constructor the compat types port (transforms/compat-collection-types.ts). */
const PORTED_TYPE = { by: 'compat-collection-types', code: 'K0700' };
const NO_COLLECTIONS = 'the kernel has no std collections';
const MAP = 'use `kernel::rbtree::RBTree` (from 6.12): `try_create_and_insert(k, v, GFP_KERNEL)?`, `get`/`get_mut`, and `entry(k)` giving `Entry::Occupied(o)` (`o.get_mut()`) or `Entry::Vacant(v)` (`v.insert(value, RBTreeNodeReservation::new(GFP_KERNEL)?)`); or a sorted `KVec` searched with `binary_search`';

const method = (r: Omit<MethodRow, 'kind'>): MethodRow => ({ kind: 'method', ...r });
const fn = (body: string, params = '') => `fn example(${params}) {\n${body}\n}\n`;

export const STD_ONLY: readonly StdOnlyRow[] = [
  // ---------------------------------------------------------------- text
  method({
    name: 'to_lowercase', args: 0, evidence: 'name', on: ['str'], fineOn: ['char'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\`; ${NO_STRING}`, kernel: CASE, source: STR,
    example: fn('    let q = query.to_lowercase(); // <-\n    let _ = q;', 'query: &str'),
  }),
  method({
    name: 'to_uppercase', args: 0, evidence: 'name', on: ['str'], fineOn: ['char'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\`; ${NO_STRING}`, kernel: CASE, source: STR,
    example: fn('    let loud = word.trim().to_uppercase(); // <-\n    let _ = loud;', 'word: &str'),
  }),
  method({
    name: 'to_ascii_lowercase', args: 0, evidence: 'receiver', on: ['str', 'String', 'slice'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\` (on \`[u8]\` a new \`Vec\`); ${NO_STRING}`, kernel: `${CASE}; the kernel \`CStr::to_ascii_lowercase()\` returns \`Result<CString, AllocError>\``, source: STR,
    example: fn('    let k = name.to_ascii_lowercase(); // <-\n    let _ = k;', 'name: &str'),
  }),
  method({
    name: 'to_ascii_uppercase', args: 0, evidence: 'receiver', on: ['str', 'String', 'slice'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\` (on \`[u8]\` a new \`Vec\`); ${NO_STRING}`, kernel: `${CASE}; the kernel \`CStr::to_ascii_uppercase()\` returns \`Result<CString, AllocError>\``, source: STR,
    example: fn('    let k = name.to_ascii_uppercase(); // <-\n    let _ = k;', 'name: &String'),
  }),
  method({
    name: 'push_str', args: 1, evidence: 'name', on: ['String'], code: STD_ONLY_CODES.string,
    why: `grows a \`String\`; ${NO_STRING}`, kernel: OWNED_TEXT, source: `${STR}, ${KVEC}`,
    example: fn('    out.push_str("!"); // <-', 'out: &mut Text'),
  }),
  method({
    name: 'insert_str', args: 2, evidence: 'name', on: ['String'], code: STD_ONLY_CODES.string,
    why: `grows a \`String\`; ${NO_STRING}`, kernel: OWNED_TEXT, source: `${STR}, ${KVEC}`,
    example: fn('    out.insert_str(0, "> "); // <-', 'out: &mut Text'),
  }),
  method({
    name: 'replace', args: 2, evidence: 'name', on: ['str'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\`; ${NO_STRING}`, kernel: `copy into a \`KVec<u8>\` and substitute while copying (\`extend_from_slice(.., GFP_KERNEL)?\`), or rewrite bytes in place when the lengths agree`, source: KVEC,
    example: fn('    let t = line.replace("\\t", " "); // <-\n    let _ = t;', 'line: &str'),
  }),
  method({
    name: 'replacen', args: 3, evidence: 'name', on: ['str'], code: STD_ONLY_CODES.string,
    why: `on a \`str\` returns a new \`String\`; ${NO_STRING}`, kernel: 'copy into a `KVec<u8>` and substitute while copying (`extend_from_slice(.., GFP_KERNEL)?`)', source: KVEC,
    example: fn('    let t = line.replacen("a", "b", 1); // <-\n    let _ = t;', 'line: &str'),
  }),
  method({
    name: 'to_owned', args: 0, evidence: 'receiver', on: ['str', 'String'], code: STD_ONLY_CODES.string, compat: { by: 'compat-string-new', code: 'K0691' },
    why: `on a \`str\` allocates a \`String\`; ${NO_STRING}`, kernel: `${OWNED_TEXT}; for a constant, \`c_str!("..")\` (\`&'static CStr\`)`, source: STR,
    example: fn('    let owned = "guest".to_owned(); // <-\n    let _ = owned;'),
  }),
  method({
    name: 'clone', args: 0, evidence: 'receiver', on: ['String'], code: STD_ONLY_CODES.string, compat: { by: 'compat-string-methods', code: 'K0695' },
    why: `on a \`String\` allocates a copy; ${NO_STRING}`, kernel: `borrow it (\`&str\`), or copy it fallibly: \`CString::try_from_fmt(fmt!("{}", s))?\` or \`s.as_bytes()\` into a \`KVec<u8>\` (\`extend_from_slice(.., GFP_KERNEL)?\`)`, source: STR,
    example: fn('    let s = String::new();\n    let t = s.clone(); // <-\n    let _ = t;'),
  }),
  method({
    name: 'push', args: 1, evidence: 'receiver', on: ['String'], code: STD_ONLY_CODES.string, compat: { by: 'compat-string-methods', code: 'K0694' },
    why: `on a \`String\` grows it; ${NO_STRING}`, kernel: 'push the byte(s) into a `KVec<u8>` with `push(b, GFP_KERNEL)?` (a `char` as its UTF-8 bytes: `c.encode_utf8(&mut [0; 4])`)', source: KVEC,
    example: fn("    s.push('!'); // <-", 's: &mut String'),
  }),
  method({
    name: 'insert', args: 2, evidence: 'receiver', on: ['String'], code: STD_ONLY_CODES.string,
    why: `on a \`String\` grows it; ${NO_STRING}`, kernel: OWNED_TEXT, source: KVEC,
    example: fn("    s.insert(0, '>'); // <-", 's: &mut String'),
  }),
  method({
    name: 'extend', args: 1, evidence: 'receiver', on: ['String'], code: STD_ONLY_CODES.string,
    why: `on a \`String\` grows it; ${NO_STRING}`, kernel: OWNED_TEXT, source: KVEC,
    example: fn("    s.extend(['a', 'b']); // <-", 's: &mut String'),
  }),
  method({
    name: 'reserve', args: 1, evidence: 'receiver', on: ['String'], code: STD_ONLY_CODES.string,
    why: `on a \`String\` allocates; ${NO_STRING}`, kernel: '`KVec::reserve(n, GFP_KERNEL)?` on a `KVec<u8>` buffer', source: KVEC,
    example: fn('    let mut s = String::new();\n    s.reserve(16); // <-'),
  }),
  {
    kind: 'operator', op: '+', on: ['String'], code: STD_ONLY_CODES.string, compat: { by: 'compat-string-methods', code: 'K0694' },
    why: `appends to a \`String\`, which may reallocate; ${NO_STRING}`, kernel: `format the whole text once: \`CString::try_from_fmt(fmt!("{}{}", a, b))?\`, or append bytes to a \`KVec<u8>\` with \`extend_from_slice(.., GFP_KERNEL)?\``, source: STR,
    example: fn('    let s1 = String::from("tic");\n    let s = s1 + "-tac"; // <-\n    let _ = s;'),
  },
  {
    kind: 'operator', op: '+=', on: ['String'], code: STD_ONLY_CODES.string, compat: { by: 'compat-string-methods', code: 'K0694' },
    why: `appends to a \`String\`, which may reallocate; ${NO_STRING}`, kernel: 'append bytes to a `KVec<u8>` with `extend_from_slice(s.as_bytes(), GFP_KERNEL)?`', source: KVEC,
    example: fn('    *s += "!"; // <-', 's: &mut String'),
  },
  ...['to_owned', 'to_string', 'to_lowercase', 'to_uppercase', 'repeat'].map((m): PathRow => ({
    kind: 'path', path: `str::${m}`, code: STD_ONLY_CODES.string,
    why: `builds a new \`String\`; ${NO_STRING}`, kernel: OWNED_TEXT, source: STR,
    example: fn(`    let f = str::${m}; // <-\n    let _ = f;`),
  })),
  {
    kind: 'path', path: 'ToOwned::to_owned', code: STD_ONLY_CODES.string,
    why: 'allocates the owned copy; the kernel has no `ToOwned` (alloc::borrow)', kernel: OWNED_TEXT, source: STR,
    example: fn('    let f = ToOwned::to_owned; // <-\n    let _: String = f("x");'),
  },
  // ---------------------------------------------------------------- collections
  {
    kind: 'chain', first: 'entry', then: ['or_insert', 'or_insert_with', 'or_insert_with_key', 'or_default', 'and_modify'], code: STD_ONLY_CODES.collection,
    why: `is the std map entry API, which allocates; the kernel \`RBTree::entry\` has no \`or_insert\``, kernel: MAP, source: RBTREE,
    example: fn('    *counts.entry(word).or_insert(0) += 1; // <-', 'counts: &mut Counts, word: u32'),
  },
  method({
    name: 'entry', args: 1, evidence: 'receiver', on: ['map'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: '' },
    why: `on a std map is the std entry API, which allocates; ${NO_COLLECTIONS}`, kernel: MAP, source: RBTREE,
    example: 'use std::collections::BTreeMap;\n' + fn('    let mut m: BTreeMap<u32, u32> = BTreeMap::new();\n    let e = m.entry(1); // <-\n    let _ = e;'),
  }),
  method({
    name: 'insert', args: 2, evidence: 'receiver', on: ['map'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0701' },
    why: `on a std map allocates; ${NO_COLLECTIONS}`, kernel: MAP, source: RBTREE,
    example: 'use std::collections::HashMap;\n' + fn('    let mut m: HashMap<u8, u8> = HashMap::new();\n    m.insert(1, 2); // <-'),
  }),
  method({
    name: 'extend', args: 1, evidence: 'receiver', on: ['map', 'set', 'deque', 'heap'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0704' },
    why: `on a std collection allocates; ${NO_COLLECTIONS}`, kernel: 'insert each item with the fallible kernel methods (`RBTree::try_create_and_insert(k, v, GFP_KERNEL)?`, `KVec::push(x, GFP_KERNEL)?`)', source: `${KVEC}, ${RBTREE}`,
    example: 'use std::collections::BTreeSet;\n' + fn('    let mut s: BTreeSet<u8> = BTreeSet::new();\n    s.extend([1, 2]); // <-'),
  }),
  method({
    name: 'reserve', args: 1, evidence: 'receiver', on: ['map', 'set', 'deque', 'heap'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0704' },
    why: `on a std collection allocates; ${NO_COLLECTIONS}`, kernel: '`KVec::reserve(n, GFP_KERNEL)?` on a kernel vector, or `RBTreeNodeReservation::new(GFP_KERNEL)?` per node to insert later (rust/kernel/rbtree.rs)', source: `${KVEC}, ${RBTREE}`,
    example: 'use std::collections::VecDeque;\n' + fn('    let mut q: VecDeque<u8> = VecDeque::new();\n    q.reserve(4); // <-'),
  }),
  method({
    name: 'insert', args: 1, evidence: 'receiver', on: ['set'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0701' },
    why: `on a std set allocates; ${NO_COLLECTIONS}`, kernel: 'keep a sorted `KVec` (`binary_search`, then `push(x, GFP_KERNEL)?` and rotate into place), or an `RBTree<K, ()>` (from 6.12)', source: `${KVEC}, ${RBTREE}`,
    example: 'use std::collections::HashSet;\n' + fn('    let mut seen = HashSet::new();\n    seen.insert(3u32); // <-'),
  }),
  method({
    name: 'push_back', args: 1, evidence: 'receiver', on: ['deque'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0701' },
    why: `on a \`VecDeque\` allocates; ${NO_COLLECTIONS}`, kernel: 'a `KVec` used as a ring buffer (a head index and `push(x, GFP_KERNEL)?`), or `kernel::list::List` of `ListArc`s (rust/kernel/list.rs)', source: `${KVEC}, rust/kernel/list.rs`,
    example: 'use std::collections::VecDeque;\n' + fn('    let mut q = VecDeque::new();\n    q.push_back(1u8); // <-'),
  }),
  method({
    name: 'push_front', args: 1, evidence: 'receiver', on: ['deque'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0701' },
    why: `on a \`VecDeque\` allocates; ${NO_COLLECTIONS}`, kernel: 'a `KVec` used as a ring buffer, or `kernel::list::List` (`push_front`, rust/kernel/list.rs)', source: `${KVEC}, rust/kernel/list.rs`,
    example: 'use std::collections::VecDeque;\n' + fn('    let mut q: VecDeque<u8> = VecDeque::new();\n    q.push_front(1); // <-'),
  }),
  method({
    name: 'push', args: 1, evidence: 'receiver', on: ['heap'], code: STD_ONLY_CODES.collection,
    why: `on a \`BinaryHeap\` allocates; ${NO_COLLECTIONS}`, kernel: 'keep a `KVec` (`push(x, GFP_KERNEL)?`) and `sort_unstable` it, or an `RBTree` keyed by priority', source: `${KVEC}, ${RBTREE}`,
    example: 'use std::collections::BinaryHeap;\n' + fn('    let mut h = BinaryHeap::new();\n    h.push(4u32); // <-'),
  }),
  method({
    name: 'append', args: 1, evidence: 'receiver', on: ['map', 'set', 'deque', 'heap'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0704' },
    why: `on a std collection allocates; ${NO_COLLECTIONS}`, kernel: MAP, source: RBTREE,
    example: 'use std::collections::BTreeMap;\n' + fn('    let mut a: BTreeMap<u8, u8> = BTreeMap::new();\n    let mut b: BTreeMap<u8, u8> = BTreeMap::new();\n    a.append(&mut b); // <-'),
  }),
  method({
    name: 'clone', args: 0, evidence: 'receiver', on: ['map', 'set', 'deque', 'heap'], code: STD_ONLY_CODES.collection, compat: { by: 'compat-collection-methods', code: 'K0702' },
    why: `on a std collection allocates a copy; ${NO_COLLECTIONS}`, kernel: 'the kernel collections are not `Clone`: copy the elements one by one with the fallible insert of the kernel type', source: `${KVEC}, ${RBTREE}`,
    example: 'use std::collections::HashMap;\n' + fn('    let m: HashMap<u8, u8> = HashMap::new();\n    let n = m.clone(); // <-\n    let _ = n;'),
  }),
  // ---------------------------------------------------------------- slices
  method({
    name: 'split_off', args: 1, evidence: 'name', on: ['String', 'slice', 'map', 'set', 'deque'], code: STD_ONLY_CODES.slice,
    why: 'moves the tail into a new allocation; the kernel vector has no `split_off`', kernel: 'copy the tail into a new vector (`KVec::with_capacity(n, GFP_KERNEL)?`, `extend_from_slice(&v[at..], GFP_KERNEL)?`) and `truncate(at)`', source: KVEC,
    example: fn('    let tail = items.split_off(2); // <-\n    let _ = tail;', 'items: &mut Items'),
  }),
  method({
    name: 'to_owned', args: 0, evidence: 'receiver', on: ['slice'], code: STD_ONLY_CODES.slice,
    why: 'on a slice allocates a new `Vec`; the kernel vector is not `Clone`', kernel: '`try_to_vec(GFP_KERNEL)?` from the kport compat module, or `KVec::with_capacity(n, GFP_KERNEL)?` and `extend_from_slice(s, GFP_KERNEL)?`', source: KVEC,
    example: fn('    let copy = bytes.to_owned(); // <-\n    let _ = copy;', 'bytes: &[u8]'),
  }),
  // ---------------------------------------------------------------- std items through a `use`
  ...([
    ['std::collections::BTreeMap', 'use std::collections::BTreeMap;\n' + fn('    let mut m = BTreeMap::new(); // <-\n    m.insert(1u8, 2u8);'), PORTED_TYPE],
    ['std::collections::HashMap', 'use std::collections::HashMap;\n' + fn('    let scores: HashMap<u8, u8> = HashMap::new(); // <-\n    let _ = scores;'), PORTED_TYPE],
    ['std::collections::HashSet', 'use std::collections::HashSet;\n' + fn('    let s = HashSet::<u32>::with_capacity(8); // <-\n    let _ = s;'), PORTED_TYPE],
    ['std::collections::VecDeque', 'use std::collections;\n' + fn('    let q: collections::VecDeque<u8> = collections::VecDeque::new(); // <-\n    let _ = q;'), PORTED_TYPE],
    ['std::rc::Rc', 'use std::rc::Rc;\n' + fn('    let a = Rc::new(5); // <-\n    let _ = a;'), { by: 'compat-rc', code: 'K0710' }],
    ['std::sync::Mutex', 'use std::sync::Mutex;\n' + fn('    let m = Mutex::new(0); // <-\n    let _ = m;')],
    ['std::sync::mpsc::channel', 'use std::sync::mpsc;\n' + fn('    let (tx, rx) = mpsc::channel::<u8>(); // <-\n    let _ = (tx, rx);')],
    ['std::process::exit', 'use std::process;\n' + fn('    let f = |code: i32| process::exit(code); // <-\n    f(1);')],
    ['std::process::exit', 'use std::process::exit;\n' + fn('    let f = || exit(2); // <-\n    f();')],
    ['std::env::args', 'use std::env;\n' + fn('    let n = env::args().count(); // <-\n    let _ = n;')],
    ['std::io::stdin', 'use std::io;\n' + fn('    let _stdin = io::stdin(); // <-')],
    ['std::thread::spawn', 'use std::thread;\n' + fn('    let h = thread::spawn(|| 1); // <-\n    let _ = h;')],
    ['std::fs::read_to_string', 'use std::fs;\n' + fn('    let _ = fs::read_to_string("x"); // <-')],
  ] as [string, string, { by: string; code: string }?][]).map(([item, example, compat]): ImportRow => ({
    ...(compat ? { compat } : {}),
    kind: 'import', item, code: STD_ONLY_CODES.imported,
    why: 'the std item has no kernel home (src/kernel-api/std-paths.ts); the `use` is reported by std-paths, each use in code here',
    kernel: 'the help of the std-paths table entry for the module (collections → `RBTree`/`XArray`/sorted `KVec`, process → return an error from `init`, ...)',
    source: 'src/kernel-api/std-paths.ts', example,
  })),
  // ---------------------------------------------------------------- reported by other passes
  ...([
    ['`String` as a type', 'check-strings', 'K0610', fn('    let s: String = make(); // <-\n    let _ = s;'), { by: 'compat-string-types', code: 'K0690' }],
    ['`String::from` used as a value', 'check-strings', 'K0610', fn('    let v: Vec<usize> = words.iter().copied().map(String::from).map(|s| s.len()).collect(); // <-\n    let _ = v;', "words: &[&'static str]")],
    ['`format!`', 'check-strings', 'K0611', fn('    let s = format!("{}", 1); // <-\n    let _ = s;'), { by: 'compat-format', code: 'K0692' }],
    ['`.to_string()`', 'check-strings', 'K0612', fn('    let s = 5.to_string(); // <-\n    let _ = s;'), { by: 'compat-format', code: 'K0693' }],
    ['`String::new`/`from`/`with_capacity`/`from_utf8` calls', 'alloc-calls', 'K0304', fn('    let s = String::with_capacity(4); // <-\n    let _ = s;'), { by: 'compat-string-new', code: 'K0691' }],
    ['`String::from` inside `vec![..]`', 'alloc-calls', 'K0304', fn('    let v = vec![String::from("a")]; // <-\n    let _ = v;'), { by: 'compat-string-new', code: 'K0691' }],
    ['`Vec::from`', 'alloc-calls', 'K0303', fn('    let v = Vec::from([1u8, 2]); // <-\n    let _ = v;')],
    ['`Vec::insert`/`extend`/`append`', 'alloc-calls', 'K0301', fn('    let mut v: Vec<u8> = Vec::new();\n    v.insert(0, 1); // <-')],
    ['`concat`/`join`/`repeat` on a known slice or str', 'alloc-slices', 'K0316', fn('    let line = "=".repeat(n); // <-\n    let _ = line;', 'n: usize'), { by: 'compat-text', code: 'K0712' }],
    ['`repeat` on a receiver of unknown type', 'alloc-slices', 'K0316', fn('    let pad = load();\n    let line = pad.repeat(n); // <-\n    let _ = line;', 'n: usize')],
    ['`join` on a receiver of unknown type', 'alloc-slices', 'K0316', fn('    let parts = load();\n    let s = parts.join(", "); // <-\n    let _ = s;'), { by: 'compat-string-methods', code: 'K0696' }],
    ['a stable sort', 'alloc-slices', 'K0315', fn('    v.sort_by_key(|p| p.0); // <-', 'v: &mut Vec<(u8, u8)>'), { by: 'compat-stable-sort', code: 'K0714' }],
    ['`collect` into anything but a Vec', 'alloc-collect', 'K0310', fn('    let r: Option<Vec<u8>> = items.iter().map(|x| x.checked_add(1)).collect(); // <-\n    let _ = r;', 'items: &[u8]')],
    ['`std::collections::..` written out', 'std-paths', 'K0201', fn('    let m = std::collections::HashMap::<u8, u8>::new(); // <-\n    let _ = m;'), PORTED_TYPE],
    ['`std::process::exit` written out, in a closure', 'std-paths', 'K0206', fn('    let f = || std::process::exit(1); // <-\n    f();')],
    ['`Box<dyn Error>`', 'check-dyn-error', 'K0670', 'fn example() -> Result<(), Box<dyn std::error::Error>> { // <-\n    Ok(())\n}\n'],
  ] as [string, string, string, string, { by: string; code: string }?][]).map(([what, by, code, example, compat]): OwnedRow => ({
    kind: 'owned', what, by, code, why: 'reported by another pass (see `by`)', kernel: `see \`kport explain ${code}\``, source: '-', example,
    ...(compat ? { compat } : {}),
  })),
];

/** Method rows by name (a name may have several rows: by argument count or receiver). */
export function methodRows(name: string): MethodRow[] {
  return STD_ONLY.filter((r): r is MethodRow => r.kind === 'method' && r.name === name);
}

/** Every method name the table has a row or a chain link for. */
export const METHOD_NAMES: readonly string[] = [
  ...new Set(
    STD_ONLY.flatMap((r) => (r.kind === 'method' ? [r.name] : r.kind === 'chain' ? [r.first, ...r.then] : [])),
  ),
];
