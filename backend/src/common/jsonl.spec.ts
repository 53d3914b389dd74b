import { InputError, parseJson } from './safe-input';
import { isJsonObject, readJsonLine, readJsonLines } from './jsonl';

describe('readJsonLines', () => {
  it('numbers lines from 1, skips blank ones, and reads LF and CRLF line ends alike', () => {
    expect(readJsonLines('{"a":1}\r\n\r\n  \n{"a":2}\n')).toEqual([
      { line: 1, ok: true, value: { a: 1 } },
      { line: 4, ok: true, value: { a: 2 } },
    ]);
  });

  it('drops a byte-order mark on the first line only', () => {
    expect(readJsonLine('\uFEFF{"a":1}', 1)).toEqual({ line: 1, ok: true, value: { a: 1 } });
    expect(readJsonLine('\uFEFF{"a":1}', 2)).toMatchObject({ line: 2, ok: false });
  });

  it('returns a bad line with its error and goes on to the next', () => {
    const lines = readJsonLines('nope\n{"a":1}');
    expect(lines[0]).toMatchObject({ line: 1, ok: false, error: expect.any(SyntaxError) });
    expect(lines[1]).toEqual({ line: 2, ok: true, value: { a: 1 } });
  });

  it('uses the parser it is given (the importers pass their nesting-limited one)', () => {
    const [deep] = readJsonLines('[[[1]]]', (t) => parseJson(t, 2));
    expect(deep).toMatchObject({ ok: false, error: expect.any(InputError) });
    expect((deep as { error: InputError }).error.code).toBe('input.json_too_deep');
  });
});

describe('isJsonObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    [3, false],
    ['x', false],
  ])('%j → %s', (value, expected) => expect(isJsonObject(value)).toBe(expected));
});
