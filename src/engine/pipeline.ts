// read → parse → transforms in order → verify. Produces new texts and
// diagnostics; writing is the patcher's job.
import { EditRecorder, OverlapError, applyEdits, sortAndCheck, type Edit } from './edits.ts';
import { OffsetMap } from './offsets.ts';
import { collectGarbage, releaseTrees } from './memory.ts';
import { FileBudgetExceeded, enter, own, resume, startMeter, stopMeter } from './budget.ts';
import { lineRegions, type LineRegion } from './line-regions.ts';
import { parse, errorRanges, countErrors, editTree, forbiddenRanges, freezeTree, freshTree, reparse } from './parse.ts';
import { expectQueries, matchesOnRoot } from './queries.ts';
import { positionAt, lineStartsOf } from './positions.ts';
import { defaultSeverity } from './codes.ts';
import { suppressUnit } from './suppress.ts';
import type { Profile } from '../kernel-api/profiles.ts';
import type { SourceFile } from './source.ts';
import type { CrateInfo, CrateTransform, Diagnostic, FileContext, FileTransform, Report, Transform, Tree } from './types.ts';
import type { Unit } from '../crate/discover.ts';
import { retireTree } from './tree-caches.ts';
import { ModelKeeper } from '../crate/model.ts';
import { checkOutput } from './invariants.ts';
import { decodeSource, encodeSource } from './source.ts';
import path from 'node:path';

export interface FileResult {
  src: SourceFile;
  /** Final text (LF, no BOM); equals src.text when nothing changed or the port failed. */
  text: string;
  changed: boolean;
  /** Set when the file's port was abandoned (overlap, verification); its text is the original. */
  failure?: string;
  /** Why it was abandoned: a transform threw, two edits overlapped, or an output check failed. */
  failureKind?: FailureKind;
  /** The changed lines, from the edits (src/engine/line-regions.ts); the patcher diffs only these. */
  regions?: LineRegion[];
}

export type FailureKind = 'exception' | 'overlap' | 'syntax' | 'invariant' | 'idempotence';

export interface NewFile {
  /** Path relative to the crate root. */
  rel: string;
  contents: string;
}

export interface UnitResult {
  unit: Unit;
  files: FileResult[];
  newFiles: NewFile[];
  diagnostics: Diagnostic[];
}

export interface RunOptions {
  profile: Profile;
  /** The transforms, in order. */
  transforms: readonly Transform[];
  /**
   * The phase of each transform (src/cli/registry.ts): consecutive transforms
   * of one phase see the same text and tree, and their edits are merged
   * (src/engine/pipeline.ts `phasesOf`). Without it each transform is a phase
   * of its own.
   */
  phaseOf?: (t: Transform) => string | undefined;
  /** Prefix (relative to the run's base folder) put before crate-relative paths in diagnostics. */
  displayPrefix?: string;
  /**
   * Run the transforms a second time on the output and abandon (K0001) every
   * file that changes again. Off by default because it doubles the work; the
   * tests, the fuzz suite and the corpus script turn it on.
   */
  checkIdempotence?: boolean;
  /**
   * Seconds of transform time one file may use (`--file-timeout`): a file
   * over it is refused (K0007) and the unit runs again without it, as for
   * K0004. Unset or 0: no limit.
   */
  fileTimeout?: number;
  /** Hears which file (crate-relative path) a file transform is about to run on, for the progress line. */
  onFile?: (rel: string) => void;
}

