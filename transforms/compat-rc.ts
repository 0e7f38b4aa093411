import { query } from '../src/engine/queries.ts';
import { codeRegions } from '../src/analysis/macroargs.ts';
import { compatTypesOn } from '../src/crate/compat-mode.ts';
import { PROFILE_IDS, type Profile } from '../src/kernel-api/profiles.ts';
import { span } from '../src/compat/strings.ts';
import { ownsName, stdName } from '../src/compat/own.ts';
import { rcOn } from '../src/compat/rc.ts';
import { lineRemovalRange } from '../src/rewrite/remove-lines.ts';
import { argCount } from '../src/rewrite/alloc-edit.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';

/**
 * compat-rc: `std::rc::Rc` becomes the kernel's own `kernel::sync::Arc`
 * (rust/kernel/sync/arc.rs), where the file uses nothing only `Rc` has.
 *
 *   use std::rc::Rc;                 →  use kernel::sync::Arc;
 *   enum List { Cons(i32, Rc<List>) } →  enum List { Cons(i32, Arc<List>) }
 *   Rc::clone(&a)                    →  Arc::clone(&a)
 *
 * `Arc::new(x)` then becomes `Arc::new(x, GFP_KERNEL)?` in alloc-calls, as for
 * a `std::sync::Arc`. A reference count shared by one thread or by many means
 * the same to the program: the value lives while a handle does, `clone` adds
 * a handle, `Deref` reads it. What the kernel's `Arc` lacks keeps `Rc` as
 * written (std-paths reports it, K0209) with a note naming the reason (K0711),
 * unless all it lacks is what the compat `Rc` has (src/compat/rc.ts: weak
 * references and the counts, on one `KBox`), which the file then uses (K0716),
 * with every other file of the crate that uses std's `Rc` (one type across them):
 *
 *   use std::rc::{Rc, Weak};         →  (removed; alloc-compat imports the compat `Rc`, `Weak`)
 *   Rc::new(x)                       →  Rc::new(x, GFP_KERNEL)?
 *   Rc::strong_count(&a), Rc::downgrade(&a), w.upgrade(), Weak::new()   (as written)
 */

/** `Rc::name(..)` functions the kernel's `Arc` has with the same meaning (sync/arc.rs: `new`, `Clone`). */
const SAME = new Set(['new', 'clone']);

/** What `Rc` has and the kernel's `Arc` has not (sync/arc.rs: no weak references, no counts, no `get_mut`). */
const WHY: Record<string, string> = {
  strong_count: 'the kernel\'s `Arc` does not expose its count (a `refcount_t`)',
  weak_count: 'the kernel\'s `Arc` has no weak references',
  downgrade: 'the kernel\'s `Arc` has no weak references',
  get_mut: 'the kernel\'s `Arc` has no `get_mut` (its value is pinned); `UniqueArc` is the unique form',
  make_mut: 'the kernel\'s `Arc` has no `make_mut` (its value is pinned)',
  try_unwrap: 'the kernel\'s `Arc` cannot hand back its value',
  into_inner: 'the kernel\'s `Arc` cannot hand back its value',
  unwrap_or_clone: 'the kernel\'s `Arc` cannot hand back its value',
};

/** `Rc::name(..)` functions the compat `Rc` adds to `SAME` (src/compat/rc.ts). */
const COMPAT_SAME = new Set(['strong_count', 'weak_count', 'downgrade', 'ptr_eq']);

/** Derives a type holding an `Rc` needs from it that the kernel's `Arc` does not implement. */
const DERIVES_ARC_LACKS = /\b(PartialEq|Eq|PartialOrd|Ord|Hash|Default|Copy)\b/;

