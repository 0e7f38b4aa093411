import { codeRegions, regionMatches, type Region } from '../src/analysis/macroargs.ts';
import { argCount } from '../src/rewrite/alloc-edit.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { STRING_CODES, definesName, leaveAlone, ownName, span, stringsPorted } from '../src/compat/strings.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * compat-string-new: `String` values come from `KString`'s constructors,
 * fallible where they allocate.
 *
 *   String::new()                 →  KString::new()
 *   String::with_capacity(n)      →  KString::with_capacity(n, GFP_KERNEL)?
 *   String::from(s)               →  KString::try_from(s)?
 *   "text".to_string()            →  KString::try_from("text")?
 *   "text".to_owned()             →  KString::try_from("text")?
 *   "Text".to_lowercase()         →  KString::try_from("text")?    (ASCII literals only)
 */

const PATH_CALLS = `(call_expression
  function: (scoped_identifier path: (identifier) @p name: (identifier) @n (#eq? @p "String") (#match? @n "^(new|default|with_capacity|from)$"))
  arguments: (arguments)) @call`;
const LITERAL_CALLS = `(call_expression
  function: (field_expression value: [(string_literal) (raw_string_literal)] @lit field: (field_identifier) @m (#match? @m "^(to_string|to_owned|to_lowercase|to_uppercase|to_ascii_lowercase|to_ascii_uppercase)$"))
  arguments: (arguments)) @call`;
const QUERIES = { pathCalls: PATH_CALLS, literalCalls: LITERAL_CALLS };
const CASE = /^to_(ascii_)?(lower|upper)case$/;

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  const { tree } = ctx;
  const ownString = ownName(tree, 'String');
  for (const r of codeRegions(tree)) {
    if (!/String\s*::|\.\s*to_(string|owned|lowercase|uppercase|ascii_lowercase|ascii_uppercase)\b/.test(r.text)) continue;
    if (!ownString) for (const m of regionMatches(ctx, r, QUERIES, 'pathCalls')) pathCall(ctx, r, m.captures);
    for (const m of regionMatches(ctx, r, QUERIES, 'literalCalls')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const method = m.captures.find((c) => c.name === 'm')!.node.text;
      if (argCount(call) !== 0 || definesName(tree, method) || leaveAlone(tree, call, r)) continue;
      const lit = m.captures.find((c) => c.name === 'lit')!.node;
      let text = lit.text;
      if (CASE.test(method)) {
        // Case mapping is only exact here when the text is provably ASCII: a literal with no escapes.
        // Then the mapped text is known now (`to_lowercase` of ASCII is `to_ascii_lowercase`); else it stays reported.
        if (lit.type !== 'string_literal' || !/^"[\x20-\x7e]*"$/.test(text) || text.includes('\\')) continue;
        text = /upper/.test(method) ? text.toUpperCase() : text.toLowerCase();
      }
      ctx.edits.replace(span(call, r), `KString::try_from(${text})?`);
      note(ctx, span(call, r), CASE.test(method) ? `\`.${method}()\` of an ASCII literal is that literal, case-mapped now, copied into a new \`KString\`, which can fail` : `\`.${method}()\` on a literal copies it into a new \`KString\`, which can fail`);
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
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['String', 'to_'],
  applies: (text, c) => /String\s*::|\.\s*to_(string|owned|lowercase|uppercase|ascii_lowercase|ascii_uppercase)\b/.test(text) && stringsPorted(c),
  queries: QUERIES,
  run,
  codes: [STRING_CODES.K0691],
};
