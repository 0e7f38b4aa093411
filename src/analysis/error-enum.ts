// How a crate's own error enum can hold the kernel's errors, so that `?` on an
// allocation (`kernel::alloc::AllocError`) or on a call that now returns the
// kernel `Result` (`kernel::error::Error`, which has `From<AllocError>` giving
// ENOMEM: rust/kernel/error.rs) converts into it. kport picks the variant an
// `impl From` maps to; it adds a unit variant only where nothing in the crate
// can break for it (no `match`/`let` that names every variant, no `#[repr]` or
// explicit discriminants, no generics). Anything else is the user's decision.
import { lineIndent } from '../rewrite/remove-lines.ts';
import { declareQueries } from '../engine/queries.ts';
import type { FileContext, SyntaxNode } from '../engine/types.ts';

const QUERIES = declareQueries('error-enum', { matches: '(match_expression) @m', lets: '(let_declaration pattern: (_) @p) @l' });

// Unit variants that plainly mean "out of memory".
const OOM_VARIANT = /^(OutOfMemory|OutOfMem|NoMemory|NoMem|Oom|OOM|AllocError|AllocFailed|AllocationFailed|AllocationError|Alloc|Allocation|NoSpace)$/;
// The one field of a variant that holds the kernel error.
const KERNEL_ERROR = /^(::)?kernel::(error::|prelude::)?Error$/;

/** The name of the variant kport adds when the enum has none that means "out of memory". */
export const ADDED_VARIANT = 'OutOfMemory';

export type EnumTarget =
  /** An existing unit variant that means "out of memory". */
  | { kind: 'unit'; variant: string }
  /** An existing `V(kernel::error::Error)`: it holds any kernel error as it is. */
  | { kind: 'wraps'; variant: string }
  /**
   * No such variant: insert `text` at `at` (a new unit variant `OutOfMemory`),
   * and `arms` into the `Display`/`Debug` matches that name every variant.
   */
  | { kind: 'add'; variant: string; at: number; text: string; arms: { file: number; at: number; text: string }[] }
  /** Several unit variants could mean it: the user picks. */
  | { kind: 'choose'; candidates: string[] }
  /** kport will not touch the enum: `why` says what stops it. */
  | { kind: 'none'; why: string };

export interface ErrorEnum {
  file: number;
  node: SyntaxNode;
}

