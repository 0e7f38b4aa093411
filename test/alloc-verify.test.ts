// The allocation passes' output (and the compat module they add) type-checks
// against the kernel API stub: every form in src/kernel-api/alloc.ts that the
// stub models is exercised by test/fixtures/alloc-verify. Skipped without rustc.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../src/cli/api.ts';
import { findRustc, verifyPaths, STUB_PROFILES } from '../src/verify/verify.ts';
import { writePort } from './helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures', 'alloc-verify');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('alloc-verify.test.ts: skipped: no rustc on PATH');

describe.skipIf(!hasRustc)('allocation forms type-check against the kernel stub', () => {
  for (const profile of STUB_PROFILES) {
    it(profile, () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'kport-alloc-verify-'));
      try {
        cpSync(FIXTURE, tmp, { recursive: true });
        const [r] = runPaths([tmp], { profile });
        writePort(r, tmp);
        expect(r.newFiles.map((f) => f.rel)).toEqual(['src/kport_compat.rs']);
        const v = verifyPaths([tmp], { profile });
        // 6.13-6.16 have no `Vec::resize` (6.16 has it, 6.15 not): that call is reported (K0301) and is the one error left.
        const errors = v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`);
        if (profile === 'v6.13' || profile === 'v6.15') {
          expect(r.diagnostics.map((d) => d.code)).toContain('K0301');
          expect(errors.every((e) => /resize|E0061/.test(e)), errors.join('\n')).toBe(true);
        } else expect(errors).toEqual([]);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
