import { localNames } from '../src/analysis/localnames.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { MACROS_QUERY, anchor, codeRegions, regionMatches, shadowed } from '../src/analysis/macroargs.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { formatCall, valueType } from '../src/analysis/fmt-args.ts';
import type { Resolver } from '../src/analysis/vec-resolver.ts';
import { fileResolver } from '../src/crate/model.ts';

/**
 * check-floats: report floating point. Kernel code runs without the FPU
 * state saved, the kernel's Rust target disables the float registers, and
 * `core` is built without float formatting.
 *
 *   let r: f64 = 0.5;        → K0620 (type), K0621 (literal)
 *   let m = f32::MAX;        → K0620
 *   x.sqrt()                 → K0622
 */

const TYPES = '((primitive_type) @t (#match? @t "^f(32|64)$"))';
const PATHS = '(scoped_identifier path: (identifier) @t (#match? @t "^f(32|64)$")) @path';
const MODULE_PATHS = '(scoped_identifier path: (identifier) @root name: (identifier) @t (#match? @root "^(std|core)$") (#match? @t "^f(32|64)$")) @path';
const FLOAT_LITERALS = '(float_literal) @lit';
const SUFFIXED_INTS = '((integer_literal) @lit (#match? @lit "^[0-9][0-9_]*f(32|64)$"))';
const FLOAT_METHODS =
  '(call_expression function: (field_expression field: (field_identifier) @m (#match? @m "^(sqrt|cbrt|powf|powi|exp|exp2|exp_m1|ln|ln_1p|log10|log2|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|hypot|floor|ceil|round|trunc|fract|to_radians|to_degrees|is_nan|is_infinite|is_finite|mul_add|recip|copysign|total_cmp)$"))) @call';

// Functions and methods the file declares with a float return type.
const FLOAT_FNS = '(function_item name: (identifier) @name return_type: (primitive_type) @t (#match? @t "^f(32|64)$"))';
// What each region is asked (a macro's arguments too), then what only the file is.
const REGION_QUERIES = { types: TYPES, paths: PATHS, modulePaths: MODULE_PATHS, floatLiterals: FLOAT_LITERALS, suffixedInts: SUFFIXED_INTS, floatMethods: FLOAT_METHODS };
const QUERIES = { ...REGION_QUERIES, floatFns: FLOAT_FNS };
// A call that is itself one argument of a macro (the re-parsed argument list is a tuple or a
// parenthesized expression at the top of the region).
const ARG_CALLS = [
  '(expression_statement (tuple_expression (call_expression function: (identifier) @name) @call))',
  '(expression_statement (parenthesized_expression (call_expression function: (identifier) @name) @call))',
  '(expression_statement (tuple_expression (call_expression function: (field_expression field: (field_identifier) @name)) @call))',
  '(expression_statement (parenthesized_expression (call_expression function: (field_expression field: (field_identifier) @name)) @call))',
  '(expression_statement (tuple_expression (call_expression function: (scoped_identifier name: (identifier) @name)) @call))',
  '(expression_statement (parenthesized_expression (call_expression function: (scoped_identifier name: (identifier) @name)) @call))',
];
// Asked of argument lists only (regionMatches runs them together on each list's tree).
const ARG_QUERIES: Readonly<Record<string, string>> = Object.fromEntries(ARG_CALLS.map((q, i) => [`argCall${i}`, q]));
// Macros whose arguments are formatted.
const FORMATTING = /^(std::|core::|::std::|::core::|kernel::|::kernel::)?(print|println|eprint|eprintln|format|format_args|write|writeln|panic|pr_(emerg|alert|crit|err|warn|notice|info|debug|cont)|dev_(emerg|alert|crit|err|warn|notice|info|dbg))$/;

// Text that can hold a float type, literal or method; anything else skips the queries.
const FLOAT_HINT = /f32|f64|[0-9]\.[0-9]|[0-9][eE][+-]?[0-9]|\.(sqrt|cbrt|pow|exp|ln|log|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh|hypot|floor|ceil|round|trunc|fract|to_rad|to_deg|is_nan|is_inf|is_fin|mul_add|recip|copysign|total_cmp)/;

