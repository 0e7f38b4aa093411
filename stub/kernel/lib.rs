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
//! Profiles: `kport verify --profile P` builds this file with `--cfg
//! kport_profile="P"` and one `--cfg kport_has="feature"` for each item that not
//! every covered kernel has and every release of P's range has
//! (src/kernel-api/stub-features.ts names each feature's release and source).
//! Covered: `mainline` (the 7.3 development tree), `v6.19` (6.19-7.2), `v6.17`
//! (6.17-6.18), `v6.15` (6.15-6.16), `v6.13` (6.13-6.14).
//! Older profiles (v6.10, v6.1) used the `alloc` crate's `Vec` built with
//! `no_global_oom_handling` plus `VecExt`; a sysroot `alloc` cannot reproduce
//! that, so `kport verify` refuses those profiles instead of guessing.
#![no_std]
#![allow(dead_code, unused_variables, clippy::all)]
// rust/kernel/lib.rs enables these too (the kernel build runs rustc with RUSTC_BOOTSTRAP=1).
#![feature(coerce_unsized, dispatch_from_dyn, unsize)]

// Lets the macros crate's `::kernel::..` paths resolve inside the stub too (lib.rs does the same).
extern crate self as kernel;

// The profile only names the build; what it has is given by `--cfg kport_has="..."`
// features (src/kernel-api/stub-features.ts, one per item that not every covered
// kernel has), which `kport verify` passes.
#[cfg(not(any(kport_has = "module_author", kport_has = "module_authors")))]
compile_error!("kport kernel stub: build with --cfg kport_profile=\"..\" and its kport_has features (src/verify.ts)");

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

        /// rust/kernel/alloc/kvec/errors.rs (at 1f96115f502a): the error of
        /// `Vec::insert_within_capacity` (mainline; the 6.13 file has no `insert_*`).
        #[cfg(kport_has = "kvec_insert_error")]
        pub enum InsertError<T> {
            IndexOutOfBounds(T),
            OutOfCapacity(T),
        }
        #[cfg(kport_has = "kvec_insert_error")]
        impl<T> core::fmt::Debug for InsertError<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("InsertError")
            }
        }
        #[cfg(kport_has = "kvec_insert_error")]
        impl<T> From<InsertError<T>> for crate::error::Error {
            fn from(_: InsertError<T>) -> Self {
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
            /// mainline kvec.rs: `pub fn insert_within_capacity(&mut self, index: usize, element: T)
            /// -> Result<(), InsertError<T>>` (no allocating `insert`).
            #[cfg(kport_has = "kvec_insert_error")]
            pub fn insert_within_capacity(&mut self, index: usize, element: T) -> Result<(), InsertError<T>> {
                unimplemented!()
            }
            pub fn pop(&mut self) -> Option<T> {
                unimplemented!()
            }
            /// mainline kvec.rs: `pub fn remove(&mut self, i: usize) -> Result<T, RemoveError>`.
            #[cfg(kport_has = "kvec_remove")]
            pub fn remove(&mut self, i: usize) -> Result<T, RemoveError> {
                unimplemented!()
            }
            /// mainline kvec.rs: `pub fn retain(&mut self, f: impl FnMut(&mut T) -> bool)`.
            #[cfg(kport_has = "kvec_remove")]
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
        /// 6.13 kvec.rs: `impl<T> Default for KVec<T>`.
        #[cfg(not(kport_has = "kvec_insert_error"))]
        impl<T> Default for KVec<T> {
            fn default() -> Self {
                Self::new()
            }
        }
        /// mainline kvec.rs: `impl<T, A: Allocator> Default for Vec<T, A>` (every allocator).
        #[cfg(kport_has = "kvec_insert_error")]
        impl<T, A: Allocator> Default for Vec<T, A> {
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

        /// `pub struct Box<T: ?Sized, A: Allocator>(NonNull<T>, PhantomData<A>)`.
        #[repr(transparent)]
        pub struct Box<T: ?Sized, A: Allocator>(core::ptr::NonNull<T>, PhantomData<A>);

        /// `KBox<T>` coerces to `KBox<dyn Trait>` as std's `Box` does (6.16): kbox.rs derives
        /// `CoercePointee`, or (`not(CONFIG_RUSTC_HAS_COERCE_POINTEE)`) has these two impls.
        #[cfg(kport_has = "kbox_coerce")]
        impl<T, U, A> core::ops::CoerceUnsized<Box<U, A>> for Box<T, A>
        where
            T: ?Sized + core::marker::Unsize<U>,
            U: ?Sized,
            A: Allocator,
        {
        }
        #[cfg(kport_has = "kbox_coerce")]
        impl<T, U, A> core::ops::DispatchFromDyn<Box<U, A>> for Box<T, A>
        where
            T: ?Sized + core::marker::Unsize<U>,
            U: ?Sized,
            A: Allocator,
        {
        }
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

    /// `pub mod code`: the kernel's `declare_err!` list (values are placeholders;
    /// only the names matter here).
    pub mod code {
        macro_rules! declare_err {
            ($($err:ident = $num:expr),* $(,)?) => {
                $(pub const $err: super::Error = super::Error(-$num);)*
            };
        }
        // errno-base.h: on every profile.
        declare_err! {
            EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
            ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
            EFAULT = 14, ENOTBLK = 15, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19,
            ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
            ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31,
            EPIPE = 32, EDOM = 33, ERANGE = 34,
        }
        // include/linux/errno.h: on every profile.
        declare_err! {
            ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514, ENOIOCTLCMD = 515,
            ERESTART_RESTARTBLOCK = 516, EPROBE_DEFER = 517, EOPENSTALE = 518, ENOPARAM = 519,
            EBADHANDLE = 521, ENOTSYNC = 522, EBADCOOKIE = 523, ENOTSUPP = 524, ETOOSMALL = 525,
            ESERVERFAULT = 526, EBADTYPE = 527, EJUKEBOX = 528, EIOCBQUEUED = 529,
            ERECALLCONFLICT = 530, ENOGRACE = 531,
        }
        // Before 7.3 (as this stub modelled 6.19's error.rs) errno.h gave only these
        // two: no `ENOSYS`, `ENODATA`, `EOPNOTSUPP`, ...
        #[cfg(not(kport_has = "errno_full"))]
        declare_err! { EOVERFLOW = 75, ETIMEDOUT = 110 }
        // mainline error.rs: all of include/uapi/asm-generic/errno.h, in its order
        // (b93fb6e76ec1 "rust: error: add remaining error codes", in "Merge tag
        // 'rust-7.3'" d24f5cdbeff8, torvalds/master 2026-08-18).
        #[cfg(kport_has = "errno_full")]
        declare_err! {
            EDEADLK = 35, ENAMETOOLONG = 36, ENOLCK = 37, ENOSYS = 38, ENOTEMPTY = 39,
            ELOOP = 40, ENOMSG = 42, EIDRM = 43, ECHRNG = 44, EL2NSYNC = 45, EL3HLT = 46,
            EL3RST = 47, ELNRNG = 48, EUNATCH = 49, ENOCSI = 50, EL2HLT = 51, EBADE = 52,
            EBADR = 53, EXFULL = 54, ENOANO = 55, EBADRQC = 56, EBADSLT = 57, EBFONT = 59,
            ENOSTR = 60, ENODATA = 61, ETIME = 62, ENOSR = 63, ENONET = 64, ENOPKG = 65,
            EREMOTE = 66, ENOLINK = 67, EADV = 68, ESRMNT = 69, ECOMM = 70, EPROTO = 71,
            EMULTIHOP = 72, EDOTDOT = 73, EBADMSG = 74, EFSBADCRC = 74, EOVERFLOW = 75,
            ENOTUNIQ = 76, EBADFD = 77, EREMCHG = 78, ELIBACC = 79, ELIBBAD = 80,
            ELIBSCN = 81, ELIBMAX = 82, ELIBEXEC = 83, EILSEQ = 84, ERESTART = 85,
            ESTRPIPE = 86, EUSERS = 87, ENOTSOCK = 88, EDESTADDRREQ = 89, EMSGSIZE = 90,
            EPROTOTYPE = 91, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, ESOCKTNOSUPPORT = 94,
            EOPNOTSUPP = 95, EPFNOSUPPORT = 96, EAFNOSUPPORT = 97, EADDRINUSE = 98,
            EADDRNOTAVAIL = 99, ENETDOWN = 100, ENETUNREACH = 101, ENETRESET = 102,
            ECONNABORTED = 103, ECONNRESET = 104, ENOBUFS = 105, EISCONN = 106,
            ENOTCONN = 107, ESHUTDOWN = 108, ETOOMANYREFS = 109, ETIMEDOUT = 110,
            ECONNREFUSED = 111, EHOSTDOWN = 112, EHOSTUNREACH = 113, EALREADY = 114,
            EINPROGRESS = 115, ESTALE = 116, EUCLEAN = 117, EFSCORRUPTED = 117,
            ENOTNAM = 118, ENAVAIL = 119, EISNAM = 120, EREMOTEIO = 121, EDQUOT = 122,
            ENOMEDIUM = 123, EMEDIUMTYPE = 124, ECANCELED = 125, ENOKEY = 126,
            EKEYEXPIRED = 127, EKEYREVOKED = 128, EKEYREJECTED = 129, EOWNERDEAD = 130,
            ENOTRECOVERABLE = 131, ERFKILL = 132, EHWPOISON = 133, EFTYPE = 134,
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
// rust/kernel/fmt.rs: on 6.17-6.18 a re-export of `core::fmt`; from 6.19 the
// kernel's own Display and the fmt! adapter
// ---------------------------------------------------------------------------
/// 6.17-6.18 fmt.rs (bda947d613f1): `pub use core::fmt::{Arguments, Debug, Display, Error, Formatter, Result, Write};`
#[cfg(all(kport_has = "fmt_reexport", not(kport_has = "fmt_display")))]
pub mod fmt {
    pub use core::fmt::{Arguments, Debug, Display, Error, Formatter, Result, Write};
}

#[cfg(kport_has = "fmt_display")]
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
    forward_to_inner!(Debug LowerHex UpperHex Octal Binary LowerExp UpperExp);
    // 6.19-7.2: `Pointer` is forwarded to core's too; since 7.3 `{:p}` goes through the
    // kernel's own `Pointer` below.
    #[cfg(not(kport_has = "fmt_pointer"))]
    forward_to_inner!(Pointer);

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

    /// mainline fmt.rs: `pub trait Pointer` ("A copy of `core::fmt::Pointer` to prevent raw
    /// pointers from being formatted directly"): `{:p}` of an argument needs it, raw pointers
    /// print hashed (`%p`). 643a7c306b8c "rust: fmt: route {:p} through HashedPtr to prevent
    /// address leaks" and fb7d64517618 "rust: fmt: fix {:p} printing stack addresses", in
    /// "Merge tag 'rust-7.3'" (d24f5cdbeff8, torvalds/master 2026-08-18).
    #[cfg(kport_has = "fmt_pointer")]
    pub trait Pointer {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: ?Sized> Pointer for &T {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            Pointer::fmt(&core::ptr::from_ref(*self), f)
        }
    }
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: ?Sized> Pointer for &mut T {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            Pointer::fmt(&core::ptr::from_ref(&**self), f)
        }
    }
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: Pointer> core::fmt::Pointer for Adapter<&T> {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            let Self(t) = self;
            Pointer::fmt(*t, f)
        }
    }
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: ?Sized> Pointer for *const T {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            Pointer::fmt(&HashedPtr(*self), f)
        }
    }
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: ?Sized> Pointer for *mut T {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            Pointer::fmt(&HashedPtr(self.cast_const()), f)
        }
    }
    /// fmt.rs: `#[derive(Copy, Clone)] pub struct HashedPtr<T: ?Sized>(pub *const T);` (`%p`).
    #[cfg(kport_has = "fmt_pointer")]
    #[derive(Copy, Clone)]
    pub struct HashedPtr<T: ?Sized>(pub *const T);
    #[cfg(kport_has = "fmt_pointer")]
    impl<T: ?Sized> Pointer for HashedPtr<T> {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            f.pad("0x")
        }
    }
}