const USES = '(use_declaration argument: (_) @arg) @use';
const TYPES = '((type_identifier) @t (#eq? @t "Rc"))';
const HEADS = '(scoped_identifier path: (identifier) @p name: (identifier) @name (#eq? @p "Rc")) @path';
const FULL_HEADS = '(scoped_identifier path: (scoped_identifier) @p name: (identifier) @name (#match? @p "^(::)?(std|alloc)::rc::Rc$")) @path';
const FULL = '([(scoped_type_identifier) (scoped_identifier)] @q (#match? @q "^(::)?(std|alloc)::rc::Rc$"))';
const ITEMS = '[(struct_item body: (_) @body) (enum_item body: (_) @body)] @item';

const STD_RC_USE = /^(::)?(std|alloc)::rc::(Rc|\{\s*Rc\s*,?\s*\})$/;
/** The `use` forms the compat `Rc` replaces whole: `Rc`, `Weak`, or both. */
const COMPAT_RC_USE = /^(::)?(std|alloc)::rc::(Rc|Weak|\{\s*(Rc|Weak)\s*(,\s*(Rc|Weak)\s*)?,?\s*\})$/;
const FULL_WEAK = '([(scoped_type_identifier) (scoped_identifier)] @q (#match? @q "^(::)?(std|alloc)::rc::(Rc|Weak)$"))';
const NEW_CALLS = `(call_expression
  function: (scoped_identifier path: [(identifier) (scoped_identifier) (generic_type)] @p name: (identifier) @n (#eq? @n "new"))
  arguments: (arguments)) @call`;
