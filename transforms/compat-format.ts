import { codeRegions, regionMatches } from '../src/analysis/macroargs.ts';
import { argCount } from '../src/rewrite/alloc-edit.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { STRING_CODES, definesName, displayPath, leaveAlone, ownName, span, stringsPorted, toStringBound } from '../src/compat/strings.ts';
import type { FileContext, FileTransform } from '../src/engine/types.ts';

/**
 * compat-format: text made by formatting is a `KString`, built fallibly.
 *
 *   format!("{}-{}", a, b)   →  kformat!("{}-{}", a, b)?
 *   n.to_string()            →  n.to_kstring()?
 */

const FORMAT = '(macro_invocation macro: [(identifier) (scoped_identifier)] @m (#match? @m "^(::)?((std|alloc)::)?format$")) @call';
const TO_STRING = '(call_expression function: (field_expression field: (field_identifier) @m (#eq? @m "to_string")) arguments: (arguments)) @call';
const BOUNDS = '((type_identifier) @t (#eq? @t "ToString"))';
const QUERIES = { format: FORMAT, toString: TO_STRING, bounds: BOUNDS };

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  const { tree } = ctx;
  const ownFormat = definesName(tree, 'format');
  const ownToString = definesName(tree, 'to_string');
  for (const r of codeRegions(tree)) {
    if (!/format|to_string/.test(r.text)) continue;
    const matches = (name: keyof typeof QUERIES) => regionMatches(ctx, r, QUERIES, name);
    if (!ownFormat) {
      for (const m of matches('format')) {
        const call = m.captures.find((c) => c.name === 'call')!.node;
        const name = m.captures.find((c) => c.name === 'm')!.node;
        if (leaveAlone(tree, call, r)) continue;
        ctx.edits.replace(span(name, r), 'kformat');
        ctx.edits.insert(call.endIndex + r.shift, '?');
        ctx.report({
          code: 'K0692',
          message: '`format!` builds a `KString` here: `kformat!(..)?` (out of memory is an error, never a shorter string)',
          range: span(call, r),
          help: 'in upstream code, print with `pr_*!(..)` directly where the text is only printed, or build a C string with `CString::try_from_fmt(fmt!(..))?`',
        });
      }
    }
    if (ownToString) continue;
    // `T: ToString` is `T: Display` (std's blanket impl): `to_kstring` needs the latter.
    if (r.text.includes('ToString') && !ownName(tree, 'ToString')) {
      for (const m of matches('bounds')) {
        const t = m.captures[0].node;
        if (!toStringBound(t) || leaveAlone(tree, t, r)) continue;
        ctx.edits.replace(span(t, r), displayPath(ctx.profile));
        ctx.report({ code: 'K0693', message: `a \`ToString\` bound is \`${displayPath(ctx.profile)}\` here: what \`.to_kstring()\` formats with`, range: span(t, r), help: 'in upstream code, format the value where it is used (`pr_info!("{}", x)`, `fmt!`) instead of keeping its text' });
      }
    }
    for (const m of matches('toString')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const method = m.captures.find((c) => c.name === 'm')!.node;
      if (argCount(call) !== 0 || leaveAlone(tree, call, r)) continue;
      ctx.edits.replace(span(method, r), 'to_kstring');
      ctx.edits.insert(call.endIndex + r.shift, '?');
      ctx.report({
        code: 'K0693',
        message: '`.to_string()` formats into a new `KString` here: `.to_kstring()?`',
        range: span(method, r, call),
        help: 'in upstream code, format the value where it is used (`pr_info!("{}", x)`, `fmt!`) instead of keeping its text',
      });
    }
  }
}

export const compatFormat: FileTransform = {
  id: 'compat-format',
  scope: 'file',
  summary: 'Port `format!` and `.to_string()` to the compat module\'s fallible `kformat!` and `.to_kstring()`.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['format!', 'to_string'],
  applies: (text, c) => /format!|to_string/.test(text) && stringsPorted(c),
  queries: QUERIES,
  run,
  codes: [STRING_CODES.K0692, STRING_CODES.K0693],
};
