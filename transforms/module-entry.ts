import { lineIndent } from '../src/rewrite/remove-lines.ts';
import { query } from '../src/engine/parse.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { KERNEL_LICENSES, camelCase, moduleBlock, singleLine } from '../src/crate/modinfo.ts';
import type { EditGroup } from '../src/engine/edits.ts';
import type { CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';

/**
 * module-entry: the program's `fn main` becomes a kernel module.
 *
 *   fn main() {                 module! { type: Hello, name: "hello", license: "GPL", }
 *       pr_info!("hi\n");   →   struct Hello;
 *   }                           impl kernel::Module for Hello {
 *                                   fn init(_module: &'static ThisModule) -> Result<Self> {
 *                                       pr_info!("hi\n");
 *                                       Ok(Hello)
 *                                   }
 *                               }
 *
 * Forms checked against the kernel: rust/kernel/lib.rs (`pub trait Module:
 * Sized + Sync + Send { fn init(module: &'static ThisModule) -> error::Result<Self>; }`),
 * rust/macros/module.rs (the keys and their fixed order: type, name,
 * authors/author, description, license), and the Rust-for-Linux
 * rust-out-of-tree-module sample (rust_out_of_tree.rs).
 */

const MAIN = '(source_file (function_item name: (identifier) @name (#eq? @name "main")) @fn)';
const PORTED = `
  (source_file (macro_invocation macro: (identifier) @m (#eq? @m "module")))
  (source_file (impl_item trait: (scoped_type_identifier) @t (#match? @t "^(::)?kernel::Module$")))
`;
const RETURNS = '(return_expression) @r';
const EXIT_PATH = '((call_expression function: (scoped_identifier) @f arguments: (arguments) @args) @call (#match? @f "^(::)?(std::)?process::exit$"))';
const EXIT_BARE = '((call_expression function: (identifier) @f arguments: (arguments) @args) @call (#eq? @f "exit"))';
const EXIT_IMPORT = '(use_declaration argument: (_) @arg)';
const NAMES = `
  (source_file (struct_item name: (type_identifier) @n))
  (source_file (enum_item name: (type_identifier) @n))
  (source_file (type_item name: (type_identifier) @n))
  (source_file (union_item name: (type_identifier) @n))
  (source_file (trait_item name: (type_identifier) @n))
  (source_file (use_declaration) @u)
`;

/** Nodes that start a new function body: `return` inside them is not main's. */
const FN_LIKE = new Set(['closure_expression', 'function_item', 'async_block', 'const_block', 'impl_item', 'trait_item', 'mod_item']);
/** Expressions that end with a block: as a statement they need no `;`. */
const BLOCK_LIKE = new Set(['if_expression', 'match_expression', 'loop_expression', 'while_expression', 'for_expression', 'block', 'unsafe_block']);

function ownFn(n: SyntaxNode, main: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === main.id) return true;
    if (FN_LIKE.has(p.type)) return false;
  }
  return false;
}

type Shape = { kind: 'unit' } | { kind: 'result'; errorType?: string } | { kind: 'other'; text: string };

function shapeOf(fn: SyntaxNode): Shape {
  const rt = fn.childForFieldName('return_type');
  if (!rt || rt.type === 'unit_type') return { kind: 'unit' };
  // The kernel's own alias: `Result` is `Result<(), Error>` (rust/kernel/error.rs).
  if (/^((::)?kernel::(error::)?|crate::)?Result$/.test(rt.text) && (rt.type === 'type_identifier' || rt.type === 'scoped_type_identifier')) return { kind: 'result' };
  if (rt.type === 'generic_type') {
    const name = rt.childForFieldName('type')!;
    const args = rt.childForFieldName('type_arguments');
    const types = args ? args.namedChildren.filter((c) => !c.type.endsWith('comment')) : [];
    if (/^((::)?std::(result|io)::|io::|(::)?core::result::|anyhow::)?Result$/.test(name.text) && types[0]?.type === 'unit_type') {
      return { kind: 'result', errorType: types[1]?.text ?? (name.text.includes('io') ? 'std::io::Error' : name.text.startsWith('anyhow') ? 'anyhow::Error' : undefined) };
    }
  }
  return { kind: 'other', text: rt.text };
}

