// Text helpers of the compat module beside `KString` (src/compat/kstring.ts):
//
// - `TryRepeat`: `s.try_repeat(n, GFP_KERNEL)?` in place of `str::repeat`, a
//   new `KString` (the bytes in a `KVec<u8>`, rust/kernel/alloc/kvec.rs:
//   `KVec::with_capacity` once, then `extend_from_slice` into the reserved
//   room). Where `n * len` overflows, std panics ("capacity overflow"); this
//   returns `AllocError`, as the kernel vector does for a size it cannot hold.
// - `DisplayJoin`: `parts.display_join(sep)` in place of `parts.join(sep)` where
//   the joined text is only formatted with a plain `{}`: it writes the parts
//   and separators straight into the formatter, so nothing is allocated and
//   nothing can fail that could not fail before. On mainline it implements the
//   kernel's own `Display` too (rust/kernel/fmt.rs), for `pr_*!` and `fmt!`.
import type { Profile } from '../kernel-api/profiles.ts';
import type { CompatItem, CompatPiece } from './piece.ts';
import { kstringOn } from './kstring.ts';

const PRELUDE = ['kernel::prelude::*'];

const REPEAT: CompatPiece = {
  id: 'TryRepeat',
  example: '    let s = "ab".try_repeat(3, GFP_KERNEL)?;\n    let _ = s.len();',
  import: 'TryRepeat',
  requires: ['KString', 'KString::with_capacity', 'KString::push_str'],
  watch: { methods: ['try_repeat'] },
  usedIn: (s) => s.methods.some((m) => m.name === 'try_repeat' && m.args === 2),
  text: (p) =>
    kstringOn(p)
      ? {
          uses: PRELUDE,
          text: `/// \`s.try_repeat(n, GFP_KERNEL)?\` in place of \`s.repeat(n)\`: \`n\` copies of the text in a
/// new \`KString\`, allocated once (\`KVec::with_capacity\`). A size that overflows is an
/// \`AllocError\` (std panics there).
pub(crate) trait TryRepeat {
    /// \`n\` copies of \`self\`, one after the other, in a new \`KString\`.
    fn try_repeat(&self, n: usize, flags: kernel::alloc::Flags) -> Result<KString, kernel::alloc::AllocError>;
}

impl TryRepeat for str {
    fn try_repeat(&self, n: usize, flags: kernel::alloc::Flags) -> Result<KString, kernel::alloc::AllocError> {
        let total = self.len().checked_mul(n).ok_or(kernel::alloc::AllocError)?;
        let mut s = KString::with_capacity(total, flags)?;
        for _ in 0..n {
            // Within the capacity reserved above: no allocation, cannot fail.
            s.push_str(self, flags)?;
        }
        Ok(s)
    }
}
`,
        }
      : null,
};

function displayJoinText(p: Profile): string {
  const kernelDisplay =
    p.fmtPath === 'kernel::fmt'
      ? `
/// mainline: \`pr_*!\` and \`fmt!\` format through the kernel's own \`Display\` (rust/kernel/fmt.rs).
impl<S: AsRef<str>> kernel::fmt::Display for DisplayJoin<'_, S> {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        core::fmt::Display::fmt(self, f)
    }
}
`
      : '';
  return `/// The parts of a slice of text with a separator between them, formatted in place: what
/// \`parts.join(sep)\` prints with \`{}\`, without building the joined text.
pub(crate) struct DisplayJoin<'a, S> {
    parts: &'a [S],
    sep: &'a str,
}

/// \`parts.display_join(sep)\` in place of \`parts.join(sep)\` as a \`{}\` argument.
pub(crate) trait DisplayJoinExt<S> {
    /// The parts with \`sep\` between them, to format; allocates nothing.
    fn display_join<'a>(&'a self, sep: &'a str) -> DisplayJoin<'a, S>;
}

impl<S: AsRef<str>> DisplayJoinExt<S> for [S] {
    fn display_join<'a>(&'a self, sep: &'a str) -> DisplayJoin<'a, S> {
        DisplayJoin { parts: self, sep }
    }
}

impl<S: AsRef<str>> core::fmt::Display for DisplayJoin<'_, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str(self.sep)?;
            }
            f.write_str(part.as_ref())?;
        }
        Ok(())
    }
}
${kernelDisplay}`;
}

const DISPLAY_JOIN: CompatPiece = {
  id: 'DisplayJoin',
  example: '    let parts = ["a", "b"];\n    let s = kformat!("[{}]", parts.display_join(", "))?;\n    let _ = s.len();',
  import: 'DisplayJoinExt',
  watch: { methods: ['display_join'] },
  usedIn: (s) => s.methods.some((m) => m.name === 'display_join' && m.args === 1),
  text: (p) => (kstringOn(p) ? { uses: [], text: displayJoinText(p) } : null),
};

export const TEXT_ITEM: CompatItem = {
  name: 'TryRepeat, DisplayJoin',
  doc: `\`try_repeat\` builds repeated text in a \`KString\` with one allocation that can
fail; \`display_join\` formats the parts of a slice with a separator between them,
in place of a joined \`String\` that is only printed, allocating nothing.`,
  pieces: [REPEAT, DISPLAY_JOIN],
};

const COLLECT_OK: CompatPiece = {
  id: 'TryCollectOk',
  example: '    let v: KVec<KString> = [1u8, 2].iter().map(|n| n.to_kstring()).try_collect_ok(GFP_KERNEL)?;\n    let _ = v.len();',
  import: 'TryCollectOk',
  watch: { methods: ['try_collect_ok'] },
  usedIn: (s) => s.methods.some((m) => m.name === 'try_collect_ok' && m.args === 1),
  text: (p) =>
    kstringOn(p)
      ? {
          uses: PRELUDE,
          text: `/// \`iter.map(|x| x.to_kstring()).try_collect_ok(GFP_KERNEL)?\` in place of
/// \`iter.map(|x| x.to_string()).collect::<Vec<String>>()\`: the items' values in a new
/// \`KVec\` (rust/kernel/alloc/kvec.rs); the first item that failed, or running out of
/// memory for the vector, is the error, and what was collected is freed.
pub(crate) trait TryCollectOk<T, E>: Iterator<Item = Result<T, E>> + Sized {
    /// The values of the items, in order, in a new vector allocated with \`flags\`.
    fn try_collect_ok(self, flags: kernel::alloc::Flags) -> Result<KVec<T>>
    where
        Error: From<E>,
    {
        let mut v = KVec::new();
        for item in self {
            v.push(item?, flags)?;
        }
        Ok(v)
    }
}

impl<T, E, I: Iterator<Item = Result<T, E>>> TryCollectOk<T, E> for I {}
`,
        }
      : null,
};

export const COLLECT_OK_ITEM: CompatItem = {
  name: 'TryCollectOk',
  doc: `\`try_collect_ok\` collects the values of fallible items (text made in a \`map\`) into a
\`KVec\`, stopping at the first error.`,
  pieces: [COLLECT_OK],
};
