import { MACROS_QUERY, anchor, codeRegions } from '../src/analysis/macroargs.ts';
import { CORE_ONLY, formatCall, valueType } from '../src/analysis/fmt-args.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext } from '../src/engine/types.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * check-fmt-display: with the kernel's own `fmt` (6.19 on), a value printed
 * with `{}` whose type has no `kernel::fmt::Display`.
 *
 *   let b = Box::new(5);
 *   println!("b = {b}");        → K0420 (`KBox` has no kernel Display)
 *
 * Since 6.19 `pr_*!` format through `fmt!` (rust/macros/fmt.rs), which wraps
 * every argument in `kernel::fmt::Adapter`; `{}` then needs the kernel's own
 * `Display` (rust/kernel/fmt.rs), implemented for the integers, `bool`, `char`,
 * `str`, `Arguments`, `Arc` and the crate's own impls, not for `Box`/`KBox`
 * (kbox.rs implements only core's) nor for core types such as `ParseIntError`.
 * Types are read from declarations (src/analysis/vec-resolver.ts); what kport cannot
 * see is not reported. Floats are check-floats' (K0623), `String` and
 * `format!` check-strings'.
 */

// The macros that become (or are) `pr_*!` calls (transforms/print-macros.ts).
const PRINTS = /^(?:(?:::)?(?:std|kernel)::)?(println|print|eprintln|eprint|pr_(?:emerg|alert|crit|err|warn|notice|info|debug|cont))$/;

function verdict(t: Ty): { what: string; why: string; help: string } | undefined {
  if (t.k === 'box') {
    return {
      what: 'a `Box` (`KBox` in the port)',
      why: '`KBox` implements only core\'s `Display` (rust/kernel/alloc/kbox.rs)',
      help: 'format the value inside the box: `{}` with `*b` (when that type has the kernel `Display`)',
    };
  }
  if (t.k === 'named' && CORE_ONLY.has(t.name)) {
    return {
      what: `a \`${t.name}\``,
      why: `\`${t.name}\` implements only core's \`Display\``,
      help: 'format it with `{:?}` (`fmt!` forwards `Debug`), or print the numbers it carries',
    };
  }
  return undefined;
}

function runFile(ctx: FileContext, resolver: Resolver): void {
  for (const r of codeRegions(ctx.tree)) {
    if (!r.host || !r.tt) continue;
    const call = formatCall(ctx.text, r, 0);
    if (!call || !PRINTS.test(call.macro.replace(/\s+/g, '')) || isTestCode(ctx.tree, anchor(r.root, r))) continue;
    const at = resolver.at(r.host);
    for (const v of call.values) {
      if (!v.display) continue;
      const bad = verdict(valueType(at, v.node));
      if (!bad) continue;
      ctx.report({
        code: 'K0420',
        message: `\`${call.macro}!\` formats \`${v.text}\` with \`{}\`, ${bad.what}: since 6.19 \`pr_*!\` need \`kernel::fmt::Display\`, and ${bad.why}`,
        range: v.range,
        help: bad.help,
      });
    }
  }
}

function run(ctx: CrateContext): void {
  const wanted = (f: FileContext) => /\b(?:e?print(?:ln)?|pr_\w+)!/.test(f.text);
  if (!ctx.files.some(wanted)) return;
  const model = ctx.model;
  for (const f of ctx.files) if (wanted(f)) runFile(f, model.resolver(f));
}

const codes: CodeInfo[] = [
  {
    code: 'K0420',
    severity: 'error',
    title: 'a value printed with `{}` has no kernel `Display` (6.19 on)',
    explanation: `Since 6.19 (profiles \`v6.19\` and \`mainline\`) the \`pr_*!\` macros format through the kernel's \`fmt!\`
(rust/macros/fmt.rs), which wraps each argument in \`kernel::fmt::Adapter\`: a \`{}\`
placeholder then needs the kernel's own \`Display\` trait (rust/kernel/fmt.rs). It is
implemented for the integers, \`bool\`, \`char\`, \`str\`, \`Arguments\`, \`Arc\` and
the crate's own \`Display\` impls (which kport ports to the kernel trait), not for
\`KBox\` (rust/kernel/alloc/kbox.rs implements only core's \`Display\`) nor for core
types such as \`ParseIntError\` or \`NonZeroU32\`. \`{:?}\` still works: \`fmt!\`
forwards \`Debug\`.

Before:
    let b = Box::new(5);
    println!("b = {b}");
After:
    let b = KBox::new(5, GFP_KERNEL)?;
    pr_info!("b = {}\\n", *b);`,
  },
];

export const checkFmtDisplay: CrateTransform = {
  id: 'check-fmt-display',
  scope: 'crate',
  summary: 'With the kernel\'s own `fmt` (6.19 on), report values printed with `{}` whose type has no kernel `Display` (`Box`, core-only types).',
  // Kernels with the kernel's own `fmt::Display` (6.19 on: src/kernel-api/stub-features.ts, fmt_display).
  profiles: ['mainline', 'v6.19'],
  safety: 'suggestion',
  // What `run` looks for: `print!`, `println!`, `eprint!`, `eprintln!` or a `pr_*!` call.
  words: ['print', 'pr_'],
  uses: [TABLE_QUERIES, MACROS_QUERY],
  run,
  codes,
};
