// The crate index: every function, impl, trait, struct and module path of a
// crate, and the resolution of a call expression to the crate functions it
// may call. Built once from tree-sitter queries over all files; read-only.
// Crate passes (fallibility propagation) use it; a resolution that is not
// certain comes back with several candidates, never as a guess.
import { lastAtOrBefore } from '../engine/positions.ts';
import { declareQueries } from '../engine/queries.ts';
import { isFrozen } from '../engine/parse.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import type { ModelFile } from './model.ts';
import { eachToken } from '../analysis/tokens.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** Vector-building macros: `vec!` (std, `alloc::vec!`) and the kernel's `kvec!`. */
const VEC_MACROS = /^(?:(?:::)?(?:std|alloc|kernel)::)?(vec|kvec)$/;

/** The vector type a `vec![..]` / `kernel::kvec![..]` builds, else undefined. */
function vecMacroType(m: SyntaxNode): string | undefined {
  const name = VEC_MACROS.exec(m.childForFieldName('macro')?.text.replace(/\s+/g, '') ?? '')?.[1];
  return name === 'kvec' ? 'KVec' : name === 'vec' ? 'Vec' : undefined;
}

export type Owner =
  | { kind: 'free' }
  | { kind: 'impl'; type: string; trait?: string; impl: SyntaxNode }
  | { kind: 'trait'; trait: string };

export interface FnInfo {
  id: number;
  /** Index into CrateIndex.files. */
  file: number;
  /** function_item or function_signature_item. */
  node: SyntaxNode;
  name: string;
  /** Module key (`a::b`, '' for the crate root). */
  module: string;
  owner: Owner;
  hasSelf: boolean;
  /** Parameters other than `self`. */
  arity: number;
  /** The group that changes together: the function itself, or a crate trait's method with all its impls. */
  group: number;
}

export interface CallSite {
  file: number;
  /** call_expression; inside a macro's tokens, the callee's first token. */
  node: SyntaxNode;
  /** Where the call ends (a `?` goes here). */
  end: number;
  /** The callee as written, whitespace removed. */
  callee: string;
  /** Set for a call written inside a macro invocation's tokens: the argument token tree. */
  macroArgs?: SyntaxNode;
  /** Candidate groups: with no `why`, exactly one, the function it calls. */
  groups: number[];
  /** Why the call is ambiguous, when it is: it is then reported, never guessed. */
  why?: string;
}

interface Scope {
  key: string;
  /** Local name → absolute path segments. */
  uses: Map<string, string[]>;
  /** Modules glob-imported (`use super::*`). */
  globs: string[];
}

/** Every query the index runs over a file (a transform that reads the index `uses` them). */
export const INDEX_QUERIES = declareQueries(
  'crate-index',
  {
    functions: '(function_item name: (identifier) @name) @fn\n(function_signature_item name: (identifier) @name) @fn',
    traits: '(trait_item name: (type_identifier) @name) @trait',
    types: '(struct_item name: (type_identifier) @name) @t\n(enum_item name: (type_identifier) @name) @t\n(union_item name: (type_identifier) @name) @t\n(type_item name: (type_identifier) @name) @t',
    uses: '(use_declaration argument: (_) @arg) @use',
    mods: '(mod_item name: (identifier) @name) @mod',
    calls: '(call_expression function: (_) @f)',
    macroArgs: '(macro_invocation (token_tree) @tt)',
    fields: '(struct_item name: (type_identifier) @name body: (field_declaration_list (field_declaration name: (field_identifier) @field type: (_) @type)))',
    impls: '(impl_item) @i',
    lets: '(let_declaration pattern: (identifier) @p) @let',
    // What `enclosing` and `enclosingFn` look for around a node.
    scopes: '[(function_item) (closure_expression) (async_block) (const_item) (static_item)] @scope',
  },
  { lets: 'let' },
);

/** The scopes of a tree (SCOPE_TYPES nodes) by start, each with the innermost one around it. */
interface Scopes {
  starts: number[];
  ends: number[];
  nodes: SyntaxNode[];
  types: string[];
  /** Index of the innermost scope around each, -1 for none. */
  up: number[];
}

const scopesByTree = treeCache<Scopes>();

function scopesOf(tree: Tree): Scopes {
  let s = scopesByTree.get(tree);
  if (s) return s;
  const list = INDEX_QUERIES.matches('scopes', tree.rootNode).map((m) => {
    const node = m.captures[0].node;
    return { node, start: node.startIndex, end: node.endIndex };
  });
  // Outer first at one start: tree nodes nest or are apart.
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  s = { starts: [], ends: [], nodes: [], types: [], up: [] };
  const open: number[] = [];
  list.forEach((x, i) => {
    while (open.length && s!.ends[open[open.length - 1]] < x.end) open.pop();
    s!.starts.push(x.start);
    s!.ends.push(x.end);
    s!.nodes.push(x.node);
    s!.types.push(x.node.type);
    s!.up.push(open.length ? open[open.length - 1] : -1);
    open.push(i);
  });
  if (isFrozen(tree)) scopesByTree.set(tree, s);
  return s;
}

/**
 * The innermost scope strictly around `node`, as an index into `s` (-1 for
 * none), found by ranges instead of a walk up; undefined when ranges cannot
 * tell (a node of no width, or one with the very range of a scope: its
 * wrapper or the scope itself).
 */
