#!/usr/bin/env node
// Entry point: load the TypeScript sources through tsx, run, exit with the code.
import { register } from 'tsx/esm/api';

// A reader that closes early (`kport transforms | head`) is not an error: what
// it wanted was printed, so kport stops quietly with status 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(stream === process.stdout ? 0 : process.exitCode ?? 0);
    throw e;
  });
}

register();
const { main } = await import('../src/cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`kport: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 2;
}
