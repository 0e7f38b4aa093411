// The module tree of a crate's files, as rustc resolves it: `mod name;` names
// `name.rs` or `name/mod.rs` beside a crate root or a mod.rs/main.rs/lib.rs
// file and under `stem/` beside any other file; inline `mod`s add folders
// (their `#[path]` replaces the folder name); `#[path = ".."]` on the
// declaration replaces the file. One computation serves discovery (which
// looks the candidate files up on disk) and the crate model (which looks them
// up among the files it was given, src/crate/model.ts).
import path from 'node:path';
import { declareQueries } from '../engine/queries.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';

const QUERIES = declareQueries('mod-tree', { mods: '(mod_item name: (identifier) @name) @mod' });

/** A `mod name;` declaration (one without a body) and the files it may name. */
export interface ModDecl {
  /** The declared name (`r#` removed). */
  name: string;
  /** Module path from the declaring file down to the module: enclosing inline `mod`s as written, then the name. */
  segs: string[];
  /** The files it may name, relative to the crate folder, in the order rustc tries them. */
  candidates: string[];
}

/** The `mod name;` declarations of the file at `rel` (a crate root or mod.rs-like file when `isModRs`). */
export function modDeclarations(rel: string, isModRs: boolean, tree: Tree): ModDecl[] {
  const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const stem = path.posix.basename(rel, '.rs');
  const fileIsModRs = isModRs || stem === 'mod' || stem === 'main' || stem === 'lib';
  const childBase = fileIsModRs ? dir : path.posix.join(dir, stem);
  const out: ModDecl[] = [];
  // No `mod` keyword, no module declaration: the walk is skipped (most files of a crate).
  if (!/\bmod\b/.test(tree.rootNode.text)) return out;
  for (const m of QUERIES.matches('mods', tree.rootNode)) {
    const mod = m.captures.find((c) => c.name === 'mod')!.node;
    if (mod.childForFieldName('body')) continue;
    const name = m.captures.find((c) => c.name === 'name')!.node.text.replace(/^r#/, '');
    // Inline modules around this declaration add folders; #[path] on them replaces the name.
    const written: string[] = [];
    const folders: string[] = [];
    for (let p = mod.parent; p; p = p.parent) {
      if (p.type !== 'mod_item') continue;
      const n = p.childForFieldName('name')!.text;
      written.unshift(n);
      folders.unshift(pathAttr(p) ?? n.replace(/^r#/, ''));
    }
    const explicit = pathAttr(mod);
    let candidates: string[];
    if (explicit) {
      const base = folders.length ? path.posix.join(childBase, ...folders) : dir;
      candidates = [path.posix.normalize(path.posix.join(base, explicit))];
    } else {
      const base = path.posix.join(childBase, ...folders);
      candidates = [path.posix.join(base, `${name}.rs`), path.posix.join(base, name, 'mod.rs')];
    }
    out.push({ name, segs: [...written, name], candidates });
  }
  return out;
}

export interface ModEdge {
  /** The declared module's file (an index into the files). */
  file: number;
  /** Module path from the declaring file down to it: enclosing inline `mod`s, then the name. */
  segs: string[];
}

/** The files that the `mod name;` declarations of each file name, among the files. */
export function moduleEdges(files: readonly { path: string; isCrateRoot: boolean; tree: Tree }[]): ModEdge[][] {
  const byPath = new Map(files.map((f, i) => [f.path, i]));
  return files.map((f) => {
    const out: ModEdge[] = [];
    for (const d of modDeclarations(f.path, f.isCrateRoot, f.tree)) {
      const hit = d.candidates.map((c) => byPath.get(c)).find((x) => x !== undefined);
      if (hit !== undefined) out.push({ file: hit, segs: d.segs });
    }
    return out;
  });
}

/**
 * For each file, the crate roots whose module tree holds it (indexes, in file
 * order). A root is a crate-root file no other file declares as a module (a
 * folder of loose files makes every file a root candidate); a file no root
 * reaches gets none. `src/main.rs` and `src/lib.rs` are two crates: a file
 * both declare belongs to both.
 */
export function crateRootsOf(files: readonly { isCrateRoot: boolean }[], edges: readonly ModEdge[][]): number[][] {
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

/** Module key (`a::b`, '' for a crate root) of each file, following `mod x;` declarations from the crate roots; a file none reaches gets its place in the folder tree. */
export function moduleKeys(files: readonly { path: string; isCrateRoot: boolean }[], edges: readonly ModEdge[][]): string[] {
  const out: (string | undefined)[] = files.map((f) => (f.isCrateRoot ? '' : undefined));
  const queue = files.map((_, i) => i).filter((i) => files[i].isCrateRoot);
  while (queue.length) {
    const i = queue.shift()!;
    for (const e of edges[i]) {
      if (out[e.file] !== undefined) continue;
      out[e.file] = [out[i]!, ...e.segs].filter((p) => p !== '').join('::');
      queue.push(e.file);
    }
  }
  return out.map((k, i) => k ?? files[i].path.replace(/^src\//, '').replace(/(\/mod)?\.rs$/, '').split('/').join('::'));
}

/** The value of a `#[path = "..."]` attribute directly on an item, if any. */
export function pathAttr(item: SyntaxNode): string | undefined {
  for (let s = item.previousNamedSibling; s && s.type === 'attribute_item'; s = s.previousNamedSibling) {
    const m = /^#\[\s*path\s*=\s*"([^"]*)"\s*\]$/.exec(s.text);
    if (m) return m[1];
  }
  return undefined;
}
