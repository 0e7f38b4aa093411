// `kport verify --warnings` prints rustc's warnings (K0803) in the diagnostics
// format; `--werror` counts them as errors, as CONFIG_WERROR=y does. verify runs
// rustc with the lints of the kernel's top Makefile (`rust_common_flags`,
// src/kernel-api/lints.ts): one of them firing is K0804. kport's own additions
// (the compat module, the module scaffolding) add no warning, and on every
// bundled example `--werror` fails nowhere plain `verify` passes but where the
// user's own code trips a kernel lint (reported, not rewritten). Skipped without rustc.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRustc } from '../src/verify/verify.ts';
import { KERNEL_LINTS, kernelLintFlag, kernelLintFlags } from '../src/kernel-api/lints.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { ROOT, kport, moduleWith, tempDir } from './helpers.ts';

const hasRustc = !!findRustc();
if (!hasRustc) console.warn('verify-warnings.test.ts: skipped: no rustc on PATH');

interface Diag {
  code: string;
  severity: string;
  message: string;
  file: string;
  start: { line: number };
}

async function verify(target: string, ...flags: string[]) {
  const r = await kport(['verify', '--format', 'json', ...flags, target]);
  const ds = r.stdout ? (JSON.parse(r.stdout).diagnostics as Diag[]) : [];
  return { ...r, ds };
}

function file(text: string): string {
  const dir = tempDir();
  const f = path.join(dir, 'demo.rs');
  writeFileSync(f, text);
  return f;
}

/** A module with its crate doc (the kernel builds with -Wmissing_docs). */
const documented = (body: string, extra = '') => `//! Demo.\n${moduleWith(body, extra)}`;
const unused = documented('    let count = 3u32;');

describe('the kernel lint flags (src/kernel-api/lints.ts)', () => {
  it('from 6.11 the idiom, visibility and docs lints warn; unsafe ops and non-ASCII names stay errors', () => {
    for (const p of ['mainline', 'v6.19', 'v6.17', 'v6.15', 'v6.13'] as const) {
      expect(kernelLintFlags(p), p).toEqual(['-Astable_features', '-Dunsafe_op_in_unsafe_fn', '-Dnon_ascii_idents', '-Wrust_2018_idioms', '-Wunreachable_pub', '-Wmissing_docs']);
    }
    for (const p of ['v6.10', 'v6.1'] as const) expect(kernelLintFlags(p), p).toContain('-Dunreachable_pub');
    for (const p of PROFILE_IDS) expect(KERNEL_LINTS[p].source, p).toMatch(/rust_common_flags/);
  });

  it('names the flag that makes a warning a kernel one, group members included; rustc defaults are not', () => {
    expect(kernelLintFlag('mainline', 'unreachable_pub')).toBe('-Wunreachable_pub');
    expect(kernelLintFlag('mainline', 'elided_lifetimes_in_paths')).toBe('-Wrust_2018_idioms');
    expect(kernelLintFlag('mainline', 'missing_docs')).toBe('-Wmissing_docs');
    expect(kernelLintFlag('mainline', 'unused_variables')).toBeUndefined();
    // On 6.1 to 6.10 they are errors, not warnings.
    expect(kernelLintFlag('v6.1', 'unreachable_pub')).toBeUndefined();
  });
});

