import { lineIndent, lineRemovalRange } from '../src/rewrite/remove-lines.ts';
import { EditGroup } from '../src/engine/edits.ts';
import { localNames } from '../src/analysis/localnames.ts';
import { fileRange } from '../src/analysis/macroargs.ts';
import { argsOf } from '../src/analysis/instant-flow.ts';
import { isTestCode } from '../src/analysis/testcode.ts';
import { renderUse, useLeaves, type UseLeaf } from '../src/rewrite/use-tree.ts';
import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import { TIME_CODES, type ClockApi, type TimeApi } from '../src/kernel-api/time.ts';
import type { CodeInfo, FileContext, FileTransform, SyntaxNode } from '../src/engine/types.ts';
import { bindings } from './time-api/bindings.ts';
import { byName, insideModule, qualify, usesConverted } from './time-api/imports.ts';
import { instantSites, planInstants } from './time-api/instants.ts';
import { adopt, key, newPlan, rangeOf, type Edits, type Plan, type Range } from './time-api/plan.ts';
import { sleepBinding, sleepSites } from './time-api/sleep.ts';
import { durationCtor } from './time-api/span.ts';
import { floatsAndWallClock } from './time-api/wall-clock.ts';
import { QUERIES } from './time-api/queries.ts';
/**
 * time-api: std clocks and sleeps become the profile's kernel time API.
 *
 *   use std::time::{Duration, Instant};       use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};
 *   let t = Instant::now();              →    let t = Instant::<Monotonic>::now();
 *   thread::sleep(Duration::from_millis(5));   fsleep(Delta::from_millis(5));
 *   println!("{}", t.elapsed().as_millis());   println!("{}", t.elapsed().as_millis());
 *
 * Instants are followed inside one function: a `let` bound to `Instant::now()`
 * may be reassigned `Instant::now()`, asked `.elapsed()`, subtracted from or
 * given to `duration_since` of another such binding. The elapsed time may be
 * compared with a `Duration::from_*` constant, asked `.as_millis()`/`.as_nanos()`
 * where the kernel's `i64` cannot be told from std's `u128` (a format argument,
 * an `as` cast, a comparison with a literal) or bound to a `let` used the same
 * ways. On a profile with an Instant type (mainline), a struct field, a
 * parameter, a return type or a `let` annotation written `Instant` is followed
 * across the file's items (time-api/slots.ts; the following itself is
 * src/analysis/instant-flow.ts). Any other use of a std `Instant` in
 * the file (`Option<Instant>`, an item other files see, a `{:?}`) leaves every
 * Instant of the file as written and is reported.
 */

