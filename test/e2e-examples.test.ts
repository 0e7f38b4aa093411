// End-to-end: every example under examples/ is ported with `kport rewrite`,
// the patch applied with `git apply` to a temporary git copy, and the result
// type-checked with `kport verify` against the kernel API stub. The contract:
// every rustc error must sit where kport reported an error-level diagnostic.
//
// While the transforms are being built, many rustc errors are not covered yet.
// Those gaps are pinned per example in examples/<name>/verify-gaps.json, keyed
// by the ORIGINAL example's file and line plus rustc's error code (lines of the
// ported file move as transforms add code; the example's own lines do not).
// A new uncovered error fails the test; a pinned gap that disappears is only
// noted. Regenerate the pins with
//   UPDATE_EXPECT=1 npx vitest run test/e2e-examples.test.ts
// and review the diff like code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, diagnosticsOf, git, gitInit, kport, tempDir, type JsonDiag } from './helpers.ts';

const EXAMPLES = path.join(ROOT, 'examples');
const UPDATE = !!process.env.UPDATE_EXPECT;
const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;
if (!hasRustc) console.warn('e2e-examples.test.ts: skipped: no rustc on PATH, so the ported examples cannot be type-checked');

const examples = readdirSync(EXAMPLES)
  .filter((n) => existsSync(path.join(EXAMPLES, n, 'Cargo.toml')))
  .sort();

interface Gap {
  key: string;
  message: string;
}

/** How the lines of one file moved: old line → new line range, new line → old anchor. */
interface LineMap {
  oldToNew: Map<number, [number, number]>;
  newToOld: Map<number, string>;
}

function lineMap(oldText: string, newText: string): LineMap {
  const oldToNew = new Map<number, [number, number]>();
  const newToOld = new Map<number, string>();
  let o = 1;
  let n = 1;
  const parts = diffLines(oldText, newText);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const count = p.count ?? 0;
    if (!p.added && !p.removed) {
      for (let k = 0; k < count; k++) {
        oldToNew.set(o + k, [n + k, n + k]);
        newToOld.set(n + k, `L${o + k}`);
      }
      o += count;
      n += count;
    } else if (p.removed) {
      const next = parts[i + 1];
      const added = next?.added ? (next.count ?? 0) : 0;
      // A replaced block: each old line stands for the whole new block.
      const range: [number, number] = added ? [n, n + added - 1] : [n, n];
      for (let k = 0; k < count; k++) oldToNew.set(o + k, range);
      for (let k = 0; k < added; k++) newToOld.set(n + k, `L${o}`);
      o += count;
      n += added;
      if (added) i++;
    } else {
      // Pure insertion: anchored after the old line before it.
      for (let k = 0; k < count; k++) newToOld.set(n + k, `after-L${o - 1}`);
      n += count;
    }
  }
  return { oldToNew, newToOld };
}

function readGaps(name: string): Gap[] {
  const f = path.join(EXAMPLES, name, 'verify-gaps.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')).gaps as Gap[]) : [];
}

const summary: string[] = [];

