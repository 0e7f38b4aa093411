import { removeLines } from '../src/rewrite/remove-lines.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';

/**
 * print-macros: userspace printing becomes the kernel log.
 *
 *   println!("a {}", x);   →  pr_info!("a {}\n", x);
 *   eprintln!("oops");     →  pr_err!("oops\n");
 *   print!("> ");          →  kernel::pr_cont!("> ");
 *   log::warn!("w {}", n); →  pr_warn!("w {}\n", n);
 */

interface Target {
  /** Replacement macro path. */
  to: (ctx: FileContext) => string;
  /** Whether the source macro ends the line (its newline moves into the format string). */
  newline: boolean;
}

const STD: Record<string, Target> = {
  println: { to: () => 'pr_info', newline: true },
  eprintln: { to: () => 'pr_err', newline: true },
  print: { to: (ctx) => ctx.profile.print.cont, newline: false },
  eprint: { to: () => 'pr_err', newline: false },
};

// A log record is a line of its own, so the kernel form gets the newline.
const LOG: Record<string, Target> = {
  error: { to: () => 'pr_err', newline: true },
  warn: { to: () => 'pr_warn', newline: true },
  info: { to: () => 'pr_info', newline: true },
  debug: { to: () => 'pr_debug', newline: true },
  trace: { to: () => 'pr_debug', newline: true },
};

const CALLS = `(macro_invocation
  macro: [(identifier) (scoped_identifier)] @name
  (#match? @name "^(::)?((std|log)::)?(e?print(ln)?|error|warn|info|debug|trace)$")
  (token_tree) @args) @call`;
const USES = '(use_declaration argument: (_) @arg) @use';
const EXTERN = '(extern_crate_declaration name: (identifier) @name) @decl';
const LOCAL_MACROS = '(macro_definition name: (identifier) @name)';

/** Which log macros this file takes from the `log` crate, and the imports that bring them. */
function logImports(ctx: FileContext): { names: Set<string>; all: boolean; uses: { node: SyntaxNode; names: string[] | '*' }[] } {
  const names = new Set<string>();
  let all = false;
  const uses: { node: SyntaxNode; names: string[] | '*' }[] = [];
  for (const m of ctx.matches('uses')) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node.text.replace(/\s+/g, '');
    const node = m.captures.find((c) => c.name === 'use')!.node;
    const mm = /^(?:::)?log::(.*)$/.exec(arg);
    if (!mm) continue;
    const rest = mm[1];
    if (rest === '*') {
      all = true;
      uses.push({ node, names: '*' });
    } else {
      const list = rest.startsWith('{') && rest.endsWith('}') ? rest.slice(1, -1).split(',').filter(Boolean) : [rest];
      const plain = list.filter((n) => /^[a-z_]+$/.test(n));
      for (const n of plain) names.add(n);
      uses.push({ node, names: plain.length === list.length ? plain : '*' });
    }
  }
  for (const m of ctx.matches('extern')) {
    const decl = m.captures.find((c) => c.name === 'decl')!.node;
    if (m.captures.find((c) => c.name === 'name')!.node.text !== 'log') continue;
    const prev = decl.previousNamedSibling;
    if (prev?.type === 'attribute_item' && /^#\[\s*macro_use\s*\]$/.test(prev.text)) all = true;
  }
  return { names, all, uses };
}

