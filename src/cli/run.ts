// The rewrite job as a function: discover, run the pipeline on each crate,
// and produce the diff, the writes and the diagnostics. The CLI only parses
// arguments and prints what this returns.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { planRoot, planUnits, type DiscoverOptions } from '../crate/discover.ts';
import { UsageError } from '../engine/errors.ts';
import { atomicWrite, recoverInterrupted, type JournalOptions, checkWritable, ensureDir, nodeFs, resolvedPath, unifiedDiff, writeAll, type FileChange, type PlannedWrite, type WriteFs } from '../outputs/patcher.ts';
import { inTreeFiles, kernelRoot, moduleRoot, outDirFiles } from '../outputs/layout.ts';
import { lstatSync, statSync } from 'node:fs';
import type { UnitResult } from '../engine/pipeline.ts';
import { releaseTrees } from '../engine/memory.ts';
import { autoJobs, inputSize, runPool } from './pool.ts';
import type { ProgressListener } from './progress.ts';
import { portUnit, portUnitAsync, type UnitOutput, type UnitTask } from './port-unit.ts';
import { getProfile, type ProfileId } from '../kernel-api/profiles.ts';
import { TRANSFORMS } from './registry.ts';
import { encodeSource } from '../engine/source.ts';
import type { Diagnostic, Transform } from '../engine/types.ts';

export type Mode = 'dry-run' | 'write' | 'out-dir' | 'patch' | 'check' | 'report';

export interface RewriteOptions extends DiscoverOptions {
  paths: string[];
  profile: ProfileId;
  mode: Mode;
  only?: string[];
  skip?: string[];
  outDir?: string;
  patchFile?: string;
  allowDirty?: boolean;
  keepGoing?: boolean;
  /** KERNEL_DIR/SUBDIR: produce a patch against a kernel tree that adds the module there. */
  inTree?: string;
  /** At a Cargo workspace root: the member to port (`--package`), or every member with a binary (`--workspace`). */
  package?: string;
  workspace?: boolean;
  /** Fill `RewriteResult.changes` in every mode (it holds every changed file's bytes). */
  keepChanges?: boolean;
  /** Seconds of transform time one file may take (src/engine/budget.ts); unset or 0: no limit. */
  fileTimeout?: number;
  /** The file-system layer the writer uses (tests inject failures). */
  fs?: WriteFs;
}

export interface RewriteResult {
  /** The unified diff ('' when it went to `onDiff`). */
  diff: string;
  diagnostics: Diagnostic[];
  /** The pipeline's results; from `rewriteAsync` only in out-dir mode (they hold every file's text). */
  units: UnitResult[];
  /** Display path → text (LF) of each file with diagnostics, only the lines they point at kept, for code frames. */
  sources: Map<string, string>;
  /** Files (display paths) that change or are created. */
  pending: string[];
  /** Files abandoned because of an internal error. */
  failed: string[];
  /** Files written (write / out-dir / patch modes). */
  written: string[];
  /** Folder the diff paths are relative to. */
  base: string;
  /** The rewrite, file by file (display paths; old null for a created file); empty unless writing or `keepChanges`. */
  changes: FileChange[];
  /** `--write`: what was done about an interrupted earlier run (patcher.ts recoverInterrupted). */
  recovered?: string;
}

export function selectTransforms(only?: string[], skip?: string[]): Transform[] {
  const ids = new Set(TRANSFORMS.map((t) => t.id));
  for (const id of [...(only ?? []), ...(skip ?? [])]) {
    if (!ids.has(id)) throw new UsageError(`unknown transform \`${id}\`; \`kport transforms\` lists them`);
  }
  return TRANSFORMS.filter((t) => (!only?.length || only.includes(t.id)) && !skip?.includes(t.id));
}