/** Which variant the `From` impls for `e` map to, or why kport adds none. */
export function enumTarget(e: ErrorEnum, files: readonly FileContext[], crateDefinesError: boolean): EnumTarget {
  const name = e.node.childForFieldName('name')!.text;
  if (e.node.childForFieldName('type_parameters')) return { kind: 'none', why: `\`${name}\` is generic` };
  const body = e.node.childForFieldName('body');
  const variants = (body?.namedChildren ?? []).filter((v) => v.type === 'enum_variant');
  const vname = (v: SyntaxNode) => v.childForFieldName('name')?.text ?? '';
  const wraps = variants.filter((v) => {
    const fields = v.childForFieldName('body');
    if (fields?.type !== 'ordered_field_declaration_list') return false;
    const types = fields.namedChildren.filter((c) => c.type !== 'attribute_item' && c.type !== 'visibility_modifier' && !c.type.endsWith('comment'));
    const t = types.length === 1 ? types[0].text.replace(/\s+/g, '') : '';
    return KERNEL_ERROR.test(t) || (t === 'Error' && !crateDefinesError);
  });
  if (wraps.length === 1) return { kind: 'wraps', variant: vname(wraps[0]) };
  const units = variants.filter((v) => !v.childForFieldName('body') && !v.childForFieldName('value') && OOM_VARIANT.test(vname(v)));
  if (units.length === 1) return { kind: 'unit', variant: vname(units[0]) };
  if (units.length > 1) return { kind: 'choose', candidates: units.map(vname) };
  if (!body || !variants.length) return { kind: 'none', why: `\`${name}\` has no variants` };
  if (variants.some((v) => vname(v) === ADDED_VARIANT)) return { kind: 'none', why: `\`${name}::${ADDED_VARIANT}\` already holds data` };
  if (attributes(e.node).some((a) => /^#\[\s*repr\b/.test(a.text))) return { kind: 'none', why: `\`${name}\` has a \`#[repr]\`, so a new variant changes its values` };
  if (variants.some((v) => v.childForFieldName('value'))) return { kind: 'none', why: `\`${name}\`'s variants have explicit values` };
  const names = new Set(variants.map(vname));
  const arms: { file: number; at: number; text: string }[] = [];
  for (const use of exhaustiveUses(files, name, names)) {
    const arm = use.what === '`match`' ? formatArm(files[use.file].text, use.node, name) : undefined;
    if (!arm) return { kind: 'none', why: `the ${use.what} at ${files[use.file].path}:${use.node.startPosition.row + 1} names every variant of \`${name}\`, and a new one would not build there` };
    arms.push({ file: use.file, ...arm });
  }
  return { kind: 'add', variant: ADDED_VARIANT, ...variantInsertion(files[e.file].text, body, variants), arms };
}

function attributes(item: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let s = item.previousNamedSibling; s && (s.type === 'attribute_item' || s.type.endsWith('comment')); s = s.previousNamedSibling) if (s.type === 'attribute_item') out.push(s);
  return out;
}

/** Where `OutOfMemory` goes: after the last variant (and its comma and same-line comment), in the enum's own layout. */
function variantInsertion(text: string, body: SyntaxNode, variants: SyntaxNode[]): { at: number; text: string } {
  const last = variants[variants.length - 1];
  let anchor = last;
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  if (comma) anchor = comma;
  const after = anchor.nextSibling;
  if (after && after.type.endsWith('comment') && after.startPosition.row === anchor.endPosition.row) anchor = after;
  const at = anchor.type === 'line_comment' && text[anchor.endIndex - 1] === '\n' ? anchor.endIndex - 1 : anchor.endIndex;
  const doc = variants.some((v) => /^\s*\/\/\//.test(leadingDoc(text, v))) ? 'Out of memory: an allocation failed.' : '';
  if (body.startPosition.row === body.endPosition.row) {
    const sep = comma ? ' ' : ', ';
    return { at, text: `${sep}${ADDED_VARIANT}${comma ? ',' : ''}` };
  }
  const indent = lineIndent(text, last.startIndex);
  const lead = comma ? '' : ',';
  return { at, text: `${lead}\n${doc ? `${indent}/// ${doc}\n` : ''}${indent}${ADDED_VARIANT}${comma ? ',' : ''}` };
}

/** The doc comment lines right above a variant (tree-sitter puts its attributes inside the variant). */
function leadingDoc(text: string, v: SyntaxNode): string {
  const prev = v.previousSibling;
  return prev && prev.type.endsWith('comment') ? text.slice(prev.startIndex, prev.endIndex) : '';
}

/**
 * A `match` that names variants of `name` and has no arm for the rest (`_`, a
 * binding), or an irrefutable `let` on one of them: a new variant breaks it.
 */
function exhaustiveUses(files: readonly FileContext[], name: string, variants: Set<string>): { file: number; node: SyntaxNode; what: string }[] {
  const out: { file: number; node: SyntaxNode; what: string }[] = [];
  const alt = [...variants].join('|');
  // `Name::V`, `Self::V` (only inside `impl .. Name`), or a bare `V` where the crate imports the variants.
  const qualified = new RegExp(`\\b${name}\\s*::\\s*(${alt})\\b`);
  const viaSelf = new RegExp(`\\bSelf\\s*::\\s*(${alt})\\b`);
  const bare = new RegExp(`(^|[^:\\w])(${alt})\\b`);
  const imported = files.some((f) => new RegExp(`\\buse\\b[^;]*\\b${name}\\s*::\\s*(\\*|\\{|${alt}\\b)`).test(f.text));
  const names = (pat: SyntaxNode): boolean => {
    if (qualified.test(pat.text)) return true;
    if (viaSelf.test(pat.text) && insideImplOf(pat, name)) return true;
    return imported && bare.test(pat.text);
  };
  for (let file = 0; file < files.length; file++) {
    const f = files[file];
    if (!f.text.includes(name) && !imported) continue;
    for (const m of QUERIES.matches('matches', f.tree.rootNode)) {
      const arms = (m.captures[0].node.childForFieldName('body')?.namedChildren ?? []).filter((a) => a.type === 'match_arm');
      const pats = arms.map((a) => a.childForFieldName('pattern')).filter((p): p is SyntaxNode => !!p);
      if (!pats.some(names)) continue;
      const catchAll = pats.some((p) => !p.childForFieldName('condition') && /^(_|(ref\s+)?(mut\s+)?[a-z_]\w*)$/.test((p.namedChildren[0]?.text ?? p.text).trim()));
      if (!catchAll) out.push({ file, node: m.captures[0].node, what: '`match`' });
    }
    for (const m of QUERIES.matches('lets', f.tree.rootNode)) {
      const l = m.captures.find((c) => c.name === 'l')!.node;
      const p = m.captures.find((c) => c.name === 'p')!.node;
      if (!l.childForFieldName('alternative') && names(p)) out.push({ file, node: l, what: '`let`' });
    }
  }
  return out;
}

/**
 * The arm a new variant needs in the `match self` of `Display::fmt`/`Debug::fmt`
 * for the enum, when every arm there only writes text to the formatter
 * (`write!(f, ..)`, `writeln!(f, ..)`, `f.write_str(..)`): it writes "out of
 * memory" the same way. Undefined for any other `match`.
 */
function formatArm(text: string, m: SyntaxNode, name: string): { at: number; text: string } | undefined {
  let fn: SyntaxNode | null = m.parent;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  const impl = fn?.parent?.parent;
  if (!fn || fn.childForFieldName('name')?.text !== 'fmt' || impl?.type !== 'impl_item') return undefined;
  if (!/^((core|std)::)?(fmt::)?(Display|Debug)$/.test(impl.childForFieldName('trait')?.text.replace(/\s+/g, '') ?? '')) return undefined;
  if (impl.childForFieldName('type')?.text.replace(/<.*$/s, '').trim() !== name) return undefined;
  if (!/^\*?\s*self$/.test(m.childForFieldName('value')?.text ?? '')) return undefined;
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p) => p.type === 'parameter') ?? [];
  const f = params.length === 1 ? params[0].childForFieldName('pattern')?.text : undefined;
  if (!f || !/^[a-z_]\w*$/.test(f)) return undefined;
  const arms = (m.childForFieldName('body')?.namedChildren ?? []).filter((a) => a.type === 'match_arm');
  const writes = new RegExp(`^(write|writeln)!\\s*\\(\\s*${f}\\s*,`);
  const strs = new RegExp(`^${f}\\s*\\.\\s*write_str\\s*\\(`);
  const values = arms.map((a) => a.childForFieldName('value')?.text.trim() ?? '');
  if (!arms.length || !values.every((v) => writes.test(v) || strs.test(v))) return undefined;
  const prefix = /^\s*Self\s*::/.test(arms[0].childForFieldName('pattern')?.text ?? '') ? 'Self' : name;
  const value = values.some((v) => writes.test(v)) ? `write!(${f}, "out of memory")` : `${f}.write_str("out of memory")`;
  const last = arms[arms.length - 1];
  const comma = /,\s*$/.test(last.text) || last.nextSibling?.type === ',';
  const end = last.nextSibling?.type === ',' ? last.nextSibling.endIndex : last.endIndex;
  const indent = lineIndent(text, last.startIndex);
  return { at: end, text: `${comma ? '' : ','}\n${indent}${prefix}::${ADDED_VARIANT} => ${value},` };
}

function insideImplOf(n: SyntaxNode, name: string): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'impl_item') return p.childForFieldName('type')?.text.replace(/<.*$/s, '').split('::').pop()?.trim() === name;
  }
  return false;
}
