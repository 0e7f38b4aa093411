// The corpus check: run kport over every .rs file under a folder (real code,
// never committed) and count what must never happen.
//
//   npm run corpus -- DIR [--profile P] [--verbose] [--json]
//   npm run corpus -- DIR --cli [--profile P] [--json]
//
// Cargo crates under DIR (a Cargo.toml beside src/main.rs or src/lib.rs) run
// as crates, so the crate passes see a real module tree; every .rs file no
// crate reached runs on its own. Prints: files, crashes (a transform or the
// pipeline threw), invariant violations (checked here again, from outside the
// pipeline), idempotence failures (a second run on the output changes it),
// files abandoned with K0001 and why, and time. Exit 1 when any of the first
// three is non-zero.
//
// --cli runs the same folder through bin/kport.js instead (build it first:
// `npm run build`), where the worker pool, the writer and the process exit
// live: for each crate (and once for all files no crate reached, given one by
// one) `rewrite --dry-run` with --jobs 1 and --jobs 2 (same output, exit 0, 1
// or 2, no crash on stderr, input unchanged), the crate's files given one by
// one with --jobs 2, then `rewrite --write --allow-dirty --jobs 2` on a copy
// (no debris left) and a `--dry-run` on the result (idempotence: no diff).
// Prints runs, crashes, mismatches, debris, idempotence failures and peak
// memory per run (RSS, from /usr/bin/time) against the size of the input.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

export interface CliReport {
  files: number;
  bytes: number;
  targets: number;
  runs: number;
  crashes: number;
  jobsMismatches: number;
  dryRunChanged: number;
  debris: number;
  idempotence: number;
  /** Files left unchanged because a transform threw or its edits overlapped (K0001), in the --jobs 1 runs. */
  abandoned: number;
  exitCodes: Record<string, number>;
  peakRssMB: number;
  peakRssPerInputMB: number;
  seconds: number;
  problems: string[];
}

const BIN = path.join(import.meta.dirname, '..', 'bin', 'kport.js');
const CRASH = /terminate called|Napi::Error|Aborted|core dumped|Segmentation fault|FATAL ERROR|^\s+at \S/m;
const DEBRIS = /\.kport-\d+-\d+\.(tmp|orig)$|^\.kport-write-journal$/;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Every file under dir (not .git): path -> size and mtime and content hash stand-in (the bytes, base64). */
function treeOf(dir: string, rel = '', out: Map<string, string> = new Map()): Map<string, string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) treeOf(dir, r, out);
    else if (e.isFile()) out.set(r, readFileSync(path.join(dir, r)).toString('base64'));
  }
  return out;
}

const sameTree = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

interface CliRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  rssMB: number;
}

function kportCli(args: string[], cwd: string): CliRun {
  const argv = [process.execPath, BIN, ...args];
  const r = TIME
    ? spawnSync(TIME, ['-f', 'kport-corpus-rss %M', ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  let stderr = r.stderr ?? '';
  let rssMB = 0;
  const m = /kport-corpus-rss (\d+)\n?$/.exec(stderr);
  if (m) {
    rssMB = Number(m[1]) / 1024;
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\n$/, '');
  }
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr, rssMB };
}

