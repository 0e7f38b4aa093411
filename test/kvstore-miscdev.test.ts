// examples/kvstore, the key-value store of issue 16, ported with
// `kport rewrite --io miscdev` (mainline): no error-level diagnostic, the
// compat `Map`/`KString` in the port, `kport verify --werror` clean against
// the kernel API stub, and, built against the userspace kernel shim, the
// device prints what the program prints, also with lines split across writes
// and small reads, and for inputs beyond input.txt. (Its allocation-failure
// sweep is test/alloc-sweep.test.ts's, like every example's.) Skipped without rustc.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, diagnosticsOf, kport, tempDir } from './helpers.ts';
import { buildModule, buildProgram, run, rustcVersion, warningsOf } from './userspace-shim.ts';

const hasRustc = rustcVersion() !== undefined;
if (!hasRustc) console.warn('kvstore-miscdev.test.ts: skipped: no rustc on PATH, so the ported kvstore cannot be built');

const KVSTORE = path.join(ROOT, 'examples', 'kvstore');
const input = readFileSync(path.join(KVSTORE, 'input.txt'), 'utf8');
const expected = readFileSync(path.join(KVSTORE, 'expected-output.txt'), 'utf8');

/** More sessions: overwriting, deleting everything, appending to a number, keys at the length limit. */
const INPUTS: Record<string, string> = {
  'overwrite and delete all': 'set a 1\nset b 2\nset a 3\nget a\ndel a\ndel b\nkeys\nstats\n',
  'append then incr': 'append n 4\nappend n 1\nincr n\nincr n\nget n\nappend n x\nincr n\ndump\n',
  'key length limit': 'set 0123456789abcdef ok\nset 0123456789abcdefg no\nkeys\nget 0123456789abcdef\n',
  'empty values and unknown commands': 'set e\nget e\nappend e\nstats\nfrob x\n\n   \nkeys\n',
};

describe.skipIf(!hasRustc)('examples/kvstore ported with --io miscdev', () => {
  let out = '';
  let port: { code: number; stdout: string; stderr: string };
  let exe = '';
  let original = '';
  let buildLog = '';

  beforeAll(async () => {
    out = path.join(tempDir(), 'kvstore-mod');
    port = await kport(['rewrite', '--io', 'miscdev', '--profile', 'mainline', '--format', 'json', '--out-dir', out, KVSTORE]);
    const b = buildModule(path.join(out, 'kvstore.rs'), 'kvstore');
    buildLog = b.stderr;
    exe = b.ok ? b.exe : '';
    const o = buildProgram(path.join(KVSTORE, 'src', 'main.rs'), 'kvstore');
    expect(o.ok, o.stderr).toBe(true);
    original = o.exe;
  }, 120_000);

  it('ports with no error-level diagnostic, to the compat Map and KString behind /dev/kvstore', () => {
    expect(port.code, port.stderr).toBe(0);
    const errors = diagnosticsOf(port.stderr).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.file}:${d.start.line} ${d.message}`)).toEqual([]);
    const root = readFileSync(path.join(out, 'kvstore.rs'), 'utf8');
    expect(root).toContain('values: Map<KString, KString>,');
    expect(root).toContain('miscdev::register(Session {');
    expect(root).not.toMatch(/\bString\b|\bHashMap\b|[^k]format!/);
    expect(readFileSync(path.join(out, 'miscdev.rs'), 'utf8')).toContain('c"kvstore"');
  });

  it('type-checks against the kernel API stub with warnings as errors (kport verify --werror)', async () => {
    const v = await kport(['verify', '--werror', '--format', 'json', '--profile', 'mainline', out]);
    expect(diagnosticsOf(v.stdout).map((d) => `${d.file}:${d.start.line} ${d.message}`)).toEqual([]);
    expect(v.code).toBe(0);
  });

  it('builds against the userspace kernel shim with no warning', () => {
    expect(exe, buildLog).not.toBe('');
    expect(warningsOf(buildLog), buildLog).toEqual([]);
  });

  it('prints expected-output.txt for input.txt, as the program does, also with split writes and small reads', () => {
    expect(run(original, input).stdout).toBe(expected);
    const r = run(exe, input);
    expect(r.stdout).toBe(expected);
    expect(r.status).toBe(0);
    expect(run(exe, input, { KPORT_SHIM_WRITE_SIZE: '3', KPORT_SHIM_READ_SIZE: '5' }).stdout).toBe(expected);
  });

  for (const [what, text] of Object.entries(INPUTS)) {
    it(`prints what the program prints: ${what}`, () => {
      const want = run(original, text);
      const got = run(exe, text, { KPORT_SHIM_READ_SIZE: '7' });
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(0);
    });
  }
});
