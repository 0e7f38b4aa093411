// What a kernel API profile changes relative to another (mainline by default):
// the lines `kport transforms --profile X` prints. Generic over the Profile
// record, so fields other passes add show up without changes here; the std
// path table is compared entry by entry.
import { PROFILES, type Profile, type ProfileId } from './profiles.ts';
import { lookup, type StdPathEntry, type StdPathTable, type StdTarget } from './std-paths.ts';

function describeTarget(t: StdTarget | undefined): string {
  if (!t) return '(no entry)';
  if (t.kind === 'path') return t.to;
  if (t.kind === 'prelude') return `kernel prelude \`${t.name}\` (import dropped)`;
  if (t.kind === 'owned') return `ported by ${t.by}`;
  return `reported (${t.code})`;
}

/** Where `std::<key>` ends up under `table`, following the longest entry that covers it. */
function effective(table: StdPathTable, key: string): string {
  const segs = key.split('::');
  const hit = lookup(table, segs);
  if (!hit) return '(no entry)';
  const t = hit.entry.target;
  if (t.kind === 'path') return [t.to, ...segs.slice(hit.depth)].join('::');
  return describeTarget(t);
}

function entryLine(root: string, a: StdPathTable, bt: StdPathTable, e: StdPathEntry | undefined, b: StdPathEntry | undefined, baseId: string): string[] {
  const key = (e ?? b)!.from;
  const from = `${root}::${key}`;
  const here = effective(a, key);
  const there = effective(bt, key);
  const since = e?.since ? ` (from ${e.since})` : '';
  if (here !== there) return [`  ${from}: ${here}${since} (${baseId}: ${there})`];
  if (e?.target.kind === 'none' && b?.target.kind === 'none' && e.target.help !== b.target.help) return [`  ${from}: help: ${e.target.help}`];
  if (since && e?.since !== b?.since) return [`  ${from}: ${here}${since}`];
  return [];
}

function stdPathLines(a: StdPathTable, b: StdPathTable, baseId: string): string[] {
  const out: string[] = [];
  const keys = [...new Set([...a.entries.map((e) => e.from), ...b.entries.map((e) => e.from)])];
  for (const k of keys) out.push(...entryLine('std', a, b, a.entries.find((e) => e.from === k), b.entries.find((e) => e.from === k), baseId));
  if (a.allocCrate !== b.allocCrate) out.push(`  extern crate alloc: ${a.allocCrate ? 'kept (the kernel links alloc)' : 'removed (no alloc crate)'} (${baseId}: ${b.allocCrate ? 'kept' : 'removed'})`);
  return out;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v.includes('\n') ? `(${v.split('\n').length} lines)` : v === '' ? '(none)' : v;
  return JSON.stringify(v) ?? 'undefined';
}

function deepLines(a: unknown, b: unknown, path: string, baseId: string, out: string[]): void {
  if (a === b) return;
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) deepLines(a[k], b[k], path ? `${path}.${k}` : k, baseId, out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  out.push(`  ${path}: ${show(a)} (${baseId}: ${show(b)})`);
}

/** Lines describing how `id` differs from `base`; empty when they are the same profile. */
export function profileDifferences(id: ProfileId, base: ProfileId = 'mainline'): string[] {
  if (id === base) return [];
  const a: Profile = PROFILES[id];
  const b: Profile = PROFILES[base];
  const out: string[] = [];
  const rest = (p: Profile) => {
    const { id: _i, kernels: _k, stdPaths: _s, ...r } = p;
    return r;
  };
  deepLines(rest(a), rest(b), '', base, out);
  out.push(...stdPathLines(a.stdPaths, b.stdPaths, base));
  return out;
}
