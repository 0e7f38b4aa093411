// SPDX-License-Identifier: MIT
//! A functional userspace stand-in for the kernel's `kernel` crate, so that a
//! module ported with `kport rewrite --io miscdev` can be built as an ordinary
//! program and driven from a shell-like loop (test/miscdev-userspace.test.ts).
//!
//! This is NOT the verify stub (stub/kernel/lib.rs): that one is faithful to
//! the kernel's signatures and is only type-checked against; this one RUNS,
//! over std. It implements the subset of the kernel API that kport's ports
//! use, with the kernel's names and call shapes (fallible `push(x, flags)`,
//! `KBox::pin_init`, `MiscDevice` with `read_iter`/`write_iter`, ...), and
//! is deliberately lenient where the verify stub is strict (`module!` accepts
//! any keys after `type` and `name`; `#[vtable]` passes its item through).
//!
//! `module!` expands to a `fn main` that plays the part of the kernel and of a
//! shell (see `userspace::run`): it loads the module (`Module::init`), then for
//! every line of stdin does what `echo LINE > /dev/NAME; cat /dev/NAME` does
//! through the registered `MiscDevice` (open, write_iter, release; open,
//! read_iter until it returns 0, release), printing what was read to stdout and
//! a failed write or open to stderr, and finally unloads the module (drops it).
//! `pr_info!`, `pr_notice!` and `pr_cont!` print to stdout without the module
//! prefix, `pr_err!`/`pr_warn!`/`pr_crit!`/`pr_alert!`/`pr_emerg!` to stderr,
//! `pr_debug!` prints nothing (as a kernel built without DEBUG).
//!
//! Kernel files the names follow (mainline): rust/kernel/alloc/{kvec,kbox}.rs,
//! error.rs, fmt.rs, print.rs, str.rs, miscdevice.rs, fs/{file,kiocb}.rs,
//! iov.rs, sync/lock/{mutex,global}.rs, types.rs (ForeignOwnable), rbtree.rs, lib.rs.
#![allow(dead_code, clippy::all)]
// KBox's unsizing coercion, as rust/kernel/alloc/kbox.rs has it (built under RUSTC_BOOTSTRAP=1).
#![feature(coerce_unsized, dispatch_from_dyn, unsize)]

extern crate self as kernel;

/// For the macros below, which expand in `no_std` crates.
#[doc(hidden)]
pub use std as __std;

pub use core::ffi;

/// The `fmt!` macro (stub/macros/lib.rs, shared with the verify stub).
pub use macros::fmt;

/// What `fmt!` (stub/macros/lib.rs) expands to: its argument list, each argument
/// parsed as an expression and wrapped in `kernel::fmt::Adapter`, as the kernel's
/// proc macro does. The same macro as the verify stub's (stub/kernel/lib.rs).
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
// alloc: KVec / KBox over std's Vec / Box. Every allocation the kernel would
// make is one call of `fault::allocation`, which fails the k-th one when
// `KPORT_FAIL_ALLOC=k` (see `fault`); otherwise they never fail (std aborts on OOM).
// ---------------------------------------------------------------------------
pub mod alloc {
    use core::marker::PhantomData;

    /// Allocation-failure injection and accounting (test/alloc-sweep.test.ts).
    ///
    /// Every allocation the kernel's `alloc` code would ask its allocator for (a
    /// `realloc` of a non-zero size: `KVec` growth by the kernel's own rule, `KBox`,
    /// `Arc`, `kvec!`, `CString`) is numbered from 1. With `KPORT_FAIL_ALLOC=k` the
    /// k-th returns `Err(AllocError)` and every other succeeds; `KPORT_FAIL_ALLOC=0`
    /// fails none. Either way the run ends with a report (`userspace::report`).
    pub mod fault {
        use super::AllocError;
        use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::OnceLock;

        static COUNT: AtomicUsize = AtomicUsize::new(0);
        static INJECTED: AtomicBool = AtomicBool::new(false);
        /// Set by `fail_nth`: the allocation number (as `COUNT` counts) to fail, 0 for none.
        static ARMED: AtomicUsize = AtomicUsize::new(0);

        /// `KPORT_FAIL_ALLOC`: `None` when unset (no report), `Some(0)` to count only.
        pub fn fail_at() -> Option<usize> {
            static FAIL_AT: OnceLock<Option<usize>> = OnceLock::new();
            *FAIL_AT.get_or_init(|| std::env::var("KPORT_FAIL_ALLOC").ok().and_then(|s| s.trim().parse().ok()))
        }

        /// One allocation of `bytes` bytes; zero-sized ones are not allocations (the
        /// kernel's allocator returns a dangling pointer for them without allocating).
        pub(crate) fn allocation(bytes: usize) -> Result<(), AllocError> {
            if bytes == 0 {
                return Ok(());
            }
            let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
            if fail_at() == Some(n) || ARMED.load(Ordering::SeqCst) == n {
                INJECTED.store(true, Ordering::SeqCst);
                return Err(AllocError);
            }
            Ok(())
        }

        /// For a test program that sweeps one operation itself (test/compat-shim.test.ts):
        /// the `k`-th allocation from now fails (`k = 0`: none), besides the one
        /// `KPORT_FAIL_ALLOC` names. Returns the count so far, to compare with `count()`.
        pub fn fail_nth(k: usize) -> usize {
            let now = COUNT.load(Ordering::SeqCst);
            ARMED.store(if k == 0 { 0 } else { now + k }, Ordering::SeqCst);
            INJECTED.store(false, Ordering::SeqCst);
            now
        }

        /// How many allocations were made (or attempted) so far.
        pub fn count() -> usize {
            COUNT.load(Ordering::SeqCst)
        }

        /// Whether the allocation `KPORT_FAIL_ALLOC` names was reached (and failed).
        pub fn injected() -> bool {
            INJECTED.load(Ordering::SeqCst)
        }
    }

    /// The program's global allocator counts the blocks and bytes that are live, so
    /// that a run can tell what the module left allocated after it was unloaded.
    pub mod live {
        use core::sync::atomic::{AtomicIsize, Ordering};
        use std::alloc::{GlobalAlloc, Layout, System};

        static BLOCKS: AtomicIsize = AtomicIsize::new(0);
        static BYTES: AtomicIsize = AtomicIsize::new(0);

        struct Counting;

