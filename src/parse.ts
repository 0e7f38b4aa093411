// tree-sitter-rust behind one small interface: a parser per thread, queries
// compiled once per process, and the syntax-error measure the verifier uses.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { noteParsed } from './memory.ts';
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

/** Promise that `tree` is never edited: queries may then share their results on it. */
export function freezeTree(tree: Tree): Tree {
  frozen.add(tree);
  return tree;
}

/**
 * Each query run walks the whole tree natively, and transforms often ask the
 * same question of the same tree (helpers shared between passes, passes that
 * edit nothing). On frozen trees, a query run without options is done once
 * per node and its result shared (each caller gets its own array).
 */
function shareResults(q: Parser.Query): void {
  for (const kind of ['matches', 'captures'] as const) {
    const run = q[kind].bind(q) as (node: SyntaxNode, opts?: Parser.QueryOptions) => unknown[];
    const memo = new WeakMap<Tree, Map<number, unknown[]>>();
    (q as unknown as Record<string, unknown>)[kind] = (node: SyntaxNode, opts?: Parser.QueryOptions) => {
      if (opts !== undefined || !frozen.has(node.tree)) return run(node, opts);
      let byNode = memo.get(node.tree);
      if (!byNode) memo.set(node.tree, (byNode = new Map()));
      const id = node.id;
      let r = byNode.get(id);
      if (!r) byNode.set(id, (r = run(node)));
      return r.slice();
    };
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
