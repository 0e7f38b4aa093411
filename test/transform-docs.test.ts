// Every transform in the registry has its page docs/transforms/<id>.md, whose
// "## Example" section shows the golden case golden/<id>/00-docs-example byte
// for byte (input, output, diagnostics, settings), and the index
// docs/transforms/README.md lists the transforms in registry order with their
// summaries. UPDATE_GOLDEN=1 rewrites the pages' Example sections and the index
// from the golden files and the registry: a page follows what the transform
// does, never the other way round.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../src/cli/registry.ts';
import { docsAsText, transformDocs, transformDocsPath } from '../src/cli/transform-docs.ts';
import { ROOT, kport, kportBin } from './helpers.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DOCS = path.join(ROOT, 'docs', 'transforms');

function fence(lang: string, text: string): string {
  return '```' + lang + '\n' + text.replace(/\n$/, '') + '\n```';
}

/** The Example section a page must hold: the docs-example golden case, shown whole. */
function exampleSection(id: string): string {
  const rel = `golden/${id}/00-docs-example`;
  const dir = path.join(ROOT, rel);
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const has = (f: string) => existsSync(path.join(dir, f));
  const out = ['## Example', '', `The golden case \`${rel}\`: the tests run it, and check that this section shows its files as they are.`];
  if (has('case.json')) out.push('', `Settings (\`case.json\`): \`${JSON.stringify(JSON.parse(read('case.json')))}\``);
  const input = read('input.rs');
  const output = read('output.rs');
  out.push('', 'Before (`input.rs`):', '', fence('rust', input));
  if (output === input) out.push('', 'After: unchanged.');
  else out.push('', 'After (`output.rs`):', '', fence('rust', output));
  if (has('diagnostics.txt')) out.push('', 'Reports (`diagnostics.txt`):', '', fence('text', read('diagnostics.txt')));
  else out.push('', 'Reports: nothing.');
  if (has('new')) {
    const files = readdirSync(path.join(dir, 'new'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(path.join(dir, 'new'), path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    out.push('', `New files (\`new/\`): ${files.map((f) => `\`${f}\``).join(', ')}.`);
  }
  return out.join('\n') + '\n';
}

/** [start, end) of the page's `## Example` section (to the next `## ` heading or the end). */
function sectionRange(md: string): { start: number; end: number } | undefined {
  const start = md.search(/^## Example\n/m);
  if (start < 0) return undefined;
  const next = md.slice(start + 1).search(/^## /m);
  return { start, end: next < 0 ? md.length : start + 1 + next };
}

function indexPage(): string {
  const lines = [
    '# Transforms',
    '',
    'kport runs its transforms in this order (src/cli/registry.ts); each one sees the',
    'text the ones before it produced. Each page holds the long documentation and an',
    'example that is the golden case `golden/<id>/00-docs-example`, checked by',
    'test/transform-docs.test.ts. `kport transforms` prints this list for a profile;',
    '`kport explain <id>` prints a page.',
    '',
    ...TRANSFORMS.map((t, i) => {
      return `${i + 1}. [${t.id}](${t.id}.md) (${t.safety === 'safe' ? 'rewrites' : 'reports'}): ${t.summary}`;
    }),
  ];
  return lines.join('\n') + '\n';
}

describe('transform pages', () => {
  for (const t of TRANSFORMS) {
    const file = path.join(DOCS, `${t.id}.md`);
    describe(t.id, () => {
      it('has a page titled with its id', () => {
        expect(existsSync(file), `docs/transforms/${t.id}.md`).toBe(true);
        const md = readFileSync(file, 'utf8');
        expect(md.startsWith(`# ${t.id}\n\n`)).toBe(true);
        expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
        expect(transformDocsPath(t.id)).toBe(file);
      });

      it('shows golden case 00-docs-example as it is', () => {
        const dir = path.join(ROOT, 'golden', t.id, '00-docs-example');
        expect(existsSync(path.join(dir, 'input.rs')), `golden/${t.id}/00-docs-example/input.rs`).toBe(true);
        for (const f of ['input.rs', 'output.rs', 'diagnostics.txt']) {
          const p = path.join(dir, f);
          if (existsSync(p)) expect(readFileSync(p, 'utf8'), `${f} ends with one newline and has no fence`).toMatch(/^(?![\s\S]*```)[\s\S]*[^\n]\n$/);
        }
        const md = readFileSync(file, 'utf8');
        const want = exampleSection(t.id);
        const r = sectionRange(md);
        if (UPDATE) {
          const next = r ? md.slice(0, r.start) + want + (r.end < md.length ? '\n' + md.slice(r.end) : '') : md.replace(/\n*$/, '\n\n') + want;
          if (next !== md) writeFileSync(file, next);
          return;
        }
        expect(r, 'a "## Example" section').toBeDefined();
        const got = md.slice(r!.start, r!.end).replace(/\n+$/, '\n');
        expect(got).toBe(want);
      });

      it('is what `kport explain` prints', async () => {
        const r = await kport(['explain', t.id]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(`${t.id}: ${t.summary}\n\n${docsAsText(transformDocs(t.id)!)}\n\nprofiles: ${t.profiles.join(', ')}; ${t.safety}\n`);
      });
    });
  }

  it('the compiled kport (dist/, through bin/kport.js) finds the pages from the package root', () => {
    const r = kportBin(['explain', 'print-macros']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nBefore (`input.rs`):\n');
  });

  it('the index lists every transform in order with its summary', () => {
    const file = path.join(DOCS, 'README.md');
    if (UPDATE) writeFileSync(file, indexPage());
    expect(readFileSync(file, 'utf8')).toBe(indexPage());
  });

  it('docs/transforms holds a page for registered transforms only', () => {
    const ids = new Set(TRANSFORMS.map((t) => t.id));
    for (const f of readdirSync(DOCS).filter((f) => f !== 'README.md')) expect(ids, `docs/transforms/${f}`).toContain(f.replace(/\.md$/, ''));
  });
});
