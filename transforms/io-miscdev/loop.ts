// io-miscdev: loop recognition. main's one input loop and its shape (`for line in
// ..lines()`, `while let Some(Ok(line))`, `loop { read_line .. }`), or the reports
// why there is none to restructure.
import type { FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { Port, type Binding, type FoundLoop, type InputLoop } from './port.ts';
import { capturesIn, enclosingFnName, enclosingLoop, inside, letName, LOOPS, methodAfter, named, topStmt } from './syntax.ts';

const CUSTOM_READERS = new Set(['bytes', 'read_until', 'read_to_string', 'read_to_end', 'split', 'read', 'read_exact', 'fill_buf', 'chars', 'take']);

/** main's one input loop, or the reports why there is none to restructure (K1002, K1003, K1004, K1007, K1009). */
export function findInputLoop(port: Port): FoundLoop | undefined {
  const { ctx, body } = port;
  const stdinCalls = ctx.matches('stdinCalls').map((m) => m.captures.find((c) => c.name === 'call')!.node);
  const inMain = stdinCalls.filter((c) => inside(c, body));
  // First the profile: without the API no other finding leads to a port.
  if (inMain.length > 0 && !profileHasMiscdev(ctx)) {
    port.report('K1009', inMain[0], `profile ${ctx.profile.id} lacks the misc device API that \`--io miscdev\` generates (\`MiscDevice::read_iter\`/\`write_iter\`, \`kernel::iov\`)`, 'use --profile mainline, or write the device by hand for this kernel (rust/kernel/miscdevice.rs of that version)');
    return undefined;
  }
  checkReadsOutsideMain(port, stdinCalls, inMain);
  if (inMain.length === 0 || port.stopped) return undefined;
  const bindings = inputBindings(port);
  const loop = findLoop(port, inMain, bindings);
  if (!loop || port.stopped) return undefined;
  return { loop, bindings };
}

/** Reads elsewhere in the crate: input in two places (K1002), or none in main (K1007). */
function checkReadsOutsideMain(port: Port, stdinCalls: SyntaxNode[], inMain: SyntaxNode[]): void {
  const { ctx, body } = port;
  for (const f of port.cc.files) {
    const calls = f === ctx ? stdinCalls.filter((c) => !inside(c, body)) : f.matches('stdinCalls').map((m) => m.captures.find((c) => c.name === 'call')!.node);
    for (const c of calls) {
      const owner = enclosingFnName(c);
      if (inMain.length === 0) {
        f.report({
          code: 'K1007',
          node: c,
          message: `stdin is read here${owner ? ` in \`fn ${owner}\`` : ''}, not in main: \`--io miscdev\` restructures one input loop of main`,
          help: `move the loop that reads the input into main (calling \`${owner ?? 'f'}\` with each line), then run \`--io miscdev\` again`,
        });
        port.stopped = true;
        continue;
      }
      f.report({
        code: 'K1002',
        node: c,
        message: `stdin is read here${owner ? ` in \`fn ${owner}\`` : ''}, outside main's input loop: input read in two places cannot become one device handler`,
        help: `decide where each line goes: read every line in main's loop and pass the values on (\`fn ${owner ?? 'f'}(line: &str)\`), then run \`--io miscdev\` again`,
      });
      port.stopped = true;
    }
  }
}

/** `let stdin = io::stdin();`, `let mut lines = stdin.lock().lines();` at main's top level. */
function inputBindings(port: Port): Binding[] {
  const out: Binding[] = [];
  const isInput = (n: SyntaxNode | null): boolean => {
    if (!n) return false;
    if (n.type === 'call_expression') {
      const f = n.childForFieldName('function')!;
      if ((f.type === 'identifier' && f.text === 'stdin') || (f.type === 'scoped_identifier' && f.childForFieldName('name')?.text === 'stdin')) return true;
      if (f.type === 'field_expression' && ['lock', 'lines'].includes(f.childForFieldName('field')!.text) && named(n.childForFieldName('arguments')!).length === 0) return isInput(f.childForFieldName('value'));
      return false;
    }
    return n.type === 'identifier' && out.some((b) => b.name === n.text);
  };
  for (const s of named(port.body)) {
    const name = letName(s);
    if (name && isInput(s.childForFieldName('value'))) out.push({ name, stmt: s });
  }
  return out;
}

