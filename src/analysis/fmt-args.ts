// What a formatting macro formats: its format string's placeholders and the
// value each one takes (a positional or named argument, or a variable captured
// by name, `{level}`), read from a macro argument region (src/analysis/macroargs.ts).
// Shared by the passes that judge whether the kernel can format a value.
import { parse } from '../engine/parse.ts';
import { REGION_FN, type Region } from './macroargs.ts';
import type { Resolver, Ty } from './vec-resolver.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';

/**
 * core types whose `Display` is core's only: on mainline `fmt!` (and so `pr_*!`)
 * cannot format them. rust/kernel/fmt.rs implements the kernel's `Display` for
 * the integers, `bool`, `char`, `str`, `Arguments`, `PanicInfo`, `Arc` and
 * `UniqueArc`, and `&T` of those, nothing else.
 */
export const CORE_ONLY = new Set([
  'ParseIntError', 'ParseFloatError', 'ParseBoolError', 'ParseCharError', 'TryFromIntError', 'CharTryFromError',
  'TryFromSliceError', 'Utf8Error', 'FromUtf8Error', 'DecodeUtf16Error', 'EscapeDefault', 'EscapeDebug', 'EscapeUnicode',
  'NonZeroU8', 'NonZeroU16', 'NonZeroU32', 'NonZeroU64', 'NonZeroU128', 'NonZeroUsize', 'NonZeroI8', 'NonZeroI16',
  'NonZeroI32', 'NonZeroI64', 'NonZeroI128', 'NonZeroIsize', 'NonZero', 'Wrapping', 'Saturating', 'Ipv4Addr', 'Ipv6Addr',
  'IpAddr', 'SocketAddr', 'SocketAddrV4', 'SocketAddrV6', 'LayoutError', 'BorrowError', 'BorrowMutError', 'Location',
]);

export interface Placeholder {
  /** Positional index, or a name. */
  arg: number | string;
  display: boolean;
  /** Width or precision taken from an argument (`{:1$}`, `{:.*}`, `{:w$}`), or a pointer (`{:p}`). */
  counted: boolean;
  /** Offsets of the `{` and after the `}` in the string given to `placeholders`. */
  at: number;
  end: number;
}

/** The placeholders of a format string's contents (as written between the quotes). */
export function placeholders(s: string): Placeholder[] | undefined {
  const out: Placeholder[] = [];
  let next = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      if (s[i + 1] === '}') i++;
      continue;
    }
    if (s[i] !== '{') continue;
    if (s[i + 1] === '{') {
      i++;
      continue;
    }
    const end = s.indexOf('}', i);
    if (end === -1) return undefined;
    const inner = s.slice(i + 1, end);
    const colon = inner.indexOf(':');
    const name = (colon === -1 ? inner : inner.slice(0, colon)).trim();
    const spec = colon === -1 ? '' : inner.slice(colon + 1);
    const arg = name === '' ? next++ : /^\d+$/.test(name) ? Number(name) : name;
    const ty = /(x\?|X\?|\?|x|X|o|b|e|E|p)$/.exec(spec)?.[1] ?? '';
    // `{:p}` goes through the kernel's own `Pointer` under `fmt!` (hashed, like `%p`): not the same output.
    const counted = /\$|\.\*/.test(spec) || ty === 'p';
    if (/\.\*/.test(spec)) next++; // `.*` takes the precision from the next positional argument first
    out.push({ arg, display: ty === '', counted, at: i, end: end + 1 });
    i = end;
  }
  return out;
}

/** One value a formatting macro formats. */
export interface FormattedValue {
  /** The expression: an argument in the region's tree, or for `{name}` an identifier in a tree of its own. */
  node: SyntaxNode;
  /** Its text as written (`b`, `self.level`). */
  text: string;
  /** Where to report it in the file: the argument, or the `{name}` placeholder. */
  range: { start: number; end: number };
  /** Formatted with `{}` (Display) by at least one placeholder. */
  display: boolean;
}

export interface FormatCall {
  /** The macro's name as written before the `!` (`println`, `kernel::pr_info`). */
  macro: string;
  values: FormattedValue[];
  /** Keeps the trees of captured names alive while their nodes are in use. */
  trees: Tree[];
}

const PREFIX = `fn ${REGION_FN}() { `;

