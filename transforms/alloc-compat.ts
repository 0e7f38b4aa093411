import path from 'node:path';
import { prefetch, query } from '../src/parse.ts';
import type { CrateContext, CrateTransform, FileContext } from '../src/types.ts';
import { PROFILE_IDS } from '../src/profiles.ts';
import { COMPAT_MODULE, compatModule, type CompatTrait } from '../src/kernel-api/alloc.ts';
import { topInsertPoint } from '../src/top-insert.ts';
import { atFileLevel } from '../src/file-level.ts';
import { crateRootsOf } from '../src/mod-tree.ts';

/**
 * alloc-compat: once per crate, when a file calls a compat method
 * (`try_collect`, `try_to_vec` where the kernel lacks it), add the compat
 * module file, `mod kport_compat;` in each crate root whose module tree holds
 * such a file, and `use crate::kport_compat::Trait;` in each file that calls it.
 */

const METHODS = `(call_expression function: (field_expression field: (field_identifier) @m
  (#match? @m "^(try_collect|try_to_vec)$"))) @call`;
// Any mod item, kept when it is at file level (atFileLevel: also inside ERROR nodes).
const MODS = '(mod_item name: (identifier) @n) @mod';
const USES = '(use_declaration argument: (_) @arg) @use';

function traitsFor(ctx: CrateContext): Record<string, CompatTrait> {
  const t: Record<string, CompatTrait> = { try_collect: 'TryCollect' };
  if (!ctx.profile.alloc.tryToVec.native) t.try_to_vec = 'TryToVec';
  return t;
}

function usedTraits(f: FileContext, traits: Record<string, CompatTrait>): CompatTrait[] {
  const out = new Set<CompatTrait>();
  for (const m of query(METHODS).matches(f.tree.rootNode)) {
    const name = m.captures.find((c) => c.name === 'm')!.node.text;
    if (traits[name]) out.add(traits[name]);
  }
  return [...out].sort();
}

function importedTraits(f: FileContext): Set<string> {
  const have = new Set<string>();
  for (const m of query(USES).matches(f.tree.rootNode)) {
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
  const traits = traitsFor(ctx);
  const isCompatFile = (f: FileContext) => path.posix.basename(f.path) === `${COMPAT_MODULE}.rs`;
  for (const f of ctx.files) if (!isCompatFile(f)) prefetch(f.tree.rootNode, 'matches', [METHODS, USES, f.isCrateRoot && MODS]);
  const users = ctx.files.filter((f) => !isCompatFile(f)).map((f) => ({ f, used: usedTraits(f, traits) })).filter((u) => u.used.length);
  if (!users.length) return;
  const rootsOf = crateRootsOf(ctx.files);
  const at = new Map(ctx.files.map((f, i) => [f, i]));
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
    if (declares(root)) {
      ready.add(r);
      continue;
    }
    if (!topInsertPoint(root)) continue;
    ready.add(r);
    add(root, `mod ${COMPAT_MODULE};`);
    const rel = path.posix.join(path.posix.dirname(root.path), `${COMPAT_MODULE}.rs`);
    // Only the traits called by the code of the crates that share this file: an
    // unused one would be dead code (a rustc warning; `kport verify --werror`).
    const dir = path.posix.dirname(rel);
    const used = [...new Set(users.filter((u) => rootsOf[at.get(u.f)!].some((x) => path.posix.dirname(ctx.files[x].path) === dir)).flatMap((u) => u.used))];
    if (!added.has(rel) && !ctx.files.some((f) => f.path === rel)) ctx.addFile(rel, compatModule(ctx.profile.alloc.compat, used));
    added.add(rel);
  }
  // `use crate::kport_compat::..` only where every crate that compiles the file declares the module.
  for (const { f, used } of users) {
    const roots = rootsOf[at.get(f)!];
    if (!roots.length) {
      cannot(f, used, 'no crate root declares this file as a module, so kport cannot tell where to declare the compat module', 'declare this file with `mod` from the crate root, or run kport on the crate folder (with its Cargo.toml) or on its main.rs/lib.rs');
      continue;
    }
    const blocked = roots.filter((r) => !ready.has(r)).map((r) => ctx.files[r].path);
    if (blocked.length) {
      cannot(f, used, `kport cannot add \`mod ${COMPAT_MODULE};\` to ${blocked.join(', ')} (it has no item to put it before, or starts with a syntax error)`, `declare \`mod ${COMPAT_MODULE};\` in the crate root by hand, then run kport again`);
      continue;
    }
    const have = importedTraits(f);
    const missing = have.has('*') ? [] : used.filter((t) => !have.has(t));
    if (missing.length) add(f, `use crate::${COMPAT_MODULE}::${missing.length > 1 ? `{${missing.join(', ')}}` : missing[0]};`);
  }
  for (const [f, ls] of lines) {
    const p = topInsertPoint(f);
    if (p) f.edits.insert(p.at, `${ls.join('\n')}\n${p.beforeUse ? '' : '\n'}`);
    else cannot(f, usedTraits(f, traits), 'kport cannot add its `use` to this file (it starts with a syntax error)', `add \`use crate::${COMPAT_MODULE}::..;\` by hand`);
  }
}

/** Whether a crate root already declares the compat module at file level. */
function declares(root: FileContext): boolean {
  return query(MODS)
    .matches(root.tree.rootNode)
    .some((m) => m.captures.find((c) => c.name === 'n')!.node.text === COMPAT_MODULE && atFileLevel(m.captures.find((c) => c.name === 'mod')!.node));
}

export const allocCompat: CrateTransform = {
  id: 'alloc-compat',
  scope: 'crate',
  summary: 'Add the kport compat module (TryCollect, TryToVec) once per crate where ported code calls it.',
  docs: `The kernel vector has no \`collect\` (no FromIterator) and no \`Clone\`, so the
alloc passes write \`try_collect(GFP_KERNEL)?\` and \`try_to_vec(GFP_KERNEL)?\`.
Those are extension-trait methods from one small file kport adds beside the
crate root, \`kport_compat.rs\`, written against the profile's API
(src/kernel-api/alloc.ts): \`TryCollect\` reserves the iterator's lower size
hint and pushes each item; \`TryToVec\` reserves and \`extend_from_slice\`s (on 6.1
the kernel's own \`try_to_vec\` is used instead). The module holds only the
traits the crate calls, so it adds no dead code (\`kport verify --werror\`). Each crate root whose module
tree holds a file that calls a compat method gets \`mod kport_compat;\` (with
\`src/main.rs\` and \`src/lib.rs\` that can be both: they are two crates, and a
module both declare is compiled by both), the file beside it, and every file
that calls a compat method imports the trait. The \`use\` is written only where
every crate that compiles the file declares the module; a file no crate root
declares is reported (K0318). Nothing is added when no file needs it, and a
crate that already has the module is left as it is (a second run changes
nothing).

Before:
    fn main() {
        let v: Vec<u32> = (0..4).try_collect(GFP_KERNEL)?;
    }
After:
    mod kport_compat;
    use crate::kport_compat::TryCollect;

    fn main() {
        let v: Vec<u32> = (0..4).try_collect(GFP_KERNEL)?;
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
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
