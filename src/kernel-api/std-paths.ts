// Where each `std::`/`alloc::` path goes in kernel Rust, per kernel API profile.
// This is data: the std-paths transform only looks entries up. Every entry
// names the file it was checked against (`rust/kernel/...` in the kernel tree,
// or `core` for paths the Rust core library provides unchanged); `since` gives
// the first kernel release of the profile's range that has it, when that is not
// the start of the range; `mainlineOnly` marks entries that could only be
// checked against mainline. docs/profiles.md is the human-readable form.
import type { ProfileId } from './profiles.ts';

/** Diagnostic codes of the std-paths transform (K02xx). */
export const STD_CODES = {
  collections: 'K0201',
  io: 'K0202',
  fs: 'K0203',
  net: 'K0204',
  env: 'K0205',
  process: 'K0206',
  thread: 'K0207',
  string: 'K0208',
  rc: 'K0209',
  sync: 'K0210',
  time: 'K0211',
  other: 'K0212',
  shadowed: 'K0213',
  /** A note beside a rewrite: the kernel has its own form too (`kernel::sync::atomic`). */
  kernelAlternative: 'K0110',
} as const;

export type StdTarget =
  /** `std::<from>::rest` becomes `<to>::rest`; `note`: reported beside the rewrite (severity note). */
  | { kind: 'path'; to: string; note?: { code: string; message: string; help: string } }
  /** The kernel prelude (rust/kernel/prelude.rs) provides `name`: imports are dropped, qualified uses lose the qualifier. */
  | { kind: 'prelude'; name: string }
  /** No kernel home: the path stays as written and is reported. */
  | { kind: 'none'; code: string; /** `{path}` stands for the path as written. */ message: string; help: string }
  /** Another transform ports or reports this path (it runs first); std-paths leaves it as written and silent. */
  | { kind: 'owned'; by: string };

export interface StdPathEntry {
  /** Segments after the `std`/`alloc` root, `::`-joined: `collections`, `sync::Arc`. */
  from: string;
  target: StdTarget;
  /** The file the target was checked against. */
  source: string;
  /** First kernel release that has it, when later than the profile's first release. */
  since?: string;
  /** Checked against mainline only. */
  mainlineOnly?: boolean;
}

export interface StdPathTable {
  /** Longest `from` prefix wins. */
  entries: readonly StdPathEntry[];
  /** Macros reached as `std::name!`: the path that replaces `std::name`, or a report. */
  macros: Readonly<Record<string, StdTarget>>;
  /** Whether the kernel still links the `alloc` crate (so `extern crate alloc;` is meaningful). */
  allocCrate: boolean;
}

const CORE = 'core (the Rust core library, same item)';
const PRELUDE = 'rust/kernel/prelude.rs';

const none = (code: string, message: string, help: string): StdTarget => ({ kind: 'none', code, message, help });
const to = (path: string): StdTarget => ({ kind: 'path', to: path });
const TIME_API: StdTarget = { kind: 'owned', by: 'time-api' };

// Modules and items core provides exactly as std re-exports them.
const CORE_MODULES = [
  'any', 'arch', 'array', 'ascii', 'cell', 'char', 'clone', 'cmp', 'convert', 'default', 'f32', 'f64',
  'future', 'hint', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize',
  'iter', 'marker', 'mem', 'num', 'ops', 'option', 'pin', 'primitive', 'ptr', 'result', 'slice', 'str', 'task',
  'intrinsics', 'hash', 'borrow', 'time', 'ffi', 'panic', 'sync::atomic', 'alloc::Layout', 'alloc::LayoutError',
];

// core::fmt items that mainline's kernel::fmt does not re-export (rust/kernel/fmt.rs re-exports only
// Arguments, Debug, Error, Formatter, Result, Write and defines its own Display).
const CORE_FMT_ONLY = ['Alignment', 'Binary', 'DebugList', 'DebugMap', 'DebugSet', 'DebugStruct', 'DebugTuple',
  'LowerExp', 'LowerHex', 'Octal', 'Pointer', 'UpperExp', 'UpperHex', 'write', 'FromFn', 'from_fn'];