/** The deepest folder that holds every given folder. */
export function commonBase(dirs: string[]): string {
  let base = dirs[0];
  for (const d of dirs.slice(1)) {
    while (base !== path.dirname(base) && d !== base && !d.startsWith(base + path.sep)) base = path.dirname(base);
  }
  return base;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** Run the rewrite job on this thread, keeping everything (`changes` and `units` always filled). */
export function rewrite(opts: RewriteOptions): RewriteResult {
  const job = startJob({ keepChanges: true, ...opts }, undefined, true);
  for (const t of job.tasks) job.add(portUnit(t));
  return job.finish();
}

/**
 * Run the rewrite job on `opts.jobs` worker threads (default: as many as pay,
 * often none: see autoJobs in pool.ts), one crate per task; the result is
 * identical to `rewrite`'s. With
 * `onDiff`, each unit's part of the diff goes there, in order, instead of into
 * `result.diff`, so memory stays flat however large the diff is.
 */
export async function rewriteAsync(opts: RewriteOptions & { jobs?: number; onDiff?: (chunk: string) => void; progress?: ProgressListener }): Promise<RewriteResult> {
  const job = startJob(opts, opts.onDiff);
  const plans = job.tasks.map((t) => t.plan);
  // The pool only when it pays (autoJobs); `--jobs N` is taken as asked.
  const jobs = opts.jobs !== undefined ? Math.min(opts.jobs, job.tasks.length) : autoJobs(plans);
  const progress = opts.progress;
  progress?.start(plans.length, inputSize(plans).files);
  if (jobs <= 1) {
    for (const [i, t] of job.tasks.entries()) {
      progress?.begin(i, t.plan.shown);
      // The file in work, named from where the unit was given (a loose file's modules sit beside it).
      const at = t.plan.kind === 'file' ? path.dirname(t.plan.shown) : t.plan.shown;
      const out = await portUnitAsync(t, progress && { pass: (done, total) => progress.pass(i, done, total), file: (rel) => progress.file(i, path.join(at, rel)) });
      job.add(out);
      progress?.done(i, out.files);
      await releaseTrees();
    }
  } else {
    let finished = 0;
    const add = (o: UnitOutput) => {
      job.add(o);
      progress?.done(finished++, o.files);
    };
    await runPool(job.tasks, jobs, add, progress && ((i) => progress.begin(i, plans[i].shown)));
  }
  return job.finish();
}

interface Job {
  tasks: UnitTask[];
  add: (o: UnitOutput) => void;
  finish: () => RewriteResult;
}

function startJob(opts: RewriteOptions, onDiff?: (chunk: string) => void, keepUnits = false): Job {
  const transforms = selectTransforms(opts.only, opts.skip);
  getProfile(opts.profile);
  if (opts.mode === 'out-dir') preflightOutDir(opts);
  const tree = opts.inTree !== undefined ? preflightInTree(opts) : undefined;
  const plans = planUnits(opts.paths, { package: opts.package, workspace: opts.workspace });
  // An in-place write first finishes (or clears away) an interrupted earlier one, before anything is read.
  const recovered = opts.mode === 'write' && !opts.inTree ? recoverInterrupted(commonBase(plans.map(planRoot)), opts.fs ?? nodeFs) : undefined;
  // Workspace members are named from the workspace root, so the patch applies there.
  const base = commonBase([...plans.map(planRoot), ...plans.flatMap((p) => (p.anchor ? [p.anchor] : []))]);
  // Everything else in the options is for discovery (and plain data, so it crosses to a worker).
  const { paths: _paths, profile: _profile, mode: _mode, only: _only, skip: _skip, onDiff: _onDiff, jobs: _jobs, progress: _progress, fileTimeout: _fileTimeout, ...discoverOpts } = opts as RewriteOptions & { onDiff?: unknown; jobs?: unknown; progress?: unknown };
  const keepChanges = opts.mode === 'write' || opts.mode === 'out-dir' || !!opts.keepChanges;
  const tasks: UnitTask[] = plans.map((plan) => ({
    plan,
    discover: discoverOpts as DiscoverOptions,
    profile: opts.profile,
    transforms: transforms.map((t) => t.id),
    base,
    // The module's build files and the root's new name (not with --in-tree: that goes to the kernel tree).
    inPlace: !tree && opts.mode !== 'out-dir',
    keepChanges,
    // --in-tree lays out the whole program at the end, from the pipeline's results.
    keepResult: keepUnits || opts.mode === 'out-dir' || !!tree,
    // Only a dry run and --patch show the diff (--in-tree makes its own from the results).
    needDiff: (opts.mode === 'dry-run' || opts.mode === 'patch') && !tree,
    ...(opts.fileTimeout ? { fileTimeout: opts.fileTimeout } : {}),
  }));

  const results: UnitResult[] = [];
  const changes: FileChange[] = [];
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const failed: string[] = [];
  let pending: string[] = [];
  const seenPaths = new Set<string>();
  let diff = '';
  const add = (o: UnitOutput) => {
    if (tree) {
      // The diff is laid out for the kernel tree at the end.
    } else if (onDiff) onDiff(o.diff);
    else diff += o.diff;
    for (const p of o.pending) {
      if (seenPaths.has(p)) throw new UsageError(`two of the given programs both need ${p} (each becomes a module with its own build files); port them one at a time`);
      seenPaths.add(p);
    }
    if (!tree) pending.push(...o.pending);
    failed.push(...o.failed);
    diagnostics.push(...o.diagnostics);
    for (const [k, v] of o.sources) sources.set(k, v);
    if (o.changes) changes.push(...o.changes);
    if (o.result) results.push(o.result);
  };
  const finish = (): RewriteResult => {
    let diffChanges = changes;
    if (tree) {
      diffChanges = inTreeChanges(results, tree);
      diff = unifiedDiff(diffChanges);
      pending = diffChanges.map((c) => c.path);
      if (onDiff) {
        onDiff(diff);
        diff = '';
      }
    }
    const result: RewriteResult = { diff, diagnostics, units: results, sources, pending, failed, written: [], base: tree ? tree.kroot : base, changes: diffChanges, ...(recovered ? { recovered } : {}) };
    switch (opts.mode) {
      case 'write':
        writeInPlace(opts, tree ? tree.kroot : base, diffChanges, failed, result);
        break;
      case 'out-dir':
        writeOutDir(opts, base, results, changes, result);
        break;
      case 'patch': {
        const file = path.resolve(opts.patchFile!);
        checkWritable(path.dirname(file), file);
        atomicWrite(file, diff, undefined, opts.fs);
        result.written.push(opts.patchFile!);
        break;
      }
      default:
        break;
    }
    return result;
  };
  return { tasks, add, finish };
}

interface TreeTarget {
  subdir: string;
  kroot: string;
}

function preflightInTree(opts: RewriteOptions): TreeTarget {
  if (opts.mode === 'out-dir') throw new UsageError('--in-tree and --out-dir exclude each other');
  const subdir = path.resolve(opts.inTree!);
  if (!existsSync(subdir) || !statSync(subdir).isDirectory()) throw new UsageError(`--in-tree ${opts.inTree}: no such folder`);
  for (const f of ['Kconfig', 'Makefile']) {
    if (!existsSync(path.join(subdir, f))) throw new UsageError(`--in-tree ${opts.inTree}: the folder has no ${f}; give a kernel folder that has a Kconfig and a Makefile (such as samples/rust)`);
  }
  const kroot = kernelRoot(subdir);
  if (!kroot) throw new UsageError(`--in-tree ${opts.inTree}: no kernel source tree above it (a folder whose Kconfig has \`mainmenu\`)`);
  return { subdir, kroot };
}

function inTreeChanges(results: UnitResult[], tree: TreeTarget): FileChange[] {
  const withModule = results.filter((r) => moduleRoot(r));
  if (withModule.length !== 1) {
    throw new UsageError(withModule.length === 0 ? '--in-tree needs a program with `fn main` (it becomes the module); none was ported to a module' : '--in-tree takes one program at a time');
  }
  const data = (f: { src: Parameters<typeof encodeSource>[0] & { original: Buffer }; text: string; failure?: string }) => (f.failure ? f.src.original : encodeSource(f.src, f.text));
  return inTreeFiles(withModule[0], tree.subdir, tree.kroot, data).map((p) => ({ path: p.rel, old: p.old, new: p.data, mode: p.mode }));
}

function refuseOnFailure(opts: RewriteOptions, failed: string[], units: UnitResult[], base: string): void {
  if (failed.length && !opts.keepGoing) {
    const why = new Map<string, string>();
    for (const u of units) for (const f of u.files) if (f.failure) why.set(posix(path.relative(base, f.src.abs)), f.failure);
    const each = failed.map((f) => `${f}: ${why.get(f) ?? 'failed'}`).join('; ');
    throw new UsageError(`not writing anything: ${failed.length} file(s) could not be ported (${each}); pass --keep-going to write the others`);
  }
}

/** Write a plan all-or-nothing, creating missing folders first and removing them again on failure. */
function writePlan(plan: PlannedWrite[], fs: WriteFs, journal?: JournalOptions): void {
  const created: string[] = [];
  for (const dir of new Set(plan.map((w) => path.dirname(w.abs)))) {
    const first = existsSync(dir) ? undefined : ensureDir(dir);
    if (first) created.push(first);
  }
  try {
    writeAll(plan, fs, journal);
  } catch (e) {
    for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw e;
  }
}

function writeInPlace(opts: RewriteOptions, base: string, changes: FileChange[], failed: string[], result: RewriteResult): void {
  refuseOnFailure(opts, failed, result.units, base);
  const targets = changes.map((c) => path.join(base, c.path));
  const renamed = changes.filter((c) => c.from).map((c) => path.join(base, c.from!));
  if (!opts.allowDirty) {
    const why = dirtyReason(base, [...targets, ...renamed]);
    if (why) throw new UsageError(`refusing to write: ${why}`);
  }
  for (const t of [...targets, ...renamed]) checkWritable(base, t);
  // A read-only file says "do not change me"; a rename would replace it anyway, so ask first.
  const readOnly = changes.filter((c) => c.old && c.mode !== undefined && (c.mode & 0o222) === 0).map((c) => c.path);
  if (readOnly.length) throw new UsageError(`refusing to write: ${readOnly.join(', ')} ${readOnly.length > 1 ? 'are' : 'is'} read-only; make ${readOnly.length > 1 ? 'them' : 'it'} writable first`);
  // A renamed file's old name must still hold what kport read; its new name must not exist yet.
  for (const c of changes) {
    if (!c.from) continue;
    const from = path.join(base, c.from);
    let now: Buffer | undefined;
    try {
      now = readFileSync(from);
    } catch {
      now = undefined;
    }
    if (!now || !c.old || !now.equals(c.old)) throw new UsageError(`${from}: changed while kport was running; nothing was written (run kport again)`);
  }
  // Journaled: a run killed while replacing files is completed by the next one.
  // A rename removes the old name only after every new file is in place.
  writePlan(
    changes.map((c, i) => ({ abs: targets[i], data: c.new!, mode: c.mode, expect: c.from ? null : c.old })),
    opts.fs ?? nodeFs,
    { dir: base, remove: renamed },
  );
  result.written.push(...changes.map((c) => c.path));
}

function preflightOutDir(opts: RewriteOptions): void {
  const out = path.resolve(opts.outDir!);
  // Compared with every link resolved, so a folder reached through a link cannot land inside the input.
  const o = resolvedPath(out);
  for (const p of opts.paths) {
    const root = resolvedPath(p);
    const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
    if (inside(o, root) || inside(root, o)) {
      const via = inside(out, path.resolve(p)) || inside(path.resolve(p), out) ? '' : ' (through a symbolic link)';
      throw new UsageError(`--out-dir ${opts.outDir} overlaps the input ${p}${via}; choose a folder outside it`);
    }
  }
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`--out-dir ${opts.outDir} exists and is not empty`);
}

