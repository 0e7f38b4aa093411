// How the engine treats tree-sitter trees (src/engine/parse.ts, pipeline.ts).
// - The binding's node cache is off: a node asked for twice is two objects, so
//   no code may use a node as a Map/Set key or look it up in an array by
//   identity; keys are `node.id`. Every transform runs on every golden input
//   with the collections watched, and any node handed to a Map, Set, WeakSet
//   or array search fails the test. A WeakMap keyed by node is allowed as a
//   cache only (a miss must be harmless: the same node may come back as
//   another object; objects from memoized queries and parent walks repeat).
// - After a phase changed a file, its tree is edited (`editTree`) and parsed
//   again incrementally: the result must be the tree a fresh parse gives, on
//   synthetic edits and (KPORT_CHECK_REPARSE=1) on every re-parse of that run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { bindingGetters, editTree, nodeKey, parse, reparse, reparseStats, sameTree } from '../src/engine/parse.ts';
import { sortAndCheck, applyEdits, type Edit } from '../src/engine/edits.ts';

const GOLDEN = path.resolve(import.meta.dirname, '..', 'golden');
const SyntaxNode = (Parser as unknown as { SyntaxNode: new () => object }).SyntaxNode;

function inputs(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) inputs(p, out);
    else if (e === 'input.rs' || (p.includes(`${path.sep}input${path.sep}`) && e.endsWith('.rs'))) out.push(p);
  }
  return out;
}

/** Run `f` with Map/Set/WeakSet keys and Array searches watched; the call sites that got a node. */
function watched(f: () => void): string[] {
  const hits = new Set<string>();
  const undo: (() => void)[] = [];
  const watch = (proto: object, name: string, what: string) => {
    const orig = (proto as Record<string, (...a: unknown[]) => unknown>)[name];
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...a: unknown[]) {
        if (a[0] instanceof SyntaxNode) hits.add(`${what}.${name} ${new Error().stack!.split('\n').slice(2, 4).map((l) => l.trim()).join(' < ')}`);
        return orig.apply(this, a);
      },
    });
    undo.push(() => Object.defineProperty(proto, name, { configurable: true, writable: true, value: orig }));
  };
  for (const n of ['get', 'set', 'has', 'delete']) watch(Map.prototype, n, 'Map');
  for (const n of ['add', 'has', 'delete']) {
    watch(Set.prototype, n, 'Set');
    watch(WeakSet.prototype, n, 'WeakSet');
  }
  for (const n of ['indexOf', 'includes', 'lastIndexOf']) watch(Array.prototype, n, 'Array');
  try {
    f();
  } finally {
    for (const u of undo.reverse()) u();
  }
  return [...hits];
}

describe('node identity', () => {
  it('nodeKey is the node id, and one node asked for twice is two objects (the cache is off)', () => {
    const tree = parse('fn main() { let v = vec![1, 2]; println!("{}", v.len()); }');
    const a = tree.rootNode.firstChild!;
    const b = tree.rootNode.firstChild!;
    expect(a).not.toBe(b);
    expect(nodeKey(a)).toBe(a.id);
    expect(nodeKey(a)).toBe(nodeKey(b));
    const ids = new Set<number>();
    const walk = (n: Parser.SyntaxNode) => {
      expect(nodeKey(n)).toBe(n.id);
      ids.add(nodeKey(n));
      for (const c of n.children) walk(c);
    };
    walk(tree.rootNode);
    expect(ids.size).toBeGreaterThan(20);
  });

  it('no transform uses a node as a Map or Set key or searches an array for one; every incremental re-parse equals a fresh one', () => {
    const files = inputs(GOLDEN);
    expect(files.length).toBeGreaterThan(100);
    const ids = TRANSFORMS.map((t) => t.id);
    const before = { ...reparseStats };
    process.env.KPORT_CHECK_REPARSE = '1';
    let hits: string[];
    try {
      hits = watched(() => {
        for (const file of files) {
          const text = readFileSync(file, 'utf8');
          runText(text, { transforms: ids });
          runText(text, { transforms: ids, crate: { options: { io: 'miscdev' } } });
        }
      });
    } finally {
      delete process.env.KPORT_CHECK_REPARSE;
    }
    expect(hits).toEqual([]);
    expect(reparseStats.checked - before.checked).toBeGreaterThan(200);
    expect(reparseStats.mismatches - before.mismatches).toBe(0);
  }, 300_000);
});

