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

export const TRANSFORMS: readonly Transform[] = [
  // 1. Report-only portability checks: they look at the code as written.
  checkPanics,
  checkStrings,
  checkFloats,
  checkFmtDisplay,
  checkRecursion,
  checkStackArrays,
  checkStaticMut,
  checkDynError,
  checkExternalCrates,
  // 2. `--io miscdev`: main's stdin loop becomes a device (sees println! and std::io as written).
  ioMiscdev,
  // 2b. Owned std types → the compat module's fallible types (src/compat/): `String` → `KString`,
  //     `format!` → `kformat!`. After io-miscdev, which reads main's line `String` as written;
  //     before the path and allocation passes, which then see the kernel forms. With
  //     `--compat none` they do nothing and check-strings reports as before.
  // `HashMap`/`BTreeMap` → `Map`, `HashSet`/`BTreeSet` → `Set`, `VecDeque` → `Deque` first, so
  // the string passes see what a collection holds (`for name in &names` over a `Set<String>`).
  compatCollectionTypes,
  compatStringTypes,
  compatStringNew,
  compatFormat,
  compatStringMethods,
  // The collections' methods after the string passes: a lookup in a `Map<KString, _>` by
  // a `&str` needs the key type they wrote.
  compatCollectionMethods,
  // `Rc` → the kernel's `Arc` (before std-paths, which reports an `Rc` left as written, and
  // alloc-calls, which makes `Arc::new` fallible).
  compatRc,
  // 3. Paths: std → core/kernel. The time API first: it owns clocks and sleeps
  //    (`std::time::Instant`, `thread::sleep`), which std-paths leaves to it.
  timeApi,
  stdErrorImpls,
  stdPaths,
  // 4. Printing (and, on mainline, `write!` of kernel-Display values through `fmt!`).
  printMacros,
  fmtWrite,
  // 5. Allocation: Vec/Box/collect → fallible kernel forms.
  allocCalls,
  allocCollect,
  allocSlices,
  allocMacros,
  allocCompat,
  allocTypes,
  // 6. Crate passes: fallibility propagation, then (after 7) module entry.
  falliblePropagation,
  // 7. What is left: every alloc/std-only API no pass ported (report-only). Before
  //    module-entry, which rewrites `main` as a whole (positions in it would be lost).
  checkStdApi,
  moduleEntry,
  // 8. Last: the prelude import, for the names the passes above introduced.
  preludeImport,
];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
