// Diagnostic formatting. The Diagnostic type lives in types.ts; this file
// turns a list of them into what a person or a tool reads.
import pc from 'picocolors';
import type { Diagnostic, Severity } from '../engine/types.ts';

export type Format = 'human' | 'json' | 'sarif' | 'github' | 'rdjson';
export const FORMATS: readonly Format[] = ['human', 'json', 'sarif', 'github', 'rdjson'];

const ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column ||
      ORDER[a.severity] - ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

// Positions live in the engine (the pipeline turns offsets into them); re-exported for the outputs.
export { positionAt, lineIndexAt, lineStartsOf } from '../engine/positions.ts';

export interface HumanOptions {
  color: boolean;
  /** File texts (LF, no BOM) by diagnostic `file`, for the code frame. */
  sources?: Map<string, string>;
}

/** A code frame's line longer than this many characters is shown as a window of FRAME_WIDTH, FRAME_BEFORE of them before the caret. */
const WIDE_LINE = 300;
const FRAME_WIDTH = 240;
const FRAME_BEFORE = 80;

export function formatHuman(ds: Diagnostic[], opts: HumanOptions): string {
  const c = pc.createColors(opts.color);
  const sevColor = (s: Severity) => (s === 'error' ? c.red : s === 'warning' ? c.yellow : c.cyan);
  const out: string[] = [];
  // Each file's lines, split once (not once per diagnostic: thousands on one large file were quadratic).
  const linesOf = new Map<string, string[]>();
  for (const d of sortDiagnostics(ds)) {
    out.push(`${c.bold(sevColor(d.severity)(`${d.severity}[${d.code}]`))}${c.bold(`: ${d.message}`)}`);
    const text = opts.sources?.get(d.file);
    // As rustc: the arrow, the bars and the `=` notes line up with the line-number gutter.
    const pad = ' '.repeat(text !== undefined ? String(d.start.line).length : 1);
    out.push(`${pad}${c.blue('-->')} ${d.file}:${d.start.line}:${d.start.column}`);
    if (text !== undefined) {
      let lines = linesOf.get(d.file);
      if (!lines) linesOf.set(d.file, (lines = text.split('\n')));
      const line = lines[d.start.line - 1] ?? '';
      const chars = [...line];
      const endCol = d.end.line === d.start.line ? Math.max(d.end.column, d.start.column + 1) : chars.length + 1;
      const caretStart = d.start.column - 1;
      const caretLen = Math.max(1, Math.min(endCol, chars.length + 1) - d.start.column);
      // A long line (generated code, a 100 KB literal) is shown as a window around the caret, `...` for the rest.
      const from = chars.length > WIDE_LINE ? Math.max(0, caretStart - FRAME_BEFORE) : 0;
      const to = chars.length > WIDE_LINE ? Math.min(chars.length, from + FRAME_WIDTH) : chars.length;
      const shown = from === 0 && to === chars.length ? line : `${from > 0 ? '...' : ''}${chars.slice(from, to).join('')}${to < chars.length ? '...' : ''}`;
      // Keep tabs so the caret lines up under the code.
      const lead = (from > 0 ? '   ' : '') + chars.slice(from, caretStart).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
      const shownLen = Math.max(1, Math.min(caretLen, to + 1 - caretStart));
      out.push(`${pad} ${c.blue('|')}`);
      out.push(`${c.blue(String(d.start.line))} ${c.blue('|')} ${shown}`);
      out.push(`${pad} ${c.blue('|')} ${lead}${sevColor(d.severity)('^'.repeat(shownLen))}`);
    }
    if (d.help) out.push(`${pad} ${c.blue('=')} ${c.bold('help')}: ${d.help}`);
    if (d.suggestion) out.push(`${pad} ${c.blue('=')} ${c.bold('suggestion')}: \`${d.suggestion.replacement}\``);
    out.push('');
  }
  out.push(summaryLine(ds));
  return out.join('\n') + '\n';
}

export function summaryLine(ds: Diagnostic[]): string {
  const count = (s: Severity) => ds.filter((d) => d.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const n = count('note');
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const byCode = new Map<string, number>();
  for (const d of ds) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const codes = [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}×${v}`);
  return `kport: ${plural(e, 'error')}, ${plural(w, 'warning')}, ${plural(n, 'note')}${codes.length ? ` (${codes.join(', ')})` : ''}`;
}

/** The stable JSON schema: `{ version: 1, diagnostics: [...] }`, positions 1-based. */
export function formatJson(ds: Diagnostic[]): string {
  return JSON.stringify({ version: 1, diagnostics: sortDiagnostics(ds) }, null, 2) + '\n';
}

/** One line per diagnostic (plus help): the form golden `diagnostics.txt` files use. */
export function formatShort(ds: Diagnostic[]): string {
  let out = '';
  for (const d of sortDiagnostics(ds)) {
    out += `${d.file}:${d.start.line}:${d.start.column}: ${d.severity}[${d.code}]: ${d.message}\n`;
    if (d.help) out += `  help: ${d.help}\n`;
    if (d.suggestion) out += `  suggestion: ${d.suggestion.replacement}\n`;
  }
  return out;
}