function isCall(n: SyntaxNode, name: string): boolean {
  return n.type === 'call_expression' && n.childForFieldName('function')?.text === name;
}

function isOkUnit(n: SyntaxNode): boolean {
  if (!isCall(n, 'Ok')) return false;
  const args = n.childForFieldName('arguments')!.namedChildren;
  return args.length === 1 && args[0].type === 'unit_expression';
}

function run(cc: CrateContext): void {
  if (cc.crate.options.noModule) return;
  const roots = cc.files.filter((f) => f.isCrateRoot);
  const withMain = roots
    .map((f) => ({ f, m: query(MAIN).matches(f.tree.rootNode)[0] }))
    .filter((x) => x.m)
    .map((x) => ({ f: x.f, fn: x.m.captures.find((c) => c.name === 'fn')!.node }));
  const ported = roots.some((f) => query(PORTED).matches(f.tree.rootNode).length > 0);
  if (withMain.length === 0) {
    const lib = roots.find((f) => /(^|\/)lib\.rs$/.test(f.path));
    if (!ported && cc.crate.packageName !== undefined && lib) {
      lib.report({
        code: 'K0509',
        message: `no \`fn main\`: \`${cc.crate.packageName}\` is ported as a module-less set of files (no module!, no build files)`,
        range: { start: 0, end: 0 },
        help: 'a kernel module that uses this code declares the `module!` itself; pass --no-module to silence this note',
      });
    }
    return;
  }
  if (withMain.length > 1) {
    for (const { f, fn } of withMain) {
      f.report({
        code: 'K0508',
        message: `${withMain.length} files define \`fn main\` (${withMain.map((x) => x.f.path).join(', ')}); a kernel module has one entry point`,
        node: fn.childForFieldName('name')!,
        help: 'port one program at a time: pass its file alone, or --bin NAME for a Cargo crate',
      });
    }
    return;
  }
  if (ported) return;
  const { f, fn } = withMain[0];
  convert(f, fn, cc);
  const lib = roots.find((r) => r !== f && /(^|\/)lib\.rs$/.test(r.path));
  if (lib) {
    f.report({
      code: 'K0511',
      message: `the crate also has a library (${lib.path}); the module is built from ${f.path} alone`,
      node: fn.childForFieldName('name')!,
      help: `a kernel module is one crate: declare the library's modules from the module file and write \`crate::\` where the program says \`${(cc.crate.packageName ?? 'lib').replace(/-/g, '_')}::\``,
    });
  }
}

function convert(ctx: FileContext, fn: SyntaxNode, cc: CrateContext): void {
  const text = ctx.text;
  const name = fn.childForFieldName('name')!;
  const body = fn.childForFieldName('body');
  if (!body || fn.hasError) return;
  const head = text.slice(fn.startIndex, body.startIndex);
  if (/\b(async|const|unsafe|extern)\b/.test(head.slice(0, head.indexOf('fn'))) || fn.childForFieldName('type_parameters')) {
    ctx.report({ code: 'K0503', message: '`main` is not a plain `fn main()`; kport leaves it as it is', node: name, help: 'an async runtime, generics or an ABI have no kernel counterpart: write `impl kernel::Module` by hand' });
    return;
  }
  const shape = shapeOf(fn);
  if (shape.kind === 'other') {
    ctx.report({
      code: 'K0503',
      message: `\`main\` returns \`${shape.text}\`; only \`()\` and \`Result<(), E>\` become \`Module::init\``,
      node: fn.childForFieldName('return_type')!,
      help: 'make main return () or Result<(), E> first, or write the module entry by hand',
    });
    return;
  }

  const typeName = pickTypeName(ctx, camelCase(cc.crate.moduleName));
  const base = lineIndent(text, fn.startIndex);
  const firstStmt = body.namedChildren.find((c) => !c.type.endsWith('comment')) ?? body.namedChildren[0];
  let unit = '    ';
  if (firstStmt && text.lastIndexOf('\n', firstStmt.startIndex) > body.startIndex) {
    const ind = lineIndent(text, firstStmt.startIndex);
    if (ind.startsWith(base) && ind.length > base.length) unit = ind.slice(base.length);
  }
  // `let _name: Type = expr;` at main's top level: a value main held until it ended (a registration,
  // a guard) is held until unload, as a field of the module struct.
  const kept: { name: string; type: string }[] = [];
  for (const s of body.namedChildren) {
    if (s.type !== 'let_declaration') continue;
    const pat = s.childForFieldName('pattern');
    if (pat?.type !== 'identifier' || !/^_[A-Za-z0-9_]+$/.test(pat.text)) continue;
    const ty = s.childForFieldName('type');
    if (!ty) {
      ctx.report({
        code: 'K0512',
        message: `\`${pat.text}\` is kept until main ends; to keep it until unload it must become a field of \`${typeName}\`, which needs its type`,
        node: s,
        help: `annotate the let (\`let ${pat.text}: Type = ..;\`) and run kport again; as it is, the value is dropped when init returns`,
      });
      continue;
    }
    kept.push({ name: pat.text, type: ty.text });
  }
  const value = kept.length ? `${typeName} { ${kept.map((k) => k.name).join(', ')} }` : typeName;
  const ok = `Ok(${value})`;
  // One rewrite: the edits inside main's body are rendered into init's body, which replaces main.
  const description = cc.crate.description ?? docLine(ctx);
  ctx.edits.group((g) => rewriteMain(ctx, cc, g, { fn, body, shape, typeName, description, base, unit, kept, value, ok }));
  describeMetadata(ctx, name, cc, typeName, description);
}

