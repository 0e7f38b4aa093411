import { codeRegions, regionMatches, type Region } from '../src/analysis/macroargs.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { tyOf, type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import { leaveAlone, span } from '../src/compat/strings.ts';
import { COLLECTION_CODES, UPSTREAM, collectionsPorted, usable, type Compat } from '../src/compat/collections-port.ts';
import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * compat-collection-methods: what inserts into or copies a compat `Map`, `Set`
 * or `Deque` (src/compat/collections.ts) is a fallible call.
 *
 *   m.insert(k, v)                      →  m.insert(k, v, GFP_KERNEL)?
 *   *m.entry(k).or_insert(0) += 1       →  *m.entry(k).or_insert(0, GFP_KERNEL)? += 1
 *   m.entry(k).or_default().push(x)     →  m.entry(k).or_default(GFP_KERNEL)?.push(x)
 *   s.insert(x)                         →  s.insert(x, GFP_KERNEL)?
 *   q.push_back(x)                      →  q.push_back(x, GFP_KERNEL)?
 *   m.clone()                           →  m.try_clone()?
 *   m.get(name)  (`name: &str`, `KString` keys)  →  m.get(&KString::try_from(name)?)
 *
 * Only on receivers kport knows to be one of them (declared types and
 * constructors, struct fields in any file of the crate: src/analysis/vec-resolver.ts,
 * after compat-collection-types renamed the std types). A std method the compat
 * type does not have is an error at the call (K0704).
 */

const CALLS = '(call_expression function: (field_expression value: (_) @recv field: (field_identifier) @m) arguments: (arguments)) @call';
const INDEX = '(index_expression . (_) @recv) @index';

const RELEVANT = /\b(Map|Set|Deque)\b/;

/** The methods each compat type has (src/compat/collections.ts), besides the fallible forms below. */
const HAS: Record<Compat, ReadonlySet<string>> = {
  Map: new Set(['len', 'is_empty', 'iter', 'iter_mut', 'keys', 'values', 'values_mut', 'clear', 'insert', 'get', 'get_mut', 'contains_key', 'remove', 'entry', 'try_clone', 'into_iter']),
  Set: new Set(['len', 'is_empty', 'iter', 'clear', 'insert', 'contains', 'remove', 'try_clone', 'into_iter']),
  Deque: new Set(['len', 'is_empty', 'push_back', 'push_front', 'pop_front', 'pop_back', 'get', 'get_mut', 'front', 'back', 'front_mut', 'back_mut', 'iter', 'iter_mut', 'contains', 'clear', 'try_clone', 'into_iter']),
};

/** Methods every type has through a trait the compat types implement or that std's do not either (`fmt`, `into_iter` by reference). */
const TRAIT_METHODS = new Set(['fmt', 'default', 'borrow', 'borrow_mut', 'as_ref', 'eq', 'ne', 'hash']);

/** What `insert` takes before the flags, per type. */
const INSERT_ARGS: Record<Compat, number> = { Map: 2, Set: 1, Deque: -1 };

/** Lookups that take `&K` in the kernel's tree, and the index of their key argument. */
const LOOKUPS: Record<Compat, ReadonlySet<string>> = {
  Map: new Set(['get', 'get_mut', 'remove', 'contains_key']),
  Set: new Set(['contains', 'remove']),
  Deque: new Set(),
};

const ENTRY_INSERTS = new Set(['or_insert', 'or_insert_with', 'or_default']);

/** `type Seen = Map<KString, bool>;` in the crate: what each alias of a compat collection stands for. */
type Aliases = ReadonlyMap<string, Ty>;

const ALIASES = '(type_item name: (type_identifier) @n type: (generic_type type: (type_identifier) @t (#match? @t "^(Map|Set|Deque)$")) @ty)';
// What each region is asked (a macro's arguments too), then what only the file is.
const REGION_QUERIES = { calls: CALLS, index: INDEX };
const QUERIES = { ...REGION_QUERIES, aliases: ALIASES };

function aliasesOf(ctx: CrateContext): Aliases {
  const out = new Map<string, Ty>();
  for (const f of ctx.files) {
    const can = usable(f.tree);
    for (const m of f.matches('aliases')) {
      if (!can.has(m.captures.find((c) => c.name === 't')!.node.text as Compat)) continue;
      const name = m.captures.find((c) => c.name === 'n')!.node.text;
      const t = tyOf(m.captures.find((c) => c.name === 'ty')!.node);
      const prev = out.get(name);
      out.set(name, prev && JSON.stringify(prev) !== JSON.stringify(t) ? { k: 'unknown' } : t);
    }
  }
  return out;
}

