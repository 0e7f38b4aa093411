// --jobs: worker threads must not change a byte of the output, nor its order.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate.ts';
import { BYTES_PER_WORKER, autoJobs, inputBytes } from '../src/cli/pool.ts';
import type { UnitPlan } from '../src/crate/discover.ts';
import { ROOT, kport, kportBin, tempDir } from './helpers.ts';

describe('--jobs', () => {
  it('--jobs 2 prints exactly what --jobs 1 prints', async () => {
    const dir = tempDir();
    const { crateDirs } = generateCorpus(dir, 0.1, 7);
    expect(crateDirs.length).toBeGreaterThan(3);
    // A single file rides along with the crates.
    const file = path.join(dir, crateDirs[1], 'src', readdirSync(path.join(dir, crateDirs[1], 'src')).find((f) => f.endsWith('.rs') && f !== 'main.rs' && f !== 'lib.rs')!);
    const args = ['rewrite', '--dry-run', '--color', 'never', ...crateDirs.slice(2).map((c) => path.join(dir, c)), file];
    const one = await kport([...args, '--jobs', '1']);
    const two = await kport([...args, '--jobs', '2']);
    expect(one.stdout.length, one.stderr).toBeGreaterThan(1000);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  });

  it('reports a bad input in a worker as one line, exit 2, nothing on stdout', async () => {
    const dir = tempDir();
    const { crateDirs } = generateCorpus(dir, 0.05, 3);
    const bad = path.join(dir, 'bad.rs');
    writeFileSync(bad, Buffer.from([0x66, 0x6e, 0x20, 0xff, 0xfe, 0x0a]));
    const r = await kport(['rewrite', '--dry-run', '--jobs', '2', ...crateDirs.map((c) => path.join(dir, c)), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: bad\.rs: not valid UTF-8/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('refuses --jobs 0', async () => {
    const r = await kport(['rewrite', '--dry-run', '--jobs', '0', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });

  it('by default the pool starts only when it pays: several units with enough Rust', () => {
    const dir = tempDir();
    const crate = (name: string, kb: number) => {
      mkdirSync(path.join(dir, name, 'src', 'deep'), { recursive: true });
      mkdirSync(path.join(dir, name, 'target', 'debug'), { recursive: true });
      writeFileSync(path.join(dir, name, 'Cargo.toml'), `[package]\nname = "${name}"\n`);
      writeFileSync(path.join(dir, name, 'src', 'main.rs'), 'fn main() {}\n'.padEnd((kb * 1024) / 2, ' '));
      writeFileSync(path.join(dir, name, 'src', 'deep', 'more.rs'), ''.padEnd((kb * 1024) / 2, ' '));
      // Build output and hidden folders are not input.
      writeFileSync(path.join(dir, name, 'target', 'debug', 'out.rs'), ''.padEnd(1 << 20, ' '));
      return { kind: 'crate', abs: path.join(dir, name), shown: name } satisfies UnitPlan;
    };
    const small = [crate('a', 8), crate('b', 8), crate('c', 8)];
    expect(inputBytes(small)).toBe(3 * 8 * 1024);
    expect(autoJobs(small, 8)).toBe(1);
    const big = [crate('d', 200), crate('e', 200), crate('f', 200)];
    // One unit never takes the pool, however large; one worker per BYTES_PER_WORKER, at most one per unit and per core.
    expect(autoJobs(big.slice(0, 1), 8)).toBe(1);
    expect(autoJobs(big, 1)).toBe(1);
    expect(autoJobs(big, 2)).toBe(2);
    expect(autoJobs(big, 8)).toBe(Math.min(3, Math.floor((600 * 1024) / BYTES_PER_WORKER)));
    // The walk stops once it knows enough.
    expect(inputBytes(big, 10 * 1024)).toBeLessThan(600 * 1024);
    const file = path.join(dir, 'one.rs');
    writeFileSync(file, 'fn f() {}\n');
    expect(inputBytes([{ kind: 'file', abs: file, shown: 'one.rs' }])).toBe(10);
  });

  it('the default on the bundled examples starts no worker (a worker would fail here)', () => {
    const examples = ['hello', 'calc', 'stats', 'cave'].map((e) => path.join(ROOT, 'examples', e));
    const env = { KPORT_FAULT: 'worker-throw', KPORT_FAULT_AT: '' };
    const r = kportBinEnv(['rewrite', '--dry-run', ...examples], env);
    expect(r.stderr).not.toMatch(/worker/);
    expect(r.stdout).toContain('+use kernel::prelude::*;');
    // The same fault does fail an explicit --jobs 2: the check above would have seen a worker.
    expect(kportBinEnv(['rewrite', '--dry-run', '--jobs', '2', ...examples], env).stderr).toMatch(/failed in a worker thread: injected worker fault/);
  });
});

function kportBinEnv(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return kportBin(args);
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}
