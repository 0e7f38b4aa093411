import type { CodeInfo, FileContext, FileTransform } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { STD_CODES, type StdPathEntry } from '../src/kernel-api/std-paths.ts';
import { useLeaves } from '../src/rewrite/use-tree.ts';
import { inRanges, testRanges } from '../src/analysis/testcode.ts';
import { facts } from './std-paths/facts.ts';
import { runModuleAliases, runPaths, runTokenPaths } from './std-paths/paths.ts';
import { QUERIES } from './std-paths/queries.ts';
import { runExternCrates, runUses } from './std-paths/uses.ts';

/**
 * std-paths: paths rooted at `std` (and `alloc`) move to their core/kernel home.
 *
 *   use std::{mem, fmt, collections::HashMap};  →  use core::mem;
 *                                                  use kernel::fmt;
 *                                                  use std::collections::HashMap; // K0201
 */

function run(full: FileContext): void {
  // Test-only code never reaches the kernel build: its paths are still rewritten
  // (so the file stays consistent) but not reported (src/analysis/testcode.ts).
  const tests = testRanges(full.tree);
  const ctx: FileContext = tests.length
    ? {
        ...full,
        path: full.path,
        text: full.text,
        tree: full.tree,
        report: (r) => {
          const start = r.node ? r.node.startIndex : (r.range?.start ?? 0);
          const end = r.node ? r.node.endIndex : (r.range?.end ?? start);
          if (!inRanges(tests, start, end)) full.report(r);
        },
      }
    : full;
  const uses = ctx
    .matches('uses')
    .map((m) => ({ decl: m.captures.find((c) => c.name === 'use')!.node, leaves: useLeaves(m.captures.find((c) => c.name === 'arg')!.node) }));
  const f = facts(ctx, uses);
  const skip = runExternCrates(ctx);
  runUses(ctx, uses, f);
  for (const u of uses) skip.push({ start: u.decl.startIndex, end: u.decl.endIndex });
  runPaths(ctx, f, skip);
  runTokenPaths(ctx, f, skip);
  runModuleAliases(ctx, uses, f, skip);
}

function explanation(title: string, body: string): string {
  return `${title}\n\n${body}`;
}