/** A type alias of the crate for a compat collection, resolved. */
function unalias(t: Ty, aliases: Aliases): Ty {
  return t.k === 'named' && !t.args && aliases.has(t.name) ? aliases.get(t.name)! : t;
}

function compatOf(t: Ty, can: ReadonlySet<Compat>): Compat | undefined {
  if (t.k !== 'named') return undefined;
  return (t.name === 'Map' || t.name === 'Set' || t.name === 'Deque') && can.has(t.name) ? t.name : undefined;
}

/** `recv.m(args)` → `recv.m(args, GFP_KERNEL)?`. */
function addFlags(ctx: FileContext, r: Region, call: SyntaxNode): void {
  const a = call.childForFieldName('arguments')!;
  const close = a.lastChild;
  if (close?.type !== ')') return;
  const prev = close.previousSibling;
  if (argCount(call) === 0) ctx.edits.insert(close.startIndex + r.shift, 'GFP_KERNEL');
  else if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
  else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
  ctx.edits.insert(call.endIndex + r.shift, '?');
}

function fallible(ctx: FileContext, r: Region, call: SyntaxNode, what: string, to: Compat): void {
  const form = `${call.childForFieldName('function')!.childForFieldName('field')!.text}(${argCount(call) ? '.., ' : ''}GFP_KERNEL)?`;
  addFlags(ctx, r, call);
  ctx.report({ code: 'K0701', message: `${what} can fail: \`${form}\``, range: span(call, r), help: UPSTREAM[to] });
}

/** The `m.entry(k)` call at the root of `m.entry(k).and_modify(..)...`, when `m` is a `Map`. */
function entryRoot(recv: SyntaxNode, typeOf: (n: SyntaxNode) => Ty, can: ReadonlySet<Compat>): SyntaxNode | undefined {
  let e: SyntaxNode | null = recv;
  while (e?.type === 'call_expression') {
    const f = e.childForFieldName('function');
    if (f?.type !== 'field_expression') return undefined;
    const name = f.childForFieldName('field')?.text;
    if (name === 'entry') return argCount(e) === 1 && compatOf(typeOf(f.childForFieldName('value')!), can) === 'Map' ? e : undefined;
    if (name !== 'and_modify') return undefined;
    e = f.childForFieldName('value');
  }
  return undefined;
}

/**
 * A lookup by a `&str` where the kernel's tree wants `&K`: keys that are `KString`s (the
 * port's `String`) get a temporary `KString` (K0705); `&str` keys get the `&` that
 * `Borrow` made unnecessary (`m.get(name)` → `m.get(&name)`). Any other argument, or one
 * whose type kport cannot read, is left as written.
 */
function borrowedKey(ctx: FileContext, r: Region, arg: SyntaxNode, key: Ty | undefined, typeOf: (n: SyntaxNode) => Ty): void {
  const at = typeOf(arg);
  if (!key || at.k !== 'prim' || at.name !== 'str' || arg.type === 'reference_expression') return;
  if (key.k === 'named' && key.name === 'KString') {
    ctx.edits.replace(span(arg, r), `&KString::try_from(${arg.text})?`);
    ctx.report({ code: 'K0705', message: `the kernel's tree looks keys up by \`&K\`: a \`&str\` becomes a temporary \`KString\` key, which allocates`, range: span(arg, r), help: `${UPSTREAM.Map}; a key that needs no allocation (an integer id, a \`&'static str\`) makes the lookup infallible` });
  } else if (key.k === 'prim' && key.name === 'str') {
    ctx.edits.insert(arg.startIndex + r.shift, '&');
  }
}

