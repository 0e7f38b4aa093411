import { removeLines } from '../src/rewrite/remove-lines.ts';
import { capturesOf } from '../src/engine/queries.ts';
import type { FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { OWN_NAMES_QUERIES, ownNames } from '../src/rewrite/alloc-edit.ts';
import { tyOf } from '../src/analysis/vec-resolver.ts';
import { inRanges } from '../src/analysis/testcode.ts';

/**
 * alloc-types: the vector and box types get the profile's names, in every
 * type and path position.
 *
 *   fn f(v: &mut Vec<u8>) -> Box<Node>   →  fn f(v: &mut KVec<u8>) -> KBox<Node>
 *   let v = Vec::<u8>::new();            →  let v = KVec::<u8>::new();
 *   use std::vec::Vec;                   →  (removed: the kernel prelude has it)
 *
 * Runs after the other allocation passes, which match either name.
 */

const NAMES = `
  ((type_identifier) @t (#match? @t "^(Vec|Box)$"))
  (scoped_identifier path: (identifier) @p (#match? @p "^(Vec|Box)$"))
  ((scoped_type_identifier) @q (#match? @q "^(::)?(std|alloc)::(vec::Vec|boxed::Box)$"))
  ((scoped_identifier) @q (#match? @q "^(::)?(std|alloc)::(vec::Vec|boxed::Box)$"))
`;
const USES = '(use_declaration argument: (_) @arg) @use';
const STRUCTS = '(struct_item name: (type_identifier) @name body: (_) @body) @item';

function run(ctx: FileContext): void {
  const api = ctx.profile.alloc;
  const own = ownNames(ctx);
  const to: Record<string, string> = { Vec: api.vecType, Box: api.boxType };
  const seen = new Set<number>();
  // Inside a `use` declaration, by its range (they do not nest), not by a walk up each node's
  // parents, which was quadratic in the nesting (`Vec<` 10,000 deep).
  const uses = ctx
    .matches('uses')
    .map((m) => m.captures.find((c) => c.name === 'use')!.node)
    .map((u) => ({ start: u.startIndex, end: u.endIndex }))
    .sort((x, y) => x.start - y.start);
  const inUse = (n: SyntaxNode) => inRanges(uses, n.startIndex, n.endIndex);
  for (const c of capturesOf(ctx.matches('names'))) {
    const n = c.node;
    if (seen.has(n.id) || inUse(n)) continue;
    seen.add(n.id);
    if (c.name === 'q') {
      const last = n.text.replace(/\s+/g, '').split('::').pop()!;
      // A qualified path's `Vec` segment is its own identifier: mark it handled.
      const name = n.childForFieldName('name');
      if (name) seen.add(name.id);
      ctx.edits.replace(n, to[last]);
      continue;
    }
    const parent = n.parent;
    // `std::vec::Vec` handled above; a `Vec` that is the last segment of another path is someone else's.
    if ((parent?.type === 'scoped_type_identifier' || parent?.type === 'scoped_identifier') && parent.childForFieldName('name')?.id === n.id) continue;
    if (own.has(n.text)) continue;
    if (to[n.text] !== n.text) ctx.edits.replace(n, to[n.text]);
  }

  // `use std::vec::Vec;` and friends: the kernel prelude provides the names.
  for (const m of ctx.matches('uses')) {
    const arg = m.captures.find((c) => c.name === 'arg')!.node.text.replace(/\s+/g, '');
    if (/^(::)?(std|alloc)::(vec::Vec|boxed::Box)$/.test(arg)) removeLines(ctx, m.captures.find((c) => c.name === 'use')!.node);
  }

  // `#[derive(Clone)]` on a struct that owns a vector or box: the kernel's are not Clone.
  for (const m of ctx.matches('structs')) {
    const item = m.captures.find((c) => c.name === 'item')!.node;
    const body = m.captures.find((c) => c.name === 'body')!.node;
    let attr = item.previousNamedSibling;
    let derive: SyntaxNode | undefined;
    while (attr && (attr.type === 'attribute_item' || attr.type === 'line_comment' || attr.type === 'block_comment')) {
      if (attr.type === 'attribute_item' && /^#\[\s*derive\s*\([^)]*\bClone\b/.test(attr.text)) derive = attr;
      attr = attr.previousNamedSibling;
    }
    if (!derive) continue;
    const owning = body.namedChildren
      .map((f) => (f.type === 'field_declaration' ? f.childForFieldName('type') : f))
      .find((t) => t && ['vec', 'box'].includes(tyOf(t).k) && !/^&/.test(t.text));
    if (!owning) continue;
    ctx.report({
      code: 'K0320',
      message: `\`${m.captures.find((c) => c.name === 'name')!.node.text}\` derives Clone but owns a \`${owning.text}\`, which the kernel cannot clone infallibly`,
      node: derive,
      help: `drop \`Clone\` from the derive and write a fallible \`fn try_clone(&self) -> Result<Self>\` that copies it with ${tyOf(owning).k === 'vec' ? '`try_to_vec(GFP_KERNEL)?`' : '`KBox::new((*b).clone(), GFP_KERNEL)?`'}`,
    });
  }
}

export const allocTypes: FileTransform = {
  id: 'alloc-types',
  scope: 'file',
  summary: 'Rename `Vec`/`Box` to the profile\'s kernel types (`KVec`/`KBox` on mainline) in every type and path position.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['Vec', 'Box'],
  queries: { names: NAMES, uses: USES, structs: STRUCTS },
  applies: (text) => /\b(Vec|Box)\b/.test(text),
  uses: [OWN_NAMES_QUERIES],
  run,
  codes: [
    {
      code: 'K0320',
      severity: 'error',
      title: 'a struct derives Clone but owns a vector or box',
      explanation: `The kernel's KVec and KBox do not implement Clone: copying them allocates,
and allocation must be able to fail. A derived Clone on a struct that owns one
does not build. Replace it with a fallible method.

Before:
    #[derive(Clone)]
    struct Board { cells: Vec<u8> }
After:
    struct Board { cells: KVec<u8> }
    impl Board {
        fn try_clone(&self) -> Result<Self> {
            Ok(Board { cells: self.cells.try_to_vec(GFP_KERNEL)? })
        }
    }`,
    },
  ],
};