        // SAFETY: every call is forwarded to `System`; only counters are added.
        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                // SAFETY: forwarded with the caller's promise.
                let p = unsafe { System.alloc(layout) };
                if !p.is_null() {
                    BLOCKS.fetch_add(1, Ordering::Relaxed);
                    BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
                }
                p
            }
            unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
                // SAFETY: forwarded with the caller's promise.
                let p = unsafe { System.alloc_zeroed(layout) };
                if !p.is_null() {
                    BLOCKS.fetch_add(1, Ordering::Relaxed);
                    BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
                }
                p
            }
            unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
                // SAFETY: forwarded with the caller's promise.
                unsafe { System.dealloc(ptr, layout) };
                BLOCKS.fetch_sub(1, Ordering::Relaxed);
                BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            }
            unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
                // SAFETY: forwarded with the caller's promise.
                let p = unsafe { System.realloc(ptr, layout, new_size) };
                if !p.is_null() {
                    BYTES.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
                }
                p
            }
        }

        #[global_allocator]
        static GLOBAL: Counting = Counting;

        /// (blocks, bytes) live now.
        pub fn now() -> (isize, isize) {
            (BLOCKS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst))
        }
    }

    #[derive(Copy, Clone, PartialEq, Eq, Debug)]
    pub struct AllocError;

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub struct Flags(u32);
    impl Flags {
        pub fn as_raw(self) -> u32 {
            self.0
        }
        pub fn contains(self, flags: Flags) -> bool {
            (self.0 & flags.0) == flags.0
        }
    }
    impl core::ops::BitOr for Flags {
        type Output = Self;
        fn bitor(self, rhs: Self) -> Self {
            Self(self.0 | rhs.0)
        }
    }
    impl core::ops::BitAnd for Flags {
        type Output = Self;
        fn bitand(self, rhs: Self) -> Self {
            Self(self.0 & rhs.0)
        }
    }
    impl core::ops::Not for Flags {
        type Output = Self;
        fn not(self) -> Self {
            Self(!self.0)
        }
    }
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

    pub unsafe trait Allocator {}
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
        use super::allocator::{KVmalloc, Kmalloc, Vmalloc};
        use super::{AllocError, Allocator, Flags, PhantomData};
        use core::ops::{Deref, DerefMut, Index, IndexMut};
        use core::slice::SliceIndex;

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

        pub struct Vec<T, A: Allocator> {
            inner: std::vec::Vec<T>,
            _a: PhantomData<A>,
        }
        pub type KVec<T> = Vec<T, Kmalloc>;
        pub type VVec<T> = Vec<T, Vmalloc>;
        pub type KVVec<T> = Vec<T, KVmalloc>;

        impl<T, A: Allocator> Vec<T, A> {
            pub const fn new() -> Self {
                Self { inner: std::vec::Vec::new(), _a: PhantomData }
            }
            pub fn with_capacity(capacity: usize, flags: Flags) -> Result<Self, AllocError> {
                let mut v = Self::new();
                v.reserve(capacity, flags)?;
                Ok(v)
            }
            pub fn capacity(&self) -> usize {
                self.inner.capacity()
            }
            pub fn len(&self) -> usize {
                self.inner.len()
            }
            pub fn is_empty(&self) -> bool {
                self.inner.is_empty()
            }
            pub unsafe fn inc_len(&mut self, additional: usize) {
                // SAFETY: the caller initialised `additional` elements of the spare capacity.
                unsafe { self.inner.set_len(self.inner.len() + additional) }
            }
            pub fn as_slice(&self) -> &[T] {
                &self.inner
            }
            pub fn as_mut_slice(&mut self) -> &mut [T] {
                &mut self.inner
            }
            pub fn as_ptr(&self) -> *const T {
                self.inner.as_ptr()
            }
            pub fn as_mut_ptr(&mut self) -> *mut T {
                self.inner.as_mut_ptr()
            }
            pub fn spare_capacity_mut(&mut self) -> &mut [core::mem::MaybeUninit<T>] {
                self.inner.spare_capacity_mut()
            }
            pub fn push(&mut self, v: T, flags: Flags) -> Result<(), AllocError> {
                self.reserve(1, flags)?;
                self.inner.push(v);
                Ok(())
            }
            pub fn push_within_capacity(&mut self, v: T) -> Result<(), PushError<T>> {
                if self.inner.len() < self.inner.capacity() {
                    self.inner.push(v);
                    Ok(())
                } else {
                    Err(PushError(v))
                }
            }
            pub fn pop(&mut self) -> Option<T> {
                self.inner.pop()
            }
            pub fn remove(&mut self, i: usize) -> Result<T, RemoveError> {
                if i < self.inner.len() { Ok(self.inner.remove(i)) } else { Err(RemoveError) }
            }
            pub fn retain(&mut self, mut f: impl FnMut(&mut T) -> bool) {
                self.inner.retain_mut(|x| f(x))
            }
            /// kvec.rs `reserve`: grows to `max(2 * capacity, len + additional)` in one
            /// allocation, as the kernel does (std's own growth rule is never used, so the
            /// allocations counted are the kernel's).
            pub fn reserve(&mut self, additional: usize, _flags: Flags) -> Result<(), AllocError> {
                let (len, cap) = (self.inner.len(), self.inner.capacity());
                if cap - len >= additional {
                    return Ok(());
                }
                if core::mem::size_of::<T>() == 0 {
                    return Err(AllocError);
                }
                let new_cap = core::cmp::max(cap * 2, len.checked_add(additional).ok_or(AllocError)?);
                let bytes = new_cap.checked_mul(core::mem::size_of::<T>()).filter(|&b| b <= isize::MAX as usize).ok_or(AllocError)?;
                super::fault::allocation(bytes)?;
                self.inner.reserve_exact(new_cap - len);
                Ok(())
            }
            pub fn clear(&mut self) {
                self.inner.clear()
            }
            pub fn truncate(&mut self, len: usize) {
                self.inner.truncate(len)
            }
            pub fn drain_all(&mut self) -> DrainAll<'_, T> {
                DrainAll { inner: self.inner.drain(..) }
            }
        }
        impl<T: Clone, A: Allocator> Vec<T, A> {
            pub fn extend_with(&mut self, n: usize, value: T, flags: Flags) -> Result<(), AllocError> {
                if n == 0 {
                    return Ok(());
                }
                self.reserve(n, flags)?;
                self.inner.extend(core::iter::repeat(value).take(n));
                Ok(())
            }
            pub fn extend_from_slice(&mut self, other: &[T], flags: Flags) -> Result<(), AllocError> {
                self.reserve(other.len(), flags)?;
                self.inner.extend_from_slice(other);
                Ok(())
            }
            pub fn from_elem(value: T, n: usize, flags: Flags) -> Result<Self, AllocError> {
                let mut v = Self::with_capacity(n, flags)?;
                v.extend_with(n, value, flags)?;
                Ok(v)
            }
            pub fn resize(&mut self, new_len: usize, value: T, flags: Flags) -> Result<(), AllocError> {
                match new_len.checked_sub(self.inner.len()) {
                    Some(n) => self.extend_with(n, value, flags),
                    None => {
                        self.inner.truncate(new_len);
                        Ok(())
                    }
                }
            }
        }
        #[doc(hidden)]
        impl<T, A: Allocator> Vec<T, A> {
            /// For `CString`: not a kernel API (the caller counted the allocation).
            pub fn __from_std(inner: std::vec::Vec<T>) -> Self {
                Self { inner, _a: PhantomData }
            }
            /// For `kvec![a, b, ..]`: one allocation (the kernel's `KBox::new_uninit` of the
            /// array). Not a kernel API.
            pub fn __from_array<const N: usize>(array: [T; N]) -> Result<Self, AllocError> {
                super::fault::allocation(core::mem::size_of::<[T; N]>())?;
                Ok(Self { inner: std::vec::Vec::from(array), _a: PhantomData })
            }
        }

        pub struct DrainAll<'vec, T> {
            inner: std::vec::Drain<'vec, T>,
        }
        impl<'vec, T> Iterator for DrainAll<'vec, T> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                self.inner.next()
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
                &self.inner
            }
        }
        impl<T, A: Allocator> DerefMut for Vec<T, A> {
            fn deref_mut(&mut self) -> &mut [T] {
                &mut self.inner
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
        impl<T: PartialEq<U>, U, A1: Allocator, A2: Allocator> PartialEq<Vec<U, A2>> for Vec<T, A1> {
            fn eq(&self, other: &Vec<U, A2>) -> bool {
                self[..] == other[..]
            }
        }
        impl<T: PartialEq<U>, U, A: Allocator> PartialEq<&[U]> for Vec<T, A> {
            fn eq(&self, other: &&[U]) -> bool {
                self[..] == other[..]
            }
        }
        impl<T: PartialEq<U>, U, A: Allocator, const N: usize> PartialEq<[U; N]> for Vec<T, A> {
            fn eq(&self, other: &[U; N]) -> bool {
                self[..] == other[..]
            }
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
        pub struct IntoIter<T, A: Allocator> {
            inner: std::vec::IntoIter<T>,
            _a: PhantomData<A>,
        }
        impl<T, A: Allocator> IntoIter<T, A> {
            pub fn collect(self, _flags: Flags) -> Vec<T, A> {
                Vec { inner: self.inner.collect(), _a: PhantomData }
            }
        }
        impl<T, A: Allocator> Iterator for IntoIter<T, A> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                self.inner.next()
            }
        }
        impl<T, A: Allocator> IntoIterator for Vec<T, A> {
            type Item = T;
            type IntoIter = IntoIter<T, A>;
            fn into_iter(self) -> Self::IntoIter {
                IntoIter { inner: self.inner.into_iter(), _a: PhantomData }
            }
        }
    }

    pub mod kbox {
        use super::allocator::{KVmalloc, Kmalloc, Vmalloc};
        use super::{AllocError, Allocator, Flags, PhantomData};
        use core::mem::MaybeUninit;
        use core::ops::{Deref, DerefMut};
        use core::pin::Pin;

        pub struct Box<T: ?Sized, A: Allocator>(std::boxed::Box<T>, PhantomData<A>);

        // `KBox<T>` coerces to `KBox<dyn Trait>` (kbox.rs: `CoercePointee`, or these two impls).
        impl<T, U, A> core::ops::CoerceUnsized<Box<U, A>> for Box<T, A>
        where
            T: ?Sized + core::marker::Unsize<U>,
            U: ?Sized,
            A: Allocator,
        {
        }
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

        // SAFETY: as std's Box (the allocator is a marker).
        unsafe impl<T: Send + ?Sized, A: Allocator> Send for Box<T, A> {}
        // SAFETY: as std's Box.
        unsafe impl<T: Sync + ?Sized, A: Allocator> Sync for Box<T, A> {}
        impl<T: ?Sized, A: Allocator> Unpin for Box<T, A> {}

        impl<T: ?Sized, A: Allocator> Box<T, A> {
            pub unsafe fn from_raw(raw: *mut T) -> Self {
                // SAFETY: the caller passes what `into_raw` returned.
                Self(unsafe { std::boxed::Box::from_raw(raw) }, PhantomData)
            }
            pub fn into_raw(b: Self) -> *mut T {
                std::boxed::Box::into_raw(b.0)
            }
            pub fn leak<'a>(b: Self) -> &'a mut T {
                std::boxed::Box::leak(b.0)
            }
        }
        impl<T, A: Allocator> Box<MaybeUninit<T>, A> {
            pub unsafe fn assume_init(self) -> Box<T, A> {
                // SAFETY: the caller initialised the value.
                Box(unsafe { self.0.assume_init() }, PhantomData)
            }
            pub fn write(mut self, value: T) -> Box<T, A> {
                self.0.write(value);
                // SAFETY: just written.
                unsafe { self.assume_init() }
            }
        }
        impl<T, A: Allocator> Box<T, A> {
            pub fn new(x: T, flags: Flags) -> Result<Self, AllocError> {
                Ok(Self::new_uninit(flags)?.write(x))
            }
            pub fn new_uninit(_flags: Flags) -> Result<Box<MaybeUninit<T>, A>, AllocError> {
                super::fault::allocation(core::mem::size_of::<T>())?;
                Ok(Box(std::boxed::Box::new_uninit(), PhantomData))
            }
            pub fn pin(x: T, flags: Flags) -> Result<Pin<Box<T, A>>, AllocError> {
                Ok(Self::into_pin(Self::new(x, flags)?))
            }
            pub fn into_pin(this: Self) -> Pin<Self> {
                // SAFETY: the value never moves out of its heap slot (std's Box::into_pin).
                unsafe { Pin::new_unchecked(this) }
            }
            pub fn into_inner(b: Self) -> T {
                *b.0
            }
            /// `InPlaceInit::pin_init`: initialise in place in a new allocation and pin it.
            pub fn pin_init<E>(init: impl crate::init::PinInit<T, E>, flags: Flags) -> Result<Pin<Self>, E>
            where
                E: From<AllocError>,
            {
                let mut slot = Self::new_uninit(flags)?;
                // SAFETY: `slot` is valid, uninitialised memory that never moves again.
                unsafe { init.__pinned_init(slot.0.as_mut_ptr())? };
                // SAFETY: initialised just now.
                Ok(Box::into_pin(unsafe { slot.assume_init() }))
            }
            /// `InPlaceInit::try_pin_init` (older name).
            pub fn try_pin_init<E>(init: impl crate::init::PinInit<T, E>, flags: Flags) -> Result<Pin<Self>, E>
            where
                E: From<AllocError>,
            {
                Self::pin_init(init, flags)
            }
            /// `InPlaceInit::init`.
            pub fn init<E>(init: impl crate::init::Init<T, E>, flags: Flags) -> Result<Self, E>
            where
                E: From<AllocError>,
            {
                let mut slot = Self::new_uninit(flags)?;
                // SAFETY: `slot` is valid, uninitialised memory.
                unsafe { init.__init(slot.0.as_mut_ptr())? };
                // SAFETY: initialised just now.
                Ok(unsafe { slot.assume_init() })
            }
        }
        impl<T: ?Sized, A: Allocator> From<Box<T, A>> for Pin<Box<T, A>> {
            fn from(b: Box<T, A>) -> Self {
                // SAFETY: as `into_pin`.
                unsafe { Pin::new_unchecked(b) }
            }
        }
        impl<T: ?Sized, A: Allocator> Deref for Box<T, A> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }
        impl<T: ?Sized, A: Allocator> DerefMut for Box<T, A> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
        impl<T: ?Sized + core::fmt::Display, A: Allocator> core::fmt::Display for Box<T, A> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&*self.0, f)
            }
        }
        impl<T: ?Sized + core::fmt::Debug, A: Allocator> core::fmt::Debug for Box<T, A> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(&*self.0, f)
            }
        }
    }
}

