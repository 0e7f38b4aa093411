// The engine answers the queries asked of a frozen tree from one combined
// walk (src/engine/queries.ts): every query's share of it must equal what the
// query returns when it runs alone, in the same order, as matches, as
// captures and under a node; and the walk must really be one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { declareQueries, declaredQueries, expectQueries, matchesOnRoot, queryStats, scanPatterns } from '../src/engine/queries.ts';
import type { QueryMatch, SyntaxNode } from '../src/engine/types.ts';
// Every transform and the analyses they use declare their queries when loaded.
import { TRANSFORMS } from '../src/cli/registry.ts';
import '../src/engine/suppress.ts';
import '../src/engine/edits.ts';
import { rustFiles } from './helpers.ts';

// Shapes the passes use: several patterns, predicates, alternations, anchors,
// nested captures, the same node captured by several queries, a comment and a
// string with `@` and `;` in it.
const SHAPES = declareQueries('test-shapes', {
  fns: '(function_item name: (identifier) @name) @fn\n(function_signature_item name: (identifier) @name) @fn',
  types: '(struct_item name: (type_identifier) @name) @t\n(enum_item name: (type_identifier) @name) @t\n(type_item name: (type_identifier) @name) @t',
  uses: '(use_declaration argument: (_) @arg) @use',
  usesArg: '(use_declaration argument: (_) @arg)',
  impls: '(impl_item) @i',
  calls: '(call_expression function: (_) @f)',
  fields: '(struct_item name: (type_identifier) @name body: (field_declaration_list (field_declaration name: (field_identifier) @field type: (_) @type)))',
  pushes: `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name
    (#match? @name "^(push|extend_from_slice|clone|pop)$"))
  arguments: (arguments)) @call`,
  vecs: '((type_identifier) @t (#match? @t "^(Vec|Box)$"))\n(scoped_identifier path: (identifier) @p (#match? @p "^(Vec|Box)$"))',
  prints: '(macro_invocation macro: [(identifier) (scoped_identifier)] @name (#match? @name "^(::)?((std|log)::)?(e?print(ln)?)$")) @call',
  vecMacro: '(token_tree (identifier) @i (#eq? @i "vec") . "!" . (token_tree) @tt)',
  division: '(binary_expression operator: ["/" "%"] @op right: (_) @rhs) @expr',
  strings: '; a comment with @notacapture\n((string_literal) @s (#match? @s "@|;"))',
  tries: '(try_expression) @t',
  idents: '(identifier) @id',
  jumps: '(break_expression) @j\n(continue_expression) @j\n(return_expression) @j',
});

// Each query run alone, natively, with nothing shared.
const alone = new Map<string, Parser.Query>();
function native(source: string): Parser.Query {
  let q = alone.get(source);
  if (!q) alone.set(source, (q = new Parser.Query(Rust as unknown as Parser.Language, source)));
  return q;
}

type Capture = { name: string; node: SyntaxNode };
const capSig = (cs: Capture[]) => cs.map((c) => `${c.name}:${c.node.id}:${c.node.startIndex}-${c.node.endIndex}`);
const matchSig = (ms: QueryMatch[]) => ms.map((m) => `${m.pattern}/${capSig(m.captures).join(',')}`);

/** Nodes to ask under: the file's functions, blocks and macro arguments. */
function subnodes(root: SyntaxNode): SyntaxNode[] {
  return native('[(function_item) (block) (token_tree) (closure_expression)] @b')
    .captures(root)
    .map((c) => c.node);
}

