// fallible-propagation's questions about syntax: which `?` kport's rewrites introduced, whether a call's
// result is already handled, early `None` returns, calls written in a macro's tokens.
import type { CrateIndex, FnInfo } from '../../src/crate/crate-index.ts';
import { MatchIndex } from '../../src/engine/queries.ts';
import { eachToken } from '../../src/analysis/tokens.ts';
import { RANK, type Insertion } from '../../src/rewrite/result-wrap.ts';
import type { KernelErr } from '../../src/analysis/error-from.ts';
import { COMPAT_FALLIBLE, compatKernelError } from '../../src/compat/fallible.ts';
import type { CrateContext, FileContext, SyntaxNode } from '../../src/engine/types.ts';

// Operands whose `?` kport's allocation rewrites introduce (every profile's forms).
// The compat module's own (KString::try_from, kformat!, ...): src/compat/fallible.ts.
export const ALLOC = new RegExp(`${/\bGFP_(KERNEL|ATOMIC|NOWAIT|NOIO|NOFS)\b|\bkvec!|\.try_(push|reserve|extend_from_slice|with_capacity|collect)\s*\(|::try_(new|with_capacity)\s*\(/.source}|${COMPAT_FALLIBLE.source}`);
// Where a bare function name is a value rather than a call.
export const VALUE_PARENTS = new Set(['arguments', 'let_declaration', 'field_initializer', 'assignment_expression', 'array_expression', 'tuple_expression', 'return_expression']);
// Methods of `Result` that show a call's result is already looked at.
const RESULT_METHODS = new Set(['ok', 'err', 'is_ok', 'is_err', 'is_ok_and', 'is_err_and', 'map_err', 'unwrap', 'expect', 'unwrap_or', 'unwrap_or_else', 'unwrap_or_default', 'and_then', 'or_else', 'inspect_err', 'expect_err', 'unwrap_err']);

// `scope`: for a site in a macro's arguments, the closure (or async block, const) written there around it.
export type Site = { file: number; node: SyntaxNode; kind: 'try' | 'call'; end?: number; callee?: string; scope?: SyntaxNode };

export const TRY = '(try_expression) @t';

/** The queries the propagation reads (declared by the transform), on every file of the crate. */
export const QUERIES = {
  tries: TRY,
  /** What an operand's own text leaves out (ownText). */
  cuts: '[(try_expression) (closure_expression)] @x',
  macroTokens: '(macro_invocation (token_tree) @tt) @mac',
  /** Names in the places a function can be used as a value (VALUE_PARENTS), directly or as a path's last segment. */
  valueNames: [...VALUE_PARENTS].map((p) => `(${p} (identifier) @i) (${p} (scoped_identifier name: (identifier) @i))`).join('\n'),
};

/** One file's declared queries, each indexed (on first use) for the questions asked under a node. */
export class FileSyntax {
  private memo = new Map<string, MatchIndex>();
  constructor(readonly f: FileContext) {}

  private get(name: keyof typeof QUERIES, root: string): MatchIndex {
    let x = this.memo.get(name);
    if (!x) this.memo.set(name, (x = new MatchIndex(this.f.matches(name), root)));
    return x;
  }
  get tries(): MatchIndex {
    return this.get('tries', 't');
  }
  get cuts(): MatchIndex {
    return this.get('cuts', 'x');
  }
  get macroTokens(): MatchIndex {
    return this.get('macroTokens', 'mac');
  }
}

export function isIntroduced(t: SyntaxNode, s: FileSyntax): boolean {
  const operand = t.namedChildren[0];
  return !!operand && !alreadyOk(t) && ALLOC.test(ownText(operand, s));
}

/**
 * What a kport `?` fails with: the compat module's `try_collect`/`try_to_vec`
 * return the kernel `Result` (`Error`); the kernel's allocations `AllocError`.
 */
export function tryError(t: SyntaxNode): KernelErr {
  const operand = t.type === '?' ? operandTokens(t) : (t.namedChildren[0]?.text ?? '');
  return /\.\s*try_(collect|to_vec)\s*(::\s*<[^()]*>\s*)?\([^()]*\)\s*$/.test(operand) || compatKernelError(operand) ? 'Error' : 'AllocError';
}

