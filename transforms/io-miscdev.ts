import { lineRemovalRange, lineIndent } from '../src/rewrite/remove-lines.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { query } from '../src/engine/parse.ts';
import { miscdevFile } from '../src/rewrite/miscdev-template.ts';
import { topInsertPoint } from '../src/rewrite/top-insert.ts';
import { renderUse, useLeaves } from '../src/rewrite/use-tree.ts';
import type { EditGroup, TextEdit } from '../src/engine/edits.ts';
import type { CodeInfo, CrateContext, CrateTransform, FileContext, SyntaxNode } from '../src/engine/types.ts';

/**
 * io-miscdev (`--io miscdev`): main's line-by-line stdin loop becomes a misc
 * character device. The loop's state becomes `struct Session`, its body
 * `Session::line` (run once per line written to /dev/NAME; what it prints is
 * read back from the device), the code after it `Session::finish`; main ends
 * by registering the device. The shape is the contract in MISCDEV-SPEC.md; the
 * device itself is the generated miscdev.rs (templates/miscdev.rs).
 *
 * Kernel API (mainline): rust/kernel/miscdevice.rs (`MiscDevice`, `read_iter`,
 * `write_iter`, `MiscDeviceRegistration`), rust/kernel/iov.rs, rust/kernel/sync/lock/global.rs.
 */

const MAIN = '(source_file (function_item name: (identifier) @name (#eq? @name "main")) @fn)';
const PORTED = '(source_file (macro_invocation macro: (identifier) @m (#eq? @m "module")))';
const STDIN_CALL = `
  ((call_expression function: (identifier) @f arguments: (arguments) @a) @call (#eq? @f "stdin"))
  ((call_expression function: (scoped_identifier name: (identifier) @f) arguments: (arguments) @a) @call (#eq? @f "stdin"))
`;
const IDENT = '(identifier) @id';
const NAME_TOKENS = '(identifier) @n (field_identifier) @n (type_identifier) @n';
const PATH_ROOTS = '(scoped_identifier path: (identifier) @r) (scoped_type_identifier path: (identifier) @r)';
const JUMPS = `
  (break_expression) @j
  (continue_expression) @j
  (return_expression) @j
`;
const MACROS = '(macro_invocation macro: (_) @m (token_tree) @tt) @mac';
const CALLS = `
  (call_expression function: (identifier) @f) @c
  (call_expression function: (scoped_identifier name: (identifier) @f)) @c
  (call_expression function: (field_expression field: (field_identifier) @f)) @c
`;
const FILE_READS = `
  ((scoped_identifier) @p (#match? @p "(^|::)(fs::[a-z_]+|File::open|OpenOptions::new)$"))
`;
const FNS = `
  (function_item name: (identifier) @n body: (block) @b) @f
`;
const IMPL_FNS = '(impl_item type: (_) @t body: (declaration_list (function_item name: (identifier) @n) @f))';
const GENERIC_TYPES = `
  (struct_item name: (type_identifier) @n type_parameters: (type_parameters))
  (enum_item name: (type_identifier) @n type_parameters: (type_parameters))
`;
const TOP_ITEMS = `
  (source_file (struct_item name: (type_identifier) @n))
  (source_file (enum_item name: (type_identifier) @n))
  (source_file (type_item name: (type_identifier) @n))
  (source_file (trait_item name: (type_identifier) @n))
  (source_file (union_item name: (type_identifier) @n))
  (source_file (mod_item name: (identifier) @n))
`;

const LOOPS = new Set(['for_expression', 'while_expression', 'loop_expression']);
const FN_LIKE = new Set(['closure_expression', 'function_item', 'async_block', 'const_block', 'impl_item', 'trait_item', 'mod_item']);
const BLOCK_LIKE = new Set(['if_expression', 'match_expression', 'loop_expression', 'while_expression', 'for_expression', 'block', 'unsafe_block']);
const CUSTOM_READERS = new Set(['bytes', 'read_until', 'read_to_string', 'read_to_end', 'split', 'read', 'read_exact', 'fill_buf', 'chars', 'take']);
const PRINTS: Record<string, string> = { println: 'miscdev::outln', print: 'miscdev::out' };
const STD_GENERIC = new Set(['Vec', 'VecDeque', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'BinaryHeap', 'LinkedList', 'Box', 'Option', 'Result', 'Rc', 'Arc', 'RefCell', 'Cell', 'Mutex', 'KVec', 'KBox']);
const INT_SUFFIX = /(i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize)$/;
const FLOAT_SUFFIX = /(f32|f64)$/;

/** A `let` of main that gives the stdin handle or its line iterator a name. */
interface Binding {
  name: string;
  stmt: SyntaxNode;
}

interface InputLoop {
  /** The statement of main's body that holds the loop. */
  stmt: SyntaxNode;
  loop: SyntaxNode;
  body: SyntaxNode;
  /** The handler's line parameter. */
  lineName: string;
  /** Statements at the top of the body that read or unwrap the line: they leave. */
  preamble: SyntaxNode[];
  /** The part of the loop that reads (header or read statement): its input uses are expected. */
  reads: SyntaxNode;
  keepNewline: boolean;
  label?: string;
  shape: string;
}

interface StateVar {
  name: string;
  type: string;
  decl: SyntaxNode;
}

function named(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c) => !c.type.endsWith('comment'));
}

function inside(n: SyntaxNode, outer: SyntaxNode): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** The statement of `body` (a block) that contains `n`. */
function topStmt(n: SyntaxNode, body: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = n; p; p = p.parent) if (p.parent?.id === body.id) return p;
  return undefined;
}

