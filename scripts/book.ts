// The book measure: port every rust-lang/book listing that builds as a
// userspace program with rustc alone, type-check each port against kport's
// kernel stub, and count where the port breaks without kport saying so.
//
//   npm run book -- [--book PATH] [--json FILE] [--jobs N] [--only SUBSTR] [--compat all|none] [--verbose]
//
// PATH (default $KPORT_BOOK) is a checkout of rust-lang/book or its git
// folder (bare or not); from a git folder the `listings` tree of HEAD is
// extracted to a temporary folder. Without one, one line and exit 0. The
// book's code is read from there and from temporary copies, never written
// into this repository.
//
// Steps: (1) selection, cached by the listing's content and the rustc version
// under the kport cache (src/verify/cache.ts cacheRoot())/book-selection;
// (2) each selected listing ported in memory exactly as `kport rewrite` does
// (mainline), written to a temporary folder and type-checked there exactly as
// `kport verify` does (src/verify/verify.ts); (3) every rustc error traced back to
// the input line kport reports against, and counted. The definitions
// (selected, silent, claimed clean but fails, propagation miss) and the line
// mapping are in scripts/book-measure.ts.
//
// Prints per listing and summed; writes the details to --json FILE and, each
// full run, to book-results.json beside the main checkout (the folder that
// holds the repository's main work tree, shared by its worktrees), or to
// $KPORT_BOOK_RESULTS.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheRoot } from '../src/verify/cache.ts';
import { UsageError } from '../src/engine/errors.ts';
import { rewrite } from '../src/cli/run.ts';
import { findRustc, materialize, materializedPaths, verifyPaths } from '../src/verify/verify.ts';
import { checkCompatMode, type CompatMode } from '../src/crate/compat-mode.ts';
import { groupCauses, isBinaryCrate, manifestRejection, measureListing, summarize, type ListingResult, type Summary } from './book-measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Args {
  book?: string;
  json?: string;
  jobs: number;
  only?: string;
  /** `--compat none`: port as before the compat types (the "before" of README's numbers). */
  compat?: CompatMode;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { book: process.env.KPORT_BOOK, jobs: 1, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => {
      const x = argv[++i];
      if (x === undefined) throw new UsageError(`${v} needs a value`);
      return x;
    };
    if (v === '--book') a.book = next();
    else if (v === '--json') a.json = next();
    else if (v === '--jobs') a.jobs = Math.max(1, Number(next()) || 1);
    else if (v === '--only') a.only = next();
    else if (v === '--compat') a.compat = checkCompatMode(next(), '--compat');
    else if (v === '--verbose') a.verbose = true;
    else return `unknown argument ${v}`;
  }
  return a;
}

/** The listings folder of the book and its commit; `cleanup` removes what was extracted. */
function openBook(book: string): { listings: string; commit: string; cleanup: () => void } {
  const abs = path.resolve(book);
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (existsSync(path.join(abs, 'listings'))) {
    let commit = 'unknown';
    try {
      commit = git(['-C', abs, 'rev-parse', 'HEAD']).trim();
    } catch {
      // a plain copy
    }
    return { listings: path.join(abs, 'listings'), commit, cleanup: () => {} };
  }
  const commit = git(['--git-dir', abs, 'rev-parse', 'HEAD']).trim();
  const tmp = mkdtempSync(path.join(tmpdir(), 'kport-book-'));
  execFileSync('sh', ['-c', 'git --git-dir="$1" archive HEAD listings | tar -x -C "$2"', 'sh', abs, tmp]);
  return { listings: path.join(tmp, 'listings'), commit, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Every file of a folder (relative POSIX paths), skipping build output. */
function filesOf(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === 'target' || e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesOf(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** Crate folders under the listings: a Cargo.toml with src/main.rs beside it. */
function candidates(dir: string, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === 'Cargo.toml') && existsSync(path.join(dir, 'src', 'main.rs'))) out.push(dir);
  for (const e of entries) if (e.isDirectory() && e.name !== 'target' && e.name !== 'src') candidates(path.join(dir, e.name), out);
  return out.sort();
}

function runRustc(rustc: string, cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    const out = mkdtempSync(path.join(tmpdir(), 'kport-book-sel-'));
    const p = spawn(rustc, ['--edition', '2021', '--crate-type', 'bin', '--emit', 'metadata', '--cap-lints', 'allow', '--out-dir', out, 'src/main.rs'], { cwd, stdio: 'ignore' });
    p.on('close', (code) => {
      rmSync(out, { recursive: true, force: true });
      resolve(code === 0);
    });
    p.on('error', () => resolve(false));
  });
}

