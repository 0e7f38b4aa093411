// The queries the transforms declare (Transform.queries) run together, one
// combined query per file and phase: each transform must get from
// `ctx.matches(name)` exactly what its query returns when it runs alone. And a
// transform that looks into macro arguments parsed as code reads the file's
// own region from its declared query, an argument list from the query run on
// that list's tree (src/analysis/macroargs.ts `regionMatches`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRegions, regionMatches } from '../src/analysis/macroargs.ts';
import { runUnit } from '../src/engine/pipeline.ts';
import { freezeTree, parse } from '../src/engine/parse.ts';
import { query } from '../src/engine/queries.ts';
import { decodeSource } from '../src/engine/source.ts';
import { getProfile } from '../src/kernel-api/profiles.ts';
import { TRANSFORMS } from '../src/cli/registry.ts';
import type { CrateInfo, FileContext, FileTransform, QueryMatch } from '../src/engine/types.ts';
import { rustFiles } from './helpers.ts';

const GOLDEN = path.resolve(import.meta.dirname, '..', 'golden');
const crate: CrateInfo = { root: '/tmp', moduleName: 'm', authors: [], license: 'GPL', rootFiles: ['a.rs'], dependencies: [], metadata: {}, options: {} };
const unitOf = (text: string) => ({ crate, files: [decodeSource('/tmp/a.rs', 'a.rs', Buffer.from(text))], warnings: [] });

/** A match by what it found: pattern, then each capture's name, type and range (comparable across two parses of a text). */
const sig = (ms: QueryMatch[]) => ms.map((m) => [m.pattern, ...m.captures.map((c) => `${c.name}:${c.node.type}@${c.node.startIndex}-${c.node.endIndex}`)].join(' '));

describe('declared queries', () => {
  // Every query the registry declares, under one name each.
  const declared: Record<string, string> = {};
  for (const t of TRANSFORMS) for (const [name, source] of Object.entries(t.queries ?? {})) declared[`${t.id}.${name}`] = source;

  it('come back from one walk each exactly as the query alone finds them (golden inputs of the transforms that declare)', () => {
    expect(Object.keys(declared).length).toBeGreaterThan(60);
    const files = TRANSFORMS.filter((t) => t.queries).flatMap((t) => rustFiles(path.join(GOLDEN, t.id)).filter((f) => /[/\\]input(\.rs|[/\\])/.test(f)));
    expect(files.length).toBeGreaterThan(200);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const got: Record<string, string[]> = {};
      const t: FileTransform = {
        id: 'all',
        scope: 'file',
        summary: 'Test.',
        profiles: ['mainline'],
        safety: 'suggestion',
        queries: declared,
        run: (ctx: FileContext) => {
          for (const name of Object.keys(declared)) got[name] = sig(ctx.matches(name));
        },
      };
      runUnit(unitOf(text), { profile: getProfile('mainline'), transforms: [t], phaseOf: () => 'one' });
      // A tree of its own, never frozen: each query runs alone on it.
      const alone = parse(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
      for (const [name, source] of Object.entries(declared)) {
        expect(got[name], `${path.relative(GOLDEN, file)}: ${name}`).toEqual(sig(query(source).matches(alone.rootNode)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10000);
    // About 8 s of CPU alone: room for a loaded machine running the suite in parallel.
  }, 240_000);

  it('regionMatches: the declared query on the file, the query itself on a macro argument list', () => {
    const QUERIES = { unwraps: '(call_expression function: (field_expression field: (field_identifier) @m (#eq? @m "unwrap"))) @call' };
    const text = 'fn f(a: Option<u8>) {\n    let x = a.unwrap();\n    println!("{} {}", x, a.unwrap());\n}\n';
    const tree = freezeTree(parse(text));
    const asked: string[] = [];
    const ctx = {
      matches: (name: string) => {
        asked.push(name);
        return query(QUERIES[name as keyof typeof QUERIES]).matches(tree.rootNode);
      },
    };
    const regions = codeRegions(tree);
    expect(regions.length).toBe(2);
    const [file, args] = regions;
    const calls = (ms: QueryMatch[], shift: number) => ms.map((m) => m.captures.find((c) => c.name === 'call')!.node).map((n) => `${n.text}@${n.startIndex + shift}`);
    // On the file's tree the call in the macro is a token tree: only the `let`'s call.
    expect(calls(regionMatches(ctx, file, QUERIES, 'unwraps'), file.shift)).toEqual([`a.unwrap()@${text.indexOf('a.unwrap()')}`]);
    expect(asked).toEqual(['unwraps']);
    // The argument list's call, at its place in the file; ctx.matches is not asked.
    expect(calls(regionMatches(ctx, args, QUERIES, 'unwraps'), args.shift)).toEqual([`a.unwrap()@${text.lastIndexOf('a.unwrap()')}`]);
    expect(asked).toEqual(['unwraps']);
  });
});
