import path from 'node:path';
import { prefetch, query } from '../src/parse.ts';
import type { CrateContext, CrateTransform, FileContext } from '../src/types.ts';
import { PROFILE_IDS } from '../src/profiles.ts';
import { COMPAT_MODULE } from '../src/kernel-api/alloc.ts';
import { topInsertPoint } from '../src/top-insert.ts';
import { atFileLevel } from '../src/file-level.ts';

/**
 * alloc-compat: once per crate, when a file calls a compat method
 * (`try_collect`, `try_to_vec` where the kernel lacks it), add the compat
 * module file, `mod kport_compat;` in the crate root and
 * `use crate::kport_compat::Trait;` in each file that calls it.
 */

const METHODS = `(call_expression function: (field_expression field: (field_identifier) @m
  (#match? @m "^(try_collect|try_to_vec)$"))) @call`;
// Any mod item, kept when it is at file level (atFileLevel: also inside ERROR nodes).
const MODS = '(mod_item name: (identifier) @n) @mod';
const USES = '(use_declaration argument: (_) @arg) @use';

function traitsFor(ctx: CrateContext): Record<string, string> {
  const t: Record<string, string> = { try_collect: 'TryCollect' };
  if (!ctx.profile.alloc.tryToVec.native) t.try_to_vec = 'TryToVec';
  return t;
}

function usedTraits(f: FileContext, traits: Record<string, string>): string[] {
  const out = new Set<string>();
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
  const compatRel = (root: FileContext) => path.posix.join(path.posix.dirname(root.path), `${COMPAT_MODULE}.rs`);
  const root = ctx.files.find((f) => f.isCrateRoot);
  const isCompatFile = (f: FileContext) => path.posix.basename(f.path) === `${COMPAT_MODULE}.rs`;
  for (const f of ctx.files) if (!isCompatFile(f)) prefetch(f.tree.rootNode, 'matches', [METHODS, USES, f === root && MODS]);
  const users = ctx.files.filter((f) => !isCompatFile(f)).map((f) => ({ f, used: usedTraits(f, traits) })).filter((u) => u.used.length);
  if (!users.length) return;
  if (!root) {
    const { f, used } = users[0];
    f.report({
      code: 'K0318',
      message: `\`${used.join('`, `')}\` come${used.length > 1 ? '' : 's'} from the kport compat module, but the crate root is unknown`,
      range: { start: 0, end: 0 },
      help: 'add the compat module by hand: run kport on the crate folder (with its Cargo.toml) or on its main.rs/lib.rs',
    });
    return;
  }
  const declared = query(MODS)
    .matches(root.tree.rootNode)
    .some((m) => m.captures.find((c) => c.name === 'n')!.node.text === COMPAT_MODULE && atFileLevel(m.captures.find((c) => c.name === 'mod')!.node));
  const add = (f: FileContext, used: string[]) => {
    const have = importedTraits(f);
    const missing = have.has('*') ? [] : used.filter((t) => !have.has(t));
    const lines: string[] = [];
    if (f === root && !declared) lines.push(`mod ${COMPAT_MODULE};`);
    if (missing.length) lines.push(`use crate::${COMPAT_MODULE}::${missing.length > 1 ? `{${missing.join(', ')}}` : missing[0]};`);
    if (!lines.length) return;
    const p = topInsertPoint(f);
    if (p) f.edits.insert(p.at, `${lines.join('\n')}\n${p.beforeUse ? '' : '\n'}`);
  };
  for (const { f, used } of users) add(f, used);
  if (!users.some((u) => u.f === root)) add(root, []);
  const exists = ctx.files.some((f) => f.path === compatRel(root));
  if (!declared && !exists) ctx.addFile(compatRel(root), ctx.profile.alloc.compat);
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
the kernel's own \`try_to_vec\` is used instead). The crate root gets
\`mod kport_compat;\` and every file that calls a compat method imports the
trait. Nothing is added when no file needs it, and a crate that already has the
module is left as it is (a second run changes nothing).

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
      severity: 'warning',
      title: 'the compat module is needed but the crate root is unknown',
      explanation: `kport adds \`kport_compat.rs\` next to the crate root (main.rs or lib.rs)
and declares it there. When it ports loose files without a crate root it cannot
do that; add the module by hand or run kport on the crate folder.

Before:
    kport rewrite src/parser.rs
After:
    kport rewrite .        # the crate folder, with Cargo.toml`,
    },
  ],
};