function run(ctx: FileContext): void {
  const { tree } = ctx;
  // Only needed when something matches; the query behind it is not free.
  let names: ReturnType<typeof localNames> | undefined;
  const local = { has: (n: string) => (names ??= localNames(tree)).has(n), defined: { has: (n: string) => (names ??= localNames(tree)).defined.has(n) } };
  const help = 'use integers: fixed-point (scale by a power of two or ten), or integer ratios; the kernel saves no FPU state for kernel code';

  for (const r of codeRegions(tree)) {
    const skip = (n: SyntaxNode) => isTestCode(tree, anchor(n, r)) || shadowed(tree, n, r);
    const span = (a: SyntaxNode, b: SyntaxNode = a) => ({ start: a.startIndex + r.shift, end: b.endIndex + r.shift });

    if (!FLOAT_HINT.test(r.text)) continue;
    const matches = (name: keyof typeof REGION_QUERIES) => regionMatches(ctx, r, REGION_QUERIES, name);
    for (const m of matches('types')) {
      const t = m.captures[0].node;
      if (skip(t)) continue;
      ctx.report({ code: 'K0620', message: `floating-point type \`${t.text}\` in kernel code`, range: span(t), help });
    }
    const seen = new Set<number>();
    for (const q of ['paths', 'modulePaths'] as const) {
      for (const m of matches(q)) {
        let p = m.captures.find((c) => c.name === 'path')!.node;
        // Report the whole path (`f64::consts::PI`) once.
        while (p.parent?.type === 'scoped_identifier' && p.parent.childForFieldName('path')?.id === p.id) p = p.parent;
        if (seen.has(p.id) || skip(p)) continue;
        seen.add(p.id);
        ctx.report({ code: 'K0620', message: `floating-point item \`${p.text}\` in kernel code`, range: span(p), help });
      }
    }
    for (const q of ['floatLiterals', 'suffixedInts'] as const) {
      for (const m of matches(q)) {
        const lit = m.captures[0].node;
        if (skip(lit)) continue;
        ctx.report({ code: 'K0621', message: `floating-point literal \`${lit.text}\` in kernel code`, range: span(lit), help });
      }
    }
    for (const m of matches('floatMethods')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const method = m.captures.find((c) => c.name === 'm')!.node;
      if (local.defined.has(method.text) || skip(call)) continue; // a method the file defines itself
      ctx.report({ code: 'K0622', message: `\`.${method.text}()\` is a floating-point method`, range: span(method, call), help });
    }
  }
  formattedFloats(ctx);
}

/**
 * A call of the file's own float-returning function passed straight to a
 * formatting macro (`println!("{:.2}", std_dev(xs))`): the declaration is
 * reported as K0620, but the port also fails where the value is formatted,
 * since the kernel cannot format floats (K0623).
 */
function formattedFloats(ctx: FileContext): void {
  const { tree } = ctx;
  const floatFns = new Map<string, string>();
  for (const m of ctx.matches('floatFns')) {
    floatFns.set(m.captures.find((c) => c.name === 'name')!.node.text, m.captures.find((c) => c.name === 't')!.node.text);
  }
  formattedFloatValues(ctx);
  if (floatFns.size === 0) return;
  for (const r of codeRegions(tree)) {
    if (!r.host) continue;
    const mac = r.host.childForFieldName('macro')?.text ?? '';
    if (!FORMATTING.test(mac)) continue;
    for (const name of Object.keys(ARG_QUERIES)) {
      for (const m of regionMatches(ctx, r, ARG_QUERIES, name)) {
        const name = m.captures.find((c) => c.name === 'name')!.node;
        const call = m.captures.find((c) => c.name === 'call')!.node;
        const ty = floatFns.get(name.text);
        if (!ty || isTestCode(tree, anchor(call, r)) || shadowed(tree, call, r)) continue;
        ctx.report({
          code: 'K0623',
          message: `\`${mac}!\` formats \`${call.text}\`, a \`${ty}\`: the kernel cannot format floats`,
          range: { start: call.startIndex + r.shift, end: call.endIndex + r.shift },
          help: 'format an integer instead: a fixed-point value split into whole and fractional parts (`{}.{:02}`)',
        });
      }
    }
  }
}

/**
 * A variable or field of a float type formatted by a macro (`println!("{y}")`
 * after `let (x, y) = (1, 6.4);`): the declaration is reported (K0620/K0621),
 * often lines away, and the port fails again where the value is formatted
 * (K0623). A literal argument is reported where it stands (K0621), and a call
 * of the file's own float function by the loop above.
 */