/// Stub-internal (not a kernel item): the argument list of `fmt!`
/// (stub/macros/lib.rs). The kernel's `fmt!` parses its arguments with `syn`
/// as `Expr`s and `name = Expr`s (rust/macros/fmt.rs); these `$val:expr`
/// fragments make rustc parse them the same way, so any expression is an
/// argument, and each is wrapped in `::kernel::fmt::Adapter(&(..))`.
#[cfg(kport_has = "fmt_display")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kport_fmt {
    ([$($out:tt)*] [$($cap:ident)*] $(,)?) => {
        ::core::format_args!($($out)* $(, $cap = $crate::fmt::Adapter(&($cap)))*)
    };
    ([$($out:tt)*] $caps:tt , $name:ident = $val:expr $(, $($rest:tt)*)?) => {
        $crate::__kport_fmt!([$($out)* , $name = $crate::fmt::Adapter(&($val))] $caps $(, $($rest)*)?)
    };
    ([$($out:tt)*] $caps:tt , $val:expr $(, $($rest:tt)*)?) => {
        $crate::__kport_fmt!([$($out)* , $crate::fmt::Adapter(&($val))] $caps $(, $($rest)*)?)
    };
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

    /// mainline str.rs: `pub use crate::prelude::CStr;`, i.e. `core::ffi::CStr` (3b83f5d5e78a "rust:
    /// replace `CStr` with `core::ffi::CStr`", rust-6.19 pull), so `c"..."` literals are `&CStr`;
    /// the kernel's extra methods are in the `CStrExt` extension trait (prelude: `CStrExt as _`).
    #[cfg(kport_has = "cstr_core")]
    pub use core::ffi::CStr;

    #[cfg(kport_has = "cstr_core")]
    mod private {
        pub trait Sealed {}
        impl Sealed for super::CStr {}
    }

    /// mainline str.rs: `pub trait CStrExt: private::Sealed`.
    #[cfg(kport_has = "cstr_core")]
    pub trait CStrExt: private::Sealed {
        unsafe fn from_char_ptr<'a>(ptr: *const crate::ffi::c_char) -> &'a Self;
        unsafe fn from_bytes_with_nul_unchecked_mut(bytes: &mut [u8]) -> &mut Self;
        fn as_char_ptr(&self) -> *const crate::ffi::c_char;
        fn to_cstring(&self) -> Result<CString, crate::alloc::AllocError>;
        fn make_ascii_lowercase(&mut self);
        fn make_ascii_uppercase(&mut self);
        fn to_ascii_lowercase(&self) -> Result<CString, crate::alloc::AllocError>;
        fn to_ascii_uppercase(&self) -> Result<CString, crate::alloc::AllocError>;
    }
    #[cfg(kport_has = "cstr_core")]
    impl CStrExt for CStr {
        unsafe fn from_char_ptr<'a>(ptr: *const crate::ffi::c_char) -> &'a Self {
            unimplemented!()
        }
        unsafe fn from_bytes_with_nul_unchecked_mut(bytes: &mut [u8]) -> &mut Self {
            unimplemented!()
        }
        fn as_char_ptr(&self) -> *const crate::ffi::c_char {
            self.as_ptr().cast()
        }
        fn to_cstring(&self) -> Result<CString, crate::alloc::AllocError> {
            unimplemented!()
        }
        fn make_ascii_lowercase(&mut self) {}
        fn make_ascii_uppercase(&mut self) {}
        fn to_ascii_lowercase(&self) -> Result<CString, crate::alloc::AllocError> {
            unimplemented!()
        }
        fn to_ascii_uppercase(&self) -> Result<CString, crate::alloc::AllocError> {
            unimplemented!()
        }
    }
    /// mainline str.rs: `pub const fn as_char_ptr_in_const_context(c_str: &CStr) -> *const c_char`.
    #[cfg(kport_has = "cstr_core")]
    pub const fn as_char_ptr_in_const_context(c_str: &CStr) -> *const crate::ffi::c_char {
        c_str.as_ptr().cast()
    }

    /// `pub struct CStr([u8])`: a NUL-terminated byte string (APPROXIMATION of layout only).
    #[cfg(not(kport_has = "cstr_core"))]
    #[repr(transparent)]
    pub struct CStr([u8]);

    #[cfg(not(kport_has = "cstr_core"))]
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
    #[cfg(kport_has = "cstr_core")]
    impl crate::fmt::Display for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    #[cfg(not(kport_has = "cstr_core"))]
    impl fmt::Display for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    #[cfg(not(kport_has = "cstr_core"))]
    impl fmt::Debug for CStr {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            unimplemented!()
        }
    }
    #[cfg(not(kport_has = "cstr_core"))]
    impl AsRef<[u8]> for CStr {
        fn as_ref(&self) -> &[u8] {
            self.as_bytes()
        }
    }

    /// str.rs `pub struct CStrConvertError`.
    #[cfg(not(kport_has = "cstr_core"))]
    #[derive(Debug)]
    pub struct CStrConvertError;
    #[cfg(not(kport_has = "cstr_core"))]
    impl From<CStrConvertError> for Error {
        fn from(_: CStrConvertError) -> Error {
            crate::error::code::EINVAL
        }
    }

    /// `c_str!("...")` gives a `&'static CStr`.
    #[cfg(not(kport_has = "cstr_core"))]
    #[macro_export]
    macro_rules! c_str {
        ($str:expr) => {{
            const S: &str = ::core::concat!($str, "\0");
            const C: &$crate::str::CStr =
                unsafe { $crate::str::CStr::from_bytes_with_nul_unchecked(S.as_bytes()) };
            C
        }};
    }

    /// mainline `c_str!`: a `&'static core::ffi::CStr` built in a const (checked for interior NULs).
    #[cfg(kport_has = "cstr_core")]
    #[macro_export]
    macro_rules! c_str {
        ($str:expr) => {{
            const S: &str = ::core::concat!($str, "\0");
            const C: &$crate::str::CStr = match $crate::str::CStr::from_bytes_with_nul(S.as_bytes()) {
                Ok(v) => v,
                Err(_) => ::core::panic!("string contains interior NUL"),
            };
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

    /// rust/kernel/sync/atomic.rs (read at 013f912eb5fa) and atomic/ordering.rs: the kernel's
    /// atomics with LKMM orderings, 6.18+ (Boqun Feng's series, tip locking/core).
    /// APPROXIMATION: `AtomicType` is implemented for the integer types of predefine.rs
    /// (i32, u32, i64, u64, isize, usize) with `AtomicAdd<Self>`; the C-backed `Repr` is left out.
    #[cfg(kport_has = "sync_atomic")]
    pub mod atomic {
        pub use self::ordering::{Acquire, Full, Relaxed, Release};
        use core::cell::UnsafeCell;

        pub mod ordering {
            pub struct Relaxed;
            pub struct Acquire;
            pub struct Release;
            pub struct Full;
            mod internal {
                pub trait Sealed {}
                impl Sealed for super::Relaxed {}
                impl Sealed for super::Acquire {}
                impl Sealed for super::Release {}
                impl Sealed for super::Full {}
            }
            /// `pub trait Ordering: internal::Sealed`
            pub trait Ordering: internal::Sealed {}
            impl Ordering for Relaxed {}
            impl Ordering for Acquire {}
            impl Ordering for Release {}
            impl Ordering for Full {}
            /// `pub trait AcquireOrRelaxed: Ordering` (what `load` takes)
            pub trait AcquireOrRelaxed: Ordering {}
            impl AcquireOrRelaxed for Acquire {}
            impl AcquireOrRelaxed for Relaxed {}
            /// `pub trait ReleaseOrRelaxed: Ordering` (what `store` takes)
            pub trait ReleaseOrRelaxed: Ordering {}
            impl ReleaseOrRelaxed for Release {}
            impl ReleaseOrRelaxed for Relaxed {}
        }

        /// `pub unsafe trait AtomicType: Sized + Send + Copy { type Repr: AtomicImpl; }`
        pub unsafe trait AtomicType: Sized + Send + Copy {}
        /// `pub unsafe trait AtomicAdd<Rhs = Self>: AtomicType`
        pub unsafe trait AtomicAdd<Rhs = Self>: AtomicType {}
        macro_rules! predefine {
            ($($t:ty),*) => {$(
                unsafe impl AtomicType for $t {}
                unsafe impl AtomicAdd<$t> for $t {}
            )*};
        }
        predefine!(i32, u32, i64, u64, isize, usize);

        /// `#[repr(transparent)] pub struct Atomic<T: AtomicType>` (`Sync`, not `Clone`).
        #[repr(transparent)]
        pub struct Atomic<T: AtomicType>(UnsafeCell<T>);
        unsafe impl<T: AtomicType> Sync for Atomic<T> {}
        impl<T: AtomicType> Atomic<T> {
            /// `pub const fn new(v: T) -> Self`
            pub const fn new(v: T) -> Self {
                Self(UnsafeCell::new(v))
            }
            /// `pub const fn as_ptr(&self) -> *mut T`
            pub const fn as_ptr(&self) -> *mut T {
                self.0.get()
            }
            /// `pub fn get_mut(&mut self) -> &mut T`
            pub fn get_mut(&mut self) -> &mut T {
                self.0.get_mut()
            }
            /// `pub fn load<Ordering: ordering::AcquireOrRelaxed>(&self, _: Ordering) -> T`
            pub fn load<Ordering: ordering::AcquireOrRelaxed>(&self, _: Ordering) -> T {
                unimplemented!()
            }
            /// `pub fn store<Ordering: ordering::ReleaseOrRelaxed>(&self, v: T, _: Ordering)`
            pub fn store<Ordering: ordering::ReleaseOrRelaxed>(&self, v: T, _: Ordering) {
                unimplemented!()
            }
            /// `pub fn xchg<Ordering: ordering::Ordering>(&self, v: T, _: Ordering) -> T`
            pub fn xchg<Ordering: ordering::Ordering>(&self, v: T, _: Ordering) -> T {
                unimplemented!()
            }
            /// `pub fn cmpxchg<Ordering: ordering::Ordering>(&self, old: T, new: T, o: Ordering) -> Result<T, T>`
            pub fn cmpxchg<Ordering: ordering::Ordering>(&self, old: T, new: T, o: Ordering) -> Result<T, T> {
                unimplemented!()
            }
            /// `pub fn add<Rhs>(&self, v: Rhs, _: ordering::Relaxed) where T: AtomicAdd<Rhs>`
            pub fn add<Rhs>(&self, v: Rhs, _: ordering::Relaxed)
            where
                T: AtomicAdd<Rhs>,
            {
                unimplemented!()
            }
            /// `pub fn fetch_add<Rhs, Ordering: ordering::Ordering>(&self, v: Rhs, _: Ordering) -> T where T: AtomicAdd<Rhs>`
            pub fn fetch_add<Rhs, Ordering: ordering::Ordering>(&self, v: Rhs, _: Ordering) -> T
            where
                T: AtomicAdd<Rhs>,
            {
                unimplemented!()
            }
        }
    }
    // -----------------------------------------------------------------------
    // rust/kernel/sync.rs, sync/lock.rs, sync/lock/mutex.rs, sync/lock/global.rs
    // -----------------------------------------------------------------------
    pub use self::lock::global::{GlobalGuard, GlobalLock, GlobalLockBackend, GlobalLockedBy};
    pub use self::lock::mutex::{Mutex, MutexGuard};
    pub use self::lock::spinlock::{SpinLock, SpinLockGuard};
    pub use crate::{global_lock, new_mutex, new_spinlock, static_lock_class};

    /// sync.rs: `#[repr(transparent)] #[pin_data(PinnedDrop)] pub struct LockClassKey`.
    #[repr(transparent)]
    pub struct LockClassKey {
        inner: crate::types::Opaque<[u8; 0]>,
    }
    unsafe impl Send for LockClassKey {}
    unsafe impl Sync for LockClassKey {}
    impl LockClassKey {
        /// `pub const unsafe fn new_static() -> Self`
        pub const unsafe fn new_static() -> Self {
            LockClassKey { inner: crate::types::Opaque::uninit() }
        }
        /// `pub fn as_ptr(&self) -> *mut bindings::lock_class_key` (APPROXIMATION: `*mut c_void`).
        pub fn as_ptr(&self) -> *mut core::ffi::c_void {
            self.inner.get().cast()
        }
    }

    /// sync.rs `static_lock_class!()`: a `Pin<&'static LockClassKey>`.
    #[macro_export]
    macro_rules! static_lock_class {
        () => {{
            static CLASS: $crate::sync::LockClassKey =
                // SAFETY: stored in static memory, pinned, never dropped.
                unsafe { $crate::sync::LockClassKey::new_static() };
            $crate::prelude::Pin::static_ref(&CLASS)
        }};
    }

    /// sync.rs `optional_name!`: the given name, or `file:line`, as a `&'static CStr`.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! optional_name {
        () => {
            $crate::c_str!(::core::concat!(::core::file!(), ":", ::core::line!()))
        };
        ($name:literal) => {
            $crate::c_str!($name)
        };
    }

    /// mutex.rs `new_mutex!(inner $(, "name")?)`: a `Mutex` initializer (`impl PinInit<Mutex<T>>`).
    #[macro_export]
    macro_rules! new_mutex {
        ($inner:expr $(, $name:literal)? $(,)?) => {
            $crate::sync::Mutex::new($inner, $crate::optional_name!($($name)?), $crate::static_lock_class!())
        };
    }

    /// spinlock.rs `new_spinlock!(inner $(, "name")?)`: a `SpinLock` initializer.
    #[macro_export]
    macro_rules! new_spinlock {
        ($inner:expr $(, $name:literal)? $(,)?) => {
            $crate::sync::SpinLock::new($inner, $crate::optional_name!($($name)?), $crate::static_lock_class!())
        };
    }

    pub mod lock {
        use super::LockClassKey;
        use crate::init::PinInit;
        use crate::str::CStr;
        use crate::types::{NotThreadSafe, Opaque};
        use core::cell::UnsafeCell;
        use core::marker::PhantomPinned;
        use core::pin::Pin;

        /// lock.rs: `pub unsafe trait Backend` (APPROXIMATION: raw pointers are `c_void`).
        pub unsafe trait Backend {
            type State;
            type GuardState;
            unsafe fn init(ptr: *mut Self::State, name: *const crate::ffi::c_char, key: *mut core::ffi::c_void);
            unsafe fn lock(ptr: *mut Self::State) -> Self::GuardState;
            unsafe fn try_lock(ptr: *mut Self::State) -> Option<Self::GuardState>;
            unsafe fn unlock(ptr: *mut Self::State, guard_state: &Self::GuardState);
        }

        /// lock.rs: `#[pin_data] pub struct Lock<T: ?Sized, B: Backend>`: pinned; `Sync` when `T: Send`.
        #[repr(C)]
        pub struct Lock<T: ?Sized, B: Backend> {
            state: Opaque<B::State>,
            _pin: PhantomPinned,
            pub(crate) data: UnsafeCell<T>,
        }
        unsafe impl<T: ?Sized + Send, B: Backend> Send for Lock<T, B> {}
        unsafe impl<T: ?Sized + Send, B: Backend> Sync for Lock<T, B> {}

        impl<T, B: Backend> Lock<T, B> {
            /// `pub fn new(t: T, name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Self>`
            pub fn new(t: T, name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Self> {
                // SAFETY: stub; never run.
                unsafe {
                    crate::init::pin_init_from_closure(move |slot: *mut Self| {
                        let _ = (t, name, key);
                        unimplemented!()
                    })
                }
            }
        }
        impl<T: ?Sized, B: Backend> Lock<T, B> {
            /// `pub fn lock(&self) -> Guard<'_, T, B>`
            pub fn lock(&self) -> Guard<'_, T, B> {
                unimplemented!()
            }
            /// `pub fn try_lock(&self) -> Option<Guard<'_, T, B>>`
            pub fn try_lock(&self) -> Option<Guard<'_, T, B>> {
                unimplemented!()
            }
        }

        /// lock.rs: `#[must_use] pub struct Guard<'a, T: ?Sized, B: Backend>` (not `Send`).
        #[must_use = "the lock unlocks immediately when the guard is unused"]
        pub struct Guard<'a, T: ?Sized, B: Backend> {
            pub(crate) lock: &'a Lock<T, B>,
            pub(crate) state: B::GuardState,
            _not_send: NotThreadSafe,
        }
        unsafe impl<T: Sync + ?Sized, B: Backend> Sync for Guard<'_, T, B> {}
        impl<T: ?Sized, B: Backend> core::ops::Deref for Guard<'_, T, B> {
            type Target = T;
            fn deref(&self) -> &T {
                unimplemented!()
            }
        }
        impl<T: ?Sized, B: Backend> core::ops::DerefMut for Guard<'_, T, B> {
            fn deref_mut(&mut self) -> &mut T {
                unimplemented!()
            }
        }
        impl<T: ?Sized, B: Backend> Drop for Guard<'_, T, B> {
            fn drop(&mut self) {}
        }

        pub mod mutex {
            //! rust/kernel/sync/lock/mutex.rs
            /// `pub type Mutex<T> = super::Lock<T, MutexBackend>;`
            pub type Mutex<T> = super::Lock<T, MutexBackend>;
            /// `pub type MutexGuard<'a, T> = super::Guard<'a, T, MutexBackend>;`
            pub type MutexGuard<'a, T> = super::Guard<'a, T, MutexBackend>;
            /// `pub struct MutexBackend;`
            pub struct MutexBackend;
            unsafe impl super::Backend for MutexBackend {
                type State = [u8; 0];
                type GuardState = ();
                unsafe fn init(ptr: *mut Self::State, name: *const crate::ffi::c_char, key: *mut core::ffi::c_void) {}
                unsafe fn lock(ptr: *mut Self::State) -> Self::GuardState {}
                unsafe fn try_lock(ptr: *mut Self::State) -> Option<Self::GuardState> {
                    None
                }
                unsafe fn unlock(ptr: *mut Self::State, guard_state: &Self::GuardState) {}
            }
        }

        pub mod spinlock {
            //! rust/kernel/sync/lock/spinlock.rs
            /// `pub type SpinLock<T> = super::Lock<T, SpinLockBackend>;`
            pub type SpinLock<T> = super::Lock<T, SpinLockBackend>;
            /// `pub type SpinLockGuard<'a, T> = super::Guard<'a, T, SpinLockBackend>;`
            pub type SpinLockGuard<'a, T> = super::Guard<'a, T, SpinLockBackend>;
            /// `pub struct SpinLockBackend;`
            pub struct SpinLockBackend;
            unsafe impl super::Backend for SpinLockBackend {
                type State = [u8; 0];
                type GuardState = ();
                unsafe fn init(ptr: *mut Self::State, name: *const crate::ffi::c_char, key: *mut core::ffi::c_void) {}
                unsafe fn lock(ptr: *mut Self::State) -> Self::GuardState {}
                unsafe fn try_lock(ptr: *mut Self::State) -> Option<Self::GuardState> {
                    None
                }
                unsafe fn unlock(ptr: *mut Self::State, guard_state: &Self::GuardState) {}
            }
        }

        pub mod global {
            //! rust/kernel/sync/lock/global.rs (since 6.13)
            use super::{Backend, Guard, Lock};
            use crate::str::CStr;
            use crate::sync::LockClassKey;
            use crate::types::Opaque;
            use core::cell::UnsafeCell;
            use core::marker::{PhantomData, PhantomPinned};
            use core::pin::Pin;

            /// `pub trait GlobalLockBackend` (implemented by `global_lock!` for a marker type).
            pub trait GlobalLockBackend {
                const NAME: &'static CStr;
                type Item: 'static;
                type Backend: Backend + 'static;
                fn get_lock_class() -> Pin<&'static LockClassKey>;
            }

            /// `pub struct GlobalLock<B: GlobalLockBackend>`
            pub struct GlobalLock<B: GlobalLockBackend> {
                inner: Lock<B::Item, B::Backend>,
            }
            impl<B: GlobalLockBackend> GlobalLock<B> {
                /// `pub const unsafe fn new(data: B::Item) -> Self`
                pub const unsafe fn new(data: B::Item) -> Self {
                    Self { inner: Lock { state: Opaque::uninit(), data: UnsafeCell::new(data), _pin: PhantomPinned } }
                }
                /// `pub unsafe fn init(&'static self)`: call once, before any other method.
                pub unsafe fn init(&'static self) {}
                /// `pub fn lock(&'static self) -> GlobalGuard<B>`
                pub fn lock(&'static self) -> GlobalGuard<B> {
                    GlobalGuard { inner: self.inner.lock() }
                }
                /// `pub fn try_lock(&'static self) -> Option<GlobalGuard<B>>`
                pub fn try_lock(&'static self) -> Option<GlobalGuard<B>> {
                    Some(GlobalGuard { inner: self.inner.try_lock()? })
                }
            }

            /// `pub struct GlobalGuard<B: GlobalLockBackend>` (derefs to `B::Item`).
            pub struct GlobalGuard<B: GlobalLockBackend> {
                inner: Guard<'static, B::Item, B::Backend>,
            }
            impl<B: GlobalLockBackend> core::ops::Deref for GlobalGuard<B> {
                type Target = B::Item;
                fn deref(&self) -> &Self::Target {
                    &self.inner
                }
            }
            impl<B: GlobalLockBackend> core::ops::DerefMut for GlobalGuard<B> {
                fn deref_mut(&mut self) -> &mut Self::Target {
                    &mut self.inner
                }
            }

            /// `pub struct GlobalLockedBy<T: ?Sized, B: GlobalLockBackend>`
            pub struct GlobalLockedBy<T: ?Sized, B: GlobalLockBackend> {
                _backend: PhantomData<B>,
                value: UnsafeCell<T>,
            }
            impl<T, B: GlobalLockBackend> GlobalLockedBy<T, B> {
                pub fn new(val: T) -> Self {
                    Self { value: UnsafeCell::new(val), _backend: PhantomData }
                }
            }
            impl<T: ?Sized, B: GlobalLockBackend> GlobalLockedBy<T, B> {
                pub fn as_ref<'a>(&'a self, _guard: &'a GlobalGuard<B>) -> &'a T {
                    unimplemented!()
                }
                pub fn as_mut<'a>(&'a self, _guard: &'a mut GlobalGuard<B>) -> &'a mut T {
                    unimplemented!()
                }
                pub fn get_mut(&mut self) -> &mut T {
                    self.value.get_mut()
                }
            }
        }
    }
    pub mod aref {
        //! rust/kernel/sync/aref.rs: `ARef<T>`, an owned reference to an always-refcounted object.
        use core::ptr::NonNull;

        /// `pub unsafe trait AlwaysRefCounted`
        pub unsafe trait AlwaysRefCounted {
            fn inc_ref(&self);
            unsafe fn dec_ref(obj: NonNull<Self>);
        }

        /// `pub struct ARef<T: AlwaysRefCounted>`
        pub struct ARef<T: AlwaysRefCounted> {
            ptr: NonNull<T>,
        }
        unsafe impl<T: AlwaysRefCounted + Sync + Send> Send for ARef<T> {}
        unsafe impl<T: AlwaysRefCounted + Sync + Send> Sync for ARef<T> {}
        impl<T: AlwaysRefCounted> From<&T> for ARef<T> {
            fn from(b: &T) -> Self {
                b.inc_ref();
                ARef { ptr: NonNull::from(b) }
            }
        }
        impl<T: AlwaysRefCounted> Clone for ARef<T> {
            fn clone(&self) -> Self {
                unimplemented!()
            }
        }
        impl<T: AlwaysRefCounted> core::ops::Deref for ARef<T> {
            type Target = T;
            fn deref(&self) -> &T {
                unimplemented!()
            }
        }
        impl<T: AlwaysRefCounted> Drop for ARef<T> {
            fn drop(&mut self) {}
        }
    }

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
            /// `pub fn new(contents: T, flags: Flags) -> Result<Self, AllocError>` (sync/arc.rs
            /// at 168b4f9aa579, rust-7.3; the kernel's `AllocError`, which `?` turns into `ENOMEM`).
            pub fn new(contents: T, flags: Flags) -> Result<Self, AllocError> {
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

/// global.rs `global_lock!`: `unsafe(uninit) static NAME: Mutex<T> = value;` defines a marker
/// type `NAME` and a `static NAME: GlobalLock<NAME>`; call `unsafe { NAME.init() }` once (in
/// module init) before using it. As in the kernel, `Pin` must be in scope where it is used.
#[macro_export]
macro_rules! global_lock {
    {
        $(#[$meta:meta])* $pub:vis
        unsafe(uninit) static $name:ident: $kind:ident<$valuety:ty> = $value:expr;
    } => {
        #[allow(non_camel_case_types, unreachable_pub)]
        $pub enum $name {}

        impl $crate::sync::lock::global::GlobalLockBackend for $name {
            const NAME: &'static $crate::str::CStr = $crate::c_str!(::core::stringify!($name));
            type Item = $valuety;
            type Backend = $crate::global_lock_inner!(backend $kind);

            fn get_lock_class() -> Pin<&'static $crate::sync::LockClassKey> {
                $crate::static_lock_class!()
            }
        }

        $(#[$meta])*
        $pub static $name: $crate::sync::lock::global::GlobalLock<$name> = {
            let init: $valuety = $value;
            // SAFETY: the user of the macro initialises it before use; one static per backend type.
            unsafe { $crate::sync::lock::global::GlobalLock::new(init) }
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! global_lock_inner {
    (backend Mutex) => {
        $crate::sync::lock::mutex::MutexBackend
    };
    (backend SpinLock) => {
        $crate::sync::lock::spinlock::SpinLockBackend
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/types.rs (ForeignOwnable, Opaque, NotThreadSafe)
// ---------------------------------------------------------------------------
pub mod types {
    use crate::alloc::{Allocator, Box};
    use core::cell::UnsafeCell;
    use core::marker::{PhantomData, PhantomPinned};
    use core::mem::MaybeUninit;
    use core::pin::Pin;

    /// types.rs: `pub unsafe trait ForeignOwnable: Sized` (what a `MiscDevice::Ptr` must be).
    pub unsafe trait ForeignOwnable: Sized {
        const FOREIGN_ALIGN: usize;
        type Borrowed<'a>;
        type BorrowedMut<'a>;
        fn into_foreign(self) -> *mut core::ffi::c_void;
        unsafe fn from_foreign(ptr: *mut core::ffi::c_void) -> Self;
        unsafe fn try_from_foreign(ptr: *mut core::ffi::c_void) -> Option<Self> {
            unimplemented!()
        }
        unsafe fn borrow<'a>(ptr: *mut core::ffi::c_void) -> Self::Borrowed<'a>;
        unsafe fn borrow_mut<'a>(ptr: *mut core::ffi::c_void) -> Self::BorrowedMut<'a>;
    }

    /// alloc/kbox.rs: `Box<T, A>` is `ForeignOwnable` with `Borrowed<'a> = &'a T`.
    unsafe impl<T: 'static, A: Allocator> ForeignOwnable for Box<T, A> {
        const FOREIGN_ALIGN: usize = core::mem::align_of::<T>();
        type Borrowed<'a> = &'a T;
        type BorrowedMut<'a> = &'a mut T;
        fn into_foreign(self) -> *mut core::ffi::c_void {
            unimplemented!()
        }
        unsafe fn from_foreign(ptr: *mut core::ffi::c_void) -> Self {
            unimplemented!()
        }
        unsafe fn borrow<'a>(ptr: *mut core::ffi::c_void) -> &'a T {
            unimplemented!()
        }
        unsafe fn borrow_mut<'a>(ptr: *mut core::ffi::c_void) -> &'a mut T {
            unimplemented!()
        }
    }

    /// alloc/kbox.rs: `Pin<Box<T, A>>` is `ForeignOwnable` with `Borrowed<'a> = Pin<&'a T>`.
    unsafe impl<T: 'static, A: Allocator> ForeignOwnable for Pin<Box<T, A>> {
        const FOREIGN_ALIGN: usize = core::mem::align_of::<T>();
        type Borrowed<'a> = Pin<&'a T>;
        type BorrowedMut<'a> = Pin<&'a mut T>;
        fn into_foreign(self) -> *mut core::ffi::c_void {
            unimplemented!()
        }
        unsafe fn from_foreign(ptr: *mut core::ffi::c_void) -> Self {
            unimplemented!()
        }
        unsafe fn borrow<'a>(ptr: *mut core::ffi::c_void) -> Pin<&'a T> {
            unimplemented!()
        }
        unsafe fn borrow_mut<'a>(ptr: *mut core::ffi::c_void) -> Pin<&'a mut T> {
            unimplemented!()
        }
    }

    /// sync/arc.rs: `Arc<T>` is `ForeignOwnable` with `Borrowed<'a> = ArcBorrow<'a, T>`
    /// (APPROXIMATION: `&'a T`, the stub has no `ArcBorrow`).
    unsafe impl<T: 'static> ForeignOwnable for crate::sync::Arc<T> {
        const FOREIGN_ALIGN: usize = core::mem::align_of::<T>();
        type Borrowed<'a> = &'a T;
        type BorrowedMut<'a> = &'a T;
        fn into_foreign(self) -> *mut core::ffi::c_void {
            unimplemented!()
        }
        unsafe fn from_foreign(ptr: *mut core::ffi::c_void) -> Self {
            unimplemented!()
        }
        unsafe fn borrow<'a>(ptr: *mut core::ffi::c_void) -> &'a T {
            unimplemented!()
        }
        unsafe fn borrow_mut<'a>(ptr: *mut core::ffi::c_void) -> &'a T {
            unimplemented!()
        }
    }

    /// types.rs: `impl ForeignOwnable for ()`.
    unsafe impl ForeignOwnable for () {
        const FOREIGN_ALIGN: usize = core::mem::align_of::<()>();
        type Borrowed<'a> = ();
        type BorrowedMut<'a> = ();
        fn into_foreign(self) -> *mut core::ffi::c_void {
            core::ptr::NonNull::dangling().as_ptr()
        }
        unsafe fn from_foreign(_: *mut core::ffi::c_void) -> Self {}
        unsafe fn borrow<'a>(_: *mut core::ffi::c_void) -> Self::Borrowed<'a> {}
        unsafe fn borrow_mut<'a>(_: *mut core::ffi::c_void) -> Self::BorrowedMut<'a> {}
    }

    /// types.rs: `pub struct Opaque<T> { value: UnsafeCell<MaybeUninit<T>>, _pin: PhantomPinned }`.
    #[repr(transparent)]
    pub struct Opaque<T> {
        value: UnsafeCell<MaybeUninit<T>>,
        _pin: PhantomPinned,
    }
    impl<T> Opaque<T> {
        pub const fn new(value: T) -> Self {
            Self { value: UnsafeCell::new(MaybeUninit::new(value)), _pin: PhantomPinned }
        }
        pub const fn uninit() -> Self {
            Self { value: UnsafeCell::new(MaybeUninit::uninit()), _pin: PhantomPinned }
        }
        pub const fn get(&self) -> *mut T {
            UnsafeCell::raw_get(&self.value).cast::<T>()
        }
        pub fn ffi_init(init_func: impl FnOnce(*mut T)) -> impl crate::init::PinInit<Self> {
            // SAFETY: stub; never run.
            unsafe {
                crate::init::pin_init_from_closure::<_, core::convert::Infallible>(move |slot: *mut Self| {
                    init_func(Self::raw_get(slot));
                    Ok(())
                })
            }
        }
        pub fn try_ffi_init<E>(init_func: impl FnOnce(*mut T) -> Result<(), E>) -> impl crate::init::PinInit<Self, E> {
            // SAFETY: stub; never run.
            unsafe { crate::init::pin_init_from_closure::<_, E>(move |slot: *mut Self| init_func(Self::raw_get(slot))) }
        }
        pub const fn raw_get(this: *const Self) -> *mut T {
            UnsafeCell::raw_get(this.cast::<UnsafeCell<MaybeUninit<T>>>()).cast::<T>()
        }
    }

    /// types.rs: `pub type NotThreadSafe = PhantomData<*mut ()>;` (makes a type `!Send`).
    pub type NotThreadSafe = PhantomData<*mut ()>;
    /// types.rs: `pub const NotThreadSafe: NotThreadSafe = PhantomData;`
    #[allow(non_upper_case_globals)]
    pub const NotThreadSafe: NotThreadSafe = PhantomData;
}

// ---------------------------------------------------------------------------
// rust/pin-init/src/lib.rs (the `pin_init` crate: PinInit, Init, pin_init!,
// #[pin_data], PinnedDrop) and rust/kernel/init.rs (InPlaceInit, try_pin_init!
// with the kernel's `Error` as default). The macros here are macro_rules that
// expand to an initializer closure, faithful enough for type checking:
// `field <- init` goes through the `#[pin_data]` accessor (PinInit for `#[pin]`
// fields, Init for the others), `field: value` writes the value, every field
// must be given exactly once, and the struct must be `#[pin_data]`.
// ---------------------------------------------------------------------------
pub mod init {
    use crate::alloc::{AllocError, Allocator, Box, Flags};
    use crate::error::Error;
    use core::convert::Infallible;
    use core::pin::Pin;

    /// pin-init: `pub unsafe trait PinInit<T: ?Sized, E = Infallible>: Sized`.
    #[must_use = "an initializer does nothing unless used"]
    pub unsafe trait PinInit<T: ?Sized, E = Infallible>: Sized {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E>;
        fn pin_chain<F>(self, f: F) -> ChainPinInit<Self, F, T, E>
        where
            F: FnOnce(Pin<&mut T>) -> Result<(), E>,
        {
            ChainPinInit(self, f, core::marker::PhantomData)
        }
    }

    /// pin-init: `pub unsafe trait Init<T: ?Sized, E = Infallible>: PinInit<T, E>`.
    #[must_use = "an initializer does nothing unless used"]
    pub unsafe trait Init<T: ?Sized, E = Infallible>: PinInit<T, E> {
        unsafe fn __init(self, slot: *mut T) -> Result<(), E>;
        fn chain<F>(self, f: F) -> ChainInit<Self, F, T, E>
        where
            F: FnOnce(&mut T) -> Result<(), E>,
        {
            ChainInit(self, f, core::marker::PhantomData)
        }
    }

    pub struct ChainPinInit<I, F, T: ?Sized, E>(I, F, core::marker::PhantomData<(E, fn() -> T)>);
    unsafe impl<T: ?Sized, E, I, F> PinInit<T, E> for ChainPinInit<I, F, T, E>
    where
        I: PinInit<T, E>,
        F: FnOnce(Pin<&mut T>) -> Result<(), E>,
    {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            unimplemented!()
        }
    }
    pub struct ChainInit<I, F, T: ?Sized, E>(I, F, core::marker::PhantomData<(E, fn() -> T)>);
    unsafe impl<T: ?Sized, E, I, F> PinInit<T, E> for ChainInit<I, F, T, E>
    where
        I: Init<T, E>,
        F: FnOnce(&mut T) -> Result<(), E>,
    {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            unimplemented!()
        }
    }
    unsafe impl<T: ?Sized, E, I, F> Init<T, E> for ChainInit<I, F, T, E>
    where
        I: Init<T, E>,
        F: FnOnce(&mut T) -> Result<(), E>,
    {
        unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
            unimplemented!()
        }
    }

    /// pin-init: a value initializes itself (`unsafe impl<T, E> Init<T, E> for T`).
    unsafe impl<T, E> Init<T, E> for T {
        unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
            unsafe { slot.write(self) };
            Ok(())
        }
    }
    unsafe impl<T, E> PinInit<T, E> for T {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            unsafe { slot.write(self) };
            Ok(())
        }
    }

    struct FromClosure<F, T: ?Sized, E>(F, core::marker::PhantomData<(E, fn() -> T)>);
    unsafe impl<T: ?Sized, E, F: FnOnce(*mut T) -> Result<(), E>> PinInit<T, E> for FromClosure<F, T, E> {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            (self.0)(slot)
        }
    }
    unsafe impl<T: ?Sized, E, F: FnOnce(*mut T) -> Result<(), E>> Init<T, E> for FromClosure<F, T, E> {
        unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
            (self.0)(slot)
        }
    }

    /// pin-init: `pub const unsafe fn pin_init_from_closure<T: ?Sized, E>(f: impl FnOnce(*mut T) -> Result<(), E>) -> impl PinInit<T, E>`.
    pub const unsafe fn pin_init_from_closure<T: ?Sized, E>(f: impl FnOnce(*mut T) -> Result<(), E>) -> impl PinInit<T, E> {
        FromClosure(f, core::marker::PhantomData)
    }
    /// pin-init: `pub const unsafe fn init_from_closure<T: ?Sized, E>(f: impl FnOnce(*mut T) -> Result<(), E>) -> impl Init<T, E>`.
    pub const unsafe fn init_from_closure<T: ?Sized, E>(f: impl FnOnce(*mut T) -> Result<(), E>) -> impl Init<T, E> {
        FromClosure(f, core::marker::PhantomData)
    }

    /// pin-init: `pub unsafe trait PinnedDrop: __internal::HasPinData`; implement it with
    /// `#[pinned_drop]` on a `#[pin_data(PinnedDrop)]` struct.
    pub unsafe trait PinnedDrop: __internal::HasPinData {
        fn drop(self: Pin<&mut Self>, only_call_from_drop: __internal::OnlyCallFromDrop);
    }

    #[doc(hidden)]
    pub mod __internal {
        /// pin-init internal: implemented by `#[pin_data]`.
        pub unsafe trait HasPinData {
            type PinData: Copy;
            unsafe fn __pin_data() -> Self::PinData;
        }
        /// pin-init internal: the token only `Drop` generated by `#[pin_data(PinnedDrop)]` can make.
        pub struct OnlyCallFromDrop(());
        impl OnlyCallFromDrop {
            pub unsafe fn new() -> Self {
                Self(())
            }
        }
    }

    /// pin-init: `pub unsafe trait Zeroable` (all-zero bytes are a valid value; in the
    /// prelude since 6.15's `pub use pin_init::{.., Zeroable}`). The `#[derive(Zeroable)]`
    /// macro is not modelled.
    pub unsafe trait Zeroable {
        /// `fn zeroed() -> Self where Self: Sized`
        fn zeroed() -> Self
        where
            Self: Sized,
        {
            unimplemented!()
        }
    }
    macro_rules! zeroable {
        ($($t:ty),* $(,)?) => {$(unsafe impl Zeroable for $t {})*};
    }
    zeroable!(bool, char, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64, ());
    unsafe impl<T: ?Sized> Zeroable for core::marker::PhantomData<T> {}
    unsafe impl<T: Zeroable, const N: usize> Zeroable for [T; N] {}
    unsafe impl<T: ?Sized> Zeroable for *const T where *const T: Copy {}
    unsafe impl<T: ?Sized> Zeroable for *mut T where *mut T: Copy {}
    unsafe impl<T: ?Sized> Zeroable for Option<&T> {}
    unsafe impl<T: ?Sized> Zeroable for Option<&mut T> {}
    /// pin-init: `pub fn zeroed<T: Zeroable>() -> impl Init<T>`
    pub fn zeroed<T: Zeroable>() -> impl Init<T> {
        // SAFETY: stub.
        unsafe { init_from_closure(|_slot: *mut T| Ok(())) }
    }

    /// pin-init: `pub trait InPlaceWrite<T>` (in the prelude): initialise an uninitialised
    /// allocation in place, e.g. `KBox::new_uninit(GFP_KERNEL)?.write_init(init)`.
    pub trait InPlaceWrite<T> {
        type Initialized;
        fn write_init<E>(self, init: impl Init<T, E>) -> Result<Self::Initialized, E>;
        fn write_pin_init<E>(self, init: impl PinInit<T, E>) -> Result<Pin<Self::Initialized>, E>;
    }
    impl<T, A: Allocator + 'static> InPlaceWrite<T> for Box<core::mem::MaybeUninit<T>, A> {
        type Initialized = Box<T, A>;
        fn write_init<E>(self, init: impl Init<T, E>) -> Result<Box<T, A>, E> {
            unimplemented!()
        }
        fn write_pin_init<E>(self, init: impl PinInit<T, E>) -> Result<Pin<Box<T, A>>, E> {
            unimplemented!()
        }
    }

    /// init.rs: `pub trait InPlaceInit<T>: Sized` (in the prelude), implemented by
    /// `Box<T, A>` (`KBox::pin_init(init, GFP_KERNEL)`) and `Arc<T>`.
    pub trait InPlaceInit<T>: Sized {
        type PinnedSelf;
        fn try_pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> Result<Self::PinnedSelf, E>
        where
            E: From<AllocError>;
        fn pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> crate::error::Result<Self::PinnedSelf>
        where
            Error: From<E>,
        {
            let init = unsafe {
                pin_init_from_closure(|slot| init.__pinned_init(slot).map_err(|e| Error::from(e)))
            };
            Self::try_pin_init(init, flags)
        }
        fn try_init<E>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E>
        where
            E: From<AllocError>;
        fn init<E>(init: impl Init<T, E>, flags: Flags) -> crate::error::Result<Self>
        where
            Error: From<E>,
        {
            let init = unsafe { init_from_closure(|slot| init.__init(slot).map_err(|e| Error::from(e))) };
            Self::try_init(init, flags)
        }
    }

    impl<T, A: Allocator + 'static> InPlaceInit<T> for Box<T, A> {
        type PinnedSelf = Pin<Self>;
        fn try_pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> Result<Pin<Self>, E>
        where
            E: From<AllocError>,
        {
            unimplemented!()
        }
        fn try_init<E>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E>
        where
            E: From<AllocError>,
        {
            unimplemented!()
        }
    }
    impl<T> InPlaceInit<T> for crate::sync::Arc<T> {
        type PinnedSelf = Self;
        fn try_pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> Result<Self, E>
        where
            E: From<AllocError>,
        {
            unimplemented!()
        }
        fn try_init<E>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E>
        where
            E: From<AllocError>,
        {
            unimplemented!()
        }
    }
}

