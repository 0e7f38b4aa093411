// Precision: kport check on kernel modules that are already correct reports
// nothing, with every transform in the registry running.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kport } from './helpers.ts';

const DIR = path.join(ROOT, 'test', 'fixtures', 'kernel-modules');
const modules = readdirSync(DIR).filter((f) => f.endsWith('.rs') || !f.includes('.'));

describe('kport check on correct kernel modules', () => {
  it('has several fixtures', () => {
    expect(modules.length).toBeGreaterThanOrEqual(4);
  });
  for (const m of modules) {
    it(`${m} reports nothing`, async () => {
      const r = await kport(['check', '--format', 'json', path.join(DIR, m)]);
      expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
      expect(r.code).toBe(0);
      const deny = await kport(['check', '--deny', 'warnings', path.join(DIR, m)]);
      expect(deny.code).toBe(0);
      expect(deny.stdout).toBe('kport: 0 errors, 0 warnings, 0 notes\n');
    });
  }
});
