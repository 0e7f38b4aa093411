// Indexing and division that are visibly safe where they are written, so a
// panic note there would be noise: `w[1]` on a `windows(2)` item, `v[i]`
// under `if i < v.len()` (or in `for i in 0..v.len()`), `x / n` under
// `if n != 0`, `x / n.max(1)`. Only what the code around the expression
// shows counts, and only while nothing in between can change the index, the
// slice or the divisor: anything kport cannot follow keeps the report.
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { isFrozen } from '../engine/parse.ts';
import { letsOf } from './block-lets.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** Where a node lives: a file tree, or a macro argument list re-parsed (src/analysis/macroargs.ts). */
export interface Place {
  /** The file's text. */
  text: string;
  /** Add to a node's offsets to get offsets in the file. */
  shift: number;
  /** The macro invocation in the file the region was re-parsed from. */
  host?: SyntaxNode;
  /** The file's integer constants (`const N: usize = 64;`), for array lengths and loop bounds. */
  consts?: ReadonlyMap<string, number>;
}

/** `base + k < len(slice)`; `base` '' for a constant index. */
interface LenFact {
  kind: 'len';
  slice: string;
  base: string;
  k: number;
}
/** `base >= k`. */
interface MinFact {
  kind: 'min';
  base: string;
  k: number;
}
/** `base != 0`. */
interface NonZeroFact {
  kind: 'nonzero';
  base: string;
}
/** `base < n` for a constant `n`. */
interface LtFact {
  kind: 'lt';
  base: string;
  n: number;
}
type Fact = LenFact | MinFact | NonZeroFact | LtFact;

/** A fact, and the file range in which a write to its names would undo it. */
interface Guarded {
  fact: Fact;
  /** Offsets in the file: from where the fact holds to the expression. */
  from: number;
  /** Loops between the guard and the expression: their whole bodies run again before the next check. */
  loops: { start: number; end: number }[];
  /** Fixed once (a `for` range): the whole loop body can undo it. */
  body?: { start: number; end: number };
}

const SLICE_ITEMS = /^(windows|chunks_exact|array_windows|array_chunks)$/;
// Adaptors that hand on the same items.
const SAME_ITEMS = /^(rev|skip|take|step_by|filter|inspect|peekable|fuse|cycle|skip_while|take_while|by_ref|into_iter|iter)$/;
// Methods whose closure's (first) parameter is the item, or a reference to it.
const ITEM_CLOSURES = /^(map|for_each|filter|any|all|find|position|rposition|filter_map|find_map|take_while|skip_while|map_while|inspect|flat_map|partition|max_by_key|min_by_key|count|sum|try_for_each)$/;
// Methods of a slice or vector that do not change its length.
const READS = new Set(['len', 'is_empty', 'get', 'get_mut', 'iter', 'iter_mut', 'first', 'last', 'first_mut', 'last_mut', 'contains', 'binary_search', 'binary_search_by', 'binary_search_by_key', 'starts_with', 'ends_with', 'as_slice', 'as_mut_slice', 'windows', 'chunks', 'chunks_exact', 'capacity', 'clone', 'copied', 'cloned', 'swap', 'sort', 'sort_unstable', 'sort_by', 'sort_by_key', 'sort_unstable_by', 'sort_unstable_by_key', 'reverse', 'fill', 'to_vec', 'split_at', 'split_at_mut', 'eq', 'cmp', 'partial_cmp', 'as_ptr', 'as_mut_ptr', 'rotate_left', 'rotate_right', 'copy_from_slice', 'clone_from_slice', 'into_iter', 'max', 'min', 'count_ones', 'abs', 'wrapping_add', 'wrapping_sub', 'saturating_sub', 'saturating_add', 'checked_add', 'checked_sub', 'to_le_bytes', 'to_be_bytes', 'as_bytes', 'bytes', 'chars']);