/** Every node that touches the input: stdin() calls and uses of the bindings, outside the bindings themselves. */
function inputUses(port: Port, inMain: SyntaxNode[], bindings: Binding[]): SyntaxNode[] {
  const names = new Set(bindings.map((b) => b.name));
  const inBinding = (n: SyntaxNode) => bindings.some((b) => inside(n, b.stmt));
  const uses = inMain.filter((c) => !inBinding(c));
  for (const c of capturesIn(port.ctx, 'ident', port.body)) {
    const n = c.node;
    if (!names.has(n.text) || inBinding(n)) continue;
    if (n.parent?.type === 'scoped_identifier' || n.parent?.type === 'field_expression' && n.parent.childForFieldName('value')?.id !== n.id) continue;
    uses.push(n);
  }
  return uses.sort((a, b) => a.startIndex - b.startIndex);
}

function findLoop(port: Port, inMain: SyntaxNode[], bindings: Binding[]): InputLoop | undefined {
  const uses = inputUses(port, inMain, bindings);
  const shapes = '`for line in stdin.lock().lines()`, `while let Some(Ok(line)) = lines.next()`, or `loop { let mut buf = String::new(); if stdin.read_line(&mut buf)? == 0 { break; } .. }`';
  // A reader kport cannot split into lines the way the program does.
  for (const u of uses) {
    const { method, call } = methodAfter(u);
    const wrapped = u.parent?.type === 'arguments' && /(^|::)BufReader::new$/.test(u.parent.parent?.childForFieldName('function')?.text ?? '');
    if ((method && CUSTOM_READERS.has(method)) || wrapped) {
      port.report('K1003', call ?? u.parent!, `the input is read with ${wrapped ? 'a `BufReader` of its own' : `\`${method}\``}, not line by line: kport cannot tell what one write to ${port.device} should be`, `decide what a write to the device means and read it line by line (${shapes}), or write the device's \`write_iter\` by hand`);
      return undefined;
    }
  }
  if (uses.length === 0) return undefined;
  const stmts = new Map<number, SyntaxNode>();
  for (const u of uses) {
    const s = topStmt(u, port.body);
    if (s) stmts.set(s.id, s);
  }
  const candidates = [...stmts.values()];
  const loopOf = (s: SyntaxNode) => (s.type === 'expression_statement' ? named(s)[0] : s);
  const isLoop = (s: SyntaxNode) => LOOPS.has(loopOf(s)?.type ?? '');
  if (candidates.length > 1) {
    const main = candidates.find(isLoop) ?? candidates[candidates.length - 1];
    for (const s of candidates) {
      if (s === main) continue;
      const u = uses.find((x) => inside(x, s))!;
      port.report('K1002', u, `input is read here and again in ${isLoop(main) ? 'the loop' : 'a later statement'} (line ${main.startPosition.row + 1}): a device handler sees one line at a time, with nothing read before or after it`, 'decide what the extra read becomes: a module parameter (`params:` in `module!`), a constant, or the first line the handler receives (keep a flag in the state), then run `--io miscdev` again');
    }
    return undefined;
  }
  const stmt = candidates[0];
  const l = loopOf(stmt);
  if (!isLoop(stmt)) {
    const nested = uses.map((u) => enclosingLoop(u, stmt)).find((x) => x);
    port.report('K1007', nested ?? uses[0], nested ? "the input loop is not at main's top level: kport moves only a loop that is a statement of main's body" : 'stdin is read once, not in a loop: there is no input loop to become the device handler', nested ? 'move the loop to the top level of main (the code around it before or after it), then run `--io miscdev` again' : `read the input in one loop (${shapes}), or take the value as a module parameter`);
    return undefined;
  }
  const inner = uses.filter((u) => inside(u, l));
  const found = shape(port, stmt, l, bindings);
  if (!found) {
    if (port.stopped) return undefined;
    const enumerated = l.type === 'for_expression' && /\.enumerate\(\)\s*$/.test(l.childForFieldName('value')?.text ?? '');
    port.report(
      'K1007',
      inner[0] ?? l,
      enumerated ? 'this input loop numbers its lines with `.enumerate()`: the handler gets one line, not its number' : 'this input loop has a shape kport does not restructure',
      enumerated ? 'count the lines in a local declared before the loop (`let mut n: usize = 0;`, `n += 1;` in the body), which becomes Session state; then run `--io miscdev` again' : `write it as ${shapes}, or write the device by hand`,
    );
    return undefined;
  }
  // Every read of the input must be the loop's own.
  for (const u of inner) {
    if (inside(u, found.reads)) continue;
    port.report('K1002', u, 'the loop reads the input a second time here: a device handler gets exactly one line per call', 'keep one read per iteration (the loop header); turn the second read into state that the next line completes');
    return undefined;
  }
  return found;
}

