import { parse } from '../src/engine/parse.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { useLeaves } from '../src/rewrite/use-tree.ts';
import { type Resolver, type Ty } from '../src/analysis/vec-resolver.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';
import { CORE_ONLY, placeholders } from '../src/analysis/fmt-args.ts';
import { TABLE_QUERIES } from '../src/crate/tables.ts';

/**
 * fmt-write: on mainline, `write!`/`writeln!` that format a value whose
 * `Display` is the kernel's become `w.write_fmt(fmt!(..))`.
 *
 *   write!(f, "{:<5}|", self.level)   →   f.write_fmt(fmt!("{:<5}|", self.level))
 *
 * After `use std::fmt` → `use kernel::fmt`, a crate's `impl fmt::Display for
 * Level` implements `kernel::fmt::Display` (rust/kernel/fmt.rs), a copy of
 * core's trait. `write!` formats with `core::format_args!`, which needs
 * `core::fmt::Display`, so `write!(f, "{}", self.level)` no longer builds.
 * The kernel's `fmt!` macro (rust/macros/fmt.rs, in the prelude) wraps every
 * argument in `kernel::fmt::Adapter`, whose `core::fmt::Display` calls the
 * kernel trait with the same formatter (flags, width and fill included), and
 * forwards the other traits (`Debug`, `LowerHex`, ...) unchanged: the form
 * kernel code itself uses (`f.write_fmt(fmt!(..))`).
 */

const MACROS = `(macro_invocation macro: [(identifier) @m (scoped_identifier name: (identifier) @m)] (#match? @m "^(write|writeln)$") (token_tree) @tt) @call`;
const IMPLS = '(impl_item trait: (_) @trait type: (_) @type) @impl';
const USES = '(use_declaration argument: (_) @arg) @use';
const ENUMS = '(enum_item name: (type_identifier) @name body: (enum_variant_list) @body)';
const BOUNDS = '(trait_bounds [(type_identifier) (scoped_type_identifier)] @b)';
const LOCAL_MACROS = '(macro_definition name: (identifier) @n (#match? @n "^(write|writeln)$"))';
const PREFIX = 'fn __kport_write() { ';
const PRIMS = /^(?:[iu](?:8|16|32|64|128|size)|bool|char|str)$/;

type Kind = 'both' | 'kernel' | 'core' | 'unknown';

interface CrateFacts {
  /** Crate types whose `Display` impl is the kernel's trait (after std-paths: `kernel::fmt`). */
  kernelDisplay: Set<string>;
  /** Some generic bound names the kernel's `Display` (`T: fmt::Display`): values of such a `T` need `fmt!`. */
  kernelBound: boolean;
  /** Crate types that implement `core::fmt::Display` as written. */
  coreDisplay: Set<string>;
  /** Enum variant field types: `Enum::Variant` → field name (or index) → type node. */
  variants: Map<string, Map<string, SyntaxNode>>;
}

/** What a trait path resolves to through the file's imports: 'kernel' (kernel::fmt or std::fmt, which std-paths ports there), 'core', or undefined. */
function displayTrait(f: FileContext, trait: SyntaxNode): 'kernel' | 'core' | undefined {
  const segs = trait.text.replace(/\s+/g, '').replace(/^::/, '').split('::');
  if (segs[segs.length - 1] !== 'Display') return undefined;
  let full = segs;
  if (segs.length <= 2) {
    const head = segs[0];
    for (const m of f.matches('uses')) {
      for (const l of useLeaves(m.captures.find((c) => c.name === 'arg')!.node)) {
        const local = l.alias ?? (l.kind === 'glob' ? undefined : l.segs[l.segs.length - 1]);
        if (local === head) full = [...l.segs, ...segs.slice(1)];
        else if (l.kind === 'glob' && segs.length === 1 && /^(std|core|alloc|kernel)::fmt$/.test(l.segs.join('::'))) full = [...l.segs, 'Display'];
      }
    }
  }
  const path = full.join('::');
  if (/^(kernel|std|alloc)::fmt::Display$/.test(path)) return 'kernel';
  if (path === 'core::fmt::Display') return 'core';
  return undefined;
}

function typeName(t: string): string {
  const s = t.replace(/\s+/g, '').replace(/^&(mut)?/, '');
  const base = s.split('<')[0];
  const i = base.lastIndexOf('::');
  return i === -1 ? base : base.slice(i + 2);
}

