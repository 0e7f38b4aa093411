// SPDX-License-Identifier: MIT
//! kport's stub of the Linux kernel's `kernel` crate, for `kport verify`.
//!
//! This is not the kernel: it is the public API surface a ported module uses,
//! with the kernel's signatures, so that rustc rejects what the kernel build
//! rejects (no infallible `push`, no `println!`, no `String`, no `HashMap`,
//! `Vec<T>` needs its allocator). Bodies are placeholders (`unimplemented!()`):
//! the crate is only ever type-checked against, never run.
//!
//! The kernel's `macros` crate is stubbed in ../macros/lib.rs (mainline `fmt!`).
//!
//! Every item names the kernel file it was checked against (paths under
//! `rust/kernel/` of the mainline tree unless a profile says otherwise).
//! Where a signature is simplified, a comment says so ("APPROXIMATION").
//!
//! Profiles (selected with `--cfg kport_profile="..."`):
//! - `mainline`: current mainline, with `kernel::fmt` (its own `Display`
//!   trait and the `fmt!` adapter that `pr_*!` use), `authors:` in `module!`,
//!   `kernel::time::{Delta, Instant}` and `time::delay::fsleep`.
//! - `v6.13`: 6.13 up to the `kernel::fmt` change: `KVec`/`KBox` as mainline,
//!   `pr_*!` format with `core::fmt` (prelude `fmt` = `core::format_args`),
//!   no `kernel::fmt` module, time is `Ktime`/jiffies.
//! Older profiles (v6.10, v6.1) used the `alloc` crate's `Vec` built with
//! `no_global_oom_handling` plus `VecExt`; a sysroot `alloc` cannot reproduce
//! that, so `kport verify` refuses those profiles instead of guessing.
#![no_std]
#![allow(dead_code, unused_variables, clippy::all)]

#[cfg(not(any(kport_profile = "mainline", kport_profile = "v6.13")))]
compile_error!("kport kernel stub: build with --cfg kport_profile=\"mainline\" or \"v6.13\"");

/// C types (rust/ffi.rs re-exports `core::ffi`'s, as the kernel maps them).
pub mod ffi {
    pub use core::ffi::{
        c_char, c_int, c_long, c_longlong, c_schar, c_short, c_uchar, c_uint, c_ulong, c_ulonglong,
        c_ushort, c_void,
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/alloc.rs, alloc/allocator.rs, alloc/kvec.rs, alloc/kbox.rs
// ---------------------------------------------------------------------------
pub mod alloc {
    use core::marker::PhantomData;

    /// rust/kernel/alloc.rs: `pub struct AllocError;` (the kernel's own, not core's).
    #[derive(Copy, Clone, PartialEq, Eq, Debug)]
    pub struct AllocError;

    /// rust/kernel/alloc.rs: allocation flags (`gfp_t`).
    #[derive(Clone, Copy, PartialEq)]
    pub struct Flags(u32);

    impl Flags {
        /// rust/kernel/alloc.rs: `pub fn as_raw(self) -> bindings::gfp_t` (APPROXIMATION: u32).
        pub fn as_raw(self) -> u32 {
            self.0
        }
        /// rust/kernel/alloc.rs
        pub fn contains(self, flags: Flags) -> bool {
            (self.0 & flags.0) == flags.0
        }
    }

    impl core::ops::BitOr for Flags {
        type Output = Self;
        fn bitor(self, rhs: Self) -> Self::Output {
            Self(self.0 | rhs.0)
        }
    }
    impl core::ops::BitAnd for Flags {
        type Output = Self;
        fn bitand(self, rhs: Self) -> Self::Output {
            Self(self.0 & rhs.0)
        }
    }
    impl core::ops::Not for Flags {
        type Output = Self;
        fn not(self) -> Self::Output {
            Self(!self.0)
        }
    }

    /// rust/kernel/alloc.rs `pub mod flags` (values are placeholders; only the names matter here).
    pub mod flags {
        use super::Flags;
        pub const __GFP_ZERO: Flags = Flags(1 << 0);
        pub const __GFP_HIGHMEM: Flags = Flags(1 << 1);
        pub const __GFP_NOWARN: Flags = Flags(1 << 2);
        pub const GFP_ATOMIC: Flags = Flags(1 << 3);
        pub const GFP_KERNEL: Flags = Flags(1 << 4);
        pub const GFP_KERNEL_ACCOUNT: Flags = Flags(1 << 5);
        pub const GFP_NOWAIT: Flags = Flags(1 << 6);
    }

    /// rust/kernel/alloc.rs: `pub unsafe trait Allocator` (methods omitted: a module never calls them directly).
    pub unsafe trait Allocator {}

    /// rust/kernel/alloc/allocator.rs
    pub mod allocator {
        pub struct Kmalloc;
        pub struct Vmalloc;
        pub struct KVmalloc;
        unsafe impl super::Allocator for Kmalloc {}
        unsafe impl super::Allocator for Vmalloc {}
        unsafe impl super::Allocator for KVmalloc {}
    }

    pub use self::kbox::{Box, KBox, KVBox, VBox};
    pub use self::kvec::{IntoIter, KVVec, KVec, VVec, Vec};

    pub mod kvec {
        //! rust/kernel/alloc/kvec.rs
        use super::allocator::{KVmalloc, Kmalloc, Vmalloc};
        use super::{AllocError, Allocator, Box, Flags};
        use core::marker::PhantomData;
        use core::ops::{Deref, DerefMut, Index, IndexMut};
        use core::slice::SliceIndex;

        /// rust/kernel/alloc/kvec/errors.rs
        pub struct PushError<T>(pub T);
        impl<T> core::fmt::Debug for PushError<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("PushError")
            }
        }
        impl<T> From<PushError<T>> for crate::error::Error {
            fn from(_: PushError<T>) -> Self {
                crate::error::code::EINVAL
            }
        }
        /// rust/kernel/alloc/kvec/errors.rs
        pub struct RemoveError;
        impl core::fmt::Debug for RemoveError {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("RemoveError")
            }
        }
        impl From<RemoveError> for crate::error::Error {
            fn from(_: RemoveError) -> Self {
                crate::error::code::EINVAL
            }
        }

