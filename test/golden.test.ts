// The golden harness: every golden/<transform-id>/<case>/ folder is one
// documented example. Single-file cases have input.rs → output.rs; crate
// cases have input/ → output/ folders. diagnostics.txt (when present) holds
// the expected diagnostics; its absence means "reports nothing".
// case.json may set { "profile", "transforms", "crate", "options", "bin" } (options: as
// the command line passes them to transforms, e.g. { "io": "miscdev" }; bin: --bin NAME).
// UPDATE_GOLDEN=1 npm test rewrites the expectations.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runPaths, runText } from '../src/cli/api.ts';
import { formatShort } from '../src/outputs/diagnostics.ts';
import { encodeSource } from '../src/engine/source.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import type { ProfileId } from '../src/kernel-api/profiles.ts';
import type { CrateInfo } from '../src/engine/types.ts';

const GOLDEN = path.resolve(import.meta.dirname, '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface CaseConfig {
  profile?: ProfileId;
  transforms?: string[];
  crate?: Partial<CrateInfo>;
  options?: Record<string, unknown>;
  /** For crate cases: the binary to port (`--bin NAME`). */
  bin?: string;
}

function listDirs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory()).sort() : [];
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out.sort();
}

function expectFile(file: string, actual: Buffer | string): void {
  const data = typeof actual === 'string' ? Buffer.from(actual) : actual;
  if (UPDATE) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    return;
  }
  expect(existsSync(file), `${path.relative(GOLDEN, file)} is missing (UPDATE_GOLDEN=1 creates it)`).toBe(true);
  // Byte-exact: a trailing newline matters.
  expect(data.toString('utf8')).toBe(readFileSync(file, 'utf8'));
}

function expectDiagnostics(file: string, text: string): void {
  if (UPDATE) {
    if (text) writeFileSync(file, text);
    else rmSync(file, { force: true });
    return;
  }
  expect(text).toBe(existsSync(file) ? readFileSync(file, 'utf8') : '');
}

const ids = new Set(TRANSFORMS.map((t) => t.id));

describe('golden folders', () => {
  it('every golden folder names a registered transform', () => {
    for (const d of listDirs(GOLDEN)) expect(ids, `golden/${d}`).toContain(d);
  });
});

for (const id of listDirs(GOLDEN)) {
  describe(`golden/${id}`, () => {
    for (const name of listDirs(path.join(GOLDEN, id))) {
      const dir = path.join(GOLDEN, id, name);
      const cfgFile = path.join(dir, 'case.json');
      const cfg: CaseConfig = existsSync(cfgFile) ? JSON.parse(readFileSync(cfgFile, 'utf8')) : {};
      const transforms = cfg.transforms ?? [id];
      if (cfg.options) cfg.crate = { ...cfg.crate, options: { ...cfg.crate?.options, ...cfg.options } };
      if (existsSync(path.join(dir, 'input.rs'))) {
        it(name, () => {
          const input = readFileSync(path.join(dir, 'input.rs'));
          const r = runText(input, { path: 'input.rs', profile: cfg.profile, transforms, crate: cfg.crate });
          const f = r.files[0];
          const out = encodeSource(f.src, f.text);
          expectFile(path.join(dir, 'output.rs'), out);
          expectDiagnostics(path.join(dir, 'diagnostics.txt'), formatShort(r.diagnostics));
          for (const nf of r.newFiles) expectFile(path.join(dir, 'new', nf.rel), nf.contents);
          if (!UPDATE) {
            // Idempotence: the output is a fixed point.
            const again = runText(out, { path: 'input.rs', profile: cfg.profile, transforms, crate: cfg.crate });
            expect(again.files[0].text, 'running again on output.rs changes it').toBe(again.files[0].src.text);
          }
        });
      } else if (existsSync(path.join(dir, 'input'))) {
        it(name, () => {
          const run = (root: string) => runPaths([root], { profile: cfg.profile, transforms, ...(cfg.crate?.moduleName ? { moduleName: cfg.crate.moduleName } : {}), ...(cfg.options ? { options: cfg.options } : {}), ...(cfg.bin ? { bin: cfg.bin } : {}) });
          const [r] = run(path.join(dir, 'input'));
          const produced = new Map<string, Buffer | string>();
          for (const f of r.files) produced.set(f.src.rel, encodeSource(f.src, f.text));
          for (const nf of r.newFiles) produced.set(nf.rel, nf.contents);
          const outDir = path.join(dir, 'output');
          if (UPDATE) rmSync(outDir, { recursive: true, force: true });
          for (const [rel, data] of produced) expectFile(path.join(outDir, rel), data);
          if (!UPDATE) {
            const extra = listFiles(path.join(dir, 'input'))
              .concat(existsSync(outDir) ? listFiles(outDir) : [])
              .filter((rel) => rel.endsWith('.rs') && !produced.has(rel));
            expect(extra, 'files in output/ the run did not produce').toEqual([]);
          }
          const diagText = formatShort(r.diagnostics);
          expectDiagnostics(path.join(dir, 'diagnostics.txt'), diagText);
          if (!UPDATE) {
            // Idempotence on the crate: copy output/ and run again.
            const tmp = mkdtempSync(path.join(tmpdir(), 'kport-golden-'));
            cpSync(path.join(dir, 'input'), tmp, { recursive: true });
            cpSync(outDir, tmp, { recursive: true });
            try {
              const [again] = run(tmp);
              for (const f of again.files) expect(f.text, `${f.src.rel} changes on a second run`).toBe(f.src.text);
            } finally {
              rmSync(tmp, { recursive: true, force: true });
            }
          }
        });
      }
    }
  });
}