interface Main {
  fn: SyntaxNode;
  body: SyntaxNode;
  shape: Exclude<Shape, { kind: 'other' }>;
  typeName: string;
  description: string | undefined;
  /** main's indentation, and one level of the file's. */
  base: string;
  unit: string;
  kept: { name: string; type: string }[];
  /** What init returns inside `Ok(..)`, and that `Ok(..)`. */
  value: string;
  ok: string;
}

/** main's returns, exits and tail rewritten for init, its body re-indented into `impl kernel::Module`, module! and the struct above it. */
function rewriteMain(ctx: FileContext, cc: CrateContext, g: EditGroup, m: Main): void {
  const { text } = ctx;
  const { fn, body, shape, typeName, base, unit, kept, value, ok } = m;
  const edits = g.pending;
  const replace = (n: SyntaxNode, t: string) => g.replace(n, t);

  // `return` in main's own body (not in closures or nested items).
  for (const c of query(RETURNS).captures(body)) {
    const r = c.node;
    if (!ownFn(r, fn)) continue;
    if (kept.length) {
      ctx.report({
        code: 'K0513',
        message: `\`return\` in main, which keeps ${kept.map((k) => `\`${k.name}\``).join(', ')} until unload: this return has no value for ${kept.length > 1 ? 'those fields' : 'that field'}`,
        node: r,
        help: `restructure main so that it returns only at the end (an \`if\`/\`else\` around the rest), or return an error (\`return Err(EINVAL)\`: loading fails)`,
      });
    }
    const v = r.namedChildren[0];
    if (shape.kind === 'unit') {
      if (!v || v.type === 'unit_expression') replace(r, `return ${ok}`);
    } else if (v) {
      if (isOkUnit(v)) replace(v, ok);
      else if (!isCall(v, 'Err')) replace(v, `${v.text}.map(|()| ${value})`);
    }
  }

  // std::process::exit(code): the module cannot end the process; init returns instead.
  const exits = query(EXIT_PATH).matches(body);
  const bareExit = query(EXIT_IMPORT)
    .captures(ctx.tree.rootNode)
    .some((c) => /^(::)?std::process::(exit|\{[^}]*\bexit\b[^}]*\})$/.test(c.node.text.replace(/\s+/g, '')));
  if (bareExit) exits.push(...query(EXIT_BARE).matches(body));
  for (const m of exits) {
    const call = m.captures.find((c) => c.name === 'call')!.node;
    if (!ownFn(call, fn)) continue;
    const args = m.captures.find((c) => c.name === 'args')!.node.namedChildren;
    const zero = args.length === 1 && /^0(i32)?$/.test(args[0].text);
    replace(call, zero ? `return ${ok}` : 'return Err(EINVAL)');
    if (zero && kept.length) {
      ctx.report({ code: 'K0513', message: `\`${call.text}\` in main, which keeps ${kept.map((k) => `\`${k.name}\``).join(', ')} until unload: the return it becomes has no value for ${kept.length > 1 ? 'those fields' : 'that field'}`, node: call, help: 'restructure main so that it returns only at the end, or return an error (loading fails)' });
    }
    ctx.report({
      code: 'K0506',
      message: zero
        ? '`process::exit(0)` became `return Ok(..)`: init ends and the module stays loaded'
        : `\`${call.text}\` became \`return Err(EINVAL)\`: loading the module fails with -EINVAL`,
      node: call,
      help: zero ? 'a module cannot end a process; check that returning here is what the program meant' : 'choose the errno that says why (kernel::error::code): EINVAL is only a placeholder',
    });
  }

  // The end of the body: main's tail value becomes init's.
  const kids = body.namedChildren.filter((c) => !c.type.endsWith('comment'));
  const last = kids[kids.length - 1];
  let tail: SyntaxNode | undefined;
  if (last && last.type !== 'expression_statement' && last.type !== 'let_declaration' && !last.type.endsWith('_item') && last.type !== 'empty_statement') {
    // A macro call with braces is a statement; `m!(..)` without `;` at the end is the tail.
    if (last.type !== 'macro_invocation' || !/[}\];]$/.test(last.text) || /\)$/.test(last.text)) tail = last;
  }
  else if (last?.type === 'expression_statement' && !last.text.endsWith(';')) tail = last.namedChildren[0];
  let appendOk = true;
  const diverges = (n: SyntaxNode | undefined) => {
    const e = n?.type === 'expression_statement' ? n.namedChildren[0] : n;
    return !!e && (e.type === 'return_expression' || edits.some((x) => x.start === e.startIndex && x.end === e.endIndex && x.text.startsWith('return ')));
  };
  if (shape.kind === 'unit') {
    if (tail && !BLOCK_LIKE.has(tail.type) && !diverges(tail)) g.insert(tail.endIndex, ';');
    if (diverges(last) || endless(last)) appendOk = false;
  } else {
    appendOk = false;
    if (tail) rewriteTail(tail, value, g, true, `${ok}`, lineIndent(text, tail.startIndex));
    else if (!diverges(last) && !(last && last.type === 'expression_statement' && last.namedChildren[0]?.type === 'loop_expression')) appendOk = true;
    if (shape.errorType && !/^((::)?kernel::(error::)?)?Error$/.test(shape.errorType)) {
      ctx.report({
        code: 'K0504',
        message: `\`main\` returned \`Result<(), ${shape.errorType}>\`; \`init\` returns the kernel's \`Result<Self>\``,
        node: fn.childForFieldName('return_type')!,
        help: `errors that reach \`?\` or a \`return\` in init must be kernel::error::Error values: map ${shape.errorType} to an errno where it is made`,
      });
    }
  }

  // An endless loop at the top of main would block module loading for ever.
  for (const k of kids) {
    const e = k.type === 'expression_statement' ? k.namedChildren[0] : k;
    if (e?.type !== 'loop_expression') continue;
    const exits = e.descendantsOfType(['break_expression', 'return_expression', 'try_expression']);
    const replaced = edits.some((x) => x.start >= e.startIndex && x.end <= e.endIndex && x.text.startsWith('return '));
    if (exits.length === 0 && !replaced) {
      ctx.report({
        code: 'K0505',
        message: '`init` never returns: this `loop` has no `break`, `return` or `?`, so loading the module would hang',
        node: e,
        help: 'module init must return; run the loop from a kernel thread or a workqueue, or end it when the work is done',
      });
    }
  }

  // The new body: one level deeper (never inside a multi-line string or comment).
  const innerStart = body.startIndex + 1;
  const innerEnd = body.endIndex - 1;
  const multiline = text.slice(innerStart, innerEnd).includes('\n');
  let inner = g.render({ start: innerStart, end: innerEnd }, { indent: { add: unit }, keep: body });
  const i1 = base + unit;
  const i2 = base + unit + unit;
  if (!multiline) inner = inner.trim() ? `\n${i2}${inner.trim()}` : '';
  inner = inner.replace(/\s+$/, '');
  if (appendOk) inner += `\n${i2}${ok}`;

  const block = moduleBlock({ typeName, crate: cc.crate, description: m.description, authorsKey: ctx.profile.moduleAuthors, indent: unit });
  const indentBlock = (s: string) => s.split('\n').map((l) => (l ? base + l : l)).join('\n');
  const impl = `impl kernel::Module for ${typeName} {\n${i1}fn init(_module: &'static ThisModule) -> Result<Self> {${inner}\n${i1}}\n${base}}`;

  // module! and the struct go above main's doc comments and attributes, which stay on the impl.
  let top = fn;
  for (let p = fn.previousSibling; p && (p.type === 'attribute_item' || (p.type === 'line_comment' && /^\/\/\//.test(p.text))); p = p.previousSibling) top = p;
  const attrs = text.slice(top.startIndex, fn.startIndex);
  const struct = kept.length ? `struct ${typeName} {\n${kept.map((k) => `${i1}${k.name}: ${k.type},\n`).join('')}${base}}` : `struct ${typeName};`;
  g.replace({ start: top.startIndex, end: fn.endIndex }, `${indentBlock(block).trimStart()}\n\n${base}${struct}\n\n${base}${attrs}${impl}`);
}

/** A `loop` statement without a `break`: init never gets past it. */
function endless(n: SyntaxNode | undefined): boolean {
  const e = n?.type === 'expression_statement' ? n.namedChildren[0] : n;
  return e?.type === 'loop_expression' && e.descendantsOfType('break_expression').length === 0;
}

/** Rewrite a `Result<(), E>` tail so that it yields `Result<Self>`. */
function rewriteTail(e: SyntaxNode, typeName: string, g: EditGroup, top: boolean, ok: string, ind = ''): void {
  if (isOkUnit(e)) {
    g.replace(e, ok);
    return;
  }
  if (isCall(e, 'Err') || e.type === 'return_expression' || g.pending.some((x) => x.start === e.startIndex && x.end === e.endIndex)) return;
  if (e.type === 'block' || e.type === 'unsafe_block') {
    const b = e.type === 'block' ? e : e.namedChildren.find((c) => c.type === 'block');
    const kids = b?.namedChildren.filter((c) => !c.type.endsWith('comment')) ?? [];
    const last = kids[kids.length - 1];
    if (last && last.type !== 'expression_statement' && last.type !== 'let_declaration') rewriteTail(last, typeName, g, false, ok);
    else if (last?.type === 'expression_statement' && !last.text.endsWith(';')) rewriteTail(last.namedChildren[0], typeName, g, false, ok);
    return;
  }
  if (e.type === 'if_expression') {
    rewriteTail(e.childForFieldName('consequence')!, typeName, g, false, ok);
    const alt = e.childForFieldName('alternative')?.namedChildren[0];
    if (alt) rewriteTail(alt, typeName, g, false, ok);
    return;
  }
  if (e.type === 'match_expression') {
    for (const arm of e.childForFieldName('body')?.namedChildren ?? []) {
      const v = arm.type === 'match_arm' ? arm.childForFieldName('value') : undefined;
      if (v) rewriteTail(v, typeName, g, false, ok);
    }
    return;
  }
  if (e.type === 'loop_expression' || e.type === 'macro_invocation') return;
  // Any other Result<(), E> value: `?` keeps its error (through From), then init succeeds.
  if (top) g.insert(e.endIndex, `?;\n${ind}${ok}`);
  else g.replace(e, `${e.text}.map(|()| ${typeName})`);
}

/** The first line of the crate root's `//!` documentation, as a default description. */
function docLine(ctx: FileContext): string | undefined {
  for (const c of ctx.tree.rootNode.children) {
    if (c.type === 'line_comment' && /^\/\/!/.test(c.text)) {
      const s = c.text.replace(/^\/\/!\s?/, '').trim();
      if (s) return s.replace(/\.$/, '');
      continue;
    }
    if (c.type === 'inner_attribute_item' || c.type === 'shebang') continue;
    break;
  }
  return undefined;
}

/** The type name `module!` gets: CamelCase of the module name, unless the file already uses it. */
function pickTypeName(ctx: FileContext, want: string): string {
  const taken = new Set<string>();
  for (const c of query(NAMES).captures(ctx.tree.rootNode)) {
    if (c.name === 'n') taken.add(c.node.text);
    else for (const m of c.node.text.matchAll(/\b[A-Z][A-Za-z0-9_]*\b/g)) taken.add(m[0]);
  }
  let name = want;
  if (taken.has(name)) name = `${want}Module`;
  for (let i = 2; taken.has(name); i++) name = `${want}Module${i}`;
  return name;
}

function describeMetadata(ctx: FileContext, at: SyntaxNode, cc: CrateContext, typeName: string, description: string | undefined): void {
  const c = cc.crate;
  const src = c.metadataSources ?? {};
  const from = (k: keyof NonNullable<typeof c.metadataSources>, dflt: string) => src[k] ?? dflt;
  const parts = [
    `type \`${typeName}\``,
    `name "${c.moduleName}" (${from('moduleName', 'file name')})`,
    c.authors.length ? `authors ${c.authors.map((a) => `"${singleLine(a)}"`).join(', ')} (${from('authors', 'given')})` : 'no authors (none given; --author adds one)',
    description !== undefined ? `description "${singleLine(description)}" (${c.description !== undefined ? from('description', 'given') : 'crate doc comment'})` : 'no description (--description adds one)',
    `license "${singleLine(c.license)}" (${from('license', 'default')})`,
  ];
  ctx.report({ code: 'K0501', message: `\`fn main\` became the module entry: ${parts.join(', ')}`, node: at, help: 'override with --module-name, --author, --description, --license or [package.metadata.kport]' });
  if (ctx.profile.moduleAuthors === 'author' && c.authors.length) {
    const k = ctx.profile.moduleAuthorKeys;
    ctx.report({
      code: 'K0502',
      message: `profile ${ctx.profile.id} writes \`author: ".."\`: kernels from ${k.authorsSince} take \`authors: [..]\`, and ${k.authorRemovedIn} dropped \`author\``,
      node: at,
      help: `pick the profile of the kernel you build against (--profile mainline writes \`authors\`)`,
    });
  }
  if (!(KERNEL_LICENSES as readonly string[]).includes(c.license)) {
    ctx.report({
      code: 'K0507',
      message: `license "${c.license}" is not one the kernel accepts as GPL-compatible: the module could not use the kernel crate's GPL-only symbols`,
      node: at,
      help: `use one of ${KERNEL_LICENSES.map((l) => `"${l}"`).join(', ')} (include/linux/license.h)`,
    });
  } else if (c.manifestLicense !== undefined && src.license === 'default') {
    ctx.report({
      code: 'K0507',
      message: `Cargo.toml's license "${c.manifestLicense}" is not one the kernel accepts for a module; the module says "${c.license}"`,
      node: at,
      help: 'the kernel crate exports its symbols GPL-only (include/linux/license.h lists the accepted strings); relicensing is the authors\' decision: pass --license to choose',
    });
  }
}

export const moduleEntry: CrateTransform = {
  id: 'module-entry',
  scope: 'crate',
  summary: 'Turn `fn main` into a `module!` block, a module type and `impl kernel::Module` whose `init` runs the body.',
  docs: `A kernel module has no main: the kernel calls \`Module::init\` when the module
is loaded and drops the module value when it is unloaded (rust/kernel/lib.rs).
kport moves main's body into \`init\`, adds the \`module!\` block with the keys in
the order rust/macros/module.rs requires, and a unit struct for the module type.

- Names: the module name comes from --module-name, [package.metadata.kport],
  Cargo.toml's package name or the file name, made a valid kernel module name
  ([a-z0-9_]); the type is its CamelCase (renamed if the file uses that name).
- \`main() -> Result<(), E>\`: \`Ok(())\` in tail position becomes \`Ok(Type)\`;
  other values keep their error through \`?\`; E must be the kernel Error (K0504).
- \`return;\` becomes \`return Ok(Type);\`; \`std::process::exit(0)\` becomes
  \`return Ok(Type)\`, any other exit \`return Err(EINVAL)\` (K0506).
- Locals in main are dropped when init returns, exactly as when main ended, so
  nothing moves into the struct; a top-level endless \`loop\` is reported (K0505).
- Except \`let _name: Type = expr;\` at main's top level (a registration or a
  guard held for its drop, like the one \`--io miscdev\` adds): it becomes a field
  of the module struct, kept until unload (\`struct T { _name: Type }\`,
  \`Ok(T { _name })\`). Without the type it is reported (K0512); so is a \`return\`
  in such a main (K0513).
- The profile decides \`authors: [..]\` (v6.15 on) or \`author: ".."\` (K0502).
- A crate without main is ported as a module-less file set (K0509);
  \`--no-module\` skips this transform.

Before:
    //! Greets the world.
    fn main() {
        pr_info!("hi\\n");
    }
After:
    //! Greets the world.
    module! {
        type: Hello,
        name: "hello",
        authors: ["Ada"],
        description: "Greets the world",
        license: "GPL",
    }

    struct Hello;

    impl kernel::Module for Hello {
        fn init(_module: &'static ThisModule) -> Result<Self> {
            pr_info!("hi\\n");
            Ok(Hello)
        }
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  run,
  codes: [
    {
      code: 'K0501',
      severity: 'note',
      title: '`fn main` became the module entry; the metadata chosen and where it came from',
      explanation: `kport turned \`fn main\` into \`module! { .. }\`, a module type and
\`impl kernel::Module\`. The note lists each \`module!\` value and its source
(a flag, [package.metadata.kport], Cargo.toml, the crate's doc comment, or the
default), so a reviewer can check them. Override any of them with
--module-name, --author, --description or --license.

Before:
    fn main() { pr_info!("hi\\n"); }
After:
    module! { type: Hello, name: "hello", license: "GPL", }
    struct Hello;
    impl kernel::Module for Hello {
        fn init(_module: &'static ThisModule) -> Result<Self> { pr_info!("hi\\n"); Ok(Hello) }
    }`,
    },
    {
      code: 'K0502',
      severity: 'note',
      title: 'this profile writes the older `author:` key',
      explanation: `rust/macros/module.rs took one \`author: ".."\` string until v6.15 added
\`authors: [..]\` (commit 38559da6afb2); \`author\` was removed after that. kport
writes the form of the chosen profile; several authors are joined with ", " in
the old form.

Before (profile v6.10):
    authors = ["Ada", "Bob"]          # Cargo.toml
After:
    author: "Ada, Bob",`,
    },
    {
      code: 'K0503',
      severity: 'error',
      title: '`main` has a form that does not map onto `Module::init`',
      explanation: `Only \`fn main()\` and \`fn main() -> Result<(), E>\` become
\`Module::init\`. An \`async fn main\` (an async runtime), a main that returns
\`ExitCode\` or another type, or a generic or \`extern\` main is left unchanged:
write the \`impl kernel::Module\` by hand.

Before:
    fn main() -> ExitCode { .. }
After (by hand):
    impl kernel::Module for Game {
        fn init(_module: &'static ThisModule) -> Result<Self> { ..; Ok(Game) }
    }`,
    },
    {
      code: 'K0504',
      severity: 'warning',
      title: "`main`'s error type is not the kernel's `Error`",
      explanation: `\`Module::init\` returns \`kernel::error::Result<Self>\`, whose error is an errno
(\`kernel::error::Error\`). Values that main returned with another error type
(\`io::Error\`, \`Box<dyn Error>\`, a custom enum) will not convert; map them to
an errno where they are produced.

Before:
    fn main() -> Result<(), ParseError> { parse()?; Ok(()) }
After (by hand, in parse):
    .map_err(|_| EINVAL)?`,
    },
    {
      code: 'K0505',
      severity: 'error',
      title: '`init` would never return',
      explanation: `A loop at the top of main that never breaks is a server's main loop. In
\`Module::init\` it would block \`insmod\` for ever. Move the loop into a kernel
thread or a work item, or end it, and keep only set-up in init.

Before:
    fn main() { loop { serve(); } }
After (by hand):
    init registers a work item that calls serve().`,
    },
    {
      code: 'K0506',
      severity: 'warning',
      title: '`process::exit` became a return from `init`',
      explanation: `A module cannot end a process. \`std::process::exit(0)\` in main becomes
\`return Ok(Type)\` (the module loads); any other exit code becomes
\`return Err(EINVAL)\` (loading fails with -EINVAL). Choose the errno that says
why (rust/kernel/error.rs lists them).

Before:
    if bad { std::process::exit(2); }
After:
    if bad { return Err(EINVAL); }`,
    },
    {
      code: 'K0507',
      severity: 'warning',
      title: "the module's licence, or Cargo.toml's, is not one the kernel accepts",
      explanation: `The kernel accepts the module licence strings in include/linux/license.h
("GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
"Dual MPL/GPL"), and the kernel crate's symbols are GPL-only. kport maps SPDX
expressions that mean one of these (GPL-2.0-only → "GPL v2", MIT OR GPL-2.0 →
"Dual MIT/GPL", ...) and otherwise writes "GPL" and says so: relicensing is the
authors' decision. Pass --license to choose.

Before:
    license = "MIT"          # Cargo.toml
After:
    license: "GPL",          # in module!, with this warning`,
    },
    {
      code: 'K0508',
      severity: 'error',
      title: 'several files define `fn main`',
      explanation: `A kernel module has one entry point. When the files given to kport hold
more than one \`fn main\` (several programs in one folder), kport does not
guess which one is the module: pass that program's file alone (or --bin NAME for
a Cargo crate with several binaries).

Before:
    kport rewrite tools/        # a.rs and b.rs both have fn main
After:
    kport rewrite tools/a.rs`,
    },
    {
      code: 'K0511',
      severity: 'warning',
      title: 'the crate has a library beside the program',
      explanation: `A Cargo package with src/lib.rs and src/main.rs is two crates: the program
uses the library by the package's name. A kernel module is built from one crate
(the module file and its \`mod\` tree), so the library's files are not part of
it. Move the library's \`mod\` declarations into the module file and write
\`crate::\` for the package name.

Before:
    src/main.rs: use dice::roll;     src/lib.rs: pub fn roll() ..
After (by hand):
    src/dice.rs (the module file): mod roll; use crate::roll::roll;`,
    },
    {
      code: 'K0512',
      severity: 'warning',
      title: 'a value main keeps alive has no type annotation',
      explanation: `A \`let _name = expr;\` at main's top level holds a value until main ends (a
registration, a guard). In a module, main's end is the end of \`init\`, so kport keeps
such a value in the module struct until unload, which needs its type. Without
an annotation it stays a local of \`init\` and is dropped when \`init\` returns.

Before:
    let _dev = miscdev::register(Session { .. })?;
After (by hand, then kport again):
    let _dev: miscdev::Registration = miscdev::register(Session { .. })?;
    // → struct Game { _dev: miscdev::Registration }  and  Ok(Game { _dev })`,
    },
    {
      code: 'K0513',
      severity: 'error',
      title: 'main returns early, but it keeps values until unload',
      explanation: `When main has a \`let _name: Type = ..;\` that becomes a field of the module
struct, every successful return of \`init\` must build the struct with that field.
An early \`return\` (or \`process::exit(0)\`) before it has no value for it.
Restructure main so that it returns only at its end, or return an error.

Before:
    fn main() {
        if quiet { return; }
        let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
    }
After (by hand):
    if quiet { return Err(EINVAL); }`,
    },
    {
      code: 'K0509',
      severity: 'note',
      title: 'no `fn main`: ported as a module-less set of files',
      explanation: `A library crate has no entry point, so kport ports its files (paths,
printing, allocation, ...) without a \`module!\` block or build files. A module
that uses the code declares \`module!\` itself. --no-module says this on purpose
and silences the note.

Before:
    src/lib.rs: pub fn score(..) { .. }
After:
    src/lib.rs: the same, ported; no module! added`,
    },
  ],
};
