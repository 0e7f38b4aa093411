// reviewdog Diagnostic Format (rdjson). Every kport diagnostic becomes one
// entry; every line hunk of the rewrite becomes an entry whose suggestion is
// exactly that hunk, so a reviewer who accepts all of them gets the `--write`
// result. Columns are UTF-8 byte counts, as rdjson specifies.
// https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
import { sortDiagnostics } from '../diagnostics.ts';
import { lineHunks } from '../hunks.ts';
import type { LineRegion } from '../../engine/line-regions.ts';
import type { Diagnostic, Position, Severity } from '../../engine/types.ts';

const SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', note: 'INFO' };

export interface RdjsonChange {
  /** Path as in the diagnostics. */
  path: string;
  /** Old and new file bytes; created files (old null) cannot carry a suggestion and are left out. */
  old: Buffer | null;
  new: Buffer | null;
  /** The changed lines, when known from kport's edits: only those are diffed. */
  regions?: LineRegion[];
}

export interface RdjsonOptions {
  /** File texts (LF, no BOM) by diagnostic `file`, to count columns in bytes. */
  sources?: Map<string, string>;
  changes?: RdjsonChange[];
}

function byteColumn(text: string | undefined, p: Position): number {
  if (text === undefined) return p.column;
  const line = text.split('\n', p.line)[p.line - 1] ?? '';
  return Buffer.byteLength([...line].slice(0, p.column - 1).join(''), 'utf8') + 1;
}

export function formatRdjson(ds: Diagnostic[], opts: RdjsonOptions = {}): string {
  const diagnostics: unknown[] = [];
  for (const d of sortDiagnostics(ds)) {
    const text = opts.sources?.get(d.file);
    diagnostics.push({
      message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
      location: {
        path: d.file,
        range: {
          start: { line: d.start.line, column: byteColumn(text, d.start) },
          end: { line: d.end.line, column: byteColumn(text, d.end) },
        },
      },
      severity: SEVERITY[d.severity],
      code: { value: d.code },
    });
  }
  for (const c of opts.changes ?? []) {
    if (!c.old || !c.new) continue;
    for (const h of lineHunks(c.old.toString('utf8'), c.new.toString('utf8'), c.regions)) {
      const range = { start: h.from, end: h.to };
      diagnostics.push({
        message: 'kport rewrites this code for the kernel; accept the suggestion to apply it',
        location: { path: c.path, range },
        severity: 'INFO',
        code: { value: 'rewrite' },
        suggestions: [{ range, text: h.text }],
      });
    }
  }
  return JSON.stringify({ source: { name: 'kport' }, diagnostics }, null, 2) + '\n';
}