/// pin-init `pin_init!(Type { field: value, field <- initializer, .. })`: an
/// `impl PinInit<Type, Infallible>` (or `? Err` for another error type).
#[macro_export]
macro_rules! pin_init {
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* } $(? $err:ty)?) => {
        $crate::__kport_pin_init!(($t $(::<$($g),*>)?) { $($fields)* } ($($err)?))
    };
}

/// init.rs `try_pin_init!`: as `pin_init!`, with the kernel's `Error` as the default error.
#[macro_export]
macro_rules! try_pin_init {
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__kport_pin_init!(($t $(::<$($g),*>)?) { $($fields)* } ($crate::error::Error))
    };
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* } ? $err:ty) => {
        $crate::__kport_pin_init!(($t $(::<$($g),*>)?) { $($fields)* } ($err))
    };
}

/// pin-init `init!(Type { .. })`: an `impl Init<Type, Infallible>` (no pinning; any struct;
/// `field <- init` takes an `Init`).
#[macro_export]
macro_rules! init {
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* } $(? $err:ty)?) => {
        $crate::__kport_init!(($t $(::<$($g),*>)?) { $($fields)* } ($($err)?))
    };
}

/// init.rs `try_init!`: as `init!`, with the kernel's `Error` as the default error.
#[macro_export]
macro_rules! try_init {
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__kport_init!(($t $(::<$($g),*>)?) { $($fields)* } ($crate::error::Error))
    };
    ($t:ident $(::<$($g:ty),* $(,)?>)? { $($fields:tt)* } ? $err:ty) => {
        $crate::__kport_init!(($t $(::<$($g),*>)?) { $($fields)* } ($err))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __kport_init {
    (($($t:tt)*) { $($fields:tt)* } ()) => {
        $crate::__kport_init!(($($t)*) { $($fields)* } (::core::convert::Infallible))
    };
    (($($t:tt)*) { $($fields:tt)* } ($err:ty)) => {{
        let __kport_init = move |__kport_slot: *mut $($t)*| -> ::core::result::Result<(), $err> {
            $crate::__kport_init_fields_unpinned!(__kport_slot; $($fields)*);
            #[allow(unreachable_code, clippy::diverging_sub_expression, unused_variables)]
            let _ = || {
                $crate::__kport_init_check!(($($t)*) [] $($fields)*);
            };
            ::core::result::Result::Ok(())
        };
        // SAFETY: stub; never run.
        unsafe { $crate::init::init_from_closure::<$($t)*, $err>(__kport_init) }
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __kport_pin_init {
    (($($t:tt)*) { $($fields:tt)* } ()) => {
        $crate::__kport_pin_init!(($($t)*) { $($fields)* } (::core::convert::Infallible))
    };
    (($($t:tt)*) { $($fields:tt)* } ($err:ty)) => {{
        // SAFETY: stub; the type must be `#[pin_data]`, as in the kernel.
        let __kport_data = unsafe { <$($t)* as $crate::init::__internal::HasPinData>::__pin_data() };
        let __kport_init = move |__kport_slot: *mut $($t)*| -> ::core::result::Result<(), $err> {
            $crate::__kport_init_fields!(__kport_slot, __kport_data; $($fields)*);
            #[allow(unreachable_code, clippy::diverging_sub_expression, unused_variables)]
            let _ = || {
                $crate::__kport_init_check!(($($t)*) [] $($fields)*);
            };
            ::core::result::Result::Ok(())
        };
        // SAFETY: stub; never run.
        unsafe { $crate::init::pin_init_from_closure::<$($t)*, $err>(__kport_init) }
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __kport_init_fields {
    ($slot:ident, $data:ident;) => {};
    ($slot:ident, $data:ident; $field:ident <- $init:expr $(, $($rest:tt)*)?) => {
        let __kport_field_init = $init;
        // SAFETY: stub; never run.
        unsafe { $data.$field(::core::ptr::addr_of_mut!((*$slot).$field), __kport_field_init)? };
        $crate::__kport_init_fields!($slot, $data; $($($rest)*)?);
    };
    ($slot:ident, $data:ident; $field:ident : $val:expr $(, $($rest:tt)*)?) => {
        let __kport_field_value = $val;
        // SAFETY: stub; never run.
        unsafe { ::core::ptr::addr_of_mut!((*$slot).$field).write(__kport_field_value) };
        $crate::__kport_init_fields!($slot, $data; $($($rest)*)?);
    };
    ($slot:ident, $data:ident; $field:ident $(, $($rest:tt)*)?) => {
        // SAFETY: stub; never run.
        unsafe { ::core::ptr::addr_of_mut!((*$slot).$field).write($field) };
        $crate::__kport_init_fields!($slot, $data; $($($rest)*)?);
    };
}

/// `init!`'s fields: `field <- init` takes an `Init` (nothing is pinned).
#[doc(hidden)]
#[macro_export]
macro_rules! __kport_init_fields_unpinned {
    ($slot:ident;) => {};
    ($slot:ident; $field:ident <- $init:expr $(, $($rest:tt)*)?) => {
        let __kport_field_init = $init;
        // SAFETY: stub; never run.
        unsafe { $crate::init::Init::__init(__kport_field_init, ::core::ptr::addr_of_mut!((*$slot).$field))? };
        $crate::__kport_init_fields_unpinned!($slot; $($($rest)*)?);
    };
    ($slot:ident; $field:ident : $val:expr $(, $($rest:tt)*)?) => {
        let __kport_field_value = $val;
        // SAFETY: stub; never run.
        unsafe { ::core::ptr::addr_of_mut!((*$slot).$field).write(__kport_field_value) };
        $crate::__kport_init_fields_unpinned!($slot; $($($rest)*)?);
    };
    ($slot:ident; $field:ident $(, $($rest:tt)*)?) => {
        // SAFETY: stub; never run.
        unsafe { ::core::ptr::addr_of_mut!((*$slot).$field).write($field) };
        $crate::__kport_init_fields_unpinned!($slot; $($($rest)*)?);
    };
}

/// Every field named exactly once: a struct literal with all of them must type-check.
#[doc(hidden)]
#[macro_export]
macro_rules! __kport_init_check {
    (($($t:tt)*) [$($done:ident)*]) => {
        let _: $($t)* = $($t)* { $($done: ::core::panic!(),)* };
    };
    (($($t:tt)*) [$($done:ident)*] $field:ident <- $init:expr $(, $($rest:tt)*)?) => {
        $crate::__kport_init_check!(($($t)*) [$($done)* $field] $($($rest)*)?)
    };
    (($($t:tt)*) [$($done:ident)*] $field:ident : $val:expr $(, $($rest:tt)*)?) => {
        $crate::__kport_init_check!(($($t)*) [$($done)* $field] $($($rest)*)?)
    };
    (($($t:tt)*) [$($done:ident)*] $field:ident $(, $($rest:tt)*)?) => {
        $crate::__kport_init_check!(($($t)*) [$($done)* $field] $($($rest)*)?)
    };
}

// ---------------------------------------------------------------------------
// rust/kernel/device.rs (only what a misc device uses: `Device`, the `dev_*!` macros)
// ---------------------------------------------------------------------------
pub mod device {
    /// device.rs: `#[repr(transparent)] pub struct Device(Opaque<bindings::device>)`,
    /// always reference counted (`ARef<Device>`).
    #[repr(transparent)]
    pub struct Device(crate::types::Opaque<[u8; 0]>);
    unsafe impl Send for Device {}
    unsafe impl Sync for Device {}
    unsafe impl crate::sync::aref::AlwaysRefCounted for Device {
        fn inc_ref(&self) {}
        unsafe fn dec_ref(obj: core::ptr::NonNull<Self>) {}
    }
    macro_rules! printk_methods {
        ($($name:ident)*) => {
            impl Device {
                $(
                    /// device.rs: `pub fn pr_*(&self, args: fmt::Arguments<'_>)` (what `dev_*!` call).
                    pub fn $name(&self, args: core::fmt::Arguments<'_>) {}
                )*
            }
        };
    }
    printk_methods!(pr_emerg pr_alert pr_crit pr_err pr_warn pr_notice pr_info pr_dbg);
}

/// device.rs `dev_printk!`: `($dev).$method(fmt!(..))`.
#[doc(hidden)]
#[macro_export]
macro_rules! dev_printk {
    ($method:ident, $dev:expr, $($f:tt)*) => {
        {
            ($dev).$method($crate::prelude::fmt!($($f)*));
        }
    };
}
#[macro_export]
macro_rules! dev_emerg { ($($f:tt)*) => { $crate::dev_printk!(pr_emerg, $($f)*); } }
#[macro_export]
macro_rules! dev_alert { ($($f:tt)*) => { $crate::dev_printk!(pr_alert, $($f)*); } }
#[macro_export]
macro_rules! dev_crit { ($($f:tt)*) => { $crate::dev_printk!(pr_crit, $($f)*); } }
#[macro_export]
macro_rules! dev_err { ($($f:tt)*) => { $crate::dev_printk!(pr_err, $($f)*); } }
#[macro_export]
macro_rules! dev_warn { ($($f:tt)*) => { $crate::dev_printk!(pr_warn, $($f)*); } }
#[macro_export]
macro_rules! dev_notice { ($($f:tt)*) => { $crate::dev_printk!(pr_notice, $($f)*); } }
#[macro_export]
macro_rules! dev_info { ($($f:tt)*) => { $crate::dev_printk!(pr_info, $($f)*); } }
#[macro_export]
macro_rules! dev_dbg { ($($f:tt)*) => { $crate::dev_printk!(pr_dbg, $($f)*); } }

// ---------------------------------------------------------------------------
// rust/kernel/ioctl.rs, rust/kernel/uaccess.rs, rust/kernel/transmute.rs
// (what a misc device's `ioctl` uses)
// ---------------------------------------------------------------------------
#[allow(non_snake_case)]
pub mod ioctl {
    //! ioctl.rs: the `_IO*` number builders (APPROXIMATION: x86 `asm-generic` layout).
    const fn _IOC(dir: u32, ty: u32, nr: u32, size: usize) -> u32 {
        (dir << 30) | (ty << 8) | nr | ((size as u32) << 16)
    }
    /// `pub const fn _IO(ty: u32, nr: u32) -> u32`
    pub const fn _IO(ty: u32, nr: u32) -> u32 {
        _IOC(0, ty, nr, 0)
    }
    /// `pub const fn _IOR<T>(ty: u32, nr: u32) -> u32`
    pub const fn _IOR<T>(ty: u32, nr: u32) -> u32 {
        _IOC(2, ty, nr, core::mem::size_of::<T>())
    }
    /// `pub const fn _IOW<T>(ty: u32, nr: u32) -> u32`
    pub const fn _IOW<T>(ty: u32, nr: u32) -> u32 {
        _IOC(1, ty, nr, core::mem::size_of::<T>())
    }
    /// `pub const fn _IOWR<T>(ty: u32, nr: u32) -> u32`
    pub const fn _IOWR<T>(ty: u32, nr: u32) -> u32 {
        _IOC(3, ty, nr, core::mem::size_of::<T>())
    }
    pub const fn _IOC_DIR(nr: u32) -> u32 {
        nr >> 30
    }
    pub const fn _IOC_TYPE(nr: u32) -> u32 {
        (nr >> 8) & 0xff
    }
    pub const fn _IOC_NR(nr: u32) -> u32 {
        nr & 0xff
    }
    /// `pub const fn _IOC_SIZE(nr: u32) -> usize`
    pub const fn _IOC_SIZE(nr: u32) -> usize {
        ((nr >> 16) & 0x3fff) as usize
    }
}

pub mod transmute {
    //! transmute.rs: `FromBytes` (any bit pattern is valid) and `AsBytes` (no padding).
    pub unsafe trait FromBytes {}
    pub unsafe trait AsBytes {}
    macro_rules! impl_both {
        ($($t:ty),*) => {$(
            unsafe impl FromBytes for $t {}
            unsafe impl AsBytes for $t {}
        )*};
    }
    impl_both!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);
    unsafe impl<T: FromBytes> FromBytes for [T] {}
    unsafe impl<T: FromBytes, const N: usize> FromBytes for [T; N] {}
    unsafe impl<T: AsBytes> AsBytes for [T] {}
    unsafe impl<T: AsBytes, const N: usize> AsBytes for [T; N] {}
    unsafe impl AsBytes for bool {}
    unsafe impl AsBytes for char {}
    unsafe impl AsBytes for str {}
}

pub mod uaccess {
    //! uaccess.rs: checked copies from and to user memory.
    use crate::alloc::{Allocator, Flags, Vec};
    use crate::error::Result;
    use crate::transmute::{AsBytes, FromBytes};

    /// mainline uaccess.rs: `#[repr(transparent)] pub struct UserPtr(*mut c_void)` (in the prelude).
    #[cfg(kport_has = "cstr_core")]
    #[repr(transparent)]
    #[derive(Copy, Clone)]
    pub struct UserPtr(*mut core::ffi::c_void);
    #[cfg(kport_has = "cstr_core")]
    impl UserPtr {
        /// `pub fn from_addr(addr: usize) -> Self`
        pub fn from_addr(addr: usize) -> Self {
            Self(addr as *mut core::ffi::c_void)
        }
        pub fn from_ptr(addr: *mut core::ffi::c_void) -> Self {
            Self(addr)
        }
        pub fn as_const_ptr(self) -> *const core::ffi::c_void {
            self.0
        }
        pub fn as_mut_ptr(self) -> *mut core::ffi::c_void {
            self.0
        }
    }
    /// v6.13 uaccess.rs: `pub type UserPtr = usize;`
    #[cfg(not(kport_has = "cstr_core"))]
    pub type UserPtr = usize;

    /// `pub struct UserSlice { ptr: UserPtr, length: usize }`
    pub struct UserSlice {
        ptr: UserPtr,
        length: usize,
    }
    impl UserSlice {
        /// `pub fn new(ptr: UserPtr, length: usize) -> Self`
        pub fn new(ptr: UserPtr, length: usize) -> Self {
            UserSlice { ptr, length }
        }
        /// `pub fn read_all<A: Allocator>(self, buf: &mut Vec<u8, A>, flags: Flags) -> Result`
        pub fn read_all<A: Allocator>(self, buf: &mut Vec<u8, A>, flags: Flags) -> Result {
            self.reader().read_all(buf, flags)
        }
        pub fn reader(self) -> UserSliceReader {
            UserSliceReader { ptr: self.ptr, length: self.length }
        }
        pub fn writer(self) -> UserSliceWriter {
            UserSliceWriter { ptr: self.ptr, length: self.length }
        }
        pub fn reader_writer(self) -> (UserSliceReader, UserSliceWriter) {
            (UserSliceReader { ptr: self.ptr, length: self.length }, UserSliceWriter { ptr: self.ptr, length: self.length })
        }
    }
    /// `pub struct UserSliceReader`
    pub struct UserSliceReader {
        ptr: UserPtr,
        length: usize,
    }
    impl UserSliceReader {
        pub fn skip(&mut self, num_skip: usize) -> Result {
            unimplemented!()
        }
        pub fn len(&self) -> usize {
            self.length
        }
        pub fn is_empty(&self) -> bool {
            self.length == 0
        }
        pub fn read_slice(&mut self, out: &mut [u8]) -> Result {
            unimplemented!()
        }
        /// `pub fn read<T: FromBytes>(&mut self) -> Result<T>`
        pub fn read<T: FromBytes>(&mut self) -> Result<T> {
            unimplemented!()
        }
        pub fn read_all<A: Allocator>(self, buf: &mut Vec<u8, A>, flags: Flags) -> Result {
            unimplemented!()
        }
    }
    /// `pub struct UserSliceWriter`
    pub struct UserSliceWriter {
        ptr: UserPtr,
        length: usize,
    }
    impl UserSliceWriter {
        pub fn len(&self) -> usize {
            self.length
        }
        pub fn is_empty(&self) -> bool {
            self.length == 0
        }
        pub fn write_slice(&mut self, data: &[u8]) -> Result {
            unimplemented!()
        }
        /// `pub fn write<T: AsBytes>(&mut self, value: &T) -> Result`
        pub fn write<T: AsBytes>(&mut self, value: &T) -> Result {
            unimplemented!()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/fs.rs, fs/file.rs, fs/kiocb.rs
// ---------------------------------------------------------------------------
pub mod fs {
    /// fs/file.rs: `#[repr(transparent)] pub struct File { inner: Opaque<bindings::file> }`.
    #[repr(transparent)]
    pub struct File {
        inner: crate::types::Opaque<[u8; 0]>,
    }
    unsafe impl Send for File {}
    unsafe impl Sync for File {}
    impl File {
        /// file.rs: `pub fn as_ptr(&self) -> *mut bindings::file` (APPROXIMATION: `*mut c_void`).
        pub fn as_ptr(&self) -> *mut core::ffi::c_void {
            self.inner.get().cast()
        }
        /// file.rs: `pub fn flags(&self) -> u32`.
        pub fn flags(&self) -> u32 {
            unimplemented!()
        }
    }
    /// fs/file.rs: `pub struct LocalFile` (a `File` not shared across threads).
    #[repr(transparent)]
    pub struct LocalFile {
        inner: crate::types::Opaque<[u8; 0]>,
    }
    impl LocalFile {
        pub fn flags(&self) -> u32 {
            unimplemented!()
        }
    }

    /// fs/kiocb.rs (mainline: "rust: miscdevice: Provide additional abstractions for
    /// iov_iter and kiocb structures", iov-iter v4, Aug 2025, first released in 6.18).
    #[cfg(kport_has = "iov_kiocb")]
    pub use self::kiocb::Kiocb;
    #[cfg(kport_has = "iov_kiocb")]
    mod kiocb {
        use crate::types::ForeignOwnable;
        use core::marker::PhantomData;
        use core::ptr::NonNull;

        /// kiocb.rs: `pub struct Kiocb<'a, T> { inner: NonNull<bindings::kiocb>, _phantom: PhantomData<&'a T> }`.
        pub struct Kiocb<'a, T> {
            inner: NonNull<core::ffi::c_void>,
            _phantom: PhantomData<&'a T>,
        }
        impl<'a, T: ForeignOwnable> Kiocb<'a, T> {
            pub unsafe fn from_raw(kiocb: *mut core::ffi::c_void) -> Self {
                unimplemented!()
            }
            pub fn as_raw(&self) -> *mut core::ffi::c_void {
                self.inner.as_ptr()
            }
            /// `pub fn file(&self) -> <T as ForeignOwnable>::Borrowed<'a>`
            pub fn file(&self) -> <T as ForeignOwnable>::Borrowed<'a> {
                unimplemented!()
            }
            /// `pub fn ki_pos(&self) -> i64`
            pub fn ki_pos(&self) -> i64 {
                unimplemented!()
            }
            /// `pub fn ki_pos_mut(&mut self) -> &mut i64`
            pub fn ki_pos_mut(&mut self) -> &mut i64 {
                unimplemented!()
            }
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/iov.rs (mainline only: first released in 6.18 with the
// read_iter/write_iter misc device callbacks)
// ---------------------------------------------------------------------------
#[cfg(kport_has = "iov_kiocb")]
pub mod iov {
    use crate::alloc::{Allocator, Flags, Vec};
    use crate::error::Result;
    use core::marker::PhantomData;
    use core::mem::MaybeUninit;

    /// iov.rs: `#[repr(transparent)] pub struct IovIterSource<'data>` (not `Send`).
    #[repr(transparent)]
    pub struct IovIterSource<'data> {
        iov: crate::types::Opaque<[u8; 0]>,
        _source: PhantomData<&'data [u8]>,
        _not_send: crate::types::NotThreadSafe,
    }
    impl<'data> IovIterSource<'data> {
        pub unsafe fn from_raw<'iov>(ptr: *mut core::ffi::c_void) -> &'iov mut IovIterSource<'data> {
            unimplemented!()
        }
        pub fn as_raw(&mut self) -> *mut core::ffi::c_void {
            unimplemented!()
        }
        /// `pub fn len(&self) -> usize`
        pub fn len(&self) -> usize {
            unimplemented!()
        }
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
        pub fn advance(&mut self, bytes: usize) {}
        pub unsafe fn revert(&mut self, bytes: usize) {}
        /// `pub fn copy_from_iter(&mut self, out: &mut [u8]) -> usize`
        pub fn copy_from_iter(&mut self, out: &mut [u8]) -> usize {
            unimplemented!()
        }
        /// `pub fn copy_from_iter_vec<A: Allocator>(&mut self, out: &mut Vec<u8, A>, flags: Flags) -> Result<usize>`
        pub fn copy_from_iter_vec<A: Allocator>(&mut self, out: &mut Vec<u8, A>, flags: Flags) -> Result<usize> {
            unimplemented!()
        }
        /// `pub fn copy_from_iter_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> &mut [u8]`
        pub fn copy_from_iter_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> &mut [u8] {
            unimplemented!()
        }
    }

    /// iov.rs: `#[repr(transparent)] pub struct IovIterDest<'data>` (not `Send`).
    #[repr(transparent)]
    pub struct IovIterDest<'data> {
        iov: crate::types::Opaque<[u8; 0]>,
        _source: PhantomData<&'data mut [u8]>,
        _not_send: crate::types::NotThreadSafe,
    }
    impl<'data> IovIterDest<'data> {
        pub unsafe fn from_raw<'iov>(ptr: *mut core::ffi::c_void) -> &'iov mut IovIterDest<'data> {
            unimplemented!()
        }
        pub fn as_raw(&mut self) -> *mut core::ffi::c_void {
            unimplemented!()
        }
        pub fn len(&self) -> usize {
            unimplemented!()
        }
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
        pub fn advance(&mut self, bytes: usize) {}
        pub unsafe fn revert(&mut self, bytes: usize) {}
        /// `pub fn copy_to_iter(&mut self, input: &[u8]) -> usize`
        pub fn copy_to_iter(&mut self, input: &[u8]) -> usize {
            unimplemented!()
        }
        /// `pub fn simple_read_from_buffer(&mut self, ppos: &mut i64, contents: &[u8]) -> Result<usize>`
        pub fn simple_read_from_buffer(&mut self, ppos: &mut i64, contents: &[u8]) -> Result<usize> {
            unimplemented!()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/miscdevice.rs (since 6.13; read_iter/write_iter since 6.18)
// ---------------------------------------------------------------------------
pub mod miscdevice {
    use crate::error::{Error, Result};
    use crate::fs::File;
    use crate::init::PinInit;
    use crate::str::CStr;
    use crate::types::{ForeignOwnable, Opaque};
    use core::marker::PhantomData;

    /// `#[derive(Copy, Clone)] pub struct MiscDeviceOptions { pub name: &'static CStr }`
    #[derive(Copy, Clone)]
    pub struct MiscDeviceOptions {
        pub name: &'static CStr,
    }

    /// `#[repr(transparent)] #[pin_data(PinnedDrop)] pub struct MiscDeviceRegistration<T>`:
    /// pinned (create it with `KBox::pin_init` or `<-` in `try_pin_init!`), deregisters on drop.
    #[repr(transparent)]
    pub struct MiscDeviceRegistration<T> {
        inner: Opaque<[u8; 0]>,
        _t: PhantomData<T>,
    }
    unsafe impl<T> Send for MiscDeviceRegistration<T> {}
    unsafe impl<T> Sync for MiscDeviceRegistration<T> {}
    // The kernel's `#[pin_data(PinnedDrop)]`: a structurally pinned field, usable with `<-`.
    const _: () = {
        pub struct __ThePinData<T>(PhantomData<fn(T) -> T>);
        impl<T> Clone for __ThePinData<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T> Copy for __ThePinData<T> {}
        unsafe impl<T> crate::init::__internal::HasPinData for MiscDeviceRegistration<T> {
            type PinData = __ThePinData<T>;
            unsafe fn __pin_data() -> Self::PinData {
                __ThePinData(PhantomData)
            }
        }
    };
    impl<T> Drop for MiscDeviceRegistration<T> {
        fn drop(&mut self) {}
    }

    impl<T: MiscDevice> MiscDeviceRegistration<T> {
        /// `pub fn register(opts: MiscDeviceOptions) -> impl PinInit<Self, Error>`
        pub fn register(opts: MiscDeviceOptions) -> impl PinInit<Self, Error> {
            // SAFETY: stub; never run.
            unsafe { crate::init::pin_init_from_closure(move |slot: *mut Self| -> Result { unimplemented!() }) }
        }
        /// `pub fn as_raw(&self) -> *mut bindings::miscdevice` (APPROXIMATION: `*mut c_void`).
        pub fn as_raw(&self) -> *mut core::ffi::c_void {
            self.inner.get().cast()
        }
        /// `pub fn device(&self) -> &Device` (the misc device's `this_device`).
        pub fn device(&self) -> &crate::device::Device {
            unimplemented!()
        }
    }

    /// `#[vtable] pub trait MiscDevice: Sized`. APPROXIMATION: on `v6.13` this is the 6.14+
    /// trait (6.13 had `open(_file: &File)` without the registration). `mmap` (needs `VmaNew`)
    /// and `show_fdinfo` (needs `SeqFile`) are not modelled; `read_iter`
    /// and `write_iter` exist on mainline only (6.18 on).
    #[macros::vtable]
    pub trait MiscDevice: Sized {
        /// `type Ptr: ForeignOwnable + Send + Sync;`
        type Ptr: ForeignOwnable + Send + Sync;
        /// `fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;`
        fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;
        /// `fn release(device: Self::Ptr, _file: &File)`
        fn release(device: Self::Ptr, _file: &File) {
            drop(device);
        }
        /// `fn read_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterDest<'_>) -> Result<usize>`
        #[cfg(kport_has = "iov_kiocb")]
        fn read_iter(_kiocb: crate::fs::Kiocb<'_, Self::Ptr>, _iov: &mut crate::iov::IovIterDest<'_>) -> Result<usize> {
            unimplemented!()
        }
        /// `fn write_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterSource<'_>) -> Result<usize>`
        #[cfg(kport_has = "iov_kiocb")]
        fn write_iter(_kiocb: crate::fs::Kiocb<'_, Self::Ptr>, _iov: &mut crate::iov::IovIterSource<'_>) -> Result<usize> {
            unimplemented!()
        }
        /// `fn ioctl(_device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>, _file: &File, _cmd: u32, _arg: usize) -> Result<isize>`
        fn ioctl(_device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>, _file: &File, _cmd: u32, _arg: usize) -> Result<isize> {
            unimplemented!()
        }
        /// `#[cfg(CONFIG_COMPAT)] fn compat_ioctl(..) -> Result<isize>` (as `ioctl`; 64-bit kernels
        /// with 32-bit userspace, so present in the usual x86_64/arm64 configs).
        fn compat_ioctl(_device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>, _file: &File, _cmd: u32, _arg: usize) -> Result<isize> {
            unimplemented!()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/rbtree.rs (mainline: read at 2ad6c5cdc89a). `is_empty` came with
// "rust: rbtree: add is_empty" (Alice Ryhl, posted 2025-06-16 on v6.16-rc1, so
// 6.17); the immutable `Cursor` with "rust: rbtree: add immutable cursor"
// (Vitaly Wool, v4 2025-09, merged for 6.19), which renamed the `CursorMut`
// constructors to `cursor_front_mut`/`cursor_back_mut`/`cursor_lower_bound_mut`.
// `v6.13` (6.13-6.18) has the older names, returning a `CursorMut`, and no
// `is_empty` (not on 6.13-6.16).
// ---------------------------------------------------------------------------
pub mod rbtree {
    use crate::alloc::Flags;
    use crate::error::Result;
    use core::marker::PhantomData;

    /// `pub struct RBTree<K, V>`: the kernel's ordered map (red-black tree).
    pub struct RBTree<K, V> {
        _p: PhantomData<(K, V)>,
    }
    unsafe impl<K: Send, V: Send> Send for RBTree<K, V> {}
    unsafe impl<K: Sync, V: Sync> Sync for RBTree<K, V> {}

    /// `pub struct RBTreeNode<K, V>`: an allocated node, inserted without allocating.
    pub struct RBTreeNode<K, V> {
        _p: PhantomData<(K, V)>,
    }
    impl<K, V> RBTreeNode<K, V> {
        /// `pub fn new(key: K, value: V, flags: Flags) -> Result<RBTreeNode<K, V>>`
        pub fn new(key: K, value: V, flags: Flags) -> Result<RBTreeNode<K, V>> {
            unimplemented!()
        }
        /// `pub fn to_key_value(self) -> (K, V)`
        pub fn to_key_value(self) -> (K, V) {
            unimplemented!()
        }
        /// `pub fn into_reservation(self) -> RBTreeNodeReservation<K, V>`
        pub fn into_reservation(self) -> RBTreeNodeReservation<K, V> {
            unimplemented!()
        }
    }
    /// `pub struct RBTreeNodeReservation<K, V>`: memory for one node.
    pub struct RBTreeNodeReservation<K, V> {
        _p: PhantomData<(K, V)>,
    }
    impl<K, V> RBTreeNodeReservation<K, V> {
        /// `pub fn new(flags: Flags) -> Result<RBTreeNodeReservation<K, V>>`
        pub fn new(flags: Flags) -> Result<RBTreeNodeReservation<K, V>> {
            unimplemented!()
        }
        /// `pub fn into_node(self, key: K, value: V) -> RBTreeNode<K, V>`
        pub fn into_node(self, key: K, value: V) -> RBTreeNode<K, V> {
            unimplemented!()
        }
    }

    impl<K, V> RBTree<K, V> {
        /// `pub fn new() -> Self`
        pub fn new() -> Self {
            Self { _p: PhantomData }
        }
        /// mainline: `pub fn is_empty(&self) -> bool` (no `len`: counting needs a walk).
        #[cfg(kport_has = "rbtree_is_empty")]
        pub fn is_empty(&self) -> bool {
            unimplemented!()
        }
        /// `pub fn iter(&self) -> Iter<'_, K, V>` (sorted by key)
        pub fn iter(&self) -> Iter<'_, K, V> {
            unimplemented!()
        }
        /// `pub fn iter_mut(&mut self) -> IterMut<'_, K, V>`
        pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
            unimplemented!()
        }
        /// `pub fn keys(&self) -> impl Iterator<Item = &'_ K>`
        pub fn keys(&self) -> impl Iterator<Item = &'_ K> {
            self.iter().map(|(k, _)| k)
        }
        /// `pub fn values(&self) -> impl Iterator<Item = &'_ V>`
        pub fn values(&self) -> impl Iterator<Item = &'_ V> {
            self.iter().map(|(_, v)| v)
        }
        /// `pub fn values_mut(&mut self) -> impl Iterator<Item = &'_ mut V>`
        pub fn values_mut(&mut self) -> impl Iterator<Item = &'_ mut V> {
            self.iter_mut().map(|(_, v)| v)
        }
        /// mainline: `pub fn cursor_front_mut(&mut self) -> Option<CursorMut<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_front_mut(&mut self) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
        /// mainline: `pub fn cursor_front(&self) -> Option<Cursor<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_front(&self) -> Option<Cursor<'_, K, V>> {
            unimplemented!()
        }
        /// mainline: `pub fn cursor_back_mut(&mut self) -> Option<CursorMut<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_back_mut(&mut self) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
        /// mainline: `pub fn cursor_back(&self) -> Option<Cursor<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_back(&self) -> Option<Cursor<'_, K, V>> {
            unimplemented!()
        }
        /// 6.12-6.18: `pub fn cursor_front(&mut self) -> Option<CursorMut<'_, K, V>>`
        #[cfg(not(kport_has = "rbtree_cursor"))]
        pub fn cursor_front(&mut self) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
        /// 6.12-6.18: `pub fn cursor_back(&mut self) -> Option<CursorMut<'_, K, V>>`
        #[cfg(not(kport_has = "rbtree_cursor"))]
        pub fn cursor_back(&mut self) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
    }
    impl<K: Ord, V> RBTree<K, V> {
        /// `pub fn try_create_and_insert(&mut self, key: K, value: V, flags: Flags) -> Result<Option<RBTreeNode<K, V>>>`
        pub fn try_create_and_insert(&mut self, key: K, value: V, flags: Flags) -> Result<Option<RBTreeNode<K, V>>> {
            unimplemented!()
        }
        /// `pub fn insert(&mut self, node: RBTreeNode<K, V>) -> Option<RBTreeNode<K, V>>`
        pub fn insert(&mut self, node: RBTreeNode<K, V>) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        /// `pub fn entry(&mut self, key: K) -> Entry<'_, K, V>`
        pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
            unimplemented!()
        }
        /// `pub fn find_mut(&mut self, key: &K) -> Option<OccupiedEntry<'_, K, V>>`
        pub fn find_mut(&mut self, key: &K) -> Option<OccupiedEntry<'_, K, V>> {
            unimplemented!()
        }
        /// `pub fn get(&self, key: &K) -> Option<&V>`
        pub fn get(&self, key: &K) -> Option<&V> {
            unimplemented!()
        }
        /// `pub fn get_mut(&mut self, key: &K) -> Option<&mut V>`
        pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
            unimplemented!()
        }
        /// `pub fn remove_node(&mut self, key: &K) -> Option<RBTreeNode<K, V>>`
        pub fn remove_node(&mut self, key: &K) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        /// `pub fn remove(&mut self, key: &K) -> Option<V>`
        pub fn remove(&mut self, key: &K) -> Option<V> {
            unimplemented!()
        }
        /// mainline: `pub fn cursor_lower_bound_mut(&mut self, key: &K) -> Option<CursorMut<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_lower_bound_mut(&mut self, key: &K) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
        /// mainline: `pub fn cursor_lower_bound(&self, key: &K) -> Option<Cursor<'_, K, V>>`
        #[cfg(kport_has = "rbtree_cursor")]
        pub fn cursor_lower_bound(&self, key: &K) -> Option<Cursor<'_, K, V>> {
            unimplemented!()
        }
        /// 6.12-6.18: `pub fn cursor_lower_bound(&mut self, key: &K) -> Option<CursorMut<'_, K, V>>`
        #[cfg(not(kport_has = "rbtree_cursor"))]
        pub fn cursor_lower_bound(&mut self, key: &K) -> Option<CursorMut<'_, K, V>> {
            unimplemented!()
        }
    }
    impl<K, V> Default for RBTree<K, V> {
        fn default() -> Self {
            Self::new()
        }
    }
    impl<K, V> Drop for RBTree<K, V> {
        fn drop(&mut self) {}
    }

    /// `pub struct CursorMut<'a, K, V>`: a bidirectional cursor that can change values and remove nodes.
    pub struct CursorMut<'a, K, V> {
        _tree: PhantomData<&'a mut RBTree<K, V>>,
    }
    impl<'a, K, V> CursorMut<'a, K, V> {
        /// `pub fn current(&self) -> (&K, &V)`
        pub fn current(&self) -> (&K, &V) {
            unimplemented!()
        }
        /// `pub fn current_mut(&mut self) -> (&K, &mut V)`
        pub fn current_mut(&mut self) -> (&K, &mut V) {
            unimplemented!()
        }
        /// `pub fn remove_current(self) -> (Option<Self>, RBTreeNode<K, V>)`
        pub fn remove_current(self) -> (Option<Self>, RBTreeNode<K, V>) {
            unimplemented!()
        }
        /// `pub fn remove_prev(&mut self) -> Option<RBTreeNode<K, V>>`
        pub fn remove_prev(&mut self) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        /// `pub fn remove_next(&mut self) -> Option<RBTreeNode<K, V>>`
        pub fn remove_next(&mut self) -> Option<RBTreeNode<K, V>> {
            unimplemented!()
        }
        /// `pub fn move_prev(self) -> Option<Self>`
        pub fn move_prev(self) -> Option<Self> {
            unimplemented!()
        }
        /// `pub fn move_next(self) -> Option<Self>`
        pub fn move_next(self) -> Option<Self> {
            unimplemented!()
        }
        /// `pub fn peek_prev(&self) -> Option<(&K, &V)>`
        pub fn peek_prev(&self) -> Option<(&K, &V)> {
            unimplemented!()
        }
        /// `pub fn peek_next(&self) -> Option<(&K, &V)>`
        pub fn peek_next(&self) -> Option<(&K, &V)> {
            unimplemented!()
        }
        /// `pub fn peek_prev_mut(&mut self) -> Option<(&K, &mut V)>`
        pub fn peek_prev_mut(&mut self) -> Option<(&K, &mut V)> {
            unimplemented!()
        }
        /// `pub fn peek_next_mut(&mut self) -> Option<(&K, &mut V)>`
        pub fn peek_next_mut(&mut self) -> Option<(&K, &mut V)> {
            unimplemented!()
        }
    }

    /// mainline: `pub struct Cursor<'a, K, V>`: a read-only bidirectional cursor.
    /// It has no `move_*`: only `current` and `peek_*` (rbtree.rs at 2ad6c5cdc89a).
    #[cfg(kport_has = "rbtree_cursor")]
    pub struct Cursor<'a, K, V> {
        _tree: PhantomData<&'a RBTree<K, V>>,
    }
    #[cfg(kport_has = "rbtree_cursor")]
    impl<'a, K, V> Cursor<'a, K, V> {
        /// `pub fn current(&self) -> (&K, &V)`
        pub fn current(&self) -> (&K, &V) {
            unimplemented!()
        }
        /// `pub fn peek_prev(&self) -> Option<(&K, &V)>`
        pub fn peek_prev(&self) -> Option<(&K, &V)> {
            unimplemented!()
        }
        /// `pub fn peek_next(&self) -> Option<(&K, &V)>`
        pub fn peek_next(&self) -> Option<(&K, &V)> {
            unimplemented!()
        }
    }

    /// `pub enum Entry<'a, K, V> { Vacant(VacantEntry<'a, K, V>), Occupied(OccupiedEntry<'a, K, V>) }`
    pub enum Entry<'a, K, V> {
        Vacant(VacantEntry<'a, K, V>),
        Occupied(OccupiedEntry<'a, K, V>),
    }
    /// `pub struct VacantEntry<'a, K, V>`
    pub struct VacantEntry<'a, K, V> {
        _p: PhantomData<&'a mut RBTree<K, V>>,
    }
    impl<'a, K, V> VacantEntry<'a, K, V> {
        /// `pub fn insert(self, value: V, reservation: RBTreeNodeReservation<K, V>) -> &'a mut V`
        pub fn insert(self, value: V, reservation: RBTreeNodeReservation<K, V>) -> &'a mut V {
            unimplemented!()
        }
    }
    /// `pub struct OccupiedEntry<'a, K, V>`
    pub struct OccupiedEntry<'a, K, V> {
        _p: PhantomData<&'a mut RBTree<K, V>>,
    }
    impl<'a, K, V> OccupiedEntry<'a, K, V> {
        /// `pub fn get(&self) -> &V`
        pub fn get(&self) -> &V {
            unimplemented!()
        }
        /// `pub fn get_mut(&mut self) -> &mut V`
        pub fn get_mut(&mut self) -> &mut V {
            unimplemented!()
        }
        /// `pub fn into_mut(self) -> &'a mut V`
        pub fn into_mut(self) -> &'a mut V {
            unimplemented!()
        }
        /// `pub fn remove_node(self) -> RBTreeNode<K, V>`
        pub fn remove_node(self) -> RBTreeNode<K, V> {
            unimplemented!()
        }
        /// `pub fn remove(self) -> V`
        pub fn remove(self) -> V {
            unimplemented!()
        }
    }

    /// `pub struct Iter<'a, K, V>` (created by `RBTree::iter`)
    pub struct Iter<'a, K, V> {
        _p: PhantomData<&'a (K, V)>,
    }
    impl<'a, K, V> Iterator for Iter<'a, K, V> {
        type Item = (&'a K, &'a V);
        fn next(&mut self) -> Option<Self::Item> {
            unimplemented!()
        }
    }
    /// `pub struct IterMut<'a, K, V>` (created by `RBTree::iter_mut`)
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
// rust/kernel/time.rs (+ time/delay.rs on mainline). What kport generates is
// src/kernel-api/time.ts; docs/profiles.md "Time API" gives the releases.
// ---------------------------------------------------------------------------
pub mod time {
    //! `Ktime` (6.10-6.15, `time_ktime`: the v6.13 profile), the non-generic
    //! `Instant` of 6.16 (not modelled: no clock spans the v6.15 profile's
    //! 6.15-6.16), `Instant<C>`/`Delta`/`fsleep` from 6.17 (`time_instant`),
    //! `Delta` arithmetic from 6.18, `Delta<U>` from 7.3 (`time_delta_unit`).

