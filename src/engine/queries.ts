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
// - A walk's matches come from `rawMatches` (its captures from
//   `rawCaptures`), which decides the text predicates before it makes node
//   objects (only the kept matches' nodes become objects); the results equal
//   Query.matches / Query.captures (test/raw-matches.test.ts). A query rooted
//   at `source_file` walks only as deep as its matches go (`fileRooted`).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { tick } from './budget.ts';
import { isFrozen, parseStats } from './parse.ts';
import type { QueryMatch, SyntaxNode, Tree } from './types.ts';
import { treeCache } from './tree-caches.ts';

export type QueryCapture = QueryMatch['captures'][number];

const compiled = new Map<string, Parser.Query>();

function compile(source: string): Parser.Query {
  let q = compiled.get(source);
  if (!q) {
    compiled.set(source, (q = new Parser.Query(Rust as unknown as Parser.Language, source)));
    if (fileRooted(source)) shallow.add(q);
  }
  return q;
}

/**
 * Queries whose every pattern is rooted at `source_file`: their matches start
 * at the node walked and nowhere below it, so their walks tell tree-sitter so
 * (`maxStartDepth` 0) and it descends only where a started match goes on,
 * instead of into every function body.
 */
const shallow = new WeakSet<Parser.Query>();

/** Whether every top-level pattern of a query source is `(source_file ...)`. */
export function fileRooted(source: string): boolean {
  const top = topLevel(source);
  return top.some((t) => t.kind === 'pattern') && top.every((t) => t.kind === 'capture' || (t.kind === 'pattern' && /^\(\s*source_file[\s)]/.test(source.slice(t.at, t.at + 40))));
}

/**
 * The top level of a query source, comments and what nests skipped: where each
 * pattern starts (`(..)`, `[..]`, a string, a lone `_`), each capture of a
 * pattern's root (`@name`), and anything else found there.
 */
function topLevel(source: string): { at: number; kind: 'pattern' | 'capture' | 'other' }[] {
  const out: { at: number; kind: 'pattern' | 'capture' | 'other' }[] = [];
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '"') {
      if (depth === 0) out.push({ at: i, kind: 'pattern' });
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (ch === '(' || ch === '[') {
      if (depth === 0) out.push({ at: i, kind: 'pattern' });
      depth++;
    } else if (ch === ')' || ch === ']') depth--;
    else if (depth > 0 || /\s/.test(ch)) continue;
    else if (ch === '@') {
      out.push({ at: i, kind: 'capture' });
      while (i + 1 < source.length && /[\w.-]/.test(source[i + 1])) i++;
    } else if (ch === '_' && !/[\w@.]/.test(source[i - 1] ?? ' ') && !/\w/.test(source[i + 1] ?? ' ')) out.push({ at: i, kind: 'pattern' });
    else out.push({ at: i, kind: 'other' });
  }
  return out;
}

/**
 * Native walks of a tree, for the measures and test/queries.test.ts:
 * `combined` of them answered several queries at once; `candidates`, the
 * matches the native walks found before predicates, `kept` those that passed
 * and `nodes` the nodes they keep, packed (rawMatches); `walkedChars`, the
 * characters of the subtrees walked (the bench's structural floor).
 */
export const queryStats = { walks: 0, walkedChars: 0, combined: 0, candidates: 0, kept: 0, nodes: 0 };
// For measurements: KPORT_QUERY_STATS=1 writes them, and what was parsed, to stderr as the process ends.
if (process.env.KPORT_QUERY_STATS) process.on('exit', () => process.stderr.write(`kport: query stats ${JSON.stringify({ ...queryStats, parses: parseStats })}\n`));

function walk(q: Parser.Query, node: SyntaxNode): QueryMatch[] {
  tick(node.tree);
  queryStats.walks++;
  return rawMatches(q, node);
}

