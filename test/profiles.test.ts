// The kernel API profile tables: every entry cites a source, the docs cover
// them, `kport transforms --profile` shows what differs, and a ported file keeps
// no std path that has a kernel home.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/api.ts';
import { PROFILES, PROFILE_IDS } from '../src/profiles.ts';
import { kport, ROOT } from './helpers.ts';

const docs = readFileSync(path.join(ROOT, 'docs', 'profiles.md'), 'utf8');

describe('std path tables', () => {
  for (const id of PROFILE_IDS) {
    it(`${id}: every entry cites its source; reports carry a K02xx code and help`, () => {
      const t = PROFILES[id].stdPaths;
      const froms = t.entries.map((e) => e.from);
      expect(new Set(froms).size, 'duplicate entries').toBe(froms.length);
      for (const e of t.entries) {
        expect(e.source, e.from).toMatch(/^(rust\/kernel\/\S+\.rs|core)/);
        if (e.target.kind === 'none') {
          expect(e.target.code).toMatch(/^K02\d\d$/);
          expect(e.target.help.length).toBeGreaterThan(20);
          expect(e.target.message).toContain('{path}');
        }
      }
    });
  }

  it('docs/profiles.md names every profile, every std module in the tables and every cited kernel file', () => {
    for (const id of PROFILE_IDS) expect(docs).toContain(`\`${id}\``);
    const mods = new Set(PROFILE_IDS.flatMap((id) => PROFILES[id].stdPaths.entries.map((e) => e.from.split('::')[0])));
    for (const m of mods) expect(docs, `std::${m}`).toContain(`std::${m}`);
    const files = new Set(PROFILE_IDS.flatMap((id) => PROFILES[id].stdPaths.entries.map((e) => /^rust\/kernel\/\S+\.rs/.exec(e.source)?.[0]).filter(Boolean)));
    for (const f of files) expect(docs, f).toContain(f!);
  });
});

describe('kport transforms --profile', () => {
  it('shows nothing extra on mainline', async () => {
    const r = await kport(['transforms']);
    expect(r.stdout).not.toContain('differs from');
  });

  it('shows what v6.1 changes', async () => {
    const r = await kport(['transforms', '--profile', 'v6.1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('differs from mainline');
    expect(r.stdout).toContain('std::fmt: core::fmt (mainline: kernel::fmt)');
    expect(r.stdout).toContain('extern crate alloc: kept');
    expect(r.stdout).toMatch(/std::sync::Arc: kernel::sync::Arc \(from 6\.3\)/);
    expect(r.stdout).toMatch(/^\s*\d+\. std-paths/m);
  });

  it('shows the v6.13 formatting difference only where it differs', async () => {
    const r = await kport(['transforms', '--profile', 'v6.13']);
    expect(r.stdout).toContain('std::fmt: core::fmt (mainline: kernel::fmt)');
    expect(r.stdout).not.toContain('std::fmt::LowerHex');
    expect(r.stdout).not.toContain('extern crate alloc');
  });
});

describe('a file with every use form', () => {
  const input = readFileSync(path.join(ROOT, 'golden', 'std-paths', '32-all-use-forms', 'input.rs'), 'utf8');
  for (const profile of PROFILE_IDS) {
    it(`${profile}: after the whole port no std path with a home is left, and each one left is reported`, () => {
      const r = runText(input, { profile });
      const out = r.files[0].text;
      const table = PROFILES[profile].stdPaths;
      const messages = r.diagnostics.map((d) => d.message);
      out.split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        for (const m of code.matchAll(/(?<![\w:])(?:::)?std::(\w+(?:::\w+)*)/g)) {
          const segs = m[1].split('::');
          if (segs[0] === 'println') continue; // print-macros' to port
          const hit = table.entries.filter((e) => segs.join('::') === e.from || segs.join('::').startsWith(e.from + '::')).sort((a, b) => b.from.length - a.from.length)[0];
          expect(['none', 'owned'], `line ${i + 1}: ${m[0]} has a kernel home`).toContain(hit?.target.kind ?? 'none');
          const written = m[0].replace(/^::/, '');
          expect(messages.some((msg) => msg.includes(`\`${written}`)), `${written} (line ${i + 1}) is not reported`).toBe(true);
        }
      });
      expect(r.files[0].failure).toBeUndefined();
    });
  }
});

describe('std-paths docs example', () => {
  it('is golden case 37, byte for byte', async () => {
    const { stdPaths } = await import('../transforms/std-paths.ts');
    const m = /Before:\n([\s\S]*?)\nAfter:\n([\s\S]*)$/.exec(stdPaths.docs)!;
    const dedent = (s: string) => s.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n') + '\n';
    const dir = path.join(ROOT, 'golden', 'std-paths', '37-docs-example');
    expect(dedent(m[1])).toBe(readFileSync(path.join(dir, 'input.rs'), 'utf8'));
    expect(dedent(m[2])).toBe(readFileSync(path.join(dir, 'output.rs'), 'utf8'));
  });
});
