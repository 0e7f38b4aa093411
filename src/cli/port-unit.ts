// One unit of a rewrite job, start to finish: discover it, run the pipeline,
// and package what the job needs (its part of the diff, its diagnostics, the
// lines their code frames show) as plain data that can cross a thread. The
// trees and texts stay behind, so a run's memory does not grow with the
// corpus. Used in-process (--jobs 1) and by the worker threads alike.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { discoverUnit, type DiscoverOptions, type Unit, type UnitPlan } from '../crate/discover.ts';
import { UsageError } from '../engine/errors.ts';
import { inPlace, type Placed } from '../outputs/layout.ts';
import { unifiedDiff, type FileChange } from '../outputs/patcher.ts';
import { releaseTrees } from '../engine/memory.ts';
import { forgetFreshTree } from '../engine/parse.ts';
import { phasesOf, runUnit, runUnitAsync, type RunOptions, type UnitResult } from '../engine/pipeline.ts';
import { getProfile, type ProfileId } from '../kernel-api/profiles.ts';
import { TRANSFORMS, phaseOf } from './registry.ts';
import { encodeSource } from '../engine/source.ts';
import type { Diagnostic } from '../engine/types.ts';

export interface UnitTask {
  plan: UnitPlan;
  discover: DiscoverOptions;
  profile: ProfileId;
  /** Transform ids to run, in registry order. */
  transforms: string[];
  /** Folder the run's paths are relative to. */
  base: string;
  /** Add the module's build files and rename its root in place (layout.ts). */
  inPlace: boolean;
  /** Keep the changed files' bytes (needed to write them). */
  keepChanges: boolean;
  /** Keep the whole pipeline result (needed by --out-dir). */
  keepResult: boolean;
  /** Produce this unit's part of the unified diff (only the modes that print or save it). */
  needDiff?: boolean;
  /** Seconds of transform time one file may take (RunOptions.fileTimeout). */
  fileTimeout?: number;
}

export interface UnitOutput {
  /** How many files the unit had. */
  files: number;
  /** This unit's part of the run's unified diff (units' parts concatenate in order). */
  diff: string;
  /** Display paths of the files that change or are created. */
  pending: string[];
  /** Files abandoned because of an internal error. */
  failed: string[];
  diagnostics: Diagnostic[];
  /**
   * Display path → text for the files that have diagnostics, with only the
   * lines the diagnostics point at (the others empty), for code frames.
   */
  sources: [string, string][];
  changes?: FileChange[];
  result?: UnitResult;
}

/** What a task sends back: its output, or the one-line message of a bad input. */
export type UnitReply = { ok: UnitOutput } | { usageError: string };

const posix = (p: string) => p.split(path.sep).join('/');

function prepare(task: UnitTask): { unit: Unit; opts: RunOptions; prefix: string } {
  const transforms = TRANSFORMS.filter((t) => task.transforms.includes(t.id));
  const unit = discoverUnit(task.plan, task.discover);
  const prefix = posix(path.relative(task.base, unit.crate.root));
  return { unit, prefix, opts: { profile: getProfile(task.profile), transforms, phaseOf, displayPrefix: prefix, ...(task.fileTimeout ? { fileTimeout: task.fileTimeout } : {}) } };
}

export function portUnit(task: UnitTask): UnitOutput {
  const { unit, opts, prefix } = prepare(task);
  const out = packageUnit(task, unit, prefix, runUnit(unit, opts));
  forgetFreshTree();
  return out;
}

/** What the progress line hears from a unit ported in this thread. */
export interface UnitWatch {
  /** A pass (phase) done, of about `total`. */
  pass(done: number, total: number): void;
  /** A transform is about to run on this file (crate-relative path). */
  file(rel: string): void;
}

/**
 * `portUnit` with the event loop turning between passes, so a large crate's old
 * trees are freed as it runs; `watch` hears of each pass and file.
 */
