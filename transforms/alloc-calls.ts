import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { anchor, codeRegions, fileRange, MACROS_QUERY, regionMatches } from '../src/analysis/macroargs.ts';
import type { OtherVecMethod, VecMethod } from '../src/kernel-api/alloc.ts';
import { type Resolver } from '../src/analysis/vec-resolver.ts';
import { OWN_NAMES_QUERIES, argCount, importsStdArc, makeFallible, ownNames } from '../src/rewrite/alloc-edit.ts';
import { cloneToVec, formText, otherMethod, short, swapRemove } from './alloc-calls/methods.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * alloc-calls: allocating constructors and Vec methods become the profile's
 * fallible forms, each a fallible site (`?`) for the propagation pass.
 *
 *   Vec::with_capacity(n)  →  KVec::with_capacity(n, GFP_KERNEL)?
 *   Box::new(x)            →  Box::new(x, GFP_KERNEL)?      (alloc-types renames Box to KBox)
 *   v.push(x)              →  v.push(x, GFP_KERNEL)?        (only where v is known to be a Vec)
 *   v.clone()              →  v.try_to_vec(GFP_KERNEL)?     (compat module)
 *
 * Crate-scoped so that `self.items.push(x)` can see `struct S { items: Vec<T> }`
 * declared in another file.
 */

const PATH_CALLS = `(call_expression
  function: (scoped_identifier path: (_) @path name: (identifier) @name)
  arguments: (arguments)) @call`;
const STRING_CTORS = `(call_expression
  function: (scoped_identifier path: (identifier) @t name: (identifier) @name
    (#eq? @t "String") (#match? @name "^(new|from|with_capacity|from_utf8)$"))
  arguments: (arguments)) @call`;