// ---------------------------------------------------------------------------
// Matches without tree-sitter's JavaScript predicates.
//
// node-tree-sitter 0.22.4 (pinned) runs `#eq?`/`#match?`/`#any-of?` in
// JavaScript: its Query.matches takes every candidate match from the native
// walk (`_matches`), makes a SyntaxNode object for every captured node, and
// only then drops the candidates whose predicates fail, each predicate
// reading `node.text` (two native calls). An identifier-wide pattern
// (`((identifier) @n (#match? @n "^(A|B)$"))`) has a candidate per identifier
// of the file and keeps almost none. `rawMatches` calls `_matches` itself and
// decides the predicates on the transfer buffer the binding fills (each
// node's start is in it; the end is asked of the binding only for a capture a
// predicate reads), so only the kept matches' nodes become objects. The
// predicates are read from the query's own descriptions with the binding's
// semantics, case by case; the results equal `Query.matches(node)`'s
// (test/raw-matches.test.ts).

const NODE_FIELDS = 6;
const ERROR_TYPE_ID = 0xffff;

interface Binding {
  nodeTransferArray: Uint32Array;
  Query: unknown;
}

/** The binding node-tree-sitter loaded (the same module object: Node caches it by path), or null where it cannot be reached. */
const binding: Binding | null = (() => {
  try {
    const req = createRequire(import.meta.url);
    const pkg = req.resolve('tree-sitter/package.json');
    const b = createRequire(pkg)('node-gyp-build')(dirname(pkg)) as Binding;
    return b && b.Query === Parser.Query && b.nodeTransferArray instanceof Uint32Array ? b : null;
  } catch {
    return null;
  }
})();

type RawQuery = Parser.Query & {
  _captures(tree: Tree, sr: number, sc: number, er: number, ec: number, si: number, ei: number, limit: number, depth: number, timeout: number): [unknown[], unknown[]];
  _matches(tree: Tree, sr: number, sc: number, er: number, ec: number, si: number, ei: number, limit: number, depth: number, timeout: number): [unknown[], unknown[]];
  _getPredicates(): unknown[][][];
  predicates: unknown[][];
  setProperties: unknown[];
  assertedProperties: unknown[];
  refutedProperties: unknown[];
};

/** What a predicate reads of a candidate: its captures of a name. */
interface View {
  /** Their texts, in one of two arrays it reuses (`slot` 0 or 1): a test reads the first before it asks for the second. */
  texts(name: string, slot: 0 | 1): string[];
  /** Sets `count` to how many there are and `hits` to how many of them have a text among `lits`. */
  among(name: string, lits: readonly string[]): void;
  count: number;
  hits: number;
}

/** A predicate on a candidate. */
type Test = (v: View) => boolean;

const STRING = 2;
const CAPTURE = 1;

/**
 * The texts a `#match?` regex accepts when it accepts only finitely many
 * plain words: `^word$`, `^(a|b|c)$`, `^(::)?(std|alloc)::vec$` (anchored;
 * word characters, `:`, groups of alternatives, a `?` after a group). Null
 * for any other regex: it is run on the text.
 */
export function literalsOf(re: string): string[] | null {
  if (!re.startsWith('^') || !re.endsWith('$') || re.endsWith('\\$')) return null;
  const body = re.slice(1, -1);
  let i = 0;
  const LIMIT = 256;
  // alt := seq ('|' seq)*; seq := (word char | '(' alt ')' '?'?)*
  const alt = (): string[] | null => {
    const out: string[] = [];
    for (;;) {
      const s = seq();
      if (!s) return null;
      out.push(...s);
      if (out.length > LIMIT) return null;
      if (body[i] !== '|') return out;
      i++;
    }
  };
  const seq = (): string[] | null => {
    let acc = [''];
    while (i < body.length && body[i] !== '|' && body[i] !== ')') {
      let part: string[] | null;
      if (body[i] === '(') {
        i++;
        part = alt();
        if (!part || body[i] !== ')') return null;
        i++;
        if (body[i] === '?') {
          i++;
          part = ['', ...part];
        }
      } else if (/[\w:]/.test(body[i]) && body[i + 1] !== '?' && body[i + 1] !== '*' && body[i + 1] !== '+' && body[i + 1] !== '{') part = [body[i++]];
      else return null;
      acc = acc.flatMap((x) => part!.map((y) => x + y));
      if (acc.length > LIMIT) return null;
    }
    return acc;
  };
  const all = alt();
  return all && i === body.length ? [...new Set(all)] : null;
}