function crateFacts(ctx: CrateContext): CrateFacts {
  const kernelDisplay = new Set<string>();
  const coreDisplay = new Set<string>();
  const variants = new Map<string, Map<string, SyntaxNode>>();
  let kernelBound = false;
  for (const f of ctx.files) {
    if (/\bDisplay\b/.test(f.text)) {
      if (!kernelBound) kernelBound = f.matches('bounds').some((m) => displayTrait(f, m.captures[0].node) === 'kernel');
      for (const m of f.matches('impls')) {
        const which = displayTrait(f, m.captures.find((c) => c.name === 'trait')!.node);
        const name = typeName(m.captures.find((c) => c.name === 'type')!.node.text);
        if (which === 'kernel') kernelDisplay.add(name);
        else if (which === 'core') coreDisplay.add(name);
      }
    }
    if (!/\benum\b/.test(f.text)) continue;
    for (const m of f.matches('enums')) {
      const name = m.captures.find((c) => c.name === 'name')!.node.text;
      for (const v of m.captures.find((c) => c.name === 'body')!.node.namedChildren) {
        if (v.type !== 'enum_variant') continue;
        const body = v.childForFieldName('body');
        const fields = new Map<string, SyntaxNode>();
        if (body?.type === 'ordered_field_declaration_list') {
          let i = 0;
          for (const c of body.namedChildren) if (c.type !== 'attribute_item' && c.type !== 'visibility_modifier' && !c.type.endsWith('comment')) fields.set(String(i++), c);
        } else if (body?.type === 'field_declaration_list') {
          for (const d of body.namedChildren) {
            const n = d.childForFieldName('name');
            const t = d.childForFieldName('type');
            if (d.type === 'field_declaration' && n && t) fields.set(n.text, t);
          }
        }
        variants.set(`${name}::${v.childForFieldName('name')?.text}`, fields);
      }
    }
  }
  // A name with both kinds of impl (two types of that name) tells nothing.
  for (const n of [...kernelDisplay]) if (coreDisplay.has(n)) kernelDisplay.delete(n), coreDisplay.delete(n);
  return { kernelDisplay, kernelBound, coreDisplay, variants };
}

function kindOf(t: Ty, facts: CrateFacts): Kind {
  if (t.k === 'prim') return PRIMS.test(t.name) ? 'both' : 'unknown';
  if (t.k !== 'named') return 'unknown';
  if (facts.kernelDisplay.has(t.name)) return 'kernel';
  if (facts.coreDisplay.has(t.name) || CORE_ONLY.has(t.name)) return 'core';
  return 'unknown';
}

interface Call {
  call: SyntaxNode;
  macro: string;
  writer: string;
  /** The format string literal as written. */
  fmt: SyntaxNode;
  /** File offsets of the text after the writer's comma through the last argument. */
  rest: { start: number; end: number };
  positional: SyntaxNode[];
  named: Map<string, SyntaxNode>;
  /** Maps a node of the re-parsed arguments to the file. */
  shift: number;
}

function parseCall(ctx: FileContext, call: SyntaxNode, tt: SyntaxNode, macro: string): Call | undefined {
  const inner = tt.text.slice(1, -1);
  const tree = parse(`${PREFIX}(${inner}\n); }`);
  if (tree.rootNode.hasError) return undefined;
  const tuple = tree.rootNode.descendantsOfType('tuple_expression')[0];
  if (!tuple || tuple.startIndex !== PREFIX.length) return undefined;
  const items = tuple.namedChildren.filter((c) => !c.type.endsWith('comment') && c.type !== 'attribute_item');
  const [writer, fmt, ...args] = items;
  if (!writer || fmt?.type !== 'string_literal') return undefined;
  const shift = tt.startIndex + 1 - (PREFIX.length + 1);
  const positional: SyntaxNode[] = [];
  const named = new Map<string, SyntaxNode>();
  for (const a of args) {
    if (a.type === 'assignment_expression' && a.childForFieldName('left')?.type === 'identifier') named.set(a.childForFieldName('left')!.text, a.childForFieldName('right')!);
    else positional.push(a);
  }
  const last = items[items.length - 1];
  return { call, macro, writer: writer.text, fmt, rest: { start: fmt.startIndex + shift, end: last.endIndex + shift }, positional, named, shift };
}

