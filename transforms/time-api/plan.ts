// time-api: the plan of one conversion (its edits and blockers) and the
// small syntax helpers the planners share.
import { EditGroup } from '../../src/engine/edits.ts';
import { codeRegions, fileRange, regionMatches, shadowed, type Region } from '../../src/analysis/macroargs.ts';
import { key, type Site, type Slots } from '../../src/analysis/instant-flow.ts';
import { TIME_CODES, type ClockApi } from '../../src/kernel-api/time.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import type { Bindings } from './bindings.ts';
import { QUERIES } from './queries.ts';
import { treeCache } from '../../src/engine/tree-caches.ts';

export { key, type Site };

export const FORMAT_MACROS = /^(::)?((std|core|kernel)::)?(e?print(ln)?|pr_(info|err|warn|debug|notice|alert|crit|emerg|cont)|write(ln)?|format_args|format|panic|assert|assert_eq|assert_ne|debug_assert)$/;
export const COMPARE = new Set(['<', '>', '<=', '>=', '==', '!=']);
export const PLAIN_INT = /^[0-9][0-9_]*$/;

export type Range = { start: number; end: number };

export const rangeOf = (s: Site): Range => fileRange(s.node, s.r);

/** Skip parentheses upwards. */
export function up(n: SyntaxNode): SyntaxNode {
  let p = n;
  while (p.parent?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

export function isCallNoArgs(n: SyntaxNode | null): n is SyntaxNode {
  return !!n && n.type === 'call_expression' && (n.childForFieldName('arguments')?.namedChildCount ?? 1) === 0;
}

/** `recv.method()` where `n` is `recv`: the call, or null. */
export function methodCall(n: SyntaxNode): { call: SyntaxNode; name: SyntaxNode } | null {
  const f = up(n).parent;
  if (!f || f.type !== 'field_expression' || f.childForFieldName('value')?.id !== up(n).id) return null;
  const call = f.parent;
  if (!call || call.type !== 'call_expression' || call.childForFieldName('function')?.id !== f.id) return null;
  return { call, name: f.childForFieldName('field')! };
}

export interface Plan {
  ctx: FileContext;
  api: ClockApi;
  b: Bindings;
  /** The edits that write kernel::time names (qualified at the end when the file cannot import them). */
  kernel: EditGroup;
  /** The edits whose text is the user's code (an argument): never qualified. */
  verbatim: EditGroup;
  blockers: { range: Range; code: string; message: string; help: string }[];
  /** `kernel::time` names the edits use. */
  names: Set<string>;
  /** Identifier occurrences already explained (argument of duration_since, left of an assignment, ...). */
  done: Set<string>;
  /** Ranges of Duration paths the plan rewrites (to know whether a Duration import is still used). */
  durations: Set<string>;
  /** Instant-typed slots followed across the file (profiles with an Instant type). */
  slots?: Slots;
}

/**
 * The edits of a conversion, held until nothing blocks it; run records those
 * of every conversion, with the imports, as one group (ctx.edits.group).
 */
export type Edits = Pick<Plan, 'kernel' | 'verbatim'>;

/** A plan with nothing in it yet. */
export function newPlan(ctx: FileContext, api: ClockApi, b: Bindings): Plan {
  return { ctx, api, b, kernel: new EditGroup(ctx.text), verbatim: new EditGroup(ctx.text), blockers: [], names: new Set(), done: new Set(), durations: new Set() };
}

/** Add the edits of `from` to `to`. */
export function adopt(to: Edits, from: Edits): void {
  for (const e of from.kernel.pending) to.kernel.replace(e, e.text);
  for (const e of from.verbatim.pending) to.verbatim.replace(e, e.text);
}

export function block(p: Plan, s: Site, message: string, help: string, code: string = TIME_CODES.instantUse): void {
  p.blockers.push({ range: rangeOf(s), code, message, help });
}

/** Every occurrence of `name` (an identifier) in code, in all regions, inside [from, to). */
export function occurrences(ctx: FileContext, name: string, from: number, to: number): Site[] {
  const out: Site[] = [];
  for (const r of codeRegions(ctx.tree)) {
    if (!r.text.includes(name)) continue;
    for (const node of identifiersNamed(ctx, r, name)) {
      const at = node.startIndex + r.shift;
      if (at < from || at >= to) continue;
      if (shadowed(ctx.tree, node, r)) continue;
      // `x::name` names an item, `name!` a macro: not the local.
      const p = node.parent;
      if (p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('name')?.id === node.id) continue;
      if (p?.type === 'macro_invocation') continue;
      out.push({ node, r });
    }
  }
  return out;
}

// Each region's identifiers by name, in text order, read once per tree: the file's from the
// declared query, a macro argument list's from the query run on it (regionMatches).
const identsByTree = treeCache<Map<string, SyntaxNode[]>>();
function identifiersNamed(ctx: FileContext, r: Region, name: string): SyntaxNode[] {
  let byName = identsByTree.get(r.root.tree);
  if (!byName) {
    byName = new Map();
    for (const m of regionMatches(ctx, r, QUERIES, 'idents')) {
      const n = m.captures[0].node;
      const list = byName.get(n.text);
      if (list) list.push(n);
      else byName.set(n.text, [n]);
    }
    identsByTree.set(r.root.tree, byName);
  }
  return byName.get(name) ?? [];
}

export function inRawTokens(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'token_tree') return true;
  return false;
}

/** A binding `let NAME = <value>;` (no type, plain identifier): its scope in the file, or null. */
export function letBinding(value: SyntaxNode, r: Region): { name: string; from: number; to: number } | null {
  const v = up(value);
  const decl = v.parent;
  if (!decl || decl.type !== 'let_declaration' || decl.childForFieldName('value')?.id !== v.id) return null;
  if (decl.childForFieldName('type') || decl.childForFieldName('alternative')) return null;
  const pat = decl.childForFieldName('pattern');
  if (!pat || pat.type !== 'identifier') return null;
  const blk = decl.parent;
  if (!blk || blk.type !== 'block') return null;
  return { name: pat.text, from: decl.endIndex + r.shift, to: blk.endIndex + r.shift };
}

export function castI64(arg: SyntaxNode): string {
  // `x as u64` becomes `x as i64`: the same value for every count of units that fits.
  if (arg.type === 'type_cast_expression') return `${arg.childForFieldName('value')!.text} as i64`;
  const simple = ['identifier', 'field_expression', 'call_expression', 'integer_literal', 'scoped_identifier', 'index_expression', 'parenthesized_expression'].includes(arg.type);
  return simple ? `${arg.text} as i64` : `(${arg.text}) as i64`;
}
