// Suppression of diagnostics, applied to a unit's diagnostics after the
// pipeline. Three forms, narrowest first:
//
//   // kport-allow: K0601            on the reported line, or alone on the line above
//   #[cfg_attr(any(), allow(kport::K0601))]   on an item: the whole item (also
//                                     `#[cfg_attr(kport, ..)]` and plain `#[allow(kport::..)]`)
//   #![cfg_attr(any(), allow(kport::K0601))]  inner attribute: the whole file or module
//   [package.metadata.kport] allow = ["K0601"]   in Cargo.toml: the whole crate
//
// rustc rejects a bare `#[allow(kport::K0601)]` (E0710, unknown tool name) because
// `kport` is not a registered tool; `cfg_attr(any(), ..)` is never expanded, so it
// builds everywhere without even an `unexpected_cfgs` warning.
import { parse } from './parse.ts';
import { declareQueries } from './queries.ts';
import { attributeTarget } from '../analysis/testcode.ts';
import type { CrateInfo, Diagnostic, Tree } from './types.ts';

const CODE = /\bK\d{4}\b/g;
const COMMENT_ALLOW = /kport-allow\s*:\s*((?:K\d{4}[\s,]*)+)/;
const ATTR_ALLOW = /\ballow\s*\(([^()]*)\)/g;
const QUERIES = declareQueries('suppress', {
  attrs: '[(attribute_item) (inner_attribute_item)] @attr',
  comments: '[(line_comment) (block_comment)] @c',
});

interface LineRule {
  /** 1-based inclusive line range in the original text. */
  from: number;
  to: number;
  codes: Set<string>;
}

/** Codes that `[package.metadata.kport] allow` lists. */
export function crateAllowList(crate: CrateInfo): Set<string> {
  const allow = crate.metadata?.allow;
  const list = Array.isArray(allow) ? allow : typeof allow === 'string' ? [allow] : [];
  return new Set(list.filter((c): c is string => typeof c === 'string').map((c) => c.trim().toUpperCase()));
}

/** The suppression rules one file's original text declares. */
export function fileRules(text: string, tree: Tree): LineRule[] {
  if (!text.includes('kport')) return [];
  const rules: LineRule[] = [];
  const lines = text.split('\n');
  for (const m of QUERIES.matches('comments', tree.rootNode)) {
    const c = m.captures[0].node;
    const hit = COMMENT_ALLOW.exec(c.text);
    if (!hit) continue;
    const codes = new Set(hit[1].match(CODE) ?? []);
    const row = c.startPosition.row;
    const before = lines[row].slice(0, c.startPosition.column);
    // Alone on its line: it covers the next line; after code: its own line.
    const line = /^\s*$/.test(before) ? row + 2 : row + 1;
    rules.push({ from: line, to: line, codes });
    if (line !== row + 1) rules.push({ from: row + 1, to: row + 1, codes });
  }
  for (const m of QUERIES.matches('attrs', tree.rootNode)) {
    const a = m.captures[0].node;
    if (!a.text.includes('kport::')) continue;
    const codes = new Set<string>();
    for (const am of a.text.matchAll(ATTR_ALLOW)) for (const cm of am[1].matchAll(/kport::(K\d{4})\b/g)) codes.add(cm[1]);
    if (!codes.size) continue;
    if (a.type === 'inner_attribute_item') {
      const scope = a.parent ?? tree.rootNode;
      rules.push({ from: scope.startPosition.row + 1, to: scope.endPosition.row + 1, codes });
    } else {
      const target = attributeTarget(a);
      const end = target ? target.endPosition.row : a.endPosition.row;
      rules.push({ from: a.startPosition.row + 1, to: end + 1, codes });
    }
  }
  return rules;
}

/**
 * Drop the diagnostics a suppression covers. `rulesByFile` maps a diagnostic's
 * `file` to the rules of that file.
 */
export function applySuppressions(ds: Diagnostic[], rulesByFile: Map<string, LineRule[]>, crateAllow: Set<string>): Diagnostic[] {
  return ds.filter((d) => {
    if (crateAllow.has(d.code)) return false;
    const rules = rulesByFile.get(d.file);
    if (!rules) return true;
    return !rules.some((r) => r.codes.has(d.code) && d.start.line >= r.from && d.start.line <= r.to);
  });
}

/** The pipeline's hook: suppress a unit's diagnostics given its files' original texts. */
export function suppressUnit(ds: Diagnostic[], files: { file: string; text: string }[], crate: CrateInfo): Diagnostic[] {
  const crateAllow = crateAllowList(crate);
  const rules = new Map<string, LineRule[]>();
  for (const f of files) {
    if (!f.text.includes('kport')) continue;
    const r = fileRules(f.text, parse(f.text));
    if (r.length) rules.set(f.file, r);
  }
  return rules.size || crateAllow.size ? applySuppressions(ds, rules, crateAllow) : ds;
}

export type { LineRule };
