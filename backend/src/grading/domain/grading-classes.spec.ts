import { gradeResponse } from './grade';
import { CLASS_CORPUS, CLASS_ITEMS } from './grading-corpus-classes';
import { GradableItem } from './types';

describe.each(Object.entries(CLASS_CORPUS))('%s', (_name, cases) => {
  it('has at least ten cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  it.each(
    cases.map((c, i) => [i, c.item, c.response.slice(0, 60).replace(/\n/g, '⏎'), c] as const),
  )('#%i %s: %s', (_i, _item, _r, c) => {
    const r = gradeResponse(CLASS_ITEMS[c.item] as GradableItem, c.response, {
      finishReason: c.finishReason ?? 'stop',
    });
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

describe('every decision is in the trace, as codes with parameters', () => {
  const grade = (item: keyof typeof CLASS_ITEMS, text: string, finishReason?: string) =>
    gradeResponse(CLASS_ITEMS[item] as GradableItem, text, { finishReason });
  const codes = (r: ReturnType<typeof grade>) => r.trace.map((t) => t.code);

  it('names the retracted answer, its cue and the final one', () => {
    const r = grade(
      'single',
      '<think>想想</think>所以 \\boxed{A}。Wait, 再检查一下。Final answer: C',
    );
    expect(codes(r)).toEqual(['clean.reasoning-dropped', 'region.retracted', 'region.found']);
    expect(r.trace[1].params).toEqual({
      earlier: 'A',
      earlierRule: 'boxed',
      final: 'C',
      finalRule: 'anchor-en',
      cue: 'wait',
    });
    expect(r.reason).toEqual({ code: 'score.correct', params: { answer: 'C' } });
    expect(r.explanation).toBe(
      'C is the key (reasoning (17 characters) dropped, never graded; A (boxed) retracted ("wait"); final C (anchor-en))',
    );
  });

  it('says where the answer sentence ended and which letters were ruled out', () => {
    const r = grade('singleEn', 'The answer is B, not A. C is wrong too.');
    expect(codes(r)).toEqual(['region.found', 'read.sentence-end', 'read.ruled-out']);
    expect(r.trace[2].params).toEqual({ letters: 'A' });
  });

  it('gives the reason of an unparsed or unscored answer as a code', () => {
    expect(grade('single', '答案：A或C').reason).toEqual({
      code: 'unparsed.alternatives',
      params: { letters: 'A, C' },
    });
    expect(grade('single', '<think>所以答案是C').reason).toEqual({
      code: 'not-scored.cut-in-reasoning',
      params: { chars: 13 },
    });
    expect(grade('single', '答案是C', 'length').reason).toEqual({
      code: 'unparsed.cut-at-answer',
      params: { finishReason: 'length' },
    });
    const blank = grade('blankThree', '【第1空】\\log_2 8');
    expect(blank.reason.code).toBe('score.blanks-undecided');
    expect(blank.parts?.[0].reason).toEqual({
      code: 'score.blank-undecidable',
      params: { keys: '3', why: 'the answer uses notation the rules do not read' },
    });
  });

  it('keeps the English sentences current consumers show', () => {
    expect(grade('tf', '【答案】正确').explanation).toBe('true, the key is false');
    expect(grade('multiSubset', '【答案】AC').explanation).toBe(
      'AC is part of the key ACD; subset_fixed gives 3',
    );
  });
});
