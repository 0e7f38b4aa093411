// The pure half of `npm run book` (scripts/book.ts): which listings qualify,
// how a rustc error in a ported file is traced back to the input line kport
// reports against, and how each error is classified. No file system, no
// rustc: test/book.test.ts runs these on small synthetic inputs.
//
// Definitions (the numbers README quotes):
//
// - selected: a listing folder with Cargo.toml and src/main.rs whose manifest
//   declares no dependencies (`[dependencies]`, `[build-dependencies]`, or
//   `[target.*.dependencies]`; dev-dependencies only serve tests) and whose
//   src/main.rs (with its modules) passes `rustc --edition 2021
//   --emit=metadata`. That is: userspace programs rustc alone builds.
// - compiles: the port type-checks against kport's kernel stub (`kport
//   verify`, mainline profile): no rustc error.
// - silent error: a rustc error in the port whose line traces back (see
//   `lineMap`) to input lines on which kport reported no diagnostic of any
//   severity. silent lines: distinct (listing, file, input anchor) among the
//   silent errors. An error in a file kport created (kport_compat.rs) is
//   always silent: nothing of the input stands for it. A file kport refused
//   (K0004: syntax errors in a file it had to change; left unported, its
//   error says so) counts as reported on every line.
// - claimed clean but fails: kport reported no error-level diagnostic for the
//   listing, yet the port does not type-check.
// - propagation miss: a rustc error that comes from fallibility not carried
//   through (the input compiled, so any `Result` in these came from a
//   signature kport changed or a kernel API that returns `Result` where std's
//   did not):
//     `?`-in-infallible  E0277 "the `?` operator can only be used in a
//                        function/closure that returns `Result`": a `?` in a
//                        function kport did not make return Result;
//     `?`-on-non-result  E0277 "the `?` operator can only be applied to values
//                        that implement `Try`": a `?` on a call that is not
//                        fallible;
//     result-as-value    a `Result` used where its value was meant (a fallible
//                        call without `?`) or a value where a `Result` is now
//                        due (a function made fallible whose tail or `return`
//                        was not wrapped in `Ok`): E0308 with a `Result` on
//                        exactly one side of expected/found, or E0277, E0369,
//                        E0599, E0600, E0608, E0609, E0610, E0614 whose message
//                        or primary label names a `Result` type.
//   Not counted: E0308 with `Result` on both sides, and E0277 "`?` couldn't
//   convert the error": those are the error type story (issue 15 item 3),
//   classified `error-type`.
import { diffArrays } from 'diff';
import { parse as parseToml } from 'smol-toml';

// ---------------------------------------------------------------- selection

/** Why a listing's manifest rules it out, or undefined when it may qualify (rustc decides the rest). */
export function manifestRejection(cargoToml: string): string | undefined {
  let data: Record<string, unknown>;
  try {
    data = parseToml(cargoToml) as Record<string, unknown>;
  } catch {
    return 'unreadable Cargo.toml';
  }
  const nonEmpty = (t: unknown) => !!t && typeof t === 'object' && Object.keys(t).length > 0;
  if (nonEmpty(data.dependencies)) return 'has dependencies';
  if (nonEmpty(data['build-dependencies'])) return 'has build-dependencies';
  const target = data.target;
  if (target && typeof target === 'object') {
    for (const t of Object.values(target as Record<string, Record<string, unknown>>)) {
      if (nonEmpty(t?.dependencies) || nonEmpty(t?.['build-dependencies'])) return 'has target dependencies';
    }
  }
  if (data.workspace && !data.package) return 'a workspace root';
  return undefined;
}

/** Whether a folder's file list (relative POSIX paths) looks like a binary crate. */
export function isBinaryCrate(files: readonly string[]): boolean {
  return files.includes('Cargo.toml') && files.includes('src/main.rs');
}

// ---------------------------------------------------------------- line mapping

/**
 * Where a line of the ported file comes from in the input file: input lines
 * `lo..hi` (1-based, inclusive), named by `anchor` the way
 * test/e2e-examples.test.ts names them (`L12`, `L12-L14`, `after-L12`).
 *
 * The lines are aligned in two rounds, whitespace ignored (module-entry
 * re-indents main's body into `init`, and those lines are still the input's):
 * 1. exact matches of significant lines (a Myers diff in which blank lines and
 *    lines of brackets alone never match, so they cannot pull the alignment
 *    off: a plain line diff pairs the input's blank lines with the blank lines
 *    of the `module!` block kport inserts, and everything after shifts);
 * 2. in each gap between two exact matches, an order-keeping alignment that
 *    maximises similarity: a line kport rewrote (`println!(..)` →
 *    `pr_info!(..)`, `Vec<T>` → `KVec<T>`, `.collect()` →
 *    `.try_collect(GFP_KERNEL)?`) pairs with the input line it came from when
 *    their tokens agree enough (Dice coefficient ≥ 0.5); equal bracket and
 *    blank lines pair with a low weight.
 * Then each ported line maps to:
 * - a paired line: that input line (lo = hi);
 * - an unpaired line with unpaired input lines in the same stretch (between two
 *   pairs): that whole input stretch, since kport rewrote those lines
 *   together and a report on any of them is a report on the edit
 *   (`fn main() {` becoming `module!`, the struct and `fn init` is one);
 * - an unpaired line with no input line of its own (an insertion, such as
 *   `use kernel::prelude::*;` or an `Ok(())` tail): both neighbouring input
 *   lines (clipped to the file), since kport reports an insertion at the
 *   construct that caused it, next to it; `inserted` is set.
 */
