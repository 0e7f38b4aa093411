// The diagnostics catalogue: kport's own codes live here; each transform
// declares the codes it reports next to its code (Transform.codes), and
// `catalogue()` joins the two. Codes are stable: never renumber one.
import type { CodeInfo, Severity } from './types.ts';
import { TRANSFORMS } from './registry.ts';
import { VERIFY_CODES } from './verify-codes.ts';

export const CORE_CODES: CodeInfo[] = [
  {
    code: 'K0001',
    severity: 'error',
    title: 'internal error: the port of this file was abandoned',
    explanation: `kport found a problem in its own work on this file (two rewrites that overlap,
or output that parses worse than the input) and kept the file exactly as it was.
Nothing in the file was changed. Please report it with the file that triggers it.`,
  },
  {
    code: 'K0002',
    severity: 'warning',
    title: 'the input has syntax errors; code inside them was left alone',
    explanation: `tree-sitter could not parse part of this file. kport still rewrites the
rest, but never edits inside or next to a region it cannot parse. Fix the syntax
error and run kport again to port that region too.`,
  },
  {
    code: 'K0003',
    severity: 'warning',
    title: 'a declared module has no file, or its file is outside the crate',
    explanation: `A \`mod name;\` declaration names a file kport could not find (name.rs or
name/mod.rs beside the declaring file, or the \`#[path]\` it gives), or the file
resolves through a symbolic link to somewhere outside the crate folder. kport
ports the files it can reach and leaves this module alone.`,
  },
  ...VERIFY_CODES,
];

let cached: Map<string, CodeInfo> | undefined;

export function catalogue(): Map<string, CodeInfo> {
  if (!cached) {
    cached = new Map();
    for (const c of CORE_CODES) cached.set(c.code, c);
    for (const t of TRANSFORMS) for (const c of t.codes ?? []) {
      const prev = cached.get(c.code);
      if (prev && prev !== c) throw new Error(`diagnostic code ${c.code} declared twice (${t.id})`);
      cached.set(c.code, c);
    }
  }
  return cached;
}

export function severityOf(code: string): Severity {
  return catalogue().get(code)?.severity ?? 'error';
}
