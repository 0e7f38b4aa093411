// What a token inside a macro's arguments is, for a pass that wants to edit
// there. To tree-sitter, `pr_info!("{}", f(x))` is a token tree, so a call
// found by its tokens says nothing about where it runs: as an expression of
// the function around the macro, inside a closure written in the arguments,
// or not at all (`stringify!(f(x))` is text). A `?` may go only in the first
// case, so anything kport cannot read is `unknown`, never guessed.
import { codeRegions, type Region } from './macroargs.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

/**
 * Macros whose arguments are expressions evaluated where the macro is written
 * (std/core/alloc formatting and assertions, the log crate, the kernel's
 * `pr_*!`/`dev_*!`/`fmt!`/`kvec!`). `matches!` has a pattern after its first
 * argument; its guard is an expression too.
 */
export const EXPRESSION_MACROS = new Set(
  (
    'print println eprint eprintln format format_args write writeln panic assert assert_eq assert_ne debug_assert debug_assert_eq debug_assert_ne ' +
    'unreachable todo unimplemented dbg vec matches ' +
    'error warn info debug trace log ' +
    'pr_emerg pr_alert pr_crit pr_err pr_warn pr_notice pr_info pr_debug pr_cont ' +
    'dev_emerg dev_alert dev_crit dev_err dev_warn dev_notice dev_info dev_dbg fmt kvec ' +
    // the compat module's `kformat!` (src/compat/kstring.ts) formats like `format!`; `--io miscdev`'s
    // `miscdev::outln!(out, ..)`/`out!` write `fmt!(..)` of their arguments (templates/miscdev.rs)
    'kformat outln out'
  ).split(' '),
);

/** Macros whose arguments are never run: a call written there is only text. */
export const TEXT_MACROS = new Set('stringify concat include include_str include_bytes env option_env cfg line column file module_path compile_error concat_idents c_str'.split(' '));

export type MacroSite =
  /** Runs where the macro is written; `scope` is the closure (or async block, const, fn) written in the arguments around it. */
  | { kind: 'code'; scope?: SyntaxNode }
  /** Inside the arguments of a macro that never runs them. */
  | { kind: 'text'; macro: string }
  /** kport cannot tell: `why` says which macro and why. */
  | { kind: 'unknown'; macro: string; why: string };

interface Level {
  /** The macro's name, last path segment (`kernel::kvec` → `kvec`). */
  name: string;
  /** Its argument token tree (a node of the file's tree). */
  tt: SyntaxNode;
}

// Nodes of a re-parsed argument list that `?` cannot cross to reach the function around the macro.
const SCOPES = new Set(['closure_expression', 'async_block', 'function_item', 'const_item', 'static_item', 'const_block']);
// Tokens that may start a closure, an async block or an item among a macro's unparsed tokens.
const SCOPE_TOKENS = new Set(['|', '||', 'move', 'async', 'fn', 'const', 'static']);

/** The macro argument lists a token is in, innermost first (nested macros are tokens: `name ! (..)`). */
export function macroLevels(token: SyntaxNode): Level[] {
  const out: Level[] = [];
  for (let p = token.parent; p?.type === 'token_tree'; p = p.parent) {
    const up = p.parent;
    if (up?.type === 'macro_invocation') {
      const m = up.childForFieldName('macro');
      out.push({ name: lastSegment(m?.text ?? ''), tt: p });
      break;
    }
    const bang = p.previousSibling;
    const name = bang?.type === '!' ? bang.previousSibling : null;
    if (name?.type === 'identifier') out.push({ name: name.text, tt: p });
  }
  return out;
}

/**
 * What the code at [start, end) of the file is, when `token` (a leaf of the
 * file's tree inside it) sits in a macro's arguments. `crateMacros`: names the
 * crate defines with `macro_rules!` (they may mean anything, even a std name).
 * `tt`: the token tree holding `token`, when the caller has it from a walk down.
 */
export function macroSite(tree: Tree, token: SyntaxNode, start: number, end: number, crateMacros: ReadonlySet<string>, tt: SyntaxNode | null = token.parent): MacroSite {
  const deep = tooDeep(tree, tt);
  if (deep !== undefined) return { kind: 'unknown', macro: deep, why: `nested more than ${MAX_BRACKET_DEPTH} brackets deep, deeper than kport reads` };
  const levels = macroLevels(token);
  for (const l of levels) if (TEXT_MACROS.has(l.name) && !crateMacros.has(l.name)) return { kind: 'text', macro: l.name };
  for (const l of levels) {
    if (crateMacros.has(l.name)) return { kind: 'unknown', macro: l.name, why: 'a `macro_rules!` macro of this crate, which kport does not expand' };
    if (!EXPRESSION_MACROS.has(l.name)) return { kind: 'unknown', macro: l.name, why: 'a macro kport does not know, so it cannot tell whether its arguments are expressions' };
  }
  const regions = regionsByTT(tree);
  // No token before `start` in the outermost argument list may open a scope: then none does in any level's argument.
  const outer = levels[levels.length - 1]?.tt;
  const mayOpen = outer !== undefined && scopeTokenIn(scopeTokensIn(tree, outer), outer.startIndex + 1, start);
  for (const l of levels) {
    const r = regions.get(l.tt.startIndex);
    if (r && r.tt!.end === l.tt.endIndex) {
      const wrapper = r.root.firstNamedChild;
      for (let p: SyntaxNode | null = r.root.descendantForIndex(start - r.shift, end - r.shift); p && p.id !== wrapper?.id; p = p.parent) {
        if (SCOPES.has(p.type)) return { kind: 'code', scope: p };
      }
    } else if (mayOpen && scopeTokensBefore(tree, outer, l.tt, start)) {
      return { kind: 'unknown', macro: l.name, why: 'whose arguments kport cannot read as expressions, so it cannot tell whether this is inside a closure' };
    }
  }
  return { kind: 'code' };
}

