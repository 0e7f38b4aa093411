// The kernel stub follows the current mainline API (issue 19): for each item a
// hand-written, correct module type-checks, and a wrong one the kernel rejects
// is rejected, at the user's line. The sources of each item are cited in
// stub/kernel/lib.rs and docs/profiles.md. Skipped without rustc.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileId } from '../src/kernel-api/profiles.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { forProfile, moduleWith } from './helpers.ts';

const hasRustc = !!findRustc();
if (!hasRustc) console.warn('stub-fidelity.test.ts: skipped: no rustc on PATH');

function check(body: string, items = '', profile: ProfileId = 'mainline'): { text: string; messages: string[]; lines: number[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kport-stub-fidelity-'));
  try {
    const text = forProfile(moduleWith(body, items), profile);
    writeFileSync(path.join(dir, 'demo.rs'), text);
    const ds = verifyPaths([path.join(dir, 'demo.rs')], { profile }).diagnostics;
    return { text, messages: ds.map((d) => d.message), lines: ds.map((d) => d.start.line) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

interface Case {
  what: string;
  ok: { body: string; items?: string; profile?: ProfileId };
  bad: { body: string; items?: string; profile?: ProfileId; at: string; msg: RegExp };
}

const coreOnlyDisplay = `struct P(u32);
impl core::fmt::Display for P {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "P{}", self.0)
    }
}
`;

const cases: Case[] = [
  {
    what: 'fmt!/pr_*! take any expression as an argument',
    ok: {
      body: `    let v = [1u32, 2, 3];
    for (i, x) in v.iter().enumerate() {
        kernel::pr_cont!("{}{}", if i == 0 { " " } else { ", " }, x);
    }
    let n = 5u64;
    pr_info!("{} {} {} {}\\n", match n { 0 => 1, _ => 2 }, { let y = n * 2; y }, n as u8, (|a: u64, b: u64| a + b)(1, 2));
    pr_info!("{} {} {n} {m:>4}\\n", core::cmp::max::<u64>(1, 2), n == 5 && n < 6, m = n != 5);
    let s = kernel::str::CString::try_from_fmt(fmt!("{}", if n > 1 { "many" } else { "one" }))?;
    let _ = s;`,
    },
    bad: {
      body: '    let i = 1;\n    kernel::pr_cont!("{}\\n", if i == 0 { P(1) } else { P(2) });',
      items: coreOnlyDisplay,
      at: 'pr_cont!',
      msg: /kernel::fmt::Display/,
    },
  },
  {
    what: 'the format string must be a string literal',
    ok: { body: '    pr_info!(r"raw {}\\n", 1);' },
    bad: { body: '    pr_info!(concat!("a", "b"));', at: 'concat!', msg: /expected string literal/ },
  },
  {
    what: 'inline captures are wrapped like positional arguments',
    ok: { body: '    let (a, b) = (1u8, "x");\n    pr_info!("{a} {b:>3} {a:?}\\n");' },
    bad: { body: '    let p = P(1);\n    pr_info!("{p:>4}\\n");', items: coreOnlyDisplay, at: 'pr_info!', msg: /kernel::fmt::Display/ },
  },
  {
    what: 'RBTree::is_empty, iter and the cursors',
    ok: {
      body: `    let mut t = kernel::rbtree::RBTree::new();
    t.try_create_and_insert(10u32, 100u64, GFP_KERNEL)?;
    if t.is_empty() {
        return Err(EINVAL);
    }
    for (k, v) in t.iter() {
        pr_info!("{} {}\\n", k, v);
    }
    if let Some(c) = t.cursor_front() {
        let (k, _v) = c.current();
        let _ = (k, c.peek_next(), c.peek_prev());
    }
    let _ = t.cursor_back().map(|c| *c.current().0);
    let _ = t.cursor_lower_bound(&5).is_some();
    if let Some(mut c) = t.cursor_front_mut() {
        *c.current_mut().1 += 1;
        let (next, node) = c.remove_current();
        let _ = (next.is_some(), node.to_key_value());
    }
    let _ = t.cursor_back_mut().and_then(|c| c.move_prev()).is_none();
    let _ = t.cursor_lower_bound_mut(&1).is_none();
    match t.entry(3) {
        kernel::rbtree::Entry::Vacant(e) => {
            e.insert(30, kernel::rbtree::RBTreeNodeReservation::new(GFP_KERNEL)?);
        }
        kernel::rbtree::Entry::Occupied(mut e) => *e.get_mut() = 30,
    }`,
    },
    bad: {
      body: '    let t: kernel::rbtree::RBTree<u32, u32> = kernel::rbtree::RBTree::new();\n    let n = t.len();\n    let _ = n;',
      at: 't.len()',
      msg: /E0599.*len/,
    },
  },
  {
    what: 'the read-only RBTree cursor cannot move (only peek)',
    ok: { body: '    let t: kernel::rbtree::RBTree<u32, u32> = kernel::rbtree::RBTree::new();\n    let _ = t.cursor_front().and_then(|c| c.peek_next().map(|(k, _)| *k));' },
    bad: {
      body: '    let t: kernel::rbtree::RBTree<u32, u32> = kernel::rbtree::RBTree::new();\n    let _ = t.cursor_front().and_then(|c| c.move_next());',
      at: 'move_next',
      msg: /E0599.*move_next/,
    },
  },
  {
    what: 'ENOSYS and the rest of errno.h (mainline)',
    ok: { body: '    let e = [ENOSYS, ENODATA, EOPNOTSUPP, ETIMEDOUT, ENOTEMPTY, EHWPOISON];\n    if e.is_empty() {\n        return Err(ENOSYS);\n    }' },
    bad: { body: '    return Err(EWOULDBLOCK);', at: 'EWOULDBLOCK', msg: /E0425/ },
  },
  {
    what: 'ENOSYS is not on 6.13-7.2',
    ok: { body: '    return Err(ENODEV);', profile: 'v6.13' },
    bad: { body: '    return Err(ENOSYS);', at: 'ENOSYS', msg: /E0425/, profile: 'v6.13' },
  },
  {
    what: 'Arc::new returns Result<Arc<T>, AllocError>',
    ok: {
      body: `    let a: core::result::Result<kernel::sync::Arc<u32>, kernel::alloc::AllocError> = kernel::sync::Arc::new(1, GFP_KERNEL);
    let b = kernel::sync::Arc::new(2u32, GFP_KERNEL)?;
    let _ = (a, b);`,
    },
    bad: {
      body: '    let a: Result<kernel::sync::Arc<u32>> = kernel::sync::Arc::new(1, GFP_KERNEL);\n    let _ = a;',
      at: 'Arc::new',
      msg: /E0308/,
    },
  },
  {
    what: '{:p} needs kernel::fmt::Pointer (raw pointers print hashed)',
    ok: {
      body: `    let x = 5u32;
    let r = &x;
    let p: *const u32 = r;
    pr_info!("{:p} {:p} {:p} {:p}\\n", &x, r, p, Q);
    pr_info!("{:p}\\n", kernel::fmt::HashedPtr(p));`,
      items: `struct Q;
impl kernel::fmt::Pointer for Q {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        f.write_str("q")
    }
}
`,
    },
    bad: {
      body: '    pr_info!("{:p}\\n", Q);',
      items: `struct Q;
impl core::fmt::Pointer for Q {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("q")
    }
}
`,
      at: 'pr_info!',
      msg: /kernel::fmt::Pointer/,
    },
  },
  {
    what: 'Delta is generic over its unit (from_nanos, as_millis_ceil, jiffies)',
    ok: {
      body: `    let d = kernel::time::Delta::from_nanos(1_500_000);
    let ms: i64 = d.as_millis_ceil();
    let n: kernel::time::Delta<kernel::time::Nsec> = d + kernel::time::Delta::from_millis(1);
    let j = kernel::time::Delta::<kernel::time::Jiffy>::from_jiffies(3);
    let _ = (ms, n.as_nanos(), j.as_jiffies(), j == j);`,
    },
    bad: {
      body: '    let j = kernel::time::Delta::<kernel::time::Jiffy>::from_jiffies(3);\n    let k = j + j;\n    let _ = k;',
      at: 'j + j',
      msg: /E0369|cannot add/,
    },
  },
  {
    what: 'Delta<U> takes only a kernel time unit',
    ok: { body: '    let d: kernel::time::Delta = kernel::time::Delta::ZERO;\n    let _ = d.is_zero();' },
    bad: { body: '    let d: Option<kernel::time::Delta<u64>> = None;\n    let _ = d;', at: 'Delta<u64>', msg: /E0277|TimeUnit/ },
  },
  {
    what: 'KVec::insert_within_capacity (no allocating insert) and Default for every allocator',
    ok: {
      body: `    let mut v = KVec::<u32>::with_capacity(4, GFP_KERNEL)?;
    v.insert_within_capacity(0, 1)?;
    match v.insert_within_capacity(9, 2) {
        Err(kernel::alloc::kvec::InsertError::IndexOutOfBounds(x)) => pr_info!("{}\\n", x),
        Err(kernel::alloc::kvec::InsertError::OutOfCapacity(_)) | Ok(()) => {}
    }
    let w: VVec<u8> = Default::default();
    let _ = w;`,
    },
    bad: { body: '    let mut v = KVec::<u32>::new();\n    v.insert(0, 1);', at: 'v.insert', msg: /E0599/ },
  },
  {
    what: 'the prelude: Zeroable, InPlaceWrite, build_assert!, static_assert!',
    ok: {
      body: `    let z = <[u8; 4] as Zeroable>::zeroed();
    build_assert!(z.len() == 4);
    let b = KBox::<u64>::new_uninit(GFP_KERNEL)?.write_init(kernel::init::zeroed());
    let _ = b;`,
      items: 'static_assert!(core::mem::size_of::<u64>() == 8);\n',
    },
    bad: { body: '    let r = <&u8 as Zeroable>::zeroed();\n    let _ = r;', at: 'zeroed', msg: /E0277.*Zeroable/ },
  },
  {
    what: 'kernel::sync::atomic (what the K0110 note offers): Atomic<T> with LKMM orderings (6.18+)',
    ok: {
      body: `    HITS.fetch_add(1, Full);
    HITS.add(1u32, Relaxed);
    let n: u32 = HITS.load(Acquire);
    HITS.store(n, Release);
    let _ = (HITS.xchg(0, Relaxed), HITS.cmpxchg(0, 1, Full).is_ok());`,
      items: 'use kernel::sync::atomic::{Acquire, Atomic, Full, Relaxed, Release};\nstatic HITS: Atomic<u32> = Atomic::new(0);\n',
    },
    bad: {
      body: '    let n = HITS.load(Release);\n    let _ = n;',
      items: 'use kernel::sync::atomic::{Atomic, Release};\nstatic HITS: Atomic<u32> = Atomic::new(0);\n',
      at: 'HITS.load',
      msg: /E0277.*AcquireOrRelaxed/,
    },
  },
  {
    what: 'kernel::sync::atomic is not on 6.17 (6.18+)',
    ok: { body: '    let a = core::sync::atomic::AtomicU32::new(0);\n    let _ = a.load(core::sync::atomic::Ordering::Relaxed);', profile: 'v6.17' },
    bad: { body: '    let a = kernel::sync::atomic::Atomic::new(0u32);\n    let _ = a;', profile: 'v6.17', at: 'kernel::sync::atomic', msg: /E0433|atomic/ },
  },
  {
    what: 'Module, InPlaceModule, ThisModule in kernel::module; no THIS_MODULE static from module! (7.3)',
    ok: {
      body: `    let m: &'static kernel::module::ThisModule = kernel::module::this_module::<Demo>();
    let _ = (m.as_ptr(), <Demo as kernel::module::ModuleMetadata>::NAME);
    fn takes<M: kernel::module::Module>() {}
    takes::<Demo>();`,
    },
    bad: { body: '    let m = &THIS_MODULE;\n    let _ = m;', at: 'THIS_MODULE', msg: /E0425/ },
  },
  {
    what: 'before 7.3 module! still defines the THIS_MODULE static',
    ok: { body: '    let m: &kernel::ThisModule = &THIS_MODULE;\n    let _ = m;', profile: 'v6.13' },
    bad: { body: '    let m = kernel::module::this_module::<Demo>();\n    let _ = m;', profile: 'v6.13', at: 'this_module', msg: /E0433|E0425|module/ },
  },
  {
    what: 'KBox<T> coerces to KBox<dyn Trait> (kbox.rs: CoercePointee / CoerceUnsized)',
    ok: {
      body: `    let f: KBox<dyn Fn(u32) -> u32> = KBox::new(|x| x + 1, GFP_KERNEL)?;
    let g = add_one()?;
    let t: KBox<dyn Shape> = KBox::new(Sq(2), GFP_KERNEL)?;
    pr_info!("{} {} {}\\n", f(1), g(2), t.area());`,
      items: `trait Shape {
    fn area(&self) -> u32;
}
struct Sq(u32);
impl Shape for Sq {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}
fn add_one() -> Result<KBox<dyn Fn(u32) -> u32>> {
    Ok(KBox::new(|x| x + 1, GFP_KERNEL)?)
}
`,
    },
    bad: { body: '    let g: KBox<dyn Fn(u32) -> u32> = KBox::new(5u32, GFP_KERNEL)?;\n    let _ = g;', at: 'let g', msg: /Fn\(u32\)|mismatched types/ },
  },
  {
    what: 'before 6.16 (v6.15: 6.15-6.16) KBox does not coerce to a trait object',
    ok: { body: '    let f = KBox::new(|x: u32| x + 1, GFP_KERNEL)?;\n    let _ = f(1);', profile: 'v6.15' },
    bad: { body: '    let f: KBox<dyn Fn(u32) -> u32> = KBox::new(|x: u32| x + 1, GFP_KERNEL)?;\n    let _ = f(1);', profile: 'v6.15', at: 'let f', msg: /mismatched types|incompatible types/ },
  },
];

describe.skipIf(!hasRustc)('the kernel stub against hand-written modules', () => {
  for (const c of cases) {
    it(`${c.what}: the correct module type-checks`, () => {
      const r = check(c.ok.body, c.ok.items ?? '', c.ok.profile);
      expect(r.messages).toEqual([]);
    }, 60_000);
    it(`${c.what}: the wrong one is rejected at its line`, () => {
      const r = check(c.bad.body, c.bad.items ?? '', c.bad.profile);
      const hit = r.messages.findIndex((m) => c.bad.msg.test(m));
      expect(hit, JSON.stringify(r.messages)).toBeGreaterThanOrEqual(0);
      expect(r.lines[hit]).toBe(lineOf(r.text, c.bad.at));
    }, 60_000);
  }

  it('module! takes a type path on mainline (7.0: any type)', () => {
    const r = check('').text.replace('    type: Demo,', '    type: crate::Demo,');
    const dir = mkdtempSync(path.join(tmpdir(), 'kport-stub-fidelity-'));
    try {
      writeFileSync(path.join(dir, 'demo.rs'), r);
      expect(verifyPaths([path.join(dir, 'demo.rs')], { profile: 'mainline' }).diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
