// time-api: the file's Instant- and Duration-typed slots (struct fields,
// parameters, returns, typed `let`s) that kport follows on a profile with an
// Instant type (the following itself: src/analysis/instant-flow.ts).
import { capturesOf } from '../../src/engine/queries.ts';
import { shadowed, type Region } from '../../src/analysis/macroargs.ts';
import { isTestCode } from '../../src/analysis/testcode.ts';
import { addSlot, derivesOf, eachInflow, emptySet, fnName, isInstantExpr, isSpanExpr, key, typeSlot, visibleElsewhere, type SlotSet, type Slots } from '../../src/analysis/instant-flow.ts';
import type { SyntaxNode } from '../../src/engine/types.ts';
import { stdItem } from './bindings.ts';
import { block, rangeOf, type Plan, type Site } from './plan.ts';
import type { InstantSites } from './instants.ts';

const ALLOWED_DERIVES = new Set(['Clone', 'Copy']);

/** How many functions of each name the file defines, and each struct field name's declared types. */
function fileShape(p: Plan): { fnCount: Map<string, number>; fieldTypes: Map<string, Set<string>> } {
  const fnCount = new Map<string, number>();
  for (const c of capturesOf(p.ctx.matches('fnNames'))) fnCount.set(c.node.text, (fnCount.get(c.node.text) ?? 0) + 1);
  const fieldTypes = new Map<string, Set<string>>();
  for (const m of p.ctx.matches('fields')) {
    const n = m.captures.find((c) => c.name === 'n')!.node.text;
    if (!fieldTypes.has(n)) fieldTypes.set(n, new Set());
    fieldTypes.get(n)!.add(m.captures.find((c) => c.name === 't')!.node.text);
  }
  return { fnCount, fieldTypes };
}

/** The file's Instant-typed slots; each type that cannot be followed is reported. */
export function slotsOf(p: Plan, sites: InstantSites): Slots {
  const ctx = p.ctx;
  const sl: Slots = { ...emptySet(), nows: new Set(sites.nows.map((s) => key(rangeOf(s)))), delta: emptySet() };
  const { fnCount, fieldTypes } = fileShape(p);
  const kernelType = `\`kernel::time::${p.api.instantType}\``;
  const hand = `port it by hand (the kernel type is ${kernelType.replace('<', '<kernel::time::')})`;
  for (const s of sites.types) {
    const slot = typeSlot(s.node)!;
    const why = slotProblem(p, slot, ALLOWED_DERIVES, fieldTypes, fnCount);
    if (why) {
      block(p, s, why.message.replace('{TYPE}', "the kernel's `Instant<Monotonic>`").replace('{HAS}', 'it implements only `Clone` and `Copy` for every clock (PartialEq/PartialOrd/Eq/Ord are derived, so bounded on the clock type; no Debug, Hash or Default; rust/kernel/time.rs)'), why.help.replace('{HAND}', hand));
      continue;
    }
    addSlot(sl, slot, s);
    p.kernel.replace(rangeOf(s), p.api.instantType!);
    p.durations.add(key(rangeOf(s)));
  }
  return sl;
}

/** `Duration` slots: followed (they become the span type) only when an elapsed time flows into one; a Duration that is only a value stays. */
export function chooseDeltas(p: Plan, sl: Slots): void {
  const ctx = p.ctx;
  const { fnCount, fieldTypes } = fileShape(p);
  if (p.api.span) {
    const cands: { s: Site; slot: SyntaxNode; set: SlotSet }[] = [];
    const root: Region = { root: ctx.tree.rootNode, shift: 0, text: ctx.text };
    // Type names that stand for Duration (pattern 0, picked out by name), and `x::Duration` (pattern 1).
    const found = ctx.matches('durationTypes').filter((m) => m.pattern === 1 || p.b.duration.has(m.captures[0].node.text));
    for (const c of capturesOf(found)) {
      if (c.name !== 't') continue;
      const t = c.node;
      if (t.type === 'type_identifier' && t.parent?.type === 'scoped_type_identifier') continue;
      if (t.type === 'scoped_type_identifier' && stdItem(t, p.b, 'time') !== 'Duration') continue;
      if (shadowed(ctx.tree, t, root) || isTestCode(ctx.tree, t)) continue;
      const slot = typeSlot(t);
      if (!slot || slotProblem(p, slot, DELTA_DERIVES, fieldTypes, fnCount)) continue;
      const one = emptySet();
      addSlot(one, slot, { node: t, r: root });
      cands.push({ s: { node: t, r: root }, slot, set: one });
    }
    // To a fixpoint: a slot fed by an elapsed time, or by a slot already chosen.
    const chosen = new Set<number>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const [i, c] of cands.entries()) {
        if (chosen.has(i)) continue;
        let fed = false;
        eachInflow(ctx, c.set, (x, r) => {
          if (x && isSpanExpr(sl, x, r)) fed = true;
        });
        if (fed) {
          chosen.add(i);
          addSlot(sl.delta, c.slot, c.s);
          changed = true;
        }
      }
    }
    for (const i of chosen) {
      const s = cands[i].s;
      p.kernel.replace(rangeOf(s), p.api.span.name);
      p.names.add(p.api.span.name);
      p.durations.add(key(rangeOf(s)));
    }
  }
}

