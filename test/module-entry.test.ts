// The module entry end to end: the out-of-tree folder type-checks, the in-tree
// patch applies to a (small, fake) kernel tree with git apply and patch -p1,
// binaries are chosen with --bin, and bad input is one line with exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, git, gitInit, kport, tempDir } from './helpers.ts';
import { addKconfigEntry, addMakefileLine, kconfigEntry } from '../src/outputs/buildfiles.ts';
import { kernelLicenseOf } from '../src/crate/modinfo.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');
const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;
const hasPatch = spawnSync('patch', ['--version']).status === 0;

function files(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, files(dir, r));
    else out[r] = readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

/** A kernel tree in miniature: the top Kconfig (with mainmenu) and samples/rust as upstream has it. */
function fakeKernel(): string {
  const k = tempDir('kport-kernel-');
  mkdirSync(path.join(k, 'samples', 'rust'), { recursive: true });
  writeFileSync(path.join(k, 'Kconfig'), 'mainmenu "Linux/$(ARCH) $(KERNELVERSION) Kernel Configuration"\n\nsource "samples/Kconfig"\n');
  writeFileSync(path.join(k, 'Makefile'), 'obj-y += samples/\n');
  writeFileSync(
    path.join(k, 'samples', 'rust', 'Kconfig'),
    '# SPDX-License-Identifier: GPL-2.0\n\nmenuconfig SAMPLES_RUST\n\tbool "Rust samples"\n\tdepends on RUST\n\nif SAMPLES_RUST\n\nconfig SAMPLE_RUST_MINIMAL\n\ttristate "Minimal"\n\thelp\n\t  This option builds the Rust minimal module sample.\n\nendif # SAMPLES_RUST\n',
  );
  writeFileSync(path.join(k, 'samples', 'rust', 'Makefile'), '# SPDX-License-Identifier: GPL-2.0\n\nobj-$(CONFIG_SAMPLE_RUST_MINIMAL)\t\t+= rust_minimal.o\n\nrust_print-y := rust_print_main.o\n');
  return k;
}

describe('--out-dir: an out-of-tree module folder', () => {
  it.skipIf(!hasRustc)('type-checks against the kernel API stub', async () => {
    const out = path.join(tempDir(), 'hello');
    expect((await kport(['rewrite', '--out-dir', out, HELLO])).code).toBe(0);
    const v = await kport(['verify', '--format', 'json', out]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(JSON.parse(v.stdout.slice(v.stdout.indexOf('{'))).diagnostics).toEqual([]);
  });

  it('keeps nested module folders beside the root', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src', 'net'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "Net-Tool"\n');
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'mod net;\nfn main() {\n    net::up();\n}\n');
    writeFileSync(path.join(dir, 'src', 'net', 'mod.rs'), 'pub fn up() {}\n');
    const out = path.join(tempDir(), 'out');
    expect((await kport(['rewrite', '--out-dir', out, dir])).code).toBe(0);
    expect(Object.keys(files(out)).sort()).toEqual(['Kbuild', 'Makefile', 'README.kernel.md', 'net/mod.rs', 'net_tool.rs']);
    expect(files(out)['Kbuild']).toContain('obj-m := net_tool.o\n');
    expect(files(out)['net_tool.rs']).toContain('type: NetTool,\n    name: "net_tool",');
  });
});