        /// `pub struct Vec<T, A: Allocator>`: the allocator is a type parameter, as in the kernel.
        pub struct Vec<T, A: Allocator> {
            _p: PhantomData<(T, A)>,
        }
        pub type KVec<T> = Vec<T, Kmalloc>;
        pub type VVec<T> = Vec<T, Vmalloc>;
        pub type KVVec<T> = Vec<T, KVmalloc>;

        impl<T, A: Allocator> Vec<T, A> {
            pub fn capacity(&self) -> usize {
                unimplemented!()
            }
            pub fn len(&self) -> usize {
                unimplemented!()
            }
            pub unsafe fn inc_len(&mut self, additional: usize) {
                unimplemented!()
            }
            pub fn as_slice(&self) -> &[T] {
                unimplemented!()
            }
            pub fn as_mut_slice(&mut self) -> &mut [T] {
                unimplemented!()
            }
            pub fn as_mut_ptr(&mut self) -> *mut T {
                unimplemented!()
            }
            pub fn as_ptr(&self) -> *const T {
                unimplemented!()
            }
            pub fn is_empty(&self) -> bool {
                unimplemented!()
            }
            pub const fn new() -> Self {
                Self { _p: PhantomData }
            }
            pub fn spare_capacity_mut(&mut self) -> &mut [core::mem::MaybeUninit<T>] {
                unimplemented!()
            }
            /// `pub fn push(&mut self, v: T, flags: Flags) -> Result<(), AllocError>`
            pub fn push(&mut self, v: T, flags: Flags) -> Result<(), AllocError> {
                unimplemented!()
            }
            pub fn push_within_capacity(&mut self, v: T) -> Result<(), PushError<T>> {
                unimplemented!()
            }
            pub fn pop(&mut self) -> Option<T> {
                unimplemented!()
            }
            /// mainline kvec.rs: `pub fn remove(&mut self, i: usize) -> Result<T, RemoveError>`.
            #[cfg(kport_profile = "mainline")]
            pub fn remove(&mut self, i: usize) -> Result<T, RemoveError> {
                unimplemented!()
            }
            /// mainline kvec.rs: `pub fn retain(&mut self, f: impl FnMut(&mut T) -> bool)`.
            #[cfg(kport_profile = "mainline")]
            pub fn retain(&mut self, f: impl FnMut(&mut T) -> bool) {
                unimplemented!()
            }
            pub fn with_capacity(capacity: usize, flags: Flags) -> Result<Self, AllocError> {
                unimplemented!()
            }
            pub unsafe fn from_raw_parts(ptr: *mut T, length: usize, capacity: usize) -> Self {
                unimplemented!()
            }
            pub fn into_raw_parts(self) -> (*mut T, usize, usize) {
                unimplemented!()
            }
            pub fn clear(&mut self) {
                unimplemented!()
            }
            pub fn reserve(&mut self, additional: usize, flags: Flags) -> Result<(), AllocError> {
                unimplemented!()
            }
            pub fn truncate(&mut self, len: usize) {
                unimplemented!()
            }
            pub fn drain_all(&mut self) -> DrainAll<'_, T> {
                unimplemented!()
            }
        }

        impl<T: Clone, A: Allocator> Vec<T, A> {
            pub fn extend_with(&mut self, n: usize, value: T, flags: Flags) -> Result<(), AllocError> {
                unimplemented!()
            }
            pub fn extend_from_slice(&mut self, other: &[T], flags: Flags) -> Result<(), AllocError> {
                unimplemented!()
            }
            pub fn from_elem(value: T, n: usize, flags: Flags) -> Result<Self, AllocError> {
                unimplemented!()
            }
            pub fn resize(&mut self, new_len: usize, value: T, flags: Flags) -> Result<(), AllocError> {
                unimplemented!()
            }
        }

        /// kvec.rs: `pub struct DrainAll<'vec, T>`.
        pub struct DrainAll<'vec, T> {
            elements: core::slice::IterMut<'vec, T>,
        }
        impl<'vec, T> Iterator for DrainAll<'vec, T> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                unimplemented!()
            }
        }

        impl<T, A: Allocator> Drop for Vec<T, A> {
            fn drop(&mut self) {}
        }
        impl<T, A: Allocator, const N: usize> From<Box<[T; N], A>> for Vec<T, A> {
            fn from(b: Box<[T; N], A>) -> Vec<T, A> {
                unimplemented!()
            }
        }
        impl<T> Default for KVec<T> {
            fn default() -> Self {
                Self::new()
            }
        }
        impl<T: core::fmt::Debug, A: Allocator> core::fmt::Debug for Vec<T, A> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(&**self, f)
            }
        }
        impl<T, A: Allocator> Deref for Vec<T, A> {
            type Target = [T];
            fn deref(&self) -> &[T] {
                unimplemented!()
            }
        }
        impl<T, A: Allocator> DerefMut for Vec<T, A> {
            fn deref_mut(&mut self) -> &mut [T] {
                unimplemented!()
            }
        }
        impl<T: Eq, A: Allocator> Eq for Vec<T, A> {}
        impl<T, I: SliceIndex<[T]>, A: Allocator> Index<I> for Vec<T, A> {
            type Output = I::Output;
            fn index(&self, index: I) -> &Self::Output {
                Index::index(&**self, index)
            }
        }
        impl<T, I: SliceIndex<[T]>, A: Allocator> IndexMut<I> for Vec<T, A> {
            fn index_mut(&mut self, index: I) -> &mut Self::Output {
                IndexMut::index_mut(&mut **self, index)
            }
        }
        // kvec.rs compares a `Vec` with another `Vec`, slices and arrays, both ways.
        macro_rules! vec_eq {
            ($({$($g:tt)*} $l:ty => $r:ty;)*) => {$(
                impl<T: PartialEq<U>, U, $($g)*> PartialEq<$r> for $l {
                    fn eq(&self, other: &$r) -> bool {
                        unimplemented!()
                    }
                }
            )*};
        }
        vec_eq! {
            {A1: Allocator, A2: Allocator} Vec<T, A1> => Vec<U, A2>;
            {A: Allocator} Vec<T, A> => &[U];
            {A: Allocator} Vec<T, A> => &mut [U];
            {A: Allocator} &[T] => Vec<U, A>;
            {A: Allocator} &mut [T] => Vec<U, A>;
            {A: Allocator} Vec<T, A> => [U];
            {A: Allocator} [T] => Vec<U, A>;
            {A: Allocator, const N: usize} Vec<T, A> => [U; N];
            {A: Allocator, const N: usize} Vec<T, A> => &[U; N];
        }
        impl<'a, T, A: Allocator> IntoIterator for &'a Vec<T, A> {
            type Item = &'a T;
            type IntoIter = core::slice::Iter<'a, T>;
            fn into_iter(self) -> Self::IntoIter {
                self.iter()
            }
        }
        impl<'a, T, A: Allocator> IntoIterator for &'a mut Vec<T, A> {
            type Item = &'a mut T;
            type IntoIter = core::slice::IterMut<'a, T>;
            fn into_iter(self) -> Self::IntoIter {
                self.iter_mut()
            }
        }
        /// kvec.rs: `pub struct IntoIter<T, A: Allocator>`; no `FromIterator` for `Vec` anywhere.
        pub struct IntoIter<T, A: Allocator> {
            _p: PhantomData<(T, A)>,
        }
        impl<T, A: Allocator> IntoIter<T, A> {
            /// kvec.rs: `IntoIter::collect(self, flags: Flags) -> Vec<T, A>`.
            pub fn collect(self, flags: Flags) -> Vec<T, A> {
                unimplemented!()
            }
        }
        impl<T, A: Allocator> Iterator for IntoIter<T, A> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                unimplemented!()
            }
        }
        impl<T, A: Allocator> IntoIterator for Vec<T, A> {
            type Item = T;
            type IntoIter = IntoIter<T, A>;
            fn into_iter(self) -> Self::IntoIter {
                unimplemented!()
            }
        }
    }

    pub mod kbox {
        //! rust/kernel/alloc/kbox.rs
        use super::allocator::{KVmalloc, Kmalloc, Vmalloc};
        use super::{AllocError, Allocator, Flags};
        use core::marker::PhantomData;
        use core::mem::MaybeUninit;
        use core::ops::{Deref, DerefMut};
        use core::pin::Pin;

        /// `pub struct Box<T: ?Sized, A: Allocator>`.
        pub struct Box<T: ?Sized, A: Allocator>(PhantomData<A>, PhantomData<T>, *mut ());
        pub type KBox<T> = Box<T, Kmalloc>;
        pub type VBox<T> = Box<T, Vmalloc>;
        pub type KVBox<T> = Box<T, KVmalloc>;

        unsafe impl<T: Send + ?Sized, A: Allocator> Send for Box<T, A> {}
        unsafe impl<T: Sync + ?Sized, A: Allocator> Sync for Box<T, A> {}

        impl<T: ?Sized, A: Allocator> Box<T, A> {
            pub const unsafe fn from_raw(raw: *mut T) -> Self {
                unimplemented!()
            }
            pub fn into_raw(b: Self) -> *mut T {
                unimplemented!()
            }
            pub fn leak<'a>(b: Self) -> &'a mut T {
                unimplemented!()
            }
        }
        impl<T, A: Allocator> Box<MaybeUninit<T>, A> {
            pub unsafe fn assume_init(self) -> Box<T, A> {
                unimplemented!()
            }
            pub fn write(self, value: T) -> Box<T, A> {
                unimplemented!()
            }
        }
        impl<T, A: Allocator> Box<T, A> {
            /// `pub fn new(x: T, flags: Flags) -> Result<Self, AllocError>`
            pub fn new(x: T, flags: Flags) -> Result<Self, AllocError> {
                unimplemented!()
            }
            pub fn new_uninit(flags: Flags) -> Result<Box<MaybeUninit<T>, A>, AllocError> {
                unimplemented!()
            }
            pub fn pin(x: T, flags: Flags) -> Result<Pin<Box<T, A>>, AllocError>
            where
                A: 'static,
            {
                unimplemented!()
            }
            pub fn into_pin(this: Self) -> Pin<Self> {
                unimplemented!()
            }
            pub fn drop_contents(this: Self) -> Box<MaybeUninit<T>, A> {
                unimplemented!()
            }
            pub fn into_inner(b: Self) -> T {
                unimplemented!()
            }
        }
        impl<T: ?Sized, A: Allocator> From<Box<T, A>> for Pin<Box<T, A>> {
            fn from(b: Box<T, A>) -> Self {
                unimplemented!()
            }
        }
        impl<T: ?Sized, A: Allocator> Deref for Box<T, A> {
            type Target = T;
            fn deref(&self) -> &T {
                unimplemented!()
            }
        }
        impl<T: ?Sized, A: Allocator> DerefMut for Box<T, A> {
            fn deref_mut(&mut self) -> &mut T {
                unimplemented!()
            }
        }
        impl<T: ?Sized + core::fmt::Display, A: Allocator> core::fmt::Display for Box<T, A> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                <T as core::fmt::Display>::fmt(&**self, f)
            }
        }
        impl<T: ?Sized + core::fmt::Debug, A: Allocator> core::fmt::Debug for Box<T, A> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                <T as core::fmt::Debug>::fmt(&**self, f)
            }
        }
        impl<T: ?Sized, A: Allocator> Drop for Box<T, A> {
            fn drop(&mut self) {}
        }
    }

    // Keep `PhantomData` import used in every cfg.
    const _: PhantomData<()> = PhantomData;
}

