// The allocation-failure sweep (issue 15): every example program that allocates is
// ported (`kport rewrite --io miscdev --out-dir`), built once against the userspace
// kernel shim (test/userspace-kernel), and run on its input.txt once normally (it must
// print expected-output.txt) and then once for every k = 1..N, N the number of
// allocations of the normal run, with the k-th allocation failing (KPORT_FAIL_ALLOC=k).
// Each of those runs must either fail with ENOMEM where it fails (loading the module, or
// the write of the line being run), having printed what the normal run printed up to
// there, or succeed with exactly the normal run's output; it must never panic, and
// nothing may stay allocated after the module is unloaded (`sweepProblem` in
// test/userspace-shim.ts has the rules). Skipped without rustc. Examples known to fail
// the sweep are `it.fails` (KNOWN_FAILING); `SWEEP_SHOW=1` runs them as ordinary tests,
// to see which allocations go wrong and how.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, kport, tempDir } from './helpers.ts';
import { buildModule, type FaultRun, runFailing, rustcVersion, sweepProblem } from './userspace-shim.ts';

const hasRustc = rustcVersion() !== undefined;
if (!hasRustc) console.warn('alloc-sweep.test.ts: skipped: no rustc on PATH, so the ported examples cannot be built');

const EXAMPLES = path.join(ROOT, 'examples');
const programs = readdirSync(EXAMPLES)
  .filter((n) => existsSync(path.join(EXAMPLES, n, 'input.txt')))
  .sort();

/**
 * Examples whose port does not build as kport leaves it: it has error-level diagnostics
 * (what a person must finish), so there is nothing to run. The test checks that each
 * still has them: an example that ports cleanly fails here until it is swept.
 */
const NOT_BUILDABLE: Record<string, string> = {
  calc: 'std collections (HashMap), String identifiers, an `.enumerate()` input loop',
  hangman: 'HashSet, String, input read before the loop',
  inventory: 'BTreeMap, String, format!',
  stats: 'f64 statistics, String, read_to_string input',
};

/**
 * What a person does at kport's error diagnostics to finish a port, pinned as exact text
 * replacements in the ported crate root (each must apply once), with the error codes the
 * port must have: when kport's output or diagnostics change, this fails and is revisited.
 */
const COMPLETIONS: Record<string, { codes: string[]; edits: [string, string][] }> = {
  'bitmap-alloc': {
    // Its row of 64 page marks is a `String`: ported to the compat `KString` (with_capacity,
    // push, clear), whose allocations the sweep fails like any other.
    // Its stable `sort_by` is the compat `stable_sort_by` (compat-stable-sort, K0714).
    codes: [],
    edits: [
      // Not reported (FIXME, a silent line: issue 15's measure): `ParseIntError` has no
      // `kernel::fmt::Display`; its core `Display` is reached through `format_args!`.
      ['"bad size {}: {}", n, e)', '"bad size {}: {}", n, format_args!("{}", e))'],
    ],
  },
};

/**
 * FIXME: examples on which the sweep fails today, and why. Their sweep test is `it.fails`:
 * it passes while the sweep finds a problem, so a fix fails it here; then delete the
 * entry. (bitmap-alloc was here until fallible-propagation stopped emitting `.ok()?` in
 * Option functions, 27766ff: 4 of its 45 runs printed "out of memory" for the simulated
 * allocation instead of failing with ENOMEM.)
 */
const KNOWN_FAILING: Record<string, string> = {};

/** The sweep runs every k when that takes about this long at most, else an even sample. */
const SWEEP_BUDGET_MS = 20_000;

interface Ported {
  exe: string;
  errors: string[];
  buildLog: string;
}

async function portAndBuild(name: string): Promise<Ported> {
  const out = path.join(tempDir(), name);
  const port = await kport(['rewrite', '--io', 'miscdev', '--profile', 'mainline', '--format', 'json', '--out-dir', out, path.join(EXAMPLES, name)]);
  expect(port.code, port.stderr).toBeLessThan(2);
  const json = port.stderr.slice(port.stderr.indexOf('{'), port.stderr.lastIndexOf('}') + 1);
  const errors = (JSON.parse(json).diagnostics as { code: string; severity: string }[]).filter((d) => d.severity === 'error').map((d) => d.code);
  const module = readFileSync(path.join(out, 'Kbuild'), 'utf8').match(/obj-m := (\w+)\.o/)![1];
  const root = path.join(out, `${module}.rs`);
  const completion = COMPLETIONS[name];
  if (completion) {
    expect([...new Set(errors)].sort(), `${name}: the error codes the pinned completion answers`).toEqual(completion.codes);
    let text = readFileSync(root, 'utf8');
    for (const [from, to] of completion.edits) {
      expect(text.split(from).length - 1, `${name}: the completion edit ${JSON.stringify(from)} applies once`).toBe(1);
      text = text.replace(from, to);
    }
    writeFileSync(root, text);
  } else if (errors.length) {
    return { exe: '', errors, buildLog: '' };
  }
  const b = buildModule(root, module);
  return { exe: b.ok ? b.exe : '', errors, buildLog: b.stderr };
}

const summary: string[] = [];

