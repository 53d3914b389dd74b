import { fullMarksItems, isCompleteScore, itemPoints, toggleItem } from './marking-keys';

const rubric = {
  mode: 'items' as const,
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 6,
  graderNotes: null,
  items: [
    { id: 'a', points: 2, description: '列出方程' },
    { id: 'b1', points: 3, description: '结果正确', group: 'g' },
    { id: 'b2', points: 1, description: '结果部分正确', group: 'g' },
    { id: 'c', points: 1, description: '作答规范' },
    { id: 'd', points: -1, description: '书写不规范' },
  ],
};

describe('isCompleteScore', () => {
  it.each([
    ['7', 0, 10, true],
    ['1', 0, 10, false],
    ['10', 0, 10, true],
    ['0', 0, 10, true],
    ['1', 0, 6, true],
    ['7', 0, 6, false],
    ['7.', 0, 10, false],
    ['7.5', 0, 10, true],
    ['2', 0, 25, false],
    ['3', 0, 25, true],
    ['25', 0, 25, true],
    ['', 0, 10, false],
  ])('%s of %s–%s: %s', (typed, floor, ceiling, complete) => {
    expect(isCompleteScore(typed, floor, ceiling)).toBe(complete);
  });
});

describe('rubric items', () => {
  it('gives full marks with the best item of each group', () => {
    expect(fullMarksItems(rubric)).toEqual(['a', 'c', 'b1']);
    expect(itemPoints(rubric, fullMarksItems(rubric))).toBe(6);
  });

  it('clamps at floor and ceiling', () => {
    expect(itemPoints(rubric, ['d'])).toBe(0);
    expect(itemPoints(rubric, ['a', 'b1', 'c'])).toBe(6);
    expect(itemPoints(rubric, ['a', 'b1', 'c', 'd'])).toBe(5);
  });

  it('keeps one item per one-of group', () => {
    expect(toggleItem(rubric, ['a', 'b1'], 'b2')).toEqual(['a', 'b2']);
    expect(toggleItem(rubric, ['a', 'b2'], 'b2')).toEqual(['a']);
  });
});
