// Whole command lines through bin/kport.js, in child processes (where a native
// abort or a stack trace would show): a crate folder, a random subset of a
// crate's files given one by one, loose files from the golden cases; each maybe
// mutated, with random --only/--skip, profile, --module/--no-module, --compat
// none, --io miscdev. Every case runs `rewrite --dry-run` with --jobs 1 and
// --jobs 2 and requires: exit code 0, 1 or 2, no stack trace or abort on
// stderr, the same stdout, stderr and exit code from both, and the input tree
// unchanged. Some cases are interrupted instead: `--write` killed (SIGKILL)
// after a random delay; every file must then be old or new, and the next
// `--write` must end cleanly, leave no debris and give what an uninterrupted
// `--write` gives. The size cases (lines of 100 KB, nesting 10,000 deep,
// 10,000 tiny files) run the same checks on generated inputs.
//
// `npm test` runs a few seeded cases and small sizes; `npm run fuzz` runs
// FUZZ_CLI_RUNS cases and the full sizes (FUZZ_SIZE=full). FUZZ_SEED picks the
// seed; a failure prints the command line and the input folder (kept).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { filesUnder, mutate, mutation, type Mutation } from './fuzz-inputs.ts';
import { ROOT, tempDir } from './helpers.ts';

const BIN = path.join(ROOT, 'bin', 'kport.js');
const RUNS = Number(process.env.FUZZ_CLI_RUNS ?? 2);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const FULL_SIZE = process.env.FUZZ_SIZE === 'full';
/** One kport process may take this long (busy machine); longer is a failure. */
const PROCESS_MS = Number(process.env.FUZZ_PROCESS_MS ?? 300_000);
const DEBRIS = /\.kport-\d+-\d+\.(tmp|orig)$|^\.kport-write-journal$/;
const ABORT = /terminate called|Napi::Error|Aborted|core dumped|Segmentation fault|FATAL ERROR|\n\s+at \S|^\s+at \S/m;

/** Crate folders (a Cargo.toml): the examples and the golden crate cases. */
const crateDirs = [
  ...readdirSync(path.join(ROOT, 'examples')).map((d) => path.join(ROOT, 'examples', d)),
  ...filesUnder(path.join(ROOT, 'golden')).map((f) => f.split(`${path.sep}input${path.sep}`)[0] + `${path.sep}input`),
]
  .filter((d, i, all) => all.indexOf(d) === i && existsSync(path.join(d, 'Cargo.toml')))
  .sort();
/** Single-file golden inputs, for loose files. */
const looseFiles = filesUnder(path.join(ROOT, 'golden')).filter((f) => path.basename(f) === 'input.rs');
const seedTexts = looseFiles.map((f) => readFileSync(f, 'utf8'));
const TRANSFORM_IDS = TRANSFORMS.map((t) => t.id);

type Tree = Record<string, string>;

/** Every file under dir, by relative path: content (base64, so bytes compare exactly) and mode. */
function snapshot(dir: string, rel = '', out: Tree = {}): Tree {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    const abs = path.join(dir, r);
    if (e.isDirectory()) snapshot(dir, r, out);
    else out[r] = `${(statSync(abs).mode & 0o777).toString(8)} ${readFileSync(abs).toString('base64')}`;
  }
  return out;
}

/** Copy a crate's Cargo.toml and .rs files (not golden expectations) into dir. */
function copyCrate(src: string, dir: string): void {
  cpSync(src, dir, { recursive: true, filter: (s) => statSync(s).isDirectory() || s.endsWith('.rs') || path.basename(s) === 'Cargo.toml' });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], cwd: string): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: PROCESS_MS, maxBuffer: 1 << 30 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** Exit 0, 1 or 2 on its own (no signal, no timeout), and nothing on stderr that looks like a crash. */
