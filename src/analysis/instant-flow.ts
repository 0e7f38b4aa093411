// Instant tracking (time-api): which expressions of a file hold a std
// `Instant` (or an elapsed time) that kport follows. Inside a function a
// `let` bound to `Instant::now()` is followed by its uses; across the file's
// items a struct field, a parameter, a return type or a typed `let` written
// `Instant` (a "slot") is followed by name: `isInstantExpr`/`isSpanExpr`
// say whether an expression is a followed Instant / elapsed time, `intoSlot`
// whether a value lands in a followed slot, `eachInflow` lists every value that
// flows into one and `slotUses` every read of one. Read-only: the transform
// (transforms/time-api/) decides what becomes an edit and what a report.
import { declareQueries, query } from '../engine/queries.ts';
import { anchor, codeRegions, fileRange, shadowed, type Region } from './macroargs.ts';
import { isTestCode } from './testcode.ts';
import type { FileContext, SyntaxNode } from '../engine/types.ts';

const QUERIES = declareQueries(
  'instant-flow',
  {
    mods: '(mod_item name: (identifier)) @m',
    fieldInits: '(field_initializer field: (field_identifier) @f value: (_) @v)',
    shorthands: '(shorthand_field_initializer (identifier) @f)',
    fieldAssigns: '(assignment_expression left: (field_expression field: (field_identifier) @f) right: (_) @v)',
    argCalls: '(call_expression arguments: (arguments)) @call',
    returns: '(return_expression (_) @v) @r',
    fields: '(field_expression field: (field_identifier) @f) @e',
    calls: '(call_expression) @call',
  },
  { returns: 'r' },
);

/** A node and the region (file or macro argument) its tree belongs to. */
export interface Site {
  node: SyntaxNode;
  r: Region;
}

/** A range as a map key. */
export const key = (r: { start: number; end: number }) => `${r.start}:${r.end}`;

export function argsOf(call: SyntaxNode): SyntaxNode[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
}

export function strip(n: SyntaxNode): SyntaxNode {
  let x = n;
  while (x.type === 'parenthesized_expression' && x.namedChildCount === 1) x = x.namedChildren[0];
  return x;
}

export function fnName(fn: SyntaxNode): string {
  return fn.childForFieldName('name')?.text ?? '';
}

/** The function a call names (`f(..)`, `X::f(..)`, `x.f(..)`), by name. */
export function calleeName(call: SyntaxNode): string | undefined {
  const f = call.childForFieldName('function');
  if (!f) return undefined;
  if (f.type === 'identifier') return f.text;
  if (f.type === 'scoped_identifier') return f.childForFieldName('name')?.text;
  if (f.type === 'field_expression') return f.childForFieldName('field')?.text;
  return undefined;
}

export function enclosingFn(n: SyntaxNode): SyntaxNode | null {
  for (let a = n.parent; a; a = a.parent) {
    if (a.type === 'closure_expression') return null;
    if (a.type === 'function_item') return a;
  }
  return null;
}

/** Where a type written as `Instant` may be followed: the slot it types, or null. */
export function typeSlot(path: SyntaxNode): SyntaxNode | null {
  const p = path.parent;
  if (!p) return null;
  const is = (t: string, field: string) => p.type === t && p.childForFieldName(field)?.id === path.id;
  if (is('field_declaration', 'type') && p.parent?.type === 'field_declaration_list' && p.parent.parent?.type === 'struct_item') return p;
  if (is('parameter', 'type') && p.childForFieldName('pattern')?.type === 'identifier' && p.parent?.parent?.type === 'function_item') return p;
  if (is('function_item', 'return_type')) return p;
  if (is('let_declaration', 'type') && p.childForFieldName('pattern')?.type === 'identifier' && p.childForFieldName('value') && !p.childForFieldName('alternative') && p.parent?.type === 'block') return p;
  return null;
}

/**
 * Identifiers and type identifiers spelled as one of `names` in code, macro
 * arguments included: not in `use` declarations, not in test code, not shadowed
 * by a local binding. Each comes with the region its node belongs to.
 */
