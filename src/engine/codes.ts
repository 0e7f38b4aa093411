// The engine's own diagnostic codes: what the pipeline reports about a file
// whatever the transforms are (an abandoned port, syntax errors, a module
// file that is missing). src/cli/codes.ts puts them first in the catalogue.
import type { CodeInfo, Severity } from './types.ts';

export const ENGINE_CODES: CodeInfo[] = [
  {
    code: 'K0001',
    severity: 'error',
    title: 'internal error: the port of this file was abandoned',
    explanation: `kport found a problem in its own work on this file (two rewrites that overlap,
or output that parses worse than the input) and kept the file exactly as it was.
Nothing in the file was changed. Please report it with the file that triggers it.`,
  },
  {
    code: 'K0002',
    severity: 'warning',
    title: 'the input has syntax errors in a file kport has nothing to change in',
    explanation: `tree-sitter could not parse part of this file, but kport found nothing to
change in the rest of it, so the file is left exactly as it was. The error may
be newer Rust syntax that tree-sitter-rust 0.24 does not know (rustc accepts
it), or a real mistake. Code inside the error was not read: if it needs porting,
fix the error (or move the newer syntax elsewhere) and run kport again. A file
with syntax errors that kport does need to change is refused instead (K0004).`,
  },
  {
    code: 'K0004',
    severity: 'error',
    title: 'a file kport needs to change has syntax errors: it was left unchanged',
    explanation: `tree-sitter could not parse part of this file, and kport has changes to make
in it. It cannot read the code inside the error (tree-sitter-rust 0.24 does not
know some newer syntax, such as Rust 2024 \`unsafe extern "C" { .. }\` blocks),
so a port of the rest would be partial: rewritten code next to code it never
read, and a \`use kernel::prelude::*;\` it cannot place. kport refuses the
file: it is left exactly as it was, the rest of the crate is ported without
it, and nothing that depends on it is generated (no \`?\` propagated into it,
no compat module declared in it, and no module scaffolding for the crate:
no \`module!\`, no Kbuild or Makefile, since the module would include a file
that was not ported). One exception keeps a run's output stable: when the file
needed changes only because of changes in other files (a function it calls
became fallible), a run on the output would not refuse it, so the module
scaffolding is kept and the message says so. The exit code is 1.

Fix the syntax error, or move the code tree-sitter cannot read into a file kport
has nothing to change in (such a file keeps its syntax with a K0002 warning),
then run kport again.

Before (main.rs):
    unsafe extern "C" {
        pub safe fn abs(x: i32) -> i32;
    }
    fn main() { println!("{}", abs(-3)); }
A decision, for instance: move the block into ffi.rs (\`mod ffi;\` in main.rs);
kport then ports main.rs and leaves ffi.rs as it is.`,
  },
  {
    code: 'K0007',
    severity: 'error',
    title: "kport's transforms ran past the per-file time budget: the file was left unchanged",
    explanation: `The transforms spent longer on this file than the per-file budget
(\`--file-timeout SECONDS\`, 120 by default on the command line; 0 turns it
off), so kport stopped working on it instead of stalling the whole run. The
file is left exactly as it was and, as for a file refused for its syntax
(K0004), the rest of the crate is ported without it: nothing is propagated
into it and no module scaffolding is generated. The exit code is 1.

No ordinary file comes near the budget (kport ports megabytes a minute), so a
file that does is a bug in kport: please report it. Meanwhile raise the budget
or split the file.`,
  },
  {
    code: 'K0003',
    severity: 'warning',
    title: 'a declared module has no file, or its file is outside the crate',
    explanation: `A \`mod name;\` declaration names a file kport could not find (name.rs or
name/mod.rs beside the declaring file, or the \`#[path]\` it gives), or the file
resolves through a symbolic link to somewhere outside the crate folder. kport
ports the files it can reach and leaves this module alone.`,
  },
];

/**
 * The default severity of a code a transform reports without one: from the
 * reporting transform's declared codes (Transform.codes), else the engine's
 * own; a code declared by neither is an error.
 */
export function defaultSeverity(code: string, declared: readonly CodeInfo[] | undefined): Severity {
  for (const c of declared ?? []) if (c.code === code) return c.severity;
  for (const c of ENGINE_CODES) if (c.code === code) return c.severity;
  return 'error';
}
