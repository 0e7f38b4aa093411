// `KString`: owned, growable UTF-8 text for ported code, in a kernel vector.
//
// The kernel has no `String` (rust/kernel/str.rs has `CStr`, and `CString`,
// which is built once with `try_from_fmt` and never grows). `KString` keeps
// the bytes in a `KVec<u8>` (rust/kernel/alloc/kvec.rs) and does every
// allocation through it, so each one can fail: `with_capacity`, `push_str`,
// `push` and `insert_str` take the GFP flags and return a `Result`, as
// `KVec::with_capacity`/`push`/`extend_from_slice` do; `try_from`,
// `try_clone`, `try_from_fmt`, `to_kstring` and `kformat!` allocate with
// `GFP_KERNEL`, as `CString::try_from_fmt` does. Formatting follows
// `CString::try_from_fmt` (str.rs): a formatting error is `EINVAL` (error.rs,
// `From<core::fmt::Error> for Error`), and running out of memory part-way is
// `ENOMEM`, never a shorter string. On mainline the text formats through the
// kernel's own `Display` (rust/kernel/fmt.rs: `kernel::fmt::Display`, which
// `pr_*!` and `fmt!` use) and `kformat!` through the prelude's `fmt!`, so
// values of the crate's types (whose `Display` impls the port moves to the
// kernel trait) format in it; on v6.13 both are `core::fmt`. v6.10 and v6.1
// have no form here: kport reports `String` there as before.
import type { Profile } from '../kernel-api/profiles.ts';
import type { CompatItem, CompatPiece, CompatScan, MethodUse, PieceText } from './piece.ts';

/** The compat type's name in ported code. */
export const KSTRING = 'KString';

/** The profiles `KString` is written for: those whose vector is the kernel's own `KVec` and whose `fmt` kport knows. */
type Flavour = 'kernel-fmt' | 'core-fmt';

function flavour(p: Profile): Flavour | null {
  if (p.alloc.vecType !== 'KVec') return null;
  return p.fmtPath === 'kernel::fmt' ? 'kernel-fmt' : 'core-fmt';
}

/** Whether ported code on this profile may use `KString` at all. */
export function kstringOn(p: Profile): boolean {
  return flavour(p) !== null;
}

const PRELUDE = ['kernel::prelude::*'];

/** A receiver that is a `KString`, or that kport cannot type (then the piece is kept: a missing method would not build). */
function kstringOrUnknown(scan: CompatScan, m: MethodUse): boolean {
  const t = scan.typeOf(m.recv);
  return t.k === 'unknown' || (t.k === 'named' && t.name === KSTRING);
}

function isKString(scan: CompatScan, m: MethodUse): boolean {
  const t = scan.typeOf(m.recv);
  return t.k === 'named' && t.name === KSTRING;
}

const method = (name: string, args: number, recv: (s: CompatScan, m: MethodUse) => boolean) => (s: CompatScan) =>
  s.methods.some((m) => m.name === name && m.args === args && recv(s, m));

/** An inherent method of `KString`. */
function inherent(name: string, usedIn: (s: CompatScan) => boolean, example: string, text: (f: Flavour) => string, requires: readonly string[] = []): CompatPiece {
  return {
    id: `${KSTRING}::${name}`,
    example,
    owner: KSTRING,
    requires: [KSTRING, ...requires],
    watch: { names: [KSTRING], methods: [name] },
    usedIn,
    text: (p) => {
      const f = flavour(p);
      return f ? { uses: PRELUDE, text: text(f) } : null;
    },
  };
}

const assoc = (name: string) => (s: CompatScan) => s.paths.has(`${KSTRING}::${name}`);

const TYPE_KERNEL_DISPLAY = `
/// mainline: \`pr_*!\` and \`fmt!\` format through the kernel's own \`Display\` (rust/kernel/fmt.rs).
impl kernel::fmt::Display for KString {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        core::fmt::Display::fmt(&**self, f)
    }
}

/// fmt.rs has \`Display for &T\` but not for \`&mut T\`: a \`String\` borrowed mutably printed in userspace.
impl kernel::fmt::Display for &mut KString {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        core::fmt::Display::fmt(&***self, f)
    }
}
`;

