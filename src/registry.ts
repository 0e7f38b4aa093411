// The explicit, ordered list of transforms. Order is composition: each pass
// sees the text the previous one produced. Add new transforms here, in place.
import type { Transform } from './types.ts';
import { printMacros } from '../transforms/print-macros.ts';
import { preludeImport } from '../transforms/prelude-import.ts';

export const TRANSFORMS: readonly Transform[] = [
  // 1. Report-only portability checks: they look at the code as written.
  // 2. Paths: std → core/kernel.
  // 3. Printing.
  printMacros,
  // 4. Allocation: Vec/Box/collect → fallible kernel forms.
  // 5. Crate passes: fallibility propagation, then module entry.
  // 6. Last: the prelude import, for the names the passes above introduced.
  preludeImport,
];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
