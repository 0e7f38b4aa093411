// The corpus check: run kport over every .rs file under a folder (real code,
// never committed) and count what must never happen.
//
//   npm run corpus -- DIR [--profile P] [--verbose] [--json]
//
// Cargo crates under DIR (a Cargo.toml beside src/main.rs or src/lib.rs) run
// as crates, so the crate passes see a real module tree; every .rs file no
// crate reached runs on its own. Prints: files, crashes (a transform or the
// pipeline threw), invariant violations (checked here again, from outside the
// pipeline), idempotence failures (a second run on the output changes it),
// files abandoned with K0001 and why, and time. Exit 1 when any of the first
// three is non-zero.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { discover, type Unit } from '../src/crate/discover.ts';
import { UsageError } from '../src/engine/errors.ts';
import { checkOutput, checkUntouched } from '../src/engine/invariants.ts';
import { runUnit, type UnitResult } from '../src/engine/pipeline.ts';
import { getProfile, isProfileId, type ProfileId } from '../src/kernel-api/profiles.ts';
import { TRANSFORMS, phaseOf } from '../src/cli/registry.ts';
import { decodeSource, encodeSource } from '../src/engine/source.ts';

// Only version-control folders are skipped: in an exported tree a folder named `target` can hold sources (rustfmt's tests do).
const SKIP = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface CorpusReport {
  files: number;
  crates: number;
  refused: number;
  changed: number;
  crashes: number;
  violations: number;
  idempotence: number;
  abandoned: Record<string, number>;
  seconds: number;
  slowest: { file: string; ms: number }[];
  problems: string[];
}

function walk(dir: string, out: { rs: string[]; crates: string[] }): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((e) => e.name === 'Cargo.toml' && e.isFile())) out.crates.push(dir);
  for (const e of entries) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    // Never follow symbolic links: a real tree has loops.
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.rs')) out.rs.push(p);
  }
}

function looseUnit(abs: string): Unit {
  const root = path.dirname(abs);
  const rel = path.basename(abs);
  const src = decodeSource(abs, rel, readFileSync(abs), statSync(abs).mode & 0o777);
  return {
    crate: { root, moduleName: 'corpus', authors: [], license: 'GPL', rootFiles: /^(main|lib)\.rs$/.test(rel) ? [rel] : [], dependencies: [], metadata: {}, options: {} },
    files: [src],
    warnings: [],
  };
}

