// Holds output that must only appear once the whole run has succeeded (the
// dry-run diff: a bad input late in the run must leave stdout empty) without
// holding all of it in memory: past a limit it goes to a temporary file.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const LIMIT = 8 * 1024 * 1024;

export class Spool {
  private chunks: string[] = [];
  private size = 0;
  private dir?: string;
  private fd?: number;

  add = (s: string): void => {
    if (!s) return;
    if (this.fd !== undefined) {
      writeSync(this.fd, s);
      return;
    }
    this.chunks.push(s);
    this.size += s.length;
    if (this.size > LIMIT) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'kport-spool-'));
      this.fd = openSync(path.join(this.dir, 'out'), 'w+');
      for (const c of this.chunks) writeSync(this.fd, c);
      this.chunks = [];
    }
  };

  /** Hand everything to `write`, in order, in pieces, then forget it. */
  drain(write: (s: string) => void): void {
    if (this.fd === undefined) {
      if (this.chunks.length) write(this.chunks.join(''));
      this.chunks = [];
      return;
    }
    const buf = Buffer.alloc(1024 * 1024);
    const dec = new StringDecoder('utf8');
    let pos = 0;
    for (let n; (n = readSync(this.fd, buf, 0, buf.length, pos)) > 0; pos += n) write(dec.write(buf.subarray(0, n)));
    const rest = dec.end();
    if (rest) write(rest);
    this.discard();
  }

  discard(): void {
    this.chunks = [];
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
  }
}
