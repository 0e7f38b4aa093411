// Issue 22, item 4: the uncommitted-changes check of `--write` fails closed.
// When git cannot answer for a file kport would overwrite (no git on PATH, a
// repository git calls "dubious ownership", no repository at all), --write
// refuses with the reason; --allow-dirty is the explicit way through.
import { chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, copyOf, gitInit, kport, tempDir } from './helpers.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');
const greet = (dir: string) => readFileSync(path.join(dir, 'src', 'greet.rs'), 'utf8');
const savedPath = process.env.PATH;

afterEach(() => {
  process.env.PATH = savedPath;
});

describe('--write when git cannot answer', () => {
  it('outside a git repository: refused, and says so; --allow-dirty writes', async () => {
    const dir = copyOf(HELLO);
    const before = greet(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: refusing to write: cannot tell whether the files it would overwrite \(src\/greet\.rs, src\/main\.rs\) have uncommitted changes \(.* is not in a git repository\); pass --allow-dirty to write anyway\n$/);
    expect(greet(dir)).toBe(before);
    const forced = await kport(['rewrite', '--write', '--allow-dirty', dir]);
    expect(forced.code).toBe(0);
    expect(greet(dir)).toContain('pr_info!');
  });

  it('no git on PATH: refused with the reason', async () => {
    const dir = copyOf(HELLO);
    gitInit(dir);
    const before = greet(dir);
    process.env.PATH = tempDir();
    const r = await kport(['rewrite', '--write', dir]);
    process.env.PATH = savedPath;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: refusing to write: cannot tell whether .* \(git could not be run \(not found on PATH\)\); pass --allow-dirty to write anyway\n$/);
    expect(greet(dir)).toBe(before);
  });

  it.skipIf(process.getuid?.() !== 0)('a repository git calls "dubious ownership": refused with git\'s reason', async () => {
    const dir = copyOf(HELLO);
    gitInit(dir);
    const before = greet(dir);
    // Owned by someone else: git refuses to read it (unless safe.directory says otherwise).
    const chownAll = (d: string) => {
      chownSync(d, 54321, 54321);
      for (const e of ['.git', 'src', 'Cargo.toml']) chownSync(path.join(d, e), 54321, 54321);
    };
    chownAll(dir);
    const home = tempDir();
    const env = { HOME: process.env.HOME, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL };
    process.env.HOME = home;
    process.env.GIT_CONFIG_GLOBAL = path.join(home, 'gitconfig');
    try {
      const r = await kport(['rewrite', '--write', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kport: refusing to write: cannot tell whether .* \(git refuses: detected dubious ownership in repository at .*\); pass --allow-dirty to write anyway\n$/);
      expect(greet(dir)).toBe(before);
    } finally {
      process.env.HOME = env.HOME;
      if (env.GIT_CONFIG_GLOBAL === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = env.GIT_CONFIG_GLOBAL;
    }
  });

  it('a file git does not track (untracked or ignored) is not vouched for either', async () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, '.gitignore'), 'ignored/\n');
    writeFileSync(path.join(outer, 'README'), 'x\n');
    gitInit(outer);
    for (const sub of ['ignored', 'untracked']) {
      const dir = path.join(outer, sub);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'lib.rs'), 'pub fn f() {\n    println!("x");\n}\n');
      const r = await kport(['rewrite', '--write', dir]);
      expect(r.code, sub).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^kport: refusing to write: ${sub}/(lib\\.rs)? is not committed to git; commit it first, or pass --allow-dirty\\n$`));
    }
  });

  it('a clean, committed crate is written as before', async () => {
    const dir = copyOf(HELLO);
    gitInit(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(0);
    expect(greet(dir)).toContain('pr_info!');
  });
});
