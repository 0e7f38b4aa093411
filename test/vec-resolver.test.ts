// The receiver resolver the allocation passes share: precision first. Each case
// names one expression (the receiver of the marked call) and the kind it must
// resolve to; `unknown` means "report, do not rewrite".
import { describe, expect, it } from 'vitest';
import { parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { crateIndex, resolverFor } from '../src/analysis/vec-resolver.ts';
import { codeRegions } from '../src/analysis/macroargs.ts';
import type { CrateContext, FileContext } from '../src/engine/types.ts';

/** The kind of the receiver of the first `.mark()` call in `src`. */
function kindOf(src: string, others: string[] = []): string {
  const trees = [src, ...others].map((t) => ({ tree: parse(t), text: t }));
  const index = crateIndex({ files: trees as unknown as FileContext[] } as unknown as CrateContext);
  const r = resolverFor(index, trees[0]);
  const m = query('(call_expression function: (field_expression value: (_) @recv field: (field_identifier) @f (#eq? @f "mark")))').matches(trees[0].tree.rootNode)[0];
  const t = r.typeOf(m.captures.find((c) => c.name === 'recv')!.node);
  return t.k === 'vec' ? `vec<${t.elem.k === 'prim' ? t.elem.name : t.elem.k}>` : t.k === 'named' ? `named ${t.name}` : t.k;
}

describe('vec-resolver', () => {
  it('locals declared with a Vec type or constructor', () => {
    expect(kindOf('fn f() { let v: Vec<u8> = g(); v.mark(); }')).toBe('vec<u8>');
    expect(kindOf('fn f() { let mut v = Vec::new(); v.mark(); }')).toBe('vec<unknown>');
    expect(kindOf('fn f() { let v = vec![1u16, 2]; v.mark(); }')).toBe('vec<u16>');
    expect(kindOf('fn f() { let v = Vec::<u32>::with_capacity(3); v.mark(); }')).toBe('vec<u32>');
    expect(kindOf('fn f() { let v = it.collect::<Vec<i64>>(); v.mark(); }')).toBe('vec<i64>');
    expect(kindOf('fn f() { let v = KVec::with_capacity(3, GFP_KERNEL)?; v.mark(); }')).toBe('vec<unknown>');
  });

  it('never a Vec: String, VecDeque, user types, literals', () => {
    expect(kindOf('fn f() { let s = String::new(); s.mark(); }')).toBe('named String');
    expect(kindOf('fn f() { let d: VecDeque<u8> = VecDeque::new(); d.mark(); }')).toBe('named VecDeque');
    expect(kindOf('struct Stack { a: u8 } fn f() { let s = Stack::new(); s.mark(); }')).toBe('named Stack');
    expect(kindOf('fn f() { "x".mark(); }')).toBe('prim');
  });

  it('str methods on known text: a new String, or a str', () => {
    expect(kindOf('fn f(s: &str) { let u = s.to_uppercase(); u.mark(); }')).toBe('named String');
    expect(kindOf('fn f(s: &str) { s.trim().mark(); }')).toBe('prim');
    expect(kindOf('fn f(s: &String) { s.replace("a", "b").mark(); }')).toBe('named String');
    // Unknown receivers stay unknown (`c.to_uppercase()` on a char is an iterator).
    expect(kindOf('fn f() { let u = c.to_uppercase(); u.mark(); }')).toBe('unknown');
  });

  it('names in macro arguments resolve from the invocation (Resolver.at)', () => {
    const src = 'fn f() { let v: Vec<u8> = g(); pr_info!("{}", v.mark()); }';
    const tree = parse(src);
    const index = crateIndex({ files: [{ tree, text: src }] as unknown as FileContext[] } as unknown as CrateContext);
    const r = resolverFor(index, { tree });
    const region = codeRegions(tree).find((x) => x.host)!;
    const m = query('(call_expression function: (field_expression value: (_) @recv field: (field_identifier) @f (#eq? @f "mark")))').matches(region.root)[0];
    const recv = m.captures.find((c) => c.name === 'recv')!.node;
    expect(r.typeOf(recv).k).toBe('unknown');
    expect(r.at(region.host!).typeOf(recv).k).toBe('vec');
  });

  it('shadowing and pattern bindings make a name unknown', () => {
    expect(kindOf('fn f() { let v: Vec<u8> = g(); let v = h(); v.mark(); }')).toBe('unknown');
    expect(kindOf('fn f() { let v: Vec<u8> = g(); for v in xs { v.mark(); } }')).toBe('unknown');
    expect(kindOf('fn f() { let v: Vec<u8> = g(); if let Some(v) = o { v.mark(); } }')).toBe('unknown');
    expect(kindOf('fn f() { let v: Vec<u8> = g(); xs.map(|v| v.mark()); }')).toBe('unknown');
    expect(kindOf('fn f() { let v: Vec<u8> = g(); xs.map(|v: Vec<u8>| v.mark()); }')).toBe('vec<u8>');
    expect(kindOf('fn f() { v.mark(); let v: Vec<u8> = g(); }')).toBe('unknown');
  });

  it('parameters, fields crate-wide, self, indexing, function results', () => {
    expect(kindOf('fn f(v: &mut Vec<u8>) { v.mark(); }')).toBe('vec<u8>');
    expect(kindOf('fn f(v: &mut [u8]) { v.mark(); }')).toBe('slice');
    expect(kindOf('impl S { fn f(&mut self) { self.items.mark(); } }', ['pub struct S { pub items: Vec<u32> }'])).toBe('vec<u32>');
    expect(kindOf('fn f(s: &S) { s.items.mark(); }', ['pub struct S { pub items: Vec<u32> }'])).toBe('vec<u32>');
    expect(kindOf('fn f(g: &mut Vec<Vec<u8>>) { g[0].mark(); }')).toBe('vec<u8>');
    expect(kindOf('fn f() { let v = make()?; v.mark(); }', ['fn make() -> Result<Vec<u8>, E> { todo!() }'])).toBe('vec<u8>');
    expect(kindOf('fn f(s: &S) { s.items().mark(); }', ['impl S { fn items(&self) -> Vec<u8> { todo!() } }'])).toBe('vec<u8>');
  });

  it('a struct name declared twice with different fields is ambiguous; the file\'s own wins', () => {
    expect(kindOf('fn f(s: &S) { s.items.mark(); }', ['struct S { items: Vec<u8> }', 'struct S { items: String }'])).toBe('unknown');
    expect(kindOf('struct S { items: Vec<u8> } fn f(s: &S) { s.items.mark(); }', ['struct S { items: String }'])).toBe('vec<u8>');
  });
});