interface LiveFile {
  src: SourceFile;
  text: string;
  /**
   * The tree of `text`, what transforms see. Frozen: query results on it are
   * shared. When a phase changed the text, its edits are applied to this tree
   * (`editTree`) once the phase is over, and the next phase that needs a tree
   * re-parses incrementally against it: only what changed is parsed again.
   */
  tree: Tree | undefined;
  /** True when `text` changed since `tree` was parsed (and `tree` is then stale, edited or not, or gone). */
  stale: boolean;
  /** Whether the stale `tree` was edited to match `text`, so an incremental re-parse can use it. */
  edited: boolean;
  offsets: OffsetMap;
  originalErrors: number;
  failure?: string;
  failureKind?: FailureKind;
  isCrateRoot: boolean;
  lineStarts: number[];
  /** Some transform's edit was refused for touching a syntax error. */
  refusedEdits: boolean;
}

/**
 * kport cannot see the code inside a syntax error (tree-sitter-rust 0.24 does
 * not know some newer syntax, such as Rust 2024 `unsafe extern` blocks), so a
 * port of a file that has one and needs changes would be partial: rewritten
 * code next to code it never read, an import it could not place. Such a file is
 * refused (K0004, an error) and left as it is, and the unit is ported again
 * without it, so nothing that depends on it is generated: no propagation into
 * it, no compat module declared in it, no module scaffolding for the crate
 * (the module would include the unported file). A file with syntax errors that
 * needs no change keeps them with a warning (K0002): it may be newer syntax
 * rustc accepts, and kport adds nothing to it.
 */
export function runUnit(unit: Unit, opts: RunOptions): UnitResult {
  const steps = unitSteps(unit, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `runUnit`, giving the event loop a turn after each phase so the trees
 * the passes left behind are freed as the run goes (src/engine/memory.ts): one large
 * crate no longer holds every tree it ever parsed until it ends.
 */
export async function runUnitAsync(unit: Unit, opts: RunOptions, onPass?: (passes: number) => void): Promise<UnitResult> {
  const steps = unitSteps(unit, opts);
  // Passes done, for the progress line (src/cli/progress.ts).
  let passes = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value === 'collect') await releaseTrees(true);
    else if (r.value === 'again' || r.value === 'free') await releaseTrees('always');
    else if (r.value === 'tick') await releaseTrees();
    else {
      onPass?.(++passes);
      await releaseTrees();
    }
  }
}

/**
 * Why the run pauses: a phase is over (undefined); the phases' trees were let
 * go before the verifier's parses ('collect', or 'free' with a large file); a run is over and the unit is
 * about to be parsed again ('again': its trees must be freed first, or the
 * unit's trees are twice in memory); the verifier checked a file ('tick': its
 * fresh tree is garbage now, freed once enough text went through the parser);
 * a large file a phase changed let its tree go before the next phase, or the
 * phases let its tree go ('free': collect now, so the fresh parse and the
 * phase's work, or the verifier's, do not run beside the old tree).
 */
type Pause = void | 'collect' | 'again' | 'tick' | 'free';

/** A file this large that a phase changed lets its tree go, and the run waits for it to be freed ('free') before parsing it afresh; so does the verifier. */
const LARGE_FILE = 256 * 1024;
/** After a file transform on a file this large, a full collection (src/engine/memory.ts `collectGarbage`). */
const HUGE_FILE = 1024 * 1024;

/**
 * The run, pausing (yield) after each phase.
 *
 * A refusal must hold on the output too, or a second run would change it: a
 * file can need a change only because of edits in other files (propagation
 * makes a function fallible, and the refused file calls it), and once those
 * edits are in, a run on the output no longer wants to change the file, keeps
 * it (K0002) and adds the module scaffolding the first run left out. So when
 * the run without the refused files changed something, the unit is run once
 * more on that output with the refused files as they are (`refusedOnOutput`);
 * if no file is refused there, the scaffolding is kept (the refused files are
 * still left unchanged, K0004, with nothing propagated into them).
 */
