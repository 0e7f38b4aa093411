import { prefetch, query } from '../src/parse.ts';
import { codeRegions, type Region } from '../src/macroargs.ts';
import { argCount } from '../src/alloc-edit.ts';
import { PROFILE_IDS } from '../src/profiles.ts';
import { STRING_CODES, definesName, leaveAlone, ownName, span, stringsPorted } from '../src/compat/strings.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/types.ts';

/**
 * compat-string-new: `String` values come from `KString`'s constructors,
 * fallible where they allocate.
 *
 *   String::new()                 →  KString::new()
 *   String::with_capacity(n)      →  KString::with_capacity(n, GFP_KERNEL)?
 *   String::from(s)               →  KString::try_from(s)?
 *   "text".to_string()            →  KString::try_from("text")?
 *   "text".to_owned()             →  KString::try_from("text")?
 */

const PATH_CALLS = `(call_expression
  function: (scoped_identifier path: (identifier) @p name: (identifier) @n (#eq? @p "String") (#match? @n "^(new|default|with_capacity|from)$"))
  arguments: (arguments)) @call`;
const LITERAL_CALLS = `(call_expression
  function: (field_expression value: [(string_literal) (raw_string_literal)] @lit field: (field_identifier) @m (#match? @m "^(to_string|to_owned)$"))
  arguments: (arguments)) @call`;

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  const { tree } = ctx;
  const ownString = ownName(tree, 'String');
  for (const r of codeRegions(tree)) {
    if (!/String\s*::|\.\s*to_(string|owned)\b/.test(r.text)) continue;
    prefetch(r.root, 'matches', [PATH_CALLS, LITERAL_CALLS]);
    if (!ownString) for (const m of query(PATH_CALLS).matches(r.root)) pathCall(ctx, r, m.captures);
    for (const m of query(LITERAL_CALLS).matches(r.root)) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const method = m.captures.find((c) => c.name === 'm')!.node.text;
      if (argCount(call) !== 0 || definesName(tree, method) || leaveAlone(tree, call, r)) continue;
      const lit = m.captures.find((c) => c.name === 'lit')!.node;
      ctx.edits.replace(span(call, r), `KString::try_from(${lit.text})?`);
      note(ctx, span(call, r), `\`.${method}()\` on a literal copies it into a new \`KString\`, which can fail`);
    }
  }
}

function pathCall(ctx: FileContext, r: Region, caps: { name: string; node: SyntaxNode }[]): void {
  const call = caps.find((c) => c.name === 'call')!.node;
  const head = caps.find((c) => c.name === 'p')!.node;
  const name = caps.find((c) => c.name === 'n')!.node;
  if (leaveAlone(ctx.tree, call, r)) return;
  const n = argCount(call);
  const args = call.childForFieldName('arguments')!;
  switch (name.text) {
    case 'new':
    case 'default':
      if (n !== 0) return;
      ctx.edits.replace(span(head, r), 'KString');
      ctx.report({ code: 'K0691', message: `\`String::${name.text}()\` is \`KString::${name.text}()\` (empty; allocates nothing)`, range: span(call, r), help: 'in upstream code, text that is only read is better borrowed (`&str`) than owned' });
      return;
    case 'with_capacity': {
      if (n !== 1) return;
      const close = args.lastChild;
      if (close?.type !== ')') return;
      const prev = close.previousSibling;
      ctx.edits.replace(span(head, r), 'KString');
      if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
      else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
      ctx.edits.insert(call.endIndex + r.shift, '?');
      note(ctx, span(call, r), '`String::with_capacity(n)` allocates: `KString::with_capacity(n, GFP_KERNEL)?`');
      return;
    }
    case 'from':
      if (n !== 1) return;
      ctx.edits.replace(span(head, r, name), 'KString::try_from');
      ctx.edits.insert(call.endIndex + r.shift, '?');
      note(ctx, span(call, r), '`String::from` copies the text into a new `KString`, which can fail');
      return;
  }
}

function note(ctx: FileContext, range: { start: number; end: number }, message: string): void {
  ctx.report({ code: 'K0691', message, range, help: 'in upstream code, keep constant text as `&\'static str` or `c"..."` instead of copying it' });
}

export const compatStringNew: FileTransform = {
  id: 'compat-string-new',
  scope: 'file',
  summary: "Port `String`'s constructors to `KString`'s, with `?` where they allocate.",
  docs: `\`String::new()\` and \`String::default()\` become \`KString::new()\`/\`default()\` (no
allocation); \`String::with_capacity(n)\` becomes \`KString::with_capacity(n,
GFP_KERNEL)?\`, and \`String::from(s)\` and \`.to_string()\`/\`.to_owned()\` on a string
literal become \`KString::try_from(s)?\` (src/compat/kstring.ts), fallible sites the
propagation pass then makes the enclosing functions handle. Each gets a note
(K0691). Other \`.to_string()\` calls are compat-format's. Not done with \`--compat
none\` (then alloc-calls reports the constructors, K0304), in a file with its own
\`String\`, in tests, or on v6.10/v6.1.

Before:
    let mut name = String::from("guest");
    let empty = String::new();
After:
    let mut name = KString::try_from("guest")?;
    let empty = KString::new();`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: (text, c) => /String\s*::|\.\s*to_(string|owned)\b/.test(text) && stringsPorted(c),
  run,
  codes: [STRING_CODES.K0691],
};
