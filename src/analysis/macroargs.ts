// Code inside macro arguments. To tree-sitter, `println!("{}", v.unwrap())`
// is a token tree, so queries on the file never see the `unwrap` call. This
// helper re-parses each macro's arguments as a tuple (or array) expression
// and hands back those small trees with the offset that maps them onto the
// file. Arguments that do not parse as expressions (`module! { type: T }`,
// macro_rules patterns) are left alone.
import { freezeTree, parse } from '../engine/parse.ts';
import { declareQueries, expectQueries, matchesOnRoot } from '../engine/queries.ts';
import type { FileContext, QueryMatch, SyntaxNode, Tree } from '../engine/types.ts';
import { treeCache } from '../engine/tree-caches.ts';

export interface Region {
  /** Root of the tree to query: the file itself, or a re-parsed argument list. */
  root: SyntaxNode;
  /** Add to a node's offsets to get offsets in the file. */
  shift: number;
  /** The outermost macro invocation in the file this region comes from (absent for the file). */
  host?: SyntaxNode;
  /** The region's source text, for cheap pre-filters before running a query. */
  text: string;
  /** The file range of the macro's argument token tree, brackets included (absent for the file). */
  tt?: { start: number; end: number };
}

/** The query `codeRegions` runs on a tree. */
export const MACROS_QUERY = declareQueries('macroargs', { macros: '(macro_invocation (token_tree) @tt) @call' });
/** Name of the function a re-parsed argument list is wrapped in. */
export const REGION_FN = '__kport_macro_args';
const PREFIX = `fn ${REGION_FN}() { `;
const MAX_DEPTH = 4;
// Keep the re-parsed trees alive as long as the file's tree: nodes point into them.
const cache = treeCache<{ regions: Region[]; trees: Tree[]; parsed: Set<number> }>();

// The re-parsed trees by the text parsed, while anything holds them: each pass that edits a
// file makes a new tree of it, whose regions are mostly the same argument lists. The n-th
// list of one text in a file's regions gets the n-th tree of that text, so no two regions of
// one file share a tree (readers key what they learn of a region by its tree). Only for a
// large file: on a crate of small ones (TheAlgorithms/Rust) the weak cache cost more memory
// (peak RSS 370 -> 397 MB) than the parses it saved.
const LARGE = 128 * 1024;
const byText = new Map<string, WeakRef<Tree>[]>();
const dropped = new FinalizationRegistry<string>((src) => {
  const kept = byText.get(src)?.filter((r) => r.deref());
  if (kept?.length) byText.set(src, kept);
  else byText.delete(src);
});

/** The frozen tree of `src` for its `nth` list in a file: one parsed for an earlier tree of the file when alive (no `nth`: a small file, parsed). */
function regionTree(src: string, nth?: number): Tree {
  // Never edited: queries on it may keep their results with it.
  if (nth === undefined) return freezeTree(parse(src));
  let list = byText.get(src);
  const hit = list?.[nth]?.deref();
  if (hit) return hit;
  const t = freezeTree(parse(src));
  if (!list) byText.set(src, (list = []));
  list[nth] = new WeakRef(t);
  dropped.register(t, src);
  return t;
}

/** A macro invocation's argument token tree: its range and text in the tree it was found in, and the invocation (for a file's own macros). */
interface Macro {
  start: number;
  end: number;
  text: string;
  call?: SyntaxNode;
}

function macrosIn(root: SyntaxNode): Macro[] {
  return MACROS_QUERY.matches('macros', root).map((m) => {
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    // The macro's own argument list: a query's child pattern matches a direct child only, never a token tree nested in it.
    return { start: tt.startIndex, end: tt.endIndex, text: tt.text, call: m.captures.find((c) => c.name === 'call')!.node };
  });
}

// What parsing an argument list's text told, kept by the text (large files only): whether it parses as
// expressions, and the macros inside it. A later tree of the file has mostly the same lists, so
// its regions are listed without parsing them, and each is parsed only when a reader asks for its
// root (a phase whose readers pass a list over on its text alone never parses it: on a large file
// the argument trees are a fifth of the native memory).
interface Plan {
  ok: boolean;
  nested: Macro[];
}
const plans = new Map<string, Plan>();
/** Forget every plan when this many are kept (a long run of large files). */
const PLANS = 1 << 18;

/** The plan of `src` for its `nth` list in a file, and the tree when it had to be parsed (no `nth`: a small file, parsed and not kept). */
function planOf(src: string, nth: number | undefined): { plan: Plan; tree?: Tree } {
  const hit = nth === undefined ? undefined : plans.get(src);
  if (hit) return { plan: hit };
  const tree = regionTree(src, nth);
  const ok = !tree.rootNode.hasError;
  // Nested lists keep no node of this tree: the tree may go before the plan does.
  const plan = { ok, nested: ok && src.includes('!') ? macrosIn(tree.rootNode).map(({ start, end, text }) => ({ start, end, text })) : [] };
  if (nth !== undefined) {
    if (plans.size >= PLANS) plans.clear();
    plans.set(src, plan);
  }
  return { plan, tree };
}

