// tree-sitter queries. A query that matches nothing still walks the whole
// tree (about a third of a parse), so on a tree nobody edits again (a frozen
// tree, parse.ts) every query asked of it is answered from one combined walk:
//
// - Transforms declare their queries (Transform.queries) and the shared
//   analyses theirs, as named groups in one registry (`declareQueries`). The
//   engine announces on each file's tree the queries its phase will ask
//   (`expectQueries`: the running transforms' own and the groups they `use`).
// - The first query asked of a tree runs, as one combined query, itself, the
//   rest of its group and everything announced on the tree and not yet
//   answered; each query's share is kept with the tree by source and handed
//   out as a fresh array. tree-sitter orders matches by position and then by
//   pattern, and each pattern's predicates see only its own captures, so a
//   share equals the query's own result (test/queries.test.ts).
// - Captures are read from the matches (`capturesOf`), and a query asked of a
//   node inside the tree is answered from the root's matches filtered to the
//   node (`matchesUnder`, by the capture that is each pattern's root).
// - `query(source)` is the plain query, each call a walk, for what no one can
//   declare (a query built from a file's names, a range). Nothing patches
//   tree-sitter's Query.matches/captures.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { tick } from './budget.ts';
import { isFrozen } from './parse.ts';
import type { QueryMatch, SyntaxNode, Tree } from './types.ts';

export type QueryCapture = QueryMatch['captures'][number];

const compiled = new Map<string, Parser.Query>();

function compile(source: string): Parser.Query {
  let q = compiled.get(source);
  if (!q) compiled.set(source, (q = new Parser.Query(Rust as unknown as Parser.Language, source)));
  return q;
}

/** Native walks of a tree, for the measures and test/queries.test.ts: `combined` of them answered several queries at once. */
export const queryStats = { walks: 0, combined: 0 };

function walk(q: Parser.Query, node: SyntaxNode): QueryMatch[] {
  tick(node.tree);
  queryStats.walks++;
  return q.matches(node);
}

/** A query run as it is, on the node it is given: each call walks. */
export interface PlainQuery {
  matches(node: SyntaxNode, opts?: Parser.QueryOptions): QueryMatch[];
  captures(node: SyntaxNode, opts?: Parser.QueryOptions): QueryCapture[];
}
const plain = new Map<string, PlainQuery>();

/**
 * A compiled query, cached by its source, whose every call walks the node it
 * is given: for a query built at run time from names found in a file, on a
 * tree nobody declares queries for, or with options (a range). Its results
 * are not shared: a query asked of a file's tree is declared instead
 * (Transform.queries, declareQueries), so that it joins the tree's one walk.
 */
export function query(source: string): PlainQuery {
  let p = plain.get(source);
  if (!p) {
    const q = compile(source);
    p = {
      matches: (node, opts) => {
        tick(node.tree);
        return q.matches(node, opts);
      },
      captures: (node, opts) => {
        tick(node.tree);
        return q.captures(node, opts);
      },
    };
    plain.set(source, p);
  }
  return p;
}

/**
 * Named queries of one analysis (or other shared helper), declared once at
 * module level with `declareQueries`. The first of them asked of a frozen
 * tree runs with the rest of the group (and whatever else the tree expects)
 * in one walk.
 */
export class QueryGroup<N extends string = string> {
  /** @internal use declareQueries */
  constructor(
    readonly id: string,
    readonly sources: Readonly<Record<N, string>>,
    /** Per query asked under a node: the capture that is each of its patterns' root. */
    private readonly roots: Readonly<Partial<Record<N, string>>>,
    /** Groups the declaring analysis asks of the same trees itself (macroargs for the compat scan). */
    private readonly needs: readonly QueryGroup[] = [],
  ) {}

  /** The sources of the group and of the groups it needs, for `expectQueries` and its own walk. */
  get all(): string[] {
    return [...new Set([...(Object.values(this.sources) as string[]), ...this.needs.flatMap((g) => g.all)])];
  }

