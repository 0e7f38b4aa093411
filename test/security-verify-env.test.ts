// Issue 22, item 5: `kport verify` compiles the input, so rustc runs with a
// minimal environment (nothing of the caller's but what finding the toolchain
// needs): `env!` in the input cannot put the caller's variables into its
// diagnostics. `--help` says that verifying compiles the input, and that
// `--kdir` runs the kernel's and the input's build files.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rustcEnv } from '../src/verify/verify.ts';
import { kport, kportBin, moduleWith, tempDir } from './helpers.ts';

const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;
const SECRET = 'kport-test-secret-7d1f0c';

afterEach(() => {
  delete process.env.KPORT_TEST_SECRET;
});

describe('the environment rustc sees', () => {
  it('keeps PATH, HOME, TMPDIR and the rustup/cargo variables, sets RUSTC_BOOTSTRAP, drops the rest', () => {
    const env = { PATH: '/bin', HOME: '/h', TMPDIR: '/t', RUSTUP_HOME: '/r', RUSTUP_TOOLCHAIN: 'stable', CARGO_HOME: '/c', GITHUB_TOKEN: 'ghp_x', AWS_SECRET_ACCESS_KEY: 'k', RUSTFLAGS: '-Zx', LD_PRELOAD: '/evil.so' };
    expect(rustcEnv(env)).toEqual({ PATH: '/bin', HOME: '/h', TMPDIR: '/t', RUSTUP_HOME: '/r', RUSTUP_TOOLCHAIN: 'stable', CARGO_HOME: '/c', RUSTC_BOOTSTRAP: '1' });
  });

  it.skipIf(!hasRustc)('env! in the input does not read the caller\'s variables into a diagnostic', async () => {
    process.env.KPORT_TEST_SECRET = SECRET;
    const dir = tempDir();
    writeFileSync(path.join(dir, 'demo.rs'), moduleWith('', 'compile_error!(concat!("leaked: ", env!("KPORT_TEST_SECRET")));\n'));
    const r = await kport(['verify', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout).toContain('environment variable `KPORT_TEST_SECRET` not defined at compile time');
  });
});

describe('--help says what verifying runs', () => {
  it('kport verify and rewrite --verify compile the input; --kdir runs build files', () => {
    const v = kportBin(['verify', '--help']);
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    expect(flat(v.stdout)).toContain('compiles the input with rustc');
    expect(flat(v.stdout)).toContain("runs the kernel's and the input's build files (Makefile, Kbuild)");
    const r = kportBin(['rewrite', '--help']);
    expect(flat(r.stdout)).toContain('this compiles the input with rustc');
    expect(flat(r.stdout)).toContain("runs the kernel's and the input's build files");
  });
});
