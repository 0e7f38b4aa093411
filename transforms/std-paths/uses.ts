// std-paths: `use` and `extern crate` declarations: each leaf planned by its
// fate, a declaration split where its leaves go to different homes.
import { removeLines, lineIndent } from '../../src/rewrite/remove-lines.ts';
import { parse } from '../../src/engine/parse.ts';
import { STD_CODES, lookup } from '../../src/kernel-api/std-paths.ts';
import { prefixNode, renderUse, type UseLeaf } from '../../src/rewrite/use-tree.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { fateOf, targetFate, type Fate } from './fate.ts';
import { insideInlineModule, shadowedAt, type FileFacts } from './facts.ts';
import { ROOTS } from './queries.ts';

interface LeafPlan {
  leaf: UseLeaf;
  fate: Fate;
  /** The group this leaf goes to: 'keep' (unchanged) or `prefix@depth`. */
  group: string;
}

function planUse(ctx: FileContext, leaves: UseLeaf[], f: FileFacts): LeafPlan[] {
  const table = ctx.profile.stdPaths;
  return leaves.map((leaf) => {
    const root = leaf.segs[0];
    if (!ROOTS.has(root) || (!leaf.global && shadowedAt(f, root, leaf.node))) return { leaf, fate: { kind: 'keep' }, group: 'keep' };
    const segs = leaf.segs.slice(1);
    if (segs.length === 0) {
      return { leaf, fate: { kind: 'report', code: STD_CODES.other, message: `the kernel has no \`${root}\` crate to import`, help: 'remove the import and name the items through `core::` or `kernel::`' }, group: 'keep' };
    }
    // `use std::assert_eq;` imports a macro (`use std::env;` is still the module).
    const macro = segs.length === 1 && !lookup(table, segs) ? table.macros[segs[0]] : undefined;
    let fate = macro ? targetFate(macro, 1, segs) : fateOf(table, root, segs);
    // Importing the prelude's own name plainly at the top level: the prelude import covers it.
    if (fate.kind === 'prelude') {
      const plain = leaf.kind === 'name' && !leaf.alias && fate.depth === segs.length && !insideInlineModule(leaf.node) && !f.foreignGlob && !f.localPreludeNames.has(fate.name);
      if (plain) return { leaf, fate, group: 'drop' };
      // Keep the import in its kernel form: `kernel::prelude::Vec` (rust/kernel/prelude.rs).
      fate = { kind: 'rewrite', prefix: `kernel::prelude::${fate.name}`, depth: fate.depth };
    }
    if (fate.kind === 'rewrite') return { leaf, fate, group: `${fate.prefix}@${fate.depth}` };
    return { leaf, fate, group: 'keep' };
  });
}

export function runUses(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[], f: FileFacts): void {
  for (const { decl, leaves } of uses) {
    if (decl.hasError) continue;
    const plans = planUse(ctx, leaves, f);
    const untouched = plans.every((p) => p.group === 'keep');
    reportUse(ctx, decl, plans, untouched);
    // A rewrite with a note (K0110): once per declaration and note.
    const noted = new Set<string>();
    for (const p of plans) {
      if (p.fate.kind !== 'rewrite' || !p.fate.note || noted.has(p.fate.note.code)) continue;
      noted.add(p.fate.note.code);
      ctx.report({ code: p.fate.note.code, message: p.fate.note.message.replace('{path}', leafPath(p.leaf)), node: decl, help: p.fate.note.help });
    }
    if (untouched) continue;
    // Groups in the order of their first leaf.
    const order: string[] = [];
    for (const p of plans) if (p.group !== 'drop' && !order.includes(p.group)) order.push(p.group);
    const texts: string[] = [];
    for (const g of order) {
      const members = plans.filter((p) => p.group === g);
      const pruned = renderUse(ctx.text, decl, new Set(members.map((p) => p.leaf.node.id)));
      if (pruned === null) continue;
      if (g === 'keep') {
        texts.push(pruned);
        continue;
      }
      texts.push(...substitute(pruned, members));
    }
    replaceDeclaration(ctx, decl, texts);
  }
}

function leafPath(l: UseLeaf): string {
  return l.segs.join('::') + (l.kind === 'glob' ? '::*' : '');
}

