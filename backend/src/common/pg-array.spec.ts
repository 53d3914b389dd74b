import { pgArray } from './pg-array';

describe('pgArray', () => {
  it.each([
    [[], '{}'],
    [['a', 'b'], '{"a","b"}'],
    [[null, undefined, 'NULL'], '{NULL,NULL,"NULL"}'],
    [['', ' x ', 'a,b', '{c}'], '{""," x ","a,b","{c}"}'],
    [['say "B"', 'C:\\dir'], '{"say \\"B\\"","C:\\\\dir"}'],
    [[1, 2.5, -0.25, null], '{1,2.5,-0.25,NULL}'],
  ])('%j → %s', (values, literal) => {
    expect(pgArray(values)).toBe(literal);
  });

  it('refuses a number PostgreSQL would read differently', () => {
    expect(() => pgArray([NaN])).toThrow(RangeError);
    expect(() => pgArray([Infinity])).toThrow(RangeError);
  });
});
