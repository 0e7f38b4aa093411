// `Rc` and `Weak`: shared ownership within one thread, with weak references.
//
// The kernel's reference-counted pointer is `kernel::sync::Arc`
// (rust/kernel/sync/arc.rs), and compat-rc ports `Rc` to it where it means the
// same (K0710). It has no weak references and does not expose its count, so a
// program that uses `Weak`, `Rc::downgrade`, `Rc::strong_count` or
// `Rc::weak_count` gets these instead: the value and its two counts live in
// one `KBox` (rust/kernel/alloc/kbox.rs: `KBox::new_uninit(flags)`,
// `KBox::write`, `KBox::into_raw`, `KBox::from_raw`), so `Rc::new(x, flags)`
// allocates with the caller's flags and can fail (`AllocError`, as
// `KBox::new`); `clone`, `downgrade` and `upgrade` allocate nothing. The
// counts are std's: the value is dropped with the last `Rc`, the allocation
// freed with the last `Rc` or `Weak` (the `Rc`s together hold one weak
// count), and `Weak::new()` points to nothing. A count that reaches
// `usize::MAX` saturates as the kernel's `refcount_t` does
// (include/linux/refcount.h) instead of wrapping: the value then stays
// allocated. Not `Send`/`Sync` (a raw pointer inside), as std's. Every profile
// whose box is the kernel's own `KBox` (6.13 on) has them; v6.10 and v6.1 have
// no form, and compat-rc reports `Rc` there as before.
import type { Profile } from '../kernel-api/profiles.ts';
import type { CompatItem, CompatPiece, CompatScan } from './piece.ts';

/** Whether ported code on this profile may use the compat `Rc`/`Weak`. */
export function rcOn(p: Profile): boolean {
  return p.alloc.boxType === 'KBox' && p.alloc.vecType === 'KVec';
}

const PRELUDE = ['kernel::prelude::*'];
const FLAGS = 'kernel::alloc::Flags';
const ALLOC_ERROR = 'kernel::alloc::AllocError';
const CELL = 'core::cell::Cell<usize>';
const PTR = 'core::ptr::NonNull';

type Owner = 'Rc' | 'Weak';

/** The name is the compat type's in this file: written, not the file's own, not std's (`use std::rc::Rc;` kept where compat-rc reported instead). */
const named = (s: CompatScan, n: Owner) => s.names.has(n) && !s.own(n) && !s.std(n);

const RC_EXAMPLE = (use: string) => `    let a = Rc::new(5u8, GFP_KERNEL)?;\n${use}`;

