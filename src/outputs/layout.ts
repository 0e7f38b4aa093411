// Where a ported module's files go in each output mode. In place (diff,
// --patch, --write): the crate root is renamed to <name>.rs in its folder (a
// git rename in the diff) and Kbuild files let `make -C $KDIR M=$PWD` find it.
// --out-dir: a flat module folder, <name>.rs with the other module files at
// the same paths relative to it, Kbuild, Makefile, README.kernel.md. --in-tree: the
// same files in a kernel folder plus its Kconfig entry and Makefile line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addKconfigEntry, addMakefileLine, configSymbol, kbuild, kconfigDefines, kconfigEntry, makefile, makefileLine, readme } from './buildfiles.ts';
import { UsageError } from '../engine/errors.ts';
import { query } from '../engine/queries.ts';
import type { FileResult, UnitResult } from '../engine/pipeline.ts';
import { freshTree } from '../engine/parse.ts';
import type { LineRegion } from '../engine/line-regions.ts';
import type { Diagnostic } from '../engine/types.ts';

const MODULE = '(source_file (macro_invocation macro: (identifier) @m (#eq? @m "module")))';

/** The crate root that holds the `module!` block after the port, if any. */
export function moduleRoot(r: UnitResult): FileResult | undefined {
  return r.files.find((f) => r.unit.crate.rootFiles.includes(f.src.rel) && !f.failure && /\bmodule!/.test(f.text) && query(MODULE).matches(freshTree(f.text).rootNode).length > 0);
}

export interface Placed {
  /** Destination, relative to the output root (crate, out-dir or kernel tree). */
  rel: string;
  data: Buffer;
  mode: number;
  /** For a renamed file: its path before. */
  from?: string;
  /** Bytes already at the destination (or at `from`), null for a new file. */
  old: Buffer | null;
  /** The changed lines of `old` → `data`, when known from the edits (the patcher diffs only these). */
  regions?: LineRegion[];
}