function clean(r: Run, what: string): void {
  if (r.signal) throw new Error(`${what}: ended by ${r.signal} after ${r.ms.toFixed(0)} ms${r.signal === 'SIGTERM' ? ' (timeout)' : ''}\n${r.stderr.slice(-2000)}`);
  if (r.code === null || ![0, 1, 2].includes(r.code)) throw new Error(`${what}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
  if (ABORT.test(r.stderr)) throw new Error(`${what}: a crash on stderr:\n${r.stderr.slice(-4000)}`);
}

/** `rewrite --dry-run` with --jobs 1 and --jobs 2: both clean, the same, the tree untouched. */
function dryRunBoth(dir: string, args: string[]): Run {
  const before = snapshot(dir);
  const one = run(['rewrite', '--dry-run', '--jobs', '1', ...args], dir);
  clean(one, 'rewrite --dry-run --jobs 1');
  const two = run(['rewrite', '--dry-run', '--jobs', '2', ...args], dir);
  clean(two, 'rewrite --dry-run --jobs 2');
  if (one.code !== two.code) throw new Error(`--jobs 1 exits ${one.code}, --jobs 2 exits ${two.code}\n--- 1:\n${one.stderr.slice(-1500)}\n--- 2:\n${two.stderr.slice(-1500)}`);
  if (one.stdout !== two.stdout) throw new Error(`--jobs 1 and --jobs 2 print different diffs`);
  if (one.stderr !== two.stderr) throw new Error(`--jobs 1 and --jobs 2 print different diagnostics:\n--- 1:\n${one.stderr.slice(-1500)}\n--- 2:\n${two.stderr.slice(-1500)}`);
  const after = snapshot(dir);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  if (changed.length) throw new Error(`--dry-run changed the input tree: ${changed.join(', ')}`);
  return one;
}

/** Run kport --write and SIGKILL it after `ms`. */
async function killedWrite(dir: string, args: string[], ms: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'rewrite', '--write', '--allow-dirty', ...args], { cwd: dir, stdio: 'ignore' });
  const closed = new Promise((resolve) => child.on('close', resolve));
  await new Promise((r) => setTimeout(r, ms));
  child.kill('SIGKILL');
  await closed;
}

const debris = (t: Tree) => Object.keys(t).filter((f) => DEBRIS.test(path.basename(f)));

/** --write interrupted at `ms`: files old or new; the re-run is clean, leaves no debris and ends where an uninterrupted run ends. */
async function interrupted(make: (dir: string) => string[], flags: string[], ms: number): Promise<void> {
  const ref = tempDir('kport-fuzz-ref-');
  const refArgs = [...flags, ...make(ref)];
  const before = snapshot(ref);
  const r = run(['rewrite', '--write', '--allow-dirty', ...refArgs], ref);
  clean(r, 'rewrite --write');
  const final = snapshot(ref);
  // Kept when the reference itself is not idempotent (a known open case on broken input): only debris and cleanliness are checked then.
  const again = run(['rewrite', '--write', '--allow-dirty', ...refArgs], ref);
  clean(again, 'rewrite --write, second run');
  const stable = JSON.stringify(snapshot(ref)) === JSON.stringify(final);

  const dir = tempDir('kport-fuzz-kill-');
  const args = [...flags, ...make(dir)];
  await killedWrite(dir, args, ms);
  const now = snapshot(dir);
  for (const f of Object.keys(now)) {
    if (DEBRIS.test(path.basename(f))) continue;
    if (now[f] !== before[f] && now[f] !== final[f]) throw new Error(`killed after ${ms} ms: ${f} is neither old nor new`);
  }
  const rerun = run(['rewrite', '--write', '--allow-dirty', ...args], dir);
  clean(rerun, `rewrite --write after a SIGKILL at ${ms} ms`);
  const after = snapshot(dir);
  if (debris(after).length) throw new Error(`debris after the re-run: ${debris(after).join(', ')}`);
  if (stable && JSON.stringify(after) !== JSON.stringify(final)) {
    const diff = [...new Set([...Object.keys(after), ...Object.keys(final)])].filter((f) => after[f] !== final[f]);
    throw new Error(`after a SIGKILL at ${ms} ms and a re-run, ${diff.join(', ')} differ from an uninterrupted run`);
  }
}

const flagsArb = fc.record({
  only: fc.option(fc.subarray(TRANSFORM_IDS, { minLength: 1, maxLength: 4 }), { freq: 4 }),
  skip: fc.option(fc.subarray(TRANSFORM_IDS, { minLength: 1, maxLength: 4 }), { freq: 3 }),
  profile: fc.option(fc.constantFrom(...PROFILE_IDS), { freq: 2 }),
  module: fc.constantFrom(undefined, '--module', '--no-module'),
  compat: fc.option(fc.constant('none'), { freq: 6 }),
  io: fc.option(fc.constant('miscdev'), { freq: 8 }),
  format: fc.option(fc.constantFrom('json', 'sarif', 'github', 'rdjson'), { freq: 5 }),
});
type Flags = typeof flagsArb extends fc.Arbitrary<infer T> ? T : never;

function flagArgs(f: Flags): string[] {
  return [
    ...(f.only ? ['--only', f.only.join(',')] : []),
    ...(f.skip ? ['--skip', f.skip.join(',')] : []),
    ...(f.profile ? ['--profile', f.profile] : []),
    ...(f.module ? [f.module] : []),
    ...(f.compat ? ['--compat', f.compat] : []),
    ...(f.io ? ['--io', f.io] : []),
    ...(f.format ? ['--format', f.format] : []),
  ];
}

const caseArb = fc.record({
  shape: fc.constantFrom('crate' as const, 'subset' as const, 'loose' as const),
  crate: fc.nat(),
  /** Which of the crate's files a subset gives (bit k: file k), or which seed files go loose. */
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  mutations: fc.array(fc.tuple(fc.nat(), mutation), { maxLength: 3 }),
  flags: flagsArb,
  /** Interrupt a --write at this many ms (instead of the dry runs), when set. */
  kill: fc.option(fc.integer({ min: 0, max: 1500 }), { freq: 4 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Lay the case's input out in dir; returns the path arguments (relative to dir). */
function layOut(c: Case, dir: string): string[] {
  let paths: string[];
  if (c.shape === 'loose') {
    const names = new Set<string>();
    paths = [];
    for (const k of c.pick) {
      const src = looseFiles[k % looseFiles.length];
      // Loose files: some in the top folder, some in a folder of their own.
      const name = `${path.basename(path.dirname(src)).replace(/[^a-z0-9_]/gi, '_')}.rs`;
      if (names.has(name)) continue;
      names.add(name);
      const rel = k % 3 === 0 ? path.join(`d${k % 5}`, name) : name;
      mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), readFileSync(src));
      paths.push(rel);
    }
  } else {
    copyCrate(crateDirs[c.crate % crateDirs.length], dir);
    if (c.shape === 'crate') paths = ['.'];
    else {
      const rs = filesUnder(dir).map((f) => path.relative(dir, f));
      const mask = c.pick[0];
      paths = rs.filter((_, k) => (mask >> k) & 1);
      if (paths.length === 0) paths = [rs[mask % rs.length]];
    }
  }
  const rs = filesUnder(dir);
  for (const [which, m] of c.mutations as [number, Mutation][]) {
    const f = rs[which % rs.length];
    writeFileSync(f, mutate(readFileSync(f, 'utf8'), [m], seedTexts));
  }
  return paths;
}

function describeCase(c: Case, dir: string, args: string[]): string {
  return `kport rewrite ${args.join(' ')}   (in ${dir}; shape ${c.shape}${c.shape !== 'loose' ? ` of ${path.relative(ROOT, crateDirs[c.crate % crateDirs.length])}` : ''}, ${c.mutations.length} mutation(s))`;
}

/** Generated inputs at size: each a folder and the path arguments. */
function sized(kind: string, n: number, dir: string): string[] {
  const w = (rel: string, text: string) => {
    mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  switch (kind) {
    case 'long-lines': {
      // n lines of 100 KB: a vec! literal, a println! of a long string, a long expression, a long comment.
      const nums = Array.from({ length: 17_000 }, (_, i) => String(i)).join(', ').slice(0, 100_000);
      const shapes = [
        (i: number) => `    let v${i}: Vec<u32> = vec![${nums.replace(/, \d*$/, '')}];`,
        (i: number) => `    println!("${'a'.repeat(100_000)}{}", ${i});`,
        (i: number) => `    let s${i} = ${'1 + '.repeat(25_000)}1;`,
        (i: number) => `    // ${'x'.repeat(100_000)}`,
      ];
      const body = Array.from({ length: n }, (_, i) => shapes[i % shapes.length](i)).join('\n');
      w('main.rs', `fn main() {\n${body}\n}\n`);
      return ['main.rs'];
    }
    case 'nesting': {
      // Expressions and blocks nested n deep.
      w('parens.rs', `fn main() {\n    let x = ${'('.repeat(n)}1${')'.repeat(n)};\n    println!("{}", x);\n}\n`);
      w('blocks.rs', `fn main() {\n${'{'.repeat(n)} println!("x"); ${'}'.repeat(n)}\n}\n`);
      return ['parens.rs', 'blocks.rs'];
    }
    case 'deep-items': {
      // Modules, types and `vec![` nested n deep. 10,000 deep took 40 s, 43 s and over 500 s of
      // CPU, the last ending in K0001 (a stack overflow in CrateIndex.indexTokens); now 28 s,
      // 16 s and 20 s: the walks up from every node (quadratic) and the recursive walks are gone.
      w('mods.rs', `${'mod m { '.repeat(n)}fn f() { let v = Vec::new(); v.push(1); }${' }'.repeat(n)}\nfn main() {}\n`);
      w('types.rs', `fn main() {\n    let v: ${'Vec<'.repeat(n)}u8${'>'.repeat(n)} = Vec::new();\n}\n`);
      w('vecs.rs', `fn main() {\n    let v = ${'vec!['.repeat(n)}1${']'.repeat(n)};\n}\n`);
      return ['mods.rs', 'types.rs', 'vecs.rs'];
    }
    case 'tiny-files': {
      // n tiny files: as loose files in folders of 100, given as one folder.
      for (let i = 0; i < n; i++) w(path.join(`d${Math.floor(i / 100)}`, `f${i}.rs`), i % 2 ? `fn f${i}() { println!("{}", ${i}); }\n` : `pub fn g${i}() -> Vec<u8> { vec![${i % 256}] }\n`);
      return ['.'];
    }
  }
  throw new Error(kind);
}

