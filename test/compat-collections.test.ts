// The compat module's collections run: test/fixtures/compat/collections.rs, built
// against the userspace kernel shim (test/userspace-kernel, whose `kernel::rbtree`
// keeps the kernel's API and counts each node as one allocation) with the module
// kport generates for it, on mainline. Every method
// is compared with std's own collection over thousands of random operations, and
// every operation that allocates is swept with each of its allocations failing in
// turn (the shim's `fault::fail_nth`): `AllocError` comes back, the collection is
// unchanged, nothing leaks, no panic. It must build with no warning. Skipped
// without rustc.
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/kernel-api/profiles.ts';
import { DEQUE_ITEM, MAP_ITEM, SET_ITEM, collectionsOn } from '../src/compat/collections.ts';
import { runPaths } from '../src/cli/api.ts';
import { STUB_PROFILES, verifyPaths } from '../src/verify/verify.ts';
import { buildModule, buildProgram, compatFixtureLines, run, rustcVersion } from './userspace-shim.ts';
import { ROOT, tempDir, writePort } from './helpers.ts';

const hasRustc = !!rustcVersion();
if (!hasRustc) console.warn('compat-collections.test.ts: skipped: no rustc on PATH');

/** The sweeps the fixture runs (one `ok NAME (each of N allocation(s) failing)` line each). */
const SWEPT = [
  'Map::insert of a new key', 'Map::insert of a key already there', 'Entry::or_insert', 'Entry::or_insert_with', 'Entry::or_default',
  'Entry::or_insert of a key already there', 'Map::try_clone', 'Set::insert', 'Set::insert of an element already there', 'Set::try_clone',
  'Deque::push_back when full', 'Deque::push_front when full', 'Deque::push_back with room', 'Deque::with_capacity', 'Deque::try_clone',
];

describe.skipIf(!hasRustc)('Map, Set and Deque in the userspace shim', () => {
  // The shim models the mainline API (v6.13's module differs only in the front cursor's name:
  // test/compat-module.test.ts type-checks it against the stub).
  for (const profile of [PROFILES.mainline].filter(collectionsOn)) {
    it(`${profile.id}: every method gives std's result, and every allocation failure is an error with nothing changed or leaked`, () => {
      const dir = tempDir('kport-compat-collections-');
      const lines = compatFixtureLines(dir, profile, [MAP_ITEM, SET_ITEM, DEQUE_ITEM].flatMap((i) => i.pieces).map((p) => p.id), 'collections.rs');
      expect(lines.length).toBeGreaterThan(35);
      for (const name of SWEPT) expect(lines.some((l) => l.startsWith(`ok ${name} (each of `)), name).toBe(true);
    }, 120_000);
  }
});

// Whole programs that use the std collections (test/fixtures/compat-collections):
// ported with no error left, type-checked against the stub on every profile it
// covers, and, built against the userspace shim, printing what the program prints.
const PROGRAMS = path.join(ROOT, 'test', 'fixtures', 'compat-collections');

describe.skipIf(!hasRustc)('programs using std collections port, verify and print the same', () => {
  for (const name of readdirSync(PROGRAMS).filter((f) => f.endsWith('.rs')).sort()) {
    it(name, () => {
      const original = buildProgram(path.join(PROGRAMS, name), name.replace(/\.rs$/, ''));
      expect(original.ok, original.stderr).toBe(true);
      let file = '';
      for (const profile of STUB_PROFILES) {
        const dir = tempDir('kport-compat-collections-');
        file = path.join(dir, name);
        copyFileSync(path.join(PROGRAMS, name), file);
        const [r] = runPaths([file], { profile });
        writePort(r, dir);
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${profile} ${d.code} ${d.message}`)).toEqual([]);
        const v = verifyPaths([file], { profile });
        expect(v.diagnostics.map((d) => `${profile} ${d.file}:${d.start.line}: ${d.message}`)).toEqual([]);
        if (profile !== 'mainline') continue;
        const ported = buildModule(file);
        expect(ported.ok, ported.stderr).toBe(true);
        // The shim loads the module (its init prints) and unloads it; stdout is what was printed.
        expect(run(ported.exe, '').stdout).toBe(run(original.exe, '').stdout);
      }
    }, 180_000);
  }
});
