// io-miscdev: the queries and the small syntax helpers the other parts share.
import { lineIndent } from '../../src/rewrite/remove-lines.ts';
import { capturesOf, MatchIndex, type QueryCapture } from '../../src/engine/queries.ts';
import type { FileContext, QueryMatch, SyntaxNode } from '../../src/engine/types.ts';

export const IDENT = '(identifier) @id';

export const JUMPS = `
  (break_expression) @j
  (continue_expression) @j
  (return_expression) @j
`;
export const MACROS = '(macro_invocation macro: (_) @m (token_tree) @tt) @mac';
export const CALLS = `
  (call_expression function: (identifier) @f) @c
  (call_expression function: (scoped_identifier name: (identifier) @f)) @c
  (call_expression function: (field_expression field: (field_identifier) @f)) @c
`;

/**
 * Every query io-miscdev reads, declared by the transform (io-miscdev.ts) and
 * run by the engine on each file of the crate, with the capture that is each
 * pattern's root: what the parts ask of a node (a loop's body, main's code
 * after the loop) they read from the file's matches under it (capturesIn).
 */
export const QUERIES = {
  ident: IDENT,
  jumps: JUMPS,
  macros: MACROS,
  calls: CALLS,
  bindings: `
    (let_declaration pattern: (_) @p) @r
    (let_condition pattern: (_) @p) @r
    (for_expression pattern: (_) @p) @r
    (match_pattern . (_) @p) @r
    (closure_parameters (_) @p) @r
    (parameter pattern: (_) @p) @r
  `,
  fileReads: '((scoped_identifier) @p (#match? @p "(^|::)(fs::[a-z_]+|File::open|OpenOptions::new)$"))',
  nameTokens: '(identifier) @n (field_identifier) @n (type_identifier) @n',
  stdinCalls: `
    ((call_expression function: (identifier) @f arguments: (arguments) @a) @call (#eq? @f "stdin"))
    ((call_expression function: (scoped_identifier name: (identifier) @f) arguments: (arguments) @a) @call (#eq? @f "stdin"))
  `,
  main: '(source_file (function_item name: (identifier) @name (#eq? @name "main")) @fn)',
  ported: '(source_file (macro_invocation macro: (identifier) @m (#eq? @m "module")))',
  genericTypes: `
    (struct_item name: (type_identifier) @n type_parameters: (type_parameters))
    (enum_item name: (type_identifier) @n type_parameters: (type_parameters))
  `,
  fns: '(function_item name: (identifier) @n body: (block) @b) @f',
  topItems: `
    (source_file (struct_item name: (type_identifier) @n))
    (source_file (enum_item name: (type_identifier) @n))
    (source_file (type_item name: (type_identifier) @n))
    (source_file (trait_item name: (type_identifier) @n))
    (source_file (union_item name: (type_identifier) @n))
    (source_file (mod_item name: (identifier) @n))
  `,
  pathRoots: '(scoped_identifier path: (identifier) @r) (scoped_type_identifier path: (identifier) @r)',
  implFns: '(impl_item type: (_) @t body: (declaration_list (function_item name: (identifier) @n) @f))',
};
type Name = keyof typeof QUERIES;
/** The capture that is each pattern's root, for the queries read under a node. */
const ROOT: Partial<Record<Name, string>> = { ident: 'id', jumps: 'j', macros: 'mac', calls: 'c', bindings: 'r', fileReads: 'p', nameTokens: 'n' };

const indexes = new WeakMap<FileContext, Map<Name, MatchIndex>>();

/** The matches of query `name` under `node` of file `f`, as `query(QUERIES[name]).matches(node)` returns them. */
export function matchesIn(f: FileContext, name: Name, node: SyntaxNode): QueryMatch[] {
  let byName = indexes.get(f);
  if (!byName) indexes.set(f, (byName = new Map()));
  let x = byName.get(name);
  if (!x) byName.set(name, (x = new MatchIndex(f.matches(name), ROOT[name]!)));
  return x.under(node);
}

/** The captures of query `name` under `node` of file `f`, in the order `query(QUERIES[name]).captures(node)` returns them. */
export function capturesIn(f: FileContext, name: Name, node: SyntaxNode): QueryCapture[] {
  return capturesOf(matchesIn(f, name, node));
}

export const LOOPS = new Set(['for_expression', 'while_expression', 'loop_expression']);
export const FN_LIKE = new Set(['closure_expression', 'function_item', 'async_block', 'const_block', 'impl_item', 'trait_item', 'mod_item']);
export const BLOCK_LIKE = new Set(['if_expression', 'match_expression', 'loop_expression', 'while_expression', 'for_expression', 'block', 'unsafe_block']);

export function named(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c) => !c.type.endsWith('comment'));
}

export function inside(n: SyntaxNode, outer: SyntaxNode): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** The statement of `body` (a block) that contains `n`. */
export function topStmt(n: SyntaxNode, body: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = n; p; p = p.parent) if (p.parent?.id === body.id) return p;
  return undefined;
}

