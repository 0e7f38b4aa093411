// src/analysis/ancestors.ts answers on large trees what a walk up answers:
// checked on every golden input at once (one text of more than 128 KB, so
// the ranges are used), against the walk up, and the resolver's answers on
// that tree frozen (ranges) against the same text not frozen (walks up).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { declaringItem, SCOPE_KINDS, scopesAround } from '../src/analysis/ancestors.ts';
import { crateIndex, resolverFor } from '../src/analysis/vec-resolver.ts';
import { codeRegions } from '../src/analysis/macroargs.ts';
import { CrateIndex } from '../src/crate/crate-index.ts';
import type { CrateContext, FileContext, SyntaxNode } from '../src/engine/types.ts';

const GOLDEN = path.resolve(import.meta.dirname, '..', 'golden');

function inputs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...inputs(p));
    else if (e === 'input.rs') out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const TEXT = inputs(GOLDEN).join('\n');
const KINDS = new Set<string>(SCOPE_KINDS);

function walkUp(n: SyntaxNode): number[] {
  const out: number[] = [];
  for (let p = n.parent; p; p = p.parent) if (KINDS.has(p.type)) out.push(p.id);
  return out;
}

describe('ancestors by range', () => {
  it('the golden inputs together are a large tree', () => {
    expect(TEXT.length).toBeGreaterThan(128 * 1024);
  });

  it('scopesAround lists what a walk up meets of the scope kinds', () => {
    const tree = freezeTree(parse(TEXT));
    const nodes = query('[(identifier) (self) (call_expression) (macro_invocation) (struct_expression) (field_identifier)] @n').matches(tree.rootNode).map((m) => m.captures[0].node);
    expect(nodes.length).toBeGreaterThan(10000);
    let answered = 0;
    for (const n of nodes) {
      const around = scopesAround(n);
      if (!around) continue;
      answered++;
      expect(around.map((p) => p.id)).toEqual(walkUp(n));
    }
    expect(answered).toBeGreaterThan(nodes.length * 0.9);
  });

  it('declaringItem is the parent of a function item declaration list', () => {
    const tree = freezeTree(parse(TEXT));
    for (const m of query('(function_item) @f').matches(tree.rootNode)) {
      const fn = m.captures[0].node;
      const list = fn.parent;
      const expected = list?.type === 'declaration_list' ? list.parent : null;
      expect(declaringItem(fn)?.id ?? null).toBe(expected?.id ?? null);
    }
  });

  it('the resolver types every name the same by ranges as by walks up', () => {
    const frozen = freezeTree(parse(TEXT));
    const plain = parse(TEXT);
    const names = '[(identifier) (self) (field_expression) (call_expression)] @n';
    const typesOf = (tree: typeof plain) => {
      const index = crateIndex({ files: [{ tree, text: TEXT }] as unknown as FileContext[] } as unknown as CrateContext);
      const r = resolverFor(index, { tree });
      return query(names).matches(tree.rootNode).map((m) => JSON.stringify(r.typeOf(m.captures[0].node)));
    };
    const byRanges = typesOf(frozen);
    const byWalks = typesOf(plain);
    expect(byRanges.length).toBeGreaterThan(10000);
    expect(byRanges).toEqual(byWalks);
    expect(byRanges.filter((t) => t !== '{"k":"unknown"}').length).toBeGreaterThan(500);
  });
});

describe('macro argument regions', () => {
  it('a later tree of the same large text reuses the argument trees, and no two regions of one file share one', () => {
    // Reuse is for large files only (128 KB and more): a long comment makes this one large.
    const src = `// ${'x'.repeat(128 * 1024)}\n` + 'fn f(v: &[u8]) {\n    pr_info!("{}\\n", v.len());\n    pr_info!("{}\\n", v.len());\n    pr_info!("{} {}\\n", v.len(), g(vec![1, 2]));\n}\n';
    const a = freezeTree(parse(src));
    const b = freezeTree(parse(src));
    const ra = codeRegions(a).filter((r) => r.host);
    const rb = codeRegions(b).filter((r) => r.host);
    expect(ra.length).toBe(4);
    expect(new Set(ra.map((r) => r.root.tree)).size).toBe(ra.length);
    expect(rb.map((r) => r.root.tree)).toEqual(ra.map((r) => r.root.tree));
    expect(rb.map((r) => [r.shift, r.tt, r.text, r.host!.startIndex])).toEqual(ra.map((r) => [r.shift, r.tt, r.text, r.host!.startIndex]));
    // A small file parses its own.
    const small = src.slice(src.indexOf('\n') + 1);
    const rc = codeRegions(freezeTree(parse(small))).filter((r) => r.host);
    const rd = codeRegions(freezeTree(parse(small))).filter((r) => r.host);
    expect(rc.length).toBe(4);
    expect(rc.some((r, i) => r.root.tree === rd[i].root.tree)).toBe(false);
  });
});

describe('crate index module keys by range', () => {
  it('the index of a frozen tree (ranges) equals that of the same text not frozen (walks up)', () => {
    // The golden inputs without parse errors (ranges are used only then), and modules nested inline.
    const clean = inputs(GOLDEN).filter((t) => /\bmod\b/.test(t) && !parse(t).rootNode.hasError);
    const text = [...clean, 'mod outer {\n    pub mod inner {\n        pub fn deep() -> u32 { super::up() }\n    }\n    pub fn up() -> u32 { inner::deep() }\n}\n'].join('\n');
    const indexOf = (tree: ReturnType<typeof parse>) => {
      const idx = new CrateIndex([{ path: 'src/main.rs', text, tree, isCrateRoot: true }], ['']);
      return JSON.stringify({
        fns: idx.fns.map((f) => [f.name, f.module, f.group, f.node.startIndex]),
        calls: idx.calls.map((c) => [c.callee, c.groups, c.end, c.why ?? '']),
        modules: [...idx.modules],
        traits: [...idx.traits],
      });
    };
    const frozen = freezeTree(parse(text));
    expect(frozen.rootNode.hasError).toBe(false);
    const byRanges = indexOf(frozen);
    expect(byRanges).toContain('outer::inner');
    expect(byRanges).toEqual(indexOf(parse(text)));
  });
});
