// Diagnostic codes of `kport verify` (K08xx). Kept apart from src/verify/verify.ts so
// the catalogue can list them without loading the verifier.
import type { CodeInfo } from '../engine/types.ts';

export const VERIFY_CODES: CodeInfo[] = [
  {
    code: 'K0801',
    severity: 'error',
    title: 'rustc rejects the port against the kernel API',
    explanation: `\`kport verify\` type-checked the crate with your rustc against kport's stub of the
kernel crate (the kernel's signatures: no infallible \`push\`, no \`println!\`, no
\`String\`, \`Vec\` needs its allocator, \`pr_*!\` need \`module!\`), and rustc reported
this error. The message is rustc's, with its error code; \`rustc --explain CODE\`
explains the code. Each error is shown at your file; an error rustc found inside a
kernel macro is shown where you called the macro.

Before (fails to verify):
    v.push(x);
After:
    v.push(x, GFP_KERNEL)?;`,
  },
  {
    code: 'K0803',
    severity: 'warning',
    title: 'rustc warns about the port (kport verify --warnings / --werror)',
    explanation: `\`kport verify --warnings\` prints the warnings rustc gave while type-checking
the port against kport's stub of the kernel crate, at your files, in the same
format as the errors; \`--werror\` counts them as errors (exit 1), as a kernel
configured with \`CONFIG_WERROR=y\` builds Rust with \`-Dwarnings\`. The message is
rustc's, after the lint that fired (\`unused_variables\`, \`dead_code\`, ...).

Before (a warning; an error with --werror):
    let count = v.len();
After:
    let _count = v.len();`,
  },
  {
    code: 'K0804',
    severity: 'warning',
    title: 'a lint the kernel turns on fires on the port (kport verify --warnings / --werror)',
    explanation: `The kernel builds every Rust file, modules included, with the lints of its top
Makefile's \`rust_common_flags\`: from 6.11 \`-Wrust_2018_idioms -Wunreachable_pub
-Wmissing_docs\` (and \`-Dunsafe_op_in_unsafe_fn -Dnon_ascii_idents\`, errors);
6.1 to 6.10 denied the first two too. \`kport verify\` passes the same flags for the
profile (src/kernel-api/lints.ts), and reports a warning from one of them as K0804:
a plain kernel build prints it, a kernel configured with \`CONFIG_WERROR=y\` fails
on it (\`--werror\`). The clippy lints of the same list are left out: the kernel
runs them only under \`make CLIPPY=1\`.

kport does not change your code to silence these: a \`pub\` item in a private
module (\`unreachable_pub\`), a public item or a crate with no doc comment
(\`missing_docs\`), \`fmt::Formatter\` without its lifetime
(\`elided_lifetimes_in_paths\`, from \`rust_2018_idioms\`) are yours to fix.

Before (a warning; an error with CONFIG_WERROR=y):
    mod greet {
        pub fn name() -> &'static str { "world" }
    }
After:
    mod greet {
        pub(crate) fn name() -> &'static str { "world" }
    }`,
  },
  {
    code: 'K0802',
    severity: 'error',
    title: 'the kernel build (--kdir) reports an error',
    explanation: `\`kport verify --kdir PATH\` ran \`make -C PATH M=<crate> LLVM=1\` and the kernel
build failed. The message is the build's own; rustc errors are shown at your files.
Run the same make command to see the full log.`,
  },
];