/// `kernel::kvec![..]`: a `Result<KVec<T>, AllocError>`.
#[macro_export]
macro_rules! kvec {
    () => { ::core::result::Result::<_, $crate::alloc::AllocError>::Ok($crate::alloc::KVec::new()) };
    ($elem:expr; $n:expr) => { $crate::alloc::KVec::from_elem($elem, $n, $crate::alloc::flags::GFP_KERNEL) };
    ($($x:expr),+ $(,)?) => {
        $crate::alloc::KVec::__from_array([$($x),+])
    };
}

// ---------------------------------------------------------------------------
// error.rs
// ---------------------------------------------------------------------------
pub mod error {
    use core::ffi::c_int;

    pub mod code {
        macro_rules! declare_err {
            ($($err:ident = $num:expr),* $(,)?) => {
                $(pub const $err: super::Error = super::Error(-$num);)*
                pub(crate) fn name(errno: core::ffi::c_int) -> Option<&'static str> {
                    match -errno {
                        $($num => Some(stringify!($err)),)*
                        _ => None,
                    }
                }
            };
        }
        declare_err! {
            EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
            ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
            EFAULT = 14, ENOTBLK = 15, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19,
            ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
            ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31,
            EPIPE = 32, EDOM = 33, ERANGE = 34, EOVERFLOW = 75, ETIMEDOUT = 110,
            ERESTARTSYS = 512, ENOIOCTLCMD = 515, ENOTSUPP = 524,
        }
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    pub struct Error(c_int);

    impl Error {
        pub fn from_errno(errno: c_int) -> Error {
            if errno < 0 && errno >= -4095 { Error(errno) } else { code::EINVAL }
        }
        pub fn to_errno(self) -> c_int {
            self.0
        }
        /// The errno's name (`EPIPE`), as the kernel's `Debug` prints it.
        pub fn name(&self) -> Option<&'static str> {
            code::name(self.0)
        }
    }
    impl core::fmt::Debug for Error {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            match self.name() {
                Some(name) => f.write_str(name),
                None => f.debug_struct("Error").field("errno", &self.0).finish(),
            }
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

    pub type Result<T = (), E = Error> = core::result::Result<T, E>;

    pub fn to_result(err: c_int) -> Result {
        if err < 0 { Err(Error::from_errno(err)) } else { Ok(()) }
    }
}

// ---------------------------------------------------------------------------
// fmt.rs: the kernel's own `Display` and the adapter `fmt!` wraps arguments in.
// ---------------------------------------------------------------------------
pub mod fmt {
    pub use core::fmt::{Arguments, Debug, Error, Formatter, Result, Write};

    #[doc(hidden)]
    pub struct Adapter<T>(pub T);

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
    impl Display for core::ffi::CStr {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result {
            f.write_str(&self.to_string_lossy())
        }
    }
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
// print.rs: pr_*! (to stdout / stderr, without the module prefix)
// ---------------------------------------------------------------------------
pub mod print {
    use std::io::Write;

    #[derive(Clone, Copy)]
    pub enum Level {
        Out,
        Err,
        Off,
    }

    #[doc(hidden)]
    pub fn call_printk(level: Level, _module_name: &[u8], args: core::fmt::Arguments<'_>) {
        match level {
            Level::Out => {
                let text = std::fmt::format(args);
                crate::userspace::stdout_bytes(text.len());
                let mut o = std::io::stdout().lock();
                let _ = o.write_all(text.as_bytes());
                let _ = o.flush();
            }
            Level::Err => {
                let _ = std::io::stderr().write_fmt(args);
            }
            Level::Off => {}
        }
    }
}

/// print.rs `print_macro!`: `crate::__LOG_PREFIX` comes from `module!`, as in the kernel.
#[doc(hidden)]
#[macro_export]
macro_rules! print_macro {
    ($level:ident, $($arg:tt)+) => {
        $crate::print::call_printk($crate::print::Level::$level, crate::__LOG_PREFIX, $crate::prelude::fmt!($($arg)+))
    };
}
#[macro_export]
macro_rules! pr_emerg (($($arg:tt)*) => ($crate::print_macro!(Err, $($arg)*)));
#[macro_export]
macro_rules! pr_alert (($($arg:tt)*) => ($crate::print_macro!(Err, $($arg)*)));
#[macro_export]
macro_rules! pr_crit (($($arg:tt)*) => ($crate::print_macro!(Err, $($arg)*)));
#[macro_export]
macro_rules! pr_err (($($arg:tt)*) => ($crate::print_macro!(Err, $($arg)*)));
#[macro_export]
macro_rules! pr_warn (($($arg:tt)*) => ($crate::print_macro!(Err, $($arg)*)));
#[macro_export]
macro_rules! pr_notice (($($arg:tt)*) => ($crate::print_macro!(Out, $($arg)*)));
#[macro_export]
macro_rules! pr_info (($($arg:tt)*) => ($crate::print_macro!(Out, $($arg)*)));
#[macro_export]
macro_rules! pr_debug (($($arg:tt)*) => ($crate::print_macro!(Off, $($arg)*)));
#[macro_export]
macro_rules! pr_cont (($($arg:tt)*) => ($crate::print::call_printk($crate::print::Level::Out, b"", $crate::prelude::fmt!($($arg)*))));

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
// str.rs: mainline's `CStr` is `core::ffi::CStr` (so `c"name"` literals work).
// ---------------------------------------------------------------------------
pub mod str {
    use crate::alloc::KVec;
    use crate::error::{Error, Result};
    pub use core::ffi::CStr;

    /// str.rs `CStrExt` (the kernel's extension methods on `core::ffi::CStr`).
    pub trait CStrExt {
        fn as_char_ptr(&self) -> *const core::ffi::c_char;
    }
    impl CStrExt for CStr {
        fn as_char_ptr(&self) -> *const core::ffi::c_char {
            self.as_ptr()
        }
    }

    pub struct CString {
        buf: KVec<u8>,
    }
    impl CString {
        /// str.rs: formats once to measure, then makes one allocation of that size.
        pub fn try_from_fmt(args: core::fmt::Arguments<'_>) -> Result<Self, Error> {
            let mut s = std::fmt::format(args).into_bytes();
            crate::alloc::fault::allocation(s.len() + 1)?;
            if s.contains(&0) {
                return Err(crate::error::code::EINVAL);
            }
            s.push(0);
            Ok(CString { buf: KVec::__from_std(s) })
        }
    }
    impl core::ops::Deref for CString {
        type Target = CStr;
        fn deref(&self) -> &CStr {
            CStr::from_bytes_with_nul(&self.buf).expect("NUL-terminated")
        }
    }
    impl core::fmt::Debug for CString {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            core::fmt::Debug::fmt(&**self, f)
        }
    }
}

