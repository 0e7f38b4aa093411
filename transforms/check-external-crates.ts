import { usePaths } from '../src/analysis/localnames.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';

/**
 * check-external-crates: report crates the kernel build cannot provide:
 * Cargo.toml `[dependencies]` (K0660) and `use`/`extern crate` roots that are
 * neither the kernel's crates nor the crate's own modules and items (K0661).
 *
 *   use rand::Rng;          (rand in [dependencies])  → K0660
 *   use itertools::Itertools;  (not declared)          → K0661
 */

// What a module build links against: `--extern pin_init --extern kernel` (scripts/Makefile.build,
// rust_common_cmd), plus the sysroot crates. `std` paths are the std-paths check's concern.
const KNOWN_ROOTS = new Set(['std', 'core', 'alloc', 'kernel', 'pin_init', 'macros', 'crate', 'self', 'super', 'Self']);
// The log crate's macros are rewritten by print-macros; only its presence in Cargo.toml is worth a note.
const HANDLED: Record<string, string> = { log: 'print-macros rewrites the `log` macros to `pr_*!`; drop the dependency' };

const USES = '(use_declaration argument: (_) @arg) @use';
const EXTERN = '(extern_crate_declaration name: (identifier) @name) @decl';
const PATH_ROOTS = `[
  (scoped_identifier path: (identifier) @root)
  (scoped_type_identifier path: (identifier) @root)
  (macro_invocation macro: (scoped_identifier path: (identifier) @root))
]`;
const ITEMS = `[
  (mod_item name: (identifier) @n)
  (struct_item name: (type_identifier) @n)
  (enum_item name: (type_identifier) @n)
  (union_item name: (type_identifier) @n)
  (trait_item name: (type_identifier) @n)
  (type_item name: (type_identifier) @n)
  (function_item name: (identifier) @n)
  (const_item name: (identifier) @n)
  (static_item name: (identifier) @n)
  (macro_definition name: (identifier) @n)
]`;

interface Site {
  file: FileContext;
  range: { start: number; end: number };
}

function rootRange(arg: SyntaxNode, root: string): { start: number; end: number } {
  const text = arg.text;
  const at = text.replace(/^::/, '').startsWith(root) ? arg.startIndex + (text.startsWith('::') ? 2 : 0) : -1;
  return at >= 0 ? { start: at, end: at + root.length } : { start: arg.startIndex, end: arg.endIndex };
}

