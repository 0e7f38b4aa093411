// time-api: the file's std Instants (`Instant::now()`, paths, types) and the
// plan that converts them all or reports what blocks.
import { fileRange } from '../../src/analysis/macroargs.ts';
import { codeUses, intoSlot, isInstantExpr, key, slotUses, strip, typeSlot } from '../../src/analysis/instant-flow.ts';
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { stdItem, type Bindings } from './bindings.ts';
import { block, inRawTokens, isCallNoArgs, letBinding, methodCall, occurrences, rangeOf, up, type Plan, type Site } from './plan.ts';
import { checkInflows, chooseDeltas, slotsOf } from './slots.ts';
import { span } from './span.ts';

export interface InstantSites {
  /** Instant::now() calls. */
  nows: Site[];
  /** Qualified std paths to Instant in code (for reports when the profile has no clock). */
  paths: Site[];
  /** `Instant` written as the type of a struct field, a parameter, a return or a `let` (when the profile has a type for it). */
  types: Site[];
  blockers: Site[];
}

export function instantSites(ctx: FileContext, b: Bindings, typed: boolean): InstantSites {
  const out: InstantSites = { nows: [], paths: [], types: [], blockers: [] };
  for (const { node: id, r } of codeUses(ctx, ['Instant', ...b.instant])) {
    const parent = id.parent;
    let path: SyntaxNode = id;
    if ((parent?.type === 'scoped_identifier' || parent?.type === 'scoped_type_identifier') && parent.childForFieldName('name')?.id === id.id) {
      if (id.text !== 'Instant' || stdItem(parent, b, 'time') !== 'Instant') continue;
      path = parent;
      out.paths.push({ node: path, r });
    } else if (!b.instant.has(id.text)) continue;
    else if (parent?.type === 'field_expression' && parent.childForFieldName('field')?.id === id.id) continue;
    if (inRawTokens(path)) {
      out.blockers.push({ node: path, r });
      continue;
    }
    const s = path.parent;
    const call = s?.parent;
    if (s?.type === 'scoped_identifier' && s.childForFieldName('path')?.id === path.id && s.childForFieldName('name')?.text === 'now' && isCallNoArgs(call ?? null) && call!.childForFieldName('function')?.id === s.id) {
      out.nows.push({ node: call!, r });
    } else if (typed && r.shift === 0 && (path.type === 'type_identifier' || path.type === 'scoped_type_identifier') && typeSlot(path)) {
      out.types.push({ node: path, r });
    } else out.blockers.push({ node: path, r });
  }
  return out;
}

export function planInstants(p: Plan, sites: InstantSites): Site[] {
  const tracked: { name: string; from: number; to: number; site: Site }[] = [];
  const nowEdits: Site[] = [];
  for (const s of sites.blockers) {
    const asType = s.node.type === 'type_identifier' || s.node.type === 'scoped_type_identifier';
    const what = asType
      ? p.api.instantType
        ? `\`${s.node.text}\` is part of a type here (\`Option<Instant>\`, \`&Instant\`, a tuple field, a trait method, ...), which kport does not follow (it follows an Instant written directly as a struct field, parameter, return or \`let\` type)`
        : `\`${s.node.text}\` is a type here (a field, parameter or return type), which other code sees`
      : `\`${s.node.text}\` here is not \`Instant::now()\` bound to a local`;
    block(p, s, `${what}: kport converts a file's std Instants only when it can follow every one`, `port it by hand (the kernel type is ${p.api.nowNames.length > 1 ? '`kernel::time::Instant<kernel::time::Monotonic>`' : `\`kernel::time::${p.api.nowNames[0]}\``}), or keep instants local to a function (\`let t = Instant::now();\` ... \`t.elapsed()\`)`);
  }
  if (p.api.instantType) p.slots = slotsOf(p, sites);
  const slotLocals = [...(p.slots?.locals ?? [])];
  const assigns: Site[] = [];
  for (const s of sites.nows) {
    const n = up(s.node);
    const parent = n.parent;
    const bound = letBinding(n, s.r);
    if (bound) {
      tracked.push({ ...bound, site: s });
      p.slots?.locals.push(bound);
      nowEdits.push(s);
      continue;
    }
    if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === n.id && parent.childForFieldName('left')?.type === 'identifier') {
      assigns.push({ node: parent.childForFieldName('left')!, r: s.r });
      nowEdits.push(s);
      continue;
    }
    const mc = methodCall(n);
    if (mc && mc.name.text === 'elapsed' && isCallNoArgs(mc.call) && !p.api.elapsed) {
      nowEdits.push(s);
      span(p, { node: mc.call, r: s.r });
      continue;
    }
    if (intoSlot(p.slots, n, s.r, (x) => isInstantExpr(p.slots, x, s.r))) {
      nowEdits.push(s);
      continue;
    }
    block(p, s, 'the value of `Instant::now()` goes where kport cannot follow it', 'bind it to a local first: `let t = Instant::now();`');
  }
  const names = new Set(tracked.map((t) => t.name));
  for (const a of assigns) {
    const at = fileRange(a.node, a.r).start;
    if (![...tracked, ...slotLocals].some((t) => t.name === a.node.text && at >= t.from && at < t.to)) block(p, a, `\`${a.node.text}\` is assigned \`Instant::now()\` but kport did not see it bound to one`, 'bind it with `let` in the same block');
    else p.done.add(key(fileRange(a.node, a.r)));
  }
  // In text order, so `b - a` and `b.duration_since(a)` meet `b` before `a`.
  if (p.slots) chooseDeltas(p, p.slots);
  const uses = [...tracked, ...slotLocals].flatMap((t) => occurrences(p.ctx, t.name, t.from, t.to));
  if (p.slots) uses.push(...slotUses(p.ctx, p.slots));
  uses.sort((x, y) => rangeOf(x).start - rangeOf(y).start || rangeOf(y).end - rangeOf(x).end);
  for (const o of uses) {
    if (p.done.has(key(rangeOf(o)))) continue;
    instantUse(p, o, names);
  }
  if (p.slots) {
    const d = p.slots.delta;
    const spans = [...d.locals.flatMap((t) => occurrences(p.ctx, t.name, t.from, t.to)), ...slotUses(p.ctx, d)];
    spans.sort((x, y) => rangeOf(x).start - rangeOf(y).start || rangeOf(y).end - rangeOf(x).end);
    for (const o of spans) if (!p.done.has(key(rangeOf(o)))) span(p, o);
    checkInflows(p, p.slots);
  }
  return nowEdits;
}

