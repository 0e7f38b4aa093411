import { query } from '../src/engine/parse.ts';
import { removeLines, lineIndent } from '../src/rewrite/remove-lines.ts';
import { localNames } from '../src/analysis/localnames.ts';
import { anchor, codeRegions, fileRange, shadowed, type Region } from '../src/analysis/macroargs.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { pathSegs, renderUse, useLeaves, type UseLeaf } from '../src/rewrite/use-tree.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { TIME_CODES, type ClockApi, type TimeApi } from '../src/kernel-api/time.ts';
import type { CodeInfo, FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * time-api: std clocks and sleeps become the profile's kernel time API.
 *
 *   use std::time::{Duration, Instant};       use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};
 *   let t = Instant::now();              →    let t = Instant::<Monotonic>::now();
 *   thread::sleep(Duration::from_millis(5));   fsleep(Delta::from_millis(5));
 *   println!("{}", t.elapsed().as_millis());   println!("{}", t.elapsed().as_millis());
 *
 * Instants are followed inside one function: a `let` bound to `Instant::now()`
 * may be reassigned `Instant::now()`, asked `.elapsed()`, subtracted from or
 * given to `duration_since` of another such binding. The elapsed time may be
 * compared with a `Duration::from_*` constant, asked `.as_millis()`/`.as_nanos()`
 * where the kernel's `i64` cannot be told from std's `u128` (a format argument,
 * an `as` cast, a comparison with a literal) or bound to a `let` used the same
 * ways. On a profile with an Instant type (mainline), a struct field, a
 * parameter, a return type or a `let` annotation written `Instant` is followed
 * across the file's items (see `slotsOf`). Any other use of a std `Instant` in
 * the file (`Option<Instant>`, an item other files see, a `{:?}`) leaves every
 * Instant of the file as written and is reported.
 */

const USES = '(use_declaration argument: (_) @arg) @use';
const FORMAT_MACROS = /^(::)?((std|core|kernel)::)?(e?print(ln)?|pr_(info|err|warn|debug|notice|alert|crit|emerg|cont)|write(ln)?|format_args|format|panic|assert|assert_eq|assert_ne|debug_assert)$/;
const COMPARE = new Set(['<', '>', '<=', '>=', '==', '!=']);
const FLOAT_METHODS = ['as_secs_f64', 'as_secs_f32', 'as_millis_f64', 'as_millis_f32', 'mul_f64', 'mul_f32', 'div_f64', 'div_f32', 'div_duration_f64', 'div_duration_f32'];
const FLOAT_CTORS = ['from_secs_f64', 'from_secs_f32', 'try_from_secs_f64', 'try_from_secs_f32'];
const DURATION_CTORS = ['from_secs', 'from_millis', 'from_micros', 'from_nanos'];
const PLAIN_INT = /^[0-9][0-9_]*$/;

type Range = { start: number; end: number };

interface Bindings {
  /** Bare names that stand for std's Instant / Duration / SystemTime, UNIX_EPOCH / thread::sleep. */
  instant: Set<string>;
  duration: Set<string>;
  wall: Set<string>;
  sleep: Set<string>;
  /** Names of the std `time` / `thread` modules. */
  timeMod: Set<string>;
  threadMod: Set<string>;
  /** Use leaves, by what they import. */
  leaves: { decl: SyntaxNode; leaf: UseLeaf; what: 'instant' | 'duration' | 'wall' | 'sleep' | 'timeMod' | 'threadMod' }[];
}

function isStd(l: UseLeaf): boolean {
  return l.segs[0] === 'std' || l.segs[0] === 'core';
}

function bindings(ctx: FileContext): Bindings {
  const b: Bindings = { instant: new Set(), duration: new Set(), wall: new Set(), sleep: new Set(), timeMod: new Set(), threadMod: new Set(), leaves: [] };
  const defined = localNames(ctx.tree).defined;
  for (const m of query(USES).matches(ctx.tree.rootNode)) {
    const decl = m.captures.find((c) => c.name === 'use')!.node;
    for (const leaf of useLeaves(m.captures.find((c) => c.name === 'arg')!.node)) {
      if (!isStd(leaf)) continue;
      const s = leaf.segs;
      const core = s[0] === 'core';
      const name = leaf.alias ?? s[s.length - 1];
      const add = (what: Bindings['leaves'][number]['what'], set: Set<string>, n: string) => {
        if (defined.has(n)) return;
        set.add(n);
        b.leaves.push({ decl, leaf, what });
      };
      if (s[1] === 'time' && s.length === 3 && leaf.kind === 'name') {
        if (s[2] === 'Instant' && !core) add('instant', b.instant, name);
        else if (s[2] === 'Duration') add('duration', b.duration, name);
        else if ((s[2] === 'SystemTime' || s[2] === 'UNIX_EPOCH') && !core) add('wall', b.wall, name);
      } else if (s[1] === 'time' && s.length === 2 && !core) {
        if (leaf.kind === 'glob') {
          for (const n of ['Instant', 'SystemTime', 'UNIX_EPOCH', 'Duration']) if (!defined.has(n)) (n === 'Instant' ? b.instant : n === 'Duration' ? b.duration : b.wall).add(n);
        } else add('timeMod', b.timeMod, leaf.kind === 'self' ? (leaf.alias ?? 'time') : name);
      } else if (s[1] === 'thread' && !core) {
        if (s.length === 3 && s[2] === 'sleep' && leaf.kind === 'name') add('sleep', b.sleep, name);
        else if (s.length === 2 && leaf.kind === 'glob') {
          if (!defined.has('sleep')) b.sleep.add('sleep');
        } else if (s.length === 2) add('threadMod', b.threadMod, leaf.kind === 'self' ? (leaf.alias ?? 'thread') : name);
      }
    }
  }
  return b;
}

/** What a path node names: `std::time::X`, `time::X` (module import), or a bare imported name. */
function stdItem(n: SyntaxNode, b: Bindings, mod: 'time' | 'thread'): string | undefined {
  if (n.type === 'identifier' || n.type === 'type_identifier') return n.text;
  if (n.type !== 'scoped_identifier' && n.type !== 'scoped_type_identifier') return undefined;
  const p = n.childForFieldName('path');
  if (!p) return undefined;
  const segs = pathSegs(p).segs;
  const name = n.childForFieldName('name')?.text;
  const mods = mod === 'time' ? b.timeMod : b.threadMod;
  if ((segs.length === 2 && segs[0] === 'std' && segs[1] === mod) || (segs.length === 1 && mods.has(segs[0]))) return name;
  if (mod === 'time' && segs.length === 2 && segs[0] === 'core' && segs[1] === 'time') return name === 'Duration' ? name : undefined;
  return undefined;
}

