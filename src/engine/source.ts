// Reading a file exactly: kport works on LF text without a BOM and puts the
// file's own BOM and line endings back on the way out, byte for byte.
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './errors.ts';

export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the crate root, `/`-separated. */
  rel: string;
  /** The exact bytes read. */
  original: Buffer;
  /** Decoded text as transforms see it: no BOM, `\r\n` folded to `\n` when the file is all-CRLF. */
  text: string;
  bom: boolean;
  /** `crlf` only when every line ending in the file is CRLF; mixed files are kept as they are. */
  eol: 'lf' | 'crlf';
  mode: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(abs: string, rel: string, bytes: Buffer, mode = 0o644): SourceFile {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UsageError(`${rel}: file is UTF-16; kport reads UTF-8 Rust sources only`);
  }
  if (looksLikeUtf16(bytes)) {
    throw new UsageError(`${rel}: looks like UTF-16 without a byte-order mark; kport reads UTF-8 Rust sources only`);
  }
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    throw new UsageError(`${rel}: not valid UTF-8; Rust sources must be UTF-8`);
  }
  const bom = raw.charCodeAt(0) === 0xfeff;
  if (bom) raw = raw.slice(1);
  const crlf = countOf(raw, '\r\n');
  const lf = countOf(raw, '\n');
  const eol = crlf > 0 && crlf === lf ? 'crlf' : 'lf';
  const text = eol === 'crlf' ? raw.replaceAll('\r\n', '\n') : raw;
  return { abs, rel, original: bytes, text, bom, eol, mode };
}

export function readSource(abs: string, rel: string): SourceFile {
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    throw new UsageError(`${rel}: ${ioMessage(e)}`);
  }
  if (st.isDirectory()) throw new UsageError(`${rel}: is a folder, expected a .rs file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    throw new UsageError(`${rel}: ${ioMessage(e)}`);
  }
  return decodeSource(abs, rel, bytes, st.mode & 0o777);
}

/** The bytes to write for transformed text, in the file's own encoding conventions. */
export function encodeSource(src: Pick<SourceFile, 'bom' | 'eol'>, text: string): Buffer {
  let out = src.eol === 'crlf' ? text.replaceAll('\n', '\r\n') : text;
  if (src.bom) out = '\ufeff' + out;
  return Buffer.from(out, 'utf8');
}

/**
 * UTF-16 text without a BOM is valid UTF-8 (ASCII with a NUL after or before
 * every character). Rust code has next to no NUL bytes, so NULs in most even
 * or most odd positions of the first few KiB give it away.
 */
function looksLikeUtf16(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= (n / 2) * 0.9;
}

function countOf(s: string, needle: string): number {
  let n = 0;
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) n++;
  return n;
}

export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err?.message ?? String(e);
  }
}