/** Whether `target[index]` cannot be out of bounds, as the code around it shows. */
export function safeIndex(ix: SyntaxNode, place: Place): boolean {
  const target = ix.namedChildren[0];
  const index = ix.namedChildren[1];
  return !!target && !!index && inBounds(target, index, ix, place);
}

/** Whether `index` is a valid position in `target` at `ix` (an index expression, or a call such as `v.swap_remove(i)`). */
export function inBounds(target: SyntaxNode, index: SyntaxNode, ix: SyntaxNode, place: Place): boolean {
  // `x % 4` on an array of at least 4 (indexes are `usize`: never negative).
  let ix2 = index;
  while (ix2.type === 'parenthesized_expression' && ix2.namedChildren.length === 1) ix2 = ix2.namedChildren[0];
  if (ix2.type === 'binary_expression' && ix2.childForFieldName('operator')?.text === '%') {
    const right = ix2.childForFieldName('right');
    const m = right ? constValue(right, place.consts) : undefined;
    const fixed = m !== undefined && m > 0 ? arrayLen(target, ix, place) : undefined;
    return fixed !== undefined && m! <= fixed;
  }
  const idx = linear(index);
  if (!idx) return false;
  if (target.type === 'identifier' && idx.base === '' && windowItem(target, ix, place) > idx.k) return true;
  // A fixed-size array: a constant index is checked by the compiler, a guarded one by its bound.
  const fixed = arrayLen(target, ix, place);
  if (fixed !== undefined) {
    if (idx.base === '' && idx.k >= 0 && idx.k < fixed) return true;
    if (idx.base !== '') {
      const all = guards(ix, place);
      const lowOk = idx.k >= 0 || all.some((m) => m.fact.kind === 'min' && m.fact.base === idx.base && m.fact.k >= -idx.k && untouched(m, ix, place, [idx.base]));
      if (lowOk && all.some((g) => g.fact.kind === 'lt' && g.fact.base === idx.base && g.fact.n + idx.k <= fixed && untouched(g, ix, place, [idx.base]))) return true;
    }
  }
  const slice = norm(target.text);
  if (!isPlace(target)) return false;
  for (const g of guards(ix, place)) {
    const f = g.fact;
    if (f.kind !== 'len' || f.slice !== slice || f.base !== idx.base || idx.k > f.k) continue;
    if (idx.k < 0 && !guards(ix, place).some((m) => m.fact.kind === 'min' && m.fact.base === idx.base && m.fact.k >= -idx.k && untouched(m, ix, place, [idx.base]))) continue;
    if (untouched(g, ix, place, idx.base ? [idx.base, slice] : [slice], true)) return true;
  }
  return false;
}

/** Whether a divisor cannot be zero, as the code around it shows. */
export function safeDivisor(rhs: SyntaxNode, place: Place): boolean {
  let d = rhs;
  while (d.type === 'parenthesized_expression' && d.namedChildren.length === 1) d = d.namedChildren[0];
  // `n.max(1)`, `core::cmp::max(n, 1)`.
  if (d.type === 'call_expression') {
    const fn = d.childForFieldName('function');
    const args = (d.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => !c.type.endsWith('comment'));
    if (fn?.type === 'field_expression' && fn.childForFieldName('field')?.text === 'max' && args.length === 1) return positiveLiteral(args[0]);
    if (fn && /^((core|std)::)?(cmp::)?max$/.test(norm(fn.text)) && args.length === 2) return args.some(positiveLiteral);
    return false;
  }
  if (!isPlace(d)) return false;
  const name = norm(d.text);
  return guards(rhs, place).some((g) => g.fact.kind === 'nonzero' && g.fact.base === name && untouched(g, rhs, place, [name]));
}

function positiveLiteral(n: SyntaxNode): boolean {
  return n.type === 'integer_literal' && intValue(n.text) !== undefined && intValue(n.text)! > 0;
}

function intValue(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/(u|i)(8|16|32|64|128|size)$/, '');
  if (!/^(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|\d+)$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : undefined;
}

function norm(s: string): string {
  return s.replace(/\s+/g, '');
}