function typeText(f: Flavour): string {
  return `/// Owned, growable UTF-8 text, in place of \`String\`: the bytes live in a \`KVec<u8>\`
/// (rust/kernel/alloc/kvec.rs), and every method that allocates returns a \`Result\`.
/// Through \`Deref<Target = str>\` it has every \`str\` method (\`len\`, \`lines\`, \`trim\`,
/// \`parse\`, ...). In upstream code prefer \`&str\`/\`&CStr\` for borrowed text, \`CString\`
/// (rust/kernel/str.rs) for text handed to C, or a fixed \`[u8; N]\` buffer.
pub(crate) struct KString {
    /// Always valid UTF-8: only \`str\`s and \`char\`s are ever copied in, whole.
    buf: KVec<u8>,
}

impl core::ops::Deref for KString {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: \`buf\` holds valid UTF-8 (the field's invariant).
        unsafe { core::str::from_utf8_unchecked(&self.buf) }
    }
}

impl Default for KString {
    fn default() -> Self {
        Self { buf: KVec::new() }
    }
}

impl TryFrom<&str> for KString {
    type Error = kernel::alloc::AllocError;

    /// Copies \`s\`, allocating with \`GFP_KERNEL\`.
    fn try_from(s: &str) -> Result<Self, kernel::alloc::AllocError> {
        let mut buf = KVec::new();
        buf.extend_from_slice(s.as_bytes(), GFP_KERNEL)?;
        Ok(Self { buf })
    }
}

impl TryFrom<&KString> for KString {
    type Error = kernel::alloc::AllocError;

    /// Copies \`s\`, allocating with \`GFP_KERNEL\`.
    fn try_from(s: &KString) -> Result<Self, kernel::alloc::AllocError> {
        Self::try_from(&**s)
    }
}

impl PartialEq for KString {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for KString {}

impl PartialEq<str> for KString {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for KString {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl PartialEq<KString> for str {
    fn eq(&self, other: &KString) -> bool {
        self == &**other
    }
}

impl PartialEq<KString> for &str {
    fn eq(&self, other: &KString) -> bool {
        *self == &**other
    }
}

impl PartialOrd for KString {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for KString {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl core::hash::Hash for KString {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl AsRef<str> for KString {
    fn as_ref(&self) -> &str {
        self
    }
}

impl core::borrow::Borrow<str> for KString {
    fn borrow(&self) -> &str {
        self
    }
}

impl core::fmt::Display for KString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&**self, f)
    }
}
${f === 'kernel-fmt' ? TYPE_KERNEL_DISPLAY : ''}
impl core::fmt::Debug for KString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&**self, f)
    }
}

/// \`write!(s, ..)\` appends; running out of memory is a \`core::fmt::Error\`, and what was
/// written before it stays.
impl core::fmt::Write for KString {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.buf.extend_from_slice(s.as_bytes(), GFP_KERNEL).map_err(|_| core::fmt::Error)
    }
}
`;
}

const TYPE: CompatPiece = {
  id: KSTRING,
  example: '    let s = KString::try_from("a")?;\n    let _ = s == "a";',
  import: KSTRING,
  watch: { names: [KSTRING] },
  usedIn: (s) => s.names.has(KSTRING),
  text: (p) => {
    const f = flavour(p);
    return f ? { uses: PRELUDE, text: typeText(f) } : null;
  },
};

const NEW = inherent('new', assoc('new'), '    let s = KString::new();\n    let _ = s.len();', () => `    /// An empty string; does not allocate.
    pub(crate) const fn new() -> Self {
        Self { buf: KVec::new() }
    }
`);