const common = (id: ProfileId): StdPathEntry[] => {
  // What the profile's whole range has (docs/profiles.md, "Release boundaries").
  const kind = id === 'mainline' || id === 'v6.19' || id === 'v6.17' ? 'mainline' : id === 'v6.15' ? 'v6.13' : id;
  const modern = kind === 'mainline' || kind === 'v6.13';
  const kernelFmt = id === 'mainline' || id === 'v6.19';
  const miscdevIo = id === 'mainline' || id === 'v6.19';
  // rust/kernel/sync/atomic.rs: `Atomic<T>` with explicit orderings, from 6.18 (Boqun Feng's
  // series, tip locking/core, "[tip: locking/core] rust: sync: atomic: Add generic atomics").
  const kernelAtomic = id === 'mainline' || id === 'v6.19';
  // rust/kernel/fmt.rs: its own `Pointer` from 7.3 (643a7c306b8c, rust-7.3).
  const kernelPointer = id === 'mainline';
  const collectionsHelp =
    kind === 'mainline'
      ? 'use `kernel::rbtree::RBTree` for an ordered map (rust/kernel/rbtree.rs), `kernel::xarray::XArray` for an index → object map (rust/kernel/xarray.rs), or a sorted `KVec` searched with `binary_search`'
      : kind === 'v6.13'
        ? 'use `kernel::rbtree::RBTree` for an ordered map (rust/kernel/rbtree.rs), `kernel::xarray::XArray` from 6.16 (rust/kernel/xarray.rs), or a sorted `KVec` searched with `binary_search`'
        : kind === 'v6.10'
          ? 'use `kernel::rbtree::RBTree` from 6.12 (rust/kernel/rbtree.rs), or a sorted `Vec` searched with `binary_search`'
          : 'use a sorted `Vec` searched with `binary_search` (this profile has no kernel map type)';
  const vec = modern ? 'KVec' : 'Vec';
  const ioHelp =
    kind === 'v6.1'
      ? 'the kernel has no streams: take input and give output through module parameters or the kernel log (`pr_info!`)'
      : `the kernel has no streams: exchange bytes with user space through a misc character device${modern ? ' (`kernel::miscdevice`, rust/kernel/miscdevice.rs)' : ''} and \`kernel::uaccess::UserSliceReader\`/\`UserSliceWriter\` (rust/kernel/uaccess.rs); errors are \`kernel::error::Error\``;
  // Named in every profile's help: `--io miscdev` reports on profiles without the API it needs (K1009).
  const ioHelpFull = `${ioHelp}; \`--io miscdev\` turns main's line-by-line stdin loop into a misc character device${miscdevIo ? '' : ' (profiles v6.19 and mainline only)'}`;
  const sleepHelp =
    kind === 'mainline'
      ? 'sleeping is `kernel::time::delay::fsleep(Delta)` (rust/kernel/time/delay.rs); threads are work items: `kernel::workqueue` (rust/kernel/workqueue.rs)'
      : kind === 'v6.13'
        ? 'from 6.17 sleeping is `kernel::time::delay::fsleep(Delta)` (rust/kernel/time/delay.rs); threads are work items: `kernel::workqueue` (rust/kernel/workqueue.rs)'
        : 'run deferred work as work items (`kernel::workqueue`, rust/kernel/workqueue.rs, from 6.7); there is no thread API';
  const e = (from: string, target: StdTarget, source: string, extra: Partial<StdPathEntry> = {}): StdPathEntry => ({ from, target, source, ...extra });
  const other = (_what: string, help: string) => none(STD_CODES.other, '`{path}` has no kernel equivalent', help);
  const out: StdPathEntry[] = [
    ...CORE_MODULES.filter((m) => !(kernelAtomic && m === 'sync::atomic')).map((m) => e(m, to(`core::${m}`), CORE)),
    ...(kernelAtomic
      ? [e('sync::atomic', {
          kind: 'path',
          to: 'core::sync::atomic',
          note: {
            code: STD_CODES.kernelAlternative,
            message: '`{path}` now comes from `core::sync::atomic`, which builds; the kernel also has its own atomics',
            help: 'kernel code is expected to use `kernel::sync::atomic::{Atomic, Relaxed, Acquire, Release, Full}` (`Atomic::new(0i32)`, `a.load(Relaxed)`, `a.fetch_add(1, Full)`; rust/kernel/sync/atomic.rs, 6.18+): its orderings are the kernel memory model\'s',
          },
        }, 'rust/kernel/sync/atomic.rs')]
      : []),
    // Allocation: the prelude provides Vec and Box on every profile; the allocation transforms turn them into KVec/KBox.
    e('vec::Vec', { kind: 'prelude', name: 'Vec' }, PRELUDE),
    e('boxed::Box', { kind: 'prelude', name: 'Box' }, PRELUDE),
    e('vec', other('std::vec', `use \`${vec}\` from the kernel prelude`), PRELUDE),
    e('boxed', other('std::boxed', `use \`${modern ? 'KBox' : 'Box'}\` from the kernel prelude`), PRELUDE),
    e('sync::Arc', to('kernel::sync::Arc'), 'rust/kernel/sync/arc.rs', kind === 'v6.1' ? { since: '6.3' } : {}),
    // Formatting: mainline's kernel::fmt has its own Display and re-exports Arguments, Debug, Error,
    // Formatter, Result and Write from core::fmt; the rest of core::fmt stays core::fmt.
    ...(kernelFmt
      ? [
          e('fmt', to('kernel::fmt'), 'rust/kernel/fmt.rs'),
          ...CORE_FMT_ONLY.filter((n) => !(kernelPointer && n === 'Pointer')).map((n) => e(`fmt::${n}`, to(`core::fmt::${n}`), 'rust/kernel/fmt.rs (not re-exported there)')),
        ]
      : [e('fmt', to('core::fmt'), CORE)]),
    // No kernel home.
    e('collections', none(STD_CODES.collections, '`{path}`: the kernel has no std collections', collectionsHelp), 'rust/kernel/rbtree.rs', id === 'mainline' ? {} : { mainlineOnly: true }),
    e('io', none(STD_CODES.io, '`{path}`: the kernel has no std::io', ioHelpFull), 'rust/kernel/miscdevice.rs', { mainlineOnly: true }),
    e('fs', none(STD_CODES.fs, '`{path}`: a kernel module does not open files', 'take configuration through module parameters (`params:` in `module!`), or serve data to user space through a misc character device; loading a blob is `kernel::firmware::Firmware` (rust/kernel/firmware.rs)'), 'rust/kernel/firmware.rs', { mainlineOnly: true }),
    e('net', none(STD_CODES.net, '`{path}`: the kernel has no std::net', 'the kernel network stack has no Rust socket API for modules; keep networking in user space and talk to the module through a misc character device'), 'rust/kernel/net.rs', { mainlineOnly: true }),
    e('env', none(STD_CODES.env, '`{path}`: a kernel module has no environment or command line', 'use module parameters (`params:` in `module!`, rust/kernel/module_param.rs) for settings'), 'rust/kernel/module_param.rs', { mainlineOnly: true }),
    e('process', none(STD_CODES.process, '`{path}`: a kernel module has no process to exit or spawn', 'return an error from `init` (`Err(EINVAL)`) instead of `exit`; there is no way to run programs'), 'rust/kernel/error.rs'),
    e('thread', none(STD_CODES.thread, '`{path}`: the kernel has no std::thread', sleepHelp), kind === 'mainline' ? 'rust/kernel/time/delay.rs' : 'rust/kernel/workqueue.rs', { mainlineOnly: true }),
    e('string', none(STD_CODES.string, '`{path}`: the kernel has no `String`', 'use `kernel::str::CString::try_from_fmt(fmt!(..))?` for an owned string, `&CStr`/`c_str!` for constants, or a byte buffer (rust/kernel/str.rs)'), 'rust/kernel/str.rs', kind === 'v6.1' ? { since: '6.2' } : {}),
    e('rc', none(STD_CODES.rc, '`{path}`: the kernel has no `Rc`', 'use `kernel::sync::Arc` (rust/kernel/sync/arc.rs; `Arc::new(x, GFP_KERNEL)?`)'), 'rust/kernel/sync/arc.rs'),
    e('sync', none(STD_CODES.sync, '`{path}`: std::sync has no kernel equivalent as a whole', 'import the items: `core::sync::atomic`, `kernel::sync::Arc`'), 'rust/kernel/sync.rs'),
    ...['Mutex', 'MutexGuard', 'RwLock', 'RwLockReadGuard', 'RwLockWriteGuard', 'Condvar', 'Once', 'OnceLock', 'LazyLock', 'Barrier', 'Weak', 'mpsc', 'PoisonError', 'TryLockError', 'LockResult'].map((n) =>
      e(`sync::${n}`, none(STD_CODES.sync, '`{path}` has no drop-in kernel equivalent', n.startsWith('Mutex') || n.startsWith('RwLock') || n === 'Condvar'
        ? 'kernel locks are pinned and built in place: `kernel::sync::Mutex` / `SpinLock` / `CondVar` with `new_mutex!`, `new_spinlock!`, `new_condvar!` inside `pin_init!` (rust/kernel/sync/lock/mutex.rs)'
        : n === 'mpsc' ? 'pass data through a locked queue (`kernel::sync::Mutex` around a `KVec`) and wake the reader with `kernel::sync::CondVar`'
        : 'initialise once in the module `init` and keep the value in the module struct'), 'rust/kernel/sync.rs', { mainlineOnly: true })),
    // Clocks and sleeping are the time-api transform's (src/kernel-api/time.ts): it rewrites them where the
    // profile has a kernel form and reports them (K11xx) where it has none. `time::Duration` stays core's.
    ...['Instant', 'SystemTime', 'UNIX_EPOCH', 'SystemTimeError'].map((n) => e(`time::${n}`, TIME_API, 'rust/kernel/time.rs', { mainlineOnly: true })),
    e('thread::sleep', TIME_API, 'rust/kernel/time/delay.rs', { mainlineOnly: true }),
    // Parts of core-backed modules that only std has.
    e('borrow::Cow', other('std::borrow::Cow', 'borrow (`&T`) or own (`KBox<T>`) explicitly'), CORE),
    e('borrow::ToOwned', other('std::borrow::ToOwned', 'copy explicitly into a fallible allocation'), CORE),
    e('hash::DefaultHasher', other('std::hash::DefaultHasher', 'implement `core::hash::Hasher` yourself (e.g. FNV) or avoid hashing: the kernel has no hash map'), CORE),
    e('hash::RandomState', other('std::hash::RandomState', 'implement `core::hash::BuildHasher` yourself: the kernel has no hash map'), CORE),
    e('ffi::CString', other('std::ffi::CString', 'use `kernel::str::CString` (rust/kernel/str.rs)'), 'rust/kernel/str.rs'),
    e('ffi::OsString', other('std::ffi::OsString', 'use `kernel::str::CString` or `&CStr` (rust/kernel/str.rs)'), 'rust/kernel/str.rs'),
    e('ffi::OsStr', other('std::ffi::OsStr', 'use `&CStr` or `&kernel::str::BStr` (rust/kernel/str.rs)'), 'rust/kernel/str.rs'),
    e('ffi::NulError', other('std::ffi::NulError', 'use `kernel::str::CStrConvertError` (rust/kernel/str.rs)'), 'rust/kernel/str.rs'),
    ...['catch_unwind', 'resume_unwind', 'set_hook', 'take_hook', 'panic_any'].map((n) =>
      e(`panic::${n}`, other(`std::panic::${n}`, 'the kernel does not unwind: a panic is a crash (BUG); return a `Result` instead'), CORE)),
    e('error', other('std::error', 'use `kernel::error::Error` (an errno, rust/kernel/error.rs) as the error type; `Box<dyn Error>` has no kernel form'), 'rust/kernel/error.rs'),
    e('alloc', other('std::alloc', 'the kernel allocators are `kernel::alloc::allocator::{Kmalloc, Vmalloc, KVmalloc}` behind `KBox`/`KVec` (rust/kernel/alloc.rs); `Layout` is `core::alloc::Layout`'), 'rust/kernel/alloc.rs', modern ? {} : { mainlineOnly: true }),
    e('os::raw', to('core::ffi'), CORE),
    e('os', other('std::os', 'C types are in `core::ffi` (or `kernel::ffi` on recent kernels)'), CORE),
    e('path', other('std::path', 'a kernel module has no file system paths; see `std::fs`'), CORE),
    e('backtrace', other('std::backtrace', 'the kernel prints stack traces itself (`dump_stack()` in C)'), CORE),
    e('prelude', other('std::prelude', 'use `kernel::prelude::*` (rust/kernel/prelude.rs)'), PRELUDE),
  ];
  return out;
};

