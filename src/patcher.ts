// The patcher: unified diffs that both `git apply` and `patch -p1` accept,
// and atomic writes. Nothing else in kport writes files.
import { structuredPatch } from 'diff';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, chmodSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.ts';
import { ioMessage } from './source.ts';

export interface FileChange {
  /** Path as it appears after `a/` and `b/`. */
  path: string;
  /** For a renamed file: the path it had (a git rename, which git apply and patch -p1 both take). */
  from?: string;
  /** Old bytes, or null for a created file. */
  old: Buffer | null;
  /** New bytes, or null for a deleted file. */
  new: Buffer | null;
  mode?: number;
}

function gitMode(mode: number | undefined): string {
  return mode !== undefined && mode & 0o111 ? '100755' : '100644';
}

/** One git-style unified diff for all changes, in the order given. */
export function unifiedDiff(changes: readonly FileChange[], context = 3): string {
  let out = '';
  for (const c of changes) {
    const oldText = c.old ? c.old.toString('utf8') : '';
    const newText = c.new ? c.new.toString('utf8') : '';
    if (c.old && c.new && oldText === newText && !c.from) continue;
    const a = `a/${c.from ?? c.path}`;
    const b = `b/${c.path}`;
    out += `diff --git ${a} ${b}\n`;
    if (c.from) {
      out += `${oldText === newText ? 'similarity index 100%\n' : ''}rename from ${c.from}\nrename to ${c.path}\n`;
      if (oldText === newText) continue;
    }
    if (!c.old) out += `new file mode ${gitMode(c.mode)}\n`;
    if (!c.new) out += `deleted file mode ${gitMode(c.mode)}\n`;
    const p = structuredPatch(c.old ? a : '/dev/null', c.new ? b : '/dev/null', oldText, newText, undefined, undefined, { context });
    out += `--- ${c.old ? a : '/dev/null'}\n+++ ${c.new ? b : '/dev/null'}\n`;
    for (const h of p.hunks) {
      out += `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n`;
      for (const l of h.lines) out += l + '\n';
    }
  }
  return out;
}

/**
 * The file-system calls the writer makes, so tests can make any of them fail
 * (a full disk, a permission error) at any point. Defaults to node:fs.
 */
