// templates/miscdev.rs (what `--io miscdev` generates; its header is the contract) type-checks
// against the kernel API stub on mainline, next to a hand-written crate root in
// the generated shape; a wrong callback signature is rejected (the stub is not
// too permissive); a module written like samples/rust/rust_misc_device.rs
// (pin-init, new_mutex!, InPlaceModule) type-checks too. Skipped without rustc.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEMPLATE = path.join(ROOT, 'templates', 'miscdev.rs');
const CRATE = path.join(ROOT, 'test', 'fixtures', 'miscdev-crate');
const SAMPLE = path.join(ROOT, 'test', 'fixtures', 'miscdev-sample');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('miscdev-template.test.ts: skipped: no rustc on PATH');

/** Verify the fixture crate with `template` as src/miscdev.rs; rustc's errors as `file:line: message`. */
function verifyWith(template: string, profile: 'mainline' | 'v6.17' = 'mainline'): string[] {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kport-miscdev-'));
  try {
    cpSync(CRATE, tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'src', 'miscdev.rs'), template);
    const v = verifyPaths([tmp], { profile });
    return v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const template = readFileSync(TEMPLATE, 'utf8');

describe.skipIf(!hasRustc)('templates/miscdev.rs against the kernel stub', () => {
  it('type-checks on mainline with no errors', () => {
    expect(verifyWith(template)).toEqual([]);
  }, 60_000);

  it('rejects write_iter returning Result<isize> (the kernel signature is Result<usize>)', () => {
    const bad = template.replace(/(fn write_iter\([^)]*\)) -> Result<usize>/, '$1 -> Result<isize>');
    expect(bad).not.toBe(template);
    const errors = verifyWith(bad);
    expect(errors.some((e) => /E0053/.test(e) && /write_iter/.test(e)), errors.join('\n')).toBe(true);
  }, 60_000);

  it('rejects an impl without #[vtable] and a plain "name" instead of a C string', () => {
    const noVtable = template.replace(/^#\[vtable\]\n/m, '');
    expect(noVtable).not.toBe(template);
    expect(verifyWith(noVtable).some((e) => /USE_VTABLE_ATTR/.test(e))).toBe(true);
    const plain = template.replace('c"kport_device"', '"kport_device"');
    expect(verifyWith(plain).some((e) => /E0308/.test(e))).toBe(true);
  }, 60_000);

  it('does not type-check on v6.17 (6.17-6.18: no read_iter/write_iter, kernel::iov or Kiocb before 6.18)', () => {
    const errors = verifyWith(template, 'v6.17');
    expect(errors.some((e) => /iov|Kiocb/.test(e)), errors.join('\n')).toBe(true);
  }, 60_000);

  it('pin-init forms (SpinLock, try_init!, init!, global_lock! over a SpinLock) type-check; a PinInit into an unpinned field does not', () => {
    const forms = path.join(ROOT, 'test', 'fixtures', 'pin-init-forms');
    expect(verifyPaths([forms], { profile: 'mainline' }).diagnostics.map((d) => d.message)).toEqual([]);
    const tmp = mkdtempSync(path.join(tmpdir(), 'kport-pin-init-'));
    try {
      const text = readFileSync(path.join(forms, 'demo.rs'), 'utf8');
      const bad = text.replace('origin <- try_init!', 'origin <- try_pin_init!');
      expect(bad).not.toBe(text);
      writeFileSync(path.join(tmp, 'demo.rs'), bad);
      const messages = verifyPaths([tmp], { profile: 'mainline' }).diagnostics.map((d) => d.message);
      expect(messages.some((m) => /HasPinData/.test(m)), messages.join('\n')).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('a misc device written for 6.14-6.18 (ioctl only, c_str!) type-checks on v6.13, not on mainline', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'miscdev-v6.13');
    expect(verifyPaths([dir], { profile: 'v6.13' }).diagnostics.map((d) => d.message)).toEqual([]);
    // mainline: `author:` is gone from module! and `UserPtr` is no longer a usize.
    expect(verifyPaths([dir], { profile: 'mainline' }).diagnostics.length).toBeGreaterThan(0);
  }, 60_000);

  it('a module written like samples/rust/rust_misc_device.rs type-checks', () => {
    const v = verifyPaths([SAMPLE], { profile: 'mainline' });
    expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
  }, 60_000);
});

describe('profile field miscdevIo', () => {
  it('is true where every release has read_iter/write_iter (6.18) and c"" names (6.19): v6.19 and mainline', async () => {
    const { PROFILES } = await import('../src/kernel-api/profiles.ts');
    expect(Object.fromEntries(Object.values(PROFILES).map((p) => [p.id, p.miscdevIo]))).toEqual({ mainline: true, 'v6.19': true, 'v6.17': false, 'v6.15': false, 'v6.13': false, 'v6.10': false, 'v6.1': false });
  });
});
