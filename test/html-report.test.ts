// The HTML review page in a real headless browser (the system's Chromium,
// driven by playwright-core): it loads with no console error and no request
// beyond the file itself, every diagnostic is visible under its own line, and
// the layout holds (no sideways overflow, summary first, boxes inside their
// file's section). Skips with a message when no Chromium is installed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kport, tempDir } from './helpers.ts';

const CHROMIUM = [process.env.KPORT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p): p is string => !!p && existsSync(p));
if (!CHROMIUM) console.warn('html-report.test.ts: no Chromium found (apt-get install chromium, or set KPORT_CHROMIUM); the browser tests are skipped');

interface Diag {
  code: string;
  file: string;
  start: { line: number };
}

describe.skipIf(!CHROMIUM)('--html review page in a browser', () => {
  it('loads cleanly; every diagnostic is visible at its line; the layout holds', async () => {
    const { chromium } = await import('playwright-core');
    const out = path.join(tempDir(), 'review.html');
    // rewrite: the diff with diagnostics inline; calc has diagnostics inside and outside the diff.
    const calc = path.join(ROOT, 'examples', 'calc');
    const r = await kport(['rewrite', '--dry-run', '--format', 'json', '--root', calc, '--html', out, calc]);
    expect(r.code).toBe(1);
    const diags: Diag[] = JSON.parse(r.stderr).diagnostics;
    expect(diags.length).toBeGreaterThan(10);
    const page = readFileSync(out, 'utf8');
    expect(page).not.toMatch(/<script|<link|src="http|url\(http/i);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      tab.on('request', (q) => {
        if (q.url() !== `file://${out}`) problems.push(`request: ${q.url()}`);
      });
      await tab.goto(`file://${out}`);
      expect(problems).toEqual([]);

      // Each diagnostic: its box is visible, and the line shown right above it is its own line.
      const seen = await tab.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-diag]')].map((el) => {
          const r = el.getBoundingClientRect();
          const visible = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
          let shownLine: number | undefined;
          const row = el.closest('tr.kport-diag');
          if (row) {
            let prev = row.previousElementSibling;
            while (prev && prev.classList.contains('kport-diag')) prev = prev.previousElementSibling;
            shownLine = Number(prev?.querySelector('.line-num1')?.textContent);
          } else {
            let prev = el.previousElementSibling;
            while (prev && !prev.classList.contains('src')) prev = prev.previousElementSibling;
            shownLine = Number(prev?.querySelector('.ln')?.textContent);
          }
          const section = el.closest('section.file')!.getBoundingClientRect();
          return {
            code: el.dataset.code!,
            file: el.dataset.file!,
            line: Number(el.dataset.line),
            visible,
            shownLine,
            inside: r.left >= section.left - 1 && r.right <= section.right + 1,
          };
        }),
      );
      expect(seen.length).toBe(diags.length);
      const key = (x: { code: string; file: string; line: number }) => `${x.file}:${x.line}:${x.code}`;
      expect(seen.map(key).sort()).toEqual(diags.map((d) => key({ code: d.code, file: d.file, line: d.start.line })).sort());
      for (const s of seen) {
        expect(s.visible, key(s)).toBe(true);
        expect(s.shownLine, key(s)).toBe(s.line);
        expect(s.inside, key(s)).toBe(true);
      }
      // Both kinds of placement occur: inline in the diff, and as an excerpt.
      expect(await tab.locator('tr.kport-diag [data-diag]').count()).toBeGreaterThan(0);
      expect(await tab.locator('.excerpt [data-diag]').count()).toBeGreaterThan(0);

      // Layout: nothing runs off the side of the page; the summary and the decisions come before the files.
      const layout = await tab.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        summary: document.querySelector('#summary')!.getBoundingClientRect().top,
        decisions: document.querySelector('#decisions')!.getBoundingClientRect().top,
        firstFile: document.querySelector('section.file')!.getBoundingClientRect().top,
        decisionLinks: document.querySelectorAll('#decisions a[href^="#d"]').length,
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(1280);
      expect(layout.summary).toBeLessThan(layout.decisions);
      expect(layout.decisions).toBeLessThan(layout.firstFile);
      expect(layout.decisionLinks).toBe(diags.filter((d) => (d as unknown as { severity: string }).severity === 'error').length);
      const shot = await tab.screenshot({ fullPage: true, path: path.join(tempDir(), 'review.png') });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
      expect(shot.length).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  });

  it('check --html writes the same kind of page for a check', async () => {
    const out = path.join(tempDir(), 'check.html');
    const r = await kport(['check', '--html', out, path.join(ROOT, 'examples', 'hello')]);
    expect(r.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<title>kport review: check</title>');
    expect(page).toContain('data-code="K0507"');
    expect(page).toContain('None: no error-level diagnostic.');
  });
});
