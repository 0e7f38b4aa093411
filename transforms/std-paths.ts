import { removeLines, lineIndent } from '../src/rewrite/remove-lines.ts';
import { parse, prefetch, query } from '../src/engine/parse.ts';
import type { CodeInfo, FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { relyingOn } from '../src/analysis/diverging.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { STD_CODES, lookup, type StdPathEntry, type StdPathTable, type StdTarget } from '../src/kernel-api/std-paths.ts';
import { prefixNode, renderUse, useLeaves, type UseLeaf } from '../src/rewrite/use-tree.ts';
import { inRanges, testQueries, testRanges } from '../src/analysis/testcode.ts';

/**
 * std-paths: paths rooted at `std` (and `alloc`) move to their core/kernel home.
 *
 *   use std::{mem, fmt, collections::HashMap};  →  use core::mem;
 *                                                  use kernel::fmt;
 *                                                  use std::collections::HashMap; // K0201
 */

const ROOTS = new Set(['std', 'alloc']);
// print-macros owns these; allocation owns `vec!` once it is unqualified.
const PRINT_MACROS = new Set(['println', 'print', 'eprintln', 'eprint']);

const ROOT_PATHS = `
  (scoped_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))
  (scoped_type_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))
  (scoped_identifier !path name: (identifier) @root (#match? @root "^(std|alloc)$"))
`;
const USES = '(use_declaration argument: (_) @arg) @use';
const EXTERN = '(extern_crate_declaration name: (identifier) @name) @decl';
const LOCAL_MODS = '(mod_item name: (identifier) @name (#match? @name "^(std|alloc)$")) @mod';
const TOKEN_ROOTS = '(token_tree (identifier) @id (#match? @id "^(std|alloc)$"))';
const LOCAL_MACROS = '(macro_definition name: (identifier) @name)';
const LOCAL_TYPES = `
  (struct_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (enum_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (type_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (trait_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (union_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
`;

/** What becomes of one std path. */
type Fate =
  | { kind: 'rewrite'; prefix: string; depth: number; note?: { code: string; message: string; help: string } } // replace the first `depth` segments after the root (and the root) with `prefix`
  | { kind: 'prelude'; name: string; depth: number }
  | { kind: 'report'; code: string; message: string; help: string; from?: string }
  | { kind: 'keep' };

function fateOf(table: StdPathTable, root: string, segs: readonly string[]): Fate {
  const hit = lookup(table, segs);
  if (!hit) {
    return {
      kind: 'report',
      code: STD_CODES.other,
      message: '`{path}` has no known kernel equivalent',
      help: 'kernel code has only `core` and the `kernel` crate (rust/kernel/lib.rs); find the kernel API that does this job',
    };
  }
  return targetFate(hit.entry.target, hit.depth, segs);
}

function targetFate(t: StdTarget, depth: number, segs: readonly string[]): Fate {
  if (t.kind === 'path') {
    // Substitute as little as possible: `std::mem` → `core::mem` is `std` → `core`, so
    // `use std::{mem, ptr}` keeps its braces, comments and layout.
    const to = t.to.split('::');
    while (depth > 0 && to.length > 1 && to[to.length - 1] === segs[depth - 1]) {
      to.pop();
      depth--;
    }
    return { kind: 'rewrite', prefix: to.join('::'), depth, ...(t.note ? { note: t.note } : {}) };
  }
  if (t.kind === 'prelude') return { kind: 'prelude', name: t.name, depth };
  if (t.kind === 'owned') return { kind: 'keep' };
  return { kind: 'report', code: t.code, message: t.message, help: t.help, from: segs.slice(0, depth).join('::') };
}

interface FileFacts {
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
function shadowedAt(f: FileFacts, name: string, at: SyntaxNode): boolean {
  const scopes = f.shadows.filter((s) => s.name === name);
  if (!scopes.length) return false;
  for (let p = at.parent; p; p = p.parent) {
    if (scopes.some((s) => s.scope.id === p!.id)) return true;
    if (p.type === 'mod_item') return false;
  }
  return false;
}

function facts(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[]): FileFacts {
  const root = ctx.tree.rootNode;
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
  for (const m of query(LOCAL_MODS).matches(root)) report(m.captures.find((c) => c.name === 'mod')!.node, m.captures.find((c) => c.name === 'name')!.node.text, 'a local module');
  const localPreludeNames = new Set(query(LOCAL_TYPES).captures(root).map((c) => c.node.text));
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
  for (const m of query(EXTERN).matches(root)) {
    const decl = m.captures.find((c) => c.name === 'decl')!.node;
    const alias = decl.childForFieldName('alias');
    if (alias && ROOTS.has(alias.text) && alias.text !== m.captures.find((c) => c.name === 'name')!.node.text) report(decl, alias.text, 'another crate');
  }
  const localMacros = new Set(query(LOCAL_MACROS).matches(root).map((m) => m.captures[0].node.text));
  return { shadows, localMacros, localPreludeNames, foreignGlob };
}

function insideInlineModule(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'mod_item') return true;
  return false;
}

/** The name a prelude item is written as at `at`: bare where the prelude import will reach it, else qualified. */
function preludeName(name: string, at: SyntaxNode, f: FileFacts): string {
  if (f.localPreludeNames.has(name) || insideInlineModule(at)) return `kernel::prelude::${name}`;
  return name;
}

// ---------------------------------------------------------------- use declarations

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

function runUses(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[], f: FileFacts): void {
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

// ---------------------------------------------------------------- paths in code

function inside(n: SyntaxNode, ranges: readonly { start: number; end: number }[]): boolean {
  return ranges.some((r) => n.startIndex >= r.start && n.endIndex <= r.end) || inBrokenItem(n);
}

/**
 * Inside a syntax error, or inside a top-level item that has one: left alone,
 * reported or not. A clean item that tree-sitter wrapped in an ERROR node is
 * still real code (as the pipeline's forbiddenRanges sees it).
 */
function inBrokenItem(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    const top = p.parent?.type === 'source_file' || p.parent?.type === 'ERROR';
    if (top && isItem(p)) return p.hasError;
    if (p.type === 'ERROR') return true;
  }
  return false;
}

function isItem(n: SyntaxNode): boolean {
  return n.type.endsWith('_item') || n.type.endsWith('_declaration') || n.type === 'macro_definition' || n.type === 'macro_invocation';
}

/** std functions that never return: a block ending in a call of one takes any type (src/analysis/diverging.ts). */
const DIVERGING = new Set(['process::exit', 'process::abort']);

function runPaths(ctx: FileContext, f: FileFacts, skip: readonly { start: number; end: number }[]): void {
  const table = ctx.profile.stdPaths;
  for (const c of query(ROOT_PATHS).captures(ctx.tree.rootNode)) {
    const rootIdent = c.node;
    const rootNode = rootIdent.parent!.childForFieldName('path') ? rootIdent : rootIdent.parent!; // `::std` is its own scoped_identifier
    const global = rootNode !== rootIdent;
    if (inside(rootNode, skip)) continue;
    const root = rootIdent.text;
    if (!global && shadowedAt(f, root, rootNode)) continue;
    // Climb to the whole path, one node per segment.
    const chain: SyntaxNode[] = [rootNode];
    const segs: string[] = [];
    let cur = rootNode;
    for (let p = cur.parent; p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('path')?.id === cur.id; p = p.parent) {
      segs.push(p.childForFieldName('name')?.text ?? '');
      chain.push(p);
      cur = p;
    }
    if (segs.length === 0) continue;
    const full = chain[chain.length - 1];
    const macro = full.parent?.type === 'macro_invocation' && full.parent.childForFieldName('macro')?.id === full.id;
    if (macro) {
      macroPath(ctx, f, table, root, segs, { start: rootNode.startIndex, end: full.endIndex }, full);
      continue;
    }
    const fate = fateOf(table, root, segs);
    if (fate.kind === 'report' && reportedElsewhere(ctx, segs, full)) continue;
    // `Err(e) => { ..; std::process::exit(2); }`: rustc rejects the block that relied on exit never returning.
    const call = full.parent?.type === 'call_expression' && full.parent.childForFieldName('function')?.id === full.id ? full.parent : undefined;
    const relying = fate.kind === 'report' && call && DIVERGING.has(segs.join('::')) ? relyingOn(call) : undefined;
    if (relying && fate.kind === 'report') {
      const help = `${fate.help}; the value of the code from here to the call relied on \`${segs[segs.length - 1]}\` never returning, so the build rejects it here once the call is gone`;
      applyFate(ctx, f, { ...fate, help }, root, segs, chain.map((n) => ({ start: n.startIndex, end: n.endIndex })), full, { start: relying.startIndex, end: full.endIndex });
      continue;
    }
    applyFate(ctx, f, fate, root, segs, chain.map((n) => ({ start: n.startIndex, end: n.endIndex })), full);
  }
}

/**
 * Constructs another pass reports or ports as a whole, so a second report here
 * would only repeat it: `dyn std::error::Error` (check-dyn-error, K0670), the trait of
 * `impl std::error::Error for T` (std-error-impls, K0332), and
 * `std::process::exit(..)` in the crate root's `fn main` (module-entry, K0506).
 */
function reportedElsewhere(ctx: FileContext, segs: readonly string[], full: SyntaxNode): boolean {
  const path = segs.join('::');
  if (path === 'error::Error' && full.parent?.type === 'dynamic_type') return true;
  // `impl std::error::Error for T { .. }`: std-error-impls removes the empty ones and reports the rest (K0332).
  if (path === 'error::Error' && full.parent?.type === 'impl_item' && full.parent.childForFieldName('trait')?.id === full.id) return true;
  if (path === 'process::exit' && ctx.isCrateRoot && full.parent?.type === 'call_expression' && full.parent.childForFieldName('function')?.id === full.id) {
    for (let p = full.parent.parent; p; p = p.parent) {
      if (p.type === 'closure_expression' || p.type === 'impl_item' || p.type === 'trait_item' || p.type === 'mod_item') return false;
      if (p.type === 'function_item') return p.childForFieldName('name')?.text === 'main' && p.parent?.type === 'source_file';
    }
  }
  return false;
}

function applyFate(ctx: FileContext, f: FileFacts, fate: Fate, root: string, segs: string[], ranges: { start: number; end: number }[], at: SyntaxNode, rangeForReport?: { start: number; end: number }): void {
  const whole = rangeForReport ?? ranges[ranges.length - 1];
  if (fate.kind === 'rewrite') {
    ctx.edits.replace(ranges[fate.depth], fate.prefix);
    if (fate.note) ctx.report({ code: fate.note.code, message: fate.note.message.replace('{path}', [root, ...segs].join('::')), range: whole, help: fate.note.help });
  } else if (fate.kind === 'prelude') ctx.edits.replace(ranges[fate.depth], preludeName(fate.name, at, f));
  else if (fate.kind === 'report') ctx.report({ code: fate.code, message: fate.message.replace('{path}', [root, ...segs].join('::')), range: whole, help: fate.help });
}

function macroPath(ctx: FileContext, f: FileFacts, table: StdPathTable, root: string, segs: string[], range: { start: number; end: number }, at: SyntaxNode): void {
  if (segs.length !== 1) return;
  const name = segs[0];
  if (PRINT_MACROS.has(name)) return;
  if (name === 'vec') {
    // `vec!` is the allocation transform's to rewrite; unqualified it means the same macro.
    if (!f.localMacros.has('vec')) ctx.edits.replace(range, 'vec');
    return;
  }
  const t = table.macros[name];
  if (!t) {
    ctx.report({ code: STD_CODES.other, message: `\`${root}::${name}!\` has no known kernel equivalent`, range, help: 'kernel code has only the `core` macros and the kernel crate\'s own (rust/kernel/lib.rs)' });
    return;
  }
  if (t.kind === 'path') ctx.edits.replace(range, t.to);
  else if (t.kind === 'none') ctx.report({ code: t.code, message: t.message.replace('{path}', `${root}::${name}!`), range, help: t.help });
  void at;
}

/** `std::a::b` written as tokens inside a macro call or an attribute's arguments. */
function runTokenPaths(ctx: FileContext, f: FileFacts, skip: readonly { start: number; end: number }[]): void {
  const table = ctx.profile.stdPaths;
  for (const c of query(TOKEN_ROOTS).captures(ctx.tree.rootNode)) {
    const id = c.node;
    if (inside(id, skip)) continue;
    const prev = id.previousSibling;
    let global = false;
    let start = id.startIndex;
    if (prev && prev.type === '::') {
      const before = prev.previousSibling;
      if (before && (before.type === 'identifier' || before.type === 'super' || before.type === 'crate' || before.type === 'self' || before.type === '$' || before.type === 'metavariable')) continue;
      if (before && before.endIndex === prev.startIndex && /[\w$]/.test(ctx.text[prev.startIndex - 1] ?? '')) continue;
      global = true;
      start = prev.startIndex;
    }
    const root = id.text;
    if (!global && shadowedAt(f, root, id)) continue;
    const segs: string[] = [];
    const ranges = [{ start, end: id.endIndex }];
    let cur: SyntaxNode = id;
    // Segments are identifiers, or primitive type names (`std::f64::consts::PI`).
    for (;;) {
      const sep = cur.nextSibling;
      const seg = sep?.type === '::' ? sep.nextSibling : null;
      if (!seg || (seg.type !== 'identifier' && seg.type !== 'primitive_type')) break;
      cur = seg;
      segs.push(cur.text);
      ranges.push({ start, end: cur.endIndex });
    }
    if (segs.length === 0) continue;
    if (cur.nextSibling?.type === '!') {
      macroPath(ctx, f, table, root, segs, ranges[ranges.length - 1], id);
      continue;
    }
    applyFate(ctx, f, fateOf(table, root, segs), root, segs, ranges, id);
  }
}

// ---------------------------------------------------------------- extern crate

function runExternCrates(ctx: FileContext): { start: number; end: number }[] {
  const skip: { start: number; end: number }[] = [];
  for (const m of query(EXTERN).matches(ctx.tree.rootNode)) {
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

function run(full: FileContext): void {
  const root = full.tree.rootNode;
  prefetch(root, 'matches', [USES, LOCAL_MODS, EXTERN, LOCAL_MACROS, ...testQueries(full.tree)]);
  prefetch(root, 'captures', [LOCAL_TYPES, ROOT_PATHS, TOKEN_ROOTS]);
  // Test-only code never reaches the kernel build: its paths are still rewritten
  // (so the file stays consistent) but not reported (src/analysis/testcode.ts).
  const tests = testRanges(full.tree);
  const ctx: FileContext = tests.length
    ? {
        ...full,
        path: full.path,
        text: full.text,
        tree: full.tree,
        report: (r) => {
          const start = r.node ? r.node.startIndex : (r.range?.start ?? 0);
          const end = r.node ? r.node.endIndex : (r.range?.end ?? start);
          if (!inRanges(tests, start, end)) full.report(r);
        },
      }
    : full;
  const uses = query(USES)
    .matches(ctx.tree.rootNode)
    .map((m) => ({ decl: m.captures.find((c) => c.name === 'use')!.node, leaves: useLeaves(m.captures.find((c) => c.name === 'arg')!.node) }));
  const f = facts(ctx, uses);
  const skip = runExternCrates(ctx);
  runUses(ctx, uses, f);
  for (const u of uses) skip.push({ start: u.decl.startIndex, end: u.decl.endIndex });
  runPaths(ctx, f, skip);
  runTokenPaths(ctx, f, skip);
  runModuleAliases(ctx, uses, f, skip);
}

/**
 * Paths through an imported std module: after \`use std::fmt;\` → \`use kernel::fmt;\`,
 * \`fmt::LowerHex\` must become \`core::fmt::LowerHex\` (kernel::fmt does not re-export it),
 * and after \`use std::sync;\`, \`sync::Mutex\` is reported. Only items with an entry of
 * their own are touched; the rest follow the module.
 */
function runModuleAliases(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[], f: FileFacts, skip: readonly { start: number; end: number }[]): void {
  const table = ctx.profile.stdPaths;
  const modules = new Map<string, { root: string; segs: string[] }>();
  for (const u of uses) {
    for (const l of u.leaves) {
      const root = l.segs[0];
      if (!ROOTS.has(root) || (!l.global && shadowedAt(f, root, l.node)) || l.kind === 'glob' || l.segs.length < 2) continue;
      const name = l.alias ?? l.segs[l.segs.length - 1];
      const segs = l.segs.slice(1);
      const hit = lookup(table, segs);
      // Only modules: an entry that covers more than the imported path exists.
      if (!table.entries.some((e) => e.from.startsWith(segs.join('::') + '::'))) continue;
      if (hit && hit.depth > segs.length) continue;
      if (!/^[A-Za-z_]\w*$/.test(name) || ROOTS.has(name)) continue;
      modules.set(name, { root, segs });
    }
  }
  if (modules.size === 0) return;
  const names = [...modules.keys()].sort().join('|');
  const q = `(scoped_identifier path: (identifier) @root (#match? @root "^(${names})$"))
    (scoped_type_identifier path: (identifier) @root (#match? @root "^(${names})$"))`;
  for (const c of query(q).captures(ctx.tree.rootNode)) {
    const alias = c.node;
    if (inside(alias, skip)) continue;
    const mod = modules.get(alias.text)!;
    const chain: SyntaxNode[] = [alias];
    const rest: string[] = [];
    let cur = alias;
    for (let p = cur.parent; p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('path')?.id === cur.id; p = p.parent) {
      rest.push(p.childForFieldName('name')?.text ?? '');
      chain.push(p);
      cur = p;
    }
    const full = [...mod.segs, ...rest];
    const hit = lookup(table, full);
    if (!hit || hit.depth <= mod.segs.length) continue;
    const node = chain[hit.depth - mod.segs.length];
    const t = hit.entry.target;
    if (t.kind === 'path') ctx.edits.replace(node, t.to);
    else if (t.kind === 'prelude') ctx.edits.replace(node, preludeName(t.name, node, f));
    else if (t.kind === 'none') ctx.report({ code: t.code, message: t.message.replace('{path}', [mod.root, ...full].join('::')), node: chain[chain.length - 1], help: t.help });
  }
}

function explanation(title: string, body: string): string {
  return `${title}\n\n${body}`;
}

const codes: CodeInfo[] = [
  {
    code: STD_CODES.kernelAlternative,
    severity: 'note',
    title: 'rewritten to core, and the kernel has its own form too',
    explanation: `The path was rewritten to the \`core\` item std re-exports, which builds in a
module; the kernel also has an API of its own for the job, which kernel code is
expected to use. For atomics (profiles v6.19 and mainline, whose kernels all have
rust/kernel/sync/atomic.rs, 6.18+) that is \`kernel::sync::atomic::Atomic<T>\` with
the kernel memory model's orderings; on older profiles \`core::sync::atomic\` is
the only form and no note is given.

Before:
    use std::sync::atomic::{AtomicU32, Ordering};
    static HITS: AtomicU32 = AtomicU32::new(0);
    HITS.fetch_add(1, Ordering::Relaxed);
After (kport):
    use core::sync::atomic::{AtomicU32, Ordering};
After (by hand, the kernel's own):
    use kernel::sync::atomic::{Atomic, Relaxed};
    static HITS: Atomic<u32> = Atomic::new(0);
    HITS.fetch_add(1, Relaxed);`,
  },
  {
    code: STD_CODES.collections,
    severity: 'error',
    title: 'std collection with no kernel equivalent',
    explanation: explanation(
      'HashMap, HashSet, BTreeMap, BTreeSet, VecDeque, BinaryHeap and LinkedList do not exist in kernel Rust: they allocate infallibly, and the kernel has no hasher.',
      `kport leaves the path as written. Pick the kernel structure that fits the use:
an ordered map is \`kernel::rbtree::RBTree\` (rust/kernel/rbtree.rs, from 6.12), an
index → object map is \`kernel::xarray::XArray\` (rust/kernel/xarray.rs, from 6.16),
and a small set or map is often a sorted \`KVec\` searched with \`binary_search\`.

Before:
    use std::collections::BTreeMap;
    let mut m = BTreeMap::new();
    m.insert(3, "c");
After (by hand, mainline):
    use kernel::rbtree::RBTree;
    let mut m = RBTree::new();
    m.try_create_and_insert(3, "c", GFP_KERNEL)?;`,
    ),
  },
  {
    code: STD_CODES.io,
    severity: 'error',
    title: 'std::io has no kernel equivalent',
    explanation: `The kernel has no stdin, stdout, files or Read/Write streams. A module that
exchanged bytes with a user becomes a misc character device (\`kernel::miscdevice\`,
rust/kernel/miscdevice.rs, from 6.13) whose read and write callbacks use
\`kernel::uaccess::UserSliceReader\`/\`UserSliceWriter\`; output for a person goes to
the kernel log with \`pr_info!\`.

Before:
    use std::io::{self, Read};
    io::stdin().read_to_string(&mut s)?;
After (by hand): a \`MiscDevice\` implementation whose \`write_iter\` receives the bytes.

A program that reads stdin line by line in one loop in \`main\` is ported this way
by \`kport rewrite --io miscdev\` (or \`[package.metadata.kport] io = "miscdev"\`):
the loop body becomes a handler run once per line written to /dev/NAME, and what
it prints is read back from the device (see \`kport explain io-miscdev\`).`,
  },
  {
    code: STD_CODES.fs,
    severity: 'error',
    title: 'std::fs has no kernel equivalent',
    explanation: `A kernel module does not open files by path. Settings come from module
parameters; data a user provides arrives through a character device; a blob shipped
with the module is loaded with \`kernel::firmware::Firmware::request\` (rust/kernel/firmware.rs).

Before:
    let cfg = std::fs::read_to_string("/etc/game.conf")?;
After (by hand):
    module! { ..., params: { level: u32 { default: 1, description: "Level" } } }`,
  },
  {
    code: STD_CODES.net,
    severity: 'error',
    title: 'std::net has no kernel equivalent',
    explanation: `There are no kernel Rust socket bindings a module can use like std::net.
Keep the networking in user space and talk to the module through a character device.

Before:
    let s = std::net::TcpStream::connect("10.0.0.1:80")?;
After: the user-space half connects; the module reads what it forwards.`,
  },
  {
    code: STD_CODES.env,
    severity: 'error',
    title: 'a kernel module has no environment or arguments',
    explanation: `std::env::args and std::env::var have no kernel meaning. Use module parameters
(\`params:\` in \`module!\`, rust/kernel/module_param.rs), set at load time with
\`insmod mod.ko level=3\`.

Before:
    let level: u32 = std::env::args().nth(1).unwrap().parse().unwrap();
After (by hand):
    module! { ..., params: { level: u32 { default: 1, description: "Level" } } }`,
  },
  {
    code: STD_CODES.process,
    severity: 'error',
    title: 'a kernel module has no process',
    explanation: `std::process::exit and Command have no kernel equivalent. Where the program
exited with an error, return the error from \`init\` (the module then fails to load).

Before:
    if bad { std::process::exit(1); }
After (by hand):
    if bad { return Err(EINVAL); }`,
  },
  {
    code: STD_CODES.thread,
    severity: 'error',
    title: 'std::thread has no kernel equivalent',
    explanation: `Kernel modules do not spawn threads; deferred work is a work item
(\`kernel::workqueue\`, rust/kernel/workqueue.rs) and sleeping is
\`kernel::time::delay::fsleep\` on mainline (rust/kernel/time/delay.rs).

Before:
    std::thread::sleep(std::time::Duration::from_millis(10));
After (by hand, mainline):
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(10));`,
  },
  {
    code: STD_CODES.string,
    severity: 'error',
    title: 'the kernel has no String',
    explanation: `std::string::String (and format!, ToString) allocate infallibly. Owned text in
the kernel is \`kernel::str::CString\`, built with \`CString::try_from_fmt(fmt!(..))?\`;
constants are \`&CStr\` from \`c_str!\` (rust/kernel/str.rs).

Before:
    let s: std::string::String = format!("p{}", n);
After (by hand):
    let s = CString::try_from_fmt(fmt!("p{}", n))?;`,
  },
  {
    code: STD_CODES.rc,
    severity: 'error',
    title: 'the kernel has no Rc',
    explanation: `Reference counting in the kernel is \`kernel::sync::Arc\` (rust/kernel/sync/arc.rs),
whose constructor is fallible.

Before:
    let a = std::rc::Rc::new(x);
After (by hand):
    let a = kernel::sync::Arc::new(x, GFP_KERNEL)?;`,
  },
  {
    code: STD_CODES.sync,
    severity: 'error',
    title: 'std lock, channel or once-cell with no drop-in kernel equivalent',
    explanation: `Kernel locks (\`kernel::sync::Mutex\`, \`SpinLock\`, \`CondVar\`; rust/kernel/sync/lock/mutex.rs)
must be pinned and initialised in place (\`new_mutex!\` inside \`pin_init!\`), so a
mechanical rewrite is not possible. Channels become a locked queue plus a CondVar.
kport rewrites \`std::sync::Arc\` (to \`kernel::sync::Arc\`) and \`std::sync::atomic\`
(to \`core::sync::atomic\`) and reports the rest.

Before:
    static COUNT: std::sync::Mutex<u32> = std::sync::Mutex::new(0);
After (by hand): a \`#[pin_data]\` struct with a \`#[pin] count: Mutex<u32>\` field built with \`new_mutex!(0)\`.`,
  },
  {
    code: STD_CODES.time,
    severity: 'error',
    title: 'std::time::Instant or SystemTime with no mapping on this profile (now reported by time-api)',
    explanation: `No longer reported: clocks, wall-clock time and sleeping belong to the time-api
transform (K1101-K1106), which rewrites \`std::time::Instant\` and \`thread::sleep\` to the
profile's kernel time API (rust/kernel/time.rs, rust/kernel/time/delay.rs) or reports them.
\`core::time::Duration\` still ports unchanged here. The code stays in the catalogue so that
old reports and \`kport-allow\` comments keep their meaning.

Before:
    let t = std::time::Instant::now();
After (time-api, mainline):
    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();`,
  },
  {
    code: STD_CODES.other,
    severity: 'error',
    title: 'std item with no kernel equivalent',
    explanation: `The path names a part of std that neither \`core\` nor the \`kernel\` crate
provides (an OS service, an unwinding hook, an infallibly allocating type, ...). The
help names the nearest kernel tool.

Before:
    use std::borrow::Cow;
After (by hand): borrow (\`&T\`) or own (\`KBox<T>\`) explicitly.`,
  },
  {
    code: STD_CODES.shadowed,
    severity: 'note',
    title: 'a local item named std or alloc; its paths are left alone',
    explanation: `A local module (\`mod std\`) or an import (\`use foo as std;\`) named \`std\` or \`alloc\`
makes \`std::...\` paths in the module (or block) that declares it mean something else, so
kport does not rewrite them there. As in Rust, the name does not reach modules nested
inside that one, nor the modules around it: \`mod util { pub mod std {..} }\` leaves
\`std::\` paths in \`util\` alone and ports those of the crate root and of \`util\`'s own
submodules. Paths written \`::std::...\` always name the standard library and are still ported.

Before:
    mod std { pub fn helper() {} }
    fn f() { std::helper(); }
After: unchanged.`,
  },
];

export const stdPaths: FileTransform = {
  id: 'std-paths',
  scope: 'file',
  summary: 'Rewrite paths rooted at std and alloc to their core or kernel home, and report those that have none.',
  docs: `Kernel Rust has no std: most of std is re-exported core, a few items are in the
kernel crate, and the rest has no kernel form. The profile's table
(src/kernel-api/std-paths.ts, docs/profiles.md) maps every std path: \`std::mem\`
→ \`core::mem\`, \`std::sync::Arc\` → \`kernel::sync::Arc\`, \`std::fmt\` →
\`kernel::fmt\` on mainline (its Display is the kernel's own trait) and \`core::fmt\`
before. Imports of \`std::vec::Vec\` and \`std::boxed::Box\` are dropped: the kernel
prelude provides both. \`use\` groups whose members go to different places are
split, keeping order, attributes, visibility and comments. Paths are rewritten in
\`use\` trees, code, types, patterns, attributes and macro arguments. Paths with no
kernel home (collections, io, fs, net, env, process, thread, String, Rc, locks) stay as
written and are reported (K0201-K0212), from the \`std\` root of an import left as
written whose list spreads over lines (where rustc rejects it); clocks and \`thread::sleep\` are left to
the time-api transform, which runs first. A local \`std\` module or
\`use x as std\` leaves the \`std::\` paths of the module or block that declares it
alone (K0213); other modules' paths are still ported. Test-only code
(\`#[test]\`, \`#[cfg(test)]\`) is rewritten but not reported. On mainline:

Before:
    use std::{fmt, mem, collections::HashMap, vec::Vec};
    fn f() -> usize { std::mem::size_of::<u64>() }
After:
    use kernel::fmt;
    use core::mem;
    use std::collections::HashMap;
    fn f() -> usize { core::mem::size_of::<u64>() }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: (text) => /\b(std|alloc)\b/.test(text),
  run,
  codes,
};

export type { StdPathEntry };
