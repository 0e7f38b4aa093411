// prefetch answers several queries with one combined query and stores each
// query's share where `query(src).matches/captures(node)` finds it: every share
// must equal what the query returns when it runs alone, in the same order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { prefetch, query } from '../src/engine/queries.ts';
import type { SyntaxNode } from '../src/engine/types.ts';

// Shapes the passes use: several patterns, predicates, alternations, anchors,
// nested captures, the same node captured by several queries, a comment and a
// string with `@` and `;` in it.
const SOURCES = [
  '(function_item name: (identifier) @name) @fn\n(function_signature_item name: (identifier) @name) @fn',
  '(struct_item name: (type_identifier) @name) @t\n(enum_item name: (type_identifier) @name) @t\n(type_item name: (type_identifier) @name) @t',
  '(use_declaration argument: (_) @arg) @use',
  '(use_declaration argument: (_) @arg)',
  '(mod_item name: (identifier) @name) @mod',
  '(impl_item) @i',
  '(call_expression function: (_) @f)',
  '(macro_invocation (token_tree) @tt)',
  '(struct_item name: (type_identifier) @name body: (field_declaration_list (field_declaration name: (field_identifier) @field type: (_) @type)))',
  `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name
    (#match? @name "^(push|extend_from_slice|clone|pop)$"))
  arguments: (arguments)) @call`,
  '((type_identifier) @t (#match? @t "^(Vec|Box)$"))\n(scoped_identifier path: (identifier) @p (#match? @p "^(Vec|Box)$"))',
  '(macro_invocation macro: [(identifier) (scoped_identifier)] @name (#match? @name "^(::)?((std|log)::)?(e?print(ln)?)$")) @call',
  '(token_tree (identifier) @i (#eq? @i "vec") . "!" . (token_tree) @tt)',
  '(binary_expression operator: ["/" "%"] @op right: (_) @rhs) @expr',
  '; a comment with @notacapture\n((string_literal) @s (#match? @s "@|;"))',
  '(try_expression) @t',
  '(identifier) @id',
];

function rustFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) rustFiles(p, out);
    else if (p.endsWith('.rs')) out.push(p);
  }
  return out;
}

type Result = { pattern?: number; name?: string; node?: SyntaxNode; captures?: { name: string; node: SyntaxNode }[] };
const sig = (rs: Result[]) =>
  rs.map((r) => (r.captures ? [r.pattern, r.captures.map((c) => [c.name, c.node.id, c.node.startIndex, c.node.endIndex])] : [r.name, r.node!.id, r.node!.startIndex, r.node!.endIndex]));

describe('prefetch', () => {
  const files = rustFiles(path.resolve(import.meta.dirname, '..', 'golden'));

  it('gives every query of a batch exactly its own results (golden files)', () => {
    expect(files.length).toBeGreaterThan(100);
    let compared = 0;
    for (const file of files) {
      const tree = freezeTree(parse(readFileSync(file, 'utf8')));
      for (const kind of ['matches', 'captures'] as const) {
        // Both orders, so members sit at different offsets of the combined query.
        const batches = [SOURCES, [...SOURCES].reverse()];
        for (const batch of batches) {
          const t = freezeTree(parse(tree.rootNode.text));
          prefetch(t.rootNode, kind, batch);
          for (const src of batch) {
            const shared = query(src)[kind](t.rootNode) as Result[];
            const alone = query(src)[kind](t.rootNode, {}) as Result[];
            expect(sig(shared), `${file}: ${kind} ${src}`).toEqual(sig(alone));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10000);
  });

  it('leaves trees that are not frozen alone, and skips queries already answered', () => {
    const text = 'fn main() { let v: Vec<u8> = Vec::new(); v.push(1); }\n';
    const open = parse(text);
    prefetch(open.rootNode, 'matches', SOURCES);
    const frozen = freezeTree(parse(text));
    const first = query(SOURCES[0]).matches(frozen.rootNode);
    prefetch(frozen.rootNode, 'matches', SOURCES);
    // The first query's shared result is the one computed before the batch.
    expect(sig(query(SOURCES[0]).matches(frozen.rootNode) as Result[])).toEqual(sig(first as Result[]));
    expect(query(SOURCES[0]).matches(frozen.rootNode)[0].captures[0].node).toBe(first[0].captures[0].node);
  });
});