const codes: CodeInfo[] = [
  {
    code: STD_CODES.kernelAlternative,
    severity: 'note',
    title: 'rewritten to core, and the kernel has its own form too',
    explanation: `The path was rewritten to the \`core\` item std re-exports, which builds in a
module; the kernel also has an API of its own for the job, which kernel code is
expected to use. For atomics (profiles v6.19 and mainline, whose kernels all have
rust/kernel/sync/atomic.rs, 6.18+) that is \`kernel::sync::atomic::Atomic<T>\` with
the kernel memory model's orderings; on older profiles \`core::sync::atomic\` is
the only form and no note is given.

Before:
    use std::sync::atomic::{AtomicU32, Ordering};
    static HITS: AtomicU32 = AtomicU32::new(0);
    HITS.fetch_add(1, Ordering::Relaxed);
After (kport):
    use core::sync::atomic::{AtomicU32, Ordering};
After (by hand, the kernel's own):
    use kernel::sync::atomic::{Atomic, Relaxed};
    static HITS: Atomic<u32> = Atomic::new(0);
    HITS.fetch_add(1, Relaxed);`,
  },
  {
    code: STD_CODES.collections,
    severity: 'error',
    title: 'std collection with no kernel equivalent',
    explanation: explanation(
      'HashMap, HashSet, BTreeMap, BTreeSet, VecDeque, BinaryHeap and LinkedList do not exist in kernel Rust: they allocate infallibly, and the kernel has no hasher.',
      `kport leaves the path as written. Pick the kernel structure that fits the use:
an ordered map is \`kernel::rbtree::RBTree\` (rust/kernel/rbtree.rs, from 6.12), an
index → object map is \`kernel::xarray::XArray\` (rust/kernel/xarray.rs, from 6.16),
and a small set or map is often a sorted \`KVec\` searched with \`binary_search\`.

Before:
    use std::collections::BTreeMap;
    let mut m = BTreeMap::new();
    m.insert(3, "c");
After (by hand, mainline):
    use kernel::rbtree::RBTree;
    let mut m = RBTree::new();
    m.try_create_and_insert(3, "c", GFP_KERNEL)?;`,
    ),
  },
  {
    code: STD_CODES.io,
    severity: 'error',
    title: 'std::io has no kernel equivalent',
    explanation: `The kernel has no stdin, stdout, files or Read/Write streams. A module that
exchanged bytes with a user becomes a misc character device (\`kernel::miscdevice\`,
rust/kernel/miscdevice.rs, from 6.13) whose read and write callbacks use
\`kernel::uaccess::UserSliceReader\`/\`UserSliceWriter\`; output for a person goes to
the kernel log with \`pr_info!\`.

Before:
    use std::io::{self, Read};
    io::stdin().read_to_string(&mut s)?;
After (by hand): a \`MiscDevice\` implementation whose \`write_iter\` receives the bytes.

A program that reads stdin line by line in one loop in \`main\` is ported this way
by \`kport rewrite --io miscdev\` (or \`[package.metadata.kport] io = "miscdev"\`):
the loop body becomes a handler run once per line written to /dev/NAME, and what
it prints is read back from the device (see \`kport explain io-miscdev\`).`,
  },
  {
    code: STD_CODES.fs,
    severity: 'error',
    title: 'std::fs has no kernel equivalent',
    explanation: `A kernel module does not open files by path. Settings come from module
parameters; data a user provides arrives through a character device; a blob shipped
with the module is loaded with \`kernel::firmware::Firmware::request\` (rust/kernel/firmware.rs).

Before:
    let cfg = std::fs::read_to_string("/etc/game.conf")?;
After (by hand):
    module! { ..., params: { level: u32 { default: 1, description: "Level" } } }`,
  },
  {
    code: STD_CODES.net,
    severity: 'error',
    title: 'std::net has no kernel equivalent',
    explanation: `There are no kernel Rust socket bindings a module can use like std::net.
Keep the networking in user space and talk to the module through a character device.

Before:
    let s = std::net::TcpStream::connect("10.0.0.1:80")?;
After: the user-space half connects; the module reads what it forwards.`,
  },
  {
    code: STD_CODES.env,
    severity: 'error',
    title: 'a kernel module has no environment or arguments',
    explanation: `std::env::args and std::env::var have no kernel meaning. Use module parameters
(\`params:\` in \`module!\`, rust/kernel/module_param.rs), set at load time with
\`insmod mod.ko level=3\`.

Before:
    let level: u32 = std::env::args().nth(1).unwrap().parse().unwrap();
After (by hand):
    module! { ..., params: { level: u32 { default: 1, description: "Level" } } }`,
  },
  {
    code: STD_CODES.process,
    severity: 'error',
    title: 'a kernel module has no process',
    explanation: `std::process::exit and Command have no kernel equivalent. Where the program
exited with an error, return the error from \`init\` (the module then fails to load).

Before:
    if bad { std::process::exit(1); }
After (by hand):
    if bad { return Err(EINVAL); }`,
  },
  {
    code: STD_CODES.thread,
    severity: 'error',
    title: 'std::thread has no kernel equivalent',
    explanation: `Kernel modules do not spawn threads; deferred work is a work item
(\`kernel::workqueue\`, rust/kernel/workqueue.rs) and sleeping is
\`kernel::time::delay::fsleep\` on mainline (rust/kernel/time/delay.rs).

Before:
    std::thread::sleep(std::time::Duration::from_millis(10));
After (by hand, mainline):
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(10));`,
  },
  {
    code: STD_CODES.string,
    severity: 'error',
    title: 'the kernel has no String',
    explanation: `std::string::String (and format!, ToString) allocate infallibly. Owned text in
the kernel is \`kernel::str::CString\`, built with \`CString::try_from_fmt(fmt!(..))?\`;
constants are \`&CStr\` from \`c_str!\` (rust/kernel/str.rs).

Before:
    let s: std::string::String = format!("p{}", n);
After (by hand):
    let s = CString::try_from_fmt(fmt!("p{}", n))?;`,
  },
  {
    code: STD_CODES.rc,
    severity: 'error',
    title: 'the kernel has no Rc',
    explanation: `Reference counting in the kernel is \`kernel::sync::Arc\` (rust/kernel/sync/arc.rs),
whose constructor is fallible.

Before:
    let a = std::rc::Rc::new(x);
After (by hand):
    let a = kernel::sync::Arc::new(x, GFP_KERNEL)?;`,
  },
  {
    code: STD_CODES.sync,
    severity: 'error',
    title: 'std lock, channel or once-cell with no drop-in kernel equivalent',
    explanation: `Kernel locks (\`kernel::sync::Mutex\`, \`SpinLock\`, \`CondVar\`; rust/kernel/sync/lock/mutex.rs)
must be pinned and initialised in place (\`new_mutex!\` inside \`pin_init!\`), so a
mechanical rewrite is not possible. Channels become a locked queue plus a CondVar.
kport rewrites \`std::sync::Arc\` (to \`kernel::sync::Arc\`) and \`std::sync::atomic\`
(to \`core::sync::atomic\`) and reports the rest.

Before:
    static COUNT: std::sync::Mutex<u32> = std::sync::Mutex::new(0);
After (by hand): a \`#[pin_data]\` struct with a \`#[pin] count: Mutex<u32>\` field built with \`new_mutex!(0)\`.`,
  },
  {
    code: STD_CODES.time,
    severity: 'error',
    title: 'std::time::Instant or SystemTime with no mapping on this profile (now reported by time-api)',
    explanation: `No longer reported: clocks, wall-clock time and sleeping belong to the time-api
transform (K1101-K1106), which rewrites \`std::time::Instant\` and \`thread::sleep\` to the
profile's kernel time API (rust/kernel/time.rs, rust/kernel/time/delay.rs) or reports them.
\`core::time::Duration\` still ports unchanged here. The code stays in the catalogue so that
old reports and \`kport-allow\` comments keep their meaning.

Before:
    let t = std::time::Instant::now();
After (time-api, mainline):
    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();`,
  },
  {
    code: STD_CODES.other,
    severity: 'error',
    title: 'std item with no kernel equivalent',
    explanation: `The path names a part of std that neither \`core\` nor the \`kernel\` crate
provides (an OS service, an unwinding hook, an infallibly allocating type, ...). The
help names the nearest kernel tool.

Before:
    use std::borrow::Cow;
After (by hand): borrow (\`&T\`) or own (\`KBox<T>\`) explicitly.`,
  },
  {
    code: STD_CODES.shadowed,
    severity: 'note',
    title: 'a local item named std or alloc; its paths are left alone',
    explanation: `A local module (\`mod std\`) or an import (\`use foo as std;\`) named \`std\` or \`alloc\`
makes \`std::...\` paths in the module (or block) that declares it mean something else, so
kport does not rewrite them there. As in Rust, the name does not reach modules nested
inside that one, nor the modules around it: \`mod util { pub mod std {..} }\` leaves
\`std::\` paths in \`util\` alone and ports those of the crate root and of \`util\`'s own
submodules. Paths written \`::std::...\` always name the standard library and are still ported.

Before:
    mod std { pub fn helper() {} }
    fn f() { std::helper(); }
After: unchanged.`,
  },
];

export const stdPaths: FileTransform = {
  id: 'std-paths',
  scope: 'file',
  summary: 'Rewrite paths rooted at std and alloc to their core or kernel home, and report those that have none.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['std', 'alloc'],
  applies: (text) => /\b(std|alloc)\b/.test(text),
  queries: QUERIES,
  run,
  codes,
};

export type { StdPathEntry };
