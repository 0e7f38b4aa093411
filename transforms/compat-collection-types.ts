import { codeRegions, regionMatches, type Region } from '../src/analysis/macroargs.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { lineRemovalRange } from '../src/rewrite/remove-lines.ts';
import { localNames, usePaths } from '../src/analysis/localnames.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { leaveAlone, span } from '../src/compat/strings.ts';
import { COLLECTION_CODES, PORTED, UPSTREAM, WHAT, collectionsPorted, usable, type Compat } from '../src/compat/collections-port.ts';
import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';

/**
 * compat-collection-types: the std collections become the compat module's
 * (src/compat/collections.ts), wherever a type or a constructor is written.
 *
 *   use std::collections::HashMap;          →  (removed)
 *   counts: HashMap<String, u32>            →  counts: Map<String, u32>
 *   HashMap::new()                          →  Map::new()
 *   BTreeSet<u8>, HashSet::with_capacity(n) →  Set<u8>, Set::new()
 *   VecDeque::with_capacity(n)              →  Deque::with_capacity(n, GFP_KERNEL)?
 *
 * Crate-scoped: a key type of the crate without `Ord` is reported at its
 * definition, in whichever file it is (K0703).
 */

const NAMES = Object.keys(PORTED).join('|');
const TYPES = `((type_identifier) @t (#match? @t "^(${NAMES})$"))`;
const SCOPED_TYPES = `((scoped_type_identifier name: (type_identifier) @t) @q (#match? @t "^(${NAMES})$"))`;
// `HashMap::new`, `HashMap::<K, V>::new`, `std::collections::HashMap::new`.
const PATHS = `(scoped_identifier path: [(identifier) (scoped_identifier) (generic_type)] @p name: (identifier) @n) @path`;
const USES = '(use_declaration argument: (_) @arg) @use';
const ORD_IMPLS = '(impl_item trait: [(type_identifier) (scoped_type_identifier)] @tr type: (_) @ty)';
// What each region is asked (a macro's arguments too), then what only the file is.
const REGION_QUERIES = { types: TYPES, scopedTypes: SCOPED_TYPES, paths: PATHS };
const QUERIES = { ...REGION_QUERIES, uses: USES, ordImpls: ORD_IMPLS };

const RELEVANT = new RegExp(`\\b(${NAMES})\\b`);

/** A path to a std collection as written (`std::collections::HashMap`, `collections::BTreeMap`, `HashMap`). */
function stdPath(text: string, direct: ReadonlySet<string>, modules: ReadonlySet<string>): string | undefined {
  const segs = text.replace(/\s+/g, '').replace(/^::/, '').split('::');
  const last = segs[segs.length - 1];
  if (!PORTED[last]) return undefined;
  if (segs.length === 1) return direct.has(last) ? last : undefined;
  const head = segs.slice(0, -1).join('::');
  if (/^(std|alloc)::collections(::(hash_map|btree_map|hash_set|btree_set|vec_deque))?$/.test(head)) return last;
  if (segs.length === 2 && modules.has(segs[0])) return last;
  return undefined;
}

interface FileFacts {
  /** Std collection names usable unqualified (imported from std, or by a glob of it, and not the file's own). */
  direct: Set<string>;
  /** Local names of `std::collections` (`use std::collections;` → `collections`). */
  modules: Set<string>;
  /** Compat names the file can take (it has no `Map` of its own, ...). */
  can: Set<Compat>;
}

function factsOf(f: FileContext): FileFacts {
  const own = localNames(f.tree);
  const direct = new Set<string>();
  const modules = new Set<string>();
  const aliased = new Set<string>();
  for (const m of f.matches('uses')) {
    for (const { path, alias } of usePaths(m.captures.find((c) => c.name === 'arg')!.node.text)) {
      if (path[0] !== 'std' && path[0] !== 'alloc') continue;
      if (path[1] !== 'collections') continue;
      const last = path[path.length - 1];
      if (path.length === 2 || (path.length === 3 && last === 'self')) modules.add(alias ?? 'collections');
      else if (last === '*') Object.keys(PORTED).forEach((n) => direct.add(n));
      else if (PORTED[last]) (alias && alias !== last ? aliased : direct).add(last);
    }
  }
  // `use std::collections::HashMap as Map;`: the file's own name for it; left to the report.
  for (const n of aliased) direct.delete(n);
  for (const n of [...direct]) if (own.defined.has(n)) direct.delete(n);
  return { direct, modules, can: usable(f.tree) };
}

