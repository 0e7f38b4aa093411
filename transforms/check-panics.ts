import { isLineUnwrap } from '../src/analysis/input-loop.ts';
import { localNames } from '../src/analysis/localnames.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { MACROS_QUERY, anchor, codeRegions, regionMatches, shadowed } from '../src/analysis/macroargs.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { safeDivisor, safeIndex, type Place } from '../src/analysis/bounds.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * check-panics: report code that can panic. A panic in the kernel is an oops
 * that can take the machine down; kernel code returns an error instead.
 *
 *   let n = s.parse::<u32>().unwrap();   → K0601
 *   todo!()                              → K0602
 *   assert!(n > 0);                      → K0603
 *   let x = v[i];                        → K0604
 *   let q = total / count;               → K0605
 */

const METHODS = '(call_expression function: (field_expression field: (field_identifier) @m (#match? @m "^(unwrap|expect|unwrap_err|expect_err)$")) arguments: (arguments) @args) @call';
const MACROS = '(macro_invocation macro: (identifier) @name (#match? @name "^(panic|unreachable|todo|unimplemented|assert|assert_eq|assert_ne)$")) @call';
const MACROS_QUALIFIED = '(macro_invocation macro: (scoped_identifier path: (identifier) @root name: (identifier) @name) (#match? @root "^(std|core)$") (#match? @name "^(panic|unreachable|todo|unimplemented|assert|assert_eq|assert_ne)$")) @call';
const INDEX = '(index_expression) @ix';
const DIVISION = '(binary_expression operator: ["/" "%"] @op right: (_) @rhs) @expr';
const DIVISION_ASSIGN = '(compound_assignment_expr operator: ["/=" "%="] @op right: (_) @rhs) @expr';
// `const`/`static` initialisers and const generics are evaluated by the compiler: a panic there is a build error.
const CONST_CONTEXT = new Set(['const_item', 'static_item', 'const_block', 'array_type', 'type_arguments', 'const_parameter', 'enum_variant']);

function inConstContext(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (CONST_CONTEXT.has(n.type)) return true;
    if (n.type === 'function_item' || n.type === 'closure_expression') return false; // even a `const fn` runs at run time too
  }
  return false;
}

/** A divisor that is a literal, an UPPER_CASE constant, `size_of::<T>()`, or arithmetic on those. */
function isConstantDivisor(n: SyntaxNode): boolean {
  switch (n.type) {
    case 'integer_literal':
    case 'float_literal':
      return true;
    case 'parenthesized_expression':
      return n.namedChildren.length === 1 && isConstantDivisor(n.namedChildren[0]);
    case 'identifier':
      return /^[A-Z][A-Z0-9_]*$/.test(n.text);
    case 'scoped_identifier':
      return /^[A-Z][A-Z0-9_]*$/.test(n.childForFieldName('name')?.text ?? '');
    case 'type_cast_expression':
      return isConstantDivisor(n.childForFieldName('value')!);
    case 'binary_expression': {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return !!l && !!r && isConstantDivisor(l) && isConstantDivisor(r);
    }
    case 'call_expression':
      return /^(core::mem::|mem::)?(size_of|align_of)(::<.*>)?$/s.test(n.childForFieldName('function')?.text ?? '');
    default:
      return false;
  }
}

