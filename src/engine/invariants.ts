// The promises kport makes about every file it hands back, as checks the
// pipeline runs on each result (a broken promise abandons the file with
// K0001) and that the tests, the fuzz suite and the corpus script run again
// from the outside. See docs/architecture.md, "Invariants".
import { countErrors, parse } from './parse.ts';
import { decodeSource, encodeSource, type SourceFile } from './source.ts';

export type InvariantKind = 'round-trip' | 'untouched' | 'syntax' | 'line-endings' | 'bom' | 'final-newline';

export interface Violation {
  kind: InvariantKind;
  message: string;
}

/** True when the text ends with a line ending (LF; CRLF texts are folded to LF). */
function endsWithNewline(text: string): boolean {
  return text.endsWith('\n');
}

/** Line-ending style of raw (encoded) text: which endings occur in it. */
function eolStyle(raw: string): 'none' | 'lf' | 'crlf' | 'mixed' {
  let crlf = 0;
  let lf = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) {
    if (i > 0 && raw.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  if (lf === 0) return 'crlf';
  return 'mixed';
}

/**
 * The cheap per-file invariants that need no second run: reading and writing
 * back an unchanged file gives the same bytes; an unchanged file is
 * byte-identical; the BOM, the line-ending style and the final-newline state
 * are kept. `syntax` (a re-parse) is checked only when asked, since the
 * pipeline already does it.
 */
export function checkOutput(src: SourceFile, out: string, opts: { syntax?: boolean } = {}): Violation[] {
  const v: Violation[] = [];
  if (!encodeSource(src, src.text).equals(src.original)) {
    v.push({ kind: 'round-trip', message: 'decoding and re-encoding the input does not give its bytes back' });
  }
  if (out === src.text) return v;
  const bytes = encodeSource(src, out);
  let again: SourceFile;
  try {
    again = decodeSource(src.abs, src.rel, bytes, src.mode);
  } catch (e) {
    v.push({ kind: 'round-trip', message: `the output does not decode: ${(e as Error).message}` });
    return v;
  }
  if (again.bom !== src.bom || (out.charCodeAt(0) === 0xfeff)) v.push({ kind: 'bom', message: `the byte-order mark was ${src.bom ? 'lost' : 'added'}` });
  const before = eolStyle(src.original.toString('utf8'));
  const after = eolStyle(bytes.toString('utf8'));
  // A file with no line ending takes LF for the lines kport adds; a mixed file stays mixed.
  const okEol = before === after || (before === 'none' && after === 'lf') || (before === 'mixed' && after !== 'none' && after !== 'crlf');
  if (!okEol) v.push({ kind: 'line-endings', message: `line endings changed from ${before} to ${after}` });
  else if (src.eol === 'crlf' && out.includes('\r') && !src.text.includes('\r')) v.push({ kind: 'line-endings', message: 'a carriage return was added to a CRLF file' });
  if (src.text.length > 0 && endsWithNewline(src.text) !== endsWithNewline(out)) {
    v.push({ kind: 'final-newline', message: `the final newline was ${endsWithNewline(src.text) ? 'removed' : 'added'}` });
  }
  if (opts.syntax) {
    const a = countErrors(parse(src.text));
    const b = countErrors(parse(out));
    if (b > a) v.push({ kind: 'syntax', message: `the output has ${b} syntax error(s), the input had ${a}` });
  }
  return v;
}

/** An unchanged result must be byte-identical to what was read. */
export function checkUntouched(src: SourceFile, out: string, changed: boolean): Violation[] {
  if (changed) return [];
  return out === src.text ? [] : [{ kind: 'untouched', message: 'a file reported as unchanged has different text' }];
}
