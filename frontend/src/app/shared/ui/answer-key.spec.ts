import { formatKey } from './answer-key';

describe('formatKey', () => {
  it.each([
    ['C', 'C'],
    [['A', 'C', 'D'], 'ACD'],
    ['ACD', 'ACD'],
    [true, '√'],
    [false, '×'],
    [['\\frac{1}{2}'], '$\\frac{1}{2}$'],
    [[['0.5', '\\frac{1}{2}']], '0.5 / $\\frac{1}{2}$'],
    [['2', '4', 'x^2'], '(1) 2；(2) 4；(3) $x^2$'],
    [['went'], 'went'],
    [['$\\sqrt{6}$'], '$\\sqrt{6}$'],
    [null, ''],
  ])('%j reads %s', (key, text) => {
    expect(formatKey(key)).toBe(text);
  });
});
