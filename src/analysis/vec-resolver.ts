// A small, conservative type resolver for the allocation transforms.
// tree-sitter gives no types, so this answers one question: is this receiver
// known to be a Vec (or Box, or slice), known NOT to be one, or unknown?
// It reads declared types only: locals (`let v: Vec<T>`, `let v = Vec::new()`,
// `vec![..]`, `with_capacity`, `collect::<Vec<_>>()`), function and closure
// parameters, struct fields (crate-wide: the crate model's tables, src/crate/tables.ts), `self.field`,
// `x.field` on a local of a known struct type, and `v[i]` on a Vec of Vecs.
// Anything else is `unknown`, and callers report instead of rewriting.
import { isFrozen, nodeKey } from '../engine/parse.ts';
import { REGION_FN } from './macroargs.ts';
import { letsOf, type BlockLet } from './block-lets.ts';
import { scopesAround } from './ancestors.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { EMPTY_TABLES, fileTables, mergeTables, type DeclTables, type FnSig } from '../crate/tables.ts';

export type Ty =
  | { k: 'vec'; elem: Ty }
  | { k: 'box'; inner: Ty }
  | { k: 'slice'; elem: Ty }
  /** `ref`: a reference to it (`&str`, `&u32`): equal values may still be told apart by address. */
  | { k: 'prim'; name: string; ref?: boolean }
  /** A named type that is not a Vec/Box (String, VecDeque, a user struct, ...). */
  | { k: 'named'; name: string; args?: Ty[] }
  | { k: 'unknown' };

export const UNKNOWN: Ty = { k: 'unknown' };

const VEC_NAMES = /^(?:(?:::)?(?:std|alloc)::vec::)?(?:Vec|KVec)$/;
const BOX_NAMES = /^(?:(?:::)?(?:std|alloc)::boxed::)?(?:Box|KBox)$/;
const STR_TO_STRING = new Set(['to_lowercase', 'to_uppercase', 'to_ascii_lowercase', 'to_ascii_uppercase', 'replace', 'replacen', 'repeat', 'to_owned']);
const STR_TO_STR = new Set(['trim', 'trim_start', 'trim_end', 'trim_matches', 'trim_start_matches', 'trim_end_matches', 'as_str']);
/** `str` methods whose items are `&str` pieces of the text. */
const STR_PIECES = new Set(['split_whitespace', 'split_ascii_whitespace', 'lines', 'split', 'rsplit', 'split_terminator', 'splitn', 'rsplitn']);
const PRIMS = /^(?:[iu](?:8|16|32|64|128|size)|bool|char|str)$/;

/**
 * The declaration tables of these files alone, for tests and tools: transforms
 * read the crate's from `ctx.model` (src/crate/model.ts), built once per text.
 */
export function crateIndex(ctx: { files: readonly { tree: Tree }[] }): DeclTables {
  return mergeTables(ctx.files.map((f) => fileTables(f.tree)));
}

/** A resolver over `index` for one file: the file's own structs and functions win over same-named ones elsewhere. */
export function resolverFor(index: DeclTables, file: { tree: Tree }): Resolver {
  return new Resolver(index, fileTables(file.tree));
}

/** The last path segment of a type or path node's text, without generics. */
function lastSegment(text: string): string {
  const t = text.replace(/\s+/g, '');
  const i = t.lastIndexOf('::');
  return i === -1 ? t : t.slice(i + 2);
}

/** A type node's meaning. */
export function tyOf(node: SyntaxNode | null | undefined): Ty {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'reference_type':
    case 'pointer_type':
      if (node.type !== 'reference_type') return UNKNOWN;
      {
        const inner = tyOf(node.childForFieldName('type'));
        return inner.k === 'prim' ? { ...inner, ref: true } : inner;
      }
    case 'primitive_type':
      return { k: 'prim', name: node.text };
    case 'array_type':
      return { k: 'slice', elem: tyOf(node.childForFieldName('element')) };
    case 'type_identifier':
    case 'scoped_type_identifier': {
      const t = node.text.replace(/\s+/g, '');
      if (VEC_NAMES.test(t)) return { k: 'vec', elem: UNKNOWN };
      if (BOX_NAMES.test(t)) return { k: 'box', inner: UNKNOWN };
      if (t === 'Self') return UNKNOWN;
      return { k: 'named', name: lastSegment(t) };
    }
    case 'generic_type': {
      const base = node.childForFieldName('type');
      const args = node.childForFieldName('type_arguments')?.namedChildren.filter((c) => c.type !== 'lifetime') ?? [];
      const t = base?.text.replace(/\s+/g, '') ?? '';
      if (VEC_NAMES.test(t)) return { k: 'vec', elem: tyOf(args[0]) };
      if (BOX_NAMES.test(t)) return { k: 'box', inner: tyOf(args[0]) };
      return { k: 'named', name: lastSegment(t), args: args.map((a) => tyOf(a)) };
    }
    case 'tuple_type':
    case 'function_type':
      return { k: 'named', name: node.type };
    default:
      return UNKNOWN;
  }
}

