import { lineIndent } from '../src/rewrite/remove-lines.ts';
import { macroSite, type MacroSite } from '../src/analysis/macro-site.ts';
import { typeName, type CrateIndex, type CallSite, type FnInfo } from '../src/crate/crate-index.ts';
import { query } from '../src/engine/parse.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { RANK, unitTail, wrapBlockTail, wrapReturns, type Insertion } from '../src/rewrite/result-wrap.ts';
import { returnKind } from '../src/analysis/return-kind.ts';
import { converts, type KernelErr } from '../src/analysis/error-from.ts';
import { enumTarget, type EnumTarget } from '../src/analysis/error-enum.ts';
import { COMPAT_FALLIBLE, compatKernelError } from '../src/compat/fallible.ts';
import type { CodeInfo, CrateContext, CrateTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * fallible-propagation: a function that now contains a fallible site (`?`)
 * it cannot use returns `Result`, and every caller in the crate gets `?`, to
 * a fixpoint.
 *
 *   fn add(v: &mut KVec<u8>) {              fn add(v: &mut KVec<u8>) -> Result {
 *       v.push(1, GFP_KERNEL)?;       →         v.push(1, GFP_KERNEL)?;
 *   }                                           Ok(())
 *                                           }
 *   fn run(v: &mut KVec<u8>) { add(v); }    fn run(v: &mut KVec<u8>) -> Result { add(v)?; Ok(()) }
 */

// Operands whose `?` kport's allocation rewrites introduce (every profile's forms).
// The compat module's own (KString::try_from, kformat!, ...): src/compat/fallible.ts.
const ALLOC = new RegExp(`${/\bGFP_(KERNEL|ATOMIC|NOWAIT|NOIO|NOFS)\b|\bkvec!|\.try_(push|reserve|extend_from_slice|with_capacity|collect)\s*\(|::try_(new|with_capacity)\s*\(/.source}|${COMPAT_FALLIBLE.source}`);
// Where a bare function name is a value rather than a call.
const VALUE_PARENTS = new Set(['arguments', 'let_declaration', 'field_initializer', 'assignment_expression', 'array_expression', 'tuple_expression', 'return_expression']);
// Methods of `Result` that show a call's result is already looked at.
const RESULT_METHODS = new Set(['ok', 'err', 'is_ok', 'is_err', 'is_ok_and', 'is_err_and', 'map_err', 'unwrap', 'expect', 'unwrap_or', 'unwrap_or_else', 'unwrap_or_default', 'and_then', 'or_else', 'inspect_err', 'expect_err', 'unwrap_err']);

const CODES: CodeInfo[] = [
  {
    code: 'K0401',
    severity: 'error',
    title: 'a fallible call is in a function whose signature cannot change',
    explanation: `The function contains a call that can now fail (an allocation, or a crate
function that now returns \`Result\`), but it cannot return \`Result\`: it is
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

// `scope`: for a site in a macro's arguments, the closure (or async block, const) written there around it.
type Site = { file: number; node: SyntaxNode; kind: 'try' | 'call'; end?: number; callee?: string; scope?: SyntaxNode };

const TRY = '(try_expression) @t';

class Propagation {
  readonly changed = new Set<number>();
  private readonly work: number[] = [];
  private readonly callsByGroup = new Map<number, CallSite[]>();
  private readonly calls = new Map<string, Site>();
  /** Groups that returned `Option` and now return `Result<Option<T>>`: every call of them gets `?`. */
  private readonly optionGroups = new Set<number>();
  private readonly reported = new Set<string>();
  private readonly froms = new Map<string, string | undefined>();
  /** A `v.remove(i)?` on a kernel vector somewhere in the crate: changed functions may fail with EINVAL, not only ENOMEM. */
  private removes = false;
  /** Crate error enum → the variant its `From` impls map to (see src/analysis/error-enum.ts). */
  private readonly targets = new Map<string, EnumTarget>();
  private readonly variantAdded = new Set<string>();
  /** Names the crate defines with `macro_rules!`. */
  private readonly crateMacros = new Set<string>();

  constructor(
    readonly index: CrateIndex,
    readonly ctx: CrateContext,
  ) {
    for (const c of index.calls) {
      if (c.why || c.groups.length !== 1) continue;
      const list = this.callsByGroup.get(c.groups[0]) ?? [];
      list.push(c);
      this.callsByGroup.set(c.groups[0], list);
    }
    for (const f of ctx.files) for (const m of f.text.matchAll(/\bmacro_rules!\s*([A-Za-z_]\w*)/g)) this.crateMacros.add(m[1]);
  }

  /** Where a site in a macro's arguments runs (see src/analysis/macro-site.ts). */
  private macroSite(file: number, token: SyntaxNode, start: number, end: number): MacroSite {
    return macroSite(this.ctx.files[file].tree, token, start, end, this.crateMacros);
  }

  run(): void {
    this.ctx.files.forEach((f, file) => {
      if (!f.text.includes('?')) return;
      for (const m of query(TRY).matches(f.tree.rootNode)) {
        const t = m.captures[0].node;
        const remove = this.vecRemove(file, t);
        this.removes ||= remove;
        this.consider({ file, node: t, kind: 'try' }, isIntroduced(t) || remove);
      }
      // A `?` among a macro's argument tokens (`pr_info!("{}", KBox::new(x, GFP_KERNEL)?)`).
      for (const m of query('(macro_invocation (token_tree) @tt)').matches(f.tree.rootNode)) {
        for (const q of questionTokens(m.captures[0].node)) {
          const before = operandTokens(q);
          const introduced = !/\.ok\(\s*\)$/.test(before) && ALLOC.test(before);
          const where = this.macroSite(file, q, q.startIndex, q.endIndex);
          if (where.kind === 'text') continue;
          if (where.kind === 'unknown') {
            if (introduced) this.unknownMacro(file, q, 'this `?`', where);
            continue;
          }
          this.consider({ file, node: q, kind: 'try', scope: where.scope }, introduced);
        }
      }
    });
    while (this.work.length) {
      const g = this.work.shift()!;
      for (const c of this.callsByGroup.get(g) ?? []) {
        // A call of a function that returned `Option` used that `Option`: `?` gives it back, whatever follows.
        if (!this.optionGroups.has(g) && (c.macroArgs ? tokensHandled(c.macroArgs) : isHandled(c.node))) continue;
        const key = `${c.file}:${c.node.startIndex}:${c.end}`;
        if (this.calls.has(key)) continue;
        const site: Site = { file: c.file, node: c.node, kind: 'call', end: c.end, callee: c.callee };
        if (c.macroArgs) {
          const where = this.macroSite(c.file, c.node, c.node.startIndex, c.end);
          if (where.kind === 'text') continue;
          if (where.kind === 'unknown') {
            this.unknownMacro(c.file, c.node, `this call of \`${c.callee}\`, which now returns \`Result\`,`, where);
            continue;
          }
          site.scope = where.scope;
        }
        this.calls.set(key, site);
        this.consider(site, true);
      }
    }
    // One warning per callee and file: the first call, with the count of the others.
    const ambiguous = new Map<string, CallSite[]>();
    for (const c of this.index.calls) {
      if (!c.why || !c.groups.some((g) => this.changed.has(g))) continue;
      const key = `${c.file}:${c.callee.split(/[.:]/).pop()}`;
      const list = ambiguous.get(key) ?? [];
      list.push(c);
      ambiguous.set(key, list);
    }
    for (const [, [c, ...more]] of ambiguous) {
      const targets = c.groups.filter((g) => this.changed.has(g)).map((g) => describe(this.index.fns[this.index.groups[g][0]]));
      const others = more.length ? ` (and ${more.length} more call${more.length > 1 ? 's' : ''} of that name in this file)` : '';
      this.report(c.file, c.node, 'K0406', `not changed: ${c.why}; ${targets.join(', ')} now return${targets.length > 1 ? '' : 's'} \`Result\`${others}`, 'if a call reaches that function, add `?` (or handle the error) by hand');
    }
    this.valueUses();
    this.emit();
  }

  /** A changed function named as a value (`.map(parse)`, `let f = parse;`) changed type: say so where it is used. */
  private valueUses(): void {
    const names = new Set<string>();
    for (const g of this.changed) for (const id of this.index.groups[g]) if (!this.index.fns[id].hasSelf) names.add(this.index.fns[id].name);
    // Only plain identifiers go into the patterns below (a name from broken input could be anything).
    for (const n of names) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) names.delete(n);
    if (!names.size) return;
    const word = new RegExp(`\\b(${[...names].join('|')})\\b`);
    const q = `((identifier) @i (#match? @i "^(${[...names].join('|')})$"))`;
    this.ctx.files.forEach((f, file) => {
      if (!word.test(f.text)) return;
      for (const m of query(q).matches(f.tree.rootNode)) {
        let n = m.captures[0].node;
        while (n.parent?.type === 'scoped_identifier' && n.parent.childForFieldName('name')?.startIndex === n.startIndex) n = n.parent;
        const p = n.parent;
        if (!p || !VALUE_PARENTS.has(p.type)) continue;
        if (p.type === 'let_declaration' && p.childForFieldName('value')?.startIndex !== n.startIndex) continue;
        if (p.type === 'field_initializer' && p.childForFieldName('value')?.startIndex !== n.startIndex) continue;
        const segs = n.text.replace(/\s+/g, '').split('::').filter(Boolean);
        const hit = this.index.resolveName(file, n, segs).find((c) => this.changed.has(c.group));
        if (!hit) continue;
        this.report(file, n, 'K0408', `${describe(hit)} is used here as a value, and it now returns \`Result\`: the code that calls it through this value needs \`?\``, 'call it in a closure that handles the error, or make the code that takes this function expect a `Result`');
      }
    });
  }

  /** A fallible site in the arguments of a macro kport cannot read: left as it is, and reported. */
  private unknownMacro(file: number, node: SyntaxNode, what: string, where: Extract<MacroSite, { kind: 'unknown' }>): void {
    this.report(
      file,
      node,
      'K0415',
      `${what} is in the arguments of \`${where.macro}!\`, ${where.why}: left unchanged`,
      'compute the value before the macro call (`let t = f(..)?;`) and pass it in; or, if the macro evaluates its argument as an expression of this function, add `?` after the call and make the function return `Result`',
    );
  }

  private mark(g: number): void {
    if (this.changed.has(g)) return;
    this.changed.add(g);
    this.work.push(g);
  }

  private report(file: number, node: SyntaxNode, code: string, message: string, help?: string, key = `${code}:${file}:${node.startIndex}`, severity?: 'warning'): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.ctx.files[file].report({ code, node, message, ...(help ? { help } : {}), ...(severity ? { severity } : {}) });
  }

  /** Whether a `?` (or a call that gets one) can stay where it is; if not, change or report the function around it. */
  private consider(site: Site, introduced: boolean): void {
    const { file, node } = site;
    const enc = site.scope ?? this.index.enclosing(node);
    if (!enc) return;
    const what = site.kind === 'try' ? 'this `?`' : `this call of \`${site.callee}\`, which now returns \`Result\`,`;
    if (enc.type !== 'function_item') {
      const returns = enc.type === 'closure_expression' ? closureReturns(enc) : undefined;
      if (!introduced || returns === 'result') return;
      if (returns === 'option') {
        this.report(file, node, 'K0409', `${what} is inside a closure that returns \`Option\`: kport does not turn an allocation failure into \`None\``, 'write the loop out in the enclosing function, which can return the error with `?`, or make the closure return `Result<Option<T>>` and handle it where it is called');
        return;
      }
      const where = enc.type === 'closure_expression' ? 'a closure' : enc.type === 'async_block' ? 'an async block' : 'a constant initialiser';
      this.report(file, node, 'K0402', `${what} is inside ${where}, which cannot pass the error on`, 'move the fallible work out of the closure (a `for` loop in the enclosing function can use `?`), or make the closure return `Result` and handle it where it is called');
      return;
    }
    const fn = this.index.fnAt(file, enc);
    if (!fn || this.changed.has(fn.group) || isRootMain(fn, this.ctx)) return;
    const rk = returnKind(fn.node, this.index);
    switch (rk.kind) {
      case 'kernel':
        return;
      case 'option': {
        // `Result<Option<T>>`: out of memory is an error, `None` still means "nothing".
        if (!introduced) return;
        const fixed = this.fixed(fn);
        const why = fixed ?? this.optionBlocker(fn);
        if (why) {
          const help = fixed
            ? 'decide what happens when memory runs out here (never `None`: that reads as "nothing"): allocate earlier, in a function that can fail, and pass the memory in'
            : 'take the `?` on the `Option` out of the macro (`let x = opt?;` before it): kport then makes the function return `Result<Option<T>>`';
          this.report(file, node, 'K0403', `${what} can fail, and ${describe(fn)} returns \`Option\`: kport cannot make it return \`Result<Option<..>>\` because ${why}`, help);
          return;
        }
        this.optionGroups.add(fn.group);
        this.mark(fn.group);
        return;
      }
      case 'other': {
        if (!introduced) return;
        const why = this.fixed(fn);
        if (why) return this.cannot(site, fn, why, what);
        if (site.kind === 'try' && this.vecRemove(file, node)) {
          // `RemoveError` converts into the kernel `Error` only: no impl kport adds makes this `?` build.
          this.report(file, node, this.index.types.has(typeName(rk.err)) ? 'K0404' : 'K0405', `${describe(fn)} returns \`Result<_, ${rk.err}>\`, which cannot hold the \`RemoveError\` of the kernel vector's \`remove\``, `check the index first (\`if i < v.len()\`) and report it as a \`${typeName(rk.err)}\`, or map the error here with \`.map_err(..)\``);
          return;
        }
        const need: KernelErr = site.kind === 'try' ? tryError(node) : 'Error';
        const full = need === 'AllocError' ? 'kernel::alloc::AllocError' : 'kernel::error::Error';
        const errName = typeName(rk.err);
        const conv = converts(fn.node, this.ctx.files[fn.file].tree, rk.err, need, this.index.types);
        if (conv === 'yes') return;
        if (conv === 'unseen') {
          this.report(file, node, this.index.types.has(typeName(rk.err)) ? 'K0404' : 'K0405', `${describe(fn)} returns \`Result<_, ${rk.err}>\`, a type kport was not given: it cannot tell whether ${what.replace(/,$/, '')} converts into it`, `the port builds only if \`${errName}\` has \`impl From<${full}>\``, undefined, 'warning');
          return;
        }
        if (conv === 'crate') {
          if ((this.index.fromImpls.get(errName) ?? []).includes(need)) return;
          const help = this.addFrom(file, errName, need, full);
          if (help === undefined) return;
          this.report(file, node, 'K0404', `${what} needs \`impl From<${full}> for ${errName}\`, which the crate does not have`, help);
        } else {
          this.report(file, node, this.index.types.has(typeName(rk.err)) ? 'K0404' : 'K0405', `${describe(fn)} returns \`Result<_, ${rk.err}>\`, which cannot hold the kernel error ${what} produces`, 'return the kernel `Result` instead, or handle the allocation failure here');
        }
        return;
      }
      default: {
        const why = this.fixed(fn);
        if (why) return this.cannot(site, fn, why, what);
        this.mark(fn.group);
      }
    }
  }

  /**
   * `v.remove(i)?` on a kernel vector: where the profile's `remove` returns
   * `Result<T, RemoveError>` (mainline kvec.rs; `From<RemoveError> for Error`),
   * a `?` that fails with a kernel error, not an `Option` one.
   */
  private vecRemove(file: number, t: SyntaxNode): boolean {
    const call = t.namedChildren[0];
    const f = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
    if (f?.type !== 'field_expression' || f.childForFieldName('field')?.text !== 'remove') return false;
    if (typeof this.ctx.files[file].profile.alloc.others.remove !== 'object' || !this.ctx.files[file].profile.alloc.others.remove) return false;
    const recv = f.childForFieldName('value');
    return !!recv && /^(K|V|KV)?Vec$/.test(this.index.receiverType(file, recv) ?? '');
  }

  /** Why a function group returning `Option` cannot become `Result<Option<T>>` beyond its signature, or undefined. */
  private optionBlocker(fn: FnInfo): string | undefined {
    for (const id of this.index.groups[fn.group]) {
      const f = this.index.fns[id];
      const body = f.node.childForFieldName('body');
      if (!body || !body.text.includes('?')) continue;
      for (const m of query('(macro_invocation (token_tree) @tt)').matches(body)) {
        for (const q of questionTokens(m.captures[0].node)) {
          if (this.index.enclosing(q)?.startIndex !== f.node.startIndex) continue;
          const where = this.macroSite(f.file, q, q.startIndex, q.endIndex);
          if (where.kind === 'text' || (where.kind === 'code' && where.scope)) continue;
          const before = operandTokens(q);
          if (ALLOC.test(before) && !/\.ok\(\s*\)$/.test(before)) continue;
          return `it uses \`?\` on an \`Option\` inside a macro's arguments (line ${q.startPosition.row + 1}), which kport cannot turn into an early \`return Ok(None)\``;
        }
      }
    }
    return undefined;
  }

  /**
   * `impl From<X> for E`, added after the enum, to the variant src/analysis/error-enum.ts
   * picks (adding `OutOfMemory` when it may). Undefined when added; otherwise the
   * help for K0404, which gives code only when pasting it builds.
   */
  private addFrom(file: number, errName: string, need: KernelErr, full: string): string | undefined {
    const key = `${errName}|${need}`;
    if (this.froms.has(key)) return this.froms.get(key);
    const help = this.fromImpl(file, errName, need, full);
    this.froms.set(key, help);
    return help;
  }

  private fromImpl(file: number, errName: string, need: KernelErr, full: string): string | undefined {
    const impl = (value: string, binding: string, indent: string) =>
      `impl From<${full}> for ${errName} {\n${indent}    fn from(${binding}: ${full}) -> Self {\n${indent}        ${errName}::${value}\n${indent}    }\n${indent}}`;
    const general = `decide how \`${errName}\` says "out of memory" and implement \`From<${full}>\` for it, or return the kernel \`Result\``;
    const e = this.index.enums.get(errName);
    if (!e) return `\`${errName}\` is not an enum: ${general}`;
    // Before 6.8 the kernel had no `kernel::alloc::AllocError`, and 6.1's `try_*` fail with `TryReserveError`.
    if (this.ctx.files[file].profile.id === 'v6.1') return general;
    let target = this.targets.get(errName);
    if (!target) {
      target = enumTarget(e, this.ctx.files, this.index.types.has('Error'));
      this.targets.set(errName, target);
    }
    if (target.kind === 'choose') {
      const [first, ...others] = target.candidates;
      return `add, with the variant that means "out of memory" (\`${first}\` here; ${others.map((o) => `\`${o}\``).join(', ')} would build too):\n  ${impl(first, '_', '  ')}`;
    }
    if (target.kind === 'none') return `kport adds no variant: ${target.why}; ${general}`;
    if (need === 'Error' && target.kind !== 'wraps' && this.removes) {
      // Not only ENOMEM: an "out of memory" variant would misname a kernel vector's failed `remove` (EINVAL).
      return `the kernel errors here are not all "out of memory" (a kernel vector's \`remove\` fails with EINVAL): give \`${errName}\` a variant that holds \`kernel::error::Error\` and implement \`From<${full}>\` with it, or return the kernel \`Result\``;
    }
    if (target.kind === 'add' && !this.variantAdded.has(errName)) {
      this.variantAdded.add(errName);
      this.ctx.files[e.file].edits.insert(target.at, target.text);
      for (const arm of target.arms) this.ctx.files[arm.file].edits.insert(arm.at, arm.text);
      const arms = target.arms.length ? ` (and its arm in the \`fmt\` that names every variant: it writes "out of memory")` : '';
      this.ctx.files[e.file].report({ code: 'K0410', node: e.node.childForFieldName('name')!, message: `added the variant \`${errName}::${target.variant}\`${arms}: \`${errName}\` had none that means "out of memory"` });
    }
    const wraps = target.kind === 'wraps';
    const value = wraps ? `${target.variant}(${need === 'Error' ? 'e' : 'e.into()'})` : target.variant;
    const f = this.ctx.files[e.file];
    const indent = lineIndent(f.text, e.node.startIndex);
    f.edits.insert(e.node.endIndex, `\n\n${indent}${impl(value, wraps ? 'e' : '_', indent)}`);
    const why = wraps ? ', which keeps the kernel error' : need === 'Error' ? ': the kernel errors kport\'s changes pass on are ENOMEM' : '';
    f.report({ code: 'K0407', node: e.node.childForFieldName('name')!, message: `added \`impl From<${full}> for ${errName}\` (to \`${errName}::${wraps ? `${target.variant}(..)` : target.variant}\`${why}) so that \`?\` converts` });
    return undefined;
  }

  private cannot(site: Site, fn: FnInfo, why: string, what: string): void {
    this.report(
      site.file,
      site.node,
      'K0401',
      `${what} cannot pass its error on: ${describe(fn)} cannot return \`Result\` because ${why}`,
      'decide what happens when memory runs out here: handle the error in place, or allocate earlier in a function that can fail and pass the memory in',
    );
  }

  /** Why the signature of `fn` (and of its trait group) is fixed, or undefined when it can change. */
  private fixed(fn: FnInfo): string | undefined {
    for (const id of this.index.groups[fn.group]) {
      const f = this.index.fns[id];
      if (f.owner.kind === 'impl' && f.owner.trait && !this.index.isLocalTrait(f.owner.trait)) {
        return f.owner.trait === 'Drop' ? '`Drop::drop` cannot fail' : `it implements \`${f.owner.trait}\`, a trait defined outside the crate`;
      }
      if (f.node.hasError) return 'it has syntax errors';
      if (f.node.children.some((c) => c.type === 'function_modifiers' && /\bextern\b/.test(c.text))) return 'it is an `extern` function';
    }
    return undefined;
  }

  private emit(): void {
    const per: Insertion[][] = this.ctx.files.map(() => []);
    const replaced: { file: number; node: SyntaxNode; text: string }[] = [];
    // A crate with its own `type Result` alias means the kernel one by its full path.
    const result = this.index.resultAliases.length ? 'kernel::error::Result' : 'Result';
    for (const g of this.changed) {
      for (const id of this.index.groups[g]) {
        const fn = this.index.fns[id];
        const out = per[fn.file];
        const text = this.ctx.files[fn.file].text;
        const rk = returnKind(fn.node, this.index);
        const rt = fn.node.childForFieldName('return_type');
        if (!rt) out.push({ at: fn.node.childForFieldName('parameters')!.endIndex, text: ` -> ${result}`, rank: RANK.tail });
        else if (rt.type === 'unit_type') replaced.push({ file: fn.file, node: rt, text: result });
        else out.push({ at: rt.startIndex, text: `${result}<`, rank: RANK.open }, { at: rt.endIndex, text: '>', rank: RANK.close });
        const body = fn.node.childForFieldName('body');
        if (!body) continue;
        if (rk.kind === 'unit') unitTail(body, text, out);
        else wrapBlockTail(body, out);
        wrapReturns(fn.node, body, out);
        if (rk.kind === 'option') for (const r of earlyNone(this.index, fn.node, body, out, (t) => this.vecRemove(fn.file, t))) replaced.push({ file: fn.file, node: r.node, text: r.text });
      }
    }
    for (const site of this.calls.values()) per[site.file].push({ at: site.end!, text: '?', rank: RANK.try });
    per.forEach((list, file) => {
      const edits = this.ctx.files[file].edits;
      list.map((ins, seq) => ({ ...ins, seq })).sort((a, b) => a.at - b.at || a.rank - b.rank || a.seq - b.seq).forEach((ins) => edits.insert(ins.at, ins.text));
    });
    for (const r of replaced) this.ctx.files[r.file].edits.replace(r.node, r.text);
  }
}

