// Hostile and odd input: each case has a fixed expectation. Whatever the
// registered transforms do, kport never throws, never abandons a file for an
// internal reason, keeps the invariants (invariants.ts) and is idempotent;
// where the input has a definite answer (refused, untouched, a rewrite that
// must happen) the test says so.
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { checkOutput, checkUntouched } from '../src/engine/invariants.ts';
import { countErrors, parse } from '../src/engine/parse.ts';
import { encodeSource } from '../src/engine/source.ts';
import { UsageError } from '../src/engine/errors.ts';
import type { UnitResult } from '../src/engine/pipeline.ts';

/** Run kport on `input` and check everything that must hold for any input; returns the result. */
function port(input: string | Buffer, path = 'input.rs'): UnitResult & { out: string; bytes: Buffer } {
  const r = runText(input, { path });
  const f = r.files[0];
  expect(f.failure, f.failure).toBeUndefined();
  expect([...checkUntouched(f.src, f.text, f.changed), ...checkOutput(f.src, f.text, { syntax: true })]).toEqual([]);
  const bytes = encodeSource(f.src, f.text);
  if (!f.changed) expect(bytes.equals(f.src.original)).toBe(true);
  // Idempotence: kport on its own output changes nothing.
  if (f.changed) {
    const again = runText(bytes, { path });
    expect(again.files[0].text, 'a second run changes the output').toBe(again.files[0].src.text);
  }
  return Object.assign(r, { out: f.text, bytes });
}

const codes = (r: UnitResult) => r.diagnostics.map((d) => d.code);

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

describe('empty and trivial files', () => {
  it('an empty file is untouched and reported on by nobody', () => {
    const r = port('');
    expect(r.files[0].changed).toBe(false);
    expect(r.diagnostics).toEqual([]);
  });

  it('a file of only comments (line, block, nested block, doc) is untouched', () => {
    const r = port('// line\n/* block /* nested /* deeper */ */ */\n//! inner doc\n/// outer doc\n/** block doc */\n');
    expect(r.files[0].changed).toBe(false);
    expect(codes(r).filter((c) => c !== 'K0002')).toEqual([]);
  });

  it('whitespace, a lone newline, a lone BOM, and CR-only line endings are untouched', () => {
    for (const s of [' \t \n\n', '\n', '\ufeff', '\ufeff\n', 'fn a() {}\rfn b() {}\r']) {
      const r = port(Buffer.from(s, 'utf8'));
      expect(r.files[0].changed, JSON.stringify(s)).toBe(false);
    }
  });
});

