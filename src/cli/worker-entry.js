// Worker-thread entry for `--jobs N`: a worker starts without the main
// thread's module hooks, so it registers tsx itself before loading the
// TypeScript sources. Each task ports one unit (a crate); see src/cli/pool.ts.
import { register } from 'tsx/esm/api';

register();
const { portUnitReply } = await import('./port-unit.ts');
const { releaseTrees } = await import('../engine/memory.ts');

export default async function portInWorker(task) {
  // Fault injection for the tests of the pool's error paths (test/pool.test.ts):
  // a worker that throws mid-run, or slow tasks that say when they started.
  const fault = process.env.KPORT_FAULT;
  if (fault === 'worker-throw' && task.plan.abs.endsWith(process.env.KPORT_FAULT_AT ?? '')) throw new Error('injected worker fault');
  if (fault === 'worker-slow') {
    if (process.env.KPORT_FAULT_MARK) (await import('node:fs')).appendFileSync(process.env.KPORT_FAULT_MARK, 'started\n');
    await new Promise((r) => setTimeout(r, 300));
  }
  const reply = await portUnitReply(task);
  await releaseTrees();
  return reply;
}
