import { codeRegions, regionMatches, REGION_FN, type Region } from '../src/analysis/macroargs.ts';
import type { Resolver, Ty } from '../src/analysis/vec-resolver.ts';
import { argCount, args } from '../src/rewrite/alloc-edit.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { definesName, isStringTy, leaveAlone, span, stringsPorted } from '../src/compat/strings.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode, Tree } from '../src/engine/types.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * compat-text: two `str`/slice methods that build a `String`, ported to the
 * compat module's text helpers (src/compat/text.ts).
 *
 *   "*".repeat(n)                       →  "*".try_repeat(n, GFP_KERNEL)?
 *   write!(f, "[{}]", v.join(", "))     →  write!(f, "[{}]", v.display_join(", "))
 *
 * `repeat` on text is a new `KString`, allocated once, fallible (K0712). A
 * `join` whose text is only formatted with a plain `{}` (the argument of a
 * formatting macro whose format string has no spec: padding or `{:?}` would
 * format the joined text as a whole) is formatted part by part instead,
 * allocating nothing (K0713): inside a `Display` impl, where `?` cannot carry
 * an allocation failure, that is the only faithful form. Other `join`s are
 * compat-string-methods' (`try_join`); `repeat` of a slice stays reported by
 * alloc-slices (K0316). Runs before both.
 */

const CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @m (#match? @m "^(repeat|join)$"))
  arguments: (arguments)) @call`;
const QUERIES = { calls: CALLS };

/** Formatting macros (last path segment) and the index of their format string among the arguments. */
const FORMATS: Record<string, number> = {
  print: 0, println: 0, eprint: 0, eprintln: 0, format: 0, format_args: 0, panic: 0, kformat: 0,
  write: 1, writeln: 1,
  pr_emerg: 0, pr_alert: 0, pr_crit: 0, pr_err: 0, pr_warn: 0, pr_notice: 0, pr_info: 0, pr_debug: 0, pr_cont: 0,
};

export const TEXT_CODES: Record<string, CodeInfo> = {
  K0712: {
    code: 'K0712',
    severity: 'note',
    title: '`repeat` on text became the compat `try_repeat`',
    explanation: `\`str::repeat\` builds a new \`String\` with an allocation that cannot fail. kport
ports it to \`try_repeat(n, GFP_KERNEL)?\` from the compat trait \`TryRepeat\`
(src/compat/text.ts): the same text in a new \`KString\`, allocated once
(\`KVec::with_capacity\`); out of memory, or a size that overflows (where std
panics), is an error for the \`?\`. For upstream code, print the piece in a loop or
write it into a fixed buffer.

Before:
    println!("{}", "*".repeat(len + 4));
After:
    println!("{}", "*".try_repeat(len + 4, GFP_KERNEL)?);`,
  },
  K0713: {
    code: 'K0713',
    severity: 'note',
    title: 'a `join` only formatted became `display_join`, which allocates nothing',
    explanation: `\`parts.join(sep)\` builds a new \`String\`. Where that text is only an argument of a
formatting macro with a plain \`{}\` (no width, no \`{:?}\`), kport ports it to
\`parts.display_join(sep)\` from the compat module (src/compat/text.ts): a value
whose \`Display\` writes the parts and separators straight into the formatter.
The output is the same, nothing is allocated, and nothing can fail that could
not before: inside a \`Display\` impl (\`fmt\` returns \`core::fmt::Result\`) a
fallible \`try_join(..)?\` would not even build. This is also the kernel's way:
format the pieces, do not build the text.

Before:
    write!(f, "[{}]", self.0.join(", "))
After:
    write!(f, "[{}]", self.0.display_join(", "))`,
  },
};

/** A text type: `str` (or `&str`), `String` (or the `KString` it became). */
function isTextTy(t: Ty): boolean {
  return isStringTy(t) || (t.k === 'prim' && t.name === 'str');
}

/** Text: a string literal, or a receiver kport types as text. */
function isText(recv: SyntaxNode, t: Ty): boolean {
  return recv.type === 'string_literal' || recv.type === 'raw_string_literal' || isTextTy(t);
}

/** The macro whose argument list region `r` is, by its last path segment (`std::println` → `println`). */
function macroOf(tree: Tree, r: Region): string | undefined {
  if (!r.tt) return undefined;
  const open = tree.rootNode.descendantForIndex(r.tt.start);
  const tt = open.parent;
  if (tt?.type !== 'token_tree') return undefined;
  if (tt.parent?.type === 'macro_invocation') return tt.parent.childForFieldName('macro')?.text.split('::').pop();
  const bang = tt.previousSibling;
  const name = bang?.type === '!' ? bang.previousSibling : null;
  return name?.type === 'identifier' ? name.text : undefined;
}

