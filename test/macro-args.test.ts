// Fallible calls written inside macro arguments (issue 15, item 2): a ported
// program whose calls sit in println!/eprintln!/vec!/matches!/debug_assert!
// arguments type-checks against the kernel stub with no error left to a
// person, and a shadowing closure or a stringify! keeps its call as it was.
// Skipped without rustc.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../src/cli/api.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { writePort } from './helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures', 'macro-args');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('macro-args.test.ts: skipped: no rustc on PATH');

describe('fallible calls in macro arguments', () => {
  it('get `?` where they run, and nothing where they do not', () => {
    const [r] = runPaths([FIXTURE]);
    const text = r.files.find((f) => f.src.rel === 'src/main.rs')!.text;
    expect(text).toContain('pr_info!("total {}, added {}\\n", total(&mut v)?, t.add(3)?);');
    expect(text).toContain('kernel::kvec![total(&mut v)?; 2]?');
    expect(text).toContain('matches!(Some(2), Some(x) if x < total(v)?)');
    expect(text).toContain('pr_info!("{} {}\\n", total(v), stringify!(total(v)));');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.skipIf(!hasRustc)('the port type-checks against the kernel stub', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'kport-macro-args-'));
    try {
      cpSync(FIXTURE, tmp, { recursive: true });
      const [r] = runPaths([tmp]);
      writePort(r, tmp);
      const v = verifyPaths([tmp], { profile: 'mainline' });
      expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
