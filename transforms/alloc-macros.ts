import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';

/**
 * alloc-macros: `vec!` becomes the profile's fallible form.
 *
 *   vec![]        →  KVec::new()
 *   vec![a, b]    →  kernel::kvec![a, b]?        (mainline, 6.13: rust/kernel/alloc/kvec.rs)
 *   vec![x; n]    →  kernel::kvec![x; n]?
 *
 * Without `kvec!` (6.10, 6.1) a list becomes a block that reserves and pushes;
 * a repeat has no fallible form there and is reported.
 */

const VEC_MACROS = `(macro_invocation
  macro: [(identifier) (scoped_identifier)] @name
  (#match? @name "^(::)?((std|alloc)::)?vec$")
  (token_tree) @args) @call`;
const LOCAL_MACROS = '(macro_definition name: (identifier) @name)';
// tree-sitter does not parse macro arguments as expressions: a `vec!` there is tokens.
const NESTED = '(token_tree (identifier) @i (#eq? @i "vec") . "!" . (token_tree) @tt)';

/** Split a token tree's contents at its top-level commas (or one `;`). */
function elements(ctx: FileContext, tt: SyntaxNode): { parts: string[]; repeat: boolean } | undefined {
  const kids = tt.children.slice(1, -1); // drop the delimiters
  const parts: string[] = [];
  let start: number | undefined;
  let end = 0;
  let repeat = false;
  const flush = () => {
    if (start !== undefined) parts.push(ctx.text.slice(start, end).trim());
    start = undefined;
  };
  for (const k of kids) {
    if (k.type === ',' ) {
      if (start === undefined) return undefined; // `,,` or leading comma
      flush();
      continue;
    }
    if (k.type === ';') {
      if (repeat || parts.length) return undefined;
      repeat = true;
      flush();
      continue;
    }
    if (start === undefined) start = k.startIndex;
    end = k.endIndex;
  }
  flush();
  return { parts, repeat };
}

/** One `vec!` to rewrite: the macro name's range, its token tree, and the whole invocation. */
interface Site {
  nameStart: number;
  nameEnd: number;
  tt: SyntaxNode;
  start: number;
  end: number;
  /** Inside another macro's arguments (tokens, not parsed code). */
  nested: boolean;
}

// Macros whose arguments are expressions: a `vec!` in them may be rewritten as text.
const EXPR_MACROS = /^(vec|assert|assert_eq|assert_ne|debug_assert|debug_assert_eq|debug_assert_ne|println|print|eprintln|eprint|format|write|writeln|panic|dbg|pr_info|pr_err|pr_warn|pr_debug|pr_notice|pr_cont|kvec)$/;

const LITERAL = /^-?(?:\d[\w.]*|'(?:\\.|[^'\\])+'|true|false)$/;
// Side-effect-free enough to evaluate once per row: names, fields, literals, arithmetic, `.len()`.
const PURE = /^(?:[\w.\s+\-*/%]|\.len\(\))+$/;
const EMPTY_VEC = /^(?:(?:::)?(?:std|alloc)::)?(?:vec!\s*(?:\[\s*\]|\(\s*\))|K?Vec(?:::<[^>]*>)?::new\(\))$/;
const REPEAT = /^(?:(?:::)?(?:std|alloc)::)?vec!\s*\[([^;\[\]]+);([^;\[\]]+)\]$/;

/** A fresh name for a block-local binding, not mentioned in any of `texts`. */
function fresh(base: string[], texts: string[]): string {
  for (const b of base) if (!texts.some((t) => new RegExp(`\\b${b}\\b`).test(t))) return b;
  return `kport_${base[0]}`;
}

/**
 * `vec![E; N]` as a loop, for an element that cannot go through `kvec![E; N]?`
 * (the kernel vector is not Clone) or on profiles without `kvec!`. Only for
 * elements and counts whose repeated evaluation is unobservable (literals, empty
 * vectors, a nested repeat of a literal; pure counts); else undefined.
 */
function repeatLoop(ctx: FileContext, elem: string, count: string): string | undefined {
  const api = ctx.profile.alloc;
  if (!PURE.test(count)) return undefined;
  const call = (form: { name: string; flags: boolean }, arg: string) => `${form.name}(${arg}${form.flags ? `, ${api.flags}` : ''})?`;
  const push = api.methods.push!;
  const texts = [elem, count];
  const n = fresh(['n', 'len'], texts);
  const v = fresh(['v', 'rows'], texts);
  let item: string;
  let prelude = '';
  const inner = REPEAT.exec(elem);
  if (LITERAL.test(elem)) {
    if (api.vecMacro.repeat) return undefined; // kvec! does it directly
    item = elem;
  } else if (EMPTY_VEC.test(elem)) {
    item = api.vecMacro.empty;
  } else if (inner && LITERAL.test(inner[1].trim()) && PURE.test(inner[2])) {
    const e = inner[1].trim();
    const m = inner[2].trim();
    if (api.vecMacro.repeat) item = `${api.vecMacro.repeat.macro}![${e}; ${m}]?`;
    else {
      const row = fresh(['row', 'r'], [...texts, v, n]);
      const mm = fresh(['m', 'cols'], [...texts, v, n]);
      prelude = `let ${mm} = ${m}; let mut ${row} = ${api.vecType}::${call(api.withCapacity, mm)}; for _ in 0..${mm} { ${row}.${call(push, e)}; } `;
      item = row;
    }
  } else return undefined;
  return `{ let ${n} = ${count.trim()}; let mut ${v} = ${api.vecType}::${call(api.withCapacity, n)}; for _ in 0..${n} { ${prelude}${v}.${call(push, item)}; } ${v} }`;
}

