/**
 * fallible-propagation: a function that now contains a fallible site (`?`)
 * it cannot use returns `Result`, and every caller in the crate gets `?`, to
 * a fixpoint. The work is in fallible-propagation/: propagation.ts (the
 * fixpoint and the edits), syntax.ts (questions about the code), codes.ts.
 *
 *   fn add(v: &mut KVec<u8>) {              fn add(v: &mut KVec<u8>) -> Result {
 *       v.push(1, GFP_KERNEL)?;       →         v.push(1, GFP_KERNEL)?;
 *   }                                           Ok(())
 *                                           }
 *   fn run(v: &mut KVec<u8>) { add(v); }    fn run(v: &mut KVec<u8>) -> Result { add(v)?; Ok(()) }
 */
import type { CrateContext, CrateTransform } from '../src/engine/types.ts';
import { CODES } from './fallible-propagation/codes.ts';
import { Propagation } from './fallible-propagation/propagation.ts';
import { TRY } from './fallible-propagation/syntax.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';

function run(ctx: CrateContext): void {
  if (!ctx.files.some((f) => f.text.includes('?'))) return;
  new Propagation(ctx.model.prefetch((f) => [f.text.includes('?') && TRY], { index: true }).index(), ctx).run();
}

export const falliblePropagation: CrateTransform = {
  id: 'fallible-propagation',
  scope: 'crate',
  summary: 'Make every function that now contains a fallible `?` return `Result`, and add `?` at its calls across the crate, to a fixpoint.',
  docs: `After the allocation rewrites, \`v.push(x, GFP_KERNEL)?\` and friends sit in
functions that return \`()\` or a plain value, and a \`?\` there does not compile.
This crate-wide pass finishes the job (kernel \`Result\` is
\`kernel::error::Result<T = (), E = Error>\`, rust/kernel/error.rs):

- the function's signature becomes \`-> Result\` (from \`()\`) or \`-> Result<T>\`;
  its tail becomes \`Ok(..)\` (through \`if\`, \`match\` and block tails), and
  \`return;\`/\`return e;\` become \`return Ok(());\`/\`return Ok(e);\` (not those of
  nested closures or items);
- every call of it in the crate gets \`?\`, which may make the caller fallible
  in turn, until nothing changes. Calls resolve by module path (\`f()\`,
  \`crate::a::f()\`, \`super::f()\`, \`use\`d names), \`Self::f\`/\`Type::f\`, \`self.f()\`,
  receivers whose type is visible, or a method name unique in the crate;
  anything else is reported (K0406), never guessed. Calls already handled
  (\`let _ = f()\`, \`match f() { Ok(..) .. }\`, \`f().ok()\`, \`if let Ok(..) = f()\`)
  stay as they are;
- a crate trait's method changes with all its impls;
- a call in a macro's arguments gets its \`?\` right after its tokens when the
  macro's arguments are expressions run where it is written (print, format,
  \`write!\`, \`assert*!\`, \`dbg!\`, \`vec!\`/\`kvec!\`, \`matches!\`); inside a
  closure written there it is reported (K0402); inside \`stringify!\`-like
  macros it is text and stays; inside a crate \`macro_rules!\` macro or an
  unknown one it stays and is reported (K0415);
- a local variable (\`let\`, parameter, \`for\` pattern) named like a crate
  function shadows it: its calls are not the function's;
- an allocation failure never becomes another value: a function returning
  \`Option<T>\` becomes \`Result<Option<T>>\` (its \`Some(x)\`/\`None\` tails and
  returns become \`Ok(Some(x))\`/\`Ok(None)\`, its own \`let x = opt?;\` becomes
  \`let Some(x) = opt else { return Ok(None) };\` and any other \`opt?\` a
  \`match\` that returns \`Ok(None)\`), and its callers' \`f(..)?\` is the
  \`Option\` again; \`bool\` and sentinel values become \`Result<bool>\`/\`Result<T>\`
  like any value. Where that cannot be done exactly (a fixed signature such
  as \`Iterator::next\`, an \`Option\` \`?\` inside macro arguments, a closure
  returning \`Option\`) the function is left as it is and an error names the
  decision (K0403, K0409);
- \`Result<T, E>\` with a crate error enum \`E\` gets the \`From\` impls its \`?\`
  need (\`AllocError\` for an allocation, the kernel \`Error\` for \`try_collect\`
  and changed calls), to a variant holding the kernel error, its one "out of
  memory" unit variant, or an \`OutOfMemory\` kport adds where nothing names
  every variant (K0407, K0410); otherwise, and for other \`E\`, \`?\` stays
  and an error says why (K0404, K0405);
- where the signature cannot change (\`Drop::drop\`, impls of traits from
  outside the crate, closures) the \`?\` stays and an error says which
  decision is left (K0401, K0402);
- \`fn main\` of a crate root keeps its signature: module-entry makes it
  \`Module::init\`, which returns \`Result<Self>\`.

Before:
    fn fill(v: &mut KVec<u32>, n: u32) {
        for i in 0..n {
            v.push(i, GFP_KERNEL)?;
        }
    }

    fn total(n: u32) -> u32 {
        let mut v = KVec::new();
        fill(&mut v, n);
        v.iter().sum()
    }
After:
    fn fill(v: &mut KVec<u32>, n: u32) -> Result {
        for i in 0..n {
            v.push(i, GFP_KERNEL)?;
        }
        Ok(())
    }

    fn total(n: u32) -> Result<u32> {
        let mut v = KVec::new();
        fill(&mut v, n)?;
        Ok(v.iter().sum())
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  codes: CODES,
  run,
};