function writeOutDir(opts: RewriteOptions, base: string, results: UnitResult[], changes: FileChange[], result: RewriteResult): void {
  refuseOnFailure(opts, result.failed, results, base);
  // Again, now that the port is done: links may have changed while it ran.
  preflightOutDir(opts);
  const out = path.resolve(opts.outDir!);
  const createdOut = existsSync(out) ? undefined : ensureDir(out);
  const files = new Map<string, { data: Buffer; mode: number }>();
  for (const r of results) {
    const prefix = posix(path.relative(base, r.unit.crate.root));
    const at = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
    const data = (f: (typeof r.files)[number]) => (f.failure ? f.src.original : encodeSource(f.src, f.text));
    // A unit with a module becomes a flat module folder; others keep their layout.
    const laid = outDirFiles(r, data);
    if (laid) for (const f of laid) files.set(at(f.rel), { data: f.data, mode: f.mode });
    else {
      for (const f of r.files) files.set(at(f.src.rel), { data: data(f), mode: f.src.mode });
      for (const c of changes) if (!files.has(c.path) && c.new && c.path.startsWith(prefix)) files.set(c.path, { data: c.new, mode: c.mode ?? 0o644 });
    }
  }
  const plan: PlannedWrite[] = [];
  const sorted = [...files].sort(([a], [b]) => a.localeCompare(b));
  try {
    for (const [rel, { data, mode }] of sorted) {
      const abs = path.join(out, rel);
      checkWritable(out, abs);
      plan.push({ abs, data, mode, expect: null });
    }
    writePlan(plan, opts.fs ?? nodeFs);
  } catch (e) {
    if (createdOut) rmSync(createdOut, { recursive: true, force: true });
    throw e;
  }
  result.written.push(...sorted.map(([rel]) => rel));
}

