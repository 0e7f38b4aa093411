import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { UNKNOWN, type Resolver, enclosingFnReturn, tyOf, type Ty } from '../src/analysis/vec-resolver.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * alloc-collect: `collect()` into a Vec becomes `try_collect(GFP_KERNEL)?`
 * (an extension trait from the compat module the alloc-compat pass emits).
 *
 *   it.collect::<Vec<_>>()            →  it.try_collect(GFP_KERNEL)?
 *   let v: Vec<u8> = it.collect();    →  let v: Vec<u8> = it.try_collect(GFP_KERNEL)?;
 *   fn f() -> Vec<u8> { it.collect() } →  fn f() -> Vec<u8> { it.try_collect(GFP_KERNEL)? }
 *   self.items = it.collect();        →  self.items = it.try_collect(GFP_KERNEL)?;  (field declared Vec)
 *   v.push(it.collect())              →  v.push(it.try_collect(GFP_KERNEL)?)       (v: Vec<Vec<_>>)
 */

const COLLECTS = `(call_expression
  function: [
    (field_expression field: (field_identifier) @name (#eq? @name "collect"))
    (generic_function function: (field_expression field: (field_identifier) @name) type_arguments: (type_arguments) @targs)
  ]
  arguments: (arguments)) @call`;

/** Where the collected value goes, and what type that place declares. */
function targetType(call: SyntaxNode, r: Resolver): { ty: Ty; where: string } | undefined {
  // The value flows out through parentheses and block/if/match tails: look at where it lands.
  const { top, fnBody } = climb(call);
  if (fnBody) return returnTarget(top);
  const p = top.parent;
  if (!p) return undefined;
  if (p.type === 'return_expression') return returnTarget(top);
  if (p.type === 'let_declaration' && p.childForFieldName('value')?.id === top.id) {
    const t = p.childForFieldName('type');
    return t ? { ty: tyOf(t), where: 'the declared type' } : undefined;
  }
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === top.id) {
    return { ty: r.typeOf(p.childForFieldName('left')), where: 'the assigned place' };
  }
  if (p.type === 'arguments') {
    const call2 = p.parent;
    const f = call2?.childForFieldName('function');
    // `Ok(it.collect())`, `Ok(Some(..))` returned from a fn declared `-> Result<Option<Vec<T>>, E>`.
    if (call2?.type === 'call_expression' && (f?.text === 'Ok' || f?.text === 'Some') && argCount(call2) === 1) {
      const wrappers: string[] = [];
      let outer: SyntaxNode = call2;
      for (;;) {
        wrappers.push(outer.childForFieldName('function')!.text);
        const up = outer.parent?.type === 'arguments' ? outer.parent.parent : null;
        const uf = up?.childForFieldName('function')?.text;
        if (!up || up.type !== 'call_expression' || (uf !== 'Ok' && uf !== 'Some') || argCount(up) !== 1) break;
        outer = up;
      }
      const c = climb(outer);
      const returned = c.fnBody || c.top.parent?.type === 'return_expression';
      let ty: Ty = returned ? tyOf(enclosingFnReturn(outer)) : UNKNOWN;
      for (const w of wrappers.reverse()) ty = ty.k === 'named' && ty.name === (w === 'Ok' ? 'Result' : 'Option') && ty.args?.length ? ty.args[0] : UNKNOWN;
      return ty.k !== 'unknown' ? { ty, where: 'the function\'s return type' } : undefined;
    }
    if (call2?.type === 'call_expression' && f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'push' && argCount(call2) === 1) {
      const recv = r.typeOf(f.childForFieldName('value'));
      if (recv.k === 'vec') return { ty: recv.elem, where: 'the element type of the vector pushed to' };
    }
    if (call2?.type === 'call_expression') {
      const index = args(call2).findIndex((a) => a.id === top.id);
      const declared = index >= 0 ? r.argType(call2, index) : UNKNOWN;
      if (declared.k !== 'unknown') return { ty: declared, where: `parameter ${index + 1} of the function called` };
    }
  }
  return undefined;
}

function returnTarget(n: SyntaxNode): { ty: Ty; where: string } | undefined {
  const ret = enclosingFnReturn(n);
  return ret ? { ty: tyOf(ret), where: 'the function\'s return type' } : undefined;
}

/**
 * Climb from `e` while its value is the value of its parent: parentheses, the tail
 * of a block, an `if`/`else` branch, a `match` arm. `fnBody` when it reaches the
 * body of the enclosing function (so it is what the function returns).
 */
function climb(e: SyntaxNode): { top: SyntaxNode; fnBody: boolean } {
  let n = e;
  for (;;) {
    const p = n.parent;
    if (!p) return { top: n, fnBody: false };
    switch (p.type) {
      case 'block':
        if (!isTail(p, n)) return { top: n, fnBody: false };
        if (p.parent?.type === 'function_item') return { top: p, fnBody: true };
        break;
      case 'expression_statement':
        if (p.text.trimEnd().endsWith(';')) return { top: n, fnBody: false };
        break;
      case 'if_expression':
        if (p.childForFieldName('condition')?.id === n.id) return { top: n, fnBody: false };
        break;
      case 'match_expression':
        if (p.childForFieldName('value')?.id === n.id) return { top: n, fnBody: false };
        break;
      case 'match_arm':
        if (p.childForFieldName('value')?.id !== n.id) return { top: n, fnBody: false };
        break;
      case 'else_clause':
      case 'match_block':
      case 'parenthesized_expression':
        break;
      default:
        return { top: n, fnBody: false };
    }
    n = p;
  }
}