export function* codeUses(ctx: FileContext, names: string[]): Generator<Site> {
  const alt = [...new Set(names)].join('|');
  const q = `((identifier) @id (#match? @id "^(${alt})$")) ((type_identifier) @id (#match? @id "^(${alt})$"))`;
  for (const r of codeRegions(ctx.tree)) {
    if (!names.some((n) => r.text.includes(n))) continue;
    for (const c of query(q).captures(r.root)) {
      const id = c.node;
      if (shadowed(ctx.tree, id, r) || isTestCode(ctx.tree, anchor(id, r))) continue;
      let inUse = false;
      for (let a = id.parent; a; a = a.parent) if (a.type === 'use_declaration') inUse = true;
      if (!inUse) yield { node: id, r };
    }
  }
}

/**
 * Instants that cross a function or live in a struct, followed across the
 * file's items: a struct field, a parameter, a return type or a `let`
 * annotation written `Instant` becomes the kernel type when every value that
 * flows into it is an Instant kport follows and every use of it converts.
 */
export interface SlotSet {
  /** Field names of the file's structs typed `Instant` (or, in `delta`, `Duration`). */
  fields: Set<string>;
  /** Function name → indexes (self excluded) of its parameters typed `Instant`. */
  params: Map<string, Set<number>>;
  /** Names of the file's functions returning `Instant`. */
  rets: Set<string>;
  retFns: SyntaxNode[];
  /** Bindings that hold a followed Instant: `let t = Instant::now();`, `let t: Instant = ..`, a parameter. */
  locals: { name: string; from: number; to: number }[];
  /** `let t: Instant = VALUE` declarations (ranges). */
  typedLets: Set<string>;
}

export interface Slots extends SlotSet {
  /** Ranges of the `Instant::now()` calls. */
  nows: Set<string>;
  /** `Duration` slots that hold elapsed times: they become the kernel span type. */
  delta: SlotSet;
}

export const emptySet = (): SlotSet => ({ fields: new Set(), params: new Map(), rets: new Set(), retFns: [], locals: [], typedLets: new Set() });

export function derivesOf(item: SyntaxNode): string[] {
  const out: string[] = [];
  for (let s = item.previousNamedSibling; s && (s.type === 'attribute_item' || s.type === 'line_comment' || s.type === 'block_comment'); s = s.previousNamedSibling) {
    const m = /^#\[\s*derive\s*\(([^)]*)\)\s*\]$/s.exec(s.text);
    if (m) out.push(...m[1].split(',').map((x) => x.trim().replace(/^.*::/, '')).filter(Boolean));
  }
  return out;
}

/**
 * Whether an item can be seen from another file (or crate): a private one from
 * the files of the modules this file declares (`mod x;`), a `pub` one from any
 * file unless this file is a binary's root with no module files.
 */
export function visibleElsewhere(ctx: FileContext, item: SyntaxNode): boolean {
  if (QUERIES.captures('mods', ctx.tree.rootNode).some((c) => !c.node.childForFieldName('body'))) return true;
  if (!item.namedChildren.some((c) => c.type === 'visibility_modifier')) return false;
  return !ctx.isCrateRoot || /(^|\/)lib\.rs$/.test(ctx.path);
}

/** Whether `x` is a std Instant kport follows (and will convert with the rest). */
export function isInstantExpr(sl: Slots | undefined, x: SyntaxNode | null | undefined, r: Region): boolean {
  if (!x || !sl) return false;
  const n = strip(x);
  const at = fileRange(n, r);
  if (n.type === 'call_expression') {
    if (sl.nows.has(key(at))) return true;
    const name = calleeName(n);
    return !!name && sl.rets.has(name);
  }
  if (n.type === 'identifier') return sl.locals.some((l) => l.name === n.text && at.start >= l.from && at.start < l.to);
  if (n.type === 'field_expression') return sl.fields.has(n.childForFieldName('field')?.text ?? '');
  return false;
}