function isIntroduced(t: SyntaxNode): boolean {
  const operand = t.namedChildren[0];
  return !!operand && !alreadyOk(t) && ALLOC.test(ownText(operand));
}

/**
 * What a kport `?` fails with: the compat module's `try_collect`/`try_to_vec`
 * return the kernel `Result` (`Error`); the kernel's allocations `AllocError`.
 */
function tryError(t: SyntaxNode): KernelErr {
  const operand = t.type === '?' ? operandTokens(t) : (t.namedChildren[0]?.text ?? '');
  return /\.\s*try_(collect|to_vec)\s*(::\s*<[^()]*>\s*)?\([^()]*\)\s*$/.test(operand) || compatKernelError(operand) ? 'Error' : 'AllocError';
}

/** An operand's text without the `?` operands and closures inside it: `m.get(&KBox::new(k, GFP_KERNEL)?)` is a lookup, not an allocation. */
function ownText(operand: SyntaxNode): string {
  const cut = query('[(try_expression) (closure_expression)] @x')
    .matches(operand)
    .map((m) => m.captures[0].node)
    .filter((n) => n.startIndex !== operand.startIndex || n.endIndex !== operand.endIndex);
  let text = '';
  let at = operand.startIndex;
  for (const n of cut.sort((a, b) => a.startIndex - b.startIndex)) {
    if (n.startIndex < at) continue;
    text += operand.text.slice(at - operand.startIndex, n.startIndex - operand.startIndex);
    at = n.endIndex;
  }
  return text + operand.text.slice(at - operand.startIndex);
}

