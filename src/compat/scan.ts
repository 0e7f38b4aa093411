// What each file of a ported crate uses of the compat module, for alloc-compat:
// the names, paths, macros and method calls the pieces watch (src/compat/piece.ts),
// found in the code and in macro arguments (`pr_info!("{}", n.to_kstring()?)`).
import { declareQueries } from '../engine/queries.ts';
import { codeRegions, MACROS_QUERY } from '../analysis/macroargs.ts';
import { argCount } from '../rewrite/alloc-edit.ts';
import type { FileContext, SyntaxNode } from '../engine/types.ts';
import type { Resolver } from '../analysis/vec-resolver.ts';
import type { CompatScan, MethodUse } from './piece.ts';
import { COMPAT_PIECES } from './registry.ts';
import { ownsName, stdName } from './own.ts';

const alt = (names: Iterable<string>) => [...new Set(names)].sort().join('|');
const WATCH = {
  names: alt(COMPAT_PIECES.flatMap((p) => p.watch.names ?? [])),
  methods: alt(COMPAT_PIECES.flatMap((p) => p.watch.methods ?? [])),
  macros: alt(COMPAT_PIECES.flatMap((p) => p.watch.macros ?? [])),
};

/** The queries a scan runs on a file and on its macros' arguments. */
export const SCAN_QUERIES = declareQueries('compat-scan', {
  names: `[((type_identifier) @n (#match? @n "^(${WATCH.names})$")) ((identifier) @n (#match? @n "^(${WATCH.names})$"))]`,
  paths: `(scoped_identifier path: (identifier) @p name: (identifier) @name (#match? @p "^(${WATCH.names})$")) @path`,
  macros: `(macro_invocation macro: (identifier) @m (#match? @m "^(${WATCH.macros})$"))`,
  methods: `(call_expression function: (field_expression value: (_) @recv field: (field_identifier) @m (#match? @m "^(${WATCH.methods})$"))) @call`,
}, {}, [MACROS_QUERY]);

const WATCHED = new RegExp(`\\b(${WATCH.names}|${WATCH.methods}|${WATCH.macros})\\b`);

/** Cheap exact pre-filter: a file whose text names nothing a piece watches uses no piece. */
export function mayUse(text: string): boolean {
  return WATCHED.test(text);
}

/** Whether `n` is inside a `use` declaration (`use crate::kport_compat::KString;` is not a use of it). */
function inUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'use_declaration') return true;
  return false;
}

export function scanFile(f: FileContext, resolver: Resolver): CompatScan {
  const names = new Set<string>();
  const paths = new Set<string>();
  const macros = new Set<string>();
  const methods: MethodUse[] = [];
  const hosts = new Map<SyntaxNode['tree'], SyntaxNode>();
  for (const r of codeRegions(f.tree)) {
    if (!WATCHED.test(r.text)) continue;
    if (r.host) hosts.set(r.root.tree, r.host);
    for (const m of SCAN_QUERIES.matches('names', r.root)) if (!inUse(m.captures[0].node)) names.add(m.captures[0].node.text);
    for (const m of SCAN_QUERIES.matches('paths', r.root)) {
      const p = m.captures.find((c) => c.name === 'p')!.node;
      if (!inUse(p)) paths.add(`${p.text}::${m.captures.find((c) => c.name === 'name')!.node.text}`);
    }
    for (const m of SCAN_QUERIES.matches('macros', r.root)) macros.add(m.captures[0].node.text);
    for (const m of SCAN_QUERIES.matches('methods', r.root)) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      methods.push({ name: m.captures.find((c) => c.name === 'm')!.node.text, args: argCount(call), recv: m.captures.find((c) => c.name === 'recv')!.node });
    }
  }
  // A receiver in a macro's re-parsed arguments is typed with the names in scope at the invocation.
  const typeOf = (n: SyntaxNode) => {
    const host = hosts.get(n.tree);
    return (host ? resolver.at(host) : resolver).typeOf(n);
  };
  return { names, paths, macros, methods, typeOf, own: (n) => ownsName(f.tree, n), std: (n) => stdName(f.tree, f.text, n) };
}