/** The predicates of each pattern of `q` as tests on capture texts, as node-tree-sitter 0.22.4's Query._init builds them (index.js); `set!`, `is?`, `is-not?` test nothing. */
function testsOf(q: RawQuery): Test[][] {
  return q._getPredicates().map((pattern) =>
    pattern.flatMap((steps): Test[] => {
      if (steps[0] !== STRING) throw new Error('a query predicate that does not begin with its name');
      const op = steps[1] as string;
      const positive = !op.startsWith('not-') && !op.startsWith('any-not-');
      const all = !op.startsWith('any-');
      /** Whether every (all) or some (any) capture is (positive) or is not a text among `lits`; none of them: `empty`. */
      const amongTest = (name: string, lits: readonly string[], empty: boolean | undefined): Test => (v) => {
        v.among(name, lits);
        if (v.count === 0 && empty !== undefined) return empty;
        const good = positive ? v.hits : v.count - v.hits;
        return all ? good === v.count : good > 0;
      };
      switch (op) {
        case 'eq?':
        case 'not-eq?':
        case 'any-eq?':
        case 'any-not-eq?': {
          const name = steps[3] as string;
          if (steps[4] === CAPTURE) {
            const other = steps[5] as string;
            return [
              (v) => {
                const a = v.texts(name, 0);
                const b = v.texts(other, 1);
                const hit = (t: string) => b.some((u) => (t === u) === positive);
                return all ? a.every(hit) : a.some(hit);
              },
            ];
          }
          // No captures: every of none holds, some of none does not.
          return [amongTest(name, [steps[5] as string], undefined)];
        }
        case 'match?':
        case 'not-match?':
        case 'any-match?':
        case 'any-not-match?': {
          const name = steps[3] as string;
          const lits = literalsOf(steps[5] as string);
          if (lits) return [amongTest(name, lits, !positive)];
          const re = new RegExp(steps[5] as string);
          const hit = (t: string) => re.test(t) === positive;
          return [
            (v) => {
              const a = v.texts(name, 0);
              if (a.length === 0) return !positive;
              return all ? a.every(hit) : a.some(hit);
            },
          ];
        }
        case 'any-of?':
        case 'not-any-of?': {
          const name = steps[3] as string;
          const values: string[] = [];
          for (let k = 4; k < steps.length; k += 2) values.push(steps[k + 1] as string);
          return [
            (v) => {
              v.among(name, values);
              if (v.count === 0) return !positive;
              return (v.hits === v.count) === positive;
            },
          ];
        }
        case 'set!':
        case 'is?':
        case 'is-not?':
          return [];
        default:
          // Query._init has refused it already.
          throw new Error(`unknown query predicate #${op}`);
      }
    }),
  );
}

const testsByQuery = new WeakMap<Parser.Query, Test[][]>();

