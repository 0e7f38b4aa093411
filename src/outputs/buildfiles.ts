// The build files of a ported module: Kbuild, Makefile and a README fragment
// for an out-of-tree build, and the Kconfig entry and Makefile line for an
// in-tree one. Forms follow the Rust-for-Linux rust-out-of-tree-module sample
// (Kbuild: `obj-m := rust_out_of_tree.o`; Makefile: KDIR and the kernel's own
// build with M=) and samples/rust/Kconfig + samples/rust/Makefile in the kernel.
//
// Nothing from the input reaches these files as free text: module names and
// Kconfig symbols are identifiers (checked), folder names in Kbuild are plain
// names (checked), and the description, the only string, is one line with
// `\`, `"` and `$` escaped for Kconfig (whose lexer expands `$(..)` in strings).
import { UsageError } from '../engine/errors.ts';
import { checkIdentifier, singleLine } from '../crate/modinfo.ts';

const SPDX = '# SPDX-License-Identifier: GPL-2.0\n';

/** A folder name make and kbuild take literally: no `$`, `#`, `:`, `=`, `%`, spaces or quotes. */
const PLAIN_FOLDER = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** `obj-m := name.o`, or `obj-m := dir/` to descend into the folder that holds the module. */
export function kbuild(entry: string): string {
  const dir = /^(.*)\/$/.exec(entry);
  if (dir) {
    if (!PLAIN_FOLDER.test(dir[1])) {
      throw new UsageError(`cannot write a Kbuild that descends into the folder ${JSON.stringify(dir[1])}: make would read its name as code; kbuild folder names are letters, digits and \`_.+-\` (move the crate root, or use --out-dir)`);
    }
  } else checkIdentifier('module name', entry.replace(/\.o$/, ''));
  return `${SPDX}\nobj-m := ${entry}\n`;
}

/**
 * The convenience Makefile: `make` builds with the kernel's own build system
 * (kbuild reads Kbuild, not this file, when it visits the folder).
 */
export function makefile(moduleName: string): string {
  checkIdentifier('module name', moduleName);
  return `${SPDX}#
# Builds the ${moduleName} kernel module out of tree (Rust needs a kernel
# built with CONFIG_RUST=y; LLVM=1 uses the same LLVM toolchain as the kernel).
#   make [KDIR=/path/to/kernel/build]
#   make modules_install
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build
LLVM ?= 1

default:
\t$(MAKE) -C $(KDIR) M=$(CURDIR) LLVM=$(LLVM) modules

modules_install: default
\t$(MAKE) -C $(KDIR) M=$(CURDIR) LLVM=$(LLVM) modules_install

clean:
\t$(MAKE) -C $(KDIR) M=$(CURDIR) LLVM=$(LLVM) clean

.PHONY: default modules_install clean
`;
}

/** How to build and load the module; `ko` is the module file's path from the folder. */
export function readme(moduleName: string, ko: string, device?: string): string {
  checkIdentifier('module name', moduleName);
  // `--io miscdev`: main's input loop is the misc device /dev/<device> (root-only, mode 0600).
  const row = (cmd: string, note: string) => `${cmd.padEnd(39)} # ${note}\n`;
  const io = device
    ? row(`echo 'one line' | sudo tee /dev/${device}`, 'runs the input loop body once') + row(`sudo cat /dev/${device}`, 'what it printed')
    : '';
  return `# ${moduleName}: a Linux kernel module

Ported from userspace Rust by kport. Build it against a kernel source or
build tree that was configured with \`CONFIG_RUST=y\`:

\`\`\`sh
make KDIR=/path/to/linux                # or: make -C /path/to/linux M=$PWD LLVM=1
sudo insmod ${ko}
${io}sudo dmesg | tail                       # its pr_info!/pr_err! output
sudo rmmod ${moduleName}
\`\`\`

\`make modules_install\` installs it for \`modprobe ${moduleName}\`; \`make clean\` removes
the build output. Review kport's diagnostics before loading: each one names a
decision the port left to a person.
`;
}

/** The Kconfig symbol for a module: its name in upper case. */
export function configSymbol(moduleName: string): string {
  return checkIdentifier('Kconfig symbol', checkIdentifier('module name', moduleName).toUpperCase());
}

/**
 * A Kconfig string literal (scripts/kconfig/lexer.l, STRING state): `\x`
 * stands for `x`, and `$` before `(` starts a macro that Kconfig expands
 * (`$(shell,..)` runs a command), so `\`, `"` and `$` are escaped.
 */
export function kconfigString(s: string): string {
  return `"${singleLine(s).replace(/[\\"$]/g, '\\$&')}"`;
}

/** A `tristate` entry in the form samples/rust/Kconfig uses. */
export function kconfigEntry(moduleName: string, description: string | undefined): string {
  const text = description === undefined ? '' : singleLine(description);
  // Help text is taken literally (no escapes, no macros) up to the end of the line.
  const help = text ? `${text.replace(/\.$/, '')}.` : `The ${moduleName} module.`;
  return [
    `config ${configSymbol(moduleName)}`,
    `\ttristate ${kconfigString(text || moduleName)}`,
    '\tdepends on RUST',
    '\thelp',
    `\t  ${help}`,
    '',
    '\t  To compile this as a module, choose M here:',
    `\t  the module will be called ${moduleName}.`,
    '',
    '\t  If unsure, say N.',
    '',
  ].join('\n');
}

/** Whether a Kconfig text already defines `config SYMBOL`. */
export function kconfigDefines(text: string, symbol: string): boolean {
  return new RegExp(`^\\s*(menu)?config\\s+${symbol}\\s*$`, 'm').test(text);
}

/** Add an entry: before a closing `endif`/`endmenu` that ends the file, else at the end. */
export function addKconfigEntry(text: string, entry: string): string {
  if (text.includes(entry)) return text;
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last].trim() === '') last--;
  if (last >= 0 && /^(endif|endmenu)\b/.test(lines[last].trim())) {
    const before = lines.slice(0, last).join('\n').replace(/\n*$/, '\n');
    return `${before}\n${entry}\n${lines.slice(last).join('\n')}`;
  }
  const body = text === '' ? '' : text.replace(/\n*$/, '\n') + '\n';
  return body + entry;
}

/** The Makefile line of an in-tree module. */
export function makefileLine(moduleName: string): string {
  checkIdentifier('module name', moduleName);
  return `obj-$(CONFIG_${configSymbol(moduleName)}) += ${moduleName}.o`;
}

/** Add the line after the folder's last `obj-` line, else at the end. */
export function addMakefileLine(text: string, line: string): string {
  const lines = text.split('\n');
  if (lines.some((l) => l.replace(/\s+/g, ' ').trim() === line)) return text;
  let at = -1;
  lines.forEach((l, i) => {
    if (/^obj-/.test(l)) at = i;
  });
  if (at === -1) return text === '' ? `${line}\n` : text.replace(/\n*$/, '\n') + line + '\n';
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}
