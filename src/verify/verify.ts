// `kport verify`: type-check a ported module against the bundled kernel API
// stub (stub/kernel/lib.rs) with the rustc on PATH, and report rustc's errors
// as kport diagnostics at the user's own files. `--kdir` runs the real kernel
// build instead. Nothing here edits the user's files.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cachedBuild, cacheRoot } from './cache.ts';
import { assetPath } from '../engine/assets.ts';
import { discover, type Unit } from '../crate/discover.ts';
import { UsageError } from '../engine/errors.ts';
import { PROFILE_IDS, type ProfileId } from '../kernel-api/profiles.ts';
import { STUB_FEATURES_OF } from '../kernel-api/stub-features.ts';
import { kernelLintFlag, kernelLintFlags } from '../kernel-api/lints.ts';
import type { RewriteResult } from '../cli/run.ts';
import { encodeSource } from '../engine/source.ts';
import type { Diagnostic } from '../engine/types.ts';

/** Profiles the stub models faithfully (see stub/kernel/lib.rs for why the others are refused). */
export const STUB_PROFILES: readonly ProfileId[] = (Object.keys(STUB_FEATURES_OF) as ProfileId[]).sort((a, b) => PROFILE_IDS.indexOf(a) - PROFILE_IDS.indexOf(b));

export const STUB_SOURCE = assetPath('stub', 'kernel', 'lib.rs');
/** The stub of the kernel's `macros` proc-macro crate (mainline `fmt!`). */
export const STUB_MACROS = assetPath('stub', 'macros', 'lib.rs');

export interface VerifyOptions {
  profile: ProfileId;
  /** rustc to use; default `$KPORT_RUSTC` or `rustc` on PATH. */
  rustc?: string;
  /** The cache folder (compiled stubs go to its `stub/`); default `cacheRoot()` (src/verify/cache.ts). */
  cacheDir?: string;
}

export interface VerifyResult {
  /** Errors (K0801) mapped to files relative to the base folder. */
  diagnostics: Diagnostic[];
  /** Number of rustc warnings at the user's files. */
  warnings: number;
  /**
   * rustc's warnings (severity warning), mapped like the errors; `kport verify
   * --warnings` prints them: K0804 for a lint the kernel's Makefile turns on
   * (src/kernel-api/lints.ts), K0803 for rustc's own default warnings.
   */
  warningDiagnostics: Diagnostic[];
  /** Display path → text, for code frames. */
  sources: Map<string, string>;
  /** The crate roots that were checked, relative to the base. */
  roots: string[];
  /** Per diagnostic (same index): rustc's primary span label and its notes, for scripts that classify errors (scripts/book.ts). */
  details: string[];
}

/** The rustc command to run, or undefined when there is none. */
export function findRustc(explicit?: string): { path: string; version: string } | undefined {
  const cmd = explicit ?? process.env.KPORT_RUSTC ?? 'rustc';
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', env: rustcEnv() });
  if (r.status !== 0 || !r.stdout) return undefined;
  return { path: cmd, version: r.stdout.trim() };
}

/**
 * The environment rustc runs in: only what finding and running the toolchain
 * needs (rustup's proxy reads RUSTUP_HOME, RUSTUP_TOOLCHAIN, CARGO_HOME, else
 * HOME) and RUSTC_BOOTSTRAP=1 (as the kernel's Makefile exports it). The input
 * is compiled, so `env!`/`option_env!` in it must not see the caller's
 * variables (tokens, paths) and print them in a diagnostic.
 */
export const RUSTC_ENV_KEPT = ['PATH', 'HOME', 'TMPDIR', 'RUSTUP_HOME', 'RUSTUP_TOOLCHAIN', 'CARGO_HOME'] as const;

export function rustcEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const k of RUSTC_ENV_KEPT) if (env[k] !== undefined) out[k] = env[k];
  return { ...out, RUSTC_BOOTSTRAP: '1' };
}

export function noRustcMessage(): string {
  return 'rustc not found on PATH (set KPORT_RUSTC to use another one): `kport verify` needs a Rust compiler to type-check the port';
}

