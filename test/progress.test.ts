// The progress line: on a terminal only, after about a second, redrawn in place
// on stderr and cleared at the end; never on stdout, in a machine format or
// with --quiet.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { Progress } from '../src/cli/progress.ts';
import { ROOT, tempDir } from './helpers.ts';

const CLEAR = '\r\x1b[K';
const EXAMPLES = ['hello', 'calc'].map((e) => path.join(ROOT, 'examples', e));

describe('Progress', () => {
  it('draws nothing before the delay, then one line in place, cut to the width; stop clears it', () => {
    let t = 0;
    let out = '';
    const p = new Progress((s) => (out += s), { delayMs: 1000, now: () => t, columns: () => 50 });
    p.start(3, 7);
    p.begin(0, 'examples/a-rather-long-crate-name/src/main.rs');
    t = 500;
    p.pass(0, 3, 30);
    expect(out).toBe('');
    t = 1200;
    p.pass(0, 4, 30);
    expect(out.startsWith(CLEAR)).toBe(true);
    const line = out.slice(CLEAR.length);
    expect([...line].length).toBeLessThanOrEqual(49);
    // Too wide for 49 columns: the pass count goes, the path keeps its end.
    expect(line).toBe('kport: 0/3 crates, 0/7 files, …src/main.rs, 1.2 s');
    expect(new Progress(() => {}, { now: () => 1200 }).line()).toMatch(/^kport: 0\/0 crates, 0\/0 files, /);
    // Redraws are at most every 100 ms, except when a unit ends.
    t = 1250;
    p.pass(0, 5, 30);
    expect(out.split(CLEAR)).toHaveLength(2);
    p.done(0, 2);
    expect(out.split(CLEAR)).toHaveLength(3);
    expect(p.line()).toBe('kport: 1/3 crates, 2/7 files, 1.3 s');
    p.begin(1, 'b');
    p.pass(1, 40, 30);
    expect(p.line()).toBe('kport: 1/3 crates, 2/7 files, b (pass 30/30), 1.3 s');
    // The file in work, once the unit names one.
    p.file(1, 'b/src/x.rs');
    expect(p.line()).toBe('kport: 1/3 crates, 2/7 files, b/src/x.rs (pass 30/30), 1.3 s');
    p.stop();
    expect(out.endsWith(CLEAR)).toBe(true);
    const n = out.length;
    p.done(1, 1);
    p.stop();
    expect(out.length).toBe(n);
  });

  it('a run that ends before the delay writes nothing, not even the clearing', () => {
    let out = '';
    const p = new Progress((s) => (out += s), { delayMs: 1000, now: () => 10 });
    p.start(1, 1);
    p.begin(0, 'x.rs');
    p.done(0, 1);
    p.stop();
    expect(out).toBe('');
  });
});

describe('kport with a terminal', () => {
  const saved = process.env.KPORT_PROGRESS_DELAY_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KPORT_PROGRESS_DELAY_MS;
    else process.env.KPORT_PROGRESS_DELAY_MS = saved;
  });

  async function run(args: string[], isTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
    process.env.KPORT_PROGRESS_DELAY_MS = '0';
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY, stdoutTTY: false, columns: () => 100 });
    return { code, stdout, stderr };
  }

  it('shows progress on stderr, cleared before the diagnostics; stdout is the same diff', async () => {
    const args = ['rewrite', '--dry-run', '--color', 'never', '--jobs', '1', ...EXAMPLES];
    const tty = await run(args, true);
    const plain = await run(args, false);
    expect(tty.stdout).toBe(plain.stdout);
    expect(tty.stdout).not.toContain('\x1b');
    expect(tty.stderr.startsWith(CLEAR + 'kport: 0/2 crates, 0/')).toBe(true);
    // The file in work: the crate's path and the file's.
    expect(tty.stderr).toMatch(/kport: 1\/2 crates, 2\/\d+ files, .*calc\/src\/main\.rs \(pass \d+\/\d+\), \d+\.\d s/);
    // After the last clearing comes exactly what a run without a terminal prints.
    const last = tty.stderr.lastIndexOf(CLEAR);
    expect(tty.stderr.slice(last + CLEAR.length)).toBe(plain.stderr);
    expect(plain.stderr).not.toContain('\x1b');
  });

  it('the pool shows it too (--jobs 2)', async () => {
    const r = await run(['check', '--jobs', '2', ...EXAMPLES], true);
    expect(r.stderr).toMatch(/^\r\x1b\[Kkport: 0\/2 crates/);
    expect(r.stderr.endsWith(CLEAR)).toBe(true);
    expect(r.stdout).not.toContain('\x1b');
  });

  it('nothing with --quiet, in a machine format, or without a terminal', async () => {
    for (const [args, tty] of [
      [['rewrite', '--dry-run', '--quiet', ...EXAMPLES], true],
      [['rewrite', '--dry-run', '-q', ...EXAMPLES], true],
      [['rewrite', '--dry-run', '--format', 'json', ...EXAMPLES], true],
      [['check', '--format', 'sarif', ...EXAMPLES], true],
      [['check', ...EXAMPLES], false],
    ] as const) {
      const r = await run([...args], tty);
      expect(r.stderr, args.join(' ')).not.toContain('\x1b[K');
      expect(r.stdout, args.join(' ')).not.toContain('\x1b[K');
    }
  });
});

describe('on a pseudo-terminal (script(1))', () => {
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it.skipIf(script.status !== 0)('bin/kport.js draws on the terminal, the diff goes to the file untouched', () => {
    const dir = tempDir();
    const typescript = path.join(dir, 'typescript');
    const diff = path.join(dir, 'out.diff');
    const cmd = `"${process.execPath}" "${path.join(ROOT, 'bin', 'kport.js')}" rewrite --dry-run --color never ${EXAMPLES.map((e) => `"${e}"`).join(' ')} > "${diff}"`;
    const r = spawnSync('script', ['-qfec', cmd, typescript], { encoding: 'utf8', env: { ...process.env, KPORT_PROGRESS_DELAY_MS: '0' }, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    const screen = readFileSync(typescript, 'utf8');
    expect(screen).toMatch(/\r\x1b\[Kkport: 1\/2 crates, /);
    expect(screen).toMatch(/\r\x1b\[K(error|warning|note)\[K\d{4}\]/);
    const written = readFileSync(diff, 'utf8');
    expect(written).toMatch(/^diff --git /);
    expect(written).not.toContain('\x1b');
  });
});
