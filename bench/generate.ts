// A deterministic synthetic corpus for `npm run bench`: many small Cargo
// crates whose files mix the constructs kport's transforms touch (printing,
// std paths, Vec/Box allocation, collect, fn main, helpers, impls, traits)
// with the ordinary code around them. Same seed and scale → same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, good enough for shaping test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['score', 'board', 'cell', 'grid', 'token', 'frame', 'packet', 'queue', 'node', 'edge', 'weight', 'count', 'total', 'entry', 'record', 'state', 'input', 'output', 'buffer', 'cursor', 'level', 'limit', 'index', 'value', 'key', 'item', 'block', 'page', 'slot', 'chunk', 'span', 'range', 'delta', 'offset', 'header', 'payload', 'route', 'timer', 'event', 'signal'];
const TYPES = ['u8', 'u16', 'u32', 'u64', 'usize', 'i32', 'i64', 'bool'];
const CORE_MODS = ['mem', 'cmp::Ordering', 'cmp', 'ops::Range', 'ops::{Add, Sub}', 'iter', 'ptr', 'slice', 'num::Wrapping', 'convert::TryFrom', 'cell::Cell', 'marker::PhantomData', 'hash::Hash', 'fmt', 'fmt::Display', 'time::Duration', 'sync::atomic::{AtomicUsize, Ordering as AtomicOrdering}'];
const OTHER_STD = ['collections::HashMap', 'collections::BTreeMap', 'collections::VecDeque', 'io::{self, Read}', 'string::String', 'vec::Vec', 'boxed::Box'];

class Gen {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  ident(): string {
    return this.chance(0.5) ? this.pick(WORDS) : `${this.pick(WORDS)}_${this.pick(WORDS)}`;
  }
  typeName(): string {
    const w = this.pick(WORDS);
    const v = this.pick(WORDS);
    return w[0].toUpperCase() + w.slice(1) + v[0].toUpperCase() + v.slice(1);
  }
}

function uses(g: Gen): string {
  let out = '';
  const n = g.int(0, 5);
  for (let i = 0; i < n; i++) out += `use std::${g.chance(0.75) ? g.pick(CORE_MODS) : g.pick(OTHER_STD)};\n`;
  if (g.chance(0.2)) out += 'use std::{mem, cmp};\n';
  if (n || g.chance(0.3)) out += '\n';
  return out;
}

function printStmt(g: Gen, ind: string, vars: string[]): string {
  const v = vars.length ? g.pick(vars) : '0';
  switch (g.int(0, 7)) {
    case 0:
      return `${ind}println!("${g.ident()}: {}", ${v});\n`;
    case 1:
      return `${ind}eprintln!("error: ${g.ident()} {} out of range", ${v});\n`;
    case 2:
      return `${ind}println!("{} {} {:?}", ${v}, ${v}, ${v});\n`;
    case 3:
      return `${ind}println!();\n`;
    case 4:
      return `${ind}print!("${g.ident()} ");\n`;
    case 5:
      return `${ind}println!("${g.ident()}={${v}}");\n`;
    case 6:
      return `${ind}eprintln!("warning: {}", ${v});\n`;
    default:
      return `${ind}println!(r"raw ${g.ident()} {}", ${v});\n`;
  }
}

