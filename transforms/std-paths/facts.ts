// std-paths: what in the file changes the meaning of a std path: local items
// named `std`/`alloc`, local macros, local types named like prelude items,
// foreign glob imports.
import { capturesOf } from '../../src/engine/queries.ts';
import { STD_CODES } from '../../src/kernel-api/std-paths.ts';
import type { UseLeaf } from '../../src/rewrite/use-tree.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { ROOTS } from './queries.ts';

export interface FileFacts {
  /**
   * Local items named `std`/`alloc` (`mod std`, `use foo as std`) and the scope
   * each is declared in: there (not in modules inside or around it) their
   * unprefixed paths are left alone.
   */
  shadows: { name: string; scope: SyntaxNode }[];
  localMacros: Set<string>;
  /** A local type, or an import of another crate's item, named Vec/Box. */
  localPreludeNames: Set<string>;
  /** Glob imports from outside std/core/alloc/kernel: a dropped import could then resolve to them. */
  foreignGlob: boolean;
}

/** The module or block an item declared at `item` names things in. */
function scopeOf(item: SyntaxNode): SyntaxNode | null {
  let p = item.parent;
  // `use` leaves sit inside their declaration.
  while (p && p.type !== 'source_file' && p.type !== 'declaration_list' && p.type !== 'block') p = p.parent;
  return p;
}

function describeScope(scope: SyntaxNode): string {
  if (scope.type === 'block') return 'in this block';
  const mod = scope.parent?.type === 'mod_item' ? scope.parent.childForFieldName('name')?.text : undefined;
  return mod ? `in module \`${mod}\`` : "at this file's top level";
}

/** Whether a local `name` declared in some scope around `at` (with no `mod` boundary between) hides the crate `name`. */
export function shadowedAt(f: FileFacts, name: string, at: SyntaxNode): boolean {
  const scopes = f.shadows.filter((s) => s.name === name);
  if (!scopes.length) return false;
  for (let p = at.parent; p; p = p.parent) {
    if (scopes.some((s) => s.scope.id === p!.id)) return true;
    if (p.type === 'mod_item') return false;
  }
  return false;
}

export function facts(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[]): FileFacts {
  const shadows: { name: string; scope: SyntaxNode }[] = [];
  const report = (node: SyntaxNode, name: string, why: string) => {
    const scope = scopeOf(node);
    if (!scope) return;
    ctx.report({
      code: STD_CODES.shadowed,
      message: `\`${name}\` names ${why} ${describeScope(scope)}; kport leaves the \`${name}::\` paths there alone`,
      node,
      help: `rename it if it is not meant to stand for the standard library; \`::${name}::\` paths, and \`${name}::\` paths in other modules, are still ported`,
    });
    shadows.push({ name, scope });
  };
  for (const m of ctx.matches('localMods')) report(m.captures.find((c) => c.name === 'mod')!.node, m.captures.find((c) => c.name === 'name')!.node.text, 'a local module');
  const localPreludeNames = new Set(capturesOf(ctx.matches('localTypes')).map((c) => c.node.text));
  let foreignGlob = false;
  for (const u of uses) {
    for (const l of u.leaves) {
      const name = l.alias ?? (l.kind === 'name' ? l.segs[l.segs.length - 1] : undefined);
      const fromStd = ROOTS.has(l.segs[0]) || l.segs[0] === 'core' || l.segs[0] === 'kernel';
      if (name && ROOTS.has(name) && (l.alias || l.segs.length > 1)) report(l.node, name, 'an imported item');
      if (name === 'Vec' || name === 'Box') {
        // `use std::vec::Vec;` or `use kernel::prelude::Vec;` name the prelude's item; anything else shadows it.
        const same = (ROOTS.has(l.segs[0]) || l.segs[0] === 'kernel') && l.segs[l.segs.length - 1] === name;
        if (!same) localPreludeNames.add(name);
      }
      if (l.kind === 'glob' && !fromStd) foreignGlob = true;
    }
  }
  for (const m of ctx.matches('extern')) {
    const decl = m.captures.find((c) => c.name === 'decl')!.node;
    const alias = decl.childForFieldName('alias');
    if (alias && ROOTS.has(alias.text) && alias.text !== m.captures.find((c) => c.name === 'name')!.node.text) report(decl, alias.text, 'another crate');
  }
  const localMacros = new Set(ctx.matches('localMacros').map((m) => m.captures[0].node.text));
  return { shadows, localMacros, localPreludeNames, foreignGlob };
}

export function insideInlineModule(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'mod_item') return true;
  return false;
}

/** The name a prelude item is written as at `at`: bare where the prelude import will reach it, else qualified. */
export function preludeName(name: string, at: SyntaxNode, f: FileFacts): string {
  if (f.localPreludeNames.has(name) || insideInlineModule(at)) return `kernel::prelude::${name}`;
  return name;
}