    /// `pub const NSEC_PER_USEC: i64` (6.16+; mainline only here).
    #[cfg(kport_has = "time_instant")]
    pub const NSEC_PER_USEC: i64 = 1_000;
    /// `pub const NSEC_PER_MSEC: i64`
    pub const NSEC_PER_MSEC: i64 = 1_000_000;
    /// `pub const NSEC_PER_SEC: i64` (6.16+; mainline only here).
    #[cfg(kport_has = "time_instant")]
    pub const NSEC_PER_SEC: i64 = 1_000_000_000;
    /// `pub type Jiffies = crate::ffi::c_ulong;`
    pub type Jiffies = core::ffi::c_ulong;
    /// `pub type Msecs = crate::ffi::c_uint;`
    pub type Msecs = core::ffi::c_uint;
    /// `pub fn msecs_to_jiffies(msecs: Msecs) -> Jiffies`
    pub fn msecs_to_jiffies(msecs: Msecs) -> Jiffies {
        unimplemented!()
    }

    /// time.rs 6.10-6.15: `#[derive(Copy, Clone)] pub struct Ktime { inner: bindings::ktime_t }`
    /// (CLOCK_MONOTONIC; "rust: time: Add Ktime", replaced by Instant/Delta in 6.16).
    #[cfg(kport_has = "time_ktime")]
    #[repr(transparent)]
    #[derive(Copy, Clone)]
    pub struct Ktime {
        inner: i64,
    }
    #[cfg(kport_has = "time_ktime")]
    impl Ktime {
        /// `pub fn from_raw(inner: bindings::ktime_t) -> Self` (APPROXIMATION: `ktime_t` is `i64`)
        pub fn from_raw(inner: i64) -> Self {
            Self { inner }
        }
        /// `pub fn ktime_get() -> Self`
        pub fn ktime_get() -> Self {
            unimplemented!()
        }
        /// `pub fn to_raw(self) -> bindings::ktime_t`
        pub fn to_raw(self) -> i64 {
            self.inner
        }
        /// `pub fn to_ns(self) -> i64`
        pub fn to_ns(self) -> i64 {
            self.inner
        }
        /// `pub fn to_ms(self) -> i64`
        pub fn to_ms(self) -> i64 {
            unimplemented!()
        }
    }
    /// `impl core::ops::Sub for Ktime { type Output = Ktime; }`
    #[cfg(kport_has = "time_ktime")]
    impl core::ops::Sub for Ktime {
        type Output = Ktime;
        fn sub(self, other: Ktime) -> Ktime {
            unimplemented!()
        }
    }
    /// `pub fn ktime_ms_delta(later: Ktime, earlier: Ktime) -> i64`
    #[cfg(kport_has = "time_ktime")]
    pub fn ktime_ms_delta(later: Ktime, earlier: Ktime) -> i64 {
        unimplemented!()
    }

