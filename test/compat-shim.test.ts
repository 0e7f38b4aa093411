// The compat module's `KString` pieces (and the text and sort helpers) run: test/fixtures/compat/kstring.rs,
// built against the userspace kernel shim (test/userspace-kernel) with the
// mainline module kport generates (every piece), checks each method's result
// and sweeps each fallible operation with every one of its allocations failing
// in turn (the shim's `fault::fail_nth`): an error comes back (ENOMEM; EINVAL
// for a formatting error), the value it was given is unchanged, nothing leaks,
// no panic. It must build with no warning. Skipped without rustc.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/kernel-api/profiles.ts';
import { KSTRING_ITEM } from '../src/compat/kstring.ts';
import { COLLECT_OK_ITEM, TEXT_ITEM } from '../src/compat/text.ts';
import { SORT_ITEM } from '../src/compat/sort.ts';
import { closePieces, compatModuleText } from '../src/compat/module.ts';
import { buildModule, run, rustcVersion, warningsOf } from './userspace-shim.ts';
import { ROOT, tempDir } from './helpers.ts';

const hasRustc = !!rustcVersion();
if (!hasRustc) console.warn('compat-shim.test.ts: skipped: no rustc on PATH');

/** What the fixture checks (one `ok` line each); a new check is added here too. */
const SWEPT = ['push_str', 'push', 'insert_str', 'with_capacity', 'try_from(&str)', 'try_clone', 'kformat!', 'to_kstring', 'try_from_iter', 'join', 'write!', 'try_repeat', 'try_collect_ok'];

describe.skipIf(!hasRustc)('KString in the userspace shim', () => {
  it('every method gives the std result, and every allocation failure is an error with nothing changed or leaked', () => {
    const dir = tempDir('kport-compat-shim-');
    const mainline = PROFILES.mainline;
    // The collections have their own program (test/compat-collections.test.ts).
    const ids = [KSTRING_ITEM, TEXT_ITEM, COLLECT_OK_ITEM, SORT_ITEM].flatMap((i) => i.pieces).filter((p) => p.text(mainline)).map((p) => p.id);
    writeFileSync(path.join(dir, 'kport_compat.rs'), compatModuleText(mainline, closePieces(ids)));
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'compat', 'kstring.rs'), path.join(dir, 'kstring.rs'));
    const built = buildModule(path.join(dir, 'kstring.rs'));
    expect(built.stderr).toBe('');
    expect(built.ok).toBe(true);
    expect(warningsOf(built.stderr)).toEqual([]);
    const r = run(built.exe, '');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
    expect(lines.length).toBeGreaterThan(50);
    for (const name of SWEPT) expect(lines.some((l) => l.startsWith(`ok ${name} (each of `)), name).toBe(true);
  });
});