/** Edits of the kinds the passes make: replacements, insertions with new lines, removals, wide characters, touching and at one point. */
function someEdits(text: string): Edit[] {
  const out: Edit[] = [];
  const add = (start: number, end: number, t: string) => out.push({ start, end, text: t, by: 'test', seq: out.length });
  for (const m of text.matchAll(/println!/g)) add(m.index, m.index + 'println!'.length, 'pr_info!');
  for (const m of text.matchAll(/\bfn /g)) {
    add(m.index, m.index, '// 𝄞 é\n');
    add(m.index, m.index, '#[allow(dead_code)]\n');
  }
  for (const m of text.matchAll(/\bpub /g)) add(m.index, m.index + 4, '');
  for (const m of text.matchAll(/\.unwrap\(\)/g)) {
    add(m.index, m.index + '.unwrap()'.length, '?');
    add(m.index + '.unwrap()'.length, m.index + '.unwrap()'.length, ' /* was\nunwrap */');
  }
  for (const m of text.matchAll(/Vec::new\(\)/g)) add(m.index, m.index + 'Vec::new()'.length, 'KVec::new()');
  return out;
}

describe('getters answered in JavaScript', () => {
  it('type and startIndex equal the binding\'s own answers on every node of every golden input (and of a file with errors)', () => {
    const texts = inputs(GOLDEN).map((f) => readFileSync(f, 'utf8'));
    texts.push('fn f( { let x = ; } struct S { a: u8,, }\nimpl {{ é "ü" }\n');
    let nodes = 0;
    const types = new Set<string>();
    for (const text of texts) {
      const stack = [parse(text).rootNode];
      while (stack.length) {
        const n = stack.pop()!;
        // Twice: the first read of a class puts its type on the prototype, the second reads it there.
        for (let i = 0; i < 2; i++) {
          expect(n.type).toBe(bindingGetters.type!.call(n));
          expect(n.startIndex).toBe(bindingGetters.startIndex!.call(n));
        }
        types.add(n.type);
        nodes++;
        stack.push(...n.children);
      }
    }
    expect(nodes).toBeGreaterThan(10000);
    expect(types.has('ERROR')).toBe(true);
  });
});

describe('incremental re-parse', () => {
  it('sameTree tells trees apart', () => {
    expect(sameTree(parse('fn a() {}'), parse('fn a() {}'))).toBe(true);
    expect(sameTree(parse('fn a() {}'), parse('fn ab() {}'))).toBe(false);
    expect(sameTree(parse('fn a() {}'), parse('struct A {}'))).toBe(false);
    expect(sameTree(parse('fn a() {}'), parse('fn a() { }'))).toBe(false);
    expect(sameTree(parse('fn a() {}\n'), parse('\nfn a() {}'))).toBe(false);
    expect(sameTree(parse('fn a() {\n}'), parse('fn  a() {\n}'))).toBe(false);
  });

  it('gives the tree of a fresh parse after edits of every kind (golden inputs, two rounds)', () => {
    let compared = 0;
    for (const file of inputs(GOLDEN)) {
      let text = readFileSync(file, 'utf8');
      let tree = parse(text);
      for (let round = 0; round < 2; round++) {
        const edits = someEdits(text);
        if (!edits.length) break;
        const sorted = sortAndCheck(edits);
        const next = applyEdits(text, sorted);
        editTree(tree, text, next, sorted);
        tree = reparse(next, tree);
        expect(sameTree(tree, parse(next)), `${file}, round ${round}`).toBe(true);
        text = next;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('refuses edits that do not make the new text, and leaves the tree alone', () => {
    const text = 'fn main() { println!("hi"); }\n';
    const tree = parse(text);
    const sorted = sortAndCheck([{ start: 12, end: 20, text: 'pr_info!', by: 'test', seq: 0 }]);
    expect(() => editTree(tree, text, `${applyEdits(text, sorted)} `, sorted)).toThrow();
    expect(sameTree(tree, parse(text))).toBe(true);
  });
});
