// Build kernel-Rust modules as userspace programs against the functional shim
// of the kernel crate in test/userspace-kernel (std-backed; NOT the verify stub,
// which only type-checks). The shim's `module!` makes a `main` that loads the
// module, drives its misc device with `echo LINE > /dev/NAME; cat /dev/NAME`
// for every stdin line, and unloads it (see test/userspace-kernel/lib.rs).
//
// Built like src/verify/verify.ts builds its stub: the proc-macro crates first
// (stub/macros/lib.rs for `fmt!`, test/userspace-kernel/macros.rs for the
// attribute macros), then the `kernel` rlib with `--extern`, cached by the
// sources' hash and the rustc version. Modules are compiled as the kernel
// build compiles them: `no_std` (under RUSTC_BOOTSTRAP=1, as the kernel's
// Makefile exports it), edition 2021, `--cfg MODULE`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { closePieces, compatModuleText } from '../src/compat/module.ts';
import type { Profile } from '../src/kernel-api/profiles.ts';
import { cachedBuild, cacheRoot } from '../src/verify/cache.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHIM = path.join(ROOT, 'test', 'userspace-kernel', 'lib.rs');
const SHIM_MACROS = path.join(ROOT, 'test', 'userspace-kernel', 'macros.rs');
const FMT_MACROS = path.join(ROOT, 'stub', 'macros', 'lib.rs');

export const RUSTC = process.env.KPORT_RUSTC ?? 'rustc';