/**
 * Why kport must not overwrite `targets` without --allow-dirty (a message
 * that ends with what to do), or undefined
 * when git vouches for every one that exists (tracked, no uncommitted change).
 * Fails closed: outside a git work tree, without git, or when git refuses to
 * answer (a repository it calls "dubious ownership"), the answer is a reason.
 */
export function dirtyReason(cwd: string, targets: string[]): string | undefined {
  const existing = targets.filter((t) => {
    try {
      lstatSync(t);
      return true;
    } catch {
      return false;
    }
  });
  if (existing.length === 0) return undefined;
  const git = (args: string[], at: string) => spawnSync('git', args, { cwd: at, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const shown = (t: string) => posix(path.relative(cwd, t)) || '.';
  const names = existing.slice(0, 3).map(shown).join(', ') + (existing.length > 3 ? ', ...' : '');
  const cannot = (why: string) => `cannot tell whether ${existing.length > 1 ? `the files it would overwrite (${names}) have` : `${names} has`} uncommitted changes (${why}); pass --allow-dirty to write anyway`;
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.error) return cannot(`git could not be run (${(top.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found on PATH' : top.error.message})`);
  const said = (r: typeof top) => (r.stderr || '').split('\n').find((l) => l.trim())?.replace(/^fatal: /, '') ?? `git exited with ${r.status}`;
  if (top.status !== 0) {
    if (/not a git repository/.test(top.stderr)) return cannot(`${cwd} is not in a git repository`);
    return cannot(`git refuses: ${said(top)}`);
  }
  const st = git(['status', '--porcelain', '-z', '--untracked-files=all', '--ignored=matching', '--', ...existing], top.stdout.trim());
  if (st.error || st.status !== 0) return cannot(`git refuses: ${st.error ? st.error.message : said(st)}`);
  const dirty: string[] = [];
  const untracked: string[] = [];
  const entries = st.stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.length <= 3) continue;
    const xy = e.slice(0, 2);
    if (xy === '??' || xy === '!!') untracked.push(e.slice(3));
    else dirty.push(e.slice(3));
    // A rename or copy names its source in the next entry.
    if (/[RC]/.test(xy)) i++;
  }
  if (dirty.length) return `uncommitted changes in ${dirty.join(', ')}; commit or stash them, or pass --allow-dirty`;
  if (untracked.length) return `${untracked.join(', ')} ${untracked.length > 1 ? 'are' : 'is'} not committed to git; commit ${untracked.length > 1 ? 'them' : 'it'} first, or pass --allow-dirty`;
  return undefined;
}