export function isVec(t: Ty): t is { k: 'vec'; elem: Ty } {
  return t.k === 'vec';
}

/** Known to be something other than a Vec (so a `push` on it is someone else's). */
export function isNotVec(t: Ty): boolean {
  return t.k === 'named' || t.k === 'prim' || t.k === 'box' || t.k === 'slice';
}

// typeOf's answers at depth 0: by crate tables, file tables, anchor (its nodeKey, -1 for none),
// then by the asked node's tree and nodeKey (nodes are never keys by identity: src/engine/parse.ts).
type TypeMemo = WeakMap<Tree, Map<number, Ty>>;
const typeMemos = new WeakMap<DeclTables, WeakMap<DeclTables, Map<number, TypeMemo>>>();
const NO_ANCHOR = -1;

export class Resolver {
  private memoMap?: TypeMemo;

  constructor(
    private readonly crate: DeclTables,
    private readonly own: DeclTables = EMPTY_TABLES,
    /** For code re-parsed from a macro's arguments (src/analysis/macroargs.ts): the macro invocation in the file, where its names are in scope. */
    private readonly anchor?: SyntaxNode,
  ) {}

  /** A resolver for a macro argument region whose host invocation in the file is `anchor`. */
  at(anchor: SyntaxNode): Resolver {
    return new Resolver(this.crate, this.own, anchor);
  }

  private fieldsOf(struct: string): Map<string, SyntaxNode> | undefined {
    const fs = this.own.fields.get(struct) ?? this.crate.fields.get(struct);
    return fs === 'ambiguous' ? undefined : fs;
  }

  /** The declared type of `struct.field` (the file's own struct first). */
  fieldType(struct: string, field: string): Ty {
    return tyOf(this.fieldsOf(struct)?.get(field));
  }

  private sigOf(key: string): FnSig | undefined {
    const r = this.own.fns.get(key) ?? this.crate.fns.get(key);
    return !r || r === 'ambiguous' ? undefined : r;
  }

  private returnOf(key: string): Ty {
    return tyOf(this.sigOf(key)?.ret);
  }

  /** The declared type of argument `index` of a call to a crate function or method, if known. */
  argType(call: SyntaxNode, index: number): Ty {
    const f = call.childForFieldName('function');
    if (!f) return UNKNOWN;
    let sig: FnSig | undefined;
    if (f.type === 'identifier') sig = this.sigOf(f.text);
    else if (f.type === 'scoped_identifier') {
      const path = f.childForFieldName('path');
      const name = f.childForFieldName('name')?.text;
      const base = path?.type === 'generic_type' ? path.childForFieldName('type') : path;
      const t = base?.text.replace(/\s+/g, '') ?? '';
      const owner = t === 'Self' ? this.selfName(call) : lastSegment(t);
      if (owner && name) sig = /^[A-Z]/.test(owner) ? this.sigOf(`${owner}::${name}`) : this.sigOf(name);
      if (sig?.hasSelf) index--; // `Type::method(receiver, ..)`
    } else if (f.type === 'field_expression') {
      const recv = this.typeOf(f.childForFieldName('value'));
      const owner = recv.k === 'box' ? recv.inner : recv;
      const m = f.childForFieldName('field')?.text;
      if (owner.k === 'named' && m) sig = this.sigOf(`${owner.name}::${m}`);
    }
    return index < 0 ? UNKNOWN : tyOf(sig?.params[index]);
  }

  private isStruct(name: string): boolean {
    return this.own.fields.has(name) || this.crate.fields.has(name);
  }