function stmt(g: Gen, ind: string, vars: string[], depth: number): string {
  const v = g.ident();
  const t = g.pick(TYPES);
  switch (g.int(0, 17)) {
    case 0:
    case 1:
      vars.push(v);
      return `${ind}let mut ${v}: Vec<${t}> = Vec::new();\n${ind}${v}.push(${g.int(0, 99)} as ${t});\n`;
    case 2:
      vars.push(v);
      return `${ind}let mut ${v} = Vec::with_capacity(${g.int(1, 64)});\n${ind}for i in 0..${g.int(2, 9)} {\n${ind}    ${v}.push(i * ${g.int(1, 9)});\n${ind}}\n`;
    case 3:
      vars.push(v);
      return `${ind}let ${v} = vec![${g.int(0, 9)}, ${g.int(0, 9)}, ${g.int(0, 9)}];\n`;
    case 4:
      vars.push(v);
      return `${ind}let ${v}: Vec<_> = (0..${g.int(2, 20)}).map(|x| x * ${g.int(2, 5)}).filter(|x| x % 3 != 0).collect();\n`;
    case 5:
      vars.push(v);
      return `${ind}let ${v} = Box::new(${g.int(0, 1000)}u32);\n`;
    case 6:
    case 7:
      return printStmt(g, ind, vars);
    case 8:
      vars.push(v);
      return `${ind}let ${v} = ${g.int(0, 1000)}${t === 'bool' ? ' != 0' : ` as ${t}`};\n`;
    case 9:
      if (depth > 1) return `${ind}let _ = ${vars.length ? g.pick(vars) : '1'};\n`;
      return `${ind}if ${vars.length ? g.pick(vars) : 'true'} == ${vars.length ? g.pick(vars) : 'false'} {\n${block(g, ind + '    ', vars.slice(), depth + 1, 2)}${ind}} else {\n${block(g, ind + '    ', vars.slice(), depth + 1, 1)}${ind}}\n`;
    case 10:
      if (depth > 1) return `${ind}// ${g.ident()} is checked by the caller\n`;
      return `${ind}for ${v} in 0..${g.int(1, 50)} {\n${block(g, ind + '    ', [...vars, v], depth + 1, 2)}${ind}}\n`;
    case 11:
      vars.push(v);
      return `${ind}let ${v} = std::mem::size_of::<${t}>() + ${g.int(0, 9)};\n`;
    case 12:
      return `${ind}let ${v} = match ${g.int(0, 5)} {\n${ind}    0 => ${g.int(0, 9)},\n${ind}    1 | 2 => ${g.int(0, 9)},\n${ind}    _ => ${g.int(0, 9)},\n${ind}};\n${ind}let _ = ${v};\n`;
    case 13:
      return `${ind}// ${g.ident()}: keep the ${g.ident()} in step with the ${g.ident()}\n`;
    case 14:
      vars.push(v);
      return `${ind}let ${v} = std::cmp::max(${g.int(0, 9)}, ${g.int(0, 9)});\n`;
    case 15:
      if (!vars.length) return `${ind}let _ = ();\n`;
      return `${ind}let ${v} = ${g.pick(vars)}.clone();\n${ind}let _ = &${v};\n`;
    case 16:
      vars.push(v);
      return `${ind}let mut ${v} = Vec::new();\n${ind}${v}.extend_from_slice(&[${g.int(0, 9)}, ${g.int(0, 9)}]);\n`;
    default:
      vars.push(v);
      return `${ind}let ${v} = "${g.ident()}".len() + ${g.int(0, 99)};\n`;
  }
}

function block(g: Gen, ind: string, vars: string[], depth: number, max: number): string {
  let out = '';
  const n = g.int(1, max);
  for (let i = 0; i < n; i++) out += stmt(g, ind, vars, depth);
  return out;
}

function helper(g: Gen, name: string, ind = ''): string {
  const t = g.pick(TYPES.filter((x) => x !== 'bool'));
  const p = g.ident();
  const doc = g.chance(0.5) ? `${ind}/// Computes the ${g.ident()} for a ${g.ident()}.\n` : '';
  const body = block(g, ind + '    ', [p], 0, 7);
  return `${doc}${ind}${g.chance(0.4) ? 'pub ' : ''}fn ${name}(${p}: ${t}) -> ${t} {\n${body}${ind}    ${p}.wrapping_add(${g.int(1, 9)})\n${ind}}\n\n`;
}

