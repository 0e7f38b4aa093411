import path from 'node:path';
import type { CrateContext, CrateTransform, FileContext } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { COMPAT_MODULE } from '../src/kernel-api/alloc.ts';
import { COMPAT_PIECES } from '../src/compat/registry.ts';
import { closePieces, compatModuleText } from '../src/compat/module.ts';
import { SCAN_QUERIES, mayUse, scanFile } from '../src/compat/scan.ts';
import type { CompatScan } from '../src/compat/piece.ts';
import { topInsertPoint } from '../src/rewrite/top-insert.ts';
import { atFileLevel } from '../src/analysis/file-level.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * alloc-compat: once per crate, when a file calls a compat method
 * (`try_collect`, `try_to_vec` where the kernel lacks it), add the compat
 * module file, `mod kport_compat;` in each crate root whose module tree holds
 * such a file, and `use crate::kport_compat::Trait;` in each file that calls it.
 */

// Any mod item, kept when it is at file level (atFileLevel: also inside ERROR nodes).
const MODS = '(mod_item name: (identifier) @n) @mod';
const USES = '(use_declaration argument: (_) @arg) @use';

interface User {
  f: FileContext;
  /** Pieces of the compat module the file's code uses (src/compat/registry.ts). */
  pieces: Set<string>;
  /** What it imports from the module for them, sorted. */
  imports: string[];
}

function usesOf(f: FileContext, scan: CompatScan, profile: CrateContext['profile']): User {
  const pieces = new Set<string>();
  const imports = new Set<string>();
  for (const p of COMPAT_PIECES) {
    if (!p.usedIn(scan) || !p.text(profile)) continue;
    pieces.add(p.id);
    if (p.import) imports.add(p.import);
  }
  return { f, pieces, imports: [...imports].sort() };
}

function importedTraits(f: FileContext): Set<string> {
  const have = new Set<string>();
  for (const m of f.matches('uses')) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node.text.replace(/\s+/g, '');
    const mm = new RegExp(`^(?:(?:crate|super|self)::)*${COMPAT_MODULE}::(.*)$`).exec(arg);
    if (!mm) continue;
    const rest = mm[1];
    if (rest === '*') return new Set(['*']);
    for (const n of rest.replace(/[{}]/g, '').split(',')) if (n) have.add(n);
  }
  return have;
}