/** A compat `Rc` holds a sized value only: `Rc<dyn Trait>`, `Rc<str>`, `Rc<[T]>` need unsizing, which it has not. */
const UNSIZED = /\bRc\s*<\s*(?:dyn\b|str\s*>|\[)/;
/** Methods of std's `Weak` (and `Rc`) the compat ones lack, called as methods. */
const WEAK_LACKS = /\.\s*(strong_count|weak_count|ptr_eq|as_ptr|into_raw)\s*\(/;
const ANY_RC_USE = /^(::)?(std|alloc)::(rc\b|\{[^}]*\brc\b)/;

/** The idiomatic kernel forms every note names, for upstream code. */
export const KERNEL_SHARING =
  '`KBox` where one owner suffices, `ArcBorrow` to pass a handle without touching the count, a `Mutex` inside the `Arc` for shared mutable state (rust/kernel/sync/)';

export const RC_CODES: Record<string, CodeInfo> = {
  K0710: {
    code: 'K0710',
    severity: 'note',
    title: '`Rc` became the kernel\'s `Arc`',
    explanation: `The kernel has no \`Rc\`. Its reference-counted pointer is \`kernel::sync::Arc\`
(rust/kernel/sync/arc.rs): the count is an atomic \`refcount_t\`, the constructor
takes GFP flags and can fail (\`Arc::new(x, GFP_KERNEL)?\`, which alloc-calls writes),
\`clone\` adds a handle and \`Deref\` reads the value, as with \`Rc\`. kport rewrites
\`Rc\` to it when the file uses nothing only \`Rc\` has; the program means the same
(one thread sharing an atomic count sees the same lifetimes). For upstream code
prefer ${KERNEL_SHARING}. \`--compat none\` leaves \`Rc\` reported (K0209).

Before:
    use std::rc::Rc;
    let a = Rc::new(Cons(5, Rc::new(Nil)));
    let b = Cons(3, Rc::clone(&a));
After:
    use kernel::sync::Arc;
    let a = Arc::new(Cons(5, Arc::new(Nil, GFP_KERNEL)?), GFP_KERNEL)?;
    let b = Cons(3, Arc::clone(&a));`,
  },
  K0711: {
    code: 'K0711',
    severity: 'note',
    title: '`Rc` stays: the file uses what the kernel\'s `Arc` lacks',
    explanation: `kport ports \`Rc\` to \`kernel::sync::Arc\` (K0710) only when every use means the
same there. The kernel's \`Arc\` (rust/kernel/sync/arc.rs) has no weak references
(\`Weak\`, \`Rc::downgrade\`), does not expose its count (\`Rc::strong_count\`), has no
\`get_mut\`/\`make_mut\` (the value is pinned) and cannot hand its value back
(\`try_unwrap\`); it implements neither \`PartialEq\`, \`Ord\`, \`Hash\` nor \`Default\`.
A file that uses one of those keeps \`Rc\` as written, reported by std-paths
(K0209); this note says which use. Redesign by hand: counts printed for
illustration can go; a parent link is often a plain index or a borrowed
reference; \`UniqueArc\` is the uniquely owned, mutable form. Where all the file
uses beyond the kernel's \`Arc\` is weak references and the counts (\`Weak\`,
\`Rc::downgrade\`, \`upgrade\`, \`Rc::strong_count\`, \`Rc::weak_count\`), kport
ports it to the compat \`Rc\` instead (K0716), on 6.13 and later.`,
  },
  K0716: {
    code: 'K0716',
    severity: 'note',
    title: '`Rc` became the compat `Rc` (with `Weak`)',
    explanation: `The kernel's \`Arc\` (rust/kernel/sync/arc.rs) has no weak references and does
not expose its count. A file that uses those (\`Weak\`, \`Rc::downgrade\`,
\`upgrade\`, \`Rc::strong_count\`, \`Rc::weak_count\`, \`Rc::ptr_eq\`, a derive of
\`PartialEq\`, \`Ord\` or \`Hash\` over an \`Rc\`, which compare by value as std's
do) and nothing else the kernel's \`Arc\` lacks gets the compat \`Rc\` and \`Weak\` of the generated module
(\`kport_compat.rs\`, src/compat/rc.ts): one \`KBox\` (rust/kernel/alloc/kbox.rs)
holds the value and both counts, counted as std counts them, within one thread
(neither is \`Send\`). Making one allocates and can fail, so \`Rc::new(x)\` becomes
\`Rc::new(x, GFP_KERNEL)?\`; \`clone\`, \`downgrade\` and \`upgrade\` allocate nothing.
The program prints and frees as it did. For upstream code prefer the kernel's
\`Arc\` and, in place of a weak link, an index or a borrowed reference; counts
printed for illustration can go. \`--compat none\` leaves \`Rc\` reported (K0209);
v6.10 and v6.1 have no form (no \`KBox\`).

Before:
    use std::rc::{Rc, Weak};
    let leaf = Rc::new(Node { parent: RefCell::new(Weak::new()) });
    *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
After:
    let leaf = Rc::new(Node { parent: RefCell::new(Weak::new()) }, GFP_KERNEL)?;
    *leaf.parent.borrow_mut() = Rc::downgrade(&branch);`,
  },
};

/** The upstream alternative K0716 names. */
const COMPAT_UPSTREAM = 'in upstream code prefer the kernel\'s `Arc` (rust/kernel/sync/arc.rs) and, in place of a weak link, an index or a borrowed reference; counts printed for illustration can go';

/** The profile has `kernel::sync::Arc` on its whole range (v6.1 has none: it landed in 6.3). */
function arcOn(p: Profile): boolean {
  const e = p.stdPaths.entries.find((x) => x.from === 'sync::Arc');
  return e?.target.kind === 'path' && !e.since;
}

interface Blocker {
  at: { start: number; end: number };
  why: string;
  /** The compat `Rc` has what the kernel's `Arc` lacks here. */
  compat: boolean;
}

/** Why `Rc` cannot become `Arc` in this file, with where, in the file's order of checks: none when it can. */
function blockers(ctx: FileContext): Blocker[] {
  const { tree, text } = ctx;
  const out: Blocker[] = [];
  const arc = /\bArc\b/.exec(text);
  if (arc) out.push({ at: { start: arc.index, end: arc.index + 3 }, why: 'the file names `Arc` too, so `Rc` cannot take that name', compat: true });
  for (const m of query(USES).matches(tree.rootNode)) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    const t = arg.text.replace(/\s+/g, '');
    if (ANY_RC_USE.test(t) && !STD_RC_USE.test(t)) {
      const weak = /\bWeak\b/.test(t);
      out.push({ at: { start: arg.startIndex, end: arg.endIndex }, why: weak ? 'it imports `Weak`: the kernel\'s `Arc` has no weak references' : `kport ports \`use std::rc::Rc;\` only, not \`use ${arg.text};\``, compat: COMPAT_RC_USE.test(t) });
    }
  }
  for (const r of codeRegions(tree)) {
    if (!/\bRc\b/.test(r.text)) continue;
    for (const m of [...query(HEADS).matches(r.root), ...query(FULL_HEADS).matches(r.root)]) {
      const name = m.captures.find((c) => c.name === 'name')!.node.text;
      if (SAME.has(name)) continue;
      out.push({ at: span(m.captures.find((c) => c.name === 'path')!.node, r), why: `\`Rc::${name}\`: ${WHY[name] ?? 'the kernel\'s `Arc` has no such function'}`, compat: COMPAT_SAME.has(name) });
    }
  }
  const weak = /\b(?:std|alloc)\s*::\s*rc\s*::\s*Weak\b/.exec(text);
  if (weak) out.push({ at: { start: weak.index, end: weak.index + weak[0].length }, why: `it names \`${weak[0]}\`: the kernel's \`Arc\` has no weak references`, compat: true });
  for (const m of query(ITEMS).matches(tree.rootNode)) {
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const body = m.captures.find((c) => c.name === 'body')!.node;
    if (!/\bRc\b/.test(body.text)) continue;
    for (let a = item.previousNamedSibling; a && (a.type === 'attribute_item' || a.type.endsWith('comment')); a = a.previousNamedSibling) {
      const d = a.type === 'attribute_item' ? /^#\[\s*derive\s*\(([^)]*)\)/.exec(a.text) : null;
      const lacking = d ? DERIVES_ARC_LACKS.exec(d[1]) : null;
      // The compat `Rc` compares, orders and hashes by value as std's does; it has no `Default` (that allocates) and is not `Copy`.
      if (lacking) out.push({ at: { start: a.startIndex, end: a.endIndex }, why: `it derives \`${lacking[1]}\` over an \`Rc\`, which the kernel's \`Arc\` does not implement`, compat: !/\b(Default|Copy)\b/.test(d![1]) });
    }
  }
  return out;
}

/** What the compat `Rc` lacks that the file uses (checked once the kernel's `Arc` is ruled out): null when none. */
function compatBlocker(ctx: FileContext): Blocker | null {
  const { text } = ctx;
  const unsized = UNSIZED.exec(text);
  if (unsized) return { at: { start: unsized.index, end: unsized.index + unsized[0].length }, why: 'an `Rc` of an unsized value (`dyn`, `str`, a slice) needs a coercion the compat `Rc` has not', compat: false };
  if (/\bWeak\b/.test(text)) {
    const lacks = WEAK_LACKS.exec(text);
    if (lacks) return { at: { start: lacks.index, end: lacks.index + lacks[0].length }, why: `\`.${lacks[1]}()\`: the compat \`Rc\`/\`Weak\` have no such method`, compat: false };
  }
  return null;
}

/** What one file of the crate does with its std `Rc`. */
interface Plan {
  f: FileContext;
  stops: Blocker[];
  /** It can take the compat `Rc` (all its blockers are what the compat `Rc` has, and it lacks nothing else). */
  compatOk: boolean;
}

/**
 * Crate-scoped, so that one `Rc` type crosses the files: when a file needs the
 * compat `Rc` (weak references, the counts) and every file that uses std's
 * `Rc` can take it, they all take it, a file that alone would have become the
 * kernel's `Arc` too (a `Node` built in main.rs and linked weakly in tree.rs
 * is one type). Otherwise each file as on its own: the kernel's `Arc` where it
 * means the same, else `Rc` stays, reported (K0711).
 */
function run(ctx: CrateContext): void {
  if (!compatTypesOn(ctx.crate) || !arcOn(ctx.profile)) return;
  const plans: Plan[] = [];
  for (const f of ctx.files) {
    // Only std's `Rc` (imported, or by its path): a ported file's `Rc` is the compat one.
    if (!/\bRc\b/.test(f.text) || ownsName(f.tree, 'Rc') || !stdName(f.tree, f.text, 'Rc')) continue;
    const stops = blockers(f);
    plans.push({ f, stops, compatOk: stops.every((b) => b.compat) && !ownsName(f.tree, 'Weak') && !compatBlocker(f) });
  }
  const needs = plans.find((p) => p.stops.length && p.compatOk);
  if (needs && rcOn(ctx.profile) && plans.every((p) => p.compatOk)) {
    const own = (p: Plan) => p.stops.find((b) => !/`Arc` too/.test(b.why));
    const why = own(needs) ?? needs.stops[0];
    for (const p of plans) toCompatRc(p.f, own(p) ?? { ...why, why: p === needs ? why.why : `one \`Rc\` type crosses the crate, and in ${needs.f.path} ${why.why}` });
    return;
  }
  for (const p of plans) runFile(p.f, p.stops);
}

function runFile(ctx: FileContext, stops: Blocker[]): void {
  const { tree } = ctx;
  if (stops.length) {
    const lacks = rcOn(ctx.profile) && stops.every((b) => b.compat) && !ownsName(tree, 'Weak') ? compatBlocker(ctx) : null;
    const stop = lacks ?? (rcOn(ctx.profile) ? stops.find((b) => !b.compat) : undefined) ?? stops[0];
    ctx.report({ code: 'K0711', message: `\`Rc\` stays as written: ${stop.why}`, range: stop.at, help: 'redesign by hand: drop the count, replace the weak link by an index or a borrow, or compare the values (`kport explain K0711`)' });
    return;
  }
  const note = (at: { start: number; end: number }, what: string) =>
    ctx.report({ code: 'K0710', message: `${what} is the kernel's \`Arc\` here (rust/kernel/sync/arc.rs: an atomic count, fallible to create)`, range: at, help: `in upstream code prefer ${KERNEL_SHARING}` });
  for (const m of query(USES).matches(tree.rootNode)) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    if (!STD_RC_USE.test(arg.text.replace(/\s+/g, ''))) continue;
    const at = { start: arg.startIndex, end: arg.endIndex };
    ctx.edits.replace(at, 'kernel::sync::Arc');
    note(at, '`std::rc::Rc`');
  }
  for (const r of codeRegions(tree)) {
    if (!/\bRc\b/.test(r.text)) continue;
    const full = new Set<number>();
    for (const m of query(FULL).matches(r.root)) {
      const q = m.captures[0].node;
      if (q.parent?.type === 'scoped_identifier' || q.parent?.type === 'scoped_type_identifier') continue;
      if (inUse(q)) continue;
      full.add(q.id);
      const at = span(q, r);
      ctx.edits.replace(at, 'kernel::sync::Arc');
      note(at, '`std::rc::Rc`');
    }
    const inFull = (n: SyntaxNode) => {
      for (let p = n.parent; p; p = p.parent) if (full.has(p.id)) return true;
      return false;
    };
    for (const m of query(TYPES).matches(r.root)) {
      const t = m.captures[0].node;
      // `x::Rc` is someone else's (`std::rc::Rc` is FULL's).
      if (t.parent?.type === 'scoped_type_identifier' && t.parent.childForFieldName('name')?.id === t.id) continue;
      if (inUse(t) || inFull(t)) continue;
      const at = span(t, r);
      ctx.edits.replace(at, 'Arc');
      note(at, '`Rc`');
    }
    for (const m of query(HEADS).matches(r.root)) {
      const p = m.captures.find((c) => c.name === 'p')!.node;
      if (inUse(p) || inFull(p)) continue;
      const at = span(p, r);
      ctx.edits.replace(at, 'Arc');
      note(at, `\`Rc::${m.captures.find((c) => c.name === 'name')!.node.text}\``);
    }
  }
}

