// Phases (src/engine/pipeline.ts): the transforms of one phase see one text
// and tree, their edits are merged, and the engine walks each file once for
// the queries they declare; words keep a transform off files it has nothing
// to do in.
import { describe, expect, it } from 'vitest';
import { phasesOf, runUnit } from '../src/engine/pipeline.ts';
import { query } from '../src/engine/queries.ts';
import { decodeSource } from '../src/engine/source.ts';
import { getProfile } from '../src/kernel-api/profiles.ts';
import { PHASES, TRANSFORMS, phaseOf } from '../src/cli/registry.ts';
import type { CrateInfo, CrateTransform, FileTransform, Transform } from '../src/engine/types.ts';

const crate: CrateInfo = { root: '/tmp', moduleName: 'm', authors: [], license: 'GPL', rootFiles: ['a.rs'], dependencies: [], metadata: {}, options: {} };
const unitOf = (text: string) => ({ crate, files: [decodeSource('/tmp/a.rs', 'a.rs', Buffer.from(text))], warnings: [] });
const fake = (id: string, run: FileTransform['run'], more: Partial<FileTransform> = {}): FileTransform => ({ id, scope: 'file', summary: 'Test.', profiles: ['mainline'], safety: 'safe', run, ...more });
const together = (ts: Transform[]) => ({ profile: getProfile('mainline'), transforms: ts, phaseOf: () => 'one' });

describe('phases', () => {
  it('groups consecutive transforms of one phase; a transform without one is alone', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => fake(id, () => {}));
    const names: Record<string, string | undefined> = { a: 'x', b: 'x', c: undefined, d: 'x' };
    expect(phasesOf([a, b, c, d], (t) => names[t.id]).map((p) => p.map((t) => t.id))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(phasesOf([a, b]).length).toBe(2);
  });

  it('the registry lists every transform once, in phases', () => {
    expect(PHASES.flatMap((p) => p.transforms)).toEqual(TRANSFORMS);
    expect(new Set(TRANSFORMS.map(phaseOf)).size).toBe(PHASES.length);
    expect(phasesOf(TRANSFORMS, phaseOf).length).toBe(PHASES.length);
  });

  it('members see the text the phase began with, and their edits are merged into one text', () => {
    const seen: string[] = [];
    const first = fake('first', (ctx) => {
      seen.push(ctx.text);
      ctx.edits.replace(ctx.tree.rootNode.namedChildren[0].childForFieldName('name')!, 'renamed');
    });
    const second = fake('second', (ctx) => {
      seen.push(ctx.text);
      ctx.edits.insert(0, '// top\n');
    });
    const r = runUnit(unitOf('fn f() {}\n'), together([first, second]));
    expect(seen).toEqual(['fn f() {}\n', 'fn f() {}\n']);
    expect(r.files[0].text).toBe('// top\nfn renamed() {}\n');
  });

  it('insertions at one point keep the phase order', () => {
    const a = fake('a', (ctx) => ctx.edits.insert(0, '// A\n'));
    const b = fake('b', (ctx) => ctx.edits.insert(0, '// B\n'));
    expect(runUnit(unitOf('fn f() {}\n'), together([a, b])).files[0].text).toBe('// A\n// B\nfn f() {}\n');
  });

  it('edits of two members that overlap abandon the file with K0001', () => {
    const a = fake('a', (ctx) => ctx.edits.replace({ start: 0, end: 4 }, 'x'));
    const b = fake('b', (ctx) => ctx.edits.replace({ start: 2, end: 6 }, 'y'));
    const r = runUnit(unitOf('fn f() {}\n'), together([a, b]));
    expect(r.files[0].changed).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['K0001']);
    expect(r.diagnostics[0].message).toMatch(/overlapping edits from a .* and b/);
  });

  it('a file with none of a transform\'s words is skipped', () => {
    let ran = 0;
    const t = fake('t', () => void ran++, { words: ['println', 'eprint'] });
    runUnit(unitOf('fn f() {}\n'), together([t]));
    expect(ran).toBe(0);
    runUnit(unitOf('fn f() { eprint!("x"); }\n'), together([t]));
    expect(ran).toBe(1);
  });

  it('ctx.matches gives each member its declared query\'s own matches, from one walk', () => {
    const FNS = '(function_item name: (identifier) @name)';
    const CALLS = '(call_expression function: (identifier) @f)';
    const text = 'fn f() { g(); }\nfn g() { f(); h(); }\n';
    const got: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    const a = fake('a', (ctx) => {
      got.a = ctx.matches('fns').map((m) => m.captures[0].node.text);
      want.a = query(FNS).matches(ctx.tree.rootNode).map((m) => m.captures[0].node.text);
    }, { queries: { fns: FNS } });
    const b = fake('b', (ctx) => {
      got.b = ctx.matches('calls').map((m) => m.captures[0].node.text);
      want.b = query(CALLS).matches(ctx.tree.rootNode).map((m) => m.captures[0].node.text);
      expect(() => ctx.matches('fns')).toThrow(/does not declare/);
    }, { queries: { calls: CALLS } });
    runUnit(unitOf(text), together([a, b]));
    expect(got).toEqual({ a: ['f', 'g'], b: ['g', 'f', 'h'] });
    expect(got).toEqual(want);
  });

  it('a crate transform runs only when a file of the unit has one of its words and its applies agrees', () => {
    let ran = 0;
    const t = (more: Partial<CrateTransform>): CrateTransform => ({ id: 'c', scope: 'crate', summary: 'Test.', profiles: ['mainline'], safety: 'safe', run: () => void ran++, ...more });
    runUnit(unitOf('fn f() {}\n'), together([t({ words: ['stdin'] })]));
    expect(ran).toBe(0);
    runUnit(unitOf('fn f() { io::stdin(); }\n'), together([t({ words: ['stdin'] })]));
    expect(ran).toBe(1);
    runUnit(unitOf('fn f() { io::stdin(); }\n'), together([t({ words: ['stdin'], applies: ({ crate }) => crate.options.io === 'miscdev' })]));
    expect(ran).toBe(1);
    runUnit({ ...unitOf('fn f() {}\n'), crate: { ...crate, options: { io: 'miscdev' } } }, together([t({ applies: ({ crate }) => crate.options.io === 'miscdev' })]));
    expect(ran).toBe(2);
  });
});