  /**
   * The matches of query `name` on `node` (its tree's root or a node inside
   * it), as `Query.matches(node)` returns them; a fresh array.
   */
  matches(name: N, node: SyntaxNode): QueryMatch[] {
    const source = this.sources[name];
    if (source === undefined) throw new Error(`query group ${this.id} has no query ${JSON.stringify(name)}`);
    const tree = node.tree;
    if (!isFrozen(tree)) return walk(compile(source), node);
    const all = rootMatches(tree, source, this.all);
    if (node.id === tree.rootNode.id) return all.slice();
    const root = this.roots[name];
    if (root === undefined) throw new Error(`query ${this.id}.${name} is asked under a node but declares no root capture`);
    return indexOf(all, root).under(node);
  }

  /** The captures of query `name` on `node`, in the order `Query.captures(node)` returns them. */
  /**
   * The captures of query `name` on `node`, in the order `Query.captures(node)`
   * returns them: from a captures walk of the tree's root of the query alone
   * (kept with the tree), and under a node those of the matches under it, in
   * that order.
   */
  captures(name: N, node: SyntaxNode): QueryCapture[] {
    const source = this.sources[name];
    if (source === undefined) throw new Error(`query group ${this.id} has no query ${JSON.stringify(name)}`);
    const tree = node.tree;
    if (!isFrozen(tree)) {
      tick(tree);
      queryStats.walks++;
      return compile(source).captures(node);
    }
    const all = rootCaptures(tree, source);
    if (node.id === tree.rootNode.id) return all.slice();
    // Which captures: those of the matches under the node; their order: the captures walk's.
    const keep = new Map<string, number>();
    for (const m of this.matches(name, node)) for (const c of m.captures) keep.set(`${c.name}:${c.node.id}`, (keep.get(`${c.name}:${c.node.id}`) ?? 0) + 1);
    const out: QueryCapture[] = [];
    for (const c of all) {
      const k = `${c.name}:${c.node.id}`;
      const left = keep.get(k);
      if (!left) continue;
      keep.set(k, left - 1);
      out.push(c);
    }
    return out;
  }
}

const registry = new Map<string, QueryGroup>();

/**
 * Declare a group of named queries (`id`: the declaring module, unique).
 * `roots` names, for each query asked of nodes other than the root, the
 * capture that is the root node of each of its patterns; `needs`, the groups
 * the declaring analysis asks of the same trees (they join its walks).
 */
export function declareQueries<N extends string>(id: string, sources: Record<N, string>, roots: Partial<Record<N, string>> = {}, needs: readonly QueryGroup[] = []): QueryGroup<N> {
  if (registry.has(id)) throw new Error(`query group ${id} is declared twice`);
  const g = new QueryGroup<N>(id, { ...sources }, { ...roots }, needs);
  registry.set(id, g as unknown as QueryGroup);
  return g;
}

/** Every declared group, in declaration order (test/queries.test.ts). */
export function declaredQueries(): readonly QueryGroup[] {
  return [...registry.values()];
}

/** What is known of one frozen tree: each answered query's matches on the root, by source, and the queries announced and not yet run. */
interface TreeQueries {
  results: Map<string, QueryMatch[]>;
  pending: Set<string>;
  /** Captures walks' results, by source. */
  captures: Map<string, QueryCapture[]>;
}
const trees = new WeakMap<Tree, TreeQueries>();

function stateOf(tree: Tree): TreeQueries {
  let s = trees.get(tree);
  if (!s) trees.set(tree, (s = { results: new Map(), pending: new Set(), captures: new Map() }));
  return s;
}

/**
 * Announce queries that will be asked of a frozen tree's root: they run in
 * the walk that answers the next query asked of it. The engine announces a
 * phase's queries on each file; nothing else needs to.
 */
export function expectQueries(tree: Tree, sources: Iterable<string>): void {
  if (!isFrozen(tree)) return;
  const s = stateOf(tree);
  for (const src of sources) if (!s.results.has(src)) s.pending.add(src);
}

/** The matches of `source` on a frozen tree's root, as the engine keeps them: callers must copy before handing them out. */
function rootMatches(tree: Tree, source: string, group: readonly string[] = []): readonly QueryMatch[] {
  const s = stateOf(tree);
  const hit = s.results.get(source);
  if (hit) {
    tick(tree);
    return hit;
  }
  const want = new Set<string>([source]);
  for (const src of group) if (!s.results.has(src)) want.add(src);
  for (const src of s.pending) if (!s.results.has(src)) want.add(src);
  s.pending.clear();
  const shares = runTogether(tree.rootNode, [...want].sort());
  for (const [src, ms] of shares) s.results.set(src, ms);
  return s.results.get(source)!;
}