describe('size and depth', () => {
  it('a 5 MB file (a 4.5 MB string literal and 0.5 MB of code) ports in time linear in its size', () => {
    let code = '';
    for (let i = 0; code.length < 500_000; i++) {
      code +=
        i % 10 === 0
          ? `fn g${i}(x: u32) -> u32 {\n    println!("g${i} {}", x);\n    x + ${i}\n}\n\n`
          : `fn g${i}(x: u32) -> u32 {\n    let y = x.wrapping_mul(${i});\n    y ^ (y >> 3)\n}\n\n`;
    }
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const blob: string[] = [];
    for (let j = 0, n = 0; n < 4_500_000; j++, n++) {
      blob.push(b64[(j * 37) & 63]);
      if (j % 76 === 75) blob.push('\\\n'), (n += 2);
    }
    const input = `/// Firmware image, base64.\npub static FIRMWARE: &str = "${blob.join('')}";\n\n${code}`;
    expect(input.length).toBeGreaterThanOrEqual(5_000_000);
    // The floor is one bare parse; the bound is a ratio to it, so a loaded machine does not fail the test.
    const [, floor] = timed(() => parse(input));
    const [r, ms] = timed(() => runText(input));
    expect(r.files[0].failure).toBeUndefined();
    expect(r.files[0].changed).toBe(true);
    expect(r.files[0].text).toContain('pr_info!("g0 {}\\n", x);');
    expect(ms, `kport ${ms.toFixed(0)} ms, bare parse ${floor.toFixed(0)} ms`).toBeLessThan(Math.max(5000, 25 * floor));
  });

  const deep: [string, string][] = [
    ['blocks', 'fn main() {\n' + '{'.repeat(2000) + 'println!("x");' + '}'.repeat(2000) + '\n}\n'],
    ['parentheses', 'fn main() {\n    let x = ' + '('.repeat(2000) + '1' + ')'.repeat(2000) + ';\n    println!("{}", x);\n}\n'],
    ['inline modules', 'mod a {'.repeat(2000) + ' fn f() { println!("x"); } ' + '}'.repeat(2000) + '\n'],
    ['generic types', 'type T = ' + 'Option<'.repeat(2000) + 'u8' + '>'.repeat(2000) + ';\nfn main() { println!("x"); }\n'],
    ['if expressions', 'fn main() {\n' + 'if a { '.repeat(2000) + 'println!("x");' + ' }'.repeat(2000) + '\n}\n'],
    ['binary operators', 'fn main() {\n    let x = ' + '1 + '.repeat(2000) + '1;\n    println!("{}", x);\n}\n'],
    ['closures', 'fn main() {\n    let x = ' + '|| '.repeat(2000) + '1;\n    println!("x");\n}\n'],
    ['macro calls', 'fn main() {\n    ' + 'println!("{}", '.repeat(2000) + '1' + ')'.repeat(2000) + ';\n}\n'],
    ['token trees', 'fn main() {\n    m!' + '('.repeat(2000) + ')'.repeat(2000) + ';\n    println!("x");\n}\n'],
  ];
  // Walks up the tree from every node (tree-sitter finds a parent by walking down from the root): quadratic
  // or worse in the nesting; 2000 deep took 138 s (vec!), about 30 s (modules) and 5 s (types) of CPU before.
  const deeper: [string, string][] = [
    ['vec! literals', 'fn main() {\n    let v = ' + 'vec!['.repeat(1000) + '1' + ']'.repeat(1000) + ';\n}\n'],
    ['inline modules that allocate', 'mod m { '.repeat(1000) + 'fn f() { let v = Vec::new(); v.push(1); }' + ' }'.repeat(1000) + '\nfn main() {}\n'],
    ['Vec types', 'fn main() {\n    let v: ' + 'Vec<'.repeat(1000) + 'u8' + '>'.repeat(1000) + ' = Vec::new();\n}\n'],
  ];
  for (const [name, input] of deeper) {
    it(`1000-deep nesting of ${name}: no crash, invariants kept, in time`, () => {
      const t0 = process.cpuUsage();
      const r = port(input);
      const cpu = process.cpuUsage(t0);
      expect(r.files[0].changed || codes(r).length > 0).toBe(true);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(10_000);
    });
  }
  for (const [name, input] of deep) {
    it(`2000-deep nesting of ${name}: no crash, invariants kept, in time`, () => {
      const [r, ms] = timed(() => port(input));
      expect(r.files[0].changed || codes(r).length > 0).toBe(true);
      expect(ms).toBeLessThan(20_000);
    });
  }

  it('2000 unclosed braces: the file is refused whole (K0004), nothing edited', () => {
    // The `println!` to port is inside the error, so its edit is refused, and the file with it
    // (before, a file whose every edit was refused counted as having nothing to change: K0002).
    const r = port('fn main() {\n' + '{'.repeat(2000) + 'println!("x");\n');
    expect(r.files[0].changed).toBe(false);
    expect(codes(r)).toContain('K0004');
  });

  it('very long lines: a 1 MB string, a 50 000-element array, 2 000 calls on one line', () => {
    const str = port('fn f() { println!("' + 'a'.repeat(1_000_000) + '"); }\n');
    expect(str.out.endsWith('\\n"); }\n')).toBe(true);
    const arr = port('static T: [u8; 50000] = [' + '1, '.repeat(50_000) + '];\nfn f() { println!("x"); }\n');
    expect(arr.out).toContain('pr_info!("x\\n")');
    const calls = port('fn f() { ' + 'println!("x"); '.repeat(2000) + '}\n');
    expect(calls.out.match(/pr_info!/g)).toHaveLength(2000);
  });
});

