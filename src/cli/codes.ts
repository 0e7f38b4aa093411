// The diagnostics catalogue: kport's own codes live here; each transform
// declares the codes it reports next to its code (Transform.codes), and
// `catalogue()` joins the two. Codes are stable: never renumber one.
import type { CodeInfo, Severity } from '../engine/types.ts';
import { TRANSFORMS } from './registry.ts';
import { VERIFY_CODES } from '../verify/verify-codes.ts';
import { ENGINE_CODES } from '../engine/codes.ts';

export const CORE_CODES: CodeInfo[] = [
  ...ENGINE_CODES,
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
