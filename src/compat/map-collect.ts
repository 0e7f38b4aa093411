// Text made in a `map` and collected into a vector of text, which
// compat-map-collect ports whole (`.map(|x| x.to_kstring()).try_collect_ok(GFP_KERNEL)?`).
// check-strings asks the same question of a `ToString::to_string` path, so a
// site is either ported there or reported here, never both.
import { isStringTy } from './strings.ts';
import { tyOf } from '../analysis/vec-resolver.ts';
import type { SyntaxNode } from '../engine/types.ts';

/** `ToString::to_string` written as a path (`std::string::ToString::to_string` too). */
export function isToStringPath(n: SyntaxNode): boolean {
  return n.type === 'scoped_identifier' && /^(?:(?:::)?(?:std|alloc)::string::)?ToString::to_string$/.test(n.text.replace(/\s+/g, ''));
}

/** A closure of one parameter whose whole body is `<expr>.to_string()`: that call's method name node. */
export function toStringClosure(closure: SyntaxNode): SyntaxNode | undefined {
  if (closure.type !== 'closure_expression' || (closure.childForFieldName('parameters')?.namedChildren.length ?? 0) !== 1) return undefined;
  let body = closure.childForFieldName('body');
  if (body?.type === 'block' && body.namedChildren.length === 1 && body.namedChildren[0].type !== 'expression_statement') body = body.namedChildren[0];
  if (body?.type !== 'call_expression' || body.childForFieldName('arguments')?.namedChildren.length !== 0) return undefined;
  const f = body.childForFieldName('function');
  const name = f?.type === 'field_expression' ? f.childForFieldName('field') : null;
  return name?.text === 'to_string' ? name : undefined;
}

/**
 * For the only argument `arg` of a `.map(arg)` (a `to_string` closure or the
 * `ToString::to_string` path) followed by `.collect()` into a vector of text
 * (a `let` declared `Vec<String>`, or `collect::<Vec<String>>()`): the collect
 * call and its method name node; else undefined.
 */
export function mapCollectOf(arg: SyntaxNode): { call: SyntaxNode; collect: SyntaxNode } | undefined {
  if (!isToStringPath(arg) && !toStringClosure(arg)) return undefined;
  const list = arg.parent;
  if (list?.type !== 'arguments' || list.namedChildren.length !== 1) return undefined;
  const map = list.parent;
  const mf = map?.type === 'call_expression' ? map.childForFieldName('function') : null;
  if (mf?.type !== 'field_expression' || mf.childForFieldName('field')?.text !== 'map') return undefined;
  const fe = map!.parent;
  if (fe?.type !== 'field_expression' || fe.childForFieldName('value')?.id !== map!.id) return undefined;
  const collect = fe.childForFieldName('field');
  if (collect?.text !== 'collect') return undefined;
  let targs: SyntaxNode | null = null;
  let call = fe.parent;
  if (call?.type === 'generic_function') {
    targs = call.childForFieldName('type_arguments');
    call = call.parent;
  }
  if (call?.type !== 'call_expression' || call.childForFieldName('arguments')?.namedChildren.length !== 0) return undefined;
  if (targs) return /^<\s*Vec\s*<\s*K?String\s*>\s*>$/.test(targs.text) ? { call, collect } : undefined;
  const p = call.parent;
  if (p?.type !== 'let_declaration' || p.childForFieldName('value')?.id !== call.id) return undefined;
  const t = tyOf(p.childForFieldName('type'));
  return t.k === 'vec' && isStringTy(t.elem) ? { call, collect } : undefined;
}