/** A local, `self`, or a field path of one: something a write can be seen to. */
function isPlace(n: SyntaxNode): boolean {
  if (n.type === 'identifier' || n.type === 'self') return true;
  if (n.type === 'field_expression') {
    const v = n.childForFieldName('value');
    return !!v && isPlace(v);
  }
  return false;
}

/** An index as `base + k`: `i`, `i + 1`, `i - 1`, `3`. */
function linear(n: SyntaxNode): { base: string; k: number } | undefined {
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  if (n.type === 'integer_literal') {
    const v = intValue(n.text);
    return v === undefined ? undefined : { base: '', k: v };
  }
  if (isPlace(n)) return { base: norm(n.text), k: 0 };
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (!l || !r || (op !== '+' && op !== '-')) return undefined;
    const lit = r.type === 'integer_literal' ? intValue(r.text) : undefined;
    if (lit !== undefined && isPlace(l)) return { base: norm(l.text), k: op === '+' ? lit : -lit };
    const llit = l.type === 'integer_literal' ? intValue(l.text) : undefined;
    if (op === '+' && llit !== undefined && isPlace(r)) return { base: norm(r.text), k: llit };
  }
  return undefined;
}

/** An integer literal, or a constant of the file with a literal value. */
function constValue(n: SyntaxNode, consts?: ReadonlyMap<string, number>): number | undefined {
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  if (n.type === 'integer_literal') return intValue(n.text);
  if (n.type === 'identifier') return consts?.get(n.text);
  return undefined;
}

/**
 * The length of a fixed-size array `target` as declared (`x: [T; 8]`, `let x = [0; N]`,
 * `let x = [a, b]`, a field or `static`/`const` of array type, an element of an array of
 * arrays); undefined when it is not one kport can see.
 */
function arrayLen(target: SyntaxNode, at: SyntaxNode, place: Place): number | undefined {
  const t = declaredType(target, place.host ?? at, place, 0);
  if (!t) return undefined;
  if (typeof t === 'number') return t;
  if (t.type !== 'array_type') return undefined;
  const len = t.childForFieldName('length');
  return len ? constValue(len, place.consts) : undefined;
}