function structWithImpl(g: Gen): { name: string; text: string } {
  const name = g.typeName();
  const fields = Array.from({ length: g.int(1, 5) }, () => `    ${g.ident()}_${g.int(0, 99)}: ${g.chance(0.3) ? `Vec<${g.pick(TYPES)}>` : g.pick(TYPES)},`);
  let text = `#[derive(Debug, Clone${g.chance(0.3) ? ', PartialEq' : ''})]\npub struct ${name} {\n${fields.join('\n')}\n}\n\nimpl ${name} {\n`;
  const methods = g.int(1, 4);
  for (let i = 0; i < methods; i++) {
    const m = `${g.ident()}_${i}`;
    const vars = ['self'];
    text += `    pub fn ${m}(&${g.chance(0.5) ? 'mut ' : ''}self) -> usize {\n${block(g, '        ', vars.slice(1), 0, 6)}        ${g.int(0, 99)}\n    }\n\n`;
  }
  text = text.replace(/\n\n$/, '\n') + '}\n\n';
  if (g.chance(0.35)) {
    text += `impl std::fmt::Display for ${name} {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        write!(f, "${name}({})", ${g.int(0, 9)})\n    }\n}\n\n`;
  }
  return { name, text };
}

function traitWithImpls(g: Gen, types: string[]): string {
  const name = g.typeName() + 'Ops';
  const m = g.ident();
  let text = `pub trait ${name} {\n    fn ${m}(&self) -> u32;\n    fn ${m}_twice(&self) -> u32 {\n        self.${m}() * 2\n    }\n}\n\n`;
  for (const t of types) {
    text += `impl ${name} for ${t} {\n    fn ${m}(&self) -> u32 {\n${block(g, '        ', [], 0, 3)}        ${g.int(0, 99)}\n    }\n}\n\n`;
  }
  return text;
}

function testsModule(g: Gen, fns: string[]): string {
  if (!fns.length) return '';
  const f = g.pick(fns);
  return `#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn ${f}_works() {\n        assert_eq!(${f}(${g.int(0, 9)}), ${f}(${g.int(0, 9)}));\n    }\n}\n`;
}

/** One module file of roughly `target` bytes. */
function moduleFile(g: Gen, target: number, header: string): { text: string; fns: string[] } {
  let text = `//! ${g.typeName()}: the ${g.ident()} side of the ${g.ident()}.\n\n${header}${uses(g)}`;
  const fns: string[] = [];
  const types: string[] = [];
  let k = 0;
  while (text.length < target) {
    const roll = g.int(0, 9);
    if (roll < 5) {
      const name = `${g.ident()}_${k++}`;
      fns.push(name);
      text += helper(g, name);
    } else if (roll < 8) {
      const s = structWithImpl(g);
      types.push(s.name);
      text += s.text;
    } else if (types.length) {
      text += traitWithImpls(g, types.slice(-2));
    } else {
      text += `pub const ${g.ident().toUpperCase()}_${k++}: usize = ${g.int(1, 4096)};\n\n`;
    }
  }
  if (g.chance(0.3)) text += testsModule(g, fns);
  return { text: text.replace(/\n+$/, '\n'), fns };
}

export interface CorpusStats {
  crates: number;
  files: number;
  bytes: number;
  /** Crate folders, relative to the corpus folder, in order. */
  crateDirs: string[];
}

/**
 * Write a corpus of about `megabytes` MB under `dir` (emptied first).
 * Crates hold 3–14 files: a root with `mod` declarations, flat modules,
 * and some nested `mod.rs` folders.
 */