const WITH_CAPACITY = inherent('with_capacity', assoc('with_capacity'), '    let s = KString::with_capacity(8, GFP_KERNEL)?;\n    let _ = s.is_empty();', () => `    /// An empty string with room for \`capacity\` bytes (\`KVec::with_capacity\`).
    pub(crate) fn with_capacity(capacity: usize, flags: kernel::alloc::Flags) -> Result<Self, kernel::alloc::AllocError> {
        Ok(Self { buf: KVec::with_capacity(capacity, flags)? })
    }
`);

const PUSH_STR = inherent('push_str', method('push_str', 2, kstringOrUnknown), '    let mut s = KString::try_from("a")?;\n    s.push_str("b", GFP_KERNEL)?;', () => `    /// Appends \`s\` (\`KVec::extend_from_slice\`); on failure the string is unchanged.
    pub(crate) fn push_str(&mut self, s: &str, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        self.buf.extend_from_slice(s.as_bytes(), flags)
    }
`);

const PUSH = inherent('push', method('push', 2, isKString), '    let mut s = KString::try_from("a")?;\n    s.push(\'b\', GFP_KERNEL)?;', () => `    /// Appends \`c\`, UTF-8 encoded; on failure the string is unchanged.
    pub(crate) fn push(&mut self, c: char, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        self.buf.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes(), flags)
    }
`);

const INSERT_STR = inherent('insert_str', method('insert_str', 3, kstringOrUnknown), '    let mut s = KString::try_from("ac")?;\n    s.insert_str(1, "b", GFP_KERNEL)?;', () => `    /// Inserts \`s\` at byte \`idx\`: \`EINVAL\` if \`idx\` is not on a character boundary (where
    /// \`String::insert_str\` panics), \`ENOMEM\` if it cannot grow; on failure it is unchanged.
    pub(crate) fn insert_str(&mut self, idx: usize, s: &str, flags: kernel::alloc::Flags) -> Result {
        if !self.is_char_boundary(idx) {
            return Err(EINVAL);
        }
        self.buf.extend_from_slice(s.as_bytes(), flags)?;
        self.buf[idx..].rotate_right(s.len());
        Ok(())
    }
`);

const CLEAR: CompatPiece = {
  ...inherent('clear', method('clear', 0, kstringOrUnknown), '    let mut s = KString::try_from("a")?;\n    s.clear();', () => ''),
  // kvec.rs has `clear` from 6.16 (the profile's table says where): else the buffer is replaced.
  text: (p) => (flavour(p) ? { uses: PRELUDE, text: p.alloc.others.clear === 'same' ? CLEAR_KVEC : CLEAR_NEW } : null),
};
const CLEAR_KVEC = `    /// Empties the string, keeping its buffer (\`KVec::clear\`, since 6.16).
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
    }
`;
const CLEAR_NEW = `    /// Empties the string (this kernel's \`KVec\` has no \`clear\`: the buffer is freed).
    pub(crate) fn clear(&mut self) {
        self.buf = KVec::new();
    }
`;

const AS_STR = inherent('as_str', method('as_str', 0, kstringOrUnknown), '    let s = KString::try_from("a")?;\n    let _ = s.as_str() == "a";', () => `    /// The text, borrowed.
    pub(crate) fn as_str(&self) -> &str {
        self
    }
`);

const TRY_CLONE = inherent('try_clone', method('try_clone', 0, kstringOrUnknown), '    let s = KString::try_from("a")?;\n    let t = s.try_clone()?;\n    let _ = s == t;', () => `    /// A copy, allocated with \`GFP_KERNEL\` (the kernel's vector has no \`Clone\`).
    pub(crate) fn try_clone(&self) -> Result<Self, kernel::alloc::AllocError> {
        Self::try_from(&**self)
    }
`);