/** The type of an argument expression, read from the code around the macro call. */
function argType(ctx: FileContext, r: Resolver, facts: CrateFacts, e: SyntaxNode, shift: number): Ty {
  switch (e.type) {
    case 'integer_literal':
      return { k: 'prim', name: /([iu](?:8|16|32|64|128|size))$/.exec(e.text)?.[1] ?? 'i32' };
    case 'boolean_literal':
      return { k: 'prim', name: 'bool' };
    case 'char_literal':
      return { k: 'prim', name: 'char' };
    case 'string_literal':
    case 'raw_string_literal':
      return { k: 'prim', name: 'str' };
    case 'parenthesized_expression':
      return e.namedChildren.length === 1 ? argType(ctx, r, facts, e.namedChildren[0], shift) : { k: 'unknown' };
    case 'reference_expression':
      return argType(ctx, r, facts, e.childForFieldName('value')!, shift);
    case 'unary_expression':
      return e.text.startsWith('*') ? argType(ctx, r, facts, e.namedChildren[0], shift) : { k: 'unknown' };
    case 'field_expression': {
      const base = argType(ctx, r, facts, e.childForFieldName('value')!, shift);
      const field = e.childForFieldName('field')?.text;
      return base.k === 'named' && field ? r.fieldType(base.name, field) : { k: 'unknown' };
    }
    case 'scoped_identifier': {
      // `NonZeroU8::MIN`, `Level::Info`: an associated constant or unit variant of that type.
      const path = e.childForFieldName('path');
      const owner = path ? typeName(path.text) : '';
      return /^[A-Z]/.test(owner) && (CORE_ONLY.has(owner) || facts.kernelDisplay.has(owner) || facts.coreDisplay.has(owner)) ? { k: 'named', name: owner } : { k: 'unknown' };
    }
    case 'self':
    case 'identifier': {
      const token = ctx.tree.rootNode.descendantForIndex(e.startIndex + shift, e.endIndex + shift);
      if (token.text !== e.text) return { k: 'unknown' };
      return nameType(r, facts, token, e.text);
    }
    default:
      return { k: 'unknown' };
  }
}

/** The type of a name at `at` (a node in the file): the resolver's answer, else a `for` or `match` binding kport can follow. */
function nameType(r: Resolver, facts: CrateFacts, at: SyntaxNode, name: string): Ty {
  const t = r.typeOf(at.type === 'self' || at.type === 'identifier' ? at : ({ type: 'identifier', text: name, parent: at.parent, startIndex: at.startIndex, id: -1 } as unknown as SyntaxNode));
  if (t.k !== 'unknown' || at.type === 'self') return t;
  let child = at;
  for (let p = at.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_item' || p.type === 'closure_expression') return t;
    if (p.type === 'for_expression' && p.childForFieldName('body')?.id === child.id) {
      const pat = p.childForFieldName('pattern');
      if (pat?.type !== 'identifier' || pat.text !== name) {
        if (pat && pat.descendantsOfType('identifier').some((i) => i.text === name)) return t;
        continue;
      }
      let v = p.childForFieldName('value');
      while (v && (v.type === 'reference_expression' || (v.type === 'call_expression' && /^(iter|iter_mut|into_iter)$/.test(v.childForFieldName('function')?.childForFieldName('field')?.text ?? '')))) {
        v = v.type === 'reference_expression' ? v.childForFieldName('value') : v.childForFieldName('function')!.childForFieldName('value');
      }
      const c = r.typeOf(v);
      return c.k === 'vec' || c.k === 'slice' ? c.elem : t;
    }
    if (p.type === 'match_arm' && child.id !== p.childForFieldName('pattern')?.id) {
      const pat = p.childForFieldName('pattern');
      if (!pat || !pat.descendantsOfType('identifier').some((i) => i.text === name)) continue;
      return variantBinding(facts, pat, name) ?? t;
    }
  }
  return t;
}

