// Issue 22, item 2: the libraries `kport verify` has rustc load (the stub and
// its proc-macro crate, which rustc runs) come from a per-user cache, and a
// planted or altered entry, or a cache folder someone else could write, is
// never loaded: it is rebuilt (in a fresh private folder when the cache
// folder itself fails the checks).
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { badEntry, cachedBuild, cacheRoot, unsafeFolder } from '../src/verify/cache.ts';
import { buildStub, findRustc } from '../src/verify/verify.ts';
import { tempDir } from './helpers.ts';

const rustc = findRustc();
const isRoot = process.getuid?.() === 0;
const OTHER = 54321;

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** A stand-in build: writes `lib.so` with `text` and counts the builds. */
function fakeBuild(text = 'built by kport') {
  let builds = 0;
  const steps = (work: string) => {
    builds++;
    writeFileSync(path.join(work, 'lib.so'), text);
  };
  return { steps, count: () => builds };
}

describe('where the cache lives', () => {
  it('$KPORT_CACHE_DIR, else $XDG_CACHE_HOME/kport, else ~/.cache/kport; never the shared temporary folder', () => {
    expect(cacheRoot({ KPORT_CACHE_DIR: '/c/k', XDG_CACHE_HOME: '/x' })).toBe('/c/k');
    expect(cacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/kport');
    expect(cacheRoot({ XDG_CACHE_HOME: 'relative' })).toBe(path.join(homedir(), '.cache', 'kport'));
    expect(cacheRoot({})).toBe(path.join(homedir(), '.cache', 'kport'));
  });

  it('is created 0700, each entry sealed with a manifest of sha256s, and reused', () => {
    const base = path.join(tempDir(), 'cache', 'kport');
    const b = fakeBuild();
    const out = cachedBuild(base, 'k1', 'lib.so', b.steps);
    expect(out).toBe(path.join(base, 'k1', 'lib.so'));
    expect(statSync(base).mode & 0o777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(path.join(base, 'k1', 'kport-manifest.json'), 'utf8'));
    expect(manifest).toEqual({ files: { 'lib.so': sha(out) } });
    expect(cachedBuild(base, 'k1', 'lib.so', b.steps)).toBe(out);
    expect(b.count()).toBe(1);
  });
});

describe('a planted or altered entry is never loaded', () => {
  it('contents that do not match the manifest: rebuilt', () => {
    const base = tempDir();
    const b = fakeBuild();
    const out = cachedBuild(base, 'k', 'lib.so', b.steps);
    writeFileSync(out, 'planted code');
    expect(badEntry(path.join(base, 'k'), 'lib.so')).toMatch(/does not match its sha256/);
    expect(readFileSync(cachedBuild(base, 'k', 'lib.so', b.steps), 'utf8')).toBe('built by kport');
    expect(b.count()).toBe(2);
  });

  it('an entry without a manifest (planted, or from an older kport), or with an extra library: rebuilt', () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'k'), { mode: 0o700 });
    writeFileSync(path.join(base, 'k', 'lib.so'), 'planted code');
    const b = fakeBuild();
    expect(readFileSync(cachedBuild(base, 'k', 'lib.so', b.steps), 'utf8')).toBe('built by kport');
    writeFileSync(path.join(base, 'k', 'libmacros.so'), 'planted beside it');
    expect(badEntry(path.join(base, 'k'), 'lib.so')).toMatch(/libmacros\.so is not in the manifest/);
    cachedBuild(base, 'k', 'lib.so', b.steps);
    expect(existsSync(path.join(base, 'k', 'libmacros.so'))).toBe(false);
    expect(b.count()).toBe(2);
  });

  it('a file writable by others: rebuilt', () => {
    const base = tempDir();
    const b = fakeBuild();
    const out = cachedBuild(base, 'k', 'lib.so', b.steps);
    chmodSync(out, 0o666);
    expect(badEntry(path.join(base, 'k'), 'lib.so')).toMatch(/writable by others/);
    cachedBuild(base, 'k', 'lib.so', b.steps);
    expect(statSync(out).mode & 0o022).toBe(0);
    expect(b.count()).toBe(2);
  });

  it.skipIf(!isRoot)('an entry or a file owned by another user: rebuilt', () => {
    const base = tempDir();
    const b = fakeBuild();
    const out = cachedBuild(base, 'k', 'lib.so', b.steps);
    chownSync(out, OTHER, OTHER);
    expect(badEntry(path.join(base, 'k'), 'lib.so')).toMatch(/belongs to user 54321/);
    cachedBuild(base, 'k', 'lib.so', b.steps);
    expect(statSync(out).uid).toBe(0);
    chownSync(path.join(base, 'k'), OTHER, OTHER);
    cachedBuild(base, 'k', 'lib.so', b.steps);
    expect(statSync(path.join(base, 'k')).uid).toBe(0);
    expect(b.count()).toBe(3);
  });
});

