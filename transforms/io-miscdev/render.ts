// io-miscdev: rendering. `struct Session` and `impl Session { fn line, fn finish }`
// from the loop and the code after it, and main ending in the registration, as
// one edit group (src/engine/edits.ts).
import { lineIndent, lineRemovalRange } from '../../src/rewrite/remove-lines.ts';
import { miscdevFile } from '../../src/rewrite/miscdev-template.ts';
import type { EditGroup } from '../../src/engine/edits.ts';
import type { SyntaxNode } from '../../src/engine/types.ts';
import { ownJumps } from './checks.ts';
import { imports } from './imports.ts';
import { Port, stmtsAfter, type Binding, type InputLoop, type StateVar } from './port.ts';
import { BLOCK_LIKE, capturesIn, guessUnit, inNestedFn, inside, isUnitMain, isValueUse, matchesIn, named, ownBody } from './syntax.ts';

const PRINTS: Record<string, string> = { println: 'miscdev::outln', print: 'miscdev::out' };

/** The indentation of main (`base`) and of one and two levels inside it. */
interface Indent {
  base: string;
  i1: string;
  i2: string;
}

export function indentOf(port: Port): Indent {
  const base = lineIndent(port.text, port.fn.startIndex);
  const unitIndent = guessUnit(port.text, port.body, base);
  const i1 = base + unitIndent;
  return { base, i1, i2: i1 + unitIndent };
}

/** `struct Session` and `impl Session { fn line, fn finish }`, to stand before main at its indentation. */
export function renderSession(port: Port, g: EditGroup, loop: InputLoop, state: StateVar[], { base, i1, i2 }: Indent): string {
  const names = new Set(state.map((s) => s.name));
  const prints = matchesIn(port.ctx, 'macros', loop.body).some((m) => PRINTS[m.captures.find((c) => c.name === 'm')!.node.text.replace(/^(::)?std::/, '')] !== undefined);
  const outName = (prints ? '' : '_') + (capturesIn(port.ctx, 'ident', loop.body).some((c) => c.node.text === 'out') ? 'miscdev_out' : 'out');
  const lineBody = renderLine(port, g, loop, names, outName, i2);
  const finBody = renderFinish(port, g, loop, names, i2);
  const dev = port.device;
  const fields = state.map((s) => `${i1}${s.name}: ${s.type},\n`).join('');
  return (
    `/// The state of \`main\`'s input loop, kept between lines written to ${dev}.\n` +
    `${base}struct Session {\n${fields}${base}}\n\n` +
    `${base}impl Session {\n` +
    `${i1}/// The body of \`main\`'s input loop: runs once per line written to ${dev}.\n` +
    `${i1}fn line(&mut self, ${loop.lineName}: &str, ${outName}: &mut miscdev::Output) -> Result<miscdev::Flow> {\n${lineBody}\n${i1}}\n\n` +
    `${i1}/// What \`main\` does after its input loop: runs when the session ends.\n` +
    `${i1}fn finish(&mut self) -> Result {\n${finBody}\n${i1}}\n` +
    `${base}}\n\n${base}`
  );
}

/** The body of `Session::line`: the loop body without its line read, its jumps as `Flow`s, state through `self.`, prints into `out`. */
function renderLine(port: Port, g: EditGroup, loop: InputLoop, names: Set<string>, outName: string, i2: string): string {
  const { text } = port;
  for (const p of loop.preamble) g.remove(lineRemovalRange(text, p.startIndex, p.endIndex));
  // A jump in the line read (`.. == 0 { break; }`, `else { break }`) goes with it.
  for (const j of ownJumps(port, loop)) if (j.mapped && j.mapped !== j.node.text && !loop.preamble.some((p) => inside(j.node, p))) g.replace(j.node, j.mapped);
  stateEdits(port, g, loop.body, names, loop.preamble);
  printEdits(port, g, loop.body, outName);
  flushRemovals(port, g, loop.body);
  let lineBody = render(port, g, loop.body.startIndex + 1, loop.body.endIndex - 1, i2);
  lineBody = endWithStatement(lineBody, loop.body, text);
  return lineBody + `${lineBody ? '\n' : ''}${i2}Ok(miscdev::Flow::Continue)`;
}

