// `kport verify` and the kernel API stub: what the kernel accepts type-checks,
// what it rejects fails at the user's own line, and without rustc the command
// says so in one line (exit 2).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHumanRustc } from '../src/verify/verify.ts';
import { ROOT, copyOf, forProfile, gitInit, kport, moduleWith, tempDir } from './helpers.ts';

const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;
if (!hasRustc) console.warn('verify.test.ts: skipped the rustc checks: no rustc on PATH');


function file(text: string): string {
  const dir = tempDir();
  const f = path.join(dir, 'demo.rs');
  writeFileSync(f, text);
  return f;
}

async function verifyJson(target: string, profile = 'mainline') {
  const r = await kport(['verify', '--format', 'json', '--profile', profile, target]);
  const ds = r.stdout ? (JSON.parse(r.stdout).diagnostics as { code: string; message: string; start: { line: number } }[]) : [];
  return { ...r, ds };
}

/** Line (1-based) of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe.skipIf(!hasRustc)('kport verify against the mainline stub', () => {
  it('accepts a module written with the kernel API', async () => {
    const text = moduleWith(
      `    let mut v = KVec::new();
    v.push(1u32, GFP_KERNEL)?;
    v.extend_from_slice(&[2, 3], GFP_KERNEL)?;
    let mut w = KVec::<u8>::with_capacity(8, GFP_KERNEL)?;
    w.resize(4, 0, GFP_KERNEL)?;
    let b = KBox::new(7u64, GFP_KERNEL)?;
    let k = kernel::kvec![1u32, 2, 3]?;
    let mut t = kernel::rbtree::RBTree::new();
    t.try_create_and_insert(1u32, 2u64, GFP_KERNEL)?;
    let a = kernel::sync::Arc::new(5u32, GFP_KERNEL)?;
    let s = kernel::str::CString::try_from_fmt(fmt!("{} {}", 1, *a))?;
    let name: &CStr = kernel::c_str!("demo");
    v.sort_unstable();
    for x in &k {
        pr_info!("{} {} {:?}\\n", x, *b, v.len());
    }
    kernel::pr_cont!("{} {}\\n", P(3), name.to_bytes().len());
    let d = dbg!(v.len() + 1);
    let _ = (s, w, t, d);
    if v.is_empty() {
        return Err(EINVAL);
    }`,
      `struct P(u32);
impl kernel::fmt::Display for P {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        write!(f, "P{}", self.0)
    }
}
`,
    );
    const r = await verifyJson(file(text));
    expect(r.ds).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('type-check against the mainline kernel API');
  });

  const rejects: [string, string, string, RegExp][] = [
    ['a one-argument push', '    let mut v = KVec::new();\n    v.push(1u32);', 'v.push(1u32)', /E0061/],
    ['println!', '    println!("hi");', 'println!', /cannot find macro `println`/],
    ['String', '    let s = String::new();\n    let _ = s;', 'String::new', /E0433.*String/],
    ['HashMap', '    let m: std::collections::HashMap<u32, u32> = Default::default();\n    let _ = m;', 'HashMap', /E0433.*std/],
    ['an infallible Vec::with_capacity', '    let v = KVec::<u8>::with_capacity(4);\n    let _ = v;', 'with_capacity', /E0061/],
    ['Vec<T> without its allocator', '    let v: Vec<u32> = Vec::new();\n    let _ = v;', 'Vec<u32>', /E0107/],
    ['collect into a KVec', '    let v: KVec<u32> = [1u32].iter().copied().collect();\n    let _ = v;', 'collect()', /E0277/],
    ['clone of a KVec', '    let v = KVec::<u32>::new();\n    let w = v.clone();\n    let _ = w;', 'v.clone()', /E0599/],
    ['KBox::new without flags', '    let b = KBox::new(1u32);\n    let _ = b;', 'KBox::new', /E0061/],
    ['a stable sort (needs alloc)', '    let mut v = KVec::<u32>::new();\n    v.sort();', 'v.sort()', /E0599/],
    ['an error code the kernel does not have', '    return Err(EWOULDBLOCK);', 'EWOULDBLOCK', /E0425/],
  ];
  for (const [what, body, needle, msg] of rejects) {
    it(`rejects ${what} at the user's line`, async () => {
      const text = moduleWith(body);
      const r = await verifyJson(file(text));
      expect(r.code).toBe(1);
      const hit = r.ds.find((d) => msg.test(d.message));
      expect(hit, JSON.stringify(r.ds)).toBeDefined();
      expect(hit!.code).toBe('K0801');
      expect(hit!.start.line).toBe(lineOf(text, needle));
    });
  }

  it('needs module! for pr_info! (the log prefix comes from it), reported at the pr_info! call', async () => {
    const text = 'use kernel::prelude::*;\n\npub fn hello() {\n    pr_info!("hi\\n");\n}\n';
    const r = await verifyJson(file(text));
    expect(r.code).toBe(1);
    expect(r.ds.map((d) => [d.start.line, /__LOG_PREFIX/.test(d.message)])).toEqual([[4, true]]);
  });

  it('mainline pr_info! needs the kernel Display; v6.13 formats with core::fmt', async () => {
    const items = `struct P(u32);
impl core::fmt::Display for P {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "P{}", self.0)
    }
}
`;
    const text = moduleWith('    pr_info!("{}\\n", P(1));', items);
    const main = await verifyJson(file(text), 'mainline');
    expect(main.code).toBe(1);
    expect(main.ds[0].start.line).toBe(lineOf(text, 'pr_info!'));
    const v613 = await verifyJson(file(forProfile(text, 'v6.13')), 'v6.13');
    expect(v613.ds).toEqual([]);
    expect(v613.code).toBe(0);
  });

  it('mainline fmt! wraps inline captures too: `{p}` needs the kernel Display', async () => {
    const kernelDisplay = `struct P(u32);
impl kernel::fmt::Display for P {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        write!(f, "P{}", self.0)
    }
}
`;
    const ok = moduleWith('    let p = P(1);\n    let n = 2;\n    pr_info!("{p} {n:>3} {}\\n", n * 2 + 1, n = 4);', kernelDisplay);
    expect((await verifyJson(file(ok))).ds).toEqual([]);
    const coreOnly = kernelDisplay.replaceAll('kernel::fmt', 'core::fmt');
    const bad = moduleWith('    let p = P(1);\n    pr_info!("{p}\\n");', coreOnly);
    const r = await verifyJson(file(bad));
    expect(r.code).toBe(1);
    expect(r.ds[0].start.line).toBe(lineOf(bad, 'pr_info!'));
  });

  it('module! keys follow the releases: `author:` to 6.16, `authors:` from 6.15', async () => {
    const old = moduleWith('').replace('authors: ["kport"]', 'author: "kport"');
    const current = moduleWith('');
    const takes = async (text: string, profile: string) => (await verifyJson(file(text), profile)).ds.length === 0;
    const table: Record<string, [boolean, boolean]> = {};
    for (const p of ['v6.13', 'v6.15', 'v6.17', 'v6.19', 'mainline']) table[p] = [await takes(old, p), await takes(current, p)];
    expect(table).toEqual({ 'v6.13': [true, false], 'v6.15': [true, true], 'v6.17': [false, true], 'v6.19': [false, true], mainline: [false, true] });
    const main = await verifyJson(file(old), 'mainline');
    expect(main.ds[0].start.line).toBe(lineOf(old, 'author:'));
  });

  it('checks module! keys: the kernel order, `type` first', async () => {
    const text = moduleWith('').replace('    authors: ["kport"],\n    description: "verify test",', '    description: "verify test",\n    authors: ["kport"],');
    const r = await verifyJson(file(text));
    expect(r.code).toBe(1);
    expect(r.ds[0].start.line).toBe(lineOf(text, 'authors:'));
  });

  it('maps errors to the file they are in, for a crate with modules', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "demo"\nversion = "0.1.0"\n');
    writeFileSync(path.join(dir, 'src', 'lib.rs'), moduleWith('    util::fill()?;', 'mod util;\n'));
    writeFileSync(path.join(dir, 'src', 'util.rs'), 'use kernel::prelude::*;\n\npub fn fill() -> Result {\n    let mut v = KVec::new();\n    v.push(1u8);\n    Ok(())\n}\n');
    const r = await kport(['verify', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout).diagnostics;
    expect(ds.map((d: { file: string; start: { line: number } }) => `${d.file}:${d.start.line}`)).toEqual(['src/util.rs:5']);
  });

  it('in a folder of .rs files, checks only the files no `mod` declares', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'demo.rs'), moduleWith('    util::fill()?;', 'mod util;\nconst LIMIT: u8 = 3;\n'));
    writeFileSync(path.join(dir, 'util.rs'), 'use crate::LIMIT;\nuse kernel::prelude::*;\n\npub fn fill() -> Result {\n    let mut v = KVec::new();\n    v.push(LIMIT);\n    Ok(())\n}\n');
    const r = await kport(['verify', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout).diagnostics;
    expect(ds.map((d: { file: string; start: { line: number } }) => `${d.file}:${d.start.line}`)).toEqual(['util.rs:6']);
  });

  it('rewrite --verify writes nothing when the port does not type-check', async () => {
    // calc still has rustc errors after the port (hello type-checks since module-entry).
    const dir = copyOf(path.join(ROOT, 'examples', 'calc'));
    gitInit(dir);
    const before = readFileSync(path.join(dir, 'src', 'main.rs'), 'utf8');
    const r = await kport(['rewrite', '--verify', '--write', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing written');
    expect(r.stderr).toContain('K0801');
    expect(readFileSync(path.join(dir, 'src', 'main.rs'), 'utf8')).toBe(before);
  });
});

describe.skipIf(!hasRustc)('kport rewrite --verify', () => {
  it('writes the port when it type-checks', async () => {
    const dir = tempDir();
    const text = moduleWith('    let v = 1;\n    println!("v = {}", v);');
    writeFileSync(path.join(dir, 'demo.rs'), text);
    gitInit(dir);
    const r = await kport(['rewrite', '--verify', '--write', path.join(dir, 'demo.rs')]);
    expect(r.stderr).not.toContain('K0801');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'demo.rs'), 'utf8')).toContain('pr_info!("v = {}\\n", v);');
  });
});

const hasMake = spawnSync('make', ['--version']).status === 0;

/** A stand-in kernel tree whose Makefile acts like an external-module build. */
function fakeKernel(fail: boolean): string {
  const kdir = tempDir();
  const recipe = fail
    ? '\t@echo "error[E0061]: this method takes 2 arguments but 1 argument was supplied"\n\t@echo " --> $(M)/demo.rs:5:7"\n\t@exit 1\n'
    : '\t@echo "  RUSTC [M] $(M)/demo.o"\n';
  writeFileSync(path.join(kdir, 'Makefile'), `all:\n${recipe}`);
  return kdir;
}

