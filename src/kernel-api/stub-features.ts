// What the verify stub (stub/kernel/lib.rs) models for each profile, as data:
// every item of the stub that not all covered kernels have is behind
// `#[cfg(kport_has = "<feature>")]`, and `kport verify --profile P` builds the
// stub with the features every release of P's range has. Each feature names the
// release it arrived in and the source; docs/profiles.md is the long form.
import type { ProfileId } from './profiles.ts';

export interface StubFeature {
  /** First release that has it (`mainline`: the development tree only, arrival not established earlier). */
  since: string;
  /** Last release that has it, when it went away. */
  until?: string;
  what: string;
  source: string;
}

export const STUB_FEATURES = {
  time_ktime: { since: '6.10', until: '6.15', what: '`kernel::time::Ktime` (`ktime_get`, `to_ms`, `to_ns`, `Ktime - Ktime`)', source: 'rust/kernel/time.rs ("rust: time: Add Ktime"); replaced by Instant/Delta in 6.16' },
  module_author: { since: '6.1', until: '6.16', what: '`module!` key `author: ".."`', source: 'rust/macros/module.rs; removed by "rust: module: remove deprecated author key" (applied to rust-next 2025-06-24, so 6.17)' },
  module_authors: { since: '6.15', what: '`module!` key `authors: [..]`', source: 'rust/macros/module.rs: 38559da6afb2 "rust: module: introduce `authors` key" (Rust pull for 6.15)' },
  prelude_pin_init: { since: '6.15', what: 'prelude `InPlaceWrite`, `Zeroable` (`pub use pin_init::{..}`)', source: 'rust/kernel/prelude.rs (the pin-init crate, 6.15)' },
  kbox_coerce: { since: '6.16', what: '`KBox<T>` coerces to `KBox<dyn Trait>` (`CoerceUnsized`/`DispatchFromDyn`, or `derive(CoercePointee)`)', source: 'rust/kernel/alloc/kbox.rs: "rust: alloc: allow coercion from `Box<T>` to `Box<dyn U>` if T implements U" (Alexandre Courbot; Rust pull for 6.16)' },
  kvec_remove: { since: '6.16', what: '`KVec::remove(i) -> Result<T, RemoveError>`, `retain`', source: 'rust/kernel/alloc/kvec.rs, kvec/errors.rs' },
  rbtree_is_empty: { since: '6.17', what: '`RBTree::is_empty`', source: 'rust/kernel/rbtree.rs ("rust: rbtree: add RBTree::is_empty", Alice Ryhl, posted 2025-06-16 on v6.16-rc1)' },
  time_instant: { since: '6.17', what: '`Instant<C: ClockSource>`, `Monotonic`/`RealTime`/`BootTime`/`Tai`, `Delta`, `time::delay::fsleep`', source: 'rust/kernel/time.rs, time/delay.rs: 768dfbfc98e2, d4b29ddf82a4 (Rust pull for 6.17)' },
  fmt_reexport: { since: '6.17', until: '6.18', what: '`kernel::fmt` as a re-export of `core::fmt`', source: 'rust/kernel/fmt.rs: bda947d613f1 "rust: kernel: add `fmt` module" (Rust pull for 6.17)' },
  time_delta_ops: { since: '6.18', what: '`Delta + - * /`, `Instant ± Delta`, `rem_nanos`', source: 'rust/kernel/time.rs: 4521438fb076, 22b65a40574e (6.18 window)' },
  sync_atomic: { since: '6.18', what: '`kernel::sync::atomic::{Atomic, Relaxed, Acquire, Release, Full}`', source: 'rust/kernel/sync/atomic.rs, atomic/ordering.rs ("[tip: locking/core] rust: sync: atomic: Add generic atomics", Boqun Feng, 2025-09)' },
  iov_kiocb: { since: '6.18', what: '`kernel::iov`, `fs::Kiocb`, `MiscDevice::read_iter`/`write_iter`', source: 'rust/kernel/iov.rs, fs/kiocb.rs, miscdevice.rs (char-misc-next 2025-09-07, 6.18 window)' },
  fmt_display: { since: '6.19', what: '`kernel::fmt` with its own `Display` and the `fmt!` proc macro wrapping arguments in `Adapter`', source: 'rust/kernel/fmt.rs, rust/macros/fmt.rs: c5cf01ba8dfe "rust: support formatting of foreign types" (6.19)' },
  cstr_core: { since: '6.19', what: '`kernel::str::CStr` is `core::ffi::CStr` (`CStrExt`), `c"..."` literals; `uaccess::UserPtr` newtype in the prelude', source: 'rust/kernel/str.rs: 3b83f5d5e78a "rust: replace `CStr` with `core::ffi::CStr`" (rust-6.19); UserPtr as this stub modelled 6.19 (its arrival was not re-established)' },
  rbtree_cursor: { since: '6.19', what: 'immutable `RBTree::cursor_front/back/lower_bound` (`Cursor`), the `CursorMut` ones renamed `*_mut`', source: 'rust/kernel/rbtree.rs: "rust: rbtree: add immutable cursor" (Vitaly Wool, v4 2025-09)' },
  module_type_any: { since: '7.0', what: '`module!` `type:` takes any type, not only an identifier', source: 'rust/macros/module.rs: "rust: macros: allow arbitrary types to be used in `module!` macro" (syn series, 7.0)' },
  errno_full: { since: '7.3', what: 'the whole of errno.h in `error::code` (`ENOSYS`, `ENODATA`, `EOPNOTSUPP`, ...)', source: 'rust/kernel/error.rs: b93fb6e76ec1 "rust: error: add remaining error codes" (Merge tag \'rust-7.3\', d24f5cdbeff8, 2026-08-18)' },
  fmt_pointer: { since: '7.3', what: '`kernel::fmt::Pointer` (`{:p}`), `HashedPtr`', source: 'rust/kernel/fmt.rs: 643a7c306b8c, fb7d64517618 (rust-7.3)' },
  time_delta_unit: { since: '7.3', what: '`Delta<U: TimeUnit = Nsec>` (`Nsec`, `Jiffy`), `Delta::from_nanos`, `as_millis_ceil`', source: 'rust/kernel/time.rs: 2e2203d885a3, 2e0d41002a27, d481d999967d (rust-7.3)' },
  module_rs: { since: '7.3', what: '`kernel::module::{Module, InPlaceModule, ThisModule, ModuleMetadata, this_module}`; `module!` defines no `THIS_MODULE` static', source: 'rust/kernel/module.rs: 0752a2e96e13, 54f846db7b35; rust/macros/module.rs: cdb7c5e01886 (rust-7.3)' },
  kvec_insert_error: { since: 'mainline', what: '`KVec::insert_within_capacity -> Result<(), InsertError<T>>`; `Default` for `Vec<T, A>` of every allocator', source: 'rust/kernel/alloc/kvec.rs, kvec/errors.rs at 1f96115f502a (read in the mainline file only)' },
} as const satisfies Record<string, StubFeature>;