const METHOD_CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name
    (#match? @name "^(push|extend_from_slice|reserve|resize|insert|extend|append|clone|to_vec|reserve_exact|remove|drain|truncate|pop|clear|retain|swap_remove)$"))
  arguments: (arguments)) @call`;

const QUERIES = { pathCalls: PATH_CALLS, methodCalls: METHOD_CALLS, stringCtors: STRING_CTORS };

// Cheap exact pre-filter: a file without any of these names has nothing for this pass.
const RELEVANT = /\b(?:Vec|KVec|Box|KBox|Arc|String)\s*(?:::\s*<[^>]*>\s*)?::|\.\s*(?:push|extend_from_slice|reserve|resize|insert|extend|append|clone|to_vec|reserve_exact|remove|drain|truncate|pop|clear|retain|swap_remove)\s*\(/;

const GROWING: Record<string, { method: VecMethod; args: number }> = {
  push: { method: 'push', args: 1 },
  extend_from_slice: { method: 'extend_from_slice', args: 1 },
  reserve: { method: 'reserve', args: 1 },
  resize: { method: 'resize', args: 2 },
};
const OTHERS: Record<OtherVecMethod, number> = { remove: 1, drain: 1, truncate: 1, pop: 0, clear: 0, retain: 1 };

const NO_FORM: Record<string, { args: number; help: string }> = {
  insert: { args: 2, help: 'push to the end (`v.push(x, GFP_KERNEL)?`) and reorder, or reserve first and shift the tail by hand' },
  extend: { args: 1, help: 'push each item in a loop (`for x in it { v.push(x, GFP_KERNEL)?; }`), or `extend_from_slice(s, GFP_KERNEL)?` for a slice of clones' },
  append: { args: 1, help: '`v.extend_from_slice(&w, GFP_KERNEL)?; w.clear();` (elements must be Clone), or push them one by one with `w.drain_all()`' },
  reserve_exact: { args: 1, help: 'use `reserve(n, GFP_KERNEL)?`; the kernel vector has no exact variant' },
};

function basePathText(path: SyntaxNode): string {
  const base = path.type === 'generic_type' ? path.childForFieldName('type') : path;
  return base?.text.replace(/\s+/g, '') ?? '';
}

function runFile(ctx: FileContext, r: Resolver): void {
  const api = ctx.profile.alloc;
  const own = ownNames(ctx);
  const stdArc = importsStdArc(ctx);

  for (const m of ctx.matches('pathCalls')) {
    const path = m.captures.find((c) => c.name === 'path')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const base = basePathText(path);
    const fn = name.text;
    const n = argCount(call);
    const isVec = /^(?:(?:::)?(?:std|alloc)::vec::)?(?:Vec|KVec)$/.test(base) && !(own.has('Vec') && base === 'Vec');
    const isBox = /^(?:(?:::)?(?:std|alloc)::boxed::)?(?:Box|KBox)$/.test(base) && !(own.has('Box') && base === 'Box');
    const isArc = (/^(?:::)?(?:std|alloc)::sync::Arc$/.test(base) || (base === 'Arc' && stdArc)) && !own.has('Arc');
    if (isVec && fn === 'with_capacity' && n === 1) makeFallible(ctx, call, name, api.withCapacity, api.flags);
    else if (isVec && fn === 'from' && n === 1) {
      ctx.report({
        code: 'K0303',
        message: '`Vec::from(..)` allocates and the kernel vector has no fallible `from`',
        node: call,
        help: `build it with \`${api.vecType}::with_capacity(n, GFP_KERNEL)?\` and \`extend_from_slice(.., GFP_KERNEL)?\`, or \`kernel::kvec![..]?\` for a list of values`,
      });
    } else if (isBox && fn === 'new' && n === 1) {
      if (api.boxNew) makeFallible(ctx, call, name, api.boxNew, api.flags);
      else {
        ctx.report({
          code: 'K0301',
          message: `\`Box::new\` has no fallible form a module can call in the ${ctx.profile.id} kernel API`,
          node: call,
          help: '`Box::try_new` needs the unstable `allocator_api` feature, which the kernel build does not allow for modules before 6.10: keep the value inline, put it in a `Vec` (`try_push`), or use `Arc::try_new`',
        });
      }
    }
    else if (isArc && fn === 'new' && n === 1) makeFallible(ctx, call, name, api.arcNew, api.flags);
  }
  if (!own.has('String')) stringConstructors(ctx);

  for (const m of ctx.matches('methodCalls')) {
    const recv = m.captures.find((c) => c.name === 'recv')!.node;
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const method = name.text;
    const n = argCount(call);
    const grow = GROWING[method];
    if (grow && n !== grow.args) continue; // already the kernel form, or not Vec's method
    const none = NO_FORM[method];
    if (none && n !== none.args) continue;
    if ((method === 'clone' || method === 'to_vec') && n !== 0) continue;
    if (method === 'swap_remove' && n !== 1) continue;
    const other = method in OTHERS ? (method as OtherVecMethod) : undefined;
    if (other && n !== OTHERS[other]) continue;

    const t = r.typeOf(recv);
    if (method === 'to_vec') {
      if (t.k === 'vec' || t.k === 'slice') cloneToVec(ctx, call, name, t, recv);
      else if (t.k === 'unknown') {
        ctx.report({
          code: 'K0302',
          message: `\`${short(recv)}.to_vec()\` allocates; kport could not tell what \`${short(recv)}\` is`,
          node: call,
          help: api.tryToVec.native ? 'on a slice, use `.try_to_vec()?`' : 'on a slice or vector, use `.try_to_vec(GFP_KERNEL)?` from the kport compat module (kport adds it when it rewrites a call it can classify)',
        });
      }
      continue;
    }
    if (t.k !== 'vec') {
      if (t.k === 'unknown' && (grow || method === 'push')) {
        ctx.report({
          code: 'K0302',
          message: `\`.${method}(..)\` on \`${short(recv)}\`: kport could not tell whether it is a Vec, so left it alone`,
          node: call,
          help: `if it is a Vec, write \`${formText(api.methods[grow!.method]?.name ?? method, api.methods[grow!.method]?.flags ?? false, api.flags)}\` and give the variable a declared type so kport can see it`,
        });
      }
      continue;
    }
    if (method === 'clone') {
      cloneToVec(ctx, call, name, t, recv);
      continue;
    }
    if (method === 'swap_remove') {
      swapRemove(ctx, call, recv);
      continue;
    }
    if (other) {
      otherMethod(ctx, call, name, other);
      continue;
    }
    if (grow) {
      const form = api.methods[grow.method];
      if (form) makeFallible(ctx, call, name, form, api.flags);
      else {
        ctx.report({
          code: 'K0301',
          message: `\`Vec::${method}\` has no fallible form in the ${ctx.profile.id} kernel API`,
          node: call,
          help: method === 'resize' ? 'reserve the room (`reserve(n, GFP_KERNEL)?`) and push the new elements in a loop, or `truncate(n)` to shrink' : 'rewrite it with the fallible methods the profile has',
        });
      }
      continue;
    }
    if (none) {
      ctx.report({
        code: 'K0301',
        message: `\`Vec::${method}\` allocates and the kernel vector has no fallible \`${method}\``,
        node: call,
        help: none.help,
      });
    }
  }
}

/** `String::new(..)` and the other constructors, in code and in macro arguments (`vec![String::from("a")]`): reported. */
function stringConstructors(ctx: FileContext): void {
  for (const r of codeRegions(ctx.tree)) {
    if (!r.text.includes('String')) continue;
    for (const m of regionMatches(ctx, r, QUERIES, 'stringCtors')) {
      const call = m.captures.find((c) => c.name === 'call')!.node;
      if (isTestCode(ctx.tree, anchor(call, r))) continue;
      ctx.report({
        code: 'K0304',
        message: `\`String::${m.captures.find((c) => c.name === 'name')!.node.text}\` has no kernel equivalent: the kernel has no growable string`,
        range: fileRange(call, r),
        help: 'use `CString::try_from_fmt(fmt!(..))?` for an owned C string, `&CStr`/`c_str!` for constants, or a `KVec<u8>` byte buffer',
      });
    }
  }
}