function* unitSteps(unit: Unit, opts: RunOptions): Generator<Pause, UnitResult, void> {
  const refused = new Map<SourceFile, Refusal>();
  let scaffold = false;
  for (let run = 0; ; run++) {
    const noModule = refused.size > 0 && !scaffold;
    const rest = refused.size ? { ...unit, files: unit.files.filter((f) => !refused.has(f)), crate: noModule ? { ...unit.crate, options: { ...unit.crate.options, noModule: true } } : unit.crate } : unit;
    // A run after another first frees the last one's trees (the unit is parsed again).
    if (run > 0) yield 'again';
    const { result, unparsable } = yield* runOnce(rest, opts);
    if (unparsable.length) {
      for (const u of unparsable) refused.set(u.src, u);
      // A new refusal is checked on the output again before the scaffolding is kept.
      scaffold = false;
      continue;
    }
    if (refused.size === 0) return result;
    if (noModule && !unit.crate.options.noModule && result.files.some((f) => f.changed) && ![...refused.values()].some((r) => r.budget !== undefined) && !(yield* refusedOnOutput(unit, result, opts))) {
      scaffold = true;
      continue;
    }
    return withRefused(unit, result, refused, opts, scaffold);
  }
}

/** Whether a run on `r`'s output, the files `r` left out put back as they are, still refuses a file. */
function* refusedOnOutput(unit: Unit, r: UnitResult, opts: RunOptions): Generator<Pause, boolean, void> {
  const byFile = new Map(r.files.map((f) => [f.src, f]));
  const files = unit.files.map((src) => {
    const f = byFile.get(src);
    return f?.changed ? decodeSource(src.abs, src.rel, encodeSource(src, f.text), src.mode) : src;
  });
  yield 'again';
  const { unparsable } = yield* runOnce({ ...unit, files, warnings: [], trees: undefined }, { ...opts, checkIdempotence: false });
  return unparsable.length > 0;
}

/** The result of a run without the refused files, with them put back unchanged and K0004 reported at each one's first syntax error. */
function withRefused(unit: Unit, r: UnitResult, refused: ReadonlyMap<SourceFile, Refusal>, opts: RunOptions, scaffold: boolean): UnitResult {
  const prefix = opts.displayPrefix ?? '';
  const display = (rel: string) => (prefix ? path.posix.join(prefix, rel) : rel);
  const byFile = new Map(r.files.map((f) => [f.src, f]));
  const ds: Diagnostic[] = [];
  for (const [src, e] of refused) {
    if (e.budget !== undefined) {
      ds.push(overBudgetDiagnostic(display(src.rel), e.budget));
      continue;
    }
    const starts = lineStartsOf(src.text);
    ds.push({
      code: 'K0004',
      severity: defaultSeverity('K0004', undefined),
      message: `syntax error${e.count > 1 ? ` (and ${e.count - 1} more)` : ''} in a file kport needs to change: kport cannot read the code around ${e.count > 1 ? 'them' : 'it'}, so it left the whole file unchanged and ${
        scaffold
          ? 'propagated nothing into it (the module scaffolding was kept: the file needed changes only because of changes in other files, and a run on the output would not refuse it)'
          : 'generated nothing that depends on it (no module scaffolding, no propagation into it)'
      }`,
      file: display(src.rel),
      start: positionAt(src.text, e.start, starts),
      end: positionAt(src.text, e.end, starts),
      help: 'fix the syntax error, or, if it is newer Rust syntax that kport cannot parse (such as `unsafe extern` blocks), move that code into a file kport has nothing to change in; then run kport again',
    });
  }
  const shown = unit.files.filter((f) => refused.has(f)).map((f) => ({ file: display(f.rel), text: f.text }));
  return {
    ...r,
    unit,
    files: unit.files.map((src) => byFile.get(src) ?? { src, text: src.text, changed: false }),
    diagnostics: [...suppressUnit(ds, shown, unit.crate), ...r.diagnostics],
  };
}