interface Opaque {
  start: number;
  end: number;
  host: string;
  count: number;
}

function sites(ctx: FileContext): { sites: Site[]; opaque: Opaque[] } {
  const out: Site[] = [];
  // One report per macro call that hides `vec!`s, not one per `vec!`.
  const opaque = new Map<number, Opaque>();
  for (const m of ctx.matches('vecMacros')) {
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const tt = m.captures.find((c) => c.name === 'args')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    out.push({ nameStart: name.startIndex, nameEnd: name.endIndex, tt, start: call.startIndex, end: call.endIndex, nested: false });
  }
  // The macro call around a token: the innermost call whose range holds it (its argument
  // tokens hold no call node). A walk up each nested `vec!`'s parents was quadratic in the
  // nesting: tree-sitter finds a parent by walking down from the root.
  const calls = ctx
    .matches('calls')
    .map((m) => m.captures[0].node)
    .sort((a, b) => a.startIndex - b.startIndex);
  const hostOf = (i: SyntaxNode): SyntaxNode | null => {
    let lo = 0;
    let hi = calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (calls[mid].startIndex <= i.startIndex) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) if (calls[k].endIndex >= i.endIndex) return calls[k];
    return null;
  };
  for (const m of ctx.matches('nested')) {
    const i = m.captures.find((c) => c.name === 'i')!.node;
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    const host = hostOf(i);
    const hostName = host?.childForFieldName('macro')?.text.replace(/\s+/g, '').split('::').pop() ?? '';
    // `::vec!`, `std::vec!`: the token before it (read in the text, not by a walk across the tree).
    let j = i.startIndex;
    while (j > 0 && /\s/.test(ctx.text[j - 1])) j--;
    const qualified = j >= 2 && ctx.text.startsWith('::', j - 2);
    if (!EXPR_MACROS.test(hostName) || qualified) {
      const key = host?.id ?? i.id;
      const o = opaque.get(key);
      if (o) o.count++;
      else opaque.set(key, { start: i.startIndex, end: tt.endIndex, host: host?.childForFieldName('macro')?.text ?? 'a macro', count: 1 });
      continue;
    }
    out.push({ nameStart: i.startIndex, nameEnd: i.endIndex, tt, start: i.startIndex, end: tt.endIndex, nested: true });
  }
  out.sort((a, b) => a.start - b.start);
  return { sites: out, opaque: [...opaque.values()] };
}

