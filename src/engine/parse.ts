// tree-sitter-rust behind one small interface: a parser per thread, the
// navigation memo on frozen trees, and the syntax-error measure the verifier
// uses. Queries are in queries.ts.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { noteParsed } from './memory.ts';
import { tick } from './budget.ts';
import { lineIndexAt, lineStartsOf } from './positions.ts';
import type { SyntaxNode, Tree } from './types.ts';
import { treeCache } from './tree-caches.ts';

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
 * `node.id` (or `nodeKey`), never by identity (test/trees.test.ts).
 */
function dropNodeCache(): void {
  const proto = (Parser as unknown as { Tree: { prototype: Record<string, unknown> } }).Tree.prototype;
  proto._cacheNode = () => undefined;
  proto._cacheNodes = () => undefined;
}
dropNodeCache();

/**
 * Two node getters answered in JavaScript, without a call into the binding (a
 * tenth of a run's time went to getters): `startIndex` is in the node's
 * fields (its start byte, two per UTF-16 unit: what the binding divides), and
 * `type` is one per node class. The binding makes a class per grammar symbol
 * (`nodeSubclasses`, picked by the symbol it hands over with the node) and
 * means to put the type's name on its prototype, but that assignment is
 * silently refused (the base class has a `type` getter and no setter); the
 * first node of a class read here puts it there. A node of the base class
 * (ERROR, anonymous tokens) asks the binding as before.
 */
const nodeProto = (Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype;
/** The binding's own getters that `answerGettersInJs` replaces (test/trees.test.ts checks the answers agree). */
export const bindingGetters = {
  type: Object.getOwnPropertyDescriptor(nodeProto, 'type')?.get as ((this: SyntaxNode) => string) | undefined,
  startIndex: Object.getOwnPropertyDescriptor(nodeProto, 'startIndex')?.get as ((this: SyntaxNode) => number) | undefined,
};

function answerGettersInJs(): void {
  const rawType = bindingGetters.type;
  if (!rawType || !bindingGetters.startIndex) return;
  Object.defineProperty(nodeProto, 'startIndex', {
    configurable: true,
    get(this: Record<number, number>) {
      return this[2] >>> 1;
    },
  });
  Object.defineProperty(nodeProto, 'type', {
    configurable: true,
    get(this: SyntaxNode) {
      const type = rawType.call(this) as string;
      const own = (this.constructor as { prototype: object }).prototype;
      if (own !== nodeProto && !Object.hasOwn(own, 'type')) Object.defineProperty(own, 'type', { value: type, configurable: true });
      return type;
    },
  });
}
answerGettersInJs();

/** What was parsed, for measurements (`KPORT_QUERY_STATS=1`, the bench's structure section): fresh parses and their characters, incremental re-parses. */
export const parseStats = { fresh: 0, freshChars: 0, incremental: 0 };

export function parse(text: string, oldTree?: Tree): Tree {
  noteParsed(text.length);
  if (oldTree) parseStats.incremental++;
  else {
    parseStats.fresh++;
    parseStats.freshChars += text.length;
  }
  return getParser().parse(text, oldTree, { bufferSize: bufferSize(text) });
}

// The last text `freshTree` parsed, and its tree.
let last: { text: string; tree: Tree } | undefined;

/**
 * A fresh parse of `text`, for questions asked about a finished text (the
 * verifier's error count, then layout's `module!` check of the crate root):
 * the tree of the last text asked about is kept, so the same text (the same
 * string, as the pipeline hands it on) is parsed once.
 */
export function freshTree(text: string): Tree {
  if (last?.text !== text) last = { text, tree: parse(text) };
  return last.tree;
}

/** Let the tree `freshTree` keeps go (a unit is finished). */
export function forgetFreshTree(): void {
  last = undefined;
}

/** What `reparse` did, for tests and measurements: incremental re-parses, and those that differed from a fresh parse (checked only under KPORT_CHECK_REPARSE=1). */
export const reparseStats = { incremental: 0, checked: 0, mismatches: 0 };

/**
 * The tree of `text`: a re-parse against `old` when given (a tree `editTree`
 * brought to `text`), else a fresh parse. KPORT_CHECK_REPARSE=1 parses afresh
 * too and counts the trees that differ (`reparseStats`).
 */
export function reparse(text: string, old: Tree | undefined): Tree {
  if (!old) return parse(text);
  reparseStats.incremental++;
  const tree = parse(text, old);
  if (process.env.KPORT_CHECK_REPARSE === '1') {
    reparseStats.checked++;
    if (!sameTree(tree, parse(text))) {
      reparseStats.mismatches++;
      throw new Error('an incremental re-parse differs from a fresh parse');
    }
  }
  return tree;
}

/**
 * Edit `tree` (the tree of `oldText`) for `newText`, made from it by `sorted`
 * (sortAndCheck's order, in `oldText` offsets), so that `parse(newText, tree)`
 * re-parses only what changed. Edits that touch are told to tree-sitter as one,
 * with the new text's own rows and columns. The tree is changed in place: its
 * nodes are stale from here on and nobody may read them (the pipeline edits a
 * tree only once its phase is over). Throws, before touching the tree, when
 * the edits do not account for the new text's length.
 */
export function editTree(tree: Tree, oldText: string, newText: string, sorted: readonly { start: number; end: number; text: string }[]): void {
  // Runs of touching edits: [start, end) in the old text and their length in the new one.
  const runs: { start: number; end: number; length: number }[] = [];
  for (const e of sorted) {
    const last = runs[runs.length - 1];
    if (last && e.start <= last.end) {
      last.length += Math.max(e.end, last.end) - last.end + e.text.length - (e.end - e.start);
      last.end = Math.max(last.end, e.end);
    } else runs.push({ start: e.start, end: e.end, length: e.text.length });
  }
  const starts = lineStartsOf(oldText);
  const pointAt = (offset: number) => {
    const row = lineIndexAt(starts, offset);
    return { row, column: offset - starts[row] };
  };
  // Where each run begins in the new text.
  const at: number[] = [];
  let delta = 0;
  for (const r of runs) {
    at.push(r.start + delta);
    delta += r.length - (r.end - r.start);
  }
  if (oldText.length + delta !== newText.length) throw new Error('editTree: the edits do not make the new text');
  // From the end: the old offsets of what comes before an edit are still the tree's.
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i];
    const startPosition = pointAt(r.start);
    const added = newText.slice(at[i], at[i] + r.length);
    const nl = added.lastIndexOf('\n');
    let rows = 0;
    for (let k = added.indexOf('\n'); k !== -1; k = added.indexOf('\n', k + 1)) rows++;
    tree.edit({
      startIndex: r.start,
      oldEndIndex: r.end,
      newEndIndex: r.start + r.length,
      startPosition,
      oldEndPosition: pointAt(r.end),
      newEndPosition: nl === -1 ? { row: startPosition.row, column: startPosition.column + added.length } : { row: startPosition.row + rows, column: added.length - nl - 1 },
    });
  }
}