  /** The type of an expression, as far as declarations tell. */
  typeOf(e: SyntaxNode | null | undefined, depth = 0): Ty {
    if (!e || depth > 12) return UNKNOWN;
    // Asked from outside (depth 0) about a tree nobody edits: once per node and declarations.
    if (depth > 0 || !isFrozen(e.tree)) return this.typeOfNode(e, depth);
    const memo = this.memo();
    let byNode = memo.get(e.tree);
    if (!byNode) memo.set(e.tree, (byNode = new Map()));
    const k = nodeKey(e);
    let t = byNode.get(k);
    if (!t) byNode.set(k, (t = this.typeOfNode(e, 0)));
    return t;
  }

  /** The answers of `typeOf` at depth 0 for this resolver's declarations and anchor (shared by every resolver over the same tables). */
  private memo(): TypeMemo {
    if (this.memoMap) return this.memoMap;
    let byOwn = typeMemos.get(this.crate);
    if (!byOwn) typeMemos.set(this.crate, (byOwn = new WeakMap()));
    let byAnchor = byOwn.get(this.own);
    if (!byAnchor) byOwn.set(this.own, (byAnchor = new Map()));
    const key = this.anchor ? nodeKey(this.anchor) : NO_ANCHOR;
    let m = byAnchor.get(key);
    if (!m) byAnchor.set(key, (m = new WeakMap()));
    return (this.memoMap = m);
  }

  private typeOfNode(e: SyntaxNode, depth: number): Ty {
    switch (e.type) {
      case 'parenthesized_expression':
        return this.typeOf(e.namedChildren[0], depth + 1);
      case 'reference_expression':
        return this.typeOf(e.childForFieldName('value'), depth + 1);
      case 'unary_expression':
        return e.text.startsWith('*') ? this.typeOf(e.namedChildren[0], depth + 1) : UNKNOWN;
      case 'try_expression': {
        const ctor = this.fallibleCtor(e.namedChildren[0]);
        if (ctor.k !== 'unknown') return ctor;
        // `f()?` where f returns `Result<T, E>` / `Option<T>`: T.
        const t = this.typeOf(e.namedChildren[0], depth + 1);
        return t.k === 'named' && (t.name === 'Result' || t.name === 'Option') && t.args?.length ? t.args[0] : UNKNOWN;
      }
      case 'identifier':
        return this.local(e, depth);
      case 'self':
        return this.selfType(e);
      case 'field_expression': {
        const field = e.childForFieldName('field');
        const base = this.typeOf(e.childForFieldName('value'), depth + 1);
        const inner = base.k === 'box' ? base.inner : base;
        if (inner.k !== 'named' || !field) return UNKNOWN;
        return tyOf(this.fieldsOf(inner.name)?.get(field.text));
      }
      case 'index_expression': {
        const base = this.typeOf(e.namedChildren[0], depth + 1);
        const idx = e.namedChildren[1];
        if (idx && idx.type === 'range_expression') return base.k === 'vec' || base.k === 'slice' ? { k: 'slice', elem: base.elem } : UNKNOWN;
        return base.k === 'vec' || base.k === 'slice' ? base.elem : UNKNOWN;
      }
      case 'array_expression': {
        const first = e.namedChildren[0];
        return { k: 'slice', elem: literalTy(first) };
      }
      case 'macro_invocation': {
        const name = e.childForFieldName('macro')?.text.replace(/\s+/g, '');
        if (name === 'vec' || name === 'kernel::kvec' || name === 'std::vec' || name === 'alloc::vec') return { k: 'vec', elem: macroElemTy(e.namedChildren.find((c) => c.type === 'token_tree')) };
        if (name === 'format') return { k: 'named', name: 'String' };
        // The compat module's `kformat!` (src/compat/kstring.ts).
        if (name === 'kformat') return { k: 'named', name: 'KString' };
        return UNKNOWN;
      }
      case 'call_expression':
        return this.callType(e);
      case 'struct_expression': {
        const n = e.childForFieldName('name');
        const base = n?.type === 'generic_type_with_turbofish' || n?.type === 'generic_type' ? n.childForFieldName('type') : n;
        if (!base) return UNKNOWN;
        return base.text === 'Self' ? this.selfType(e) : tyOf(base.type === 'identifier' ? null : base) ?? UNKNOWN;
      }
      case 'string_literal':
      case 'raw_string_literal':
        return { k: 'prim', name: 'str' };
      case 'float_literal':
        return { k: 'prim', name: e.text.endsWith('f32') ? 'f32' : 'f64' };
      default:
        return UNKNOWN;
    }
  }

