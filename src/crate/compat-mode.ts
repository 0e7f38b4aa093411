// `--compat` / `[package.metadata.kport] compat`: whether kport ports owned
// std types (`String`, `format!`, ...) to the fallible types of its generated
// compat module (src/compat/), or only reports them, as before the compat
// types existed. `all` (the default) ports; `none` reports, byte for byte the
// output of kport without them (test/compat-none.test.ts keeps it so).
import { UsageError } from '../engine/errors.ts';
import type { CrateInfo } from '../engine/types.ts';

export const COMPAT_MODES = ['all', 'none'] as const;
export type CompatMode = (typeof COMPAT_MODES)[number];

/** The compat mode named by `value` (from `where`), or a one-line usage error. */
export function checkCompatMode(value: unknown, where: string): CompatMode | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (COMPAT_MODES as readonly string[]).includes(value)) return value as CompatMode;
  throw new UsageError(`${where}: unknown compat mode ${JSON.stringify(value)}; choose ${COMPAT_MODES.join(', ')}`);
}

/** Whether the crate's port may use the compat types (everything but `--compat none`). */
export function compatTypesOn(crate: Pick<CrateInfo, 'options'>): boolean {
  return crate.options.compat !== 'none';
}
