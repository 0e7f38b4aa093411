// The userspace kernel shim (test/userspace-kernel): a module written against
// the kernel API runs as a program, its misc device driven from stdin the way
// `echo LINE > /dev/NAME; cat /dev/NAME` would. Tested here, independently of
// the io-miscdev transform, on a HAND-PORTED examples/cave crate root in the
// shape of docs/transforms/io-miscdev.md (test/fixtures/cave-ported) with templates/miscdev.rs
// beside it, on the template's own fixture crate, and on small inline modules.
// Skipped without rustc.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, kport, tempDir } from './helpers.ts';
import { buildModule, buildProgram, CAVE_INPUTS, run, rustcVersion, warningsOf } from './userspace-shim.ts';

const hasRustc = rustcVersion() !== undefined;
if (!hasRustc) console.warn('userspace-kernel.test.ts: skipped: no rustc on PATH, so the userspace kernel shim cannot be built');

const CAVE = path.join(ROOT, 'examples', 'cave');
const PORTED = path.join(ROOT, 'test', 'fixtures', 'cave-ported', 'cave.rs');
const TEMPLATE = readFileSync(path.join(ROOT, 'templates', 'miscdev.rs'), 'utf8');

/** A module folder: a crate root and the miscdev template generated for `name`. */
function withTemplate(root: string, name: string): string {
  const dir = tempDir();
  copyFileSync(root, path.join(dir, `${name}.rs`));
  writeFileSync(path.join(dir, 'miscdev.rs'), TEMPLATE.replaceAll('kport_device', name));
  writeFileSync(path.join(dir, 'Kbuild'), `obj-m := ${name}.o\n`);
  return dir;
}

const input = readFileSync(path.join(CAVE, 'input.txt'), 'utf8');
const expected = readFileSync(path.join(CAVE, 'expected-output.txt'), 'utf8');

/**
 * Warnings the template gives a crate whose loop has no `return`: none (a kernel built
 * with CONFIG_WERROR=y passes -Dwarnings to rustc; the template allows the unused
 * `Flow` variants and `out!`/`outln!` forms).
 */
const TEMPLATE_WARNINGS: string[] = [];

function moduleFile(text: string): string {
  const f = path.join(tempDir(), 'demo.rs');
  writeFileSync(f, text);
  return f;
}

