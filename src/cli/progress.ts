// Progress on a terminal: one line on stderr, redrawn in place, for runs that
// last longer than about a second, and cleared when the run ends, so what
// stays on the screen is only what kport prints anyway. The CLI shows it only
// when stderr is a terminal, the format is human and --quiet is not given;
// it never writes to stdout.
//
// Written here rather than taken from a library: it is one line, drawn with
// two escape sequences (carriage return, erase to the end of the line) and
// cut to the terminal's width. log-update, the usual choice, brings a dozen
// packages for multi-line output and hides the cursor through exit-signal
// hooks, which would compete with the pool's own Ctrl-C handling.

/** What the rewrite job tells about its progress (src/cli/run.ts). */
export interface ProgressListener {
  /** The run has `units` units (crates, folders, files) of about `files` files. */
  start(units: number, files: number): void;
  /** Unit `index` (its path as given) is being ported. */
  begin(index: number, name: string): void;
  /** Unit `index` finished a pass (a phase of transforms over its files) of about `total`. */
  pass(index: number, done: number, total: number): void;
  /** Unit `index` is working on this file (in the main thread only). */
  file(index: number, name: string): void;
  /** Unit `index` is done; it had `files` files. */
  done(index: number, files: number): void;
}

export interface ProgressOptions {
  /** Nothing is drawn before this much time (ms); KPORT_PROGRESS_DELAY_MS overrides the default 1000. */
  delayMs?: number;
  /** The terminal's width in columns, asked at each draw. */
  columns?: () => number | undefined;
  /** Milliseconds; for tests. */
  now?: () => number;
}

const CLEAR = '\r\x1b[K';

export class Progress implements ProgressListener {
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly columns: () => number | undefined;
  private readonly started: number;
  private units = 0;
  private unitsDone = 0;
  private files = 0;
  private filesDone = 0;
  /** Units in flight: name, the file in work, passes done of about how many. */
  private readonly running = new Map<number, { name: string; file?: string; pass: number; passes: number }>();
  private drawn = false;
  private lastDraw = -Infinity;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly write: (s: string) => void,
    opts: ProgressOptions = {},
  ) {
    const env = Number(process.env.KPORT_PROGRESS_DELAY_MS);
    this.delayMs = opts.delayMs ?? (Number.isFinite(env) && process.env.KPORT_PROGRESS_DELAY_MS !== '' ? env : 1000);
    this.now = opts.now ?? (() => performance.now());
    this.columns = opts.columns ?? (() => undefined);
    this.started = this.now();
    // The elapsed time moves on while the main thread waits for workers; never keeps the process alive.
    this.timer = setInterval(() => this.tick(), 250);
    this.timer.unref?.();
  }

  start(units: number, files: number): void {
    this.units = units;
    this.files = files;
    this.tick();
  }

  begin(index: number, name: string): void {
    this.running.set(index, { name, pass: 0, passes: 0 });
    this.tick();
  }

  pass(index: number, done: number, total: number): void {
    const r = this.running.get(index);
    if (r) Object.assign(r, { pass: Math.min(done, total), passes: total });
    this.tick();
  }

  file(index: number, name: string): void {
    const r = this.running.get(index);
    if (r) r.file = name;
    this.tick();
  }

  done(index: number, files: number): void {
    this.running.delete(index);
    this.unitsDone++;
    this.filesDone += files;
    this.tick(true);
  }

  /** The line as it is now (without escapes), cut to `width` columns. */
  line(width = Infinity): string {
    const seconds = (this.now() - this.started) / 1000;
    const files = Math.max(this.files, this.filesDone);
    const parts = [`kport: ${this.unitsDone}/${this.units} crate${this.units === 1 ? '' : 's'}`, `${this.filesDone}/${files} file${files === 1 ? '' : 's'}`];
    // The unit shown is the first one still running: results are handed on in order.
    const first = [...this.running.entries()].sort(([a], [b]) => a - b)[0]?.[1];
    const time = `, ${seconds.toFixed(1)} s`;
    const head = parts.join(', ');
    if (!first) return cut(head + time, width);
    const pass = first.passes ? ` (pass ${first.pass}/${first.passes})` : '';
    const len = (s: string) => [...s].length;
    const current = first.file ?? first.name;
    const full = `${head}, ${current}${pass}${time}`;
    if (len(full) <= width) return full;
    // Too wide: the pass count goes first, then the path from its start (its end names the file).
    const room = width - len(`${head}, `) - len(time);
    const name = [...current];
    if (room >= 2) return `${head}, ${name.length <= room ? current : `…${name.slice(name.length - room + 1).join('')}`}${time}`;
    return cut(head + time, width);
  }

  private tick(force = false): void {
    if (this.stopped) return;
    const now = this.now();
    if (now - this.started < this.delayMs) return;
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    // One column short of the width: a line that fills the last column wraps on some terminals.
    const cols = this.columns();
    this.write(CLEAR + this.line(cols && cols > 1 ? cols - 1 : 79));
    this.drawn = true;
  }

  /** Clear the line (when one was drawn) and stop; call before anything else is printed. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.drawn) this.write(CLEAR);
  }
}

function cut(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : chars.slice(0, Math.max(0, width)).join('');
}
