// The analyses' shortcuts answer what the work they replace answered: a macro
// argument list seen again in a new version of a file takes the tree parsed
// for the old one (src/analysis/macroargs.ts) while every region keeps its own
// host and shift (and the regions are those a walk of fresh trees gives, even
// in code with syntax errors), the crate index finds the scope around a node
// by ranges as a walk up finds it, and the resolver's answers (kept per node and declarations,
// src/analysis/vec-resolver.ts) follow the region's new host.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { codeRegions, regionStats } from '../src/analysis/macroargs.ts';
import { crateIndex, resolverFor } from '../src/analysis/vec-resolver.ts';
import type { SyntaxNode, Tree } from '../src/engine/types.ts';
import { ROOT } from './helpers.ts';
import { CrateIndex } from '../src/crate/crate-index.ts';

const SAMPLE = `
use std::collections::HashMap;
mod inner {
    pub fn f(v: &Vec<u32>) -> usize { v.len() }
    pub struct S { pub v: Vec<u8> }
}
fn main() {
    let mut v = Vec::new();
    let (a, b) = (1, 2.5);
    for i in 0..10 { v.push(i * a); }
    println!("{} {}", v.len(), b);
    let m: HashMap<u32, Vec<u8>> = HashMap::new();
    if let Some(x) = m.get(&1) { println!("{}", x.len()); }
    let e = vec![vec![0u8; 3]; 2];
    assert_eq!(e[0].len(), 3);
}
impl inner::S { fn g(&self) -> u8 { self.v[0] } }
`;

describe('macro argument regions across versions of a file', () => {
  it('reuse the trees of the same text, one tree per region within a version', () => {
    const v1 = 'fn main() {\n    let v = vec![1, 2];\n    println!("{}", v.len());\n    println!("{}", v.len());\n}\n';
    const v2 = `// a comment moves everything\n${v1}`;
    const t1 = freezeTree(parse(v1));
    const r1 = codeRegions(t1);
    const before = { ...regionStats };
    const t2 = freezeTree(parse(v2));
    const r2 = codeRegions(t2);
    expect(r2.length).toBe(r1.length);
    // The same trees, in the same order, each region of a version on a tree of its own.
    expect(r2.slice(1).map((r) => r.root.tree)).toEqual(r1.slice(1).map((r) => r.root.tree));
    expect(new Set(r2.slice(1).map((r) => r.root.tree)).size).toBe(r2.length - 1);
    expect(regionStats.reused - before.reused).toBe(r2.length - 1);
    expect(regionStats.parsed - before.parsed).toBe(0);
    // Each region keeps its own file range, shift and host.
    const shiftBy = v2.length - v1.length;
    r2.slice(1).forEach((r, i) => {
      const o = r1[i + 1];
      expect(r.shift).toBe(o.shift + shiftBy);
      expect(r.tt).toEqual({ start: o.tt!.start + shiftBy, end: o.tt!.end + shiftBy });
      expect(r.host!.tree).toBe(t2);
      expect(v2.slice(r.tt!.start, r.tt!.end)).toBe(v1.slice(o.tt!.start, o.tt!.end));
    });
  });

  it('type the names of a reused region where its new host is', () => {
    const v1 = 'fn main() {\n    let v = vec![1u8];\n    println!("{}", v.len());\n}\n';
    const v2 = 'fn main() {\n    let v = String::new();\n    println!("{}", v.len());\n}\n';
    const printed = (tree: Tree) => codeRegions(tree).find((r) => r.host && r.text.includes('v.len()'))!;
    const typeIn = (tree: Tree) => {
      const region = printed(tree);
      const v = region.root.descendantsOfType('identifier').find((i) => i.text === 'v')!;
      return resolverFor(crateIndex({ files: [{ tree }] }), { tree }).at(region.host!).typeOf(v);
    };
    const t1 = freezeTree(parse(v1));
    const t2 = freezeTree(parse(v2));
    expect(typeIn(t1)).toEqual({ k: 'vec', elem: { k: 'prim', name: 'u8' } });
    expect(printed(t2).root.tree).toBe(printed(t1).root.tree);
    expect(typeIn(t2)).toEqual({ k: 'named', name: 'String' });
  });
});

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