/**
 * The K0700 note, once per line (`let m: HashMap<..> = HashMap::new();` is one
 * decision); `noted` holds the lines of the file that have theirs.
 */
function note(ctx: FileContext, noted: Set<number>, at: { start: number; end: number }, std: string, to: Compat, extra = ''): void {
  const line = ctx.text.lastIndexOf('\n', at.start - 1);
  if (noted.has(line)) return;
  noted.add(line);
  ctx.report({ code: 'K0700', message: `\`${std}\` is the compat type \`${to}\` here (${WHAT[to]})${extra}`, range: at, help: UPSTREAM[to] });
}

/** The constructor call `std::..::HashMap::name(..)`, as its compat form. */
function constructor(ctx: FileContext, noted: Set<number>, r: Region, call: SyntaxNode, head: SyntaxNode, path: SyntaxNode, std: string, to: Compat, name: string): boolean {
  const n = argCount(call);
  const generic = path.type === 'generic_type' ? path.childForFieldName('type_arguments')?.text ?? '' : '';
  const typed = `${to}${generic ? `::${generic}` : ''}`;
  switch (name) {
    case 'new':
    case 'default':
      if (n !== 0) return false;
      ctx.edits.replace(span(head, r), typed);
      note(ctx, noted, span(call, r), std, to, '; allocates nothing');
      return true;
    case 'with_capacity': {
      if (n !== 1) return false;
      if (to === 'Deque') {
        ctx.edits.replace(span(head, r), typed);
        const close = call.childForFieldName('arguments')!.lastChild!;
        const prev = close.previousSibling;
        if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
        else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
        ctx.edits.insert(call.endIndex + r.shift, '?');
        note(ctx, noted, span(call, r), std, to, '; `with_capacity(n, GFP_KERNEL)?` allocates, and can fail');
        return true;
      }
      // A tree has no capacity: the argument is only a hint, dropped when it does nothing else.
      if (!sideEffectFree(args(call)[0])) {
        ctx.report({ code: 'K0704', message: `\`${std}::with_capacity\` has no compat form whose argument is computed like this (a tree has no capacity)`, range: span(call, r), help: `write \`${to}::new()\`, computing the argument first if it must run` });
        return false;
      }
      ctx.edits.replace(span(call, r), `${typed}::new()`);
      note(ctx, noted, span(call, r), std, to, '; a tree has no capacity, so `with_capacity(n)` is `new()`');
      return true;
    }
    default:
      ctx.report({ code: 'K0704', message: `the compat \`${to}\` has no \`${name}\` (std's \`${std}::${name}\`)`, range: span(call, r), help: `build it with \`${to}::new()\` and a fallible \`insert\`/\`push_back\` per element` });
      return false;
  }
}

/** An expression whose evaluation does nothing but read: literals, names, fields, `.len()`, arithmetic. */
function sideEffectFree(e: SyntaxNode | undefined): boolean {
  if (!e) return false;
  switch (e.type) {
    case 'integer_literal':
    case 'identifier':
    case 'self':
    case 'scoped_identifier':
      return true;
    case 'field_expression':
      return sideEffectFree(e.childForFieldName('value')!);
    case 'binary_expression':
      return sideEffectFree(e.childForFieldName('left')!) && sideEffectFree(e.childForFieldName('right')!);
    case 'parenthesized_expression':
    case 'reference_expression':
      return sideEffectFree(e.namedChildren[e.namedChildren.length - 1]);
    case 'call_expression': {
      const f = e.childForFieldName('function');
      return f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'len' && argCount(e) === 0 && sideEffectFree(f.childForFieldName('value')!);
    }
    default:
      return false;
  }
}

