// check-std-api: names imported from a std path with no kernel home, reported
// at each use in code (std-paths reports the `use` itself).
import { query } from '../../src/engine/queries.ts';
import { relyingOn } from '../../src/analysis/diverging.ts';
import { isTestCode } from '../../src/analysis/testcode.ts';
import { shadowed, type Region } from '../../src/analysis/macroargs.ts';
import { localNames } from '../../src/analysis/localnames.ts';
import { useLeaves } from '../../src/rewrite/use-tree.ts';
import { lookup, type StdPathEntry } from '../../src/kernel-api/std-paths.ts';
import { STD_ONLY_CODES } from '../../src/kernel-api/std-only.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { insideUse, lineOf, report, type FileRun } from './file-run.ts';

const COLLECTIONS = ['HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'VecDeque', 'BinaryHeap', 'LinkedList'];

export interface Imported {
  /** Segments after the `std`/`alloc` root. */
  segs: string[];
  entry: StdPathEntry;
}

/** Names the file imports from a std path with no kernel home (std-paths reports the `use`; the uses in code are ours). */
export function stdImports(ctx: FileContext, own: (n: string) => boolean): Map<string, Imported> {
  const out = new Map<string, Imported>();
  const shadowed = localNames(ctx.tree).defined;
  for (const m of ctx.matches('uses')) {
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
export function importedUses(run: FileRun, r: Region, imports: Map<string, Imported>, skip: (n: SyntaxNode) => boolean): void {
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