function run(ctx: FileContext): void {
  const api = ctx.profile.alloc;
  const local = new Set(ctx.matches('localMacros').map((m) => m.captures[0].node.text));
  if (local.has('vec')) return;
  const { sites: all, opaque } = sites(ctx);
  // A site inside one that is replaced whole is rewritten as part of it (or not at all).
  const replaced: { start: number; end: number }[] = [];
  const within = (s: Site) => replaced.some((r) => s.start >= r.start && s.end <= r.end);
  const hasNested = (s: Site) => all.some((o) => o !== s && o.start > s.start && o.end <= s.end);
  const node = (s: Site) => ({ start: s.start, end: s.end });
  for (const s of all) {
    if (within(s)) continue;
    const el = elements(ctx, s.tt);
    if (!el) {
      ctx.report({ code: 'K0307', message: 'kport could not read the elements of this `vec!`', range: node(s), help: 'write it with the fallible constructors by hand' });
      replaced.push(node(s)); // left alone whole: a vec! nested in it too, or the next run would split it
      continue;
    }
    if (el.parts.length === 0) {
      ctx.edits.replace(node(s), api.vecMacro.empty);
      replaced.push(node(s));
      continue;
    }
    if (el.repeat) {
      const [elem, count] = el.parts;
      const loop = repeatLoop(ctx, elem, count);
      if (loop) {
        ctx.edits.replace(node(s), loop);
        replaced.push(node(s));
        continue;
      }
      const vecLike = /^(?:(?:::)?(?:std|alloc)::)?(?:vec!|K?Vec\b|K?Box\b|kernel::kvec!|String\b)/.test(elem);
      if (api.vecMacro.repeat && !vecLike) {
        ctx.edits.replace({ start: s.nameStart, end: s.nameEnd }, api.vecMacro.repeat.macro);
        ctx.edits.insert(s.end, '?');
        continue;
      }
      ctx.report({
        code: 'K0306',
        message: vecLike
          ? `\`vec![x; n]\` of a vector or box: the kernel's are not Clone, and kport cannot repeat \`${elem}\` safely`
          : `\`vec![x; n]\` has no fallible form in the ${ctx.profile.id} kernel API`,
        range: node(s),
        help: `reserve with \`${api.vecType}::${api.withCapacity.name}(n${api.withCapacity.flags ? `, ${api.flags}` : ''})?\` and push \`n\` ${vecLike ? 'separately built elements' : 'clones'} in a loop`,
      });
      continue;
    }
    if (api.vecMacro.list !== 'push') {
      ctx.edits.replace({ start: s.nameStart, end: s.nameEnd }, api.vecMacro.list.macro);
      ctx.edits.insert(s.end, '?');
      continue;
    }
    // No list macro: a block that allocates once and pushes in order (same evaluation order).
    // A comment or an attribute in an element would swallow or misplace the code kport puts after it (corpus: rustfmt tests).
    // So would an element that allocates itself: once split out of the macro, the allocation passes
    // (which ran before this one) would rewrite it on the next run only (corpus: rustfmt imports.rs, v6.1).
    const allocates = (p: string) => /\.(to_vec|to_owned|to_string|clone|collect|concat|join|repeat)\s*\(|\b(Box|Vec|Arc|Rc|String)\s*::/.test(p);
    if (el.parts.some((p) => /[<|]|\/\/|\/\*|#\[/.test(p) || allocates(p)) || hasNested(s)) {
      ctx.report({ code: 'K0307', message: 'kport could not split the elements of this `vec!` safely', range: node(s), help: 'write it with the fallible constructors by hand' });
      replaced.push(node(s)); // left alone whole: a vec! nested in it too, or the next run would split it
      continue;
    }
    const v = fresh(['v'], el.parts);
    const f = (form: { name: string; flags: boolean }, arg: string) => `${form.name}(${arg}${form.flags ? `, ${api.flags}` : ''})?`;
    const push = api.methods.push!;
    const stmts = [`let mut ${v} = ${api.vecType}::${f(api.withCapacity, String(el.parts.length))};`, ...el.parts.map((p) => `${v}.${f(push, p)};`), v];
    ctx.edits.replace(node(s), `{ ${stmts.join(' ')} }`);
    replaced.push(node(s));
  }
  for (const o of opaque) {
    ctx.report({
      code: 'K0308',
      message: `${o.count > 1 ? `${o.count} \`vec!\`s` : '`vec!`'} inside the arguments of \`${o.host}!\`, a macro kport does not know: left alone`,
      range: o,
      help: api.vecMacro.list === 'push' ? 'build the vector in a `let` before the macro call' : 'write `kernel::kvec![..]?` (or `KVec::new()` for an empty one), or build the vector in a `let` before the macro call',
    });
  }
}

export const allocMacros: FileTransform = {
  id: 'alloc-macros',
  scope: 'file',
  summary: 'Rewrite `vec!` to the profile\'s fallible form: `KVec::new()`, `kernel::kvec![..]?`, or a reserve-and-push block.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['vec'],
  applies: (text) => /\bvec\s*!/.test(text),
  queries: { localMacros: LOCAL_MACROS, vecMacros: VEC_MACROS, nested: NESTED, calls: '(macro_invocation) @m' },
  run,
  codes: [
    {
      code: 'K0306',
      severity: 'error',
      title: '`vec![x; n]` that kport cannot turn into a fallible form',
      explanation: `\`kvec![x; n]\` needs a Clone element, and the kernel's KVec and KBox are
not Clone; before 6.13 there is no \`kvec!\` at all. kport writes a loop itself
only where evaluating the element once per row is unobservable (a literal, an
empty vector). Here the element is a call or another expression: write the loop.

Before:
    let rows = vec![make_row(); n];
After:
    let mut rows = KVec::with_capacity(n, GFP_KERNEL)?;
    for _ in 0..n {
        rows.push(make_row()?, GFP_KERNEL)?;
    }`,
    },
    {
      code: 'K0308',
      severity: 'warning',
      title: '`vec!` inside another macro\'s arguments',
      explanation: `Macro arguments are tokens, not parsed code, so kport does not rewrite a
\`vec!\` written inside another macro call (\`assert_eq!(v, vec![1, 2])\`, or a
\`vec!\` nested in a \`vec!\`). Rewrite it by hand.

Before:
    let grid = vec![vec![0u8; 3], vec![1u8; 3]];
After:
    let grid = kernel::kvec![kernel::kvec![0u8; 3]?, kernel::kvec![1u8; 3]?]?;`,
    },
    {
      code: 'K0307',
      severity: 'error',
      title: '`vec!` whose elements kport cannot split',
      explanation: `Without a kernel \`kvec!\`, kport writes a list as pushes, one per element.
When an element contains generics or a closure, splitting at commas is not safe,
so kport leaves the macro for a person.

Before:
    let fs = vec![|a, b| a + b];
After (6.10, by hand):
    let mut fs = Vec::with_capacity(1, GFP_KERNEL)?;
    fs.push(|a, b| a + b, GFP_KERNEL)?;`,
    },
  ],
};