function shape(port: Port, stmt: SyntaxNode, l: SyntaxNode, bindings: Binding[]): InputLoop | undefined {
  const body = l.childForFieldName('body');
  if (!body) return undefined;
  const label = l.children.find((c) => c.type === 'label')?.text;
  const isBindingName = (n: SyntaxNode | null | undefined) => !!n && n.type === 'identifier' && bindings.some((b) => b.name === n.text);
  const isLinesCall = (n: SyntaxNode | null | undefined): boolean => {
    if (!n) return false;
    if (isBindingName(n)) return true;
    if (n.type !== 'call_expression') return false;
    const f = n.childForFieldName('function')!;
    return f.type === 'field_expression' && f.childForFieldName('field')!.text === 'lines' && isStdin(port, f.childForFieldName('value'), bindings);
  };
  const stmts = named(body);
  if (l.type === 'for_expression') {
    const pat = l.childForFieldName('pattern');
    let value = l.childForFieldName('value');
    if (pat?.type !== 'identifier' || !value) return undefined;
    // `.map_while(Result::ok)` / `.flatten()`: the loop variable is already the line.
    let unwrapped = false;
    if (value.type === 'call_expression') {
      const f = value.childForFieldName('function')!;
      const args = named(value.childForFieldName('arguments')!);
      const m = f.type === 'field_expression' ? f.childForFieldName('field')!.text : '';
      if ((m === 'map_while' && args.length === 1 && /^(Result::ok|std::result::Result::ok)$/.test(args[0].text)) || (m === 'flatten' && args.length === 0)) {
        value = f.childForFieldName('value');
        unwrapped = true;
      }
    }
    if (!isLinesCall(value)) return undefined;
    if (unwrapped) return { stmt, loop: l, body, lineName: pat.text, preamble: [], reads: l.childForFieldName('value')!, keepNewline: false, label, shape: 'for' };
    const first = stmts[0];
    const name = first && unwrapLine(first, pat.text);
    if (!name) return undefined;
    return { stmt, loop: l, body, lineName: name, preamble: [first], reads: l.childForFieldName('value')!, keepNewline: false, label, shape: 'for' };
  }
  if (l.type === 'while_expression') {
    const cond = l.childForFieldName('condition');
    if (cond?.type !== 'let_condition') return undefined;
    const pat = cond.childForFieldName('pattern')!;
    const value = cond.childForFieldName('value')!;
    const f = value.type === 'call_expression' ? value.childForFieldName('function') : null;
    if (f?.type !== 'field_expression' || f.childForFieldName('field')!.text !== 'next' || !isLinesCall(f.childForFieldName('value'))) return undefined;
    // `Some(Ok(line))`, or `Some(line)` with the line unwrapped first in the body.
    const m = /^Some\(\s*Ok\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*\)$/.exec(pat.text);
    if (m) return { stmt, loop: l, body, lineName: m[1], preamble: [], reads: cond, keepNewline: false, label, shape: 'while-let' };
    const m2 = /^Some\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/.exec(pat.text);
    const name = m2 && stmts[0] && unwrapLine(stmts[0], m2[1]);
    if (!name) return undefined;
    return { stmt, loop: l, body, lineName: name, preamble: [stmts[0]], reads: cond, keepNewline: false, label, shape: 'while-let' };
  }
  // loop { let mut buf = String::new(); [prompt;] if stdin.read_line(&mut buf)? == 0 { break; } .. }
  const iRead = stmts.findIndex((s) => readLineBuf(port, s, bindings) !== undefined);
  if (iRead < 0) return undefined;
  const buf = readLineBuf(port, stmts[iRead], bindings)!;
  const iDecl = stmts.findIndex((s) => letName(s) === buf && /^String::new\(\)$/.test(s.childForFieldName('value')?.text ?? ''));
  if (iDecl < 0 || iDecl > iRead) return undefined;
  const between = stmts.slice(0, iRead).filter((_, i) => i !== iDecl);
  const prompt = between.find((s) => /\b(print!|println!|flush\s*\()/.test(s.text));
  if (prompt) {
    port.report('K1004', prompt, `output is printed before each read (a prompt): on ${port.device} a reader sees it only after the next write, interleaved differently than on a terminal`, 'decide whether the prompt is needed: drop it (a device user writes without being asked), or print it at the end of the handler so `cat` shows it after each answer; then run `--io miscdev` again');
    return undefined;
  }
  if (between.length) return undefined;
  return { stmt, loop: l, body, lineName: buf, preamble: [stmts[iDecl], stmts[iRead]], reads: stmts[iRead], keepNewline: true, label, shape: 'read_line' };
}

/**
 * `if S.read_line(&mut buf)? == 0 { break; }` (or `.unwrap()`, `.expect(..)`), or the
 * read alone as a statement (`S.read_line(&mut buf).expect(..);`, the Rust book's form,
 * which never sees the end of input): the buffer's name.
 */
function readLineBuf(port: Port, s: SyntaxNode, bindings: Binding[]): string | undefined {
  const e = s.type === 'expression_statement' ? named(s)[0] : s;
  let left: SyntaxNode | undefined;
  if (e?.type === 'if_expression') {
    if (e.childForFieldName('alternative')) return undefined;
    const cond = e.childForFieldName('condition');
    const cons = e.childForFieldName('consequence');
    if (cond?.type !== 'binary_expression' || cond.childForFieldName('right')?.text !== '0' || !/^\{\s*break;?\s*\}$/.test(cons?.text ?? '')) return undefined;
    if (cond.children.find((c) => !c.isNamed)?.text !== '==') return undefined;
    left = cond.childForFieldName('left')!;
  } else if (s.type === 'expression_statement' && e) left = e;
  if (!left) return undefined;
  if (left.type === 'try_expression') left = named(left)[0];
  else if (left.type === 'call_expression') {
    const f = left.childForFieldName('function')!;
    if (f.type !== 'field_expression' || !['unwrap', 'expect'].includes(f.childForFieldName('field')!.text)) return undefined;
    left = f.childForFieldName('value')!;
  }
  if (left?.type !== 'call_expression') return undefined;
  const f = left.childForFieldName('function')!;
  if (f.type !== 'field_expression' || f.childForFieldName('field')!.text !== 'read_line' || !isStdin(port, f.childForFieldName('value'), bindings)) return undefined;
  const arg = named(left.childForFieldName('arguments')!);
  const m = arg.length === 1 ? /^&mut\s+([A-Za-z_][A-Za-z0-9_]*)$/.exec(arg[0].text) : null;
  return m?.[1];
}

function isStdin(port: Port, n: SyntaxNode | null | undefined, bindings: Binding[]): boolean {
  if (!n) return false;
  if (n.type === 'identifier') return bindings.some((b) => b.name === n.text);
  if (n.type !== 'call_expression') return false;
  const f = n.childForFieldName('function')!;
  if (f.type === 'identifier') return f.text === 'stdin';
  if (f.type === 'scoped_identifier') return f.childForFieldName('name')?.text === 'stdin';
  if (f.type === 'field_expression' && f.childForFieldName('field')!.text === 'lock') return isStdin(port, f.childForFieldName('value'), bindings);
  return false;
}

/** `let line = line.unwrap();` / `line?` / `.expect(..)` / `let Ok(line) = line else { break };` / a match: the line's name. */
function unwrapLine(s: SyntaxNode, loopVar: string): string | undefined {
  if (s.type !== 'let_declaration') return undefined;
  const v = s.childForFieldName('value')?.text.replace(/\s+/g, '') ?? '';
  const alt = s.childForFieldName('alternative');
  const pat = s.childForFieldName('pattern')!;
  if (alt) {
    const m = /^Ok\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(pat.text.replace(/\s+/g, ''));
    return m && v === loopVar && /^\{\s*(break|return);?\s*\}$/.test(alt.text) ? m[1] : undefined;
  }
  const name = letName(s);
  if (!name || s.childForFieldName('type')) return undefined;
  if (v === `${loopVar}.unwrap()` || v === `${loopVar}?` || new RegExp(`^${loopVar}\\.expect\\((".*"|r#?".*"#?)\\)$`, 's').test(v)) return name;
  const m = new RegExp(`^match${loopVar}\\{Ok\\(([A-Za-z_][A-Za-z0-9_]*)\\)=>\\1,Err\\(_[A-Za-z0-9_]*\\)=>(break|return),?\\}$`).exec(v);
  return m ? name : undefined;
}

/** Whether the profile has what the generated device needs (`Profile.miscdevIo`, docs/profiles.md). */
function profileHasMiscdev(ctx: FileContext): boolean {
  return ctx.profile.miscdevIo;
}
