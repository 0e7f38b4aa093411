// The command line: parse arguments, call the job, print. Exit codes:
// 0 done; 1 error-level diagnostics, or pending changes with --check;
// 2 bad usage, unreadable input, I/O failure.
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { catalogue } from './codes.ts';
import { FORMATS, type Format } from '../outputs/diagnostics.ts';
import { formatDiagnostics } from '../outputs/formats/index.ts';
import { goldenExample } from './explain.ts';
import { UsageError } from '../engine/errors.ts';
import { kportVersion } from '../engine/assets.ts';
import { checkIoMode, IO_MODES } from '../crate/io-mode.ts';
import { checkCompatMode, COMPAT_MODES } from '../crate/compat-mode.ts';
import { DEFAULT_PROFILE, PROFILES, profileList, resolveProfile, type ProfileId } from '../kernel-api/profiles.ts';
import { PHASES, TRANSFORMS, findTransform } from './registry.ts';
import { profileDifferences } from '../kernel-api/profile-diff.ts';
import { rewrite, rewriteAsync, type Mode, type RewriteResult } from './run.ts';
import { Spool } from '../outputs/spool.ts';
import { Interrupted } from './pool.ts';
import { Progress } from './progress.ts';
import { writeSeries } from '../outputs/format-patch.ts';
import { docsAsText, transformDocs } from './transform-docs.ts';
import { atomicWrite } from '../outputs/patcher.ts';
import type { Diagnostic } from '../engine/types.ts';
import { runVerify, verifyBeforeWrite } from '../verify/verify-cli.ts';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** Whether stdout is a terminal (`kport check` prints there); defaults to `isTTY`. */
  stdoutTTY?: boolean;
  /** The width of the terminal stderr is, for the progress line. */
  columns?: () => number | undefined;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stderr.isTTY,
  stdoutTTY: !!process.stdout.isTTY,
  columns: () => process.stderr.columns,
};

/** The progress line, for a person at a terminal: stderr is one, the format is human, no --quiet. */
function progressFor(io: Io, a: { quiet?: unknown }, format: Format): Progress | undefined {
  return io.isTTY && !a.quiet && format === 'human' ? new Progress(io.stderr, { columns: io.columns }) : undefined;
}

/** `--file-timeout`'s default: far above what any ordinary file takes (kport ports megabytes a minute), low enough that a pathological file does not stall a run. */
const DEFAULT_FILE_TIMEOUT = 120;

function fileTimeoutOf(v: unknown): number {
  if (v === undefined) return DEFAULT_FILE_TIMEOUT;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError('--file-timeout takes a number of seconds, 0 or more (0: no limit)');
  return v;
}

function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  return arr.flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
}

/** kport's version, from its own package.json. */
export const version = kportVersion;

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * Machine formats name files the way review tools look them up: relative to
 * the working folder (or `--root`), always a file of the user's tree. A file
 * the port renames (main.rs → <name>.rs) is named by its original path, since
 * that is the file the reviewer has and the diagnostic's line is in it.
 */
function forMachines(r: RewriteResult, root: string): Pick<RewriteResult, 'diagnostics' | 'sources' | 'changes'> {
  const map = (p: string) => posix(path.relative(root, path.resolve(r.base, p))) || '.';
  return {
    diagnostics: r.diagnostics.map((d) => ({ ...d, file: map(d.file) })),
    sources: new Map([...r.sources].map(([k, v]) => [map(k), v])),
    changes: r.changes?.map((c) => ({ ...c, path: map(c.from ?? c.path) })),
  };
}

function printDiagnostics(io: Io, r: RewriteResult, format: Format, color: boolean, to: 'stdout' | 'stderr', root: string): void {
  const write = to === 'stdout' ? io.stdout : io.stderr;
  const view = format === 'human' ? r : forMachines(r, root);
  const text = formatDiagnostics(format, { diagnostics: view.diagnostics, sources: view.sources, changes: view.changes, color, alwaysSummary: to === 'stdout' });
  if (text) write(text);
}

/** `--html FILE`: the self-contained review page of a run. */
async function writeHtml(file: string, r: RewriteResult, title: string, paths: string[], profile: string): Promise<void> {
  if (file === '') throw new UsageError('--html needs a file');
  // Loaded on demand: diff2html is a large part of kport's code, and only this page uses it.
  const { renderHtmlReport } = await import('../outputs/html-report.ts');
  const page = renderHtmlReport({ title, inputs: paths, profile, version: version(), diagnostics: r.diagnostics, changes: r.changes ?? [], sources: r.sources });
  atomicWrite(path.resolve(file), page);
}