// `std::name!`: core re-exports most of them; printing is print-macros' job, `vec!` allocation's.
const CORE_MACROS = ['write', 'writeln', 'assert', 'assert_eq', 'assert_ne', 'debug_assert', 'debug_assert_eq', 'debug_assert_ne',
  'matches', 'panic', 'unreachable', 'todo', 'unimplemented', 'concat', 'stringify', 'include', 'include_bytes', 'include_str',
  'line', 'column', 'file', 'module_path', 'cfg', 'env', 'option_env', 'compile_error', 'format_args', 'debug_assert_matches'];

function macros(): Record<string, StdTarget> {
  const m: Record<string, StdTarget> = {};
  for (const n of CORE_MACROS) m[n] = to(`core::${n}`);
  m.format = none(STD_CODES.string, '`{path}`: the kernel has no `format!` (it returns a `String`)', 'use `CString::try_from_fmt(fmt!(..))?` (rust/kernel/str.rs) or write into a fixed buffer');
  m.thread_local = none(STD_CODES.thread, '`{path}`: the kernel has no thread-local storage for modules', 'keep the state in the module struct, or per CPU');
  // The kernel's .clippy.toml disallows `kernel::dbg` (`disallowed-macros`: "intended as a debugging tool").
  m.dbg = none(STD_CODES.other, '`{path}` is not the kernel `dbg!`', 'print the value with `pr_debug!("{:?}\\n", x)` (rust/kernel/print.rs); the kernel has a `dbg!` (rust/kernel/std_vendor.rs) for debugging sessions only: its .clippy.toml disallows it in code that is kept');
  return m;
}


export const STD_PATHS: Record<ProfileId, StdPathTable> = {
  mainline: { entries: common('mainline'), macros: macros(), allocCrate: false },
  'v6.19': { entries: common('v6.19'), macros: macros(), allocCrate: false },
  'v6.17': { entries: common('v6.17'), macros: macros(), allocCrate: false },
  'v6.15': { entries: common('v6.15'), macros: macros(), allocCrate: false },
  'v6.13': { entries: common('v6.13'), macros: macros(), allocCrate: false },
  'v6.10': { entries: common('v6.10'), macros: macros(), allocCrate: true },
  'v6.1': { entries: common('v6.1'), macros: macros(), allocCrate: true },
};

/** The entry with the longest `from` that is a prefix of `segs` (segments after the root), or undefined. */
export function lookup(table: StdPathTable, segs: readonly string[]): { entry: StdPathEntry; depth: number } | undefined {
  for (let n = segs.length; n >= 1; n--) {
    const key = segs.slice(0, n).join('::');
    const entry = table.entries.find((x) => x.from === key);
    if (entry) return { entry, depth: n };
  }
  return undefined;
}
