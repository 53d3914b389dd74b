import { answerExcerpt } from './answer-excerpt';

describe('answerExcerpt', () => {
  it.each([
    ['short answer', 20, 'short answer'],
    ['abcdefghijklmnop', 10, 'abcdefghij…'],
    // A cut inside a short formula ends after it.
    ['所以 $x^2+1$ 最小', 8, '所以 $x^2+1$…'],
    // A cut inside a long formula falls before it.
    ['解：$\\frac{a+b}{2}\\geq\\sqrt{ab}\\cdot 1000000$ 成立', 6, '解：…'],
    ['$$\\int_0^1 x\\,dx$$ 等于一半', 4, '…'],
    ['故 \\(a=1\\) 且 b', 7, '故 \\(a=1\\)…'],
    ['价格 \\$5 和 \\$6 元很多很多', 6, '价格 \\$5…'],
  ])('%s at %d is %s', (text, max, expected) => {
    expect(answerExcerpt(text, max)).toBe(expected);
  });
});