/// `c_str!("x")`: a `&'static CStr`.
#[macro_export]
macro_rules! c_str {
    ($s:expr) => {{
        const S: &str = ::core::concat!($s, "\0");
        const C: &$crate::str::CStr = match $crate::str::CStr::from_bytes_with_nul(S.as_bytes()) {
            Ok(c) => c,
            Err(_) => panic!("c_str!: the string contains a NUL byte"),
        };
        C
    }};
}

// ---------------------------------------------------------------------------
// pin-init (rust/pin-init, re-exported as kernel::init): in-place initialisers.
// ---------------------------------------------------------------------------
pub mod init {
    /// An initialiser that writes a pinned `T` into a slot.
    ///
    /// # Safety
    /// On `Ok`, `slot` holds a valid `T`; on `Err`, nothing needs dropping.
    pub unsafe trait PinInit<T: ?Sized, E = core::convert::Infallible>: Sized {
        /// # Safety
        /// `slot` is valid for writes and will not move afterwards.
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E>;
    }
    /// An initialiser that writes a `T` into a slot (also usable where pinning is asked).
    ///
    /// # Safety
    /// As `PinInit`.
    pub unsafe trait Init<T: ?Sized, E = core::convert::Infallible>: PinInit<T, E> {
        /// # Safety
        /// `slot` is valid for writes.
        unsafe fn __init(self, slot: *mut T) -> Result<(), E>;
    }
    // SAFETY: a plain value initialises its slot by being written there.
    unsafe impl<T, E> PinInit<T, E> for T {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            // SAFETY: the caller's promise.
            unsafe { slot.write(self) };
            Ok(())
        }
    }
    // SAFETY: as above.
    unsafe impl<T, E> Init<T, E> for T {
        unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
            // SAFETY: the caller's promise.
            unsafe { slot.write(self) };
            Ok(())
        }
    }

    /// An initialiser from a closure over the slot (`pin_init_from_closure`). `T` is a
    /// parameter so that this never overlaps the blanket impl for values.
    pub struct FromClosure<F, T: ?Sized, E>(F, core::marker::PhantomData<fn(*mut T) -> E>);
    // SAFETY: the closure is trusted to initialise the slot on `Ok`.
    unsafe impl<T: ?Sized, E, F: FnOnce(*mut T) -> Result<(), E>> PinInit<T, E> for FromClosure<F, T, E> {
        unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
            (self.0)(slot)
        }
    }
    /// # Safety
    /// `f` initialises the slot whenever it returns `Ok`.
    pub const unsafe fn pin_init_from_closure<T: ?Sized, E, F: FnOnce(*mut T) -> Result<(), E>>(f: F) -> FromClosure<F, T, E> {
        FromClosure(f, core::marker::PhantomData)
    }

    /// `InPlaceInit` (the trait behind `KBox::pin_init`); the shim's `Box` has the same
    /// methods inherently, so this only lets `use kernel::init::InPlaceInit;` resolve.
    pub trait InPlaceInit<T>: Sized {}
}

// ---------------------------------------------------------------------------
// types.rs: ForeignOwnable (what a file's private data is kept as), Opaque.
// ---------------------------------------------------------------------------
pub mod types {
    use crate::alloc::{Allocator, Box};
    use core::ffi::c_void;
    use core::pin::Pin;

    pub trait ForeignOwnable: Sized {
        type Borrowed<'a>;
        fn into_foreign(self) -> *mut c_void;
        /// # Safety
        /// `ptr` came from `into_foreign` and is not used afterwards.
        unsafe fn from_foreign(ptr: *mut c_void) -> Self;
        /// # Safety
        /// `ptr` came from `into_foreign` and `from_foreign` is not called during `'a`.
        unsafe fn borrow<'a>(ptr: *mut c_void) -> Self::Borrowed<'a>;
    }

    impl<T: 'static, A: Allocator> ForeignOwnable for Box<T, A> {
        type Borrowed<'a> = &'a T;
        fn into_foreign(self) -> *mut c_void {
            Box::into_raw(self).cast()
        }
        unsafe fn from_foreign(ptr: *mut c_void) -> Self {
            // SAFETY: the caller's promise.
            unsafe { Box::from_raw(ptr.cast()) }
        }
        unsafe fn borrow<'a>(ptr: *mut c_void) -> &'a T {
            // SAFETY: the caller's promise.
            unsafe { &*ptr.cast::<T>() }
        }
    }
    impl<T: 'static, A: Allocator> ForeignOwnable for Pin<Box<T, A>> {
        type Borrowed<'a> = Pin<&'a T>;
        fn into_foreign(self) -> *mut c_void {
            // SAFETY: the pointer is only turned back into a `Pin<Box>`.
            Box::into_raw(unsafe { Pin::into_inner_unchecked(self) }).cast()
        }
        unsafe fn from_foreign(ptr: *mut c_void) -> Self {
            // SAFETY: the caller's promise; it was pinned before.
            unsafe { Pin::new_unchecked(Box::from_raw(ptr.cast())) }
        }
        unsafe fn borrow<'a>(ptr: *mut c_void) -> Pin<&'a T> {
            // SAFETY: the caller's promise.
            unsafe { Pin::new_unchecked(&*ptr.cast::<T>()) }
        }
    }
    impl<T: 'static> ForeignOwnable for crate::sync::Arc<T> {
        type Borrowed<'a> = &'a T;
        fn into_foreign(self) -> *mut c_void {
            std::sync::Arc::into_raw(self.0) as *mut c_void
        }
        unsafe fn from_foreign(ptr: *mut c_void) -> Self {
            // SAFETY: the caller's promise.
            crate::sync::Arc(unsafe { std::sync::Arc::from_raw(ptr.cast()) })
        }
        unsafe fn borrow<'a>(ptr: *mut c_void) -> &'a T {
            // SAFETY: the caller's promise.
            unsafe { &*ptr.cast::<T>() }
        }
    }
    impl ForeignOwnable for () {
        type Borrowed<'a> = ();
        fn into_foreign(self) -> *mut c_void {
            core::ptr::NonNull::<c_void>::dangling().as_ptr()
        }
        unsafe fn from_foreign(_: *mut c_void) -> Self {}
        unsafe fn borrow<'a>(_: *mut c_void) -> Self::Borrowed<'a> {}
    }

    /// types.rs `Opaque<T>` (only what a shim user could name).
    #[repr(transparent)]
    pub struct Opaque<T>(core::cell::UnsafeCell<core::mem::MaybeUninit<T>>);
    impl<T> Opaque<T> {
        pub const fn uninit() -> Self {
            Self(core::cell::UnsafeCell::new(core::mem::MaybeUninit::uninit()))
        }
        pub const fn get(&self) -> *mut T {
            self.0.get().cast()
        }
    }
}

// ---------------------------------------------------------------------------
// sync: Arc, Mutex (std's underneath), global_lock!
// ---------------------------------------------------------------------------
pub mod sync {
    use crate::alloc::Flags;
    use crate::error::Result;

