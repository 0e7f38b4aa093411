// --file-timeout (issue 21 item 3): a file whose transforms run past the
// per-file budget becomes a K0007 diagnostic on that file, and the rest of the
// crate is still ported (src/engine/budget.ts, src/engine/pipeline.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileBudgetExceeded, enter, own, startMeter, stopMeter, tick } from '../src/engine/budget.ts';
import { parse } from '../src/engine/parse.ts';
import { kport, tempDir } from './helpers.ts';

/** A crate whose `deep.rs` nests `vec!` `depth` deep (slow to analyse) beside a plain main.rs. */
function crate(depth: number): string {
  const dir = tempDir('kport-timeout-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "slow"\nversion = "0.1.0"\nedition = "2021"\n');
  writeFileSync(path.join(dir, 'src', 'main.rs'), 'mod deep;\n\nfn main() {\n    let v = vec![1, 2];\n    println!("{}", v.len());\n}\n');
  writeFileSync(path.join(dir, 'src', 'deep.rs'), `pub fn d() -> usize {\n    let x = ${'vec!['.repeat(depth)}1${']'.repeat(depth)};\n    x.len()\n}\n`);
  return dir;
}

describe('--file-timeout', () => {
  it('refuses the file over its budget with K0007 and ports the rest without it', async () => {
    const dir = crate(3000);
    const r = await kport(['rewrite', '--dry-run', '--file-timeout', '1', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[K0007\][^\n]*\n --> src\/deep\.rs:1:1/);
    const out = r.stdout + r.stderr;
    expect(out).toContain('K0007');
    expect(out).toMatch(/deep\.rs/);
    // main.rs is still ported; deep.rs is left as it was, and there is no module scaffolding.
    expect(out).toContain('+    let v = kernel::kvec![1, 2]?;');
    expect(out).not.toContain('+++ b/src/deep.rs');
    expect(out).not.toContain('module! {');
  }, 60_000);

  it('rejects a budget that is not a number of seconds', async () => {
    const r = await kport(['rewrite', '--dry-run', '--file-timeout', '-1', crate(1)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--file-timeout');
  });
});

describe('budget meter', () => {
  it('throws for the file being worked on once it used its budget, and only while metering', () => {
    const tree = parse('fn main() {}\n');
    const owner = {};
    const token = startMeter(0.001);
    try {
      own(tree, owner);
      enter(owner);
      const until = performance.now() + 20;
      while (performance.now() < until);
      expect(() => {
        for (let i = 0; i < 1000; i++) tick(tree);
      }).toThrow(FileBudgetExceeded);
      // Between passes nothing is metered.
      enter(undefined);
      for (let i = 0; i < 1000; i++) tick(tree);
    } finally {
      stopMeter(token);
    }
    // Without a meter, ticks are free.
    for (let i = 0; i < 1000; i++) tick(tree);
  });
});
