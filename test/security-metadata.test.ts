// Issue 22, item 3: metadata (module name, description, authors, license)
// cannot inject code into the files kport generates. Hostile values go through
// every output; each generated file must parse as intended (the Kconfig entry
// as its four statements with the prompt one string that expands nothing, the
// `module!` block as one string literal per value) and contain no new
// statement. Module names and Kconfig symbols must be identifiers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSymbol, kbuild, kconfigEntry, makefile, makefileLine } from '../src/outputs/buildfiles.ts';
import { UsageError } from '../src/engine/errors.ts';
import { moduleBlock, singleLine } from '../src/crate/modinfo.ts';
import { parse } from '../src/engine/parse.ts';
import { rewrite } from '../src/cli/run.ts';
import type { CrateInfo } from '../src/engine/types.ts';
import { kport, tempDir } from './helpers.ts';

const hasRustc = spawnSync(process.env.KPORT_RUSTC ?? 'rustc', ['--version']).status === 0;

const HOSTILE: [string, string][] = [
  ['newlines that start statements', 'Nice module\nconfig EVIL\n\tbool "evil"\n\tdefault y\nsource "/etc/passwd"\n'],
  ['a trailing backslash', 'ends in a backslash \\'],
  ['quotes', 'say "hi" and \'bye\''],
  ['a Kconfig shell macro', 'x $(shell,touch /tmp/kport-pwned) y'],
  ['make and Kconfig variables', '$(ARCH) $(info boom) ${HOME} $$ $'],
  ['backticks', 'run `id` and $(`id`)'],
  ['control characters', 'tab\there\r\nCRLF\u0000nul\u001b[31mred\u007f\u0085\u2028sep'],
  ['non-ASCII', 'café — 日本語 ✓ \u{1F600}'],
  ['10 KB', 'A'.repeat(5000) + '"$(shell,x)\\' + 'B'.repeat(5000)],
];

function fakeKernel(): string {
  const k = tempDir('kport-kernel-');
  mkdirSync(path.join(k, 'samples', 'rust'), { recursive: true });
  writeFileSync(path.join(k, 'Kconfig'), 'mainmenu "Linux/$(ARCH) $(KERNELVERSION) Kernel Configuration"\n\nsource "samples/Kconfig"\n');
  writeFileSync(path.join(k, 'samples', 'rust', 'Kconfig'), 'menuconfig SAMPLES_RUST\n\tbool "Rust samples"\n\tdepends on RUST\n\nif SAMPLES_RUST\n\nconfig SAMPLE_RUST_MINIMAL\n\ttristate "Minimal"\n\thelp\n\t  This option builds the Rust minimal module sample.\n\nendif # SAMPLES_RUST\n');
  writeFileSync(path.join(k, 'samples', 'rust', 'Makefile'), 'obj-$(CONFIG_SAMPLE_RUST_MINIMAL)\t\t+= rust_minimal.o\n');
  return k;
}

interface KToken {
  value: string;
  /** A `$(` Kconfig would expand (a macro, `$(shell,..)`). */
  expands: boolean;
}

/**
 * Kconfig as scripts/kconfig/lexer.l reads it: statements (a line's tokens;
 * strings unescaped with `\x` → x, `$(` expanding in strings and in words
 * holding a `$`), `#` comments, and help blocks (taken literally while
 * indented at least as deep as their first line).
 */