/** `x`, the method called on `x` (after an optional `.lock()`): `stdin.lock().lines()` → lines. */
function methodAfter(n: SyntaxNode): { method?: string; call?: SyntaxNode } {
  let cur = n;
  for (;;) {
    const fe = cur.parent;
    if (fe?.type !== 'field_expression' || fe.childForFieldName('value')?.id !== cur.id) return {};
    const call = fe.parent;
    if (call?.type !== 'call_expression') return {};
    const m = fe.childForFieldName('field')!.text;
    if (m === 'lock') {
      cur = call;
      continue;
    }
    return { method: m, call };
  }
}

/** The name a simple `let [mut] x` binds, else undefined. */
function letName(stmt: SyntaxNode): string | undefined {
  if (stmt.type !== 'let_declaration') return undefined;
  const p = stmt.childForFieldName('pattern');
  if (p?.type === 'identifier') return p.text;
  if (p?.type === 'mut_pattern' && named(p)[0]?.type === 'identifier') return named(p)[0].text;
  return undefined;
}

/** Names bound by a pattern node (identifiers in binding positions). */
function patternNames(p: SyntaxNode): SyntaxNode[] {
  if (p.type === 'identifier') return [p];
  const out: SyntaxNode[] = [];
  for (const c of p.namedChildren) {
    if (p.type === 'tuple_struct_pattern' && c.id === p.childForFieldName('type')?.id) continue;
    if (p.type === 'struct_pattern' && c.id === p.childForFieldName('type')?.id) continue;
    if (c.type === 'field_pattern') {
      const pat = c.childForFieldName('pattern');
      if (pat) out.push(...patternNames(pat));
      else {
        const nm = c.childForFieldName('name');
        if (nm?.type === 'shorthand_field_identifier') out.push(nm);
      }
      continue;
    }
    if (c.type === 'scoped_identifier' || c.type.endsWith('literal') || c.type === 'range_pattern') continue;
    out.push(...patternNames(c));
  }
  return out;
}

/** The binding patterns inside `root` (let, for, if/while let, match arms, closure and fn parameters). */
function bindingPatterns(root: SyntaxNode): SyntaxNode[] {
  const q = query(`
    (let_declaration pattern: (_) @p)
    (let_condition pattern: (_) @p)
    (for_expression pattern: (_) @p)
    (match_pattern . (_) @p)
    (closure_parameters (_) @p)
    (parameter pattern: (_) @p)
  `);
  return q.captures(root).map((c) => c.node);
}

/**
 * The phases, in order: findInputLoop → checkLoopBody → collectState → checkReportable
 * report what a person must decide (K10xx), and an error in one stops the phases after it
 * (so this order decides which reports are seen together); then renderSession returns
 * the generated text and rewriteMain records the edits.
 */
function run(cc: CrateContext): void {
  if (cc.crate.options.io !== 'miscdev') return;
  const port = portOf(cc, new Set(CODES.filter((c) => c.severity === 'error').map((c) => c.code)));
  if (!port) return;
  const found = findInputLoop(port);
  if (!found) return;
  const { loop, bindings } = found;
  if (!checkLoopBody(port, loop)) return;
  const state = collectState(port, loop, bindings);
  if (!state || port.stopped) return;
  if (!checkReportable(port, loop, state)) return;
  const indent = indentOf(port);
  // One rewrite: the loop's code is rendered into the Session, main and the imports change with it.
  port.ctx.edits.group((g) => rewriteMain(port, g, loop, state, bindings, renderSession(port, g, loop, state, indent), indent));
}

/** The one crate root with a `fn main` not yet ported: what every phase reads. */
function portOf(cc: CrateContext, stops: ReadonlySet<string>): Port | undefined {
  const roots = cc.files.filter((f) => f.isCrateRoot);
  const withMain = roots.map((f) => ({ f, m: query(MAIN).matches(f.tree.rootNode)[0] })).filter((x) => x.m);
  if (withMain.length !== 1) return undefined;
  const ctx = withMain[0].f;
  if (query(PORTED).matches(ctx.tree.rootNode).length) return undefined;
  const fn = withMain[0].m.captures.find((c) => c.name === 'fn')!.node;
  const body = fn.childForFieldName('body');
  if (!body || fn.hasError) return undefined;
  return new Port(cc, ctx, fn, body, stops);
}

/** main of the crate root, where reports go, and whether an error has stopped the port. */
class Port {
  readonly text: string;
  readonly device: string;
  stopped = false;
  private genericTypes?: Set<string>;

  constructor(
    readonly cc: CrateContext,
    readonly ctx: FileContext,
    readonly fn: SyntaxNode,
    readonly body: SyntaxNode,
    /** The codes whose report stops the port (the errors). */
    private readonly stops: ReadonlySet<string>,
  ) {
    this.text = ctx.text;
    this.device = `/dev/${cc.crate.moduleName}`;
  }

  report(code: string, node: SyntaxNode, message: string, help: string): void {
    this.ctx.report({ code, node, message, help });
    if (this.stops.has(code)) this.stopped = true;
  }

  /** Crate types with type parameters: `T::new()` does not say which. */
  generic(): Set<string> {
    if (!this.genericTypes) {
      this.genericTypes = new Set();
      for (const f of this.cc.files) for (const c of query(GENERIC_TYPES).captures(f.tree.rootNode)) this.genericTypes.add(c.node.text);
    }
    return this.genericTypes;
  }
}

