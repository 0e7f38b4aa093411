// Issue 22, item 1: every path kport writes lies inside the folder it writes
// to, with every link resolved, and a link on the way is refused before
// anything is written. Dry runs, `check` and `--verify` write nothing in the
// input, ever, whatever links it holds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewrite } from '../src/cli/run.ts';
import { materialize } from '../src/verify/verify.ts';
import { gitInit, kport, tempDir } from './helpers.ts';

const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;

/** Every entry under `dir` (but .git, which git itself updates): its mode and its bytes (a link: its target), so any write shows. */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    const abs = path.join(dir, r);
    const st = lstatSync(abs);
    const mode = (st.mode & 0o7777).toString(8);
    if (e.isSymbolicLink()) out[r] = `link ${readlinkSync(abs)}`;
    else if (e.isDirectory()) {
      out[r] = `dir ${mode}`;
      Object.assign(out, tree(dir, r));
    } else out[r] = `${mode} ${readFileSync(abs).toString('base64')}`;
  }
  return out;
}

/** A crate whose port needs kport_compat.rs (a collect), with src/kport_compat.rs a link to `target`. */
function crateWithCompatLink(target: string): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "linked"\nversion = "0.1.0"\n');
  writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {\n    let v: Vec<u32> = (0..3).collect();\n    println!("{}", v.len());\n}\n');
  chmodSync(path.join(dir, 'src', 'main.rs'), 0o640);
  symlinkSync(target, path.join(dir, 'src', 'kport_compat.rs'));
  return dir;
}

describe('dry runs and check write nothing in the input', () => {
  // [what the link is, where it points, what to look at outside afterwards]
  const cases: [string, (outside: string) => string, (outside: string) => string][] = [
    ['a link to a file elsewhere', (o) => path.join(o, 'victim.rs'), (o) => readFileSync(path.join(o, 'victim.rs'), 'utf8')],
    ['a dangling link', (o) => path.join(o, 'created.rs'), (o) => String(existsSync(path.join(o, 'created.rs')))],
  ];

  for (const [name, target, probe] of cases) {
    it.skipIf(!hasRustc)(`rewrite --dry-run --verify, check, --check: src/kport_compat.rs is ${name}`, async () => {
      const outside = tempDir();
      writeFileSync(path.join(outside, 'victim.rs'), 'precious\n');
      const dir = crateWithCompatLink(target(outside));
      const outsideBefore = tree(outside);
      const before = tree(dir);
      const seen = probe(outside);
      const verify = await kport(['rewrite', '--dry-run', '--verify', dir]);
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toContain('+++ b/src/kport_compat.rs');
      for (const args of [['rewrite', '--dry-run', dir], ['rewrite', '--check', dir], ['check', dir]]) await kport(args);
      expect(tree(dir)).toEqual(before);
      expect(tree(outside)).toEqual(outsideBefore);
      expect(probe(outside)).toBe(seen);
    });
  }

  it('--write refuses the link with one line, before writing anything', async () => {
    const outside = tempDir();
    const dir = crateWithCompatLink(path.join(outside, 'created.rs'));
    gitInit(dir);
    const before = tree(dir);
    const r = await kport(['rewrite', '--write', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: .*src\/kport_compat\.rs: is a symbolic link; refusing to write through it\n$/);
    expect(tree(dir)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('--verify copies only the crate', () => {
  it("a single file: the module tree, not the rest of its folder", () => {
    const home = tempDir();
    writeFileSync(path.join(home, 'demo.rs'), 'fn main() {\n    println!("hi");\n}\n');
    writeFileSync(path.join(home, 'notes.txt'), 'private notes\n');
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'key\n');
    writeFileSync(path.join(home, 'other.rs'), 'fn other() {}\n');
    const result = rewrite({ paths: [path.join(home, 'demo.rs')], profile: 'mainline', mode: 'report' });
    const dir = materialize(result);
    expect(Object.keys(tree(dir)).sort()).toEqual(['Kbuild', 'Makefile', 'README.kernel.md', 'demo.rs']);
  });

  it('a crate: Cargo.toml and the module tree, not target/ or data files', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    mkdirSync(path.join(dir, 'target'));
    writeFileSync(path.join(dir, 'target', 'big.bin'), 'x');
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "c"\n');
    writeFileSync(path.join(dir, 'src', 'lib.rs'), 'pub fn f() {}\n');
    writeFileSync(path.join(dir, 'data.csv'), '1,2\n');
    const m = materialize(rewrite({ paths: [dir], profile: 'mainline', mode: 'report' }));
    expect(Object.keys(tree(m)).sort()).toEqual(['Cargo.toml', 'src', 'src/lib.rs']);
  });
});

describe('a link on the way is refused', () => {
  it('--write through a linked folder inside the crate', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "c"\n');
    writeFileSync(path.join(dir, 'real', 'lib.rs'), 'pub fn f() {\n    println!("x");\n}\n');
    symlinkSync('real', path.join(dir, 'src'));
    gitInit(dir);
    const before = tree(dir);
    const r = await kport(['rewrite', '--write', '--allow-dirty', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: .*src\/lib\.rs: .*src is a symbolic link; refusing to write through it\n$/);
    expect(tree(dir)).toEqual(before);
  });

  it('--out-dir through a linked parent that lands inside the input', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'main.rs'), 'fn main() {\n    println!("x");\n}\n');
    const elsewhere = tempDir();
    symlinkSync(dir, path.join(elsewhere, 'link'));
    const before = tree(dir);
    const r = await kport(['rewrite', '--out-dir', path.join(elsewhere, 'link', 'out'), dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kport: --out-dir .* overlaps the input .* \(through a symbolic link\); choose a folder outside it\n$/);
    expect(tree(dir)).toEqual(before);
  });

  it('--patch onto a link', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'main.rs'), 'fn main() {\n    println!("x");\n}\n');
    const out = tempDir();
    writeFileSync(path.join(out, 'real.patch'), 'old\n');
    symlinkSync('real.patch', path.join(out, 'port.patch'));
    const r = await kport(['rewrite', '--patch', path.join(out, 'port.patch'), dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/port\.patch: is a symbolic link; refusing to write through it\n$/);
    expect(lstatSync(path.join(out, 'port.patch')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(out, 'real.patch'), 'utf8')).toBe('old\n');
  });

  it('--in-tree through a linked folder of the kernel tree', async () => {
    const kernel = tempDir();
    writeFileSync(path.join(kernel, 'Kconfig'), 'mainmenu "Linux"\n');
    mkdirSync(path.join(kernel, 'samples', 'real'), { recursive: true });
    writeFileSync(path.join(kernel, 'samples', 'real', 'Kconfig'), 'menu "x"\nendmenu\n');
    writeFileSync(path.join(kernel, 'samples', 'real', 'Makefile'), 'obj-y += a.o\n');
    symlinkSync('real', path.join(kernel, 'samples', 'rust'));
    gitInit(kernel);
    const prog = tempDir();
    writeFileSync(path.join(prog, 'hello.rs'), 'fn main() {\n    println!("x");\n}\n');
    const before = tree(kernel);
    const r = await kport(['rewrite', '--write', '--in-tree', path.join(kernel, 'samples', 'rust'), path.join(prog, 'hello.rs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/samples\/rust is a symbolic link; refusing to write through it\n$/);
    expect(tree(kernel)).toEqual(before);
  });
});
