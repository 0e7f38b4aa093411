import { query } from '../src/engine/parse.ts';
import { tyOf } from '../src/analysis/vec-resolver.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { isStringTy, stringsPorted } from '../src/compat/strings.ts';
import type { CodeInfo, FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * compat-map-collect: text made for each item and collected into a vector.
 *
 *   let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
 *     →  let v: Vec<String> = xs.iter().map(|x| x.to_kstring()).try_collect_ok(GFP_KERNEL)?;
 *
 * (the types are compat-string-types' and alloc-types'). Making each text can
 * fail, and a closure cannot pass a `?` on (compat-format's `to_kstring()?`
 * there is K0402): so the closure returns the `Result` and the compat
 * `try_collect_ok` (src/compat/text.ts) collects the values, the first error
 * ending it, as the `?` would have. Runs before compat-format and alloc-collect,
 * which would otherwise port the two calls one by one.
 */

const CALLS = `(call_expression
  function: [
    (field_expression value: (call_expression
        function: (field_expression field: (field_identifier) @map (#eq? @map "map"))
        arguments: (arguments . (closure_expression) @closure .)) field: (field_identifier) @collect (#eq? @collect "collect"))
    (generic_function
      function: (field_expression value: (call_expression
          function: (field_expression field: (field_identifier) @map (#eq? @map "map"))
          arguments: (arguments . (closure_expression) @closure .)) field: (field_identifier) @collect (#eq? @collect "collect"))
      type_arguments: (type_arguments) @targs)
  ]
  arguments: (arguments) @args) @call`;

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

/** The closure's body is `<expr>.to_string()`: that call's method name node. */
function toStringBody(closure: SyntaxNode): SyntaxNode | undefined {
  if ((closure.childForFieldName('parameters')?.namedChildren.length ?? 0) !== 1) return undefined;
  let body = closure.childForFieldName('body');
  if (body?.type === 'block' && body.namedChildren.length === 1 && body.namedChildren[0].type !== 'expression_statement') body = body.namedChildren[0];
  if (body?.type !== 'call_expression' || body.childForFieldName('arguments')?.namedChildren.length !== 0) return undefined;
  const f = body.childForFieldName('function');
  const name = f?.type === 'field_expression' ? f.childForFieldName('field') : null;
  return name?.text === 'to_string' ? name : undefined;
}

/** The collect builds a vector of text: a `let` declared `Vec<String>`, or `collect::<Vec<String>>()`. */
function collectsText(call: SyntaxNode, targs: SyntaxNode | undefined): boolean {
  if (targs) return /^<\s*Vec\s*<\s*K?String\s*>\s*>$/.test(targs.text);
  const p = call.parent;
  if (p?.type !== 'let_declaration' || p.childForFieldName('value')?.id !== call.id) return false;
  const t = tyOf(p.childForFieldName('type'));
  return t.k === 'vec' && isStringTy(t.elem);
}

function run(ctx: FileContext): void {
  if (!stringsPorted(ctx)) return;
  for (const m of query(CALLS).matches(ctx.tree.rootNode)) {
    const get = (n: string) => m.captures.find((c) => c.name === n)?.node;
    const call = get('call')!;
    if (get('args')!.namedChildren.length !== 0 || isTestCode(ctx.tree, call)) continue;
    const name = toStringBody(get('closure')!);
    if (!name || !collectsText(call, get('targs'))) continue;
    ctx.edits.replace(name, 'to_kstring');
    ctx.edits.replace({ start: get('collect')!.startIndex, end: call.endIndex }, 'try_collect_ok(GFP_KERNEL)?');
    ctx.report({
      code: 'K0715',
      message: 'each `to_string()` in the `map` can fail: the closure returns its `Result`, `try_collect_ok(GFP_KERNEL)?` collects the values (compat trait `TryCollectOk`)',
      node: call,
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
  run,
  codes: [MAP_COLLECT_CODES.K0715],
};