describe.skipIf(!hasRustc)('allocation-failure sweep over the examples', () => {
  for (const name of programs) {
    describe(name, () => {
      const input = readFileSync(path.join(EXAMPLES, name, 'input.txt'));
      const expected = readFileSync(path.join(EXAMPLES, name, 'expected-output.txt'), 'utf8');
      let ported: Ported;
      let normal: FaultRun;

      beforeAll(async () => {
        ported = await portAndBuild(name);
        if (ported.exe) normal = runFailing(ported.exe, input, 0);
      }, 120_000);

      if (NOT_BUILDABLE[name]) {
        it(`is not swept: its port has error-level diagnostics (${NOT_BUILDABLE[name]})`, () => {
          expect(ported.errors.length, `${name} ports without errors now: remove it from NOT_BUILDABLE so the sweep runs on it`).toBeGreaterThan(0);
          summary.push(`${name}: not swept (port has ${ported.errors.length} error diagnostics)`);
        });
        return;
      }

      it('builds against the shim and prints expected-output.txt, leaving nothing allocated', () => {
        if (!COMPLETIONS[name]) expect(ported.errors, `${name}: error-level diagnostics; add it to NOT_BUILDABLE or COMPLETIONS`).toEqual([]);
        expect(ported.exe, ported.buildLog).not.toBe('');
        expect(normal.stdout).toBe(expected);
        expect(normal.report, normal.stderr).toBeDefined();
        expect(normal.report!.injected).toBe(false);
        expect([normal.report!.leakedBlocks, normal.report!.leakedBytes]).toEqual([0, 0]);
        expect(normal.report!.allocations, `${name} allocates nothing: nothing to sweep`).toBeGreaterThan(0);
      });

      const sweep = KNOWN_FAILING[name] && !process.env.SWEEP_SHOW ? it.fails : it;
      sweep(`every allocation can fail: ENOMEM, or the normal output; no panic, no leak${KNOWN_FAILING[name] ? ` (FIXME: fails today: ${KNOWN_FAILING[name]})` : ''}`, () => {
        expect(normal?.report, 'the normal run').toBeDefined();
        const n = normal.report!.allocations;
        const started = Date.now();
        runFailing(ported.exe, input, 0);
        const each = Math.max(1, Date.now() - started);
        const ks = sample(n, Math.floor(SWEEP_BUDGET_MS / each));
        const problems: string[] = [];
        let enomem = 0;
        for (const k of ks) {
          const got = runFailing(ported.exe, input, k);
          expect(got.report?.injected ?? true, `k=${k}: the shim did not reach allocation ${k} of ${n}`).toBe(true);
          const problem = sweepProblem(normal, got);
          if (problem) problems.push(`k=${k}: ${problem}`);
          else if (got.report!.failures.some((f) => f.errno === 'ENOMEM')) enomem++;
        }
        summary.push(`${name}: ${n} allocations, ${ks.length === n ? 'all' : `${ks.length} sampled`} failed one at a time: ${enomem} ENOMEM, ${ks.length - enomem - problems.length} same output, ${problems.length} problem(s)`);
        expect(problems.slice(0, 12), `${problems.length} of ${ks.length} runs`).toEqual([]);
      }, 120_000);
    });
  }

  it('prints the summary', () => {
    if (summary.length) console.log(`allocation-failure sweep:\n  ${summary.join('\n  ')}`);
  });
});

/** 1..n, or `most` of them evenly spread (the first and the last included). */
function sample(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i + 1);
  const m = Math.max(2, most);
  return [...new Set(Array.from({ length: m }, (_, i) => 1 + Math.round((i * (n - 1)) / (m - 1))))];
}

describe.skipIf(!hasRustc)('the sweep rules on a search function that returns Option', () => {
  // The same search written the way kport used to port it (`push(..).ok()?`: an allocation
  // failure reads as "not found") and the way it ports it now (`Result<Option<T>>`). Both
  // load, print and refuse the load with ENODEV (so no device is needed to run them).
  const module = (search: string, call: string) => `use kernel::prelude::*;

${search}

struct Demo;
impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let v = [3u32, 1, 3, 4, 3];
        match ${call} {
            Some(hits) => pr_info!("found at {:?}\\n", &hits[..]),
            None => pr_info!("not found\\n"),
        }
        Err(ENODEV)
    }
}

module! {
    type: Demo,
    name: "demo",
    authors: ["kport"],
    description: "sweep rules",
    license: "GPL",
}
`;
  const swallowing = module(
    `fn find(v: &[u32], x: u32) -> Option<KVec<usize>> {
    let mut hits = KVec::new();
    for (i, &y) in v.iter().enumerate() {
        if y == x {
            hits.push(i, GFP_KERNEL).ok()?;
        }
    }
    if hits.is_empty() { None } else { Some(hits) }
}`,
    'find(&v, 3)',
  );
  const propagating = module(
    `fn find(v: &[u32], x: u32) -> Result<Option<KVec<usize>>> {
    let mut hits = KVec::new();
    for (i, &y) in v.iter().enumerate() {
        if y == x {
            hits.push(i, GFP_KERNEL)?;
        }
    }
    Ok(if hits.is_empty() { None } else { Some(hits) })
}`,
    'find(&v, 3)?',
  );
  const sweepOf = (text: string) => {
    const f = path.join(tempDir(), 'demo.rs');
    writeFileSync(f, text);
    const b = buildModule(f, 'demo');
    expect(b.ok, b.stderr).toBe(true);
    const normal = runFailing(b.exe, '', 0);
    expect(normal.stdout).toBe('found at [0, 2, 4]\n');
    return Array.from({ length: normal.report!.allocations }, (_, i) => sweepProblem(normal, runFailing(b.exe, '', i + 1)));
  };

  it('`.ok()?` turns the failure into "not found": every run is a problem', () => {
    // Pushes 1, 2 and 3 grow the vector to 1, 2, 4 elements: three allocations.
    expect(sweepOf(swallowing)).toEqual(Array(3).fill('no operation failed, yet the output differs: line 1: expected "found at [0, 2, 4]", got "not found"'));
  });

  it('`Result<Option<T>>` fails the load with ENOMEM: no problem', () => {
    expect(sweepOf(propagating)).toEqual([undefined, undefined, undefined]);
  });
});