const FLOAT_TEXT = /\bas\s+f(32|64)\b|\bf(32|64)::|\d\.\d|\b\d+\.(?![.\w])|\d[eE][+-]?\d|\d(\.\d*)?_?f(32|64)\b|\.(sqrt|powf|powi|exp|ln|sin|cos|tan|floor|ceil|round|abs_sub|hypot)\(/;
const FLOAT_NAMES = `[
  (parameter pattern: (identifier) @n type: (primitive_type) @t)
  (let_declaration pattern: (identifier) @n type: (primitive_type) @t)
  (let_declaration pattern: (identifier) @n value: (float_literal) @t)
  (let_declaration pattern: (identifier) @n value: (type_cast_expression type: (primitive_type) @t))
]`;

interface FloatCache {
  /** The file's float declarations (FLOAT_NAMES): the parameter or `let` and the name it binds. */
  decls?: { start: number; end: number; name: string }[];
  /** By function: the names it declares as floats. */
  byFn: Map<number, Set<string>>;
}

/** Names a function declares as floats (parameters, typed lets, lets of float literals or `as f64`). */
function floatNames(ctx: FileContext, fn: SyntaxNode, cache: FloatCache): Set<string> {
  let names = cache.byFn.get(fn.id);
  if (!names) {
    cache.decls ??= ctx.matches('floatNames').flatMap((m) => {
      const t = m.captures.find((c) => c.name === 't')!.node;
      if (t.type !== 'float_literal' && !/^f(32|64)$/.test(t.text)) return [];
      const n = m.captures.find((c) => c.name === 'n')!.node;
      // The parameter or `let` (the pattern's root): inside the function when its range is.
      const decl = n.parent!;
      return [{ start: decl.startIndex, end: decl.endIndex, name: n.text }];
    });
    names = new Set(cache.decls.filter((d) => d.start >= fn.startIndex && d.end <= fn.endIndex).map((d) => d.name));
    cache.byFn.set(fn.id, names);
  }
  return names;
}

/** Whether a division is between floats, as far as the text shows: float division does not panic. */
function isFloatDivision(ctx: FileContext, expr: SyntaxNode, host: SyntaxNode, cache: FloatCache): boolean {
  if (FLOAT_TEXT.test(expr.text)) return true;
  let fn: SyntaxNode | null = host;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  if (!fn) return false;
  const names = floatNames(ctx, fn, cache);
  if (!names.size) return false;
  const ids = expr.text.match(/[A-Za-z_]\w*/g) ?? [];
  return ids.some((id) => names.has(id));
}

function run(ctx: FileContext): void {
  const floatCache: FloatCache = { byFn: new Map() };
  const { tree } = ctx;
  // Only needed when something matches; the query behind it is not free.
  let names: ReturnType<typeof localNames> | undefined;
  const local = { has: (n: string) => (names ??= localNames(tree)).has(n), defined: { has: (n: string) => (names ??= localNames(tree)).defined.has(n) } };
  let consts: Map<string, number> | undefined;
  for (const r of codeRegions(tree)) {
    const matches = (name: keyof typeof REGION_QUERIES) => regionMatches(ctx, r, REGION_QUERIES, name);
    const at = (n: SyntaxNode) => anchor(n, r);
    const skip = (n: SyntaxNode) => isTestCode(tree, at(n)) || shadowed(tree, n, r);
    const span = (a: SyntaxNode, b: SyntaxNode = a) => ({ start: a.startIndex + r.shift, end: b.endIndex + r.shift });
    const place: Place = { text: ctx.text, shift: r.shift, consts: (consts ??= fileConsts(ctx)), ...(r.host ? { host: r.host } : {}) };
    const panicky = /panic|unreachable|todo|unimplemented|assert/.test(r.text);
    const divides = /[/%]/.test(r.text);

    for (const m of /unwrap|expect/.test(r.text) ? matches('methods') : []) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node;
      if (skip(call)) continue;
      const argc = m.captures.find((c) => c.name === 'args')!.node.namedChildren.length;
      const wantArgs = name.text.startsWith('expect') ? 1 : 0;
      if (argc !== wantArgs) continue; // a user method of the same name with another shape
      // `--io miscdev` removes the line read of main's stdin loop (`let line = line.unwrap();`).
      if (ctx.crate.options.io === 'miscdev' && isLineUnwrap(call)) continue;
      ctx.report({
        code: 'K0601',
        message: `\`.${name.text}()\` panics on ${name.text.endsWith('_err') ? '`Ok`' : '`None`/`Err`'}`,
        range: span(name, call),
        help: 'handle the case and return an error (`.ok_or(EINVAL)?`, `?`, `match`); a panic in the kernel is an oops',
      });
    }

    for (const q of ['macros', 'macrosQualified'] as const) {
      for (const m of panicky ? matches(q) : []) {
        const call = m.captures.find((c) => c.name === 'call')!.node;
        const name = m.captures.find((c) => c.name === 'name')!.node.text;
        if (skip(call)) continue;
        const qualified = q === 'macrosQualified';
        if (!qualified && local.defined.has(name)) continue; // the file defines its own macro of that name
        if (inConstContext(at(call))) continue;
        if (name.startsWith('assert')) {
          ctx.report({
            code: 'K0603',
            message: `\`${name}!\` panics when the condition is false`,
            range: span(call),
            help: 'return an error when the condition fails, use `build_assert!` for a condition known at compile time, or move the check into a test',
          });
        } else {
          ctx.report({
            code: 'K0602',
            message: `\`${name}!\` panics`,
            range: span(call),
            help: name === 'unreachable' ? 'return an error (e.g. `Err(EINVAL)`) from this branch, or prove it cannot happen and say so in a comment' : 'return an error (`Err(EINVAL)`) instead of panicking',
          });
        }
      }
    }

    for (const m of r.text.includes('[') ? matches('index') : []) {
      const ix = m.captures[0].node;
      if (skip(ix) || inConstContext(at(ix))) continue;
      const target = ix.namedChildren[0];
      const index = ix.namedChildren[1];
      if (!target || !index || safeIndex(ix, place)) continue;
      ctx.report({
        code: 'K0604',
        message: `indexing \`${short(target.text)}[${short(index.text)}]\` panics when out of bounds`,
        range: span(ix),
        help: index.type === 'range_expression' ? `use \`${short(target.text)}.get(${short(index.text)})\` and handle \`None\`` : `use \`${short(target.text)}.get(${short(index.text)})\` and handle \`None\`, or check the bound just before`,
      });
    }

    for (const q of ['division', 'divisionAssign'] as const) {
      for (const m of divides ? matches(q) : []) {
        const expr = m.captures.find((c) => c.name === 'expr')!.node;
        const rhs = m.captures.find((c) => c.name === 'rhs')!.node;
        const opNode = m.captures.find((c) => c.name === 'op')!.node;
        const op = opNode.text;
        if (skip(expr) || inConstContext(at(expr)) || isConstantDivisor(rhs) || safeDivisor(rhs, place)) continue;
        if (isFloatDivision(ctx, expr, at(expr), floatCache)) continue; // float division does not panic; check-floats reports it
        ctx.report({
          code: 'K0605',
          message: `\`${op}\` by \`${short(rhs.text)}\` panics when it is zero`,
          range: span(opNode, rhs),
          help: `use \`checked_${op.startsWith('/') ? 'div' : 'rem'}(${short(rhs.text)})\` and return an error on \`None\`, or check for zero just before`,
        });
      }
    }
  }
}