/** One report per path with no home: a list whose leaves all hit the same entry is reported once, as a whole. */
function reportUse(ctx: FileContext, decl: SyntaxNode, plans: LeafPlan[], untouched: boolean): void {
  const keyOf = (p: LeafPlan) => (p.fate.kind === 'report' ? `${p.leaf.segs[0]}|${p.fate.code}|${p.fate.from ?? p.leaf.segs.join('::')}` : undefined);
  const byNode = new Map<number, string | undefined>();
  const leafKeys = new Map<number, string | undefined>(plans.map((p) => [p.leaf.node.id, keyOf(p)]));
  // The key shared by every leaf under `n`, or undefined.
  const shared = (n: SyntaxNode): string | undefined => {
    if (byNode.has(n.id)) return byNode.get(n.id);
    let k: string | undefined;
    if (leafKeys.has(n.id)) k = leafKeys.get(n.id);
    else {
      const kids = n.type === 'scoped_use_list' ? [n.childForFieldName('list')!] : n.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
      const ks = kids.map(shared);
      k = ks.length && ks.every((x) => x !== undefined && x === ks[0]) ? ks[0] : undefined;
    }
    byNode.set(n.id, k);
    return k;
  };
  const arg = decl.childForFieldName('argument')!;
  const done = new Set<number>();
  for (const p of plans) {
    if (p.fate.kind !== 'report') continue;
    let n = p.leaf.node;
    const k = keyOf(p);
    while (n.id !== arg.id && n.parent && shared(n.parent) === k) n = n.parent;
    // A bare list `{a, b}` is reported with its path.
    if (n.type === 'use_list' && n.parent && n.parent.type === 'scoped_use_list' && n.id !== arg.id) n = n.parent;
    if (done.has(n.id)) continue;
    done.add(n.id);
    const path = n.id === p.leaf.node.id ? leafPath(p.leaf) : `${p.leaf.segs[0]}::${p.fate.from}`;
    // rustc rejects an import left as written at its root (`use std::{` of a list spread
    // over lines): the report starts there too, so it covers the line the build error
    // points at. (A declaration kport splits is new text, reported where its paths were.)
    const range = untouched && n.startPosition.row !== arg.startPosition.row ? { start: arg.startIndex, end: n.endIndex } : undefined;
    ctx.report({ code: p.fate.code, message: p.fate.message.replace('{path}', path), ...(range ? { range } : { node: n }), help: p.fate.help });
  }
}

/** Replace the shared prefix of a one-group declaration; one declaration per leaf when the prefix is split across list members. */
function substitute(declText: string, members: LeafPlan[]): string[] {
  const fate = members[0].fate as Extract<Fate, { kind: 'rewrite' }>;
  const tree = parse(declText);
  const decl = tree.rootNode.namedChildren.find((n) => n.type === 'use_declaration');
  const arg = decl?.childForFieldName('argument');
  const node = arg && prefixNode(arg, fate.depth + 1);
  if (decl && node && !tree.rootNode.hasError) {
    return [declText.slice(0, node.startIndex) + fate.prefix + declText.slice(node.endIndex)];
  }
  const vis = decl?.namedChildren.find((n) => n.type === 'visibility_modifier');
  const head = vis ? `${vis.text} use ` : 'use ';
  return members.map(({ leaf }) => {
    const rest = leaf.segs.slice(fate.depth + 1);
    const path = [fate.prefix, ...rest].join('::');
    const tail = leaf.kind === 'glob' ? '::*' : leaf.alias ? ` as ${leaf.alias}` : '';
    return `${head}${path}${tail};`;
  });
}

/** Outer attributes directly above an item (no blank line between). */
function attributesOf(ctx: FileContext, item: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur = item.previousSibling;
  let next = item;
  while (cur && cur.type === 'attribute_item' && !/\n[ \t]*\n/.test(ctx.text.slice(cur.endIndex, next.startIndex))) {
    out.unshift(cur);
    next = cur;
    cur = cur.previousSibling;
  }
  return out;
}

function replaceDeclaration(ctx: FileContext, decl: SyntaxNode, texts: string[]): void {
  const attrs = attributesOf(ctx, decl);
  if (texts.length === 0) {
    removeLines(ctx, attrs[0] ?? decl, decl);
    return;
  }
  const indent = lineIndent(ctx.text, decl.startIndex);
  const attrText = attrs.map((a) => `${a.text}\n${indent}`).join('');
  const joined = texts.map((t, i) => (i === 0 ? t : `\n${indent}${attrText}${t}`)).join('');
  if (joined !== decl.text) ctx.edits.replace(decl, joined);
}

// ---------------------------------------------------------------- extern crate

export function runExternCrates(ctx: FileContext): { start: number; end: number }[] {
  const skip: { start: number; end: number }[] = [];
  for (const m of ctx.matches('extern')) {
    const decl = m.captures.find((c) => c.name === 'decl')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node.text;
    skip.push({ start: decl.startIndex, end: decl.endIndex });
    if (!ROOTS.has(name) || decl.childForFieldName('alias') || decl.hasError) continue;
    if (name === 'alloc' && ctx.profile.stdPaths.allocCrate) continue;
    // The kernel links neither std nor (from 6.13) alloc: the declaration goes, with its attributes.
    const attrs = attributesOf(ctx, decl);
    removeLines(ctx, attrs[0] ?? decl, decl);
  }
  return skip;
}