/** The declared type node of a place (or an array literal's length), through references. */
function declaredType(e: SyntaxNode, at: SyntaxNode, place: Place, depth: number): SyntaxNode | number | undefined {
  if (depth > 6) return undefined;
  const deref = (t: SyntaxNode | null | undefined): SyntaxNode | undefined => {
    while (t && t.type === 'reference_type') t = t.childForFieldName('type');
    return t ?? undefined;
  };
  if (e.type === 'index_expression') {
    const inner = declaredType(e.namedChildren[0], at, place, depth + 1);
    return inner && typeof inner !== 'number' && inner.type === 'array_type' ? deref(inner.childForFieldName('element')) : undefined;
  }
  if (e.type === 'field_expression') {
    const owner = declaredType(e.childForFieldName('value')!, at, place, depth + 1);
    const field = e.childForFieldName('field')?.text;
    if (!owner || typeof owner === 'number' || owner.type !== 'type_identifier' || !field) return undefined;
    return deref(structField(at, owner.text, field));
  }
  if (e.type === 'self') {
    for (let p = at.parent; p; p = p.parent) if (p.type === 'impl_item') return deref(p.childForFieldName('type'));
    return undefined;
  }
  if (e.type !== 'identifier') return undefined;
  const name = e.text;
  let child = at;
  for (let p = at.parent; p; child = p, p = p.parent) {
    if (p.type === 'block') {
      const lets = letsOf(p);
      const before = child.startIndex;
      for (let i = lets.length - 1; i >= 0; i--) {
        if (lets[i].start >= before) continue;
        const st = lets[i].s;
        const pat = st.childForFieldName('pattern');
        const bound = pat?.type === 'mut_pattern' ? pat.namedChildren[0] : pat;
        if (!pat || !pat.descendantsOfType('identifier').some((x) => x.text === name) && pat.text !== name) continue;
        if (bound?.type !== 'identifier' || bound.text !== name) return undefined;
        const ty = st.childForFieldName('type');
        if (ty) return deref(ty);
        const v = st.childForFieldName('value');
        if (v?.type !== 'array_expression') return undefined;
        const len = v.childForFieldName('length');
        return len ? constValue(len, place.consts) : v.namedChildren.filter((c) => !c.type.endsWith('comment')).length;
      }
    }
    // Other bindings of the name between the declaration and the use: kport does not follow them.
    const binds = (pat: SyntaxNode | null | undefined) => !!pat && (pat.text === name || pat.descendantsOfType('identifier').some((x) => x.text === name));
    if (p.type === 'for_expression' && p.childForFieldName('body')?.id === child.id && binds(p.childForFieldName('pattern'))) return undefined;
    if (p.type === 'match_arm' && p.childForFieldName('pattern')?.id !== child.id && binds(p.childForFieldName('pattern'))) return undefined;
    if ((p.type === 'if_expression' || p.type === 'while_expression') && p.childForFieldName('condition')?.id !== child.id) {
      const cond = p.childForFieldName('condition');
      const lets = cond ? [cond, ...cond.descendantsOfType('let_condition')].filter((c) => c.type === 'let_condition') : [];
      if (lets.some((l) => binds(l.childForFieldName('pattern')))) return undefined;
    }
    if (p.type === 'closure_expression' || p.type === 'function_item') {
      for (const prm of p.childForFieldName('parameters')?.namedChildren ?? []) {
        if (p.type === 'closure_expression' && prm.type !== 'parameter' && binds(prm)) return undefined;
        if (prm.type !== 'parameter') continue;
        const pat = prm.childForFieldName('pattern');
        const bound = pat?.type === 'mut_pattern' ? pat.namedChildren[0] : pat;
        if (bound?.type === 'identifier' && bound.text === name) return deref(prm.childForFieldName('type'));
      }
      if (p.type === 'function_item') break;
    }
  }
  // A `static`/`const` of the file.
  const item = constItems(at).get(name);
  return item ? deref(item.childForFieldName('type')) : undefined;
}

interface FileItems {
  root: SyntaxNode;
  /** The first top-level `const`/`static` of each name. */
  consts?: Map<string, SyntaxNode>;
  /** The structs of each name, anywhere in the file, in order. */
  structs?: Map<string, SyntaxNode[]>;
}

// Per frozen tree: what declaredType and structField look up by name, each listed when first asked.
const itemsByTree = treeCache<FileItems>();

function fileItems(at: SyntaxNode): FileItems {
  let items = itemsByTree.get(at.tree);
  if (items) return items;
  let root = at;
  while (root.parent) root = root.parent;
  items = { root };
  if (isFrozen(at.tree)) itemsByTree.set(at.tree, items);
  return items;
}

function constItems(at: SyntaxNode): Map<string, SyntaxNode> {
  const items = fileItems(at);
  if (items.consts) return items.consts;
  const consts = new Map<string, SyntaxNode>();
  for (const item of items.root.namedChildren) {
    if (item.type !== 'const_item' && item.type !== 'static_item') continue;
    const name = item.childForFieldName('name')?.text;
    if (name !== undefined && !consts.has(name)) consts.set(name, item);
  }
  return (items.consts = consts);
}

function structItems(at: SyntaxNode): Map<string, SyntaxNode[]> {
  const items = fileItems(at);
  if (items.structs) return items.structs;
  const structs = new Map<string, SyntaxNode[]>();
  for (const st of items.root.descendantsOfType('struct_item')) {
    const name = st.childForFieldName('name')?.text;
    if (name === undefined) continue;
    const list = structs.get(name);
    if (list) list.push(st);
    else structs.set(name, [st]);
  }
  return (items.structs = structs);
}

