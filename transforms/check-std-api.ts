import { ownsName } from '../src/compat/own.ts';
import { prefetch, query } from '../src/engine/parse.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { relyingOn } from '../src/analysis/diverging.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { isTestCode, testQueries } from '../src/analysis/testcode.ts';
import { anchor, codeRegions, MACROS_QUERY, shadowed, type Region } from '../src/analysis/macroargs.ts';
import { LOCAL_NAMES_QUERIES, localNames } from '../src/analysis/localnames.ts';
import { useLeaves } from '../src/rewrite/use-tree.ts';
import { lineStartsOf } from '../src/engine/positions.ts';
import { lookup, type StdPathEntry } from '../src/kernel-api/std-paths.ts';
import { type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import { METHODS_QUERY } from '../src/crate/crate-methods.ts';
import { METHOD_NAMES, STD_ONLY, STD_ONLY_CODES, type ChainRow, type MethodRow, type OperatorRow, type PathRow, type StdKind } from '../src/kernel-api/std-only.ts';

/**
 * check-std-api: every `alloc`/`std`-only API left in the port, at its line,
 * driven by the table in src/kernel-api/std-only.ts.
 *
 *   let q = query.to_lowercase();        → K0680 (a new String)
 *   *m.entry(w).or_insert(0) += 1;       → K0681 (std map entry API)
 *   let m = BTreeMap::new();             → K0682 (after `use std::collections::BTreeMap;`)
 *   let tail = v.split_off(2);           → K0683
 *
 * It runs after the rewriting passes, so it sees what is left: a `v.clone()` that
 * alloc-calls turned into `try_to_vec` is gone, a `process::exit` in `main` that
 * module-entry turned into a return is gone, one in a closure is still there.
 */

const ROWS_BY_NAME = new Map<string, MethodRow[]>();
for (const r of STD_ONLY) if (r.kind === 'method') ROWS_BY_NAME.set(r.name, [...(ROWS_BY_NAME.get(r.name) ?? []), r]);
const CHAINS = STD_ONLY.filter((r): r is ChainRow => r.kind === 'chain');
const OPERATORS = STD_ONLY.filter((r): r is OperatorRow => r.kind === 'operator');
const PATHS = new Map(STD_ONLY.filter((r): r is PathRow => r.kind === 'path').map((r) => [r.path, r]));

const METHOD_CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name (#match? @name "^(${METHOD_NAMES.join('|')})$"))
  arguments: (arguments) @args) @call`;
const OPERATOR_EXPRS = `
  (binary_expression left: (_) @left operator: "+") @op
  (compound_assignment_expr left: (_) @left operator: "+=") @op`;
const PATH_EXPRS = `(scoped_identifier path: (identifier) @t name: (identifier) @n (#match? @t "^(${[...new Set([...PATHS.keys()].map((p) => p.split('::')[0]))].join('|')})$")) @path`;
const USES = '(use_declaration argument: (_) @arg) @use';

const METHOD_TEXT = new RegExp(`\\.\\s*(?:${METHOD_NAMES.join('|')})\\b`);
const STD_USE = /\b(?:std|alloc)\s*::/;
// Text the resolver can type as a String: a String type or constructor, format!, to_string, str methods.
const STRING_TEXT = /\bString\b|format!|\bto_(?:string|owned|lowercase|uppercase|ascii_lowercase|ascii_uppercase)\b|\breplacen?\b|\brepeat\b/;
const RELEVANT = new RegExp(`\\.\\s*(?:${METHOD_NAMES.join('|')})\\b|\\b(?:std|alloc|str|ToOwned|String)\\b|format!|to_string`);

// Std types the resolver names (src/analysis/vec-resolver.ts), by the table's receiver kinds.
const KINDS: Record<string, StdKind[]> = {
  String: ['String', 'str'],
  HashMap: ['map'],
  BTreeMap: ['map'],
  HashSet: ['set'],
  BTreeSet: ['set'],
  VecDeque: ['deque'],
  LinkedList: ['deque'],
  BinaryHeap: ['heap'],
};
const COLLECTIONS = ['HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'VecDeque', 'BinaryHeap', 'LinkedList'];

// Iterator methods a `String` does not have: `c.to_lowercase().next()` is `char`'s.
const ITER_ONLY = new Set(['next', 'collect', 'count', 'last', 'nth', 'map', 'filter', 'for_each', 'take', 'skip', 'chain', 'zip', 'fold', 'peekable', 'rev']);

interface Imported {
  /** Segments after the `std`/`alloc` root. */
  segs: string[];
  entry: StdPathEntry;
}

interface FileRun {
  ctx: FileContext;
  resolver: Resolver;
  /** Names the crate defines as methods: not evidence of a std method. */
  methods: Set<string>;
  /** Types of the file's own (or imported from elsewhere) that share a std name. */
  own: (name: string) => boolean;
  done: Set<string>;
  lineStarts: number[];
}

function kindsOf(t: Ty, own: (n: string) => boolean): StdKind[] {
  if (t.k === 'prim') return t.name === 'str' ? ['str'] : [];
  // The compat module's port of `String` (src/compat/kstring.ts): what it lacks of `String`'s API is still std-only.
  if (t.k === 'named' && t.name === 'KString') return ['String', 'str'];
  if (t.k === 'vec' || t.k === 'slice') return ['slice'];
  if (t.k === 'named' && !own(t.name)) return KINDS[t.name] ?? [];
  return [];
}

/** A compat `Map`, `Set` or `Deque` (as compat-collection-types wrote it, not a crate type of that name: `own`, src/compat/own.ts). */
function compatCollection(t: Ty, own: (n: string) => boolean): boolean {
  return t.k === 'named' && (t.name === 'Map' || t.name === 'Set' || t.name === 'Deque') && !own(t.name);
}

function report(run: FileRun, r: Region, from: SyntaxNode, to: SyntaxNode, code: string, message: string, help: string): void {
  const start = from.startIndex + r.shift;
  const end = to.endIndex + r.shift;
  const key = `${start}:${end}`;
  if (run.done.has(key)) return;
  run.done.add(key);
  run.ctx.report({ code, message, range: { start, end }, help });
}

function argCount(args: SyntaxNode): number {
  return args.namedChildren.filter((c) => !c.type.endsWith('comment') && c.type !== 'attribute_item').length;
}

function binds(pat: SyntaxNode | null, name: string): boolean {
  if (!pat) return false;
  return pat.type === 'identifier' ? pat.text === name : pat.descendantsOfType('identifier').some((i) => i.text === name);
}

const CHARS = /\.\s*(?:chars|char_indices)\s*\(\s*\)/;

/** Whether `recv.to_lowercase()` is visibly `char`'s (core, an iterator), not `str`'s. */
function charLike(recv: SyntaxNode, call: SyntaxNode, t: Ty): boolean {
  if (recv.type === 'char_literal' || (t.k === 'prim' && t.name === 'char')) return true;
  const up = call.parent;
  if (up?.type === 'field_expression' && ITER_ONLY.has(up.childForFieldName('field')?.text ?? '')) return true;
  if (up?.type === 'for_expression' && up.childForFieldName('value')?.id === call.id) return true;
  if (up?.type === 'arguments' && up.parent?.childForFieldName('function')?.childForFieldName('field')?.text === 'extend') return true;
  if (recv.type !== 'identifier') return false;
  // A name bound by a closure over `.chars()` or a `for` loop over it.
  for (let n: SyntaxNode | null = recv.parent, child: SyntaxNode = recv; n; child = n, n = n.parent) {
    if (n.type === 'closure_expression') {
      const params = n.childForFieldName('parameters');
      if (params && binds(params, recv.text)) {
        const fn = n.parent?.type === 'arguments' ? n.parent.parent?.childForFieldName('function') : null;
        return !!fn && CHARS.test(fn.text);
      }
    }
    if (n.type === 'for_expression' && child.id === n.childForFieldName('body')?.id && binds(n.childForFieldName('pattern'), recv.text)) {
      return CHARS.test(n.childForFieldName('value')?.text ?? '');
    }
    if (n.type === 'function_item') return false;
  }
  return false;
}

function methodCalls(run: FileRun, r: Region, resolver: Resolver, skip: (n: SyntaxNode) => boolean): void {
  const chained = new Set<number>();
  const matches = query(METHOD_CALLS).matches(r.root);
  // Chains first: `m.entry(k).or_insert(v)` is one report, not an `entry` and an `or_insert`.
  for (const m of matches) {
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    for (const row of CHAINS) {
      if (name.text !== row.first || argCount(m.captures.find((c) => c.name === 'args')!.node) !== 1) continue;
      // The compat module's `Map` (src/compat/collections.ts) has the entry forms, ported by compat-collection-methods.
      if (compatCollection(resolver.typeOf(m.captures.find((c) => c.name === 'recv')!.node), (n) => ownsName(run.ctx.tree, n))) continue;
      if (row.then.some((t) => run.methods.has(t))) continue;
      let last: SyntaxNode | undefined;
      for (let cur = call; ; ) {
        const fe = cur.parent;
        const next = fe?.type === 'field_expression' && fe.childForFieldName('value')?.id === cur.id ? fe.parent : null;
        if (!fe || next?.type !== 'call_expression' || !row.then.includes(fe.childForFieldName('field')?.text ?? '')) break;
        last = cur = next;
      }
      if (!last || skip(call)) continue;
      chained.add(call.id);
      report(run, r, name, last, row.code, `\`.${row.first}(..).${last.childForFieldName('function')!.childForFieldName('field')!.text}(..)\` ${row.why}`, row.kernel);
    }
  }
  for (const m of matches) {
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const recv = m.captures.find((c) => c.name === 'recv')!.node;
    const rows = (ROWS_BY_NAME.get(name.text) ?? []).filter((row) => row.args === argCount(m.captures.find((c) => c.name === 'args')!.node));
    if (!rows.length || chained.has(call.id) || skip(call)) continue;
    const t = resolver.typeOf(recv);
    const kinds = kindsOf(t, run.own);
    const row = rows.find((row) => {
      if (row.evidence === 'receiver') return kinds.some((k) => row.on.includes(k));
      if (run.methods.has(row.name)) return false;
      return !(row.fineOn && charLike(recv, call, t));
    });
    if (!row) continue;
    const shown = `.${row.name}(${row.args ? '..' : ''})`;
    report(run, r, name, call, row.code, `\`${shown}\` ${row.why}`, row.kernel);
  }
}

function operators(run: FileRun, r: Region, resolver: Resolver, skip: (n: SyntaxNode) => boolean): void {
  for (const m of query(OPERATOR_EXPRS).matches(r.root)) {
    const op = m.captures.find((c) => c.name === 'op')!.node;
    const left = m.captures.find((c) => c.name === 'left')!.node;
    const sym = op.type === 'binary_expression' ? '+' : '+=';
    const row = OPERATORS.find((o) => o.op === sym);
    if (!row || skip(op)) continue;
    if (!kindsOf(resolver.typeOf(left), run.own).some((k) => row.on.includes(k) && k !== 'str')) continue;
    report(run, r, op, op, row.code, `\`${sym}\` ${row.why}`, row.kernel);
  }
}

function paths(run: FileRun, r: Region, skip: (n: SyntaxNode) => boolean): void {
  for (const m of query(PATH_EXPRS).matches(r.root)) {
    const p = m.captures.find((c) => c.name === 'path')!.node;
    const row = PATHS.get(p.text.replace(/\s+/g, ''));
    if (!row || skip(p) || insideUse(p) || run.own(m.captures.find((c) => c.name === 't')!.node.text)) continue;
    report(run, r, p, p, row.code, `\`${row.path}\` ${row.why}`, row.kernel);
  }
}

function insideUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type.endsWith('_item') || p.type === 'block') return false;
  }
  return false;
}

/** Names the file imports from a std path with no kernel home (std-paths reports the `use`; the uses in code are ours). */
function stdImports(ctx: FileContext, own: (n: string) => boolean): Map<string, Imported> {
  const out = new Map<string, Imported>();
  const shadowed = localNames(ctx.tree).defined;
  for (const m of query(USES).matches(ctx.tree.rootNode)) {
    const decl = m.captures.find((c) => c.name === 'use')!.node;
    if (isTestCode(ctx.tree, decl)) continue;
    for (const leaf of useLeaves(m.captures.find((c) => c.name === 'arg')!.node)) {
      const root = leaf.segs[0];
      if (root !== 'std' && root !== 'alloc') continue;
      if (shadowed.has(root) && !leaf.global) continue;
      const segs = leaf.segs.slice(1);
      const names: [string, string[]][] = [];
      if (leaf.kind === 'glob') {
        if (segs.join('::') === 'collections') for (const c of COLLECTIONS) names.push([c, [...segs, c]]);
      } else if (segs.length) names.push([leaf.alias ?? segs[segs.length - 1], segs]);
      for (const [name, s] of names) {
        const hit = lookup(ctx.profile.stdPaths, s);
        // `std::error` is check-dyn-error's (`dyn Error`) and the `impl Error` rule's.
        if (!hit || hit.entry.target.kind !== 'none' || hit.entry.from === 'error') continue;
        if (own(name) || name === 'self' || name === '_') continue;
        out.set(name, { segs: s, entry: hit.entry });
      }
    }
  }
  return out;
}

/** Uses in code of names imported from std paths with no kernel home. */
function importedUses(run: FileRun, r: Region, imports: Map<string, Imported>, skip: (n: SyntaxNode) => boolean): void {
  const names = [...imports.keys()].filter((n) => /^\w+$/.test(n)).sort();
  if (!names.length || !names.some((n) => r.text.includes(n))) return;
  const q = `((identifier) @i (#match? @i "^(${names.join('|')})$"))
    ((type_identifier) @i (#match? @i "^(${names.join('|')})$"))`;
  const table = run.ctx.profile.stdPaths;
  for (const c of query(q).captures(r.root)) {
    const head = c.node;
    const parent = head.parent;
    if (!parent) continue;
    const isHead = (p: SyntaxNode, cur: SyntaxNode) => (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('path')?.id === cur.id;
    const imp = imports.get(head.text)!;
    let node: SyntaxNode = head;
    const rest: string[] = [];
    if (head.type === 'identifier' && !isHead(parent, head)) {
      // A bare function imported by name: `exit(1)` after `use std::process::exit;`.
      if (!(parent.type === 'call_expression' && parent.childForFieldName('function')?.id === head.id)) continue;
    } else {
      if (shadowed(run.ctx.tree, head, r)) continue;
      // Climb the path: `HashSet::<u8>::with_capacity`, `collections::VecDeque::new`.
      for (let cur: SyntaxNode = head, p: SyntaxNode | null = parent; p; cur = p, p = p.parent) {
        if (p.type === 'generic_type' && p.childForFieldName('type')?.id === cur.id && p.parent && isHead(p.parent, p)) continue;
        if (!isHead(p, cur)) break;
        rest.push(p.childForFieldName('name')?.text ?? '');
        node = p;
      }
      // A type_identifier that is the `name` of a scoped path is not a head (`x::HashMap` is someone else's).
      if (head.type === 'type_identifier' && parent.type === 'scoped_type_identifier' && parent.childForFieldName('name')?.id === head.id) continue;
    }
    if (skip(node) || insideUse(node) || exitInMain(run.ctx, node)) continue;
    // `sync::Mutex` after `use std::sync;`: std-paths reports paths into a module that have an entry of their own.
    const full = [...imp.segs, ...rest];
    const hit = lookup(table, full);
    if (hit && hit.depth > imp.segs.length) continue;
    const t = imp.entry.target;
    if (t.kind !== 'none') continue;
    // One report per imported name and line: `let m: HashMap<K, V> = HashMap::new();` is one change.
    const key = `line ${lineOf(run, node.startIndex + r.shift)}: ${head.text}`;
    if (run.done.has(key)) continue;
    run.done.add(key);
    // `unwrap_or_else(|e| { ..; process::exit(1); })`: rustc rejects the block that relied on exit never returning.
    const call = node.parent?.type === 'call_expression' && node.parent.childForFieldName('function')?.id === node.id ? node.parent : undefined;
    const relying = call && DIVERGING.has(full.join('::')) ? relyingOn(call) : undefined;
    const help = relying ? `${t.help}; the value of the code from here to the call relied on \`${full[full.length - 1]}\` never returning, so the build rejects it here once the call is gone` : t.help;
    report(run, r, relying ?? node, node, STD_ONLY_CODES.imported, t.message.replace('{path}', `std::${full.join('::')}`), help);
  }
}

/** std functions that never return: a block ending in a call of one takes any type. */
const DIVERGING = new Set(['process::exit', 'process::abort']);

/**
 * `process::exit(..)` / `exit(..)` directly in the crate root's `fn main`: module-entry
 * turns it into a return from `init` and reports it (K0506), as std-paths leaves it
 * for `std::process::exit`.
 */
function exitInMain(ctx: FileContext, path: SyntaxNode): boolean {
  const call = path.parent;
  if (!ctx.isCrateRoot || call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== path.id) return false;
  if (!/^(?:process::)?exit$/.test(path.text.replace(/\s+/g, ''))) return false;
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === 'closure_expression' || p.type === 'impl_item' || p.type === 'trait_item' || p.type === 'mod_item') return false;
    if (p.type === 'function_item') return p.childForFieldName('name')?.text === 'main' && p.parent?.type === 'source_file';
  }
  return false;
}

