import { localNames } from '../src/analysis/localnames.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';

/**
 * check-dyn-error: report `Box<dyn Error>` and other `dyn Error` trait
 * objects. Kernel functions return `kernel::error::Result`, an errno-based
 * error (rust/kernel/error.rs), not a boxed trait object.
 *
 *   fn load() -> Result<(), Box<dyn Error>>   → K0670
 */

const DYN_PLAIN = '(dynamic_type trait: (type_identifier) @t (#eq? @t "Error")) @dyn';
const DYN_PATH = '(dynamic_type trait: (scoped_type_identifier path: (_) @p name: (type_identifier) @t) (#match? @p "^(::)?(std|core|alloc)::error$") (#eq? @t "Error")) @dyn';

/** The `Box<...>` around a trait object, if any (through `+ Send + Sync` bounds). */
function boxAround(n: SyntaxNode): SyntaxNode | null {
  let p = n.parent;
  while (p && p.type === 'bounded_type') p = p.parent;
  if (p?.type !== 'type_arguments') return null;
  const g = p.parent;
  if (g?.type !== 'generic_type') return null;
  return /^(Box|KBox)$/.test(g.childForFieldName('type')?.text ?? '') ? g : null;
}

function run(ctx: FileContext): void {
  const { tree } = ctx;
  const local = localNames(tree);
  for (const q of ['dynPlain', 'dynPath'] as const) {
    for (const m of ctx.matches(q)) {
      const dyn = m.captures.find((c) => c.name === 'dyn')!.node;
      if (q === 'dynPlain' && local.has('Error')) continue; // the file's own `Error` trait
      if (isTestCode(tree, dyn)) continue;
      const boxed = boxAround(dyn);
      const shown = (boxed ?? dyn).text.replace(/\s+/g, ' ');
      ctx.report({
        code: 'K0670',
        message: `\`${shown}\` has no kernel equivalent`,
        node: boxed ?? dyn,
        help: 'return `kernel::error::Result<T>` and map failures to an errno (`EINVAL`, `ENOMEM`, ...), or define an error enum with `From<MyError> for Error`',
      });
    }
  }
}

export const checkDynError: FileTransform = {
  id: 'check-dyn-error',
  scope: 'file',
  summary: 'Report `Box<dyn Error>` and other `dyn Error` trait objects.',
  profiles: [...PROFILE_IDS],
  safety: 'suggestion',
  words: ['dyn'],
  applies: (text) => /dyn\s+(::)?(\w+::)*Error\b/.test(text),
  queries: { dynPlain: DYN_PLAIN, dynPath: DYN_PATH },
  run,
  codes: [
    {
      code: 'K0670',
      severity: 'error',
      title: '`Box<dyn Error>` has no kernel equivalent',
      explanation: `Kernel functions return \`kernel::error::Result<T>\` (rust/kernel/error.rs), whose
error is an errno (\`EINVAL\`, \`ENOMEM\`, ...). A boxed \`dyn Error\` needs an
allocation on the error path and a trait the kernel does not use. Map each
failure to an errno, or define an error enum and convert it with
\`impl From<MyError> for Error\`.

Before:
    fn parse(s: &str) -> Result<u32, Box<dyn Error>> {
        Ok(s.parse()?)
    }
After:
    fn parse(s: &str) -> Result<u32> {
        s.parse().map_err(|_| EINVAL)
    }`,
    },
  ],
};
