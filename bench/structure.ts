// The unit costs of kport's structure, on the corpus's own files, in one Node
// process: a fresh parse of every file (the floor), one walk of a one-pattern
// query over every tree (what any walk costs before its patterns: the query
// cursor visits every node), and an incremental re-parse of every file after a
// one-character edit (the least a phase that changed a file costs its next
// parse). Prints JSON; bench/run.ts multiplies these by what kport did (its
// KPORT_QUERY_STATS line) to give the structural floor: the CPU a run of this
// design takes if every transform's own work cost nothing.
import Parser from 'tree-sitter';
import Rust from 'tree-sitter-rust';
import { editTree, parse, reparse } from '../src/engine/parse.ts';
import { rawMatches } from '../src/engine/queries.ts';
import { rustTexts } from './texts.ts';

const texts = rustTexts(process.argv.slice(2));
const cpu = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

let trees = texts.map((t) => parse(t));
// The first round warms the parser and the query up; the second is measured.
const query = new Parser.Query(Rust as unknown as Parser.Language, '(mod_item) @m');
for (const t of trees) rawMatches(query, t.rootNode);
const parseMs = cpu(() => {
  trees = texts.map((t) => parse(t));
});
const walkMs = cpu(() => {
  for (const t of trees) rawMatches(query, t.rootNode);
});
// One space more at each file's end, told to the tree, then the re-parse alone is timed.
const edited = texts.map((t) => `${t} `);
trees.forEach((tree, i) => editTree(tree, texts[i], edited[i], [{ start: texts[i].length, end: texts[i].length, text: ' ' }]));
const incrementalMs = cpu(() => {
  trees.forEach((tree, i) => reparse(edited[i], tree));
});
process.stdout.write(JSON.stringify({ files: texts.length, chars: texts.reduce((n, t) => n + t.length, 0), parseMs, walkMs, incrementalMs }) + '\n');
