#!/usr/bin/env node
// Entry point: run the compiled CLI (dist/, built by `npm run build`, which
// `npm ci` and `npm pack` run through `prepare`) and exit with its code.
// Nothing is compiled at run time.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';

// A reader that closes early (`kport transforms | head`) is not an error: what
// it wanted was printed, so kport stops quietly with status 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(stream === process.stdout ? 0 : process.exitCode ?? 0);
    throw e;
  });
}

const args = process.argv.slice(2);
// `kport --version` answers from package.json without loading the CLI.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`kport ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const cli = new URL('../dist/cli.js', import.meta.url);
  if (!existsSync(cli)) {
    process.stderr.write('kport: not built: dist/cli.js is missing; run `npm run build` (npm ci does it) in the kport folder\n');
    process.exit(2);
  }
  // Node 22.1+ keeps the compiled bundle in its on-disk cache between runs (a no-op on Node 20).
  module.enableCompileCache?.();
  // V8 optimises a function with TurboFan once it has run a while (its interrupt budget). kport's
  // code is large and its hot paths are many and short-lived per file, so on a corpus TurboFan spent
  // more time compiling (on a second thread, and on the main one with --jobs 2) than its code saved:
  // a budget about 30 times V8's own (67,584 on Node 20) leaves it the hottest functions only. 10 MB corpus, output
  // identical: --jobs 2 49.4 -> 35 s wall, 94 -> 68 s CPU; --jobs 1 107 -> ~85 s CPU (docs/architecture.md).
  // Set before the CLI loads, so its code and the pool's workers (flags are per process) run with it.
  // KPORT_V8=default keeps V8's settings; any other value is handed to V8 instead (measurements).
  if (process.env.KPORT_V8 !== 'default') v8.setFlagsFromString(process.env.KPORT_V8 || '--interrupt-budget=2000000');
  const { main } = await import(cli.href);
  try {
    process.exitCode = await main(args);
  } catch (e) {
    // One line for a person; the stack for a bug report with KPORT_DEBUG=1.
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const stack = process.env.KPORT_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : ' (KPORT_DEBUG=1 shows where)';
    process.stderr.write(`kport: internal error: ${message}${stack}\n`);
    process.exitCode = 2;
  }
}
