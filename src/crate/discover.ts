// Discovery: turn command-line paths into crates (units of work): a Cargo
// crate with its module tree, a folder of loose .rs files, or single files.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { globSync } from 'tinyglobby';
import { UsageError } from '../engine/errors.ts';
import { freezeTree, parse } from '../engine/parse.ts';
import { readSource, ioMessage, type SourceFile } from '../engine/source.ts';
import type { CrateInfo, Tree } from '../engine/types.ts';
import { kernelLicenseOf } from './modinfo.ts';
import { checkCompatMode } from './compat-mode.ts';
import { checkIoMode } from './io-mode.ts';
import { modDeclarations } from './mod-tree.ts';

export interface Unit {
  crate: CrateInfo;
  files: SourceFile[];
  /** Files declared with `mod x;` whose file could not be found: [declaring file, message]. */
  warnings: { file: string; message: string }[];
  /** Trees discovery parsed while following `mod` declarations, by the very file object they were parsed from (a unit rebuilt with new files cannot pick up a stale tree); the pipeline reuses them. */
  trees?: Map<SourceFile, Tree>;
}

export interface CargoManifest {
  name?: string;
  authors: string[];
  description?: string;
  license?: string;
  dependencies: string[];
  metadata: Record<string, unknown>;
  libPath?: string;
  bins: { name?: string; path?: string }[];
}

const SKIP_DIRS = new Set(['target', 'node_modules', '.git', '.hg', '.svn']);

/** A Cargo.toml as data; an unreadable or malformed one is one line (exit 2). */
function readToml(file: string): Record<string, any> {
  try {
    return parseToml(readFileSync(file, 'utf8')) as Record<string, any>;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new UsageError(`${file}: cannot read Cargo.toml: ${msg}`);
  }
}

export function readManifest(file: string): CargoManifest {
  const data = readToml(file);
  const pkg = (data.package ?? {}) as Record<string, any>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const deps = new Set<string>();
  for (const key of ['dependencies', 'build-dependencies']) {
    const t = data[key];
    if (t && typeof t === 'object') for (const k of Object.keys(t)) deps.add(k);
  }
  const meta = pkg.metadata?.kport;
  return {
    name: str(pkg.name),
    authors: Array.isArray(pkg.authors) ? pkg.authors.filter((a: unknown) => typeof a === 'string') : [],
    description: str(pkg.description),
    license: str(pkg.license),
    dependencies: [...deps],
    metadata: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {},
    libPath: str(data.lib?.path),
    bins: Array.isArray(data.bin) ? data.bin.map((b: any) => ({ name: str(b?.name), path: str(b?.path) })) : [],
  };
}

/** A valid kernel module name: snake_case, [a-z0-9_], not starting with a digit. */
export function sanitizeModuleName(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s;
}

export interface DiscoverOptions {
  moduleName?: string;
  authors?: string[];
  description?: string;
  license?: string;
  /** The binary to port when a crate has several (`--bin NAME`). */
  bin?: string;
  options?: Record<string, unknown>;
}

/** At a Cargo workspace root: port one member (`--package NAME`) or each member with a binary (`--workspace`). */
export interface WorkspaceChoice {
  package?: string;
  workspace?: boolean;
}

interface WorkspaceMember {
  name: string;
  /** Absolute folder. */
  abs: string;
  /** Path relative to the workspace root, for messages. */
  rel: string;
  hasBin: boolean;
}

/** A Cargo.toml's `[workspace]`: its members (globs expanded, `exclude` honoured), or undefined when it has none. */
export function workspaceOf(root: string): { members: WorkspaceMember[]; hasPackage: boolean } | undefined {
  const data = readToml(path.join(root, 'Cargo.toml'));
  const ws = data.workspace;
  if (!ws || typeof ws !== 'object') return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const found = globSync(strings(ws.members).map((m) => `${m.replace(/\/+$/, '')}/Cargo.toml`), {
    cwd: root,
    ignore: [...strings(ws.exclude).map((x) => `${x.replace(/\/+$/, '')}/**`), '**/target/**', '**/node_modules/**'],
    followSymbolicLinks: false,
  });
  const members: WorkspaceMember[] = [];
  for (const f of found.sort()) {
    const abs = path.join(root, path.dirname(f));
    const m = readManifest(path.join(abs, 'Cargo.toml'));
    const hasBin = m.bins.length > 0 || existsSync(path.join(abs, 'src', 'main.rs')) || existsSync(path.join(abs, 'src', 'bin'));
    members.push({ name: m.name ?? path.basename(abs), abs, rel: path.dirname(f).split(path.sep).join('/'), hasBin });
  }
  return { members, hasPackage: !!data.package };
}