/**
 * The values a formatting macro call formats, from its argument region. `fmtIndex`
 * is the format string's place among the arguments (1 for `write!(w, ..)`). Undefined
 * when the format string is not a plain literal or does not parse.
 */
export function formatCall(text: string, r: Region, fmtIndex: number): FormatCall | undefined {
  if (!r.tt) return undefined;
  const macro = /([A-Za-z_][\w:]*)\s*!\s*$/.exec(text.slice(Math.max(0, r.tt.start - 200), r.tt.start))?.[1];
  if (!macro) return undefined;
  const body = r.root.namedChildren[0]?.childForFieldName('body');
  const list = body?.namedChildren[0]?.namedChildren[0];
  if (!list) return undefined;
  // `("fmt", a)` is a tuple, `("fmt")` a parenthesized expression.
  if (list.type !== 'tuple_expression' && list.type !== 'parenthesized_expression') return undefined;
  const items = list.namedChildren.filter((c) => !c.type.endsWith('comment') && c.type !== 'attribute_item');
  const fmt = items[fmtIndex];
  if (fmt?.type !== 'string_literal') return undefined;
  const inner = fmt.text.slice(1, -1);
  const ps = placeholders(inner);
  if (!ps) return undefined;
  const positional: SyntaxNode[] = [];
  const named = new Map<string, SyntaxNode>();
  for (const a of items.slice(fmtIndex + 1)) {
    if (a.type === 'assignment_expression' && a.childForFieldName('left')?.type === 'identifier') named.set(a.childForFieldName('left')!.text, a.childForFieldName('right')!);
    else positional.push(a);
  }
  const range = (n: SyntaxNode) => ({ start: n.startIndex + r.shift, end: n.endIndex + r.shift });
  const byNode = new Map<number, FormattedValue>();
  const add = (node: SyntaxNode, at: { start: number; end: number }, display: boolean) => {
    const v = byNode.get(node.id);
    if (v) v.display ||= display;
    else byNode.set(node.id, { node, text: node.text, range: at, display });
  };
  const captured = new Map<string, { display: boolean; at: number; end: number }>();
  for (const p of ps) {
    const e = typeof p.arg === 'number' ? positional[p.arg] : named.get(p.arg);
    if (e) add(e, range(e), p.display);
    else if (typeof p.arg === 'string' && /^[A-Za-z_]\w*$/.test(p.arg)) {
      const c = captured.get(p.arg);
      if (c) c.display ||= p.display;
      else captured.set(p.arg, { display: p.display, at: p.at, end: p.end });
    }
  }
  // Arguments no placeholder names are still evaluated (and, for `{:?}` only, formatted by Debug): not ours.
  const trees: Tree[] = [];
  const values = [...byNode.values()];
  if (captured.size) {
    // `{name}`: the variable in scope at the call; resolve it as a macro argument would be (Resolver.at).
    const names = [...captured.keys()];
    const t = parse(`${PREFIX}(${names.join(', ')},\n); }`);
    trees.push(t);
    const ids = t.rootNode.descendantsOfType('identifier').filter((i) => i.text !== REGION_FN);
    const fmtStart = fmt.startIndex + r.shift + 1;
    names.forEach((n, i) => {
      const c = captured.get(n)!;
      const id = ids[i];
      if (!id || id.text !== n) return;
      values.push({ node: id, text: n, range: { start: fmtStart + c.at, end: fmtStart + c.end }, display: c.display });
    });
  }
  return { macro, values, trees };
}

/** The type of a formatted value as far as declarations tell: `&x` and `(x)` are `x`, `*b` of a box its contents. */
export function valueType(r: Resolver, e: SyntaxNode): Ty {
  switch (e.type) {
    case 'reference_expression':
      return valueType(r, e.childForFieldName('value')!);
    case 'parenthesized_expression':
      return e.namedChildren.length === 1 ? valueType(r, e.namedChildren[0]) : { k: 'unknown' };
    case 'unary_expression': {
      if (!e.text.startsWith('*')) return { k: 'unknown' };
      const t = valueType(r, e.namedChildren[0]);
      return t.k === 'box' ? t.inner : t.k === 'prim' ? { k: 'prim', name: t.name } : { k: 'unknown' };
    }
    default:
      return r.typeOf(e);
  }
}
