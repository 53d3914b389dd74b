import { formatMessage } from './format-message';

describe('formatMessage', () => {
  const answers = '{n, plural, one {# answer} other {# answers}}';
  it.each([
    [answers, { n: 1 }, 'en', '1 answer'],
    [answers, { n: 2 }, 'en', '2 answers'],
    [answers, { n: 0 }, 'en', '0 answers'],
    ['{n, plural, =0 {no answers} one {# answer} other {# answers}}', { n: 0 }, 'en', 'no answers'],
    ['{n} 条答案', { n: 1 }, 'zh', '1 条答案'],
    [
      '{n, plural, one {# question} other {# questions}} left out: {why}',
      { n: 3, why: '3 pending' },
      'en',
      '3 questions left out: 3 pending',
    ],
    [
      '{n, plural, one {# paper by {who}} other {# papers by {who}}}',
      { n: 1, who: 'A' },
      'en',
      '1 paper by A',
    ],
    ['on {p}% of the points', { p: 48 }, 'en', 'on 48% of the points'],
    ['{missing} stays', {}, 'en', '{missing} stays'],
  ])('%s with %o in %s is %s', (text, params, lang, expected) => {
    expect(formatMessage(text, params, lang)).toBe(expected);
  });
});