const RC_TYPE = `/// Shared ownership within one thread, in place of std's \`Rc\`, with weak references
/// (\`Weak\`): the value and its two counts live in one \`KBox\` (rust/kernel/alloc/kbox.rs),
/// so making one allocates with the caller's flags and can fail (\`Rc::new(x, GFP_KERNEL)?\`);
/// \`clone\` adds a handle and allocates nothing. The value is dropped with the last \`Rc\`,
/// the allocation freed with the last \`Rc\` or \`Weak\`. In upstream code prefer the kernel's
/// \`Arc\` (rust/kernel/sync/arc.rs), and an index or a borrowed reference in place of a
/// weak link.
pub(crate) struct Rc<T> {
    ptr: ${PTR}<RcBox<T>>,
}

/// The allocation an \`Rc\` and its \`Weak\`s point to.
struct RcBox<T> {
    /// The \`Rc\` handles.
    strong: ${CELL},
    /// The \`Weak\` handles, plus one that the \`Rc\` handles hold together: the allocation
    /// lives while this is not 0 (std counts the same way).
    weak: ${CELL},
    /// Dropped when \`strong\` reaches 0.
    value: core::mem::ManuallyDrop<T>,
}

/// One more handle. A count that reaches \`usize::MAX\` stays there (it saturates, as the
/// kernel's \`refcount_t\` does: include/linux/refcount.h), and its value is never freed.
fn rc_inc(count: &${CELL}) {
    let n = count.get();
    if n != usize::MAX {
        count.set(n + 1);
    }
}

/// One handle fewer: whether it was the last (never, for a saturated count).
fn rc_dec(count: &${CELL}) -> bool {
    let n = count.get();
    if n == usize::MAX {
        return false;
    }
    count.set(n - 1);
    n == 1
}

/// The counts of the allocation at \`ptr\`, borrowed field by field: no reference covers
/// the value, which may be being dropped.
///
/// # Safety
///
/// \`ptr\` points to an allocation made by \`Rc::new\` that a handle keeps alive for \`'a\`.
unsafe fn rc_counts<'a, T>(ptr: ${PTR}<RcBox<T>>) -> (&'a ${CELL}, &'a ${CELL}) {
    let p = ptr.as_ptr();
    // SAFETY: \`p\` is live (the caller's promise); these borrow the two count fields only.
    unsafe { (&(*p).strong, &(*p).weak) }
}

/// Gives up one weak count of the allocation at \`ptr\`, freeing it with the last.
///
/// # Safety
///
/// \`ptr\` points to an allocation made by \`Rc::new\` whose value was dropped if \`strong\`
/// is 0, and the caller owns the weak count it gives up.
unsafe fn rc_release<T>(ptr: ${PTR}<RcBox<T>>) {
    // SAFETY: the caller's weak count keeps the allocation alive.
    let (_, weak) = unsafe { rc_counts(ptr) };
    if rc_dec(weak) {
        // SAFETY: that was the last handle of any kind, so \`strong\` is 0 and the value was
        // dropped; \`ptr\` came from \`KBox::into_raw\` in \`Rc::new\`, and the value is a
        // \`ManuallyDrop\`, so freeing the box drops nothing more.
        drop(unsafe { KBox::from_raw(ptr.as_ptr()) });
    }
}

impl<T> core::ops::Deref for Rc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: this handle keeps the allocation and its value alive (\`strong\` > 0).
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

impl<T> Clone for Rc<T> {
    /// Another handle to the same value; allocates nothing.
    fn clone(&self) -> Self {
        // SAFETY: this handle keeps the allocation alive.
        let (strong, _) = unsafe { rc_counts(self.ptr) };
        rc_inc(strong);
        Self { ptr: self.ptr }
    }
}

impl<T> Drop for Rc<T> {
    fn drop(&mut self) {
        // SAFETY: this handle keeps the allocation alive.
        let (strong, _) = unsafe { rc_counts(self.ptr) };
        if rc_dec(strong) {
            // SAFETY: that was the last \`Rc\`: nothing reads the value again
            // (\`Weak::upgrade\` sees \`strong\` at 0), and it is dropped once.
            unsafe { core::mem::ManuallyDrop::drop(&mut (*self.ptr.as_ptr()).value) };
            // SAFETY: the last \`Rc\` gives up the weak count the \`Rc\`s held together.
            unsafe { rc_release(self.ptr) };
        }
    }
}

impl<T: core::fmt::Debug> core::fmt::Debug for Rc<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&**self, f)
    }
}

/// Compared, ordered and hashed by value, as std's \`Rc\` is (a derive over a type holding one).
impl<T: PartialEq> PartialEq for Rc<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Rc<T> {}

impl<T: PartialOrd> PartialOrd for Rc<T> {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: Ord> Ord for Rc<T> {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: core::hash::Hash> core::hash::Hash for Rc<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T: core::fmt::Display> core::fmt::Display for Rc<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&**self, f)
    }
}
`;

/** mainline: \`pr_*!\` and \`fmt!\` format \`{}\` through the kernel's own \`Display\` (rust/kernel/fmt.rs). */
const RC_KERNEL_DISPLAY = `
/// mainline: \`pr_*!\` and \`fmt!\` format through the kernel's own \`Display\` (rust/kernel/fmt.rs).
impl<T: kernel::fmt::Display> kernel::fmt::Display for Rc<T> {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        kernel::fmt::Display::fmt(&**self, f)
    }
}
`;

