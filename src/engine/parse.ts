// tree-sitter-rust behind one small interface: a parser per thread, queries
// compiled once per process, and the syntax-error measure the verifier uses.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { noteParsed } from './memory.ts';
import { tick } from './budget.ts';
import type { SyntaxNode, Tree } from './types.ts';

let parser: Parser | undefined;
const queries = new Map<string, Parser.Query>();

function getParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Rust as unknown as Parser.Language);
  }
  return parser;
}

// The binding copies the text through a buffer; size it so long files parse in one go.
function bufferSize(text: string): number {
  return Math.max(32 * 1024, text.length * 2 + 16);
}

export function parse(text: string, oldTree?: Tree): Tree {
  noteParsed(text.length);
  return getParser().parse(text, oldTree, { bufferSize: bufferSize(text) });
}

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

// Trees nobody will edit again (the pipeline hands only these to transforms).
const frozen = new WeakSet<Tree>();

/**
 * tree-sitter finds a node's parent, and from it its siblings, by walking
 * down from the root: a walk up from a node costs the square of its depth
 * (nested `vec!` literals 1,500 deep took minutes in the analyses' walks up).
 * On frozen trees each node's parent and siblings are asked of the binding
 * once and kept beside the node (the binding hands out one object per node
 * while it lives), so a walk up costs its length.
 */
function memoizeNavigation(): void {
  const proto = (Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype;
  for (const name of ['parent', 'previousSibling', 'nextSibling'] as const) {
    const raw = Object.getOwnPropertyDescriptor(proto, name)?.get;
    if (!raw) continue;
    const memo = new WeakMap<object, SyntaxNode | null>();
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: SyntaxNode) {
        tick(this.tree);
        if (!frozen.has(this.tree)) return raw.call(this);
        let r = memo.get(this);
        if (r === undefined) memo.set(this, (r = raw.call(this) as SyntaxNode | null));
        return r;
      },
    });
  }
}
memoizeNavigation();

/** Promise that `tree` is never edited: queries may then share their results on it. */
export function freezeTree(tree: Tree): Tree {
  frozen.add(tree);
  return tree;
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
      if (opts !== undefined || !frozen.has(node.tree)) return run(node, opts);
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
  if (!frozen.has(node.tree)) return;
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

/** Ranges of ERROR and MISSING nodes, outermost only, in text order. */
export function errorRanges(tree: Tree): { start: number; end: number; node: SyntaxNode }[] {
  const out: { start: number; end: number; node: SyntaxNode }[] = [];
  if (!tree.rootNode.hasError) return out;
  // Descend only into subtrees that contain an error: cheap on mostly-valid files.
  const stack: SyntaxNode[] = [tree.rootNode];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) {
      out.push({ start: n.startIndex, end: n.endIndex, node: n });
      continue;
    }
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].hasError || kids[i].isMissing) stack.push(kids[i]);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** Number of syntax errors (ERROR and MISSING nodes) in a tree. */
export function countErrors(tree: Tree): number {
  return errorRanges(tree).length;
}

/**
 * The ranges a transform must not edit: every ERROR and MISSING node, except
 * whole items (`fn`, `impl`, `struct`, ...) that parsed cleanly inside an
 * ERROR node. tree-sitter often wraps a whole file in one ERROR around a single
 * mistake; the complete items in it are still real code.
 */
export function forbiddenRanges(tree: Tree): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const e of errorRanges(tree)) {
    if (e.node.type !== 'ERROR') {
      out.push({ start: e.start, end: e.end });
      continue;
    }
    let cur: { start: number; end: number } | undefined;
    for (const c of e.node.children) {
      const cleanItem = !c.hasError && !c.isMissing && (c.type.endsWith('_item') || c.type === 'macro_definition' || c.type.endsWith('_declaration'));
      if (cleanItem) {
        if (cur) out.push(cur);
        cur = undefined;
        continue;
      }
      if (cur) cur.end = c.endIndex;
      else cur = { start: c.startIndex, end: c.endIndex };
    }
    if (cur) out.push(cur);
  }
  return out.sort((a, b) => a.start - b.start);
}