function describeMembers(members: WorkspaceMember[]): string {
  return members.map((m) => `${m.name} (${m.rel}${m.hasBin ? ', binary' : ', library'})`).join(', ') || '(none)';
}

/** The crate folders a workspace root stands for under `choice`; undefined when the folder is an ordinary crate. */
function workspacePlans(abs: string, shown: string, choice: WorkspaceChoice): UnitPlan[] | undefined {
  const ws = workspaceOf(abs);
  if (!ws) {
    if (choice.workspace) throw new UsageError(`${shown}: --workspace: not a Cargo workspace root (its Cargo.toml has no [workspace])`);
    if (choice.package !== undefined) {
      const name = readManifest(path.join(abs, 'Cargo.toml')).name;
      if (name !== choice.package) throw new UsageError(`${shown}: --package ${choice.package}: this crate is \`${name ?? path.basename(abs)}\`, not a workspace`);
    }
    return undefined;
  }
  const plan = (m: WorkspaceMember): UnitPlan => ({ kind: 'crate', abs: m.abs, shown: path.join(shown, m.rel), anchor: abs });
  if (choice.package !== undefined) {
    const m = ws.members.find((x) => x.name === choice.package);
    if (m) return [plan(m)];
    if (ws.hasPackage && readManifest(path.join(abs, 'Cargo.toml')).name === choice.package) return undefined;
    throw new UsageError(`${shown}: no workspace member named \`${choice.package}\`; the members are ${describeMembers(ws.members)}`);
  }
  if (choice.workspace) {
    const bins = ws.members.filter((m) => m.hasBin);
    if (bins.length === 0) throw new UsageError(`${shown}: --workspace: no member has a binary to port; the members are ${describeMembers(ws.members)}`);
    return bins.map(plan);
  }
  // A root that is also a package ports as that package, as before.
  if (ws.hasPackage) return undefined;
  throw new UsageError(`${shown}: is a Cargo workspace; its members are ${describeMembers(ws.members)}: port one with --package NAME, each member with a binary with --workspace, or give a member's folder`);
}

/** One unit of work as named on the command line, checked but not yet read. */
export interface UnitPlan {
  kind: 'crate' | 'folder' | 'file';
  /** Absolute path of the crate folder, folder, or file. */
  abs: string;
  /** The path as given, for messages. */
  shown: string;
  /** A workspace member: the workspace root, which the run's paths are relative to. */
  anchor?: string;
}

/**
 * Check the command-line paths and order them into units (folders first, then
 * loose files) without reading any source: cheap, so work can be spread out.
 */
export function planUnits(paths: string[], choice: WorkspaceChoice = {}): UnitPlan[] {
  if (paths.length === 0) throw new UsageError('no input: give a crate folder or .rs files');
  const plans: UnitPlan[] = [];
  const loose: UnitPlan[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      throw new UsageError(`${p}: ${ioMessage(e)}`);
    }
    if (st.isDirectory()) {
      const isCrate = existsSync(path.join(abs, 'Cargo.toml'));
      const members = isCrate ? workspacePlans(abs, p, choice) : undefined;
      if (members) plans.push(...members);
      else plans.push({ kind: isCrate ? 'crate' : 'folder', abs, shown: p });
    } else if (st.isFile()) {
      if (!abs.endsWith('.rs')) throw new UsageError(`${p}: not a .rs file or crate folder`);
      loose.push({ kind: 'file', abs, shown: p });
    } else {
      throw new UsageError(`${p}: not a regular file or folder`);
    }
  }
  return [...plans, ...asCrate(loose)];
}

/** The nearest folder above `file` with a Cargo.toml, if any. */
function enclosingCrate(file: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'Cargo.toml'))) return dir;
  }
  return undefined;
}

/**
 * Files given one by one (`$(git ls-files '*.rs')`) that are exactly the
 * module tree of one crate are that crate: ported together, with one compat
 * module and the crate's own roots, instead of as unrelated loose programs.
 */
