// The precision rewrites build and mean the same: each program under
// test/fixtures/precision-verify is ported (mainline) and type-checked against
// the kernel API stub with no rustc error left, then built against the
// userspace kernel shim (test/userspace-kernel) and run: it must print what
// the original program prints. Skipped without rustc.
import { copyFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../src/cli/api.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { tempDir } from './helpers.ts';
import { buildModule, buildProgram, run } from './userspace-shim.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'precision-verify');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('precision-verify.test.ts: skipped: no rustc on PATH');

describe.skipIf(!hasRustc)('precision rewrites type-check against the kernel stub and print the same', () => {
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.rs')).sort()) {
    it(name, () => {
      const tmp = tempDir('kport-precision-verify-');
      try {
        const original = buildProgram(path.join(FIXTURES, name), name.replace(/\.rs$/, ''));
        expect(original.ok, original.stderr).toBe(true);
        const file = path.join(tmp, name);
        copyFileSync(path.join(FIXTURES, name), file);
        const [r] = runPaths([file], { profile: 'mainline' });
        for (const f of r.files) writeFileSync(f.src.abs, f.text);
        expect(r.newFiles.filter((f) => f.rel.endsWith('.rs'))).toEqual([]);
        const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
        expect(errors).toEqual([]);
        const v = verifyPaths([file], { profile: 'mainline' });
        expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
        const ported = buildModule(file);
        expect(ported.ok, ported.stderr).toBe(true);
        // The shim loads the module (its init prints) and unloads it; stdout is what was printed.
        expect(run(ported.exe, '').stdout).toBe(run(original.exe, '').stdout);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, 120_000);
  }

  it('kernel-modules/rust_errors.rs (the code the precision rules leave quiet) type-checks as written', () => {
    const v = verifyPaths([path.resolve(import.meta.dirname, 'fixtures', 'kernel-modules', 'rust_errors.rs')], { profile: 'mainline' });
    expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
  }, 60_000);
});
