// The compat module as data: pieces of Rust that kport puts into
// `kport_compat.rs` (beside each crate root that needs it) when ported code
// uses them. A compat type is a few pieces (the type with its trait impls,
// each inherent method, a macro, an extension trait), written once per
// kernel API profile, each naming the kernel API it is built on. The module
// holds exactly the pieces the port uses (and what they need), so it defines
// nothing rustc's `dead_code` lint would flag; alloc-compat assembles it and
// adds the `use` lines (transforms/alloc-compat.ts).
//
// A new compat type is one more file here, listed in src/compat/registry.ts,
// plus the transform that rewrites code to it: nothing else changes.
import type { Profile } from '../kernel-api/profiles.ts';
import type { SyntaxNode } from '../engine/types.ts';
import type { Ty } from '../analysis/vec-resolver.ts';

/** A method call found in ported code: `recv.name(args..)`. */
export interface MethodUse {
  name: string;
  /** Number of arguments. */
  args: number;
  recv: SyntaxNode;
}

/** What one file of the ported crate uses, as far as the pieces need to know. */
export interface CompatScan {
  /** Identifiers in type position or as the first segment of a path, among the registry's names (`KString`). */
  names: ReadonlySet<string>;
  /** `Type::name` paths whose first segment is one of the registry's names (`KString::new`). */
  paths: ReadonlySet<string>;
  /** Macros invoked by a single name (`kformat`). */
  macros: ReadonlySet<string>;
  /** Calls of the registry's method names. */
  methods: readonly MethodUse[];
  /** The declared type of a receiver, as src/analysis/vec-resolver.ts reads it. */
  typeOf(n: SyntaxNode): Ty;
  /** Whether the file gives `name` its own meaning (defines it, or imports it from elsewhere than std or the compat module): a user type `Map` is not the compat one. */
  own(name: string): boolean;
  /** Whether `name` in the file can be std's (imported from std, or written `std::rc::Rc`): a compat type sharing a std name (`Rc`) is not meant then. */
  std(name: string): boolean;
}

/** A piece's Rust for one profile. */
export interface PieceText {
  /** Paths the module `use`s for it (`kernel::prelude::*`); merged and sorted over the module. */
  uses: readonly string[];
  /** The item(s), or for a method the `fn` inside its owner's `impl` block. */
  text: string;
}

export interface CompatPiece {
  /** Unique: `KString`, `KString::push_str`, `kformat`, `ToKString`. */
  id: string;
  /** For an inherent method: the type whose `impl` block holds it (that type is then a piece too). */
  owner?: string;
  /** For a generic type that owns methods: its parameters (`<K, V>`), for its `impl<K, V> Map<K, V>` block. */
  generics?: string;
  /** Other pieces its text needs (their ids). */
  requires?: readonly string[];
  /** What a file that uses the piece imports from the module (`use crate::kport_compat::{..}`); none for methods. */
  import?: string;
  /** Method names, type names and path heads `usedIn` looks at (they make up the scan's queries). */
  watch: { names?: readonly string[]; methods?: readonly string[]; macros?: readonly string[] };
  /** Whether a file uses it (it then imports `import`, and its crate's module holds the piece). */
  usedIn(scan: CompatScan): boolean;
  /** Its Rust on a profile; null where the profile's kernel API has no form for it. */
  text(profile: Profile): PieceText | null;
  /**
   * Statements of a `fn example() -> Result` that use the piece as ported code does
   * (on every profile that has it). test/compat-module.test.ts ports each through
   * alloc-compat and type-checks it against the kernel stub with the kernel's lints:
   * the module must hold what it needs and nothing rustc would warn about.
   */
  example: string;
}

/** The `//!` paragraph a compat item contributes to the module's header. */
export interface CompatItem {
  /** Item name, for docs (`KString`). */
  name: string;
  /** One paragraph of `//!` lines (without the `//! ` prefixes), said once per module that holds any of its pieces. */
  doc: string;
  pieces: readonly CompatPiece[];
}
