// `kport explain CODE` ends with a golden case that reports the code: the
// same files the tests run, so the example cannot drift from behaviour.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../engine/assets.ts';
import { TRANSFORMS } from './registry.ts';

const DOCS_EXAMPLE = '00-docs-example';

/** The first golden case (input and expected diagnostics) that reports `code`, if the golden folder ships. */
export function goldenExample(code: string): string | undefined {
  const owners = TRANSFORMS.filter((t) => t.codes?.some((c) => c.code === code));
  for (const t of owners) {
    const dir = assetPath('golden', t.id);
    if (!existsSync(dir)) continue;
    // The transform's docs example (00-docs-example, shown by `kport explain <id>`) last:
    // a case about the code itself says more about it.
    const names = readdirSync(dir).sort();
    for (const name of [...names.filter((n) => n !== DOCS_EXAMPLE), ...names.filter((n) => n === DOCS_EXAMPLE)]) {
      const diag = path.join(dir, name, 'diagnostics.txt');
      // A single-file case, or a crate case's root (input/src/main.rs).
      const input = [path.join(dir, name, 'input.rs'), path.join(dir, name, 'input', 'src', 'main.rs')].find((f) => existsSync(f));
      if (!existsSync(diag) || !input) continue;
      const lines = readFileSync(diag, 'utf8').split('\n').filter((l) => l.includes(`[${code}]`));
      if (!lines.length) continue;
      const src = readFileSync(input, 'utf8').replace(/\n$/, '').split('\n').map((l) => (l ? `    ${l}` : '')).join('\n');
      return `Example (golden/${t.id}/${name}):\n${src}\nreports:\n${lines.map((l) => `    ${l}`).join('\n')}\n`;
    }
  }
  return undefined;
}