  /** Element `i` of a tuple value: `(a, b)` as written, a declared tuple type, or a name bound to either. */
  private tupleElem(value: SyntaxNode | null, declared: SyntaxNode | null, i: number, depth: number): Ty {
    if (declared) return declared.type === 'tuple_type' ? tyOf(declared.namedChildren[i]) : UNKNOWN;
    if (value?.type === 'tuple_expression') {
      const items = value.namedChildren.filter((c) => !c.type.endsWith('comment') && c.type !== 'attribute_item');
      return this.typeOf(items[i], depth + 1);
    }
    if (value?.type === 'identifier') return this.local(value, depth + 1, value.text, i);
    return UNKNOWN;
  }

  /** `Vec::new()`, `Vec::with_capacity(n)`, `x.collect::<Vec<_>>()`, `s.to_vec()`, `Box::new(x)`, `String::new()`. */
  private callType(e: SyntaxNode): Ty {
    const f = e.childForFieldName('function');
    if (!f) return UNKNOWN;
    if (f.type === 'scoped_identifier') {
      const path = f.childForFieldName('path');
      const name = f.childForFieldName('name')?.text;
      const base = path?.type === 'generic_type' ? path.childForFieldName('type') : path;
      const t = base?.text.replace(/\s+/g, '') ?? '';
      const args = path?.type === 'generic_type' ? path.childForFieldName('type_arguments')?.namedChildren ?? [] : [];
      if (VEC_NAMES.test(t) && (name === 'new' || name === 'with_capacity' || name === 'from' || name === 'try_with_capacity')) return { k: 'vec', elem: tyOf(args[0]) };
      if (BOX_NAMES.test(t) && (name === 'new' || name === 'try_new')) return { k: 'box', inner: UNKNOWN };
      if (/^(K?String|VecDeque|HashMap|HashSet|BTreeMap|BTreeSet|BinaryHeap|LinkedList|Map|Set|Deque)$/.test(lastSegment(t))) return { k: 'named', name: lastSegment(t) };
      // `Stack::new()` on a struct of the crate: its own constructor (a wrong guess here only skips a rewrite).
      // `Type::f(..)` / `Self::f(..)` / `module::f(..)`: the crate's declared return type.
      const owner = t === 'Self' ? this.selfName(e) : lastSegment(t);
      if (owner && name) {
        const declared = /^[A-Z]/.test(owner) ? this.returnOf(`${owner}::${name}`) : this.returnOf(name);
        if (declared.k !== 'unknown') return declared;
      }
      if (this.isStruct(lastSegment(t)) && /^(new|default|with_capacity|from)$/.test(name ?? '')) return { k: 'named', name: lastSegment(t) };
      return UNKNOWN;
    }
    if (f.type === 'identifier') return this.returnOf(f.text);
    if (f.type === 'generic_function') {
      const inner = f.childForFieldName('function');
      const targs = f.childForFieldName('type_arguments')?.namedChildren ?? [];
      if (inner?.type === 'field_expression' && inner.childForFieldName('field')?.text === 'collect' && targs.length === 1) return tyOf(targs[0]);
      return UNKNOWN;
    }
    if (f.type === 'field_expression') {
      const m = f.childForFieldName('field')?.text;
      if (m === 'to_vec' || m === 'try_to_vec') return { k: 'vec', elem: this.elemOf(f.childForFieldName('value')) };
      if (m === 'clone') {
        const t = this.typeOf(f.childForFieldName('value'));
        return t.k === 'vec' || t.k === 'named' ? t : UNKNOWN; // `Clone::clone` returns `Self`
      }
      // `x.items()` where x is a crate type: the method's declared return type.
      const recv = this.typeOf(f.childForFieldName('value'));
      // str methods: `s.to_uppercase()` is a new String, `s.trim()` a str (only where `s` is known text).
      const text = (recv.k === 'prim' && recv.name === 'str') || (recv.k === 'named' && recv.name === 'String');
      if (text && m && STR_TO_STRING.has(m)) return { k: 'named', name: 'String' };
      // A KString (src/compat/kstring.ts) is a str through Deref, before the compat module (whose tables say the same) is written.
      if ((text || (recv.k === 'named' && recv.name === 'KString')) && m && STR_TO_STR.has(m)) return { k: 'prim', name: 'str' };
      const owner = recv.k === 'box' ? recv.inner : recv;
      // The compat module's (src/compat/kstring.ts): `x.to_kstring()?`, `s.try_clone()?`.
      if (m === 'to_kstring') return { k: 'named', name: 'KString' };
      if (m === 'try_clone' && owner.k === 'named' && /^(KString|Map|Set|Deque)$/.test(owner.name)) return owner;
      const kv = owner.k === 'named' && owner.args?.length === 2 ? owner.args : undefined;
      // The compat `Map` (src/compat/collections.ts) and its entries: `m.entry(k).or_default(GFP_KERNEL)?` is the value.
      if (kv && owner.k === 'named' && owner.name === 'Map') {
        if (m === 'entry') return { k: 'named', name: 'MapEntry', args: kv };
        if (m === 'get' || m === 'get_mut' || m === 'remove') return { k: 'named', name: 'Option', args: [kv[1]] };
      }
      if (kv && owner.k === 'named' && owner.name === 'MapEntry') {
        if (m === 'and_modify') return owner;
        // With the GFP flags (as compat-collection-methods writes them) a `Result` of the value; before, the value
        // itself, so that what is called on it is typed the same on a first run as on a second.
        if (m === 'or_insert' || m === 'or_insert_with' || m === 'or_default') {
          const flags = (e.childForFieldName('arguments')?.namedChildren ?? []).some((a) => /^(?:(?:kernel::alloc::)?flags::)?GFP_\w+$/.test(a.text.replace(/\s+/g, '')));
          return flags ? { k: 'named', name: 'Result', args: [kv[1]] } : kv[1];
        }
      }
      if (owner.k === 'named' && m) return this.returnOf(`${owner.name}::${m}`);
      if (m === 'to_string' || m === 'to_owned' && this.typeOf(f.childForFieldName('value')).k === 'prim') return { k: 'named', name: 'String' };
    }
    return UNKNOWN;
  }

