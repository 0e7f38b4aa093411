// The compat module's calls that can fail, as the propagation pass must see
// them (transforms/fallible-propagation/): which operands of `?` are
// allocations kport introduced, and which fail with the kernel `Error`
// rather than `AllocError`. The forms that take GFP flags (`push_str(s,
// GFP_KERNEL)`, `KString::with_capacity(n, GFP_KERNEL)`, `join(sep, GFP_KERNEL)`)
// are seen by their flags, like the kernel's own; these are the ones without.

/** Operands of a `?` that the compat rewrites introduced (besides the ones with flags). */
export const COMPAT_FALLIBLE = /\bKString\s*::\s*try_from\s*\(|\.\s*(?:to_kstring|try_clone)\s*\(|\bkformat\s*!/;

/**
 * Whether the operand of a `?` is a compat call whose error is the kernel
 * `Error` (those that format: `EINVAL` or `ENOMEM`; `insert_str`: `EINVAL` for
 * a byte index inside a character; `try_collect_ok`: its items' error), not `AllocError`.
 */
export function compatKernelError(operand: string): boolean {
  const t = operand.trim();
  return /^kformat\s*!/.test(t) || /^KString\s*::\s*try_from_fmt\s*\(/.test(t) || /\.\s*(?:to_kstring\s*\(\s*\)|(?:insert_str|try_collect_ok)\s*\((?:[^()]|\([^()]*\))*\))$/.test(t);
}