/**
 * The captures of `source` on a frozen tree's root, from a captures walk of
 * its own, kept with the tree. Not combined: where captures of one pattern
 * start together (nested calls), tree-sitter's order depends on the other
 * patterns of the query.
 */
function rootCaptures(tree: Tree, source: string): readonly QueryCapture[] {
  const s = stateOf(tree);
  let hit = s.captures.get(source);
  if (hit) tick(tree);
  else s.captures.set(source, (hit = walkCaptures(compile(source), tree.rootNode)));
  return hit;
}

function walkCaptures(q: Parser.Query, node: SyntaxNode): QueryCapture[] {
  tick(node.tree);
  queryStats.walks++;
  return q.captures(node);
}

/** The matches of `source` on a frozen tree's root (announced or not); a fresh array. */
export function matchesOnRoot(tree: Tree, source: string): QueryMatch[] {
  if (!isFrozen(tree)) return walk(compile(source), tree.rootNode);
  return rootMatches(tree, source).slice();
}

// Several queries compiled as one.
interface Batch {
  q: Parser.Query;
  /** Member index of each pattern of the combined query. */
  member: number[];
  /** First pattern of each member in the combined query. */
  first: number[];
}
const batches = new Map<string, Batch>();
const SUFFIX = '__kb';

/** `@name` → `@name__kbI` outside strings and comments: each member's captures keep their own names. */
function renameCaptures(source: string, i: number): string {
  return source.replace(/"(?:[^"\\]|\\.)*"|;[^\n]*|@([A-Za-z_][\w.-]*)/g, (m, name: string | undefined) => (name ? `@${name}${SUFFIX}${i}` : m));
}

function patternCount(q: Parser.Query): number {
  return (q as unknown as { predicates: unknown[] }).predicates.length;
}

/**
 * The number of patterns in a query source, read off its top level (each
 * top-level `(..)`, `[..]`, string or `_`), without compiling it: compiling
 * costs up to a few hundred milliseconds. `batchOf` checks the sum against
 * the combined query and compiles the members when it differs.
 */
export function scanPatterns(source: string): number {
  let n = 0;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
      if (depth === 0) n++;
    } else if (ch === '(' || ch === '[') {
      if (depth === 0) n++;
      depth++;
    } else if (ch === ')' || ch === ']') depth--;
    else if (ch === '_' && depth === 0 && !/[\w@.]/.test(source[i - 1] ?? ' ') && !/\w/.test(source[i + 1] ?? ' ')) n++;
  }
  return n;
}

function batchOf(sources: readonly string[]): Batch {
  const key = sources.join('\n\u0000\n');
  let b = batches.get(key);
  if (!b) {
    const q = new Parser.Query(Rust as unknown as Parser.Language, sources.map(renameCaptures).join('\n'));
    const layout = (count: (src: string) => number) => {
      const member: number[] = [];
      const first: number[] = [];
      sources.forEach((src, i) => {
        first.push(member.length);
        for (let k = count(src); k > 0; k--) member.push(i);
      });
      return { member, first };
    };
    let l = layout(scanPatterns);
    if (l.member.length !== patternCount(q)) l = layout((src) => patternCount(compile(src)));
    if (l.member.length !== patternCount(q)) throw new Error('the combined query does not have the patterns of its members');
    batches.set(key, (b = { q, ...l }));
  }
  return b;
}

/** Each source's matches on `node`, from one walk: as if each had run alone. */
function runTogether(node: SyntaxNode, sources: readonly string[]): Map<string, QueryMatch[]> {
  const out = new Map<string, QueryMatch[]>();
  if (sources.length === 1) {
    out.set(sources[0], walk(compile(sources[0]), node));
    return out;
  }
  const b = batchOf(sources);
  queryStats.combined++;
  const shares: QueryMatch[][] = sources.map(() => []);
  for (const m of walk(b.q, node)) {
    const i = b.member[m.pattern];
    const captures = m.captures.map((c) => {
      const at = c.name.lastIndexOf(SUFFIX);
      if (Number(c.name.slice(at + SUFFIX.length)) !== i) throw new Error('a combined query\'s pattern is filed under the wrong member');
      return { name: c.name.slice(0, at), node: c.node };
    });
    shares[i].push({ ...m, pattern: m.pattern - b.first[i], captures });
  }
  sources.forEach((src, i) => out.set(src, shares[i]));
  return out;
}

