// The compat module on its own, against the kernel API stub (stub/kernel):
// for every piece (src/compat/registry.ts) on every profile that has it, its
// example is ported through alloc-compat (which finds the use, declares the
// module and imports what it needs) and type-checked with the lints the
// kernel's top Makefile turns on for every Rust file (src/kernel-api/lints.ts:
// `-Wmissing_docs -Wrust_2018_idioms -Wunreachable_pub`, `-Dunsafe_op_in_unsafe_fn`): no error and
// no warning, so the module holds what the code uses and nothing rustc would
// call dead (CONFIG_WERROR=y makes warnings errors). Then every piece at once.
// Skipped without rustc.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { STUB_PROFILES, buildStub, findRustc } from '../src/verify/verify.ts';
import { PROFILES, type ProfileId } from '../src/kernel-api/profiles.ts';
import { COMPAT_PIECES } from '../src/compat/registry.ts';
import { closePieces, compatModuleText } from '../src/compat/module.ts';
import { kernelLintFlags } from '../src/kernel-api/lints.ts';
import { tempDir } from './helpers.ts';

const rustc = findRustc();
if (!rustc) console.warn('compat-module.test.ts: skipped: no rustc on PATH');

/** The profiles `kport verify` has a stub for. */
const VERIFIED: readonly ProfileId[] = STUB_PROFILES;

function typeCheck(profile: ProfileId, dir: string, root: string): { status: number | null; stderr: string } {
  const stub = buildStub(profile, rustc!);
  const r = spawnSync(
    rustc!.path,
    [
      '--edition', '2021', '-Zcrate-attr=no_std',
      // The kernel's own lints for the profile, as `kport verify` passes them.
      ...kernelLintFlags(profile),
      '--crate-type', 'lib', '--crate-name', 'example', '--emit', 'metadata', '--cfg', 'MODULE',
      '--extern', `kernel=${stub}`, '-L', `dependency=${path.dirname(stub)}`,
      '-o', path.join(dir, 'out.rmeta'), path.join(dir, root),
    ],
    { encoding: 'utf8', env: { ...process.env, RUSTC_BOOTSTRAP: '1' } },
  );
  return { status: r.status, stderr: r.stderr };
}

/** Port `body` (statements of a fn returning `Result`) through alloc-compat into a fresh folder; returns it. */
function ported(profile: ProfileId, body: string): { dir: string; module: string } {
  const src = `//! One use of the compat module.\nuse kernel::prelude::*;\n\n/// Uses it.\npub fn example() -> Result {\n${body}\n    Ok(())\n}\n`;
  const r = runText(src, { path: 'lib.rs', profile, transforms: ['alloc-compat'] });
  const dir = tempDir('kport-compat-');
  writeFileSync(path.join(dir, 'lib.rs'), r.files[0].text);
  let module = '';
  for (const nf of r.newFiles) {
    mkdirSync(path.dirname(path.join(dir, nf.rel)), { recursive: true });
    writeFileSync(path.join(dir, nf.rel), nf.contents);
    module = String(nf.contents);
  }
  return { dir, module };
}

describe('compat pieces', () => {
  it('every piece has an example and a profile with a form', () => {
    for (const p of COMPAT_PIECES) {
      expect(p.example.trim(), p.id).not.toBe('');
      expect(
        Object.values(PROFILES).some((prof) => p.text(prof)),
        p.id,
      ).toBe(true);
    }
  });

  it('the module of only the vector traits is the one kport wrote before the other compat types', async () => {
    const { compatModule } = await import('../src/kernel-api/alloc.ts');
    for (const prof of Object.values(PROFILES)) {
      for (const used of [['TryCollect'], ['TryToVec'], ['TryCollect', 'TryToVec']] as const) {
        const ids = used.filter((id) => COMPAT_PIECES.find((p) => p.id === id)!.text(prof));
        if (!ids.length) continue;
        expect(compatModuleText(prof, closePieces(ids)), `${prof.id} ${used}`).toBe(compatModule(prof.alloc.compat, ids));
      }
    }
  });
});

describe.skipIf(!rustc)('the compat module type-checks against the kernel stub, with no warning', () => {
  for (const profile of VERIFIED) {
    for (const piece of COMPAT_PIECES.filter((p) => p.text(PROFILES[profile]))) {
      it(`${piece.id} (${profile})`, () => {
        const { dir, module } = ported(profile, piece.example);
        expect(module, 'alloc-compat found the use').toContain(piece.text(PROFILES[profile])!.text.split('\n').find((l) => /\S/.test(l) && !l.startsWith('///'))!);
        const r = typeCheck(profile, dir, 'lib.rs');
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      });
    }
    it(`every piece at once (${profile})`, () => {
      const pieces = COMPAT_PIECES.filter((p) => p.text(PROFILES[profile]));
      const { dir, module } = ported(profile, pieces.map((p) => `    {\n${p.example}\n    }`).join('\n'));
      for (const p of pieces) expect(module).toContain(p.text(PROFILES[profile])!.text.trim().split('\n')[0]);
      const r = typeCheck(profile, dir, 'lib.rs');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});
