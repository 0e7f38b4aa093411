// `--compat none` turns the compat types off: kport then does what it did
// before they existed, byte for byte.
//
// - Every golden case, run with `compat: none`, gives its own expectation
//   (output and diagnostics), except the cases of the compat passes, which
//   must change nothing and say nothing, and the cases that set a compat mode
//   themselves (they show that mode).
// - Every bundled example, ported whole with `compat: none`, gives exactly
//   the port recorded in test/fixtures/compat-none/<example>.txt, which was
//   kport's output before the compat types (KString, kformat!, ...) existed.
//   `UPDATE_EXPECT=1` rewrites those files after an intended change elsewhere:
//   check that the diff has no compat type in it.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths, runText } from '../src/cli/api.ts';
import { formatShort } from '../src/outputs/diagnostics.ts';
import { encodeSource } from '../src/engine/source.ts';
import type { ProfileId } from '../src/kernel-api/profiles.ts';
import type { CrateInfo } from '../src/engine/types.ts';
import { ROOT, kport, tempDir } from './helpers.ts';

const GOLDEN = path.join(ROOT, 'golden');
const SNAPSHOTS = path.join(ROOT, 'test', 'fixtures', 'compat-none');
const UPDATE = process.env.UPDATE_EXPECT === '1';
const NONE = { compat: 'none' };

const dirs = (d: string) => readdirSync(d).filter((x) => statSync(path.join(d, x)).isDirectory()).sort();

interface CaseConfig {
  profile?: ProfileId;
  transforms?: string[];
  crate?: Partial<CrateInfo>;
  options?: Record<string, unknown>;
}

describe('--compat none: the golden cases', () => {
  for (const id of dirs(GOLDEN)) {
    for (const name of dirs(path.join(GOLDEN, id))) {
      const dir = path.join(GOLDEN, id, name);
      if (!existsSync(path.join(dir, 'input.rs'))) continue; // crate cases: golden.test.ts; none uses a compat pass
      const cfgFile = path.join(dir, 'case.json');
      const cfg: CaseConfig = existsSync(cfgFile) ? JSON.parse(readFileSync(cfgFile, 'utf8')) : {};
      if (cfg.options && 'compat' in cfg.options) continue;
      const transforms = cfg.transforms ?? [id];
      const compatPass = transforms.some((t) => t.startsWith('compat-'));
      it(`${id}/${name}`, () => {
        const input = readFileSync(path.join(dir, 'input.rs'));
        const r = runText(input, { path: 'input.rs', profile: cfg.profile, transforms, crate: { ...cfg.crate, options: { ...cfg.crate?.options, ...cfg.options, ...NONE } } });
        const out = encodeSource(r.files[0].src, r.files[0].text).toString('utf8');
        const diags = formatShort(r.diagnostics);
        if (compatPass) {
          expect(out).toBe(input.toString('utf8'));
          expect(diags).toBe('');
          return;
        }
        expect(out).toBe(readFileSync(path.join(dir, 'output.rs'), 'utf8'));
        const d = path.join(dir, 'diagnostics.txt');
        expect(diags).toBe(existsSync(d) ? readFileSync(d, 'utf8') : '');
      });
    }
  }
});

/** A port as text: each changed or new file, then the diagnostics. */
function portText(example: string): string {
  const [r] = runPaths([path.join(ROOT, 'examples', example)], { options: NONE });
  const parts: string[] = [];
  for (const f of [...r.files].sort((a, b) => a.src.rel.localeCompare(b.src.rel))) {
    if (f.text !== f.src.text) parts.push(`=== ${f.src.rel}\n${f.text}`);
  }
  for (const nf of r.newFiles) parts.push(`=== new ${nf.rel}\n${String(nf.contents)}`);
  parts.push(`=== diagnostics\n${formatShort(r.diagnostics)}`);
  return parts.join('\n');
}

describe('--compat none: the bundled examples', () => {
  for (const example of dirs(path.join(ROOT, 'examples'))) {
    it(example, () => {
      const file = path.join(SNAPSHOTS, `${example}.txt`);
      const text = portText(example);
      if (UPDATE) writeFileSync(file, text);
      expect(existsSync(file), `${path.relative(ROOT, file)} is missing (UPDATE_EXPECT=1 writes it)`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
      expect(text).not.toMatch(/\bKString\b|\bkformat!|\bto_kstring\b/);
    });
  }
});

describe('--compat and [package.metadata.kport] compat', () => {
  const program = 'fn main() {\n    let s = String::from("hi");\n    println!("{}", s);\n}\n';
  function crate(meta = ''): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "hi"\nversion = "0.1.0"\n${meta}`);
    writeFileSync(path.join(dir, 'src', 'main.rs'), program);
    return dir;
  }

  it('ports String by default; --compat none and the metadata only report it, the same way', async () => {
    const on = await kport(['rewrite', '--dry-run', crate()]);
    expect(on.stdout).toContain('KString::try_from("hi")?');
    const off = await kport(['rewrite', '--dry-run', '--compat', 'none', crate()]);
    expect(off.stdout).not.toMatch(/KString|kport_compat/);
    expect(off.stderr).toContain('error[K0304]');
    const meta = await kport(['rewrite', '--dry-run', crate('\n[package.metadata.kport]\ncompat = "none"\n')]);
    expect(meta.stdout).toBe(off.stdout);
    expect((await kport(['check', '--compat', 'none', crate()])).stdout).toContain('error[K0304]');
    // The flag wins over the metadata.
    expect((await kport(['rewrite', '--dry-run', '--compat', 'all', crate('\n[package.metadata.kport]\ncompat = "none"\n')])).stdout).toBe(on.stdout);
  });

  it('an unknown mode is a usage error', async () => {
    const flag = await kport(['rewrite', '--dry-run', '--compat', 'some', crate()]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--compat: unknown compat mode "some"; choose all, none/);
    const meta = await kport(['check', crate('\n[package.metadata.kport]\ncompat = 1\n')]);
    expect(meta.code).toBe(2);
    expect(meta.stderr).toMatch(/\[package\.metadata\.kport\] compat: unknown compat mode 1/);
  });
});