/** An operand's text without the `?` operands and closures inside it: `m.get(&KBox::new(k, GFP_KERNEL)?)` is a lookup, not an allocation. */
function ownText(operand: SyntaxNode, s: FileSyntax): string {
  const cut = s.cuts
    .under(operand)
    .map((m) => m.captures[0].node)
    .filter((n) => n.startIndex !== operand.startIndex || n.endIndex !== operand.endIndex);
  let text = '';
  let at = operand.startIndex;
  for (const n of cut.sort((a, b) => a.startIndex - b.startIndex)) {
    if (n.startIndex < at) continue;
    text += operand.text.slice(at - operand.startIndex, n.startIndex - operand.startIndex);
    at = n.endIndex;
  }
  return text + operand.text.slice(at - operand.startIndex);
}

/** `x.ok()?`: already an `Option`. */
function alreadyOk(t: SyntaxNode): boolean {
  const op = t.namedChildren[0];
  const f = op?.type === 'call_expression' ? op.childForFieldName('function') : null;
  return f?.type === 'field_expression' && f.childForFieldName('field')?.text === 'ok';
}

/** The call's result is already looked at as a `Result` (or thrown away on purpose). */
export function isHandled(call: SyntaxNode): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'try_expression') return true;
  if (p.type === 'let_declaration' && /^let\s+_\s*[:=]/.test(p.text)) return true;
  if (p.type === 'field_expression' && p.childForFieldName('value')?.startIndex === n.startIndex && p.parent?.type === 'call_expression') {
    return RESULT_METHODS.has(p.childForFieldName('field')?.text ?? '');
  }
  const okErr = (pat: SyntaxNode | null) => !!pat && /^(Ok|Err)\b/.test(pat.text.replace(/^(core::|std::)?(result::)?(Result::)?/, ''));
  if (p.type === 'let_condition') return okErr(p.childForFieldName('pattern'));
  if (p.type === 'match_expression' && p.childForFieldName('value')?.startIndex === n.startIndex) {
    return (p.childForFieldName('body')?.namedChildren ?? []).some((arm) => arm.type === 'match_arm' && okErr(arm.childForFieldName('pattern')));
  }
  return false;
}

