// The example programs are real userspace Rust: each builds with rustc and
// prints exactly its expected-output.txt for its input.txt. (They are what the
// end-to-end suite ports; a broken example would make that suite meaningless.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.ts';

const EXAMPLES = path.join(ROOT, 'examples');
const rustc = process.env.KPORT_RUSTC ?? 'rustc';
const hasRustc = spawnSync(rustc, ['--version']).status === 0;
if (!hasRustc) console.warn(`examples.test.ts: skipped: no rustc on PATH (${rustc}), so the examples are not built and run`);

const programs = readdirSync(EXAMPLES)
  .filter((n) => existsSync(path.join(EXAMPLES, n, 'input.txt')))
  .sort();

describe('examples are ordinary userspace programs', () => {
  it('has at least five programs, each a Cargo crate of 80-300 lines with a README line', () => {
    expect(programs.length).toBeGreaterThanOrEqual(5);
    for (const n of programs) {
      const dir = path.join(EXAMPLES, n);
      expect(existsSync(path.join(dir, 'Cargo.toml')), `${n}/Cargo.toml`).toBe(true);
      expect(readFileSync(path.join(dir, 'README.md'), 'utf8').trim().length, `${n}/README.md`).toBeGreaterThan(20);
      const lines = rsFiles(path.join(dir, 'src')).reduce((k, f) => k + readFileSync(f, 'utf8').split('\n').length - 1, 0);
      expect(lines, `${n} lines`).toBeGreaterThanOrEqual(80);
      expect(lines, `${n} lines`).toBeLessThanOrEqual(300);
    }
  });

  for (const n of programs) {
    it.skipIf(!hasRustc)(`${n}: builds with rustc and prints expected-output.txt for input.txt`, () => {
      const dir = path.join(EXAMPLES, n);
      const exe = path.join(tempDir(), n);
      const b = spawnSync(rustc, ['--edition', '2021', '--crate-name', n.replace(/-/g, '_'), '-o', exe, path.join(dir, 'src', 'main.rs')], { encoding: 'utf8' });
      expect(b.stderr).toBe('');
      expect(b.status).toBe(0);
      const r = spawnSync(exe, [], { input: readFileSync(path.join(dir, 'input.txt')), encoding: 'utf8' });
      expect(r.stdout).toBe(readFileSync(path.join(dir, 'expected-output.txt'), 'utf8'));
    });
  }
});

function rsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rsFiles(path.join(dir, e.name)) : e.name.endsWith('.rs') ? [path.join(dir, e.name)] : [],
  );
}
