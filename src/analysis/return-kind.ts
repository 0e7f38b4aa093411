// What a function's declared return type says about `?` inside it: whether
// the kernel `Result` (rust/kernel/error.rs: `pub type Result<T = (), E =
// Error> = core::result::Result<T, E>;`) can come out of it unchanged.
import type { SyntaxNode } from '../engine/types.ts';
import type { CrateIndex } from '../crate/crate-index.ts';

export type ReturnKind =
  /** No return type, or `()`: becomes `Result`. */
  | { kind: 'unit' }
  /** `Result`, `Result<T>`, `Result<T, Error>`: `?` on kernel errors works. */
  | { kind: 'kernel' }
  /** A `Result` whose error type is something else: `?` needs `From<..>` for it. */
  | { kind: 'other'; err: string }
  | { kind: 'option' }
  /** Any other `T`: becomes `Result<T>`. */
  | { kind: 'value'; type: SyntaxNode };

/** Top-level generic arguments of `Name<A, B<C, D>>` → ['A', 'B<C, D>']. */
export function genericArgs(text: string): string[] {
  const lt = text.indexOf('<');
  if (lt === -1 || !text.trimEnd().endsWith('>')) return [];
  const inner = text.slice(lt + 1, text.trimEnd().length - 1);
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if (ch === '<' || ch === '(' || ch === '[') depth++;
    if (ch === '>' || ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function isKernelError(e: string, index: CrateIndex): boolean {
  const s = e.replace(/\s+/g, '');
  if (/^(::)?kernel::(error::|prelude::)?Error$/.test(s)) return true;
  return s === 'Error' && !index.types.has('Error');
}

export function returnKind(fn: SyntaxNode, index: CrateIndex): ReturnKind {
  const rt = fn.childForFieldName('return_type');
  if (!rt || rt.type === 'unit_type') return { kind: 'unit' };
  const text = rt.text.replace(/\s+/g, ' ').trim();
  const base = text.split('<')[0].replace(/\s+/g, '');
  const segs = base.split('::').filter(Boolean);
  const name = segs[segs.length - 1];
  if (name === 'Option' && (segs.length === 1 || /^(core|std)$/.test(segs[0]))) return { kind: 'option' };
  if (name !== 'Result') return { kind: 'value', type: rt };
  const prefix = segs.slice(0, -1).join('::');
  if (/(^|::)fmt$/.test(prefix)) return { kind: 'other', err: 'fmt::Error' };
  if (/(^|::)io$/.test(prefix)) return { kind: 'other', err: 'io::Error' };
  const args = genericArgs(text);
  if (args.length >= 2) return isKernelError(args[1], index) ? { kind: 'kernel' } : { kind: 'other', err: args[1] };
  if (prefix === '' && index.resultAliases.length) {
    // The crate's own `type Result<T> = core::result::Result<T, E>;`.
    const alias = index.resultAliases[0];
    const value = alias.slice(alias.indexOf('=') + 1).replace(/;\s*$/, '');
    const a = genericArgs(value.trim());
    if (a.length >= 2 && !isKernelError(a[1], index)) return { kind: 'other', err: a[1] };
  }
  return { kind: 'kernel' };
}