/** `Enum::Variant(a, b)` / `Self::Variant { a, .. }` bind `name` to a field whose type the enum declares. */
function variantBinding(facts: CrateFacts, pat: SyntaxNode, name: string): Ty | undefined {
  const p = pat.type === 'match_pattern' ? pat.namedChildren[0] : pat;
  if (!p) return undefined;
  const typeNode = p.childForFieldName('type');
  if (!typeNode || (p.type !== 'tuple_struct_pattern' && p.type !== 'struct_pattern')) return undefined;
  const segs = typeNode.text.replace(/\s+/g, '').split('::');
  if (segs.length < 2) return undefined;
  let owner = segs[segs.length - 2];
  if (owner === 'Self') {
    for (let n = p.parent; n; n = n.parent) {
      if (n.type === 'impl_item') {
        owner = typeName(n.childForFieldName('type')?.text ?? '');
        break;
      }
    }
  }
  const fields = facts.variants.get(`${owner}::${segs[segs.length - 1]}`);
  if (!fields) return undefined;
  if (p.type === 'tuple_struct_pattern') {
    const items = p.namedChildren.filter((c) => c.id !== typeNode.id && !c.type.endsWith('comment'));
    const i = items.findIndex((c) => c.type === 'identifier' && c.text === name);
    if (i === -1) return undefined;
    return typeOfNode(fields.get(String(i)));
  }
  for (const f of p.namedChildren) {
    if (f.type === 'field_pattern') {
      const fname = f.childForFieldName('name')?.text;
      const bound = f.childForFieldName('pattern') ?? f.childForFieldName('name');
      if (bound?.text.replace(/^(ref\s+)?(mut\s+)?/, '') === name && fname) return typeOfNode(fields.get(fname));
    }
  }
  return undefined;
}

