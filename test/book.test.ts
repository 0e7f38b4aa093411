// The pure parts of `npm run book` (scripts/book-measure.ts) on small
// synthetic inputs: which listings qualify, how a ported line is traced back
// to the input, and how rustc errors are classified and counted. The book
// itself is never needed here.
import { describe, expect, it } from 'vitest';
import { classify, groupCauses, isBinaryCrate, lineMap, manifestRejection, measureListing, summarize, type Diag } from '../scripts/book-measure.ts';

describe('book listing selection', () => {
  it('takes a manifest without dependencies', () => {
    expect(manifestRejection('[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n')).toBeUndefined();
    expect(manifestRejection('[package]\nname = "x"\n[dev-dependencies]\npretty = "1"\n')).toBeUndefined();
  });
  it('leaves out dependencies of every kind, workspaces and bad TOML', () => {
    expect(manifestRejection('[package]\nname = "x"\n[dependencies]\nrand = "0.8"\n')).toBe('has dependencies');
    expect(manifestRejection('[package]\nname = "x"\n[dependencies.trpl]\npath = "../trpl"\n')).toBe('has dependencies');
    expect(manifestRejection('[package]\nname = "x"\n[build-dependencies]\ncc = "1"\n')).toBe('has build-dependencies');
    expect(manifestRejection('[package]\nname = "x"\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n')).toBe('has target dependencies');
    expect(manifestRejection('[workspace]\nmembers = ["a"]\n')).toBe('a workspace root');
    expect(manifestRejection('[package\nname=')).toBe('unreadable Cargo.toml');
  });
  it('needs Cargo.toml and src/main.rs', () => {
    expect(isBinaryCrate(['Cargo.toml', 'src/main.rs', 'src/garden.rs'])).toBe(true);
    expect(isBinaryCrate(['Cargo.toml', 'src/lib.rs'])).toBe(false);
    expect(isBinaryCrate(['src/main.rs'])).toBe(false);
  });
});

describe('tracing a ported line back to the input', () => {
  const input = 'fn main() {\n    let v = vec![1];\n    println!("{}", v[0]);\n}\n';
  const ported = [
    'use kernel::prelude::*;', // 1 inserted
    '',
    'struct M;',
    'impl kernel::Module for M {',
    '    fn init(_m: &\'static ThisModule) -> Result<Self> {', // 5: replaces `fn main() {`
    '        let v = kernel::kvec![1]?;', // 6: replaced line 2
    '        pr_info!("{}\\n", v[0]);', // 7: replaced line 3
    '        Ok(M)', // 8 inserted
    '    }',
    '}',
    '',
  ].join('\n');

  it('follows re-indented lines (main body moved into init) to their own line', () => {
    const m = lineMap('a\n  b\nc\n', 'x\n      a\n b\nc\n');
    expect(m[2]).toEqual({ lo: 1, hi: 1, anchor: 'L1' });
    expect(m[3]).toEqual({ lo: 2, hi: 2, anchor: 'L2' });
    expect(m[1]).toEqual({ lo: 1, hi: 1, anchor: 'after-L0', inserted: true });
  });

  it('pairs each rewritten line with the input line it came from; scaffolding maps to `fn main`, an insertion to its neighbours', () => {
    const m = lineMap(input, ported);
    for (const l of [1, 2, 3, 4, 5]) expect(m[l]).toEqual({ lo: 1, hi: 1, anchor: 'L1' });
    expect(m[6]).toEqual({ lo: 2, hi: 2, anchor: 'L2' }); // vec! → kernel::kvec![..]?
    expect(m[7]).toEqual({ lo: 3, hi: 3, anchor: 'L3' }); // println! → pr_info!
    expect(m[8]).toEqual({ lo: 3, hi: 4, anchor: 'after-L3', inserted: true }); // Ok(M)
    expect(m[9]).toEqual({ lo: 4, hi: 4, anchor: 'L4' });
  });

  it('is not pulled off by the blank lines of an inserted module! block', () => {
    // A plain line diff pairs input line 3 (blank) with the blank after `module!`,
    // and the rewritten `let args` then looks like an insertion after it.
    const old = ['use std::env;', '', 'fn main() {', '    let args: Vec<String> = env::args().collect();', '', '    let n = parse(&args);', '}'].join('\n') + '\n';
    const neu = ['use kernel::prelude::*;', '', 'use std::env;', '', 'module! {', '    type: M,', '}', '', 'struct M;', '', 'impl kernel::Module for M {', "    fn init(_m: &'static ThisModule) -> Result<Self> {", '        let args: KVec<String> = env::args().try_collect(GFP_KERNEL)?;', '', '        let n = parse(&args);', '        Ok(M)', '    }', '}'].join('\n') + '\n';
    const m = lineMap(old, neu);
    expect(m[13]).toEqual({ lo: 4, hi: 4, anchor: 'L4' });
    expect(m[15]).toEqual({ lo: 6, hi: 6, anchor: 'L6' });
    expect(m[3]).toEqual({ lo: 1, hi: 1, anchor: 'L1' });
    expect(m[12].anchor).toBe('L3'); // fn init stands for fn main
  });

  it('maps an unpaired stretch line by line when sizes match, else to the whole input stretch', () => {
    expect(lineMap('a b c\nfoo\nd\n', 'a b c\nzzz\nd\n')[2]).toEqual({ lo: 2, hi: 2, anchor: 'L2' });
    expect(lineMap('a\nbar\nbaz\nd\n', 'a\nzzz\nd\n')[2]).toEqual({ lo: 2, hi: 3, anchor: 'L2-L3' });
    expect(lineMap('a\nc\n', 'a\nb\nc\n')[2]).toEqual({ lo: 1, hi: 2, anchor: 'after-L1', inserted: true });
    expect(lineMap('a\n', 'x\na\n')[1]).toEqual({ lo: 1, hi: 1, anchor: 'after-L0', inserted: true });
    expect(lineMap('a\n', 'a\nx\n')[2]).toEqual({ lo: 1, hi: 1, anchor: 'after-L1', inserted: true });
  });
});