export function runCorpus(dir: string, profileId: ProfileId = 'mainline', log: (s: string) => void = () => {}): CorpusReport {
  const profile = getProfile(profileId);
  const opts = { profile, transforms: TRANSFORMS, phaseOf };
  const found = { rs: [] as string[], crates: [] as string[] };
  walk(path.resolve(dir), found);
  const rep: CorpusReport = { files: 0, crates: 0, refused: 0, changed: 0, crashes: 0, violations: 0, idempotence: 0, abandoned: {}, seconds: 0, slowest: [], problems: [] };
  const problem = (s: string) => {
    rep.problems.push(s);
    log(s);
  };
  const covered = new Set<string>();
  const units: Unit[] = [];
  for (const c of found.crates) {
    try {
      const [u] = discover([c]);
      if (u.files.some((f) => covered.has(f.abs))) continue; // a workspace member already reached
      units.push(u);
      rep.crates++;
      for (const f of u.files) covered.add(f.abs);
    } catch (e) {
      if (!(e instanceof UsageError)) problem(`crash in discovery of ${c}: ${(e as Error).stack}`);
      // No usable crate (no src/main.rs, a workspace root): its files run loose.
    }
  }
  for (const f of found.rs) {
    if (covered.has(f)) continue;
    try {
      units.push(looseUnit(f));
    } catch (e) {
      if (e instanceof UsageError) rep.refused++;
      else problem(`crash reading ${f}: ${(e as Error).message}`);
    }
  }

  const t0 = performance.now();
  const times: { file: string; ms: number }[] = [];
  for (const unit of units) {
    const shown = (abs: string) => path.relative(dir, abs);
    rep.files += unit.files.length;
    const start = performance.now();
    let r: UnitResult;
    try {
      r = runUnit(unit, opts);
    } catch (e) {
      rep.crashes += unit.files.length;
      problem(`crash: ${unit.files.map((f) => shown(f.abs)).join(', ')}: ${(e as Error).stack}`);
      continue;
    }
    const ms = (performance.now() - start) / unit.files.length;
    for (const f of unit.files) times.push({ file: shown(f.abs), ms });
    for (const f of r.files) {
      const name = shown(f.src.abs);
      if (f.changed) rep.changed++;
      if (f.failure) {
        if (f.failureKind === 'exception') {
          rep.crashes++;
          problem(`crash: ${name}: ${f.failure}`);
        } else {
          rep.abandoned[f.failureKind ?? 'other'] = (rep.abandoned[f.failureKind ?? 'other'] ?? 0) + 1;
          problem(`abandoned: ${name}: ${f.failure}`);
        }
      }
      const v = [...checkUntouched(f.src, f.text, f.changed), ...(f.changed ? checkOutput(f.src, f.text, { syntax: true }) : checkOutput(f.src, f.text))];
      if (v.length) {
        rep.violations++;
        problem(`invariant: ${name}: ${v.map((x) => x.message).join('; ')}`);
      }
    }
    // Idempotence: the output, run again as the same crate, must not change.
    if (r.files.some((f) => f.changed)) {
      const files = r.files.map((f) => decodeSource(f.src.abs, f.src.rel, encodeSource(f.src, f.text), f.src.mode));
      try {
        const again = runUnit({ ...unit, files }, opts);
        for (const g of again.files) {
          if (g.text !== g.src.text) {
            rep.idempotence++;
            problem(`idempotence: ${shown(g.src.abs)}: a second run changes it again`);
          }
        }
      } catch (e) {
        rep.crashes += unit.files.length;
        problem(`crash on the second run: ${unit.files.map((f) => shown(f.abs)).join(', ')}: ${(e as Error).stack}`);
      }
    }
  }
  rep.seconds = (performance.now() - t0) / 1000;
  rep.slowest = times.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return rep;
}

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flag = (n: string) => argv.includes(`--${n}`);
  const pi = argv.indexOf('--profile');
  const profile = pi >= 0 ? argv[pi + 1] : 'mainline';
  if (pi >= 0) args.splice(args.indexOf(profile), 1);
  if (args.length !== 1 || !isProfileId(profile)) {
    process.stderr.write('usage: npm run corpus -- DIR [--profile mainline|v6.13|v6.10|v6.1] [--verbose] [--json]\n');
    return 2;
  }
  const rep = runCorpus(args[0], profile, flag('verbose') ? (s) => process.stderr.write(s + '\n') : () => {});
  if (flag('json')) {
    process.stdout.write(JSON.stringify(rep, null, 2) + '\n');
  } else {
    const abandoned = Object.entries(rep.abandoned).map(([k, n]) => `${k} ${n}`).join(', ') || '0';
    process.stdout.write(
      [
        `files: ${rep.files} (${rep.crates} crates, the rest on their own); not UTF-8, refused: ${rep.refused}`,
        `changed: ${rep.changed}`,
        `crashes: ${rep.crashes}`,
        `invariant violations: ${rep.violations}`,
        `idempotence failures: ${rep.idempotence}`,
        `abandoned (K0001): ${abandoned}`,
        `time: ${rep.seconds.toFixed(1)} s (${(rep.files / rep.seconds).toFixed(0)} files/s, two runs each); slowest: ${rep.slowest.map((s) => `${s.file} ${s.ms.toFixed(0)} ms`).join(', ')}`,
      ].join('\n') + '\n',
    );
    if (!flag('verbose') && rep.problems.length) process.stdout.write(`first problems (--verbose lists all):\n${rep.problems.slice(0, 10).map((p) => `  ${p.split('\n')[0]}`).join('\n')}\n`);
  }
  return rep.crashes || rep.violations || rep.idempotence ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('corpus.ts')) process.exitCode = main(process.argv.slice(2));