    pub struct Arc<T: ?Sized>(pub(crate) std::sync::Arc<T>);
    impl<T> Arc<T> {
        pub fn new(contents: T, _flags: Flags) -> Result<Self> {
            // ArcInner: the refcount and the value, never zero-sized.
            crate::alloc::fault::allocation(core::mem::size_of::<(usize, T)>().max(1))?;
            Ok(Arc(std::sync::Arc::new(contents)))
        }
    }
    impl<T: ?Sized> Arc<T> {
        pub fn ptr_eq(this: &Self, other: &Self) -> bool {
            std::sync::Arc::ptr_eq(&this.0, &other.0)
        }
    }
    impl<T: ?Sized> Clone for Arc<T> {
        fn clone(&self) -> Self {
            Arc(self.0.clone())
        }
    }
    impl<T: ?Sized> core::ops::Deref for Arc<T> {
        type Target = T;
        fn deref(&self) -> &T {
            &self.0
        }
    }
    impl<T: core::fmt::Display + ?Sized> core::fmt::Display for Arc<T> {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            core::fmt::Display::fmt(&*self.0, f)
        }
    }
    impl<T: core::fmt::Debug + ?Sized> core::fmt::Debug for Arc<T> {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            core::fmt::Debug::fmt(&*self.0, f)
        }
    }

    /// lock.rs `LockClassKey` (nothing to do in userspace).
    pub struct LockClassKey;
    impl LockClassKey {
        pub const fn new() -> Self {
            LockClassKey
        }
    }

    pub use self::lock::global::{GlobalGuard, GlobalLock, GlobalLockBackend};
    pub use self::lock::mutex::{Mutex, MutexGuard};
    pub use crate::{global_lock, new_mutex};

    pub mod lock {
        pub use self::global::{GlobalGuard, GlobalLock, GlobalLockBackend};

        pub mod mutex {
            use core::ops::{Deref, DerefMut};

            /// mutex.rs `Mutex<T>`: pin-initialised with `new_mutex!`; std's mutex underneath.
            pub struct Mutex<T: ?Sized>(std::sync::Mutex<T>);
            impl<T> Mutex<T> {
                pub fn new(t: T, _name: &'static crate::str::CStr, _key: &'static super::super::LockClassKey) -> impl crate::init::PinInit<Self> {
                    Mutex(std::sync::Mutex::new(t))
                }
            }
            impl<T: ?Sized> Mutex<T> {
                pub fn lock(&self) -> MutexGuard<'_, T> {
                    MutexGuard(self.0.lock().unwrap_or_else(|e| e.into_inner()))
                }
                pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
                    self.0.try_lock().ok().map(MutexGuard)
                }
            }
            pub struct MutexGuard<'a, T: ?Sized>(std::sync::MutexGuard<'a, T>);
            impl<T: ?Sized> Deref for MutexGuard<'_, T> {
                type Target = T;
                fn deref(&self) -> &T {
                    &self.0
                }
            }
            impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
                fn deref_mut(&mut self) -> &mut T {
                    &mut self.0
                }
            }
        }

        pub mod global {
            use core::ops::{Deref, DerefMut};
            use core::sync::atomic::{AtomicBool, Ordering};

            /// global.rs `GlobalLockBackend` (only the item type matters here).
            pub trait GlobalLockBackend {
                type Item: 'static;
            }

            /// global.rs `GlobalLock<B>`: must be `init`ed once before `lock` (checked here).
            pub struct GlobalLock<B: GlobalLockBackend> {
                inner: std::sync::Mutex<B::Item>,
                initialised: AtomicBool,
            }
            impl<B: GlobalLockBackend> GlobalLock<B> {
                /// # Safety
                /// `init` is called before any other method; `B` is used with this lock only.
                pub const unsafe fn new(data: B::Item) -> Self {
                    Self { inner: std::sync::Mutex::new(data), initialised: AtomicBool::new(false) }
                }
                /// # Safety
                /// Called at most once.
                pub unsafe fn init(&'static self) {
                    assert!(!self.initialised.swap(true, Ordering::SeqCst), "GlobalLock::init called twice");
                }
                pub fn lock(&'static self) -> GlobalGuard<B> {
                    assert!(self.initialised.load(Ordering::SeqCst), "global lock used before GlobalLock::init");
                    GlobalGuard { inner: self.inner.lock().unwrap_or_else(|e| e.into_inner()) }
                }
                pub fn try_lock(&'static self) -> Option<GlobalGuard<B>> {
                    assert!(self.initialised.load(Ordering::SeqCst), "global lock used before GlobalLock::init");
                    self.inner.try_lock().ok().map(|inner| GlobalGuard { inner })
                }
            }
            pub struct GlobalGuard<B: GlobalLockBackend> {
                inner: std::sync::MutexGuard<'static, B::Item>,
            }
            impl<B: GlobalLockBackend> Deref for GlobalGuard<B> {
                type Target = B::Item;
                fn deref(&self) -> &B::Item {
                    &self.inner
                }
            }
            impl<B: GlobalLockBackend> DerefMut for GlobalGuard<B> {
                fn deref_mut(&mut self) -> &mut B::Item {
                    &mut self.inner
                }
            }
        }
    }
}

