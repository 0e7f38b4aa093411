import { describe, expect, it } from 'vitest';
import { EditRecorder, OverlapError, applyEdits, sortAndCheck } from '../src/engine/edits.ts';
import { OffsetMap } from '../src/engine/offsets.ts';

function rec(len: number) {
  return new EditRecorder(len, 'test');
}

describe('edit recorder', () => {
  it('applies replacements and insertions in order', () => {
    const r = rec(11);
    r.replace({ start: 0, end: 5 }, 'HELLO');
    r.insert(5, ',');
    r.insert(11, '!');
    r.insert(11, '?');
    expect(applyEdits('hello world', sortAndCheck(r.edits))).toBe('HELLO, world!?');
  });

  it('keeps an insertion at the start of a replacement before it', () => {
    const r = rec(3);
    r.replace({ start: 1, end: 2 }, 'B');
    r.insert(1, '<');
    r.insert(2, '>');
    expect(applyEdits('abc', sortAndCheck(r.edits))).toBe('a<B>c');
  });

  it('rejects overlapping replacements', () => {
    const r = rec(10);
    r.replace({ start: 0, end: 5 }, 'x');
    r.replace({ start: 3, end: 8 }, 'y');
    expect(() => sortAndCheck(r.edits)).toThrow(OverlapError);
  });

  it('rejects two replacements of the same range', () => {
    const r = rec(10);
    r.replace({ start: 2, end: 4 }, 'x');
    r.replace({ start: 2, end: 4 }, 'y');
    expect(() => sortAndCheck(r.edits)).toThrow(OverlapError);
  });

  it('rejects an insertion strictly inside a replacement', () => {
    const r = rec(10);
    r.replace({ start: 0, end: 6 }, 'x');
    r.insert(3, 'y');
    expect(() => sortAndCheck(r.edits)).toThrow(OverlapError);
  });

  it('refuses ranges outside the text', () => {
    expect(() => rec(3).replace({ start: 2, end: 5 }, 'x')).toThrow(RangeError);
  });

  it('drops edits that touch a forbidden (syntax error) range', () => {
    const r = new EditRecorder(20, 't', [{ start: 5, end: 8 }]);
    r.replace({ start: 6, end: 7 }, 'x');
    r.insert(8, 'y');
    r.replace({ start: 10, end: 12 }, 'z');
    expect(r.dropped).toBe(2);
    expect(r.edits).toHaveLength(1);
  });
});

describe('offset map', () => {
  it('maps offsets after edits back to the original text', () => {
    const m = new OffsetMap();
    // "abcdef" → replace "cd" (2..4) with "XYZW" → "abXYZWef"
    m.push(sortAndCheck([{ start: 2, end: 4, text: 'XYZW', by: 't', seq: 0 }]));
    expect(m.toOriginal(0)).toBe(0);
    expect(m.toOriginal(3)).toBe(2); // inside the replacement → its start
    expect(m.toOriginal(6)).toBe(4); // "e" after the edit
    // A second pass inserting at 0 shifts everything by 2.
    m.push(sortAndCheck([{ start: 0, end: 0, text: '//', by: 't', seq: 0 }]));
    expect(m.toOriginal(8)).toBe(4);
  });
});
