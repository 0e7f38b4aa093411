#!/usr/bin/env node
// Build dist/: the CLI (dist/cli.js) and the pool's worker (dist/worker.js)
// bundled from src/ by esbuild, sharing their code through chunks in the same
// folder. bin/kport.js runs dist/cli.js, so an installed kport compiles
// nothing at run time. Runs as `npm run build`, from `prepare` (npm ci,
// npm pack) and from the tests' global setup (test/global-setup.ts).
// Plain JavaScript on purpose: it runs before anything is compiled.
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist');

export async function buildDist({ quiet = false } = {}) {
  const started = performance.now();
  // Built aside and swapped in, so a kport running meanwhile never sees half a dist/.
  const fresh = `${OUT}.tmp-${process.pid}`;
  const old = `${OUT}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli/cli.ts', worker: 'src/cli/worker.ts' },
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunk-[hash]',
    // Native addons load their compiled binding relative to their own folder;
    // piscina starts its own worker file the same way.
    external: ['tree-sitter', 'tree-sitter-rust', 'piscina'],
    // Bundled CommonJS packages call require() for Node's modules.
    banner: { js: "import { createRequire as __kportRequire } from 'node:module'; const require = __kportRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
  });
  try {
    renameSync(OUT, old);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  renameSync(fresh, OUT);
  rmSync(old, { recursive: true, force: true });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  if (!quiet) process.stderr.write(`kport: built dist/ (${(bytes / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await buildDist();
