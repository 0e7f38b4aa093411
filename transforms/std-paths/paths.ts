// std-paths: std paths in code, types, patterns, attributes and macro
// arguments (as syntax or as raw tokens), and paths through an imported std
// module.
import { capturesOf } from '../../src/engine/queries.ts';
import { relyingOn } from '../../src/analysis/diverging.ts';
import { STD_CODES, lookup, type StdPathTable } from '../../src/kernel-api/std-paths.ts';
import type { UseLeaf } from '../../src/rewrite/use-tree.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { fateOf, type Fate } from './fate.ts';
import { preludeName, shadowedAt, type FileFacts } from './facts.ts';
import { PRINT_MACROS, ROOTS } from './queries.ts';

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

export function runPaths(ctx: FileContext, f: FileFacts, skip: readonly { start: number; end: number }[]): void {
  const table = ctx.profile.stdPaths;
  for (const c of capturesOf(ctx.matches('rootPaths'))) {
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
export function runTokenPaths(ctx: FileContext, f: FileFacts, skip: readonly { start: number; end: number }[]): void {
  const table = ctx.profile.stdPaths;
  for (const c of capturesOf(ctx.matches('tokenRoots'))) {
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

/**
 * Paths through an imported std module: after \`use std::fmt;\` → \`use kernel::fmt;\`,
 * \`fmt::LowerHex\` must become \`core::fmt::LowerHex\` (kernel::fmt does not re-export it),
 * and after \`use std::sync;\`, \`sync::Mutex\` is reported. Only items with an entry of
 * their own are touched; the rest follow the module.
 */
export function runModuleAliases(ctx: FileContext, uses: { decl: SyntaxNode; leaves: UseLeaf[] }[], f: FileFacts, skip: readonly { start: number; end: number }[]): void {
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
  for (const c of capturesOf(ctx.matches('pathHeads')).filter((c) => modules.has(c.node.text))) {
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