interface Site {
  node: SyntaxNode;
  r: Region;
}

const rangeOf = (s: Site): Range => fileRange(s.node, s.r);

/** Skip parentheses upwards. */
function up(n: SyntaxNode): SyntaxNode {
  let p = n;
  while (p.parent?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

function isCallNoArgs(n: SyntaxNode | null): n is SyntaxNode {
  return !!n && n.type === 'call_expression' && (n.childForFieldName('arguments')?.namedChildCount ?? 1) === 0;
}

/** `recv.method()` where `n` is `recv`: the call, or null. */
function methodCall(n: SyntaxNode): { call: SyntaxNode; name: SyntaxNode } | null {
  const f = up(n).parent;
  if (!f || f.type !== 'field_expression' || f.childForFieldName('value')?.id !== up(n).id) return null;
  const call = f.parent;
  if (!call || call.type !== 'call_expression' || call.childForFieldName('function')?.id !== f.id) return null;
  return { call, name: f.childForFieldName('field')! };
}

interface Plan {
  ctx: FileContext;
  api: ClockApi;
  b: Bindings;
  /** `user`: the text is the user's code (an argument), never qualified. */
  edits: { range: Range; text: string; user?: boolean }[];
  blockers: { range: Range; code: string; message: string; help: string }[];
  /** `kernel::time` names the edits use. */
  names: Set<string>;
  /** Identifier occurrences already explained (argument of duration_since, left of an assignment, ...). */
  done: Set<string>;
  /** Ranges of Duration paths the plan rewrites (to know whether a Duration import is still used). */
  durations: Set<string>;
  /** Instant-typed slots followed across the file (profiles with an Instant type). */
  slots?: Slots;
}

const key = (r: Range) => `${r.start}:${r.end}`;

function block(p: Plan, s: Site, message: string, help: string, code: string = TIME_CODES.instantUse): void {
  p.blockers.push({ range: rangeOf(s), code, message, help });
}

/** Every occurrence of `name` (an identifier) in code, in all regions, inside [from, to). */
function occurrences(ctx: FileContext, name: string, from: number, to: number): Site[] {
  const out: Site[] = [];
  const q = `((identifier) @id (#eq? @id "${name}"))`;
  for (const r of codeRegions(ctx.tree)) {
    if (!r.text.includes(name)) continue;
    for (const c of query(q).captures(r.root)) {
      const at = c.node.startIndex + r.shift;
      if (at < from || at >= to) continue;
      if (shadowed(ctx.tree, c.node, r)) continue;
      // `x::name` names an item, `name!` a macro: not the local.
      const p = c.node.parent;
      if (p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier') && p.childForFieldName('name')?.id === c.node.id) continue;
      if (p?.type === 'macro_invocation') continue;
      out.push({ node: c.node, r });
    }
  }
  return out;
}

function inRawTokens(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'token_tree') return true;
  return false;
}

/** A binding `let NAME = <value>;` (no type, plain identifier): its scope in the file, or null. */
function letBinding(value: SyntaxNode, r: Region): { name: string; from: number; to: number } | null {
  const v = up(value);
  const decl = v.parent;
  if (!decl || decl.type !== 'let_declaration' || decl.childForFieldName('value')?.id !== v.id) return null;
  if (decl.childForFieldName('type') || decl.childForFieldName('alternative')) return null;
  const pat = decl.childForFieldName('pattern');
  if (!pat || pat.type !== 'identifier') return null;
  const blk = decl.parent;
  if (!blk || blk.type !== 'block') return null;
  return { name: pat.text, from: decl.endIndex + r.shift, to: blk.endIndex + r.shift };
}

/** The elapsed time `e` (a Delta/Ktime in the kernel) used at `e`'s place. */
function span(p: Plan, e: Site, depth = 0): void {
  const n = up(e.node);
  const parent = n.parent;
  const mc = methodCall(n);
  if (mc) {
    const m = mc.name.text;
    const mapped = p.api.methods[m];
    const site = { node: mc.call, r: e.r };
    if (mapped !== undefined) {
      if (mapped !== m) p.edits.push({ range: fileRange(mc.name, e.r), text: mapped });
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
  if (p.slots && intoSlot(p, n, e.r, p.slots.delta, (x) => isSpanExpr(p, x, e.r))) return;
  // `x.field = value`: the value is checked (and reported) as what flows into the field.
  if (p.slots && parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === n.id && n.type === 'field_expression' && isSpanExpr(p, n, e.r)) return;
  block(p, e, `the elapsed time here becomes a ${p.api.spanTypeName} in the kernel, not a \`Duration\`, and this use depends on its type`, 'keep the elapsed time local: compare it, print `.as_millis()`, or convert it explicitly');
}

/** A `.as_millis()`-like result: `i64` in the kernel, `u128` in std. Fine where the type cannot be seen. */
function intResult(p: Plan, s: Site, method: string): void {
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
function durationCtor(p: Plan, s: Site): boolean {
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
  p.edits.push({ range: fileRange(ty, s.r), text: spanApi.name });
  p.names.add(spanApi.name);
  p.durations.add(key(fileRange(ty, s.r)));
  const arg = args[0];
  if (!PLAIN_INT.test(arg.text)) p.edits.push({ range: fileRange(arg, s.r), text: castI64(arg), user: true });
  return true;
}

function argsOf(call: SyntaxNode): SyntaxNode[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
}

function castI64(arg: SyntaxNode): string {
  // `x as u64` becomes `x as i64`: the same value for every count of units that fits.
  if (arg.type === 'type_cast_expression') return `${arg.childForFieldName('value')!.text} as i64`;
  const simple = ['identifier', 'field_expression', 'call_expression', 'integer_literal', 'scoped_identifier', 'index_expression', 'parenthesized_expression'].includes(arg.type);
  return simple ? `${arg.text} as i64` : `(${arg.text}) as i64`;
}

// ---------------------------------------------------------------- Instant

interface InstantSites {
  /** Instant::now() calls. */
  nows: Site[];
  /** Qualified std paths to Instant in code (for reports when the profile has no clock). */
  paths: Site[];
  /** `Instant` written as the type of a struct field, a parameter, a return or a `let` (when the profile has a type for it). */
  types: Site[];
  blockers: Site[];
}

/** Where a type written as `Instant` may be followed: the slot it types, or null. */
function typeSlot(path: SyntaxNode): SyntaxNode | null {
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
function* codeUses(ctx: FileContext, names: string[]): Generator<{ node: SyntaxNode; r: Region }> {
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

function instantSites(ctx: FileContext, b: Bindings, typed: boolean): InstantSites {
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

/**
 * Instants that cross a function or live in a struct, followed across the
 * file's items: a struct field, a parameter, a return type or a `let`
 * annotation written `Instant` becomes the kernel type when every value that
 * flows into it is an Instant kport follows and every use of it converts.
 */
interface SlotSet {
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

interface Slots extends SlotSet {
  /** Ranges of the `Instant::now()` calls. */
  nows: Set<string>;
  /** `Duration` slots that hold elapsed times: they become the kernel span type. */
  delta: SlotSet;
}

const emptySet = (): SlotSet => ({ fields: new Set(), params: new Map(), rets: new Set(), retFns: [], locals: [], typedLets: new Set() });

const ALLOWED_DERIVES = new Set(['Clone', 'Copy']);

function derivesOf(item: SyntaxNode): string[] {
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
function visibleElsewhere(ctx: FileContext, item: SyntaxNode): boolean {
  if (query('(mod_item name: (identifier)) @m').captures(ctx.tree.rootNode).some((c) => !c.node.childForFieldName('body'))) return true;
  if (!item.namedChildren.some((c) => c.type === 'visibility_modifier')) return false;
  return !ctx.isCrateRoot || /(^|\/)lib\.rs$/.test(ctx.path);
}

function fnName(fn: SyntaxNode): string {
  return fn.childForFieldName('name')?.text ?? '';
}

/** The function a call names (`f(..)`, `X::f(..)`, `x.f(..)`), by name. */
function calleeName(call: SyntaxNode): string | undefined {
  const f = call.childForFieldName('function');
  if (!f) return undefined;
  if (f.type === 'identifier') return f.text;
  if (f.type === 'scoped_identifier') return f.childForFieldName('name')?.text;
  if (f.type === 'field_expression') return f.childForFieldName('field')?.text;
  return undefined;
}

function enclosingFn(n: SyntaxNode): SyntaxNode | null {
  for (let a = n.parent; a; a = a.parent) {
    if (a.type === 'closure_expression') return null;
    if (a.type === 'function_item') return a;
  }
  return null;
}

function strip(n: SyntaxNode): SyntaxNode {
  let x = n;
  while (x.type === 'parenthesized_expression' && x.namedChildCount === 1) x = x.namedChildren[0];
  return x;
}

/** Whether `x` is a std Instant kport follows (and will convert with the rest). */
function isInstantExpr(p: Plan, x: SyntaxNode | null | undefined, r: Region): boolean {
  const sl = p.slots;
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

/** Whether the Instant `n` (parentheses skipped) stands where a followed Instant slot receives it. */
function intoSlot(p: Plan, n: SyntaxNode, r: Region, sl: SlotSet | undefined = p.slots, isExpr = (x: SyntaxNode | null) => isInstantExpr(p, x, r)): boolean {
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

/** The file's Instant-typed slots; each type that cannot be followed is reported. */
function slotsOf(p: Plan, sites: InstantSites): Slots {
  const ctx = p.ctx;
  const sl: Slots = { ...emptySet(), nows: new Set(sites.nows.map((s) => key(rangeOf(s)))), delta: emptySet() };
  const fnCount = new Map<string, number>();
  for (const c of query('(function_item name: (identifier) @n)').captures(ctx.tree.rootNode)) fnCount.set(c.node.text, (fnCount.get(c.node.text) ?? 0) + 1);
  const fieldTypes = new Map<string, Set<string>>();
  for (const m of query('(field_declaration name: (field_identifier) @n type: (_) @t)').matches(ctx.tree.rootNode)) {
    const n = m.captures.find((c) => c.name === 'n')!.node.text;
    if (!fieldTypes.has(n)) fieldTypes.set(n, new Set());
    fieldTypes.get(n)!.add(m.captures.find((c) => c.name === 't')!.node.text);
  }
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
    p.edits.push({ range: rangeOf(s), text: p.api.instantType! });
    p.durations.add(key(rangeOf(s)));
  }
  return sl;
}

/** `Duration` slots: followed (they become the span type) only when an elapsed time flows into one; a Duration that is only a value stays. */
function chooseDeltas(p: Plan, sl: Slots): void {
  const ctx = p.ctx;
  const fnCount = new Map<string, number>();
  for (const c of query('(function_item name: (identifier) @n)').captures(ctx.tree.rootNode)) fnCount.set(c.node.text, (fnCount.get(c.node.text) ?? 0) + 1);
  const fieldTypes = new Map<string, Set<string>>();
  for (const m of query('(field_declaration name: (field_identifier) @n type: (_) @t)').matches(ctx.tree.rootNode)) {
    const n = m.captures.find((c) => c.name === 'n')!.node.text;
    if (!fieldTypes.has(n)) fieldTypes.set(n, new Set());
    fieldTypes.get(n)!.add(m.captures.find((c) => c.name === 't')!.node.text);
  }
  if (p.api.span) {
    const cands: { s: Site; slot: SyntaxNode; set: SlotSet }[] = [];
    const root: Region = { root: ctx.tree.rootNode, shift: 0, text: ctx.text };
    const names = [...p.b.duration].join('|');
    const q = `${names ? `((type_identifier) @t (#match? @t "^(${names})$"))` : ''} ((scoped_type_identifier name: (type_identifier) @n (#eq? @n "Duration")) @t)`;
    for (const c of query(q).captures(ctx.tree.rootNode)) {
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
        eachInflow(p, c.set, (x, r) => {
          if (x && isSpanExpr(p, x, r, sl)) fed = true;
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
      p.edits.push({ range: rangeOf(s), text: p.api.span.name });
      p.names.add(p.api.span.name);
      p.durations.add(key(rangeOf(s)));
    }
  }
}

const DELTA_DERIVES = new Set(['Clone', 'Copy', 'Debug', 'PartialEq', 'Eq', 'PartialOrd', 'Ord']);

/** Why a typed slot cannot be followed (message with {TYPE}/{HAS}, help with {HAND}), or null. */
function slotProblem(p: Plan, slot: SyntaxNode, allowed: Set<string>, fieldTypes: Map<string, Set<string>>, fnCount: Map<string, number>): { message: string; help: string } | null {
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

function addSlot(sl: SlotSet, slot: SyntaxNode, s: Site): void {
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
function isSpanExpr(p: Plan, x: SyntaxNode | null | undefined, r: Region, sl: Slots | undefined = p.slots): boolean {
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
      if (m === 'elapsed' && args.length === 0 && isInstantExpr(p, recv, r)) return true;
      if (m === 'duration_since' && args.length === 1 && isInstantExpr(p, recv, r) && isInstantExpr(p, args[0], r)) return true;
    }
    const name = calleeName(n);
    return !!name && d.rets.has(name);
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '-') return isInstantExpr(p, n.childForFieldName('left'), r) && isInstantExpr(p, n.childForFieldName('right'), r);
  if (n.type === 'identifier') return d.locals.some((l) => l.name === n.text && at.start >= l.from && at.start < l.to);
  if (n.type === 'field_expression') return d.fields.has(n.childForFieldName('field')?.text ?? '');
  return false;
}

/** Every value that flows into a followed slot must itself be a followed Instant. */
function checkInflows(p: Plan, sl: Slots): void {
  eachInflow(p, sl, (x, r, what) => {
    if (!x || isInstantExpr(p, x, r)) return;
    block(p, { node: x, r }, `${what} gets a value kport cannot follow as an Instant`, 'give it `Instant::now()`, another followed Instant, or port it by hand');
  });
  eachInflow(p, sl.delta, (x, r, what) => {
    if (!x || isSpanExpr(p, x, r)) return;
    block(p, { node: x, r }, `${what} holds elapsed times (a ${p.api.spanTypeName} in the kernel) and gets a value here kport cannot follow as one`, 'give it only elapsed times (`t.elapsed()`, `a - b`), or port it by hand');
  });
  const root: Region = { root: p.ctx.tree.rootNode, shift: 0, text: p.ctx.text };
  // `let Lap { start, .. } = lap;` binds the field to a name kport does not follow.
  for (const c of query('(field_pattern) @p').captures(p.ctx.tree.rootNode)) {
    const f = c.node.childForFieldName('name');
    if (f && (sl.fields.has(f.text) || sl.delta.fields.has(f.text)) && !isTestCode(p.ctx.tree, c.node)) block(p, { node: c.node, r: root }, `the pattern binds the followed field \`${f.text}\` to a name kport does not follow`, 'read it as `x.field` instead, or port it by hand');
  }
}

/** Every value that flows into a slot of `sl`, with what it flows into (for messages). */
function eachInflow(p: Plan, sl: SlotSet, need: (x: SyntaxNode | null | undefined, r: Region, what: string) => void): void {
  const ctx = p.ctx;
  if (!sl.fields.size && !sl.params.size && !sl.rets.size && !sl.typedLets.size) return;
  for (const r of codeRegions(ctx.tree)) {
    for (const m of query('(field_initializer field: (field_identifier) @f value: (_) @v)').matches(r.root)) {
      const f = m.captures.find((c) => c.name === 'f')!.node.text;
      if (sl.fields.has(f) && !isTestCode(ctx.tree, anchor(m.captures[0].node, r))) need(m.captures.find((c) => c.name === 'v')!.node, r, `the field \`${f}\``);
    }
    for (const c of query('(shorthand_field_initializer (identifier) @f)').captures(r.root)) if (sl.fields.has(c.node.text) && !isTestCode(ctx.tree, anchor(c.node, r))) need(c.node, r, `the field \`${c.node.text}\``);
    for (const m of query('(assignment_expression left: (field_expression field: (field_identifier) @f) right: (_) @v)').matches(r.root)) {
      const f = m.captures.find((c) => c.name === 'f')!.node.text;
      if (sl.fields.has(f) && !isTestCode(ctx.tree, anchor(m.captures[0].node, r))) need(m.captures.find((c) => c.name === 'v')!.node, r, `the field \`${f}\``);
    }
    for (const m of query('(call_expression arguments: (arguments)) @call').captures(r.root)) {
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
    for (const c of query('(return_expression (_) @v)').captures(body)) if (enclosingFn(c.node.parent!)?.id === fn.id) need(c.node, root, `the result of \`${fnName(fn)}\``);
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
function slotUses(p: Plan, sl: SlotSet): Site[] {
  const ctx = p.ctx;
  const out: Site[] = [];
  if (!sl.fields.size && !sl.rets.size) return out;
  for (const r of codeRegions(ctx.tree)) {
    if (sl.fields.size) {
      for (const c of query('(field_expression field: (field_identifier) @f) @e').captures(r.root)) {
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
      for (const c of query('(call_expression) @call').captures(r.root)) {
        const name = calleeName(c.node);
        if (!name || !sl.rets.has(name) || isTestCode(ctx.tree, anchor(c.node, r))) continue;
        out.push({ node: c.node, r });
      }
    }
  }
  return out;
}

function planInstants(p: Plan, sites: InstantSites): Site[] {
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
    if (intoSlot(p, n, s.r)) {
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
  if (p.slots) uses.push(...slotUses(p, p.slots));
  uses.sort((x, y) => rangeOf(x).start - rangeOf(y).start || rangeOf(y).end - rangeOf(x).end);
  for (const o of uses) {
    if (p.done.has(key(rangeOf(o)))) continue;
    instantUse(p, o, names);
  }
  if (p.slots) {
    const d = p.slots.delta;
    const spans = [...d.locals.flatMap((t) => occurrences(p.ctx, t.name, t.from, t.to)), ...slotUses(p, d)];
    spans.sort((x, y) => rangeOf(x).start - rangeOf(y).start || rangeOf(y).end - rangeOf(x).end);
    for (const o of spans) if (!p.done.has(key(rangeOf(o)))) span(p, o);
    checkInflows(p, p.slots);
  }
  return nowEdits;
}

/** One use of a tracked Instant binding. */
function instantUse(p: Plan, o: Site, names: Set<string>): void {
  const n = o.node;
  const tracked = (x: SyntaxNode | null | undefined) => (p.slots ? isInstantExpr(p, x, o.r) : !!x && x.type === 'identifier' && names.has(x.text));
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
    if (p.api.elapsed) p.edits.push({ range: fileRange(mc.call, o.r), text: parens(mc.call, p.api.elapsed.replace('{t}', n.text)) });
    span(p, { node: mc.call, r: o.r });
    return;
  }
  if (mc && mc.name.text === 'duration_since') {
    const args = mc.call.childForFieldName('arguments')!.namedChildren;
    if (args.length === 1 && tracked(args[0])) {
      p.done.add(key(fileRange(strip(args[0]), o.r)));
      p.edits.push({ range: fileRange(mc.call, o.r), text: parens(mc.call, `${n.text} - ${args[0].text}`) });
      span(p, { node: mc.call, r: o.r });
      return;
    }
  }
  if (parent?.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '-' && parent.childForFieldName('left')?.id === n.id && tracked(parent.childForFieldName('right'))) {
    p.done.add(key(fileRange(strip(parent.childForFieldName('right')!), o.r)));
    span(p, { node: parent, r: o.r });
    return;
  }
  if (p.slots && intoSlot(p, up(n), o.r)) return;
  // `x.field = value`: the value is checked (and reported) as what flows into the field.
  if (p.slots && parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === n.id && n.type === 'field_expression' && isInstantExpr(p, n, o.r)) return;
  block(p, o, `\`${n.text}\` (a std Instant) is used here in a way kport does not convert`, 'use it only as `t.elapsed()`, `a - b` or `a.duration_since(b)` inside the function, or port it by hand');
}

/** A difference `a - b` written where `at` stood: parenthesised only where an operator or a method needs it. */
function parens(at: SyntaxNode, diff: string): string {
  const bare = diff.replace(/^\((.*)\)$/s, '$1');
  const p = at.parent;
  const tight = p && ['field_expression', 'binary_expression', 'unary_expression', 'type_cast_expression', 'reference_expression', 'try_expression', 'index_expression'].includes(p.type);
  return tight ? `(${bare})` : bare;
}

// ---------------------------------------------------------------- sleep

interface SleepSite {
  call: SyntaxNode;
  fn: SyntaxNode;
  r: Region;
}

function sleepSites(ctx: FileContext, b: Bindings): SleepSite[] {
  const out: SleepSite[] = [];
  const names = [...new Set(['sleep', ...b.sleep])].join('|');
  const q = `(call_expression function: [(identifier) (scoped_identifier)] @f (#match? @f "(^|::)(${names})$")) @call`;
  for (const r of codeRegions(ctx.tree)) {
    if (!r.text.includes('sleep') && ![...b.sleep].some((n) => r.text.includes(n))) continue;
    for (const m of query(q).matches(r.root)) {
      const f = m.captures.find((c) => c.name === 'f')!.node;
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (isTestCode(ctx.tree, anchor(call, r))) continue;
      if (f.type === 'identifier' ? !b.sleep.has(f.text) : stdItem(f, b, 'thread') !== 'sleep') continue;
      out.push({ call, fn: f, r });
    }
  }
  return out;
}

/**
 * The `let NAME = Duration::from_*(..);` a sleep's argument comes from, planned
 * once per binding: null when there is none (a parameter, a field, a typed or
 * reassigned binding) or when NAME is used for anything but sleeping.
 */
function sleepBinding(ctx: FileContext, base: Plan, s: SleepSite, name: string, sleeps: SleepSite[], plans: Map<number, Plan & { applied?: boolean }>): (Plan & { applied?: boolean }) | null {
  let decl: SyntaxNode | null = null;
  for (let blk = s.call.parent; blk && !decl; blk = blk.parent) {
    if (blk.type === 'function_item') break;
    if (blk.type !== 'block') continue;
    for (const c of blk.namedChildren) {
      if (c.startIndex >= s.call.startIndex) break;
      const pat = c.type === 'let_declaration' ? c.childForFieldName('pattern') : null;
      if (pat?.type === 'identifier' && pat.text === name) decl = c;
    }
  }
  if (!decl || decl.childForFieldName('type') || decl.childForFieldName('alternative')) return null;
  const hit = plans.get(decl.id);
  if (hit) return hit;
  const value = decl.childForFieldName('value');
  const plan: Plan & { applied?: boolean } = { ...base, edits: [], blockers: [], names: new Set(), done: new Set(), durations: new Set() };
  if (!value || !durationCtor(plan, { node: value, r: s.r })) return null;
  const args = new Set(sleeps.map((x) => (x.r.shift === 0 ? argsOf(x.call)[0]?.id : undefined)).filter((x) => x !== undefined));
  for (const o of occurrences(ctx, name, decl.endIndex, decl.parent!.endIndex)) {
    if (o.r.shift !== 0 || !args.has(o.node.id)) {
      plans.set(decl.id, { ...plan, blockers: [{ range: fileRange(s.call, s.r), code: TIME_CODES.sleepArg, message: `\`${name}\` is a \`Duration\` used for more than sleeping (line ${o.node.startPosition.row + 1} too), so it keeps its type and this sleep is not converted`, help: `sleep on a kernel span built where you sleep: \`fsleep(Delta::from_millis(ms))\` (rust/kernel/time/delay.rs), or make \`${name}\` a \`kernel::time::Delta\` by hand` }] });
      return plans.get(decl.id)!;
    }
  }
  plans.set(decl.id, plan);
  return plan;
}

// ---------------------------------------------------------------- run

function run(ctx: FileContext): void {
  const api: TimeApi = ctx.profile.time;
  const b = bindings(ctx);
  const names = new Set<string>();
  const edits: { range: Range; text: string; user?: boolean }[] = [];
  const reported = new Set<string>();
  const report = (range: Range, code: string, message: string, help: string) => {
    const k = `${key(range)}|${code}`;
    if (reported.has(k)) return;
    reported.add(k);
    ctx.report({ code, message, range, help });
  };
  const removeLeaves: { decl: SyntaxNode; leaf: UseLeaf }[] = [];
  let instantKept = false;
  const defined = localNames(ctx.tree).defined;
  const converted = new Set<string>();

  // Instants.
  const inst = instantSites(ctx, b, !!api.clock?.instantType);
  const instLeaves = b.leaves.filter((l) => l.what === 'instant' && !isTestCode(ctx.tree, l.decl));
  const anyInstant = inst.nows.length + inst.blockers.length + inst.paths.length + inst.types.length + instLeaves.length > 0;
  let instantNames = new Set<string>();
  if (anyInstant && !api.clock) {
    for (const l of instLeaves) report(fileRange(l.leaf.node, { root: ctx.tree.rootNode, shift: 0, text: '' }), TIME_CODES.noClock, `\`${l.leaf.segs.join('::')}\` has no kernel form on this profile`, api.clockHelp);
    for (const s of inst.paths) report(rangeOf(s), TIME_CODES.noClock, `\`${s.node.text}\` has no kernel form on this profile`, api.clockHelp);
    if (instLeaves.length + inst.paths.length === 0) for (const s of inst.nows) report(rangeOf(s), TIME_CODES.noClock, `\`${s.node.text}\` has no kernel form on this profile`, api.clockHelp);
  } else if (anyInstant && api.clock) {
    const p: Plan = { ctx, api: api.clock, b, edits: [], blockers: [], names: new Set(), done: new Set(), durations: new Set() };
    const nows = planInstants(p, inst);
    if (p.blockers.length) {
      for (const x of p.blockers) report(x.range, x.code, x.message, x.help);
    } else if (nows.length || p.edits.length) {
      for (const s of nows) {
        edits.push({ range: fileRange(s.node, s.r), text: api.clock.now });
        const path = s.node.childForFieldName('function')?.childForFieldName('path');
        if (path) converted.add(key(fileRange(path, s.r)));
      }
      edits.push(...p.edits);
      for (const n of api.clock.nowNames) names.add(n);
      for (const n of p.names) names.add(n);
      for (const d of p.durations) converted.add(d);
      instantNames = new Set(api.clock.nowNames);
    }
  }

  // Sleeps.
  const sleeps = sleepSites(ctx, b);
  const bindingPlans = new Map<number, Plan & { applied?: boolean }>();
  for (const s of sleeps) {
    const range = fileRange(s.call, s.r);
    if (!api.sleep) {
      report(range, TIME_CODES.noSleep, `\`${s.fn.text}\` has no kernel form on this profile`, api.sleepHelp);
      continue;
    }
    const args = argsOf(s.call);
    const p: Plan = { ctx, api: api.clock ?? ({ methods: {}, sameType: [], spanTypeName: '', now: '', nowNames: [], source: '' } as ClockApi), b, edits: [], blockers: [], names: new Set(), done: new Set(), durations: new Set() };
    const cantTrace = () =>
      report(range, TIME_CODES.sleepArg, `\`${s.fn.text}(..)\` sleeps for a \`Duration\` kport cannot trace to its constructor`, `build the kernel span where you sleep: \`${api.sleep!.fn.replace(/^.*::/, '')}(Delta::from_millis(ms))\` (rust/kernel/time/delay.rs; \`Delta\` takes i64 and has \`from_secs\`, \`from_millis\`, \`from_micros\`)`);
    if (args.length === 1 && args[0].type === 'identifier' && s.r.shift === 0) {
      // `let d = Duration::from_millis(n);` ... `sleep(d)`: the binding becomes a Delta when sleeping is all it does.
      const bound = sleepBinding(ctx, p, s, args[0].text, sleeps, bindingPlans);
      if (!bound) {
        cantTrace();
        continue;
      }
      if (bound.blockers.length) {
        for (const x of bound.blockers) report(x.range, TIME_CODES.sleepArg, x.message, x.help);
        continue;
      }
      if (!bound.applied) {
        bound.applied = true;
        p.edits.push(...bound.edits);
        for (const n of bound.names) p.names.add(n);
        for (const d of bound.durations) p.durations.add(d);
      }
    } else if (args.length !== 1 || !durationCtor(p, { node: args[0], r: s.r })) {
      cantTrace();
      continue;
    }
    if (p.blockers.length) {
      for (const x of p.blockers) report(x.range, TIME_CODES.sleepArg, x.message, x.help);
      continue;
    }
    edits.push({ range: fileRange(s.fn, s.r), text: api.sleep.name });
    converted.add(key(fileRange(s.fn, s.r)));
    edits.push(...p.edits);
    names.add(api.sleep.fn);
    for (const n of p.names) names.add(n);
    for (const d of p.durations) converted.add(d);
  }

  floatsAndWallClock(ctx, b, api, report);

  // Imports: drop the std leaves whose every use was converted; import the kernel names.
  // An Instant import nothing uses goes too (on a profile with a clock): it names a std type.
  const unusedInstant = !!api.clock && inst.nows.length + inst.blockers.length + inst.paths.length + inst.types.length === 0 && instLeaves.length > 0;
  if (edits.length === 0 && !unusedInstant) return;
  for (const l of b.leaves) {
    if (l.what === 'wall' || isTestCode(ctx.tree, l.decl)) continue;
    const name = l.leaf.alias ?? (l.leaf.kind === 'self' ? l.leaf.segs[l.leaf.segs.length - 1] : l.leaf.segs[l.leaf.segs.length - 1]);
    const u = usesConverted(ctx, name, converted);
    // An Instant leaf no remaining code names goes whenever the profile has a clock, even if
    // its uses were paths that name it in full (`std::time::Instant::now()`): otherwise it
    // would go only on a second run, once those uses were converted.
    if (u.all && (u.any || (l.what === 'instant' && (unusedInstant || !!api.clock)))) removeLeaves.push(l);
    else if (l.what === 'instant' && instantNames.size) instantKept = true;
  }
  const fileLevel = (n: SyntaxNode) => {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'mod_item' || p.type === 'function_item' || p.type === 'block') return false;
    return true;
  };
  const importNames = [...names].map((n) => n.replace(/^.*::/, ''));
  const conflict = importNames.some((n) => defined.has(n) || localNames(ctx.tree).imported.has(n));
  const inModules = edits.some((e) => insideModule(ctx, e.range.start));
  const decls = [...new Set(removeLeaves.map((l) => l.decl))].filter(fileLevel).sort((a, c) => a.startIndex - c.startIndex);
  const qualified = conflict || inModules || instantKept || decls.length === 0 || removeLeaves.some((l) => !fileLevel(l.decl));

  for (const e of edits) ctx.edits.replace(e.range, qualified && !e.user ? qualify(e.text, names) : e.text);
  const byDecl = new Map<SyntaxNode, Set<number>>();
  for (const l of removeLeaves) {
    if (!byDecl.has(l.decl)) byDecl.set(l.decl, new Set());
    byDecl.get(l.decl)!.add(l.leaf.node.id);
  }
  const newUse = qualified || names.size === 0 ? '' : `use kernel::time::${importNames.length === 1 ? [...names][0] : `{${[...names].sort(byName).join(', ')}}`};`;
  let placed = false;
  for (const [decl, drop] of [...byDecl].sort((x, y) => x[0].startIndex - y[0].startIndex)) {
    const all = useLeaves(decl.childForFieldName('argument')!);
    const keep = new Set(all.filter((l) => !drop.has(l.node.id)).map((l) => l.node.id));
    const rest = renderUse(ctx.text, decl, keep);
    const place = !placed && newUse && decl.id === decls[0]?.id;
    if (place) placed = true;
    if (rest === null) {
      if (place) ctx.edits.replace(decl, newUse);
      else removeLines(ctx, decl);
    } else {
      const indent = lineIndent(ctx.text, decl.startIndex);
      ctx.edits.replace(decl, place ? `${rest}\n${indent}${newUse}` : rest);
    }
  }
}

function byName(a: string, b: string): number {
  const k = (s: string) => s.toLowerCase();
  return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
}

function qualify(text: string, names: Set<string>): string {
  let out = text;
  for (const full of names) {
    const short = full.replace(/^.*::/, '');
    out = out.replace(new RegExp(`(?<![\\w:])${short}\\b`, 'g'), `kernel::time::${full}`);
  }
  return out;
}

function insideModule(ctx: FileContext, at: number): boolean {
  for (let n: SyntaxNode | null = ctx.tree.rootNode.descendantForIndex(at); n; n = n.parent) if (n.type === 'mod_item') return true;
  return false;
}

/**
 * Whether every use of an imported name in code (outside tests) is one kport
 * rewrote: the name itself (`sleep(..)`, `Instant::now()`) or a path through it
 * (`thread::sleep`, `time::Instant`). Then its std import can go.
 */
function usesConverted(ctx: FileContext, name: string, converted: Set<string>): { all: boolean; any: boolean } {
  let any = false;
  for (const { node: n, r } of codeUses(ctx, [name])) {
    const p = n.parent;
    const scoped = p && (p.type === 'scoped_identifier' || p.type === 'scoped_type_identifier');
    // `a::name` is another item's path, not this import.
    if (scoped && p.childForFieldName('name')?.id === n.id) continue;
    if (inRawTokens(n)) return { all: false, any };
    const hit = converted.has(key(fileRange(n, r))) || (scoped && converted.has(key(fileRange(p, r))));
    if (!hit) return { all: false, any };
    any = true;
  }
  return { all: true, any };
}

/** SystemTime / UNIX_EPOCH and float Duration methods: reported, never rewritten. */
function floatsAndWallClock(ctx: FileContext, b: Bindings, api: TimeApi, report: (r: Range, code: string, m: string, h: string) => void): void {
  const root: Region = { root: ctx.tree.rootNode, shift: 0, text: ctx.text };
  for (const l of b.leaves) if (l.what === 'wall' && !isTestCode(ctx.tree, l.decl)) report(fileRange(l.leaf.node, root), TIME_CODES.wallClock, `\`${l.leaf.segs.join('::')}\`: wall-clock time has no kernel equivalent`, api.wallHelp);
  const wallQ = '((identifier) @id (#match? @id "^(SystemTime|UNIX_EPOCH)$")) ((type_identifier) @id (#eq? @id "SystemTime"))';
  const defined = localNames(ctx.tree).defined;
  const floatQ = `(call_expression function: (field_expression field: (field_identifier) @m (#match? @m "^(${FLOAT_METHODS.join('|')})$"))) @call
    (call_expression function: (scoped_identifier path: (_) @ty name: (identifier) @m (#match? @m "^(${FLOAT_CTORS.join('|')})$"))) @call`;
  for (const r of codeRegions(ctx.tree)) {
    if (/SystemTime|UNIX_EPOCH/.test(r.text)) {
      for (const c of query(wallQ).captures(r.root)) {
        const p = c.node.parent;
        if (!p || (p.type !== 'scoped_identifier' && p.type !== 'scoped_type_identifier') || p.childForFieldName('name')?.id !== c.node.id) continue;
        if (stdItem(p, b, 'time') !== c.node.text || shadowed(ctx.tree, c.node, r) || isTestCode(ctx.tree, anchor(p, r))) continue;
        let inUse = false;
        for (let a = p.parent; a; a = a.parent) if (a.type === 'use_declaration') inUse = true;
        if (!inUse) report(fileRange(p, r), TIME_CODES.wallClock, `\`${p.text}\`: wall-clock time has no kernel equivalent`, api.wallHelp);
      }
    }
    if (!/_f(32|64)/.test(r.text)) continue;
    for (const m of query(floatQ).matches(r.root)) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const name = m.captures.find((c) => c.name === 'm')!.node;
      const ty = m.captures.find((c) => c.name === 'ty')?.node;
      if (defined.has(name.text) || isTestCode(ctx.tree, anchor(call, r)) || shadowed(ctx.tree, name, r)) continue;
      if (ty && stdItem(ty, b, 'time') !== 'Duration' && !(ty.type === 'identifier' && b.duration.has(ty.text))) continue;
      report(fileRange(call, r), TIME_CODES.float, `\`${ty ? `${ty.text}::${name.text}(..)` : `.${name.text}()`}\` is floating point: kernel code has no floats`, 'count in integer units: `Duration::from_millis`, `.as_millis()`, `.as_nanos()` (the kernel saves no FPU state for kernel code)');
    }
  }
}

const codes: CodeInfo[] = [
  {
    code: TIME_CODES.noClock,
    severity: 'error',
    title: 'std::time::Instant has no kernel form on this profile',
    explanation: `The kernel's Rust clock types changed from release to release: \`Ktime\` (6.10-6.15),
\`Instant\` and \`Delta\` (6.16), \`Instant<C: ClockSource>\` with \`Monotonic\` (6.17 and later;
rust/kernel/time.rs). kport rewrites an Instant only when one form exists on every release
of the profile's range: \`mainline\` (6.19+) and \`v6.10\` (6.10-6.12, \`Ktime\`). On \`v6.13\`
(6.13-6.18) no single form builds on all of them; on \`v6.1\` (6.1-6.9) there is no clock type.

Before (v6.13):
    let t = std::time::Instant::now();
After (by hand, for 6.17 and 6.18):
    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();`,
  },
  {
    code: TIME_CODES.noSleep,
    severity: 'error',
    title: 'std::thread::sleep has no kernel form on this profile',
    explanation: `The kernel's Rust sleep function, \`kernel::time::delay::fsleep(Delta)\`
(rust/kernel/time/delay.rs), arrived in 6.17. Before it there is no safe way to sleep from
Rust: restructure the wait as a timer or a work item, or target 6.17 and later
(\`--profile mainline\`).

Before:
    std::thread::sleep(Duration::from_millis(10));
After (by hand, 6.17 and later):
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(10));`,
  },
  {
    code: TIME_CODES.float,
    severity: 'error',
    title: 'a floating-point Duration method',
    explanation: `\`as_secs_f64\`, \`from_secs_f64\`, \`mul_f64\` and the other float forms of \`Duration\`
need floating point, which kernel code cannot use (the kernel saves no FPU state for it, and
\`core\` is built without float formatting). Count in integer units instead.

Before:
    let secs = t.elapsed().as_secs_f64();
After (by hand):
    let ms = t.elapsed().as_millis();`,
  },
  {
    code: TIME_CODES.wallClock,
    severity: 'error',
    title: 'wall-clock time (SystemTime, UNIX_EPOCH) has no kernel equivalent',
    explanation: `A module has no calendar time to format and no \`SystemTime\`. Measure intervals with
the monotonic clock; a raw wall-clock timestamp on mainline is
\`kernel::time::Instant::<kernel::time::RealTime>::now()\` (rust/kernel/time.rs), which is not
seconds since the epoch.

Before:
    let secs = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
After: decided by hand (usually: drop the timestamp, or use the monotonic clock).`,
  },
  {
    code: TIME_CODES.instantUse,
    severity: 'error',
    title: 'a use of std::time::Instant (or of an elapsed time) kport does not convert',
    explanation: `kport converts a file's Instants when it can follow each one inside its function:
\`let t = Instant::now();\`, \`t = Instant::now();\`, \`t.elapsed()\`, \`a - b\`,
\`a.duration_since(b)\`; and the elapsed time (a \`kernel::time::Delta\`, not a \`Duration\`)
only where its type cannot matter: compared with \`Duration::from_*(..)\` (rewritten to
\`Delta::from_*\`), \`.as_millis()\`/\`.as_nanos()\` (which return \`i64\` in the kernel and
\`u128\` in std) printed, cast with \`as\` or compared with a literal. On mainline an Instant
written as the type of a struct field, a parameter, a return type or a \`let\` is followed
across the file's items: it becomes \`Instant<Monotonic>\` when every value flowing into it
is a followed Instant and every use of it converts; a \`Duration\` slot of those kinds that
an elapsed time flows into becomes \`Delta\` the same way. What a file alone cannot decide is
reported, and the file's Instants are left as written: a field or function other files can
see (\`pub\`, or anything in a file that declares \`mod x;\`), a struct deriving more than
\`Clone\`/\`Copy\` (the kernel's \`Instant<C>\` has no \`Debug\`, \`Hash\` or \`Default\`;
rust/kernel/time.rs), \`Option<Instant>\` and other compound types, trait methods, a \`{:?}\`.

Before:
    #[derive(Debug)]
    struct Timer { start: Instant }
After: unchanged; drop the derive or implement \`Debug\` by hand, then the field becomes
\`start: kernel::time::Instant<kernel::time::Monotonic>\`.`,
  },
  {
    code: TIME_CODES.sleepArg,
    severity: 'error',
    title: 'a sleep whose Duration kport cannot convert',
    explanation: `\`thread::sleep(d)\` becomes \`fsleep(Delta)\` when \`d\` is written at the call as
\`Duration::from_secs\`, \`from_millis\` or \`from_micros\`; a Duration that comes from elsewhere
(a parameter, a field, arithmetic) would need its type changed where it is made, and
\`Duration::from_nanos\` has a \`Delta\` constructor only in the 7.3 tree (profile \`mainline\`).

Before:
    fn pause(d: Duration) { thread::sleep(d); }
After (by hand):
    fn pause(d: Delta) { fsleep(d); }`,
  },
];

export const timeApi: FileTransform = {
  id: 'time-api',
  scope: 'file',
  summary: 'Rewrite std::time::Instant, elapsed times and thread::sleep to the profile\'s kernel time API, and report what has none.',
  docs: `Clocks and sleeping are kernel API that changed across releases (src/kernel-api/time.ts,
docs/profiles.md "Time API"). On mainline (6.19+) \`Instant::now()\` becomes
\`Instant::<Monotonic>::now()\` (rust/kernel/time.rs), whose \`elapsed()\` and differences are a
\`Delta\`; \`Duration::from_secs/millis/micros(n)\` compared with one becomes \`Delta::from_*\`;
\`thread::sleep(Duration::from_millis(n))\` becomes \`fsleep(Delta::from_millis(n))\`
(rust/kernel/time/delay.rs). On v6.10 (6.10-6.12) the clock is \`Ktime::ktime_get()\` with
\`to_ms()\`/\`to_ns()\`. Profiles with no form spanning their whole range report (K1101,
K1102). A \`Duration\` used only as a value stays (std-paths makes it \`core::time::Duration\`).
Instants are converted per file, only when every use can be followed; on mainline that
includes struct fields, parameters, returns and \`let\` types written \`Instant\`
(\`Instant<Monotonic>\`) and those written \`Duration\` that hold elapsed times (\`Delta\`); otherwise each use that blocks is reported (K1105). Floating-point Duration methods (K1103) and wall-clock
time (K1104) are reported. Runs before std-paths, which leaves these paths to it.

Before:
    use std::time::{Duration, Instant};
    use std::thread;

    fn wait() {
        let start = Instant::now();
        thread::sleep(Duration::from_millis(10));
        if start.elapsed() > Duration::from_secs(1) {
            println!("slow: {} ms", start.elapsed().as_millis());
        }
    }
After:
    use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};

    fn wait() {
        let start = Instant::<Monotonic>::now();
        fsleep(Delta::from_millis(10));
        if start.elapsed() > Delta::from_secs(1) {
            println!("slow: {} ms", start.elapsed().as_millis());
        }
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: (text) => /Instant|sleep|SystemTime|UNIX_EPOCH|_f(32|64)\b/.test(text),
  run,
  codes,
};