/** K0007: the file used up its time budget and was left out. */
function overBudgetDiagnostic(file: string, seconds: number): Diagnostic {
  return {
    code: 'K0007',
    severity: defaultSeverity('K0007', undefined),
    message: `kport's transforms used more than the per-file budget of ${seconds} s on this file: it left the whole file unchanged and ported the rest of the crate without it (nothing propagated into it, no module scaffolding)`,
    file,
    start: { line: 1, column: 1 },
    end: { line: 1, column: 1 },
    help: 'raise the budget with --file-timeout SECONDS (0: no limit), or split the file; please report a file that takes this long, it is a bug in kport',
  };
}

/** A file left out of the unit: at its first syntax error (K0004), or after it used its time budget (K0007, `budget` seconds). */
type Refusal = { start: number; end: number; count: number; budget?: number };
type Once = { result: UnitResult; unparsable: ({ src: SourceFile } & Refusal)[] };

/** One run of the unit, metered by the per-file budget (src/engine/budget.ts) when `opts.fileTimeout` is set. */
function* runOnce(unit: Unit, opts: RunOptions): Generator<Pause, Once, void> {
  const meter = startMeter(opts.fileTimeout);
  try {
    return yield* runMetered(unit, opts);
  } finally {
    stopMeter(meter);
  }
}

