// The registry, the transforms folder, the golden folders and the diagnostics
// catalogue agree with each other.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_CODES, catalogue } from '../src/cli/codes.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { ROOT } from './helpers.ts';

describe('registry', () => {
  it('lists every file in transforms/ exactly once, and nothing else', () => {
    const files = readdirSync(path.join(ROOT, 'transforms')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(TRANSFORMS.map((t) => t.id).sort()).toEqual(files);
  });

  for (const t of TRANSFORMS) {
    describe(t.id, () => {
      // Its documentation page and example: test/transform-docs.test.ts.
      it('has a kebab-case id and a one-sentence summary', () => {
        expect(t.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        expect(t.summary).toMatch(/^[A-Z`].*\.$/);
        expect(t.profiles.length).toBeGreaterThan(0);
      });

      it('has golden cases, some that change code and some that must not', () => {
        const dir = path.join(ROOT, 'golden', t.id);
        expect(existsSync(dir), `golden/${t.id}`).toBe(true);
        const cases = readdirSync(dir);
        expect(cases.length).toBeGreaterThanOrEqual(2);
        let changing = 0;
        let unchanged = 0;
        for (const c of cases) {
          const i = path.join(dir, c, 'input.rs');
          const o = path.join(dir, c, 'output.rs');
          if (!existsSync(i)) continue;
          if (readFileSync(i).equals(readFileSync(o))) unchanged++;
          else changing++;
        }
        if (t.safety === 'suggestion') {
          // Report-only: never edits; some cases report, some look-alikes must not.
          const reporting = cases.filter((c) => existsSync(path.join(dir, c, 'diagnostics.txt'))).length;
          expect(changing, 'report-only transforms change no code').toBe(0);
          expect(reporting, 'cases that report').toBeGreaterThan(0);
          expect(cases.length - reporting, 'look-alike cases that must not report').toBeGreaterThan(0);
        } else if (existsSync(path.join(dir, cases.find((c) => c !== '00-docs-example') ?? cases[0], 'input.rs'))) {
          // Single-file cases (those of a crate transform are crate folders, all but its docs example).
          expect(changing, 'cases that change code').toBeGreaterThan(0);
          expect(unchanged, 'cases that must not change code').toBeGreaterThan(0);
        }
      });
    });
  }
});

describe('diagnostics catalogue', () => {
  it('has unique, well-formed codes with explanations', () => {
    // Two transforms that report one code declare the same CodeInfo (its default severity is the reporter's declaration).
    const all = [...new Set([...CORE_CODES, ...TRANSFORMS.flatMap((t) => t.codes ?? [])])];
    const codes = all.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of all) {
      expect(c.code).toMatch(/^K\d{4}$/);
      expect(c.title).not.toMatch(/\.$/);
      expect(c.explanation.length).toBeGreaterThan(40);
    }
    expect(catalogue().size).toBe(codes.length);
  });
});
