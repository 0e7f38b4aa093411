// Kernel API generations as data. Transforms read these fields; they never
// test a profile's id. Every fact cites the kernel file it was checked against.
// Release boundaries and sources: docs/profiles.md.
import { STD_PATHS, type StdPathTable } from './std-paths.ts';
import { UsageError } from '../engine/errors.ts';

import { ALLOC_MAINLINE, ALLOC_V6_15, ALLOC_V6_13, ALLOC_V6_10, ALLOC_V6_1, type AllocApi } from './alloc.ts';
import { TIME_API, type TimeApi } from './time.ts';
import { RBTREE_6_12, RBTREE_6_19, type RbtreeApi } from './rbtree.ts';

export type ProfileId = 'mainline' | 'v6.19' | 'v6.17' | 'v6.15' | 'v6.13' | 'v6.10' | 'v6.1';

/** Newest first. Each released profile is named by the first release of its range. */
export const PROFILE_IDS: readonly ProfileId[] = ['mainline', 'v6.19', 'v6.17', 'v6.15', 'v6.13', 'v6.10', 'v6.1'];
export const DEFAULT_PROFILE: ProfileId = 'mainline';

export interface Profile {
  id: ProfileId;
  /** Human description of the kernel range. */
  kernels: string;
  /**
   * The releases the profile covers: `first` to `last` (`last` absent: the
   * development tree, `mainline`). Boundaries and the commits behind them:
   * docs/profiles.md ("Release boundaries").
   */
  range: { first: string; last?: string };
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
  /** The red-black tree the compat collections are built on (src/kernel-api/rbtree.ts); null where not every release has it. */
  rbtree: RbtreeApi | null;
}

const print = { cont: 'kernel::pr_cont' };

/**
 * rust/macros/module.rs: `authors: [..]` arrived in v6.15 (commit 38559da6afb2
 * "rust: module: introduce `authors` key", in the rust-6.15 pull; `author:` kept
 * beside it); `author:` was then removed ("rust: module: remove deprecated author
 * key", posted June 2025 and queued for the following merge window, v6.17).
 */
export const MODULE_AUTHORS = { authorsSince: 'v6.15', authorRemovedIn: 'v6.17' } as const;

/** The date of the mainline tree the `mainline` profile models (docs/profiles.md). */
export const MAINLINE_AS_OF = '2026-08-18 (the 7.3 merge window: "Merge tag \'rust-7.3\'", d24f5cdbeff8)';

export const PROFILES: Record<ProfileId, Profile> = {
  mainline: {
    id: 'mainline',
    kernels: 'the development tree (7.3 merge window, 2026-08-18)',
    range: { first: '7.3' },
    fmtPath: 'kernel::fmt',
    moduleAuthors: 'authors',
    stdPaths: STD_PATHS['mainline'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_MAINLINE,
    miscdevIo: true,
    time: TIME_API['mainline'],
    rbtree: RBTREE_6_19,
  },
  'v6.19': {
    id: 'v6.19',
    kernels: '6.19 to 7.2 (kernel::fmt has its own Display; CStr is core::ffi::CStr)',
    range: { first: '6.19', last: '7.2' },
    fmtPath: 'kernel::fmt',
    moduleAuthors: 'authors',
    stdPaths: STD_PATHS['v6.19'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_MAINLINE,
    miscdevIo: true,
    time: TIME_API['v6.19'],
    rbtree: RBTREE_6_19,
  },
  'v6.17': {
    id: 'v6.17',
    kernels: '6.17 to 6.18 (Instant<Monotonic> and fsleep; authors: only)',
    range: { first: '6.17', last: '6.18' },
    fmtPath: 'core::fmt',
    moduleAuthors: 'authors',
    stdPaths: STD_PATHS['v6.17'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_MAINLINE,
    // MiscDevice::read_iter/write_iter came in 6.18, not 6.17.
    miscdevIo: false,
    time: TIME_API['v6.17'],
    rbtree: RBTREE_6_12,
  },
  'v6.15': {
    id: 'v6.15',
    kernels: '6.15 to 6.16 (author: and authors: both; no clock type spans it)',
    range: { first: '6.15', last: '6.16' },
    fmtPath: 'core::fmt',
    // 6.15 and 6.16 take both keys; `authors` keeps working on later kernels.
    moduleAuthors: 'authors',
    stdPaths: STD_PATHS['v6.15'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_V6_15,
    miscdevIo: false,
    time: TIME_API['v6.15'],
    rbtree: RBTREE_6_12,
  },
  'v6.13': {
    id: 'v6.13',
    kernels: '6.13 to 6.14 (KVec/KBox; Ktime; author: only)',
    range: { first: '6.13', last: '6.14' },
    fmtPath: 'core::fmt',
    // 6.13 and 6.14 know only `author:` (kept up to MODULE_AUTHORS.authorRemovedIn).
    moduleAuthors: 'author',
    moduleAuthorKeys: MODULE_AUTHORS,
    stdPaths: STD_PATHS['v6.13'],
    print,
    alloc: ALLOC_V6_13,
    miscdevIo: false,
    time: TIME_API['v6.13'],
    rbtree: RBTREE_6_12,
  },
  'v6.10': {
    id: 'v6.10',
    kernels: '6.10 to 6.12',
    range: { first: '6.10', last: '6.12' },
    fmtPath: 'core::fmt',
    moduleAuthors: 'author',
    stdPaths: STD_PATHS['v6.10'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_V6_10,
    miscdevIo: false,
    time: TIME_API['v6.10'],
    rbtree: null,
  },
  'v6.1': {
    id: 'v6.1',
    kernels: '6.1 to 6.9',
    range: { first: '6.1', last: '6.9' },
    fmtPath: 'core::fmt',
    moduleAuthors: 'author',
    stdPaths: STD_PATHS['v6.1'],
    moduleAuthorKeys: MODULE_AUTHORS,
    print,
    alloc: ALLOC_V6_1,
    miscdevIo: false,
    time: TIME_API['v6.1'],
    rbtree: null,
  },
};

export function isProfileId(s: string): s is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(s);
}

export function getProfile(id: ProfileId): Profile {
  return PROFILES[id];
}

/** `6.16` → [6, 16] for comparing releases; undefined when `v` is not a release number. */
function release(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * The profile a `--profile` value names: a profile id (`v6.15`), or any release
 * number (`6.16`, `v7.1`) inside a profile's range. Throws with the list of
 * profiles and their ranges when nothing matches.
 */
export function resolveProfile(name: string): ProfileId {
  if (isProfileId(name)) return name;
  const r = release(name);
  if (r) {
    for (const id of PROFILE_IDS) {
      const { first, last } = PROFILES[id].range;
      if (!before(r, release(first)!) && (!last || !before(release(last)!, r))) return id;
    }
  }
  throw new ProfileError(name);
}

/** The one-line list of profiles with their ranges, for messages. */
export function profileList(): string {
  return PROFILE_IDS.map((id) => {
    const { first, last } = PROFILES[id].range;
    return `${id} (${last ? (first === last ? first : `${first}-${last}`) : `${first} development tree`})`;
  }).join(', ');
}

export class ProfileError extends UsageError {
  constructor(name: string) {
    super(`unknown profile \`${name}\`: give one of ${profileList()}, or a release number in one of those ranges`);
  }
}
