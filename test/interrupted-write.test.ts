// `--write` killed with SIGKILL at points spread over its replace step (6 in
// `npm test`, 20 with KPORT_KILL_TRIALS=20 as `npm run fuzz` sets): every file
// is old or new, never half-written, and the next `--write` finishes the job
// (or clears away a run that had not started replacing), leaving no debris.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, gitInit, kport, tempDir } from './helpers.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');
const DEBRIS = /\.kport-\d+-\d+\.(tmp|orig)$|^\.kport-write-journal$/;

function snapshot(dir: string, rel = '', out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) snapshot(dir, r, out);
    else out[r] = readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

const debrisOf = (snap: Record<string, string>) => Object.keys(snap).filter((f) => DEBRIS.test(path.basename(f)));

describe('an interrupted --write', () => {
  const trials = Number(process.env.KPORT_KILL_TRIALS ?? 6);
  it(`${trials} SIGKILLs while replacing files: each file old or new; a re-run completes it, says so, and leaves no debris`, async () => {
    const reference = copyOf(HELLO);
    gitInit(reference);
    expect((await kport(['rewrite', '--write', '.'], reference)).code).toBe(0);
    const final = snapshot(reference);

    const outcomes = new Set<string>();
    for (let k = 0; k < trials; k++) {
      const dir = copyOf(HELLO);
      gitInit(dir);
      const before = snapshot(dir);
      const mark = path.join(tempDir(), 'mark');
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kport.js'), 'rewrite', '--write', '.'], {
        cwd: dir,
        env: { ...process.env, KPORT_FAULT: 'write-slow', KPORT_FAULT_MARK: mark },
        stdio: 'ignore',
      });
      const closed = new Promise((resolve) => child.on('close', resolve));
      // Wait for the replace step, then kill at a different point of it each time (each step pauses 40 ms).
      const deadline = Date.now() + 30_000;
      while (!existsSync(mark) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, Math.round((k * 320) / trials)));
      child.kill('SIGKILL');
      await closed;

      const now = snapshot(dir);
      for (const f of new Set([...Object.keys(before), ...Object.keys(final)])) {
        expect([before[f], final[f]], `trial ${k}: ${f} is neither old nor new`).toContain(now[f]);
      }
      const hadDebris = debrisOf(now).length > 0;

      const again = await kport(['rewrite', '--write', '.'], dir);
      expect(again.code, again.stderr).toBe(0);
      if (hadDebris) expect(again.stderr, `trial ${k}`).toMatch(/^kport: an earlier run was interrupted (while replacing files; completed it|before replacing any file; removed its)/m);
      outcomes.add(hadDebris ? (again.stderr.includes('completed it') ? 'completed' : 'rolled back') : 'clean');
      const after = snapshot(dir);
      expect(debrisOf(after), `trial ${k}`).toEqual([]);
      expect(after, `trial ${k}`).toEqual(final);
    }
    // The kills did land inside the replace step.
    expect(outcomes.has('completed')).toBe(true);
  }, 300_000);

  it('killed before it replaced anything: the re-run removes the temporary files and says nothing of it was written', async () => {
    const dir = copyOf(HELLO);
    gitInit(dir);
    // What a run killed while staging leaves: complete or partial temporary files, no journal.
    writeFileSync(path.join(dir, 'src', '.greet.rs.kport-4242-1.tmp'), 'use kernel::prel');
    writeFileSync(path.join(dir, '.Kbuild.kport-4242-2.tmp'), '# SPDX');
    const r = await kport(['rewrite', '--write', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^kport: an earlier run was interrupted before replacing any file; removed its 2 temporary file\(s\), nothing of it had been written$/m);
    expect(debrisOf(snapshot(dir))).toEqual([]);
  });
});