function rootOf(a: { root?: unknown }): string {
  return path.resolve(a.root === undefined ? '.' : String(a.root));
}

function checkFormat(a: { profile: unknown; format: unknown }): { profile: ProfileId; format: Format } {
  const profile = resolveProfile(String(a.profile));
  const format = String(a.format) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format \`${format}\`; choose one of ${FORMATS.join(', ')}`);
  return { profile, format };
}

function hasErrors(ds: Diagnostic[], denyWarnings: boolean): boolean {
  return ds.some((d) => d.severity === 'error' || (denyWarnings && d.severity === 'warning'));
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  // yargs reads a lone `-` as a positional, not as the value of the option before it.
  argv = argv.flatMap((x, i) => (x === '-' && argv[i - 1] === '--patch' ? [] : x === '--patch' && argv[i + 1] === '-' ? ['--patch=-'] : [x]));
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`kport ${version()}\n`);
    return 0;
  }
  const colorOf = (c: string | undefined) => (c === 'always' ? true : c === 'never' ? false : io.isTTY && !process.env.NO_COLOR);

  const parser = yargs(argv)
    .scriptName('kport')
    .usage('$0 <command> [options]\n\nPort userspace Rust programs to Linux-kernel Rust.')
    .strict()
    .exitProcess(false)
    .version(false)
    .help()
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .option('profile', { type: 'string', default: DEFAULT_PROFILE, describe: `kernel API profile: ${profileList()}; or a release number (6.16 picks v6.15)` })
    .option('format', { type: 'string', default: 'human', describe: `diagnostics format: ${FORMATS.join(', ')}` })
    .option('color', { type: 'string', default: 'auto', choices: ['auto', 'always', 'never'], describe: 'colour in human output' })
    .option('root', { type: 'string', describe: 'folder that paths in machine formats (json, sarif, github, rdjson) are relative to (default: the working folder)' })
    .option('version', { type: 'boolean', describe: 'print the version' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress line (shown on a terminal for runs longer than a second)' })
    .command(
      'rewrite [paths..]',
      'port crates or files; prints a diff with --dry-run',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'crate folders (with Cargo.toml), folders of .rs files, or .rs files' })
          .option('dry-run', { type: 'boolean', describe: 'print the unified diff, write nothing' })
          .option('write', { type: 'boolean', describe: 'rewrite the files in place (atomic)' })
          .option('out-dir', { type: 'string', describe: 'write the ported crate to this folder, input untouched' })
          .option('patch', { type: 'string', describe: 'write the unified diff to this file (- for stdout)' })
          .option('check', { type: 'boolean', describe: 'exit 1 when a rewrite is pending; write nothing' })
          .option('format-patch', { type: 'string', describe: 'write the port as a patch series for git am: a folder (one file per patch) or a file (mbox)' })
          .option('signoff', { type: 'boolean', describe: 'with --format-patch: add Signed-off-by from git config user.name/user.email' })
          .option('html', { type: 'string', describe: 'also write a self-contained HTML review page (diff, diagnostics at their lines, summary) to this file' })
          .option('allow-dirty', { type: 'boolean', describe: 'with --write: overwrite files git does not vouch for (uncommitted changes, no repository, git unable to answer)' })
          .option('keep-going', { type: 'boolean', describe: 'write the files that ported even when others failed' })
          .option('only', { type: 'string', describe: 'run only these transform ids (comma-separated)' })
          .option('skip', { type: 'string', describe: 'skip these transform ids (comma-separated)' })
          .option('module-name', { type: 'string', describe: 'kernel module name' })
          .option('author', { type: 'string', describe: 'module author (repeatable)' })
          .option('description', { type: 'string', describe: 'module description' })
          .option('license', { type: 'string', describe: 'module license (default GPL)' })
          .option('bin', { type: 'string', describe: 'the binary to port when the crate has several' })
          .option('package', { type: 'string', describe: 'at a Cargo workspace root: the member to port' })
          .option('workspace', { type: 'boolean', describe: 'at a Cargo workspace root: port each member that has a binary, each as its own module' })
          .option('module', { type: 'boolean', describe: 'make fn main the module entry and add build files; --no-module ports library-style code without them' })
          .option('io', { type: 'string', describe: `port stdin/stdout: ${IO_MODES.join(', ')} (main's input loop becomes a misc character device)` })
          .option('compat', { type: 'string', describe: `owned std types (String, format!): ${COMPAT_MODES.join(', ')} (none: report them, do not port them to the compat module's types)` })
          .option('in-tree', { type: 'string', describe: 'KERNEL_DIR/SUBDIR: a patch against a kernel tree that adds the module to SUBDIR (Kconfig, Makefile)' })
          .option('deny', { type: 'string', choices: ['warnings'], describe: 'treat warnings as errors for the exit code' })
          .option('jobs', { type: 'number', describe: 'worker threads, one crate at a time each (default: none for one crate or under 256 KB of Rust, else one per 128 KB, at most the number of cores)' })
          .option('file-timeout', { type: 'number', describe: `seconds of transform time one file may take; a file over it is left unchanged (K0007) and the rest ported without it (default ${DEFAULT_FILE_TIMEOUT}; 0: no limit)` })
          .option('verify', { type: 'boolean', describe: 'type-check the port against the kernel API (as `kport verify`) before writing anything; this compiles the input with rustc (its macros run, include_str! reads files)' })
          .option('kdir', { type: 'string', describe: "with --verify: build the port with this kernel tree (make -C KDIR M=.. LLVM=1) instead of the stub; runs the kernel's and the input's build files (Makefile, Kbuild)" })
          .check((a) => {
            const modes = ['dry-run', 'write', 'out-dir', 'patch', 'check', 'format-patch'].filter((m) => a[m] !== undefined && a[m] !== false);
            if (modes.length > 1) throw new UsageError(`choose one of --${modes.join(', --')}`);
            if (a.kdir !== undefined && !a.verify) throw new UsageError('--kdir goes with --verify');
            if (a.signoff && a.formatPatch === undefined) throw new UsageError('--signoff goes with --format-patch');
            if (a.formatPatch !== undefined && a.inTree !== undefined) throw new UsageError('--format-patch and --in-tree exclude each other');
            return true;
          }),
      async (a) => {
        const { profile, format } = checkFormat(a);
        const ioMode = checkIoMode(a.io, '--io');
        const compat = checkCompatMode(a.compat, '--compat');
        // `--patch -` is the patch on stdout: exactly what --dry-run prints.
        const patchToStdout = a.patch === '-';
        const mode: Mode = a.write ? 'write' : a.outDir !== undefined ? 'out-dir' : a.patch !== undefined && !patchToStdout ? 'patch' : a.check ? 'check' : 'dry-run';
        const paths = (a.paths as string[] | undefined) ?? [];
        if (paths.length === 0) throw new UsageError('no input: give a crate folder or .rs files');
        if (a.jobs !== undefined && !(Number.isInteger(a.jobs) && (a.jobs as number) >= 1)) throw new UsageError('--jobs takes a whole number, 1 or more');
        const fileTimeout = fileTimeoutOf(a['file-timeout']);
        const common = {
          paths,
          profile: profile as ProfileId,
          only: list(a.only),
          skip: list(a.skip),
          moduleName: a.moduleName as string | undefined,
          authors: list(a.author),
          description: a.description as string | undefined,
          license: a.license as string | undefined,
          package: a.package as string | undefined,
          workspace: !!a.workspace,
          options: { noModule: a.module === false, ...(ioMode ? { io: ioMode } : {}), ...(compat ? { compat } : {}) },
        };
        if (a.verify) {
          const v = verifyBeforeWrite(common, io, format, colorOf(a.color as string), a.kdir as string | undefined);
          if (v !== 0) {
            code = v;
            return;
          }
        }
        if (a.formatPatch !== undefined) {
          if (String(a.formatPatch) === '') throw new UsageError('--format-patch needs a folder or a file');
          const { written, result: r } = writeSeries({ ...common, bin: a.bin as string | undefined }, { target: String(a.formatPatch), signoff: !!a.signoff, version: version() });
          printDiagnostics(io, r, format, colorOf(a.color as string), 'stderr', rootOf(a));
          if (format === 'human') io.stderr(`kport: wrote ${written.length} patch(es): ${written.map((w) => path.relative(process.cwd(), w) || w).join(', ')}\n`);
          if (hasErrors(r.diagnostics, !!list(a.deny)?.includes('warnings'))) code = 1;
          return;
        }
        const spool = mode === 'dry-run' ? new Spool() : undefined;
        const progress = progressFor(io, a, format);
        const r = await rewriteAsync({
          jobs: a.jobs as number | undefined,
          fileTimeout,
          progress,
          onDiff: spool?.add,
          keepChanges: format === 'rdjson' || a.html !== undefined,
          paths,
          profile: profile as ProfileId,
          mode,
          only: list(a.only),
          skip: list(a.skip),
          outDir: a.outDir as string | undefined,
          patchFile: a.patch as string | undefined,
          allowDirty: !!a.allowDirty,
          keepGoing: !!a.keepGoing,
          moduleName: a.moduleName as string | undefined,
          authors: list(a.author),
          description: a.description as string | undefined,
          license: a.license as string | undefined,
          bin: a.bin as string | undefined,
          package: a.package as string | undefined,
          workspace: !!a.workspace,
          inTree: a.inTree as string | undefined,
          options: { noModule: a.module === false, ...(ioMode ? { io: ioMode } : {}), ...(compat ? { compat } : {}) },
        })
          .catch((e) => {
            spool?.discard();
            throw e;
          })
          .finally(() => progress?.stop());
        spool?.drain(io.stdout);
        if (a.html !== undefined) await writeHtml(String(a.html), r, 'kport review: rewrite', paths, profile);
        printDiagnostics(io, r, format, colorOf(a.color as string), 'stderr', rootOf(a));
        // Status lines are for people: a machine format on stderr stays one valid document.
        const human = format === 'human';
        if (mode === 'check' && r.pending.length) {
          if (human) io.stderr(`kport: ${r.pending.length} file(s) would change: ${r.pending.join(', ')}\n`);
          code = 1;
        }
        if (human && r.recovered) io.stderr(`kport: ${r.recovered}\n`);
        if (human && (mode === 'write' || mode === 'out-dir')) io.stderr(`kport: wrote ${r.written.length} file(s)\n`);
        if (hasErrors(r.diagnostics, !!list(a.deny)?.includes('warnings'))) code = 1;
      },
    )
    .command(
      'verify [paths..]',
      'type-check a ported module against the kernel API (bundled stub, or --kdir); compiles the input with rustc',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'a ported crate folder, a folder of .rs files, or a crate root .rs file (default: .)' })
          .option('kdir', { type: 'string', describe: "run the real kernel build, make -C KDIR M=<folder> LLVM=1: runs the kernel's and the input's build files (Makefile, Kbuild) with your environment" })
          .option('warnings', { type: 'boolean', describe: "print rustc's warnings too (K0803), in the diagnostics format" })
          .option('werror', { type: 'boolean', describe: "treat rustc's warnings as errors, as CONFIG_WERROR=y does" }),
      (a) => {
        const profile = resolveProfile(String(a.profile));
        const format = String(a.format) as Format;
        if (!FORMATS.includes(format)) throw new UsageError(`unknown format \`${format}\`; choose one of ${FORMATS.join(', ')}`);
        const paths = (a.paths as string[] | undefined)?.length ? (a.paths as string[]) : ['.'];
        if (a.kdir !== undefined && (a.warnings || a.werror)) throw new UsageError('--warnings and --werror go with the stub; with --kdir the kernel build decides (CONFIG_WERROR)');
        code = runVerify({ paths, profile: profile as ProfileId, kdir: a.kdir as string | undefined, warnings: !!a.warnings, werror: !!a.werror }, io, format, colorOf(a.color as string));
      },
    )
    .command(
      'check [paths..]',
      'report what needs a person for the port, without rewriting; diagnostics on stdout',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'crate folders (with Cargo.toml), folders of .rs files, or .rs files' })
          .option('only', { type: 'string', describe: 'run only these transform ids (comma-separated)' })
          .option('skip', { type: 'string', describe: 'skip these transform ids (comma-separated)' })
          .option('io', { type: 'string', describe: `port stdin/stdout: ${IO_MODES.join(', ')}` })
          .option('compat', { type: 'string', describe: `owned std types (String, format!): ${COMPAT_MODES.join(', ')}` })
          .option('package', { type: 'string', describe: 'at a Cargo workspace root: the member to check' })
          .option('html', { type: 'string', describe: 'also write a self-contained HTML review page to this file' })
          .option('workspace', { type: 'boolean', describe: 'at a Cargo workspace root: check each member that has a binary' })
          .option('deny', { type: 'string', choices: ['warnings'], describe: 'treat warnings as errors for the exit code' })
          .option('jobs', { type: 'number', describe: 'worker threads, one crate at a time each (default: none for one crate or under 256 KB of Rust, else one per 128 KB, at most the number of cores)' })
          .option('file-timeout', { type: 'number', describe: `seconds of transform time one file may take; a file over it is left unchanged (K0007) and the rest ported without it (default ${DEFAULT_FILE_TIMEOUT}; 0: no limit)` }),
      async (a) => {
        const { profile, format } = checkFormat(a);
        const ioMode = checkIoMode(a.io, '--io');
        const compat = checkCompatMode(a.compat, '--compat');
        const paths = (a.paths as string[] | undefined) ?? [];
        if (paths.length === 0) throw new UsageError('no input: give a crate folder or .rs files');
        if (a.jobs !== undefined && !(Number.isInteger(a.jobs) && (a.jobs as number) >= 1)) throw new UsageError('--jobs takes a whole number, 1 or more');
        const fileTimeout = fileTimeoutOf(a['file-timeout']);
        const options = { ...(ioMode ? { io: ioMode } : {}), ...(compat ? { compat } : {}) };
        // The whole pipeline runs (rewrites report too, e.g. K0101), but nothing is written.
        const progress = progressFor(io, a, format);
        const r = await rewriteAsync({ paths, profile, mode: 'report', jobs: a.jobs as number | undefined, fileTimeout, progress, keepChanges: a.html !== undefined, only: list(a.only), skip: list(a.skip), package: a.package as string | undefined, workspace: !!a.workspace, ...(Object.keys(options).length ? { options } : {}) }).finally(() => progress?.stop());
        if (a.html !== undefined) await writeHtml(String(a.html), r, 'kport review: check', paths, profile);
        const c = String(a.color);
        printDiagnostics(io, r, format, c === 'auto' ? (io.stdoutTTY ?? io.isTTY) && !process.env.NO_COLOR : colorOf(c), 'stdout', rootOf(a));
        if (hasErrors(r.diagnostics, !!list(a.deny)?.includes('warnings'))) code = 1;
      },
    )
    .command(
      'transforms',
      'list the transforms in the order they run',
      (y) => y,
      (a) => {
        const profile = resolveProfile(String(a.profile));
        const width = Math.max(...TRANSFORMS.map((t) => t.id.length));
        io.stdout(`profile ${profile}: ${PROFILES[profile].kernels}\n`);
        const diff = profileDifferences(profile);
        if (diff.length) io.stdout(`differs from ${DEFAULT_PROFILE} (docs/profiles.md):\n${diff.join('\n')}\n`);
        // Numbered in order, under the phase each runs in (a phase's transforms see one text; src/cli/registry.ts).
        let i = 0;
        for (const [k, p] of PHASES.entries()) {
          io.stdout(`phase ${k + 1}, ${p.name}: ${p.summary}\n`);
          for (const t of p.transforms) {
            const on = t.profiles.includes(profile) ? '' : ' (not on this profile)';
            io.stdout(`${String(++i).padStart(2)}. ${t.id.padEnd(width)}  ${t.summary}${on}\n`);
          }
        }
      },
    )
    .command(
      'explain [id]',
      'print the documentation of a transform or a diagnostic code',
      (y) =>
        y
          .positional('id', { type: 'string' })
          .option('list', { type: 'boolean', describe: 'list every diagnostic code with its one-line summary' }),
      (a) => {
        if (a.list) {
          const codes = [...catalogue().values()].sort((x, y) => x.code.localeCompare(y.code));
          for (const c of codes) io.stdout(`${c.code}  ${c.severity.padEnd(7)}  ${c.title}\n`);
          return;
        }
        if (a.id === undefined) throw new UsageError('explain: give a transform id or a diagnostic code, or --list');
        const id = String(a.id);
        const t = findTransform(id);
        if (t) {
          const md = transformDocs(t.id);
          const docs = md !== undefined ? docsAsText(md) : `(docs/transforms/${t.id}.md is not installed)`;
          io.stdout(`${t.id}: ${t.summary}\n\n${docs}\n\nprofiles: ${t.profiles.join(', ')}; ${t.safety}\n`);
          return;
        }
        const c = catalogue().get(id.toUpperCase());
        if (c) {
          io.stdout(`${c.code} (${c.severity}): ${c.title}\n\n${c.explanation}\n`);
          const example = goldenExample(c.code);
          if (example) io.stdout(`\n${example}`);
          return;
        }
        throw new UsageError(`no transform or diagnostic code named \`${id}\``);
      },
    )
    .demandCommand(1, 'give a command: rewrite, check, verify, transforms or explain');

  try {
    await parser.parseAsync(hideBin(['node', 'kport', ...argv]));
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kport: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Interrupted) {
      io.stderr(`kport: ${e.message}\n`);
      return 130;
    }
    if (e instanceof Error && e.name === 'YError') {
      io.stderr(`kport: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}