function run(ctx: FileContext): void {
  const api: TimeApi = ctx.profile.time;
  const b = bindings(ctx);
  const names = new Set<string>();
  // The file's conversions (Instants, sleeps), recorded at the end with the imports as one group.
  const conv: Edits = { kernel: new EditGroup(ctx.text), verbatim: new EditGroup(ctx.text) };
  const reported = new Set<string>();
  const report = (range: Range, code: string, message: string, help: string) => {
    const k = `${key(range)}|${code}`;
    if (reported.has(k)) return;
    reported.add(k);
    ctx.report({ code, message, range, help });
  };
  const removeLeaves: { decl: SyntaxNode; leaf: UseLeaf }[] = [];
  let instantKept = false;
  const defined = localNames(ctx.tree).defined;
  const converted = new Set<string>();

  // Instants.
  const inst = instantSites(ctx, b, !!api.clock?.instantType);
  const instLeaves = b.leaves.filter((l) => l.what === 'instant' && !isTestCode(ctx.tree, l.decl));
  const anyInstant = inst.nows.length + inst.blockers.length + inst.paths.length + inst.types.length + instLeaves.length > 0;
  let instantNames = new Set<string>();
  if (anyInstant && !api.clock) {
    for (const l of instLeaves) report(fileRange(l.leaf.node, { root: ctx.tree.rootNode, shift: 0, text: '' }), TIME_CODES.noClock, `\`${l.leaf.segs.join('::')}\` has no kernel form on this profile`, api.clockHelp);
    for (const s of inst.paths) report(rangeOf(s), TIME_CODES.noClock, `\`${s.node.text}\` has no kernel form on this profile`, api.clockHelp);
    if (instLeaves.length + inst.paths.length === 0) for (const s of inst.nows) report(rangeOf(s), TIME_CODES.noClock, `\`${s.node.text}\` has no kernel form on this profile`, api.clockHelp);
  } else if (anyInstant && api.clock) {
    const p = newPlan(ctx, api.clock, b);
    const nows = planInstants(p, inst);
    if (p.blockers.length) {
      for (const x of p.blockers) report(x.range, x.code, x.message, x.help);
    } else if (nows.length || p.kernel.size + p.verbatim.size) {
      for (const s of nows) {
        conv.kernel.replace(fileRange(s.node, s.r), api.clock.now);
        const path = s.node.childForFieldName('function')?.childForFieldName('path');
        if (path) converted.add(key(fileRange(path, s.r)));
      }
      adopt(conv, p);
      for (const n of api.clock.nowNames) names.add(n);
      for (const n of p.names) names.add(n);
      for (const d of p.durations) converted.add(d);
      instantNames = new Set(api.clock.nowNames);
    }
  }

  // Sleeps.
  const sleeps = sleepSites(ctx, b);
  const bindingPlans = new Map<number, Plan & { applied?: boolean }>();
  for (const s of sleeps) {
    const range = fileRange(s.call, s.r);
    if (!api.sleep) {
      report(range, TIME_CODES.noSleep, `\`${s.fn.text}\` has no kernel form on this profile`, api.sleepHelp);
      continue;
    }
    const args = argsOf(s.call);
    const p = newPlan(ctx, api.clock ?? ({ methods: {}, sameType: [], spanTypeName: '', now: '', nowNames: [], source: '' } as ClockApi), b);
    const cantTrace = () =>
      report(range, TIME_CODES.sleepArg, `\`${s.fn.text}(..)\` sleeps for a \`Duration\` kport cannot trace to its constructor`, `build the kernel span where you sleep: \`${api.sleep!.fn.replace(/^.*::/, '')}(Delta::from_millis(ms))\` (rust/kernel/time/delay.rs; \`Delta\` takes i64 and has \`from_secs\`, \`from_millis\`, \`from_micros\`)`);
    if (args.length === 1 && args[0].type === 'identifier' && s.r.shift === 0) {
      // `let d = Duration::from_millis(n);` ... `sleep(d)`: the binding becomes a Delta when sleeping is all it does.
      const bound = sleepBinding(ctx, p, s, args[0].text, sleeps, bindingPlans);
      if (!bound) {
        cantTrace();
        continue;
      }
      if (bound.blockers.length) {
        for (const x of bound.blockers) report(x.range, TIME_CODES.sleepArg, x.message, x.help);
        continue;
      }
      if (!bound.applied) {
        bound.applied = true;
        adopt(p, bound);
        for (const n of bound.names) p.names.add(n);
        for (const d of bound.durations) p.durations.add(d);
      }
    } else if (args.length !== 1 || !durationCtor(p, { node: args[0], r: s.r })) {
      cantTrace();
      continue;
    }
    if (p.blockers.length) {
      for (const x of p.blockers) report(x.range, TIME_CODES.sleepArg, x.message, x.help);
      continue;
    }
    conv.kernel.replace(fileRange(s.fn, s.r), api.sleep.name);
    converted.add(key(fileRange(s.fn, s.r)));
    adopt(conv, p);
    names.add(api.sleep.fn);
    for (const n of p.names) names.add(n);
    for (const d of p.durations) converted.add(d);
  }

  floatsAndWallClock(ctx, b, api, report);

  // Imports: drop the std leaves whose every use was converted; import the kernel names.
  // An Instant import nothing uses goes too (on a profile with a clock): it names a std type.
  const unusedInstant = !!api.clock && inst.nows.length + inst.blockers.length + inst.paths.length + inst.types.length === 0 && instLeaves.length > 0;
  if (conv.kernel.size + conv.verbatim.size === 0 && !unusedInstant) return;
  for (const l of b.leaves) {
    if (l.what === 'wall' || isTestCode(ctx.tree, l.decl)) continue;
    const name = l.leaf.alias ?? (l.leaf.kind === 'self' ? l.leaf.segs[l.leaf.segs.length - 1] : l.leaf.segs[l.leaf.segs.length - 1]);
    const u = usesConverted(ctx, name, converted);
    // An Instant leaf no remaining code names goes whenever the profile has a clock, even if
    // its uses were paths that name it in full (`std::time::Instant::now()`): otherwise it
    // would go only on a second run, once those uses were converted.
    if (u.all && (u.any || (l.what === 'instant' && (unusedInstant || !!api.clock)))) removeLeaves.push(l);
    else if (l.what === 'instant' && instantNames.size) instantKept = true;
  }
  const fileLevel = (n: SyntaxNode) => {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'mod_item' || p.type === 'function_item' || p.type === 'block') return false;
    return true;
  };
  const importNames = [...names].map((n) => n.replace(/^.*::/, ''));
  const conflict = importNames.some((n) => defined.has(n) || localNames(ctx.tree).imported.has(n));
  const inModules = [...conv.kernel.pending, ...conv.verbatim.pending].some((e) => insideModule(ctx, e.start));
  const decls = [...new Map(removeLeaves.map((l) => [l.decl.id, l.decl])).values()].filter(fileLevel).sort((a, c) => a.startIndex - c.startIndex);
  const qualified = conflict || inModules || instantKept || decls.length === 0 || removeLeaves.some((l) => !fileLevel(l.decl));

  // By the declaration's id: a node is not one object each time it is asked for.
  const byDecl = new Map<number, { decl: SyntaxNode; drop: Set<number> }>();
  for (const l of removeLeaves) {
    if (!byDecl.has(l.decl.id)) byDecl.set(l.decl.id, { decl: l.decl, drop: new Set() });
    byDecl.get(l.decl.id)!.drop.add(l.leaf.node.id);
  }
  const newUse = qualified || names.size === 0 ? '' : `use kernel::time::${importNames.length === 1 ? [...names][0] : `{${[...names].sort(byName).join(', ')}}`};`;
  // One group: the conversions and the imports land whole or not at all.
  ctx.edits.group((g) => {
    for (const e of conv.kernel.pending) g.replace(e, qualified ? qualify(e.text, names) : e.text);
    for (const e of conv.verbatim.pending) g.replace(e, e.text);
    let placed = false;
    for (const { decl, drop } of [...byDecl.values()].sort((x, y) => x.decl.startIndex - y.decl.startIndex)) {
      const all = useLeaves(decl.childForFieldName('argument')!);
      const keep = new Set(all.filter((l) => !drop.has(l.node.id)).map((l) => l.node.id));
      const rest = renderUse(ctx.text, decl, keep);
      const place = !placed && newUse && decl.id === decls[0]?.id;
      if (place) placed = true;
      if (rest === null) {
        if (place) g.replace(decl, newUse);
        else g.remove(lineRemovalRange(ctx.text, decl.startIndex, decl.endIndex));
      } else {
        const indent = lineIndent(ctx.text, decl.startIndex);
        g.replace(decl, place ? `${rest}\n${indent}${newUse}` : rest);
      }
    }
  });
}

