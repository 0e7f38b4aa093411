// Module metadata helpers shared by the module-entry transform, discovery and
// the build files: names, licence strings and the `module!` block itself.
import { UsageError } from '../engine/errors.ts';
import type { CrateInfo } from '../engine/types.ts';

/** What a module name, type name or Kconfig symbol must look like: a C and Rust identifier, safe in make and Kconfig. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `s` when it is an identifier; otherwise a usage error (exit 2) naming `what`. */
export function checkIdentifier(what: string, s: string): string {
  if (!IDENTIFIER.test(s)) throw new UsageError(`${what} ${JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...` : s)} is not a valid identifier ([A-Za-z_][A-Za-z0-9_]*); pass --module-name`);
  return s;
}

/**
 * Metadata as one line of text: control characters (C0, DEL, C1) and line or
 * paragraph separators become a space, so a value can never start a new line
 * (a new statement) in a generated file.
 */
export function singleLine(s: string): string {
  return s.replace(/ *[\u0000-\u001f\u007f-\u009f\u2028\u2029]+ */g, ' ').trim();
}

/** `rust_out_of_tree` → `RustOutOfTree`: the type name `module!` gets. */
export function camelCase(moduleName: string): string {
  const s = moduleName
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(s) ? `M${s}` : s || 'Module';
}

/**
 * The licence strings the kernel accepts as GPL-compatible
 * (include/linux/license.h, license_is_gpl_compatible). The kernel crate's
 * symbols are GPL-only exports, so a Rust module must use one of these.
 */
export const KERNEL_LICENSES = ['GPL', 'GPL v2', 'GPL and additional rights', 'Dual BSD/GPL', 'Dual MIT/GPL', 'Dual MPL/GPL'] as const;

/** The kernel licence string an SPDX expression means exactly, if there is one. */
export function kernelLicenseOf(spdx: string): string | undefined {
  const s = spdx.trim();
  if ((KERNEL_LICENSES as readonly string[]).includes(s)) return s;
  const gpl2 = '(GPL-2\\.0(-only|-or-later|\\+)?)';
  if (new RegExp(`^${gpl2}$`).test(s)) return /or-later|\+/.test(s) ? 'GPL' : 'GPL v2';
  const parts = s.split(/\s+OR\s+|\//).map((p) => p.trim());
  if (parts.length === 2) {
    const gpl = parts.findIndex((p) => new RegExp(`^${gpl2}$`).test(p));
    if (gpl !== -1) {
      const other = parts[1 - gpl];
      if (other === 'MIT') return 'Dual MIT/GPL';
      if (/^BSD-[23]-Clause$/.test(other)) return 'Dual BSD/GPL';
      if (/^MPL-(1\.1|2\.0)$/.test(other)) return 'Dual MPL/GPL';
    }
  }
  return undefined;
}

/** A Rust string literal with the same contents. */
export function rustString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
}

export interface ModuleBlockOptions {
  typeName: string;
  crate: CrateInfo;
  description?: string;
  /** `authors` (a list; mainline) or `author` (one string; older kernels). */
  authorsKey: 'authors' | 'author';
  indent: string;
}

/**
 * The `module!` block. Keys in the order rust/macros/module.rs requires
 * (EXPECTED_KEYS: type, name, authors, description, license, ...): the macro
 * refuses any other order.
 */
export function moduleBlock(o: ModuleBlockOptions): string {
  const i = o.indent;
  // Each value is one Rust string literal on its own line, whatever the metadata holds.
  const str = (s: string) => rustString(singleLine(s));
  const lines = [`module! {`, `${i}type: ${checkIdentifier('module type name', o.typeName)},`, `${i}name: ${str(checkIdentifier('module name', o.crate.moduleName))},`];
  const authors = o.crate.authors.map(singleLine).filter(Boolean);
  if (authors.length) {
    if (o.authorsKey === 'authors') lines.push(`${i}authors: [${authors.map(str).join(', ')}],`);
    else lines.push(`${i}author: ${str(authors.join(', '))},`);
  }
  const description = o.description === undefined ? '' : singleLine(o.description);
  if (description) lines.push(`${i}description: ${str(description)},`);
  lines.push(`${i}license: ${str(o.crate.license)},`, '}');
  return lines.join('\n');
}