function kconfig(text: string): { statements: KToken[][]; help: string[] } {
  const statements: KToken[][] = [];
  const help: string[] = [];
  const width = (ws: string) => [...ws].reduce((ts, c) => (c === '\t' ? (ts & ~7) + 8 : ts + 1), 0);
  let inHelp = false;
  let first = 0;
  for (const line of text.split('\n')) {
    if (inHelp) {
      if (line.trim() === '') continue;
      const ts = width(/^[ \t]*/.exec(line)![0]);
      if (ts > 0 && (first === 0 || ts >= first)) {
        if (first === 0) first = ts;
        help[help.length - 1] += (help[help.length - 1] ? '\n' : '') + line.trim();
        continue;
      }
      inHelp = false;
    }
    const tokens: KToken[] = [];
    for (let i = 0; i < line.length; ) {
      const c = line[i];
      if (c === ' ' || c === '\t') i++;
      else if (c === '#') break;
      else if (c === '"' || c === "'") {
        let value = '';
        let expands = false;
        for (i++; i < line.length && line[i] !== c; i++) {
          if (line[i] === '\\') value += line[++i] ?? '';
          else {
            if (line[i] === '$' && line[i + 1] === '(') expands = true;
            value += line[i];
          }
        }
        i++;
        tokens.push({ value, expands });
      } else if (/[A-Za-z0-9_$-]/.test(c)) {
        const w = /^[A-Za-z0-9_$-]+/.exec(line.slice(i))![0];
        tokens.push({ value: w, expands: w.includes('$') });
        i += w.length;
      } else {
        tokens.push({ value: c, expands: false });
        i++;
      }
    }
    if (tokens.length === 0) continue;
    statements.push(tokens);
    if (tokens.length === 1 && tokens[0].value === 'help') {
      inHelp = true;
      first = 0;
      help.push('');
    }
  }
  return { statements, help };
}

/** The value of a Rust string literal's source text. */
function rustValue(lit: string): string {
  return lit.slice(1, -1).replace(/\\(u\{([0-9a-fA-F]+)\}|x([0-9a-fA-F]{2})|.)/g, (_m, e: string, u?: string, x?: string) =>
    u ? String.fromCodePoint(parseInt(u, 16)) : x ? String.fromCharCode(parseInt(x, 16)) : ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[e] ?? e,
  );
}

/** The string literals inside the `module!` block of a Rust file, after checking the file parses cleanly. */
function moduleStrings(text: string): { keys: string[]; strings: string[] } {
  const root = parse(text).rootNode;
  expect(root.hasError).toBe(false);
  const mod = root.descendantsOfType('macro_invocation').find((m) => m.childForFieldName('macro')?.text === 'module')!;
  expect(mod).toBeDefined();
  const tt = mod.namedChildren.find((c) => c.type === 'token_tree')!;
  const keys = tt.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  const strings = tt.descendantsOfType('string_literal').map((s) => rustValue(s.text));
  return { keys, strings };
}

function inTree(value: string, license = value) {
  const k = fakeKernel();
  const prog = tempDir();
  writeFileSync(path.join(prog, 'hello.rs'), 'fn main() {\n    println!("hi");\n}\n');
  const r = rewrite({ paths: [path.join(prog, 'hello.rs')], profile: 'mainline', mode: 'report', inTree: path.join(k, 'samples', 'rust'), description: value, authors: [value, 'Ada'], license });
  const file = (rel: string) => r.changes.find((c) => c.path === rel)!.new!.toString('utf8');
  return { k, kconfig: file('samples/rust/Kconfig'), makefile: file('samples/rust/Makefile'), module: file('samples/rust/hello.rs') };
}