/** `npm run corpus -- DIR --cli`: the folder through bin/kport.js (see the header). */
export function runCorpusCli(dir: string, profileId: ProfileId = 'mainline', log: (s: string) => void = () => {}): CliReport {
  const root = path.resolve(dir);
  const found = { rs: [] as string[], crates: [] as string[] };
  walk(root, found);
  const rep: CliReport = { files: found.rs.length, bytes: 0, targets: 0, runs: 0, crashes: 0, jobsMismatches: 0, dryRunChanged: 0, debris: 0, idempotence: 0, abandoned: 0, exitCodes: {}, peakRssMB: 0, peakRssPerInputMB: 0, seconds: 0, problems: [] };
  const problem = (s: string) => {
    rep.problems.push(s);
    log(s);
  };
  for (const f of found.rs) rep.bytes += statSync(f).size;
  const t0 = performance.now();
  const prof = ['--profile', profileId, '--color', 'never'];

  // Targets: each crate (by its folder, and its files one by one), then the files no crate reached.
  const covered = new Set<string>();
  const targets: { name: string; cwd: string; paths: string[]; files: string[] }[] = [];
  for (const c of found.crates) {
    let files: string[];
    try {
      files = discover([c])[0].files.map((f) => f.abs);
    } catch {
      continue; // not a crate kport takes: its files run loose
    }
    if (files.some((f) => covered.has(f))) continue;
    for (const f of files) covered.add(f);
    targets.push({ name: path.relative(root, c) || '.', cwd: c, paths: ['.'], files: files.map((f) => path.relative(c, f)) });
  }
  const loose = found.rs.filter((f) => !covered.has(f)).map((f) => path.relative(root, f));
  if (loose.length) targets.push({ name: `${loose.length} loose file(s)`, cwd: root, paths: loose, files: loose });

  const check = (r: CliRun, what: string): boolean => {
    rep.runs++;
    rep.peakRssMB = Math.max(rep.peakRssMB, r.rssMB);
    const key = r.signal ?? String(r.code);
    rep.exitCodes[key] = (rep.exitCodes[key] ?? 0) + 1;
    if (r.signal || r.code === null || ![0, 1, 2].includes(r.code) || CRASH.test(r.stderr)) {
      rep.crashes++;
      problem(`crash: ${what}: ${r.signal ?? `exit ${r.code}`}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      return false;
    }
    // A refusal (exit 2) is allowed, but shown: it is what a user would hit.
    if (r.code === 2) log(`refused (exit 2): ${what}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
    return true;
  };

  for (const t of targets) {
    rep.targets++;
    log(`${t.name}: ${t.files.length} file(s)`);
    const before = treeOf(t.cwd);
    const one = kportCli(['rewrite', '--dry-run', '--jobs', '1', ...prof, ...t.paths], t.cwd);
    const two = kportCli(['rewrite', '--dry-run', '--jobs', '2', ...prof, ...t.paths], t.cwd);
    for (const m of one.stderr.matchAll(/^error\[K0001\]: (.*)\n\s*--> (\S+)/gm)) {
      rep.abandoned++;
      problem(`abandoned: ${t.name}: ${m[2]}: ${m[1]}`);
    }
    if (check(one, `${t.name} --jobs 1`) && check(two, `${t.name} --jobs 2`)) {
      if (one.code !== two.code || one.stdout !== two.stdout || one.stderr !== two.stderr) {
        rep.jobsMismatches++;
        problem(`--jobs 1 and --jobs 2 differ on ${t.name} (exit ${one.code} and ${two.code})`);
      }
    }
    if (t.paths.length === 1) check(kportCli(['rewrite', '--dry-run', '--jobs', '2', ...prof, ...t.files], t.cwd), `${t.name}, files one by one`);
    if (!sameTree(before, treeOf(t.cwd))) {
      rep.dryRunChanged++;
      problem(`--dry-run changed files under ${t.name}`);
    }

    // The writer, on a copy (the copy holds the target's folder; loose files keep their places).
    const copy = mkdtempSync(path.join(tmpdir(), 'kport-corpus-'));
    try {
      cpSync(t.cwd, copy, { recursive: true, filter: (s) => !SKIP.has(path.basename(s)) });
      const w = kportCli(['rewrite', '--write', '--allow-dirty', '--jobs', '2', ...prof, ...t.paths], copy);
      if (check(w, `${t.name} --write`)) {
        const left = [...treeOf(copy).keys()].filter((f) => DEBRIS.test(path.basename(f)));
        if (left.length) {
          rep.debris++;
          problem(`debris after --write on ${t.name}: ${left.slice(0, 5).join(', ')}`);
        }
        if (w.code !== 2) {
          // Idempotence through the CLI: the written port, ported again, gives no diff.
          const again = kportCli(['rewrite', '--dry-run', '--jobs', '2', ...prof, ...t.paths], copy);
          if (check(again, `${t.name}, second run`) && again.stdout !== '') {
            rep.idempotence++;
            problem(`idempotence: a second run on the written ${t.name} changes it again:\n${again.stdout.slice(0, 2000)}`);
          }
        }
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  rep.seconds = (performance.now() - t0) / 1000;
  rep.peakRssPerInputMB = rep.bytes ? rep.peakRssMB / (rep.bytes / 1048576) : 0;
  return rep;
}

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flag = (n: string) => argv.includes(`--${n}`);
  const pi = argv.indexOf('--profile');
  const profile = pi >= 0 ? argv[pi + 1] : 'mainline';
  if (pi >= 0) args.splice(args.indexOf(profile), 1);
  if (args.length !== 1 || !isProfileId(profile)) {
    process.stderr.write('usage: npm run corpus -- DIR [--cli] [--profile mainline|v6.13|v6.10|v6.1] [--verbose] [--json]\n');
    return 2;
  }
  if (flag('cli')) {
    const rep = runCorpusCli(args[0], profile, (s) => process.stderr.write(s + '\n'));
    if (flag('json')) process.stdout.write(JSON.stringify(rep, null, 2) + '\n');
    else
      process.stdout.write(
        [
          `files: ${rep.files} (${(rep.bytes / 1048576).toFixed(2)} MB) in ${rep.targets} target(s); kport runs: ${rep.runs} (exit codes: ${Object.entries(rep.exitCodes).map(([k, n]) => `${k}×${n}`).join(', ')})`,
          `crashes (exit not 0/1/2, a signal, a stack trace or abort on stderr): ${rep.crashes}`,
          `--jobs 1 and --jobs 2 differ: ${rep.jobsMismatches}`,
          `--dry-run changed the input: ${rep.dryRunChanged}`,
          `debris after --write: ${rep.debris}`,
          `idempotence failures (a second run after --write gives a diff): ${rep.idempotence}`,
          `files abandoned (K0001): ${rep.abandoned}`,
          `peak memory of one run: ${rep.peakRssMB.toFixed(0)} MB for ${(rep.bytes / 1048576).toFixed(2)} MB of input${rep.bytes >= 1048576 ? ` (${rep.peakRssPerInputMB.toFixed(0)} MB per MB)` : ''}${TIME ? '' : ' (no /usr/bin/time: not measured)'}`,
          `time: ${rep.seconds.toFixed(1)} s`,
        ].join('\n') + '\n',
      );
    return rep.crashes || rep.jobsMismatches || rep.dryRunChanged || rep.debris || rep.idempotence ? 1 : 0;
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