/** The binding's `endIndex` getter, run on a stand-in holding a node's transfer fields. */
const endIndexOf = Object.getOwnPropertyDescriptor((Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype, 'endIndex')!.get!;

/**
 * `q.matches(node)`, with the same matches in the same order, each capture
 * named by `rename` (the combined query's members' own names, runTogether),
 * without making an object of any node of a candidate its predicates reject.
 */
export function rawMatches(q: Parser.Query, node: SyntaxNode, rename?: (name: string, pattern: number) => string): QueryMatch[] {
  if (!rawWalks(q, node)) {
    const ms = q.matches(node);
    return rename ? ms.map((m) => ({ ...m, captures: m.captures.map((c) => ({ name: rename(c.name, m.pattern), node: c.node })) })) : ms;
  }
  return rawWalk(q as RawQuery, node, false, rename) as QueryMatch[];
}

/** `q.captures(node)`, the same captures in the same order, as rawMatches does it: only the kept captures' nodes become objects. */
export function rawCaptures(q: Parser.Query, node: SyntaxNode): QueryCapture[] {
  if (!rawWalks(q, node)) return q.captures(node);
  return rawWalk(q as RawQuery, node, true) as QueryCapture[];
}

type RawTree = Tree & { input: unknown; language: { nodeSubclasses: (new (t: Tree) => SyntaxNode)[] } };

/** Whether the binding's native walk can be read here: the binding is reachable and the tree's text is a string. */
function rawWalks(q: Parser.Query, node: SyntaxNode): boolean {
  const rq = q as RawQuery;
  return !!binding && typeof (node.tree as RawTree).input === 'string' && typeof rq._matches === 'function' && typeof rq._captures === 'function';
}

/**
 * The nodes a walk kept, packed: per node its fields as the binding hands them
 * over and its type id. A kept result holds its captures' nodes this way and
 * makes a node object each time one is asked for: a node object with its six
 * fields takes about 180 bytes of heap, these take 28, and a large file's
 * query results are kept for its whole phase.
 */
class Packed {
  data: Uint32Array = new Uint32Array(0);
  /** Where this walk's nodes start in `data` (a chunk walks share: see `reserve`). */
  base = 0;
  constructor(readonly tree: RawTree) {}

  node(i: number): SyntaxNode {
    const d = this.data;
    const o = this.base + i * PACKED;
    const type = d[o + NODE_FIELDS];
    const NodeClass = type === ERROR_TYPE_ID ? (Parser as unknown as { SyntaxNode: new (t: Tree) => SyntaxNode }).SyntaxNode : this.tree.language.nodeSubclasses[type];
    const n = new NodeClass(this.tree);
    const f = n as unknown as Record<number, number>;
    for (let j = 0; j < NODE_FIELDS; j++) f[j] = d[o + j];
    return n;
  }
}
const PACKED = NODE_FIELDS + 1;

// Walks pack their nodes into shared chunks, so a small walk (a macro argument list's, thousands
// of them in a large file) costs no buffer of its own; a chunk goes when no result in it is kept.
const CHUNK = 1 << 18;
let chunk = new Uint32Array(CHUNK);
let chunkUsed = 0;

function reserve(length: number): [Uint32Array, number] {
  if (chunkUsed + length > chunk.length) {
    chunk = new Uint32Array(Math.max(CHUNK, length));
    chunkUsed = 0;
  }
  const at = chunkUsed;
  chunkUsed += length;
  return [chunk, at];
}

/** A capture of a kept result: its node made from the walk's packed nodes when asked for (a fresh object each time, like every node here: compare by id). */
class PackedCapture {
  readonly #packed: Packed;
  readonly #i: number;

  constructor(
    public name: string,
    packed: Packed,
    i: number,
  ) {
    this.#packed = packed;
    this.#i = i;
  }

  get node(): SyntaxNode {
    return this.#packed.node(this.#i);
  }
}

/**
 * One native walk, `_matches` or `_captures`, read as node-tree-sitter
 * 0.22.4's Query.matches / Query.captures reads it (index.js), deciding each
 * candidate's predicates on capture texts taken from the transfer buffer
 * before any of its nodes becomes an object. A captures walk yields, per
 * candidate, the pattern, the index of the capture it stands for and all the
 * match's captures (for the predicates); only that one capture is kept.
 */
function rawWalk(rq: RawQuery, node: SyntaxNode, captures: boolean, rename?: (name: string, pattern: number) => string): (QueryMatch | QueryCapture)[] {
  const tree = node.tree as RawTree;
  let tests = testsByQuery.get(rq);
  if (!tests) testsByQuery.set(rq, (tests = testsOf(rq)));
  const input = tree.input as string;
  queryStats.walkedChars += node.endIndex - node.startIndex;
  const fields = node as unknown as Record<number, number>;
  let buf = binding!.nodeTransferArray;
  for (let i = 0; i < NODE_FIELDS; i++) buf[i] = fields[i];
  const depth = shallow.has(rq) ? 0 : 0xffffffff;
  const [flat, values] = (captures ? rq._captures : rq._matches).call(rq, tree, 0, 0, 0, 0, 0, 0, 0xffffffff, depth, 0);
  // The node fields the binding wrote, one group per node it did not hand over as an object.
  buf = binding!.nodeTransferArray;
  let transferred = 0;
  for (const v of values) if (typeof v === 'number') transferred++;
  const data = buf.slice(0, transferred * NODE_FIELDS);
  /** Per value: its offset in `data`, or -1 for a node handed over as an object (or null). */
  const at = new Int32Array(values.length);
  for (let i = 0, o = 0; i < values.length; i++) {
    if (typeof values[i] === 'number') {
      at[i] = o;
      o += NODE_FIELDS;
    } else at[i] = -1;
  }

  const stand = { tree, 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as unknown as Record<number, number>;
  /** A transferred node's end, asked of the binding (its start is in the buffer: its start byte, two per UTF-16 unit). */
  const endAt = (o: number): number => {
    for (let i = 0; i < NODE_FIELDS; i++) stand[i] = data[o + i];
    return endIndexOf.call(stand) as number;
  };
  const textOf = (k: number): string => {
    const o = at[k];
    if (o < 0) return (values[k] as SyntaxNode).text;
    return input.substring(data[o + 2] >>> 1, endAt(o));
  };
  /** Whether capture k's text is one of `lits`, without cutting it out: a word that does not start there rules itself out. */
  const isOneOf = (k: number, lits: readonly string[]): boolean => {
    const o = at[k];
    if (o < 0) return lits.includes((values[k] as SyntaxNode).text);
    const start = data[o + 2] >>> 1;
    let end = -1;
    for (const lit of lits) {
      if (!input.startsWith(lit, start)) continue;
      if (end < 0) end = endAt(o);
      if (end - start === lit.length) return true;
    }
    return false;
  };

  const packed = new Packed(tree);
  /** The kept transferred nodes (`values` indices), in packed order. */
  const kept: number[] = [];
  /** A kept capture: packed when its node was transferred (a node handed over as an object, or null, is kept as it is). */
  const captureOf = (name: string, k: number): QueryCapture => {
    const o = at[k];
    if (o < 0) return { name, node: values[k] as SyntaxNode };
    if (data[o] === 0 && data[o + 1] === 0) return { name, node: null as unknown as SyntaxNode };
    kept.push(k);
    return new PackedCapture(name, packed, kept.length - 1) as unknown as QueryCapture;
  };

  // The captures of the candidate being tested: names flat[from..to), nodes from fromNode.
  let from = 0;
  let to = 0;
  let fromNode = 0;
  const scratch: [string[], string[]] = [[], []];
  const view: View = {
    texts(name, slot) {
      const t = scratch[slot];
      t.length = 0;
      for (let j = from, n = fromNode; j < to; j++, n++) if (flat[j] === name) t.push(textOf(n));
      return t;
    },
    among(name, lits) {
      let count = 0;
      let hits = 0;
      for (let j = from, n = fromNode; j < to; j++, n++) {
        if (flat[j] !== name) continue;
        count++;
        if (isOneOf(n, lits)) hits++;
      }
      this.count = count;
      this.hits = hits;
    },
    count: 0,
    hits: 0,
  };
  const withProperties = <T extends object>(x: T, pattern: number): T => {
    const r = x as Record<string, unknown>;
    if (rq.setProperties[pattern]) r.setProperties = rq.setProperties[pattern];
    if (rq.assertedProperties[pattern]) r.assertedProperties = rq.assertedProperties[pattern];
    if (rq.refutedProperties[pattern]) r.refutedProperties = rq.refutedProperties[pattern];
    return x;
  };

  const out: (QueryMatch | QueryCapture)[] = [];
  let i = 0;
  let k = 0;
  while (i < flat.length) {
    const pattern = flat[i++] as number;
    const index = captures ? (flat[i++] as number) : 0;
    queryStats.candidates++;
    const firstName = i;
    const firstNode = k;
    while (i < flat.length && typeof flat[i] === 'string') {
      i++;
      k++;
    }
    const preds = tests[pattern];
    if (preds.length) {
      from = firstName;
      to = i;
      fromNode = firstNode;
      let ok = true;
      for (const p of preds) if (!(ok = p(view))) break;
      if (!ok) continue;
    }
    if (captures) {
      out.push(withProperties(captureOf(flat[firstName + index] as string, firstNode + index), pattern));
      continue;
    }
    // Exactly as long as it needs: an array grown by push keeps room for 17, and the tree keeps these.
    const cs: QueryCapture[] = new Array(i - firstName);
    for (let j = firstName, n = firstNode; j < i; j++, n++) {
      const name = flat[j] as string;
      cs[j - firstName] = captureOf(rename ? rename(name, pattern) : name, n);
    }
    out.push(withProperties({ pattern, captures: cs } as QueryMatch, pattern));
  }
  // The kept nodes' fields, in the order their captures were made.
  if (kept.length) {
    const [packedData, base] = reserve(kept.length * PACKED);
    kept.forEach((k, j) => {
      const o = at[k];
      const p = base + j * PACKED;
      for (let f = 0; f < NODE_FIELDS; f++) packedData[p + f] = data[o + f];
      packedData[p + NODE_FIELDS] = values[k] as number;
    });
    packed.data = packedData;
    packed.base = base;
  }
  queryStats.kept += out.length;
  queryStats.nodes += kept.length;
  return out;
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
        return opts ? q.matches(node, opts) : rawMatches(q, node);
      },
      captures: (node, opts) => {
        tick(node.tree);
        return opts ? q.captures(node, opts) : rawCaptures(q, node);
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
      return rawCaptures(compile(source), node);
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
  /** Made when first needed: most trees are macro argument lists, thousands of them in a large file. */
  pending?: Set<string>;
  /** Captures walks' results, by source (made when first needed). */
  captures?: Map<string, QueryCapture[]>;
}
const trees = treeCache<TreeQueries>();

function stateOf(tree: Tree): TreeQueries {
  let s = trees.get(tree);
  if (!s) trees.set(tree, (s = { results: new Map() }));
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
  for (const src of sources) if (!s.results.has(src)) (s.pending ??= new Set()).add(src);
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
  if (s.pending) for (const src of s.pending) if (!s.results.has(src)) want.add(src);
  s.pending = undefined;
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
  let hit = s.captures?.get(source);
  if (hit) tick(tree);
  else (s.captures ??= new Map()).set(source, (hit = walkCaptures(compile(source), tree.rootNode)));
  return hit;
}

function walkCaptures(q: Parser.Query, node: SyntaxNode): QueryCapture[] {
  tick(node.tree);
  queryStats.walks++;
  return rawCaptures(q, node);
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
  /** Each capture name of the combined query: its member's own name for it, and the member. */
  names: Map<string, { name: string; member: number }>;
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
  return topLevel(source).filter((t) => t.kind === 'pattern').length;
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
    if (sources.every(fileRooted)) shallow.add(q);
    batches.set(key, (b = { q, ...l, names: new Map() }));
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
  tick(node.tree);
  queryStats.walks++;
  // Each capture gets its member's own name as the match is built (`x__kb3` → `x`).
  const rename = (name: string, pattern: number): string => {
    let r = b.names.get(name);
    if (!r) {
      const at = name.lastIndexOf(SUFFIX);
      b.names.set(name, (r = { name: name.slice(0, at), member: Number(name.slice(at + SUFFIX.length)) }));
    }
    if (r.member !== b.member[pattern]) throw new Error('a combined query\'s pattern is filed under the wrong member');
    return r.name;
  };
  const shares: QueryMatch[][] = sources.map(() => []);
  for (const m of rawMatches(b.q, node, rename)) {
    const i = b.member[m.pattern];
    m.pattern -= b.first[i];
    shares[i].push(m);
  }
  sources.forEach((src, i) => out.set(src, shares[i].length ? shares[i] : NONE));
  return out;
}

/** The kept result of a query with no match: one for all (a large file's thousands of macro argument trees have mostly none). */
const NONE: QueryMatch[] = Object.freeze([]) as unknown as QueryMatch[];

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