  /** `for x in text.split_whitespace()`: `&str`; `for x in &s` (or `s`, `s.iter()`) over a compat `Set<T>` or `Deque<T>`: a `T`. */
  private pieceOrElement(value: SyntaxNode | null): Ty {
    const piece = this.textPiece(value);
    if (piece.k !== 'unknown') return piece;
    const t = this.typeOf(iterated(value));
    return t.k === 'named' && (t.name === 'Set' || t.name === 'Deque') && t.args?.length === 1 ? t.args[0] : UNKNOWN;
  }

  /**
   * `for (k, v) in &m` (or `m`, `m.iter()`, `m.iter_mut()`) over a compat `Map<K, V>`
   * (src/compat/collections.ts): `k` is a `K`, `v` a `V` (references are not told apart).
   */
  private mapItem(pat: SyntaxNode, name: string, value: SyntaxNode | null): Ty {
    if (pat.type !== 'tuple_pattern' || pat.namedChildren.length !== 2) return UNKNOWN;
    const i = pat.namedChildren.findIndex((c) => c.type === 'identifier' && c.text === name);
    if (i < 0) return UNKNOWN;
    const t = this.typeOf(iterated(value));
    return t.k === 'named' && t.name === 'Map' && t.args?.length === 2 ? t.args[i] : UNKNOWN;
  }

  /** The items of `text.split_whitespace()`, `.lines()`, `.split(..)`: `&str`, when `text` is known text. */
  private textPiece(e: SyntaxNode | null): Ty {
    const f = e?.type === 'call_expression' ? e.childForFieldName('function') : null;
    if (f?.type !== 'field_expression' || !STR_PIECES.has(f.childForFieldName('field')?.text ?? '')) return UNKNOWN;
    const t = this.typeOf(f.childForFieldName('value'));
    const text = (t.k === 'prim' && t.name === 'str') || (t.k === 'named' && (t.name === 'String' || t.name === 'KString'));
    return text ? { k: 'prim', name: 'str', ref: true } : UNKNOWN;
  }

  private elemOf(e: SyntaxNode | null): Ty {
    const t = this.typeOf(e);
    return t.k === 'vec' || t.k === 'slice' ? t.elem : UNKNOWN;
  }

  /** The value of `ctor(..)?` for the kernel's own fallible constructors (a second run sees these). */
  private fallibleCtor(e: SyntaxNode | undefined): Ty {
    if (!e) return UNKNOWN;
    if (e.type === 'macro_invocation') return this.typeOf(e);
    if (e.type === 'call_expression') {
      const t = this.callType(e);
      if (t.k === 'vec' || t.k === 'box' || (t.k === 'named' && /^(KString|Map|Set|Deque)$/.test(t.name))) return t;
    }
    return UNKNOWN;
  }

  private selfName(e: SyntaxNode): string | undefined {
    const t = this.selfType(e);
    return t.k === 'named' ? t.name : undefined;
  }

