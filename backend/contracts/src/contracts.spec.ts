import { FILTER_SUBJECTS, itemPoints, type MarkingRubric, SUBJECTS } from './index';

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