describe('a cache folder someone else can write is not used at all', () => {
  const notUnder = (out: string, base: string) => !out.startsWith(base + path.sep);

  it('world-writable (not sticky): built in a fresh private folder instead, nothing loaded from it', () => {
    const base = tempDir();
    chmodSync(base, 0o777);
    expect(unsafeFolder(base)).toMatch(/writable by others \(mode 777\)/);
    // Someone planted an entry there; it is not even looked at.
    mkdirSync(path.join(base, 'k'));
    writeFileSync(path.join(base, 'k', 'lib.so'), 'planted code');
    const b = fakeBuild();
    const out = cachedBuild(base, 'k', 'lib.so', b.steps);
    expect(notUnder(out, base)).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('built by kport');
    expect(statSync(path.dirname(out)).mode & 0o777).toBe(0o700);
  });

  it('below a world-writable folder: not used either', () => {
    const shared = tempDir();
    chmodSync(shared, 0o777);
    const base = path.join(shared, 'kport');
    const out = cachedBuild(base, 'k', 'lib.so', fakeBuild().steps);
    expect(unsafeFolder(base)).toMatch(/a folder above it, is writable by everyone/);
    expect(notUnder(out, base)).toBe(true);
  });

  it.skipIf(!isRoot)('owned by another user: not used', () => {
    const base = tempDir();
    chownSync(base, OTHER, OTHER);
    expect(unsafeFolder(base)).toMatch(/belongs to user 54321/);
    const out = cachedBuild(base, 'k', 'lib.so', fakeBuild().steps);
    expect(notUnder(out, base)).toBe(true);
  });

  it('group-writable: not used', () => {
    const base = tempDir();
    chmodSync(base, 0o770);
    const out = cachedBuild(base, 'k', 'lib.so', fakeBuild().steps);
    expect(notUnder(out, base)).toBe(true);
  });
});

describe.skipIf(!rustc)('the verify stub', () => {
  it('a planted macros library in the stub cache is replaced, not loaded', () => {
    const cache = tempDir();
    const rlib = buildStub('mainline', rustc!, cache);
    expect(rlib.startsWith(path.join(cache, 'stub') + path.sep)).toBe(true);
    const macros = path.join(path.dirname(rlib), 'libmacros.so');
    const good = sha(macros);
    writeFileSync(macros, 'a planted proc macro');
    expect(buildStub('mainline', rustc!, cache)).toBe(rlib);
    expect(sha(macros)).toBe(good);
  });

  it('KPORT_CACHE_DIR pointing at a world-writable folder: the stub is built privately', () => {
    const cache = tempDir();
    chmodSync(cache, 0o777);
    const saved = process.env.KPORT_CACHE_DIR;
    process.env.KPORT_CACHE_DIR = cache;
    try {
      const rlib = buildStub('mainline', rustc!);
      expect(rlib.startsWith(cache + path.sep)).toBe(false);
      expect(existsSync(rlib)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.KPORT_CACHE_DIR;
      else process.env.KPORT_CACHE_DIR = saved;
    }
  });
});
