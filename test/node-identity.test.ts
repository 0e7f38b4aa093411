// kport turns off the tree-sitter binding's node cache (src/engine/parse.ts):
// a node asked for twice is then two objects, so no code may use a node as a
// Map/Set key or look it up in an array by identity; keys are `node.id`.
// This runs every transform on every golden input with the collections
// watched, and fails on any node handed to them as a key or a search value.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { nodeKey, parse } from '../src/engine/parse.ts';

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

/** Run `f` with Map/Set/WeakMap/WeakSet keys and Array searches watched; the call sites that got a node. */
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
  for (const n of ['get', 'set', 'has', 'delete']) {
    watch(Map.prototype, n, 'Map');
    watch(WeakMap.prototype, n, 'WeakMap');
  }
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

  it('no transform uses a node as a collection key or searches an array for one', () => {
    const files = inputs(GOLDEN);
    expect(files.length).toBeGreaterThan(100);
    const ids = TRANSFORMS.map((t) => t.id);
    const hits = watched(() => {
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        runText(text, { transforms: ids });
        runText(text, { transforms: ids, crate: { options: { io: 'miscdev' } } });
      }
    });
    expect(hits).toEqual([]);
  }, 300_000);
});
