// --jobs: worker threads must not change a byte of the output, nor its order.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate.ts';
import { kport, tempDir } from './helpers.ts';

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
});