/**
 * Build (once, cached by stub text, profile and rustc version) the stub rlib
 * for a profile. The stub is a plain no_std library, built as the kernel crate
 * is: with RUSTC_BOOTSTRAP=1 (the kernel's top Makefile exports it), so the
 * unstable features rust/kernel/lib.rs enables (KBox's `CoerceUnsized`) exist.
 */
export function buildStub(profile: ProfileId, rustc: { path: string; version: string }, cacheDir?: string): string {
  if (!STUB_PROFILES.includes(profile)) {
    throw new UsageError(`profile \`${profile}\` is not covered by kport's kernel stub (covered: ${STUB_PROFILES.join(', ')}); use --kdir with a kernel tree of that version`);
  }
  const hash = createHash('sha256').update(readFileSync(STUB_SOURCE)).update(readFileSync(STUB_MACROS)).update(profile).update(JSON.stringify(STUB_FEATURES_OF[profile] ?? [])).update(rustc.version).digest('hex').slice(0, 16);
  const base = path.join(cacheDir ?? cacheRoot(), 'stub');
  return cachedBuild(base, hash, 'libkernel.rlib', (work) => {
    const build = (args: string[]) => {
      const r = spawnSync(rustc.path, ['--edition', '2021', '--cap-lints', 'allow', ...args], { encoding: 'utf8', env: rustcEnv() });
      if (r.status !== 0) throw new UsageError(`could not build kport's kernel stub with ${rustc.version}: ${(r.stderr || r.error?.message || '').split('\n')[0]}`);
    };
    const macros = path.join(work, 'libmacros.so');
    build(['--crate-type', 'proc-macro', '--crate-name', 'macros', '--extern', 'proc_macro', '-o', macros, STUB_MACROS]);
    // The stub's profile-dependent items are behind `kport_has` features (src/kernel-api/stub-features.ts).
    const features = (STUB_FEATURES_OF[profile] ?? []).flatMap((f) => ['--cfg', `kport_has="${f}"`]);
    build(['--crate-type', 'rlib', '--crate-name', 'kernel', '--cfg', `kport_profile="${profile}"`, ...features, '--extern', `macros=${macros}`, '-o', path.join(work, 'libkernel.rlib'), STUB_SOURCE]);
  });
}

interface RustcSpan {
  file_name: string;
  line_start: number;
  line_end: number;
  column_start: number;
  column_end: number;
  is_primary: boolean;
  label: string | null;
  expansion: { span: RustcSpan; macro_decl_name: string } | null;
}

