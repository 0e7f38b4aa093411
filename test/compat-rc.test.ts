// The compat module's `Rc` and `Weak` (src/compat/rc.ts) run: test/fixtures/compat/rc.rs,
// built against the userspace kernel shim (test/userspace-kernel, whose `KBox` counts
// each allocation and can fail one on purpose) with the module kport generates
// (every `Rc`/`Weak` piece), on mainline. The counts are compared with std's `Rc` over
// thousands of random clones, downgrades, upgrades and drops; the value is dropped
// once, with the last `Rc`; the allocation goes with the last handle; and `Rc::new`
// with its allocation failing returns `AllocError`, drops the value and leaks
// nothing. It must build with no warning. Then whole programs that use `Rc` with
// `Weak` and the counts (test/fixtures/compat-rc) port with no error, type-check
// against the stub on every profile, print what the userspace program prints, and,
// with each of their allocations failing in turn, stop with ENOMEM, no panic, no leak.
// Skipped without rustc.
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/kernel-api/profiles.ts';
import { RC_ITEM } from '../src/compat/rc.ts';
import { runPaths } from '../src/cli/api.ts';
import { STUB_PROFILES, verifyPaths } from '../src/verify/verify.ts';
import { buildModule, buildProgram, compatFixtureLines, run, runFailing, rustcVersion, sweepProblem } from './userspace-shim.ts';
import { ROOT, tempDir, writePort } from './helpers.ts';

const hasRustc = !!rustcVersion();
if (!hasRustc) console.warn('compat-rc.test.ts: skipped: no rustc on PATH');

/** What the fixture checks (one `ok` line each). */
const CHECKS = [
  'Rc and Weak agree with std\'s on 200 x 60 random operations, none allocating', 'no parent yet', 'upgrade finds the parent', 'counts with a parent',
  'Debug as std\'s', 'the parent went with its last Rc', 'the tree leaks nothing', 'a weak self-link frees', 'a Weak past its value cannot upgrade',
  'and goes with the last Weak', 'Debug of a Weak', 'Rc::new (each of 1 allocation(s) failing)', 'ptr_eq of two handles to one value', 'ptr_eq of equal values apart',
  '== by value', 'ordered by value', 'hashed by value', 'Display by value',
];

describe.skipIf(!hasRustc)('Rc and Weak in the userspace shim', () => {
  it('the counts are std\'s, the value and the allocation go when std\'s do, and a failed Rc::new leaks nothing', () => {
    const dir = tempDir('kport-compat-rc-');
    const lines = compatFixtureLines(dir, PROFILES.mainline, RC_ITEM.pieces.map((p) => p.id), 'rc.rs');
    for (const name of CHECKS) expect(lines, name).toContain(`ok ${name}`);
  }, 120_000);
});

const PROGRAMS = path.join(ROOT, 'test', 'fixtures', 'compat-rc');

describe.skipIf(!hasRustc)('programs using Rc with Weak port, verify and print the same', () => {
  for (const name of readdirSync(PROGRAMS).filter((f) => f.endsWith('.rs')).sort()) {
    it(name, () => {
      const original = buildProgram(path.join(PROGRAMS, name), name.replace(/\.rs$/, ''));
      expect(original.ok, original.stderr).toBe(true);
      for (const profile of STUB_PROFILES) {
        const dir = tempDir('kport-compat-rc-');
        const file = path.join(dir, name);
        copyFileSync(path.join(PROGRAMS, name), file);
        const [r] = runPaths([file], { profile });
        writePort(r, dir);
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${profile} ${d.code} ${d.message}`)).toEqual([]);
        expect(r.diagnostics.some((d) => d.code === 'K0716'), `${profile}: K0716 notes the port`).toBe(true);
        const v = verifyPaths([file], { profile });
        expect(v.diagnostics.map((d) => `${profile} ${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
        if (profile !== 'mainline') continue;
        const ported = buildModule(file);
        expect(ported.ok, ported.stderr).toBe(true);
        // The shim loads the module (its init prints) and unloads it; stdout is what was printed.
        expect(run(ported.exe, '').stdout).toBe(run(original.exe, '').stdout);
        // Each allocation failing in turn: loading fails with ENOMEM after printing what the
        // normal run printed up to there, with no panic and nothing left allocated.
        const normal = runFailing(ported.exe, '', 0);
        expect(normal.report?.allocations, 'the program allocates').toBeGreaterThan(0);
        const problems = Array.from({ length: normal.report!.allocations }, (_, i) => sweepProblem(normal, runFailing(ported.exe, '', i + 1)));
        expect(problems.map((p, i) => (p ? `allocation ${i + 1}: ${p}` : '')).filter(Boolean)).toEqual([]);
      }
    }, 180_000);
  }
});