/** rustc's version line, or undefined when there is no rustc. */
export function rustcVersion(): string | undefined {
  const r = spawnSync(RUSTC, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout ? r.stdout.trim() : undefined;
}

/** Build (once per sources and rustc) the shim; returns the path of libkernel.rlib. */
export function buildShim(): string {
  const version = rustcVersion();
  if (!version) throw new Error(`no rustc (${RUSTC})`);
  const hash = createHash('sha256');
  for (const f of [SHIM, SHIM_MACROS, FMT_MACROS]) hash.update(readFileSync(f));
  const key = hash.update(version).digest('hex').slice(0, 16);
  return cachedBuild(path.join(cacheRoot(), 'userspace-shim'), key, 'libkernel.rlib', (work) => {
    const build = (args: string[]) => {
      // RUSTC_BOOTSTRAP: the shim enables KBox's CoerceUnsized as the kernel crate does.
      const r = spawnSync(RUSTC, ['--edition', '2021', ...args], { encoding: 'utf8', env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
      if (r.status !== 0) throw new Error(`building the userspace kernel shim failed:\n${r.stderr}`);
    };
    const macros = path.join(work, 'libmacros.so');
    const shimMacros = path.join(work, 'libshim_macros.so');
    build(['--crate-type', 'proc-macro', '--crate-name', 'macros', '--extern', 'proc_macro', '--cap-lints', 'allow', '-o', macros, FMT_MACROS]);
    build(['--crate-type', 'proc-macro', '--crate-name', 'shim_macros', '--extern', 'proc_macro', '-o', shimMacros, SHIM_MACROS]);
    build(['--crate-type', 'rlib', '--crate-name', 'kernel', '--extern', `macros=${macros}`, '--extern', `shim_macros=${shimMacros}`, '-o', path.join(work, 'libkernel.rlib'), SHIM]);
  });
}

export interface Built {
  ok: boolean;
  exe: string;
  /** rustc's messages (errors and warnings), human-readable. */
  stderr: string;
}

/** Compile a module's crate root (e.g. OUT/cave.rs) into an executable. */
export function buildModule(rootFile: string, crateName = path.basename(rootFile, '.rs')): Built {
  const rlib = buildShim();
  const out = mkdtempSync(path.join(tmpdir(), 'kport-userspace-'));
  const exe = path.join(out, crateName);
  const r = spawnSync(
    RUSTC,
    [
      '--edition', '2021',
      '-Zcrate-attr=no_std',
      '-Astable_features',
      '--crate-type', 'bin',
      '--crate-name', crateName.replace(/[^A-Za-z0-9_]/g, '_'),
      '--cfg', 'MODULE',
      '--extern', `kernel=${rlib}`,
      '-L', `dependency=${path.dirname(rlib)}`,
      '-o', exe,
      rootFile,
    ],
    { encoding: 'utf8', env: { ...process.env, RUSTC_BOOTSTRAP: '1' } },
  );
  return { ok: r.status === 0, exe, stderr: r.stderr ?? '' };
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(exe: string, input: string | Buffer, env: Record<string, string> = {}): Ran {
  const r = spawnSync(exe, [], { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Compile an ordinary userspace program (an example's src/main.rs). */
export function buildProgram(mainFile: string, crateName: string): Built {
  const out = mkdtempSync(path.join(tmpdir(), 'kport-userspace-'));
  const exe = path.join(out, crateName);
  const r = spawnSync(RUSTC, ['--edition', '2021', '--crate-name', crateName, '-o', exe, mainFile], { encoding: 'utf8' });
  return { ok: r.status === 0, exe, stderr: r.stderr ?? '' };
}

/** Ways to play examples/cave besides its input.txt: quit half-way, end of input without quit, nothing at all, blank lines. */
export const CAVE_INPUTS: Record<string, string> = {
  'quit half-way': 'look\nn\ne\ntake\ninv\nquit\nlook\n',
  'end of input without quit': 'n\ne\ntake\nw\nn\nlook\n',
  'no input': '',
  'blank lines and no final newline': '\n\nlook\n  \ninv',
};

/** rustc's warning headlines (`warning: ...`), without the count line. */
export function warningsOf(stderr: string): string[] {
  return [...stderr.matchAll(/^warning: (.+)$/gm)].map((m) => m[1]).filter((w) => !/^\d+ warnings? emitted/.test(w));
}

// ---------------------------------------------------------------------------
// Allocation-failure injection (test/alloc-sweep.test.ts): with KPORT_FAIL_ALLOC=k the
// shim fails the k-th allocation the kernel API would make (0: none) and ends the run
// with a `kport-shim-report: {json}` line on stderr (test/userspace-kernel/lib.rs,
// `alloc::fault` and `userspace::report`).
// ---------------------------------------------------------------------------

/** An operation that failed during a run: `stdout` is how many bytes were on stdout then. */
export interface ShimFailure {
  op: 'init' | 'open' | 'write' | 'read';
  /** The stdin line being written (0 while loading, lines + 1 while unloading). */
  line: number;
  errno: string;
  stdout: number;
}

export interface ShimReport {
  /** Allocations made (or attempted) during the run. */
  allocations: number;
  /** Whether the allocation KPORT_FAIL_ALLOC named was reached (and failed). */
  injected: boolean;
  failures: ShimFailure[];
  leakedBlocks: number;
  leakedBytes: number;
}

export interface FaultRun extends Ran {
  /** The shim's report, or undefined when the program died before printing it. */
  report?: ShimReport;
  /** stderr without the report line. */
  messages: string;
}

const REPORT_LINE = /^kport-shim-report: (.*)\n?/m;

/** Run `exe` with the k-th allocation failing (k = 0: none fails; only counted). */
export function runFailing(exe: string, input: string | Buffer, k: number, env: Record<string, string> = {}): FaultRun {
  const r = run(exe, input, { ...env, KPORT_FAIL_ALLOC: String(k) });
  const m = REPORT_LINE.exec(r.stderr);
  return { ...r, report: m ? (JSON.parse(m[1]) as ShimReport) : undefined, messages: r.stderr.replace(REPORT_LINE, '') };
}

/**
 * What is wrong with a run whose k-th allocation failed, compared with the normal run
 * (undefined: nothing). It must not panic and must leave nothing allocated after the
 * unload. Then either an operation failed that did not fail in the normal run (loading
 * the module, or a write, open or read of its device): the first such failure must be
 * ENOMEM, and what was printed before it must be what the normal run printed up to
 * there; or nothing new failed: then the run must be indistinguishable from the normal
 * one (stdout, stderr, exit status). What happens after an ENOMEM is not compared (the
 * write that failed did not happen), except that it must not panic or leak.
 */
export function sweepProblem(normal: FaultRun, got: FaultRun): string | undefined {
  if (got.status === 101 || /kport-shim: panic|panicked at/.test(got.stderr)) {
    return `panicked: ${got.stderr.split('\n').find((l) => /panicked|panic/.test(l)) ?? got.stderr.slice(0, 200)}`;
  }
  const r = got.report;
  if (!r) return `no report from the shim (exit status ${got.status}): ${got.stderr.slice(-300)}`;
  if (r.leakedBlocks !== 0 || r.leakedBytes !== 0) return `leaked ${r.leakedBytes} byte(s) in ${r.leakedBlocks} block(s) after unload`;
  const base = normal.report!.failures;
  const same = (a: ShimFailure, b: ShimFailure) => a.op === b.op && a.line === b.line && a.errno === b.errno;
  const i = r.failures.findIndex((f, j) => !base[j] || !same(f, base[j]));
  if (i >= 0) {
    const f = r.failures[i];
    if (f.errno !== 'ENOMEM') return `${f.op} (line ${f.line}) failed with ${f.errno}, not ENOMEM`;
    if (got.stdout.slice(0, f.stdout) !== normal.stdout.slice(0, f.stdout) || f.stdout > normal.stdout.length) {
      return `printed something else before ${f.op} (line ${f.line}) failed with ENOMEM: ${firstDifference(normal.stdout, got.stdout.slice(0, f.stdout))}`;
    }
    return undefined;
  }
  if (got.stdout !== normal.stdout) return `no operation failed, yet the output differs: ${firstDifference(normal.stdout, got.stdout)}`;
  if (got.messages !== normal.messages) return `no operation failed, yet stderr differs: ${firstDifference(normal.messages, got.messages)}`;
  if (got.status !== normal.status || r.failures.length !== base.length) return `no operation failed, yet the run ended differently (exit status ${got.status})`;
  return undefined;
}

/** The first line where two texts differ, both versions. */
export function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '(end)')}, got ${JSON.stringify(b[i] ?? '(end)')}`;
  }
  return 'texts differ';
}

/**
 * Builds a test program of test/fixtures/compat (`fixture`, e.g. `rc.rs`) in
 * `dir` beside a compat module of the given pieces for `profile`, runs it, and
 * checks that it built with no warning and printed only `ok ...` lines, which
 * it returns.
 */
export function compatFixtureLines(dir: string, profile: Profile, pieceIds: string[], fixture: string): string[] {
  writeFileSync(path.join(dir, 'kport_compat.rs'), compatModuleText(profile, closePieces(pieceIds)));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'compat', fixture), path.join(dir, fixture));
  const built = buildModule(path.join(dir, fixture));
  expect(built.ok, built.stderr).toBe(true);
  expect(warningsOf(built.stderr)).toEqual([]);
  const r = run(built.exe, '');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
  return lines;
}