function runFile(ctx: FileContext, resolver: Resolver, aliases: Aliases): void {
  const { tree } = ctx;
  const can = usable(tree);
  if (!can.size) return;
  for (const r of codeRegions(tree)) {
    if (!RELEVANT.test(r.text) && !/\.\s*(insert|push_back|push_front|or_insert|or_insert_with|or_default|clone|get|get_mut|remove|contains|contains_key)\b/.test(r.text)) continue;
    const res = r.host ? resolver.at(r.host) : resolver;
    const typeOf = (n: SyntaxNode): Ty => unalias(res.typeOf(n), aliases);
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'calls')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const recv = m.captures.find((c) => c.name === 'recv')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node;
      if (leaveAlone(tree, call, r)) continue;
      const n = argCount(call);
      if (ENTRY_INSERTS.has(name.text)) {
        if (n !== (name.text === 'or_default' ? 0 : 1) || !entryRoot(recv, typeOf, can)) continue;
        fallible(ctx, r, call, `filling a \`Map\` entry allocates its node, which`, 'Map');
        continue;
      }
      if (name.text === 'rev' && n === 0 && treeIterator(recv, typeOf, can)) {
        ctx.report({ code: 'K0704', message: 'the kernel\'s `RBTree` iterator is not double-ended: a `Map` or `Set` has no `.rev()`', range: span(call, r), help: 'collect the items into a `KVec` (fallibly) and walk it backwards, or walk a cursor from the back (`RBTree::cursor_back`)' });
        continue;
      }
      const t = typeOf(recv);
      const to = compatOf(t, can);
      if (!to) continue;
      if (name.text === 'insert' && n === INSERT_ARGS[to]) {
        fallible(ctx, r, call, `inserting into a \`${to}\` allocates a node, which`, to);
        continue;
      }
      if ((name.text === 'push_back' || name.text === 'push_front') && to === 'Deque' && n === 1) {
        fallible(ctx, r, call, 'pushing onto a `Deque` may grow it, which', to);
        continue;
      }
      if (name.text === 'clone' && n === 0) {
        ctx.edits.replace(span(name, r), 'try_clone');
        ctx.edits.insert(call.endIndex + r.shift, '?');
        ctx.report({ code: 'K0702', message: `copying a \`${to}\` allocates: \`.try_clone()?\``, range: span(call, r), help: `${UPSTREAM[to]}; borrow it where the copy is only read` });
        continue;
      }
      if (LOOKUPS[to].has(name.text) && n === 1) {
        borrowedKey(ctx, r, args(call)[0], t.k === 'named' ? t.args?.[0] : undefined, typeOf);
        continue;
      }
      if (HAS[to].has(name.text) || TRAIT_METHODS.has(name.text)) continue;
      if (['insert', 'push_back', 'push_front', 'clone'].includes(name.text)) continue; // other arities: someone else's
      ctx.report({ code: 'K0704', message: `the compat \`${to}\` has no \`${name.text}\``, range: span(call, r), help: `rewrite it with the methods \`${to}\` has (${[...HAS[to]].filter((x) => x !== 'into_iter').join(', ')}); ${UPSTREAM[to]}` });
    }
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'index')) {
      const index = m.captures.find((c) => c.name === 'index')!.node;
      const to = compatOf(typeOf(m.captures.find((c) => c.name === 'recv')!.node), can);
      if (!to || leaveAlone(tree, index, r)) continue;
      ctx.report({ code: 'K0704', message: `the compat \`${to}\` has no indexing (\`[..]\` panics where the std one finds nothing)`, range: span(index, r), help: to === 'Deque' ? 'use `get(i)`, which returns an `Option`' : 'use `get(&key)`, which returns an `Option`' });
    }
  }
}

/** `m.iter()`, `m.keys()`, `m.values()` on a `Map` or `Set`. */
function treeIterator(recv: SyntaxNode, typeOf: (n: SyntaxNode) => Ty, can: ReadonlySet<Compat>): boolean {
  if (recv.type !== 'call_expression') return false;
  const f = recv.childForFieldName('function');
  if (f?.type !== 'field_expression' || !/^(iter|iter_mut|keys|values|values_mut)$/.test(f.childForFieldName('field')?.text ?? '')) return false;
  const to = compatOf(typeOf(f.childForFieldName('value')!), can);
  return to === 'Map' || to === 'Set';
}

function run(ctx: CrateContext): void {
  if (!collectionsPorted(ctx) || !ctx.files.some((f) => RELEVANT.test(f.text))) return;
  // Every file: a struct field declared `Map` in one file is used in others.
  const model = ctx.model;
  const aliases = aliasesOf(ctx);
  for (const f of ctx.files) runFile(f, model.resolver(f), aliases);
}

export const compatCollectionMethods: CrateTransform = {
  id: 'compat-collection-methods',
  scope: 'crate',
  summary: 'Port the `Map`, `Set` and `Deque` methods that insert or copy to fallible calls.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['Map', 'Set', 'Deque'],
  applies: collectionsPorted,
  queries: QUERIES,
  uses: [TABLE_QUERIES],
  run,
  codes: [COLLECTION_CODES.K0701, COLLECTION_CODES.K0702, COLLECTION_CODES.K0704, COLLECTION_CODES.K0705],
};