/** The declared type of `field` in a struct of the file named `struct`. */
function structField(at: SyntaxNode, struct: string, field: string): SyntaxNode | undefined {
  for (const s of structItems(at).get(struct) ?? []) {
    for (const d of s.childForFieldName('body')?.namedChildren ?? []) {
      if (d.type === 'field_declaration' && d.childForFieldName('name')?.text === field) return d.childForFieldName('type') ?? undefined;
    }
  }
  return undefined;
}

/** `x.len()` → 'x'. */
function lenOf(n: SyntaxNode): string | undefined {
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  if (n.type !== 'call_expression' || (n.childForFieldName('arguments')?.namedChildren.length ?? 1) !== 0) return undefined;
  const f = n.childForFieldName('function');
  if (f?.type !== 'field_expression' || f.childForFieldName('field')?.text !== 'len') return undefined;
  const v = f.childForFieldName('value');
  return v && isPlace(v) ? norm(v.text) : undefined;
}

/** `x.len() - k` → ['x', k]; `x.len()` → ['x', 0]. */
function lenMinus(n: SyntaxNode): [string, number] | undefined {
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  const whole = lenOf(n);
  if (whole) return [whole, 0];
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.text !== '-') return undefined;
  const left = n.childForFieldName('left');
  const r = n.childForFieldName('right');
  const s = left ? lenOf(left) : undefined;
  const k = r?.type === 'integer_literal' ? intValue(r.text) : undefined;
  return s && k !== undefined ? [s, k] : undefined;
}

/** Facts a condition establishes when it is true (its `&&` operands, each comparison). */
function conditionFacts(c: SyntaxNode, consts?: ReadonlyMap<string, number>): Fact[] {
  while (c.type === 'parenthesized_expression' && c.namedChildren.length === 1) c = c.namedChildren[0];
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&&') {
    return [c.childForFieldName('left'), c.childForFieldName('right')].flatMap((x) => (x ? conditionFacts(x, consts) : []));
  }
  if (c.type === 'unary_expression' && c.text.startsWith('!')) {
    // `!v.is_empty()`.
    const e = c.namedChildren[0];
    const f = e?.type === 'call_expression' ? e.childForFieldName('function') : null;
    const v = f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'is_empty' ? f.childForFieldName('value') : null;
    return v && isPlace(v) && e!.childForFieldName('arguments')?.namedChildren.length === 0 ? [{ kind: 'len', slice: norm(v.text), base: '', k: 0 }] : [];
  }
  if (c.type !== 'binary_expression') return [];
  const l = c.childForFieldName('left');
  const r = c.childForFieldName('right');
  return l && r ? comparisonFacts(l, c.childForFieldName('operator')?.text ?? '', r, consts) : [];
}

/** Facts of `l op r` when it is true. */
function comparisonFacts(l: SyntaxNode, op: string, r: SyntaxNode, consts?: ReadonlyMap<string, number>): Fact[] {
  // Put the smaller side on the left: `a > b` is `b < a`.
  if (op === '>' || op === '>=') {
    [l, r] = [r, l];
    op = op === '>' ? '<' : '<=';
  }
  const out: Fact[] = [];
  if (op === '<' || op === '<=') {
    const len = lenMinus(r);
    const lin = linear(l);
    if (len && lin) {
      // base + k < len - m  ⇒  base + (k + m) < len;  base + k <= len - m (m ≥ 1) ⇒ base + (k + m - 1) < len.
      const k = lin.k + len[1] - (op === '<=' ? 1 : 0);
      if (op === '<' || len[1] >= 1) out.push({ kind: 'len', slice: len[0], base: lin.base, k });
    }
    // `i < 8`, `i + 1 <= N`.
    const hi = constValue(r, consts);
    if (lin && lin.base && hi !== undefined) out.push({ kind: 'lt', base: lin.base, n: hi - lin.k + (op === '<=' ? 1 : 0) });
    // `0 < n`, `1 <= n`, `k < i`.
    const lo = l.type === 'integer_literal' ? intValue(l.text) : undefined;
    if (lo !== undefined && isPlace(r)) {
      const min = op === '<' ? lo + 1 : lo;
      if (min >= 1) out.push({ kind: 'nonzero', base: norm(r.text) });
      out.push({ kind: 'min', base: norm(r.text), k: min });
    }
  }
  if (op === '!=') {
    for (const [a, b] of [
      [l, r],
      [r, l],
    ]) {
      if (b.type === 'integer_literal' && intValue(b.text) === 0 && isPlace(a)) out.push({ kind: 'nonzero', base: norm(a.text) });
    }
  }
  return out;
}

