// The engine knows no transform: nothing under src/engine/ imports from
// transforms/ or src/cli/ (where the registry lists the transforms), directly
// or through the modules it loads.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const ENGINE = path.join(ROOT, 'src', 'engine');
const FORBIDDEN = [path.join(ROOT, 'transforms') + path.sep, path.join(ROOT, 'src', 'cli') + path.sep];

/** Relative imports of a file: every `from '...'`, `import '...'` and `import('...')`, and whether each is type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const out: { target: string; typeOnly: boolean }[] = [];
  const re = /(?:^|\n)\s*(import\s+type\b|import|export)\b[^;'"]*?(?:from\s*)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[2] ?? m[3];
    out.push({ target: path.resolve(path.dirname(file), spec), typeOnly: m[1] === 'import type' });
  }
  return out;
}

const isForbidden = (f: string) => FORBIDDEN.some((d) => f.startsWith(d));
const engineFiles = readdirSync(ENGINE).filter((f) => f.endsWith('.ts')).map((f) => path.join(ENGINE, f));

describe('engine layering', () => {
  it('finds the engine files and their imports', () => {
    expect(engineFiles.length).toBeGreaterThan(5);
    expect(importsOf(path.join(ENGINE, 'pipeline.ts')).length).toBeGreaterThan(3);
  });

  it('no file under src/engine/ imports from transforms/ or src/cli/, not even a type', () => {
    const bad = engineFiles.flatMap((f) => importsOf(f).filter((i) => isForbidden(i.target)).map((i) => `${path.relative(ROOT, f)} → ${path.relative(ROOT, i.target)}`));
    expect(bad).toEqual([]);
  });

  it('nothing the engine loads at run time reaches transforms/ or src/cli/', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of importsOf(file)) {
        if (i.typeOnly) continue;
        if (isForbidden(i.target)) bad.push([...via, file, i.target].map((x) => path.relative(ROOT, x)).join(' → '));
        else if (i.target.endsWith('.ts')) visit(i.target, [...via, file]);
      }
    };
    for (const f of engineFiles) visit(f, []);
    expect(bad).toEqual([]);
  });
});
