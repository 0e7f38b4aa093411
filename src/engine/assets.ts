// Files kport reads at run time from its own package (golden cases, docs,
// templates, the verify stub), found from the package root rather than from
// the source file, so the same code works from src/ (through tsx) and from a
// compiled bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder that holds kport's package.json: the nearest one above this module named `kport`. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kport') return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`kport's package.json not found above ${import.meta.dirname}`);
  }
}

/** A path inside the package: `assetPath('docs', 'transforms', 'x.md')`. */
export function assetPath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

let version: string | undefined;

/** kport's version, from its own package.json. */
export function kportVersion(): string {
  return (version ??= JSON.parse(readFileSync(assetPath('package.json'), 'utf8')).version as string);
}