function lineOf(run: FileRun, offset: number): number {
  const ls = run.lineStarts;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What a text needs looked at. `strings`: whether the crate has text the resolver can type as a `String` at all. */
function wants(text: string, strings: boolean) {
  return {
    methods: METHOD_TEXT.test(text),
    operators: strings && text.includes('+'),
    paths: /\b(?:str|ToOwned)\s*::/.test(text),
  };
}

function runFile(ctx: FileContext, resolver: Resolver, methods: Set<string>, strings: boolean): void {
  const names = localNames(ctx.tree);
  const own = (n: string) => names.has(n);
  const run: FileRun = { ctx, resolver, methods, own, done: new Set(), lineStarts: lineStartsOf(ctx.text) };
  const imports = STD_USE.test(ctx.text) ? stdImports(ctx, own) : new Map<string, Imported>();
  for (const r of codeRegions(ctx.tree)) {
    // Most macro arguments need none of it.
    const want = wants(r.text, strings);
    if (r.host) prefetch(r.root, 'matches', [want.methods && METHOD_CALLS, want.operators && OPERATOR_EXPRS, want.paths && PATH_EXPRS]);
    const skip = (n: SyntaxNode) => isTestCode(ctx.tree, anchor(n, r));
    const res = r.host ? resolver.at(r.host) : resolver;
    if (want.methods) methodCalls(run, r, res, skip);
    if (want.operators) operators(run, r, res, skip);
    if (want.paths) paths(run, r, skip);
    if (imports.size) importedUses(run, r, imports, skip);
  }
}

function run(ctx: CrateContext): void {
  const strings = ctx.files.some((f) => STRING_TEXT.test(f.text));
  // One walk of each file answers every query this pass (and its helpers) runs on it.
  const model = ctx.model.prefetch((f) => {
    const w = wants(f.text, strings);
    const std = STD_USE.test(f.text);
    return [w.methods && METHOD_CALLS, w.operators && OPERATOR_EXPRS, w.paths && PATH_EXPRS, std && USES, METHODS_QUERY, MACROS_QUERY, ...LOCAL_NAMES_QUERIES, ...testQueries(f.tree)];
  }, { tables: true });
  const methods = model.methodNames();
  for (const f of ctx.files) if (RELEVANT.test(f.text)) runFile(f, model.resolver(f), methods, strings);
}

const codes: CodeInfo[] = [
  {
    code: STD_ONLY_CODES.string,
    severity: 'error',
    title: 'a str/String method or operator that builds or grows a `String`',
    explanation: `The kernel has no \`String\`: every allocation must be able to fail, and alloc's
\`String\` is not built (rust/kernel/str.rs has \`&CStr\`, \`c_str!\` and the fallible
\`CString\`). \`to_lowercase\`, \`to_uppercase\`, \`replace\`, \`to_owned\` on a \`str\`,
\`push_str\`, \`insert_str\`, \`clone\`/\`push\`/\`insert\`/\`extend\` on a \`String\`,
\`String + &str\` and \`str::to_owned\` used as a function all allocate one.

kport reports a method by its name alone when no core or kernel type has it
(\`push_str\`, \`replace(a, b)\`, \`to_lowercase\` unless the receiver is visibly a
\`char\`), and a shared name (\`clone\`, \`push\`, \`to_ascii_lowercase\`, \`to_owned\`)
only where it can see that the receiver is a \`str\` or \`String\`. A method the
crate defines itself is not reported. The table is src/kernel-api/std-only.ts.

Before:
    if line.to_lowercase().contains(&query) { .. }
After (by hand):
    if contains_ignore_ascii_case(line, query) { .. }   // eq_ignore_ascii_case over windows
Before:
    out.push_str(word);
After (by hand, out: KVec<u8>):
    out.extend_from_slice(word.as_bytes(), GFP_KERNEL)?;`,
  },
  {
    code: STD_ONLY_CODES.collection,
    severity: 'error',
    title: 'a std map, set or deque API',
    explanation: `The std collections allocate infallibly and have no kernel equivalent. The
map entry API (\`m.entry(k).or_insert(v)\`, \`or_insert_with\`, \`or_default\`,
\`and_modify\`) is reported wherever it appears (the kernel \`RBTree::entry\` has no
\`or_insert\`); \`insert\`, \`push_back\`, \`extend\`, \`clone\`, ... are reported where the
receiver is known to be a std collection. The kernel's ordered map is
\`kernel::rbtree::RBTree\` (rust/kernel/rbtree.rs, from 6.12).

Before:
    *counts.entry(word).or_insert(0) += 1;
After (by hand, mainline):
    match counts.entry(word) {
        Entry::Occupied(mut o) => *o.get_mut() += 1,
        Entry::Vacant(v) => { v.insert(1, RBTreeNodeReservation::new(GFP_KERNEL)?); }
    }`,
  },
  {
    code: STD_ONLY_CODES.imported,
    severity: 'error',
    title: 'a std item with no kernel home, used through a `use`',
    explanation: `std-paths reports the \`use std::collections::HashMap;\` (K0201, K0206, ...); this
reports each place the imported name is used: \`HashMap::new()\`, \`HashMap<K, V>\`,
\`process::exit(1)\` after \`use std::process;\` (also inside a closure), \`exit(1)\`
after \`use std::process::exit;\`, \`env::args()\`, \`Rc::new(x)\`, \`Mutex::new(x)\`.
Which std paths have no kernel home is the std-paths table's data
(src/kernel-api/std-paths.ts); the help is its entry's. \`std::process::exit\` in
\`main\` becomes a return from \`init\` (module-entry, K0506) and is not reported here.

Before:
    use std::collections::BTreeMap;
    let mut m = BTreeMap::new();
After (by hand, mainline):
    use kernel::rbtree::RBTree;
    let mut m = RBTree::new();`,
  },
  {
    code: STD_ONLY_CODES.slice,
    severity: 'error',
    title: 'a slice or vector method that allocates and has no kernel form',
    explanation: `\`split_off\` moves a tail into a new vector (or String, or map) and \`to_owned\` on a
slice copies it into a new \`Vec\`; both allocate infallibly and the kernel vector
has neither (rust/kernel/alloc/kvec.rs). Copy with the fallible methods.

Before:
    let tail = v.split_off(at);
After (by hand):
    let mut tail = KVec::with_capacity(v.len() - at, GFP_KERNEL)?;
    tail.extend_from_slice(&v[at..], GFP_KERNEL)?;
    v.truncate(at);`,
  },
];

export const checkStdApi: CrateTransform = {
  id: 'check-std-api',
  scope: 'crate',
  summary: 'Report every allocating or std-only API left in the port at its line, from the table of alloc/std-only methods and items.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  run,
  codes,
};
