// io-miscdev: what the loop does that has no handler form, and the names and
// calls the generated code would get wrong (K1005, K1006, K1008, K1010, K1013).
import type { CrateContext, FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { Port, stmtsAfter, type InputLoop, type StateVar } from './port.ts';
import { bindingPatterns, capturesIn, FN_LIKE, inNestedFn, isUnitMain, LOOPS, matchesIn, named, patternNames } from './syntax.ts';


/** What the loop body does that has no handler form (K1005, K1008); false when that stops the port. */
export function checkLoopBody(port: Port, loop: InputLoop): boolean {
  for (const c of capturesIn(port.ctx, 'fileReads', loop.body)) {
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
export function ownJumps(port: Port, loop: InputLoop): { node: SyntaxNode; kind: 'break' | 'continue' | 'return' | 'foreign'; mapped?: string }[] {
  const out: { node: SyntaxNode; kind: 'break' | 'continue' | 'return' | 'foreign'; mapped?: string }[] = [];
  const unit = isUnitMain(port.fn);
  for (const c of capturesIn(port.ctx, 'jumps', loop.body)) {
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

/** The names the generated code adds are free (K1013), calls that print are noted (K1010), no state name is bound again (K1006). */
export function checkReportable(port: Port, loop: InputLoop, state: StateVar[]): boolean {
  checkNames(port);
  if (port.stopped) return false;
  warnPrintingCalls(port, loop);
  checkRebinding(port, loop, state);
  return !port.stopped;
}

/** The names the port adds must be free in the crate root (K1013). */
function checkNames(port: Port): void {
  const taken = new Set(port.ctx.matches('topItems').map((m) => m.captures[0].node.text));
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
  for (const m of matchesIn(port.ctx, 'calls', loop.body)) {
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
    for (const p of bindingPatterns(port.ctx, root)) {
      for (const n of patternNames(p)) {
        if (!names.has(n.text) || inNestedFn(n, root)) continue;
        port.report('K1006', n, `\`${n.text}\` is state of the input loop (a \`Session\` field), and it is bound again here: kport cannot tell which one later uses mean`, `rename this binding (e.g. \`${n.text}_here\`), or assign to the state (\`${n.text} = ..\`), then run \`--io miscdev\` again`);
      }
    }
  }
}

/** Crate functions that print (println!/print!), directly or through crate functions they call, by name → `Owner::name`. */
function printingFns(cc: CrateContext): Map<string, string> {
  const fns: { file: FileContext; name: string; shown: string; body: SyntaxNode }[] = [];
  for (const f of cc.files) {
    for (const m of f.matches('fns')) {
      const fnNode = m.captures.find((c) => c.name === 'f')!.node;
      const name = m.captures.find((c) => c.name === 'n')!.node.text;
      if (name === 'main') continue;
      const impl = fnNode.parent?.parent?.type === 'impl_item' ? fnNode.parent.parent : undefined;
      const owner = impl?.childForFieldName('type')?.text;
      fns.push({ file: f, name, shown: owner ? `${owner}::${name}` : name, body: m.captures.find((c) => c.name === 'b')!.node });
    }
  }
  const printing = new Map<string, string>();
  for (const f of fns) {
    if (matchesIn(f.file, 'macros', f.body).some((m) => /^(std::)?(println|print)$/.test(m.captures.find((c) => c.name === 'm')!.node.text))) printing.set(f.name, f.shown);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of fns) {
      if (printing.has(f.name)) continue;
      if (matchesIn(f.file, 'calls', f.body).some((m) => printing.has(m.captures.find((c) => c.name === 'f')!.node.text))) {
        printing.set(f.name, f.shown);
        changed = true;
      }
    }
  }
  return printing;
}
