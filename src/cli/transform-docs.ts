// A transform's long documentation lives in docs/transforms/<id>.md (prose,
// then an example that is the golden case golden/<id>/00-docs-example, checked
// by test/transform-docs.test.ts); the transform itself keeps its one-line
// summary. `kport explain <id>` prints the page as plain text.
import { existsSync, readFileSync } from 'node:fs';
import { assetPath } from '../engine/assets.ts';

/** docs/transforms/<id>.md in the package. */
export function transformDocsPath(id: string): string {
  return assetPath('docs', 'transforms', `${id}.md`);
}

/** The page as markdown, or undefined when the package ships without docs/. */
export function transformDocs(id: string): string | undefined {
  const file = transformDocsPath(id);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The page for a terminal: no `# id` title, fenced code indented by four spaces. */
export function docsAsText(md: string): string {
  const out: string[] = [];
  let fenced = false;
  const lines = md.replace(/\n+$/, '').split('\n');
  if (/^# /.test(lines[0] ?? '')) lines.splice(0, lines[1] === '' ? 2 : 1);
  for (const line of lines) {
    if (/^```/.test(line)) fenced = !fenced;
    else out.push(fenced && line ? `    ${line}` : line);
  }
  return out.join('\n');
}
