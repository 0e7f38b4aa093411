// The floor: read every .rs file under the given folders, then parse each one
// with tree-sitter-rust in this one Node process, nothing else. Prints JSON:
// parse time (reading excluded) and the process's peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../src/engine/parse.ts';

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.rs')) out.push(p);
  }
}

const files: string[] = [];
for (const d of process.argv.slice(2)) walk(d, files);
files.sort();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let nodes = 0;
for (const t of texts) nodes += parse(t).rootNode.childCount;
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, files: files.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), nodes, maxRssKB: process.resourceUsage().maxRSS }) + '\n');
