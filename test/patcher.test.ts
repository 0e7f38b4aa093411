// The patcher's hunks (src/outputs/patcher.ts): from kport's own edits (regionHunks)
// and, without them, from the anchored diff (lineHunks). Both must apply
// exactly, and on real ports they equal one Myers run over the whole file
// (the diff's output did not change when its cost did).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyPatch, structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { runPaths, runText } from '../src/cli/api.ts';
import { lineHunks, regionHunks, unifiedDiff } from '../src/outputs/patcher.ts';
import { applyHunks, lineHunks as suggestionHunks } from '../src/outputs/hunks.ts';
import { ROOT } from './helpers.ts';

type H = { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] };
const plain = (hs: H[]) => hs.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({ oldStart, oldLines, newStart, newLines, lines }));
const myers = (a: string, b: string) => plain(structuredPatch('a', 'b', a, b, undefined, undefined, { context: 3 }).hunks);

function applies(a: string, b: string, hs: H[]): boolean {
  const patch = `--- a\n+++ b\n${hs.map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`).join('')}`;
  return applyPatch(a, patch) === b;
}

function goldenInputs(dir = path.join(ROOT, 'golden'), out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) goldenInputs(p, out);
    else if (e === 'input.rs') out.push(p);
  }
  return out;
}

describe('hunks from kport\'s edits', () => {
  it('apply exactly on every golden input and every example, and mostly equal one Myers run over the whole file', () => {
    let compared = 0;
    let same = 0;
    const check = (old: string, now: string, regions: unknown, name: string) => {
      const r = regionHunks(old, now, regions as never);
      expect(r, `${name}: the regions disagree with the texts`).toBeDefined();
      expect(applies(old, now, r!), name).toBe(true);
      compared++;
      if (JSON.stringify(plain(r!)) === JSON.stringify(myers(old, now))) same++;
    };
    for (const input of goldenInputs()) {
      const res = runText(readFileSync(input, 'utf8'));
      for (const f of res.files) if (f.changed) check(f.src.text, f.text, f.regions, input);
    }
    for (const ex of readdirSync(path.join(ROOT, 'examples'))) {
      for (const u of runPaths([path.join(ROOT, 'examples', ex)])) for (const f of u.files) if (f.changed) check(f.src.text, f.text, f.regions, `${ex}/${f.src.rel}`);
    }
    expect(compared).toBeGreaterThan(200);
    // Where they differ, it is in which of two equal lines (a blank line, a brace) is kept.
    expect(same / compared).toBeGreaterThan(0.8);
  });

  it('rdjson suggestion hunks from the same windows apply exactly; a wrong window list falls back to the whole file', () => {
    let n = 0;
    for (const input of goldenInputs()) {
      const res = runText(readFileSync(input, 'utf8'));
      for (const f of res.files) {
        if (!f.changed) continue;
        const h = suggestionHunks(f.src.text, f.text, f.regions);
        expect(applyHunks(f.src.text, h), input).toBe(f.text);
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
    // A window list that misses the changed line: the lines outside disagree, so the whole file is diffed.
    expect(suggestionHunks('a\nb\nc\n', 'a\nB\nc\n', [[0, 1, 0, 1]])).toEqual(suggestionHunks('a\nb\nc\n', 'a\nB\nc\n'));
  });

  it('a region list that does not match the texts is refused, and the whole-file diff is used', () => {
    const a = 'a\nb\nc\n';
    const b = 'a\nB\nc\n';
    expect(regionHunks(a, b, [[0, 1, 0, 1]])).toBeUndefined();
    const diff = unifiedDiff([{ path: 'f', old: Buffer.from(a), new: Buffer.from(b), regions: [[0, 1, 0, 1]] }]);
    expect(diff).toContain('-b\n+B\n');
  });
});

describe('the anchored whole-file diff', () => {
  it('applies exactly and equals Myers on random local edits', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    for (let s = 0; s < 200; s++) {
      const n = 20 + Math.floor(rnd() * 300);
      const lines = Array.from({ length: n }, () => (rnd() < 0.15 ? '' : rnd() < 0.2 ? '    }' : `line ${Math.floor(rnd() * n * 2)}`));
      const a = lines.join('\n') + (rnd() < 0.5 ? '\n' : '');
      const b = lines.flatMap((l) => (rnd() < 0.03 ? [l + ' changed'] : rnd() < 0.02 ? [l, 'inserted'] : rnd() < 0.01 ? [] : [l])).join('\n') + (rnd() < 0.5 ? '\n' : '');
      const h = lineHunks(a, b);
      expect(applies(a, b, h), `case ${s}`).toBe(true);
      expect(plain(h), `case ${s}`).toEqual(myers(a, b));
    }
  });

  // A guard against the whole-file Myers search coming back, not a benchmark
  // (npm run bench measures speed): that search took minutes on this input,
  // the windowed diff takes well under a second on an idle machine, and the
  // bound leaves room for a loaded CI machine.
  it('a 400 KB file changed in every function diffs in seconds, not minutes', () => {
    let a = '';
    for (let i = 0; i < 2400; i++) a += `fn helper_${i}(n: u32) -> Vec<u32> {\n    let mut v = Vec::new();\n    for i in 0..n {\n        v.push(i * ${(i % 7) + 1});\n    }\n    println!("helper ${i}: {}", v.len());\n    v\n}\n\n`;
    const res = runText(a, { transforms: ['print-macros', 'alloc-calls', 'fallible-propagation'] } as never);
    const f = res.files[0];
    expect(f.changed).toBe(true);
    const t0 = performance.now();
    const h = regionHunks(f.src.text, f.text, f.regions!);
    const ms = performance.now() - t0;
    expect(h).toBeDefined();
    expect(applies(f.src.text, f.text, h!)).toBe(true);
    expect(ms).toBeLessThan(15_000);
  });
});
