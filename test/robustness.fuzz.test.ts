// Property tests with fast-check: take every golden input and output and every
// example, mutate them (delete, insert, swap and duplicate ranges; insert
// Rust tokens, pieces of other files and odd bytes), run the whole pipeline
// with every registered transform, and require: no exception (a refusal of
// non-UTF-8 input is the only error allowed), no file abandoned because a
// transform threw, the invariants of invariants.ts, idempotence, and bounded
// time per file. New transforms and golden cases are picked up on their own.
//
// `npm test` runs a fixed, seeded number of cases; `npm run fuzz` runs many
// more (FUZZ_RUNS, FUZZ_SEED pick the count and the seed; a failure prints the
// seed and path that replay it).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { discover, type Unit } from '../src/crate/discover.ts';
import { UsageError } from '../src/engine/errors.ts';
import { checkOutput, checkUntouched } from '../src/engine/invariants.ts';
import { runUnit } from '../src/engine/pipeline.ts';
import { PROFILE_IDS, getProfile, type ProfileId } from '../src/kernel-api/profiles.ts';
import { TRANSFORMS, phaseOf } from '../src/cli/registry.ts';
import { decodeSource, encodeSource } from '../src/engine/source.ts';
import { filesUnder, mutate, mutation, pos } from './fuzz-inputs.ts';
import { ROOT } from './helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const CRATE_RUNS = Math.max(10, Math.round(RUNS / 10));
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
/** CPU time per file, per run; generous because the machine may be busy. */
const MAX_MS_PER_FILE = Number(process.env.FUZZ_MAX_MS ?? 5000);
/** Replays one case (and its shrinking) from a failure report's path: FUZZ_SEED=s FUZZ_PATH=p. */
const PATH = process.env.FUZZ_PATH;
/**
 * Test timeouts scale with the case count: 2,000 crate cases took 188 s on a busy
 * machine (vitest's default 60 s stopped a run whose cases all passed).
 */
const timeoutFor = (cases: number, msPerCase: number) => 60_000 + cases * msPerCase;

const EXTRA = [
  '',
  'fn main() {\r\n    println!("crlf {}", 1);\r\n}\r\n',
  '\ufeff//! bom\nfn main() { print!("a"); eprintln!("b"); }',
  'macro_rules! m { ($e:expr) => { println!("{}", $e) }; }\nfn main() { m!(1); let v = vec![1, 2]; }\n',
  'use std::fmt;\nimpl fmt::Display for S { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "s") } }\n',
  'fn f() -> Vec<u8> { let mut v = Vec::new(); v.push(1); let b = Box::new(2); v.iter().map(|x| x + 1).collect::<Vec<_>>() }\n',
];

const seeds: string[] = [
  ...filesUnder(path.join(ROOT, 'golden')).map((f) => readFileSync(f, 'utf8')),
  ...filesUnder(path.join(ROOT, 'examples')).map((f) => readFileSync(f, 'utf8')),
  ...EXTRA,
];

/** Crate-shaped seeds: examples with a Cargo.toml and golden crate cases (input/ folders). */
const crateDirs: string[] = [
  ...readdirSync(path.join(ROOT, 'examples'))
    .map((d) => path.join(ROOT, 'examples', d))
    .filter((d) => existsSync(path.join(d, 'Cargo.toml'))),
  ...filesUnder(path.join(ROOT, 'golden'))
    .map((f) => f.split(`${path.sep}input${path.sep}`))
    .filter((parts) => parts.length > 1)
    .map((parts) => `${parts[0]}${path.sep}input`),
].filter((d, i, all) => all.indexOf(d) === i && statSync(d).isDirectory());

const crates: Unit[] = crateDirs.flatMap((d) => {
  try {
    return discover([d]);
  } catch {
    return [];
  }
});

/** Byte-level damage on top: can make the input invalid UTF-8, which must be refused cleanly. */
const byteFlip = fc.option(fc.record({ at: pos, byte: fc.integer({ min: 0, max: 255 }) }), { freq: 4 });

function toBytes(text: string, flip: { at: number; byte: number } | null): Buffer {
  const b = Buffer.from(text, 'utf8');
  if (!flip || b.length === 0) return b;
  const i = Math.min(b.length - 1, Math.floor(flip.at * b.length));
  b[i] = flip.byte;
  return b;
}

/**
 * Crate cases check idempotence as single files do (a run's output is a
 * fixpoint; the second run is made in any case, so the check costs nothing);
 * FUZZ_CRATE_IDEMPOTENCE=0 turns it off for crates. Causes fixed on the way:
 * discovery trees kept across rebuilt units (now keyed by the file object); a
 * rewrite half refused inside a syntax error (FUZZ_SEED=4 FUZZ_RUNS=1000),
 * gone since a refused edit refuses the whole file (K0004); and a refusal that
 * did not hold on the output (FUZZ_SEED=2 or 7, FUZZ_RUNS=3000): a module with
 * a syntax error needed a `?` only because propagation made a function of
 * another file fallible, so the first run refused it and left out the module
 * scaffolding, and a run on that output kept it (K0002) and added the
 * scaffolding. The engine now checks a refusal on the output
 * (src/engine/pipeline.ts `refusedOnOutput`, golden module-entry/30).
 * FUZZ_SEED=1..12 FUZZ_RUNS=3000 pass with it. The single-file failure of
 * `npm run fuzz` (case 16,569 of 20,000: `std::boxed::Box::new` after a syntax
 * error) cannot come back: a file with syntax errors is never changed (K0004
 * or K0002), so its output is its input; the default seed at FUZZ_RUNS=20000
 * passes, single files and crates.
 */