/** Facts that hold when a condition is false: `n == 0` → `n != 0`, `i >= v.len()` → `i < v.len()`, `A || B` → both. */
function negatedFacts(c: SyntaxNode, consts?: ReadonlyMap<string, number>): Fact[] {
  while (c.type === 'parenthesized_expression' && c.namedChildren.length === 1) c = c.namedChildren[0];
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '||') {
    return [c.childForFieldName('left'), c.childForFieldName('right')].flatMap((x) => (x ? negatedFacts(x, consts) : []));
  }
  if (c.type === 'call_expression') {
    // `v.is_empty()`.
    const f = c.childForFieldName('function');
    const v = f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'is_empty' ? f.childForFieldName('value') : null;
    return v && isPlace(v) && c.childForFieldName('arguments')?.namedChildren.length === 0 ? [{ kind: 'len', slice: norm(v.text), base: '', k: 0 }] : [];
  }
  if (c.type !== 'binary_expression') return [];
  const op = c.childForFieldName('operator')?.text ?? '';
  const l = c.childForFieldName('left');
  const r = c.childForFieldName('right');
  const flipped: Record<string, string> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=' };
  return l && r && flipped[op] ? comparisonFacts(l, flipped[op], r, consts) : [];
}

/** A block whose last statement leaves it: `return`, `break`, `continue`, or a call of a panicking macro. */
function diverges(b: SyntaxNode | null): boolean {
  if (!b || b.type !== 'block') return false;
  const kids = b.namedChildren.filter((c) => !c.type.endsWith('comment'));
  let last = kids[kids.length - 1];
  if (!last) return false;
  if (last.type === 'expression_statement') last = last.namedChildren[0];
  if (!last) return false;
  if (last.type === 'return_expression' || last.type === 'break_expression' || last.type === 'continue_expression') return true;
  return last.type === 'macro_invocation' && /^(panic|unreachable|todo|unimplemented)$/.test(last.childForFieldName('macro')?.text ?? '');
}

/** The facts that hold at `n`, from the conditions and `for` ranges around it, innermost first. */
function guards(n: SyntaxNode, place: Place): Guarded[] {
  const out: Guarded[] = [];
  const loops: { start: number; end: number }[] = [];
  let shift = place.shift;
  let inRegion = !!place.host;
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (inRegion && p.type === 'function_item' && p.parent?.type === 'source_file') {
      // The re-parsed macro arguments end here: go on from the macro call in the file.
      inRegion = false;
      child = place.host!;
      p = place.host!;
      shift = 0;
      continue;
    }
    if (p.type === 'function_item' || p.type === 'closure_expression') break;
    const at = (x: SyntaxNode) => x.startIndex + shift;
    if (p.type === 'block') {
      // `if i >= v.len() { return ..; }` before: the opposite holds after it.
      for (const s of p.namedChildren) {
        if (s.startIndex >= child.startIndex) break;
        const e = s.type === 'expression_statement' ? s.namedChildren[0] : s;
        if (e?.type !== 'if_expression' || e.childForFieldName('alternative') || !diverges(e.childForFieldName('consequence'))) continue;
        const cond = e.childForFieldName('condition');
        if (cond) for (const fact of negatedFacts(cond, place.consts)) out.push({ fact, from: e.endIndex + shift, loops: [...loops] });
      }
    }
    if ((p.type === 'if_expression' && p.childForFieldName('consequence')?.id === child.id) || (p.type === 'while_expression' && p.childForFieldName('body')?.id === child.id)) {
      const cond = p.childForFieldName('condition');
      if (cond) for (const fact of conditionFacts(cond, place.consts)) out.push({ fact, from: cond.endIndex + shift, loops: [...loops] });
    }
    if (p.type === 'binary_expression' && p.childForFieldName('operator')?.text === '&&' && p.childForFieldName('right')?.id === child.id) {
      const left = p.childForFieldName('left')!;
      for (const fact of conditionFacts(left, place.consts)) out.push({ fact, from: left.endIndex + shift, loops: [...loops] });
    }
    if (p.type === 'for_expression' && p.childForFieldName('body')?.id === child.id) {
      const pat = p.childForFieldName('pattern');
      const value = p.childForFieldName('value');
      const body = { start: at(child), end: child.endIndex + shift };
      if (pat?.type === 'identifier' && value?.type === 'range_expression') {
        for (const fact of rangeFacts(pat.text, value, place.consts)) out.push({ fact, from: at(child), loops: [...loops], body });
      }
    }
    if (p.type === 'for_expression' || p.type === 'while_expression' || p.type === 'loop_expression') {
      const body = p.childForFieldName('body');
      if (body && body.id === child.id) loops.push({ start: at(body), end: body.endIndex + shift });
    }
  }
  return out;
}

