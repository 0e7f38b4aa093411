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
const { main } = await import('../src/cli/cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // One line for a person; the stack for a bug report with KPORT_DEBUG=1.
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  const stack = process.env.KPORT_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : ' (KPORT_DEBUG=1 shows where)';
  process.stderr.write(`kport: internal error: ${message}${stack}\n`);
  process.exitCode = 2;
}
