// `npm run bench`: how fast kport starts, how time and memory grow with one
// file's size, one large real crate, and kport against the tree-sitter parse
// floor and ast-grep on a deterministic synthetic corpus of many crates.
// Prints tables and writes the numbers as JSON.
//
//   npm run bench                      every section (about 20 minutes on 2 cores)
//   npm run bench -- --quick           start-up, the series up to 400 KB, the 10 MB table without scaling
//   npm run bench -- --only startup,series,algorithms,corpus   some sections
//   options: --reps N (1; medians of N rounds), --jobs N (cores), --mb N (10), --scale-mb N (0.5),
//            --series-kb 100,400,1600,5120,6400, --algorithms DIR (or KPORT_BENCH_ALGORITHMS),
//            --out FILE (bench/results.json, git-ignored), --scale-out FILE (bench/scale-results.json, committed)
// Sections:
// - startup: `node -e 0`, `kport --version`, `kport rewrite --dry-run examples/hello`, medians of 5;
// - series: one generated file (`generateSingleFile`: issue 18's helpers, plus nested `vec!`
//   literals) at each size, `kport rewrite --dry-run --jobs 1`: wall, CPU, s/MB, peak RSS;
// - algorithms: TheAlgorithms/Rust as one crate (`--no-module`), fetched, never committed:
//   `git clone https://github.com/TheAlgorithms/Rust DIR` and pass --algorithms DIR; skipped
//   with a message when absent;
// - corpus: the many-crate corpus against the floor and ast-grep, its structural floor (what
//   kport parsed and walked, at bench/structure.ts's unit costs) and its scaling.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, generateSingleFile, type CorpusStats } from './generate.ts';

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
    only: { type: 'string', default: 'startup,series,algorithms,corpus' },
    'series-kb': { type: 'string' },
    algorithms: { type: 'string', default: process.env.KPORT_BENCH_ALGORITHMS ?? path.join(ROOT, 'bench', 'corpus', 'TheAlgorithms-Rust') },
    'scale-out': { type: 'string', default: path.join(ROOT, 'bench', 'scale-results.json') },
  },
});
const sections = new Set(args.only.split(',').map((x) => x.trim()));
const seriesKB = (args['series-kb'] ?? (args.quick ? '100,400' : '100,400,1600,5120,6400')).split(',').map(Number);
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
function timed(cmd: string, argv: string[], cwd: string, okCodes = [0], env?: NodeJS.ProcessEnv): Sample {
  const tf = path.join(os.tmpdir(), `kport-bench-time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-o', tf, '-f', '%e %U %S %M', cmd, ...argv], { cwd, env: env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const [wall, user, sys, kb] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(tf, { force: true });
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd} ${argv.slice(0, 4).join(' ')} ... exited ${r.status}: ${r.stderr?.toString().slice(-500)}`);
  lastStderr = r.stderr?.toString() ?? '';
  return { wall, cpu: user + sys, rssMB: kb / 1024 };
}
/** The standard error of the last `timed` command (kport's KPORT_QUERY_STATS line). */
let lastStderr = '';

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
  // Exit 1 only means the corpus has error-level diagnostics. KPORT_QUERY_STATS: what it parsed and walked (structure).
  return timed(node, [kportBin, 'rewrite', '--dry-run', '--jobs', String(j), ...c.crateDirs], c.dir, [0, 1], { ...process.env, KPORT_QUERY_STATS: '1' });
}

interface KportStats {
  walks: number;
  walkedChars: number;
  parses: { fresh: number; freshChars: number; incremental: number };
}

/** kport's KPORT_QUERY_STATS line from the last run (one process: --jobs 1). */
function kportStats(): KportStats {
  const line = lastStderr.split('\n').find((l) => l.startsWith('kport: query stats '));
  if (!line) throw new Error('kport printed no query stats');
  return JSON.parse(line.slice('kport: query stats '.length));
}