/** Each `use` item naming a ported std collection goes; a `use` left with nothing goes whole. */
function removeUses(ctx: FileContext, facts: FileFacts, kept: ReadonlySet<string>): void {
  for (const m of ctx.matches('uses')) {
    const use = m.captures.find((c) => c.name === 'use')!.node;
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    const paths = usePaths(arg.text);
    const ported = (p: { path: string[]; alias?: string }) =>
      (p.path[0] === 'std' || p.path[0] === 'alloc') && p.path[1] === 'collections' && !!PORTED[p.path[p.path.length - 1]] && !p.alias && facts.can.has(PORTED[p.path[p.path.length - 1]]) && facts.direct.has(p.path[p.path.length - 1]) && !kept.has(p.path[p.path.length - 1]);
    if (!paths.some(ported)) continue;
    if (paths.every(ported)) {
      ctx.edits.replace(lineRemovalRange(ctx.text, use.startIndex, use.endIndex), '');
      continue;
    }
    // Only some: remove those items from their lists (`{HashMap, BinaryHeap}` → `{BinaryHeap}`).
    for (const item of useListItems(arg)) {
      const p = usePaths(fullUsePath(item));
      if (p.length !== 1 || !ported(p[0])) continue;
      const next = item.nextSibling;
      const prev = item.previousSibling;
      if (next?.type === ',') ctx.edits.replace({ start: item.startIndex, end: next.nextSibling ? next.nextSibling.startIndex : next.endIndex }, '');
      else if (prev?.type === ',') ctx.edits.replace({ start: prev.startIndex, end: item.endIndex }, '');
      else ctx.edits.replace({ start: item.startIndex, end: item.endIndex }, '');
    }
  }
}

/** The items of every `{..}` list in a use tree (not the lists themselves). */
function useListItems(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const walk = (x: SyntaxNode) => {
    if (x.type === 'use_list') {
      for (const c of x.namedChildren) {
        if (c.type === 'scoped_use_list' || c.type === 'use_list') walk(c);
        else out.push(c);
      }
    } else if (x.type === 'scoped_use_list') {
      const list = x.childForFieldName('list');
      if (list) walk(list);
    }
  };
  walk(n);
  return out;
}

/** The path a use-list item stands for, with the prefixes of its enclosing lists. */
function fullUsePath(item: SyntaxNode): string {
  const parts = [item.text];
  for (let p = item.parent; p && p.type !== 'use_declaration'; p = p.parent) {
    if (p.type === 'scoped_use_list') {
      const path = p.childForFieldName('path');
      if (path) parts.unshift(path.text);
    }
  }
  return parts.join('::');
}

interface KeyUse {
  file: FileContext;
  /** The key type's name (a crate type). */
  name: string;
  std: string;
}

