// The explicit, ordered list of transforms. Order is composition: each pass
// sees the text the previous one produced. Add new transforms here, in place.
import type { Transform } from './types.ts';
import { printMacros } from '../transforms/print-macros.ts';
import { preludeImport } from '../transforms/prelude-import.ts';

export const TRANSFORMS: readonly Transform[] = [
  printMacros,
  // prelude-import runs last: it looks at the names the other passes introduced.
  preludeImport,
];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
