import fc from 'fast-check';
import { gradeResponse } from './grade';
import { GradableItem, GradeResult } from './types';

/**
 * Properties that hold for every response, however it is written: no response scores more than
 * its key allows (or less than 0), and nothing the grader could not read, or chose not to score,
 * carries points. Responses are built from the pieces real ones are made of (anchors, tags,
 * boxed answers, reasoning, negations, hedges, letters, numbers, noise), so the rules are reached.
 */

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const labels = (n: number) =>
  LETTERS.slice(0, n).map((label, i) => ({
    label,
    text: ['北京', '上海', '广州', '深圳', 'the sun'][i],
  }));

const letterSet = (n: number) =>
  fc.subarray(LETTERS.slice(0, n), { minLength: 1 }).map((ls) => ls.join(''));
const points = fc.integer({ min: 0, max: 12 });

const single = fc
  .record({ n: fc.integer({ min: 2, max: 5 }), points })
  .chain(({ n, points }) =>
    fc
      .constantFrom(...LETTERS.slice(0, n))
      .map((key): GradableItem => ({ type: 'single_choice', options: labels(n), key, points })),
  );
const multi = fc
  .record({ n: fc.integer({ min: 2, max: 5 }), points, partial: fc.integer({ min: 0, max: 15 }) })
  .chain(({ n, points, partial }) =>
    fc
      .record({
        key: letterSet(n),
        rule: fc.constantFrom('all_or_nothing', 'subset_fixed', 'per_correct_option' as const),
      })
      .map(({ key, rule }): GradableItem => ({
        type: 'multiple_choice',
        options: labels(n),
        key,
        points,
        policy: { rule, partialPoints: partial },
      })),
  );
const trueFalse = fc
  .record({ key: fc.boolean(), points })
  .map((x): GradableItem => ({ type: 'true_false', ...x }));
const KEYS = [
  '\\frac{1}{2}',
  '0.3',
  '(1,+\\infty)',
  '2\\pi',
  'x^2+2x',
  '1.5m',
  '25%',
  '增大',
  '-3',
  '60°',
];
const blank = fc
  .record({
    keys: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }),
    points,
    strict: fc.boolean(),
  })
  .map(({ keys, points, strict }): GradableItem => ({
    type: 'fill_blank',
    key: keys,
    blanks: keys.length,
    points,
    isFormStrict: strict,
  }));
const composite = fc
  .array(fc.oneof(single, trueFalse), { minLength: 1, maxLength: 3 })
  .map((subs): GradableItem => ({
    type: 'composite',
    points: subs.reduce((a, s) => a + s.points, 0),
    subQuestions: subs.map((s, i) => ({ ...s, number: String(i + 1) })),
  }));
const item = fc.oneof(single, multi, trueFalse, blank, composite);

const PIECES = [
  '【答案】',
  '【答案1】',
  '【答案2】',
  '【第1空】',
  '【第2空】',
  '第1空：',
  '\\boxed{',
  '}',
  '<think>',
  '</think>',
  '答案是',
  '答案：',
  '最终答案：',
  '故选',
  '所以',
  'The answer is ',
  'Final answer: ',
  'Answer: ',
  'not ',
  '不是',
  '或',
  ' or possibly ',
  'It might also be ',
  'Wait, ',
  '不对，',
  '、',
  ', ',
  ' and ',
  '. ',
  '。',
  '\n',
  '对',
  '错误',
  'True',
  'false',
  '不正确',
  '50%',
  '1/2',
  '0.5',
  '\\frac{1}{2}',
  '(1,+∞)',
  '\\{x|x>1\\}',
  '−3',
  '2π',
  'x(x+2)',
  '150cm',
  '60^\\circ',
  '北京',
  '广州',
  'the sun',
  '**',
  '$',
  '\u2009',
  'Ｃ',
  '\\log_2 8',
];
const response = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...PIECES),
        fc.constantFrom(...LETTERS),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 14 },
    )
    .map((p) => p.join('')),
  fc.string({ maxLength: 40 }),
);

function check(r: GradeResult) {
  expect(r.maxScore).toBeGreaterThanOrEqual(0);
  if (r.status === 'unparsed' || r.status === 'not_scored') expect(r.score).toBeNull();
  else {
    expect(r.score).not.toBeNull();
    expect(r.score!).toBeGreaterThanOrEqual(0);
    expect(r.score!).toBeLessThanOrEqual(r.maxScore);
    if (r.status === 'wrong') expect(r.score).toBe(0);
    if (r.status === 'correct') expect(r.score).toBe(r.maxScore);
    if (r.status === 'partial') expect(r.score! > 0 && r.score! < r.maxScore).toBe(true);
  }
  expect(typeof r.explanation).toBe('string');
  expect(r.reason.code).toBeTruthy();
  r.parts?.forEach(check);
}

describe('grader properties', () => {
  it('never scores above the key, below 0, or gives points to an unread or unscored answer', () => {
    fc.assert(
      fc.property(
        item,
        response,
        fc.constantFrom('stop', 'length', null),
        (it, text, finishReason) => {
          const r = gradeResponse(it, text, { finishReason });
          expect(r.maxScore).toBe(it.points);
          check(r);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('never gives full marks to a single-choice answer that names two different options as alternatives', () => {
    const hedge = fc.constantFrom(
      '或',
      '或者',
      ' or ',
      ', or possibly ',
      '. It might also be ',
      '，也可能是',
      ' (or ',
      '/',
    );
    const anchor = fc.constantFrom(
      '答案：',
      '【答案】',
      'The answer is ',
      'Final answer: ',
      '故选',
      '',
    );
    fc.assert(
      fc.property(
        single,
        anchor,
        hedge,
        fc.constantFrom(...LETTERS),
        fc.constantFrom(...LETTERS),
        (it, a, h, x, y) => {
          fc.pre(x !== y && it.points > 0);
          const r = gradeResponse(it, `${a}${x}${h}${y}`);
          expect(r.status === 'correct').toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never credits an answer that only rules options out', () => {
    const negation = fc.constantFrom(
      '答案不是',
      'The answer is not ',
      '不选',
      'It is not ',
      'Answer: not ',
    );
    fc.assert(
      fc.property(single, negation, fc.constantFrom(...LETTERS), (it, n, x) => {
        fc.pre(it.points > 0);
        expect(gradeResponse(it, `${n}${x}.`).score ?? 0).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