  /** The type of `self`: the implementing type of the enclosing impl. */
  private selfType(e: SyntaxNode): Ty {
    if (this.anchor && isRegionNode(e)) return this.selfType(this.anchor);
    // `impl Trait for Foo`: still Foo's fields.
    const around = scopesAround(e);
    if (around) {
      const impl = around.find((n) => n.type === 'impl_item');
      return impl ? tyOf(impl.childForFieldName('type')) : UNKNOWN;
    }
    for (let n = e.parent; n; n = n.parent) if (n.type === 'impl_item') return tyOf(n.childForFieldName('type'));
    return UNKNOWN;
  }

  /**
   * The type of `name` bound by a pattern of one of the crate's enum variants,
   * `E::V(a, name)` or `E::V { f: name }` (also `ref name`, `Self::V(..)`): the
   * variant's field. By reference or by value, the same type to a method call.
   */
  private variantField(pat: SyntaxNode, name: string, at: SyntaxNode): Ty {
    const p: SyntaxNode | null = pat.type === 'match_pattern' ? (pat.namedChildren[0] ?? null) : pat;
    if (p?.type !== 'tuple_struct_pattern' && p?.type !== 'struct_pattern') return UNKNOWN;
    const segs = (p.childForFieldName('type')?.text ?? '').replace(/\s+/g, '').split('::');
    if (segs.length < 2) return UNKNOWN;
    const owner = segs[segs.length - 2] === 'Self' ? this.selfName(at) : segs[segs.length - 2];
    const fields = owner ? this.fieldsOf(`${owner}::${segs[segs.length - 1]}`) : undefined;
    if (!fields) return UNKNOWN;
    const bound = (x: SyntaxNode) => (x.type === 'identifier' ? x.text === name : (x.type === 'ref_pattern' || x.type === 'mut_pattern') && x.namedChildren.some((c) => c.type === 'identifier' && c.text === name));
    if (p.type === 'tuple_struct_pattern') {
      const type = p.childForFieldName('type');
      const elems = p.namedChildren.filter((c) => c.id !== type?.id);
      const i = elems.findIndex(bound);
      return i === -1 || elems.some((e) => e.type === 'remaining_field_pattern') ? UNKNOWN : tyOf(fields.get(String(i)));
    }
    for (const fp of p.namedChildren) {
      if (fp.type !== 'field_pattern') continue;
      const fname = fp.childForFieldName('name');
      const sub = fp.childForFieldName('pattern');
      if (sub) {
        if (bound(sub)) return tyOf(fields.get(fname?.text ?? ''));
      } else if (fp.text.replace(/^(ref\s+)?(mut\s+)?/, '') === name) return tyOf(fields.get(name));
    }
    return UNKNOWN;
  }

  /** Find the declaration of identifier `id` (or of `name`, seen from `id`) in scope before it, and its type. */
  private local(id: SyntaxNode, depth: number, name = id.text, elem?: number): Ty {
    if (depth > 12) return UNKNOWN;
    // The scopes around it by ranges (src/analysis/ancestors.ts), else a walk up.
    const around = scopesAround(id);
    if (around) {
      for (const n of around) {
        const t = this.bindingIn(n, null, id, depth, name, elem);
        if (t) return t;
      }
      return UNKNOWN;
    }
    let child: SyntaxNode = id;
    for (let n = id.parent; n; child = n, n = n.parent) {
      const t = this.bindingIn(n, child, id, depth, name, elem);
      if (t) return t;
    }
    return UNKNOWN;
  }

