// Parallel ports: one task per unit (a crate needs all its files together, so
// it is the natural grain), run by a piscina pool of worker threads, results
// handed back strictly in input order so the output is byte-identical to a
// single-threaded run.
//
// The pool is never torn down under a running task. A worker terminated while
// tree-sitter is parsing (or finalising trees) throws a native Napi::Error
// through std::terminate and the whole process aborts; so when anything fails
// (a refusal in the main thread, an error from a worker, Ctrl-C) kport stops
// handing out tasks, waits for the ones in flight to finish, and only then
// closes the pool. At most a small window of tasks is in flight, which also
// keeps the results waiting for their turn few.
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitPlan } from '../crate/discover.ts';
import { UsageError } from '../engine/errors.ts';
import { reviveOutput, type UnitOutput, type UnitReply, type UnitTask } from './port-unit.ts';

/** The default for `--jobs`: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * Input each worker must have for the pool to pay. A worker costs about 0.6 s
 * of CPU before its first task (loading kport and tree-sitter, compiling the
 * transforms' queries), which the main thread would pay once anyway; porting
 * costs roughly 15-40 ms of CPU per KB. At 128 KB a worker's share is a few
 * seconds of work against that fixed cost, with room for a machine that is
 * busy with other things (measured in the report of #18: on the bundled
 * examples, 46 KB in 11 crates, two workers cost 1.2 s more CPU than the main
 * thread alone and ended later).
 */
export const BYTES_PER_WORKER = 128 * 1024;

/**
 * The number of threads the default `--jobs` uses: the main thread alone (1)
 * for one unit or small inputs; else one worker per BYTES_PER_WORKER of input,
 * at most one per unit and per core. `--jobs N` given by the user is taken as
 * it is (run.ts).
 */
export function autoJobs(plans: readonly UnitPlan[], cores = defaultJobs()): number {
  const most = Math.min(cores, plans.length);
  if (most < 2) return 1;
  const bytes = inputBytes(plans, most * BYTES_PER_WORKER);
  return Math.max(1, Math.min(most, Math.floor(bytes / BYTES_PER_WORKER)));
}

/** Folders that hold no source kport ports (build output, VCS data, dependencies). */
const SKIPPED = new Set(['target', 'node_modules', '.git']);

/**
 * The size of the Rust source under the units (`.rs` files; hidden folders and
 * build output skipped, links not followed), counted up to `limit`: a cheap
 * estimate made before any file is read, so the count stops as soon as the
 * answer is known.
 */
export function inputBytes(plans: readonly UnitPlan[], limit = Infinity): number {
  return inputSize(plans, limit).bytes;
}

/** inputBytes, and how many `.rs` files that is (the progress line's estimate of the files to port). */
export function inputSize(plans: readonly UnitPlan[], limit = Infinity): { bytes: number; files: number } {
  let total = 0;
  let files = 0;
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (total >= limit) return;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED.has(e.name)) walk(path.join(dir, e.name));
      } else if (e.isFile() && e.name.endsWith('.rs')) {
        total += size(path.join(dir, e.name));
        files++;
      }
    }
  };
  for (const p of plans) {
    if (total >= limit) break;
    if (p.kind === 'file') {
      total += size(p.abs);
      files++;
    } else walk(p.abs);
  }
  return { bytes: total, files };
}

/** Ctrl-C during a pooled run: the run stops cleanly and says so (exit 130). */
export class Interrupted extends Error {
  constructor() {
    super('interrupted; nothing was written');
    this.name = 'Interrupted';
  }
}

/** Where a task's unit came from, for a message about it. */
function shown(t: UnitTask): string {
  return t.plan.shown;
}

/**
 * The module each worker loads: the bundle's dist/worker.js beside this code
 * when kport runs compiled (an installed kport, bin/kport.js), or
 * worker-entry.js, which loads src/cli/worker.ts through tsx, when it runs from
 * its sources (tests, scripts).
 */
export function workerModule(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './worker-entry.js' : './worker.js', import.meta.url).href;
}

/** Run the tasks on `jobs` threads; `onOutput` sees each unit's output in task order. */
export async function runPool(tasks: UnitTask[], jobs: number, onOutput: (o: UnitOutput) => void, onStart?: (index: number) => void): Promise<void> {
  // Loaded only when a pool starts: most runs never need it (autoJobs).
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: workerModule(),
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
  });
  const inFlight = new Map<number, Promise<UnitReply>>();
  const window = jobs * 2;
  let next = 0;
  let stopped = false;
  const submit = () => {
    while (!stopped && next < tasks.length && inFlight.size < window) {
      const i = next++;
      onStart?.(i);
      const p = pool.run(tasks[i]) as Promise<UnitReply>;
      // A rejection we have not reached yet must not count as unhandled.
      p.catch(() => {});
      inFlight.set(i, p);
    }
  };
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    stopped = true;
  };
  process.on('SIGINT', onSigint);
  try {
    submit();
    for (let i = 0; i < tasks.length; i++) {
      if (interrupted) throw new Interrupted();
      const p = inFlight.get(i);
      if (!p) throw new Interrupted();
      let reply: UnitReply;
      try {
        reply = await p;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new Error(`porting ${shown(tasks[i])} failed in a worker thread: ${msg.split('\n')[0]}`);
      } finally {
        inFlight.delete(i);
      }
      if (interrupted) throw new Interrupted();
      if ('usageError' in reply) throw new UsageError(reply.usageError);
      onOutput(reviveOutput(reply.ok));
      submit();
    }
  } finally {
    stopped = true;
    // Drain: let every running task end before the pool (and its workers) go.
    await Promise.allSettled(inFlight.values());
    await pool.destroy();
    process.off('SIGINT', onSigint);
  }
}