function scopeAround(s: Scopes, node: SyntaxNode): number | undefined {
  const a = node.startIndex;
  const b = node.endIndex;
  if (b <= a) return undefined;
  const i = innermostAround(s, a, b);
  if (i >= 0 && s.starts[i] === a && s.ends[i] === b) return undefined;
  return i;
}

/**
 * Of ranges sorted by start (outer first at one start), each with the
 * innermost one around it (`up`, -1 for none), the innermost that holds
 * [a, b): the last that starts at or before `a`, or the nearest around it
 * that ends at or after `b`. -1 when none does.
 */
function innermostAround(r: { starts: readonly number[]; ends: readonly number[]; up: readonly number[] }, a: number, b: number): number {
  let i = lastAtOrBefore(r.starts, a);
  while (i >= 0 && r.ends[i] < b) i = r.up[i];
  return i;
}

/** A tree's inline modules by range (outer first at one start), each with its name and the innermost one around it. */
interface ModRanges {
  starts: number[];
  ends: number[];
  names: string[];
  up: number[];
}

// null: ranges cannot tell (a tree that may be edited, or one with errors).
const modRangesByTree = treeCache<ModRanges | null>();

function modRangesOf(tree: Tree): ModRanges | null {
  let r = modRangesByTree.get(tree);
  if (r !== undefined) return r;
  r = null;
  if (isFrozen(tree) && !tree.rootNode.hasError) {
    const list = INDEX_QUERIES.matches('mods', tree.rootNode).map((m) => {
      const mod = m.captures.find((c) => c.name === 'mod')!.node;
      return { start: mod.startIndex, end: mod.endIndex, name: m.captures.find((c) => c.name === 'name')!.node.text };
    });
    list.sort((x, y) => x.start - y.start || y.end - x.end);
    const s: ModRanges = { starts: [], ends: [], names: [], up: [] };
    const open: number[] = [];
    r = s;
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      if (x.end <= x.start || (i > 0 && x.start === list[i - 1].start && x.end === list[i - 1].end)) {
        r = null;
        break;
      }
      while (open.length && s.ends[open[open.length - 1]] < x.end) open.pop();
      s.starts.push(x.start);
      s.ends.push(x.end);
      s.names.push(x.name);
      s.up.push(open.length ? open[open.length - 1] : -1);
      open.push(i);
    }
  }
  modRangesByTree.set(tree, r);
  return r;
}

// Method names of core/std/kernel types: an untyped receiver calling one of
// these may well be a library method, so a same-named crate method is no proof.
const LIBRARY_METHODS = new Set(
  'push pop insert remove get get_mut len is_empty iter iter_mut into_iter clear contains first last extend extend_from_slice reserve truncate resize sort sort_by sort_unstable swap split_at as_ref as_mut clone map and_then filter next take skip unwrap expect ok err fmt write write_str read from into eq cmp partial_cmp hash drop new default add sub mul div neg index deref'.split(' '),
);

export class CrateIndex {
  readonly fns: FnInfo[] = [];
  /** Group id → member function ids. */
  readonly groups: number[][] = [];
  readonly calls: CallSite[] = [];
  /** Module keys of the crate. */
  readonly modules = new Set<string>();
  /** Type names defined in the crate (struct, enum, union, type alias). */
  readonly types = new Set<string>();
  /** Trait name → its module key, for traits defined in the crate. */
  readonly traits = new Map<string, string>();
  /** `Struct.field` → type text. */
  readonly fields = new Map<string, string>();
  /** `impl Trait for Type` pairs as `Trait|Type` (last path segments). */
  readonly implPairs = new Set<string>();
  /** Type name → the types it has `impl From<X> for Type` for (last path segments of X). */
  readonly fromImpls = new Map<string, string[]>();
  /** Enums of the crate by name (the first one, when names repeat). */
  readonly enums = new Map<string, { file: number; node: SyntaxNode }>();
  /** Text of each `type Result...` alias in the crate. */
  readonly resultAliases: string[] = [];
  private readonly byNode = new Map<string, FnInfo>();
  private readonly byName = new Map<string, FnInfo[]>();
  /** Every name a `use` brings into some module (aliases included). */
  private readonly useNames = new Set<string>();
  private readonly letCache = new Map<number, { node: SyntaxNode; name: string }[]>();
  private readonly scopes = new Map<string, Scope>();
  private readonly fileModule: string[];
  /** Per file: node id → the module key it lives in (moduleOf, when ranges cannot tell). */
  private readonly moduleCache: Map<number, string>[] = [];
  /** Per file: by index into its tree's inline modules (modRangesOf), the key of the module each is. */
  private readonly modKeys = new Map<number, (string | undefined)[]>();

  /** `moduleKeys`: each file's module key (the crate model's module tree, src/crate/mod-tree.ts). */
  constructor(
    readonly files: readonly ModelFile[],
    moduleKeys: readonly string[],
  ) {
    this.fileModule = [...moduleKeys];
    for (const m of this.fileModule) this.addModule(m);
    files.forEach((f, i) => this.indexFile(f, i));
    this.buildGroups();
    files.forEach((f, i) => this.indexCalls(f, i));
  }

  fnAt(file: number, node: SyntaxNode): FnInfo | undefined {
    return this.byNode.get(`${file}:${node.startIndex}:${node.endIndex}`);
  }

