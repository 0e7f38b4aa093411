// `npm run bench`: kport against the tree-sitter parse floor and against
// ast-grep on a deterministic synthetic corpus, then how time and memory grow
// with corpus size. Prints a table and writes the numbers as JSON.
//
//   npm run bench                 full run (10 MB corpus, scaling 1×/4×/16× of 0.5 MB), ~10 minutes
//   npm run bench -- --quick      10 MB corpus only, no scaling
//   options: --reps N (1; medians of N rounds), --jobs N (cores), --mb N (10), --scale-mb N (0.5), --out FILE
// kport runs at tens of seconds per 10 MB on 2 cores today, so the defaults
// keep a full run to minutes; pass --reps 3 for steadier medians.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusStats } from './generate.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'bench', 'corpus');
const SEED = 1;
const GENERATOR_VERSION = 1;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string', default: '1' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    mb: { type: 'string', default: '10' },
    'scale-mb': { type: 'string', default: '0.5' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
  },
});
const reps = Number(args.reps);
const jobs = Number(args.jobs);

interface Sample {
  wall: number;
  cpu: number;
  rssMB: number;
}

interface Corpus extends CorpusStats {
  dir: string;
  mb: number;
}

function corpus(mb: number): Corpus {
  const dir = path.join(CORPUS, `mb${mb}`);
  const stamp = path.join(dir, 'corpus.json');
  const want = { version: GENERATOR_VERSION, seed: SEED, mb };
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8'));
    if (JSON.stringify(s.want) === JSON.stringify(want)) return { ...s.stats, dir, mb };
  }
  process.stderr.write(`generating a ${mb} MB corpus in ${path.relative(ROOT, dir)} ...\n`);
  const stats = generateCorpus(dir, mb, SEED);
  writeFileSync(stamp, JSON.stringify({ want, stats }));
  return { ...stats, dir, mb };
}

/** Run a command under /usr/bin/time; wall and CPU seconds, peak RSS of the process tree's largest member. */
function timed(cmd: string, argv: string[], cwd: string, okCodes = [0]): Sample {
  const tf = path.join(os.tmpdir(), `kport-bench-time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-o', tf, '-f', '%e %U %S %M', cmd, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const [wall, user, sys, kb] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(tf, { force: true });
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd} ${argv.slice(0, 4).join(' ')} ... exited ${r.status}: ${r.stderr?.toString().slice(-500)}`);
  return { wall, cpu: user + sys, rssMB: kb / 1024 };
}

const node = process.execPath;
const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const kportBin = path.join(ROOT, 'bin', 'kport.js');
const astGrep = path.join(ROOT, 'node_modules', '.bin', 'ast-grep');