describe.skipIf(!hasRustc)('userspace kernel shim: a hand-ported cave with templates/miscdev.rs', () => {
  let exe = '';
  let original = '';
  let dir = '';
  beforeAll(() => {
    dir = withTemplate(PORTED, 'cave');
    const b = buildModule(path.join(dir, 'cave.rs'), 'cave');
    expect(b.ok, b.stderr).toBe(true);
    expect(warningsOf(b.stderr)).toEqual(TEMPLATE_WARNINGS);
    exe = b.exe;
    const o = buildProgram(path.join(CAVE, 'src', 'main.rs'), 'cave');
    expect(o.ok, o.stderr).toBe(true);
    original = o.exe;
  });

  it('prints expected-output.txt for input.txt; the writes after the game was won fail with EPIPE', () => {
    const r = run(exe, input);
    expect(r.stdout).toBe(expected);
    expect(r.stderr.trim().split('\n')).toEqual(['echo > /dev/cave: write error: EPIPE', 'echo > /dev/cave: write error: EPIPE']);
    expect(r.status).toBe(0);
  });

  for (const [what, text] of Object.entries(CAVE_INPUTS)) {
    it(`prints what the original prints: ${what}`, () => {
      const want = run(original, text);
      expect(want.status).toBe(0);
      const got = run(exe, text);
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(0);
    });
  }

  it('reads in small chunks the same output (read_iter keeps what was not read)', () => {
    expect(run(exe, input, { KPORT_SHIM_READ_SIZE: '5' }).stdout).toBe(expected);
    expect(run(exe, input, { KPORT_SHIM_READ_SIZE: '1' }).stdout).toBe(expected);
  });

  it('lines split across writes run once they are complete', () => {
    for (const size of ['1', '3']) {
      const r = run(exe, input, { KPORT_SHIM_WRITE_SIZE: size });
      expect(r.stdout).toBe(expected);
      expect(r.stderr.trim().split('\n')).toEqual(['echo > /dev/cave: write error: EPIPE', 'echo > /dev/cave: write error: EPIPE']);
    }
  });

  it('the hand port is kernel code: kport verify accepts it', async () => {
    const v = await kport(['verify', '--format', 'json', dir]);
    expect(JSON.parse(v.stdout).diagnostics).toEqual([]);
    expect(v.code).toBe(0);
  });

  it('a line that is not UTF-8 fails with EINVAL and the game goes on', () => {
    const r = run(exe, Buffer.concat([Buffer.from('look\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('inv\n')]));
    expect(r.stderr).toBe('echo > /dev/cave: write error: EINVAL\n');
    expect(r.stdout).toContain('You are in the entrance.');
    expect(r.stdout).toContain('You carry nothing.\n');
    expect(r.stdout).toMatch(/2 moves, 1 of 6 rooms seen, 0 items carried\.\n$/);
  });
});

describe.skipIf(!hasRustc)('userspace kernel shim: the template\'s own fixture crate', () => {
  // test/fixtures/miscdev-crate (stub-misc's crate root for the template): `abort`
  // returns from main's loop (no finish), `quit` breaks (finish runs).
  const build = () => {
    const b = buildModule(path.join(withTemplate(path.join(ROOT, 'test', 'fixtures', 'miscdev-crate', 'src', 'main.rs'), 'kport_device'), 'kport_device.rs'));
    expect(b.stderr).toBe('');
    return b.exe;
  };

  it('return ends the session without finish; later writes get EPIPE', () => {
    const r = run(build(), 'hi\nhello there\n\nabort\nmore\n');
    expect(r.stdout).toBe('Write lines to /dev/kport_device.\n#1 you said hi (2 bytes so far)\nshort\n#2 you said hello there (13 bytes so far)\n\n');
    expect(r.stderr).toBe('echo > /dev/kport_device: write error: EPIPE\n');
    expect(r.status).toBe(0);
  });

  it('output piles up between reads up to OUTPUT_LIMIT; the next read ends with the dropped count', () => {
    const limit = Number(/OUTPUT_LIMIT: usize = (\d+) \* 1024;/.exec(TEMPLATE)![1]) * 1024;
    const lines = Array.from({ length: 7 }, (_, i) => String.fromCharCode(97 + i).repeat(3000));
    let said = 0;
    const printed = lines.map((l, i) => `#${i + 1} you said ${l} (${(said += l.length)} bytes so far)\n\n`).join('');
    expect(printed.length).toBeGreaterThan(limit);
    const r = run(build(), lines.join('\n') + '\n', { KPORT_SHIM_CAT_EVERY: '0' });
    expect(r.stdout).toBe(`Write lines to /dev/kport_device.\n${printed.slice(0, limit)}[${printed.length - limit} bytes of output dropped]\n7 lines\n`);
    expect(r.stderr).toBe('');
  });

  it('a line longer than LINE_LIMIT fails with EINVAL and is dropped; the session goes on', () => {
    const r = run(build(), `hi\n${'x'.repeat(5000)}\nyo\n`);
    expect(r.stderr).toBe('echo > /dev/kport_device: write error: EINVAL\n');
    expect(r.stdout).toBe('Write lines to /dev/kport_device.\n#1 you said hi (2 bytes so far)\nshort\n#2 you said yo (4 bytes so far)\nshort\n2 lines\n');
  });

  it('unload ends the input: finish runs when the loop did not end', () => {
    const r = run(build(), 'a\r\n');
    expect(r.stdout).toBe('Write lines to /dev/kport_device.\n#1 you said a (1 bytes so far)\nshort\n1 lines\n');
    expect(r.stderr).toBe('');
  });
});

const HEADER = `use kernel::prelude::*;
`;
const MODULE = (type: string) => `
module! {
    type: ${type},
    name: "demo",
    authors: ["kport"],
    description: "shim test",
    license: "GPL",
}
`;

describe.skipIf(!hasRustc)('userspace kernel shim: the kernel API subset', () => {
  it('KVec, KBox, kvec!, the kernel Display and pr_*! work as in the kernel; a module without a device exits 1', () => {
    const text = `${HEADER}
struct P(u32);
impl kernel::fmt::Display for P {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        write!(f, "P{}", self.0)
    }
}

struct Demo;

impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut v: KVec<u32> = KVec::with_capacity(2, GFP_KERNEL)?;
        v.push(3, GFP_KERNEL)?;
        v.extend_from_slice(&[1, 2], GFP_KERNEL)?;
        v.sort_unstable();
        let removed = v.remove(0)?;
        let k = kernel::kvec![7u8; 3]?;
        let b = KBox::new(P(9), GFP_KERNEL)?;
        let p = P(4);
        pr_info!("{:?} {} {} {} {p} {}\\n", v, removed, k.len(), *b, v[1]);
        kernel::pr_cont!("cont\\n");
        pr_err!("to stderr: {:?}\\n", EPIPE);
        pr_debug!("not printed\\n");
        if v.remove(5).is_err() {
            pr_info!("remove out of range is an error\\n");
        }
        Ok(Demo)
    }
}
${MODULE('Demo')}`;
    const b = buildModule(moduleFile(text), 'demo');
    expect(b.stderr).toBe('');
    const r = run(b.exe, 'ignored\n');
    expect(r.stdout).toBe('[2, 3] 1 3 P9 P4 3\ncont\nremove out of range is an error\n');
    expect(r.stderr).toBe('to stderr: EPIPE\ninsmod demo: the module registered no misc device named demo\n');
    expect(r.status).toBe(1);
  });

  it('an init error is reported with its errno name (exit 1)', () => {
    const text = `${HEADER}
struct Demo;
impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Err(ENOMEM)
    }
}
${MODULE('Demo')}`;
    const b = buildModule(moduleFile(text), 'demo');
    expect(b.ok, b.stderr).toBe(true);
    const r = run(b.exe, '');
    expect(r.stderr).toBe('insmod demo: init failed: ENOMEM\n');
    expect(r.status).toBe(1);
  });

  it('per-open state, release, the file position, and a device that only reads', () => {
    // A device in the shape of samples/rust/rust_misc_device.rs: state per open file, a
    // read that serves a fixed text with simple_read_from_buffer and the file position.
    const text = `${HEADER}
use core::pin::Pin;
use core::sync::atomic::{AtomicU32, Ordering};
use kernel::{
    fs::{File, Kiocb},
    iov::IovIterDest,
    miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration},
};

struct Hello {
    reads: AtomicU32,
}

#[vtable]
impl MiscDevice for Hello {
    type Ptr = Pin<KBox<Self>>;
    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Pin<KBox<Self>>> {
        pr_info!("open\\n");
        Ok(KBox::pin(Hello { reads: AtomicU32::new(0) }, GFP_KERNEL)?)
    }
    fn release(device: Self::Ptr, _file: &File) {
        pr_info!("release after {} reads\\n", device.reads.load(Ordering::Relaxed));
    }
    fn read_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        kiocb.file().reads.fetch_add(1, Ordering::Relaxed);
        iov.simple_read_from_buffer(kiocb.ki_pos_mut(), b"hello from /dev/demo\\n")
    }
}

struct Demo {
    _dev: Pin<KBox<MiscDeviceRegistration<Hello>>>,
}

impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let options = MiscDeviceOptions { name: c"demo" };
        Ok(Demo { _dev: KBox::pin_init(MiscDeviceRegistration::register(options), GFP_KERNEL)? })
    }
}
${MODULE('Demo')}`;
    const b = buildModule(moduleFile(text), 'demo');
    expect(b.stderr).toBe('');
    const r = run(b.exe, 'one\n', { KPORT_SHIM_READ_SIZE: '8' });
    // The write fails (no write_iter: EINVAL), the read gets the text in 8-byte pieces.
    expect(r.stderr).toBe('echo > /dev/demo: write error: EINVAL\n');
    expect(r.stdout).toBe('open\nrelease after 0 reads\nopen\nhello from /dev/demo\nrelease after 4 reads\n');
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!hasRustc)('userspace kernel shim: allocation-failure injection (KPORT_FAIL_ALLOC)', () => {
  // Five pushes grow a KVec<u32> by the kernel's rule (kvec.rs `reserve`: max(2 * cap,
  // len + 1)): capacity 1, 2, 4, 8, so 4 allocations; a KBox of a zero-sized value is none;
  // a KBox of a u64, kvec![1, 2] and an Arc are one each: 7 in all. LEAK=1 forgets a KVec.
  const text = `${HEADER}
struct Zst;

fn work() -> Result<u32> {
    let mut v: KVec<u32> = KVec::new();
    for i in 0..5 {
        v.push(i, GFP_KERNEL)?;
    }
    let _z = KBox::new(Zst, GFP_KERNEL)?;
    let b = KBox::new(7u64, GFP_KERNEL)?;
    let k = kernel::kvec![1u8, 2]?;
    let a = kernel::sync::Arc::new(3u32, GFP_KERNEL)?;
    if option_env!("LEAK").is_some() {
        core::mem::forget(k);
        return Ok(0);
    }
    Ok(v.iter().sum::<u32>() + *b as u32 + k.len() as u32 + *a)
}

struct Demo;
impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("sum {}\\n", work()?);
        Err(ENODEV)
    }
}
${MODULE('Demo')}`;
  const report = (stderr: string) => JSON.parse(/^kport-shim-report: (.*)$/m.exec(stderr)![1]);
  let exe = '';
  beforeAll(() => {
    const b = buildModule(moduleFile(text), 'demo');
    expect(b.ok, b.stderr).toBe(true);
    exe = b.exe;
  });

  it('without KPORT_FAIL_ALLOC nothing fails and nothing is reported', () => {
    const r = run(exe, '');
    expect(r.stdout).toBe('sum 22\n');
    expect(r.stderr).toBe('insmod demo: init failed: ENODEV\n');
  });

  it('KPORT_FAIL_ALLOC=0 counts the allocations the kernel would make and reports no leak', () => {
    const r = run(exe, '', { KPORT_FAIL_ALLOC: '0' });
    expect(r.stdout).toBe('sum 22\n');
    expect(report(r.stderr)).toEqual({ allocations: 7, injected: false, failures: [{ op: 'init', line: 0, errno: 'ENODEV', stdout: 7 }], leakedBlocks: 0, leakedBytes: 0 });
  });

  it('KPORT_FAIL_ALLOC=k fails the k-th: init returns ENOMEM, and what was allocated before is freed', () => {
    for (let k = 1; k <= 7; k++) {
      const r = run(exe, '', { KPORT_FAIL_ALLOC: String(k) });
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe('insmod demo: init failed: ENOMEM');
      expect(report(r.stderr)).toEqual({ allocations: k, injected: true, failures: [{ op: 'init', line: 0, errno: 'ENOMEM', stdout: 0 }], leakedBlocks: 0, leakedBytes: 0 });
    }
    expect(report(run(exe, '', { KPORT_FAIL_ALLOC: '8' }).stderr).injected).toBe(false);
  });

  it('a leak is reported', () => {
    const leaky = buildModule(moduleFile(text.replace('option_env!("LEAK").is_some()', 'true')), 'demo');
    expect(leaky.ok, leaky.stderr).toBe(true);
    const r = report(run(leaky.exe, '', { KPORT_FAIL_ALLOC: '0' }).stderr);
    expect([r.leakedBlocks, r.leakedBytes]).toEqual([1, 2]);
  });
});

describe.skipIf(!hasRustc)('userspace kernel shim: kernel::rbtree', () => {
  // The calls of rust/kernel/rbtree.rs (its doc examples' shapes): ordered iteration,
  // replacement, entries, reservations and cursors; one counted allocation per node.
  const program = `use kernel::prelude::*;
use kernel::rbtree::{Entry, RBTree, RBTreeNode, RBTreeNodeReservation};
use kernel::__std::println;

fn run() -> Result {
    let mut t = RBTree::new();
    let before = kernel::alloc::fault::count();
    for k in [20u32, 10, 30] {
        t.try_create_and_insert(k, k * 10, GFP_KERNEL)?;
    }
    println!("nodes {}", kernel::alloc::fault::count() - before);
    let old = t.try_create_and_insert(10, 1000, GFP_KERNEL)?.map(|n| n.to_key_value());
    println!("replaced {:?}", old);
    *t.get_mut(&30).ok_or(EINVAL)? += 1;
    println!("{:?}", t.iter().collect::<kernel::__std::vec::Vec<_>>());
    let r = RBTreeNodeReservation::new(GFP_KERNEL)?;
    t.insert(r.into_node(15, 150));
    t.insert(RBTreeNode::new(5, 50, GFP_KERNEL)?);
    match t.entry(25) {
        Entry::Vacant(v) => *v.insert(250, RBTreeNodeReservation::new(GFP_KERNEL)?) += 1,
        Entry::Occupied(_) => println!("25 there?"),
    }
    if let Entry::Occupied(o) = t.entry(5) {
        println!("removed {}", o.remove());
    }
    println!("remove 20: {:?}, 21: {:?}", t.remove(&20), t.remove(&21));
    println!("keys {:?} values {:?}", t.keys().collect::<kernel::__std::vec::Vec<_>>(), t.values().collect::<kernel::__std::vec::Vec<_>>());
    let c = t.cursor_lower_bound(&16).ok_or(EINVAL)?;
    println!("lower bound 16: {:?}, before it {:?}", c.current(), c.peek_prev());
    let mut c = t.cursor_front_mut().ok_or(EINVAL)?;
    let (next, node) = c.remove_current();
    println!("front removed {:?}, now at {:?}", node.to_key_value(), next.map(|c| *c.current().0));
    c = t.cursor_back_mut().ok_or(EINVAL)?;
    let removed = c.remove_prev().map(|n| n.to_key_value());
    println!("back {:?}, removed before it {:?}", c.current(), removed);
    println!("left {:?} empty {}", t.iter().collect::<kernel::__std::vec::Vec<_>>(), t.is_empty());
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        println!("error {:?}", e);
    }
}
`;

  it('behaves as rust/kernel/rbtree.rs documents', () => {
    const b = buildModule(moduleFile(program), 'demo');
    expect(b.ok, b.stderr).toBe(true);
    expect(run(b.exe, '').stdout).toBe(
      [
        'nodes 3',
        'replaced Some((10, 100))',
        '[(10, 1000), (20, 200), (30, 301)]',
        'removed 50',
        'remove 20: Some(200), 21: None',
        'keys [10, 15, 25, 30] values [1000, 150, 251, 301]',
        'lower bound 16: (25, 251), before it Some((15, 150))',
        'front removed (10, 1000), now at Some(15)',
        'back (30, 301), removed before it Some((25, 251))',
        'left [(15, 150), (30, 301)] empty false',
        '',
      ].join('\n'),
    );
  });

  it('a node whose allocation fails is an ENOMEM, and the tree is unchanged', () => {
    const b = buildModule(moduleFile(program), 'demo');
    expect(run(b.exe, '', { KPORT_FAIL_ALLOC: '2' }).stdout).toBe('error ENOMEM\n');
  });
});
