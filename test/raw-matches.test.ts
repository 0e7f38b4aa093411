// The engine's walks decide tree-sitter's text predicates before any node
// becomes an object (rawMatches, rawCaptures in src/engine/queries.ts): their
// matches and captures must be exactly those of node-tree-sitter's own
// Query.matches and Query.captures, in the same order,
// with the same capture names and nodes, for every declared query on every
// golden input and example, and for every kind of predicate the binding knows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/engine/parse.ts';
import { declaredQueries, fileRooted, literalsOf, query, rawMatches } from '../src/engine/queries.ts';
import type { QueryMatch, SyntaxNode } from '../src/engine/types.ts';
import type { QueryCapture } from '../src/engine/queries.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import '../src/engine/suppress.ts';
import '../src/engine/edits.ts';
import { rustFiles } from './helpers.ts';

const compiled = new Map<string, Parser.Query>();
function compile(source: string): Parser.Query {
  let q = compiled.get(source);
  if (!q) compiled.set(source, (q = new Parser.Query(Rust as unknown as Parser.Language, source)));
  return q;
}

/** Everything a transform can read of a match: its keys, pattern, properties, and each capture's name and node (id, range, type, class). */
function sig(ms: QueryMatch[]): string[] {
  return ms.map((m) => {
    const extra = Object.keys(m)
      .sort()
      .map((k) => (k === 'captures' || k === 'pattern' ? k : `${k}=${JSON.stringify((m as unknown as Record<string, unknown>)[k])}`));
    const caps = m.captures.map((c) => `${c.name}:${c.node.id}:${c.node.startIndex}-${c.node.endIndex}:${c.node.type}:${c.node.constructor.name}:${c.node.text}`);
    return `${m.pattern} [${extra.join(' ')}] ${caps.join(',')}`;
  });
}

/** The same of captures. */
function capSig(cs: QueryCapture[]): string[] {
  return cs.map((c) => {
    // A kept capture's node may be a getter (the engine's packed results): what counts is that it reads.
    const keys = [...new Set([...Object.keys(c), ...('node' in c ? ['node'] : [])])];
    const extra = keys
      .sort()
      .map((k) => (k === 'name' || k === 'node' ? k : `${k}=${JSON.stringify((c as unknown as Record<string, unknown>)[k])}`));
    return `${c.name}:${c.node.id}:${c.node.startIndex}-${c.node.endIndex}:${c.node.type}:${c.node.constructor.name} [${extra.join(' ')}]`;
  });
}

function same(source: string, node: SyntaxNode, where: string): number {
  // The engine's walks (its own compiled query) against the binding's on a query compiled apart.
  const mine = query(source).matches(node);
  const theirs = compile(source).matches(node);
  expect(sig(mine), `${where}: ${source}`).toEqual(sig(theirs));
  expect(capSig(query(source).captures(node)), `${where}: ${source} (captures)`).toEqual(capSig(compile(source).captures(node)));
  // A kept capture's node is made each time it is read (packed results): one node captured
  // twice in a walk, or read twice, is the same node by id, range and type, never by identity.
  const ids = new Map<string, string>();
  for (const m of mine) for (const c of m.captures) {
    const key = `${c.node.startIndex}-${c.node.endIndex}:${c.node.type}`;
    expect(`${c.node.startIndex}-${c.node.endIndex}:${c.node.type}`).toBe(key);
    const seen = ids.get(c.node.id as unknown as string);
    if (seen) expect(seen).toBe(key);
    else ids.set(c.node.id as unknown as string, key);
  }
  return theirs.length;
}

const ROOT = path.resolve(import.meta.dirname, '..');