function run(ctx: CrateContext): void {
  const model = ctx.model;
  for (const f of ctx.files) if (RELEVANT.test(f.text)) runFile(f, model.resolver(f));
}

export const allocCalls: CrateTransform = {
  id: 'alloc-calls',
  scope: 'crate',
  summary: 'Rewrite allocating Vec/Box/Arc constructors and Vec methods to the profile\'s fallible forms.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  // Every text RELEVANT can match holds one of these.
  words: ['Vec', 'Box', 'Arc', 'String', 'push', 'extend', 'reserve', 'resize', 'insert', 'append', 'clone', 'to_vec', 'remove', 'drain', 'truncate', 'pop', 'clear', 'retain'],
  queries: QUERIES,
  uses: [OWN_NAMES_QUERIES, TABLE_QUERIES, MACROS_QUERY],
  run,
  codes: [
    {
      code: 'K0301',
      severity: 'error',
      title: 'a Vec method that allocates has no fallible form in this kernel API',
      explanation: `The kernel vector only has the fallible growing methods its kernel version
defines (mainline: push, extend_from_slice, reserve, resize, each taking GFP
flags; no insert, extend, append or reserve_exact; 6.13 and 6.10 have no resize).
kport leaves the call as it is and it will not build.

Before:
    v.insert(0, x);
After (by hand):
    v.push(x, GFP_KERNEL)?;
    v.rotate_right(1);`,
    },
    {
      code: 'K0302',
      severity: 'note',
      title: 'an allocating call on a receiver kport could not classify',
      explanation: `kport rewrites \`push\`, \`extend_from_slice\`, \`reserve\`, \`resize\`,
\`clone\` and \`to_vec\` only where it can see that the receiver is a Vec (a
declared type, a constructor, a struct field). This one it could not classify,
so it left it alone: if it is a Vec, the compiler will point at it. Give the
variable a declared type (\`let v: Vec<u8> = ..\`) and run kport again.

Before:
    let v = make();
    v.push(1);
After (by hand, or after adding \`let v: Vec<u8>\`):
    v.push(1, GFP_KERNEL)?;`,
    },
    {
      code: 'K0303',
      severity: 'error',
      title: '`Vec::from` has no fallible kernel equivalent',
      explanation: `The kernel vector implements From only for a KBox of an array (no
allocation). Converting a slice, an array or a string allocates and must be
written with the fallible constructors.

Before:
    let v = Vec::from([1, 2, 3]);
After:
    let v = kernel::kvec![1, 2, 3]?;`,
    },
    {
      code: 'K0304',
      severity: 'error',
      title: 'String constructor: the kernel has no String',
      explanation: `Rust-for-Linux has no growable String. Owned C strings are
\`CString::try_from_fmt(fmt!(..))?\` (rust/kernel/str.rs), constants are
\`c_str!("..")\`, and byte buffers are \`KVec<u8>\`.

Before:
    let s = String::from("eth0");
After:
    let s = c_str!("eth0");`,
    },
    {
      code: 'K0305',
      severity: 'error',
      title: 'clone of a vector whose elements are vectors or boxes',
      explanation: `The kernel's KVec and KBox are not Clone, so a vector of them cannot be
copied with one fallible call. Copy the elements one by one.

Before:
    let grid2 = grid.clone();   // Vec<Vec<u8>>
After (by hand):
    let mut grid2 = KVec::with_capacity(grid.len(), GFP_KERNEL)?;
    for row in grid.iter() {
        grid2.push(row.try_to_vec(GFP_KERNEL)?, GFP_KERNEL)?;
    }`,
    },
    {
      code: 'K0330',
      severity: 'note',
      title: '`swap_remove` became `swap` and `pop`, and still panics out of bounds',
      explanation: `The kernel vector has no \`swap_remove\` (rust/kernel/alloc/kvec.rs has \`pop\`,
\`remove\` and \`truncate\`). kport rewrites a \`swap_remove\` whose result is unused
into the slice's \`swap\` with the last element followed by \`pop\`: the same elements
end in the same places, and an index out of bounds still panics (in \`swap\`, or at
\`len() - 1\` on an empty vector). A panic in the kernel is an oops: where the index
is not checked just before, check it and return an error. A \`swap_remove\` whose
result is used is reported instead (K0301): after the swap, \`pop()\` returns it.

Before:
    v.swap_remove(i);
After:
    {
        let last = v.len() - 1;
        v.swap(i, last);
        v.pop();
    }`,
    },
  ],
};
