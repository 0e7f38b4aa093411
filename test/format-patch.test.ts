// `kport rewrite --format-patch`: a mail-formatted series that git am applies,
// equal to what --write writes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, git, gitInit, kport, tempDir } from './helpers.ts';

function tree(dir: string): Record<string, string> {
  const files = git(dir, 'ls-files', '-z').split('\0').filter(Boolean).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** Two identical git repositories of an example, with an identity for git am. */
function pair(example: string): [string, string] {
  const a = copyOf(path.join(ROOT, 'examples', example));
  gitInit(a);
  git(a, 'config', 'user.name', 'Ada Lovelace');
  git(a, 'config', 'user.email', 'ada@example.org');
  const b = tempDir();
  git(b, 'clone', '-q', a, '.');
  git(b, 'config', 'user.name', 'Ada Lovelace');
  git(b, 'config', 'user.email', 'ada@example.org');
  return [a, b];
}

describe('--format-patch', () => {
  it('a folder of two patches that git am applies; the result equals --write', async () => {
    const [a, b] = pair('calc');
    const out = tempDir();
    const r = await kport(['rewrite', '--format-patch', out, '--signoff', '.'], a);
    expect(r.code).toBe(1); // calc's port leaves error-level decisions
    const patches = readdirSync(out).sort();
    expect(patches).toEqual(['0001-rust-calc-port-to-the-kernel-s-Rust-API.patch', '0002-rust-calc-build-as-a-kernel-module.patch']);
    const first = readFileSync(path.join(out, patches[0]), 'utf8');
    expect(first).toMatch(/^From 0{40} Mon Sep 17 00:00:00 2001\nFrom: Ada Lovelace <ada@example.org>\nDate: .+\nSubject: \[PATCH 1\/2\] rust: calc: port to the kernel's Rust API\n\n/);
    expect(first).toContain('\nSigned-off-by: Ada Lovelace <ada@example.org>\n---\n');
    // The body counts what is left by code and lists each error-level one at its line.
    const second = readFileSync(path.join(out, patches[1]), 'utf8');
    expect(second).toMatch(/Left for a person \(kport\): [1-9]\d* error\(s\), \d+ warning\(s\), \d+ note\(s\)\.\n( {2}K\d{4} x\d+ \((error|warning|note)\): .+\n)+/);
    expect(second).toMatch(/^ {2}K\d{4} x\d+ \(error\): /m);
    expect(second).toMatch(/Errors, each a decision to make before this builds:\n {2}src\/main\.rs:\d+:\d+: K\d{4}: /);
    expect(second).toContain('Renamed: src/main.rs -> src/calc.rs.');
    // The mechanical commit touches no build file and does not rename the root.
    expect(first).not.toMatch(/^diff --git a\/(Kbuild|Makefile)|^rename /m);

    git(b, 'am', '-q', ...patches.map((p) => path.join(out, p)));
    expect(git(b, 'log', '--format=%s', '-2').trim().split('\n')).toEqual(['rust: calc: build as a kernel module', "rust: calc: port to the kernel's Rust API"]);
    expect(git(b, 'log', '-1', '--format=%an <%ae>').trim()).toBe('Ada Lovelace <ada@example.org>');

    const w = await kport(['rewrite', '--write', '.'], a);
    expect(w.code).toBe(1);
    git(a, 'add', '-A');
    expect(tree(b)).toEqual(tree(a));
  });

  it('a file is one mbox with the series; without --signoff there is no Signed-off-by', async () => {
    const [a, b] = pair('hello');
    const mbox = path.join(tempDir(), 'series.mbox');
    const r = await kport(['rewrite', '--format-patch', mbox, '.'], a);
    expect(r.code).toBe(0);
    const text = readFileSync(mbox, 'utf8');
    expect(text.match(/^From 0{40} /gm)).toHaveLength(2);
    expect(text).not.toContain('Signed-off-by:');
    git(b, 'am', '-q', mbox);
    await kport(['rewrite', '--write', '.'], a);
    git(a, 'add', '-A');
    expect(tree(b)).toEqual(tree(a));
  });

  it('--no-module is one patch; a port that changes nothing is a one-line error', async () => {
    const [a] = pair('hello');
    const out = tempDir();
    await kport(['rewrite', '--format-patch', out, '--no-module', '.'], a);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(out, files[0]), 'utf8')).toContain('Subject: [PATCH] rust: hello: ');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'k.rs'), 'use kernel::prelude::*;\n\nfn f() -> u32 {\n    1\n}\n');
    const none = await kport(['rewrite', '--format-patch', path.join(dir, 'out.mbox'), '--no-module', 'k.rs'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('kport: --format-patch: the port changes nothing; no patch to write\n');
  });
});