export type StubFeatureName = keyof typeof STUB_FEATURES;

/** The profiles the stub models: the kernel's own `Vec` (6.13 on); older ones used `alloc`'s (see stub/kernel/lib.rs). */
export const STUB_FEATURES_OF: Partial<Record<ProfileId, readonly StubFeatureName[]>> = {
  'v6.13': ['time_ktime', 'module_author'],
  'v6.15': ['module_author', 'module_authors', 'prelude_pin_init'],
  'v6.17': ['module_authors', 'prelude_pin_init', 'kbox_coerce', 'kvec_remove', 'rbtree_is_empty', 'time_instant', 'fmt_reexport'],
  'v6.19': ['module_authors', 'prelude_pin_init', 'kbox_coerce', 'kvec_remove', 'rbtree_is_empty', 'time_instant', 'time_delta_ops', 'sync_atomic', 'iov_kiocb', 'fmt_display', 'cstr_core', 'rbtree_cursor'],
  mainline: [
    'module_authors', 'prelude_pin_init', 'kbox_coerce', 'kvec_remove', 'rbtree_is_empty', 'time_instant', 'time_delta_ops', 'sync_atomic', 'iov_kiocb', 'fmt_display', 'cstr_core', 'rbtree_cursor',
    'module_type_any', 'errno_full', 'fmt_pointer', 'time_delta_unit', 'module_rs', 'kvec_insert_error',
  ],
};