/** A macro argument list's region, parsed when its root is first asked for (unless it came parsed). */
class LazyRegion implements Region {
  #tree: Tree | undefined;
  #root: SyntaxNode | undefined;

  constructor(
    readonly text: string,
    readonly shift: number,
    readonly host: SyntaxNode,
    readonly tt: { start: number; end: number },
    private readonly nth: number | undefined,
    private readonly trees: Tree[],
    tree: Tree | undefined,
  ) {
    if (tree) this.keep(tree);
  }

  get root(): SyntaxNode {
    if (!this.#root) this.#root = (this.#tree ?? this.keep(regionTree(this.text, this.nth))).rootNode;
    return this.#root;
  }

  private keep(tree: Tree): Tree {
    this.#tree = tree;
    this.trees.push(tree);
    return tree;
  }
}

// `seen`: per text, how many lists of it the file has had (undefined: no reuse, a small file).
function collect(macros: Macro[], text: string, shift: number, host: SyntaxNode | undefined, depth: number, out: Region[], trees: Tree[], parsed: Set<number>, seen: Map<string, number> | undefined): void {
  if (depth >= MAX_DEPTH || !text.includes('!')) return;
  for (const mac of macros) {
    const open = mac.text[0];
    if (open !== '(' && open !== '[') continue;
    const inner = mac.text.slice(1, -1);
    if (!inner.trim()) continue;
    const src = open === '(' ? `${PREFIX}(${inner}\n); }` : `${PREFIX}[${inner}\n]; }`;
    const regionShift = shift + mac.start + 1 - (PREFIX.length + 1);
    const h = host ?? mac.call!;
    const tt = { start: mac.start + shift, end: mac.end + shift };
    const nth = seen && (seen.get(src) ?? 0);
    if (seen) seen.set(src, nth! + 1);
    const { plan, tree } = planOf(src, nth);
    if (!plan.ok) continue;
    parsed.add(tt.start);
    out.push(new LazyRegion(src, regionShift, h, tt, nth, trees, tree));
    collect(plan.nested, src, regionShift, h, depth + 1, out, trees, parsed, seen);
  }
}

/** The file's root plus every macro argument list that parses as expressions. */
export function codeRegions(tree: Tree): Region[] {
  const hit = cache.get(tree);
  if (hit) return hit.regions;
  const regions: Region[] = [{ root: tree.rootNode, shift: 0, text: tree.rootNode.text }];
  const trees: Tree[] = [];
  const parsed = new Set<number>();
  const text = regions[0].text;
  collect(text.includes('!') ? macrosIn(tree.rootNode) : [], text, 0, undefined, 0, regions, trees, parsed, text.length >= LARGE ? new Map() : undefined);
  cache.set(tree, { regions, trees, parsed });
  return regions;
}

/**
 * Whether a node is a raw token of a macro argument list that was re-parsed.
 * tree-sitter keeps some tokens (literals, primitive types) as nodes inside a
 * token tree; the re-parsed region has the same node, so count it only there.
 */
export function shadowed(tree: Tree, n: SyntaxNode, r: Region): boolean {
  const parsed = cache.get(tree)?.parsed;
  // Token trees hold only leaves: a node with children was parsed as code.
  if (!parsed?.size || n.childCount > 0) return false;
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'token_tree' && p.parent?.type === 'macro_invocation') return parsed.has(p.startIndex + r.shift);
  }
  return false;
}

/** A node's range in the file. */
export function fileRange(n: SyntaxNode, r: Region): { start: number; end: number } {
  return { start: n.startIndex + r.shift, end: n.endIndex + r.shift };
}

/** The node to ask file-level questions about (test code, const context): the host macro for argument regions. */
export function anchor(n: SyntaxNode, r: Region): SyntaxNode {
  return r.host ?? n;
}

/**
 * The matches of a transform's declared query `name` (Transform.queries) in a
 * region: on the file's own tree the engine's (`ctx.matches`), on a re-parsed
 * macro argument list, which the engine does not walk, from one walk of it
 * for all the queries of `queries`: hand it those the transform asks of
 * regions (not the ones it asks only of the file).
 */
export function regionMatches(ctx: Pick<FileContext, 'matches'>, r: Region, queries: Readonly<Record<string, string>>, name: string): QueryMatch[] {
  if (!r.host) return ctx.matches(name);
  expectQueries(r.root.tree, Object.values(queries));
  return matchesOnRoot(r.root.tree, queries[name]);
}