describe('one walk answers every query asked of a frozen tree', () => {
  const files = rustFiles(path.resolve(import.meta.dirname, '..', 'golden'));
  const groups = declaredQueries();

  it('declares the shared analyses\' queries in the registry', () => {
    const ids = groups.map((g) => g.id);
    for (const id of ['tables', 'crate-index', 'crate-methods', 'mod-tree', 'crate-model', 'localnames', 'macroargs', 'testcode', 'alloc-edit', 'compat-scan', 'result-wrap', 'suppress']) expect(ids).toContain(id);
    expect(() => declareQueries('tables', { x: '(identifier) @x' })).toThrow(/declared twice/);
  });

  it('counts the patterns of every declared query without compiling it', () => {
    const sources = [...groups.flatMap((g) => g.all), ...TRANSFORMS.flatMap((t) => [...Object.values(t.queries ?? {}), ...(t.uses ?? []).flatMap((g) => g.all)])];
    expect(sources.length).toBeGreaterThan(50);
    for (const src of sources) expect(scanPatterns(src), src).toBe((native(src) as unknown as { predicates: unknown[] }).predicates.length);
    expect(scanPatterns('; (a) @x\n_ @any\n"!" @bang\n((identifier) @i (#match? @i "[(]"))')).toBe(3);
  });

  it('gives every declared query exactly its own results: matches, captures, under nodes (golden files)', () => {
    expect(files.length).toBeGreaterThan(100);
    let compared = 0;
    const reversed = [...groups].reverse();
    files.forEach((file, i) => {
      const text = readFileSync(file, 'utf8');
      // Two orders of announcement, so members sit at different offsets of the combined query.
      {
        const order = i % 2 ? reversed : groups;
        const tree = freezeTree(parse(text));
        const root = tree.rootNode;
        expectQueries(
          tree,
          order.flatMap((g) => g.all),
        );
        const before = queryStats.walks;
        for (const g of order) {
          for (const name of Object.keys(g.sources)) {
            expect(matchSig(g.matches(name, root)), `${file}: ${g.id}.${name} matches`).toEqual(matchSig(native(g.sources[name]).matches(root)));
            compared++;
          }
        }
        // Everything was announced: a single walk answered all of it.
        expect(queryStats.walks - before, file).toBe(1);
        // Captures come from a captures walk of each query alone (combined, nested captures that start together may change order).
        for (const g of order) {
          for (const name of Object.keys(g.sources)) {
            expect(capSig(g.captures(name, root)), `${file}: ${g.id}.${name} captures`).toEqual(capSig(native(g.sources[name]).captures(root)));
            compared++;
          }
        }
      }
    });
    expect(compared).toBeGreaterThan(10000);
  }, 300_000);

  it('answers a query under a node from the root\'s matches (golden files)', () => {
    let compared = 0;
    const withRoots = declareQueries(
      'test-under',
      { tries: SHAPES.sources.tries, jumps: SHAPES.sources.jumps, idents: SHAPES.sources.idents, prints: SHAPES.sources.prints, division: SHAPES.sources.division },
      { tries: 't', jumps: 'j', idents: 'id', prints: 'call', division: 'expr' },
    );
    for (const file of files) {
      const tree = freezeTree(parse(readFileSync(file, 'utf8')));
      for (const n of subnodes(tree.rootNode)) {
        for (const name of Object.keys(withRoots.sources) as (keyof typeof withRoots.sources)[]) {
          const src = withRoots.sources[name];
          expect(matchSig(withRoots.matches(name, n)), `${file}: ${name} under ${n.type}@${n.startIndex}`).toEqual(matchSig(native(src).matches(n)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  }, 300_000);

  it('hands out fresh arrays, walks a tree that is not frozen every time, and does not run a query twice on a frozen one', () => {
    const text = 'fn main() { let v: Vec<u8> = Vec::new(); v.push(1); }\n';
    const open = parse(text);
    let before = queryStats.walks;
    SHAPES.matches('calls', open.rootNode);
    SHAPES.matches('calls', open.rootNode);
    expect(queryStats.walks - before).toBe(2);

    const frozen = freezeTree(parse(text));
    before = queryStats.walks;
    const a = SHAPES.matches('calls', frozen.rootNode);
    // The first ask ran the whole group: the rest come from it.
    const b = SHAPES.matches('calls', frozen.rootNode);
    SHAPES.matches('vecs', frozen.rootNode);
    expect(queryStats.walks - before).toBe(1);
    expect(a).not.toBe(b);
    expect(matchSig(a)).toEqual(matchSig(b));
    a.length = 0;
    expect(SHAPES.matches('calls', frozen.rootNode).length).toBe(2);
    // A query announced after the walk gets one walk of its own, and only once.
    expectQueries(frozen, ['(let_declaration) @l']);
    expect(matchesOnRoot(frozen, '(let_declaration) @l').length).toBe(1);
    expect(matchesOnRoot(frozen, '(let_declaration) @l').length).toBe(1);
    expect(queryStats.walks - before).toBe(2);
  });
});
