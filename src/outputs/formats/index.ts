// One entry point for every diagnostics format, so the CLI does not need to
// know which file implements which.
import { formatHuman, formatJson, type Format } from '../diagnostics.ts';
import type { Diagnostic } from '../../engine/types.ts';
import { formatGithub } from './github.ts';
import { formatRdjson, type RdjsonChange } from './rdjson.ts';
import { formatSarif } from './sarif.ts';

export interface FormatInput {
  diagnostics: Diagnostic[];
  /** File texts (LF, no BOM) by display path. */
  sources?: Map<string, string>;
  /** The rewrite as old/new bytes per file (rdjson turns it into suggestions). */
  changes?: RdjsonChange[];
  color?: boolean;
  /** Human format: print the summary line even when there is nothing to report. */
  alwaysSummary?: boolean;
}

export function formatDiagnostics(format: Format, input: FormatInput): string {
  const ds = input.diagnostics;
  switch (format) {
    case 'json':
      return formatJson(ds);
    case 'sarif':
      return formatSarif(ds, { sources: input.sources });
    case 'github':
      return formatGithub(ds);
    case 'rdjson':
      return formatRdjson(ds, { sources: input.sources, changes: input.changes });
    case 'human':
      return ds.length || input.alwaysSummary ? formatHuman(ds, { color: !!input.color, sources: input.sources }) : '';
  }
}