/// `kernel::sync::global_lock!` (sync/lock/global.rs): a static behind a lock; `Mutex` and
/// `SpinLock` both become std's mutex here.
#[macro_export]
macro_rules! global_lock {
    {
        $(#[$meta:meta])* $pub:vis
        unsafe(uninit) static $name:ident: $kind:ident<$valuety:ty> = $value:expr;
    } => {
        #[allow(non_camel_case_types, unreachable_pub)]
        $pub enum $name {}

        impl $crate::sync::lock::GlobalLockBackend for $name {
            type Item = $valuety;
        }

        $(#[$meta])*
        $pub static $name: $crate::sync::lock::GlobalLock<$name> = {
            let init: $valuety = $value;
            // SAFETY: the user of the macro promises to call `init` before use.
            unsafe { $crate::sync::lock::GlobalLock::new(init) }
        };
    };
}

/// `new_mutex!(value)` / `new_mutex!(value, "name")`.
#[macro_export]
macro_rules! new_mutex {
    ($inner:expr $(, $name:literal)? $(,)?) => {
        $crate::sync::Mutex::new($inner, $crate::c_str!("mutex"), {
            static KEY: $crate::sync::LockClassKey = $crate::sync::LockClassKey::new();
            &KEY
        })
    };
}

// ---------------------------------------------------------------------------
// rbtree: the kernel's red-black tree (rust/kernel/rbtree.rs), over a sorted
// std vector. Same items and signatures as the verify stub's (mainline); every
// node the kernel allocates (`RBTreeNodeReservation::new`, so `RBTreeNode::new`
// and `try_create_and_insert`) is one counted allocation (`alloc::fault`) of a
// node's size; the rest never allocates, as in the kernel.
// ---------------------------------------------------------------------------
pub mod rbtree {
    use crate::alloc::{fault, Flags};
    use crate::error::Result;
    use core::cmp::Ordering;
    use core::marker::PhantomData;

    /// rbtree.rs `struct Node<K, V> { links: bindings::rb_node, key: K, value: V }`: its size.
    fn node_bytes<K, V>() -> usize {
        core::mem::size_of::<([usize; 3], K, V)>()
    }

    /// The ordered map; `nodes` is sorted by key, without duplicates.
    pub struct RBTree<K, V> {
        nodes: std::vec::Vec<(K, V)>,
    }

    pub struct RBTreeNode<K, V> {
        key: K,
        value: V,
    }
    impl<K, V> RBTreeNode<K, V> {
        pub fn new(key: K, value: V, flags: Flags) -> Result<RBTreeNode<K, V>> {
            Ok(RBTreeNodeReservation::new(flags)?.into_node(key, value))
        }
        pub fn to_key_value(self) -> (K, V) {
            (self.key, self.value)
        }
        pub fn into_reservation(self) -> RBTreeNodeReservation<K, V> {
            RBTreeNodeReservation { _p: PhantomData }
        }
    }

    pub struct RBTreeNodeReservation<K, V> {
        _p: PhantomData<fn() -> (K, V)>,
    }
    impl<K, V> RBTreeNodeReservation<K, V> {
        /// `KBox::new_uninit(flags)?` of a node, in the kernel.
        pub fn new(_flags: Flags) -> Result<RBTreeNodeReservation<K, V>> {
            fault::allocation(node_bytes::<K, V>())?;
            Ok(Self { _p: PhantomData })
        }
        pub fn into_node(self, key: K, value: V) -> RBTreeNode<K, V> {
            RBTreeNode { key, value }
        }
    }

    impl<K, V> RBTree<K, V> {
        pub fn new() -> Self {
            Self { nodes: std::vec::Vec::new() }
        }
        pub fn is_empty(&self) -> bool {
            self.nodes.is_empty()
        }
        pub fn iter(&self) -> Iter<'_, K, V> {
            Iter { inner: self.nodes.iter() }
        }
        pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
            IterMut { inner: self.nodes.iter_mut() }
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
        pub fn cursor_front_mut(&mut self) -> Option<CursorMut<'_, K, V>> {
            if self.nodes.is_empty() { None } else { Some(CursorMut { tree: self, current: 0 }) }
        }
        pub fn cursor_front(&self) -> Option<Cursor<'_, K, V>> {
            if self.nodes.is_empty() { None } else { Some(Cursor { tree: self, current: 0 }) }
        }
        pub fn cursor_back_mut(&mut self) -> Option<CursorMut<'_, K, V>> {
            let last = self.nodes.len().checked_sub(1)?;
            Some(CursorMut { tree: self, current: last })
        }
        pub fn cursor_back(&self) -> Option<Cursor<'_, K, V>> {
            let last = self.nodes.len().checked_sub(1)?;
            Some(Cursor { tree: self, current: last })
        }
    }

    impl<K: Ord, V> RBTree<K, V> {
        fn search(&self, key: &K) -> core::result::Result<usize, usize> {
            self.nodes.binary_search_by(|(k, _)| k.cmp(key))
        }
        pub fn try_create_and_insert(&mut self, key: K, value: V, flags: Flags) -> Result<Option<RBTreeNode<K, V>>> {
            Ok(self.insert(RBTreeNode::new(key, value, flags)?))
        }
        /// Replaces the whole node (key too) when the key is there, as rbtree.rs does.
        pub fn insert(&mut self, node: RBTreeNode<K, V>) -> Option<RBTreeNode<K, V>> {
            match self.search(&node.key) {
                Ok(i) => {
                    let (key, value) = core::mem::replace(&mut self.nodes[i], (node.key, node.value));
                    Some(RBTreeNode { key, value })
                }
                Err(i) => {
                    self.nodes.insert(i, (node.key, node.value));
                    None
                }
            }
        }
        pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
            match self.search(&key) {
                Ok(index) => Entry::Occupied(OccupiedEntry { tree: self, index }),
                Err(index) => Entry::Vacant(VacantEntry { tree: self, index, key }),
            }
        }
        pub fn find_mut(&mut self, key: &K) -> Option<OccupiedEntry<'_, K, V>> {
            let index = self.search(key).ok()?;
            Some(OccupiedEntry { tree: self, index })
        }
        pub fn get(&self, key: &K) -> Option<&V> {
            self.search(key).ok().map(|i| &self.nodes[i].1)
        }
        pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
            self.find_mut(key).map(|e| e.into_mut())
        }
        pub fn remove_node(&mut self, key: &K) -> Option<RBTreeNode<K, V>> {
            self.find_mut(key).map(OccupiedEntry::remove_node)
        }
        pub fn remove(&mut self, key: &K) -> Option<V> {
            self.find_mut(key).map(OccupiedEntry::remove)
        }
        /// The first node whose key is not less than `key`.
        pub fn cursor_lower_bound_mut(&mut self, key: &K) -> Option<CursorMut<'_, K, V>> {
            let current = self.search(key).unwrap_or_else(|i| i);
            if current < self.nodes.len() { Some(CursorMut { tree: self, current }) } else { None }
        }
        pub fn cursor_lower_bound(&self, key: &K) -> Option<Cursor<'_, K, V>> {
            let current = self.search(key).unwrap_or_else(|i| i);
            if current < self.nodes.len() { Some(Cursor { tree: self, current }) } else { None }
        }
    }

    impl<K, V> Default for RBTree<K, V> {
        fn default() -> Self {
            Self::new()
        }
    }

    pub struct CursorMut<'a, K, V> {
        tree: &'a mut RBTree<K, V>,
        current: usize,
    }
    impl<'a, K, V> CursorMut<'a, K, V> {
        pub fn current(&self) -> (&K, &V) {
            let (k, v) = &self.tree.nodes[self.current];
            (k, v)
        }
        pub fn current_mut(&mut self) -> (&K, &mut V) {
            let (k, v) = &mut self.tree.nodes[self.current];
            (&*k, v)
        }
        /// A cursor at the next node, else the previous one, else `None`; and the removed node.
        pub fn remove_current(self) -> (Option<Self>, RBTreeNode<K, V>) {
            let (key, value) = self.tree.nodes.remove(self.current);
            let n = self.tree.nodes.len();
            let next = if self.current < n { Some(self.current) } else { self.current.checked_sub(1) };
            let tree = self.tree;
            (next.map(|current| Self { tree, current }), RBTreeNode { key, value })
        }
        pub fn remove_prev(&mut self) -> Option<RBTreeNode<K, V>> {
            let i = self.current.checked_sub(1)?;
            let (key, value) = self.tree.nodes.remove(i);
            self.current -= 1;
            Some(RBTreeNode { key, value })
        }
        pub fn remove_next(&mut self) -> Option<RBTreeNode<K, V>> {
            let i = self.current + 1;
            if i >= self.tree.nodes.len() {
                return None;
            }
            let (key, value) = self.tree.nodes.remove(i);
            Some(RBTreeNode { key, value })
        }
        pub fn move_prev(self) -> Option<Self> {
            let current = self.current.checked_sub(1)?;
            Some(Self { tree: self.tree, current })
        }
        pub fn move_next(self) -> Option<Self> {
            let current = self.current + 1;
            if current < self.tree.nodes.len() { Some(Self { tree: self.tree, current }) } else { None }
        }
        pub fn peek_prev(&self) -> Option<(&K, &V)> {
            let (k, v) = self.tree.nodes.get(self.current.checked_sub(1)?)?;
            Some((k, v))
        }
        pub fn peek_next(&self) -> Option<(&K, &V)> {
            let (k, v) = self.tree.nodes.get(self.current + 1)?;
            Some((k, v))
        }
        pub fn peek_prev_mut(&mut self) -> Option<(&K, &mut V)> {
            let (k, v) = self.tree.nodes.get_mut(self.current.checked_sub(1)?)?;
            Some((&*k, v))
        }
        pub fn peek_next_mut(&mut self) -> Option<(&K, &mut V)> {
            let (k, v) = self.tree.nodes.get_mut(self.current + 1)?;
            Some((&*k, v))
        }
    }

    pub struct Cursor<'a, K, V> {
        tree: &'a RBTree<K, V>,
        current: usize,
    }
    impl<'a, K, V> Cursor<'a, K, V> {
        pub fn current(&self) -> (&K, &V) {
            let (k, v) = &self.tree.nodes[self.current];
            (k, v)
        }
        pub fn peek_prev(&self) -> Option<(&K, &V)> {
            let (k, v) = self.tree.nodes.get(self.current.checked_sub(1)?)?;
            Some((k, v))
        }
        pub fn peek_next(&self) -> Option<(&K, &V)> {
            let (k, v) = self.tree.nodes.get(self.current + 1)?;
            Some((k, v))
        }
    }

    pub enum Entry<'a, K, V> {
        Vacant(VacantEntry<'a, K, V>),
        Occupied(OccupiedEntry<'a, K, V>),
    }
    pub struct VacantEntry<'a, K, V> {
        tree: &'a mut RBTree<K, V>,
        index: usize,
        key: K,
    }
    impl<'a, K, V> VacantEntry<'a, K, V> {
        pub fn insert(self, value: V, reservation: RBTreeNodeReservation<K, V>) -> &'a mut V {
            let _ = reservation;
            self.tree.nodes.insert(self.index, (self.key, value));
            &mut self.tree.nodes[self.index].1
        }
    }
    pub struct OccupiedEntry<'a, K, V> {
        tree: &'a mut RBTree<K, V>,
        index: usize,
    }
    impl<'a, K, V> OccupiedEntry<'a, K, V> {
        pub fn get(&self) -> &V {
            &self.tree.nodes[self.index].1
        }
        pub fn get_mut(&mut self) -> &mut V {
            &mut self.tree.nodes[self.index].1
        }
        pub fn into_mut(self) -> &'a mut V {
            &mut self.tree.nodes[self.index].1
        }
        pub fn remove_node(self) -> RBTreeNode<K, V> {
            let (key, value) = self.tree.nodes.remove(self.index);
            RBTreeNode { key, value }
        }
        pub fn remove(self) -> V {
            self.remove_node().value
        }
    }

    pub struct Iter<'a, K, V> {
        inner: core::slice::Iter<'a, (K, V)>,
    }
    impl<'a, K, V> Iterator for Iter<'a, K, V> {
        type Item = (&'a K, &'a V);
        fn next(&mut self) -> Option<Self::Item> {
            self.inner.next().map(|(k, v)| (k, v))
        }
    }
    pub struct IterMut<'a, K, V> {
        inner: core::slice::IterMut<'a, (K, V)>,
    }
    impl<'a, K, V> Iterator for IterMut<'a, K, V> {
        type Item = (&'a K, &'a mut V);
        fn next(&mut self) -> Option<Self::Item> {
            self.inner.next().map(|(k, v)| (&*k, v))
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
// fs: File, Kiocb; iov: IovIterSource / IovIterDest over byte buffers.
// ---------------------------------------------------------------------------
pub mod fs {
    pub use self::file::File;
    pub use self::kiocb::Kiocb;

    pub mod file {
        /// fs/file.rs `File` (an open file; nothing to see from userspace).
        pub struct File {
            pub(crate) id: usize,
        }
        pub type Offset = i64;
    }

    pub mod kiocb {
        use crate::types::ForeignOwnable;
        use core::ffi::c_void;
        use core::marker::PhantomData;

        /// fs/kiocb.rs `Kiocb<'a, T>`: the file's private data and its position.
        pub struct Kiocb<'a, T> {
            pub(crate) private: *mut c_void,
            pub(crate) pos: &'a mut i64,
            pub(crate) _p: PhantomData<&'a T>,
        }
        impl<'a, T: ForeignOwnable> Kiocb<'a, T> {
            /// The private data of the file (what `open` returned).
            pub fn file(&self) -> <T as ForeignOwnable>::Borrowed<'a> {
                // SAFETY: the file is open for the whole call.
                unsafe { T::borrow(self.private) }
            }
            /// Older name of `file`.
            pub fn device(&self) -> <T as ForeignOwnable>::Borrowed<'a> {
                self.file()
            }
            pub fn ki_pos(&self) -> i64 {
                *self.pos
            }
            pub fn ki_pos_mut(&mut self) -> &mut i64 {
                self.pos
            }
        }
    }
}

pub mod iov {
    use crate::alloc::{Allocator, Flags, Vec};
    use crate::error::Result;
    use core::marker::PhantomData;
    use core::mem::MaybeUninit;

    /// iov.rs `IovIterSource`: the bytes a `write` passes in.
    pub struct IovIterSource<'data> {
        data: &'data [u8],
    }
    impl<'data> IovIterSource<'data> {
        pub(crate) fn over(data: &'data [u8]) -> Self {
            Self { data }
        }
        pub fn len(&self) -> usize {
            self.data.len()
        }
        pub fn is_empty(&self) -> bool {
            self.data.is_empty()
        }
        pub fn advance(&mut self, bytes: usize) {
            self.data = &self.data[bytes.min(self.data.len())..];
        }
        pub fn copy_from_iter(&mut self, out: &mut [u8]) -> usize {
            let n = out.len().min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.advance(n);
            n
        }
        pub fn copy_from_iter_vec<A: Allocator>(&mut self, out: &mut Vec<u8, A>, flags: Flags) -> Result<usize> {
            let n = self.data.len();
            out.extend_from_slice(self.data, flags)?;
            self.advance(n);
            Ok(n)
        }
        pub fn copy_from_iter_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> &mut [u8] {
            let n = out.len().min(self.data.len());
            for (o, b) in out[..n].iter_mut().zip(self.data) {
                o.write(*b);
            }
            self.advance(n);
            // SAFETY: the first `n` bytes were just written.
            unsafe { core::slice::from_raw_parts_mut(out.as_mut_ptr().cast::<u8>(), n) }
        }
    }

    /// iov.rs `IovIterDest`: the buffer a `read` fills.
    pub struct IovIterDest<'data> {
        buf: &'data mut [u8],
        written: usize,
        _p: PhantomData<&'data mut [u8]>,
    }
    impl<'data> IovIterDest<'data> {
        pub(crate) fn over(buf: &'data mut [u8]) -> Self {
            Self { buf, written: 0, _p: PhantomData }
        }
        pub(crate) fn written(&self) -> usize {
            self.written
        }
        pub fn len(&self) -> usize {
            self.buf.len() - self.written
        }
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
        pub fn advance(&mut self, bytes: usize) {
            self.written += bytes.min(self.len());
        }
        pub fn copy_to_iter(&mut self, input: &[u8]) -> usize {
            let n = input.len().min(self.len());
            self.buf[self.written..self.written + n].copy_from_slice(&input[..n]);
            self.written += n;
            n
        }
        pub fn simple_read_from_buffer(&mut self, ppos: &mut i64, contents: &[u8]) -> Result<usize> {
            if *ppos < 0 {
                return Err(crate::error::code::EINVAL);
            }
            let Ok(pos) = usize::try_from(*ppos) else {
                return Ok(0);
            };
            if pos >= contents.len() {
                return Ok(0);
            }
            let n = self.copy_to_iter(&contents[pos..]);
            *ppos = (pos + n) as i64;
            Ok(n)
        }
    }
}