interface RustcMessage {
  $message_type?: string;
  message: string;
  code: { code: string } | null;
  level: string;
  spans: RustcSpan[];
  children: { message: string; level: string; spans: RustcSpan[] }[];
  rendered: string | null;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** Type-check every crate root under the given paths (crate folders, folders of .rs files, or files). */
export function verifyPaths(paths: string[], opts: VerifyOptions): VerifyResult {
  const rustc = findRustc(opts.rustc);
  if (!rustc) throw new NoRustcError();
  const units = discover(paths);
  const roots = units.map((u) => u.crate.root);
  let base = roots[0];
  for (const r of roots.slice(1)) while (base !== path.dirname(base) && r !== base && !r.startsWith(base + path.sep)) base = path.dirname(base);
  const stub = buildStub(opts.profile, rustc, opts.cacheDir);
  const result: VerifyResult = { diagnostics: [], warnings: 0, warningDiagnostics: [], sources: new Map(), roots: [], details: [] };
  for (const unit of units) {
    const prefix = posix(path.relative(base, unit.crate.root));
    const shown = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
    for (const f of unit.files) result.sources.set(shown(f.rel), f.text);
    for (const rootFile of crateRoots(unit)) {
      result.roots.push(shown(rootFile));
      const msgs = runRustc(rustc.path, unit.crate.root, rootFile, stub, unit.crate.moduleName, opts.profile);
      for (const m of msgs) {
        if (m.level === 'warning') {
          // rustc's own tally ("2 warnings emitted") is not a warning about the code.
          if (/^\d+ warnings? emitted/.test(m.message)) continue;
          const w = toDiagnostic(m, unit.crate.root, shown, 'warning', opts.profile);
          if (!result.warningDiagnostics.some((x) => sameDiagnostic(x, w))) result.warningDiagnostics.push(w);
          continue;
        }
        if (m.level !== 'error' && m.level !== 'error: internal compiler error') continue;
        if (/^aborting due to/.test(m.message)) continue;
        const d = toDiagnostic(m, unit.crate.root, shown);
        if (d && !result.diagnostics.some((x) => sameDiagnostic(x, d))) {
          result.diagnostics.push(d);
          result.details.push(detailOf(m));
        }
      }
    }
  }
  result.warnings = result.warningDiagnostics.length;
  return result;
}

/**
 * The files to compile as crate roots: discover's (lib/main, or the file a
 * Kbuild names); in a plain folder of .rs files, those no other file declares
 * with `mod name;`, so a module file is never checked as a crate of its own.
 */
export function crateRoots(unit: Unit): string[] {
  const roots = unit.crate.rootFiles;
  if (roots.length <= 1) return roots;
  const declared = new Set<string>();
  for (const f of unit.files) {
    const dir = path.posix.dirname(f.rel) === '.' ? '' : path.posix.dirname(f.rel);
    for (const m of f.text.matchAll(/^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)\s*;/gm)) {
      declared.add(path.posix.join(dir, `${m[1]}.rs`));
      declared.add(path.posix.join(dir, m[1], 'mod.rs'));
    }
  }
  const top = roots.filter((r) => !declared.has(r));
  return top.length ? top : roots;
}

export class NoRustcError extends UsageError {
  constructor() {
    super(noRustcMessage());
    this.name = 'UsageError';
  }
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.file === b.file && a.start.line === b.start.line && a.start.column === b.start.column && a.message === b.message;
}

/**
 * rustc as the kernel build runs it for a module (scripts/Makefile.build):
 * `--edition=2021`, `-Zcrate-attr=no_std` (accepted by a stable rustc under
 * RUSTC_BOOTSTRAP=1, which the kernel's top Makefile exports too), the
 * kernel crate as `--extern kernel`, the rustc lints of the top Makefile's
 * `rust_common_flags` for the profile (src/kernel-api/lints.ts: `-D` ones are
 * errors, `-W` ones the warnings `--warnings`/`--werror` show), and no prelude
 * injected. `--emit=metadata` type-checks (including the borrow checker)
 * without generating code.
 */