describe.skipIf(!hasRustc)('examples ported and verified end to end', () => {
  for (const name of examples) {
    it(`${name}: every rustc error is at a kport error diagnostic, or a pinned gap`, async () => {
      const src = path.join(EXAMPLES, name);
      const dir = copyOf(src);
      gitInit(dir);

      const port = await kport(['rewrite', '--dry-run', '--format', 'json', dir], dir);
      expect(port.code, port.stderr).toBeLessThan(2);
      const reported = diagnosticsOf(port.stderr).filter((d) => d.severity === 'error');

      const patch = path.join(tempDir(), `${name}.patch`);
      writeFileSync(patch, port.stdout);
      if (port.stdout) git(dir, 'apply', patch);

      const v = await kport(['verify', '--format', 'json', dir]);
      expect(v.code, v.stderr).toBeLessThan(2);
      const errors = diagnosticsOf(v.stdout);

      // module-entry renames the crate root to <module>.rs (a git rename in the diff):
      // rustc names the new path, the example and kport's diagnostics the old one.
      const renames = new Map([...port.stdout.matchAll(/^rename from (.+)\nrename to (.+)$/gm)].map((m) => [m[2], m[1]]));
      const orig = (file: string) => renames.get(file) ?? file;
      const maps = new Map<string, LineMap>();
      const mapOf = (file: string): LineMap => {
        let m = maps.get(file);
        if (!m) {
          const oldPath = path.join(src, orig(file));
          const newPath = path.join(dir, file);
          const oldText = existsSync(oldPath) ? readFileSync(oldPath, 'utf8') : '';
          const newText = existsSync(newPath) ? readFileSync(newPath, 'utf8') : '';
          m = lineMap(oldText, newText);
          maps.set(file, m);
        }
        return m;
      };

      const covered = (e: JsonDiag) =>
        reported.some((d) => {
          if (d.file !== orig(e.file)) return false;
          const m = mapOf(e.file);
          const lo = m.oldToNew.get(d.start.line)?.[0] ?? d.start.line;
          const hi = m.oldToNew.get(d.end.line)?.[1] ?? d.end.line;
          return e.start.line >= lo && e.start.line <= hi;
        });

      const gapsNow = new Map<string, Gap>();
      for (const e of errors) {
        if (covered(e)) continue;
        const anchor = existsSync(path.join(src, orig(e.file))) ? (mapOf(e.file).newToOld.get(e.start.line) ?? `new-L${e.start.line}`) : `new-L${e.start.line}`;
        const code = /^(E\d{4}):/.exec(e.message)?.[1] ?? '-';
        const key = `${orig(e.file)}:${anchor}:${code}`;
        if (!gapsNow.has(key)) gapsNow.set(key, { key, message: e.message.split('\n')[0] });
      }
      const now = [...gapsNow.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
      summary.push(`${name}: ${errors.length} rustc error(s), ${errors.length - errors.filter((e) => !covered(e)).length} at kport diagnostics, ${now.length} pinned gap(s)`);

      if (UPDATE) {
        writeFileSync(path.join(src, 'verify-gaps.json'), JSON.stringify({ profile: 'mainline', note: 'rustc errors in the ported example not yet covered by an error-level kport diagnostic; regenerate with UPDATE_EXPECT=1', gaps: now }, null, 2) + '\n');
        return;
      }
      const pinned = new Set(readGaps(name).map((g) => g.key));
      const fresh = now.filter((g) => !pinned.has(g.key));
      const gone = [...pinned].filter((k) => !gapsNow.has(k));
      if (gone.length) console.log(`note: ${name}: ${gone.length} pinned gap(s) now covered or gone (run UPDATE_EXPECT=1 to unpin): ${gone.join(', ')}`);
      expect(
        fresh.map((g) => `${g.key}  ${g.message}`),
        `new rustc errors in the ported ${name} that no kport error diagnostic covers; fix the transform, or if expected, run UPDATE_EXPECT=1 npx vitest run test/e2e-examples.test.ts and review examples/${name}/verify-gaps.json`,
      ).toEqual([]);
    });
  }

  it('prints the coverage summary', () => {
    if (summary.length) console.log(`e2e examples (mainline):\n  ${summary.join('\n  ')}`);
  });
});

describe('line mapping used by the e2e suite', () => {
  it('maps unchanged, replaced and inserted lines', () => {
    const m = lineMap('a\nb\nc\nd\n', 'x\na\nB1\nB2\nc\nd\ne\n');
    expect(m.oldToNew.get(1)).toEqual([2, 2]);
    expect(m.oldToNew.get(2)).toEqual([3, 4]);
    expect(m.oldToNew.get(4)).toEqual([6, 6]);
    expect(m.newToOld.get(1)).toBe('after-L0');
    expect(m.newToOld.get(4)).toBe('L2');
    expect(m.newToOld.get(7)).toBe('after-L4');
  });
});
