import { PROFILE_IDS } from '../src/kernel-api/profiles.ts';
import type { CodeInfo, CrateContext, CrateTransform } from '../src/engine/types.ts';
import { checkLoopBody, checkReportable } from './io-miscdev/checks.ts';
import { findInputLoop } from './io-miscdev/loop.ts';
import { portOf } from './io-miscdev/port.ts';
import { indentOf, renderSession, rewriteMain } from './io-miscdev/render.ts';
import { collectState } from './io-miscdev/state.ts';
import { QUERIES } from './io-miscdev/syntax.ts';

/**
 * io-miscdev (`--io miscdev`): main's line-by-line stdin loop becomes a misc
 * character device. The loop's state becomes `struct Session`, its body
 * `Session::line` (run once per line written to /dev/NAME; what it prints is
 * read back from the device), the code after it `Session::finish`; main ends
 * by registering the device. The shape is described in docs/transforms/io-miscdev.md; the
 * device itself is the generated miscdev.rs (templates/miscdev.rs).
 *
 * Kernel API (mainline): rust/kernel/miscdevice.rs (`MiscDevice`, `read_iter`,
 * `write_iter`, `MiscDeviceRegistration`), rust/kernel/iov.rs, rust/kernel/sync/lock/global.rs.
 */

/**
 * The phases, in order: findInputLoop → checkLoopBody → collectState → checkReportable
 * report what a person must decide (K10xx), and an error in one stops the phases after it
 * (so this order decides which reports are seen together); then renderSession returns
 * the generated text and rewriteMain records the edits.
 */
function run(cc: CrateContext): void {
  if (cc.crate.options.io !== 'miscdev') return;
  const port = portOf(cc, new Set(CODES.filter((c) => c.severity === 'error').map((c) => c.code)));
  if (!port) return;
  const found = findInputLoop(port);
  if (!found) return;
  const { loop, bindings } = found;
  if (!checkLoopBody(port, loop)) return;
  const state = collectState(port, loop, bindings);
  if (!state || port.stopped) return;
  if (!checkReportable(port, loop, state)) return;
  const indent = indentOf(port);
  // One rewrite: the loop's code is rendered into the Session, main and the imports change with it.
  port.ctx.edits.group((g) => rewriteMain(port, g, loop, state, bindings, renderSession(port, g, loop, state, indent), indent));
}