export interface InputRange {
  lo: number;
  hi: number;
  anchor: string;
  inserted?: boolean;
}

const TRIVIAL = /^[\s{}()[\];,]*$/;
const tokens = (line: string) => line.match(/[A-Za-z_][A-Za-z0-9_]*|\d+|\S/g) ?? [];

function similarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const count = new Map<string, number>();
  for (const t of a) count.set(t, (count.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const n = count.get(t) ?? 0;
    if (n > 0) {
      common++;
      count.set(t, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Pairs (old index, new index) of an order-keeping alignment of two gaps that maximises the summed weight. */
function alignGap(olds: string[], news: string[]): [number, number][] {
  const n = olds.length;
  const m = news.length;
  if (!n || !m || n * m > 400_000) return [];
  const ot = olds.map(tokens);
  const nt = news.map(tokens);
  const weight = (i: number, j: number) => {
    if (olds[i] === news[j]) return TRIVIAL.test(olds[i]) ? 0.25 : 1;
    if (TRIVIAL.test(olds[i]) || TRIVIAL.test(news[j])) return 0;
    const s = similarity(ot[i], nt[j]);
    return s >= 0.5 ? s : 0;
  };
  const dp = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const w = weight(i - 1, j - 1);
      dp[i][j] = Math.max(dp[i - 1][j], dp[i][j - 1], w > 0 ? dp[i - 1][j - 1] + w : 0);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (dp[i][j] === dp[i - 1][j]) i--;
    else if (dp[i][j] === dp[i][j - 1]) j--;
    else {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}

/** For every line of `newText` (1-based index), the input range it comes from. */
export function lineMap(oldText: string, newText: string): InputRange[] {
  const split = (t: string) => (t === '' ? [] : (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n').map((l) => l.trim()));
  const olds = split(oldText);
  const news = split(newText);
  // Round 1: trivial lines get keys that match nothing.
  const key = (l: string, side: string, i: number) => (TRIVIAL.test(l) ? `\0${side}${i}` : l);
  const pairs: [number, number][] = [];
  let o = 0;
  let n = 0;
  for (const part of diffArrays(olds.map((l, i) => key(l, 'o', i)), news.map((l, i) => key(l, 'n', i)))) {
    const c = part.count ?? part.value.length;
    if (part.added) n += c;
    else if (part.removed) o += c;
    else {
      for (let k = 0; k < c; k++) pairs.push([o + k, n + k]);
      o += c;
      n += c;
    }
  }
  // Round 2: inside each gap between exact pairs.
  const all: [number, number][] = [];
  let po = -1;
  let pn = -1;
  for (const [eo, en] of [...pairs, [olds.length, news.length] as [number, number]]) {
    for (const [go, gn] of alignGap(olds.slice(po + 1, eo), news.slice(pn + 1, en))) all.push([po + 1 + go, pn + 1 + gn]);
    if (eo < olds.length) all.push([eo, en]);
    po = eo;
    pn = en;
  }
  // Each stretch between two pairs: its new lines map to its old lines, or to the neighbours.
  const out: InputRange[] = [];
  po = -1;
  pn = -1;
  for (const [eo, en] of [...all, [olds.length, news.length] as [number, number]]) {
    const lo = po + 2; // first unpaired old line of the stretch, 1-based
    const hi = eo; // last one (eo is the 0-based index of the next pair)
    const count = en - pn - 1;
    for (let k = 0; k < count; k++) {
      const line = pn + 2 + k;
      if (hi >= lo) out[line] = hi - lo + 1 === count ? { lo: lo + k, hi: lo + k, anchor: `L${lo + k}` } : { lo, hi, anchor: hi > lo ? `L${lo}-L${hi}` : `L${lo}` };
      else {
        const a = Math.max(1, lo - 1);
        out[line] = { lo: a, hi: Math.max(a, Math.min(lo, olds.length)), anchor: `after-L${lo - 1}`, inserted: true };
      }
    }
    if (eo < olds.length) out[en + 1] = { lo: eo + 1, hi: eo + 1, anchor: `L${eo + 1}` };
    po = eo;
    pn = en;
  }
  return out;
}

// ---------------------------------------------------------------- classification

export type Kind = 'propagation' | 'error-type' | 'other';

/** rustc's code (`E0308`) from a K0801 message (`E0308: mismatched types`). */
export function rustcCode(message: string): string {
  return /^(E\d{4}):/.exec(message)?.[1] ?? '-';
}

const RESULT = /`(?:[\w:]*::)?Result<|`(?:[\w:]*::)?Result`/;
const RESULT_VALUE_CODES = new Set(['E0277', 'E0369', 'E0599', 'E0600', 'E0608', 'E0609', 'E0610', 'E0614']);

/**
 * Classify one rustc error of a port. `detail` is rustc's primary span label
 * and notes (VerifyResult.details), where `expected X, found Y` is said.
 * Returns the kind and, for propagation misses, which of the three (header).
 */
export function classify(message: string, detail: string): { kind: Kind; why?: string } {
  const code = rustcCode(message);
  if (code === 'E0277' && /the `\?` operator can only be used in/.test(message)) return { kind: 'propagation', why: '?-in-infallible' };
  if (code === 'E0277' && /the `\?` operator can only be applied to values that implement `Try`/.test(message)) return { kind: 'propagation', why: '?-on-non-result' };
  if (code === 'E0277' && /`\?` couldn't convert the error/.test(message)) return { kind: 'error-type' };
  const label = detail.split('\n')[0] ?? '';
  if (code === 'E0308') {
    const m = /expected (?:.*?)`(.+?)`, found (?:.*?)`(.+?)`/.exec(label) ?? /expected [^`]*`(.+?)`\s+found [^`]*`(.+?)`/s.exec(detail);
    if (m) {
      const e = RESULT.test('`' + m[1] + '`');
      const f = RESULT.test('`' + m[2] + '`');
      if (e && f) return { kind: 'error-type' };
      if (e || f) return { kind: 'propagation', why: 'result-as-value' };
    }
    return { kind: 'other' };
  }
  if (RESULT_VALUE_CODES.has(code) && (RESULT.test(message) || RESULT.test(label))) return { kind: 'propagation', why: 'result-as-value' };
  return { kind: 'other' };
}

// ---------------------------------------------------------------- one listing

export interface Position {
  line: number;
  column: number;
}

/** A diagnostic as kport and the verifier report it (src/engine/types.ts Diagnostic, the fields used here). */
export interface Diag {
  code: string;
  severity: string;
  message: string;
  file: string;
  start: Position;
  end: Position;
}

export interface ErrorRow {
  code: string;
  message: string;
  file: string;
  /** Line in the ported file. */
  portedLine: number;
  /** Input lines it traces back to (null: a file kport created, or no position). */
  inputLines: [number, number] | null;
  anchor: string;
  kind: Kind;
  why?: string;
  /** kport's diagnostics (any severity) on those input lines: `K0601 warning`. */
  kportOnLine: string[];
  /** No kport diagnostic of any severity on those lines. */
  silent: boolean;
  /** No error-level kport diagnostic on those lines (the e2e contract). */
  noErrorAtLine: boolean;
}

export interface ListingResult {
  listing: string;
  compiles: boolean;
  kportErrors: number;
  kportDiagnostics: number;
  errors: ErrorRow[];
  silentLines: number;
  claimedCleanButFails: boolean;
  propagationMisses: number;
  /** Set when kport or the verifier refused the listing (then nothing else is meaningful). */
  refused?: string;
}

export interface ListingInput {
  listing: string;
  /** Input files' text by path relative to the crate (`src/main.rs`). */
  inputs: Map<string, string>;
  /** Ported files' text by the same paths (files kport created included). */
  outputs: Map<string, string>;
  kport: Diag[];
  rustc: Diag[];
  /** Same index as `rustc`: VerifyResult.details. */
  details: string[];
  /** Ported path → input path for files the port renames (the crate root becomes `src/<module>.rs`). */
  renames?: Map<string, string>;
}

/** Trace every rustc error back, decide silent / claimed clean / propagation. */
export function measureListing(x: ListingInput): ListingResult {
  const maps = new Map<string, InputRange[]>();
  const mapOf = (file: string) => {
    let m = maps.get(file);
    if (!m) {
      m = lineMap(x.inputs.get(file) ?? '', x.outputs.get(file) ?? '');
      maps.set(file, m);
    }
    return m;
  };
  const kportErrors = x.kport.filter((d) => d.severity === 'error').length;
  const errors: ErrorRow[] = x.rustc.map((r0, i) => {
    // rustc names the ported file; kport and this measure name the input's path.
    const e = { ...r0, file: x.renames?.get(r0.file) ?? r0.file };
    const { kind, why } = classify(e.message, x.details[i] ?? '');
    const base = { code: rustcCode(e.message), message: e.message, file: e.file, portedLine: e.start.line, kind, ...(why ? { why } : {}) };
    if (e.file === '.' || e.file === '') {
      // rustc gave no position: counted as reported when kport reported any error at all.
      return { ...base, inputLines: null, anchor: 'no-position', kportOnLine: [], silent: kportErrors === 0, noErrorAtLine: kportErrors === 0 };
    }
    // A file neither ported nor created (this measure could not place it): silent, so it shows.
    if (!x.outputs.has(e.file)) return { ...base, inputLines: null, anchor: 'unknown-file', kportOnLine: [], silent: true, noErrorAtLine: true };
    if (!x.inputs.has(e.file)) return { ...base, inputLines: null, anchor: 'new-file', kportOnLine: [], silent: true, noErrorAtLine: true };
    const r = mapOf(e.file)[e.start.line] ?? { lo: e.start.line, hi: e.start.line, anchor: `new-L${e.start.line}` };
    // K0004: the whole file was refused, so every error in it is the one kport reported.
    const on = x.kport.filter((d) => d.file === e.file && ((d.start.line <= r.hi && d.end.line >= r.lo) || d.code === 'K0004'));
    return {
      ...base,
      inputLines: [r.lo, r.hi] as [number, number],
      anchor: r.anchor,
      kportOnLine: on.map((d) => `${d.code} ${d.severity}`),
      silent: on.length === 0,
      noErrorAtLine: !on.some((d) => d.severity === 'error'),
    };
  });
  const silentKeys = new Set(errors.filter((e) => e.silent).map((e) => `${e.file}:${e.anchor}`));
  return {
    listing: x.listing,
    compiles: x.rustc.length === 0,
    kportErrors,
    kportDiagnostics: x.kport.length,
    errors,
    silentLines: silentKeys.size,
    claimedCleanButFails: kportErrors === 0 && x.rustc.length > 0,
    propagationMisses: errors.filter((e) => e.kind === 'propagation').length,
  };
}

// ---------------------------------------------------------------- summary

export interface Summary {
  selected: number;
  refused: number;
  compiles: number;
  rustcErrors: number;
  silentErrors: number;
  silentLines: number;
  listingsWithSilentLines: number;
  claimedCleanButFails: number;
  propagationMisses: number;
  errorsNotAtErrorDiagnostic: number;
  /** Listings that do not type-check after the port. */
  failing: number;
  /** Of those, the ones with an error-level kport diagnostic at the line of every rustc error (each blocking line reported). */
  failingReported: number;
}

export function summarize(rs: readonly ListingResult[]): Summary {
  const ok = rs.filter((r) => !r.refused);
  const sum = (f: (r: ListingResult) => number) => ok.reduce((a, r) => a + f(r), 0);
  return {
    selected: rs.length,
    refused: rs.length - ok.length,
    compiles: ok.filter((r) => r.compiles).length,
    rustcErrors: sum((r) => r.errors.length),
    silentErrors: sum((r) => r.errors.filter((e) => e.silent).length),
    silentLines: sum((r) => r.silentLines),
    listingsWithSilentLines: ok.filter((r) => r.silentLines > 0).length,
    claimedCleanButFails: ok.filter((r) => r.claimedCleanButFails).length,
    propagationMisses: sum((r) => r.propagationMisses),
    errorsNotAtErrorDiagnostic: sum((r) => r.errors.filter((e) => e.noErrorAtLine).length),
    failing: ok.filter((r) => !r.compiles).length,
    failingReported: ok.filter((r) => !r.compiles && r.errors.length > 0 && r.errors.every((e) => !e.noErrorAtLine)).length,
  };
}

/** Silent errors and claimed-clean failures grouped by rustc code and the message with its names blanked: the to-do list. */
export function groupCauses(rs: readonly ListingResult[], pick: (r: ListingResult, e: ErrorRow) => boolean): { key: string; count: number; listings: string[] }[] {
  const groups = new Map<string, { count: number; listings: Set<string> }>();
  for (const r of rs) {
    for (const e of r.errors) {
      if (!pick(r, e)) continue;
      const key = `${e.code} ${e.message.replace(/^E\d{4}: /, '').replace(/`[^`]*`/g, '`_`')}`;
      const g = groups.get(key) ?? { count: 0, listings: new Set<string>() };
      g.count++;
      g.listings.add(r.listing);
      groups.set(key, g);
    }
  }
  return [...groups].map(([key, g]) => ({ key, count: g.count, listings: [...g.listings] })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