  /**
   * What `n`, an ancestor of `id`, tells of `name`: its type (UNKNOWN when the
   * name is bound there but not typed, or the search ends there), or undefined
   * to look further out. `child` is n's child on the way down to `id`; null
   * when the ancestors were found by ranges, which then tell where `id` is.
   */
  private bindingIn(n: SyntaxNode, child: SyntaxNode | null, id: SyntaxNode, depth: number, name: string, elem: number | undefined): Ty | undefined {
    // Whether `x`, a child of `n`, holds `id`.
    const holds = (x: SyntaxNode | null): boolean => !!x && (child ? child.id === x.id : x.startIndex <= id.startIndex && id.endIndex <= x.endIndex);
    switch (n.type) {
      case 'block':
      case 'source_file': {
        // The latest `let` before the use wins (shadowing): one before the statement that holds it.
        const lets: Let[] = letsOf(n);
        const before = child ? child.startIndex : -1;
        for (let i = lets.length - 1; i >= 0; i--) {
          const l = lets[i];
          if ((child ? l.start >= before : l.end > id.startIndex) || !bound(l).has(name)) continue;
          const s = l.s;
          const pat = l.pat!; // a let without a pattern binds nothing
          const declared = s.childForFieldName('type');
          const value = s.childForFieldName('value');
          // `let (x, y) = (1, 2.5);` / `= pair;`: the element at the name's place.
          if (pat.type === 'tuple_pattern' && elem === undefined) {
            const items = pat.namedChildren.filter((c) => !c.type.endsWith('comment'));
            const i = items.findIndex((c) => c.type === 'identifier' && c.text === name);
            if (i === -1 || items.some((c) => c.type === 'remaining_field_pattern')) return UNKNOWN;
            return this.tupleElem(value, declared, i, depth);
          }
          if (pat.type !== 'identifier') return UNKNOWN;
          if (elem !== undefined) return this.tupleElem(value, declared, elem, depth);
          if (declared) return tyOf(declared);
          // `let v = v;` style re-binding would recurse onto itself; typeOf only looks before.
          return this.typeOf(value, depth + 1);
        }
        return n.type === 'source_file' ? UNKNOWN : undefined;
      }
      case 'closure_expression': {
        const params = n.childForFieldName('parameters');
        // A parameter that binds the name has it in its text: most do not, and their nodes are not made.
        if (!params || !hasWord(params.text, name)) return undefined;
        for (const p of params.namedChildren) {
          const pat = p.type === 'parameter' ? p.childForFieldName('pattern') : p;
          if (pat && binds(pat, name)) return p.type === 'parameter' ? elemOfType(p.childForFieldName('type'), elem) : UNKNOWN;
        }
        return undefined;
      }
      case 'function_item': {
        // A macro's re-parsed arguments: the names are those in scope at the invocation.
        if (this.anchor && n.childForFieldName('name')?.text === REGION_FN && n.parent?.parent === null) return this.local(this.anchor, depth + 1, name, elem);
        const params = n.childForFieldName('parameters');
        if (!params || !hasWord(params.text, name)) return UNKNOWN;
        for (const p of params.namedChildren) {
          if (p.type !== 'parameter') continue;
          const pat = p.childForFieldName('pattern');
          if (pat && binds(pat, name)) return pat.type === 'identifier' || pat.type === 'mut_pattern' ? elemOfType(p.childForFieldName('type'), elem) : UNKNOWN;
        }
        return UNKNOWN; // fn items do not capture
      }
      case 'for_expression': {
        const pat = n.childForFieldName('pattern');
        if (pat && holds(n.childForFieldName('body')) && binds(pat, name)) {
          return pat.type === 'identifier' ? this.pieceOrElement(n.childForFieldName('value')) : this.mapItem(pat, name, n.childForFieldName('value'));
        }
        return undefined;
      }
      case 'match_arm': {
        const pat = n.childForFieldName('pattern');
        if (pat && !holds(pat) && binds(pat, name)) return this.variantField(pat, name, id);
        return undefined;
      }
      case 'if_expression':
      case 'while_expression': {
        const cond = n.childForFieldName('condition');
        if (cond && !holds(cond) && bindsInCondition(cond, name)) {
          const lets = cond.type === 'let_condition' ? [cond] : cond.descendantsOfType('let_condition');
          const pat = lets.map((l) => l.childForFieldName('pattern')).find((p) => p && binds(p, name));
          return pat ? this.variantField(pat, name, id) : UNKNOWN;
        }
        return undefined;
      }
      case 'impl_item':
      case 'trait_item':
      case 'mod_item':
        return UNKNOWN;
    }
    return undefined;
  }
}

const NONE = new Set<string>();

/** Whether `word` occurs in `text` as a whole identifier (not inside a longer one). */
function hasWord(text: string, word: string): boolean {
  const part = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (!part(text.charCodeAt(i - 1)) && !part(text.charCodeAt(i + word.length))) return true;
  }
  return false;
}

/** What the resolver keeps on a block's `let`: its pattern and the names the pattern binds (as `binds` reads them), once asked. */
type Let = BlockLet & { pat?: SyntaxNode | null; names?: Set<string> };

/** The names a `let` binds (none without a pattern). */
function bound(l: Let): Set<string> {
  if (l.names) return l.names;
  const pat = (l.pat = l.s.childForFieldName('pattern'));
  l.names = !pat ? NONE : new Set(pat.type === 'identifier' ? [pat.text] : pat.descendantsOfType(['identifier', 'shorthand_field_identifier']).map((i) => i.text));
  return l.names;
}