describe.skipIf(!hasMake)('--kdir runs the kernel build', () => {
  const moduleDir = () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'Kbuild'), 'obj-m := demo.o\n');
    writeFileSync(path.join(dir, 'demo.rs'), moduleWith(''));
    return dir;
  };

  it('reports the build errors at the module files (K0802), exit 1', async () => {
    const r = await kport(['verify', '--format', 'json', '--kdir', fakeKernel(true), moduleDir()]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout).diagnostics;
    expect(ds.map((d: { code: string; file: string; start: { line: number } }) => `${d.code} ${d.file}:${d.start.line}`)).toEqual(['K0802 demo.rs:5']);
  });

  it('exit 0 when the build succeeds', async () => {
    const r = await kport(['verify', '--kdir', fakeKernel(false), moduleDir()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the kernel build succeeded');
  });

  it('a folder without Kbuild, or a tree without a Makefile: one line, exit 2', async () => {
    const noKbuild = tempDir();
    writeFileSync(path.join(noKbuild, 'demo.rs'), moduleWith(''));
    expect((await kport(['verify', '--kdir', fakeKernel(false), noKbuild])).code).toBe(2);
    expect((await kport(['verify', '--kdir', tempDir(), moduleDir()])).code).toBe(2);
  });

  it('rewrite --verify --kdir writes nothing when the kernel build fails', async () => {
    const dir = moduleDir();
    gitInit(dir);
    const before = readFileSync(path.join(dir, 'demo.rs'), 'utf8');
    const r = await kport(['rewrite', '--verify', '--kdir', fakeKernel(true), '--write', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing written');
    expect(readFileSync(path.join(dir, 'demo.rs'), 'utf8')).toBe(before);
    expect((await kport(['rewrite', '--kdir', fakeKernel(true), '--dry-run', dir])).code).toBe(2);
  });
});

describe('--kdir log parsing', () => {
  it('reads rustc errors from a kernel build log at the module files', () => {
    const log = `  RUSTC [M] /tmp/m/demo.o
error[E0061]: this method takes 2 arguments but 1 argument was supplied
 --> /tmp/m/src/util.rs:5:7
  |
5 |     v.push(1u8);
error: cannot find macro \`println\` in this scope
  --> /tmp/m/demo.rs:12:5
make[2]: *** [scripts/Makefile.build:289: /tmp/m/demo.o] Error 1
`;
    const ds = parseHumanRustc(log, '/tmp/m');
    expect(ds.map((d) => `${d.code} ${d.file}:${d.start.line}:${d.start.column} ${d.message}`)).toEqual([
      'K0802 src/util.rs:5:7 E0061: this method takes 2 arguments but 1 argument was supplied',
      'K0802 demo.rs:12:5 cannot find macro `println` in this scope',
    ]);
  });
});

describe('kport verify without a usable rustc or profile', () => {
  it('no rustc: one line on stderr, exit 2', async () => {
    const prev = process.env.KPORT_RUSTC;
    process.env.KPORT_RUSTC = path.join(tempDir(), 'no-such-rustc');
    try {
      const r = await kport(['verify', file(moduleWith(''))]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^kport: rustc not found/);
    } finally {
      if (prev === undefined) delete process.env.KPORT_RUSTC;
      else process.env.KPORT_RUSTC = prev;
    }
  });

  it.skipIf(!hasRustc)('a profile the stub does not cover: one line, exit 2', async () => {
    const r = await kport(['verify', '--profile', 'v6.1', file(moduleWith(''))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not covered by kport's kernel stub/);
  });
});