/**
 * Whether two trees have the same nodes (type, range, positions, missing and
 * error flags) in the same shape: an incremental re-parse must give what a fresh
 * parse gives (KPORT_CHECK_REPARSE=1 makes the pipeline check every one).
 */
export function sameTree(a: Tree, b: Tree): boolean {
  const x = a.walk();
  const y = b.walk();
  for (;;) {
    const p = x.currentNode;
    const q = y.currentNode;
    if (
      x.nodeType !== y.nodeType ||
      x.startIndex !== y.startIndex ||
      x.endIndex !== y.endIndex ||
      x.currentFieldName !== y.currentFieldName ||
      p.isMissing !== q.isMissing ||
      p.hasError !== q.hasError ||
      x.startPosition.row !== y.startPosition.row ||
      x.startPosition.column !== y.startPosition.column ||
      x.endPosition.row !== y.endPosition.row ||
      x.endPosition.column !== y.endPosition.column
    )
      return false;
    const down = x.gotoFirstChild();
    if (down !== y.gotoFirstChild()) return false;
    if (down) continue;
    for (;;) {
      const next = x.gotoNextSibling();
      if (next !== y.gotoNextSibling()) return false;
      if (next) break;
      const up = x.gotoParent();
      if (up !== y.gotoParent()) return false;
      if (!up) return true;
    }
  }
}

/** Trees of texts shorter than this keep no memo of parents and siblings. */
const SMALL_TREE = 1024;

// Trees the pipeline hands to transforms: not edited while anyone reads them (a
// tree is edited only for the re-parse after its phase, and not read after that).
const frozen = new WeakSet<Tree>();

/**
 * tree-sitter finds a node's parent, and from it its siblings, by walking
 * down from the root: a walk up from a node costs the square of its depth
 * (nested `vec!` literals 1,500 deep took minutes in the analyses' walks up).
 * On frozen trees each node's parent and siblings are asked of the binding
 * once and kept per tree by node id (`nodeKey`), so a walk up costs its length.
 */
function memoizeNavigation(): void {
  // A tree of a few hundred characters (a macro's argument list, thousands of them in a large
  // file) is walked down from its root in no time, and a memo per tree cost more memory than
  // the rest of what is kept about it.
  const small = (tree: Tree) => {
    const input = (tree as unknown as { input?: unknown }).input;
    return typeof input === 'string' && input.length < SMALL_TREE;
  };
  for (const name of ['parent', 'previousSibling', 'nextSibling'] as const) {
    const raw = Object.getOwnPropertyDescriptor(nodeProto, name)?.get;
    if (!raw) continue;
    const memo = treeCache<Map<number, SyntaxNode | null>>();
    Object.defineProperty(nodeProto, name, {
      configurable: true,
      get(this: SyntaxNode) {
        tick(this.tree);
        if (!frozen.has(this.tree) || small(this.tree)) return raw.call(this);
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

/** Promise that `tree` is not edited while it is read (and not read once it is): queries may then share their results on it. */
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