/**
 * The file uses the compat `Rc`/`Weak` (src/compat/rc.ts): their `use` goes
 * (alloc-compat imports the compat ones), `std::rc::Rc`/`Weak` lose their path,
 * and `Rc::new(x)` allocates fallibly. Each line changed gets one K0716 note.
 */
function toCompatRc(ctx: FileContext, why: Blocker): void {
  const { tree } = ctx;
  const noted = new Set<number>();
  const note = (at: { start: number; end: number }, what: string, to = 'Rc') => {
    const line = ctx.text.lastIndexOf('\n', at.start - 1);
    if (noted.has(line)) return;
    noted.add(line);
    ctx.report({ code: 'K0716', message: `${what} is the compat \`${to}\` here (one \`KBox\` holds the value and its counts; \`Rc::new\` can fail): ${why.why}`, range: at, help: COMPAT_UPSTREAM });
  };
  for (const m of query(USES).matches(tree.rootNode)) {
    const use = m.captures.find((c) => c.name === 'use')!.node;
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    if (!COMPAT_RC_USE.test(arg.text.replace(/\s+/g, ''))) continue;
    ctx.edits.replace(lineRemovalRange(ctx.text, use.startIndex, use.endIndex), '');
    note({ start: arg.startIndex, end: arg.endIndex }, `\`${arg.text}\``, /\bRc\b/.test(arg.text) ? 'Rc' : 'Weak');
  }
  for (const r of codeRegions(tree)) {
    if (!/\b(Rc|Weak)\b/.test(r.text)) continue;
    for (const m of query(FULL_WEAK).matches(r.root)) {
      const q = m.captures[0].node;
      if (q.parent?.type === 'scoped_identifier' && q.parent.childForFieldName('name')?.id === q.id) continue;
      if (inUse(q)) continue;
      const at = span(q, r);
      const name = q.text.endsWith('Weak') ? 'Weak' : 'Rc';
      ctx.edits.replace(at, name);
      note(at, `\`${q.text}\``, name);
    }
    for (const m of query(NEW_CALLS).matches(r.root)) {
      const p = m.captures.find((c) => c.name === 'p')!.node;
      const call = m.captures.find((c) => c.name === 'call')!.node;
      const base = (p.type === 'generic_type' ? p.childForFieldName('type')! : p).text.replace(/\s+/g, '');
      if (!/^(?:(?:::)?(?:std|alloc)::rc::)?Rc$/.test(base) || argCount(call) !== 1 || inUse(p)) continue;
      const close = call.childForFieldName('arguments')!.lastChild!;
      const prev = close.previousSibling;
      if (prev?.type === ',') ctx.edits.insert(prev.endIndex + r.shift, ' GFP_KERNEL,');
      else ctx.edits.insert(close.startIndex + r.shift, ', GFP_KERNEL');
      ctx.edits.insert(call.endIndex + r.shift, '?');
      note(span(call.childForFieldName('function')!, r), '`Rc::new`');
    }
  }
}

function inUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'use_declaration') return true;
  return false;
}

export const compatRc: CrateTransform = {
  id: 'compat-rc',
  scope: 'crate',
  summary: 'Port `std::rc::Rc` to the kernel\'s `kernel::sync::Arc` where the file uses nothing only `Rc` has, else to the compat `Rc`/`Weak` where weak references or the counts are all it needs.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  run,
  codes: [RC_CODES.K0710, RC_CODES.K0711, RC_CODES.K0716],
};
