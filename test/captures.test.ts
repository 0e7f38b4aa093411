// Transforms read their declared queries as matches on the file's root
// (ctx.matches); src/engine/queries.ts turns those into what a query run
// directly returned: the captures in tree-sitter's order, and the matches
// under a node. Both must equal the direct runs, in the same order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/engine/parse.ts';
import type { SyntaxNode } from '../src/engine/types.ts';
import { capturesOf, matchesUnder, MatchIndex, query } from '../src/engine/queries.ts';
import { rustFiles } from './helpers.ts';

// Captures read in order by the transforms (several patterns, nested and shared nodes).
const CAPTURED = [
  '((type_identifier) @t (#match? @t "^(Vec|Box)$"))\n(scoped_identifier path: (identifier) @p (#match? @p "^(Vec|Box)$"))\n((scoped_type_identifier) @q (#match? @q "^(::)?(std|alloc)::(vec::Vec|boxed::Box)$"))\n((scoped_identifier) @q (#match? @q "^(::)?(std|alloc)::(vec::Vec|boxed::Box)$"))',
  '(scoped_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))\n(scoped_type_identifier path: (identifier) @root (#match? @root "^(std|alloc)$"))\n(scoped_identifier !path name: (identifier) @root (#match? @root "^(std|alloc)$"))',
  '(token_tree (identifier) @id (#match? @id "^(std|alloc)$"))',
  '(scoped_identifier path: (identifier) @root)\n(scoped_type_identifier path: (identifier) @root)',
  '(identifier) @id',
  '(field_declaration name: (field_identifier) @n type: (_) @t)',
  '(function_item name: (identifier) @n)',
  '(break_expression) @j\n(continue_expression) @j\n(return_expression) @j',
  '(macro_invocation macro: (_) @m (token_tree) @tt) @mac',
  '[(identifier) (type_identifier) (field_identifier)] @n',
  '((identifier) @id (#match? @id "^(SystemTime|UNIX_EPOCH)$")) ((type_identifier) @id (#eq? @id "SystemTime"))',
];

// Matches read under a node, with the capture that is each pattern's root.
const UNDER: [string, string][] = [
  ['(macro_invocation macro: (_) @m (token_tree) @tt) @mac', 'mac'],
  ['(call_expression function: (identifier) @f) @c\n(call_expression function: (scoped_identifier name: (identifier) @f)) @c\n(call_expression function: (field_expression field: (field_identifier) @f)) @c', 'c'],
  ['(break_expression) @j\n(continue_expression) @j\n(return_expression) @j', 'j'],
  ['(identifier) @id', 'id'],
  ['(try_expression) @t', 't'],
  ['[(try_expression) (closure_expression)] @x', 'x'],
  ['(macro_invocation (token_tree) @tt) @mac', 'mac'],
];

type Capture = { name: string; node: SyntaxNode };
const capSig = (cs: Capture[]) => cs.map((c) => `${c.name}:${c.node.id}`);
const matchSig = (ms: { pattern: number; captures: Capture[] }[]) => ms.map((m) => `${m.pattern}/${capSig(m.captures).join(',')}`);

function blocks(root: SyntaxNode): SyntaxNode[] {
  return query('[(block) (token_tree) (closure_expression) (try_expression) (call_expression)] @b').captures(root, {}).map((c) => c.node);
}

describe('declared queries read as captures or under a node', () => {
  const files = rustFiles(path.resolve(import.meta.dirname, '..', 'golden'));

  it('capturesOf(matches on the root) equals the captures, in order (golden files)', () => {
    expect(files.length).toBeGreaterThan(100);
    let compared = 0;
    for (const file of files) {
      const root = parse(readFileSync(file, 'utf8')).rootNode;
      for (const src of CAPTURED) {
        const q = query(src);
        expect(capSig(capturesOf(q.matches(root, {}))), `${file}: ${src}`).toEqual(capSig(q.captures(root, {})));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('matchesUnder and MatchIndex.under (matches on the root, node) equal the matches on the node (golden files)', () => {
    let compared = 0;
    for (const file of files) {
      const root = parse(readFileSync(file, 'utf8')).rootNode;
      const subs = blocks(root).slice(0, 12);
      for (const [src, top] of UNDER) {
        const q = query(src);
        const all = q.matches(root, {});
        const index = new MatchIndex(all, top);
        for (const b of subs) {
          const direct = matchSig(q.matches(b, {}));
          expect(matchSig(matchesUnder(all, b, top)), `${file}: ${src} under ${b.type} at ${b.startIndex}`).toEqual(direct);
          expect(matchSig(index.under(b)), `${file}: ${src} under ${b.type} at ${b.startIndex} (MatchIndex)`).toEqual(direct);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