function floor(c: Corpus): Sample {
  const r = spawnSync(node, [tsx, path.join(ROOT, 'bench', 'floor.ts'), c.dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { wall: j.ms / 1000, cpu: j.cpuMs / 1000, rssMB: j.maxRssKB / 1024 };
}

function kport(c: Corpus, j: number): Sample {
  // Exit 1 only means the corpus has error-level diagnostics.
  return timed(node, [kportBin, 'rewrite', '--dry-run', '--jobs', String(j), ...c.crateDirs], c.dir, [0, 1]);
}

function astgrep(c: Corpus): Sample {
  const copy = path.join(CORPUS, '.ast-grep-copy');
  rmSync(copy, { recursive: true, force: true });
  cpSync(c.dir, copy, { recursive: true });
  try {
    return timed(astGrep, ['scan', '--rule', path.join(ROOT, 'bench', 'ast-grep', 'rules.yml'), '--update-all', '.'], copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function summarize(samples: Sample[]): Sample & { runs: Sample[] } {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMB: median(samples.map((s) => s.rssMB)), runs: samples };
}

function repeat(name: string, n: number, f: () => Sample): Sample & { runs: Sample[] } {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    process.stderr.write(`  ${name} ${i + 1}/${n}\r`);
    out.push(f());
  }
  process.stderr.write(`  ${name} done${' '.repeat(20)}\n`);
  return summarize(out);
}

const f2 = (x: number) => x.toFixed(2);
const load = () => os.loadavg()[0];

const main = corpus(Number(args.mb));
const load0 = load();
process.stderr.write(`corpus: ${main.crates} crates, ${main.files} files, ${(main.bytes / 1048576).toFixed(1)} MB; ${reps} runs each\n`);
// Interleave the tools round by round so a burst of load elsewhere hits them alike.
const runs: Record<string, Sample[]> = { floor: [], kport1: [], kportN: [], astgrep: [] };
for (let i = 0; i < reps; i++) {
  process.stderr.write(`round ${i + 1}/${reps}\n`);
  runs.floor.push(floor(main));
  runs.kport1.push(kport(main, 1));
  if (jobs > 1) runs.kportN.push(kport(main, jobs));
  runs.astgrep.push(astgrep(main));
}
const m = Object.fromEntries(Object.entries(runs).filter(([, v]) => v.length).map(([k, v]) => [k, summarize(v)])) as Record<string, Sample & { runs: Sample[] }>;
const best = m.kportN ?? m.kport1;
const ratios = {
  kport1_over_floor: m.kport1.wall / m.floor.wall,
  kport1_over_floor_cpu: m.kport1.cpu / m.floor.cpu,
  kportN_over_kport1: m.kportN ? m.kportN.wall / m.kport1.wall : null,
  kportN_over_astgrep: best.wall / m.astgrep.wall,
  kport1_over_astgrep_cpu: m.kport1.cpu / m.astgrep.cpu,
};

const mb = main.bytes / 1048576;
const rows: [string, Sample][] = [
  ['tree-sitter parse floor (1 thread)', m.floor],
  ['kport rewrite --dry-run --jobs 1', m.kport1],
  ...(m.kportN ? ([[`kport rewrite --dry-run --jobs ${jobs}`, m.kportN]] as [string, Sample][]) : []),
  ['ast-grep scan -U, 3 rules', m.astgrep],
];
let table = `\nkport benchmark: ${main.crates} crates, ${main.files} files, ${mb.toFixed(1)} MB (seed ${SEED}); ${os.availableParallelism()} cores; load average ${f2(load0)} → ${f2(load())}; medians of ${reps}\n\n`;
table += `${'what'.padEnd(38)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'MB/s'.padStart(7)} ${'peak RSS MB'.padStart(12)}\n`;
for (const [k, s] of rows) table += `${k.padEnd(38)} ${f2(s.wall).padStart(8)} ${f2(s.cpu).padStart(8)} ${f2(mb / s.wall).padStart(7)} ${s.rssMB.toFixed(0).padStart(12)}\n`;
table += `\nkport --jobs 1 / floor:     ${f2(ratios.kport1_over_floor)} wall, ${f2(ratios.kport1_over_floor_cpu)} cpu   (target ≤ 1.5)\n`;
if (m.kportN) table += `kport --jobs ${jobs} / --jobs 1:  ${f2(ratios.kportN_over_kport1!)} wall             (target ≤ 0.7)\n`;
table += `kport --jobs ${jobs} / ast-grep:  ${f2(ratios.kportN_over_astgrep)} wall (ast-grep uses every core); --jobs 1 / ast-grep ${f2(ratios.kport1_over_astgrep_cpu)} cpu   (target ≤ 1)\n`;
table += `kport peak RSS:             ${best.rssMB.toFixed(0)} MB                (target < 300)\n`;
process.stdout.write(table);

// Scaling: the same generator at 1×, 4×, 16× a base size; kport with all jobs, one run each.
const scaling: { factor: number; mb: number; files: number; wall: number; cpu: number; rssMB: number; sPerMB: number; rssPerMB: number; floorSPerMB: number }[] = [];
if (!args.quick) {
  const base = Number(args['scale-mb']);
  let t = `\nscaling (kport --jobs ${jobs}, one run each; floor alongside)\n${'size'.padEnd(10)} ${'MB'.padStart(7)} ${'files'.padStart(7)} ${'wall s'.padStart(8)} ${'s/MB'.padStart(7)} ${'floor s/MB'.padStart(11)} ${'RSS MB'.padStart(8)} ${'RSS/MB'.padStart(8)}\n`;
  for (const factor of [1, 4, 16]) {
    const c = corpus(base * factor);
    const cmb = c.bytes / 1048576;
    const fl = floor(c);
    const k = kport(c, jobs);
    const row = { factor, mb: cmb, files: c.files, wall: k.wall, cpu: k.cpu, rssMB: k.rssMB, sPerMB: k.wall / cmb, rssPerMB: k.rssMB / cmb, floorSPerMB: fl.wall / cmb };
    scaling.push(row);
    t += `${`${factor}×`.padEnd(10)} ${cmb.toFixed(1).padStart(7)} ${String(c.files).padStart(7)} ${f2(k.wall).padStart(8)} ${f2(row.sPerMB).padStart(7)} ${f2(row.floorSPerMB).padStart(11)} ${k.rssMB.toFixed(0).padStart(8)} ${f2(row.rssPerMB).padStart(8)}\n`;
  }
  process.stdout.write(t);
}

let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {}
const transforms = execFileSync(node, [kportBin, 'transforms'], { encoding: 'utf8' }).split('\n').filter((l) => /^\s*\d+\./.test(l)).length;
writeFileSync(
  args.out,
  JSON.stringify({ date: new Date().toISOString(), commit, transforms, cores: os.availableParallelism(), loadAverage: [load0, load()], reps, jobs, corpus: { crates: main.crates, files: main.files, bytes: main.bytes, seed: SEED }, results: m, ratios, scaling }, null, 2) + '\n',
);
process.stdout.write(`\nwrote ${path.relative(process.cwd(), args.out)}\n`);
