import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { unobservableSort } from '../src/analysis/sort-order.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';
import { METHODS_QUERY } from '../src/crate/crate-methods.ts';

/**
 * alloc-slices: slice methods that allocate in userspace.
 *
 *   v.sort()                      →  v.sort_unstable()            (primitive elements)
 *   v.sort_by(|a, b| b.cmp(a))    →  v.sort_unstable_by(|a, b| b.cmp(a))
 *   v.sort_by_key(|p| p.age)      →  reported: ties between equal keys would be observable
 *   v.concat(), v.join(", "), v.repeat(n)  →  reported with the fallible alternative
 */

const CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name
    (#match? @name "^(sort|sort_by|sort_by_key|sort_by_cached_key|concat|join|repeat)$"))
  arguments: (arguments)) @call`;

function elemOf(t: Ty): Ty | undefined {
  return t.k === 'vec' || t.k === 'slice' ? t.elem : undefined;
}

// Inside macro arguments (tokens): `"-".repeat(n)` is certainly str::repeat.
const TOKEN_REPEAT = '(token_tree (string_literal) @s . "." . (identifier) @m (#eq? @m "repeat") . (token_tree) @args)';

function runFile(ctx: FileContext, r: Resolver, own: Set<string>): void {
  for (const m of ctx.matches('tokenRepeat')) {
    const s = m.captures.find((c) => c.name === 's')!.node;
    const a = m.captures.find((c) => c.name === 'args')!.node;
    ctx.report({
      code: 'K0316',
      message: '`repeat` allocates a new String and has no fallible kernel form',
      range: { start: s.startIndex, end: a.endIndex },
      help: 'print the piece in a loop (`for _ in 0..n { pr_cont!(\"..\") }`), or write it into a fixed buffer',
    });
  }
  for (const m of ctx.matches('calls')) {
    const recv = m.captures.find((c) => c.name === 'recv')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const method = name.text;
    const n = argCount(call);
    const t = r.typeOf(recv);
    const elem = elemOf(t);
    if (method.startsWith('sort')) {
      const want = method === 'sort' ? 0 : 1;
      if (n !== want || !elem) continue; // not a slice sort kport can see
      const unstable = method.replace(/^sort/, 'sort_unstable');
      const a = args(call)[0];
      if (unobservableSort(method, elem, a)) {
        ctx.edits.replace(name, unstable);
        continue;
      }
      ctx.report({
        code: 'K0315',
        message: `\`${method}\` is a stable sort, which needs an allocation the kernel does not provide`,
        node: call,
        help:
          method === 'sort_by_cached_key'
            ? 'compute the keys into a KVec first, then `sort_unstable_by_key`'
            : `use \`${unstable}\` if equal elements may be reordered, or make the ${method === 'sort' ? 'ordering' : method === 'sort_by' ? 'comparator' : 'key'} break every tie (e.g. by index)`,
        suggestion: method === 'sort_by_cached_key' ? undefined : `${recv.text}.${unstable}(${args(call).map((x) => x.text).join(', ')})`,
      });
      continue;
    }
    const text = t.k === 'prim' || (t.k === 'named' && t.name === 'String') || (elem?.k === 'prim' && elem.name === 'str');
    if (!elem && !text) {
      // A receiver kport cannot see: the name and argument count are evidence enough (no core or
      // kernel type has `concat()`, `join(sep)` or `repeat(n)`; a thread's `join()` takes none),
      // unless the crate defines a method of that name.
      if (n !== (method === 'concat' ? 0 : 1) || own.has(method)) continue;
    }
    const help: Record<string, string> = {
      concat: 'allocate the result with `KVec::with_capacity(total, GFP_KERNEL)?` and `extend_from_slice(part, GFP_KERNEL)?` each part',
      join: 'write the parts into a buffer: `extend_from_slice(part, GFP_KERNEL)?` with the separator between them, or format into a `CString::try_from_fmt(fmt!(..))?`',
      repeat: 'reserve `n * len` and `extend_from_slice(s, GFP_KERNEL)?` in a loop',
    };
    ctx.report({
      code: 'K0316',
      message: `\`${method}\` allocates a new ${text ? 'String' : elem ? 'vector' : 'String or vector'} and has no fallible kernel form`,
      node: call,
      help: help[method],
    });
  }
}

function run(ctx: CrateContext): void {
  const wanted = (f: { text: string }) => /\.\s*(?:sort|sort_by|sort_by_key|sort_by_cached_key|concat|join|repeat)\s*\(/.test(f.text);
  const model = ctx.model;
  const own = model.methodNames();
  for (const f of ctx.files) if (wanted(f)) runFile(f, model.resolver(f), own);
}

export const allocSlices: CrateTransform = {
  id: 'alloc-slices',
  scope: 'crate',
  summary: 'Turn stable sorts into unstable ones where stability is unobservable and report other allocating slice methods.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['sort', 'concat', 'join', 'repeat'],
  queries: { tokenRepeat: TOKEN_REPEAT, calls: CALLS },
  uses: [TABLE_QUERIES, METHODS_QUERY],
  run,
  codes: [
    {
      code: 'K0315',
      severity: 'error',
      title: 'stable sort where the order of equal elements may be observable',
      explanation: `The kernel has only the unstable sorts (core's \`sort_unstable*\`). kport
renames a stable sort only when equal elements cannot be told apart; here they
can (a struct element, a key that leaves ties), so switching may reorder equal
elements. Decide whether that matters; if it does, add a tie-breaker.

Before:
    people.sort_by_key(|p| p.age);
After (if order among equal ages does not matter):
    people.sort_unstable_by_key(|p| p.age);`,
    },
    {
      code: 'K0316',
      severity: 'error',
      title: 'an allocating slice or string method with no kernel form',
      explanation: `\`concat\`, \`join\` and \`repeat\` build a new vector or String with an
infallible allocation. The kernel has no such methods; write the result into a
buffer with the fallible methods.

Before:
    let all = parts.concat();
After:
    let mut all = KVec::new();
    for p in parts.iter() {
        all.extend_from_slice(p, GFP_KERNEL)?;
    }`,
    },
  ],
};
