// The rustc lint flags the kernel builds every Rust file with, per profile:
// `rust_common_flags` in the top-level Makefile (KBUILD_RUSTFLAGS starts with
// it; scripts/Makefile.build compiles a module's crate with KBUILD_RUSTFLAGS
// and adds no lint of its own). `kport verify` passes the same flags to rustc,
// so a port that is clean under verify is clean in a kernel build;
// CONFIG_WERROR=y adds `-Dwarnings` (KBUILD_RUSTFLAGS-$(CONFIG_WERROR), moved
// to scripts/Makefile.extrawarn later), which is `kport verify --werror`.
//
// History of the rustc lints in `rust_common_flags` (Makefile):
// - 6.1 (the first Rust, 2f7ab1267dc9 "Kbuild: add Rust support"):
//   `-Dunsafe_op_in_unsafe_fn -Drust_2018_idioms -Dunreachable_pub
//   -Dnon_ascii_idents -Wmissing_docs`: the first four are errors in every build.
// - 6.11: f8f88aa25a03 "rust: relax most deny-level lints to warnings"
//   (Miguel Ojeda, lore 20240709160615.998336-5-ojeda@kernel.org; also in 6.6.y
//   stable from 6.6.70): `-Dunsafe_op_in_unsafe_fn -Dnon_ascii_idents
//   -Wrust_2018_idioms -Wunreachable_pub -Wmissing_docs`.
// - 6.12 at the latest: "rust: allow `stable_features` lint" (Miguel Ojeda,
//   lore 20240827100403.376389-1-ojeda@kernel.org) adds `-Astable_features`.
// No later change to the rustc (non-tool) lints is known up to the mainline
// the `mainline` profile models; the lint list changed since only in clippy's.
//
// Left out, on purpose:
// - the `-W`/`-D`/`-A clippy::...` flags (in rust_common_flags, and
//   `-Wclippy::float_arithmetic` in KBUILD_RUSTFLAGS): they only act when the
//   kernel is built with `make CLIPPY=1` (RUSTC_OR_CLIPPY is then clippy-driver);
//   a plain build, CONFIG_WERROR or not, runs rustc and never reports them.
//   `kport verify` runs rustc the same way.
// - the `rustdoc::...` lints (`missing_crate_level_docs`, `unescaped_backticks`):
//   only `make rustdoc` runs rustdoc, and modules are not documented by it.
import type { ProfileId } from './profiles.ts';

export interface KernelLints {
  /** The rustc flags, in the Makefile's order. */
  flags: readonly string[];
  /** The release and commit the list is read from. */
  source: string;
}

/** From 6.12 (every profile kport's verify stub covers). */
const LINTS_6_12: KernelLints = {
  flags: ['-Astable_features', '-Dunsafe_op_in_unsafe_fn', '-Dnon_ascii_idents', '-Wrust_2018_idioms', '-Wunreachable_pub', '-Wmissing_docs'],
  source: 'Makefile rust_common_flags: f8f88aa25a03 "rust: relax most deny-level lints to warnings" (6.11), "rust: allow `stable_features` lint" (6.12 at the latest)',
};

/** 6.1 to 6.10: the idiom and visibility lints are errors on every build. */
const LINTS_6_1: KernelLints = {
  flags: ['-Dunsafe_op_in_unsafe_fn', '-Drust_2018_idioms', '-Dunreachable_pub', '-Dnon_ascii_idents', '-Wmissing_docs'],
  source: 'Makefile rust_common_flags as 2f7ab1267dc9 "Kbuild: add Rust support" (6.1) wrote it, to 6.10',
};

/**
 * Per profile: the flags every release of its range accepts a port under. The
 * v6.10 profile (6.10 to 6.12) takes 6.10's: what 6.10 denies fails there.
 */
export const KERNEL_LINTS: Record<ProfileId, KernelLints> = {
  mainline: LINTS_6_12,
  'v6.19': LINTS_6_12,
  'v6.17': LINTS_6_12,
  'v6.15': LINTS_6_12,
  'v6.13': LINTS_6_12,
  'v6.10': LINTS_6_1,
  'v6.1': LINTS_6_1,
};

/** The lints rustc is given for `profile` (what `kport verify` passes). */
export function kernelLintFlags(profile: ProfileId): readonly string[] {
  return KERNEL_LINTS[profile].flags;
}

/**
 * The lints of rustc's groups the kernel names (`rustc -W help`, rustc 1.95):
 * `rust_2018_idioms` is bare_trait_objects, unused_extern_crates,
 * ellipsis_inclusive_range_patterns, elided_lifetimes_in_paths and
 * explicit_outlives_requirements.
 */
const GROUPS: Record<string, readonly string[]> = {
  rust_2018_idioms: ['bare_trait_objects', 'unused_extern_crates', 'ellipsis_inclusive_range_patterns', 'elided_lifetimes_in_paths', 'explicit_outlives_requirements'],
};

/**
 * The lint a rustc warning names, when the kernel's flags for `profile` are what
 * turn it into a warning (`-W` in `rust_common_flags`, or a member of a group
 * given there): the flag that does, e.g. `-Wunreachable_pub`; undefined for
 * rustc's own default warnings (`unused_variables`, `dead_code`).
 */
export function kernelLintFlag(profile: ProfileId, lint: string): string | undefined {
  for (const f of kernelLintFlags(profile)) {
    const m = /^-W(.+)$/.exec(f);
    if (!m) continue;
    if (m[1] === lint || GROUPS[m[1]]?.includes(lint)) return f;
  }
  return undefined;
}
