// Safe writing: --write and --out-dir are all-or-nothing. A full disk, a
// permission error, a failing rename, a read-only file, a file that changes
// while kport runs: each ends with a clear message, every file either old or
// new, and no temporary file left behind. Failures are injected through the
// writer's file-system layer (patcher.ts WriteFs).
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, writeAll, type WriteFs } from '../src/outputs/patcher.ts';
import { rewrite, type RewriteOptions } from '../src/cli/run.ts';
import { UsageError } from '../src/engine/errors.ts';
import { ROOT, copyOf, gitInit, kport, tempDir } from './helpers.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');

/** Every file under `dir` (except .git) with its bytes, base64. */
function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, r));
    else if (e.isSymbolicLink()) out[r] = 'symlink';
    else out[r] = readFileSync(path.join(dir, r)).toString('base64');
  }
  return out;
}

const leftovers = (dir: string) => Object.keys(snapshot(dir)).filter((f) => f.includes('.kport-'));

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** nodeFs, except that the nth call (1-based) of `op` fails with `code`; `before` runs before every call of `op`. */
function failing(op: keyof WriteFs, nth: number, code = 'ENOSPC', before?: (args: unknown[]) => void): WriteFs {
  let calls = 0;
  const fs: WriteFs = { ...nodeFs };
  const real = nodeFs[op] as (...a: unknown[]) => unknown;
  (fs as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
    before?.(args);
    if (++calls === nth) throw errno(code);
    return real(...args);
  };
  return fs;
}

function opts(dir: string, extra: Partial<RewriteOptions> = {}): RewriteOptions {
  return { paths: [dir], profile: 'mainline', mode: 'write', ...extra };
}