const DELTA_DERIVES = new Set(['Clone', 'Copy', 'Debug', 'PartialEq', 'Eq', 'PartialOrd', 'Ord']);

/** Why a typed slot cannot be followed (message with {TYPE}/{HAS}, help with {HAND}), or null. */
export function slotProblem(p: Plan, slot: SyntaxNode, allowed: Set<string>, fieldTypes: Map<string, Set<string>>, fnCount: Map<string, number>): { message: string; help: string } | null {
  const escape = (what: string) => ({ message: `${what} is visible to other files, which kport does not follow: its type stays as written`, help: 'make it private to the file, or {HAND} in every file that uses it' });
  if (slot.type === 'field_declaration') {
    const name = slot.childForFieldName('name')!.text;
    const st = slot.parent!.parent!;
    const bad = derivesOf(st).filter((d) => !allowed.has(d));
    if (bad.length) return { message: `\`${st.childForFieldName('name')?.text}\` derives ${bad.map((d) => `\`${d}\``).join(', ')}, which {TYPE} does not give: {HAS}`, help: 'implement the trait by hand for the struct, or {HAND}' };
    if (visibleElsewhere(p.ctx, slot)) return escape(`the field \`${name}\``);
    if ((fieldTypes.get(name)?.size ?? 0) > 1) return { message: `another struct of this file has a field \`${name}\` of another type, and kport follows fields by name`, help: 'rename one of the fields, or {HAND}' };
    return null;
  }
  if (slot.type === 'parameter' || slot.type === 'function_item') {
    const fn = slot.type === 'function_item' ? slot : slot.parent!.parent!;
    const name = fnName(fn);
    const impl = fn.parent?.type === 'declaration_list' ? fn.parent.parent : null;
    if (impl?.type === 'impl_item' && impl.childForFieldName('trait')) return { message: `\`${name}\` implements a trait method, whose signature the trait fixes`, help: '{HAND}' };
    if (visibleElsewhere(p.ctx, fn)) return escape(`the function \`${name}\``);
    if ((fnCount.get(name) ?? 0) > 1) return { message: `the file has several functions named \`${name}\`, and kport follows calls by name`, help: 'rename one of them, or {HAND}' };
  }
  return null;
}

/** Every value that flows into a followed slot must itself be a followed Instant. */
export function checkInflows(p: Plan, sl: Slots): void {
  eachInflow(p.ctx, sl, (x, r, what) => {
    if (!x || isInstantExpr(p.slots, x, r)) return;
    block(p, { node: x, r }, `${what} gets a value kport cannot follow as an Instant`, 'give it `Instant::now()`, another followed Instant, or port it by hand');
  });
  eachInflow(p.ctx, sl.delta, (x, r, what) => {
    if (!x || isSpanExpr(p.slots, x, r)) return;
    block(p, { node: x, r }, `${what} holds elapsed times (a ${p.api.spanTypeName} in the kernel) and gets a value here kport cannot follow as one`, 'give it only elapsed times (`t.elapsed()`, `a - b`), or port it by hand');
  });
  const root: Region = { root: p.ctx.tree.rootNode, shift: 0, text: p.ctx.text };
  // `let Lap { start, .. } = lap;` binds the field to a name kport does not follow.
  for (const c of capturesOf(p.ctx.matches('fieldPatterns'))) {
    const f = c.node.childForFieldName('name');
    if (f && (sl.fields.has(f.text) || sl.delta.fields.has(f.text)) && !isTestCode(p.ctx.tree, c.node)) block(p, { node: c.node, r: root }, `the pattern binds the followed field \`${f.text}\` to a name kport does not follow`, 'read it as `x.field` instead, or port it by hand');
  }
}