describe('--in-tree: a patch against a kernel tree', () => {
  it('adds the module, its Kconfig entry and Makefile line; git apply and patch -p1 take it', async () => {
    const k = fakeKernel();
    gitInit(k);
    const r = await kport(['rewrite', '--in-tree', path.join(k, 'samples', 'rust'), HELLO]);
    expect(r.code, r.stderr).toBe(0);
    expect([...r.stdout.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1])).toEqual(['samples/rust/hello.rs', 'samples/rust/greet.rs', 'samples/rust/Kconfig', 'samples/rust/Makefile']);
    const pf = path.join(tempDir(), 'in-tree.patch');
    writeFileSync(pf, r.stdout);
    git(k, 'apply', '--check', pf);
    if (hasPatch) {
      const copy = copyOf(k);
      const p = spawnSync('patch', ['-p1', '--forward', '--batch'], { cwd: copy, input: r.stdout, encoding: 'utf8' });
      expect(p.status, p.stdout + p.stderr).toBe(0);
    }
    git(k, 'apply', pf);
    const kconfig = readFileSync(path.join(k, 'samples', 'rust', 'Kconfig'), 'utf8');
    // Inside the menu's `if`, in the form of the neighbouring entries.
    expect(kconfig).toContain('\tIf unsure, say N.\n'.replace('\tI', '\t  I') + '\nendif # SAMPLES_RUST\n');
    expect(kconfig).toContain('config HELLO\n\ttristate "Greets the world and counts to three"\n\tdepends on RUST\n\thelp\n');
    expect(readFileSync(path.join(k, 'samples', 'rust', 'Makefile'), 'utf8')).toContain('+= rust_minimal.o\nobj-$(CONFIG_HELLO) += hello.o\n');
    expect(readFileSync(path.join(k, 'samples', 'rust', 'hello.rs'), 'utf8')).toContain('impl kernel::Module for Hello {');

    // --write does the same in place; a second run has nothing left to do.
    const w = fakeKernel();
    gitInit(w);
    expect((await kport(['rewrite', '--write', '--in-tree', path.join(w, 'samples', 'rust'), HELLO])).code).toBe(0);
    expect(files(w)).toEqual(files(k));
    const again = await kport(['rewrite', '--in-tree', path.join(w, 'samples', 'rust'), HELLO]);
    expect(again.stdout).toBe('');
  });

  it('places an entry in a Kconfig without a closing endif at the end, and a Makefile without obj- lines', () => {
    const entry = kconfigEntry('demo', undefined);
    expect(addKconfigEntry('config A\n\tbool "a"\n', entry)).toBe(`config A\n\tbool "a"\n\n${entry}`);
    expect(addMakefileLine('# empty\n', 'obj-$(CONFIG_DEMO) += demo.o')).toBe('# empty\nobj-$(CONFIG_DEMO) += demo.o\n');
  });
});

