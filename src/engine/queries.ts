// tree-sitter queries: compiled once per process, their results shared on
// frozen trees, and several queries run as one combined query (one walk).
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { tick } from './budget.ts';
import { isFrozen } from './parse.ts';
import type { SyntaxNode, Tree } from './types.ts';

const queries = new Map<string, Parser.Query>();

/** A compiled query, cached by its source. */
export function query(source: string): Parser.Query {
  let q = queries.get(source);
  if (!q) {
    q = new Parser.Query(Rust as unknown as Parser.Language, source);
    shareResults(q);
    queries.set(source, q);
  }
  return q;
}

type Kind = 'matches' | 'captures';
type Memo = WeakMap<Tree, Map<number, unknown[]>>;
// Per query and kind: results on frozen trees, by tree and node id.
const memos = new WeakMap<Parser.Query, Record<Kind, Memo>>();

/**
 * Each query run walks the whole tree natively, and transforms often ask the
 * same question of the same tree (helpers shared between passes, passes that
 * edit nothing). On frozen trees, a query run without options is done once
 * per node and its result shared (each caller gets its own array).
 */
function shareResults(q: Parser.Query): void {
  const memo = { matches: new WeakMap(), captures: new WeakMap() } as Record<Kind, Memo>;
  memos.set(q, memo);
  for (const kind of ['matches', 'captures'] as const) {
    const run = q[kind].bind(q) as (node: SyntaxNode, opts?: Parser.QueryOptions) => unknown[];
    (q as unknown as Record<string, unknown>)[kind] = (node: SyntaxNode, opts?: Parser.QueryOptions) => {
      tick(node.tree);
      if (opts !== undefined || !isFrozen(node.tree)) return run(node, opts);
      let byNode = memo[kind].get(node.tree);
      if (!byNode) memo[kind].set(node.tree, (byNode = new Map()));
      const id = node.id;
      let r = byNode.get(id);
      if (!r) byNode.set(id, (r = run(node)));
      return r.slice();
    };
  }
}

// Several queries compiled as one, for `prefetch`.
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

function batchOf(sources: readonly string[]): Batch {
  const key = sources.join('\n\u0000\n');
  let b = batches.get(key);
  if (!b) {
    const member: number[] = [];
    const first: number[] = [];
    sources.forEach((src, i) => {
      first.push(member.length);
      for (let k = patternCount(query(src)); k > 0; k--) member.push(i);
    });
    const q = new Parser.Query(Rust as unknown as Parser.Language, sources.map(renameCaptures).join('\n'));
    if (patternCount(q) !== member.length) throw new Error('prefetch: the combined query does not have the patterns of its members');
    batches.set(key, (b = { q, member, first }));
  }
  return b;
}

function patternCount(q: Parser.Query): number {
  return (q as unknown as { predicates: unknown[] }).predicates.length;
}

/** The member and original capture name behind a renamed capture. */
function unrename(name: string): { member: number; name: string } {
  const at = name.lastIndexOf(SUFFIX);
  return { member: Number(name.slice(at + SUFFIX.length)), name: name.slice(0, at) };
}

/**
 * Answer several queries about one node of a frozen tree with one walk of it
 * (a query that matches nothing still walks the whole tree, at about a third
 * of a parse): runs them as one combined query and stores each query's share
 * of the results where `query(source)[kind](node)` finds them, as if it had
 * run alone. tree-sitter orders matches and captures by position and then by
 * pattern, and each pattern's predicates see only its own captures, so each
 * share equals the query's own result (test/prefetch.test.ts checks it).
 * Prefetch only what the caller is about to ask: a share nobody asks for is
 * work thrown away. Queries already answered for the node are left out;
 * a tree that is not frozen is left alone.
 */
export function prefetch(node: SyntaxNode, kind: Kind, sources: readonly (string | false | undefined)[]): void {
  if (!isFrozen(node.tree)) return;
  const id = node.id;
  const want: string[] = [];
  for (const src of sources) {
    if (!src || want.includes(src)) continue;
    if (!memos.get(query(src))![kind].get(node.tree)?.has(id)) want.push(src);
  }
  if (want.length === 0) return;
  if (want.length === 1) {
    query(want[0])[kind](node);
    return;
  }
  const b = batchOf(want);
  const shares: unknown[][] = want.map(() => []);
  if (kind === 'matches') {
    for (const m of b.q.matches(node)) {
      const i = b.member[m.pattern];
      const captures = m.captures.map((c) => ({ name: unrename(c.name).name, node: c.node }));
      shares[i].push({ ...m, pattern: m.pattern - b.first[i], captures });
    }
  } else {
    for (const c of b.q.captures(node)) {
      const { member, name } = unrename(c.name);
      shares[member].push({ ...c, name });
    }
  }
  want.forEach((src, i) => {
    const memo = memos.get(query(src))![kind];
    let byNode = memo.get(node.tree);
    if (!byNode) memo.set(node.tree, (byNode = new Map()));
    byNode.set(id, shares[i]);
  });
}

/**
 * The declared queries of the transforms that run on one file in one phase
 * (Transform.queries): asked once, they run as one combined query over the
 * file's tree (`prefetch`), and each query's share is then what
 * `query(source).matches(root)` returns.
 */
export class QueryBatch {
  private done: Tree | undefined;
  constructor(private readonly sources: readonly string[]) {}

  run(tree: Tree): void {
    if (this.done === tree) return;
    this.done = tree;
    prefetch(tree.rootNode, 'matches', this.sources);
  }
}