const CODES: CodeInfo[] = [
  {
    code: 'K1001',
    severity: 'note',
    title: "main's input loop became the handler of a misc character device",
    explanation: `With \`--io miscdev\`, kport turned the stdin loop of \`main\` into a misc
character device named after the module (/dev/NAME). The locals the loop keeps
between lines became the fields of \`struct Session\`; the loop body became
\`Session::line\`, run once per line written to the device; what it printed with
\`println!\`/\`print!\` is read back from the device (\`cat /dev/NAME\`); the code after
the loop became \`Session::finish\`, run when the loop ends (\`break\`, or unload).
The generated miscdev.rs documents the output limit and the errors.

Before:
    let mut moves: u32 = 0;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        if line == "quit" { break; }
        moves += 1;
        println!("{} moves", moves);
    }
After:
    struct Session { moves: u32 }
    impl Session {
        fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
            if line == "quit" { return Ok(miscdev::Flow::Break); }
            self.moves += 1;
            miscdev::outln!(out, "{} moves", self.moves);
            Ok(miscdev::Flow::Continue)
        }
        fn finish(&mut self) -> Result { Ok(()) }
    }
    // main: let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;`,
  },
  {
    code: 'K1002',
    severity: 'error',
    title: 'input is read in two places',
    explanation: `A device handler receives one line per call and nothing else: it cannot
read a line before the loop (a seed, a header), a second line inside the loop, or
stdin from another function. kport leaves the program as it is: decide what the
extra read becomes (a module parameter, a constant, or the first line written to
the device, remembered in the state), then run \`--io miscdev\` again.

Before:
    let seed: usize = lines.next().unwrap()?.parse()?;   // read before the loop
    while let Some(Ok(line)) = lines.next() { .. }
After (by hand):
    module! { .., params: { seed: usize { default: 0, description: "Word seed" } } }
    while let Some(Ok(line)) = lines.next() { .. }         // now ported by --io miscdev`,
  },
  {
    code: 'K1003',
    severity: 'error',
    title: 'the input is read with a custom reader, not line by line',
    explanation: `\`--io miscdev\` maps one line written to the device to one call of the loop
body. Input read byte by byte (\`bytes()\`), up to a delimiter (\`read_until\`,
\`split\`), all at once (\`read_to_string\`, \`read_to_end\`), or through a \`BufReader\`
the program builds, has no such mapping: decide what a write means and read lines.

Before:
    let mut s = String::new();
    io::stdin().read_to_string(&mut s)?;
    for word in s.split_whitespace() { .. }
After (by hand, then --io miscdev):
    for line in io::stdin().lock().lines() {
        let line = line?;
        for word in line.split_whitespace() { .. }
    }`,
  },
  {
    code: 'K1004',
    severity: 'error',
    title: 'output is interleaved with the input (a prompt before each read)',
    explanation: `A \`loop\` that prints a prompt and flushes before each \`read_line\` talks to a
terminal. On a device, the reader sees output only after a write has run the
handler, so the prompt would come after the answer. Drop the prompt, or print it
at the end of the handler so \`cat\` shows it after each answer.

Before:
    loop {
        print!("> ");
        io::stdout().flush()?;
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 { break; }
        ..
    }
After (by hand, then --io miscdev):
    loop {
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 { break; }
        ..
        print!("> ");
    }`,
  },
  {
    code: 'K1005',
    severity: 'error',
    title: 'the input loop also reads a file',
    explanation: `A kernel module does not open files by path. The loop body reads one
(\`File::open\`, \`fs::read_to_string\`, ...), so it has no handler form. Decide
where that data comes from: a module parameter, firmware
(\`kernel::firmware::Firmware\`, rust/kernel/firmware.rs), or lines written to the device.

Before:
    for line in stdin.lock().lines() { let words = fs::read_to_string(&line?)?; .. }
After (by hand): the words come in through the device, one per line.`,
  },
  {
    code: 'K1006',
    severity: 'error',
    title: 'a state variable of the input loop is bound again',
    explanation: `Locals declared before the loop become \`Session\` fields and their uses
become \`self.x\`. A \`let x\` (or a pattern binding \`x\`) in the loop or after it
makes some uses mean the new binding; kport does not guess which. Rename the new
binding or assign to the state.

Before:
    let mut total: u32 = 0;
    for line in lines { let line = line?; let total = total + 1; .. }
After (by hand, then --io miscdev):
    for line in lines { let line = line?; let next = total + 1; .. }`,
  },
  {
    code: 'K1007',
    severity: 'error',
    title: 'no input loop kport can restructure',
    explanation: `\`--io miscdev\` recognises one loop at the top level of \`main\` that reads
stdin line by line: \`for line in stdin.lock().lines()\` (or \`io::stdin().lines()\`,
with \`let line = line?;\` / \`.unwrap()\` / \`.expect(..)\` / \`let Ok(line) = line else
{ break };\` first, or \`.map_while(Result::ok)\`/\`.flatten()\` in the header),
\`while let Some(Ok(line)) = lines.next()\`, and \`loop { let mut buf = String::new();
if stdin.read_line(&mut buf)? == 0 { break; } .. }\`. A loop nested in another
block, a single read, or another shape is left as it is.

Before:
    if interactive { for line in stdin.lock().lines() { .. } }
After (by hand, then --io miscdev):
    for line in stdin.lock().lines() { .. }`,
  },
  {
    code: 'K1008',
    severity: 'error',
    title: 'a jump in the input loop has no handler form',
    explanation: `In the handler, \`break\` ends the session (\`Flow::Break\`), \`continue\` ends
the line (\`Flow::Continue\`) and \`return\` ends the session without the code after
the loop (\`Flow::Return\`); \`return Err(e)\` fails the write. A labeled
\`break\`/\`continue\` to a label outside the loop, or a \`return\` of another value,
has no such form.

Before:
    'outer: { for line in lines { .. break 'outer; } }
After (by hand):
    for line in lines { .. break; }`,
  },
  {
    code: 'K1009',
    severity: 'error',
    title: "the profile's kernel lacks the misc device API that --io miscdev generates",
    explanation: `The generated device uses \`MiscDevice::read_iter\`/\`write_iter\` with
\`kernel::iov\` iterators (rust/kernel/miscdevice.rs, rust/kernel/iov.rs), which
the kernels of this profile do not have (docs/profiles.md). Use --profile
mainline, or write the device by hand for this kernel.

Before:
    kport rewrite --io miscdev --profile v6.1 game/
After:
    kport rewrite --io miscdev --profile mainline game/`,
  },
  {
    code: 'K1010',
    severity: 'warning',
    title: 'a function the input loop calls prints to the kernel log, not to the device',
    explanation: `Only \`println!\`/\`print!\` written in the loop body go to the device's output.
A function the loop calls that prints keeps printing with \`pr_info!\` (the kernel
log), so the device's reader does not see it. Return the text (or a value) and
print it in the loop, or pass the output along.

Before:
    fn guess(&mut self, c: char) { println!("You already tried '{}'.", c); }
After (by hand):
    fn guess(&mut self, c: char, out: &mut miscdev::Output) {
        miscdev::outln!(out, "You already tried '{}'.", c);
    }`,
  },
  {
    code: 'K1011',
    severity: 'error',
    title: 'the type of an input-loop state variable cannot be known',
    explanation: `The locals the loop keeps between lines become the fields of \`struct
Session\`, and a field needs its type written. kport reads it from the \`let\`
annotation, a literal, \`T::new(..)\`/\`T::from(..)\`/\`T::default()\`, a struct literal
or a crate function's return type; anything else (\`Vec::new()\`, \`vec![..]\`, a
method call, a pattern) is reported and nothing is changed.

Before:
    let mut seen = Vec::new();
After (by hand, then --io miscdev):
    let mut seen: Vec<char> = Vec::new();`,
  },
  {
    code: 'K1012',
    severity: 'note',
    title: "a state variable's type comes from the literal's default",
    explanation: `An unsuffixed integer literal is an \`i32\` unless the code around it makes it
another type; kport cannot see that inference, so the \`Session\` field gets \`i32\`.
If the program used the value as a \`usize\` (an index, a length), annotate the let.

Before:
    let mut count = 0;
After:
    struct Session { count: i32 }      // annotate \`let mut count: usize = 0;\` if meant`,
  },
  {
    code: 'K1013',
    severity: 'error',
    title: 'a name --io miscdev generates is already taken',
    explanation: `\`--io miscdev\` adds \`struct Session\`, \`mod miscdev;\` and the file miscdev.rs
beside the crate root. When the crate already has one of them, kport changes
nothing: rename the program's item and run again.

Before:
    struct Session { .. }      // the program's own
After (by hand):
    struct GameSession { .. }`,
  },
];

export const ioMiscdev: CrateTransform = {
  id: 'io-miscdev',
  scope: 'crate',
  summary: "With `--io miscdev`, turn main's line-by-line stdin loop into a misc character device whose reads return what the loop printed.",
  profiles: [...PROFILE_IDS],
  safety: 'safe',
  // Only with `--io miscdev`, and only where some file reads stdin (findInputLoop).
  applies: ({ crate }) => crate.options.io === 'miscdev',
  words: ['stdin'],
  queries: QUERIES,
  codes: CODES,
  run,
};