export interface WriteFs {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, buf: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  chmodSync(file: string, mode: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  linkSync(existing: string, link: string): void;
  copyFileSync(from: string, to: string): void;
  lstatSync(file: string): Stats;
  readFileSync(file: string): Buffer;
}

export const nodeFs: WriteFs = { openSync, writeSync, fsyncSync, closeSync, chmodSync, renameSync, unlinkSync, linkSync, copyFileSync, lstatSync, readFileSync };

export interface PlannedWrite {
  /** Absolute path of the file to replace or create. */
  abs: string;
  data: Buffer;
  /** Mode of the written file (else 0644). */
  mode?: number;
  /**
   * What the file must still hold at the moment it is replaced: its bytes as
   * kport read them, or null for "must not exist". Undefined skips the check.
   */
  expect?: Buffer | null;
}

let counter = 0;
function sibling(file: string, what: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.kport-${process.pid}-${++counter}.${what}`);
}

function quietly(f: () => void): void {
  try {
    f();
  } catch {
    /* already failing, or already gone */
  }
}

/**
 * Write every file of `plan`, all or nothing, as far as a file system allows:
 *
 * 1. stage: each new content goes to a temporary file in the target's own
 *    folder, is written in full, fsync'ed and given its mode; any failure
 *    (a full disk, a permission error) removes every temporary file and
 *    leaves all targets untouched;
 * 2. check: each target must still hold what kport read (it did not change
 *    while kport ran); otherwise nothing is replaced;
 * 3. replace: each target is kept under a backup name (a hard link, or a
 *    copy) and the temporary file renamed over it; if a rename fails, the
 *    targets replaced so far are put back from their backups;
 * 4. the backups are removed.
 *
 * An interrupted run leaves each file either old or new, never half-written.
 */
export function writeAll(plan: readonly PlannedWrite[], fs: WriteFs = nodeFs): void {
  const temps: (string | undefined)[] = [];
  const cleanup = () => {
    for (const t of temps) if (t) quietly(() => fs.unlinkSync(t));
  };
  // 1. Stage.
  for (const w of plan) {
    const tmp = sibling(w.abs, 'tmp');
    let fd: number | undefined;
    try {
      fd = fs.openSync(tmp, 'wx', 0o600);
      temps.push(tmp);
      let off = 0;
      while (off < w.data.length) {
        const n = fs.writeSync(fd, w.data, off, w.data.length - off);
        if (!(n > 0)) throw Object.assign(new Error('short write'), { code: 'EIO' });
        off += n;
      }
      fs.fsyncSync(fd);
      const closing = fd;
      fd = undefined;
      fs.closeSync(closing);
      fs.chmodSync(tmp, w.mode ?? 0o644);
    } catch (e) {
      if (fd !== undefined) quietly(() => fs.closeSync(fd!));
      cleanup();
      throw new UsageError(`${w.abs}: cannot write: ${ioMessage(e)}; nothing was written`);
    }
  }
  // 2. Check that nobody changed a target while kport ran.
  for (const w of plan) {
    if (w.expect === undefined) continue;
    let now: Buffer | null;
    try {
      const st = fs.lstatSync(w.abs);
      now = st.isFile() ? fs.readFileSync(w.abs) : Buffer.from('\0not a regular file\0');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        cleanup();
        throw new UsageError(`${w.abs}: cannot read it again before replacing it: ${ioMessage(e)}; nothing was written`);
      }
      now = null;
    }
    const same = now === null || w.expect === null ? now === w.expect : now.equals(w.expect);
    if (!same) {
      cleanup();
      throw new UsageError(`${w.abs}: changed while kport was running; nothing was written (run kport again)`);
    }
  }
  // 3. Replace, keeping a way back.
  const done: { abs: string; backup?: string }[] = [];
  for (const [i, w] of plan.entries()) {
    let backup: string | undefined;
    try {
      if (w.expect !== null && exists(fs, w.abs)) {
        backup = sibling(w.abs, 'orig');
        try {
          fs.linkSync(w.abs, backup);
        } catch {
          fs.copyFileSync(w.abs, backup);
        }
      }
      fs.renameSync(temps[i]!, w.abs);
      temps[i] = undefined;
      done.push({ abs: w.abs, backup });
    } catch (e) {
      if (backup) quietly(() => fs.unlinkSync(backup!));
      // Put back what was already replaced, newest first.
      const notRestored: string[] = [];
      for (const d of done.reverse()) {
        try {
          if (d.backup) fs.renameSync(d.backup, d.abs);
          else fs.unlinkSync(d.abs);
        } catch {
          notRestored.push(d.abs);
        }
      }
      cleanup();
      const tail = notRestored.length ? `; could not restore ${notRestored.join(', ')} (their old contents are in .*.kport-*.orig files beside them)` : done.length ? '; the files replaced before it were restored' : '; nothing was written';
      throw new UsageError(`${w.abs}: cannot replace: ${ioMessage(e)}${tail}`);
    }
  }
  // 4. Success: the backups go, and the folders are synced so the renames last.
  for (const d of done) if (d.backup) quietly(() => fs.unlinkSync(d.backup!));
  for (const dir of new Set(plan.map((w) => path.dirname(w.abs)))) {
    quietly(() => {
      const fd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
  }
}

function exists(fs: WriteFs, file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write `data` to `file` atomically: a temporary file in the same folder,
 * fsync, then rename over the target. The mode is kept (or set).
 */
export function atomicWrite(file: string, data: Buffer | string, mode?: number, fs: WriteFs = nodeFs): void {
  writeAll([{ abs: file, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, mode }], fs);
}

/**
 * Make sure writing `target` stays inside `root`: no folder or file on the way
 * from `root` down to it is a symbolic link (even one that points back inside),
 * and the deepest folder that exists resolves inside `root`. `root` itself is
 * the folder the user named and may be reached through links.
 */
export function checkWritable(root: string, target: string): void {
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${target}: outside ${root}; refusing to write`);
  const parts = rel.split(path.sep);
  let at = root;
  let dir = root;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    let st: Stats;
    try {
      st = lstatSync(at);
    } catch {
      break;
    }
    if (st.isSymbolicLink()) {
      throw new UsageError(at === target ? `${target}: is a symbolic link; refusing to write through it` : `${target}: ${at} is a symbolic link; refusing to write through it`);
    }
    if (i < parts.length - 1) {
      if (!st.isDirectory()) throw new UsageError(`${target}: ${at} is not a folder; refusing to write`);
      dir = at;
    }
  }
  const realRoot = existsSync(root) ? realpathSync(root) : root;
  const realDir = realpathSync(dir);
  if (realDir !== realRoot && !realDir.startsWith(realRoot + path.sep)) throw new UsageError(`${target}: its folder resolves outside ${root}; refusing to write`);
}

/** `p` with symbolic links resolved, as far as it exists (the rest appended as given). */
export function resolvedPath(p: string): string {
  const abs = path.resolve(p);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      if (head === path.dirname(head)) return abs;
      tail.unshift(path.basename(head));
      head = path.dirname(head);
    }
  }
}

/** Create `dir` and its missing parents; returns the first folder created, if any. */
export function ensureDir(dir: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`${dir}: cannot create folder: ${ioMessage(e)}`);
  }
}
