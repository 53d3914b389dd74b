import { GROUP_LEASE_MAX, groupAnswers, groupKey, isGroupable } from './answer-groups';

const same = (a: string, b: string, type = 'fill_blank') =>
  expect(groupKey(a, type)).toBe(groupKey(b, type));
const apart = (a: string, b: string, type = 'fill_blank') =>
  expect(groupKey(a, type)).not.toBe(groupKey(b, type));

describe('groupKey: answers merge only when no teacher could score them differently', () => {
  it.each([
    ['full-width digits and letters', 'ｘ＝１', 'x=1'],
    ['full-width brackets and comma', '（１，２）', '(1,2)'],
    ['Chinese colon and semicolon', '最大值：３；最小值：１', '最大值:3;最小值:1'],
    ['the ideographic space', '北京\u3000', '北京'],
    ['the minus sign U+2212', '−3', '-3'],
    ['the full-width minus', '－３', '-3'],
    ['spaces around operators', 'x = -1 / 2', 'x=-1/2'],
    ['spaces in a formula around operators', '$\\frac{1}{2} + 1$', '$\\frac{1}{2}+1$'],
    ['a formula wrapping the whole answer', '$2$', '2'],
    ['display delimiters', '$$\\sqrt{6}$$', '\\sqrt{6}'],
    ['\\( \\) delimiters', '\\(\\sqrt{6}\\)', '$\\sqrt{6}$'],
    ['sentence-final 。', '北京。', '北京'],
    ['a trailing full stop', '3.', '3'],
    ['a space between Chinese characters', '北 京', '北京'],
    ['runs of spaces and tabs', 'x  =\t1', 'x=1'],
    [
      'harness tokens (what the teacher reads)',
      '【答案】$\\frac{25}{31}$<eoa>',
      '$\\frac{25}{31}$',
    ],
    ['leading and trailing space', '  12 ', '12'],
  ])('merges %s', (_, a, b) => same(a, b));

  it.each([
    ['a fraction and its decimal', '1/2', '0.5'],
    ['a fraction in LaTeX and with a slash', '\\frac{1}{2}', '1/2'],
    ['unsimplified and simplified', '2/4', '1/2'],
    ['two numbers and one', '1 2', '12'],
    ['case outside option letters (chemistry)', 'Co', 'CO'],
    ['a point and a variable', 'A', 'a'],
    ['a superscript and a digit (no NFKC)', 'x²', 'x2'],
    ['a vulgar fraction and a slash', '½', '1/2'],
    ['an en dash (a range) and a minus', '1–3', '1-3'],
    ['the enumeration comma and a comma', '1、2', '1,2'],
    ['synonyms', '对', '正确'],
    ['a negative and a positive', '-3', '3'],
    ['a decimal point inside a number', '3.5', '35'],
    ['different units', '5cm', '5m'],
    ['an empty answer and a zero', '', '0'],
  ])('keeps apart %s', (_, a, b) => apart(a, b));

  it('folds case only for answers that are option letters', () => {
    same('b', 'B', 'single_choice');
    same('ａｃ', 'AC', 'multiple_choice');
    apart('b', 'B', 'fill_blank');
    apart('AB', 'BA', 'multiple_choice'); // order is the teacher's call, not the key's
  });
});

describe('isGroupable: short answers, and answers the grader could not read', () => {
  it('takes one line of up to 60 characters as read', () => {
    expect(isGroupable('$\\frac{25}{31}$', false)).toBe(true);
    expect(isGroupable('x'.repeat(60), false)).toBe(true);
    expect(isGroupable('x'.repeat(61), false)).toBe(false);
    expect(isGroupable('第一行\n第二行', false)).toBe(false);
    // the harness tail does not count: it is not what the teacher reads
    expect(isGroupable('x'.repeat(58) + '<eoa>', false)).toBe(true);
  });

  it('takes an unreadable answer of a few lines', () => {
    expect(isGroupable('我觉得是\n第二个', true)).toBe(true);
    expect(isGroupable('x'.repeat(201), true)).toBe(false);
  });
});

describe('groupAnswers', () => {
  const c = (taskId: string, text: string, readNumber = 1, isUnparsed = false) => ({
    taskId,
    text,
    readNumber,
    isUnparsed,
  });

  it('groups by key, largest first, and leaves long answers to the ordinary queue', () => {
    const groups = groupAnswers(
      [
        c('1', '1/2'),
        c('2', '0.5'),
        c('3', '１/２'),
        c('4', 'x'.repeat(100)),
        c('5', '0.5。'),
        c('6', '1 / 2'),
      ],
      'fill_blank',
    );
    expect(groups.map((g) => g.taskIds)).toEqual([
      ['1', '3', '6'],
      ['2', '5'],
    ]);
  });

  it('never mixes reads: a first read and a second read of the same answer are two groups', () => {
    const groups = groupAnswers([c('1', '3'), c('2', '3', 2), c('3', '3')], 'fill_blank');
    expect(groups).toEqual([
      { key: '3', readNumber: 1, taskIds: ['1', '3'] },
      { key: '3', readNumber: 2, taskIds: ['2'] },
    ]);
  });

  it('caps a group at one lease', () => {
    const many = Array.from({ length: GROUP_LEASE_MAX + 5 }, (_, i) => c(String(i + 1), '7'));
    expect(groupAnswers(many, 'fill_blank')[0].taskIds).toHaveLength(GROUP_LEASE_MAX);
  });

  it('breaks ties by the oldest answer, so every teacher sees the same order', () => {
    const groups = groupAnswers(
      [c('9', 'b'), c('3', 'a'), c('10', 'b'), c('4', 'a')],
      'fill_blank',
    );
    expect(groups.map((g) => g.key)).toEqual(['a', 'b']);
  });
});