    /// mainline time.rs: `pub trait ClockSource { const ID: bindings::clockid_t; fn ktime_get() -> bindings::ktime_t; }`
    /// (APPROXIMATION: `clockid_t` is `c_int`, `ktime_t` is `i64`, written out).
    #[cfg(kport_has = "time_instant")]
    pub trait ClockSource {
        const ID: core::ffi::c_int;
        fn ktime_get() -> i64;
    }
    /// mainline time.rs clock sources (`CLOCK_MONOTONIC`, `CLOCK_REALTIME`, `CLOCK_BOOTTIME`, `CLOCK_TAI`).
    #[cfg(kport_has = "time_instant")]
    pub struct Monotonic;
    #[cfg(kport_has = "time_instant")]
    pub struct RealTime;
    #[cfg(kport_has = "time_instant")]
    pub struct BootTime;
    #[cfg(kport_has = "time_instant")]
    pub struct Tai;
    #[cfg(kport_has = "time_instant")]
    impl ClockSource for Monotonic {
        const ID: core::ffi::c_int = 1;
        fn ktime_get() -> i64 {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_instant")]
    impl ClockSource for RealTime {
        const ID: core::ffi::c_int = 0;
        fn ktime_get() -> i64 {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_instant")]
    impl ClockSource for BootTime {
        const ID: core::ffi::c_int = 7;
        fn ktime_get() -> i64 {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_instant")]
    impl ClockSource for Tai {
        const ID: core::ffi::c_int = 11;
        fn ktime_get() -> i64 {
            unimplemented!()
        }
    }
    /// mainline time.rs: `#[repr(transparent)] #[derive(PartialEq, PartialOrd, Eq, Ord)] pub struct Instant<C: ClockSource>`
    /// (the derives bound `C` too, as in the kernel: `Instant<Monotonic>` has no `==`).
    #[cfg(kport_has = "time_instant")]
    #[repr(transparent)]
    #[derive(PartialEq, PartialOrd, Eq, Ord)]
    pub struct Instant<C: ClockSource> {
        inner: i64,
        _c: core::marker::PhantomData<C>,
    }
    #[cfg(kport_has = "time_instant")]
    impl<C: ClockSource> Clone for Instant<C> {
        fn clone(&self) -> Self {
            *self
        }
    }
    #[cfg(kport_has = "time_instant")]
    impl<C: ClockSource> Copy for Instant<C> {}
    #[cfg(kport_has = "time_instant")]
    impl<C: ClockSource> Instant<C> {
        /// `pub fn now() -> Self`
        pub fn now() -> Self {
            unimplemented!()
        }
        /// `pub fn elapsed(&self) -> Delta`
        pub fn elapsed(&self) -> Delta {
            unimplemented!()
        }
    }
    /// `impl<C: ClockSource> ops::Sub for Instant<C> { type Output = Delta; }`
    #[cfg(kport_has = "time_instant")]
    impl<C: ClockSource> core::ops::Sub for Instant<C> {
        type Output = Delta;
        fn sub(self, other: Instant<C>) -> Delta {
            unimplemented!()
        }
    }
    /// `impl<T: ClockSource> ops::Add<Delta> for Instant<T>` (6.18+)
    #[cfg(kport_has = "time_delta_ops")]
    impl<T: ClockSource> core::ops::Add<Delta> for Instant<T> {
        type Output = Self;
        fn add(self, rhs: Delta) -> Self {
            unimplemented!()
        }
    }
    /// `impl<T: ClockSource> ops::Sub<Delta> for Instant<T>` (6.18+)
    #[cfg(kport_has = "time_delta_ops")]
    impl<T: ClockSource> core::ops::Sub<Delta> for Instant<T> {
        type Output = Self;
        fn sub(self, rhs: Delta) -> Self {
            unimplemented!()
        }
    }
    /// mainline time.rs: `mod private { pub trait Sealed {} }` (only `Nsec` and `Jiffy` are time units).
    #[cfg(kport_has = "time_delta_unit")]
    mod private {
        pub trait Sealed {}
        impl Sealed for super::Nsec {}
        impl Sealed for super::Jiffy {}
    }
    /// mainline time.rs: `pub trait TimeUnit: private::Sealed { type Repr: Copy + Clone + PartialEq
    /// + PartialOrd + Eq + Ord + core::fmt::Debug; }` (2e2203d885a3 "rust: time: make Delta generic
    /// over its time unit", 2e0d41002a27 "rust: time: add jiffies time unit for Delta", both in
    /// "Merge tag 'rust-7.3'" d24f5cdbeff8, torvalds/master 2026-08-18; time.rs read at d481d999967d).
    #[cfg(kport_has = "time_delta_unit")]
    pub trait TimeUnit: private::Sealed {
        type Repr: Copy + Clone + PartialEq + PartialOrd + Eq + Ord + core::fmt::Debug;
    }
    /// `#[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)] pub enum Nsec {}` (`Repr = i64`).
    #[cfg(kport_has = "time_delta_unit")]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub enum Nsec {}
    #[cfg(kport_has = "time_delta_unit")]
    impl TimeUnit for Nsec {
        type Repr = i64;
    }
    /// `#[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)] pub enum Jiffy {}` (`Repr = isize`).
    #[cfg(kport_has = "time_delta_unit")]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub enum Jiffy {}
    #[cfg(kport_has = "time_delta_unit")]
    impl TimeUnit for Jiffy {
        type Repr = isize;
    }
    /// mainline time.rs: `#[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    /// pub struct Delta<U: TimeUnit = Nsec> { value: U::Repr }`: a plain `Delta` is nanoseconds.
    #[cfg(kport_has = "time_delta_unit")]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub struct Delta<U: TimeUnit = Nsec> {
        value: U::Repr,
    }
    /// 6.16-7.2 time.rs: `#[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    /// pub struct Delta { nanos: i64 }` (not generic).
    #[cfg(all(kport_has = "time_instant", not(kport_has = "time_delta_unit")))]
    #[derive(Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Debug)]
    pub struct Delta {
        value: i64,
    }
    #[cfg(kport_has = "time_delta_unit")]
    impl Delta<Jiffy> {
        /// `pub const fn from_jiffies(jiffies: isize) -> Self`
        pub const fn from_jiffies(jiffies: isize) -> Self {
            Self { value: jiffies }
        }
        /// `pub const fn as_jiffies(self) -> isize`
        pub const fn as_jiffies(self) -> isize {
            self.value
        }
    }
    // Delta arithmetic (6.18+), on `Delta` (= `Delta<Nsec>`) only: Add, AddAssign, Sub,
    // SubAssign, Mul<i64>, MulAssign<i64>, Div (Output = i64).
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::Add for Delta {
        type Output = Self;
        fn add(self, rhs: Self) -> Self {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::AddAssign for Delta {
        fn add_assign(&mut self, rhs: Self) {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::Sub for Delta {
        type Output = Self;
        fn sub(self, rhs: Self) -> Self {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::SubAssign for Delta {
        fn sub_assign(&mut self, rhs: Self) {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::Mul<i64> for Delta {
        type Output = Self;
        fn mul(self, rhs: i64) -> Self {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::MulAssign<i64> for Delta {
        fn mul_assign(&mut self, rhs: i64) {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_delta_ops")]
    impl core::ops::Div for Delta {
        type Output = i64;
        fn div(self, rhs: Self) -> i64 {
            unimplemented!()
        }
    }
    #[cfg(kport_has = "time_instant")]
    impl Delta {
        /// `pub const ZERO: Self`
        pub const ZERO: Self = Self { value: 0 };
        /// `pub const fn from_nanos(nanos: i64) -> Self` (in the mainline file; kport models it
        /// from 7.3, its earlier arrival was not established: docs/profiles.md)
        #[cfg(kport_has = "time_delta_unit")]
        pub const fn from_nanos(nanos: i64) -> Self {
            Self { value: nanos }
        }
        /// `pub const fn from_micros(micros: i64) -> Self`
        pub const fn from_micros(micros: i64) -> Self {
            unimplemented!()
        }
        /// `pub const fn from_millis(millis: i64) -> Self`
        pub const fn from_millis(millis: i64) -> Self {
            unimplemented!()
        }
        /// `pub const fn from_secs(secs: i64) -> Self`
        pub const fn from_secs(secs: i64) -> Self {
            unimplemented!()
        }
        /// `pub fn is_zero(self) -> bool`
        pub fn is_zero(self) -> bool {
            unimplemented!()
        }
        /// `pub fn is_negative(self) -> bool`
        pub fn is_negative(self) -> bool {
            unimplemented!()
        }
        /// `pub const fn as_nanos(self) -> i64`
        pub const fn as_nanos(self) -> i64 {
            unimplemented!()
        }
        /// `pub fn as_micros_ceil(self) -> i64`
        pub fn as_micros_ceil(self) -> i64 {
            unimplemented!()
        }
        /// `pub fn as_millis(self) -> i64`
        pub fn as_millis(self) -> i64 {
            unimplemented!()
        }
        #[cfg(kport_has = "time_delta_unit")]
        /// `pub fn as_millis_ceil(self) -> i64` (d481d999967d "rust: time: add Delta::as_millis_ceil()", rust-7.3)
        pub fn as_millis_ceil(self) -> i64 {
            unimplemented!()
        }
        /// `pub fn rem_nanos(self, dividend: i32) -> Self` (6.18)
        #[cfg(kport_has = "time_delta_ops")]
        pub fn rem_nanos(self, dividend: i32) -> Self {
            unimplemented!()
        }
    }
    /// mainline time/delay.rs (6.17+)
    #[cfg(kport_has = "time_instant")]
    pub mod delay {
        use super::Delta;
        /// `pub fn fsleep(delta: Delta)`
        pub fn fsleep(delta: Delta) {
            unimplemented!()
        }
    }
}

// ---------------------------------------------------------------------------
// rust/kernel/module.rs (mainline) / rust/kernel/lib.rs (before 7.3)
// ---------------------------------------------------------------------------
/// `Module`, `InPlaceModule` and `ThisModule` live in `rust/kernel/module.rs` on mainline
/// (0752a2e96e13 "rust: module: move module types into `module.rs`", with `ModuleMetadata`
/// from 54f846db7b35, in "Merge tag 'rust-7.3'" d24f5cdbeff8, torvalds/master 2026-08-18;
/// read at 54f846db7b35) and stay reachable at the crate root (`kernel::Module`, and the
/// prelude's `super::ThisModule`). Before 7.3 they were defined in `rust/kernel/lib.rs`.
#[cfg(kport_has = "module_rs")]
pub mod module {
    pub use crate::module_types::{InPlaceModule, Module, ThisModule};

    /// module.rs: `pub trait ModuleMetadata { const NAME: &'static CStr; const THIS_MODULE: ThisModule; }`
    /// (implemented by `module!` for the module type).
    pub trait ModuleMetadata {
        const NAME: &'static crate::str::CStr;
        const THIS_MODULE: ThisModule;
    }
    /// module.rs: `pub const fn this_module<M: ModuleMetadata>() -> &'static ThisModule`
    pub const fn this_module<M: ModuleMetadata>() -> &'static ThisModule {
        &M::THIS_MODULE
    }
}
pub use crate::module_types::{InPlaceModule, Module, ThisModule};

mod module_types {
    use crate::{error, init};

    /// `pub trait Module: Sized + Sync + Send { fn init(module: &'static ThisModule) -> error::Result<Self>; }`
    pub trait Module: Sized + Sync + Send {
        fn init(module: &'static ThisModule) -> error::Result<Self>;
    }

    /// `pub trait InPlaceModule: Sync + Send` ("rust: add `InPlaceModule`", since 6.13):
    /// a module initialised in place in pinned memory (`module!` takes either kind; every
    /// `Module` is an `InPlaceModule`).
    pub trait InPlaceModule: Sync + Send {
        fn init(module: &'static ThisModule) -> impl init::PinInit<Self, error::Error>;
    }

    impl<T: Module> InPlaceModule for T {
        fn init(module: &'static ThisModule) -> impl init::PinInit<Self, error::Error> {
            let initer = move |slot: *mut Self| {
                let m = <Self as Module>::init(module)?;
                // SAFETY: stub; `slot` is valid for writes per `pin_init_from_closure`.
                unsafe { slot.write(m) };
                Ok(())
            };
            // SAFETY: on success `initer` initialises `Self`.
            unsafe { init::pin_init_from_closure(initer) }
        }
    }

    /// `pub struct ThisModule(*mut bindings::module)` (APPROXIMATION: `*mut c_void`).
    pub struct ThisModule(*mut core::ffi::c_void);
    unsafe impl Sync for ThisModule {}
    impl ThisModule {
        pub const unsafe fn from_ptr(ptr: *mut core::ffi::c_void) -> ThisModule {
            ThisModule(ptr)
        }
        pub const fn as_ptr(&self) -> *mut core::ffi::c_void {
            self.0
        }
    }
}

/// `module!` (rust/macros/module.rs): the keys in the kernel's fixed order,
/// strings as literals. Defines `__LOG_PREFIX` (what `pr_*!` print with) and
/// checks that the type implements `kernel::InPlaceModule` (every `Module` does).
/// mainline keys: type, name, authors, description, license, alias, firmware,
/// imports_ns, params (required: type, name, license); `author:` was removed
/// (v6.17, "rust: module: remove deprecated author key"). Since 7.0 `type` may
/// be any type ("rust: macros: allow arbitrary types to be used in `module!`
/// macro"); since 7.3 it implements `kernel::module::ModuleMetadata` for it and
/// defines no `THIS_MODULE` static any more (cdb7c5e01886 "rust: macros: remove
/// `THIS_MODULE` static from `module!`", rust-7.3).
#[cfg(kport_has = "module_rs")]
#[macro_export]
macro_rules! module {
    (
        type: $type:ty,
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
        impl $crate::module::ModuleMetadata for $type {
            const NAME: &'static $crate::str::CStr = match $crate::str::CStr::from_bytes_with_nul(::core::concat!($name, "\0").as_bytes()) {
                Ok(name) => name,
                Err(_) => panic!("module name"),
            };
            const THIS_MODULE: $crate::ThisModule = unsafe { $crate::ThisModule::from_ptr(::core::ptr::null_mut()) };
        }
        #[allow(dead_code)]
        fn __kport_module_init() -> impl $crate::init::PinInit<$type, $crate::error::Error> {
            <$type as $crate::InPlaceModule>::init($crate::module::this_module::<$type>())
        }
    };
}

/// `module!` before 7.3 (it defines the `THIS_MODULE` static; `type` is an
/// identifier before 7.0): 6.17-7.2 take `authors: [..]` only ("rust: module:
/// remove deprecated author key", applied to rust-next 2025-06-24, so 6.17).
#[cfg(all(not(kport_has = "module_rs"), kport_has = "module_authors", not(kport_has = "module_author")))]
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
        fn __kport_module_init() -> impl $crate::init::PinInit<$type, $crate::error::Error> {
            <$type as $crate::InPlaceModule>::init(&THIS_MODULE)
        }
    };
}


/// `module!` on 6.15-6.16: `author: ".."` and `authors: [..]` (38559da6afb2
/// "rust: module: introduce `authors` key", 6.15) are both accepted, in that order.
#[cfg(all(kport_has = "module_author", kport_has = "module_authors"))]
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
        fn __kport_module_init() -> impl $crate::init::PinInit<$type, $crate::error::Error> {
            <$type as $crate::InPlaceModule>::init(&THIS_MODULE)
        }
    };
}


/// `module!` on 6.13-6.14: `author: ".."` only.
#[cfg(all(kport_has = "module_author", not(kport_has = "module_authors")))]
#[macro_export]
macro_rules! module {
    (
        type: $type:ident,
        name: $name:literal
        $(, author: $author1:literal)?
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
        fn __kport_module_init() -> impl $crate::init::PinInit<$type, $crate::error::Error> {
            <$type as $crate::InPlaceModule>::init(&THIS_MODULE)
        }
    };
}


// ---------------------------------------------------------------------------
// rust/kernel/build_assert.rs, static_assert.rs (APPROXIMATION: `build_assert!`
// is checked by the kernel at link time; here it is a runtime `assert!`)
// ---------------------------------------------------------------------------
/// `static_assert!(cond)` / `static_assert!(cond, msg)`: a compile-time assertion.
#[macro_export]
macro_rules! static_assert {
    ($condition:expr $(,$arg:literal)?) => {
        const _: () = ::core::assert!($condition $(,$arg)?);
    };
}
/// `build_error!()` / `build_error!(msg)`: fails the build if it is reachable.
#[macro_export]
macro_rules! build_error {
    () => {{ ::core::panic!("build_error") }};
    ($msg:expr) => {{ ::core::panic!("{}", $msg) }};
}
/// `build_assert!(cond)` / `build_assert!(cond, msg)`.
#[macro_export]
macro_rules! build_assert {
    ($cond:expr $(,)?) => {{ if !$cond { $crate::build_error!(); } }};
    ($cond:expr, $msg:expr) => {{ if !$cond { $crate::build_error!($msg); } }};
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
    #[cfg(kport_has = "fmt_display")]
    pub use macros::fmt;
    #[cfg(not(kport_has = "fmt_display"))]
    pub use core::format_args as fmt;

    pub use crate::dbg;
    pub use crate::{pr_alert, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};
    /// prelude.rs: `pub use super::{dev_alert, dev_crit, dev_dbg, dev_emerg, dev_err, dev_info, dev_notice, dev_warn};`
    pub use crate::{dev_alert, dev_crit, dev_dbg, dev_emerg, dev_err, dev_info, dev_notice, dev_warn};
    /// mainline prelude.rs: `pub use super::uaccess::UserPtr;`
    #[cfg(kport_has = "cstr_core")]
    pub use crate::uaccess::UserPtr;

    pub use crate::error::{code::*, Error, Result};

    pub use crate::{str::CStr, ThisModule};
    /// mainline prelude.rs: `pub use super::{str::CStrExt as _, ThisModule};`
    #[cfg(kport_has = "cstr_core")]
    pub use crate::str::CStrExt as _;

    /// prelude.rs: the pin-init API (`pub use pin_init::{pin_data, pin_init, pinned_drop, Init,
    /// PinInit, ..}` on mainline, `kernel::init` before 6.15) and `#[vtable]`.
    pub use crate::init::{InPlaceInit, Init, PinInit};
    pub use crate::{init, pin_init, try_init, try_pin_init};
    /// mainline prelude.rs: `pub use pin_init::{.., InPlaceWrite, .., Zeroable}` (the trait;
    /// the derive of the same name is not modelled).
    #[cfg(kport_has = "prelude_pin_init")]
    pub use crate::init::{InPlaceWrite, Zeroable};
    /// prelude.rs: `pub use super::build_assert::{build_assert, build_error, static_assert}`.
    pub use crate::{build_assert, build_error, static_assert};
    // Not modelled from the mainline prelude: `current!`, `const_assert!` and the
    // zerocopy `FromBytes`/`IntoBytes` traits and derives.
    pub use macros::{pin_data, pinned_drop, vtable};
}
