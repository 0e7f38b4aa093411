// The text of every .rs file under the given folders, in path order (the
// floor and the structure probe read the corpus the same way).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.rs')) out.push(p);
  }
}

export function rustTexts(dirs: readonly string[]): string[] {
  const files: string[] = [];
  for (const d of dirs) walk(d, files);
  return files.sort().map((f) => readFileSync(f, 'utf8'));
}
