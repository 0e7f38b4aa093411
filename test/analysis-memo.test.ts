// The analyses' shortcuts answer what the work they replace answered: the
// macro argument regions are those a walk of each tree with the query gives
// (src/analysis/macroargs.ts, even in code with syntax errors), the crate
// index finds the scope around a node by ranges as a walk up finds it
// (src/crate/crate-index.ts), and the resolver's answers, kept per node and
// declarations (src/analysis/vec-resolver.ts), are those of the declarations asked.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { codeRegions } from '../src/analysis/macroargs.ts';
import { crateIndex } from '../src/analysis/vec-resolver.ts';
import type { SyntaxNode } from '../src/engine/types.ts';
import { ROOT } from './helpers.ts';
import { CrateIndex } from '../src/crate/crate-index.ts';
import { fileTables } from '../src/crate/tables.ts';
import { Resolver } from '../src/analysis/vec-resolver.ts';


describe('argument regions against a fresh walk', () => {
  // codeRegions as it was, walking each tree with the query: the reference.
  const PREFIX = 'fn __kport_macro_args() { ';
  function reference(root: SyntaxNode, text: string, shift: number, host: SyntaxNode | undefined, depth: number, out: string[]): void {
    if (depth >= 4 || !text.includes('!')) return;
    for (const m of query('(macro_invocation (token_tree) @tt) @call').matches(root)) {
      const tt = m.captures.find((c) => c.name === 'tt')!.node;
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (tt.parent?.id !== call.id) continue;
      const open = tt.text[0];
      if (open !== '(' && open !== '[') continue;
      const inner = tt.text.slice(1, -1);
      if (!inner.trim()) continue;
      const src = open === '(' ? `${PREFIX}(${inner}\n); }` : `${PREFIX}[${inner}\n]; }`;
      const t = freezeTree(parse(src));
      if (t.rootNode.hasError) continue;
      const regionShift = shift + tt.startIndex + 1 - (PREFIX.length + 1);
      const h = host ?? call;
      out.push(`${regionShift} ${tt.startIndex + shift}-${tt.endIndex + shift} ${h.startIndex} ${src}`);
      reference(t.rootNode, src, regionShift, h, depth + 1, out);
    }
  }
  const cases = [
    'fn main() { if a != b && !c { println!("{}", !d); } let s = "x!(y)"; /* z!(w) */ // q!(r)\n let c = \'!\'; }',
    '#![allow(unused)]\nmacro_rules! m { ($x:expr) => { $x }; }\nimpl !Send for S {}\nfn f() { m!(1); r#try!(g()); foo ! (a, b); bar!{}; baz![1, 2]; }',
    'fn f() { assert_eq!(vec![vec![1]; 2], vec![format!("{}", x!(y))]); let r = r#"!(x)"#; }',
    'fn f() { println!("{}", (a',
    'fn f() { x!(; } fn g() { y![1, 2 }',
    '   \n\n  fn f() { z!(1) }',
  ];
  for (const d of readdirSync(path.join(ROOT, 'golden', 'alloc-macros'))) cases.push(readFileSync(path.join(ROOT, 'golden', 'alloc-macros', d, 'input.rs'), 'utf8'));
  // Cut short anywhere: code with syntax errors.
  for (const c of cases.slice(0, 3)) for (let k = 5; k < c.length; k += 7) cases.push(c.slice(0, k));

  it('give the regions the query walk gave, in its order', () => {
    let regions = 0;
    for (const text of cases) {
      const tree = freezeTree(parse(text));
      const want: string[] = [];
      reference(tree.rootNode, tree.rootNode.text, 0, undefined, 0, want);
      const got = codeRegions(tree)
        .slice(1)
        .map((r) => `${r.shift} ${r.tt!.start}-${r.tt!.end} ${r.host!.startIndex} ${r.text}`);
      expect(got).toEqual(want);
      regions += got.length;
    }
    expect(regions).toBeGreaterThan(50);
  });
});

describe('the crate index finds scopes by ranges', () => {
  const SCOPES = new Set(['function_item', 'closure_expression', 'async_block', 'const_item', 'static_item']);
  function allNodes(n: SyntaxNode, out: SyntaxNode[] = []): SyntaxNode[] {
    out.push(n);
    for (const c of n.children) allNodes(c, out);
    return out;
  }
  const FNS = new Set(['function_item']);
  const walk = (n: SyntaxNode, types: Set<string>) => {
    for (let p = n.parent; p; p = p.parent) if (types.has(p.type)) return p.id;
    return undefined;
  };
  it('as a walk up finds them, for every node', () => {
    const dir = path.join(ROOT, 'golden', 'fallible-propagation');
    const texts = [
      'fn f() { let g = || async move { const N: usize = 1; static S: u8 = 2; N }; fn h() { (|| 1)() } }',
      'const C: fn() -> u8 = { fn inner() -> u8 { 1 } inner };',
      'fn f() { (|x| x)(1) }',
      'fn main() { v.iter().map(|x| x + 1).for_each(|y| { let z = async { y }; }); }',
      ...readdirSync(dir).filter((d) => /^(0[59]|19|2[23])-/.test(d)).flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => f.endsWith('.rs') && f.startsWith('input')).map((f) => readFileSync(path.join(dir, d, f), 'utf8'))),
    ];
    let checked = 0;
    for (const text of texts) {
      for (const frozen of texts.indexOf(text) < 4 ? [true, false] : [true]) {
        const tree = frozen ? freezeTree(parse(text)) : parse(text);
        const index = new CrateIndex([{ path: 'src/main.rs', text, tree, isCrateRoot: true }], ['']);
        for (const n of allNodes(tree.rootNode)) {
          expect(index.enclosing(n)?.id).toBe(walk(n, SCOPES));
          expect(index.enclosingFn(0, n)?.node.id).toBe(walk(n, FNS));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('the resolver keeps its answers per declarations', () => {
  it('answers each set of crate tables, file tables and host for itself', () => {
    const tree = freezeTree(parse('fn f(s: S) {\n    let n = s.v.len();\n    println!("{}", s.v.len());\n}\n'));
    const tablesOf = (text: string) => crateIndex({ files: [{ tree: freezeTree(parse(text)) }] });
    const vec = tablesOf('struct S { v: Vec<u8> }');
    const text = tablesOf('struct S { v: String }');
    const sv = tree.rootNode.descendantsOfType('field_expression').find((n) => n.text === 's.v')!;
    const own = fileTables(tree);
    for (let round = 0; round < 2; round++) {
      expect(new Resolver(vec, own).typeOf(sv)).toEqual({ k: 'vec', elem: { k: 'prim', name: 'u8' } });
      expect(new Resolver(text, own).typeOf(sv)).toEqual({ k: 'named', name: 'String' });
    }
    // In the argument list of println!, `s` is the parameter where the macro is.
    const region = codeRegions(tree).find((r) => r.host)!;
    const inArgs = region.root.descendantsOfType('field_expression').find((n) => n.text === 's.v')!;
    for (let round = 0; round < 2; round++) {
      expect(new Resolver(vec, own).typeOf(inArgs)).toEqual({ k: 'unknown' });
      expect(new Resolver(vec, own).at(region.host!).typeOf(inArgs)).toEqual({ k: 'vec', elem: { k: 'prim', name: 'u8' } });
    }
  });
});