describe('classifying rustc errors of a port', () => {
  it('finds the three kinds of propagation miss', () => {
    expect(classify('E0277: the `?` operator can only be used in a function that returns `Result` or `Option` (or another type that implements `FromResidual`)', '')).toEqual({ kind: 'propagation', why: '?-in-infallible' });
    expect(classify('E0277: the `?` operator can only be used in a closure that returns `Result` or `Option` (or another type that implements `FromResidual`)', '')).toEqual({ kind: 'propagation', why: '?-in-infallible' });
    expect(classify('E0277: the `?` operator can only be applied to values that implement `Try`', '')).toEqual({ kind: 'propagation', why: '?-on-non-result' });
    expect(classify('E0308: mismatched types', 'expected `u32`, found `Result<u32, kernel::error::Error>`\nexpected type `u32`\n   found enum `Result<u32, kernel::error::Error>`')).toEqual({ kind: 'propagation', why: 'result-as-value' });
    expect(classify('E0308: mismatched types', 'expected `Result<u32, Error>`, found `u32`')).toEqual({ kind: 'propagation', why: 'result-as-value' });
    expect(classify('E0308: mismatched types', 'expected `core::result::Result<(), kernel::error::Error>`, found `()`')).toEqual({ kind: 'propagation', why: 'result-as-value' });
    expect(classify('E0277: cannot add `Result<u32, ()>` to `u32`', 'no implementation for `u32 + Result<u32, ()>`')).toEqual({ kind: 'propagation', why: 'result-as-value' });
    expect(classify('E0599: no method named `len` found for enum `Result` in the current scope', 'method not found in `Result<KVec<u8>, Error>`')).toEqual({ kind: 'propagation', why: 'result-as-value' });
  });
  it('keeps error-type mismatches and everything else apart', () => {
    expect(classify('E0308: mismatched types', 'expected `Result<u32, ParseError>`, found `Result<u32, Error>`')).toEqual({ kind: 'error-type' });
    expect(classify("E0277: `?` couldn't convert the error to `ParseError`", '')).toEqual({ kind: 'error-type' });
    expect(classify('E0308: mismatched types', 'expected `u32`, found `&str`')).toEqual({ kind: 'other' });
    expect(classify('E0433: cannot find type `String` in this scope', '')).toEqual({ kind: 'other' });
    expect(classify('E0599: no method named `push_str` found for struct `KVec` in the current scope', '')).toEqual({ kind: 'other' });
  });
});