function runFile(ctx: FileContext, keys: KeyUse[]): void {
  const facts = factsOf(ctx);
  const { tree } = ctx;
  const noted = new Set<number>();
  // Std names some code still uses as written (a constructor kport could not port): their `use` stays.
  const kept = new Set<string>();
  // Retyped places in the file (not in macro arguments), for the derives of the types holding them.
  const held: { at: SyntaxNode; to: Compat }[] = [];
  const portedName = (std: string | undefined): Compat | undefined => (std && facts.can.has(PORTED[std]) ? PORTED[std] : undefined);
  for (const r of codeRegions(tree)) {
    if (!RELEVANT.test(r.text)) continue;
    const renamed = new Set<number>();
    const retype = (at: SyntaxNode, std: string, to: Compat) => {
      if (renamed.has(at.startIndex)) return;
      renamed.add(at.startIndex);
      if (!r.host) held.push({ at, to });
      ctx.edits.replace(span(at, r), to);
      note(ctx, noted, span(at, r), std, to);
      // `HashMap<Pos, u32>`: the first type argument is the tree's key.
      const g = at.parent?.type === 'generic_type' && at.parent.childForFieldName('type')?.id === at.id ? at.parent : null;
      const key = g?.childForFieldName('type_arguments')?.namedChildren.find((c) => c.type !== 'lifetime');
      if (to !== 'Deque' && key?.type === 'type_identifier') keys.push({ file: ctx, name: key.text, std });
    };
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'scopedTypes')) {
      const q = m.captures.find((c) => c.name === 'q')!.node;
      const std = stdPath(q.text, facts.direct, facts.modules);
      const to = portedName(std);
      if (!to || leaveAlone(tree, q, r) || q.parent?.type === 'scoped_type_identifier') continue;
      retype(q, std!, to);
    }
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'types')) {
      const t = m.captures[0].node;
      if (t.parent?.type === 'scoped_type_identifier') continue; // SCOPED_TYPES'
      // `HashSet::<u32>::new()`: the constructor's (PATHS).
      if (t.parent?.type === 'generic_type' && t.parent.parent?.type === 'scoped_identifier' && t.parent.parent.childForFieldName('path')?.id === t.parent.id) continue;
      const to = portedName(stdPath(t.text, facts.direct, facts.modules));
      if (!to || leaveAlone(tree, t, r)) continue;
      retype(t, t.text, to);
    }
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'paths')) {
      const path = m.captures.find((c) => c.name === 'path')!.node;
      const p = m.captures.find((c) => c.name === 'p')!.node;
      const call = path.parent;
      // `HashMap::<K, V>::new`: the head is the generic type's name.
      const head = p.type === 'generic_type' ? p.childForFieldName('type')! : p;
      const std = stdPath(head.text, facts.direct, facts.modules);
      const to = portedName(std);
      if (!to || !call || leaveAlone(tree, path, r)) continue;
      if (call.type !== 'call_expression' || call.childForFieldName('function')?.id !== path.id) {
        // A constructor used as a value (`or_insert_with(HashMap::new)`): the compat one, which takes the same arguments.
        const name = m.captures.find((c) => c.name === 'n')!.node.text;
        if (name === 'new' || name === 'default') {
          ctx.edits.replace(span(p, r), `${to}${p.type === 'generic_type' ? `::${p.childForFieldName('type_arguments')?.text ?? ''}` : ''}`);
          note(ctx, noted, span(path, r), std!, to, '; allocates nothing');
        } else kept.add(std!);
        continue;
      }
      if (!constructor(ctx, noted, r, call, p.type === 'generic_type' ? p : head, p, std!, to, m.captures.find((c) => c.name === 'n')!.node.text)) kept.add(std!);
    }
  }
  removeUses(ctx, facts, kept);
  checkDerives(ctx, held);
}

/** Traits a compat collection does not have, which a holder's derive would need. */
const NOT_DERIVABLE = ['Clone', 'Copy', 'Hash', 'PartialOrd', 'Ord'];

/** A struct or enum that holds a compat collection (not behind a reference) and derives what it has not: K0706 at the derive. */
function checkDerives(ctx: FileContext, held: { at: SyntaxNode; to: Compat }[]): void {
  const done = new Set<number>();
  for (const { at, to } of held) {
    let item: SyntaxNode | null = at.parent;
    let behindRef = false;
    while (item && item.type !== 'struct_item' && item.type !== 'enum_item') {
      if (item.type === 'reference_type') behindRef = true;
      if (item.type === 'function_item' || item.type === 'block' || item.type === 'impl_item') item = null;
      else item = item.parent;
    }
    if (!item || behindRef || done.has(item.id)) continue;
    const derive = deriveOf(item);
    const bad = derive ? NOT_DERIVABLE.filter((t) => new RegExp(`\\b${t}\\b`).test(derive.list.text)) : [];
    if (!derive || !bad.length) continue;
    done.add(item.id);
    ctx.report({
      code: 'K0706',
      message: `\`${item.childForFieldName('name')?.text ?? 'this type'}\` derives ${bad.map((b) => `\`${b}\``).join(', ')}, but it holds a \`${to}\`, which has none (${to === 'Deque' ? 'a `KVec` ring' : 'the kernel\'s `RBTree`'})`,
      node: derive.list,
      help: 'remove them from the derive; copy with a method that can fail (the collection\'s `try_clone()?`, field by field)',
    });
  }
}