/**
 * Whether the value `n` (parentheses skipped) stands where a slot of `sl`
 * receives it; `isExpr` says whether the other side of an assignment is followed.
 */
export function intoSlot(sl: SlotSet | undefined, n: SyntaxNode, r: Region, isExpr: (x: SyntaxNode | null) => boolean): boolean {
  const parent = n.parent;
  if (!sl || !parent) return false;
  if (parent.type === 'field_initializer' && parent.childForFieldName('value')?.id === n.id) return sl.fields.has(parent.childForFieldName('field')?.text ?? '');
  if (parent.type === 'shorthand_field_initializer') return sl.fields.has(n.text);
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === n.id) return isExpr(parent.childForFieldName('left'));
  if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.id === n.id) return isExpr(parent.childForFieldName('right'));
  if (parent.type === 'let_declaration' && parent.childForFieldName('value')?.id === n.id) return sl.typedLets.has(key(fileRange(parent, r)));
  if (parent.type === 'arguments' && parent.parent?.type === 'call_expression') {
    const name = calleeName(parent.parent);
    const idx = argsOf(parent.parent).findIndex((a) => a.id === n.id);
    return !!name && !!sl.params.get(name)?.has(idx);
  }
  if (parent.type === 'return_expression') {
    const fn = enclosingFn(parent);
    return !!fn && sl.rets.has(fnName(fn));
  }
  if (parent.type === 'block' && parent.parent?.type === 'function_item' && parent.parent.childForFieldName('body')?.id === parent.id && parent.lastNamedChild?.id === n.id) return sl.rets.has(fnName(parent.parent));
  return false;
}

export function addSlot(sl: SlotSet, slot: SyntaxNode, s: Site): void {
  if (slot.type === 'field_declaration') sl.fields.add(slot.childForFieldName('name')!.text);
  else if (slot.type === 'function_item') {
    sl.rets.add(fnName(slot));
    sl.retFns.push(slot);
  } else if (slot.type === 'parameter') {
    const fn = slot.parent!.parent!;
    const name = fnName(fn);
    const idx = fn.childForFieldName('parameters')!.namedChildren.filter((c) => c.type === 'parameter').findIndex((c) => c.id === slot.id);
    if (!sl.params.has(name)) sl.params.set(name, new Set());
    sl.params.get(name)!.add(idx);
    const body = fn.childForFieldName('body');
    if (body) sl.locals.push({ name: slot.childForFieldName('pattern')!.text, from: body.startIndex, to: body.endIndex });
  } else {
    sl.typedLets.add(key(fileRange(slot, s.r)));
    sl.locals.push({ name: slot.childForFieldName('pattern')!.text, from: slot.endIndex, to: slot.parent!.endIndex });
  }
}

/** Whether `x` is an elapsed time kport follows: `t.elapsed()`, `a - b`, `a.duration_since(b)` of followed Instants, or a followed Duration slot. */
export function isSpanExpr(sl: Slots | undefined, x: SyntaxNode | null | undefined, r: Region): boolean {
  if (!x || !sl) return false;
  const n = strip(x);
  const d = sl.delta;
  const at = fileRange(n, r);
  if (n.type === 'call_expression') {
    const f = n.childForFieldName('function');
    const args = argsOf(n);
    if (f?.type === 'field_expression') {
      const m = f.childForFieldName('field')?.text;
      const recv = f.childForFieldName('value');
      if (m === 'elapsed' && args.length === 0 && isInstantExpr(sl, recv, r)) return true;
      if (m === 'duration_since' && args.length === 1 && isInstantExpr(sl, recv, r) && isInstantExpr(sl, args[0], r)) return true;
    }
    const name = calleeName(n);
    return !!name && d.rets.has(name);
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '-') return isInstantExpr(sl, n.childForFieldName('left'), r) && isInstantExpr(sl, n.childForFieldName('right'), r);
  if (n.type === 'identifier') return d.locals.some((l) => l.name === n.text && at.start >= l.from && at.start < l.to);
  if (n.type === 'field_expression') return d.fields.has(n.childForFieldName('field')?.text ?? '');
  return false;
}

