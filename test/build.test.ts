// bin/kport.js runs compiled JavaScript (dist/, built by the global setup from
// today's sources): no TypeScript and no tsx at run time, in the main thread
// or in the pool's workers, and a clear line when dist/ is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kportBin, tempDir } from './helpers.ts';

const DEPENDENCIES = Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies as Record<string, string>);

/**
 * kport as `npm i` lays it out, in a temporary folder: bin/, dist/ and the
 * files it reads, and a node_modules with only the run-time dependencies
 * (links to the real ones), so tsx, TypeScript and esbuild cannot be found.
 */
function installedCopy(): string {
  const dir = tempDir('kport-installed-');
  for (const f of ['bin', 'dist', 'stub', 'templates', 'golden', 'docs', 'package.json']) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
  for (const d of DEPENDENCIES) symlinkSync(path.join(ROOT, 'node_modules', d), path.join(dir, 'node_modules', d), 'dir');
  return dir;
}

/** A module hook that records every module the main thread resolves. */
function moduleLog(): { args: string[]; read: () => string[] } {
  const dir = tempDir('kport-hook-');
  const log = path.join(dir, 'modules.log');
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  return { args: ['--import', path.join(dir, 'register.mjs')], read: () => (existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n') : []) };
}

describe('compiled kport', () => {
  it('bin/kport.js loads neither tsx nor a TypeScript file, and prints what the sources print', async () => {
    const hook = moduleLog();
    const hello = path.join(ROOT, 'examples', 'hello');
    const r = spawnSync(process.execPath, [...hook.args, path.join(ROOT, 'bin', 'kport.js'), 'rewrite', '--dry-run', hello], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const loaded = hook.read();
    expect(loaded).toContain(new URL('../dist/cli.js', import.meta.url).href);
    expect(loaded.filter((u) => /\/node_modules\/(tsx|typescript|esbuild)\/|\.[cm]?ts$/.test(u))).toEqual([]);
    // The same output as the sources give in this process.
    const { kport } = await import('./helpers.ts');
    const fromSources = await kport(['rewrite', '--dry-run', hello], ROOT);
    expect(r.stdout).toBe(fromSources.stdout);
  });

  it('the bundle names no TypeScript source and no tsx: its workers start dist/worker.js', () => {
    const dist = path.join(ROOT, 'dist');
    const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['cli.js', 'worker.js']));
    expect(files).not.toContain('worker-entry.js');
    for (const f of files) {
      const text = readFileSync(path.join(dist, f), 'utf8');
      expect(text, f).not.toMatch(/(\bfrom|\bimport\(|\brequire\()\s*['"](tsx|typescript|esbuild)(\/[^'"]*)?['"]/);
      expect(text, f).not.toMatch(/(\bfrom|\bimport\(|\brequire\()\s*['"][^'"]+\.ts['"]/);
    }
  });

  it('runs with only its run-time dependencies installed, the pool included (--jobs 2)', () => {
    const dir = installedCopy();
    const bin = path.join(dir, 'bin', 'kport.js');
    const examples = ['hello', 'calc', 'cave'].map((e) => path.join(ROOT, 'examples', e));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8' });
    const pooled = run(['rewrite', '--dry-run', '--jobs', '2', ...examples]);
    expect(pooled.stderr).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND|internal error/);
    expect(pooled.stdout).toBe(kportBin(['rewrite', '--dry-run', '--jobs', '1', ...examples]).stdout);
    expect(pooled.stdout).toContain('+++ b/cave/src/miscdev.rs');
    // Files read at run time are found beside the bundle: templates/ (cave's miscdev.rs above), the version, golden/ for explain.
    expect(run(['--version']).stdout).toBe(`kport ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(run(['explain', 'K0501']).stdout).toMatch(/^Example \(golden\//m);
    // A transform's page comes from docs/transforms/.
    expect(run(['explain', 'check-panics']).stdout).toBe(kportBin(['explain', 'check-panics']).stdout);
    expect(run(['explain', 'check-panics']).stdout.split('\n').length).toBeGreaterThan(20);
  });

  it('without dist/, one line says to build it', () => {
    const dir = tempDir('kport-unbuilt-');
    cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'kport.js'), 'transforms'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kport: not built: dist\/cli\.js is missing; run `npm run build`[^\n]*\n$/);
  });
});
