// Parallel ports: one task per unit (a crate needs all its files together, so
// it is the natural grain), run by a piscina pool of worker threads, results
// handed back strictly in input order so the output is byte-identical to a
// single-threaded run. Nothing here holds more than the results that finished
// ahead of the one being waited for.
import os from 'node:os';
import { Piscina } from 'piscina';
import { UsageError } from './errors.ts';
import { reviveOutput, type UnitOutput, type UnitReply, type UnitTask } from './port-unit.ts';

/** The default for `--jobs`: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Run the tasks on `jobs` threads; `onOutput` sees each unit's output in task order. */
export async function runPool(tasks: UnitTask[], jobs: number, onOutput: (o: UnitOutput) => void): Promise<void> {
  const pool = new Piscina({
    filename: new URL('./worker-entry.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
  });
  try {
    const pending = tasks.map((t) => pool.run(t) as Promise<UnitReply>);
    // A rejection we have not reached yet must not count as unhandled.
    for (const p of pending) p.catch(() => {});
    for (const p of pending) {
      const reply = await p;
      if ('usageError' in reply) throw new UsageError(reply.usageError);
      onOutput(reviveOutput(reply.ok));
    }
  } finally {
    await pool.destroy();
  }
}
