// How kport behaves among other command-line tools: machine formats name files
// a review tool can find from the working folder, nothing is appended to a
// machine document, a closed pipe is not an error, --version, --patch -,
// explain --list, and the repository itself holds no symlink or machine path.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, git, gitInit, kport, kportBin, tempDir } from './helpers.ts';

const HELLO = path.join(ROOT, 'examples', 'hello');

/** A repository with the crate in a subfolder, as a GitHub checkout would have it. */
function repoWithCrate(): { repo: string; crate: string } {
  const repo = tempDir();
  const crate = path.join(repo, 'crates', 'hello');
  mkdirSync(path.dirname(crate), { recursive: true });
  cpSync(HELLO, crate, { recursive: true });
  gitInit(repo);
  return { repo, crate };
}

describe('paths in machine formats', () => {
  it('are relative to the working folder and name files that exist (github, json, sarif, rdjson)', async () => {
    const { repo } = repoWithCrate();
    const files = new Set<string>();
    const gh = await kport(['check', '--format', 'github', 'crates/hello'], repo);
    for (const m of gh.stdout.matchAll(/file=([^,]+),/g)) files.add(m[1]);
    const js = JSON.parse((await kport(['check', '--format', 'json', 'crates/hello'], repo)).stdout);
    for (const d of js.diagnostics) files.add(d.file);
    const sarif = JSON.parse((await kport(['check', '--format', 'sarif', 'crates/hello'], repo)).stdout);
    for (const r of sarif.runs[0].results) for (const l of r.locations) files.add(l.physicalLocation.artifactLocation.uri);
    // rdjson carries the rewrite: main.rs is renamed to hello.rs, but the suggestion is for the file the reviewer has.
    const rd = JSON.parse((await kport(['rewrite', '--dry-run', '--format', 'rdjson', 'crates/hello'], repo)).stderr);
    for (const d of rd.diagnostics) files.add(d.location.path);
    expect([...files].sort()).toEqual(['crates/hello/src/greet.rs', 'crates/hello/src/main.rs']);
    for (const f of files) expect(existsSync(path.join(repo, f)), f).toBe(true);
  });

  it('--root chooses the folder they are relative to', async () => {
    const { repo } = repoWithCrate();
    const js = JSON.parse((await kport(['check', '--format', 'json', '--root', 'crates', 'crates/hello'], repo)).stdout);
    expect(new Set(js.diagnostics.map((d: { file: string }) => d.file))).toEqual(new Set(['hello/src/main.rs']));
  });

  it('human output keeps the paths of the diff', async () => {
    const { repo } = repoWithCrate();
    const r = await kport(['check', 'crates/hello'], repo);
    expect(r.stdout).toContain(' --> src/main.rs:5:4');
  });
});

describe('machine formats stay one document', () => {
  it('--write and --check append no status line to JSON or SARIF', async () => {
    for (const format of ['json', 'sarif']) {
      const { repo } = repoWithCrate();
      const check = await kport(['rewrite', '--check', '--format', format, 'crates/hello'], repo);
      expect(check.code).toBe(1);
      expect(() => JSON.parse(check.stderr), `--check ${format}`).not.toThrow();
      const write = await kport(['rewrite', '--write', '--format', format, 'crates/hello'], repo);
      expect(write.code).toBe(0);
      expect(() => JSON.parse(write.stderr), `--write ${format}`).not.toThrow();
    }
  });
});

