// Declared types of a crate, as tables: struct (and enum variant) fields with
// their type nodes, and function signatures. Built per file tree (a tree is
// never edited, so each file's tables are built once per text) and merged over
// the crate's files in file order by the crate model (src/crate/model.ts);
// the vector resolver (src/analysis/vec-resolver.ts) reads them.
import { declareQueries } from '../engine/queries.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { declaringItem } from '../analysis/ancestors.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** Field types per struct name (`Enum::Variant` for a variant's fields); a name declared twice with different fields is ambiguous. */
export type FieldTable = Map<string, Map<string, SyntaxNode> | 'ambiguous'>;

/** A function's declared signature: return type and parameter types (without `self`). */
export interface FnSig {
  ret: SyntaxNode | null;
  params: (SyntaxNode | null)[];
  /** Whether it takes `self` (then `Type::f(x, ..)` passes `x` as self). */
  hasSelf: boolean;
  /** For ambiguity: two same-named functions with different signatures resolve to nothing (read on first use). */
  readonly text: string;
}

/** Declared signatures: `name` for free functions, `Type::name` for associated ones. */
export type FnTable = Map<string, FnSig | 'ambiguous'>;

/** What the resolver knows about a file or a whole crate. */
export interface DeclTables {
  fields: FieldTable;
  fns: FnTable;
}

export const EMPTY_TABLES: DeclTables = { fields: new Map(), fns: new Map() };

/** The queries the tables of a file are read with (a transform that reads the tables `uses` them). */
export const TABLE_QUERIES = declareQueries('tables', {
  structs: '(struct_item name: (type_identifier) @name body: [(field_declaration_list) (ordered_field_declaration_list)] @body)',
  // Enum variants with fields: a variant's fields are the table's `Enum::Variant` entry.
  enums: '(enum_item name: (type_identifier) @name body: (enum_variant_list) @body)',
  fns: '(function_item name: (identifier) @n parameters: (parameters) @p) @fn',
});

/** How many times a file's tables were built (test/crate-model.test.ts). */
export const tableStats = { files: 0 };

const byTree = treeCache<DeclTables>();

/** The tables of one file, built once per tree. */
export function fileTables(tree: Tree): DeclTables {
  let t = byTree.get(tree);
  if (!t) {
    tableStats.files++;
    byTree.set(tree, (t = { fields: fieldTable(tree), fns: fnTable(tree) }));
  }
  return t;
}

/**
 * The tables of several files, as if built over all of them in order: the
 * first declaration of a name is kept, and a later different one makes it
 * ambiguous (a file's own ambiguity stays).
 */
export function mergeTables(files: readonly DeclTables[]): DeclTables {
  const fields: FieldTable = new Map();
  const fns: FnTable = new Map();
  for (const f of files) {
    for (const [name, v] of f.fields) {
      const prev = fields.get(name);
      if (prev === undefined) fields.set(name, v);
      else if (prev !== 'ambiguous' && (v === 'ambiguous' || !sameFields(prev, v))) fields.set(name, 'ambiguous');
    }
    for (const [key, v] of f.fns) {
      const prev = fns.get(key);
      if (prev === undefined) fns.set(key, v);
      else if (prev !== 'ambiguous' && (v === 'ambiguous' || prev.text !== v.text)) fns.set(key, 'ambiguous');
    }
  }
  return { fields, fns };
}

/** Struct field declarations of a file; a name declared twice with different fields is ambiguous. */
function fieldTable(tree: Tree): FieldTable {
  const table: FieldTable = new Map();
  const add = (name: string, fields: Map<string, SyntaxNode>) => {
    const prev = table.get(name);
    if (prev === undefined) table.set(name, fields);
    else if (prev !== 'ambiguous' && !sameFields(prev, fields)) table.set(name, 'ambiguous');
  };
  for (const m of TABLE_QUERIES.matches('structs', tree.rootNode)) {
    add(m.captures.find((c) => c.name === 'name')!.node.text, fieldsOf(m.captures.find((c) => c.name === 'body')!.node));
  }
  for (const m of TABLE_QUERIES.matches('enums', tree.rootNode)) {
    const name = m.captures.find((c) => c.name === 'name')!.node.text;
    for (const v of m.captures.find((c) => c.name === 'body')!.node.namedChildren) {
      const body = v.type === 'enum_variant' ? v.childForFieldName('body') : null;
      if (body) add(`${name}::${v.childForFieldName('name')?.text}`, fieldsOf(body));
    }
  }
  return table;
}

/** A struct's or variant's fields by name (`0`, `1`, .. for tuple fields). */
function fieldsOf(body: SyntaxNode): Map<string, SyntaxNode> {
  const fields = new Map<string, SyntaxNode>();
  if (body.type === 'field_declaration_list') {
    for (const d of body.namedChildren) {
      if (d.type !== 'field_declaration') continue;
      const n = d.childForFieldName('name');
      const t = d.childForFieldName('type');
      if (n && t) fields.set(n.text, t);
    }
  } else {
    let i = 0;
    for (const c of body.namedChildren) {
      if (c.type === 'visibility_modifier' || c.type === 'attribute_item') continue;
      fields.set(String(i++), c);
    }
  }
  return fields;
}

function sameFields(a: Map<string, SyntaxNode>, b: Map<string, SyntaxNode>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.text !== v.text) return false;
  return true;
}

function fnTable(tree: Tree): FnTable {
  const table: FnTable = new Map();
  for (const m of TABLE_QUERIES.matches('fns', tree.rootNode)) {
    const fn = m.captures.find((c) => c.name === 'fn')!.node;
    let ret = fn.childForFieldName('return_type');
    const plist = m.captures.find((c) => c.name === 'p')!.node.namedChildren;
    const params = plist.filter((p) => p.type === 'parameter').map((p) => p.childForFieldName('type'));
    const hasSelf = plist.some((p) => p.type === 'self_parameter');
    const impl = declaringItem(fn);
    let key = m.captures.find((c) => c.name === 'n')!.node.text;
    if (impl?.type === 'impl_item') {
      const t = impl.childForFieldName('type');
      const base = t?.type === 'generic_type' ? t.childForFieldName('type') : t;
      if (!base) continue;
      key = `${lastSegment(base.text)}::${key}`;
      if (ret?.text === 'Self' && t) ret = t;
    } else if (impl && impl.type !== 'mod_item') continue; // trait items and the like
    const sig = fnSig(ret, params, hasSelf);
    const prev = table.get(key);
    if (prev === undefined) table.set(key, sig);
    else if (prev !== 'ambiguous' && prev.text !== sig.text) table.set(key, 'ambiguous');
  }
  return table;
}

/** A signature whose text (asked only when two functions share a name) is read on first use. */
function fnSig(ret: SyntaxNode | null, params: (SyntaxNode | null)[], hasSelf: boolean): FnSig {
  let text: string | undefined;
  return {
    ret,
    params,
    hasSelf,
    get text() {
      return (text ??= `${params.map((p) => p?.text).join(',')}->${ret?.text ?? ''}`);
    },
  };
}

/** The last path segment of a type or path node's text, without generics. */
function lastSegment(text: string): string {
  const t = text.replace(/\s+/g, '');
  const i = t.lastIndexOf('::');
  return i === -1 ? t : t.slice(i + 2);
}