describe('files with syntax errors', () => {
  // Before issue 15 (item 5) kport ported the parts it could read and kept the
  // rest; a file with syntax errors that needs changes is now refused whole.
  it('that need changes are left whole, with an error at the first syntax error (K0004)', () => {
    // The error (a NUL) touches the macro name: before, its rename was refused and the format-string edit with it.
    const r = port('\0println!("")\n   fn f() {;\n}\n');
    expect(r.out).toBe('\0println!("")\n   fn f() {;\n}\n');
    expect(codes(r)).toEqual(['K0004']);
    const s = port('fn a() { println!("ok"); }\nfn b( { println!("broken"); \n');
    expect(s.files[0].changed).toBe(false);
    expect(codes(s)).toEqual(['K0004']);
    expect(s.diagnostics[0]).toMatchObject({ severity: 'error', start: { line: 2, column: 1 } });
  });

  it('that need no change are left as they are with a warning (K0002)', () => {
    const r = port('fn a() -> u32 { core::cmp::max(1, 2) }\nfn b( {\n');
    expect(r.files[0].changed).toBe(false);
    expect(codes(r)).toEqual(['K0002']);
    expect(r.diagnostics[0].severity).toBe('warning');
  });

  it('the prelude import is found inside a file tree-sitter wraps in an ERROR node (found by the fuzz suite)', () => {
    port('use kernel::prelude::*;\nfn main() {\n    pr_info!("x\\n", f(//! doc\nmod m;\n');
  });
});

describe('bytes that are not ordinary text', () => {
  it('NUL inside a string literal is kept and the call still ported', () => {
    const r = port('fn main() {\n    println!("a\0b");\n}\n');
    expect(r.out).toContain('pr_info!("a\0b\\n");');
  });

  it('a stray NUL is a syntax error: the file, which needs changes, is refused whole (K0004)', () => {
    const r = port('fn main() {\n    println!("a");\n}\n\0\nfn g() { println!("b"); }\n');
    expect(codes(r)).toEqual(['K0004']);
    expect(r.files[0].changed).toBe(false);
  });

  const refused: [string, Buffer, RegExp][] = [
    ['a lone continuation byte', Buffer.from([0x66, 0x6e, 0x20, 0x80]), /not valid UTF-8/],
    ['an overlong encoding', Buffer.from([0x2f, 0xc0, 0xaf]), /not valid UTF-8/],
    ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), /not valid UTF-8/],
    ['a sequence cut off at the end', Buffer.from([0x66, 0x6e, 0xe2, 0x82]), /not valid UTF-8/],
    ['Latin-1', Buffer.from('// caf\xe9\nfn main() {}\n', 'latin1'), /not valid UTF-8/],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('fn main() {}\n', 'utf16le')]), /UTF-16/],
    ['UTF-16 BE with a BOM', Buffer.from([0xfe, 0xff, 0x00, 0x66, 0x00, 0x6e]), /UTF-16/],
    ['UTF-16 LE without a BOM', Buffer.from('fn main() { println!("x"); }\n', 'utf16le'), /looks like UTF-16/],
    ['UTF-16 BE without a BOM', Buffer.from('fn main() { println!("x"); }\n', 'utf16le').swap16(), /looks like UTF-16/],
  ];
  for (const [name, bytes, msg] of refused) {
    it(`refuses ${name} with a clear message`, () => {
      expect(() => runText(bytes)).toThrow(UsageError);
      expect(() => runText(bytes)).toThrow(msg);
    });
  }

  it('keeps CRLF, a BOM, mixed endings and a missing final newline, byte for byte', () => {
    for (const s of ['\ufefffn main() {\r\n    println!("a");\r\n}', 'fn a() {}\r\nfn main() {\n    println!("a");\n}\n', 'fn main() { println!("a"); }']) {
      const r = port(Buffer.from(s));
      expect(r.files[0].changed).toBe(true);
    }
  });
});

