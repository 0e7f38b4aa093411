// alloc-calls: the Vec methods that are not a plain fallible form: `remove`,
// `drain`, `truncate`, `pop`, `clear`, `retain`, `swap_remove`, `clone`/`to_vec`,
// and the texts their reports share.
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { isTestCode } from '../../src/analysis/testcode.ts';
import type { OtherVecMethod } from '../../src/kernel-api/alloc.ts';
import type { Ty } from '../../src/analysis/vec-resolver.ts';
import { args, makeFallible } from '../../src/rewrite/alloc-edit.ts';
import { inBounds } from '../../src/analysis/bounds.ts';
import { lineIndent } from '../../src/rewrite/remove-lines.ts';

/** A receiver's text for a message: one line, at most 40 characters. */
export function short(n: SyntaxNode): string {
  const t = n.text.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').replace(/\s*\.\s*/g, '.');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** `remove`, `drain`, `truncate`, `pop`, `clear`, `retain`: the same, a `?` form, or reported. */
export function otherMethod(ctx: FileContext, call: SyntaxNode, name: SyntaxNode, method: OtherVecMethod): void {
  const form = ctx.profile.alloc.others[method];
  if (form === 'same') return;
  if (form) {
    // `v.remove(i)` returns a Result in the kernel: out of bounds is an error, not a panic.
    if (call.parent?.type !== 'try_expression') makeFallible(ctx, call, name, form, ctx.profile.alloc.flags);
    return;
  }
  const arg = args(call)[0];
  if (method === 'drain' && arg?.type === 'range_expression' && arg.text.replace(/\s+/g, '') === '..' && ctx.profile.alloc.others.pop === 'same') {
    // `drain(..)` takes every element, as `drain_all()` does (rust/kernel/alloc/kvec.rs).
    ctx.edits.replace({ start: name.startIndex, end: call.endIndex }, 'drain_all()');
    return;
  }
  const newer = ctx.profile.alloc.others.pop === 'same';
  const help: Record<OtherVecMethod, string> = {
    remove: newer ? 'swap the element to the end and `pop()` it, or rebuild the vector without it' : 'rebuild the vector without the element (`push(x, GFP_KERNEL)?` the others), or target a kernel with `Vec::remove` (6.16, profile mainline)',
    drain: newer ? '`drain_all()` takes every element; for a part, `truncate` or `remove` the elements you need' : 'iterate with `iter()` and rebuild what you keep, or target a kernel with `drain_all` (6.16, profile mainline)',
    truncate: 'rebuild the vector with the elements you keep, or target a kernel with `Vec::truncate` (6.15, profile mainline)',
    pop: 'keep the length yourself, or target a kernel with `Vec::pop` (6.16, profile mainline)',
    clear: 'assign a new empty vector (`KVec::new()`; this also frees the buffer), or target a kernel with `Vec::clear` (6.16, profile mainline)',
    retain: 'build a new vector with the elements to keep (`push(x, GFP_KERNEL)?`)',
  };
  ctx.report({
    code: 'K0301',
    message: `\`Vec::${method}\` does not exist in the ${ctx.profile.id} kernel API`,
    node: call,
    help: help[method],
  });
}

/** A local, `self`, or a field path of one: evaluating it again reads the same vector. */
function isPlace(n: SyntaxNode): boolean {
  if (n.type === 'identifier' || n.type === 'self') return true;
  const v = n.type === 'field_expression' ? n.childForFieldName('value') : null;
  return !!v && isPlace(v);
}

/** A name for a block-local binding that no identifier in `texts` uses. */
function freshName(base: string, texts: string[]): string {
  for (let name = base; ; name += '_') if (!texts.some((t) => new RegExp(`\\b${name}\\b`).test(t))) return name;
}

/**
 * `v.swap_remove(i);` → a block that swaps element `i` with the last and pops it:
 * the same elements in the same places, and the same panic when `i` is out of
 * bounds (`swap` panics; an empty vector panics at `len() - 1`). Where the
 * removed element is used, or the vector is not a plain place, it is reported.
 */
export function swapRemove(ctx: FileContext, call: SyntaxNode, recv: SyntaxNode): void {
  const form = ctx.profile.alloc.swapRemove;
  if (form === 'same') return;
  const index = args(call)[0];
  const stmt = call.parent;
  const alone = stmt?.type === 'expression_statement' && stmt.namedChildren.length === 1 && stmt.text.trimEnd().endsWith(';');
  const v = recv.text;
  if (form === 'swap-pop' && alone && isPlace(recv) && !/\n/.test(call.text) && !call.hasError) {
    const last = freshName('last', [v, index.text]);
    const indent = lineIndent(ctx.text, stmt.startIndex);
    ctx.edits.replace(stmt, `{\n${indent}    let ${last} = ${v}.len() - 1;\n${indent}    ${v}.swap(${index.text}, ${last});\n${indent}    ${v}.pop();\n${indent}}`);
    if (!inBounds(recv, index, call, { text: ctx.text, shift: 0 }) && !isTestCode(ctx.tree, call)) {
      ctx.report({
        code: 'K0330',
        message: `\`${short(recv)}.swap_remove(${index.text.length > 20 ? '..' : index.text})\` became \`swap\` with the last element and \`pop\` (the kernel vector has no \`swap_remove\`); it still panics when the index is out of bounds`,
        node: call,
        help: `check \`${index.text.length > 20 ? 'i' : index.text} < ${short(recv)}.len()\` first and return an error (\`Err(EINVAL)\`) instead of panicking`,
      });
    }
    return;
  }
  ctx.report({
    code: 'K0301',
    message: `\`Vec::swap_remove\` does not exist in the ${ctx.profile.id} kernel API`,
    node: call,
    help:
      form === 'swap-pop'
        ? `swap the element with the last and pop it: \`let last = ${short(recv)}.len() - 1; ${short(recv)}.swap(${index.text.length > 20 ? 'i' : index.text}, last);\` then \`${short(recv)}.pop()\` (\`Some\` after the swap); kport rewrites only a \`swap_remove\` whose result is unused, on a plain variable or field`
        : 'this profile\'s vector has no `pop` either: swap the element to the end and shorten the vector some other way, or target a kernel with `Vec::pop` (6.16, profile mainline, where kport rewrites it to `swap` and `pop`)',
  });
}

export function formText(name: string, flags: boolean, flagsExpr: string): string {
  return `.${name}(.., ${flags ? `${flagsExpr})?` : ')?'}`.replace('(.., )', '(..)');
}

/** `v.clone()` / `s.to_vec()` → `v.try_to_vec(GFP_KERNEL)?`, unless the elements are themselves vectors or boxes. */
export function cloneToVec(ctx: FileContext, call: SyntaxNode, name: SyntaxNode, t: Ty, recv: SyntaxNode): void {
  const api = ctx.profile.alloc;
  const elem = t.k === 'vec' || t.k === 'slice' ? t.elem : undefined;
  if (elem && (elem.k === 'vec' || elem.k === 'box')) {
    ctx.report({
      code: 'K0305',
      message: `\`${short(recv)}.${name.text}()\` copies a vector of ${elem.k === 'vec' ? 'vectors' : 'boxes'}, which the kernel cannot clone`,
      node: call,
      help: 'the kernel vector and box are not Clone: copy the elements one by one, each with `try_to_vec(GFP_KERNEL)?` / `KBox::new(.., GFP_KERNEL)?`',
    });
    return;
  }
  makeFallible(ctx, call, name, { name: 'try_to_vec', flags: api.tryToVec.flags, source: api.tryToVec.source }, api.flags);
}