/** The body of `Session::finish`: the code after the loop, state through `self.`. */
function renderFinish(port: Port, g: EditGroup, loop: InputLoop, names: Set<string>, i2: string): string {
  const unit = isUnitMain(port.fn);
  const after = stmtsAfter(port, loop);
  let finBody = '';
  if (after.length) {
    const from = loop.stmt.endIndex;
    const to = port.body.endIndex - 1;
    for (const r of after) {
      for (const c of capturesIn(port.ctx, 'jumps', r)) {
        if (c.node.type !== 'return_expression' || !ownBody(c.node, port.fn)) continue;
        const v = named(c.node)[0];
        if (unit && (!v || v.type === 'unit_expression')) g.replace(c.node, 'return Ok(())');
      }
      stateEdits(port, g, r, names, []);
    }
    finBody = render(port, g, from, to, i2).replace(/^\s*\n/, '');
  }
  if (unit) {
    const last = after[after.length - 1];
    if (last && last.type !== 'expression_statement' && last.type !== 'let_declaration' && !last.type.endsWith('_item') && !(last.type === 'macro_invocation' && /[;}]$/.test(last.text) && !/\)$/.test(last.text))) {
      if (!BLOCK_LIKE.has(last.type)) finBody = finBody.replace(/\s*$/, ';');
    }
    finBody += `${finBody ? '\n' : ''}${i2}Ok(())`;
  }
  return finBody;
}

