// The per-user cache of libraries kport builds and then has rustc load (the
// verify stub and its proc-macro crate; the tests' userspace shim). A proc
// macro is code rustc runs, so an entry is used only when nobody else could
// have put it there: the cache lives in a folder of this user's
// (`$KPORT_CACHE_DIR`, else `$XDG_CACHE_HOME/kport`, else `~/.cache/kport`),
// created 0700; the folder, each entry and each file must be this user's and
// writable by nobody else, no folder above may be writable by others (unless
// sticky, as /tmp is) or belong to another user; and every file must match the
// sha256 the entry's manifest recorded when kport built it. Anything that
// fails is never loaded: it is rebuilt, in a fresh private folder when the
// cache itself cannot be trusted.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../engine/errors.ts';

const MANIFEST = 'kport-manifest.json';

/** The cache folder: `$KPORT_CACHE_DIR`, else `$XDG_CACHE_HOME/kport`, else `~/.cache/kport`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KPORT_CACHE_DIR) return path.resolve(env.KPORT_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'kport');
  return path.join(homedir(), '.cache', 'kport');
}

const uid = (): number | undefined => process.getuid?.();

/** Why `st` (of `what`) is not this user's alone, or undefined. */
function notMine(what: string, st: Stats): string | undefined {
  const me = uid();
  if (me === undefined) return undefined;
  if (st.uid !== me) return `${what} belongs to user ${st.uid}, not to you (${me})`;
  if (st.mode & 0o022) return `${what} is writable by others (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * Why files in `dir` could be replaced by someone else, or undefined: `dir`
 * must be a real folder of this user's that only they can write, and every
 * folder above it must belong to this user or root and not be writable by
 * others unless sticky.
 */
export function unsafeFolder(dir: string): string | undefined {
  const me = uid();
  if (me === undefined) return undefined;
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(dir);
    st = lstatSync(real);
  } catch (e) {
    return `${dir}: ${(e as Error).message}`;
  }
  if (!st.isDirectory()) return `${dir} is not a folder`;
  const own = notMine(dir, st);
  if (own) return own;
  return unsafeAbove(real);
}

/** Why a folder above `real` (a resolved path) lets others swap what is below it, or undefined. */
function unsafeAbove(real: string): string | undefined {
  const me = uid();
  if (me === undefined) return undefined;
  for (let d = path.dirname(real); ; d = path.dirname(d)) {
    const st = lstatSync(d);
    if (st.uid !== me && st.uid !== 0) return `${d}, a folder above it, belongs to user ${st.uid}`;
    if (st.mode & 0o002 && !(st.mode & 0o1000)) return `${d}, a folder above it, is writable by everyone`;
    if (d === path.dirname(d)) return undefined;
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Why the entry `dir` must not be used, or undefined when every file in it is this user's and matches its manifest. */
export function badEntry(dir: string, product: string): string | undefined {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) return `${dir} is not a folder`;
    const own = notMine(dir, st);
    if (own) return own;
    const manifestPath = path.join(dir, MANIFEST);
    const mst = lstatSync(manifestPath);
    if (!mst.isFile()) return `${manifestPath} is not a regular file`;
    const mown = notMine(manifestPath, mst);
    if (mown) return mown;
    const files = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files?: Record<string, string> }).files ?? {};
    if (!(product in files)) return `${product} is not in ${manifestPath}`;
    // rustc searches the folder for crates (-L dependency=), so nothing unlisted may be there.
    for (const name of readdirSync(dir)) {
      if (name === MANIFEST) continue;
      const f = path.join(dir, name);
      const fst = lstatSync(f);
      if (!fst.isFile()) return `${f} is not a regular file`;
      const fown = notMine(f, fst);
      if (fown) return fown;
      if (!(name in files)) return `${f} is not in the manifest`;
      if (sha256(f) !== files[name]) return `${f} does not match its sha256 in the manifest`;
    }
    for (const name of Object.keys(files)) if (!readdirSync(dir).includes(name)) return `${name} is missing`;
    return undefined;
  } catch (e) {
    return `${dir}: ${(e as Error).message}`;
  }
}

/** Record what `steps` built in `work`: no file writable by others, and a manifest of each file's sha256. */
function seal(work: string): void {
  const files: Record<string, string> = {};
  for (const name of readdirSync(work).sort()) {
    const f = path.join(work, name);
    const st = lstatSync(f);
    if (!st.isFile()) continue;
    chmodSync(f, st.mode & 0o755);
    files[name] = sha256(f);
  }
  writeFileSync(path.join(work, MANIFEST), JSON.stringify({ files }, null, 2) + '\n', { mode: 0o600 });
}

const privateFolders: string[] = [];
let cleanupRegistered = false;

/** A fresh folder only this user can use, removed when the process exits. */
function freshPrivateFolder(why: string): string {
  const tmp = tmpdir();
  const unsafe = unsafeAbove(path.join(realpathSync(tmp), 'x'));
  if (unsafe) throw new UsageError(`no safe folder to build kport's libraries in (the cache: ${why}; the temporary folder: ${unsafe}); set KPORT_CACHE_DIR to a folder only you can write`);
  return removedAtExit(mkdtempSync(path.join(tmp, 'kport-build-')));
}

function removedAtExit(dir: string): string {
  privateFolders.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      for (const d of privateFolders) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/**
 * Build once into `base/key` and return `base/key/product`. `steps` builds
 * into a private folder that is sealed (manifest of sha256s) and renamed into
 * place, so parallel runs never see a half-built entry; when another run
 * finished first, its entry is used if it checks out. An entry that fails the
 * checks is moved aside and rebuilt; a `base` that fails them is not used at
 * all: the build goes to a fresh private folder for this run.
 */
export function cachedBuild(base: string, key: string, product: string, steps: (work: string) => void): string {
  const build = (work: string) => {
    try {
      steps(work);
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      throw e;
    }
  };
  try {
    mkdirSync(base, { recursive: true, mode: 0o700 });
  } catch {
    // unsafeFolder says why below.
  }
  const unsafe = unsafeFolder(base);
  if (unsafe) {
    const work = freshPrivateFolder(unsafe);
    build(work);
    return path.join(work, product);
  }
  const dir = path.join(base, key);
  const out = path.join(dir, product);
  const exists = lexists(dir);
  if (exists && !badEntry(dir, product)) return out;
  const work = mkdtempSync(path.join(base, 'build-'));
  build(work);
  seal(work);
  // A bad entry is moved aside (one rename) before the new one takes its name.
  if (exists) {
    const aside = `${dir}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(dir, aside);
      rmSync(aside, { recursive: true, force: true });
    } catch {
      // Someone else moved it, or it cannot be moved: the rename below tells.
    }
  }
  try {
    renameSync(work, dir);
    return out;
  } catch {
    // Another run put its entry there first: use it if it checks out, else ours.
    if (!badEntry(dir, product)) {
      rmSync(work, { recursive: true, force: true });
      return out;
    }
    return path.join(removedAtExit(work), product);
  }
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
