// The per-file time budget (`--file-timeout`, like Coccinelle's per-file
// timeout): a pathological file (nesting thousands deep, a 100 KB line) must
// become a diagnostic on that file, not a run that never ends. Transforms are
// synchronous and cannot be interrupted from outside, so the meter runs inside
// them: the engine's hot paths (every query run, every walk up or across a
// tree, src/engine/queries.ts and parse.ts) call `tick`, which charges the time since the
// last look to the file being worked on and throws `FileBudgetExceeded` once
// that file has used its budget. The pipeline catches it, refuses the file
// (K0007) and runs the unit again without it, as for K0004
// (src/engine/pipeline.ts).
//
// Which file is being worked on: the one the pipeline hands to a file pass,
// else the one whose tree a query or a walk last touched (a crate pass moves
// between files). Time spent on trees of no file (argument lists parsed again
// by src/analysis/macroargs.ts) goes to the file touched before.
import type { Tree } from './types.ts';

export class FileBudgetExceeded extends Error {
  constructor(
    /** The file (the pipeline's key for it) that used up its budget. */
    readonly owner: object,
    readonly seconds: number,
  ) {
    super(`the transforms used more than ${seconds} s on this file`);
    this.name = 'FileBudgetExceeded';
  }
}

interface Meter {
  limitMs: number;
  seconds: number;
  owners: WeakMap<Tree, object>;
  spent: Map<object, number>;
  current: object | undefined;
  /** In a crate pass: the file is the one whose tree was touched last. */
  follow: boolean;
  last: number;
  ticks: number;
}

let meter: Meter | undefined;

/** Look at the clock once every this many ticks (a tick is a query run or a step up a tree). */
const EVERY = 256;

/** Start metering (seconds > 0) for one run of a unit; returns what `stop` restores (runs nest: the idempotence check). */
export function startMeter(seconds: number | undefined): { prev: Meter | undefined } {
  const prev = meter;
  meter = seconds && seconds > 0 ? { limitMs: seconds * 1000, seconds, owners: new WeakMap(), spent: new Map(), current: undefined, follow: false, last: performance.now(), ticks: 0 } : undefined;
  return { prev };
}

export function stopMeter(token: { prev: Meter | undefined }): void {
  meter = token.prev;
}

/** `tree` is a tree of the file `owner`. */
export function own(tree: Tree, owner: object): void {
  meter?.owners.set(tree, owner);
}

/**
 * The pipeline is about to run a pass on the file `owner`, or a crate pass
 * ('crate': the file is the one whose tree was touched last), or nothing that
 * is metered (undefined: between passes, verification).
 */
export function enter(owner: object | 'crate' | undefined): void {
  if (!meter) return;
  flush(meter);
  meter.follow = owner === 'crate';
  meter.current = owner === 'crate' ? undefined : owner;
}

/** Resume after a pause (the event loop's turn between phases is nobody's time). */
export function resume(): void {
  if (meter) meter.last = performance.now();
}

/** Called from the hot paths: switch to the file of `tree`, and now and then charge the time and check the budget. */
export function tick(tree: Tree | undefined): void {
  const m = meter;
  if (!m) return;
  if (tree && m.follow) {
    const o = m.owners.get(tree);
    if (o !== undefined && o !== m.current) {
      flush(m);
      m.current = o;
    }
  }
  if (++m.ticks % EVERY !== 0) return;
  flush(m);
  const c = m.current;
  if (c !== undefined && (m.spent.get(c) ?? 0) > m.limitMs) throw new FileBudgetExceeded(c, m.seconds);
}

function flush(m: Meter): void {
  const now = performance.now();
  if (m.current !== undefined) m.spent.set(m.current, (m.spent.get(m.current) ?? 0) + (now - m.last));
  m.last = now;
}