describe('macro-heavy code', () => {
  const defs = `macro_rules! say {
    () => { println!() };
    ($fmt:expr) => { println!($fmt) };
    ($fmt:expr, $($arg:tt)*) => { println!($fmt, $($arg)*) };
}

macro_rules! outer {
    ($name:ident) => {
        macro_rules! $name { ($e:expr) => { eprintln!("{}", $e) }; }
    };
}
`;
  it('macro_rules! definitions are left byte-identical; calls outside them are ported', () => {
    const r = port(`${defs}\nfn main() {\n    say!("hi");\n    println!("x");\n}\n`);
    expect(r.out).toContain(defs);
    expect(r.out).toContain('pr_info!("x\\n");');
  });

  it('proc-macro attributes, derives and macro calls in odd places do not confuse kport', () => {
    const r = port(`#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
struct S { #[cfg(test)] a: u8 }

#[tokio::main(flavor = "current_thread")]
async fn main() {
    #[rustfmt::skip]
    let v = my_macro! { a => b, [c] };
    println! { "{:?}", v };
    println![ "done" ];
    let s = stringify!(println!("not a call"));
}
`);
    expect(r.out).toContain('stringify!(println!("not a call"))');
    expect(r.out).toContain('#[tokio::main(flavor = "current_thread")]');
  });
});

describe('unusual but valid syntax', () => {
  const ok: [string, string][] = [
    ['raw identifiers', 'fn r#match(r#type: u8) -> u8 {\n    println!("{}", r#type);\n    r#type\n}\n'],
    ['let-else', 'fn f(x: Option<u8>) {\n    let Some(y) = x else { return; };\n    println!("{}", y);\n}\n'],
    ['async closures', 'fn f() {\n    let c = async || { println!("c"); };\n    let d = async move |x: u8| x;\n}\n'],
    ['const generics', 'struct A<const N: usize>;\nfn f<const N: usize>() -> [u8; N] { [0; N] }\nfn g() {\n    f::<{ 1 + 2 }>();\n    println!("g");\n}\n'],
    ['generic associated types', "trait L {\n    type Item<'a> where Self: 'a;\n    fn get<'a>(&'a self) -> Self::Item<'a>;\n}\nfn f() { println!(\"l\"); }\n"],
    ['attributes on expressions and statements', 'fn f() {\n    #[cfg(test)]\n    {\n        println!("t");\n    }\n    let v = [#[cfg(a)] 1, 2];\n    g(#[cfg(a)] 1);\n    match 1 {\n        #[cfg(a)]\n        1 => println!("one"),\n        _ => {}\n    }\n}\n'],
    ['nested block comments', '/* a /* b */ println!("no"); */\nfn f() { /* x /* y */ */ println!("yes"); }\n'],
    ['labeled blocks, inline const, if-let chains', "fn f(a: Option<u8>) -> u8 {\n    let x = 'a: { if true { break 'a 1; } 2 };\n    let y = const { 1 + 1 };\n    if let Some(z) = a && z > 1 { println!(\"{}\", z); }\n    x + y\n}\n"],
    ['raw and C string literals', 'fn f() {\n    let s = r##"a "# b"##;\n    let c = c"x";\n    println!(r#"q "{}" "#, s);\n}\n'],
    ['async fns in traits, use<> bounds', 'trait T { async fn h(&self); }\nfn f() -> impl Iterator<Item = u8> + use<> { println!("i"); [].into_iter() }\n'],
  ];
  for (const [name, input] of ok) {
    it(`${name}: parses cleanly and the println! in it is ported`, () => {
      expect(countErrors(parse(input))).toBe(0);
      const r = port(input);
      expect(codes(r)).not.toContain('K0002');
      expect(r.out).toMatch(/pr_info!/);
      expect(r.out).not.toMatch(/println!\("(yes|c|g|l|t|one|\{\})/);
    });
  }

  it('keeps r# on raw identifiers', () => {
    const r = port(ok[0][1]);
    expect(r.out).toContain('pr_info!("{}\\n", r#type);');
    expect(r.out).toContain('fn r#match(r#type: u8)');
  });

  it('syntax tree-sitter does not know yet (unsafe extern blocks) in a file that needs changes: refused whole (K0004), no module!', () => {
    const r = port('unsafe extern "C" {\n    pub safe fn f();\n}\nfn main() { println!("g"); }\n');
    expect(codes(r)).toEqual(['K0004']);
    expect(r.files[0].changed).toBe(false);
    expect(r.newFiles).toEqual([]);
  });

  it('syntax tree-sitter does not know yet in a file with nothing to change: kept, with a warning (K0002)', () => {
    const r = port('unsafe extern "C" {\n    pub safe fn f();\n}\nfn g() -> u32 { core::cmp::max(1, 2) }\n');
    expect(codes(r)).toEqual(['K0002']);
    expect(r.files[0].changed).toBe(false);
  });
});