function typeOfNode(n: SyntaxNode | undefined): Ty | undefined {
  if (!n) return undefined;
  const s = n.text.replace(/\s+/g, '').replace(/^&('\w+)?(mut)?/, '');
  if (PRIMS.test(s)) return { k: 'prim', name: s };
  if (/^[A-Za-z_][\w:]*(<.*>)?$/.test(s)) return { k: 'named', name: typeName(s) };
  return undefined;
}

function runFile(ctx: FileContext, r: Resolver, facts: CrateFacts): void {
  if (ctx.matches('localMacros').length) return;
  for (const m of ctx.matches('macros')) {
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    const macro = m.captures.find((c) => c.name === 'm')!.node.text;
    const path = call.childForFieldName('macro')!;
    if (path.type === 'scoped_identifier' && !/^(::)?(std|core)::write(ln)?$/.test(path.text.replace(/\s+/g, ''))) continue;
    if (call.hasError || tt.parent?.id !== call.id) continue;
    const c = parseCall(ctx, call, tt, macro);
    if (!c) continue;
    const ps = placeholders(c.fmt.text.replace(/^"|"$/g, ''));
    if (!ps) continue;
    const kinds: { text: string; kind: Kind }[] = [];
    for (const p of ps) {
      if (!p.display) continue;
      const e = typeof p.arg === 'number' ? c.positional[p.arg] : c.named.get(p.arg);
      if (e) {
        kinds.push({ text: e.text, kind: kindOf(argType(ctx, r, facts, e, c.shift), facts) });
        continue;
      }
      // `{level}`: a variable of the code around the call.
      if (typeof p.arg === 'string' && /^[A-Za-z_]\w*$/.test(p.arg)) {
        let at = ctx.tree.rootNode.descendantForIndex(c.fmt.startIndex + c.shift);
        while (at.type !== 'string_literal' && at.parent) at = at.parent;
        kinds.push({ text: p.arg, kind: kindOf(nameType(r, facts, at, p.arg), facts) });
      }
    }
    const kernel = kinds.filter((k) => k.kind === 'kernel');
    const unknown = kinds.filter((k) => k.kind === 'unknown');
    const core = kinds.filter((k) => k.kind === 'core');
    if (!kernel.length && !unknown.length) continue;
    const test = isTestCode(ctx.tree, call);
    if (core.length) {
      if (kernel.length && !test) {
        ctx.report({
          code: 'K0333',
          message: `no form of this \`${macro}!\` type-checks against the kernel API: ${list(kernel)} ${kernel.length > 1 ? 'implement' : 'implements'} only \`kernel::fmt::Display\`, ${list(core)} only \`core::fmt::Display\``,
          node: call,
          help: `format them in separate calls: \`${macro === 'writeln' ? 'write' : macro}!(${c.writer}, ..)\` for ${list(core)}, and \`${writerCall(c.writer)}.write_fmt(fmt!(..))\` for ${list(kernel)}`,
        });
      }
      continue;
    }
    if (ps.some((p) => p.counted)) {
      if (!test) {
        ctx.report({
          code: 'K0334',
          message: `\`${macro}!\` needs the kernel's \`fmt!\` here, which wraps every argument, width and precision arguments (\`{:1$}\`, \`{:.*}\`) included, and prints \`{:p}\` hashed`,
          node: call,
          help: `write the width or precision into the format string (print a pointer in a call of its own), then use \`${writerCall(c.writer)}.write_fmt(fmt!(..))\``,
        });
      }
      continue;
    }
    let rest = ctx.text.slice(c.rest.start, c.rest.end);
    if (macro === 'writeln') {
      if (c.fmt.text[0] !== '"') continue;
      const close = c.fmt.endIndex + c.shift - 1 - c.rest.start;
      rest = `${rest.slice(0, close)}\\n${rest.slice(close)}`;
    }
    ctx.edits.replace(call, `${writerCall(c.writer)}.write_fmt(fmt!(${rest}))`);
  }
}

function list(ks: { text: string }[]): string {
  return ks.map((k) => `\`${k.text.replace(/\s+/g, ' ')}\``).join(', ');
}

/** The writer as the receiver of a method call: `write!(*w, ..)` expands to `(*w).write_fmt(..)`. */
function writerCall(w: string): string {
  return /^(self|[A-Za-z_]\w*)(\s*\.\s*[A-Za-z_]\w*)*$/.test(w.trim()) ? w.trim() : `(${w.trim()})`;
}

function run(ctx: CrateContext): void {
  const wanted = (f: FileContext) => /\bwrite(ln)?!/.test(f.text);
  if (!ctx.files.some(wanted)) return;
  const facts = crateFacts(ctx);
  // Without a type (or a generic bound) whose Display is the kernel's, every argument formats with `write!` as before.
  if (!facts.kernelDisplay.size && !facts.kernelBound) return;
  const model = ctx.model;
  for (const f of ctx.files) if (wanted(f)) runFile(f, model.resolver(f), facts);
}

const codes: CodeInfo[] = [
  {
    code: 'K0333',
    severity: 'error',
    title: 'a `write!` formats both a kernel-Display value and a core-Display value',
    explanation: `On mainline a crate type's \`Display\` is the kernel's trait (rust/kernel/fmt.rs), which
\`write!\` (core's \`format_args!\`) cannot use; the kernel's \`fmt!\` can, but it cannot
format a type whose \`Display\` is only core's (\`ParseIntError\`, \`NonZeroU32\`, a type
implementing \`core::fmt::Display\`). This call formats one of each, so neither form
builds. Split it.

Before:
    write!(f, "{}: {}", self.level, self.err)       // Level: kernel Display, err: ParseIntError
After:
    f.write_fmt(fmt!("{}: ", self.level))?;
    write!(f, "{}", self.err)`,
  },
  {
    code: 'K0334',
    severity: 'error',
    title: 'a `write!` needs `fmt!` but takes a width or precision from an argument, or prints a pointer',
    explanation: `The kernel's \`fmt!\` wraps every argument in \`kernel::fmt::Adapter\`, including
those that give a width or precision (\`{:1$}\`, \`{:.*}\`, \`{:w$}\`), which
\`format_args!\` requires to be a plain \`usize\`; and it prints \`{:p}\` through the
kernel's own \`Pointer\` (hashed, as \`%p\`), not as \`write!\` did. Write the width into
the format string (or pad by hand), print pointers in a call of their own, then use
\`f.write_fmt(fmt!(..))\`.

Before:
    write!(f, "{:>1$}", self.level, width)
After:
    f.write_fmt(fmt!("{:>8}", self.level))`,
  },
];

export const fmtWrite: CrateTransform = {
  id: 'fmt-write',
  scope: 'crate',
  summary: 'On mainline, make `write!`/`writeln!` that format a kernel-Display value use the kernel\'s `fmt!`.',
  profiles: ['mainline', 'v6.19'],
  safety: 'safe',
  words: ['write!', 'writeln!'],
  queries: { macros: MACROS, localMacros: LOCAL_MACROS, impls: IMPLS, uses: USES, enums: ENUMS, bounds: BOUNDS },
  uses: [TABLE_QUERIES],
  run,
  codes,
};