describe.skipIf(!hasRustc)('kport verify --warnings / --werror', () => {
  it('without a flag: no warning is printed, the summary counts them, exit 0', async () => {
    const r = await verify(file(unused));
    expect(r.ds).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 rustc warning\(s\); --warnings shows them/);
  });

  it('--warnings prints each warning as K0803 at the user line, exit 0', async () => {
    const r = await verify(file(unused), '--warnings');
    expect(r.code).toBe(0);
    expect(r.ds.map((d) => [d.code, d.severity, d.start.line])).toEqual([['K0803', 'warning', unused.split('\n').findIndex((l) => l.includes('let count')) + 1]]);
    expect(r.ds[0].message).toMatch(/^unused_variables: unused variable: `count`/);
  });

  it('--werror makes them errors: exit 1', async () => {
    const r = await verify(file(unused), '--werror');
    expect(r.code).toBe(1);
    expect(r.ds.map((d) => [d.code, d.severity])).toEqual([['K0803', 'error']]);
    expect(r.stderr).toMatch(/1 error\(s\).*1 of them rustc warnings, --werror/);
  });

  it('human format: the same rustc-style block as errors', async () => {
    const r = await kport(['verify', '--warnings', file(unused)]);
    expect(r.stderr).toMatch(/warning\[K0803\]: unused_variables: unused variable: `count`\n\s+--> demo\.rs:\d+:\d+/);
  });

  it('--kdir with --warnings is a usage error (the kernel build decides)', async () => {
    const r = await kport(['verify', '--werror', '--kdir', tempDir(), file(unused)]);
    expect(r.code).toBe(2);
  });

  it('a lint the kernel turns on (-Wunreachable_pub) is K0804 under --warnings, with the flag named, and fails --werror', async () => {
    const text = documented('    greet::hi();', 'mod greet {\n    pub fn hi() {}\n}\n');
    const line = text.split('\n').findIndex((l) => l.includes('pub fn hi')) + 1;
    const plain = await verify(file(text));
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/1 rustc warning\(s\), 1 from the kernel's own lints \(K0804: a CONFIG_WERROR=y kernel fails on them\); --warnings shows them/);
    const w = await verify(file(text), '--warnings');
    expect(w.code).toBe(0);
    expect(w.ds.map((d) => [d.code, d.severity, d.start.line, d.message])).toEqual([['K0804', 'warning', line, 'unreachable_pub: unreachable `pub` item']]);
    expect((w.ds[0] as Diag & { help?: string }).help).toMatch(/-Wunreachable_pub.*rust_common_flags.*CONFIG_WERROR/);
    const e = await verify(file(text), '--werror');
    expect(e.code).toBe(1);
    expect(e.ds.map((d) => [d.code, d.severity])).toEqual([['K0804', 'error']]);
  });

  it('-Wmissing_docs: a module crate with no doc comment, and rust_2018_idioms: a path with its lifetime left out', async () => {
    const lifetime = "struct W<'a>(&'a u32);\nfn get(w: W) -> u32 {\n    *w.0\n}\n";
    const text = moduleWith('    get(W(&1));', lifetime);
    const r = await verify(file(text), '--warnings');
    expect(r.ds.map((d) => [d.code, d.message.split(':')[0]]).sort()).toEqual([['K0804', 'elided_lifetimes_in_paths'], ['K0804', 'missing_docs']]);
    for (const p of ['v6.13', 'v6.19']) {
      const old = await verify(file(text.replace('authors: ["kport"]', p === 'v6.13' ? 'author: "kport"' : 'authors: ["kport"]')), '--warnings', '--profile', p);
      expect(old.ds.filter((d) => d.code === 'K0804').length, p).toBe(2);
    }
  });

  it('-Dunsafe_op_in_unsafe_fn stays an error without --werror (K0801)', async () => {
    const text = documented('    unsafe { f(&1) };', 'unsafe fn f(p: *const u32) -> u32 {\n    *p\n}\n');
    const r = await verify(file(text));
    expect(r.code).toBe(1);
    expect(r.ds.map((d) => [d.code, d.message.split(':')[0]])).toEqual([['K0801', 'E0133']]);
  });

  it('a port that only collects gets a compat module with only TryCollect: no dead code', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "squares"\nversion = "0.1.0"\nedition = "2021"\n');
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {\n    let v: Vec<u32> = (0..4u32).map(|x| x * x).collect();\n    println!("{}", v.len());\n}\n');
    const out = path.join(tempDir(), 'out');
    const port = await kport(['rewrite', '--out-dir', out, dir]);
    expect(port.code, port.stderr).toBeLessThan(2);
    const r = await verify(out, '--werror');
    expect(r.ds.map((d) => d.message)).toEqual([]);
    expect(r.code).toBe(0);
  });
});

const EXAMPLES = path.join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES).filter((n) => existsSync(path.join(EXAMPLES, n, 'Cargo.toml'))).sort();

/**
 * Kernel lints (K0804) that the bundled examples' own code trips once ported:
 * kport reports them and leaves the code as the user wrote it. None is in a
 * file or line kport writes.
 */
const USER_LINTS: Record<string, string[]> = {
  calc: ['calc.rs:40: elided_lifetimes_in_paths: hidden lifetime parameters in types are deprecated'],
  hello: ['greet.rs:4: unreachable_pub: unreachable `pub` item', 'greet.rs:8: unreachable_pub: unreachable `pub` item'],
};

describe.skipIf(!hasRustc)('--werror on every bundled example port', () => {
  const key = (d: Diag) => `${d.file}:${d.start.line}: ${d.message}`;
  for (const name of examples) {
    it(`${name}: --werror fails nowhere plain verify passes, but at the user's own code`, async () => {
      const out = path.join(tempDir(), name);
      const port = await kport(['rewrite', '--out-dir', out, path.join(EXAMPLES, name)]);
      expect(port.code, port.stderr).toBeLessThan(2);
      const plain = await verify(out);
      const strict = await verify(out, '--werror');
      const added = strict.ds.filter((d) => !plain.ds.some((p) => key(p) === key(d)));
      expect(added.map(key)).toEqual(USER_LINTS[name] ?? []);
      expect(added.every((d) => d.code === 'K0804')).toBe(true);
      expect(strict.code).toBe(added.length ? 1 : plain.code);
    }, 120_000);
  }

  it('cave ports cleanly: --werror exit 0', async () => {
    const out = path.join(tempDir(), 'cave');
    await kport(['rewrite', '--out-dir', out, path.join(EXAMPLES, 'cave')]);
    const r = await verify(out, '--werror');
    expect(r.ds.map(key)).toEqual([]);
    expect(r.code).toBe(0);
  }, 120_000);
});
