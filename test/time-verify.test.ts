// The time-api pass's output type-checks against the kernel API stub, and the
// stub's time API is faithful enough to reject the forms the kernel rejects
// (a std Duration where a Delta is due, unsigned arguments, an Instant with no
// clock, Delta's i64 where std gave u128). Skipped without rustc.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../src/cli/api.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { forProfile, moduleWith, writePort } from './helpers.ts';
import type { ProfileId } from '../src/kernel-api/profiles.ts';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures', 'time-verify');
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('time-verify.test.ts: skipped: no rustc on PATH');

function portInto(profile: ProfileId): { dir: string; codes: string[]; text: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kport-time-verify-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const [r] = runPaths([dir], { profile });
  writePort(r, dir);
  return { dir, codes: r.diagnostics.map((d) => d.code), text: r.files[0].text };
}

describe('time-api output against the stub', () => {
  it('mainline: every clock and sleep form is ported (no K11xx left)', () => {
    const { dir, codes, text } = portInto('mainline');
    try {
      expect(codes.filter((c) => c.startsWith('K11'))).toEqual([]);
      expect(text).toContain('use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};');
      expect(text).not.toMatch(/std::(time::Instant|thread)/);
      // The Instant kept in a struct field and the one passed to a function are ported too.
      expect(text).toContain('    start: Instant<Monotonic>,\n');
      expect(text).toContain('fn since_ms(start: Instant<Monotonic>) -> u64 {');
      // A Duration return and parameter that only hold elapsed times become Delta.
      expect(text).toContain('fn took(&self) -> Delta {');
      expect(text).toContain('fn took_ms(took: Delta) -> u64 {');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const profile of ['mainline', 'v6.19', 'v6.17'] as const) {
    it.skipIf(!hasRustc)(`${profile}: the ported program type-checks`, () => {
      const { dir } = portInto(profile);
      try {
        const v = verifyPaths([dir], { profile });
        expect(v.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }

  it('v6.15: no clock or sleep form spans 6.15-6.16, so both are reported and left as written', () => {
    const { dir, codes, text } = portInto('v6.15');
    try {
      expect(codes).toContain('K1101');
      expect(codes).toContain('K1102');
      expect(text).toContain('Instant::now()');
      expect(text).toContain('thread::sleep(');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});


function check(body: string, profile: ProfileId = 'mainline') {
  const dir = mkdtempSync(path.join(tmpdir(), 'kport-time-stub-'));
  try {
    const f = path.join(dir, 'demo.rs');
    const text = forProfile(moduleWith(body, profile === 'mainline' ? 'use kernel::time::Delta;\n' : ''), profile);
    writeFileSync(f, text);
    const v = verifyPaths([f], { profile });
    return { text, ds: v.diagnostics };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasRustc)('the stub time API keeps the kernel signatures', () => {
  it('accepts the kernel forms', () => {
    const r = check(`    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();
    kernel::time::delay::fsleep(Delta::from_millis(5) + Delta::from_micros(10));
    let e: Delta = t.elapsed();
    let ms: i64 = e.as_millis();
    let n: i64 = (kernel::time::Instant::<kernel::time::Monotonic>::now() - t).as_nanos();
    let _ = (ms, n, e > Delta::from_secs(1), e.is_zero(), e / Delta::from_millis(1));`);
    expect(r.ds.map((d) => d.message)).toEqual([]);
  }, 60_000);

  const rejects: [string, string, RegExp][] = [
    ['a std Duration given to fsleep', '    kernel::time::delay::fsleep(core::time::Duration::from_millis(1));', /mismatched types|E0308/],
    ['an unsigned argument to Delta::from_millis', '    let d = Delta::from_millis(5u64);\n    let _ = d;', /mismatched types|E0308/],
    ['Delta::as_millis read as u128 (std Duration)', '    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();\n    let ms: u128 = t.elapsed().as_millis();\n    let _ = ms;', /mismatched types|E0308/],
    ['an Instant with no clock source', '    let t = kernel::time::Instant::now();\n    let _ = t.elapsed();', /type annotations needed|E0282|E0283|E0790/],
    ['a Delta method the kernel does not have (std Duration has it)', '    let d = Delta::from_millis(5).as_secs();\n    let _ = d;', /no method named|E0599/],
  ];
  for (const [what, body, msg] of rejects) {
    it(`rejects ${what}`, () => {
      const r = check(body);
      expect(r.ds.some((d) => msg.test(d.message)), JSON.stringify(r.ds.map((d) => d.message))).toBe(true);
    }, 60_000);
  }

  it('v6.13 (6.13-6.14) has Ktime; v6.15 (6.15-6.16) has no clock type (Ktime is gone from 6.16, Instant is not on 6.15)', () => {
    const ktime = '    let t = kernel::time::Ktime::ktime_get();\n    let ms: i64 = (kernel::time::Ktime::ktime_get() - t).to_ms();\n    let _ = ms;';
    expect(check(ktime, 'v6.13').ds.map((d) => d.message)).toEqual([]);
    expect(check(ktime, 'v6.15').ds.map((d) => d.message).join('\n')).toMatch(/Ktime/);
    expect(check('    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();\n    let _ = t;', 'v6.15').ds.length).toBeGreaterThan(0);
    expect(check('    let j = kernel::time::msecs_to_jiffies(10);\n    let _ = j;', 'v6.15').ds).toEqual([]);
  }, 60_000);

  it('v6.13: the clock is Ktime (this fixture keeps Instants in a struct, which Ktime forms do not follow: K1105, not K1101); no sleep (K1102)', () => {
    const { dir, codes } = portInto('v6.13');
    try {
      expect(codes).not.toContain('K1101');
      expect(codes).toContain('K1105');
      expect(codes).toContain('K1102');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