describe('rawMatches and rawCaptures equal Query.matches and Query.captures', () => {
  const sources = [...new Set([...declaredQueries().flatMap((g) => g.all), ...TRANSFORMS.flatMap((t) => [...Object.values(t.queries ?? {}), ...(t.uses ?? []).flatMap((g) => g.all)])])];
  const files = [...rustFiles(path.join(ROOT, 'golden')), ...rustFiles(path.join(ROOT, 'examples'))];

  it('for every declared query on every golden input and example', () => {
    expect(sources.length).toBeGreaterThan(100);
    // Those rooted at the file walk only as deep as their matches go.
    expect(sources.filter(fileRooted).length).toBeGreaterThan(2);
    expect(sources.filter((s) => /#(eq|match)\?/.test(s)).length).toBeGreaterThan(40);
    expect(files.length).toBeGreaterThan(500);
    let matched = 0;
    for (const file of files) {
      const tree = parse(readFileSync(file, 'utf8'));
      for (const src of sources) matched += same(src, tree.rootNode, file);
    }
    expect(matched).toBeGreaterThan(10000);
  }, 600_000);

  it('under a node, as on the root', () => {
    const files2 = files.filter((_, i) => i % 7 === 0);
    const blocks = compile('[(function_item) (block) (token_tree) (impl_item)] @b');
    for (const file of files2) {
      const tree = parse(readFileSync(file, 'utf8'));
      const nodes = blocks.captures(tree.rootNode).map((c) => c.node).slice(0, 20);
      for (const n of nodes) for (const src of sources) same(src, n, `${file} under ${n.type}@${n.startIndex}`);
    }
  }, 600_000);

  it('for every kind of predicate, after text of several UTF-16 units', () => {
    const text = [
      '// é ü 😀 𝄞 — text of two units per character before the code',
      'fn main() { let s = "😀"; let x = foo(a, b, a); let y = foo(b, b); let 𝔁 = 1; }',
      'fn foo(a: u8, b: u8) -> u8 { a + b } // 😀 😀',
      'fn bar() { println!("{}", 1); vec![a, b]; let z = Foo::new(); z.push(1).push(2).pop(); }',
      'struct Foo { a: Vec<u8>, b: Box<u8> }',
      '',
    ].join('\n');
    const tree = parse(text);
    const queries = [
      '((identifier) @a (#eq? @a "a"))',
      '((identifier) @a (#not-eq? @a "a"))',
      '((let_declaration pattern: (identifier) @p value: (_) @v) (#eq? @p "x"))',
      '(call_expression function: (identifier) @f arguments: (arguments (identifier) @a (identifier) @b) (#eq? @a @b))',
      '(call_expression function: (identifier) @f arguments: (arguments (identifier) @a (identifier) @b) (#not-eq? @a @b))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#eq? @a "b"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#any-eq? @a "a"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#any-not-eq? @a "a"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#match? @a "^[ab]$"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#any-match? @a "^a$"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#not-match? @a "^a$"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#any-not-match? @a "^a$"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#match? @a "^z$"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#not-match? @a "^z$"))',
      '((identifier) @i (#any-of? @i "a" "b" "𝔁"))',
      '((identifier) @i (#not-any-of? @i "a" "b"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#any-of? @a "q"))',
      '((string_literal) @s (#match? @s "😀"))',
      '((line_comment) @c (#match? @c "😀 😀$"))',
      '((identifier) @i (#set! kind "name") (#eq? @i "b"))',
      '((identifier) @i (#is? local) (#is-not? global) (#match? @i "^[xy]$"))',
      '((field_identifier) @m (#match? @m "^(push|pop)$")) ((type_identifier) @t (#eq? @t "Vec")) (identifier) @any',
      '(macro_invocation macro: (identifier) @m (#eq? @m "vec") (token_tree (identifier) @i (#eq? @i "a")))',
      '(field_expression value: (_) @v field: (field_identifier) @f (#eq? @f "push")) @e',
      '((identifier) @a (identifier) @b (#eq? @a @b))',
      '(source_file (function_item name: (identifier) @n (#eq? @n "main")) @f)',
      '; rooted at the file\n(source_file (struct_item name: (type_identifier) @n)) (source_file (function_item body: (block (expression_statement (macro_invocation) @m))))',
      '(source_file) @f',
      '((scoped_identifier) @q (#match? @q "^(::)?(Foo|Bar)::new$"))',
      '((identifier) @i (#not-match? @i "^(a|b|x|y)$"))',
      '((identifier) @i (#any-not-match? @i "^(a|b)$"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#any-not-match? @a "^(a|𝔁)$"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#not-match? @a "^(q|r)$"))',
      '(call_expression arguments: (arguments (identifier)+ @a) (#not-eq? @a "a"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#not-eq? @a "a"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#any-not-eq? @a "a"))',
      '(call_expression arguments: (arguments (identifier)* @a) (#not-any-of? @a "q"))',
      '((primitive_type) @t (#match? @t "^u(8|16)?$"))',
    ];
    expect(queries.filter((q) => q.includes('source_file')).every(fileRooted)).toBe(true);
    expect(fileRooted('(source_file (function_item) @f) (function_item) @g')).toBe(false);
    expect(fileRooted('[(source_file) (function_item)] @x')).toBe(false);
    expect(fileRooted('(source_file_x) @x')).toBe(false);
    let n = 0;
    for (const src of queries) {
      n += same(src, tree.rootNode, 'sample');
      for (const c of compile('(function_item) @f').captures(tree.rootNode)) same(src, c.node, `sample under ${c.node.startIndex}`);
    }
    expect(n).toBeGreaterThan(50);
  });

  it('reads a regex of finitely many words as those words, and no other', () => {
    expect(literalsOf('^(Vec|Box)$')).toEqual(['Vec', 'Box']);
    expect(literalsOf('^String$')).toEqual(['String']);
    expect(literalsOf('^f(32|64)$')).toEqual(['f32', 'f64']);
    expect(literalsOf('^(::)?(std|alloc)::(vec::Vec|boxed::Box)$')).toEqual(['std::vec::Vec', 'std::boxed::Box', 'alloc::vec::Vec', 'alloc::boxed::Box', '::std::vec::Vec', '::std::boxed::Box', '::alloc::vec::Vec', '::alloc::boxed::Box']);
    expect(literalsOf('^(a|)$')).toEqual(['a', '']);
    for (const re of ['^K?String$', 'String$', '^String', '^(a|b)*$', '^(a|b)+$', '^a.b$', '^a\\db$', '^[0-9]+$', '^(?:a|b)$', '(^|::)(fs::[a-z_]+)$', '^a\\$', '^(a|b$', '^a|b)$', '^é$']) expect(literalsOf(re), re).toBeNull();
    // Every declared #match? regex: the words, when it has them, are exactly what the regex accepts of them.
    const declared = new Set<string>();
    for (const src of sources) for (const m of src.matchAll(/#match\? @[\w.-]+ "((?:[^"\\]|\\.)*)"/g)) declared.add(m[1]);
    let words = 0;
    for (const re of declared) {
      const lits = literalsOf(re);
      if (!lits) continue;
      words++;
      const r = new RegExp(re);
      for (const w of lits) expect(r.test(w), `${re} ${w}`).toBe(true);
      for (const w of lits) for (const x of [`${w}x`, `x${w}`, w.slice(1), ` ${w}`, `${w}\n`]) if (!lits.includes(x)) expect(r.test(x), `${re} ${JSON.stringify(x)}`).toBe(false);
    }
    expect(words).toBeGreaterThan(20);
  });

  it('names captures as it is asked to, checking the pattern', () => {
    const tree = parse('fn main() { a(b); }\n');
    const q = compile('((identifier) @x__kb0 (#eq? @x__kb0 "b")) (call_expression) @c__kb1');
    const ms = rawMatches(q, tree.rootNode, (name, pattern) => `${name.slice(0, 1)}${pattern}`);
    expect(ms.map((m) => `${m.pattern}:${m.captures.map((c) => `${c.name}=${c.node.text}`).join(',')}`)).toEqual(['1:c1=a(b)', '0:x0=b']);
  });
});
