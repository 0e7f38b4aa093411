// Slow (an npm install, tens of seconds): kport packed with `npm pack` and
// installed with `npm i -g` into a temporary prefix is a working `kport` that
// has no TypeScript and no tsx at all, so nothing can be compiled at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kportBin, tempDir } from './helpers.ts';

const npm = (args: string[], cwd: string) => spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 280_000 });

/** Every file under `dir`, relative to it. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

describe('installed from a packed tarball (slow)', () => {
  it('npm pack, npm i -g: kport runs, with no TypeScript installed', { timeout: 300_000 }, () => {
    const work = tempDir('kport-pack-');
    // dist/ is fresh (the global setup built it); --ignore-scripts keeps `prepare` from rebuilding it under the other tests.
    const pack = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = path.join(work, pack.stdout.trim().split('\n').pop()!);
    expect(existsSync(tarball)).toBe(true);

    const prefix = path.join(work, 'prefix');
    const install = npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
    expect(install.status, install.stderr).toBe(0);

    const pkg = path.join(prefix, 'lib', 'node_modules', 'kport');
    const files = walk(pkg);
    // Nothing that compiles TypeScript, and no TypeScript source, is installed.
    expect(files.filter((f) => /^node_modules\/(tsx|typescript|esbuild|@esbuild)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.[cm]?ts$/.test(f) && !f.startsWith('node_modules/'))).toEqual([]);

    const bin = path.join(prefix, 'bin', 'kport');
    const run = (args: string[]) => spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` } });
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(run(['--version']).stdout).toBe(`kport ${version}\n`);

    // The same diff as the repository's kport, through the pool too.
    const examples = ['hello', 'calc', 'cave'].map((e) => path.join(ROOT, 'examples', e));
    const pooled = run(['rewrite', '--dry-run', '--jobs', '2', ...examples]);
    expect(pooled.stderr).not.toMatch(/internal error|Cannot find/);
    expect(pooled.stdout).toBe(kportBin(['rewrite', '--dry-run', '--jobs', '1', ...examples]).stdout);
    expect(pooled.stdout).toContain('+++ b/cave/src/miscdev.rs');
    expect(run(['explain', 'K0501']).stdout).toMatch(/^Example \(golden\//m);
    // A transform's page comes from docs/transforms/.
    expect(run(['explain', 'check-panics']).stdout).toBe(kportBin(['explain', 'check-panics']).stdout);
  });
});