/** The top-level arguments of a region's re-parsed list (`fn __kport_macro_args() { (a, b\n); }`). */
function topArgs(r: Region): SyntaxNode[] | undefined {
  const fn = r.root.namedChildren[0];
  if (fn?.type !== 'function_item' || fn.childForFieldName('name')?.text !== REGION_FN) return undefined;
  const stmt = fn.childForFieldName('body')?.namedChildren[0];
  const e = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
  if (e?.type === 'tuple_expression') return e.namedChildren.filter((c) => c.type !== 'attribute_item');
  if (e?.type === 'parenthesized_expression') return e.namedChildren;
  return undefined;
}

/** Whether `call` is a whole argument of a formatting macro whose format string has only plain placeholders. */
function onlyFormatted(tree: Tree, r: Region, call: SyntaxNode): boolean {
  if (!r.host) return false;
  const name = macroOf(tree, r);
  const at = name === undefined ? undefined : FORMATS[name];
  if (at === undefined) return false;
  const list = topArgs(r);
  const i = list ? list.findIndex((a) => a.id === call.id) : -1;
  if (i < 0) return false;
  const fmt = list![at];
  if (fmt?.type !== 'string_literal' || i <= at) return false;
  // Every placeholder plain: `{}`, `{0}`, `{name}`; `{{` is a brace.
  const placeholders = fmt.text.replace(/\{\{|\}\}/g, '').match(/\{[^}]*\}/g) ?? [];
  return placeholders.every((p) => !p.includes(':'));
}

function runFile(ctx: FileContext, resolver: Resolver): void {
  const { tree } = ctx;
  for (const r of codeRegions(tree)) {
    if (!/\.\s*(?:repeat|join)\s*\(/.test(r.text)) continue;
    const res = r.host ? resolver.at(r.host) : resolver;
    for (const m of regionMatches(ctx, r, QUERIES, 'calls')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const recv = m.captures.find((c) => c.name === 'recv')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node;
      if (leaveAlone(tree, call, r) || definesName(tree, name.text) || argCount(call) !== 1) continue;
      const t = res.typeOf(recv);
      if (name.text === 'repeat') {
        if (!isText(recv, t)) continue;
        ctx.edits.replace(span(name, r), 'try_repeat');
        const close = call.childForFieldName('arguments')!.lastChild!;
        const prev = close.previousSibling;
        if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
        else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
        ctx.edits.insert(call.endIndex + r.shift, '?');
        ctx.report({ code: 'K0712', message: '`repeat` builds a new `KString`: `try_repeat(n, GFP_KERNEL)?` (compat trait `TryRepeat`)', range: span(call, r), help: 'in upstream code, print the piece in a loop or write it into a fixed buffer' });
        continue;
      }
      // `join`: text parts (a literal separator; a receiver not known to be anything but a slice or vector).
      const sep = args(call)[0];
      if (sep?.type !== 'string_literal' || t.k === 'named' || t.k === 'prim') continue;
      if ((t.k === 'vec' || t.k === 'slice') && !isTextTy(t.elem)) continue;
      if (!onlyFormatted(tree, r, call)) continue;
      ctx.edits.replace(span(name, r), 'display_join');
      ctx.report({ code: 'K0713', message: 'the joined text is only formatted: `display_join(sep)` writes the parts in place, allocating nothing', range: span(call, r), help: 'this is the kernel way too: format the pieces rather than build the text' });
    }
  }
}

function run(ctx: CrateContext): void {
  if (!stringsPorted(ctx)) return;
  const wanted = (f: { text: string }) => /\.\s*(?:repeat|join)\s*\(/.test(f.text);
  if (!ctx.files.some(wanted)) return;
  const model = ctx.model;
  for (const f of ctx.files) if (wanted(f)) runFile(f, model.resolver(f));
}

export const compatText: CrateTransform = {
  id: 'compat-text',
  scope: 'crate',
  summary: 'Port `repeat` on text to the fallible `try_repeat`, and a `join` only formatted to `display_join`, which allocates nothing.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['repeat', 'join'],
  applies: stringsPorted,
  queries: QUERIES,
  uses: [TABLE_QUERIES],
  run,
  codes: [TEXT_CODES.K0712, TEXT_CODES.K0713],
};