export function generateCorpus(dir: string, megabytes: number, seed = 1): CorpusStats {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const target = megabytes * 1024 * 1024;
  const stats: CorpusStats = { crates: 0, files: 0, bytes: 0, crateDirs: [] };
  const g = new Gen(seed);
  while (stats.bytes < target) {
    const id = String(stats.crates).padStart(5, '0');
    const crateName = `${g.ident().replace(/_/g, '-')}-${id}`;
    const rel = `crate-${id}`;
    const root = path.join(dir, rel);
    const isLib = g.chance(0.3);
    const write = (p: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      writeFileSync(path.join(root, p), text);
      stats.files++;
      stats.bytes += Buffer.byteLength(text);
    };
    write('Cargo.toml', `[package]\nname = "${crateName}"\nversion = "0.1.0"\nedition = "2021"\n${g.chance(0.5) ? `authors = ["Dev ${id} <dev${id}@example.org>"]\n` : ''}\n[dependencies]\n`);
    const mods: string[] = [];
    const nMods = g.int(2, 12);
    const allFns: [string, string][] = [];
    for (let i = 0; i < nMods; i++) {
      const name = `${g.pick(WORDS)}_${i}`;
      mods.push(name);
      const size = g.int(800, 5200);
      if (g.chance(0.2)) {
        const sub = `${g.pick(WORDS)}_inner`;
        const m = moduleFile(g, size, `pub mod ${sub};\n\n`);
        write(`src/${name}/mod.rs`, m.text);
        const s = moduleFile(g, g.int(600, 2500), '');
        write(`src/${name}/${sub}.rs`, s.text);
        for (const f of m.fns) allFns.push([name, f]);
      } else {
        const m = moduleFile(g, size, '');
        write(`src/${name}.rs`, m.text);
        for (const f of m.fns) allFns.push([name, f]);
      }
    }
    const decls = mods.map((m) => `mod ${m};`).join('\n') + '\n\n';
    const calls = allFns.slice(0, 6).map(([m, f]) => `    let _ = ${m}::${f}(${g.int(0, 9)});\n`).join('');
    if (isLib) {
      const body = moduleFile(g, g.int(400, 2000), decls.replace(/^mod /gm, 'pub mod '));
      write('src/lib.rs', body.text);
    } else {
      const body = moduleFile(g, g.int(300, 1500), decls);
      write('src/main.rs', `${body.text}\nfn main() {\n    println!("${crateName} starting");\n${calls}${block(g, '    ', [], 0, 4)}    println!("done");\n}\n`);
    }
    stats.crates++;
    stats.crateDirs.push(rel);
  }
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mb = Number(process.argv[3] ?? 10);
  const s = generateCorpus(process.argv[2] ?? 'bench/corpus/x1', mb);
  console.log(`${s.crates} crates, ${s.files} files, ${(s.bytes / 1048576).toFixed(1)} MB`);
}

/**
 * One Cargo crate with a single `src/main.rs` of about `kb` KB, for the
 * single-file series of `npm run bench` (the shape of issue 18):
 * - `helpers`: functions `fn helper_N(n: u32) -> Vec<u32>`, each with a
 *   `Vec::new`, a `push` loop and a `println!`, and a `main` calling some;
 * - `nested`: functions returning nested `vec!` literals, one of them nested
 *   `depth` deep (`vec![vec![...]]`), the shape that made a 12 KB file take
 *   minutes.
 * Deterministic: same arguments, same bytes.
 */
export function generateSingleFile(dir: string, kb: number, shape: 'helpers' | 'nested', depth = 200): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "single-${shape}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n`);
  const target = kb * 1024;
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  const add = (s: string) => {
    parts.push(s);
    size += s.length;
  };
  if (shape === 'helpers') {
    while (size < target) {
      add(`fn helper_${n}(n: u32) -> Vec<u32> {\n    let mut v = Vec::new();\n    for i in 0..n {\n        v.push(i * ${(n % 7) + 1});\n    }\n    println!("helper_${n}: {}", v.len());\n    v\n}\n\n`);
      n++;
    }
    const step = Math.max(1, Math.floor(n / 50));
    add('fn main() {\n');
    for (let k = 0; k < n; k += step) add(`    let _ = helper_${k}(3);\n`);
    add('}\n');
  } else {
    add(`fn deep() -> usize {\n    let d = ${'vec!['.repeat(depth)}1u32${']'.repeat(depth)};\n    d.len()\n}\n\n`);
    while (size < target) {
      add(`fn table_${n}() -> Vec<Vec<Vec<u32>>> {\n    vec![\n        vec![vec![1, 2, 3], vec![4, 5, ${n}]],\n        vec![vec![${n % 10}, 8], vec![9]],\n    ]\n}\n\n`);
      n++;
    }
    add(`fn main() {\n    println!("{} {}", deep(), table_0().len());\n}\n`);
  }
  const text = parts.join('');
  writeFileSync(path.join(dir, 'src', 'main.rs'), text);
  return Buffer.byteLength(text);
}