const TRY_FROM_FMT = inherent(
  'try_from_fmt',
  assoc('try_from_fmt'),
  '    let s = KString::try_from_fmt(format_args!("{}", 1))?;\n    let _ = s.len();',
  () => `    /// The formatted text, as \`CString::try_from_fmt\` (rust/kernel/str.rs) builds it: a
    /// formatting error is \`EINVAL\`, running out of memory part-way \`ENOMEM\`, never a
    /// shorter string.
    pub(crate) fn try_from_fmt(args: core::fmt::Arguments<'_>) -> Result<Self> {
        struct Sink {
            buf: KVec<u8>,
            out_of_memory: bool,
        }
        impl core::fmt::Write for Sink {
            fn write_str(&mut self, s: &str) -> core::fmt::Result {
                self.buf.extend_from_slice(s.as_bytes(), GFP_KERNEL).map_err(|_| {
                    self.out_of_memory = true;
                    core::fmt::Error
                })
            }
        }
        let mut sink = Sink { buf: KVec::new(), out_of_memory: false };
        match core::fmt::Write::write_fmt(&mut sink, args) {
            Ok(()) => Ok(Self { buf: sink.buf }),
            Err(_) if sink.out_of_memory => Err(ENOMEM),
            Err(_) => Err(EINVAL),
        }
    }
`,
);

const TRY_FROM_ITER = inherent(
  'try_from_iter',
  assoc('try_from_iter'),
  '    let s = KString::try_from_iter("ab".chars().rev(), GFP_KERNEL)?;\n    let _ = s.len();',
  () => `    /// The pieces (\`char\`s, \`&str\`s, \`KString\`s) one after the other, in place of
    /// \`collect::<String>()\`; on failure nothing is kept.
    pub(crate) fn try_from_iter<I>(iter: I, flags: kernel::alloc::Flags) -> Result<Self, kernel::alloc::AllocError>
    where
        I: IntoIterator,
        I::Item: KStringPiece,
    {
        let mut s = Self { buf: KVec::new() };
        for piece in iter {
            piece.append_to(&mut s.buf, flags)?;
        }
        Ok(s)
    }
`,
  ['KStringPiece'],
);

const PIECE_TRAIT: CompatPiece = {
  id: 'KStringPiece',
  example: '    let s = KString::try_from_iter(["a", "b"].iter(), GFP_KERNEL)?;\n    let _ = s.len();',
  requires: [KSTRING],
  watch: {},
  usedIn: () => false,
  text: (p) =>
    flavour(p)
      ? {
          uses: PRELUDE,
          text: `/// What \`KString::try_from_iter\` can join: text and characters.
pub(crate) trait KStringPiece {
    /// Appends the UTF-8 bytes of \`self\` to \`buf\`.
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError>;
}

impl KStringPiece for char {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        buf.extend_from_slice(self.encode_utf8(&mut [0; 4]).as_bytes(), flags)
    }
}

impl KStringPiece for &char {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        (**self).append_to(buf, flags)
    }
}

impl KStringPiece for &str {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        buf.extend_from_slice(self.as_bytes(), flags)
    }
}

impl KStringPiece for &&str {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        buf.extend_from_slice(self.as_bytes(), flags)
    }
}

impl KStringPiece for KString {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        buf.extend_from_slice(self.as_bytes(), flags)
    }
}

impl KStringPiece for &KString {
    fn append_to(&self, buf: &mut KVec<u8>, flags: kernel::alloc::Flags) -> Result<(), kernel::alloc::AllocError> {
        buf.extend_from_slice(self.as_bytes(), flags)
    }
}
`,
        }
      : null,
};

const KFORMAT: CompatPiece = {
  id: 'kformat',
  example: '    let s = kformat!("{}-{:>3}", "a", 7)?;\n    let _ = s.len();',
  import: 'kformat',
  requires: [KSTRING, `${KSTRING}::try_from_fmt`],
  watch: { macros: ['kformat'] },
  usedIn: (s) => s.macros.has('kformat'),
  text: (p) => {
    const f = flavour(p);
    if (!f) return null;
    // mainline: the prelude's `fmt!` (rust/macros/fmt.rs) wraps each argument in `kernel::fmt::Adapter`.
    const args = f === 'kernel-fmt' ? '::kernel::prelude::fmt!($($arg)*)' : '::core::format_args!($($arg)*)';
    return {
      uses: [],
      text: `/// \`kformat!(..)?\` in place of \`format!(..)\`: a new \`KString\` (\`KString::try_from_fmt\`). In
/// upstream code prefer \`CString::try_from_fmt(fmt!(..))?\`, or printing with \`pr_*!\` directly.
macro_rules! kformat {
    ($($arg:tt)*) => {
        $crate::kport_compat::KString::try_from_fmt(${args})
    };
}
pub(crate) use kformat;
`,
    };
  },
};

