// fallible-propagation's diagnostic codes (K0401–K0410, K0415) and their long explanations for `kport explain`.
import type { CodeInfo } from '../../src/engine/types.ts';

export const CODES: CodeInfo[] = [
  {
    code: 'K0401',
    severity: 'error',
    title: 'a fallible call is in a function whose signature cannot change',
    explanation: `The function contains a call that can now fail (an allocation, or a crate
export function that now returns \`Result\`), but it cannot return \`Result\`: it is
\`Drop::drop\`, or it implements a trait defined outside the crate
(\`Display::fmt\`, \`From::from\`, \`PartialOrd::partial_cmp\`, ...), or it is an
\`extern\` function. kport leaves the \`?\` in place, so the compiler points at the
same spot. Decide what the function does when memory runs out: handle the
error right there, allocate earlier in a function that can fail (and pass
the memory in), or stop using the trait.

Before:
    impl Drop for Log {
        fn drop(&mut self) { self.flush(); }        // flush now returns Result
    }
After (by kport; reported):
    impl Drop for Log {
        fn drop(&mut self) { self.flush()?; }
    }
A decision, for instance: flush in a method that can fail, called before the
value goes away, and keep \`drop\` free of allocations:
    impl Log {
        fn close(mut self) -> Result { self.flush() }
    }`,
  },
  {
    code: 'K0402',
    severity: 'error',
    title: 'a fallible call is inside a closure or async block that cannot return its error',
    explanation: `A closure (or async block, or constant) contains a call that can now fail, and
nothing shows that the closure returns \`Result\`. Its error cannot reach the
enclosing function through \`?\`. kport leaves the \`?\` there so the compiler
points at it. Usually the closure is passed to an iterator adaptor: rewrite
it as a \`for\` loop in the enclosing function, which can then propagate.

Before:
    items.iter().for_each(|x| out.push(*x, GFP_KERNEL)?);
Decision:
    for x in items.iter() {
        out.push(*x, GFP_KERNEL)?;
    }`,
  },
  {
    code: 'K0403',
    severity: 'error',
    title: 'a fallible call is in a function returning `Option` that cannot return `Result<Option<T>>`',
    explanation: `The function returns \`Option\` and now contains a call that can fail (an
allocation, or a crate function that now returns \`Result\`). kport never turns
that failure into \`None\`: callers would read "out of memory" as "not found"
or "malformed". It makes such a function return \`Result<Option<T>>\` instead
(\`Some(x)\`/\`None\` become \`Ok(Some(x))\`/\`Ok(None)\`, an \`opt?\` becomes an early
\`return Ok(None)\`, and every caller gets \`?\`, which gives it the \`Option\`
back). This error says it could not: the signature is fixed (a trait from
outside the crate such as \`Iterator::next\`, an \`extern\` function), or the
body uses \`?\` on an \`Option\` inside a macro's arguments, which kport cannot
turn into an early return. The \`?\` stays so the compiler points at it.

Before:
    impl Iterator for Words {
        type Item = KVec<u8>;
        fn next(&mut self) -> Option<KVec<u8>> { let mut w = KVec::new(); w.push(b'a', GFP_KERNEL)?; Some(w) }
    }
A decision, for instance: allocate in a method that can fail, and iterate over
what it built; or yield \`Result<KVec<u8>>\` items (\`type Item = Result<KVec<u8>>\`).`,
  },
  {
    code: 'K0404',
    severity: 'error',
    title: "the function's own error type cannot hold the kernel error",
    explanation: `The function returns \`Result<T, E>\` with an error type \`E\` defined in the
crate, and now uses \`?\` on an allocation (which fails with
\`kernel::alloc::AllocError\`) or on a crate function (or \`try_collect\`) that now
returns the kernel \`Result\` (which fails with \`kernel::error::Error\`). \`?\`
converts errors with \`From\`, and \`E\` has no such impl. kport adds it itself
when it can tell which variant means "out of memory" (K0407) or can add one
(K0410); this error says it could not, and why: several variants could mean
it (the help then gives the impl with one of them, ready to paste), the enum
is generic or has a \`#[repr]\`, a \`match\` names every variant so a new one
would not build, or \`E\` is a struct. Decide how \`E\` says "out of memory",
then add, for instance:

    impl From<kernel::alloc::AllocError> for ParseError {
        fn from(_: kernel::alloc::AllocError) -> Self {
            ParseError::OutOfMemory
        }
    }`,
  },
  {
    code: 'K0405',
    severity: 'error',
    title: 'the function returns a library error type that cannot hold the kernel error',
    explanation: `The function returns a \`Result\` whose error type comes from outside the
crate (\`fmt::Error\`, \`&'static str\`, ...) and now uses \`?\` on something that
fails with a kernel error. There is no conversion. Make the function return
the kernel \`Result\` (and map its other errors into \`kernel::error::Error\`), or
handle the allocation failure where it happens.

Not reported, because \`?\` already converts: the kernel \`Error\` under any of
its paths (\`Error\`, \`error::Error\`, \`kernel::error::Error\`), \`AllocError\`
for an allocation (\`Result<_, AllocError>\`), and a generic \`E\` bounded by
\`From<AllocError>\` (or \`From<Error>\` for a call that now returns the kernel
\`Result\`). An error type imported from a crate module kport was not given
(checking one file of a crate) is a warning: kport cannot see its \`From\` impls.

Before:
    fn show(v: &mut KVec<u8>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        v.push(1, GFP_KERNEL)?;                     // fmt::Error has no From<AllocError>
        f.write_str("x")
    }
Decision, for instance: allocate before formatting, in a function that returns \`Result\`.`,
  },
  {
    code: 'K0407',
    severity: 'note',
    title: 'kport added a `From` impl that maps the kernel error to the crate\'s own error enum',
    explanation: `A function returns \`Result<T, E>\` with a crate enum \`E\`, and now uses \`?\` on an
allocation (\`kernel::alloc::AllocError\`) or on a call that returns the kernel
\`Result\` (\`kernel::error::Error\`). kport adds the conversion after the enum, to:

- a variant holding the kernel error (\`Kernel(kernel::error::Error)\`), when
  \`E\` has exactly one: the error is kept as it is (an \`AllocError\` becomes
  \`ENOMEM\` through the kernel's own \`From\`);
- otherwise the one unit variant whose name says "out of memory"
  (\`OutOfMemory\`, \`NoMemory\`, \`Oom\`, \`AllocError\`, ...), or the one kport
  added (K0410). A kernel error maps there too: every kernel error a function
  kport made fallible passes on comes from an allocation (\`ENOMEM\`).

    impl From<kernel::alloc::AllocError> for ParseError {
        fn from(_: kernel::alloc::AllocError) -> Self {
            ParseError::OutOfMemory
        }
    }

Where kport cannot choose, it reports K0404 instead.`,
  },
  {
    code: 'K0408',
    severity: 'error',
    title: 'a function that now returns `Result` is used as a value',
    explanation: `The function now returns \`Result\`, and it is passed or stored as a value
(\`iter.map(parse)\`, \`let f = parse;\`, a field of function type). Whoever calls
it through that value still expects the old return type. kport cannot follow
the value, so it reports the place.

Before:
    let lens = words.iter().map(measure);           // measure now returns Result<usize>
Decision, for instance:
    let mut lens = KVec::new();
    for w in words.iter() { lens.push(measure(w)?, GFP_KERNEL)?; }`,
  },
  {
    code: 'K0406',
    severity: 'warning',
    title: 'a call may reach a function that now returns `Result`, but kport cannot tell which',
    explanation: `The call's target is not certain: a method name that several crate types
define, or that library types define too, with a receiver whose type kport
cannot see. kport does not guess, so the call is unchanged. If it calls the
crate function that now returns \`Result\`, add \`?\` (or handle the error).

Before:
    fn go(s: &mut impl Sink) { s.emit(1); }    // Log::emit now returns Result
After (by you, when it is Log::emit):
    fn go(s: &mut impl Sink) -> Result { s.emit(1)?; Ok(()) }`,
  },
  {
    code: 'K0415',
    severity: 'error',
    title: 'a fallible call is in the arguments of a macro kport cannot read',
    explanation: `A call of a function that now returns \`Result\` (or an allocation kport made
fallible) is written in the arguments of a macro whose arguments kport cannot
read as expressions of the function around it: a \`macro_rules!\` macro of the
crate, a macro from another crate, or arguments that do not parse as
expressions around a possible closure. Whether a \`?\` can go there depends on
what the macro expands to, so kport leaves the call as it is and does not
change the function around it. Macros whose arguments are never run
(\`stringify!\`, \`concat!\`, ...) are left alone without a report; the std, log
and kernel formatting and assertion macros, \`vec!\`/\`kvec!\` and \`matches!\`
get the \`?\` like any other code.

Before:
    macro_rules! twice { ($e:expr) => { $e + $e } }
    fn sum(v: &mut KVec<u32>) -> u32 { twice!(total(v)) }      // total now returns Result<u32>
Decision, for instance:
    fn sum(v: &mut KVec<u32>) -> Result<u32> { let t = total(v)?; Ok(twice!(t)) }`,
  },
  {
    code: 'K0409',
    severity: 'error',
    title: 'a fallible call is inside a closure that returns `Option`',
    explanation: `A closure returns \`Option\` (\`filter_map\`, \`and_then\`, \`find_map\`, ...) and now
contains a call that can fail. Its \`?\` cannot pass the failure on, and kport
does not turn it into \`None\`: out of memory would read as "nothing here". The
\`?\` stays so the compiler points at it. Usually the closure is an iterator
adaptor's argument: write the loop out in the enclosing function, which can
return the error.

Before:
    let lens = words.iter().filter_map(|w| { let mut v = KVec::new(); v.push(w.len(), GFP_KERNEL)?; Some(v) });
Decision, for instance:
    let mut lens = KVec::new();
    for w in words.iter() {
        let mut v = KVec::new();
        v.push(w.len(), GFP_KERNEL)?;
        lens.push(v, GFP_KERNEL)?;
    }`,
  },
  {
    code: 'K0410',
    severity: 'note',
    title: 'kport added an `OutOfMemory` variant to the crate\'s error enum',
    explanation: `A function returns \`Result<T, E>\` with a crate enum \`E\` that has no variant
meaning "out of memory", and now uses \`?\` on an allocation or on a call that
returns the kernel \`Result\`. \`E\` is not generic and has no \`#[repr]\` or
explicit values, and nothing in the crate names every variant of \`E\` (no
\`match\` without a \`_\` arm, no irrefutable \`let\`) except \`Display\`/\`Debug\`
\`fmt\` matches whose arms only write text (\`write!(f, ..)\`, \`f.write_str(..)\`),
which get an arm writing "out of memory". So a new unit variant breaks
nothing: kport adds \`OutOfMemory\` at the end and the \`From\` impls to it
(K0407). Code outside the crate that matches on \`E\` needs an arm for it.

Before:
    pub enum LoadError { Missing }
After:
    pub enum LoadError { Missing, OutOfMemory }

    impl From<kernel::alloc::AllocError> for LoadError {
        fn from(_: kernel::alloc::AllocError) -> Self {
            LoadError::OutOfMemory
        }
    }`,
  },
];
