// module-entry: the module's type name and metadata (description from the
// crate's docs, the notes that say where each value came from).
import { KERNEL_LICENSES, singleLine } from '../../src/crate/modinfo.ts';
import type { CrateContext, FileContext, SyntaxNode } from '../../src/engine/types.ts';

/** The names pickTypeName must avoid (declared by the transform, module-entry.ts). */
export const NAMES = `
  (source_file (struct_item name: (type_identifier) @n))
  (source_file (enum_item name: (type_identifier) @n))
  (source_file (type_item name: (type_identifier) @n))
  (source_file (union_item name: (type_identifier) @n))
  (source_file (trait_item name: (type_identifier) @n))
  (source_file (use_declaration) @u)
`;

/** The first line of the crate root's `//!` documentation, as a default description. */
export function docLine(ctx: FileContext): string | undefined {
  for (const c of ctx.tree.rootNode.children) {
    if (c.type === 'line_comment' && /^\/\/!/.test(c.text)) {
      const s = c.text.replace(/^\/\/!\s?/, '').trim();
      if (s) return s.replace(/\.$/, '');
      continue;
    }
    if (c.type === 'inner_attribute_item' || c.type === 'shebang') continue;
    break;
  }
  return undefined;
}

/** The type name `module!` gets: CamelCase of the module name, unless the file already uses it. */
export function pickTypeName(ctx: FileContext, want: string): string {
  const taken = new Set<string>();
  for (const c of ctx.matches('names').map((m) => m.captures[0])) {
    if (c.name === 'n') taken.add(c.node.text);
    else for (const m of c.node.text.matchAll(/\b[A-Z][A-Za-z0-9_]*\b/g)) taken.add(m[0]);
  }
  let name = want;
  if (taken.has(name)) name = `${want}Module`;
  for (let i = 2; taken.has(name); i++) name = `${want}Module${i}`;
  return name;
}

export function describeMetadata(ctx: FileContext, at: SyntaxNode, cc: CrateContext, typeName: string, description: string | undefined): void {
  const c = cc.crate;
  const src = c.metadataSources ?? {};
  const from = (k: keyof NonNullable<typeof c.metadataSources>, dflt: string) => src[k] ?? dflt;
  const parts = [
    `type \`${typeName}\``,
    `name "${c.moduleName}" (${from('moduleName', 'file name')})`,
    c.authors.length ? `authors ${c.authors.map((a) => `"${singleLine(a)}"`).join(', ')} (${from('authors', 'given')})` : 'no authors (none given; --author adds one)',
    description !== undefined ? `description "${singleLine(description)}" (${c.description !== undefined ? from('description', 'given') : 'crate doc comment'})` : 'no description (--description adds one)',
    `license "${singleLine(c.license)}" (${from('license', 'default')})`,
  ];
  ctx.report({ code: 'K0501', message: `\`fn main\` became the module entry: ${parts.join(', ')}`, node: at, help: 'override with --module-name, --author, --description, --license or [package.metadata.kport]' });
  if (ctx.profile.moduleAuthors === 'author' && c.authors.length) {
    const k = ctx.profile.moduleAuthorKeys;
    ctx.report({
      code: 'K0502',
      message: `profile ${ctx.profile.id} writes \`author: ".."\`: kernels from ${k.authorsSince} take \`authors: [..]\`, and ${k.authorRemovedIn} dropped \`author\``,
      node: at,
      help: `pick the profile of the kernel you build against (--profile mainline writes \`authors\`)`,
    });
  }
  if (!(KERNEL_LICENSES as readonly string[]).includes(c.license)) {
    ctx.report({
      code: 'K0507',
      message: `license "${c.license}" is not one the kernel accepts as GPL-compatible: the module could not use the kernel crate's GPL-only symbols`,
      node: at,
      help: `use one of ${KERNEL_LICENSES.map((l) => `"${l}"`).join(', ')} (include/linux/license.h)`,
    });
  } else if (c.manifestLicense !== undefined && src.license === 'default') {
    ctx.report({
      code: 'K0507',
      message: `Cargo.toml's license "${c.manifestLicense}" is not one the kernel accepts for a module; the module says "${c.license}"`,
      node: at,
      help: 'the kernel crate exports its symbols GPL-only (include/linux/license.h lists the accepted strings); relicensing is the authors\' decision: pass --license to choose',
    });
  }
}