/** Key types of the crate without `Ord`: an error at the type's definition, with the derive to add. */
function checkKeys(ctx: CrateContext, keys: KeyUse[]): void {
  if (!keys.length) return;
  const ordImpls = new Set<string>();
  for (const f of ctx.files) {
    for (const m of f.matches('ordImpls')) {
      const tr = m.captures.find((c) => c.name === 'tr')!.node.text.replace(/\s+/g, '');
      if (/^((::)?(core|std)::cmp::)?Ord$/.test(tr)) ordImpls.add(m.captures.find((c) => c.name === 'ty')!.node.text.replace(/<.*$/s, ''));
    }
  }
  const defs = ctx.model.typeDefinitions();
  const done = new Set<string>();
  for (const k of keys) {
    if (done.has(k.name) || ordImpls.has(k.name)) continue;
    const d = defs.get(k.name);
    if (!d?.node) continue; // not a crate type (or defined twice): nothing to say
    done.add(k.name);
    const derive = deriveOf(d.node);
    const f = ctx.files[d.file];
    if (derive && /\bOrd\b/.test(derive.list.text.replace(/\bPartialOrd\b/g, ''))) continue;
    const add = derive && /\bPartialOrd\b/.test(derive.list.text) ? 'Ord' : 'PartialOrd, Ord';
    const message = `\`${k.name}\` is a key of a \`${PORTED[k.std]}\` (the kernel's \`RBTree\`), which orders its keys, but it has no \`Ord\``;
    if (derive) {
      const inner = derive.list.text.slice(1, -1).trim();
      f.report({ code: 'K0703', message, node: derive.list, help: `add \`${add}\` to its derive (every field must be \`Ord\` too), or implement \`Ord\` for it`, suggestion: `(${inner}${inner ? ', ' : ''}${add})` });
    } else {
      f.report({ code: 'K0703', message, node: d.node.childForFieldName('name')!, help: `derive them: \`#[derive(PartialEq, Eq, PartialOrd, Ord)]\` (every field must be \`Ord\` too), or implement \`Ord\` for it` });
    }
  }
}

/** The `#[derive(..)]` attribute of an item, and its parenthesised list. */
function deriveOf(item: SyntaxNode): { attr: SyntaxNode; list: SyntaxNode } | undefined {
  for (let a = item.previousNamedSibling; a && (a.type === 'attribute_item' || a.type === 'line_comment' || a.type === 'block_comment'); a = a.previousNamedSibling) {
    if (a.type !== 'attribute_item') continue;
    const attr = a.namedChildren.find((c) => c.type === 'attribute');
    if (attr?.namedChildren[0]?.text !== 'derive') continue;
    const list = attr.childForFieldName('arguments');
    if (list) return { attr: a, list };
  }
  return undefined;
}

function run(ctx: CrateContext): void {
  if (!collectionsPorted(ctx)) return;
  const keys: KeyUse[] = [];
  for (const f of ctx.files) {
    if (!RELEVANT.test(f.text)) continue;
    runFile(f, keys);
  }
  checkKeys(ctx, keys);
}

export const compatCollectionTypes: CrateTransform = {
  id: 'compat-collection-types',
  scope: 'crate',
  summary: 'Port `HashMap`/`BTreeMap`, `HashSet`/`BTreeSet` and `VecDeque` types and constructors to the compat `Map`, `Set` and `Deque`.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: Object.keys(PORTED),
  applies: collectionsPorted,
  queries: QUERIES,
  run,
  codes: [COLLECTION_CODES.K0700, COLLECTION_CODES.K0703, COLLECTION_CODES.K0704, COLLECTION_CODES.K0706],
};
