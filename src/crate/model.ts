// The crate model: what kport knows about a crate as a whole, built from the
// trees the pipeline already has and read-only to transforms (`ctx.model` on
// FileContext and CrateContext). It holds the module tree (with `#[path]`,
// the computation discovery uses too: src/crate/mod-tree.ts), the declared
// types (struct and variant fields, function signatures: src/crate/tables.ts)
// that the vector resolver reads, the methods, structs and enums the crate
// defines, and the crate index (items, impls, traits, uses and call
// resolution: src/crate/crate-index.ts). Everything is built on first use and
// kept while the crate's texts stay the same: the engine's ModelKeeper hands
// every pass the model of the files as they are then, reusing the previous
// one when no text changed and each unchanged file's tables when some did.
import { declareQueries } from '../engine/queries.ts';
import type { SyntaxNode, Tree } from '../engine/types.ts';
import { Resolver } from '../analysis/vec-resolver.ts';
import { CrateIndex } from './crate-index.ts';
import { crateMethods } from './crate-methods.ts';
import { crateRootsOf, moduleEdges, moduleKeys, type ModEdge } from './mod-tree.ts';
import { EMPTY_TABLES, fileTables, mergeTables, type DeclTables } from './tables.ts';
import { treeCache } from '../engine/tree-caches.ts';

/** One file as the model sees it. */
export interface ModelFile {
  /** Path relative to the crate root, with `/` separators. */
  readonly path: string;
  readonly text: string;
  readonly tree: Tree;
  readonly isCrateRoot: boolean;
}

export interface ModuleTree {
  /** Per file: the files its `mod name;` declarations name. */
  edges: ModEdge[][];
  /** Per file: its module key (`a::b`, '' for a crate root). */
  keys: string[];
  /** Per file: the crate roots whose module tree holds it (see crateRootsOf). */
  rootsOf: number[][];
}

/** Where a struct or enum of the crate is defined; `node` is null when the name is defined more than once. */
export interface TypeDef {
  file: number;
  node: SyntaxNode | null;
}

const QUERIES = declareQueries('crate-model', { defs: '[(struct_item name: (type_identifier) @n) (enum_item name: (type_identifier) @n)] @def' });
const defsByTree = treeCache<{ name: string; node: SyntaxNode }[]>();

/** How often each part was built, for test/crate-model.test.ts (file tables: src/crate/tables.ts tableStats). */
export const modelStats = { models: 0, tables: 0, indexes: 0, moduleTrees: 0 };

/** What transforms read: the model's methods (a CrateModel, or the engine's view of the current one). */
export type CrateModelView = Pick<CrateModel, 'files' | 'tables' | 'resolver' | 'modules' | 'methodNames' | 'typeDefinitions' | 'index'>;

export class CrateModel {
  private tablesMemo?: DeclTables;
  private indexMemo?: CrateIndex;
  private modulesMemo?: ModuleTree;
  private methodsMemo?: Set<string>;
  private defsMemo?: Map<string, TypeDef>;

  constructor(readonly files: readonly ModelFile[]) {
    modelStats.models++;
  }

  /** The declared types of the whole crate (struct fields, signatures), merged over the files in order. */
  tables(): DeclTables {
    if (!this.tablesMemo) {
      modelStats.tables++;
      this.tablesMemo = mergeTables(this.files.map((f) => fileTables(f.tree)));
    }
    return this.tablesMemo;
  }

  /** A vector resolver for one file of the crate: its own declarations win over same-named ones elsewhere. */
  resolver(file: { tree: Tree }): Resolver {
    return new Resolver(this.tables(), fileTables(file.tree));
  }

  /** The module tree: declarations, module keys and crate roots, computed once. */
  modules(): ModuleTree {
    if (!this.modulesMemo) {
      modelStats.moduleTrees++;
      const edges = moduleEdges(this.files);
      this.modulesMemo = { edges, keys: moduleKeys(this.files, edges), rootsOf: crateRootsOf(this.files, edges) };
    }
    return this.modulesMemo;
  }

  /** Names of the methods the crate defines (in an impl or a trait). */
  methodNames(): Set<string> {
    return (this.methodsMemo ??= crateMethods(this.files));
  }

  /** The structs and enums of the crate by name (each file's list built once per tree). */
  typeDefinitions(): Map<string, TypeDef> {
    if (!this.defsMemo) {
      const defs = new Map<string, TypeDef>();
      this.files.forEach((f, file) => {
        let list = defsByTree.get(f.tree);
        if (!list) {
          list = QUERIES.matches('defs', f.tree.rootNode)
            .map((m) => ({ name: m.captures.find((c) => c.name === 'n')!.node.text, node: m.captures.find((c) => c.name === 'def')!.node }));
          defsByTree.set(f.tree, list);
        }
        for (const { name, node } of list) defs.set(name, defs.has(name) ? { file, node: null } : { file, node });
      });
      this.defsMemo = defs;
    }
    return this.defsMemo;
  }

  /** The crate index: items, impls, traits, uses and the resolution of every call. Its file numbers are indexes into `files`. */
  index(): CrateIndex {
    if (!this.indexMemo) {
      modelStats.indexes++;
      this.indexMemo = new CrateIndex(this.files, this.modules().keys);
    }
    return this.indexMemo;
  }
}

/** A resolver that knows only the file's own declarations (their tables are the model's, built once per tree); for file passes, which need no other file. */
export function fileResolver(file: { tree: Tree }): Resolver {
  return new Resolver(EMPTY_TABLES, fileTables(file.tree));
}

/**
 * The engine's side: the model of the crate's files as they are now. A model
 * is reused while every file has the same tree (a tree is never edited: a new
 * text gets a new tree), so it is built once per text state of the crate.
 */
export class ModelKeeper {
  private last?: CrateModel;

  /**
   * The model as a file pass sees it: nothing is looked at until a method is
   * called, and then it is the model of the files as they are at that moment
   * (reading it from a file pass parses the files earlier passes changed).
   */
  readonly live: CrateModelView;

  /** `current`: the crate's files as they are when asked (parsing those whose text changed). */
  constructor(current: () => readonly ModelFile[]) {
    const now = () => this.at(current());
    this.live = {
      get files() {
        return now().files;
      },
      tables: () => now().tables(),
      resolver: (file) => now().resolver(file),
      modules: () => now().modules(),
      methodNames: () => now().methodNames(),
      typeDefinitions: () => now().typeDefinitions(),
      index: () => now().index(),
    };
  }

  /** Let the last model go (its files' trees were retired); the next question builds one. */
  forget(): void {
    this.last = undefined;
  }

  at(files: readonly ModelFile[]): CrateModel {
    const last = this.last;
    if (last && last.files.length === files.length && last.files.every((f, i) => f.tree === files[i].tree && f.path === files[i].path && f.isCrateRoot === files[i].isCrateRoot)) return last;
    return (this.last = new CrateModel(files.map((f) => ({ path: f.path, text: f.text, tree: f.tree, isCrateRoot: f.isCrateRoot }))));
  }
}