// ---------------------------------------------------------------------------
// miscdevice.rs
// ---------------------------------------------------------------------------
pub mod miscdevice {
    use crate::error::{code::EINVAL, Error, Result};
    use crate::fs::{File, Kiocb};
    use crate::init::PinInit;
    use crate::iov::{IovIterDest, IovIterSource};
    use crate::str::CStr;
    use crate::types::ForeignOwnable;
    use core::marker::PhantomData;

    #[derive(Copy, Clone)]
    pub struct MiscDeviceOptions {
        pub name: &'static CStr,
    }

    /// miscdevice.rs `MiscDeviceRegistration<T>`: while it lives, /dev/NAME exists
    /// (here: `userspace::run` finds it by name).
    pub struct MiscDeviceRegistration<T> {
        name: &'static CStr,
        _t: PhantomData<T>,
    }
    // SAFETY: as in the kernel.
    unsafe impl<T> Send for MiscDeviceRegistration<T> {}
    // SAFETY: as in the kernel.
    unsafe impl<T> Sync for MiscDeviceRegistration<T> {}

    impl<T: MiscDevice + 'static> MiscDeviceRegistration<T> {
        pub fn register(opts: MiscDeviceOptions) -> impl PinInit<Self, Error> {
            // SAFETY: the closure writes the slot, then registers its (pinned) address.
            unsafe {
                crate::init::pin_init_from_closure(move |slot: *mut Self| {
                    slot.write(Self { name: opts.name, _t: PhantomData });
                    let name = opts.name.to_str().map_err(|_| EINVAL)?;
                    crate::userspace::register(name, std::boxed::Box::new(Device::<T>(slot as *const Self)))
                })
            }
        }
    }
    impl<T> Drop for MiscDeviceRegistration<T> {
        fn drop(&mut self) {
            crate::userspace::deregister(self as *const Self as *const ());
        }
    }

    /// miscdevice.rs `MiscDevice` (the kernel's defaults for the optional operations:
    /// an operation the type does not implement fails with EINVAL here).
    pub trait MiscDevice: Sized {
        type Ptr: ForeignOwnable + Send + Sync;
        fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;
        fn release(device: Self::Ptr, _file: &File) {
            drop(device);
        }
        fn read_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterDest<'_>) -> Result<usize> {
            Err(EINVAL)
        }
        fn write_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterSource<'_>) -> Result<usize> {
            Err(EINVAL)
        }
        fn ioctl(_device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>, _file: &File, _cmd: u32, _arg: usize) -> Result<isize> {
            Err(crate::error::code::ENOTTY)
        }
    }

    /// The file operations of one registered device, type-erased for `userspace`.
    pub(crate) struct Device<T: MiscDevice>(*const MiscDeviceRegistration<T>);
    impl<T: MiscDevice> crate::userspace::FileOps for Device<T> {
        fn registration(&self) -> *const () {
            self.0 as *const ()
        }
        fn open(&self, file: &File) -> Result<*mut core::ffi::c_void> {
            // SAFETY: the registration is alive while it is registered.
            let misc = unsafe { &*self.0 };
            Ok(T::open(file, misc)?.into_foreign())
        }
        fn release(&self, private: *mut core::ffi::c_void, file: &File) {
            // SAFETY: `private` came from `open` and is released once.
            T::release(unsafe { T::Ptr::from_foreign(private) }, file)
        }
        fn write(&self, private: *mut core::ffi::c_void, pos: &mut i64, data: &[u8]) -> Result<usize> {
            let mut iov = IovIterSource::over(data);
            T::write_iter(Kiocb { private, pos, _p: PhantomData }, &mut iov)
        }
        fn read(&self, private: *mut core::ffi::c_void, pos: &mut i64, buf: &mut [u8]) -> Result<usize> {
            let mut iov = IovIterDest::over(buf);
            let n = T::read_iter(Kiocb { private, pos, _p: PhantomData }, &mut iov)?;
            if n > iov.written() {
                // The kernel returns what read_iter says; more than was copied would be a bug.
                crate::pr_err_shim(format_args!("read_iter returned {} but copied {} bytes\n", n, iov.written()));
            }
            Ok(n.min(iov.written()))
        }
    }
}

#[doc(hidden)]
pub fn pr_err_shim(args: core::fmt::Arguments<'_>) {
    print::call_printk(print::Level::Err, b"", args);
}

// ---------------------------------------------------------------------------
// lib.rs: Module, ThisModule; module! runs the module as a program.
// ---------------------------------------------------------------------------
pub trait Module: Sized + Sync + Send {
    fn init(module: &'static ThisModule) -> error::Result<Self>;
}

pub struct ThisModule(*mut core::ffi::c_void);
// SAFETY: never dereferenced here.
unsafe impl Sync for ThisModule {}
impl ThisModule {
    pub const unsafe fn from_ptr(ptr: *mut core::ffi::c_void) -> ThisModule {
        ThisModule(ptr)
    }
    pub fn as_ptr(&self) -> *mut core::ffi::c_void {
        self.0
    }
}

/// `module!`: the keys are not checked here (the verify stub does that); it makes the
/// program's `main`, which loads the module, drives its device from stdin and unloads it.
#[macro_export]
macro_rules! module {
    (type: $type:ident, name: $name:literal $(, $($rest:tt)*)?) => {
        const __LOG_PREFIX: &[u8] = ::core::concat!($name, "\0").as_bytes();
        #[allow(dead_code)]
        static THIS_MODULE: $crate::ThisModule = unsafe { $crate::ThisModule::from_ptr(::core::ptr::null_mut()) };
        fn main() -> $crate::__std::process::ExitCode {
            $crate::userspace::run::<$type>($name, &THIS_MODULE)
        }
    };
}

/// The part of the kernel and the shell a userspace run needs: a table of registered
/// misc devices and the echo/cat loop.
pub mod userspace {
    use crate::error::Result;
    use crate::fs::File;
    use core::ffi::c_void;
    use std::io::{BufRead, Write};
    use std::sync::Mutex;

    pub(crate) trait FileOps {
        fn registration(&self) -> *const ();
        fn open(&self, file: &File) -> Result<*mut c_void>;
        fn release(&self, private: *mut c_void, file: &File);
        fn write(&self, private: *mut c_void, pos: &mut i64, data: &[u8]) -> Result<usize>;
        fn read(&self, private: *mut c_void, pos: &mut i64, buf: &mut [u8]) -> Result<usize>;
    }

    struct Entry {
        name: std::string::String,
        ops: std::boxed::Box<dyn FileOps>,
    }
    // SAFETY: the table only holds pointers to registrations, which are Send + Sync.
    unsafe impl Send for Entry {}

    static DEVICES: Mutex<std::vec::Vec<Entry>> = Mutex::new(std::vec::Vec::new());
    static NEXT_FILE: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(1);

    fn devices() -> std::sync::MutexGuard<'static, std::vec::Vec<Entry>> {
        DEVICES.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn register(name: &str, ops: std::boxed::Box<dyn FileOps>) -> Result {
        let mut d = devices();
        if d.iter().any(|e| e.name == name) {
            return Err(crate::error::code::EBUSY);
        }
        d.push(Entry { name: name.into(), ops });
        Ok(())
    }

    pub(crate) fn deregister(registration: *const ()) {
        let mut d = devices();
        d.retain(|e| e.ops.registration() != registration);
        if d.is_empty() {
            // Free the table too, so that an unloaded module leaves nothing allocated.
            d.shrink_to_fit();
        }
    }

    /// The names of the devices registered now (for tests).
    pub fn registered() -> std::vec::Vec<std::string::String> {
        devices().iter().map(|e| e.name.clone()).collect()
    }

    /// One open file: open, operations, release. The table lock is not held while the
    /// module's code runs (it may register or deregister).
    fn with_open_file<R>(name: &str, f: impl FnOnce(&dyn FileOps, *mut c_void, &mut i64) -> R) -> core::result::Result<R, std::string::String> {
        let ops: *const dyn FileOps = match devices().iter().find(|e| e.name == name) {
            Some(e) => &*e.ops,
            None => return Err("No such file or directory".into()),
        };
        // SAFETY: devices are only deregistered by dropping the module, which happens
        // after every file is closed (the module is not unloaded while files are open).
        let ops = unsafe { &*ops };
        let file = File { id: NEXT_FILE.fetch_add(1, core::sync::atomic::Ordering::Relaxed) };
        let private = ops.open(&file).map_err(|e| {
            failed("open", e);
            format!("open: {:?}", e)
        })?;
        let mut pos = 0i64;
        let r = f(ops, private, &mut pos);
        ops.release(private, &file);
        Ok(r)
    }