/** One use of a tracked Instant binding. */
function instantUse(p: Plan, o: Site, names: Set<string>): void {
  const n = o.node;
  const tracked = (x: SyntaxNode | null | undefined) => (p.slots ? isInstantExpr(p.slots, x, o.r) : !!x && x.type === 'identifier' && names.has(x.text));
  if (inRawTokens(n)) {
    block(p, o, `\`${n.text}\` (a std Instant) is used inside a macro kport cannot read`, 'write the use as a plain expression');
    return;
  }
  const parent = n.parent;
  if ((parent?.type === 'let_declaration' && parent.childForFieldName('pattern')?.id === n.id) || parent?.type === 'closure_parameters' || parent?.type === 'parameter') {
    block(p, o, `\`${n.text}\` is bound again here; kport follows one binding per name`, 'rename one of the bindings');
    return;
  }
  const mc = methodCall(n);
  if (mc && mc.name.text === 'elapsed' && isCallNoArgs(mc.call)) {
    if (p.api.elapsed) p.kernel.replace(fileRange(mc.call, o.r), parens(mc.call, p.api.elapsed.replace('{t}', n.text)));
    span(p, { node: mc.call, r: o.r });
    return;
  }
  if (mc && mc.name.text === 'duration_since') {
    const args = mc.call.childForFieldName('arguments')!.namedChildren;
    if (args.length === 1 && tracked(args[0])) {
      p.done.add(key(fileRange(strip(args[0]), o.r)));
      p.kernel.replace(fileRange(mc.call, o.r), parens(mc.call, `${n.text} - ${args[0].text}`));
      span(p, { node: mc.call, r: o.r });
      return;
    }
  }
  if (parent?.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '-' && parent.childForFieldName('left')?.id === n.id && tracked(parent.childForFieldName('right'))) {
    p.done.add(key(fileRange(strip(parent.childForFieldName('right')!), o.r)));
    span(p, { node: parent, r: o.r });
    return;
  }
  if (p.slots && intoSlot(p.slots, up(n), o.r, (x) => isInstantExpr(p.slots, x, o.r))) return;
  // `x.field = value`: the value is checked (and reported) as what flows into the field.
  if (p.slots && parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === n.id && n.type === 'field_expression' && isInstantExpr(p.slots, n, o.r)) return;
  block(p, o, `\`${n.text}\` (a std Instant) is used here in a way kport does not convert`, 'use it only as `t.elapsed()`, `a - b` or `a.duration_since(b)` inside the function, or port it by hand');
}

/** A difference `a - b` written where `at` stood: parenthesised only where an operator or a method needs it. */
function parens(at: SyntaxNode, diff: string): string {
  const bare = diff.replace(/^\((.*)\)$/s, '$1');
  const p = at.parent;
  const tight = p && ['field_expression', 'binary_expression', 'unary_expression', 'type_cast_expression', 'reference_expression', 'try_expression', 'index_expression'].includes(p.type);
  return tight ? `(${bare})` : bare;
}
