import { compatTypesOn } from '../src/crate/compat-mode.ts';
import type { Resolver } from '../src/analysis/vec-resolver.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { unobservableSort } from '../src/analysis/sort-order.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { definesName } from '../src/compat/strings.ts';
import { stableSortMethod } from '../src/compat/sort.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * compat-stable-sort: a stable sort whose order among equal elements the
 * program can see becomes the compat module's stable insertion sort
 * (src/compat/sort.ts), which allocates nothing.
 *
 *   list.sort_by_key(|r| r.width)       →  list.stable_sort_by_key(|r| r.width)
 *   people.sort_by(|a, b| a.age.cmp(&b.age))  →  people.stable_sort_by(..)
 *
 * The sorts whose ties cannot be seen (primitive elements, an order that
 * breaks every tie) are alloc-slices', which renames them to the unstable
 * sort (src/analysis/sort-order.ts splits them). A key or comparator that does
 * more than read the elements (counts its calls, prints, calls a function)
 * is left to alloc-slices' report (K0315): the insertion sort calls it a
 * different number of times than std's sort.
 */

const CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name
    (#match? @name "^(sort|sort_by|sort_by_key)$"))
  arguments: (arguments)) @call`;

/** Methods a key or comparator may call and still only read the elements. */
const READS = new Set(['cmp', 'partial_cmp', 'then', 'reverse', 'len', 'is_empty', 'as_str', 'abs', 'min', 'max']);

/** A closure that only reads its parameters: fields, `&`/`*`, tuples, `Reverse(..)`, comparisons. */
function onlyReads(c: SyntaxNode | undefined): boolean {
  if (!c || c.type !== 'closure_expression') return false;
  const body = c.childForFieldName('body');
  if (!body) return false;
  const t = body.text.replace(/\s+/g, '');
  if (!/^[\w.&*(),:]+$/.test(t)) return false;
  for (const m of t.matchAll(/(\.?)((?:\w+::)*\w+)\(/g)) {
    const name = m[2];
    if (m[1] === '.') {
      if (!READS.has(name)) return false;
    } else if (!/^(?:(?:core|std)::cmp::)?Reverse$/.test(name)) return false;
  }
  return true;
}

const CODES: Record<string, CodeInfo> = {
  K0714: {
    code: 'K0714',
    severity: 'note',
    title: 'a stable sort became the compat module\'s stable insertion sort',
    explanation: `std's \`sort\`, \`sort_by\` and \`sort_by_key\` are stable (equal elements keep their
order) and allocate a scratch buffer; the kernel has only core's unstable sorts.
Where the program can tell equal elements apart (a struct sorted by one field),
switching to the unstable sort could reorder them, so kport ports the call to
the compat module's \`stable_sort*\` (src/compat/sort.ts): an insertion sort in place,
stable, allocation-free, O(n^2) comparisons. Only when the key or comparator only
reads the elements: one that counts its calls or prints would run a different
number of times. For upstream code, prefer \`sort_unstable_by_key\` with a key that
breaks every tie (add the index, or a unique field).

Before:
    list.sort_by_key(|r| r.width);
After:
    list.stable_sort_by_key(|r| r.width);`,
  },
};

function runFile(ctx: FileContext, r: Resolver): void {
  for (const m of ctx.matches('calls')) {
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const method = name.text;
    if (isTestCode(ctx.tree, call) || definesName(ctx.tree, method)) continue;
    const t = r.typeOf(m.captures.find((c) => c.name === 'recv')!.node);
    if (t.k !== 'vec' && t.k !== 'slice') continue;
    const n = argCount(call);
    if (n !== (method === 'sort' ? 0 : 1)) continue;
    const a = args(call)[0];
    if (unobservableSort(method, t.elem, a)) continue;
    if (method !== 'sort' && !onlyReads(a)) continue;
    const to = stableSortMethod(method)!;
    ctx.edits.replace(name, to);
    ctx.report({
      code: 'K0714',
      message: `\`${method}\` is stable and allocates: the compat \`${to}\` sorts in place by insertion, stable, allocating nothing`,
      node: call,
      help: `O(n^2) comparisons; in upstream code prefer \`${method.replace(/^sort/, 'sort_unstable')}\` with an order that breaks every tie (add the index or a unique field)`,
    });
  }
}

function run(ctx: CrateContext): void {
  if (!compatTypesOn(ctx.crate)) return;
  const wanted = (f: { text: string }) => /\.\s*sort(?:_by|_by_key)?\s*\(/.test(f.text);
  if (!ctx.files.some(wanted)) return;
  const model = ctx.model;
  for (const f of ctx.files) if (wanted(f)) runFile(f, model.resolver(f));
}

export const compatStableSort: CrateTransform = {
  id: 'compat-stable-sort',
  scope: 'crate',
  summary: 'Port a stable sort whose ties the program can see to the compat module\'s allocation-free stable insertion sort.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['sort'],
  applies: (c) => compatTypesOn(c.crate),
  queries: { calls: CALLS },
  uses: [TABLE_QUERIES],
  run,
  codes: [CODES.K0714],
};
