// Coverage of the alloc/std-only API table as data: every row of
// src/kernel-api/std-only.ts carries an example whose `// <-` lines must each
// get exactly one report for the row's cause, with the row's code, from the
// whole pipeline (the row's own pass or the one it names). A second report of
// the same cause from another pass fails the test too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { STD_ONLY, type StdOnlyRow } from '../src/kernel-api/std-only.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { ROOT } from './helpers.ts';

// Passes that report allocating or std-only APIs: one report per cause among them.
const API_PASSES = new Set(['std-paths', 'alloc-calls', 'alloc-collect', 'alloc-slices', 'alloc-macros', 'alloc-types', 'check-strings', 'check-dyn-error', 'check-std-api']);

function label(r: StdOnlyRow): string {
  switch (r.kind) {
    case 'method':
      return `.${r.name}(${r.args}) on ${r.on.join('/')}`;
    case 'chain':
      return `.${r.first}(..).{${r.then.join(',')}}(..)`;
    case 'operator':
      return `String ${r.op}`;
    case 'path':
      return r.path;
    case 'import':
      return `import ${r.item}: ${r.example.split('\n')[0]}`;
    case 'owned':
      return `${r.what} (${r.by})`;
  }
}

function markedLines(example: string): number[] {
  return example.split('\n').flatMap((l, i) => (l.includes('// <-') ? [i + 1] : []));
}

describe('std-only table', () => {
  it('names only registered passes, codes they declare', () => {
    for (const r of STD_ONLY) {
      const by = r.kind === 'owned' ? r.by : 'check-std-api';
      const t = TRANSFORMS.find((x) => x.id === by);
      expect(t, by).toBeDefined();
      expect(t!.codes?.map((c) => c.code), label(r)).toContain(r.code);
      expect(markedLines(r.example).length, `${label(r)}: its example marks no line`).toBeGreaterThan(0);
    }
  });

  for (const row of STD_ONLY) {
    // A row the compat types port is reported as the table says with `--compat none`.
    it(`reports ${label(row)} at its line, once${row.compat ? ' (--compat none)' : ''}`, () => {
      const res = runText(row.example, { path: 'example.rs', ...(row.compat ? { crate: { options: { compat: 'none' } } } : {}) });
      expect(res.files[0].failure, 'the port of the example failed').toBeUndefined();
      for (const line of markedLines(row.example)) {
        const here = res.diagnostics.filter((d) => d.start.line === line && API_PASSES.has(d.source ?? ''));
        expect(here.map((d) => `${d.code} ${d.source}`), `line ${line}: ${row.example.split('\n')[line - 1].trim()}`).toEqual([
          `${row.code} ${row.kind === 'owned' ? row.by : 'check-std-api'}`,
        ]);
      }
    });
  }

  for (const row of STD_ONLY.filter((r) => r.compat)) {
    it(`ports ${label(row)} with the compat types (${row.compat!.by}, ${row.compat!.code}), reporting nothing else there`, () => {
      const res = runText(row.example, { path: 'example.rs' });
      expect(res.files[0].failure, 'the port of the example failed').toBeUndefined();
      for (const line of markedLines(row.example)) {
        const here = res.diagnostics.filter((d) => d.start.line === line && (API_PASSES.has(d.source ?? '') || d.source === row.compat!.by));
        expect(here.map((d) => `${d.code} ${d.source}`), `line ${line}: ${row.example.split('\n')[line - 1].trim()}`).toEqual(row.compat!.code ? [`${row.compat!.code} ${row.compat!.by}`] : []);
      }
    });
  }

  it('the golden case walks every row check-std-api owns', () => {
    const input = readFileSync(path.join(ROOT, 'golden', 'check-std-api', '90-every-row', 'input.rs'), 'utf8');
    for (const r of STD_ONLY) if (r.kind !== 'owned') expect(input, label(r)).toContain(r.example);
  });
});
