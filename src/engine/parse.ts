// tree-sitter-rust behind one small interface: a parser per thread, the
// navigation memo on frozen trees, and the syntax-error measure the verifier
// uses. Queries are in queries.ts.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { noteParsed } from './memory.ts';
import { tick } from './budget.ts';
import type { SyntaxNode, Tree } from './types.ts';

let parser: Parser | undefined;

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

/**
 * A node's id (its subtree's address, what `node.id` asks the binding for)
 * read from the two fields the binding keeps it in on the node object, without
 * a native call: unique among the nodes of one tree, so a key for per-tree memos.
 */
export function nodeKey(n: SyntaxNode): number {
  const f = n as unknown as Record<number, number>;
  return f[0] + f[1] * 4294967296;
}

/**
 * The binding keeps a weak cache of node objects per tree so that one node is
 * always one object: a weak reference and a finalizer per node handed out, a
 * quarter of a run's CPU and a fifth of its memory. kport turns it off: a node
 * asked for twice is two objects, so nodes are compared and used as keys by
 * `node.id` (or `nodeKey`), never by identity (test/node-identity.test.ts).
 */
function dropNodeCache(): void {
  const proto = (Parser as unknown as { Tree: { prototype: Record<string, unknown> } }).Tree.prototype;
  proto._cacheNode = () => undefined;
  proto._cacheNodes = () => undefined;
}
dropNodeCache();

export function parse(text: string, oldTree?: Tree): Tree {
  noteParsed(text.length);
  return getParser().parse(text, oldTree, { bufferSize: bufferSize(text) });
}

// Trees nobody will edit again (the pipeline hands only these to transforms).
const frozen = new WeakSet<Tree>();

/**
 * tree-sitter finds a node's parent, and from it its siblings, by walking
 * down from the root: a walk up from a node costs the square of its depth
 * (nested `vec!` literals 1,500 deep took minutes in the analyses' walks up).
 * On frozen trees each node's parent and siblings are asked of the binding
 * once and kept per tree by node id (`nodeKey`), so a walk up costs its length.
 */
function memoizeNavigation(): void {
  const proto = (Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype;
  for (const name of ['parent', 'previousSibling', 'nextSibling'] as const) {
    const raw = Object.getOwnPropertyDescriptor(proto, name)?.get;
    if (!raw) continue;
    const memo = new WeakMap<Tree, Map<number, SyntaxNode | null>>();
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: SyntaxNode) {
        tick(this.tree);
        if (!frozen.has(this.tree)) return raw.call(this);
        let byNode = memo.get(this.tree);
        if (!byNode) memo.set(this.tree, (byNode = new Map()));
        const key = nodeKey(this);
        let r = byNode.get(key);
        if (r === undefined) byNode.set(key, (r = raw.call(this) as SyntaxNode | null));
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

/** Whether `tree` was promised never to be edited (`freezeTree`). */
export function isFrozen(tree: Tree): boolean {
  return frozen.has(tree);
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
