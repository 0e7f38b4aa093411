// Before any test: build dist/ from today's sources (esbuild, about a second),
// so the tests that run bin/kport.js never test a stale build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building dist/ for the tests failed:\n${r.stderr}${r.stdout}`);
}
