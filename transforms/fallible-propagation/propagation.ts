// The propagation itself: from each function with a fallible site, mark it (and the group that changes
// with it) as returning `Result`, add `?` at its calls across the crate, to a fixpoint; then emit the edits.
import { lineIndent } from '../../src/rewrite/remove-lines.ts';
import { macroSite, type MacroSite } from '../../src/analysis/macro-site.ts';
import { typeName, type CrateIndex, type CallSite, type FnInfo } from '../../src/crate/crate-index.ts';
import { RANK, unitTail, wrapBlockTail, wrapReturns, type Insertion } from '../../src/rewrite/result-wrap.ts';
import { returnKind } from '../../src/analysis/return-kind.ts';
import { converts, type KernelErr } from '../../src/analysis/error-from.ts';
import { enumTarget, type EnumTarget } from '../../src/analysis/error-enum.ts';
import type { CrateContext, SyntaxNode } from '../../src/engine/types.ts';
import { ALLOC, FileSyntax, VALUE_PARENTS, closureReturns, describe, earlyNone, isHandled, isIntroduced, isRootMain, questionTokens, tokensHandled, tryError, type Site } from './syntax.ts';

export class Propagation {
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

  private readonly syntaxes: FileSyntax[] = [];
  /** A file's declared queries (fallible-propagation/syntax.ts QUERIES), indexed. */
  private syntax(file: number): FileSyntax {
    return (this.syntaxes[file] ??= new FileSyntax(this.ctx.files[file]));
  }

  /** Where a site in a macro's arguments runs (see src/analysis/macro-site.ts). */
  private macroSite(file: number, token: SyntaxNode, start: number, end: number, tt?: SyntaxNode): MacroSite {
    return macroSite(this.ctx.files[file].tree, token, start, end, this.crateMacros, tt);
  }

  run(): void {
    this.ctx.files.forEach((f, file) => {
      if (!f.text.includes('?')) return;
      const s = this.syntax(file);
      for (const m of s.tries.matches) {
        const t = m.captures[0].node;
        const remove = this.vecRemove(file, t);
        this.removes ||= remove;
        this.consider({ file, node: t, kind: 'try' }, isIntroduced(t, s) || remove);
      }
      // A `?` among a macro's argument tokens (`pr_info!("{}", KBox::new(x, GFP_KERNEL)?)`).
      for (const m of s.macroTokens.matches) {
        for (const { q, tt, operand: before } of questionTokens(m.captures.find((c) => c.name === 'tt')!.node)) {
          const introduced = !/\.ok\(\s*\)$/.test(before) && ALLOC.test(before);
          const where = this.macroSite(file, q, q.startIndex, q.endIndex, tt);
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
    this.ctx.files.forEach((f, file) => {
      if (!word.test(f.text)) return;
      // The names among the file's names in value places, in text order.
      const found = f
        .matches('valueNames')
        .map((m) => m.captures[0].node)
        .filter((n) => names.has(n.text))
        .sort((a, b) => a.startIndex - b.startIndex);
      for (let n of found) {
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
      for (const m of this.syntax(f.file).macroTokens.under(body)) {
        for (const { q, tt, operand: before } of questionTokens(m.captures.find((c) => c.name === 'tt')!.node)) {
          if (this.index.enclosing(q)?.startIndex !== f.node.startIndex) continue;
          const where = this.macroSite(f.file, q, q.startIndex, q.endIndex, tt);
          if (where.kind === 'text' || (where.kind === 'code' && where.scope)) continue;
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
        if (rk.kind === 'option') for (const r of earlyNone(this.index, fn.node, body, this.syntax(fn.file), out, (t) => this.vecRemove(fn.file, t))) replaced.push({ file: fn.file, node: r.node, text: r.text });
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