/// `kernel::kvec!` (rust/kernel/alloc/kvec.rs): `kvec![]` is a `KVec`, the other
/// two forms are `Result<KVec<T>, AllocError>` (allocated with `GFP_KERNEL`).
#[macro_export]
macro_rules! kvec {
    () => {
        $crate::alloc::KVec::new()
    };
    ($elem:expr; $n:expr) => {
        $crate::alloc::KVec::from_elem($elem, $n, $crate::alloc::flags::GFP_KERNEL)
    };
    ($($x:expr),+ $(,)?) => {
        $crate::alloc::KBox::new([$($x),+], $crate::alloc::flags::GFP_KERNEL).map($crate::alloc::KVec::from)
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/error.rs
// ---------------------------------------------------------------------------
pub mod error {
    use core::ffi::c_int;

    /// `pub mod code`: the kernel's fixed list (there is no `ENOSYS`).
    pub mod code {
        macro_rules! declare_err {
            ($($err:ident = $num:expr),* $(,)?) => {
                $(pub const $err: super::Error = super::Error(-$num);)*
            };
        }
        declare_err! {
            EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
            ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
            EFAULT = 14, ENOTBLK = 15, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19,
            ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
            ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31,
            EPIPE = 32, EDOM = 33, ERANGE = 34, EOVERFLOW = 75, ETIMEDOUT = 110,
            ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514, ENOIOCTLCMD = 515,
            ERESTART_RESTARTBLOCK = 516, EPROBE_DEFER = 517, EOPENSTALE = 518, ENOPARAM = 519,
            EBADHANDLE = 521, ENOTSYNC = 522, EBADCOOKIE = 523, ENOTSUPP = 524, ETOOSMALL = 525,
            ESERVERFAULT = 526, EBADTYPE = 527, EJUKEBOX = 528, EIOCBQUEUED = 529,
            ERECALLCONFLICT = 530, ENOGRACE = 531,
        }
    }

    /// `#[derive(Clone, Copy, PartialEq, Eq)] pub struct Error(NonZeroI32)`: `Debug`, not `Display`.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub struct Error(c_int);

    impl Error {
        pub fn from_errno(errno: c_int) -> Error {
            Error(errno)
        }
        pub fn to_errno(self) -> c_int {
            self.0
        }
        /// APPROXIMATION: the kernel returns `Option<&'static CStr>`.
        pub fn name(&self) -> Option<&'static crate::str::CStr> {
            None
        }
    }
    impl core::fmt::Debug for Error {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.debug_tuple("Error").field(&self.0).finish()
        }
    }
    impl From<crate::alloc::AllocError> for Error {
        fn from(_: crate::alloc::AllocError) -> Error {
            code::ENOMEM
        }
    }
    impl From<core::num::TryFromIntError> for Error {
        fn from(_: core::num::TryFromIntError) -> Error {
            code::EINVAL
        }
    }
    impl From<core::str::Utf8Error> for Error {
        fn from(_: core::str::Utf8Error) -> Error {
            code::EINVAL
        }
    }
    impl From<core::alloc::LayoutError> for Error {
        fn from(_: core::alloc::LayoutError) -> Error {
            code::ENOMEM
        }
    }
    impl From<core::fmt::Error> for Error {
        fn from(_: core::fmt::Error) -> Error {
            code::EINVAL
        }
    }
    impl From<core::convert::Infallible> for Error {
        fn from(e: core::convert::Infallible) -> Error {
            match e {}
        }
    }

    /// `pub type Result<T = (), E = Error> = core::result::Result<T, E>;`
    pub type Result<T = (), E = Error> = core::result::Result<T, E>;

    pub fn to_result(err: c_int) -> Result {
        if err < 0 { Err(Error(err)) } else { Ok(()) }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/fmt.rs (mainline only: the kernel's own Display and the fmt! adapter)
// ---------------------------------------------------------------------------
#[cfg(kport_profile = "mainline")]
pub mod fmt {
    pub use core::fmt::{Arguments, Debug, Error, Formatter, Result, Write};

    #[doc(hidden)]
    pub struct Adapter<T>(pub T);

    // fmt.rs: `Adapter<T>` forwards every formatting trait but `Display` to `T`.
    macro_rules! forward_to_inner {
        ($($tr:ident)*) => {$(
            impl<T: core::fmt::$tr> core::fmt::$tr for Adapter<T> {
                fn fmt(&self, f: &mut Formatter<'_>) -> Result {
                    core::fmt::$tr::fmt(&self.0, f)
                }
            }
        )*};
    }
    forward_to_inner!(Debug LowerHex UpperHex Octal Binary Pointer LowerExp UpperExp);

    /// A copy of `core::fmt::Display` that the kernel can implement for foreign types.
    pub trait Display {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    impl<T: ?Sized + Display> Display for &T {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            Display::fmt(*self, f)
        }
    }
    impl<T: ?Sized + Display> core::fmt::Display for Adapter<&T> {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            let Self(t) = self;
            Display::fmt(t, f)
        }
    }
    // fmt.rs: the types whose kernel `Display` is their `core::fmt::Display`.
    macro_rules! display_via_core {
        ($($t:ty),* $(,)?) => {$(
            impl Display for $t {
                fn fmt(&self, f: &mut Formatter<'_>) -> Result {
                    core::fmt::Display::fmt(self, f)
                }
            }
        )*};
    }
    display_via_core!(
        bool, char, core::panic::PanicInfo<'_>, Arguments<'_>, i8, i16, i32, i64, i128, isize,
        u8, u16, u32, u64, u128, usize, str,
    );
    impl<T: ?Sized> Display for crate::sync::Arc<T>
    where
        crate::sync::Arc<T>: core::fmt::Display,
    {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            core::fmt::Display::fmt(self, f)
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/print.rs
// ---------------------------------------------------------------------------
pub mod print {
    /// Log levels (print.rs `format_strings` / `level`); only the names matter here.
    pub mod format_strings {
        pub static EMERG: [u8; 10] = [0; 10];
        pub static ALERT: [u8; 10] = [0; 10];
        pub static CRIT: [u8; 10] = [0; 10];
        pub static ERR: [u8; 10] = [0; 10];
        pub static WARNING: [u8; 10] = [0; 10];
        pub static NOTICE: [u8; 10] = [0; 10];
        pub static INFO: [u8; 10] = [0; 10];
        pub static DEBUG: [u8; 10] = [0; 10];
        pub static CONT: [u8; 10] = [0; 10];
    }
    #[doc(hidden)]
    pub unsafe fn call_printk(format_string: &[u8; 10], module_name: &[u8], args: core::fmt::Arguments<'_>) {}
    #[doc(hidden)]
    pub fn call_printk_cont(args: core::fmt::Arguments<'_>) {}
}

/// print.rs `print_macro!`: formats with the prelude's `fmt!` and prints with
/// the module's `crate::__LOG_PREFIX`, which only `module!` defines. (`match`
/// keeps the formatting temporaries alive for the call, as in the kernel.)
#[doc(hidden)]
#[macro_export]
macro_rules! print_macro {
    ($level:path, false, $($arg:tt)+) => {
        match $crate::prelude::fmt!($($arg)+) {
            formatted => unsafe { $crate::print::call_printk(&$level, crate::__LOG_PREFIX, formatted) },
        }
    };
    ($level:path, true, $($arg:tt)+) => {
        $crate::print::call_printk_cont($crate::prelude::fmt!($($arg)+))
    };
}

#[macro_export]
macro_rules! pr_emerg (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::EMERG, false, $($arg)*)));
#[macro_export]
macro_rules! pr_alert (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::ALERT, false, $($arg)*)));
#[macro_export]
macro_rules! pr_crit (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::CRIT, false, $($arg)*)));
#[macro_export]
macro_rules! pr_err (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::ERR, false, $($arg)*)));
#[macro_export]
macro_rules! pr_warn (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::WARNING, false, $($arg)*)));
#[macro_export]
macro_rules! pr_notice (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::NOTICE, false, $($arg)*)));
#[macro_export]
macro_rules! pr_info (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::INFO, false, $($arg)*)));
#[macro_export]
macro_rules! pr_debug (($($arg:tt)*) => (
    if cfg!(debug_assertions) { $crate::print_macro!($crate::print::format_strings::DEBUG, false, $($arg)*) }
));
/// `pr_cont!` is exported at the crate root, not in the prelude.
#[macro_export]
macro_rules! pr_cont (($($arg:tt)*) => ($crate::print_macro!($crate::print::format_strings::CONT, true, $($arg)*)));