const WEAK_TYPE = `/// A weak handle to an \`Rc\`'s value, in place of std's \`rc::Weak\`: it keeps the allocation,
/// not the value, and \`upgrade\` gives an \`Rc\` while one still exists. \`Weak::new()\`
/// points to nothing and allocates nothing.
pub(crate) struct Weak<T> {
    ptr: Option<${PTR}<RcBox<T>>>,
}

impl<T> Clone for Weak<T> {
    /// Another weak handle; allocates nothing.
    fn clone(&self) -> Self {
        if let Some(ptr) = self.ptr {
            // SAFETY: this handle keeps the allocation alive.
            let (_, weak) = unsafe { rc_counts(ptr) };
            rc_inc(weak);
        }
        Self { ptr: self.ptr }
    }
}

impl<T> Drop for Weak<T> {
    fn drop(&mut self) {
        if let Some(ptr) = self.ptr {
            // SAFETY: this handle's weak count, given up.
            unsafe { rc_release(ptr) };
        }
    }
}

/// As std's: a weak handle does not print its value.
impl<T> core::fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("(Weak)")
    }
}
`;

function typePiece(name: Owner, text: (p: Profile) => string, example: string, requires: readonly string[]): CompatPiece {
  return {
    id: name,
    generics: '<T>',
    import: name,
    requires,
    watch: { names: [name] },
    usedIn: (s) => named(s, name),
    text: (p) => (rcOn(p) ? { uses: PRELUDE, text: text(p) } : null),
    example,
  };
}

/** An associated function, written as a path (`Rc::new(..)`, `Rc::strong_count(&a)`). */
function assoc(owner: Owner, name: string, text: string, example: string, requires: readonly string[] = []): CompatPiece {
  const id = `${owner}::${name}`;
  return {
    id,
    owner,
    requires: [owner, ...requires],
    watch: { names: [owner] },
    usedIn: (s) => s.paths.has(id) && !s.own(owner) && !s.std(owner),
    text: (p) => (rcOn(p) ? { uses: [], text } : null),
    example,
  };
}

const RC = typePiece('Rc', (p) => (p.fmtPath === 'kernel::fmt' ? `${RC_TYPE}${RC_KERNEL_DISPLAY}` : RC_TYPE), RC_EXAMPLE('    let b = Rc::clone(&a);\n    let s = kernel::str::CString::try_from_fmt(fmt!("{} {:?}", a, b))?;\n    let _ = s;'), ['Rc::new']);

