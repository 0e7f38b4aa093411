// End-to-end: the kport command on real folders, the patch applied with git
// apply and patch -p1, compared with --write and --out-dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, git, gitInit, kport, kportBin, tempDir } from './helpers.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');

function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, r));
    else out[r] = readFileSync(path.join(dir, r)).toString('base64');
  }
  return out;
}

const hasPatch = spawnSync('patch', ['--version']).status === 0;

describe('kport rewrite on examples/hello', () => {
  it('--dry-run prints a diff that git apply accepts, equal to --write; --out-dir is the module folder', async () => {
    const dry = await kport(['rewrite', '--dry-run', HELLO]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^diff --git a\/src\/greet\.rs b\/src\/greet\.rs\n--- a\/src\/greet\.rs\n\+\+\+ b\/src\/greet\.rs\n/);
    // The crate root becomes <module name>.rs: a git rename in the diff.
    expect(dry.stdout).toContain('diff --git a/src/main.rs b/src/hello.rs\nrename from src/main.rs\nrename to src/hello.rs\n--- a/src/main.rs\n+++ b/src/hello.rs\n');
    expect(dry.stdout).toContain('+        pr_info!("Hello, {}!\\n", greet::name());');
    expect(dry.stdout).toContain('+impl kernel::Module for Hello {');
    for (const f of ['Kbuild', 'src/Kbuild', 'Makefile', 'README.kernel.md']) expect(dry.stdout).toContain(`diff --git a/${f} b/${f}\nnew file mode 100644\n`);

    // git apply in a git copy
    const applied = copyOf(HELLO);
    gitInit(applied);
    const patchFile = path.join(tempDir(), 'port.patch');
    writeFileSync(patchFile, dry.stdout);
    git(applied, 'apply', '--check', patchFile);
    git(applied, 'apply', patchFile);
    const tree = snapshot(applied);
    const kept = Object.keys(snapshot(HELLO)).filter((k) => k !== 'src/main.rs');
    expect(Object.keys(tree).sort()).toEqual([...kept, 'Kbuild', 'Makefile', 'README.kernel.md', 'src/Kbuild', 'src/hello.rs'].sort());
    expect(readFileSync(path.join(applied, 'Kbuild'), 'utf8')).toBe('# SPDX-License-Identifier: GPL-2.0\n\nobj-m := src/\n');
    expect(readFileSync(path.join(applied, 'src', 'Kbuild'), 'utf8')).toBe('# SPDX-License-Identifier: GPL-2.0\n\nobj-m := hello.o\n');

    // --write in another git copy
    const written = copyOf(HELLO);
    gitInit(written);
    const w = await kport(['rewrite', '--write', written]);
    expect(w.code).toBe(0);
    expect(snapshot(written)).toEqual(tree);

    // --out-dir leaves the input alone and writes the flat module folder: the
    // same ported sources (root as hello.rs, modules beside it), Kbuild, Makefile, README.
    const out = path.join(tempDir(), 'out');
    const before = snapshot(HELLO);
    const o = await kport(['rewrite', '--out-dir', out, HELLO]);
    expect(o.code).toBe(0);
    expect(snapshot(HELLO)).toEqual(before);
    const outTree = snapshot(out);
    expect(Object.keys(outTree).sort()).toEqual(['Kbuild', 'Makefile', 'README.kernel.md', 'greet.rs', 'hello.rs']);
    expect(outTree['hello.rs']).toBe(tree['src/hello.rs']);
    expect(outTree['greet.rs']).toBe(tree['src/greet.rs']);
    expect(outTree['Makefile']).toBe(tree['Makefile']);
    expect(readFileSync(path.join(out, 'Kbuild'), 'utf8')).toBe('# SPDX-License-Identifier: GPL-2.0\n\nobj-m := hello.o\n');
    const mk = readFileSync(path.join(out, 'Makefile'), 'utf8');
    expect(mk).toContain('KDIR ?= /lib/modules/$(shell uname -r)/build\n');
    for (const target of ['default:', 'modules_install: default', 'clean:']) expect(mk).toContain(`\n${target}\n\t$(MAKE) -C $(KDIR) M=$(CURDIR) LLVM=$(LLVM)`);
    expect(readFileSync(path.join(out, 'README.kernel.md'), 'utf8')).toContain('sudo insmod hello.ko');
    // kport on its own out-dir output changes nothing.
    expect((await kport(['rewrite', '--dry-run', out])).stdout).toBe('');

    // --patch writes exactly the dry-run diff
    const pf = path.join(tempDir(), 'p.patch');
    expect((await kport(['rewrite', '--patch', pf, HELLO])).code).toBe(0);
    expect(readFileSync(pf, 'utf8')).toBe(dry.stdout);
  });

  it.skipIf(!hasPatch)('the diff applies with patch -p1 to the same result', async () => {
    const dry = await kport(['rewrite', '--dry-run', HELLO]);
    const copy = copyOf(HELLO);
    const r = spawnSync('patch', ['-p1', '--forward', '--batch'], { cwd: copy, input: dry.stdout, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const written = copyOf(HELLO);
    await kport(['rewrite', '--write', '--allow-dirty', written]);
    expect(snapshot(copy)).toEqual(snapshot(written));
  });

  it('a second run on the ported crate changes nothing (idempotence)', async () => {
    const copy = copyOf(HELLO);
    gitInit(copy);
    await kport(['rewrite', '--write', copy]);
    const again = await kport(['rewrite', '--dry-run', copy]);
    expect(again.stdout).toBe('');
    expect((await kport(['rewrite', '--check', copy])).code).toBe(0);
  });

  it('--check exits 1 when a rewrite is pending and writes nothing', async () => {
    const copy = copyOf(HELLO);
    const before = snapshot(copy);
    const r = await kport(['rewrite', '--check', copy]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/6 file\(s\) would change: src\/greet\.rs, src\/hello\.rs, Kbuild, src\/Kbuild, Makefile, README\.kernel\.md/);
    expect(snapshot(copy)).toEqual(before);
  });

  it('--write refuses a dirty git tree unless --allow-dirty', async () => {
    const copy = copyOf(HELLO);
    gitInit(copy);
    writeFileSync(path.join(copy, 'src', 'greet.rs'), readFileSync(path.join(copy, 'src', 'greet.rs'), 'utf8') + '// local edit\n');
    const before = snapshot(copy);
    const r = await kport(['rewrite', '--write', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/uncommitted changes in src\/greet\.rs/);
    expect(snapshot(copy)).toEqual(before);
    expect((await kport(['rewrite', '--write', '--allow-dirty', copy])).code).toBe(0);
    expect(readFileSync(path.join(copy, 'src', 'greet.rs'), 'utf8')).toContain('// local edit');
  });

  it('--write keeps file modes', async () => {
    const copy = copyOf(HELLO);
    chmodSync(path.join(copy, 'src', 'main.rs'), 0o755);
    await kport(['rewrite', '--write', '--allow-dirty', copy]);
    // The crate root is renamed to the module's name and keeps its mode.
    expect(statSync(path.join(copy, 'src', 'hello.rs')).mode & 0o777).toBe(0o755);
    expect(existsSync(path.join(copy, 'src', 'main.rs'))).toBe(false);
  });

  it('--only and --skip select transforms', async () => {
    const only = await kport(['rewrite', '--dry-run', '--only', 'print-macros', HELLO]);
    expect(only.stdout).not.toContain('kernel::prelude');
    const skip = await kport(['rewrite', '--dry-run', '--skip', 'print-macros,module-entry', HELLO]);
    expect(skip.stdout).toBe('');
  });

  it('--format json prints the stable schema', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.rs'), 'fn main() {\n    println!(concat!("a"));\n}\n');
    // Machine formats name files relative to the working folder.
    const r = await kport(['rewrite', '--dry-run', '--format', 'json', path.join(dir, 'a.rs')], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stderr);
    expect(j.version).toBe(1);
    expect(j.diagnostics.find((d: { code: string }) => d.code === 'K0101')).toMatchObject({ code: 'K0101', severity: 'error', file: 'a.rs', start: { line: 2, column: 14 } });
  });
});

describe('a file kport cannot parse', () => {
  it('that needs changes is refused loudly: exit 1, no diff, --write leaves it and writes no build files', async () => {
    const dir = tempDir();
    const src = 'unsafe extern "C" {\n    pub safe fn abs(x: i32) -> i32;\n}\n\nfn main() {\n    println!("{}", abs(-3));\n}\n';
    writeFileSync(path.join(dir, 'main.rs'), src);
    const dry = await kport(['rewrite', '--dry-run', '--color', 'never', 'main.rs'], dir);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toMatch(/^error\[K0004\]: syntax error .* in a file kport needs to change/m);
    const before = snapshot(dir);
    const write = await kport(['rewrite', '--write', '--allow-dirty', 'main.rs'], dir);
    expect(write.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('that needs no change keeps its syntax with a warning: exit 0', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ffi.rs'), 'unsafe extern "C" {\n    pub safe fn abs(x: i32) -> i32;\n}\n');
    const r = await kport(['check', '--color', 'never', 'ffi.rs'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning\[K0002\]/m);
  });
});

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  async function bad(args: string[], pattern: RegExp) {
    const r = await kport(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  }

  it('a missing path', () => bad(['rewrite', '--dry-run', '/nonexistent/kport'], /no such file or folder/));

  it('an unknown --io mode, on rewrite and check', async () => {
    await bad(['rewrite', '--dry-run', '--io', 'tty', HELLO], /--io: unknown io mode "tty"; choose miscdev/);
    await bad(['check', '--io', 'tty', HELLO], /--io: unknown io mode "tty"; choose miscdev/);
  });

  it('an unknown [package.metadata.kport] io value', async () => {
    const copy = copyOf(HELLO);
    writeFileSync(path.join(copy, 'Cargo.toml'), readFileSync(path.join(copy, 'Cargo.toml'), 'utf8') + '\n[package.metadata.kport]\nio = "pty"\n');
    await bad(['rewrite', '--dry-run', copy], /\[package\.metadata\.kport\] io: unknown io mode "pty"; choose miscdev/);
  });

  it('--io miscdev (flag or Cargo.toml) turns the stdin loop into /dev/NAME; check reports the same', async () => {
    const copy = copyOf(path.join(ROOT, 'examples', 'cave'));
    const viaMeta = await kport(['rewrite', '--dry-run', copy]);
    expect(viaMeta.stdout).toContain('+++ b/src/miscdev.rs');
    expect(viaMeta.stderr).toContain('K1001');
    writeFileSync(path.join(copy, 'Cargo.toml'), readFileSync(path.join(copy, 'Cargo.toml'), 'utf8').replace(/\[package\.metadata\.kport\][^[]*/, ''));
    const without = await kport(['rewrite', '--dry-run', copy]);
    expect(without.stdout).not.toContain('+++ b/src/miscdev.rs');
    expect(without.stderr).toContain('`--io miscdev` turns');
    const viaFlag = await kport(['rewrite', '--dry-run', '--io', 'miscdev', copy]);
    expect(viaFlag.stdout).toBe(viaMeta.stdout);
    const check = await kport(['check', '--io', 'miscdev', '--format', 'json', copy]);
    expect(check.stdout).toContain('K1001');
  });

  it('a non-UTF-8 file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.rs'), Buffer.from([0x66, 0x6e, 0x20, 0xff, 0xfe, 0x0a]));
    await bad(['rewrite', '--write', path.join(dir, 'a.rs')], /not valid UTF-8/);
    expect(readFileSync(path.join(dir, 'a.rs'))).toEqual(Buffer.from([0x66, 0x6e, 0x20, 0xff, 0xfe, 0x0a]));
  });

  it('a non-UTF-8 file inside a crate stops the whole run before anything is written', async () => {
    const copy = copyOf(HELLO);
    writeFileSync(path.join(copy, 'src', 'greet.rs'), Buffer.from([0xc3, 0x28]));
    const before = snapshot(copy);
    await bad(['rewrite', '--write', copy], /src\/greet\.rs: not valid UTF-8/);
    expect(snapshot(copy)).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file', async () => {
    const dir = tempDir();
    const f = path.join(dir, 'a.rs');
    writeFileSync(f, 'fn main() {}\n');
    chmodSync(f, 0);
    await bad(['rewrite', '--dry-run', f], /permission denied/);
  });

  it('an unreadable file (simulated as root: a .rs path that is a folder)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "x"\n');
    mkdirSync(path.join(dir, 'src', 'main.rs'));
    await bad(['rewrite', '--dry-run', dir], /is a folder/);
  });

  it('a folder with no .rs files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'README'), 'hi\n');
    await bad(['rewrite', '--dry-run', dir], /no \.rs files found/);
  });

  it('--out-dir inside the input', async () => {
    const copy = copyOf(HELLO);
    const before = snapshot(copy);
    await bad(['rewrite', '--out-dir', path.join(copy, 'out'), copy], /overlaps the input/);
    expect(snapshot(copy)).toEqual(before);
    expect(existsSync(path.join(copy, 'out'))).toBe(false);
  });

  it('an unknown transform, profile, or option', async () => {
    await bad(['rewrite', '--dry-run', '--only', 'nope', HELLO], /unknown transform `nope`/);
    await bad(['rewrite', '--dry-run', '--profile', 'v2.6', HELLO], /unknown profile/);
    await bad(['rewrite', '--frobnicate', HELLO], /Unknown argument/);
    await bad(['rewrite', '--write', '--check', HELLO], /choose one of/);
  });

  it('a broken Cargo.toml', async () => {
    const copy = copyOf(HELLO);
    writeFileSync(path.join(copy, 'Cargo.toml'), '[package\nname = \n');
    await bad(['rewrite', '--dry-run', copy], /cannot read Cargo\.toml/);
  });

  it('the real binary prints no stack trace for a user mistake', () => {
    const r = kportBin(['rewrite', '--dry-run', '/nonexistent/kport']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kport: /nonexistent/kport: no such file or folder\n');
  });
});

