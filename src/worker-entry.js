// Worker-thread entry for `--jobs N`: a worker starts without the main
// thread's module hooks, so it registers tsx itself before loading the
// TypeScript sources. Each task ports one unit (a crate); see src/pool.ts.
import { register } from 'tsx/esm/api';

register();
const { portUnitReply } = await import('./port-unit.ts');
const { releaseTrees } = await import('./memory.ts');

export default async function portInWorker(task) {
  const reply = portUnitReply(task);
  await releaseTrees();
  return reply;
}
