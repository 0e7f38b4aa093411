// `--io` / `[package.metadata.kport] io`: how a program's stdin/stdout is ported.
// `miscdev`: main's input loop becomes a misc character device (transforms/io-miscdev.ts).
import { UsageError } from '../engine/errors.ts';

export const IO_MODES = ['miscdev'] as const;
export type IoMode = (typeof IO_MODES)[number];

/** The io mode named by `value` (from `where`), or a one-line usage error. */
export function checkIoMode(value: unknown, where: string): IoMode | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (IO_MODES as readonly string[]).includes(value)) return value as IoMode;
  throw new UsageError(`${where}: unknown io mode ${JSON.stringify(value)}; choose ${IO_MODES.join(', ')}`);
}
