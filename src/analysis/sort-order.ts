// Whether a std stable sort's order among equal elements can be observed: when
// it cannot, the unstable sort means the same (alloc-slices renames it); when
// it can, compat-stable-sort ports it to the compat module's stable insertion
// sort. Shared so that the two passes split the sorts between them exactly.
import type { SyntaxNode } from '../engine/types.ts';
import { isPrimitiveElem, type Ty } from './vec-resolver.ts';

/** `|a, b| a.cmp(b)` or `|a, b| b.cmp(a)` (with optional `&`/`*`): a total order on the whole value. */
export function isWholeValueComparator(c: SyntaxNode | undefined): boolean {
  if (!c || c.type !== 'closure_expression') return false;
  const ps = c.childForFieldName('parameters')?.namedChildren ?? [];
  if (ps.length !== 2) return false;
  const names = ps.map((p) => p.text.replace(/[&\s]/g, '').replace(/:.*$/, ''));
  if (!names.every((n) => /^\w+$/.test(n))) return false;
  const body = c.childForFieldName('body')?.text.replace(/\s+/g, '').replace(/[*&()]/g, '') ?? '';
  const [a, b] = names;
  return body === `${a}.cmp${b}` || body === `${b}.cmp${a}`;
}

/** `|x| *x`, `|&x| x`, `|x| Reverse(*x)`: the key is the element itself. */
export function isIdentityKey(c: SyntaxNode | undefined): boolean {
  if (!c || c.type !== 'closure_expression') return false;
  const ps = c.childForFieldName('parameters')?.namedChildren ?? [];
  if (ps.length !== 1) return false;
  const x = ps[0].text.replace(/[&\s]/g, '').replace(/:.*$/, '');
  if (!/^\w+$/.test(x)) return false;
  const body = (c.childForFieldName('body')?.text ?? '').replace(/\s+/g, '').replace(/[*&]/g, '').replace(/^(?:(?:core|std)::cmp::)?Reverse\((.*)\)$/, '$1');
  return body === x;
}

/**
 * `v.<method>(arg)` on elements `elem` where equal elements are indistinguishable:
 * primitive values, and an order that breaks every tie (`sort()`, a whole-value
 * comparator, the element as its own key).
 */
export function unobservableSort(method: string, elem: Ty, arg: SyntaxNode | undefined): boolean {
  return isPrimitiveElem(elem) && (method === 'sort' || (method === 'sort_by' && isWholeValueComparator(arg)) || (method === 'sort_by_key' && isIdentityKey(arg)));
}
