// The patcher: unified diffs that both `git apply` and `patch -p1` accept,
// and atomic writes. Nothing else in kport writes files.
import { diffLines } from 'diff';
import { appendFileSync, closeSync, copyFileSync, existsSync, readdirSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, chmodSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../engine/errors.ts';
import type { LineRegion } from '../engine/line-regions.ts';
import { ioMessage } from '../engine/source.ts';

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
  /** The lines that changed, when kport knows them from its edits (src/engine/line-regions.ts). */
  regions?: LineRegion[];
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
    out += `--- ${c.old ? a : '/dev/null'}\n+++ ${c.new ? b : '/dev/null'}\n`;
    for (const h of c.regions ? regionHunks(oldText, newText, c.regions, context) ?? lineHunks(oldText, newText, context) : lineHunks(oldText, newText, context)) {
      out += `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n`;
      for (const l of h.lines) out += l + '\n';
    }
  }
  return out;
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** Lines of a text, each with its newline (the last may have none). */
function splitKeep(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    out.push(text.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/**
 * The hunks of a file's change, in time about linear in the file.
 *
 * Myers' diff (the diff package's) costs O(N·D): on a large file that kport
 * changed in many places D grows with N, and the diff took most of a run
 * (84% of 52 s on a 400 KB file). So the file is cut at anchors first: lines
 * that occur once in each text, matched in order (the longest increasing run
 * of them, as patience diff does). Myers runs on each piece between two
 * anchors alone (pieces are small: kport's edits are local), the pieces'
 * edit scripts are joined, and the hunks are built from the whole script with
 * `context` lines around changes, merging hunks closer than 2·context lines,
 * as `diff -u` does. The result applies exactly (test/patcher.test.ts checks
 * it on every golden pair and on random edits, and that it equals one Myers
 * run on the golden pairs).
 */
export function lineHunks(oldText: string, newText: string, context = 3): Hunk[] {
  const a = splitKeep(oldText);
  const b = splitKeep(newText);
  const ops: Op[] = [];
  let pa = 0;
  let pb = 0;
  for (const [ca, cb] of [...anchors(a, b), [a.length, b.length] as [number, number]]) {
    diffPiece(a.slice(pa, ca), b.slice(pb, cb), ops);
    pa = ca;
    pb = cb;
  }
  return hunksOf(ops, context);
}

/**
 * Hunks from the windows kport's own edits changed: lines outside them are
 * the same in both texts (checked: any mismatch returns undefined and the
 * caller diffs the whole file), and Myers runs inside each window only.
 */
export function regionHunks(oldText: string, newText: string, regions: readonly LineRegion[], context = 3): Hunk[] | undefined {
  const a = splitKeep(oldText);
  const b = splitKeep(newText);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (const [o1, o2, n1, n2] of [...regions, [a.length, a.length, b.length, b.length] as LineRegion]) {
    if (o1 < i || n1 < j || o1 - i !== n1 - j || o2 < o1 || n2 < n1 || o2 > a.length || n2 > b.length) return undefined;
    for (; i < o1; i++, j++) {
      if (a[i] !== b[j]) return undefined;
      ops.push({ t: ' ', line: a[i] });
    }
    diffPiece(a.slice(o1, o2), b.slice(n1, n2), ops);
    i = o2;
    j = n2;
  }
  return hunksOf(ops, context);
}

/** One line of an edit script: kept, removed or added (with its newline, if it has one). */
interface Op {
  t: ' ' | '-' | '+';
  line: string;
}

/** Past this many lines on both sides a piece is shown as removed then added, not searched (Myers is quadratic there). */
const SEARCH_LIMIT = 4000;

function diffPiece(a: string[], b: string[], ops: Op[]): void {
  if (a.length === 0) for (const line of b) ops.push({ t: '+', line });
  else if (b.length === 0) for (const line of a) ops.push({ t: '-', line });
  else if (a.length > SEARCH_LIMIT && b.length > SEARCH_LIMIT) {
    for (const line of a) ops.push({ t: '-', line });
    for (const line of b) ops.push({ t: '+', line });
  } else {
    for (const c of diffLines(a.join(''), b.join(''))) {
      const t = c.added ? '+' : c.removed ? '-' : ' ';
      for (const line of splitKeep(c.value)) ops.push({ t, line });
    }
  }
}

/** Unified-diff hunks of an edit script. */
function hunksOf(ops: Op[], context: number): Hunk[] {
  const changes: number[] = [];
  ops.forEach((o, k) => {
    if (o.t !== ' ') changes.push(k);
  });
  // Lines of each side before op k.
  const oldBefore = new Int32Array(ops.length + 1);
  const newBefore = new Int32Array(ops.length + 1);
  ops.forEach((o, k) => {
    oldBefore[k + 1] = oldBefore[k] + (o.t === '+' ? 0 : 1);
    newBefore[k + 1] = newBefore[k] + (o.t === '-' ? 0 : 1);
  });
  const hunks: Hunk[] = [];
  let g = 0;
  while (g < changes.length) {
    let last = g;
    while (last + 1 < changes.length && changes[last + 1] - changes[last] - 1 <= 2 * context) last++;
    const from = Math.max(0, changes[g] - context);
    const to = Math.min(ops.length, changes[last] + context + 1);
    const lines: string[] = [];
    for (let k = from; k < to; k++) {
      const { t, line } = ops[k];
      if (line.endsWith('\n')) lines.push(t + line.slice(0, -1));
      else lines.push(t + line, '\\ No newline at end of file');
    }
    const oldLines = oldBefore[to] - oldBefore[from];
    const newLines = newBefore[to] - newBefore[from];
    // Numbered as the diff package numbers them (an empty side too: `-1,0` for a new file), which git apply and patch take.
    hunks.push({ oldStart: oldBefore[from] + 1, oldLines, newStart: newBefore[from] + 1, newLines, lines });
    g = last + 1;
  }
  return hunks;
}

/** Matched unique lines [lineInA, lineInB], increasing in both. */
function anchors(a: string[], b: string[]): [number, number][] {
  const count = new Map<string, [number, number, number]>();
  a.forEach((l, i) => {
    const c = count.get(l);
    if (c) c[0]++;
    else count.set(l, [1, 0, i]);
  });
  for (const l of b) {
    const c = count.get(l);
    if (c) c[1]++;
  }
  const pairs: [number, number][] = [];
  b.forEach((l, j) => {
    const c = count.get(l);
    if (c && c[0] === 1 && c[1] === 1) pairs.push([c[2], j]);
  });
  // The longest run of pairs increasing in both (pairs are in b's order): patience sorting.
  const tails: number[] = [];
  const prev: number[] = new Array(pairs.length).fill(-1);
  pairs.forEach(([i], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][0] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  });
  const chain: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) chain.push(pairs[k]);
  return chain.reverse();
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
/** The file an in-place write keeps in its folder while it replaces files; see `recoverInterrupted`. */
export const JOURNAL = '.kport-write-journal';

interface Journal {
  /** Staged temporary file → target, in the order they are renamed. */
  renames: { tmp: string; target: string }[];
  /** Files removed once every rename is done (a renamed crate root's old name). */
  remove: string[];
}

/** Slows the replace step down for the interrupted-write tests (KPORT_FAULT=write-slow). */
function faultPause(): void {
  if (process.env.KPORT_FAULT !== 'write-slow') return;
  if (process.env.KPORT_FAULT_MARK) appendFileSync(process.env.KPORT_FAULT_MARK, 'replacing\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
}

export interface JournalOptions {
  /** Folder of the journal (the run's base). */
  dir: string;
  /** Files to remove after every rename (they are in the journal too). */
  remove: string[];
}

export function writeAll(plan: readonly PlannedWrite[], fs: WriteFs = nodeFs, journal?: JournalOptions): void {
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
  // 3. The point of no return for a journaled write: from here an interrupted
  //    run is completed by the next one (every temporary file is complete).
  const journalFile = journal ? path.join(journal.dir, JOURNAL) : undefined;
  if (journalFile) {
    const j: Journal = { renames: plan.map((w, i) => ({ tmp: temps[i]!, target: w.abs })), remove: journal!.remove };
    try {
      const tmp = sibling(journalFile, 'tmp');
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        const data = Buffer.from(JSON.stringify(j), 'utf8');
        fs.writeSync(fd, data, 0, data.length);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, journalFile);
    } catch (e) {
      cleanup();
      throw new UsageError(`${journalFile}: cannot write: ${ioMessage(e)}; nothing was written`);
    }
  }
  // 4. Replace, keeping a way back.
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
      faultPause();
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
      if (journalFile) quietly(() => fs.unlinkSync(journalFile));
      const tail = notRestored.length ? `; could not restore ${notRestored.join(', ')} (their old contents are in .*.kport-*.orig files beside them)` : done.length ? '; the files replaced before it were restored' : '; nothing was written';
      throw new UsageError(`${w.abs}: cannot replace: ${ioMessage(e)}${tail}`);
    }
  }
  // 5. Success: the old names of renamed files go, then the backups and the journal,
  //    and the folders are synced so the renames last.
  for (const r of journal?.remove ?? []) {
    faultPause();
    try {
      fs.unlinkSync(r);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${r}: cannot remove after renaming it: ${ioMessage(e)}`);
    }
  }
  for (const d of done) if (d.backup) quietly(() => fs.unlinkSync(d.backup!));
  if (journalFile) quietly(() => fs.unlinkSync(journalFile));
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

/** kport's own temporary and backup files: `.<name>.kport-<pid>-<n>.tmp|orig`. */
const DEBRIS = /^\..+\.kport-\d+-\d+\.(tmp|orig)$/;

function debrisUnder(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 32) return out;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.isDirectory() && !['.git', 'target', 'node_modules'].includes(e.name)) debrisUnder(path.join(dir, e.name), out, depth + 1);
    else if (e.isFile() && DEBRIS.test(e.name)) out.push(path.join(dir, e.name));
  }
  return out;
}

/**
 * Before an in-place write: finish what an interrupted earlier run left. With
 * a journal, that run had staged every file and begun replacing them, so it is
 * completed (the remaining renames and removals). Without one it never got
 * that far: its temporary files are removed and the tree is as it was. Returns
 * one line saying which, or undefined when there was nothing to do.
 */
export function recoverInterrupted(dir: string, fs: WriteFs = nodeFs): string | undefined {
  const journalFile = path.join(dir, JOURNAL);
  let completed = 0;
  if (exists(fs, journalFile)) {
    let j: Journal;
    try {
      j = JSON.parse(fs.readFileSync(journalFile).toString('utf8')) as Journal;
    } catch (e) {
      throw new UsageError(`${journalFile}: an interrupted write's journal cannot be read (${ioMessage(e)}); check the files it names and remove it`);
    }
    const inside = (f: string) => typeof f === 'string' && path.resolve(f).startsWith(path.resolve(dir) + path.sep);
    for (const { tmp, target } of j.renames ?? []) {
      if (!inside(tmp) || !inside(target) || !DEBRIS.test(path.basename(tmp))) throw new UsageError(`${journalFile}: names a file outside ${dir}; not following it`);
      if (exists(fs, tmp)) {
        fs.renameSync(tmp, target);
        completed++;
      }
    }
    for (const r of j.remove ?? []) {
      if (!inside(r)) throw new UsageError(`${journalFile}: names a file outside ${dir}; not following it`);
      if (exists(fs, r)) {
        fs.unlinkSync(r);
        completed++;
      }
    }
  }
  // What is left is debris of a run that never reached its journal (or backups of one that did).
  const debris = debrisUnder(dir);
  for (const f of debris) quietly(() => fs.unlinkSync(f));
  const hadJournal = exists(fs, journalFile);
  if (hadJournal) fs.unlinkSync(journalFile);
  if (hadJournal) return `an earlier run was interrupted while replacing files; completed it (${completed} step(s) left), removed ${debris.length} leftover file(s)`;
  if (debris.length) return `an earlier run was interrupted before replacing any file; removed its ${debris.length} temporary file(s), nothing of it had been written`;
  return undefined;
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
