// SARIF 2.1.0: one run, the kport rules that appear in the results (with
// their long explanation as help text, no helpUri), and one result per
// diagnostic. Columns are Unicode code points, as in every kport position.
import { kportVersion } from '../../engine/assets.ts';
import { catalogue } from '../../cli/codes.ts';
import { sortDiagnostics } from '../diagnostics.ts';
import type { Diagnostic, Severity } from '../../engine/types.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };


export interface SarifOptions {
  /** File texts (LF) by diagnostic `file`, to turn suggestions into fixes with line/column regions. */
  sources?: Map<string, string>;
}

export function formatSarif(ds: Diagnostic[], _opts: SarifOptions = {}): string {
  const sorted = sortDiagnostics(ds);
  const cat = catalogue();
  const ruleIds = [...new Set(sorted.map((d) => d.code))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const info = cat.get(id);
    return {
      id,
      name: info ? ruleName(info.title) : id,
      shortDescription: { text: info?.title ?? id },
      fullDescription: { text: info?.title ?? id },
      help: { text: info?.explanation ?? `See \`kport explain ${id}\`.` },
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'error'] },
    };
  });
  const results = sorted.map((d) => {
    const region = { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column };
    const artifactLocation = { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' };
    const text = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
    return {
      ruleId: d.code,
      ruleIndex: index.get(d.code)!,
      level: LEVEL[d.severity],
      message: { text },
      locations: [{ physicalLocation: { artifactLocation, region } }],
      ...(d.suggestion
        ? {
            fixes: [
              {
                description: { text: `replace with \`${d.suggestion.replacement}\`` },
                artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: region, insertedContent: { text: d.suggestion.replacement } }] }],
              },
            ],
          }
        : {}),
      ...(d.source ? { properties: { transform: d.source } } : {}),
    };
  });
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kport', version: kportVersion(), rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder that holds every input; paths in the results are relative to it.' } } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A rule name in SARIF's PascalCase style, from the catalogue title. */
function ruleName(title: string): string {
  const words = title.replace(/`[^`]*`/g, (m) => m.slice(1, -1)).match(/[A-Za-z0-9]+/g) ?? [];
  return words.slice(0, 8).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