describe('module metadata', () => {
  it('maps SPDX licences to the strings include/linux/license.h accepts, and nothing else', () => {
    expect(kernelLicenseOf('GPL-2.0-only')).toBe('GPL v2');
    expect(kernelLicenseOf('GPL-2.0-or-later')).toBe('GPL');
    expect(kernelLicenseOf('MIT OR GPL-2.0')).toBe('Dual MIT/GPL');
    expect(kernelLicenseOf('GPL-2.0 OR BSD-3-Clause')).toBe('Dual BSD/GPL');
    expect(kernelLicenseOf('MIT/GPL-2.0')).toBe('Dual MIT/GPL');
    expect(kernelLicenseOf('MIT')).toBeUndefined();
    expect(kernelLicenseOf('GPL-3.0-only')).toBeUndefined();
  });

  it('flags override Cargo.toml, and the note shows where each value came from', async () => {
    const r = await kport(['rewrite', '--dry-run', '--module-name', 'Greeter', '--author', 'Grace', '--license', 'Dual MIT/GPL', HELLO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+    type: Greeter,\n+    name: "greeter",\n+    authors: ["Grace"],\n+    description: "Greets the world and counts to three",\n+    license: "Dual MIT/GPL",\n');
    expect(r.stdout).toContain('rename to src/greeter.rs');
    expect(r.stderr).toContain('name "greeter" (--module-name), authors "Grace" (--author)');
    expect(r.stderr).not.toContain('K0507');
  });

  it('the v6.10 profile writes `author:`', async () => {
    const r = await kport(['rewrite', '--dry-run', '--profile', 'v6.10', HELLO]);
    expect(r.stdout).toContain('+    author: "Ada Lovelace <ada@example.org>",\n');
  });
});

describe('binaries and library crates', () => {
  function twoBins(): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src', 'bin'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "tools"\n');
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {}\n');
    writeFileSync(path.join(dir, 'src', 'bin', 'probe.rs'), 'fn main() {\n    println!("probe");\n}\n');
    return dir;
  }

  it('two binaries: asks for --bin with the list, exit 2, nothing written', async () => {
    const dir = twoBins();
    const before = files(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: .*the crate has 2 binaries \(tools, probe\); choose the one to port with --bin NAME\n$/);
    expect(files(dir)).toEqual(before);
  });

  it('--bin NAME ports that binary; an unknown name lists the binaries', async () => {
    const dir = twoBins();
    const r = await kport(['rewrite', '--dry-run', '--bin', 'probe', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/src/bin/probe.rs b/src/bin/tools.rs');
    // One Kbuild per folder on the way down: Kbuild → src/Kbuild → src/bin/Kbuild.
    expect(r.stdout).toContain('+++ b/Kbuild\n@@ -1,0 +1,3 @@\n+# SPDX-License-Identifier: GPL-2.0\n+\n+obj-m := src/\n');
    expect(r.stdout).toContain('+++ b/src/Kbuild\n@@ -1,0 +1,3 @@\n+# SPDX-License-Identifier: GPL-2.0\n+\n+obj-m := bin/\n');
    expect(r.stdout).toContain('+++ b/src/bin/Kbuild\n@@ -1,0 +1,3 @@\n+# SPDX-License-Identifier: GPL-2.0\n+\n+obj-m := tools.o\n');
    // Written, then run again: the Kbuild chain names the module file; nothing left to do.
    const w = copyOf(dir);
    gitInit(w);
    expect((await kport(['rewrite', '--write', '--bin', 'probe', w])).code).toBe(0);
    expect(existsSync(path.join(w, 'src', 'bin', 'tools.rs'))).toBe(true);
    expect((await kport(['rewrite', '--dry-run', w])).stdout).toBe('');
    const bad = await kport(['rewrite', '--dry-run', '--bin', 'nope', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no binary named `nope`; the binaries are tools, probe\n$/);
  });

  it('a folder with two programs: K0508, neither becomes the module', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.rs'), 'fn main() {}\n');
    writeFileSync(path.join(dir, 'b.rs'), 'fn main() {}\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[K0508]: 2 files define `fn main` (a.rs, b.rs)');
  });

  it('--no-module ports without module! or build files; a library crate says so', async () => {
    const n = await kport(['rewrite', '--dry-run', '--no-module', HELLO]);
    expect(n.stdout).not.toContain('module!');
    expect(n.stdout).not.toContain('Kbuild');
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "lib"\n');
    writeFileSync(path.join(dir, 'src', 'lib.rs'), 'pub fn f() {\n    println!("f");\n}\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.stdout).not.toContain('Kbuild');
    expect(r.stderr).toContain('note[K0509]');
  });
});

describe('bad input: one line, exit 2, nothing written', () => {
  async function bad(args: string[], pattern: RegExp) {
    const r = await kport(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  }

  it('a module name that is not valid after sanitising', () => bad(['rewrite', '--dry-run', '--module-name', '9lives', HELLO], /module name "9lives" is not a valid kernel module name/));

  it('an in-tree folder without Kconfig or Makefile', async () => {
    const k = fakeKernel();
    const before = files(k);
    await bad(['rewrite', '--write', '--in-tree', path.join(k, 'samples'), HELLO], /--in-tree .*: the folder has no Kconfig/);
    await bad(['rewrite', '--in-tree', path.join(k, 'nope'), HELLO], /no such folder/);
    await bad(['rewrite', '--in-tree', path.join(tempDir(), '.'), HELLO], /the folder has no Kconfig/);
    await bad(['rewrite', '--out-dir', path.join(tempDir(), 'o'), '--in-tree', path.join(k, 'samples', 'rust'), HELLO], /exclude each other/);
    expect(files(k)).toEqual(before);
  });

  it('two programs in one folder given as separate files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.rs'), 'fn main() {}\n');
    writeFileSync(path.join(dir, 'b.rs'), 'fn main() {}\n');
    await bad(['rewrite', '--dry-run', path.join(dir, 'a.rs'), path.join(dir, 'b.rs')], /both need Kbuild .*port them one at a time/);
  });

  it('a library crate with --in-tree', async () => {
    const k = fakeKernel();
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "lib"\n');
    writeFileSync(path.join(dir, 'src', 'lib.rs'), 'pub fn f() {}\n');
    await bad(['rewrite', '--in-tree', path.join(k, 'samples', 'rust'), dir], /--in-tree needs a program with `fn main`/);
    expect(existsSync(path.join(k, 'samples', 'rust', 'lib.rs'))).toBe(false);
  });
});

describe('a crate that is already a kernel module', () => {
  const OOT = path.join(ROOT, 'test', 'fixtures', 'kernel-modules', 'rust_oot');
  it('keeps its own Kbuild, Makefile and file name: no diff, no K0510', async () => {
    const r = await kport(['rewrite', '--dry-run', OOT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('K0510');
  });
});

describe('the renamed crate root and a module of the same name', () => {
  it('refuses in one line (exit 2, nothing printed) when <name>/mod.rs is the crate module <name>; --module-name resolves it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src', 'shapes'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "shapes"\nversion = "0.1.0"\nedition = "2021"\n');
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'mod shapes;\n\nfn main() {\n    println!("{}", shapes::area(2));\n}\n');
    writeFileSync(path.join(dir, 'src', 'shapes', 'mod.rs'), 'pub fn area(n: u32) -> u32 {\n    n * n\n}\n');
    const refused = await kport(['rewrite', '--dry-run', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual([
      'kport: cannot rename src/main.rs to src/shapes.rs: the crate\'s module shapes is src/shapes/mod.rs, and rustc would find both files for it; choose another name with --module-name',
    ]);
    const named = await kport(['rewrite', '--dry-run', '--module-name', 'shapes_demo', dir]);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('rename from src/main.rs\nrename to src/shapes_demo.rs\n');
  });
});
