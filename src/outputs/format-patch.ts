// `kport rewrite --format-patch DIR|FILE`: the port as a mail-formatted patch
// series that `git am` applies, in the kernel's style: one commit for the
// mechanical rewrite (the port run with --no-module) and one for the module
// scaffolding (`module!`, the renamed crate root, Kbuild, Makefile). The second
// commit is the difference between the two runs' outputs, so applying both
// gives exactly what `--write` writes.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../cli/codes.ts';
import { UsageError } from '../engine/errors.ts';
import { ensureDir, writeAll, unifiedDiff, type FileChange } from './patcher.ts';
import { rewrite, type RewriteOptions, type RewriteResult } from '../cli/run.ts';
import type { Diagnostic } from '../engine/types.ts';

export interface FormatPatchOptions {
  /** A folder (existing, or given with a trailing `/`): one file per patch; else one mbox file with the series. */
  target: string;
  signoff: boolean;
  version: string;
  /** For tests: the date on every patch. */
  date?: Date;
}

export interface Patch {
  subject: string;
  body: string;
  diff: string;
}

interface Identity {
  name: string;
  email: string;
}

/** The author (and sign-off) identity as git would use it in `folder`: GIT_AUTHOR_*, then user.name/user.email. */
function gitIdentity(folder: string): Identity | undefined {
  try {
    const ident = execFileSync('git', ['var', 'GIT_AUTHOR_IDENT'], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const m = /^(.*) <([^>]*)> \d+ [+-]\d{4}$/.exec(ident);
    return m && m[1] && m[2] ? { name: m[1], email: m[2] } : undefined;
  } catch {
    return undefined;
  }
}

/** Module names of the ported units, for the subject line. */
function subjectName(r: RewriteResult): string {
  const names = [...new Set(r.units.map((u) => u.unit.crate.moduleName))];
  if (names.length <= 3) return names.join(', ');
  return `${names.length} modules`;
}

/** "what kport left for a person": counts by code, then every error-level diagnostic. */
function leftForAPerson(ds: Diagnostic[]): string {
  if (ds.length === 0) return 'kport reported nothing left for a person.';
  const bySeverity = (s: string) => ds.filter((d) => d.severity === s).length;
  const counts = new Map<string, number>();
  for (const d of ds) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const cat = catalogue();
  let out = `Left for a person (kport): ${bySeverity('error')} error(s), ${bySeverity('warning')} warning(s), ${bySeverity('note')} note(s).\n`;
  for (const [code, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const info = cat.get(code);
    out += `  ${code} x${n} (${info?.severity ?? 'error'}): ${info?.title ?? ''}\n`;
  }
  const errors = ds.filter((d) => d.severity === 'error');
  if (errors.length) {
    out += '\nErrors, each a decision to make before this builds:\n';
    const shown = errors.slice(0, 100);
    for (const d of shown) out += `  ${d.file}:${d.start.line}:${d.start.column}: ${d.code}: ${d.message.split('\n')[0]}\n`;
    if (errors.length > shown.length) out += `  ... and ${errors.length - shown.length} more (kport check lists them all)\n`;
  }
  return out.trimEnd();
}

/** A file's bytes in the first commit's tree: its mechanical port, or the input when that did not change it. */
function stage(changes: FileChange[]): Map<string, Buffer | null> {
  const m = new Map<string, Buffer | null>();
  for (const c of changes) m.set(c.from ?? c.path, c.new);
  return m;
}

/** The two commits of a port (either may be absent when it would be empty). */
export function seriesOf(opts: Omit<RewriteOptions, 'mode'>, profile: string): { patches: Patch[]; result: RewriteResult } {
  const full = rewrite({ ...opts, mode: 'report' });
  const noModule = !!(opts.options as { noModule?: boolean } | undefined)?.noModule;
  const mechanical = noModule ? full : rewrite({ ...opts, mode: 'report', options: { ...(opts.options ?? {}), noModule: true } });
  const name = subjectName(full);
  const patches: Patch[] = [];

  const first = mechanical.changes.filter((c) => c.old && c.new && !c.from);
  const firstDiff = unifiedDiff(first);
  if (firstDiff) {
    const files = first.map((c) => c.path);
    patches.push({
      subject: `rust: ${name}: port to the kernel's Rust API`,
      body: `Port ${name} from userspace Rust to the kernel's Rust API (kport profile
${profile}). This commit is the mechanical rewrite only: std paths, printing,
fallible allocation with GFP flags, and Result propagation; the module
scaffolding follows in the next commit.

Files: ${files.join(', ')}.

${leftForAPerson(mechanical.diagnostics)}`,
      diff: firstDiff,
    });
  }

  if (!noModule) {
    // From the first commit's tree to the full port.
    const after = stage(first);
    const second: FileChange[] = [];
    for (const c of full.changes) {
      const from = c.from ?? c.path;
      const old = c.old === null ? null : after.has(from) ? after.get(from)! : c.old;
      if (old && c.new && old.equals(c.new) && !c.from) continue;
      second.push({ ...c, old });
    }
    const secondDiff = unifiedDiff(second);
    if (secondDiff) {
      const created = second.filter((c) => !c.old).map((c) => c.path);
      const renamed = second.filter((c) => c.from).map((c) => `${c.from} -> ${c.path}`);
      patches.push({
        subject: `rust: ${name}: build as a kernel module`,
        body: `Make ${name} a loadable kernel module: \`fn main\` becomes \`module!\` with
\`impl kernel::Module\`, and the out-of-tree build files are added.
${renamed.length ? `\nRenamed: ${renamed.join(', ')}.` : ''}${created.length ? `\nNew files: ${created.join(', ')}.` : ''}

${leftForAPerson(full.diagnostics)}`,
        diff: secondDiff,
      });
    }
  }
  if (patches.length === 0) throw new UsageError('--format-patch: the port changes nothing; no patch to write');
  return { patches, result: full };
}

/** RFC 2822 date as git writes it: `Mon, 7 Dec 2026 07:10:00 +0000`. */
function mailDate(d: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${d.getUTCDate()} ${mon} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A header value on one line: no line breaks can reach the mail headers. */
function headerSafe(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

export function renderMail(p: Patch, i: number, n: number, author: Identity, signoff: Identity | undefined, date: Date, version: string): string {
  const numbered = n > 1 ? `[PATCH ${i}/${n}]` : '[PATCH]';
  const sob = signoff ? `\n\nSigned-off-by: ${headerSafe(signoff.name)} <${headerSafe(signoff.email)}>` : '';
  // A body line that starts with "diff " or "---" would end the message early for git am.
  const body = p.body.replace(/^(diff |---|Index: )/gm, ' $1');
  return `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: ${headerSafe(author.name)} <${headerSafe(author.email)}>
Date: ${mailDate(date)}
Subject: ${numbered} ${headerSafe(p.subject)}

${body}${sob}
---
${p.diff}-- 
kport ${version}

`;
}

function fileName(p: Patch, i: number): string {
  const slug = p.subject.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 52).replace(/-+$/, '');
  return `${String(i).padStart(4, '0')}-${slug}.patch`;
}

/** Write the series; returns the files written and the full port (for its diagnostics). */
export function writeSeries(common: Omit<RewriteOptions, 'mode'>, fp: FormatPatchOptions): { written: string[]; result: RewriteResult } {
  const target = path.resolve(fp.target);
  const asFolder = fp.target.endsWith('/') || (existsSync(target) && statSync(target).isDirectory());
  const { patches, result } = seriesOf(common, common.profile);
  const base = path.resolve(common.paths[0] && existsSync(common.paths[0]) && statSync(common.paths[0]).isDirectory() ? common.paths[0] : path.dirname(path.resolve(common.paths[0] ?? '.')));
  const author = gitIdentity(base) ?? gitIdentity(process.cwd());
  if (!author) throw new UsageError('--format-patch: no author identity: set git config user.name and user.email (or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL)');
  const date = fp.date ?? new Date();
  const mails = patches.map((p, i) => renderMail(p, i + 1, patches.length, author, fp.signoff ? author : undefined, date, fp.version));
  if (asFolder) {
    ensureDir(target);
    const writes = mails.map((m, i) => ({ abs: path.join(target, fileName(patches[i], i + 1)), data: Buffer.from(m, 'utf8') }));
    writeAll(writes);
    return { written: writes.map((w) => w.abs), result };
  }
  ensureDir(path.dirname(target));
  writeAll([{ abs: target, data: Buffer.from(mails.join(''), 'utf8') }]);
  return { written: [target], result };
}
