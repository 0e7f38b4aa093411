// `kport explain CODE` ends with a golden case that reports the code: the
// same files the tests run, so the example cannot drift from behaviour.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TRANSFORMS } from './registry.ts';

const GOLDEN = path.join(import.meta.dirname, '..', '..', 'golden');

/** The first golden case (input and expected diagnostics) that reports `code`, if the golden folder ships. */
export function goldenExample(code: string): string | undefined {
  const owners = TRANSFORMS.filter((t) => t.codes?.some((c) => c.code === code));
  for (const t of owners) {
    const dir = path.join(GOLDEN, t.id);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
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