function formattedFloatValues(ctx: FileContext): void {
  const { tree } = ctx;
  let resolver: Resolver | undefined;
  for (const r of codeRegions(tree)) {
    if (!r.host || !r.tt) continue;
    const head = /([A-Za-z_][\w:]*)\s*!\s*$/.exec(ctx.text.slice(Math.max(0, r.tt.start - 200), r.tt.start))?.[1] ?? '';
    const mac = FORMATTING.exec(head);
    if (!mac) continue;
    const fmtIndex = /^(write|writeln|dev_)/.test(mac[2]) ? 1 : 0;
    const call = formatCall(ctx.text, r, fmtIndex);
    if (!call || isTestCode(tree, anchor(r.root, r))) continue;
    resolver ??= fileResolver(ctx);
    const at = resolver.at(r.host);
    for (const v of call.values) {
      if (!/^(identifier|field_expression|reference_expression|unary_expression|parenthesized_expression|self)$/.test(v.node.type)) continue;
      const t = valueType(at, v.node);
      if (t.k !== 'prim' || (t.name !== 'f32' && t.name !== 'f64')) continue;
      ctx.report({
        code: 'K0623',
        message: `\`${head}!\` formats \`${v.text}\`, a \`${t.name}\`: the kernel cannot format floats`,
        range: v.range,
        help: 'format an integer instead: a fixed-point value split into whole and fractional parts (`{}.{:02}`)',
      });
    }
  }
}

export const checkFloats: FileTransform = {
  id: 'check-floats',
  scope: 'file',
  summary: 'Report floating-point types, literals and methods, which kernel code cannot use.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  applies: (text) => FLOAT_HINT.test(text),
  queries: QUERIES,
  // The macro arguments codeRegions reads (src/analysis/macroargs.ts) join the phase's walk.
  uses: [MACROS_QUERY],
  run,
  codes: [
    {
      code: 'K0620',
      severity: 'error',
      title: 'floating-point type in kernel code',
      explanation: `Kernel code runs without its FPU state saved, and the kernel's Rust target
disables the float registers: float arithmetic either does not build or
corrupts user-space state. Use integers: fixed-point values (scaled by a power
of two or ten) or integer ratios.

Before:
    fn average(sum: u64, n: u64) -> f64 { sum as f64 / n as f64 }
After:
    /// Average in hundredths.
    fn average_x100(sum: u64, n: u64) -> Option<u64> { (sum * 100).checked_div(n) }`,
    },
    {
      code: 'K0621',
      severity: 'error',
      title: 'floating-point literal in kernel code',
      explanation: `A float literal makes a float value, which kernel code cannot use (see K0620).
Scale the constant to an integer.

Before:
    const GAIN: f32 = 1.25;
    let y = x as f32 * GAIN;
After:
    const GAIN_X100: u32 = 125;
    let y = x * GAIN_X100 / 100;`,
    },
    {
      code: 'K0622',
      severity: 'error',
      title: 'floating-point method in kernel code',
      explanation: `Methods such as \`sqrt\`, \`powf\`, \`sin\` or \`floor\` exist only on floats (see
K0620). Use an integer algorithm (\`u64::isqrt\`, \`u32::pow\`, lookup tables,
\`div_ceil\`). A method of the same name that the file defines itself is not
reported.

Before:
    let side = (area as f64).sqrt() as u32;
After:
    let side = area.isqrt();`,
    },
    {
      code: 'K0623',
      severity: 'error',
      title: 'a float formatted by a print or format macro',
      explanation: `The value of a function that returns \`f32\`/\`f64\`, or a variable or field
declared as (or initialised with) a float, is passed to \`println!\`, \`format!\`,
\`pr_info!\` or another formatting macro. Besides the float itself (K0620/K0621 where
it is declared), the kernel cannot format it: \`core\` is built without
float formatting, and on mainline \`pr_*!\` arguments must implement the
kernel's own \`Display\`, which floats do not. Return a fixed-point integer and
print its whole and fractional parts.

Before:
    fn mean(xs: &[i64]) -> f64 { .. }
    println!("mean: {:.2}", mean(&xs));
After:
    /// Mean in hundredths.
    fn mean_x100(xs: &[i64]) -> i64 { .. }
    let m = mean_x100(&xs);
    pr_info!("mean: {}.{:02}\\n", m / 100, (m % 100).abs());`,
    },
  ],
};
