import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { CrateContext, CrateTransform } from '../src/engine/types.ts';
import { convert, INIT_QUERIES } from './module-entry/init.ts';
import { NAMES } from './module-entry/metadata.ts';

/**
 * module-entry: the program's `fn main` becomes a kernel module.
 *
 *   fn main() {                 module! { type: Hello, name: "hello", license: "GPL", }
 *       pr_info!("hi\n");   →   struct Hello;
 *   }                           impl kernel::Module for Hello {
 *                                   fn init(_module: &'static ThisModule) -> Result<Self> {
 *                                       pr_info!("hi\n");
 *                                       Ok(Hello)
 *                                   }
 *                               }
 *
 * Forms checked against the kernel: rust/kernel/lib.rs (`pub trait Module:
 * Sized + Sync + Send { fn init(module: &'static ThisModule) -> error::Result<Self>; }`),
 * rust/macros/module.rs (the keys and their fixed order: type, name,
 * authors/author, description, license), and the Rust-for-Linux
 * rust-out-of-tree-module sample (rust_out_of_tree.rs).
 */

const MAIN = '(source_file (function_item name: (identifier) @name (#eq? @name "main")) @fn)';
const PORTED = `
  (source_file (macro_invocation macro: (identifier) @m (#eq? @m "module")))
  (source_file (impl_item trait: (scoped_type_identifier) @t (#match? @t "^(::)?kernel::Module$")))
`;

function run(cc: CrateContext): void {
  if (cc.crate.options.noModule) return;
  const roots = cc.files.filter((f) => f.isCrateRoot);
  const withMain = roots
    .map((f) => ({ f, m: f.matches('main')[0] }))
    .filter((x) => x.m)
    .map((x) => ({ f: x.f, fn: x.m.captures.find((c) => c.name === 'fn')!.node }));
  const ported = roots.some((f) => f.matches('ported').length > 0);
  if (withMain.length === 0) {
    const lib = roots.find((f) => /(^|\/)lib\.rs$/.test(f.path));
    if (!ported && cc.crate.packageName !== undefined && lib) {
      lib.report({
        code: 'K0509',
        message: `no \`fn main\`: \`${cc.crate.packageName}\` is ported as a module-less set of files (no module!, no build files)`,
        range: { start: 0, end: 0 },
        help: 'a kernel module that uses this code declares the `module!` itself; pass --no-module to silence this note',
      });
    }
    return;
  }
  if (withMain.length > 1) {
    for (const { f, fn } of withMain) {
      f.report({
        code: 'K0508',
        message: `${withMain.length} files define \`fn main\` (${withMain.map((x) => x.f.path).join(', ')}); a kernel module has one entry point`,
        node: fn.childForFieldName('name')!,
        help: 'port one program at a time: pass its file alone, or --bin NAME for a Cargo crate',
      });
    }
    return;
  }
  if (ported) return;
  const { f, fn } = withMain[0];
  convert(f, fn, cc);
  const lib = roots.find((r) => r !== f && /(^|\/)lib\.rs$/.test(r.path));
  if (lib) {
    f.report({
      code: 'K0511',
      message: `the crate also has a library (${lib.path}); the module is built from ${f.path} alone`,
      node: fn.childForFieldName('name')!,
      help: `a kernel module is one crate: declare the library's modules from the module file and write \`crate::\` where the program says \`${(cc.crate.packageName ?? 'lib').replace(/-/g, '_')}::\``,
    });
  }
}

