// `kport rewrite --html FILE` / `kport check --html FILE`: one self-contained
// review page (no network, no script, no external asset): a summary by
// severity and code, the decisions left, and per file the diff (rendered by
// diff2html) with every diagnostic shown inline under the line it is about.
// A diagnostic on a line the diff does not show gets the line itself as an
// excerpt, in the same file's section, so every one is at its line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { html as diffToHtml } from 'diff2html';
import { catalogue } from '../cli/codes.ts';
import { sortDiagnostics } from './diagnostics.ts';
import { unifiedDiff, type FileChange } from './patcher.ts';
import type { Diagnostic, Severity } from '../engine/types.ts';

export interface HtmlReportInput {
  title: string;
  /** What was ported or checked, for the header. */
  inputs: string[];
  profile: string;
  version: string;
  diagnostics: Diagnostic[];
  /** The rewrite, file by file (paths as in the diff). */
  changes: FileChange[];
  /** Text (LF) of files with diagnostics, by diagnostic path (at least the lines they point at). */
  sources: Map<string, string>;
  date?: Date;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escaped text with its `code spans` shown as code, as kport's messages write them. */
const rich = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

let css: string | undefined;
function diff2htmlCss(): string {
  if (css === undefined) {
    const require = createRequire(import.meta.url);
    css = readFileSync(require.resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
  }
  return css;
}

const OWN_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { background: #fff; border-bottom: 1px solid #d0d7de; max-width: none; }
header > * { max-width: 1152px; margin-left: auto; margin-right: auto; }
h1 { font-size: 22px; margin: 8px auto; }
h2 { font-size: 17px; margin: 24px auto 8px; }
.meta { color: #59636e; }
table.counts { border-collapse: collapse; margin: 8px auto 8px 0; }
table.counts td, table.counts th { border: 1px solid #d0d7de; padding: 3px 10px; text-align: left; }
table.counts th { background: #f6f8fa; }
.sev { display: inline-block; min-width: 58px; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; text-align: center; color: #fff; }
.sev-error { background: #cf222e; } .sev-warning { background: #9a6700; } .sev-note { background: #0969da; }
ol.decisions { padding-left: 24px; } ol.decisions li { margin: 3px 0; }
code, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
section.file { margin: 20px 0 28px; }
section.file > h2 { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 15px; }
tr.kport-diag td { padding: 0; }
.diag { margin: 4px 8px 6px 8px; padding: 6px 10px; border-left: 4px solid; border-radius: 4px; background: #fff; font-family: system-ui, sans-serif; white-space: normal; }
.diag-error { border-color: #cf222e; background: #ffebe9; } .diag-warning { border-color: #9a6700; background: #fff8c5; } .diag-note { border-color: #0969da; background: #ddf4ff; }
.diag .msg { font-weight: 600; } .diag .help { color: #59636e; margin-top: 2px; }
.excerpt { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: 8px 0; }
.excerpt .src { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; padding: 4px 10px; white-space: pre-wrap; word-break: break-all; border-bottom: 1px solid #eaeef2; }
.excerpt .src .ln { color: #59636e; display: inline-block; min-width: 40px; }
.d2h-file-wrapper { margin-bottom: 0; }
`;

const SEVERITIES: Severity[] = ['error', 'warning', 'note'];

function diagBox(d: Diagnostic, id: number): string {
  return `<div class="diag diag-${d.severity}" id="d${id}" data-diag="${id}" data-code="${esc(d.code)}" data-file="${esc(d.file)}" data-line="${d.start.line}">`
    + `<span class="sev sev-${d.severity}">${d.severity}</span> <code>${esc(d.code)}</code> <span class="loc">${esc(d.file)}:${d.start.line}:${d.start.column}</span> `
    + `<div class="msg">${rich(d.message)}</div>${d.help ? `<div class="help">help: ${rich(d.help)}</div>` : ''}</div>`;
}

/** diff2html's line-by-line table for one file, with a row under each old line that has diagnostics. */
function fileDiff(change: FileChange, diags: { d: Diagnostic; id: number }[], placed: Set<number>): string {
  const rendered = diffToHtml(unifiedDiff([change]), { outputFormat: 'line-by-line', drawFileList: false, matching: 'none' });
  // The last row that shows each old line: a deleted line, or a context line.
  const rows = [...rendered.matchAll(/<tr>[\s\S]*?<\/tr>/g)];
  const lastRowOf = new Map<number, number>();
  rows.forEach((m, i) => {
    const n = /<div class="line-num1">(\d+)<\/div>/.exec(m[0]);
    if (n) lastRowOf.set(Number(n[1]), i);
  });
  const after = new Map<number, string>();
  for (const { d, id } of diags) {
    const row = lastRowOf.get(d.start.line);
    if (row === undefined) continue;
    placed.add(id);
    after.set(row, (after.get(row) ?? '') + diagBox(d, id));
  }
  if (after.size === 0) return rendered;
  let out = '';
  let last = 0;
  rows.forEach((m, i) => {
    const end = m.index! + m[0].length;
    out += rendered.slice(last, end);
    last = end;
    const boxes = after.get(i);
    if (boxes) out += `<tr class="kport-diag"><td colspan="2">${boxes}</td></tr>`;
  });
  return out + rendered.slice(last);
}

/** Diagnostics the diff does not show: the line itself, then the diagnostics under it. */
function excerpts(text: string | undefined, diags: { d: Diagnostic; id: number }[]): string {
  if (diags.length === 0) return '';
  const lines = text?.split('\n') ?? [];
  const byLine = new Map<number, { d: Diagnostic; id: number }[]>();
  for (const x of diags) byLine.set(x.d.start.line, [...(byLine.get(x.d.start.line) ?? []), x]);
  let out = '<div class="excerpt">';
  for (const [line, xs] of [...byLine].sort(([a], [b]) => a - b)) {
    out += `<div class="src"><span class="ln">${line}</span>${esc(lines[line - 1] ?? '')}</div>`;
    for (const { d, id } of xs) out += diagBox(d, id);
  }
  return out + '</div>';
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const ds = sortDiagnostics(input.diagnostics);
  const numbered = ds.map((d, id) => ({ d, id }));
  const cat = catalogue();
  const bySev = (s: Severity) => ds.filter((d) => d.severity === s).length;
  const codes = new Map<string, number>();
  for (const d of ds) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);

  // Files: every changed file (by its original path) and every file with diagnostics.
  const changeOf = new Map<string, FileChange>();
  for (const c of input.changes) changeOf.set(c.old ? c.from ?? c.path : c.path, c);
  // The user's own files first (changed or reported), new files (build files, compat module) last.
  const created = [...changeOf].filter(([, c]) => !c.old).map(([f]) => f);
  const files = [...new Set([...[...changeOf.keys()].filter((f) => !created.includes(f)), ...ds.map((d) => d.file), ...created])];

  let body = '';
  for (const f of files) {
    const c = changeOf.get(f);
    const mine = numbered.filter((x) => x.d.file === f);
    const placed = new Set<number>();
    const title = c?.from ? `${c.from} → ${c.path}` : c && !c.old ? `${c.path} (new file)` : f;
    body += `<section class="file" id="file-${esc(f)}"><h2>${esc(title)}</h2>`;
    if (c) body += fileDiff(c, mine, placed);
    body += excerpts(input.sources.get(f), mine.filter((x) => !placed.has(x.id)));
    body += '</section>';
  }

  const errors = numbered.filter((x) => x.d.severity === 'error');
  const when = (input.date ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${diff2htmlCss()}${OWN_CSS}</style>
</head>
<body>
<header>
<h1>${esc(input.title)}</h1>
<p class="meta">${input.inputs.map((i) => `<code>${esc(i)}</code>`).join(', ')} · profile <code>${esc(input.profile)}</code> · kport ${esc(input.version)} · ${esc(when)}</p>
<section id="summary">
<table class="counts"><tr>${SEVERITIES.map((s) => `<th><span class="sev sev-${s}">${s}</span></th>`).join('')}<th>files changed</th></tr>
<tr>${SEVERITIES.map((s) => `<td id="count-${s}">${bySev(s)}</td>`).join('')}<td id="count-files">${input.changes.length}</td></tr></table>
${codes.size ? `<table class="counts" id="by-code"><tr><th>code</th><th>severity</th><th>count</th><th>what</th></tr>${[...codes].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `<tr><td><code>${esc(code)}</code></td><td>${esc(cat.get(code)?.severity ?? '')}</td><td>${n}</td><td>${rich(cat.get(code)?.title ?? '')}</td></tr>`).join('')}</table>` : '<p>kport reported nothing.</p>'}
</section>
<section id="decisions">
<h2>Decisions left${errors.length ? ` (${errors.length})` : ''}</h2>
${errors.length ? `<ol class="decisions">${errors.map(({ d, id }) => `<li><a href="#d${id}"><span class="loc">${esc(d.file)}:${d.start.line}</span></a> <code>${esc(d.code)}</code> ${rich(d.message)}</li>`).join('')}</ol>` : '<p>None: no error-level diagnostic.</p>'}
</section>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