/** `for i in a..b`: `i >= a`, and `i < b` when `b` is a length (minus a constant). */
function rangeFacts(name: string, range: SyntaxNode, consts?: ReadonlyMap<string, number>): Fact[] {
  const kids = range.namedChildren;
  const op = range.children.find((c) => c.type === '..' || c.type === '..=')?.type;
  if (kids.length !== 2 || !op) return [];
  const [a, b] = kids;
  const out: Fact[] = [];
  const lo = a.type === 'integer_literal' ? intValue(a.text) : undefined;
  if (lo !== undefined) out.push({ kind: 'min', base: name, k: lo });
  if (lo !== undefined && lo >= 1) out.push({ kind: 'nonzero', base: name });
  const len = lenMinus(b);
  if (len && (op === '..' || len[1] >= 1)) out.push({ kind: 'len', slice: len[0], base: name, k: len[1] - (op === '..=' ? 1 : 0) });
  const hi = constValue(b, consts);
  if (hi !== undefined) out.push({ kind: 'lt', base: name, n: hi + (op === '..=' ? 1 : 0) });
  return out;
}

/** Nothing between the guard and `at` (and in loops that repeat it) can write to `names`. */
function untouched(g: Guarded, at: SyntaxNode, place: Place, names: string[], slice = false): boolean {
  const end = at.startIndex + place.shift;
  const spans = [{ start: g.from, end }, ...g.loops, ...(g.body ? [g.body] : [])];
  for (const s of spans) {
    const text = place.text.slice(Math.min(s.start, s.end), Math.max(s.start, s.end));
    for (const [i, name] of names.entries()) if (name && writes(text, name, i === names.length - 1 && slice)) return false;
  }
  return true;
}

/**
 * Whether `text` may write to the place `name` (a local or a field path), or
 * change a vector's length through it; a `slice` passed on whole as an argument
 * may be a `&mut` that the callee shrinks.
 */
