import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * check-stack-arrays: report arrays of more than 1 KiB that live on the stack
 * (local variables and by-value parameters). Kernel stacks are 8–16 KiB for
 * the whole call chain.
 *
 *   let buf = [0u8; 4096];        → K0640
 */

const LIMIT = 1024;
// Only lets that can hold an array: an array type, or an `[x; N]` value.
const LETS = '[(let_declaration type: (array_type)) (let_declaration value: (array_expression length: (_)))] @let';
const PARAMS = '(parameter type: (array_type) @t) @param';
const CONSTS = '(const_item name: (identifier) @name value: (_) @value)';

const SIZES: Record<string, number> = {
  u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, char: 4, f32: 4,
  u64: 8, i64: 8, f64: 8, usize: 8, isize: 8, u128: 16, i128: 16,
};

type Consts = Map<string, SyntaxNode>;

/** The value of a constant integer expression, or undefined. */
function evalInt(n: SyntaxNode | null, consts: Consts, depth = 0): number | undefined {
  if (!n || depth > 8) return undefined;
  switch (n.type) {
    case 'integer_literal': {
      const t = n.text.replace(/_/g, '').replace(/(u|i)(8|16|32|64|128|size)$/, '');
      const v = /^0x/i.test(t) ? parseInt(t.slice(2), 16) : /^0o/i.test(t) ? parseInt(t.slice(2), 8) : /^0b/i.test(t) ? parseInt(t.slice(2), 2) : Number(t);
      return Number.isFinite(v) ? v : undefined;
    }
    case 'parenthesized_expression':
      return evalInt(n.namedChildren[0] ?? null, consts, depth + 1);
    case 'identifier':
      return evalInt(consts.get(n.text) ?? null, consts, depth + 1);
    case 'type_cast_expression':
      return evalInt(n.childForFieldName('value'), consts, depth + 1);
    case 'binary_expression': {
      const l = evalInt(n.childForFieldName('left'), consts, depth + 1);
      const r = evalInt(n.childForFieldName('right'), consts, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      switch (n.childForFieldName('operator')?.text) {
        case '*': return l * r;
        case '+': return l + r;
        case '-': return l - r;
        case '/': return r ? Math.floor(l / r) : undefined;
        case '<<': return l * 2 ** r;
        default: return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** Size in bytes of a type, when kport can know it. */
function typeSize(t: SyntaxNode | null, consts: Consts): number | undefined {
  if (!t) return undefined;
  if (t.type === 'primitive_type') return SIZES[t.text];
  if (t.type === 'reference_type' || t.type === 'pointer_type') return 8;
  if (t.type === 'array_type') {
    const len = evalInt(t.childForFieldName('length'), consts);
    const el = typeSize(t.childForFieldName('element'), consts);
    return len !== undefined && el !== undefined ? len * el : undefined;
  }
  return undefined;
}

/** Lower bound of the size of an array expression's value (an element of unknown type counts 1 byte). */
function valueSize(v: SyntaxNode | null, consts: Consts): number | undefined {
  if (!v || v.type !== 'array_expression') return undefined;
  const lenNode = v.childForFieldName('length');
  if (!lenNode) return undefined; // `[a, b, c]`: small by construction
  const len = evalInt(lenNode, consts);
  if (len === undefined) return undefined;
  const el = v.namedChildren.find((c) => c.id !== lenNode.id) ?? null;
  let elSize = 1;
  if (el?.type === 'array_expression') elSize = valueSize(el, consts) ?? 1;
  else if (el?.type === 'integer_literal') elSize = SIZES[/(u|i)(8|16|32|64|128|size)$/.exec(el.text)?.[0] ?? ''] ?? 1;
  else if (el?.type === 'boolean_literal') elSize = 1;
  else if (el?.type === 'float_literal') elSize = SIZES[/f(32|64)$/.exec(el.text)?.[0] ?? ''] ?? 4;
  return len * elSize;
}

function kib(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function run(ctx: FileContext): void {
  const { tree } = ctx;
  const consts: Consts = new Map();
  for (const m of ctx.matches('consts')) {
    consts.set(m.captures.find((c) => c.name === 'name')!.node.text, m.captures.find((c) => c.name === 'value')!.node);
  }
  for (const m of ctx.matches('lets')) {
    const let_ = m.captures[0].node;
    if (isTestCode(tree, let_)) continue;
    const type = let_.childForFieldName('type');
    const value = let_.childForFieldName('value');
    const size = typeSize(type, consts) ?? valueSize(value, consts);
    if (size === undefined || size <= LIMIT) continue;
    if (type && type.type !== 'array_type') continue;
    if (!type && value?.type !== 'array_expression') continue;
    const exact = typeSize(type, consts) !== undefined || valueSize(value, consts) === size;
    ctx.report({
      code: 'K0640',
      message: `local array of ${exact ? '' : 'at least '}${kib(size)} on the kernel stack`,
      node: type ?? value!,
      help: 'allocate it with `KBox::new([0u8; N], GFP_KERNEL)?` / `KVec::with_capacity(n, GFP_KERNEL)?`, or keep it in the module or device struct',
    });
  }
  for (const m of ctx.matches('params')) {
    const t = m.captures.find((c) => c.name === 't')!.node;
    if (isTestCode(tree, t)) continue;
    const size = typeSize(t, consts);
    if (size === undefined || size <= LIMIT) continue;
    ctx.report({
      code: 'K0640',
      message: `array parameter of ${kib(size)} passed by value on the kernel stack`,
      node: t,
      help: 'take it by reference (`&[u8; N]` or `&[u8]`)',
    });
  }
}

export const checkStackArrays: FileTransform = {
  id: 'check-stack-arrays',
  scope: 'file',
  summary: 'Report arrays larger than 1 KiB in local variables and by-value parameters.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  words: ['['],
  applies: (text) => text.includes(';'),
  queries: { consts: CONSTS, lets: LETS, params: PARAMS },
  run,
  codes: [
    {
      code: 'K0640',
      severity: 'warning',
      title: 'array larger than 1 KiB on the kernel stack',
      explanation: `Kernel stacks are 8–16 KiB for a whole call chain, and an overflow is fatal. Keep
large buffers off the stack: allocate them (\`KBox::new([0u8; N], GFP_KERNEL)?\`,
rust/kernel/alloc/kbox.rs), or keep them in the module or device struct, and
pass arrays by reference.

Before:
    let mut buf = [0u8; 4096];
After:
    let mut buf = KBox::new([0u8; 4096], GFP_KERNEL)?;`,
    },
  ],
};
