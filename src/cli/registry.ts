// The explicit, ordered list of transforms. Order is composition: each pass
// sees the text the previous one produced. Add new transforms here, in place.
import type { Transform } from '../engine/types.ts';
import { printMacros } from '../../transforms/print-macros.ts';
import { fmtWrite } from '../../transforms/fmt-write.ts';
import { preludeImport } from '../../transforms/prelude-import.ts';
import { allocCalls } from '../../transforms/alloc-calls.ts';
import { allocCollect } from '../../transforms/alloc-collect.ts';
import { allocSlices } from '../../transforms/alloc-slices.ts';
import { allocMacros } from '../../transforms/alloc-macros.ts';
import { allocCompat } from '../../transforms/alloc-compat.ts';
import { allocTypes } from '../../transforms/alloc-types.ts';
import { falliblePropagation } from '../../transforms/fallible-propagation.ts';
import { timeApi } from '../../transforms/time-api.ts';
import { stdErrorImpls } from '../../transforms/std-error-impls.ts';
import { stdPaths } from '../../transforms/std-paths.ts';
import { checkPanics } from '../../transforms/check-panics.ts';
import { checkStrings } from '../../transforms/check-strings.ts';
import { checkFloats } from '../../transforms/check-floats.ts';
import { checkFmtDisplay } from '../../transforms/check-fmt-display.ts';
import { checkRecursion } from '../../transforms/check-recursion.ts';
import { checkStackArrays } from '../../transforms/check-stack-arrays.ts';
import { checkStaticMut } from '../../transforms/check-static-mut.ts';
import { checkDynError } from '../../transforms/check-dyn-error.ts';
import { checkExternalCrates } from '../../transforms/check-external-crates.ts';
import { moduleEntry } from '../../transforms/module-entry.ts';
import { ioMiscdev } from '../../transforms/io-miscdev.ts';
import { checkStdApi } from '../../transforms/check-std-api.ts';
import { compatStringTypes } from '../../transforms/compat-string-types.ts';
import { compatStringNew } from '../../transforms/compat-string-new.ts';
import { compatFormat } from '../../transforms/compat-format.ts';
import { compatStringMethods } from '../../transforms/compat-string-methods.ts';
import { compatCollectionTypes } from '../../transforms/compat-collection-types.ts';
import { compatCollectionMethods } from '../../transforms/compat-collection-methods.ts';
import { compatRc } from '../../transforms/compat-rc.ts';
import { compatText } from '../../transforms/compat-text.ts';
import { compatMapCollect } from '../../transforms/compat-map-collect.ts';
import { compatStableSort } from '../../transforms/compat-stable-sort.ts';

/**
 * A phase: consecutive transforms that do not need to see each other's edits.
 * They all see the same text and tree; their edits are recorded against it
 * and merged (an overlap abandons the file, K0001), so a changed file is
 * parsed again once per phase, and their declared queries run as one walk
 * of each file (src/engine/pipeline.ts).
 */
export interface Phase {
  name: string;
  /** One line for `kport transforms`. */
  summary: string;
  transforms: readonly Transform[];
}

