import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { stringsPorted } from '../src/compat/strings.ts';
import { isToStringPath, mapCollectOf, toStringClosure } from '../src/compat/map-collect.ts';
import type { CodeInfo, FileContext, FileTransform } from '../src/engine/types.ts';

/**
 * compat-map-collect: text made for each item and collected into a vector.
 *
 *   let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
 *     →  let v: Vec<String> = xs.iter().map(|x| x.to_kstring()).try_collect_ok(GFP_KERNEL)?;
 *   xs.iter().map(ToString::to_string).collect::<Vec<String>>()
 *     →  xs.iter().map(|item| item.to_kstring()).try_collect_ok(GFP_KERNEL)?
 *
 * (the types are compat-string-types' and alloc-types'). Making each text can
 * fail, and a closure cannot pass a `?` on (compat-format's `to_kstring()?`
 * there is K0402): so the closure returns the `Result` and the compat
 * `try_collect_ok` (src/compat/text.ts) collects the values, the first error
 * ending it, as the `?` would have. Runs before compat-format and alloc-collect,
 * which would otherwise port the two calls one by one.
 */

const MAPS = `(call_expression
  function: (field_expression field: (field_identifier) @map (#eq? @map "map"))
  arguments: (arguments . [(closure_expression) (scoped_identifier)] @arg .))`;

export const MAP_COLLECT_CODES: Record<string, CodeInfo> = {
  K0715: {
    code: 'K0715',
    severity: 'note',
    title: 'text made in a `map` and collected: each item a `Result`, collected by `try_collect_ok`',
    explanation: `\`.map(|x| x.to_string()).collect::<Vec<String>>()\` makes one \`String\` per item. In the
kernel each one is a fallible \`to_kstring()\`, but a \`?\` inside the closure cannot reach
the function around it (K0402). kport ports the pair: the closure returns
\`x.to_kstring()\` (a \`Result\`), and \`try_collect_ok(GFP_KERNEL)?\` from the compat module
(src/compat/text.ts) collects the values into a \`KVec\`, stopping at the first error,
which the \`?\` passes on: the same values in the same order, and an allocation
failure anywhere is the function's error. For upstream code, format the items
where they are printed rather than keep their text.

Before:
    let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
After:
    let v: KVec<KString> = xs.iter().map(|x| x.to_kstring()).try_collect_ok(GFP_KERNEL)?;`,
  },
};

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  for (const m of ctx.matches('maps')) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    const site = mapCollectOf(arg);
    if (!site || isTestCode(ctx.tree, site.call)) continue;
    // A path becomes a closure: `ToKString` is a method the compat module finds by its calls.
    if (isToStringPath(arg)) ctx.edits.replace(arg, '|item| item.to_kstring()');
    else ctx.edits.replace(toStringClosure(arg)!, 'to_kstring');
    ctx.edits.replace({ start: site.collect.startIndex, end: site.call.endIndex }, 'try_collect_ok(GFP_KERNEL)?');
    ctx.report({
      code: 'K0715',
      message: 'each `to_string()` in the `map` can fail: the closure returns its `Result`, `try_collect_ok(GFP_KERNEL)?` collects the values (compat trait `TryCollectOk`)',
      node: site.call,
      help: 'in upstream code, format the items where they are printed rather than keep their text',
    });
  }
}

export const compatMapCollect: FileTransform = {
  id: 'compat-map-collect',
  scope: 'file',
  summary: 'Port text made in a `map` and collected into a vector to fallible items collected by `try_collect_ok`.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['collect'],
  // Both forms it ports name `to_string` (src/compat/map-collect.ts).
  applies: (text, c) => text.includes('to_string') && stringsPorted(c),
  queries: { maps: MAPS },
  run,
  codes: [MAP_COLLECT_CODES.K0715],
};
