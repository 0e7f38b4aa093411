// check-std-api: std-only methods (and chains like `.entry(k).or_insert(v)`),
// the `+` that grows a String, and std-only paths such as `str::to_owned`.
import { ownsName } from '../../src/compat/own.ts';
import { regionMatches, type Region } from '../../src/analysis/macroargs.ts';
import type { Resolver, Ty } from '../../src/analysis/vec-resolver.ts';
import type { StdKind } from '../../src/kernel-api/std-only.ts';
import type { SyntaxNode } from '../../src/engine/types.ts';
import { insideUse, report, type FileRun } from './file-run.ts';
import { CHAINS, OPERATORS, PATHS, REGION_QUERIES, ROWS_BY_NAME } from './queries.ts';

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

// Iterator methods a `String` does not have: `c.to_lowercase().next()` is `char`'s.
const ITER_ONLY = new Set(['next', 'collect', 'count', 'last', 'nth', 'map', 'filter', 'for_each', 'take', 'skip', 'chain', 'zip', 'fold', 'peekable', 'rev']);

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

export function methodCalls(run: FileRun, r: Region, resolver: Resolver, skip: (n: SyntaxNode) => boolean): void {
  const chained = new Set<number>();
  const matches = regionMatches(run.ctx, r, REGION_QUERIES, 'methodCalls');
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

export function operators(run: FileRun, r: Region, resolver: Resolver, skip: (n: SyntaxNode) => boolean): void {
  for (const m of regionMatches(run.ctx, r, REGION_QUERIES, 'operatorExprs')) {
    const op = m.captures.find((c) => c.name === 'op')!.node;
    const left = m.captures.find((c) => c.name === 'left')!.node;
    const sym = op.type === 'binary_expression' ? '+' : '+=';
    const row = OPERATORS.find((o) => o.op === sym);
    if (!row || skip(op)) continue;
    if (!kindsOf(resolver.typeOf(left), run.own).some((k) => row.on.includes(k) && k !== 'str')) continue;
    report(run, r, op, op, row.code, `\`${sym}\` ${row.why}`, row.kernel);
  }
}

export function paths(run: FileRun, r: Region, skip: (n: SyntaxNode) => boolean): void {
  for (const m of regionMatches(run.ctx, r, REGION_QUERIES, 'pathExprs')) {
    const p = m.captures.find((c) => c.name === 'path')!.node;
    const row = PATHS.get(p.text.replace(/\s+/g, ''));
    if (!row || skip(p) || insideUse(p) || run.own(m.captures.find((c) => c.name === 't')!.node.text)) continue;
    report(run, r, p, p, row.code, `\`${row.path}\` ${row.why}`, row.kernel);
  }
}
