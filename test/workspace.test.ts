// Cargo workspaces: a workspace root lists its members, --package ports one,
// --workspace ports each member with a binary as its own module, and a
// member's folder is accepted directly as before.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, git, gitInit, kport, tempDir } from './helpers.ts';

function workspace(rootPackage = false): string {
  const ws = tempDir();
  mkdirSync(path.join(ws, 'crates'));
  cpSync(path.join(ROOT, 'examples', 'hello'), path.join(ws, 'crates', 'hello'), { recursive: true });
  cpSync(path.join(ROOT, 'examples', 'calc'), path.join(ws, 'crates', 'calc'), { recursive: true });
  mkdirSync(path.join(ws, 'util', 'src'), { recursive: true });
  writeFileSync(path.join(ws, 'util', 'Cargo.toml'), '[package]\nname = "util"\nversion = "0.1.0"\nedition = "2021"\n');
  writeFileSync(path.join(ws, 'util', 'src', 'lib.rs'), 'pub fn twice(x: u32) -> u32 {\n    x * 2\n}\n');
  mkdirSync(path.join(ws, 'crates', 'scratch'));
  writeFileSync(path.join(ws, 'crates', 'scratch', 'notes.txt'), 'not a crate\n');
  const pkg = rootPackage ? '[package]\nname = "top"\nversion = "0.1.0"\nedition = "2021"\n\n' : '';
  writeFileSync(path.join(ws, 'Cargo.toml'), `${pkg}[workspace]\nmembers = ["crates/*", "util"]\nexclude = ["crates/scratch"]\nresolver = "2"\n`);
  if (rootPackage) {
    mkdirSync(path.join(ws, 'src'));
    writeFileSync(path.join(ws, 'src', 'main.rs'), 'fn main() {\n    println!("top");\n}\n');
  }
  gitInit(ws);
  return ws;
}

describe('Cargo workspaces', () => {
  it('at a workspace root without a choice: one line listing the members, exit 2, nothing printed', async () => {
    const ws = workspace();
    const r = await kport(['rewrite', '--dry-run', '.'], ws);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kport: .: is a Cargo workspace; its members are calc (crates/calc, binary), hello (crates/hello, binary), util (util, library): port one with --package NAME, each member with a binary with --workspace, or give a member\'s folder\n');
  });

  it('--package NAME ports that member, with paths from the workspace root: the patch applies there', async () => {
    const ws = workspace();
    const r = await kport(['rewrite', '--dry-run', '--package', 'hello', '.'], ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/crates/hello/src/main.rs b/crates/hello/src/hello.rs\n');
    expect(r.stdout).not.toContain('calc');
    // The same port as naming the member's folder, with the member's path in front.
    const direct = await kport(['rewrite', '--dry-run', 'crates/hello'], ws);
    expect(r.stdout).toBe(direct.stdout.replace(/( [ab]\/|^(?:rename (?:from|to)|[-+]{3} [ab]\/) ?)/gm, (m) => m.replace(/([ab]\/|from |to )$/, '$1crates/hello/')));
    const patch = path.join(tempDir(), 'p.patch');
    writeFileSync(patch, r.stdout);
    git(ws, 'apply', '--check', patch);
  });

  it('--workspace ports each member with a binary as its own module', async () => {
    const ws = workspace();
    const r = await kport(['rewrite', '--dry-run', '--workspace', '.'], ws);
    expect(r.code).toBe(1); // calc's port leaves error-level decisions
    const files = [...r.stdout.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)].map((m) => m[2]);
    for (const f of ['crates/hello/src/hello.rs', 'crates/hello/Kbuild', 'crates/calc/src/calc.rs', 'crates/calc/Kbuild']) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('util/'))).toBe(false);
    const w = await kport(['rewrite', '--write', '--workspace', '.'], ws);
    expect(w.code).toBe(1); // calc keeps error-level diagnostics (K0404 ...); the files are written all the same
    expect(w.stderr).toContain('kport: wrote ');
    expect(readFileSync(path.join(ws, 'crates', 'calc', 'Kbuild'), 'utf8')).toContain('obj-m := src/');
    expect(readFileSync(path.join(ws, 'crates', 'hello', 'src', 'Kbuild'), 'utf8')).toContain('obj-m := hello.o');
  });

  it('check takes --package too', async () => {
    const ws = workspace();
    const r = await kport(['check', '--format', 'json', '--package', 'calc', '.'], ws);
    const files = new Set(JSON.parse(r.stdout).diagnostics.map((d: { file: string }) => d.file));
    expect([...files].every((f) => String(f).startsWith('crates/calc/'))).toBe(true);
    expect(files.size).toBeGreaterThan(0);
  });

  it('an unknown member, and --workspace where there is none, are one-line errors', async () => {
    const ws = workspace();
    const bad = await kport(['rewrite', '--dry-run', '--package', 'nope', '.'], ws);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kport: \.: no workspace member named `nope`; the members are calc .*\n$/);
    const notWs = await kport(['rewrite', '--dry-run', '--workspace', 'crates/hello'], ws);
    expect(notWs.code).toBe(2);
    expect(notWs.stderr).toBe('kport: crates/hello: --workspace: not a Cargo workspace root (its Cargo.toml has no [workspace])\n');
  });

  it('a root that is also a package ports as that package unless a member is chosen', async () => {
    const ws = workspace(true);
    const r = await kport(['rewrite', '--dry-run', '.'], ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/src/main.rs b/src/top.rs\n');
    const m = await kport(['rewrite', '--dry-run', '--package', 'calc', '.'], ws);
    expect(m.stdout).toContain('diff --git a/crates/calc/src/main.rs b/crates/calc/src/calc.rs\n');
  });
});
