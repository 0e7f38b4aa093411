import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { anchor, codeRegions, MACROS_QUERY } from '../src/analysis/macroargs.ts';
import { LOCAL_NAMES_QUERIES, localNames } from '../src/analysis/localnames.ts';
import { lineStartsOf } from '../src/engine/positions.ts';
import { type Resolver } from '../src/analysis/vec-resolver.ts';
import { METHODS_QUERY } from '../src/crate/crate-methods.ts';
import { METHOD_NAMES, STD_ONLY_CODES } from '../src/kernel-api/std-only.ts';
import type { FileRun } from './check-std-api/file-run.ts';
import { importedUses, stdImports, type Imported } from './check-std-api/imports.ts';
import { methodCalls, operators, paths } from './check-std-api/methods.ts';
import { QUERIES } from './check-std-api/queries.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

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

const METHOD_TEXT = new RegExp(`\\.\\s*(?:${METHOD_NAMES.join('|')})\\b`);
const STD_USE = /\b(?:std|alloc)\s*::/;
// Text the resolver can type as a String: a String type or constructor, format!, to_string, str methods.
const STRING_TEXT = /\bString\b|format!|\bto_(?:string|owned|lowercase|uppercase|ascii_lowercase|ascii_uppercase)\b|\breplacen?\b|\brepeat\b/;
const RELEVANT = new RegExp(`\\.\\s*(?:${METHOD_NAMES.join('|')})\\b|\\b(?:std|alloc|str|ToOwned|String)\\b|format!|to_string`);

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
  // One walk of each file answers the queries of the shared analyses this pass runs (its own are declared).
  const model = ctx.model;
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
  queries: QUERIES,
  uses: [TABLE_QUERIES, METHODS_QUERY, MACROS_QUERY, LOCAL_NAMES_QUERIES],
  run,
  codes,
};
