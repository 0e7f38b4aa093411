// The patcher: unified diffs that both `git apply` and `patch -p1` accept,
// and atomic writes. Nothing else in kport writes files.
import { structuredPatch } from 'diff';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, chmodSync, realpathSync } from 'node:fs';
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
 * Write `data` to `file` atomically: a temporary file in the same folder,
 * fsync, then rename over the target. The mode is kept (or set).
 */
export function atomicWrite(file: string, data: Buffer | string, mode?: number): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.kport-${process.pid}-${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o644);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw new UsageError(`${file}: cannot write: ${ioMessage(e)}`);
  }
}

/** Make sure `target` stays inside `root` once resolved, and is not a symlink. */
export function checkWritable(root: string, target: string): void {
  const rel = path.relative(root, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${target}: outside ${root}; refusing to write`);
  if (existsSync(target) && lstatSync(target).isSymbolicLink()) throw new UsageError(`${target}: is a symbolic link; refusing to write through it`);
  // The folder that holds it must itself resolve inside the root.
  let dir = path.dirname(target);
  while (!existsSync(dir)) dir = path.dirname(dir);
  const realRoot = existsSync(root) ? realpathSync(root) : root;
  const realDir = realpathSync(dir);
  if (realDir !== realRoot && !realDir.startsWith(realRoot + path.sep)) throw new UsageError(`${target}: its folder resolves outside ${root}; refusing to write`);
}

export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`${dir}: cannot create folder: ${ioMessage(e)}`);
  }
}