  /** The module key a node lives in (its file's module plus enclosing inline `mod`s). */
  moduleOf(file: number, node: SyntaxNode): string {
    const byRange = this.moduleByRange(file, node);
    if (byRange !== undefined) return byRange;
    // Kept for every node walked over, so a walk up stops at the first node already seen:
    // one walk per node was quadratic in the nesting (`mod m {` 10,000 deep).
    let cache = this.moduleCache[file];
    if (!cache) this.moduleCache[file] = cache = new Map();
    const chain: SyntaxNode[] = [node];
    let key: string | undefined = cache.get(node.id);
    if (key !== undefined) return key;
    // The module the children of the last node of the chain live in.
    let inside: string;
    for (;;) {
      const p = chain[chain.length - 1].parent;
      if (!p) {
        inside = this.fileModule[file];
        break;
      }
      const known = cache.get(p.id);
      if (known !== undefined) {
        inside = p.type === 'mod_item' ? joinKey(known, p.childForFieldName('name')!.text) : known;
        break;
      }
      chain.push(p);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i];
      cache.set(n.id, inside);
      key = inside;
      if (n.type === 'mod_item') inside = joinKey(inside, n.childForFieldName('name')!.text);
    }
    return key!;
  }

  /**
   * moduleOf from the ranges of the tree's inline modules (a frozen tree
   * without errors), without a walk up; undefined when ranges cannot tell.
   */
  private moduleByRange(file: number, node: SyntaxNode): string | undefined {
    const r = modRangesOf(node.tree);
    const a = node.startIndex;
    const b = node.endIndex;
    if (!r || b <= a) return undefined;
    let i = innermostAround(r, a, b);
    if (i >= 0 && r.starts[i] === a && r.ends[i] === b) {
      // The module item itself lives in the module around it; another node of its very range cannot be told from it.
      if (node.type !== 'mod_item') return undefined;
      i = r.up[i];
    }
    if (i < 0) return this.fileModule[file];
    let keys = this.modKeys.get(file);
    if (!keys) this.modKeys.set(file, (keys = []));
    if (keys[i] === undefined) {
      // The modules around it up to one whose key is known, then their keys outer first (no recursion: `mod m {` nests 10,000 deep).
      const chain: number[] = [];
      let j = i;
      for (; j >= 0 && keys[j] === undefined; j = r.up[j]) chain.push(j);
      let inside = j < 0 ? this.fileModule[file] : keys[j]!;
      for (let k = chain.length - 1; k >= 0; k--) keys[chain[k]] = inside = joinKey(inside, r.names[chain[k]]);
    }
    return keys[i];
  }

  private addModule(key: string): void {
    // Every prefix is a module too; once one is known, so are the shorter ones.
    for (let k = key; !this.modules.has(k); ) {
      this.modules.add(k);
      if (k === '') break;
      const cut = k.lastIndexOf('::');
      k = cut < 0 ? '' : k.slice(0, cut);
    }
  }

  private scope(key: string): Scope {
    let s = this.scopes.get(key);
    if (!s) this.scopes.set(key, (s = { key, uses: new Map(), globs: [] }));
    return s;
  }

  private indexFile(f: ModelFile, file: number): void {
    const root = f.tree.rootNode;
    for (const m of INDEX_QUERIES.matches('mods', root)) {
      const mod = m.captures.find((c) => c.name === 'mod')!.node;
      this.addModule(joinKey(this.moduleOf(file, mod), mod.childForFieldName('name')!.text));
    }
    for (const m of INDEX_QUERIES.matches('traits', root)) {
      const t = m.captures.find((c) => c.name === 'trait')!.node;
      this.traits.set(m.captures.find((c) => c.name === 'name')!.node.text, this.moduleOf(file, t));
    }
    for (const m of INDEX_QUERIES.matches('types', root)) {
      const t = m.captures.find((c) => c.name === 't')!.node;
      const name = m.captures.find((c) => c.name === 'name')!.node.text;
      if (t.type === 'type_item' && name === 'Result') this.resultAliases.push(t.text);
      else this.types.add(name);
      if (t.type === 'enum_item' && !this.enums.has(name)) this.enums.set(name, { file, node: t });
    }
    for (const m of INDEX_QUERIES.matches('fields', root)) {
      const get = (n: string) => m.captures.find((c) => c.name === n)!.node.text;
      this.fields.set(`${get('name')}.${get('field')}`, get('type'));
    }
    for (const m of INDEX_QUERIES.matches('uses', root)) {
      const use = m.captures.find((c) => c.name === 'use')!.node;
      const key = this.moduleOf(file, use);
      const arg = m.captures.find((c) => c.name === 'arg')!.node.text.replace(/\s+as\s+/g, '\u0000').replace(/\s+/g, '').replace(/\u0000/g, ' as ');
      const sc = this.scope(key);
      for (const { local, segs } of expandUse(arg)) {
        const abs = this.absolutePath(key, segs);
        if (!abs) continue;
        if (local === '*') sc.globs.push(abs.join('::'));
        else {
          sc.uses.set(local, abs);
          this.useNames.add(local);
        }
      }
    }
    for (const m of INDEX_QUERIES.matches('impls', root)) {
      const impl = m.captures[0].node;
      const tr = impl.childForFieldName('trait');
      const ty = impl.childForFieldName('type');
      if (tr && ty) this.implPairs.add(`${typeName(tr)}|${typeName(ty)}`);
      if (tr && ty && typeName(tr) === 'From') {
        const arg = /<\s*(.*)\s*>\s*$/.exec(tr.text)?.[1];
        if (arg) {
          const list = this.fromImpls.get(typeName(ty)) ?? [];
          list.push(typeName(arg));
          this.fromImpls.set(typeName(ty), list);
        }
      }
    }
    for (const m of INDEX_QUERIES.matches('functions', root)) {
      const node = m.captures.find((c) => c.name === 'fn')!.node;
      const name = m.captures.find((c) => c.name === 'name')!.node.text;
      const params = node.childForFieldName('parameters');
      const kids = params ? params.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment' && c.type !== 'attribute_item') : [];
      const hasSelf = kids.some((c) => c.type === 'self_parameter');
      const info: FnInfo = {
        id: this.fns.length,
        file,
        node,
        name,
        module: this.moduleOf(file, node),
        owner: ownerOf(node),
        hasSelf,
        arity: kids.length - (hasSelf ? 1 : 0),
        group: -1,
      };
      this.fns.push(info);
      const same = this.byName.get(name);
      if (same) same.push(info);
      else this.byName.set(name, [info]);
      this.byNode.set(`${file}:${node.startIndex}:${node.endIndex}`, info);
    }
  }

  private buildGroups(): void {
    const traitGroup = new Map<string, number>();
    for (const f of this.fns) {
      const trait = f.owner.kind === 'trait' ? f.owner.trait : f.owner.kind === 'impl' && f.owner.trait && this.traits.has(f.owner.trait) ? f.owner.trait : undefined;
      if (trait) {
        const k = `${trait}::${f.name}`;
        let g = traitGroup.get(k);
        if (g === undefined) {
          g = this.groups.length;
          this.groups.push([]);
          traitGroup.set(k, g);
        }
        f.group = g;
      } else {
        f.group = this.groups.length;
        this.groups.push([]);
      }
      this.groups[f.group].push(f.id);
    }
  }

  /** Is this a trait defined in the crate? */
  isLocalTrait(name: string | undefined): boolean {
    return !!name && this.traits.has(name);
  }

  /** The function item (or closure/async block/const) a node is inside. */
  enclosing(node: SyntaxNode): SyntaxNode | undefined {
    const s = scopesOf(node.tree);
    const i = scopeAround(s, node);
    if (i !== undefined) return i < 0 ? undefined : s.nodes[i];
    for (let p = node.parent; p; p = p.parent) {
      switch (p.type) {
        case 'function_item':
        case 'closure_expression':
        case 'async_block':
        case 'const_item':
        case 'static_item':
          return p;
      }
    }
    return undefined;
  }

  /** The innermost function item around a node (through closures). */
  enclosingFn(file: number, node: SyntaxNode): FnInfo | undefined {
    const s = scopesOf(node.tree);
    let i = scopeAround(s, node);
    if (i !== undefined) {
      while (i >= 0 && s.types[i] !== 'function_item') i = s.up[i];
      return i < 0 ? undefined : this.fnAt(file, s.nodes[i]);
    }
    for (let p = node.parent; p; p = p.parent) if (p.type === 'function_item') return this.fnAt(file, p);
    return undefined;
  }

  /** Absolute module path for `segs` written in module `key`; undefined when it leaves the crate. */
  private absolutePath(key: string, segs: string[]): string[] | undefined {
    if (segs.length === 0) return undefined;
    const cur = key ? key.split('::') : [];
    let base: string[];
    let i = 0;
    if (segs[0] === 'crate') {
      base = [];
      i = 1;
    } else if (segs[0] === 'self') {
      base = cur;
      i = 1;
    } else if (segs[0] === 'super') {
      base = cur;
      while (segs[i] === 'super') {
        base = base.slice(0, -1);
        i++;
      }
    } else if (this.modules.has(joinKey(key, segs[0]))) {
      base = cur;
    } else if (this.modules.has(segs[0])) {
      base = [];
    } else {
      const via = this.scope(key).uses.get(segs[0]);
      if (!via) return undefined;
      return [...via, ...segs.slice(1)];
    }
    return [...base, ...segs.slice(i)];
  }

  /** Crate functions with this name. */
  named(name: string): FnInfo[] {
    return this.byName.get(name) ?? [];
  }

  private freeFns(module: string, name: string): FnInfo[] {
    return this.named(name).filter((f) => f.owner.kind === 'free' && f.module === module);
  }

  /** Associated functions and methods named `name` of the type (or crate trait) called `type`. */
  private members(type: string, name: string): FnInfo[] {
    const out = this.named(name).filter((f) => ((f.owner.kind === 'impl' && (f.owner.type === type || f.owner.trait === type)) || (f.owner.kind === 'trait' && f.owner.trait === type)));
    // Default methods of crate traits the type implements.
    for (const f of this.named(name)) {
      if (f.owner.kind === 'trait' && this.implPairs.has(`${f.owner.trait}|${type}`) && !out.some((o) => o.group === f.group)) out.push(f);
    }
    return out;
  }

  /** The crate functions a path written at `at` names (`f`, `a::f`, `Self::f`, `Type::f`), narrowed by scope. */
  resolveName(file: number, at: SyntaxNode, segs: string[]): FnInfo[] {
    return this.narrow(file, at, this.resolvePath(file, at, segs));
  }

  private resolvePath(file: number, call: SyntaxNode, segs: string[]): FnInfo[] {
    const key = this.moduleOf(file, call);
    const name = segs[segs.length - 1];
    if (segs.length === 1) {
      if (boundLocally(call, name)) return [];
      const here = this.freeFns(key, name);
      if (here.length) return here;
      const via = this.scope(key).uses.get(name);
      if (via) return this.resolveAbsolute(via);
      for (const g of this.scope(key).globs) {
        const found = this.freeFns(g, name);
        if (found.length) return found;
      }
      return [];
    }
    const head = segs[0];
    if (head === 'Self') {
      const fn = this.enclosingFn(file, call);
      const self = fn ? selfType(fn) : undefined;
      return self ? this.members(self, name) : [];
    }
    const abs = this.absolutePath(key, segs);
    if (abs) return this.resolveAbsolute(abs);
    // `Type::f` with a type that is not a module path.
    if (segs.length === 2 && /^[A-Z]/.test(head)) return inherentFirst(head, this.members(head, name));
    return [];
  }

  private resolveAbsolute(abs: string[]): FnInfo[] {
    const name = abs[abs.length - 1];
    const parent = abs.slice(0, -1);
    if (this.modules.has(parent.join('::'))) return this.freeFns(parent.join('::'), name);
    if (parent.length && /^[A-Z]/.test(parent[parent.length - 1])) return inherentFirst(parent[parent.length - 1], this.members(parent[parent.length - 1], name));
    return [];
  }

  /** The type name of a method receiver, when it can be told from the code around it. */
  receiverType(file: number, recv: SyntaxNode): string | undefined {
    const fn = this.enclosingFn(file, recv);
    if (recv.type === 'self') return fn ? selfType(fn) : undefined;
    if (recv.type === 'field_expression') {
      const obj = recv.childForFieldName('value');
      const field = recv.childForFieldName('field');
      if (!obj || !field) return undefined;
      const ot = this.receiverType(file, obj);
      const ft = ot ? this.fields.get(`${ot}.${field.text}`) : undefined;
      return ft ? typeName(ft) : undefined;
    }
    if (recv.type === 'index_expression') {
      // `items[i]` with `items: &[T]`, `[T; N]`, `KVec<T>`, `Vec<T>`.
      const base = recv.namedChildren[0];
      const bt = base && (base.type === 'identifier' || base.type === 'field_expression') ? this.rawType(file, base) : undefined;
      return bt ? elementType(bt) : undefined;
    }
    if (recv.type !== 'identifier' || !fn) return undefined;
    // `for x in items.iter_mut()` / `for x in &items`: the element type of `items`.
    for (let p = recv.parent; p && p.type !== 'function_item'; p = p.parent) {
      if (p.type !== 'for_expression' || p.childForFieldName('pattern')?.text !== recv.text) continue;
      let v = p.childForFieldName('value');
      while (v && (v.type === 'reference_expression' || (v.type === 'call_expression' && /^(iter|iter_mut|into_iter)$/.test(v.childForFieldName('function')?.childForFieldName('field')?.text ?? '')))) {
        v = v.type === 'reference_expression' ? v.childForFieldName('value') : v.childForFieldName('function')!.childForFieldName('value');
      }
      const bt = v && (v.type === 'identifier' || v.type === 'field_expression') ? this.rawType(file, v) : undefined;
      return bt ? elementType(bt) : undefined;
    }
    const name = recv.text;
    // Parameters.
    for (const p of fn.node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p.type === 'parameter' && p.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') === name) {
        const t = p.childForFieldName('type');
        return t ? typeName(t) : undefined;
      }
    }
    // The last `let` before the use that binds the name.
    let found: string | undefined;
    let lets = this.letCache.get(fn.id);
    if (!lets) {
      lets = INDEX_QUERIES.matches('lets', fn.node)
        .map((m) => ({ node: m.captures.find((c) => c.name === 'let')!.node, name: m.captures.find((c) => c.name === 'p')!.node.text }));
      this.letCache.set(fn.id, lets);
    }
    for (const { node: let_, name: bound } of lets) {
      if (let_.startIndex > recv.startIndex || bound !== name) continue;
      const t = let_.childForFieldName('type');
      let v = let_.childForFieldName('value');
      if (t) found = typeName(t);
      else if (v) {
        while (v.type === 'try_expression') v = v.namedChildren[0];
        if (v.type === 'struct_expression') found = typeName(v.childForFieldName('name')!);
        // `kernel::kvec![..]?` / `vec![..]` (alloc-macros ports the latter), `it.try_collect(GFP_KERNEL)?`: a vector.
        else if (v.type === 'macro_invocation') found = vecMacroType(v);
        else if (v.type === 'call_expression' && /^try_(collect|to_vec)$/.test(v.childForFieldName('function')?.childForFieldName('field')?.text ?? '')) found = 'KVec';
        else if (v.type === 'call_expression' && v.childForFieldName('function')?.type === 'scoped_identifier') {
          const path = v.childForFieldName('function')!.childForFieldName('path');
          found = path && /^[A-Z]/.test(path.text) ? (path.text === 'Self' ? selfType(fn) : typeName(path)) : undefined;
        } else found = undefined;
      } else found = undefined;
    }
    return found;
  }

  /** The written type of a parameter or struct field, as text (for element types). */
  private rawType(file: number, n: SyntaxNode): string | undefined {
    const fn = this.enclosingFn(file, n);
    if (n.type === 'field_expression') {
      const obj = n.childForFieldName('value');
      const ot = obj ? this.receiverType(file, obj) : undefined;
      return ot ? this.fields.get(`${ot}.${n.childForFieldName('field')?.text}`) : undefined;
    }
    for (const p of fn?.node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p.type === 'parameter' && p.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') === n.text) return p.childForFieldName('type')?.text;
    }
    return undefined;
  }

  /** A receiver type that names a generic parameter says nothing about the method: treat it as unknown. */
  private concrete(file: number, at: SyntaxNode, t: string | undefined): string | undefined {
    if (!t || this.types.has(t) || this.traits.has(t)) return t;
    for (let p = at.parent; p; p = p.parent) {
      const tp = p.type === 'function_item' || p.type === 'impl_item' || p.type === 'trait_item' ? p.childForFieldName('type_parameters') : null;
      if (tp && tp.namedChildren.some((c) => (c.childForFieldName('name') ?? c.namedChildren[0])?.text === t)) return undefined;
    }
    return t;
  }

  private indexCalls(f: ModelFile, file: number): void {
    for (const cap of INDEX_QUERIES.captures('calls', f.tree.rootNode)) {
      let fnNode = cap.node;
      if (fnNode.type === 'generic_function') fnNode = fnNode.childForFieldName('function')!;
      // Most calls name no crate function at all: skip them before any resolving (or a step up to the call).
      const last = fnNode.type === 'identifier' ? fnNode : fnNode.type === 'scoped_identifier' ? fnNode.childForFieldName('name') : fnNode.type === 'field_expression' ? fnNode.childForFieldName('field') : null;
      if (!last || !(this.byName.has(last.text) || this.useNames.has(last.text))) continue;
      const call = cap.node.parent!;
      const args = call.childForFieldName('arguments');
      const argc = args ? args.namedChildren.filter((c) => !c.type.endsWith('comment') && c.type !== 'attribute_item').length : 0;
      let cands: FnInfo[] = [];
      let why: string | undefined;
      const qualified = fnNode.type === 'scoped_identifier' ? qualifiedSegs(fnNode) : undefined;
      if (qualified) cands = this.resolvePath(file, call, qualified);
      else if (fnNode.type === 'identifier' || fnNode.type === 'scoped_identifier') {
        const segs = fnNode.text.replace(/\s+/g, '').replace(/<[^:]*>/g, '').split('::');
        if (segs[0] === '') segs.shift();
        cands = this.resolvePath(file, call, segs);
      } else if (fnNode.type === 'field_expression') {
        const recv = fnNode.childForFieldName('value')!;
        const name = fnNode.childForFieldName('field')!.text;
        const t = this.concrete(file, recv, this.receiverType(file, recv));
        if (t) cands = this.members(t, name).filter((c) => c.hasSelf);
        else {
          cands = this.named(name).filter((c) => c.hasSelf && c.arity === argc);
          if (cands.length && LIBRARY_METHODS.has(name)) why = `\`.${name}()\` is also a method of library types, and kport cannot tell the receiver's type`;
        }
      }
      this.addCall(file, call, call.endIndex, cands, why, fnNode.text);
    }
    for (const m of INDEX_QUERIES.matches('macroArgs', f.tree.rootNode)) this.indexTokens(file, m.captures[0].node);
  }

  /**
   * Of several same-named candidates, the ones the call can see: a function
   * declared in a block around the call shadows the rest; then those declared
   * in the calling module; then those in the module a `use` names.
   */
  private narrow(file: number, call: SyntaxNode, cands: FnInfo[]): FnInfo[] {
    if (new Set(cands.map((c) => c.group)).size < 2) return cands;
    const visible = cands.filter((c) => {
      const p = c.node.parent;
      if (p?.type !== 'block') return true;
      return c.file === file && p.startIndex <= call.startIndex && call.endIndex <= p.endIndex;
    });
    const nested = visible.filter((c) => c.node.parent?.type === 'block');
    let out = nested.length ? nested : visible;
    if (new Set(out.map((c) => c.group)).size < 2) return out;
    const here = this.moduleOf(file, call);
    const local = out.filter((c) => c.module === here);
    if (local.length) return local;
    const owner = out[0].owner;
    const type = owner.kind === 'impl' ? owner.type : undefined;
    const via = type ? this.scope(here).uses.get(type) : undefined;
    if (via && out.every((c) => c.owner.kind === 'impl' && c.owner.type === type)) {
      const mod = via.slice(0, -1).join('::');
      const imported = out.filter((c) => c.module === mod);
      if (imported.length) out = imported;
    }
    return out;
  }

  private addCall(file: number, node: SyntaxNode, end: number, cands: FnInfo[], why: string | undefined, callee: string, macroArgs?: SyntaxNode): void {
    if (cands.length === 0) return;
    cands = this.narrow(file, node, cands);
    const groups = [...new Set(cands.map((c) => c.group))];
    if (groups.length > 1 && !why) why = `\`${callee}\` may call any of ${groups.length} crate functions of that name`;
    this.calls.push({ file, node, end, callee: callee.replace(/\s+/g, ''), groups, ...(why ? { why } : {}), ...(macroArgs ? { macroArgs } : {}) });
  }

  /**
   * Calls written in a macro's arguments (`pr_info!("{}\n", total(v))`) are
   * only tokens to tree-sitter: `name (..)`, `a::b::name (..)`, `self . name (..)`.
   */
  private indexTokens(file: number, tt: SyntaxNode): void {
    eachToken(tt, (_tree, kids, i) => this.indexToken(file, kids, i));
  }

  /** The call that the token `kids[i]` names, if it is one (`name (..)` and the paths and receivers before it). */
  private indexToken(file: number, kids: SyntaxNode[], i: number): void {
    const k = kids[i];
    const args = kids[i + 1];
    if (k.type !== 'identifier' || args?.type !== 'token_tree' || !args.text.startsWith('(')) return;
    // As in indexCalls: a name no crate function has (nor a `use` brings in) is no call of the crate's.
    if (!this.byName.has(k.text) && !this.useNames.has(k.text)) return;
    const argc = args.text.slice(1, -1).trim() === '' ? 0 : splitArgs(args);
    const prev = kids[i - 1];
    if (prev?.type === '.') {
      let r = i - 2;
      if (!kids[r]) return;
      // A field chain (`self.store.stats(..)`): its type is not read here, so the method is found
      // by name, as for a receiver of unknown type, from the chain's first token.
      while (kids[r - 1]?.type === '.' && (kids[r - 2]?.type === 'identifier' || kids[r - 2]?.type === 'self') && kids[r].type === 'identifier') r -= 2;
      if (kids[r - 1]?.type === '.') return;
      const recv = kids[r];
      const chain = r < i - 2;
      const t = !chain && (recv.type === 'self' || recv.type === 'identifier') ? this.concrete(file, recv, this.receiverType(file, recv)) : undefined;
      let cands: FnInfo[];
      let why: string | undefined;
      if (t) cands = this.members(t, k.text).filter((c) => c.hasSelf);
      else {
        cands = this.named(k.text).filter((c) => c.hasSelf && c.arity === argc);
        if (cands.length && LIBRARY_METHODS.has(k.text)) why = `\`.${k.text}()\` is also a method of library types, and kport cannot tell the receiver's type`;
      }
      this.addCall(file, recv, args.endIndex, cands, why, `${kids.slice(r, i - 1).map((x) => x.text).join('')}.${k.text}`, args);
      return;
    }
    // `<Dog as Animal>::name(..)`: the trait's method (its impls change together); `<Dog>::name(..)`: Dog's.
    if (prev?.type === '::' && kids[i - 2]?.type === '>') {
      let open = i - 2;
      let depth = 0;
      for (; open >= 0; open--) {
        if (kids[open].type === '>') depth++;
        else if (kids[open].type === '<' && --depth === 0) break;
      }
      if (open < 0 || kids[open - 1]?.type === '::' || kids[open - 1]?.type === '.') return;
      const inner = kids.slice(open + 1, i - 2).map((t) => t.text).join(' ');
      const segs = qualifiedText(inner);
      if (segs) this.addCall(file, kids[open], args.endIndex, this.resolvePath(file, kids[open], [...segs, k.text]), undefined, `<${inner}>::${k.text}`, args);
      return;
    }
    const segs = [k.text];
    let j = i - 1;
    while (kids[j]?.type === '::' && (kids[j - 1]?.type === 'identifier' || kids[j - 1]?.type === 'self' || kids[j - 1]?.type === 'super' || kids[j - 1]?.type === 'crate')) {
      segs.unshift(kids[j - 1].text);
      j -= 2;
    }
    if (kids[j]?.type === '.' || kids[j]?.type === '::') return;
    const first = kids[j + 1];
    this.addCall(file, first, args.endIndex, this.resolvePath(file, first, segs), undefined, segs.join('::'), args);
  }
}