/**
 * Deeper than this many brackets in a macro's arguments, kport does not read
 * what a token is (\`unknown\`): every token's walk up through them is as long
 * as the nesting, and \`vec!\` nested 10,000 deep made the walks quadratic.
 */
export const MAX_BRACKET_DEPTH = 256;

// Per tree: the token trees nested deeper than MAX_BRACKET_DEPTH, by start, to the macro around them (null: none can be).
const deepTrees = treeCache<Map<number, string> | null>();

/** When the token tree `tt` is nested deeper than MAX_BRACKET_DEPTH token trees: the name of the macro call around it. */
function tooDeep(tree: Tree, tt: SyntaxNode | null): string | undefined {
  if (tt?.type !== 'token_tree') return undefined;
  let deep = deepTrees.get(tree);
  if (deep === undefined) deepTrees.set(tree, (deep = deepTokenTrees(tree)));
  return deep?.get(tt.startIndex);
}

/**
 * The starts of the token trees nested deeper than MAX_BRACKET_DEPTH, by one
 * walk down the tree (a walk up from each token, as tree-sitter finds parents
 * by walking down from the root, was quadratic in the nesting); null, without
 * the walk, when the text does not nest brackets that deep.
 */
function deepTokenTrees(tree: Tree): Map<number, string> | null {
  const text = tree.rootNode.text;
  let depth = 0;
  let most = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 40 || ch === 91 || ch === 123) most = Math.max(most, ++depth);
    else if (ch === 41 || ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
  }
  if (most <= MAX_BRACKET_DEPTH) return null;
  const out = new Map<number, string>();
  const c = tree.walk();
  // Token trees among each node on the cursor's path and its ancestors, and the macro call around it.
  const above: { td: number; macro: string }[] = [];
  let td = c.nodeType === 'token_tree' ? 1 : 0;
  let macro = 'a macro';
  for (;;) {
    const type = c.nodeType;
    if (td > MAX_BRACKET_DEPTH && type === 'token_tree') out.set(c.startIndex, macro);
    if (type === 'macro_invocation') macro = lastSegment(c.currentNode.childForFieldName('macro')?.text ?? macro);
    if (c.gotoFirstChild()) {
      above.push({ td, macro });
    } else {
      for (;;) {
        if (c.gotoNextSibling()) break;
        if (!above.length || !c.gotoParent()) return out;
        above.pop();
      }
    }
    const up = above[above.length - 1];
    td = up.td + (c.nodeType === 'token_tree' ? 1 : 0);
    macro = up.macro;
  }
}

// Per tree: the argument regions by the start of their token tree (the first, as `find` took it).
const regionMaps = treeCache<Map<number, Region>>();

function regionsByTT(tree: Tree): Map<number, Region> {
  let m = regionMaps.get(tree);
  if (!m) {
    m = new Map();
    for (const r of codeRegions(tree)) if (r.tt && !m.has(r.tt.start)) m.set(r.tt.start, r);
    regionMaps.set(tree, m);
  }
  return m;
}

// Per tree and outermost argument token tree (by start): the tokens that may open a scope, in text order.
const scopeTokens = treeCache<Map<number, { start: number; end: number }[]>>();

/**
 * The tokens of SCOPE_TOKENS among the token trees under `outer` (a macro's
 * argument list), found by one walk and kept for the tree: every level of a
 * nested macro asks about a part of the same list (a fresh scan per level and
 * token made nested `vec!` literals cubic).
 */
function scopeTokensIn(tree: Tree, outer: SyntaxNode): { start: number; end: number }[] {
  let byOuter = scopeTokens.get(tree);
  if (!byOuter) scopeTokens.set(tree, (byOuter = new Map()));
  let list = byOuter.get(outer.startIndex);
  if (list) return list;
  list = [];
  const c = outer.walk();
  // Depth-first, entering token trees only (as a scan of `k.children` through `token_tree`s would).
  if (c.gotoFirstChild()) {
    for (;;) {
      const type = c.nodeType;
      if (SCOPE_TOKENS.has(type)) list.push({ start: c.startIndex, end: c.endIndex });
      if (type === 'token_tree' && c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent() || c.currentDepth === 0) return done(byOuter, outer, list);
      }
    }
  }
  return done(byOuter, outer, list);
}

function done(byOuter: Map<number, { start: number; end: number }[]>, outer: SyntaxNode, list: { start: number; end: number }[]) {
  byOuter.set(outer.startIndex, list);
  return list;
}

/** Whether, in the argument of `tt` (inside `outer`) that holds `at`, a token before `at` may open a closure, an async block or an item. */
function scopeTokensBefore(tree: Tree, outer: SyntaxNode, tt: SyntaxNode, at: number): boolean {
  let from = tt.startIndex + 1;
  for (const k of tt.children) {
    if (k.startIndex >= at) break;
    if (k.type === ',' || k.type === ';') from = k.endIndex;
  }
  return scopeTokenIn(scopeTokensIn(tree, outer), from, at);
}

/** Whether a token of `list` ends after `from` and starts before `at`. */
function scopeTokenIn(list: { start: number; end: number }[], from: number, at: number): boolean {
  // Tokens do not overlap, so starts and ends ascend together: the first token ending after `from`, if it starts before `at`.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo].start < at;
}

function lastSegment(path: string): string {
  const parts = path.split('::');
  return parts[parts.length - 1].trim();
}
