// SPDX-License-Identifier: GPL-2.0

//! Compatibility helpers added by kport.
//!
//! `KString` is owned text in a `KVec<u8>`: the kernel has no `String`. Whatever
//! allocates returns a `Result` (`ENOMEM` when memory runs out), and `kformat!`
//! builds one as `CString::try_from_fmt` builds a C string (rust/kernel/str.rs).

use kernel::prelude::*;

/// Owned, growable UTF-8 text, in place of `String`: the bytes live in a `KVec<u8>`
/// (rust/kernel/alloc/kvec.rs), and every method that allocates returns a `Result`.
/// Through `Deref<Target = str>` it has every `str` method (`len`, `lines`, `trim`,
/// `parse`, ...). In upstream code prefer `&str`/`&CStr` for borrowed text, `CString`
/// (rust/kernel/str.rs) for text handed to C, or a fixed `[u8; N]` buffer.
pub(crate) struct KString {
    /// Always valid UTF-8: only `str`s and `char`s are ever copied in, whole.
    buf: KVec<u8>,
}

impl core::ops::Deref for KString {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: `buf` holds valid UTF-8 (the field's invariant).
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

    /// Copies `s`, allocating with `GFP_KERNEL`.
    fn try_from(s: &str) -> Result<Self, kernel::alloc::AllocError> {
        let mut buf = KVec::new();
        buf.extend_from_slice(s.as_bytes(), GFP_KERNEL)?;
        Ok(Self { buf })
    }
}

impl TryFrom<&KString> for KString {
    type Error = kernel::alloc::AllocError;

    /// Copies `s`, allocating with `GFP_KERNEL`.
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

/// mainline: `pr_*!` and `fmt!` format through the kernel's own `Display` (rust/kernel/fmt.rs).
impl kernel::fmt::Display for KString {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        core::fmt::Display::fmt(&**self, f)
    }
}

/// fmt.rs has `Display for &T` but not for `&mut T`: a `String` borrowed mutably printed in userspace.
impl kernel::fmt::Display for &mut KString {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        core::fmt::Display::fmt(&***self, f)
    }
}

impl core::fmt::Debug for KString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&**self, f)
    }
}

/// `write!(s, ..)` appends; running out of memory is a `core::fmt::Error`, and what was
/// written before it stays.
impl core::fmt::Write for KString {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.buf.extend_from_slice(s.as_bytes(), GFP_KERNEL).map_err(|_| core::fmt::Error)
    }
}

impl KString {
    /// The formatted text, as `CString::try_from_fmt` (rust/kernel/str.rs) builds it: a
    /// formatting error is `EINVAL`, running out of memory part-way `ENOMEM`, never a
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
}

/// `kformat!(..)?` in place of `format!(..)`: a new `KString` (`KString::try_from_fmt`). In
/// upstream code prefer `CString::try_from_fmt(fmt!(..))?`, or printing with `pr_*!` directly.
macro_rules! kformat {
    ($($arg:tt)*) => {
        $crate::kport_compat::KString::try_from_fmt(::kernel::prelude::fmt!($($arg)*))
    };
}
pub(crate) use kformat;

/// `x.to_kstring()?` in place of `x.to_string()`: the value's `Display` text as a new `KString`.
pub(crate) trait ToKString {
    /// Formats `self` with `{}` into a new `KString` (`KString::try_from_fmt`).
    fn to_kstring(&self) -> Result<KString>;
}

impl<T: ?Sized + kernel::fmt::Display> ToKString for T {
    fn to_kstring(&self) -> Result<KString> {
        KString::try_from_fmt(fmt!("{}", self))
    }
}
