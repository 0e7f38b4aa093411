// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line
// per diagnostic, which the runner shows as an annotation on the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { sortDiagnostics } from '../diagnostics.ts';
import type { Diagnostic, Severity } from '../../engine/types.ts';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Message data: `%`, CR and LF are escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(ds: Diagnostic[]): string {
  let out = '';
  for (const d of sortDiagnostics(ds)) {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.start.line}`,
      `col=${d.start.column}`,
      `endLine=${d.end.line}`,
      `endColumn=${d.end.column}`,
      `title=${escapeProperty(`kport ${d.code}`)}`,
    ];
    let msg = `${d.code}: ${d.message}`;
    if (d.help) msg += `\nhelp: ${d.help}`;
    if (d.suggestion) msg += `\nsuggestion: ${d.suggestion.replacement}`;
    out += `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(msg)}\n`;
  }
  return out;
}