/**
 * The structural floor: what a run of this design costs if every transform's own work cost
 * nothing, in units of the parse floor. kport's fresh parses (discovery, macro argument lists,
 * the verifier) at the floor's cost per character; its incremental re-parses at the cost of one
 * after a one-character edit; its walks at the cost of a one-pattern walk per character walked.
 * `oneWalkPerTree`: the same with one walk per file tree (discovery's and one per re-parse) and
 * no macro-argument trees, the least any engine that re-parses after each changing phase walks.
 */
function structure(c: Corpus, stats: KportStats): Record<string, number> {
  const r = spawnSync(node, [tsx, path.join(ROOT, 'bench', 'structure.ts'), c.dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`structure failed: ${r.stderr}`);
  const u = JSON.parse(r.stdout.trim().split('\n').pop()!) as { files: number; chars: number; parseMs: number; walkMs: number; incrementalMs: number };
  const walkRatio = u.walkMs / u.parseMs;
  const incRatio = u.incrementalMs / u.parseMs;
  const perFile = (n: number) => n / u.files;
  const fresh = stats.parses.freshChars / u.chars;
  const reparsed = perFile(stats.parses.incremental) * incRatio;
  const walked = (stats.walkedChars / u.chars) * walkRatio;
  const trees = 1 + perFile(stats.parses.incremental);
  return {
    walkOverParse: walkRatio,
    incrementalOverParse: incRatio,
    freshParsesPerChar: fresh,
    reparsesPerFile: perFile(stats.parses.incremental),
    walksPerFile: perFile(stats.walks),
    walkedPerChar: stats.walkedChars / u.chars,
    floorAsRun: fresh + reparsed + walked,
    // Discovery's parse and the verifier's (at most one per file), one walk per tree.
    oneWalkPerTree: Math.min(fresh, 2) + reparsed + trees * walkRatio,
  };
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


/** Medians of `n` runs of one command. */
function medianOf(n: number, f: () => Sample): Sample {
  return summarize(Array.from({ length: n }, f));
}

function startupSection(): Record<string, unknown> {
  const n = Math.max(5, reps);
  const nodeZero = medianOf(n, () => timed(node, ['-e', '0'], ROOT));
  const version = medianOf(n, () => timed(node, [kportBin, '--version'], ROOT));
  const hello = medianOf(n, () => timed(node, [kportBin, 'rewrite', '--dry-run', 'examples/hello'], ROOT, [0, 1]));
  const ratios = { version_over_node: version.wall / nodeZero.wall, hello_wall: hello.wall };
  let t = `\nstart-up (medians of ${n}; load average ${f2(load())})\n${'what'.padEnd(44)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'RSS MB'.padStart(8)}\n`;
  for (const [k, s] of [['node -e 0', nodeZero], ['kport --version', version], ['kport rewrite --dry-run examples/hello', hello]] as const) {
    t += `${k.padEnd(44)} ${f2(s.wall).padStart(8)} ${f2(s.cpu).padStart(8)} ${s.rssMB.toFixed(0).padStart(8)}\n`;
  }
  t += `kport --version / node -e 0: ${f2(ratios.version_over_node)} wall (target ≤ 3); hello ${f2(hello.wall)} s wall (target ≤ 0.7 idle)\n`;
  process.stdout.write(t);
  return { nodeZero, version, hello, ratios };
}

interface SeriesRow {
  shape: string;
  kb: number;
  bytes: number;
  wall: number;
  cpu: number;
  rssMB: number;
  wallPerMB: number;
  cpuPerMB: number;
  /** CPU less the start-up of `kport rewrite --dry-run` on a tiny crate, per MB. */
  netCpuPerMB: number;
  exit: string;
}

function seriesSection(base: Sample | undefined): Record<string, unknown> {
  const rows: SeriesRow[] = [];
  // A one-line crate: the fixed cost every run below pays (start-up, loading the transforms).
  const tiny = path.join(CORPUS, 'single-tiny');
  generateSingleFile(tiny, 0, 'helpers');
  const start = base ?? medianOf(3, () => timed(node, [kportBin, 'rewrite', '--dry-run', '--jobs', '1', '.'], tiny, [0, 1]));
  const one = (shape: 'helpers' | 'nested', kb: number) => {
    const dir = path.join(CORPUS, `single-${shape}-${kb}`);
    const bytes = generateSingleFile(dir, kb, shape);
    process.stderr.write(`  ${shape} ${kb} KB ...\r`);
    // No per-file budget: the point is how long the largest file takes.
    const s = timed(node, [kportBin, 'rewrite', '--dry-run', '--jobs', '1', '--file-timeout', '0', '.'], dir, [0, 1]);
    const mb = bytes / 1048576;
    rows.push({ shape, kb, bytes, ...s, wallPerMB: s.wall / mb, cpuPerMB: s.cpu / mb, netCpuPerMB: Math.max(0, s.cpu - start.cpu) / mb, exit: 'ok' });
  };
  for (const kb of seriesKB) one('helpers', kb);
  one('nested', 12);
  let t = `\nsingle-file series (kport rewrite --dry-run --jobs 1; start-up on a tiny crate ${f2(start.wall)} s wall, ${f2(start.cpu)} s CPU)\n`;
  t += `${'shape'.padEnd(8)} ${'KB'.padStart(6)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'wall s/MB'.padStart(10)} ${'cpu s/MB'.padStart(9)} ${'net cpu s/MB'.padStart(13)} ${'peak RSS MB'.padStart(12)}\n`;
  for (const r of rows) {
    t += `${r.shape.padEnd(8)} ${String(r.kb).padStart(6)} ${f2(r.wall).padStart(8)} ${f2(r.cpu).padStart(8)} ${f2(r.wallPerMB).padStart(10)} ${f2(r.cpuPerMB).padStart(9)} ${f2(r.netCpuPerMB).padStart(13)} ${r.rssMB.toFixed(0).padStart(12)}\n`;
  }
  const helpers = rows.filter((r) => r.shape === 'helpers');
  const first = helpers[0];
  const last = helpers[helpers.length - 1];
  const ratios = {
    cpuPerMB_last_over_first: last.cpuPerMB / first.cpuPerMB,
    netCpuPerMB_last_over_first: last.netCpuPerMB / first.netCpuPerMB,
    wallPerMB_last_over_first: last.wallPerMB / first.wallPerMB,
  };
  t += `s/MB at ${last.kb} KB / at ${first.kb} KB: ${f2(ratios.cpuPerMB_last_over_first)} CPU, ${f2(ratios.netCpuPerMB_last_over_first)} net CPU, ${f2(ratios.wallPerMB_last_over_first)} wall (target ≤ 1.5)\n`;
  // Issue 18's other single-file target: a 5 MB file in under a minute, under 1 GB (1,024 MiB; RSS here is in MiB).
  const five = helpers.find((r) => r.kb === 5120);
  if (five) t += `5 MB file: ${f2(five.wall)} s wall, ${f2(five.cpu)} s CPU, peak RSS ${five.rssMB.toFixed(0)} MB (targets < 60 s, < 1024 MB)\n`;
  process.stdout.write(t);
  return { startup: start, rows, ratios };
}

function algorithmsSection(): Record<string, unknown> | null {
  const dir = path.resolve(args.algorithms);
  if (!existsSync(path.join(dir, 'Cargo.toml'))) {
    process.stdout.write(`\nTheAlgorithms/Rust: skipped, no crate at ${dir} (git clone https://github.com/TheAlgorithms/Rust there, or pass --algorithms DIR / KPORT_BENCH_ALGORITHMS)\n`);
    return null;
  }
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'target' && !e.name.startsWith('.')) walk(p);
      else if (e.name.endsWith('.rs')) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  process.stderr.write('  TheAlgorithms/Rust ...\r');
  const s = timed(node, [kportBin, 'rewrite', '--dry-run', '--no-module', '--jobs', '1', '--file-timeout', '0', '.'], dir, [0, 1]);
  const t = `\nTheAlgorithms/Rust as one crate (${files} .rs files, ${(bytes / 1048576).toFixed(2)} MB; kport rewrite --dry-run --no-module --jobs 1)\nwall ${f2(s.wall)} s, CPU ${f2(s.cpu)} s, peak RSS ${s.rssMB.toFixed(0)} MB (target ≤ 400)\n`;
  process.stdout.write(t);
  return { files, bytes, ...s };
}

/** The many-crate corpus: floor, kport --jobs 1 and N, ast-grep; then scaling. */
function corpusSection(): Record<string, unknown> {
  const main = corpus(Number(args.mb));
  const load0 = load();
  process.stderr.write(`corpus: ${main.crates} crates, ${main.files} files, ${(main.bytes / 1048576).toFixed(1)} MB; ${reps} runs each\n`);
  // Interleave the tools round by round so a burst of load elsewhere hits them alike.
  const runs: Record<string, Sample[]> = { floor: [], kport1: [], kportN: [], astgrep: [] };
  let stats: KportStats | undefined;
  for (let i = 0; i < reps; i++) {
    process.stderr.write(`round ${i + 1}/${reps}\n`);
    runs.floor.push(floor(main));
    runs.kport1.push(kport(main, 1));
    stats ??= kportStats();
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
  table += `\nkport --jobs 1 / floor:     ${f2(ratios.kport1_over_floor)} wall, ${f2(ratios.kport1_over_floor_cpu)} cpu   (target ≤ 3 cpu; 1.5 beyond)\n`;
  if (m.kportN) table += `kport --jobs ${jobs} / --jobs 1:  ${f2(ratios.kportN_over_kport1!)} wall             (target ≤ 0.7)\n`;
  table += `kport --jobs ${jobs} / ast-grep:  ${f2(ratios.kportN_over_astgrep)} wall (ast-grep uses every core); --jobs 1 / ast-grep ${f2(ratios.kport1_over_astgrep_cpu)} cpu   (target ≤ 1)\n`;
  table += `kport peak RSS:             ${best.rssMB.toFixed(0)} MB                (target < 300)\n`;
  const st = structure(main, stats!);
  table += `\nstructural floor (--jobs 1, the transforms' own work at no cost), in parse floors:\n`;
  table += `  per file: ${f2(st.reparsesPerFile)} incremental re-parses, ${f2(st.walksPerFile)} walks; per character: ${f2(st.freshParsesPerChar)} fresh parses, ${f2(st.walkedPerChar)} walked\n`;
  table += `  unit costs: a one-pattern walk ${f2(st.walkOverParse)}, a one-character re-parse ${f2(st.incrementalOverParse)} of a fresh parse\n`;
  table += `  as run: ${f2(st.floorAsRun)}; one walk per tree, no argument trees: ${f2(st.oneWalkPerTree)}   (target for the whole run ≤ 3)\n`;
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
  return { corpus: { crates: main.crates, files: main.files, bytes: main.bytes, seed: SEED }, results: m, ratios, structure: { ...st, kport: stats }, scaling };
}

const load0 = load();
const startup = sections.has('startup') ? startupSection() : undefined;
const series = sections.has('series') ? seriesSection(undefined) : undefined;
const algorithms = sections.has('algorithms') ? algorithmsSection() : undefined;
const corpusResult = sections.has('corpus') ? corpusSection() : undefined;

let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {}
const transforms = execFileSync(node, [kportBin, 'transforms'], { encoding: 'utf8' }).split('\n').filter((l) => /^\s*\d+\./.test(l)).length;
const meta = { date: new Date().toISOString(), commit, transforms, node: process.version, cores: os.availableParallelism(), loadAverage: [load0, load()], reps, jobs };
if (corpusResult) {
  writeFileSync(args.out, JSON.stringify({ ...meta, ...corpusResult }, null, 2) + '\n');
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), args.out)}\n`);
}
if (startup || series || algorithms) {
  writeFileSync(args['scale-out'], JSON.stringify({ ...meta, startup, series, algorithms }, null, 2) + '\n');
  process.stdout.write(`wrote ${path.relative(process.cwd(), args['scale-out'])}\n`);
}