/**
 * Whether `name` at `at` names a local variable (a parameter of the function
 * or of a closure around it, a `for` pattern, or a `let` before it in a block
 * around it), which shadows every function of that name.
 */
function boundLocally(at: SyntaxNode, name: string): boolean {
  const word = new RegExp(`(^|[^\\w])${name.replace(/[^\w]/g, '')}($|[^\\w])`);
  const binds = (pat: SyntaxNode | null): boolean => !!pat && word.test(pat.text) && bindsName(pat, name);
  for (let p = at.parent; p; p = p.parent) {
    switch (p.type) {
      case 'block':
        for (const s of p.namedChildren) {
          if (s.endIndex > at.startIndex) break;
          if (s.type === 'let_declaration' && binds(s.childForFieldName('pattern'))) return true;
        }
        break;
      case 'for_expression': {
        const body = p.childForFieldName('body');
        if (body && body.startIndex <= at.startIndex && binds(p.childForFieldName('pattern'))) return true;
        break;
      }
      case 'closure_expression':
        if (binds(p.childForFieldName('parameters'))) return true;
        break;
      case 'function_item':
        return (p.childForFieldName('parameters')?.namedChildren ?? []).some((q) => q.type === 'parameter' && binds(q.childForFieldName('pattern')));
    }
  }
  return false;
}