describe('unix manners', () => {
  it('--version prints the version from package.json', () => {
    const r = kportBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`kport ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('--patch - writes the patch to stdout, exactly the dry-run diff', async () => {
    const dry = await kport(['rewrite', '--dry-run', HELLO]);
    for (const args of [['--patch', '-'], ['--patch=-']]) {
      const r = await kport(['rewrite', ...args, HELLO]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(dry.stdout);
    }
    expect(existsSync(path.join(process.cwd(), '-'))).toBe(false);
  });

  it('explain --list lists every code with its summary', async () => {
    const r = await kport(['explain', '--list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines).toContain('K0601  warning  `unwrap`/`expect` panics in the kernel');
    for (const l of lines) expect(l).toMatch(/^K\d{4}  (error|warning|note) +\S/);
  });

  it('a closed stdout (| head) ends quietly with status 0', async () => {
    for (const args of [['transforms'], ['explain', 'K0601'], ['rewrite', '--dry-run', HELLO], ['check', '--format', 'github', HELLO]]) {
      // The reader takes one byte and closes the pipe, as `head -c1` does.
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kport.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|at .*\.js:\d+/);
      expect(code, args.join(' ')).toBe(0);
    }
  });
});

describe('the repository itself', () => {
  it('tracks no symlink and no absolute path of the machine it was made on', () => {
    const entries = git(ROOT, 'ls-files', '-s').trimEnd().split('\n');
    expect(entries.filter((e) => e.startsWith('120000 '))).toEqual([]);
    // Paths that only exist on the machine the tree was made on: this checkout, the home folder, and
    // the folder the project's machines keep their checkouts in (spelled in parts so this file does not
    // name it). Not the checkout's parent: a clone may sit in /tmp, which tests name on purpose.
    const machinePaths = [ROOT, process.env.HOME && process.env.HOME !== '/' ? process.env.HOME : undefined, path.join('/', 'wo' + 'rk')].filter((p): p is string => !!p && p.length > 1);
    const files = git(ROOT, 'ls-files', '-z').split('\0').filter(Boolean);
    const hits: string[] = [];
    for (const f of files) {
      const full = path.join(ROOT, f);
      if (!existsSync(full)) continue;
      const text = readFileSync(full, 'latin1');
      for (const p of machinePaths) if (text.includes(p + '/')) hits.push(`${f}: ${p}`);
    }
    expect(hits).toEqual([]);
  });
});

describe('docs/github-workflow.yml', () => {
  it('its kport commands, run from a repository root with the crate in a subfolder, name files that exist there', () => {
    const workflow = readFileSync(path.join(ROOT, 'docs', 'github-workflow.yml'), 'utf8');
    const crate = /^\s+CRATE: (\S+)$/m.exec(workflow)![1];
    const runs = [...workflow.matchAll(/^\s+run: (node \.kport\/bin\/kport\.js .*)$/gm)].map((m) => m[1]);
    expect(runs.length).toBe(2);
    const { repo } = repoWithCrate();
    expect(crate).toBe('crates/hello');
    const seen = new Set<string>();
    for (const cmd of runs) {
      const real = cmd.replace('node .kport/bin/kport.js', `"${process.execPath}" "${path.join(ROOT, 'bin', 'kport.js')}"`);
      const r = spawnSync('bash', ['-c', real], { cwd: repo, env: { ...process.env, CRATE: crate }, encoding: 'utf8' });
      expect(r.stderr, cmd).not.toMatch(/internal error|at .*\.[jt]s:\d+/);
      if (cmd.includes('sarif')) {
        const sarif = JSON.parse(readFileSync(path.join(repo, 'kport.sarif'), 'utf8'));
        for (const res of sarif.runs[0].results) for (const l of res.locations) seen.add(l.physicalLocation.artifactLocation.uri);
      } else {
        for (const m of r.stdout.matchAll(/^::\w+ file=([^,]+),/gm)) seen.add(m[1]);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
    for (const f of seen) expect(existsSync(path.join(repo, f)), f).toBe(true);
  });
});

describe('README', () => {
  it('its sample output is what kport prints today', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /```\n\$ npx kport rewrite --dry-run examples\/hello\n\.\.\.\n([\s\S]*?)\.\.\.\n```/.exec(readme);
    expect(block).not.toBeNull();
    const r = await kport(['rewrite', '--dry-run', HELLO]);
    expect(r.stdout).toContain(block![1]);
  });

  it('links only to files a clone has', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(existsSync(path.join(ROOT, l)), l).toBe(true);
    expect(readme).not.toContain('../shared');
  });
});