export const PHASES: readonly Phase[] = [
  // 1. Report-only portability checks: they look at the code as written. They lead the
  //    phase of io-miscdev, which sees that same text.
  // 2. `--io miscdev`: main's stdin loop becomes a device (sees println! and std::io as written).
  {
    name: 'checks',
    summary: 'report-only portability checks on the code as written; `--io miscdev`',
    transforms: [checkPanics, checkStrings, checkFloats, checkFmtDisplay, checkRecursion, checkStackArrays, checkStaticMut, checkDynError, checkExternalCrates, ioMiscdev],
  },
  // 2b. Owned std types → the compat module's fallible types (src/compat/): `String` → `KString`,
  //     `format!` → `kformat!`. After io-miscdev, which reads main's line `String` as written;
  //     before the path and allocation passes, which then see the kernel forms. With
  //     `--compat none` they do nothing and check-strings reports as before.
  // `HashMap`/`BTreeMap` → `Map`, `HashSet`/`BTreeSet` → `Set`, `VecDeque` → `Deque` first, so
  // the string passes see what a collection holds (`for name in &names` over a `Set<String>`).
  { name: 'compat-collections', summary: "std collections become the compat module's", transforms: [compatCollectionTypes] },
  { name: 'compat-string-types', summary: "the `String` type and its constructors become the compat module's", transforms: [compatStringTypes, compatStringNew] },
  // `.map(|x| x.to_string()).collect()` into text: the pair, before compat-format and alloc-collect port each.
  { name: 'compat-map-collect', summary: 'text made in a `map` and collected becomes fallible items collected by `try_collect_ok`', transforms: [compatMapCollect] },
  { name: 'compat-format', summary: '`format!` and `.to_string()` become fallible', transforms: [compatFormat] },
  // `repeat` on text → `try_repeat`, a `join` only formatted → `display_join` (before
  // compat-string-methods, which makes every other `join` a `try_join`, and alloc-slices).
  { name: 'compat-text', summary: '`repeat` on text becomes fallible; a `join` only formatted allocates nothing', transforms: [compatText] },
  { name: 'compat-string-methods', summary: 'string methods become fallible', transforms: [compatStringMethods] },
  // The collections' methods after the string passes: a lookup in a `Map<KString, _>` by
  // a `&str` needs the key type they wrote.
  // `Rc` → the kernel's `Arc` (before std-paths, which reports an `Rc` left as written, and
  // alloc-calls, which makes `Arc::new` fallible).
  // A stable sort whose ties show → the compat stable insertion sort (before alloc-slices,
  // which renames the sorts whose ties cannot show and reports the rest).
  { name: 'compat-methods', summary: "collection methods become fallible; `Rc` becomes the kernel's `Arc`; stable sorts the compat one", transforms: [compatCollectionMethods, compatRc, compatStableSort] },
  // 3. Paths: std → core/kernel. The time API first: it owns clocks and sleeps
  //    (`std::time::Instant`, `thread::sleep`), which std-paths leaves to it.
  { name: 'time', summary: "clocks and sleeps become the kernel's time API", transforms: [timeApi] },
  { name: 'error-impls', summary: 'empty `impl std::error::Error` blocks go', transforms: [stdErrorImpls] },
  // 4. Printing (and, on mainline, `write!` of kernel-Display values through `fmt!`).
  { name: 'paths', summary: "std paths and printing become the kernel's", transforms: [stdPaths, printMacros, fmtWrite] },
  // 5. Allocation: Vec/Box/collect → fallible kernel forms.
  { name: 'alloc-calls', summary: 'allocating calls become fallible', transforms: [allocCalls] },
  { name: 'alloc-collect', summary: '`collect` becomes fallible', transforms: [allocCollect] },
  { name: 'alloc', summary: 'slices and `vec!` become fallible', transforms: [allocSlices, allocMacros] },
  // The compat module is assembled from the pieces the allocation passes used.
  { name: 'alloc-module', summary: "the compat module the port uses; the kernel's vector and box types", transforms: [allocCompat, allocTypes] },
  // 6. Crate passes: fallibility propagation, then (after 7) module entry.
  { name: 'propagation', summary: 'functions that can now fail return `Result`, callers get `?`', transforms: [falliblePropagation] },
  // 7. What is left: every alloc/std-only API no pass ported (report-only). Before
  //    module-entry, which rewrites `main` as a whole (positions in it would be lost).
  { name: 'module', summary: 'what is left is reported; `main` becomes the module', transforms: [checkStdApi, moduleEntry] },
  // 8. Last: the prelude import, for the names the passes above introduced.
  { name: 'prelude', summary: 'the prelude import', transforms: [preludeImport] },
];

export const TRANSFORMS: readonly Transform[] = PHASES.flatMap((p) => p.transforms);

const PHASE_OF = new Map(PHASES.flatMap((p) => p.transforms.map((t) => [t, p.name] as const)));

/** The phase a transform belongs to (RunOptions.phaseOf). */
export function phaseOf(t: Transform): string | undefined {
  return PHASE_OF.get(t);
}

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
