// Machine-readable outputs: SARIF validates against the 2.1.0 schema, GitHub
// workflow commands are well-formed, and rdjson's suggestions, applied, give
// exactly what `kport rewrite --write` writes.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';

// The CommonJS build exports the class as `default`; under ESM it arrives wrapped.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as unknown as typeof Ajv2020Module.default;
import { describe, expect, it } from 'vitest';
import { ROOT, copyOf, gitInit, kport, tempDir } from './helpers.ts';

const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));

/** A small crate that both rewrites and reports, with a CRLF file and non-ASCII text. */
function sampleCrate(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "sample"\nversion = "0.1.0"\n\n[dependencies]\nrand = "0.8"\n');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(
    path.join(dir, 'src', 'main.rs'),
    'mod util;\n\nfn main() {\n    let v: Option<u32> = None;\n    let n = v.unwrap();\n    println!("héllo {}", n);\n    let r = 1.5;\n    println!("ratio {}", r);\n}\n',
  );
  writeFileSync(path.join(dir, 'src', 'util.rs'), 'pub fn greet(n: u32) {\r\n    // ünïcode before the call\r\n    eprintln!("n = {}", n);\r\n    let s = format!("{}", n);\r\n}\r\n');
  return dir;
}

interface RdPos {
  line: number;
  column: number;
}
interface RdSuggestion {
  range: { start: RdPos; end: RdPos };
  text: string;
}

/** Apply rdjson suggestions to a file's bytes: lines 1-based, columns 1-based UTF-8 bytes. */
function applySuggestions(data: Buffer, sugs: RdSuggestion[]): Buffer {
  const lineStarts = [0];
  for (let i = 0; i < data.length; i++) if (data[i] === 0x0a) lineStarts.push(i + 1);
  const offset = (p: RdPos) => lineStarts[p.line - 1] + p.column - 1;
  let out = data;
  for (const s of [...sugs].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = Buffer.concat([out.subarray(0, offset(s.range.start)), Buffer.from(s.text, 'utf8'), out.subarray(offset(s.range.end))]);
  }
  return out;
}

function files(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    if (e.name === '.git') return [];
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, r) : [r];
  });
}

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with rule help and no helpUri', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(SCHEMA);
    const r = await kport(['check', '--format', 'sarif', sampleCrate()]);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.results.length).toBeGreaterThan(3);
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('K0601');
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(20);
      expect(rule.helpUri).toBeUndefined();
    }
    for (const res of run.results) expect(ids[res.ruleIndex]).toBe(res.ruleId);
    // The rewrite command takes the format too (diagnostics on stderr).
    const rw = await kport(['rewrite', '--dry-run', '--format', 'sarif', sampleCrate()]);
    expect(validate(JSON.parse(rw.stderr))).toBe(true);
  });

  it('an empty run validates too', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ok.rs'), 'fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n');
    const r = await kport(['check', '--format', 'sarif', path.join(dir, 'ok.rs')]);
    expect(ajv.compile(SCHEMA)(JSON.parse(r.stdout))).toBe(true);
  });
});

describe('--format json', () => {
  it('matches the documented schema (docs/diagnostics.schema.json)', async () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'diagnostics.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const r = await kport(['check', '--format', 'json', sampleCrate()]);
    const out = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(out.diagnostics.length).toBeGreaterThan(3);
  });
});

describe('--format github', () => {
  it('prints one workflow command per diagnostic, escaped', async () => {
    const crate = sampleCrate();
    const r = await kport(['check', '--format', 'github', crate], crate);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kport K\d{4}::K\d{4}: [^\n\r]*$/);
    expect(r.stdout).toContain('::warning file=src/main.rs,line=5,col=');
    expect(r.stdout).toContain('%0Ahelp: ');
    expect(r.code).toBe(1);
  });
});

describe('--format rdjson', () => {
  it('suggestions applied to the input equal the --write result', async () => {
    const crate = sampleCrate();
    // --no-module: the module entry renames the crate root, which suggestions cannot express.
    const r = await kport(['rewrite', '--dry-run', '--no-module', '--format', 'rdjson', crate], crate);
    const rd = JSON.parse(r.stderr);
    expect(rd.source.name).toBe('kport');
    const byFile = new Map<string, RdSuggestion[]>();
    for (const d of rd.diagnostics) {
      expect(['ERROR', 'WARNING', 'INFO']).toContain(d.severity);
      for (const s of d.suggestions ?? []) byFile.set(d.location.path, [...(byFile.get(d.location.path) ?? []), s]);
    }
    expect(byFile.size).toBe(2);

    const written = copyOf(crate);
    gitInit(written);
    const w = await kport(['rewrite', '--write', '--no-module', written]);
    expect(w.code).toBe(1); // error-level diagnostics remain (floats, format!, rand)
    for (const rel of files(crate)) {
      const original = readFileSync(path.join(crate, rel));
      const applied = byFile.has(rel) ? applySuggestions(original, byFile.get(rel)!) : original;
      expect(applied.toString('utf8'), rel).toBe(readFileSync(path.join(written, rel), 'utf8'));
    }
  });

  it('columns of diagnostics are UTF-8 bytes', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.rs'), 'fn f(v: Option<u8>) { let é = v.unwrap(); }\n');
    const rd = JSON.parse((await kport(['check', '--format', 'rdjson', path.join(dir, 'a.rs')])).stdout);
    const d = rd.diagnostics.find((x: { code: { value: string } }) => x.code.value === 'K0601');
    // `unwrap` starts at character column 33 and byte column 34 (é is two bytes).
    expect(d.location.range.start).toEqual({ line: 1, column: 34 });
  });
});

describe('kport check', () => {
  it('exit code: 1 on errors, 0 on warnings unless --deny warnings', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'w.rs'), 'fn f(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n');
    writeFileSync(path.join(dir, 'e.rs'), 'fn f() -> f64 {\n    0.5\n}\n');
    const warn = await kport(['check', path.join(dir, 'w.rs')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('warning[K0601]: `.unwrap()` panics');
    expect(warn.stdout).toContain(
      [
        'warning[K0601]: `.unwrap()` panics on `None`/`Err`',
        ' --> w.rs:2:7',
        '  |',
        '2 |     v.unwrap()',
        '  |       ^^^^^^^^',
        '  = help: handle the case and return an error (`.ok_or(EINVAL)?`, `?`, `match`); a panic in the kernel is an oops',
        '',
      ].join('\n'),
    );
    expect(warn.stdout.trimEnd().split('\n').pop()).toBe('kport: 0 errors, 1 warning, 0 notes (K0601×1)');
    expect((await kport(['check', '--deny', 'warnings', path.join(dir, 'w.rs')])).code).toBe(1);
    expect((await kport(['check', path.join(dir, 'e.rs')])).code).toBe(1);
    // Nothing is written.
    expect(readFileSync(path.join(dir, 'w.rs'), 'utf8')).toBe('fn f(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n');
  });

  it('rejects an unknown format with exit code 2', async () => {
    const r = await kport(['check', '--format', 'xml', 'x.rs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kport: unknown format `xml`; choose one of human, json, sarif, github, rdjson\n');
  });
});

describe('kport explain CODE', () => {
  it('prints the long form and a golden case that reports the code', async () => {
    const r = await kport(['explain', 'k0601']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^K0601 \(warning\): `unwrap`\/`expect` panics in the kernel\n\n/);
    expect(r.stdout).toContain('Example (golden/check-panics/01-unwrap-expect):\n');
    expect(r.stdout).toContain('reports:\n    input.rs:2:27: warning[K0601]:');
  });
});
