// The module tree of a crate's files, as rustc (and discovery) resolve it:
// `mod name;` names `name.rs` or `name/mod.rs` beside a crate root or a
// mod.rs/main.rs/lib.rs file and under `stem/` beside any other file; inline
// `mod`s add folders; `#[path = ".."]` replaces the name.
import path from 'node:path';
import { query } from '../engine/parse.ts';
import type { FileContext, SyntaxNode } from '../engine/types.ts';

const MODS = '(mod_item name: (identifier) @name) @mod';

export interface ModEdge {
  /** The declared module's file (an index into the files). */
  file: number;
  /** Module path from the declaring file down to it: enclosing inline `mod`s, then the name. */
  segs: string[];
}

/** The files that the `mod name;` declarations of `files[i]` name, among `files` (keyed by path in `byPath`). */
export function declaredModules(files: readonly FileContext[], i: number, byPath: ReadonlyMap<string, number>): ModEdge[] {
  const f = files[i];
  const dir = path.posix.dirname(f.path) === '.' ? '' : path.posix.dirname(f.path);
  const stem = path.posix.basename(f.path, '.rs');
  const modRs = f.isCrateRoot || stem === 'mod' || stem === 'main' || stem === 'lib';
  const childBase = modRs ? dir : path.posix.join(dir, stem);
  const out: ModEdge[] = [];
  for (const m of query(MODS).matches(f.tree.rootNode)) {
    const mod = m.captures.find((c) => c.name === 'mod')!.node;
    if (mod.childForFieldName('body')) continue;
    const name = mod.childForFieldName('name')!.text.replace(/^r#/, '');
    const inline: string[] = [];
    for (let p = mod.parent; p; p = p.parent) if (p.type === 'mod_item') inline.unshift(p.childForFieldName('name')!.text);
    const explicit = pathAttr(mod);
    const base = path.posix.join(childBase, ...inline);
    const cands = explicit ? [path.posix.normalize(path.posix.join(inline.length ? base : dir, explicit))] : [path.posix.join(base, `${name}.rs`), path.posix.join(base, name, 'mod.rs')];
    const hit = cands.map((c) => byPath.get(c)).find((x) => x !== undefined);
    if (hit !== undefined) out.push({ file: hit, segs: [...inline, name] });
  }
  return out;
}

/**
 * For each file, the crate roots whose module tree holds it (indexes, in file
 * order). A root is a crate-root file no other file declares as a module (a
 * folder of loose files makes every file a root candidate); a file no root
 * reaches gets none. `src/main.rs` and `src/lib.rs` are two crates: a file
 * both declare belongs to both.
 */
export function crateRootsOf(files: readonly FileContext[]): number[][] {
  const byPath = new Map(files.map((f, i) => [f.path, i]));
  const edges = files.map((_, i) => declaredModules(files, i, byPath));
  const declared = new Set(edges.flatMap((es) => es.map((e) => e.file)));
  const candidates = files.map((_, i) => i).filter((i) => files[i].isCrateRoot);
  const top = candidates.filter((i) => !declared.has(i));
  const out: number[][] = files.map(() => []);
  for (const r of top.length ? top : candidates) {
    const seen = new Set([r]);
    const queue = [r];
    while (queue.length) {
      const i = queue.shift()!;
      out[i].push(r);
      for (const e of edges[i]) {
        if (seen.has(e.file)) continue;
        seen.add(e.file);
        queue.push(e.file);
      }
    }
  }
  return out;
}

/** The value of a `#[path = "..."]` attribute directly on an item, if any. */
export function pathAttr(item: SyntaxNode): string | undefined {
  for (let s = item.previousNamedSibling; s && s.type === 'attribute_item'; s = s.previousNamedSibling) {
    const m = /^#\[\s*path\s*=\s*"([^"]*)"\s*\]$/.exec(s.text);
    if (m) return m[1];
  }
  return undefined;
}