/** What a closure visibly returns: `Result` (it can take `?` on an error), `Option` (it cannot), or unknown. */
export function closureReturns(c: SyntaxNode): 'result' | 'option' | undefined {
  const rt = c.childForFieldName('return_type');
  if (rt) return /^(\w+::)*Result\b/.test(rt.text) ? 'result' : /^(\w+::)*Option\b/.test(rt.text) ? 'option' : undefined;
  const body = c.childForFieldName('body')?.text ?? '';
  if (/\b(Ok|Err)\s*\(/.test(body)) return 'result';
  return /\bSome\s*\(|\bNone\b/.test(body) ? 'option' : undefined;
}

// A `?` on an `Option` in a function that now returns `Result<Option<T>>`: an early `return Ok(None)`.
// The arm's binding is a name the function does not use, so it shadows nothing a reader sees.
const noneArms = (v: string) => `{ Some(${v}) => ${v}, None => return Ok(None) }`;
const BINDINGS = ['v', 'x', 'some', 'value', 'found'];
// Where `match ..` needs parentheses to stay one operand (a receiver, a callee, a left operand).
const POSTFIX_PARENTS = new Set(['field_expression', 'call_expression', 'index_expression', 'type_cast_expression', 'try_expression', 'await_expression', 'binary_expression', 'range_expression', 'unary_expression', 'reference_expression']);

/**
 * The `opt?` of the function itself (not of its closures; not kport's own `?`
 * on an allocation) become `let Some(x) = opt else { return Ok(None) };` in a
 * `let`, and `match opt { Some(v) => v, None => return Ok(None) }` elsewhere.
 * Insertions go to `out`; the `?` tokens to replace are returned.
 */
export function earlyNone(index: CrateIndex, fn: SyntaxNode, body: SyntaxNode, s: FileSyntax, out: Insertion[], resultTry: (t: SyntaxNode) => boolean): { node: SyntaxNode; text: string }[] {
  const replaced: { node: SyntaxNode; text: string }[] = [];
  const binding = BINDINGS.find((b) => !new RegExp(`\\b${b}\\b`).test(fn.text)) ?? 'v';
  const tries = s.tries
    .under(body)
    .map((m) => m.captures[0].node)
    .filter((t) => index.enclosing(t)?.startIndex === fn.startIndex && !isIntroduced(t, s) && !resultTry(t))
    // Outer before inner at one start: `x??` reads `match (match x ..) ..`.
    .sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  for (const t of tries) {
    const q = t.children.find((c) => c.type === '?');
    const operand = t.namedChildren[0];
    if (!q || !operand) continue;
    const p = t.parent!;
    const letValue = p.type === 'let_declaration' && p.childForFieldName('value')?.startIndex === t.startIndex;
    if (letValue && !p.childForFieldName('alternative') && !operand.text.trimEnd().endsWith('}')) {
      const pat = p.childForFieldName('pattern')!;
      const ty = p.childForFieldName('type');
      out.push({ at: pat.startIndex, text: 'Some(', rank: RANK.open }, { at: pat.endIndex, text: ')', rank: RANK.close });
      if (ty) out.push({ at: ty.startIndex, text: 'Option<', rank: RANK.open }, { at: ty.endIndex, text: '>', rank: RANK.close });
      replaced.push({ node: q, text: ' else { return Ok(None) }' });
      continue;
    }
    const parens = POSTFIX_PARENTS.has(p.type) || (letValue && !!p.childForFieldName('alternative'));
    // A struct literal (or a braced macro) as the scrutinee reads as the match's body without
    // parentheses; an `if`, a block or a `match` does not, and parentheses there are rustc's
    // `unused_parens` warning (an error in a kernel built with CONFIG_WERROR=y).
    const braced = operand.type === 'struct_expression' || (operand.type === 'macro_invocation' && operand.text.trimEnd().endsWith('}'));
    out.push({ at: operand.startIndex, text: `${parens ? '(' : ''}match ${braced ? '(' : ''}`, rank: RANK.ok });
    replaced.push({ node: q, text: `${braced ? ')' : ''} ${noneArms(binding)}${parens ? ')' : ''}` });
  }
  return replaced;
}

/** `fn main` at the top of a crate root: module-entry turns it into `Module::init`, which returns `Result<Self>` (not with --no-module: then it is a function like any other). */
export function isRootMain(fn: FnInfo, ctx: CrateContext): boolean {
  return !ctx.crate.options.noModule && fn.name === 'main' && fn.owner.kind === 'free' && fn.module === '' && ctx.files[fn.file].isCrateRoot && fn.node.parent?.type === 'source_file';
}

export function describe(fn: FnInfo): string {
  if (fn.owner.kind === 'impl') return fn.owner.trait ? `\`<${fn.owner.type} as ${fn.owner.trait}>::${fn.name}\`` : `\`${fn.owner.type}::${fn.name}\``;
  if (fn.owner.kind === 'trait') return `\`${fn.owner.trait}::${fn.name}\``;
  return `\`${fn.module ? `${fn.module}::` : ''}${fn.name}\``;
}

/** A `?` token in a macro's arguments: the token tree it is in, and the text of the tokens it applies to. */
export interface QuestionToken {
  q: SyntaxNode;
  tt: SyntaxNode;
  /** The tokens before it back to the previous `,` (or the start of its token tree), trimmed. */
  operand: string;
}

const OPERAND_STOP = new Set([',', '(', '[', '{', ';']);

/** `?` tokens in a macro's arguments, nested token trees included, in text order (src/analysis/tokens.ts). */
export function questionTokens(tt: SyntaxNode): QuestionToken[] {
  const out: QuestionToken[] = [];
  eachToken(tt, (tree, kids, i) => {
    const k = kids[i];
    if (k.type !== '?') return;
    let start = k;
    for (let j = i - 1; j >= 0 && !OPERAND_STOP.has(kids[j].type); j--) start = kids[j];
    const base = tree.startIndex;
    out.push({ q: k, tt: tree, operand: tree.text.slice(start.startIndex - base, k.startIndex - base).trim() });
  });
  return out;
}

/** The text of the tokens a `?` token applies to, back to the previous `,` (or the start of its token tree). */
export function operandTokens(q: SyntaxNode): string {
  let start = q;
  for (let p = q.previousSibling; p && !OPERAND_STOP.has(p.type); p = p.previousSibling) start = p;
  return q.parent!.text.slice(start.startIndex - q.parent!.startIndex, q.startIndex - q.parent!.startIndex).trim();
}

/** The tokens after a call written in a macro's arguments already use its result: `f(x)?`, `f(x).ok()`. */
export function tokensHandled(args: SyntaxNode): boolean {
  const next = args.nextSibling;
  if (next?.type === '?') return true;
  return next?.type === '.' && RESULT_METHODS.has(next.nextSibling?.text ?? '');
}
