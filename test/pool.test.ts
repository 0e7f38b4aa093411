// The worker pool's error paths (--jobs 2): a refusal in the main thread while
// workers parse, a worker that throws, and Ctrl-C each end with one line and
// kport's own exit code, never a native abort (Napi::Error through terminate).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kportBin, tempDir } from './helpers.ts';

const BIN = path.join(ROOT, 'bin', 'kport.js');

/** Loose files in one folder, each needing the compat module (so two of them collide on it), big enough to keep workers parsing. */
function collidingFiles(n: number): { dir: string; files: string[] } {
  const dir = tempDir();
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    let text = '';
    for (let f = 0; f < 60; f++) text += `pub fn f${f}(v: &[u32]) -> Vec<u32> {\n    let w: Vec<u32> = v.iter().map(|x| x + ${f}).collect();\n    println!("{}", w.len());\n    w\n}\n\n`;
    const file = path.join(dir, `m${String(i).padStart(3, '0')}.rs`);
    writeFileSync(file, text);
    files.push(file);
  }
  return { dir, files };
}

function noAbort(stderr: string): void {
  expect(stderr).not.toMatch(/terminate called|Napi::Error|Aborted|\n\s+at /);
}

describe('the worker pool never aborts', () => {
  it('a refusal while workers are busy: exit 2, the one-line reason', () => {
    const { dir, files } = collidingFiles(24);
    const r = kportBin(['rewrite', '--dry-run', '--no-module', '--jobs', '2', ...files], dir);
    noAbort(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: two of the given programs both need kport_compat\.rs .*\n$/);
    expect(r.stdout).toBe('');
  });

  it('a worker that throws: exit 2, one line naming the input', () => {
    const dir = tempDir();
    const files = ['a', 'b', 'c', 'd'].map((n) => {
      mkdirSync(path.join(dir, n));
      const f = path.join(dir, n, `${n}.rs`);
      writeFileSync(f, 'fn f() {\n    println!("x");\n}\n');
      return f;
    });
    const r = spawnSyncWith(['rewrite', '--dry-run', '--no-module', '--jobs', '2', ...files], dir, { KPORT_FAULT: 'worker-throw', KPORT_FAULT_AT: 'b.rs' });
    noAbort(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kport: internal error: porting ${files[1]} failed in a worker thread: injected worker fault (KPORT_DEBUG=1 shows where)\n`);
    expect(r.stdout).toBe('');
  });

  it('Ctrl-C during a pooled run: exit 130, one line, nothing written', async () => {
    const dir = tempDir();
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      mkdirSync(path.join(dir, `c${i}`));
      const f = path.join(dir, `c${i}`, 'lib.rs');
      writeFileSync(f, 'fn f() {\n    println!("x");\n}\n');
      files.push(f);
    }
    const mark = path.join(dir, 'started');
    const child = spawn(process.execPath, [BIN, 'rewrite', '--write', '--allow-dirty', '--no-module', '--jobs', '2', ...files], {
      cwd: dir,
      env: { ...process.env, KPORT_FAULT: 'worker-slow', KPORT_FAULT_MARK: mark },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 30_000;
    while (!existsSync(mark) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(mark)).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    noAbort(stderr);
    expect(code).toBe(130);
    expect(stderr).toBe('kport: interrupted; nothing was written\n');
    for (const f of files) expect(readFileSync(f, 'utf8')).toBe('fn f() {\n    println!("x");\n}\n');
  });
});

function spawnSyncWith(args: string[], cwd: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('files given one by one', () => {
  it('that are exactly one crate\'s module tree are ported as that crate (same diff as the folder, any --jobs)', async () => {
    const { kport } = await import('./helpers.ts');
    const crate = path.join(ROOT, 'examples', 'inventory');
    const { readdirSync } = await import('node:fs');
    const all = (readdirSync(path.join(crate, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.rs')).map((f) => path.join(crate, 'src', f));
    expect(all.length).toBeGreaterThan(3);
    const folder = await kport(['rewrite', '--dry-run', crate]);
    const oneByOne = await kport(['rewrite', '--dry-run', '--jobs', '1', ...all]);
    expect(oneByOne.code).toBe(folder.code);
    expect(oneByOne.stdout).toBe(folder.stdout);
    const pooled = kportBin(['rewrite', '--dry-run', '--jobs', '2', ...all]);
    expect(pooled.stdout).toBe(folder.stdout);
  });
});