/// `kernel::dbg!` (rust/kernel/std_vendor.rs): std's `dbg!`, printing with `pr_info!`.
#[macro_export]
macro_rules! dbg {
    () => {
        $crate::pr_info!("[{}:{}:{}]\n", ::core::file!(), ::core::line!(), ::core::column!())
    };
    ($val:expr $(,)?) => {
        match $val {
            tmp => {
                $crate::pr_info!("[{}:{}:{}] {} = {:#?}\n", ::core::file!(), ::core::line!(), ::core::column!(), ::core::stringify!($val), &tmp);
                tmp
            }
        }
    };
    ($($val:expr),+ $(,)?) => {
        ($($crate::dbg!($val)),+,)
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/str.rs
// ---------------------------------------------------------------------------
pub mod str {
    use crate::alloc::{flags::GFP_KERNEL, KVec};
    use crate::error::{Error, Result};
    use core::fmt;

    /// `pub struct CStr([u8])`: a NUL-terminated byte string (APPROXIMATION of layout only).
    #[repr(transparent)]
    pub struct CStr([u8]);

    impl CStr {
        pub const fn len(&self) -> usize {
            self.0.len() - 1
        }
        pub const fn is_empty(&self) -> bool {
            self.len() == 0
        }
        pub const fn from_bytes_with_nul(bytes: &[u8]) -> core::result::Result<&Self, CStrConvertError> {
            unimplemented!()
        }
        pub const unsafe fn from_bytes_with_nul_unchecked(bytes: &[u8]) -> &CStr {
            unsafe { core::mem::transmute(bytes) }
        }
        pub fn as_char_ptr(&self) -> *const core::ffi::c_char {
            self.0.as_ptr().cast()
        }
        pub fn as_bytes(&self) -> &[u8] {
            &self.0[..self.len()]
        }
        pub const fn as_bytes_with_nul(&self) -> &[u8] {
            &self.0
        }
        pub fn to_str(&self) -> core::result::Result<&str, core::str::Utf8Error> {
            core::str::from_utf8(self.as_bytes())
        }
        pub fn to_cstring(&self) -> Result<CString, crate::alloc::AllocError> {
            unimplemented!()
        }
    }
    #[cfg(kport_profile = "mainline")]
    impl crate::fmt::Display for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    #[cfg(kport_profile = "v6.13")]
    impl fmt::Display for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    impl fmt::Debug for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    impl AsRef<[u8]> for CStr {
        fn as_ref(&self) -> &[u8] {
            self.as_bytes()
        }
    }

    /// str.rs `pub struct CStrConvertError`.
    #[derive(Debug)]
    pub struct CStrConvertError;
    impl From<CStrConvertError> for Error {
        fn from(_: CStrConvertError) -> Error {
            crate::error::code::EINVAL
        }
    }

    /// `c_str!("...")` gives a `&'static CStr`.
    #[macro_export]
    macro_rules! c_str {
        ($str:expr) => {{
            const S: &str = ::core::concat!($str, "\0");
            const C: &$crate::str::CStr =
                unsafe { $crate::str::CStr::from_bytes_with_nul_unchecked(S.as_bytes()) };
            C
        }};
    }

    /// `pub struct CString { buf: KVec<u8> }`: an owned C string built with `try_from_fmt`.
    pub struct CString {
        buf: KVec<u8>,
    }
    impl CString {
        /// `pub fn try_from_fmt(args: fmt::Arguments<'_>) -> Result<Self, Error>`
        pub fn try_from_fmt(args: fmt::Arguments<'_>) -> Result<Self, Error> {
            let _ = GFP_KERNEL;
            unimplemented!()
        }
    }
    impl core::ops::Deref for CString {
        type Target = CStr;
        fn deref(&self) -> &CStr {
            unimplemented!()
        }
    }
    impl fmt::Debug for CString {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    impl<'a> TryFrom<&'a CStr> for CString {
        type Error = crate::alloc::AllocError;
        fn try_from(cstr: &'a CStr) -> core::result::Result<CString, crate::alloc::AllocError> {
            unimplemented!()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/sync/arc.rs
// ---------------------------------------------------------------------------
pub mod sync {
    pub use self::arc::Arc;
    pub mod arc {
        use crate::alloc::{AllocError, Flags};
        use core::marker::PhantomData;

        /// `pub struct Arc<T: ?Sized>`: refcounted, fallible to create.
        pub struct Arc<T: ?Sized> {
            _p: PhantomData<T>,
            _ptr: *mut (),
        }
        unsafe impl<T: ?Sized + Sync + Send> Send for Arc<T> {}
        unsafe impl<T: ?Sized + Sync + Send> Sync for Arc<T> {}
        impl<T> Arc<T> {
            /// `pub fn new(contents: T, flags: Flags) -> error::Result<Self>`
            pub fn new(contents: T, flags: Flags) -> crate::error::Result<Self> {
                let _ = AllocError;
                unimplemented!()
            }
        }
        impl<T: ?Sized> Arc<T> {
            pub fn ptr_eq(this: &Self, other: &Self) -> bool {
                unimplemented!()
            }
        }
        impl<T: ?Sized> Clone for Arc<T> {
            fn clone(&self) -> Self {
                unimplemented!()
            }
        }
        impl<T: ?Sized> core::ops::Deref for Arc<T> {
            type Target = T;
            fn deref(&self) -> &T {
                unimplemented!()
            }
        }
        impl<T: ?Sized> Drop for Arc<T> {
            fn drop(&mut self) {}
        }
        impl<T: core::fmt::Display + ?Sized> core::fmt::Display for Arc<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&**self, f)
            }
        }
        impl<T: core::fmt::Debug + ?Sized> core::fmt::Debug for Arc<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(&**self, f)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/rbtree.rs
// ---------------------------------------------------------------------------
pub mod rbtree {
    use crate::alloc::Flags;
    use crate::error::Result;
    use core::marker::PhantomData;

    /// `pub struct RBTree<K, V>`: the kernel's ordered map (red-black tree).
    pub struct RBTree<K, V> {
        _p: PhantomData<(K, V)>,
    }
    pub struct RBTreeNode<K, V> {
        _p: PhantomData<(K, V)>,
    }
    impl<K, V> RBTreeNode<K, V> {
        /// `pub fn new(key: K, value: V, flags: Flags) -> Result<RBTreeNode<K, V>>`
        pub fn new(key: K, value: V, flags: Flags) -> Result<RBTreeNode<K, V>> {
            unimplemented!()
        }
        pub fn to_key_value(self) -> (K, V) {
            unimplemented!()
        }
    }
    impl<K, V> RBTree<K, V> {
        pub fn new() -> Self {
            Self { _p: PhantomData }
        }
        pub fn iter(&self) -> Iter<'_, K, V> {
            unimplemented!()
        }
        pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
            unimplemented!()
        }
        pub fn keys(&self) -> impl Iterator<Item = &'_ K> {
            self.iter().map(|(k, _)| k)
        }
        pub fn values(&self) -> impl Iterator<Item = &'_ V> {
            self.iter().map(|(_, v)| v)
        }
        pub fn values_mut(&mut self) -> impl Iterator<Item = &'_ mut V> {
            self.iter_mut().map(|(_, v)| v)
        }
    }
    impl<K: Ord, V> RBTree<K, V> {
        /// `pub fn try_create_and_insert(&mut self, key: K, value: V, flags: Flags) -> Result<Option<RBTreeNode<K, V>>>`
        pub fn try_create_and_insert(&mut self, key: K, value: V, flags: Flags) -> Result<Option<RBTreeNode<K, V>>> {
            unimplemented!()
        }
        pub fn insert(&mut self, node: RBTreeNode<K, V>) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        pub fn get(&self, key: &K) -> Option<&V> {
            unimplemented!()
        }
        pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
            unimplemented!()
        }
        pub fn remove_node(&mut self, key: &K) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        pub fn remove(&mut self, key: &K) -> Option<V> {
            unimplemented!()
        }
    }
    impl<K, V> Default for RBTree<K, V> {
        fn default() -> Self {
            Self::new()
        }
    }
    pub struct Iter<'a, K, V> {
        _p: PhantomData<&'a (K, V)>,
    }
    impl<'a, K, V> Iterator for Iter<'a, K, V> {
        type Item = (&'a K, &'a V);
        fn next(&mut self) -> Option<Self::Item> {
            unimplemented!()
        }
    }
    pub struct IterMut<'a, K, V> {
        _p: PhantomData<&'a mut (K, V)>,
    }
    impl<'a, K, V> Iterator for IterMut<'a, K, V> {
        type Item = (&'a K, &'a mut V);
        fn next(&mut self) -> Option<Self::Item> {
            unimplemented!()
        }
    }
    impl<'a, K, V> IntoIterator for &'a RBTree<K, V> {
        type Item = (&'a K, &'a V);
        type IntoIter = Iter<'a, K, V>;
        fn into_iter(self) -> Self::IntoIter {
            self.iter()
        }
    }
    impl<'a, K, V> IntoIterator for &'a mut RBTree<K, V> {
        type Item = (&'a K, &'a mut V);
        type IntoIter = IterMut<'a, K, V>;
        fn into_iter(self) -> Self::IntoIter {
            self.iter_mut()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/time.rs (+ time/delay.rs on mainline)
// ---------------------------------------------------------------------------
pub mod time {
    /// `pub type Jiffies = crate::ffi::c_ulong;`
    pub type Jiffies = core::ffi::c_ulong;
    /// `pub type Msecs = crate::ffi::c_uint;`
    pub type Msecs = core::ffi::c_uint;
    /// `pub fn msecs_to_jiffies(msecs: Msecs) -> Jiffies`
    pub fn msecs_to_jiffies(msecs: Msecs) -> Jiffies {
        unimplemented!()
    }

    /// v6.13 time.rs: `pub struct Ktime` with `ktime_get()`, `to_ns()`, `to_ms()`, `Sub`.
    #[cfg(kport_profile = "v6.13")]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub struct Ktime {
        inner: i64,
    }
    #[cfg(kport_profile = "v6.13")]
    impl Ktime {
        pub fn from_raw(inner: i64) -> Self {
            Self { inner }
        }
        pub fn ktime_get() -> Self {
            unimplemented!()
        }
        pub fn to_ns(self) -> i64 {
            self.inner
        }
        pub fn to_ms(self) -> i64 {
            self.inner / 1_000_000
        }
    }
    #[cfg(kport_profile = "v6.13")]
    impl core::ops::Sub for Ktime {
        type Output = Ktime;
        fn sub(self, other: Ktime) -> Ktime {
            Ktime { inner: self.inner - other.inner }
        }
    }

    /// mainline time.rs: `pub trait ClockSource` (APPROXIMATION: `ID` only).
    #[cfg(kport_profile = "mainline")]
    pub trait ClockSource {
        const ID: i32;
    }
    /// mainline time.rs clock sources (`CLOCK_MONOTONIC`, `CLOCK_REALTIME`, `CLOCK_BOOTTIME`, `CLOCK_TAI`).
    #[cfg(kport_profile = "mainline")]
    pub struct Monotonic;
    #[cfg(kport_profile = "mainline")]
    pub struct RealTime;
    #[cfg(kport_profile = "mainline")]
    pub struct BootTime;
    #[cfg(kport_profile = "mainline")]
    pub struct Tai;
    #[cfg(kport_profile = "mainline")]
    impl ClockSource for Monotonic {
        const ID: i32 = 1;
    }
    #[cfg(kport_profile = "mainline")]
    impl ClockSource for RealTime {
        const ID: i32 = 0;
    }
    #[cfg(kport_profile = "mainline")]
    impl ClockSource for BootTime {
        const ID: i32 = 7;
    }
    #[cfg(kport_profile = "mainline")]
    impl ClockSource for Tai {
        const ID: i32 = 11;
    }
    /// mainline time.rs: `pub struct Instant<C: ClockSource>`.
    #[cfg(kport_profile = "mainline")]
    pub struct Instant<C: ClockSource> {
        inner: i64,
        _c: core::marker::PhantomData<C>,
    }
    #[cfg(kport_profile = "mainline")]
    impl<C: ClockSource> Clone for Instant<C> {
        fn clone(&self) -> Self {
            *self
        }
    }
    #[cfg(kport_profile = "mainline")]
    impl<C: ClockSource> Copy for Instant<C> {}
    #[cfg(kport_profile = "mainline")]
    impl<C: ClockSource> Instant<C> {
        pub fn now() -> Self {
            unimplemented!()
        }
        pub fn elapsed(&self) -> Delta {
            unimplemented!()
        }
    }
    #[cfg(kport_profile = "mainline")]
    impl<C: ClockSource> core::ops::Sub for Instant<C> {
        type Output = Delta;
        fn sub(self, other: Instant<C>) -> Delta {
            unimplemented!()
        }
    }
    /// mainline time.rs: `pub struct Delta { nanos: i64 }`.
    #[cfg(kport_profile = "mainline")]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub struct Delta {
        nanos: i64,
    }
    #[cfg(kport_profile = "mainline")]
    impl Delta {
        pub const ZERO: Self = Self { nanos: 0 };
        pub const fn from_micros(micros: i64) -> Self {
            Self { nanos: micros.saturating_mul(1_000) }
        }
        pub const fn from_millis(millis: i64) -> Self {
            Self { nanos: millis.saturating_mul(1_000_000) }
        }
        pub const fn from_secs(secs: i64) -> Self {
            Self { nanos: secs.saturating_mul(1_000_000_000) }
        }
        pub fn is_zero(self) -> bool {
            self.nanos == 0
        }
        pub fn is_negative(self) -> bool {
            self.nanos < 0
        }
        pub const fn as_nanos(self) -> i64 {
            self.nanos
        }
        pub fn as_micros_ceil(self) -> i64 {
            unimplemented!()
        }
        pub fn as_millis(self) -> i64 {
            unimplemented!()
        }
    }
    /// mainline time/delay.rs
    #[cfg(kport_profile = "mainline")]
    pub mod delay {
        /// `pub fn fsleep(delta: Delta)`
        pub fn fsleep(delta: super::Delta) {}
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/lib.rs
// ---------------------------------------------------------------------------
/// `pub trait Module: Sized + Sync + Send { fn init(module: &'static ThisModule) -> error::Result<Self>; }`
pub trait Module: Sized + Sync + Send {
    fn init(module: &'static ThisModule) -> error::Result<Self>;
}

/// `pub struct ThisModule(*mut bindings::module)` (APPROXIMATION: `*mut c_void`).
pub struct ThisModule(*mut core::ffi::c_void);
unsafe impl Sync for ThisModule {}
impl ThisModule {
    pub const unsafe fn from_ptr(ptr: *mut core::ffi::c_void) -> ThisModule {
        ThisModule(ptr)
    }
    pub fn as_ptr(&self) -> *mut core::ffi::c_void {
        self.0
    }
}

/// `module!` (rust/macros/module.rs): the keys in the kernel's fixed order,
/// `type` an identifier, strings as literals. Defines `__LOG_PREFIX` (what
/// `pr_*!` print with) and checks that the type implements `kernel::Module`.
/// mainline keys: type, name, authors, description, license, alias, firmware,
/// imports_ns, params (required: type, name, license); `author:` was removed
/// (v6.17, "rust: module: remove deprecated author key").
#[cfg(kport_profile = "mainline")]
#[macro_export]
macro_rules! module {
    (
        type: $type:ident,
        name: $name:literal
        $(, authors: [$($author:literal),* $(,)?])?
        $(, description: $description:literal)?
        , license: $license:literal
        $(, alias: [$($alias:literal),* $(,)?])?
        $(, firmware: [$($firmware:literal),* $(,)?])?
        $(, imports_ns: [$($ns:literal),* $(,)?])?
        $(, params: {$($params:tt)*})?
        $(,)?
    ) => {
        /// The module name, as `pr_*!` print it (module.rs: `const __LOG_PREFIX`).
        const __LOG_PREFIX: &[u8] = ::core::concat!($name, "\0").as_bytes();
        #[allow(dead_code)]
        static THIS_MODULE: $crate::ThisModule = unsafe { $crate::ThisModule::from_ptr(::core::ptr::null_mut()) };
        #[allow(dead_code)]
        fn __kport_module_init() -> $crate::error::Result<$type> {
            <$type as $crate::Module>::init(&THIS_MODULE)
        }
    };
}

/// `module!` for 6.13-6.18: `author: ".."` (6.13-6.16) and `authors: [..]`
/// (6.15 on, "rust: module: introduce `authors` key") are both accepted, in
/// that order; no single key works across the whole range.
#[cfg(kport_profile = "v6.13")]
#[macro_export]
macro_rules! module {
    (
        type: $type:ident,
        name: $name:literal
        $(, author: $author1:literal)?
        $(, authors: [$($author:literal),* $(,)?])?
        $(, description: $description:literal)?
        , license: $license:literal
        $(, alias: [$($alias:literal),* $(,)?])?
        $(, firmware: [$($firmware:literal),* $(,)?])?
        $(, imports_ns: [$($ns:literal),* $(,)?])?
        $(, params: {$($params:tt)*})?
        $(,)?
    ) => {
        /// The module name, as `pr_*!` print it (module.rs: `const __LOG_PREFIX`).
        const __LOG_PREFIX: &[u8] = ::core::concat!($name, "\0").as_bytes();
        #[allow(dead_code)]
        static THIS_MODULE: $crate::ThisModule = unsafe { $crate::ThisModule::from_ptr(::core::ptr::null_mut()) };
        #[allow(dead_code)]
        fn __kport_module_init() -> $crate::error::Result<$type> {
            <$type as $crate::Module>::init(&THIS_MODULE)
        }
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/prelude.rs
// ---------------------------------------------------------------------------
pub mod prelude {
    #[doc(no_inline)]
    pub use core::{
        mem::{align_of, align_of_val, size_of, size_of_val},
        pin::Pin,
    };

    pub use crate::ffi::{
        c_char, c_int, c_long, c_longlong, c_schar, c_short, c_uchar, c_uint, c_ulong, c_ulonglong,
        c_ushort, c_void,
    };

    pub use crate::alloc::{flags::*, Box, KBox, KVBox, KVVec, KVec, VBox, VVec, Vec};

    pub use crate::module;

    /// mainline prelude.rs: `pub use macros::{.., fmt, ..}` (stub/macros/lib.rs).
    #[cfg(kport_profile = "mainline")]
    pub use macros::fmt;
    #[cfg(kport_profile = "v6.13")]
    pub use core::format_args as fmt;

    pub use crate::dbg;
    pub use crate::{pr_alert, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};

    pub use crate::error::{code::*, Error, Result};

    pub use crate::{str::CStr, ThisModule};
}