export const moduleEntry: CrateTransform = {
  id: 'module-entry',
  scope: 'crate',
  summary: 'Turn `fn main` into a `module!` block, a module type and `impl kernel::Module` whose `init` runs the body.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: ({ crate }) => !crate.options.noModule,
  queries: { main: MAIN, ported: PORTED, names: NAMES, ...INIT_QUERIES },
  run,
  codes: [
    {
      code: 'K0501',
      severity: 'note',
      title: '`fn main` became the module entry; the metadata chosen and where it came from',
      explanation: `kport turned \`fn main\` into \`module! { .. }\`, a module type and
\`impl kernel::Module\`. The note lists each \`module!\` value and its source
(a flag, [package.metadata.kport], Cargo.toml, the crate's doc comment, or the
default), so a reviewer can check them. Override any of them with
--module-name, --author, --description or --license.

Before:
    fn main() { pr_info!("hi\\n"); }
After:
    module! { type: Hello, name: "hello", license: "GPL", }
    struct Hello;
    impl kernel::Module for Hello {
        fn init(_module: &'static ThisModule) -> Result<Self> { pr_info!("hi\\n"); Ok(Hello) }
    }`,
    },
    {
      code: 'K0502',
      severity: 'note',
      title: 'this profile writes the older `author:` key',
      explanation: `rust/macros/module.rs took one \`author: ".."\` string until v6.15 added
\`authors: [..]\` (commit 38559da6afb2); \`author\` was removed after that. kport
writes the form of the chosen profile; several authors are joined with ", " in
the old form.

Before (profile v6.10):
    authors = ["Ada", "Bob"]          # Cargo.toml
After:
    author: "Ada, Bob",`,
    },
    {
      code: 'K0503',
      severity: 'error',
      title: '`main` has a form that does not map onto `Module::init`',
      explanation: `Only \`fn main()\` and \`fn main() -> Result<(), E>\` become
\`Module::init\`. An \`async fn main\` (an async runtime), a main that returns
\`ExitCode\` or another type, or a generic or \`extern\` main is left unchanged:
write the \`impl kernel::Module\` by hand.

Before:
    fn main() -> ExitCode { .. }
After (by hand):
    impl kernel::Module for Game {
        fn init(_module: &'static ThisModule) -> Result<Self> { ..; Ok(Game) }
    }`,
    },
    {
      code: 'K0504',
      severity: 'warning',
      title: "`main`'s error type is not the kernel's `Error`",
      explanation: `\`Module::init\` returns \`kernel::error::Result<Self>\`, whose error is an errno
(\`kernel::error::Error\`). Values that main returned with another error type
(\`io::Error\`, \`Box<dyn Error>\`, a custom enum) will not convert; map them to
an errno where they are produced.

Before:
    fn main() -> Result<(), ParseError> { parse()?; Ok(()) }
After (by hand, in parse):
    .map_err(|_| EINVAL)?`,
    },
    {
      code: 'K0505',
      severity: 'error',
      title: '`init` would never return',
      explanation: `A loop at the top of main that never breaks is a server's main loop. In
\`Module::init\` it would block \`insmod\` for ever. Move the loop into a kernel
thread or a work item, or end it, and keep only set-up in init.

Before:
    fn main() { loop { serve(); } }
After (by hand):
    init registers a work item that calls serve().`,
    },
    {
      code: 'K0506',
      severity: 'warning',
      title: '`process::exit` became a return from `init`',
      explanation: `A module cannot end a process. \`std::process::exit(0)\` in main becomes
\`return Ok(Type)\` (the module loads); any other exit code becomes
\`return Err(EINVAL)\` (loading fails with -EINVAL). Choose the errno that says
why (rust/kernel/error.rs lists them).

Before:
    if bad { std::process::exit(2); }
After:
    if bad { return Err(EINVAL); }`,
    },
    {
      code: 'K0507',
      severity: 'warning',
      title: "the module's licence, or Cargo.toml's, is not one the kernel accepts",
      explanation: `The kernel accepts the module licence strings in include/linux/license.h
("GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
"Dual MPL/GPL"), and the kernel crate's symbols are GPL-only. kport maps SPDX
expressions that mean one of these (GPL-2.0-only → "GPL v2", MIT OR GPL-2.0 →
"Dual MIT/GPL", ...) and otherwise writes "GPL" and says so: relicensing is the
authors' decision. Pass --license to choose.

Before:
    license = "MIT"          # Cargo.toml
After:
    license: "GPL",          # in module!, with this warning`,
    },
    {
      code: 'K0508',
      severity: 'error',
      title: 'several files define `fn main`',
      explanation: `A kernel module has one entry point. When the files given to kport hold
more than one \`fn main\` (several programs in one folder), kport does not
guess which one is the module: pass that program's file alone (or --bin NAME for
a Cargo crate with several binaries).

Before:
    kport rewrite tools/        # a.rs and b.rs both have fn main
After:
    kport rewrite tools/a.rs`,
    },
    {
      code: 'K0511',
      severity: 'warning',
      title: 'the crate has a library beside the program',
      explanation: `A Cargo package with src/lib.rs and src/main.rs is two crates: the program
uses the library by the package's name. A kernel module is built from one crate
(the module file and its \`mod\` tree), so the library's files are not part of
it. Move the library's \`mod\` declarations into the module file and write
\`crate::\` for the package name.

Before:
    src/main.rs: use dice::roll;     src/lib.rs: pub fn roll() ..
After (by hand):
    src/dice.rs (the module file): mod roll; use crate::roll::roll;`,
    },
    {
      code: 'K0512',
      severity: 'warning',
      title: 'a value main keeps alive has no type annotation',
      explanation: `A \`let _name = expr;\` at main's top level holds a value until main ends (a
registration, a guard). In a module, main's end is the end of \`init\`, so kport keeps
such a value in the module struct until unload, which needs its type. Without
an annotation it stays a local of \`init\` and is dropped when \`init\` returns.

Before:
    let _dev = miscdev::register(Session { .. })?;
After (by hand, then kport again):
    let _dev: miscdev::Registration = miscdev::register(Session { .. })?;
    // → struct Game { _dev: miscdev::Registration }  and  Ok(Game { _dev })`,
    },
    {
      code: 'K0513',
      severity: 'error',
      title: 'main returns early, but it keeps values until unload',
      explanation: `When main has a \`let _name: Type = ..;\` that becomes a field of the module
struct, every successful return of \`init\` must build the struct with that field.
An early \`return\` (or \`process::exit(0)\`) before it has no value for it.
Restructure main so that it returns only at its end, or return an error.

Before:
    fn main() {
        if quiet { return; }
        let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
    }
After (by hand):
    if quiet { return Err(EINVAL); }`,
    },
    {
      code: 'K0509',
      severity: 'note',
      title: 'no `fn main`: ported as a module-less set of files',
      explanation: `A library crate has no entry point, so kport ports its files (paths,
printing, allocation, ...) without a \`module!\` block or build files. A module
that uses the code declares \`module!\` itself. --no-module says this on purpose
and silences the note.

Before:
    src/lib.rs: pub fn score(..) { .. }
After:
    src/lib.rs: the same, ported; no module! added`,
    },
  ],
};
