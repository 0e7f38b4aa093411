// std-paths: the roots it ports and the queries it declares (the engine runs them).

export const ROOTS = new Set(['std', 'alloc']);
// print-macros owns these; allocation owns `vec!` once it is unqualified.
export const PRINT_MACROS = new Set(['println', 'print', 'eprintln', 'eprint']);

export const ROOT_PATHS = `
  (scoped_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))
  (scoped_type_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))
  (scoped_identifier !path name: (identifier) @root (#match? @root "^(std|alloc)$"))
`;
export const USES = '(use_declaration argument: (_) @arg) @use';
export const EXTERN = '(extern_crate_declaration name: (identifier) @name) @decl';
export const LOCAL_MODS = '(mod_item name: (identifier) @name (#match? @name "^(std|alloc)$")) @mod';
export const TOKEN_ROOTS = '(token_tree (identifier) @id (#match? @id "^(std|alloc)$"))';
export const LOCAL_MACROS = '(macro_definition name: (identifier) @name)';
export const LOCAL_TYPES = `
  (struct_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (enum_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (type_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (trait_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
  (union_item name: (type_identifier) @n (#match? @n "^(Vec|Box)$"))
`;
/** Paths whose first segment is a plain name: those through a module imported from std are picked out by name. */
export const PATH_HEADS = `
  (scoped_identifier path: (identifier) @root)
  (scoped_type_identifier path: (identifier) @root)
`;

export const QUERIES = {
  uses: USES,
  extern: EXTERN,
  localMods: LOCAL_MODS,
  localMacros: LOCAL_MACROS,
  localTypes: LOCAL_TYPES,
  rootPaths: ROOT_PATHS,
  tokenRoots: TOKEN_ROOTS,
  pathHeads: PATH_HEADS,
};