function run(ctx: CrateContext): void {
  const deps = new Map(ctx.crate.dependencies.map((d) => [d.replace(/-/g, '_'), d]));
  const own = new Set<string>();
  if (ctx.crate.packageName) own.add(ctx.crate.packageName.replace(/-/g, '_'));
  for (const f of ctx.files) for (const m of f.matches('items')) own.add(m.captures[0].node.text);

  const depPath = new RegExp(`\\b(${[...deps.keys()].map((d) => d.replace(/[^\w]/g, '')).join('|') || '(?!)'})\\s*::`);
  const firstUse = new Map<string, Site>();
  const unknown: { name: string; site: Site }[] = [];
  const seenUnknown = new Set<string>();
  const note = (name: string, site: Site) => {
    if (deps.has(name)) {
      if (!firstUse.has(name)) firstUse.set(name, site);
    } else if (!KNOWN_ROOTS.has(name) && !own.has(name) && !seenUnknown.has(`${site.file.path}\0${name}`)) {
      seenUnknown.add(`${site.file.path}\0${name}`);
      unknown.push({ name, site });
    }
  };

  for (const f of ctx.files) {
    // `extern crate foo as bar;` makes `bar` a root too.
    const aliases = new Set<string>();
    for (const m of f.matches('extern')) {
      const decl = m.captures.find((c) => c.name === 'decl')!.node;
      const name = m.captures.find((c) => c.name === 'name')!.node;
      const alias = decl.childForFieldName('alias');
      if (alias) aliases.add(alias.text);
      if (isTestCode(f.tree, decl)) continue;
      note(name.text, { file: f, range: { start: name.startIndex, end: name.endIndex } });
    }
    const uses = f.matches('uses').map((m) => ({ use: m.captures.find((c) => c.name === 'use')!.node, arg: m.captures.find((c) => c.name === 'arg')!.node }));
    // A name the file imports can start another path: `use core::cmp::Ordering; use Ordering::*;`.
    const imported = new Set<string>();
    for (const u of uses) for (const { path, alias } of usePaths(u.arg.text)) if (path.length > 1 || alias) imported.add(alias ?? path[path.length - 1]);
    for (const { use, arg } of uses) {
      if (isTestCode(f.tree, use)) continue;
      for (const { path } of usePaths(arg.text)) {
        const r = path[0];
        if (!r || aliases.has(r) || imported.has(r)) continue;
        note(r, { file: f, range: rootRange(arg, r) });
      }
    }
    // Qualified uses of a declared dependency without a `use` (`rand::random()`).
    if (deps.size && depPath.test(f.text)) {
      for (const m of f.matches('pathRoots')) {
        const r = m.captures[0].node;
        if (!deps.has(r.text) || firstUse.has(r.text) || isTestCode(f.tree, r)) continue;
        firstUse.set(r.text, { file: f, range: { start: r.startIndex, end: r.endIndex } });
      }
    }
  }

  const rootFile = ctx.files.find((f) => ctx.crate.rootFiles.includes(f.path)) ?? ctx.files[0];
  for (const [name, original] of deps) {
    const site = firstUse.get(name);
    const handled = HANDLED[name];
    const target = site?.file ?? rootFile;
    if (!target) continue;
    target.report({
      code: 'K0660',
      severity: handled ? 'note' : undefined,
      message: site ? `\`${name}\` is an external crate (Cargo.toml dependency \`${original}\`); the kernel build cannot link it` : `Cargo.toml depends on \`${original}\`; the kernel build cannot link external crates`,
      range: site?.range ?? { start: 0, end: 0 },
      help: handled ?? 'replace its use with kernel or `core` APIs, or vendor the code you need into the module',
    });
  }
  for (const { name, site } of unknown) {
    site.file.report({
      code: 'K0661',
      message: `\`${name}\` is neither a kernel crate nor a module of this crate`,
      range: site.range,
      help: 'an external crate cannot be linked into a kernel module: replace it with kernel or `core` APIs, or vendor the code into the crate',
    });
  }
}

export const checkExternalCrates: CrateTransform = {
  id: 'check-external-crates',
  scope: 'crate',
  summary: 'Report external crates: Cargo.toml dependencies and unknown `use` roots.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  queries: { items: ITEMS, extern: EXTERN, uses: USES, pathRoots: PATH_ROOTS },
  run,
  codes: [
    {
      code: 'K0660',
      severity: 'error',
      title: 'a Cargo.toml dependency cannot be linked into a kernel module',
      explanation: `Kbuild compiles a module against the \`kernel\` and \`pin_init\` crates only
(scripts/Makefile.build, rust_common_cmd); crates.io dependencies are not
available. Replace what the crate provides with kernel or \`core\` APIs, or
vendor the few functions you need into the module (mind their licence).

Before (Cargo.toml: rand = "0.8"):
    use rand::Rng;
After:
    // the module's own code, or a kernel API, instead of rand`,
    },
    {
      code: 'K0661',
      severity: 'error',
      title: 'a `use` root is neither a kernel crate nor part of this crate',
      explanation: `The first segment of a \`use\` path names a crate or a module. kport knows the
kernel's crates (\`kernel\`, \`pin_init\`), the sysroot (\`core\`, \`alloc\`, \`std\`),
\`crate\`/\`self\`/\`super\`, and the crate's own modules and items; any other root is an
external crate that the kernel build cannot link.

Before:
    use itertools::Itertools;
After:
    // plain iterator code, or the helper vendored into the crate`,
    },
  ],
};