/** The loop `--io miscdev` restructures, with the lets that name the input. */
interface FoundLoop {
  loop: InputLoop;
  bindings: Binding[];
}

/** main's one input loop, or the reports why there is none to restructure (K1002, K1003, K1004, K1007, K1009). */
function findInputLoop(port: Port): FoundLoop | undefined {
  const { ctx, body } = port;
  const stdinCalls = query(STDIN_CALL).matches(ctx.tree.rootNode).map((m) => m.captures.find((c) => c.name === 'call')!.node);
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
    const calls = f === ctx ? stdinCalls.filter((c) => !inside(c, body)) : query(STDIN_CALL).matches(f.tree.rootNode).map((m) => m.captures.find((c) => c.name === 'call')!.node);
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
  for (const c of query(IDENT).captures(port.body)) {
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

/** What the loop body does that has no handler form (K1005, K1008); false when that stops the port. */
function checkLoopBody(port: Port, loop: InputLoop): boolean {
  for (const c of query(FILE_READS).captures(loop.body)) {
    port.report('K1005', c.node, `the input loop also reads a file (\`${c.node.text}\`): a kernel module does not open files by path`, 'decide where that data comes from: a module parameter, firmware (`kernel::firmware::Firmware`), or lines written to the device; then run `--io miscdev` again');
    return !port.stopped;
  }
  for (const j of ownJumps(port, loop)) {
    if (j.kind === 'foreign') {
      port.report('K1008', j.node, `\`${j.node.text}\` jumps to a label outside the input loop: a handler can only end its own line`, "restructure the jump so it ends the loop's iteration (`continue`) or the loop (`break`)");
    } else if (j.kind === 'return' && !j.mapped) {
      port.report('K1008', j.node, `\`${j.node.text}\` returns a value from main inside the input loop: the handler cannot return it`, 'return `Ok(())` (the session ends) or `Err(..)` (the write fails with that errno)');
    }
  }
  return !port.stopped;
}

/** break/continue/return that belong to the input loop (not to nested loops or closures). */
function ownJumps(port: Port, loop: InputLoop): { node: SyntaxNode; kind: 'break' | 'continue' | 'return' | 'foreign'; mapped?: string }[] {
  const out: { node: SyntaxNode; kind: 'break' | 'continue' | 'return' | 'foreign'; mapped?: string }[] = [];
  const unit = isUnitMain(port.fn);
  for (const c of query(JUMPS).captures(loop.body)) {
    const j = c.node;
    const lbl = j.children.find((x) => x.type === 'label')?.text;
    let nestedLoop: SyntaxNode | undefined;
    let closure = false;
    const nestedLabels: string[] = [];
    for (let p = j.parent; p && p.id !== loop.body.id; p = p.parent) {
      if (FN_LIKE.has(p.type)) closure = true;
      if (LOOPS.has(p.type) || p.type === 'block' && p.children.some((x) => x.type === 'label')) {
        nestedLoop ??= LOOPS.has(p.type) ? p : undefined;
        const l = p.children.find((x) => x.type === 'label')?.text;
        if (l) nestedLabels.push(l);
      }
    }
    if (closure) continue;
    if (j.type === 'return_expression') {
      const v = named(j)[0];
      const ret = unit ? !v || v.type === 'unit_expression' : !!v && /^Ok\(\s*\(\)\s*\)$/.test(v.text);
      const err = !unit && v?.type === 'call_expression' && v.childForFieldName('function')?.text === 'Err';
      out.push({ node: j, kind: 'return', mapped: ret ? 'return Ok(miscdev::Flow::Return)' : err ? j.text : undefined });
      continue;
    }
    const kind = j.type === 'break_expression' ? 'break' : 'continue';
    if (lbl) {
      if (nestedLabels.includes(lbl)) continue;
      if (lbl === loop.label) out.push({ node: j, kind, mapped: `return Ok(miscdev::Flow::${kind === 'break' ? 'Break' : 'Continue'})` });
      else out.push({ node: j, kind: 'foreign' });
      continue;
    }
    if (nestedLoop) continue;
    if (kind === 'break' && named(j).some((x) => x.type !== 'label')) {
      out.push({ node: j, kind: 'foreign' });
      continue;
    }
    out.push({ node: j, kind, mapped: `return Ok(miscdev::Flow::${kind === 'break' ? 'Break' : 'Continue'})` });
  }
  return out;
}

/** The locals declared before the loop that the loop or the code after it uses, with their types (K1011 when one cannot be a field, K1012 when its type is a literal's default). */
function collectState(port: Port, loop: InputLoop, bindings: Binding[]): StateVar[] | undefined {
  const stmts = named(port.body);
  const at = stmts.findIndex((s) => s.id === loop.stmt.id);
  const before = stmts.slice(0, at);
  const decls = new Map<string, SyntaxNode>();
  for (const s of before) {
    if (s.type !== 'let_declaration' || bindings.some((b) => b.stmt.id === s.id)) continue;
    const pat = s.childForFieldName('pattern');
    if (!pat) continue;
    for (const n of patternNames(pat)) decls.set(n.text, s);
  }
  const used = new Set<string>();
  const end = port.body.endIndex;
  for (const c of query(IDENT).captures(port.body, { startIndex: loop.stmt.startIndex, endIndex: end })) {
    if (c.node.startIndex >= loop.stmt.startIndex && decls.has(c.node.text) && isValueUse(c.node)) used.add(c.node.text);
  }
  const state: StateVar[] = [];
  let failed = false;
  for (const [name, decl] of decls) {
    if (!used.has(name)) continue;
    if (letName(decl) !== name) {
      port.report('K1011', decl, `\`${name}\` is state of the input loop, but it is bound by a pattern: \`struct Session\` needs one field per name`, `bind it alone (\`let ${name}: Type = ..;\`) and run \`--io miscdev\` again`);
      failed = true;
      continue;
    }
    const t = typeOf(port, decl);
    if (!t) {
      port.report('K1011', decl, `the type of \`${name}\` cannot be known from its \`let\`: it becomes a field of \`struct Session\`, which needs the type written`, `annotate the let (\`let ${/\bmut\b/.test(decl.text.slice(0, 12)) ? 'mut ' : ''}${name}: Type = ..;\`) and run \`--io miscdev\` again`);
      failed = true;
      continue;
    }
    if (t.note) port.ctx.report({ code: 'K1012', node: decl, message: `\`${name}\` becomes a \`Session\` field of type \`${t.type}\`: ${t.note}`, help: `if the program meant another type, annotate the let (\`${name}: Type\`)` });
    state.push({ name, type: t.type, decl });
  }
  return failed ? undefined : state.sort((a, b) => a.decl.startIndex - b.decl.startIndex || 0);
}

function typeOf(port: Port, decl: SyntaxNode): { type: string; note?: string } | undefined {
  const t = decl.childForFieldName('type');
  if (t) {
    if (/(^|[^'])\b_\b/.test(t.text) || /\bimpl\b/.test(t.text) || /&(?!\s*'static)/.test(t.text)) return undefined;
    return { type: t.text };
  }
  let v = decl.childForFieldName('value');
  if (!v) return undefined;
  if (v.type === 'unary_expression' && v.text.startsWith('-')) v = named(v)[0];
  switch (v.type) {
    case 'integer_literal': {
      const m = INT_SUFFIX.exec(v.text);
      return m ? { type: m[1] } : { type: 'i32', note: "an integer literal without a suffix is Rust's default `i32` unless the code around it says otherwise" };
    }
    case 'float_literal': {
      const m = FLOAT_SUFFIX.exec(v.text);
      return m ? { type: m[1] } : { type: 'f64', note: "a float literal without a suffix is Rust's default `f64`" };
    }
    case 'boolean_literal':
      return { type: 'bool' };
    case 'char_literal':
      return { type: 'char' };
    case 'string_literal':
    case 'raw_string_literal':
      return { type: "&'static str" };
    case 'struct_expression': {
      const n = v.childForFieldName('name')!.text;
      return port.generic().has(n) ? undefined : { type: n };
    }
    case 'call_expression': {
      const f = v.childForFieldName('function')!;
      if (f.type === 'identifier') return fnReturn(port, undefined, f.text);
      if (f.type === 'scoped_identifier') {
        const path = f.childForFieldName('path');
        const name = f.childForFieldName('name')!.text;
        if (!path) return undefined;
        // `Vec::<u8>::new()` → `Vec<u8>`.
        const ty = path.type === 'generic_type' ? path.text.replace(/::</, '<') : path.text;
        const base = ty.replace(/<.*$/s, '');
        const own = fnReturn(port, base, name);
        if (own) return own;
        if (!['new', 'from', 'default'].includes(name)) return undefined;
        if (!ty.includes('<') && (STD_GENERIC.has(base) || port.generic().has(base))) return undefined;
        if (!/^[A-Z]/.test(base.split('::').pop()!)) return undefined;
        return { type: ty };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The return type of the crate's `fn name` (free, or in `impl owner`), `Self` resolved. */
function fnReturn(port: Port, owner: string | undefined, name: string): { type: string } | undefined {
  const found: string[] = [];
  for (const f of port.cc.files) {
    if (owner) {
      for (const m of query(IMPL_FNS).matches(f.tree.rootNode)) {
        const t = m.captures.find((c) => c.name === 't')!.node;
        const fnNode = m.captures.find((c) => c.name === 'f')!.node;
        if (t.text !== owner || m.captures.find((c) => c.name === 'n')!.node.text !== name) continue;
        const rt = fnNode.childForFieldName('return_type');
        found.push(rt ? rt.text.replace(/\bSelf\b/g, owner) : '()');
      }
    } else {
      for (const c of f.tree.rootNode.namedChildren) {
        if (c.type !== 'function_item' || c.childForFieldName('name')?.text !== name) continue;
        const rt = c.childForFieldName('return_type');
        found.push(rt ? rt.text : '()');
      }
    }
  }
  if (found.length !== 1 || /\bimpl\b|&(?!\s*'static)/.test(found[0])) return undefined;
  return { type: found[0] };
}

/** The names the generated code adds are free (K1013), calls that print are noted (K1010), no state name is bound again (K1006). */
function checkReportable(port: Port, loop: InputLoop, state: StateVar[]): boolean {
  checkNames(port);
  if (port.stopped) return false;
  warnPrintingCalls(port, loop);
  checkRebinding(port, loop, state);
  return !port.stopped;
}

/** The names the port adds must be free in the crate root (K1013). */
function checkNames(port: Port): void {
  const taken = new Set(query(TOP_ITEMS).captures(port.ctx.tree.rootNode).map((c) => c.node.text));
  for (const n of ['Session', 'miscdev']) {
    if (!taken.has(n)) continue;
    port.report('K1013', port.fn.childForFieldName('name')!, `the crate root already defines \`${n}\`, which \`--io miscdev\` generates`, `rename the program's \`${n}\` and run \`--io miscdev\` again`);
  }
  const dir = port.ctx.path.includes('/') ? port.ctx.path.slice(0, port.ctx.path.lastIndexOf('/') + 1) : '';
  if (port.cc.files.some((f) => f.path === `${dir}miscdev.rs` || f.path === `${dir}miscdev/mod.rs`)) {
    port.report('K1013', port.fn.childForFieldName('name')!, `the crate already has a module file ${dir}miscdev.rs, which \`--io miscdev\` generates`, 'rename that module and run `--io miscdev` again');
  }
}

/** Functions the loop calls that print: their output still goes to the kernel log. */
function warnPrintingCalls(port: Port, loop: InputLoop): void {
  const printers = printingFns(port.cc);
  if (printers.size === 0) return;
  const seen = new Set<string>();
  for (const m of query(CALLS).matches(loop.body)) {
    const f = m.captures.find((c) => c.name === 'f')!.node;
    const call = m.captures.find((c) => c.name === 'c')!.node;
    const owner = printers.get(f.text);
    if (!owner || seen.has(f.text)) continue;
    seen.add(f.text);
    port.ctx.report({
      code: 'K1010',
      node: call,
      message: `\`${owner}\` prints: called from the input loop, its output goes to the kernel log, not to ${port.device}`,
      help: `to show it to the device's reader, print in the loop instead (return the text or a value from \`${owner}\`), or pass it \`out: &mut miscdev::Output\` and write \`miscdev::outln!(out, ..)\``,
    });
  }
}

/** Rebinding a state name in the moved code would make `self.x` wrong. */
function checkRebinding(port: Port, loop: InputLoop, state: StateVar[]): void {
  const names = new Set(state.map((s) => s.name));
  for (const root of [loop.body, ...stmtsAfter(port, loop)]) {
    for (const p of bindingPatterns(root)) {
      for (const n of patternNames(p)) {
        if (!names.has(n.text) || inNestedFn(n, root)) continue;
        port.report('K1006', n, `\`${n.text}\` is state of the input loop (a \`Session\` field), and it is bound again here: kport cannot tell which one later uses mean`, `rename this binding (e.g. \`${n.text}_here\`), or assign to the state (\`${n.text} = ..\`), then run \`--io miscdev\` again`);
      }
    }
  }
}

/** main's statements after its input loop: they become `Session::finish`. */
function stmtsAfter(port: Port, loop: InputLoop): SyntaxNode[] {
  const stmts = named(port.body);
  return stmts.slice(stmts.findIndex((s) => s.id === loop.stmt.id) + 1);
}

/** The indentation of main (`base`) and of one and two levels inside it. */
interface Indent {
  base: string;
  i1: string;
  i2: string;
}

function indentOf(port: Port): Indent {
  const base = lineIndent(port.text, port.fn.startIndex);
  const unitIndent = guessUnit(port.text, port.body, base);
  const i1 = base + unitIndent;
  return { base, i1, i2: i1 + unitIndent };
}

/** `struct Session` and `impl Session { fn line, fn finish }`, to stand before main at its indentation. */
function renderSession(port: Port, g: EditGroup, loop: InputLoop, state: StateVar[], { base, i1, i2 }: Indent): string {
  const names = new Set(state.map((s) => s.name));
  const prints = query(MACROS).matches(loop.body).some((m) => PRINTS[m.captures.find((c) => c.name === 'm')!.node.text.replace(/^(::)?std::/, '')] !== undefined);
  const outName = (prints ? '' : '_') + (query(IDENT).captures(loop.body).some((c) => c.node.text === 'out') ? 'miscdev_out' : 'out');
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
      for (const c of query(JUMPS).captures(r)) {
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
function rewriteMain(port: Port, g: EditGroup, loop: InputLoop, state: StateVar[], bindings: Binding[], session: string, { base, i1 }: Indent): void {
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
  const between = query(IDENT).captures(body).map((c) => c.node).filter((n) => n.endIndex <= loop.stmt.startIndex);
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
  for (const c of query(IDENT).captures(root)) {
    const n = c.node;
    if (!names.has(n.text) || skip.some((s) => inside(n, s)) || inNestedFn(n, root)) continue;
    if (!isValueUse(n)) continue;
    g.replace(n, n.parent?.type === 'shorthand_field_initializer' ? `${n.text}: self.${n.text}` : `self.${n.text}`);
  }
  for (const m of query(MACROS).matches(root)) {
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
  for (const m of query(MACROS).matches(root)) {
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

/** Drop the imports only the input loop used: `BufRead`, `io`, `stdin`, `Write`. */
function imports(port: Port, g: EditGroup, loop: InputLoop, bindings: Binding[]): void {
  const { ctx, text } = port;
  // Names still written in the file once the loop, the bindings and the imports are gone
  // (the code after the loop stays, in `finish`); comments and strings do not count.
  const gone = [loop.stmt, ...bindings.map((b) => b.stmt)];
  // main's `-> io::Result<()>` goes too: module-entry gives init its own signature.
  const rt = port.fn.childForFieldName('return_type');
  if (rt && !port.cc.crate.options.noModule) gone.push(rt);
  const uses = ctx.tree.rootNode.namedChildren.filter((c) => c.type === 'use_declaration');
  const left = new Set<string>();
  for (const c of query(NAME_TOKENS).captures(ctx.tree.rootNode)) {
    const n = c.node;
    if (gone.some((g) => inside(n, g)) || uses.some((u) => inside(n, u))) continue;
    if (isStrSplit(n)) continue;
    left.add(n.text);
  }
  for (const r of named(port.body).slice(named(port.body).findIndex((s) => s.id === loop.stmt.id) + 1)) {
    for (const c of query(NAME_TOKENS).captures(r)) left.add(c.node.text);
  }
  const pathRoots = new Set(query(PATH_ROOTS).captures(ctx.tree.rootNode).filter((c) => !gone.some((g) => inside(c.node, g)) && !uses.some((u) => inside(c.node, u))).map((c) => c.node.text));
  const loopWrites = query(MACROS).matches(loop.stmt).some((m) => /^(write|writeln)$/.test(m.captures.find((c) => c.name === 'm')!.node.text));
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

/** A loop body's last statement as text: a tail expression gets its `;` before `Ok(..)` follows. */
function endWithStatement(rendered: string, body: SyntaxNode, text: string): string {
  const kids = named(body);
  const last = kids[kids.length - 1];
  if (!last || last.type === 'expression_statement' || last.type === 'let_declaration' || last.type.endsWith('_item') || BLOCK_LIKE.has(last.type)) return rendered;
  if (last.type === 'macro_invocation' && /[;}]$/.test(text.slice(last.startIndex, last.endIndex + 1))) return rendered;
  return rendered.replace(/\s*$/, ';');
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

function isUnitMain(fn: SyntaxNode): boolean {
  const rt = fn.childForFieldName('return_type');
  return !rt || rt.type === 'unit_type';
}

function guessUnit(text: string, body: SyntaxNode, base: string): string {
  const first = named(body)[0];
  if (first) {
    const ind = lineIndent(text, first.startIndex);
    if (ind.startsWith(base) && ind.length > base.length) return ind.slice(base.length);
  }
  return '    ';
}

/** An identifier that reads a variable (not a field name, path segment, macro name, named format argument or binding). */
function isValueUse(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'token_tree') {
    const prev = n.previousSibling;
    const next = n.nextSibling;
    if (prev && (prev.type === '.' || prev.type === '::' || prev.type === '\'' || prev.type === '$')) return false;
    if (next && (next.type === '::' || next.type === '!' || next.type === '=' || next.type === ':')) return false;
    return true;
  }
  switch (p.type) {
    case 'scoped_identifier':
    case 'scoped_type_identifier':
    case 'macro_invocation':
    case 'label':
    case 'function_item':
    case 'lifetime':
      return false;
    case 'let_declaration':
    case 'for_expression':
    case 'let_condition':
      return p.childForFieldName('pattern')?.id !== n.id;
    case 'call_expression':
      return true;
    case 'tuple_struct_pattern':
    case 'struct_pattern':
    case 'match_pattern':
    case 'tuple_pattern':
    case 'mut_pattern':
    case 'ref_pattern':
    case 'captured_pattern':
    case 'or_pattern':
    case 'slice_pattern':
    case 'closure_parameters':
    case 'parameter':
    case 'field_pattern':
      return false;
    default:
      return true;
  }
}

function inNestedFn(n: SyntaxNode, root: SyntaxNode): boolean {
  for (let p = n.parent; p && p.id !== root.id; p = p.parent) if (p.type === 'function_item' || p.type === 'impl_item' || p.type === 'mod_item' || p.type === 'trait_item') return true;
  return false;
}

function ownBody(n: SyntaxNode, fn: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === fn.id) return true;
    if (FN_LIKE.has(p.type)) return false;
  }
  return false;
}

function enclosingLoop(n: SyntaxNode, stop: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (LOOPS.has(p.type)) return p;
    if (p.id === stop.id) return LOOPS.has(p.type) ? p : undefined;
  }
  return undefined;
}

function enclosingFnName(n: SyntaxNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_item') return p.childForFieldName('name')?.text;
  return undefined;
}

/** Whether the profile has what the generated device needs (`Profile.miscdevIo`, docs/profiles.md). */
function profileHasMiscdev(ctx: FileContext): boolean {
  return ctx.profile.miscdevIo;
}

/** Crate functions that print (println!/print!), directly or through crate functions they call, by name → `Owner::name`. */
function printingFns(cc: CrateContext): Map<string, string> {
  const fns: { name: string; shown: string; body: SyntaxNode }[] = [];
  for (const f of cc.files) {
    for (const m of query(FNS).matches(f.tree.rootNode)) {
      const fnNode = m.captures.find((c) => c.name === 'f')!.node;
      const name = m.captures.find((c) => c.name === 'n')!.node.text;
      if (name === 'main') continue;
      const impl = fnNode.parent?.parent?.type === 'impl_item' ? fnNode.parent.parent : undefined;
      const owner = impl?.childForFieldName('type')?.text;
      fns.push({ name, shown: owner ? `${owner}::${name}` : name, body: m.captures.find((c) => c.name === 'b')!.node });
    }
  }
  const printing = new Map<string, string>();
  for (const f of fns) {
    if (query(MACROS).matches(f.body).some((m) => /^(std::)?(println|print)$/.test(m.captures.find((c) => c.name === 'm')!.node.text))) printing.set(f.name, f.shown);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of fns) {
      if (printing.has(f.name)) continue;
      if (query(CALLS).matches(f.body).some((m) => printing.has(m.captures.find((c) => c.name === 'f')!.node.text))) {
        printing.set(f.name, f.shown);
        changed = true;
      }
    }
  }
  return printing;
}

const CODES: CodeInfo[] = [
  {
    code: 'K1001',
    severity: 'note',
    title: "main's input loop became the handler of a misc character device",
    explanation: `With \`--io miscdev\`, kport turned the stdin loop of \`main\` into a misc
character device named after the module (/dev/NAME). The locals the loop keeps
between lines became the fields of \`struct Session\`; the loop body became
\`Session::line\`, run once per line written to the device; what it printed with
\`println!\`/\`print!\` is read back from the device (\`cat /dev/NAME\`); the code after
the loop became \`Session::finish\`, run when the loop ends (\`break\`, or unload).
The generated miscdev.rs documents the output limit and the errors.

Before:
    let mut moves: u32 = 0;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        if line == "quit" { break; }
        moves += 1;
        println!("{} moves", moves);
    }
After:
    struct Session { moves: u32 }
    impl Session {
        fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
            if line == "quit" { return Ok(miscdev::Flow::Break); }
            self.moves += 1;
            miscdev::outln!(out, "{} moves", self.moves);
            Ok(miscdev::Flow::Continue)
        }
        fn finish(&mut self) -> Result { Ok(()) }
    }
    // main: let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;`,
  },
  {
    code: 'K1002',
    severity: 'error',
    title: 'input is read in two places',
    explanation: `A device handler receives one line per call and nothing else: it cannot
read a line before the loop (a seed, a header), a second line inside the loop, or
stdin from another function. kport leaves the program as it is: decide what the
extra read becomes (a module parameter, a constant, or the first line written to
the device, remembered in the state), then run \`--io miscdev\` again.

Before:
    let seed: usize = lines.next().unwrap()?.parse()?;   // read before the loop
    while let Some(Ok(line)) = lines.next() { .. }
After (by hand):
    module! { .., params: { seed: usize { default: 0, description: "Word seed" } } }
    while let Some(Ok(line)) = lines.next() { .. }         // now ported by --io miscdev`,
  },
  {
    code: 'K1003',
    severity: 'error',
    title: 'the input is read with a custom reader, not line by line',
    explanation: `\`--io miscdev\` maps one line written to the device to one call of the loop
body. Input read byte by byte (\`bytes()\`), up to a delimiter (\`read_until\`,
\`split\`), all at once (\`read_to_string\`, \`read_to_end\`), or through a \`BufReader\`
the program builds, has no such mapping: decide what a write means and read lines.

Before:
    let mut s = String::new();
    io::stdin().read_to_string(&mut s)?;
    for word in s.split_whitespace() { .. }
After (by hand, then --io miscdev):
    for line in io::stdin().lock().lines() {
        let line = line?;
        for word in line.split_whitespace() { .. }
    }`,
  },
  {
    code: 'K1004',
    severity: 'error',
    title: 'output is interleaved with the input (a prompt before each read)',
    explanation: `A \`loop\` that prints a prompt and flushes before each \`read_line\` talks to a
terminal. On a device, the reader sees output only after a write has run the
handler, so the prompt would come after the answer. Drop the prompt, or print it
at the end of the handler so \`cat\` shows it after each answer.

Before:
    loop {
        print!("> ");
        io::stdout().flush()?;
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 { break; }
        ..
    }
After (by hand, then --io miscdev):
    loop {
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 { break; }
        ..
        print!("> ");
    }`,
  },
  {
    code: 'K1005',
    severity: 'error',
    title: 'the input loop also reads a file',
    explanation: `A kernel module does not open files by path. The loop body reads one
(\`File::open\`, \`fs::read_to_string\`, ...), so it has no handler form. Decide
where that data comes from: a module parameter, firmware
(\`kernel::firmware::Firmware\`, rust/kernel/firmware.rs), or lines written to the device.

Before:
    for line in stdin.lock().lines() { let words = fs::read_to_string(&line?)?; .. }
After (by hand): the words come in through the device, one per line.`,
  },
  {
    code: 'K1006',
    severity: 'error',
    title: 'a state variable of the input loop is bound again',
    explanation: `Locals declared before the loop become \`Session\` fields and their uses
become \`self.x\`. A \`let x\` (or a pattern binding \`x\`) in the loop or after it
makes some uses mean the new binding; kport does not guess which. Rename the new
binding or assign to the state.

Before:
    let mut total: u32 = 0;
    for line in lines { let line = line?; let total = total + 1; .. }
After (by hand, then --io miscdev):
    for line in lines { let line = line?; let next = total + 1; .. }`,
  },
  {
    code: 'K1007',
    severity: 'error',
    title: 'no input loop kport can restructure',
    explanation: `\`--io miscdev\` recognises one loop at the top level of \`main\` that reads
stdin line by line: \`for line in stdin.lock().lines()\` (or \`io::stdin().lines()\`,
with \`let line = line?;\` / \`.unwrap()\` / \`.expect(..)\` / \`let Ok(line) = line else
{ break };\` first, or \`.map_while(Result::ok)\`/\`.flatten()\` in the header),
\`while let Some(Ok(line)) = lines.next()\`, and \`loop { let mut buf = String::new();
if stdin.read_line(&mut buf)? == 0 { break; } .. }\`. A loop nested in another
block, a single read, or another shape is left as it is.

Before:
    if interactive { for line in stdin.lock().lines() { .. } }
After (by hand, then --io miscdev):
    for line in stdin.lock().lines() { .. }`,
  },
  {
    code: 'K1008',
    severity: 'error',
    title: 'a jump in the input loop has no handler form',
    explanation: `In the handler, \`break\` ends the session (\`Flow::Break\`), \`continue\` ends
the line (\`Flow::Continue\`) and \`return\` ends the session without the code after
the loop (\`Flow::Return\`); \`return Err(e)\` fails the write. A labeled
\`break\`/\`continue\` to a label outside the loop, or a \`return\` of another value,
has no such form.

Before:
    'outer: { for line in lines { .. break 'outer; } }
After (by hand):
    for line in lines { .. break; }`,
  },
  {
    code: 'K1009',
    severity: 'error',
    title: "the profile's kernel lacks the misc device API that --io miscdev generates",
    explanation: `The generated device uses \`MiscDevice::read_iter\`/\`write_iter\` with
\`kernel::iov\` iterators (rust/kernel/miscdevice.rs, rust/kernel/iov.rs), which
the kernels of this profile do not have (docs/profiles.md). Use --profile
mainline, or write the device by hand for this kernel.

Before:
    kport rewrite --io miscdev --profile v6.1 game/
After:
    kport rewrite --io miscdev --profile mainline game/`,
  },
  {
    code: 'K1010',
    severity: 'warning',
    title: 'a function the input loop calls prints to the kernel log, not to the device',
    explanation: `Only \`println!\`/\`print!\` written in the loop body go to the device's output.
A function the loop calls that prints keeps printing with \`pr_info!\` (the kernel
log), so the device's reader does not see it. Return the text (or a value) and
print it in the loop, or pass the output along.

Before:
    fn guess(&mut self, c: char) { println!("You already tried '{}'.", c); }
After (by hand):
    fn guess(&mut self, c: char, out: &mut miscdev::Output) {
        miscdev::outln!(out, "You already tried '{}'.", c);
    }`,
  },
  {
    code: 'K1011',
    severity: 'error',
    title: 'the type of an input-loop state variable cannot be known',
    explanation: `The locals the loop keeps between lines become the fields of \`struct
Session\`, and a field needs its type written. kport reads it from the \`let\`
annotation, a literal, \`T::new(..)\`/\`T::from(..)\`/\`T::default()\`, a struct literal
or a crate function's return type; anything else (\`Vec::new()\`, \`vec![..]\`, a
method call, a pattern) is reported and nothing is changed.

Before:
    let mut seen = Vec::new();
After (by hand, then --io miscdev):
    let mut seen: Vec<char> = Vec::new();`,
  },
  {
    code: 'K1012',
    severity: 'note',
    title: "a state variable's type comes from the literal's default",
    explanation: `An unsuffixed integer literal is an \`i32\` unless the code around it makes it
another type; kport cannot see that inference, so the \`Session\` field gets \`i32\`.
If the program used the value as a \`usize\` (an index, a length), annotate the let.

Before:
    let mut count = 0;
After:
    struct Session { count: i32 }      // annotate \`let mut count: usize = 0;\` if meant`,
  },
  {
    code: 'K1013',
    severity: 'error',
    title: 'a name --io miscdev generates is already taken',
    explanation: `\`--io miscdev\` adds \`struct Session\`, \`mod miscdev;\` and the file miscdev.rs
beside the crate root. When the crate already has one of them, kport changes
nothing: rename the program's item and run again.

Before:
    struct Session { .. }      // the program's own
After (by hand):
    struct GameSession { .. }`,
  },
];

export const ioMiscdev: CrateTransform = {
  id: 'io-miscdev',
  scope: 'crate',
  summary: "With `--io miscdev`, turn main's line-by-line stdin loop into a misc character device whose reads return what the loop printed.",
  docs: `A kernel module has no terminal. With \`--io miscdev\` (or
[package.metadata.kport] io = "miscdev"), kport finds the one loop at the top of
\`main\` that reads stdin line by line and turns it into a misc character device
named after the module (the shape is MISCDEV-SPEC.md; the device is the generated
miscdev.rs, rust/kernel/miscdevice.rs on mainline):

- the locals declared before the loop and used in it or after it become the
  fields of \`struct Session\` (types from the let: annotation, literal,
  \`T::new(..)\`, struct literal, crate function; otherwise K1011);
- the loop body becomes \`Session::line\`; \`break\`/\`continue\`/\`return\` become
  \`return Ok(miscdev::Flow::..)\`; \`println!\`/\`print!\` there become
  \`miscdev::outln!(out, ..)\`/\`miscdev::out!(out, ..)\` (read back from the device);
- the code after the loop becomes \`Session::finish\` (it still logs with pr_info!);
- \`main\` keeps its statements before the loop and ends with the registration,
  which module-entry keeps in the module struct until unload.

What has no such form is reported and left alone: input read in two places
(K1002), custom readers (K1003), prompts before each read (K1004), file reads in
the loop (K1005), state bound again (K1006), other loop shapes (K1007), jumps
(K1008), profiles without the API (K1009), unknown state types (K1011).

Before:
    fn main() {
        let mut moves: u32 = 0;
        let stdin = io::stdin();
        for line in stdin.lock().lines() {
            let line = line.unwrap();
            if line == "quit" { break; }
            moves += 1;
            println!("{} moves", moves);
        }
    }
After:
    struct Session { moves: u32 }
    impl Session {
        fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
            if line == "quit" { return Ok(miscdev::Flow::Break); }
            self.moves += 1;
            miscdev::outln!(out, "{} moves", self.moves);
            Ok(miscdev::Flow::Continue)
        }
        fn finish(&mut self) -> Result { Ok(()) }
    }
    fn main() {
        let moves: u32 = 0;
        let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;
    }`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  codes: CODES,
  run,
};
