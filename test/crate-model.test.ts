// The crate model (src/crate/model.ts) is built once per crate per text state:
// every crate pass reads the same one until a text changes, and then only the
// changed files' tables are built again. Its answers are those of the
// per-pass builds it replaced (the whole-crate tables, discovery's module tree).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/crate/discover.ts';
import { runUnit } from '../src/engine/pipeline.ts';
import { parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { getProfile } from '../src/kernel-api/profiles.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { CrateModel, modelStats } from '../src/crate/model.ts';
import { tableStats, type FieldTable, type FnTable } from '../src/crate/tables.ts';
import type { CrateTransform, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { ROOT, tempDir } from './helpers.ts';

const FILES: Record<string, string> = {
  'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\n',
  'src/main.rs': 'mod a;\n#[path = "x/b.rs"]\nmod b;\nmod c {\n    pub mod d;\n}\nstruct P { v: Vec<u8> }\nfn main() { let p = P { v: Vec::new() }; a::f(&p.v); }\n',
  'src/a.rs': 'pub struct P { v: Vec<u8> }\npub struct Q(u32, String);\npub fn f(v: &Vec<u8>) -> usize { v.len() }\n',
  'src/x/b.rs': 'pub struct P { v: Vec<u16> }\npub enum E { A { n: u8 }, B(u8) }\npub fn f(v: &[u8]) -> usize { v.len() }\nimpl Q { fn g(&self) -> u8 { 0 } }\n',
  'src/c/d.rs': 'pub fn h() {}\n',
};

function crateDir(): string {
  const dir = tempDir('kport-model-');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function spy(id: string, run: CrateTransform['run']): CrateTransform {
  return { id, scope: 'crate', summary: 'Test.', profiles: ['mainline'], safety: 'safe', run };
}

function fileSpy(id: string, run: FileTransform['run']): FileTransform {
  return { id, scope: 'file', summary: 'Test.', profiles: ['mainline'], safety: 'safe', run };
}

const snapshot = () => ({ ...modelStats, files: tableStats.files });
const since = (before: ReturnType<typeof snapshot>) => {
  const now = snapshot();
  return { models: now.models - before.models, tables: now.tables - before.tables, indexes: now.indexes - before.indexes, moduleTrees: now.moduleTrees - before.moduleTrees, files: now.files - before.files };
};

/** The whole-crate tables as the vector resolver built them before the model: one pass over every file in order. */
function referenceTables(trees: SyntaxNode[]): { fields: FieldTable; fns: FnTable } {
  const STRUCTS = '(struct_item name: (type_identifier) @name body: [(field_declaration_list) (ordered_field_declaration_list)] @body)';
  const ENUMS = '(enum_item name: (type_identifier) @name body: (enum_variant_list) @body)';
  const FNS = '(function_item name: (identifier) @n parameters: (parameters) @p) @fn';
  const fields: FieldTable = new Map();
  const fieldsOf = (body: SyntaxNode) => {
    const out = new Map<string, SyntaxNode>();
    let i = 0;
    for (const d of body.namedChildren) {
      if (body.type === 'field_declaration_list') {
        if (d.type === 'field_declaration' && d.childForFieldName('name') && d.childForFieldName('type')) out.set(d.childForFieldName('name')!.text, d.childForFieldName('type')!);
      } else if (d.type !== 'visibility_modifier' && d.type !== 'attribute_item') out.set(String(i++), d);
    }
    return out;
  };
  const same = (a: Map<string, SyntaxNode>, b: Map<string, SyntaxNode>) => a.size === b.size && [...a].every(([k, v]) => b.get(k)?.text === v.text);
  const add = (name: string, fs: Map<string, SyntaxNode>) => {
    const prev = fields.get(name);
    if (prev === undefined) fields.set(name, fs);
    else if (prev !== 'ambiguous' && !same(prev, fs)) fields.set(name, 'ambiguous');
  };
  const fns: FnTable = new Map();
  for (const root of trees) {
    for (const m of query(STRUCTS).matches(root)) add(m.captures[0].node.text, fieldsOf(m.captures[1].node));
    for (const m of query(ENUMS).matches(root)) {
      for (const v of m.captures[1].node.namedChildren) {
        const body = v.type === 'enum_variant' ? v.childForFieldName('body') : null;
        if (body) add(`${m.captures[0].node.text}::${v.childForFieldName('name')?.text}`, fieldsOf(body));
      }
    }
    for (const m of query(FNS).matches(root)) {
      const fn = m.captures.find((c) => c.name === 'fn')!.node;
      const impl = fn.parent?.type === 'declaration_list' ? fn.parent.parent : null;
      const ret = fn.childForFieldName('return_type');
      const params = m.captures.find((c) => c.name === 'p')!.node.namedChildren.filter((p) => p.type === 'parameter').map((p) => p.childForFieldName('type'));
      const name = m.captures.find((c) => c.name === 'n')!.node.text;
      const key = impl?.type === 'impl_item' ? `${impl.childForFieldName('type')!.text}::${name}` : name;
      const text = `${params.map((p) => p?.text).join(',')}->${ret?.text ?? ''}`;
      const prev = fns.get(key);
      if (prev === undefined) fns.set(key, { ret, params, hasSelf: false, text });
      else if (prev !== 'ambiguous' && prev.text !== text) fns.set(key, 'ambiguous');
    }
  }
  return { fields, fns };
}

const show = (t: { fields: FieldTable; fns: FnTable }) => ({
  fields: [...t.fields].map(([k, v]) => [k, v === 'ambiguous' ? v : [...v].map(([f, n]) => `${f}: ${n.text}`)]),
  fns: [...t.fns].map(([k, v]) => [k, v === 'ambiguous' ? v : v.text]),
});

describe('crate model', () => {
  it('every crate pass of a text state reads one model; a changed file rebuilds only its own tables', () => {
    const [unit] = discover([crateDir()]);
    const seen: CrateModel[] = [];
    const reader = (id: string) =>
      spy(id, (ctx) => {
        seen.push(ctx.model);
        for (const f of ctx.files) ctx.model.resolver(f);
        ctx.model.index();
        ctx.model.modules();
      });
    // Edits a.rs only: the next passes see a new text state of the crate.
    const editor = fileSpy('editor', (ctx) => {
      if (ctx.path === 'src/a.rs') ctx.edits.insert(ctx.text.length, 'pub fn k() {}\n');
    });
    const before = snapshot();
    runUnit(unit, { profile: getProfile('mainline'), transforms: [reader('r1'), reader('r2'), reader('r3'), reader('r4'), editor, reader('r5'), reader('r6')] });
    // Four readers before the edit: one model, one set of tables, one index, one module tree.
    expect(seen[0]).toBe(seen[3]);
    expect(seen[4]).not.toBe(seen[3]);
    expect(seen[4]).toBe(seen[5]);
    expect(since(before)).toEqual({ models: 2, tables: 2, indexes: 2, moduleTrees: 2, files: unit.files.length + 1 });
  });

  it('a pass that changes nothing keeps the model; the real passes build it once on a crate they leave alone', () => {
    const dir = tempDir('kport-model-');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "quiet"\nversion = "0.1.0"\n');
    // Nothing to port, but text several crate passes look at (formatting, collections, `?`).
    writeFileSync(path.join(dir, 'src/main.rs'), 'mod m;\nfn main() {}\n');
    writeFileSync(path.join(dir, 'src/m.rs'), 'pub struct S { pub n: u32 }\npub fn get(s: &S) -> Option<u32> { let n = Some(s.n)?; Some(n) }\n');
    const [unit] = discover([dir]);
    unit.crate.options.noModule = true;
    const before = snapshot();
    const r = runUnit(unit, { profile: getProfile('mainline'), transforms: TRANSFORMS });
    expect(r.files.filter((f) => f.changed).map((f) => f.text)).toEqual([]);
    const d = since(before);
    expect(d.models).toBe(1);
    expect(d.tables).toBeLessThanOrEqual(1);
    expect(d.files).toBeLessThanOrEqual(unit.files.length);
  });

  it('the merged tables equal the whole-crate tables built in one pass over the files', () => {
    const [unit] = discover([crateDir()]);
    const files = unit.files.map((f) => ({ path: f.rel, text: f.text, tree: parse(f.text), isCrateRoot: unit.crate.rootFiles.includes(f.rel) }));
    const model = new CrateModel(files);
    const ref = referenceTables(files.map((f) => f.tree.rootNode));
    expect(show(model.tables())).toEqual(show(ref));
    expect(model.tables().fields.get('P')).toBe('ambiguous');
    expect(model.tables().fns.get('f')).toBe('ambiguous');
    // Structs and enums by name: one defined twice has no single definition.
    expect(model.typeDefinitions().get('P')?.node).toBeNull();
    expect(model.typeDefinitions().get('E')).toMatchObject({ file: 2 });
    expect(model.typeDefinitions().get('E')?.node?.type).toBe('enum_item');
  });

  it('the module tree is the one discovery followed, #[path] and inline modules included', () => {
    const [unit] = discover([crateDir()]);
    expect(unit.files.map((f) => f.rel)).toEqual(['src/main.rs', 'src/a.rs', 'src/x/b.rs', 'src/c/d.rs']);
    const files = unit.files.map((f) => ({ path: f.rel, text: f.text, tree: parse(f.text), isCrateRoot: unit.crate.rootFiles.includes(f.rel) }));
    const m = new CrateModel(files).modules();
    expect(m.keys).toEqual(['', 'a', 'b', 'c::d']);
    expect(m.rootsOf).toEqual([[0], [0], [0], [0]]);
    const index = new CrateModel(files).index();
    expect(index.named('h').map((f) => f.module)).toEqual(['c::d']);
  });

  it('the examples port the same with the model as the per-pass builds did (examples/inventory: one model per text state)', () => {
    const [unit] = discover([path.join(ROOT, 'examples', 'inventory')]);
    const before = snapshot();
    runUnit(unit, { profile: getProfile('mainline'), transforms: TRANSFORMS });
    const d = since(before);
    // Each crate pass that reads the model used to build the whole-crate tables itself.
    const readers = TRANSFORMS.filter((t) => t.scope === 'crate').length;
    expect(d.tables).toBeLessThan(readers);
    expect(d.indexes).toBeLessThanOrEqual(1);
  });
});
