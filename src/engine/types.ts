// The shared vocabulary of kport: what a transform sees and what it may record.
import type Parser from 'tree-sitter';
import type { EditRecorder } from './edits.ts';
import type { QueryGroup } from './queries.ts';
import type { ProfileId, Profile } from '../kernel-api/profiles.ts';
import type { CrateModel, CrateModelView } from '../crate/model.ts';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

export type Severity = 'error' | 'warning' | 'note';

/** A 1-based line and column (column counted in characters of the line). */
export interface Position {
  line: number;
  column: number;
}

export interface Suggestion {
  /** Offsets into the file's text as kport read it (after BOM removal). */
  start: number;
  end: number;
  replacement: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the base the run reports against (as it appears in the diff). */
  file: string;
  start: Position;
  end: Position;
  help?: string;
  suggestion?: Suggestion;
  /** The transform that reported it, when one did. */
  source?: string;
}

/** What a transform reports, before the pipeline adds the file and the positions. */
export interface Report {
  code: string;
  /** Defaults to the catalogue's severity for the code. */
  severity?: Severity;
  message: string;
  /** The node (or an explicit range in the pass's text) the report is about. */
  node?: SyntaxNode;
  range?: { start: number; end: number };
  help?: string;
  suggestion?: string;
}

export interface CodeInfo {
  code: string;
  severity: Severity;
  /** One line, no final full stop. */
  title: string;
  /** Long form for `kport explain`, with a before/after example where one exists. */
  explanation: string;
}

/** Facts about the crate that transforms may read (never write). */
export interface CrateInfo {
  /** Absolute folder the crate (or loose file set) lives in. */
  root: string;
  /** Cargo.toml `[package] name`, when there is one. */
  packageName?: string;
  /** Module name the port will use (sanitised). */
  moduleName: string;
  authors: string[];
  description?: string;
  license: string;
  /** Where each piece of module metadata came from ("--author", "Cargo.toml", "default", ...), shown in a note. */
  metadataSources?: Partial<Record<'moduleName' | 'authors' | 'description' | 'license', string>>;
  /** Cargo.toml `[package] license` as written (SPDX), when there is one. */
  manifestLicense?: string;
  /** Relative paths of the crate root files (main.rs / lib.rs), if known. */
  rootFiles: string[];
  /** `[dependencies]` names from Cargo.toml. */
  dependencies: string[];
  /** `[package.metadata.kport]` table, raw. */
  metadata: Record<string, unknown>;
  /** Free-form options from the command line that transforms may consult. */
  options: Record<string, unknown>;
}

export interface FileContext {
  /** Path relative to the crate root, with `/` separators. */
  readonly path: string;
  /** The text this pass was given (LF line endings, no BOM). */
  readonly text: string;
  readonly tree: Tree;
  readonly profile: Profile;
  readonly crate: CrateInfo;
  /** True when the file is a crate root (main.rs, lib.rs, or a loose file). */
  readonly isCrateRoot: boolean;
  /** Record a replacement of [start, end) with `text`; start === end inserts. */
  readonly edits: EditRecorder;
  report(r: Report): void;
  /** Ask for a crate-level support file (created once per crate, whoever asks). */
  addFile(relPath: string, contents: string): void;
  /** The crate as a whole (module tree, declared types, index), as its files are now; read-only (src/crate/model.ts). */
  readonly model: CrateModelView;
  /**
   * The matches of the running transform's declared query `name`
   * (`Transform.queries`) on this file's tree, as `query(source).matches(root)`
   * would return them; a fresh array for each call.
   */
  matches(name: string): QueryMatch[];
}

export type QueryMatch = Parser.QueryMatch;

export interface CrateContext {
  readonly files: readonly FileContext[];
  readonly profile: Profile;
  readonly crate: CrateInfo;
  /** The crate model of `files`; its file numbers are indexes into `files`. */
  readonly model: CrateModel;
  addFile(relPath: string, contents: string): void;
}

interface TransformBase {
  /** kebab-case; also the file name under transforms/ and the golden folder. */
  id: string;
  /**
   * One sentence, capitalised, ending with a full stop. The long documentation,
   * whose example is the golden case golden/<id>/00-docs-example, is the page
   * docs/transforms/<id>.md (test/transform-docs.test.ts).
   */
  summary: string;
  /** Profiles it applies to. */
  profiles: ProfileId[];
  /** `safe` edits are meaning-preserving; `suggestion` ones only report. */
  safety: 'safe' | 'suggestion';
  /** Diagnostic codes this transform may report. */
  codes?: CodeInfo[];
  /**
   * Plain texts one of which must occur in a file for the transform to have
   * anything to do in it: the engine does not run a file transform on a file
   * that contains none of them, nor a crate transform on a unit none of whose
   * files contains one (its queries are then not run either). Leave it out to
   * run on every file.
   */
  words?: readonly string[];
  /**
   * The transform's tree-sitter queries by name. The engine runs the declared
   * queries of all the transforms of a phase as one combined query per file
   * (one walk of the tree) and hands each transform its own query's matches
   * on the file's root: `ctx.matches(name)`.
   */
  queries?: Readonly<Record<string, string>>;
  /**
   * The shared analyses' query groups the transform reads (through the crate
   * model or an analysis): their queries join the phase's one walk of each
   * file the transform runs on, instead of a walk of their own.
   */
  uses?: readonly QueryGroup[];
}

export interface FileTransform extends TransformBase {
  scope: 'file';
  /** Cheap exact pre-filter on the text: false means run() would do nothing. */
  applies?(text: string, ctx: { profile: Profile; crate: CrateInfo; isCrateRoot: boolean }): boolean;
  run(ctx: FileContext): void;
}

export interface CrateTransform extends TransformBase {
  scope: 'crate';
  /** Cheap exact pre-filter on the options: false means run() would do nothing (its queries are then not run either). */
  applies?(ctx: { profile: Profile; crate: CrateInfo }): boolean;
  run(ctx: CrateContext): void;
}

export type Transform = FileTransform | CrateTransform;