describe('discovery', () => {
  it('follows mod declarations, nested folders and #[path]', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src', 'net', 'proto'), { recursive: true });
    mkdirSync(path.join(dir, 'src', 'other'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "multi"\n');
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'mod net;\n#[path = "other/x.rs"]\nmod renamed;\nmod inline { pub mod deep; }\nfn main() {}\n');
    writeFileSync(path.join(dir, 'src', 'net', 'mod.rs'), 'pub mod proto;\n');
    writeFileSync(path.join(dir, 'src', 'net', 'proto.rs'), 'pub mod tcp;\n');
    writeFileSync(path.join(dir, 'src', 'net', 'proto', 'tcp.rs'), 'pub fn f() { println!("tcp"); }\n');
    writeFileSync(path.join(dir, 'src', 'other', 'x.rs'), 'pub fn g() { println!("x"); }\n');
    mkdirSync(path.join(dir, 'src', 'inline'));
    writeFileSync(path.join(dir, 'src', 'inline', 'deep.rs'), 'pub fn h() { println!("deep"); }\n');
    writeFileSync(path.join(dir, 'src', 'unreached.rs'), 'fn u() { println!("never"); }\n');
    const r = await kport(['rewrite', '--dry-run', '--no-module', dir]);
    expect(r.code).toBe(0);
    const files = [...r.stdout.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]).sort();
    expect(files).toEqual(['src/inline/deep.rs', 'src/net/proto/tcp.rs', 'src/other/x.rs']);
  });

  it('warns about a declared module without a file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'main.rs'), 'mod missing;\nfn main() {}\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.stderr).toMatch(/warning\[K0003\]: module `missing` declared in main\.rs has no file/);
  });

  it('ports several single files, paths relative to their common folder', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'a', 'x.rs'), 'fn x() { println!("x"); }\n');
    writeFileSync(path.join(dir, 'b', 'y.rs'), 'fn y() { println!("y"); }\n');
    const r = await kport(['rewrite', '--dry-run', path.join(dir, 'a', 'x.rs'), path.join(dir, 'b', 'y.rs')]);
    expect([...r.stdout.matchAll(/^\+\+\+ (\S+)/gm)].map((m) => m[1])).toEqual(['b/a/x.rs', 'b/b/y.rs']);
  });
});