/** `x`, the method called on `x` (after an optional `.lock()`): `stdin.lock().lines()` → lines. */
export function methodAfter(n: SyntaxNode): { method?: string; call?: SyntaxNode } {
  let cur = n;
  for (;;) {
    const fe = cur.parent;
    if (fe?.type !== 'field_expression' || fe.childForFieldName('value')?.id !== cur.id) return {};
    const call = fe.parent;
    if (call?.type !== 'call_expression') return {};
    const m = fe.childForFieldName('field')!.text;
    if (m === 'lock') {
      cur = call;
      continue;
    }
    return { method: m, call };
  }
}

/** The name a simple `let [mut] x` binds, else undefined. */
export function letName(stmt: SyntaxNode): string | undefined {
  if (stmt.type !== 'let_declaration') return undefined;
  const p = stmt.childForFieldName('pattern');
  if (p?.type === 'identifier') return p.text;
  if (p?.type === 'mut_pattern' && named(p)[0]?.type === 'identifier') return named(p)[0].text;
  return undefined;
}

/** Names bound by a pattern node (identifiers in binding positions). */
export function patternNames(p: SyntaxNode): SyntaxNode[] {
  if (p.type === 'identifier') return [p];
  const out: SyntaxNode[] = [];
  for (const c of p.namedChildren) {
    if (p.type === 'tuple_struct_pattern' && c.id === p.childForFieldName('type')?.id) continue;
    if (p.type === 'struct_pattern' && c.id === p.childForFieldName('type')?.id) continue;
    if (c.type === 'field_pattern') {
      const pat = c.childForFieldName('pattern');
      if (pat) out.push(...patternNames(pat));
      else {
        const nm = c.childForFieldName('name');
        if (nm?.type === 'shorthand_field_identifier') out.push(nm);
      }
      continue;
    }
    if (c.type === 'scoped_identifier' || c.type.endsWith('literal') || c.type === 'range_pattern') continue;
    out.push(...patternNames(c));
  }
  return out;
}

/** The binding patterns inside `root` (let, for, if/while let, match arms, closure and fn parameters). */
export function bindingPatterns(f: FileContext, root: SyntaxNode): SyntaxNode[] {
  return capturesIn(f, 'bindings', root)
    .filter((c) => c.name === 'p')
    .map((c) => c.node);
}

export function isUnitMain(fn: SyntaxNode): boolean {
  const rt = fn.childForFieldName('return_type');
  return !rt || rt.type === 'unit_type';
}

export function guessUnit(text: string, body: SyntaxNode, base: string): string {
  const first = named(body)[0];
  if (first) {
    const ind = lineIndent(text, first.startIndex);
    if (ind.startsWith(base) && ind.length > base.length) return ind.slice(base.length);
  }
  return '    ';
}

/** An identifier that reads a variable (not a field name, path segment, macro name, named format argument or binding). */
export function isValueUse(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'token_tree') {
    const prev = n.previousSibling;
    const next = n.nextSibling;
    if (prev && (prev.type === '.' || prev.type === '::' || prev.type === '\'' || prev.type === '$')) return false;
    if (next && (next.type === '::' || next.type === '!' || next.type === '=' || next.type === ':')) return false;
    return true;
  }
  switch (p.type) {
    case 'scoped_identifier':
    case 'scoped_type_identifier':
    case 'macro_invocation':
    case 'label':
    case 'function_item':
    case 'lifetime':
      return false;
    case 'let_declaration':
    case 'for_expression':
    case 'let_condition':
      return p.childForFieldName('pattern')?.id !== n.id;
    case 'call_expression':
      return true;
    case 'tuple_struct_pattern':
    case 'struct_pattern':
    case 'match_pattern':
    case 'tuple_pattern':
    case 'mut_pattern':
    case 'ref_pattern':
    case 'captured_pattern':
    case 'or_pattern':
    case 'slice_pattern':
    case 'closure_parameters':
    case 'parameter':
    case 'field_pattern':
      return false;
    default:
      return true;
  }
}

export function inNestedFn(n: SyntaxNode, root: SyntaxNode): boolean {
  for (let p = n.parent; p && p.id !== root.id; p = p.parent) if (p.type === 'function_item' || p.type === 'impl_item' || p.type === 'mod_item' || p.type === 'trait_item') return true;
  return false;
}

export function ownBody(n: SyntaxNode, fn: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === fn.id) return true;
    if (FN_LIKE.has(p.type)) return false;
  }
  return false;
}

export function enclosingLoop(n: SyntaxNode, stop: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (LOOPS.has(p.type)) return p;
    if (p.id === stop.id) return LOOPS.has(p.type) ? p : undefined;
  }
  return undefined;
}

export function enclosingFnName(n: SyntaxNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_item') return p.childForFieldName('name')?.text;
  return undefined;
}