describe('fuzz: whole command lines never crash kport', () => {
  it(`rewrite on crates, subsets of their files and loose files, --jobs 1 = --jobs 2, interrupted writes (${RUNS} cases, seed ${SEED}, ${crateDirs.length} crates, ${looseFiles.length} loose files)`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const dir = tempDir('kport-fuzz-cli-');
        const args = [...flagArgs(c.flags), ...layOut(c, dir)];
        try {
          if (c.kill !== null) {
            // Interrupted runs on unmutated input (mutated input may not be idempotent: see the pipeline fuzz's FIXME).
            await interrupted((d) => layOut({ ...c, mutations: [] }, d), flagArgs(c.flags), c.kill);
          } else dryRunBoth(dir, args);
        } catch (e) {
          (e as Error).message = `${describeCase(c, dir, args)}\n${(e as Error).message}`;
          throw e;
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: RUNS, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) },
    );
  }, 60_000 + RUNS * 30_000);

  // Sizes: the issue's shapes at full size in `npm run fuzz` (FUZZ_SIZE=full), small ones (cheap) in `npm test`.
  const sizes: [string, number][] = FULL_SIZE
    ? // FIXME: 4 lines of 100 KB, one of each shape, take 21 s of CPU (8 take 43 s) where each
      // alone takes 0.4 to 1.4 s: lines of different shapes in one file cost about 5 s each.
      [['long-lines', 4], ['nesting', 10_000], ['deep-items', 10_000], ['tiny-files', 10_000]]
    : [['long-lines', 1], ['nesting', 300], ['deep-items', 200], ['tiny-files', 100]];
  for (const [kind, n] of sizes) {
    it(`size: ${kind} (${n.toLocaleString('en')}), --jobs 1 = --jobs 2, tree unchanged`, () => {
      const dir = tempDir('kport-fuzz-size-');
      const paths = sized(kind, n, dir);
      // No per-file time budget: on a busy machine one of the two runs could cross it and the other not.
      const r = dryRunBoth(dir, ['--no-module', '--file-timeout', '0', ...paths]);
      expect([0, 1]).toContain(r.code);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000 + 4 * PROCESS_MS);
  }
});