const CONSTS = '(const_item name: (identifier) @n value: (integer_literal) @v)';
// What each region is asked (a macro's arguments too), then what only the file is.
const REGION_QUERIES = { methods: METHODS, macros: MACROS, macrosQualified: MACROS_QUALIFIED, index: INDEX, division: DIVISION, divisionAssign: DIVISION_ASSIGN };
const QUERIES = { ...REGION_QUERIES, floatNames: FLOAT_NAMES, consts: CONSTS };

/** The file's integer constants (`const N: usize = 64;`), for array lengths and loop bounds (src/analysis/bounds.ts). */
function fileConsts(ctx: FileContext): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const m of ctx.matches('consts')) {
    const name = m.captures.find((c) => c.name === 'n')!.node.text;
    const v = Number(m.captures.find((c) => c.name === 'v')!.node.text.replace(/_/g, '').replace(/[iu](8|16|32|64|128|size)$/, ''));
    // A name declared twice (in two modules) tells nothing.
    if (seen.has(name) || !Number.isSafeInteger(v)) out.delete(name);
    else out.set(name, v);
    seen.add(name);
  }
  return out;
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

export const checkPanics: FileTransform = {
  id: 'check-panics',
  scope: 'file',
  summary: 'Report calls, macros, indexing and divisions that can panic, outside tests.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  words: ['unwrap', 'expect', 'panic', 'unreachable', 'todo', 'unimplemented', 'assert', '[', '/', '%'],
  queries: QUERIES,
  // The macro arguments codeRegions reads (src/analysis/macroargs.ts) join the phase's walk.
  uses: [MACROS_QUERY],
  run,
  codes: [
    {
      code: 'K0601',
      severity: 'warning',
      title: '`unwrap`/`expect` panics in the kernel',
      explanation: `\`.unwrap()\` and \`.expect(..)\` panic on \`None\` or \`Err\`. In the kernel a panic is an
oops that can bring the machine down, so kernel code propagates an error
(\`kernel::error::Result\`, rust/kernel/error.rs) instead.

Before:
    let dev = devices.first().unwrap();
After:
    let dev = devices.first().ok_or(ENODEV)?;

Methods that do not panic (\`unwrap_or\`, \`unwrap_or_else\`, \`unwrap_or_default\`)
are not reported.`,
    },
    {
      code: 'K0602',
      severity: 'warning',
      title: '`panic!`/`unreachable!`/`todo!`/`unimplemented!` in kernel code',
      explanation: `These macros panic when reached, which in the kernel is an oops. Return an
error from the branch instead, or restructure so the branch cannot exist.

Before:
    _ => unreachable!("bad state"),
After:
    _ => return Err(EINVAL),`,
    },
    {
      code: 'K0603',
      severity: 'warning',
      title: '`assert!` outside tests panics in the kernel',
      explanation: `A failed \`assert!\`/\`assert_eq!\`/\`assert_ne!\` panics. Outside tests, check the
condition and return an error, or use the kernel's \`build_assert!\`
(rust/kernel/build_assert.rs) when the condition is known at compile time.
Asserts inside \`#[test]\`/\`#[cfg(test)]\` code and in \`const\` items are not reported.

Before:
    assert!(len <= MAX_LEN);
After:
    if len > MAX_LEN {
        return Err(EINVAL);
    }`,
    },
    {
      code: 'K0604',
      severity: 'note',
      title: 'indexing panics when the index is out of bounds',
      explanation: `\`v[i]\` and \`s[a..b]\` panic when out of bounds. Where the bound is not checked
just before, use \`get\` and handle \`None\`. Not reported where the code shows the
bound: \`w[1]\` on a \`windows(2)\` item, \`v[i]\` under \`if i < v.len()\` or in
\`for i in 0..v.len()\` with no write to \`i\` or \`v\` in between.

Before:
    let b = buf[pos];
After:
    let b = *buf.get(pos).ok_or(EINVAL)?;`,
    },
    {
      code: 'K0605',
      severity: 'note',
      title: 'integer division by a value that may be zero panics',
      explanation: `Integer \`/\` and \`%\` panic when the divisor is zero. Division by a literal, an
UPPER_CASE constant, \`n.max(1)\`, or a \`n\` checked non-zero just before
(\`if n != 0\`, \`if n == 0 { return ..; }\`) is not reported; anything else is. Use \`checked_div\` /
\`checked_rem\` and return an error, or check for zero just before.

Before:
    let avg = total / count;
After:
    let avg = total.checked_div(count).ok_or(EINVAL)?;`,
    },
  ],
};
