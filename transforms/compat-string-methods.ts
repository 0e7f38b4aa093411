import { codeRegions, regionMatches, type Region } from '../src/analysis/macroargs.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { tyOf, type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import { STRING_CODES, definesName, isStringTy, leaveAlone, span, stringsPorted } from '../src/compat/strings.ts';
import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * compat-string-methods: what grows or copies a `String` is a fallible
 * `KString` call (src/compat/kstring.ts).
 *
 *   s.push_str(t)               →  s.push_str(t, GFP_KERNEL)?
 *   s.push(c)                   →  s.push(c, GFP_KERNEL)?
 *   s.insert_str(i, t)          →  s.insert_str(i, t, GFP_KERNEL)?
 *   s += t;                     →  s.push_str(t, GFP_KERNEL)?;
 *   s.clone()                   →  s.try_clone()?
 *   it.collect::<String>()      →  KString::try_from_iter(it, GFP_KERNEL)?
 *   parts.join(", ")            →  parts.try_join(", ", GFP_KERNEL)?
 *
 * Crate-scoped: receivers are typed with the crate's declarations
 * (src/analysis/vec-resolver.ts), struct fields in other files included.
 */

const METHODS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @m
    (#match? @m "^(push_str|push|insert_str|clone|join|collect)$"))
  arguments: (arguments)) @call`;
const COLLECT = `(call_expression
  function: (generic_function
    function: (field_expression value: (_) @recv field: (field_identifier) @m (#eq? @m "collect"))
    type_arguments: (type_arguments . (type_identifier) @t . ) (#match? @t "^K?String$"))
  arguments: (arguments)) @call`;
const ADD_ASSIGN = '(compound_assignment_expr left: (_) @left operator: "+=" right: (_) @right) @expr';
const ADD = '(binary_expression left: (_) @left operator: "+" right: (_) @right) @expr';
const QUERIES = { methods: METHODS, collect: COLLECT, addAssign: ADD_ASSIGN, add: ADD };

const RELEVANT = /\.\s*(push_str|push|insert_str|clone|join|collect)\b|\+/;
const STRINGY = /\b(K?String|kformat|to_kstring|try_from_iter|push_str|insert_str)\b|\.\s*join\s*\(/;

/** Expressions a method call can follow without parentheses (`*s` cannot: `(*s).push_str(..)`). */
const POSTFIX = new Set(['identifier', 'self', 'field_expression', 'call_expression', 'index_expression', 'parenthesized_expression', 'scoped_identifier', 'try_expression']);

/** Methods only `String` has in std, core and the kernel: a receiver of unknown type is evidence enough. */
const BY_NAME = new Set(['push_str', 'insert_str']);

function runFile(ctx: FileContext, resolver: Resolver): void {
  const { tree } = ctx;
  for (const r of codeRegions(tree)) {
    if (!RELEVANT.test(r.text)) continue;
    const matches = (name: keyof typeof QUERIES) => regionMatches(ctx, r, QUERIES, name);
    // In a re-parsed macro argument list the declarations around are out of sight.
    const typeOf = (n: SyntaxNode): Ty => (r.host ? { k: 'unknown' } : resolver.typeOf(n));
    for (const m of matches('methods')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const recv = m.captures.find((c) => c.name === 'recv')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node.text;
      if (leaveAlone(tree, call, r) || definesName(tree, name)) continue;
      const t = typeOf(recv);
      const n = argCount(call);
      const string = isStringTy(t);
      const unknown = t.k === 'unknown';
      switch (name) {
        case 'push_str':
        case 'push':
        case 'insert_str':
          if (n !== (name === 'insert_str' ? 2 : 1)) continue;
          if (!string && !(unknown && BY_NAME.has(name))) continue;
          addFlags(ctx, r, call);
          ctx.report({ code: 'K0694', message: `\`${name}\` may reallocate the \`KString\`: \`${name}(.., GFP_KERNEL)?\``, range: span(call, r), help: 'in upstream code, size the buffer once (`KString::with_capacity`) or print the pieces directly' });
          break;
        case 'clone':
          if (n !== 0 || !string) continue;
          ctx.edits.replace(span(m.captures.find((c) => c.name === 'm')!.node, r), 'try_clone');
          ctx.edits.insert(call.endIndex + r.shift, '?');
          ctx.report({ code: 'K0695', message: 'copying a `KString` allocates: `.try_clone()?`', range: span(call, r), help: 'in upstream code, borrow (`&str`) where the copy is only read' });
          break;
        case 'join': {
          if (n !== 1 || !joinsText(t, args(call)[0])) continue;
          ctx.edits.replace(span(m.captures.find((c) => c.name === 'm')!.node, r), 'try_join');
          addFlags(ctx, r, call);
          ctx.report({ code: 'K0696', message: 'joining text allocates a `KString`: `.try_join(sep, GFP_KERNEL)?` (compat trait `TryJoin`)', range: span(call, r), help: 'in upstream code, write the parts into one buffer, or print them one by one' });
          break;
        }
        case 'collect':
          if (n !== 0 || !collectsIntoString(call, r)) continue;
          toTryFromIter(ctx, r, call, recv);
          break;
      }
    }
    for (const m of matches('collect')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (argCount(call) !== 0 || leaveAlone(tree, call, r)) continue;
      toTryFromIter(ctx, r, call, m.captures.find((c) => c.name === 'recv')!.node);
    }
    for (const m of matches('addAssign')) {
      const expr = m.captures.find((c) => c.name === 'expr')!.node;
      const left = m.captures.find((c) => c.name === 'left')!.node;
      const right = m.captures.find((c) => c.name === 'right')!.node;
      if (leaveAlone(tree, expr, r) || !isStringTy(typeOf(left))) continue;
      // Only the operator and the ends change: edits inside the operands (a `clone()` there) stay apart.
      if (!POSTFIX.has(left.type)) {
        ctx.edits.insert(left.startIndex + r.shift, '(');
        ctx.edits.insert(left.endIndex + r.shift, ')');
      }
      ctx.edits.replace({ start: left.endIndex + r.shift, end: right.startIndex + r.shift }, '.push_str(');
      ctx.edits.insert(right.endIndex + r.shift, ', GFP_KERNEL)?');
      ctx.report({ code: 'K0694', message: '`+=` may reallocate the `KString`: `push_str(.., GFP_KERNEL)?`', range: span(expr, r), help: 'in upstream code, size the buffer once (`KString::with_capacity`) or print the pieces directly' });
    }
    // `a + &b + "c"` (std's `Add<&str> for String`): the same text, built by `kformat!`.
    for (const m of matches('add')) {
      const expr = m.captures.find((c) => c.name === 'expr')!.node;
      if (isAdd(expr.parent) && expr.parent!.childForFieldName('left')?.id === expr.id) continue; // a link of a longer chain
      const ops: SyntaxNode[] = [];
      let left: SyntaxNode = expr;
      while (isAdd(left)) {
        ops.unshift(left.childForFieldName('right')!);
        left = left.childForFieldName('left')!;
      }
      ops.unshift(left);
      if (leaveAlone(tree, expr, r) || !isStringTy(typeOf(left))) continue;
      ctx.edits.insert(left.startIndex + r.shift, `kformat!("${'{}'.repeat(ops.length)}", `);
      for (let i = 1; i < ops.length; i++) ctx.edits.replace({ start: ops[i - 1].endIndex + r.shift, end: ops[i].startIndex + r.shift }, ', ');
      ctx.edits.insert(ops[ops.length - 1].endIndex + r.shift, ')?');
      ctx.report({ code: 'K0694', message: '`+` on a `KString` builds the text with `kformat!(..)?`, which can fail', range: span(expr, r), help: 'in upstream code, size the buffer once (`KString::with_capacity`) or print the pieces directly' });
    }
  }
}