const TO_KSTRING: CompatPiece = {
  id: 'ToKString',
  example: '    let s = 42u32.to_kstring()?;\n    let _ = s.len();',
  import: 'ToKString',
  requires: [KSTRING, `${KSTRING}::try_from_fmt`],
  watch: { methods: ['to_kstring'] },
  usedIn: (s) => s.methods.some((m) => m.name === 'to_kstring' && m.args === 0),
  text: (p) => {
    const f = flavour(p);
    if (!f) return null;
    const display = f === 'kernel-fmt' ? 'kernel::fmt::Display' : 'core::fmt::Display';
    const args = f === 'kernel-fmt' ? 'fmt!("{}", self)' : 'format_args!("{}", self)';
    return {
      uses: PRELUDE,
      text: `/// \`x.to_kstring()?\` in place of \`x.to_string()\`: the value's \`Display\` text as a new \`KString\`.
pub(crate) trait ToKString {
    /// Formats \`self\` with \`{}\` into a new \`KString\` (\`KString::try_from_fmt\`).
    fn to_kstring(&self) -> Result<KString>;
}

impl<T: ?Sized + ${display}> ToKString for T {
    fn to_kstring(&self) -> Result<KString> {
        KString::try_from_fmt(${args})
    }
}
`,
    };
  },
};

const JOIN: CompatPiece = {
  id: 'TryJoin',
  example: '    let s = ["a", "b"].try_join(", ", GFP_KERNEL)?;\n    let _ = s.len();',
  import: 'TryJoin',
  requires: [KSTRING],
  watch: { methods: ['try_join'] },
  usedIn: (s) =>
    s.methods.some((m) => {
      if (m.name !== 'try_join' || m.args !== 2) return false;
      const t = s.typeOf(m.recv);
      return t.k === 'unknown' || t.k === 'vec' || t.k === 'slice';
    }),
  text: (p) =>
    flavour(p)
      ? {
          uses: PRELUDE,
          text: `/// \`parts.try_join(sep, GFP_KERNEL)?\` in place of \`parts.join(sep)\` on a slice of text.
pub(crate) trait TryJoin {
    /// The parts with \`sep\` between them, in a new \`KString\`.
    fn try_join(&self, sep: &str, flags: kernel::alloc::Flags) -> Result<KString, kernel::alloc::AllocError>;
}

impl<S: AsRef<str>> TryJoin for [S] {
    fn try_join(&self, sep: &str, flags: kernel::alloc::Flags) -> Result<KString, kernel::alloc::AllocError> {
        let mut buf = KVec::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                buf.extend_from_slice(sep.as_bytes(), flags)?;
            }
            buf.extend_from_slice(part.as_ref().as_bytes(), flags)?;
        }
        Ok(KString { buf })
    }
}
`,
        }
      : null,
};

export const KSTRING_ITEM: CompatItem = {
  name: KSTRING,
  doc: `\`KString\` is owned text in a \`KVec<u8>\`: the kernel has no \`String\`. Whatever
allocates returns a \`Result\` (\`ENOMEM\` when memory runs out), and \`kformat!\`
builds one as \`CString::try_from_fmt\` builds a C string (rust/kernel/str.rs).`,
  pieces: [TYPE, NEW, WITH_CAPACITY, PUSH_STR, PUSH, INSERT_STR, CLEAR, AS_STR, TRY_CLONE, TRY_FROM_FMT, TRY_FROM_ITER, PIECE_TRAIT, KFORMAT, TO_KSTRING, JOIN],
};

export type { PieceText };
