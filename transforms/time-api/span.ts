// time-api: elapsed times (a Delta/Ktime in the kernel) and the Duration
// constants they meet.
import { fileRange } from '../../src/analysis/macroargs.ts';
import { argsOf, intoSlot, isSpanExpr, key } from '../../src/analysis/instant-flow.ts';
import { TIME_CODES } from '../../src/kernel-api/time.ts';
import { stdItem } from './bindings.ts';
import { block, castI64, COMPARE, FORMAT_MACROS, inRawTokens, letBinding, methodCall, occurrences, PLAIN_INT, up, type Plan, type Site } from './plan.ts';
import { FLOAT_METHODS } from './queries.ts';

/** The elapsed time `e` (a Delta/Ktime in the kernel) used at `e`'s place. */
export function span(p: Plan, e: Site, depth = 0): void {
  const n = up(e.node);
  const parent = n.parent;
  const mc = methodCall(n);
  if (mc) {
    const m = mc.name.text;
    const mapped = p.api.methods[m];
    const site = { node: mc.call, r: e.r };
    if (mapped !== undefined) {
      if (mapped !== m) p.kernel.replace(fileRange(mc.name, e.r), mapped);
      intResult(p, site, m);
      return;
    }
    if (p.api.sameType.includes(m)) return;
    if (FLOAT_METHODS.includes(m)) {
      block(p, site, `\`.${m}()\` is floating point: kernel code has no floats`, `use \`.as_millis()\` or \`.as_nanos()\` (integers) on the ${p.api.spanTypeName}`, TIME_CODES.float);
      return;
    }
    const have = [...Object.keys(p.api.methods), ...p.api.sameType].map((x) => `\`.${x}()\``).join(', ');
    block(p, site, `\`.${m}()\` on an elapsed time has no kernel equivalent: ${p.api.spanTypeName} has ${have}`, `write it with ${have}; on 32-bit kernels a 64-bit division must go through the kernel's helpers (the reason ${p.api.spanTypeName} has \`as_millis\` and no \`as_secs\`)`);
    return;
  }
  if (parent?.type === 'binary_expression' && COMPARE.has(parent.childForFieldName('operator')?.text ?? '')) {
    const other = parent.childForFieldName('left')?.id === n.id ? parent.childForFieldName('right')! : parent.childForFieldName('left')!;
    if (durationCtor(p, { node: other, r: e.r })) return;
    if (other.type === 'identifier' && p.done.has(key(fileRange(other, e.r)))) return;
    block(p, { node: parent, r: e.r }, 'an elapsed time compared with something kport cannot convert', `compare with a ${p.api.span ? `\`${p.api.span.name}::from_millis(..)\`` : 'number of milliseconds (`.as_millis()`)'}`);
    return;
  }
  const bound = depth === 0 ? letBinding(n, e.r) : null;
  if (bound) {
    for (const o of occurrences(p.ctx, bound.name, bound.from, bound.to)) {
      if (inRawTokens(o.node)) {
        block(p, o, `\`${bound.name}\` (an elapsed time) is used inside a macro kport cannot read`, 'write the use as a plain expression');
        continue;
      }
      if (o.node.parent?.type === 'let_declaration' || o.node.parent?.type === 'closure_parameters') {
        block(p, o, `\`${bound.name}\` is bound again here; kport follows one binding per name`, 'rename one of the bindings');
        continue;
      }
      span(p, o, depth + 1);
    }
    return;
  }
  if (p.slots && intoSlot(p.slots.delta, n, e.r, (x) => isSpanExpr(p.slots, x, e.r))) return;
  // `x.field = value`: the value is checked (and reported) as what flows into the field.
  if (p.slots && parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === n.id && n.type === 'field_expression' && isSpanExpr(p.slots, n, e.r)) return;
  block(p, e, `the elapsed time here becomes a ${p.api.spanTypeName} in the kernel, not a \`Duration\`, and this use depends on its type`, 'keep the elapsed time local: compare it, print `.as_millis()`, or convert it explicitly');
}

/** A `.as_millis()`-like result: `i64` in the kernel, `u128` in std. Fine where the type cannot be seen. */
export function intResult(p: Plan, s: Site, method: string): void {
  const n = up(s.node);
  const parent = n.parent;
  if (parent?.type === 'type_cast_expression' && parent.childForFieldName('value')?.id === n.id) return;
  if (parent?.type === 'binary_expression') {
    const other = parent.childForFieldName('left')?.id === n.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
    if (other?.type === 'integer_literal' && PLAIN_INT.test(other.text)) return;
  }
  if (parent?.type === 'tuple_expression' && s.r.host && parent.parent?.type === 'expression_statement' && parent.parent.parent?.parent?.type === 'function_item') {
    const mac = s.r.host.childForFieldName('macro')?.text ?? '';
    if (FORMAT_MACROS.test(mac) && parent.namedChildren[0]?.id !== n.id) return;
  }
  block(p, s, `\`.${method}()\` returns \`i64\` in the kernel (\`u128\` in std), and this use depends on the type`, 'convert explicitly (`as u64`, `u64::try_from(..)`) or keep the value in `i64`');
}

/** `Duration::from_secs(5)` where a span is expected: rewritten to the kernel span type. False when it is not one. */
export function durationCtor(p: Plan, s: Site): boolean {
  const n = s.node;
  if (n.type !== 'call_expression') return false;
  const f = n.childForFieldName('function');
  if (!f || f.type !== 'scoped_identifier') return false;
  const ty = f.childForFieldName('path');
  const ctor = f.childForFieldName('name')?.text ?? '';
  if (!ty || stdItem(ty, p.b, 'time') !== 'Duration' || (ty.type === 'identifier' && !p.b.duration.has(ty.text))) return false;
  const args = argsOf(n);
  const spanApi = p.api.span;
  if (!spanApi || !spanApi.ctors.includes(ctor) || args.length !== 1) {
    block(p, s, `\`${f.text}(..)\` has no kernel equivalent here`, spanApi ? `the kernel's \`${spanApi.name}\` has ${spanApi.ctors.map((c) => `\`${c}\``).join(', ')} (i64 arguments)` : `this profile's ${p.api.spanTypeName} has no constructor from a duration: compare \`.as_millis()\` with a number of milliseconds`);
    return true;
  }
  p.kernel.replace(fileRange(ty, s.r), spanApi.name);
  p.names.add(spanApi.name);
  p.durations.add(key(fileRange(ty, s.r)));
  const arg = args[0];
  if (!PLAIN_INT.test(arg.text)) p.verbatim.replace(fileRange(arg, s.r), castI64(arg));
  return true;
}