describe('hostile metadata through every output', () => {
  const benign = inTree('A plain description', 'GPL');

  for (const [name, value] of HOSTILE) {
    it(`${name}: the Kconfig entry is its four statements, the prompt one string that expands nothing`, () => {
      const { k, kconfig: after } = inTree(value);
      const before = kconfig(readFileSync(path.join(k, 'samples', 'rust', 'Kconfig'), 'utf8'));
      const now = kconfig(after);
      const words = (s: KToken[][]) => s.map((t) => t.map((x) => x.value).join(' '));
      const added = words(now.statements).filter((s, i, all) => all.indexOf(s) === i);
      const clean = singleLine(value);
      const expected = ['config HELLO', `tristate ${clean}`, 'depends on RUST', 'help'];
      // Exactly the old statements plus the four of the new entry, before the closing endif.
      expect(words(now.statements)).toEqual([...words(before.statements).slice(0, -1), ...expected, words(before.statements).at(-1)]);
      expect(added.length).toBeGreaterThan(0);
      expect(now.statements.flat().filter((t) => t.expands)).toEqual([]);
      expect(now.help.at(-1)).toBe(`${clean.replace(/\.$/, '')}.\nTo compile this as a module, choose M here:\nthe module will be called hello.\nIf unsure, say N.`);
    });

    it(`${name}: module! holds one string literal per value and parses`, () => {
      const { module, makefile: mk } = inTree(value);
      const { keys, strings } = moduleStrings(module);
      // (`type` is a keyword token to tree-sitter, not an identifier.)
      expect(keys).toEqual(['Hello', 'name', 'authors', 'description', 'license']);
      const clean = singleLine(value);
      expect(strings).toEqual(['hello', clean, 'Ada', clean, clean]);
      // Nothing of the metadata reaches the Makefile.
      expect(mk).toBe(benign.makefile);
    });
  }

  it.skipIf(!hasRustc)('kport verify builds the module! of every hostile value (each is one string to rustc)', async () => {
    const out = path.join(tempDir(), 'out');
    const prog = tempDir();
    writeFileSync(path.join(prog, 'hello.rs'), 'fn main() {\n    println!("hi");\n}\n');
    const all = HOSTILE.map(([, v]) => v).join(' ');
    const args = ['rewrite', '--out-dir', out, '--description', all, '--license', 'GPL', ...HOSTILE.flatMap(([, v]) => ['--author', v]), path.join(prog, 'hello.rs')];
    expect((await kport(args)).code).toBe(0);
    const v = await kport(['verify', out]);
    expect(v.code, v.stderr).toBe(0);
    // --author takes comma-separated lists, as it always has.
    const authors = HOSTILE.flatMap(([, v]) => v.split(',')).map((a) => singleLine(a.trim())).filter(Boolean);
    expect(moduleStrings(readFileSync(path.join(out, 'hello.rs'), 'utf8')).strings).toEqual(['hello', ...authors, singleLine(all), 'GPL']);
  });
});

describe('names must be identifiers', () => {
  const bad = ['a b', 'x$(shell id)', 'evil\nobj-m += x.o', '9lives', '', 'a-b', 'name"'];

  it('module names and Kconfig symbols outside [A-Za-z_][A-Za-z0-9_]* are refused with one line', () => {
    for (const name of bad) {
      for (const f of [() => configSymbol(name), () => makefileLine(name), () => makefile(name), () => kconfigEntry(name, 'd'), () => kbuild(`${name}.o`)]) {
        expect(f, JSON.stringify(name)).toThrow(UsageError);
        try {
          f();
        } catch (e) {
          expect((e as Error).message).not.toContain('\n');
          expect((e as Error).message).toMatch(/is not a valid identifier \(\[A-Za-z_\]\[A-Za-z0-9_\]\*\)/);
        }
      }
      const crate = { moduleName: name, authors: [], license: 'GPL' } as unknown as CrateInfo;
      expect(() => moduleBlock({ typeName: 'T', crate, authorsKey: 'authors', indent: '    ' })).toThrow(UsageError);
    }
  });

  it('a crate root in a folder whose name make would expand is refused (exit 2), not written into a Kbuild', async () => {
    const dir = tempDir();
    const evil = 'a$(shell touch pwned)b';
    mkdirSync(path.join(dir, evil));
    writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "c"\n\n[[bin]]\nname = "c"\npath = "${evil}/main.rs"\n`);
    writeFileSync(path.join(dir, evil, 'main.rs'), 'fn main() {\n    println!("x");\n}\n');
    const r = await kport(['rewrite', '--dry-run', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kport: cannot write a Kbuild that descends into the folder "a\$\(shell touch pwned\)b": make would read its name as code/);
  });
});
