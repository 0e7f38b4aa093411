import { query } from '../src/parse.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/types.ts';
import { PROFILE_IDS } from '../src/profiles.ts';

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

function run(ctx: FileContext): void {
  const api = ctx.profile.alloc;
  const local = new Set(query(LOCAL_MACROS).matches(ctx.tree.rootNode).map((m) => m.captures[0].node.text));
  if (local.has('vec')) return;
  for (const m of query(VEC_MACROS).matches(ctx.tree.rootNode)) {
    const name = m.captures.find((c) => c.name === 'name')!.node;
    const tt = m.captures.find((c) => c.name === 'args')!.node;
    const call = m.captures.find((c) => c.name === 'call')!.node;
    const el = elements(ctx, tt);
    if (!el) {
      ctx.report({ code: 'K0307', message: 'kport could not read the elements of this `vec!`', node: call, help: 'write it with the fallible constructors by hand' });
      continue;
    }
    if (el.parts.length === 0) {
      ctx.edits.replace(call, api.vecMacro.empty);
      continue;
    }
    if (el.repeat) {
      if (api.vecMacro.repeat) {
        ctx.edits.replace(name, api.vecMacro.repeat.macro);
        ctx.edits.insert(call.endIndex, '?');
      } else {
        ctx.report({
          code: 'K0306',
          message: `\`vec![x; n]\` has no fallible form in the ${ctx.profile.id} kernel API`,
          node: call,
          help: `reserve with \`${api.vecType}::${api.withCapacity.name}(n${api.withCapacity.flags ? `, ${api.flags}` : ''})?\` and push \`n\` clones in a loop`,
        });
      }
      continue;
    }
    if (api.vecMacro.list !== 'push') {
      ctx.edits.replace(name, api.vecMacro.list.macro);
      ctx.edits.insert(call.endIndex, '?');
      continue;
    }
    // No list macro: a block that allocates once and pushes in order (same evaluation order).
    if (el.parts.some((p) => /[<|]/.test(p))) {
      ctx.report({ code: 'K0307', message: 'kport could not split the elements of this `vec!` safely', node: call, help: 'write it with the fallible constructors by hand' });
      continue;
    }
    const v = el.parts.some((p) => /\bv\b/.test(p)) ? 'kport_v' : 'v';
    const f = (form: { name: string; flags: boolean }, arg: string) => `${form.name}(${arg}${form.flags ? `, ${api.flags}` : ''})?`;
    const push = api.methods.push!;
    const stmts = [`let mut ${v} = ${api.vecType}::${f(api.withCapacity, String(el.parts.length))};`, ...el.parts.map((p) => `${v}.${f(push, p)};`), v];
    ctx.edits.replace(call, `{ ${stmts.join(' ')} }`);
  }
  for (const m of query(NESTED).matches(ctx.tree.rootNode)) {
    const i = m.captures.find((c) => c.name === 'i')!.node;
    const tt = m.captures.find((c) => c.name === 'tt')!.node;
    ctx.report({
      code: 'K0308',
      message: '`vec!` inside another macro\'s arguments: kport cannot see it as code and left it alone',
      range: { start: i.startIndex, end: tt.endIndex },
      help: api.vecMacro.list === 'push' ? 'build the vector in a `let` before the macro call' : 'write `kernel::kvec![..]?` (or `KVec::new()` for an empty one), or build the vector in a `let` before the macro call',
    });
  }
}

export const allocMacros: FileTransform = {
  id: 'alloc-macros',
  scope: 'file',
  summary: 'Rewrite `vec!` to the profile\'s fallible form: `KVec::new()`, `kernel::kvec![..]?`, or a reserve-and-push block.',
  docs: `The kernel has no \`vec!\`. On mainline and 6.13 it has \`kernel::kvec!\`
(rust/kernel/alloc/kvec.rs): \`kvec![]\` is \`KVec::new()\` and cannot fail, while
\`kvec![a, b]\` and \`kvec![x; n]\` allocate with GFP_KERNEL and return a Result, so
they get \`?\` (a fallible site for the propagation pass). On 6.10 and 6.1 there is
no such macro: a list becomes a block that reserves once and pushes each element
in order (\`Vec::with_capacity(n, GFP_KERNEL)?\` + \`push(x, GFP_KERNEL)?\` on 6.10,
\`try_with_capacity\` + \`try_push\` on 6.1), and \`vec![x; n]\` is reported (K0306).
A file that defines its own \`vec!\` is left alone.

Before:
    let empty: Vec<u8> = vec![];
    let v = vec![1, 2, 3];
    let z = vec![0u8; n];
After:
    let empty: Vec<u8> = KVec::new();
    let v = kernel::kvec![1, 2, 3]?;
    let z = kernel::kvec![0u8; n]?;`,
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  applies: (text) => /\bvec\s*!/.test(text),
  run,
  codes: [
    {
      code: 'K0306',
      severity: 'error',
      title: '`vec![x; n]` has no fallible form in this kernel API',
      explanation: `Before 6.13 the kernel has no \`kvec!\` and its vectors have no fallible
\`from_elem\` or (on 6.10) \`resize\`. Write the loop by hand.

Before:
    let z = vec![0u8; n];
After (6.10):
    let mut z = Vec::with_capacity(n, GFP_KERNEL)?;
    for _ in 0..n {
        z.push(0u8, GFP_KERNEL)?;
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
