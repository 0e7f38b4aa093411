import { describe, expect, it } from 'vitest';
import { runUnit } from '../src/engine/pipeline.ts';
import { decodeSource, encodeSource } from '../src/engine/source.ts';
import { getProfile } from '../src/kernel-api/profiles.ts';
import { runText } from '../src/cli/api.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import type { CrateInfo, FileTransform } from '../src/engine/types.ts';

const crate: CrateInfo = { root: '/tmp', moduleName: 'm', authors: [], license: 'GPL', rootFiles: ['a.rs'], dependencies: [], metadata: {}, options: {} };

function unitOf(text: string) {
  return { crate, files: [decodeSource('/tmp/a.rs', 'a.rs', Buffer.from(text))], warnings: [] };
}

function fake(id: string, run: FileTransform['run']): FileTransform {
  return { id, scope: 'file', summary: 'Test.', profiles: ['mainline'], safety: 'safe', run };
}

describe('pipeline', () => {
  it('passes each transform the text the previous one produced, re-parsed', () => {
    const first = fake('first', (ctx) => {
      const fn = ctx.tree.rootNode.namedChildren[0];
      ctx.edits.replace(fn.childForFieldName('name')!, 'renamed');
    });
    let seen = '';
    const second = fake('second', (ctx) => {
      seen = ctx.tree.rootNode.namedChildren[0].childForFieldName('name')!.text;
      ctx.edits.insert(0, '// top\n');
    });
    const r = runUnit(unitOf('fn f() {}\n'), { profile: getProfile('mainline'), transforms: [first, second] });
    expect(seen).toBe('renamed');
    expect(r.files[0].text).toBe('// top\nfn renamed() {}\n');
  });

  it('an overlap abandons the file with K0001 and keeps it unchanged', () => {
    const bad = fake('bad', (ctx) => {
      ctx.edits.replace({ start: 0, end: 4 }, 'x');
      ctx.edits.replace({ start: 2, end: 6 }, 'y');
    });
    const r = runUnit(unitOf('fn f() {}\n'), { profile: getProfile('mainline'), transforms: [bad] });
    expect(r.files[0].changed).toBe(false);
    expect(r.files[0].failure).toMatch(/overlapping edits/);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['K0001']);
  });

  it('output that parses worse than the input is dropped with K0001', () => {
    const breaker = fake('breaker', (ctx) => ctx.edits.insert(ctx.text.length, 'fn (\n'));
    const r = runUnit(unitOf('fn f() {}\n'), { profile: getProfile('mainline'), transforms: [breaker] });
    expect(r.files[0].text).toBe('fn f() {}\n');
    expect(r.diagnostics[0].code).toBe('K0001');
    expect(r.diagnostics[0].message).toMatch(/syntax error/);
  });

  it('reports diagnostics at positions in the original file', () => {
    const shift = fake('shift', (ctx) => ctx.edits.insert(0, '// a\n// b\n'));
    const reporter = fake('reporter', (ctx) => {
      const fn = ctx.tree.rootNode.namedChildren.find((n) => n.type === 'function_item')!;
      ctx.report({ code: 'K0002', message: 'here', node: fn.childForFieldName('name')! });
    });
    const r = runUnit(unitOf('\nfn góód() {}\n'), { profile: getProfile('mainline'), transforms: [shift, reporter] });
    expect(r.diagnostics[0].start).toEqual({ line: 2, column: 4 });
    expect(r.diagnostics[0].end).toEqual({ line: 2, column: 8 });
  });

  it('refuses a file with syntax errors that it needs to change (K0004), and only warns about one it does not (K0002)', () => {
    const r = runText('fn a() { println!("ok"); }\nfn b( { println!("broken"); \n', { transforms: ['print-macros'] });
    expect(r.files[0].changed).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['K0004', 'error']]);
    const w = runText('fn a() {}\nfn b( {\n', { transforms: ['print-macros'] });
    expect(w.diagnostics.map((d) => [d.code, d.severity])).toEqual([['K0002', 'warning']]);
  });

  it('a refused file is left out of the crate: no edit of it, no propagation into it, no module scaffolding', () => {
    const files = [
      ['main.rs', 'mod broken;\nmod util;\n\nfn main() {\n    util::fill();\n    broken::show();\n}\n'],
      ['util.rs', 'pub fn fill() {\n    let mut v = Vec::new();\n    v.push(1u8);\n}\n'],
      ['broken.rs', 'unsafe extern "C" {\n    pub safe fn abs(x: i32) -> i32;\n}\n\npub fn show() {\n    crate::util::fill();\n    println!("{}", abs(-1));\n}\n'],
    ];
    const unit = {
      crate: { ...crate, rootFiles: ['main.rs'] },
      files: files.map(([rel, text]) => decodeSource(`/tmp/${rel}`, rel, Buffer.from(text))),
      warnings: [],
    };
    const r = runUnit(unit, { profile: getProfile('mainline'), transforms: TRANSFORMS });
    const [main, util, broken] = r.files;
    expect(r.files.map((f) => f.src.rel)).toEqual(['main.rs', 'util.rs', 'broken.rs']);
    expect(broken.changed).toBe(false);
    expect(util.text).toContain('v.push(1u8, GFP_KERNEL)?;');
    // main is no module entry: the crate includes a file that was not ported.
    expect(main.text).not.toContain('module!');
    expect(main.text).toContain('util::fill()?;');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file}:${d.start.line}`)).toEqual(['K0004 broken.rs:1']);
  });

  it('leaves files with nothing to do byte-identical', () => {
    const r = runText('fn start() {}\n');
    expect(r.files[0].changed).toBe(false);
  });
});

describe('source round-trip', () => {
  const cases: [string, Buffer][] = [
    ['LF', Buffer.from('fn run() {\n    println!("a");\n}\n')],
    ['CRLF', Buffer.from('fn run() {\r\n    println!("a");\r\n}\r\n')],
    ['BOM', Buffer.from('\ufefffn run() {\n    println!("a");\n}\n')],
    ['no final newline', Buffer.from('fn run() {\n    println!("a");\n}')],
    ['BOM + CRLF + no final newline', Buffer.from('\ufefffn run() {\r\n    println!("a");\r\n}')],
  ];
  for (const [name, bytes] of cases) {
    it(`keeps ${name}`, () => {
      const r = runText(bytes);
      const out = encodeSource(r.files[0].src, r.files[0].text);
      const expected = bytes.toString('utf8').replace('println!("a")', 'pr_info!("a\\n")').replace('fn run', 'use kernel::prelude::*;\n\nfn run'.replace(/\n/g, bytes.includes(13) ? '\r\n' : '\n'));
      expect(out.toString('utf8')).toBe(expected);
    });
  }

  it('keeps mixed line endings exactly', () => {
    const bytes = Buffer.from('fn a() {}\r\nfn main() {\n    println!("a");\n}\n');
    const r = runText(bytes, { transforms: ['print-macros'] });
    expect(encodeSource(r.files[0].src, r.files[0].text).toString()).toBe('fn a() {}\r\nfn main() {\n    pr_info!("a\\n");\n}\n');
  });

  it('refuses invalid UTF-8 and UTF-16', () => {
    expect(() => decodeSource('/x.rs', 'x.rs', Buffer.from([0x66, 0x6e, 0xff, 0x20]))).toThrow(/not valid UTF-8/);
    expect(() => decodeSource('/x.rs', 'x.rs', Buffer.from([0xff, 0xfe, 0x66, 0x00]))).toThrow(/UTF-16/);
  });
});
