// What the owned-string rewrites (transforms/compat-string-*.ts,
// transforms/compat-format.ts) share: whether they run, where they must not
// touch code, and the notes they leave. check-strings asks `stringsPorted`
// too, so a site is either rewritten here or reported there, never both.
import { compatTypesOn } from '../crate/compat-mode.ts';
import { localNames } from '../analysis/localnames.ts';
import { anchor, shadowed, type Region } from '../analysis/macroargs.ts';
import { isTestCode } from '../analysis/testcode.ts';
import type { CodeInfo, CrateInfo, SyntaxNode, Tree } from '../engine/types.ts';
import type { Profile } from '../kernel-api/profiles.ts';
import type { Ty } from '../analysis/vec-resolver.ts';
import { kstringOn } from './kstring.ts';

/** Whether `String`, `format!` and `.to_string()` are ported to `KString` (not only reported) for this crate and profile. */
export function stringsPorted(ctx: { crate: Pick<CrateInfo, 'options'>; profile: Profile }): boolean {
  return compatTypesOn(ctx.crate) && kstringOn(ctx.profile);
}

/** A `String` (as written, or as the port renamed it). */
export function isStringTy(t: Ty): boolean {
  return t.k === 'named' && (t.name === 'String' || t.name === 'KString');
}

/** Inside a `use` declaration (its names are paths, not uses). */
export function insideUse(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type.endsWith('_item') || p.type === 'block') return false;
  }
  return false;
}

/** Code the rewrites leave alone, as check-strings leaves it unreported: tests, `use` paths, raw tokens of a re-parsed macro argument list. */
export function leaveAlone(tree: Tree, n: SyntaxNode, r: Region): boolean {
  return isTestCode(tree, anchor(n, r)) || insideUse(n) || shadowed(tree, n, r);
}

/** Whether the file gives `name` its own meaning (defines or imports it from outside std). */
export function ownName(tree: Tree, name: string): boolean {
  return localNames(tree).has(name);
}

/** Whether the file defines an item (function, method, macro) called `name`. */
export function definesName(tree: Tree, name: string): boolean {
  return localNames(tree).defined.has(name);
}

/** `ToString` as a bound (`T: ToString`, `impl ToString`, `dyn ToString`, in a `where`): `Display` means the same there. */
export function toStringBound(t: SyntaxNode): boolean {
  const p = t.parent;
  return t.text === 'ToString' && (p?.type === 'trait_bounds' || p?.type === 'abstract_type' || p?.type === 'dynamic_type');
}

/** The profile's `Display` path: the kernel's own on mainline (rust/kernel/fmt.rs), else core's. */
export function displayPath(profile: Profile): string {
  return `${profile.fmtPath}::Display`;
}

/** A node's range in the file text. */
export function span(n: SyntaxNode, r: Region, end: SyntaxNode = n): { start: number; end: number } {
  return { start: n.startIndex + r.shift, end: end.endIndex + r.shift };
}

/** The kernel's own ways to hold text, named by every note (the upstream alternative to the compat type). */
export const KERNEL_TEXT = '`&str`/`&CStr` for borrowed text, `c"..."` (or `c_str!`) for constants, `CString` (rust/kernel/str.rs) for owned text handed to C, or a fixed `[u8; N]` buffer';