/** `x.ok()?`: already an `Option`. */
function alreadyOk(t: SyntaxNode): boolean {
  const op = t.namedChildren[0];
  const f = op?.type === 'call_expression' ? op.childForFieldName('function') : null;
  return f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'ok';
}

/** The call's result is already looked at as a `Result` (or thrown away on purpose). */
function isHandled(call: SyntaxNode): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'try_expression') return true;
  if (p.type === 'let_declaration' && /^let\s+_\s*[:=]/.test(p.text)) return true;
  if (p.type === 'field_expression' && p.childForFieldName('value')?.startIndex === n.startIndex && p.parent?.type === 'call_expression') {
    return RESULT_METHODS.has(p.childForFieldName('field')?.text ?? '');
  }
  const okErr = (pat: SyntaxNode | null) => !!pat && /^(Ok|Err)\b/.test(pat.text.replace(/^(core::|std::)?(result::)?(Result::)?/, ''));
  if (p.type === 'let_condition') return okErr(p.childForFieldName('pattern'));
  if (p.type === 'match_expression' && p.childForFieldName('value')?.startIndex === n.startIndex) {
    return (p.childForFieldName('body')?.namedChildren ?? []).some((arm) => arm.type === 'match_arm' && okErr(arm.childForFieldName('pattern')));
  }
  return false;
}