function writes(text: string, name: string, slice: boolean): boolean {
  const e = name.split('.').map((s) => s.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('\\s*\\.\\s*');
  const root = name.split('.')[0];
  if (new RegExp(`(?<![\\w.])${e}\\s*(=(?!=)|\\+=|-=|\\*=|/=|%=|<<=|>>=|&=|\\|=|\\^=)`).test(text)) return true;
  if (new RegExp(`&\\s*mut\\s+${e}\\b`).test(text)) return true;
  // Methods called on it, or on the value it is a field of, that may change it.
  const prefixes = name.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'));
  for (const pre of prefixes) {
    const pe = pre.split('.').map((s) => s.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('\\s*\\.\\s*');
    for (const m of text.matchAll(new RegExp(`(?<![\\w.])${pe}\\s*\\.\\s*([A-Za-z_]\\w*)\\s*(::\\s*<[^>]*>\\s*)?\\(`, 'g'))) {
      if (!READS.has(m[1])) return true;
    }
  }
  // Passed by `&mut` as a whole or moved into a call: `f(&mut self)` is covered above; a bare `self` argument may be `&mut self` too.
  if (root === 'self' && /(?<![\w.])self\s*[,)]/.test(text)) return true;
  if (slice && new RegExp(`(?<=[(,]\\s*)${e}\\s*[,)]`).test(text)) return true;
  return false;
}

/**
 * The length every item of a `windows(N)`/`chunks_exact(N)` iterator has, when
 * `name` at `at` is bound to such an item (a `for` pattern or a closure
 * parameter); 0 otherwise.
 */
function windowItem(name: SyntaxNode, at: SyntaxNode, place: Place): number {
  let inRegion = !!place.host;
  let prev = at;
  for (let p = at.parent; p; prev = p, p = p.parent) {
    if (inRegion && p.type === 'function_item' && p.parent?.type === 'source_file') {
      inRegion = false;
      prev = place.host!;
      p = place.host!;
      continue;
    }
    if (p.type === 'function_item') return 0;
    // A `let` of the same name between the binding and the use hides it.
    if (p.type === 'block') {
      for (const s of p.namedChildren) {
        if (s.startIndex >= prev.startIndex) break;
        if (s.type === 'let_declaration' && bindsName(s.childForFieldName('pattern'), name.text)) return 0;
      }
    }
    if (p.type === 'for_expression' && p.childForFieldName('body')?.id === prev.id) {
      if (p.childForFieldName('pattern')?.text === name.text) return itemsOf(p.childForFieldName('value'));
      if (bindsName(p.childForFieldName('pattern'), name.text)) return 0;
    }
    if (p.type === 'closure_expression' && p.childForFieldName('body')?.id === prev.id) {
      const params = (p.childForFieldName('parameters')?.namedChildren ?? []).filter((c) => !c.type.endsWith('comment'));
      const i = params.findIndex((c) => bindsName(c, name.text));
      if (i === -1) continue;
      const param = params[i].type === 'parameter' ? params[i].childForFieldName('pattern') : params[i];
      if (param?.text !== name.text && param?.text.replace(/^&\s*/, '') !== name.text) return 0;
      const call = p.parent?.type === 'arguments' ? p.parent.parent : null;
      const f = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      const method = f?.type === 'field_expression' ? f.childForFieldName('field')?.text : undefined;
      if (!method) return 0;
      const argIndex = (p.parent!.namedChildren.filter((c) => !c.type.endsWith('comment'))).findIndex((c) => c.id === p.id);
      const isItem = (ITEM_CLOSURES.test(method) && i === 0 && argIndex === 0) || (method === 'fold' && i === 1 && argIndex === 1);
      return isItem ? itemsOf(f!.childForFieldName('value')) : 0;
    }
  }
  return 0;
}

function bindsName(pat: SyntaxNode | null | undefined, name: string): boolean {
  if (!pat) return false;
  if (pat.type === 'identifier') return pat.text === name;
  return pat.namedChildren.some((c) => bindsName(c, name));
}

/** N for an iterator expression `x.windows(N)` (through adaptors that keep the items). */
function itemsOf(v: SyntaxNode | null | undefined): number {
  while (v && v.type === 'call_expression') {
    const f = v.childForFieldName('function');
    if (f?.type !== 'field_expression') return 0;
    const m = f.childForFieldName('field')?.text ?? '';
    if (SLICE_ITEMS.test(m)) {
      const args = (v.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => !c.type.endsWith('comment'));
      const n = args.length === 1 && args[0].type === 'integer_literal' ? intValue(args[0].text) : undefined;
      return n ?? 0;
    }
    if (!SAME_ITEMS.test(m)) return 0;
    v = f.childForFieldName('value');
  }
  return 0;
}