/** The misc device `--io miscdev` made of main's input loop (named after the module), if any. */
function deviceOf(r: UnitResult, root: FileResult): string | undefined {
  const generated = r.newFiles.some((nf) => path.posix.basename(nf.rel) === 'miscdev.rs') || r.files.some((f) => path.posix.basename(f.src.rel) === 'miscdev.rs');
  return generated && /\bmiscdev::register\(/.test(root.text) ? r.unit.crate.moduleName : undefined;
}

function readIf(abs: string): Buffer | null {
  return existsSync(abs) ? readFileSync(abs) : null;
}

function warn(diags: Diagnostic[], file: string, message: string): void {
  diags.push({ code: 'K0510', severity: 'warning', message, file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, source: 'module-entry' });
}

/**
 * Build files to add at `dir` (relative to the output root, abs on disk at
 * `absDir`) unless the same file is already there; a different file already
 * there is left alone and reported.
 */
function addBuildFile(out: Placed[], diags: Diagnostic[], rel: string, abs: string, contents: string): void {
  const data = Buffer.from(contents, 'utf8');
  const old = readIf(abs);
  if (old && old.equals(data)) return;
  if (old) {
    warn(diags, rel, `${rel} exists and is not the one kport writes; left alone (the module needs: ${contents.split('\n').filter((l) => l && !l.startsWith('#'))[0]} ...)`);
    return;
  }
  out.push({ rel, data, mode: 0o644, old: null });
}

/**
 * In place: the module root becomes <dir>/<name>.rs; Kbuild files and the
 * Makefile are added. `files` are the unit's placed files (relative to the crate root).
 */
export function inPlace(r: UnitResult, files: Placed[], diags: Diagnostic[]): Placed[] {
  const root = moduleRoot(r);
  if (!root) return files;
  // Already a kernel module before the port: its build files and file name are its own.
  if (root.src.text.includes('module') && query(MODULE).matches(freshTree(root.src.text).rootNode).length > 0) return files;
  const name = r.unit.crate.moduleName;
  const dir = path.posix.dirname(root.src.rel) === '.' ? '' : path.posix.dirname(root.src.rel);
  const target = dir ? `${dir}/${name}.rs` : `${name}.rs`;
  const out = [...files];
  if (target !== root.src.rel) {
    if (existsSync(path.join(r.unit.crate.root, target)) || r.files.some((f) => f.src.rel === target)) {
      throw new UsageError(`cannot rename ${root.src.rel} to ${target}: that file exists; choose another name with --module-name`);
    }
    // `mod name;` in a root named name.rs would find both name.rs and name/mod.rs (rustc E0761).
    const modRs = dir ? `${dir}/${name}/mod.rs` : `${name}/mod.rs`;
    if (r.files.some((f) => f.src.rel === modRs)) {
      throw new UsageError(`cannot rename ${root.src.rel} to ${target}: the crate's module ${name} is ${modRs}, and rustc would find both files for it; choose another name with --module-name`);
    }
    const i = out.findIndex((p) => p.rel === root.src.rel);
    const data = i === -1 ? root.src.original : out[i].data;
    const regions = i === -1 ? [] : out[i].regions;
    if (i !== -1) out.splice(i, 1);
    out.push({ rel: target, from: root.src.rel, data, mode: root.src.mode, old: root.src.original, ...(regions ? { regions } : {}) });
  }
  const crateRoot = r.unit.crate.root;
  // kbuild descends one folder per Kbuild (`obj-m := src/` is a module-only descent).
  const parts = dir ? dir.split('/') : [];
  for (let i = 0; i <= parts.length; i++) {
    const here = parts.slice(0, i).join('/');
    const rel = here ? `${here}/Kbuild` : 'Kbuild';
    addBuildFile(out, diags, rel, path.join(crateRoot, rel), kbuild(i < parts.length ? `${parts[i]}/` : `${name}.o`));
  }
  addBuildFile(out, diags, 'Makefile', path.join(crateRoot, 'Makefile'), makefile(name));
  addBuildFile(out, diags, 'README.kernel.md', path.join(crateRoot, 'README.kernel.md'), readme(name, dir ? `${dir}/${name}.ko` : `${name}.ko`, deviceOf(r, root)));
  return out;
}

/** The module's files relative to the folder of its root, the root as <name>.rs. */
function flatten(r: UnitResult, data: (f: FileResult) => Buffer): { rel: string; data: Buffer; mode: number }[] {
  const root = moduleRoot(r)!;
  const dir = path.posix.dirname(root.src.rel);
  const name = r.unit.crate.moduleName;
  const place = (from: string) => {
    const rel = dir === '.' ? from : path.posix.relative(dir, from);
    if (rel.startsWith('..')) throw new UsageError(`${from} is outside ${dir}/, the folder of the crate root; kport cannot lay it out beside ${name}.rs`);
    if (rel === `${name}.rs`) throw new UsageError(`${from} would collide with the module file ${name}.rs; choose another name with --module-name`);
    return rel;
  };
  return [
    ...r.files.map((f) => (f === root ? { rel: `${name}.rs`, data: data(f), mode: f.src.mode } : { rel: place(f.src.rel), data: data(f), mode: f.src.mode })),
    ...r.newFiles.map((nf) => ({ rel: place(nf.rel), data: Buffer.from(nf.contents, 'utf8'), mode: 0o644 })),
  ];
}

/** --out-dir: a folder that `make -C $KDIR M=$PWD` builds. Undefined for a unit without a module. */
export function outDirFiles(r: UnitResult, data: (f: FileResult) => Buffer): { rel: string; data: Buffer; mode: number }[] | undefined {
  if (!moduleRoot(r)) return undefined;
  const name = r.unit.crate.moduleName;
  const files = flatten(r, data);
  for (const [rel, text] of [
    ['Kbuild', kbuild(`${name}.o`)],
    ['Makefile', makefile(name)],
    ['README.kernel.md', readme(name, `${name}.ko`, deviceOf(r, moduleRoot(r)!))],
  ] as const) {
    if (!files.some((f) => f.rel === rel)) files.push({ rel, data: Buffer.from(text, 'utf8'), mode: 0o644 });
  }
  return files;
}

/** The kernel source root above `subdir`: the nearest folder whose Kconfig has `mainmenu`. */
export function kernelRoot(subdir: string): string | undefined {
  for (let d = path.dirname(subdir); d !== path.dirname(d); d = path.dirname(d)) {
    const k = path.join(d, 'Kconfig');
    if (existsSync(k) && /^mainmenu\b/m.test(readFileSync(k, 'utf8'))) return d;
  }
  return undefined;
}

/** --in-tree: the module's files in SUBDIR plus SUBDIR's Kconfig and Makefile, relative to the kernel root. */
export function inTreeFiles(r: UnitResult, subdirAbs: string, kroot: string, data: (f: FileResult) => Buffer): Placed[] {
  const sub = path.relative(kroot, subdirAbs).split(path.sep).join('/');
  const name = r.unit.crate.moduleName;
  const symbol = configSymbol(name);
  const out: Placed[] = [];
  for (const f of flatten(r, data)) {
    const abs = path.join(subdirAbs, f.rel);
    const old = readIf(abs);
    if (old && !old.equals(f.data) && f.rel !== `${name}.rs`) throw new UsageError(`${sub}/${f.rel} already exists in the kernel tree; kport will not overwrite it`);
    if (old && old.equals(f.data)) continue;
    out.push({ rel: `${sub}/${f.rel}`, data: f.data, mode: f.mode, old });
  }
  const kconfigPath = path.join(subdirAbs, 'Kconfig');
  const makePath = path.join(subdirAbs, 'Makefile');
  const kconfig = readFileSync(kconfigPath, 'utf8');
  const entry = kconfigEntry(name, r.unit.crate.description);
  if (!kconfig.includes(entry)) {
    if (kconfigDefines(kconfig, symbol)) throw new UsageError(`${sub}/Kconfig already defines config ${symbol}; choose another name with --module-name`);
    out.push({ rel: `${sub}/Kconfig`, data: Buffer.from(addKconfigEntry(kconfig, entry), 'utf8'), mode: 0o644, old: Buffer.from(kconfig, 'utf8') });
  }
  const make = readFileSync(makePath, 'utf8');
  const next = addMakefileLine(make, makefileLine(name));
  if (next !== make) out.push({ rel: `${sub}/Makefile`, data: Buffer.from(next, 'utf8'), mode: 0o644, old: Buffer.from(make, 'utf8') });
  return out;
}