/** Selection with a cache: one file per listing content hash, holding `ok` or the reason it was left out. */
async function select(dirs: string[], rustc: { path: string; version: string }, jobs: number): Promise<{ dir: string; ok: boolean; why: string }[]> {
  const cache = path.join(cacheRoot(), 'book-selection');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const results: { dir: string; ok: boolean; why: string }[] = new Array(dirs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < dirs.length; i = next++) {
      const dir = dirs[i];
      const files = filesOf(dir);
      const h = createHash('sha256').update(rustc.version);
      for (const f of files) h.update(`\0${f}\0`).update(readFileSync(path.join(dir, f)));
      const entry = path.join(cache, h.digest('hex').slice(0, 24));
      let why: string;
      if (existsSync(entry)) why = readFileSync(entry, 'utf8');
      else {
        why = !isBinaryCrate(files) ? 'not a binary crate' : (manifestRejection(readFileSync(path.join(dir, 'Cargo.toml'), 'utf8')) ?? ((await runRustc(rustc.path, dir)) ? 'ok' : 'rustc --edition 2021 rejects it'));
        writeFileSync(entry, why);
      }
      results[i] = { dir, ok: why === 'ok', why };
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, dirs.length) }, worker));
  return results;
}

/** Port one listing in memory, type-check the port, and measure it. */
function measure(dir: string, name: string, compat?: CompatMode): ListingResult {
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  let tmp: string | undefined;
  try {
    const result = rewrite({ paths: [dir], profile: 'mainline', mode: 'report', ...(compat ? { options: { compat } } : {}) });
    for (const u of result.units) {
      for (const f of u.files) {
        inputs.set(f.src.rel, f.src.text);
        outputs.set(f.src.rel, f.failure ? f.src.text : f.text);
      }
      for (const nf of u.newFiles) outputs.set(nf.rel, nf.contents);
    }
    tmp = materialize(result);
    const v = verifyPaths(materializedPaths(result, tmp, [dir]), { profile: 'mainline' });
    const renames = new Map(result.changes.filter((c) => c.from).map((c) => [c.path, c.from!] as [string, string]));
    return measureListing({ listing: name, inputs, outputs, kport: result.diagnostics, rustc: v.diagnostics, details: v.details, renames });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { listing: name, compiles: false, kportErrors: 0, kportDiagnostics: 0, errors: [], silentLines: 0, claimedCleanButFails: false, propagationMisses: 0, refused: e.message };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function line(r: ListingResult): string {
  if (r.refused) return `${r.listing}: refused: ${r.refused}`;
  const silent = r.errors.filter((e) => e.silent).length;
  return `${r.listing}: ${r.compiles ? 'compiles' : 'FAILS'}, ${r.errors.length} rustc error(s), ${r.kportErrors} kport error(s), silent lines ${r.silentLines}${silent ? ` (${silent} error(s))` : ''}, propagation misses ${r.propagationMisses}${r.claimedCleanButFails ? ', CLAIMED CLEAN BUT FAILS' : ''}`;
}

function summaryText(s: Summary, candidatesFound: number, selected: number): string {
  return [
    `listings with Cargo.toml + src/main.rs: ${candidatesFound}; selected (no dependencies, rustc --edition 2021 builds them): ${selected}${s.selected !== selected ? `; measured (--only): ${s.selected}` : ''}${s.refused ? `; refused by kport: ${s.refused}` : ''}`,
    `type-check after the port: ${s.compiles} of ${s.selected - s.refused}`,
    `rustc errors: ${s.rustcErrors}; not at an error-level kport diagnostic: ${s.errorsNotAtErrorDiagnostic}`,
    `failing listings with an error-level kport diagnostic at every blocking line: ${s.failingReported} of ${s.failing}`,
    `silent lines: ${s.silentLines} in ${s.listingsWithSilentLines} listing(s) (${s.silentErrors} rustc error(s))`,
    `claimed clean but fails: ${s.claimedCleanButFails}`,
    `propagation misses: ${s.propagationMisses}`,
  ].join('\n');
}

/** book-results.json in the folder that holds the main checkout (worktrees share it), or undefined outside git. */
function sharedResultsPath(): string | undefined {
  try {
    const common = execFileSync('git', ['-C', ROOT, 'rev-parse', '--path-format=absolute', '--git-common-dir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return path.join(path.dirname(path.dirname(common)), 'book-results.json');
  } catch {
    return undefined;
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\nusage: npm run book -- [--book PATH] [--json FILE] [--jobs N] [--only SUBSTR] [--compat all|none] [--verbose]\n`);
    return 2;
  }
  if (!args.book || !existsSync(args.book)) {
    process.stdout.write(`book: skipped: no rust-lang/book (pass --book PATH or set KPORT_BOOK to a checkout or git folder of it)\n`);
    return 0;
  }
  const rustc = findRustc();
  if (!rustc) {
    process.stdout.write('book: skipped: no rustc on PATH (set KPORT_RUSTC)\n');
    return 0;
  }
  const book = openBook(args.book);
  try {
    const t0 = performance.now();
    const all = candidates(book.listings);
    const sel = (await select(all, rustc, args.jobs)).filter((s) => s.ok);
    const chosen = sel.filter((s) => !args.only || path.relative(book.listings, s.dir).includes(args.only));
    process.stderr.write(`book: ${all.length} crate folders, ${sel.length} selected (${((performance.now() - t0) / 1000).toFixed(0)} s); porting and verifying ${chosen.length}\n`);
    const results: ListingResult[] = [];
    for (const s of chosen) {
      const r = measure(s.dir, path.relative(book.listings, s.dir).split(path.sep).join('/'), args.compat);
      results.push(r);
      if (args.verbose || r.refused || !r.compiles) process.stdout.write(line(r) + '\n');
      if (args.verbose) for (const e of r.errors) process.stdout.write(`    ${e.file}:${e.portedLine} (input ${e.anchor}) ${e.message.split('\n')[0]}${e.silent ? '  [silent]' : ''}${e.kind !== 'other' ? `  [${e.why ?? e.kind}]` : ''}\n`);
    }
    const s = summarize(results);
    process.stdout.write(`\n${summaryText(s, all.length, sel.length)}\nbook commit ${book.commit.slice(0, 12)}, ${new Date().toISOString().slice(0, 10)}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    const causes = groupCauses(results, (_, e) => e.silent);
    if (causes.length) {
      process.stdout.write('\nsilent errors by cause:\n');
      for (const c of causes.slice(0, 15)) process.stdout.write(`  ${String(c.count).padStart(3)}  ${c.key}  (${c.listings.slice(0, 2).join(', ')})\n`);
    }
    const claimed = results.filter((r) => r.claimedCleanButFails);
    if (claimed.length) {
      process.stdout.write('\nclaimed clean but fails:\n');
      for (const r of claimed) process.stdout.write(`  ${r.listing}: ${r.errors.map((e) => `${e.anchor} ${e.message.split('\n')[0]}`).join('; ')}\n`);
    }
    const kportCommit = (() => {
      try {
        return execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      } catch {
        return 'unknown';
      }
    })();
    const report = JSON.stringify({ date: new Date().toISOString(), bookCommit: book.commit, kportCommit, profile: 'mainline', compat: args.compat ?? 'all', only: args.only ?? null, summary: s, listings: results }, null, 2) + '\n';
    if (args.json) writeFileSync(args.json, report);
    const latest = process.env.KPORT_BOOK_RESULTS ?? sharedResultsPath();
    if (!args.only && latest) {
      try {
        if (statSync(path.dirname(latest)).isDirectory()) writeFileSync(latest, report);
      } catch {
        // no place for the shared copy
      }
    }
    return 0;
  } finally {
    book.cleanup();
  }
}

if (process.argv[1]?.endsWith('book.ts')) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`book: ${e instanceof UsageError ? e.message : (e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