function run(ctx: CrateContext): void {
  const isCompatFile = (f: FileContext) => path.posix.basename(f.path) === `${COMPAT_MODULE}.rs`;
  const scanned = ctx.files.filter((f) => !isCompatFile(f) && mayUse(f.text));
  if (!scanned.length) return;
  const model = ctx.model;
  const users = scanned.map((f) => usesOf(f, scanFile(f, model.resolver(f)), ctx.profile)).filter((u) => u.pieces.size);
  if (!users.length) return;
  const { rootsOf } = model.modules();
  const at = new Map(ctx.files.map((f, i) => [f, i]));
  // The pieces a module beside `dir` holds: those used by the code of the crates whose roots share it.
  const piecesFor = (dir: string) => closePieces(users.filter((u) => rootsOf[at.get(u.f)!].some((x) => path.posix.dirname(ctx.files[x].path) === dir)).flatMap((u) => [...u.pieces]));
  const named = (u: User) => (u.imports.length ? u.imports : [...u.pieces].sort());
  const lines = new Map<FileContext, string[]>();
  const add = (f: FileContext, line: string) => lines.set(f, [...(lines.get(f) ?? []), line]);
  const cannot = (f: FileContext, used: string[], why: string, help: string) =>
    f.report({ code: 'K0318', message: `\`${used.join('`, `')}\` come${used.length > 1 ? '' : 's'} from the kport compat module, but ${why}`, range: { start: 0, end: 0 }, help });
  // Every crate root whose module tree holds a user declares the module, beside itself: with
  // src/main.rs and src/lib.rs, each crate that compiles the code that calls it has its own.
  const ready = new Set<number>();
  const added = new Set<string>();
  for (const r of [...new Set(users.flatMap((u) => rootsOf[at.get(u.f)!]))].sort((a, b) => a - b)) {
    const root = ctx.files[r];
    const dir = path.posix.dirname(root.path);
    // Only the pieces called by the code of the crates that share this file: an
    // unused one would be dead code (a rustc warning; `kport verify --werror`).
    const pieces = piecesFor(dir);
    if (!pieces.size) continue;
    if (declares(root)) {
      ready.add(r);
      continue;
    }
    if (!topInsertPoint(root)) continue;
    ready.add(r);
    add(root, `mod ${COMPAT_MODULE};`);
    const rel = path.posix.join(dir, `${COMPAT_MODULE}.rs`);
    if (!added.has(rel) && !ctx.files.some((f) => f.path === rel)) ctx.addFile(rel, compatModuleText(ctx.profile, pieces));
    added.add(rel);
  }
  // `use crate::kport_compat::..` only where every crate that compiles the file declares the module.
  for (const u of users) {
    const { f } = u;
    // Methods on receivers kport could not type, and nothing else: no use of the module to report.
    if (!u.imports.length && !closePieces(u.pieces).size) continue;
    const roots = rootsOf[at.get(f)!];
    if (!roots.length) {
      cannot(f, named(u), 'no crate root declares this file as a module, so kport cannot tell where to declare the compat module', 'declare this file with `mod` from the crate root, or run kport on the crate folder (with its Cargo.toml) or on its main.rs/lib.rs');
      continue;
    }
    const blocked = roots.filter((r) => !ready.has(r) && piecesFor(path.posix.dirname(ctx.files[r].path)).size).map((r) => ctx.files[r].path);
    if (blocked.length) {
      cannot(f, named(u), `kport cannot add \`mod ${COMPAT_MODULE};\` to ${blocked.join(', ')} (it has no item to put it before, or starts with a syntax error)`, `declare \`mod ${COMPAT_MODULE};\` in the crate root by hand, then run kport again`);
      continue;
    }
    const have = importedTraits(f);
    const missing = have.has('*') ? [] : u.imports.filter((t) => !have.has(t));
    if (missing.length) add(f, `use crate::${COMPAT_MODULE}::${missing.length > 1 ? `{${missing.join(', ')}}` : missing[0]};`);
  }
  for (const [f, ls] of lines) {
    const p = topInsertPoint(f);
    if (p) f.edits.insert(p.at, `${ls.join('\n')}\n${p.beforeUse ? '' : '\n'}`);
    else cannot(f, named(users.find((u) => u.f === f)!), 'kport cannot add its `use` to this file (it starts with a syntax error)', `add \`use crate::${COMPAT_MODULE}::..;\` by hand`);
  }
}

/** Whether a crate root already declares the compat module at file level. */
function declares(root: FileContext): boolean {
  return root
    .matches('mods')
    .some((m) => m.captures.find((c) => c.name === 'n')!.node.text === COMPAT_MODULE && atFileLevel(m.captures.find((c) => c.name === 'mod')!.node));
}

export const allocCompat: CrateTransform = {
  id: 'alloc-compat',
  scope: 'crate',
  summary: 'Add the kport compat module, with exactly the pieces ported code uses (TryCollect, KString, Map, ...), once per crate root that needs it.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  // A file naming none of what the pieces watch uses no piece (src/compat/scan.ts mayUse).
  words: [...new Set(COMPAT_PIECES.flatMap((p) => [...(p.watch.names ?? []), ...(p.watch.methods ?? []), ...(p.watch.macros ?? [])]))],
  queries: { mods: MODS, uses: USES },
  uses: [SCAN_QUERIES, TABLE_QUERIES],
  run,
  codes: [
    {
      code: 'K0318',
      severity: 'error',
      title: 'the compat module is needed but kport cannot make it reachable from this file',
      explanation: `The file calls \`try_collect\` or \`try_to_vec\`, which come from the compat
module kport adds beside each crate root that needs it (\`mod kport_compat;\`
in the root, \`use crate::kport_compat::..;\` in the file). kport emits that
\`use\` only where it resolves: when every crate root whose module tree holds
the file declares the module. It could not here: no crate root (main.rs,
lib.rs, a --bin file) declares this file as a module (kport was run on loose
files), or a root that holds it has no item to put the declaration before, or
starts with a syntax error. The call does not build until the trait is in
scope: declare the module and import the trait by hand, or run kport on the
crate folder.

Before:
    kport rewrite src/parser.rs
After:
    kport rewrite .        # the crate folder, with Cargo.toml`,
    },
  ],
};