/** A declared type, or element `elem` of it when it is a tuple type. */
function elemOfType(t: SyntaxNode | null, elem: number | undefined): Ty {
  if (elem === undefined) return tyOf(t);
  return t?.type === 'tuple_type' ? tyOf(t.namedChildren[elem]) : UNKNOWN;
}

/** A node's ancestors, innermost first, by walking up. */
function* ancestors(n: SyntaxNode): Generator<SyntaxNode> {
  for (let p = n.parent; p; p = p.parent) yield p;
}

/** Whether a node belongs to a tree re-parsed from macro arguments. */
function isRegionNode(n: SyntaxNode): boolean {
  let top = n;
  while (top.parent) top = top.parent;
  return top.namedChildren[0]?.type === 'function_item' && top.namedChildren[0].childForFieldName('name')?.text === REGION_FN;
}

/** Whether a pattern introduces `name` (any identifier in it counts: conservative). */
/** What a `for` loop iterates: `c` for `c.iter()`/`c.iter_mut()`, else the value itself (`&c`, `c`). */
function iterated(value: SyntaxNode | null): SyntaxNode | null {
  const f = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
  return f?.type === 'field_expression' && /^(iter|iter_mut)$/.test(f.childForFieldName('field')?.text ?? '') ? f.childForFieldName('value') : value;
}

function binds(pat: SyntaxNode, name: string): boolean {
  if (pat.type === 'identifier') return pat.text === name;
  // `E::V { name, .. }` binds `name` too (a shorthand field).
  return pat.descendantsOfType(['identifier', 'shorthand_field_identifier']).some((i) => i.text === name);
}

function bindsInCondition(cond: SyntaxNode, name: string): boolean {
  const lets = cond.type === 'let_condition' ? [cond] : cond.descendantsOfType('let_condition');
  return lets.some((l) => {
    const p = l.childForFieldName('pattern');
    return !!p && binds(p, name);
  });
}

/** The element type of `vec![..]`: a literal's, or a vector for `vec![Vec::new(); n]` / `vec![vec![..]; n]`. */
function macroElemTy(tt: SyntaxNode | undefined): Ty {
  if (!tt) return UNKNOWN;
  const kids = tt.children.slice(1, -1);
  const stop = kids.findIndex((k) => k.type === ',' || k.type === ';');
  const first = kids.slice(0, stop === -1 ? kids.length : stop);
  if (first.length === 1) return literalTy(first[0]);
  const text = first.map((k) => k.text).join('');
  if (/^(?:(?:std|alloc)::)?(?:vec!|K?Vec(?:::<.*>)?::(?:new|with_capacity)\()|^kernel::kvec!/.test(text)) return { k: 'vec', elem: UNKNOWN };
  if (first.length === 2 && first[0].type === '-') return literalTy(first[1]);
  return UNKNOWN;
}

/** The type of a literal element (`vec![1, 2]`), else unknown. */
function literalTy(n: SyntaxNode | null | undefined): Ty {
  if (!n) return UNKNOWN;
  if (n.type === 'integer_literal') {
    const m = /([iu](?:8|16|32|64|128|size))$/.exec(n.text);
    return { k: 'prim', name: m ? m[1] : 'i32' };
  }
  if (n.type === 'boolean_literal') return { k: 'prim', name: 'bool' };
  if (n.type === 'char_literal') return { k: 'prim', name: 'char' };
  if (n.type === 'string_literal') return { k: 'prim', name: 'str' };
  return UNKNOWN;
}

/** Elements whose equal values are indistinguishable: a stable and an unstable sort agree. */
/**
 * A primitive value whose equal values are indistinguishable (integers, bool,
 * char): not `str`, which only exists behind a reference, and not a reference,
 * whose address tells equal values apart.
 */
export function isPrimitiveElem(t: Ty): boolean {
  return t.k === 'prim' && !t.ref && t.name !== 'str' && PRIMS.test(t.name);
}

/** The Vec type of the enclosing function's return, for `collect()` in tail or `return` position. */
export function enclosingFnReturn(n: SyntaxNode): SyntaxNode | undefined {
  for (const p of scopesAround(n) ?? ancestors(n)) {
    if (p.type === 'closure_expression') return undefined;
    if (p.type === 'function_item') return p.childForFieldName('return_type') ?? undefined;
  }
  return undefined;
}