export async function portUnitAsync(task: UnitTask, watch?: UnitWatch): Promise<UnitOutput> {
  const { unit, opts, prefix } = prepare(task);
  // A pause per phase (src/engine/pipeline.ts), counted as the pipeline does.
  const total = phasesOf(opts.transforms, opts.phaseOf).filter((p) => p.some((t) => t.profiles.includes(opts.profile.id))).length;
  const run = watch ? { ...opts, onFile: (rel: string) => watch.file(rel) } : opts;
  const r = await runUnitAsync(unit, run, watch && ((done) => watch.pass(done, total)));
  // Free the last phases' trees before the diff is made (the peak of a large file was there).
  await releaseTrees(true);
  const out = packageUnit(task, unit, prefix, r);
  // The verifier's tree of the last file, kept for layout's module check: done with now.
  forgetFreshTree();
  return out;
}

function packageUnit(task: UnitTask, unit: Unit, prefix: string, r: UnitResult): UnitOutput {
  const shown = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
  unit.trees = undefined;

  const failed: string[] = [];
  let placed: Placed[] = [];
  for (const f of r.files) {
    if (f.failure) failed.push(shown(f.src.rel));
    if (f.changed) placed.push({ rel: f.src.rel, old: f.src.original, data: encodeSource(f.src, f.text), mode: f.src.mode, ...(f.regions ? { regions: f.regions } : {}) });
  }
  for (const nf of r.newFiles) {
    const abs = path.join(unit.crate.root, nf.rel);
    const data = Buffer.from(nf.contents, 'utf8');
    const old = existsSync(abs) ? readFileSync(abs) : null;
    if (old && old.equals(data)) continue;
    placed.push({ rel: nf.rel, old, data, mode: 0o644 });
  }
  if (task.inPlace) {
    const ds: Diagnostic[] = [];
    placed = inPlace(r, placed, ds);
    r.diagnostics.push(...ds.map((d) => ({ ...d, file: shown(d.file) })));
  }
  const changes: FileChange[] = placed.map((p) => ({ path: shown(p.rel), ...(p.from ? { from: shown(p.from) } : {}), old: p.old, new: p.data, mode: p.mode, ...(p.regions ? { regions: p.regions } : {}) }));

  const texts = new Map(r.files.map((f) => [shown(f.src.rel), f.src.text]));
  return {
    files: r.files.length,
    diff: task.needDiff === false ? '' : unifiedDiff(changes),
    pending: changes.map((c) => c.path),
    failed,
    diagnostics: r.diagnostics,
    sources: frameSources(r.diagnostics, texts),
    ...(task.keepChanges ? { changes } : {}),
    ...(task.keepResult ? { result: r } : {}),
  };
}

/** portUnit, with bad input turned into a reply instead of an exception (errors lose their class between threads). */
export async function portUnitReply(task: UnitTask): Promise<UnitReply> {
  try {
    return { ok: await portUnitAsync(task) };
  } catch (e) {
    if (e instanceof UsageError) return { usageError: e.message };
    throw e;
  }
}

function frameSources(ds: Diagnostic[], texts: Map<string, string>): [string, string][] {
  const wanted = new Map<string, Set<number>>();
  for (const d of ds) {
    if (!texts.has(d.file)) continue;
    let s = wanted.get(d.file);
    if (!s) wanted.set(d.file, (s = new Set()));
    for (let l = d.start.line; l <= Math.min(d.end.line, d.start.line + 20); l++) s.add(l);
  }
  const out: [string, string][] = [];
  for (const [file, lines] of wanted) {
    const all = texts.get(file)!.split('\n');
    out.push([file, all.map((l, i) => (lines.has(i + 1) ? l : '')).join('\n')]);
  }
  return out;
}

/** Structured cloning turns Buffers into plain Uint8Arrays; make them Buffers again. */
export function reviveOutput(o: UnitOutput): UnitOutput {
  const buf = (b: Uint8Array | null): Buffer | null => (b === null || Buffer.isBuffer(b) ? (b as Buffer | null) : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  if (o.changes) for (const c of o.changes) Object.assign(c, { old: buf(c.old), new: buf(c.new) });
  if (o.result) for (const f of o.result.files) f.src.original = buf(f.src.original)!;
  return o;
}
