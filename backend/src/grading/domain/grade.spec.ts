import { gradeResponse } from './grade';
import { blankMatches } from './equivalence';
import { CORPUS, ITEMS } from './grading-corpus';
import { GradableItem, GRADER_VERSION } from './types';

describe('grading corpus', () => {
  it('has at least 150 responses', () => expect(CORPUS.length).toBeGreaterThanOrEqual(150));

  it.each(
    CORPUS.map((c, i) => [i, c.item, c.response.slice(0, 60).replace(/\n/g, '⏎'), c] as const),
  )('#%i %s: %s', (_i, _item, _r, c) => {
    const r = gradeResponse(ITEMS[c.item] as GradableItem, c.response);
    expect({ status: r.status, extracted: r.extracted, score: r.score, method: r.method }).toEqual({
      status: c.status,
      extracted: c.extracted ?? null,
      score: c.score ?? null,
      method: c.method ?? r.method,
    });
    expect(r.graderVersion).toBe(GRADER_VERSION);
    expect(r.explanation).toBeTruthy();
  });
});

describe('blank equivalence', () => {
  it.each([
    ['0.25', '0.26', false],
    ['x=12', '13', false],
    ['x=12', '12', true],
    ['1.5m', '1.6m', false],
    ['\\left(1,2\\right)', '(1,2)', true],
    ['(1,2]', '(1,2)', false],
    ['\\frac{\\sqrt{3}}{2}', '\\frac{1}{2}\\sqrt{3}', true],
    ['a^2-b^2', '(a+b)(a-b)', true],
    ['a^2-b^2', '(a-b)^2', false],
    ['50%', '0.5', true],
    ['50%', '5', false],
    ['0.5', '50%', true],
  ] as const)('%s vs key %s → %s', (answer, key, equal) => {
    expect(blankMatches(answer, key).equal).toBe(equal);
  });
});