const codes: CodeInfo[] = [
  {
    code: TIME_CODES.noClock,
    severity: 'error',
    title: 'std::time::Instant has no kernel form on this profile',
    explanation: `The kernel's Rust clock types changed from release to release: \`Ktime\` (6.10-6.15),
\`Instant\` and \`Delta\` (6.16), \`Instant<C: ClockSource>\` with \`Monotonic\` (6.17 and later;
rust/kernel/time.rs). kport rewrites an Instant only when one form exists on every release
of the profile's range: \`mainline\` (6.19+) and \`v6.10\` (6.10-6.12, \`Ktime\`). On \`v6.13\`
(6.13-6.18) no single form builds on all of them; on \`v6.1\` (6.1-6.9) there is no clock type.

Before (v6.13):
    let t = std::time::Instant::now();
After (by hand, for 6.17 and 6.18):
    let t = kernel::time::Instant::<kernel::time::Monotonic>::now();`,
  },
  {
    code: TIME_CODES.noSleep,
    severity: 'error',
    title: 'std::thread::sleep has no kernel form on this profile',
    explanation: `The kernel's Rust sleep function, \`kernel::time::delay::fsleep(Delta)\`
(rust/kernel/time/delay.rs), arrived in 6.17. Before it there is no safe way to sleep from
Rust: restructure the wait as a timer or a work item, or target 6.17 and later
(\`--profile mainline\`).

Before:
    std::thread::sleep(Duration::from_millis(10));
After (by hand, 6.17 and later):
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(10));`,
  },
  {
    code: TIME_CODES.float,
    severity: 'error',
    title: 'a floating-point Duration method',
    explanation: `\`as_secs_f64\`, \`from_secs_f64\`, \`mul_f64\` and the other float forms of \`Duration\`
need floating point, which kernel code cannot use (the kernel saves no FPU state for it, and
\`core\` is built without float formatting). Count in integer units instead.

Before:
    let secs = t.elapsed().as_secs_f64();
After (by hand):
    let ms = t.elapsed().as_millis();`,
  },
  {
    code: TIME_CODES.wallClock,
    severity: 'error',
    title: 'wall-clock time (SystemTime, UNIX_EPOCH) has no kernel equivalent',
    explanation: `A module has no calendar time to format and no \`SystemTime\`. Measure intervals with
the monotonic clock; a raw wall-clock timestamp on mainline is
\`kernel::time::Instant::<kernel::time::RealTime>::now()\` (rust/kernel/time.rs), which is not
seconds since the epoch.

Before:
    let secs = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
After: decided by hand (usually: drop the timestamp, or use the monotonic clock).`,
  },
  {
    code: TIME_CODES.instantUse,
    severity: 'error',
    title: 'a use of std::time::Instant (or of an elapsed time) kport does not convert',
    explanation: `kport converts a file's Instants when it can follow each one inside its function:
\`let t = Instant::now();\`, \`t = Instant::now();\`, \`t.elapsed()\`, \`a - b\`,
\`a.duration_since(b)\`; and the elapsed time (a \`kernel::time::Delta\`, not a \`Duration\`)
only where its type cannot matter: compared with \`Duration::from_*(..)\` (rewritten to
\`Delta::from_*\`), \`.as_millis()\`/\`.as_nanos()\` (which return \`i64\` in the kernel and
\`u128\` in std) printed, cast with \`as\` or compared with a literal. On mainline an Instant
written as the type of a struct field, a parameter, a return type or a \`let\` is followed
across the file's items: it becomes \`Instant<Monotonic>\` when every value flowing into it
is a followed Instant and every use of it converts; a \`Duration\` slot of those kinds that
an elapsed time flows into becomes \`Delta\` the same way. What a file alone cannot decide is
reported, and the file's Instants are left as written: a field or function other files can
see (\`pub\`, or anything in a file that declares \`mod x;\`), a struct deriving more than
\`Clone\`/\`Copy\` (the kernel's \`Instant<C>\` has no \`Debug\`, \`Hash\` or \`Default\`;
rust/kernel/time.rs), \`Option<Instant>\` and other compound types, trait methods, a \`{:?}\`.

Before:
    #[derive(Debug)]
    struct Timer { start: Instant }
After: unchanged; drop the derive or implement \`Debug\` by hand, then the field becomes
\`start: kernel::time::Instant<kernel::time::Monotonic>\`.`,
  },
  {
    code: TIME_CODES.sleepArg,
    severity: 'error',
    title: 'a sleep whose Duration kport cannot convert',
    explanation: `\`thread::sleep(d)\` becomes \`fsleep(Delta)\` when \`d\` is written at the call as
\`Duration::from_secs\`, \`from_millis\` or \`from_micros\`; a Duration that comes from elsewhere
(a parameter, a field, arithmetic) would need its type changed where it is made, and
\`Duration::from_nanos\` has a \`Delta\` constructor only in the 7.3 tree (profile \`mainline\`).

Before:
    fn pause(d: Duration) { thread::sleep(d); }
After (by hand):
    fn pause(d: Delta) { fsleep(d); }`,
  },
];

export const timeApi: FileTransform = {
  id: 'time-api',
  scope: 'file',
  summary: 'Rewrite std::time::Instant, elapsed times and thread::sleep to the profile\'s kernel time API, and report what has none.',
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  words: ['Instant', 'sleep', 'SystemTime', 'UNIX_EPOCH', '_f32', '_f64'],
  applies: (text) => /Instant|sleep|SystemTime|UNIX_EPOCH|_f(32|64)\b/.test(text),
  queries: QUERIES,
  run,
  codes,
};
