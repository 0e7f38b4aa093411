// `kport verify --warnings` prints rustc's warnings (K0803) in the diagnostics
// format; `--werror` counts them as errors, as CONFIG_WERROR=y does. kport's own
// additions (the compat module) add no warning, and on every bundled example
// `--werror` fails nowhere plain `verify` passes. Skipped without rustc.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRustc } from '../src/verify/verify.ts';
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

const unused = moduleWith('    let count = 3u32;');

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

describe.skipIf(!hasRustc)('--werror on every bundled example port', () => {
  const key = (d: Diag) => `${d.file}:${d.start.line}: ${d.message}`;
  for (const name of examples) {
    it(`${name}: --werror fails nowhere plain verify passes`, async () => {
      const out = path.join(tempDir(), name);
      const port = await kport(['rewrite', '--out-dir', out, path.join(EXAMPLES, name)]);
      expect(port.code, port.stderr).toBeLessThan(2);
      const plain = await verify(out);
      const strict = await verify(out, '--werror');
      expect(strict.ds.map(key)).toEqual(plain.ds.map(key));
      expect(strict.code).toBe(plain.code);
    }, 120_000);
  }

  it('hello and cave port cleanly: --werror exit 0', async () => {
    for (const name of ['hello', 'cave']) {
      const out = path.join(tempDir(), name);
      await kport(['rewrite', '--out-dir', out, path.join(EXAMPLES, name)]);
      const r = await verify(out, '--werror');
      expect(r.ds.map(key), name).toEqual([]);
      expect(r.code, name).toBe(0);
    }
  }, 120_000);
});
