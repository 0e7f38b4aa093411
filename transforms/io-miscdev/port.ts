// io-miscdev: the port (main of the crate root, where reports go) and what the
// phases hand each other: the input's bindings, the loop, the state.
import type { CrateContext, FileContext, SyntaxNode } from '../../src/engine/types.ts';
import { named } from './syntax.ts';

/** A `let` of main that gives the stdin handle or its line iterator a name. */
export interface Binding {
  name: string;
  stmt: SyntaxNode;
}

export interface InputLoop {
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

export interface StateVar {
  name: string;
  type: string;
  decl: SyntaxNode;
}

/** The one crate root with a `fn main` not yet ported: what every phase reads. */
export function portOf(cc: CrateContext, stops: ReadonlySet<string>): Port | undefined {
  const roots = cc.files.filter((f) => f.isCrateRoot);
  const withMain = roots.map((f) => ({ f, m: f.matches('main')[0] })).filter((x) => x.m);
  if (withMain.length !== 1) return undefined;
  const ctx = withMain[0].f;
  if (ctx.matches('ported').length) return undefined;
  const fn = withMain[0].m.captures.find((c) => c.name === 'fn')!.node;
  const body = fn.childForFieldName('body');
  if (!body || fn.hasError) return undefined;
  return new Port(cc, ctx, fn, body, stops);
}

/** main of the crate root, where reports go, and whether an error has stopped the port. */
export class Port {
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
      for (const f of this.cc.files) for (const m of f.matches('genericTypes')) this.genericTypes.add(m.captures[0].node.text);
    }
    return this.genericTypes;
  }
}

/** The loop `--io miscdev` restructures, with the lets that name the input. */
export interface FoundLoop {
  loop: InputLoop;
  bindings: Binding[];
}

/** main's statements after its input loop: they become `Session::finish`. */
export function stmtsAfter(port: Port, loop: InputLoop): SyntaxNode[] {
  const stmts = named(port.body);
  return stmts.slice(stmts.findIndex((s) => s.id === loop.stmt.id) + 1);
}