export const STRING_CODES: Record<string, CodeInfo> = {
  K0690: {
    code: 'K0690',
    severity: 'note',
    title: '`String` became the compat type `KString`',
    explanation: `The kernel has no \`String\`. kport ports it to \`KString\` from the generated
compat module (\`kport_compat.rs\`): UTF-8 text in a \`KVec<u8>\`, with every \`str\`
method through \`Deref<Target = str>\`, and a \`Result\` from everything that
allocates. The port builds and means the same; for upstream code, look at
the kernel's own forms: ${KERNEL_TEXT}. \`--compat none\` keeps the
report-only behaviour (K0610).

Before:
    struct Player { name: String }
After:
    struct Player { name: KString }`,
  },
  K0691: {
    code: 'K0691',
    severity: 'note',
    title: 'a `String` constructor became a fallible `KString` one',
    explanation: `\`String::from(s)\`, \`s.to_string()\`/\`s.to_owned()\` on a string literal and
\`String::with_capacity(n)\` allocate: they become \`KString::try_from(s)?\` and
\`KString::with_capacity(n, GFP_KERNEL)?\`, whose failure the function passes on
(\`?\`, and the fallibility propagation). \`String::new()\` allocates nothing and
becomes \`KString::new()\`. For upstream code, a constant is better kept as
\`&'static str\` or \`c"..."\` than copied.

Before:
    let mut name = String::from("guest");
After:
    let mut name = KString::try_from("guest")?;`,
  },
  K0692: {
    code: 'K0692',
    severity: 'note',
    title: '`format!` became `kformat!`, which can fail',
    explanation: `\`format!(..)\` becomes \`kformat!(..)?\` from the compat module: the same text in
a new \`KString\`, built as \`CString::try_from_fmt\` (rust/kernel/str.rs) builds a
C string, so running out of memory part-way is \`ENOMEM\`, never a shorter
string. For upstream code: print with \`pr_*!(..)\` directly where the text is
only printed, or \`CString::try_from_fmt(fmt!(..))?\` for a C string.

Before:
    let line = format!("{}: {}", key, value);
After:
    let line = kformat!("{}: {}", key, value)?;`,
  },
  K0693: {
    code: 'K0693',
    severity: 'note',
    title: '`.to_string()` became `.to_kstring()`, which can fail',
    explanation: `\`x.to_string()\` becomes \`x.to_kstring()?\`: the compat trait \`ToKString\` formats
any value with \`{}\` into a new \`KString\` (on mainline through the kernel's own
\`kernel::fmt::Display\`). For upstream code, format the value where it is used
(\`pr_info!("{}", x)\`, \`fmt!\`) instead of keeping its text.

Before:
    let label = count.to_string();
After:
    let label = count.to_kstring()?;`,
  },
  K0694: {
    code: 'K0694',
    severity: 'note',
    title: 'growing a `String` became a fallible `KString` call',
    explanation: `\`push_str\`, \`push\`, \`insert_str\` and \`+=\` may reallocate: on a \`KString\` they take
the GFP flags and return a \`Result\`, as \`KVec::push(x, GFP_KERNEL)\` does
(rust/kernel/alloc/kvec.rs), and the call gets \`?\`. If it fails, the text is
unchanged. For upstream code, size the buffer once (\`KString::with_capacity\`,
or a \`KVec<u8>\`) or print the pieces directly.

Before:
    out.push_str(word);
    out += "\\n";
After:
    out.push_str(word, GFP_KERNEL)?;
    out.push_str("\\n", GFP_KERNEL)?;`,
  },
  K0695: {
    code: 'K0695',
    severity: 'note',
    title: "a `String`'s clone became `try_clone()?`",
    explanation: `Copying text allocates, and the kernel's vector has no \`Clone\`: \`s.clone()\` on a
\`KString\` becomes \`s.try_clone()?\`. For upstream code, borrow (\`&str\`) instead of
copying where the copy is only read.

Before:
    let saved = name.clone();
After:
    let saved = name.try_clone()?;`,
  },
  K0696: {
    code: 'K0696',
    severity: 'note',
    title: 'collecting or joining text became a fallible `KString` call',
    explanation: `\`iter.collect::<String>()\` becomes \`KString::try_from_iter(iter, GFP_KERNEL)?\`
(pieces: \`char\`s, \`&str\`s, \`KString\`s), and \`parts.join(sep)\` becomes
\`parts.try_join(sep, GFP_KERNEL)?\` from the compat trait \`TryJoin\`. For upstream code,
write the pieces into one buffer sized once, or print them one by one.

Before:
    let word: String = letters.iter().collect();
After:
    let word: KString = KString::try_from_iter(letters.iter(), GFP_KERNEL)?;`,
  },
  K0697: {
    code: 'K0697',
    severity: 'error',
    title: 'a type that derives `Clone` holds a `KString`, which has no `Clone`',
    explanation: `Copying text allocates, so \`KString\` (like the kernel's \`KVec\`) has no \`Clone\`:
a \`#[derive(Clone)]\` on a struct or enum that holds one does not build. Remove
\`Clone\` from the derive and copy where needed with a method that can fail,
field by field with \`try_clone()?\`, or borrow instead of copying.

Before:
    #[derive(Clone)]
    struct Entry { key: KString }
Decision:
    impl Entry {
        fn try_clone(&self) -> Result<Self> { Ok(Self { key: self.key.try_clone()? }) }
    }`,
  },
};
