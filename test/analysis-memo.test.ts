// The analyses' shortcuts answer what the work they replace answered: a macro
// argument list seen again in a new version of a file takes the tree parsed
// for the old one (src/analysis/macroargs.ts) while every region keeps its own
// host and shift, and the resolver's answers (kept per node and declarations,
// src/analysis/vec-resolver.ts) follow the region's new host.
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { codeRegions, regionStats } from '../src/analysis/macroargs.ts';
import { crateIndex, resolverFor } from '../src/analysis/vec-resolver.ts';
import type { Tree } from '../src/engine/types.ts';

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