/** Whether a pattern binds `name` (paths, types and the `Some` of `Some(x)` bind nothing). */
function bindsName(pat: SyntaxNode, name: string): boolean {
  if (pat.type === 'identifier') return pat.text === name;
  if (pat.type === 'scoped_identifier' || pat.type === 'type_identifier') return false;
  const type = pat.childForFieldName('type');
  return pat.namedChildren.some((c) => c.id !== type?.id && bindsName(c, name));
}

/** The type the functions of an impl (or trait) belong to. */
export function selfType(fn: FnInfo): string | undefined {
  return fn.owner.kind === 'impl' ? fn.owner.type : fn.owner.kind === 'trait' ? fn.owner.trait : undefined;
}

/** Last path segment of a type, without references, generics or lifetimes: `&mut a::Foo<T>` → `Foo`. */
export function typeName(t: SyntaxNode | string): string {
  let s = typeof t === 'string' ? t : t.text;
  s = s.replace(/^(&\s*('\w+\s+)?(mut\s+)?|\*\s*(const|mut)\s+|(dyn|impl)\s+)+/, '');
  const lt = s.indexOf('<');
  if (lt !== -1) s = s.slice(0, lt);
  const parts = s.trim().split('::');
  return parts[parts.length - 1].trim();
}

/** `&mut [T]`, `[T; N]`, `KVec<T>`, `Vec<T>` → `T`'s name. */
function elementType(t: string): string | undefined {
  const m = /^&?\s*(?:mut\s+)?(?:\[\s*([^;\]]+?)\s*(?:;[^\]]*)?\]|(?:\w+::)*K?Vec<\s*([^,>]+?)\s*(?:,[^>]*)?>)$/.exec(t.trim());
  const el = m ? (m[1] ?? m[2]) : undefined;
  return el ? typeName(el) : undefined;
}

function ownerOf(fn: SyntaxNode): Owner {
  const list = fn.parent;
  const item = list?.type === 'declaration_list' ? list.parent : undefined;
  if (item?.type === 'impl_item') {
    const tr = item.childForFieldName('trait');
    return { kind: 'impl', type: typeName(item.childForFieldName('type')!), ...(tr ? { trait: typeName(tr) } : {}), impl: item };
  }
  if (item?.type === 'trait_item') return { kind: 'trait', trait: item.childForFieldName('name')!.text };
  return { kind: 'free' };
}

function joinKey(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('::');
}

/** `a::{b, c as d, e::*}` → [{local: b, segs: [a, b]}, {local: d, segs: [a, c]}, {local: '*', segs: [a, e]}]. */
export function expandUse(text: string, prefix: string[] = []): { local: string; segs: string[] }[] {
  const t = text.replace(/^::/, '');
  const brace = t.indexOf('{');
  if (brace !== -1 && t.endsWith('}')) {
    const head = t.slice(0, brace).replace(/::$/, '');
    const base = head ? [...prefix, ...head.split('::')] : prefix;
    const out: { local: string; segs: string[] }[] = [];
    for (const part of splitTop(t.slice(brace + 1, -1))) if (part) out.push(...expandUse(part, base));
    return out;
  }
  const as = /^(.*) as (\w+)$/.exec(t);
  const [pathText, alias] = as ? [as[1], as[2]] : [t, undefined];
  const segs = [...prefix, ...pathText.split('::').filter(Boolean)];
  if (segs[segs.length - 1] === '*') return [{ local: '*', segs: segs.slice(0, -1) }];
  if (segs[segs.length - 1] === 'self') segs.pop();
  if (!segs.length) return [];
  return [{ local: alias ?? segs[segs.length - 1], segs }];
}

/** Number of top-level comma-separated arguments in a `( .. )` token tree. */
function splitArgs(tt: SyntaxNode): number {
  let n = 1;
  const kids = tt.children;
  for (let i = 1; i < kids.length - 1; i++) if (kids[i].type === ',' && i < kids.length - 2) n++;
  return n;
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The path a qualified call names: `<Dog as Animal>::f` is the trait's `f`
 * (`Animal::f`: a crate trait's impls change together), `<Dog>::f` is Dog's.
 * Undefined when `f`'s path is not a `<..>` type.
 */
function qualifiedSegs(fn: SyntaxNode): string[] | undefined {
  const path = fn.childForFieldName('path');
  const name = fn.childForFieldName('name')?.text;
  if (path?.type !== 'bracketed_type' || !name) return undefined;
  const segs = qualifiedText(path.text.replace(/^<|>$/g, ''));
  return segs ? [...segs, name] : undefined;
}

/** `Dog as Animal` → `['Animal']`, `a::Dog` → `['Dog']`; undefined for anything else (`&T`, generics). */
function qualifiedText(inner: string): string[] | undefined {
  const m = /^\s*(?:[\w:]+(?:\s*<.*>)?\s+as\s+)?((?:::)?[A-Za-z_][\w]*(?:\s*::\s*[A-Za-z_]\w*)*)\s*$/.exec(inner);
  if (!m) return undefined;
  const segs = m[1].replace(/\s+/g, '').replace(/^::/, '').split('::');
  // `<a::Dog>::f` names Dog's `f`; with `as`, the trait's path is kept for resolution.
  return /\bas\b/.test(inner) ? segs : [segs[segs.length - 1]];
}

/**
 * `Type::f` names the type's own (inherent) `f` when it has one: Rust looks up
 * inherent associated functions before those of the traits the type implements.
 */
function inherentFirst(type: string, cands: FnInfo[]): FnInfo[] {
  const own = cands.filter((c) => c.owner.kind === 'impl' && !c.owner.trait && c.owner.type === type);
  return own.length ? own : cands;
}
