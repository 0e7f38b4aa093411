// The kernel API profile tables: every entry cites a source, the docs cover
// them, `kport transforms --profile` shows what differs, and a ported file keeps
// no std path that has a kernel home.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { PROFILES, PROFILE_IDS } from '../src/kernel-api/profiles.ts';
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

/** The profile rows of the first markdown table after `heading` in `text`: id → kernels cell. */
function profileTable(text: string, heading: string): Map<string, string> {
  const rest = text.slice(text.indexOf(heading));
  const rows = new Map<string, string>();
  for (const line of rest.split('\n')) {
    const m = /^\| `([^`]+)`[^|]*\| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1], m[2].trim());
    else if (rows.size && !line.startsWith('|')) break;
  }
  return rows;
}

/** `6.13 – 6.14` → {first, last}; `7.3 development tree (…)` → {first}. */
function rangeOf(cell: string): { first: string; last?: string } {
  const m = /^(\d+\.\d+)(?: – (\d+\.\d+))?/.exec(cell);
  if (!m) throw new Error(`no range in ${cell}`);
  return m[2] ? { first: m[1], last: m[2] } : { first: m[1] };
}

describe('profile ranges: src/kernel-api/profiles.ts, README and docs/profiles.md agree', () => {
  for (const [doc, file, heading] of [['README', 'README.md', '## Kernel API profiles'], ['docs', path.join('docs', 'profiles.md'), '## Release boundaries']]) {
    it(`${doc}: one row per profile, with the range of src/kernel-api/profiles.ts`, () => {
      const rows = profileTable(readFileSync(path.join(ROOT, file), 'utf8'), heading);
      expect([...rows.keys()].sort()).toEqual([...PROFILE_IDS].sort());
      for (const id of PROFILE_IDS) {
        const cell = rows.get(id)!;
        expect(rangeOf(cell), `${doc} ${id}: ${cell}`).toEqual(PROFILES[id].range);
        if (!PROFILES[id].range.last) expect(cell).toMatch(/development tree \(\d{4}-\d\d-\d\d\)/);
      }
    });
  }

  it('ranges are adjacent and do not overlap: each starts after the previous one ends', () => {
    const ids = [...PROFILE_IDS].reverse();
    const next = (v: string) => {
      const [a, b] = v.split('.').map(Number);
      return a === 6 && b === 19 ? '7.0' : `${a}.${b + 1}`;
    };
    for (let i = 1; i < ids.length; i++) expect(PROFILES[ids[i]].range.first, ids[i]).toBe(next(PROFILES[ids[i - 1]].range.last!));
  });

  it('docs/profiles.md cites a commit for each boundary and the mainline date', () => {
    expect(docs).toContain('2026-08-18');
    for (const commit of ['38559da6afb2', 'bda947d613f1', 'c5cf01ba8dfe', '3b83f5d5e78a', 'd24f5cdbeff8', '2aac4cd7dae3', '03989773a944']) expect(docs, commit).toContain(commit);
  });
});

describe('--profile takes a profile or a release number', () => {
  it('resolves release numbers to the profile whose range holds them', async () => {
    const { resolveProfile } = await import('../src/kernel-api/profiles.ts');
    expect(['6.1', '6.12', '6.13', '6.14', '6.15', '6.16', 'v6.17', '6.18', '6.19', '7.0', '7.2', '7.3', '7.4', 'v6.13', 'mainline'].map(resolveProfile)).toEqual([
      'v6.1', 'v6.10', 'v6.13', 'v6.13', 'v6.15', 'v6.15', 'v6.17', 'v6.17', 'v6.19', 'v6.19', 'v6.19', 'mainline', 'mainline', 'v6.13', 'mainline',
    ]);
  });

  it('a name that matches no range: one line listing the profiles, exit 2', async () => {
    for (const bad of ['v5.15', 'latest', '6']) {
      const r = await kport(['check', '--profile', bad, path.join(ROOT, 'examples', 'hello')]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(r.stderr).toMatch(/unknown profile `.*`: give one of mainline \(7\.3 development tree\), v6\.19 \(6\.19-7\.2\), .*v6\.1 \(6\.1-6\.9\)/);
    }
  });
});

describe('stub features (src/kernel-api/stub-features.ts)', () => {
  it('each covered profile has exactly the features every release of its range has', async () => {
    const { STUB_FEATURES, STUB_FEATURES_OF } = await import('../src/kernel-api/stub-features.ts');
    const num = (v: string) => (v === 'mainline' ? 1e9 : Number(v.split('.')[0]) * 100 + Number(v.split('.')[1]));
    for (const [id, have] of Object.entries(STUB_FEATURES_OF)) {
      const { first, last } = PROFILES[id as keyof typeof PROFILES].range;
      const lo = last ? num(first) : 1e9; // mainline is the tree itself
      const hi = last ? num(last) : 1e9;
      const expected = Object.entries(STUB_FEATURES)
        .filter(([, f]) => num(f.since) <= lo && (!('until' in f) || num(f.until as string) >= hi))
        .map(([n]) => n)
        .sort();
      expect([...have].sort(), id).toEqual(expected);
    }
  });
});