const CRATE_IDEMPOTENCE = process.env.FUZZ_CRATE_IDEMPOTENCE !== '0';

/** Run one unit and assert everything; throws with a description (and the input, to replay) on any broken promise. */
function checkUnit(unit: Unit, profile: ProfileId, idempotence = true): void {
  try {
    checkUnitInner(unit, profile, idempotence);
  } catch (e) {
    const input = Object.fromEntries(unit.files.map((f) => [f.rel, f.original.toString('utf8')]));
    (e as Error).message += `\n--- input (${profile}): ${JSON.stringify(input)}`;
    throw e;
  }
}

function checkUnitInner(unit: Unit, profile: ProfileId, idempotence: boolean): void {
  const opts = { profile: getProfile(profile), transforms: TRANSFORMS, phaseOf };
  // CPU time, not wall time: on a machine shared by many, a file that takes 0.5 s of CPU took 27 s of wall time (seed 20261128, case 9997).
  const t0 = process.cpuUsage();
  const r = runUnit(unit, opts);
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  if (ms > MAX_MS_PER_FILE * unit.files.length) throw new Error(`took ${ms.toFixed(0)} ms of CPU for ${unit.files.length} file(s)`);
  for (const f of r.files) {
    if (f.failureKind === 'exception') throw new Error(`${f.src.rel}: ${f.failure}`);
    const v = [...checkUntouched(f.src, f.text, f.changed), ...checkOutput(f.src, f.text, { syntax: f.changed })];
    if (v.length) throw new Error(`${f.src.rel}: ${v.map((x) => x.message).join('; ')}`);
  }
  if (!r.files.some((f) => f.changed)) return;
  const files = r.files.map((f) => decodeSource(f.src.abs, f.src.rel, encodeSource(f.src, f.text), f.src.mode));
  const again = runUnit({ ...unit, files }, opts);
  for (const g of again.files) {
    if (g.failureKind === 'exception') throw new Error(`second run: ${g.src.rel}: ${g.failure}`);
    if (idempotence && g.text !== g.src.text) throw new Error(`${g.src.rel}: not idempotent:\n--- first output\n${g.src.text}\n--- second output\n${g.text}`);
  }
}

function singleFileUnit(bytes: Buffer): Unit | undefined {
  try {
    const src = decodeSource(path.join(ROOT, 'fuzz', 'main.rs'), 'main.rs', bytes);
    return {
      crate: { root: path.join(ROOT, 'fuzz'), moduleName: 'fuzz', authors: [], license: 'GPL', rootFiles: ['main.rs'], dependencies: [], metadata: {}, options: {} },
      files: [src],
      warnings: [],
    };
  } catch (e) {
    if (e instanceof UsageError) return undefined; // refused cleanly: not UTF-8
    throw e;
  }
}

const params = { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) };

describe('fuzz: mutated inputs never crash kport or break an invariant', () => {
  it(`single files (${RUNS} cases, seed ${SEED}, ${seeds.length} seed files, ${TRANSFORMS.length} transforms)`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 5 }), byteFlip, fc.constantFrom(...PROFILE_IDS), (i, ms, flip, profile) => {
        const unit = singleFileUnit(toBytes(mutate(seeds[i % seeds.length], ms, seeds), flip));
        if (unit) checkUnit(unit, profile);
      }),
      params,
    );
  }, timeoutFor(RUNS, 250));

  it.skipIf(crates.length === 0)(`crates (${CRATE_RUNS} cases, ${crates.length} seed crates)`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 6 }), fc.constantFrom(...PROFILE_IDS), (i, ms, profile) => {
        const base = crates[i % crates.length];
        const texts = base.files.map((f) => f.text);
        for (const [which, m] of ms) texts[which % texts.length] = mutate(texts[which % texts.length], [m], seeds);
        const files = base.files.map((f, k) => decodeSource(f.abs, f.rel, encodeSource(f, texts[k]), f.mode));
        checkUnit({ ...base, files }, profile, CRATE_IDEMPOTENCE);
      }),
      { ...params, numRuns: CRATE_RUNS },
    );
  }, timeoutFor(CRATE_RUNS, 1500));

  it('the seeds themselves pass (each file on one profile in turn, each crate on every profile)', () => {
    seeds.forEach((s, i) => {
      const unit = singleFileUnit(Buffer.from(s, 'utf8'));
      if (unit) checkUnit(unit, PROFILE_IDS[i % PROFILE_IDS.length]);
    });
    for (const profile of PROFILE_IDS) for (const c of crates) checkUnit(c, profile, CRATE_IDEMPOTENCE || c.files.length === 1);
    // Seven profiles since the release split (was four): the crate loop takes about 7/4 as long.
  }, 180_000);
});