describe('transforms and explain', () => {
  it('lists the transforms in order', async () => {
    const r = await kport(['transforms']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/print-macros[\s\S]*prelude-import/);
  });

  it('explains a transform and a code', async () => {
    expect((await kport(['explain', 'print-macros'])).stdout).toContain('pr_info!("score: {}\\n", score);');
    expect((await kport(['explain', 'K0101'])).stdout).toMatch(/^K0101 \(error\)/);
    expect((await kport(['explain', 'nope'])).code).toBe(2);
  });
});

describe('git apply of CRLF, BOM and no-final-newline files', () => {
  it('round-trips through the patch', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'crlf.rs'), 'fn a() {\r\n    println!("a");\r\n}\r\n');
    writeFileSync(path.join(dir, 'bom.rs'), '\ufefffn b() {\n    println!("b");\n}\n');
    writeFileSync(path.join(dir, 'nofinal.rs'), 'fn c() {\n    println!("c");\n}');
    const copy = copyOf(dir);
    gitInit(copy);
    const dry = await kport(['rewrite', '--dry-run', dir]);
    const pf = path.join(tempDir(), 'p.patch');
    writeFileSync(pf, dry.stdout);
    git(copy, 'apply', pf);
    await kport(['rewrite', '--write', '--allow-dirty', dir]);
    expect(snapshot(copy)).toEqual(snapshot(dir));
    expect(readFileSync(path.join(dir, 'crlf.rs'), 'utf8')).toBe('use kernel::prelude::*;\r\n\r\nfn a() {\r\n    pr_info!("a\\n");\r\n}\r\n');
    expect(readFileSync(path.join(dir, 'bom.rs'), 'utf8').startsWith('\ufeffuse kernel::prelude::*;')).toBe(true);
    expect(readFileSync(path.join(dir, 'nofinal.rs'), 'utf8').endsWith('}')).toBe(true);
  });
});
