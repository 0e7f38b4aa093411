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
import { QUERIES } from './fallible-propagation/syntax.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { INDEX_QUERIES } from '../src/crate/crate-index.ts';
import { RESULT_WRAP_QUERIES } from '../src/rewrite/result-wrap.ts';

function run(ctx: CrateContext): void {
  if (!ctx.files.some((f) => f.text.includes('?'))) return;
  new Propagation(ctx.model.index(), ctx).run();
}

export const falliblePropagation: CrateTransform = {
  id: 'fallible-propagation',
  scope: 'crate',
  summary: 'Make every function that now contains a fallible `?` return `Result`, and add `?` at its calls across the crate, to a fixpoint.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['?'],
  queries: QUERIES,
  codes: CODES,
  uses: [INDEX_QUERIES, RESULT_WRAP_QUERIES],
  run,
};