function asCrate(loose: UnitPlan[]): UnitPlan[] {
  if (loose.length < 2) return loose;
  const groups = new Map<string, UnitPlan[]>();
  for (const p of loose) {
    const root = enclosingCrate(p.abs);
    if (root) groups.set(root, [...(groups.get(root) ?? []), p]);
  }
  const crates = new Map<string, UnitPlan>();
  for (const [root, plans] of groups) {
    let tree: Set<string>;
    try {
      tree = new Set(discoverCrate(root, {}).files.map((f) => path.resolve(f.abs)));
    } catch {
      continue;
    }
    const given = new Set(plans.map((p) => p.abs));
    if (given.size === tree.size && [...tree].every((f) => given.has(f))) crates.set(root, { kind: 'crate', abs: root, shown: path.relative(process.cwd(), root) || '.' });
  }
  if (crates.size === 0) return loose;
  // Each whole crate once, where its first file was; the other files stay loose.
  const out: UnitPlan[] = [];
  for (const p of loose) {
    const root = enclosingCrate(p.abs);
    const c = root ? crates.get(root) : undefined;
    if (!c) out.push(p);
    else if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The folder a planned unit's crate lives in (its `crate.root`). */
export function planRoot(plan: UnitPlan): string {
  return plan.kind === 'file' ? path.dirname(plan.abs) : plan.abs;
}

/** Read one planned unit: its files, module tree and crate facts. Throws UsageError on bad input. */
export function discoverUnit(plan: UnitPlan, opts: DiscoverOptions = {}): Unit {
  if (plan.kind === 'crate') return discoverCrate(plan.abs, opts);
  if (plan.kind === 'folder') return discoverFolder(plan.abs, plan.shown, opts);
  return singleFile(plan.abs, opts);
}

/** Build the units for the given command-line paths. Throws UsageError on bad input. */
export function discover(paths: string[], opts: DiscoverOptions = {}): Unit[] {
  return planUnits(paths).map((p) => discoverUnit(p, opts));
}

function crateInfo(root: string, manifest: CargoManifest | undefined, fallbackName: string, rootFiles: string[], opts: DiscoverOptions, kbuildName?: string): CrateInfo {
  const meta = manifest?.metadata ?? {};
  const metaStr = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : undefined);
  const META = '[package.metadata.kport]';
  // Each value: the flag, else [package.metadata.kport], else Cargo.toml, else a default; the source is shown in K0501.
  const pick = <T>(...c: [T | undefined, string][]): [T, string] | undefined => c.find(([v]) => v !== undefined) as [T, string] | undefined;
  const [rawName, nameFrom] = pick<string>([opts.moduleName, '--module-name'], [kbuildName, 'Kbuild'], [metaStr('module-name'), META], [manifest?.name, 'Cargo.toml'], [fallbackName, 'file name'])!;
  const moduleName = sanitizeModuleName(rawName);
  if (!moduleName || /^[0-9]/.test(moduleName)) {
    throw new UsageError(`module name ${JSON.stringify(rawName)} is not a valid kernel module name; pass --module-name`);
  }
  const metaAuthors = Array.isArray(meta.authors) ? (meta.authors as unknown[]).filter((a): a is string => typeof a === 'string') : undefined;
  const [authors, authorsFrom] = pick<string[]>([opts.authors, '--author'], [metaAuthors, META], [manifest?.authors.length ? manifest.authors : undefined, 'Cargo.toml']) ?? [[], 'none'];
  const [description, descriptionFrom] = pick<string>([opts.description, '--description'], [metaStr('description'), META], [manifest?.description, 'Cargo.toml']) ?? [undefined, 'none'];
  const cargoLicense = manifest?.license !== undefined ? kernelLicenseOf(manifest.license) : undefined;
  const [license, licenseFrom] = pick<string>([opts.license, '--license'], [metaStr('license'), META], [cargoLicense, `Cargo.toml "${manifest?.license}"`], ['GPL', 'default'])!;
  return {
    root,
    packageName: manifest?.name,
    moduleName,
    authors,
    description,
    license,
    metadataSources: { moduleName: nameFrom, authors: authorsFrom, description: descriptionFrom, license: licenseFrom },
    ...(manifest?.license !== undefined ? { manifestLicense: manifest.license } : {}),
    rootFiles,
    dependencies: manifest?.dependencies ?? [],
    metadata: meta,
    options: withCompat(withIo(opts.options ?? {}, meta, root), meta, root),
  };
}

/** `--io` wins over `[package.metadata.kport] io`; an unknown value is a usage error. */
function withIo(options: Record<string, unknown>, meta: Record<string, unknown>, root: string): Record<string, unknown> {
  if (options.io !== undefined || meta.io === undefined) return options;
  const io = checkIoMode(meta.io, `${path.join(root, 'Cargo.toml')}: [package.metadata.kport] io`);
  return { ...options, io };
}

/** `--compat` wins over `[package.metadata.kport] compat`; an unknown value is a usage error. */
function withCompat(options: Record<string, unknown>, meta: Record<string, unknown>, root: string): Record<string, unknown> {
  if (options.compat !== undefined || meta.compat === undefined) return options;
  const compat = checkCompatMode(meta.compat, `${path.join(root, 'Cargo.toml')}: [package.metadata.kport] compat`);
  return { ...options, compat };
}

/** Follow `obj-m := dir/` from the crate root's Kbuild down to `obj-m := name.o`: the module file, relative to `root`. */
export function kbuildChain(root: string, rel = '', depth = 0): string | undefined {
  const f = path.join(root, rel, 'Kbuild');
  if (depth > 8 || !existsSync(f)) return undefined;
  const text = readFileSync(f, 'utf8');
  const sub = /^obj-m\s*[:+]?=\s*([A-Za-z0-9_-]+)\/\s*$/m.exec(text);
  if (sub) return kbuildChain(root, rel ? `${rel}/${sub[1]}` : sub[1], depth + 1);
  const m = kbuildModule(path.join(root, rel));
  return m ? (rel ? `${rel}/${m}` : m) : undefined;
}

/** `obj-m := name.o` in a Kbuild file: the module a ported folder builds (so kport can run on its own output). */
export function kbuildModule(dir: string): string | undefined {
  const f = path.join(dir, 'Kbuild');
  if (!existsSync(f)) return undefined;
  const m = /^obj-m\s*[:+]?=\s*([A-Za-z0-9_]+)\.o\s*$/m.exec(readFileSync(f, 'utf8'));
  return m && existsSync(path.join(dir, `${m[1]}.rs`)) ? `${m[1]}.rs` : undefined;
}

function discoverCrate(root: string, opts: DiscoverOptions): Unit {
  const manifest = readManifest(path.join(root, 'Cargo.toml'));
  const roots: string[] = [];
  const norm = (rel: string) => rel.replace(/\\/g, '/').replace(/^\.\//, '');
  const add = (rel: string) => {
    if (!roots.includes(norm(rel)) && existsSync(path.join(root, norm(rel)))) roots.push(norm(rel));
  };
  if (manifest.libPath) add(manifest.libPath);
  else add('src/lib.rs');
  // Binaries: [[bin]] entries, src/main.rs (named after the package), src/bin/*.rs.
  const bins = new Map<string, string>();
  const addBin = (name: string, rel: string) => {
    if (!bins.has(name) && ![...bins.values()].includes(norm(rel)) && existsSync(path.join(root, norm(rel)))) bins.set(name, norm(rel));
  };
  for (const b of manifest.bins) if (b.path || b.name) addBin(b.name ?? path.posix.basename(b.path!, '.rs'), b.path ?? `src/bin/${b.name}.rs`);
  addBin(manifest.name ?? path.basename(root), 'src/main.rs');
  const binDir = path.join(root, 'src', 'bin');
  if (existsSync(binDir) && statSync(binDir).isDirectory()) {
    for (const f of readdirSync(binDir).sort()) {
      if (f.endsWith('.rs')) addBin(f.replace(/\.rs$/, ''), `src/bin/${f}`);
      else if (existsSync(path.join(binDir, f, 'main.rs'))) addBin(f, `src/bin/${f}/main.rs`);
    }
  }
  // A crate kport already ported in place: the Kbuild chain from the crate root names the module file.
  const kbuilt = opts.bin === undefined ? kbuildChain(root) : undefined;
  if (kbuilt) add(kbuilt);
  else if (opts.bin !== undefined) {
    const chosen = bins.get(opts.bin);
    if (!chosen) throw new UsageError(`${root}: no binary named \`${opts.bin}\`; the binaries are ${[...bins.keys()].join(', ') || '(none)'}`);
    add(chosen);
  } else if (bins.size > 1) {
    throw new UsageError(`${root}: the crate has ${bins.size} binaries (${[...bins.keys()].join(', ')}); choose the one to port with --bin NAME`);
  } else {
    for (const rel of bins.values()) add(rel);
  }
  if (roots.length === 0) throw new UsageError(`${root}: crate has no src/main.rs or src/lib.rs`);
  const unit: Unit = { crate: crateInfo(root, manifest, path.basename(root), roots, opts, kbuilt ? path.posix.basename(kbuilt, '.rs') : undefined), files: [], warnings: [] };
  const seen = new Set<string>();
  for (const r of roots) followModules(root, r, true, unit, seen);
  return unit;
}

function discoverFolder(root: string, shown: string, opts: DiscoverOptions): Unit {
  const all: string[] = [];
  walk(root, '', all);
  if (all.length === 0) throw new UsageError(`${shown}: no .rs files found`);
  all.sort();
  const kbuilt = kbuildModule(root);
  const roots = kbuilt ? [kbuilt] : all.filter((f) => f === 'main.rs' || f === 'lib.rs');
  const unit: Unit = { crate: crateInfo(root, undefined, path.basename(root), roots.length ? roots : all, opts, kbuilt?.replace(/\.rs$/, '')), files: [], warnings: [] };
  const seen = new Set<string>();
  for (const r of roots) followModules(root, r, true, unit, seen);
  // Files no module declaration reached are ported on their own.
  for (const f of all) if (!seen.has(f)) followModules(root, f, roots.length === 0, unit, seen);
  return unit;
}

function singleFile(abs: string, opts: DiscoverOptions): Unit {
  const root = path.dirname(abs);
  const rel = path.basename(abs);
  const unit: Unit = { crate: crateInfo(root, undefined, rel.replace(/\.rs$/, ''), [rel], opts), files: [], warnings: [] };
  unit.files.push(readSource(abs, rel));
  return unit;
}

function walk(root: string, rel: string, out: string[]): void {
  const dir = path.join(root, rel);
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name.startsWith('.') || SKIP_DIRS.has(ent.name)) continue;
    const r = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) walk(root, r, out);
    else if (ent.isFile() && ent.name.endsWith('.rs')) out.push(r);
  }
}

