// The fallibility propagation's golden outputs mean what they say: each one
// that reports no error builds against the kernel API stub (mainline), as a
// module of one crate. This covers the `Result<Option<T>>` rewrite, the `From`
// impls (and variant) kport adds to a crate's error enum, and every help text
// that tells the user to add code. Skipped without rustc.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOC_MAINLINE, COMPAT_MODULE, compatModule } from '../src/kernel-api/alloc.ts';
import { findRustc, verifyPaths } from '../src/verify/verify.ts';
import { ROOT, tempDir } from './helpers.ts';

const GOLDEN = path.join(ROOT, 'golden', 'fallible-propagation');
/** Cases that do not build alone, on purpose. */
const SEPARATE = new Set([
  // `fn main` keeps its `?`: module-entry (not under test here) makes it `Module::init`.
  '15-main-keeps-signature',
  // K0406: calls kport cannot resolve are left unchanged (and reported).
  '18-ambiguous',
  // Prints a `KBox` with `{}`: mainline's `kernel::fmt::Display` (rust/kernel/fmt.rs) has no impl for it.
  '19-calls-in-macros',
  // Uses `println!`: print-macros (not under test here) rewrites it.
  '22-macro-arguments',
]);
const hasRustc = !!findRustc();
if (!hasRustc) console.warn('propagation-verify.test.ts: skipped: no rustc on PATH');

/**
 * The code a diagnostic's help tells the user to add (K0404's `impl From<..>`),
 * or null when the diagnostic is an error that gives none: the case then does
 * not build on purpose.
 */
function pasted(diagnostics: string): string[] | null {
  const out: string[] = [];
  for (const entry of diagnostics.split(/\n(?=\S)/)) {
    if (!/^\S+: error\[/.test(entry)) continue;
    const code = /\n {2}(impl From<[\s\S]*?\n {2}\})/.exec(entry);
    if (!/error\[K0404\]/.test(entry) || !code) return null;
    out.push(code[1].replace(/\n {2}/g, '\n'));
  }
  return out;
}

/** One-file cases that report no error but ones whose help gives the code to add; with it, their outputs must build. */
const BUILDS = readdirSync(GOLDEN).flatMap((name) => {
  const dir = path.join(GOLDEN, name);
  if (!existsSync(path.join(dir, 'output.rs')) || SEPARATE.has(name)) return [];
  const diags = path.join(dir, 'diagnostics.txt');
  const added = pasted(existsSync(diags) ? readFileSync(diags, 'utf8') : '');
  return added ? [{ name, text: [readFileSync(path.join(dir, 'output.rs'), 'utf8'), ...added].join('\n') }] : [];
});

/** A crate with one module per golden output, and the module the kernel loads. */
function crateOf(cases: { name: string; text: string }[]): string {
  const dir = tempDir('kport-propagation-verify-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "propagation_verify"\nversion = "0.1.0"\nedition = "2021"\n');
  const mods = cases.map((c) => `m${c.name.replace(/\W/g, '_')}`);
  // Each output was a crate root: its `crate::` paths now go through its module.
  cases.forEach((c, i) => writeFileSync(path.join(dir, 'src', `${mods[i]}.rs`), `#![allow(dead_code, unused_imports)]\nuse crate::${COMPAT_MODULE}::*;\nuse kernel::alloc::AllocError;\nuse kernel::prelude::*;\n\n${c.text.replace(/\bcrate::/g, `crate::${mods[i]}::`)}`));
  // The compat module the allocation passes add (`try_collect`, `try_to_vec`).
  writeFileSync(path.join(dir, 'src', `${COMPAT_MODULE}.rs`), compatModule(ALLOC_MAINLINE.compat, ['TryCollect', 'TryToVec']));
  writeFileSync(
    path.join(dir, 'src', 'lib.rs'),
    `use kernel::prelude::*;

mod ${COMPAT_MODULE};
${mods.map((m) => `mod ${m};`).join('\n')}

struct Demo;

impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Demo)
    }
}

module! {
    type: Demo,
    name: "propagation_verify",
    authors: ["kport"],
    description: "golden outputs of fallible-propagation",
    license: "GPL",
}
`,
  );
  return dir;
}

function errorsOf(dir: string): string[] {
  return verifyPaths([dir], { profile: 'mainline' }).diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`);
}

/**
 * rustc's warnings (with the kernel's lints, src/kernel-api/lints.ts) at lines
 * kport wrote: not in the case's input as they stand, nor in the harness's own
 * files (lib.rs, the compat module with both traits), nor `unreachable_pub`.
 */
function generatedWarnings(dir: string, cases: { name: string }[]): string[] {
  const v = verifyPaths([dir], { profile: 'mainline' });
  return v.warningDiagnostics.flatMap((d) => {
    const c = cases.find((x) => d.file === `src/m${x.name.replace(/\W/g, '_')}.rs`);
    // Each output is a crate root made a private module here: its `pub` items are unreachable only in this harness.
    if (!c || d.message.startsWith('unreachable_pub:')) return [];
    const line = readFileSync(path.join(dir, d.file), 'utf8').split('\n')[d.start.line - 1].trim();
    const input = readFileSync(path.join(GOLDEN, c.name, 'input.rs'), 'utf8').split('\n').map((l) => l.trim());
    return input.includes(line) ? [] : [`${c.name}: ${line}: ${d.message}`];
  });
}

describe.skipIf(!hasRustc)('fallible-propagation golden outputs against the kernel stub', () => {
  it('the outputs that report no error build, and those whose help gives code build with it', () => {
    expect(BUILDS.map((c) => c.name)).toEqual(expect.arrayContaining(['11-option', '26-option-becomes-result', '29-error-enum-from', '30-error-enum-choose']));
    const dir = crateOf(BUILDS);
    try {
      expect(errorsOf(dir)).toEqual([]);
      // No warning at a line kport wrote (`match (if ..)` was rustc's unused_parens).
      expect(generatedWarnings(dir, BUILDS)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
