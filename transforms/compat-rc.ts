import { prefetch, query } from '../src/engine/queries.ts';
import { codeRegions } from '../src/analysis/macroargs.ts';
import { compatTypesOn } from '../src/crate/compat-mode.ts';
import { PROFILE_IDS, type Profile } from '../src/kernel-api/profiles.ts';
import { span } from '../src/compat/strings.ts';
import { ownsName } from '../src/compat/own.ts';
import type { CodeInfo, FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

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
 * written (std-paths reports it, K0209) with a note naming the reason (K0711).
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

/** Derives a type holding an `Rc` needs from it that the kernel's `Arc` does not implement. */
const DERIVES_ARC_LACKS = /\b(PartialEq|Eq|PartialOrd|Ord|Hash|Default|Copy)\b/;

const USES = '(use_declaration argument: (_) @arg) @use';
const TYPES = '((type_identifier) @t (#eq? @t "Rc"))';
const HEADS = '(scoped_identifier path: (identifier) @p name: (identifier) @name (#eq? @p "Rc")) @path';
const FULL = '([(scoped_type_identifier) (scoped_identifier)] @q (#match? @q "^(::)?(std|alloc)::rc::Rc$"))';
const ITEMS = '[(struct_item body: (_) @body) (enum_item body: (_) @body)] @item';

const STD_RC_USE = /^(::)?(std|alloc)::rc::(Rc|\{\s*Rc\s*,?\s*\})$/;
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
reference; \`UniqueArc\` is the uniquely owned, mutable form.`,
  },
};

/** The profile has `kernel::sync::Arc` on its whole range (v6.1 has none: it landed in 6.3). */
function arcOn(p: Profile): boolean {
  const e = p.stdPaths.entries.find((x) => x.from === 'sync::Arc');
  return e?.target.kind === 'path' && !e.since;
}

/** Why `Rc` cannot become `Arc` in this file, with where: null when it can. */
function blocker(ctx: FileContext): { at: { start: number; end: number }; why: string } | null {
  const { tree, text } = ctx;
  const arc = /\bArc\b/.exec(text);
  if (arc) return { at: { start: arc.index, end: arc.index + 3 }, why: 'the file names `Arc` too, so `Rc` cannot take that name' };
  for (const m of query(USES).matches(tree.rootNode)) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node;
    const t = arg.text.replace(/\s+/g, '');
    if (ANY_RC_USE.test(t) && !STD_RC_USE.test(t)) {
      const weak = /\bWeak\b/.test(t);
      return { at: { start: arg.startIndex, end: arg.endIndex }, why: weak ? 'it imports `Weak`: the kernel\'s `Arc` has no weak references' : `kport ports \`use std::rc::Rc;\` only, not \`use ${arg.text};\`` };
    }
  }
  for (const r of codeRegions(tree)) {
    if (!/\bRc\b/.test(r.text)) continue;
    for (const m of query(HEADS).matches(r.root)) {
      const name = m.captures.find((c) => c.name === 'name')!.node.text;
      if (SAME.has(name)) continue;
      return { at: span(m.captures.find((c) => c.name === 'path')!.node, r), why: `\`Rc::${name}\`: ${WHY[name] ?? 'the kernel\'s `Arc` has no such function'}` };
    }
  }
  for (const m of query(ITEMS).matches(tree.rootNode)) {
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const body = m.captures.find((c) => c.name === 'body')!.node;
    if (!/\bRc\b/.test(body.text)) continue;
    for (let a = item.previousNamedSibling; a && (a.type === 'attribute_item' || a.type.endsWith('comment')); a = a.previousNamedSibling) {
      const d = a.type === 'attribute_item' ? /^#\[\s*derive\s*\(([^)]*)\)/.exec(a.text) : null;
      const lacking = d ? DERIVES_ARC_LACKS.exec(d[1]) : null;
      if (lacking) return { at: { start: a.startIndex, end: a.endIndex }, why: `it derives \`${lacking[1]}\` over an \`Rc\`, which the kernel's \`Arc\` does not implement` };
    }
  }
  return null;
}

function run(ctx: FileContext): void {
  const { tree } = ctx;
  if (!compatTypesOn(ctx.crate) || !arcOn(ctx.profile) || ownsName(tree, 'Rc')) return;
  const stop = blocker(ctx);
  if (stop) {
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
    prefetch(r.root, 'matches', [TYPES, HEADS, FULL]);
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

function inUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'use_declaration') return true;
  return false;
}

export const compatRc: FileTransform = {
  id: 'compat-rc',
  scope: 'file',
  summary: 'Port `std::rc::Rc` to the kernel\'s `kernel::sync::Arc` where the file uses nothing only `Rc` has.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: (text, c) => /\bRc\b/.test(text) && compatTypesOn(c.crate) && arcOn(c.profile),
  run,
  codes: [RC_CODES.K0710, RC_CODES.K0711],
};
