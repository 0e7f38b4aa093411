// The floor: read every .rs file under the given folders, then parse each one
// with tree-sitter-rust in this one Node process, nothing else. Prints JSON:
// parse time (reading excluded) and the process's peak RSS.
import { parse } from '../src/engine/parse.ts';
import { rustTexts } from './texts.ts';

const texts = rustTexts(process.argv.slice(2));
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let nodes = 0;
for (const t of texts) nodes += parse(t).rootNode.childCount;
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, files: texts.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), nodes, maxRssKB: process.resourceUsage().maxRSS }) + '\n');
