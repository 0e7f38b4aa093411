// Worker-thread task for the pool (src/cli/pool.ts): each task ports one unit
// (a crate). Built into dist/worker.js beside the CLI's bundle, so a worker
// loads the same compiled code as the main thread; from the sources (tests,
// scripts) src/cli/worker-entry.js loads this file through tsx instead.
import { appendFileSync } from 'node:fs';
import { releaseTrees } from '../engine/memory.ts';
import { portUnitReply, type UnitReply, type UnitTask } from './port-unit.ts';

export default async function portInWorker(task: UnitTask): Promise<UnitReply> {
  // Fault injection for the tests of the pool's error paths (test/pool.test.ts):
  // a worker that throws mid-run, or slow tasks that say when they started.
  const fault = process.env.KPORT_FAULT;
  if (fault === 'worker-throw' && task.plan.abs.endsWith(process.env.KPORT_FAULT_AT ?? '')) throw new Error('injected worker fault');
  if (fault === 'worker-slow') {
    if (process.env.KPORT_FAULT_MARK) appendFileSync(process.env.KPORT_FAULT_MARK, 'started\n');
    await new Promise((r) => setTimeout(r, 300));
  }
  const reply = await portUnitReply(task);
  await releaseTrees();
  return reply;
}