/** What a closure visibly returns: `Result` (it can take `?` on an error), `Option` (it cannot), or unknown. */
function closureReturns(c: SyntaxNode): 'result' | 'option' | undefined {
  const rt = c.childForFieldName('return_type');
  if (rt) return /^(\w+::)*Result\b/.test(rt.text) ? 'result' : /^(\w+::)*Option\b/.test(rt.text) ? 'option' : undefined;
  const body = c.childForFieldName('body')?.text ?? '';
  if (/\b(Ok|Err)\s*\(/.test(body)) return 'result';
  return /\bSome\s*\(|\bNone\b/.test(body) ? 'option' : undefined;
}

// A `?` on an `Option` in a function that now returns `Result<Option<T>>`: an early `return Ok(None)`.
// The arm's binding is a name the function does not use, so it shadows nothing a reader sees.
const noneArms = (v: string) => `{ Some(${v}) => ${v}, None => return Ok(None) }`;
const BINDINGS = ['v', 'x', 'some', 'value', 'found'];
// Where `match ..` needs parentheses to stay one operand (a receiver, a callee, a left operand).
const POSTFIX_PARENTS = new Set(['field_expression', 'call_expression', 'index_expression', 'type_cast_expression', 'try_expression', 'await_expression', 'binary_expression', 'range_expression', 'unary_expression', 'reference_expression']);

/**
 * The `opt?` of the function itself (not of its closures; not kport's own `?`
 * on an allocation) become `let Some(x) = opt else { return Ok(None) };` in a
 * `let`, and `match opt { Some(v) => v, None => return Ok(None) }` elsewhere.
 * Insertions go to `out`; the `?` tokens to replace are returned.
 */
function earlyNone(index: CrateIndex, fn: SyntaxNode, body: SyntaxNode, out: Insertion[], resultTry: (t: SyntaxNode) => boolean): { node: SyntaxNode; text: string }[] {
  const replaced: { node: SyntaxNode; text: string }[] = [];
  const binding = BINDINGS.find((b) => !new RegExp(`\\b${b}\\b`).test(fn.text)) ?? 'v';
  const tries = query(TRY)
    .matches(body)
    .map((m) => m.captures[0].node)
    .filter((t) => index.enclosing(t)?.startIndex === fn.startIndex && !isIntroduced(t) && !resultTry(t))
    // Outer before inner at one start: `x??` reads `match (match x ..) ..`.
    .sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  for (const t of tries) {
    const q = t.children.find((c) => c.type === '?');
    const operand = t.namedChildren[0];
    if (!q || !operand) continue;
    const p = t.parent!;
    const letValue = p.type === 'let_declaration' && p.childForFieldName('value')?.startIndex === t.startIndex;
    if (letValue && !p.childForFieldName('alternative') && !operand.text.trimEnd().endsWith('}')) {
      const pat = p.childForFieldName('pattern')!;
      const ty = p.childForFieldName('type');
      out.push({ at: pat.startIndex, text: 'Some(', rank: RANK.open }, { at: pat.endIndex, text: ')', rank: RANK.close });
      if (ty) out.push({ at: ty.startIndex, text: 'Option<', rank: RANK.open }, { at: ty.endIndex, text: '>', rank: RANK.close });
      replaced.push({ node: q, text: ' else { return Ok(None) }' });
      continue;
    }
    const parens = POSTFIX_PARENTS.has(p.type) || (letValue && !!p.childForFieldName('alternative'));
    // A scrutinee that ends with `}` (an `if`, a block) reads as the match's body without parentheses.
    const braced = operand.text.trimEnd().endsWith('}');
    out.push({ at: operand.startIndex, text: `${parens ? '(' : ''}match ${braced ? '(' : ''}`, rank: RANK.ok });
    replaced.push({ node: q, text: `${braced ? ')' : ''} ${noneArms(binding)}${parens ? ')' : ''}` });
  }
  return replaced;
}

/** `fn main` at the top of a crate root: module-entry turns it into `Module::init`, which returns `Result<Self>` (not with --no-module: then it is a function like any other). */
function isRootMain(fn: FnInfo, ctx: CrateContext): boolean {
  return !ctx.crate.options.noModule && fn.name === 'main' && fn.owner.kind === 'free' && fn.module === '' && ctx.files[fn.file].isCrateRoot && fn.node.parent?.type === 'source_file';
}

function describe(fn: FnInfo): string {
  if (fn.owner.kind === 'impl') return fn.owner.trait ? `\`<${fn.owner.type} as ${fn.owner.trait}>::${fn.name}\`` : `\`${fn.owner.type}::${fn.name}\``;
  if (fn.owner.kind === 'trait') return `\`${fn.owner.trait}::${fn.name}\``;
  return `\`${fn.module ? `${fn.module}::` : ''}${fn.name}\``;
}

/** `?` tokens in a macro's arguments, nested token trees included. */
function questionTokens(tt: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const k of tt.children) {
    if (k.type === '?') out.push(k);
    else if (k.type === 'token_tree') out.push(...questionTokens(k));
  }
  return out;
}

/** The text of the tokens a `?` token applies to, back to the previous `,` (or the start of its token tree). */
function operandTokens(q: SyntaxNode): string {
  let start = q;
  for (let p = q.previousSibling; p && p.type !== ',' && p.type !== '(' && p.type !== '[' && p.type !== '{' && p.type !== ';'; p = p.previousSibling) start = p;
  return q.parent!.text.slice(start.startIndex - q.parent!.startIndex, q.startIndex - q.parent!.startIndex).trim();
}

/** The tokens after a call written in a macro's arguments already use its result: `f(x)?`, `f(x).ok()`. */
function tokensHandled(args: SyntaxNode): boolean {
  const next = args.nextSibling;
  if (next?.type === '?') return true;
  return next?.type === '.' && RESULT_METHODS.has(next.nextSibling?.text ?? '');
}

function run(ctx: CrateContext): void {
  if (!ctx.files.some((f) => f.text.includes('?'))) return;
  new Propagation(ctx.model.prefetch((f) => [f.text.includes('?') && TRY], { index: true }).index(), ctx).run();
}

export const falliblePropagation: CrateTransform = {
  id: 'fallible-propagation',
  scope: 'crate',
  summary: 'Make every function that now contains a fallible `?` return `Result`, and add `?` at its calls across the crate, to a fixpoint.',
  docs: `After the allocation rewrites, \`v.push(x, GFP_KERNEL)?\` and friends sit in
functions that return \`()\` or a plain value, and a \`?\` there does not compile.
This crate-wide pass finishes the job (kernel \`Result\` is
\`kernel::error::Result<T = (), E = Error>\`, rust/kernel/error.rs):

- the function's signature becomes \`-> Result\` (from \`()\`) or \`-> Result<T>\`;
  its tail becomes \`Ok(..)\` (through \`if\`, \`match\` and block tails), and
  \`return;\`/\`return e;\` become \`return Ok(());\`/\`return Ok(e);\` (not those of
  nested closures or items);
- every call of it in the crate gets \`?\`, which may make the caller fallible
  in turn, until nothing changes. Calls resolve by module path (\`f()\`,
  \`crate::a::f()\`, \`super::f()\`, \`use\`d names), \`Self::f\`/\`Type::f\`, \`self.f()\`,
  receivers whose type is visible, or a method name unique in the crate;
  anything else is reported (K0406), never guessed. Calls already handled
  (\`let _ = f()\`, \`match f() { Ok(..) .. }\`, \`f().ok()\`, \`if let Ok(..) = f()\`)
  stay as they are;
- a crate trait's method changes with all its impls;
- a call in a macro's arguments gets its \`?\` right after its tokens when the
  macro's arguments are expressions run where it is written (print, format,
  \`write!\`, \`assert*!\`, \`dbg!\`, \`vec!\`/\`kvec!\`, \`matches!\`); inside a
  closure written there it is reported (K0402); inside \`stringify!\`-like
  macros it is text and stays; inside a crate \`macro_rules!\` macro or an
  unknown one it stays and is reported (K0415);
- a local variable (\`let\`, parameter, \`for\` pattern) named like a crate
  function shadows it: its calls are not the function's;
- an allocation failure never becomes another value: a function returning
  \`Option<T>\` becomes \`Result<Option<T>>\` (its \`Some(x)\`/\`None\` tails and
  returns become \`Ok(Some(x))\`/\`Ok(None)\`, its own \`let x = opt?;\` becomes
  \`let Some(x) = opt else { return Ok(None) };\` and any other \`opt?\` a
  \`match\` that returns \`Ok(None)\`), and its callers' \`f(..)?\` is the
  \`Option\` again; \`bool\` and sentinel values become \`Result<bool>\`/\`Result<T>\`
  like any value. Where that cannot be done exactly (a fixed signature such
  as \`Iterator::next\`, an \`Option\` \`?\` inside macro arguments, a closure
  returning \`Option\`) the function is left as it is and an error names the
  decision (K0403, K0409);
- \`Result<T, E>\` with a crate error enum \`E\` gets the \`From\` impls its \`?\`
  need (\`AllocError\` for an allocation, the kernel \`Error\` for \`try_collect\`
  and changed calls), to a variant holding the kernel error, its one "out of
  memory" unit variant, or an \`OutOfMemory\` kport adds where nothing names
  every variant (K0407, K0410); otherwise, and for other \`E\`, \`?\` stays
  and an error says why (K0404, K0405);
- where the signature cannot change (\`Drop::drop\`, impls of traits from
  outside the crate, closures) the \`?\` stays and an error says which
  decision is left (K0401, K0402);
- \`fn main\` of a crate root keeps its signature: module-entry makes it
  \`Module::init\`, which returns \`Result<Self>\`.

Before:
    fn fill(v: &mut KVec<u32>, n: u32) {
        for i in 0..n {
            v.push(i, GFP_KERNEL)?;
        }
    }

    fn total(n: u32) -> u32 {
        let mut v = KVec::new();
        fill(&mut v, n);
        v.iter().sum()
    }
After:
    fn fill(v: &mut KVec<u32>, n: u32) -> Result {
        for i in 0..n {
            v.push(i, GFP_KERNEL)?;
        }
        Ok(())
    }

    fn total(n: u32) -> Result<u32> {
        let mut v = KVec::new();
        fill(&mut v, n)?;
        Ok(v.iter().sum())
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  codes: CODES,
  run,
};