/** True when `abs` resolves (through symlinks) to somewhere inside `root`. */
export function insideRoot(root: string, abs: string): boolean {
  try {
    const r = realpathSync(root);
    const a = realpathSync(abs);
    return a === r || a.startsWith(r + path.sep);
  } catch {
    return false;
  }
}

function followModules(root: string, rel: string, isModRs: boolean, unit: Unit, seen: Set<string>): void {
  if (seen.has(rel)) return;
  seen.add(rel);
  const abs = path.join(root, rel);
  if (!insideRoot(root, abs)) {
    unit.warnings.push({ file: rel, message: `${rel}: resolves outside the crate folder; skipped` });
    return;
  }
  if (lstatSync(abs).isSymbolicLink() && !insideRoot(root, abs)) return;
  const src = readSource(abs, rel);
  unit.files.push(src);
  // Frozen: nobody edits it, and what discovery asks of it (its `mod`s) is kept for the passes.
  const tree = freezeTree(parse(src.text));
  (unit.trees ??= new Map()).set(src, tree);
  // The same module-tree computation as the crate model's (src/crate/mod-tree.ts), looked up on disk.
  for (const { name, candidates } of modDeclarations(rel, isModRs, tree)) {
    const problems: string[] = [];
    const found = candidates.find((c) => {
      if (c.startsWith('../') || c === '..' || path.posix.isAbsolute(c)) return void problems.push(`${c} is outside the crate folder`);
      const abs = path.join(root, c);
      try {
        if (statSync(abs).isFile()) return true;
        problems.push(`${c} is a folder`);
      } catch (e) {
        // A dangling link or a link loop exists as a name but cannot be opened.
        if (lexists(abs)) problems.push(`${c}: ${ioMessage(e)}`);
      }
      return false;
    });
    if (!found) {
      unit.warnings.push({ file: rel, message: `module \`${name}\` declared in ${rel} has no file (looked for ${candidates.join(', ')}${problems.length ? `; ${problems.join('; ')}` : ''})` });
      continue;
    }
    followModules(root, found, false, unit, seen);
  }
}

function lexists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}
