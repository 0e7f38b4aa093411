// The compat module goes where the code that uses it can reach it (issue 15,
// item 4): in a crate with src/lib.rs and src/main.rs, each crate root whose
// module tree calls a compat method declares `mod kport_compat;`, so every
// `use crate::kport_compat::..` kport writes resolves. The golden cases
// golden/alloc-compat/08..12 pin the edits; this test type-checks a ported
// lib + bin crate against the kernel stub, both crates. Skipped without rustc.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../src/cli/api.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { writePort } from './helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures', 'compat-lib-bin');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('compat-placement.test.ts: skipped: no rustc on PATH');

describe.skipIf(!hasRustc)('compat module placement', () => {
  it('a ported lib + bin crate type-checks, each crate declaring the module it uses', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'kport-compat-placement-'));
    try {
      cpSync(FIXTURE, tmp, { recursive: true });
      const [r] = runPaths([tmp]);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.newFiles.map((f) => f.rel)).toEqual(['src/kport_compat.rs']);
      const text = (rel: string) => r.files.find((f) => f.src.rel === rel)!.text;
      expect(text('src/lib.rs')).toMatch(/^mod kport_compat;$/m);
      expect(text('src/main.rs')).toMatch(/^mod kport_compat;$/m);
      writePort(r, tmp);
      const v = verifyPaths([tmp], { profile: 'mainline' });
      expect(v.roots.sort()).toEqual(['src/lib.rs', 'src/main.rs']);
      expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