function* runMetered(unit: Unit, opts: RunOptions): Generator<Pause, Once, void> {
  const prefix = opts.displayPrefix ?? '';
  const display = (rel: string) => (prefix ? path.posix.join(prefix, rel) : rel);
  const diagnostics: Diagnostic[] = [];
  const newFiles = new Map<string, NewFile>();
  const live: LiveFile[] = unit.files.map((src) => {
    // Discovery already parsed the files it followed `mod` declarations through.
    const tree = freezeTree(unit.trees?.get(src) ?? parse(src.text));
    own(tree, src);
    // The pipeline owns it now: discovery's map must not keep it alive once a pass replaces it.
    unit.trees?.delete(src);
    return {
      src,
      text: src.text,
      tree,
      stale: false,
      edited: false,
      offsets: new OffsetMap(),
      originalErrors: countErrors(tree),
      isCrateRoot: unit.crate.rootFiles.includes(src.rel),
      lineStarts: lineStartsOf(src.text),
      refusedEdits: false,
    };
  });

  for (const w of unit.warnings) {
    diagnostics.push({
      code: 'K0003',
      severity: 'warning',
      message: w.message,
      file: display(w.file),
      start: { line: 1, column: 1 },
      end: { line: 1, column: 1 },
    });
  }
  // The tree a pass sees: parsed again only when the text changed since, incrementally when the old tree was edited.
  const viewOf = (f: LiveFile): Tree => {
    if (f.stale) {
      const tree = freezeTree(reparse(f.text, f.edited ? f.tree : undefined));
      own(tree, f.src);
      f.tree = tree;
      f.stale = false;
      f.edited = false;
    }
    return f.tree!;
  };

  const firstErrors = new Map<LiveFile, { start: number; end: number; count: number }>();
  /** Whether a file with syntax errors is refused: kport changed it, or wanted to change it inside an error. */
  const refusable = (f: LiveFile) => f.text !== f.src.text || f.refusedEdits;
  /** The files with syntax errors that are still in the run. */
  const erroneous = () => live.filter((f) => f.originalErrors > 0 && !f.failure);
  const unparsableOf = (fs: LiveFile[]) => fs.map((f) => ({ src: f.src, ...firstErrors.get(f)! }));
  for (const f of live) {
    const errs = errorRanges(f.tree!);
    if (errs.length) {
      // Where the file stops parsing: past the clean items tree-sitter often wraps in one ERROR with the mistake.
      const first = forbiddenRanges(f.tree!)[0] ?? errs[0];
      firstErrors.set(f, { start: first.start, end: first.end, count: errs.length });
      diagnostics.push({
        code: 'K0002',
        severity: defaultSeverity('K0002', undefined),
        message: `syntax error${errs.length > 1 ? ` (and ${errs.length - 1} more)` : ''} in a file kport has nothing to change in: left as it is (the code inside ${errs.length > 1 ? 'them' : 'it'} was not read)`,
        file: display(f.src.rel),
        start: positionAt(f.src.text, first.start, f.lineStarts),
        end: positionAt(f.src.text, first.end, f.lineStarts),
      });
    }
  }

  const addFile = (rel: string, contents: string) => {
    // A new file lives inside the crate folder: a relative, normalised path without `..`.
    if (typeof rel !== 'string' || rel === '' || path.posix.isAbsolute(rel) || rel.includes('\\') || path.posix.normalize(rel) !== rel || rel.split('/').includes('..')) {
      throw new Error(`new file path ${JSON.stringify(rel)} is not a plain path inside the crate`);
    }
    const prev = newFiles.get(rel);
    if (prev && prev.contents !== contents) throw new Error(`two different contents requested for new file ${rel}`);
    newFiles.set(rel, { rel, contents });
  };

  // The crate model (src/crate/model.ts): built on first use, rebuilt only after a text changed.
  const current = () => live.filter((f) => !f.failure).map((f) => ({ path: f.src.rel, text: f.text, isCrateRoot: f.isCrateRoot, tree: viewOf(f) }));
  let models = new ModelKeeper(current);

  const makeContext = (f: LiveFile, t: Transform, expected: readonly string[]): FileContext => {
    const tree = viewOf(f);
    // What this phase will ask of the tree: one walk answers it all, when the first query is asked.
    expectQueries(tree, expected);
    const forbidden = forbiddenRanges(tree);
    const edits = new EditRecorder(f.text, t.id, forbidden);
    const text = f.text;
    const report = (r: Report) => {
      const start = r.node ? r.node.startIndex : r.range ? r.range.start : 0;
      const end = r.node ? r.node.endIndex : r.range ? r.range.end : start;
      const os = f.offsets.toOriginal(start);
      const oe = Math.max(os, f.offsets.toOriginal(end));
      diagnostics.push({
        code: r.code,
        severity: r.severity ?? defaultSeverity(r.code, t.codes),
        message: r.message,
        file: display(f.src.rel),
        start: positionAt(f.src.text, os, f.lineStarts),
        end: positionAt(f.src.text, oe, f.lineStarts),
        ...(r.help ? { help: r.help } : {}),
        ...(r.suggestion !== undefined ? { suggestion: { start: os, end: oe, replacement: r.suggestion } } : {}),
        source: t.id,
      });
    };
    return {
      path: f.src.rel,
      text,
      tree,
      profile: opts.profile,
      crate: unit.crate,
      isCrateRoot: f.isCrateRoot,
      edits,
      report,
      addFile,
      model: models.live,
      matches: (name: string) => {
        const source = t.queries?.[name];
        if (source === undefined) throw new Error(`${t.id} asked for query ${JSON.stringify(name)}, which it does not declare`);
        return matchesOnRoot(tree, source);
      },
    };
  };

  /**
   * Merge the edits a phase recorded on one file (each transform's recorder,
   * in phase order) against the text the phase began with, check them for
   * overlap and apply them: one new text, parsed again only when the next
   * phase (or the verifier) needs its tree.
   */
  const commit = (f: LiveFile, recorded: readonly { t: Transform; ctx: FileContext }[]) => {
    if (f.failure) return;
    const all: Edit[] = [];
    for (const { ctx } of recorded) {
      // Before the size check: a transform whose every edit touched a syntax error recorded none, and the file is still refused.
      if (ctx.edits.refused.length) f.refusedEdits = true;
      if (ctx.edits.size === 0) continue;
      // Insertions at one point keep the phase order, then each transform's recording order.
      for (const e of ctx.edits.edits) all.push({ ...e, seq: all.length });
    }
    if (all.length === 0) return;
    let sorted: Edit[];
    try {
      sorted = sortAndCheck(all);
    } catch (e) {
      if (!(e instanceof OverlapError)) throw e;
      fail(f, `internal error in ${e.b.by}: ${e.message}`, 'overlap', e.b.start);
      return;
    }
    // The re-parse waits until a phase needs the tree. The phase is over, so nobody
    // reads the old tree again: it is edited to match the new text, for an incremental re-parse.
    const before = f.text;
    f.text = applyEdits(f.text, sorted);
    // The phase's tree is now only the base of the next incremental parse: what the
    // analyses remember about it goes, and so does the crate model built from it.
    if (f.tree && !f.stale) {
      retireTree(f.tree);
      models.forget();
    }
    // A large file's tree is let go before the next phase (parsed afresh): no use editing it.
    if (f.tree && (!f.stale || f.edited) && f.text.length < LARGE_FILE) {
      try {
        editTree(f.tree, before, f.text, sorted);
        f.edited = true;
      } catch {
        // The edits do not account for the text (editTree left the tree alone): parse afresh.
        f.edited = false;
      }
    }
    f.stale = true;
    f.offsets.push(sorted);
  };

  const fail = (f: LiveFile, why: string, kind: FailureKind, at = 0) => {
    f.failure = why;
    f.failureKind = kind;
    const os = Math.min(f.offsets.toOriginal(at), f.src.text.length);
    diagnostics.push({
      code: 'K0001',
      severity: 'error',
      message: `${why}; the file was left unchanged`,
      file: display(f.src.rel),
      start: positionAt(f.src.text, os, f.lineStarts),
      end: positionAt(f.src.text, os, f.lineStarts),
    });
    f.text = f.src.text;
  };

  const filterCtx = { profile: opts.profile, crate: unit.crate };
  /** Whether a file transform has anything to do in a file: its words (any of them), then its own pre-filter. */
  const wants = (t: FileTransform, f: LiveFile) =>
    (!t.words || t.words.some((w) => hasWord(f, w))) && (!t.applies || t.applies(f.text, { ...filterCtx, isCrateRoot: f.isCrateRoot }));

  /** Whether a crate transform has anything to do in the unit: its pre-filter on the options, then its words (in any file). */
  const crateWants = (t: CrateTransform) =>
    (!t.applies || t.applies(filterCtx)) && (!t.words || live.some((f) => !f.failure && t.words!.some((w) => hasWord(f, w))));
  // Whether a file's text, as it is now, contains a word: each word is looked for once per text (transforms share words).
  const wordsSeen = new Map<LiveFile, { text: string; has: Map<string, boolean> }>();
  const hasWord = (f: LiveFile, w: string): boolean => {
    let seen = wordsSeen.get(f);
    if (!seen || seen.text !== f.text) wordsSeen.set(f, (seen = { text: f.text, has: new Map() }));
    let has = seen.has.get(w);
    if (has === undefined) seen.has.set(w, (has = f.text.includes(w)));
    return has;
  };

  const spent: ({ src: SourceFile } & Refusal)[] = [];
  /** Whether `e` is the budget meter stopping a file (src/engine/budget.ts); the file is then refused after this phase. */
  const overBudget = (e: unknown): boolean => {
    if (!(e instanceof FileBudgetExceeded)) return false;
    const f = live.find((x) => x.src === e.owner);
    if (!f) return false;
    if (!spent.some((x) => x.src === f.src)) spent.push({ src: f.src, start: 0, end: 0, count: 0, budget: e.seconds });
    f.failure = e.message;
    return true;
  };
  /**
   * One phase: its members run on the files, their edits are merged. A function of its own, not
   * the generator's body: what the phase made (contexts, their trees and query results) must not
   * outlive it in the generator's saved registers while the run pauses.
   */
  const runPhase = (inProfile: Transform[]): void => {
    // A crate transform with nothing to do in the unit sits the phase out, and its queries with it.
    const members = inProfile.filter((t) => t.scope === 'file' || crateWants(t));
    // Who runs on which file this phase, decided on the text the phase begins with.
    const runs = new Map<LiveFile, Transform[]>();
    for (const f of live) {
      if (f.failure) continue;
      runs.set(f, members.filter((t) => t.scope === 'crate' || wants(t, f)));
    }
    // Per file: the declared queries of every member that runs on it and of the shared analyses they use (src/engine/queries.ts).
    const expected = new Map<LiveFile, string[]>();
    const expectedOf = (f: LiveFile): string[] => {
      let e = expected.get(f);
      if (!e) expected.set(f, (e = (runs.get(f) ?? []).flatMap((t) => [...Object.values(t.queries ?? {}), ...(t.uses ?? []).flatMap((g) => g.all)])));
      return e;
    };
    const recorded = new Map<LiveFile, { t: Transform; ctx: FileContext }[]>();
    const record = (f: LiveFile, t: Transform, ctx: FileContext) => {
      let r = recorded.get(f);
      if (!r) recorded.set(f, (r = []));
      r.push({ t, ctx });
    };
    for (const t of members) {
      if (t.scope === 'file') {
        for (const f of live) {
          if (f.failure || !runs.get(f)?.includes(t)) continue;
          enter(f.src);
          opts.onFile?.(f.src.rel);
          try {
            const ctx = makeContext(f, t, expectedOf(f));
            t.run(ctx);
            record(f, t, ctx);
            if (f.text.length >= HUGE_FILE) collectGarbage();
          } catch (e) {
            // A transform that throws abandons this file only, like an overlap.
            if (!overBudget(e)) fail(f, `internal error in ${t.id}: ${describe(e)}`, 'exception');
          }
        }
      } else {
        enter('crate');
        const pairs = live.filter((f) => !f.failure).map((f) => [f, makeContext(f, t, expectedOf(f))] as const);
        try {
          const files = pairs.map(([, c]) => c);
          t.run({ files, profile: opts.profile, crate: unit.crate, addFile, model: models.at(files) });
        } catch (e) {
          if (!overBudget(e)) for (const [f] of pairs) fail(f, `internal error in ${t.id}: ${describe(e)}`, 'exception');
          continue;
        }
        for (const [f, ctx] of pairs) record(f, t, ctx);
        if (pairs.some(([f]) => f.text.length >= HUGE_FILE)) collectGarbage();
      }
    }
    for (const [f, r] of recorded) {
      try {
        commit(f, r);
      } catch (e) {
        fail(f, `internal error in ${r[r.length - 1].t.id}: ${describe(e)}`, 'exception');
      }
    }
  };

  for (const phase of phasesOf(opts.transforms, opts.phaseOf)) {
    const inProfile = phase.filter((t) => t.profiles.includes(opts.profile.id));
    if (inProfile.length === 0) continue;
    // A large file changed by the last phase lets its old tree go, and the run pauses to free it
    // (and its macro arguments' trees) before the file is parsed afresh: an incremental re-parse
    // would need the old tree alive beside the new one, and a phase that changed most of a large
    // file leaves little for it to reuse (src/engine/memory.ts).
    const large = live.filter((f) => !f.failure && f.stale && f.tree && f.text.length >= LARGE_FILE);
    if (large.length) {
      for (const f of large) {
        f.tree = undefined;
        f.edited = false;
      }
      yield 'free';
      resume();
    }
    runPhase(inProfile);
    enter(undefined);
    // Files over their time budget: refused (runUnit), the unit runs again without them.
    if (spent.length) return { result: { unit, files: [], newFiles: [], diagnostics: [] }, unparsable: spent };
    // Every file with syntax errors is already refused (changed, or an edit inside an error): the
    // run's result would be thrown away, so the rest of its phases are not run.
    const withErrors = erroneous();
    if (withErrors.length && withErrors.every(refusable)) return { result: { unit, files: [], newFiles: [], diagnostics: [] }, unparsable: unparsableOf(withErrors) };
    yield;
    resume();
  }

  // The phases are over: let their trees go before the verifier parses each changed file afresh
  // (a pause that collects, src/engine/memory.ts), so a large file's last tree and its fresh one
  // are not both alive.
  for (const f of live) {
    f.tree = undefined;
    f.stale = true;
    f.edited = false;
  }
  // The last model holds the trees too (nothing asks for a model after the phases).
  models = new ModelKeeper(current);
  yield live.some((f) => f.text.length >= LARGE_FILE) ? 'free' : 'collect';
  resume();

  // Files with syntax errors that kport changed, or wanted to change inside an error: refused (runUnit).
  const unparsable = unparsableOf(erroneous().filter(refusable));
  if (unparsable.length) return { result: { unit, files: [], newFiles: [], diagnostics: [] }, unparsable };

  // Verify: never hand back a file that parses worse than it came in.
  for (const f of live) {
    if (f.failure || f.text === f.src.text) continue;
    // A fresh parse of the output, not the incremental tree of the last phase: the safety check trusts it.
    const after = countErrors(freshTree(f.text));
    if (after > f.originalErrors) {
      fail(f, `internal error: the rewritten file has ${after} syntax error(s), the input had ${f.originalErrors}`, 'syntax');
      continue;
    }
    const broken = checkOutput(f.src, f.text);
    if (broken.length) fail(f, `internal error: ${broken.map((v) => v.message).join('; ')}`, 'invariant');
    yield 'tick';
  }

  if (opts.checkIdempotence && live.some((f) => !f.failure && f.text !== f.src.text)) {
    const files = live.map((f) => decodeSource(f.src.abs, f.src.rel, encodeSource(f.src, f.failure ? f.src.text : f.text), f.src.mode));
    const again = runUnit({ ...unit, files, warnings: [] }, { ...opts, checkIdempotence: false });
    again.files.forEach((g, i) => {
      const f = live[i];
      if (!f.failure && g.text !== g.src.text) fail(f, 'internal error: a second run changes the output again (the port is not idempotent)', 'idempotence');
    });
  }

  const result: UnitResult = {
    unit,
    files: live.map((f) => {
      const changed = !f.failure && f.text !== f.src.text;
      return {
        src: f.src,
        text: f.failure ? f.src.text : f.text,
        changed,
        ...(changed ? { regions: lineRegions(f.offsets, f.src.text, f.text) } : {}),
        ...(f.failure ? { failure: f.failure, failureKind: f.failureKind } : {}),
      };
    }),
    newFiles: [...newFiles.values()].sort((a, b) => a.rel.localeCompare(b.rel)),
    // `// kport-allow: K0601`, `#[cfg_attr(any(), allow(kport::K0601))]`, [package.metadata.kport] allow.
    diagnostics: suppressUnit(diagnostics, live.map((f) => ({ file: display(f.src.rel), text: f.src.text })), unit.crate),
  };
  return { result, unparsable: [] };
}

/**
 * The transforms grouped into phases: runs of consecutive transforms with the
 * same phase name; a transform without one is a phase of its own.
 */
export function phasesOf(transforms: readonly Transform[], phaseOf?: (t: Transform) => string | undefined): Transform[][] {
  const out: Transform[][] = [];
  let last: string | undefined;
  for (const t of transforms) {
    const name = phaseOf?.(t);
    if (name !== undefined && name === last) out[out.length - 1].push(t);
    else out.push([t]);
    last = name;
  }
  return out;
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    // The first frame says where; enough to reproduce without a stack dump in the diagnostics.
    const frame = e.stack?.split('\n').find((l) => /^\s+at /.test(l))?.trim();
    return `${e.name}: ${e.message}${frame ? ` (${frame})` : ''}`;
  }
  return String(e);
}

export type { CrateInfo };