    fn env_usize(name: &str) -> Option<usize> {
        std::env::var(name).ok().and_then(|s| s.parse().ok())
    }

    /// `echo LINE > /dev/NAME` (the line gets its "\n"): write until everything is
    /// taken, as a shell's write loop does. Errors go to stderr. With
    /// `KPORT_SHIM_WRITE_SIZE=n`, each write passes at most n bytes (a writer that
    /// splits lines across writes, as `cat file > /dev/NAME` may).
    pub fn echo(name: &str, line: &[u8]) -> bool {
        let mut data = line.to_vec();
        data.push(b'\n');
        let most = env_usize("KPORT_SHIM_WRITE_SIZE").unwrap_or(usize::MAX).max(1);
        let r = with_open_file(name, |ops, private, pos| {
            let mut rest = &data[..];
            while !rest.is_empty() {
                match ops.write(private, pos, &rest[..rest.len().min(most)]) {
                    Ok(0) => return Err("write returned 0".to_string()),
                    Ok(n) if n > rest.len() => return Err(format!("write returned {} for {} bytes", n, rest.len())),
                    Ok(n) => rest = &rest[n..],
                    Err(e) => {
                        failed("write", e);
                        return Err(format!("write error: {:?}", e));
                    }
                }
            }
            Ok(())
        });
        match r.and_then(|r| r) {
            Ok(()) => true,
            Err(msg) => {
                eprintln!("echo > /dev/{}: {}", name, msg);
                false
            }
        }
    }

    /// `cat /dev/NAME`: read until a read returns 0, print it to stdout.
    pub fn cat(name: &str) -> bool {
        let chunk = env_usize("KPORT_SHIM_READ_SIZE").unwrap_or(4096).max(1);
        let r = with_open_file(name, |ops, private, pos| {
            let mut buf = std::vec![0u8; chunk];
            let mut out = std::io::stdout().lock();
            loop {
                match ops.read(private, pos, &mut buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => {
                        stdout_bytes(n);
                        let _ = out.write_all(&buf[..n]);
                        let _ = out.flush();
                    }
                    Err(e) => {
                        failed("read", e);
                        return Err(format!("read error: {:?}", e));
                    }
                }
            }
        });
        match r.and_then(|r| r) {
            Ok(()) => true,
            Err(msg) => {
                eprintln!("cat /dev/{}: {}", name, msg);
                false
            }
        }
    }

    // -----------------------------------------------------------------------
    // The allocation-failure report (`KPORT_FAIL_ALLOC`, see `alloc::fault`).
    // -----------------------------------------------------------------------

    /// Bytes printed to stdout so far (by `cat` and by `pr_info!` and friends).
    static STDOUT_BYTES: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
    /// The stdin line being written (1-based; 0 while loading, lines + 1 while unloading).
    static LINE: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

    pub(crate) fn stdout_bytes(n: usize) {
        STDOUT_BYTES.fetch_add(n, core::sync::atomic::Ordering::SeqCst);
    }

    /// A failed operation: `op` is init, open, write or read.
    #[derive(Clone, Copy)]
    struct Failure {
        op: &'static str,
        line: usize,
        errno: crate::error::Error,
        /// Bytes on stdout when it failed.
        stdout: usize,
    }

    /// Room for this many failures is reserved before the module loads, so recording
    /// one allocates nothing that could look like the module's.
    const MAX_FAILURES: usize = 256;
    static FAILURES: Mutex<std::vec::Vec<Failure>> = Mutex::new(std::vec::Vec::new());

    fn failures() -> std::sync::MutexGuard<'static, std::vec::Vec<Failure>> {
        FAILURES.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn failed(op: &'static str, errno: crate::error::Error) {
        let mut f = failures();
        if f.len() < f.capacity() {
            let line = LINE.load(core::sync::atomic::Ordering::SeqCst);
            let stdout = STDOUT_BYTES.load(core::sync::atomic::Ordering::SeqCst);
            f.push(Failure { op, line, errno, stdout });
        }
    }

    /// With `KPORT_FAIL_ALLOC` set: a panic is marked, and what std creates on first use
    /// (the stdin and stdout buffers, the thread handle, the failure table) is created
    /// now, before the module loads. Returns the live (blocks, bytes) to compare with
    /// after the unload.
    fn prepare_report() -> (isize, isize) {
        let default = std::panic::take_hook();
        std::panic::set_hook(std::boxed::Box::new(move |info| {
            eprintln!("kport-shim: panic");
            default(info);
        }));
        let _ = std::io::stdin();
        {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(b"");
            let _ = out.flush();
        }
        let _ = std::io::stderr().write_all(b"");
        let _ = std::thread::current();
        failures().reserve_exact(MAX_FAILURES);
        crate::alloc::live::now()
    }

    /// The last line on stderr: `kport-shim-report: {json}` with the number of
    /// allocations made, whether the one `KPORT_FAIL_ALLOC` names was reached, every
    /// failed operation (op, stdin line, errno name, bytes on stdout at the time), and
    /// the blocks and bytes still allocated after the module was unloaded.
    fn report(baseline: (isize, isize)) {
        let (blocks, bytes) = crate::alloc::live::now();
        let (leaked_blocks, leaked_bytes) = (blocks - baseline.0, bytes - baseline.1);
        let list: std::vec::Vec<std::string::String> = failures()
            .iter()
            .map(|f| format!("{{\"op\":\"{}\",\"line\":{},\"errno\":\"{:?}\",\"stdout\":{}}}", f.op, f.line, f.errno, f.stdout))
            .collect();
        eprintln!(
            "kport-shim-report: {{\"allocations\":{},\"injected\":{},\"failures\":[{}],\"leakedBlocks\":{},\"leakedBytes\":{}}}",
            crate::alloc::fault::count(),
            crate::alloc::fault::injected(),
            list.join(","),
            leaked_blocks,
            leaked_bytes
        );
    }

    /// `insmod`, then `echo LINE > /dev/NAME; cat /dev/NAME` for every stdin line, then `rmmod`.
    /// With `KPORT_SHIM_CAT_EVERY=n`, `cat` runs after every n-th line and after the last
    /// (`0`: only after the last), so output piles up in the device between reads.
    /// Exit status 0 when the module loaded (failed writes and reads are only reported,
    /// as a shell script would go on), 1 when `init` failed or registered no device.
    /// With `KPORT_FAIL_ALLOC` set, the run ends with `report` (also when `init` failed).
    pub fn run<M: crate::Module>(name: &str, this: &'static crate::ThisModule) -> std::process::ExitCode {
        let baseline = crate::alloc::fault::fail_at().map(|_| prepare_report());
        let status = load_and_drive::<M>(name, this);
        if let Some(baseline) = baseline {
            report(baseline);
        }
        status
    }

    fn load_and_drive<M: crate::Module>(name: &str, this: &'static crate::ThisModule) -> std::process::ExitCode {
        let module = match M::init(this) {
            Ok(m) => m,
            Err(e) => {
                failed("init", e);
                eprintln!("insmod {}: init failed: {:?}", name, e);
                return std::process::ExitCode::FAILURE;
            }
        };
        let dev = {
            let d = devices();
            if d.iter().any(|e| e.name == name) {
                Some(name.to_string())
            } else if d.len() == 1 {
                eprintln!("note: no /dev/{}; using /dev/{}, the only device", name, d[0].name);
                Some(d[0].name.clone())
            } else {
                None
            }
        };
        let Some(dev) = dev else {
            eprintln!("insmod {}: the module registered no misc device named {}", name, name);
            drop(module);
            return std::process::ExitCode::FAILURE;
        };
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut line = std::vec::Vec::new();
        let every = env_usize("KPORT_SHIM_CAT_EVERY").unwrap_or(1);
        let mut count = 0usize;
        let mut unread = false;
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    eprintln!("stdin: {}", e);
                    break;
                }
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            count += 1;
            LINE.store(count, core::sync::atomic::Ordering::SeqCst);
            echo(&dev, &line);
            unread = true;
            if every > 0 && count % every == 0 {
                cat(&dev);
                unread = false;
            }
        }
        if unread {
            cat(&dev);
        }
        drop(line);
        LINE.store(count + 1, core::sync::atomic::Ordering::SeqCst);
        drop(module);
        if !devices().is_empty() {
            eprintln!("rmmod {}: a misc device is still registered after unload", name);
            return std::process::ExitCode::FAILURE;
        }
        std::process::ExitCode::SUCCESS
    }
}

// ---------------------------------------------------------------------------
// prelude.rs
// ---------------------------------------------------------------------------
pub mod prelude {
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
    pub use macros::fmt;
    pub use shim_macros::{pin_data, pinned_drop, vtable};

    pub use crate::dbg;
    pub use crate::{pr_alert, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};

    pub use crate::error::{code::*, Error, Result};
    pub use crate::init::{InPlaceInit, Init, PinInit};

    pub use crate::{str::CStr, ThisModule};
}

pub use shim_macros::{pin_data, pinned_drop, vtable};
