import {
  FILTER_SUBJECTS,
  itemPoints,
  type MarkingRubric,
  questionFields,
  rubricFields,
  SUBJECTS,
} from './index';

const rubric: MarkingRubric = {
  mode: 'items',
  startingPoints: 1,
  floorPoints: 0,
  ceilingPoints: 6,
  items: [
    { id: 'a', points: 2, description: 'method' },
    { id: 'b', points: 3, description: 'result' },
    { id: 'pen', points: -4, description: 'units missing' },
  ],
};

describe('itemPoints (the marking screen and the server alike)', () => {
  it.each([
    [[], 1],
    [['a'], 3],
    [['a', 'b'], 6],
    [['pen'], 0], // clamped at the floor
    [['a', 'b', 'b'], 6], // clamped at the ceiling
    [['nope'], 1], // an unknown id counts nothing (the server refuses it first)
  ])('%j → %d', (applied, points) => expect(itemPoints(rubric, applied)).toBe(points));
});

describe('subjects', () => {
  it('the filters offer every subject but other, in the same order', () => {
    expect(FILTER_SUBJECTS).toEqual(SUBJECTS.filter((s) => s !== 'other'));
    expect(FILTER_SUBJECTS).not.toContain('other');
  });
});

describe('questionFields and rubricFields (the importer and the editor preview alike)', () => {
  it('fills defaults, and a composite scores the sum of its parts', () => {
    expect(
      questionFields({
        number: '5',
        type: 'composite',
        points: 99,
        subQuestions: [
          { number: '5(1)', type: 'short_answer', points: 4 },
          { number: '5(2)', type: 'calculation', points: 6 },
        ],
      }),
    ).toEqual({
      number: '5',
      type: 'composite',
      isObjective: false,
      points: 10,
      stem: '',
      options: null,
      blanks: null,
      answerKey: null,
      referenceAnswer: null,
      analysis: null,
      tags: [],
      tolerance: null,
    });
    const choice = questionFields({
      number: '1',
      type: 'single_choice',
      points: 5,
      options: [{ label: 'A', text: 'x' }, { label: 'B' }],
    });
    expect(choice).toMatchObject({
      isObjective: true,
      points: 5,
      options: [{ label: 'A', text: 'x' }, { label: 'B' }],
    });
  });

  it('a question without a rubric entry is marked by score from 0 to its points; one with items by items', () => {
    expect(rubricFields(undefined, 8)).toEqual({
      mode: 'score',
      startingPoints: 0,
      floor: 0,
      ceiling: 8,
      items: [],
      graderNotes: null,
      samples: [],
    });
    expect(
      rubricFields(
        { question: '7', items: [{ id: 'a', points: 2, description: 'd' }], ceiling: 6 },
        8,
      ),
    ).toMatchObject({
      mode: 'items',
      ceiling: 6,
    });
  });
});