describe('writeAll', () => {
  function three() {
    const dir = tempDir();
    const files = ['a.rs', 'b.rs', 'c.rs'].map((n) => path.join(dir, n));
    files.forEach((f, i) => writeFileSync(f, `old ${i}\n`));
    const plan = files.map((abs, i) => ({ abs, data: Buffer.from(`new ${i}\n`), mode: 0o644, expect: Buffer.from(`old ${i}\n`) }));
    return { dir, files, plan };
  }

  it('writes every file when nothing fails, and leaves no temporary file', () => {
    const { dir, files, plan } = three();
    writeAll(plan);
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(['new 0\n', 'new 1\n', 'new 2\n']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a full disk while staging the second file: nothing written, no temporary file', () => {
    const { dir, files, plan } = three();
    const before = snapshot(dir);
    expect(() => writeAll(plan, failing('writeSync', 2))).toThrow(/b\.rs: cannot write: no space left on device; nothing was written/);
    expect(snapshot(dir)).toEqual(before);
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(['old 0\n', 'old 1\n', 'old 2\n']);
  });

  it('a failing fsync or a short write count as failures too', () => {
    const { dir, plan } = three();
    const before = snapshot(dir);
    expect(() => writeAll(plan, failing('fsyncSync', 3, 'EIO'))).toThrow(/c\.rs: cannot write: .*nothing was written/);
    expect(snapshot(dir)).toEqual(before);
    const zero: WriteFs = { ...nodeFs, writeSync: () => 0 };
    expect(() => writeAll(plan, zero)).toThrow(/nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a permission error creating the temporary file: clear message, nothing written', () => {
    const { dir, plan } = three();
    const before = snapshot(dir);
    expect(() => writeAll(plan, failing('openSync', 1, 'EACCES'))).toThrow(/a\.rs: cannot write: permission denied; nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a rename failing on the third file puts the first two back', () => {
    const { dir, files, plan } = three();
    const before = snapshot(dir);
    expect(() => writeAll(plan, failing('renameSync', 3, 'EIO'))).toThrow(/c\.rs: cannot replace: .*the files replaced before it were restored/);
    expect(snapshot(dir)).toEqual(before);
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(['old 0\n', 'old 1\n', 'old 2\n']);
  });

  it('without hard links the backup is a copy, and the rollback still works', () => {
    const { dir, plan } = three();
    const before = snapshot(dir);
    const fs = failing('renameSync', 2, 'EIO');
    fs.linkSync = () => {
      throw errno('EPERM');
    };
    expect(() => writeAll(plan, fs)).toThrow(/restored/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a file changed by someone else while kport ran: nothing written', () => {
    const { dir, files, plan } = three();
    // Another program saves b.rs while kport stages its temporary files.
    let once = false;
    const fs = failing('openSync', 0, 'EIO', () => {
      if (!once) writeFileSync(files[1], 'edited by a person\n');
      once = true;
    });
    expect(() => writeAll(plan, fs)).toThrow(/b\.rs: changed while kport was running; nothing was written/);
    expect(readFileSync(files[0], 'utf8')).toBe('old 0\n');
    expect(readFileSync(files[1], 'utf8')).toBe('edited by a person\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a file deleted, created, or replaced by a link while kport ran: nothing written', () => {
    const a = three();
    const del: WriteFs = { ...nodeFs, fsyncSync: (fd) => (existsSync(a.files[2]) && renameSync(a.files[2], a.files[2] + '.moved'), nodeFs.fsyncSync(fd)) };
    expect(() => writeAll(a.plan, del)).toThrow(/c\.rs: changed while kport was running/);
    expect(leftovers(a.dir)).toEqual([]);

    const b = three();
    const link: WriteFs = { ...nodeFs, closeSync: (fd) => (renameSync(b.files[0], b.files[0] + '.x'), symlinkSync(b.files[0] + '.x', b.files[0]), (link.closeSync = nodeFs.closeSync), nodeFs.closeSync(fd)) };
    expect(() => writeAll(b.plan, link)).toThrow(/a\.rs: changed while kport was running/);

    const c = tempDir();
    const target = path.join(c, 'new.rs');
    const create: WriteFs = { ...nodeFs, chmodSync: (f, m) => (writeFileSync(target, 'someone else\n'), nodeFs.chmodSync(f, m)) };
    expect(() => writeAll([{ abs: target, data: Buffer.from('kport\n'), expect: null }], create)).toThrow(/changed while kport was running/);
    expect(readFileSync(target, 'utf8')).toBe('someone else\n');
  });

  it('keeps the mode it is given, and never writes through the umask', () => {
    const dir = tempDir();
    const f = path.join(dir, 'x.rs');
    writeFileSync(f, 'a\n');
    chmodSync(f, 0o750);
    writeAll([{ abs: f, data: Buffer.from('b\n'), mode: 0o750, expect: Buffer.from('a\n') }]);
    expect(statSync(f).mode & 0o777).toBe(0o750);
  });
});

describe('kport rewrite --write: all or nothing', () => {
  function gitCopy() {
    const dir = copyOf(HELLO);
    gitInit(dir);
    return dir;
  }

  it('a full disk on the second file leaves the whole crate untouched', () => {
    const dir = gitCopy();
    const before = snapshot(dir);
    expect(() => rewrite(opts(dir, { fs: failing('writeSync', 2) }))).toThrow(UsageError);
    expect(() => rewrite(opts(dir, { fs: failing('writeSync', 2) }))).toThrow(/no space left on device; nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a rename failing midway restores the files already replaced', () => {
    const dir = gitCopy();
    const before = snapshot(dir);
    // The 1st rename puts the write journal in place, the 2nd replaces a file, the 3rd fails.
    expect(() => rewrite(opts(dir, { fs: failing('renameSync', 3, 'EXDEV') }))).toThrow(/cannot replace: .*restored/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a read-only file: exit 2, one line, nothing written, the mode kept', async () => {
    const dir = gitCopy();
    chmodSync(path.join(dir, 'src', 'greet.rs'), 0o444);
    const before = snapshot(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kport: refusing to write: src/greet.rs is read-only; make it writable first\n');
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(path.join(dir, 'src', 'greet.rs')).mode & 0o777).toBe(0o444);
  });

  it('--out-dir: a full disk removes what was created', () => {
    const out = path.join(tempDir(), 'deep', 'out');
    expect(() => rewrite({ paths: [HELLO], profile: 'mainline', mode: 'out-dir', outDir: out, fs: failing('writeSync', 2) })).toThrow(/no space left/);
    expect(existsSync(out)).toBe(false);
  });

  it('--patch: a full disk leaves no half-written patch', () => {
    const dir = tempDir();
    const pf = path.join(dir, 'port.patch');
    writeFileSync(pf, 'old patch\n');
    expect(() => rewrite({ paths: [HELLO], profile: 'mainline', mode: 'patch', patchFile: pf, fs: failing('writeSync', 1) })).toThrow(/no space left/);
    expect(readFileSync(pf, 'utf8')).toBe('old patch\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes nothing outside the crate: the folder around it is unchanged', async () => {
    const outer = tempDir();
    const dir = path.join(outer, 'crate');
    mkdirSync(dir);
    for (const [rel, data] of Object.entries(snapshot(HELLO))) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), Buffer.from(data, 'base64'));
    }
    writeFileSync(path.join(outer, 'sibling.rs'), 'fn main() { println!("not mine"); }\n');
    gitInit(dir);
    const before = snapshot(outer);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(0);
    const after = snapshot(outer);
    const touched = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => after[k] !== before[k]);
    expect(touched).toContain('crate/src/greet.rs');
    expect(touched.filter((k) => !k.startsWith('crate/'))).toEqual([]);
    expect(after['sibling.rs']).toBe(before['sibling.rs']);
  });
});

describe('symbolic links', () => {
  it('a module file that links outside the crate is neither read nor written', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.rs'), 'pub fn s() { println!("outside"); }\n');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'lib.rs'), 'mod secret;\npub fn start() { println!("in"); }\n');
    symlinkSync(path.join(outside, 'secret.rs'), path.join(dir, 'secret.rs'));
    gitInit(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.stderr).toMatch(/warning\[K0003\]: secret\.rs: resolves outside the crate folder; skipped/);
    expect(readFileSync(path.join(outside, 'secret.rs'), 'utf8')).toBe('pub fn s() { println!("outside"); }\n');
    expect(readFileSync(path.join(dir, 'lib.rs'), 'utf8')).toContain('pr_info!');
  });

  it('a module file that links inside the crate is read, but never written through', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'main.rs'), 'mod a;\nfn main() {}\n');
    writeFileSync(path.join(dir, 'real.rs'), 'pub fn f() { println!("x"); }\n');
    symlinkSync('real.rs', path.join(dir, 'a.rs'));
    const dry = await kport(['rewrite', '--dry-run', path.join(dir, 'main.rs'), path.join(dir, 'a.rs')]);
    expect(dry.code).toBe(0);
    gitInit(dir);
    const before = snapshot(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.rs: is a symbolic link; refusing to write through it/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a link loop as a module file is a warning, and a link loop of folders is not followed', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'lib.rs'), 'mod a;\npub fn start() { println!("x"); }\n');
    symlinkSync('b.rs', path.join(dir, 'a.rs'));
    symlinkSync('a.rs', path.join(dir, 'b.rs'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'x.rs'), 'fn x() {}\n');
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    symlinkSync('loop', path.join(dir, 'loop'));
    const t0 = performance.now();
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/module `a` declared in lib\.rs has no file \(looked for a\.rs, a\/mod\.rs; a\.rs: too many levels of symbolic links\)/);
    const files = [...r.stdout.matchAll(/^(?:\+\+\+|---) [ab]\/(\S+)/gm)].map((m) => m[1]);
    expect(files).toContain('lib.rs');
    expect(files.filter((f) => /(^|\/)(up|loop)\/|^[ab]\.rs$/.test(f))).toEqual([]);
    const loop = await kport(['rewrite', '--dry-run', path.join(dir, 'loop')]);
    expect(loop).toMatchObject({ code: 2, stderr: expect.stringMatching(/too many levels of symbolic links/) });
  });

  it('#[path] that climbs out of the crate is refused with a reason', async () => {
    const outer = tempDir();
    const dir = path.join(outer, 'c');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "c"\n');
    writeFileSync(path.join(dir, 'src', 'lib.rs'), '#[path = "../../evil.rs"]\nmod evil;\npub fn start() {}\n');
    writeFileSync(path.join(outer, 'evil.rs'), 'fn e() { println!("e"); }\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.stdout).not.toContain('evil');
    expect(r.stderr).toMatch(/module `evil` declared in src\/lib\.rs has no file \(looked for \.\.\/evil\.rs; \.\.\/evil\.rs is outside the crate folder\)/);
  });
});

describe('a .rs that is a folder', () => {
  it('as a module: a warning naming it; as a folder given on the command line: its files are ported', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'lib.rs'), 'mod m;\npub fn start() { println!("x"); }\n');
    mkdirSync(path.join(dir, 'm.rs'));
    writeFileSync(path.join(dir, 'm.rs', 'inner.rs'), 'fn i() { println!("i"); }\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/module `m` declared in lib\.rs has no file \(looked for m\.rs, m\/mod\.rs; m\.rs is a folder\)/);
    const files = [...r.stdout.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1]);
    expect(files).toEqual(['lib.rs', 'm.rs/inner.rs']);
    const folder = await kport(['rewrite', '--dry-run', path.join(dir, 'm.rs')]);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain('+++ b/inner.rs');
  });
});