function runRustc(rustc: string, crateRoot: string, rootFile: string, stub: string, crateName: string, profile: ProfileId): RustcMessage[] {
  const out = mkdtempSync(path.join(tmpdir(), 'kport-verify-'));
  try {
    const args = [
      '--edition', '2021',
      '-Zcrate-attr=no_std',
      ...kernelLintFlags(profile),
      '--crate-type', 'lib',
      '--crate-name', crateName.replace(/[^A-Za-z0-9_]/g, '_') || 'module',
      '--emit', 'metadata',
      '--error-format', 'json',
      '--cfg', 'MODULE',
      '--extern', `kernel=${stub}`,
      '-L', `dependency=${path.dirname(stub)}`,
      '-o', path.join(out, 'out.rmeta'),
      rootFile,
    ];
    const r = spawnSync(rustc, args, { cwd: crateRoot, encoding: 'utf8', env: rustcEnv(), maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new UsageError(`could not run ${rustc}: ${r.error.message}`);
    const msgs: RustcMessage[] = [];
    for (const line of (r.stderr ?? '').split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const m = JSON.parse(line) as RustcMessage;
        if (m.$message_type === undefined || m.$message_type === 'diagnostic') msgs.push(m);
      } catch {
        // not a JSON line
      }
    }
    return msgs;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The span in the user's crate: the primary span, or the macro call that led to it. */
function userSpan(spans: RustcSpan[], crateRoot: string): RustcSpan | undefined {
  const inCrate = (s: RustcSpan) => {
    if (s.file_name.startsWith('<')) return false;
    const abs = path.resolve(crateRoot, s.file_name);
    return abs.startsWith(crateRoot + path.sep) && existsSync(abs);
  };
  const primary = spans.find((s) => s.is_primary) ?? spans[0];
  for (let s: RustcSpan | undefined = primary; s; s = s.expansion?.span) if (inCrate(s)) return s;
  return spans.find(inCrate);
}

/** rustc's primary span label and every note and help, one per line (what `expected X, found Y` lives in). */
function detailOf(m: RustcMessage): string {
  const label = (m.spans.find((s) => s.is_primary) ?? m.spans[0])?.label;
  return [label, ...m.children.map((c) => c.message)].filter((s): s is string => !!s).join('\n');
}

/** A rustc message as a kport diagnostic: an error (K0801), a warning (K0803), or a warning from a lint the kernel turns on (K0804). */
function toDiagnostic(m: RustcMessage, crateRoot: string, shown: (rel: string) => string, level: 'error' | 'warning' = 'error', profile?: ProfileId): Diagnostic {
  const span = userSpan(m.spans, crateRoot);
  const code = m.code?.code;
  const message = code ? `${code}: ${m.message}` : m.message;
  const kernelFlag = level === 'warning' && code && profile ? kernelLintFlag(profile, code) : undefined;
  const notes = m.children
    .filter((c) => c.level === 'help' || c.level === 'note')
    .map((c) => c.message)
    // rustc's "requested on the command line" names kport's command line; the kernel's flag is named instead.
    .filter((s) => s && !s.startsWith('for more information') && !(kernelFlag && /requested on the command line|implied by `-W/.test(s)));
  if (kernelFlag) notes.unshift(`the kernel builds every Rust file with \`${kernelFlag}\` (Makefile \`rust_common_flags\`): a kernel with CONFIG_WERROR=y fails on this`);
  const help = notes.slice(0, 2).join('; ');
  const rel = span ? posix(path.relative(crateRoot, path.resolve(crateRoot, span.file_name))) : undefined;
  return {
    code: level === 'error' ? 'K0801' : kernelFlag ? 'K0804' : 'K0803',
    severity: level,
    message,
    file: rel ? shown(rel) : shown('.'),
    start: { line: span?.line_start ?? 1, column: span?.column_start ?? 1 },
    end: { line: span?.line_end ?? 1, column: span?.column_end ?? 1 },
    ...(help ? { help } : {}),
    source: 'rustc',
  };
}

/**
 * Materialise a rewrite result (the ported crate, laid out as `--write` would
 * leave it) in a fresh private temporary folder. Only what the crates' builds
 * read is copied: each crate's module tree (ported), the files kport adds,
 * its Cargo.toml and the Kbuild files above the crate root; never the rest of
 * the folder (a single file's folder may be a home directory). Every file is
 * created new (`wx`) in folders kport made, so a link in the input can never
 * be written through. Returns the folder that corresponds to `result.base`.
 */
export function materialize(result: RewriteResult): string {
  const files = new Map<string, Buffer>();
  for (const r of result.units) {
    const prefix = posix(path.relative(result.base, r.unit.crate.root));
    const at = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
    for (const rel of buildDescriptions(r.unit)) files.set(at(rel), readFileSync(path.join(r.unit.crate.root, rel)));
    for (const f of r.files) files.set(at(f.src.rel), f.failure ? f.src.original : encodeSource(f.src, f.text));
    for (const nf of r.newFiles) files.set(at(nf.rel), Buffer.from(nf.contents, 'utf8'));
  }
  // The in-place layout: the root's new name, the Kbuild files and Makefile.
  for (const c of result.changes) {
    if (c.from) files.delete(c.from);
    if (c.new) files.set(c.path, c.new);
    else files.delete(c.path);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kport-verify-port-'));
  try {
    for (const [rel, data] of files) {
      const abs = path.join(dir, rel);
      if (!abs.startsWith(dir + path.sep)) throw new UsageError(`${rel}: outside the crate; not copied for verifying`);
      mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
      writeFileSync(abs, data, { flag: 'wx', mode: 0o600 });
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return dir;
}

/** Cargo.toml and the Kbuild files from the crate root down to its root files' folders: what discovery and kbuild read. */
function buildDescriptions(unit: Unit): string[] {
  const out: string[] = [];
  const regular = (rel: string) => {
    try {
      return lstatSync(path.join(unit.crate.root, rel)).isFile();
    } catch {
      return false;
    }
  };
  if (regular('Cargo.toml')) out.push('Cargo.toml');
  for (const root of unit.crate.rootFiles) {
    const parts = path.posix.dirname(root) === '.' ? [] : path.posix.dirname(root).split('/');
    for (let i = 0; i <= parts.length; i++) {
      const rel = [...parts.slice(0, i), 'Kbuild'].join('/');
      if (!out.includes(rel) && regular(rel)) out.push(rel);
    }
  }
  return out;
}

/** Paths inside the materialised folder that stand for the given input paths (a renamed crate root under its new name). */
export function materializedPaths(result: RewriteResult, dir: string, inputs: string[]): string[] {
  return inputs.map((p) => {
    const rel = posix(path.relative(result.base, path.resolve(p)));
    const renamed = result.changes.find((c) => c.from === rel);
    return path.join(dir, renamed ? renamed.path : rel);
  });
}

export interface KdirResult {
  code: number;
  diagnostics: Diagnostic[];
  log: string;
}

/**
 * The real kernel build of an out-of-tree module: `make -C KDIR M=DIR LLVM=1`.
 * rustc's human errors in the log (`error[E..]: msg` then `--> file:line:col`)
 * become K0802 diagnostics at the user's files.
 */
export function verifyKdir(dir: string, kdir: string): KdirResult {
  const kernel = path.resolve(kdir);
  if (!existsSync(path.join(kernel, 'Makefile'))) throw new UsageError(`--kdir ${kdir}: no kernel Makefile there`);
  const abs = path.resolve(dir);
  const top = statSync(abs).isDirectory() ? abs : path.dirname(abs);
  // An out-of-tree module folder (kport rewrite --out-dir) has its Kbuild at the
  // top; a crate ported in place keeps it in src/.
  const moduleDir = [top, path.join(top, 'src')].find((d) => existsSync(path.join(d, 'Kbuild')));
  if (!moduleDir) {
    throw new UsageError(`${dir}: no Kbuild (nor src/Kbuild); port with \`kport rewrite --out-dir\` to get an out-of-tree module folder`);
  }
  let log = '';
  let code = 0;
  try {
    log = execFileSync('make', ['-C', kernel, `M=${moduleDir}`, 'LLVM=1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string; message?: string };
    code = 1;
    log = `${err.stdout ?? ''}${err.stderr ?? ''}` || (err.message ?? '');
  }
  return { code, diagnostics: parseHumanRustc(log, top, kernel), log };
}

/**
 * rustc's human-readable errors in a build log, at files relative to `root`.
 * Relative paths in the log are relative to where make ran (`cwd`, the kernel tree).
 */
export function parseHumanRustc(log: string, root: string, cwd = root): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = log.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^error(?:\[(E\d+)\])?: (.*)$/.exec(lines[i]);
    if (!m) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const loc = /^\s*--> (.+):(\d+):(\d+)$/.exec(lines[j]);
      if (!loc) continue;
      const file = posix(path.relative(root, path.resolve(cwd, loc[1])));
      const line = Number(loc[2]);
      const column = Number(loc[3]);
      out.push({ code: 'K0802', severity: 'error', message: m[1] ? `${m[1]}: ${m[2]}` : m[2], file, start: { line, column }, end: { line, column: column + 1 }, source: 'kbuild' });
      break;
    }
  }
  return out;
}
