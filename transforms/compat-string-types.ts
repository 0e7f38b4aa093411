import { codeRegions, regionMatches } from '../src/analysis/macroargs.ts';
import { removeLines } from '../src/rewrite/remove-lines.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { KERNEL_TEXT, STRING_CODES, leaveAlone, ownName, span, stringsPorted } from '../src/compat/strings.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * compat-string-types: the `String` type becomes `KString`, the compat
 * module's owned text (src/compat/kstring.ts), wherever a type is written.
 *
 *   struct User { name: String }       →  struct User { name: KString }
 *   fn label(v: &[String]) -> String   →  fn label(v: &[KString]) -> KString
 *   use std::string::String;           →  (removed)
 *
 * The values are compat-string-new's, compat-format's and
 * compat-string-methods'; `collect::<String>()` is left whole to the last.
 */

const TYPES = '((type_identifier) @t (#eq? @t "String"))';
const FULL = '((scoped_type_identifier) @q (#match? @q "^(::)?(std|alloc)::string::String$"))';
const USES = '(use_declaration argument: (_) @arg) @use';
const ITEMS = '[(struct_item body: (_) @body) (enum_item body: (_) @body)] @item';
// What each region is asked (a macro's arguments too), then what only the file is.
const REGION_QUERIES = { types: TYPES, full: FULL };
const QUERIES = { ...REGION_QUERIES, uses: USES, items: ITEMS };

/** `String` as the type argument of `collect::<String>()`: compat-string-methods ports the whole call. */
function collectTarget(t: SyntaxNode): boolean {
  const args = t.parent;
  const gf = args?.type === 'type_arguments' ? args.parent : null;
  if (gf?.type !== 'generic_function' || args!.namedChildren.length !== 1) return false;
  const f = gf.childForFieldName('function');
  return f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'collect';
}

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  const { tree } = ctx;
  if (ownName(tree, 'String')) return;
  const renamed: { start: number; end: number }[] = [];
  for (const r of codeRegions(tree)) {
    if (!/\bString\b/.test(r.text)) continue;
    const rename = (n: SyntaxNode) => {
      if (leaveAlone(tree, n, r)) return;
      const at = span(n, r);
      ctx.edits.replace(at, 'KString');
      renamed.push(at);
      ctx.report({ code: 'K0690', message: '`String` is the compat type `KString` here (owned text in a `KVec<u8>`)', range: at, help: `in upstream code prefer the kernel's own forms: ${KERNEL_TEXT}` });
    };
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'types')) {
      const t = m.captures[0].node;
      const parent = t.parent;
      // `x::String` is someone else's (`std::string::String` is FULL's).
      if (parent?.type === 'scoped_type_identifier' && parent.childForFieldName('name')?.id === t.id) continue;
      if (collectTarget(t)) continue;
      rename(t);
    }
    for (const m of regionMatches(ctx, r, REGION_QUERIES, 'full')) rename(m.captures[0].node);
  }

  // The prelude had `String`; `KString` comes with the compat module's `use`.
  for (const m of ctx.matches('uses')) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node.text.replace(/\s+/g, '');
    if (/^(::)?(std|alloc)::string::String$/.test(arg)) removeLines(ctx, m.captures.find((c) => c.name === 'use')!.node);
  }

  if (!renamed.length) return;
  // A derived `Clone` would need `KString: Clone`: copying text allocates, so it has none.
  // Reported at each field that holds one, where rustc reports the missing impl.
  for (const m of ctx.matches('items')) {
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const body = m.captures.find((c) => c.name === 'body')!.node;
    let derive: SyntaxNode | undefined;
    for (let a = item.previousNamedSibling; a && (a.type === 'attribute_item' || a.type === 'line_comment' || a.type === 'block_comment'); a = a.previousNamedSibling) {
      const d = a.type === 'attribute_item' ? /^#\[\s*derive\s*\(([^)]*)\)/.exec(a.text) : null;
      if (d && /\bClone\b/.test(d[1])) derive = a;
    }
    if (!derive) continue;
    const type = item.childForFieldName('name')?.text ?? 'this type';
    for (const x of renamed) {
      if (x.start < body.startIndex || x.end > body.endIndex || behindReference(tree.rootNode.descendantForIndex(x.start), body)) continue;
      ctx.report({
        code: 'K0697',
        message: `\`${type}\` derives \`Clone\` (line ${derive.startPosition.row + 1}), but this \`KString\` has no \`Clone\` (copying text allocates)`,
        range: x,
        help: 'remove `Clone` from the derive; copy with a method that can fail (`try_clone()?` field by field), or borrow instead of copying',
      });
    }
  }
}

/** Whether a type node sits behind `&` inside `within` (a borrowed `&KString` field is `Clone`). */
function behindReference(n: SyntaxNode, within: SyntaxNode): boolean {
  for (let p = n.parent; p && p.id !== within.id; p = p.parent) if (p.type === 'reference_type') return true;
  return false;
}

export const compatStringTypes: FileTransform = {
  id: 'compat-string-types',
  scope: 'file',
  summary: 'Port the `String` type to `KString`, owned text in a `KVec<u8>` from the compat module.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['String'],
  applies: (text, c) => /\bString\b/.test(text) && stringsPorted(c),
  queries: QUERIES,
  run,
  codes: [STRING_CODES.K0690, STRING_CODES.K0697],
};