/** The edits: the Session before main, main ending in the registration, the input's lets and imports gone, miscdev.rs added (K1001). */
export function rewriteMain(port: Port, g: EditGroup, loop: InputLoop, state: StateVar[], bindings: Binding[], session: string, { base, i1 }: Indent): void {
  const { ctx, text, body } = port;
  const unit = isUnitMain(port.fn);
  let top = port.fn;
  for (let p = port.fn.previousSibling; p && (p.type === 'attribute_item' || (p.type === 'line_comment' && /^\/\/\//.test(p.text))); p = p.previousSibling) top = p;
  g.insert(top.startIndex, session);

  // main: its statements before the loop, then the registration.
  const init = `Session {${state.length ? ` ${state.map((s) => s.name).join(', ')} ` : ''}}`;
  const reg = `let _miscdev: miscdev::Registration = miscdev::register(${init})?;${unit ? '' : `\n${i1}Ok(())`}`;
  g.replace({ start: loop.stmt.startIndex, end: body.endIndex - 1 }, `${reg}\n${base}`);
  // A local that main now only moves into the Session needs no `mut` there (rustc's
  // unused_mut is an error in kernels built with CONFIG_WERROR).
  const between = capturesIn(ctx, 'ident', body).map((c) => c.node).filter((n) => n.endIndex <= loop.stmt.startIndex);
  for (const s of state) {
    const pat = s.decl.childForFieldName('pattern');
    const mut = s.decl.children.find((c) => c.type === 'mutable_specifier');
    if (!mut || !pat || between.some((n) => n.text === s.name && n.startIndex >= s.decl.endIndex)) continue;
    g.remove({ start: mut.startIndex, end: pat.startIndex });
  }
  for (const b of bindings) g.remove(lineRemovalRange(text, b.stmt.startIndex, b.stmt.endIndex));

  imports(port, g, loop, bindings);
  const dir = ctx.path.includes('/') ? ctx.path.slice(0, ctx.path.lastIndexOf('/') + 1) : '';
  ctx.addFile(`${dir}miscdev.rs`, miscdevFile(port.cc.crate.moduleName, loop.keepNewline));
  ctx.report({
    code: 'K1001',
    node: loop.loop,
    message: `main's input loop became the handler of ${port.device}: each line written runs \`Session::line\`, what it prints is read back from the device; ${state.length ? `state ${state.map((s) => `\`${s.name}: ${s.type}\``).join(', ')}` : 'no state'}`,
    help: `the code after the loop runs in \`Session::finish\` when the loop ends (or at unload); miscdev.rs documents the output limit and the errors`,
  });
}

/** State names → `self.x` in `root`, and `x = self.x` arguments for `{x}` captures in format strings. */
function stateEdits(port: Port, g: EditGroup, root: SyntaxNode, names: Set<string>, skip: SyntaxNode[]): void {
  for (const c of capturesIn(port.ctx, 'ident', root)) {
    const n = c.node;
    if (!names.has(n.text) || skip.some((s) => inside(n, s)) || inNestedFn(n, root)) continue;
    if (!isValueUse(n)) continue;
    g.replace(n, n.parent?.type === 'shorthand_field_initializer' ? `${n.text}: self.${n.text}` : `self.${n.text}`);
  }
  for (const m of matchesIn(port.ctx, 'macros', root)) {
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    if (skip.some((s) => inside(tt, s))) continue;
    const fmt = tt.namedChildren.find((c) => c.type === 'string_literal' || c.type === 'raw_string_literal');
    if (!fmt) continue;
    const caps = new Set<string>();
    for (const x of fmt.text.matchAll(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g)) if (x[1] && names.has(x[1])) caps.add(x[1]);
    if (caps.size === 0) continue;
    const close = tt.endIndex - 1;
    const trailingComma = /,\s*$/.test(port.text.slice(tt.startIndex + 1, close));
    const args = [...caps].map((x) => `${x} = self.${x}`).join(', ');
    g.insert(close, trailingComma ? ` ${args}` : `, ${args}`);
  }
}

/** println!/print! in the handler → miscdev::outln!/out! into the device's output. */
function printEdits(port: Port, g: EditGroup, root: SyntaxNode, outName: string): void {
  for (const m of matchesIn(port.ctx, 'macros', root)) {
    const mac = m.captures.find((c) => c.name === 'm')!.node;
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    const name = mac.text.replace(/^(::)?std::/, '');
    const to = PRINTS[name];
    if (!to || inNestedFn(mac, root)) continue;
    g.replace(mac, to);
    const empty = port.text.slice(tt.startIndex + 1, tt.endIndex - 1).trim() === '';
    const newline = /^[ \t]*\n/.test(port.text.slice(tt.startIndex + 1));
    g.insert(tt.startIndex + 1, empty ? outName : newline ? `${outName},` : `${outName}, `);
  }
}

/** `io::stdout().flush()..;` in the handler: the device's output needs no flush. */
function flushRemovals(port: Port, g: EditGroup, root: SyntaxNode): void {
  for (const s of root.namedChildren) {
    if (s.type !== 'expression_statement') continue;
    if (/^(std::)?(io::)?stdout\(\)\s*\.\s*flush\(\)(\s*\.\s*(unwrap\(\)|expect\([^)]*\))|\?)?;$/.test(s.text.replace(/\s+/g, ' ').replace(/ /g, ''))) g.remove(lineRemovalRange(port.text, s.startIndex, s.endIndex));
  }
}

/** The text of [from, to) with the group's edits there applied, re-indented so the block's first line sits at `indent`, without blank lines at its ends or two in a row. */
function render(port: Port, g: EditGroup, from: number, to: number, indent: string): string {
  const out = g
    .render({ start: from, end: to }, { indent: { to: indent }, keep: port.body })
    // Drop the text before the first line (the `{` line's rest) and trailing space.
    .replace(/^[ \t]*\n/, '')
    .replace(/\s+$/, '');
  return out.split('\n').filter((l, i, a) => !(l.trim() === '' && (i === 0 || a[i - 1].trim() === ''))).join('\n');
}

/** A loop body's last statement as text: a tail expression gets its `;` before `Ok(..)` follows. */
function endWithStatement(rendered: string, body: SyntaxNode, text: string): string {
  const kids = named(body);
  const last = kids[kids.length - 1];
  if (!last || last.type === 'expression_statement' || last.type === 'let_declaration' || last.type.endsWith('_item') || BLOCK_LIKE.has(last.type)) return rendered;
  if (last.type === 'macro_invocation' && /[;}]$/.test(text.slice(last.startIndex, last.endIndex + 1))) return rendered;
  return rendered.replace(/\s*$/, ';');
}