function isAdd(n: SyntaxNode | null): boolean {
  return n?.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+';
}

/** `recv.m(args)` → `recv.m(args, GFP_KERNEL)?`. */
function addFlags(ctx: FileContext, r: Region, call: SyntaxNode): void {
  const a = call.childForFieldName('arguments')!;
  const close = a.lastChild;
  if (close?.type !== ')') return;
  const prev = close.previousSibling;
  if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
  else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
  ctx.edits.insert(call.endIndex + r.shift, '?');
}

/** A `join` of text: on a vector or slice of strings, or with a string literal as separator (no other `join` takes one). */
function joinsText(recv: Ty, sep: SyntaxNode | undefined): boolean {
  if (sep?.type === 'string_literal' || sep?.type === 'raw_string_literal') return recv.k !== 'named' && recv.k !== 'prim';
  if (recv.k !== 'vec' && recv.k !== 'slice') return false;
  const e = recv.elem;
  return isStringTy(e) || (e.k === 'prim' && e.name === 'str');
}

/** `let s: String = it.collect();` (the declared type says what `collect` builds). */
function collectsIntoString(call: SyntaxNode, r: Region): boolean {
  if (r.host) return false;
  const p = call.parent;
  if (p?.type !== 'let_declaration' || p.childForFieldName('value')?.id !== call.id) return false;
  return isStringTy(tyOf(p.childForFieldName('type')));
}

function toTryFromIter(ctx: FileContext, r: Region, call: SyntaxNode, recv: SyntaxNode): void {
  // The ends only, not the receiver's text: a `collect::<String>()` inside the receiver
  // (`s.chars().collect::<String>().chars().collect::<String>()`) has edits of its own.
  ctx.edits.insert(call.startIndex + r.shift, 'KString::try_from_iter(');
  ctx.edits.replace({ start: recv.endIndex + r.shift, end: call.endIndex + r.shift }, ', GFP_KERNEL)?');
  ctx.report({ code: 'K0696', message: 'collecting into text allocates: `KString::try_from_iter(.., GFP_KERNEL)?`', range: span(call, r), help: 'in upstream code, write the pieces into one buffer sized once, or print them one by one' });
}

function run(ctx: CrateContext): void {
  if (!stringsPorted(ctx)) return;
  // No text type named anywhere in the crate: no receiver can be typed as one (and `push_str`,
  // `insert_str` by name alone still need the file to say them).
  if (!ctx.files.some((f) => STRINGY.test(f.text))) return;
  const model = ctx.model;
  for (const f of ctx.files) if (RELEVANT.test(f.text)) runFile(f, model.resolver(f));
}

export const compatStringMethods: CrateTransform = {
  id: 'compat-string-methods',
  scope: 'crate',
  summary: 'Port the `String` methods that grow, copy, collect or join text to fallible `KString` calls.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  // STRINGY's texts: a crate without any has no text type for a receiver to be.
  words: ['String', 'kformat', 'to_kstring', 'try_from_iter', 'push_str', 'insert_str', 'join'],
  applies: stringsPorted,
  queries: QUERIES,
  uses: [TABLE_QUERIES],
  run,
  codes: [STRING_CODES.K0694, STRING_CODES.K0695, STRING_CODES.K0696],
};