/** Every value that flows into a slot of `sl`, with what it flows into (for messages). */
export function eachInflow(ctx: FileContext, sl: SlotSet, need: (x: SyntaxNode | null | undefined, r: Region, what: string) => void): void {
  if (!sl.fields.size && !sl.params.size && !sl.rets.size && !sl.typedLets.size) return;
  for (const r of codeRegions(ctx.tree)) {
    for (const m of QUERIES.matches('fieldInits', r.root)) {
      const f = m.captures.find((c) => c.name === 'f')!.node.text;
      if (sl.fields.has(f) && !isTestCode(ctx.tree, anchor(m.captures[0].node, r))) need(m.captures.find((c) => c.name === 'v')!.node, r, `the field \`${f}\``);
    }
    for (const c of QUERIES.captures('shorthands', r.root)) if (sl.fields.has(c.node.text) && !isTestCode(ctx.tree, anchor(c.node, r))) need(c.node, r, `the field \`${c.node.text}\``);
    for (const m of QUERIES.matches('fieldAssigns', r.root)) {
      const f = m.captures.find((c) => c.name === 'f')!.node.text;
      if (sl.fields.has(f) && !isTestCode(ctx.tree, anchor(m.captures[0].node, r))) need(m.captures.find((c) => c.name === 'v')!.node, r, `the field \`${f}\``);
    }
    for (const m of QUERIES.captures('argCalls', r.root)) {
      const name = calleeName(m.node);
      const idxs = name ? sl.params.get(name) : undefined;
      if (!idxs || isTestCode(ctx.tree, anchor(m.node, r))) continue;
      const args = argsOf(m.node);
      for (const i of idxs) need(args[i], r, `the parameter ${i + 1} of \`${name}\``);
    }
  }
  const root: Region = { root: ctx.tree.rootNode, shift: 0, text: ctx.text };
  for (const fn of sl.retFns) {
    const body = fn.childForFieldName('body');
    const tail = body?.lastNamedChild;
    if (tail && tail.type !== 'expression_statement' && !tail.type.endsWith('_item') && tail.type !== 'let_declaration') need(tail, root, `the result of \`${fnName(fn)}\``);
    if (!body) continue;
    for (const c of QUERIES.captures('returns', body)) if (c.name === 'v' && enclosingFn(c.node.parent!)?.id === fn.id) need(c.node, root, `the result of \`${fnName(fn)}\``);
  }
  for (const l of sl.typedLets) {
    const [start] = l.split(':').map(Number);
    const decl = ctx.tree.rootNode.descendantForIndex(start);
    let d: SyntaxNode | null = decl;
    while (d && d.type !== 'let_declaration') d = d.parent;
    if (d) need(d.childForFieldName('value'), root, `\`${d.childForFieldName('pattern')?.text}\``);
  }
}

/** Uses of followed fields and of calls to followed functions. */
export function slotUses(ctx: FileContext, sl: SlotSet): Site[] {
  const out: Site[] = [];
  if (!sl.fields.size && !sl.rets.size) return out;
  for (const r of codeRegions(ctx.tree)) {
    if (sl.fields.size) {
      for (const c of QUERIES.captures('fields', r.root)) {
        if (c.name !== 'e') continue;
        const f = c.node.childForFieldName('field')!;
        if (!sl.fields.has(f.text) || isTestCode(ctx.tree, anchor(c.node, r))) continue;
        // `x.f(..)` is a method call, not the field.
        const call = c.node.parent;
        if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === c.node.id) continue;
        out.push({ node: c.node, r });
      }
    }
    if (sl.rets.size) {
      for (const c of QUERIES.captures('calls', r.root)) {
        const name = calleeName(c.node);
        if (!name || !sl.rets.has(name) || isTestCode(ctx.tree, anchor(c.node, r))) continue;
        out.push({ node: c.node, r });
      }
    }
  }
  return out;
}
