// The text of a crate's `kport_compat.rs`: the pieces the port uses, what
// they need, and nothing else (an unused item is a `dead_code` warning, an
// error under CONFIG_WERROR). Methods go into their type's `impl` block.
import type { Profile } from '../kernel-api/profiles.ts';
import { COMPAT_ITEMS, pieceById } from './registry.ts';

/**
 * The pieces a module must hold when code uses `used` (ids): their closure over
 * `requires`. A method is kept only when its type is there for another reason
 * (a method of an otherwise unused type means a receiver kport could not type,
 * not a use of the type).
 */
export function closePieces(used: Iterable<string>): Set<string> {
  const close = (ids: Iterable<string>) => {
    const out = new Set<string>();
    const work = [...ids];
    while (work.length) {
      const id = work.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      for (const r of pieceById(id)?.requires ?? []) work.push(r);
    }
    return out;
  };
  const all = [...used];
  // To a fixpoint: a method can bring in a type (`Map::entry` needs `MapEntry`) whose methods are used too.
  let have = close(all.filter((id) => !pieceById(id)?.owner));
  for (;;) {
    const next = close([...have, ...all.filter((id) => { const o = pieceById(id)?.owner; return o !== undefined && have.has(o); })]);
    if (next.size === have.size) return next;
    have = next;
  }
}

/** Whether the profile has a form for every one of these pieces. */
export function piecesAvailable(profile: Profile, ids: Iterable<string>): boolean {
  for (const id of ids) if (!pieceById(id)?.text(profile)) return false;
  return true;
}

const TITLE = `// SPDX-License-Identifier: GPL-2.0

//! Compatibility helpers added by kport.
`;

/** The module's text holding `ids` (already closed, see closePieces), in the registry's order. */
export function compatModuleText(profile: Profile, ids: ReadonlySet<string>): string {
  const docs: string[] = [];
  const uses = new Set<string>();
  const items: string[] = [];
  for (const item of COMPAT_ITEMS) {
    const present = item.pieces.filter((p) => ids.has(p.id));
    if (!present.length) continue;
    docs.push(`//!\n${item.doc.split('\n').map((l) => (l ? `//! ${l}` : '//!')).join('\n')}\n`);
    for (const p of present) {
      if (p.owner) continue;
      const t = p.text(profile);
      if (!t) continue;
      t.uses.forEach((u) => uses.add(u));
      const methods = present.filter((m) => m.owner === p.id).map((m) => m.text(profile)).filter((m) => m !== null);
      methods.forEach((m) => m.uses.forEach((u) => uses.add(u)));
      items.push(methods.length ? `${t.text}\nimpl${p.generics ?? ''} ${p.id}${p.generics ?? ''} {\n${methods.map((m) => m.text).join('\n')}}\n` : t.text);
    }
  }
  return `${TITLE}${docs.join('')}\n${[...uses].sort().map((u) => `use ${u};\n`).join('')}${items.map((t) => `\n${t}`).join('')}`;
}
