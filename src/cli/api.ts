// Programmatic entry points for tests, benchmarks and embedding: run the
// pipeline on text or on a folder without touching the command line.
import path from 'node:path';
import { discover, type DiscoverOptions } from '../crate/discover.ts';
import { runUnit, type UnitResult } from '../engine/pipeline.ts';
import { getProfile, type ProfileId } from '../kernel-api/profiles.ts';
import { TRANSFORMS, phaseOf } from './registry.ts';
import { decodeSource } from '../engine/source.ts';
import type { CrateInfo, Transform } from '../engine/types.ts';

export interface TextOptions {
  /** File name the text stands for (relative). */
  path?: string;
  profile?: ProfileId;
  /** Transform ids to run, in registry order; all when absent. */
  transforms?: string[];
  crate?: Partial<CrateInfo>;
}

export function pickTransforms(ids?: string[]): Transform[] {
  if (!ids) return [...TRANSFORMS];
  for (const id of ids) if (!TRANSFORMS.some((t) => t.id === id)) throw new Error(`unknown transform ${id}`);
  return TRANSFORMS.filter((t) => ids.includes(t.id));
}

/** Run kport on one in-memory file (bytes or text), as if it were a crate of its own. */
export function runText(input: string | Buffer, opts: TextOptions = {}): UnitResult {
  const rel = opts.path ?? 'input.rs';
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const src = decodeSource(path.resolve(rel), rel, bytes);
  const crate: CrateInfo = {
    root: process.cwd(),
    moduleName: 'input',
    authors: [],
    license: 'GPL',
    rootFiles: [rel],
    dependencies: [],
    metadata: {},
    options: {},
    ...opts.crate,
  };
  return runUnit({ crate, files: [src], warnings: [] }, { profile: getProfile(opts.profile ?? 'mainline'), transforms: pickTransforms(opts.transforms), phaseOf });
}

/** Run kport on a crate folder (or files) in memory: nothing is written. */
export function runPaths(paths: string[], opts: { profile?: ProfileId; transforms?: string[] } & DiscoverOptions = {}): UnitResult[] {
  return discover(paths, opts).map((unit) => runUnit(unit, { profile: getProfile(opts.profile ?? 'mainline'), transforms: pickTransforms(opts.transforms), phaseOf }));
}