const RC_METHODS: CompatPiece[] = [
  assoc('Rc', 'new', `    /// \`Rc::new(value)\` of std, allocating with \`flags\` (\`KBox::new_uninit\`): on failure
    /// \`value\` is dropped and \`AllocError\` returned.
    pub(crate) fn new(value: T, flags: ${FLAGS}) -> Result<Self, ${ALLOC_ERROR}> {
        let slot = KBox::new_uninit(flags)?;
        let rc = RcBox {
            strong: core::cell::Cell::new(1),
            weak: core::cell::Cell::new(1),
            value: core::mem::ManuallyDrop::new(value),
        };
        // SAFETY: \`KBox::into_raw\` never returns null.
        let ptr = unsafe { ${PTR}::new_unchecked(KBox::into_raw(KBox::write(slot, rc))) };
        Ok(Self { ptr })
    }
`, RC_EXAMPLE('    let _ = *a;')),
  assoc('Rc', 'strong_count', `    /// How many \`Rc\` handles share the value (std's \`Rc::strong_count\`).
    pub(crate) fn strong_count(this: &Self) -> usize {
        // SAFETY: \`this\` keeps the allocation alive.
        let (strong, _) = unsafe { rc_counts(this.ptr) };
        strong.get()
    }
`, RC_EXAMPLE('    let _ = Rc::strong_count(&a);')),
  assoc('Rc', 'weak_count', `    /// How many \`Weak\` handles point to the value (std's \`Rc::weak_count\`).
    pub(crate) fn weak_count(this: &Self) -> usize {
        // SAFETY: \`this\` keeps the allocation alive.
        let (_, weak) = unsafe { rc_counts(this.ptr) };
        // Less the one that the \`Rc\` handles hold together.
        weak.get() - 1
    }
`, RC_EXAMPLE('    let _ = Rc::weak_count(&a);')),
  assoc('Rc', 'ptr_eq', `    /// Whether both handles share one value (std's \`Rc::ptr_eq\`).
    pub(crate) fn ptr_eq(this: &Self, other: &Self) -> bool {
        this.ptr == other.ptr
    }
`, RC_EXAMPLE('    let b = Rc::clone(&a);\n    let _ = Rc::ptr_eq(&a, &b);')),
  assoc('Rc', 'downgrade', `    /// A \`Weak\` handle to the value (std's \`Rc::downgrade\`); allocates nothing.
    pub(crate) fn downgrade(this: &Self) -> Weak<T> {
        // SAFETY: \`this\` keeps the allocation alive.
        let (_, weak) = unsafe { rc_counts(this.ptr) };
        rc_inc(weak);
        Weak { ptr: Some(this.ptr) }
    }
`, RC_EXAMPLE('    let w = Rc::downgrade(&a);\n    let _ = w;'), ['Weak']),
];

const WEAK_EXAMPLE = (use: string) => RC_EXAMPLE(`    let w: Weak<u8> = Rc::downgrade(&a);\n${use}`);

const WEAK = typePiece('Weak', () => WEAK_TYPE, WEAK_EXAMPLE('    let v = w.clone();\n    let _ = v;'), ['Rc']);

const WEAK_METHODS: CompatPiece[] = [
  assoc('Weak', 'new', `    /// A weak handle to nothing (\`upgrade\` gives \`None\`); allocates nothing.
    pub(crate) const fn new() -> Self {
        Self { ptr: None }
    }
`, WEAK_EXAMPLE('    let none: Weak<u8> = Weak::new();\n    let _ = (w, none);')),
  {
    id: 'Weak::upgrade',
    owner: 'Weak',
    requires: ['Weak', 'Rc'],
    watch: { names: ['Weak'], methods: ['upgrade'] },
    // Only `Weak` has `upgrade` (std's `sync::Weak` is not ported to it): an untyped receiver counts.
    usedIn: (s) => s.methods.some((m) => {
      if (m.name !== 'upgrade' || m.args !== 0) return false;
      const t = s.typeOf(m.recv);
      return t.k === 'unknown' || (t.k === 'named' && t.name === 'Weak' && !s.own('Weak') && !s.std('Weak'));
    }),
    text: (p) => (rcOn(p) ? { uses: [], text: `    /// An \`Rc\` to the value while one exists, else \`None\` (std's \`Weak::upgrade\`);
    /// allocates nothing.
    pub(crate) fn upgrade(&self) -> Option<Rc<T>> {
        let ptr = self.ptr?;
        // SAFETY: this handle keeps the allocation alive.
        let (strong, _) = unsafe { rc_counts(ptr) };
        if strong.get() == 0 {
            return None;
        }
        rc_inc(strong);
        Some(Rc { ptr })
    }
` } : null),
    example: WEAK_EXAMPLE('    let _ = w.upgrade().map(|b| *b);'),
  },
];

export const RC_ITEM: CompatItem = {
  name: 'Rc, Weak',
  doc: `\`Rc\` and \`Weak\` share a value within one thread, in place of std's \`Rc\` where the
kernel's \`Arc\` lacks what the program uses (weak references, the counts): one \`KBox\`
(rust/kernel/alloc/kbox.rs) holds the value and both counts, so \`Rc::new\` can fail.`,
  pieces: [RC, ...RC_METHODS, WEAK, ...WEAK_METHODS],
};
