import { gradeResponse } from './grade';
import { CLASS_CORPUS, CLASS_ITEMS } from './grading-corpus-classes';
import { GradableItem } from './types';

describe.each(Object.entries(CLASS_CORPUS))('%s', (_name, cases) => {
  it('has at least ten cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  it.each(cases.map((c, i) => [i, c.item, c.response.slice(0, 60).replace(/\n/g, '⏎'), c] as const))('#%i %s: %s', (_i, _item, _r, c) => {
    const r = gradeResponse(CLASS_ITEMS[c.item] as GradableItem, c.response, { finishReason: c.finishReason ?? 'stop' });
    expect({ status: r.status, extracted: r.extracted, score: r.score, method: r.method }).toEqual({
      status: c.status,
      extracted: c.extracted ?? null,
      score: c.score ?? null,
      method: c.method ?? r.method,
    });
    expect(r.explanation).toBeTruthy();
    expect(r.reason.code).toMatch(/^(score|unparsed|not-scored)\./);
  });
});