function isTail(block: SyntaxNode, e: SyntaxNode): boolean {
  const kids = block.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
  return kids[kids.length - 1]?.id === e.id;
}

/** The implementing type's name of the enclosing impl, for `Self { .. }`. */
function selfName(n: SyntaxNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'impl_item') {
      const t = p.childForFieldName('type');
      return (t?.type === 'generic_type' ? t.childForFieldName('type') : t)?.text;
    }
  }
  return undefined;
}

function runFile(ctx: FileContext, r: Resolver, fieldTy: (struct: string, field: string) => Ty): void {
  const api = ctx.profile.alloc;
  const replacement = api.tryCollect.flags ? `try_collect(${api.flags})` : 'try_collect()';
  for (const m of ctx.matches('collects')) {
    const name = m.captures.find((c) => c.name === 'name')!.node;
    if (name.text !== 'collect') continue;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    if (argCount(call) !== 0) continue;
    const targs = m.captures.find((c) => c.name === 'targs')?.node;
    let target: { ty: Ty; where: string } | undefined;
    if (targs) {
      const list = targs.namedChildren;
      target = list.length === 1 ? { ty: tyOf(list[0]), where: 'the turbofish' } : undefined;
    } else {
      target = targetType(call, r);
      // `Foo { items: it.collect() }`: the field's declared type.
      const p = call.parent;
      if (!target && p?.type === 'field_initializer') {
        const lit = p.parent?.parent;
        const s = lit?.type === 'struct_expression' ? lit.childForFieldName('name')?.text : undefined;
        const f = p.childForFieldName('field')?.text;
        if (s && f) target = { ty: fieldTy(s.replace(/::<.*$/, '').replace(/^.*::/, '').replace(/^Self$/, selfName(call) ?? 'Self'), f), where: `field \`${f}\`` };
      }
    }
    if (target && target.ty.k === 'vec') {
      // Replace from the method name to the end of the call: drops the turbofish too.
      ctx.edits.replace({ start: name.startIndex, end: call.endIndex }, `${replacement}?`);
      continue;
    }
    if (target && target.ty.k !== 'unknown') {
      const what = target.ty.k === 'named' ? `\`${target.ty.name}\`` : target.ty.k === 'box' ? 'a Box' : 'a non-Vec type';
      ctx.report({
        code: 'K0310',
        message: `\`collect()\` into ${what} (${target.where}) has no kernel equivalent`,
        node: call,
        help: target.ty.k === 'named' && target.ty.name === 'Result'
          ? `collect into a vector with a loop that pushes each \`Ok\` value (\`v.push(x?, GFP_KERNEL)?\`)`
          : `the kernel has no FromIterator; build the value with a loop, or collect into a vector with \`${replacement}?\``,
      });
      continue;
    }
    ctx.report({
      code: 'K0311',
      message: '`collect()` whose target type kport could not see; left alone',
      node: call,
      help: `if it collects into a Vec, write \`.${replacement}?\` (or declare the type: \`let v: Vec<_> = ..collect();\`) and run kport again`,
    });
  }
}

function run(ctx: CrateContext): void {
  const model = ctx.model;
  for (const f of ctx.files) {
    if (!/\bcollect\b/.test(f.text)) continue;
    const r = model.resolver(f);
    runFile(f, r, (s, field) => r.fieldType(s, field));
  }
}

export const allocCollect: CrateTransform = {
  id: 'alloc-collect',
  scope: 'crate',
  summary: 'Rewrite `collect()` into a Vec to `try_collect(GFP_KERNEL)?` and report collects into anything else.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['collect'],
  queries: { collects: COLLECTS },
  uses: [TABLE_QUERIES],
  run,
  codes: [
    {
      code: 'K0310',
      severity: 'error',
      title: '`collect()` into a type the kernel cannot build from an iterator',
      explanation: `Only a vector has a fallible collect (the compat module's \`try_collect\`). A
collect into a String, a HashMap, a \`Result<Vec<_>, E>\` or another collection
has no kernel equivalent and is left for a person.

Before:
    let r: Result<Vec<u32>, E> = items.iter().map(parse).collect();
After (by hand):
    let mut r = KVec::with_capacity(items.len(), GFP_KERNEL)?;
    for it in items.iter() {
        r.push(parse(it)?, GFP_KERNEL)?;
    }`,
    },
    {
      code: 'K0311',
      severity: 'note',
      title: '`collect()` whose target type kport cannot see',
      explanation: `kport rewrites a collect only when it can see that the result is a Vec. Here
the type comes from inference kport does not do (a later use, a function
argument). Declare the type or use a turbofish and run kport again.

Before:
    let v = it.collect();
    takes_vec(v);
After:
    let v: Vec<_> = it.collect();   // kport then writes it.try_collect(GFP_KERNEL)?`,
    },
  ],
};
