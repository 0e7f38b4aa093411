// Kernel API generations as data. Transforms read these fields; they never
// test a profile's id. Every fact cites the kernel file it was checked against.
// Release boundaries and sources: docs/profiles.md.
import { STD_PATHS, type StdPathTable } from './kernel-api/std-paths.ts';

import { ALLOC_MAINLINE, ALLOC_V6_13, ALLOC_V6_10, ALLOC_V6_1, type AllocApi } from './kernel-api/alloc.ts';
import { TIME_API, type TimeApi } from './kernel-api/time.ts';

export type ProfileId = 'mainline' | 'v6.13' | 'v6.10' | 'v6.1';

export const PROFILE_IDS: readonly ProfileId[] = ['mainline', 'v6.13', 'v6.10', 'v6.1'];
export const DEFAULT_PROFILE: ProfileId = 'mainline';

export interface Profile {
  id: ProfileId;
  /** Human description of the kernel range. */
  kernels: string;
  /** Path that replaces `std::fmt` (`kernel::fmt` on mainline, `core::fmt` before). */
  fmtPath: string;
  /** `module!` author key form: `authors: [..]` from v6.15 on, `author: ".."` before (see MODULE_AUTHORS). */
  moduleAuthors: 'authors' | 'author';
  /** Where each std/alloc path goes (src/kernel-api/std-paths.ts). */
  stdPaths: StdPathTable;
  /** When the `module!` author keys changed (rust/macros/module.rs history). */
  moduleAuthorKeys: typeof MODULE_AUTHORS;
  print: {
    /** Macro for `print!`: the kernel exports `pr_cont!` at the crate root, not in the prelude (rust/kernel/print.rs). */
    cont: string;
  };
  /** Fallible allocation forms (src/kernel-api/alloc.ts). */
  alloc: AllocApi;
  /**
   * `--io miscdev` can be generated: on the whole kernel range `MiscDevice` has
   * `read_iter`/`write_iter` with `kernel::fs::Kiocb` and `kernel::iov` (6.18 on),
   * `kernel::sync::global_lock!` (6.13 on) and `&CStr` is `core::ffi::CStr` so a
   * `c"name"` literal is a misc device name. Sources: docs/profiles.md
   * ("Interaction API: misc devices, locks, pin-init"); the shape: templates/miscdev.rs.
   */
  miscdevIo: boolean;
  /** Clock and sleep forms (src/kernel-api/time.ts). */
  time: TimeApi;
}

const print = { cont: 'kernel::pr_cont' };

/**
 * rust/macros/module.rs: `authors: [..]` arrived in v6.15 (commit 38559da6afb2
 * "rust: module: introduce `authors` key", in the rust-6.15 pull; `author:` kept
 * beside it); `author:` was then removed ("rust: module: remove deprecated author
 * key", posted June 2025 and queued for the following merge window, v6.17).
 */
export const MODULE_AUTHORS = { authorsSince: 'v6.15', authorRemovedIn: 'v6.17' } as const;

export const PROFILES: Record<ProfileId, Profile> = {
  mainline: {
    id: 'mainline',
    kernels: 'mainline from 6.19 (kernel::fmt has its own Display)',
    fmtPath: 'kernel::fmt',
    moduleAuthors: 'authors',
    stdPaths: STD_PATHS['mainline'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_MAINLINE,
    miscdevIo: true,
    time: TIME_API['mainline'],
  },
  'v6.13': {
    id: 'v6.13',
    kernels: '6.13 to 6.18 (before kernel::fmt has its own Display)',
    fmtPath: 'core::fmt',
    // 6.13 and 6.14 know only `author:` (it works up to MODULE_AUTHORS.authorRemovedIn);
    // no one key spans 6.13-6.18, so module-entry says so (K0502).
    moduleAuthors: 'author',
    moduleAuthorKeys: MODULE_AUTHORS,
    stdPaths: STD_PATHS['v6.13'],
    print,
    alloc: ALLOC_V6_13,
    miscdevIo: false,
    time: TIME_API['v6.13'],
  },
  'v6.10': {
    id: 'v6.10',
    kernels: '6.10 to 6.12',
    fmtPath: 'core::fmt',
    moduleAuthors: 'author',
    stdPaths: STD_PATHS['v6.10'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_V6_10,
    miscdevIo: false,
    time: TIME_API['v6.10'],
  },
  'v6.1': {
    id: 'v6.1',
    kernels: '6.1 to 6.9',
    fmtPath: 'core::fmt',
    moduleAuthors: 'author',
    stdPaths: STD_PATHS['v6.1'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_V6_1,
    miscdevIo: false,
    time: TIME_API['v6.1'],
  },
};

export function isProfileId(s: string): s is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(s);
}

export function getProfile(id: ProfileId): Profile {
  return PROFILES[id];
}
