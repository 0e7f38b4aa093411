// What the fuzz suites mutate inputs with: Rust tokens, odd bytes, and ranges
// deleted, inserted, swapped, duplicated or spliced in from other seed files.
// Shared by the pipeline fuzz (robustness.fuzz.test.ts) and the command-line
// fuzz (robustness-cli.fuzz.test.ts).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

export function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out.sort();
}

export const TOKENS = [
  '{', '}', '(', ')', '[', ']', '<', '>', '"', "'", '#', '!', ';', ',', '.', '?', '::', '=>', '->', '&', '*', '\\',
  '\n', '\r\n', '\r', '\t', ' ', '\0', 'é', '\u{feff}', '\u{1f600}', '\u{2028}',
  '/*', '*/', '//', '///', '//!', 'r#"', '"#', 'b"', 'br"', "b'", 'c"', 'r#', '$', '$x', '$($a:tt)*',
  'fn ', 'fn main() {', 'pub ', 'mod x;', 'mod m { ', 'use std::', 'use ', 'std::', 'core::', 'kernel::', 'impl ', 'trait ', 'struct ',
  'unsafe ', 'async ', 'await', 'let ', 'return ', 'where ', 'dyn ', 'move ', 'static mut ', 'const ', 'match x { _ => {} }',
  'println!(', 'println!("{}", ', 'eprintln!(', 'print!(', 'format!(', 'vec![', 'macro_rules! ', 'log::info!(', 'write!(f, ',
  'Vec<', 'Vec::new()', 'Vec::with_capacity(', 'Box::new(', '.push(', '.collect::<Vec<_>>()', '.unwrap()', '.clone()', '.sort()',
  'String', '.to_string()', 'HashMap', '#[derive(Debug)]', '#[path = "x.rs"]', '#![no_std]', 'use kernel::prelude::*;',
  'pr_info!(', 'KVec', 'GFP_KERNEL', '1.5', '-> Result<()>', 'Ok(())', 'fmt::Display',
];

export type Mutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'splice'; at: number; from: number; start: number; len: number }
  | { kind: 'swap'; a: number; b: number; len: number }
  | { kind: 'dup'; at: number; len: number };

export const pos = fc.double({ min: 0, max: 1, noNaN: true });
const len = fc.integer({ min: 0, max: 40 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: pos, len }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, text: fc.string({ maxLength: 8, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('splice' as const), at: pos, from: fc.nat(), start: pos, len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: pos, b: pos, len }),
  fc.record({ kind: fc.constant('dup' as const), at: pos, len }),
);

export function mutate(text: string, ms: Mutation[], seeds: readonly string[]): string {
  let s = text;
  const at = (p: number) => Math.floor(p * (s.length + 1));
  for (const m of ms) {
    switch (m.kind) {
      case 'delete': {
        const i = at(m.at);
        s = s.slice(0, i) + s.slice(i + m.len);
        break;
      }
      case 'insert': {
        const i = at(m.at);
        s = s.slice(0, i) + m.text + s.slice(i);
        break;
      }
      case 'splice': {
        const other = seeds[m.from % seeds.length];
        const st = Math.floor(m.start * other.length);
        const i = at(m.at);
        s = s.slice(0, i) + other.slice(st, st + m.len) + s.slice(i);
        break;
      }
      case 'swap': {
        let [a, b] = [at(m.a), at(m.b)].sort((x, y) => x - y);
        const l = Math.min(m.len, b - a);
        s = s.slice(0, a) + s.slice(b, b + l) + s.slice(a + l, b) + s.slice(a, a + l) + s.slice(b + l);
        break;
      }
      case 'dup': {
        const i = at(m.at);
        s = s.slice(0, i) + s.slice(i, i + m.len) + s.slice(i);
        break;
      }
    }
  }
  return s;
}

