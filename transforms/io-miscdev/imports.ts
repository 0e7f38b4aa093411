// io-miscdev: imports. The std imports only the input loop used go, and
// `mod miscdev;` is declared.
import { lineRemovalRange } from '../../src/rewrite/remove-lines.ts';
import { renderUse, useLeaves } from '../../src/rewrite/use-tree.ts';
import { topInsertPoint } from '../../src/rewrite/top-insert.ts';
import type { EditGroup, TextEdit } from '../../src/engine/edits.ts';
import type { SyntaxNode } from '../../src/engine/types.ts';
import { Port, type Binding, type InputLoop } from './port.ts';
import { capturesIn, inside, matchesIn, named } from './syntax.ts';


/** Drop the imports only the input loop used: `BufRead`, `io`, `stdin`, `Write`. */
export function imports(port: Port, g: EditGroup, loop: InputLoop, bindings: Binding[]): void {
  const { ctx, text } = port;
  // Names still written in the file once the loop, the bindings and the imports are gone
  // (the code after the loop stays, in `finish`); comments and strings do not count.
  const gone = [loop.stmt, ...bindings.map((b) => b.stmt)];
  // main's `-> io::Result<()>` goes too: module-entry gives init its own signature.
  const rt = port.fn.childForFieldName('return_type');
  if (rt && !port.cc.crate.options.noModule) gone.push(rt);
  const uses = ctx.tree.rootNode.namedChildren.filter((c) => c.type === 'use_declaration');
  const left = new Set<string>();
  for (const c of ctx.matches('nameTokens').map((m) => m.captures[0])) {
    const n = c.node;
    if (gone.some((g) => inside(n, g)) || uses.some((u) => inside(n, u))) continue;
    if (isStrSplit(n)) continue;
    left.add(n.text);
  }
  for (const r of named(port.body).slice(named(port.body).findIndex((s) => s.id === loop.stmt.id) + 1)) {
    for (const c of capturesIn(ctx, 'nameTokens', r)) left.add(c.node.text);
  }
  const pathRoots = new Set(ctx.matches('pathRoots').map((m) => m.captures[0]).filter((c) => !gone.some((g) => inside(c.node, g)) && !uses.some((u) => inside(c.node, u))).map((c) => c.node.text));
  const loopWrites = matchesIn(ctx, 'macros', loop.stmt).some((m) => /^(write|writeln)$/.test(m.captures.find((c) => c.name === 'm')!.node.text));
  const any = (...ns: string[]) => ns.some((n) => left.has(n));
  const removed = new Map<number, TextEdit>();
  for (const u of uses) {
    const arg = u.childForFieldName('argument');
    if (!arg) continue;
    const leaves = useLeaves(arg);
    const keep = new Set<number>();
    let changed = false;
    for (const l of leaves) {
      const p = l.segs.join('::').replace(/^std::/, '');
      const local = l.alias ?? l.segs[l.segs.length - 1];
      let drop = false;
      if (p === 'io' && (l.kind === 'self' || l.kind === 'name')) drop = !pathRoots.has(local) && !left.has(local);
      else if (p === 'io::BufRead') drop = !any('read_line', 'read_until', 'lines', 'split', 'fill_buf', 'consume', 'BufReader', 'Cursor', 'stdin', 'BufRead');
      else if (p === 'io::stdin') drop = !left.has(local);
      else if (p === 'io::Write') drop = !loopWrites && !any('write', 'writeln', 'flush', 'write_all', 'Write');
      if (!l.segs.length || l.segs[0] !== 'std' || l.global) drop = false;
      if (drop) changed = true;
      else keep.add(l.node.id);
    }
    if (!changed) continue;
    const r = renderUse(text, u, keep);
    if (r === null) {
      // A whole import block going away takes one of the blank lines around it too.
      const rm = { ...lineRemovalRange(text, u.startIndex, u.endIndex), text: '' };
      const blankBefore = rm.start === 0 || /\n[ \t]*\n$/.test(text.slice(0, rm.start));
      const next = /^[ \t]*\n/.exec(text.slice(rm.end));
      if (blankBefore && next && rm.start !== rm.end) {
        rm.end += next[0].length;
        rm.text = '\n';
      }
      removed.set(u.id, rm);
    }
    else g.replace(u, r);
  }
  modDecl(port, g, uses, removed);
}

/**
 * `x.split(',')`, `x.split("; ")`, `x.split(|c| ..)`: `str::split`, never `BufRead::split`,
 * whose one argument is a `u8`, so it does not keep `BufRead` imported.
 */
function isStrSplit(n: SyntaxNode): boolean {
  if (n.type !== 'field_identifier' || n.text !== 'split') return false;
  const field = n.parent;
  const call = field?.parent;
  if (field?.type !== 'field_expression' || call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== field.id) return false;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length === 1 && ['char_literal', 'string_literal', 'raw_string_literal', 'closure_expression'].includes(args[0].type);
}

/** `mod miscdev;` after the crate root's other `mod x;` items, else above its first item (in place of a removed `use`). */
function modDecl(port: Port, g: EditGroup, uses: SyntaxNode[], removed: Map<number, TextEdit>): void {
  const { ctx, text } = port;
  const mods = ctx.tree.rootNode.namedChildren.filter((c) => c.type === 'mod_item' && !c.childForFieldName('body'));
  const pt = topInsertPoint({ text, tree: ctx.tree });
  const at = pt ? pt.at : 0;
  let placed = mods.length > 0;
  if (placed) g.insert(mods[mods.length - 1].endIndex, '\nmod miscdev;');
  for (const u of uses) {
    const r = removed.get(u.id);
    if (!r) continue;
    if (!placed && r.start === at) {
      // In place of the import (with the blank line it took, if it took one).
      g.replace(r, `mod miscdev;\n${r.text}`);
      placed = true;
    } else g.remove(r);
  }
  if (!placed) g.insert(at, 'mod miscdev;\n\n');
}
