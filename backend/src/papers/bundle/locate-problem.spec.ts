import { miniBundle } from '../../../test/fixtures/bundle-fixture';
import { parsePath } from './locate-problem';
import { validateBundle } from './validate-bundle';

const replace = (from: string, to: string) => (s: string) => {
  const out = s.replace(from, to);
  if (out === s) throw new Error(`fixture edit did not apply: ${from}`);
  return out;
};

function problems(edit: Parameters<typeof miniBundle>[0]) {
  const r = validateBundle(miniBundle(edit));
  if (r.ok) throw new Error('expected the bundle to be rejected');
  return r.errors;
}

describe('problem locations', () => {
  it('splits a JSON path back into segments', () => {
    expect(parsePath('sections[0].questions[12].options[1].text')).toEqual([
      'sections',
      0,
      'questions',
      12,
      'options',
      1,
      'text',
    ]);
    expect(parsePath('')).toEqual([]);
  });

  it('a schema error does not hide the semantic errors nor the rubric errors: every problem at once', () => {
    const errors = problems({
      paper: (s) => replace('grade: 12', 'grade: 13')(replace('answer: AB', 'answer: AZ')(s)),
      rubric: (s) => s.replace(/ceiling: \d+/, 'ceiling: 99'),
    });
    const codes = errors.map((e) => e.code);
    expect(codes).toContain('bundle.schema.maximum');
    expect(codes).toContain('bundle.answer_unknown_option');
    expect(codes).toContain('rubric.ceiling');
  });

  it('every problem has a code, params and a location naming the question and field', () => {
    const errors = problems({ paper: replace('answer: AB', 'answer: AZ') });
    expect(errors.every((e) => e.code && e.params && e.location)).toBe(true);
    const e = errors.find((x) => x.code === 'bundle.answer_unknown_option')!;
    expect(e.location).toEqual({
      scope: 'question',
      section: 1,
      ordinal: 2,
      question: '2',
      field: 'answer',
    });
    expect(e.params).toMatchObject({ answer: 'AZ', letters: 'Z' });
  });

  it('locates a sub-question by its own number, an option by its place, paper fields by name', () => {
    const errors = problems({
      paper: (s) =>
        replace(
          'answer: C',
          'answer: Q',
        )(
          replace(
            'text: 乙',
            'text: 7\n            image: 3',
          )(replace('licence: CC0-1.0', 'licence: ""')(s)),
        ),
    });
    const byCode = (c: string) => errors.find((e) => e.code === c)?.location;
    expect(byCode('bundle.answer_unknown_option')).toMatchObject({
      scope: 'question',
      question: '5',
      field: 'answer',
    });
    expect(errors.map((e) => e.location)).toContainEqual(
      expect.objectContaining({ scope: 'question', question: '2', field: 'options', index: 2 }),
    );
    expect(byCode('bundle.schema.minLength')).toEqual({
      scope: 'paper',
      field: 'source',
      subfield: 'licence',
    });
  });

  it('a missing field of a question is located at that field', () => {
    const errors = problems({
      paper: replace('        points: 2\n        stem: 地球是圆的。', '        stem: 地球是圆的。'),
    });
    const e = errors.find((x) => x.code === 'bundle.points_required');
    expect(e?.location).toMatchObject({ scope: 'question', question: '3', field: 'points' });
  });

  it('rubric problems name the rubric of question N', () => {
    const errors = problems({ rubric: (s) => s.replace(/ceiling: \d+/, 'ceiling: 99') });
    expect(errors[0].location).toMatchObject({ scope: 'rubric', field: 'ceiling' });
    expect(errors[0].location?.question).toBeTruthy();
  });
});
