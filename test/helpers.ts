// Shared test helpers: temporary folders, running the CLI in-process, git.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/cli.ts';
import type { UnitResult } from '../src/engine/pipeline.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Writes a port's result in place: its changed files over their sources, its new files under `dir`. */
export function writePort(r: UnitResult, dir: string): void {
  for (const f of r.files) writeFileSync(f.src.abs, f.text);
  for (const nf of r.newFiles) {
    mkdirSync(path.dirname(path.join(dir, nf.rel)), { recursive: true });
    writeFileSync(path.join(dir, nf.rel), nf.contents);
  }
}

/** Every `.rs` file under `dir`, depth first, in directory order. */
export function rustFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) rustFiles(p, out);
    else if (p.endsWith('.rs')) out.push(p);
  }
  return out;
}

export function tempDir(prefix = 'kport-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A copy of examples/<name> (or any folder) in a fresh temporary folder. */
export function copyOf(src: string): string {
  const dir = tempDir();
  cpSync(src, dir, { recursive: true });
  return dir;
}

export async function kport(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const prev = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(prev);
  }
}

/** Run the real bin/kport.js in a child process (for exit codes and stack-trace checks). */
export function kportBin(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kport.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function gitInit(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=kport', '-c', 'user.email=kport@example.org', 'commit', '-q', '-m', 'init');
}

/** A one-file module: `body` goes inside a fallible helper the module's init calls. */
export function moduleWith(body: string, extraItems = ''): string {
  return `use kernel::prelude::*;

${extraItems}
fn work() -> Result {
${body}
    Ok(())
}

struct Demo;

impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        work()?;
        Ok(Demo)
    }
}

module! {
    type: Demo,
    name: "demo",
    authors: ["kport"],
    description: "verify test",
    license: "GPL",
}
`;
}

/** `text` (from moduleWith) with the `module!` author key the profile's kernels take: v6.13 (6.13-6.14) has only `author:`. */
export function forProfile(text: string, profile: string): string {
  return profile === 'v6.13' ? text.replace('authors: ["kport"]', 'author: "kport"') : text;
}

/** A diagnostic as `--format json` prints it (the fields the tests read). */
export interface JsonDiag {
  code: string;
  severity: string;
  message: string;
  file: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** The diagnostics of a `--format json` report (other lines, like "kport: wrote 5 file(s)", around it). */
export function diagnosticsOf(text: string): JsonDiag[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start < 0 ? [] : (JSON.parse(text.slice(start, end + 1)).diagnostics as JsonDiag[]);
}