describe('measuring one listing', () => {
  const input = 'fn main() {\n    let s = String::new();\n    let n = count();\n}\nfn count() -> u32 {\n    1\n}\n';
  const ported = 'use kernel::prelude::*;\nfn main() {\n    let s = String::new();\n    let n = count();\n}\nfn count() -> Result<u32> {\n    Ok(1)\n}\n';
  const diag = (line: number, severity: string, code = 'K0304', file = 'src/main.rs'): Diag => ({ code, severity, message: 'm', file, start: { line, column: 1 }, end: { line, column: 9 } });
  const rustc = (line: number, message: string, file = 'src/main.rs'): Diag => ({ code: 'K0801', severity: 'error', message, file, start: { line, column: 5 }, end: { line, column: 9 } });
  const files = (m: Record<string, string>) => new Map(Object.entries(m));

  it('an error at a reported input line is not silent; one at an unreported line is', () => {
    const r = measureListing({
      listing: 'ch01/x',
      inputs: files({ 'src/main.rs': input }),
      outputs: files({ 'src/main.rs': ported, 'src/kport_compat.rs': 'pub trait T {}\n' }),
      kport: [diag(2, 'error'), diag(1, 'note', 'K0501')],
      rustc: [rustc(3, 'E0433: cannot find type `String` in this scope'), rustc(4, 'E0308: mismatched types'), rustc(1, 'E0405: x', 'src/kport_compat.rs')],
      details: ['', 'expected `u32`, found `Result<u32, Error>`', ''],
    });
    expect(r.errors.map((e) => [e.anchor, e.silent, e.kind])).toEqual([
      ['L2', false, 'other'],
      ['L3', true, 'propagation'],
      ['new-file', true, 'other'],
    ]);
    expect(r.errors[0].kportOnLine).toEqual(['K0304 error']);
    expect(r.silentLines).toBe(2);
    expect(r.propagationMisses).toBe(1);
    expect(r.claimedCleanButFails).toBe(false);
    expect(r.compiles).toBe(false);
  });

  it('reads rustc errors in a renamed crate root (src/<module>.rs) at the input path', () => {
    const r = measureListing({
      listing: 'ch01/z',
      inputs: files({ 'src/main.rs': input }),
      outputs: files({ 'src/main.rs': ported }),
      kport: [diag(2, 'error')],
      rustc: [rustc(3, 'E0433: cannot find type `String` in this scope', 'src/demo.rs'), rustc(4, 'E0599: x', 'src/demo.rs')],
      details: ['', ''],
      renames: new Map([['src/demo.rs', 'src/main.rs']]),
    });
    expect(r.errors.map((e) => [e.file, e.anchor, e.silent])).toEqual([
      ['src/main.rs', 'L2', false],
      ['src/main.rs', 'L3', true],
    ]);
    const lost = measureListing({ listing: 'ch01/z', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': ported }), kport: [diag(2, 'error')], rustc: [rustc(3, 'E0433: x', 'src/demo.rs'), rustc(1, 'E0601: x', '.')], details: ['', ''] });
    expect(lost.errors.map((e) => [e.anchor, e.silent])).toEqual([
      ['unknown-file', true],
      ['no-position', false],
    ]);
  });

  it('a note counts as a report for "silent" but not for the error-level contract; no error at all is "claimed clean"', () => {
    const r = measureListing({
      listing: 'ch01/y',
      inputs: files({ 'src/main.rs': input }),
      outputs: files({ 'src/main.rs': ported }),
      kport: [diag(3, 'warning', 'K0601')],
      rustc: [rustc(4, 'E0599: no method named `x` found')],
      details: [''],
    });
    expect(r.errors[0].silent).toBe(false);
    expect(r.errors[0].noErrorAtLine).toBe(true);
    expect(r.claimedCleanButFails).toBe(true);
  });

  it('an error anywhere in a file kport refused (K0004) is reported', () => {
    const r = measureListing({ listing: 'ch20/u', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': input }), kport: [diag(1, 'error', 'K0004')], rustc: [rustc(3, 'E0433: cannot find type `String` in this scope')], details: [''] });
    expect(r.errors.map((e) => [e.anchor, e.silent, e.noErrorAtLine])).toEqual([['L3', false, false]]);
    expect(r.claimedCleanButFails).toBe(false);
  });

  it('sums and groups', () => {
    const a = measureListing({ listing: 'a', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': ported }), kport: [], rustc: [rustc(3, 'E0433: cannot find type `String` in this scope')], details: [''] });
    const b = measureListing({ listing: 'b', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': input }), kport: [], rustc: [], details: [] });
    const c = measureListing({ listing: 'c', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': ported }), kport: [], rustc: [rustc(3, 'E0433: cannot find type `Vec` in this scope')], details: [''] });
    const s = summarize([a, b, c, { ...b, listing: 'd', refused: 'bad' }]);
    expect(s).toMatchObject({ selected: 4, refused: 1, compiles: 1, rustcErrors: 2, silentLines: 2, listingsWithSilentLines: 2, claimedCleanButFails: 2, propagationMisses: 0, failing: 2, failingReported: 0 });
    // A failing listing whose every rustc error is at an error-level diagnostic counts as reported.
    const d = measureListing({ listing: 'd', inputs: files({ 'src/main.rs': input }), outputs: files({ 'src/main.rs': input }), kport: [diag(1, 'error', 'K0004')], rustc: [rustc(3, 'E0433: cannot find type `String` in this scope')], details: [''] });
    expect(summarize([a, d])).toMatchObject({ failing: 2, failingReported: 1 });
    expect(groupCauses([a, b, c], (_, e) => e.silent)).toEqual([{ key: 'E0433 cannot find type `_` in this scope', count: 2, listings: ['a', 'c'] }]);
  });
});
