// module-entry: main becomes `impl kernel::Module`. Its returns, exits and tail
// value are rewritten for `init` and its body re-indented into it, as one edit
// group (src/engine/edits.ts), with `module!` and the module struct above it.
import { camelCase, moduleBlock, singleLine } from '../../src/crate/modinfo.ts';
import { lineIndent } from '../../src/rewrite/remove-lines.ts';
import { capturesUnder, matchesUnder } from '../../src/engine/queries.ts';
import type { CrateContext, FileContext, SyntaxNode } from '../../src/engine/types.ts';
import type { EditGroup } from '../../src/engine/edits.ts';
import { describeMetadata, docLine, pickTypeName } from './metadata.ts';
import { BLOCK_LIKE, endless, isCall, isOkUnit, ownFn, shapeOf, type Shape } from './shape.ts';

/** The queries convert reads (declared by the transform, module-entry.ts). */
export const INIT_QUERIES = {
  returns: '(return_expression) @r',
  exitPath: '((call_expression function: (scoped_identifier) @f arguments: (arguments) @args) @call (#match? @f "^(::)?(std::)?process::exit$"))',
  exitBare: '((call_expression function: (identifier) @f arguments: (arguments) @args) @call (#eq? @f "exit"))',
  exitImport: '(use_declaration argument: (_) @arg)',
};

export function convert(ctx: FileContext, fn: SyntaxNode, cc: CrateContext): void {
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
  for (const c of capturesUnder(ctx.matches('returns'), body, 'r')) {
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
  const exits = matchesUnder(ctx.matches('exitPath'), body, 'call');
  const bareExit = ctx
    .matches('exitImport')
    .some((m) => /^(::)?std::process::(exit|\{[^}]*\bexit\b[^}]*\})$/.test(m.captures[0].node.text.replace(/\s+/g, '')));
  if (bareExit) exits.push(...matchesUnder(ctx.matches('exitBare'), body, 'call'));
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
  // The kernel builds modules with -Wmissing_docs (Makefile rust_common_flags): a crate root needs its `//!`.
  const doc = crateDoc(ctx, cc, m.description);
  const docFirst = doc && doc.at === top.startIndex ? doc.text : '';
  if (doc && !docFirst) g.insert(doc.at, doc.text);
  g.replace({ start: top.startIndex, end: fn.endIndex }, `${docFirst}${indentBlock(block).trimStart()}\n\n${base}${struct}\n\n${base}${attrs}${impl}`);
}

/**
 * The crate doc comment a module root without one gets (`//! <description>.`,
 * or naming the module): at the top of the file, or below its header (the
 * plain comments before its first blank line, e.g. the SPDX line); undefined
 * when the root has `//!`, `/*!` or `#![doc]`.
 */
function crateDoc(ctx: FileContext, cc: CrateContext, description: string | undefined): { at: number; text: string } | undefined {
  const kids = ctx.tree.rootNode.children;
  for (const c of kids) {
    if (/^(\/\/!|\/\*!)/.test(c.text) && c.type.endsWith('comment')) return undefined;
    if (c.type === 'inner_attribute_item' && /^#!\[\s*doc\b/.test(c.text)) return undefined;
  }
  let i = kids[0]?.type === 'shebang' ? 1 : 0;
  let at = i ? ctx.text.indexOf('\n', kids[0].endIndex - 1) + 1 : 0;
  for (; i < kids.length && (kids[i].type === 'line_comment' || kids[i].type === 'block_comment'); i++) {
    const gap = ctx.text.slice(kids[i].endIndex, kids[i + 1]?.startIndex ?? ctx.text.length);
    if (/\n[ \t]*\n/.test(gap)) {
      at = kids[i].endIndex + gap.lastIndexOf('\n') + 1;
      break;
    }
  }
  const said = description ? singleLine(description).replace(/\.$/, '') : '';
  return { at, text: `//! ${said ? `${said}.` : `The \`${cc.crate.moduleName}\` kernel module.`}\n\n` };
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