/** The format-string edit: where `\n` goes, or a replacement for a raw string. */
function addNewline(ctx: FileContext, lit: SyntaxNode): boolean {
  const text = lit.text;
  if (lit.type === 'string_literal' && text.startsWith('"')) {
    ctx.edits.insert(lit.endIndex - 1, '\\n');
    return true;
  }
  if (lit.type === 'raw_string_literal' && text.startsWith('r')) {
    // A raw string cannot hold an escape: turn it into the plain literal it means.
    const m = /^r(#*)"([\s\S]*)"\1$/.exec(text);
    if (!m) return false;
    const body = m[2].replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    ctx.edits.replace(lit, `"${body}\\n"`);
    return true;
  }
  return false;
}

function run(ctx: FileContext): void {
  const local = new Set(ctx.matches('localMacros').map((m) => m.captures[0].node.text));
  let log: ReturnType<typeof logImports> | undefined;
  const rewrittenLog = new Set<string>();
  let logLeft = false;

  for (const m of ctx.matches('calls')) {
    const nameNode = m.captures.find((c) => c.name === 'name')!.node;
    const args = m.captures.find((c) => c.name === 'args')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const path = nameNode.text.replace(/^::/, '');
    const parts = path.split('::');
    const base = parts[parts.length - 1];
    const qualifier = parts.length > 1 ? parts[0] : undefined;

    let target: Target | undefined;
    let fromLog = false;
    if (base in STD && qualifier !== 'log') {
      if (!qualifier && local.has(base)) continue; // the file defines its own
      target = STD[base];
    } else if (base in LOG && qualifier !== 'std') {
      if (qualifier !== 'log') {
        if (local.has(base)) continue;
        log ??= logImports(ctx);
        if (!log.all && !log.names.has(base)) continue; // not the log crate's macro
      }
      target = LOG[base];
      fromLog = true;
    }
    if (!target) continue;

    const first = args.namedChildren[0];
    const to = target.to(ctx);
    if (!first) {
      if (!target.newline) {
        ctx.report({ code: 'K0102', message: `\`${path}!\` with no arguments prints nothing`, node: call, help: 'remove the call' });
        if (fromLog) logLeft = true;
        continue;
      }
      ctx.edits.replace(nameNode, to);
      ctx.edits.replace(args, '("\\n")');
      if (fromLog) rewrittenLog.add(base);
      continue;
    }
    if (fromLog && first.type === 'identifier' && first.nextSibling?.type === ':') {
      ctx.report({
        code: 'K0103',
        message: `\`${path}!\` with \`${first.text}:\` has no kernel equivalent`,
        node: call,
        help: `drop the \`${first.text}: ...\` argument and use \`${to}!\`; the kernel log has no targets or key-values`,
      });
      logLeft = true;
      continue;
    }
    const isLiteral = (first.type === 'string_literal' && first.text.startsWith('"')) || (first.type === 'raw_string_literal' && first.text.startsWith('r'));
    if (!isLiteral) {
      ctx.report({
        code: 'K0101',
        message: `the format string of \`${path}!\` is not a string literal; kport cannot move the newline into it`,
        node: first,
        help: `write the literal here and use \`${to}!("...${target.newline ? '\\n' : ''}", ..)\`${target.newline ? '; the kernel log needs the newline in the format string' : ''}`,
      });
      if (fromLog) logLeft = true;
      continue;
    }
    ctx.edits.replace(nameNode, to);
    if (target.newline) addNewline(ctx, first);
    if (fromLog) rewrittenLog.add(base);
  }

  // `use log::{info, warn};` goes once nothing in the file needs it.
  if (log && !logLeft && rewrittenLog.size) {
    for (const u of log.uses) {
      if (u.names === '*' || !u.names.every((n) => rewrittenLog.has(n))) continue;
      removeLines(ctx, u.node);
    }
  }
}

export const printMacros: FileTransform = {
  id: 'print-macros',
  scope: 'file',
  summary: 'Rewrite println!/eprintln!/print!/eprint! and the log crate macros to the kernel pr_*! macros.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['print!', 'println!', 'error!', 'warn!', 'info!', 'debug!', 'trace!'],
  queries: { calls: CALLS, uses: USES, extern: EXTERN, localMacros: LOCAL_MACROS },
  run,
  codes: [
    {
      code: 'K0101',
      severity: 'error',
      title: 'print macro whose format string is not a literal',
      explanation: `The kernel's pr_*! macros need a format string literal, and println!'s
implicit newline has to move into it. When the first argument is a constant, a
macro such as concat!, or any other expression, kport cannot do that exactly and
leaves the call unchanged (it will not build in the kernel).

Before:
    const MSG: &str = "hi {}";
    println!(concat!("a", "b"));
After (by hand):
    pr_info!("ab\\n");`,
    },
    {
      code: 'K0102',
      severity: 'warning',
      title: 'print macro with no arguments prints nothing',
      explanation: `print!() and eprint!() print nothing; the kernel macros need a format string.
Remove the call.`,
    },
    {
      code: 'K0103',
      severity: 'error',
      title: 'log macro with a target or key-value argument',
      explanation: `The log crate's \`target: "name",\` (and key-value) arguments have no kernel
equivalent: the kernel log is keyed by the module. kport leaves the call as it
is; drop the argument and use the pr_*! macro.

Before:
    log::info!(target: "net", "up {}", n);
After (by hand):
    pr_info!("up {}\\n", n);`,
    },
  ],
};
