import { localNames } from '../src/analysis/localnames.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { MACROS_QUERY, anchor, codeRegions, regionMatches, shadowed } from '../src/analysis/macroargs.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { stringsPorted, toStringBound } from '../src/compat/strings.ts';
import { mapCollectOf } from '../src/compat/map-collect.ts';

/**
 * check-strings: report the std prelude's owned strings. The kernel has no
 * `String`; it has `&str`, `&CStr`/`c_str!` and the fallible `CString`
 * (rust/kernel/str.rs).
 *
 *   let s: String = String::new();   → K0610 (twice)
 *   format!("{}-{}", a, b)           → K0611
 *   n.to_string()                    → K0612
 */

const TYPES = '((type_identifier) @t (#match? @t "^(String|ToString)$"))';
const PATHS = '(scoped_identifier path: (identifier) @t name: (identifier) @name (#match? @t "^(String|ToString)$")) @path';
const FORMAT = '(macro_invocation macro: (identifier) @m (#eq? @m "format")) @call';
const TO_STRING = '(call_expression function: (field_expression field: (field_identifier) @m (#eq? @m "to_string")) arguments: (arguments) @args) @call';
const QUERIES = { types: TYPES, paths: PATHS, format: FORMAT, toString: TO_STRING };

function insideUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type.endsWith('_item') || p.type === 'block') return false;
  }
  return false;
}

function run(ctx: FileContext): void {
  const { tree } = ctx;
  // With the compat types on, the compat-string-* and compat-format passes port these sites instead.
  const ported = stringsPorted(ctx);
  // Only needed when something matches; the query behind it is not free.
  let names: ReturnType<typeof localNames> | undefined;
  const local = { has: (n: string) => (names ??= localNames(tree)).has(n), defined: { has: (n: string) => (names ??= localNames(tree)).defined.has(n) } };
  const name = (n: string) => (n === 'String' ? '`String`' : 'the `ToString` trait');
  const help = (n: string) =>
    n === 'String'
      ? 'borrow `&str` where the text is not owned; for owned text use `CString::try_from_fmt(fmt!(..))?` (kernel::str::CString) or a fixed `[u8; N]` buffer; for constants `c_str!("..")`'
      : 'format into a `CString` with `CString::try_from_fmt(fmt!("{}", x))?`, or print with `pr_info!("{}", x)` directly';

  for (const r of codeRegions(tree)) {
    const skip = (n: SyntaxNode) => isTestCode(tree, anchor(n, r)) || insideUse(n) || shadowed(tree, n, r);
    const span = (a: SyntaxNode, b: SyntaxNode = a) => ({ start: a.startIndex + r.shift, end: b.endIndex + r.shift });

    if (!/String|format|to_string/.test(r.text)) continue;
    const matches = (name: keyof typeof QUERIES) => regionMatches(ctx, r, QUERIES, name);
    for (const m of matches('types')) {
      const t = m.captures[0].node;
      const parent = t.parent;
      // `std::string::String` and `crate::x::String` are whole paths: std-paths owns the former, the latter is user code.
      if (parent?.type === 'scoped_type_identifier' && parent.childForFieldName('name')?.id === t.id) continue;
      if (local.has(t.text) || skip(t)) continue;
      if (ported && (t.text === 'String' || toStringBound(t))) continue;
      ctx.report({ code: t.text === 'String' ? 'K0610' : 'K0612', message: `${name(t.text)} is not available in the kernel`, range: span(t), help: help(t.text) });
    }
    for (const m of matches('paths')) {
      const t = m.captures.find((c) => c.name === 't')!.node;
      const p = m.captures.find((c) => c.name === 'path')!.node;
      if (local.has(t.text) || skip(p)) continue;
      // Constructor calls are alloc-calls' (K0304): one report per call. Used as a value
      // (`.map(String::from)`) the path is this check's.
      const called = p.parent?.type === 'call_expression' && p.parent.childForFieldName('function')?.id === p.id;
      if (called && t.text === 'String' && /^(new|from|with_capacity|from_utf8)$/.test(m.captures.find((c) => c.name === 'name')!.node.text)) continue;
      // `.map(ToString::to_string).collect()` into text: compat-map-collect ports it (src/compat/map-collect.ts).
      if (ported && !r.host && mapCollectOf(p)) continue;
      ctx.report({ code: t.text === 'String' ? 'K0610' : 'K0612', message: `\`${p.text}\` uses ${name(t.text)}, which the kernel does not have`, range: span(p), help: help(t.text) });
    }
    for (const m of matches('format')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (local.defined.has('format') || skip(call) || ported) continue;
      ctx.report({
        code: 'K0611',
        message: '`format!` allocates a `String`, which the kernel does not have',
        range: span(call),
        help: 'use `CString::try_from_fmt(fmt!(..))?` for an owned C string, write into a buffer with `core::fmt::Write`, or print directly with `pr_*!`',
      });
    }
    for (const m of matches('toString')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const method = m.captures.find((c) => c.name === 'm')!.node;
      if (m.captures.find((c) => c.name === 'args')!.node.namedChildren.length) continue;
      if (local.defined.has('to_string') || skip(call) || ported) continue;
      ctx.report({
        code: 'K0612',
        message: '`.to_string()` allocates a `String`, which the kernel does not have',
        range: span(method, call),
        help: help('ToString'),
      });
    }
  }
}

export const checkStrings: FileTransform = {
  id: 'check-strings',
  scope: 'file',
  summary: 'Report `String`, `format!` and `.to_string()`, which the kernel does not have.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  words: ['String', 'format!', 'to_string'],
  queries: QUERIES,
  // The macro arguments codeRegions reads (src/analysis/macroargs.ts) join the phase's walk.
  uses: [MACROS_QUERY],
  run,
  codes: [
    {
      code: 'K0610',
      severity: 'error',
      title: '`String` is not available in the kernel',
      explanation: `Kernel Rust has no \`String\` (there is no infallible allocation, and \`alloc\`'s
\`String\` is not built). Borrow \`&str\`/\`&CStr\` where the text is not owned; own it
as a \`kernel::str::CString\` (rust/kernel/str.rs), created with
\`CString::try_from_fmt(fmt!(..))?\`; use \`c_str!("..")\` for constants, or a
fixed-size byte buffer.

Before:
    struct Dev { name: String }
    let d = Dev { name: String::from("eth0") };
After:
    struct Dev { name: &'static CStr }
    let d = Dev { name: c_str!("eth0") };`,
    },
    {
      code: 'K0611',
      severity: 'error',
      title: '`format!` is not available in the kernel',
      explanation: `\`format!\` builds a \`String\`. In the kernel, format into a \`CString\` with
\`CString::try_from_fmt(fmt!(..))?\` (rust/kernel/str.rs), write into a buffer
through \`core::fmt::Write\`, or hand the arguments straight to \`pr_*!\`.

Before:
    let msg = format!("{} items", n);
    println!("{}", msg);
After:
    pr_info!("{} items\\n", n);`,
    },
    {
      code: 'K0612',
      severity: 'error',
      title: '`.to_string()` / `ToString` is not available in the kernel',
      explanation: `\`ToString\` produces a \`String\`, which the kernel does not have. Format into a
\`CString\` with \`CString::try_from_fmt(fmt!("{}", x))?\`, or print the value with
\`pr_*!("{}", x)\` directly. A type that defines its own \`to_string\` method in the
file is not reported.

Before:
    let s = code.to_string();
After:
    let s = CString::try_from_fmt(fmt!("{}", code))?;`,
    },
  ],
};