/**
 * The captures of `matches` in the order `query.captures(root)` returns them:
 * by start, then by pattern, each match's own captures in their order (one
 * node captured by two patterns comes twice, as there). Where two matches of
 * one pattern capture nodes that start together (nested calls `a.b(c).d(e)`,
 * field chains `self.a.b`), tree-sitter's own order depends on when each
 * match was settled and may differ: a declared query's captures
 * (`QueryGroup.captures`) come from a captures walk instead.
 */
export function capturesOf(matches: readonly QueryMatch[]): QueryCapture[] {
  const all: { c: QueryCapture; pattern: number; seq: number }[] = [];
  for (const m of matches) for (const c of m.captures) all.push({ c, pattern: m.pattern, seq: all.length });
  all.sort((a, b) => a.c.node.startIndex - b.c.node.startIndex || a.pattern - b.pattern || a.seq - b.seq);
  return all.map((x) => x.c);
}

/** Whether `n` is `outer` or one of its descendants. */
export function within(n: SyntaxNode, outer: SyntaxNode): boolean {
  if (n.startIndex < outer.startIndex || n.endIndex > outer.endIndex) return false;
  // Strictly inside the range (and not empty): a descendant.
  if (n.startIndex < n.endIndex && (n.startIndex > outer.startIndex || n.endIndex < outer.endIndex)) return true;
  for (let p: SyntaxNode | null = n; p && p.startIndex >= outer.startIndex && p.endIndex <= outer.endIndex; p = p.parent) if (p.id === outer.id) return true;
  return false;
}

/**
 * The matches `query.matches(node)` returns, from the query's matches on the
 * root: those whose pattern's root node, the capture `root`, is `node` or
 * inside it.
 */
export function matchesUnder(matches: readonly QueryMatch[], node: SyntaxNode, root: string): QueryMatch[] {
  return matches.filter((m) => {
    const r = m.captures.find((c) => c.name === root);
    if (!r) throw new Error(`matchesUnder: a match without the root capture @${root}`);
    return within(r.node, node);
  });
}

/**
 * A query's matches on a file's root, ready to answer `query.matches(node)`
 * for many nodes (as matchesUnder, without a scan of every match each time):
 * the root captures' ranges are read once and kept sorted by start.
 */
export class MatchIndex {
  private readonly order: number[];
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly roots: SyntaxNode[];

  constructor(
    readonly matches: readonly QueryMatch[],
    root: string,
  ) {
    this.roots = matches.map((m) => {
      const r = m.captures.find((c) => c.name === root);
      if (!r) throw new Error(`a match without the root capture @${root}`);
      return r.node;
    });
    const starts = this.roots.map((n) => n.startIndex);
    const ends = this.roots.map((n) => n.endIndex);
    this.order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
    this.starts = this.order.map((i) => starts[i]);
    this.ends = this.order.map((i) => ends[i]);
  }

  /** The matches whose root capture is `node` or inside it, in their order. */
  under(node: SyntaxNode): QueryMatch[] {
    const s = node.startIndex;
    const e = node.endIndex;
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let k = lo; k < this.starts.length && this.starts[k] <= e; k++) {
      if (this.ends[k] > e) continue;
      const strict = this.starts[k] < this.ends[k] && (this.starts[k] > s || this.ends[k] < e);
      if (strict || within(this.roots[this.order[k]], node)) hits.push(this.order[k]);
    }
    hits.sort((a, b) => a - b);
    return hits.map((i) => this.matches[i]);
  }
}

const indexes = new WeakMap<readonly QueryMatch[], Map<string, MatchIndex>>();

/** The MatchIndex of a tree's kept matches of one query, built once. */
function indexOf(matches: readonly QueryMatch[], root: string): MatchIndex {
  let byRoot = indexes.get(matches);
  if (!byRoot) indexes.set(matches, (byRoot = new Map()));
  let ix = byRoot.get(root);
  if (!ix) byRoot.set(root, (ix = new MatchIndex(matches, root)));
  return ix;
}

/** The captures `query.captures(node)` returns: those of the matches under `node` (see matchesUnder), in capture order. */
export function capturesUnder(matches: readonly QueryMatch[], node: SyntaxNode, root: string): QueryCapture[] {
  return capturesOf(matchesUnder(matches, node, root));
}
