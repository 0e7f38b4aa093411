// Worker-thread entry when kport runs from its TypeScript sources (the tests,
// `tsx` scripts): a worker starts without the main thread's module hooks, so it
// registers tsx itself before loading src/cli/worker.ts. An installed kport
// never comes here: its pool starts dist/worker.js (see src/cli/pool.ts).
import { register } from 'tsx/esm/api';

register();
const { default: portInWorker } = await import('./worker.ts');

export default portInWorker;
