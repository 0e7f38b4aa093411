import { describe, expect, it } from 'vitest';
import { EditGroup, EditRecorder, OverlapError, applyEdits, renderRange, sortAndCheck } from '../src/engine/edits.ts';
import { parse } from '../src/engine/parse.ts';
import { OffsetMap } from '../src/engine/offsets.ts';

function rec(len: number) {
  return new EditRecorder('x'.repeat(len), 'test');
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
    const r = new EditRecorder('x'.repeat(20), 't', [{ start: 5, end: 8 }]);
    r.replace({ start: 6, end: 7 }, 'x');
    r.insert(8, 'y');
    r.replace({ start: 10, end: 12 }, 'z');
    expect(r.dropped).toBe(2);
    expect(r.edits).toHaveLength(1);
  });
});

describe('edit groups', () => {
  it('records a group whole, overlap-checked with the other edits', () => {
    const r = new EditRecorder('let a = b;', 't');
    r.replace({ start: 0, end: 3 }, 'var');
    const landed = r.group((g) => {
      g.replace({ start: 4, end: 5 }, 'x');
      g.insert(9, ' // moved');
    });
    expect(landed).toBe(true);
    expect(applyEdits('let a = b;', sortAndCheck(r.edits))).toBe('var x = b // moved;');
    r.group((g) => g.replace({ start: 1, end: 2 }, 'E'));
    expect(() => sortAndCheck(r.edits)).toThrow(OverlapError);
  });

  it('drops the whole group when one of its edits touches a syntax error', () => {
    const r = new EditRecorder('x'.repeat(20), 't', [{ start: 5, end: 8 }]);
    r.insert(0, 'kept');
    const landed = r.group((g) => {
      g.replace({ start: 10, end: 12 }, 'far from the error');
      g.insert(8, 'at its edge');
    });
    expect(landed).toBe(false);
    expect(r.edits.map((e) => e.text)).toEqual(['kept']);
    expect(r.dropped).toBe(2);
    expect(r.refused).toEqual([{ start: 8, end: 8 }]);
  });

  it('records nothing when the group throws', () => {
    const r = new EditRecorder('abc', 't');
    expect(() =>
      r.group((g) => {
        g.insert(0, 'x');
        throw new Error('changed its mind');
      }),
    ).toThrow('changed its mind');
    expect(r.size).toBe(0);
  });

  it('checks ranges when they are recorded', () => {
    const r = new EditRecorder('abc', 't');
    expect(() => r.group((g) => g.replace({ start: 2, end: 9 }, 'x'))).toThrow(RangeError);
  });

  it('render moves the edits inside a range into the text it returns', () => {
    const text = 'fn f() {\n    a;\n}\nfn g() {}\n';
    const r = new EditRecorder(text, 't');
    r.group((g) => {
      const a = text.indexOf('a;');
      g.replace({ start: a, end: a + 1 }, 'b');
      g.insert(text.length, 'tail\n');
      const inner = g.render({ start: text.indexOf('{') + 1, end: text.indexOf('}') });
      expect(inner).toBe('\n    b;\n');
      expect(g.pending).toHaveLength(1);
      g.insert(text.indexOf('fn g'), `// was:${inner}`);
    });
    expect(applyEdits(text, sortAndCheck(r.edits))).toBe('fn f() {\n    a;\n}\n// was:\n    b;\nfn g() {}\ntail\n');
  });

  it('a moved edit that touches a syntax error refuses the group too', () => {
    const r = new EditRecorder('x'.repeat(20), 't', [{ start: 5, end: 8 }]);
    expect(r.group((g) => {
      g.replace({ start: 6, end: 7 }, 'y');
      g.insert(15, g.render({ start: 4, end: 10 }));
    })).toBe(false);
    expect(r.size).toBe(0);
  });
});

describe('renderRange', () => {
  const body = 'fn main() {\n    let a = 1;\n    if a {\n        go(a);\n    }\n\n    done();\n}\n';
  const inner = { start: body.indexOf('{') + 1, end: body.lastIndexOf('}') };

  it('adds a level of indentation to each line with text, edits included', () => {
    const at = body.indexOf('done();');
    const out = renderRange(body, inner, [{ start: at + 'done();'.length, end: at + 'done();'.length, text: '\n    ok()' }], { indent: { add: '  ' } });
    expect(out).toBe('\n      let a = 1;\n      if a {\n          go(a);\n      }\n\n      done();\n      ok()\n');
  });

  it('moves a block to a new indentation, keeping the relative one', () => {
    expect(renderRange(body, inner, [], { indent: { to: '\t' } })).toBe('\n\tlet a = 1;\n\tif a {\n\t    go(a);\n\t}\n\n\tdone();\n');
  });

  it('leaves a removed line and the lines inside a replacement alone', () => {
    const line = body.indexOf('    if a');
    const close = body.indexOf('    }\n') + '    }\n'.length;
    const go = body.indexOf('go(a)');
    expect(renderRange(body, inner, [{ start: line, end: close, text: '' }], { indent: { add: '  ' } })).toBe('\n      let a = 1;\n\n      done();\n');
    expect(renderRange(body, inner, [{ start: go, end: go + 5, text: 'went' }], { indent: { to: '' } })).toBe('\nlet a = 1;\nif a {\n    went;\n}\n\ndone();\n');
  });

  it('keeps the lines of multi-line strings and block comments', () => {
    const src = 'fn main() {\n    let s = "a\n  b";\n    /* c\n    d */\n}\n';
    const tree = parse(src);
    const r = { start: src.indexOf('{') + 1, end: src.lastIndexOf('}') };
    expect(renderRange(src, r, [], { indent: { add: '    ' }, keep: tree.rootNode })).toBe('\n        let s = "a\n  b";\n        /* c\n    d */\n');
  });

  it('rejects overlapping edits', () => {
    expect(() =>
      renderRange(body, inner, [
        { start: 20, end: 30, text: '' },
        { start: 25, end: 26, text: 'x' },
      ]),
    ).toThrow(OverlapError);
  });

  it('a group renders against its own text', () => {
    const g = new EditGroup('{ a }');
    g.replace({ start: 2, end: 3 }, 'b');
    expect(g.render({ start: 1, end: 4 })).toBe(' b ');
    expect(g.size).toBe(1);
    expect(g.pending).toHaveLength(0);
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
